#pragma once

// A memory sweep, as AWS Lambda Power Tuning runs one in the cloud: one
// function's event at several memory sizes, several times each, measuring
// duration and cost per invocation, and the cheapest, the fastest and a
// balanced size. Each size runs in fresh instances given Lambda's CPU share
// for that memory (cpushare.h): a CPU cgroup when the machine allows it,
// else a duration estimated from the CPU time measured. One warm-up
// invocation per size (the cold start) is not counted, as Power Tuning
// measures warm invocations. `stratus tune` and the studio's Tune Memory
// drive it; its invocations are experiments and are not recorded in the
// workspace's history.

#include "engine/meter/pricing.h"
#include "engine/model/json.h"
#include "engine/runtime/functionruntime.h"

#include <QObject>

#include <memory>
#include <string>
#include <vector>

namespace stratus::engine::run {

struct SweepPlan
{
    FunctionConfig function; ///< its memoryMB is replaced by each size in turn
    std::string event = "{}"; ///< JSON text
    std::vector<int> memorySizesMB = {128, 256, 512, 1024, 1769, 3008};
    int runsPerSize = 5;
    PricingPreset pricing;
    /// 0: the balanced choice is the fastest; 1: the cheapest (Power Tuning's balancedWeight).
    double balanceWeight = 0.5;
};

inline constexpr int kMaxSweepRunsPerSize = 100;
inline constexpr int kMaxSweepSizes = 40;

/// What is wrong with a plan (sizes outside Lambda's 128 … 10,240 MB, runs
/// outside 1 … 100, an event that is not JSON), or ok.
Status sweepPlanProblem(const SweepPlan &plan);

/// The default sizes, or those of "128,256,1024" (MB).
Result<std::vector<int>> parseMemorySizes(const std::string &text);

struct SweepPoint
{
    int memoryMB = 0;
    double vcpus = 0;
    int runs = 0;
    int failures = 0;
    std::string firstError; ///< "Runtime.OutOfMemory: …" of the first failed run
    double p50Ms = 0, meanMs = 0, minMs = 0, maxMs = 0; ///< duration (emulated for the share)
    double meanCpuMs = -1; ///< CPU time the handler used; -1 when the runtime does not say
    double meanBilledMs = 0;
    int maxMemoryUsedMB = 0;
    double costPerInvocation = 0; ///< the mean of the runs' prices
    bool warmUpFailed = false;    ///< the one run is the warm-up, which failed: nothing was measured
    /// Every run succeeded: only such sizes are chosen.
    bool usable() const { return runs > 0 && failures == 0; }
    Json toJson() const;
};

struct SweepChoices
{
    int cheapest = -1; ///< indexes into the points; -1 when no size is usable
    int fastest = -1;
    int balanced = -1;
};

/// The choices over `points`: cheapest (ties to the faster), fastest by p50
/// (ties to the cheaper), balanced minimising weight·cost + (1−weight)·time,
/// each normalised between the sizes' extremes (as Power Tuning does).
SweepChoices chooseMemory(const std::vector<SweepPoint> &points, double balanceWeight);

/// Why a size has failures, as the CLI and the studio say it: "the warm-up
/// failed: …" or "2 of 5 failed: …".
std::string sweepFailureText(const SweepPoint &point);

struct SweepResult
{
    std::string function;
    std::vector<SweepPoint> points; ///< in the plan's order of sizes
    SweepChoices choices;
    CpuShareMethod method = CpuShareMethod::Estimate;
    std::string methodText; ///< "CPU share emulated with cgroup v1 cpu.cfs_quota_us", or the estimate's reason
    int runsPerSize = 0;
    bool cancelled = false;
    Json toJson() const;
};

class MemorySweep : public QObject
{
    Q_OBJECT
public:
    /// The sweep runs its own instances (a runtime of its own), on the thread
    /// it lives on; `options` are that runtime's (cache root, warnings).
    explicit MemorySweep(SweepPlan plan, FunctionRuntime::Options options = {}, QObject *parent = nullptr);
    ~MemorySweep() override;

    /// Checks the plan and starts; `finished` comes once every size ran.
    Status start();
    /// Ends the invocation in flight and runs no more; `finished` comes (cancelled).
    void cancel();
    bool isRunning() const { return m_running; }
    /// 0 … 1, warm-ups included.
    double progress() const;
    const SweepResult &result() const { return m_result; }

Q_SIGNALS:
    void progressed(double fraction);
    /// A size's figures, as soon as its runs ended.
    void pointMeasured(const stratus::engine::run::SweepPoint &point);
    void finished(const stratus::engine::run::SweepResult &result);

private:
    void startSize();
    void invokeNext();
    void invocationEnded(InvocationResult result);
    void finishSize();
    void finish();

    SweepPlan m_plan;
    FunctionRuntime::Options m_options;
    std::unique_ptr<FunctionRuntime> m_runtime;
    SweepResult m_result;
    size_t m_size = 0;   // index into m_plan.memorySizesMB
    int m_run = -1;      // -1: the warm-up
    long long m_done = 0; // invocations ended, warm-ups included
    std::vector<InvocationResult> m_runs; // of the size being measured
    bool m_warmUpFailed = false;           // of the size being measured
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace stratus::engine::run
