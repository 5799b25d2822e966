#include "bundle.h"

#include <QCryptographicHash>

#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

namespace stratus::engine::exporting {

namespace fs = std::filesystem;

namespace {

/// The folder a write went wrong in, as the user named it (not the hidden one it was made in).
std::string failed(const std::string &what, const fs::path &target, const std::error_code &error)
{
    return what + " " + target.string() + ": " + error.message();
}

/// A path inside the bundle must stay inside it.
bool isSafeRelative(const std::string &path)
{
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos)
        return false;
    for (const fs::path &part : fs::path(path)) {
        if (part == ".." || part == ".")
            return false;
    }
    return true;
}

std::string digest(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// What an earlier export wrote: relative path → digest.
std::map<std::string, std::string> readManifest(const fs::path &folder)
{
    std::map<std::string, std::string> files;
    std::ifstream in(folder / kBundleMark);
    std::string line;
    while (std::getline(in, line)) {
        // "<sha256> <path>"; the first lines are prose.
        if (line.size() > 65 && line[64] == ' ' && line.find_first_not_of("0123456789abcdef") == 64)
            files[line.substr(65)] = line.substr(0, 64);
    }
    return files;
}

bool isScript(const std::string &path, const std::string &bytes)
{
    return bytes.starts_with("#!") || fs::path(path).filename() == "bootstrap";
}

Status writeInto(const Bundle &bundle, const fs::path &root, const fs::path &target)
{
    std::string manifest = "A bundle written by Stratus (stratus export). Exporting again with --force replaces\n"
                           "the files listed here and keeps every other file of this folder.\n";
    for (const auto &[relative, bytes] : bundle.files) {
        if (!isSafeRelative(relative))
            return Status::invalidArgument("a bundle file would leave the bundle: " + relative);
        const fs::path file = root / relative;
        std::error_code error;
        fs::create_directories(file.parent_path(), error);
        if (error)
            return Status::ioError(failed("cannot make a folder in", target, error));
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out)
            return Status::ioError("cannot write " + (target / relative).string()
                                   + (relative.size() > 200 ? " (its name may be too long)" : ""));
        if (isScript(relative, bytes))
            fs::permissions(file, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                            fs::perm_options::add, error);
        manifest += digest(bytes) + " " + relative + "\n";
    }
    std::ofstream mark(root / kBundleMark, std::ios::trunc);
    mark << manifest;
    mark.close();
    if (!mark)
        return Status::ioError("cannot write " + (target / kBundleMark).string());
    return Status::ok();
}

/// Removes what interrupted writes into `target` left beside it.
void removeStaleStaging(const fs::path &target)
{
    std::error_code error;
    const std::string writing = "." + target.filename().string() + ".writing-";
    const std::string replaced = "." + target.filename().string() + ".replaced-";
    for (const fs::directory_entry &entry : fs::directory_iterator(target.parent_path(), error)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(writing) || name.starts_with(replaced))
            fs::remove_all(entry.path(), error);
    }
}

/// The files of `folder` that `manifest` does not list (and the manifest itself excepted).
std::vector<std::string> filesNotIn(const fs::path &folder, const std::map<std::string, std::string> &manifest)
{
    std::vector<std::string> out;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
        if (it->is_directory() && !it->is_symlink())
            continue;
        const std::string relative = fs::relative(it->path(), folder).generic_string();
        if (relative != kBundleMark && !manifest.contains(relative))
            out.push_back(relative);
    }
    return out;
}

} // namespace

Status writeBundle(const Bundle &bundle, const fs::path &folder, bool replace)
{
    std::error_code error;
    // Through a symbolic link to where it points, as every file Stratus writes.
    const fs::path target = fs::weakly_canonical(fs::absolute(folder, error), error);
    if (error)
        return Status::ioError(failed("cannot place the bundle in", folder, error));
    const bool exists = fs::exists(target, error);
    std::map<std::string, std::string> earlier;
    std::vector<std::string> keep; // the user's own files, carried over
    if (exists) {
        if (!fs::is_directory(target))
            return Status::invalidArgument(target.string() + " exists and is not a folder");
        const bool empty = fs::is_empty(target, error);
        const bool ours = fs::exists(target / kBundleMark, error);
        if (!empty && !ours)
            return Status::invalidArgument(target.string()
                                           + " holds files Stratus did not write: choose a new folder (nothing was written)");
        if (!empty && !replace)
            return Status::invalidArgument(target.string()
                                           + " holds an earlier bundle: --force replaces it (nothing was written)");
        if (ours) {
            earlier = readManifest(target);
            for (const auto &[relative, sum] : earlier) {
                const fs::path file = target / relative;
                if (fs::exists(file, error) && digest(readAll(file)) != sum)
                    return Status::invalidArgument(
                        file.string() + " was changed since it was exported: copy the change into the workspace "
                                        "(or remove the file), then export again (nothing was written)");
            }
            keep = filesNotIn(target, earlier);
            for (const std::string &relative : keep) {
                if (bundle.files.contains(relative))
                    return Status::invalidArgument((target / relative).string()
                                                   + " is not from the earlier export, and the new bundle has a file "
                                                     "there: move it away, then export again (nothing was written)");
            }
        }
    }
    fs::create_directories(target.parent_path(), error);
    if (error)
        return Status::ioError(failed("cannot make the folder", target.parent_path(), error));
    removeStaleStaging(target);

    // A sibling, so that the renames stay on one file system.
    std::random_device random;
    const std::string suffix = std::to_string(random()) + std::to_string(random());
    const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".writing-" + suffix);
    const fs::path previous = target.parent_path() / ("." + target.filename().string() + ".replaced-" + suffix);
    fs::create_directory(staging, error);
    if (error)
        return Status::ioError(failed("cannot write into", target.parent_path(), error));
    if (Status written = writeInto(bundle, staging, target); !written) {
        fs::remove_all(staging, error);
        return written;
    }
    // The user's files move into the new bundle; on any failure they move back.
    std::vector<std::string> moved;
    const auto moveBack = [&] {
        std::error_code ignored;
        for (const std::string &relative : moved)
            fs::rename(staging / relative, target / relative, ignored);
        fs::remove_all(staging, ignored);
    };
    for (const std::string &relative : keep) {
        fs::create_directories((staging / relative).parent_path(), error);
        if (!error)
            fs::rename(target / relative, staging / relative, error);
        if (error) {
            moveBack();
            return Status::ioError(failed("cannot keep", target / relative, error));
        }
        moved.push_back(relative);
    }
    if (exists) {
        fs::rename(target, previous, error);
        if (error) {
            moveBack();
            return Status::ioError(failed("cannot replace", target, error));
        }
    }
    fs::rename(staging, target, error);
    if (error) {
        std::error_code ignored;
        if (exists)
            fs::rename(previous, target, ignored); // the earlier bundle back
        moveBack();
        return Status::ioError(failed("cannot move the bundle into", target, error));
    }
    if (exists)
        fs::remove_all(previous, error);
    return Status::ok();
}

} // namespace stratus::engine::exporting
