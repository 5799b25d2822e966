#pragma once

// The invocations panel's table: every invocation of the workspace, newest
// first. Live ones arrive in batches (one insert per ~100 ms however many
// ended); past ones are read from the workspace file a page at a time as the
// view scrolls (canFetchMore/fetchMore), so a history of a million opens at
// once. Rows keep the REPORT figures, not the logs: those are read on demand.

#include "engine/model/invocationrecord.h"
#include "engine/store/runhistory.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace stratus::editor {

class InvocationsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time, Workflow, Function, RequestId, Start, InitMs, DurationMs, BilledMs, Memory, Cost, Status,
        ColumnCount
    };
    /// Sorting by these roles compares numbers, not the text shown.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int StatusRole = Qt::UserRole + 2;
    static constexpr int ColdRole = Qt::UserRole + 3;
    /// How many past invocations a page read from the file holds.
    static constexpr int kPageSize = 500;
    /// Rows kept in memory; past this the oldest are dropped (they stay in the file).
    static constexpr size_t kMaxRows = 200'000;

    struct Row
    {
        std::string requestId;
        std::string runId;
        std::string workflowId;
        std::string nodeId;
        std::string function;
        int64_t startedAtUs = 0;
        bool coldStart = false;
        int64_t initDurationUs = 0;
        int64_t durationUs = 0;
        int64_t billedDurationMs = 0;
        int memorySizeMB = 0;
        int maxMemoryUsedMB = 0;
        double cost = 0;
        engine::InvocationStatus status = engine::InvocationStatus::Ok;
        std::string errorType;
        std::string errorMessage;
    };
    static Row rowOf(const engine::HistoryEntry &entry);

    /// Reads a page of past invocations recorded before `before` (a request
    /// id; empty: the newest). Returns them newest first.
    using PageReader = std::function<std::vector<engine::HistoryEntry>(const std::string &before, int limit)>;
    /// Workflow id to the name shown.
    using WorkflowNamer = std::function<QString(const std::string &workflowId)>;

    explicit InvocationsModel(QObject *parent = nullptr);

    /// Starts over with the history `reader` reads (none: an empty table).
    void reset(PageReader reader, WorkflowNamer namer);
    /// Queues a live invocation; it is shown with the next batch.
    void append(const engine::HistoryEntry &entry);
    /// Shows what append() queued now (the timer does it otherwise).
    void flushPending();

    const Row &row(int index) const { return m_rows[size_t(index)]; }
    int rowOfRequest(const std::string &requestId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// A batch of live rows went in at the top.
    void rowsArrived(int count);

private:
    std::deque<Row> m_rows; // newest first
    std::vector<Row> m_pending;
    PageReader m_reader;
    WorkflowNamer m_namer;
    bool m_historyLeft = false; // the file may hold older rows than m_rows' last
    std::string m_oldestRead;   // the request id paging continues before
    QTimer m_batch;
};

/// Filters by function, status and cold start.
class InvocationsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    enum class Start { Any, Cold, Warm };
    void setFunction(const QString &function); ///< empty: any
    void setStatus(const QString &status);     ///< a statusName(); empty: any; "failed": anything but ok
    void setStart(Start start);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_function;
    QString m_status;
    Start m_start = Start::Any;
};

} // namespace stratus::editor
