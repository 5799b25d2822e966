#include "loadtestdialog.h"

#include "runsession.h"

#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"
#include "engine/meter/pricing.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;
using namespace stratus::engine::run;

LoadTestDialog::LoadTestDialog(WorkspaceDocument *document, RunSession *session, std::function<Status()> startRun,
                               WorkflowId workflow, NodeId trigger, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_session(session)
    , m_startRun(std::move(startRun))
    , m_workflow(std::move(workflow))
    , m_trigger(std::move(trigger))
    , m_event(new QComboBox(this))
    , m_byCount(new QRadioButton(tr("Runs"), this))
    , m_byRate(new QRadioButton(tr("Runs a second"), this))
    , m_runs(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_duration(new QDoubleSpinBox(this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_cancel(new QPushButton(tr("Cancel Test"), this))
{
    const Workflow *w = document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_trigger) : nullptr;
    setWindowTitle(tr("Load Test — %1").arg(n ? qs(n->name) : qs(m_trigger.str())));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_event->addItem(tr("The trigger's own event"));
    for (const TestEvent &e : document->testEventsOf(m_workflow, m_trigger))
        m_event->addItem(tr("Saved: %1").arg(qs(e.name)), qs(e.name));
    form->addRow(tr("Event"), m_event);
    m_runs->setRange(1, int(std::min<long long>(kMaxLoadRuns, INT_MAX)));
    m_runs->setValue(200);
    m_rate->setRange(0.1, 100'000);
    m_rate->setValue(50);
    m_duration->setRange(0.1, 24 * 3600);
    m_duration->setValue(10);
    m_duration->setSuffix(tr(" s"));
    m_concurrency->setRange(1, kMaxLoadConcurrency);
    m_concurrency->setValue(8);
    m_byCount->setChecked(true);
    auto *count = new QHBoxLayout;
    count->addWidget(m_byCount);
    count->addWidget(m_runs, 1);
    form->addRow(count);
    auto *rate = new QHBoxLayout;
    rate->addWidget(m_byRate);
    rate->addWidget(m_rate, 1);
    rate->addWidget(new QLabel(tr("for"), this));
    rate->addWidget(m_duration, 1);
    form->addRow(rate);
    form->addRow(tr("At most in flight"), m_concurrency);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumHeight(90);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_summary, 1);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &LoadTestDialog::startTest);
    connect(m_cancel, &QPushButton::clicked, this, &LoadTestDialog::cancelTest);
    const auto modeChanged = [this] {
        m_runs->setEnabled(m_byCount->isChecked());
        m_rate->setEnabled(m_byRate->isChecked());
        m_duration->setEnabled(m_byRate->isChecked());
    };
    connect(m_byCount, &QRadioButton::toggled, this, modeChanged);
    modeChanged();
    // Stopping the workspace ends the test (its runs end aborted).
    connect(session, &RunSession::stopped, this, &LoadTestDialog::cancelTest);
    setTesting(false);
    resize(520, 360);
}

LoadTestDialog::~LoadTestDialog() = default;

void LoadTestDialog::setTesting(bool testing)
{
    m_start->setEnabled(!testing);
    m_cancel->setEnabled(testing);
    for (QWidget *w : std::initializer_list<QWidget *>{m_event, m_byCount, m_byRate, m_concurrency})
        w->setEnabled(!testing);
    m_runs->setEnabled(!testing && m_byCount->isChecked());
    m_rate->setEnabled(!testing && m_byRate->isChecked());
    m_duration->setEnabled(!testing && m_byRate->isChecked());
}

bool LoadTestDialog::startTest()
{
    if (isTesting())
        return false;
    auto fail = [this](const std::string &why) {
        m_summary->setText(tr("Not started: %1").arg(qs(why)));
        return false;
    };
    if (!m_session->isRunning()) {
        if (Status s = m_startRun(); !s)
            return fail(s.message());
    }
    Result<Json> event = Json::object();
    if (const QString saved = m_event->currentData().toString(); !saved.isEmpty()) {
        event = Status::notFound("the saved event " + quote(saved.toStdString()) + " is gone");
        for (const TestEvent &e : m_document->testEventsOf(m_workflow, m_trigger))
            if (qs(e.name) == saved)
                event = e.event;
    } else {
        event = m_session->defaultEvent(m_workflow, m_trigger);
    }
    if (!event)
        return fail(event.status().message());
    auto request = m_session->request(m_workflow, m_trigger, *event);
    if (!request)
        return fail(request.status().message());
    LoadPlan plan;
    plan.request = request.take();
    plan.throughGateway = plan.request.trigger == "http";
    plan.concurrency = m_concurrency->value();
    if (m_byRate->isChecked()) {
        plan.ratePerSecond = m_rate->value();
        plan.durationSeconds = m_duration->value();
    } else {
        plan.total = m_runs->value();
    }
    auto pricing = workspacePricing(m_document->workspace().settings);
    m_test = std::make_unique<LoadTest>(m_session->engine(), std::move(plan),
                                        pricing ? pricing.take() : builtinPricingPresets().front());
    connect(m_test.get(), &LoadTest::progressed, this, [this](double fraction) {
        m_progress->setValue(int(fraction * 1000));
        const LoadSummary s = m_test->summary();
        m_summary->setText(tr("%1 runs ended, %2 failed…").arg(s.finished).arg(s.failed));
    });
    connect(m_test.get(), &LoadTest::finished, this, [this](const LoadSummary &summary) {
        setTesting(false);
        m_progress->setValue(m_progress->maximum());
        showSummary(summary);
        m_last = summary;
        Q_EMIT testFinished(summary);
    });
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    if (Status s = m_test->start(); !s) {
        m_test.reset();
        return fail(s.message());
    }
    setTesting(true);
    m_summary->setText(tr("Running…"));
    return true;
}

void LoadTestDialog::cancelTest()
{
    if (m_test)
        m_test->cancel();
}

void LoadTestDialog::reject()
{
    cancelTest(); // closing the dialog stops starting runs; those in flight end on their own
    QDialog::reject();
}

void LoadTestDialog::showSummary(const LoadSummary &s)
{
    m_summary->setText(
        tr("<b>%1 runs in %2 s: %3 runs/s</b>%4<br>"
           "Latency (start to end of a run): p50 %5 ms, p95 %6 ms, p99 %7 ms, max %8 ms<br>"
           "%9 succeeded, %10 failed; %11 invocations: %12 cold starts, %13 throttled, %14 errors<br>"
           "Cost: %15 for these runs, <b>%16 per million runs</b>")
            .arg(s.finished)
            .arg(s.seconds, 0, 'f', 2)
            .arg(s.runsPerSecond, 0, 'f', 1)
            .arg(s.cancelled ? tr(" (cancelled)") : QString())
            .arg(s.p50Ms, 0, 'f', 2)
            .arg(s.p95Ms, 0, 'f', 2)
            .arg(s.p99Ms, 0, 'f', 2)
            .arg(s.maxMs, 0, 'f', 2)
            .arg(s.succeeded)
            .arg(s.failed)
            .arg(s.invocations)
            .arg(s.coldStarts)
            .arg(s.throttled)
            .arg(s.invocationErrors)
            .arg(qs(money(s.invocationsCost)), qs(money(s.costPerMillionRuns))));
}

} // namespace stratus::editor
