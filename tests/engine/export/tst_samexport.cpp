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
    const QString out = dir.filePath(QStringLiteral("bundle"));
    QVERIFY(writeBundle(*bundle, out.toStdString(), false));

    // AWS's own translator takes it.
    const auto [exitCode, said] = samCheck(out + QStringLiteral("/template.yaml"));
    QVERIFY2(exitCode == 0, qPrintable(said));

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
        QVERIFY2(bytes.find(STRATUS_SOURCE_DIR) == std::string::npos && bytes.find(getenv("HOME")) == std::string::npos,
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
    QCOMPARE(std::count(message.begin(), message.end(), '\n'), 3L);
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

void TestSamExport::yamlSaysWhatTheJsonSaid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("plain");
    for (const char *plain : {"index.handler", "s3:ObjectCreated:*", "/hello/{name}", "nodejs20.x", "x86_64",
                              "${AWS::StackName}-photos", "GET", "cron(0 2 * * ? *)"})
        QTest::newRow(plain) << QString::fromUtf8(plain) << true;
    for (const char *quoted : {"", "1.0", "2010-09-09", "128", "true", "No", "null", "~", "a: b", "x #y", "-x",
                               "*star", "!Ref x", "{a}", "[a]", "'q'", " lead", "trail ", "0x1F", "1e3", ".5",
                               "line\nbreak", "été", "@at", "%p", "|", ">"})
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
