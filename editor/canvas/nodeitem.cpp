// NodeItem: one node on the canvas.

#include "nodeitem.h"

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

NodeItem::NodeItem(WorkflowScene *scene, NodeId id)
    : m_scene(scene)
    , m_id(std::move(id))
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setCacheMode(DeviceCoordinateCache);
    refresh();
}

void NodeItem::refresh()
{
    prepareGeometryChange();
    const Node *node = m_scene->workflow().findNode(m_id);
    if (!node)
        return;
    const auto &registry = NodeKindRegistry::instance();
    const NodeKindSpec *spec = registry.find(node->kind);
    m_kind = node->kind;
    m_name = node->name.empty() ? qs(node->id.str()) : qs(node->name);
    m_label = spec ? kindText(spec->label) : tr("Unknown kind %1").arg(qs(node->kind));
    m_accent = spec ? familyColor(spec->family) : QColor(Qt::red);
    m_inputs = registry.inputPorts(*node);
    m_outputs = registry.outputPorts(*node);
    setToolTip(QStringLiteral("<b>%1</b> — %2<br>%3")
                   .arg(m_name.toHtmlEscaped(), m_label.toHtmlEscaped(),
                        (spec ? kindText(spec->description) : QString()).toHtmlEscaped()));
    update();
}

qreal NodeItem::height() const
{
    const size_t ports = std::max(m_inputs.size(), m_outputs.size());
    return kHeaderHeight + 22 + std::max<size_t>(1, ports) * kPortSpacing;
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(-10, -10, kWidth + 20, height() + 14 + kFiguresHeight);
}

std::optional<QPointF> NodeItem::portOffset(const std::string &port, bool output) const
{
    const auto &ports = output ? m_outputs : m_inputs;
    const auto it = std::find(ports.begin(), ports.end(), port);
    if (it == ports.end())
        return std::nullopt;
    const qreal index = qreal(it - ports.begin());
    return QPointF(output ? kWidth : 0, kHeaderHeight + 22 + index * kPortSpacing + kPortSpacing / 2 - 9);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && !m_scene->m_applyingModel)
        return WorkflowScene::snapped(value.toPointF());
    if (change == ItemPositionHasChanged)
        m_scene->updateEdgesOf(m_id);
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = option->palette;
    const QRectF body(0, 0, kWidth, height());
    const bool selected = option->state & QStyle::State_Selected;

    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = palette.base().color();
    // The edge in the family's colour, lightened on a dark base; the
    // selection a halo outside it, which no family colour hides.
    painter->setPen(QPen(readableOn(m_accent.darker(130), base), 1.5));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(body, 8, 8);
    if (selected) {
        painter->setPen(QPen(palette.highlight().color(), 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-5, -5, 5, 5), 11, 11);
    }

    // The header is the top of the rounded body, filled with the family colour.
    painter->save();
    QPainterPath outline;
    outline.addRoundedRect(body, 8, 8);
    painter->setClipPath(outline);
    painter->fillRect(headerRect(), m_accent);
    painter->restore();

    kindIcon(m_kind).paint(painter, QRect(6, 5, 16, 16));
    QFont bold = painter->font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(28, 0, kWidth - 36, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                      painter->fontMetrics().elidedText(m_name, Qt::ElideRight, int(kWidth - 36)));

    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    painter->setPen(palette.text().color());
    painter->drawText(QRectF(10, kHeaderHeight + 2, kWidth - 20, 18), Qt::AlignVCenter, m_label);

    const auto drawPorts = [&](const std::vector<std::string> &ports, bool output) {
        for (const std::string &port : ports) {
            const QPointF at = *portOffset(port, output);
            const bool target = m_scene->isHighlighted(m_id, port, output);
            painter->setPen(target ? QPen(QColor(0x42, 0xa5, 0xf5), 3) : QPen(m_accent.darker(130), 1));
            painter->setBrush(target ? QColor(0xbb, 0xde, 0xfb) : m_accent);
            painter->drawEllipse(at, target ? kPortRadius + 2 : kPortRadius, target ? kPortRadius + 2 : kPortRadius);
            painter->setPen(secondaryText(palette));
            const QRectF label = output ? QRectF(kWidth / 2, at.y() - 9, kWidth / 2 - 10, 18)
                                        : QRectF(10, at.y() - 9, kWidth / 2 - 10, 18);
            painter->drawText(label, Qt::AlignVCenter | (output ? Qt::AlignRight : Qt::AlignLeft), qs(port));
        }
    };
    drawPorts(m_inputs, false);
    drawPorts(m_outputs, true);

    if (const int problems = m_scene->problemCount(m_id); problems > 0) {
        const QRectF badge(kWidth - 9, -8, 18, 18);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xc6, 0x28, 0x28));
        painter->drawEllipse(badge);
        QFont f = painter->font();
        f.setBold(true);
        painter->setFont(f);
        painter->drawText(badge, Qt::AlignCenter, problems > 9 ? QStringLiteral("!") : QString::number(problems));
    }
    if (const RunOverlay *overlay = m_scene->runOverlay())
        paintRunOverlay(painter, palette, *overlay);
}

void NodeItem::paintRunOverlay(QPainter *painter, const QPalette &palette, const RunOverlay &overlay)
{
    const WorkflowId &workflow = m_scene->workflowId();
    const QRectF body(0, 0, kWidth, height());
    painter->setBrush(Qt::NoBrush);
    if (const qreal glow = overlay.glow(workflow, m_id); glow > 0) {
        QColor light(0x42, 0xa5, 0xf5);
        light.setAlphaF(float(glow));
        painter->setPen(QPen(light, 6));
        painter->drawRoundedRect(body.adjusted(-3, -3, 3, 3), 10, 10);
    }
    if (overlay.onSelectedPath(workflow, m_id)) {
        painter->setPen(QPen(QColor(0xff, 0x8f, 0x00), 3, Qt::DashLine));
        painter->drawRoundedRect(body.adjusted(-4, -4, 4, 4), 11, 11);
    }
    if (overlay.isPausedAt(workflow, m_id)) {
        painter->setPen(QPen(QColor(0xfd, 0xd8, 0x35), 5));
        painter->drawRoundedRect(body.adjusted(-2, -2, 2, 2), 9, 9);
    }
    if (overlay.hasBreakpoint(workflow, m_id)) {
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xd3, 0x2f, 0x2f));
        painter->drawEllipse(QRectF(-9, -9, 16, 16));
    }
    if (const int step = overlay.selectedPathStep(workflow, m_id); step > 0) {
        const QRectF badge(kWidth - 34, -8, 18, 18);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xff, 0x8f, 0x00));
        painter->drawEllipse(badge);
        painter->drawText(badge, Qt::AlignCenter, QString::number(step));
    }
    const RunOverlay::NodeFigures *figures = overlay.figures(workflow, m_id);
    if (!figures || figures->passes == 0)
        return;
    QString text = QString::number(figures->passes) + QStringLiteral(" ×");
    if (figures->errors > 0)
        text += QStringLiteral(" · %1 failed").arg(figures->errors);
    // A trigger's or a log's step takes no time worth a number; a function's always has one.
    if (const qint64 p50 = figures->p50Us(); p50 >= 10 || (p50 >= 0 && figures->timedByInvocations))
        text += p50 < 1000 ? QStringLiteral(" · p50 %1 µs").arg(p50)
                           : QStringLiteral(" · p50 %1 ms").arg(double(p50) / 1000.0, 0, 'f', p50 < 10'000 ? 2 : 0);
    const QRectF strip(0, height() + 2, kWidth, kFiguresHeight - 2);
    painter->setPen(figures->errors > 0 ? QColor(0xc6, 0x28, 0x28) : palette.text().color());
    painter->drawText(strip, Qt::AlignHCenter | Qt::AlignVCenter, text);
}


} // namespace stratus::editor
