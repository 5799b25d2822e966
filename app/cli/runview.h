#pragma once

// How the CLI shows a workflow run: send, debug and runs print it alike.

#include "engine/model/json.h"
#include "engine/model/workflow.h"
#include "engine/store/runhistory.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace stratus::cli {

/// "12.34 ms"
std::string milliseconds(int64_t us);

/// A value for a one-line display: printable, cut at `width` characters.
std::string shortJson(const std::string &json, size_t width = 100);

/// The run: a line for it, one per node of its path (name, kind, status,
/// port, output), its log, its output or error. `full` prints every node's
/// input and output whole, indented.
void printRun(std::ostream &out, const engine::RunEntry &run, const engine::Workspace *design, bool full = false);

/// The run as JSON: ids, trigger, status, times, output, error, log, and
/// its path with each node's input and output.
engine::Json runJson(const engine::RunEntry &run);

} // namespace stratus::cli
