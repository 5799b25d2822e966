// The JSON interchange form: every example survives JSON -> workspace file ->
// JSON byte for byte; values that JSON tools often damage (large integers,
// non-ASCII text, nulls, key order) survive exactly; each kind of malformed
// document is refused with a message naming the place and the reason.

#include "testutil.h"

#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;

class TestWorkspaceJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void examplesRoundTripThroughTheFile_data();
    void examplesRoundTripThroughTheFile();
    void valuesSurviveExactly();
    void formatDocumentExampleReads();
    void malformedDocumentsAreRefused_data();
    void malformedDocumentsAreRefused();
    void unknownStructuralFieldsAreWarnings();
    void testEventWithoutWorkflowFindsItsNode();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWorkspaceJson::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWorkspaceJson::examplesRoundTripThroughTheFile_data()
{
    QTest::addColumn<QString>("example");
    const QStringList files = stratus::test::exampleFiles();
    QVERIFY(files.size() >= 4);
    for (const QString &f : files)
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestWorkspaceJson::examplesRoundTripThroughTheFile()
{
    QFETCH(QString, example);
    const QByteArray original = stratus::test::readBytes(example);
    auto read = workspace_json::readFile(example.toStdString());
    QVERIFY2(read, read.status().message().c_str());
    QVERIFY(read->problems.empty());
    const Problems problems = validateWorkspace(read->workspace);
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems[0].toString().c_str());

    const std::string file = m_dir->filePath(QStringLiteral("example.stratus")).toStdString();
    QVERIFY(WorkspaceStore::writeTo(file, read->workspace));
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    auto loaded = store->load();
    QVERIFY(loaded);
    QVERIFY(*loaded == read->workspace);
    QCOMPARE(QByteArray::fromStdString(workspace_json::write(*loaded)), original);
}

void TestWorkspaceJson::valuesSurviveExactly()
{
    const std::string doc = R"json({
  "format": "stratus-workspace",
  "version": 1,
  "name": "Ünïcødé 工作区 🚀",
  "settings": {
    "zeta": 1,
    "alpha": [18446744073709551615, -9223372036854775808, 9007199254740993, 1.5e+300, 0.1, -0.0]
  },
  "workflows": [
    {
      "id": "w",
      "name": "",
      "nodes": [
        {
          "id": "m",
          "kind": "trigger.manual",
          "name": "naïve \"quoted\" \\ name\ttab",
          "position": [-12.75, 0.125],
          "config": {
            "event": {
              "z": null,
              "a": [[], {}, [null], "\u0000\u001f", "😀"],
              "big": 123456789012345678
            }
          }
        },
        {
          "id": "f",
          "kind": "function",
          "name": "f",
          "config": {
            "files": {
              "z.js": "// last\n",
              "a.js": "exports.handler = async () => '✓';\n"
            },
            "handler": "a.handler",
            "runtime": "nodejs20.x"
          }
        }
      ],
      "edges": []
    }
  ],
  "testEvents": [
    {
      "workflow": "w",
      "node": "f",
      "name": "array",
      "event": [null, 1, "x"]
    },
    {
      "workflow": "w",
      "node": "f",
      "name": "null",
      "event": null
    }
  ]
}
)json";
    auto read = workspace_json::read(doc);
    QVERIFY2(read, read.status().message().c_str());
    const std::string file = m_dir->filePath(QStringLiteral("values.stratus")).toStdString();
    QVERIFY(WorkspaceStore::writeTo(file, read->workspace));
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    auto loaded = store->load();
    QVERIFY(loaded);
    // Key order (files before handler, zeta before alpha) and every value as
    // written; the layout is the writer's own (one array element a line).
    const std::string canonical = Json::parse(doc).dump(2) + "\n";
    QCOMPARE(QString::fromStdString(workspace_json::write(*loaded)), QString::fromStdString(canonical));
    QVERIFY(canonical.find("18446744073709551615") != std::string::npos);
    QVERIFY(canonical.find("-9223372036854775808") != std::string::npos);
    QVERIFY(canonical.find("9007199254740993") != std::string::npos);
    QVERIFY(canonical.find("\"zeta\": 1,\n    \"alpha\"") != std::string::npos);
}

void TestWorkspaceJson::formatDocumentExampleReads()
{
    // The example of docs/workspace-format.md, as other tools write it.
    const std::string doc = R"json({
      "format": "stratus-workspace", "version": 1, "name": "orders",
      "settings": { "pricing": "aws-x86_64", "region": "us-east-1" },
      "workflows": [{ "id": "main", "name": "Main",
        "nodes": [
          { "id": "get-hello", "kind": "trigger.http", "name": "GET /hello/{name}", "position": [40, 80],
            "config": { "method": "GET", "path": "/hello/{name}" } },
          { "id": "hello", "kind": "function", "name": "hello", "position": [320, 80],
            "config": { "runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 128, "timeoutS": 3,
              "concurrency": 10, "retries": 2, "environment": { "GREETING": "Hello" },
              "files": { "index.js": "exports.handler = async (event) => ({ statusCode: 200 });\n" } } }
        ],
        "edges": [ { "id": "e1", "from": { "node": "get-hello", "port": "event" }, "to": { "node": "hello", "port": "in" } } ] }],
      "testEvents": [ { "node": "hello", "name": "alice", "event": { "pathParameters": { "name": "alice" } } } ]
    })json";
    auto read = workspace_json::read(doc);
    QVERIFY2(read, read.status().message().c_str());
    QVERIFY(read->problems.empty());
    QVERIFY(validateWorkspace(read->workspace).empty());
    QCOMPARE(read->workspace.testEvents[0].workflow.str(), std::string("main"));
}

void TestWorkspaceJson::malformedDocumentsAreRefused_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QString>("expected"); // a part of the message
    QTest::addColumn<int>("code");

    const int invalid = int(Status::Code::InvalidArgument);
    auto head = [](const char *rest) {
        return QByteArray(R"json({"format": "stratus-workspace", "version": 1, )json") + rest + "}";
    };
    QTest::newRow("empty") << QByteArray() << "not valid JSON" << invalid;
    QTest::newRow("truncated") << QByteArray("{\n  \"format\": \"stratus-workspace\",\n  \"version\": 1,\n  \"work")
                               << "line 4" << invalid;
    QTest::newRow("trailing comma") << QByteArray("{\"format\": \"stratus-workspace\", }") << "line 1, column 33" << invalid;
    QTest::newRow("bad utf-8") << QByteArray("{\"format\": \"stra\xff\"}") << "not valid JSON" << invalid;
    QTest::newRow("array") << QByteArray("[1, 2]") << "the document: expected an object, found a list" << invalid;
    QTest::newRow("no format") << QByteArray("{\"version\": 1}") << "'format' is missing" << invalid;
    QTest::newRow("other format") << QByteArray("{\"format\": \"node-red\", \"version\": 1}") << "format: expected \"stratus-workspace\"" << invalid;
    QTest::newRow("no version") << QByteArray("{\"format\": \"stratus-workspace\"}") << "'version' is missing" << invalid;
    QTest::newRow("version as text") << QByteArray("{\"format\": \"stratus-workspace\", \"version\": \"1\"}") << "version: expected a whole number, found a string" << invalid;
    QTest::newRow("version 0") << QByteArray("{\"format\": \"stratus-workspace\", \"version\": 0}") << "version: 0" << invalid;
    QTest::newRow("newer version") << QByteArray("{\"format\": \"stratus-workspace\", \"version\": 2}") << "format version 2 is newer" << int(Status::Code::NotSupported);
    QTest::newRow("name number") << head(R"json("name": 5)json") << "name: expected a string, found a number" << invalid;
    QTest::newRow("settings list") << head(R"json("settings": [])json") << "settings: expected an object, found a list" << invalid;
    QTest::newRow("workflows object") << head(R"json("workflows": {})json") << "document.workflows: expected a list, found an object" << invalid;
    QTest::newRow("workflow without id") << head(R"json("workflows": [{"name": "x"}])json") << "workflows[0]: 'id' is missing" << invalid;
    QTest::newRow("workflow empty id") << head(R"json("workflows": [{"id": ""}])json") << "workflows[0].id: must not be empty" << invalid;
    QTest::newRow("node id number") << head(R"json("workflows": [{"id": "w", "nodes": [{"id": 7, "kind": "log"}]}])json") << "workflows[0].nodes[0].id: expected a string, found a number" << invalid;
    QTest::newRow("node without kind") << head(R"json("workflows": [{"id": "w", "nodes": [{"id": "a"}]}])json") << "workflows[0].nodes[0]: 'kind' is missing" << invalid;
    QTest::newRow("node not object") << head(R"json("workflows": [{"id": "w", "nodes": ["a"]}])json") << "workflows[0].nodes[0]: expected an object, found a string" << invalid;
    QTest::newRow("config list") << head(R"json("workflows": [{"id": "w", "nodes": [{"id": "a", "kind": "log", "config": []}]}])json") << "workflows[0].nodes[0].config: expected an object, found a list" << invalid;
    QTest::newRow("position string") << head(R"json("workflows": [{"id": "w", "nodes": [{"id": "a", "kind": "log", "position": "0,0"}]}])json") << "position: expected [x, y] with two numbers" << invalid;
    QTest::newRow("position one number") << head(R"json("workflows": [{"id": "w", "nodes": [{"id": "a", "kind": "log", "position": [1]}]}])json") << "position: expected [x, y]" << invalid;
    QTest::newRow("edge without to") << head(R"json("workflows": [{"id": "w", "edges": [{"id": "e", "from": {"node": "a", "port": "ok"}}]}])json") << "workflows[0].edges[0]: 'to' is missing" << invalid;
    QTest::newRow("edge port number") << head(R"json("workflows": [{"id": "w", "edges": [{"id": "e", "from": {"node": "a", "port": 1}, "to": {"node": "b", "port": "in"}}]}])json") << "edges[0].from.port: expected a string" << invalid;
    QTest::newRow("test event without node") << head(R"json("testEvents": [{"name": "x"}])json") << "testEvents[0]: 'node' is missing" << invalid;
    QTest::newRow("unclosed nesting") << QByteArray(100000, '[') << "not valid JSON" << invalid;
    QTest::newRow("deep nesting") << QByteArray(100000, '[') + QByteArray(100000, ']') << "nested more than 256 levels" << invalid;
    QTest::newRow("deep nesting in config") << head((QByteArray(R"json("settings": {"x": )json") + QByteArray(300, '[') + QByteArray(300, ']') + "}").constData()) << "nested more than" << invalid;

    QByteArray noise(20 * 1024 * 1024, '\0');
    QRandomGenerator rng(42);
    rng.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
    noise[0] = '\x80'; // never a JSON opening character, nor UTF-8
    QTest::newRow("20 MB of noise") << noise << "not valid JSON: byte 0x80 at line 1, column 1 is not UTF-8 text"
                                    << invalid;
}

void TestWorkspaceJson::malformedDocumentsAreRefused()
{
    QFETCH(QByteArray, doc);
    QFETCH(QString, expected);
    QFETCH(int, code);
    auto read = workspace_json::read(std::string_view(doc.constData(), size_t(doc.size())));
    QVERIFY(!read);
    QCOMPARE(int(read.status().code()), code);
    const QString message = QString::fromStdString(read.status().message());
    QVERIFY2(message.contains(expected), qPrintable(message));

    // Through a file, the message starts with the file's name.
    const QString file = m_dir->filePath(QStringLiteral("bad.json"));
    stratus::test::writeBytes(file, doc);
    auto fromFile = workspace_json::readFile(file.toStdString());
    QVERIFY(!fromFile);
    QVERIFY(QString::fromStdString(fromFile.status().message()).startsWith(QLatin1Char('\'') + file));
}

void TestWorkspaceJson::unknownStructuralFieldsAreWarnings()
{
    auto read = workspace_json::read(R"json({"format": "stratus-workspace", "version": 1, "author": "x",
        "workflows": [{"id": "w", "color": "red", "nodes": [{"id": "a", "kind": "log", "note": 1}]}]})json");
    QVERIFY(read);
    QCOMPARE(read->problems.size(), size_t(3));
    for (const Problem &p : read->problems) {
        QCOMPARE(int(p.severity), int(Problem::Severity::Warning));
        QCOMPARE(p.code, std::string("ignored-field"));
    }
    QCOMPARE(read->problems[2].field, std::string("workflows[0].nodes[0].note"));
}

void TestWorkspaceJson::testEventWithoutWorkflowFindsItsNode()
{
    auto read = workspace_json::read(R"json({"format": "stratus-workspace", "version": 1,
        "workflows": [{"id": "a", "nodes": [{"id": "x", "kind": "log"}]},
                      {"id": "b", "nodes": [{"id": "y", "kind": "log"}]}],
        "testEvents": [{"node": "y", "name": "t"}, {"node": "ghost", "name": "lost"}]})json");
    QVERIFY(read);
    QCOMPARE(read->workspace.testEvents[0].workflow.str(), std::string("b"));
    QVERIFY(read->workspace.testEvents[0].event.is_object());
    const Problems problems = validateWorkspace(read->workspace);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0].code, std::string("dangling-test-event"));
    QVERIFY(workspace_json::isUnstorable(problems[0]));
}

QTEST_APPLESS_MAIN(TestWorkspaceJson)
#include "tst_workspacejson.moc"
