// Instances and their lifecycle with real processes: warm reuse, timeouts and
// crashes that fail only their invocation, the memory limit, response and
// output limits, reserved concurrency, the machine-wide cap, keep-warm expiry,
// and that nothing is left running after the engine stops.

#include "runtimetest.h"

#include "engine/runtime/cpushare.h"
#include "engine/runtime/worker.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <set>

using namespace stratus::engine;
using stratus::test::parsed;
using stratus::test::processExists;
using stratus::test::RuntimeFixture;

namespace {

/// Starts an invocation and returns a slot that holds its result when done.
std::shared_ptr<std::optional<InvocationResult>> start(FunctionRuntime &runtime,
                                                       const std::string &name,
                                                       const std::string &event = "{}",
                                                       bool asynchronous = false)
{
    auto slot = std::make_shared<std::optional<InvocationResult>>();
    InvocationRequest request;
    request.payload = event;
    request.asynchronous = asynchronous;
    runtime.invoke(name, request, [slot](InvocationResult r) { *slot = std::move(r); });
    return slot;
}

const char *kSlowNode = "exports.handler = async (e) => { await new Promise(r => setTimeout(r, e.ms || 0)); return process.pid; };";

} // namespace

class TestFunctionPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void warmInstancesKeepModuleState();
    void timeoutKillsTheInstanceAndAFreshOneServesNext();
    void crashesFailOnlyTheirInvocation_data();
    void crashesFailOnlyTheirInvocation();
    void memoryLimitIsEnforced_data();
    void memoryLimitIsEnforced();
    void responseOverSixMegabytesIsRefused();
    void hugeOutputIsCappedNotHoarded();
    void reservedConcurrencyThrottlesSyncAndQueuesAsync();
    void machineCapMakesCallersWait();
    void idleInstancesExpire();
    void nothingIsLeftRunning();
    void warnsOnceWhenNodeVersionDiffers();
    void requestIdsAreUniqueAndTimeOrdered();
    void reportLineHasAwsFormat();
    void billingRoundsUpToTheMillisecond_data();
    void billingRoundsUpToTheMillisecond();
    void cpuShareFollowsMemory_data();
    void cpuShareFollowsMemory();
    void estimatedDurationStretchesOnlyCpuTime();
};

void TestFunctionPool::warmInstancesKeepModuleState()
{
    RuntimeFixture f;
    f.add("counter", "nodejs20.x", "index.handler",
          {{"index.js", "let n = 0;\nexports.handler = async () => ({ n: ++n, pid: process.pid });"}});
    const InvocationResult first = f.invoke("counter");
    const InvocationResult second = f.invoke("counter");
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first.record.coldStart);
    QVERIFY(first.record.initDurationUs > 0);
    QVERIFY(!second.record.coldStart);
    QCOMPARE(second.record.initDurationUs, 0);
    QCOMPARE(parsed(second.payload)["n"].get<int>(), 2);
    QCOMPARE(parsed(second.payload)["pid"].get<qint64>(), parsed(first.payload)["pid"].get<qint64>());
    QCOMPARE(f.runtime().pool("counter")->instanceCount(), 1);
}

void TestFunctionPool::timeoutKillsTheInstanceAndAFreshOneServesNext()
{
    RuntimeFixture f;
    f.add("loop", "nodejs20.x", "index.handler",
          {{"index.js", "exports.handler = async (e) => { if (e.loop) for (;;) {} return process.pid; };"}},
          [](FunctionConfig &c) { c.timeoutS = 1; });
    const InvocationResult warm = f.invoke("loop");
    const qint64 oldPid = parsed(warm.payload).get<qint64>();
    QElapsedTimer timer;
    timer.start();
    const InvocationResult r = f.invoke("loop", R"({"loop": true})");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Timeout));
    QVERIFY(timer.elapsed() >= 1000 && timer.elapsed() < 2500);
    // Lambda's current shape (docs/runtime.md cites the page).
    QCOMPARE(parsed(r.payload)["errorType"].get<std::string>(), std::string("Sandbox.Timedout"));
    QCOMPARE(parsed(r.payload)["errorMessage"].get<std::string>(),
             "RequestId: " + r.record.requestId + " Error: Task timed out after 1.00 seconds");
    QVERIFY(std::any_of(r.record.logs.begin(), r.record.logs.end(), [&](const std::string &line) {
        return line.ends_with(r.record.requestId + " Task timed out after 1.00 seconds");
    }));
    QCOMPARE(r.record.durationUs, 1000000);
    QVERIFY(stratus::test::logsOf(r).contains(QStringLiteral("Task timed out after 1.00 seconds")));
    QVERIFY(!processExists(oldPid));
    const InvocationResult next = f.invoke("loop");
    QVERIFY(next.ok());
    QVERIFY(next.record.coldStart);
    QVERIFY(parsed(next.payload).get<qint64>() != oldPid);
}

void TestFunctionPool::crashesFailOnlyTheirInvocation_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("process.exit(3)") << "nodejs20.x" << "exports.handler = async (e) => { if (e.die) process.exit(3); return 'alive'; };" << "Runtime exited with error: exit status 3";
    QTest::newRow("SIGKILL") << "nodejs20.x" << "exports.handler = async (e) => { if (e.die) process.kill(process.pid, 'SIGKILL'); return 'alive'; };" << "Runtime exited with error: signal: Killed";
    QTest::newRow("os._exit(3)") << "python3.12" << "import os\ndef handler(e, c):\n    if e.get('die'):\n        os._exit(3)\n    return 'alive'\n" << "Runtime exited with error: exit status 3";
    QTest::newRow("unhandled rejection") << "nodejs20.x" << "exports.handler = async (e) => { if (e.die) Promise.reject(new Error('lost')); await new Promise(r => setTimeout(r, 50)); return 'alive'; };" << "Runtime exited with error: exit status 128";
}

void TestFunctionPool::crashesFailOnlyTheirInvocation()
{
    QFETCH(QString, runtime);
    QFETCH(QString, code);
    QFETCH(QString, message);
    RuntimeFixture f;
    const bool python = runtime.startsWith(QLatin1String("python"));
    f.add("crash", runtime.toStdString(), python ? "app.handler" : "index.handler",
          {{python ? "app.py" : "index.js", code.toStdString()}});
    f.add("bystander", "nodejs20.x", "index.handler", {{"index.js", kSlowNode}});
    // Another function mid-invocation while this one crashes.
    auto other = start(f.runtime(), "bystander", R"({"ms": 300})");
    QVERIFY(f.invoke("crash").ok());
    const InvocationResult r = f.invoke("crash", R"({"die": true})");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Crashed));
    QCOMPARE(r.record.errorType, std::string("Runtime.ExitError"));
    QVERIFY2(QString::fromStdString(r.record.errorMessage).contains(message), r.record.errorMessage.c_str());
    QVERIFY(r.record.errorMessage.find("RequestId: " + r.record.requestId) == 0);
    QCOMPARE(parsed(r.payload)["errorType"].get<std::string>(), std::string("Runtime.ExitError"));
    QTRY_VERIFY(other->has_value());
    QVERIFY((*other)->ok());
    const InvocationResult again = f.invoke("crash");
    QVERIFY(again.ok());
    QVERIFY(again.record.coldStart);
}

void TestFunctionPool::memoryLimitIsEnforced_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("code");
    QTest::newRow("node heap") << "nodejs20.x" << "exports.handler = async () => { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); };";
    QTest::newRow("node buffers") << "nodejs20.x" << "exports.handler = async () => { const a = []; for (let i = 0; i < 100; i++) a.push(Buffer.alloc(16 << 20, 1)); return a.length; };";
    QTest::newRow("python") << "python3.12" << "import time\ndef handler(e, c):\n    blocks = []\n    for i in range(100):\n        blocks.append(bytearray(16 << 20))\n        time.sleep(0.005)\n    return len(blocks)\n";
}

void TestFunctionPool::memoryLimitIsEnforced()
{
    QFETCH(QString, runtime);
    QFETCH(QString, code);
    RuntimeFixture f;
    const bool python = runtime.startsWith(QLatin1String("python"));
    f.add("hungry", runtime.toStdString(), python ? "app.handler" : "index.handler",
          {{python ? "app.py" : "index.js", code.toStdString()}},
          [](FunctionConfig &c) { c.memoryMB = 128; c.timeoutS = 20; });
    const InvocationResult r = f.invoke("hungry");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Crashed));
    QCOMPARE(r.record.errorType, std::string("Runtime.OutOfMemory"));
    QCOMPARE(r.record.maxMemoryUsedMB, 128);
    QVERIFY(QString::fromStdString(r.record.logs.back()).contains(QStringLiteral("Max Memory Used: 128 MB")));
}

void TestFunctionPool::responseOverSixMegabytesIsRefused()
{
    RuntimeFixture f;
    f.add("big", "nodejs20.x", "index.handler",
          {{"index.js", "exports.handler = async (e) => 'x'.repeat(e.n);"}});
    const InvocationResult r = f.invoke("big", R"({"n": 6300000})");
    QCOMPARE(int(r.record.status), int(InvocationStatus::Error));
    QCOMPARE(parsed(r.payload)["errorType"].get<std::string>(), std::string("Function.ResponseSizeTooLarge"));
    QVERIFY(parsed(r.payload)["errorMessage"].get<std::string>().find("6291556 bytes") != std::string::npos);
    const InvocationResult fits = f.invoke("big", R"({"n": 6000000})");
    QVERIFY(fits.ok());
    QCOMPARE(fits.payload.size(), size_t(6000002));
}

void TestFunctionPool::hugeOutputIsCappedNotHoarded()
{
    RuntimeFixture f;
    f.add("chatty", "python3.12", "app.handler",
          {{"app.py", "import sys\ndef handler(e, c):\n    line = 'y' * 999 + '\\n'\n    for _ in range(100 * 1024):\n        sys.stdout.write(line)\n    return 'done'\n"}},
          [](FunctionConfig &c) { c.timeoutS = 60; });
    const InvocationResult r = f.invoke("chatty");
    QVERIFY2(r.ok(), r.payload.c_str());
    QCOMPARE(r.payload, std::string(R"("done")"));
    size_t kept = 0;
    for (const std::string &line : r.record.logs)
        kept += line.size();
    QVERIFY2(kept < 2 * kMaxLogBytesPerInvocation, qPrintable(QString::number(kept)));
    QVERIFY(stratus::test::logsOf(r).contains(QStringLiteral("bytes of output were dropped")));
    QVERIFY(f.invoke("chatty").ok()); // and the instance is fine
}

void TestFunctionPool::reservedConcurrencyThrottlesSyncAndQueuesAsync()
{
    RuntimeFixture f;
    f.add("limited", "nodejs20.x", "index.handler", {{"index.js", kSlowNode}},
          [](FunctionConfig &c) { c.reservedConcurrency = 1; });
    auto first = start(f.runtime(), "limited", R"({"ms": 400})");
    const InvocationResult throttled = f.invoke("limited");
    QCOMPARE(int(throttled.record.status), int(InvocationStatus::Throttled));
    QCOMPARE(parsed(throttled.payload)["errorType"].get<std::string>(), std::string("TooManyRequestsException"));
    // An asynchronous caller waits for the instance instead, and its wait is
    // reported apart from its duration.
    auto queued = start(f.runtime(), "limited", R"({"ms": 0})", true);
    QTRY_VERIFY_WITH_TIMEOUT(first->has_value() && queued->has_value(), 10000);
    QVERIFY((*first)->ok());
    QVERIFY((*queued)->ok());
    QVERIFY2((*queued)->record.waitUs > 200000, qPrintable(QString::number((*queued)->record.waitUs)));
    QVERIFY((*queued)->record.durationUs < 200000);
    QCOMPARE(f.runtime().pool("limited")->instanceCount(), 1);
}

void TestFunctionPool::machineCapMakesCallersWait()
{
    FunctionRuntime::Options options;
    options.maxInstances = 1;
    RuntimeFixture f(options);
    f.add("a", "nodejs20.x", "index.handler", {{"index.js", kSlowNode}});
    f.add("b", "nodejs20.x", "index.handler", {{"index.js", kSlowNode}});
    // a is busy: b waits for the only slot (never fails).
    auto busy = start(f.runtime(), "a", R"({"ms": 400})");
    auto waiting = start(f.runtime(), "b");
    QTRY_VERIFY_WITH_TIMEOUT(busy->has_value() && waiting->has_value(), 10000);
    QVERIFY((*waiting)->ok());
    QVERIFY2((*waiting)->record.waitUs > 200000, qPrintable(QString::number((*waiting)->record.waitUs)));
    // a's idle instance gave its slot to b.
    QCOMPARE(f.runtime().pool("a")->instanceCount(), 0);
    QCOMPARE(f.runtime().pool("b")->instanceCount(), 1);
}

void TestFunctionPool::idleInstancesExpire()
{
    FunctionRuntime::Options options;
    options.keepWarm = std::chrono::milliseconds(300);
    RuntimeFixture f(options);
    f.add("brief", "nodejs20.x", "index.handler", {{"index.js", kSlowNode}});
    const InvocationResult r = f.invoke("brief");
    const qint64 pid = parsed(r.payload).get<qint64>();
    QCOMPARE(f.runtime().pool("brief")->instanceCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(f.runtime().pool("brief")->instanceCount(), 0, 3000);
    QTRY_VERIFY(!processExists(pid));
    QVERIFY(f.invoke("brief").record.coldStart);
}

void TestFunctionPool::nothingIsLeftRunning()
{
    std::vector<qint64> pids;
    {
        RuntimeFixture f;
        // The handler starts a child of its own, which must go too.
        f.add("spawner", "nodejs20.x", "index.handler",
              {{"index.js", "const { spawn } = require('node:child_process');\n"
                            "exports.handler = async () => { const c = spawn('sleep', ['60']); return [process.pid, c.pid]; };"}});
        f.add("py", "python3.11", "app.handler", {{"app.py", "import os\ndef handler(e, c):\n    return [os.getpid()]\n"}});
        for (const char *name : {"spawner", "py"}) {
            const InvocationResult r = f.invoke(name);
            QVERIFY2(r.ok(), r.payload.c_str());
            for (const Json &pid : parsed(r.payload))
                pids.push_back(pid.get<qint64>());
        }
        auto slow = start(f.runtime(), "spawner"); // mid-invocation at shutdown
        QCOMPARE(pids.size(), size_t(3));
        for (qint64 pid : pids)
            QVERIFY(processExists(pid));
        f.runtime().shutdown();
    }
    for (qint64 pid : pids)
        QTRY_VERIFY2(!processExists(pid), qPrintable(QString::number(pid)));
}

void TestFunctionPool::warnsOnceWhenNodeVersionDiffers()
{
    QProcess node;
    node.start(QStringLiteral("/usr/bin/node"), {QStringLiteral("--version")});
    QVERIFY(node.waitForFinished(10000));
    const QString version = QString::fromLatin1(node.readAllStandardOutput().trimmed()); // "v20.x.y"
    const QString other = version.startsWith(QLatin1String("v20.")) ? QStringLiteral("nodejs22.x")
                                                                     : QStringLiteral("nodejs20.x");
    const QString same = QStringLiteral("nodejs%1.x").arg(version.mid(1).section(QLatin1Char('.'), 0, 0));
    std::vector<std::string> warnings;
    FunctionRuntime::Options options;
    options.warn = [&warnings](const std::string &w) { warnings.push_back(w); };
    RuntimeFixture f(options);
    f.add("same", same.toStdString(), "index.handler", {{"index.js", kSlowNode}});
    QCOMPARE(warnings.size(), size_t(0));
    f.add("other1", other.toStdString(), "index.handler", {{"index.js", kSlowNode}});
    f.add("other2", other.toStdString(), "index.handler", {{"index.js", kSlowNode}});
    QCOMPARE(warnings.size(), size_t(1)); // once per runtime
    QVERIFY2(QString::fromStdString(warnings[0]).contains(version.mid(1)), warnings[0].c_str()); // "20.x.y"
    QVERIFY(f.invoke("other1").ok()); // and it runs anyway
}

void TestFunctionPool::requestIdsAreUniqueAndTimeOrdered()
{
    std::vector<std::string> ids;
    for (int i = 0; i < 20000; ++i)
        ids.push_back(newRequestId());
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    QCOMPARE(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    QCOMPARE(ids.front().size(), size_t(36));
    QCOMPARE(ids.front()[14], '7'); // UUID version 7
}

void TestFunctionPool::reportLineHasAwsFormat()
{
    InvocationRecord r;
    r.requestId = "8f5a3c1e-0000-7000-8000-000000000001";
    r.durationUs = 27550;
    r.billedDurationMs = 28;
    r.memorySizeMB = 1024;
    r.maxMemoryUsedMB = 72;
    QCOMPARE(QString::fromStdString(reportLine(r)),
             QStringLiteral("REPORT RequestId: 8f5a3c1e-0000-7000-8000-000000000001\tDuration: 27.55 ms\t"
                            "Billed Duration: 28 ms\tMemory Size: 1024 MB\tMax Memory Used: 72 MB"));
    r.coldStart = true;
    r.initDurationUs = 118310;
    QVERIFY(QString::fromStdString(reportLine(r)).endsWith(QStringLiteral("\tInit Duration: 118.31 ms")));
}

void TestFunctionPool::billingRoundsUpToTheMillisecond_data()
{
    QTest::addColumn<qlonglong>("us");
    QTest::addColumn<qlonglong>("ms");
    QTest::newRow("27.55 ms") << 27550LL << 28LL;
    QTest::newRow("exactly 1 ms") << 1000LL << 1LL;
    QTest::newRow("1 µs") << 1LL << 1LL;
    QTest::newRow("zero") << 0LL << 1LL;
    QTest::newRow("just over") << 1001LL << 2LL;
    QTest::newRow("15 minutes") << 900000000LL << 900000LL;
}

void TestFunctionPool::billingRoundsUpToTheMillisecond()
{
    QFETCH(qlonglong, us);
    QFETCH(qlonglong, ms);
    QCOMPARE(billedMilliseconds(us), ms);
}

QTEST_GUILESS_MAIN(TestFunctionPool)
#include "tst_functionpool.moc"

void TestFunctionPool::cpuShareFollowsMemory_data()
{
    QTest::addColumn<int>("method");
    QTest::newRow("cgroup") << int(CpuShareMethod::Cgroup);
    QTest::newRow("estimate") << int(CpuShareMethod::Estimate);
}

void TestFunctionPool::cpuShareFollowsMemory()
{
    QFETCH(int, method);
    const auto share = CpuShareMethod(method);
    if (share == CpuShareMethod::Cgroup && !CpuLimits::instance().available())
        QSKIP(qPrintable(QString::fromStdString(CpuLimits::instance().description())));
    RuntimeFixture f;
    // Burns 60 ms of CPU time (user and system) and answers its pid.
    const std::string burn = "exports.handler = async () => {\n"
                             "  const used = () => { const u = process.cpuUsage(); return u.user + u.system; };\n"
                             "  const end = used() + 60000; let n = 0; while (used() < end) n++;\n"
                             "  return process.pid; };";
    for (const int mb : {256, 1769}) {
        f.add("burn" + std::to_string(mb), "nodejs20.x", "index.handler", {{"index.js", burn}},
              [&](FunctionConfig &c) { c.memoryMB = mb; c.cpuShare = share; });
    }
    (void)f.invoke("burn256"); // cold starts out of the way
    (void)f.invoke("burn1769");
    const InvocationResult small = f.invoke("burn256");
    const InvocationResult full = f.invoke("burn1769");
    QVERIFY2(small.ok() && full.ok(), small.payload.c_str());
    QVERIFY2(small.cpuUs >= 60000, qPrintable(QString::number(small.cpuUs)));
    // 256 MB is 0.145 vCPU: 60 ms of CPU take about 415 ms; a whole vCPU about 60.
    QVERIFY2(small.record.durationUs >= 250000, qPrintable(QString::number(small.record.durationUs)));
    QVERIFY2(small.record.durationUs > 3 * full.record.durationUs,
             qPrintable(QStringLiteral("%1 vs %2").arg(small.record.durationUs).arg(full.record.durationUs)));
    QCOMPARE(small.record.billedDurationMs, (small.record.durationUs + 999) / 1000);
    const QString logs = stratus::test::logsOf(small);
    if (share == CpuShareMethod::Estimate) {
        QVERIFY2(logs.contains(QStringLiteral("[stratus] Duration estimated for 0.145 vCPU (256 MB)")), qPrintable(logs));
    } else {
        QVERIFY2(!logs.contains(QStringLiteral("estimated")), qPrintable(logs));
        // The instance is in a group of its own, gone with the instance.
        const qint64 pid = parsed(small.payload).get<qint64>();
        QFile cgroups(QStringLiteral("/proc/%1/cgroup").arg(pid));
        QVERIFY(cgroups.open(QIODevice::ReadOnly));
        const QString own = QStringLiteral("stratus-%1-").arg(QCoreApplication::applicationPid());
        QVERIFY2(QString::fromUtf8(cgroups.readAll()).contains(own), qPrintable(own));
        f.runtime().shutdown();
        const QString folder = QString::fromStdString(CpuLimits::instance().groupsFolder());
        QTRY_VERIFY2(QDir(folder).entryList({own + QLatin1Char('*')}, QDir::Dirs).isEmpty(), qPrintable(folder));
    }

    // What would not have finished within the timeout at that share is a
    // timeout, as on Lambda: 60 ms of CPU at 128 MB (0.072 vCPU) is 830 ms.
    RuntimeFixture g;
    g.add("tight", "nodejs20.x", "index.handler", {{"index.js", burn}}, [&](FunctionConfig &c) {
        c.memoryMB = 128;
        c.cpuShare = share;
        c.timeoutS = 1;
    });
    (void)g.invoke("tight");
    const auto slowBurn = std::string(burn).replace(burn.find("60000"), 5, "90000");
    g.add("tighter", "nodejs20.x", "index.handler", {{"index.js", slowBurn}}, [&](FunctionConfig &c) {
        c.memoryMB = 128;
        c.cpuShare = share;
        c.timeoutS = 1;
    });
    const InvocationResult late = g.invoke("tighter"); // 1.25 s at 0.072 vCPU
    QCOMPARE(int(late.record.status), int(InvocationStatus::Timeout));
    QCOMPARE(late.record.durationUs, 1000000);
    QCOMPARE(parsed(late.payload)["errorType"].get<std::string>(), std::string("Sandbox.Timedout"));
}

void TestFunctionPool::estimatedDurationStretchesOnlyCpuTime()
{
    QCOMPARE(lambdaVcpus(1769), 1.0);
    QVERIFY(qAbs(lambdaVcpus(128) - 0.0724) < 0.001);
    QVERIFY(qAbs(lambdaVcpus(10240) - 5.79) < 0.01); // Lambda's six vCPUs at the top
    // 100 ms waiting and 20 ms on the CPU, at half a vCPU: 100 + 40.
    QCOMPARE(estimatedDurationUs(120000, 20000, 0.5), int64_t(140000));
    // Above one vCPU nothing is shortened.
    QCOMPARE(estimatedDurationUs(120000, 20000, 2.0), int64_t(120000));
    // More CPU than wall time (threads in parallel) spreads over the share.
    QCOMPARE(estimatedDurationUs(10000, 30000, 1.0), int64_t(30000));
    QCOMPARE(estimatedDurationUs(10000, 30000, 5.0), int64_t(10000));
}
