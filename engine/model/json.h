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

} // namespace stratus::engine
