#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stratus::engine {

/// One call of a function, as the engine hands it to an instance. Payloads are
/// raw JSON text: the engine never parses and re-writes them, so large
/// integers and exotic text reach the handler exactly as they were sent.
struct InvocationRequest
{
    std::string requestId;     ///< empty: one is made (time-ordered, unique)
    std::string payload = "{}"; ///< the event, JSON text
    std::string clientContext; ///< JSON text or empty (context.clientContext)
    std::string identity;      ///< JSON text or empty (context.identity)
    bool asynchronous = false; ///< async callers wait for capacity; sync callers are throttled
    std::string trigger;       ///< what started it ("cli", "http", ...), for the record
    std::string parentRequestId;
};

enum class InvocationStatus {
    Ok,
    Error,     ///< the handler failed (or init failed): payload holds the error object
    Timeout,   ///< killed at the deadline
    Throttled, ///< over the function's reserved concurrency (sync callers)
    Crashed,   ///< the instance died (exit, signal, out of memory)
};

const char *statusName(InvocationStatus status);

/// What the meter records of each invocation: the REPORT line's figures and
/// more. (engine/meter stores and prices these; this is the hook.)
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

/// The outcome handed back to the caller.
struct InvocationResult
{
    InvocationRecord record;
    /// The result JSON on success; the error object JSON otherwise (the shape
    /// the function's runtime reports on AWS).
    std::string payload;

    bool ok() const { return record.status == InvocationStatus::Ok; }
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
