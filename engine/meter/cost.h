#pragma once

#include "pricing.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace stratus::engine {

/// Hours in the month used for always-on prices and daily curves (365 × 24 / 12).
constexpr double kHoursPerMonth = 730;

/// Milliseconds a preset bills for a run of `durationUs`: rounded up to its
/// granularity, and at least its minimum.
int64_t billedMilliseconds(const PricingPreset &preset, int64_t durationUs);

/// The memory (MB) a preset bills for, from the configured size and the
/// measured use.
int billedMemoryMB(const PricingPreset &preset, int configuredMB, int usedMB);

/// The price of one invocation, without free tier.
struct InvocationCost
{
    double request = 0;
    double compute = 0; ///< GB-seconds (and GHz-seconds) at the preset's prices
    double total() const { return request + compute; }
};

InvocationCost invocationCost(const PricingPreset &preset, int64_t durationUs, int configuredMB,
                              int usedMB);

/// The price of one run (a trigger event and its path through the graph):
/// its invocations, plus one gateway request when an HTTP trigger started it,
/// plus the state transitions of the state machine a chain exports to.
struct RunCost
{
    double invocations = 0;
    double gateway = 0;
    double stateTransitions = 0;
    double total() const { return invocations + gateway + stateTransitions; }
};

RunCost runCost(const PricingPreset &preset, double invocationsCost, bool throughGateway,
                long long stateTransitions);

/// A day's traffic as requests in each of its 24 hours, as a month's total
/// (the day repeated over kHoursPerMonth / 24 days).
double requestsPerMonthFromHourly(const std::vector<double> &requestsPerHour);

/// A month of traffic, described by its averages.
struct Workload
{
    double requestsPerMonth = 0;
    double averageDurationMs = 0;
    int memoryMB = 128;
    int usedMemoryMB = 0; ///< for presets that bill memory used; 0: the configured size
    double gatewayShare = 1;  ///< share of requests that come through the HTTP gateway
    double stateTransitionsPerRequest = 0;
};

/// A monthly bill, item by item.
struct MonthlyCost
{
    double requests = 0;
    double gbSeconds = 0;
    double ghzSeconds = 0;
    double gatewayRequests = 0;
    double stateTransitions = 0;
    double requestCost = 0;
    double computeCost = 0;
    double gatewayCost = 0;
    double stateTransitionCost = 0;
    double total() const { return requestCost + computeCost + gatewayCost + stateTransitionCost; }
};

MonthlyCost projectMonthly(const PricingPreset &preset, const Workload &workload, bool freeTier);

/// Several functions' workloads on one account: usage is summed first, so the
/// free tier (an account's, per month) counts once.
MonthlyCost projectMonthly(const PricingPreset &preset, const std::vector<Workload> &workloads,
                           bool freeTier);


/// The monthly request count at which the workload costs as much as an
/// always-on VM of `vmHourlyPrice`; nullopt if it never does (within 10^13).
std::optional<double> breakEvenRequestsPerMonth(const PricingPreset &preset, Workload shape,
                                                double vmHourlyPrice, bool freeTier);

/// The same for several functions, each of which gets the request count.
std::optional<double> breakEvenRequestsPerMonth(const PricingPreset &preset,
                                                std::vector<Workload> shapes, double vmHourlyPrice,
                                                bool freeTier);

} // namespace stratus::engine
