#include "invocationrecord.h"

#include <QRandomGenerator>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <mutex>

namespace stratus::engine {

const char *statusName(InvocationStatus status)
{
    switch (status) {
    case InvocationStatus::Ok: return "ok";
    case InvocationStatus::Error: return "error";
    case InvocationStatus::Timeout: return "timeout";
    case InvocationStatus::Throttled: return "throttled";
    case InvocationStatus::Crashed: return "crashed";
    }
    return "";
}

InvocationStatus statusFromName(const std::string &name)
{
    for (InvocationStatus s : {InvocationStatus::Ok, InvocationStatus::Error, InvocationStatus::Timeout,
                               InvocationStatus::Throttled, InvocationStatus::Crashed}) {
        if (name == statusName(s))
            return s;
    }
    return InvocationStatus::Error;
}

int64_t billedMilliseconds(int64_t durationUs)
{
    if (durationUs <= 0)
        return 1;
    return (durationUs + 999) / 1000;
}

std::string reportLine(const InvocationRecord &r)
{
    char buffer[512];
    int n = std::snprintf(buffer, sizeof buffer,
                          "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %lld ms\t"
                          "Memory Size: %d MB\tMax Memory Used: %d MB",
                          r.requestId.c_str(), double(r.durationUs) / 1000.0,
                          static_cast<long long>(r.billedDurationMs), r.memorySizeMB,
                          r.maxMemoryUsedMB);
    std::string line(buffer, static_cast<size_t>(std::max(0, n)));
    if (r.coldStart) {
        std::snprintf(buffer, sizeof buffer, "\tInit Duration: %.2f ms",
                      double(r.initDurationUs) / 1000.0);
        line += buffer;
    }
    return line;
}

std::string newRequestId()
{
    // UUIDv7: 48-bit milliseconds, then a 12-bit counter within the
    // millisecond (so ids from one process sort in creation order), then 62
    // random bits (so ids from different processes do not collide).
    static std::mutex mutex;
    static uint64_t lastMs = 0;
    static uint16_t counter = 0;
    const uint64_t ms = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());
    uint64_t stamp;
    uint16_t seq;
    {
        std::lock_guard lock(mutex);
        if (ms > lastMs) {
            lastMs = ms;
            counter = static_cast<uint16_t>(QRandomGenerator::global()->bounded(512));
        } else if (++counter > 0x0fff) {
            ++lastMs; // borrow from the next millisecond rather than repeat
            counter = 0;
        }
        stamp = lastMs;
        seq = counter;
    }
    const uint64_t random = QRandomGenerator::global()->generate64();
    char out[37];
    std::snprintf(out, sizeof out, "%08x-%04x-7%03x-%04x-%012llx",
                  static_cast<unsigned>(stamp >> 16), static_cast<unsigned>(stamp & 0xffff),
                  static_cast<unsigned>(seq & 0x0fff),
                  static_cast<unsigned>(0x8000 | ((random >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(random & 0xffffffffffffULL));
    return out;
}

} // namespace stratus::engine
