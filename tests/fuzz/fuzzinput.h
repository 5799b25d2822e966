#pragma once

// Shared by the libFuzzer targets of tests/fuzz (docs/testing.md). Each
// target is one LLVMFuzzerTestOneInput over a parser that reads outside
// input. Rules they follow: never exit, bound the input, and be
// deterministic (no clock, no randomness, no state kept between inputs).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::fuzz {

/// The input as text (bytes, not necessarily UTF-8).
inline std::string_view text(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/// `text` cut at each occurrence of `separator`, at most `maxParts` parts
/// (the last one keeps the rest).
inline std::vector<std::string> split(std::string_view text, char separator, size_t maxParts)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (parts.size() + 1 < maxParts) {
        const size_t at = text.find(separator, start);
        if (at == std::string_view::npos)
            break;
        parts.emplace_back(text.substr(start, at - start));
        start = at + 1;
    }
    parts.emplace_back(text.substr(start));
    return parts;
}

/// Stops the run with a crash that libFuzzer records, for a broken
/// property (not an ordinary parse failure, which is a normal outcome).
[[noreturn]] inline void violated()
{
    __builtin_trap();
}

} // namespace stratus::fuzz
