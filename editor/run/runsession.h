#pragma once

// The studio's Run: the open workspace file served by the engine on its own
// thread (engine::run::RunningWorkspace, the very class `stratus serve`
// drives), plus what the studio asks of it: sending test events, breakpoints,
// stepping, replays. No widgets here; panels follow the signals.

#include "engine/model/status.h"
#include "engine/model/workflow.h"
#include "engine/run/runningworkspace.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace stratus::editor {

class RunSession : public QObject
{
    Q_OBJECT
public:
    using Breakpoint = std::pair<engine::WorkflowId, engine::NodeId>;

    explicit RunSession(QObject *parent = nullptr);
    /// Stops what runs (with serve's grace), so nothing outlives the studio.
    ~RunSession() override;

    /// Serves `workspaceFile`: its gateway (on its settings' host and port),
    /// schedules and resources. Fails naming why (validation errors one per line).
    engine::Status start(const QString &workspaceFile);
    /// Where the gateway listens for a workspace whose settings.gateway does
    /// not say (the user's default); from the next start().
    void setDefaultGateway(const engine::GatewaySettings &gateway) { m_defaultGateway = gateway; }
    /// Stops as `stratus serve` does on SIGTERM: no new requests, runs in
    /// flight get the grace, then everything stops and the history is written.
    void stop();
    bool isRunning() const { return m_engine && m_engine->isRunning(); }
    QString workspaceFile() const { return m_file; }
    engine::run::RunningWorkspace *engine() const { return m_engine.get(); }

    /// The gateway's base URL, empty when not running or without one.
    QString url() const { return m_url; }
    /// Where the SDK and the AWS CLI reach the workspace's tables (docs/services.md).
    QString servicesUrl() const { return m_servicesUrl; }
    const std::vector<engine::run::WorkspaceServer::RouteInfo> &routes() const { return m_routes; }

    /// Sends `event` to a trigger (as that trigger's event: an HTTP trigger
    /// takes a request description {"method","path","query","headers","body"}
    /// or a full 2.0 event) or to a function (it receives `event` as is).
    /// Returns the run id. `done` comes on this thread when the run ends.
    engine::Result<std::string> send(const engine::WorkflowId &workflow, const engine::NodeId &node,
                                     const engine::Json &event,
                                     std::function<void(const engine::run::RunOutcome &)> done = {});
    /// The event a trigger makes by itself (as `stratus send` without --event); {} for a function.
    engine::Result<engine::Json> defaultEvent(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// The run send() would start, not started (a load test starts it many times).
    engine::Result<engine::run::RunRequest> request(const engine::WorkflowId &workflow, const engine::NodeId &node,
                                                    const engine::Json &event);

    /// Breakpoints live in the studio (never in the workspace) and survive Stop.
    void setBreakpoint(const engine::WorkflowId &workflow, const engine::NodeId &node, bool on);
    bool hasBreakpoint(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    const std::set<Breakpoint> &breakpoints() const { return m_breakpoints; }

    /// Runs paused at a breakpoint (or while stepping), oldest first.
    const std::vector<engine::run::PauseInfo> &pausedRuns() const { return m_paused; }
    engine::Status resume(const std::string &runId, engine::run::ResumeAction action,
                          std::optional<engine::Json> event = std::nullopt);
    /// Runs a recorded run again from `fromNode` (its trigger's first node
    /// when none) with its recorded input there, or `event`. Returns the new run's id.
    engine::Result<std::string> replay(const std::string &runId, const std::optional<engine::NodeId> &fromNode,
                                       std::optional<engine::Json> event = std::nullopt);

Q_SIGNALS:
    void started();
    void stopped();
    void invocationFinished(const stratus::engine::HistoryEntry &entry);
    void runFinished(const stratus::engine::run::RunOutcome &outcome);
    /// A run paused; pausedRuns() has it.
    void runPaused(const stratus::engine::run::PauseInfo &pause);
    /// A paused run went on (stepped, continued, aborted) or ended.
    void pausedRunsChanged();
    void warning(const QString &text);
    /// The design was reloaded from the saved file (or refused: `problem`).
    void reloaded(const QString &problem);
    void requestAnswered(const QString &method, const QString &path, int status, qint64 microseconds);

private:
    /// A node of the design that runs now (the design kept alive with it).
    struct RunningNode
    {
        std::shared_ptr<const engine::Workspace> design;
        const engine::Workflow *workflow = nullptr;
        const engine::Node *node = nullptr;
    };
    engine::Result<RunningNode> runningNode(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    void applyBreakpoints();
    void forgetPause(const std::string &runId);

    std::unique_ptr<engine::run::RunningWorkspace> m_engine;
    QString m_file;
    QString m_url;
    QString m_servicesUrl;
    std::vector<engine::run::WorkspaceServer::RouteInfo> m_routes;
    std::set<Breakpoint> m_breakpoints;
    std::vector<engine::run::PauseInfo> m_paused;
    engine::GatewaySettings m_defaultGateway;
};

} // namespace stratus::editor
