// The `stratus` command line, run as a real process: outputs, messages and
// exit codes (0 ok, 1 the workspace has problems, 2 usage or I/O error).

#include "clirunner.h"
#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = stratus::test::CliRun;

Run stratusCli(const QStringList &args, const QByteArray &stdinData = {})
{
    return stratus::test::runStratus(args, stdinData);
}

QString example(const char *name)
{
    return QStringLiteral(STRATUS_EXAMPLES_DIR "/") + QString::fromLatin1(name);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpListsEveryCommand();
    void everyCommandHasHelp_data();
    void everyCommandHasHelp();
    void usageErrors_data();
    void usageErrors();
    void newCreatesAnEmptyWorkspace();
    void importThenExportGivesTheDocumentBack();
    void exportToAFile();
    void importWithProblems();
    void importRefusesWhatCannotBeStored();
    void importStrictRefusesAnyProblem();
    void failedImportLeavesTargetUnchanged_data();
    void failedImportLeavesTargetUnchanged();
    void validateValidWorkspaces();
    void validateReportsProblems();
    void validateJsonReport();
    void validateUnreadableFiles_data();
    void validateUnreadableFiles();
    void infoSummarises();
    void infoJson();
    void invokeAFolderOfCode();
    void invokeReadsTheEventFromStdin();
    void invokeEnvironment();
    void invokeFailureExitsOne_data();
    void invokeFailureExitsOne();
    void invokeAWorkspaceFunction();
    void exportWritesASamBundleOrNothing();
    void invokeRefusesAnEventThatIsNotJson();
    void invocationsAreRecordedAndListed();
    void costProjectsTheMonthlyBill();
    void statsSummariseTheHistory();
    void pruneFollowsTheRetentionPolicy();
    void costFollowsADailyCurveAndCustomPresets();
    void recordingPrunesByTheWorkspacesPolicy();
    void invokeUsageErrors_data();
    void invokeUsageErrors();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString imported(const char *exampleName);
    /// The example imported with its settings replaced by `settingsJson`.
    QString importedWithSettings(const char *exampleName, const char *settingsJson);
    /// An event that accept-order (queue-between-functions) accepts: one item.
    QString orderEvent();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCli::imported(const char *exampleName)
{
    const QString target = path(QString::fromLatin1(exampleName) + QStringLiteral(".stratus"));
    const Run r = stratusCli({"import", example(exampleName), target});
    if (r.exitCode != 0)
        qFatal("import failed: %s", r.err.constData());
    return target;
}

QString TestCli::importedWithSettings(const char *exampleName, const char *settingsJson)
{
    QJsonObject doc = QJsonDocument::fromJson(stratus::test::readBytes(example(exampleName))).object();
    doc[QStringLiteral("settings")] = QJsonDocument::fromJson(settingsJson).object();
    const QString json = path(QString::fromLatin1(exampleName) + QStringLiteral("-settings.json"));
    stratus::test::writeBytes(json, QJsonDocument(doc).toJson());
    const QString target = path(QString::fromLatin1(exampleName) + QStringLiteral("-settings.stratus"));
    // Settings that are wrong on purpose are imported with their problem (exit 1).
    const Run r = stratusCli({"import", json, target});
    if (r.exitCode != 0 && r.exitCode != 1)
        qFatal("import failed: %s", r.err.constData());
    return target;
}

QString TestCli::orderEvent()
{
    const QString event = path(QStringLiteral("order.json"));
    stratus::test::writeBytes(event, R"json({"body": "{\"items\":[{\"sku\":\"A\",\"price\":1,\"qty\":1}]}"})json");
    return event;
}

void TestCli::helpListsEveryCommand()
{
    const Run r = stratusCli({"--help"});
    QCOMPARE(r.exitCode, 0);
    for (const char *command : {"new", "import", "export-json", "validate", "info", "invoke", "runs", "cost", "stats", "prune"})
        QVERIFY2(r.out.contains(QByteArray("  ") + command), r.out.constData());
    QVERIFY(r.out.contains("Exit codes"));
    QCOMPARE(stratusCli({"--version"}).exitCode, 0);
}

void TestCli::everyCommandHasHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char *c : {"new", "import", "export-json", "validate", "info", "invoke", "runs", "cost", "stats", "prune"})
        QTest::newRow(c) << QString::fromLatin1(c);
}

void TestCli::everyCommandHasHelp()
{
    QFETCH(QString, command);
    const Run r = stratusCli({command, "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("Usage: stratus " + command.toUtf8()));
    QCOMPARE(stratusCli({"help", command}).out, r.out);
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no command") << QStringList{} << "Usage: stratus COMMAND";
    QTest::newRow("unknown command") << QStringList{"deploy"} << "unknown command 'deploy'";
    QTest::newRow("unknown option") << QStringList{"info", "--fast", "x.stratus"} << "unknown option '--fast'";
    QTest::newRow("missing value") << QStringList{"export-json", "x.stratus", "-o"} << "option --output needs a value";
    QTest::newRow("missing file") << QStringList{"info"} << "expected one FILE.stratus";
    QTest::newRow("import one file") << QStringList{"import", "a.json"} << "expected FILE.json and FILE.stratus";
    QTest::newRow("too many") << QStringList{"validate", "a", "b"} << "expected one FILE.stratus or FILE.json";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run r = stratusCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCli::newCreatesAnEmptyWorkspace()
{
    const QString file = path(QStringLiteral("fresh.stratus"));
    Run r = stratusCli({"new", file, "--name", "My API"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.contains("Created workspace 'My API'"));
    r = stratusCli({"info", "--json", file});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(info[QStringLiteral("name")].toString(), QStringLiteral("My API"));
    QCOMPARE(info[QStringLiteral("workflows")].toArray().size(), 1);
    QCOMPARE(info[QStringLiteral("nodes")].toInt(), 0);
    QCOMPARE(stratusCli({"validate", file}).exitCode, 0);

    // Never over an existing file.
    const QByteArray hash = stratus::test::fileHash(file);
    r = stratusCli({"new", file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("already exists"));
    QVERIFY(r.err.contains(file.toUtf8()));
    QCOMPARE(stratus::test::fileHash(file), hash);
}

void TestCli::importThenExportGivesTheDocumentBack()
{
    for (const QString &source : stratus::test::exampleFiles()) {
        const QString target = path(QFileInfo(source).baseName() + QStringLiteral(".stratus"));
        Run r = stratusCli({"import", source, target});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = stratusCli({"export-json", target});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, stratus::test::readBytes(source));
        // Compact output is the same document on one line.
        r = stratusCli({"export-json", "--compact", target});
        QCOMPARE(r.out.count('\n'), 1);
        QCOMPARE(QJsonDocument::fromJson(r.out), QJsonDocument::fromJson(stratus::test::readBytes(source)));
    }
}

void TestCli::exportToAFile()
{
    const QString target = imported("scheduled-job.json");
    const QByteArray hash = stratus::test::fileHash(target);
    const QString out = path(QStringLiteral("out.json"));
    Run r = stratusCli({"export-json", target, "-o", out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(stratus::test::readBytes(out), stratus::test::readBytes(example("scheduled-job.json")));
    QCOMPARE(stratus::test::fileHash(target), hash); // export only reads

    r = stratusCli({"export-json", target, "--output=" + path(QStringLiteral("no/such/dir/out.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no/such/dir' does not exist"), r.err.constData());
}

void TestCli::importWithProblems()
{
    const QString source = path(QStringLiteral("problems.json"));
    stratus::test::writeBytes(source, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
        {"id": "main", "nodes": [{"id": "f", "kind": "function", "name": "f",
          "config": {"runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 64,
                     "files": {"index.js": ""}}}]}]})json");
    const QString target = path(QStringLiteral("problems.stratus"));
    const Run r = stratusCli({"import", source, target});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(source.toUtf8() + ": workflow 'main', node 'f' (f), field 'memoryMB'"),
             r.err.constData());
    QVERIFY(r.err.contains("with 1 problem"));
    // Stored as it was written: a work in progress keeps its problems.
    QCOMPARE(stratusCli({"validate", target}).exitCode, 1);
}

void TestCli::importRefusesWhatCannotBeStored()
{
    const QString source = path(QStringLiteral("dup.json"));
    stratus::test::writeBytes(source, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
        {"id": "main", "nodes": [{"id": "a", "kind": "log"}, {"id": "a", "kind": "log"}]}]})json");
    const QString target = path(QStringLiteral("dup.stratus"));
    const Run r = stratusCli({"import", source, target});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("the id 'a' is used by an earlier node"));
    QVERIFY(r.err.contains("not imported"));
    QVERIFY(!QFile::exists(target));
}

void TestCli::importStrictRefusesAnyProblem()
{
    const QString source = path(QStringLiteral("strict.json"));
    stratus::test::writeBytes(source, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
        {"id": "main", "nodes": [{"id": "l", "kind": "log", "config": {"level": "loud"}}]}]})json");
    const QString target = path(QStringLiteral("strict.stratus"));
    const Run r = stratusCli({"import", "--strict", source, target});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("'loud' is not one of info, warn, error"));
    QVERIFY(!QFile::exists(target));
}

void TestCli::failedImportLeavesTargetUnchanged_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("malformed") << QByteArray("{\"format\": ") << 2 << "not valid JSON: line 1, column 12";
    QTest::newRow("wrong types") << QByteArray(R"json({"format": "stratus-workspace", "version": 1, "workflows": [{"id": 3}]})json") << 2 << "workflows[0].id: expected a string, found a number";
    QTest::newRow("newer version") << QByteArray(R"json({"format": "stratus-workspace", "version": 9})json") << 2 << "format version 9 is newer";
    QTest::newRow("dangling edge") << QByteArray(R"json({"format": "stratus-workspace", "version": 1, "workflows": [{"id": "w", "edges": [{"id": "e", "from": {"node": "a", "port": "ok"}, "to": {"node": "b", "port": "in"}}]}]})json") << 1 << "not imported";
}

void TestCli::failedImportLeavesTargetUnchanged()
{
    QFETCH(QByteArray, document);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    const QString target = imported("http-api.json");
    const QByteArray before = stratus::test::fileHash(target);
    const QString source = path(QStringLiteral("bad.json"));
    stratus::test::writeBytes(source, document);
    const Run r = stratusCli({"import", source, target, "--force"});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    QVERIFY2(r.err.contains(source.toUtf8()), r.err.constData());
    QCOMPARE(stratus::test::fileHash(target), before);
    QCOMPARE(stratusCli({"export-json", target}).out, stratus::test::readBytes(example("http-api.json")));
}

void TestCli::validateValidWorkspaces()
{
    for (const QString &source : stratus::test::exampleFiles()) {
        Run r = stratusCli({"validate", source});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(": valid ("));
    }
    const QString target = imported("upload-processing.json");
    const Run r = stratusCli({"validate", target});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("valid (1 workflow, 10 nodes)"));
}

void TestCli::validateReportsProblems()
{
    const QString source = path(QStringLiteral("broken.json"));
    stratus::test::writeBytes(source, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
        {"id": "main", "nodes": [
          {"id": "route", "kind": "trigger.http", "name": "r", "config": {"path": "no-slash"}},
          {"id": "f", "kind": "function", "name": "f", "config": {"runtime": "python3.12", "handler": "app.handler",
             "files": {"app.py": ""}, "timeoutS": 1000}}],
         "edges": [{"id": "e1", "from": {"node": "route", "port": "event"}, "to": {"node": "f", "port": "out"}}]}]})json");
    const Run r = stratusCli({"validate", source});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(source + QStringLiteral(": workflow 'main', node 'route' (r), field 'path': 'no-slash' must start with /")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("node 'f' (f), field 'timeoutS': 1000 is above the maximum 900")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("edge 'e1': 'out' is not an input port")), qPrintable(err));
    QVERIFY(err.contains(QStringLiteral("3 problems")));
}

void TestCli::validateJsonReport()
{
    const QString source = path(QStringLiteral("report.json"));
    stratus::test::writeBytes(source, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
        {"id": "main", "nodes": [{"id": "q", "kind": "queue", "name": "jobs", "config": {"batchSize": 0}}]}]})json");
    const Run r = stratusCli({"validate", "--json", source});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report[QStringLiteral("valid")].toBool(), false);
    const QJsonArray problems = report[QStringLiteral("problems")].toArray();
    QCOMPARE(problems.size(), 1);
    const QJsonObject p = problems[0].toObject();
    QCOMPARE(p[QStringLiteral("code")].toString(), QStringLiteral("out-of-range"));
    QCOMPARE(p[QStringLiteral("node")].toString(), QStringLiteral("q"));
    QCOMPARE(p[QStringLiteral("field")].toString(), QStringLiteral("batchSize"));
    QCOMPARE(p[QStringLiteral("severity")].toString(), QStringLiteral("error"));
}

void TestCli::validateUnreadableFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text as .stratus") << QByteArray("hello") << "a.stratus" << "not a SQLite database";
    QTest::newRow("malformed json") << QByteArray("{\"a\": [1,}") << "a.json" << "not valid JSON";
    QTest::newRow("missing file") << QByteArray() << "" << "no such file";
}

void TestCli::validateUnreadableFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QString file = path(name.isEmpty() ? QStringLiteral("missing.stratus") : name);
    if (!name.isEmpty())
        stratus::test::writeBytes(file, content);
    const Run r = stratusCli({"validate", file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(file), r.err.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    if (!name.isEmpty())
        QCOMPARE(stratus::test::readBytes(file), content);
    QCOMPARE(stratusCli({"info", file}).exitCode, 2);
    QCOMPARE(stratusCli({"export-json", file}).exitCode, 2);
}

void TestCli::infoSummarises()
{
    const QString target = imported("http-api.json");
    const Run r = stratusCli({"info", target});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("1 workflow, 9 nodes, 8 edges, 3 functions, 2 test events"), r.out.constData());
    QVERIFY(r.out.contains("trigger.http: 3"));
    QVERIFY(r.out.contains("get-todo (api/get-todo): python3.12, app.handler, 128 MB, 3 s, 1 file"));
}

void TestCli::infoJson()
{
    const QString target = imported("queue-between-functions.json");
    const Run r = stratusCli({"info", target, "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(info[QStringLiteral("nodes")].toInt(), 7);
    QCOMPARE(info[QStringLiteral("edges")].toInt(), 6);
    QCOMPARE(info[QStringLiteral("nodesByKind")].toObject()[QStringLiteral("log")].toInt(), 2);
    const QJsonArray functions = info[QStringLiteral("functions")].toArray();
    QCOMPARE(functions.size(), 2);
    QCOMPARE(functions[0].toObject()[QStringLiteral("runtime")].toString(), QStringLiteral("nodejs20.x"));
    QCOMPARE(functions[0].toObject()[QStringLiteral("files")].toArray()[0].toString(), QStringLiteral("accept.mjs"));
}

namespace {

QString writeCode(const QTemporaryDir &dir, const char *file, const QByteArray &code)
{
    const QString folder = dir.filePath(QStringLiteral("code"));
    QDir().mkpath(folder);
    stratus::test::writeBytes(folder + QLatin1Char('/') + QString::fromLatin1(file), code);
    return folder;
}

} // namespace

void TestCli::invokeAFolderOfCode()
{
    const QString code = writeCode(*m_dir, "index.js",
                                   "exports.handler = async (event, context) => { console.log('in handler'); "
                                   "return { doubled: event.n * 2, name: context.functionName }; };");
    const QString event = path(QStringLiteral("event.json"));
    stratus::test::writeBytes(event, R"json({"n": 21})json");
    const Run r = stratusCli({"invoke", "--code", code, "--runtime", "nodejs20.x", "--handler",
                              "index.handler", "--event", event});
    QCOMPARE(r.exitCode, 0);
    // The result alone on stdout; logs and REPORT on stderr.
    QCOMPARE(r.out, QByteArray(R"json({"doubled":42,"name":"code"})json" "\n"));
    QVERIFY(r.err.contains("START RequestId: "));
    QVERIFY(r.err.contains("INFO\tin handler"));
    QVERIFY(r.err.contains("END RequestId: "));
    QVERIFY(r.err.contains("REPORT RequestId: "));
    QVERIFY(r.err.contains("Init Duration: "));
}

void TestCli::invokeReadsTheEventFromStdin()
{
    const QString code = writeCode(*m_dir, "app.py", "def handler(event, context):\n    return event\n");
    const Run r = stratusCli({"invoke", "--code", code, "--runtime", "python3.12", "--handler",
                              "app.handler", "--event", "-"},
                             R"json({"big": 123456789012345678901234567890})json");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray(R"json({"big": 123456789012345678901234567890})json" "\n"));
    // Without --event the event is {}.
    QCOMPARE(stratusCli({"invoke", "--code", code, "--runtime", "python3.12", "--handler", "app.handler"}).out,
             QByteArray("{}\n"));
}

void TestCli::invokeEnvironment()
{
    const QString code = writeCode(*m_dir, "index.js",
                                   "exports.handler = async () => [process.env.AA, process.env.BB, process.env.CC, "
                                   "process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE];");
    const QString envFile = path(QStringLiteral("env.json"));
    stratus::test::writeBytes(envFile, R"json({"AA": "from file", "BB": "file"})json");
    const Run r = stratusCli({"invoke", "--code", code, "--runtime", "nodejs20.x", "--handler",
                              "index.handler", "--env-file", envFile, "--env", "BB=flag", "--env",
                              "CC=x=y", "--memory", "256"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray(R"json(["from file","flag","x=y","256"])json" "\n"));
}

void TestCli::invokeFailureExitsOne_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected");
    QTest::newRow("handler throws") << QByteArray("exports.handler = async () => { throw new TypeError('nope'); };")
                                    << QStringList{} << R"json("errorType":"TypeError")json";
    QTest::newRow("timeout") << QByteArray("exports.handler = async () => { for (;;) {} };")
                             << QStringList{"--timeout", "1"} << "Task timed out after 1.00 seconds";
    QTest::newRow("init error") << QByteArray("exports.other = 1;") << QStringList{}
                                << "Runtime.HandlerNotFound";
}

void TestCli::invokeFailureExitsOne()
{
    QFETCH(QByteArray, code);
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    const QString folder = writeCode(*m_dir, "index.js", code);
    const Run r = stratusCli(QStringList{"invoke", "--code", folder, "--runtime", "nodejs20.x",
                                         "--handler", "index.handler"} + extra);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.out).contains(expected), r.out.constData());
    QVERIFY(QJsonDocument::fromJson(r.out).isObject()); // the error object, as JSON
    QVERIFY(r.err.contains("REPORT RequestId: "));
}

void TestCli::invokeAWorkspaceFunction()
{
    const QString workspace = imported("queue-between-functions.json");
    const QString event = path(QStringLiteral("order.json"));
    stratus::test::writeBytes(event, R"json({"body": "{\"items\":[{\"sku\":\"A\",\"price\":2.5,\"qty\":4}]}"})json");
    Run r = stratusCli({"invoke", workspace, "accept-order", "--event", event});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject order = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(order[QStringLiteral("total")].toDouble(), 10.0);
    QVERIFY(order[QStringLiteral("orderId")].toString().startsWith(QStringLiteral("o-")));
    // By node id too.
    r = stratusCli({"invoke", workspace, "accept", "--event", event});
    QCOMPARE(r.exitCode, 0);
    // An unknown name lists the functions there are.
    r = stratusCli({"invoke", workspace, "nope"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("has no function 'nope' (functions: accept-order, fulfil-order)"), r.err.constData());
}

void TestCli::exportWritesASamBundleOrNothing()
{
    const QString workspace = path(QStringLiteral("shapes.stratus"));
    QCOMPARE(stratusCli({"import", QStringLiteral(STRATUS_TEST_DATA_DIR "/export/shapes/workspace.json"), workspace}).exitCode, 0);
    const QString out = path(QStringLiteral("bundle"));
    Run r = stratusCli({"export", workspace, "--format", "sam", "-o", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.contains("Wrote an AWS SAM bundle of 10 files"));
    QVERIFY(r.err.contains("note: The manual trigger 'try it' has no AWS counterpart"));
    QVERIFY(QFile::exists(out + QStringLiteral("/template.yaml")));
    // Again into the same folder: only with --force.
    r = stratusCli({"export", workspace, "--format", "sam", "-o", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--force replaces it (nothing was written)"), r.err.constData());
    QCOMPARE(stratusCli({"export", workspace, "--format", "sam", "-o", out, "--force"}).exitCode, 0);
    // The Serverless Framework form of the same workspace.
    const QString service = path(QStringLiteral("service"));
    r = stratusCli({"export", workspace, "--format", "serverless", "-o", service});
    QVERIFY2(r.exitCode == 0 && r.err.contains("Wrote a Serverless Framework service"), r.err.constData());
    QVERIFY(QFile::exists(service + QStringLiteral("/serverless.yml")));
    QVERIFY(QFile::exists(service + QStringLiteral("/functions/hello.zip")));
    // Zipped: one zip per function folder, the same bytes each time.
    const QString zipped = path(QStringLiteral("zipped"));
    r = stratusCli({"export", workspace, "--format", "sam", "-o", zipped, "--zip"});
    QVERIFY2(r.exitCode == 0 && r.err.contains("deploy with sam deploy --guided"), r.err.constData());
    QVERIFY(QFile::exists(zipped + QStringLiteral("/functions/hello.zip")));
    QVERIFY(!QFile::exists(zipped + QStringLiteral("/functions/hello")));
    const QByteArray firstZip = stratus::test::fileHash(zipped + QStringLiteral("/functions/hello.zip"));
    QCOMPARE(stratusCli({"export", workspace, "--format", "sam", "-o", zipped, "--zip", "--force"}).exitCode, 0);
    QCOMPARE(stratus::test::fileHash(zipped + QStringLiteral("/functions/hello.zip")), firstZip);

    // A workspace AWS would refuse: each reason on its line, nothing written.
    const QString refusedWorkspace = path(QStringLiteral("refused.stratus"));
    QCOMPARE(stratusCli({"import", QStringLiteral(STRATUS_TEST_DATA_DIR "/export/refused/workspace.json"),
                         refusedWorkspace}).exitCode, 0);
    const QString refused = path(QStringLiteral("refused"));
    r = stratusCli({"export", refusedWorkspace, "--format", "sam", "-o", refused});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("stratus: the workspace cannot be exported as AWS SAM:\n  node 'jobs'"), r.err.constData());
    QCOMPARE(r.err.count("\n  node 'jobs' (jobs)"), 2);
    QVERIFY(r.err.endsWith("Nothing was written.\n"));
    QVERIFY(!QFile::exists(refused));
    // Usage.
    QCOMPARE(stratusCli({"export", workspace, "-o", refused}).exitCode, 2);
    QVERIFY(stratusCli({"export", workspace, "--format", "zip", "-o", refused}).err.contains("is not a format (sam, serverless)"));
    QVERIFY(stratusCli({"export", workspace, "--format", "sam"}).err.contains("-o DIR"));
    QCOMPARE(stratusCli({"export", workspace, "--format", "sam", "-o", refused, "--workflow", "nope"}).exitCode, 2);
    QVERIFY(!QFile::exists(refused));
}

void TestCli::invocationsAreRecordedAndListed()
{
    const QString workspace = imported("queue-between-functions.json");
    Run r = stratusCli({"runs", workspace});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.contains("no invocations recorded"));
    const QString event = orderEvent();
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order"}).exitCode, 1); // no body: it throws
    QCOMPARE(stratusCli({"invoke", workspace, "fulfil-order", "--event", event}).exitCode, 1);

    r = stratusCli({"runs", workspace});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 5); // a header and four invocations
    QVERIFY(r.out.contains("accept-order"));

    r = stratusCli({"runs", workspace, "--function", "accept-order", "--json", "--logs"});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray runs = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(runs.size(), 3);
    const QJsonObject newest = runs[0].toObject();
    QCOMPARE(newest[QStringLiteral("status")].toString(), QStringLiteral("error"));
    QCOMPARE(newest[QStringLiteral("errorType")].toString(), QStringLiteral("Error"));
    QCOMPARE(newest[QStringLiteral("workflow")].toString(), QStringLiteral("orders"));
    QCOMPARE(newest[QStringLiteral("node")].toString(), QStringLiteral("accept"));
    QCOMPARE(newest[QStringLiteral("memorySizeMB")].toInt(), 256);
    QVERIFY(newest[QStringLiteral("cost")].toDouble() >= 0.0000002);
    QVERIFY(newest[QStringLiteral("logs")].toArray().last().toString().startsWith(QStringLiteral("REPORT RequestId: ")));
    QVERIFY(runs[2].toObject()[QStringLiteral("cold")].toBool());

    QCOMPARE(QJsonDocument::fromJson(stratusCli({"runs", workspace, "--last", "1", "--json"}).out).array().size(), 1);
    r = stratusCli({"runs", workspace, "--last", "zero"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--last takes a whole number"));
    // The design is as it was imported.
    QCOMPARE(stratusCli({"export-json", workspace}).out, stratus::test::readBytes(example("queue-between-functions.json")));
}

void TestCli::costProjectsTheMonthlyBill()
{
    // Nothing recorded: both functions at the assumed 100 ms. accept-order
    // (256 MB) 3M x 0.1 s x 0.25 GB = 75,000 GB-s; fulfil-order (512 MB)
    // 150,000 GB-s; together under the 400,000 free GB-s. Requests 6M - 1M
    // free at $0.20/M = $1.00; the HTTP API 3M at $1.00/M = $3.00.
    const QString workspace = imported("queue-between-functions.json");
    Run r = stratusCli({"cost", workspace, "--requests-per-month", "3000000", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report[QStringLiteral("preset")].toString(), QStringLiteral("aws-x86_64"));
    const QJsonObject monthly = report[QStringLiteral("monthly")].toObject();
    QVERIFY(qAbs(monthly[QStringLiteral("requests")].toDouble() - 1.00) < 1e-9);
    QVERIFY(qAbs(monthly[QStringLiteral("compute")].toDouble()) < 1e-9);
    QVERIFY(qAbs(monthly[QStringLiteral("gateway")].toDouble() - 3.00) < 1e-9);
    QVERIFY(qAbs(monthly[QStringLiteral("withFreeTier")].toDouble() - 4.00) < 1e-9);
    const double without = 3e6 * 0.2e-6 * 2 + 225000 * 0.0000166667 + 3.00;
    QVERIFY(qAbs(monthly[QStringLiteral("withoutFreeTier")].toDouble() - without) < 1e-6);
    const QJsonArray functions = report[QStringLiteral("functions")].toArray();
    QCOMPARE(functions.size(), 2);
    QCOMPARE(functions[0].toObject()[QStringLiteral("durationFrom")].toString(), QStringLiteral("assumed"));
    QVERIFY(report[QStringLiteral("vm")].toObject()[QStringLiteral("breakEvenRequestsPerMonth")].toDouble() > 3e6);

    // Another preset, and the text form.
    r = stratusCli({"cost", workspace, "--requests-per-month", "1000", "--preset", "azure-consumption"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Azure Functions"));
    QVERIFY(r.out.contains("accept-order"));
    // Usage errors name the option.
    r = stratusCli({"cost", workspace});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--requests-per-month N or as --requests-per-hour"));
    r = stratusCli({"cost", workspace, "--requests-per-month", "-5"});
    QCOMPARE(r.exitCode, 2);
    r = stratusCli({"cost", workspace, "--requests-per-month", "5", "--preset", "ibm"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("no pricing preset 'ibm' (presets: aws-x86_64, aws-arm64"));
}

void TestCli::statsSummariseTheHistory()
{
    const QString workspace = imported("queue-between-functions.json");
    const QString event = orderEvent();
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order"}).exitCode, 1);
    Run r = stratusCli({"stats", workspace, "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject stats = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(stats[QStringLiteral("count")].toInt(), 2);
    QCOMPARE(stats[QStringLiteral("errors")].toInt(), 1);
    QCOMPARE(stats[QStringLiteral("errorRate")].toDouble(), 0.5);
    QCOMPARE(stats[QStringLiteral("coldShare")].toDouble(), 1.0); // each CLI invoke is a cold start
    QCOMPARE(stats[QStringLiteral("percentiles")].toString(), QStringLiteral("exact"));
    QVERIFY(stats[QStringLiteral("durationMs")].toObject()[QStringLiteral("max")].toDouble() > 0);
    QVERIFY(stats[QStringLiteral("cost")].toDouble() > 0);
    // A window in the future is empty; an unknown function too.
    QCOMPARE(QJsonDocument::fromJson(stratusCli({"stats", workspace, "--since", "2099-01-01T00:00:00Z", "--json"}).out)
                 .object()[QStringLiteral("count")].toInt(), 0);
    QCOMPARE(QJsonDocument::fromJson(stratusCli({"stats", workspace, "--since", "1h", "--function", "fulfil-order", "--json"}).out)
                 .object()[QStringLiteral("count")].toInt(), 0);
    r = stratusCli({"stats", workspace});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("count 2, errors 1 (50.00 %)"));
    r = stratusCli({"stats", workspace, "--since", "yesterday"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--since takes a time"));
}

// A day's curve of requests per hour, a custom preset from the workspace's
// settings, and the recorded runs priced per workflow.
void TestCli::costFollowsADailyCurveAndCustomPresets()
{
    // 1,000 requests an hour for 12 hours, 0 at night: 12,000 a day, 365,000 a month.
    QStringList hours;
    for (int h = 0; h < 24; ++h)
        hours << (h >= 8 && h < 20 ? QStringLiteral("1000") : QStringLiteral("0"));
    const QString workspace = importedWithSettings("queue-between-functions.json", R"json({
      "pricing": "acme",
      "pricingPresets": [{"id": "acme", "name": "Acme FaaS", "provider": "acme", "readOn": "2026-11-01",
        "source": "https://acme.invalid/pricing", "requestPricePerMillion": 1.0, "gbSecondPrice": 0.00001,
        "billingGranularityMs": 100, "minimumBilledMs": 100, "memoryBasis": "configured"}]})json");
    Run r = stratusCli({"cost", workspace, "--requests-per-hour", hours.join(QLatin1Char(',')), "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report[QStringLiteral("preset")].toString(), QStringLiteral("acme"));
    QVERIFY(qAbs(report[QStringLiteral("requestsPerMonth")].toDouble() - 365000) < 1e-6);
    QVERIFY(qAbs(report[QStringLiteral("peakRequestsPerSecond")].toDouble() - 1000.0 / 3600) < 1e-9);
    // No free tier in Acme's preset: 2 functions x 365,000 requests at $1/M.
    const QJsonObject monthly = report[QStringLiteral("monthly")].toObject();
    QVERIFY(qAbs(monthly[QStringLiteral("requests")].toDouble() - 0.73) < 1e-9);

    // A wrong curve is a usage error that says what is wrong.
    r = stratusCli({"cost", workspace, "--requests-per-hour", "1,2,3"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("takes 24 numbers"));
    r = stratusCli({"cost", workspace, "--requests-per-hour", hours.join(QLatin1Char(',')), "--requests-per-month", "5"});
    QCOMPARE(r.exitCode, 2);

    // Recorded runs are priced per workflow under the preset (1 request at $1/M, 100 ms min).
    const QString event = orderEvent();
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    r = stratusCli({"cost", workspace, "--requests-per-month", "10", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray runs = QJsonDocument::fromJson(r.out).object()[QStringLiteral("recordedRuns")].toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject orders = runs[0].toObject();
    QCOMPARE(orders[QStringLiteral("workflow")].toString(), QStringLiteral("orders"));
    QCOMPARE(orders[QStringLiteral("runs")].toInt(), 2);
    // accept-order: 256 MB, billed at least 100 ms: >= 1e-6 + 0.1 x 0.25 x 1e-5 each.
    QVERIFY(orders[QStringLiteral("averagePerRun")].toDouble() >= 1e-6 + 0.025 * 1e-5 - 1e-15);

    // stats --by function splits the same history.
    r = stratusCli({"stats", workspace, "--by", "function", "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray groups = QJsonDocument::fromJson(r.out).object()[QStringLiteral("groups")].toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0].toObject()[QStringLiteral("function")].toString(), QStringLiteral("accept-order"));
    QCOMPARE(groups[0].toObject()[QStringLiteral("count")].toInt(), 2);
    QCOMPARE(stratusCli({"stats", workspace, "--by", "colour"}).exitCode, 2);

    // A custom preset with a negative price: validate names the field; cost refuses.
    const QString bad = importedWithSettings("http-api.json", R"json({
      "pricingPresets": [{"id": "cheap", "name": "Cheap", "provider": "x", "readOn": "2026-11-01",
        "source": "-", "requestPricePerMillion": 0.1, "gbSecondPrice": -1,
        "billingGranularityMs": 1, "minimumBilledMs": 1, "memoryBasis": "configured"}]})json");
    r = stratusCli({"validate", bad});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains("gbSecondPrice") || r.err.contains("gbSecondPrice"), r.out.constData());
    QVERIFY(r.out.contains("settings.pricingPresets[0]") || r.err.contains("settings.pricingPresets[0]"));
    r = stratusCli({"cost", bad, "--requests-per-month", "10"});
    QCOMPARE(r.exitCode, 1); // a problem of the workspace, as validate says
    QVERIFY2(r.err.contains("field 'gbSecondPrice': must not be negative"), r.err.constData());
}

// settings.retention is applied each time an invocation is recorded.
void TestCli::recordingPrunesByTheWorkspacesPolicy()
{
    const QString workspace = importedWithSettings("queue-between-functions.json",
                                                   R"json({"retention": {"runs": 2}})json");
    const QString event = orderEvent();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    const Run r = stratusCli({"runs", workspace, "--json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 2);
}

void TestCli::pruneFollowsTheRetentionPolicy()
{
    const QString workspace = imported("queue-between-functions.json");
    const QString event = orderEvent();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(stratusCli({"invoke", workspace, "accept-order", "--event", event}).exitCode, 0);
    Run r = stratusCli({"prune", workspace});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.contains("no retention set"));
    r = stratusCli({"prune", workspace, "--keep-runs", "1"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("removed 2 runs and 2 invocations"), r.out.constData());
    QCOMPARE(QJsonDocument::fromJson(stratusCli({"runs", workspace, "--json"}).out).array().size(), 1);
    QCOMPARE(stratusCli({"prune", workspace, "--keep-days", "0"}).exitCode, 2);
    QCOMPARE(stratusCli({"export-json", workspace}).out, stratus::test::readBytes(example("queue-between-functions.json")));
}

void TestCli::invokeUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QStringList{"invoke"} << "expected FILE.stratus FUNCTION, or --code DIR";
    QTest::newRow("code without runtime") << QStringList{"invoke", "--code", "."} << "--code needs --runtime and --handler";
    QTest::newRow("both forms") << QStringList{"invoke", "x.stratus", "f", "--code", "."} << "not both";
    QTest::newRow("bad timeout") << QStringList{"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler", "index.handler", "--timeout", "0"} << "--timeout takes a whole number from 1 to 900";
    QTest::newRow("bad memory") << QStringList{"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler", "index.handler", "--memory", "64"} << "--memory takes a whole number from 128 to 10240";
    QTest::newRow("bad env") << QStringList{"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler", "index.handler", "--env", "NOEQUALS"} << "--env takes NAME=VALUE";
    QTest::newRow("bad runtime") << QStringList{"invoke", "--code", ".", "--runtime", "java21", "--handler", "index.handler"} << "runtime 'java21' is not a Lambda runtime Stratus runs (one of: nodejs20.x";
    QTest::newRow("bad handler") << QStringList{"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler", "index"} << "is not FILE.EXPORT";
    QTest::newRow("missing event file") << QStringList{"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler", "index.handler", "--event", "/no/such/event.json"} << "'/no/such/event.json': no such file";
    QTest::newRow("runtime with workspace") << QStringList{"invoke", "x.stratus", "f", "--runtime", "nodejs20.x"} << "--runtime goes with --code";
}

void TestCli::invokeRefusesAnEventThatIsNotJson()
{
    const Run r = stratusCli({"invoke", "--code", ".", "--runtime", "nodejs20.x", "--handler",
                              "index.handler", "--event", "-"},
                             "{\"unterminated\": ");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("standard input: the event is not valid JSON"), r.err.constData());
}

void TestCli::invokeUsageErrors()
{
    usageErrors(); // the same checks, over invoke's rows
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
