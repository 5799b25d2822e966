// stratus prune: removes the run history that the retention policy does not keep.

#include "commands.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <chrono>
#include <ostream>

namespace stratus::cli {

using namespace stratus::engine;

int cmdPrune(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "prune", "expected one FILE.stratus");
    // Flags are checked before the file is opened (read-write opening migrates it).
    auto days = args.wholeNumber("--keep-days", 0, 1, INT_MAX);
    if (!days)
        return usageError(io, "prune", days.status().message());
    auto runs = args.wholeNumber("--keep-runs", 0, 1);
    if (!runs)
        return usageError(io, "prune", runs.status().message());
    const std::string file = args.positionals()[0];
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    if (!store)
        return failure(io, store.status());
    auto ws = store->load();
    if (!ws)
        return failure(io, ws.status());

    // The workspace's settings, then the flags given; a wrong setting is
    // reported, never read as "no retention".
    auto configured = retentionPolicy(ws->settings);
    if (!configured && *days == 0 && *runs == 0) {
        io.err << "stratus: " << printable(file) << ": " << printable(configured.status().message())
               << "; nothing removed (fix the setting, or give --keep-days or --keep-runs)\n";
        return kExitProblems;
    }
    RetentionPolicy policy = configured ? *configured : RetentionPolicy{};
    if (*days > 0)
        policy.keepDays = int(*days);
    if (*runs > 0)
        policy.keepRuns = *runs;
    if (policy.keepDays <= 0 && policy.keepRuns <= 0) {
        io.err << printable(file) << ": no retention set (settings.retention, --keep-days or --keep-runs); nothing removed\n";
        return kExitOk;
    }
    const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    auto pruned = pruneHistory(store->database(), policy, now);
    if (!pruned)
        return failure(io, pruned.status().withContext(quote(file)));
    io.out << printable(file) << ": removed " << pruned->runsRemoved << " runs and " << pruned->invocationsRemoved
           << " invocations, reclaimed " << pruned->bytesReclaimed / 1024 << " KB\n";
    return kExitOk;
}

} // namespace stratus::cli
