#pragma once

// A state machine's definition (Amazon States Language) read as a path on
// the canvas: which functions it invokes one after another, which choices
// it makes, where it fans out and what it writes into. Only machines whose
// states the model expresses are read: Task states that invoke a function of
// the template (directly, or through `arn:aws:states:::lambda:invoke` with
// the state as the payload) with at most a catch-all Catch, Choice states on
// the workspace's comparisons, Parallel states that end the run, Pass states
// that leave the data alone, Succeed; and the definitions Stratus's own
// export writes (statemachine.h), whose data lives under "value". Anything
// else (Map, Wait, a Pass that shapes the data, a Fail outside a choice's
// default, a loop) is a reason, naming the state, why the machine stays as
// written and off the canvas.

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stratus::engine::exporting {

struct MachineStep
{
    enum class Kind { Function, Choice, Log, Write };
    Kind kind = Kind::Function;
    std::string state;  ///< the state's name: a choice's or log's node name
    std::string target; ///< Function: its logical id; Write: the resource's logical id
    Json config;        ///< Choice: {"rules": […]}; Log: {"level": L}
    std::vector<std::pair<std::string, size_t>> next; ///< port → step (several on one port: a fan-out)
};

struct MachinePath
{
    std::vector<MachineStep> steps;
    std::vector<size_t> first; ///< the steps the machine's input goes to
    bool stratusForm = false;  ///< written by Stratus's export (data under "value")
};

/// How the states' resources are found in the template.
struct MachineNames
{
    /// A Task's function (a "${VAR}" is already replaced by its substitution):
    /// its logical id, or none when it is not a function of the template.
    std::function<std::optional<std::string>(const Json &reference)> functionOf;
    /// True for the writer function Stratus's export generates.
    std::function<bool(const std::string &logicalId)> isWriter;
    /// A writer Task's target (a queue's URL, a table's or bucket's name, as
    /// its substitution writes it): the resource's logical id.
    std::function<std::optional<std::string>(const Json &target)> resourceOf;
};

/// Reads `definition` (its "${VAR}" taken from `substitutions`). Fails with
/// the first reason the canvas cannot hold it, naming the state.
Result<MachinePath> readMachine(const Json &definition, const Json &substitutions, const MachineNames &names);

} // namespace stratus::engine::exporting
