// engine/services: the local DynamoDB endpoint over real sockets on
// 127.0.0.1 and a real workspace file — every expression form, paging,
// conditional failures, transactions that fail as a whole, DynamoDB's error
// shapes for bad input — and real SDK clients: Node.js handlers using
// client-dynamodb/lib-dynamodb and a Python handler using boto3, run by the
// executor, whose writes reach the table's stream; and the AWS CLI.

#include "engine/run/runtest.h" // tests/engine/run

#include "engine/run/workspaceserver.h"
#include "engine/services/dynamodb.h"
#include "engine/runtime/launch.h"
#include "engine/store/resourcedata.h"

#include <QProcess>
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
        kindNode("todos", "table"),
        kindNode("events", "table", {{"partitionKey", "pk"}, {"sortKey", "sk"}}),
        functionNode("watch", "exports.handler = async (e) => ({ seen: e.Records.length });"),
    });
    Json edges = Json::array({edgeJson("go", "event", "writer"), edgeJson("go-python", "event", "reader"),
                              edgeJson("events", "out", "watch")});
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

class TestDynamoDb : public QObject
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

private:
    Answer call(const std::string &operation, const Json &body);
    Answer callRaw(const std::string &operation, const std::string &body);
    RunOutcome run(const char *trigger, const Json &event);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<WorkspaceServer> m_server;
    std::vector<RunOutcome> m_runs;
    int m_port = 0;
};

void TestDynamoDb::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = writeWorkspace(m_dir->path(), workspace());
    WorkspaceServer::Options options;
    options.executor.workspaceFile = m_file.toStdString();
    options.executor.runtime.cacheRoot = m_dir->filePath(QStringLiteral("cache")).toStdString();
    options.listen = true;
    options.port = 0;
    options.schedules = false;
    m_server = std::make_unique<WorkspaceServer>(options);
    const Status s = m_server->start();
    QVERIFY2(s.isOk(), s.message().c_str());
    m_server->executor().setObserver(Executor::Observer{{}, [this](const RunOutcome &o) { m_runs.push_back(o); }, {}, {}});
    const std::string url = m_server->servicesUrl();
    QVERIFY(url.starts_with("http://127.0.0.1:"));
    m_port = std::stoi(url.substr(url.rfind(':') + 1));
}

void TestDynamoDb::cleanupTestCase()
{
    if (m_server)
        m_server->stop(0);
    m_server.reset();
}

void TestDynamoDb::init()
{
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

Answer TestDynamoDb::callRaw(const std::string &operation, const std::string &body)
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

Answer TestDynamoDb::call(const std::string &operation, const Json &body)
{
    return callRaw(operation, body.dump());
}

RunOutcome TestDynamoDb::run(const char *trigger, const Json &event)
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

void TestDynamoDb::putGetDeleteWithReturnValues()
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

void TestDynamoDb::updateExpressions()
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

void TestDynamoDb::updateExpressionsRefused()
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

void TestDynamoDb::conditionExpressions_data()
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

void TestDynamoDb::conditionExpressions()
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

void TestDynamoDb::expressionErrorsNameThePosition_data()
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

void TestDynamoDb::expressionErrorsNameThePosition()
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

void TestDynamoDb::queryOrdersAndPages()
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

void TestDynamoDb::scanPagesThroughEverything()
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

void TestDynamoDb::batchesAndTransactions()
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

void TestDynamoDb::transactionFailsAsAWhole()
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

void TestDynamoDb::numbersStayExact()
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

void TestDynamoDb::badRequestsGetDynamoDbErrors()
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
    QVERIFY(answers[0].status >= 400);
    QVERIFY2(answers[0].body.find("<Code>NotImplemented</Code>") != std::string::npos, answers[0].body.c_str()); // S3's shape
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

void TestDynamoDb::sdkHandlersReachTheTable()
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

void TestDynamoDb::awsCliReachesTheEndpoint()
{
    const QString aws = QFileInfo::exists(QStringLiteral("/usr/bin/aws")) ? QStringLiteral("/usr/bin/aws")
                                                                          : QStandardPaths::findExecutable(QStringLiteral("aws"));
    if (aws.isEmpty())
        QSKIP("the AWS CLI is not installed (installer/setup-deps.sh installs Debian's awscli)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("local"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("local"));
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    auto cli = [&](const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(aws, QStringList{QStringLiteral("--endpoint-url"), QString::fromStdString(m_server->servicesUrl()),
                                 QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("dynamodb")}
                         + args);
        // The CLI runs its own event loop-free process: wait while serving ours.
        (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 60000);
        return std::make_pair(p.exitCode(), p.readAllStandardOutput().toStdString() + p.readAllStandardError().toStdString());
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

QTEST_GUILESS_MAIN(TestDynamoDb)
#include "tst_dynamodb.moc"
