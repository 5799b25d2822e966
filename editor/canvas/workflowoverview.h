#pragma once

#include "engine/model/nodekind.h"
#include "engine/model/workflow.h"

#include <QGraphicsItem>

#include <QGraphicsScene>
#include <QGraphicsView>

#include <unordered_map>

namespace stratus::editor {

class OverviewNodeItem;

/// A read-only drawing of one workflow: nodes at their positions with their
/// family's colour, name, kind and ports, and edges between ports. Items hold
/// node ids and read the scene's copy of the workflow when they paint.
///
/// The editable canvas (palette, wiring, undo) replaces this with issue 5;
/// the scene follows the same model-first shape so it can grow into it.
class WorkflowOverviewScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit WorkflowOverviewScene(engine::Workflow workflow, QObject *parent = nullptr);
    ~WorkflowOverviewScene() override;

    const engine::Workflow &workflow() const { return m_workflow; }
    /// The item that draws this node, or null.
    OverviewNodeItem *itemFor(const engine::NodeId &id) const;
    /// Where an edge attaches to this port, in scene coordinates.
    QPointF portPosition(const engine::NodeId &node, const std::string &port, bool output) const;
    int edgeCount() const { return m_edgeCount; }

Q_SIGNALS:
    /// The selection became this node (empty string: no node selected).
    void nodeSelected(const QString &nodeId);

private:
    void onSelectionChanged();

    engine::Workflow m_workflow;
    std::unordered_map<engine::NodeId, OverviewNodeItem *> m_items;
    int m_edgeCount = 0;
};

/// One node of the overview.
class OverviewNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr qreal kWidth = 190;
    static constexpr qreal kHeaderHeight = 26;
    static constexpr qreal kPortSpacing = 18;

    OverviewNodeItem(const WorkflowOverviewScene *scene, engine::NodeId id);

    int type() const override { return Type; }
    const engine::NodeId &nodeId() const { return m_id; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Position of a port relative to the item.
    QPointF portOffset(const std::string &port, bool output) const;

private:
    qreal height() const;
    const WorkflowOverviewScene *m_scene;
    engine::NodeId m_id;
};

/// The view: antialiased, drag to pan, wheel to zoom, fit on demand.
class WorkflowOverviewView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit WorkflowOverviewView(WorkflowOverviewScene *scene, QWidget *parent = nullptr);
    void zoomToFit();

protected:
    void wheelEvent(QWheelEvent *event) override;
};

/// The colour of a node family (Triggers green, Compute orange, Flow purple,
/// Resources blue), shared by the canvas and the palette.
QColor familyColor(engine::NodeFamily family);

} // namespace stratus::editor
