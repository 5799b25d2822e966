#include "awsprotocol.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/text.h"

namespace stratus::engine::services {

std::string headerOf(const http::Request &request, std::string_view lowerCaseName)
{
    for (const auto &[key, value] : request.headers) {
        if (asciiLowercase(key) == lowerCaseName)
            return value;
    }
    return {};
}

http::Response jsonProtocolAnswer(int status, const Json &body)
{
    http::Response r;
    r.status = status;
    r.headers = {{"Content-Type", "application/x-amz-json-1.0"}, {"x-amzn-RequestId", newRequestId()}};
    r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

} // namespace stratus::engine::services
