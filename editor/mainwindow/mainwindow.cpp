#include "mainwindow.h"

#include "editor/canvas/workflowoverview.h"
#include "editor/code/codeview.h"

#include "engine/model/handler.h"
#include "engine/model/nodekind.h"
#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// "1 node", "3 nodes" (no translations are loaded yet, so %n plurals would read "node(s)").
QString count(size_t n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString valueText(const Json &v)
{
    if (v.is_string())
        return qs(v.get<std::string>());
    return qs(v.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Stratus Studio"));
    resize(1280, 800);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_welcome = new QLabel(this);
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    createDocks();
    createActions();
    showWelcome();
}

MainWindow::~MainWindow() = default;

QString MainWindow::examplesDirectory()
{
    const QString installed = QCoreApplication::applicationDirPath()
                              + QStringLiteral("/../share/stratus/examples");
    if (QDir(installed).exists())
        return QDir(installed).canonicalPath();
#ifdef STRATUS_SOURCE_EXAMPLES_DIR
    return QStringLiteral(STRATUS_SOURCE_EXAMPLES_DIR);
#else
    return {};
#endif
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Workspace"), QFileInfo(m_file).absolutePath(),
            tr("Stratus workspaces (*.stratus *.json);;All files (*)"));
        if (!path.isEmpty())
            openFileInteractively(path);
    });
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a workspace file or a workspace JSON document"));

    QMenu *examples = file->addMenu(tr("&Examples"));
    const QDir dir(examplesDirectory());
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(name);
        examples->addAction(QFileInfo(name).completeBaseName(), this,
                            [this, path] { openFileInteractively(path); });
    }
    examples->setEnabled(!examples->isEmpty());

    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit = view->addAction(tr("Zoom to &Fit"), this, &MainWindow::zoomToFit);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    fit->setStatusTip(tr("Show the whole workflow"));
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Stratus"), this, [this] {
        QMessageBox::about(this, tr("About Stratus"),
                           tr("<b>Stratus Studio</b><p>Design serverless workflows, run them "
                              "locally with AWS Lambda's contracts, measure and ship them.</p>"
                              "<p>Everything the studio does is also a command of <tt>stratus</tt>.</p>"));
    });
}

void MainWindow::createDocks()
{
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problems"));
    m_problemsList = new QTreeWidget(problemsDock);
    m_problemsList->setHeaderLabels({tr("Where"), tr("Field"), tr("Problem")});
    m_problemsList->setRootIsDecorated(false);
    m_problemsList->setAlternatingRowColors(true);
    m_problemsList->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    connect(m_problemsList, &QTreeWidget::itemActivated, this, &MainWindow::onProblemActivated);
    problemsDock->setWidget(m_problemsList);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    resizeDocks({problemsDock}, {150}, Qt::Vertical);

    auto *detailsDock = new QDockWidget(tr("Details"), this);
    detailsDock->setObjectName(QStringLiteral("details"));
    auto *details = new QWidget(detailsDock);
    auto *layout = new QVBoxLayout(details);
    m_detailsTitle = new QLabel(tr("Select a node to see its configuration."), details);
    m_detailsTitle->setWordWrap(true);
    m_configList = new QTreeWidget(details);
    m_configList->setHeaderLabels({tr("Field"), tr("Value")});
    m_configList->setRootIsDecorated(false);
    m_fileChooser = new QComboBox(details);
    m_fileChooser->setToolTip(tr("The function's source files; ★ marks the handler's file"));
    connect(m_fileChooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            showFunctionFile(m_fileChooser->itemData(index).toString());
    });
    m_code = new CodeView(details);
    auto *split = new QSplitter(Qt::Vertical, details);
    split->addWidget(m_configList);
    auto *codeBox = new QWidget(split);
    auto *codeLayout = new QVBoxLayout(codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addWidget(m_fileChooser);
    codeLayout->addWidget(m_code);
    split->addWidget(codeBox);
    layout->addWidget(m_detailsTitle);
    layout->addWidget(split);
    detailsDock->setWidget(details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    resizeDocks({detailsDock}, {440}, Qt::Horizontal);
}

void MainWindow::showWelcome()
{
    m_welcome->setText(
        tr("<h2>Stratus Studio</h2><p>Open a workspace with <b>File → Open</b> (Ctrl+O), "
           "or an example from <b>File → Examples</b>.</p><p>Create one from a terminal with "
           "<tt>stratus new FILE.stratus</tt>.</p>"));
    setCentralWidget(m_welcome);
    m_tabs->setParent(this);
    m_tabs->hide();
}

Status MainWindow::openFile(const QString &path)
{
    const std::string file = path.toStdString();
    Workspace ws;
    Problems problems;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        auto read = workspace_json::readFile(file);
        if (!read)
            return read.status();
        ws = std::move(read->workspace);
        problems = std::move(read->problems);
    } else {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
        if (!store)
            return store.status();
        auto loaded = store->load();
        if (!loaded)
            return loaded.status();
        ws = loaded.take();
    }
    Problems validation = validateWorkspace(ws);
    problems.insert(problems.end(), validation.begin(), validation.end());

    m_workspace = std::move(ws);
    m_problems = std::move(problems);
    m_file = path;
    rebuild();
    return Status::ok();
}

void MainWindow::openFileInteractively(const QString &path)
{
    const Status s = openFile(path);
    if (!s) {
        QMessageBox::critical(this, tr("Cannot open workspace"),
                              tr("Stratus could not open %1.\n\n%2")
                                  .arg(QDir::toNativeSeparators(path), qs(s.message())));
    }
}

void MainWindow::rebuild()
{
    m_shownNode = nullptr;
    if (centralWidget() != m_tabs) {
        takeCentralWidget();
        setCentralWidget(m_tabs);
        m_tabs->show();
    }
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        page->deleteLater();
    }
    for (const Workflow &workflow : m_workspace.workflows) {
        auto *scene = new WorkflowOverviewScene(workflow);
        auto *view = new WorkflowOverviewView(scene, m_tabs);
        scene->setParent(view);
        const QString workflowId = qs(workflow.id().str());
        connect(scene, &WorkflowOverviewScene::nodeSelected, this,
                [this, workflowId](const QString &nodeId) { showNodeDetails(workflowId, nodeId); });
        const QString title = workflow.name().empty() ? workflowId : qs(workflow.name());
        m_tabs->addTab(view, title);
        connect(m_tabs, &QTabWidget::currentChanged, view, [this, view] {
            if (m_tabs->currentWidget() == view)
                view->zoomToFit();
        });
        m_tabs->setTabToolTip(m_tabs->count() - 1, tr("Workflow %1").arg(workflowId));
    }
    // Fit once the window has its final size (the first time it is shown).
    QTimer::singleShot(0, this, &MainWindow::zoomToFit);

    m_problemsList->clear();
    for (const Problem &p : m_problems) {
        QString where = p.workflow.isValid() ? qs(p.workflow.str()) : QString();
        if (p.node.isValid())
            where += QLatin1Char('/') + qs(p.node.str());
        if (p.edge.isValid())
            where += tr("/edge %1").arg(qs(p.edge.str()));
        auto *item = new QTreeWidgetItem(m_problemsList, {where, qs(p.field), qs(p.message)});
        item->setData(0, Qt::UserRole, qs(p.workflow.str()));
        item->setData(1, Qt::UserRole, qs(p.node.str()));
        item->setIcon(0, style()->standardIcon(p.severity == Problem::Severity::Error
                                                   ? QStyle::SP_MessageBoxCritical
                                                   : QStyle::SP_MessageBoxWarning));
        item->setToolTip(2, qs(p.toString()));
    }

    size_t nodes = 0;
    for (const Workflow &w : m_workspace.workflows)
        nodes += w.nodes().size();
    const QString name = m_workspace.name.empty() ? QFileInfo(m_file).completeBaseName()
                                                  : qs(m_workspace.name);
    setWindowTitle(tr("%1 — Stratus Studio").arg(name));
    statusBar()->showMessage(tr("%1: %2, %3, %4")
                                 .arg(QFileInfo(m_file).fileName(),
                                      count(m_workspace.workflows.size(), tr("workflow"), tr("workflows")),
                                      count(nodes, tr("node"), tr("nodes")),
                                      count(m_problems.size(), tr("problem"), tr("problems"))));
    m_detailsTitle->setText(tr("Select a node to see its configuration."));
    m_configList->clear();
    m_fileChooser->clear();
    m_code->showFile(QString(), QString());
}

bool MainWindow::selectNode(const WorkflowId &workflow, const NodeId &node)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *view = static_cast<WorkflowOverviewView *>(m_tabs->widget(i));
        auto *scene = static_cast<WorkflowOverviewScene *>(view->scene());
        if (scene->workflow().id() != workflow)
            continue;
        OverviewNodeItem *item = scene->itemFor(node);
        if (!item)
            return false;
        m_tabs->setCurrentIndex(i);
        scene->clearSelection();
        item->setSelected(true);
        view->centerOn(item);
        return true;
    }
    return false;
}

void MainWindow::zoomToFit()
{
    if (auto *view = qobject_cast<WorkflowOverviewView *>(m_tabs->currentWidget()))
        view->zoomToFit();
}

void MainWindow::showNodeDetails(const QString &workflowId, const QString &nodeId)
{
    m_configList->clear();
    m_fileChooser->clear();
    m_code->showFile(QString(), QString());
    const Workflow *workflow = m_workspace.findWorkflow(WorkflowId(workflowId.toStdString()));
    const Node *node = workflow ? workflow->findNode(NodeId(nodeId.toStdString())) : nullptr;
    m_shownNode = node;
    if (!node) {
        m_detailsTitle->setText(tr("Select a node to see its configuration."));
        return;
    }
    const auto &registry = NodeKindRegistry::instance();
    const NodeKindSpec *spec = registry.find(node->kind);
    m_detailsTitle->setText(tr("<b>%1</b> — %2<br><small>%3</small>")
                                .arg(qs(node->name).toHtmlEscaped(),
                                     qs(spec ? spec->label : node->kind).toHtmlEscaped(),
                                     qs(spec ? spec->description : std::string()).toHtmlEscaped()));
    const Json config = registry.effectiveConfig(*node);
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.key() == "files")
            continue;
        auto *item = new QTreeWidgetItem(m_configList, {qs(it.key()), valueText(it.value())});
        if (!node->config.contains(it.key()))
            item->setForeground(1, palette().placeholderText());
        if (spec) {
            if (const FieldSpec *f = spec->field(it.key()))
                item->setToolTip(0, qs(f->description));
        }
    }
    m_configList->resizeColumnToContents(0);

    auto files = node->config.find("files");
    if (files == node->config.end() || !files->is_object())
        return;
    std::vector<std::string> handlerFiles;
    if (config.contains("runtime") && config.contains("handler") && config["runtime"].is_string()
        && config["handler"].is_string()) {
        if (auto ref = parseHandler(config["runtime"].get<std::string>(),
                                    config["handler"].get<std::string>()))
            handlerFiles = ref->candidateFiles;
    }
    int handlerIndex = 0;
    for (auto it = files->begin(); it != files->end(); ++it) {
        const bool isHandler = std::find(handlerFiles.begin(), handlerFiles.end(), it.key())
                               != handlerFiles.end();
        if (isHandler)
            handlerIndex = m_fileChooser->count();
        m_fileChooser->addItem(isHandler ? QStringLiteral("★ ") + qs(it.key()) : qs(it.key()),
                               qs(it.key()));
    }
    m_fileChooser->setCurrentIndex(handlerIndex);
    showFunctionFile(m_fileChooser->itemData(handlerIndex).toString());
}

void MainWindow::showFunctionFile(const QString &path)
{
    if (!m_shownNode)
        return;
    auto files = m_shownNode->config.find("files");
    if (files == m_shownNode->config.end() || !files->is_object())
        return;
    auto file = files->find(path.toStdString());
    if (file != files->end() && file->is_string())
        m_code->showFile(path, qs(file->get<std::string>()));
}

void MainWindow::onProblemActivated(QTreeWidgetItem *item)
{
    const WorkflowId workflow(item->data(0, Qt::UserRole).toString().toStdString());
    const NodeId node(item->data(1, Qt::UserRole).toString().toStdString());
    if (node.isValid())
        selectNode(workflow, node);
}

} // namespace stratus::editor
