// Benchmark: function instances with real node and python processes.
//   - bare interpreter start-up (node -e 0, python3 -c 0), measured here
//   - cold start: spawn to first result, trivial handler
//   - warm round trip (engine -> instance -> engine), sequential: p50, p99
//   - throughput with 2 and 8 warm instances kept busy, trivial Node.js handler
// Targets (issue 3): warm p50 <= 100 us; >= 20,000 invocations/s; cold start
// no more than 15 ms above the bare interpreter.
//
// Usage: bench_runtime [seconds-per-throughput-run]

#include "engine/runtime/functionruntime.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace stratus::engine;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

double median(std::vector<double> v)
{
    return percentile(std::move(v), 0.5);
}

double bareStartMs(const QString &program, const QStringList &args)
{
    std::vector<double> times;
    for (int i = 0; i < 10; ++i) {
        QProcess p;
        p.setProcessEnvironment(QProcessEnvironment()); // clean, as workers get
        QElapsedTimer t;
        t.start();
        p.start(program, args);
        p.waitForFinished(10000);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

std::string writeFunction(const QTemporaryDir &dir, const char *name, const char *file, const char *code)
{
    const QString folder = dir.filePath(QString::fromLatin1(name));
    QDir().mkpath(folder);
    QFile out(folder + QLatin1Char('/') + QString::fromLatin1(file));
    out.open(QIODevice::WriteOnly);
    out.write(code);
    return folder.toStdString();
}

FunctionConfig config(const std::string &name, const std::string &runtime, const std::string &handler,
                      const std::string &folder)
{
    FunctionConfig c;
    c.name = name;
    c.runtime = runtime;
    c.handler = handler;
    c.codeDirectory = folder;
    c.timeoutS = 30;
    c.memoryMB = 512;
    return c;
}

double coldStartMs(FunctionRuntime &runtime, FunctionConfig c)
{
    std::vector<double> times;
    for (int i = 0; i < 10; ++i) {
        runtime.addFunction(c); // replaces the pool: the next call is cold
        const auto start = Clock::now();
        InvocationResult r = runtime.invokeAndWait(c.name, InvocationRequest{});
        if (!r.ok() || !r.record.coldStart) {
            std::fprintf(stderr, "cold start failed: %s\n", r.payload.c_str());
            std::exit(1);
        }
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return median(times);
}

void warmRoundTrips(FunctionRuntime &runtime, const std::string &name, const char *label)
{
    InvocationRequest request;
    request.payload = R"({"n":1})";
    for (int i = 0; i < 200; ++i)
        runtime.invokeAndWait(name, request);
    std::vector<double> us;
    for (int i = 0; i < 3000; ++i) {
        const auto start = Clock::now();
        InvocationResult r = runtime.invokeAndWait(name, request);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        if (!r.ok()) {
            std::fprintf(stderr, "warm invocation failed: %s\n", r.payload.c_str());
            std::exit(1);
        }
    }
    std::printf("  %-40s p50 %7.1f us   p99 %7.1f us\n", label, percentile(us, 0.5),
                percentile(us, 0.99));
}

void throughput(FunctionRuntime &runtime, const std::string &name, int inFlight, double seconds)
{
    // Warm the instances first: inFlight concurrent calls make inFlight instances.
    {
        QEventLoop loop;
        int left = inFlight;
        for (int i = 0; i < inFlight; ++i)
            runtime.invoke(name, InvocationRequest{}, [&](InvocationResult) {
                if (--left == 0)
                    loop.quit();
            });
        loop.exec();
    }
    QEventLoop loop;
    long long done = 0, failed = 0;
    bool stopping = false;
    int running = 0;
    std::function<void()> next = [&] {
        ++running;
        runtime.invoke(name, InvocationRequest{}, [&](InvocationResult r) {
            --running;
            ++done;
            failed += !r.ok();
            if (!stopping)
                next();
            else if (running == 0)
                loop.quit();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < inFlight; ++i)
        next();
    QTimer::singleShot(int(seconds * 1000), &loop, [&] { stopping = true; });
    loop.exec();
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    std::printf("  %-40s %8.0f invocations/s (%d instances, %lld failed)\n",
                ("throughput, " + std::to_string(inFlight) + " in flight").c_str(),
                double(done) / elapsed, runtime.pool(name)->instanceCount(), failed);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    QTemporaryDir dir;
    FunctionRuntime::Options options;
    options.cacheRoot = dir.filePath(QStringLiteral("cache")).toStdString();
    options.maxInstances = 16;
    FunctionRuntime runtime(options);

    const std::string nodeDir = writeFunction(dir, "node", "index.js", "exports.handler = async (event) => event;\n");
    const std::string pyDir = writeFunction(dir, "py", "app.py", "def handler(event, context):\n    return event\n");
    runtime.addFunction(config("node", "nodejs20.x", "index.handler", nodeDir));
    runtime.addFunction(config("py", "python3.11", "app.handler", pyDir));

    std::printf("bench_runtime (%d cores)\n", QThread::idealThreadCount());
    const double bareNode = bareStartMs(QStringLiteral("/usr/bin/node"), {QStringLiteral("-e"), QStringLiteral("0")});
    const double barePython = bareStartMs(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("0")});
    const double coldNode = coldStartMs(runtime, config("node-cold", "nodejs20.x", "index.handler", nodeDir));
    const double coldPython = coldStartMs(runtime, config("py-cold", "python3.11", "app.handler", pyDir));
    std::printf("  %-40s %7.1f ms (bare node -e 0: %.1f ms, +%.1f ms)\n", "cold start, Node.js", coldNode, bareNode, coldNode - bareNode);
    std::printf("  %-40s %7.1f ms (bare python3 -c 0: %.1f ms, +%.1f ms)\n", "cold start, Python", coldPython, barePython, coldPython - barePython);
    warmRoundTrips(runtime, "node", "warm round trip, Node.js");
    warmRoundTrips(runtime, "py", "warm round trip, Python");
    throughput(runtime, "node", 2, seconds);
    throughput(runtime, "node", 8, seconds);
    runtime.shutdown();
    return 0;
}
