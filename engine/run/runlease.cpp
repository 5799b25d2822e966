#include "runlease.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace stratus::engine::run {

namespace {

/// The abstract address (a leading NUL: nothing in the file system).
std::pair<sockaddr_un, socklen_t> leaseAddress(const struct stat &st)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string name = "stratus-run:" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    std::memcpy(address.sun_path + 1, name.data(), name.size());
    return {address, socklen_t(offsetof(sockaddr_un, sun_path) + 1 + name.size())};
}

} // namespace

Result<RunLease> RunLease::take(const std::string &workspaceFile)
{
    struct stat st = {};
    if (::stat(workspaceFile.c_str(), &st) != 0)
        return Status::ioError("cannot look at " + workspaceFile + ": " + std::strerror(errno));
    const auto [address, length] = leaseAddress(st);
    RunLease lease;
    // Non-blocking: dropProbes() accepts what is waiting without ever waiting.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return Status::ioError(std::string("cannot make a socket: ") + std::strerror(errno));
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), length) != 0) {
        const int error = errno;
        ::close(fd);
        if (error != EADDRINUSE)
            return Status::ioError("cannot claim " + workspaceFile + " for this process: " + std::strerror(error));
    } else if (::listen(fd, 64) != 0) {
        const int error = errno;
        ::close(fd);
        return Status::ioError("cannot claim " + workspaceFile + " for this process: " + std::strerror(error));
    } else {
        lease.m_fd = fd;
        return lease;
    }
    // Held: the holder's process id comes with a connection to it (it never
    // accepts; the connection waits in its backlog until we close it).
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (probe >= 0) {
        if (::connect(probe, reinterpret_cast<const sockaddr *>(&address), length) == 0) {
            ucred credentials{};
            socklen_t size = sizeof credentials;
            if (::getsockopt(probe, SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0 && credentials.pid > 0)
                lease.m_holder = long(credentials.pid);
        }
        ::close(probe);
    }
    return lease;
}

RunLease::RunLease(RunLease &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_holder(other.m_holder)
{}

RunLease &RunLease::operator=(RunLease &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_holder = other.m_holder;
    }
    return *this;
}

RunLease::~RunLease()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void RunLease::dropProbes()
{
    if (m_fd < 0)
        return;
    for (int probe; (probe = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;)
        ::close(probe);
}

std::string RunLease::holderText() const
{
    return m_holder ? "process " + std::to_string(*m_holder) : std::string("another process");
}

} // namespace stratus::engine::run
