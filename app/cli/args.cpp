#include "args.h"

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
                m_error = "option " + arg + " takes no value";
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
            m_error = "unknown option " + argv[i];
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

} // namespace stratus::cli
