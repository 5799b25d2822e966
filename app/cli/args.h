#pragma once

#include "engine/model/status.h"

#include <climits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace stratus::cli {

/// The arguments of one command: positionals, flags and valued options.
/// Deliberately small: each command declares what it takes and everything
/// else is a usage error with a message naming the argument.
class Args
{
public:
    struct Spec
    {
        std::set<std::string> flags;  ///< e.g. "--json"
        std::set<std::string> valued; ///< e.g. "-o", "--output" (value follows, or --opt=value)
        std::map<std::string, std::string> aliases; ///< "-o" -> "--output"
        std::set<std::string> repeatable; ///< valued options that may be given more than once
    };

    /// Parses `argv` (the command's own arguments). On failure error() is set.
    Args(const std::vector<std::string> &argv, const Spec &spec);

    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }

    bool has(const std::string &flag) const { return m_flags.contains(flag); }
    /// The option's value (the last one, if given more than once).
    std::optional<std::string> value(const std::string &option) const;
    /// Every value of a repeatable option, in order.
    std::vector<std::string> values(const std::string &option) const;
    const std::vector<std::string> &positionals() const { return m_positionals; }

    /// The option as a finite number in [min, max], or `fallback` when it is
    /// not given; the error names the option, the range and what was given.
    engine::Result<double> number(const std::string &option, double fallback, double min, double max) const;
    /// The option as a whole number in [min, max] (a count: "1e6" is one,
    /// "1.5" is not), or `fallback` when not given.
    engine::Result<long long> wholeNumber(const std::string &option, long long fallback, long long min,
                                          long long max = kMaxWhole) const;

    /// The largest whole number an option takes: beyond it a double no longer
    /// holds every whole number exactly.
    static constexpr long long kMaxWhole = 1LL << 53;

private:
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
    std::string m_error;
};

/// `text` as a finite number, if all of it is one ("12", "0.5", "1e6"; not
/// "inf", "nan", " 12" or "0x10").
std::optional<double> parseNumber(const std::string &text);

/// `text` as a whole number in [min, max] ("3", "1e6"); the error says what
/// was wrong with `text`, naming it as `what` ("--last", "hour 3 of
/// --requests-per-hour").
engine::Result<long long> parseWholeNumber(const std::string &text, const std::string &what, long long min,
                                           long long max);

} // namespace stratus::cli
