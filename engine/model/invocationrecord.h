#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stratus::engine {

enum class InvocationStatus {
    Ok,
    Error,     ///< the handler failed (or init failed): payload holds the error object
    Timeout,   ///< killed at the deadline
    Throttled, ///< over the function's reserved concurrency (sync callers)
    Crashed,   ///< the instance died (exit, signal, out of memory)
};

const char *statusName(InvocationStatus status);
/// The status named by statusName(); Error for an unknown name.
InvocationStatus statusFromName(const std::string &name);

/// What the meter records of each invocation: the REPORT line's figures and
/// more. The runtime fills it; the run history stores it; the meter prices it.
struct InvocationRecord
{
    std::string requestId;
    std::string functionName;
    std::string trigger;
    std::string parentRequestId;
    int64_t startedAtUs = 0;    ///< Unix epoch, microseconds, when the instance got it
    bool coldStart = false;
    int64_t initDurationUs = 0; ///< cold starts only: spawn to ready
    int64_t durationUs = 0;     ///< the handler's run, as the instance measured it
    int64_t billedDurationMs = 0; ///< durationUs rounded up to 1 ms (AWS since Dec 2020)
    int64_t waitUs = 0;         ///< time queued for an instance (not billed)
    int memorySizeMB = 0;
    int maxMemoryUsedMB = 0;    ///< the instance's peak RSS
    InvocationStatus status = InvocationStatus::Ok;
    std::string errorType;
    std::string errorMessage;
    std::vector<std::string> logs; ///< START, the function's lines, END, REPORT
};

/// "REPORT RequestId: … Duration: 27.55 ms Billed Duration: 28 ms Memory Size:
/// 1024 MB Max Memory Used: 72 MB Init Duration: 118.31 ms", as CloudWatch shows it.
std::string reportLine(const InvocationRecord &record);

/// Duration in µs rounded up to whole milliseconds, at least 1.
int64_t billedMilliseconds(int64_t durationUs);

/// A new request id: a UUID (version 7) whose first 48 bits are the time in
/// milliseconds, so ids sort by time; unique within and across processes.
std::string newRequestId();

} // namespace stratus::engine
