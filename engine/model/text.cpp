#include "text.h"

#include <cmath>
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

/// "FF": a byte in two hexadecimal digits.
std::string hexDigits(unsigned char c)
{
    char buffer[4];
    std::snprintf(buffer, sizeof buffer, "%02X", c);
    return buffer;
}

std::string hexByte(unsigned char c)
{
    return "\\x" + hexDigits(c);
}

/// Characters that are valid UTF-8 but change how a terminal shows what
/// follows: the C1 controls (U+0080-U+009F; U+009B starts an escape sequence
/// on some terminals) and the bidirectional overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069), which can make text read other than it is.
bool isHiddenControl(std::string_view text, size_t i, size_t length)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    if (length == 2)
        return byte(0) == 0xC2 && byte(1) <= 0x9F;
    if (length == 3 && byte(0) == 0xE2) {
        return (byte(1) == 0x80 && byte(2) >= 0xAA && byte(2) <= 0xAE)
               || (byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9);
    }
    return false;
}

/// "\u202E": a character by its code point.
std::string codePointName(std::string_view text, size_t i, size_t length)
{
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const unsigned code = length == 2 ? ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu)
                                      : ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    char buffer[12];
    std::snprintf(buffer, sizeof buffer, "\\u%04X", code);
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
        } else if (isHiddenControl(text, i, length)) {
            out += codePointName(text, i, length);
            i += length;
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

std::string asciiLowercase(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

std::string joined(const std::vector<std::string> &items, std::string_view separator)
{
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += separator;
        out += items[i];
    }
    return out;
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
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // a column is a character, not a UTF-8 continuation byte
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Result<Json> parseJson(std::string_view text)
{
    // nlohmann stops at a NUL byte and takes what came before as the whole
    // document; JSON allows none anywhere (RFC 8259: control characters must
    // be escaped), so a NUL is an error wherever it is.
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos && isValidUtf8(text.substr(0, nul)))
        return Status::invalidArgument("byte 0x00 at " + lineAndColumn(text, nul) + " is not allowed in JSON text");
    try {
        return Json::parse(text);
    } catch (const Json::parse_error &e) {
        // e.byte is 1-based and points just past what was read last.
        size_t at = e.byte > 0 ? e.byte - 1 : 0;
        // The parser may stop a byte after a broken sequence ("\xE2(" stops
        // at the "("): name the first byte that is not UTF-8, if it is here.
        for (size_t i = 0; i < text.size() && i <= at;) {
            const size_t length = utf8SequenceLength(text, i);
            if (length == 0) {
                return Status::invalidArgument("byte 0x" + hexDigits(static_cast<unsigned char>(text[i])) + " at "
                                               + lineAndColumn(text, i) + " is not UTF-8 text");
            }
            i += length;
        }
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return Status::invalidArgument("the text is empty");
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

std::string money(double dollars)
{
    // Cents for sums, more places for what a single invocation costs.
    char buffer[64];
    const double size = std::fabs(dollars);
    std::snprintf(buffer, sizeof buffer, size == 0 ? "$%.2f" : size < 0.01 ? "$%.10f" : size < 1 ? "$%.4f" : "$%.2f",
                  dollars);
    return buffer;
}

} // namespace stratus::engine
