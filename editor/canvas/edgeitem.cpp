// EdgeItem: a wire between two ports.

#include "edgeitem.h"

#include "workflowscene.h"

#include "runoverlay.h"

#include "editor/qstrings.h"

#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace stratus::editor {

using namespace stratus::engine;

EdgeItem::EdgeItem(Edge edge)
    : m_edge(std::move(edge))
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
    setZValue(-1);
    setPen(QPen(QColor(0x78, 0x90, 0x9c), 2));
    setToolTip(qs(m_edge.from.node.str() + "." + m_edge.from.port + " → " + m_edge.to.node.str() + "."
                  + m_edge.to.port));
}

void EdgeItem::setEnds(QPointF from, QPointF to)
{
    const qreal bend = std::max<qreal>(60, std::abs(to.x() - from.x()) / 2);
    const QPointF c1 = from + QPointF(bend, 0), c2 = to - QPointF(bend, 0);
    QPainterPath path(from);
    path.cubicTo(c1, c2, to);
    // The curve, flattened once here: painting a long antialiased Bézier makes
    // Qt flatten and stroke all of it in device pixels, even the part off
    // screen, which made a repaint of 3,000 long wires take ~0.6 s. Segments
    // of ~12 scene units stay smooth up to the largest zoom.
    const qreal length = QLineF(from, c1).length() + QLineF(c1, c2).length() + QLineF(c2, to).length();
    const int segments = std::clamp(int(length / 12), 8, 400);
    m_points.resize(segments + 1);
    for (int i = 0; i <= segments; ++i) {
        const qreal t = qreal(i) / segments, u = 1 - t;
        m_points[i] = u * u * u * from + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * to;
    }
    setPath(path);
}

QRectF EdgeItem::boundingRect() const
{
    return QGraphicsPathItem::boundingRect().adjusted(-24, -12, 24, 12);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(path());
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    // Smooth wires cost twice as much to draw: past kSmoothEdgeLimit wires,
    // panning stays fluid instead.
    const auto *scene = static_cast<const WorkflowScene *>(this->scene());
    painter->setRenderHint(QPainter::Antialiasing, scene->edgeCount() <= WorkflowScene::kSmoothEdgeLimit);
    const bool selected = option->state & QStyle::State_Selected;
    const RunOverlay *overlay = scene->runOverlay();
    const bool onPath = overlay && overlay->edgeOnSelectedPath(scene->workflowId(), m_edge.id);
    painter->setPen(selected ? QPen(option->palette.highlight().color(), 3)
                    : onPath ? QPen(QColor(0xff, 0x8f, 0x00), 3.5)
                             : pen());
    painter->setBrush(Qt::NoBrush);
    if (const long long passed = overlay ? overlay->edgeCount(scene->workflowId(), m_edge.id) : 0; passed > 0) {
        const QPointF middle = m_points.isEmpty() ? path().pointAtPercent(0.5) : m_points[m_points.size() / 2];
        const QString text = QString::number(passed);
        QFont small = painter->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->save();
        painter->setFont(small);
        const QRectF label = painter->fontMetrics().boundingRect(text).toRectF().adjusted(-5, -1, 5, 1);
        const QRectF at(middle - QPointF(label.width() / 2, label.height() / 2), label.size());
        painter->setPen(Qt::NoPen);
        painter->setBrush(option->palette.base());
        painter->drawRoundedRect(at, 6, 6);
        painter->setPen(option->palette.text().color());
        painter->drawText(at, Qt::AlignCenter, text);
        painter->restore();
    }
    const QRectF exposed = option->exposedRect.adjusted(-4, -4, 4, 4);
    if (exposed.contains(boundingRect())) {
        painter->drawPath(path()); // all on screen: Qt flattens for the zoom
        return;
    }
    // Only the runs of segments that cross the exposed area are drawn.
    qsizetype runStart = -1;
    for (qsizetype i = 0; i + 1 < m_points.size(); ++i) {
        const bool visible = exposed.intersects(QRectF(m_points[i], m_points[i + 1]).normalized().adjusted(-1, -1, 1, 1));
        if (visible && runStart < 0)
            runStart = i;
        if (!visible && runStart >= 0) {
            painter->drawPolyline(m_points.constData() + runStart, int(i - runStart + 1));
            runStart = -1;
        }
    }
    if (runStart >= 0)
        painter->drawPolyline(m_points.constData() + runStart, int(m_points.size() - runStart));
}


} // namespace stratus::editor
