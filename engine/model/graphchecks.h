#pragma once

#include "problem.h"
#include "workflow.h"

namespace stratus::engine {

/// The rules about a workflow's wiring, apart from its nodes' config:
/// edges must join an existing output port to an existing input port (and
/// not twice), and a cycle needs a queue on it. Each adds its problems to `out`.
void checkEdges(Problems &out, const Workflow &workflow);
void checkCycles(Problems &out, const Workflow &workflow);

} // namespace stratus::engine
