#include "workflowscene.h"

#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"

#include "engine/model/validator.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

constexpr qreal kPortRadius = 5;
constexpr qreal kPortHitRadius = 9;

} // namespace

QColor familyColor(NodeFamily family)
{
    switch (family) {
    case NodeFamily::Trigger: return QColor(0x2e, 0x7d, 0x32);
    case NodeFamily::Compute: return QColor(0xe6, 0x51, 0x00);
    case NodeFamily::Flow: return QColor(0x6a, 0x1b, 0x9a);
    case NodeFamily::Resource: return QColor(0x15, 0x65, 0xc0);
    }
    return Qt::gray;
}

QIcon kindIcon(const std::string &kind)
{
    static std::map<std::string, QIcon> cache;
    auto it = cache.find(kind);
    if (it == cache.end())
        it = cache.emplace(kind, QIcon(QStringLiteral(":/stratus/icons/%1.svg").arg(qs(kind)))).first;
    return it->second;
}

// --- WorkflowScene ----------------------------------------------------------

WorkflowScene::WorkflowScene(WorkspaceDocument *document, WorkflowId workflow, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_workflowId(std::move(workflow))
{
    // Wires move whenever a node does and span large areas: keeping them in
    // the BSP index cost more than it saved (opening 2,000 nodes 25 % slower,
    // moving 200 nodes 2.5x slower); a linear scan of a few thousand items is cheap.
    setItemIndexMethod(NoIndex);
    m_applyingModel = true;
    // Nodes without a position are laid out in a column to the left, so that
    // a document written by another tool still shows everything.
    int unplaced = 0;
    for (const Node &node : this->workflow().nodes()) {
        addNodeItem(node.id);
        if (!this->workflow().hasPosition(node.id))
            m_nodes[node.id]->setPos(-260, 120.0 * unplaced++);
    }
    for (const Edge &edge : this->workflow().edges())
        addEdgeItem(edge);
    m_applyingModel = false;
    onProblemsChanged();

    connect(document, &WorkspaceDocument::nodeAdded, this, &WorkflowScene::onNodeAdded);
    connect(document, &WorkspaceDocument::nodeRemoved, this, &WorkflowScene::onNodeRemoved);
    connect(document, &WorkspaceDocument::nodeChanged, this, &WorkflowScene::onNodeChanged);
    connect(document, &WorkspaceDocument::nodeMoved, this, &WorkflowScene::onNodeMoved);
    connect(document, &WorkspaceDocument::edgeAdded, this, &WorkflowScene::onEdgeAdded);
    connect(document, &WorkspaceDocument::edgeRemoved, this, &WorkflowScene::onEdgeRemoved);
    connect(document, &WorkspaceDocument::problemsChanged, this, &WorkflowScene::onProblemsChanged);
    connect(this, &QGraphicsScene::selectionChanged, this, &WorkflowScene::onSelectionChanged);
}

WorkflowScene::~WorkflowScene()
{
    // QGraphicsScene's destructor removes the items and reports the selection
    // change; by then this object (and maybe the window) is gone.
    blockSignals(true);
    clear();
}

const Workflow &WorkflowScene::workflow() const
{
    static const Workflow none;
    const Workflow *w = m_document->workflow(m_workflowId);
    return w ? *w : none;
}

NodeItem *WorkflowScene::itemFor(const NodeId &id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

EdgeItem *WorkflowScene::edgeItemFor(const EdgeId &id) const
{
    auto it = m_edges.find(id);
    return it == m_edges.end() ? nullptr : it->second;
}

std::vector<NodeId> WorkflowScene::selectedNodes() const
{
    std::vector<NodeId> out;
    // In the model's order, so that copies and commands are stable.
    for (const Node &n : workflow().nodes()) {
        if (NodeItem *item = itemFor(n.id); item && item->isSelected())
            out.push_back(n.id);
    }
    return out;
}

std::vector<EdgeId> WorkflowScene::selectedEdges() const
{
    std::vector<EdgeId> out;
    for (const Edge &e : workflow().edges()) {
        if (EdgeItem *item = edgeItemFor(e.id); item && item->isSelected())
            out.push_back(e.id);
    }
    return out;
}

void WorkflowScene::selectNodes(const std::vector<NodeId> &ids)
{
    clearSelection();
    for (const NodeId &id : ids) {
        if (NodeItem *item = itemFor(id))
            item->setSelected(true);
    }
}

void WorkflowScene::addNodeItem(const NodeId &id)
{
    auto *item = new NodeItem(this, id);
    const Position p = workflow().position(id);
    item->setPos(p.x, p.y);
    addItem(item);
    m_nodes[id] = item;
}

void WorkflowScene::addEdgeItem(const Edge &edge)
{
    auto *item = new EdgeItem(edge);
    addItem(item);
    m_edges[edge.id] = item;
    m_edgesOfNode[edge.from.node].insert(edge.id);
    m_edgesOfNode[edge.to.node].insert(edge.id);
    item->setEnds(portPosition(edge.from.node, edge.from.port, true),
                  portPosition(edge.to.node, edge.to.port, false));
    // A wire to a missing node or port is drawn only once both ends exist.
    const bool whole = itemFor(edge.from.node) && itemFor(edge.to.node);
    item->setVisible(whole);
}

void WorkflowScene::removeEdgeItem(const EdgeId &id)
{
    auto it = m_edges.find(id);
    if (it == m_edges.end())
        return;
    const Edge edge = it->second->edge();
    m_edgesOfNode[edge.from.node].erase(id);
    m_edgesOfNode[edge.to.node].erase(id);
    delete it->second;
    m_edges.erase(it);
}

void WorkflowScene::updateEdgesOf(const NodeId &id)
{
    auto it = m_edgesOfNode.find(id);
    if (it == m_edgesOfNode.end())
        return;
    for (const EdgeId &edgeId : it->second) {
        EdgeItem *item = edgeItemFor(edgeId);
        if (!item)
            continue;
        const Edge &e = item->edge();
        item->setEnds(portPosition(e.from.node, e.from.port, true), portPosition(e.to.node, e.to.port, false));
        item->setVisible(itemFor(e.from.node) && itemFor(e.to.node));
    }
}

QPointF WorkflowScene::portPosition(const NodeId &node, const std::string &port, bool output) const
{
    const NodeItem *item = itemFor(node);
    if (!item)
        return {};
    const auto offset = item->portOffset(port, output);
    // An edge to a port that does not exist ends at the node's side (the
    // Problems panel says why).
    return item->pos() + offset.value_or(QPointF(output ? NodeItem::kWidth : 0, NodeItem::kHeaderHeight / 2));
}

std::optional<WorkflowScene::PortHit> WorkflowScene::portAt(const QPointF &scenePos) const
{
    const QRectF around(scenePos - QPointF(kPortHitRadius, kPortHitRadius),
                        QSizeF(2 * kPortHitRadius, 2 * kPortHitRadius));
    for (QGraphicsItem *item : items(around)) {
        if (item->type() != NodeItem::Type)
            continue;
        const auto *node = static_cast<const NodeItem *>(item);
        for (bool output : {true, false}) {
            for (const std::string &port : output ? node->outputs() : node->inputs()) {
                const QPointF at = node->pos() + *node->portOffset(port, output);
                if (QLineF(at, scenePos).length() <= kPortHitRadius)
                    return PortHit{node->nodeId(), port, output};
            }
        }
    }
    return std::nullopt;
}

QPointF WorkflowScene::snapped(QPointF p)
{
    return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
}

int WorkflowScene::problemCount(const NodeId &id) const
{
    auto it = m_problemCounts.find(id);
    return it == m_problemCounts.end() ? 0 : it->second;
}

bool WorkflowScene::isHighlighted(const NodeId &node, const std::string &port, bool output) const
{
    if (!m_wireFrom || m_wireFrom->output == output)
        return false;
    return m_highlighted.count({node.str(), port}) > 0;
}

bool WorkflowScene::connectPorts(const PortRef &from, const PortRef &to)
{
    const std::string problem = connectionProblem(workflow(), from, to);
    if (!problem.empty()) {
        Q_EMIT statusMessage(tr("Cannot wire: %1").arg(qs(problem)));
        return false;
    }
    Edge edge{m_document->freshEdgeId(m_workflowId), from, to};
    const Node *a = workflow().findNode(from.node);
    const Node *b = workflow().findNode(to.node);
    m_document->undoStack()->push(new AddItemsCommand(
        m_document, m_workflowId, {}, {edge},
        tr("Wire %1 to %2").arg(qs(a ? a->name : from.node.str()), qs(b ? b->name : to.node.str()))));
    Q_EMIT statusMessage(tr("Wired %1.%2 to %3.%4")
                             .arg(qs(from.node.str()), qs(from.port), qs(to.node.str()), qs(to.port)));
    return true;
}

void WorkflowScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (auto hit = portAt(event->scenePos())) {
            // Start a wire; every port of the other direction on another node is a target.
            m_wireFrom = hit;
            // Only the ports the model would accept light up.
            m_highlighted.clear();
            for (const PortRef &p : compatiblePorts(workflow(), {hit->node, hit->port}, hit->output))
                m_highlighted.insert({p.node.str(), p.port});
            for (const auto &[id, item] : m_nodes)
                item->update();
            m_wire = addPath(QPainterPath(), QPen(QColor(0x42, 0xa5, 0xf5), 2, Qt::DashLine));
            m_wire->setZValue(10);
            Q_EMIT statusMessage(hit->output ? tr("Drop on an input port to wire; Esc to cancel")
                                             : tr("Drop on an output port to wire; Esc to cancel"));
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_moveStart.clear();
    if (event->button() == Qt::LeftButton) {
        for (const NodeId &id : selectedNodes())
            m_moveStart[id] = itemFor(id)->pos();
    }
}

void WorkflowScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_wireFrom && m_wire) {
        const QPointF a = portPosition(m_wireFrom->node, m_wireFrom->port, m_wireFrom->output);
        const QPointF b = event->scenePos();
        const QPointF from = m_wireFrom->output ? a : b, to = m_wireFrom->output ? b : a;
        const qreal bend = std::max<qreal>(60, std::abs(to.x() - from.x()) / 2);
        QPainterPath path(from);
        path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
        m_wire->setPath(path);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void WorkflowScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_wireFrom) {
        finishWiring(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    // One drag, one undo step, for every node it moved.
    std::map<NodeId, MoveNodesCommand::Move> moves;
    for (const auto &[id, start] : m_moveStart) {
        const NodeItem *item = itemFor(id);
        if (item && item->pos() != start)
            moves[id] = {{start.x(), start.y()}, {item->pos().x(), item->pos().y()}};
    }
    m_moveStart.clear();
    if (!moves.empty())
        m_document->undoStack()->push(new MoveNodesCommand(m_document, m_workflowId, std::move(moves)));
}

void WorkflowScene::cancelWiring()
{
    m_wireFrom.reset();
    delete m_wire;
    m_wire = nullptr;
    m_highlighted.clear();
    for (const auto &[id, item] : m_nodes)
        item->update();
}

void WorkflowScene::finishWiring(const QPointF &scenePos)
{
    const PortHit from = *m_wireFrom;
    cancelWiring();
    const auto to = portAt(scenePos);
    if (!to) {
        Q_EMIT statusMessage(tr("Wiring cancelled: not dropped on a port"));
        return;
    }
    if (to->output == from.output) {
        Q_EMIT statusMessage(from.output ? tr("Cannot wire: an output goes to an input port")
                                         : tr("Cannot wire: an input comes from an output port"));
        return;
    }
    const PortRef out = from.output ? PortRef{from.node, from.port} : PortRef{to->node, to->port};
    const PortRef in = from.output ? PortRef{to->node, to->port} : PortRef{from.node, from.port};
    connectPorts(out, in);
}

void WorkflowScene::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_wireFrom) {
        cancelWiring();
        Q_EMIT statusMessage(tr("Wiring cancelled"));
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

void WorkflowScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->scenePos())) {
        if (item->type() == NodeItem::Type) {
            Q_EMIT renameRequested(qs(static_cast<NodeItem *>(item)->nodeId().str()));
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void WorkflowScene::onNodeAdded(const QString &workflow, const QString &node)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    const NodeId id(node.toStdString());
    m_applyingModel = true;
    addNodeItem(id);
    m_applyingModel = false;
    // Edges that waited for this node (undo of a removal re-adds nodes first).
    updateEdgesOf(id);
}

void WorkflowScene::onNodeRemoved(const QString &workflow, const QString &node)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    const NodeId id(node.toStdString());
    auto it = m_nodes.find(id);
    if (it == m_nodes.end())
        return;
    m_moveStart.erase(id);
    delete it->second;
    m_nodes.erase(it);
    updateEdgesOf(id);
}

void WorkflowScene::onNodeChanged(const QString &workflow, const QString &node)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    const NodeId id(node.toStdString());
    if (NodeItem *item = itemFor(id)) {
        item->refresh();
        updateEdgesOf(id); // ports may have changed (choice rules)
    }
}

void WorkflowScene::onNodeMoved(const QString &workflow, const QString &node)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    const NodeId id(node.toStdString());
    if (NodeItem *item = itemFor(id)) {
        const Position p = this->workflow().position(id);
        m_applyingModel = true;
        item->setPos(p.x, p.y);
        m_applyingModel = false;
        updateEdgesOf(id);
    }
}

void WorkflowScene::onEdgeAdded(const QString &workflow, const QString &edge)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    if (const Edge *e = this->workflow().findEdge(EdgeId(edge.toStdString())))
        addEdgeItem(*e);
}

void WorkflowScene::onEdgeRemoved(const QString &workflow, const QString &edge)
{
    if (workflow.toStdString() != m_workflowId.str())
        return;
    removeEdgeItem(EdgeId(edge.toStdString()));
}

void WorkflowScene::onProblemsChanged()
{
    std::unordered_map<NodeId, int> counts;
    for (const Problem &p : m_document->problems()) {
        if (p.workflow == m_workflowId && p.node.isValid() && p.severity == Problem::Severity::Error)
            ++counts[p.node];
    }
    for (const auto &[id, item] : m_nodes) {
        if (problemCount(id) != (counts.count(id) ? counts[id] : 0))
            item->update();
    }
    m_problemCounts = std::move(counts);
}

void WorkflowScene::onSelectionChanged()
{
    const auto nodes = selectedNodes();
    Q_EMIT nodeSelected(nodes.size() == 1 ? qs(nodes.front().str()) : QString());
}

// --- NodeItem ---------------------------------------------------------------

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
    m_label = qs(spec ? spec->label : "Unknown kind " + node->kind);
    m_accent = spec ? familyColor(spec->family) : QColor(Qt::red);
    m_inputs = registry.inputPorts(*node);
    m_outputs = registry.outputPorts(*node);
    setToolTip(QStringLiteral("<b>%1</b> — %2<br>%3")
                   .arg(m_name.toHtmlEscaped(), m_label.toHtmlEscaped(),
                        qs(spec ? spec->description : std::string()).toHtmlEscaped()));
    update();
}

qreal NodeItem::height() const
{
    const size_t ports = std::max(m_inputs.size(), m_outputs.size());
    return kHeaderHeight + 22 + std::max<size_t>(1, ports) * kPortSpacing;
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(-8, -10, kWidth + 18, height() + 14);
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
    painter->setPen(QPen(selected ? palette.highlight().color() : m_accent.darker(130), selected ? 3 : 1.5));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(body, 8, 8);

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
            painter->setPen(palette.placeholderText().color());
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
}

// --- EdgeItem ---------------------------------------------------------------

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
    painter->setPen(selected ? QPen(option->palette.highlight().color(), 3) : pen());
    painter->setBrush(Qt::NoBrush);
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

// --- WorkflowView -----------------------------------------------------------

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
}

void WorkflowView::zoomToFit()
{
    if (!scene() || scene()->items().isEmpty())
        return;
    fitInView(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    // Never blow a small workflow up beyond its natural size.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
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
