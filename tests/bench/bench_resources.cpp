// Benchmark: resources feeding a trivial Node.js function, through the real
// engine (WorkspaceServer) and a real workspace file.
//   - queue: N messages committed one by one (each durable before the next:
//     what a sender is told), then consumed; messages/s both ways
//   - table: N item puts (each with its stream record, one transaction each),
//     then the stream delivered to the consumer; changes/s both ways
//   - bucket: another process drops files at a steady 500/s for some seconds;
//     notifications counted (none may be missed)
// Targets (issue 10): queue >= 5,000 messages/s, table >= 5,000 changes/s,
// bucket 500 files/s with none missed.
//
// Usage: bench_resources [N (default 20000)] [bucket seconds (default 5)]

#include "engine/run/workspaceserver.h"
#include "engine/store/resourcedata.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace stratus::engine;
using namespace stratus::engine::run;

namespace {

const char *kWorkspace = R"({
  "format": "stratus-workspace", "version": 1, "name": "bench-resources",
  "workflows": [{"id": "main", "name": "Main",
    "nodes": [
      {"id": "jobs", "kind": "queue", "name": "jobs", "config": {"batchSize": 10}},
      {"id": "on-job", "kind": "function", "name": "on-job", "config": {"runtime": "nodejs20.x", "handler": "index.handler",
        "files": {"index.js": "exports.handler = async (e) => ({ n: e.Records.length });"}}},
      {"id": "people", "kind": "table", "name": "people", "config": {"streamBatchSize": 100}},
      {"id": "on-change", "kind": "function", "name": "on-change", "config": {"runtime": "nodejs20.x", "handler": "index.handler",
        "files": {"index.js": "exports.handler = async (e) => ({ n: e.Records.length });"}}},
      {"id": "drops", "kind": "bucket", "name": "drops", "config": {}},
      {"id": "on-drop", "kind": "function", "name": "on-drop", "config": {"runtime": "nodejs20.x", "handler": "index.handler",
        "files": {"index.js": "exports.handler = async (e) => e.Records[0].s3.object.key;"}}}
    ],
    "edges": [
      {"id": "e1", "from": {"node": "jobs", "port": "out"}, "to": {"node": "on-job", "port": "in"}},
      {"id": "e2", "from": {"node": "people", "port": "out"}, "to": {"node": "on-change", "port": "in"}},
      {"id": "e3", "from": {"node": "drops", "port": "out"}, "to": {"node": "on-drop", "port": "in"}}
    ]}]})";

void waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        waitForEvents(5);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int bucketSeconds = argc > 2 ? std::atoi(argv[2]) : 5;
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("bench.stratus")).toStdString();
    auto doc = workspace_json::read(kWorkspace);
    if (!doc || !WorkspaceStore::writeTo(file, doc->workspace)) {
        std::fprintf(stderr, "cannot write the workspace\n");
        return 1;
    }
    { // migrate to the current schema, as serve would
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
        if (!store)
            return 1;
    }

    // Queue and table, written while nothing consumes them (what a sender and a writer are told is committed).
    auto data = ResourceData::open(file);
    if (!data) {
        std::fprintf(stderr, "%s\n", data.status().message().c_str());
        return 1;
    }
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i)
        (void)data->sendMessage("jobs", "{\"job\":" + std::to_string(i) + "}", QDateTime::currentMSecsSinceEpoch());
    const double sendS = double(t.nsecsElapsed()) / 1e9;
    t.restart();
    for (int i = 0; i < n; ++i) {
        const std::string id = "p" + std::to_string(i);
        const Json key{{"id", {{"S", id}}}};
        (void)data->putItem("people", Json::array({key["id"]}).dump(), key, Json{{"id", {{"S", id}}}, {"n", {{"N", "1"}}}},
                            QDateTime::currentMSecsSinceEpoch());
    }
    const double putS = double(t.nsecsElapsed()) / 1e9;
    std::printf("queue: %d messages sent, each committed: %.0f messages/s\n", n, n / sendS);
    std::printf("table: %d puts with their stream records, each committed: %.0f changes/s\n", n, n / putS);

    WorkspaceServer::Options options;
    options.executor.workspaceFile = file;
    options.executor.runtime.cacheRoot = dir.filePath(QStringLiteral("cache")).toStdString();
    options.listen = false;
    WorkspaceServer server(options);
    long long queueRuns = 0, tableRuns = 0, bucketRuns = 0;
    QElapsedTimer queueDone, tableDone;
    server.setObserver(Executor::Observer{{}, [&](const RunOutcome &o) {
                                              if (o.entry.trigger == "queue")
                                                  ++queueRuns;
                                              else if (o.entry.trigger == "table")
                                                  ++tableRuns;
                                              else if (o.entry.trigger == "bucket")
                                                  ++bucketRuns;
                                          },
                                          {}, {}});
    t.restart();
    if (Status s = server.start(); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    long long queueMs = -1, tableMs = -1;
    QElapsedTimer lastLook;
    lastLook.start();
    waitUntil([&] {
        // Counting the queue reads every row: every 100 ms, not on each turn.
        if (lastLook.elapsed() < 100)
            return false;
        lastLook.restart();
        if (queueMs < 0) {
            auto depth = data->depth("jobs", QDateTime::currentMSecsSinceEpoch());
            if (depth && depth->visible + depth->inFlight == 0)
                queueMs = t.elapsed();
        }
        if (tableMs < 0) {
            auto cp = data->checkpoint("people");
            if (cp && *cp >= n)
                tableMs = t.elapsed();
        }
        return queueMs >= 0 && tableMs >= 0;
    }, 600000);
    std::printf("queue: %d messages consumed in %lld batches: %.0f messages/s (cold starts included)\n", n, queueRuns,
                queueMs > 0 ? n * 1000.0 / double(queueMs) : 0.0);
    std::printf("table: %d stream records delivered in %lld batches: %.0f changes/s (cold starts included)\n", n,
                tableRuns, tableMs > 0 ? n * 1000.0 / double(tableMs) : 0.0);

    // Bucket: another process drops 500 files a second.
    const int files = 500 * bucketSeconds;
    const QString folder = dir.filePath(QStringLiteral("drops"));
    QProcess dropper;
    dropper.start(QStringLiteral("python3"),
                  {QStringLiteral("-c"),
                   QStringLiteral("import time, os\n"
                                  "start = time.time()\n"
                                  "for i in range(%1):\n"
                                  "    target = start + i / 500.0\n"
                                  "    delay = target - time.time()\n"
                                  "    if delay > 0: time.sleep(delay)\n"
                                  "    with open(os.path.join('%2', 'file-%d.txt' % i), 'w') as f: f.write('x' * 100)\n")
                       .arg(files)
                       .arg(folder)});
    waitUntil([&] { return dropper.state() == QProcess::NotRunning; }, bucketSeconds * 4000 + 10000);
    waitUntil([&] { return bucketRuns >= files; }, 30000);
    std::printf("bucket: %d files dropped at 500/s by another process: %lld notified%s\n", files, bucketRuns,
                bucketRuns == files ? " (none missed)" : " (MISSED SOME)");
    server.stop(0);
    return bucketRuns == files ? 0 : 1;
}
