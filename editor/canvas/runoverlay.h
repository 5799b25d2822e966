#pragma once

// What the canvas draws over a workflow while it runs: per-node counts
// (passes, errors, p50 duration), a glow on nodes an event just passed, per-
// edge counts, breakpoints, the paused node and the selected run's path.
// State of its own, fed by the run panels, never written into the workspace.

#include "engine/model/ids.h"
#include "engine/store/runhistory.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <set>
#include <unordered_map>
#include <vector>

namespace stratus::engine {
struct Workspace;
}

namespace stratus::editor {

class RunOverlay : public QObject
{
    Q_OBJECT
public:
    struct NodeFigures
    {
        long long passes = 0; ///< events the node received (a function's invocations)
        long long errors = 0;
        bool timedByInvocations = false; ///< a function: durations are its invocations'
        qint64 lastPassMs = -1; ///< on the overlay's clock
        std::vector<qint64> recentDurationsUs; ///< a ring of the last kDurationWindow
        size_t nextDuration = 0;
        /// The median of the recent durations, -1 with none.
        qint64 p50Us() const;
    };
    static constexpr size_t kDurationWindow = 256;
    /// How long a node glows after an event passed it.
    static constexpr qint64 kGlowMs = 600;
    /// A node passed again within this keeps its glow without fade frames.
    static constexpr qint64 kSteadyGlowMs = 150;

    explicit RunOverlay(QObject *parent = nullptr);

    /// Counts a finished run's path: its nodes and the edges between them
    /// (as `design` wires them).
    void addRun(const engine::RunEntry &run, const engine::Workspace &design);
    /// A function's invocation: its duration is the function node's (a
    /// step's wall time would count the cold start and the wait for an instance).
    void addInvocation(const engine::HistoryEntry &entry);
    /// Forgets the counts (a new Run).
    void clearCounts();

    const NodeFigures *figures(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    long long edgeCount(const engine::WorkflowId &workflow, const engine::EdgeId &edge) const;
    /// 0 (dark) … 1 (an event passed just now).
    qreal glow(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    /// Some node still glows: the canvas is repainted as it fades.
    bool isFading() const { return m_fade.isActive(); }
    bool hasCounts() const { return !m_nodes.empty(); }

    void setBreakpoints(std::set<std::pair<engine::WorkflowId, engine::NodeId>> breakpoints);
    bool hasBreakpoint(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    /// The node a run is paused before (none: invalid ids).
    void setPausedAt(const engine::WorkflowId &workflow, const engine::NodeId &node);
    bool isPausedAt(const engine::WorkflowId &workflow, const engine::NodeId &node) const;

    /// The run whose path is drawn over the graph (selected in the panel); an
    /// empty entry clears it.
    void setSelectedPath(const engine::RunEntry &run, const engine::Workspace &design);
    bool onSelectedPath(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    bool edgeOnSelectedPath(const engine::WorkflowId &workflow, const engine::EdgeId &edge) const;
    /// 1-based place of the node on the selected path (its first pass), 0 if not on it.
    int selectedPathStep(const engine::WorkflowId &workflow, const engine::NodeId &node) const;

Q_SIGNALS:
    /// Something drawn changed (at most ~every 100 ms under load).
    void changed();

private:
    using NodeKey = std::pair<std::string, std::string>; // (workflow, node)
    struct KeyHash
    {
        size_t operator()(const NodeKey &k) const
        {
            return std::hash<std::string>()(k.first) * 31 + std::hash<std::string>()(k.second);
        }
    };
    /// The edges a run's path went along: from a step's (node, port) to a later step's node.
    static std::vector<engine::EdgeId> edgesOf(const engine::RunEntry &run, const engine::Workspace &design);
    void changedSoon();
    static void addDuration(NodeFigures &figures, qint64 durationUs);

    std::unordered_map<NodeKey, NodeFigures, KeyHash> m_nodes;
    std::unordered_map<NodeKey, long long, KeyHash> m_edges; // (workflow, edge)
    std::set<std::pair<engine::WorkflowId, engine::NodeId>> m_breakpoints;
    NodeKey m_paused;
    std::string m_pathWorkflow;
    std::unordered_map<std::string, int> m_pathNodes; // node -> step (1-based)
    std::set<std::string> m_pathEdges;
    QElapsedTimer m_clock;
    QTimer m_notify; // coalesces changed()
    QTimer m_fade;   // repaints while nodes glow
};

} // namespace stratus::editor
