#pragma once

// moc follows includes but cannot parse the C++20 standard headers that
// nlohmann/json pulls in; it needs nothing from them.
#ifndef Q_MOC_RUN
#include <nlohmann/json.hpp>
#endif

namespace stratus::engine {

/// The engine's one JSON type. Insertion-ordered so that a workspace imported
/// from JSON exports with its keys in the author's order (a lossless round
/// trip, and small diffs in git).
using Json = nlohmann::ordered_json;

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
