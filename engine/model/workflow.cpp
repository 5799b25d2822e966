#include "workflow.h"

#include <algorithm>

namespace stratus::engine {

Workflow::Workflow(WorkflowId id, std::string name)
    : m_id(std::move(id))
    , m_name(std::move(name))
{}

bool Workflow::addNode(Node node, std::optional<Position> position)
{
    if (m_nodeIndex.contains(node.id))
        return false;
    if (position)
        m_layout[node.id] = *position;
    m_nodeIndex.emplace(node.id, m_nodes.size());
    m_nodes.push_back(std::move(node));
    return true;
}

bool Workflow::removeNode(const NodeId &id)
{
    auto it = m_nodeIndex.find(id);
    if (it == m_nodeIndex.end())
        return false;
    m_nodes.erase(m_nodes.begin() + static_cast<std::ptrdiff_t>(it->second));
    m_layout.erase(id);
    std::erase_if(m_edges, [&](const Edge &e) { return e.from.node == id || e.to.node == id; });
    reindexNodes();
    reindexEdges();
    return true;
}

const Node *Workflow::findNode(const NodeId &id) const
{
    auto it = m_nodeIndex.find(id);
    return it == m_nodeIndex.end() ? nullptr : &m_nodes[it->second];
}

std::vector<const Node *> Workflow::targetsOf(const NodeId &from, const std::string &port) const
{
    std::vector<const Node *> out;
    for (const Edge &e : m_edges) {
        if (e.from.node != from || e.from.port != port)
            continue;
        if (const Node *to = findNode(e.to.node))
            out.push_back(to);
    }
    return out;
}

Node *Workflow::findNode(const NodeId &id)
{
    auto it = m_nodeIndex.find(id);
    return it == m_nodeIndex.end() ? nullptr : &m_nodes[it->second];
}

bool Workflow::addEdge(Edge edge)
{
    if (m_edgeIndex.contains(edge.id))
        return false;
    m_edgeIndex.emplace(edge.id, m_edges.size());
    m_edges.push_back(std::move(edge));
    return true;
}

bool Workflow::removeEdge(const EdgeId &id)
{
    auto it = m_edgeIndex.find(id);
    if (it == m_edgeIndex.end())
        return false;
    m_edges.erase(m_edges.begin() + static_cast<std::ptrdiff_t>(it->second));
    reindexEdges();
    return true;
}

const Edge *Workflow::findEdge(const EdgeId &id) const
{
    auto it = m_edgeIndex.find(id);
    return it == m_edgeIndex.end() ? nullptr : &m_edges[it->second];
}

Position Workflow::position(const NodeId &id) const
{
    auto it = m_layout.find(id);
    return it == m_layout.end() ? Position{} : it->second;
}

bool Workflow::hasPosition(const NodeId &id) const
{
    return m_layout.contains(id);
}

void Workflow::setPosition(const NodeId &id, Position position)
{
    m_layout[id] = position;
}

bool Workflow::operator==(const Workflow &other) const
{
    return m_id == other.m_id && m_name == other.m_name && m_nodes == other.m_nodes
        && m_edges == other.m_edges && m_layout == other.m_layout && m_origin == other.m_origin;
}

void Workflow::reindexNodes()
{
    m_nodeIndex.clear();
    for (size_t i = 0; i < m_nodes.size(); ++i)
        m_nodeIndex.emplace(m_nodes[i].id, i);
}

void Workflow::reindexEdges()
{
    m_edgeIndex.clear();
    for (size_t i = 0; i < m_edges.size(); ++i)
        m_edgeIndex.emplace(m_edges[i].id, i);
}

const Workflow *Workspace::findWorkflow(const WorkflowId &id) const
{
    auto it = std::find_if(workflows.begin(), workflows.end(),
                           [&](const Workflow &w) { return w.id() == id; });
    return it == workflows.end() ? nullptr : &*it;
}

Workflow *Workspace::findWorkflow(const WorkflowId &id)
{
    auto it = std::find_if(workflows.begin(), workflows.end(),
                           [&](const Workflow &w) { return w.id() == id; });
    return it == workflows.end() ? nullptr : &*it;
}

} // namespace stratus::engine
