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

    /// The option as a number of at least `min`, or `fallback` when it is not
    /// given; the error names the option and what was given.
    engine::Result<double> number(const std::string &option, double fallback, double min) const;
    /// The option as a whole number in [min, max], or `fallback` when not given.
    engine::Result<long long> wholeNumber(const std::string &option, long long fallback, long long min,
                                          long long max = LLONG_MAX) const;

private:
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
    std::string m_error;
};

/// `text` as a number, if all of it is one ("12", "0.5", "1e6").
std::optional<double> parseNumber(const std::string &text);

} // namespace stratus::cli
