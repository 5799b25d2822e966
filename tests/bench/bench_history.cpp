// Benchmark: the run history's recording path into a real workspace file.
// Records invocations, each with START/END/REPORT and two short log lines, as
// fast as one producer can, through RunRecorder (batches on its own thread),
// and reports records per second until all are committed.
// Then computes the statistics (`stratus stats`) over all of them.
// Targets (issue 4): at least 100,000 invocation records a second; statistics
// over 1,000,000 records in under 200 ms.
//
// Usage: bench_history [records]

#include "benchhistory.h"

#include "engine/meter/statistics.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace stratus::engine;

int main(int argc, char *argv[])
{
    const long long total = argc > 1 ? std::atoll(argv[1]) : 1000000;
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("history.stratus")).toStdString();
    {
        Workspace ws;
        ws.workflows.emplace_back(WorkflowId("main"), "Main");
        if (!WorkspaceStore::writeTo(file, ws)) {
            std::fprintf(stderr, "cannot create the workspace\n");
            return 1;
        }
    }
    auto recorder = RunRecorder::open(file);
    if (!recorder) {
        std::fprintf(stderr, "%s\n", recorder.status().message().c_str());
        return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    const int64_t t0 = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
    for (long long i = 0; i < total; ++i)
        (*recorder)->record(stratus::bench::syntheticInvocation(i, t0));
    const auto queued = std::chrono::steady_clock::now();
    if (!(*recorder)->flush()) {
        std::fprintf(stderr, "write failed\n");
        return 1;
    }
    const auto done = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(done - start).count();
    std::printf("bench_history: %lld records (5 log lines each)\n", total);
    std::printf("  %-40s %10.0f records/s\n", "recorded and committed", double(total) / seconds);
    std::printf("  %-40s %10.2f us per record\n", "producer side (record())",
                std::chrono::duration<double, std::micro>(queued - start).count() / double(total));
    recorder->reset();

    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    {
        // The scan alone, to tell SQLite's part from the statistics' own.
        const auto s0 = std::chrono::steady_clock::now();
        long long rows = 0;
        scanInvocations(store->database(), 0, {}, [&](const HistoryEntry &) { ++rows; });
        std::printf("  %-40s %10.1f ms (%lld rows)\n", "history scan only",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count(), rows);
    }
    for (int run = 0; run < 3; ++run) {
        const auto s0 = std::chrono::steady_clock::now();
        InvocationStatistics stats;
        if (!scanInvocations(store->database(), 0, {},
                             [&](const HistoryEntry &e) { stats.add(e.record, e.cost); })) {
            std::fprintf(stderr, "scan failed\n");
            return 1;
        }
        const auto summary = stats.summary();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count();
        std::printf("  %-40s %10.1f ms (%llu invocations, p99 %.2f ms, %s)\n", "statistics over all",
                    ms, static_cast<unsigned long long>(summary.count), summary.p99Ms,
                    summary.percentilesExact ? "exact" : "sketch");
    }
    return 0;
}
