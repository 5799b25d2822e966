// The real `stratus` binary running workflows: every example's every trigger
// through `stratus send`; `stratus serve` answering HTTP, stopping on
// SIGTERM, refusing a broken workspace, and losing no accepted queue message
// to kill -9; `stratus debug` driven through standard input; `runs
// --workflows/--run`, `table` and `queue` reading what the runs left.

#include "app/clirunner.h"
#include "engine/run/runtest.h"
#include "engine/runtime/cpushare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <fstream>
#include <set>

using namespace stratus::engine;
using namespace stratus::test;

namespace {

/// A running `stratus serve`, its gateway port read from what it prints.
class ServeProcess
{
public:
    ServeProcess(const QString &file, const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral(STRATUS_CLI_PATH));
        m_process.setArguments(QStringList{QStringLiteral("serve"), file, QStringLiteral("--port"), QStringLiteral("0")}
                               + extra);
        m_process.start();
        QVERIFY(m_process.waitForStarted(10000));
        const QRegularExpression url(QStringLiteral("Gateway: http://127\\.0\\.0\\.1:(\\d+)"));
        QVERIFY(QTest::qWaitFor([&] {
            m_out += m_process.readAllStandardOutput();
            const auto match = url.match(QString::fromUtf8(m_out));
            if (match.hasMatch())
                m_port = match.captured(1).toInt();
            return m_port > 0 || m_process.state() == QProcess::NotRunning;
        }, 20000));
    }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    int port() const { return m_port; }
    QProcess &process() { return m_process; }
    QByteArray output()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }

private:
    QProcess m_process;
    QByteArray m_out;
    int m_port = 0;
};

Json readJsonFile(const QString &path)
{
    return Json::parse(readBytes(path).toStdString());
}

} // namespace

class TestServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyExampleRunsThroughSend_data();
    void everyExampleRunsThroughSend();
    void sendNamesWhatIsWrong();
    void loadRunsManyEventsAndSummarises();
    void tuneMeasuresEachMemorySize_data();
    void tuneMeasuresEachMemorySize();
    void wrongCpuShareChoicesAreSaid();
    void emulatedCpuShareSlowsOrdinaryRuns();
    void serveAnswersAndStopsOnSigterm();
    void serveRefusesAWorkspaceWithProblems();
    void killedServeLosesNoAcceptedMessage();
    void sendWhileServingKeepsEveryWrite();
    void oneProcessDeliversAWorkspace();
    void serveFollowsAReplacedFile();
    void debugIsDrivenThroughStandardInput();
    void signalsStopSendAndDebugAndTheRunIsRecordedAborted();

private:
    QTemporaryDir m_dir;
};

void TestServe::everyExampleRunsThroughSend_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<QString>("trigger");
    for (const QString &path : exampleFiles()) {
        const Json doc = readJsonFile(path);
        const QString name = QFileInfo(path).completeBaseName();
        for (const Json &wf : doc["workflows"]) {
            for (const Json &node : wf["nodes"]) {
                if (node["kind"].get<std::string>().rfind("trigger.", 0) == 0)
                    QTest::newRow(qPrintable(name + QLatin1Char('/') + QString::fromStdString(node["id"].get<std::string>())))
                        << name << QString::fromStdString(node["id"].get<std::string>());
            }
        }
    }
}

void TestServe::everyExampleRunsThroughSend()
{
    QFETCH(QString, example);
    QFETCH(QString, trigger);
    QTemporaryDir dir;
    const QString file = importExample(dir.path(), example.toLatin1().constData());
    const CliRun run = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), trigger,
                                   QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const Json out = Json::parse(run.out.toStdString());
    QCOMPARE_STR(out["status"].get<std::string>(), std::string("ok"));
    QVERIFY(out["path"].size() >= 2); // the trigger and at least what it fed
    for (const Json &later : out["followingRuns"])
        QVERIFY2(later["status"] == "ok", later.dump().c_str());
    if (out.contains("http"))
        QVERIFY(out["http"]["statusCode"].get<int>() < 500);
    // Recorded: `runs --workflows` lists it, `runs --run` shows it whole.
    const std::string runId = out["runId"].get<std::string>();
    const CliRun listed = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows")});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.out.contains(QByteArray::fromStdString(runId)));
    const CliRun whole = runStratus({QStringLiteral("runs"), file, QStringLiteral("--run"), QString::fromStdString(runId),
                                     QStringLiteral("--json")});
    QCOMPARE(whole.exitCode, 0);
    QCOMPARE(Json::parse(whole.out.toStdString())["path"].size(), out["path"].size());
}

void TestServe::sendNamesWhatIsWrong()
{
    const QString file = importExample(m_dir.path(), "http-api");
    CliRun r = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("nope")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("has no trigger 'nope' (triggers: "));
    r = runStratus({QStringLiteral("send"), file}); // no --trigger
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--trigger"));
    r = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("get-route"),
                    QStringLiteral("--event"), QStringLiteral("-")},
                   "{\"path\": \"/elsewhere\"}");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("does not take GET /elsewhere (its route: GET /todos/{id})"), r.err.constData());
    r = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("get-route"),
                    QStringLiteral("--event"), QStringLiteral("-")},
                   "{not json");
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("not valid JSON"));
    // A test event saved on a function is named, with the command that sends it.
    r = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("create-route"),
                    QStringLiteral("--test-event"), QStringLiteral("new todo")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("'new todo' is saved on function 'create-todo': send it with stratus invoke FILE "
                            "create-todo --test-event new todo"),
             r.err.constData());
}

void TestServe::loadRunsManyEventsAndSummarises()
{
    QTemporaryDir dir; // its runs stay out of the other tests' file
    const QString file = importExample(dir.path(), "http-api");
    CliRun r = runStratus({QStringLiteral("load"), file, QStringLiteral("--trigger"), QStringLiteral("list-route"),
                           QStringLiteral("-n"), QStringLiteral("40"), QStringLiteral("-c"), QStringLiteral("4"),
                           QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Json summary = Json::parse(r.out.toStdString());
    QCOMPARE(summary["finished"].get<int>(), 40);
    QCOMPARE(summary["succeeded"].get<int>(), 40);
    QCOMPARE(summary["invocations"].get<int>(), 40);
    // At most 4 in flight: at most 4 instances, so at most 4 cold starts.
    QVERIFY(summary["coldStarts"].get<int>() >= 1 && summary["coldStarts"].get<int>() <= 4);
    QVERIFY(summary["latencyMs"]["p50"].get<double>() > 0);
    QVERIFY(summary["latencyMs"]["p50"].get<double>() <= summary["latencyMs"]["p99"].get<double>());
    QVERIFY(summary["costPerMillionRuns"].get<double>() > 1.0); // the gateway's $1 per million, and the invocations
    // Every run recorded.
    CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--last"),
                              QStringLiteral("100"), QStringLiteral("--json")});
    QCOMPARE(Json::parse(runs.out.toStdString()).size(), size_t(40));

    // A rate for a duration, on a route whose function starts quickly (list-todos
    // loads the AWS SDK: its cold starts would eat a half-second window).
    r = runStratus({QStringLiteral("load"), file, QStringLiteral("--trigger"), QStringLiteral("create-route"),
                    QStringLiteral("--rate"), QStringLiteral("40"), QStringLiteral("--duration"), QStringLiteral("0.5"),
                    QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const int byRate = Json::parse(r.out.toStdString())["finished"].get<int>();
    QVERIFY2(byRate >= 15 && byRate <= 21, qPrintable(QString::number(byRate)));

    // What is wrong is named.
    r = runStratus({QStringLiteral("load"), file, QStringLiteral("--trigger"), QStringLiteral("list-route"),
                    QStringLiteral("-c"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("-c takes a whole number from 1 to 1000"), r.err.constData());
    r = runStratus({QStringLiteral("load"), file, QStringLiteral("--trigger"), QStringLiteral("list-route"),
                    QStringLiteral("--rate"), QStringLiteral("5")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--rate R and --duration S go together"));
}

namespace {

/// A Python function that burns 40 ms of CPU time, and a Node.js one that fails.
QString cpuBoundWorkspace(const QString &dir, const Json &settings = Json::object())
{
    Json burn = functionNode("burn", "");
    burn["config"] = Json{{"runtime", "python3.11"},
                          {"handler", "main.handler"},
                          {"files", {{"main.py", "import time\n"
                                                 "def handler(event, context):\n"
                                                 "    end = time.process_time() + 0.04\n"
                                                 "    n = 0\n"
                                                 "    while time.process_time() < end:\n"
                                                 "        n += 1\n"
                                                 "    return {'n': n}\n"}}}};
    Json doc = Json::parse(workspaceDocument(
        Json::array({burn, functionNode("broken", "exports.handler = async () => { throw new Error('no'); };")}),
        Json::array()));
    doc["settings"] = settings;
    return writeWorkspace(dir, doc.dump());
}

} // namespace

void TestServe::wrongCpuShareChoicesAreSaid()
{
    QTemporaryDir dir;
    const QString file = cpuBoundWorkspace(dir.path(), Json{{"emulateCpuShare", "yes"}});
    CliRun r = runStratus({QStringLiteral("invoke"), file, QStringLiteral("broken")});
    QCOMPARE(r.exitCode, 1); // the function throws; the setting is only warned of
    QVERIFY2(r.err.contains("warning: settings.emulateCpuShare: expected true or false, found \"yes\" "
                            "(the CPU share is not emulated)"),
             r.err.constData());
    // An unknown STRATUS_CPU_SHARE is named where the method is.
    r = runStratus({QStringLiteral("tune"), file, QStringLiteral("broken"), QStringLiteral("--memory"),
                    QStringLiteral("128"), QStringLiteral("--runs"), QStringLiteral("1"), QStringLiteral("--json")},
                   {}, [](QProcess &p) {
                       QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
                       env.insert(QStringLiteral("STRATUS_CPU_SHARE"), QStringLiteral("bogus"));
                       p.setProcessEnvironment(env);
                   });
    const Json result = Json::parse(r.out.toStdString());
    QVERIFY2(result["cpuShareText"].get<std::string>().find("STRATUS_CPU_SHARE=bogus ignored (the only value understood is 'estimate')")
                 != std::string::npos,
             result["cpuShareText"].get<std::string>().c_str());
}

void TestServe::tuneMeasuresEachMemorySize_data()
{
    QTest::addColumn<bool>("estimate"); // STRATUS_CPU_SHARE=estimate: no cgroup even where one can be made
    QTest::newRow("as the machine allows") << false;
    QTest::newRow("estimate") << true;
}

void TestServe::tuneMeasuresEachMemorySize()
{
    QFETCH(bool, estimate);
    QTemporaryDir dir;
    const QString file = cpuBoundWorkspace(dir.path());
    const auto environment = [&](QProcess &p) {
        if (estimate) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("STRATUS_CPU_SHARE"), QStringLiteral("estimate"));
            p.setProcessEnvironment(env);
        }
    };
    CliRun r = runStratus({QStringLiteral("tune"), file, QStringLiteral("burn"), QStringLiteral("--memory"),
                           QStringLiteral("256,1769"), QStringLiteral("--runs"), QStringLiteral("2"),
                           QStringLiteral("--json")},
                          {}, environment);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Json result = Json::parse(r.out.toStdString());
    const std::string method = result["cpuShare"].get<std::string>();
    if (estimate)
        QCOMPARE_STR(method, std::string("estimate"));
    QVERIFY(method == "cgroup" || method == "estimate");
    QVERIFY(!result["cpuShareText"].get<std::string>().empty());
    QCOMPARE(result["runsPerSize"].get<int>(), 2);
    const Json &points = result["points"];
    QCOMPARE(points.size(), size_t(2));
    QCOMPARE(points[0]["memoryMB"].get<int>(), 256);
    QCOMPARE(points[1]["memoryMB"].get<int>(), 1769);
    for (const Json &p : points) {
        QCOMPARE(p["runs"].get<int>(), 2);
        QCOMPARE(p["failures"].get<int>(), 0);
        QVERIFY(p["cpuMs"].get<double>() >= 39);
        QVERIFY(p["costPerInvocation"].get<double>() > 0);
    }
    // 0.145 vCPU at 256 MB: 40 ms of CPU take about 276 ms; one vCPU, about 40.
    const double small = points[0]["durationMs"]["p50"].get<double>();
    const double full = points[1]["durationMs"]["p50"].get<double>();
    QVERIFY2(small > 200 && small > 3 * full, qPrintable(QStringLiteral("%1 vs %2").arg(small).arg(full)));
    QCOMPARE(result["fastestMB"].get<int>(), 1769);
    QVERIFY(!result["cheapestMB"].is_null() && !result["balancedMB"].is_null());
    // Experiments: not in the history.
    const CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--json")});
    QCOMPARE(Json::parse(runs.out.toStdString()).size(), size_t(0));

    if (estimate)
        return; // what follows does not depend on the method
    // The table names the method and marks the choices.
    r = runStratus({QStringLiteral("tune"), file, QStringLiteral("burn"), QStringLiteral("--memory"),
                    QStringLiteral("1769"), QStringLiteral("--runs"), QStringLiteral("1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("cheapest, fastest, balanced"), r.out.constData());
    QVERIFY(r.out.contains(method == "cgroup" ? "CPU share emulated with cgroup" : "duration estimated from the CPU time"));
    // A function that always fails: no size to choose, exit 1, the error named.
    r = runStratus({QStringLiteral("tune"), file, QStringLiteral("broken"), QStringLiteral("--memory"),
                    QStringLiteral("128"), QStringLiteral("--runs"), QStringLiteral("1"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    const Json failed = Json::parse(r.out.toStdString());
    QVERIFY(failed["cheapestMB"].is_null());
    QVERIFY2(failed["points"][0]["firstError"].get<std::string>().find("Error: no") != std::string::npos,
             failed.dump().c_str());
    QVERIFY(failed["points"][0]["warmUpFailed"].get<bool>()); // the warm-up failed: nothing measured
    // The table gives no figures for it (a failed run's are not the function's) and says why.
    r = runStratus({QStringLiteral("tune"), file, QStringLiteral("broken"), QStringLiteral("--memory"),
                    QStringLiteral("128"), QStringLiteral("--runs"), QStringLiteral("3")});
    QVERIFY2(QString::fromUtf8(r.out).contains(QRegularExpression(QStringLiteral("128 MB +0\\.072 +- +- +- +- +- +-  the warm-up failed, "
                                                              "so nothing was measured: Error: no"))),
             r.out.constData());

    // What is wrong is named.
    const auto refused = [&](const QStringList &args, const char *expected) {
        const CliRun bad = runStratus(QStringList{QStringLiteral("tune"), file} + args);
        QVERIFY2(bad.exitCode == 2, bad.err.constData());
        QVERIFY2(bad.err.contains(expected), bad.err.constData());
    };
    refused({QStringLiteral("burn"), QStringLiteral("--memory"), QStringLiteral("100")},
            "--memory: a memory size must be 128 to 10240 MB, as Lambda allows, not 100");
    refused({QStringLiteral("burn"), QStringLiteral("--memory"), QStringLiteral("128,lots")},
            "memory sizes are whole numbers of MB separated by commas (128,256,1024), not '128,lots'");
    refused({QStringLiteral("burn"), QStringLiteral("--runs"), QStringLiteral("0")},
            "--runs takes a whole number from 1 to 100, not '0'");
    refused({QStringLiteral("nothing")}, "has no function 'nothing' (functions: burn, broken)");

    // Ctrl+C mid-sweep: the invocation in flight stops, the sizes measured so
    // far are printed (cancelled), exit 130, and no CPU cgroup is left.
    QProcess tune;
    tune.start(QStringLiteral(STRATUS_CLI_PATH), {QStringLiteral("tune"), file, QStringLiteral("burn"),
                                                 QStringLiteral("--memory"), QStringLiteral("1769,128"),
                                                 QStringLiteral("--runs"), QStringLiteral("50"), QStringLiteral("--json")});
    QVERIFY(tune.waitForStarted(10000));
    QByteArray err;
    QVERIFY(QTest::qWaitFor([&] {
        err += tune.readAllStandardError();
        return err.contains("1769 MB: 50 runs measured");
    }, 30000));
    QTest::qWait(300); // into the slow 128 MB size
    ::kill(pid_t(tune.processId()), SIGINT);
    QVERIFY(tune.waitForFinished(10000));
    QCOMPARE(tune.exitCode(), 128 + SIGINT);
    err += tune.readAllStandardError();
    QVERIFY2(err.contains("stopping (SIGINT)"), err.constData());
    const Json stopped = Json::parse(tune.readAllStandardOutput().toStdString());
    QVERIFY(stopped["cancelled"].get<bool>());
    QCOMPARE(stopped["points"][0]["runs"].get<int>(), 50);
    QCOMPARE(stopped["balancedMB"].get<int>(), 1769);
    // The stopped invocation is not counted as a failure of the size.
    for (const Json &p : stopped["points"])
        QCOMPARE(p["failures"].get<int>(), 0);
    if (method == "cgroup") {
        const QString groups = QString::fromStdString(CpuLimits::instance().groupsFolder());
        const QString prefix = QStringLiteral("stratus-%1-").arg(tune.processId());
        QVERIFY(QDir(groups).entryList({prefix + QLatin1Char('*')}, QDir::Dirs).isEmpty());
    }
}

void TestServe::emulatedCpuShareSlowsOrdinaryRuns()
{
    QTemporaryDir dir;
    const QString file = cpuBoundWorkspace(dir.path(), Json{{"emulateCpuShare", true}}); // at the default 128 MB
    const CliRun r = runStratus({QStringLiteral("invoke"), file, QStringLiteral("burn")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // 40 ms of CPU at 0.072 vCPU: about 550 ms, where the machine takes 40.
    const QRegularExpression duration(QStringLiteral("\\tDuration: ([0-9.]+) ms"));
    const auto match = duration.match(QString::fromUtf8(r.err));
    QVERIFY2(match.hasMatch(), r.err.constData());
    QVERIFY2(match.captured(1).toDouble() > 400, r.err.constData());
    // Recorded so: what `stratus stats` and the cost panel read.
    const CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--json")});
    const Json list = Json::parse(runs.out.toStdString());
    QCOMPARE(list.size(), size_t(1));
    QVERIFY2(list[0]["durationUs"].get<double>() > 400000, list.dump().c_str());
}

void TestServe::serveAnswersAndStopsOnSigterm()
{
    const QString file = importExample(m_dir.path(), "http-api");
    ServeProcess serve(file);
    QVERIFY(serve.port() > 0);
    QVERIFY(serve.output().contains("GET     http://127.0.0.1:"));
    RawHttp http(serve.port());
    http.send(RawHttp::request("GET", "/todos"));
    auto answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 200);
    http.send(RawHttp::request("GET", "/nowhere"));
    answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 404);

    QElapsedTimer stopping;
    stopping.start();
    ::kill(pid_t(serve.process().processId()), SIGTERM);
    QVERIFY(serve.process().waitForFinished(5000));
    QVERIFY2(stopping.elapsed() < 2500, qPrintable(QString::number(stopping.elapsed())));
    QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.process().exitCode(), 0);
    QVERIFY(serve.output().contains("Stopped."));
    // The run was recorded before it exited.
    const CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--json")});
    QCOMPARE(runs.exitCode, 0);
    QCOMPARE(Json::parse(runs.out.toStdString()).size(), size_t(1)); // a request without a route starts no run
}

void TestServe::serveRefusesAWorkspaceWithProblems()
{
    // A function with no handler: validation refuses it, naming the node and field.
    const Json nodes = Json::array({kindNode("go", "trigger.manual"),
                                    Json{{"id", "broken"}, {"kind", "function"}, {"name", "broken"},
                                         {"config", {{"runtime", "nodejs20.x"}, {"handler", ""},
                                                     {"files", {{"index.js", "x"}}}}}}});
    const QString file = writeWorkspace(m_dir.path(), workspaceDocument(nodes, Json::array({edgeJson("go", "event", "broken")})),
                                        "broken");
    const CliRun r = runStratus({QStringLiteral("serve"), file, QStringLiteral("--port"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("has problems to fix") && r.err.contains("broken"), r.err.constData());
}

void TestServe::killedServeLosesNoAcceptedMessage()
{
    // HTTP → queue → a slow consumer that appends each request's body to a file
    // (the message is the trigger's whole event: the request, as API Gateway gives it).
    const QString seen = m_dir.filePath(QStringLiteral("seen.txt"));
    const Json nodes = Json::array({
        kindNode("post", "trigger.http", {{"method", "POST"}, {"path", "/orders"}}),
        kindNode("orders", "queue", {{"batchSize", 10}, {"visibilityTimeoutS", 2}}),
        functionNode("consume",
                     "const fs = require('fs');"
                     "exports.handler = async (e) => { await new Promise(r => setTimeout(r, 50));"
                     "  for (const r of e.Records) fs.appendFileSync('" + seen.toStdString() + "', JSON.parse(r.body).body + '\\n');"
                     "  return {}; };",
                     {{"concurrency", 1}}),
    });
    const QString file = writeWorkspace(m_dir.path(),
                                        workspaceDocument(nodes, Json::array({edgeJson("post", "event", "orders"),
                                                                              edgeJson("orders", "out", "consume")})),
                                        "durable");
    std::set<std::string> accepted;
    {
        ServeProcess serve(file, {QStringLiteral("--quiet")});
        QVERIFY(serve.port() > 0);
        RawHttp http(serve.port());
        std::string batch;
        for (int i = 0; i < 1500; ++i)
            batch += RawHttp::request("POST", "/orders", "m" + std::to_string(i), {"Content-Type: text/plain"});
        http.send(batch);
        // Every answered request is a message committed to the file.
        const auto answers = http.read(1500, 60000);
        for (size_t i = 0; i < answers.size(); ++i) {
            if (answers[i].status == 200)
                accepted.insert("m" + std::to_string(i));
        }
        QCOMPARE(accepted.size(), size_t(1500));
        ::kill(pid_t(serve.process().processId()), SIGKILL);
        QVERIFY(serve.process().waitForFinished(5000));
    }
    // Most are still in the queue (the kill really interrupted the work);
    // a new serve delivers every one at least once.
    {
        std::ifstream before(seen.toStdString());
        size_t lines = 0;
        for (std::string line; std::getline(before, line);)
            ++lines;
        QVERIFY2(lines < accepted.size(), qPrintable(QString::number(lines)));
    }
    {
        ServeProcess serve(file, {QStringLiteral("--quiet")});
        QVERIFY(serve.port() > 0);
        QVERIFY(QTest::qWaitFor([&] {
            const CliRun q = runStratus({QStringLiteral("queue"), file, QStringLiteral("orders"), QStringLiteral("--json")});
            const Json depth = Json::parse(q.out.toStdString());
            return depth["visible"] == 0 && depth["inFlight"] == 0;
        }, 120000));
    }
    std::set<std::string> delivered;
    std::ifstream in(seen.toStdString());
    for (std::string line; std::getline(in, line);)
        delivered.insert(line);
    for (const std::string &id : accepted)
        QVERIFY2(delivered.contains(id), id.c_str());
}

void TestServe::sendWhileServingKeepsEveryWrite()
{
    // A second process on the file must never make the server lose its locks
    // (then the WAL is deleted under it and later writes vanish).
    QTemporaryDir dir;
    const QString file = importExample(dir.path(), "http-api");
    ServeProcess serve(file, {QStringLiteral("--quiet")});
    QVERIFY(serve.port() > 0);
    RawHttp http(serve.port());
    auto post = [&](const char *title) {
        http.send(RawHttp::request("POST", "/todos", std::string("{\"title\":\"") + title + "\"}",
                                   {"Content-Type: application/json"}));
        const auto a = http.read(1);
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].status, 200);
    };
    post("by-serve-1");
    const CliRun sent = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("create-route"),
                                    QStringLiteral("--event"), QStringLiteral("-")},
                                   R"({"body": {"title": "by-send"}})");
    QCOMPARE(sent.exitCode, 0);
    QVERIFY(QFile::exists(file + QStringLiteral("-wal")));
    post("by-serve-2");
    ::kill(pid_t(serve.process().processId()), SIGTERM);
    QVERIFY(serve.process().waitForFinished(5000));
    const CliRun table = runStratus({QStringLiteral("table"), file, QStringLiteral("todos"), QStringLiteral("--json")});
    QCOMPARE(table.exitCode, 0);
    std::set<std::string> titles;
    for (const Json &item : Json::parse(table.out.toStdString()))
        titles.insert(item["title"].get<std::string>());
    QCOMPARE(titles, (std::set<std::string>{"by-serve-1", "by-send", "by-serve-2"}));
}

void TestServe::oneProcessDeliversAWorkspace()
{
    // send beside serve writes into the bucket; only serve notifies it (S3 sends one notification).
    QTemporaryDir dir;
    const QString file = importExample(dir.path(), "upload-processing");
    ServeProcess serve(file, {QStringLiteral("--quiet")});
    QVERIFY(serve.port() > 0);
    const CliRun sent = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("drop-notes")});
    QVERIFY2(sent.exitCode == 0, sent.err.constData());
    QVERIFY2(sent.err.contains("is running in process " + QByteArray::number(serve.process().processId())),
             sent.err.constData());
    auto bucketRuns = [&] {
        const CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--json")});
        int n = 0;
        for (const Json &run : Json::parse(runs.out.toStdString()))
            n += run["trigger"] == "bucket" ? 1 : 0;
        return n;
    };
    QVERIFY(QTest::qWaitFor([&] { return bucketRuns() >= 1; }, 10000));
    QTest::qWait(1000); // time for a second notification, if there were one
    QCOMPARE(bucketRuns(), 1);
    // Again, into a folder serve watches now: the object (renamed or linked
    // into place whole) is notified at once, not held back as being written.
    const CliRun again = runStratus({QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("drop-notes")});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY(QTest::qWaitFor([&] { return bucketRuns() >= 2; }, 5000));

    // A second server on the same file is refused, naming the first.
    ServeProcess second(file);
    QVERIFY(second.process().state() == QProcess::NotRunning || second.process().waitForFinished(10000));
    QCOMPARE(second.process().exitCode(), 2);
    const QByteArray err = second.process().readAllStandardError();
    QVERIFY2(err.contains("is already running in process " + QByteArray::number(serve.process().processId())),
             err.constData());
}

void TestServe::serveFollowsAReplacedFile()
{
    QTemporaryDir dir;
    const QString file = importExample(dir.path(), "http-api");
    ServeProcess serve(file);
    QVERIFY(serve.port() > 0);
    RawHttp http(serve.port());
    auto status = [&](const char *path) {
        http.send(RawHttp::request("GET", path));
        const auto a = http.read(1);
        return a.empty() ? 0 : a[0].status;
    };
    QCOMPARE(status("/todos"), 200);

    // `import --force` writes a new file and renames it over the old one.
    Json doc = Json::parse(readBytes(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json")).toStdString());
    for (Json &node : doc["workflows"][0]["nodes"]) {
        if (node["id"] == "list-route")
            node["config"]["path"] = "/items";
    }
    const QString replaced = dir.filePath(QStringLiteral("renamed.json"));
    QFile out(replaced);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray::fromStdString(doc.dump()));
    out.close();
    const CliRun imported = runStratus({QStringLiteral("import"), replaced, file, QStringLiteral("--force")});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY(QTest::qWaitFor([&] { return serve.output().contains("reloaded the saved design"); }, 10000));
    QVERIFY2(serve.output().contains("/items  ("), serve.output().constData()); // the routes again
    QCOMPARE(status("/items"), 200);
    QCOMPARE(status("/todos"), 404);

    // A replacement that cannot run leaves the running design in place, and says why.
    QVERIFY(QFile::remove(file));
    QFile broken(file);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a workspace");
    broken.close();
    QVERIFY(QTest::qWaitFor([&] {
        return serve.process().readAllStandardError().contains("the new one cannot run");
    }, 10000));
    QCOMPARE(status("/items"), 200);

    // A good file in its place (it may even reuse the broken one's inode) is followed again.
    QVERIFY(QFile::remove(file));
    const CliRun back = runStratus({QStringLiteral("import"), QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json"), file});
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QVERIFY(QTest::qWaitFor([&] { return status("/todos") == 200; }, 10000));
    QCOMPARE(status("/items"), 404);
}

void TestServe::debugIsDrivenThroughStandardInput()
{
    const QString file = importExample(m_dir.path(), "http-api");
    const CliRun r = runStratus({QStringLiteral("debug"), file, QStringLiteral("--trigger"), QStringLiteral("get-route"),
                                 QStringLiteral("--break"), QStringLiteral("get-todo")},
                                "print\nset {\"pathParameters\": {\"id\": \"seven\"}}\nbogus\nstep now\ncontinue\nquit\n");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("paused before get-todo"));
    QVERIFY(r.out.contains("\"routeKey\": \"GET /todos/{id}\"")); // print shows the event whole
    QVERIFY(r.err.contains("unknown command 'bogus'"));
    QVERIFY2(r.err.contains("'step' takes nothing after it (got 'now')"), r.err.constData());
    QVERIFY(r.out.contains("todo seven not found")); // the replaced event reached the function
    QVERIFY2(r.out.contains("\nHTTP 404\n"), r.out.constData()); // and the HTTP answer, as send shows it

    // Abort: the run ends aborted, recorded so; exit 1.
    const CliRun aborted = runStratus({QStringLiteral("debug"), file, QStringLiteral("--trigger"),
                                       QStringLiteral("get-route"), QStringLiteral("--break"),
                                       QStringLiteral("get-todo")},
                                      "abort\n");
    QVERIFY2(aborted.exitCode == 1, qPrintable(QString::number(aborted.exitCode) + QLatin1Char(' ') + QString::fromUtf8(aborted.err)));
    QVERIFY(aborted.out.contains("aborted"));
    const CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--json")});
    const Json list = Json::parse(runs.out.toStdString());
    QCOMPARE_STR(list[0]["status"].get<std::string>(), std::string("aborted"));

    // Replay the first run from get-todo, with the input recorded there.
    const std::string firstRun = list[1]["runId"].get<std::string>();
    const CliRun replay = runStratus({QStringLiteral("debug"), file, QStringLiteral("--trigger"), QStringLiteral("list-route")},
                                     QByteArray::fromStdString("replay " + firstRun + " --from get-todo\nquit\n"));
    QVERIFY2(replay.exitCode == 0, replay.err.constData());
    QVERIFY(replay.out.contains("replays " + QByteArray::fromStdString(firstRun)));
    QVERIFY(replay.out.contains("todo seven not found"));
}

void TestServe::signalsStopSendAndDebugAndTheRunIsRecordedAborted()
{
    QTemporaryDir dir;
    const Json nodes = Json::array({
        kindNode("go", "trigger.manual", {{"event", {{"n", 1}}}}),
        functionNode("sleepy", "exports.handler = async () => { await new Promise(r => setTimeout(r, 20000)); return 1; };"),
        kindNode("caught", "log"),
    });
    const Json edges = Json::array({edgeJson("go", "event", "sleepy"), edgeJson("sleepy", "error", "caught")});
    const QString file = writeWorkspace(dir.path(), workspaceDocument(nodes, edges));

    // send, mid-invocation: the run ends aborted (not down the error edge), recorded, exit 128 + SIGTERM.
    QProcess send;
    send.start(QStringLiteral(STRATUS_CLI_PATH), {QStringLiteral("send"), file, QStringLiteral("--trigger"), QStringLiteral("go")});
    QVERIFY(send.waitForStarted(10000));
    QTest::qWait(1500); // the instance starts and its handler waits (stopped before, the run ends aborted too)
    ::kill(pid_t(send.processId()), SIGTERM);
    QVERIFY(send.waitForFinished(5000));
    QCOMPARE(send.exitStatus(), QProcess::NormalExit);
    QCOMPARE(send.exitCode(), 128 + SIGTERM);
    CliRun runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--json")});
    Json list = Json::parse(runs.out.toStdString());
    QCOMPARE(list.size(), size_t(1));
    QCOMPARE_STR(list[0]["status"].get<std::string>(), std::string("aborted"));

    // debug, paused at its prompt waiting on stdin: SIGINT ends it the same way.
    QProcess debug;
    debug.start(QStringLiteral(STRATUS_CLI_PATH), {QStringLiteral("debug"), file, QStringLiteral("--trigger"),
                                                  QStringLiteral("go"), QStringLiteral("--break"), QStringLiteral("sleepy")});
    QVERIFY(debug.waitForStarted(10000));
    QByteArray out;
    QVERIFY(QTest::qWaitFor([&] {
        out += debug.readAllStandardOutput();
        return out.contains("(stratus) ");
    }, 15000));
    ::kill(pid_t(debug.processId()), SIGINT);
    QVERIFY(debug.waitForFinished(5000));
    out += debug.readAllStandardOutput();
    QCOMPARE(debug.exitCode(), 128 + SIGINT);
    QVERIFY2(out.contains("stopping (SIGINT)"), out.constData());
    runs = runStratus({QStringLiteral("runs"), file, QStringLiteral("--workflows"), QStringLiteral("--json")});
    list = Json::parse(runs.out.toStdString());
    QCOMPARE(list.size(), size_t(2));
    QCOMPARE_STR(list[0]["status"].get<std::string>(), std::string("aborted"));
}

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
