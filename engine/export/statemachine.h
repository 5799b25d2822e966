#pragma once

// The Amazon States Language form of a path that goes on from node to node:
// what a trigger (or a resource that starts runs) sets going, as an EXPRESS
// state machine that keeps the runner's rules (docs/runner.md): Task states
// for functions (Retry where the runner retries, Catch for an `error` edge),
// Choice for choice nodes, Parallel for a fan-out, a writer Task for a write
// into a queue, table or bucket, and a Pass for a log.
//
// The state data is always an object: {"value": V} holds what the runner
// passes along (any JSON), so that a Task can take `$.value` and put its
// result back there whatever the result's type; runs from a queue or a table
// also keep {"first": R}, the first function's result, which Lambda reads
// for a partial batch response. Every branch ends in a Pass that writes an
// envelope the front function reads back as the run's answer:
//   {"answer": V, "caught": B}   a value (B: the caught {"Error", "Cause"} itself)
//   {"none": true}               no value (only logs and writes on the path)
//   {"fanOut": [E…], "own": V, "ownCaught": B}   a fan-out's branches, and
//                                the value before it (absent when none)
// docs/export.md shows an example and cites the AWS pages followed.

#include "engine/model/json.h"

#include <functional>
#include <string>
#include <vector>

namespace stratus::engine {
class Workflow;
struct Node;
} // namespace stratus::engine

namespace stratus::engine::exporting {

/// What sets a path going, as far as its state machine is concerned.
enum class EntryKind { Http, Manual, Schedule, Bucket, Queue, Table };

/// The DefinitionSubstitutions variables a definition uses ("${NAME}").
/// The functions are called only while stateMachineFor runs.
struct MachineVariables
{
    std::function<std::string(const Node &function)> functionArn;
    std::function<std::string(const Node &resource)> writeTarget; ///< a queue's URL, a table's or bucket's name
    std::string writerArn;
};

/// The nodes point into the workflow given to stateMachineFor, and live as long as it.
struct StateMachinePlan
{
    Json definition;
    std::vector<const Node *> functions; ///< invoked, in the order first met
    std::vector<const Node *> resources; ///< written into, in the order first met
};

/// True when the path from `entry`'s `port` does more than hand the event to
/// functions that end it, so that a plain event source cannot stand for it.
/// Log nodes alone never need one (they only show values), except where a
/// caught error changes what the run's source does next (a queue or table
/// batch that a caught error no longer fails), and at an HTTP route, whose
/// answer a log beside the function changes.
bool needsStateMachine(const Workflow &workflow, const Node &entry, const std::string &port, EntryKind kind);

StateMachinePlan stateMachineFor(const Workflow &workflow, const Node &entry, const std::string &port,
                                 EntryKind kind, const MachineVariables &variables);

} // namespace stratus::engine::exporting
