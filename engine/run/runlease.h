#pragma once

// Which process runs a workspace file: at most one may deliver its queues,
// streams and buckets and fire its schedules, or every message, record and
// file would be delivered once per process. The lease is an abstract Unix
// socket named after the file's device and inode: the kernel releases it when
// its process ends, however it ends (kill -9 included), and no file is left
// beside the workspace.

#include "engine/model/status.h"

#include <optional>
#include <string>

namespace stratus::engine::run {

class RunLease
{
public:
    /// Takes the lease of `workspaceFile`, or learns who holds it. Fails only
    /// when the file cannot be looked at.
    static Result<RunLease> take(const std::string &workspaceFile);

    RunLease(RunLease &&other) noexcept;
    RunLease &operator=(RunLease &&other) noexcept;
    RunLease(const RunLease &) = delete;
    RunLease &operator=(const RunLease &) = delete;
    ~RunLease();

    /// This process holds it (until destroyed).
    bool isHeld() const { return m_fd >= 0; }
    /// Who holds it, when this process does not (when the kernel says).
    std::optional<long> holderPid() const { return m_holder; }
    /// "process 1234" or "another process", for messages.
    std::string holderText() const;
    /// Closes the connections other processes made to learn who holds it
    /// (each waits in the socket's backlog until then); the holder calls it
    /// now and then, so that the backlog never fills and every asker gets
    /// an answer.
    void dropProbes();

private:
    RunLease() = default;
    int m_fd = -1;
    std::optional<long> m_holder;
};

} // namespace stratus::engine::run
