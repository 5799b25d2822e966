#pragma once

#include "json.h"
#include "problem.h"
#include "status.h"

#include <string>

namespace stratus::engine {

/// How much run history a workspace keeps; 0 means no limit.
struct RetentionPolicy
{
    int keepDays = 0;       ///< runs that started earlier are removed
    long long keepRuns = 0; ///< only the most recent runs are kept
};

/// Every wrong value in a workspace's settings.retention ({"days": N,
/// "runs": N}), each naming its field.
Problems retentionProblems(const Json &settings);

/// The policy in a workspace's settings.retention (no limit when there is
/// none). Fails with every one of retentionProblems(), so that `prune`, the
/// recorder and `validate` all say the same of a wrong value.
Result<RetentionPolicy> retentionPolicy(const Json &settings);

/// A workspace setting that holds text (`region`, `pricing`), or `fallback`
/// when it is absent or not text.
std::string textSetting(const Json &settings, const char *key, const char *fallback);

/// settings.emulateCpuShare: whether functions get Lambda's CPU share for
/// their memory in ordinary runs (false when absent or not a boolean).
bool emulatesCpuShare(const Json &settings);

/// Where the HTTP gateway listens: settings.gateway {"host", "port"}.
struct GatewaySettings
{
    std::string host = "127.0.0.1";
    int port = 0; ///< 0: a free port

    bool operator==(const GatewaySettings &) const = default;
};

/// settings.services.port (0: a free port).
int servicesPort(const Json &settings);

/// A settings.emulateCpuShare that is not true or false.
Problems cpuShareProblems(const Json &settings);

/// Every wrong value in settings.gateway and settings.services ({"port"}).
Problems gatewayProblems(const Json &settings);
/// The gateway's address: settings.gateway's host and port, `fallback`'s
/// where absent (the studio's user defaults); assumes gatewayProblems() is empty.
GatewaySettings gatewaySettings(const Json &settings, const GatewaySettings &fallback = {});

} // namespace stratus::engine
