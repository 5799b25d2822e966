// API Gateway's HTTP API in front of Lambda, as AWS documents it. Routes:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
// Events and function responses (payload formats 1.0 and 2.0):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// The 1.0 single-value maps and the headers + multiValueHeaders merge:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
// CORS:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
// Errors ({"message":"Internal Server Error"}; REST APIs write "Internal server error"):
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
// Where the pages are silent, what HTTP API was seen to do in published
// captures (and AWS's own SAM CLI, samcli/local/apigw/local_apigw_service.py)
// decides; each such place says so.

#include "httpapi.h"

#include "engine/model/text.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>
#include <unordered_map>

namespace stratus::engine::http {

namespace {

/// Responses are parsed into nlohmann's std::map flavour: the ordered flavour
/// looks keys up linearly, so a hostile result of 500,000 keys would take
/// minutes to parse. Header order in an answer carries no meaning.
using PlainJson = nlohmann::json;

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), asciiLower);
    return out;
}

std::string upper(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return asciiLower(x) == asciiLower(y);
           });
}

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

/// `text` as valid UTF-8: nlohmann's dump() throws on anything else, and
/// requests are outside input.
std::string utf8(std::string_view text)
{
    if (isValidUtf8(text))
        return std::string(text);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toStdString();
}


/// %XX sequences decoded; a '%' not followed by two hex digits stays as it
/// is. `plusIsSpace` for query strings, where API Gateway reads '+' as a
/// space (form encoding; reported in aws-cdk#19827); in paths '+' is itself.
std::string percentDecoded(std::string_view text, bool plusIsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += (plusIsSpace && c == '+') ? ' ' : c;
    }
    return out;
}

/// Appends a key the caller knows is new: ordered_json's own insertion looks
/// for the key first, which is quadratic over a hostile request's many
/// headers or query parameters.
void appendNew(Json &object, std::string key, Json value)
{
    object.get_ref<Json::object_t &>().emplace_back(std::move(key), std::move(value));
}

// ---------------------------------------------------------------- routes

struct Segment
{
    enum Kind { Literal = 0, Parameter = 1, Greedy = 2 };
    Kind kind = Literal;
    std::string text; ///< the literal, or the parameter's name
};

/// A route path split into segments, or why HTTP API would refuse it.
Result<std::vector<Segment>> routeShape(const std::string &path)
{
    if (path.empty() || path.front() != '/')
        return Status::invalidArgument("the path must start with '/'");
    std::vector<Segment> shape;
    if (path == "/")
        return shape;
    if (path.back() == '/')
        return Status::invalidArgument("the path must not end with '/'");
    std::set<std::string> names;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        const std::string text = path.substr(start, end - start);
        if (text.empty())
            return Status::invalidArgument("the path has an empty segment");
        if (!shape.empty() && shape.back().kind == Segment::Greedy)
            return Status::invalidArgument("a greedy {name+} segment must be the last");
        Segment segment;
        if (text.front() == '{' && text.back() == '}' && text.size() >= 2) {
            std::string name = text.substr(1, text.size() - 2);
            segment.kind = Segment::Parameter;
            if (!name.empty() && name.back() == '+') {
                segment.kind = Segment::Greedy;
                name.pop_back();
            }
            if (name.empty() || name.find_first_of("{}+") != std::string::npos)
                return Status::invalidArgument("segment " + quote(text) + " is not a valid {name}");
            if (!names.insert(name).second)
                return Status::invalidArgument("the parameter " + quote(name) + " appears twice");
            segment.text = std::move(name);
        } else if (text.find_first_of("{}") != std::string::npos) {
            return Status::invalidArgument(
                "segment " + quote(text) +
                " mixes braces with text; a {name} must be a whole segment");
        } else {
            segment.text = text;
        }
        shape.push_back(std::move(segment));
        start = end + 1;
    }
    return shape;
}

/// "/a/{}/{+}": what makes two routes the same whatever their names.
std::string shapeKey(const std::vector<Segment> &shape)
{
    std::string key;
    for (const Segment &s : shape) {
        key += '/';
        key += s.kind == Segment::Literal     ? "=" + s.text
               : s.kind == Segment::Parameter ? "{}"
                                              : "{+}";
    }
    return key;
}

/// The decoded request path's segments. HTTP API routes "/a/" like "/a"
/// (tested and reported in powertools-lambda-python#1552), and refuses route
/// paths ending in '/', so the two cannot be told apart by a route.
std::vector<std::string> requestSegments(const std::string &decodedPath)
{
    std::string_view path = decodedPath;
    if (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    std::vector<std::string> segments;
    if (path == "/")
        return segments;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

std::optional<std::map<std::string, std::string>>
bindSegments(const std::vector<Segment> &shape, const std::vector<std::string> &segments)
{
    std::map<std::string, std::string> parameters;
    for (size_t i = 0; i < shape.size(); ++i) {
        const Segment &s = shape[i];
        if (s.kind == Segment::Greedy) {
            // "Catches all child resources": one segment at least.
            std::string rest;
            for (size_t k = i; k < segments.size(); ++k)
                rest += (k > i ? "/" : "") + segments[k];
            if (rest.empty())
                return std::nullopt;
            parameters[s.text] = std::move(rest);
            return parameters;
        }
        if (i >= segments.size())
            return std::nullopt;
        if (s.kind == Segment::Literal ? segments[i] != s.text : segments[i].empty())
            return std::nullopt;
        if (s.kind == Segment::Parameter)
            parameters[s.text] = segments[i];
    }
    if (segments.size() != shape.size())
        return std::nullopt;
    return parameters;
}

/// Lower is more specific. The page's priorities: a full match (literal or
/// {param} segments only) before a greedy one; between those, literal beats
/// {param} beats {proxy+} segment by segment from the left ("GET /pets/dog/1"
/// beats "GET /pets/dog/{id}"); then a method beats ANY.
struct Specificity
{
    bool greedy = false;
    std::vector<int> kinds;
    bool anyMethod = false;
    bool operator<(const Specificity &other) const
    {
        return std::tie(greedy, kinds, anyMethod) <
               std::tie(other.greedy, other.kinds, other.anyMethod);
    }
};

Specificity specificity(const std::vector<Segment> &shape, bool anyMethod)
{
    Specificity s;
    s.anyMethod = anyMethod;
    for (const Segment &segment : shape) {
        s.kinds.push_back(segment.kind);
        s.greedy = s.greedy || segment.kind == Segment::Greedy;
    }
    return s;
}

std::string routeKey(const Route &route)
{
    return route.method + " " + route.path;
}

// ---------------------------------------------------------------- events

struct Group
{
    std::string name;
    std::vector<std::string> values;
};

/// Values grouped by name in order of first appearance.
class Grouper
{
public:
    void add(std::string name, std::string value)
    {
        auto [it, isNew] = m_index.try_emplace(name, m_groups.size());
        if (isNew)
            m_groups.push_back({std::move(name), {}});
        m_groups[it->second].values.push_back(std::move(value));
    }
    const std::vector<Group> &groups() const { return m_groups; }

private:
    std::unordered_map<std::string, size_t> m_index;
    std::vector<Group> m_groups;
};

/// Header names lower-cased: the page says "All headernames are lowercased"
/// for both formats. `withCookies` false leaves Cookie out (2.0 moves it to
/// `cookies`).
std::vector<Group> requestHeaders(const Request &request, bool withCookies)
{
    Grouper grouper;
    for (const auto &[name, value] : request.headers) {
        std::string key = utf8(lower(name));
        if (!withCookies && key == "cookie")
            continue;
        grouper.add(std::move(key), utf8(value));
    }
    return grouper.groups();
}

std::vector<std::string> requestCookies(const Request &request)
{
    std::vector<std::string> cookies;
    for (const auto &[name, value] : request.headers) {
        if (!equalsIgnoringCase(name, "cookie"))
            continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const size_t semicolon = rest.find(';');
            const std::string_view cookie = trimmed(rest.substr(0, semicolon));
            if (!cookie.empty())
                cookies.push_back(utf8(cookie));
            rest = semicolon == std::string_view::npos ? std::string_view()
                                                       : rest.substr(semicolon + 1);
        }
    }
    return cookies;
}

/// Names and values decoded ('+' is a space, as API Gateway reads it); a
/// name without '=' has the value "", an empty name is dropped.
std::vector<Group> queryParameters(const std::string &rawQuery)
{
    Grouper grouper;
    std::string_view rest = rawQuery;
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const size_t eq = pair.find('=');
        std::string name = utf8(percentDecoded(pair.substr(0, eq), true));
        if (name.empty())
            continue;
        std::string value = eq == std::string_view::npos
                                ? std::string()
                                : utf8(percentDecoded(pair.substr(eq + 1), true));
        grouper.add(std::move(name), std::move(value));
    }
    return grouper.groups();
}

/// Which request bodies reach the function as text. HTTP API has no
/// binaryMediaTypes setting and the page only says binary bodies are base64;
/// captures against AWS (ministack PR #766, AWS's own Function URL slides)
/// show text only for text/*, application/json, application/xml and
/// application/javascript: a missing Content-Type and even
/// application/x-www-form-urlencoded arrive base64.
bool isTextMediaType(const std::optional<std::string> &contentType)
{
    if (!contentType)
        return false;
    const std::string type =
        lower(trimmed(std::string_view(*contentType).substr(0, contentType->find(';'))));
    return type.rfind("text/", 0) == 0 || type == "application/json" || type == "application/xml" ||
           type == "application/javascript";
}

struct EventBody
{
    bool present = false;
    std::string text;
    bool base64 = false;
};

EventBody eventBody(const Request &request)
{
    if (request.body.empty())
        return {};
    if (isTextMediaType(headerValue(request.headers, "content-type")) && isValidUtf8(request.body))
        return {true, request.body, false};
    const QByteArray bytes =
        QByteArray::fromRawData(request.body.data(), static_cast<qsizetype>(request.body.size()));
    return {true, bytes.toBase64().toStdString(), true};
}

/// "12/Mar/2020:19:03:58 +0000", in English whatever the locale.
std::string requestTime(int64_t epochMs)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Years 1970-9999 keep the four-digit form.
    const int64_t clamped = std::clamp<int64_t>(epochMs, 0, 253402300799999);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(clamped, Qt::UTC);
    const QDate date = at.date();
    const QTime time = at.time();
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%02d/%s/%04d:%02d:%02d:%02d +0000", date.day(),
                  months[std::clamp(date.month(), 1, 12) - 1], date.year(), time.hour(),
                  time.minute(), time.second());
    return buffer;
}

std::string domainName(const Request &request, const ApiContext &context)
{
    if (!context.domainName.empty())
        return utf8(context.domainName);
    return utf8(headerValue(request.headers, "host").value_or(std::string()));
}

/// The first label of the host ("id" of id.execute-api...). An IP address
/// has no labels to speak of: the whole address.
std::string domainPrefix(const std::string &domain)
{
    std::string host = domain;
    if (!host.empty() && host.front() == '[')
        return host.substr(0, host.find(']') + 1);
    host = host.substr(0, host.find(':'));
    const bool ipv4 = !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
    return ipv4 ? host : host.substr(0, host.find('.'));
}

std::string userAgent(const Request &request)
{
    return utf8(headerValue(request.headers, "user-agent").value_or(std::string()));
}

Json pathParametersObject(const RouteMatch &match)
{
    Json object = Json::object();
    for (const auto &[name, value] : match.pathParameters)
        appendNew(object, utf8(name), utf8(value));
    return object;
}

// ---------------------------------------------------------------- responses

/// A value for a message: scalars as JSON (cut short), containers by kind.
std::string shown(const PlainJson &value)
{
    if (value.is_object())
        return "an object";
    if (value.is_array())
        return "a list";
    std::string text = value.dump(-1, ' ', false, PlainJson::error_handler_t::replace);
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return printable(text);
}

/// RFC 9110 token characters: what a header name may hold.
bool isToken(std::string_view name)
{
    static const std::string_view extra = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               extra.find(c) != std::string_view::npos;
    });
}

/// A CR or LF in a value would let a function write headers of its own
/// choosing into the answer (response splitting); NUL ends C strings.
bool isSafeHeaderValue(std::string_view value)
{
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

/// Header values may be numbers or booleans too (JavaScript functions often
/// return {"Content-Length": 12}): API Gateway writes them as text.
Result<std::string> headerText(const std::string &where, const PlainJson &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return std::string(value.get<bool>() ? "true" : "false");
    if (value.is_number())
        return value.dump();
    return Status::invalidArgument(where + " is " + shown(value) + ", not text");
}

Status addHeader(Response &response, const std::string &name, std::string value)
{
    if (!isToken(name))
        return Status::invalidArgument("header name " + quote(name) +
                                       " is not a valid HTTP header name");
    if (!isSafeHeaderValue(value))
        return Status::invalidArgument("header " + quote(name) +
                                       " has a line break or NUL in its value");
    response.headers.emplace_back(name, std::move(value));
    return Status::ok();
}

Result<PlainJson> parseResult(const std::string &text)
{
    if (!isValidUtf8(text))
        return Status::invalidArgument("the result is not UTF-8 text");
    if (text.find('\0') != std::string::npos)
        return Status::invalidArgument("the result has a NUL byte, which JSON does not allow");
    try {
        return PlainJson::parse(text);
    } catch (const PlainJson::parse_error &e) {
        if (text.find_first_not_of(" \t\r\n") == std::string::npos)
            return Status::invalidArgument("the result is empty, not JSON");
        std::string reason = e.what();
        if (const auto pos = reason.find("syntax error"); pos != std::string::npos)
            reason = reason.substr(pos);
        const size_t at = e.byte > 0 ? std::min<size_t>(e.byte - 1, text.size()) : 0;
        return Status::invalidArgument("the result is not JSON: " + lineAndColumn(text, at) + ": " +
                                       printable(reason));
    } catch (const std::exception &e) {
        return Status::invalidArgument(std::string("the result is not JSON: ") +
                                       printable(e.what()));
    }
}

const PlainJson *field(const PlainJson &object, const char *name)
{
    const auto it = object.find(name);
    return (it == object.end() || it->is_null()) ? nullptr : &*it;
}

Result<int> statusCode(const PlainJson &value)
{
    double number = -1;
    if (value.is_number_unsigned())
        number = static_cast<double>(std::min<uint64_t>(value.get<uint64_t>(), 1000));
    else if (value.is_number_integer())
        number = static_cast<double>(std::clamp<int64_t>(value.get<int64_t>(), -1, 1000));
    else if (value.is_number_float())
        number = value.get<double>();
    // A whole-number float (Python's 200.0) is still a status.
    if (!std::isfinite(number) || number != std::floor(number) || number < 100 || number > 599)
        return Status::invalidArgument("statusCode " + shown(value) +
                                       " is not a whole number 100-599");
    return static_cast<int>(number);
}

/// The proxy-response object both formats share: statusCode, headers, body,
/// isBase64Encoded; 2.0 adds cookies, 1.0 multiValueHeaders. Other keys are
/// ignored: HTTP API skips them (SAM CLI notes it; REST APIs would refuse).
Result<Response> proxyResponse(const PlainJson &object, bool v2)
{
    Response response;
    const auto code = object.find("statusCode");
    if (code == object.end())
        return Status::invalidArgument("the result has no statusCode");
    auto status = statusCode(*code);
    if (!status)
        return status.status();
    response.status = *status;

    if (const PlainJson *headers = field(object, "headers")) {
        if (!headers->is_object())
            return Status::invalidArgument("headers is " + shown(*headers) + ", not an object");
        for (const auto &[name, value] : headers->items()) {
            if (value.is_null())
                continue;
            auto text = headerText("header " + quote(name), value);
            if (!text)
                return text.status();
            if (Status added = addHeader(response, name, text.take()); !added)
                return added;
        }
    }
    if (const PlainJson *multi = v2 ? nullptr : field(object, "multiValueHeaders")) {
        if (!multi->is_object())
            return Status::invalidArgument("multiValueHeaders is " + shown(*multi) +
                                           ", not an object");
        // "If the same key-value pair is specified in both, only the values
        // from multiValueHeaders will appear": a pair already given once
        // is not repeated; other values add to the list.
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto &[name, value] : response.headers)
            seen.emplace(lower(name), value);
        for (const auto &[name, values] : multi->items()) {
            if (values.is_null())
                continue;
            if (!values.is_array())
                return Status::invalidArgument("multiValueHeaders " + quote(name) + " is " +
                                               shown(values) + ", not a list");
            for (const PlainJson &value : values) {
                auto text = headerText("a value of multiValueHeaders " + quote(name), value);
                if (!text)
                    return text.status();
                if (!seen.emplace(lower(name), *text).second)
                    continue;
                if (Status added = addHeader(response, name, text.take()); !added)
                    return added;
            }
        }
    }
    if (const PlainJson *cookies = v2 ? field(object, "cookies") : nullptr) {
        if (!cookies->is_array())
            return Status::invalidArgument("cookies is " + shown(*cookies) +
                                           ", not a list of strings");
        for (const PlainJson &cookie : *cookies) {
            if (!cookie.is_string())
                return Status::invalidArgument("a cookie is " + shown(cookie) + ", not a string");
            if (Status added = addHeader(response, "Set-Cookie", cookie.get<std::string>()); !added)
                return added;
        }
    }

    bool base64 = false;
    if (const PlainJson *flag = field(object, "isBase64Encoded")) {
        if (!flag->is_boolean())
            return Status::invalidArgument("isBase64Encoded is " + shown(*flag) +
                                           ", not true or false");
        base64 = flag->get<bool>();
    }
    if (const PlainJson *body = field(object, "body")) {
        if (!body->is_string())
            return Status::invalidArgument("body is " + shown(*body) + ", not a string");
        response.body = body->get<std::string>();
    }
    if (base64) {
        // HTTP API decodes whenever the flag is set, whatever the type (it
        // has no binaryMediaTypes), with either format.
        const auto decoded = QByteArray::fromBase64Encoding(
            QByteArray::fromStdString(response.body), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return Status::invalidArgument("isBase64Encoded is true but body is not valid base64");
        response.body = decoded.decoded.toStdString();
    }
    // SAM CLI's choice for both formats; the page's inferred 2.0 answer too.
    if (!headerValue(response.headers, "content-type"))
        response.headers.emplace_back("Content-Type", "application/json");
    return response;
}

Result<Response> withContext(Result<Response> result, const char *format)
{
    if (result)
        return result;
    return result.status().withContext(std::string("malformed payload format ") + format +
                                       " response from the function");
}


// ---------------------------------------------------------------- CORS

bool containsIgnoringCase(const std::vector<std::string> &list, std::string_view item)
{
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string &x) { return equalsIgnoringCase(trimmed(x), item); });
}

bool originAllowed(const Cors &cors, const std::string &origin)
{
    return containsIgnoringCase(cors.allowOrigins, "*") ||
           containsIgnoringCase(cors.allowOrigins, origin);
}

/// The Allow-Origin value, and whether it names the origin (which makes the
/// answer vary by Origin). "*" cannot carry credentials (Fetch standard), so
/// with allowCredentials the origin is named.
std::pair<std::string, bool> allowOriginValue(const Cors &cors, const std::string &origin)
{
    if (containsIgnoringCase(cors.allowOrigins, "*") && !cors.allowCredentials)
        return {"*", false};
    return {origin, true};
}

std::vector<std::string> stringList(const Json &object, const char *name)
{
    std::vector<std::string> out;
    const auto it = object.find(name);
    if (it == object.end() || !it->is_array())
        return out;
    for (const Json &item : *it) {
        if (item.is_string())
            out.push_back(item.get<std::string>());
    }
    return out;
}

} // namespace

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Request Entity Too Large";
    case 414:
        return "Request-URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return nullptr;
    }
}

// ---------------------------------------------------------------- RouteTable

Status RouteTable::add(Route route)
{
    route.method = upper(route.method);
    const std::string key = routeKey(route);
    if (route.method.empty() || !isToken(route.method))
        return Status::invalidArgument("route " + quote(key) +
                                       ": the method is not a valid HTTP method");
    auto shape = routeShape(route.path);
    if (!shape)
        return shape.status().withContext("route " + quote(key));
    const std::string shapeOfNew = shapeKey(*shape);
    for (const Route &existing : m_routes) {
        if (existing.method != route.method)
            continue;
        auto other = routeShape(existing.path);
        if (other && shapeKey(*other) == shapeOfNew) {
            return Status::invalidArgument("route " + quote(key) + " (" + quote(route.target) +
                                           ") matches the same requests as route " +
                                           quote(routeKey(existing)) + " (" +
                                           quote(existing.target) + ")");
        }
    }
    m_routes.push_back(std::move(route));
    return Status::ok();
}

std::optional<RouteMatch> RouteTable::match(const std::string &method,
                                            const std::string &path) const
{
    if (path.empty() || path.front() != '/')
        return std::nullopt;
    // HTTP API decodes the path before it routes: captures show "/a%2Fb"
    // arriving as rawPath "/a/b" (aws-lambda-fastify#169), and AWS's Lambda
    // test tool decodes path and parameters alike (aws-lambda-dotnet#1901).
    const std::vector<std::string> segments = requestSegments(percentDecoded(path, false));
    std::optional<RouteMatch> best;
    Specificity bestRank;
    for (const Route &route : m_routes) {
        const bool any = route.method == "ANY";
        if (!any && route.method != method)
            continue;
        auto shape = routeShape(route.path);
        if (!shape)
            continue;
        auto parameters = bindSegments(*shape, segments);
        if (!parameters)
            continue;
        const Specificity rank = specificity(*shape, any);
        if (best && !(rank < bestRank))
            continue;
        best = RouteMatch{&route, routeKey(route), std::move(*parameters)};
        bestRank = rank;
    }
    return best;
}

bool RouteTable::hasPath(const std::string &path) const
{
    if (path.empty() || path.front() != '/')
        return false;
    const std::vector<std::string> segments = requestSegments(percentDecoded(path, false));
    return std::any_of(m_routes.begin(), m_routes.end(), [&](const Route &route) {
        auto shape = routeShape(route.path);
        return shape && bindSegments(*shape, segments).has_value();
    });
}

// ---------------------------------------------------------------- events

Json eventV2(const Request &request, const RouteMatch &match, const ApiContext &context)
{
    const std::string routeKey = match.routeKey.empty() ? "$default" : utf8(match.routeKey);
    // Decoded, as HTTP API sends it (see RouteTable::match). Captures also
    // show it cut at a decoded '?'; that quirk is not copied.
    const std::string path = utf8(percentDecoded(request.rawPath, false));

    // Keys in the order of the page's example.
    Json event = Json::object();
    event["version"] = "2.0";
    event["routeKey"] = routeKey;
    event["rawPath"] = path;
    event["rawQueryString"] = utf8(request.rawQueryString);
    if (const auto cookies = requestCookies(request); !cookies.empty())
        event["cookies"] = cookies;
    Json headers = Json::object();
    for (const Group &group : requestHeaders(request, false))
        appendNew(headers, group.name, joined(group.values, ","));
    event["headers"] = std::move(headers);
    if (const auto query = queryParameters(request.rawQueryString); !query.empty()) {
        Json parameters = Json::object();
        for (const Group &group : query)
            appendNew(parameters, group.name, joined(group.values, ","));
        event["queryStringParameters"] = std::move(parameters);
    }

    const std::string domain = domainName(request, context);
    Json http = Json::object();
    http["method"] = utf8(request.method);
    http["path"] = path;
    http["protocol"] = utf8(request.protocol);
    http["sourceIp"] = utf8(request.sourceIp);
    http["userAgent"] = userAgent(request);
    Json requestContext = Json::object();
    requestContext["accountId"] = utf8(context.accountId);
    requestContext["apiId"] = utf8(context.apiId);
    requestContext["domainName"] = domain;
    requestContext["domainPrefix"] = domainPrefix(domain);
    requestContext["http"] = std::move(http);
    requestContext["requestId"] = utf8(request.requestId);
    requestContext["routeKey"] = routeKey;
    requestContext["stage"] = utf8(context.stage);
    requestContext["time"] = requestTime(request.timeEpochMs);
    requestContext["timeEpoch"] = request.timeEpochMs;
    event["requestContext"] = std::move(requestContext);

    const EventBody body = eventBody(request);
    if (body.present)
        event["body"] = body.text;
    if (!match.pathParameters.empty())
        event["pathParameters"] = pathParametersObject(match);
    event["isBase64Encoded"] = body.base64;
    return event;
}

Json eventV1(const Request &request, const RouteMatch &match, const ApiContext &context)
{
    // An absent map is null in 1.0, as in the REST API's event.
    const std::string resource = match.route ? utf8(match.route->path) : "$default";
    const std::string path = utf8(percentDecoded(request.rawPath, false));

    Json event = Json::object();
    event["version"] = "1.0";
    event["resource"] = resource;
    event["path"] = path;
    event["httpMethod"] = utf8(request.method);

    // The single-value maps hold the last value, as REST APIs were measured
    // to (floci PR #3548); the page's 1.0 example shows the last header but
    // the first query value, so it cannot be followed for both.
    const auto headerGroups = requestHeaders(request, true);
    Json headers = nullptr;
    Json multiHeaders = nullptr;
    for (const Group &group : headerGroups) {
        if (headers.is_null()) {
            headers = Json::object();
            multiHeaders = Json::object();
        }
        appendNew(headers, group.name, group.values.back());
        appendNew(multiHeaders, group.name, group.values);
    }
    event["headers"] = std::move(headers);
    event["multiValueHeaders"] = std::move(multiHeaders);

    Json query = nullptr;
    Json multiQuery = nullptr;
    for (const Group &group : queryParameters(request.rawQueryString)) {
        if (query.is_null()) {
            query = Json::object();
            multiQuery = Json::object();
        }
        appendNew(query, group.name, group.values.back());
        appendNew(multiQuery, group.name, group.values);
    }
    event["queryStringParameters"] = std::move(query);
    event["multiValueQueryStringParameters"] = std::move(multiQuery);

    const std::string domain = domainName(request, context);
    Json identity = Json::object();
    for (const char *key : {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                            "cognitoAuthenticationType", "cognitoIdentityId",
                            "cognitoIdentityPoolId", "principalOrgId"})
        identity[key] = nullptr;
    identity["sourceIp"] = utf8(request.sourceIp);
    identity["user"] = nullptr;
    identity["userAgent"] = userAgent(request);
    identity["userArn"] = nullptr;

    Json requestContext = Json::object();
    requestContext["accountId"] = utf8(context.accountId);
    requestContext["apiId"] = utf8(context.apiId);
    requestContext["domainName"] = domain;
    requestContext["domainPrefix"] = domainPrefix(domain);
    requestContext["extendedRequestId"] = utf8(request.requestId);
    requestContext["httpMethod"] = utf8(request.method);
    requestContext["identity"] = std::move(identity);
    requestContext["path"] = path;
    requestContext["protocol"] = utf8(request.protocol);
    requestContext["requestId"] = utf8(request.requestId);
    requestContext["requestTime"] = requestTime(request.timeEpochMs);
    requestContext["requestTimeEpoch"] = request.timeEpochMs;
    requestContext["resourceId"] = nullptr;
    requestContext["resourcePath"] = resource;
    requestContext["stage"] = utf8(context.stage);
    event["requestContext"] = std::move(requestContext);

    event["pathParameters"] =
        match.pathParameters.empty() ? Json(nullptr) : pathParametersObject(match);
    event["stageVariables"] = nullptr;
    const EventBody body = eventBody(request);
    event["body"] = body.present ? Json(body.text) : Json(nullptr);
    event["isBase64Encoded"] = body.base64;
    return event;
}

// ---------------------------------------------------------------- responses

Result<Response> responseFromResultV2(const std::string &result)
{
    try {
        auto parsed = parseResult(result);
        if (!parsed)
            return withContext(parsed.status(), "2.0");
        const PlainJson &value = *parsed;
        if (value.is_object() && value.contains("statusCode"))
            return withContext(proxyResponse(value, true), "2.0");
        // "body is the function's response": the page's table turns the
        // string "Hello from Lambda!" into that text, and an object into its
        // JSON as written ({ "message": ... } keeps its spaces).
        Response response;
        response.headers.emplace_back("Content-Type", "application/json");
        if (value.is_string()) {
            response.body = value.get<std::string>();
        } else {
            const auto first = result.find_first_not_of(" \t\r\n");
            const auto last = result.find_last_not_of(" \t\r\n");
            response.body = result.substr(first, last - first + 1);
        }
        return response;
    } catch (const std::exception &e) {
        return Status::invalidArgument(std::string("the function's result could not be read: ") +
                                       printable(e.what()));
    }
}

Result<Response> responseFromResultV1(const std::string &result)
{
    try {
        auto parsed = parseResult(result);
        if (!parsed)
            return withContext(parsed.status(), "1.0");
        if (!parsed->is_object()) {
            return withContext(
                Status::invalidArgument("the result is " + shown(*parsed) +
                                        ", not an object with statusCode, headers and body"),
                "1.0");
        }
        return withContext(proxyResponse(*parsed, false), "1.0");
    } catch (const std::exception &e) {
        return Status::invalidArgument(std::string("the function's result could not be read: ") +
                                       printable(e.what()));
    }
}

Response errorResponse(int status)
{
    Response response;
    // 500 and 502 both say "Internal Server Error" (capital S: HTTP API's
    // text; REST APIs write "Internal server error").
    const char *message = reasonPhrase(status);
    if (status < 400 || status > 599)
        status = 500;
    if (!message)
        message = status < 500 ? "Bad Request" : "Internal Server Error";
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = Json{{"message", message}}.dump();
    return response;
}

// ---------------------------------------------------------------- CORS

Cors Cors::fromJson(const Json &cors)
{
    Cors out;
    if (!cors.is_object())
        return out;
    out.allowOrigins = stringList(cors, "allowOrigins");
    out.allowMethods = stringList(cors, "allowMethods");
    out.allowHeaders = stringList(cors, "allowHeaders");
    out.exposeHeaders = stringList(cors, "exposeHeaders");
    if (const auto it = cors.find("maxAgeS"); it != cors.end() && it->is_number_integer()) {
        const int64_t age = it->get<int64_t>();
        if (age >= 0 && age <= 86400)
            out.maxAgeS = static_cast<int>(age);
    }
    if (const auto it = cors.find("allowCredentials"); it != cors.end() && it->is_boolean())
        out.allowCredentials = it->get<bool>();
    return out;
}

std::optional<Response> preflightResponse(const Cors &cors, const Request &request)
{
    if (cors.empty() || request.method != "OPTIONS")
        return std::nullopt;
    const auto origin = headerValue(request.headers, "origin");
    const auto method = headerValue(request.headers, "access-control-request-method");
    if (!origin || !method)
        return std::nullopt;

    Response response;
    response.status = 204;
    // Without allowMethods the answer names none, and a browser then allows
    // only the CORS-safelisted GET, HEAD and POST.
    const std::string requested = std::string(trimmed(*method));
    const bool methodAllowed =
        cors.allowMethods.empty()
            ? (requested == "GET" || requested == "HEAD" || requested == "POST")
            : containsIgnoringCase(cors.allowMethods, "*") ||
                  containsIgnoringCase(cors.allowMethods, requested);
    // Origin and method are echoed in some answers: no line breaks there.
    if (!originAllowed(cors, *origin) || !methodAllowed || !isSafeHeaderValue(*origin) ||
        !isSafeHeaderValue(requested))
        return response;

    const auto [allowOrigin, namesOrigin] = allowOriginValue(cors, *origin);
    response.headers.emplace_back("Access-Control-Allow-Origin", allowOrigin);
    if (namesOrigin)
        response.headers.emplace_back("Vary", "Origin");
    if (cors.allowCredentials)
        response.headers.emplace_back("Access-Control-Allow-Credentials", "true");
    // With credentials a "*" is taken literally by browsers: name what was asked.
    if (!cors.allowMethods.empty()) {
        const bool wildcard = containsIgnoringCase(cors.allowMethods, "*");
        response.headers.emplace_back(
            "Access-Control-Allow-Methods",
            wildcard && cors.allowCredentials ? requested : joined(cors.allowMethods, ","));
    }
    if (!cors.allowHeaders.empty()) {
        const bool wildcard = containsIgnoringCase(cors.allowHeaders, "*");
        const std::string asked =
            headerValue(request.headers, "access-control-request-headers").value_or("");
        std::string value =
            wildcard && cors.allowCredentials ? asked : joined(cors.allowHeaders, ",");
        if (!value.empty() && isSafeHeaderValue(value))
            response.headers.emplace_back("Access-Control-Allow-Headers", std::move(value));
    }
    if (cors.maxAgeS)
        response.headers.emplace_back("Access-Control-Max-Age", std::to_string(*cors.maxAgeS));
    return response;
}

void addCorsHeaders(const Cors &cors, const Request &request, Response &response)
{
    if (cors.empty())
        return;
    // "If you configure CORS for an API, API Gateway ignores CORS headers
    // returned from your backend integration."
    auto &headers = response.headers;
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [](const auto &header) {
                                     return lower(header.first).rfind("access-control-", 0) == 0;
                                 }),
                  headers.end());
    const auto origin = headerValue(request.headers, "origin");
    if (!origin || !originAllowed(cors, *origin) || !isSafeHeaderValue(*origin))
        return;
    const auto [allowOrigin, namesOrigin] = allowOriginValue(cors, *origin);
    headers.emplace_back("Access-Control-Allow-Origin", allowOrigin);
    if (namesOrigin)
        headers.emplace_back("Vary", "Origin");
    if (cors.allowCredentials)
        headers.emplace_back("Access-Control-Allow-Credentials", "true");
    if (!cors.exposeHeaders.empty())
        headers.emplace_back("Access-Control-Expose-Headers", joined(cors.exposeHeaders, ","));
}

std::optional<std::string>
headerValue(const std::vector<std::pair<std::string, std::string>> &headers,
            const std::string &name)
{
    for (const auto &[key, value] : headers) {
        if (equalsIgnoringCase(key, name))
            return value;
    }
    return std::nullopt;
}

} // namespace stratus::engine::http
