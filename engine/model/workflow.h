#pragma once

#include "ids.h"
#include "json.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace stratus::engine {

/// One node of a workflow: what it is (kind) and how it is configured. Its
/// place on the canvas is layout, kept in Workflow apart from the semantics.
struct Node
{
    NodeId id;
    std::string kind; ///< a kind of NodeKindRegistry ("function", "trigger.http", ...), or unknown
    std::string name;
    Json config = Json::object(); ///< the kind's config fields; absent optional fields take defaults

    bool operator==(const Node &) const = default;
};

/// A port of a node, as an edge end names it.
struct PortRef
{
    NodeId node;
    std::string port;

    bool operator==(const PortRef &) const = default;
};

/// A wire from an output port to an input port.
struct Edge
{
    EdgeId id;
    PortRef from;
    PortRef to;

    bool operator==(const Edge &) const = default;
};

/// A node's place on the canvas (layout only: it never changes what runs).
struct Position
{
    double x = 0;
    double y = 0;

    bool operator==(const Position &) const = default;
};

/// A graph of nodes and edges, one tab of a workspace. Nodes and edges keep the
/// order they were added in (so exports are stable), with an index by id.
/// Ids are unique: adding a node or edge with an id already present fails.
class Workflow
{
public:
    Workflow() = default;
    Workflow(WorkflowId id, std::string name);

    const WorkflowId &id() const { return m_id; }
    void setId(WorkflowId id) { m_id = std::move(id); }
    const std::string &name() const { return m_name; }
    void setName(std::string name) { m_name = std::move(name); }

    const std::vector<Node> &nodes() const { return m_nodes; }
    const std::vector<Edge> &edges() const { return m_edges; }

    /// Returns false, changing nothing, when a node with this id exists.
    bool addNode(Node node, std::optional<Position> position = std::nullopt);
    /// Removes the node and every edge touching it. Returns false if absent.
    bool removeNode(const NodeId &id);
    const Node *findNode(const NodeId &id) const;
    Node *findNode(const NodeId &id);
    /// The nodes at the end of the edges from `from`'s `port`, in edge order
    /// (an edge to a missing node is skipped: validation reports it).
    std::vector<const Node *> targetsOf(const NodeId &from, const std::string &port) const;

    /// Returns false, changing nothing, when an edge with this id exists. The
    /// ends are not checked here: validation reports dangling edges.
    bool addEdge(Edge edge);
    bool removeEdge(const EdgeId &id);
    const Edge *findEdge(const EdgeId &id) const;

    /// The node's position; (0, 0) when it has none.
    Position position(const NodeId &id) const;
    bool hasPosition(const NodeId &id) const;
    void setPosition(const NodeId &id, Position position);

    /// The template the workflow was imported from (docs/import.md): what the
    /// model cannot express, kept so that an export writes it back. Null for
    /// a workflow made here.
    const Json &origin() const { return m_origin; }
    void setOrigin(Json origin) { m_origin = std::move(origin); }

    /// Semantic equality plus equal layout.
    bool operator==(const Workflow &other) const;

private:
    void reindexNodes();
    void reindexEdges();

    WorkflowId m_id;
    std::string m_name;
    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
    std::unordered_map<NodeId, size_t> m_nodeIndex; // id -> index in m_nodes
    std::unordered_map<EdgeId, size_t> m_edgeIndex; // id -> index in m_edges
    std::unordered_map<NodeId, Position> m_layout;
    Json m_origin;
};

/// A saved event for a node ("Send test event"), the JSON form's testEvents.
struct TestEvent
{
    WorkflowId workflow; ///< may be invalid in JSON input: then the node id decides
    NodeId node;
    std::string name;
    Json event;

    bool operator==(const TestEvent &) const = default;
};

/// Everything a workspace file holds of the design: workflows, settings and
/// saved test events. (Run history lives in the store, not here.)
struct Workspace
{
    std::string name;
    Json settings = Json::object();
    std::vector<Workflow> workflows;
    std::vector<TestEvent> testEvents;

    const Workflow *findWorkflow(const WorkflowId &id) const;
    Workflow *findWorkflow(const WorkflowId &id);

    bool operator==(const Workspace &) const = default;
};

} // namespace stratus::engine
