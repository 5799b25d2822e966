#pragma once

#include "json.h"
#include "status.h"

#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

/// `text` made safe to show a person: valid UTF-8 passes through; a byte that
/// is not part of valid UTF-8 becomes \xNN, and control characters (but tab)
/// become \n, \r or \xNN. Every message that quotes outside input (a path, a
/// value from a file, SQLite's own text) goes through it, so a terminal never
/// receives bytes that are not UTF-8.
std::string printable(std::string_view text);

/// printable(text) between single quotes: 'my file.json'.
std::string quote(std::string_view text);

/// `text` with its ASCII letters in lower case (other bytes kept).
std::string asciiLowercase(std::string_view text);

/// "a, b, c": for messages that list what there is.
std::string joined(const std::vector<std::string> &items, std::string_view separator = ", ");

/// Whether all of `text` is valid UTF-8.
bool isValidUtf8(std::string_view text);

/// Parses `text` as JSON. A failure says where and why in a person's terms
/// ("line 3, column 7: unexpected '}'", "byte 0xFF at line 1, column 1 is not
/// UTF-8 text"), never nlohmann's "[json.exception...]" prefix nor the raw
/// bytes it quotes.
Result<Json> parseJson(std::string_view text);

/// "$12.34", "$0.0416", "$0.0000002021": as many places as the amount needs.
std::string money(double dollars);

/// "line L, column C" of the byte at offset `byte` (0-based) in `text`.
std::string lineAndColumn(std::string_view text, size_t byte);

} // namespace stratus::engine
