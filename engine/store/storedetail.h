#pragma once

// Helpers shared by the files that implement WorkspaceStore (opening and
// loading in workspacestore.cpp, saving in workspacesave.cpp). Internal to
// engine/store.

#include "engine/model/json.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/model/workflow.h"

#include <chrono>
#include <string>

namespace stratus::engine::store_detail {

/// Now, in milliseconds since the Unix epoch (saved_at_ms, created_at_ms).
inline long long nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

/// The node's field that holds files (path -> text), stored as rows of their
/// own with a history; null for kinds without one.
inline const FieldSpec *filesField(const Node &node)
{
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(node.kind);
    if (!spec)
        return nullptr;
    for (const FieldSpec &f : spec->fields) {
        if (f.type == FieldType::Files)
            return &f;
    }
    return nullptr;
}

/// JSON as stored. Replaces, never throws, on invalid UTF-8: values only come
/// from parsed JSON, so this is a last line of defence.
inline std::string dumpJson(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace stratus::engine::store_detail
