// stratus cost: a workspace's monthly bill at a chosen traffic level.

#include "commands.h"

#include "engine/meter/cost.h"
#include "engine/model/json.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

/// Bounds on traffic: far beyond any real workload, small enough that every
/// figure derived from them stays exact and readable.
constexpr long long kMaxRequestsPerMonth = 1'000'000'000'000LL; // ~380,000 requests/s
constexpr long long kMaxRequestsPerHour = 1'000'000'000LL;

/// "0,0,10,...": requests in each of the day's 24 hours.
Result<std::vector<double>> hourlyCurve(const std::string &text)
{
    std::vector<double> hours;
    if (text.find_first_not_of(" ") == std::string::npos)
        return Status::invalidArgument("--requests-per-hour takes 24 numbers, one per hour of the day "
                                       "(comma-separated), not " + quote(text));
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        auto n = parseWholeNumber(item, "hour " + std::to_string(hours.size()) + " of --requests-per-hour", 0,
                                  kMaxRequestsPerHour);
        if (!n)
            return n.status();
        hours.push_back(double(*n));
        if (hours.size() > 24)
            break;
        start = comma + 1;
    }
    if (hours.size() != 24)
        return Status::invalidArgument("--requests-per-hour takes 24 numbers, one per hour of the day "
                                       "(comma-separated), not " + std::to_string(hours.size()));
    return hours;
}

} // namespace

int cmdCost(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "cost", "expected one FILE.stratus");
    if (args.value("--requests-per-month").has_value() == args.value("--requests-per-hour").has_value())
        return usageError(io, "cost", "give the traffic as --requests-per-month N or as --requests-per-hour "
                                      "H0,H1,...,H23 (one of them)");
    auto wholeRequests = args.wholeNumber("--requests-per-month", 0, 0, kMaxRequestsPerMonth);
    if (!wholeRequests)
        return usageError(io, "cost", wholeRequests.status().message());
    Result<double> requests = double(*wholeRequests);
    auto assumedMs = args.number("--duration-ms", 100, 0, 900'000); // Lambda's 15-minute limit
    auto vmHourly = args.number("--vm-hourly", 0.0416, 0, 1'000);
    for (auto *r : {&assumedMs, &vmHourly}) {
        if (!*r)
            return usageError(io, "cost", r->status().message());
    }
    std::vector<double> curve;
    if (const auto hourly = args.value("--requests-per-hour")) {
        auto parsed = hourlyCurve(*hourly);
        if (!parsed)
            return usageError(io, "cost", parsed.status().message());
        curve = parsed.take();
        requests = requestsPerMonthFromHourly(curve);
    }
    const std::string file = args.positionals()[0];
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return failure(io, store.status());
    auto ws = store->load();
    if (!ws)
        return failure(io, ws.status());
    auto averages = functionAverages(store->database());
    if (!averages)
        return failure(io, averages.status().withContext(quote(file)));
    auto recordedRuns = runsByWorkflow(store->database());
    if (!recordedRuns)
        return failure(io, recordedRuns.status().withContext(quote(file)));

    const auto chosen = args.value("--preset");
    auto pricing = chosen ? workspacePreset(ws->settings, *chosen) : workspacePricing(ws->settings);
    if (!pricing) {
        if (chosen && pricing.status().code() == Status::Code::NotFound)
            return usageError(io, "cost", "--preset: " + pricing.status().message());
        // The workspace's own settings are wrong: a problem of the workspace (exit 1), as `prune` says of retention.
        failure(io, pricing.status().withContext(quote(file)));
        return kExitProblems;
    }
    const PricingPreset *preset = &*pricing;

    Json functions = Json::array();
    std::vector<Workload> workloads;
    const auto &registry = NodeKindRegistry::instance();
    for (const Workflow &w : ws->workflows) {
        for (const Node &n : w.nodes()) {
            if (n.kind != kinds::kFunction)
                continue;
            const Json config = registry.effectiveConfig(n);
            Workload load;
            load.requestsPerMonth = *requests;
            load.memoryMB = config.value("memoryMB", 128);
            load.averageDurationMs = *assumedMs;
            load.gatewayShare = 0;
            long long recorded = 0;
            if (auto it = averages->find(n.name); it != averages->end()) {
                recorded = it->second.invocations;
                load.averageDurationMs = it->second.durationMs;
                load.usedMemoryMB = int(it->second.maxMemoryUsedMB + 0.5);
            }
            const MonthlyCost alone = projectMonthly(*preset, load, false);
            functions.push_back({{"workflow", w.id().str()}, {"function", n.name},
                                 {"memoryMB", load.memoryMB},
                                 {"averageDurationMs", load.averageDurationMs},
                                 {"durationFrom", recorded > 0 ? "history" : "assumed"},
                                 {"recordedInvocations", recorded},
                                 {"gbSeconds", alone.gbSeconds},
                                 {"costWithoutFreeTier", alone.total()}});
            workloads.push_back(load);
        }
    }
    // The HTTP gateway is priced per request once, for routes that exist.
    bool hasHttp = false;
    for (const Workflow &w : ws->workflows) {
        for (const Node &n : w.nodes())
            hasHttp = hasHttp || n.kind == kinds::kHttpTrigger;
    }
    if (hasHttp && !workloads.empty())
        workloads.front().gatewayShare = 1;
    const MonthlyCost withFree = projectMonthly(*preset, workloads, true);
    const MonthlyCost withoutFree = projectMonthly(*preset, workloads, false);
    const auto breakEven = breakEvenRequestsPerMonth(*preset, workloads, *vmHourly, true);

    Json runs = Json::array();
    for (const WorkflowRuns &w : *recordedRuns) {
        const RunCost total = runCost(*preset, w.invocationsCost, false, w.chainedInvocations);
        const double gateway = double(w.httpRuns) * preset->gatewayPricePerMillion / 1e6;
        const double perRun = w.runs ? (total.total() + gateway) / double(w.runs) : 0;
        runs.push_back({{"workflow", w.workflowId}, {"runs", w.runs}, {"invocations", w.invocations},
                        {"invocationsCost", w.invocationsCost}, {"gatewayCost", gateway},
                        {"stateTransitionCost", total.stateTransitions},
                        {"total", total.total() + gateway}, {"averagePerRun", perRun}});
    }
    Json report = {{"file", file}, {"preset", preset->id}, {"presetName", preset->name},
                   {"pricesReadOn", preset->readOn}, {"source", preset->source},
                   {"requestsPerMonth", *requests}, {"functions", functions},
                   {"recordedRuns", runs},
                   {"monthly", {{"withFreeTier", withFree.total()},
                                {"withoutFreeTier", withoutFree.total()},
                                {"requests", withFree.requestCost},
                                {"compute", withFree.computeCost},
                                {"gateway", withFree.gatewayCost}}},
                   {"vm", {{"hourly", *vmHourly}, {"monthly", *vmHourly * kHoursPerMonth},
                           {"breakEvenRequestsPerMonth", breakEven ? Json(*breakEven) : Json()}}}};
    if (!curve.empty()) {
        report["requestsPerHour"] = curve;
        report["peakRequestsPerSecond"] = *std::max_element(curve.begin(), curve.end()) / 3600;
    }
    if (args.has("--json")) {
        io.out << report.dump(2) << "\n";
        return kExitOk;
    }
    io.out << "Monthly cost of " << quote(ws->name) << " at " << plural(std::llround(*requests), "request")
           << " per function, " << preset->name << " (prices read " << preset->readOn
           << ")\n";
    if (!curve.empty()) {
        char peak[128];
        std::snprintf(peak, sizeof peak, "  (a daily curve of %.0f requests a day, peak %.2f requests/s)\n",
                      *requests / (kHoursPerMonth / 24), report["peakRequestsPerSecond"].get<double>());
        io.out << peak;
    }
    io.out << "\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %s %8s %12s %-9s %16s\n", fitColumn("FUNCTION", 24).c_str(), "MEMORY",
                  "AVG DURATION", "FROM", "WITHOUT FREE TIER");
    io.out << line;
    for (const Json &f : functions) {
        std::snprintf(line, sizeof line, "  %s %5d MB %9.2f ms %-9s %16s\n",
                      fitColumn(f["function"].get<std::string>(), 24).c_str(), f["memoryMB"].get<int>(),
                      f["averageDurationMs"].get<double>(), f["durationFrom"].get<std::string>().c_str(),
                      money(f["costWithoutFreeTier"].get<double>()).c_str());
        io.out << line;
    }
    io.out << "\n  requests " << money(withFree.requestCost) << ", compute " << money(withFree.computeCost)
           << ", gateway " << money(withFree.gatewayCost) << "\n";
    io.out << "  total: " << money(withFree.total()) << " a month with the free tier, "
           << money(withoutFree.total()) << " without\n";
    io.out << "  an always-on VM at " << money(*vmHourly) << "/h costs " << money(*vmHourly * kHoursPerMonth)
           << " a month";
    if (breakEven)
        io.out << "; serverless costs as much at " << plural(std::llround(*breakEven), "request")
               << " per function a month\n";
    else
        io.out << "; serverless stays cheaper at any traffic\n";
    if (!runs.empty()) {
        io.out << "\n  recorded runs, as priced under this preset:\n";
        for (const Json &w : runs) {
            const std::string name = w["workflow"].get<std::string>();
            io.out << "    " << (name.empty() ? std::string("(functions on their own)") : "workflow " + quote(name))
                   << ": " << plural(w["runs"].get<long long>(), "run") << ", "
                   << plural(w["invocations"].get<long long>(), "invocation") << ", "
                   << money(w["total"].get<double>()) << " ("
                   << money(w["averagePerRun"].get<double>()) << " a run)\n";
        }
    }
    return kExitOk;
}

} // namespace stratus::cli
