#pragma once

// Run → Load Test: many runs of a trigger's event (N of them, or a rate for a
// duration) at a concurrency, with a progress bar and Cancel, then the
// summary: runs a second, latency percentiles, failures, throttles, cold
// starts and cost per million. The engine's LoadTest does the work, as for
// `stratus load`; every run is recorded, so the panels and charts show them.

#include "engine/model/workflow.h"
#include "engine/run/loadtest.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace stratus::editor {

class RunSession;
class WorkspaceDocument;

class LoadTestDialog : public QDialog
{
    Q_OBJECT
public:
    /// `startRun` starts the workspace when the test starts and it does not run.
    LoadTestDialog(WorkspaceDocument *document, RunSession *session, std::function<engine::Status()> startRun,
                   engine::WorkflowId workflow, engine::NodeId trigger, QWidget *parent = nullptr);
    ~LoadTestDialog() override;

    QComboBox *eventChoice() const { return m_event; }
    QSpinBox *runs() const { return m_runs; }
    QSpinBox *concurrency() const { return m_concurrency; }
    QRadioButton *byRate() const { return m_byRate; }
    QDoubleSpinBox *rate() const { return m_rate; }
    QDoubleSpinBox *duration() const { return m_duration; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *summaryText() const { return m_summary; }
    /// Starts the test (starting the run if needed); false with the reason shown.
    bool startTest();
    void cancelTest();
    bool isTesting() const { return m_test && m_test->isRunning(); }
    const std::optional<engine::run::LoadSummary> &lastSummary() const { return m_last; }

Q_SIGNALS:
    void testFinished(const stratus::engine::run::LoadSummary &summary);

protected:
    void reject() override;

private:
    void showSummary(const engine::run::LoadSummary &summary);
    void setTesting(bool testing);

    WorkspaceDocument *m_document;
    RunSession *m_session;
    std::function<engine::Status()> m_startRun;
    engine::WorkflowId m_workflow;
    engine::NodeId m_trigger;
    QComboBox *m_event;
    QRadioButton *m_byCount;
    QRadioButton *m_byRate;
    QSpinBox *m_runs;
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_rate;
    QDoubleSpinBox *m_duration;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QPushButton *m_start;
    QPushButton *m_cancel;
    std::unique_ptr<engine::run::LoadTest> m_test;
    std::optional<engine::run::LoadSummary> m_last;
};

} // namespace stratus::editor
