// stratus cost: a workspace's monthly bill at a chosen traffic level.

#include "commands.h"

#include "engine/meter/cost.h"
#include "engine/model/json.h"
#include "engine/model/nodekind.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <cstdio>
#include <ostream>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

Result<double> number(const Args &args, const char *option, double fallback, double min)
{
    const auto v = args.value(option);
    if (!v)
        return fallback;
    try {
        size_t used = 0;
        const double n = std::stod(*v, &used);
        if (used == v->size() && n >= min)
            return n;
    } catch (const std::exception &) {
    }
    return Status::invalidArgument(std::string(option) + " takes a number of at least "
                                   + std::to_string(static_cast<long long>(min)) + ", not '" + *v + "'");
}

std::string money(double dollars)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, dollars < 0.01 && dollars > 0 ? "$%.6f" : "$%.2f", dollars);
    return buffer;
}

} // namespace

int cmdCost(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "cost", "expected one FILE.stratus");
    if (!args.value("--requests-per-month"))
        return usageError(io, "cost", "--requests-per-month N is required");
    auto requests = number(args, "--requests-per-month", 0, 0);
    auto assumedMs = number(args, "--duration-ms", 100, 0);
    auto vmHourly = number(args, "--vm-hourly", 0.0416, 0);
    for (auto *r : {&requests, &assumedMs, &vmHourly}) {
        if (!*r)
            return usageError(io, "cost", r->status().message());
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
        return failure(io, averages.status().withContext("'" + file + "'"));

    std::string presetId = args.value("--preset").value_or(
        ws->settings.contains("pricing") && ws->settings["pricing"].is_string()
            ? ws->settings["pricing"].get<std::string>()
            : std::string("aws-x86_64"));
    const PricingPreset *preset = findPreset(builtinPricingPresets(), presetId);
    if (!preset) {
        std::string known;
        for (const PricingPreset &p : builtinPricingPresets())
            known += (known.empty() ? "" : ", ") + p.id;
        return usageError(io, "cost", "no pricing preset '" + presetId + "' (presets: " + known + ")");
    }

    Json functions = Json::array();
    std::vector<Workload> workloads;
    const auto &registry = NodeKindRegistry::instance();
    for (const Workflow &w : ws->workflows) {
        for (const Node &n : w.nodes()) {
            if (n.kind != "function")
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
            hasHttp = hasHttp || n.kind == "trigger.http";
    }
    if (hasHttp && !workloads.empty())
        workloads.front().gatewayShare = 1;
    const MonthlyCost withFree = projectMonthly(*preset, workloads, true);
    const MonthlyCost withoutFree = projectMonthly(*preset, workloads, false);
    const auto breakEven = breakEvenRequestsPerMonth(*preset, workloads, *vmHourly, true);

    Json report = {{"file", file}, {"preset", preset->id}, {"presetName", preset->name},
                   {"pricesReadOn", preset->readOn}, {"source", preset->source},
                   {"requestsPerMonth", *requests}, {"functions", functions},
                   {"monthly", {{"withFreeTier", withFree.total()},
                                {"withoutFreeTier", withoutFree.total()},
                                {"requests", withFree.requestCost},
                                {"compute", withFree.computeCost},
                                {"gateway", withFree.gatewayCost}}},
                   {"vm", {{"hourly", *vmHourly}, {"monthly", *vmHourly * kHoursPerMonth},
                           {"breakEvenRequestsPerMonth", breakEven ? Json(*breakEven) : Json()}}}};
    if (args.has("--json")) {
        io.out << report.dump(2) << "\n";
        return kExitOk;
    }
    io.out << "Monthly cost of '" << ws->name << "' at " << static_cast<long long>(*requests)
           << " requests per function, " << preset->name << " (prices read " << preset->readOn
           << ")\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %8s %12s %-9s %16s\n", "FUNCTION", "MEMORY", "AVG DURATION",
                  "FROM", "WITHOUT FREE TIER");
    io.out << line;
    for (const Json &f : functions) {
        std::snprintf(line, sizeof line, "  %-24s %5d MB %9.2f ms %-9s %16s\n",
                      f["function"].get<std::string>().substr(0, 24).c_str(), f["memoryMB"].get<int>(),
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
        io.out << "; serverless costs as much at " << static_cast<long long>(*breakEven)
               << " requests per function a month\n";
    else
        io.out << "; serverless stays cheaper at any traffic\n";
    return kExitOk;
}

} // namespace stratus::cli
