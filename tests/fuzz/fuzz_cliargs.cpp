// The CLI's numeric options (app/cli/args.h): the arguments are parsed with
// the options the commands declare, each numeric option is read with the
// bounds its command passes (app/cli/cost.cpp, invoke.cpp, prune.cpp,
// runs.cpp; keep them in step), and the cost command's numbers go on into
// the cost model as `stratus cost` passes them (engine/meter/cost.h).
//
// Input: the arguments, one per line (at most 64).

#include "fuzzinput.h"

#include "app/cli/args.h"

#include "engine/meter/cost.h"
#include "engine/meter/pricing.h"

#include <algorithm>
#include <climits>
#include <cmath>

using namespace stratus;
using stratus::cli::Args;

namespace {

/// The options of the commands (app/cli/*.cpp).
const Args::Spec &spec()
{
    static const Args::Spec s{
        {"--json", "--compact", "--strict", "--logs", "--force"},
        {"--requests-per-month", "--requests-per-hour", "--duration-ms", "--vm-hourly", "--preset",
         "--timeout", "--memory", "--keep-days", "--keep-runs", "--last", "--since", "--function",
         "--by", "--event", "--env", "--env-file", "--code", "--runtime", "--handler", "--name", "-o",
         "--output"},
        {{"-o", "--output"}},
        {"--env"},
    };
    return s;
}

/// A whole number that parsed is within its bounds.
long long whole(const engine::Result<long long> &n, long long min, long long max)
{
    if (!n)
        return -1;
    if (n.value() < min || n.value() > max)
        stratus::fuzz::violated();
    return n.value();
}

/// The option given as a whole number, within its bounds; -1 when refused,
/// `fallback` when not given.
long long whole(const Args &args, const char *option, long long fallback, long long min,
                long long max = Args::kMaxWhole)
{
    const auto n = args.wholeNumber(option, fallback, min, max);
    if (!args.value(option))
        return n ? n.value() : -1;
    return whole(n, min, max);
}

/// The option given as a number: finite and within its bounds; -1 when
/// refused, `fallback` when not given.
double real(const Args &args, const char *option, double fallback, double min, double max)
{
    const auto n = args.number(option, fallback, min, max);
    if (!n)
        return -1;
    if (args.value(option) && (!std::isfinite(n.value()) || n.value() < min || n.value() > max))
        stratus::fuzz::violated();
    return n.value();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const std::vector<std::string> argv = stratus::fuzz::split(stratus::fuzz::text(data, size), '\n', 64);
    for (const std::string &arg : argv) {
        if (const auto n = cli::parseNumber(arg); n && !std::isfinite(*n))
            stratus::fuzz::violated();
        whole(cli::parseWholeNumber(arg, "arg", 0, Args::kMaxWhole), 0, Args::kMaxWhole);
        // The widest range the signature allows (no caller passes it today).
        whole(cli::parseWholeNumber(arg, "arg", LLONG_MIN, LLONG_MAX), LLONG_MIN, LLONG_MAX);
    }

    const Args args(argv, spec());
    if (!args.ok())
        return 0;
    // invoke, prune, runs.
    whole(args, "--timeout", 3, 1, 900);
    whole(args, "--memory", 128, 128, 10240);
    whole(args, "--keep-days", 0, 1, INT_MAX);
    whole(args, "--keep-runs", 0, 1);
    whole(args, "--last", 20, 1, INT_MAX);

    // cost: the traffic, as a month's total or 24 hourly counts, then the
    // month's bill under every built-in preset, as cmdCost() computes it.
    constexpr long long kMaxRequestsPerMonth = 1'000'000'000'000LL;
    constexpr long long kMaxRequestsPerHour = 1'000'000'000LL;
    double requests = double(whole(args, "--requests-per-month", 0, 0, kMaxRequestsPerMonth));
    const double durationMs = real(args, "--duration-ms", 100, 0, 900'000);
    const double vmHourly = real(args, "--vm-hourly", 0.0416, 0, 1'000);
    if (const auto hourly = args.value("--requests-per-hour")) {
        std::vector<double> curve;
        for (const std::string &item : stratus::fuzz::split(*hourly, ',', 25))
            curve.push_back(double(whole(cli::parseWholeNumber(item, "hour", 0, kMaxRequestsPerHour), 0,
                                         kMaxRequestsPerHour)));
        if (curve.size() == 24 && std::none_of(curve.begin(), curve.end(), [](double h) { return h < 0; }))
            requests = engine::requestsPerMonthFromHourly(curve);
        else
            requests = -1;
    }
    if (requests < 0 || durationMs < 0 || vmHourly < 0)
        return 0;
    // The cost model is slow next to the parsing (break-even is a search):
    // only command lines that give cost's options go on to it.
    if (!args.value("--requests-per-month") && !args.value("--requests-per-hour")
        && !args.value("--duration-ms") && !args.value("--vm-hourly"))
        return 0;
    engine::Workload load;
    load.requestsPerMonth = requests;
    load.averageDurationMs = durationMs;
    for (const engine::PricingPreset &preset : engine::builtinPricingPresets()) {
        (void)engine::projectMonthly(preset, load, true);
        (void)engine::projectMonthly(preset, load, false);
        (void)engine::breakEvenRequestsPerMonth(preset, load, vmHourly, true);
    }
    return 0;
}
