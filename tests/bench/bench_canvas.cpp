// Benchmark: the studio's canvas with a workflow of 2,000 nodes and 3,000
// edges on the offscreen platform (QT_QPA_PLATFORM=offscreen is set if no
// platform is chosen). Reports:
//   opening (workspace file -> document -> scene -> view shown),
//   a full repaint of the view at two zoom levels (whole graph; 100 %),
//   moving 200 selected nodes by one grid step (model, items and wires),
//   panning by a screen (scroll + repaint).
// Target (issue 5): opening under 1 s; repaints and moves fast enough that
// panning and zooming show no visible stutter (a frame is ~16 ms).
//
// Usage: bench_canvas [runs]

#include "benchworkspace.h"

#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/mainwindow/mainwindow.h"
#include "engine/store/workspacestore.h"

#include <QApplication>
#include <QPixmap>
#include <QScrollBar>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace stratus::engine;
using namespace stratus::editor;

namespace {

double timeMs(const std::function<void()> &step)
{
    const auto t0 = std::chrono::steady_clock::now();
    step();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void report(const char *what, const std::vector<double> &ms)
{
    std::printf("  %-44s median %8.1f ms  (min %.1f, max %.1f)\n", what, median(ms),
                *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()));
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "qt.qpa.*=false");
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8()); // keep the user's recent files as they are
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    QTemporaryDir dir;
    for (bool local : {true, false}) {
        const QString file = dir.filePath(local ? QStringLiteral("local.stratus")
                                                : QStringLiteral("random.stratus"));
        if (!WorkspaceStore::writeTo(file.toStdString(),
                                     stratus::bench::makeWorkspace(2000, 3000, local))) {
            std::fprintf(stderr, "cannot write the workspace\n");
            return 1;
        }
        std::printf("bench_canvas: 2,000 nodes, 3,000 edges %s, %d runs, window 1400x860\n",
                    local ? "between neighbours"
                          : "between random nodes (long wires across the canvas)",
                    runs);

        std::vector<double> open, fitPaint, fullPaint, move, pan;
        for (int run = 0; run < runs; ++run) {
            MainWindow window;
            window.resize(1400, 860);
            open.push_back(timeMs([&] {
                window.show();
                if (!window.openFile(file))
                    std::abort();
                QApplication::processEvents();
                window.currentView()->viewport()->grab(); // the first frame drawn
            }));
            WorkflowView *view = window.currentView();
            WorkflowScene *scene = window.currentScene();
            view->zoomToFit();
            fitPaint.push_back(timeMs([&] { view->viewport()->grab(); }));
            view->setTransform(QTransform());
            view->centerOn(scene->itemsBoundingRect().center());
            fullPaint.push_back(timeMs([&] { view->viewport()->grab(); }));

            // 200 nodes selected and moved by one grid step, as a drag ends.
            std::vector<NodeId> ids;
            std::map<NodeId, MoveNodesCommand::Move> moves;
            for (int i = 0; i < 200; ++i) {
                const NodeId id("n" + std::to_string(i * 10));
                ids.push_back(id);
                const Position p = window.workspace().workflows[0].position(id);
                moves[id] = {p, {p.x + WorkflowScene::kGrid, p.y}};
            }
            scene->selectNodes(ids);
            move.push_back(timeMs([&] {
                window.document()->undoStack()->push(new MoveNodesCommand(
                    window.document(), window.workspace().workflows[0].id(), moves));
                view->viewport()->grab();
            }));
            pan.push_back(timeMs([&] {
                view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() +
                                                      view->viewport()->width());
                view->viewport()->grab();
            }));
            window.document()->undoStack()->clear();
        }
        report("open (file to first frame)", open);
        report("repaint, whole graph (zoom to fit)", fitPaint);
        report("repaint at 100 %", fullPaint);
        report("move 200 selected nodes + repaint", move);
        report("pan by a screen + repaint", pan);
    }
    return 0;
}
