#include "workflowoverview.h"

#include "engine/model/nodekind.h"

#include <QGraphicsPathItem>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>

namespace stratus::editor {

using engine::NodeKindRegistry;

QColor familyColor(engine::NodeFamily family)
{
    switch (family) {
    case engine::NodeFamily::Trigger: return QColor(0x2e, 0x7d, 0x32);
    case engine::NodeFamily::Compute: return QColor(0xe6, 0x51, 0x00);
    case engine::NodeFamily::Flow: return QColor(0x6a, 0x1b, 0x9a);
    case engine::NodeFamily::Resource: return QColor(0x15, 0x65, 0xc0);
    }
    return Qt::gray;
}

WorkflowOverviewScene::WorkflowOverviewScene(engine::Workflow workflow, QObject *parent)
    : QGraphicsScene(parent)
    , m_workflow(std::move(workflow))
{
    // Nodes without a position are laid out in a column to the left, so that
    // a document written by another tool still shows everything.
    int unplaced = 0;
    for (const engine::Node &node : m_workflow.nodes()) {
        auto *item = new OverviewNodeItem(this, node.id);
        if (m_workflow.hasPosition(node.id)) {
            const engine::Position p = m_workflow.position(node.id);
            item->setPos(p.x, p.y);
        } else {
            item->setPos(-260, 120.0 * unplaced++);
        }
        addItem(item);
        m_items.emplace(node.id, item);
    }
    const QColor edgeColor = QColor(0x78, 0x90, 0x9c);
    for (const engine::Edge &edge : m_workflow.edges()) {
        if (!itemFor(edge.from.node) || !itemFor(edge.to.node))
            continue; // dangling: the Problems panel says so
        const QPointF a = portPosition(edge.from.node, edge.from.port, true);
        const QPointF b = portPosition(edge.to.node, edge.to.port, false);
        const qreal bend = std::max<qreal>(60, std::abs(b.x() - a.x()) / 2);
        QPainterPath path(a);
        path.cubicTo(a + QPointF(bend, 0), b - QPointF(bend, 0), b);
        auto *item = addPath(path, QPen(edgeColor, 2));
        item->setZValue(-1);
        item->setData(0, QString::fromStdString(edge.id.str()));
        item->setToolTip(QString::fromStdString(edge.from.node.str() + "." + edge.from.port + " → "
                                                + edge.to.node.str() + "." + edge.to.port));
        ++m_edgeCount;
    }
    connect(this, &QGraphicsScene::selectionChanged, this,
            &WorkflowOverviewScene::onSelectionChanged);
    setSceneRect(itemsBoundingRect().adjusted(-200, -200, 200, 200));
}

WorkflowOverviewScene::~WorkflowOverviewScene()
{
    // QGraphicsScene's destructor removes the items and reports the selection
    // change; by then this object (and maybe the window) is gone.
    blockSignals(true);
    clear();
}

OverviewNodeItem *WorkflowOverviewScene::itemFor(const engine::NodeId &id) const
{
    auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : it->second;
}

QPointF WorkflowOverviewScene::portPosition(const engine::NodeId &node, const std::string &port,
                                            bool output) const
{
    const OverviewNodeItem *item = itemFor(node);
    return item ? item->pos() + item->portOffset(port, output) : QPointF();
}

void WorkflowOverviewScene::onSelectionChanged()
{
    const auto selected = selectedItems();
    for (QGraphicsItem *item : selected) {
        if (item->type() == OverviewNodeItem::Type) {
            Q_EMIT nodeSelected(
                QString::fromStdString(static_cast<OverviewNodeItem *>(item)->nodeId().str()));
            return;
        }
    }
    Q_EMIT nodeSelected(QString());
}

OverviewNodeItem::OverviewNodeItem(const WorkflowOverviewScene *scene, engine::NodeId id)
    : m_scene(scene)
    , m_id(std::move(id))
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    if (const engine::Node *node = m_scene->workflow().findNode(m_id)) {
        const auto *spec = NodeKindRegistry::instance().find(node->kind);
        setToolTip(QString::fromStdString(spec ? spec->description : "Unknown kind " + node->kind));
    }
}

qreal OverviewNodeItem::height() const
{
    const engine::Node *node = m_scene->workflow().findNode(m_id);
    if (!node)
        return kHeaderHeight;
    const auto &registry = NodeKindRegistry::instance();
    const size_t ports = std::max(registry.outputPorts(*node).size(),
                                  registry.inputPorts(*node).size());
    return kHeaderHeight + 22 + std::max<size_t>(1, ports) * kPortSpacing;
}

QRectF OverviewNodeItem::boundingRect() const
{
    return QRectF(-6, -2, kWidth + 12, height() + 4);
}

QPointF OverviewNodeItem::portOffset(const std::string &port, bool output) const
{
    const engine::Node *node = m_scene->workflow().findNode(m_id);
    if (!node)
        return {};
    const auto &registry = NodeKindRegistry::instance();
    const auto ports = output ? registry.outputPorts(*node) : registry.inputPorts(*node);
    const auto it = std::find(ports.begin(), ports.end(), port);
    const qreal index = it == ports.end() ? 0 : qreal(it - ports.begin());
    return QPointF(output ? kWidth : 0, kHeaderHeight + 22 + index * kPortSpacing + kPortSpacing / 2 - 9);
}

void OverviewNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const engine::Node *node = m_scene->workflow().findNode(m_id);
    if (!node)
        return;
    const auto &registry = NodeKindRegistry::instance();
    const auto *spec = registry.find(node->kind);
    const QColor accent = spec ? familyColor(spec->family) : QColor(Qt::red);
    const QPalette palette = option->palette;
    const QRectF body(0, 0, kWidth, height());

    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option->state & QStyle::State_Selected ? palette.highlight().color()
                                                                 : accent.darker(130),
                         option->state & QStyle::State_Selected ? 3 : 1.5));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(body, 8, 8);

    // The header is the top of the rounded body, filled with the family colour.
    painter->save();
    QPainterPath outline;
    outline.addRoundedRect(body, 8, 8);
    painter->setClipPath(outline);
    painter->fillRect(QRectF(0, 0, kWidth, kHeaderHeight), accent);
    painter->restore();

    QFont bold = painter->font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::white);
    const QString name = node->name.empty() ? QString::fromStdString(node->id.str())
                                            : QString::fromStdString(node->name);
    painter->drawText(QRectF(10, 0, kWidth - 20, kHeaderHeight), Qt::AlignVCenter | Qt::AlignLeft,
                      painter->fontMetrics().elidedText(name, Qt::ElideRight, int(kWidth - 20)));

    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    painter->setPen(palette.text().color());
    painter->drawText(QRectF(10, kHeaderHeight + 2, kWidth - 20, 18), Qt::AlignVCenter,
                      QString::fromStdString(spec ? spec->label : node->kind));

    painter->setPen(palette.placeholderText().color());
    const auto drawPorts = [&](const std::vector<std::string> &ports, bool output) {
        for (const std::string &port : ports) {
            const QPointF at = portOffset(port, output);
            painter->setBrush(accent);
            painter->drawEllipse(at, 5, 5);
            const QRectF label = output ? QRectF(kWidth / 2, at.y() - 9, kWidth / 2 - 10, 18)
                                        : QRectF(10, at.y() - 9, kWidth / 2 - 10, 18);
            painter->drawText(label, Qt::AlignVCenter | (output ? Qt::AlignRight : Qt::AlignLeft),
                              QString::fromStdString(port));
        }
    };
    drawPorts(registry.inputPorts(*node), false);
    drawPorts(registry.outputPorts(*node), true);
}

WorkflowOverviewView::WorkflowOverviewView(WorkflowOverviewScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
}

void WorkflowOverviewView::zoomToFit()
{
    if (!scene() || scene()->items().isEmpty())
        return;
    fitInView(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    // Never blow a small workflow up beyond its natural size.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
}

void WorkflowOverviewView::wheelEvent(QWheelEvent *event)
{
    const qreal factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
    const qreal next = transform().m11() * factor;
    if (next > 0.05 && next < 4)
        scale(factor, factor);
    event->accept();
}

} // namespace stratus::editor
