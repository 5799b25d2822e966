#pragma once

#include "engine/model/invocationrecord.h"

#include <string>

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

/// The outcome handed back to the caller.
struct InvocationResult
{
    InvocationRecord record;
    /// The result JSON on success; the error object JSON otherwise (the shape
    /// the function's runtime reports on AWS).
    std::string payload;

    bool ok() const { return record.status == InvocationStatus::Ok; }
};

} // namespace stratus::engine
