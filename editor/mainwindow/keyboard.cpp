// MainWindow without a mouse: F6 and Shift+F6 take the focus from panel to
// panel, Return on a node opens its inspector (Shift+Return its code), and
// Edit → Wire Selected Node (Ctrl+E) draws a wire from a list. The canvas's
// own keys (arrows between nodes, Shift+arrows to move them) are in
// WorkflowScene::keyPressEvent.

#include "mainwindow.h"

#include "editor/canvas/wiredialog.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/code/codeview.h"
#include "editor/inspector/inspector.h"
#include "editor/qstrings.h"

#include "engine/model/nodekind.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QStatusBar>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

/// The first widget in `root` that Tab would reach, or null.
QWidget *firstFocusableIn(QWidget *root)
{
    if (!root)
        return nullptr;
    if ((root->focusPolicy() & Qt::TabFocus) && root->isVisible() && root->isEnabled())
        return root;
    QWidget *w = root->nextInFocusChain();
    for (int guard = 0; w && w != root && guard < 10000; ++guard, w = w->nextInFocusChain()) {
        if (root->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled())
            return w;
    }
    return nullptr;
}

} // namespace

QList<QWidget *> MainWindow::panels() const
{
    // Left to right, then the bottom row: the order the eye reads the window in.
    QList<QWidget *> panels;
    auto dock = [&](const char *name) {
        auto *d = findChild<QDockWidget *>(QLatin1String(name));
        if (d && d->toggleViewAction()->isChecked())
            panels << d;
    };
    dock("palette");
    if (QWidget *view = currentView())
        panels << view;
    else
        panels << m_tabs->parentWidget();
    for (const char *name : {"inspector", "code", "problems", "history", "invocations", "cost", "run", "charts", "data"})
        dock(name);
    return panels;
}

void MainWindow::focusPanel(int step)
{
    const QList<QWidget *> all = panels();
    if (all.isEmpty())
        return;
    int current = -1;
    const QWidget *focused = QApplication::focusWidget();
    for (int i = 0; i < all.size() && focused; ++i) {
        if (all[i] == focused || all[i]->isAncestorOf(focused))
            current = i;
    }
    for (int tries = 0; tries < all.size(); ++tries) {
        current = current < 0 ? (step > 0 ? 0 : int(all.size()) - 1) : int((current + step + all.size()) % all.size());
        QWidget *panel = all[current];
        if (auto *dock = qobject_cast<QDockWidget *>(panel)) {
            dock->show();
            dock->raise(); // from behind its tab
        }
        // A panel with nothing to focus (an empty inspector) is passed over.
        if (QWidget *target = firstFocusableIn(panel)) {
            target->setFocus(Qt::TabFocusReason);
            auto *dock = qobject_cast<QDockWidget *>(panel);
            statusBar()->showMessage(dock ? dock->windowTitle() : tr("Canvas"), 2000);
            return;
        }
    }
}

void MainWindow::wireSelected()
{
    WorkflowScene *scene = currentScene();
    const auto selected = scene ? scene->selectedNodes() : std::vector<NodeId>();
    if (selected.size() != 1) {
        statusBar()->showMessage(tr("Select one node to wire (arrow keys move the selection)"), 6000);
        return;
    }
    WireDialog dialog(scene, selected.front(), this);
    dialog.exec();
    // Back on the canvas, to go on from the node wired.
    if (QWidget *view = currentView())
        view->setFocus(Qt::OtherFocusReason);
}

void MainWindow::activateNode(const QString &nodeId, bool code)
{
    WorkflowScene *scene = currentScene();
    const Node *node = scene ? scene->workflow().findNode(NodeId(nodeId.toStdString())) : nullptr;
    if (!node)
        return;
    if (code && node->kind != kinds::kFunction) {
        statusBar()->showMessage(tr("Only functions have code; Return opens the inspector"), 6000);
        return;
    }
    // The panel forward (from behind its tab), then the field.
    if (auto *dock = findChild<QDockWidget *>(code ? QStringLiteral("code") : QStringLiteral("inspector"))) {
        dock->show();
        dock->raise();
    }
    m_inspector->focusField(code ? QStringLiteral("files") : QStringLiteral("name"));
}

} // namespace stratus::editor
