#include "invocation.h"

#include "engine/model/json.h"

namespace stratus::engine {

std::string errorObjectJson(const std::string &type, const std::string &message)
{
    return Json{{"errorType", type}, {"errorMessage", message}}.dump();
}

InvocationResult failedInvocation(const InvocationRequest &request, const std::string &functionName,
                                  int memorySizeMB, InvocationStatus status,
                                  const std::string &errorType, const std::string &errorMessage)
{
    InvocationResult r;
    r.record.requestId = request.requestId.empty() ? newRequestId() : request.requestId;
    r.record.functionName = functionName;
    r.record.trigger = request.trigger;
    r.record.memorySizeMB = memorySizeMB;
    r.record.status = status;
    r.record.errorType = errorType;
    r.record.errorMessage = errorMessage;
    r.payload = errorObjectJson(errorType, errorMessage);
    return r;
}

} // namespace stratus::engine
