// engine/services: the local DynamoDB and SQS endpoints (S3: tst_s3) over real sockets on
// 127.0.0.1 and a real workspace file — every expression form, paging,
// conditional failures, transactions that fail as a whole, DynamoDB's error
// shapes for bad input; SQS's JSON and query protocols, MD5s, visibility,
// long polling and its errors — and real SDK clients: Node.js handlers using
// client-dynamodb/lib-dynamodb and client-sqs, and Python handlers using
// boto3, run by the executor, whose writes reach the table's stream and the
// queue's consumer; and the AWS CLI.

#include "servicestest.h"

#include "engine/services/dynamodb.h"
#include "engine/runtime/launch.h"
#include "engine/store/resourcedata.h"

#include <QProcess>
#include <QElapsedTimer>
#include <QCryptographicHash>
#include <QStandardPaths>
#include <QTest>

using namespace stratus::engine;
using namespace stratus::engine::run;
using namespace stratus::test;

namespace {

const char *kWriterCode = R"JS(
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, QueryCommand, TransactWriteCommand }
  = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.handler = async (event) => {
  const TableName = process.env.EVENTS_TABLE_NAME;
  for (let i = 0; i < 3; i++)
    await db.send(new PutCommand({ TableName, Item: { pk: event.pk, sk: i, note: 'n' + i } }));
  const updated = await db.send(new UpdateCommand({ TableName, Key: { pk: event.pk, sk: 0 },
    UpdateExpression: 'SET visits = if_not_exists(visits, :zero) + :one', ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
    ReturnValues: 'UPDATED_NEW' }));
  const page = await db.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p AND sk >= :s',
    ExpressionAttributeValues: { ':p': event.pk, ':s': 1 }, ScanIndexForward: false }));
  let conditional = null;
  try {
    await db.send(new PutCommand({ TableName, Item: { pk: event.pk, sk: 0 }, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) { conditional = e.name; }
  let cancelled = null;
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName, Item: { pk: event.pk, sk: 99 } } },
      { ConditionCheck: { TableName, Key: { pk: event.pk, sk: 1 }, ConditionExpression: 'note = :x', ExpressionAttributeValues: { ':x': 'nope' } } },
    ] }));
  } catch (e) { cancelled = e.name + ':' + e.CancellationReasons.map(r => r.Code).join(','); }
  const missing = await db.send(new GetCommand({ TableName, Key: { pk: event.pk, sk: 99 } }));
  return { table: TableName, visits: updated.Attributes.visits, sks: page.Items.map(i => i.sk), conditional, cancelled,
           transactionWrote: missing.Item !== undefined };
};
)JS";

const char *kPythonReader = R"PY(
import os
import boto3

table = boto3.resource("dynamodb").Table(os.environ["EVENTS_TABLE_NAME"])

def handler(event, context):
    item = table.get_item(Key={"pk": event["pk"], "sk": 2})["Item"]
    table.update_item(Key={"pk": event["pk"], "sk": 2}, UpdateExpression="SET #by = :by",
                      ExpressionAttributeNames={"#by": "by"}, ExpressionAttributeValues={":by": "python"})
    return {"note": item["note"], "sk": int(item["sk"]), "boto3": boto3.__version__}
)PY";

const char *kQueueCode = R"JS(
const { SQSClient, SendMessageCommand, SendMessageBatchCommand, ReceiveMessageCommand, DeleteMessageCommand,
        GetQueueAttributesCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async () => {
  const jobs = process.env.JOBS_QUEUE_URL;
  await sqs.send(new SendMessageCommand({ QueueUrl: jobs, MessageBody: 'job 1',
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'resize' } } }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: jobs, Entries: [{ Id: 'a', MessageBody: 'job 2' }, { Id: 'b', MessageBody: 'job 3' }] }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: jobs, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
    MessageAttributeNames: ['All'] }));
  for (const m of got.Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: jobs, ReceiptHandle: m.ReceiptHandle }));
  const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: jobs, AttributeNames: ['ApproximateNumberOfMessages'] }));
  // A message to the queue with a consumer: it is delivered as the graph's are.
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.INBOX_QUEUE_URL, MessageBody: '{"order":7}' }));
  return { bodies: got.Messages.map(m => m.Body).sort(), kind: got.Messages.find(m => m.Body === 'job 1').MessageAttributes.kind.StringValue,
           left: left.Attributes.ApproximateNumberOfMessages, url: jobs };
};
)JS";

const char *kPythonQueue = R"PY(
import os
import boto3

sqs = boto3.client("sqs")

def handler(event, context):
    url = os.environ["JOBS_QUEUE_URL"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="from <python> & co",
                            MessageAttributes={"n": {"DataType": "Number", "StringValue": "42"}})
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], WaitTimeSeconds=1)["Messages"][0]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=got["ReceiptHandle"])
    return {"body": got["Body"], "n": got["MessageAttributes"]["n"]["StringValue"],
            "md5": sent["MD5OfMessageAttributes"] == got["MD5OfMessageAttributes"]}
)PY";

std::string workspace()
{
    Json nodes = Json::array({
        kindNode("go", "trigger.manual"),
        functionNode("writer", kWriterCode, {{"uses", {"events"}}, {"timeoutS", 20}}),
        kindNode("go-python", "trigger.manual"),
        Json{{"id", "reader"},
             {"kind", "function"},
             {"name", "reader"},
             {"config",
              {{"runtime", "python3.11"}, {"handler", "app.handler"}, {"uses", {"events"}}, {"timeoutS", 20},
               {"files", {{"app.py", kPythonReader}}}}}},
        kindNode("go-queue", "trigger.manual"),
        functionNode("queue-user", kQueueCode, {{"uses", {"jobs", "inbox"}}, {"timeoutS", 20}}),
        kindNode("go-python-queue", "trigger.manual"),
        Json{{"id", "py-queue"},
             {"kind", "function"},
             {"name", "py-queue"},
             {"config",
              {{"runtime", "python3.11"}, {"handler", "app.handler"}, {"uses", {"jobs"}}, {"timeoutS", 20},
               {"files", {{"app.py", kPythonQueue}}}}}},
        kindNode("jobs", "queue", {{"visibilityTimeoutS", 1}}),
        kindNode("inbox", "queue"),
        functionNode("on-inbox", "exports.handler = async (e) => ({ bodies: e.Records.map(r => r.body) });"),
        kindNode("todos", "table"),
        kindNode("events", "table", {{"partitionKey", "pk"}, {"sortKey", "sk"}}),
        functionNode("watch", "exports.handler = async (e) => ({ seen: e.Records.length });"),
    });
    Json edges = Json::array({edgeJson("go", "event", "writer"), edgeJson("go-python", "event", "reader"),
                              edgeJson("events", "out", "watch"), edgeJson("go-queue", "event", "queue-user"),
                              edgeJson("go-python-queue", "event", "py-queue"), edgeJson("inbox", "out", "on-inbox")});
    return workspaceDocument(nodes, edges);
}

struct Answer
{
    int status = 0;
    Json body;
    std::string type() const
    {
        const std::string t = body.value("__type", std::string());
        return t.substr(t.find('#') == std::string::npos ? 0 : t.find('#') + 1);
    }
    std::string message() const { return body.value("message", std::string()); }
};

Json S(const std::string &s)
{
    return Json{{"S", s}};
}
Json N(const std::string &n)
{
    return Json{{"N", n}};
}

} // namespace

class TestServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void putGetDeleteWithReturnValues();
    void updateExpressions();
    void updateExpressionsRefused();
    void conditionExpressions_data();
    void conditionExpressions();
    void expressionErrorsNameThePosition_data();
    void expressionErrorsNameThePosition();
    void queryOrdersAndPages();
    void scanPagesThroughEverything();
    void batchesAndTransactions();
    void transactionFailsAsAWhole();
    void numbersStayExact();
    void badRequestsGetDynamoDbErrors();
    void sdkHandlersReachTheTable();
    void awsCliReachesTheEndpoint();

    void sqsJsonProtocol();
    void sqsQueryProtocol();
    void sqsLongPollingWaitsForAMessage();
    void sqsErrorsAreSqssAndNothingIsHalfWritten();
    void sqsSdkHandlersUseTheQueues();
    void awsCliSendsAndReceivesMessages();

private:
    Answer sqs(const std::string &action, const Json &body);
    HttpAnswer sqsQuery(const std::string &form);
    Answer call(const std::string &operation, const Json &body);
    Answer callRaw(const std::string &operation, const std::string &body);
    RunOutcome run(const char *trigger, const Json &event);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<WorkspaceServer> m_server;
    std::vector<RunOutcome> m_runs;
    int m_port = 0;
};

void TestServices::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = writeWorkspace(m_dir->path(), workspace());
    Status started;
    m_server = serveWithEndpoints(*m_dir, m_file, m_runs, started);
    QVERIFY2(started.isOk(), started.message().c_str());
    const std::string url = m_server->servicesUrl();
    QVERIFY(url.starts_with("http://127.0.0.1:"));
    m_port = portOf(url);
}

void TestServices::cleanupTestCase()
{
    if (m_server)
        m_server->stop(0);
    m_server.reset();
}

void TestServices::init()
{
    // And with empty queues.
    for (const char *queue : {"jobs", "inbox"})
        QCOMPARE(sqs("PurgeQueue", {{"QueueUrl", std::string("http://x/000000000000/") + queue}}).status, 200);
    // Each case starts with empty tables.
    for (const char *table : {"todos", "events"}) {
        const Answer all = call("Scan", {{"TableName", table}});
        for (const Json &item : all.body["Items"]) {
            Json key = Json::object();
            for (const char *k : {"id", "pk", "sk"}) {
                if (item.contains(k))
                    key[k] = item[k];
            }
            QCOMPARE(call("DeleteItem", {{"TableName", table}, {"Key", key}}).status, 200);
        }
    }
}

Answer TestServices::callRaw(const std::string &operation, const std::string &body)
{
    RawHttp http(m_port);
    http.send(RawHttp::request("POST", "/", body,
                               {"X-Amz-Target: DynamoDB_20120810." + operation,
                                "Content-Type: application/x-amz-json-1.0",
                                "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/dynamodb/aws4_request, "
                                "SignedHeaders=host, Signature=00"}));
    const auto answers = http.read(1);
    if (answers.empty())
        return Answer{};
    Answer a;
    a.status = answers[0].status;
    a.body = Json::parse(answers[0].body, nullptr, false);
    return a;
}

Answer TestServices::call(const std::string &operation, const Json &body)
{
    return callRaw(operation, body.dump());
}

Answer TestServices::sqs(const std::string &action, const Json &body)
{
    RawHttp http(m_port);
    http.send(RawHttp::request("POST", "/", body.dump(),
                               {"X-Amz-Target: AmazonSQS." + action, "Content-Type: application/x-amz-json-1.0"}));
    const auto answers = http.read(1, 30000);
    if (answers.empty())
        return Answer{};
    Answer a;
    a.status = answers[0].status;
    a.body = Json::parse(answers[0].body, nullptr, false);
    if (a.body.is_object() && answers[0].headers.count("x-amzn-query-error"))
        a.body["queryError"] = answers[0].headers.at("x-amzn-query-error");
    return a;
}

HttpAnswer TestServices::sqsQuery(const std::string &form)
{
    RawHttp http(m_port);
    http.send(RawHttp::request("POST", "/", form, {"Content-Type: application/x-www-form-urlencoded; charset=utf-8"}));
    const auto answers = http.read(1, 30000);
    return answers.empty() ? HttpAnswer{} : answers[0];
}

/// MD5OfMessageAttributes as a second, independent implementation computes
/// it (Python's hashlib, from the SQS developer guide's description).
static std::string referenceAttributesMd5(const Json &attributes)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral(R"(
import base64, hashlib, json, struct, sys
attributes = json.loads(sys.stdin.read())
out = b""
for name in sorted(attributes):
    a = attributes[name]
    def field(b): return struct.pack(">I", len(b)) + b
    out += field(name.encode()) + field(a["DataType"].encode())
    if a["DataType"].startswith("Binary"):
        out += b"" + field(base64.b64decode(a["BinaryValue"]))
    else:
        out += b"" + field(a["StringValue"].encode())
print(hashlib.md5(out).hexdigest())
)")});
    python.write(QByteArray::fromStdString(attributes.dump()));
    python.closeWriteChannel();
    python.waitForFinished(10000);
    return python.readAllStandardOutput().trimmed().toStdString();
}

void TestServices::sqsJsonProtocol()
{
    // A queue's URL names the endpoint as the request's Host header does (RawHttp sends "127.0.0.1").
    const std::string url = "http://127.0.0.1/000000000000/jobs";
    QVERIFY(sqs("GetQueueUrl", {{"QueueName", "jobs"}}).body["QueueUrl"] == url);
    const Json attributes{{"kind", {{"DataType", "String"}, {"StringValue", "résumé"}}},
                          {"count", {{"DataType", "Number"}, {"StringValue", "12"}}},
                          {"blob", {{"DataType", "Binary.png"}, {"BinaryValue", "AAEC/w=="}}}};
    const Answer sent = sqs("SendMessage", {{"QueueUrl", url}, {"MessageBody", "hello ✓"}, {"MessageAttributes", attributes}});
    QVERIFY2(sent.status == 200, sent.body.dump().c_str());
    QCOMPARE_STR(sent.body["MD5OfMessageBody"].get<std::string>(),
                 QCryptographicHash::hash(QByteArray("hello ✓"), QCryptographicHash::Md5).toHex().toStdString());
    QCOMPARE_STR(sent.body["MD5OfMessageAttributes"].get<std::string>(), referenceAttributesMd5(attributes));

    // Received with its attributes, hidden for the visibility timeout asked for, then seen again.
    Answer got = sqs("ReceiveMessage", {{"QueueUrl", url}, {"MaxNumberOfMessages", 10}, {"VisibilityTimeout", 1},
                                        {"MessageAttributeNames", {"All"}}, {"MessageSystemAttributeNames", {"All"}}});
    QCOMPARE(got.body["Messages"].size(), size_t(1));
    const Json message = got.body["Messages"][0];
    QVERIFY(message["Body"] == "hello ✓");
    QVERIFY(message["MessageId"] == sent.body["MessageId"]);
    QVERIFY(message["MessageAttributes"] == attributes);
    QVERIFY(message["MD5OfMessageAttributes"] == sent.body["MD5OfMessageAttributes"]);
    QVERIFY(message["Attributes"]["ApproximateReceiveCount"] == "1");
    QVERIFY(!sqs("ReceiveMessage", {{"QueueUrl", url}}).body.contains("Messages"));
    QTest::qWait(1100);
    got = sqs("ReceiveMessage", {{"QueueUrl", url}, {"AttributeNames", {"ApproximateReceiveCount"}}});
    QCOMPARE(got.body["Messages"].size(), size_t(1));
    QVERIFY(got.body["Messages"][0]["Attributes"]["ApproximateReceiveCount"] == "2");
    QVERIFY(!got.body["Messages"][0].contains("MessageAttributes")); // not asked for

    // An old receipt handle still names the message; the new one deletes it.
    QCOMPARE(sqs("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", got.body["Messages"][0]["ReceiptHandle"]}}).status, 200);
    const Answer attributesNow = sqs("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}});
    QVERIFY(attributesNow.body["Attributes"]["ApproximateNumberOfMessages"] == "0");
    QVERIFY(attributesNow.body["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "0");
    QVERIFY(attributesNow.body["Attributes"]["VisibilityTimeout"] == "1");
    QVERIFY(attributesNow.body["Attributes"]["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:jobs");

    // Batches: each entry answered by its id.
    const Answer batch = sqs("SendMessageBatch", {{"QueueUrl", url}, {"Entries", {{{"Id", "x"}, {"MessageBody", "one"}},
                                                                                 {{"Id", "y"}, {"MessageBody", "two"}}}}});
    QCOMPARE(batch.body["Successful"].size(), size_t(2));
    got = sqs("ReceiveMessage", {{"QueueUrl", url}, {"MaxNumberOfMessages", 10}});
    QCOMPARE(got.body["Messages"].size(), size_t(2));
    Json entries = Json::array();
    for (const Json &m : got.body["Messages"])
        entries.push_back({{"Id", "d" + std::to_string(entries.size())}, {"ReceiptHandle", m["ReceiptHandle"]}});
    entries.push_back({{"Id", "bad"}, {"ReceiptHandle", "not a handle"}});
    const Answer deleted = sqs("DeleteMessageBatch", {{"QueueUrl", url}, {"Entries", entries}});
    QCOMPARE(deleted.body["Successful"].size(), size_t(2));
    QCOMPARE(deleted.body["Failed"].size(), size_t(1));
    QVERIFY(deleted.body["Failed"][0]["Code"] == "ReceiptHandleIsInvalid");
}

void TestServices::sqsQueryProtocol()
{
    // What boto3 1.26 and the AWS CLI speak: a form, answered in XML.
    const HttpAnswer sent = sqsQuery("Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2Fx%2F000000000000%2Fjobs"
                                     "&MessageBody=a+%3Cb%3E+%26+c&MessageAttribute.1.Name=n"
                                     "&MessageAttribute.1.Value.DataType=Number&MessageAttribute.1.Value.StringValue=7");
    QCOMPARE(sent.status, 200);
    QVERIFY2(sent.body.find("<MD5OfMessageBody>" + QCryptographicHash::hash("a <b> & c", QCryptographicHash::Md5).toHex().toStdString()
                            + "</MD5OfMessageBody>") != std::string::npos, sent.body.c_str());
    QVERIFY(sent.body.find("<MD5OfMessageAttributes>"
                           + referenceAttributesMd5({{"n", {{"DataType", "Number"}, {"StringValue", "7"}}}})) != std::string::npos);
    const HttpAnswer got = sqsQuery("Action=ReceiveMessage&QueueUrl=jobs&MessageAttributeName.1=All&AttributeName.1=All");
    QCOMPARE(got.status, 200);
    QVERIFY2(got.body.find("<Body>a &lt;b&gt; &amp; c</Body>") != std::string::npos, got.body.c_str());
    QVERIFY(got.body.find("<MessageAttribute><Name>n</Name><Value><DataType>Number</DataType><StringValue>7</StringValue>"
                          "</Value></MessageAttribute>") != std::string::npos);
    QVERIFY(got.body.find("<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>") != std::string::npos);
    const HttpAnswer missing = sqsQuery("Action=GetQueueUrl&QueueName=nowhere");
    QCOMPARE(missing.status, 400);
    QVERIFY(missing.body.find("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>") != std::string::npos);
    const HttpAnswer tooMany = sqsQuery("Action=ReceiveMessage&QueueUrl=jobs&MaxNumberOfMessages=11");
    QCOMPARE(tooMany.status, 400);
    QVERIFY(tooMany.body.find("Must be between 1 and 10") != std::string::npos);
}

void TestServices::sqsLongPollingWaitsForAMessage()
{
    // An empty queue: the poll waits its whole time, then answers no message.
    QElapsedTimer clock;
    clock.start();
    Answer empty = sqs("ReceiveMessage", {{"QueueUrl", "jobs"}, {"WaitTimeSeconds", 1}});
    QCOMPARE(empty.status, 200);
    QVERIFY(!empty.body.contains("Messages"));
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));

    // A message sent while it waits ends the wait at once.
    RawHttp waiting(m_port);
    waiting.send(RawHttp::request("POST", "/", Json{{"QueueUrl", "jobs"}, {"WaitTimeSeconds", 10}}.dump(),
                                  {"X-Amz-Target: AmazonSQS.ReceiveMessage", "Content-Type: application/x-amz-json-1.0"}));
    QTest::qWait(300);
    clock.restart();
    QCOMPARE(sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", "late"}}).status, 200);
    const auto answers = waiting.read(1, 15000);
    QCOMPARE(answers.size(), size_t(1));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(Json::parse(answers[0].body)["Messages"][0]["Body"] == "late");

    // A poll whose client went away takes nothing: the message stays visible for others.
    {
        RawHttp gone(m_port);
        gone.send(RawHttp::request("POST", "/", Json{{"QueueUrl", "jobs"}, {"WaitTimeSeconds", 20}}.dump(),
                                   {"X-Amz-Target: AmazonSQS.ReceiveMessage", "Content-Type: application/x-amz-json-1.0"}));
        QTest::qWait(200);
    } // closed
    QTest::qWait(200);
    QCOMPARE(sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", "for the living"}}).status, 200);
    QTest::qWait(300);
    const Answer living = sqs("ReceiveMessage", {{"QueueUrl", "jobs"}});
    QVERIFY2(living.body.contains("Messages") && living.body["Messages"][0]["Body"] == "for the living", living.body.dump().c_str());

    // A visibility of 0: each message once per receive, its count up by one.
    QCOMPARE(sqs("PurgeQueue", {{"QueueUrl", "jobs"}}).status, 200);
    for (const char *body : {"v1", "v2", "v3"})
        QCOMPARE(sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", body}}).status, 200);
    const Answer zero = sqs("ReceiveMessage", {{"QueueUrl", "jobs"}, {"MaxNumberOfMessages", 10}, {"VisibilityTimeout", 0},
                                               {"AttributeNames", {"ApproximateReceiveCount"}}});
    QCOMPARE(zero.body["Messages"].size(), size_t(3));
    for (const Json &m : zero.body["Messages"])
        QVERIFY(m["Attributes"]["ApproximateReceiveCount"] == "1");
    // Visible again at once: no longer in flight.
    QVERIFY(sqs("ChangeMessageVisibility", {{"QueueUrl", "jobs"}, {"ReceiptHandle", zero.body["Messages"][0]["ReceiptHandle"]},
                                            {"VisibilityTimeout", 5}}).body["__type"] == "com.amazonaws.sqs#MessageNotInflight");
    // And the query protocol's empty receive still has its result element (boto3 and the CLI need it).
    QCOMPARE(sqs("PurgeQueue", {{"QueueUrl", "jobs"}}).status, 200);
    const HttpAnswer emptyXml = sqsQuery("Action=ReceiveMessage&QueueUrl=jobs");
    QVERIFY2(emptyXml.body.find("<ReceiveMessageResult></ReceiveMessageResult>") != std::string::npos, emptyXml.body.c_str());
}

void TestServices::sqsErrorsAreSqssAndNothingIsHalfWritten()
{
    Answer a = sqs("ReceiveMessage", {{"QueueUrl", "jobs"}, {"MaxNumberOfMessages", 11}});
    QCOMPARE(a.status, 400);
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#InvalidParameterValue");
    a = sqs("SendMessage", {{"QueueUrl", "nowhere"}, {"MessageBody", "x"}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#QueueDoesNotExist");
    QVERIFY(a.body["queryError"] == "AWS.SimpleQueueService.NonExistentQueue;Sender");
    a = sqs("DeleteMessage", {{"QueueUrl", "jobs"}, {"ReceiptHandle", "garbage!"}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#ReceiptHandleIsInvalid");
    a = sqs("SendMessageBatch", {{"QueueUrl", "jobs"}, {"Entries", Json::array()}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#EmptyBatchRequest");
    Json eleven = Json::array();
    for (int i = 0; i < 11; ++i)
        eleven.push_back({{"Id", std::to_string(i)}, {"MessageBody", "m"}});
    a = sqs("SendMessageBatch", {{"QueueUrl", "jobs"}, {"Entries", eleven}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#TooManyEntriesInBatchRequest");
    a = sqs("SendMessageBatch", {{"QueueUrl", "jobs"}, {"Entries", {{{"Id", "a"}, {"MessageBody", "m"}}, {{"Id", "a"}, {"MessageBody", "n"}}}}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#BatchEntryIdsNotDistinct");
    // A batch answers a bad entry in Failed and sends the others, each whole.
    a = sqs("SendMessageBatch", {{"QueueUrl", "jobs"}, {"Entries", {{{"Id", "a"}, {"MessageBody", "fine"}},
                                                                   {{"Id", "b"}, {"MessageBody", std::string("bad \x01 char")}}}}});
    QCOMPARE(a.body["Successful"].size(), size_t(1));
    QVERIFY(a.body["Failed"][0]["Id"] == "b" && a.body["Failed"][0]["Code"] == "InvalidMessageContents");
    QCOMPARE(sqs("PurgeQueue", {{"QueueUrl", "jobs"}}).status, 200);
    a = sqs("SendMessageBatch", {{"QueueUrl", "jobs"}, {"Entries", {{{"Id", "a b!"}, {"MessageBody", "m"}}}}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#InvalidBatchEntryId");
    a = sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", std::string(256 * 1024 + 1, 'x')}});
    QVERIFY(a.body["__type"] == "com.amazonaws.sqs#InvalidParameterValue");
    a = sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", ""}});
    QCOMPARE(a.status, 400);
    a = sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", "x"}, {"MessageAttributes", {{"bad name!", {{"DataType", "String"}, {"StringValue", "v"}}}}}});
    QCOMPARE(a.status, 400);
    a = sqs("CreateQueue", {{"QueueName", "fresh"}});
    QVERIFY(a.message().find("queue node") != std::string::npos);
    a = sqs("CreateQueue", {{"QueueName", "jobs"}}); // one that exists: its URL, as SQS answers
    QVERIFY(a.status == 200 && a.body["QueueUrl"].get<std::string>().ends_with("/000000000000/jobs"));
    // The query protocol: bytes that are not what SQS takes are refused, never rewritten.
    for (const char *form : {"Action=SendMessage&QueueUrl=jobs&MessageBody=x%EF%BF%BFy", "Action=SendMessage&QueueUrl=jobs&MessageBody=x%FF%FEy",
                             "Action=SendMessage&QueueUrl=jobs&MessageBody=%ZZ%", "Action=SendMessage&QueueUrl=jobs&MessageBody=m"
                             "&MessageAttribute.4294967297.Name=a&MessageAttribute.4294967297.Value.DataType=String"
                             "&MessageAttribute.4294967297.Value.StringValue=v"}) {
        const HttpAnswer refused = sqsQuery(form);
        QVERIFY2(refused.status == 400, (std::string(form) + " → " + refused.body).c_str());
    }
    a = sqs("Frobnicate", Json::object());
    QCOMPARE(a.status, 400);
    RawHttp http(m_port);
    http.send(RawHttp::request("POST", "/", "{not json", {"X-Amz-Target: AmazonSQS.SendMessage", "Content-Type: application/x-amz-json-1.0"}));
    QCOMPARE(http.read(1)[0].status, 400);
    // Nothing of the refused sends was written, and the endpoint goes on serving.
    auto depth = m_server->resources()->data()->depth("jobs", QDateTime::currentMSecsSinceEpoch());
    QVERIFY(depth);
    QCOMPARE(depth->visible + depth->inFlight, 0LL);
    QCOMPARE(sqs("SendMessage", {{"QueueUrl", "jobs"}, {"MessageBody", "after"}}).status, 200);
}

void TestServices::sqsSdkHandlersUseTheQueues()
{
    if (nodeSdkModules().empty())
        QSKIP("the AWS SDK for JavaScript is not installed (installer/setup-deps.sh installs it)");
    const size_t before = m_runs.size();
    const RunOutcome node = run("go-queue", Json::object());
    QVERIFY2(node.ok(), node.entry.error.c_str());
    const Json result = Json::parse(node.entry.steps.back().output);
    QVERIFY2(result["bodies"] == Json::array({"job 1", "job 2", "job 3"}), result.dump().c_str());
    QVERIFY(result["kind"] == "resize");
    QVERIFY(result["left"] == "0");
    QVERIFY(result["url"] == m_server->servicesUrl() + "/000000000000/jobs"); // JOBS_QUEUE_URL, from `uses`
    // The message sent to the queue with a consumer reached it, as the graph's do.
    QVERIFY(QTest::qWaitFor([&] {
        for (size_t i = before; i < m_runs.size(); ++i) {
            if (m_runs[i].entry.trigger == "queue" && m_runs[i].entry.steps.back().output.find("order") != std::string::npos)
                return true;
        }
        return false;
    }, 20000));

    const RunOutcome python = run("go-python-queue", Json::object());
    QVERIFY2(python.ok(), python.entry.error.c_str());
    const Json pythonResult = Json::parse(python.entry.steps.back().output);
    QVERIFY(pythonResult["body"] == "from <python> & co");
    QVERIFY(pythonResult["n"] == "42");
    QVERIFY(pythonResult["md5"] == true);
}

void TestServices::awsCliSendsAndReceivesMessages()
{
    if (awsCli().isEmpty())
        QSKIP("the AWS CLI is not installed (installer/setup-deps.sh installs Debian's awscli)");
    const auto cli = [this](const QStringList &args) {
        return runAwsCli(m_server->servicesUrl(), QStringList{QStringLiteral("sqs")} + args);
    };
    const QString url = QString::fromStdString(m_server->servicesUrl()) + QStringLiteral("/000000000000/jobs");
    auto [sendCode, sendOut] = cli({QStringLiteral("send-message"), QStringLiteral("--queue-url"), url,
                                    QStringLiteral("--message-body"), QStringLiteral("from the CLI")});
    QVERIFY2(sendCode == 0, sendOut.c_str());
    auto [receiveCode, receiveOut] = cli({QStringLiteral("receive-message"), QStringLiteral("--queue-url"), url});
    QVERIFY2(receiveCode == 0, receiveOut.c_str());
    QVERIFY2(Json::parse(receiveOut, nullptr, false)["Messages"][0]["Body"] == "from the CLI", receiveOut.c_str());
}

RunOutcome TestServices::run(const char *trigger, const Json &event)
{
    RunRequest request;
    request.workflow = WorkflowId("main");
    request.node = NodeId(trigger);
    request.event = event;
    request.trigger = "manual";
    std::optional<RunOutcome> outcome;
    m_server->executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
        qFatal("run of %s did not end", trigger);
    return *outcome;
}

void TestServices::putGetDeleteWithReturnValues()
{
    const Json item{{"id", S("a")}, {"title", S("milk")}, {"done", Json{{"BOOL", false}}}};
    Answer put = call("PutItem", {{"TableName", "todos"}, {"Item", item}});
    QCOMPARE(put.status, 200);
    QVERIFY(put.body.empty());
    Answer got = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("a")}}}});
    QCOMPARE(got.status, 200);
    QVERIFY(got.body["Item"]["title"] == S("milk"));
    QVERIFY(got.body["Item"]["done"] == Json({{"BOOL", false}}));

    // ALL_OLD gives back what a put replaced.
    put = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("a")}, {"title", S("bread")}}}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY(put.body["Attributes"]["title"] == S("milk"));

    // A projection keeps only what it names.
    got = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("a")}}}, {"ProjectionExpression", "title"}});
    QCOMPARE(got.body["Item"].size(), size_t(1));

    // A failed condition can return the item it saw.
    Answer refused = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("a")}}}, {"ConditionExpression", "attribute_not_exists(id)"},
                                      {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
    QCOMPARE(QString::fromStdString(refused.type()), QStringLiteral("ConditionalCheckFailedException"));
    QVERIFY(refused.body["Item"]["title"] == S("bread"));

    // A missing item: no Item at all.
    got = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("zzz")}}}});
    QCOMPARE(got.status, 200);
    QVERIFY(!got.body.contains("Item"));

    Answer deleted = call("DeleteItem", {{"TableName", "todos"}, {"Key", {{"id", S("a")}}}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY(deleted.body["Attributes"]["title"] == S("bread"));
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("a")}}}}).body.contains("Item"));

    // The same data the graph's table node holds.
    auto items = m_server->resources()->data()->items("todos");
    QVERIFY(items);
    QVERIFY(items->empty());
}

void TestServices::updateExpressions()
{
    QCOMPARE(call("PutItem", {{"TableName", "todos"},
                              {"Item",
                               {{"id", S("u")},
                                {"count", N("5")},
                                {"tags", Json{{"SS", {"a", "b"}}}},
                                {"labels", Json{{"SS", {"a", "x"}}}},
                                {"list", Json{{"L", {S("x"), S("y"), S("z")}}}},
                                {"meta", Json{{"M", {{"owner", S("ann")}, {"old", S("gone")}}}}},
                                {"drop", S("me")}}}})
                 .status,
             200);
    const Answer updated = call(
        "UpdateItem",
        {{"TableName", "todos"},
         {"Key", {{"id", S("u")}}},
         {"UpdateExpression", "SET #c = #c + :two, fresh = if_not_exists(fresh, :one), kept = if_not_exists(#c, :one), "
                              "#l = list_append(#l, :more), meta.#o = :bob, price = :p - :one "
                              "REMOVE #d, meta.#old ADD tags :c, visits :one DELETE labels :a"},
         {"ExpressionAttributeNames", {{"#c", "count"}, {"#l", "list"}, {"#d", "drop"}, {"#o", "owner"}, {"#old", "old"}}},
         {"ExpressionAttributeValues",
          {{":two", N("2")}, {":one", N("1")}, {":more", Json{{"L", {S("w")}}}}, {":bob", S("bob")},
           {":p", N("10.5")}, {":c", Json{{"SS", {"c"}}}}, {":a", Json{{"SS", {"a"}}}}}},
         {"ReturnValues", "ALL_NEW"}});
    QVERIFY2(updated.status == 200, updated.body.dump().c_str());
    const Json &item = updated.body["Attributes"];
    QVERIFY2(item["count"] == N("7"), item.dump().c_str());
    QVERIFY(item["fresh"] == N("1"));
    QVERIFY(item["kept"] == N("5")); // if_not_exists reads the item as it was
    QCOMPARE(item["list"]["L"].size(), size_t(4));
    QVERIFY(item["meta"]["M"]["owner"] == S("bob"));
    QVERIFY(!item["meta"]["M"].contains("old"));
    QVERIFY(!item.contains("drop"));
    QVERIFY(item["price"] == N("9.5"));
    QVERIFY(item["visits"] == N("1"));
    std::set<std::string> tags;
    for (const Json &t : item["tags"]["SS"])
        tags.insert(t.get<std::string>());
    QCOMPARE(tags, (std::set<std::string>{"a", "b", "c"}));
    QVERIFY(item["labels"] == Json({{"SS", {"x"}}}));

    // REMOVE of a list element, SET past the end appends; UPDATED_OLD gives the old values of what changed.
    const Answer second = call("UpdateItem", {{"TableName", "todos"},
                                              {"Key", {{"id", S("u")}}},
                                              {"UpdateExpression", "REMOVE #l[0] SET #l[10] = :v, #c = :v"},
                                              {"ExpressionAttributeNames", {{"#l", "list"}, {"#c", "count"}}},
                                              {"ExpressionAttributeValues", {{":v", S("end")}}},
                                              {"ReturnValues", "UPDATED_OLD"}});
    QCOMPARE(second.status, 200);
    QVERIFY(second.body["Attributes"]["count"] == N("7"));
    QVERIFY(second.body["Attributes"].contains("list"));
    const Json now = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("u")}}}}).body["Item"];
    QVERIFY2(now["list"] == Json({{"L", {S("y"), S("z"), S("w"), S("end")}}}), now["list"].dump().c_str());

    // DELETE of every member removes the attribute; an update of a missing item makes it.
    QCOMPARE(call("UpdateItem", {{"TableName", "todos"},
                                 {"Key", {{"id", S("u")}}},
                                 {"UpdateExpression", "DELETE tags :all"},
                                 {"ExpressionAttributeValues", {{":all", Json{{"SS", {"a", "b", "c"}}}}}}})
                 .status,
             200);
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("u")}}}}).body["Item"].contains("tags"));
    const Answer made = call("UpdateItem", {{"TableName", "todos"},
                                            {"Key", {{"id", S("new")}}},
                                            {"UpdateExpression", "ADD hits :one"},
                                            {"ExpressionAttributeValues", {{":one", N("1")}}},
                                            {"ReturnValues", "ALL_NEW"}});
    QVERIFY(made.body["Attributes"] == Json({{"id", S("new")}, {"hits", N("1")}}));
}

void TestServices::updateExpressionsRefused()
{
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("r")}, {"name", S("x")}, {"n", N("1")}}}}).status, 200);
    struct Case
    {
        const char *expression;
        Json values;
        const char *expected;
    };
    const Case cases[] = {
        {"SET id = :v", {{":v", S("other")}}, "part of the key"},
        {"SET a = :v, a.b = :v", {{":v", S("x")}}, "Two document paths overlap"},
        {"SET n = n + :v", {{":v", S("text")}}, "incorrect data type"},
        {"SET n = absent + :v", {{":v", N("1")}}, "does not exist in the item"},
        {"ADD n :v", {{":v", S("text")}}, "incorrect data type"},
        {"SET a = :v SET b = :v", {{":v", S("x")}}, "can only be used once"},
        {"SET nowhere.deeper = :v", {{":v", S("x")}}, "document path provided in the update expression is invalid"},
    };
    for (const Case &c : cases) {
        const Answer a = call("UpdateItem", {{"TableName", "todos"},
                                             {"Key", {{"id", S("r")}}},
                                             {"UpdateExpression", c.expression},
                                             {"ExpressionAttributeValues", c.values}});
        QCOMPARE(a.status, 400);
        QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("ValidationException"));
        QVERIFY2(a.message().find(c.expected) != std::string::npos, (std::string(c.expression) + " → " + a.message()).c_str());
    }
    // Nothing of a refused update was written.
    const Json item = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("r")}}}}).body["Item"];
    QVERIFY(item == Json({{"id", S("r")}, {"name", S("x")}, {"n", N("1")}}));
}

void TestServices::conditionExpressions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("holds");
    const auto row = [](const char *expression, bool holds) { QTest::newRow(expression) << QString::fromLatin1(expression) << holds; };
    row("n = :ten", true);
    row("n <> :ten", false);
    row("n < :eleven", true);
    row("n <= :ten", true);
    row("n > :nine", true);
    row("n >= :eleven", false);
    row("n > :text", false); // different types never compare
    row("absent <> :ten", true);
    row("absent = :ten", false);
    row("n BETWEEN :nine AND :eleven", true);
    row("n BETWEEN :eleven AND :nine", false);
    row("n IN (:nine, :ten)", true);
    row("n IN (:nine, :eleven)", false);
    row("n = :ten AND title = :text", true);
    row("n = :nine OR title = :text", true);
    row("NOT n = :ten", false);
    row("NOT (n = :nine OR n = :eleven) AND attribute_exists(title)", true);
    row("attribute_exists(info.color)", true);
    row("attribute_not_exists(info.weight)", true);
    row("attribute_exists(tags[1])", true);
    row("attribute_exists(tags[5])", false);
    row("attribute_type(n, :typeN)", true);
    row("attribute_type(title, :typeN)", false);
    row("begins_with(title, :prefix)", true);
    row("begins_with(n, :prefix)", false);
    row("contains(title, :part)", true);
    row("contains(labels, :label)", true);
    row("contains(tags, :tag)", true);
    row("contains(tags, :part)", false);
    row("size(title) = :eleven", true);
    row("size(tags) < :nine", true);
    row("size(info) = :one", true);
    row("info.color = :red", true);
    row("tags[0] = :tag", true);
    row("big > n", true); // two paths
}

void TestServices::conditionExpressions()
{
    QFETCH(QString, expression);
    QFETCH(bool, holds);
    QCOMPARE(call("PutItem", {{"TableName", "todos"},
                              {"Item",
                               {{"id", S("c")},
                                {"n", N("10")},
                                {"big", N("100")},
                                {"title", S("hello world")},
                                {"labels", Json{{"SS", {"red", "blue"}}}},
                                {"tags", Json{{"L", {S("urgent"), S("home")}}}},
                                {"info", Json{{"M", {{"color", S("red")}}}}}}}})
                 .status,
             200);
    const Json values{{":ten", N("10")},      {":nine", N("9")},      {":eleven", N("11")},  {":text", S("hello world")},
                      {":typeN", S("N")},     {":prefix", S("hell")}, {":part", S("o w")},   {":label", S("blue")},
                      {":tag", S("urgent")},  {":one", N("1")},       {":red", S("red")}};
    // Only the values the expression uses: DynamoDB refuses unused ones.
    Json used = Json::object();
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (expression.contains(QString::fromStdString(it.key()) + QLatin1Char(' ')) || expression.contains(QString::fromStdString(it.key()) + QLatin1Char(')'))
            || expression.contains(QString::fromStdString(it.key()) + QLatin1Char(',')) || expression.endsWith(QString::fromStdString(it.key())))
            used[it.key()] = it.value();
    }
    Json request{{"TableName", "todos"},
                 {"Key", {{"id", S("c")}}},
                 {"UpdateExpression", "SET checked = :yes"},
                 {"ConditionExpression", expression.toStdString()},
                 {"ExpressionAttributeValues", used}};
    request["ExpressionAttributeValues"][":yes"] = Json{{"BOOL", true}};
    const Answer a = call("UpdateItem", request);
    if (holds) {
        QVERIFY2(a.status == 200, a.body.dump().c_str());
    } else {
        QCOMPARE(a.status, 400);
        QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("ConditionalCheckFailedException"));
        QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("c")}}}}).body["Item"].contains("checked"));
    }
    // The same expression as a filter: the item is kept exactly when the condition holds.
    const Answer scanned = call("Scan", {{"TableName", "todos"}, {"FilterExpression", expression.toStdString()},
                                         {"ExpressionAttributeValues", used}});
    QVERIFY2(scanned.status == 200, scanned.body.dump().c_str());
    QCOMPARE(scanned.body["Count"].get<int>(), holds ? 1 : 0);
    QCOMPARE(scanned.body["ScannedCount"].get<int>(), 1);
}

void TestServices::expressionErrorsNameThePosition_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dangling AND") << "ConditionExpression" << "a = :v AND" << "<EOF>";
    QTest::newRow("bad token") << "ConditionExpression" << "a = :v $ b" << "at character 8";
    QTest::newRow("unclosed") << "ConditionExpression" << "(a = :v" << "<EOF>";
    QTest::newRow("reserved word") << "ConditionExpression" << "status = :v" << "reserved keyword: status";
    QTest::newRow("unknown function") << "ConditionExpression" << "starts_with(a, :v)" << "Invalid function name";
    QTest::newRow("undefined name") << "ConditionExpression" << "#x = :v" << "attribute name: #x";
    QTest::newRow("undefined value") << "ConditionExpression" << "a = :nope" << "attribute value: :nope";
    QTest::newRow("size as condition") << "ConditionExpression" << "size(a)" << "at the end";
    QTest::newRow("update clause") << "UpdateExpression" << "PUT a = :v" << "token: \"PUT\"";
    QTest::newRow("update empty") << "UpdateExpression" << "   " << "can not be empty";
    QTest::newRow("deep parentheses") << "ConditionExpression"
                                      << QString(1500, QLatin1Char('(')) + "a = :v" + QString(1500, QLatin1Char(')'))
                                      << "nests more than";
    QTest::newRow("deep NOTs") << "ConditionExpression" << QString("NOT ").repeated(900) + "a = :v" << "nests more than";
    QTest::newRow("over 4 KB") << "ConditionExpression" << QString(5000, QLatin1Char(' ')) + "a = :v"
                               << "maximum allowed size";
}

void TestServices::expressionErrorsNameThePosition()
{
    QFETCH(QString, field);
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    Json request{{"TableName", "todos"}, {"Key", {{"id", S("e")}}}, {"ExpressionAttributeValues", {{":v", N("1")}}}};
    request[field.toStdString()] = expression.toStdString();
    const Answer a = call("UpdateItem", request);
    QCOMPARE(a.status, 400);
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("ValidationException"));
    QVERIFY2(a.message().find(expected.toStdString()) != std::string::npos, a.message().c_str());
    QVERIFY(a.message().starts_with("Invalid " + field.toStdString()));
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("e")}}}}).body.contains("Item"));
    // An unused value is refused too (a valid expression, one value too many).
    const Answer unused = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("e")}}},
                                           {"ConditionExpression", "attribute_not_exists(id)"},
                                           {"ExpressionAttributeValues", {{":spare", N("1")}}}});
    QCOMPARE(unused.status, 400);
    QVERIFY(unused.message().find("unused in expressions: keys: {:spare}") != std::string::npos);
}

void TestServices::queryOrdersAndPages()
{
    // Numbers sort by value (2 before 10), not as text.
    for (int i = 1; i <= 25; ++i)
        QCOMPARE(call("PutItem", {{"TableName", "events"}, {"Item", {{"pk", S("p")}, {"sk", N(std::to_string(i))}, {"odd", Json{{"BOOL", i % 2 == 1}}}}}}).status, 200);
    QCOMPARE(call("PutItem", {{"TableName", "events"}, {"Item", {{"pk", S("other")}, {"sk", N("1")}}}}).status, 200);
    QCOMPARE(call("PutItem", {{"TableName", "events"}, {"Item", {{"pk", S("pp")}, {"sk", N("1")}}}}).status, 200);

    auto sortKeys = [](const Json &items) {
        std::vector<int> out;
        for (const Json &i : items)
            out.push_back(std::stoi(i["sk"]["N"].get<std::string>()));
        return out;
    };
    Answer all = call("Query", {{"TableName", "events"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("p")}}}});
    QCOMPARE(all.status, 200);
    QCOMPARE(all.body["Count"].get<int>(), 25);
    std::vector<int> expected(25);
    std::iota(expected.begin(), expected.end(), 1);
    QCOMPARE(sortKeys(all.body["Items"]), expected);

    // Backwards, a range, a filter and paging by Limit.
    Answer backwards = call("Query", {{"TableName", "events"}, {"KeyConditionExpression", "sk BETWEEN :a AND :b AND pk = :p"},
                                      {"ExpressionAttributeValues", {{":p", S("p")}, {":a", N("2")}, {":b", N("10")}}},
                                      {"ScanIndexForward", false}});
    QCOMPARE(sortKeys(backwards.body["Items"]), (std::vector<int>{10, 9, 8, 7, 6, 5, 4, 3, 2}));
    std::vector<int> paged;
    Json start;
    int pages = 0;
    do {
        Json request{{"TableName", "events"}, {"KeyConditionExpression", "pk = :p AND sk > :five"},
                     {"FilterExpression", "odd = :yes"},
                     {"ExpressionAttributeValues", {{":p", S("p")}, {":five", N("5")}, {":yes", Json{{"BOOL", true}}}}},
                     {"Limit", 4}};
        if (!start.is_null())
            request["ExclusiveStartKey"] = start;
        const Answer page = call("Query", request);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body["ScannedCount"].get<int>() <= 4); // Limit counts what is read, before the filter
        for (int sk : sortKeys(page.body["Items"]))
            paged.push_back(sk);
        start = page.body.contains("LastEvaluatedKey") ? page.body["LastEvaluatedKey"] : Json();
        ++pages;
    } while (!start.is_null() && pages < 20);
    QCOMPARE(pages, 5); // 20 items read, 4 a page
    QCOMPARE(paged, (std::vector<int>{7, 9, 11, 13, 15, 17, 19, 21, 23, 25}));

    // begins_with on a string sort key, COUNT, and what a key condition may not do.
    QCOMPARE(call("PutItem", {{"TableName", "events"}, {"Item", {{"pk", S("s")}, {"sk", S("2026-01-02")}}}}).status, 200);
    QCOMPARE(call("PutItem", {{"TableName", "events"}, {"Item", {{"pk", S("s")}, {"sk", S("2025-12-31")}}}}).status, 200);
    const Answer prefix = call("Query", {{"TableName", "events"}, {"KeyConditionExpression", "pk = :p AND begins_with(sk, :y)"},
                                         {"ExpressionAttributeValues", {{":p", S("s")}, {":y", S("2026")}}}, {"Select", "COUNT"}});
    QCOMPARE(prefix.body["Count"].get<int>(), 1);
    QVERIFY(!prefix.body.contains("Items"));
    const Answer noPartition = call("Query", {{"TableName", "events"}, {"KeyConditionExpression", "sk = :y"},
                                              {"ExpressionAttributeValues", {{":y", S("2026")}}}});
    QCOMPARE(noPartition.status, 400);
    QVERIFY(noPartition.message().find("missed key schema element: pk") != std::string::npos);
    const Answer index = call("Query", {{"TableName", "events"}, {"IndexName", "byDate"}, {"KeyConditionExpression", "pk = :p"},
                                        {"ExpressionAttributeValues", {{":p", S("s")}}}});
    QCOMPARE(index.status, 400);
}

void TestServices::scanPagesThroughEverything()
{
    for (int i = 0; i < 30; ++i)
        QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("item-" + std::to_string(i))}}}}).status, 200);
    std::set<std::string> seen;
    Json start;
    int pages = 0;
    do {
        Json request{{"TableName", "todos"}, {"Limit", 7}};
        if (!start.is_null())
            request["ExclusiveStartKey"] = start;
        const Answer page = call("Scan", request);
        QCOMPARE(page.status, 200);
        for (const Json &item : page.body["Items"])
            QVERIFY(seen.insert(item["id"]["S"].get<std::string>()).second); // never twice
        start = page.body.contains("LastEvaluatedKey") ? page.body["LastEvaluatedKey"] : Json();
        ++pages;
    } while (!start.is_null() && pages < 20);
    QCOMPARE(seen.size(), size_t(30));
    QCOMPARE(pages, 5);
    // Parallel scan segments split the table between them.
    std::set<std::string> segmented;
    for (int segment = 0; segment < 3; ++segment) {
        const Answer part = call("Scan", {{"TableName", "todos"}, {"Segment", segment}, {"TotalSegments", 3}});
        QVERIFY(part.body["Items"].size() < 30); // each segment a part
        for (const Json &item : part.body["Items"])
            QVERIFY(segmented.insert(item["id"]["S"].get<std::string>()).second); // in one segment only
    }
    QCOMPARE(segmented, seen);
}

void TestServices::batchesAndTransactions()
{
    Json writes = Json::array();
    for (int i = 0; i < 25; ++i)
        writes.push_back({{"PutRequest", {{"Item", {{"id", S("b" + std::to_string(i))}, {"n", N(std::to_string(i))}}}}}});
    Answer batch = call("BatchWriteItem", {{"RequestItems", {{"todos", writes}}}});
    QCOMPARE(batch.status, 200);
    QVERIFY(batch.body["UnprocessedItems"].empty());
    writes.push_back({{"DeleteRequest", {{"Key", {{"id", S("b25")}}}}}});
    Answer tooMany = call("BatchWriteItem", {{"RequestItems", {{"todos", writes}}}});
    QCOMPARE(tooMany.status, 400);
    QVERIFY2(tooMany.message().find("at most 25") != std::string::npos, tooMany.message().c_str());
    writes.back() = {{"DeleteRequest", {{"Key", {{"id", S("b0")}}}}}};
    writes.erase(writes.begin() + 1);
    QVERIFY(call("BatchWriteItem", {{"RequestItems", {{"todos", writes}}}}).message().find("duplicates") != std::string::npos);
    Json keys = Json::array();
    for (int i = 0; i < 5; ++i)
        keys.push_back({{"id", S("b" + std::to_string(i))}});
    keys.push_back({{"id", S("absent")}});
    Answer got = call("BatchGetItem", {{"RequestItems", {{"todos", {{"Keys", keys}, {"ProjectionExpression", "n"}}}}}});
    QCOMPARE(got.status, 200);
    QCOMPARE(got.body["Responses"]["todos"].size(), size_t(5));

    Answer transaction = call("TransactWriteItems",
                              {{"TransactItems",
                                {{{"Put", {{"TableName", "todos"}, {"Item", {{"id", S("t1")}}}}}},
                                 {{"Update", {{"TableName", "todos"}, {"Key", {{"id", S("b1")}}}, {"UpdateExpression", "SET n = n + :one"},
                                              {"ExpressionAttributeValues", {{":one", N("1")}}}}}},
                                 {{"Delete", {{"TableName", "todos"}, {"Key", {{"id", S("b2")}}}}}},
                                 {{"ConditionCheck", {{"TableName", "todos"}, {"Key", {{"id", S("b3")}}},
                                                      {"ConditionExpression", "attribute_exists(id)"}}}}}}});
    QVERIFY2(transaction.status == 200, transaction.body.dump().c_str());
    QVERIFY(call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("t1")}}}}).body.contains("Item"));
    QVERIFY(call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("b1")}}}}).body["Item"]["n"] == N("2"));
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("b2")}}}}).body.contains("Item"));
    Answer twice = call("TransactWriteItems", {{"TransactItems",
                                                {{{"Put", {{"TableName", "todos"}, {"Item", {{"id", S("x")}}}}}},
                                                 {{"Delete", {{"TableName", "todos"}, {"Key", {{"id", S("x")}}}}}}}}});
    QCOMPARE(twice.status, 400);
    QVERIFY(twice.message().find("multiple operations on one item") != std::string::npos);
}

void TestServices::transactionFailsAsAWhole()
{
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("acct")}, {"balance", N("10")}}}}).status, 200);
    const Answer a = call(
        "TransactWriteItems",
        {{"TransactItems",
          {{{"Update", {{"TableName", "todos"}, {"Key", {{"id", S("acct")}}}, {"UpdateExpression", "SET balance = balance - :amount"},
                        {"ConditionExpression", "balance >= :amount"}, {"ExpressionAttributeValues", {{":amount", N("50")}}},
                        {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}}}},
           {{"Put", {{"TableName", "todos"}, {"Item", {{"id", S("receipt")}}}}}}}}});
    QCOMPARE(a.status, 400);
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("TransactionCanceledException"));
    QVERIFY(a.message().find("[ConditionalCheckFailed, None]") != std::string::npos);
    QCOMPARE(a.body["CancellationReasons"].size(), size_t(2));
    QVERIFY(a.body["CancellationReasons"][0]["Item"]["balance"] == N("10"));
    QVERIFY(a.body["CancellationReasons"][1]["Code"] == "None");
    // Neither write happened, and no stream record was written for them.
    QVERIFY(call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("acct")}}}}).body["Item"]["balance"] == N("10"));
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("receipt")}}}}).body.contains("Item"));
    auto stream = m_server->resources()->data()->readStream("todos", 0, 100000);
    QVERIFY(stream);
    QVERIFY(std::none_of(stream->begin(), stream->end(), [](const StreamRow &r) { return r.itemKey.find("receipt") != std::string::npos; }));
}

void TestServices::numbersStayExact()
{
    const std::string big = "12345678901234567890123456789012345678"; // 38 digits
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("num")}, {"big", N(big)}, {"small", N("0.000000000000000000000000000000000001")},
                                                                 {"padded", N("0012.3400")}, {"exp", N("1.5E3")}}}}).status, 200);
    Json item = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("num")}}}}).body["Item"];
    QVERIFY(item["big"] == N(big));
    QVERIFY(item["small"] == N("0.000000000000000000000000000000000001"));
    QVERIFY(item["padded"] == N("12.34"));
    QVERIFY(item["exp"] == N("1500"));
    const Answer sum = call("UpdateItem", {{"TableName", "todos"}, {"Key", {{"id", S("num")}}}, {"UpdateExpression", "SET big = big + :one"},
                                           {"ExpressionAttributeValues", {{":one", N("1")}}}, {"ReturnValues", "UPDATED_NEW"}});
    QVERIFY(sum.body["Attributes"]["big"] == N("12345678901234567890123456789012345679"));
    const Answer tooPrecise = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("num2")}, {"n", N("1234567890123456789012345678901234567890")}}}});
    QCOMPARE(tooPrecise.status, 400);
    QVERIFY(tooPrecise.message().find("38") != std::string::npos);
    const Answer overflow = call("UpdateItem", {{"TableName", "todos"}, {"Key", {{"id", S("num")}}}, {"UpdateExpression", "SET big = big + :tiny"},
                                                {"ExpressionAttributeValues", {{":tiny", N("0.5")}}}});
    QCOMPARE(overflow.status, 400); // 39 significant digits
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("bad")}, {"n", N("1e500")}}}}).status, 400);
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("bad")}, {"n", N("twelve")}}}}).status, 400);
}

void TestServices::badRequestsGetDynamoDbErrors()
{
    Answer a = callRaw("PutItem", "{not json");
    QCOMPARE(a.status, 400);
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("SerializationException"));
    a = call("Frobnicate", Json::object());
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("UnknownOperationException"));
    a = call("GetItem", {{"TableName", "nope"}, {"Key", {{"id", S("a")}}}});
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("ResourceNotFoundException"));
    a = call("CreateTable", {{"TableName", "fresh"}});
    QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("ValidationException"));
    QVERIFY(a.message().find("table node") != std::string::npos);
    a = call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("a")}, {"extra", S("b")}}}});
    QVERIFY(a.message().find("does not match the schema") != std::string::npos);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"title", S("no key")}}}});
    QVERIFY(a.message().find("Missing the key id") != std::string::npos);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("")}}}});
    QVERIFY(a.message().find("empty string") != std::string::npos);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("t")}, {"x", Json{{"S", "a"}, {"N", "1"}}}}}});
    QVERIFY(a.message().find("exactly one") != std::string::npos);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("t")}, {"set", Json{{"SS", Json::array()}}}}}});
    QCOMPARE(a.status, 400);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("t")}, {"set", Json{{"SS", {"a", "a"}}}}}}});
    QVERIFY(a.message().find("duplicates") != std::string::npos);
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("t")}}}, {"Expected", Json::object()}});
    QVERIFY(a.message().find("legacy parameter") != std::string::npos);

    // An item over 400 KB is refused whole.
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("huge")}, {"blob", S(std::string(410 * 1024, 'x'))}}}});
    QCOMPARE(a.status, 400);
    QVERIFY(a.message().find("maximum allowed size") != std::string::npos);
    QVERIFY(!call("GetItem", {{"TableName", "todos"}, {"Key", {{"id", S("huge")}}}}).body.contains("Item"));

    // Deep nesting is refused, not a stack overflow.
    Json deep = S("leaf");
    for (int i = 0; i < 40; ++i)
        deep = Json{{"L", {deep}}};
    a = call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("deep")}, {"d", deep}}}});
    QCOMPARE(a.status, 400);

    // Bodies nested far deeper than any item: refused before anything copies them.
    for (const char *where : {"Key", "TableName", "ExpressionAttributeValues"}) {
        const std::string deepBody = std::string("{\"") + where + "\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
        a = callRaw("GetItem", deepBody);
        QCOMPARE(a.status, 400);
        QCOMPARE(QString::fromStdString(a.type()), QStringLiteral("SerializationException"));
    }

    // A number key written by the graph (1e+21 from a double) is the same key through the endpoint.
    auto graphKey = LocalResources::itemKey(*m_server->design()->workflows[0].findNode(NodeId("todos")), Json{{"id", 1e21}});
    QVERIFY(graphKey);
    auto endpointKey = services::DynamoDb::itemKey(*m_server->design()->workflows[0].findNode(NodeId("todos")),
                                                   Json{{"id", N("1000000000000000000000")}});
    QVERIFY(endpointKey);
    QCOMPARE(graphKey->first, endpointKey->first);

    // A request that is not even DynamoDB's: another service's answer.
    RawHttp http(m_port);
    http.send(RawHttp::request("GET", "/some-bucket/key"));
    const auto answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 404);
    QVERIFY2(answers[0].body.find("<Code>NoSuchBucket</Code>") != std::string::npos, answers[0].body.c_str()); // S3's shape
    http.send(RawHttp::request("POST", "/", "{}", {"X-Amz-Target: Kinesis_20131202.PutRecord",
                                                   "Content-Type: application/x-amz-json-1.1"}));
    const auto kinesis = http.read(1);
    QCOMPARE(kinesis.size(), size_t(1));
    QVERIFY2(kinesis[0].body.find("kinesis") != std::string::npos || kinesis[0].body.find("Kinesis") != std::string::npos,
             kinesis[0].body.c_str());

    // And the endpoint goes on serving.
    QCOMPARE(call("PutItem", {{"TableName", "todos"}, {"Item", {{"id", S("after")}}}}).status, 200);
    QVERIFY(call("ListTables", Json::object()).body["TableNames"] == Json::array({"events", "todos"}));
    const Answer described = call("DescribeTable", {{"TableName", "events"}});
    QVERIFY(described.body["Table"]["KeySchema"][1]["AttributeName"] == "sk");
    QVERIFY(described.body["Table"]["TableStatus"] == "ACTIVE");
}

void TestServices::sdkHandlersReachTheTable()
{
    if (nodeSdkModules().empty())
        QSKIP("the AWS SDK for JavaScript is not installed (installer/setup-deps.sh installs it)");
    const size_t before = m_runs.size();
    const RunOutcome written = run("go", Json{{"pk", "from-node"}});
    QVERIFY2(written.ok(), written.entry.error.c_str());
    const Json result = Json::parse(written.entry.steps.back().output);
    QVERIFY(result["table"] == Json("events")); // EVENTS_TABLE_NAME, from `uses`
    QVERIFY(result["visits"] == Json(1));
    QVERIFY(result["sks"] == Json::array({2, 1}));
    QVERIFY(result["conditional"] == Json("ConditionalCheckFailedException"));
    QVERIFY(result["cancelled"] == Json("TransactionCanceledException:None,ConditionalCheckFailed"));
    QVERIFY(result["transactionWrote"] == Json(false));

    // boto3 (Debian's, older than AWS_ENDPOINT_URL_*) reads and writes the same item.
    const RunOutcome read = run("go-python", Json{{"pk", "from-node"}});
    QVERIFY2(read.ok(), read.entry.error.c_str());
    const Json pythonResult = Json::parse(read.entry.steps.back().output);
    QVERIFY(pythonResult["note"] == Json("n2"));
    QVERIFY(call("GetItem", {{"TableName", "events"}, {"Key", {{"pk", S("from-node")}, {"sk", N("2")}}}}).body["Item"]["by"] == S("python"));

    // The SDK's writes reached the table's stream and its consumer, as the graph's do.
    QVERIFY(QTest::qWaitFor([&] {
        int records = 0;
        for (size_t i = before; i < m_runs.size(); ++i) {
            if (m_runs[i].entry.trigger == "table")
                records += Json::parse(m_runs[i].entry.steps.back().output).value("seen", 0);
        }
        return records >= 5; // 3 puts, the update by Node.js, the update by Python
    }, 20000));
}

void TestServices::awsCliReachesTheEndpoint()
{
    if (awsCli().isEmpty())
        QSKIP("the AWS CLI is not installed (installer/setup-deps.sh installs Debian's awscli)");
    const auto cli = [this](const QStringList &args) {
        return runAwsCli(m_server->servicesUrl(), QStringList{QStringLiteral("dynamodb")} + args);
    };
    auto [putCode, putOut] = cli({QStringLiteral("put-item"), QStringLiteral("--table-name"), QStringLiteral("events"),
                                  QStringLiteral("--item"), QStringLiteral(R"({"pk":{"S":"cli"},"sk":{"N":"7"},"v":{"S":"hi"}})")});
    QVERIFY2(putCode == 0, putOut.c_str());
    auto [queryCode, queryOut] = cli({QStringLiteral("query"), QStringLiteral("--table-name"), QStringLiteral("events"),
                                      QStringLiteral("--key-condition-expression"), QStringLiteral("pk = :p"),
                                      QStringLiteral("--expression-attribute-values"), QStringLiteral(R"({":p":{"S":"cli"}})")});
    QVERIFY2(queryCode == 0, queryOut.c_str());
    const Json answer = Json::parse(queryOut, nullptr, false);
    QVERIFY2(answer.is_object() && answer["Count"] == 1, queryOut.c_str());
    QVERIFY(answer["Items"][0]["v"] == S("hi"));
    auto [badCode, badOut] = cli({QStringLiteral("get-item"), QStringLiteral("--table-name"), QStringLiteral("missing"),
                                  QStringLiteral("--key"), QStringLiteral(R"({"id":{"S":"x"}})")});
    QVERIFY(badCode != 0);
    QVERIFY2(badOut.find("ResourceNotFoundException") != std::string::npos, badOut.c_str());
}

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
