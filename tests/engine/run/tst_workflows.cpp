// engine/run: whole workflows through real Node.js instances — routing by
// ok/error ports with Step Functions' Catch output, retries, fan-out, choice
// rules, log nodes, step-through and replay, every run recorded in a real
// workspace file — and the HTTP gateway in front of them, spoken to over
// real sockets on 127.0.0.1 (routes, payload 2.0, API Gateway's error
// answers, pipelining, CORS, hostile requests, reload while serving).

#include "runtest.h"

#include "engine/run/costreport.h"
#include "engine/run/runningworkspace.h"
#include "engine/run/workspaceserver.h"
#include "engine/store/runhistory.h"

#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace stratus::engine;
using namespace stratus::engine::run;
using namespace stratus::test;

namespace {

std::string testWorkspace()
{
    Json nodes = Json::array({
        kindNode("t-chain", "trigger.manual", {{"event", {{"n", 5}}}}),
        functionNode("double", "exports.handler = async (e) => ({ n: e.n * 2 });"),
        kindNode("pick", "choice", {{"rules", Json::array({{{"port", "big"},
                                                         {"condition", {{"variable", "$.n"}, {"numericGreaterThan", 5}}}}})}}),
        kindNode("note", "log"),
        functionNode("small", "exports.handler = async (e) => ({ small: true, got: e });"),
        kindNode("t-fail", "trigger.manual"),
        functionNode("boom", "exports.handler = async () => { throw new Error('kaput'); };"),
        functionNode("rescue", "exports.handler = async (e) => ({ rescued: e });"),
        kindNode("t-fan", "trigger.manual", {{"event", {{"n", 1}}}}),
        kindNode("t-nomatch", "trigger.manual", {{"event", {{"n", 1}}}}),
        kindNode("strict", "choice", {{"rules", Json::array({{{"port", "yes"},
                                                          {"condition", {{"variable", "$.n"}, {"numericEquals", 99}}}}})}}),
        kindNode("said-yes", "log"),
        kindNode("t-retry", "trigger.manual", {{"event", {{"n", 1}}}}),
        functionNode("first", "exports.handler = async (e) => e;"),
        functionNode("flaky", "let calls = 0; exports.handler = async () => { calls++; throw new Error('attempt ' + calls); };",
                 {{"retries", 2}}),
        kindNode("t-http", "trigger.http", {{"method", "GET"}, {"path", "/items/{id}"}}),
        functionNode("item", "exports.handler = async (e) => ({ statusCode: 201, headers: { 'x-item': e.pathParameters.id },"
                         " cookies: ['a=1', 'b=2'], body: JSON.stringify({ id: e.pathParameters.id,"
                         " q: e.queryStringParameters || null, route: e.routeKey, v: e.version }) });"),
        kindNode("t-bad", "trigger.http", {{"method", "GET"}, {"path", "/bad"}}),
        functionNode("bad", "exports.handler = async () => ({ statusCode: 'abc' });"),
        kindNode("t-boom", "trigger.http", {{"method", "POST"}, {"path", "/boom"}}),
        kindNode("t-throw", "trigger.http", {{"method", "GET"}, {"path", "/throw"}}),
        functionNode("thrower", "exports.handler = async () => { throw new TypeError('no'); };"),
        kindNode("t-plain", "trigger.http", {{"method", "ANY"}, {"path", "/plain/{proxy+}"},
                                         {"cors", {{"allowOrigins", {"https://a.example"}}, {"allowMethods", {"GET"}}}}}),
        functionNode("plain", "exports.handler = async (e) => ({ hello: e.pathParameters.proxy });"),
        kindNode("t-v1", "trigger.http", {{"method", "GET"}, {"path", "/v1/{id}"}, {"payloadFormat", "1.0"}}),
        functionNode("v1fn", "exports.handler = async (e) => ({ statusCode: 200, multiValueHeaders: { 'x-a': ['1', '2'] },"
                             " body: JSON.stringify({ m: e.httpMethod, v: e.version, mv: e.multiValueQueryStringParameters,"
                             " id: e.pathParameters.id, resource: e.resource }) });"),
        kindNode("t-logged", "trigger.http", {{"method", "GET"}, {"path", "/logged"}}),
        kindNode("t-routed-error", "trigger.http", {{"method", "GET"}, {"path", "/routed-error"}}),
        functionNode("fails-routed", "exports.handler = async () => { throw new Error('routed stack'); };"),
        kindNode("which-error", "choice", {{"rules", Json::array({{{"port", "type"},
                                                                   {"condition", {{"variable", "$.Error"}, {"stringEquals", "Error"}}}}})}}),
        kindNode("t-fan-logs", "trigger.http", {{"method", "GET"}, {"path", "/fan-logs"}}),
        functionNode("fan-source", "exports.handler = async () => ({ statusCode: 202, body: 'own' });"),
        kindNode("fan-log-1", "log"), kindNode("fan-log-2", "log"),
        functionNode("fails-logged", "exports.handler = async () => { throw new Error('secret stack'); };"),
        kindNode("error-log", "log", {{"level", "error"}}),
        kindNode("t-slow", "trigger.http", {{"method", "GET"}, {"path", "/slow"}}),
        functionNode("slow", "exports.handler = async () => { await new Promise(r => setTimeout(r, 400)); return 'slow'; };"),
    });
    Json edges = Json::array({
        edgeJson("t-chain", "event", "double"), edgeJson("double", "ok", "pick"), edgeJson("pick", "big", "note"),
        edgeJson("pick", "default", "small"),
        edgeJson("t-fail", "event", "boom"), edgeJson("boom", "error", "rescue"),
        edgeJson("t-fan", "event", "double"), edgeJson("t-fan", "event", "small"),
        edgeJson("t-nomatch", "event", "strict"), edgeJson("strict", "yes", "said-yes"),
        edgeJson("t-retry", "event", "first"), edgeJson("first", "ok", "flaky"),
        edgeJson("t-throw", "event", "thrower"), edgeJson("t-v1", "event", "v1fn"), edgeJson("t-logged", "event", "fails-logged"),
        edgeJson("fails-logged", "error", "error-log"),
        edgeJson("t-routed-error", "event", "fails-routed"), edgeJson("fails-routed", "error", "which-error"),
        edgeJson("which-error", "type", "error-log"),
        edgeJson("t-fan-logs", "event", "fan-source"), edgeJson("fan-source", "ok", "fan-log-1"),
        edgeJson("fan-source", "ok", "fan-log-2"),
        edgeJson("t-http", "event", "item"), edgeJson("t-bad", "event", "bad"), edgeJson("t-boom", "event", "boom"),
        edgeJson("t-plain", "event", "plain"), edgeJson("t-slow", "event", "slow"),
    });
    return workspaceDocument(nodes, edges);
}

} // namespace

class TestWorkflows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void chainRoutesThroughChoiceAndLog();
    void choiceDefaultTakesTheOtherBranch();
    void errorEdgeCarriesTheCatchOutput();
    void errorWithoutEdgeFailsTheRun();
    void fanOutAnswersAnArrayInEdgeOrder();
    void noChoiceMatchedFailsTheRun();
    void functionAfterAFunctionIsRetried();
    void runsAreRecordedWithTheirPath();
    void stepThroughPausesReplacesAndAborts();
    void replayStartsFromARecordedNode();
    void usageKeptLiveIsWhatTheFileGives();

    void httpRouteAnswersByPayload20Rules();
    void payloadFormat10IsTheRestProxyEvent();
    void httpErrorsAreApiGatewaysAnswers();
    void pipelinedRequestsAreAnsweredInOrder();
    void corsPreflightAndHeaders();
    void hostileRequestsGetAnAnswerAndTheServerGoesOn();
    void savedCodeIsUsedFromTheNextInvocation();
    void schedulesFireByTheInjectedClock();
    void engineServesWhileTheCallersThreadIsBlocked();
    void engineThatCannotStartSaysWhy();
    void stoppingLetsARunInFlightAnswer();

private:
    RunOutcome send(const char *trigger, std::optional<Json> event = std::nullopt);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<WorkspaceServer> m_server;
};

void TestWorkflows::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = writeWorkspace(m_dir->path(), testWorkspace());
    WorkspaceServer::Options options;
    options.executor.workspaceFile = m_file.toStdString();
    options.executor.runtime.cacheRoot = m_dir->filePath(QStringLiteral("cache")).toStdString();
    options.executor.retryDelays = {std::chrono::milliseconds(10), std::chrono::milliseconds(20)};
    options.port = 0;
    options.reloadPollMs = 50;
    m_server = std::make_unique<WorkspaceServer>(options);
    const Status s = m_server->start();
    QVERIFY2(s.isOk(), s.message().c_str());
}

void TestWorkflows::cleanup()
{
    if (m_server)
        m_server->stop(0);
    m_server.reset();
    m_dir.reset();
}

RunOutcome TestWorkflows::send(const char *trigger, std::optional<Json> event)
{
    auto design = m_server->executor().design();
    const Workflow *wf = design->findWorkflow(WorkflowId("main"));
    const Node *node = wf->findNode(NodeId(trigger));
    RunRequest request;
    request.workflow = wf->id();
    request.node = node->id;
    request.event = event ? *event : *m_server->defaultEvent(*wf, *node);
    request.trigger = "manual";
    std::optional<RunOutcome> outcome;
    m_server->executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        qFatal("run from %s did not end", trigger);
    return *outcome;
}

/// The run's path, "a b c", so that a failing comparison shows it.
static std::string pathOf(const RunOutcome &o)
{
    std::string ids;
    for (const RunStepEntry &s : o.entry.steps)
        ids += (ids.empty() ? "" : " ") + s.nodeId;
    return ids;
}

void TestWorkflows::chainRoutesThroughChoiceAndLog()
{
    const RunOutcome o = send("t-chain");
    QVERIFY2(o.ok(), o.entry.error.c_str());
    QCOMPARE_STR(pathOf(o), std::string("t-chain double pick note"));
    // The choice is the last node with a value: its input is the answer.
    QCOMPARE_STR(o.output->dump(), std::string(R"({"n":10})"));
    QCOMPARE(o.entry.log, (std::vector<std::string>{R"(info note: {"n":10})"}));
    QCOMPARE_STR(o.entry.steps[2].port, std::string("big"));
}

void TestWorkflows::choiceDefaultTakesTheOtherBranch()
{
    const RunOutcome o = send("t-chain", Json{{"n", 2}});
    QVERIFY(o.ok());
    QCOMPARE_STR(pathOf(o), std::string("t-chain double pick small"));
    QCOMPARE_STR(o.output->dump(), std::string(R"({"small":true,"got":{"n":4}})"));
    QCOMPARE_STR(o.entry.steps[2].port, std::string("default"));
}

void TestWorkflows::errorEdgeCarriesTheCatchOutput()
{
    const RunOutcome o = send("t-fail");
    QVERIFY2(o.ok(), o.entry.error.c_str());
    QCOMPARE_STR(pathOf(o), std::string("t-fail boom rescue"));
    QCOMPARE_STR(o.entry.steps[1].status, std::string("caught"));
    const Json rescued = (*o.output)["rescued"];
    QCOMPARE_STR(rescued["Error"].get<std::string>(), std::string("Error"));
    // Cause is the error object as a JSON string, as Step Functions' Catch gives it.
    const Json cause = Json::parse(rescued["Cause"].get<std::string>());
    QCOMPARE_STR(cause["errorMessage"].get<std::string>(), std::string("kaput"));
    QCOMPARE_STR(cause["errorType"].get<std::string>(), std::string("Error"));
}

void TestWorkflows::errorWithoutEdgeFailsTheRun()
{
    const RunOutcome o = send("t-retry");
    QVERIFY(!o.ok());
    QCOMPARE(o.failure, FailureKind::FunctionError);
    QCOMPARE_STR(o.entry.status, std::string("error"));
    QCOMPARE_STR(o.error["Error"].get<std::string>(), std::string("Error"));
    QVERIFY(o.error["Cause"].get<std::string>().find("attempt") != std::string::npos);
}

void TestWorkflows::fanOutAnswersAnArrayInEdgeOrder()
{
    const RunOutcome o = send("t-fan");
    QVERIFY2(o.ok(), o.entry.error.c_str());
    QVERIFY(o.output->is_array());
    QCOMPARE(o.output->size(), size_t(2));
    // Edge order: double's branch (through pick to small: n=2 is not big), then small's.
    QCOMPARE_STR((*o.output)[0].dump(), std::string(R"({"small":true,"got":{"n":2}})"));
    QCOMPARE_STR((*o.output)[1].dump(), std::string(R"({"small":true,"got":{"n":1}})"));
}

void TestWorkflows::noChoiceMatchedFailsTheRun()
{
    const RunOutcome o = send("t-nomatch");
    QVERIFY(!o.ok());
    QCOMPARE(o.failure, FailureKind::NoChoiceMatched);
    QCOMPARE_STR(o.error["Error"].get<std::string>(), std::string("States.NoChoiceMatched"));
}

void TestWorkflows::functionAfterAFunctionIsRetried()
{
    std::vector<std::string> invoked;
    m_server->executor().setObserver(
        Executor::Observer{[&](const HistoryEntry &e) { invoked.push_back(e.record.functionName); }, {}, {}, {}});
    const RunOutcome o = send("t-retry");
    QVERIFY(!o.ok());
    // first once; flaky once and twice more (retries: 2), then the run fails.
    const long flaky = long(std::count(invoked.begin(), invoked.end(), std::string("flaky")));
    QCOMPARE(flaky, 3L);
    QVERIFY(o.error["Cause"].get<std::string>().find("attempt 3") != std::string::npos);
}

void TestWorkflows::runsAreRecordedWithTheirPath()
{
    const RunOutcome o = send("t-fail");
    QVERIFY(m_server->executor().flushHistory().isOk());
    auto store = WorkspaceStore::open(m_file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    auto runs = queryRuns(store->database(), RunQuery{1, o.entry.runId, true});
    QVERIFY(runs);
    QCOMPARE(runs->size(), size_t(1));
    const RunEntry &r = runs->front();
    QCOMPARE_STR(r.status, std::string("ok"));
    QCOMPARE(r.steps.size(), size_t(3));
    QCOMPARE_STR(r.steps[1].nodeId, std::string("boom"));
    QCOMPARE_STR(r.steps[1].status, std::string("caught"));
    QVERIFY(r.steps[1].output.find("kaput") != std::string::npos); // untruncated error
    QCOMPARE(r.steps[2].input, r.steps[1].output);
    QVERIFY(Json::parse(r.output) == *o.output);
    // Both invocations belong to the run.
    auto invocations = queryInvocations(store->database(), HistoryQuery{});
    QVERIFY(invocations);
    int ofRun = 0;
    for (const HistoryEntry &e : *invocations)
        ofRun += e.runId == o.entry.runId;
    QCOMPARE(ofRun, 2);
}

void TestWorkflows::stepThroughPausesReplacesAndAborts()
{
    Executor &ex = m_server->executor();
    ex.setBreakpoints({{WorkflowId("main"), NodeId("pick")}});
    std::vector<PauseInfo> pauses;
    ex.setObserver(Executor::Observer{{}, {}, [&](const PauseInfo &p) { pauses.push_back(p); }, {}});
    std::optional<RunOutcome> outcome;
    RunRequest request;
    request.workflow = WorkflowId("main");
    request.node = NodeId("t-chain");
    request.event = Json{{"n", 5}};
    request.trigger = "manual";
    const std::string runId = ex.start(request, [&](const RunOutcome &o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return !pauses.empty(); }, 20000));
    QCOMPARE_STR(pauses[0].node.str(), std::string("pick"));
    QCOMPARE_STR(pauses[0].event.dump(), std::string(R"({"n":10})")); // what pick is about to receive
    QVERIFY(!outcome);
    // Replace the event so that the default branch runs, and step: the next node pauses too.
    QVERIFY(ex.resume(runId, ResumeAction::Step, Json{{"n", 1}}).isOk());
    QVERIFY(QTest::qWaitFor([&] { return pauses.size() == 2; }, 20000));
    QCOMPARE_STR(pauses[1].node.str(), std::string("small"));
    QVERIFY(ex.resume(runId, ResumeAction::Continue).isOk());
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 20000));
    QVERIFY(outcome->ok());
    QCOMPARE_STR(outcome->output->dump(), std::string(R"({"small":true,"got":{"n":1}})"));

    // Abort: the run ends as aborted, recorded so.
    outcome.reset();
    const std::string second = ex.start(request, [&](const RunOutcome &o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return pauses.size() == 3; }, 20000));
    QVERIFY(!ex.resume("no-such-run", ResumeAction::Continue).isOk());
    QVERIFY(ex.resume(second, ResumeAction::Abort).isOk());
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 5000));
    QCOMPARE(outcome->failure, FailureKind::Aborted);
    QCOMPARE_STR(outcome->entry.status, std::string("aborted"));
    QCOMPARE_STR(outcome->entry.steps.back().status, std::string("aborted"));
    QVERIFY(ex.pausedRuns().empty());
}

void TestWorkflows::replayStartsFromARecordedNode()
{
    const RunOutcome first = send("t-chain", Json{{"n", 2}});
    QVERIFY(first.ok());
    std::optional<RunOutcome> replayed;
    auto id = m_server->executor().replay(first.entry.runId, NodeId("pick"), std::nullopt,
                                          [&](const RunOutcome &o) { replayed = o; });
    QVERIFY2(id, id.status().message().c_str());
    QVERIFY(QTest::qWaitFor([&] { return replayed.has_value(); }, 20000));
    QCOMPARE_STR(pathOf(*replayed), std::string("pick small"));
    QCOMPARE_STR(replayed->entry.steps[0].input, std::string(R"({"n":4})")); // recorded at pick
    QCOMPARE_STR(replayed->entry.trigger, std::string("replay"));
    QCOMPARE(replayed->entry.parentRunId, first.entry.runId);

    // With an edited input, from the same node.
    replayed.reset();
    QVERIFY(m_server->executor().replay(first.entry.runId, NodeId("pick"), Json{{"n", 50}},
                                        [&](const RunOutcome &o) { replayed = o; }));
    QVERIFY(QTest::qWaitFor([&] { return replayed.has_value(); }, 20000));
    QCOMPARE_STR(pathOf(*replayed), std::string("pick note"));

    auto missing = m_server->executor().replay(first.entry.runId, NodeId("boom"), std::nullopt);
    QVERIFY(!missing);
    QVERIFY(missing.status().message().find("did not pass node") != std::string::npos);
}

void TestWorkflows::usageKeptLiveIsWhatTheFileGives()
{
    // What the Cost panel adds as runs end must be what reading the file
    // gives: runs of one and of several invocations, retries, failures.
    RecordedUsage live;
    m_server->executor().setObserver(Executor::Observer{
        [&live](const HistoryEntry &e) { live.addInvocation(e); },
        [&live](const RunOutcome &o) { live.runEnded(o.entry.runId); }, {}, {}});
    for (const char *trigger : {"t-chain", "t-fail", "t-fan", "t-retry", "t-chain", "t-nomatch"})
        send(trigger);
    RawHttp http(m_server->gateway()->port());
    QVERIFY(http.connected());
    http.send(RawHttp::request("GET", "/items/a"));
    http.send(RawHttp::request("GET", "/fan-logs"));
    QCOMPARE(http.read(2).size(), size_t(2));
    QVERIFY(QTest::qWaitFor([&] { return m_server->isQuiet(); }, 20000)); // flaky's retries
    QVERIFY(m_server->executor().flushHistory().isOk());
    auto store = WorkspaceStore::open(m_file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    auto read = RecordedUsage::read(store->database());
    QVERIFY(read);

    QCOMPARE(live.functions().size(), read->functions().size());
    for (const auto &[name, fromFile] : read->functions()) {
        const FunctionAverages &kept = live.functions().at(name);
        QCOMPARE(kept.invocations, fromFile.invocations);
        QVERIFY2(std::abs(kept.durationMs - fromFile.durationMs) < 1e-6, name.c_str());
        QVERIFY2(std::abs(kept.maxMemoryUsedMB - fromFile.maxMemoryUsedMB) < 1e-6, name.c_str());
    }
    QCOMPARE(live.workflows().size(), read->workflows().size());
    for (size_t i = 0; i < read->workflows().size(); ++i) {
        const WorkflowRuns &kept = live.workflows()[i], &fromFile = read->workflows()[i];
        QCOMPARE_STR(kept.workflowId, fromFile.workflowId);
        QCOMPARE(kept.runs, fromFile.runs);
        QCOMPARE(kept.invocations, fromFile.invocations);
        QCOMPARE(kept.httpRuns, fromFile.httpRuns);
        QCOMPARE(kept.chainedInvocations, fromFile.chainedInvocations);
        QVERIFY(std::abs(kept.invocationsCost - fromFile.invocationsCost) < 1e-15);
    }
    QVERIFY(read->workflows().front().chainedInvocations > 0); // the case that needs the run's count
    QCOMPARE(read->workflows().front().httpRuns, 2LL);
}

void TestWorkflows::httpRouteAnswersByPayload20Rules()
{
    RawHttp http(m_server->gateway()->port());
    QVERIFY(http.connected());
    http.send(RawHttp::request("GET", "/items/a%20b?x=1&x=2&y=3", {}, {"X-Multi: one", "x-multi: two"}));
    auto answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    HttpAnswer &a = answers[0];
    QCOMPARE(a.status, 201);
    QCOMPARE_STR(a.headers["x-item"], std::string("a b"));
    QCOMPARE_STR(a.headers["set-cookie"], std::string("a=1\nb=2"));
    const Json body = Json::parse(a.body);
    QCOMPARE_STR(body["id"].get<std::string>(), std::string("a b"));
    QCOMPARE_STR(body["q"]["x"].get<std::string>(), std::string("1,2")); // duplicates joined by commas
    QCOMPARE_STR(body["route"].get<std::string>(), std::string("GET /items/{id}"));
    QCOMPARE_STR(body["v"].get<std::string>(), std::string("2.0"));

    // A value without statusCode is a 200 JSON body; keep-alive serves it on the same connection.
    http.send(RawHttp::request("DELETE", "/plain/x/y"));
    answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 200);
    QCOMPARE_STR(answers[0].headers["content-type"], std::string("application/json"));
    QCOMPARE_STR(Json::parse(answers[0].body)["hello"].get<std::string>(), std::string("x/y"));
}

void TestWorkflows::payloadFormat10IsTheRestProxyEvent()
{
    RawHttp http(m_server->gateway()->port());
    http.send(RawHttp::request("GET", "/v1/7?a=1&a=2"));
    auto answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 200);
    QCOMPARE_STR(answers[0].headers["x-a"], std::string("1\n2")); // multiValueHeaders: one header line each
    const Json body = Json::parse(answers[0].body);
    QCOMPARE_STR(body["m"].get<std::string>(), std::string("GET"));
    QCOMPARE_STR(body["v"].get<std::string>(), std::string("1.0"));
    QCOMPARE_STR(body["id"].get<std::string>(), std::string("7"));
    QCOMPARE_STR(body["resource"].get<std::string>(), std::string("/v1/{id}"));
    QCOMPARE_STR(body["mv"]["a"].dump(), std::string(R"(["1","2"])"));
}

void TestWorkflows::httpErrorsAreApiGatewaysAnswers()
{
    RawHttp http(m_server->gateway()->port());
    http.send(RawHttp::request("GET", "/nowhere"));
    auto a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 404);
    QCOMPARE_STR(Json::parse(a[0].body)["message"].get<std::string>(), std::string("Not Found"));

    http.send(RawHttp::request("GET", "/bad")); // malformed proxy response
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 502);
    QCOMPARE_STR(Json::parse(a[0].body)["message"].get<std::string>(), std::string("Internal Server Error"));

    http.send(RawHttp::request("GET", "/throw")); // the function fails, no error edge
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 502);
    QCOMPARE_STR(Json::parse(a[0].body)["message"].get<std::string>(), std::string("Internal Server Error"));

    // Caught, but only logged: no function made an answer of it, so it is a function error (and
    // its stack never reaches the client).
    http.send(RawHttp::request("GET", "/logged"));
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 502);
    QVERIFY(a[0].body.find("secret stack") == std::string::npos);

    // Through a choice too: it routes the error, but no function answered it.
    http.send(RawHttp::request("GET", "/routed-error"));
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 502);
    QVERIFY(a[0].body.find("routed stack") == std::string::npos);

    // A fan-out into logs gives no value: the function before it answers.
    http.send(RawHttp::request("GET", "/fan-logs"));
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 202);
    QCOMPARE_STR(a[0].body, std::string("own"));

    // Connection: close is answered, then the connection ends.
    {
        RawHttp once(m_server->gateway()->port());
        once.send(RawHttp::request("GET", "/plain/bye", {}, {"Connection: close"}));
        const auto bye = once.read(1);
        QCOMPARE(bye.size(), size_t(1));
        QCOMPARE(bye[0].status, 200);
        QVERIFY(QTest::qWaitFor([&] { return once.closed(); }, 3000));
    }

    http.send(RawHttp::request("POST", "/boom", "{}")); // boom fails, its error edge leads to rescue
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 200);
    QVERIFY(Json::parse(a[0].body).contains("rescued"));

    http.send(RawHttp::request("POST", "/items/1", "{}")); // a route exists for GET only
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 404);
}

void TestWorkflows::pipelinedRequestsAreAnsweredInOrder()
{
    RawHttp http(m_server->gateway()->port());
    // The slow one first: its answer comes later but must be written first.
    http.send(RawHttp::request("GET", "/slow") + RawHttp::request("GET", "/plain/fast")
              + RawHttp::request("GET", "/nowhere"));
    const auto a = http.read(3, 20000);
    QCOMPARE(a.size(), size_t(3));
    QCOMPARE_STR(a[0].body, std::string("slow")); // a string result is the body itself
    QCOMPARE_STR(Json::parse(a[1].body)["hello"].get<std::string>(), std::string("fast"));
    QCOMPARE(a[2].status, 404);
}

void TestWorkflows::corsPreflightAndHeaders()
{
    RawHttp http(m_server->gateway()->port());
    http.send(RawHttp::request("OPTIONS", "/plain/x", {},
                               {"Origin: https://a.example", "Access-Control-Request-Method: GET"}));
    auto a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 204);
    QCOMPARE_STR(a[0].headers["access-control-allow-origin"], std::string("https://a.example"));
    QVERIFY(a[0].headers["access-control-allow-methods"].find("GET") != std::string::npos);

    http.send(RawHttp::request("GET", "/plain/x", {}, {"Origin: https://a.example"}));
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 200);
    QCOMPARE_STR(a[0].headers["access-control-allow-origin"], std::string("https://a.example"));
}

void TestWorkflows::hostileRequestsGetAnAnswerAndTheServerGoesOn()
{
    const int port = m_server->gateway()->port();
    std::vector<int> reported; // every answer written is reported, the gateway's own too
    connect(m_server.get(), &WorkspaceServer::requestAnswered, this,
            [&](const QString &, const QString &, int status, qint64) { reported.push_back(status); });
    {
        RawHttp garbage(port);
        garbage.send("THIS IS NOT HTTP\r\n\r\n");
        (void)QTest::qWaitFor([&] { return garbage.closed(); }, 3000);
    }
    {
        RawHttp huge(port); // 64 KB of headers
        std::vector<std::string> headers;
        for (int i = 0; i < 1024; ++i)
            headers.push_back("X-Filler-" + std::to_string(i) + ": " + std::string(56, 'x'));
        huge.send(RawHttp::request("GET", "/plain/h", {}, headers));
        const auto a = huge.read(1, 5000);
        QVERIFY(huge.closed() || (a.size() == 1 && a[0].status > 0));
    }
    {
        RawHttp liar(port); // a body shorter than its Content-Length, then silence
        liar.send("POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}");
        QTest::qWait(100);
    }
    {
        RawHttp big(port);
        big.send("POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: 10485761\r\n\r\n"
                 + std::string(10485761, 'a'));
        const auto a = big.read(1, 20000);
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].status, 413);
    }
    for (const char *length : {"-5", "abc", "12x"}) {
        // Qt reads such a length as none; the gateway refuses it, and the connection.
        RawHttp odd(port);
        odd.send(std::string("POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: ") + length + "\r\n\r\nabc");
        const auto a = odd.read(1, 5000);
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].status, 400);
        QCOMPARE_STR(a[0].body, std::string(R"({"message":"Bad Request"})"));
        QVERIFY(QTest::qWaitFor([&] { return odd.closed(); }, 3000));
    }
    {
        // A length past what a number holds is refused as the size it claims.
        RawHttp huge(port);
        huge.send("POST /boom HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\nabc");
        const auto a = huge.read(1, 5000);
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].status, 413);
    }
    QVERIFY(std::count(reported.begin(), reported.end(), 413) == 2);
    QVERIFY(std::count(reported.begin(), reported.end(), 400) == 3);
    // Everyone else is still served.
    RawHttp fine(port);
    fine.send(RawHttp::request("GET", "/plain/still"));
    const auto a = fine.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 200);
}

void TestWorkflows::savedCodeIsUsedFromTheNextInvocation()
{
    RawHttp http(m_server->gateway()->port());
    http.send(RawHttp::request("GET", "/plain/v"));
    auto a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE_STR(Json::parse(a[0].body)["hello"].get<std::string>(), std::string("v"));

    // Another process (the studio) saves a new version of the function.
    {
        auto store = WorkspaceStore::open(m_file.toStdString(), WorkspaceStore::Access::ReadWrite);
        QVERIFY(store);
        auto ws = store->load();
        QVERIFY(ws);
        Node *plain = ws->findWorkflow(WorkflowId("main"))->findNode(NodeId("plain"));
        plain->config["files"]["index.js"] = "exports.handler = async (e) => ({ version: 2 });";
        QVERIFY(store->save(*ws).isOk());
    }
    bool reloaded = false;
    connect(m_server.get(), &WorkspaceServer::reloaded, this, [&](const QString &problem) {
        QVERIFY(problem.isEmpty());
        reloaded = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return reloaded; }, 5000));
    http.send(RawHttp::request("GET", "/plain/v"));
    a = http.read(1);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(Json::parse(a[0].body)["version"].get<int>(), 2);
}

void TestWorkflows::schedulesFireByTheInjectedClock()
{
    const Json nodes = Json::array({
        kindNode("every-5", "trigger.schedule", {{"expression", "rate(5 minutes)"}, {"detail", {{"job", "sweep"}}}}),
        kindNode("berlin-9", "trigger.schedule", {{"expression", "cron(0 9 * * ? *)"}, {"timezone", "Europe/Berlin"}}),
        kindNode("off", "trigger.schedule", {{"expression", "rate(1 minute)"}, {"enabled", false}}),
        kindNode("seen", "log"),
    });
    const Json edges = Json::array({edgeJson("every-5", "event", "seen"), edgeJson("berlin-9", "event", "seen"),
                                    edgeJson("off", "event", "seen")});
    QTemporaryDir dir;
    QDateTime now = QDateTime::fromString(QStringLiteral("2026-01-05T07:58:00Z"), Qt::ISODate);
    WorkspaceServer::Options options;
    options.executor.workspaceFile = writeWorkspace(dir.path(), workspaceDocument(nodes, edges)).toStdString();
    options.executor.runtime.cacheRoot = dir.filePath(QStringLiteral("cache")).toStdString();
    options.listen = false;
    options.clock = [&] { return now; };
    WorkspaceServer server(options);
    QVERIFY(server.start().isOk());
    std::vector<RunOutcome> runs;
    server.setObserver(Executor::Observer{{}, [&](const RunOutcome &o) { runs.push_back(o); }, {}, {}});
    auto advance = [&](const char *to) {
        now = QDateTime::fromString(QString::fromLatin1(to), Qt::ISODate);
        server.checkSchedules();
        QTest::qWait(50);
    };
    advance("2026-01-05T07:59:59Z");
    QCOMPARE(runs.size(), size_t(0));
    advance("2026-01-05T08:00:00Z"); // 09:00 in Berlin (CET)
    QCOMPARE(runs.size(), size_t(1));
    Json event = Json::parse(runs[0].entry.steps[0].output);
    QCOMPARE_STR(runs[0].entry.triggerNodeId, std::string("berlin-9"));
    QCOMPARE_STR(event["time"].get<std::string>(), std::string("2026-01-05T08:00:00Z"));
    QCOMPARE_STR(event["detail-type"].get<std::string>(), std::string("Scheduled Event"));
    QCOMPARE_STR(event["resources"][0].get<std::string>(), std::string("arn:aws:events:us-east-1:000000000000:rule/berlin-9"));
    advance("2026-01-05T08:03:00Z"); // five minutes after the start
    QCOMPARE(runs.size(), size_t(2));
    event = Json::parse(runs[1].entry.steps[0].output);
    QCOMPARE_STR(runs[1].entry.triggerNodeId, std::string("every-5"));
    QCOMPARE_STR(event["detail"]["job"].get<std::string>(), std::string("sweep"));
    advance("2026-01-05T08:20:00Z"); // missed ones are not made up: one run, then the next is 08:23
    QCOMPARE(runs.size(), size_t(3));
    advance("2026-01-05T08:22:59Z");
    QCOMPARE(runs.size(), size_t(3));
    for (const RunOutcome &r : runs)
        QVERIFY(r.entry.triggerNodeId != "off"); // enabled: false never fires
    server.stop(0);
}

namespace {

/// One request over a blocking socket: the calling thread runs no event loop
/// while it waits, so only a server on another thread can answer it.
std::string blockingGet(int port, const std::string &path)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string answer;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        (void)::send(fd, request.data(), request.size(), 0);
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
            answer.append(buffer, size_t(n));
    }
    ::close(fd);
    return answer;
}

} // namespace

void TestWorkflows::engineServesWhileTheCallersThreadIsBlocked()
{
    // Its own engine on the same file, on a thread of its own.
    m_server->stop(0);
    WorkspaceServer::Options options;
    options.executor.workspaceFile = m_file.toStdString();
    options.executor.runtime.cacheRoot = m_dir->filePath(QStringLiteral("cache")).toStdString();
    RunningWorkspace engine(options);
    QThread *reportedOn = nullptr;
    std::vector<std::string> invoked;
    connect(&engine, &RunningWorkspace::invocationFinished, this, [&](const HistoryEntry &e) {
        reportedOn = QThread::currentThread();
        invoked.push_back(e.record.functionName);
    });
    const Status started = engine.start();
    QVERIFY2(started.isOk(), started.message().c_str());
    QVERIFY(engine.engineThread() != QThread::currentThread());
    const std::string url = engine.url();
    const int port = std::stoi(url.substr(url.rfind(':') + 1));

    // A cold start (an instance spawned) and a warm answer, while this thread blocks in recv().
    for (int i = 0; i < 2; ++i) {
        const std::string answer = blockingGet(port, "/plain/blocked");
        QVERIFY2(answer.starts_with("HTTP/1.1 200"), answer.c_str());
        QVERIFY2(answer.find(R"({"hello":"blocked"})") != std::string::npos, answer.c_str());
    }
    // What the engine reports comes on this thread, once it turns its loop.
    QVERIFY(QTest::qWaitFor([&] { return invoked.size() == 2; }, 5000));
    QCOMPARE(reportedOn, QThread::currentThread());
    QCOMPARE_STR(invoked[0], std::string("plain"));

    // A run started from here ends here.
    QVERIFY(engine.design()->findWorkflow(WorkflowId("main")) != nullptr);
    RunRequest request;
    request.workflow = WorkflowId("main");
    request.node = NodeId("t-chain");
    request.event = Json{{"n", 21}};
    request.trigger = "manual";
    QThread *doneOn = nullptr;
    std::optional<RunOutcome> outcome;
    engine.startRun(std::move(request), [&](const RunOutcome &o) {
        doneOn = QThread::currentThread();
        outcome = o;
    });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 20000));
    QCOMPARE(doneOn, QThread::currentThread());
    QVERIFY(outcome->ok());
    QCOMPARE_STR(pathOf(*outcome), std::string("t-chain double pick note"));

    // An exception thrown on the engine thread comes back to the caller, not out of a slot.
    bool thrown = false;
    try {
        engine.call([](WorkspaceServer &) -> int { throw std::runtime_error("from the engine thread"); });
    } catch (const std::runtime_error &e) {
        thrown = std::string(e.what()) == "from the engine thread";
    }
    QVERIFY(thrown);
    QVERIFY(engine.isQuiet()); // and the engine goes on

    // Whoever asks learns who runs the file, every time (the askers never fill the lease's backlog).
    for (int i = 0; i < 100; ++i) {
        auto probe = RunLease::take(m_file.toStdString());
        QVERIFY(probe && !probe->isHeld());
        QCOMPARE(probe->holderPid(), std::optional<long>(long(::getpid())));
        if (i % 10 == 9)
            engine.call([](WorkspaceServer &server) { server.checkForSavedDesign(); }); // where the holder drops them
    }

    engine.stop(0);
    QVERIFY(!engine.isRunning());
    QVERIFY(engine.engineThread() == nullptr);
    QVERIFY(blockingGet(port, "/plain/after").empty()); // nothing listens any more
}

void TestWorkflows::engineThatCannotStartSaysWhy()
{
    WorkspaceServer::Options options;
    options.executor.workspaceFile = m_dir->filePath(QStringLiteral("missing.stratus")).toStdString();
    RunningWorkspace engine(options);
    const Status s = engine.start();
    QVERIFY(!s.isOk());
    QVERIFY2(s.message().find("missing.stratus") != std::string::npos, s.message().c_str());
    QVERIFY(!engine.isRunning());
    QVERIFY(engine.engineThread() == nullptr);
    QVERIFY(engine.start().message().find("missing.stratus") != std::string::npos); // and again, the same way
}

void TestWorkflows::stoppingLetsARunInFlightAnswer()
{
    const int port = m_server->gateway()->port();
    RawHttp slow(port);
    slow.send(RawHttp::request("GET", "/slow")); // its function takes 400 ms
    RawHttp late(port);
    QTest::qWait(100);
    m_server->stop(1500); // serves its own loop while it waits for the run
    auto a = slow.read(1, 5000);
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(a[0].status, 200); // ended within the grace: answered as usual
    QCOMPARE_STR(a[0].body, std::string("slow"));
    RawHttp after(port);
    QVERIFY(!after.connected()); // nothing listens any more
}

QTEST_GUILESS_MAIN(TestWorkflows)
#include "tst_workflows.moc"
