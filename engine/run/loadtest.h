#pragma once

// A load test: many runs of one trigger's event on a running workspace, N of
// them (or a rate for a duration) with at most C in flight, as the studio's
// Load Test and `stratus load` start it. It drives RunningWorkspace from the
// caller's thread and measures each run from start to end (what a caller of
// the trigger waits), and the invocations the runs made: cold starts,
// throttles, errors, cost.

#include "runningworkspace.h"

#include "engine/meter/pricing.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <set>
#include <string>
#include <vector>

namespace stratus::engine::run {

struct LoadPlan
{
    RunRequest request;      ///< the run each event starts (a trigger and its event)
    long long total = 100;   ///< runs to start (when ratePerSecond is 0)
    int concurrency = 4;     ///< runs in flight at most
    double ratePerSecond = 0; ///< > 0: start this many a second for durationSeconds instead
    double durationSeconds = 0;
    bool throughGateway = false; ///< an HTTP trigger: each run is also a gateway request (priced so)
};

/// Bounds a plan may ask for.
inline constexpr long long kMaxLoadRuns = 10'000'000;
inline constexpr int kMaxLoadConcurrency = 1000;

struct LoadSummary
{
    long long started = 0;
    long long finished = 0;
    long long succeeded = 0;
    long long failed = 0;     ///< runs that failed (throttled ones included)
    long long throttled = 0;  ///< invocations refused for concurrency
    long long invocations = 0;
    long long coldStarts = 0;
    long long invocationErrors = 0; ///< error, timeout, crash
    double seconds = 0;
    double runsPerSecond = 0;
    double p50Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0;
    double invocationsCost = 0;
    double costPerMillionRuns = 0; ///< invocations, plus the gateway per run through HTTP
    bool cancelled = false;
    Json toJson() const;
};

class LoadTest : public QObject
{
    Q_OBJECT
public:
    /// `engine` must run (and outlive the test); `pricing` prices the gateway per run.
    LoadTest(RunningWorkspace *engine, LoadPlan plan, PricingPreset pricing, QObject *parent = nullptr);

    /// Checks the plan, then starts; `finished` comes when the last run has ended.
    Status start();
    /// Starts no more runs; `finished` comes once those in flight ended (marked cancelled).
    void cancel();
    bool isRunning() const { return m_running; }
    /// What was measured so far.
    LoadSummary summary() const;
    /// How far along: 0 … 1.
    double progress() const;
    const LoadPlan &plan() const { return m_plan; }

Q_SIGNALS:
    void progressed(double fraction);
    void finished(const stratus::engine::run::LoadSummary &summary);

private:
    void startMore();
    void runEnded(const RunOutcome &outcome, qint64 startedNs);
    void onInvocation(const HistoryEntry &entry);
    bool allStarted() const;
    void finishIfDone();

    QPointer<RunningWorkspace> m_engine; // may stop and go first: then nothing more starts
    LoadPlan m_plan;
    PricingPreset m_pricing;
    QElapsedTimer m_clock;
    QTimer m_pace; // rate mode: starts what is due
    int m_inFlight = 0;
    bool m_running = false;
    bool m_cancelled = false;
    std::set<std::string> m_runIds; // this test's runs, so that other traffic is not counted
    std::vector<double> m_latenciesMs;
    LoadSummary m_summary;
    qint64 m_endNs = 0;
};

} // namespace stratus::engine::run
