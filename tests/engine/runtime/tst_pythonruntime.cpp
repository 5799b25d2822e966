// The Python runtime with real python processes: the handler contract, the
// context, the environment, exact values, and errors in the shapes AWS's
// Python runtime reports.

#include "runtimetest.h"

#include <QTest>

using namespace stratus::engine;
using stratus::test::parsed;
using stratus::test::RuntimeFixture;

class TestPythonRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handlerStyles_data();
    void handlerStyles();
    void contextHasLambdaFields();
    void environmentIsLambdasAndNothingOfOurs();
    void valuesSurviveExactly_data();
    void valuesSurviveExactly();
    void errorsHavePythonShape_data();
    void errorsHavePythonShape();
    void initErrors_data();
    void initErrors();
    void loggingHasLambdaFormat();

private:
    std::unique_ptr<RuntimeFixture> m_fixture;
    int m_counter = 0;
};

void TestPythonRuntime::initTestCase()
{
    qputenv("STRATUS_TEST_SECRET", "must-not-leak");
    m_fixture = std::make_unique<RuntimeFixture>();
}

void TestPythonRuntime::handlerStyles_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "python3.11" << "app.handler" << "app.py"
                           << "def handler(event, context):\n    return {'got': event['n']}\n" << R"({"got": 7})";
    QTest::newRow("3.12 runtime") << "python3.12" << "app.handler" << "app.py"
                                  << "def handler(event, context):\n    return event['n'] * 6\n" << "42";
    QTest::newRow("src folder") << "python3.12" << "src/app.handler" << "src/app.py"
                                << "def handler(event, context):\n    return 'from src'\n" << R"("from src")";
    QTest::newRow("package module") << "python3.12" << "pkg.mod.handler" << "pkg/mod.py"
                                    << "from . import helper\ndef handler(event, context):\n    return helper.VALUE\n" << R"("helped")";
    QTest::newRow("returns None") << "python3.11" << "app.handler" << "app.py"
                                  << "def handler(event, context):\n    pass\n" << "null";
    QTest::newRow("module state") << "python3.11" << "app.handler" << "app.py"
                                  << "calls = 0\ndef handler(event, context):\n    global calls\n    calls += 1\n    return calls\n" << "1";
}

void TestPythonRuntime::handlerStyles()
{
    QFETCH(QString, runtime);
    QFETCH(QString, handler);
    QFETCH(QString, path);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    const std::string name = "py" + std::to_string(++m_counter);
    stratus::test::Files files{{path.toStdString(), code.toStdString()}};
    if (path.startsWith(QLatin1String("pkg/"))) {
        files["pkg/__init__.py"] = "";
        files["pkg/helper.py"] = "VALUE = 'helped'\n";
    }
    m_fixture->add(name, runtime.toStdString(), handler.toStdString(), files);
    const InvocationResult r = m_fixture->invoke(name, R"({"n": 7})");
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(QString::fromStdString(r.payload), expected);
}

void TestPythonRuntime::contextHasLambdaFields()
{
    const char *code = R"py(import time
def handler(event, context):
    first = context.get_remaining_time_in_millis()
    time.sleep(0.2)
    second = context.get_remaining_time_in_millis()
    return {"first": first, "second": second, "id": context.aws_request_id,
            "name": context.function_name, "version": context.function_version,
            "arn": context.invoked_function_arn, "memory": context.memory_limit_in_mb,
            "group": context.log_group_name, "stream": context.log_stream_name,
            "cognito": context.identity.cognito_identity_id,
            "custom": context.client_context.custom if context.client_context else None}
)py";
    m_fixture->add("ctx-py", "python3.12", "app.handler", {{"app.py", code}},
                   [](FunctionConfig &c) { c.timeoutS = 2; c.memoryMB = 1024; });
    InvocationRequest request;
    request.clientContext = R"({"custom": {"k": "v"}})";
    request.identity = R"({"cognitoIdentityId": "id-9"})";
    const InvocationResult r = m_fixture->runtime().invokeAndWait("ctx-py", request);
    QVERIFY2(r.ok(), r.payload.c_str());
    const Json c = parsed(r.payload);
    QCOMPARE(c["id"].get<std::string>(), r.record.requestId);
    QCOMPARE(c["name"].get<std::string>(), std::string("ctx-py"));
    QCOMPARE(c["version"].get<std::string>(), std::string("$LATEST"));
    QCOMPARE(c["memory"].get<std::string>(), std::string("1024"));
    QCOMPARE(c["group"].get<std::string>(), std::string("/aws/lambda/ctx-py"));
    QCOMPARE(c["arn"].get<std::string>(), std::string("arn:aws:lambda:us-east-1:000000000000:function:ctx-py"));
    QCOMPARE(c["cognito"].get<std::string>(), std::string("id-9"));
    QCOMPARE(c["custom"]["k"].get<std::string>(), std::string("v"));
    const int first = c["first"].get<int>(), second = c["second"].get<int>();
    QVERIFY2(first > 1800 && first <= 2000, qPrintable(QString::number(first)));
    QVERIFY2(first - second >= 190 && first - second < 400, qPrintable(QString::number(first - second)));
}

void TestPythonRuntime::environmentIsLambdasAndNothingOfOurs()
{
    m_fixture->add("env-py", "python3.11", "app.handler",
                   {{"app.py", "import os\ndef handler(event, context):\n    return dict(os.environ)\n"}},
                   [](FunctionConfig &c) { c.environment = {{"STAGE", "dev"}}; });
    const InvocationResult r = m_fixture->invoke("env-py");
    QVERIFY2(r.ok(), r.payload.c_str());
    const Json env = parsed(r.payload);
    QCOMPARE(env["STAGE"].get<std::string>(), std::string("dev"));
    QCOMPARE(env["AWS_EXECUTION_ENV"].get<std::string>(), std::string("AWS_Lambda_python3.11"));
    QCOMPARE(env["AWS_LAMBDA_FUNCTION_NAME"].get<std::string>(), std::string("env-py"));
    QCOMPARE(env["TZ"].get<std::string>(), std::string(":UTC"));
    QCOMPARE(env["_HANDLER"].get<std::string>(), std::string("app.handler"));
    QVERIFY(!env.contains("STRATUS_TEST_SECRET"));
    QVERIFY(!env.contains("HOME"));
}

void TestPythonRuntime::valuesSurviveExactly_data()
{
    QTest::addColumn<QString>("event");
    QTest::newRow("huge integers") << QStringLiteral(R"({"a": 123456789012345678901234567890, "b": -9223372036854775809})");
    QTest::newRow("non-ASCII") << QStringLiteral(R"({"s": "héllo ✓ 工作 🚀"})");
    QTest::newRow("top-level array") << QStringLiteral(R"([1, "two", null, {"x": []}])");
    QTest::newRow("null") << QStringLiteral("null");
}

void TestPythonRuntime::valuesSurviveExactly()
{
    QFETCH(QString, event);
    m_fixture->add("echo-py", "python3.12", "app.handler",
                   {{"app.py", "def handler(event, context):\n    return event\n"}});
    const InvocationResult r = m_fixture->invoke("echo-py", event.toStdString());
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(QString::fromStdString(r.payload), event);
}

void TestPythonRuntime::errorsHavePythonShape_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("errorMessage");
    QTest::newRow("raise") << "def handler(event, context):\n    raise ValueError('bad order')\n" << "ValueError" << "bad order";
    QTest::newRow("key error") << "def handler(event, context):\n    return event['missing']\n" << "KeyError" << "'missing'";
    QTest::newRow("custom exception") << "class OrderError(Exception):\n    pass\ndef handler(event, context):\n    raise OrderError('no stock')\n" << "OrderError" << "no stock";
    QTest::newRow("not serialisable") << "def handler(event, context):\n    return {1, 2}\n" << "Runtime.MarshalError" << "Unable to marshal response: Object of type set is not JSON serializable";
}

void TestPythonRuntime::errorsHavePythonShape()
{
    QFETCH(QString, code);
    QFETCH(QString, errorType);
    QFETCH(QString, errorMessage);
    const std::string name = "err" + std::to_string(++m_counter);
    m_fixture->add(name, "python3.12", "app.handler", {{"app.py", code.toStdString()}});
    const InvocationResult r = m_fixture->invoke(name);
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    const Json e = parsed(r.payload);
    QCOMPARE(QString::fromStdString(e["errorType"].get<std::string>()), errorType);
    QCOMPARE(QString::fromStdString(e["errorMessage"].get<std::string>()), errorMessage);
    QCOMPARE(e["requestId"].get<std::string>(), r.record.requestId);
    QVERIFY(e["stackTrace"].is_array());
    QVERIFY(!m_fixture->invoke(name).record.coldStart); // the instance lives on
}

void TestPythonRuntime::initErrors_data()
{
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("syntax error") << "app.handler" << "def handler(event, context)\n    return 1\n" << "Runtime.UserCodeSyntaxError" << "Syntax error in module 'app'";
    QTest::newRow("module missing") << "nothere.handler" << "" << "Runtime.ImportModuleError" << "Unable to import module 'nothere'";
    QTest::newRow("import of missing package") << "app.handler" << "import requests_that_do_not_exist\ndef handler(e, c):\n    return 1\n" << "Runtime.ImportModuleError" << "No module named 'requests_that_do_not_exist'";
    QTest::newRow("handler missing") << "app.handler" << "def other(event, context):\n    return 1\n" << "Runtime.HandlerNotFound" << "Handler 'handler' missing on module 'app'";
    QTest::newRow("handler not callable") << "app.handler" << "handler = 5\n" << "Runtime.HandlerNotFound" << "not callable";
    QTest::newRow("raises at import") << "app.handler" << "raise RuntimeError('no config')\n" << "RuntimeError" << "no config";
}

void TestPythonRuntime::initErrors()
{
    QFETCH(QString, handler);
    QFETCH(QString, code);
    QFETCH(QString, errorType);
    QFETCH(QString, messagePart);
    const std::string name = "init" + std::to_string(++m_counter);
    m_fixture->add(name, "python3.11", handler.toStdString(), {{"app.py", code.toStdString()}});
    const InvocationResult r = m_fixture->invoke(name);
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QVERIFY(r.record.coldStart);
    const Json e = parsed(r.payload);
    QCOMPARE(QString::fromStdString(e["errorType"].get<std::string>()), errorType);
    QVERIFY2(QString::fromStdString(e["errorMessage"].get<std::string>()).contains(messagePart), r.payload.c_str());
}

void TestPythonRuntime::loggingHasLambdaFormat()
{
    const char *code = R"py(import logging
import sys
logger = logging.getLogger()
logger.setLevel(logging.INFO)
print("at import")
def handler(event, context):
    print("printed")
    logger.info("logged %s", 42)
    sys.stderr.write("to stderr\n")
    return "ok"
)py";
    m_fixture->add("log-py", "python3.12", "app.handler", {{"app.py", code}});
    const InvocationResult r = m_fixture->invoke("log-py");
    QVERIFY(r.ok());
    QCOMPARE(r.payload, std::string(R"("ok")"));
    const QString logs = stratus::test::logsOf(r);
    QVERIFY2(logs.indexOf(QStringLiteral("at import")) < logs.indexOf(QStringLiteral("START RequestId")), qPrintable(logs));
    QVERIFY(logs.contains(QStringLiteral("\nprinted\n")));
    QVERIFY(logs.contains(QStringLiteral("[INFO]\t")));
    QVERIFY(logs.contains(QString::fromStdString(r.record.requestId) + QStringLiteral("\tlogged 42")));
    QVERIFY(logs.contains(QStringLiteral("to stderr")));
}

QTEST_GUILESS_MAIN(TestPythonRuntime)
#include "tst_pythonruntime.moc"
