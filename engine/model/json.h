#pragma once

// moc follows includes but cannot parse the C++20 standard headers that
// nlohmann/json pulls in; it needs nothing from them.
#ifndef Q_MOC_RUN
#include <nlohmann/json.hpp>
#endif

#include <utility>
#include <vector>

namespace stratus::engine {

/// The engine's one JSON type. Insertion-ordered so that a workspace imported
/// from JSON exports with its keys in the author's order (a lossless round
/// trip, and small diffs in git).
using Json = nlohmann::ordered_json;

/// True when `value` nests deeper than `maxDepth` levels. Iterative: a value
/// parsed from text may be as deep as the text, while copying, comparing or
/// writing it out recurses; check before anything else sees the value.
inline bool nestsTooDeep(const Json &value, int maxDepth)
{
    std::vector<std::pair<const Json *, int>> stack{{&value, 0}};
    while (!stack.empty()) {
        auto [v, depth] = stack.back();
        stack.pop_back();
        if (!v->is_structured())
            continue;
        if (depth >= maxDepth)
            return true;
        for (const Json &child : *v)
            stack.emplace_back(&child, depth + 1);
    }
    return false;
}

/// `object[key]`, or null when `object` is not an object or has no `key`
/// (never inserts, never throws: for reading documents of any shape).
inline const Json &memberOf(const Json &object, const char *key)
{
    static const Json none;
    if (!object.is_object())
        return none;
    auto it = object.find(key);
    return it == object.end() ? none : *it;
}

} // namespace stratus::engine
