#include "files.h"

#include "engine/model/text.h"

#include <QRandomGenerator>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
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

std::string megabytes(size_t bytes)
{
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

/// open(2), retried when a signal interrupts it (opening a pipe waits for
/// its reader).
int openRetrying(const std::string &path, int flags, mode_t mode = 0)
{
    for (;;) {
        const int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EINTR)
            return fd;
    }
}

/// `path` with every symbolic link along its last component followed (at
/// most 40, as the kernel allows); a link to a missing file gives the missing
/// file's path, so that writing creates the file the link names. Only for
/// regular or missing targets: special files are opened by the name given.
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

/// Writes into what is at `path` as it is: a device, a pipe, a terminal, or
/// (with `truncate`) a regular file that cannot be replaced.
Status writeInPlace(const std::string &path, std::string_view bytes, bool truncate)
{
    const int fd = openRetrying(path, O_WRONLY | O_NOCTTY | (truncate ? O_TRUNC : 0));
    if (fd < 0)
        return Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    Status s = writeAll(fd, bytes, path);
    if (::close(fd) != 0 && s)
        s = Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    return s;
}

/// Makes a rename in `folder` durable (style.md: a rename is only as durable
/// as the directory entry that records it).
void syncFolder(const fs::path &folder)
{
    const int fd = openRetrying(folder.string(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/// Writes a regular file beside itself and renames it over: readers see the
/// old file or the new one, never half of it. The temporary file is created
/// with mode 0666 so that the kernel applies the umask, as for any new file.
Status replaceRegularFile(const std::string &path, std::string_view bytes,
                          const std::optional<struct stat> &existing)
{
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        char suffix[20];
        std::snprintf(suffix, sizeof suffix, ".%016llx",
                      static_cast<unsigned long long>(QRandomGenerator::global()->generate64()));
        temp = (folder / ("." + target.filename().string() + suffix)).string();
        fd = openRetrying(temp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        const int error = errno;
        // A file we may write in a folder we may not: write it in place, as
        // a shell's `>` would (not atomic, but the only way to write it).
        if ((error == EACCES || error == EPERM || error == EROFS) && existing)
            return writeInPlace(path, bytes, true);
        return Status::ioError(quote(path) + ": cannot write in its folder (" + systemReason(error) + ")");
    }
    auto fail = [&](Status s) {
        ::close(fd);
        ::unlink(temp.c_str());
        return s;
    };
    if (Status s = writeAll(fd, bytes, path); !s)
        return fail(s);
    if (existing) {
        // Owner first: chown clears the set-user-id and set-group-id bits
        // that the mode then puts back. Only root may give a file away.
        if (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid())
            (void)!::fchown(fd, existing->st_uid, existing->st_gid);
        if (::fchmod(fd, existing->st_mode & 07777) != 0)
            return fail(Status::ioError(quote(path) + ": cannot set its mode (" + systemReason(errno) + ")"));
    }
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
    syncFolder(folder);
    return Status::ok();
}

/// The descriptor a name stands for: /dev/stdout, /dev/stderr, /dev/fd/N,
/// /proc/self/fd/N. Writing goes to that descriptor as it is open (at its
/// offset, appending if it appends): reopening the name would truncate a
/// file the shell opened with `>>`, or fail for a file only the shell could open.
std::optional<int> descriptorNamed(const std::string &path)
{
    if (path == "/dev/stdout")
        return STDOUT_FILENO;
    if (path == "/dev/stderr")
        return STDERR_FILENO;
    for (const char *prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        const std::string_view p(prefix);
        if (path.size() > p.size() && path.size() <= p.size() + 6 && path.starts_with(p)
            && path.find_first_not_of("0123456789", p.size()) == std::string::npos)
            return std::stoi(path.substr(p.size()));
    }
    return std::nullopt;
}

/// Whether the regular file at `path` is a SQLite database (a workspace).
bool isSqliteDatabase(const std::string &path)
{
    const int fd = openRetrying(path, O_RDONLY);
    if (fd < 0)
        return false;
    char header[16] = {};
    const ssize_t n = ::read(fd, header, sizeof header);
    ::close(fd);
    return n == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

} // namespace

Result<std::string> readInputFile(const std::string &path, std::string_view what, size_t maxBytes)
{
    const std::string role(what);
    const bool standardInput = path == "-";
    const std::string name = standardInput ? std::string("standard input") : quote(path);
    auto tooLarge = [&] {
        return Status::invalidArgument(name + " is larger than " + megabytes(maxBytes) + ", too large for " + role);
    };
    int fd = STDIN_FILENO;
    if (!standardInput) {
        if (path.empty())
            return Status::invalidArgument(role + ": no file name given");
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return Status::notFound(name + ": no such file");
            return Status::ioError(name + ": cannot read " + role + " (" + systemReason(errno) + ")");
        }
        if (S_ISDIR(st.st_mode))
            return Status::invalidArgument(name + " is a folder, not " + role);
        if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > maxBytes)
            return tooLarge();
        fd = openRetrying(path, O_RDONLY);
        if (fd < 0)
            return Status::ioError(name + ": cannot read " + role + " (" + systemReason(errno) + ")");
    }
    std::string text;
    char buffer[65536];
    Status status;
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            status = Status::ioError(name + ": cannot read " + role + " (" + systemReason(errno) + ")");
            break;
        }
        if (n == 0)
            break;
        text.append(buffer, static_cast<size_t>(n));
        if (text.size() > maxBytes) {
            status = tooLarge();
            break;
        }
    }
    if (!standardInput)
        ::close(fd);
    if (!status)
        return status;
    return text;
}

Result<std::string> resolveOutputPath(const std::string &path, OutputKind kind)
{
    if (path.empty())
        return Status::invalidArgument("no file name given (the name is empty)");
    if (kind == OutputKind::Workspace) {
        std::string extension = fs::path(path).extension().string();
        for (char &c : extension)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        if (extension == ".json")
            return Status::invalidArgument(quote(path) + ": a workspace file is a SQLite database; name it "
                                           "*.stratus (export-json writes the JSON form)");
        if (path == "-")
            return Status::invalidArgument("'-' is standard input, not a workspace file; give a file name");
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return Status::invalidArgument(quote(path) + " is a folder; give the name of a file");
        if (!S_ISREG(st.st_mode)) {
            if (kind == OutputKind::Workspace)
                return Status::invalidArgument(quote(path) + " is not a regular file; a workspace must be one");
            // /dev/stdout, /dev/fd/N, a pipe, a device: the kernel follows
            // these names itself (/proc/self/fd/1 reads back as "pipe:[N]").
            return path;
        }
    }
    auto resolved = followLinks(path);
    if (!resolved)
        return resolved;
    if (::stat(resolved->c_str(), &st) == 0) {
        // A document never replaces a workspace: `export-json w.stratus -o
        // w.stratus` would lose the design and its history.
        if (kind == OutputKind::Text && S_ISREG(st.st_mode) && isSqliteDatabase(*resolved))
            return Status::invalidArgument(quote(path) + " is a workspace file (SQLite); writing this here would "
                                                         "replace it, so choose another name");
        return resolved;
    }
    if (errno != ENOENT)
        return Status::ioError(quote(path) + ": " + systemReason(errno));
    const fs::path parent = fs::path(*resolved).parent_path();
    std::error_code ec;
    if (!parent.empty() && !fs::is_directory(parent, ec))
        return Status::notFound(quote(path) + ": the folder " + quote(parent.string()) + " does not exist");
    if (::access(parent.empty() ? "." : parent.c_str(), W_OK | X_OK) != 0)
        return Status::ioError(quote(path) + ": cannot create a file in " + quote(parent.empty() ? "." : parent.string())
                               + " (" + systemReason(errno) + ")");
    return resolved;
}

Status writeOutputFile(const std::string &path, std::string_view bytes)
{
    if (const auto fd = descriptorNamed(path)) {
        if (Status s = writeAll(*fd, bytes, path); !s)
            return s;
        return Status::ok();
    }
    auto resolved = resolveOutputPath(path, OutputKind::Text);
    if (!resolved)
        return resolved.status();
    struct stat st {};
    if (::stat(resolved->c_str(), &st) != 0)
        return replaceRegularFile(*resolved, bytes, std::nullopt);
    if (!S_ISREG(st.st_mode))
        return writeInPlace(*resolved, bytes, false);
    // A file we may not write stays as it is, as with a shell's `>`, even
    // though its folder would let us rename over it.
    if (::access(resolved->c_str(), W_OK) != 0)
        return Status::ioError(quote(path) + ": cannot write (" + systemReason(errno) + ")");
    return replaceRegularFile(*resolved, bytes, st);
}

} // namespace stratus::engine
