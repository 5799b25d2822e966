// The AWS SAM export: what each node becomes, checked by AWS's own SAM
// translator (tests/third_party/sam), golden bundles, refusals, and the
// rule that a bundle is written whole or not at all. State machines are
// checked for ASL's rules (and by npm's asl-validator where setup-deps could
// install it), and an exported HTTP path is run by aslrun.mjs (the bundle's
// own front and writer functions, its state machine interpreted, its
// functions through `stratus invoke`) to answer as `stratus send` does.
//
// STRATUS_UPDATE_GOLDEN=1 rewrites the golden files from what the export gives.

#include "app/clirunner.h"
#include "testutil.h"

#include "engine/export/bundle.h"
#include "engine/export/sam.h"
#include "engine/export/serverless.h"
#include "engine/export/yaml.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"
#include "engine/model/text.h"
#include "engine/triggers/httpapi.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTcpServer>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <functional>
#include <fstream>
#include <set>

#define QCOMPARE_STR(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

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

/// `workspace` exported into `out`, which AWS's SAM translator takes: the bundle, or what went wrong.
Result<Bundle> exportedAndChecked(const Workspace &workspace, const QString &out)
{
    auto bundle = exportSam(workspace);
    if (!bundle)
        return bundle;
    if (const QString problem = writtenAndChecked(*bundle, out); !problem.isEmpty())
        return Status::invalidArgument(problem.toStdString());
    return bundle;
}

/// The bundle's template and README are the golden ones in `folder` (rewritten with STRATUS_UPDATE_GOLDEN=1).
void compareWithGolden(const Bundle &bundle, const QString &folder,
                       const std::vector<const char *> &names = {"template.yaml", "README.md"})
{
    for (const char *name : names) {
        const QString golden = folder + QLatin1Char('/') + QLatin1String(name);
        if (qEnvironmentVariableIsSet("STRATUS_UPDATE_GOLDEN"))
            stratus::test::writeBytes(golden, QByteArray::fromStdString(bundle.files.at(name)));
        QFile file(golden);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(golden));
        QCOMPARE(QString::fromStdString(bundle.files.at(name)), QString::fromUtf8(file.readAll()));
    }
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

/// The template of a written bundle as JSON (long-form intrinsics), read by PyYAML.
Json templateJson(const QString &bundleDir)
{
    QProcess read;
    read.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(STRATUS_SOURCE_DIR "/tests/engine/export/template_json.py"),
                                                    bundleDir + QStringLiteral("/template.yaml")});
    if (!read.waitForFinished(60000) || read.exitCode() != 0)
        qFatal("cannot read the template: %s", read.readAllStandardError().constData());
    return Json::parse(read.readAllStandardOutput().toStdString());
}

/// What breaks ASL's rules in one state machine (or branch): every Next,
/// Default and Catch names a state of the same scope, every state is
/// reachable from StartAt, each ends or goes on (not both), names fit 80
/// characters. Each problem names its state.
void aslProblems(const Json &machine, const std::string &where, QStringList &problems,
                 std::set<std::string> &namesInMachine)
{
    const auto problem = [&](const std::string &text) { problems << QString::fromStdString(where + ": " + text); };
    const Json &states = machine.value("States", Json::object());
    if (!machine.contains("StartAt") || !states.contains(machine["StartAt"].get<std::string>()))
        return problem("StartAt names no state");
    std::set<std::string> reached;
    std::vector<std::string> pending{machine["StartAt"].get<std::string>()};
    const auto goTo = [&](const Json &name, const std::string &from) {
        if (!name.is_string() || !states.contains(name.get<std::string>()))
            problem("state " + from + " goes to " + name.dump() + ", which is not a state here");
        else
            pending.push_back(name.get<std::string>());
    };
    while (!pending.empty()) {
        const std::string name = pending.back();
        pending.pop_back();
        if (!reached.insert(name).second)
            continue;
        const Json &state = states[name];
        if (name.size() > 80)
            problem("state name longer than 80 characters: " + name);
        const std::string type = state.value("Type", std::string());
        if (type == "Choice") {
            if (state.contains("End") || state.contains("Next") || state.value("Choices", Json::array()).empty())
                problem("choice " + name + " must have Choices and no Next or End");
            for (const Json &rule : state.value("Choices", Json::array()))
                goTo(rule.value("Next", Json()), name);
            if (state.contains("Default"))
                goTo(state["Default"], name);
        } else if (type == "Fail") {
            if (state.contains("Next") || state.contains("End"))
                problem("fail " + name + " has Next or End");
        } else if (type == "Pass" || type == "Task" || type == "Parallel") {
            if (state.contains("Next") == state.value("End", false))
                problem("state " + name + " must have exactly one of Next and End");
            if (state.contains("Next"))
                goTo(state["Next"], name);
            for (const Json &c : state.value("Catch", Json::array()))
                goTo(c.value("Next", Json()), name);
            for (const Json &r : state.value("Retry", Json::array())) {
                if (!r.value("ErrorEquals", Json::array()).size() || r.value("MaxAttempts", 0) < 1)
                    problem("state " + name + " has a malformed Retry");
            }
            size_t branch = 0;
            for (const Json &b : state.value("Branches", Json::array()))
                aslProblems(b, where + "/" + name + "[" + std::to_string(branch++) + "]", problems, namesInMachine);
        } else {
            problem("state " + name + " has an unknown type " + quote(type));
        }
    }
    for (const auto &[name, _] : states.items()) {
        if (!reached.contains(name))
            problem("state " + name + " cannot be reached");
        // Names are unique in the whole machine, branches included.
        if (!namesInMachine.insert(name).second)
            problem("state name " + name + " is used twice in the machine");
    }
}

/// An npm tool installer/setup-deps.sh installs when npm's registry answers
/// (asl-validator, serverless), or STRATUS_NPM_TOOLS's node_modules: its path, or none.
QString npmTool(const char *name)
{
    QString modules = qEnvironmentVariable("STRATUS_NPM_TOOLS");
    if (modules.isEmpty())
        modules = QStringLiteral("/usr/local/lib/stratus-tools/node_modules");
    const QString tool = modules + QStringLiteral("/.bin/") + QLatin1String(name);
    return QFileInfo(tool).isExecutable() ? tool : QString();
}

QString aslValidator()
{
    return npmTool("asl-validator");
}

} // namespace

class TestSamExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEventSourceIsWhatSamAccepts();
    void everyExampleIsAValidBundle_data();
    void everyExampleIsAValidBundle();
    void anExportedHttpPathAnswersAsStratusSendDoes_data();
    void anExportedHttpPathAnswersAsStratusSendDoes();
    void theGeneratedFunctionsKeepTheWorkspaceRules();
    void everyExampleIsAServerlessServiceThatPackages_data();
    void everyExampleIsAServerlessServiceThatPackages();
    void serverlessSaysWhatV3ReadsDifferently();
    void aServerlessRouteAnswersUnderServerlessOfflineAsHere();
    void machinesKeepWhatTheRunnerDoesAroundThem();
    void onlyTheWorkflowAskedForIsExported();
    void validationErrorsAreRefused();
    void awsLimitsAreRefusedBeforeDeploying();
    void aBundleIsWrittenWholeOrNotAtAll();
    void replacingABundleKeepsTheUsersFiles();
    void namesSamMakesOrFileSystemsFoldNeverClash();
    void deadLettersGoWhereTheGraphSays();
    void yamlSaysWhatTheJsonSaid_data();
    void yamlSaysWhatTheJsonSaid();
    void logicalIdsAreUniqueAndAlphanumeric();
    void zippedCodeIsTheSameBytesEveryTime();
};

void TestSamExport::everyEventSourceIsWhatSamAccepts()
{
    const Workspace ws = workspaceFrom(kGoldenDir + QStringLiteral("/shapes/workspace.json"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    // AWS's own translator takes it.
    auto bundle = exportedAndChecked(ws, out);
    QVERIFY2(bundle, bundle.status().message().c_str());

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
    compareWithGolden(*bundle, kGoldenDir + QStringLiteral("/shapes"));
    if (QTest::currentTestFailed())
        return;
    // Nothing of this machine: no absolute path, no settings.
    for (const auto &[path, bytes] : bundle->files)
        QVERIFY2(bytes.find(STRATUS_SOURCE_DIR) == std::string::npos
                     && bytes.find(QDir::homePath().toStdString() + "/") == std::string::npos,
                 path.c_str());
}

void TestSamExport::everyExampleIsAValidBundle_data()
{
    QTest::addColumn<QString>("example");
    for (const char *name : {"http-api", "queue-between-functions", "scheduled-job", "upload-processing"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestSamExport::everyExampleIsAValidBundle()
{
    QFETCH(QString, example);
    const Workspace ws = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/") + example + QStringLiteral(".json"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    auto bundle = exportedAndChecked(ws, out);
    QVERIFY2(bundle, bundle.status().message().c_str());
    compareWithGolden(*bundle, kGoldenDir + QStringLiteral("/examples/") + example);
    if (QTest::currentTestFailed())
        return;

    // Every state machine keeps ASL's rules.
    const Json document = templateJson(out);
    QStringList problems;
    int machines = 0;
    for (const auto &[id, resource] : document["Resources"].items()) {
        if (resource["Type"] != "AWS::Serverless::StateMachine")
            continue;
        ++machines;
        const Json &properties = resource["Properties"];
        QCOMPARE(properties.value("Type", std::string()), std::string("EXPRESS"));
        std::set<std::string> names;
        aslProblems(properties["Definition"], id, problems, names);
        // Every ${VARIABLE} of the definition is substituted.
        const std::string text = properties["Definition"].dump();
        for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 1)) {
            const std::string variable = text.substr(at + 2, text.find('}', at) - at - 2);
            if (!properties.value("DefinitionSubstitutions", Json::object()).contains(variable))
                problems << QString::fromStdString(id + ": ${" + variable + "} is not substituted");
        }
        const QString validator = aslValidator();
        if (validator.isEmpty())
            continue;
        QProcess check;
        check.start(validator, {QStringLiteral("--no-arn-check"), QStringLiteral("--json-definition"),
                                QString::fromStdString(properties["Definition"].dump())});
        QVERIFY(check.waitForFinished(60000));
        if (check.exitCode() != 0)
            problems << QString::fromStdString(id) + QStringLiteral(": ")
                            + QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError());
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY2(machines > 0, "every example has a path that goes on from node to node");
    // CI's machine ran installer/setup-deps.sh, which installs it.
    QVERIFY2(!aslValidator().isEmpty() || !qEnvironmentVariableIsSet("CI"),
             "asl-validator is missing in CI: installer/setup-deps.sh could not install it");
    if (aslValidator().isEmpty())
        qInfo("asl-validator is not installed (installer/setup-deps.sh installs it when npm's registry is reachable): "
              "the definitions were checked by this test's own rules only");
}

void TestSamExport::anExportedHttpPathAnswersAsStratusSendDoes_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("body");
    const QString things = QStringLiteral("POST /things");
    QTest::newRow("a value written into a table") << things << QStringLiteral(R"({"id":"a1","x":1})");
    QTest::newRow("a proxy answer, written too") << things << QStringLiteral(R"({"id":"p","statusCode":201,"body":"made"})");
    QTest::newRow("a write the table refuses") << things << QStringLiteral(R"({"x":1})");
    QTest::newRow("a caught error with only a log after it") << things << QStringLiteral(R"({"fail":true})");
    QTest::newRow("a fan-out to a function and a log") << things << QStringLiteral(R"({"fan":true,"n":2})");
    QTest::newRow("a choice port with no edge") << things << QStringLiteral(R"({"quiet":true})");
    QTest::newRow("a caught error handled by a function") << things << QStringLiteral(R"({"recover":true})");
    QTest::newRow("an uncaught error after its retry") << things << QStringLiteral(R"({"uncaught":true})");
    QTest::newRow("no rule and no default") << things << QStringLiteral(R"({"n":101})");
    QTest::newRow("a comparison on a missing variable") << things << QStringLiteral(R"({"id":"m","uncaught":false})");
    // COUNTER: a file of the test's own, where the flaky functions count their attempts.
    QTest::newRow("retried after another node") << QStringLiteral("POST /retry") << QStringLiteral(R"({"counter":"COUNTER"})");
    QTest::newRow("not retried as the request's function") << QStringLiteral("POST /first")
                                                           << QStringLiteral(R"({"counter":"COUNTER"})");
    QTest::newRow("a request to a function and a log") << QStringLiteral("POST /both") << QStringLiteral(R"({"b":1})");
}

void TestSamExport::anExportedHttpPathAnswersAsStratusSendDoes()
{
    QFETCH(QString, route);
    QFETCH(QString, body);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = kGoldenDir + QStringLiteral("/paths/workspace.json");
    const QString file = dir.filePath(QStringLiteral("paths.stratus"));
    const auto imported = stratus::test::runStratus({QStringLiteral("import"), source, file});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    auto bundle = exportSam(workspaceFrom(source));
    QVERIFY2(bundle, bundle.status().message().c_str());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    QVERIFY(writeBundle(*bundle, out.toStdString(), false));
    const QString templateFile = dir.filePath(QStringLiteral("template.json"));
    const Json document = templateJson(out);
    stratus::test::writeBytes(templateFile, QByteArray::fromStdString(document.dump()));
    // The route's front function: the one whose HttpApi event has the route's path.
    std::string front;
    for (const auto &[id, resource] : document["Resources"].items()) {
        const Json events = resource.value("Properties", Json::object()).value("Events", Json::object());
        for (const auto &[name, event] : events.items()) {
            if (event["Type"] == "HttpApi" && route.endsWith(QString::fromStdString(event["Properties"]["Path"])))
                front = id;
        }
    }
    QVERIFY2(QString::fromStdString(front).endsWith(QStringLiteral("FrontFunction")), front.c_str());

    // Here: the run and its HTTP answer.
    const QString request = dir.filePath(QStringLiteral("request.json"));
    QString localBody = body;
    localBody.replace(QStringLiteral("COUNTER"), dir.filePath(QStringLiteral("attempts-here")));
    stratus::test::writeBytes(request, QByteArray::fromStdString(Json{{"body", localBody.toStdString()}}.dump()));
    const auto sent = stratus::test::runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), route,
                                                 QStringLiteral("--event"), request, QStringLiteral("--json")});
    const Json local = Json::parse(sent.out.toStdString());
    const Json &triggerOutput = local["path"][0]["output"];
    Json event = triggerOutput.is_string() ? Json::parse(triggerOutput.get<std::string>()) : triggerOutput;
    // The same request there, counting its attempts afresh.
    QString exportedBody = body;
    exportedBody.replace(QStringLiteral("COUNTER"), dir.filePath(QStringLiteral("attempts-there")));
    event["body"] = exportedBody.toStdString();
    const QString eventFile = dir.filePath(QStringLiteral("event.json"));
    stratus::test::writeBytes(eventFile, QByteArray::fromStdString(event.dump()));

    // After export: the same event through the bundle's front function and state machine.
    QProcess aws;
    aws.start(QStringLiteral("node"), {QStringLiteral(STRATUS_SOURCE_DIR "/tests/engine/export/aslrun.mjs"), templateFile,
                                       out, QString::fromStdString(front), eventFile,
                                       QStringLiteral(STRATUS_CLI_PATH)});
    QVERIFY(aws.waitForFinished(120000));
    const QByteArray said = aws.readAllStandardOutput();
    QVERIFY2(aws.exitCode() == 0, aws.readAllStandardError().constData());
    const Json exported = Json::parse(said.toStdString());
    // API Gateway: a function error is a 502, a result becomes the response by payload 2.0's rules.
    http::Response answer;
    if (exported.contains("threw")) {
        answer = http::errorResponse(502);
    } else {
        auto response = http::responseFromResultV2(exported["returned"].dump());
        QVERIFY2(response, response.status().message().c_str());
        answer = *response;
    }
    Json headers = Json::object();
    for (const auto &[name, value] : answer.headers)
        headers[name] = value;
    QCOMPARE_STR(Json({{"statusCode", answer.status}, {"headers", headers}, {"body", answer.body}}).dump(),
                 local["http"].dump());

    // The same writes: the table step here, the writer's put there.
    Json writtenHere = Json::array();
    for (const Json &step : local["path"]) {
        if (step["node"] == "items" && step["status"] == "ok")
            writtenHere.push_back(step["input"].is_string() ? Json::parse(step["input"].get<std::string>()) : step["input"]);
    }
    Json writtenThere = Json::array();
    for (const Json &write : exported["writes"])
        writtenThere.push_back(write["putItem"]["Item"]);
    QCOMPARE_STR(writtenThere.dump(), writtenHere.dump());
}

void TestSamExport::theGeneratedFunctionsKeepTheWorkspaceRules()
{
    // The front (batch results, answers, failures) and the writer (each kind's write), by generated.test.mjs.
    auto bundle = exportSam(workspaceFrom(kGoldenDir + QStringLiteral("/paths/workspace.json")));
    QVERIFY2(bundle, bundle.status().message().c_str());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeBundle(*bundle, dir.path().toStdString() + "/bundle", false));
    QProcess node;
    node.start(QStringLiteral("node"), {QStringLiteral(STRATUS_SOURCE_DIR "/tests/engine/export/generated.test.mjs"),
                                        dir.filePath(QStringLiteral("bundle"))});
    QVERIFY(node.waitForFinished(60000));
    QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
    QCOMPARE(node.readAllStandardOutput(), QByteArray("ok\n"));
}

void TestSamExport::everyExampleIsAServerlessServiceThatPackages_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("golden");
    for (const char *name : {"http-api", "queue-between-functions", "scheduled-job", "upload-processing"})
        QTest::newRow(name) << QStringLiteral(STRATUS_EXAMPLES_DIR "/") + QLatin1String(name) + QStringLiteral(".json")
                            << kGoldenDir + QStringLiteral("/examples/") + QLatin1String(name) + QStringLiteral("/serverless");
    // Every event source, a schedule on two functions, a route of payload 1.0, text with ${.
    QTest::newRow("shapes") << kGoldenDir + QStringLiteral("/shapes/workspace.json")
                            << kGoldenDir + QStringLiteral("/shapes/serverless");
}

void TestSamExport::everyExampleIsAServerlessServiceThatPackages()
{
    QFETCH(QString, workspace);
    QFETCH(QString, golden);
    const Workspace ws = workspaceFrom(workspace);
    auto bundle = exportServerless(ws);
    QVERIFY2(bundle, bundle.status().message().c_str());
    compareWithGolden(*bundle, golden, {"serverless.yml", "README.md"});
    if (QTest::currentTestFailed())
        return;
    // The code is the SAM export's zips, and nothing is left of SAM.
    QVERIFY(!bundle->files.contains("template.yaml"));
    for (const auto &[path, bytes] : bundle->files)
        QVERIFY2(!path.starts_with("functions/") || path.ends_with(".zip"), path.c_str());

    const QString serverless = npmTool("serverless");
    if (serverless.isEmpty()) {
        QVERIFY2(!qEnvironmentVariableIsSet("CI"), "serverless is missing in CI: installer/setup-deps.sh could not install it");
        QSKIP("the Serverless Framework is not installed (installer/setup-deps.sh installs it when npm's registry answers)");
    }
    // `serverless package` takes it as it is, the plugin included, and every
    // reference of the CloudFormation it makes names something.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("service"));
    QVERIFY(writeBundle(*bundle, out.toStdString(), false));
    QVERIFY(QFile::link(QFileInfo(serverless).dir().absoluteFilePath(QStringLiteral("..")), out + QStringLiteral("/node_modules")));

    QProcess package;
    package.setWorkingDirectory(out);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), dir.path()); // its state files, not the user's
    environment.insert(QStringLiteral("SLS_TELEMETRY_DISABLED"), QStringLiteral("1"));
    environment.insert(QStringLiteral("SLS_NOTIFICATIONS_MODE"), QStringLiteral("off"));
    package.setProcessEnvironment(environment);
    package.start(serverless, {QStringLiteral("package")});
    QVERIFY(package.waitForFinished(180000));
    const QByteArray said = package.readAllStandardOutput() + package.readAllStandardError();
    QVERIFY2(package.exitCode() == 0 && said.contains("Service packaged"), said.constData());
    QProcess refs;
    refs.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral(STRATUS_SOURCE_DIR "/tests/engine/export/cfn_refs.py"),
                out + QStringLiteral("/.serverless/cloudformation-template-update-stack.json")});
    QVERIFY(refs.waitForFinished(60000));
    QVERIFY2(refs.exitCode() == 0, refs.readAllStandardOutput().constData());

    // What AWS would refuse at deployment, and what SAM says that must not be lost.
    QFile packaged(out + QStringLiteral("/.serverless/cloudformation-template-update-stack.json"));
    QVERIFY(packaged.open(QIODevice::ReadOnly));
    const Json cfn = Json::parse(packaged.readAll().toStdString());
    int schedules = 0;
    for (const auto &[id, resource] : cfn["Resources"].items()) {
        const Json properties = resource.value("Properties", Json::object());
        schedules += resource["Type"] == "AWS::Scheduler::Schedule";
        if (resource["Type"] == "AWS::Lambda::Function") // stage "dev": 5 characters short of the room kept
            QVERIFY2(properties["FunctionName"].get<std::string>().size() <= 64 - 5, id.c_str());
        if (resource["Type"] == "AWS::S3::Bucket" && properties.value("BucketName", Json()).is_string())
            QVERIFY2(properties["BucketName"].get<std::string>().size() <= 63 - 5, id.c_str());
    }
    const std::string samTemplate = exportSam(ws)->files.at("template.yaml");
    int scheduleEvents = 0;
    for (size_t at = samTemplate.find("Type: ScheduleV2"); at != std::string::npos;
         at = samTemplate.find("Type: ScheduleV2", at + 1))
        ++scheduleEvents;
    QCOMPARE(schedules, scheduleEvents);
}

/// `ws` with node `id` of its first workflow changed by `change` (its edges kept).
void changeNode(Workspace &ws, const char *id, const std::function<void(Node &)> &change)
{
    Workflow &w = ws.workflows[0];
    Node node = *w.findNode(NodeId(id));
    change(node);
    const std::vector<Edge> edges = w.edges();
    w.removeNode(node.id);
    w.addNode(node);
    for (const Edge &e : edges)
        w.addEdge(e);
}

void TestSamExport::serverlessSaysWhatV3ReadsDifferently()
{
    // A route of payload 1.0 beside routes of 2.0: Serverless sets the format per function.
    Workspace ws = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"));
    changeNode(ws, "get-route", [](Node &n) { n.config["payloadFormat"] = "1.0"; });
    // Text Serverless would read as its variables is escaped; ${AWS::…} and ${Name} it leaves.
    changeNode(ws, "get-todo", [](Node &n) {
        n.config["environment"] = {{"HOME_DIR", "${env:HOME}"}, {"SERVICE", "${self:service}"}, {"PLAIN", "${name}"}};
    });
    auto bundle = exportServerless(ws);
    QVERIFY2(bundle, bundle.status().message().c_str());
    const std::string &yaml = bundle->files.at("serverless.yml");
    const size_t getTodo = yaml.find("  GetTodo:\n");
    QVERIFY(getTodo != std::string::npos);
    const std::string getTodoPart = yaml.substr(getTodo, yaml.find("\n  POSTTodosFront:", getTodo) - getTodo);
    QVERIFY2(getTodoPart.find("payload: \"1.0\"") != std::string::npos, getTodoPart.c_str());
    QVERIFY2(yaml.find("HOME_DIR: \\${env:HOME}") != std::string::npos
                 && yaml.find("SERVICE: \\${self:service}") != std::string::npos
                 && yaml.find("PLAIN: ${name}") != std::string::npos,
             getTodoPart.c_str());
    QVERIFY(yaml.find("payload: \"1.0\"") == yaml.rfind("payload: \"1.0\"")); // that function only

    // One function with routes of both formats cannot be said.
    Workspace both = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"));
    Node second = *both.workflows[0].findNode(NodeId("get-route"));
    second.id = NodeId("get-route-v1");
    second.name = "GET /v1/todos/{id}";
    second.config["path"] = "/v1/todos/{id}";
    second.config["payloadFormat"] = "1.0";
    both.workflows[0].addNode(second);
    both.workflows[0].addEdge(Edge{EdgeId("v1"), {second.id, "event"}, {NodeId("get-todo"), "in"}});
    QVERIFY(exportSam(both)); // SAM sets it per route
    auto refused = exportServerless(both);
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().starts_with("the workspace cannot be exported as a Serverless Framework service:\n")
                 && refused.status().message().find("GetTodoFunction has routes of payload format 1.0 and 2.0")
                        != std::string::npos,
             refused.status().message().c_str());

    // Names AWS limits: a long function gets a name that fits; a long bucket is refused.
    Workspace names = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/upload-processing.json"));
    changeNode(names, "index", [](Node &n) { n.name = std::string(60, 'f'); });
    auto named = exportServerless(names);
    QVERIFY2(named, named.status().message().c_str());
    const std::string &namedYaml = named->files.at("serverless.yml");
    const size_t nameAt = namedYaml.find("name: ${self:service}-${sls:stage}-Ffff");
    QVERIFY2(nameAt != std::string::npos, namedYaml.c_str());
    const std::string name = namedYaml.substr(nameAt + 6, namedYaml.find('\n', nameAt) - nameAt - 6);
    // upload-processing-STAGE-REST, with a stage of the 8 characters the README allows: Lambda's 64.
    const size_t rest = name.size() - std::string("${self:service}-${sls:stage}-").size();
    QCOMPARE(std::string("upload-processing").size() + 1 + 8 + 1 + rest, size_t(64));
    changeNode(names, "uploads", [](Node &n) { n.name = std::string(40, 'b'); });
    changeNode(names, "inspect", [](Node &n) { n.config["uses"] = Json::array({std::string(40, 'b')}); });
    refused = exportServerless(names);
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().find("longer than S3's 63 characters") != std::string::npos,
             refused.status().message().c_str());
}

void TestSamExport::aServerlessRouteAnswersUnderServerlessOfflineAsHere()
{
    // Opt-in: serverless-offline, where setup-deps could install it from npm.
    const QString serverless = npmTool("serverless");
    if (serverless.isEmpty() || !QFileInfo::exists(QFileInfo(serverless).dir().absoluteFilePath(
                                    QStringLiteral("../serverless-offline/package.json"))))
        QSKIP("serverless-offline is not installed (installer/setup-deps.sh installs it when npm's registry answers)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json");
    const QString file = dir.filePath(QStringLiteral("todo.stratus"));
    // The route's function without the table (serverless-offline has no
    // DynamoDB): what is compared is how an answer becomes HTTP.
    Workspace ws = workspaceFrom(source);
    changeNode(ws, "list-todos", [](Node &n) {
        n.config.erase("uses");
        n.config["files"] = {{"index.js", "exports.handler = async (event) => ({ statusCode: 200, headers: "
                                          "{ 'content-type': 'application/json' }, body: JSON.stringify({ todos: [], "
                                          "limit: Number(event.queryStringParameters?.limit ?? 20) }) });"}};
    });
    QVERIFY(WorkspaceStore::writeTo(file.toStdString(), ws));
    const QString out = dir.filePath(QStringLiteral("service"));
    auto bundle = exportServerless(ws);
    QVERIFY2(bundle, bundle.status().message().c_str());
    QVERIFY(writeBundle(*bundle, out.toStdString(), false));
    // What the README says: a copy of serverless.yml with the plugin, so that an export again keeps it.
    std::string offline = bundle->files.at("serverless.yml");
    const size_t plugins = offline.find("plugins:\n");
    QVERIFY(plugins != std::string::npos);
    offline.insert(plugins + 9, "  - serverless-offline\n");
    stratus::test::writeBytes(out + QStringLiteral("/serverless.offline.yml"), QByteArray::fromStdString(offline));
    QVERIFY(QFile::link(QFileInfo(serverless).dir().absoluteFilePath(QStringLiteral("..")), out + QStringLiteral("/node_modules")));

    const auto freePort = [] {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return QString::number(probe.serverPort());
    };
    const QString httpPort = freePort(), lambdaPort = freePort();
    QProcess server;
    server.setWorkingDirectory(out);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), dir.path());
    environment.insert(QStringLiteral("SLS_TELEMETRY_DISABLED"), QStringLiteral("1"));
    environment.insert(QStringLiteral("SLS_NOTIFICATIONS_MODE"), QStringLiteral("off"));
    server.setProcessEnvironment(environment);
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(serverless, {QStringLiteral("offline"), QStringLiteral("--config"), QStringLiteral("serverless.offline.yml"),
                              QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--httpPort"), httpPort,
                              QStringLiteral("--lambdaPort"), lambdaPort});
    QVERIFY(server.waitForStarted(10000));
    const auto stop = qScopeGuard([&] {
        server.terminate();
        if (!server.waitForFinished(10000))
            server.kill();
        server.waitForFinished(5000);
    });
    // There: GET /todos?limit=5, once serverless-offline listens.
    QByteArray answer;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 90000) {
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-w"), QStringLiteral("\n%{http_code} %{content_type}"),
                                            QStringLiteral("http://127.0.0.1:") + httpPort + QStringLiteral("/todos?limit=5")});
        curl.waitForFinished(30000);
        if (curl.exitCode() == 0) {
            answer = curl.readAllStandardOutput();
            break;
        }
        QTest::qWait(500);
    }
    QVERIFY2(!answer.isEmpty(), server.readAll().constData());
    const QByteArray thereBody = answer.left(answer.lastIndexOf('\n'));
    const QList<QByteArray> thereStatus = answer.mid(answer.lastIndexOf('\n') + 1).split(' ');

    // Here: the same request through `stratus send`.
    const auto sent = stratus::test::runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"),
                                                 QStringLiteral("GET /todos"), QStringLiteral("--event"), QStringLiteral("-"),
                                                 QStringLiteral("--json")},
                                                R"({"query": "limit=5"})");
    const Json here = Json::parse(sent.out.toStdString())["http"];
    QVERIFY2(thereStatus.value(0).toInt() == here["statusCode"].get<int>(), answer.constData());
    QCOMPARE(thereBody, QByteArray::fromStdString(here["body"].get<std::string>()));
    // serverless-offline adds a charset to the same type.
    std::string type = "?";
    for (const auto &[name, value] : here["headers"].items()) {
        if (asciiLowercase(name) == "content-type")
            type = value.get<std::string>();
    }
    QVERIFY2(thereStatus.value(1).startsWith(QByteArray::fromStdString(type)), answer.constData());
}

void TestSamExport::machinesKeepWhatTheRunnerDoesAroundThem()
{
    const auto function = [](const char *id, const char *name, Json extra = Json::object()) {
        Json config = {{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"files", {{"index.js", "exports.handler = async (e) => e;"}}}};
        config.update(extra);
        return Json{{"id", id}, {"kind", "function"}, {"name", name}, {"config", config}};
    };
    const auto edge = [](const char *id, const char *from, const char *port, const char *to) {
        return Json{{"id", id}, {"from", {{"node", from}, {"port", port}}}, {"to", {{"node", to}, {"port", "in"}}}};
    };
    const Json nodes = Json::array(
        {{{"id", "jobs"}, {"kind", "queue"}, {"name", "jobs"}, {"config", {{"visibilityTimeoutS", 30}}}},
         function("busy", "busy", {{"concurrency", 2}, {"timeoutS", 20}}),
         {{"id", "check"}, {"kind", "choice"}, {"name", "ok? ${AWS::Region} 函数"}, {"config", {{"rules", Json::array()}}}},
         function("slow", "slow", {{"timeoutS", 20}}),
         {{"id", "done"}, {"kind", "table"}, {"name", "done"}, {"config", Json::object()}},
         {{"id", "unwired"}, {"kind", "trigger.http"}, {"name", "GET /unwired"}, {"config", {{"path", "/unwired"}}}},
         {{"id", "dup1"}, {"kind", "function"}, {"name", "a-b"}, {"config", function("", "")["config"]}},
         {{"id", "dup2"}, {"kind", "function"}, {"name", "a_b"}, {"config", function("", "")["config"]}}});
    const Json edges = Json::array({edge("e1", "jobs", "out", "busy"), edge("e2", "busy", "ok", "check"),
                                    edge("e4", "check", "default", "slow"), edge("e3", "slow", "ok", "done")});
    auto doc = workspace_json::read(Json{{"format", "stratus-workspace"}, {"version", 1}, {"name", "around"},
                                         {"workflows", {{{"id", "w"}, {"name", "W"}, {"nodes", nodes}, {"edges", edges}}}}}
                                        .dump());
    QVERIFY2(doc, doc.status().message().c_str());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    auto bundle = exportedAndChecked(doc->workspace, out);
    QVERIFY2(bundle, bundle.status().message().c_str());
    const Json resources = templateJson(out)["Resources"];

    // Here a queue's run waits for a function at its reserved concurrency; there its Task retries the throttle.
    const Json &states = resources["JobsStateMachine"]["Properties"]["Definition"]["States"];
    QCOMPARE_STR(states["busy"]["Retry"][0]["ErrorEquals"].dump(), std::string(R"(["Lambda.TooManyRequestsException"])"));
    // A choice with no rules (ASL wants one) goes to `default`; a name the state cannot spell is its comment.
    QCOMPARE_STR(states["ok AWSRegion"].dump(),
                 std::string(R"({"Type":"Pass","Comment":"The choice ok? $ {AWS::Region} 函数 has no rules: it takes default","Next":"slow"})"));
    QVERIFY(!states["slow"].contains("Retry")); // a queue's run is never retried: the batch is
    // A node's name with "${" is no variable of DefinitionSubstitutions.
    QVERIFY(resources["JobsStateMachine"]["Properties"]["Definition"].dump().find("${AWS::Region}") == std::string::npos);
    // A path longer than the front waits is said.
    QVERIFY(std::any_of(bundle->notes.begin(), bundle->notes.end(), [](const std::string &note) {
        return note.find("may take 40 s") != std::string::npos && note.find("visibility timeout") != std::string::npos;
    }));
    // A route wired to nothing still answers (null), as here.
    QVERIFY(resources.contains("GETUnwiredFrontFunction"));
    // Ids that clash are numbered before their kind.
    QVERIFY(resources.contains("ABFunction") && resources.contains("AB2Function"));
}

void TestSamExport::onlyTheWorkflowAskedForIsExported()
{
    const Workspace ws = workspaceFrom(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"));
    ExportOptions only;
    only.workflow = WorkflowId("nope");
    QCOMPARE(exportSam(ws, only).status().code(), Status::Code::NotFound);
    only.workflow = WorkflowId("api");
    auto bundle = exportSam(ws, only);
    QVERIFY2(bundle, bundle.status().message().c_str());
    QVERIFY(bundle->files.at("template.yaml").find("(workflow Todo API)") != std::string::npos);
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

void TestSamExport::zippedCodeIsTheSameBytesEveryTime()
{
    // A custom runtime (its bootstrap must stay executable), a file in a folder, a name beyond ASCII.
    const Json nodes = Json::array(
        {{{"id", "route"}, {"kind", "trigger.http"}, {"name", "route"}, {"config", {{"path", "/x"}}}},
         {{"id", "shell"}, {"kind", "function"}, {"name", "shell"},
          {"config", {{"runtime", "provided.al2023"}, {"handler", "handler"},
                      {"files", {{"bootstrap", "#!/bin/sh\necho hi\n"}, {"lib/ünï.txt", "text"}}}}}}});
    const Json edges =
        Json::array({{{"id", "e"}, {"from", {{"node", "route"}, {"port", "event"}}}, {"to", {{"node", "shell"}, {"port", "in"}}}}});
    auto doc = workspace_json::read(Json{{"format", "stratus-workspace"}, {"version", 1}, {"name", "zip"},
                                         {"workflows", {{{"id", "w"}, {"name", "W"}, {"nodes", nodes}, {"edges", edges}}}}}
                                        .dump());
    QVERIFY2(doc, doc.status().message().c_str());
    ExportOptions zipped;
    zipped.zip = true;
    auto bundle = exportSam(doc->workspace, zipped);
    QVERIFY2(bundle, bundle.status().message().c_str());
    // The folder is one zip, named by the template.
    QVERIFY(bundle->files.contains("functions/shell.zip"));
    for (const auto &[path, bytes] : bundle->files)
        QVERIFY2(!path.starts_with("functions/shell/"), path.c_str());
    QVERIFY(bundle->files.at("template.yaml").find("CodeUri: functions/shell.zip") != std::string::npos);
    QVERIFY(bundle->files.at("README.md").find("sam build") == std::string::npos);

    // The same bytes again, and in another time zone (zip time stamps are local time).
    const QByteArray zone = qgetenv("TZ");
    qputenv("TZ", "Pacific/Kiritimati");
    tzset();
    auto again = exportSam(doc->workspace, zipped);
    qputenv("TZ", zone);
    tzset();
    QVERIFY(again);
    QVERIFY(again->files.at("functions/shell.zip") == bundle->files.at("functions/shell.zip"));

    // What a zip reader finds: the files, 1980-01-01, the bootstrap executable.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("bundle"));
    const QString problem = writtenAndChecked(*bundle, out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QProcess read;
    read.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import json, sys, zipfile\n"
                               "z = zipfile.ZipFile(sys.argv[1])\n"
                               "print(json.dumps([[i.filename, list(i.date_time), oct(i.external_attr >> 16), "
                               "z.read(i).decode()] for i in z.infolist()]))"),
                out + QStringLiteral("/functions/shell.zip")});
    QVERIFY(read.waitForFinished(60000));
    QCOMPARE_STR(Json::parse(read.readAllStandardOutput().toStdString()).dump(),
                 Json::parse(R"([["bootstrap", [1980, 1, 1, 0, 0, 0], "0o100755", "#!/bin/sh\necho hi\n"],
                                 ["lib/ünï.txt", [1980, 1, 1, 0, 0, 0], "0o100644", "text"]])")
                     .dump());
}

QTEST_GUILESS_MAIN(TestSamExport)
#include "tst_samexport.moc"
