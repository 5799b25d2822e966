#include "text.h"

#include <cstdio>

namespace stratus::engine {

namespace {

/// The length of the valid UTF-8 sequence starting at text[i], or 0 if the
/// bytes there are not one (overlong forms, surrogates and values past
/// U+10FFFF are invalid, as RFC 3629 says).
size_t utf8SequenceLength(std::string_view text, size_t i)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80)
        return 1;
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0;
        if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90;
        if (c == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < low || byte(i + 1) > high)
        return 0;
    for (size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return length;
}

std::string hexByte(unsigned char c)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
    return buffer;
}

} // namespace

std::string printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            out += hexByte(c);
            ++i;
        } else if (length == 1 && (c < 0x20 || c == 0x7F)) {
            switch (c) {
            case '\t': out += '\t'; break; // harmless, and log lines are tab-separated
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += hexByte(c);
            }
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string quote(std::string_view text)
{
    return "'" + printable(text) + "'";
}

bool isValidUtf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8SequenceLength(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string lineAndColumn(std::string_view text, size_t byte)
{
    size_t line = 1, column = 1;
    for (size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Result<Json> parseJson(std::string_view text)
{
    try {
        return Json::parse(text);
    } catch (const Json::parse_error &e) {
        // e.byte is 1-based and points just past what was read last.
        const size_t at = e.byte > 0 ? e.byte - 1 : 0;
        if (at < text.size() && utf8SequenceLength(text, at) == 0)
            return Status::invalidArgument("byte 0x" + hexByte(static_cast<unsigned char>(text[at])).substr(2)
                                           + " at " + lineAndColumn(text, at) + " is not UTF-8 text");
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return Status::invalidArgument("empty: no JSON value");
        // nlohmann says "[json.exception.parse_error.101] parse error at line 1,
        // column 2: syntax error while parsing value - invalid literal; last
        // read: 'x'": keep the reason, drop the prefix (we say where ourselves).
        std::string reason = e.what();
        if (const auto pos = reason.find("syntax error"); pos != std::string::npos)
            reason = reason.substr(pos);
        else if (const auto colon = reason.find(": "); colon != std::string::npos)
            reason = reason.substr(colon + 2);
        return Status::invalidArgument(lineAndColumn(text, at) + ": " + printable(reason));
    } catch (const Json::exception &e) {
        std::string reason = e.what();
        if (const auto bracket = reason.find("] "); bracket != std::string::npos)
            reason = reason.substr(bracket + 2);
        return Status::invalidArgument(printable(reason));
    }
}

} // namespace stratus::engine
