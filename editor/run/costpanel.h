#pragma once

// The Cost panel: what ran, priced (per invocation, per run, per function,
// per workflow, in total), and a monthly projection at a chosen traffic under
// a chosen preset, with and without free tier, beside an always-on VM. It
// shows engine::costReport, the computation `stratus cost` prints.

#include "engine/run/costreport.h"

#include <QWidget>

#include <functional>
#include <optional>

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
    /// Prices again now (the user changed a choice, the run stopped).
    void refresh();
    /// Prices again within a second, off the GUI thread (runs ending under
    /// load: reading the history takes longer the longer it is); while the
    /// panel is hidden, only once it is shown again, so that a load test
    /// does not share its CPU with a report nobody reads.
    void refreshSoon();

    QComboBox *presetChoice() const { return m_preset; }
    QDoubleSpinBox *requestsPerMonth() const { return m_requests; }
    QCheckBox *freeTier() const { return m_freeTier; }
    QDoubleSpinBox *vmHourly() const { return m_vm; }
    QTreeWidget *breakdown() const { return m_breakdown; }
    QLabel *totals() const { return m_totals; }
    /// The report shown, if one could be made.
    const std::optional<engine::CostReport> &report() const { return m_report; }
    engine::CostInputs inputs() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillPresets(const engine::Workspace &design);
    void show(const engine::CostReport &report);
    void showResult(engine::Result<engine::CostReport> report);
    void refreshInBackground();

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
    bool m_stale = false;       // runs ended while the panel was hidden
    bool m_pricing = false;     // a background pricing is in flight
    bool m_priceAgain = false;  // and another was asked for meanwhile
    quint64 m_generation = 0;   // a background result older than a synchronous one is dropped
};

} // namespace stratus::editor
