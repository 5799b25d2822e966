#pragma once

// The Invocations panel: the live table of invocations (filterable,
// sortable, following the newest unless paused) and the selected one's
// detail: REPORT figures, event, result or error, untruncated logs, and its
// run's path, from which a run can be replayed.

#include "invocationsmodel.h"

#include "engine/model/json.h"
#include "engine/run/executor.h"

#include <QWidget>

#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace stratus::editor {

class HistoryReader;
class JsonEditor;

class InvocationsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InvocationsPanel(QWidget *parent = nullptr);

    /// Shows the history `reader` reads (null: none), under these workflow names.
    /// Live rows come from addInvocation(); every detail is read from the file.
    void setHistory(HistoryReader *reader, InvocationsModel::WorkflowNamer namer);
    /// The functions offered by the filter.
    void setFunctionNames(const QStringList &names);
    void addInvocation(const engine::HistoryEntry &entry);

    InvocationsModel *model() const { return m_model; }
    InvocationsFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QCheckBox *followNewest() const { return m_follow; }
    QComboBox *functionFilter() const { return m_function; }
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *startFilter() const { return m_start; }
    /// Selects the invocation's row (false: not shown).
    bool selectRequest(const std::string &requestId);
    /// The detail of the selection.
    QPlainTextEdit *summaryText() const { return m_summary; }
    JsonEditor *eventView() const { return m_event; }
    JsonEditor *resultView() const { return m_result; }
    QPlainTextEdit *logsText() const { return m_logs; }
    QTreeWidget *pathTree() const { return m_path; }
    /// The run shown in the detail, if any.
    const std::optional<engine::RunEntry> &selectedRun() const { return m_run; }
    /// Asks for a replay of the shown run from the path's `step` (its node),
    /// with the recorded input, or (with `editInput`) after asking for one.
    void replayFromStep(int step, bool editInput);

Q_SIGNALS:
    /// The selection's run (its path drawn over the canvas); an empty entry: none.
    void runSelected(const engine::RunEntry &run);
    void replayRequested(const std::string &runId, const std::string &nodeId, std::optional<engine::Json> input);

private:
    void showSelected();
    void showDetail(const InvocationsModel::Row &row);

    InvocationsModel *m_model;
    InvocationsFilter *m_filter;
    QTableView *m_table;
    QCheckBox *m_follow;
    QComboBox *m_function;
    QComboBox *m_status;
    QComboBox *m_start;
    QLabel *m_count;
    QTabWidget *m_detail;
    QPlainTextEdit *m_summary;
    JsonEditor *m_event;
    JsonEditor *m_result;
    QPlainTextEdit *m_logs;
    QTreeWidget *m_path;
    HistoryReader *m_reader = nullptr;
    std::optional<engine::RunEntry> m_run;
    // The detail is read from the file, which has a just-ended invocation a
    // few milliseconds later (the recorder gathers its writes): until then it
    // is looked for again, kDetailRetries times every kDetailRetryMs.
    static constexpr int kDetailRetries = 40;
    static constexpr int kDetailRetryMs = 50;
    int m_detailRetries = 0;
};

} // namespace stratus::editor
