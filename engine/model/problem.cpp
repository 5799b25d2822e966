#include "problem.h"

#include <algorithm>

namespace stratus::engine {

std::string Problem::toString() const
{
    std::string where;
    auto add = [&](const std::string &part) {
        if (!where.empty())
            where += ", ";
        where += part;
    };
    if (workflow.isValid())
        add("workflow '" + workflow.str() + "'");
    if (node.isValid())
        add("node '" + node.str() + "'" + (nodeName.empty() ? "" : " (" + nodeName + ")"));
    if (edge.isValid())
        add("edge '" + edge.str() + "'");
    if (!field.empty())
        add("field '" + field + "'");
    std::string text = severity == Severity::Warning ? "warning: " : "";
    if (!where.empty())
        text += where + ": ";
    return text + message;
}

bool hasErrors(const Problems &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem &p) { return p.severity == Problem::Severity::Error; });
}

} // namespace stratus::engine
