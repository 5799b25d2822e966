#pragma once

// Run → Tune Memory: a function's event at the memory sizes the user picks,
// several runs each, plotted as duration and cost per invocation against
// memory with the cheapest, the fastest and a balanced size marked (what AWS
// Lambda Power Tuning does in the cloud). The engine's MemorySweep does the
// work, as for `stratus tune`; the chart says whether the CPU share was
// emulated or estimated. "Use N MB" sets the function's memory through the
// undo stack.

#include "engine/model/workflow.h"
#include "engine/run/memorysweep.h"

#include <QDialog>

#include <memory>
#include <optional>

class QChart;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTableWidget;

namespace stratus::editor {

class WorkspaceDocument;

class MemorySweepDialog : public QDialog
{
    Q_OBJECT
public:
    MemorySweepDialog(WorkspaceDocument *document, engine::WorkflowId workflow, engine::NodeId function,
                      QWidget *parent = nullptr);
    ~MemorySweepDialog() override;

    /// One box a size (128 … 3,008 MB), the default ones checked.
    const QList<QCheckBox *> &sizeBoxes() const { return m_sizeBoxes; }
    QLineEdit *otherSizes() const { return m_otherSizes; }
    QSpinBox *runs() const { return m_runs; }
    QComboBox *eventChoice() const { return m_event; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusText() const { return m_status; }
    QTableWidget *resultsTable() const { return m_table; }
    QChart *chart() const { return m_chart; }
    QPushButton *useButton() const { return m_use; }

    /// The sizes checked and typed, in increasing order; or what is wrong.
    engine::Result<std::vector<int>> chosenSizes() const;
    /// Starts the sweep; false with the reason shown.
    bool startSweep();
    void cancelSweep();
    bool isSweeping() const { return m_sweep && m_sweep->isRunning(); }
    const std::optional<engine::run::SweepResult> &lastResult() const { return m_last; }
    /// Sets the function's memory to the size of the selected row (the
    /// balanced one unless the user picked another), as one undoable step.
    bool useSelectedSize();

Q_SIGNALS:
    void sweepFinished(const stratus::engine::run::SweepResult &result);

protected:
    void reject() override;
    void changeEvent(QEvent *event) override;

private:
    void setSweeping(bool sweeping);
    void clearResults();
    void addPoint(const engine::run::SweepPoint &point);
    void showResult(const engine::run::SweepResult &result);
    void rescaleAxes();
    void updateUseButton();
    void applyTheme();
    int selectedMemory() const;

    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflow;
    engine::NodeId m_function;
    QList<QCheckBox *> m_sizeBoxes;
    QLineEdit *m_otherSizes;
    QSpinBox *m_runs;
    QComboBox *m_event;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_table;
    QChart *m_chart;
    QLineSeries *m_duration;
    QLineSeries *m_cost;
    QScatterSeries *m_cheapest;
    QScatterSeries *m_fastest;
    QScatterSeries *m_balanced;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_use;
    std::unique_ptr<engine::run::MemorySweep> m_sweep;
    std::optional<engine::run::SweepResult> m_last;
};

} // namespace stratus::editor
