#include "cpushare.h"

#include "engine/model/text.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace stratus::engine {

namespace fs = std::filesystem;

namespace {

// A short period spreads the share evenly: with the kernel's default 100 ms,
// a 25 ms burst at 0.36 vCPU fits in one period's quota and runs at full
// speed, so short invocations would not slow down as they do on Lambda.
// 20 ms keeps the smallest quota (128 MB: 0.072 × 20 ms = 1.45 ms) above the
// kernel's 1 ms minimum.
constexpr long long kPeriodUs = 20'000;
constexpr const char *kGroupPrefix = "stratus-";

std::vector<std::string> splitOn(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, separator);)
        parts.push_back(part);
    return parts;
}

bool writeFile(const std::string &path, const std::string &text, std::string *error)
{
    std::ofstream out(path);
    out << text;
    out.flush();
    if (out)
        return true;
    *error = path + ": " + std::strerror(errno);
    return false;
}

/// A cgroup hierarchy this process is in: where it is mounted and the
/// process's own group inside it.
struct Hierarchy
{
    std::string mountPoint;
    std::string root; // the hierarchy's folder the mount shows
    std::string ownPath;

    std::string ownFolder() const
    {
        std::string path = ownPath;
        if (root != "/" && path.starts_with(root))
            path = path.substr(root.size());
        return mountPoint + (path == "/" ? std::string() : path);
    }
};

/// From /proc/self/mountinfo and /proc/self/cgroup: the cgroup v2 hierarchy
/// (`v2`) or the v1 hierarchy with the cpu controller.
std::optional<Hierarchy> findHierarchy(bool v2)
{
    Hierarchy h;
    std::ifstream mounts("/proc/self/mountinfo");
    for (std::string line; std::getline(mounts, line);) {
        // id parent dev root mountpoint options [optional…] - fstype source superoptions
        const auto dash = line.find(" - ");
        if (dash == std::string::npos)
            continue;
        const std::vector<std::string> before = splitOn(line.substr(0, dash), ' ');
        const std::vector<std::string> after = splitOn(line.substr(dash + 3), ' ');
        if (before.size() < 5 || after.size() < 3)
            continue;
        const std::vector<std::string> options = splitOn(after[2], ',');
        const bool matches = v2 ? after[0] == "cgroup2"
                                : after[0] == "cgroup" && std::find(options.begin(), options.end(), "cpu") != options.end();
        if (matches) {
            h.root = before[3];
            h.mountPoint = before[4];
            break;
        }
    }
    if (h.mountPoint.empty())
        return std::nullopt;
    std::ifstream groups("/proc/self/cgroup");
    for (std::string line; std::getline(groups, line);) {
        // hierarchy-id:controllers:path
        const auto first = line.find(':');
        const auto second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos)
            continue;
        const std::vector<std::string> controllers = splitOn(line.substr(first + 1, second - first - 1), ',');
        const bool matches = v2 ? line.substr(0, first) == "0" && controllers.empty()
                                : std::find(controllers.begin(), controllers.end(), "cpu") != controllers.end();
        if (matches) {
            h.ownPath = line.substr(second + 1);
            return h;
        }
    }
    return std::nullopt;
}

/// Removes groups left by engines that are gone (a crash, a kill -9).
void removeStaleGroups(const std::string &parent)
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(kGroupPrefix) || !entry.is_directory(ec))
            continue;
        const std::string pid = name.substr(std::strlen(kGroupPrefix), name.find('-', std::strlen(kGroupPrefix))
                                                                            - std::strlen(kGroupPrefix));
        if (!pid.empty() && std::all_of(pid.begin(), pid.end(), ::isdigit) && !fs::exists("/proc/" + pid, ec))
            ::rmdir(entry.path().c_str());
    }
}

std::string newGroupName()
{
    static std::atomic<long long> next{0};
    return kGroupPrefix + std::to_string(::getpid()) + "-" + std::to_string(next++);
}

} // namespace

double lambdaVcpus(int memoryMB)
{
    return double(std::max(0, memoryMB)) / kMemoryPerVcpuMB;
}

int64_t estimatedDurationUs(int64_t wallUs, int64_t cpuUs, double vcpus)
{
    if (vcpus <= 0 || cpuUs <= 0)
        return wallUs;
    if (cpuUs > wallUs) // threads in parallel: the share's vCPUs run them, never faster than they ran here
        return std::max(wallUs, int64_t(double(cpuUs) / vcpus + 0.5));
    const int64_t waitingUs = wallUs - cpuUs;
    return waitingUs + int64_t(double(cpuUs) / std::min(1.0, vcpus) + 0.5);
}

CpuGroup::~CpuGroup()
{
    // The instance's processes leave the group as they exit; the engine
    // kills them before this runs, but the exit may take a moment.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (::rmdir(m_path.c_str()) == 0 || errno == ENOENT)
            return;
        if (errno != EBUSY)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    // Still busy: removed by removeStaleGroups() when an engine next starts.
}

CpuLimits::CpuLimits()
{
    // Lets a user (and the tests) choose the estimate on a machine that has
    // cgroups, to compare the two or when a cgroup misbehaves.
    const char *forced = std::getenv("STRATUS_CPU_SHARE");
    if (forced && std::string_view(forced) == "estimate") {
        m_description = "STRATUS_CPU_SHARE=estimate";
        return;
    }
    // Any other value is said, not ignored silently.
    const std::string ignoredChoice = forced && *forced
                                          ? "; STRATUS_CPU_SHARE=" + printable(forced) + " ignored (the only value understood is 'estimate')"
                                          : std::string();
    detect();
    m_description += ignoredChoice;
}

void CpuLimits::detect()
{
    std::string why;
    for (const bool v2 : {true, false}) {
        const auto hierarchy = findHierarchy(v2);
        if (!hierarchy) {
            why += std::string(why.empty() ? "" : "; ") + (v2 ? "no cgroup v2 hierarchy" : "no cgroup v1 cpu controller");
            continue;
        }
        m_parent = hierarchy->ownFolder();
        m_v2 = v2;
        removeStaleGroups(m_parent);
        if (v2) {
            // The cpu controller must be on for the groups made here.
            std::string ignored;
            writeFile(m_parent + "/cgroup.subtree_control", "+cpu", &ignored);
        }
        auto probe = makeGroup(1.0);
        if (probe) {
            m_description = v2 ? "cgroup v2 cpu.max" : "cgroup v1 cpu.cfs_quota_us";
            return;
        }
        why += std::string(why.empty() ? "" : "; ") + probe.status().message();
        m_parent.clear();
    }
    m_description = "no writable CPU cgroup (" + why + ")";
}

const CpuLimits &CpuLimits::instance()
{
    static const CpuLimits limits;
    return limits;
}

Result<std::unique_ptr<CpuGroup>> CpuLimits::create(double vcpus) const
{
    if (!available())
        return Status::notSupported(m_description);
    return makeGroup(vcpus);
}

Result<std::unique_ptr<CpuGroup>> CpuLimits::makeGroup(double vcpus) const
{
    const std::string path = m_parent + "/" + newGroupName();
    if (::mkdir(path.c_str(), 0755) != 0)
        return Status::notSupported("cannot make a CPU cgroup in " + m_parent + ": " + std::strerror(errno));
    std::unique_ptr<CpuGroup> group(new CpuGroup(path, path + "/cgroup.procs"));
    const long long cores = std::max(1u, std::thread::hardware_concurrency());
    // The kernel's smallest quota is 1 ms a period; more than every core means no limit.
    const long long quotaUs = std::clamp<long long>(std::llround(vcpus * kPeriodUs), 1000, cores * kPeriodUs);
    std::string error;
    const bool limited =
        m_v2 ? fs::exists(path + "/cpu.max")
                   && writeFile(path + "/cpu.max", std::to_string(quotaUs) + " " + std::to_string(kPeriodUs), &error)
             : writeFile(path + "/cpu.cfs_period_us", std::to_string(kPeriodUs), &error)
                   && writeFile(path + "/cpu.cfs_quota_us", std::to_string(quotaUs), &error);
    if (!limited)
        return Status::notSupported("cannot limit a CPU cgroup: "
                                   + (error.empty() ? path + " has no cpu.max (the cpu controller is off)" : error));
    return group;
}

CpuShareMethod availableCpuShareMethod()
{
    return CpuLimits::instance().available() ? CpuShareMethod::Cgroup : CpuShareMethod::Estimate;
}

} // namespace stratus::engine
