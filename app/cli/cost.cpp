// stratus cost: a workspace's monthly bill at a chosen traffic level.

#include "commands.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/run/costreport.h"
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
    auto assumedMs = args.number("--duration-ms", 100, 0, kMaxAssumedDurationMs);
    auto vmHourly = args.number("--vm-hourly", 0.0416, 0, kMaxVmHourly);
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
    CostInputs inputs;
    inputs.requestsPerMonth = *requests;
    inputs.requestsPerHour = curve;
    inputs.assumedDurationMs = *assumedMs;
    inputs.vmHourly = *vmHourly;
    inputs.preset = args.value("--preset");
    auto priced = costReport(*store, *ws, inputs);
    if (!priced) {
        if (inputs.preset && priced.status().code() == Status::Code::NotFound)
            return usageError(io, "cost", "--preset: " + priced.status().message());
        // The workspace's own settings (or its history) are wrong: a problem
        // of the workspace (exit 1), as `prune` says of retention.
        failure(io, priced.status().withContext(quote(file)));
        return kExitProblems;
    }
    const CostReport &cost = *priced;
    const PricingPreset *preset = &cost.preset;
    const MonthlyCost &withFree = cost.withFreeTier;
    const MonthlyCost &withoutFree = cost.withoutFreeTier;
    const auto &breakEven = cost.breakEvenRequestsPerMonth;
    const Json report = cost.toJson(file);
    const Json &functions = report["functions"];
    const Json &runs = report["recordedRuns"];
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
        io.out << "\n  recorded runs, as priced when they ran (the gateway at this preset):\n";
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
