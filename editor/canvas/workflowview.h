#pragma once

#include "workflowscene.h"

#include <QGraphicsView>

namespace stratus::editor {


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
