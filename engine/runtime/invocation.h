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
    /// CPU time the handler used (the Node.js and Python runtimes measure
    /// it); -1 when not known.
    int64_t cpuUs = -1;

    bool ok() const { return record.status == InvocationStatus::Ok; }
};

/// {"errorType": type, "errorMessage": message}, as the engine reports its own failures.
std::string errorObjectJson(const std::string &type, const std::string &message);

/// What a function's runtime posted as an error to the Runtime API
/// (/invocation/{id}/error or /init/error), as the caller receives it: the
/// body when it is a JSON object in UTF-8, else an error object made of it;
/// the type from the Lambda-Runtime-Function-Error-Type header, else the
/// body's errorType when it is a string, else `fallbackType`. Never throws,
/// whatever the bytes (the instance is the user's code).
struct PostedError
{
    std::string payload;
    std::string errorType;
};
PostedError postedError(const std::string &body, const std::string &typeHeader, const std::string &fallbackType);

/// Whether a body posted to /invocation/{id}/response can be the result the
/// caller receives: JSON, in UTF-8.
bool isValidResponse(std::string_view body);

/// The result of an invocation that never reached an instance (throttled,
/// engine stopping, no such function): no duration, the error as the payload.
InvocationResult failedInvocation(const InvocationRequest &request, const std::string &functionName,
                                  int memorySizeMB, InvocationStatus status,
                                  const std::string &errorType, const std::string &errorMessage);

} // namespace stratus::engine
