// The studio without a mouse, on the offscreen platform with real key
// events: arrows move the selection between nodes, Shift+arrows move nodes
// (undoably), Return opens the inspector and Shift+Return the code, Ctrl+E
// wires the selected node from a list, and F6 takes the focus through every
// panel and back.

#include "testutil.h"

#include "editor/canvas/nodeitem.h"
#include "editor/canvas/wiredialog.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/code/codeview.h"
#include "editor/document/workspacedocument.h"
#include "editor/inspector/inspector.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/palette/nodepalette.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QTreeWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace stratus::engine;
using namespace stratus::editor;

namespace {

/// Runs `f` on the modal dialog the next call opens, once it is shown; the
/// dialog's exec() returns when `f` closes it.
template<class F>
void whenModal(F f)
{
    // Polled, not waited for: the caller may process events (activating its
    // window) before it opens the dialog.
    auto *poll = new QTimer;
    auto deadline = std::make_shared<QDeadlineTimer>(10000);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, deadline, f] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal && !deadline->hasExpired())
            return;
        poll->deleteLater();
        poll->stop();
        if (modal) {
            f(modal);
            if (modal->isVisible())
                modal->close();
        }
    });
    poll->start(10);
}

} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void arrowsMoveTheSelectionBetweenNodes();
    void shiftArrowsMoveTheSelectedNodesUndoably();
    void returnOpensTheInspectorAndShiftReturnTheCode();
    void ctrlEWiresTheSelectedNodeFromAList();
    void theWireDialogOffersOnlyWhatTheModelAccepts();
    void f6TakesTheFocusThroughEveryPanel();
    void thePaletteAddsANodeFromTheKeyboard();
    void theCanvasHasTheKeysWhenAFileOpensAndEscReturnsThem();

private:
    QString selected() const;
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestKeyboard::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

void TestKeyboard::init()
{
    m_window = std::make_unique<MainWindow>();
    const QString file = stratus::test::importExample(m_dir.path(), "http-api");
    const Status s = m_window->openFile(file);
    QVERIFY2(s, s.message().c_str());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    m_window->currentView()->setFocus();
    QTRY_VERIFY(m_window->currentView()->hasFocus());
}

void TestKeyboard::cleanup()
{
    m_window.reset();
}

QString TestKeyboard::selected() const
{
    const auto nodes = m_window->currentScene()->selectedNodes();
    return nodes.size() == 1 ? QString::fromStdString(nodes.front().str()) : QString::number(nodes.size());
}

void TestKeyboard::press(int key, Qt::KeyboardModifiers modifiers)
{
    // A closed modal dialog leaves no window active on the offscreen
    // platform, where no window manager gives it back.
    if (!QApplication::activeWindow()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitFor([] { return QApplication::focusWidget() != nullptr; }));
    }
    QWidget *target = QApplication::focusWidget();
    QVERIFY(target);
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

void TestKeyboard::arrowsMoveTheSelectionBetweenNodes()
{
    QCOMPARE(selected(), QStringLiteral("0"));
    press(Qt::Key_Right); // nothing selected: the top-left node
    QCOMPARE(selected(), QStringLiteral("list-route"));
    press(Qt::Key_Right);
    QCOMPARE(selected(), QStringLiteral("list-todos"));
    press(Qt::Key_Down);
    QCOMPARE(selected(), QStringLiteral("create-todo"));
    QCOMPARE(QString::fromStdString(m_window->inspector()->nodeId().str()), QStringLiteral("create-todo"));
    press(Qt::Key_Right);
    QCOMPARE(selected(), QStringLiteral("check-todo"));
    press(Qt::Key_Right);
    QCOMPARE(selected(), QStringLiteral("todos"));
    press(Qt::Key_Down);
    QCOMPARE(selected(), QStringLiteral("errors"));
    press(Qt::Key_Left); // the node in line beats the nearer one above it
    QCOMPARE(selected(), QStringLiteral("get-todo"));
    press(Qt::Key_Left);
    QCOMPARE(selected(), QStringLiteral("get-route"));
    press(Qt::Key_Left); // nothing there: the selection stays, and the user is told
    QCOMPARE(selected(), QStringLiteral("get-route"));
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("No node that way"));
    press(Qt::Key_Up);
    QCOMPARE(selected(), QStringLiteral("create-route"));
    QVERIFY(m_window->currentView()->hasFocus());
}

void TestKeyboard::shiftArrowsMoveTheSelectedNodesUndoably()
{
    WorkspaceDocument *document = m_window->document();
    const WorkflowId api("api");
    QVERIFY(m_window->selectNode(api, NodeId("create-todo")));
    m_window->currentView()->setFocus();
    const Position before = document->workflow(api)->position(NodeId("create-todo"));
    const int commands = document->undoStack()->count();
    press(Qt::Key_Right, Qt::ShiftModifier);
    press(Qt::Key_Right, Qt::ShiftModifier);
    press(Qt::Key_Up, Qt::ShiftModifier);
    const Position after = document->workflow(api)->position(NodeId("create-todo"));
    QCOMPARE(after.x, before.x + 2 * WorkflowScene::kGrid);
    QCOMPARE(after.y, before.y - WorkflowScene::kGrid);
    QCOMPARE(document->undoStack()->count(), commands + 3);
    QCOMPARE(selected(), QStringLiteral("create-todo"));
    document->undoStack()->undo();
    document->undoStack()->undo();
    document->undoStack()->undo();
    QVERIFY(document->workflow(api)->position(NodeId("create-todo")) == before);
    press(Qt::Key_Left); // plain arrows still select
    QCOMPARE(selected(), QStringLiteral("create-route"));
}

void TestKeyboard::returnOpensTheInspectorAndShiftReturnTheCode()
{
    QVERIFY(m_window->selectNode(WorkflowId("api"), NodeId("create-todo")));
    m_window->currentView()->setFocus();
    press(Qt::Key_Return);
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused);
    QVERIFY(m_window->inspector()->isAncestorOf(focused));
    auto *name = qobject_cast<QLineEdit *>(focused);
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("create-todo"));

    m_window->currentView()->setFocus();
    press(Qt::Key_Return, Qt::ShiftModifier);
    focused = QApplication::focusWidget();
    QVERIFY(focused == m_window->codeView() || m_window->codeView()->isAncestorOf(focused));
    // Ctrl+L there does not cut a line of code (QScintilla's own key, taken away).
    const QString code = m_window->codeView()->text();
    press(Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(m_window->codeView()->text(), code);

    // A trigger has no code: the focus stays, and the status bar says why.
    QVERIFY(m_window->selectNode(WorkflowId("api"), NodeId("create-route")));
    m_window->currentView()->setFocus();
    press(Qt::Key_Return, Qt::ShiftModifier);
    QVERIFY(m_window->currentView()->hasFocus());
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Only functions have code")));
}

void TestKeyboard::ctrlEWiresTheSelectedNodeFromAList()
{
    WorkspaceDocument *document = m_window->document();
    const WorkflowId api("api");
    QVERIFY(m_window->selectNode(api, NodeId("get-todo")));
    m_window->currentView()->setFocus();
    const size_t edges = document->workflow(api)->edges().size();
    // The dialog is modal: what it shows is read while it runs, and it is
    // always closed, so that a failed check cannot leave the test waiting.
    bool seen = false, filterHadFocus = false;
    int shown = 0;
    QString current;
    whenModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<WireDialog *>(modal);
        if (!dialog)
            return;
        seen = true;
        filterHadFocus = QTest::qWaitFor([&] { return dialog->filter()->hasFocus(); });
        QTest::keyClicks(dialog->filter(), QStringLiteral(" todos (in"));
        for (int row = 0; row < dialog->list()->count(); ++row)
            shown += dialog->list()->item(row)->isHidden() ? 0 : 1;
        if (dialog->list()->currentItem())
            current = dialog->list()->currentItem()->text();
        QTest::keyClick(dialog->filter(), Qt::Key_Return);
    });
    press(Qt::Key_E, Qt::ControlModifier);
    QVERIFY(seen);
    QVERIFY(filterHadFocus);
    QCOMPARE(shown, 2); // "ok → todos (in)" and "error → todos (in)"; the first is current
    QCOMPARE(current, QStringLiteral("ok → todos (in)"));
    QCOMPARE(document->workflow(api)->edges().size(), edges + 1);
    const Edge &added = document->workflow(api)->edges().back();
    QCOMPARE(QString::fromStdString(added.from.node.str() + "." + added.from.port), QStringLiteral("get-todo.ok"));
    QCOMPARE(QString::fromStdString(added.to.node.str() + "." + added.to.port), QStringLiteral("todos.in"));
    document->undoStack()->undo();
    QCOMPARE(document->workflow(api)->edges().size(), edges);

    // Escape leaves the workflow as it was.
    whenModal([](QWidget *dialog) { QTest::keyClick(dialog, Qt::Key_Escape); });
    press(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(document->workflow(api)->edges().size(), edges);

    // With no node selected, nothing opens and the status bar says how to select one.
    m_window->currentScene()->clearSelection();
    press(Qt::Key_E, Qt::ControlModifier);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("Select one node")));
}

void TestKeyboard::theWireDialogOffersOnlyWhatTheModelAccepts()
{
    WorkflowScene *scene = m_window->currentScene();
    // A log has only an input: every wire offered comes into it, from an
    // output not already wired to it.
    WireDialog log(scene, NodeId("errors"), m_window.get());
    QVERIFY(log.candidateCount() > 0);
    for (int row = 0; row < log.list()->count(); ++row) {
        const QString text = log.list()->item(row)->text();
        QVERIFY2(text.startsWith(QStringLiteral("in ← ")), qPrintable(text));
        QVERIFY2(text != QStringLiteral("in ← get-todo (error)"), "an existing wire is offered again");
    }
    // A trigger has only an output, and a wire from it back to its own
    // function exists: that one is not offered, the others are.
    WireDialog trigger(scene, NodeId("create-route"), m_window.get());
    QStringList texts;
    for (int row = 0; row < trigger.list()->count(); ++row)
        texts << trigger.list()->item(row)->text();
    QVERIFY(!texts.contains(QStringLiteral("event → create-todo (in)")));
    QVERIFY(texts.contains(QStringLiteral("event → get-todo (in)")));
    // The filter finds the other node's kind too.
    QTest::keyClicks(trigger.filter(), QStringLiteral("function"));
    for (int row = 0; row < trigger.list()->count(); ++row) {
        const bool function = trigger.list()->item(row)->toolTip() == QStringLiteral("Function");
        QCOMPARE(trigger.list()->item(row)->isHidden(), !function);
    }
    trigger.filter()->clear();
    // A filter that matches nothing leaves nothing current: Return does nothing.
    QTest::keyClicks(trigger.filter(), QStringLiteral("no such node"));
    QCOMPARE(trigger.list()->currentRow(), -1);
    const size_t edges = scene->workflow().edges().size();
    trigger.accept();
    QCOMPARE(scene->workflow().edges().size(), edges);
}

void TestKeyboard::f6TakesTheFocusThroughEveryPanel()
{
    // A function selected, so the inspector and the code have fields.
    QVERIFY(m_window->selectNode(WorkflowId("api"), NodeId("create-todo")));
    m_window->currentView()->setFocus();
    const QList<QWidget *> panels = m_window->panels();
    QVERIFY(panels.size() >= 10);
    auto panelOfFocus = [&]() -> int {
        QWidget *focused = QApplication::focusWidget();
        for (int i = 0; i < panels.size(); ++i) {
            if (focused && (panels[i] == focused || panels[i]->isAncestorOf(focused)))
                return i;
        }
        return -1;
    };
    const int start = panelOfFocus();
    QVERIFY(start >= 0);
    QList<int> visited{start};
    for (int i = 1; i < panels.size(); ++i) {
        press(Qt::Key_F6);
        visited << panelOfFocus();
    }
    for (int i = 0; i < panels.size(); ++i) {
        QVERIFY2(visited.contains(i), qPrintable(QStringLiteral("F6 never reached %1 '%2'")
                                                     .arg(QString::fromLatin1(panels[i]->metaObject()->className()),
                                                          panels[i]->objectName())));
    }
    press(Qt::Key_F6);
    QCOMPARE(panelOfFocus(), start); // round the window and back
    press(Qt::Key_F6, Qt::ShiftModifier);
    QCOMPARE(panelOfFocus(), (start + int(panels.size()) - 1) % int(panels.size()));
}

void TestKeyboard::thePaletteAddsANodeFromTheKeyboard()
{
    WorkspaceDocument *document = m_window->document();
    const WorkflowId api("api");
    const size_t nodes = document->workflow(api)->nodes().size();
    m_window->palette()->filterBox()->setFocus();
    QTest::keyClicks(m_window->palette()->filterBox(), QStringLiteral("queue"));
    press(Qt::Key_Return); // the first kind shown
    QCOMPARE(document->workflow(api)->nodes().size(), nodes + 1);
    QCOMPARE(QString::fromStdString(document->workflow(api)->nodes().back().kind), QStringLiteral("queue"));
    // Added where no node is: a place a node covers is passed over for the nearest free one.
    WorkflowScene *scene = m_window->currentScene();
    const QPointF taken = scene->itemFor(NodeId("create-todo"))->pos();
    QVERIFY(scene->freeSpotNear(taken) != taken);
    const QPointF open(2000, 2000);
    QCOMPARE(scene->freeSpotNear(open), open);
    const QRectF added = scene->itemFor(document->workflow(api)->nodes().back().id)->sceneBoundingRect();
    for (const Node &n : document->workflow(api)->nodes()) {
        if (n.id != document->workflow(api)->nodes().back().id)
            QVERIFY2(!scene->itemFor(n.id)->sceneBoundingRect().intersects(added), n.id.str().c_str());
    }

    m_window->palette()->filterBox()->clear();
    press(Qt::Key_Down); // into the list, on its first kind
    QVERIFY(m_window->palette()->tree()->hasFocus());
    press(Qt::Key_Down);
    press(Qt::Key_Return);
    QCOMPARE(document->workflow(api)->nodes().size(), nodes + 2);
    QCOMPARE(QString::fromStdString(document->workflow(api)->nodes().back().kind),
             m_window->palette()->visibleKinds().at(1));
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(document->workflow(api)->nodes().size(), nodes);
}

void TestKeyboard::theCanvasHasTheKeysWhenAFileOpensAndEscReturnsThem()
{
    MainWindow window;
    const QString file = stratus::test::importExample(m_dir.path(), "scheduled-job");
    QVERIFY(window.openFile(file));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_VERIFY(window.currentView()->hasFocus());
    QTest::keyClick(window.currentView(), Qt::Key_Right);
    QCOMPARE(window.currentScene()->selectedNodes().size(), size_t(1));
    QTest::keyClick(window.currentView(), Qt::Key_Return);
    QVERIFY(window.inspector()->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(window.currentView()->hasFocus());
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
