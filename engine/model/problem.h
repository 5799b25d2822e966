#pragma once

#include "ids.h"

#include <string>
#include <vector>

namespace stratus::engine {

/// One thing wrong with a workspace, naming where it is (workflow, node with
/// its name, edge, field) and why. Validation returns all of them at once.
struct Problem
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    std::string code; ///< stable machine-readable rule name, e.g. "out-of-range"
    WorkflowId workflow;
    NodeId node;
    std::string nodeName;
    EdgeId edge;
    std::string field; ///< config field (or "name", "kind", "position"), may be empty
    std::string message;

    /// "workflow 'main', node 'hello' (hello), field 'memoryMB': 64 is below the minimum 128"
    std::string toString() const;
};

using Problems = std::vector<Problem>;

bool hasErrors(const Problems &problems);

} // namespace stratus::engine
