// WorkflowView: zoom, pan, drops from the palette.

#include "workflowview.h"

#include "workflowscene.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace stratus::editor {

WorkflowView::WorkflowView(WorkflowScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    // Where the keys go must show: a highlighted edge while the canvas has
    // them (as wide when it has not, so the view does not shift).
    setStyleSheet(QStringLiteral("QGraphicsView { border: 2px solid palette(window); }"
                                 " QGraphicsView:focus { border: 2px solid palette(highlight); }"));
}

void WorkflowView::zoomToFit()
{
    if (!scene() || scene()->items().isEmpty())
        return;
    fitInView(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    // A small workflow is shown a little larger than its natural size (the
    // nodes' text is small at 100 %), never blown up beyond that.
    if (transform().m11() > kLargestFitZoom)
        setTransform(QTransform::fromScale(kLargestFitZoom, kLargestFitZoom));
}

void WorkflowView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    // Once the layout has given the view its size.
    QTimer::singleShot(0, this, &WorkflowView::frameOnce);
}

void WorkflowView::frameOnce()
{
    if (m_framed || !isVisible() || !scene() || scene()->items().isEmpty())
        return;
    m_framed = true;
    zoomToFit();
    if (zoom() >= kReadableZoom)
        return;
    setTransform(QTransform::fromScale(kReadableZoom, kReadableZoom));
    const QRectF items = scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    const QSizeF seen(viewport()->width() / kReadableZoom, viewport()->height() / kReadableZoom);
    centerOn(items.left() + seen.width() / 2, std::min(items.center().y(), items.top() + seen.height() / 2));
}

void WorkflowView::zoomBy(qreal factor)
{
    const qreal next = zoom() * factor;
    if (next > 0.05 && next < 4)
        scale(factor, factor);
}

void WorkflowView::wheelEvent(QWheelEvent *event)
{
    zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
    event->accept();
}

void WorkflowView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        setDragMode(QGraphicsView::ScrollHandDrag);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void WorkflowView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        setDragMode(QGraphicsView::RubberBandDrag);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void WorkflowView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        // QGraphicsView pans only with the left button: hand it a left press.
        m_middlePan = true;
        setDragMode(QGraphicsView::ScrollHandDrag);
        QMouseEvent left(event->type(), event->position(), event->globalPosition(), Qt::LeftButton,
                         Qt::LeftButton, event->modifiers());
        QGraphicsView::mousePressEvent(&left);
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void WorkflowView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_middlePan && event->button() == Qt::MiddleButton) {
        QMouseEvent left(event->type(), event->position(), event->globalPosition(), Qt::LeftButton,
                         Qt::NoButton, event->modifiers());
        QGraphicsView::mouseReleaseEvent(&left);
        m_middlePan = false;
        setDragMode(m_spaceHeld ? QGraphicsView::ScrollHandDrag : QGraphicsView::RubberBandDrag);
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void WorkflowView::dragEnterEvent(QDragEnterEvent *event)
{
    dragMoveEvent(event); // QDragEnterEvent is a QDragMoveEvent
}

void WorkflowView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(kNodeKindMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void WorkflowView::dropEvent(QDropEvent *event)
{
    if (!event->mimeData()->hasFormat(QLatin1String(kNodeKindMimeType))) {
        event->ignore();
        return;
    }
    const QString kind = QString::fromUtf8(event->mimeData()->data(QLatin1String(kNodeKindMimeType)));
    event->acceptProposedAction();
    Q_EMIT nodeKindDropped(kind, mapToScene(event->position().toPoint()));
}

void WorkflowView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().window());
    if (zoom() < 0.4)
        return; // the grid would be noise
    const QColor dot = palette().placeholderText().color();
    painter->setPen(QPen(dot, 0));
    const qreal step = WorkflowScene::kGrid * 2;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QVector<QPointF> points;
    for (qreal x = left; x < rect.right(); x += step) {
        for (qreal y = top; y < rect.bottom(); y += step)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.data(), int(points.size()));
}

} // namespace stratus::editor
