#include "statistics.h"

#include <algorithm>
#include <cmath>

namespace stratus::engine {

namespace {
constexpr double kGrowth = 1.02; // bucket width: 2 % of its lower bound
}

int DurationSketch::bucketOf(int64_t us)
{
    return us <= 1 ? 0 : int(std::floor(std::log(double(us)) / std::log(kGrowth)));
}

double DurationSketch::bucketMidpoint(int bucket)
{
    return bucket == 0 ? 1.0 : std::pow(kGrowth, bucket) * (1 + kGrowth) / 2;
}

void DurationSketch::add(int64_t durationUs)
{
    ++m_count;
    if (m_exact) {
        m_values.push_back(durationUs);
        m_sorted = false;
        if (m_values.size() <= kExactLimit)
            return;
        // Too many to keep: fold into the sketch from here on.
        m_exact = false;
        for (int64_t v : m_values)
            addToBucket(v);
        m_values.clear();
        m_values.shrink_to_fit();
        return;
    }
    addToBucket(durationUs);
}

void DurationSketch::addToBucket(int64_t durationUs)
{
    const size_t bucket = size_t(bucketOf(durationUs));
    if (bucket >= m_buckets.size())
        m_buckets.resize(bucket + 1, 0);
    ++m_buckets[bucket];
}

double DurationSketch::quantile(double q)
{
    if (m_count == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    if (m_exact) {
        if (!m_sorted) {
            std::sort(m_values.begin(), m_values.end());
            m_sorted = true;
        }
        // Nearest rank, as CloudWatch's pNN does.
        const size_t rank = size_t(std::ceil(q * double(m_values.size())));
        return double(m_values[std::clamp<size_t>(rank, 1, m_values.size()) - 1]);
    }
    const uint64_t rank = std::max<uint64_t>(1, uint64_t(std::ceil(q * double(m_count))));
    uint64_t seen = 0;
    for (size_t bucket = 0; bucket < m_buckets.size(); ++bucket) {
        seen += m_buckets[bucket];
        if (seen >= rank)
            return bucketMidpoint(int(bucket));
    }
    return bucketMidpoint(int(m_buckets.size()) - 1);
}

void InvocationStatistics::add(const InvocationRecord &r, double cost)
{
    const int64_t end = r.startedAtUs + r.durationUs;
    if (m_s.count == 0) {
        m_s.firstStartUs = r.startedAtUs;
        m_minUs = m_maxUs = r.durationUs;
    }
    ++m_s.count;
    m_s.lastEndUs = std::max(m_s.lastEndUs, end);
    if (r.status == InvocationStatus::Throttled) {
        ++m_s.throttles;
        return; // never ran: no duration, no concurrency, no compute
    }
    if (r.status != InvocationStatus::Ok)
        ++m_s.errors;
    if (r.coldStart)
        ++m_s.coldStarts;
    m_sumUs += double(r.durationUs);
    m_minUs = std::min(m_minUs, r.durationUs);
    m_maxUs = std::max(m_maxUs, r.durationUs);
    m_durations.add(r.durationUs);
    m_s.gbSeconds += double(r.billedDurationMs) / 1000.0 * r.memorySizeMB / 1024.0;
    m_s.cost += cost;
    // Starts arrive in order: those that ended before this start are done.
    while (!m_running.empty() && m_running.top() <= r.startedAtUs)
        m_running.pop();
    m_running.push(end);
    m_s.peakConcurrency = std::max(m_s.peakConcurrency, int(m_running.size()));
}

InvocationStatistics::Summary InvocationStatistics::summary()
{
    Summary s = m_s;
    const uint64_t ran = s.count - s.throttles;
    s.errorRate = s.count ? double(s.errors) / double(s.count) : 0;
    s.coldShare = ran ? double(s.coldStarts) / double(ran) : 0;
    if (ran) {
        s.minMs = double(m_minUs) / 1000;
        s.maxMs = double(m_maxUs) / 1000;
        s.meanMs = m_sumUs / double(ran) / 1000;
        s.p50Ms = m_durations.quantile(0.50) / 1000;
        s.p90Ms = m_durations.quantile(0.90) / 1000;
        s.p95Ms = m_durations.quantile(0.95) / 1000;
        s.p99Ms = m_durations.quantile(0.99) / 1000;
    }
    s.percentilesExact = m_durations.isExact();
    const double spanS = double(s.lastEndUs - s.firstStartUs) / 1e6;
    s.throughputPerSecond = spanS > 0 ? double(s.count) / spanS : 0;
    return s;
}

} // namespace stratus::engine
