#pragma once

// What AWS's protocols share across the local endpoints: reading a request's
// headers and writing a JSON protocol answer.

#include "engine/model/json.h"
#include "engine/triggers/httpapi.h"

#include <string>
#include <string_view>

namespace stratus::engine::services {

/// The value of header `lowerCaseName` (compared without case); "" when absent.
std::string headerOf(const http::Request &request, std::string_view lowerCaseName);

/// An answer of AWS's JSON protocols (application/x-amz-json-1.0), with a request id.
http::Response jsonProtocolAnswer(int status, const Json &body);

} // namespace stratus::engine::services
