#include "runsession.h"

#include "editor/qstrings.h"
#include "engine/model/nodekind.h"

#include <QCoreApplication>

#include <algorithm>

namespace stratus::editor {

using namespace stratus::engine;
using namespace stratus::engine::run;

RunSession::RunSession(QObject *parent)
    : QObject(parent)
{
}

RunSession::~RunSession()
{
    stop();
}

Status RunSession::start(const QString &workspaceFile)
{
    if (isRunning())
        return Status::invalidArgument("the workspace is already running");
    WorkspaceServer::Options options;
    options.executor.workspaceFile = workspaceFile.toStdString();
    options.defaultGateway = m_defaultGateway;
    auto engine = std::make_unique<RunningWorkspace>(options);
    connect(engine.get(), &RunningWorkspace::invocationFinished, this, &RunSession::invocationFinished);
    connect(engine.get(), &RunningWorkspace::runFinished, this, [this](const RunOutcome &outcome) {
        forgetPause(outcome.entry.runId);
        Q_EMIT runFinished(outcome);
    });
    connect(engine.get(), &RunningWorkspace::runPaused, this, [this](const PauseInfo &pause) {
        m_paused.push_back(pause);
        Q_EMIT runPaused(pause);
        Q_EMIT pausedRunsChanged();
    });
    connect(engine.get(), &RunningWorkspace::warning, this, &RunSession::warning);
    connect(engine.get(), &RunningWorkspace::requestAnswered, this, &RunSession::requestAnswered);
    connect(engine.get(), &RunningWorkspace::reloaded, this, [this](const QString &problem) {
        if (problem.isEmpty() && isRunning()) {
            // A followed file is run by a new executor: it gets the breakpoints again.
            applyBreakpoints();
            m_url = qs(m_engine->url());
            m_routes = m_engine->routes();
        }
        Q_EMIT reloaded(problem);
    });
    if (Status s = engine->start(); !s)
        return s;
    m_engine = std::move(engine);
    m_file = workspaceFile;
    m_url = qs(m_engine->url());
    m_servicesUrl = qs(m_engine->servicesUrl());
    m_routes = m_engine->routes();
    applyBreakpoints();
    Q_EMIT started();
    return {};
}

void RunSession::stop()
{
    if (!m_engine)
        return;
    // Reports the engine queued while stopping still arrive (the runs it aborts among them).
    m_engine->stop();
    QCoreApplication::sendPostedEvents(m_engine.get());
    m_engine.reset();
    m_url.clear();
    m_servicesUrl.clear();
    m_routes.clear();
    const bool hadPauses = !m_paused.empty();
    m_paused.clear();
    if (hadPauses)
        Q_EMIT pausedRunsChanged();
    Q_EMIT stopped();
}

Result<RunSession::RunningNode> RunSession::runningNode(const WorkflowId &workflow, const NodeId &node) const
{
    if (!isRunning())
        return Status::invalidArgument("the workspace is not running: press Run (F5) first");
    RunningNode found{m_engine->design()};
    found.workflow = found.design ? found.design->findWorkflow(workflow) : nullptr;
    found.node = found.workflow ? found.workflow->findNode(node) : nullptr;
    if (!found.node)
        return Status::notFound("the running design has no such node yet (it is reloaded within a second of a save)");
    return found;
}

Result<Json> RunSession::defaultEvent(const WorkflowId &workflow, const NodeId &node)
{
    auto found = runningNode(workflow, node);
    if (!found)
        return found.status();
    const Workflow *w = found->workflow;
    const Node *n = found->node;
    if (!n->kind.starts_with(kinds::kTriggerPrefix))
        return Json::object();
    return m_engine->call([&](WorkspaceServer &server) { return server.defaultEvent(*w, *n); });
}

Result<RunRequest> RunSession::request(const WorkflowId &workflow, const NodeId &node, const Json &event)
{
    auto found = runningNode(workflow, node);
    if (!found)
        return found.status();
    const Workflow *w = found->workflow;
    const Node *n = found->node;
    RunRequest request;
    request.workflow = workflow;
    request.node = node;
    if (n->kind == kinds::kFunction) {
        request.startAtNode = true;
        request.trigger = "manual";
        request.event = event;
    } else if (n->kind.starts_with(kinds::kTriggerPrefix)) {
        request.trigger = n->kind.substr(kinds::kTriggerPrefix.size());
        auto shaped = m_engine->call([&](WorkspaceServer &server) {
            return n->kind == kinds::kHttpTrigger ? server.httpEvent(*w, *n, event) : Result<Json>(event);
        });
        if (!shaped)
            return shaped.status();
        request.event = shaped.take();
    } else {
        return Status::invalidArgument("events are sent to triggers and functions, not to a " + n->kind + " node");
    }
    return request;
}

Result<std::string> RunSession::send(const WorkflowId &workflow, const NodeId &node, const Json &event,
                                     std::function<void(const RunOutcome &)> done)
{
    auto made = request(workflow, node, event);
    if (!made)
        return made.status();
    std::string runId = m_engine->startRun(made.take(), std::move(done));
    if (runId.empty())
        return Status::invalidArgument("the workspace has no design running");
    return runId;
}

void RunSession::setBreakpoint(const WorkflowId &workflow, const NodeId &node, bool on)
{
    if (on)
        m_breakpoints.insert({workflow, node});
    else
        m_breakpoints.erase({workflow, node});
    applyBreakpoints();
}

bool RunSession::hasBreakpoint(const WorkflowId &workflow, const NodeId &node) const
{
    return m_breakpoints.count({workflow, node}) > 0;
}

void RunSession::applyBreakpoints()
{
    if (!isRunning())
        return;
    m_engine->call([breakpoints = m_breakpoints](WorkspaceServer &server) {
        server.executor().setBreakpoints(breakpoints);
    });
}

Status RunSession::resume(const std::string &runId, ResumeAction action, std::optional<Json> event)
{
    if (!isRunning())
        return Status::invalidArgument("the workspace is not running");
    forgetPause(runId);
    return m_engine->call([&](WorkspaceServer &server) {
        return server.executor().resume(runId, action, std::move(event));
    });
}

Result<std::string> RunSession::replay(const std::string &runId, const std::optional<NodeId> &fromNode,
                                       std::optional<Json> event)
{
    if (!isRunning())
        return Status::invalidArgument("the workspace is not running: press Run (F5) first");
    return m_engine->call([&](WorkspaceServer &server) {
        return server.executor().replay(runId, fromNode, std::move(event));
    });
}

void RunSession::forgetPause(const std::string &runId)
{
    const auto it = std::find_if(m_paused.begin(), m_paused.end(),
                                 [&](const PauseInfo &p) { return p.runId == runId; });
    if (it == m_paused.end())
        return;
    m_paused.erase(it);
    Q_EMIT pausedRunsChanged();
}

} // namespace stratus::editor
