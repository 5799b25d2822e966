#pragma once

// Lambda gives a function CPU in proportion to its memory: one vCPU at
// 1,769 MB, a fraction below, up to six vCPUs at 10,240 MB
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
// Here an instance may get that share for real, through a CPU cgroup of its
// own (cgroup v2 `cpu.max`, or cgroup v1 `cpu.cfs_quota_us` where the cpu
// controller is still on v1), or, where the machine does not let this process
// make cgroups, its duration is estimated from the CPU time it used.

#include "engine/model/status.h"

#include <memory>
#include <string>

namespace stratus::engine {

/// The memory at which Lambda gives one full vCPU.
inline constexpr int kMemoryPerVcpuMB = 1769;

/// The vCPUs Lambda gives `memoryMB` (0.072 at 128 MB, 1 at 1,769 MB).
double lambdaVcpus(int memoryMB);

/// How an instance's CPU share is applied.
enum class CpuShareMethod
{
    None,     ///< the instance runs at this machine's speed
    Cgroup,   ///< a CPU cgroup limits the instance to its share
    Estimate, ///< the duration is computed from the CPU time measured
};

/// A handler's duration had it had `vcpus` of this machine's CPU instead of
/// a whole core: its time off the CPU (waiting) stays, its CPU time stretches
/// by 1/vcpus below one vCPU. Above one vCPU it is not shortened: a single
/// thread cannot use more than one. More CPU time than wall time means
/// threads ran in parallel: then the CPU time spread over the share's vCPUs.
int64_t estimatedDurationUs(int64_t wallUs, int64_t cpuUs, double vcpus);

/// A CPU cgroup made for one instance; removed when destroyed (once its
/// processes are gone: the kernel refuses to remove a group in use).
class CpuGroup
{
public:
    ~CpuGroup();
    CpuGroup(const CpuGroup &) = delete;
    CpuGroup &operator=(const CpuGroup &) = delete;

    /// The file a process writes its pid into to join the group (a path
    /// that a child process can open between fork and exec).
    const std::string &procsFile() const { return m_procsFile; }
    const std::string &path() const { return m_path; }

private:
    friend class CpuLimits;
    CpuGroup(std::string path, std::string procsFile)
        : m_path(std::move(path)), m_procsFile(std::move(procsFile)) {}
    std::string m_path;
    std::string m_procsFile;
};

/// Where this process may make CPU cgroups: found once, by making one.
class CpuLimits
{
public:
    static const CpuLimits &instance();

    bool available() const { return !m_parent.empty(); }
    /// The folder the groups are made in ("" when not available).
    const std::string &groupsFolder() const { return m_parent; }
    /// "cgroup v2 cpu.max" or "cgroup v1 cpu.cfs_quota_us" when available,
    /// else why not ("no writable CPU cgroup: …"); an unknown
    /// STRATUS_CPU_SHARE is named at its end.
    const std::string &description() const { return m_description; }

    /// A new group whose processes share `vcpus` of the machine's CPU time.
    Result<std::unique_ptr<CpuGroup>> create(double vcpus) const;

private:
    CpuLimits();
    /// Finds a hierarchy that gives groups (sets m_parent, m_v2, m_description).
    void detect();
    Result<std::unique_ptr<CpuGroup>> makeGroup(double vcpus) const;

    std::string m_parent; // the folder groups are made in
    bool m_v2 = false;
    std::string m_description;
};

/// What runs decide: the cgroup when it can be made, else the estimate
/// (always the estimate when the environment has STRATUS_CPU_SHARE=estimate).
CpuShareMethod availableCpuShareMethod();

} // namespace stratus::engine
