#include "files.h"

#include "engine/model/text.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stratus::engine {

namespace fs = std::filesystem;

namespace {

std::string systemReason(int error)
{
    return std::strerror(error);
}

/// `path` with every symbolic link along its last component followed (at
/// most 40, as the kernel allows); a link to a missing file gives the missing
/// file's path, so that writing creates the file the link names.
Result<std::string> followLinks(const std::string &path)
{
    std::string current = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return current;
        std::error_code ec;
        const fs::path target = fs::read_symlink(current, ec);
        if (ec)
            return Status::ioError(quote(path) + ": cannot follow the link (" + ec.message() + ")");
        current = target.is_absolute() ? target.string()
                                       : (fs::path(current).parent_path() / target).string();
    }
    return Status::invalidArgument(quote(path) + ": too many levels of symbolic links");
}

Status writeAll(int fd, std::string_view bytes, const std::string &path)
{
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Status::ioError(quote(path) + ": cannot write (" + systemReason(n < 0 ? errno : ENOSPC) + ")");
        done += static_cast<size_t>(n);
    }
    return Status::ok();
}

/// Writes to something that is not a regular file (a device, a pipe, a
/// terminal): there is nothing to replace, only to write into.
Status writeInPlace(const std::string &path, std::string_view bytes)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    Status s = writeAll(fd, bytes, path);
    if (::close(fd) != 0 && s)
        s = Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    return s;
}

mode_t currentUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

/// Writes a regular file beside itself and renames it over: readers see the
/// old file or the new one, never half of it.
Status replaceRegularFile(const std::string &path, std::string_view bytes,
                          const std::optional<struct stat> &existing)
{
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp = (folder / ("." + target.filename().string() + ".stratus-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return Status::ioError(quote(path) + ": cannot write in its folder (" + systemReason(errno) + ")");
    auto fail = [&](Status s) {
        ::close(fd);
        ::unlink(temp.c_str());
        return s;
    };
    if (Status s = writeAll(fd, bytes, path); !s)
        return fail(s);
    // mkstemp makes 0600: give the file the mode (and, where we may, the
    // owner) the old one had, or what a new file gets under the umask.
    const mode_t mode = existing ? (existing->st_mode & 07777) : (0666 & ~currentUmask());
    if (::fchmod(fd, mode) != 0)
        return fail(Status::ioError(quote(path) + ": cannot set its mode (" + systemReason(errno) + ")"));
    if (existing && (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()))
        (void)!::fchown(fd, existing->st_uid, existing->st_gid); // only root may; others keep their own
    if (::fsync(fd) != 0)
        return fail(Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")"));
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        return Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        return Status::ioError(quote(path) + ": cannot replace the file (" + systemReason(error) + ")");
    }
    return Status::ok();
}

} // namespace

Result<std::string> readInputFile(const std::string &path, std::string_view what, size_t maxBytes)
{
    const std::string role(what);
    std::string text;
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        if (std::cin.bad())
            return Status::ioError("cannot read " + role + " from standard input");
        if (text.size() > maxBytes)
            return Status::invalidArgument(role + " on standard input is larger than "
                                           + std::to_string(maxBytes / (1024 * 1024)) + " MB");
        return text;
    }
    if (path.empty())
        return Status::invalidArgument(role + ": no file name given");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return Status::notFound(quote(path) + ": no such file");
        return Status::ioError(quote(path) + ": cannot read " + role + " (" + systemReason(errno) + ")");
    }
    if (S_ISDIR(st.st_mode))
        return Status::invalidArgument(quote(path) + " is a folder, not " + role);
    if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > maxBytes)
        return Status::invalidArgument(quote(path) + " is larger than "
                                       + std::to_string(maxBytes / (1024 * 1024)) + " MB, too large for "
                                       + role);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Status::ioError(quote(path) + ": cannot read " + role + " (" + systemReason(errno) + ")");
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return Status::ioError(quote(path) + ": cannot read " + role + " (" + systemReason(error) + ")");
        }
        if (n == 0)
            break;
        text.append(buffer, static_cast<size_t>(n));
        if (text.size() > maxBytes) {
            ::close(fd);
            return Status::invalidArgument(quote(path) + " is larger than "
                                           + std::to_string(maxBytes / (1024 * 1024))
                                           + " MB, too large for " + role);
        }
    }
    ::close(fd);
    return text;
}

Result<std::string> resolveOutputPath(const std::string &path, OutputKind kind)
{
    if (path.empty())
        return Status::invalidArgument("no file name given (the name is empty)");
    if (kind == OutputKind::Workspace && fs::path(path).extension() == ".json")
        return Status::invalidArgument(quote(path) + ": a workspace file is a SQLite database; name it "
                                       "*.stratus (export-json writes the JSON form)");
    auto resolved = followLinks(path);
    if (!resolved)
        return resolved;
    struct stat st {};
    if (::stat(resolved->c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return Status::invalidArgument(quote(path) + " is a folder; give the name of a file");
        if (kind == OutputKind::Workspace && !S_ISREG(st.st_mode))
            return Status::invalidArgument(quote(path) + " is not a regular file; a workspace must be one");
        return resolved;
    }
    if (errno != ENOENT)
        return Status::ioError(quote(path) + ": " + systemReason(errno));
    const fs::path parent = fs::path(*resolved).parent_path();
    std::error_code ec;
    if (!parent.empty() && !fs::is_directory(parent, ec))
        return Status::notFound(quote(path) + ": the folder " + quote(parent.string()) + " does not exist");
    return resolved;
}

Status writeOutputFile(const std::string &path, std::string_view bytes)
{
    auto resolved = resolveOutputPath(path, OutputKind::Text);
    if (!resolved)
        return resolved.status();
    struct stat st {};
    if (::stat(resolved->c_str(), &st) != 0)
        return replaceRegularFile(*resolved, bytes, std::nullopt);
    if (!S_ISREG(st.st_mode))
        return writeInPlace(*resolved, bytes);
    // A file we may not write stays as it is, as with a shell's `>`, even
    // though its folder would let us rename over it.
    if (::access(resolved->c_str(), W_OK) != 0)
        return Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    return replaceRegularFile(*resolved, bytes, st);
}

} // namespace stratus::engine
