// The Node.js runtime with real node processes: every handler style of the
// Lambda contract, the context and environment, errors in the shapes AWS's
// Node.js runtime reports, and init failures.

#include "runtimetest.h"

#include "engine/runtime/launch.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;
using stratus::test::Files;
using stratus::test::parsed;
using stratus::test::RuntimeFixture;

class TestNodeRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handlerStyles_data();
    void handlerStyles();
    void callbackWaitsForTheEventLoop();
    void theFirstCompletionClaimsTheInvocation_data();
    void theFirstCompletionClaimsTheInvocation();
    void contextHasLambdaFields();
    void environmentIsLambdasAndNothingOfOurs();
    void valuesSurviveTheRoundTrip_data();
    void valuesSurviveTheRoundTrip();
    void errorsHaveNodeShape_data();
    void errorsHaveNodeShape();
    void initErrors_data();
    void initErrors();
    void logsAreCapturedPerInvocation();
    void theChosenInterpreterRunsOrFallsBackSayingWhy();

private:
    std::unique_ptr<RuntimeFixture> m_fixture;
    int m_counter = 0;
    std::string nextName() { return "fn" + std::to_string(++m_counter); }
};

void TestNodeRuntime::initTestCase()
{
    qputenv("STRATUS_TEST_SECRET", "must-not-leak");
    m_fixture = std::make_unique<RuntimeFixture>();
}

void TestNodeRuntime::handlerStyles_data()
{
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QVariantMap>("files");
    QTest::addColumn<QString>("expected"); // the result JSON

    auto files = [](std::initializer_list<std::pair<const char *, const char *>> list) {
        QVariantMap m;
        for (const auto &[path, text] : list)
            m.insert(QString::fromLatin1(path), QString::fromUtf8(text));
        return m;
    };
    QTest::newRow("commonjs async") << "index.handler"
        << files({{"index.js", "exports.handler = async (event) => ({ got: event.n });"}})
        << R"({"got":7})";
    QTest::newRow("module.exports") << "index.handler"
        << files({{"index.js", "module.exports.handler = async () => 'plain';"}}) << R"("plain")";
    QTest::newRow("esm mjs with top-level await") << "app.handler"
        << files({{"app.mjs", "const base = await Promise.resolve(40);\n"
                              "export const handler = async (event) => base + event.n - 5;"}})
        << "42";
    QTest::newRow("esm by package.json") << "app.handler"
        << files({{"package.json", R"({"type": "module"})"},
                  {"app.js", "export async function handler(event) { return [event.n]; }"}})
        << "[7]";
    QTest::newRow("cjs file") << "lib.handler"
        << files({{"lib.cjs", "exports.handler = async () => null;"}}) << "null";
    QTest::newRow("nested folder") << "src/app.handler"
        << files({{"src/app.js", "exports.handler = async () => 'from src';"}}) << R"("from src")";
    QTest::newRow("nested property") << "file.a.b"
        << files({{"file.js", "exports.a = { b: async () => 'deep' };"}}) << R"("deep")";
    QTest::newRow("callback") << "index.handler"
        << files({{"index.js", "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { later: true }), 5); };"}})
        << R"({"later":true})";
    QTest::newRow("sync return") << "index.handler"
        << files({{"index.js", "exports.handler = (event) => event.n * 2;"}}) << "14";
    QTest::newRow("context.succeed") << "index.handler"
        << files({{"index.js", "exports.handler = (event, context) => { context.succeed('ok'); };"}})
        << R"("ok")";
    QTest::newRow("context.done") << "index.handler"
        << files({{"index.js", "exports.handler = (event, context) => { context.done(null, 5); };"}})
        << "5";
    QTest::newRow("undefined result") << "index.handler"
        << files({{"index.js", "exports.handler = async () => {};"}}) << "null";
}

void TestNodeRuntime::handlerStyles()
{
    QFETCH(QString, handler);
    QFETCH(QVariantMap, files);
    QFETCH(QString, expected);
    Files f;
    for (auto it = files.begin(); it != files.end(); ++it)
        f[it.key().toStdString()] = it.value().toString().toStdString();
    const std::string name = nextName();
    m_fixture->add(name, "nodejs20.x", handler.toStdString(), f);
    const InvocationResult r = m_fixture->invoke(name, R"({"n": 7})");
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(QString::fromStdString(r.payload), expected);
}

void TestNodeRuntime::callbackWaitsForTheEventLoop()
{
    // With callbackWaitsForEmptyEventLoop (the default) the answer waits for
    // the timer the handler left behind; without it, it does not.
    const char *code = R"js(
let fired = 0;
exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = event.wait;
  setTimeout(() => { fired++; }, 300);
  callback(null, { firedBefore: fired });
};)js";
    const std::string name = nextName();
    m_fixture->add(name, "nodejs20.x", "index.handler", {{"index.js", code}});
    QElapsedTimer timer;
    timer.start();
    InvocationResult r = m_fixture->invoke(name, R"({"wait": true})");
    QVERIFY(r.ok());
    QVERIFY2(timer.elapsed() >= 280, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(r.record.durationUs >= 280000);
    timer.restart();
    r = m_fixture->invoke(name, R"({"wait": false})");
    QVERIFY(r.ok());
    QCOMPARE(parsed(r.payload)["firedBefore"].get<int>(), 1);
    QVERIFY2(r.record.durationUs < 250000, qPrintable(QString::number(r.record.durationUs)));
}

void TestNodeRuntime::theFirstCompletionClaimsTheInvocation_data()
{
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("expected");
    // As AWS's runtime interface client (nodejs20.x/22.x): the callback came
    // first, so its value is the answer (delivered when the loop drains),
    // not the promise's that settled meanwhile.
    QTest::newRow("callback, then a promise") << "async (e, c, callback) => { callback(null, 'callback'); "
                                                 "await new Promise((r) => setTimeout(r, 50)); return 'promise'; }"
                                              << R"("callback")";
    QTest::newRow("promise settles first") << "(e, c, callback) => { setTimeout(() => callback(null, 'late'), 50); "
                                              "return Promise.resolve('promise'); }"
                                           << R"("promise")";
    // An error through the callback goes out at once, whatever was pending.
    QTest::newRow("callback error") << "(e, c, callback) => { setTimeout(() => {}, 2000); "
                                       "callback(new Error('boom')); }"
                                    << R"("errorMessage":"boom")";
    QTest::newRow("succeed, then callback") << "(e, c, callback) => { c.succeed('succeed'); callback(null, 'cb'); }"
                                            << R"("succeed")";
}

void TestNodeRuntime::theFirstCompletionClaimsTheInvocation()
{
    QFETCH(QString, handler);
    QFETCH(QString, expected);
    const std::string name = nextName();
    m_fixture->add(name, "nodejs22.x", "index.handler", {{"index.js", "exports.handler = " + handler.toStdString() + ";"}});
    QElapsedTimer timer;
    timer.start();
    const InvocationResult r = m_fixture->invoke(name);
    QVERIFY2(QString::fromStdString(r.payload).contains(expected), r.payload.c_str());
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
}

void TestNodeRuntime::contextHasLambdaFields()
{
    const char *code = R"js(
exports.handler = async (event, context) => {
  const first = context.getRemainingTimeInMillis();
  await new Promise((r) => setTimeout(r, 200));
  const second = context.getRemainingTimeInMillis();
  return { first, second, requestId: context.awsRequestId, name: context.functionName,
           version: context.functionVersion, arn: context.invokedFunctionArn,
           memory: context.memoryLimitInMB, group: context.logGroupName, stream: context.logStreamName,
           waits: context.callbackWaitsForEmptyEventLoop, client: context.clientContext,
           identity: context.identity };
};)js";
    m_fixture->add("ctx-node", "nodejs20.x", "index.handler", {{"index.js", code}},
                   [](FunctionConfig &c) { c.memoryMB = 256; c.timeoutS = 4; });
    InvocationRequest request;
    request.clientContext = R"({"custom": {"k": "v"}})";
    request.identity = R"({"cognitoIdentityId": "id-1"})";
    const InvocationResult r = m_fixture->runtime().invokeAndWait("ctx-node", request);
    QVERIFY2(r.ok(), r.payload.c_str());
    const Json c = parsed(r.payload);
    QCOMPARE(c["requestId"].get<std::string>(), r.record.requestId);
    QCOMPARE(c["name"].get<std::string>(), std::string("ctx-node"));
    QCOMPARE(c["version"].get<std::string>(), std::string("$LATEST"));
    QCOMPARE(c["arn"].get<std::string>(), std::string("arn:aws:lambda:us-east-1:000000000000:function:ctx-node"));
    QCOMPARE(c["memory"].get<std::string>(), std::string("256")); // a string, as on AWS
    QCOMPARE(c["group"].get<std::string>(), std::string("/aws/lambda/ctx-node"));
    QVERIFY(c["stream"].get<std::string>().find("[$LATEST]") != std::string::npos);
    QCOMPARE(c["waits"].get<bool>(), true);
    QCOMPARE(c["client"]["custom"]["k"].get<std::string>(), std::string("v"));
    QCOMPARE(c["identity"]["cognitoIdentityId"].get<std::string>(), std::string("id-1"));
    // Counting down to the real deadline.
    const int first = c["first"].get<int>(), second = c["second"].get<int>();
    QVERIFY2(first > 3800 && first <= 4000, qPrintable(QString::number(first)));
    QVERIFY2(first - second >= 190 && first - second < 400, qPrintable(QString::number(first - second)));
}

void TestNodeRuntime::environmentIsLambdasAndNothingOfOurs()
{
    m_fixture->add("env-node", "nodejs22.x", "index.handler",
                   {{"index.js", "exports.handler = async () => process.env;"}},
                   [](FunctionConfig &c) {
                       c.environment = {{"GREETING", "hi"}, {"TABLE", "t"}};
                       c.memoryMB = 512;
                       c.region = "eu-west-1";
                   });
    const InvocationResult r = m_fixture->invoke("env-node");
    QVERIFY2(r.ok(), r.payload.c_str());
    const Json env = parsed(r.payload);
    QCOMPARE(env["GREETING"].get<std::string>(), std::string("hi"));
    QCOMPARE(env["AWS_LAMBDA_FUNCTION_NAME"].get<std::string>(), std::string("env-node"));
    QCOMPARE(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].get<std::string>(), std::string("512"));
    QCOMPARE(env["AWS_LAMBDA_FUNCTION_VERSION"].get<std::string>(), std::string("$LATEST"));
    QCOMPARE(env["AWS_REGION"].get<std::string>(), std::string("eu-west-1"));
    QCOMPARE(env["AWS_EXECUTION_ENV"].get<std::string>(), std::string("AWS_Lambda_nodejs22.x"));
    QCOMPARE(env["_HANDLER"].get<std::string>(), std::string("index.handler"));
    QCOMPARE(env["TZ"].get<std::string>(), std::string(":UTC"));
    QVERIFY(env.contains("LAMBDA_TASK_ROOT"));
    QVERIFY(env.contains("AWS_LAMBDA_LOG_STREAM_NAME"));
    QVERIFY(!env.contains("STRATUS_TEST_SECRET"));
    QVERIFY(!env.contains("HOME"));
    QVERIFY(!env.contains("NODE_EXTRA_CA_CERTS"));
}

void TestNodeRuntime::valuesSurviveTheRoundTrip_data()
{
    QTest::addColumn<QString>("event");
    QTest::newRow("non-ASCII") << QStringLiteral(R"({"s":"héllo ✓ 工作 🚀"})");
    QTest::newRow("top-level array") << QStringLiteral(R"([1,"two",null,{"x":[]}])");
    QTest::newRow("null") << QStringLiteral("null");
    QTest::newRow("string") << QStringLiteral(R"("just text")");
    QTest::newRow("safe integers") << QStringLiteral(R"({"max":9007199254740991,"min":-9007199254740991})");
}

void TestNodeRuntime::valuesSurviveTheRoundTrip()
{
    QFETCH(QString, event);
    m_fixture->add("echo-node", "nodejs20.x", "index.handler",
                   {{"index.js", "exports.handler = async (event) => event;"}});
    const InvocationResult r = m_fixture->invoke("echo-node", event.toStdString());
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(QString::fromStdString(r.payload), event);
}

void TestNodeRuntime::errorsHaveNodeShape_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("errorMessage");
    QTest::newRow("thrown Error") << "exports.handler = async () => { throw new Error('boom'); };" << "Error" << "boom";
    QTest::newRow("thrown TypeError") << "exports.handler = async () => null.x;" << "TypeError" << "Cannot read properties of null (reading 'x')";
    QTest::newRow("custom error class") << "class OrderError extends Error { constructor(m) { super(m); this.name = 'OrderError'; } }\nexports.handler = async () => { throw new OrderError('no stock'); };" << "OrderError" << "no stock";
    QTest::newRow("callback error") << "exports.handler = (e, c, cb) => cb(new RangeError('too far'));" << "RangeError" << "too far";
    QTest::newRow("callback string") << "exports.handler = (e, c, cb) => cb('plain failure');" << "string" << "plain failure";
    QTest::newRow("context.fail") << "exports.handler = (e, c) => c.fail(new Error('failed'));" << "Error" << "failed";
    QTest::newRow("result not serialisable") << "exports.handler = async () => ({ n: 10n });" << "Runtime.MarshalError" << "";
}

void TestNodeRuntime::errorsHaveNodeShape()
{
    QFETCH(QString, code);
    QFETCH(QString, errorType);
    QFETCH(QString, errorMessage);
    const std::string name = nextName();
    m_fixture->add(name, "nodejs20.x", "index.handler", {{"index.js", code.toStdString()}});
    const InvocationResult r = m_fixture->invoke(name);
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    const Json e = parsed(r.payload);
    QCOMPARE(QString::fromStdString(e["errorType"].get<std::string>()), errorType);
    if (!errorMessage.isEmpty())
        QCOMPARE(QString::fromStdString(e["errorMessage"].get<std::string>()), errorMessage);
    QVERIFY(e["trace"].is_array());
    QCOMPARE(QString::fromStdString(r.record.errorType), errorType);
    // The instance survives a handled error and serves the next call warm.
    const InvocationResult again = m_fixture->invoke(name);
    QVERIFY(!again.record.coldStart);
}

void TestNodeRuntime::initErrors_data()
{
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("syntax error") << "index.handler" << "exports.handler = async () => {{;" << "Runtime.UserCodeSyntaxError" << "SyntaxError";
    QTest::newRow("handler file missing") << "missing.handler" << "exports.handler = 1;" << "Runtime.ImportModuleError" << "Cannot find module 'missing'";
    QTest::newRow("require of missing module") << "index.handler" << "require('left-pad');\nexports.handler = async () => 1;" << "Runtime.ImportModuleError" << "left-pad";
    QTest::newRow("handler not exported") << "index.handler" << "exports.other = async () => 1;" << "Runtime.HandlerNotFound" << "index.handler is undefined or not exported";
    QTest::newRow("handler not a function") << "index.handler" << "exports.handler = 42;" << "Runtime.HandlerNotFound" << "not a function";
    QTest::newRow("module throws at import") << "index.handler" << "throw new Error('config missing');" << "Error" << "config missing";
}

void TestNodeRuntime::initErrors()
{
    QFETCH(QString, handler);
    QFETCH(QString, code);
    QFETCH(QString, errorType);
    QFETCH(QString, messagePart);
    const std::string name = nextName();
    m_fixture->add(name, "nodejs20.x", handler.toStdString(), {{"index.js", code.toStdString()}});
    for (int attempt = 0; attempt < 2; ++attempt) {
        // Each attempt is a fresh cold start that fails the same way, as on AWS.
        const InvocationResult r = m_fixture->invoke(name);
        QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
        QVERIFY(r.record.coldStart);
        const Json e = parsed(r.payload);
        QCOMPARE(QString::fromStdString(e["errorType"].get<std::string>()), errorType);
        QVERIFY2(QString::fromStdString(e["errorMessage"].get<std::string>()).contains(messagePart),
                 r.payload.c_str());
    }
    // And another function is not disturbed.
    m_fixture->add("healthy", "nodejs20.x", "index.handler",
                   {{"index.js", "exports.handler = async () => 'fine';"}});
    QVERIFY(m_fixture->invoke("healthy").ok());
}

void TestNodeRuntime::logsAreCapturedPerInvocation()
{
    const char *code = R"js(
console.log('loading');
exports.handler = async (event) => {
  console.log('handling', event.n);
  console.error('to stderr');
  process.stdout.write('raw line\n');
  return 'result only';
};)js";
    m_fixture->add("logs-node", "nodejs20.x", "index.handler", {{"index.js", code}});
    InvocationResult first = m_fixture->invoke("logs-node", R"({"n": 1})");
    QVERIFY(first.ok());
    QCOMPARE(first.payload, std::string(R"("result only")"));
    const QString logs = stratus::test::logsOf(first);
    QVERIFY2(logs.contains(QStringLiteral("INFO\tloading")), qPrintable(logs));
    QVERIFY(logs.indexOf(QStringLiteral("loading")) < logs.indexOf(QStringLiteral("START RequestId:")));
    QVERIFY(logs.contains(QString::fromStdString(first.record.requestId) + QStringLiteral("\tINFO\thandling 1")));
    QVERIFY(logs.contains(QStringLiteral("ERROR\tto stderr")));
    QVERIFY(logs.contains(QStringLiteral("\nraw line\n")));
    QVERIFY(logs.contains(QStringLiteral("END RequestId: ") + QString::fromStdString(first.record.requestId)));
    QVERIFY(QString::fromStdString(first.record.logs.back()).startsWith(QStringLiteral("REPORT RequestId: ")));
    QVERIFY(QString::fromStdString(first.record.logs.back()).contains(QStringLiteral("Init Duration: ")));

    InvocationResult second = m_fixture->invoke("logs-node", R"({"n": 2})");
    const QString logs2 = stratus::test::logsOf(second);
    QVERIFY(!logs2.contains(QStringLiteral("loading")));
    QVERIFY(!logs2.contains(QStringLiteral("handling 1")));
    QVERIFY(logs2.contains(QStringLiteral("handling 2")));
    QVERIFY(!logs2.contains(QStringLiteral("Init Duration")));
}


void TestNodeRuntime::theChosenInterpreterRunsOrFallsBackSayingWhy()
{
    QTemporaryDir bin;
    auto script = [&](const char *name, const QByteArray &body) {
        const QString path = bin.filePath(QLatin1String(name));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\n" + body + "\n");
        f.close();
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    };
    // A wrapper that marks the processes it starts, so the function can tell.
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY(!node.isEmpty());
    script("my-node", "STRATUS_WRAPPED=yes exec " + node.toUtf8() + " \"$@\"");
    script("not-node", "echo 'hello from a shell script'");

    std::vector<std::string> warnings;
    FunctionRuntime::Options options;
    options.warn = [&](const std::string &w) { warnings.push_back(w); };
    RuntimeFixture fixture(options);
    const char *code = "exports.handler = async () => process.env.STRATUS_WRAPPED || 'plain';";
    struct Case
    {
        QString chosen;
        const char *ran;
        const char *warning; // empty: none
    };
    const std::vector<Case> cases = {
        {bin.filePath(QStringLiteral("my-node")), "\"yes\"", ""},
        {bin.filePath(QStringLiteral("not-node")), "\"plain\"", "is not Node.js (its --version printed \"hello from a shell script\")"},
        {bin.filePath(QStringLiteral("missing")), "\"plain\"", "does not exist"},
        {QStringLiteral("node"), "\"plain\"", "is not an absolute path"},
    };
    for (size_t i = 0; i < cases.size(); ++i) {
        qputenv("STRATUS_NODE", cases[i].chosen.toUtf8());
        warnings.clear();
        const std::string name = "chosen" + std::to_string(i);
        fixture.add(name, "nodejs20.x", "index.handler", {{"index.js", code}}); // Debian 12's Node.js is 20
        const InvocationResult r = fixture.invoke(name);
        QVERIFY2(r.ok(), r.payload.c_str());
        QCOMPARE(r.payload, std::string(cases[i].ran));
        if (*cases[i].warning == 0) {
            for (const std::string &w : warnings)
                QVERIFY2(w.find("chosen") == std::string::npos && w.find("instead") == std::string::npos, w.c_str());
        } else {
            QVERIFY2(warnings.size() == 1, cases[i].warning);
            QVERIFY2(warnings[0].find(cases[i].warning) != std::string::npos, warnings[0].c_str());
            QVERIFY2(warnings[0].find("instead") != std::string::npos, warnings[0].c_str());
        }
    }
    qunsetenv("STRATUS_NODE");
    auto python = checkInterpreter(RuntimeLanguage::Python, node);
    QVERIFY(!python);
    QVERIFY2(python.status().message().find("is not Python 3") != std::string::npos, python.status().message().c_str());
    auto real = checkInterpreter(RuntimeLanguage::NodeJs, node);
    QVERIFY2(real, real.status().message().c_str());
    QVERIFY(real->version.find('.') != std::string::npos);
}
QTEST_GUILESS_MAIN(TestNodeRuntime)
#include "tst_noderuntime.moc"
