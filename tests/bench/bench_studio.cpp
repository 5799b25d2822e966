// bench_studio: does the studio keep up with a run under HTTP load?
//
// The same workspace as bench_serve.sh (GET /hello answered by a Node.js
// function) is loaded with wrk -t2 -c32 through `stratus serve` and through
// the studio's own Run with the Invocations panel, the Cost panel and the
// canvas counters showing (offscreen), in turns over a few rounds. Prints both
// request rates of each round, the median ratio (the aim: at least 90 %), and
// how late the studio's GUI thread ran a 5 ms timer during its loads (the aim:
// never more than 50 ms), so an event loop blocked by the panels shows as lateness.
//
//   build/release/tests/bench_studio [path/to/stratus] [seconds] [rounds]
//
// Needs wrk (installer/setup-deps.sh --dev-tools). Compare figures of one run only.

#include "benchgui.h"

#include "editor/canvas/runoverlay.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/run/invocationspanel.h"
#include "editor/run/runsession.h"

#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace stratus;

namespace {

const char *kWorkspace = R"({
  "format": "stratus-workspace", "version": 1, "name": "bench",
  "settings": {"gateway": {"host": "127.0.0.1", "port": 0}},
  "workflows": [{
    "id": "main", "name": "Main",
    "nodes": [
      {"id": "hello-route", "kind": "trigger.http", "name": "GET /hello", "config": {"method": "GET", "path": "/hello"}},
      {"id": "hello", "kind": "function", "name": "hello", "config": {
        "runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 128, "concurrency": 0,
        "files": {"index.js": "exports.handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: (event.queryStringParameters || {}).name || 'world' }) });\n"}}}
    ],
    "edges": [{"id": "e1", "from": {"node": "hello-route", "port": "event"}, "to": {"node": "hello", "port": "in"}}]
  }]
})";

struct Load
{
    double requestsPerSecond = 0;
    QString latency; // wrk's p50 / p99
};

/// Runs wrk against `url` without blocking this thread's event loop.
Load runWrk(const QString &url, int seconds, const QString &connections = QStringLiteral("-c32"))
{
    QProcess wrk;
    wrk.start(QStringLiteral("wrk"), {QStringLiteral("-t2"), connections, QStringLiteral("-d%1s").arg(seconds),
                                      QStringLiteral("--latency"), url});
    // waitForFinished() is false once processEvents() has seen the end, so ask the state.
    while (wrk.state() != QProcess::NotRunning && !wrk.waitForFinished(5))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    Load load;
    QString p50, p99;
    for (const QString &line : QString::fromUtf8(wrk.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const QStringList words = line.simplified().split(QLatin1Char(' '));
        if (line.contains(QLatin1String("Requests/sec")))
            load.requestsPerSecond = words.value(1).toDouble();
        if (words.value(0) == QLatin1String("50%"))
            p50 = words.value(1);
        if (words.value(0) == QLatin1String("99%"))
            p99 = words.value(1);
    }
    load.latency = QStringLiteral("p50 %1, p99 %2").arg(p50, p99);
    return load;
}

/// CPU time (user + system) this thread has used, in seconds.
double threadCpuSeconds()
{
    QFile stat(QStringLiteral("/proc/thread-self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based), in clock ticks.
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

bool answers(int port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
    if (!socket.waitForConnected(200))
        return false;
    socket.write("GET /hello?name=x HTTP/1.1\r\nHost: x\r\n\r\n");
    return socket.waitForReadyRead(5000) && socket.readAll().startsWith("HTTP/1.1 200");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString cli = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                 : QCoreApplication::applicationDirPath() + QStringLiteral("/../bin/stratus");
    const int seconds = argc > 2 ? std::max(2, atoi(argv[2])) : 8;
    const int rounds = argc > 3 ? std::clamp(atoi(argv[3]), 1, 20) : 3;
    if (QProcess::execute(QStringLiteral("wrk"), {QStringLiteral("--version")}) < 0) {
        std::fprintf(stderr, "bench_studio: wrk is not installed (installer/setup-deps.sh --dev-tools)\n");
        return 2;
    }
    // One file each: both record their history, and must not share a writer's lock.
    QTemporaryDir dir;
    const QString serveFile = dir.filePath(QStringLiteral("serve.stratus"));
    const QString studioFile = dir.filePath(QStringLiteral("studio.stratus"));
    auto doc = engine::workspace_json::read(kWorkspace);
    if (!doc || !engine::WorkspaceStore::writeTo(serveFile.toStdString(), doc->workspace)
        || !engine::WorkspaceStore::writeTo(studioFile.toStdString(), doc->workspace)) {
        std::fprintf(stderr, "bench_studio: cannot write the workspace\n");
        return 2;
    }

    // stratus serve.
    const int port = 18290;
    QProcess serve;
    serve.start(cli, {QStringLiteral("serve"), serveFile, QStringLiteral("--port"), QString::number(port),
                      QStringLiteral("--quiet")});
    if (!serve.waitForStarted()) {
        std::fprintf(stderr, "bench_studio: cannot start %s\n", qPrintable(cli));
        return 2;
    }
    QElapsedTimer waited;
    waited.start();
    while (!answers(port)) {
        if (waited.elapsed() > 20000 || serve.state() == QProcess::NotRunning) {
            std::fprintf(stderr, "bench_studio: stratus serve does not answer on port %d: %s\n", port,
                         serve.readAllStandardError().constData());
            return 2;
        }
        QThread::msleep(5);
    }
    const QString serveUrl = QStringLiteral("http://127.0.0.1:%1/hello?name=x").arg(port);

    // The studio, panels showing.
    editor::MainWindow window;
    if (engine::Status s = window.openFile(studioFile); !s) {
        std::fprintf(stderr, "bench_studio: %s\n", s.message().c_str());
        return 2;
    }
    window.resize(1600, 1000);
    window.show();
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("invocations")))
        dock->raise();
    if (engine::Status s = window.startRun(); !s) {
        std::fprintf(stderr, "bench_studio: cannot run: %s\n", s.message().c_str());
        return 2;
    }
    const QString studioUrl = window.runSession()->url() + QStringLiteral("/hello?name=x");
    runWrk(serveUrl, 3); // warm-up
    runWrk(studioUrl, 3);

    // Taking turns, both up all along: a burst of the machine's noise
    // (2 cores) lands on one round, not on one side, and the median ratio says it.
    std::printf("wrk -t2 -c32 -d%ds through GET /hello (Node.js function, warm), %d rounds taking turns\n", seconds,
                rounds);
    std::vector<double> ratios;
    bench::LatenessProbe lateness;
    double guiCpu = 0;
    for (int round = 1; round <= rounds; ++round) {
        const Load served = runWrk(serveUrl, seconds);
        lateness.start();
        const double cpuBefore = threadCpuSeconds();
        const Load studio = runWrk(studioUrl, seconds);
        guiCpu += threadCpuSeconds() - cpuBefore;
        lateness.stop();
        const double ratio = served.requestsPerSecond > 0 ? 100 * studio.requestsPerSecond / served.requestsPerSecond : 0;
        ratios.push_back(ratio);
        std::printf("  round %d: serve %6.0f req/s (%s), studio %6.0f req/s (%s): %5.1f %%\n", round,
                    served.requestsPerSecond, qPrintable(served.latency), studio.requestsPerSecond,
                    qPrintable(studio.latency), ratio);
        std::fflush(stdout);
    }
    QCoreApplication::processEvents();
    const long long rows = window.invocationsPanel()->model()->rowCount();
    window.stopRun();
    serve.terminate();
    serve.waitForFinished(10000);

    std::sort(ratios.begin(), ratios.end());
    std::printf("  studio / serve, median:    %9.1f %%   (aim: at least 90 %%; %lld rows in the panel)\n",
                ratios[ratios.size() / 2], rows);
    std::printf("  GUI thread CPU during the studio's load: %.2f s of %d s (%.0f %% of a core)\n", guiCpu,
                seconds * rounds, 100 * guiCpu / (seconds * rounds));
    std::printf("  GUI thread lateness over %zu ticks: p50 %lld ms, p99 %lld ms, max %lld ms (aim: max 50 ms)\n",
                lateness.ticks(), lateness.at(0.5), lateness.at(0.99), lateness.max());
    std::fflush(stdout);
    return 0;
}
