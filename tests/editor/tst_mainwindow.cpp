// The studio's main window on the offscreen platform: opening a workspace
// file and a JSON document, the tabs and the drawn graph, the Problems panel,
// the inspector with the function's code, and a damaged file refused with the
// window left as it was.

#include "testutil.h"

#include "editor/canvas/edgeitem.h"
#include "editor/canvas/nodeitem.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/code/codeview.h"
#include "editor/inspector/inspector.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/mainwindow/mainwindow.h"
#include "engine/model/json.h"
#include "engine/store/workspacestore.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QGraphicsView>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace stratus::engine;
using stratus::editor::MainWindow;
using stratus::editor::NodeItem;
using stratus::editor::WorkflowScene;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void opensAWorkspaceFileWithoutWritingIt();
    void drawsEveryNodeAndEdge();
    void selectingAFunctionShowsItsConfigAndHandlerFile();
    void problemsAreListedAndLeadToTheNode();
    void damagedFileIsRefusedAndNothingChanges();
    void examplesMenuListsTheBundledExamples();
    void reopensWhereTheUserLeftOff();
    void canvasFollowsTheSystemPalette();
    void jsonDocumentIsOfferedAWorkspaceFile();
    void aWideWorkflowOpensReadableAndTabsKeepTheirZoom();
    void codeHasADockAndTheLayoutIsKeptPerWorkspace();
    void exportsASamBundleOfTheDesignOnScreen();
    void importsATemplateAndWritesItBack();

private:
    QString importExample(const char *name);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMainWindow::initTestCase()
{
    // Recent files go to a private settings folder, not the user's.
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestMainWindow::importExample(const char *name)
{
    return stratus::test::importExample(m_dir->path(), name);
}

void TestMainWindow::opensAWorkspaceFileWithoutWritingIt()
{
    const QString file = importExample("http-api");
    const QByteArray hash = stratus::test::fileHash(file);
    MainWindow window;
    window.show();
    const Status s = window.openFile(file);
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(window.workflowTabs()->count(), 1);
    QCOMPARE(window.workflowTabs()->tabText(0), QStringLiteral("Todo API"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("todo-api")));
    QCOMPARE(window.problemsList()->topLevelItemCount(), 0);
    QCOMPARE(stratus::test::fileHash(file), hash);
}

void TestMainWindow::drawsEveryNodeAndEdge()
{
    MainWindow window;
    QVERIFY(window.openFile(QStringLiteral(STRATUS_EXAMPLES_DIR "/upload-processing.json")));
    auto *view = qobject_cast<QGraphicsView *>(window.workflowTabs()->widget(0));
    QVERIFY(view);
    auto *scene = qobject_cast<WorkflowScene *>(view->scene());
    QVERIFY(scene);
    int nodes = 0, edges = 0;
    for (QGraphicsItem *item : scene->items()) {
        nodes += item->type() == NodeItem::Type;
        edges += item->type() == stratus::editor::EdgeItem::Type;
    }
    QCOMPARE(nodes, 10);
    QCOMPARE(edges, 10);
    // Nodes sit where the document puts them.
    QCOMPARE(scene->itemFor(NodeId("thumbnail"))->pos(), QPointF(820, 40));
    // The choice's rule ports are drawn as outputs: the edge to "thumbnail"
    // leaves from its "image" port, below the header on the right edge.
    const QPointF port = scene->portPosition(NodeId("is-image"), "image", true);
    QCOMPARE(port.x(), 560 + NodeItem::kWidth);
}

void TestMainWindow::selectingAFunctionShowsItsConfigAndHandlerFile()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(importExample("http-api")));
    QVERIFY(window.selectNode(WorkflowId("api"), NodeId("create-todo")));
    stratus::editor::Inspector *inspector = window.inspector();
    auto *handler = qobject_cast<QLineEdit *>(inspector->editorFor(QStringLiteral("handler")));
    QVERIFY(handler);
    QCOMPARE(handler->text(), QStringLiteral("src/create.handler"));
    QCOMPARE(qobject_cast<QSpinBox *>(inspector->editorFor(QStringLiteral("memoryMB")))->value(), 256);
    // A default is shown too.
    QCOMPARE(qobject_cast<QComboBox *>(inspector->editorFor(QStringLiteral("architecture")))->currentText(),
             QStringLiteral("x86_64"));
    // The handler's file is open and marked.
    QVERIFY(inspector->fileList()->currentItem()->text().startsWith(QStringLiteral("★")));
    QVERIFY(window.codeView()->text().contains(QStringLiteral("randomUUID")));
    QCOMPARE(window.codeView()->languageName(), QStringLiteral("JavaScript"));

    QVERIFY(window.selectNode(WorkflowId("api"), NodeId("get-todo")));
    QCOMPARE(window.codeView()->languageName(), QStringLiteral("Python"));
    QVERIFY(window.codeView()->text().contains(QStringLiteral("def handler(event, context)")));

    // The current line is the text's paper tinted toward the palette's selection colour (not
    // QScintilla's yellow). On a dark palette the paper is the palette's base and the lexer's
    // text turns light, so the line stays dark under light text.
    const auto caretLine = [&window] {
        const long bgr = window.codeView()->SendScintilla(QsciScintillaBase::SCI_GETCARETLINEBACK);
        return QColor(int(bgr & 0xff), int((bgr >> 8) & 0xff), int((bgr >> 16) & 0xff));
    };
    QPalette dark = window.codeView()->palette();
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Highlight, QColor(0x30, 0x60, 0xc0));
    window.codeView()->setPalette(dark);
    const QColor line = caretLine();
    QVERIFY2(line.lightness() < 80 && line.blue() > line.red() + 10, qPrintable(line.name()));
    QVERIFY(window.codeView()->lexer()->color(0).lightness() > 150);
}

void TestMainWindow::problemsAreListedAndLeadToTheNode()
{
    const QString doc = m_dir->filePath(QStringLiteral("broken.json"));
    stratus::test::writeBytes(doc, R"json({"format": "stratus-workspace", "version": 1, "workflows": [
      {"id": "w", "name": "W", "nodes": [
        {"id": "a", "kind": "function", "name": "a", "position": [0, 0],
         "config": {"runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 1, "files": {"index.js": ""}}},
        {"id": "b", "kind": "log", "name": "b", "position": [300, 0]}]}]})json");
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(doc));
    QTreeWidget *problems = window.problemsList();
    QCOMPARE(problems->topLevelItemCount(), 1);
    QCOMPARE(problems->topLevelItem(0)->text(0), QStringLiteral("w/a"));
    QTRY_COMPARE(problems->topLevelItemCount(), 1);
    QCOMPARE(problems->topLevelItem(0)->text(1), QStringLiteral("memoryMB"));
    Q_EMIT problems->itemActivated(problems->topLevelItem(0), 0);
    auto *scene = static_cast<WorkflowScene *>(
        qobject_cast<QGraphicsView *>(window.workflowTabs()->currentWidget())->scene());
    QVERIFY(scene->itemFor(NodeId("a"))->isSelected());
    QVERIFY(!scene->itemFor(NodeId("b"))->isSelected());
    // The problem is shown on the field in the inspector, which has focus,
    // and as a badge on the node.
    QVERIFY(window.inspector()->problemText(QStringLiteral("memoryMB")).contains(QStringLiteral("128")));
    QCOMPARE(scene->problemCount(NodeId("a")), 1);
    QCOMPARE(scene->problemCount(NodeId("b")), 0);
}

void TestMainWindow::damagedFileIsRefusedAndNothingChanges()
{
    MainWindow window;
    QVERIFY(window.openFile(importExample("scheduled-job")));
    const QString bad = m_dir->filePath(QStringLiteral("bad.stratus"));
    stratus::test::writeBytes(bad, "not a workspace at all");
    const Status s = window.openFile(bad);
    QVERIFY(!s);
    QVERIFY(QString::fromStdString(s.message()).contains(bad));
    QVERIFY(QString::fromStdString(s.message()).contains(QStringLiteral("not a SQLite database")));
    QCOMPARE(stratus::test::readBytes(bad), QByteArray("not a workspace at all"));
    // Still showing the workspace it had.
    QCOMPARE(window.workspace().name, std::string("hourly-metrics"));
    QCOMPARE(window.workflowTabs()->count(), 1);
}

void TestMainWindow::examplesMenuListsTheBundledExamples()
{
    MainWindow window;
    QStringList titles;
    for (QAction *menu : window.menuBar()->actions()) {
        if (!menu->menu())
            continue;
        for (QAction *item : menu->menu()->actions()) {
            if (item->menu() && QString(item->text()).remove(QLatin1Char('&')) == QStringLiteral("Examples")) {
                for (QAction *example : item->menu()->actions())
                    titles << example->text();
            }
        }
    }
    QCOMPARE(titles, (QStringList{"http-api", "queue-between-functions", "scheduled-job", "upload-processing"}));
}

void TestMainWindow::reopensWhereTheUserLeftOff()
{
    const QString file = importExample("http-api");
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openFile(file));
        QVERIFY(window.selectNode(WorkflowId("api"), NodeId("get-todo")));
    }
    MainWindow window;
    window.show();
    window.restoreSession();
    QCOMPARE(QFileInfo(window.currentFile()).absoluteFilePath(), QFileInfo(file).absoluteFilePath());
    QCOMPARE(window.inspector()->nodeId(), NodeId("get-todo"));
    QCOMPARE(window.currentScene()->selectedNodes(), std::vector<NodeId>{NodeId("get-todo")});
}

// Light or dark comes from the system's palette: the canvas draws its
// background and node bodies from it rather than from fixed colours.
void TestMainWindow::canvasFollowsTheSystemPalette()
{
    const QPalette light = QApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x30, 0x30, 0x30));
    dark.setColor(QPalette::Text, Qt::white);
    dark.setColor(QPalette::WindowText, Qt::white);
    QApplication::setPalette(dark);
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openFile(importExample("http-api")));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.currentView();
        view->setTransform(QTransform());
        WorkflowScene *scene = window.currentScene();
        const NodeItem *node = scene->itemFor(scene->workflow().nodes().front().id);
        view->centerOn(node);
        const QImage frame = view->viewport()->grab().toImage();
        const QPoint body = view->mapFromScene(node->pos() + QPointF(NodeItem::kWidth - 30, NodeItem::kHeaderHeight + 4));
        // A point of bare canvas: no item there, and not one of the grid's dots.
        QPoint empty(-1, -1);
        const qreal ratio = frame.devicePixelRatio();
        for (int y = 4; y < view->viewport()->height() && empty.x() < 0; y += 7) {
            for (int x = 4; x < view->viewport()->width() && empty.x() < 0; x += 7) {
                const bool bare = view->items(QRect(x - 2, y - 2, 5, 5)).isEmpty();
                const bool flat = frame.pixel(QPoint(x, y) * ratio) == frame.pixel(QPoint(x + 1, y) * ratio);
                if (bare && flat)
                    empty = QPoint(x, y);
            }
        }
        QVERIFY(view->viewport()->rect().contains(empty));
        QVERIFY(view->viewport()->rect().contains(body));
        const qreal dpr = frame.devicePixelRatio();
        QCOMPARE(QColor(frame.pixel(body * dpr)), QColor(0x30, 0x30, 0x30));
        QCOMPARE(QColor(frame.pixel(empty * dpr)), QColor(0x20, 0x20, 0x20));
    }
    QApplication::setPalette(light);
}

// The first look at a workflow too wide to fit readably starts at its
// triggers at a readable zoom; a small one fits; switching tabs keeps the
// zoom the user chose.
void TestMainWindow::aWideWorkflowOpensReadableAndTabsKeepTheirZoom()
{
    Json wide = Json::array();
    for (int i = 0; i < 24; ++i)
        wide.push_back({{"id", "log-" + std::to_string(i)}, {"kind", "log"}, {"name", "step " + std::to_string(i)},
                        {"position", {i * 320, 0}}, {"config", Json::object()}});
    const Json document = {
        {"format", "stratus-workspace"}, {"version", 1}, {"name", "wide"},
        {"workflows", {{{"id", "wide"}, {"name", "Wide"}, {"nodes", wide}, {"edges", Json::array()}},
                       {{"id", "small"}, {"name", "Small"},
                        {"nodes", {{{"id", "one"}, {"kind", "log"}, {"name", "one"}, {"position", {0, 0}},
                                    {"config", Json::object()}}}},
                        {"edges", Json::array()}}}}};
    const QString file = m_dir->filePath(QStringLiteral("wide.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray::fromStdString(document.dump()));
    out.close();

    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(window.openFile(file));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *view = window.currentView();
    QTRY_COMPARE(view->zoom(), stratus::editor::WorkflowView::kReadableZoom);
    const QPoint first = view->mapFromScene(window.currentScene()->itemFor(NodeId("log-0"))->sceneBoundingRect().center());
    QVERIFY(view->viewport()->rect().contains(first));

    window.workflowTabs()->setCurrentIndex(1);
    QTRY_COMPARE(window.currentView()->zoom(), stratus::editor::WorkflowView::kLargestFitZoom); // fits, not blown up
    view->zoomBy(1.25);
    const qreal chosen = view->zoom();
    window.workflowTabs()->setCurrentIndex(0);
    QCOMPARE(view->zoom(), chosen);
    // Zoom to Fit still shows the whole of it.
    window.zoomToFit();
    QVERIFY(view->zoom() < stratus::editor::WorkflowView::kReadableZoom);
}

// The code editor is a dock of its own beside the canvas, tall enough for
// code; how the user arranged the docks comes back with the workspace.
void TestMainWindow::codeHasADockAndTheLayoutIsKeptPerWorkspace()
{
    const QString file = importExample("http-api");
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(window.openFile(file));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *code = window.findChild<QDockWidget *>(QStringLiteral("code"));
        QVERIFY(code);
        QVERIFY(code->isAncestorOf(window.inspector()->codeView()));
        QCOMPARE(window.dockWidgetArea(code), Qt::RightDockWidgetArea);
        QVERIFY(code->isVisible());
        QVERIFY2(code->width() >= 400, qPrintable(QString::number(code->width())));
        QVERIFY(window.selectNode(WorkflowId("api"), NodeId("create-todo")));
        QVERIFY(window.inspector()->codeView()->isVisible());
        QTRY_VERIFY2(window.inspector()->codeView()->height() >= 300,
                 qPrintable(QString::number(window.inspector()->codeView()->height())));
        QVERIFY(window.inspector()->codeView()->text().contains(QLatin1String("randomUUID")));
        // A trigger has no code: the pane says what to do instead.
        QVERIFY(window.selectNode(WorkflowId("api"), NodeId("create-route")));
        QVERIFY(!window.inspector()->codeView()->isVisible());
        // The user puts the code under the canvas and closes the history.
        window.addDockWidget(Qt::BottomDockWidgetArea, code);
        window.findChild<QDockWidget *>(QStringLiteral("history"))->close();
        QVERIFY(window.close());
    }
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(window.openFile(file));
        QCOMPARE(window.dockWidgetArea(window.findChild<QDockWidget *>(QStringLiteral("code"))),
                 Qt::BottomDockWidgetArea);
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("history"))->isHidden());
    }
    {
        // A damaged saved layout is ignored: the docks stay as they were made.
        QSettings().setValue(QStringLiteral("layout/last"), QByteArray("not a layout"));
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(window.openFile(importExample("scheduled-job")));
        auto *code = window.findChild<QDockWidget *>(QStringLiteral("code"));
        QCOMPARE(window.dockWidgetArea(code), Qt::RightDockWidgetArea);
        QVERIFY(code->isVisible());
    }
    QSettings().remove(QStringLiteral("layout"));
}

void TestMainWindow::exportsASamBundleOfTheDesignOnScreen()
{
    MainWindow window;
    QVERIFY(window.action(QStringLiteral("exportSam")));
    QVERIFY(window.openFile(QStringLiteral(STRATUS_TEST_DATA_DIR "/export/shapes/workspace.json")));
    const QString out = m_dir->filePath(QStringLiteral("bundle"));
    auto notes = window.exportBundle(MainWindow::BundleFormat::Sam, out, false);
    QVERIFY2(notes, notes.status().message().c_str());
    QVERIFY(!notes->empty()); // the manual trigger, the table's key types, the API's CORS
    // What `stratus export` writes: the golden template.
    QFile written(out + QStringLiteral("/template.yaml"));
    QFile golden(QStringLiteral(STRATUS_TEST_DATA_DIR "/export/shapes/template.yaml"));
    QVERIFY(written.open(QIODevice::ReadOnly) && golden.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), golden.readAll());
    // Again: only as a replace.
    QVERIFY(!window.exportBundle(MainWindow::BundleFormat::Sam, out, false));
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, out, true));

    // A design AWS would refuse: the reasons, and nothing written.
    QVERIFY(window.openFile(QStringLiteral(STRATUS_TEST_DATA_DIR "/export/refused/workspace.json")));
    const QString refused = m_dir->filePath(QStringLiteral("refused"));
    auto failed = window.exportBundle(MainWindow::BundleFormat::Sam, refused, false);
    QVERIFY(!failed);
    QVERIFY2(failed.status().message().find("visibility timeout (5 s)") != std::string::npos,
             failed.status().message().c_str());
    QVERIFY(!QFile::exists(refused));

    // The Serverless Framework service of the same design: what `stratus export --format serverless` writes.
    QVERIFY(window.action(QStringLiteral("exportServerless")));
    QVERIFY(window.openFile(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json")));
    const QString service = m_dir->filePath(QStringLiteral("service"));
    auto serverlessNotes = window.exportBundle(MainWindow::BundleFormat::Serverless, service, false);
    QVERIFY2(serverlessNotes, serverlessNotes.status().message().c_str());
    QFile writtenService(service + QStringLiteral("/serverless.yml"));
    QFile goldenService(QStringLiteral(STRATUS_TEST_DATA_DIR "/export/examples/http-api/serverless/serverless.yml"));
    QVERIFY(writtenService.open(QIODevice::ReadOnly) && goldenService.open(QIODevice::ReadOnly));
    QCOMPARE(writtenService.readAll(), goldenService.readAll());

    // File → Zip Each Function's Code: a reproducible zip per function, as `stratus export --zip`.
    QAction *zip = window.action(QStringLiteral("zipSamCode"));
    QVERIFY(zip && zip->isCheckable());
    const QString zipped = m_dir->filePath(QStringLiteral("zipped"));
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, zipped, false, true));
    QVERIFY(QFile::exists(zipped + QStringLiteral("/functions/list-todos.zip")));
    QVERIFY(!QFile::exists(zipped + QStringLiteral("/functions/list-todos")));
    QVERIFY(stratus::test::readBytes(zipped + QStringLiteral("/template.yaml")).contains("CodeUri: functions/list-todos.zip"));
}

// File → Import: a SAM template becomes a workspace file, opened, and its
// export is the template again; a hostile template leaves nothing behind.
void TestMainWindow::importsATemplateAndWritesItBack()
{
    MainWindow window;
    QVERIFY(window.action(QStringLiteral("importSam")));
    QVERIFY(window.action(QStringLiteral("importServerless")));
    const QString source = QStringLiteral(STRATUS_TEST_DATA_DIR "/import/sam/queue-worker/template.yaml");
    const QString target = m_dir->filePath(QStringLiteral("imported.stratus"));
    auto warnings = window.importTemplate(MainWindow::BundleFormat::Sam, source, target);
    QVERIFY2(warnings, warnings.status().message().c_str());
    QCOMPARE(warnings->size(), size_t(1)); // the queue with a Condition
    QCOMPARE(QFileInfo(window.currentFile()).canonicalFilePath(), QFileInfo(target).canonicalFilePath());
    QCOMPARE(window.workspace().workflows.front().nodes().size(), size_t(6));
    QCOMPARE(window.currentScene()->items().isEmpty(), false);
    QVERIFY(window.problems().empty());

    const QString out = m_dir->filePath(QStringLiteral("imported-bundle"));
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, out, false));
    QCOMPARE(stratus::test::readBytes(out + QStringLiteral("/template.yaml")), stratus::test::readBytes(source));

    // An edit in the studio (an undo command), saved and opened again: only that property changes.
    stratus::editor::WorkspaceDocument *document = window.document();
    const Workflow &main = document->workspace().workflows.front();
    const Node *worker = nullptr;
    for (const Node &node : main.nodes())
        worker = node.name == "WorkerFunction" ? &node : worker;
    QVERIFY(worker);
    Node faster = *worker;
    faster.config["timeoutS"] = 45;
    document->undoStack()->push(new stratus::editor::ChangeNodeCommand(document, main.id(), *worker, faster, QStringLiteral("edit")));
    QVERIFY(document->save());
    QVERIFY(window.openFile(target));
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, out, true));
    const QByteArray edited = stratus::test::readBytes(out + QStringLiteral("/template.yaml"));
    QVERIFY(edited != stratus::test::readBytes(source));
    QVERIFY(edited.contains("      Timeout: 45\n"));
    QVERIFY(edited.contains("# prod keeps an audit trail; dev does not need one.")); // comments elsewhere stay
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, out, true)); // and again: the same
    QCOMPARE(stratus::test::readBytes(out + QStringLiteral("/template.yaml")), edited);
    // What the Cannot Export box offers for an imported workflow: Stratus's own template (--fresh).
    const QString own = m_dir->filePath(QStringLiteral("own-bundle"));
    QVERIFY(window.exportBundle(MainWindow::BundleFormat::Sam, own, false, false, true));
    QVERIFY(stratus::test::readBytes(own + QStringLiteral("/template.yaml")).contains("exported by Stratus"));

    // Refused: the reasons, the open workspace kept, no file made.
    const QString bomb = m_dir->filePath(QStringLiteral("bomb.stratus"));
    auto refused = window.importTemplate(MainWindow::BundleFormat::Sam,
                                         QStringLiteral(STRATUS_TEST_DATA_DIR "/import/bad/bomb.yaml"), bomb);
    QVERIFY(!refused);
    QVERIFY2(refused.status().message().find("expands to more than") != std::string::npos,
             refused.status().message().c_str());
    QVERIFY(!QFile::exists(bomb));
    QCOMPARE(QFileInfo(window.currentFile()).canonicalFilePath(), QFileInfo(target).canonicalFilePath());
    // The workspace open here is not imported over.
    QVERIFY(!window.importTemplate(MainWindow::BundleFormat::Sam, source, target));

    const QString service = m_dir->filePath(QStringLiteral("service.stratus"));
    auto imported = window.importTemplate(MainWindow::BundleFormat::Serverless,
                                          QStringLiteral(STRATUS_TEST_DATA_DIR "/import/serverless/unresolved/serverless.yml"),
                                          service);
    QVERIFY2(imported, imported.status().message().c_str());
    QCOMPARE(imported->size(), size_t(2)); // ${env:SECRET} and ${ssm:/my/param}, named
}

// A JSON document opens as an unsaved document, says so in a banner with a
// Save As button, and after Save As it is a workspace file that saves itself.
void TestMainWindow::jsonDocumentIsOfferedAWorkspaceFile()
{
    const QString json = QStringLiteral(STRATUS_EXAMPLES_DIR "/scheduled-job.json");
    const QByteArray before = stratus::test::fileHash(json);
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(json));
    QVERIFY(window.unsavedBanner()->isVisible());
    QVERIFY(window.windowTitle().contains(QStringLiteral("not saved")));
    const NodeId added = window.addNode(QStringLiteral("log"), QPointF(0, 0));
    QVERIFY(added.isValid());
    QVERIFY(window.document()->save()); // nothing to save into: a no-op, not an error
    const QString target = m_dir->filePath(QStringLiteral("from-json.stratus"));
    QVERIFY(window.saveAs(target));
    QVERIFY(!window.unsavedBanner()->isVisible());
    QVERIFY(!window.windowTitle().contains(QStringLiteral("not saved")));
    auto store = WorkspaceStore::open(target.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store->load()->workflows[0].findNode(added));
    // The JSON document itself is never written.
    QCOMPARE(stratus::test::fileHash(json), before);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
