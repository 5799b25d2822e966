#include "loadtest.h"

#include <algorithm>
#include <cmath>

namespace stratus::engine::run {

Json LoadSummary::toJson() const
{
    return Json{{"started", started},           {"finished", finished},
                {"succeeded", succeeded},       {"failed", failed},
                {"throttled", throttled},       {"invocations", invocations},
                {"coldStarts", coldStarts},     {"invocationErrors", invocationErrors},
                {"seconds", seconds},           {"runsPerSecond", runsPerSecond},
                {"latencyMs", {{"p50", p50Ms}, {"p95", p95Ms}, {"p99", p99Ms}, {"max", maxMs}}},
                {"invocationsCost", invocationsCost}, {"costPerMillionRuns", costPerMillionRuns},
                {"cancelled", cancelled}};
}

LoadTest::LoadTest(RunningWorkspace *engine, LoadPlan plan, PricingPreset pricing, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_plan(std::move(plan))
    , m_pricing(std::move(pricing))
{
    m_pace.setInterval(5);
    connect(&m_pace, &QTimer::timeout, this, &LoadTest::startMore);
}

Status LoadTest::start()
{
    if (m_running)
        return Status::invalidArgument("the load test is already running");
    if (!m_engine || !m_engine->isRunning())
        return Status::invalidArgument("the workspace is not running");
    if (m_plan.concurrency < 1 || m_plan.concurrency > kMaxLoadConcurrency)
        return Status::invalidArgument("the concurrency must be 1 to " + std::to_string(kMaxLoadConcurrency) + ", not "
                                       + std::to_string(m_plan.concurrency));
    if (m_plan.ratePerSecond > 0) {
        if (!(m_plan.durationSeconds > 0) || m_plan.durationSeconds > 24 * 3600)
            return Status::invalidArgument("a rate needs a duration of more than 0 s and at most a day");
        if (m_plan.ratePerSecond * m_plan.durationSeconds > double(kMaxLoadRuns))
            return Status::invalidArgument("the rate for that duration is more than " + std::to_string(kMaxLoadRuns)
                                           + " runs");
    } else if (m_plan.total < 1 || m_plan.total > kMaxLoadRuns) {
        return Status::invalidArgument("the number of runs must be 1 to " + std::to_string(kMaxLoadRuns) + ", not "
                                       + std::to_string(m_plan.total));
    }
    connect(m_engine, &RunningWorkspace::invocationFinished, this, &LoadTest::onInvocation);
    m_running = true;
    m_clock.start();
    startMore();
    if (m_plan.ratePerSecond > 0)
        m_pace.start();
    return Status::ok();
}

bool LoadTest::allStarted() const
{
    if (m_cancelled)
        return true;
    if (m_plan.ratePerSecond > 0)
        return m_clock.elapsed() >= qint64(m_plan.durationSeconds * 1000);
    return m_summary.started >= m_plan.total;
}

void LoadTest::startMore()
{
    if (!m_running)
        return;
    long long due = m_plan.total;
    if (m_plan.ratePerSecond > 0) {
        const double elapsed = std::min(double(m_clock.elapsed()) / 1000.0, m_plan.durationSeconds);
        due = std::llround(std::floor(elapsed * m_plan.ratePerSecond)) + 1;
    }
    if (!m_engine)
        m_cancelled = true;
    while (!m_cancelled && m_inFlight < m_plan.concurrency && m_summary.started < due && !allStarted()) {
        const qint64 startedNs = m_clock.nsecsElapsed();
        ++m_inFlight;
        ++m_summary.started;
        const std::string runId = m_engine->startRun(
            m_plan.request, [this, startedNs](const RunOutcome &outcome) { runEnded(outcome, startedNs); });
        if (runId.empty()) { // the engine stopped under us
            --m_inFlight;
            --m_summary.started;
            m_cancelled = true;
            break;
        }
        m_runIds.insert(runId);
    }
    finishIfDone();
}

void LoadTest::runEnded(const RunOutcome &outcome, qint64 startedNs)
{
    --m_inFlight;
    ++m_summary.finished;
    m_latenciesMs.push_back(double(m_clock.nsecsElapsed() - startedNs) / 1e6);
    if (outcome.ok())
        ++m_summary.succeeded;
    else
        ++m_summary.failed;
    m_endNs = m_clock.nsecsElapsed();
    Q_EMIT progressed(progress());
    if (m_plan.ratePerSecond <= 0)
        startMore();
    else
        finishIfDone();
}

void LoadTest::onInvocation(const HistoryEntry &entry)
{
    if (!m_runIds.count(entry.runId))
        return;
    ++m_summary.invocations;
    m_summary.coldStarts += entry.record.coldStart;
    m_summary.invocationsCost += entry.cost;
    switch (entry.record.status) {
    case InvocationStatus::Ok:
        break;
    case InvocationStatus::Throttled:
        ++m_summary.throttled;
        break;
    default:
        ++m_summary.invocationErrors;
    }
}

void LoadTest::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_pace.stop();
    if (!m_engine)
        m_inFlight = 0; // its runs ended with it (their reports went with it)
    finishIfDone();
}

double LoadTest::progress() const
{
    if (m_plan.ratePerSecond > 0)
        return std::min(1.0, double(m_clock.elapsed()) / 1000.0 / m_plan.durationSeconds);
    return m_plan.total > 0 ? double(m_summary.finished) / double(m_plan.total) : 1;
}

LoadSummary LoadTest::summary() const
{
    LoadSummary s = m_summary;
    s.cancelled = m_cancelled;
    s.seconds = double(m_endNs) / 1e9;
    s.runsPerSecond = s.seconds > 0 ? double(s.finished) / s.seconds : 0;
    std::vector<double> sorted = m_latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
        return sorted.empty() ? 0.0 : sorted[size_t(std::ceil(q * double(sorted.size())) - 1)];
    };
    s.p50Ms = at(0.50);
    s.p95Ms = at(0.95);
    s.p99Ms = at(0.99);
    s.maxMs = sorted.empty() ? 0 : sorted.back();
    if (s.finished > 0) {
        const double gateway = m_plan.throughGateway ? m_pricing.gatewayPricePerMillion / 1e6 : 0;
        s.costPerMillionRuns = (s.invocationsCost / double(s.finished) + gateway) * 1e6;
    }
    return s;
}

void LoadTest::finishIfDone()
{
    if (!m_running || !allStarted() || m_inFlight > 0)
        return;
    m_running = false;
    m_pace.stop();
    if (m_engine)
        disconnect(m_engine, &RunningWorkspace::invocationFinished, this, &LoadTest::onInvocation);
    // Reports of the last runs' invocations may still be queued: let them in first.
    QMetaObject::invokeMethod(this, [this] { Q_EMIT finished(summary()); }, Qt::QueuedConnection);
}

} // namespace stratus::engine::run
