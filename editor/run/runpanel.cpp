#include "runpanel.h"

#include "jsoneditor.h"

#include "editor/qstrings.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_routes(new QTreeWidget(this))
    , m_pauseArea(new QWidget(this))
    , m_pauseTitle(new QLabel(m_pauseArea))
    , m_event(new JsonEditor(m_pauseArea))
    , m_messages(new QPlainTextEdit(this))
{
    m_messages->setAccessibleName(tr("Warnings and reloads"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_state);

    m_routes->setHeaderLabels({tr("Method"), tr("URL"), tr("Trigger")});
    m_routes->setRootIsDecorated(false);
    m_routes->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_routes->setContextMenuPolicy(Qt::CustomContextMenu);
    m_routes->setToolTip(tr("Double-click copies the URL; right-click copies a curl line"));
    m_routes->setAccessibleName(tr("HTTP routes"));
    connect(m_routes, &QTreeWidget::itemDoubleClicked, this, [](QTreeWidgetItem *item) {
        QApplication::clipboard()->setText(item->text(1));
    });
    connect(m_routes, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QTreeWidgetItem *item = m_routes->itemAt(at);
        if (!item)
            return;
        const int row = m_routes->indexOfTopLevelItem(item);
        QMenu menu(this);
        menu.addAction(tr("Copy URL"), this, [item] { QApplication::clipboard()->setText(item->text(1)); });
        menu.addAction(tr("Copy curl Command"), this, [this, row] { QApplication::clipboard()->setText(curlLine(row)); });
        menu.exec(m_routes->viewport()->mapToGlobal(at));
    });

    auto *pauseLayout = new QVBoxLayout(m_pauseArea);
    pauseLayout->setContentsMargins(0, 0, 0, 0);
    m_pauseTitle->setWordWrap(true);
    pauseLayout->addWidget(m_pauseTitle);
    pauseLayout->addWidget(m_event, 1);
    auto *buttons = new QHBoxLayout;
    auto *step = new QPushButton(tr("Step  (F10)"), m_pauseArea);
    auto *go = new QPushButton(tr("Continue  (F5)"), m_pauseArea);
    auto *abort = new QPushButton(tr("Abort"), m_pauseArea);
    for (QPushButton *b : {step, go, abort})
        buttons->addWidget(b);
    buttons->addStretch();
    pauseLayout->addLayout(buttons);
    connect(step, &QPushButton::clicked, this, &RunPanel::stepRequested);
    connect(go, &QPushButton::clicked, this, &RunPanel::continueRequested);
    connect(abort, &QPushButton::clicked, this, &RunPanel::abortRequested);
    connect(m_event, &JsonEditor::edited, step, &QPushButton::setEnabled);
    connect(m_event, &JsonEditor::edited, go, &QPushButton::setEnabled);

    m_messages->setReadOnly(true);
    m_messages->setMaximumBlockCount(2000);
    m_messages->setPlaceholderText(tr("Warnings and reloads of the running workspace show here."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_routes);
    split->addWidget(m_pauseArea);
    split->addWidget(m_messages);
    layout->addWidget(split, 1);
    showPause(std::nullopt, 0);
    showStopped();
}

void RunPanel::showStopped(const QString &why)
{
    m_url.clear();
    m_state->setText(why.isEmpty() ? tr("Not running. Run (F5) serves the workspace's triggers and resources here.")
                                   : why);
    m_routes->clear();
}

void RunPanel::showRunning(const QString &url, const std::vector<run::WorkspaceServer::RouteInfo> &routes,
                           const QString &servicesUrl)
{
    m_url = url;
    QString state = url.isEmpty() ? tr("<b>Running</b> (no HTTP triggers). Stop: Shift+F5.")
                                  : tr("<b>Running</b> at <a href=\"%1\">%1</a>. Stop: Shift+F5.").arg(url.toHtmlEscaped());
    if (!servicesUrl.isEmpty())
        state += QLatin1Char(' ')
                 + tr("AWS endpoint (the SDK and the AWS CLI reach the tables and queues here): %1").arg(servicesUrl.toHtmlEscaped());
    m_state->setText(state);
    m_routes->clear();
    for (const auto &route : routes)
        new QTreeWidgetItem(m_routes, {qs(route.method), url + qs(route.path), qs(route.triggerName)});
    m_routes->resizeColumnToContents(0);
}

QString RunPanel::curlLine(int row) const
{
    const QTreeWidgetItem *item = m_routes->topLevelItem(row);
    if (!item)
        return {};
    const QString method = item->text(0) == QLatin1String("ANY") ? QStringLiteral("GET") : item->text(0);
    // {param} segments are left for the user to fill; quoting keeps the shell off them.
    return QStringLiteral("curl -i -X %1 '%2'").arg(method, item->text(1));
}

void RunPanel::addMessage(const QString &text)
{
    m_messages->appendPlainText(text);
}

void RunPanel::showPause(const std::optional<run::PauseInfo> &pause, int othersPaused)
{
    m_pause = pause;
    m_pauseArea->setVisible(pause.has_value());
    if (!pause)
        return;
    QString title = tr("<b>Paused</b> before <b>%1</b> (run %2). Edit what it receives, then Step or Continue.")
                        .arg(qs(pause->nodeName.empty() ? pause->node.str() : pause->nodeName).toHtmlEscaped(),
                             qs(pause->runId));
    if (othersPaused > 0)
        title += tr(" %1 more run(s) wait.").arg(othersPaused);
    m_pauseTitle->setText(title);
    m_event->setValue(pause->event);
}

} // namespace stratus::editor
