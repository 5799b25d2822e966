// The AWS SAM export: what each node becomes, checked by AWS's own SAM
// translator (tests/third_party/sam), golden bundles, refusals, and the
// rule that a bundle is written whole or not at all.
//
// STRATUS_UPDATE_GOLDEN=1 rewrites the golden files from what the export gives.

#include "testutil.h"

#include "engine/export/bundle.h"
#include "engine/export/sam.h"
#include "engine/export/yaml.h"
#include "engine/store/workspacejson.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace stratus::engine;
using namespace stratus::engine::exporting;

namespace {

const QString kGoldenDir = QStringLiteral(STRATUS_TEST_DATA_DIR "/export");

Workspace workspaceFrom(const QString &jsonFile)
{
    QFile file(jsonFile);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(jsonFile));
    auto doc = workspace_json::read(file.readAll().toStdString());
    if (!doc)
        qFatal("%s does not read: %s", qPrintable(jsonFile), doc.status().message().c_str());
    return doc->workspace;
}

/// AWS's SAM translator on `template`: its exit code and what it said.
std::pair<int, QString> samCheck(const QString &templatePath)
{
    QProcess check;
    check.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral(STRATUS_SOURCE_DIR "/tests/third_party/sam/check-template.py"), templatePath});
    if (!check.waitForFinished(60000))
        qFatal("the SAM check did not finish");
    return {check.exitCode(), QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError())};
}

/// Writes `bundle` into `out` and runs AWS's SAM translator on its template: what went wrong, if anything.
QString writtenAndChecked(const Bundle &bundle, const QString &out)
{
    if (Status s = writeBundle(bundle, out.toStdString(), false); !s)
        return QString::fromStdString(s.message());
    const auto [exitCode, said] = samCheck(out + QStringLiteral("/template.yaml"));
    return exitCode == 0 ? QString() : said;
}

QStringList filesUnder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace

class TestSamExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEventSourceIsWhatSamAccepts();
    void pathsThatNeedAStateMachineAreRefusedByNode();
    void validationErrorsAreRefused();
    void awsLimitsAreRefusedBeforeDeploying();
    void aBundleIsWrittenWholeOrNotAtAll();
    void replacingABundleKeepsTheUsersFiles();
    void namesSamMakesOrFileSystemsFoldNeverClash();
    void deadLettersGoWhereTheGraphSays();
    void yamlSaysWhatTheJsonSaid_data();
    void yamlSaysWhatTheJsonSaid();
    void logicalIdsAreUniqueAndAlphanumeric();
};

void TestSamExport::everyEventSourceIsWhatSamAccepts()
{
    const Workspace ws = workspaceFrom(kGoldenDir + QStringLiteral("/shapes/workspace.json"));
    auto bundle = exportSam(ws);
    QVERIFY2(bundle, bundle.status().message().c_str());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    // AWS's own translator takes it.
    const QString problem = writtenAndChecked(*bundle, out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // What is in it: the template, the README, each function's code and test events, nothing else.
    QCOMPARE(filesUnder(out), QStringList({QStringLiteral(".stratus-export"), QStringLiteral("README.md"),
                                           QStringLiteral("events/hello/Ann-s-request.json"),
                                           QStringLiteral("functions/audit/index.js"),
                                           QStringLiteral("functions/graveyard/index.js"),
                                           QStringLiteral("functions/hello/index.js"),
                                           QStringLiteral("functions/legacy/app.py"),
                                           QStringLiteral("functions/report/index.js"),
                                           QStringLiteral("functions/thumb/index.js"),
                                           QStringLiteral("functions/work/index.js"),
                                           QStringLiteral("template.yaml")}));
    QCOMPARE(bundle->files.at("functions/legacy/app.py"),
             ws.workflows[0].findNode(NodeId("legacy"))->config["files"]["app.py"].get<std::string>());

    // The same workspace gives the same bytes; they are the golden ones.
    auto again = exportSam(ws);
    QVERIFY(again && again->files == bundle->files);
    for (const char *name : {"template.yaml", "README.md"}) {
        const QString golden = kGoldenDir + QStringLiteral("/shapes/") + QLatin1String(name);
        if (qEnvironmentVariableIsSet("STRATUS_UPDATE_GOLDEN"))
            stratus::test::writeBytes(golden, QByteArray::fromStdString(bundle->files.at(name)));
        QFile file(golden);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(golden));
        QCOMPARE(QString::fromStdString(bundle->files.at(name)), QString::fromUtf8(file.readAll()));
    }
    // Nothing of this machine: no absolute path, no settings.
    for (const auto &[path, bytes] : bundle->files)
        QVERIFY2(bytes.find(STRATUS_SOURCE_DIR) == std::string::npos
                     && bytes.find(QDir::homePath().toStdString() + "/") == std::string::npos,
                 path.c_str());
}

void TestSamExport::pathsThatNeedAStateMachineAreRefusedByNode()
{
    const Workspace ws = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"));
    auto bundle = exportSam(ws);
    QVERIFY(!bundle);
    QCOMPARE(bundle.status().code(), Status::Code::NotSupported);
    const std::string &message = bundle.status().message();
    for (const char *node : {"(create-todo)", "(check-todo)", "(get-todo)"})
        QVERIFY2(message.find(node) != std::string::npos, message.c_str());
    QVERIFY(message.find("needs a state machine") != std::string::npos);
    // One line per reason.
    QCOMPARE(std::count(message.begin(), message.end(), '\n'), std::ptrdiff_t(3));
    // The other workflows of a workspace are not the one asked for.
    ExportOptions only;
    only.workflow = WorkflowId("nope");
    QCOMPARE(exportSam(ws, only).status().code(), Status::Code::NotFound);
}

void TestSamExport::validationErrorsAreRefused()
{
    Workspace ws = workspaceFrom(kGoldenDir + QStringLiteral("/shapes/workspace.json"));
    Node broken = *ws.workflows[0].findNode(NodeId("hello"));
    ws.workflows[0].removeNode(broken.id);
    broken.config["memoryMB"] = 64;
    ws.workflows[0].addNode(broken);
    auto bundle = exportSam(ws);
    QVERIFY(!bundle);
    QVERIFY2(bundle.status().message().find("memoryMB") != std::string::npos, bundle.status().message().c_str());
}

void TestSamExport::awsLimitsAreRefusedBeforeDeploying()
{
    // What SAM accepts but AWS refuses at deployment is refused here, naming the node.
    Workspace ws = workspaceFrom(kGoldenDir + QStringLiteral("/shapes/workspace.json"));
    Workflow &w = ws.workflows[0];
    Node jobs = *w.findNode(NodeId("jobs"));
    jobs.config["visibilityTimeoutS"] = 10; // below work's 30 s timeout
    jobs.config["batchSize"] = 50;
    jobs.config["batchWindowS"] = 0;
    const std::vector<Edge> edges = w.edges();
    w.removeNode(jobs.id);
    w.addNode(jobs);
    for (const Edge &e : edges)
        w.addEdge(e);
    auto bundle = exportSam(ws);
    QVERIFY(!bundle);
    const std::string &message = bundle.status().message();
    QVERIFY2(message.find("(jobs)") != std::string::npos && message.find("visibility timeout (10 s)") != std::string::npos,
             message.c_str());
    QVERIFY2(message.find("batchWindowS of at least 1") != std::string::npos, message.c_str());
}

void TestSamExport::aBundleIsWrittenWholeOrNotAtAll()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Bundle bundle;
    bundle.files["template.yaml"] = "Resources: {}\n";
    bundle.files["functions/a/index.js"] = "x";
    const QString target = dir.filePath(QStringLiteral("out"));

    // A folder of the user's own is never written into.
    QVERIFY(QDir().mkpath(target));
    stratus::test::writeBytes(target + QStringLiteral("/mine.txt"), "keep me");
    Status s = writeBundle(bundle, target.toStdString(), true);
    QVERIFY(!s);
    QVERIFY2(s.message().find("did not write") != std::string::npos, s.message().c_str());
    QCOMPARE(filesUnder(target), QStringList({QStringLiteral("mine.txt")}));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("out")})); // no staging folder left
    QFile::remove(target + QStringLiteral("/mine.txt"));

    // An empty folder takes a bundle; an earlier bundle is replaced only when asked.
    QVERIFY(writeBundle(bundle, target.toStdString(), false));
    bundle.files.erase("functions/a/index.js");
    bundle.files["functions/b/index.js"] = "y";
    s = writeBundle(bundle, target.toStdString(), false);
    QVERIFY(!s);
    QVERIFY2(s.message().find("--force") != std::string::npos, s.message().c_str());
    QVERIFY(writeBundle(bundle, target.toStdString(), true));
    QCOMPARE(filesUnder(target), QStringList({QStringLiteral(".stratus-export"), QStringLiteral("functions/b/index.js"),
                                              QStringLiteral("template.yaml")}));

    // A file that would leave the bundle stops it before anything is in place.
    Bundle hostile;
    hostile.files["a.txt"] = "a";
    hostile.files["../escaped.txt"] = "b";
    const QString second = dir.filePath(QStringLiteral("second"));
    QVERIFY(!writeBundle(hostile, second.toStdString(), false));
    QVERIFY(!QFile::exists(second));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("escaped.txt"))));
    // Where the folder cannot be made (under a file), nothing is left either.
    stratus::test::writeBytes(dir.filePath(QStringLiteral("plain")), "a file");
    QVERIFY(!writeBundle(bundle, dir.filePath(QStringLiteral("plain/out")).toStdString(), false));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("out"), QStringLiteral("plain")}));
}

void TestSamExport::replacingABundleKeepsTheUsersFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("out"));
    Bundle bundle;
    bundle.files["template.yaml"] = "Resources: {}\n";
    bundle.files["functions/a/index.js"] = "one";
    bundle.files["functions/go/bootstrap"] = "#!/bin/sh\necho hi\n";
    QVERIFY(writeBundle(bundle, target.toStdString(), false));
    // Scripts are executable.
    QVERIFY(QFileInfo(target + QStringLiteral("/functions/go/bootstrap")).isExecutable());
    QVERIFY(!QFileInfo(target + QStringLiteral("/functions/a/index.js")).isExecutable());

    // What `sam deploy --guided` and `sam build` leave there is kept by --force.
    stratus::test::writeBytes(target + QStringLiteral("/samconfig.toml"), "version = 0.1\n");
    QVERIFY(QDir().mkpath(target + QStringLiteral("/.aws-sam/build")));
    stratus::test::writeBytes(target + QStringLiteral("/.aws-sam/build/template.yaml"), "built");
    stratus::test::writeBytes(target + QStringLiteral("/functions/a/node_modules.txt"), "mine");
    bundle.files["functions/a/index.js"] = "two";
    QVERIFY(writeBundle(bundle, target.toStdString(), true));
    QCOMPARE(filesUnder(target), QStringList({QStringLiteral(".aws-sam/build/template.yaml"), QStringLiteral(".stratus-export"),
                                              QStringLiteral("functions/a/index.js"),
                                              QStringLiteral("functions/a/node_modules.txt"),
                                              QStringLiteral("functions/go/bootstrap"), QStringLiteral("samconfig.toml"),
                                              QStringLiteral("template.yaml")}));
    QFile code(target + QStringLiteral("/functions/a/index.js"));
    QVERIFY(code.open(QIODevice::ReadOnly) && code.readAll() == "two");
    code.close();

    // A file the export wrote and the user changed is not overwritten: the export is refused, naming it.
    stratus::test::writeBytes(target + QStringLiteral("/functions/a/index.js"), "two, edited by hand");
    bundle.files["functions/a/index.js"] = "three";
    const Status s = writeBundle(bundle, target.toStdString(), true);
    QVERIFY(!s);
    QVERIFY2(s.message().find("functions/a/index.js was changed since it was exported") != std::string::npos,
             s.message().c_str());
    QVERIFY(code.open(QIODevice::ReadOnly) && code.readAll() == "two, edited by hand");
    code.close();
    QVERIFY(QFile::exists(target + QStringLiteral("/samconfig.toml")));

    // A link is written through, to where it points; what an interrupted
    // export into that folder left beside it goes with the next export.
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("real"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("real")), dir.filePath(QStringLiteral("linked"))));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral(".real.writing-456/functions"))));
    QVERIFY(writeBundle(bundle, dir.filePath(QStringLiteral("linked")).toStdString(), false));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("linked"))).isSymLink());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("real/template.yaml"))));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral(".real.writing-456"))));
}

void TestSamExport::namesSamMakesOrFileSystemsFoldNeverClash()
{
    Json nodes = Json::array();
    for (const char *name : {"a", "A", "a-role", "a-event-invoke-config", "http-api-api-gateway-default-stage"})
        nodes.push_back({{"id", std::string("n-") + name}, {"kind", "function"}, {"name", name},
                         {"config", {{"runtime", "nodejs20.x"}, {"handler", "index.handler"},
                                     {"files", {{"index.js", "exports.handler = async () => 1;"}}}}}});
    nodes.push_back({{"id", "route"}, {"kind", "trigger.http"}, {"name", "route"}, {"config", {{"path", "/x"}}}});
    Json edges = Json::array({{{"id", "e"}, {"from", {{"node", "route"}, {"port", "event"}}}, {"to", {{"node", "n-a"}, {"port", "in"}}}}});
    Json events = Json::array();
    for (const char *name : {"a/b", "a-b", "a b", "A:B", "ünï", "../up"})
        events.push_back({{"workflow", "w"}, {"node", "n-a"}, {"name", name}, {"event", {{"name", name}}}});
    events.push_back({{"workflow", "w"}, {"node", "n-a"}, {"name", std::string(300, 'x')}, {"event", Json::object()}});
    auto doc = workspace_json::read(Json{{"format", "stratus-workspace"}, {"version", 1}, {"name", "names"},
                                         {"workflows", {{{"id", "w"}, {"name", "W"}, {"nodes", nodes}, {"edges", edges}}}},
                                         {"testEvents", events}}
                                        .dump());
    QVERIFY2(doc, doc.status().message().c_str());
    auto bundle = exportSam(doc->workspace);
    QVERIFY2(bundle, bundle.status().message().c_str());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString problem = writtenAndChecked(*bundle, dir.filePath(QStringLiteral("bundle")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Two folders for a and A; every test event its own file, none outside events/.
    QVERIFY(bundle->files.contains("functions/a/index.js") && bundle->files.contains("functions/A-2/index.js"));
    int eventFiles = 0;
    for (const auto &[path, bytes] : bundle->files)
        eventFiles += path.starts_with("events/a/");
    QCOMPARE(eventFiles, 7);
    QVERIFY(bundle->files.contains("events/a/a-b.json") && bundle->files.contains("events/a/a-b-2.json")
            && bundle->files.contains("events/a/ünï.json"));
}

void TestSamExport::deadLettersGoWhereTheGraphSays()
{
    const auto exported = [](const Json &queueConfig, const char *deadTo, int deadTimeout) {
        Json nodes = Json::array({
            {{"id", "q"}, {"kind", "queue"}, {"name", "jobs"}, {"config", queueConfig}},
            {{"id", "work"}, {"kind", "function"}, {"name", "work"},
             {"config", {{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"files", {{"index.js", "x"}}}}}},
            {{"id", "later"}, {"kind", "queue"}, {"name", "later"}, {"config", Json::object()}},
            {{"id", "grave"}, {"kind", "function"}, {"name", "grave"},
             {"config", {{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"timeoutS", deadTimeout},
                         {"files", {{"index.js", "x"}}}}}},
        });
        Json edges = Json::array({{{"id", "e1"}, {"from", {{"node", "q"}, {"port", "out"}}}, {"to", {{"node", "work"}, {"port", "in"}}}}});
        if (deadTo)
            edges.push_back({{"id", "e2"}, {"from", {{"node", "q"}, {"port", "dead"}}}, {"to", {{"node", deadTo}, {"port", "in"}}}});
        auto doc = workspace_json::read(Json{{"format", "stratus-workspace"}, {"version", 1},
                                             {"workflows", {{{"id", "w"}, {"name", "W"}, {"nodes", nodes}, {"edges", edges}}}}}
                                            .dump());
        if (!doc)
            qFatal("%s", doc.status().message().c_str());
        return exportSam(doc->workspace);
    };
    const auto templateOf = [](const Result<Bundle> &b) { return b ? b->files.at("template.yaml") : b.status().message(); };

    // No dead edge: a dead-letter queue all the same, as messages are set aside here after maxReceiveCount.
    auto plain = exported({{"maxReceiveCount", 2}}, nullptr, 3);
    QVERIFY2(plain, plain.status().message().c_str());
    QVERIFY2(templateOf(plain).find("deadLetterTargetArn: !GetAtt JobsQueueDeadLetters.Arn") != std::string::npos
                 && templateOf(plain).find("maxReceiveCount: 2") != std::string::npos,
             templateOf(plain).c_str());
    // dead into another queue: that queue is the dead-letter queue.
    auto intoQueue = exported(Json::object(), "later", 3);
    QVERIFY2(intoQueue && templateOf(intoQueue).find("deadLetterTargetArn: !GetAtt LaterQueue.Arn") != std::string::npos,
             templateOf(intoQueue).c_str());
    QVERIFY(templateOf(intoQueue).find("JobsQueueDeadLetters") == std::string::npos);
    // dead into a function: it consumes the dead-letter queue under the same rules as the queue's own consumer.
    auto consumed = exported({{"batchSize", 50}, {"batchWindowS", 5}, {"visibilityTimeoutS", 30}}, "grave", 3);
    QVERIFY2(consumed, consumed.status().message().c_str());
    const std::string t = templateOf(consumed);
    QVERIFY2(t.find("Queue: !GetAtt JobsQueueDeadLetters.Arn\n            BatchSize: 50\n"
                    "            MaximumBatchingWindowInSeconds: 5") != std::string::npos,
             t.c_str());
    auto slowGrave = exported({{"visibilityTimeoutS", 30}}, "grave", 60);
    QVERIFY(!slowGrave);
    QVERIFY2(slowGrave.status().message().find("shorter than the timeout of 'grave' (60 s)") != std::string::npos,
             slowGrave.status().message().c_str());
}

void TestSamExport::yamlSaysWhatTheJsonSaid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("plain");
    for (const char *plain : {"index.handler", "s3:ObjectCreated:*", "/hello/{name}", "nodejs20.x", "x86_64",
                              "${AWS::StackName}-photos", "GET", "cron(0 2 * * ? *)"})
        QTest::newRow(plain) << QString::fromUtf8(plain) << true;
    for (const char *quoted : {"", "1.0", "2010-09-09", "128", "true", "No", "null", "~", "a: b", "x #y", "-x",
                               "*star", "!Ref x", "{a}", "[a]", "'q'", " lead", "trail ", "0x1F", "1e3", ".5",
                               "line\nbreak", "été", "@at", "%p", "|", ">", "next\u0085line", "line\u2028sep",
                               "para\u2029sep", "del\x7f", "c1\u0080\u009f"})
        QTest::newRow(quoted) << QString::fromUtf8(quoted) << false;
}

void TestSamExport::yamlSaysWhatTheJsonSaid()
{
    QFETCH(QString, text);
    QFETCH(bool, plain);
    QCOMPARE(isPlainYamlScalar(text.toStdString()), plain);
    // Read back by YAML (PyYAML, as SAM reads templates), the value is the same string.
    const Json document = {{"Value", text.toStdString()}, {"Tagged", {{"Fn::Sub", text.toStdString()}}}};
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("t.yaml"));
    stratus::test::writeBytes(path, QByteArray::fromStdString(toCloudFormationYaml(document)));
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, json, yaml\n"
                                 "class L(yaml.SafeLoader): pass\n"
                                 "L.add_multi_constructor('!', lambda l, s, n: {s: l.construct_scalar(n)})\n"
                                 "print(json.dumps(yaml.load(open(sys.argv[1]), Loader=L)))"),
                  path});
    QVERIFY(python.waitForFinished(20000));
    const QByteArray said = python.readAllStandardOutput();
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const Json back = Json::parse(said.toStdString());
    QVERIFY2(back["Value"].is_string() && back["Tagged"]["Sub"].is_string(), said.constData());
    QCOMPARE(QString::fromStdString(back["Value"].get<std::string>()), text);
    QCOMPARE(QString::fromStdString(back["Tagged"]["Sub"].get<std::string>()), text);
}

void TestSamExport::logicalIdsAreUniqueAndAlphanumeric()
{
    QCOMPARE(logicalIdFrom("create-todo"), std::string("CreateTodo"));
    QCOMPARE(logicalIdFrom("GET /todos/{id}"), std::string("GETTodosId"));
    QCOMPARE(logicalIdFrom("3d-render"), std::string("N3dRender"));
    QCOMPARE(logicalIdFrom("été"), std::string("T")); // letters outside ASCII are dropped
    QCOMPARE(logicalIdFrom("---"), std::string("N"));
}

QTEST_GUILESS_MAIN(TestSamExport)
#include "tst_samexport.moc"
