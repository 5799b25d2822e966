#pragma once

// A deployable bundle, made in memory and then written at once: the
// exporters never leave half a bundle behind, and never lose a file they did
// not write.

#include "engine/model/status.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace stratus::engine::exporting {

struct Bundle
{
    std::map<std::string, std::string> files; ///< relative path (with '/') → bytes, written in this order
    std::vector<std::string> notes;           ///< what the user should know: said by the CLI, kept in the README
};

/// The file that marks a folder as a bundle Stratus wrote: the list of the
/// files it wrote, each with a digest of what it wrote.
inline constexpr const char *kBundleMark = ".stratus-export";

/// Writes `bundle` into `folder`: first into a new folder beside it, then
/// renamed into place, so an error leaves nothing half-written (an
/// interrupted write leaves a hidden `.NAME.writing-…` folder beside it,
/// which the next export removes).
///
/// A folder that exists is replaced only with `replace`, and only when it is
/// empty or holds a bundle Stratus wrote (its kBundleMark). Then the files
/// the earlier export did not write (samconfig.toml, .aws-sam/, …) are
/// carried over into the new bundle; a file it wrote that was changed since
/// is not overwritten: the write is refused, naming it. Scripts (text that
/// starts with "#!", a `bootstrap`) are written executable.
Status writeBundle(const Bundle &bundle, const std::filesystem::path &folder, bool replace);

} // namespace stratus::engine::exporting
