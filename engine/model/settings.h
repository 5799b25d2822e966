#pragma once

#include "json.h"
#include "problem.h"
#include "status.h"

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

} // namespace stratus::engine
