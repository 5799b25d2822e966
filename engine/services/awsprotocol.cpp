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

std::optional<std::string> urlDecoded(std::string_view text, bool plusIsSpace)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (plusIsSpace && text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%') {
            const int high = i + 2 < text.size() ? http::hexValue(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? http::hexValue(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                return std::nullopt;
            out += char(high * 16 + low);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string urlEncoded(std::string_view bytes, bool keepSlash)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
            || u == '.' || u == '~' || (keepSlash && u == '/')) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

std::string xmlEscaped(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\r': out += "&#xD;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string element(const std::string &name, std::string_view text)
{
    return "<" + name + ">" + xmlEscaped(text) + "</" + name + ">";
}

} // namespace stratus::engine::services
