#include "settings.h"

#include "text.h"

#include <algorithm>

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

} // namespace stratus::engine
