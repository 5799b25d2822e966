#pragma once

// A workspace's cost, as `stratus cost` prints it and the studio's cost
// panel shows it: per function at a chosen traffic, the monthly bill with and
// without free tier, an always-on VM's break-even, and the recorded runs
// priced per workflow. One computation for both, so they never disagree.

#include "engine/meter/cost.h"
#include "engine/meter/pricing.h"
#include "engine/model/json.h"
#include "engine/model/status.h"
#include "engine/store/runhistory.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stratus::engine {

class WorkspaceStore;
struct Workspace;

/// What pricing needs of the run history: each function's averages over its
/// successful invocations, and the runs of each workflow. Read once from the
/// file, then kept current by adding what ends (the studio's Cost panel), so
/// that a long history is not read again for every run that ends.
class RecordedUsage
{
public:
    /// Reads the whole history (a scan of the invocations: seconds for a million).
    static Result<RecordedUsage> read(sql::Database &db);

    /// Counts an invocation that ended after the history was read, as
    /// recording it would change what read() gives.
    void addInvocation(const HistoryEntry &entry);
    /// Its run ended: no invocation of it follows (forgets what addInvocation kept of it).
    void runEnded(const std::string &runId);

    const std::map<std::string, FunctionAverages> &functions() const { return m_functions; }
    /// Sorted by workflow id, as runsByWorkflow gives them.
    const std::vector<WorkflowRuns> &workflows() const { return m_workflows; }

private:
    WorkflowRuns &workflow(const std::string &id);

    std::map<std::string, FunctionAverages> m_functions;
    std::vector<WorkflowRuns> m_workflows;
    std::map<std::string, long long> m_invocationsOfOpenRuns; // run id → invocations so far
};

/// What the user chose.
struct CostInputs
{
    double requestsPerMonth = 0;         ///< per function
    std::vector<double> requestsPerHour; ///< a daily curve (24 numbers) instead, when not empty
    double assumedDurationMs = 100;      ///< for functions with no recorded invocation
    double vmHourly = 0.0416;
    std::optional<std::string> preset;   ///< a preset id; none: the workspace's own
};

/// Bounds on what a user may ask, shared by the CLI's checks and the studio's controls.
inline constexpr long long kMaxRequestsPerMonth = 1'000'000'000'000LL; // ~380,000 requests/s
inline constexpr double kMaxAssumedDurationMs = 900'000;               // Lambda's 15-minute limit
inline constexpr double kMaxVmHourly = 1'000;

struct FunctionCost
{
    std::string workflowId;
    std::string function;
    int memoryMB = 0;
    double averageDurationMs = 0;
    bool durationFromHistory = false;
    long long recordedInvocations = 0;
    double gbSeconds = 0;
    double costWithoutFreeTier = 0;
};

struct RecordedWorkflowCost
{
    std::string workflowId; ///< empty: functions run on their own
    long long runs = 0;
    long long invocations = 0;
    double invocationsCost = 0;
    double gatewayCost = 0;
    double stateTransitionCost = 0;
    double total = 0;
    double averagePerRun = 0;
};

struct CostReport
{
    PricingPreset preset;
    double requestsPerMonth = 0;
    std::vector<double> requestsPerHour;
    std::vector<FunctionCost> functions;
    std::vector<RecordedWorkflowCost> recordedRuns;
    MonthlyCost withFreeTier;
    MonthlyCost withoutFreeTier;
    double vmHourly = 0;
    std::optional<double> breakEvenRequestsPerMonth;

    const MonthlyCost &projected(bool freeTier) const { return freeTier ? withFreeTier : withoutFreeTier; }
    /// What was recorded, all workflows together.
    double recordedTotal() const;
    /// The form of `stratus cost --json`.
    Json toJson(const std::string &file) const;
};

/// Prices `workspace` (whose history `store` holds). Fails when the chosen
/// preset does not exist (NotFound) or the workspace's pricing settings are wrong.
Result<CostReport> costReport(WorkspaceStore &store, const Workspace &workspace, const CostInputs &inputs);
/// The same, from a history already read (no file access: cheap enough for every change of a choice).
Result<CostReport> costReport(const RecordedUsage &usage, const Workspace &workspace, const CostInputs &inputs);

} // namespace stratus::engine
