#include "bundle.h"

#include <fstream>
#include <random>
#include <system_error>

namespace stratus::engine::exporting {

namespace fs = std::filesystem;

namespace {

std::string failed(const std::string &what, const fs::path &path, const std::error_code &error)
{
    return what + " " + path.string() + ": " + error.message();
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

Status writeInto(const Bundle &bundle, const fs::path &root)
{
    for (const auto &[relative, bytes] : bundle.files) {
        if (!isSafeRelative(relative))
            return Status::invalidArgument("a bundle file would leave the bundle: " + relative);
        const fs::path target = root / relative;
        std::error_code error;
        fs::create_directories(target.parent_path(), error);
        if (error)
            return Status::ioError(failed("cannot make the folder", target.parent_path(), error));
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out)
            return Status::ioError("cannot write " + target.string());
    }
    return Status::ok();
}

} // namespace

Status writeBundle(const Bundle &bundle, const fs::path &folder, bool replace)
{
    std::error_code error;
    const fs::path target = fs::absolute(folder, error);
    if (error)
        return Status::ioError(failed("cannot place", folder, error));
    const bool exists = fs::exists(target, error);
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
    }
    fs::create_directories(target.parent_path(), error);
    if (error)
        return Status::ioError(failed("cannot make the folder", target.parent_path(), error));

    // A sibling, so that the rename stays on one file system.
    std::random_device random;
    const std::string suffix = std::to_string(random()) + std::to_string(random());
    const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".writing-" + suffix);
    const fs::path previous = target.parent_path() / ("." + target.filename().string() + ".replaced-" + suffix);
    fs::create_directory(staging, error);
    if (error)
        return Status::ioError(failed("cannot make the folder", staging, error));
    Status written = writeInto(bundle, staging);
    if (written) {
        std::ofstream mark(staging / kBundleMark, std::ios::trunc);
        mark << "A bundle written by Stratus (stratus export). Exporting again with --force replaces this folder.\n";
        mark.close();
        if (!mark)
            written = Status::ioError("cannot write " + (staging / kBundleMark).string());
    }
    if (!written) {
        fs::remove_all(staging, error);
        return written;
    }
    if (exists) {
        fs::rename(target, previous, error);
        if (error) {
            fs::remove_all(staging, error);
            return Status::ioError(failed("cannot replace", target, error));
        }
    }
    fs::rename(staging, target, error);
    if (error) {
        std::error_code ignored;
        if (exists)
            fs::rename(previous, target, ignored); // the earlier bundle back
        fs::remove_all(staging, ignored);
        return Status::ioError(failed("cannot move the bundle into", target, error));
    }
    if (exists)
        fs::remove_all(previous, error);
    return Status::ok();
}

} // namespace stratus::engine::exporting
