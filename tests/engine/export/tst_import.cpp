// Import of AWS SAM templates and Serverless Framework services
// (engine/export/samimport.h), and the write-back of what was imported
// (origin.h): a hand-written corpus (tests/data/import, its README says what
// each case covers) imported into nodes and exported again byte for byte;
// an edit changes only what it touched, and AWS's SAM translator takes the
// result; Stratus's own bundles survive export → import → export unchanged;
// and hostile input (a YAML bomb, zip-slip, a CodeUri that climbs out, 10 MB
// of noise) gets an error naming the place, with nothing written.

#include "app/clirunner.h"
#include "testutil.h"

#include "engine/export/bundle.h"
#include "engine/export/cfnyaml.h"
#include "engine/export/sam.h"
#include "engine/export/samimport.h"
#include "engine/export/serverless.h"
#include "engine/export/ziparchive.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <functional>
#include <map>

using namespace stratus::engine;
using namespace stratus::engine::exporting;

namespace {

const QString kCorpus = QStringLiteral(STRATUS_TEST_DATA_DIR "/import");

std::string corpusPath(const QString &relative)
{
    return (kCorpus + QLatin1Char('/') + relative).toStdString();
}

/// "function:3 table:1 trigger.http:3": the nodes of the first workflow by kind.
QString kindCounts(const Workspace &ws)
{
    std::map<std::string, int> counts;
    for (const Node &node : ws.workflows.front().nodes())
        ++counts[node.kind];
    QStringList parts;
    for (const auto &[kind, count] : counts)
        parts << QStringLiteral("%1:%2").arg(QString::fromStdString(kind)).arg(count);
    return parts.join(QLatin1Char(' '));
}

/// "from.port>to" for every edge, sorted, by node name.
QStringList edgesOf(const Workflow &w)
{
    QStringList out;
    for (const Edge &e : w.edges())
        out << QString::fromStdString(w.findNode(e.from.node)->name + "." + e.from.port + ">"
                                      + w.findNode(e.to.node)->name);
    out.sort();
    return out;
}

QString message(const Status &s)
{
    return QString::fromStdString(s.message());
}

std::string readFile(const QString &path)
{
    return stratus::test::readBytes(path).toStdString();
}

Workflow &onlyWorkflow(Workspace &ws)
{
    return ws.workflows.front();
}

Node &nodeNamed(Workspace &ws, const std::string &name)
{
    for (const Node &node : onlyWorkflow(ws).nodes())
        if (node.name == name)
            return *onlyWorkflow(ws).findNode(node.id);
    qFatal("no node %s", name.c_str());
}

/// AWS's SAM translator on a template: empty when it takes it, else what it said.
QString samCheck(const Bundle &bundle, const QString &folder)
{
    if (Status s = writeBundle(bundle, folder.toStdString(), false); !s)
        return message(s);
    QProcess check;
    check.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral(STRATUS_SOURCE_DIR "/tests/third_party/sam/check-template.py"),
                 folder + QStringLiteral("/template.yaml")});
    if (!check.waitForFinished(60000))
        qFatal("the SAM check did not finish");
    return check.exitCode() == 0 ? QString()
                                 : QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError());
}

Json treeOf(const std::string &yaml)
{
    auto tree = readCloudFormationYaml(yaml, "template.yaml");
    if (!tree)
        qFatal("the export is not YAML: %s", tree.status().message().c_str());
    return tree.take();
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samCorpusImportsAndWritesBackTheSameFiles_data();
    void samCorpusImportsAndWritesBackTheSameFiles();
    void importedDetails();
    void serverlessCorpus_data();
    void serverlessCorpus();
    void serverlessVariablesThatCannotBeReadAreNamed();
    void anEditChangesOnlyWhatItTouched();
    void newAndDeletedNodesAddAndRemoveResources();
    void deletingWhatIsStillReferredToIsRefused();
    void pathsTheTemplateCannotHoldAreRefusedUnlessFresh();
    void serverlessEditsAreWrittenIntoItsOwnShape();
    void stateMachinesAreReadOntoTheCanvas();
    void anchorsAndFlowStyleSurviveAnEdit();
    void aLongStateMachineIsKeptNotFollowedForever();
    void anEditedStateMachineIsWrittenAnew();
    void importedStateMachinesRunAsTheOriginal();
    void stratusBundlesSurviveExportImportExport_data();
    void stratusBundlesSurviveExportImportExport();
    void theOriginIsStoredAndInTheJsonForm();
    void badInput_data();
    void badInput();
    void resourceVariablesBecomeUses();
    void zipCodeIsReadAndZipSlipRefused();
    void aLinkOutOfTheFolderIsRefused();
    void noiseAndOversizedFilesAreRefused();
    void cliImportsAndLeavesTheTargetAloneOnFailure();
    void trialFindings();
    void serverlessVariablesThatNeverEndAreRefused();
};

void TestImport::samCorpusImportsAndWritesBackTheSameFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kinds");
    QTest::addColumn<int>("warnings");
    QTest::newRow("http-api") << "http-api" << "function:3 table:1 trigger.http:3" << 0;
    QTest::newRow("rest-api") << "rest-api" << "function:3 trigger.http:4" << 0;
    QTest::newRow("queue-worker") << "queue-worker" << "function:2 queue:3 trigger.http:1" << 1;
    QTest::newRow("uploads") << "uploads" << "bucket:1 function:3 trigger.schedule:2" << 1;
    QTest::newRow("streams") << "streams" << "function:2 table:2" << 4;
    QTest::newRow("globals-only") << "globals-only" << "function:3 trigger.http:2 trigger.schedule:1" << 1;
    QTest::newRow("step-functions") << "step-functions" << "choice:1 function:4 trigger.schedule:1" << 2;
}

void TestImport::samCorpusImportsAndWritesBackTheSameFiles()
{
    QFETCH(QString, name);
    QFETCH(QString, kinds);
    QFETCH(int, warnings);
    const QString folder = kCorpus + QStringLiteral("/sam/") + name;
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    QCOMPARE(kindCounts(imported->workspace), kinds);
    QCOMPARE(int(imported->warnings.size()), warnings);
    QVERIFY(validateWorkspace(imported->workspace).empty());

    auto bundle = exportSam(imported->workspace);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    QCOMPARE(bundle->files.at("template.yaml"), readFile(folder + QStringLiteral("/template.yaml")));
    // Every file of code is where the template says, as it was.
    int code = 0;
    for (const auto &[path, bytes] : bundle->files) {
        if (path == "template.yaml" || path == "README.md")
            continue;
        QCOMPARE(bytes, readFile(folder + QLatin1Char('/') + QString::fromStdString(path)));
        ++code;
    }
    QVERIFY(code > 0 || name == QStringLiteral("rest-api"));
    QVERIFY(!bundle->files.contains("STRATUS.md"));
}

void TestImport::importedDetails()
{
    auto imported = importSam(corpusPath(QStringLiteral("sam/queue-worker/template.yaml")),
                              ImportOptions{QStringLiteral("shop").toStdString()});
    QVERIFY2(imported, qPrintable(message(imported.status())));
    Workspace &ws = imported->workspace;
    QCOMPARE(edgesOf(onlyWorkflow(ws)),
             QStringList({"POST /jobs.event>ProducerFunction", "jobs.dead>jobs-dlq", "jobs.out>WorkerFunction"}));
    const Node &queue = nodeNamed(ws, "jobs");
    QCOMPARE(queue.config.value("batchSize", 0), 5);
    QCOMPARE(queue.config.value("batchWindowS", 0), 2);
    QCOMPARE(queue.config.value("maxReceiveCount", 0), 3);
    // An environment value that names a resource is its local URL, name or ARN here.
    const Node &producer = nodeNamed(ws, "ProducerFunction");
    QCOMPARE(producer.config["environment"]["QUEUE_NAME"].get<std::string>(), std::string("jobs"));
    QCOMPARE(producer.config["environment"]["DLQ_URL"].get<std::string>(),
             std::string("https://sqs.us-east-1.amazonaws.com/000000000000/jobs-dlq"));

    auto uploads = importSam(corpusPath(QStringLiteral("sam/uploads/template.yaml")));
    QVERIFY(uploads);
    const Node &bucket = nodeNamed(uploads->workspace, "uploads-uploads");
    QCOMPARE(bucket.config["prefix"].get<std::string>(), std::string("incoming/"));
    QVERIFY(bucket.config["events"] == Json::array({"created", "removed"}));
    bool berlin = false;
    for (const Node &node : onlyWorkflow(uploads->workspace).nodes())
        berlin = berlin || (node.kind == kinds::kScheduleTrigger && node.config.value("timezone", "") == "Europe/Berlin");
    QVERIFY(berlin);

    auto rest = importSam(corpusPath(QStringLiteral("sam/rest-api/template.yaml")));
    QVERIFY(rest);
    for (const Node &node : onlyWorkflow(rest->workspace).nodes())
        if (node.kind == kinds::kHttpTrigger)
            QCOMPARE(node.config.value("payloadFormat", ""), std::string("1.0"));
    // Nodes sit in columns, none on another.
    std::set<std::pair<double, double>> places;
    for (const Node &node : onlyWorkflow(rest->workspace).nodes()) {
        const Position p = onlyWorkflow(rest->workspace).position(node.id);
        QVERIFY(places.insert({p.x, p.y}).second);
    }
}

void TestImport::serverlessCorpus_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kinds");
    QTest::newRow("http") << "http" << "function:4 table:1 trigger.http:4";
    QTest::newRow("queue") << "queue" << "bucket:1 function:4 queue:2 trigger.schedule:2";
    QTest::newRow("unresolved") << "unresolved" << "function:1 trigger.http:1";
}

void TestImport::serverlessCorpus()
{
    QFETCH(QString, name);
    QFETCH(QString, kinds);
    const QString folder = kCorpus + QStringLiteral("/serverless/") + name;
    auto imported = importServerless((folder + QStringLiteral("/serverless.yml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    QCOMPARE(kindCounts(imported->workspace), kinds);
    QVERIFY(validateWorkspace(imported->workspace).empty());
    auto bundle = exportServerless(imported->workspace);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    QCOMPARE(bundle->files.at("serverless.yml"), readFile(folder + QStringLiteral("/serverless.yml")));
    for (const auto &[path, bytes] : bundle->files)
        if (path != "serverless.yml" && path != "README.md")
            QCOMPARE(bytes, readFile(folder + QLatin1Char('/') + QString::fromStdString(path)));
}

void TestImport::serverlessVariablesThatCannotBeReadAreNamed()
{
    auto queue = importServerless(corpusPath(QStringLiteral("serverless/queue/serverless.yml")));
    QVERIFY(queue);
    QCOMPARE(queue->workspace.name, std::string("image-jobs-dev"));
    (void)nodeNamed(queue->workspace, "image-jobs-dev-photos"); // ${self:service}-${sls:stage}-photos
    QCOMPARE(edgesOf(onlyWorkflow(queue->workspace)).filter(QStringLiteral(".dead>")),
             QStringList({"image-jobs-dev-jobs.dead>image-jobs-dev-jobs-dlq"}));

    auto unresolved = importServerless(corpusPath(QStringLiteral("serverless/unresolved/serverless.yml")));
    QVERIFY(unresolved);
    const QString warnings = QString::fromStdString(joined(unresolved->warnings, "\n"));
    QVERIFY2(warnings.contains(QStringLiteral("provider.environment.SECRET: ${env:SECRET}")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("functions.notify.environment.WEBHOOK_URL: ${ssm:/my/param}")),
             qPrintable(warnings));
    QCOMPARE(unresolved->workspace.settings.value("region", ""), std::string("eu-central-1"));
}

void TestImport::anEditChangesOnlyWhatItTouched()
{
    const QString folder = kCorpus + QStringLiteral("/sam/http-api");
    const std::string original = readFile(folder + QStringLiteral("/template.yaml"));
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(imported);
    Workspace ws = imported->workspace;
    nodeNamed(ws, "ListTodosFunction").config["memoryMB"] = 1024;
    nodeNamed(ws, "GET /todos").config["path"] = "/todos/all";
    auto bundle = exportSam(ws);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    const std::string &written = bundle->files.at("template.yaml");

    // The same tree but for the two edits.
    Json expected = treeOf(original);
    Json &list = expected["Resources"]["ListTodosFunction"]["Properties"];
    list["MemorySize"] = 1024;
    QVERIFY(list["Events"].is_object());
    bool pathChanged = false;
    for (auto &[name, event] : list["Events"].items()) {
        if (event["Properties"]["Path"] == "/todos") {
            event["Properties"]["Path"] = "/todos/all";
            pathChanged = true;
        }
    }
    QVERIFY(pathChanged);
    QCOMPARE(QString::fromStdString(treeOf(written).dump(1)), QString::fromStdString(expected.dump(1)));

    // Every line outside the edited resource is still there, comments too.
    auto outline = outlineOf(original);
    QVERIFY(outline);
    for (const YamlBlock &block : outline->resources) {
        if (block.key == "ListTodosFunction")
            continue;
        for (int i = block.first; i < block.end; ++i)
            QVERIFY2(written.find(outline->lines[size_t(i)]) != std::string::npos, outline->lines[size_t(i)].c_str());
    }
    for (const YamlBlock &section : outline->sections)
        if (section.key != "Resources")
            for (int i = section.first; i < section.end; ++i)
                QVERIFY(written.find(outline->lines[size_t(i)]) != std::string::npos);

    QTemporaryDir out;
    const QString said = samCheck(*bundle, out.filePath(QStringLiteral("edited")));
    QVERIFY2(said.isEmpty(), qPrintable(said));
    // The project's README stays as it was; what changed is said beside it.
    QCOMPARE(bundle->files.at("README.md"), readFile(folder + QStringLiteral("/README.md")));
    QVERIFY(bundle->files.at("STRATUS.md").find("- Resources.ListTodosFunction is changed") != std::string::npos);
}

void TestImport::newAndDeletedNodesAddAndRemoveResources()
{
    auto imported = importSam(corpusPath(QStringLiteral("sam/globals-only/template.yaml")));
    QVERIFY(imported);
    Workspace ws = imported->workspace;
    Workflow &w = onlyWorkflow(ws);
    // A new function with its own route, and a queue that feeds it.
    Node stats{NodeId("stats"), std::string(kinds::kFunction), "Stats",
               Json{{"runtime", "nodejs20.x"}, {"handler", "index.handler"},
                    {"files", {{"index.js", "exports.handler = async () => ({ statusCode: 200 });\n"}}}}};
    QVERIFY(w.addNode(stats));
    QVERIFY(w.addNode(Node{NodeId("get-stats"), std::string(kinds::kHttpTrigger), "GET /stats",
                           Json{{"method", "GET"}, {"path", "/stats"}}}));
    QVERIFY(w.addNode(Node{NodeId("jobs"), std::string(kinds::kQueue), "jobs", Json{{"batchSize", 7}}}));
    QVERIFY(w.addEdge(Edge{EdgeId("n1"), {NodeId("get-stats"), "event"}, {NodeId("stats"), "in"}}));
    QVERIFY(w.addEdge(Edge{EdgeId("n2"), {NodeId("jobs"), "out"}, {NodeId("stats"), "in"}}));
    // The heartbeat's schedule goes.
    for (const Node &node : w.nodes())
        if (node.kind == kinds::kScheduleTrigger) {
            const NodeId schedule = node.id; // removeNode() moves the nodes
            QVERIFY(w.removeNode(schedule));
            break;
        }
    auto bundle = exportSam(ws);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    const Json tree = treeOf(bundle->files.at("template.yaml"));
    const Json &resources = tree["Resources"];
    QCOMPARE(resources["Stats"]["Properties"]["CodeUri"].get<std::string>(), std::string("functions/Stats/"));
    // What Globals would give it on AWS, a new function states: its own memory, timeout and architecture.
    QCOMPARE(resources["Stats"]["Properties"]["MemorySize"].get<int>(), 128);
    QVERIFY(resources["Stats"]["Properties"]["Architectures"] == Json::array({"x86_64"}));
    QCOMPARE(resources["Jobs"]["Type"].get<std::string>(), std::string("AWS::SQS::Queue"));
    int httpEvents = 0, sqsEvents = 0;
    for (const auto &[name, event] : resources["Stats"]["Properties"]["Events"].items()) {
        httpEvents += event["Type"] == "HttpApi";
        sqsEvents += event["Type"] == "SQS" && event["Properties"]["BatchSize"] == 7
                     && event["Properties"]["Queue"] == Json{{"Fn::GetAtt", {"Jobs", "Arn"}}};
    }
    QCOMPARE(httpEvents, 1);
    QCOMPARE(sqsEvents, 1);
    QVERIFY(bundle->files.contains("functions/Stats/index.js"));
    for (const auto &[id, resource] : resources.items())
        if (id.starts_with("Heartbeat"))
            QVERIFY2(!memberOf(resource, "Properties").contains("Events"), id.c_str());
    QTemporaryDir out;
    const QString said = samCheck(*bundle, out.filePath(QStringLiteral("b")));
    QVERIFY2(said.isEmpty(), qPrintable(said));
    // With no README of its own, the project gets one that says what changed.
    QVERIFY(bundle->files.at("README.md").find("- Resources.Stats is new") != std::string::npos);
    QVERIFY(!bundle->files.contains("STRATUS.md"));
}

void TestImport::deletingWhatIsStillReferredToIsRefused()
{
    auto imported = importSam(corpusPath(QStringLiteral("sam/http-api/template.yaml")));
    QVERIFY(imported);
    Workspace ws = imported->workspace;
    const NodeId table = nodeNamed(ws, "http-api-todos").id;
    QVERIFY(onlyWorkflow(ws).removeNode(table));
    auto bundle = exportSam(ws);
    QVERIFY(!bundle);
    QVERIFY2(message(bundle.status()).contains(QStringLiteral("refers to TodosTable, whose node was deleted")),
             qPrintable(message(bundle.status())));
}

void TestImport::pathsTheTemplateCannotHoldAreRefusedUnlessFresh()
{
    auto imported = importSam(corpusPath(QStringLiteral("sam/http-api/template.yaml")));
    QVERIFY(imported);
    Workspace ws = imported->workspace;
    Workflow &w = onlyWorkflow(ws);
    QVERIFY(w.addEdge(Edge{EdgeId("chain"), {nodeNamed(ws, "CreateTodoFunction").id, "ok"},
                           {nodeNamed(ws, "ListTodosFunction").id, "in"}}));
    auto bundle = exportSam(ws);
    QVERIFY(!bundle);
    QVERIFY2(message(bundle.status()).contains(QStringLiteral("--fresh")), qPrintable(message(bundle.status())));
    ExportOptions fresh;
    fresh.fresh = true;
    auto own = exportSam(ws, fresh);
    QVERIFY2(own, qPrintable(message(own.status())));
    QVERIFY(own->files.at("template.yaml").find("AWS::Serverless::StateMachine") != std::string::npos);
    // Exported in the other format, an imported workflow is Stratus's own form, and the bundle says so.
    auto serverless = exportServerless(imported->workspace);
    QVERIFY2(serverless, qPrintable(message(serverless.status())));
    QVERIFY(QString::fromStdString(joined(serverless->notes, "\n")).contains(QStringLiteral("was imported from template.yaml")));
}

void TestImport::serverlessEditsAreWrittenIntoItsOwnShape()
{
    const QString path = kCorpus + QStringLiteral("/serverless/http/serverless.yml");
    const std::string original = readFile(path);
    auto imported = importServerless(path.toStdString());
    QVERIFY(imported);
    Workspace ws = imported->workspace;
    Workflow &w = onlyWorkflow(ws);
    nodeNamed(ws, "createTodo").config["memoryMB"] = 1024;
    nodeNamed(ws, "listTodos").config["timeoutS"] = 20; // provider's 10 until now
    nodeNamed(ws, "status").config["environment"]["STATUS_MESSAGE"] = "still good";
    nodeNamed(ws, "GET /todos").config["path"] = "/todos/all";
    nodeNamed(ws, "POST /todos").config["method"] = "PUT";
    const NodeId getRoute = nodeNamed(ws, "GET /todos/{id}").id;
    w.removeNode(getRoute);
    auto bundle = exportServerless(ws);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    const std::string &written = bundle->files.at("serverless.yml");

    Json expected = treeOf(original);
    Json &functions = expected["functions"];
    functions["createTodo"]["memorySize"] = 1024;
    functions["listTodos"]["timeout"] = 20;
    functions["listTodos"]["events"][0]["httpApi"] = "GET /todos/all";
    functions["createTodo"]["events"][0]["httpApi"]["method"] = "PUT";
    functions["getTodo"].erase("events");
    functions["getTodo"]["events"] = Json::array();
    functions["status"]["environment"]["STATUS_MESSAGE"] = "still good";
    Json got = treeOf(written);
    QCOMPARE(QString::fromStdString(got.dump(1)), QString::fromStdString(expected.dump(1)));
    // Lines outside the edited functions stay, comments and variables too.
    for (const char *line : {"# todo-api on the Serverless Framework (v3).", "  tableName: ${self:service}-${sls:stage}-todos",
                             "  memorySize: 256 # MB, for every function unless it says otherwise",
                             "        # Only what the todo handlers call.", "    # One item per todo, keyed by id."})
        QVERIFY2(written.find(line) != std::string::npos, line);
    QVERIFY(QString::fromStdString(joined(bundle->notes, "\n")).contains(QStringLiteral("functions.createTodo is changed")));

    // Imported again, the service is the edited workflow.
    QTemporaryDir dir;
    QVERIFY(writeBundle(*bundle, dir.filePath(QStringLiteral("service")).toStdString(), false));
    auto again = importServerless(dir.filePath(QStringLiteral("service/serverless.yml")).toStdString());
    QVERIFY2(again, qPrintable(message(again.status())));
    QCOMPARE(nodeNamed(again->workspace, "createTodo").config.value("memoryMB", 0), 1024);
    QCOMPARE(nodeNamed(again->workspace, "PUT /todos").kind, std::string(kinds::kHttpTrigger));

    // A deleted resource goes from resources.Resources, unless something still refers to it.
    Workspace without = imported->workspace;
    for (const Node &node : onlyWorkflow(without).nodes())
        if (node.kind == kinds::kTable) {
            const NodeId table = node.id;
            onlyWorkflow(without).removeNode(table);
            break;
        }
    auto refused = exportServerless(without);
    QVERIFY(!refused);
    QVERIFY2(message(refused.status()).contains(QStringLiteral("refers to TodosTable")), qPrintable(message(refused.status())));

    // What serverless.yml cannot take yet is refused, naming it, with the way out.
    Workspace added = imported->workspace;
    Node extra = nodeNamed(added, "status");
    extra.id = NodeId("status-copy");
    extra.name = "statusCopy";
    onlyWorkflow(added).addNode(extra);
    auto newFunction = exportServerless(added);
    QVERIFY(!newFunction);
    QVERIFY2(message(newFunction.status()).contains(QStringLiteral("a new node (StatusCopy) is not written into serverless.yml yet"))
                 && message(newFunction.status()).contains(QStringLiteral("--fresh")),
             qPrintable(message(newFunction.status())));
    ExportOptions fresh;
    fresh.fresh = true;
    QVERIFY(exportServerless(added, fresh));
}

void TestImport::stateMachinesAreReadOntoTheCanvas()
{
    const QString folder = kCorpus + QStringLiteral("/sam/step-functions");
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    Workspace &ws = imported->workspace;
    QCOMPARE(edgesOf(onlyWorkflow(ws)),
             QStringList({"ApproveFunction.ok>NotifyFunction", "Big order?.approve>ApproveFunction",
                          "Big order?.default>RejectFunction", "Nightly.event>ValidateFunction",
                          "ValidateFunction.error>RejectFunction", "ValidateFunction.ok>Big order?"}));
    const Node &choice = nodeNamed(ws, "Big order?");
    QVERIFY(choice.config["rules"] == Json::parse(R"([{"port": "approve",
        "condition": {"variable": "$.total", "numericGreaterThan": 100}}])"));
    QCOMPARE(nodeNamed(ws, "Nightly").config.value("timezone", ""), std::string("Europe/Paris"));
    // The machines the canvas cannot hold are named with the state that stops them.
    const QString warnings = QString::fromStdString(joined(imported->warnings, "\n"));
    QVERIFY2(warnings.contains(QStringLiteral("Resources.BatchStateMachine.Properties.Definition.States.Each order: a "
                                              "Map state is not on the canvas")),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("Resources.RetryStateMachine.Properties.Definition.States.Try: the "
                                              "states loop back here")),
             qPrintable(warnings));

    // An edit to a function of the path changes that function alone; the machine stays as written.
    nodeNamed(ws, "ApproveFunction").config["memoryMB"] = 1024;
    auto bundle = exportSam(ws);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    const std::string original = readFile(folder + QStringLiteral("/template.yaml"));
    Json expected = treeOf(original);
    expected["Resources"]["ApproveFunction"]["Properties"]["MemorySize"] = 1024;
    QCOMPARE(QString::fromStdString(treeOf(bundle->files.at("template.yaml")).dump(1)),
             QString::fromStdString(expected.dump(1)));
    auto outline = outlineOf(original);
    QVERIFY(outline);
    for (const YamlBlock &block : outline->resources)
        if (block.key == "OrderStateMachine")
            for (int i = block.first; i < block.end; ++i)
                QVERIFY2(bundle->files.at("template.yaml").find(outline->lines[size_t(i)]) != std::string::npos,
                         outline->lines[size_t(i)].c_str());
}

void TestImport::anchorsAndFlowStyleSurviveAnEdit()
{
    QTemporaryDir dir;
    // An anchor another block uses: the edited block would lose it, so the export is refused, naming it.
    const QString sam = dir.filePath(QStringLiteral("sam/template.yaml"));
    QDir().mkpath(dir.filePath(QStringLiteral("sam/src")));
    stratus::test::writeBytes(dir.filePath(QStringLiteral("sam/src/index.js")), "exports.handler = async () => 1;\n");
    stratus::test::writeBytes(sam, "Transform: AWS::Serverless-2016-10-31\n"
                                   "Resources:\n"
                                   "  First:\n"
                                   "    Type: AWS::Serverless::Function\n"
                                   "    Properties:\n"
                                   "      Runtime: nodejs20.x\n"
                                   "      Handler: index.handler\n"
                                   "      CodeUri: src/\n"
                                   "      Environment: &env\n"
                                   "        Variables: {LOG_LEVEL: debug}\n"
                                   "  Second:\n"
                                   "    Type: AWS::Serverless::Function\n"
                                   "    Properties:\n"
                                   "      Runtime: nodejs20.x\n"
                                   "      Handler: index.handler\n"
                                   "      CodeUri: src/\n"
                                   "      Environment: *env\n");
    auto imported = importSam(sam.toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    nodeNamed(imported->workspace, "First").config["timeoutS"] = 12;
    auto refused = exportSam(imported->workspace);
    QVERIFY(!refused);
    QVERIFY2(message(refused.status()).contains(QStringLiteral("Resources.First defines the YAML anchor &env")),
             qPrintable(message(refused.status())));
    nodeNamed(imported->workspace, "First").config.erase("timeoutS");
    nodeNamed(imported->workspace, "Second").config["timeoutS"] = 12; // the block that only uses it: fine
    auto second = exportSam(imported->workspace);
    QVERIFY2(second, qPrintable(message(second.status())));
    QVERIFY(treeOf(second->files.at("template.yaml"))["Resources"]["Second"]["Properties"]["Environment"]
            == Json::parse(R"({"Variables": {"LOG_LEVEL": "debug"}})"));

    // Functions in flow style: written anew from the tree, with a note, and read back with the edit.
    const QString service = dir.filePath(QStringLiteral("flow/serverless.yml"));
    QDir().mkpath(dir.filePath(QStringLiteral("flow/src")));
    stratus::test::writeBytes(dir.filePath(QStringLiteral("flow/src/index.js")), "exports.handler = async () => 1;\n");
    stratus::test::writeBytes(service, "service: flow\nprovider: {name: aws, runtime: nodejs20.x}\n"
                                       "functions: {hello: {handler: src/index.handler, events: [{httpApi: 'GET /hi'}]}}\n");
    auto flow = importServerless(service.toStdString());
    QVERIFY2(flow, qPrintable(message(flow.status())));
    QVERIFY2(QString::fromStdString(joined(flow->warnings, "\n"))
                 .contains(QStringLiteral("serverless.yml: functions (written in flow style) cannot be edited in place")),
             qPrintable(QString::fromStdString(joined(flow->warnings, "\n"))));
    // Serverless's defaults, not Lambda's: 1024 MB and 6 s where neither the function nor the provider says.
    QCOMPARE(nodeNamed(flow->workspace, "hello").config.value("memoryMB", 0), 1024);
    QCOMPARE(nodeNamed(flow->workspace, "hello").config.value("timeoutS", 0), 6);
    nodeNamed(flow->workspace, "hello").config["memoryMB"] = 512;
    auto written = exportServerless(flow->workspace);
    QVERIFY2(written, qPrintable(message(written.status())));
    QVERIFY(QString::fromStdString(joined(written->notes, "\n")).contains(QStringLiteral("is written anew, without its comments")));
    QCOMPARE(treeOf(written->files.at("serverless.yml"))["functions"]["hello"]["memorySize"].get<int>(), 512);
    QCOMPARE(treeOf(written->files.at("serverless.yml"))["functions"]["hello"]["handler"].get<std::string>(),
             std::string("src/index.handler"));
    QVERIFY(!treeOf(written->files.at("serverless.yml"))["functions"]["hello"].contains("timeout")); // still the default
}

void TestImport::aLongStateMachineIsKeptNotFollowedForever()
{
    // 30,000 states in a row (about 1 MB, AWS's limit): kept, with the reason, and no stack overflow.
    Json states = Json::object();
    const int count = 30000;
    for (int i = 0; i < count; ++i)
        states["S" + std::to_string(i)] = Json{{"Type", "Pass"}, {"Next", "S" + std::to_string(i + 1)}};
    states["S" + std::to_string(count)] = Json{{"Type", "Task"}, {"Resource", Json{{"Fn::GetAtt", {"F", "Arn"}}}}, {"End", true}};
    const Json document = {
        {"Transform", "AWS::Serverless-2016-10-31"},
        {"Resources",
         {{"F", {{"Type", "AWS::Serverless::Function"},
                 {"Properties", {{"Runtime", "nodejs20.x"}, {"Handler", "index.handler"}, {"InlineCode", "exports.handler = async () => 1;"}}}}},
          {"M", {{"Type", "AWS::Serverless::StateMachine"},
                 {"Properties", {{"Definition", {{"StartAt", "S0"}, {"States", states}}}}}}}}}};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("template.json"));
    stratus::test::writeBytes(path, QByteArray::fromStdString(document.dump()));
    auto imported = importSam(path.toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    const QString warnings = QString::fromStdString(joined(imported->warnings, "\n"));
    QVERIFY2(warnings.contains(QStringLiteral("more than 250 states in a row")), qPrintable(warnings));
    QCOMPARE(kindCounts(imported->workspace), QStringLiteral("function:1"));
}

void TestImport::anEditedStateMachineIsWrittenAnew()
{
    const QString folder = kCorpus + QStringLiteral("/sam/step-functions");
    const std::string original = readFile(folder + QStringLiteral("/template.yaml"));
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(imported);
    const Workspace start = imported->workspace;
    QTemporaryDir dir;
    int round = 0;
    // Each edit: the machine is written anew for the path, every other
    // resource stays as it was, SAM takes the template, and importing it
    // again gives the edited path.
    auto check = [&](const std::function<void(Workspace &)> &edit) -> Json {
        Workspace ws = start;
        edit(ws);
        auto bundle = exportSam(ws);
        if (!bundle)
            qFatal("refused: %s", bundle.status().message().c_str());
        const std::string &written = bundle->files.at("template.yaml");
        Json tree = treeOf(written);
        Json expected = treeOf(original);
        for (const auto &[id, resource] : expected["Resources"].items())
            if (id != "OrderStateMachine" && tree["Resources"][id] != resource)
                qFatal("Resources.%s changed", id.c_str());
        const QString bundleFolder = dir.filePath(QStringLiteral("edit%1").arg(++round));
        const QString said = samCheck(*bundle, bundleFolder);
        if (!said.isEmpty())
            qFatal("SAM: %s", qPrintable(said));
        auto again = importSam((bundleFolder + QStringLiteral("/template.yaml")).toStdString());
        if (!again)
            qFatal("import: %s", again.status().message().c_str());
        // ASL keeps no port names: a rule's port is named after the state it goes to.
        auto path = [](const Workflow &w) {
            QStringList out;
            for (const Edge &e : w.edges()) {
                const Node *from = w.findNode(e.from.node);
                const bool rule = from->kind == kinds::kChoice && e.from.port != "default";
                out << QString::fromStdString(from->name + "." + (rule ? "rule" : e.from.port) + ">"
                                              + w.findNode(e.to.node)->name);
            }
            out.sort();
            return out;
        };
        if (path(onlyWorkflow(again->workspace)) != path(onlyWorkflow(ws)))
            qFatal("edges: %s / %s", qPrintable(path(onlyWorkflow(again->workspace)).join(QLatin1Char(' '))),
                   qPrintable(path(onlyWorkflow(ws)).join(QLatin1Char(' '))));
        return tree["Resources"]["OrderStateMachine"]["Properties"];
    };
    Json machine = check([](Workspace &ws) {
        nodeNamed(ws, "Big order?").config["rules"][0]["condition"]["numericGreaterThan"] = 50;
    });
    QVERIFY(machine["Definition"].dump().find("\"NumericGreaterThan\":50") != std::string::npos);
    QVERIFY(machine["Events"] == treeOf(original)["Resources"]["OrderStateMachine"]["Properties"]["Events"]);
    // Only its schedule changed: the definition stays as written.
    machine = check([](Workspace &ws) { nodeNamed(ws, "Nightly").config["expression"] = "rate(1 hour)"; });
    QCOMPARE(machine["Events"]["Nightly"]["Properties"]["ScheduleExpression"].get<std::string>(), std::string("rate(1 hour)"));
    QVERIFY(machine["Definition"] == treeOf(original)["Resources"]["OrderStateMachine"]["Properties"]["Definition"]);
    machine = check([](Workspace &ws) {
        for (const Edge &e : onlyWorkflow(ws).edges())
            if (e.from.port == "error") {
                const EdgeId gone = e.id;
                onlyWorkflow(ws).removeEdge(gone);
                break;
            }
    });
    QVERIFY(machine["Definition"].dump().find("\"Catch\"") == std::string::npos);
    machine = check([](Workspace &ws) {
        onlyWorkflow(ws).addEdge(Edge{EdgeId("more"), {nodeNamed(ws, "NotifyFunction").id, "ok"},
                                      {nodeNamed(ws, "RejectFunction").id, "in"}});
    });
    // The choice deleted: the path ends at ValidateFunction, and the machine invokes only it.
    machine = check([](Workspace &ws) {
        const NodeId choice = nodeNamed(ws, "Big order?").id;
        onlyWorkflow(ws).removeNode(choice);
        // What the path no longer reaches would be a path from node to node: it goes too.
        for (const char *name : {"RejectFunction", "NotifyFunction"}) {
            const NodeId to = nodeNamed(ws, name).id;
            for (const Edge &e : onlyWorkflow(ws).edges())
                if (e.to.node == to) {
                    const EdgeId gone = e.id;
                    onlyWorkflow(ws).removeEdge(gone);
                    break;
                }
        }
    });
    QCOMPARE(machine["Policies"].size(), size_t(1));
    QVERIFY(machine["DefinitionSubstitutions"] == Json::parse(R"({"ValidateFunctionArn": {"Fn::GetAtt": ["ValidateFunction", "Arn"]}})"));

    // Refused, naming why: a function of the path that AWS would also invoke alone.
    Workspace ws = start;
    Node route;
    route.id = NodeId("route");
    route.kind = kinds::kHttpTrigger;
    route.name = "POST /orders";
    route.config = Json{{"method", "POST"}, {"path", "/orders"}};
    onlyWorkflow(ws).addNode(route);
    onlyWorkflow(ws).addEdge(Edge{EdgeId("r"), {route.id, "event"}, {nodeNamed(ws, "ValidateFunction").id, "in"}});
    auto refused = exportSam(ws);
    QVERIFY(!refused);
    QVERIFY2(message(refused.status()).contains(QStringLiteral("has an event of its own"))
                 && message(refused.status()).contains(QStringLiteral("--fresh")),
             qPrintable(message(refused.status())));
    ExportOptions fresh;
    fresh.fresh = true;
    auto own = exportSam(ws, fresh);
    QVERIFY2(own, qPrintable(message(own.status())));
    QVERIFY(QString::fromStdString(joined(own->notes, "\n")).contains(QStringLiteral("without what only template.yaml held")));
}

void TestImport::importedStateMachinesRunAsTheOriginal()
{
    using stratus::test::runStratus;
    QTemporaryDir dir;
    // A hand-written machine runs its path here: approve and announce a big order.
    const QString orders = dir.filePath(QStringLiteral("orders.stratus"));
    auto run = runStratus({QStringLiteral("import-sam"), kCorpus + QStringLiteral("/sam/step-functions/template.yaml"),
                           orders});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString big = dir.filePath(QStringLiteral("big.json"));
    stratus::test::writeBytes(big, R"({"total": 500})");
    run = runStratus({QStringLiteral("send"), orders, QStringLiteral("--trigger"), QStringLiteral("nightly"),
                      QStringLiteral("--event"), big, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    Json answer = Json::parse(run.out.toStdString());
    QVERIFY2(answer["output"] == Json::parse(R"({"announced": "order of 500 approved"})"), run.out.constData());
    const QString none = dir.filePath(QStringLiteral("none.json"));
    stratus::test::writeBytes(none, "{}");
    run = runStratus({QStringLiteral("send"), orders, QStringLiteral("--trigger"), QStringLiteral("nightly"),
                      QStringLiteral("--event"), none, QStringLiteral("--json")});
    answer = Json::parse(run.out.toStdString());
    QVERIFY2(memberOf(answer["output"], "rejected") == true, run.out.constData()); // the Catch took the error

    // Stratus's own machines come back as the path they were: the same
    // answer, and the same log, for a request through each workspace.
    const QString workspace = dir.filePath(QStringLiteral("api.stratus"));
    run = runStratus({QStringLiteral("import"), QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"), workspace});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString bundle = dir.filePath(QStringLiteral("bundle"));
    run = runStratus({QStringLiteral("export"), workspace, QStringLiteral("--format"), QStringLiteral("sam"),
                      QStringLiteral("-o"), bundle});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString reimported = dir.filePath(QStringLiteral("again.stratus"));
    run = runStratus({QStringLiteral("import-sam"), bundle + QStringLiteral("/template.yaml"), reimported});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("state machine"), run.err.constData());
    const QString request = dir.filePath(QStringLiteral("request.json"));
    stratus::test::writeBytes(request, R"({"method": "POST", "body": {"title": ""}})");
    Json answers[2];
    int i = 0;
    for (const QString &file : {workspace, reimported}) {
        run = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("POST /todos"),
                          QStringLiteral("--event"), request, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const Json sent = Json::parse(run.out.toStdString());
        answers[i++] = Json{{"output", sent["output"]}, {"log", sent["log"]}};
    }
    QVERIFY2(answers[0] == answers[1], qPrintable(QString::fromStdString(answers[0].dump() + "\n" + answers[1].dump())));
    QCOMPARE(answers[0]["output"].value("statusCode", 0), 400);
}

void TestImport::stratusBundlesSurviveExportImportExport_data()
{
    QTest::addColumn<QString>("example");
    for (const QString &file : stratus::test::exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(file).baseName())) << file;
}

void TestImport::stratusBundlesSurviveExportImportExport()
{
    QFETCH(QString, example);
    const Workspace ws = stratus::test::readDocument(readFile(example));
    auto first = exportSam(ws);
    QVERIFY2(first, qPrintable(message(first.status())));
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("bundle"));
    QVERIFY(writeBundle(*first, folder.toStdString(), false));
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    // Its state machines are paths on the canvas again, none kept aside.
    for (const std::string &warning : imported->warnings)
        QVERIFY2(warning.find("state machine") == std::string::npos, warning.c_str());
    // Every choice comes back with the same conditions (ASL keeps no port names).
    auto conditionsOf = [](const Workflow &w) {
        std::map<std::string, Json> out;
        for (const Node &node : w.nodes()) {
            if (node.kind != kinds::kChoice)
                continue;
            Json conditions = Json::array();
            for (const Json &rule : node.config.value("rules", Json::array()))
                conditions.push_back(rule["condition"]);
            out[node.name] = conditions;
        }
        return out;
    };
    QVERIFY(conditionsOf(onlyWorkflow(imported->workspace)) == conditionsOf(ws.workflows.front()));
    QCOMPARE(imported->workspace.testEvents.size(), [&] {
        size_t n = 0;
        for (const auto &[path, bytes] : first->files)
            n += path.starts_with("events/");
        return n;
    }());
    auto second = exportSam(imported->workspace);
    QVERIFY2(second, qPrintable(message(second.status())));
    QCOMPARE(second->files.size(), first->files.size());
    for (const auto &[path, bytes] : first->files) {
        QVERIFY2(second->files.contains(path), path.c_str());
        QVERIFY2(second->files.at(path) == bytes, path.c_str());
    }
}

void TestImport::theOriginIsStoredAndInTheJsonForm()
{
    auto imported = importSam(corpusPath(QStringLiteral("sam/uploads/template.yaml")));
    QVERIFY(imported);
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("w.stratus")).toStdString();
    QVERIFY(WorkspaceStore::writeTo(path, imported->workspace, WorkspaceStore::RunHistory::Clear));
    auto store = WorkspaceStore::open(path, WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    auto loaded = store->load();
    QVERIFY(loaded);
    QVERIFY(!loaded->workflows.front().origin().is_null());
    QVERIFY(loaded->workflows.front().origin() == imported->workspace.workflows.front().origin());
    const std::string json = workspace_json::write(*loaded);
    auto back = workspace_json::read(json);
    QVERIFY(back);
    QVERIFY(back->workspace.workflows.front().origin() == imported->workspace.workflows.front().origin());
    // The exported bundle from the stored workspace is the template itself.
    auto bundle = exportSam(*loaded);
    QVERIFY(bundle);
    QCOMPARE(bundle->files.at("template.yaml"), readFile(kCorpus + QStringLiteral("/sam/uploads/template.yaml")));
}

void TestImport::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("said");
    QTest::newRow("malformed") << "bad/malformed.yaml" << QStringList{"malformed.yaml", "no Resources mapping"};
    QTest::newRow("not a mapping") << "bad/not-a-mapping.yaml" << QStringList{"top level is a list"};
    QTest::newRow("bomb") << "bad/bomb.yaml" << QStringList{"bomb.yaml:", "expands to more than"};
    QTest::newRow("deep") << "bad/deep.yaml" << QStringList{"deep.yaml:", "nested too deeply"};
    QTest::newRow("climbs out") << "bad/climbs-out/template.yaml"
                                << QStringList{"Resources.SneakyFunction.Properties.CodeUri", "outside the template's folder"};
    QTest::newRow("missing code") << "bad/missing-code/template.yaml"
                                  << QStringList{"Resources.LostFunction.Properties.CodeUri", "src/nowhere"};
    QTest::newRow("wrong types") << "bad/wrong-types/template.yaml"
                                 << QStringList{"MemorySize: \"lots\" is not a whole number",
                                                "Timeout: [1] is not a whole number", ".Events: a mapping"};
    QTest::newRow("no such file") << "bad/nothing-here.yaml" << QStringList{"is not a file"};
}

void TestImport::badInput()
{
    QFETCH(QString, file);
    QFETCH(QStringList, said);
    QElapsedTimer clock;
    clock.start();
    auto imported = importSam((kCorpus + QLatin1Char('/') + file).toStdString());
    QVERIFY(!imported);
    for (const QString &part : said)
        QVERIFY2(message(imported.status()).contains(part), qPrintable(message(imported.status())));
    QVERIFY2(clock.elapsed() < 30000, "bad input must not take long to refuse");
}

void TestImport::resourceVariablesBecomeUses()
{
    // A variable named as Stratus names a used resource's, holding that
    // resource, is its `uses`; one named otherwise stays a variable.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("app"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/src")));
    stratus::test::writeBytes(folder + QStringLiteral("/src/index.js"), "exports.handler = async () => 1;\n");
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"),
                              "Transform: AWS::Serverless-2016-10-31\n"
                              "Resources:\n"
                              "  Todos:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: todos\n"
                              "      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"
                              "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n"
                              "      BillingMode: PAY_PER_REQUEST\n"
                              "  Reader:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                              "      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: src/\n"
                              "      Environment:\n        Variables:\n"
                              "          TODOS_TABLE_NAME: !Ref Todos\n          TABLE: !Ref Todos\n"
                              "      Policies:\n        - DynamoDBReadPolicy:\n            TableName: !Ref Todos\n");
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    const Node &reader = nodeNamed(imported->workspace, "Reader");
    QVERIFY2(reader.config.value("uses", Json()) == Json::array({"todos"}), reader.config.dump().c_str());
    QVERIFY(reader.config["environment"] == Json({{"TABLE", "todos"}}));
    QVERIFY(validateWorkspace(imported->workspace).empty());
    // Unedited, the template is written back as it was.
    auto bundle = exportSam(imported->workspace);
    QVERIFY2(bundle, qPrintable(message(bundle.status())));
    QCOMPARE(QByteArray::fromStdString(bundle->files.at("template.yaml")),
             stratus::test::readBytes(folder + QStringLiteral("/template.yaml")));
}

void TestImport::zipCodeIsReadAndZipSlipRefused()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("zipped"));
    QVERIFY(QDir().mkpath(folder));
    const char *kTemplate = "Transform: AWS::Serverless-2016-10-31\n"
                            "Resources:\n"
                            "  Hello:\n"
                            "    Type: AWS::Serverless::Function\n"
                            "    Properties:\n"
                            "      Runtime: nodejs20.x\n"
                            "      Handler: index.handler\n"
                            "      CodeUri: build/hello.zip # built by the CI\n";
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"), kTemplate);
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/build")));
    const std::map<std::string, std::string> code = {{"index.js", "exports.handler = async () => 'hi';\n"}};
    auto zip = reproducibleZip(code);
    QVERIFY(zip);
    stratus::test::writeBytes(folder + QStringLiteral("/build/hello.zip"), QByteArray::fromStdString(*zip));
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    QCOMPARE(nodeNamed(imported->workspace, "Hello").config["files"]["index.js"].get<std::string>(), code.at("index.js"));
    auto bundle = exportSam(imported->workspace);
    QVERIFY(bundle);
    QCOMPARE(bundle->files.at("build/hello.zip"), *zip); // written back as the same zip

    auto slip = reproducibleZip({{"../../escaped.js", "boom"}, {"index.js", "exports.handler = 1;\n"}});
    QVERIFY(slip);
    stratus::test::writeBytes(folder + QStringLiteral("/build/hello.zip"), QByteArray::fromStdString(*slip));
    auto refused = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(!refused);
    QVERIFY2(message(refused.status()).contains(QStringLiteral("'../../escaped.js' would be unpacked outside its folder (zip-slip)")),
             qPrintable(message(refused.status())));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("escaped.js"))));
}

void TestImport::aLinkOutOfTheFolderIsRefused()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("linked"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/src")));
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"),
                              "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                              "      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n");
    stratus::test::writeBytes(folder + QStringLiteral("/src/app.py"), "def handler(e, c):\n    return 1\n");
    QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), folder + QStringLiteral("/src/secret.txt")));
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(!imported);
    QVERIFY2(message(imported.status()).contains(QStringLiteral("secret.txt links outside the template's folder")),
             qPrintable(message(imported.status())));
}

void TestImport::noiseAndOversizedFilesAreRefused()
{
    QTemporaryDir dir;
    // 10 MB of noise that looks like YAML: keys, lists, anchors, tags, quotes at random depths.
    static const char *const kPieces[] = {"key: ", "- ", "&a ", "*a ", "!Ref ", "\"", "'", "{", "}", "[", "]",
                                          ", ", "Resources:", "? ", "|", ">", "#", "\t", "value"};
    QByteArray noise("Resources:\n");
    noise.reserve(10 << 20);
    QRandomGenerator random(12345);
    while (noise.size() < (10 << 20)) {
        noise.append(QByteArray(random.bounded(12), ' '));
        for (int i = random.bounded(6); i >= 0; --i)
            noise.append(kPieces[random.bounded(int(std::size(kPieces)))]);
        noise.append('\n');
    }
    const QString noisy = dir.filePath(QStringLiteral("noise.yaml"));
    stratus::test::writeBytes(noisy, noise);
    QElapsedTimer clock;
    clock.start();
    auto imported = importSam(noisy.toStdString());
    QVERIFY(!imported);
    QVERIFY2(message(imported.status()).startsWith(QStringLiteral("noise.yaml")), qPrintable(message(imported.status())));
    qInfo("10 MB of noise refused in %lld ms: %s", clock.elapsed(), qPrintable(message(imported.status()).left(120)));

    const QString huge = dir.filePath(QStringLiteral("huge.yaml"));
    stratus::test::writeBytes(huge, QByteArray(int(kMaxTemplateBytes) + 1, '#'));
    auto tooBig = importSam(huge.toStdString());
    QVERIFY(!tooBig);
    QVERIFY2(message(tooBig.status()).contains(QStringLiteral("at most 16 MB")), qPrintable(message(tooBig.status())));

    const QString binary = dir.filePath(QStringLiteral("binary.yaml"));
    stratus::test::writeBytes(binary, QByteArray("Resources: \xff\xfe\n", 15));
    auto notText = importSam(binary.toStdString());
    QVERIFY(!notText);
    QVERIFY(message(notText.status()).contains(QStringLiteral("not UTF-8")));
}

void TestImport::cliImportsAndLeavesTheTargetAloneOnFailure()
{
    using stratus::test::runStratus;
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("app.stratus"));
    auto run = runStratus({QStringLiteral("import-sam"), kCorpus + QStringLiteral("/sam/streams/template.yaml"), target,
                           QStringLiteral("--stack-name"), QStringLiteral("orders")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("warning: template.yaml: Resources.FulfilmentStateMachine.Properties.Definition.States."
                              "WaitForWarehouse: a Wait state is not on the canvas (Task, Choice, Parallel, Pass and "
                              "Succeed are); the state machine is kept as written and is not on the canvas\n"),
             run.err.constData());
    QVERIFY2(run.err.contains("2 functions, 2 tables (stack name orders; 4 warnings)"), run.err.constData());
    const QByteArray before = stratus::test::fileHash(target);

    // A bad template, even with --force, leaves the workspace as it was.
    run = runStratus({QStringLiteral("import-sam"), kCorpus + QStringLiteral("/bad/bomb.yaml"), target,
                      QStringLiteral("--force")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("is unchanged"), run.err.constData());
    QCOMPARE(stratus::test::fileHash(target), before);
    // Without --force an existing workspace is not replaced.
    run = runStratus({QStringLiteral("import-serverless"), kCorpus + QStringLiteral("/serverless/http/serverless.yml"),
                      target});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(stratus::test::fileHash(target), before);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("nothing.stratus"))));

    // Exported by the CLI, the workspace gives the template back.
    const QString out = dir.filePath(QStringLiteral("bundle"));
    run = runStratus({QStringLiteral("export"), target, QStringLiteral("--format"), QStringLiteral("sam"),
                      QStringLiteral("-o"), out});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(stratus::test::readBytes(out + QStringLiteral("/template.yaml")),
             stratus::test::readBytes(kCorpus + QStringLiteral("/sam/streams/template.yaml")));
}

// What a new user's trial found: each case as it was tried.
void TestImport::trialFindings()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("app"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/src")));
    stratus::test::writeBytes(folder + QStringLiteral("/src/index.js"), "exports.handler = async () => 1;\n");
    stratus::test::writeBytes(folder + QStringLiteral("/src/logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0", 10));
    const QByteArray crlf =
        "Transform: AWS::Serverless-2016-10-31\r\n"
        "Globals:\r\n  Function:\r\n    Environment:\r\n      Variables:\r\n        LOG_LEVEL: info\r\n"
        "Conditions:\r\n  IsProd: !Equals [!Ref AWS::StackName, prod]\r\n"
        "Resources:\r\n"
        "  Media: # one bucket, two functions with other filters\r\n"
        "    Type: AWS::S3::Bucket\r\n"
        "  Png:\r\n    Type: AWS::Serverless::Function\r\n    Properties:\r\n"
        "      Runtime: nodejs20.x\r\n      Handler: index.handler\r\n      CodeUri: src/\r\n"
        "      MemorySize: !If [IsProd, 1024, 512]\r\n      Timeout: \"30\"\r\n"
        "      Events:\r\n        Raw:\r\n          Type: S3\r\n          Properties:\r\n"
        "            Bucket: !Ref Media\r\n            Events: s3:ObjectCreated:*\r\n"
        "            Filter: {S3Key: {Rules: [{Name: prefix, Value: raw/}]}}\r\n"
        "  Cleanup:\r\n    Type: AWS::Serverless::Function\r\n    Properties:\r\n"
        "      Runtime: nodejs20.x\r\n      Handler: index.handler\r\n      CodeUri: src/\r\n"
        "      Events:\r\n        Gone:\r\n          Type: S3\r\n          Properties:\r\n"
        "            Bucket: !Ref Media\r\n            Events: s3:ObjectRemoved:*\r\n";
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"), crlf);
    auto imported = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY2(imported, qPrintable(message(imported.status())));
    const QString warnings = QString::fromStdString(joined(imported->warnings, "\n"));
    // Two functions on one bucket with other filters: the second is kept as written, said.
    QVERIFY2(warnings.contains(QStringLiteral("Media already feeds another function with other settings")), qPrintable(warnings));
    QCOMPARE(edgesOf(onlyWorkflow(imported->workspace)).filter(QStringLiteral("app-media.out>")).size(), 1); // named as CloudFormation would
    // "30" is 30, as CloudFormation reads it; !If is said and left alone.
    QCOMPARE(nodeNamed(imported->workspace, "Png").config.value("timeoutS", 0), 30);
    QVERIFY(warnings.contains(QStringLiteral("Resources.Png.Properties.MemorySize: {\"Fn::If\"")));
    // A file that is not text is kept, and written back.
    QVERIFY(warnings.contains(QStringLiteral("logo.png is not text")));
    auto same = exportSam(imported->workspace);
    QVERIFY(same);
    QCOMPARE(same->files.at("template.yaml"), crlf.toStdString());
    QCOMPARE(same->files.at("src/logo.png"), std::string("\x89PNG\r\n\x1a\n\0\0", 10));

    // Renamed, and a Globals variable taken away: the name is written, the variable is said.
    Workspace ws = imported->workspace;
    Node &png = nodeNamed(ws, "Png");
    png.name = "PngThumbnailer";
    png.config["environment"].erase("LOG_LEVEL");
    auto edited = exportSam(ws);
    QVERIFY2(edited, qPrintable(message(edited.status())));
    const std::string &text = edited->files.at("template.yaml");
    QVERIFY(text.find("FunctionName: PngThumbnailer\r\n") != std::string::npos); // the file's CRLF kept
    QVERIFY(text.find("\n") == text.find("\r\n") + 1);
    QVERIFY(text.find("!If") != std::string::npos);
    QVERIFY2(QString::fromStdString(joined(edited->notes, "\n")).contains(QStringLiteral("LOG_LEVEL comes from Globals")),
             qPrintable(QString::fromStdString(joined(edited->notes, "\n"))));

    // A key given twice, and a place named in the template's terms when the workspace would not run.
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"),
                              "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                              "      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: src/\n"
                              "      MemorySize: 256\n      MemorySize: 512\n");
    auto twice = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(!twice);
    QVERIFY2(message(twice.status()).contains(QStringLiteral("template.yaml:9:7: MemorySize is given twice")),
             qPrintable(message(twice.status())));
    stratus::test::writeBytes(folder + QStringLiteral("/template.yaml"),
                              "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                              "      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: src/\n"
                              "      Events:\n        Get:\n          Type: HttpApi\n"
                              "          Properties: {Path: /x, Method: BOGUS}\n");
    auto invalid = importSam((folder + QStringLiteral("/template.yaml")).toStdString());
    QVERIFY(!invalid);
    QVERIFY2(message(invalid.status()).contains(QStringLiteral("Resources.F.Properties.Events.Get: ")),
             qPrintable(message(invalid.status())));
}

void TestImport::serverlessVariablesThatNeverEndAreRefused()
{
    QTemporaryDir dir;
    const QString loop = dir.filePath(QStringLiteral("loop.yml"));
    stratus::test::writeBytes(loop, "service: ${self:service}\nprovider: {name: aws, runtime: nodejs20.x}\n"
                                    "custom: {a: '${self:custom.b}', b: '${self:custom.a}'}\n");
    auto looped = importServerless(loop.toStdString());
    QVERIFY(!looped);
    QVERIFY2(message(looped.status()).contains(QStringLiteral("refers to itself")), qPrintable(message(looped.status())));

    QByteArray bomb = "service: bomb\nprovider: {name: aws, runtime: nodejs20.x}\ncustom:\n  a0: "
                      + QByteArray(100, 'x') + "\n";
    for (int level = 1; level <= 8; ++level) {
        bomb += "  a" + QByteArray::number(level) + ": '";
        for (int copy = 0; copy < 10; ++copy)
            bomb += "${self:custom.a" + QByteArray::number(level - 1) + "}";
        bomb += "'\n";
    }
    bomb += "functions:\n  f:\n    handler: index.handler\n    environment: {BIG: '${self:custom.a8}'}\n";
    const QString expanding = dir.filePath(QStringLiteral("serverless.yml"));
    stratus::test::writeBytes(expanding, bomb);
    QElapsedTimer clock;
    clock.start();
    auto expanded = importServerless(expanding.toStdString());
    QVERIFY(!expanded);
    QVERIFY2(message(expanded.status()).contains(QStringLiteral("expand past 1 MB")), qPrintable(message(expanded.status())));
    QVERIFY(clock.elapsed() < 20000);
}

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
