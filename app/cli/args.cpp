#include "args.h"

#include "engine/model/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace stratus::cli {

Args::Args(const std::vector<std::string> &argv, const Spec &spec)
{
    bool onlyPositionals = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        std::string arg = argv[i];
        if (onlyPositionals || arg == "-" || arg.empty() || arg[0] != '-') {
            m_positionals.push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyPositionals = true;
            continue;
        }
        std::optional<std::string> inlineValue;
        if (auto eq = arg.find('='); eq != std::string::npos && arg.starts_with("--")) {
            inlineValue = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        if (auto alias = spec.aliases.find(arg); alias != spec.aliases.end())
            arg = alias->second;
        if (spec.flags.contains(arg)) {
            if (inlineValue) {
                m_error = "option " + engine::quote(arg) + " takes no value";
                return;
            }
            m_flags.insert(arg);
        } else if (spec.valued.contains(arg)) {
            if (!inlineValue && i + 1 >= argv.size()) {
                m_error = "option " + arg + " needs a value";
                return;
            }
            if (m_values.contains(arg) && !spec.repeatable.contains(arg)) {
                m_error = "option " + arg + " is given twice";
                return;
            }
            m_values[arg].push_back(inlineValue ? *inlineValue : argv[++i]);
        } else {
            m_error = "unknown option " + engine::quote(argv[i]);
            return;
        }
    }
}

std::optional<std::string> Args::value(const std::string &option) const
{
    auto it = m_values.find(option);
    if (it == m_values.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(const std::string &option) const
{
    auto it = m_values.find(option);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

namespace {

std::string numberText(double n)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", n);
    return buffer;
}

} // namespace

std::optional<double> parseNumber(const std::string &text)
{
    // strtod would also take leading spaces, "inf", "nan" and hexadecimal:
    // an option takes plain decimal numbers only.
    if (text.empty() || text.size() > 64
        || text.find_first_not_of("0123456789+-.eE") != std::string::npos)
        return std::nullopt;
    try {
        size_t used = 0;
        const double n = std::stod(text, &used);
        if (used == text.size() && std::isfinite(n))
            return n == 0 ? 0.0 : n; // "-0" is 0, never printed as -0.00
    } catch (const std::exception &) {
    }
    return std::nullopt;
}

engine::Result<long long> parseWholeNumber(const std::string &text, const std::string &what, long long min,
                                           long long max)
{
    // Past 2^53 a double no longer holds every whole number, and LLONG_MAX
    // itself rounds up to 2^63, which no long long holds (found by fuzz_cliargs).
    max = std::min(max, Args::kMaxWhole);
    min = std::max(min, -Args::kMaxWhole);
    const std::string range = max >= Args::kMaxWhole ? "of at least " + std::to_string(min)
                                                     : "from " + std::to_string(min) + " to " + std::to_string(max);
    const auto n = parseNumber(text);
    if (!n)
        return engine::Status::invalidArgument(what + " takes a whole number " + range + ", not "
                                               + engine::quote(text));
    if (*n != std::floor(*n))
        return engine::Status::invalidArgument(what + " takes a whole number (a count), not " + engine::quote(text));
    if (*n < double(min) || *n > double(max))
        return engine::Status::invalidArgument(what + " takes a whole number " + range + ", not " + engine::quote(text));
    return static_cast<long long>(*n);
}

engine::Result<double> Args::number(const std::string &option, double fallback, double min, double max) const
{
    const auto v = value(option);
    if (!v)
        return fallback;
    const auto n = parseNumber(*v);
    if (n && *n >= min && *n <= max)
        return *n;
    return engine::Status::invalidArgument(option + " takes a number from " + numberText(min) + " to "
                                           + numberText(max) + ", not " + engine::quote(*v));
}

engine::Result<long long> Args::wholeNumber(const std::string &option, long long fallback, long long min,
                                            long long max) const
{
    const auto v = value(option);
    if (!v)
        return fallback;
    return parseWholeNumber(*v, option, min, max);
}

} // namespace stratus::cli
