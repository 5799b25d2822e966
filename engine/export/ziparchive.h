#pragma once

// Zip archives of a function's code, the same bytes for the same files.

#include "engine/model/status.h"

#include <filesystem>
#include <map>
#include <string>

namespace stratus::engine::exporting {

/// A zip of `files` (relative path with '/' → bytes) that depends on nothing
/// but them: entries in path order, every time stamp 1980-01-01 00:00 (the
/// zip format's first), Unix modes 0644 or 0755 for scripts (which Lambda
/// runs as they are unpacked), deflated.
Result<std::string> reproducibleZip(const std::map<std::string, std::string> &files);

/// The files of the zip at `path` (folders left out), read into memory and
/// never unpacked. Refused, naming the entry: a name that climbs out of the
/// archive (`../`, an absolute path, a drive: "zip-slip"), more than
/// `maxEntries` files, or more than `maxBytes` once inflated.
Result<std::map<std::string, std::string>> readZipEntries(const std::filesystem::path &path, size_t maxEntries,
                                                          size_t maxBytes);

} // namespace stratus::engine::exporting
