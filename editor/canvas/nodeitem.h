#pragma once

#include "engine/model/ids.h"

#include <QCoreApplication>
#include <QGraphicsItem>

#include <optional>
#include <string>
#include <vector>

class QPalette;

namespace stratus::editor {

class RunOverlay;
class WorkflowScene;

/// One node on the canvas: its kind's icon and colour, name, kind and ports,
/// and a badge when it has problems. Caches what it draws from the model.
class NodeItem : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(NodeItem)

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
    /// The node's drawn height (its header and ports, not the figures under it).
    qreal height() const;
    /// Height of the strip under the node that shows a run's figures.
    static constexpr qreal kFiguresHeight = 18;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
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

} // namespace stratus::editor
