#pragma once

// A deployable bundle, made in memory and then written at once: the
// exporters never leave half a bundle behind, and never lose a file they did
// not write.

#include "engine/model/status.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace stratus::engine {
class Workflow;
struct Node;
struct Workspace;
} // namespace stratus::engine

namespace stratus::engine::exporting {

struct Bundle
{
    std::map<std::string, std::string> files; ///< relative path (with '/') → bytes, written in this order
    std::vector<std::string> notes;           ///< what the user should know: said by the CLI, kept in the README
};

/// True for a file that must be executable where it runs: a script (`#!`)
/// or a custom runtime's `bootstrap`.
bool isScript(const std::string &path, const std::string &bytes);

/// The file that marks a folder as a bundle Stratus wrote: the list of the
/// files it wrote, each with a digest of what it wrote.
inline constexpr const char *kBundleMark = ".stratus-export";

/// A file or folder name made of safe characters (letters beyond ASCII
/// kept), short enough for any file system.
std::string fileNameFrom(const std::string &name);

/// `name` made unique among `taken` regardless of case (name, name-2, …),
/// since bundles are also unpacked on file systems that ignore case.
std::string uniqueFileName(const std::string &name, std::set<std::string> &taken);

/// Where a bundle keeps each function's saved test events:
/// events/FOLDER/NAME.json, for `sam local invoke -e`.
inline constexpr const char *kTestEventsFolder = "events";

/// Adds `function`'s saved test events to `bundle` under events/`folderName`/.
void addTestEvents(Bundle &bundle, const Workspace &workspace, const Workflow &workflow, const Node &function,
                   const std::string &folderName);

/// Writes `bundle` into `folder` (a symbolic link is followed).
///
/// A new (or empty) folder gets the bundle whole: written into a hidden
/// `.NAME.writing-…` folder beside it and renamed into place, so an error
/// leaves nothing half-written, and what an interrupted write leaves is
/// removed by the next one.
///
/// A folder that holds files is written into only with `replace`, and only
/// when it holds a bundle Stratus wrote (its kBundleMark). Then only the
/// files the earlier export wrote are replaced (each through a temporary
/// file and a rename) or removed; every other file (samconfig.toml,
/// .aws-sam/, …) stays where it is, untouched. A file the earlier export
/// wrote that was changed since is never overwritten: the write is refused,
/// naming it, before anything changes. Scripts (text that starts with "#!",
/// a `bootstrap`) are written executable.
Status writeBundle(const Bundle &bundle, const std::filesystem::path &folder, bool replace);

} // namespace stratus::engine::exporting
