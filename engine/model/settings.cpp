#include "settings.h"

#include "text.h"

#include <algorithm>
#include <cctype>

namespace stratus::engine {

namespace {

constexpr long long kMaxRetentionDays = 1'000'000;

Problem settingsProblem(std::string code, std::string field, std::string message)
{
    Problem p;
    p.code = std::move(code);
    p.field = std::move(field);
    p.message = std::move(message);
    return p;
}

} // namespace

Problems retentionProblems(const Json &settings)
{
    Problems out;
    const auto retention = settings.is_object() ? settings.find("retention") : settings.end();
    if (!settings.is_object() || retention == settings.end())
        return out;
    if (!retention->is_object()) {
        out.push_back(settingsProblem("wrong-type", "settings.retention",
                                      "expected {\"days\": N, \"runs\": N}, found " + printable(retention->dump())));
        return out;
    }
    for (auto it = retention->begin(); it != retention->end(); ++it) {
        const std::string field = "settings.retention." + it.key();
        if (it.key() != "days" && it.key() != "runs")
            out.push_back(settingsProblem("unknown-field", field,
                                          quote(it.key()) + " is not a retention setting (days, runs)"));
        else if (!it->is_number_integer() || it->get<long long>() < 0)
            out.push_back(settingsProblem("wrong-type", field,
                                          "expected a whole number of at least 0, found " + printable(it->dump())));
    }
    return out;
}

Result<RetentionPolicy> retentionPolicy(const Json &settings)
{
    if (const Problems problems = retentionProblems(settings); !problems.empty()) {
        std::vector<std::string> each;
        for (const Problem &p : problems)
            each.push_back(p.field + ": " + p.message);
        return Status::invalidArgument(joined(each, "; "));
    }
    RetentionPolicy policy;
    const auto r = settings.is_object() ? settings.find("retention") : settings.end();
    if (!settings.is_object() || r == settings.end())
        return policy;
    if (auto days = r->find("days"); days != r->end())
        policy.keepDays = int(std::min<long long>(days->get<long long>(), kMaxRetentionDays));
    if (auto runs = r->find("runs"); runs != r->end())
        policy.keepRuns = runs->get<long long>();
    return policy;
}

namespace {

/// An IPv4 or IPv6 literal, checked by shape (QtNetwork parses it when listening).
bool looksLikeIpAddress(const std::string &text)
{
    if (text.empty() || text.size() > 45)
        return false;
    if (text.find(':') != std::string::npos) // IPv6: hex digits, colons, and a dotted tail
        return std::count(text.begin(), text.end(), ':') >= 2
               && std::all_of(text.begin(), text.end(),
                              [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; });
    int parts = 0;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t dot = std::min(text.find('.', start), text.size());
        const std::string part = text.substr(start, dot - start);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')
            || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })
            || std::stoi(part) > 255)
            return false;
        ++parts;
        start = dot + 1;
    }
    return parts == 4;
}

void checkPort(const Json &value, const std::string &field, Problems &out)
{
    if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 65535)
        out.push_back(settingsProblem("out-of-range", field,
                                      "expected a port from 0 to 65535 (0: a free one), found " + printable(value.dump())));
}

} // namespace

std::string textSetting(const Json &settings, const char *key, const char *fallback)
{
    return settings.is_object() && settings.contains(key) && settings[key].is_string()
               ? settings[key].get<std::string>()
               : std::string(fallback);
}

bool emulatesCpuShare(const Json &settings)
{
    if (!settings.is_object())
        return false;
    const auto it = settings.find("emulateCpuShare");
    return it != settings.end() && it->is_boolean() && it->get<bool>();
}

Problems cpuShareProblems(const Json &settings)
{
    Problems out;
    if (!settings.is_object())
        return out;
    if (auto it = settings.find("emulateCpuShare"); it != settings.end() && !it->is_boolean())
        out.push_back(settingsProblem("wrong-type", "settings.emulateCpuShare",
                                      "expected true or false, found " + printable(it->dump())));
    return out;
}

Problems gatewayProblems(const Json &settings)
{
    Problems out;
    if (!settings.is_object())
        return out;
    if (auto gateway = settings.find("gateway"); gateway != settings.end()) {
        if (!gateway->is_object()) {
            out.push_back(settingsProblem("wrong-type", "settings.gateway",
                                          "expected {\"host\": \"127.0.0.1\", \"port\": N}, found "
                                              + printable(gateway->dump())));
        } else {
            for (auto it = gateway->begin(); it != gateway->end(); ++it) {
                const std::string field = "settings.gateway." + it.key();
                if (it.key() == "port") {
                    checkPort(*it, field, out);
                } else if (it.key() == "host") {
                    const bool address = it->is_string()
                                         && (it->get<std::string>() == "localhost"
                                             || looksLikeIpAddress(it->get<std::string>()));
                    if (!address)
                        out.push_back(settingsProblem("wrong-type", field,
                                                      "expected an IP address such as 127.0.0.1, ::1 or 0.0.0.0, found "
                                                          + printable(it->dump())));
                } else {
                    out.push_back(settingsProblem("unknown-field", field,
                                                  quote(it.key()) + " is not a gateway setting (host, port)"));
                }
            }
        }
    }
    if (auto services = settings.find("services"); services != settings.end()) {
        if (!services->is_object()) {
            out.push_back(settingsProblem("wrong-type", "settings.services",
                                          "expected {\"port\": N}, found " + printable(services->dump())));
        } else {
            for (auto it = services->begin(); it != services->end(); ++it) {
                if (it.key() == "port")
                    checkPort(*it, "settings.services.port", out);
                else
                    out.push_back(settingsProblem("unknown-field", "settings.services." + it.key(),
                                                  quote(it.key()) + " is not a services setting (port)"));
            }
        }
    }
    return out;
}

GatewaySettings gatewaySettings(const Json &settings, const GatewaySettings &fallback)
{
    GatewaySettings g = fallback;
    if (!settings.is_object())
        return g;
    auto gateway = settings.find("gateway");
    if (gateway == settings.end() || !gateway->is_object())
        return g;
    if (auto host = gateway->find("host"); host != gateway->end() && host->is_string())
        g.host = host->get<std::string>();
    if (auto port = gateway->find("port"); port != gateway->end() && port->is_number_integer())
        g.port = int(port->get<long long>());
    return g;
}

int servicesPort(const Json &settings)
{
    const Json &port = memberOf(memberOf(settings, "services"), "port");
    return port.is_number_integer() ? int(port.get<long long>()) : 0;
}

} // namespace stratus::engine
