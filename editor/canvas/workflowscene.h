#pragma once

#include "engine/model/nodekind.h"
#include "engine/model/workflow.h"

#include <QGraphicsItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QIcon>

#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace stratus::editor {

class WorkspaceDocument;
class RunOverlay;
class NodeItem;
class EdgeItem;

/// The MIME type of a node kind dragged from the palette (data: the kind).
inline constexpr const char *kNodeKindMimeType = "application/x-stratus-node-kind";

/// The colour of a node family (Triggers green, Compute orange, Flow purple,
/// Resources blue), shared by the canvas and the palette.
QColor familyColor(engine::NodeFamily family);
/// The kind's icon (resources/icons/KIND.svg).
QIcon kindIcon(const std::string &kind);

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
    void onNodeAdded(const QString &workflow, const QString &node);
    void onNodeRemoved(const QString &workflow, const QString &node);
    void onNodeChanged(const QString &workflow, const QString &node);
    void onNodeMoved(const QString &workflow, const QString &node);
    void onEdgeAdded(const QString &workflow, const QString &edge);
    void onEdgeRemoved(const QString &workflow, const QString &edge);
    void onProblemsChanged();
    void onSelectionChanged();
    void finishWiring(const QPointF &scenePos);
    void cancelWiring();

    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflowId;
    std::unordered_map<engine::NodeId, NodeItem *> m_nodes;
    std::unordered_map<engine::EdgeId, EdgeItem *> m_edges;
    std::unordered_map<engine::NodeId, std::set<engine::EdgeId>> m_edgesOfNode;
    std::unordered_map<engine::NodeId, int> m_problemCounts;

    // A wire being dragged from a port.
    std::optional<PortHit> m_wireFrom;
    QGraphicsPathItem *m_wire = nullptr;
    std::set<std::pair<std::string, std::string>> m_highlighted; // (node, port) drop targets
    // Positions of the selected nodes when a move began.
    std::map<engine::NodeId, QPointF> m_moveStart;
    bool m_applyingModel = false; // true while items follow the model, not the user
    const RunOverlay *m_overlay = nullptr;
};

/// One node on the canvas: its kind's icon and colour, name, kind and ports,
/// and a badge when it has problems. Caches what it draws from the model.
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr qreal kWidth = 190;
    static constexpr qreal kHeaderHeight = 26;
    static constexpr qreal kPortSpacing = 18;
    static constexpr qreal kPortRadius = 5;

    NodeItem(WorkflowScene *scene, engine::NodeId id);

    int type() const override { return Type; }
    const engine::NodeId &nodeId() const { return m_id; }
    /// Reads the node's name, kind and ports again from the model.
    void refresh();
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Position of a port relative to the item; nullopt when it has no such port.
    std::optional<QPointF> portOffset(const std::string &port, bool output) const;
    const std::vector<std::string> &inputs() const { return m_inputs; }
    const std::vector<std::string> &outputs() const { return m_outputs; }
    QRectF headerRect() const { return QRectF(0, 0, kWidth, kHeaderHeight); }
    /// Height of the strip under the node that shows a run's figures.
    static constexpr qreal kFiguresHeight = 18;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    qreal height() const;
    void paintRunOverlay(QPainter *painter, const QPalette &palette, const RunOverlay &overlay);
    WorkflowScene *m_scene;
    engine::NodeId m_id;
    QString m_name;
    QString m_label;
    std::string m_kind;
    QColor m_accent;
    std::vector<std::string> m_inputs;
    std::vector<std::string> m_outputs;
};

/// A wire between two ports.
class EdgeItem : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 2 };
    EdgeItem(engine::Edge edge);
    int type() const override { return Type; }
    const engine::Edge &edge() const { return m_edge; }
    void setEnds(QPointF from, QPointF to);
    QPainterPath shape() const override;
    /// The path, and room for the run's count over its middle.
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    engine::Edge m_edge;
    QPolygonF m_points; // the curve, flattened
};

/// The view of a workflow: wheel and Ctrl+± zoom, middle-drag or space+drag
/// pan, rubber-band selection, and drops from the palette.
class WorkflowView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit WorkflowView(WorkflowScene *scene, QWidget *parent = nullptr);
    WorkflowScene *workflowScene() const { return static_cast<WorkflowScene *>(scene()); }
    /// The whole workflow in view (View → Zoom to Fit), never above kLargestFitZoom.
    void zoomToFit();
    /// The first look at a workflow: the whole of it when that stays
    /// readable, else kReadableZoom from its top-left corner (where its
    /// triggers are). Only once per view, so switching tabs keeps the
    /// user's zoom. Called when the view is first shown.
    void frameOnce();
    static constexpr qreal kReadableZoom = 0.7;
    static constexpr qreal kLargestFitZoom = 1.25;
    void zoomBy(qreal factor);
    qreal zoom() const { return transform().m11(); }

Q_SIGNALS:
    /// A kind was dropped from the palette at this scene position.
    void nodeKindDropped(const QString &kind, QPointF scenePos);

protected:
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    bool m_spaceHeld = false;
    bool m_middlePan = false;
    bool m_framed = false;
};

} // namespace stratus::editor
