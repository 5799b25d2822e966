// bench_panels: does a large run history open in the studio without a stall?
//
// Records N invocations (default 1,000,000, one every 10 µs, so all of them
// fall in the Charts panel's ten-minute window: the worst case) into a real
// workspace file, then opens it in the studio's main window (offscreen) with
// the Invocations, Charts and Cost panels, and reports how long the window
// took to open, when each panel had its figures, and how late a 5 ms timer
// on the GUI thread ran meanwhile (the aim: never more than 50 ms, so the
// window stays responsive while the panels fill).
//
//   build/release/tests/bench_panels [invocations]

#include "benchgui.h"
#include "benchhistory.h"

#include "editor/mainwindow/mainwindow.h"
#include "editor/run/chartspanel.h"
#include "editor/run/costpanel.h"
#include "editor/run/invocationspanel.h"
#include "editor/run/invocationsmodel.h"

#include "engine/store/runhistory.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace stratus;
using namespace stratus::engine;

namespace {

const char *kWorkspace = R"({
  "format": "stratus-workspace", "version": 1, "name": "orders",
  "workflows": [{
    "id": "main", "name": "Main",
    "nodes": [
      {"id": "accept-order", "kind": "function", "name": "accept-order", "config": {
        "runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 256,
        "files": {"index.js": "exports.handler = async () => 1;\n"}}},
      {"id": "fulfil-order", "kind": "function", "name": "fulfil-order", "config": {
        "runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 256,
        "files": {"index.js": "exports.handler = async () => 2;\n"}}}
    ],
    "edges": []
  }]
})";

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const long long total = argc > 1 ? std::atoll(argv[1]) : 1000000;
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    const std::string file = dir.filePath(QStringLiteral("orders.stratus")).toStdString();
    {
        auto workspace = workspace_json::read(kWorkspace);
        if (!workspace || !WorkspaceStore::writeTo(file, workspace->workspace)) {
            std::fprintf(stderr, "bench_panels: cannot create the workspace\n");
            return 2;
        }
        auto recorder = RunRecorder::open(file);
        if (!recorder) {
            std::fprintf(stderr, "bench_panels: %s\n", recorder.status().message().c_str());
            return 2;
        }
        const int64_t t0 = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count() - total * 10;
        for (long long i = 0; i < total; ++i)
            (*recorder)->record(bench::syntheticInvocation(i, t0));
        if (!(*recorder)->flush()) {
            std::fprintf(stderr, "bench_panels: recording failed\n");
            return 2;
        }
    }

    QApplication app(argc, argv);
    editor::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();

    bench::LatenessProbe lateness;
    lateness.start();
    QElapsedTimer clock;
    clock.start();
    if (Status s = window.openFile(QString::fromStdString(file)); !s) {
        std::fprintf(stderr, "bench_panels: cannot open: %s\n", s.message().c_str());
        return 2;
    }
    const double openedMs = double(clock.nsecsElapsed()) / 1e6;
    double rowsMs = -1, chartsMs = -1, costMs = -1;
    const auto chartPoints = [&] {
        QLineSeries *throughput = window.chartsPanel()->series(QStringLiteral("throughput"));
        return throughput ? throughput->count() : 0;
    };
    while (clock.elapsed() < 60'000 && (rowsMs < 0 || chartsMs < 0 || costMs < 0)) {
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        const double now = double(clock.nsecsElapsed()) / 1e6;
        if (rowsMs < 0 && window.invocationsPanel()->model()->rowCount() > 0)
            rowsMs = now;
        if (chartsMs < 0 && chartPoints() > 0)
            chartsMs = now;
        if (costMs < 0 && window.costPanel()->report())
            costMs = now;
    }
    // A little longer, to see the panels settle.
    while (clock.elapsed() < qint64(std::max({rowsMs, chartsMs, costMs})) + 500)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    lateness.stop();

    std::printf("bench_panels: a history of %lld invocations (all in the charts' ten-minute window)\n", total);
    std::printf("  %-46s %9.1f ms\n", "openFile() returned", openedMs);
    std::printf("  %-46s %9.1f ms (%d rows loaded)\n", "Invocations panel: first rows",
                rowsMs, window.invocationsPanel()->model()->rowCount());
    std::printf("  %-46s %9.1f ms (%lld points)\n", "Charts panel: the window drawn", chartsMs,
                static_cast<long long>(chartPoints()));
    long long priced = 0;
    if (const auto &report = window.costPanel()->report())
        for (const RecordedWorkflowCost &w : report->recordedRuns)
            priced += w.invocations;
    std::printf("  %-46s %9.1f ms (%lld invocations priced)\n", "Cost panel: the report", costMs, priced);
    std::printf("  GUI thread lateness over %zu ticks: p50 %lld ms, p99 %lld ms, max %lld ms (aim: max 50 ms)\n",
                lateness.ticks(), lateness.at(0.5), lateness.at(0.99), lateness.max());
    std::fflush(stdout);
    return 0;
}
