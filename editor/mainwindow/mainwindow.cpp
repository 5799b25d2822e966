#include "mainwindow.h"

#include "editor/canvas/nodeitem.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/help/helpdialogs.h"
#include "editor/settings/settingsdialog.h"
#include "editor/run/historyreader.h"
#include "editor/run/costpanel.h"
#include "editor/run/datapanel.h"
#include "editor/run/runpanel.h"
#include "editor/run/runsession.h"
#include "editor/code/codeview.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/inspector/inspector.h"
#include "editor/palette/nodepalette.h"
#include "editor/problemtext.h"
#include "editor/qstrings.h"

#include "engine/export/sam.h"
#include "engine/export/samimport.h"
#include "engine/export/serverless.h"
#include "engine/model/nodekind.h"
#include "engine/store/files.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoView>
#include <QVBoxLayout>


namespace stratus::editor {

using namespace stratus::engine;

namespace {

const Workspace &emptyWorkspace()
{
    static const Workspace none;
    return none;
}

constexpr int kMaxRecent = 8;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Stratus Studio"));
    resize(1400, 860);
    // The editing area: a banner for documents that are not saved anywhere
    // yet, over a tab per workflow.
    m_editArea = new QWidget(this);
    m_tabs = new QTabWidget(m_editArea);
    m_tabs->setAccessibleName(tr("Workflows"));
    m_tabs->setDocumentMode(true);
    // The inspector follows the tab shown: its selected node, or nothing.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        WorkflowScene *scene = currentScene();
        if (!scene || !m_document)
            return;
        const auto selected = scene->selectedNodes();
        const NodeId node = selected.size() == 1 ? selected.front() : NodeId();
        if (scene->workflowId() != m_inspector->workflowId() || node != m_inspector->nodeId())
            m_inspector->showNode(m_document.get(), scene->workflowId(), node);
    });
    m_banner = new QWidget(m_editArea);
    m_banner->setObjectName(QStringLiteral("unsavedBanner"));
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, bannerPalette.color(QPalette::ToolTipBase));
    bannerPalette.setColor(QPalette::WindowText, bannerPalette.color(QPalette::ToolTipText));
    m_banner->setPalette(bannerPalette);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    auto *saveAsButton = new QPushButton(tr("Save As Workspace…"), m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(saveAsButton);
    auto *editLayout = new QVBoxLayout(m_editArea);
    editLayout->setContentsMargins(0, 0, 0, 0);
    editLayout->setSpacing(0);
    editLayout->addWidget(m_banner);
    editLayout->addWidget(m_tabs, 1);
    m_banner->hide();
    m_saveState = new QLabel(this);
    statusBar()->addPermanentWidget(m_saveState);
    createDocks();
    createActions();
    connect(saveAsButton, &QPushButton::clicked, action(QStringLiteral("saveAs")), &QAction::trigger);
    useSettings(UserSettings::load());
    showWelcome();
}

void MainWindow::useSettings(const UserSettings &settings)
{
    m_userSettings = settings;
    if (m_document)
        m_document->setAutosaveDelay(settings.autosaveDelayMs);
    m_run->setDefaultGateway(settings.gateway);
    m_costPanel->vmHourly()->setValue(settings.vmPricePerHour);
}

void MainWindow::editSettings()
{
    SettingsDialog dialog(m_userSettings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const UserSettings chosen = dialog.settings();
    chosen.save();
    QStringList messages;
    applyUserSettings(chosen, &messages);
    if (chosen.language != m_userSettings.language) // news, not a problem
        statusBar()->showMessage(tr("The language changes when the studio starts again."), 15000);
    useSettings(chosen);
    showSettingsMessages(messages);
}

void MainWindow::startTour()
{
    const QString example = examplesDirectory() + QStringLiteral("/http-api.json");
    if (QFileInfo::exists(example) && (!m_document || QFileInfo(m_document->sourcePath()) != QFileInfo(example))) {
        if (!okToReplaceDocument())
            return;
        openFileInteractively(example);
    }
    auto *tour = new TourDialog(this);
    tour->setAttribute(Qt::WA_DeleteOnClose);
    tour->move(geometry().center() - QPoint(tour->sizeHint().width() / 2, tour->sizeHint().height() / 2));
    tour->show();
}

void MainWindow::showSettingsMessages(const QStringList &messages)
{
    if (messages.isEmpty())
        return;
    statusBar()->showMessage(messages.size() == 1 ? messages.constFirst()
                                                  : tr("%1 settings could not be used as they are: see the message")
                                                        .arg(messages.size()),
                             20000);
    // Not modal: the window is usable while the user reads it.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Settings"),
                                tr("Some settings could not be used as they are; the studio goes on as said below."),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("settingsMessages"));
    box->setDetailedText(messages.join(QLatin1Char('\n')));
    box->setInformativeText(messages.mid(0, 3).join(QLatin1Char('\n')) + (messages.size() > 3 ? QStringLiteral("\n…") : QString()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

MainWindow::~MainWindow()
{
    m_run->stop();
    // Views go before the document they show.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
    m_inspector->showNode(nullptr, {}, {});
    m_history->setStack(nullptr);
}

QString MainWindow::examplesDirectory()
{
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/stratus/examples");
    if (QDir(installed).exists())
        return QDir(installed).canonicalPath();
#ifdef STRATUS_SOURCE_EXAMPLES_DIR
    return QStringLiteral(STRATUS_SOURCE_EXAMPLES_DIR);
#else
    return {};
#endif
}

const Workspace &MainWindow::workspace() const
{
    return m_document ? m_document->workspace() : emptyWorkspace();
}

const Problems &MainWindow::problems() const
{
    static const Problems none;
    return m_document ? m_document->problems() : none;
}

QString MainWindow::currentFile() const
{
    return m_document ? m_document->sourcePath() : QString();
}

WorkflowView *MainWindow::currentView() const
{
    return qobject_cast<WorkflowView *>(m_tabs->currentWidget());
}

WorkflowScene *MainWindow::currentScene() const
{
    WorkflowView *view = currentView();
    return view ? view->workflowScene() : nullptr;
}

CodeView *MainWindow::codeView() const
{
    return m_inspector->codeView();
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createActions()
{
    auto make = [this](QMenu *menu, const QString &name, const QString &text, auto slot,
                       QKeySequence shortcut = {}, const QString &tip = {}) {
        QAction *a = menu->addAction(text, this, slot);
        a->setObjectName(name);
        a->setShortcut(shortcut);
        a->setStatusTip(tip);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    make(file, QStringLiteral("new"), tr("&New Workspace…"), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), QDir::homePath(),
                                                          tr("Stratus workspaces (*.stratus)"));
        if (path.isEmpty() || !okToReplaceDocument())
            return;
        if (Status s = newWorkspace(path.endsWith(QLatin1String(".stratus")) ? path : path + QStringLiteral(".stratus")); !s)
            QMessageBox::critical(this, tr("Cannot create workspace"), qs(s.message()));
    }, QKeySequence::New, tr("Create a new workspace file"));
    make(file, QStringLiteral("open"), tr("&Open…"), [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Workspace"), QFileInfo(currentFile()).absolutePath(),
            tr("Stratus workspaces (*.stratus *.json);;All files (*)"));
        if (!path.isEmpty())
            openFileInteractively(path);
    }, QKeySequence::Open, tr("Open a workspace file or a workspace JSON document"));
    m_recent = file->addMenu(tr("Open &Recent"));
    fillRecentMenu();
    QMenu *examples = file->addMenu(tr("E&xamples"));
    const QDir dir(examplesDirectory());
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        examples->addAction(QFileInfo(name).completeBaseName(), this, [this, path] { openFileInteractively(path); });
    }
    examples->setEnabled(!examples->isEmpty());
    file->addSeparator();
    make(file, QStringLiteral("save"), tr("&Save"), [this] {
        if (!m_document)
            return;
        if (m_document->filePath().isEmpty()) {
            confirmUnsavedJson();
            return;
        }
        const Status s = m_document->save();
        statusBar()->showMessage(s ? tr("Saved") : tr("Save failed: %1").arg(qs(s.message())), 4000);
    }, QKeySequence::Save, tr("Write every change now (changes are also saved automatically)"));
    make(file, QStringLiteral("saveAs"), tr("Save &As Workspace…"), [this] {
        if (!m_document)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save As Workspace"), QDir::homePath(),
                                                          tr("Stratus workspaces (*.stratus)"));
        if (!path.isEmpty()) {
            if (Status s = saveAs(path); !s)
                QMessageBox::critical(this, tr("Cannot save"), qs(s.message()));
        }
    }, QKeySequence::SaveAs, tr("Write the workspace into a new workspace file"));
    make(file, QStringLiteral("exportJson"), tr("Export &JSON…"), [this] {
        if (!m_document)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Export JSON"), QDir::homePath(),
                                                          tr("Workspace JSON (*.json)"));
        if (!path.isEmpty()) {
            if (Status s = exportJson(path); !s)
                QMessageBox::critical(this, tr("Cannot export"), qs(s.message()));
        }
    }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Write the workspace's JSON form"));
    make(file, QStringLiteral("exportSam"), tr("Export AWS SAM &Bundle…"),
         [this] { exportInteractively(BundleFormat::Sam); }, QKeySequence(),
         tr("Write a deployable AWS SAM bundle (template.yaml and the code) into a folder"));
    make(file, QStringLiteral("exportServerless"), tr("Export Ser&verless Framework Service…"),
         [this] { exportInteractively(BundleFormat::Serverless); }, QKeySequence(),
         tr("Write a deployable Serverless Framework v3 service (serverless.yml and the code) into a folder"));
    QAction *zip = make(file, QStringLiteral("zipSamCode"), tr("&Zip Each Function's Code in SAM Bundles"),
                        [](bool on) { QSettings().setValue(QStringLiteral("export/zip"), on); }, QKeySequence(),
                        tr("SAM bundles hold a reproducible zip per function instead of its folder (stratus export --zip)"));
    zip->setCheckable(true);
    zip->setChecked(QSettings().value(QStringLiteral("export/zip"), false).toBool());
    make(file, QStringLiteral("importSam"), tr("&Import AWS SAM Template…"),
         [this] { importInteractively(BundleFormat::Sam); }, QKeySequence(),
         tr("Read an AWS SAM template and its code into a new workspace"));
    make(file, QStringLiteral("importServerless"), tr("Import Serverless &Framework Service…"),
         [this] { importInteractively(BundleFormat::Serverless); }, QKeySequence(),
         tr("Read a serverless.yml and its handlers into a new workspace"));
    file->addSeparator();
    make(file, QStringLiteral("quit"), tr("&Quit"), [] { QApplication::closeAllWindows(); }, QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    connect(undo, &QAction::triggered, this, [this] {
        if (m_document)
            m_document->undoStack()->undo();
    });
    QAction *redo = edit->addAction(tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcut(QKeySequence::Redo);
    connect(redo, &QAction::triggered, this, [this] {
        if (m_document)
            m_document->undoStack()->redo();
    });
    edit->addSeparator();
    make(edit, QStringLiteral("cut"), tr("Cu&t"), [this] { cutSelection(); }, QKeySequence::Cut);
    make(edit, QStringLiteral("copy"), tr("&Copy"), [this] { copySelection(); }, QKeySequence::Copy);
    make(edit, QStringLiteral("paste"), tr("&Paste"), [this] { paste(); }, QKeySequence::Paste);
    make(edit, QStringLiteral("duplicate"), tr("Dup&licate"), [this] { duplicateSelection(); },
         QKeySequence(Qt::CTRL | Qt::Key_D));
    make(edit, QStringLiteral("delete"), tr("&Delete"), [this] { deleteSelection(); }, QKeySequence::Delete,
         tr("Remove the selected nodes (with their wires) and wires"));
    edit->addSeparator();
    make(edit, QStringLiteral("selectAll"), tr("Select &All"), [this] { selectAll(); }, QKeySequence::SelectAll);
    make(edit, QStringLiteral("rename"), tr("Re&name"), [this] { renameSelected(); }, QKeySequence(Qt::Key_F2));
    make(edit, QStringLiteral("wire"), tr("&Wire Selected Node…"), [this] { wireSelected(); },
         QKeySequence(Qt::CTRL | Qt::Key_E), tr("Draw a wire from or to the selected node, chosen from a list"));
    edit->addSeparator();
    QAction *settings = make(edit, QStringLiteral("settings"), tr("S&ettings…"), [this] { editSettings(); },
                             QKeySequence(Qt::CTRL | Qt::Key_Comma),
                             tr("Your defaults: language, theme, interpreters, gateway, pricing, autosave"));
    settings->setMenuRole(QAction::PreferencesRole);

    QMenu *workflows = menuBar()->addMenu(tr("&Workflow"));
    make(workflows, QStringLiteral("newWorkflow"), tr("&New Workflow"), [this] { newWorkflow(); },
         QKeySequence(Qt::CTRL | Qt::Key_T), tr("Add a workflow to the workspace, as a new tab"));
    make(workflows, QStringLiteral("renameWorkflow"), tr("&Rename Workflow…"), [this] {
        if (WorkflowScene *scene = currentScene()) {
            bool ok = false;
            const QString name = QInputDialog::getText(this, tr("Rename Workflow"), tr("Name:"), QLineEdit::Normal,
                                                       qs(scene->workflow().name()), &ok);
            if (ok)
                renameWorkflow(name);
        }
    }, {}, tr("Rename the current workflow (or double-click its tab)"));
    make(workflows, QStringLiteral("deleteWorkflow"), tr("&Delete Workflow"), [this] { deleteWorkflow(); }, {},
         tr("Remove the current workflow and everything on it (undoable)"));
    connect(m_tabs, &QTabWidget::tabBarDoubleClicked, this, [this](int index) {
        if (index >= 0) {
            m_tabs->setCurrentIndex(index);
            action(QStringLiteral("renameWorkflow"))->trigger();
        }
    });

    createRunMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    make(view, QStringLiteral("zoomIn"), tr("Zoom &In"), [this] {
        if (auto *v = currentView())
            v->zoomBy(1.25);
    }, QKeySequence::ZoomIn);
    make(view, QStringLiteral("zoomOut"), tr("Zoom &Out"), [this] {
        if (auto *v = currentView())
            v->zoomBy(1 / 1.25);
    }, QKeySequence::ZoomOut);
    make(view, QStringLiteral("zoomFit"), tr("Zoom to &Fit"), [this] { zoomToFit(); },
         QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole workflow"));
    make(view, QStringLiteral("nextPanel"), tr("Ne&xt Panel"), [this] { focusPanel(1); }, QKeySequence(Qt::Key_F6),
         tr("Move the keyboard focus to the next panel"));
    make(view, QStringLiteral("previousPanel"), tr("Pre&vious Panel"), [this] { focusPanel(-1); },
         QKeySequence(Qt::SHIFT | Qt::Key_F6), tr("Move the keyboard focus to the previous panel"));
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    make(help, QStringLiteral("tour"), tr("&Getting Started"), [this] { startTour(); }, {},
         tr("A short tour of the studio on an example: design, run, measure, ship"));
    make(help, QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts"), [this] { ShortcutsDialog(this).exec(); },
         QKeySequence(Qt::CTRL | Qt::Key_Slash), tr("Every action's keys, searchable"));
    make(help, QStringLiteral("documentation"), tr("&Documentation"), [this] {
        auto *docs = new DocsBrowser(this);
        docs->setAttribute(Qt::WA_DeleteOnClose);
        docs->show();
    }, QKeySequence::HelpContents, tr("The user guides, read here"));
    help->addSeparator();
    QAction *about = make(help, QStringLiteral("about"), tr("&About Stratus"), [this] {
        QMessageBox::about(this, tr("About Stratus"), aboutText());
    });
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);

    // The canvas's actions apply while the canvas has focus, so that they do
    // not steal keys from text fields and the code editor.
    for (const char *name : {"cut", "copy", "paste", "duplicate", "delete", "selectAll", "rename", "wire"}) {
        QAction *a = action(QLatin1String(name));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_tabs->addAction(a);
    }
}

void MainWindow::createDocks()
{
    auto *paletteDock = new QDockWidget(tr("Palette"), this);
    paletteDock->setObjectName(QStringLiteral("palette"));
    m_palette = new NodePalette(paletteDock);
    paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    connect(m_palette, &NodePalette::kindActivated, this, [this](const QString &kind) {
        if (WorkflowView *v = currentView())
            addNode(kind, v->mapToScene(v->viewport()->rect().center()), true);
    });

    auto *inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspector"));
    m_inspector = new Inspector(inspectorDock);
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);
    connect(m_inspector, &Inspector::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
    // Esc in the inspector goes back to the canvas, where Return came from.
    new QShortcut(QKeySequence(Qt::Key_Escape), inspectorDock, this, [this] {
        if (WorkflowView *view = currentView())
            view->setFocus(Qt::OtherFocusReason);
    }, Qt::WidgetWithChildrenShortcut);
    connect(m_inspector, &Inspector::sendTestEventRequested, this,
            [this](const WorkflowId &workflow, const NodeId &node) { openTestEventDialog(workflow, node); });

    // Code gets a dock of its own under the inspector, in a right-hand
    // column that runs the window's whole height (the bottom panels stop at
    // it), which the user may move, float or close (View → Code).
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    auto *codeDock = new QDockWidget(tr("Code"), this);
    codeDock->setObjectName(QStringLiteral("code"));
    codeDock->setWidget(m_inspector->codePane());
    m_inspector->codePane()->show();
    addDockWidget(Qt::RightDockWidgetArea, codeDock);
    splitDockWidget(inspectorDock, codeDock, Qt::Vertical);
    connect(m_inspector, &Inspector::codePaneWanted, codeDock, [codeDock] {
        codeDock->show();
        codeDock->raise();
    });

    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problems"));
    m_problemsList = new QTreeWidget(problemsDock);
    m_problemsList->setAccessibleName(tr("Problems"));
    m_problemsList->setHeaderLabels({tr("Where"), tr("Field"), tr("Problem")});
    m_problemsList->setRootIsDecorated(false);
    m_problemsList->setAlternatingRowColors(true);
    m_problemsList->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problemsList->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_problemsList->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    connect(m_problemsList, &QTreeWidget::itemActivated, this, &MainWindow::onProblemActivated);
    problemsDock->setWidget(m_problemsList);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);

    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("history"));
    m_history = new QUndoView(historyDock);
    m_history->setAccessibleName(tr("Undo history"));
    m_history->setEmptyLabel(tr("<opened>"));
    historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);

    createRunDocks(); // and arranges the bottom docks

    resizeDocks({paletteDock, inspectorDock}, {180, 460}, Qt::Horizontal);
    resizeDocks({inspectorDock, codeDock}, {2, 3}, Qt::Vertical);
    resizeDocks({problemsDock}, {300}, Qt::Vertical);
    if (auto *runDock = findChild<QDockWidget *>(QStringLiteral("run")))
        resizeDocks({problemsDock, runDock}, {1, 1}, Qt::Horizontal);
}

void MainWindow::showWelcome()
{
    auto *welcome = new QWidget(this);
    auto *layout = new QVBoxLayout(welcome);
    layout->addStretch();
    auto *title = new QLabel(tr("<h2>Stratus Studio</h2><p>Design serverless workflows, run them locally, ship them.</p>"),
                             welcome);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto addButton = [&](const QString &text, const QString &actionName) {
        auto *b = new QPushButton(text, welcome);
        b->setMaximumWidth(320);
        connect(b, &QPushButton::clicked, action(actionName), &QAction::trigger);
        layout->addWidget(b, 0, Qt::AlignHCenter);
    };
    // Key names as the menus write them, in the user's language (Strg+N).
    addButton(tr("New workspace…  (%1)").arg(keyText(QKeySequence::New)), QStringLiteral("new"));
    addButton(tr("Open…  (%1)").arg(keyText(QKeySequence::Open)), QStringLiteral("open"));
    auto *examplesTitle = new QLabel(tr("<b>Examples</b>"), welcome);
    examplesTitle->setAlignment(Qt::AlignCenter);
    layout->addWidget(examplesTitle);
    const QDir dir(examplesDirectory());
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        auto *b = new QPushButton(QFileInfo(name).completeBaseName(), welcome);
        b->setFlat(true);
        b->setMaximumWidth(320);
        const QString path = dir.filePath(name);
        connect(b, &QPushButton::clicked, this, [this, path] { openFileInteractively(path); });
        layout->addWidget(b, 0, Qt::AlignHCenter);
    }
    layout->addStretch();
    m_welcome = welcome;
    setCentralWidget(welcome);
    m_editArea->setParent(this);
    m_editArea->hide();
}

Status MainWindow::openFile(const QString &path)
{
    auto opened = WorkspaceDocument::open(path);
    if (!opened)
        return opened.status();
    saveLayout();
    // What the previous document had not written yet is written as it goes.
    while (m_tabs->count() > 0)
        delete m_tabs->widget(0);
    m_inspector->showNode(nullptr, {}, {});
    m_history->setStack(nullptr);
    m_document = opened.take();
    m_document->setAutosaveDelay(m_userSettings.autosaveDelayMs);
    m_history->setStack(m_document->undoStack());
    connect(m_document.get(), &WorkspaceDocument::problemsChanged, this, &MainWindow::refreshProblems);
    connect(m_document.get(), &WorkspaceDocument::saved, this, [this](bool ok, const QString &message) {
        m_saveState->setText(!ok                                ? tr("Not saved: %1").arg(message)
                             : m_document->hasUnsavedChanges() ? tr("Saving…")
                                                               : tr("All changes saved"));
        refreshTitle();
    });
    connect(m_document.get(), &WorkspaceDocument::workflowAdded, this, &MainWindow::addWorkflowTab);
    connect(m_document.get(), &WorkspaceDocument::workflowAboutToBeRemoved, this, [this](const WorkflowId &id) {
        if (const int tab = tabOf(qs(id.str())); tab >= 0) {
            if (m_inspector->workflowId() == id)
                m_inspector->showNode(nullptr, {}, {});
            delete m_tabs->widget(tab);
        }
    });
    connect(m_document.get(), &WorkspaceDocument::workflowRenamed, this, [this](const WorkflowId &id) {
        if (const int tab = tabOf(qs(id.str())); tab >= 0)
            m_tabs->setTabText(tab, qs(m_document->workflow(id)->name()));
    });
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        m_saveState->setText(m_document->filePath().isEmpty() ? tr("Unsaved (JSON document)") : tr("Saving…"));
        refreshTitle();
    });
    if (!m_document->filePath().isEmpty())
        rememberRecent(path);
    rebuild();
    restoreLayout(path);
    // Where the user left off in this file: the node they had selected.
    const QString last = QSettings().value(selectionKey(path)).toString();
    if (const qsizetype slash = last.indexOf(QLatin1Char('/')); slash > 0)
        selectNode(WorkflowId(last.left(slash).toStdString()), NodeId(last.mid(slash + 1).toStdString()));
    // The keys start on the canvas: arrows select, Return opens the inspector.
    if (WorkflowView *view = currentView())
        view->setFocus(Qt::OtherFocusReason);
    return Status::ok();
}

QString MainWindow::perFileKey(const QString &group, const QString &path)
{
    // QSettings keys cannot hold '/' as data: the path is hashed.
    return group + QLatin1Char('/')
           + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                          QCryptographicHash::Sha1).toHex());
}

QString MainWindow::selectionKey(const QString &path)
{
    return perFileKey(QStringLiteral("selection"), path);
}

namespace {
// Raised when the docks change in a way an old saved state would misplace.
constexpr int kLayoutVersion = 1;
const QString kLastLayoutKey = QStringLiteral("layout/last");
} // namespace

void MainWindow::saveLayout()
{
    if (!m_document || m_document->sourcePath().isEmpty())
        return;
    QSettings settings;
    const QByteArray state = saveState(kLayoutVersion);
    settings.setValue(perFileKey(QStringLiteral("layout"), m_document->sourcePath()), state);
    settings.setValue(kLastLayoutKey, state);
}

void MainWindow::restoreLayout(const QString &path)
{
    QSettings settings;
    QByteArray state = settings.value(perFileKey(QStringLiteral("layout"), path)).toByteArray();
    if (state.isEmpty())
        state = settings.value(kLastLayoutKey).toByteArray();
    // A state from another version, or damaged, is refused by Qt: the docks stay as they are.
    if (!state.isEmpty())
        restoreState(state, kLayoutVersion);
}

void MainWindow::rememberSelection(const QString &workflow, const QString &node)
{
    if (!m_document || m_document->sourcePath().isEmpty())
        return;
    QSettings settings;
    if (node.isEmpty())
        settings.remove(selectionKey(m_document->sourcePath()));
    else
        settings.setValue(selectionKey(m_document->sourcePath()), QString(workflow + QLatin1Char('/') + node));
}

Status MainWindow::newWorkspace(const QString &path)
{
    {
        auto created = WorkspaceDocument::create(path, m_userSettings.newWorkspaceSettings());
        if (!created)
            return created.status();
    } // closed: openFile opens it again as the window's document
    return openFile(path);
}

Status MainWindow::saveAs(const QString &path)
{
    if (!m_document)
        return Status::invalidArgument("no workspace is open");
    if (Status s = m_document->saveAs(path); !s)
        return s;
    rememberRecent(path);
    refreshTitle();
    attachRunPanels();
    return Status::ok();
}

Status MainWindow::exportJson(const QString &path)
{
    if (!m_document)
        return Status::invalidArgument("no workspace is open");
    // The same rule as `stratus export-json -o` (links followed, mode kept).
    if (Status s = writeOutputFile(path.toStdString(), workspace_json::write(m_document->workspace())); !s)
        return s;
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
    return Status::ok();
}

Result<std::vector<std::string>> MainWindow::exportBundle(BundleFormat format, const QString &folder, bool replace,
                                                          bool zip, bool fresh)
{
    if (!m_document)
        return Status::invalidArgument("no workspace is open");
    // The same export as `stratus export --format sam|serverless`, of the design as it is on screen.
    const Workspace &workspace = m_document->workspace();
    exporting::ExportOptions options;
    options.zip = zip;
    options.fresh = fresh;
    auto bundle = format == BundleFormat::Sam ? exporting::exportSam(workspace, options)
                                              : exporting::exportServerless(workspace, options);
    if (!bundle)
        return bundle.status();
    if (Status s = exporting::writeBundle(*bundle, folder.toStdString(), replace); !s)
        return s;
    statusBar()->showMessage((format == BundleFormat::Sam ? tr("Wrote an AWS SAM bundle to %1")
                                                          : tr("Wrote a Serverless Framework service to %1"))
                                 .arg(QDir::toNativeSeparators(folder)),
                             6000);
    return bundle->notes;
}

void MainWindow::exportInteractively(BundleFormat format)
{
    if (!m_document)
        return;
    const bool sam = format == BundleFormat::Sam;
    const QString folder = QFileDialog::getExistingDirectory(
        this, sam ? tr("Export AWS SAM Bundle: choose or make an empty folder")
                  : tr("Export Serverless Framework Service: choose or make an empty folder"),
        QDir::homePath());
    if (folder.isEmpty())
        return;
    bool replace = false;
    if (QFile::exists(QDir(folder).filePath(QString::fromLatin1(exporting::kBundleMark)))) {
        const QString kept = sam ? tr("Files you added there (samconfig.toml, .aws-sam) stay.")
                                 : tr("Files you added there (node_modules, package.json, .serverless) stay.");
        replace = QMessageBox::question(this, tr("Replace the Bundle?"),
                                        tr("%1 holds a bundle exported earlier. Replace the files that export wrote?")
                                                .arg(QDir::toNativeSeparators(folder))
                                            + QLatin1Char(' ') + kept)
                  == QMessageBox::Yes;
        if (!replace)
            return;
    }
    const QAction *zip = action(QStringLiteral("zipSamCode"));
    auto notes = exportBundle(format, folder, replace, sam && zip && zip->isChecked());
    if (!notes) {
        // The reasons are what the user needs: shown, one a line, each naming its node.
        QString reasons = qs(notes.status().message());
        QString headline = reasons.contains(QLatin1String("othing was written")) ? QString() : tr("Nothing was written.");
        if (const qsizetype colon = reasons.indexOf(QLatin1String(":\n")); colon >= 0) {
            headline = reasons.left(colon) + QLatin1Char('.') + QLatin1Char(' ') + headline;
            reasons = QStringLiteral("• ") + reasons.mid(colon + 2).replace(QLatin1Char('\n'), QStringLiteral("\n• "));
        } else if (headline.isEmpty()) {
            std::swap(headline, reasons);
        }
        headline[0] = headline[0].toUpper();
        QMessageBox box(QMessageBox::Warning, tr("Cannot Export"), headline.trimmed(), QMessageBox::Ok, this);
        box.setInformativeText(reasons);
        // A workflow imported from a template can always be exported as Stratus's own (--fresh).
        QPushButton *fresh = reasons.contains(QLatin1String("--fresh"))
                                 ? box.addButton(tr("Export Stratus's Own Template"), QMessageBox::AcceptRole)
                                 : nullptr;
        box.exec();
        if (!fresh || box.clickedButton() != fresh)
            return;
        notes = exportBundle(format, folder, replace, sam && zip && zip->isChecked(), true);
        if (!notes) {
            QMessageBox::warning(this, tr("Cannot Export"), qs(notes.status().message()));
            return;
        }
    }
    QStringList lines;
    for (const std::string &note : *notes)
        lines << QStringLiteral("• ") + qs(note);
    const QString done = sam ? tr("Wrote an AWS SAM bundle to %1. Deploy it with: sam build && sam deploy --guided")
                             : tr("Wrote a Serverless Framework service to %1. Deploy it as its README.md says "
                                  "(npx serverless deploy).");
    QMessageBox::information(this, tr("Exported"),
                             done.arg(QDir::toNativeSeparators(folder))
                                 + (lines.isEmpty() ? QString() : QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'))));
}

Result<std::vector<std::string>> MainWindow::importTemplate(BundleFormat format, const QString &templatePath,
                                                            const QString &workspacePath)
{
    // The same import as `stratus import-sam|import-serverless FILE --force`.
    const std::filesystem::path source = templatePath.toStdString();
    auto imported = format == BundleFormat::Sam ? exporting::importSam(source) : exporting::importServerless(source);
    if (!imported)
        return imported.status();
    auto target = resolveOutputPath(workspacePath.toStdString(), OutputKind::Workspace);
    if (!target)
        return target.status();
    if (m_document && QFileInfo(m_document->filePath()).canonicalFilePath() == QFileInfo(qs(*target)).canonicalFilePath())
        return Status::invalidArgument("the workspace open here is " + *target + "; import into another file");
    if (Status s = (QFileInfo::exists(qs(*target))
                          ? WorkspaceStore::writeTo(*target, imported->workspace, WorkspaceStore::RunHistory::Clear)
                          : WorkspaceStore::writeNew(*target, imported->workspace)); !s)
        return s;
    if (Status s = openFile(qs(*target)); !s)
        return s;
    return imported->warnings;
}

void MainWindow::importInteractively(BundleFormat format)
{
    if (!okToReplaceDocument())
        return;
    const bool sam = format == BundleFormat::Sam;
    const QString source = QFileDialog::getOpenFileName(
        this, sam ? tr("Import AWS SAM Template") : tr("Import Serverless Framework Service"), QDir::homePath(),
        sam ? tr("AWS SAM templates (*.yaml *.yml *.json);;All files (*)")
            : tr("Serverless Framework services (serverless.yml serverless.yaml);;All files (*)"));
    if (source.isEmpty())
        return;
    const QFileInfo info(source);
    const QString suggested = info.dir().filePath(info.dir().dirName() + QStringLiteral(".stratus"));
    const QString target = QFileDialog::getSaveFileName(this, tr("Import into a new workspace file"), suggested,
                                                        tr("Stratus workspaces (*.stratus)"));
    if (target.isEmpty())
        return;
    auto warnings = importTemplate(format, source, target);
    if (!warnings) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot Import"),
                        tr("%1 was not imported; nothing was written.").arg(QDir::toNativeSeparators(source)),
                        QMessageBox::Ok, this);
        box.setInformativeText(QStringLiteral("• ") + qs(warnings.status().message()).replace(QLatin1Char('\n'), QStringLiteral("\n• ")));
        box.exec();
        return;
    }
    if (warnings->empty()) {
        statusBar()->showMessage(tr("Imported %1").arg(QDir::toNativeSeparators(source)), 6000);
        return;
    }
    QStringList lines;
    for (const std::string &warning : *warnings)
        lines << QStringLiteral("• ") + qs(warning);
    QMessageBox box(QMessageBox::Information, tr("Imported"),
                    tr("Imported %1. What the canvas does not show is kept, and written back when you export "
                       "it in the same format:")
                        .arg(QDir::toNativeSeparators(source)),
                    QMessageBox::Ok, this);
    box.setInformativeText(lines.join(QLatin1Char('\n')));
    box.exec();
}

void MainWindow::openFileInteractively(const QString &path)
{
    if (!okToReplaceDocument())
        return;
    const Status s = openFile(path);
    if (!s) {
        QMessageBox::critical(this, tr("Cannot open workspace"),
                              tr("Stratus could not open %1.\n\n%2").arg(QDir::toNativeSeparators(path), qs(s.message())));
        return;
    }
    if (m_document->filePath().isEmpty())
        statusBar()->showMessage(tr("%1 is a JSON document: use File → Save As Workspace to keep your changes")
                                     .arg(QFileInfo(path).fileName()));
}

void MainWindow::rebuild()
{
    if (centralWidget() != m_editArea) {
        takeCentralWidget();
        delete m_welcome;
        m_welcome = nullptr;
        setCentralWidget(m_editArea);
        m_editArea->show();
    }
    int index = 0;
    for (const Workflow &workflow : m_document->workspace().workflows)
        addWorkflowTab(workflow.id(), index++);
    refreshProblems();
    refreshTitle();
    attachRunPanels();
    m_saveState->setText(m_document->filePath().isEmpty() ? tr("Unsaved (JSON document)") : tr("All changes saved"));
}

void MainWindow::addWorkflowTab(const WorkflowId &workflowId, int index)
{
    const Workflow *workflow = m_document->workflow(workflowId);
    if (!workflow)
        return;
    auto *scene = new WorkflowScene(m_document.get(), workflowId);
    auto *view = new WorkflowView(scene, m_tabs);
    view->setAccessibleName(tr("Workflow canvas"));
    scene->setParent(view);
    scene->setRunOverlay(m_overlay);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view, scene](const QPoint &at) {
        // The node under the pointer becomes the selection the menu acts on.
        for (QGraphicsItem *item : view->items(at)) {
            if (auto *node = qgraphicsitem_cast<NodeItem *>(item)) {
                scene->selectNodes({node->nodeId()});
                // Only what applies to this kind of node.
                const Node *model = scene->workflow().findNode(node->nodeId());
                const bool function = model && model->kind == kinds::kFunction;
                const bool trigger = model && model->kind.starts_with(kinds::kTriggerPrefix);
                QMenu menu(this);
                if (function || trigger)
                    menu.addAction(action(QStringLiteral("sendTestEvent")));
                if (trigger)
                    menu.addAction(action(QStringLiteral("loadTest")));
                if (function)
                    menu.addAction(action(QStringLiteral("tuneMemory")));
                menu.addAction(action(QStringLiteral("toggleBreakpoint")));
                menu.exec(view->viewport()->mapToGlobal(at));
                return;
            }
        }
    });
    connect(scene, &WorkflowScene::nodeSelected, this, [this, workflowId](const QString &nodeId) {
        m_inspector->showNode(m_document.get(), workflowId, NodeId(nodeId.toStdString()));
        const Workflow *workflow = m_document->workflow(workflowId);
        m_data->showResource(m_document->filePath(), m_document->workspace(),
                             workflow ? workflow->findNode(NodeId(nodeId.toStdString())) : nullptr);
        rememberSelection(qs(workflowId.str()), nodeId);
    });
    connect(scene, &WorkflowScene::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
    connect(scene, &WorkflowScene::renameRequested, this, &MainWindow::startInlineRename);
    connect(scene, &WorkflowScene::nodeActivated, this, &MainWindow::activateNode);
    connect(view, &WorkflowView::nodeKindDropped, this, [this](const QString &kind, QPointF at) { addNode(kind, at); });
    index = m_tabs->insertTab(index, view, workflow->name().empty() ? qs(workflowId.str()) : qs(workflow->name()));
    m_tabs->setTabToolTip(index, tr("Workflow %1 (double-click to rename)").arg(qs(workflowId.str())));
}

int MainWindow::tabOf(const QString &workflowId) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *view = static_cast<WorkflowView *>(m_tabs->widget(i));
        if (qs(view->workflowScene()->workflowId().str()) == workflowId)
            return i;
    }
    return -1;
}

void MainWindow::newWorkflow()
{
    if (!m_document)
        return;
    const WorkflowId id = m_document->freshWorkflowId();
    Workflow workflow(id, tr("Workflow %1").arg(m_document->workspace().workflows.size() + 1).toStdString());
    m_document->undoStack()->push(new WorkflowCommand(m_document.get(), workflow,
                                                      m_document->workspace().workflows.size(), tr("New workflow")));
    m_tabs->setCurrentIndex(tabOf(qs(id.str())));
}

void MainWindow::renameWorkflow(const QString &name)
{
    WorkflowScene *scene = currentScene();
    const std::string text = name.trimmed().toStdString();
    if (!scene || text.empty() || text == scene->workflow().name())
        return;
    m_document->undoStack()->push(new RenameWorkflowCommand(m_document.get(), scene->workflowId(), text));
}

void MainWindow::deleteWorkflow()
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return;
    if (m_document->workspace().workflows.size() == 1) {
        statusBar()->showMessage(tr("A workspace keeps at least one workflow"), 6000);
        return;
    }
    m_document->undoStack()->push(new WorkflowCommand(
        m_document.get(), scene->workflowId(), tr("Delete workflow %1").arg(qs(scene->workflow().name()))));
}

void MainWindow::refreshTitle()
{
    if (!m_document) {
        setWindowTitle(tr("Stratus Studio"));
        return;
    }
    const Workspace &ws = m_document->workspace();
    const QString name = ws.name.empty() ? QFileInfo(currentFile()).completeBaseName() : qs(ws.name);
    const bool unsavedJson = m_document->filePath().isEmpty();
    m_bannerText->setText(tr("<b>%1</b> is a JSON document: your changes live only in this window until "
                             "you save it as a workspace file, which then saves itself.")
                              .arg(QFileInfo(m_document->sourcePath()).fileName().toHtmlEscaped()));
    m_banner->setVisible(unsavedJson);
    setWindowTitle(tr("%1%2 — Stratus Studio").arg(name, unsavedJson ? tr(" (not saved)") : QString()));
}

void MainWindow::refreshProblems()
{
    m_problemsList->clear();
    for (const Problem &p : problems()) {
        QString where = p.workflow.isValid() ? qs(p.workflow.str()) : QString();
        if (p.node.isValid())
            where += QLatin1Char('/') + qs(p.nodeName.empty() ? p.node.str() : p.nodeName);
        if (p.edge.isValid())
            where += tr("/edge %1").arg(qs(p.edge.str()));
        auto *item = new QTreeWidgetItem(m_problemsList, {where, qs(p.field), problemText(p)});
        item->setData(0, Qt::UserRole, qs(p.workflow.str()));
        item->setData(1, Qt::UserRole, qs(p.node.str()));
        item->setData(2, Qt::UserRole, qs(p.field));
        item->setIcon(0, style()->standardIcon(p.severity == Problem::Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                                      : QStyle::SP_MessageBoxWarning));
        item->setToolTip(2, qs(p.toString()));
    }
    size_t nodes = 0;
    for (const Workflow &w : workspace().workflows)
        nodes += w.nodes().size();
    statusBar()->showMessage(tr("%1: %2, %3, %4")
                                 .arg(QFileInfo(currentFile()).fileName(),
                                      count(workspace().workflows.size(), tr("workflow"), tr("workflows")),
                                      count(nodes, tr("node"), tr("nodes")),
                                      count(problems().size(), tr("problem"), tr("problems"))));
    // The refusal the Run panel shows is stale once its errors are gone.
    const bool errors = std::any_of(problems().begin(), problems().end(),
                                    [](const Problem &p) { return p.severity == Problem::Severity::Error; });
    if (m_runRefusedForProblems && !errors && m_run && !m_run->isRunning()) {
        m_runRefusedForProblems = false;
        m_runPanel->showStopped(tr("Not running. The errors that stopped Run are fixed: Run (F5) again."));
    }
}

bool MainWindow::selectNode(const WorkflowId &workflow, const NodeId &node)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *view = static_cast<WorkflowView *>(m_tabs->widget(i));
        WorkflowScene *scene = view->workflowScene();
        if (scene->workflowId() != workflow)
            continue;
        NodeItem *item = scene->itemFor(node);
        if (!item)
            return false;
        m_tabs->setCurrentIndex(i);
        scene->selectNodes({node});
        view->centerOn(item);
        m_inspector->showNode(m_document.get(), workflow, node);
        return true;
    }
    return false;
}

void MainWindow::zoomToFit()
{
    if (WorkflowView *view = currentView())
        view->zoomToFit();
}

void MainWindow::onProblemActivated(QTreeWidgetItem *item)
{
    const WorkflowId workflow(item->data(0, Qt::UserRole).toString().toStdString());
    const NodeId node(item->data(1, Qt::UserRole).toString().toStdString());
    if (node.isValid() && selectNode(workflow, node))
        m_inspector->focusField(item->data(2, Qt::UserRole).toString());
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    settings.setValue(QStringLiteral("lastFile"), absolute);
    fillRecentMenu();
}

void MainWindow::fillRecentMenu()
{
    if (!m_recent)
        return;
    m_recent->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] { openFileInteractively(path); })
            ->setStatusTip(path);
    m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreSession()
{
    const QString last = QSettings().value(QStringLiteral("lastFile")).toString();
    if (!last.isEmpty() && QFileInfo::exists(last))
        openFileInteractively(last);
}

bool MainWindow::okToReplaceDocument()
{
    // A workspace file has saved itself; only an edited JSON document can lose work.
    if (!m_document || !m_document->filePath().isEmpty() || m_document->undoStack()->isClean())
        return true;
    return confirmUnsavedJson();
}

bool MainWindow::confirmUnsavedJson()
{
    if (!m_document || !m_document->filePath().isEmpty())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Save as a workspace?"),
        tr("%1 is a JSON document. Save it as a new workspace file to keep your changes?")
            .arg(QFileInfo(m_document->sourcePath()).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    const QString suggested = QFileInfo(m_document->sourcePath()).absolutePath() + QLatin1Char('/')
                              + QFileInfo(m_document->sourcePath()).completeBaseName() + QStringLiteral(".stratus");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save As Workspace"), suggested,
                                                      tr("Stratus workspaces (*.stratus)"));
    if (path.isEmpty())
        return false;
    if (Status s = saveAs(path); !s) {
        QMessageBox::critical(this, tr("Cannot save"), qs(s.message()));
        return false;
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A JSON document with changes: offer to keep them. A workspace file saves itself.
    if (m_document && m_document->filePath().isEmpty() && !m_document->undoStack()->isClean()
        && !confirmUnsavedJson()) {
        event->ignore();
        return;
    }
    // Quitting stops what runs: no instance outlives the studio, every record is written.
    stopRun();
    while (m_document && m_document->hasUnsavedChanges()) {
        const Status s = m_document->save();
        if (s)
            break;
        // The file cannot take the changes (deleted, read-only, disk full):
        // never quit silently without them.
        QMessageBox box(QMessageBox::Critical, tr("Cannot save"),
                        tr("Your last changes could not be saved to %1:\n%2")
                            .arg(QDir::toNativeSeparators(m_document->filePath()), qs(s.message())),
                        QMessageBox::Retry | QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.button(QMessageBox::Save)->setText(tr("Save As…"));
        const int answer = box.exec();
        if (answer == QMessageBox::Discard)
            break;
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save As Workspace"), QDir::homePath(),
                                                              tr("Stratus workspaces (*.stratus)"));
            if (!path.isEmpty() && saveAs(path))
                break;
        }
    }
    saveLayout();
    event->accept();
}

} // namespace stratus::editor
