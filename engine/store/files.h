#pragma once

#include "engine/model/status.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace stratus::engine {

/// Reads the whole file at `path` ("-" reads standard input). `what` names the
/// file's role in messages ("the event file"). Fails, saying why in a person's
/// terms, when the file is missing, a folder, larger than `maxBytes`, or
/// cannot be read.
Result<std::string> readInputFile(const std::string &path, std::string_view what,
                                  size_t maxBytes = 64u * 1024 * 1024);

/// What a command is about to write.
enum class OutputKind {
    Text,      ///< a document (JSON, YAML, a bundle's file): written by writeOutputFile
    Workspace, ///< a workspace file (SQLite): created or updated in place
};

/// Where writing to `path` really goes: the path with its symbolic links
/// followed (so that writing through a link updates the file it points to,
/// not the link). Refuses an empty name, a folder, a name whose folder does
/// not exist, and for a Workspace a name ending in .json or anything that is
/// not a regular file. The one rule every command that writes a file follows.
Result<std::string> resolveOutputPath(const std::string &path, OutputKind kind);

/// Writes `bytes` to `path` as a shell's `>` would, but never leaves a half
/// written file: a regular file (or a new one) is written beside itself and
/// renamed over, keeping its mode and owner; a symbolic link is followed;
/// /dev/stdout, /dev/stderr and /dev/fd/N are the open descriptors (written
/// at their offset, so `>>` appends); anything else (a device, a pipe) is
/// written to directly. Fails on a folder, an empty name, a workspace file
/// (a document never replaces one), and when the data could not all be
/// written (a full disk, /dev/full), with the system's reason.
Status writeOutputFile(const std::string &path, std::string_view bytes);

} // namespace stratus::engine
