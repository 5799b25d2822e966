#pragma once

#include "engine/model/invocationrecord.h"

#include <cstdint>
#include <queue>
#include <vector>

namespace stratus::engine {

/// Durations for percentiles: kept exactly up to kExactLimit values, then
/// folded into a log-bucketed sketch whose quantiles are within 1 % of the
/// true value (buckets grow by 2 %; the midpoint is reported).
class DurationSketch
{
public:
    static constexpr size_t kExactLimit = 100000;

    void add(int64_t durationUs);
    /// The q-quantile (0..1) in µs; 0 when empty.
    double quantile(double q);
    bool isExact() const { return m_exact; }
    size_t count() const { return m_count; }

private:
    static int bucketOf(int64_t us);
    void addToBucket(int64_t durationUs);
    static double bucketMidpoint(int bucket);

    bool m_exact = true;
    bool m_sorted = false;
    size_t m_count = 0;
    std::vector<int64_t> m_values;
    std::vector<uint64_t> m_buckets; // index: bucket; grows to the largest seen
};

/// Statistics over a window of invocations, fed one invocation at a time in
/// order of start (as the history's time index gives them).
class InvocationStatistics
{
public:
    void add(const InvocationRecord &record, double cost);

    struct Summary
    {
        uint64_t count = 0;
        uint64_t errors = 0;    ///< error, timeout, crashed
        uint64_t throttles = 0;
        uint64_t coldStarts = 0;
        double errorRate = 0;
        double coldShare = 0;
        double minMs = 0, meanMs = 0, p50Ms = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0;
        bool percentilesExact = true;
        double throughputPerSecond = 0; ///< over the span from the first start to the last end
        int peakConcurrency = 0;
        double gbSeconds = 0; ///< billed
        double cost = 0;
        int64_t firstStartUs = 0;
        int64_t lastEndUs = 0;
    };
    Summary summary();

private:
    Summary m_s;
    double m_sumUs = 0;
    int64_t m_minUs = 0, m_maxUs = 0;
    DurationSketch m_durations;
    // Ends of the invocations still running at the latest start seen.
    std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>> m_running;
};

} // namespace stratus::engine
