#pragma once

#include "engine/model/problem.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <string>
#include <string_view>

namespace stratus::engine {

/// The JSON interchange form of a workspace ("stratus-workspace", version 1),
/// as docs/workspace-format.md and docs/workspace-json.md describe it:
///
///   {"format": "stratus-workspace", "version": 1, "name": "...",
///    "settings": {...}, "workflows": [{"id", "name", "nodes": [...],
///    "edges": [...]}], "testEvents": [...]}
namespace workspace_json {

constexpr int kFormatVersion = 1;
constexpr const char *kFormatName = "stratus-workspace";

/// The largest document read (a workspace is design, not data).
constexpr size_t kMaxDocumentBytes = 256 * 1024 * 1024;
/// Deeper nesting than this is refused before parsing (it would only come
/// from a hostile or broken file, and a recursive parser could overflow).
constexpr int kMaxNesting = 256;

struct ReadResult
{
    Workspace workspace;
    /// Problems the model cannot hold, found while reading: duplicate ids
    /// (the later one is dropped), unknown structural fields (warnings).
    Problems problems;
};

/// Parses a document. Fails (InvalidArgument, or NotSupported for a newer
/// version) on malformed JSON, with its line and column, and on values of
/// the wrong type, naming the place ("workflows[0].nodes[2].position").
/// Config values are not checked here: validateWorkspace() does that.
Result<ReadResult> read(std::string_view text);

/// Reads a file; messages start with the file's name.
Result<ReadResult> readFile(const std::string &path);

/// Writes the document, indented by `indent` spaces (-1: one line).
std::string write(const Workspace &workspace, int indent = 2);

/// True for problems that a workspace file cannot store (ids twice, edges to
/// missing nodes, test events for missing nodes): such a document is not imported.
bool isUnstorable(const Problem &problem);

} // namespace workspace_json

} // namespace stratus::engine
