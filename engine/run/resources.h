#pragma once

#include "engine/model/json.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <string>

namespace stratus::engine::run {

/// Where the executor writes what reaches a queue, bucket or table node.
class Resources
{
public:
    virtual ~Resources() = default;
    /// Writes `value` into the resource `node` of `workflow` (by the
    /// workspace format's rules for that kind), durably, before returning;
    /// what the resource then emits on `out` starts runs of its own, later.
    /// Returns a description of what was written (the run path shows it).
    virtual Result<Json> write(const Workflow &workflow, const Node &node, const Json &value,
                               const std::string &runId) = 0;
};

} // namespace stratus::engine::run
