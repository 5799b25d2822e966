#include "invocation.h"

#include "engine/model/json.h"
#include "engine/model/text.h"

namespace stratus::engine {

std::string errorObjectJson(const std::string &type, const std::string &message)
{
    // The text may come from a function (its output, a header it sent): bytes
    // that are not UTF-8 become U+FFFD rather than an exception.
    return Json{{"errorType", type}, {"errorMessage", message}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool isValidResponse(std::string_view body)
{
    return isValidUtf8(body) && Json::accept(body.begin(), body.end());
}

PostedError postedError(const std::string &body, const std::string &typeHeader, const std::string &fallbackType)
{
    PostedError e;
    // A header is Latin-1 on the wire: keep what is printable of it.
    e.errorType = printable(typeHeader);
    const Json parsed = isValidUtf8(body) ? Json::parse(body, nullptr, false) : Json(Json::value_t::discarded);
    if (parsed.is_object()) {
        e.payload = body;
        if (auto type = parsed.find("errorType"); e.errorType.empty() && type != parsed.end() && type->is_string())
            e.errorType = printable(type->get<std::string>());
    } else {
        e.payload = errorObjectJson(e.errorType.empty() ? fallbackType : e.errorType, body);
    }
    if (e.errorType.empty())
        e.errorType = fallbackType;
    return e;
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
