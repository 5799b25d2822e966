// engine/services/s3: the local S3 endpoint over real sockets on 127.0.0.1,
// a real workspace file and the buckets' real folders — objects written
// whole, ranges, listings paged with delimiters and URL encoding, copies,
// batch deletes, S3's XML errors for bad input and hostile keys — and real
// clients: a Node.js handler using client-s3 and a Python handler using
// boto3, run by the executor, whose writes notify the bucket's consumer;
// and the AWS CLI.

#include "servicestest.h"

#include "engine/runtime/launch.h"
#include "engine/services/s3.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace stratus::engine;
using namespace stratus::engine::run;
using namespace stratus::test;

namespace {

const char *kNodeCode = R"JS(
const { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, CopyObjectCommand,
        DeleteObjectCommand, ListBucketsCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async () => {
  const Bucket = process.env.UPLOADS_BUCKET_NAME;
  const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/a b.txt', Body: 'hello world',
    ContentType: 'text/plain', Metadata: { owner: 'js' } }));
  await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/deep/c.txt', Body: 'c' }));
  await s3.send(new PutObjectCommand({ Bucket, Key: 'top.txt', Body: 't' }));
  const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/a b.txt', Range: 'bytes=6-' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/a b.txt' }));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'docs/', Delimiter: '/' }));
  const copy = await s3.send(new CopyObjectCommand({ Bucket: process.env.ARCHIVE_BUCKET_NAME, Key: 'copied.txt',
    CopySource: `${Bucket}/docs/a%20b.txt` }));
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'top.txt' }));
  let missing = null;
  try { await s3.send(new GetObjectCommand({ Bucket, Key: 'top.txt' })); } catch (e) { missing = e.name; }
  const buckets = await s3.send(new ListBucketsCommand({}));
  return { eTag: put.ETag, range: await got.Body.transformToString(), contentRange: got.ContentRange,
           type: head.ContentType, owner: head.Metadata.owner, length: head.ContentLength,
           keys: (listed.Contents || []).map(c => c.Key), prefixes: (listed.CommonPrefixes || []).map(p => p.Prefix),
           copyETag: copy.CopyObjectResult.ETag, missing, buckets: buckets.Buckets.map(b => b.Name) };
};
)JS";

const char *kPythonCode = R"PY(
import os
import boto3

s3 = boto3.client("s3")

def handler(event, context):
    bucket = os.environ["UPLOADS_BUCKET_NAME"]
    for i in range(3):
        s3.put_object(Bucket=bucket, Key=f"py/{i}.json", Body=b'{"n": %d}' % i)
    body = s3.get_object(Bucket=bucket, Key="py/1.json")["Body"].read().decode()
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="py/",
                                                              PaginationConfig={"PageSize": 2}))
    deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "py/0.json"}, {"Key": "py/2.json"}]})
    left = s3.list_objects_v2(Bucket=bucket, Prefix="py/")
    return {"body": body, "pages": len(pages), "deleted": sorted(d["Key"] for d in deleted["Deleted"]),
            "left": [c["Key"] for c in left["Contents"]]}
)PY";

std::string workspace()
{
    Json nodes = Json::array({
        kindNode("go-node", "trigger.manual"),
        functionNode("node-user", kNodeCode, {{"uses", {"uploads", "archive"}}, {"timeoutS", 20}}),
        kindNode("go-python", "trigger.manual"),
        Json{{"id", "python-user"},
             {"kind", "function"},
             {"name", "python-user"},
             {"config",
              {{"runtime", "python3.11"}, {"handler", "app.handler"}, {"uses", {"uploads"}}, {"timeoutS", 20},
               {"files", {{"app.py", kPythonCode}}}}}},
        kindNode("uploads", "bucket"),
        kindNode("archive", "bucket"),
        functionNode("on-upload", "exports.handler = async (e) => ({ seen: e.Records.map(r => r.eventName + ' ' + r.s3.object.key) });"),
    });
    Json edges = Json::array({edgeJson("go-node", "event", "node-user"), edgeJson("go-python", "event", "python-user"),
                              edgeJson("uploads", "out", "on-upload")});
    return workspaceDocument(nodes, edges);
}

std::string contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string("(missing)");
}

std::string md5Of(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Md5).toHex().toStdString();
}

} // namespace

class TestS3 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void putGetHeadAndRanges();
    void listingsPageWithDelimitersAndEncoding();
    void copyAndBatchDelete();
    void multipartUploadsAreJoinedWhole();
    void uploadsAskingToContinueAreAnsweredAtOnce();
    void awsChunkedBodiesAreDecoded();
    void badInputGetsS3ErrorsAndWritesNothing();
    void keysNeverLeaveTheBucketsFolder();
    void keysThatClashWithTheFilesAreRefusedAsTheCallersFault();
    void conditionalRequestsAndFreshETags();
    void requestsS3WouldRefuseAreRefused();
    void sdkHandlersUseTheBuckets();
    void awsCliCopiesListsAndRemoves();

private:
    HttpAnswer send(const std::string &method, const std::string &target, const std::string &body = {},
                    const std::vector<std::string> &headers = {});
    std::string objectFile(const char *bucket, const std::string &key) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<WorkspaceServer> m_server;
    std::vector<RunOutcome> m_runs;
    int m_port = 0;
};

void TestS3::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = writeWorkspace(m_dir->path(), workspace());
    Status started;
    m_server = serveWithEndpoints(*m_dir, m_file, m_runs, started);
    QVERIFY2(started.isOk(), started.message().c_str());
    m_port = portOf(m_server->servicesUrl());
}

void TestS3::cleanupTestCase()
{
    if (m_server)
        m_server->stop(0);
    m_server.reset();
}

HttpAnswer TestS3::send(const std::string &method, const std::string &target, const std::string &body,
                        const std::vector<std::string> &headers)
{
    RawHttp http(m_port);
    http.answersHaveNoBody(method == "HEAD");
    std::vector<std::string> all = headers;
    all.push_back("Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/s3/aws4_request, "
                  "SignedHeaders=host, Signature=00");
    http.send(RawHttp::request(method, target, body, all));
    const auto answers = http.read(1);
    return answers.empty() ? HttpAnswer{} : answers[0];
}

std::string TestS3::objectFile(const char *bucket, const std::string &key) const
{
    return m_dir->filePath(QString::fromLatin1(bucket)).toStdString() + "/" + key;
}

void TestS3::putGetHeadAndRanges()
{
    const HttpAnswer put = send("PUT", "/uploads/notes/today%20%2B%20tomorrow.txt", "0123456789",
                                {"Content-Type: text/markdown", "x-amz-meta-author: ana", "Cache-Control: no-cache"});
    QCOMPARE(put.status, 200);
    QCOMPARE_STR(put.headers.at("etag"), "\"" + md5Of("0123456789") + "\"");
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("uploads", "notes/today + tomorrow.txt"))), "0123456789");

    const HttpAnswer got = send("GET", "/uploads/notes/today%20%2B%20tomorrow.txt");
    QCOMPARE(got.status, 200);
    QCOMPARE_STR(got.body, "0123456789");
    QCOMPARE_STR(got.headers.at("content-type"), "text/markdown");
    QCOMPARE_STR(got.headers.at("x-amz-meta-author"), "ana");
    QCOMPARE_STR(got.headers.at("cache-control"), "no-cache");
    QVERIFY(got.headers.at("last-modified").ends_with(" GMT"));

    const HttpAnswer head = send("HEAD", "/uploads/notes/today%20%2B%20tomorrow.txt");
    QCOMPARE(head.status, 200);
    QCOMPARE_STR(head.headers.at("content-length"), "10");
    QCOMPARE_STR(head.body, "");

    for (const auto &[range, part, contentRange] :
         {std::tuple{"bytes=2-4", "234", "bytes 2-4/10"}, std::tuple{"bytes=7-", "789", "bytes 7-9/10"},
          std::tuple{"bytes=-2", "89", "bytes 8-9/10"}, std::tuple{"bytes=8-100", "89", "bytes 8-9/10"}}) {
        const HttpAnswer a = send("GET", "/uploads/notes/today%20%2B%20tomorrow.txt", {}, {std::string("Range: ") + range});
        QCOMPARE(a.status, 206);
        QCOMPARE_STR(a.body, part);
        QCOMPARE_STR(a.headers.at("content-range"), contentRange);
    }
    const HttpAnswer beyond = send("GET", "/uploads/notes/today%20%2B%20tomorrow.txt", {}, {"Range: bytes=10-"});
    QCOMPARE(beyond.status, 416);
    QVERIFY2(beyond.body.find("<Code>InvalidRange</Code>") != std::string::npos, beyond.body.c_str());

    // Conditional reads, as S3 answers them.
    const std::string eTag = put.headers.at("etag");
    QCOMPARE(send("GET", "/uploads/notes/today%20%2B%20tomorrow.txt", {}, {"If-None-Match: " + eTag}).status, 304);
    QCOMPARE(send("GET", "/uploads/notes/today%20%2B%20tomorrow.txt", {}, {"If-Match: \"other\""}).status, 412);

    // A file put in the folder by hand is an object too, its type guessed from its name.
    QFile byHand(QString::fromStdString(objectFile("uploads", "by-hand.json")));
    QVERIFY(byHand.open(QIODevice::WriteOnly));
    byHand.write("{}");
    byHand.close();
    const HttpAnswer handMade = send("GET", "/uploads/by-hand.json");
    QCOMPARE(handMade.status, 200);
    QCOMPARE_STR(handMade.headers.at("content-type"), "application/json");
    QCOMPARE_STR(handMade.headers.at("etag"), "\"" + md5Of("{}") + "\"");
    QCOMPARE(send("DELETE", "/uploads/by-hand.json").status, 204);
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "by-hand.json"))));
    QCOMPARE(send("DELETE", "/uploads/by-hand.json").status, 204); // S3 answers the same for none
}

void TestS3::listingsPageWithDelimitersAndEncoding()
{
    for (const char *key : {"list/a.txt", "list/b/1.txt", "list/b/2.txt", "list/c%20d.txt", "list/e.txt", "list/f/g/h.txt"})
        QCOMPARE(send("PUT", std::string("/uploads/") + key, "x").status, 200);
    // Every key, two at a time, in S3's order.
    std::vector<std::string> keys;
    std::string token;
    int pages = 0;
    do {
        std::string target = "/uploads?list-type=2&prefix=list%2F&max-keys=2";
        if (!token.empty())
            target += "&continuation-token=" + QUrl::toPercentEncoding(QString::fromStdString(token)).toStdString();
        const HttpAnswer page = send("GET", target);
        QCOMPARE(page.status, 200);
        ++pages;
        for (size_t at = page.body.find("<Key>"); at != std::string::npos; at = page.body.find("<Key>", at + 1))
            keys.push_back(page.body.substr(at + 5, page.body.find("</Key>", at) - at - 5));
        const size_t next = page.body.find("<NextContinuationToken>");
        token = next == std::string::npos ? std::string()
                                          : page.body.substr(next + 23, page.body.find("</NextContinuationToken>") - next - 23);
        QVERIFY(pages < 10);
    } while (!token.empty());
    QCOMPARE(pages, 3);
    QCOMPARE(keys, (std::vector<std::string>{"list/a.txt", "list/b/1.txt", "list/b/2.txt", "list/c d.txt", "list/e.txt",
                                             "list/f/g/h.txt"}));

    // A delimiter folds the keys below a level into common prefixes; with
    // encoding-type=url, keys come percent-encoded.
    const HttpAnswer level = send("GET", "/uploads?list-type=2&prefix=list%2F&delimiter=%2F&encoding-type=url");
    QCOMPARE(level.status, 200);
    QVERIFY2(level.body.find("<Key>list/c%20d.txt</Key>") != std::string::npos, level.body.c_str());
    QVERIFY(level.body.find("<CommonPrefixes><Prefix>list/b/</Prefix></CommonPrefixes>") != std::string::npos);
    QVERIFY(level.body.find("<CommonPrefixes><Prefix>list/f/</Prefix></CommonPrefixes>") != std::string::npos);
    QVERIFY(level.body.find("list/b/1.txt") == std::string::npos);
    QVERIFY(level.body.find("<KeyCount>5</KeyCount>") != std::string::npos);
    // A common prefix is one entry of a page, and is not listed again on the next.
    const HttpAnswer first = send("GET", "/uploads?list-type=2&prefix=list%2F&delimiter=%2F&max-keys=2");
    QVERIFY2(first.body.find("<IsTruncated>true</IsTruncated>") != std::string::npos, first.body.c_str());
    const size_t next = first.body.find("<NextContinuationToken>");
    const std::string after = first.body.substr(next + 23, first.body.find("</NextContinuationToken>") - next - 23);
    const HttpAnswer second = send("GET", "/uploads?list-type=2&prefix=list%2F&delimiter=%2F&max-keys=2&continuation-token="
                                              + QUrl::toPercentEncoding(QString::fromStdString(after)).toStdString());
    QVERIFY2(second.body.find("list/b/") == std::string::npos, second.body.c_str());
    QVERIFY(second.body.find("<Key>list/c d.txt</Key>") != std::string::npos);
    // ListObjects (version 1) with a marker.
    const HttpAnswer v1 = send("GET", "/uploads?prefix=list%2F&marker=list%2Fc");
    QCOMPARE(v1.status, 200);
    QVERIFY2(v1.body.find("<Key>list/a.txt</Key>") == std::string::npos && v1.body.find("<Key>list/e.txt</Key>") != std::string::npos,
             v1.body.c_str());
    const HttpAnswer buckets = send("GET", "/");
    QVERIFY2(buckets.body.find("<Name>archive</Name>") != std::string::npos
                 && buckets.body.find("<Name>uploads</Name>") != std::string::npos,
             buckets.body.c_str());
}

void TestS3::copyAndBatchDelete()
{
    QCOMPARE(send("PUT", "/uploads/copy/source.txt", "payload", {"Content-Type: text/x-source"}).status, 200);
    const HttpAnswer copied = send("PUT", "/archive/kept/source.txt", {}, {"x-amz-copy-source: /uploads/copy/source.txt"});
    QCOMPARE(copied.status, 200);
    QVERIFY2(copied.body.find("<ETag>&quot;" + md5Of("payload") + "&quot;</ETag>") != std::string::npos, copied.body.c_str());
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("archive", "kept/source.txt"))), "payload");
    QCOMPARE_STR(send("GET", "/archive/kept/source.txt").headers.at("content-type"), "text/x-source");
    const HttpAnswer itself = send("PUT", "/uploads/copy/source.txt", {}, {"x-amz-copy-source: uploads/copy/source.txt"});
    QCOMPARE(itself.status, 400);
    QVERIFY(itself.body.find("<Code>InvalidRequest</Code>") != std::string::npos);
    QCOMPARE(send("PUT", "/archive/x", {}, {"x-amz-copy-source: uploads/copy/none.txt"}).status, 404);

    QCOMPARE(send("PUT", "/uploads/copy/two.txt", "2").status, 200);
    const std::string request = "<?xml version=\"1.0\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                "<Object><Key>copy/source.txt</Key></Object><Object><Key>copy/two.txt</Key></Object>"
                                "<Object><Key>copy/never-was.txt</Key></Object></Delete>";
    const HttpAnswer deleted = send("POST", "/uploads?delete", request);
    QCOMPARE(deleted.status, 200);
    QVERIFY2(deleted.body.find("<Deleted><Key>copy/two.txt</Key></Deleted>") != std::string::npos, deleted.body.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "copy/two.txt"))));
    // The folder the objects left is gone too: S3 has no folders.
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "copy"))));
}

void TestS3::multipartUploadsAreJoinedWhole()
{
    const auto between = [](const std::string &text, const std::string &tag) {
        const size_t at = text.find("<" + tag + ">");
        return at == std::string::npos ? std::string()
                                       : text.substr(at + tag.size() + 2, text.find("</" + tag + ">") - at - tag.size() - 2);
    };
    const HttpAnswer created = send("POST", "/uploads/parts/joined.bin?uploads", {}, {"Content-Type: application/x-joined"});
    QCOMPARE(created.status, 200);
    const std::string id = between(created.body, "UploadId");
    QVERIFY2(!id.empty(), created.body.c_str());
    const std::string first(6 * 1024 * 1024, 'a');
    const std::string second = "the end";
    const HttpAnswer one = send("PUT", "/uploads/parts/joined.bin?partNumber=1&uploadId=" + id, first);
    const HttpAnswer two = send("PUT", "/uploads/parts/joined.bin?partNumber=2&uploadId=" + id, second);
    QCOMPARE(one.status, 200);
    QCOMPARE_STR(two.headers.at("etag"), "\"" + md5Of(second) + "\"");
    QCOMPARE(send("PUT", "/uploads/parts/joined.bin?partNumber=0&uploadId=" + id, "x").status, 400);
    // Nothing is an object until the upload is completed, and parts are never listed.
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "parts/joined.bin"))));
    QVERIFY(send("GET", "/uploads?list-type=2").body.find("stratus-part") == std::string::npos);
    const auto complete = [&](const std::string &parts) {
        return send("POST", "/uploads/parts/joined.bin?uploadId=" + id,
                    "<CompleteMultipartUpload>" + parts + "</CompleteMultipartUpload>");
    };
    const std::string part1 = "<Part><PartNumber>1</PartNumber><ETag>" + one.headers.at("etag") + "</ETag></Part>";
    const std::string part2 = "<Part><PartNumber>2</PartNumber><ETag>" + two.headers.at("etag") + "</ETag></Part>";
    QVERIFY(complete(part2 + part1).body.find("<Code>InvalidPartOrder</Code>") != std::string::npos);
    QVERIFY(complete(part1 + "<Part><PartNumber>2</PartNumber><ETag>\"0000\"</ETag></Part>").body.find("<Code>InvalidPart</Code>")
            != std::string::npos);
    const HttpAnswer done = complete(part1 + part2);
    QCOMPARE(done.status, 200);
    QVERIFY2(done.body.find("<Key>parts/joined.bin</Key>") != std::string::npos, done.body.c_str());
    QCOMPARE(contentsOf(QString::fromStdString(objectFile("uploads", "parts/joined.bin"))).size(), first.size() + second.size());
    QCOMPARE_STR(send("GET", "/uploads/parts/joined.bin", {}, {"Range: bytes=-7"}).body, second);
    QCOMPARE_STR(send("HEAD", "/uploads/parts/joined.bin").headers.at("content-type"), "application/x-joined");
    // A completed upload is gone; an aborted one too, with its parts.
    QCOMPARE(complete(part1 + part2).status, 404);
    const std::string other = between(send("POST", "/uploads/parts/aborted.bin?uploads").body, "UploadId");
    QCOMPARE(send("PUT", "/uploads/parts/aborted.bin?partNumber=1&uploadId=" + other, "x").status, 200);
    QCOMPARE(send("DELETE", "/uploads/parts/aborted.bin?uploadId=" + other).status, 204);
    const HttpAnswer gone = send("PUT", "/uploads/parts/aborted.bin?partNumber=2&uploadId=" + other, "y");
    QCOMPARE(gone.status, 404);
    QVERIFY(gone.body.find("<Code>NoSuchUpload</Code>") != std::string::npos);
    const QStringList left = QDir(m_dir->filePath(QStringLiteral("uploads"))).entryList({QStringLiteral(".stratus-*")}, QDir::Files | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

void TestS3::uploadsAskingToContinueAreAnsweredAtOnce()
{
    RawHttp http(m_port);
    http.send("PUT /uploads/continued.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    const auto interim = http.read(1, 3000);
    QCOMPARE(interim.size(), size_t(1));
    QCOMPARE(interim[0].status, 100);
    http.send("hello");
    const auto answer = http.read(1);
    QCOMPARE(answer.size(), size_t(1));
    QCOMPARE(answer[0].status, 200);
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("uploads", "continued.txt"))), "hello");
    // An empty body too: a client that asked reads the interim answer first.
    http.send("PUT /uploads/empty.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
    const auto empty = http.read(2);
    QCOMPARE(empty.size(), size_t(2));
    QCOMPARE(empty[0].status, 100);
    QCOMPARE(empty[1].status, 200);
    QVERIFY(QFile::exists(QString::fromStdString(objectFile("uploads", "empty.txt"))));
}

void TestS3::awsChunkedBodiesAreDecoded()
{
    const std::string chunked = "5;chunk-signature=00\r\nhello\r\n6;chunk-signature=00\r\n world\r\n0;chunk-signature=00\r\n"
                                "x-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
    const HttpAnswer put = send("PUT", "/uploads/chunked.txt", chunked,
                                {"x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding: aws-chunked",
                                 "x-amz-decoded-content-length: 11"});
    QCOMPARE(put.status, 200);
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("uploads", "chunked.txt"))), "hello world");
    QVERIFY(services::S3::decodeAwsChunked("5\r\nhel") == std::nullopt);
    QVERIFY(services::S3::decodeAwsChunked("zz\r\nhello\r\n0\r\n\r\n") == std::nullopt);
    const HttpAnswer broken = send("PUT", "/uploads/broken.txt", "9\r\nshort\r\n",
                                   {"x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding: aws-chunked"});
    QCOMPARE(broken.status, 400);
    QVERIFY(broken.body.find("<Code>IncompleteBody</Code>") != std::string::npos);
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "broken.txt"))));
}

void TestS3::badInputGetsS3ErrorsAndWritesNothing()
{
    const auto code = [](const HttpAnswer &a) {
        const size_t at = a.body.find("<Code>");
        return at == std::string::npos ? std::string() : a.body.substr(at + 6, a.body.find("</Code>") - at - 6);
    };
    HttpAnswer a = send("GET", "/no-such-bucket/x");
    QCOMPARE(a.status, 404);
    QCOMPARE_STR(code(a), "NoSuchBucket");
    a = send("GET", "/uploads/never/was.txt");
    QCOMPARE(a.status, 404);
    QCOMPARE_STR(code(a), "NoSuchKey");
    QVERIFY(a.body.find("<Key>never/was.txt</Key>") != std::string::npos);
    QCOMPARE(send("HEAD", "/uploads/never/was.txt").status, 404);
    a = send("PUT", "/uploads/md5.txt", "body", {"Content-MD5: AAAAAAAAAAAAAAAAAAAAAA=="});
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "BadDigest");
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "md5.txt"))));
    a = send("PUT", "/uploads/" + std::string(1100, 'k'), "x");
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "KeyTooLongError");
    a = send("PUT", "/uploads/folder/", "x");
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "InvalidArgument");
    a = send("GET", "/uploads?acl");
    QCOMPARE(a.status, 501);
    QCOMPARE_STR(code(a), "NotImplemented");
    a = send("PUT", "/uploads/big.bin?tagging", "<Tagging/>");
    QCOMPARE(a.status, 501);
    a = send("POST", "/uploads?delete", "<Delete><Object><Key>a</Key>");
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "MalformedXML");
    a = send("POST", "/uploads?delete",
             "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
             "<Delete><Object><Key>&b;</Key></Object></Delete>");
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "MalformedXML");
    a = send("GET", "/uploads?list-type=2&max-keys=-1");
    QCOMPARE(a.status, 400);
    QCOMPARE_STR(code(a), "InvalidArgument");
    QCOMPARE(send("PUT", "/new-bucket").status, 501); // buckets are nodes

    // A 5 GB upload whose body never comes: refused at once, and the connection closed.
    RawHttp huge(m_port);
    huge.send("PUT /uploads/huge.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5368709120\r\n"
              "Authorization: AWS4-HMAC-SHA256 Credential=A/20261206/us-east-1/s3/aws4_request, Signature=0\r\n\r\n");
    const auto refused = huge.read(1, 5000);
    QCOMPARE(refused.size(), size_t(1));
    QCOMPARE(refused[0].status, 400);
    QCOMPARE_STR(code(refused[0]), "EntityTooLarge");
    QVERIFY(QTest::qWaitFor([&] { return huge.closed(); }, 5000));
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "huge.bin"))));
    // And the endpoint goes on serving.
    QCOMPARE(send("GET", "/").status, 200);
}

void TestS3::keysNeverLeaveTheBucketsFolder()
{
    // A file beside the bucket's folder that no key may reach.
    QFile outside(m_dir->filePath(QStringLiteral("secret.txt")));
    QVERIFY(outside.open(QIODevice::WriteOnly));
    outside.write("secret");
    outside.close();
    QVERIFY(QFile::link(m_dir->path(), QString::fromStdString(objectFile("uploads", "link"))));
    for (const char *target : {"/uploads/..%2Fsecret.txt", "/uploads/a%2F..%2F..%2Fsecret.txt", "/uploads/link%2Fsecret.txt",
                               "/uploads/.%2Fx", "/uploads/nul%00byte", "/uploads/back%5Cslash", "/uploads/.stratus-x"}) {
        const HttpAnswer put = send("PUT", target, "overwritten");
        QVERIFY2(put.status == 400, target);
        QVERIFY2(put.body.find("<Code>InvalidArgument</Code>") != std::string::npos, put.body.c_str());
        QVERIFY2(send("GET", target).status == 404, target);
        QCOMPARE(send("DELETE", target).status, 204);
    }
    QCOMPARE_STR(contentsOf(m_dir->filePath(QStringLiteral("secret.txt"))), "secret");
    // The symlink is no object, and no listing shows what it leads to, nor
    // what a prefix with .. would reach.
    for (const char *prefix : {"link", "link%2F", "..%2F", "..%2F..%2F..%2Fetc%2Fpass", "a%2F..%2F..%2F"}) {
        const HttpAnswer listed = send("GET", std::string("/uploads?list-type=2&prefix=") + prefix);
        QCOMPARE(listed.status, 200);
        QVERIFY2(listed.body.find("<Contents>") == std::string::npos, listed.body.c_str());
    }
    // A refused write through the link makes no folder outside either.
    QCOMPARE(send("PUT", "/uploads/link/made/deep/x.txt", "x").status, 400);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("made"))));
    QVERIFY(QFile::remove(QString::fromStdString(objectFile("uploads", "link"))));
    const HttpAnswer copy = send("PUT", "/uploads/stolen.txt", {}, {"x-amz-copy-source: uploads/..%2Fsecret.txt"});
    QCOMPARE(copy.status, 404);
}

void TestS3::keysThatClashWithTheFilesAreRefusedAsTheCallersFault()
{
    QCOMPARE(send("PUT", "/uploads/clash/file.txt", "f").status, 200);
    const auto refused = [&](const std::string &target) {
        const HttpAnswer a = send("PUT", target, "x");
        return a.status == 400 && a.body.find("<Code>InvalidArgument</Code>") != std::string::npos;
    };
    QVERIFY(refused("/uploads/clash/file.txt/child.txt")); // an object on the way
    QVERIFY(refused("/uploads/clash"));                    // a folder of other objects
    QVERIFY(refused("/uploads/clash/" + std::string(256, 'n') + "/x"));
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "clash/" + std::string(256, 'n')))));
    QVERIFY(refused("/uploads/bad-utf8-%C3%28.txt"));      // S3's keys are UTF-8
    const HttpAnswer copy = send("PUT", "/uploads/clash", {}, {"x-amz-copy-source: uploads/clash/file.txt"});
    QCOMPARE(copy.status, 400);
    // A file with a name no request can use is not listed.
    QFile odd(QString::fromStdString(objectFile("uploads", "clash/back\\slash.txt")));
    QVERIFY(odd.open(QIODevice::WriteOnly));
    odd.close();
    const HttpAnswer listed = send("GET", "/uploads?list-type=2&prefix=clash%2F");
    QVERIFY2(listed.body.find("slash") == std::string::npos, listed.body.c_str());
    QVERIFY(listed.body.find("<Key>clash/file.txt</Key>") != std::string::npos);
    // max-keys=0 lists nothing and leaves nothing out; an empty key in a batch delete is an error of its own.
    const HttpAnswer none = send("GET", "/uploads?list-type=2&max-keys=0");
    QVERIFY2(none.body.find("<IsTruncated>false</IsTruncated>") != std::string::npos, none.body.c_str());
    const HttpAnswer emptyKey = send("POST", "/uploads?delete", "<Delete><Object><Key></Key></Object></Delete>");
    QVERIFY2(emptyKey.body.find("<Error><Key></Key><Code>InvalidArgument</Code>") != std::string::npos, emptyKey.body.c_str());
}

void TestS3::conditionalRequestsAndFreshETags()
{
    QCOMPARE(send("PUT", "/uploads/cond.txt", "AAAA").status, 200);
    const HttpAnswer first = send("HEAD", "/uploads/cond.txt");
    const std::string eTag = first.headers.at("etag");
    // Rewritten by hand with as many bytes, its time set back: a new ETag all the same.
    const QString path = QString::fromStdString(objectFile("uploads", "cond.txt"));
    const QDateTime old = QFileInfo(path).lastModified();
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("BBBB");
    QVERIFY(file.flush()); // written before its time is set, or the write would move it again
    QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
    file.close();
    QCOMPARE(QFileInfo(path).lastModified(), old);
    QCOMPARE_STR(send("HEAD", "/uploads/cond.txt").headers.at("etag"), "\"" + md5Of("BBBB") + "\"");
    const std::string now = send("HEAD", "/uploads/cond.txt").headers.at("etag");
    const auto status = [&](const std::string &header) { return send("GET", "/uploads/cond.txt", {}, {header}).status; };
    QCOMPARE(status("If-Match: " + now.substr(1, now.size() - 2)), 200); // unquoted
    QCOMPARE(status("If-Match: \"x\", " + now), 200);                    // a list
    QCOMPARE(status("If-Match: " + eTag), 412);                           // the old one
    QCOMPARE(status("If-None-Match: \"x\", " + now), 304);
    QCOMPARE(status("If-Modified-Since: Sat, 01 Jan 2050 00:00:00 GMT"), 304);
    QCOMPARE(status("If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT"), 200);
    QCOMPARE(status("If-Unmodified-Since: Sat, 01 Jan 2000 00:00:00 GMT"), 412);
    QCOMPARE(send("PUT", "/archive/cond-copy.txt", {}, {"x-amz-copy-source: uploads/cond.txt", "x-amz-copy-source-if-match: \"nope\""}).status,
             412);
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("archive", "cond-copy.txt"))));
    // A presigned URL of boto3 1.26 (SigV2) is read as the request it signs.
    QCOMPARE(send("GET", "/uploads/cond.txt?AWSAccessKeyId=x&Signature=y&Expires=99999999999").status, 200);
}

void TestS3::requestsS3WouldRefuseAreRefused()
{
    const auto code = [](const HttpAnswer &a) {
        const size_t at = a.body.find("<Code>");
        return at == std::string::npos ? std::string() : a.body.substr(at + 6, a.body.find("</Code>") - at - 6);
    };
    QCOMPARE(send("PUT", "/uploads/kept.txt", "kept").status, 200);
    // A malformed header line: Qt's parser would drop every header and read
    // the body as the next request; refused whole, nothing written.
    {
        RawHttp http(m_port);
        http.send("PUT /uploads/headless.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nx-a b: v\r\n\r\nGET /x HTTP/");
        const auto answers = http.read(2, 3000);
        QCOMPARE(answers.size(), size_t(1));
        QCOMPARE(answers[0].status, 400);
        QVERIFY2(answers[0].body.find("x-a b: v") != std::string::npos, answers[0].body.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "headless.txt"))));
    }
    // Versions: only the null one exists; another is never read as the object.
    HttpAnswer a = send("DELETE", "/uploads/kept.txt?versionId=3HL4kqtJlcpXroDTDmJ");
    QCOMPARE(a.status, 400);
    QVERIFY(QFile::exists(QString::fromStdString(objectFile("uploads", "kept.txt"))));
    QCOMPARE(send("GET", "/uploads/kept.txt?versionId=zzz").status, 400);
    QCOMPARE(send("GET", "/uploads/kept.txt?versionId=null").status, 200);
    a = send("POST", "/uploads?delete", "<Delete><Object><Key>kept.txt</Key><VersionId>v2</VersionId></Object></Delete>");
    QVERIFY2(a.body.find("<Code>NoSuchVersion</Code>") != std::string::npos, a.body.c_str());
    QVERIFY(QFile::exists(QString::fromStdString(objectFile("uploads", "kept.txt"))));
    // Conditional writes.
    a = send("PUT", "/uploads/kept.txt", "overwritten", {"If-None-Match: *"});
    QCOMPARE(a.status, 412);
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("uploads", "kept.txt"))), "kept");
    QCOMPARE(send("PUT", "/uploads/kept.txt", "overwritten", {"If-Match: \"0000\""}).status, 412);
    QCOMPARE(send("PUT", "/uploads/brand-new.txt", "new", {"If-None-Match: *"}).status, 200);
    QCOMPARE(send("PUT", "/uploads/kept.txt", "again", {"If-Match: \"" + md5Of("kept") + "\""}).status, 200);
    // A Range S3 cannot read is ignored: the whole object, never the wrong bytes.
    for (const char *range : {"bytes=x0-3", "bytes=+0-3", "bytes=1e2-200"}) {
        a = send("GET", "/uploads/kept.txt", {}, {std::string("Range: ") + range});
        QCOMPARE(a.status, 200);
        QCOMPARE_STR(a.body, "again");
    }
    a = send("GET", "/uploads/kept.txt", {}, {"Range: bytes=1-99999999999999999999"});
    QCOMPARE(a.status, 206);
    QCOMPARE_STR(a.body, "gain");
    // A PUT without a length; a Content-MD5 that is no MD5.
    {
        RawHttp http(m_port);
        http.send("PUT /uploads/unsized.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const auto answers = http.read(1);
        QCOMPARE(answers.size(), size_t(1));
        QCOMPARE(answers[0].status, 411);
    }
    QCOMPARE_STR(code(send("PUT", "/uploads/digest.txt", "x", {"Content-MD5: nope"})), "InvalidDigest");
    // The tags an object has: none (what aws s3 cp asks before copying one).
    a = send("GET", "/uploads/kept.txt?tagging");
    QCOMPARE(a.status, 200);
    QVERIFY(a.body.find("<TagSet></TagSet>") != std::string::npos);
    QCOMPARE(send("GET", "/uploads/none.txt?tagging").status, 404);
}

void TestS3::sdkHandlersUseTheBuckets()
{
    if (nodeSdkModules().empty())
        QSKIP("the AWS SDK for JavaScript is not installed (installer/setup-deps.sh installs it)");
    m_runs.clear();
    RunRequest request;
    request.workflow = WorkflowId("main");
    request.node = NodeId("go-node");
    request.event = Json::object();
    request.trigger = "manual";
    std::optional<RunOutcome> outcome;
    m_server->executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 60000));
    QVERIFY2(outcome->ok(), outcome->entry.error.c_str());
    const Json result = Json::parse(outcome->entry.steps.back().output);
    QVERIFY2(result["eTag"] == "\"" + md5Of("hello world") + "\"", outcome->entry.steps.back().output.c_str());
    QVERIFY(result["range"] == "world");
    QVERIFY(result["contentRange"] == "bytes 6-10/11");
    QVERIFY(result["type"] == "text/plain");
    QVERIFY(result["owner"] == "js");
    QVERIFY(result["length"] == 11);
    QVERIFY2(result["keys"] == Json::array({"docs/a b.txt"}), outcome->entry.steps.back().output.c_str());
    QVERIFY(result["prefixes"] == Json::array({"docs/deep/"}));
    QVERIFY(result["copyETag"] == result["eTag"]);
    QVERIFY(result["missing"] == "NoSuchKey");
    QVERIFY(result["buckets"] == Json::array({"archive", "uploads"}));
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("archive", "copied.txt"))), "hello world");

    // The SDK's writes notified the bucket's consumer, as the graph's do:
    // three creations and a removal, each a run of its own.
    QVERIFY(QTest::qWaitFor([&] {
        int seen = 0;
        for (const RunOutcome &o : m_runs)
            seen += o.entry.trigger == "bucket" && o.ok();
        return seen >= 4;
    }, 30000));
    std::vector<std::string> seen;
    for (const RunOutcome &o : m_runs) {
        if (o.entry.trigger == "bucket")
            seen.push_back(Json::parse(o.entry.steps.back().output)["seen"][0].get<std::string>());
    }
    std::sort(seen.begin(), seen.end());
    QCOMPARE(seen, (std::vector<std::string>{"ObjectCreated:Put docs/a+b.txt", "ObjectCreated:Put docs/deep/c.txt",
                                             "ObjectCreated:Put top.txt", "ObjectRemoved:Delete top.txt"}));

    request = RunRequest{};
    request.workflow = WorkflowId("main");
    request.node = NodeId("go-python");
    request.event = Json::object();
    request.trigger = "manual";
    outcome.reset();
    m_server->executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 60000));
    QVERIFY2(outcome->ok(), outcome->entry.error.c_str());
    const Json python = Json::parse(outcome->entry.steps.back().output);
    QVERIFY2(python["body"] == "{\"n\": 1}", outcome->entry.steps.back().output.c_str());
    QVERIFY(python["pages"] == 2);
    QVERIFY(python["deleted"] == Json::array({"py/0.json", "py/2.json"}));
    QVERIFY(python["left"] == Json::array({"py/1.json"}));
}

void TestS3::awsCliCopiesListsAndRemoves()
{
    if (awsCli().isEmpty())
        QSKIP("the AWS CLI is not installed (installer/setup-deps.sh installs Debian's awscli)");
    const auto cli = [this](const QStringList &args) { return runAwsCli(m_server->servicesUrl(), args); };
    const QString local = m_dir->filePath(QStringLiteral("from-cli.txt"));
    QFile file(local);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from the CLI\n");
    file.close();
    auto [cpCode, cpOut] = cli({QStringLiteral("s3"), QStringLiteral("cp"), local, QStringLiteral("s3://uploads/cli/from-cli.txt")});
    QVERIFY2(cpCode == 0, cpOut.c_str());
    QCOMPARE_STR(contentsOf(QString::fromStdString(objectFile("uploads", "cli/from-cli.txt"))), "from the CLI\n");
    auto [lsCode, lsOut] = cli({QStringLiteral("s3"), QStringLiteral("ls"), QStringLiteral("s3://uploads/cli/")});
    QVERIFY2(lsCode == 0 && lsOut.find("13 from-cli.txt") != std::string::npos, lsOut.c_str());
    auto [catCode, catOut] = cli({QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://uploads/cli/from-cli.txt"),
                                  QStringLiteral("-")});
    QVERIFY2(catCode == 0 && catOut == "from the CLI\n", catOut.c_str());
    // Over 8 MB, the CLI uploads in parts.
    const QString large = m_dir->filePath(QStringLiteral("large.bin"));
    QFile largeFile(large);
    QVERIFY(largeFile.open(QIODevice::WriteOnly));
    largeFile.write(QByteArray(9 * 1024 * 1024, 'z'));
    largeFile.close();
    auto [largeCode, largeOut] = cli({QStringLiteral("s3"), QStringLiteral("cp"), large, QStringLiteral("s3://uploads/cli/large.bin")});
    QVERIFY2(largeCode == 0, largeOut.c_str());
    QCOMPARE(QFileInfo(QString::fromStdString(objectFile("uploads", "cli/large.bin"))).size(), qint64(9 * 1024 * 1024));
    // And copied from bucket to bucket, in parts (UploadPartCopy).
    auto [copyCode, copyOut] = cli({QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://uploads/cli/large.bin"),
                                    QStringLiteral("s3://archive/large-copy.bin")});
    QVERIFY2(copyCode == 0, copyOut.c_str());
    QCOMPARE(QFileInfo(QString::fromStdString(objectFile("archive", "large-copy.bin"))).size(), qint64(9 * 1024 * 1024));
    auto [rmCode, rmOut] = cli({QStringLiteral("s3"), QStringLiteral("rm"), QStringLiteral("s3://uploads/cli/from-cli.txt")});
    QVERIFY2(rmCode == 0, rmOut.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(objectFile("uploads", "cli/from-cli.txt"))));
    auto [badCode, badOut] = cli({QStringLiteral("s3api"), QStringLiteral("get-object"), QStringLiteral("--bucket"),
                                  QStringLiteral("uploads"), QStringLiteral("--key"), QStringLiteral("none"), local});
    QVERIFY(badCode != 0);
    QVERIFY2(badOut.find("NoSuchKey") != std::string::npos, badOut.c_str());
}

QTEST_GUILESS_MAIN(TestS3)
#include "tst_s3.moc"
