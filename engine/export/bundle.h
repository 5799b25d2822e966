#pragma once

// A deployable bundle, made in memory and then written at once: the
// exporters never leave half a bundle behind, and never touch files they did
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

/// The file that marks a folder as a bundle Stratus wrote (and may replace).
inline constexpr const char *kBundleMark = ".stratus-export";

/// Writes `bundle` into `folder`: first into a new folder beside it, then
/// renamed into place, so an error or an interruption leaves nothing
/// half-written. A folder that exists is replaced only with `replace` and only
/// when it holds a bundle Stratus wrote (its kBundleMark), or is empty;
/// otherwise nothing is written and the error says why.
Status writeBundle(const Bundle &bundle, const std::filesystem::path &folder, bool replace);

} // namespace stratus::engine::exporting
