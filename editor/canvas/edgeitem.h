#pragma once

#include "engine/model/workflow.h"

#include <QGraphicsPathItem>
#include <QPolygonF>

namespace stratus::editor {

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

} // namespace stratus::editor
