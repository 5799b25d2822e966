#pragma once

// The executor: routes trigger events through a workspace's graph, one run
// per event, with the semantics of docs/runner.md (Step Functions' for what
// leaves a node, Lambda's for invocations). The CLI's send/serve/debug and
// the studio drive this one class.

#include "engine/model/json.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"
#include "engine/runtime/functionruntime.h"
#include "engine/store/runhistory.h"

#include <QObject>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace stratus::engine {

class WorkspaceStore;

namespace run {

class Resources;

/// Why a run failed, for callers that answer differently per cause (the
/// gateway: 500 for a throttle, 502 for a function error).
enum class FailureKind {
    None,
    FunctionError,  ///< a function failed and no `error` edge took it
    Throttled,      ///< an invocation was refused (reserved concurrency)
    NoChoiceMatched,
    ResourceError,  ///< a write into a queue, bucket or table failed
    Aborted,        ///< stopped from step-through or by the engine stopping
};

/// How a run ended.
struct RunOutcome
{
    RunEntry entry;                   ///< as recorded: status, output, error, log, path
    std::optional<Json> output;       ///< the value of the synchronous part, if it gave one
    /// The output is a caught error ({"Error", "Cause"}) that no function or
    /// choice after the catch replaced: an HTTP trigger answers it 502, as a
    /// function error, never 200 with the error's stack in the body.
    bool outputIsCaughtError = false;
    FailureKind failure = FailureKind::None;
    Json error;                       ///< {"Error", "Cause"} when failed
    bool ok() const { return failure == FailureKind::None; }
};

/// What starts a run.
struct RunRequest
{
    WorkflowId workflow;
    NodeId node;           ///< the trigger whose event this is; for a replay, the node to start at
    Json event = Json::object();
    std::string trigger;   ///< http, schedule, manual, queue, table, bucket, replay
    std::string parentRunId;
    std::string port = "event"; ///< the port of `node` the event leaves by (a resource's: out, dead)
    bool startAtNode = false; ///< `node` itself receives `event` (replay), instead of its `port`'s edges
    /// Set by resources: the node's own invocation is what a consumer does
    /// with a batch (no async retries: the source redelivers).
    bool fromEventSource = false;
};

/// A run paused before a node with a breakpoint (or while stepping).
struct PauseInfo
{
    std::string runId;
    WorkflowId workflow;
    NodeId node;
    std::string nodeName;
    Json event; ///< what the node is about to receive
};

enum class ResumeAction { Step, Continue, Abort };

/// Runs workspaces. Lives on the thread that created it (its event loop
/// serves the instances); every callback comes on that thread.
class Executor : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        FunctionRuntime::Options runtime;
        /// The workspace file to record runs and invocations in, and to keep
        /// queue and table data in; empty: nothing is recorded (tests).
        std::string workspaceFile;
        /// Waits before each retry of a failed function (Step Functions'
        /// defaults: 1 s, then twice as long). Tests shorten them.
        std::vector<std::chrono::milliseconds> retryDelays{std::chrono::seconds(1), std::chrono::seconds(2)};
        /// A run that passes more nodes than this fails (a runaway fan-out).
        int maxStepsPerRun = 10000;
        /// The local AWS endpoints functions reach through the SDK ("http://HOST:PORT"); empty: none.
        std::string servicesUrl;
    };

    /// Called as things happen, for printing and panels.
    struct Observer
    {
        std::function<void(const HistoryEntry &)> invocation;
        std::function<void(const RunOutcome &)> run;
        std::function<void(const PauseInfo &)> paused;
        std::function<void(const std::string &)> warning;
    };

    explicit Executor(Options options, QObject *parent = nullptr);
    ~Executor() override;

    /// Takes `workspace` as the design to run (a snapshot: editing the
    /// caller's copy never races a run). Runs in flight finish on the design
    /// they started with; functions whose node changed get a new version for
    /// their next invocation. Fails, changing nothing, when a function
    /// cannot run (its problems named).
    Status load(const Workspace &workspace);
    std::shared_ptr<const Workspace> design() const { return m_design; }

    void setObserver(Observer observer) { m_observer = std::move(observer); }
    /// Where queue, bucket and table writes go; without one, a write fails the run.
    void setResources(Resources *resources) { m_resources = resources; }

    /// Starts a run; `done` is called once, when it has ended (its writes
    /// into resources committed). Returns the run id.
    std::string start(RunRequest request, std::function<void(const RunOutcome &)> done = {});

    /// Runs paused before these nodes ("workflow/node" ids).
    void setBreakpoints(std::set<std::pair<WorkflowId, NodeId>> breakpoints);
    /// Pauses `runId`'s next node as if it had a breakpoint (debugging a run from its start).
    void stepRun(const std::string &runId);
    /// The runs paused now, oldest first.
    std::vector<PauseInfo> pausedRuns() const;
    /// Resumes the oldest pause of `runId`; `event` replaces what the node receives.
    Status resume(const std::string &runId, ResumeAction action, std::optional<Json> event = std::nullopt);

    /// Starts a new run at `nodeId` of a recorded run's path with the input
    /// recorded there, or with `event`. Needs Options::workspaceFile.
    Result<std::string> replay(const std::string &runId, const std::optional<NodeId> &fromNode,
                               std::optional<Json> event, std::function<void(const RunOutcome &)> done = {});

    int runsInFlight() const { return int(m_runs.size()); }
    /// Ends paused runs as aborted, stops every instance, writes what is queued.
    void shutdown();
    /// Waits until what was recorded so far is committed.
    Status flushHistory();

    FunctionRuntime &runtime() { return *m_runtime; }
    const Options &options() const { return m_options; }

private:
    struct Run;
    struct Outcome;
    struct Design;
    using Continuation = std::function<void(Outcome)>;

    // `caught`: the value is a caught error ({"Error", "Cause"}) on its way
    // from an `error` port; a choice passes that on with the value.
    void visit(const std::shared_ptr<Run> &run, const Node &node, Json input, Continuation done, bool caught = false);
    void enter(const std::shared_ptr<Run> &run, const Node &node, Json input, Continuation done, bool caught = false);
    // enter(), per kind of node:
    struct StepRecord;
    void enterFunction(const std::shared_ptr<Run> &run, const Node &node, const StepRecord &complete, Continuation done);
    void enterChoice(const std::shared_ptr<Run> &run, const Node &node, Json input, const StepRecord &complete,
                     Continuation done, bool caught);
    void enterLog(const std::shared_ptr<Run> &run, const Node &node, const Json &input, const StepRecord &complete,
                  Continuation done);
    void enterResource(const std::shared_ptr<Run> &run, const Node &node, const Json &input,
                       const StepRecord &complete, Continuation done);
    void refuseEntry(const Node &node, const StepRecord &complete, Continuation done);
    void follow(const std::shared_ptr<Run> &run, const Node &from, const std::string &port, Json value,
                Continuation done, bool caught = false);
    void runFunction(const std::shared_ptr<Run> &run, const Node &node, std::string payload, int attempt,
                     Continuation done);
    void finish(const std::shared_ptr<Run> &run, Outcome outcome);
    void recordInvocation(const std::shared_ptr<Run> &run, const Node &node, const InvocationResult &result);

    Options m_options;
    Observer m_observer;
    std::unique_ptr<FunctionRuntime> m_runtime;
    std::unique_ptr<RunRecorder> m_recorder;
    std::unique_ptr<WorkspaceStore> m_store; // for replays
    Resources *m_resources = nullptr;
    std::shared_ptr<const Workspace> m_design;
    std::shared_ptr<const Design> m_index; // of m_design: what every event would otherwise look up again
    std::map<std::string, std::shared_ptr<Run>> m_runs; // in flight, by run id
    std::set<std::pair<WorkflowId, NodeId>> m_breakpoints;
    struct Paused
    {
        PauseInfo info;
        std::function<void(ResumeAction, std::optional<Json>)> resume;
    };
    std::deque<Paused> m_paused;
    bool m_stopping = false; // shutdown() began
};

} // namespace run
} // namespace stratus::engine
