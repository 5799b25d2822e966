#include "costreport.h"

#include "engine/model/nodekind.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <algorithm>

namespace stratus::engine {

double CostReport::recordedTotal() const
{
    double total = 0;
    for (const RecordedWorkflowCost &w : recordedRuns)
        total += w.total;
    return total;
}

Json CostReport::toJson(const std::string &file) const
{
    Json functionsJson = Json::array();
    for (const FunctionCost &f : functions) {
        functionsJson.push_back({{"workflow", f.workflowId}, {"function", f.function},
                                 {"memoryMB", f.memoryMB}, {"averageDurationMs", f.averageDurationMs},
                                 {"durationFrom", f.durationFromHistory ? "history" : "assumed"},
                                 {"recordedInvocations", f.recordedInvocations},
                                 {"gbSeconds", f.gbSeconds}, {"costWithoutFreeTier", f.costWithoutFreeTier}});
    }
    Json runs = Json::array();
    for (const RecordedWorkflowCost &w : recordedRuns) {
        runs.push_back({{"workflow", w.workflowId}, {"runs", w.runs}, {"invocations", w.invocations},
                        {"invocationsCost", w.invocationsCost}, {"gatewayCost", w.gatewayCost},
                        {"stateTransitionCost", w.stateTransitionCost},
                        {"total", w.total}, {"averagePerRun", w.averagePerRun}});
    }
    Json report = {{"file", file}, {"preset", preset.id}, {"presetName", preset.name},
                   {"pricesReadOn", preset.readOn}, {"source", preset.source},
                   {"requestsPerMonth", requestsPerMonth}, {"functions", functionsJson},
                   {"recordedRuns", runs},
                   {"monthly", {{"withFreeTier", withFreeTier.total()},
                                {"withoutFreeTier", withoutFreeTier.total()},
                                {"requests", withFreeTier.requestCost},
                                {"compute", withFreeTier.computeCost},
                                {"gateway", withFreeTier.gatewayCost}}},
                   {"vm", {{"hourly", vmHourly}, {"monthly", vmHourly * kHoursPerMonth},
                           {"breakEvenRequestsPerMonth",
                            breakEvenRequestsPerMonth ? Json(*breakEvenRequestsPerMonth) : Json()}}}};
    if (!requestsPerHour.empty()) {
        report["requestsPerHour"] = requestsPerHour;
        report["peakRequestsPerSecond"] = *std::max_element(requestsPerHour.begin(), requestsPerHour.end()) / 3600;
    }
    return report;
}

Result<RecordedUsage> RecordedUsage::read(sql::Database &db)
{
    auto averages = functionAverages(db);
    if (!averages)
        return averages.status();
    auto runs = runsByWorkflow(db);
    if (!runs)
        return runs.status();
    RecordedUsage usage;
    usage.m_functions = averages.take();
    usage.m_workflows = runs.take();
    return usage;
}

WorkflowRuns &RecordedUsage::workflow(const std::string &id)
{
    auto it = std::lower_bound(m_workflows.begin(), m_workflows.end(), id,
                               [](const WorkflowRuns &w, const std::string &key) { return w.workflowId < key; });
    if (it == m_workflows.end() || it->workflowId != id)
        it = m_workflows.insert(it, WorkflowRuns{id});
    return *it;
}

void RecordedUsage::addInvocation(const HistoryEntry &entry)
{
    const InvocationRecord &r = entry.record;
    if (r.status == InvocationStatus::Ok) {
        // Running means, as AVG over the rows would give them.
        FunctionAverages &f = m_functions[r.functionName];
        const double n = double(++f.invocations);
        f.durationMs += (double(r.durationUs) / 1000.0 - f.durationMs) / n;
        f.maxMemoryUsedMB += (double(r.maxMemoryUsedMB) - f.maxMemoryUsedMB) / n;
    }
    // As runsByWorkflow counts them: a run is counted with its first
    // invocation, and all of a run's invocations are chained once it has two.
    WorkflowRuns &w = workflow(entry.workflowId);
    ++w.invocations;
    w.invocationsCost += entry.cost;
    const long long ofRun = entry.runId.empty() ? 1 : ++m_invocationsOfOpenRuns[entry.runId];
    if (ofRun == 1) {
        ++w.runs;
        w.httpRuns += r.trigger.starts_with("http");
    }
    w.chainedInvocations += ofRun == 2 ? 2 : ofRun > 2 ? 1 : 0;
}

void RecordedUsage::runEnded(const std::string &runId)
{
    m_invocationsOfOpenRuns.erase(runId);
}

Result<CostReport> costReport(WorkspaceStore &store, const Workspace &workspace, const CostInputs &inputs)
{
    auto usage = RecordedUsage::read(store.database());
    if (!usage)
        return usage.status();
    return costReport(*usage, workspace, inputs);
}

Result<CostReport> costReport(const RecordedUsage &usage, const Workspace &workspace, const CostInputs &inputs)
{
    const auto *averages = &usage.functions();
    const auto *recordedRuns = &usage.workflows();
    auto pricing = inputs.preset ? workspacePreset(workspace.settings, *inputs.preset)
                                 : workspacePricing(workspace.settings);
    if (!pricing)
        return pricing.status();

    CostReport report;
    report.preset = pricing.take();
    report.requestsPerHour = inputs.requestsPerHour;
    report.requestsPerMonth = inputs.requestsPerHour.empty() ? inputs.requestsPerMonth
                                                             : requestsPerMonthFromHourly(inputs.requestsPerHour);
    report.vmHourly = inputs.vmHourly;
    const PricingPreset &preset = report.preset;

    std::vector<Workload> workloads;
    bool hasHttp = false;
    const auto &registry = NodeKindRegistry::instance();
    for (const Workflow &w : workspace.workflows) {
        for (const Node &n : w.nodes()) {
            hasHttp = hasHttp || n.kind == kinds::kHttpTrigger;
            if (n.kind != kinds::kFunction)
                continue;
            const Json config = registry.effectiveConfig(n);
            Workload load;
            load.requestsPerMonth = report.requestsPerMonth;
            load.memoryMB = config.value("memoryMB", 128);
            load.averageDurationMs = inputs.assumedDurationMs;
            load.gatewayShare = 0;
            FunctionCost cost{w.id().str(), n.name, load.memoryMB};
            if (auto it = averages->find(n.name); it != averages->end()) {
                cost.recordedInvocations = it->second.invocations;
                cost.durationFromHistory = it->second.invocations > 0;
                load.averageDurationMs = it->second.durationMs;
                load.usedMemoryMB = int(it->second.maxMemoryUsedMB + 0.5);
            }
            cost.averageDurationMs = load.averageDurationMs;
            const MonthlyCost alone = projectMonthly(preset, load, false);
            cost.gbSeconds = alone.gbSeconds;
            cost.costWithoutFreeTier = alone.total();
            report.functions.push_back(std::move(cost));
            workloads.push_back(load);
        }
    }
    // The HTTP gateway is priced per request once, for routes that exist.
    if (hasHttp && !workloads.empty())
        workloads.front().gatewayShare = 1;
    report.withFreeTier = projectMonthly(preset, workloads, true);
    report.withoutFreeTier = projectMonthly(preset, workloads, false);
    report.breakEvenRequestsPerMonth = breakEvenRequestsPerMonth(preset, workloads, inputs.vmHourly, true);

    for (const WorkflowRuns &w : *recordedRuns) {
        const RunCost total = runCost(preset, w.invocationsCost, false, w.chainedInvocations);
        RecordedWorkflowCost cost{w.workflowId, w.runs, w.invocations, w.invocationsCost};
        cost.gatewayCost = double(w.httpRuns) * preset.gatewayPricePerMillion / 1e6;
        cost.stateTransitionCost = total.stateTransitions;
        cost.total = total.total() + cost.gatewayCost;
        cost.averagePerRun = w.runs ? cost.total / double(w.runs) : 0;
        report.recordedRuns.push_back(cost);
    }
    return report;
}

} // namespace stratus::engine
