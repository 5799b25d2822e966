#include "workflowscene.h"

#include "edgeitem.h"
#include "nodeitem.h"
#include "runoverlay.h"

#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"

#include "engine/model/resourceaccess.h"
#include "engine/model/validator.h"

#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

constexpr qreal kPortHitRadius = 9;

} // namespace

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
    refreshAccessLinks();
    m_applyingModel = false;
    onProblemsChanged();

    connect(document, &WorkspaceDocument::nodeAdded, this, &WorkflowScene::onNodeAdded);
    connect(document, &WorkspaceDocument::nodeRemoved, this, &WorkflowScene::onNodeRemoved);
    connect(document, &WorkspaceDocument::nodeChanged, this, &WorkflowScene::onNodeChanged);
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

void WorkflowScene::refreshAccessLinks()
{
    for (QGraphicsPathItem *link : m_accessLinks)
        delete link;
    m_accessLinks.clear();
    m_accessLinked.clear();
    QPen pen(QColor(0x78, 0x90, 0x9c), 1.5, Qt::DashLine);
    pen.setCosmetic(true);
    for (const Node &function : workflow().nodes()) {
        const NodeItem *from = itemFor(function.id);
        if (function.kind != kinds::kFunction || !from)
            continue;
        for (const Node *resource : resourcesUsedBy(m_document->workspace(), function)) {
            const NodeItem *to = itemFor(resource->id);
            if (!to || !workflow().findNode(resource->id))
                continue; // a resource on another workflow's canvas: the inspector shows it
            // From the function's bottom edge, under the nodes: to the resource's
            // top when it lies below, else to its bottom edge, dipping beneath both.
            const QPointF start = from->pos() + QPointF(NodeItem::kWidth / 2, from->height());
            const qreal resourceTop = to->pos().y();
            QPainterPath path(start);
            if (resourceTop > start.y() + 30) {
                const QPointF end = to->pos() + QPointF(NodeItem::kWidth / 2, 0);
                const qreal bend = (end.y() - start.y()) / 2;
                path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end);
            } else {
                const QPointF end = to->pos() + QPointF(NodeItem::kWidth / 2, to->height());
                const qreal dip = std::max(start.y(), end.y()) + 40;
                path.cubicTo(QPointF(start.x(), dip), QPointF(end.x(), dip), end);
            }
            auto *link = addPath(path, pen);
            link->setZValue(-2); // under the nodes and the wires
            link->setToolTip(tr("%1 uses %2 %3 through the AWS SDK").arg(qs(function.name), qs(resource->kind), qs(resource->name)));
            m_accessLinks.push_back(link);
            m_accessLinked.insert(function.id);
            m_accessLinked.insert(resource->id);
        }
    }
}

void WorkflowScene::updateEdgesOf(const NodeId &id)
{
    if (m_accessLinked.contains(id))
        refreshAccessLinks();
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

QPointF WorkflowScene::freeSpotNear(QPointF topLeft) const
{
    // A new node is at most this tall (a header and a few ports), with a grid step around it.
    const QSizeF size(NodeItem::kWidth + 2 * kGrid, 120 + 2 * kGrid);
    auto free = [&](QPointF at) {
        const QRectF area(at - QPointF(kGrid, kGrid), size);
        return std::none_of(m_nodes.begin(), m_nodes.end(),
                            [&](const auto &entry) { return entry.second->sceneBoundingRect().intersects(area); });
    };
    topLeft = snapped(topLeft);
    if (free(topLeft))
        return topLeft;
    for (int ring = 1; ring <= 60; ++ring) {
        std::optional<QPointF> best;
        qreal bestDistance = 0;
        for (int dx = -ring; dx <= ring; ++dx) {
            for (int dy = -ring; dy <= ring; ++dy) {
                if (std::max(std::abs(dx), std::abs(dy)) != ring)
                    continue;
                const QPointF at = topLeft + QPointF(dx * kGrid, dy * kGrid);
                const qreal distance = std::hypot(dx, dy);
                if ((!best || distance < bestDistance) && free(at)) {
                    best = at;
                    bestDistance = distance;
                }
            }
        }
        if (best)
            return *best;
    }
    return topLeft;
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
    const bool arrow = event->key() == Qt::Key_Left || event->key() == Qt::Key_Right || event->key() == Qt::Key_Up
                       || event->key() == Qt::Key_Down;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (arrow && !m_wireFrom
        && (mods == Qt::NoModifier ? selectNeighbour(event->key())
                                   : mods == Qt::ShiftModifier && nudgeSelection(event->key()))) {
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) {
        if (const auto selected = selectedNodes(); selected.size() == 1) {
            Q_EMIT nodeActivated(qs(selected.front().str()), mods == Qt::ShiftModifier);
            event->accept();
            return;
        }
    }
    QGraphicsScene::keyPressEvent(event);
}

bool WorkflowScene::selectNeighbour(int key)
{
    if (m_nodes.empty())
        return false;
    const auto selected = selectedNodes();
    const NodeItem *from = selected.empty() ? nullptr : itemFor(selected.back());
    NodeItem *best = nullptr;
    if (!from) {
        // Nothing selected yet: start where a reader starts, top left.
        for (const Node &n : workflow().nodes()) {
            NodeItem *item = itemFor(n.id);
            if (item && (!best || std::pair(item->pos().y(), item->pos().x()) < std::pair(best->pos().y(), best->pos().x())))
                best = item;
        }
    } else {
        // The nearest node whose centre lies within 45 degrees of the arrow,
        // weighing sideways distance twice: what the eye calls "the next one".
        const QPointF origin = from->sceneBoundingRect().center();
        qreal bestScore = 0;
        for (const Node &n : workflow().nodes()) {
            NodeItem *item = itemFor(n.id);
            if (!item || item == from)
                continue;
            const QPointF d = item->sceneBoundingRect().center() - origin;
            const qreal along = key == Qt::Key_Right ? d.x() : key == Qt::Key_Left ? -d.x() : key == Qt::Key_Down ? d.y() : -d.y();
            const qreal across = std::abs(key == Qt::Key_Left || key == Qt::Key_Right ? d.y() : d.x());
            if (along <= 0 || across > along)
                continue;
            const qreal score = along + 2 * across;
            if (!best || score < bestScore) {
                best = item;
                bestScore = score;
            }
        }
    }
    if (!best) {
        Q_EMIT statusMessage(tr("No node that way"));
        return true; // the key is still the canvas's: the view must not scroll away
    }
    selectNodes({best->nodeId()});
    for (QGraphicsView *view : views())
        view->ensureVisible(best, 40, 40);
    return true;
}

bool WorkflowScene::nudgeSelection(int key)
{
    const auto selected = selectedNodes();
    if (selected.empty())
        return false;
    const QPointF step = key == Qt::Key_Left    ? QPointF(-kGrid, 0)
                         : key == Qt::Key_Right ? QPointF(kGrid, 0)
                         : key == Qt::Key_Up    ? QPointF(0, -kGrid)
                                                : QPointF(0, kGrid);
    std::map<NodeId, MoveNodesCommand::Move> moves;
    for (const NodeId &id : selected) {
        const Position p = workflow().position(id);
        moves[id] = {p, {p.x + step.x(), p.y + step.y()}};
    }
    m_document->undoStack()->push(new MoveNodesCommand(m_document, m_workflowId, std::move(moves)));
    for (QGraphicsView *view : views())
        view->ensureVisible(itemFor(selected.back()), 40, 40);
    return true;
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

void WorkflowScene::onNodeAdded(const WorkflowId &workflow, const NodeId &node)
{
    if (workflow != m_workflowId)
        return;
    m_applyingModel = true;
    addNodeItem(node);
    m_applyingModel = false;
    // Edges that waited for this node (undo of a removal re-adds nodes first).
    updateEdgesOf(node);
    refreshAccessLinks();
}

void WorkflowScene::onNodeRemoved(const WorkflowId &workflow, const NodeId &node)
{
    if (workflow != m_workflowId)
        return;
    auto it = m_nodes.find(node);
    if (it == m_nodes.end())
        return;
    m_moveStart.erase(node);
    delete it->second;
    m_nodes.erase(it);
    updateEdgesOf(node);
    refreshAccessLinks();
}

void WorkflowScene::onNodeChanged(const WorkflowId &workflow, const NodeId &node, NodeAspects aspects)
{
    if (workflow != m_workflowId)
        return;
    NodeItem *item = itemFor(node);
    if (!item)
        return;
    if (aspects & (NodeAspect::Name | NodeAspect::Kind | NodeAspect::Config))
        item->refresh(); // the title, the icon, the ports (a choice's rules)
    if (aspects & NodeAspect::Position) {
        const Position p = this->workflow().position(node);
        m_applyingModel = true;
        item->setPos(p.x, p.y);
        m_applyingModel = false;
    }
    if (aspects & (NodeAspect::Kind | NodeAspect::Config | NodeAspect::Position))
        updateEdgesOf(node);
    if (aspects & (NodeAspect::Name | NodeAspect::Kind | NodeAspect::Config))
        refreshAccessLinks(); // a `uses` changed, or the name a function uses
}

void WorkflowScene::onEdgeAdded(const WorkflowId &workflow, const EdgeId &edge)
{
    if (workflow != m_workflowId)
        return;
    if (const Edge *e = this->workflow().findEdge(edge))
        addEdgeItem(*e);
}

void WorkflowScene::onEdgeRemoved(const WorkflowId &workflow, const EdgeId &edge)
{
    if (workflow != m_workflowId)
        return;
    removeEdgeItem(edge);
}

void WorkflowScene::setRunOverlay(const RunOverlay *overlay)
{
    if (m_overlay)
        disconnect(m_overlay, nullptr, this, nullptr);
    m_overlay = overlay;
    if (m_overlay) {
        // Cached node pictures are drawn again; wires are cheap to repaint.
        connect(m_overlay, &RunOverlay::changed, this, [this] {
            for (const auto &[id, item] : m_nodes)
                item->update();
            update();
        });
    }
    update();
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

} // namespace stratus::editor
