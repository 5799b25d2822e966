#pragma once

#include "sqlite.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/json.h"
#include "engine/model/settings.h"
#include "engine/model/status.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace stratus::engine {

/// One invocation as the run history keeps it.
struct HistoryEntry
{
    InvocationRecord record;
    std::string runId;      ///< the run (trigger event) it belongs to; empty: a run of its own
    std::string workflowId; ///< empty outside a workflow (stratus invoke --code)
    std::string nodeId;
    double cost = 0;        ///< priced by the caller (engine/meter) under the workspace's preset
};

/// One node a workflow run passed, as the history keeps it.
struct RunStepEntry
{
    std::string nodeId;
    std::string kind;
    int64_t startedAtUs = 0;
    int64_t durationUs = 0;
    std::string status; ///< ok, error (the run failed here), caught (left by `error`), aborted
    std::string input;  ///< JSON text: what the node received
    std::string output; ///< JSON text: what it gave (the error, for error and caught); empty: nothing
    std::string port;   ///< the port the value left by; empty: none
    std::string requestId; ///< a function's invocation
};

/// One workflow run: a trigger event and its path through the graph.
struct RunEntry
{
    std::string runId;
    std::string workflowId;
    std::string trigger;       ///< http, schedule, manual, queue, table, bucket, replay
    std::string triggerNodeId; ///< the node it started at
    std::string parentRunId;   ///< the run whose write into a resource started this one
    int64_t startedAtUs = 0;
    int64_t finishedAtUs = 0;
    std::string status; ///< ok, error, aborted
    std::string output; ///< JSON text; empty: none
    std::string error;  ///< JSON text {"Error", "Cause"}; empty: none
    std::vector<std::string> log; ///< what log nodes wrote
    std::vector<RunStepEntry> steps;
};

/// Writes invocation records into a workspace file's run history off the
/// caller's thread, so that recording never slows an invocation: record()
/// only queues; a writer thread with its own connection commits what is
/// queued in batches, one transaction each (WAL: readers are never blocked).
/// A record is durable once flush() has returned for it, or once a batch
/// holding it committed; a crash loses at most what was still queued.
///
/// Thread-safe: record() and flush() may be called from any thread.
class RunRecorder
{
public:
    /// Opens the workspace file at `path` (which must exist and be current;
    /// open it with WorkspaceStore first to migrate it).
    static Result<std::unique_ptr<RunRecorder>> open(const std::string &path);
    ~RunRecorder(); ///< writes everything queued, then stops

    RunRecorder(const RunRecorder &) = delete;
    RunRecorder &operator=(const RunRecorder &) = delete;

    void record(HistoryEntry entry);
    /// Queues a finished run (after its invocations, which record() got as
    /// they ended): its row, status, output, log and path.
    void recordRun(RunEntry run);
    /// Waits until everything queued before the call is committed; returns the
    /// first write error since the last flush, if any.
    Status flush();
    /// Applies `policy` (settings.retention) every kPruneEveryRuns runs
    /// written, on the writer thread; a policy that keeps everything, never.
    void setRetention(RetentionPolicy policy);
    static constexpr int kPruneEveryRuns = 100;
    uint64_t written() const { return m_written.load(); }

    /// The most records committed in one transaction.
    static constexpr size_t kMaxBatch = 4096;
    /// How long the writer gathers records into one transaction (unless a
    /// flush waits): under load, one commit for many runs instead of one each.
    static constexpr std::chrono::milliseconds kGatherTime{5};

private:
    explicit RunRecorder(sql::Database db);
    using Item = std::variant<HistoryEntry, RunEntry>;
    void enqueue(Item item);
    void run();
    Status writeBatch(const Item *batch, size_t count);
    void pruneSometimes(const std::vector<Item> &written);
    Status writeRun(const RunEntry &run);

    sql::Database m_db; // used by the writer thread only
    std::mutex m_mutex; // guards everything below, up to m_thread
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<Item> m_queue;
    uint64_t m_queued = 0;    // records ever queued
    uint64_t m_committed = 0; // records ever committed (or dropped on error)
    uint64_t m_flushTarget = 0; // a flush waits until m_committed reaches this
    RetentionPolicy m_retention;
    int m_runsSincePrune = 0;   // the writer thread's
    bool m_stopping = false;
    Status m_error;
    std::atomic<uint64_t> m_written{0};
    std::thread m_thread;
};

/// Workflow runs, newest first: `limit` of them, or the one named `runId`
/// (then with its steps and log).
struct RunQuery
{
    int limit = 20;
    std::string runId;
    bool withSteps = false;
};
Result<std::vector<RunEntry>> queryRuns(sql::Database &db, const RunQuery &query);
/// The ids of up to `limit` runs whose id begins with `prefix`.
Result<std::vector<std::string>> runIdsStartingWith(sql::Database &db, const std::string &prefix, int limit);

/// What to read back from the history, newest (last recorded) first.
struct HistoryQuery
{
    int limit = 20;
    std::string functionName; ///< empty: every function
    int64_t sinceUs = 0;      ///< only invocations started at or after this
    bool withLogs = false;
    std::string requestId;          ///< only this invocation
    std::string recordedBefore;     ///< only invocations recorded before this one (a request id): paging
};

Result<std::vector<HistoryEntry>> queryInvocations(sql::Database &db, const HistoryQuery &query);

/// Calls `row` for every invocation of the window, about oldest first (in
/// order of start within each block of the packed metrics), with the figures
/// statistics need (function, workflow, times, billed duration, memory,
/// status, cold start) and its cost; ids, run, logs and errors are left empty. Reads the packed blocks, not the rows: ~20x faster over a large
/// window.
Status scanInvocations(sql::Database &db, int64_t sinceUs, const std::string &functionName,
                       const std::function<void(const HistoryEntry &)> &row);

struct PruneResult
{
    long long runsRemoved = 0;
    long long invocationsRemoved = 0;
    long long bytesReclaimed = 0;
};

/// Removes the runs (with their invocations and logs) that `policy` does not
/// keep, in one transaction, then gives the freed pages back to the file
/// system (incremental vacuum; a file made before that was possible is
/// rewritten once). `db` must have foreign keys on (WorkspaceStore's
/// connection does). `nowUs` is the present, in µs since the epoch. Returns
/// at once, writing nothing, when the policy keeps everything (so it can run
/// after every recording).
Result<PruneResult> pruneHistory(sql::Database &db, const RetentionPolicy &policy, int64_t nowUs);

/// What the history says of one function's successful invocations.
struct FunctionAverages
{
    long long invocations = 0;
    double durationMs = 0;
    double maxMemoryUsedMB = 0;
};

/// Per function name, over every recorded invocation that succeeded.
Result<std::map<std::string, FunctionAverages>> functionAverages(sql::Database &db);

/// The names of the functions that have recorded invocations, sorted.
Result<std::vector<std::string>> recordedFunctionNames(sql::Database &db);

/// What one workflow's recorded runs consisted of, to price them per run.
struct WorkflowRuns
{
    std::string workflowId; ///< empty: functions run on their own
    long long runs = 0;
    long long invocations = 0;
    long long httpRuns = 0;           ///< started by an HTTP trigger (priced at the gateway)
    long long chainedInvocations = 0; ///< in runs of more than one invocation (state transitions)
    double invocationsCost = 0;
};

Result<std::vector<WorkflowRuns>> runsByWorkflow(sql::Database &db);

} // namespace stratus::engine
