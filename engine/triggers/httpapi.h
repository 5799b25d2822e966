#pragma once

// API Gateway's HTTP API, as a pure model: which route a request takes, the
// event a function receives (payload format 2.0, or 1.0 = the REST API proxy
// event), how a function's result becomes the HTTP answer, and CORS. No
// sockets here: the gateway (gateway.h) feeds it requests and writes answers.

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stratus::engine::http {

/// One route of the gateway: "METHOD /path" with {name} segments and an
/// optional final {proxy+}; method ANY matches every method.
struct Route
{
    std::string method; ///< GET, POST, ..., or ANY
    std::string path;   ///< "/items/{id}", "/files/{proxy+}"
    std::string target; ///< opaque to the table: what the caller routes to (a trigger's node id)
};

/// A route a request took.
struct RouteMatch
{
    const Route *route = nullptr;                       ///< into routes(); valid until the next add()
    std::string routeKey;                               ///< "GET /items/{id}"
    std::map<std::string, std::string> pathParameters;  ///< decoded values, {"id": "42"}, {"proxy": "a/b"}
};

/// Routes matched as HTTP API matches them: the most specific route wins
/// (a literal segment beats a {param}, which beats a greedy {proxy+}; a
/// method beats ANY). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
class RouteTable
{
public:
    /// Fails, naming both, when an equal route (same method and same path
    /// shape) is already there; also fails for a path HTTP API would not
    /// accept (no leading '/', a trailing '/', an empty segment, braces inside
    /// a segment, {proxy+} before the end, a parameter named twice). The
    /// method is kept upper-case.
    Status add(Route route);
    /// `path` is the raw request path (percent-encoded, no query). As HTTP API
    /// does, it is percent-decoded before routing (so %2F separates segments)
    /// and one trailing '/' is ignored; a {proxy+} needs at least one segment.
    std::optional<RouteMatch> match(const std::string &method, const std::string &path) const;
    /// True when some route has this path whatever its method (a 404 vs. a
    /// preflight or a "method not allowed" decision is the caller's).
    bool hasPath(const std::string &path) const;
    const std::vector<Route> &routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

/// An HTTP request as the gateway read it off the wire.
struct Request
{
    std::string method;
    std::string rawPath;        ///< percent-encoded, as sent
    std::string rawQueryString; ///< after '?', as sent, without '?'
    std::vector<std::pair<std::string, std::string>> headers; ///< in order, names as sent, duplicates kept
    std::string body;           ///< bytes
    std::string protocol = "HTTP/1.1";
    std::string sourceIp = "127.0.0.1";
    std::string requestId; ///< API Gateway's requestContext.requestId
    int64_t timeEpochMs = 0;
    /// Whether the client still waits for the answer (the gateway sets it):
    /// a handler that waits (a long poll) stops when it no longer does.
    std::function<bool()> clientWaiting;
};

/// What the events name of the account (the ARNs a local run shows).
struct ApiContext
{
    std::string accountId = "000000000000";
    std::string apiId = "local";
    std::string stage = "$default";
    std::string region = "us-east-1";
    std::string domainName; ///< "127.0.0.1:8080"; empty: from the Host header
};

/// The payload format 2.0 event for `request` on `match`: version, routeKey,
/// rawPath, rawQueryString, cookies, headers (lower-case names, duplicates
/// joined with commas), queryStringParameters (likewise), pathParameters,
/// requestContext (accountId, apiId, domainName, domainPrefix, http {method,
/// path, protocol, sourceIp, userAgent}, requestId, routeKey, stage, time,
/// timeEpoch), body, isBase64Encoded (bodies that are not text are base64).
/// Absent parts are left out as API Gateway leaves them out. rawPath and
/// requestContext.http.path are the percent-decoded path, as HTTP API sends
/// them; an empty match.routeKey stands for "$default". Every string in the
/// event is valid UTF-8 (bytes that are not become U+FFFD), so dump() is safe.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
Json eventV2(const Request &request, const RouteMatch &match, const ApiContext &context);

/// The payload format 1.0 event (the REST API proxy event): resource, path,
/// httpMethod, headers and multiValueHeaders, queryStringParameters and
/// multiValueQueryStringParameters, pathParameters, stageVariables,
/// requestContext, body, isBase64Encoded.
Json eventV1(const Request &request, const RouteMatch &match, const ApiContext &context);

/// An HTTP answer to write.
struct Response
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers; ///< Set-Cookie may repeat
    std::string body;
    /// An answer to HEAD: the Content-Length its GET would have (no body is
    /// written); -1 for any other answer.
    long long headContentLength = -1;
};

/// A function's result (JSON text) turned into the answer by payload format
/// 2.0's rules: an object with statusCode gives status, headers, cookies
/// (one Set-Cookie each), body (base64-decoded when isBase64Encoded); any
/// other valid JSON (an object without statusCode, a string, a number...) is
/// a 200 with Content-Type application/json and the result as its body (a
/// string's value, anything else the JSON text as the function returned it).
/// A statusCode answer without a Content-Type gets application/json.
/// Fails when the result is a malformed proxy response (a statusCode that is
/// not a whole number 100-599, headers that are not an object of strings...),
/// which the gateway answers 502.
Result<Response> responseFromResultV2(const std::string &result);

/// The same by payload format 1.0's rules (statusCode, headers,
/// multiValueHeaders, body, isBase64Encoded; a result that is not such an
/// object is a malformed response).
Result<Response> responseFromResultV1(const std::string &result);

/// The answers API Gateway gives of its own, with its JSON {"message": ...}
/// body: 404 "Not Found", 413 "Request Entity Too Large", 500 "Internal
/// Server Error", 502 "Internal Server Error", 503 "Service Unavailable".
Response errorResponse(int status);
/// The value of a hex digit; -1 for any other character.
int hexValue(char c);
/// HTTP's reason phrase for `status` ("Request Entity Too Large" for 413).
const char *reasonPhrase(int status);

/// A trigger's CORS configuration: {allowOrigins[], allowMethods[],
/// allowHeaders[], maxAgeS} (the workspace format's `cors`), plus the two
/// optional settings docs/workspace-json.md adds (exposeHeaders,
/// allowCredentials).
struct Cors
{
    std::vector<std::string> allowOrigins;
    std::vector<std::string> allowMethods;
    std::vector<std::string> allowHeaders;
    std::optional<int> maxAgeS;
    std::vector<std::string> exposeHeaders; ///< Access-Control-Expose-Headers on actual answers
    bool allowCredentials = false;          ///< Access-Control-Allow-Credentials: true
    static Cors fromJson(const Json &cors); ///< assumes a validated config
    bool empty() const { return allowOrigins.empty(); }
};

/// The answer to a CORS preflight (OPTIONS with Origin and
/// Access-Control-Request-Method), as HTTP API gives it: 204 with the
/// Access-Control-Allow-* headers when the origin and method are allowed,
/// else 204 without them. nullopt when `request` is not a preflight, or when
/// no CORS is configured (API Gateway then routes the OPTIONS like any other).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
std::optional<Response> preflightResponse(const Cors &cors, const Request &request);

/// Adds Access-Control-Allow-Origin (and Vary/expose headers as HTTP API
/// does) to an answer for a request with an allowed Origin. With CORS
/// configured, the function's own Access-Control-* headers are dropped first,
/// as API Gateway ignores them.
void addCorsHeaders(const Cors &cors, const Request &request, Response &response);

/// The value of a header (case-insensitive), the first one when repeated.
std::optional<std::string> headerValue(const std::vector<std::pair<std::string, std::string>> &headers,
                                       const std::string &name);

} // namespace stratus::engine::http
