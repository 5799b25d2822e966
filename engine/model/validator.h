#pragma once

#include "problem.h"
#include "workflow.h"

namespace stratus::engine {

/// Checks a whole workspace against the node-kind table and the semantics of
/// ../shared/design.md, and returns every problem found (empty when valid).
/// Never throws; safe on any model, however malformed its config values.
Problems validateWorkspace(const Workspace &workspace);

/// The rules that concern one workflow alone (its nodes, edges and cycles).
Problems validateWorkflow(const Workflow &workflow);

/// The rules that concern one node's name and config alone.
Problems validateNode(const WorkflowId &workflow, const Node &node);

/// Why an edge from `from` (an output port) to `to` (an input port) cannot be
/// added to `workflow`, or an empty string when it can: both ports must
/// exist, the edge must not exist yet, and it must not close a loop that no
/// queue breaks. For the editor, which refuses such wiring as it happens.
std::string connectionProblem(const Workflow &workflow, const PortRef &from, const PortRef &to);

/// Every port that `end` could be wired to: input ports when `end` is an
/// output, output ports when it is an input; exactly those for which
/// connectionProblem() is empty, found in one pass over the graph (for
/// highlighting drop targets while a wire is dragged).
std::vector<PortRef> compatiblePorts(const Workflow &workflow, const PortRef &end, bool endIsOutput);

/// Checks an API Gateway route path ("/a/{b}/{proxy+}"); empty string when valid,
/// else the reason.
std::string checkHttpPath(const std::string &path);

/// The route path with parameter names erased, so that /a/{x} and /a/{y},
/// which API Gateway treats as one route, compare equal.
std::string normalizedRoutePath(const std::string &path);

} // namespace stratus::engine
