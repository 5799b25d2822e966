#include "s3.h"

#include "awsprotocol.h"
#include "bucketobjects.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/triggers/eventshapes.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QXmlStreamReader>

#include <sys/stat.h>
#include <sys/xattr.h>

#include <algorithm>
#include <limits>

namespace stratus::engine::services {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxListKeys = 1000;           // ListObjects(V2) and DeleteObjects: S3's limit per call
constexpr long long kMaxServedObject = 1LL << 30; // larger files are refused, not read whole into memory
constexpr const char *kMetadataAttribute = "user.stratus.s3";
const std::string kNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

/// An S3 error: thrown inside, answered at handle().
struct Failure
{
    int status;
    std::string code;
    std::string message;
    std::vector<std::pair<std::string, std::string>> details; // <Key>, <BucketName>...
};

[[noreturn]] void fail(int status, std::string code, std::string message,
                       std::vector<std::pair<std::string, std::string>> details = {})
{
    throw Failure{status, std::move(code), std::move(message), std::move(details)};
}

std::string httpDate(long long ms)
{
    return QLocale::c()
        .toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toStdString();
}

std::string isoTime(long long ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

http::Response xmlAnswer(int status, const std::string &root, const std::string &content)
{
    http::Response r;
    r.status = status;
    r.headers = {{"Content-Type", "application/xml"}, {"x-amz-request-id", newRequestId()}};
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + kNamespace + "\">" + content + "</"
             + root + ">";
    return r;
}

http::Response emptyAnswer(int status)
{
    http::Response r;
    r.status = status;
    r.headers = {{"x-amz-request-id", newRequestId()}};
    return r;
}

std::string quotedETag(const std::string &md5)
{
    return "\"" + md5 + "\"";
}

/// What S3 keeps beside an object's bytes: its Content-Type, the headers
/// it gives back, and the user's x-amz-meta-* (kept in an extended
/// attribute of the file, so that the folder holds only the objects).
} // namespace

struct S3::Metadata
{
    std::string contentType;
    std::vector<std::pair<std::string, std::string>> headers; // Cache-Control, x-amz-meta-..., as sent
};

namespace {

using Metadata = S3::Metadata;

const char *const kKeptHeaders[] = {"cache-control", "content-disposition", "content-encoding", "content-language",
                                    "expires"};

Metadata metadataOf(const http::Request &request)
{
    Metadata m;
    for (const auto &[name, value] : request.headers) {
        const std::string lower = asciiLowercase(name);
        if (lower == "content-type")
            m.contentType = value;
        else if (lower.starts_with("x-amz-meta-")
                 || std::find(std::begin(kKeptHeaders), std::end(kKeptHeaders), lower) != std::end(kKeptHeaders))
            m.headers.emplace_back(lower, value);
    }
    // aws-chunked is how the body travelled, not how the object is encoded.
    std::erase_if(m.headers, [](const auto &h) { return h.first == "content-encoding" && h.second.find("aws-chunked") != std::string::npos; });
    size_t userBytes = 0; // S3 counts the x-amz-meta- names (without the prefix) and values
    for (const auto &[name, value] : m.headers) {
        if (name.starts_with("x-amz-meta-"))
            userBytes += name.size() - 11 + value.size();
    }
    if (userBytes > 2048)
        fail(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size (2 KB of x-amz-meta-*)");
    return m;
}

void storeMetadata(const fs::path &path, const Metadata &m)
{
    Json headers = Json::object();
    for (const auto &[name, value] : m.headers)
        headers[name] = printable(value);
    const std::string text = Json{{"contentType", printable(m.contentType)}, {"headers", headers}}.dump();
    // Best effort: a file system without user attributes keeps the bytes only.
    ::setxattr(path.c_str(), kMetadataAttribute, text.data(), text.size(), 0);
}

Metadata storedMetadata(const fs::path &path)
{
    Metadata m;
    char buffer[16384];
    const ssize_t size = ::getxattr(path.c_str(), kMetadataAttribute, buffer, sizeof buffer);
    if (size > 0) {
        auto parsed = parseJson(std::string(buffer, size_t(size)));
        if (parsed && parsed->is_object()) {
            if (memberOf(*parsed, "contentType").is_string())
                m.contentType = (*parsed)["contentType"].get<std::string>();
            if (const Json &h = memberOf(*parsed, "headers"); h.is_object()) {
                for (const auto &[name, value] : h.items()) {
                    if (value.is_string())
                        m.headers.emplace_back(name, value.get<std::string>());
                }
            }
        }
    }
    if (m.contentType.empty()) {
        // A file put in the folder by hand: its type from its name, as a browser would guess it.
        static const QMimeDatabase mimeTypes;
        const QMimeType type = mimeTypes.mimeTypeForFile(QString::fromStdString(path.string()), QMimeDatabase::MatchExtension);
        m.contentType = type.isDefault() ? "binary/octet-stream" : type.name().toStdString();
    }
    return m;
}

std::string base64(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

} // namespace

/// One request, read: the bucket and key of its path-style URL and its
/// query's parameters.
struct S3::Call
{
    const http::Request &request;
    std::string bucketName;
    std::string key;
    bool hasKey = false;
    std::map<std::string, std::string> query;

    explicit Call(const http::Request &r)
        : request(r)
    {
        const std::string &path = r.rawPath;
        const size_t slash = path.find('/', 1);
        auto bucket = urlDecoded(path.substr(1, slash == std::string::npos ? slash : slash - 1), false);
        if (!bucket)
            fail(400, "InvalidURI", "Couldn't parse the specified URI: a malformed percent escape in the bucket's name");
        bucketName = std::move(*bucket);
        if (slash != std::string::npos && slash + 1 < path.size()) {
            auto decoded = urlDecoded(path.substr(slash + 1), false);
            if (!decoded)
                fail(400, "InvalidURI", "Couldn't parse the specified URI: a malformed percent escape in the key");
            key = std::move(*decoded);
            hasKey = true;
        }
        for (size_t start = 0; start < r.rawQueryString.size();) {
            const size_t end = std::min(r.rawQueryString.find('&', start), r.rawQueryString.size());
            const std::string_view pair = std::string_view(r.rawQueryString).substr(start, end - start);
            start = end + 1;
            if (pair.empty())
                continue;
            const size_t equals = pair.find('=');
            auto name = urlDecoded(pair.substr(0, equals), true);
            auto value = urlDecoded(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
            if (!name || !value)
                fail(400, "InvalidArgument", "The query string holds a malformed percent escape");
            query[*name] = std::move(*value);
        }
    }
    bool has(const std::string &name) const { return query.contains(name); }
    std::string param(const std::string &name) const
    {
        auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
    }
    /// A versionId names the object's one version, "null", as on a bucket
    /// without versioning; any other is refused, never read as the object.
    void onlyNullVersion() const
    {
        if (has("versionId") && param("versionId") != "null")
            fail(400, "InvalidArgument", "Invalid version id specified: the bucket has no versioning here",
                 {{"ArgumentName", "versionId"}, {"ArgumentValue", printable(param("versionId"))}});
    }
    /// Refuses the subresources and parameters this endpoint does not serve
    /// (multipart uploads, ACLs, tagging, versions...), naming the first.
    void onlyParameters(std::initializer_list<std::string_view> served) const
    {
        for (const auto &[name, value] : query) {
            // x-id: the SDKs' operation name; X-Amz-* and these three: presigned URLs' signatures (not checked).
            if (name == "x-id" || name.starts_with("X-Amz-") || name.starts_with("x-amz-") || name == "AWSAccessKeyId"
                || name == "Signature" || name == "Expires"
                || std::find(served.begin(), served.end(), name) != served.end())
                continue;
            fail(501, "NotImplemented",
                 "Stratus's local S3 endpoint does not serve ?" + printable(name)
                     + " here (ACLs, tagging, versioning and bucket configuration are not served; "
                       "docs/services.md lists what is)");
        }
    }
};

namespace {

using Call = S3::Call;

/// A key a write may use, or S3's error for it.
void checkKeyToWrite(const std::string &key)
{
    if (key.size() > 1024)
        fail(400, "KeyTooLongError", "Your key is too long: S3's keys are at most 1024 bytes");
    if (Status s = checkObjectKey(key); !s)
        fail(400, "InvalidArgument", s.message(), {{"ArgumentName", "key"}, {"ArgumentValue", printable(key)}});
}

int listLimit(const Call &call)
{
    if (!call.has("max-keys"))
        return kMaxListKeys;
    const std::string text = call.param("max-keys");
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        fail(400, "InvalidArgument", "max-keys must be a whole number of 0 or more, not " + quote(text));
    return std::min(std::stoi(text), kMaxListKeys);
}

/// One entry of a listing: an object, or a common prefix standing for all
/// the keys that share it up to the delimiter.
struct Listed
{
    const ObjectFile *object = nullptr;
    std::string commonPrefix;
};

struct Listing
{
    std::vector<Listed> entries;
    bool truncated = false;
    std::string last; // the last key or common prefix listed: where the next page starts after
};

Listing listPage(const std::vector<ObjectFile> &files, const std::string &prefix, const std::string &delimiter,
                 const std::string &after, int limit)
{
    Listing page;
    for (const ObjectFile &file : files) {
        if (file.key <= after)
            continue;
        Listed entry;
        if (!delimiter.empty()) {
            if (const size_t at = file.key.find(delimiter, prefix.size()); at != std::string::npos) {
                entry.commonPrefix = file.key.substr(0, at + delimiter.size());
                // Listed already, on this page or (as the token says) an earlier one.
                if (entry.commonPrefix <= after || (!page.entries.empty() && page.entries.back().commonPrefix == entry.commonPrefix))
                    continue;
            }
        }
        if (int(page.entries.size()) >= limit) {
            page.truncated = limit > 0; // max-keys=0 asks for nothing, and S3 says nothing is left out
            break;
        }
        if (entry.commonPrefix.empty())
            entry.object = &file;
        page.last = entry.object ? file.key : entry.commonPrefix;
        page.entries.push_back(std::move(entry));
    }
    return page;
}

/// A byte range of an object of `size` bytes from a Range header; none for
/// a header S3 ignores (not one "bytes=" range); 416 for one that misses.
std::optional<std::pair<long long, long long>> rangeOf(const std::string &header, long long size)
{
    if (!header.starts_with("bytes=") || header.find(',') != std::string::npos)
        return std::nullopt;
    const std::string spec = header.substr(6);
    const size_t dash = spec.find('-');
    // A position: digits only; more than 18 of them stand for "past any end".
    constexpr long long kPastTheEnd = std::numeric_limits<long long>::max();
    const auto number = [](const std::string &text) -> std::optional<long long> {
        if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        return text.size() > 18 ? kPastTheEnd : std::stoll(text);
    };
    if (dash == std::string::npos)
        return std::nullopt;
    const std::string firstText = spec.substr(0, dash);
    const std::string lastText = spec.substr(dash + 1);
    const auto first = number(firstText);
    const auto last = number(lastText);
    if ((!firstText.empty() && !first) || (!lastText.empty() && !last) || (!first && !last))
        return std::nullopt; // not a range S3 reads: the whole object
    std::pair<long long, long long> range;
    if (!first) { // bytes=-N: the last N bytes
        if (*last == 0)
            fail(416, "InvalidRange", "The requested range is not satisfiable",
                 {{"RangeRequested", header}, {"ActualObjectSize", std::to_string(size)}});
        range = {*last >= size ? 0 : size - *last, size - 1};
    } else {
        if (last && *last < *first)
            return std::nullopt; // S3 ignores a range that ends before it starts
        range = {*first, last ? std::min(*last, size - 1) : size - 1};
    }
    if (range.first >= size)
        fail(416, "InvalidRange", "The requested range is not satisfiable",
             {{"RangeRequested", header}, {"ActualObjectSize", std::to_string(size)}});
    return range;
}

/// Whether an If-Match / If-None-Match header's list ("*", or ETags, quoted
/// or not, comma-separated) names `quotedTag`.
bool eTagListNames(const std::string &header, const std::string &quotedTag)
{
    const std::string tag = quotedTag.substr(1, quotedTag.size() - 2);
    size_t start = 0;
    while (start <= header.size()) {
        const size_t comma = std::min(header.find(',', start), header.size());
        std::string item = header.substr(start, comma - start);
        start = comma + 1;
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item.starts_with("W/"))
            item.erase(0, 2);
        if (item.size() >= 2 && item.front() == '"' && item.back() == '"')
            item = item.substr(1, item.size() - 2);
        if (item == "*" || item == tag)
            return true;
    }
    return false;
}

/// An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT") in seconds; none when it is not one.
std::optional<long long> httpDateSeconds(const std::string &text)
{
    // Read as a date and a time of day, then put together in UTC: a local
    // reading would lose the hours a daylight-saving change skips.
    const QString value = QString::fromStdString(text);
    const QDate date = QLocale::c().toDate(value.left(16), QStringLiteral("ddd, dd MMM yyyy"));
    const QTime time = QLocale::c().toTime(value.mid(17, 8), QStringLiteral("hh:mm:ss"));
    if (!date.isValid() || !time.isValid() || value.mid(25) != QLatin1String(" GMT"))
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
}

/// S3's conditional request headers (`prefix` "x-amz-copy-source-" for a
/// copy's source): a failed If-Match or If-Unmodified-Since is 412; false
/// when If-None-Match or If-Modified-Since says "not modified" (304 for a
/// read, 412 for a copy).
bool conditionsHold(const http::Request &request, const std::string &prefix, const std::string &eTag, long long modifiedMs)
{
    const std::string ifMatch = headerOf(request, prefix + "if-match");
    const std::string ifUnmodified = headerOf(request, prefix + "if-unmodified-since");
    const long long modified = modifiedMs / 1000;
    if (!ifMatch.empty() && !eTagListNames(ifMatch, eTag))
        fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {{"Condition", "If-Match"}});
    if (ifMatch.empty() && !ifUnmodified.empty()) {
        if (auto since = httpDateSeconds(ifUnmodified); since && modified > *since)
            fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                 {{"Condition", "If-Unmodified-Since"}});
    }
    const std::string ifNoneMatch = headerOf(request, prefix + "if-none-match");
    if (!ifNoneMatch.empty())
        return !eTagListNames(ifNoneMatch, eTag);
    if (auto since = httpDateSeconds(headerOf(request, prefix + "if-modified-since")); since && modified <= *since)
        return false;
    return true;
}

} // namespace

// ---- the endpoint ---------------------------------------------------------------

namespace {

http::Response errorAnswer(const http::Request &request, const Failure &failure)
{
    http::Response r;
    r.status = failure.status;
    r.headers = {{"x-amz-request-id", request.requestId}};
    if (request.method == "HEAD")
        return r; // S3 answers HEAD with the status alone
    r.headers.emplace_back("Content-Type", "application/xml");
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>" + element("Code", failure.code)
             + element("Message", failure.message);
    for (const auto &[name, value] : failure.details)
        r.body += element(name, printable(value)); // a key's raw bytes may be what XML cannot hold
    r.body += element("RequestId", request.requestId) + "</Error>";
    return r;
}

} // namespace

http::Response S3::error(const http::Request &request, int status, const std::string &code, const std::string &message)
{
    return errorAnswer(request, Failure{status, code, message, {}});
}

std::optional<std::string> S3::decodeAwsChunked(std::string_view body)
{
    // <hex size>[;chunk-signature=...]\r\n<bytes>\r\n ... 0[;...]\r\n[trailers\r\n]\r\n
    std::string out;
    size_t at = 0;
    while (true) {
        const size_t lineEnd = body.find("\r\n", at);
        if (lineEnd == std::string_view::npos)
            return std::nullopt;
        const std::string_view line = body.substr(at, lineEnd - at);
        const std::string_view hex = line.substr(0, line.find(';'));
        if (hex.empty() || hex.size() > 15)
            return std::nullopt;
        long long size = 0;
        for (const char c : hex) {
            const int digit = http::hexValue(c);
            if (digit < 0)
                return std::nullopt;
            size = size * 16 + digit;
        }
        at = lineEnd + 2;
        if (size == 0)
            return out; // trailers (x-amz-checksum-...) follow: what they check is the transport's business
        if (static_cast<unsigned long long>(size) + 2 > body.size() - at || body.substr(at + size, 2) != "\r\n")
            return std::nullopt;
        out.append(body.substr(at, size));
        at += size + 2;
    }
}

std::string S3::eTagOf(const std::string &path)
{
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return {};
    const FileSig now{static_cast<unsigned long long>(st.st_ino), static_cast<long long>(st.st_size),
                      st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec, st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec,
                      {}};
    auto known = m_eTags.find(path);
    if (known != m_eTags.end() && known->second.sameFileAs(now))
        return known->second.md5;
    QFile file(QString::fromStdString(path));
    QCryptographicHash md5(QCryptographicHash::Md5);
    if (!file.open(QIODevice::ReadOnly) || !md5.addData(&file))
        return {};
    if (m_eTags.size() > 100000)
        m_eTags.clear(); // a bound, not a policy: hashes are cheap to make again
    FileSig sig = now;
    sig.md5 = md5.result().toHex().toStdString();
    m_eTags[path] = sig;
    return sig.md5;
}

http::Response S3::handle(const http::Request &request)
{
    try {
        Call call(request);
        auto design = m_backend.design();
        if (!design)
            fail(503, "ServiceUnavailable", "The workspace is not running");
        const std::string region = textSetting(design->settings, "region", "us-east-1");
        if (call.bucketName.empty()) {
            if (request.method != "GET")
                fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource");
            return listBuckets(*design);
        }
        const Node *bucket = resourceNamed(*design, kinds::kBucket, call.bucketName);
        if (!bucket) {
            if (request.method == "PUT" && !call.hasKey)
                fail(501, "NotImplemented",
                     "Buckets are nodes here: add a bucket node named " + quote(call.bucketName) + " to the workspace");
            fail(404, "NoSuchBucket", "The specified bucket does not exist", {{"BucketName", call.bucketName}});
        }
        const std::string folder = m_backend.bucketFolder(*bucket);
        if (!call.hasKey) {
            if (request.method == "HEAD") {
                call.onlyParameters({});
                http::Response r = emptyAnswer(200);
                r.headers.emplace_back("x-amz-bucket-region", region);
                return r;
            }
            if (request.method == "GET" && call.has("location")) {
                call.onlyParameters({"location"});
                return xmlAnswer(200, "LocationConstraint", xmlEscaped(region == "us-east-1" ? "" : region));
            }
            if (request.method == "GET")
                return listObjects(call, *bucket, folder);
            if (request.method == "POST" && call.has("delete"))
                return deleteObjects(call, *bucket, folder);
            if (request.method == "PUT" && call.query.empty())
                fail(409, "BucketAlreadyOwnedByYou", "The bucket you tried to create already exists, and you own it",
                     {{"BucketName", call.bucketName}});
            if (request.method == "DELETE" && call.query.empty())
                fail(501, "NotImplemented", "Buckets are nodes here: remove the bucket node " + quote(call.bucketName)
                                                + " from the workspace to delete it");
            call.onlyParameters({});
            fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource");
        }
        if (call.has("uploads") || call.has("uploadId"))
            return multipartUpload(call, *bucket, folder);
        if (request.method == "GET" && call.has("tagging")) { // what aws s3 cp asks before a copy: none here
            call.onlyParameters({"tagging", "versionId"});
            call.onlyNullVersion();
            auto path = objectPath(folder, call.key, false);
            if (!path || !fs::is_regular_file(fs::symlink_status(*path)))
                fail(404, "NoSuchKey", "The specified key does not exist.", {{"Key", call.key}});
            return xmlAnswer(200, "Tagging", "<TagSet></TagSet>");
        }
        if (request.method == "GET" || request.method == "HEAD")
            return getObject(call, folder);
        if (request.method == "PUT") {
            if (!headerOf(request, "x-amz-copy-source").empty())
                return copyObject(call, *design, *bucket, folder);
            return putObject(call, *bucket, folder);
        }
        if (request.method == "DELETE") {
            call.onlyParameters({"versionId"});
            call.onlyNullVersion();
            if (auto path = objectPath(folder, call.key, false)) { // a key no object can have: nothing to delete
                auto removed = m_backend.deleteObject(*bucket, call.key);
                if (!removed)
                    fail(500, "InternalError", removed.status().message());
            }
            return emptyAnswer(204);
        }
        call.onlyParameters({}); // a POST to a key: what it asks is not served
        fail(405, "MethodNotAllowed", "The specified method is not allowed against this resource");
    } catch (const Failure &failure) {
        return errorAnswer(request, failure);
    } catch (const std::exception &e) { // memory, the file system: never through the gateway's slot
        return errorAnswer(request, Failure{500, "InternalError", std::string("We encountered an internal error: ") + e.what(), {}});
    }
}

http::Response S3::listBuckets(const Workspace &design)
{
    std::vector<std::string> names;
    for (const Workflow &wf : design.workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind == kinds::kBucket)
                names.push_back(node.name);
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string content = "<Owner><ID>000000000000</ID><DisplayName>stratus</DisplayName></Owner><Buckets>";
    for (const std::string &name : names) {
        const Node *node = resourceNamed(design, kinds::kBucket, name);
        const QFileInfo folder(QString::fromStdString(m_backend.bucketFolder(*node)));
        const long long created = folder.exists() ? folder.birthTime().isValid() ? folder.birthTime().toMSecsSinceEpoch()
                                                                                 : folder.lastModified().toMSecsSinceEpoch()
                                                  : QDateTime::currentMSecsSinceEpoch();
        content += "<Bucket>" + element("Name", name) + element("CreationDate", isoTime(created)) + "</Bucket>";
    }
    content += "</Buckets>";
    return xmlAnswer(200, "ListAllMyBucketsResult", content);
}

http::Response S3::listObjects(const Call &call, const Node &bucket, const std::string &folder)
{
    const bool v2 = call.param("list-type") == "2";
    if (call.has("list-type") && !v2)
        fail(400, "InvalidArgument", "list-type must be 2 (or absent, for ListObjects), not " + quote(call.param("list-type")));
    call.onlyParameters({"list-type", "prefix", "delimiter", "max-keys", "encoding-type", "continuation-token",
                         "start-after", "fetch-owner", "marker"});
    const bool urlEncoding = call.has("encoding-type");
    if (urlEncoding && call.param("encoding-type") != "url")
        fail(400, "InvalidArgument", "Invalid Encoding Method specified in Request: only url is");
    const auto shown = [&](const std::string &text) { return urlEncoding ? urlEncoded(text, true) : text; };
    const std::string prefix = call.param("prefix");
    const std::string delimiter = call.param("delimiter");
    const int limit = listLimit(call);
    std::string after;
    std::string token;
    if (v2) {
        after = call.param("start-after");
        if (call.has("continuation-token")) {
            token = call.param("continuation-token");
            const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(token), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.isEmpty())
                fail(400, "InvalidArgument", "The continuation token provided is incorrect");
            after = std::max(after, decoded.decoded.toStdString());
        }
    } else {
        after = call.param("marker");
    }
    const std::vector<ObjectFile> files = objectFiles(folder, prefix);
    const Listing page = listPage(files, prefix, delimiter, after, limit);
    std::string content = element("Name", bucket.name) + element("Prefix", shown(prefix));
    if (!delimiter.empty())
        content += element("Delimiter", shown(delimiter));
    content += element("MaxKeys", std::to_string(limit));
    if (urlEncoding)
        content += element("EncodingType", "url");
    content += element("IsTruncated", page.truncated ? "true" : "false");
    if (v2) {
        content += element("KeyCount", std::to_string(page.entries.size()));
        if (!token.empty())
            content += element("ContinuationToken", token);
        if (page.truncated)
            content += element("NextContinuationToken", base64(page.last));
        if (call.has("start-after"))
            content += element("StartAfter", shown(call.param("start-after")));
    } else {
        content += element("Marker", shown(after));
        if (page.truncated && !delimiter.empty())
            content += element("NextMarker", shown(page.last));
    }
    const bool owner = !v2 || call.param("fetch-owner") == "true";
    for (const Listed &entry : page.entries) {
        if (!entry.object)
            continue;
        const ObjectFile &file = *entry.object;
        content += "<Contents>" + element("Key", shown(file.key)) + element("LastModified", isoTime(file.modifiedMs))
                   + element("ETag", quotedETag(eTagOf(folder + "/" + file.key)))
                   + element("Size", std::to_string(file.size)) + element("StorageClass", "STANDARD");
        if (owner)
            content += "<Owner><ID>000000000000</ID><DisplayName>stratus</DisplayName></Owner>";
        content += "</Contents>";
    }
    for (const Listed &entry : page.entries) {
        if (!entry.object)
            content += "<CommonPrefixes>" + element("Prefix", shown(entry.commonPrefix)) + "</CommonPrefixes>";
    }
    return xmlAnswer(200, "ListBucketResult", content);
}

http::Response S3::deleteObjects(const Call &call, const Node &bucket, const std::string &folder)
{
    call.onlyParameters({"delete"});
    QXmlStreamReader xml(QByteArray::fromStdString(call.request.body));
    std::vector<std::string> keys;
    std::vector<std::string> versioned; // keys named with a version other than null
    bool quiet = false;
    std::string text;
    int depth = 0;
    bool sawDelete = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            text.clear();
            if (depth == 1)
                sawDelete = xml.name() == QLatin1String("Delete");
            if (depth > 3 || !sawDelete)
                fail(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
            break;
        case QXmlStreamReader::Characters:
            text += xml.text().toString().toStdString();
            break;
        case QXmlStreamReader::EndElement:
            if (depth == 3 && xml.name() == QLatin1String("Key"))
                keys.push_back(text);
            if (depth == 3 && xml.name() == QLatin1String("VersionId") && text != "null")
                versioned.push_back(keys.empty() ? std::string() : keys.back());
            if (depth == 2 && xml.name() == QLatin1String("Quiet"))
                quiet = text == "true";
            --depth;
            break;
        case QXmlStreamReader::DTD:
            fail(400, "MalformedXML", "The XML you provided may not declare a DTD");
        default:
            break;
        }
    }
    if (xml.hasError() || !sawDelete)
        fail(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"
                                  + (xml.hasError() ? ": " + xml.errorString().toStdString() : std::string()));
    if (keys.empty() || keys.size() > size_t(kMaxListKeys))
        fail(400, "MalformedXML", "A Delete request names 1 to 1000 objects, not " + std::to_string(keys.size()));
    std::string content;
    for (const std::string &key : keys) {
        if (std::find(versioned.begin(), versioned.end(), key) != versioned.end()) {
            content += "<Error>" + element("Key", printable(key)) + element("Code", "NoSuchVersion")
                       + element("Message", "The specified version does not exist (the bucket has no versioning here)") + "</Error>";
            continue;
        }
        if (key.empty()) {
            content += "<Error>" + element("Key", key) + element("Code", "InvalidArgument")
                       + element("Message", "An object's key may not be empty") + "</Error>";
            continue;
        }
        Result<bool> removed = false;
        if (objectPath(folder, key, false))
            removed = m_backend.deleteObject(bucket, key);
        if (!removed) {
            content += "<Error>" + element("Key", key) + element("Code", "InternalError")
                       + element("Message", removed.status().message()) + "</Error>";
        } else if (!quiet) {
            content += "<Deleted>" + element("Key", key) + "</Deleted>";
        }
    }
    return xmlAnswer(200, "DeleteResult", content);
}

http::Response S3::getObject(const Call &call, const std::string &folder)
{
    call.onlyParameters({"versionId", "response-content-type", "response-content-language", "response-expires",
                         "response-cache-control", "response-content-disposition", "response-content-encoding",
                         "partNumber"});
    call.onlyNullVersion();
    const auto noSuchKey = [&] {
        fail(404, "NoSuchKey", "The specified key does not exist.", {{"Key", call.key}});
    };
    auto path = objectPath(folder, call.key, false);
    if (!path)
        noSuchKey();
    const QFileInfo info(QString::fromStdString(path->string()));
    if (!info.isFile() || info.isSymLink())
        noSuchKey();
    const long long size = info.size();
    const long long modified = info.lastModified().toMSecsSinceEpoch();
    const std::string eTag = quotedETag(eTagOf(path->string()));
    const bool notModified = !conditionsHold(call.request, "", eTag, modified);
    const bool head = call.request.method == "HEAD";
    std::optional<std::pair<long long, long long>> range = rangeOf(headerOf(call.request, "range"), size);
    if (call.has("partNumber")) {
        if (call.param("partNumber") != "1")
            fail(416, "InvalidPartNumber", "The requested partnumber is not satisfiable");
        range.reset(); // a single-part object is its part 1
    }
    const long long first = range ? range->first : 0;
    const long long length = range ? range->second - range->first + 1 : size;
    if (!head && length > kMaxServedObject)
        fail(501, "NotImplemented", "Objects over 1 GiB are served by range only here (ask for a Range)");
    http::Response r = emptyAnswer(notModified ? 304 : range ? 206 : 200);
    const Metadata metadata = storedMetadata(*path);
    r.headers.emplace_back("Last-Modified", httpDate(modified));
    r.headers.emplace_back("ETag", eTag);
    r.headers.emplace_back("Accept-Ranges", "bytes");
    if (notModified)
        return r;
    r.headers.emplace_back("Content-Type", call.has("response-content-type") ? call.param("response-content-type") : metadata.contentType);
    for (const auto &[name, value] : metadata.headers) {
        if (!call.has("response-" + name))
            r.headers.emplace_back(name, value);
    }
    for (const auto &[name, value] : call.query) {
        if (name.starts_with("response-") && name != "response-content-type")
            r.headers.emplace_back(name.substr(9), value);
    }
    if (range)
        r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range->first) + "-" + std::to_string(range->second)
                                                    + "/" + std::to_string(size));
    if (head) {
        r.headContentLength = length;
        return r;
    }
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly) || !file.seek(first))
        fail(500, "InternalError", "Cannot read the object's file: " + file.errorString().toStdString());
    const QByteArray bytes = file.read(length);
    if (bytes.size() != length)
        fail(500, "InternalError", "The object's file changed while it was read");
    r.body.assign(bytes.constData(), size_t(bytes.size()));
    return r;
}

std::string S3::objectBody(const Call &call)
{
    const http::Request &request = call.request;
    const std::string sha = headerOf(request, "x-amz-content-sha256");
    const bool chunked = sha.starts_with("STREAMING-") || headerOf(request, "content-encoding").find("aws-chunked") != std::string::npos;
    std::string body;
    if (chunked) {
        auto decoded = decodeAwsChunked(request.body);
        if (!decoded)
            fail(400, "IncompleteBody", "The aws-chunked body is not well formed");
        body = std::move(*decoded);
        const std::string declared = headerOf(request, "x-amz-decoded-content-length");
        if (!declared.empty() && declared != std::to_string(body.size()))
            fail(400, "IncompleteBody", "You did not provide the number of bytes specified by the x-amz-decoded-content-length header");
    } else {
        body = request.body;
    }
    if (const std::string md5 = headerOf(request, "content-md5"); !md5.empty()) {
        const auto given = QByteArray::fromBase64Encoding(QByteArray::fromStdString(md5), QByteArray::AbortOnBase64DecodingErrors);
        if (!given || given.decoded.size() != 16)
            fail(400, "InvalidDigest", "The Content-MD5 you specified is not valid: the base64 of 16 bytes.");
        const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(body), QCryptographicHash::Md5).toBase64();
        if (digest.toStdString() != md5)
            fail(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
    }
    return body;
}

http::Response S3::putObject(const Call &call, const Node &bucket, const std::string &folder)
{
    call.onlyParameters({});
    checkKeyToWrite(call.key);
    if (headerOf(call.request, "content-length").empty() && headerOf(call.request, "transfer-encoding").empty())
        fail(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    const Metadata metadata = metadataOf(call.request);
    const std::string body = objectBody(call);
    checkWriteConditions(call, folder, call.key);
    http::Response r = emptyAnswer(200);
    r.headers.emplace_back("ETag", storeObject(bucket, folder, call.key, body, metadata));
    return r;
}

std::string S3::storeObject(const Node &bucket, const std::string &folder, const std::string &key,
                            const std::string &body, const Metadata &metadata)
{
    auto eTag = m_backend.putObject(bucket, key, body);
    if (!eTag) {
        if (eTag.status().code() == Status::Code::InvalidArgument)
            fail(400, "InvalidArgument", eTag.status().message());
        fail(500, "InternalError", eTag.status().message());
    }
    if (auto path = objectPath(folder, key, false))
        storeMetadata(*path, metadata);
    return quotedETag(*eTag);
}

S3::CopySource S3::copySource(const Call &call, const Workspace &design)
{
    // x-amz-copy-source: [/]BUCKET/KEY[?versionId=null], URL-encoded.
    std::string source = headerOf(call.request, "x-amz-copy-source");
    if (const size_t question = source.find('?'); question != std::string::npos) {
        const std::string version = source.substr(question + 1);
        if (version != "versionId=null")
            fail(400, "InvalidArgument", "Invalid version id specified: the bucket has no versioning here",
                 {{"ArgumentName", "x-amz-copy-source"}, {"ArgumentValue", printable(version)}});
        source.resize(question);
    }
    auto decoded = urlDecoded(source, false);
    if (!decoded)
        fail(400, "InvalidArgument", "Invalid copy source encoding", {{"ArgumentName", "x-amz-copy-source"}});
    source = decoded->starts_with('/') ? decoded->substr(1) : *decoded;
    const size_t slash = source.find('/');
    if (slash == std::string::npos || slash + 1 == source.size())
        fail(400, "InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
             {{"ArgumentName", "x-amz-copy-source"}});
    CopySource from;
    from.key = source.substr(slash + 1);
    from.bucket = resourceNamed(design, kinds::kBucket, source.substr(0, slash));
    if (!from.bucket)
        fail(404, "NoSuchBucket", "The specified bucket does not exist", {{"BucketName", source.substr(0, slash)}});
    auto path = objectPath(m_backend.bucketFolder(*from.bucket), from.key, false);
    const QFileInfo info(path ? QString::fromStdString(path->string()) : QString());
    if (!path || !info.isFile() || info.isSymLink())
        fail(404, "NoSuchKey", "The specified key does not exist.", {{"Key", from.key}});
    from.path = *path;
    if (!conditionsHold(call.request, "x-amz-copy-source-", quotedETag(eTagOf(path->string())),
                        info.lastModified().toMSecsSinceEpoch()))
        fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
             {{"Condition", "x-amz-copy-source-If-None-Match / If-Modified-Since"}});
    return from;
}

void S3::checkWriteConditions(const Call &call, const std::string &folder, const std::string &key)
{
    const std::string ifNoneMatch = headerOf(call.request, "if-none-match");
    const std::string ifMatch = headerOf(call.request, "if-match");
    if (ifNoneMatch.empty() && ifMatch.empty())
        return;
    auto path = objectPath(folder, key, false);
    const std::string eTag = path ? eTagOf(path->string()) : std::string();
    if (!ifNoneMatch.empty() && !eTag.empty() && eTagListNames(ifNoneMatch, quotedETag(eTag)))
        fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
             {{"Condition", "If-None-Match"}});
    if (!ifMatch.empty() && eTag.empty())
        fail(404, "NoSuchKey", "The specified key does not exist.", {{"Key", key}});
    if (!ifMatch.empty() && !eTagListNames(ifMatch, quotedETag(eTag)))
        fail(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {{"Condition", "If-Match"}});
}

http::Response S3::copyObject(const Call &call, const Workspace &design, const Node &bucket, const std::string &folder)
{
    call.onlyParameters({});
    checkKeyToWrite(call.key);
    const CopySource from = copySource(call, design);
    const Node *sourceBucket = from.bucket;
    const std::string &sourceKey = from.key;
    const std::optional<fs::path> sourcePath = from.path;
    const QFileInfo info(QString::fromStdString(from.path.string()));
    const bool replace = headerOf(call.request, "x-amz-metadata-directive") == "REPLACE";
    if (!replace && sourceBucket == &bucket && sourceKey == call.key)
        fail(400, "InvalidRequest",
             "This copy request is illegal because it is trying to copy an object to itself without changing the "
             "object's metadata, storage class, website redirect location or encryption attributes.");
    if (info.size() > kMaxServedObject)
        fail(501, "NotImplemented", "Objects over 1 GiB are not copied here");
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        fail(500, "InternalError", "Cannot read the source object's file: " + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    const Metadata metadata = replace ? metadataOf(call.request) : storedMetadata(*sourcePath);
    const std::string eTag = storeObject(bucket, folder, call.key, bytes.toStdString(), metadata);
    long long modified = QDateTime::currentMSecsSinceEpoch();
    if (auto path = objectPath(folder, call.key, false))
        modified = QFileInfo(QString::fromStdString(path->string())).lastModified().toMSecsSinceEpoch();
    return xmlAnswer(200, "CopyObjectResult", element("LastModified", isoTime(modified)) + element("ETag", eTag));
}

// ---- multipart uploads: what the AWS CLI's s3 cp does for files over 8 MB ----------

namespace {

constexpr int kMaxParts = 10000;
constexpr long long kMaxCopiedPart = 256LL * 1024 * 1024; // a part copied, as a part sent: held in memory

std::string partFile(const std::string &folder, const std::string &uploadId, int part)
{
    // In the bucket's folder, as our temporary: never listed, never notified.
    return folder + "/.stratus-part-" + uploadId + "-" + std::to_string(part);
}

} // namespace

struct S3::Upload
{
    std::string folder; // where its parts are
    std::string bucket;
    std::string key;
    Metadata metadata;
    std::map<int, std::string> partETags; // by part number: the part's MD5 in hex
};

S3::S3(Backend &backend)
    : m_backend(backend)
{}

S3::~S3()
{
    // Parts of uploads never completed are dropped with the endpoint.
    for (const auto &[id, upload] : m_uploads) {
        for (const auto &[part, eTag] : upload->partETags) {
            std::error_code ec;
            fs::remove(partFile(upload->folder, id, part), ec);
        }
    }
}

http::Response S3::multipartUpload(const Call &call, const Node &bucket, const std::string &folder)
{
    const std::string &method = call.request.method;
    if (method == "GET" || method == "HEAD")
        fail(501, "NotImplemented", "ListParts and ListMultipartUploads are not served here (docs/services.md)");
    if (method == "POST" && call.has("uploads")) { // CreateMultipartUpload
        call.onlyParameters({"uploads"});
        checkKeyToWrite(call.key);
        if (auto path = objectPath(folder, call.key, false); !path)
            fail(400, "InvalidArgument", path.status().message(), {{"ArgumentName", "key"}, {"ArgumentValue", printable(call.key)}});
        if (m_uploads.size() >= 1000)
            fail(503, "SlowDown", "Too many multipart uploads in progress here (1000): complete or abort some");
        const std::string id = newRequestId();
        m_uploads[id] = std::make_unique<Upload>(Upload{folder, bucket.name, call.key, metadataOf(call.request), {}});
        return xmlAnswer(200, "InitiateMultipartUploadResult",
                         element("Bucket", bucket.name) + element("Key", call.key) + element("UploadId", id));
    }
    const std::string id = call.param("uploadId");
    auto found = m_uploads.find(id);
    if (found == m_uploads.end() || found->second->bucket != bucket.name || found->second->key != call.key)
        fail(404, "NoSuchUpload",
             "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload "
             "might have been aborted or completed.",
             {{"UploadId", id}});
    Upload &upload = *found->second;
    if (method == "PUT") { // UploadPart
        call.onlyParameters({"uploadId", "partNumber"});
        const bool copied = !headerOf(call.request, "x-amz-copy-source").empty(); // UploadPartCopy
        const std::string number = call.param("partNumber");
        const int part = number.size() <= 5 && !number.empty()
                                 && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })
                             ? std::stoi(number)
                             : 0;
        if (part < 1 || part > kMaxParts)
            fail(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive",
                 {{"ArgumentName", "partNumber"}, {"ArgumentValue", printable(number)}});
        std::string body;
        if (copied) {
            auto design = m_backend.design();
            const CopySource from = copySource(call, *design);
            const long long size = static_cast<long long>(fs::file_size(from.path));
            long long first = 0;
            long long length = size;
            if (const std::string asked = headerOf(call.request, "x-amz-copy-source-range"); !asked.empty()) {
                const auto range = rangeOf(asked, size);
                if (!range)
                    fail(400, "InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last",
                         {{"ArgumentName", "x-amz-copy-source-range"}, {"ArgumentValue", printable(asked)}});
                first = range->first;
                length = range->second - range->first + 1;
            }
            if (length > kMaxCopiedPart)
                fail(400, "InvalidRequest", "A part copied is at most 5 GiB, and at most 256 MiB here");
            QFile file(QString::fromStdString(from.path.string()));
            if (!file.open(QIODevice::ReadOnly) || !file.seek(first))
                fail(500, "InternalError", "Cannot read the source object's file: " + file.errorString().toStdString());
            body = file.read(length).toStdString();
        } else {
            body = objectBody(call);
        }
        if (Status s = writeObjectFile(partFile(folder, id, part), body); !s)
            fail(500, "InternalError", s.message());
        upload.partETags[part] = shapes::md5Hex(body);
        if (copied)
            return xmlAnswer(200, "CopyPartResult",
                             element("ETag", quotedETag(upload.partETags[part]))
                                 + element("LastModified", isoTime(QDateTime::currentMSecsSinceEpoch())));
        http::Response r = emptyAnswer(200);
        r.headers.emplace_back("ETag", quotedETag(upload.partETags[part]));
        return r;
    }
    if (method == "DELETE") { // AbortMultipartUpload
        call.onlyParameters({"uploadId"});
        for (const auto &[part, eTag] : upload.partETags) {
            std::error_code ec;
            fs::remove(partFile(folder, id, part), ec);
        }
        m_uploads.erase(found);
        return emptyAnswer(204);
    }
    if (method != "POST")
        fail(501, "NotImplemented", "ListParts is not served here");
    // CompleteMultipartUpload: the parts named, in ascending order, each as uploaded.
    call.onlyParameters({"uploadId"});
    checkWriteConditions(call, folder, upload.key);
    QXmlStreamReader xml(QByteArray::fromStdString(call.request.body));
    std::vector<std::pair<int, std::string>> named;
    std::string text;
    int number = 0;
    std::string eTag;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            fail(400, "MalformedXML", "The XML you provided may not declare a DTD");
        if (token == QXmlStreamReader::StartElement)
            text.clear();
        else if (token == QXmlStreamReader::Characters)
            text += xml.text().toString().toStdString();
        else if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == QLatin1String("PartNumber"))
                number = text.size() <= 5 ? std::atoi(text.c_str()) : 0;
            else if (xml.name() == QLatin1String("ETag"))
                eTag = text;
            else if (xml.name() == QLatin1String("Part")) {
                named.emplace_back(number, eTag);
                number = 0;
                eTag.clear();
            }
        }
    }
    if (xml.hasError() || named.empty() || named.size() > size_t(kMaxParts))
        fail(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
    std::string body;
    for (size_t i = 0; i < named.size(); ++i) {
        const auto &[part, partETag] = named[i];
        if (i > 0 && part <= named[i - 1].first)
            fail(400, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
        auto known = upload.partETags.find(part);
        std::string given = partETag;
        std::erase(given, '"');
        if (known == upload.partETags.end() || (!given.empty() && given != known->second))
            fail(400, "InvalidPart", "One or more of the specified parts could not be found. The part may not have been "
                                     "uploaded, or the specified entity tag may not match the part's entity tag.",
                 {{"PartNumber", std::to_string(part)}, {"ETag", partETag}});
        QFile file(QString::fromStdString(partFile(folder, id, part)));
        if (!file.open(QIODevice::ReadOnly))
            fail(500, "InternalError", "Cannot read part " + std::to_string(part) + ": " + file.errorString().toStdString());
        if (qint64(body.size()) + file.size() > kMaxServedObject)
            fail(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size here (1 GiB)");
        body += file.readAll().toStdString();
    }
    const std::string objectETag = storeObject(bucket, folder, upload.key, body, upload.metadata);
    for (const auto &[part, partETag] : upload.partETags) {
        std::error_code ec;
        fs::remove(partFile(folder, id, part), ec);
    }
    const std::string key = upload.key;
    m_uploads.erase(found);
    return xmlAnswer(200, "CompleteMultipartUploadResult",
                     element("Location", "/" + bucket.name + "/" + urlEncoded(key, true)) + element("Bucket", bucket.name)
                         + element("Key", key) + element("ETag", objectETag));
}

} // namespace stratus::engine::services
