#include "executor.h"

#include "resources.h"

#include "engine/meter/cost.h"
#include "engine/meter/pricing.h"
#include "engine/model/choiceeval.h"
#include "engine/model/nodekind.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/runtime/functionconfig.h"
#include "engine/store/workspacestore.h"

#include <QTimer>

#include <algorithm>

namespace stratus::engine::run {

namespace {

int64_t nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Step Functions' Catch output: the error name and the error object as a
/// JSON string (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
Json catchOutput(const std::string &error, const std::string &cause)
{
    return Json{{"Error", error}, {"Cause", cause}};
}

std::string dumpJson(const Json &value)
{
    // Replace, never throw: a function may return invalid UTF-8 in a string.
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

/// What one branch of a run gave back to the node before it.
struct Executor::Outcome
{
    std::optional<Json> value; ///< the output of its last function or choice, if any
    bool valueIsCaughtError = false;
    FailureKind failure = FailureKind::None;
    Json error;                ///< {"Error", "Cause"}
    std::string requestId;     ///< the invocation, when a function gave it
    bool failed() const { return failure != FailureKind::None; }
};

/// A loaded design, indexed once: each node's effective config (a
/// function's without its files), each port's targets in edge order, the
/// price per architecture.
struct Executor::Design
{
    std::unordered_map<std::string, Json> configs;                 // "workflow\x1fnode"
    std::unordered_map<std::string, std::vector<const Node *>> targets; // "workflow\x1fnode\x1fport"
    std::map<std::string, PricingPreset> prices;                    // by architecture

    static std::string key(const WorkflowId &wf, const NodeId &node) { return wf.str() + '\x1f' + node.str(); }

    const Json &config(const Workflow &wf, const Node &node) const
    {
        static const Json none = Json::object();
        auto it = configs.find(key(wf.id(), node.id));
        return it == configs.end() ? none : it->second;
    }
    const std::vector<const Node *> &targetsOf(const Workflow &wf, const Node &node, const std::string &port) const
    {
        static const std::vector<const Node *> none;
        auto it = targets.find(key(wf.id(), node.id) + '\x1f' + port);
        return it == targets.end() ? none : it->second;
    }
};

struct Executor::Run
{
    RunEntry entry;
    std::shared_ptr<const Workspace> design;
    std::shared_ptr<const Design> index;
    const Workflow *workflow = nullptr;
    std::function<void(const RunOutcome &)> done;
    bool stepping = false;
    bool ended = false;
    int steps = 0;
    bool startedByEventSource = false;
    std::set<NodeId> firstNodes; ///< the nodes that got the trigger's event (no state-machine Retry)
    /// The trigger's step (steps[0]) takes its output from the first node's
    /// input, the same event: one serialisation of it instead of two.
    bool triggerOutputFromFirstInput = false;
};

Executor::Executor(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_runtime(std::make_unique<FunctionRuntime>(m_options.runtime))
{
    if (!m_options.workspaceFile.empty()) {
        auto store = WorkspaceStore::open(m_options.workspaceFile, WorkspaceStore::Access::ReadWrite);
        if (store)
            m_store = std::make_unique<WorkspaceStore>(store.take());
        auto recorder = RunRecorder::open(m_options.workspaceFile);
        if (recorder)
            m_recorder = recorder.take();
        else if (m_options.runtime.warn)
            m_options.runtime.warn("runs will not be recorded: " + recorder.status().message());
    }
}

Executor::~Executor()
{
    shutdown();
}

Status Executor::load(const Workspace &workspace)
{
    auto design = std::make_shared<const Workspace>(workspace);
    // Build every function's config first, so that a failure changes nothing.
    std::map<std::string, FunctionConfig> configs;
    std::map<std::string, const Node *> nodes;
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind != kinds::kFunction)
                continue;
            auto config = FunctionConfig::fromNode(node, design->settings, m_options.runtime.cacheRoot);
            if (!config)
                return config.status().withContext("workflow " + quote(wf.id().str()));
            addResourceEnvironment(*config, *design, node, m_options.servicesUrl);
            nodes[node.name] = &node;
            configs[node.name] = config.take();
        }
    }
    std::map<std::string, const Node *> before;
    // A changed CPU share setting restarts every function's instances.
    if (m_design && emulatesCpuShare(m_design->settings) == emulatesCpuShare(design->settings)) {
        for (const Workflow &wf : m_design->workflows) {
            for (const Node &node : wf.nodes()) {
                if (node.kind == kinds::kFunction)
                    before[node.name] = &node;
            }
        }
    }
    for (auto &[name, config] : configs) {
        auto old = before.find(name);
        if (old != before.end() && *old->second == *nodes[name] && m_runtime->pool(name))
            continue; // unchanged: keep its warm instances
        if (Status s = m_runtime->addFunction(std::move(config)); !s)
            return s;
    }
    for (const auto &[name, node] : before) {
        if (!configs.contains(name))
            m_runtime->removeFunction(name);
    }
    auto index = std::make_shared<Design>();
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            Json config = NodeKindRegistry::instance().effectiveConfig(node);
            if (node.kind == kinds::kFunction) {
                config.erase("files"); // the code is the runtime's business, and large
                const std::string arch = config.value("architecture", std::string("x86_64"));
                if (!index->prices.contains(arch))
                    index->prices[arch] = recordingPricing(design->settings, arch).preset;
            }
            index->configs[Design::key(wf.id(), node.id)] = std::move(config);
        }
        for (const Edge &e : wf.edges()) {
            if (const Node *target = wf.findNode(e.to.node))
                index->targets[Design::key(wf.id(), e.from.node) + '\x1f' + e.from.port].push_back(target);
        }
    }
    // Retention is applied by the recorder, on its thread, as it writes: a
    // run never waits for the history to be pruned.
    if (auto policy = retentionPolicy(design->settings); policy && m_recorder)
        m_recorder->setRetention(*policy);
    m_design = std::move(design);
    m_index = std::move(index);
    return Status::ok();
}

std::string Executor::start(RunRequest request, std::function<void(const RunOutcome &)> done)
{
    auto run = std::make_shared<Run>();
    run->entry.runId = newRequestId();
    run->entry.workflowId = request.workflow.str();
    run->entry.trigger = request.trigger.empty() ? std::string("manual") : request.trigger;
    run->entry.triggerNodeId = request.node.str();
    run->entry.parentRunId = request.parentRunId;
    run->entry.startedAtUs = nowUs();
    run->design = m_design;
    run->index = m_index;
    run->done = std::move(done);
    run->startedByEventSource = request.fromEventSource;
    const std::string runId = run->entry.runId;

    const Node *node = nullptr;
    if (run->design) {
        run->workflow = run->design->findWorkflow(request.workflow);
        if (run->workflow)
            node = run->workflow->findNode(request.node);
    }
    m_runs[runId] = run;
    if (!node) {
        // Answered on the next turn, as every run is: callers can rely on start() returning first.
        Outcome failed;
        failed.failure = FailureKind::ResourceError;
        failed.error = catchOutput("States.Runtime", "no node " + request.workflow.str() + "/" + request.node.str()
                                                         + " in the workspace");
        QTimer::singleShot(0, this, [this, run, failed] { finish(run, failed); });
        return runId;
    }
    Json event = std::move(request.event);
    const bool atNode = request.startAtNode;
    if (atNode) {
        run->firstNodes.insert(node->id);
    } else {
        for (const Node *target : run->index->targetsOf(*run->workflow, *node, request.port))
            run->firstNodes.insert(target->id);
    }
    QTimer::singleShot(0, this, [this, run, node, event = std::move(event), atNode, port = request.port]() mutable {
        auto done = [this, run](Outcome o) { finish(run, std::move(o)); };
        if (atNode) {
            visit(run, *node, std::move(event), done);
            return;
        }
        // The trigger itself is the first step of the path: it made the event.
        RunStepEntry step;
        step.nodeId = node->id.str();
        step.kind = node->kind;
        step.startedAtUs = nowUs();
        step.status = "ok";
        step.input = "null";
        if (run->firstNodes.empty())
            step.output = dumpJson(event);
        else
            run->triggerOutputFromFirstInput = true;
        step.port = port;
        run->entry.steps.push_back(std::move(step));
        follow(run, *node, port, std::move(event), done);
    });
    return runId;
}

void Executor::visit(const std::shared_ptr<Run> &run, const Node &node, Json input, Continuation done, bool caught)
{
    if (run->ended) {
        done(Outcome{});
        return;
    }
    if (++run->steps > m_options.maxStepsPerRun) {
        Outcome o;
        o.failure = FailureKind::ResourceError;
        o.error = catchOutput("States.Runtime", "the run passed more than " + std::to_string(m_options.maxStepsPerRun)
                                                   + " nodes");
        done(std::move(o));
        return;
    }
    const bool breakHere = run->stepping || m_breakpoints.contains({run->workflow->id(), node.id});
    if (!breakHere) {
        enter(run, node, std::move(input), std::move(done), caught);
        return;
    }
    if (run->triggerOutputFromFirstInput) { // the event may be replaced at the pause: keep the trigger's
        run->entry.steps.front().output = dumpJson(input);
        run->triggerOutputFromFirstInput = false;
    }
    PauseInfo info{run->entry.runId, run->workflow->id(), node.id, node.name, input};
    const NodeId nodeId = node.id;
    m_paused.push_back(Paused{info, [this, run, nodeId, input, done, caught](ResumeAction action,
                                                                    std::optional<Json> replaced) mutable {
                                  const Node *n = run->workflow->findNode(nodeId);
                                  if (action == ResumeAction::Abort || !n) {
                                      RunStepEntry step;
                                      step.nodeId = nodeId.str();
                                      step.kind = n ? n->kind : std::string();
                                      step.startedAtUs = nowUs();
                                      step.status = "aborted";
                                      step.input = dumpJson(input);
                                      run->entry.steps.push_back(std::move(step));
                                      Outcome o;
                                      o.failure = FailureKind::Aborted;
                                      o.error = catchOutput("States.Aborted", "aborted before node " + nodeId.str());
                                      done(std::move(o));
                                      return;
                                  }
                                  run->stepping = action == ResumeAction::Step;
                                  // A replaced event is the user's value, no longer the caught error.
                                  enter(run, *n, replaced ? std::move(*replaced) : std::move(input), std::move(done),
                                        caught && !replaced);
                              }});
    if (m_observer.paused)
        m_observer.paused(info);
}

/// A step of a run's path, completed by index when its node is done (a
/// fan-out appends other steps meanwhile).
struct Executor::StepRecord
{
    std::shared_ptr<Run> run;
    size_t index = 0;

    void operator()(const char *status, const std::optional<Json> &output, const char *port) const
    {
        // A branch still running when the run ended (another branch failed) records nothing more.
        if (run->ended || index >= run->entry.steps.size())
            return;
        RunStepEntry &step = run->entry.steps[index];
        step.durationUs = nowUs() - step.startedAtUs;
        step.status = status;
        step.output = output ? dumpJson(*output) : std::string();
        step.port = port ? port : "";
    }
};

void Executor::enter(const std::shared_ptr<Run> &run, const Node &node, Json input, Continuation done, bool caught)
{
    const StepRecord complete{run, run->entry.steps.size()};
    {
        RunStepEntry step;
        step.nodeId = node.id.str();
        step.kind = node.kind;
        step.startedAtUs = nowUs();
        step.input = dumpJson(input);
        if (run->triggerOutputFromFirstInput) {
            run->entry.steps.front().output = step.input;
            run->triggerOutputFromFirstInput = false;
        }
        run->entry.steps.push_back(std::move(step));
    }

    // What a node does with what it receives, one method per kind (visitKind).
    struct Entry
    {
        Executor &executor;
        const std::shared_ptr<Run> &run;
        const Node &node;
        Json &input;
        Continuation &done;
        bool caught;
        const StepRecord &complete;

        void function() { executor.enterFunction(run, node, complete, std::move(done)); }
        void choice() { executor.enterChoice(run, node, std::move(input), complete, std::move(done), caught); }
        void log() { executor.enterLog(run, node, input, complete, std::move(done)); }
        void queue() { executor.enterResource(run, node, input, complete, std::move(done)); }
        void bucket() { executor.enterResource(run, node, input, complete, std::move(done)); }
        void table() { executor.enterResource(run, node, input, complete, std::move(done)); }
        // A run starts at a trigger; an edge into one is refused by the validator.
        void httpTrigger() { executor.refuseEntry(node, complete, std::move(done)); }
        void scheduleTrigger() { executor.refuseEntry(node, complete, std::move(done)); }
        void manualTrigger() { executor.refuseEntry(node, complete, std::move(done)); }
    };
    if (const std::optional<KindId> kind = kindIdOf(node.kind))
        visitKind(*kind, Entry{*this, run, node, input, done, caught, complete});
    else
        refuseEntry(node, complete, std::move(done));
}

void Executor::enterFunction(const std::shared_ptr<Run> &run, const Node &node, const StepRecord &complete,
                             Continuation done)
{
    const int firstAttempt = 0;
    runFunction(run, node, run->entry.steps[complete.index].input, firstAttempt,
                [this, run, &node, complete, done = std::move(done)](Outcome result) mutable {
                    if (!run->ended && complete.index < run->entry.steps.size())
                        run->entry.steps[complete.index].requestId = result.requestId;
                    if (!result.failed()) {
                        complete("ok", result.value, "ok");
                        Json value = result.value ? *result.value : Json();
                        Json own = value; // not moved from `value`: arguments are evaluated in any order
                        follow(run, node, "ok", std::move(value), [own = std::move(own), done](Outcome next) {
                            if (!next.failed() && !next.value)
                                next.value = own; // nothing after it gave a value: the function's is the answer
                            done(std::move(next));
                        });
                        return;
                    }
                    const bool caught = result.failure == FailureKind::FunctionError
                                        || result.failure == FailureKind::Throttled;
                    const bool hasErrorEdge = !run->index->targetsOf(*run->workflow, node, "error").empty();
                    if (!caught || !hasErrorEdge) {
                        complete(result.failure == FailureKind::Aborted ? "aborted" : "error", result.error, nullptr);
                        done(std::move(result));
                        return;
                    }
                    complete("caught", result.error, "error");
                    Json error = result.error;
                    follow(
                        run, node, "error", error,
                        [error, done](Outcome next) {
                            if (!next.failed() && !next.value) {
                                next.value = error;
                                next.valueIsCaughtError = true;
                            }
                            done(std::move(next));
                        },
                        true);
                });
}

void Executor::enterChoice(const std::shared_ptr<Run> &run, const Node &node, Json input,
                           const StepRecord &complete, Continuation done, bool caught)
{
    const Json &config = run->index->config(*run->workflow, node);
    static const Json noRules = Json::array();
    std::optional<std::string> port = chooseChoicePort(config.contains("rules") ? config["rules"] : noRules, input);
    const bool hasEdge = !run->index->targetsOf(*run->workflow, node, port ? *port : std::string("default")).empty();
    if (!port && !hasEdge) {
        // Step Functions: no rule matched and no Default state.
        Outcome o;
        o.failure = FailureKind::NoChoiceMatched;
        o.error = catchOutput("States.NoChoiceMatched",
                              "no choice rule matched and there is no default, in node " + quote(node.name));
        complete("error", o.error, nullptr);
        done(std::move(o));
        return;
    }
    const std::string taken = port ? *port : std::string("default");
    complete("ok", input, taken.c_str());
    Json value = input;
    follow(
        run, node, taken, std::move(value),
        [own = std::move(input), caught, done = std::move(done)](Outcome next) {
            if (!next.failed() && !next.value) {
                next.value = own;
                next.valueIsCaughtError = caught; // passed through: still the error
            }
            done(std::move(next));
        },
        caught);
}

void Executor::enterLog(const std::shared_ptr<Run> &run, const Node &node, const Json &input,
                        const StepRecord &complete, Continuation done)
{
    const std::string level = run->index->config(*run->workflow, node).value("level", std::string("info"));
    const std::string text = input.is_string() ? input.get<std::string>() : dumpJson(input);
    run->entry.log.push_back(level + " " + node.name + ": " + text);
    complete("ok", std::nullopt, nullptr);
    done(Outcome{});
}

void Executor::enterResource(const std::shared_ptr<Run> &run, const Node &node, const Json &input,
                             const StepRecord &complete, Continuation done)
{
    Result<Json> written = m_resources ? m_resources->write(*run->workflow, node, input, run->entry.runId)
                                       : Result<Json>(Status::notSupported("resources are not running"));
    if (!written) {
        Outcome o;
        o.failure = FailureKind::ResourceError;
        o.error = catchOutput("States.Runtime", "writing into " + node.kind + " " + quote(node.name) + " failed: "
                                                    + written.status().message());
        complete("error", o.error, nullptr);
        done(std::move(o));
        return;
    }
    complete("ok", *written, nullptr);
    done(Outcome{}); // what the resource emits runs later, as runs of its own
}

void Executor::refuseEntry(const Node &node, const StepRecord &complete, Continuation done)
{
    Outcome o;
    o.failure = FailureKind::ResourceError;
    o.error = catchOutput("States.Runtime", "node " + quote(node.name) + " of kind " + quote(node.kind)
                                                + " cannot receive events");
    complete("error", o.error, nullptr);
    done(std::move(o));
}

void Executor::follow(const std::shared_ptr<Run> &run, const Node &from, const std::string &port, Json value,
                      Continuation done, bool caught)
{
    const std::vector<const Node *> &targets = run->index->targetsOf(*run->workflow, from, port);
    if (targets.empty()) {
        done(Outcome{});
        return;
    }
    if (targets.size() == 1) {
        visit(run, *targets.front(), std::move(value), std::move(done), caught);
        return;
    }
    // Fan-out: the branches run in parallel; like a Parallel state, the
    // result is an array in edge order, and the first branch to fail fails it.
    struct Join
    {
        std::vector<std::optional<Json>> values;
        bool anyValue = false;
        bool allCaught = true;
        size_t pending = 0;
        bool failed = false;
        Continuation done;
    };
    auto join = std::make_shared<Join>();
    join->values.resize(targets.size());
    join->pending = targets.size();
    join->done = std::move(done);
    for (size_t i = 0; i < targets.size(); ++i) {
        visit(
            run, *targets[i], value,
            [join, i](Outcome branch) {
                --join->pending;
                if (join->failed)
                    return;
                if (branch.failed()) {
                    join->failed = true;
                    join->done(std::move(branch));
                    return;
                }
                join->anyValue = join->anyValue || branch.value.has_value();
                join->allCaught = join->allCaught && (!branch.value || branch.valueIsCaughtError);
                join->values[i] = std::move(branch.value);
                if (join->pending > 0)
                    return;
                // No branch gave a value (logs, writes): none, so the node before answers.
                if (!join->anyValue) {
                    join->done(Outcome{});
                    return;
                }
                Json all = Json::array();
                for (auto &v : join->values)
                    all.push_back(v ? std::move(*v) : Json());
                Outcome joined;
                joined.value = std::move(all);
                joined.valueIsCaughtError = join->allCaught;
                join->done(std::move(joined));
            },
            caught);
    }
}

void Executor::runFunction(const std::shared_ptr<Run> &run, const Node &node, std::string payload, int attempt,
                           Continuation done)
{
    InvocationRequest request;
    request.payload = payload;
    request.trigger = run->entry.trigger;
    // An HTTP request or a manual test waits for its answer and is refused
    // when the function is at its concurrency; event sources wait for room.
    request.asynchronous = run->entry.trigger != "http" && run->entry.trigger != "manual";
    const NodeId nodeId = node.id;
    m_runtime->invoke(node.name, std::move(request),
                      [this, run, nodeId, payload = std::move(payload), attempt,
                       done = std::move(done)](InvocationResult result) mutable {
                          const Node *n = run->workflow->findNode(nodeId);
                          recordInvocation(run, *n, result);
                          if (m_stopping && !result.ok()) {
                              // Stopped by the engine, not failed by the function: no retry, no `error` edge.
                              Outcome o;
                              o.requestId = result.record.requestId;
                              o.failure = FailureKind::Aborted;
                              o.error = catchOutput("States.Aborted", "the engine stopped while node "
                                                                          + quote(n->name) + " ran");
                              done(std::move(o));
                              return;
                          }
                          if (result.ok()) {
                              Outcome o;
                              o.requestId = result.record.requestId;
                              auto parsed = parseJson(result.payload);
                              o.value = parsed ? parsed.take() : Json(result.payload);
                              done(std::move(o));
                              return;
                          }
                          Outcome o;
                          o.requestId = result.record.requestId;
                          o.failure = result.record.status == InvocationStatus::Throttled ? FailureKind::Throttled
                                                                                          : FailureKind::FunctionError;
                          const std::string type = result.record.errorType.empty() ? std::string("Error")
                                                                                   : result.record.errorType;
                          o.error = catchOutput(type, result.payload);
                          // Retries: Lambda's for asynchronous sources (schedule, bucket), Step Functions'
                          // Retry for a function after another node; an HTTP request, a manual test and a
                          // queue or stream batch (redelivered by its source) are not retried here.
                          const bool firstAfterTrigger = run->firstNodes.contains(nodeId);
                          const bool retried = !run->startedByEventSource
                                               && (run->entry.trigger == "schedule" || run->entry.trigger == "bucket"
                                                   || !firstAfterTrigger);
                          const Json &config = run->index->config(*run->workflow, *n);
                          const int retries = config.contains("retries") && config["retries"].is_number_integer()
                                                  ? config["retries"].get<int>()
                                                  : 2;
                          if (!retried || attempt >= retries || run->ended) {
                              done(std::move(o));
                              return;
                          }
                          const auto delay = m_options.retryDelays.empty()
                                                 ? std::chrono::milliseconds(0)
                                                 : m_options.retryDelays[std::min<size_t>(
                                                     size_t(attempt), m_options.retryDelays.size() - 1)];
                          QTimer::singleShot(delay, this, [this, run, nodeId, payload = std::move(payload), attempt,
                                                           done = std::move(done)]() mutable {
                              const Node *again = run->workflow->findNode(nodeId);
                              runFunction(run, *again, std::move(payload), attempt + 1, std::move(done));
                          });
                      });
}

void Executor::recordInvocation(const std::shared_ptr<Run> &run, const Node &node, const InvocationResult &result)
{
    HistoryEntry entry;
    entry.record = result.record;
    entry.runId = run->entry.runId;
    entry.workflowId = run->entry.workflowId;
    entry.nodeId = node.id.str();
    const std::string arch = run->index->config(*run->workflow, node).value("architecture", std::string("x86_64"));
    if (auto price = run->index->prices.find(arch); price != run->index->prices.end())
        entry.cost = invocationCost(price->second, result.record.durationUs, result.record.memorySizeMB,
                                    result.record.maxMemoryUsedMB)
                         .total();
    if (m_observer.invocation)
        m_observer.invocation(entry);
    if (m_recorder)
        m_recorder->record(std::move(entry));
}

void Executor::finish(const std::shared_ptr<Run> &run, Outcome outcome)
{
    if (run->ended)
        return;
    run->ended = true;
    RunOutcome result;
    run->entry.finishedAtUs = nowUs();
    run->entry.status = outcome.failure == FailureKind::None      ? "ok"
                        : outcome.failure == FailureKind::Aborted ? "aborted"
                                                                  : "error";
    run->entry.output = outcome.value ? dumpJson(*outcome.value) : std::string();
    run->entry.error = outcome.failed() ? dumpJson(outcome.error) : std::string();
    // Steps of branches still running when another failed end as aborted.
    for (RunStepEntry &step : run->entry.steps) {
        if (step.status.empty())
            step.status = "aborted";
    }
    if (m_recorder)
        m_recorder->recordRun(run->entry);
    result.entry = std::move(run->entry);
    // What late branches' invocations are recorded under.
    run->entry.runId = result.entry.runId;
    run->entry.workflowId = result.entry.workflowId;
    run->entry.trigger = result.entry.trigger;
    result.output = std::move(outcome.value);
    result.outputIsCaughtError = outcome.valueIsCaughtError;
    result.failure = outcome.failure;
    result.error = std::move(outcome.error);
    m_runs.erase(result.entry.runId);
    std::erase_if(m_paused, [&](const Paused &p) { return p.info.runId == result.entry.runId; });
    if (m_observer.run)
        m_observer.run(result);
    if (run->done)
        run->done(result);
}

void Executor::setBreakpoints(std::set<std::pair<WorkflowId, NodeId>> breakpoints)
{
    m_breakpoints = std::move(breakpoints);
}

void Executor::stepRun(const std::string &runId)
{
    if (auto it = m_runs.find(runId); it != m_runs.end())
        it->second->stepping = true;
}

std::vector<PauseInfo> Executor::pausedRuns() const
{
    std::vector<PauseInfo> out;
    for (const Paused &p : m_paused)
        out.push_back(p.info);
    return out;
}

Status Executor::resume(const std::string &runId, ResumeAction action, std::optional<Json> event)
{
    auto it = std::find_if(m_paused.begin(), m_paused.end(), [&](const Paused &p) { return p.info.runId == runId; });
    if (it == m_paused.end())
        return Status::notFound("run " + quote(runId) + " is not paused");
    auto resume = std::move(it->resume);
    m_paused.erase(it);
    resume(action, std::move(event));
    return Status::ok();
}

Result<std::string> Executor::replay(const std::string &runId, const std::optional<NodeId> &fromNode,
                                     std::optional<Json> event, std::function<void(const RunOutcome &)> done)
{
    if (!m_store)
        return Status::notSupported("replay needs the workspace file");
    if (m_recorder)
        (void)m_recorder->flush();
    auto runs = queryRuns(m_store->database(), RunQuery{1, runId, true});
    if (!runs)
        return runs.status();
    if (runs->empty())
        return Status::notFound("no run " + quote(runId) + " in the history");
    const RunEntry &past = runs->front();
    // From the first node after the trigger unless told: the trigger's event is its input.
    const RunStepEntry *step = nullptr;
    for (const RunStepEntry &s : past.steps) {
        if (fromNode ? s.nodeId == fromNode->str() : s.nodeId != past.triggerNodeId) {
            step = &s;
            break;
        }
    }
    if (!step) {
        std::vector<std::string> ids;
        for (const RunStepEntry &s : past.steps)
            ids.push_back(s.nodeId);
        return Status::notFound("run " + quote(runId) + " did not pass node "
                                + quote(fromNode ? fromNode->str() : std::string("after its trigger"))
                                + " (its path: " + joined(ids) + ")");
    }
    const bool atTrigger = step->nodeId == past.triggerNodeId;
    Json input;
    if (event) {
        input = std::move(*event);
    } else {
        // A trigger's step holds the event it made as its output.
        auto parsed = parseJson(atTrigger ? step->output : step->input);
        if (!parsed)
            return Status::corruption("the input recorded at node " + quote(step->nodeId) + " is not JSON");
        input = parsed.take();
    }
    RunRequest request;
    request.workflow = WorkflowId(past.workflowId);
    request.node = NodeId(step->nodeId);
    request.event = std::move(input);
    request.trigger = "replay";
    request.parentRunId = runId;
    request.startAtNode = !atTrigger;
    if (atTrigger && !step->port.empty())
        request.port = step->port; // a resource's run left by out or dead
    return start(std::move(request), std::move(done));
}

void Executor::shutdown()
{
    while (!m_paused.empty()) {
        auto resume = std::move(m_paused.front().resume);
        m_paused.pop_front();
        resume(ResumeAction::Abort, std::nullopt);
    }
    m_stopping = true; // what the runtime now fails in flight ends its run as aborted
    if (m_runtime)
        m_runtime->shutdown(); // fails what is in flight: those runs end and are recorded
    if (m_recorder)
        (void)m_recorder->flush();
}

Status Executor::flushHistory()
{
    return m_recorder ? m_recorder->flush() : Status::ok();
}

} // namespace stratus::engine::run
