#pragma once

// The Cost panel: what ran, priced (per invocation, per run, per function,
// per workflow, in total), and a monthly projection at a chosen traffic under
// a chosen preset, with and without free tier, beside an always-on VM. It
// shows engine::costReport, the computation `stratus cost` prints.
//
// The history is read once (off the GUI thread: a million invocations take
// seconds) and what ends afterwards is added to what was read, so that under
// load the panel prices a few numbers a second instead of reading the
// history again for every run that ends. Stopping reads the file again, which
// the live figures then match exactly.

#include "engine/run/costreport.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTreeWidget;
class QTimer;

namespace stratus::engine {
struct Workspace;
}

namespace stratus::editor {

class HistoryReader;

class CostPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CostPanel(QWidget *parent = nullptr);

    /// Prices the history `reader` reads for `design` (null: nothing to price).
    void setSource(HistoryReader *reader, std::function<const engine::Workspace *()> design);
    /// Prices again now, from the history as read and added to (the user changed a choice).
    void refresh();
    /// Reads the history again in the background, then prices it (the run stopped).
    void reread();

    /// An invocation ended: counted now, priced within a second (while the
    /// panel is hidden, only once it is shown, so that a load test does not
    /// share its CPU with a report nobody reads).
    void addInvocation(const engine::HistoryEntry &entry);
    /// A run ended: none of its invocations is still to come.
    void runEnded(const std::string &runId);

    QComboBox *presetChoice() const { return m_preset; }
    QDoubleSpinBox *requestsPerMonth() const { return m_requests; }
    QCheckBox *freeTier() const { return m_freeTier; }
    QDoubleSpinBox *vmHourly() const { return m_vm; }
    QTreeWidget *breakdown() const { return m_breakdown; }
    QLabel *totals() const { return m_totals; }
    /// The history is being read (after which the figures are exactly the file's).
    bool isReading() const { return m_reading; }
    /// The report shown, if one could be made.
    const std::optional<engine::CostReport> &report() const { return m_report; }
    engine::CostInputs inputs() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillPresets(const engine::Workspace &design);
    void show(const engine::CostReport &report);
    void showResult(engine::Result<engine::CostReport> report);
    void priceSoon();
    using Ended = std::variant<engine::HistoryEntry, std::string>; // an invocation, or the id of a run
    void add(const Ended &ended);

    QComboBox *m_preset;
    QDoubleSpinBox *m_requests;
    QCheckBox *m_freeTier;
    QDoubleSpinBox *m_vm;
    QTreeWidget *m_breakdown;
    QLabel *m_totals;
    QTimer *m_soon;
    HistoryReader *m_reader = nullptr;
    std::function<const engine::Workspace *()> m_design;
    std::optional<engine::CostReport> m_report;
    std::optional<engine::RecordedUsage> m_usage; // the history as read, and what ended since
    std::vector<Ended> m_endedWhileReading;       // added to the history being read once it arrives
    bool m_stale = false;       // runs ended while the panel was hidden
    bool m_reading = false;     // a background read is in flight
    bool m_readAgain = false;   // and another was asked for meanwhile
    quint64 m_generation = 0;   // a read for another file is dropped
};

} // namespace stratus::editor
