#include "invocationspanel.h"

#include "historyreader.h"
#include "jsoneditor.h"

#include "editor/flowlayout.h"
#include "editor/qstrings.h"
#include "engine/model/text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

/// JSON text indented for reading (as it is, if it is not JSON).
QString indented(const std::string &text)
{
    const auto parsed = parseJson(text);
    return qs(parsed ? parsed->dump(2) : text);
}

} // namespace

InvocationsPanel::InvocationsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new InvocationsModel(this))
    , m_filter(new InvocationsFilter(this))
    , m_table(new QTableView(this))
    , m_follow(new QCheckBox(tr("Follow newest"), this))
    , m_function(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_start(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_detail(new QTabWidget(this))
    , m_summary(new QPlainTextEdit(this))
    , m_event(new JsonEditor(this))
    , m_result(new JsonEditor(this))
    , m_logs(new QPlainTextEdit(this))
    , m_path(new QTreeWidget(this))
{
    m_detail->setAccessibleName(tr("Invocation details"));
    m_summary->setAccessibleName(tr("Summary"));
    m_logs->setAccessibleName(tr("Logs"));
    m_path->setAccessibleName(tr("Path through the workflow"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *barArea = new QWidget(this);
    auto *bar = new FlowLayout(barArea);
    m_function->addItem(tr("All functions"), QString());
    m_function->setAccessibleName(tr("Show the invocations of"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Failed"), QStringLiteral("failed"));
    for (const InvocationStatus s : {InvocationStatus::Ok, InvocationStatus::Error, InvocationStatus::Timeout,
                                     InvocationStatus::Throttled, InvocationStatus::Crashed})
        m_status->addItem(qs(statusName(s)), qs(statusName(s)));
    m_status->setAccessibleName(tr("Show invocations with the status"));
    m_start->addItems({tr("Cold and warm"), tr("Cold starts"), tr("Warm starts")});
    m_start->setAccessibleName(tr("Show cold or warm starts"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Scroll to each new invocation as it arrives"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_function, m_status, m_start, m_follow})
        bar->addWidget(w);
    bar->addWidget(m_count);
    layout->addWidget(barArea);

    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(InvocationsModel::SortRole);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(InvocationsModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(InvocationsModel::RequestId, 110);
    // Each heading whole, in any language (and room for the sort arrow).
    const QFontMetrics headings(m_table->horizontalHeader()->font());
    for (int column = 0; column < m_filter->columnCount(); ++column) {
        const int needed = headings.horizontalAdvance(m_filter->headerData(column, Qt::Horizontal).toString()) + 28;
        m_table->setColumnWidth(column, std::max(m_table->columnWidth(column), needed));
    }
    m_table->setAccessibleName(tr("Invocations"));

    for (QPlainTextEdit *text : {m_summary, m_logs}) {
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_event->setReadOnly(true);
    m_result->setReadOnly(true);
    m_path->setHeaderLabels({tr("#"), tr("Node"), tr("Kind"), tr("Status"), tr("Duration (ms)"), tr("Left by")});
    m_path->setRootIsDecorated(false);
    m_path->setContextMenuPolicy(Qt::CustomContextMenu);
    m_path->setToolTip(tr("Right-click a step to replay the run from it"));
    m_detail->addTab(m_summary, tr("Report"));
    m_detail->addTab(m_event, tr("Event"));
    m_detail->addTab(m_result, tr("Result"));
    m_detail->addTab(m_logs, tr("Logs"));
    m_detail->addTab(m_path, tr("Run Path"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_function, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setFunction(m_function->currentData().toString()); });
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatus(m_status->currentData().toString()); });
    connect(m_start, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_filter->setStart(InvocationsFilter::Start(index)); });
    connect(m_model, &InvocationsModel::rowsArrived, this, [this] {
        if (m_follow->isChecked())
            m_table->scrollToTop();
        m_count->setText(tr("%1 shown").arg(m_filter->rowCount()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InvocationsPanel::showSelected);
    connect(m_path, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QTreeWidgetItem *item = m_path->itemAt(at);
        if (!item || !m_run)
            return;
        const int step = m_path->indexOfTopLevelItem(item);
        QMenu menu(this);
        menu.addAction(tr("Replay From Here"), this, [this, step] { replayFromStep(step, false); });
        menu.addAction(tr("Replay From Here With Edited Input…"), this, [this, step] { replayFromStep(step, true); });
        menu.exec(m_path->viewport()->mapToGlobal(at));
    });
}

void InvocationsPanel::setHistory(HistoryReader *reader, InvocationsModel::WorkflowNamer namer)
{
    m_reader = reader;
    InvocationsModel::PageReader pages;
    if (reader && reader->hasFile())
        pages = [reader](const std::string &before, int limit) { return reader->invocations(before, limit); };
    m_model->reset(std::move(pages), std::move(namer));
    m_count->setText(tr("%1 shown").arg(m_filter->rowCount()));
    showSelected();
}

void InvocationsPanel::setFunctionNames(const QStringList &names)
{
    const QString current = m_function->currentData().toString();
    const QSignalBlocker block(m_function);
    while (m_function->count() > 1)
        m_function->removeItem(1);
    for (const QString &name : names)
        m_function->addItem(name, name);
    m_function->setCurrentIndex(std::max(0, m_function->findData(current)));
}

void InvocationsPanel::addInvocation(const HistoryEntry &entry)
{
    m_model->append(entry);
}

bool InvocationsPanel::selectRequest(const std::string &requestId)
{
    m_model->flushPending();
    const int row = m_model->rowOfRequest(requestId);
    if (row < 0)
        return false;
    const QModelIndex at = m_filter->mapFromSource(m_model->index(row, 0));
    if (!at.isValid())
        return false;
    m_table->setCurrentIndex(at);
    m_table->scrollTo(at);
    return true;
}

void InvocationsPanel::showSelected()
{
    m_detailRetries = 0;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        for (QPlainTextEdit *t : {m_summary, m_logs})
            t->clear();
        m_event->setText({});
        m_result->setText({});
        m_path->clear();
        m_run.reset();
        Q_EMIT runSelected(RunEntry{});
        return;
    }
    showDetail(m_model->row(m_filter->mapToSource(current).row()));
}

void InvocationsPanel::showDetail(const InvocationsModel::Row &row)
{
    std::vector<std::string> logs;
    const auto stored = m_reader ? m_reader->invocation(row.requestId) : std::nullopt;
    if (stored)
        logs = stored->record.logs;
    QString summary = tr("Request ID    %1\nFunction      %2\nRun           %3\n")
                          .arg(qs(row.requestId), qs(row.function), qs(row.runId));
    summary += tr("Status        %1\n").arg(qs(statusName(row.status)));
    if (!row.errorType.empty() || !row.errorMessage.empty())
        summary += tr("Error         %1: %2\n").arg(qs(row.errorType), qs(row.errorMessage));
    summary += tr("Start         %1\n").arg(row.coldStart ? tr("cold (init %1 ms)").arg(double(row.initDurationUs) / 1000.0, 0, 'f', 2)
                                                          : tr("warm"));
    summary += tr("Duration      %1 ms (billed %2 ms)\n").arg(double(row.durationUs) / 1000.0, 0, 'f', 2).arg(row.billedDurationMs);
    summary += tr("Memory        %1 MB used of %2 MB\n").arg(row.maxMemoryUsedMB).arg(row.memorySizeMB);
    summary += tr("Cost          %1\n").arg(qs(money(row.cost)));
    for (const std::string &line : logs) {
        if (line.rfind("REPORT ", 0) == 0)
            summary += QStringLiteral("\n") + qs(line) + QStringLiteral("\n");
    }
    m_summary->setPlainText(summary);
    QString logText;
    for (const std::string &line : logs)
        logText += qs(line) + QLatin1Char('\n');
    m_logs->setPlainText(logText);

    m_run = m_reader ? m_reader->run(row.runId) : std::nullopt;
    m_path->clear();
    m_event->setText({});
    m_result->setText({});
    if (!m_run || !stored) {
        // Not in the file yet (the run may still go on, or its records are being written): look again soon.
        if (m_reader && m_reader->hasFile() && m_detailRetries++ < kDetailRetries) {
            QTimer::singleShot(kDetailRetryMs, this, [this, requestId = row.requestId] {
                const QModelIndex current = m_table->currentIndex();
                if (current.isValid() && m_model->row(m_filter->mapToSource(current).row()).requestId == requestId)
                    showDetail(m_model->row(m_filter->mapToSource(current).row()));
            });
        }
        if (!m_run) {
            Q_EMIT runSelected(RunEntry{});
            return;
        }
    }
    int place = 0;
    for (const RunStepEntry &step : m_run->steps) {
        auto *item = new QTreeWidgetItem(m_path, {QString::number(++place), qs(step.nodeId), qs(step.kind),
                                                  qs(step.status), QString::number(double(step.durationUs) / 1000.0, 'f', 2),
                                                  qs(step.port)});
        if (step.status == "error")
            item->setForeground(3, QColor(0xc6, 0x28, 0x28));
        if (step.requestId == row.requestId) {
            // This invocation's own step: what it received and what it gave.
            m_event->setText(indented(step.input));
            m_result->setText(indented(step.output));
            m_path->setCurrentItem(item);
        }
    }
    Q_EMIT runSelected(*m_run);
}

void InvocationsPanel::replayFromStep(int step, bool editInput)
{
    if (!m_run || step < 0 || step >= int(m_run->steps.size()))
        return;
    const RunStepEntry &at = m_run->steps[size_t(step)];
    std::optional<Json> input;
    if (editInput) {
        auto recorded = parseJson(at.input);
        input = JsonEditor::askForValue(this, tr("Replay From %1").arg(qs(at.nodeId)),
                                        tr("The input %1 receives in the replay:").arg(qs(at.nodeId)),
                                        recorded ? *recorded : Json::object());
        if (!input)
            return;
    }
    Q_EMIT replayRequested(m_run->runId, at.nodeId, input);
}

} // namespace stratus::editor
