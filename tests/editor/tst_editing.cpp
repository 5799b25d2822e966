// Designing in the studio, driving real widgets on the offscreen platform:
// nodes from the palette (activation and a real drop), wiring by dragging
// from port to port and refusals with their reason, moving as one undo step,
// delete and undo, copy and paste (also into another workspace, and garbage),
// inspector edits reaching the model, code edits stored as file revisions,
// and the automatic save surviving a killed process.

#include "testutil.h"

#include "editor/canvas/edgeitem.h"
#include "editor/canvas/nodeitem.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/code/codeview.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/inspector/choiceruleseditor.h"
#include "editor/inspector/inspector.h"
#include "editor/inspector/structurededitor.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/palette/nodepalette.h"
#include "engine/model/nodekind.h"
#include "engine/store/workspacestore.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <csignal>

using namespace stratus::engine;
using namespace stratus::editor;

// Two JSON values, both printed when they differ.
#define QCOMPARE_JSON(actual, expected)                                                                   \
    do {                                                                                                  \
        const Json a_ = (actual), e_ = (expected);                                                        \
        QVERIFY2(a_ == e_, qPrintable(QString::fromStdString(a_.dump() + "\n   expected " + e_.dump()))); \
    } while (false)

class TestEditing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void paletteAddsNodesAndUndoTakesThemBack();
    void paletteFilterAndDrop();
    void wiringByDraggingBetweenPorts();
    void wiringTheModelRefusesIsRefusedWithAReason();
    void dragMovesSelectedNodesInOneStep();
    void deleteAndUndoRestoreNodesWithTheirWires();
    void copyAndPasteAlsoIntoAnotherWorkspace();
    void pastingGarbageDoesNothing();
    void inspectorEditsReachTheModel();
    void structuredFieldsHaveFormsAndRawJson();
    void choiceRulesAreBuiltRowByRow();
    void codeEditsAreStoredAsRevisions();
    void editsAreSavedAutomatically();
    void workflowsAreAddedRenamedAndDeleted();
    void removingANodeTakesItsTestEventsAlong();
    void renameInPlaceAndKeyboardShortcuts();
    void renamingAResourceTakesItsUsersAlong();
    void aDeletedFileIsNotSavedIntoThinAir();
    void changesDuringABackgroundSaveAreSavedToo();
    void autosaveSurvivesAKilledProcess();

private:
    QString importExample(const char *name);
    std::unique_ptr<MainWindow> openWindow(const char *example);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestEditing::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

void TestEditing::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestEditing::importExample(const char *name)
{
    return stratus::test::importExample(m_dir->path(), name);
}

std::unique_ptr<MainWindow> TestEditing::openWindow(const char *example)
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1200, 800);
    window->show();
    if (!window->openFile(importExample(example)))
        qFatal("cannot open %s", example);
    if (!QTest::qWaitForWindowExposed(window.get()))
        qFatal("window not exposed");
    return window;
}

void TestEditing::paletteAddsNodesAndUndoTakesThemBack()
{
    auto window = openWindow("http-api");
    const size_t before = window->workspace().workflows[0].nodes().size();
    QTreeWidget *tree = window->palette()->tree();
    QTreeWidgetItem *function = nullptr;
    for (QTreeWidgetItem *item : tree->findItems(QStringLiteral("Function"), Qt::MatchExactly | Qt::MatchRecursive))
        function = item;
    QVERIFY(function);
    Q_EMIT tree->itemActivated(function, 0);
    const auto &nodes = window->workspace().workflows[0].nodes();
    QCOMPARE(nodes.size(), before + 1);
    const Node &added = nodes.back();
    QCOMPARE(added.kind, std::string("function"));
    QVERIFY(window->currentScene()->itemFor(added.id));
    QCOMPARE(window->currentScene()->selectedNodes(), std::vector<NodeId>{added.id});
    // A new function is valid as it comes: a runtime, a handler and its file.
    window->document()->revalidate();
    for (const Problem &p : window->problems())
        QVERIFY2(p.node != added.id, p.toString().c_str());

    QUndoStack *undo = window->document()->undoStack();
    undo->undo();
    QCOMPARE(window->workspace().workflows[0].nodes().size(), before);
    QVERIFY(!window->currentScene()->itemFor(added.id));
    undo->redo();
    QCOMPARE(window->workspace().workflows[0].nodes().size(), before + 1);
    QVERIFY(window->currentScene()->itemFor(added.id));
}

void TestEditing::paletteFilterAndDrop()
{
    auto window = openWindow("scheduled-job");
    window->palette()->filterBox()->setText(QStringLiteral("queue"));
    QCOMPARE(window->palette()->visibleKinds(), QStringList{QStringLiteral("queue")});
    window->palette()->filterBox()->clear();
    QCOMPARE(window->palette()->visibleKinds().size(), 9);

    // A real drop of the palette's MIME data on the canvas.
    WorkflowView *view = window->currentView();
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(kNodeKindMimeType), QByteArray("bucket"));
    const QPoint at = view->viewport()->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    delete mime;
    const Node &added = window->workspace().workflows[0].nodes().back();
    QCOMPARE(added.kind, std::string("bucket"));
    // Placed where it was dropped, on the grid.
    const Position p = window->workspace().workflows[0].position(added.id);
    QCOMPARE(std::fmod(p.x, WorkflowScene::kGrid), 0.0);
    const QPointF dropped = view->mapToScene(at);
    QVERIFY(std::abs(p.x + NodeItem::kWidth / 2 - dropped.x()) <= WorkflowScene::kGrid);
}

void TestEditing::wiringByDraggingBetweenPorts()
{
    auto window = openWindow("scheduled-job");
    WorkflowScene *scene = window->currentScene();
    WorkflowView *view = window->currentView();
    // A log node to wire into.
    const NodeId log = window->addNode(QStringLiteral("log"), QPointF(900, 400));
    QVERIFY(log.isValid());
    const Workflow &w = window->workspace().workflows[0];
    // Find a function with an "ok" output.
    NodeId function;
    for (const Node &n : w.nodes()) {
        if (n.kind == "function")
            function = n.id;
    }
    QVERIFY(function.isValid());
    const size_t edges = w.edges().size();
    view->setTransform(QTransform());
    view->centerOn(QRectF(scene->portPosition(function, "ok", true), scene->portPosition(log, "in", false)).center());
    const QPoint from = view->mapFromScene(scene->portPosition(function, "ok", true));
    const QPoint to = view->mapFromScene(scene->portPosition(log, "in", false));
    QVERIFY(view->viewport()->rect().contains(from) && view->viewport()->rect().contains(to));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), (from + to) / 2);
    // Compatible ports light up while dragging.
    QVERIFY(scene->isHighlighted(log, "in", false));
    QVERIFY(!scene->isHighlighted(function, "in", false));
    QTest::mouseMove(view->viewport(), to);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(w.edges().size(), edges + 1);
    const Edge &wired = w.edges().back();
    QCOMPARE(wired.from, (PortRef{function, "ok"}));
    QCOMPARE(wired.to, (PortRef{log, "in"}));
    QVERIFY(scene->edgeItemFor(wired.id));
    window->document()->undoStack()->undo();
    QCOMPARE(w.edges().size(), edges);
}

void TestEditing::wiringTheModelRefusesIsRefusedWithAReason()
{
    auto window = openWindow("http-api");
    WorkflowScene *scene = window->currentScene();
    const Workflow &w = window->workspace().workflows[0];
    NodeId trigger, function;
    for (const Node &n : w.nodes()) {
        if (n.kind == "trigger.http" && !trigger.isValid())
            trigger = n.id;
        if (n.kind == "function" && !function.isValid())
            function = n.id;
    }
    const size_t edges = w.edges().size();
    const int commands = window->document()->undoStack()->count();
    // Into a trigger, which takes no input.
    QVERIFY(!scene->connectPorts({function, "ok"}, {trigger, "in"}));
    QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("takes no input")),
             qPrintable(window->statusBar()->currentMessage()));
    // An edge that exists already.
    const Edge existing = w.edges().front();
    QVERIFY(!scene->connectPorts(existing.from, existing.to));
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("already wired")));
    // A loop with no queue on it.
    const NodeId log = window->addNode(QStringLiteral("log"), QPointF(0, 600));
    const NodeId second = window->addNode(QStringLiteral("function"), QPointF(300, 600));
    QVERIFY(scene->connectPorts({function, "ok"}, {second, "in"}));
    QVERIFY(!scene->connectPorts({second, "ok"}, {function, "in"}));
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("loop")));
    Q_UNUSED(log);
    QCOMPARE(w.edges().size(), edges + 1);
    QCOMPARE(window->document()->undoStack()->count(), commands + 3);
}

void TestEditing::dragMovesSelectedNodesInOneStep()
{
    auto window = openWindow("queue-between-functions");
    WorkflowScene *scene = window->currentScene();
    WorkflowView *view = window->currentView();
    const Workflow &w = window->workspace().workflows[0];
    const NodeId a = w.nodes()[0].id, b = w.nodes()[1].id;
    const Position pa = w.position(a), pb = w.position(b);
    scene->selectNodes({a, b});
    view->setTransform(QTransform());
    view->centerOn(scene->itemFor(a));
    // Grab a's body (below the header, away from the ports) and drag by (100, 60).
    const QPoint grab = view->mapFromScene(scene->itemFor(a)->pos() + QPointF(NodeItem::kWidth / 2, NodeItem::kHeaderHeight + 8));
    const int commands = window->document()->undoStack()->count();
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, grab);
    for (int step = 1; step <= 5; ++step)
        QTest::mouseMove(view->viewport(), grab + QPoint(20 * step, 12 * step));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, grab + QPoint(100, 60));
    QCOMPARE(window->document()->undoStack()->count(), commands + 1);
    QCOMPARE(w.position(a), (Position{pa.x + 100, pa.y + 60}));
    QCOMPARE(w.position(b), (Position{pb.x + 100, pb.y + 60}));
    // The wires followed.
    for (const Edge &e : w.edges()) {
        if (e.from.node == a || e.to.node == a) {
            const QPainterPath path = scene->edgeItemFor(e.id)->path();
            QCOMPARE(e.from.node == a ? path.elementAt(0) : QPointF(path.currentPosition()),
                     scene->portPosition(a, e.from.node == a ? e.from.port : e.to.port, e.from.node == a));
        }
    }
    window->document()->undoStack()->undo();
    QCOMPARE(w.position(a), pa);
    QCOMPARE(w.position(b), pb);
    QCOMPARE(scene->itemFor(a)->pos(), QPointF(pa.x, pa.y));
}

void TestEditing::deleteAndUndoRestoreNodesWithTheirWires()
{
    auto window = openWindow("upload-processing");
    const Workflow before = window->workspace().workflows[0];
    WorkflowScene *scene = window->currentScene();
    scene->selectNodes({NodeId("is-image")});
    window->deleteSelection();
    const Workflow &w = window->workspace().workflows[0];
    QVERIFY(!w.findNode(NodeId("is-image")));
    for (const Edge &e : w.edges())
        QVERIFY(e.from.node != NodeId("is-image") && e.to.node != NodeId("is-image"));
    QVERIFY(w.edges().size() < before.edges().size());
    window->document()->undoStack()->undo();
    QVERIFY(w.findNode(NodeId("is-image")));
    QCOMPARE(*w.findNode(NodeId("is-image")), *before.findNode(NodeId("is-image")));
    QCOMPARE(w.edges().size(), before.edges().size());
    QCOMPARE(w.position(NodeId("is-image")), before.position(NodeId("is-image")));

    // The document names what changed, with typed ids: a removal is said
    // before (the model still holds it) and after, edges before their node.
    WorkspaceDocument *document = window->document();
    QStringList said;
    const auto record = [&](const char *what, const std::string &id, bool present) {
        said << QStringLiteral("%1 %2%3").arg(QLatin1String(what), QString::fromStdString(id),
                                              present ? QStringLiteral(" (present)") : QString());
    };
    const WorkflowId workflowId = w.id();
    std::vector<QMetaObject::Connection> connections{
        connect(document, &WorkspaceDocument::edgeAboutToBeRemoved, this,
                [&](const WorkflowId &wf, const EdgeId &e) { record("edge-", e.str(), document->workflow(wf)->findEdge(e)); }),
        connect(document, &WorkspaceDocument::nodeAboutToBeRemoved, this,
                [&](const WorkflowId &wf, const NodeId &n) { record("node-", n.str(), document->workflow(wf)->findNode(n)); }),
        connect(document, &WorkspaceDocument::nodeRemoved, this,
                [&](const WorkflowId &wf, const NodeId &n) { record("node.", n.str(), document->workflow(wf)->findNode(n)); }),
        connect(document, &WorkspaceDocument::nodeChanged, this, [&](const WorkflowId &wf, const NodeId &n, NodeAspects a) {
            QCOMPARE(wf, workflowId);
            record(a == NodeAspect::Position ? "moved" : a == NodeAspect::Name ? "renamed" : a == NodeAspect::Config ? "configured" : "changed",
                   n.str(), true);
        }),
    };
    qsizetype touching = 0;
    for (const Edge &e : w.edges())
        touching += e.from.node == NodeId("is-image") || e.to.node == NodeId("is-image");
    QVERIFY(touching > 1);
    scene->selectNodes({NodeId("is-image")});
    window->deleteSelection();
    QCOMPARE(said.size(), touching + 2); // its edges, then the node before and after
    for (qsizetype i = 0; i < touching; ++i)
        QVERIFY2(said[i].startsWith(QLatin1String("edge- ")) && said[i].endsWith(QLatin1String("(present)")),
                 qPrintable(said.join(u'|')));
    QCOMPARE(said[touching], QStringLiteral("node- is-image (present)"));
    QCOMPARE(said[touching + 1], QStringLiteral("node. is-image"));
    document->undoStack()->undo();
    said.clear();
    const Position at = w.position(NodeId("is-image"));
    document->undoStack()->push(
        new MoveNodesCommand(document, workflowId, {{NodeId("is-image"), {at, Position{at.x + 20, at.y}}}}));
    Node renamed = *w.findNode(NodeId("is-image"));
    renamed.name = "Image?";
    document->undoStack()->push(new ChangeNodeCommand(document, workflowId, *w.findNode(NodeId("is-image")), renamed, {}));
    QCOMPARE(said, QStringList({QStringLiteral("moved is-image (present)"), QStringLiteral("renamed is-image (present)")}));
    for (const auto &c : connections)
        disconnect(c);
    document->undoStack()->undo();
    document->undoStack()->undo();

    // Edge alone, through the selection.
    scene->clearSelection();
    scene->edgeItemFor(w.edges().front().id)->setSelected(true);
    window->deleteSelection();
    QCOMPARE(w.edges().size(), before.edges().size() - 1);
    QCOMPARE(w.nodes().size(), before.nodes().size());
}

void TestEditing::copyAndPasteAlsoIntoAnotherWorkspace()
{
    auto window = openWindow("upload-processing");
    WorkflowScene *scene = window->currentScene();
    scene->selectNodes({NodeId("inspect"), NodeId("is-image")});
    window->copySelection();
    const QString clip = QApplication::clipboard()->text();
    QVERIFY(clip.contains(QStringLiteral("\"format\": \"stratus-workspace\"")));
    // Pasted into the same workflow: fresh ids, the wire between them kept.
    const size_t nodes = window->workspace().workflows[0].nodes().size();
    const size_t edges = window->workspace().workflows[0].edges().size();
    window->paste();
    const Workflow &w = window->workspace().workflows[0];
    QVERIFY2(w.nodes().size() == nodes + 2, qPrintable(clip));
    QCOMPARE(w.edges().size(), edges + 1);
    const Node &copy = w.nodes()[nodes];
    QVERIFY(copy.id != NodeId("inspect"));
    QCOMPARE(copy.name, std::string("inspect-upload-copy"));
    QCOMPARE(w.position(copy.id), (Position{w.position(NodeId("inspect")).x + 40, w.position(NodeId("inspect")).y + 40}));
    window->document()->undoStack()->undo();
    QCOMPARE(w.nodes().size(), nodes);

    // Into another workspace, through the clipboard.
    auto other = openWindow("scheduled-job");
    const size_t otherNodes = other->workspace().workflows[0].nodes().size();
    other->paste();
    QCOMPARE(other->workspace().workflows[0].nodes().size(), otherNodes + 2);
    const Node *pastedFunction = nullptr;
    for (const Node &n : other->workspace().workflows[0].nodes()) {
        if (n.name == "inspect-upload")
            pastedFunction = &n;
    }
    QVERIFY(pastedFunction);
    QVERIFY(pastedFunction->config.contains("files"));

    // Cut: removed here, on the clipboard.
    scene->selectNodes({NodeId("index")});
    window->cutSelection();
    QVERIFY(!w.findNode(NodeId("index")));
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("index-upload")));
}

void TestEditing::pastingGarbageDoesNothing()
{
    auto window = openWindow("http-api");
    const Workspace before = window->workspace();
    const int commands = window->document()->undoStack()->count();
    for (const QString &junk : {QStringLiteral("hello"), QStringLiteral("{\"format\": \"stratus-workspace\", \"version\": 99}"),
                                QStringLiteral("{\"format\": \"stratus-workspace\", \"version\": 1, \"workflows\": []}"),
                                QString(100000, QLatin1Char('[')), QString()}) {
        QApplication::clipboard()->setText(junk);
        window->paste();
        QCOMPARE(window->workspace(), before);
        QCOMPARE(window->document()->undoStack()->count(), commands);
    }
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Nothing to paste")));
}

void TestEditing::inspectorEditsReachTheModel()
{
    auto window = openWindow("http-api");
    QVERIFY(window->selectNode(WorkflowId("api"), NodeId("create-todo")));
    Inspector *inspector = window->inspector();
    auto *memory = qobject_cast<QSpinBox *>(inspector->editorFor(QStringLiteral("memoryMB")));
    QVERIFY(memory);
    QCOMPARE(memory->maximum(), 10240); // the kind's range is enforced by the editor
    // A human label, and the field's JSON name first in its tooltip.
    QLabel *memoryLabel = nullptr;
    for (QLabel *label : inspector->findChildren<QLabel *>()) {
        if (label->text() == QLatin1String("Memory (MB)"))
            memoryLabel = label;
    }
    QVERIFY(memoryLabel);
    QVERIFY2(memoryLabel->toolTip().startsWith(QLatin1String("memoryMB: ")), qPrintable(memoryLabel->toolTip()));
    QCOMPARE(memory->toolTip(), memoryLabel->toolTip());
    // Every field of every kind has a label of its own.
    for (const NodeKindSpec &kind : NodeKindRegistry::instance().kinds()) {
        for (const FieldSpec &field : kind.fields) {
            const QString name = QString::fromStdString(field.name);
            QVERIFY2(field.type == FieldType::Files || Inspector::fieldLabel(name) != name,
                     qPrintable(QString::fromStdString(kind.kind) + QLatin1Char('.') + name));
        }
    }
    memory->setValue(1024);
    const Node *node = window->workspace().workflows[0].findNode(NodeId("create-todo"));
    QVERIFY(node->config.at("memoryMB") == Json(1024));
    // Typing a new name is one merged undo step.
    auto *name = qobject_cast<QLineEdit *>(inspector->editorFor(QStringLiteral("name")));
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("make-todo"));
    QCOMPARE(node->name, std::string("make-todo"));
    QUndoStack *undo = window->document()->undoStack();
    undo->undo();
    QCOMPARE(node->name, std::string("create-todo"));
    QCOMPARE(name->text(), QStringLiteral("create-todo")); // the form follows undo
    undo->undo();
    QVERIFY(node->config.value("memoryMB", Json()) != Json(1024));
    // A wrong value shows its problem on the field.
    auto *handler = qobject_cast<QLineEdit *>(inspector->editorFor(QStringLiteral("handler")));
    handler->setText(QString());
    QTest::keyClicks(handler, QStringLiteral("nohandler"));
    QVERIFY(node->config.at("handler") == Json("nohandler"));
    window->document()->revalidate();
    QVERIFY2(!inspector->problemText(QStringLiteral("handler")).isEmpty(), "no inline problem");
    QVERIFY(window->currentScene()->problemCount(NodeId("create-todo")) > 0);
}

// Environment variables in a name/value table, CORS in a form, the raw JSON
// a toggle away; each edit one undo step; what the form cannot show stays JSON.
void TestEditing::structuredFieldsHaveFormsAndRawJson()
{
    auto window = openWindow("http-api");
    QUndoStack *undo = window->document()->undoStack();
    const auto config = [&](const char *node, const char *field) {
        const Node *n = window->workspace().workflows[0].findNode(NodeId(node));
        return n->config.value(field, Json());
    };
    QVERIFY(window->selectNode(WorkflowId("api"), NodeId("create-todo")));
    auto *env = qobject_cast<StructuredEditor *>(window->inspector()->editorFor(QStringLiteral("environment")));
    QVERIFY(env && env->hasForm() && !env->showsJson());
    QTableWidget *table = env->variablesTable();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 0);
    const int before = undo->count();
    QList<QPushButton *> buttons = env->findChildren<QPushButton *>();
    auto addVariable = std::find_if(buttons.begin(), buttons.end(),
                                    [](QPushButton *b) { return b->text() == QLatin1String("Add Variable"); });
    QVERIFY(addVariable != buttons.end());
    (*addVariable)->click();
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(config("create-todo", "environment").empty()); // a row without a name is not a variable yet
    table->item(0, 0)->setText(QStringLiteral("TABLE_NAME"));
    table->item(0, 1)->setText(QStringLiteral("todos"));
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"TABLE_NAME", "todos"}}));
    QCOMPARE(table->rowCount(), 1); // the model's change did not rebuild the row being edited
    // A name Lambda refuses shows its problem on the field.
    table->item(0, 0)->setText(QStringLiteral("1BAD"));
    QTRY_VERIFY(window->inspector()->problemText(QStringLiteral("environment")).contains(QLatin1String("1BAD")));
    table->item(0, 0)->setText(QStringLiteral("TABLE_NAME"));
    QTRY_VERIFY(window->inspector()->problemText(QStringLiteral("environment")).isEmpty());
    // A name twice would lose a value: refused, named, the model kept.
    (*addVariable)->click();
    table->item(1, 1)->setText(QStringLiteral("other"));
    table->item(1, 0)->setText(QStringLiteral("TABLE_NAME"));
    QVERIFY(window->inspector()->problemText(QStringLiteral("environment")).contains(QLatin1String("TABLE_NAME is there twice")));
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"TABLE_NAME", "todos"}}));
    table->item(1, 0)->setText(QStringLiteral("OTHER"));
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"TABLE_NAME", "todos"}, {"OTHER", "other"}}));
    table->setCurrentCell(1, 0);
    auto removeVariable = std::find_if(buttons.begin(), buttons.end(),
                                       [](QPushButton *b) { return b->text() == QLatin1String("Remove"); });
    QVERIFY(removeVariable != buttons.end());
    (*removeVariable)->click();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"TABLE_NAME", "todos"}}));

    // The raw JSON: edited there, shown in the table when toggled back.
    env->jsonToggle()->click();
    QVERIFY(env->showsJson());
    QVERIFY(env->jsonText()->toPlainText().contains(QLatin1String("\"TABLE_NAME\": \"todos\"")));
    env->jsonText()->setPlainText(QStringLiteral("{\"A\": "));
    QVERIFY(window->inspector()->problemText(QStringLiteral("environment")).contains(QLatin1String("Not valid JSON")));
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"TABLE_NAME", "todos"}}));
    env->jsonText()->setPlainText(QStringLiteral("{\"A\": \"b\", \"C\": \"d\"}"));
    QCOMPARE_JSON(config("create-todo", "environment"), Json({{"A", "b"}, {"C", "d"}}));
    env->jsonToggle()->click();
    QVERIFY(!env->showsJson());
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("C"));
    // A value the table cannot show (not a string) keeps the JSON in view, with the problem named.
    env->jsonToggle()->click();
    env->jsonText()->setPlainText(QStringLiteral("{\"A\": 1}"));
    env->jsonToggle()->click();
    QVERIFY(env->showsJson());
    QTRY_VERIFY(!window->inspector()->problemText(QStringLiteral("environment")).isEmpty());
    // Undo walks it all back, and the form follows.
    while (undo->index() > before)
        undo->undo();
    QVERIFY(config("create-todo", "environment").is_null());

    // CORS as a form; clearing it removes the setting.
    QVERIFY(window->selectNode(WorkflowId("api"), NodeId("create-route")));
    auto *cors = qobject_cast<StructuredEditor *>(window->inspector()->editorFor(QStringLiteral("cors")));
    QVERIFY(cors && cors->corsList("allowOrigins") && cors->corsMaxAge());
    QTest::keyClicks(cors->corsList("allowOrigins"), QStringLiteral("https://a.example, https://b.example"));
    // Typing in another list is another undo step.
    const int beforeMethods = undo->index();
    QTest::keyClicks(cors->corsList("allowMethods"), QStringLiteral("GET, POST"));
    QCOMPARE(undo->index(), beforeMethods + 1);
    undo->undo();
    QVERIFY(!config("create-route", "cors").contains("allowMethods"));
    QVERIFY(config("create-route", "cors").contains("allowOrigins"));
    cors->corsMaxAge()->setValue(600);
    QCOMPARE_JSON(config("create-route", "cors"),
             Json({{"allowOrigins", {"https://a.example", "https://b.example"}}, {"maxAgeS", 600}}));
    cors->corsCredentials()->setChecked(true);
    QCOMPARE_JSON(config("create-route", "cors").value("allowCredentials", Json(false)), Json(true));
    cors->corsList("allowOrigins")->selectAll();
    QTest::keyClick(cors->corsList("allowOrigins"), Qt::Key_Delete);
    cors->corsMaxAge()->setValue(-1);
    cors->corsCredentials()->setChecked(false);
    QVERIFY(config("create-route", "cors").is_null());
    undo->undo();
    QCOMPARE_JSON(config("create-route", "cors"), Json({{"allowCredentials", true}}));
    QVERIFY(cors->corsCredentials()->isChecked());
    // No CORS clears it all at once.
    QTest::keyClicks(cors->corsList("allowHeaders"), QStringLiteral("content-type"));
    QList<QPushButton *> corsButtons = cors->findChildren<QPushButton *>();
    auto none = std::find_if(corsButtons.begin(), corsButtons.end(),
                             [](QPushButton *b) { return b->text() == QLatin1String("No CORS"); });
    QVERIFY(none != corsButtons.end());
    (*none)->click();
    QVERIFY(config("create-route", "cors").is_null());
    QVERIFY(cors->corsList("allowHeaders")->text().isEmpty());
}

// A choice's rules in the builder: add a rule, pick its operator, type a
// number, group and negate, reorder, remove; each an undo step of the node.
void TestEditing::choiceRulesAreBuiltRowByRow()
{
    auto window = openWindow("http-api");
    QUndoStack *undo = window->document()->undoStack();
    const auto rules = [&] {
        return window->workspace().workflows[0].findNode(NodeId("check-todo"))->config.value("rules", Json());
    };
    const Json original = rules();
    QVERIFY(window->selectNode(WorkflowId("api"), NodeId("check-todo")));
    auto *field = qobject_cast<StructuredEditor *>(window->inspector()->editorFor(QStringLiteral("rules")));
    QVERIFY(field && field->rulesEditor());
    ChoiceRulesEditor *builder = field->rulesEditor();
    QTreeWidget *tree = builder->tree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->text(ChoiceRulesEditor::PortColumn), QStringLiteral("rejected"));
    QCOMPARE(tree->topLevelItem(0)->text(ChoiceRulesEditor::VariableColumn), QStringLiteral("$.statusCode"));
    QCOMPARE_JSON(builder->rules(), original);

    // Renaming a rule's port takes its wires along, in one undo step.
    const auto wiresFrom = [&](const char *port) {
        int n = 0;
        for (const Edge &e : window->workspace().workflows[0].edges())
            n += e.from.node == NodeId("check-todo") && e.from.port == port;
        return n;
    };
    const int rejectedWires = wiresFrom("rejected");
    QVERIFY(rejectedWires > 0);
    const int stepsBefore = undo->index();
    tree->topLevelItem(0)->setText(ChoiceRulesEditor::PortColumn, QStringLiteral("invalid"));
    QCOMPARE(wiresFrom("invalid"), rejectedWires);
    QCOMPARE(wiresFrom("rejected"), 0);
    QCOMPARE(undo->index(), stepsBefore + 1);
    QTRY_VERIFY(window->document()->problems().empty());
    undo->undo();
    QCOMPARE(wiresFrom("rejected"), rejectedWires);
    QCOMPARE(tree->topLevelItem(0)->text(ChoiceRulesEditor::PortColumn), QStringLiteral("rejected"));
    // Removing a rule takes its wires away; undo brings both back.
    tree->setCurrentItem(tree->topLevelItem(0));
    builder->removeSelected();
    QCOMPARE(wiresFrom("rejected"), 0);
    QCOMPARE_JSON(rules(), Json::array());
    undo->undo();
    QCOMPARE(wiresFrom("rejected"), rejectedWires);
    QCOMPARE_JSON(rules(), original);

    builder->addRule();
    QCOMPARE(rules().size(), size_t(2));
    QTreeWidgetItem *added = tree->topLevelItem(1);
    QCOMPARE(added->text(ChoiceRulesEditor::PortColumn), QStringLiteral("rule2"));
    added->setText(ChoiceRulesEditor::PortColumn, QStringLiteral("big"));
    added->setText(ChoiceRulesEditor::VariableColumn, QStringLiteral("$.body.count"));
    builder->setOperator(added, QStringLiteral("numericGreaterThan"));
    added->setText(ChoiceRulesEditor::ValueColumn, QStringLiteral("10"));
    QCOMPARE_JSON(rules()[1], Json::parse(R"({"port": "big", "condition": {"variable": "$.body.count", "numericGreaterThan": 10}})"));
    // The new port is an output of the node, drawn on the canvas.
    QTRY_VERIFY(window->currentScene()->itemFor(NodeId("check-todo"))->portOffset("big", true).has_value());

    // Negate it, then add a second comparison inside an "and".
    tree->setCurrentItem(added);
    builder->group(QStringLiteral("not"));
    QCOMPARE_JSON(rules()[1]["condition"], Json::parse(R"({"not": {"variable": "$.body.count", "numericGreaterThan": 10}})"));
    QCOMPARE_JSON(rules()[1]["port"], Json("big"));
    tree->setCurrentItem(tree->topLevelItem(1));
    builder->group(QStringLiteral("and"));
    tree->setCurrentItem(tree->topLevelItem(1));
    builder->addCondition();
    QTreeWidgetItem *second = tree->currentItem();
    second->setText(ChoiceRulesEditor::VariableColumn, QStringLiteral("$.body.urgent"));
    second->setText(ChoiceRulesEditor::ValueColumn, QStringLiteral("FALSE"));
    builder->setOperator(second, QStringLiteral("booleanEquals"));
    // A boolean is chosen from true and false; a value that is neither is kept
    // as it was (not turned into true), and offered as it is.
    QCOMPARE(second->text(ChoiceRulesEditor::ValueColumn), QStringLiteral("FALSE"));
    QCOMPARE(tree->currentItem(), second);
    const QModelIndex valueIndex = tree->currentIndex().siblingAtColumn(ChoiceRulesEditor::ValueColumn);
    std::unique_ptr<QWidget> valueEditor(tree->itemDelegate()->createEditor(tree->viewport(), QStyleOptionViewItem(), valueIndex));
    auto *choice = qobject_cast<QComboBox *>(valueEditor.get());
    QVERIFY(choice);
    tree->itemDelegate()->setEditorData(choice, valueIndex);
    QCOMPARE(choice->currentText(), QStringLiteral("FALSE"));
    QVERIFY(choice->findText(QStringLiteral("true")) >= 0 && choice->findText(QStringLiteral("false")) >= 0);
    second->setText(ChoiceRulesEditor::ValueColumn, QStringLiteral("true"));
    QCOMPARE_JSON(rules()[1]["condition"], Json::parse(R"({"and": [
        {"not": {"variable": "$.body.count", "numericGreaterThan": 10}},
        {"variable": "$.body.urgent", "booleanEquals": true}]})"));
    QVERIFY(window->document()->problems().empty());
    // Reorder the conditions of the group, then the rules.
    builder->moveSelected(-1);
    QCOMPARE_JSON(rules()[1]["condition"]["and"][0]["variable"], Json("$.body.urgent"));
    tree->setCurrentItem(tree->topLevelItem(1));
    builder->moveSelected(-1);
    QCOMPARE_JSON(rules()[0]["port"], Json("big"));
    QCOMPARE_JSON(rules()[1], original[0]);
    // A number that is not one is kept as text, and validation names it.
    QTreeWidgetItem *urgent = tree->topLevelItem(0)->child(0);
    builder->setOperator(urgent, QStringLiteral("numericEquals"));
    QCOMPARE_JSON(rules()[0]["condition"]["and"][0]["numericEquals"], Json("true"));
    QTRY_VERIFY(!window->inspector()->problemText(QStringLiteral("rules")).isEmpty());
    tree->setCurrentItem(tree->topLevelItem(0));
    builder->removeSelected();
    QCOMPARE_JSON(rules(), original);
    // Undo brings the removed rule back in the builder too.
    undo->undo();
    QVERIFY(!field->showsJson());
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE_JSON(builder->rules(), rules());
    while (undo->canUndo())
        undo->undo();
    QCOMPARE_JSON(rules(), original);
    QCOMPARE_JSON(builder->rules(), original);
}

void TestEditing::codeEditsAreStoredAsRevisions()
{
    auto window = openWindow("http-api");
    const QString file = window->document()->filePath();
    QVERIFY(window->selectNode(WorkflowId("api"), NodeId("create-todo")));
    CodeView *code = window->codeView();
    const QString path = window->inspector()->currentFile();
    QVERIFY(!path.isEmpty());
    code->setFocus();
    code->setCursorPosition(0, 0);
    QTest::keyClicks(code, QStringLiteral("// edited in the studio"));
    QTest::keyClick(code, Qt::Key_Return);
    const Node *node = window->workspace().workflows[0].findNode(NodeId("create-todo"));
    const std::string text = node->config.at("files")[path.toStdString()].get<std::string>();
    QVERIFY(text.rfind("// edited in the studio", 0) == 0);
    // All those key presses are one undo step.
    QCOMPARE(window->document()->undoStack()->count(), 1);
    QVERIFY(window->document()->save());
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    auto revisions = store->fileRevisions(WorkflowId("api"), NodeId("create-todo"), path.toStdString());
    QVERIFY(revisions);
    QCOMPARE(revisions->size(), size_t(2));
    QCOMPARE(revisions->back().text, text);

    // Files: add, rename, delete, each undoable.
    Inspector *inspector = window->inspector();
    QVERIFY(inspector->addFile(QStringLiteral("src/util.mjs")));
    QVERIFY(node->config.at("files").contains("src/util.mjs"));
    QVERIFY(!inspector->addFile(QStringLiteral("../escape.js")));
    QVERIFY(inspector->renameFile(QStringLiteral("src/util.mjs"), QStringLiteral("src/helpers.mjs")));
    QVERIFY(node->config.at("files").contains("src/helpers.mjs"));
    QVERIFY(inspector->deleteFile(QStringLiteral("src/helpers.mjs")));
    QVERIFY(!node->config.at("files").contains("src/helpers.mjs"));
    window->document()->undoStack()->undo();
    QVERIFY(node->config.at("files").contains("src/helpers.mjs"));
}

void TestEditing::editsAreSavedAutomatically()
{
    auto window = openWindow("scheduled-job");
    const QString file = window->document()->filePath();
    const NodeId added = window->addNode(QStringLiteral("queue"), QPointF(0, 0));
    QVERIFY(window->document()->hasUnsavedChanges());
    // Within the autosave delay, with nothing else done.
    QTRY_VERIFY_WITH_TIMEOUT(!window->document()->hasUnsavedChanges(), WorkspaceDocument::kAutosaveDelayMs + 2000);
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store->load()->workflows[0].findNode(added));
    // Closing writes what is left, too.
    window->document()->undoStack()->undo();
    QVERIFY(window->document()->hasUnsavedChanges());
    window->close();
    window.reset();
    store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(!store->load()->workflows[0].findNode(added));
}

void TestEditing::workflowsAreAddedRenamedAndDeleted()
{
    auto window = openWindow("http-api");
    QUndoStack *undo = window->document()->undoStack();
    window->newWorkflow();
    QCOMPARE(window->workspace().workflows.size(), size_t(2));
    QCOMPARE(window->workflowTabs()->count(), 2);
    QCOMPARE(window->workflowTabs()->currentIndex(), 1);
    // Nodes go into the new tab's workflow.
    const NodeId added = window->addNode(QStringLiteral("trigger.manual"), QPointF(0, 0));
    QVERIFY(window->workspace().workflows[1].findNode(added));
    // The inspector follows the tab shown: its selection, or nothing.
    QVERIFY(window->selectNode(window->workspace().workflows[1].id(), added));
    QCOMPARE(window->inspector()->nodeId(), added);
    window->workflowTabs()->setCurrentIndex(0);
    QVERIFY(!window->inspector()->nodeId().isValid());
    window->workflowTabs()->setCurrentIndex(1);
    QCOMPARE(window->inspector()->nodeId(), added);
    window->renameWorkflow(QStringLiteral("Back office"));
    QCOMPARE(window->workspace().workflows[1].name(), std::string("Back office"));
    QCOMPARE(window->workflowTabs()->tabText(1), QStringLiteral("Back office"));
    undo->undo();
    QCOMPARE(window->workflowTabs()->tabText(1), QStringLiteral("Workflow 2"));
    undo->redo();
    // Deleting it takes its nodes; undo brings the tab back with them.
    window->deleteWorkflow();
    QCOMPARE(window->workspace().workflows.size(), size_t(1));
    QCOMPARE(window->workflowTabs()->count(), 1);
    undo->undo();
    QCOMPARE(window->workflowTabs()->count(), 2);
    QVERIFY(window->workspace().workflows[1].findNode(added));
    // The last workflow stays.
    window->workflowTabs()->setCurrentIndex(0);
    window->deleteWorkflow();
    window->workflowTabs()->setCurrentIndex(0);
    window->deleteWorkflow();
    QCOMPARE(window->workspace().workflows.size(), size_t(1));
    QVERIFY(window->document()->save());
    auto store = WorkspaceStore::open(window->document()->filePath().toStdString(), WorkspaceStore::Access::ReadOnly);
    QCOMPARE(store->load()->workflows.size(), size_t(1));
}

void TestEditing::removingANodeTakesItsTestEventsAlong()
{
    auto window = openWindow("http-api");
    const Workspace &ws = window->workspace();
    QVERIFY(!ws.testEvents.empty());
    const TestEvent event = ws.testEvents.front();
    const size_t events = ws.testEvents.size();
    window->currentScene()->selectNodes({event.node});
    window->deleteSelection();
    QVERIFY(std::none_of(ws.testEvents.begin(), ws.testEvents.end(), [&](const TestEvent &e) { return e.node == event.node; }));
    // The file can hold what is left (a test event for a missing node could not be stored).
    QVERIFY(window->document()->save());
    window->document()->undoStack()->undo();
    QCOMPARE(ws.testEvents.size(), events);
    QVERIFY(window->document()->save());
    auto store = WorkspaceStore::open(window->document()->filePath().toStdString(), WorkspaceStore::Access::ReadOnly);
    QCOMPARE(store->load()->testEvents.size(), events);
}

void TestEditing::renameInPlaceAndKeyboardShortcuts()
{
    auto window = openWindow("queue-between-functions");
    WorkflowScene *scene = window->currentScene();
    WorkflowView *view = window->currentView();
    const Workflow &w = window->workspace().workflows[0];
    const NodeId first = w.nodes().front().id;
    scene->selectNodes({first});
    view->setFocus();
    // F2 opens a line edit over the node's header.
    QTest::keyClick(view->viewport(), Qt::Key_F2);
    auto *editor = view->viewport()->findChild<QLineEdit *>(QStringLiteral("inlineRename"));
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("renamed-in-place"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(w.findNode(first)->name, std::string("renamed-in-place"));
    QCOMPARE(window->document()->undoStack()->count(), 1);
    // Ctrl+A selects every node; Del removes them (one step); Ctrl+Z brings them back.
    const size_t nodes = w.nodes().size();
    view->setFocus();
    QTest::keyClick(view->viewport(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(scene->selectedNodes().size(), nodes);
    QTest::keyClick(view->viewport(), Qt::Key_Delete);
    QCOMPARE(w.nodes().size(), size_t(0));
    QTest::keyClick(view->viewport(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(w.nodes().size(), nodes);
    // Ctrl+D duplicates the selection.
    scene->selectNodes({first});
    QTest::keyClick(view->viewport(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(w.nodes().size(), nodes + 1);
}

void TestEditing::renamingAResourceTakesItsUsersAlong()
{
    auto window = openWindow("upload-processing");
    const Workflow &w = window->workspace().workflows[0];
    QVERIFY(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"uploads"}));
    // The canvas draws the use dashed, apart from the wires.
    WorkflowScene *scene = window->currentScene();
    QCOMPARE(scene->accessLinks().size(), size_t(1));
    QCOMPARE(scene->accessLinks()[0]->pen().style(), Qt::DashLine);
    QVERIFY(scene->accessLinks()[0]->toolTip().contains(QLatin1String("inspect-upload uses bucket uploads")));
    QVERIFY(window->selectNode(w.id(), NodeId("uploads")));
    auto *name = qobject_cast<QLineEdit *>(window->inspector()->editorFor(QStringLiteral("name")));
    QVERIFY(name);
    name->setFocus();
    name->end(false);
    QTest::keyClicks(name, QStringLiteral("-in"));
    QCOMPARE(w.findNode(NodeId("uploads"))->name, std::string("uploads-in"));
    // The function that uses the bucket follows it, keystroke by keystroke, in one step.
    QVERIFY(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"uploads-in"}));
    QCOMPARE(window->document()->undoStack()->count(), 1);
    window->document()->revalidate();
    for (const Problem &p : window->problems())
        QVERIFY2(p.field != "uses", p.toString().c_str());
    window->document()->undoStack()->undo();
    QCOMPARE(w.findNode(NodeId("uploads"))->name, std::string("uploads"));
    QVERIFY(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"uploads"}));
    window->document()->undoStack()->redo();
    QVERIFY(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"uploads-in"}));
    QCOMPARE(scene->accessLinks().size(), size_t(1));
    // Typed through the name of another resource (the table upload-catalog):
    // the function never ends up using that one.
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("upload-catalog-files"));
    QCOMPARE(w.findNode(NodeId("uploads"))->name, std::string("upload-catalog-files"));
    QVERIFY2(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"upload-catalog-files"}),
             w.findNode(NodeId("inspect"))->config["uses"].dump().c_str());
    // Typing on in the same field merges with the rename before: one step back to the start.
    window->document()->undoStack()->undo();
    QCOMPARE(w.findNode(NodeId("uploads"))->name, std::string("uploads"));
    QVERIFY(w.findNode(NodeId("inspect"))->config["uses"] == Json::array({"uploads"}));
    window->document()->undoStack()->redo();
    // A function that uses nothing has no link.
    Node inspect = *w.findNode(NodeId("inspect"));
    Node without = inspect;
    without.config.erase("uses");
    window->document()->undoStack()->push(new ChangeNodeCommand(window->document(), w.id(), inspect, without, QStringLiteral("no uses")));
    QCOMPARE(scene->accessLinks().size(), size_t(0));
}

void TestEditing::aDeletedFileIsNotSavedIntoThinAir()
{
    auto window = openWindow("scheduled-job");
    const QString file = window->document()->filePath();
    QVERIFY(QFile::remove(file));
    const NodeId added = window->addNode(QStringLiteral("queue"), QPointF(0, 0));
    const Status s = window->document()->save();
    QVERIFY(!s);
    QVERIFY2(QString::fromStdString(s.message()).contains(QStringLiteral("no longer exists")), s.message().c_str());
    QVERIFY(window->document()->hasUnsavedChanges());
    const QString rescued = m_dir->filePath(QStringLiteral("rescued.stratus"));
    QVERIFY(window->saveAs(rescued));
    auto store = WorkspaceStore::open(rescued.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store->load()->workflows[0].findNode(added));
    QCOMPARE(window->document()->filePath(), rescued);
}

// Saving runs on its own thread from a copy: edits keep coming while it
// writes, and every one of them reaches the file.
void TestEditing::changesDuringABackgroundSaveAreSavedToo()
{
    auto window = openWindow("scheduled-job");
    const QString file = window->document()->filePath();
    int saves = 0;
    connect(window->document(), &WorkspaceDocument::saved, this, [&](bool ok) { saves += ok; });
    std::vector<NodeId> added;
    for (int i = 0; i < 6; ++i) {
        added.push_back(window->addNode(QStringLiteral("queue"), QPointF(200.0 * i, 900)));
        QTest::qWait(WorkspaceDocument::kAutosaveDelayMs / 3);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!window->document()->hasUnsavedChanges(), WorkspaceDocument::kAutosaveDelayMs * 4);
    QVERIFY(saves >= 2); // at least one save happened while edits went on
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    const Workspace onDisk = *store->load();
    for (const NodeId &id : added)
        QVERIFY(onDisk.workflows[0].findNode(id));
    QCOMPARE(onDisk, window->workspace());
}

void TestEditing::autosaveSurvivesAKilledProcess()
{
    const QString file = importExample("scheduled-job");
    QProcess editor;
    editor.start(QStringLiteral(STRATUS_STUDIO_EDITOR), {file, QStringLiteral("survivor")});
    QVERIFY(editor.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += editor.readAllStandardOutput()).contains("saved"), 10000);
    ::kill(pid_t(editor.processId()), SIGKILL);
    QVERIFY(editor.waitForFinished(5000));
    QCOMPARE(editor.exitStatus(), QProcess::CrashExit);
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadWrite);
    QVERIFY2(store, store.status().message().c_str());
    QVERIFY(store->checkIntegrity());
    QVERIFY(store->load()->workflows[0].findNode(NodeId("survivor")));
}

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
