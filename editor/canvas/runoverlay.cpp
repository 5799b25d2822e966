#include "runoverlay.h"

#include "engine/model/workflow.h"

#include <algorithm>

namespace stratus::editor {

using namespace stratus::engine;

qint64 RunOverlay::NodeFigures::p50Us() const
{
    if (recentDurationsUs.empty())
        return -1;
    std::vector<qint64> sorted = recentDurationsUs;
    const auto middle = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    return *middle;
}

RunOverlay::RunOverlay(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_notify.setSingleShot(true);
    m_notify.setInterval(100);
    connect(&m_notify, &QTimer::timeout, this, &RunOverlay::changed);
    m_fade.setInterval(60);
    connect(&m_fade, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.elapsed();
        bool glowing = false;
        bool fading = false;
        for (const auto &[key, figures] : m_nodes) {
            if (figures.lastPassMs < 0)
                continue;
            const qint64 age = now - figures.lastPassMs;
            glowing = glowing || age < kGlowMs;
            fading = fading || (age >= kSteadyGlowMs && age < kGlowMs);
        }
        if (!glowing)
            m_fade.stop();
        // Under load every lit node is passed again and again: its glow stays
        // near full and the counts' own repaints show it, so the fade draws
        // nothing more (the canvas is the studio's largest paint).
        if (fading || !glowing)
            Q_EMIT changed();
    });
}

void RunOverlay::changedSoon()
{
    if (!m_notify.isActive())
        m_notify.start();
}

std::vector<EdgeId> RunOverlay::edgesOf(const RunEntry &run, const Workspace &design)
{
    std::vector<EdgeId> edges;
    const Workflow *workflow = design.findWorkflow(WorkflowId(run.workflowId));
    if (!workflow)
        return edges;
    for (size_t i = 0; i < run.steps.size(); ++i) {
        const RunStepEntry &from = run.steps[i];
        if (from.port.empty())
            continue;
        for (const Edge &edge : workflow->edges()) {
            if (edge.from.node.str() != from.nodeId || edge.from.port != from.port)
                continue;
            const bool reached = std::any_of(run.steps.begin() + std::ptrdiff_t(i) + 1, run.steps.end(),
                                             [&](const RunStepEntry &to) { return to.nodeId == edge.to.node.str(); });
            if (reached && std::find(edges.begin(), edges.end(), edge.id) == edges.end())
                edges.push_back(edge.id);
        }
    }
    return edges;
}

void RunOverlay::addRun(const RunEntry &run, const Workspace &design)
{
    const qint64 now = m_clock.elapsed();
    for (const RunStepEntry &step : run.steps) {
        NodeFigures &f = m_nodes[{run.workflowId, step.nodeId}];
        ++f.passes;
        if (step.status == "error" || step.status == "caught")
            ++f.errors;
        f.lastPassMs = now;
        if (step.requestId.empty() && !f.timedByInvocations)
            addDuration(f, step.durationUs);
    }
    for (const EdgeId &edge : edgesOf(run, design))
        ++m_edges[{run.workflowId, edge.str()}];
    if (!m_fade.isActive())
        m_fade.start();
    changedSoon();
}

void RunOverlay::addDuration(NodeFigures &f, qint64 durationUs)
{
    if (f.recentDurationsUs.size() < kDurationWindow)
        f.recentDurationsUs.push_back(durationUs);
    else
        f.recentDurationsUs[f.nextDuration] = durationUs;
    f.nextDuration = (f.nextDuration + 1) % kDurationWindow;
}

void RunOverlay::addInvocation(const HistoryEntry &entry)
{
    if (entry.nodeId.empty())
        return;
    NodeFigures &f = m_nodes[{entry.workflowId, entry.nodeId}];
    f.timedByInvocations = true;
    addDuration(f, entry.record.durationUs);
    changedSoon();
}

void RunOverlay::clearCounts()
{
    m_nodes.clear();
    m_edges.clear();
    Q_EMIT changed();
}

const RunOverlay::NodeFigures *RunOverlay::figures(const WorkflowId &workflow, const NodeId &node) const
{
    const auto it = m_nodes.find({workflow.str(), node.str()});
    return it == m_nodes.end() ? nullptr : &it->second;
}

long long RunOverlay::edgeCount(const WorkflowId &workflow, const EdgeId &edge) const
{
    const auto it = m_edges.find({workflow.str(), edge.str()});
    return it == m_edges.end() ? 0 : it->second;
}

qreal RunOverlay::glow(const WorkflowId &workflow, const NodeId &node) const
{
    const NodeFigures *f = figures(workflow, node);
    if (!f || f->lastPassMs < 0)
        return 0;
    const qint64 age = m_clock.elapsed() - f->lastPassMs;
    return age >= kGlowMs ? 0 : 1.0 - qreal(age) / kGlowMs;
}

void RunOverlay::setBreakpoints(std::set<std::pair<WorkflowId, NodeId>> breakpoints)
{
    m_breakpoints = std::move(breakpoints);
    Q_EMIT changed();
}

bool RunOverlay::hasBreakpoint(const WorkflowId &workflow, const NodeId &node) const
{
    return m_breakpoints.count({workflow, node}) > 0;
}

void RunOverlay::setPausedAt(const WorkflowId &workflow, const NodeId &node)
{
    m_paused = {workflow.str(), node.str()};
    Q_EMIT changed();
}

bool RunOverlay::isPausedAt(const WorkflowId &workflow, const NodeId &node) const
{
    return !m_paused.second.empty() && m_paused == NodeKey{workflow.str(), node.str()};
}

void RunOverlay::setSelectedPath(const RunEntry &run, const Workspace &design)
{
    m_pathWorkflow = run.workflowId;
    m_pathNodes.clear();
    m_pathEdges.clear();
    int place = 0;
    for (const RunStepEntry &step : run.steps)
        m_pathNodes.try_emplace(step.nodeId, ++place);
    for (const EdgeId &edge : edgesOf(run, design))
        m_pathEdges.insert(edge.str());
    Q_EMIT changed();
}

bool RunOverlay::onSelectedPath(const WorkflowId &workflow, const NodeId &node) const
{
    return selectedPathStep(workflow, node) > 0;
}

int RunOverlay::selectedPathStep(const WorkflowId &workflow, const NodeId &node) const
{
    if (workflow.str() != m_pathWorkflow)
        return 0;
    const auto it = m_pathNodes.find(node.str());
    return it == m_pathNodes.end() ? 0 : it->second;
}

bool RunOverlay::edgeOnSelectedPath(const WorkflowId &workflow, const EdgeId &edge) const
{
    return workflow.str() == m_pathWorkflow && m_pathEdges.count(edge.str()) > 0;
}

} // namespace stratus::editor
