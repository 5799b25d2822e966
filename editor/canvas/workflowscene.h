#pragma once

#include "nodestyle.h"

#include "editor/document/workspacedocument.h"
#include "engine/model/workflow.h"

#include <QGraphicsPathItem>
#include <QGraphicsScene>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace stratus::editor {

class RunOverlay;
class NodeItem;
class EdgeItem;

/// The canvas of one workflow of a document. It draws what the document
/// holds and follows its signals; user gestures (moving, wiring) become undo
/// commands on the document's stack, never direct changes.
class WorkflowScene : public QGraphicsScene
{
    Q_OBJECT

public:
    static constexpr qreal kGrid = 20;
    /// Wires are antialiased up to this many in a workflow.
    static constexpr size_t kSmoothEdgeLimit = 1000;

    WorkflowScene(WorkspaceDocument *document, engine::WorkflowId workflow, QObject *parent = nullptr);
    ~WorkflowScene() override;

    const engine::WorkflowId &workflowId() const { return m_workflowId; }
    const engine::Workflow &workflow() const;
    WorkspaceDocument *document() const { return m_document; }

    NodeItem *itemFor(const engine::NodeId &id) const;
    EdgeItem *edgeItemFor(const engine::EdgeId &id) const;
    /// The dashed links from functions to the resources they use, as drawn.
    const std::vector<QGraphicsPathItem *> &accessLinks() const { return m_accessLinks; }
    size_t edgeCount() const { return m_edges.size(); }
    std::vector<engine::NodeId> selectedNodes() const;
    std::vector<engine::EdgeId> selectedEdges() const;
    void selectNodes(const std::vector<engine::NodeId> &ids);

    /// Where an edge attaches to this port, in scene coordinates.
    QPointF portPosition(const engine::NodeId &node, const std::string &port, bool output) const;
    /// The port under a scene point: (node, port, isOutput), if any.
    struct PortHit
    {
        engine::NodeId node;
        std::string port;
        bool output = false;
    };
    std::optional<PortHit> portAt(const QPointF &scenePos) const;

    /// Wires `from` (an output) to `to` (an input) through an undo command,
    /// or refuses, emitting statusMessage with the model's reason.
    bool connectPorts(const engine::PortRef &from, const engine::PortRef &to);

    /// Snaps a scene point to the grid.
    static QPointF snapped(QPointF p);
    /// The grid point nearest `topLeft` where a new node would cover no other
    /// (rings of grid steps around it, the nearer first).
    QPointF freeSpotNear(QPointF topLeft) const;

    /// Nodes with validation errors get a badge (count of problems).
    int problemCount(const engine::NodeId &id) const;
    /// What a run draws over the graph (counts, breakpoints, a run's path);
    /// the scene repaints when it changes. Null: nothing.
    void setRunOverlay(const RunOverlay *overlay);
    const RunOverlay *runOverlay() const { return m_overlay; }

    /// The port currently offered as a drop target while wiring.
    bool isHighlighted(const engine::NodeId &node, const std::string &port, bool output) const;

Q_SIGNALS:
    /// The selection became this node (empty string: none or several).
    void nodeSelected(const QString &nodeId);
    /// A hint or a refusal for the status bar.
    void statusMessage(const QString &message);
    void renameRequested(const QString &nodeId);
    /// Return on a selected node: its inspector is wanted (Shift+Return: its code).
    void nodeActivated(const QString &nodeId, bool code);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    friend class NodeItem;
    void addNodeItem(const engine::NodeId &id);
    void addEdgeItem(const engine::Edge &edge);
    void removeEdgeItem(const engine::EdgeId &id);
    void updateEdgesOf(const engine::NodeId &id);
    /// Draws, dashed, which resources each function `uses` (through the AWS
    /// SDK): links that carry no events, so not edges of the model.
    void refreshAccessLinks();
    void onNodeAdded(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void onNodeRemoved(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void onNodeChanged(const engine::WorkflowId &workflow, const engine::NodeId &node, NodeAspects aspects);
    void onEdgeAdded(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    void onEdgeRemoved(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    void onProblemsChanged();
    void onSelectionChanged();
    void finishWiring(const QPointF &scenePos);
    void cancelWiring();
    /// The keyboard's canvas: arrows go to the nearest node that way,
    /// Shift+arrows move the selection a grid step (one undo step each).
    bool selectNeighbour(int key);
    bool nudgeSelection(int key);

    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflowId;
    std::unordered_map<engine::NodeId, NodeItem *> m_nodes;
    std::unordered_map<engine::EdgeId, EdgeItem *> m_edges;
    std::unordered_map<engine::NodeId, std::set<engine::EdgeId>> m_edgesOfNode;
    std::unordered_map<engine::NodeId, int> m_problemCounts;
    std::vector<QGraphicsPathItem *> m_accessLinks;
    std::set<engine::NodeId> m_accessLinked; // the nodes at either end of one

    // A wire being dragged from a port.
    std::optional<PortHit> m_wireFrom;
    QGraphicsPathItem *m_wire = nullptr;
    std::set<std::pair<std::string, std::string>> m_highlighted; // (node, port) drop targets
    // Positions of the selected nodes when a move began.
    std::map<engine::NodeId, QPointF> m_moveStart;
    bool m_applyingModel = false; // true while items follow the model, not the user
    const RunOverlay *m_overlay = nullptr;
};

} // namespace stratus::editor
