#pragma once

// What AWS's protocols share across the local endpoints: reading a request's
// headers and writing a JSON protocol answer.

#include "engine/model/json.h"
#include "engine/triggers/httpapi.h"

#include <optional>
#include <string>
#include <string_view>

namespace stratus::engine::services {

/// The value of header `lowerCaseName` (compared without case); "" when absent.
std::string headerOf(const http::Request &request, std::string_view lowerCaseName);

/// An answer of AWS's JSON protocols (application/x-amz-json-1.0), with a request id.
http::Response jsonProtocolAnswer(int status, const Json &body);

/// `text` percent-decoded to its bytes ('+' a space when `plusIsSpace`);
/// none when an escape is malformed (AWS refuses those, and so do we, so
/// that nothing is stored other than what was sent).
std::optional<std::string> urlDecoded(std::string_view text, bool plusIsSpace);
/// `bytes` percent-encoded as AWS's SigV4 and S3's encoding-type=url encode:
/// all but A-Z a-z 0-9 - _ . ~ (and '/' when `keepSlash`).
std::string urlEncoded(std::string_view bytes, bool keepSlash);

/// Text for an XML element's content or an attribute.
std::string xmlEscaped(std::string_view text);
/// <name>escaped text</name>
std::string element(const std::string &name, std::string_view text);

} // namespace stratus::engine::services
