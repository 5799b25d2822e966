#pragma once

// A bucket node's objects are the files under its folder, the key being the
// path relative to it. What the graph's writes, the bucket scanner and the
// local S3 endpoint share: the rules a key must keep (S3's, and ours so that
// an object stays inside its folder), and writing and listing the files.

#include "engine/model/status.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine::services {

/// Our own temporary files (".stratus-..."), never objects.
bool isOwnTemporary(std::string_view fileName);

/// Ok, or what `key` breaks: S3's 1 to 1024 bytes, no NUL; ours: a relative
/// path without "." or ".." segments, a leading '/', a '\\', a trailing '/'
/// (a folder is not an object here) or our temporaries' prefix.
Status checkObjectKey(const std::string &key);

/// The file of `key` in `folder`, after checkObjectKey and a check that no
/// symlink on the way leads out of the folder; `createFolders` makes the
/// folders on the way (for a write).
Result<std::filesystem::path> objectPath(const std::string &folder, const std::string &key, bool createFolders);

/// Writes `body` beside the file and renames it over: readers and the bucket
/// scanner see the old object or the new one, never half of one, and a
/// write answered survives Stratus ending (not a power loss: no sync, as
/// for table items).
Status writeObjectFile(const std::filesystem::path &path, std::string_view body);

/// Removes the file and the folders it leaves empty up to `folder` (S3 has
/// no folders: an empty one would be nothing). False when there was none.
Result<bool> removeObjectFile(const std::string &folder, const std::filesystem::path &path);

struct ObjectFile
{
    std::string key;
    long long size = 0;
    long long modifiedMs = 0;
};

/// The objects under `folder` whose keys start with `prefix`, in S3's order
/// (keys compared as UTF-8 bytes); symlinks and our temporaries skipped.
std::vector<ObjectFile> objectFiles(const std::string &folder, const std::string &prefix = {});

} // namespace stratus::engine::services
