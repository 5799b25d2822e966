#include "invocationsmodel.h"

#include "editor/qstrings.h"
#include "engine/model/text.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace stratus::editor {

using namespace stratus::engine;

InvocationsModel::Row InvocationsModel::rowOf(const HistoryEntry &e)
{
    const InvocationRecord &r = e.record;
    return Row{r.requestId, e.runId, e.workflowId, e.nodeId, r.functionName, r.startedAtUs, r.coldStart,
               r.initDurationUs, r.durationUs, r.billedDurationMs, r.memorySizeMB, r.maxMemoryUsedMB,
               e.cost, r.status, r.errorType, r.errorMessage};
}

InvocationsModel::InvocationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(100);
    connect(&m_batch, &QTimer::timeout, this, &InvocationsModel::flushPending);
}

void InvocationsModel::reset(PageReader reader, WorkflowNamer namer)
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_reader = std::move(reader);
    m_namer = std::move(namer);
    m_oldestRead.clear();
    m_historyLeft = bool(m_reader);
    endResetModel();
    if (m_historyLeft)
        fetchMore({});
}

void InvocationsModel::append(const HistoryEntry &entry)
{
    m_pending.push_back(rowOf(entry));
    if (!m_batch.isActive())
        m_batch.start();
}

void InvocationsModel::flushPending()
{
    m_batch.stop();
    if (m_pending.empty())
        return;
    const int count = int(m_pending.size());
    beginInsertRows({}, 0, count - 1);
    for (Row &row : m_pending) // oldest first, each pushed over the last: newest on top
        m_rows.push_front(std::move(row));
    endInsertRows();
    m_pending.clear();
    if (m_rows.size() > kMaxRows) {
        beginRemoveRows({}, int(kMaxRows), int(m_rows.size()) - 1);
        m_rows.resize(kMaxRows);
        endRemoveRows();
        // What was dropped is still in the file: paging goes on from what is kept.
        m_oldestRead = m_rows.back().requestId;
        m_historyLeft = bool(m_reader);
    }
    Q_EMIT rowsArrived(count);
}

int InvocationsModel::rowOfRequest(const std::string &requestId) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.requestId == requestId; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int InvocationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InvocationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool InvocationsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_historyLeft;
}

void InvocationsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_historyLeft)
        return;
    std::vector<HistoryEntry> page = m_reader(m_oldestRead, kPageSize);
    m_historyLeft = int(page.size()) == kPageSize && m_rows.size() + page.size() < kMaxRows;
    if (page.empty())
        return;
    m_oldestRead = page.back().record.requestId;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.size()) - 1);
    for (const HistoryEntry &e : page)
        m_rows.push_back(rowOf(e));
    endInsertRows();
}

namespace {

QString milliseconds(int64_t us)
{
    return QString::number(double(us) / 1000.0, 'f', 2);
}

} // namespace

QVariant InvocationsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const bool failed = r.status != InvocationStatus::Ok;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(r.startedAtUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Workflow:
            return m_namer ? m_namer(r.workflowId) : qs(r.workflowId);
        case Function:
            return qs(r.function);
        case RequestId:
            return qs(r.requestId);
        case Start:
            return r.coldStart ? tr("cold") : tr("warm");
        case InitMs:
            return r.coldStart ? milliseconds(r.initDurationUs) : QString();
        case DurationMs:
            return milliseconds(r.durationUs);
        case BilledMs:
            return QString::number(r.billedDurationMs);
        case Memory:
            return QStringLiteral("%1 / %2 MB").arg(r.maxMemoryUsedMB).arg(r.memorySizeMB);
        case Cost:
            return qs(money(r.cost));
        case Status:
            return qs(statusName(r.status));
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Time: return qlonglong(r.startedAtUs);
        case InitMs: return qlonglong(r.coldStart ? r.initDurationUs : -1);
        case DurationMs: return qlonglong(r.durationUs);
        case BilledMs: return qlonglong(r.billedDurationMs);
        case Memory: return r.maxMemoryUsedMB;
        case Cost: return r.cost;
        default: return data(index, Qt::DisplayRole);
        }
    case StatusRole:
        return qs(statusName(r.status));
    case ColdRole:
        return r.coldStart;
    case Qt::ToolTipRole:
        if (failed)
            return qs(r.errorType + (r.errorMessage.empty() ? std::string() : ": " + r.errorMessage));
        return {};
    case Qt::ForegroundRole:
        if (failed && index.column() == Status)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= InitMs && index.column() <= Cost)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant InvocationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Workflow: return tr("Workflow");
    case Function: return tr("Function");
    case RequestId: return tr("Request ID");
    case Start: return tr("Start");
    case InitMs: return tr("Init (ms)");
    case DurationMs: return tr("Duration (ms)");
    case BilledMs: return tr("Billed (ms)");
    case Memory: return tr("Memory used / size");
    case Cost: return tr("Cost");
    case Status: return tr("Status");
    }
    return {};
}

// --- InvocationsFilter -------------------------------------------------------

void InvocationsFilter::setFunction(const QString &function)
{
    m_function = function;
    invalidateRowsFilter();
}

void InvocationsFilter::setStatus(const QString &status)
{
    m_status = status;
    invalidateRowsFilter();
}

void InvocationsFilter::setStart(Start start)
{
    m_start = start;
    invalidateRowsFilter();
}

bool InvocationsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const InvocationsModel *>(sourceModel());
    const InvocationsModel::Row &row = model->row(sourceRow);
    if (!m_function.isEmpty() && qs(row.function) != m_function)
        return false;
    if (m_status == QLatin1String("failed") ? row.status == InvocationStatus::Ok
                                            : !m_status.isEmpty() && qs(statusName(row.status)) != m_status)
        return false;
    if (m_start != Start::Any && row.coldStart != (m_start == Start::Cold))
        return false;
    return true;
}

} // namespace stratus::editor
