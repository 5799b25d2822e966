// The bodies a function's runtime posts to the Lambda Runtime API
// (engine/runtime/runtimeapi.h): RuntimeApiServer hands the raw body of
// /invocation/{id}/response, /invocation/{id}/error and /init/error, and the
// Lambda-Runtime-Function-Error-Type header, to the worker, which reads them
// with isValidResponse() and postedError() (engine/runtime/invocation.h).
// The instance is the user's code: any bytes must come out as a result or
// an error object the caller can print and store, never as an exception.
//
// Input: the header value, a newline, then the body.

#include "fuzzinput.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/runtime/invocation.h"

#include <string>

using namespace stratus::engine;

namespace {

/// What the worker makes of an error post: a JSON payload and a type, both
/// UTF-8 (they are printed, stored in the history and sent on as JSON).
void checkError(const std::string &body, const std::string &type, const char *fallback)
{
    const PostedError e = postedError(body, type, fallback);
    if (!isValidResponse(e.payload) || e.errorType.empty() || !isValidUtf8(e.errorType))
        stratus::fuzz::violated();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Lambda's own limit on a response is 6 MB; 64 KiB keeps runs fast and
    // covers every shape of body.
    if (size > 64 * 1024)
        return 0;
    const auto parts = stratus::fuzz::split(stratus::fuzz::text(data, size), '\n', 2);
    const std::string type = parts.size() == 2 ? parts[0] : std::string();
    const std::string &body = parts.back();

    // /invocation/{id}/response: what is accepted is JSON in UTF-8.
    if (isValidResponse(body) && (!isValidUtf8(body) || !Json::accept(body)))
        stratus::fuzz::violated();
    // The engine's own error objects, whatever text they carry.
    if (!isValidResponse(errorObjectJson(type, body)))
        stratus::fuzz::violated();
    // /invocation/{id}/error and /init/error, with the worker's fallbacks.
    checkError(body, type, "Runtime.Unknown");
    checkError(body, type, "Runtime.InitError");
    return 0;
}
