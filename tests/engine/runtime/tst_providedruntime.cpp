// provided.al2023: the function's own `bootstrap` against the engine's Lambda
// Runtime API (2018-06-01), written as a shell script with curl and as a
// Python script with only the standard library, plus the ways a bootstrap
// can misbehave.

#include "runtimetest.h"

#include "engine/model/text.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace stratus::engine;
using stratus::test::parsed;
using stratus::test::RuntimeFixture;

namespace {

// Bootstraps live in tests/data/runtime (moc reads '#!' lines in a source as
// directives, so they cannot be inline strings):
//   echo-bootstrap.sh     echoes the event with the invocation's headers, over curl
//   python-bootstrap.py   does what the event asks, to exercise each path
std::string bootstrap(const char *name)
{
    QFile f(QStringLiteral(STRATUS_TEST_DATA_DIR "/runtime/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll().toStdString();
}

} // namespace

class TestProvidedRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shellBootstrapWithCurl();
    void pythonBootstrapStaysWarm();
    void errorsAndInitErrors();
    void misbehavingBootstraps();
    void onlyTheInstanceMayUseItsEndpoint();
    void officialNodeRuntimeInterfaceClient();
    void missingBootstrap();
    void bootstrapThatCannotBeExecuted();
    void hostileErrorPostsNeverBreakTheEngine();
    void bootstrapThatNeverAsksForWork();

private:
    std::unique_ptr<RuntimeFixture> m_fixture;
};

void TestProvidedRuntime::initTestCase()
{
    m_fixture = std::make_unique<RuntimeFixture>();
}

void TestProvidedRuntime::shellBootstrapWithCurl()
{
    m_fixture->add("shell", "provided.al2023", "bootstrap", {{"bootstrap", bootstrap("echo-bootstrap.sh")}});
    const InvocationResult r = m_fixture->invoke("shell", R"({"n": [1, 2, 3]})");
    QVERIFY2(r.ok(), r.payload.c_str());
    QVERIFY(r.record.coldStart);
    const Json answer = parsed(r.payload);
    QCOMPARE(answer["event"]["n"].size(), size_t(3));
    QCOMPARE(answer["id"].get<std::string>(), r.record.requestId);
    QCOMPARE(answer["arn"].get<std::string>(), std::string("arn:aws:lambda:us-east-1:000000000000:function:shell"));
    const long long deadline = answer["deadline"].get<long long>();
    QVERIFY(deadline - QDateTime::currentMSecsSinceEpoch() > 3000);
    QVERIFY(stratus::test::logsOf(r).contains(QStringLiteral("handling ") + QString::fromStdString(r.record.requestId)));
    QVERIFY(r.record.maxMemoryUsedMB > 0);
}

void TestProvidedRuntime::pythonBootstrapStaysWarm()
{
    m_fixture->add("py-rapi", "provided.al2023", "bootstrap", {{"bootstrap", bootstrap("python-bootstrap.py")}});
    const InvocationResult first = m_fixture->invoke("py-rapi", R"({"a": 1})");
    QVERIFY2(first.ok(), first.payload.c_str());
    QCOMPARE(parsed(first.payload)["got"]["a"].get<int>(), 1);
    for (int i = 0; i < 5; ++i) {
        const InvocationResult r = m_fixture->invoke("py-rapi", R"([)" + std::to_string(i) + "]");
        QVERIFY2(r.ok(), r.payload.c_str());
        QVERIFY(!r.record.coldStart);
        QCOMPARE(parsed(r.payload)["got"][0].get<int>(), i);
    }
}

void TestProvidedRuntime::errorsAndInitErrors()
{
    const InvocationResult r = m_fixture->invoke("py-rapi", R"({"action": "error"})");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QCOMPARE(r.record.errorType, std::string("HandlerError"));
    QCOMPARE(parsed(r.payload)["errorMessage"].get<std::string>(), std::string("it broke"));
    QVERIFY(m_fixture->invoke("py-rapi", "{}").ok()); // still serving

    m_fixture->add("init-fails", "provided.al2023", "bootstrap", {{"bootstrap", bootstrap("python-bootstrap.py")}},
                   [](FunctionConfig &c) { c.environment = {{"MODE", "init-error"}}; });
    const InvocationResult init = m_fixture->invoke("init-fails");
    QCOMPARE(int(init.record.status), int(InvocationStatus::Error));
    QCOMPARE(init.record.errorType, std::string("ConfigError"));
    QCOMPARE(parsed(init.payload)["errorMessage"].get<std::string>(), std::string("no config"));
}

void TestProvidedRuntime::misbehavingBootstraps()
{
    // A response that is not JSON fails the invocation, not the engine.
    InvocationResult r = m_fixture->invoke("py-rapi", R"({"action": "garbage"})");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QCOMPARE(r.record.errorType, std::string("Runtime.InvalidResponse"));
    // An answer for another request id is refused (400), and the right one
    // still counts.
    r = m_fixture->invoke("py-rapi", R"({"action": "wrong-id"})");
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(parsed(r.payload)["after"].get<int>(), 400);
    QVERIFY(stratus::test::logsOf(r).contains(QStringLiteral("wrong id answered 400")));
}

void TestProvidedRuntime::onlyTheInstanceMayUseItsEndpoint()
{
    // The address is host:port, as AWS gives it (runtime clients parse it so).
    const InvocationResult r = m_fixture->invoke("py-rapi", R"({"action": "address"})");
    QVERIFY2(r.ok(), r.payload.c_str());
    const QString api = QString::fromStdString(parsed(r.payload)["api"].get<std::string>());
    QVERIFY2(QRegularExpression(QStringLiteral("^127\\.0\\.0\\.1:[0-9]+$")).match(api).hasMatch(), qPrintable(api));
    // Another process (this test) asking for the instance's next event is refused.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, api.section(QLatin1Char(':'), 1).toUShort());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: " + api.toLatin1() + "\r\n\r\n");
    // The server runs on this thread's event loop: spin it while waiting.
    QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0, 5000);
    const QByteArray answer = socket.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
    // And the instance is not disturbed by it.
    QVERIFY(m_fixture->invoke("py-rapi", R"({"n": 1})").ok());
}

void TestProvidedRuntime::officialNodeRuntimeInterfaceClient()
{
    // AWS's own client (npm aws-lambda-ric, with its native part), unchanged.
    // It needs a build toolchain and the npm registry, so the suite runs it
    // only where it was installed: STRATUS_NODE_RIC=/path/to/node_modules/aws-lambda-ric
    // (installer/setup-deps.sh --dev-tools, then `npm install aws-lambda-ric`).
    const QByteArray ric = qgetenv("STRATUS_NODE_RIC");
    if (ric.isEmpty())
        QSKIP("STRATUS_NODE_RIC is not set");
    const std::string bootstrap = "#!/bin/sh\nexec /usr/bin/node " + ric.toStdString()
                                  + "/bin/index.mjs \"$_HANDLER\"\n";
    m_fixture->add("ric", "provided.al2023", "index.handler",
                   {{"bootstrap", bootstrap},
                    {"index.js", "exports.handler = async (event, context) => {\n"
                                 "  if (event.fail) throw new RangeError('from the RIC');\n"
                                 "  return { event, id: context.awsRequestId };\n};\n"}});
    for (int i = 0; i < 3; ++i) {
        const InvocationResult r = m_fixture->invoke("ric", R"({"n": 5})");
        QVERIFY2(r.ok(), r.payload.c_str());
        QCOMPARE(parsed(r.payload)["id"].get<std::string>(), r.record.requestId);
        QCOMPARE(r.record.coldStart, i == 0);
    }
    const InvocationResult failed = m_fixture->invoke("ric", R"({"fail": true})");
    QCOMPARE(int(failed.record.status), int(InvocationStatus::Error));
    QCOMPARE(parsed(failed.payload)["errorType"].get<std::string>(), std::string("RangeError"));
}

void TestProvidedRuntime::missingBootstrap()
{
    m_fixture->add("no-bootstrap", "provided.al2023", "bootstrap", {{"main.sh", "echo hi"}});
    const InvocationResult r = m_fixture->invoke("no-bootstrap");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QCOMPARE(r.record.errorType, std::string("Runtime.InvalidEntrypoint"));
    QVERIFY(r.record.errorMessage.find("bootstrap") != std::string::npos);
}

void TestProvidedRuntime::bootstrapThatCannotBeExecuted()
{
    // The exec itself fails (its interpreter does not exist): reported once,
    // after start() returned, as Lambda names it, and the next call fails alike.
    m_fixture->add("bad-shebang", "provided.al2", "bootstrap", {{"bootstrap", "#!/no/such/interpreter\n"}});
    for (int i = 0; i < 2; ++i) {
        const InvocationResult r = m_fixture->invoke("bad-shebang");
        QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
        QCOMPARE(r.record.errorType, std::string("Runtime.InvalidEntrypoint"));
        QVERIFY2(r.record.errorMessage.find("cannot start") != std::string::npos, r.record.errorMessage.c_str());
    }
}

void TestProvidedRuntime::hostileErrorPostsNeverBreakTheEngine()
{
    // Found by fuzz_runtimeapi: an errorType that is not a string, and bytes
    // that are not UTF-8, in what a bootstrap posts. Each used to throw out of
    // the engine's handler (a crash of the whole process).
    const char *script = R"sh(#!/bin/sh
API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
n=0
while true; do
  ID=$(curl -sS -D - -o /dev/null "$API/invocation/next" | tr -d '\r' | sed -n 's/^[Ll]ambda-[Rr]untime-[Aa]ws-[Rr]equest-[Ii]d: //p')
  n=$((n + 1))
  if [ $n = 1 ]; then body='{"errorType": 5, "errorMessage": "typed badly"}'; else body=$(printf '{"errorMessage": "\377\376"}'); fi
  printf '%s' "$body" | curl -sS -X POST -H "Lambda-Runtime-Function-Error-Type: $(printf 'Bad\351')" --data-binary @- "$API/invocation/$ID/error" >/dev/null
done
)sh";
    m_fixture->add("hostile", "provided.al2023", "bootstrap", {{"bootstrap", script}});
    InvocationResult r = m_fixture->invoke("hostile");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QCOMPARE(parsed(r.payload)["errorMessage"].get<std::string>(), std::string("typed badly"));
    QVERIFY2(r.record.errorType.starts_with("Bad"), r.record.errorType.c_str()); // the header's type, made printable
    r = m_fixture->invoke("hostile");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QVERIFY2(isValidUtf8(r.payload), r.payload.c_str());
    QVERIFY(parsed(r.payload).contains("errorMessage"));
}

void TestProvidedRuntime::bootstrapThatNeverAsksForWork()
{
    m_fixture->add("sleepy", "provided.al2023", "bootstrap", {{"bootstrap", bootstrap("python-bootstrap.py")}},
                   [](FunctionConfig &c) {
                       c.environment = {{"MODE", "never-next"}};
                       c.timeoutS = 1;
                       c.initTimeoutMs = 1500;
                   });
    QElapsedTimer timer;
    timer.start();
    const InvocationResult r = m_fixture->invoke("sleepy");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Timeout));
    QVERIFY(timer.elapsed() >= 1400 && timer.elapsed() < 5000);
    QTRY_COMPARE(m_fixture->runtime().pool("sleepy")->instanceCount(), 0);
}

QTEST_GUILESS_MAIN(TestProvidedRuntime)
#include "tst_providedruntime.moc"
