#include "cost.h"

#include <algorithm>
#include <cmath>

namespace stratus::engine {

int64_t billedMilliseconds(const PricingPreset &preset, int64_t durationUs)
{
    const int64_t granularityUs = int64_t(std::max(1, preset.billingGranularityMs)) * 1000;
    const int64_t rounded = (std::max<int64_t>(durationUs, 1) + granularityUs - 1) / granularityUs
                            * granularityUs / 1000;
    return std::max<int64_t>(rounded, preset.minimumBilledMs);
}

int billedMemoryMB(const PricingPreset &preset, int configuredMB, int usedMB)
{
    if (preset.memoryBasis == PricingPreset::MemoryBasis::UsedRounded128) {
        const int used = usedMB > 0 ? usedMB : configuredMB;
        return std::max(128, (used + 127) / 128 * 128);
    }
    return configuredMB;
}

namespace {

/// GB-seconds and GHz-seconds of one invocation.
std::pair<double, double> resources(const PricingPreset &preset, double billedMs, int memoryMB)
{
    const double seconds = billedMs / 1000.0;
    return {seconds * memoryMB / 1024.0, seconds * preset.cpuGhz(memoryMB)};
}

} // namespace

InvocationCost invocationCost(const PricingPreset &preset, int64_t durationUs, int configuredMB,
                              int usedMB)
{
    const int memory = billedMemoryMB(preset, configuredMB, usedMB);
    const auto [gbs, ghzs] = resources(preset, double(billedMilliseconds(preset, durationUs)), memory);
    InvocationCost c;
    c.request = preset.requestPricePerMillion / 1e6;
    c.compute = gbs * preset.gbSecondPrice + ghzs * preset.ghzSecondPrice;
    return c;
}

namespace {

/// What a month of a workload uses, before prices.
MonthlyCost usage(const PricingPreset &preset, const Workload &w)
{
    MonthlyCost m;
    m.requests = w.requestsPerMonth;
    const int memory = billedMemoryMB(preset, w.memoryMB, w.usedMemoryMB);
    const double billedMs = double(billedMilliseconds(preset, int64_t(std::llround(w.averageDurationMs * 1000))));
    const auto [gbs, ghzs] = resources(preset, billedMs, memory);
    m.gbSeconds = gbs * w.requestsPerMonth;
    m.ghzSeconds = ghzs * w.requestsPerMonth;
    m.gatewayRequests = w.requestsPerMonth * w.gatewayShare;
    m.stateTransitions = w.requestsPerMonth * w.stateTransitionsPerRequest;
    return m;
}

MonthlyCost price(const PricingPreset &preset, MonthlyCost m, bool freeTier)
{
    auto billable = [freeTier](double used, double free) {
        return freeTier ? std::max(0.0, used - free) : used;
    };
    m.requestCost = billable(m.requests, preset.freeRequests) / 1e6 * preset.requestPricePerMillion;
    m.computeCost = billable(m.gbSeconds, preset.freeGbSeconds) * preset.gbSecondPrice
                    + billable(m.ghzSeconds, preset.freeGhzSeconds) * preset.ghzSecondPrice;
    m.gatewayCost = m.gatewayRequests / 1e6 * preset.gatewayPricePerMillion;
    m.stateTransitionCost = billable(m.stateTransitions, preset.freeStateTransitions) * preset.stateTransitionPrice;
    return m;
}

} // namespace

MonthlyCost projectMonthly(const PricingPreset &preset, const Workload &w, bool freeTier)
{
    return price(preset, usage(preset, w), freeTier);
}

MonthlyCost projectMonthly(const PricingPreset &preset, const std::vector<Workload> &workloads,
                           bool freeTier)
{
    MonthlyCost total;
    for (const Workload &w : workloads) {
        const MonthlyCost u = usage(preset, w);
        total.requests += u.requests;
        total.gbSeconds += u.gbSeconds;
        total.ghzSeconds += u.ghzSeconds;
        total.gatewayRequests += u.gatewayRequests;
        total.stateTransitions += u.stateTransitions;
    }
    return price(preset, total, freeTier);
}

RunCost runCost(const PricingPreset &preset, double invocationsCost, bool throughGateway,
                long long stateTransitions)
{
    RunCost c;
    c.invocations = invocationsCost;
    c.gateway = throughGateway ? preset.gatewayPricePerMillion / 1e6 : 0;
    c.stateTransitions = double(std::max(0LL, stateTransitions)) * preset.stateTransitionPrice;
    return c;
}

double requestsPerMonthFromHourly(const std::vector<double> &requestsPerHour)
{
    double day = 0;
    for (double r : requestsPerHour)
        day += r;
    return day * (kHoursPerMonth / 24);
}

std::optional<double> breakEvenRequestsPerMonth(const PricingPreset &preset, Workload shape,
                                                double vmHourlyPrice, bool freeTier)
{
    return breakEvenRequestsPerMonth(preset, std::vector<Workload>{shape}, vmHourlyPrice, freeTier);
}

std::optional<double> breakEvenRequestsPerMonth(const PricingPreset &preset,
                                                std::vector<Workload> shapes, double vmHourlyPrice,
                                                bool freeTier)
{
    const double vm = vmHourlyPrice * kHoursPerMonth;
    auto cost = [&](double requests) {
        for (Workload &w : shapes)
            w.requestsPerMonth = requests;
        return projectMonthly(preset, shapes, freeTier).total();
    };
    double lo = 0, hi = 1e13;
    if (cost(hi) < vm)
        return std::nullopt;
    if (cost(lo) >= vm)
        return 0.0;
    // The bill grows monotonically with traffic: bisect.
    for (int i = 0; i < 200 && hi - lo > 0.5; ++i) {
        const double mid = (lo + hi) / 2;
        (cost(mid) < vm ? lo : hi) = mid;
    }
    return hi;
}

} // namespace stratus::engine
