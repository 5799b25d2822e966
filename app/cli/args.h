#pragma once

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

private:
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
    std::string m_error;
};

} // namespace stratus::cli
