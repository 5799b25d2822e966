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

Result<CostReport> costReport(WorkspaceStore &store, const Workspace &workspace, const CostInputs &inputs)
{
    auto averages = functionAverages(store.database());
    if (!averages)
        return averages.status();
    auto recordedRuns = runsByWorkflow(store.database());
    if (!recordedRuns)
        return recordedRuns.status();
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
