#include "commands.h"

#include "workspacedocument.h"

#include "engine/model/nodekind.h"

#include <algorithm>
#include <utility>

namespace stratus::editor {

using namespace stratus::engine;

NodesAndEdgesCommand::NodesAndEdgesCommand(WorkspaceDocument *document, WorkflowId workflow, bool adds,
                                           const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_adds(adds)
{}

void NodesAndEdgesCommand::insert()
{
    // Nodes before the edges that join them.
    for (const PlacedNode &n : m_nodes)
        m_document->insertNode(m_workflow, n.node, n.position);
    for (const Edge &e : m_edges)
        m_document->insertEdge(m_workflow, e);
    m_document->restoreTestEvents(std::exchange(m_testEvents, {}));
}

void NodesAndEdgesCommand::remove()
{
    for (auto e = m_edges.rbegin(); e != m_edges.rend(); ++e)
        m_document->removeEdge(m_workflow, e->id);
    for (auto n = m_nodes.rbegin(); n != m_nodes.rend(); ++n) {
        auto events = m_document->takeTestEvents(m_workflow, n->node.id);
        m_testEvents.insert(m_testEvents.end(), events.begin(), events.end());
        m_document->removeNode(m_workflow, n->node.id);
    }
}

AddItemsCommand::AddItemsCommand(WorkspaceDocument *document, WorkflowId workflow,
                                 std::vector<PlacedNode> nodes, std::vector<Edge> edges,
                                 const QString &text)
    : NodesAndEdgesCommand(document, std::move(workflow), true, text)
{
    m_nodes = std::move(nodes);
    m_edges = std::move(edges);
}

RemoveItemsCommand::RemoveItemsCommand(WorkspaceDocument *document, WorkflowId workflow,
                                       const std::vector<NodeId> &nodes, const std::vector<EdgeId> &edges,
                                       const QString &text)
    : NodesAndEdgesCommand(document, std::move(workflow), false, text)
{
    const Workflow *w = document->workflow(m_workflow);
    if (!w)
        return;
    for (const NodeId &id : nodes) {
        if (const Node *n = w->findNode(id))
            m_nodes.push_back({*n, w->position(id)});
    }
    // Every edge that is asked for or touches a removed node, in the model's order.
    for (const Edge &e : w->edges()) {
        const bool asked = std::find(edges.begin(), edges.end(), e.id) != edges.end();
        const bool touches = std::any_of(m_nodes.begin(), m_nodes.end(), [&](const PlacedNode &n) {
            return n.node.id == e.from.node || n.node.id == e.to.node;
        });
        if (asked || touches)
            m_edges.push_back(e);
    }
}

MoveNodesCommand::MoveNodesCommand(WorkspaceDocument *document, WorkflowId workflow,
                                   std::map<NodeId, Move> moves)
    : QUndoCommand(moves.size() == 1 ? QObject::tr("Move node") : QObject::tr("Move %1 nodes").arg(moves.size()))
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_moves(std::move(moves))
{}

void MoveNodesCommand::redo()
{
    for (const auto &[id, move] : m_moves)
        m_document->moveNode(m_workflow, id, move.to);
}

void MoveNodesCommand::undo()
{
    for (const auto &[id, move] : m_moves)
        m_document->moveNode(m_workflow, id, move.from);
}

ChangeNodeCommand::ChangeNodeCommand(WorkspaceDocument *document, WorkflowId workflow, Node before,
                                     Node after, const QString &text, QString mergeKey)
    : QUndoCommand(text)
    , m_document(document)
    , m_change{std::move(workflow), std::move(before), std::move(after)}
    , m_mergeKey(std::move(mergeKey))
{
    m_users = usersRenamed();
}

std::vector<ChangeNodeCommand::Change> ChangeNodeCommand::usersRenamed() const
{
    const Node &renamed = m_change.after;
    const std::string &from = m_change.before.name;
    std::vector<Change> users;
    if (!kinds::isResource(renamed.kind) || renamed.name == from)
        return users;
    // A name is one resource per kind: another of that name still stands for itself.
    bool nameStillTaken = false;
    for (const Workflow &wf : m_document->workspace().workflows) {
        for (const Node &node : wf.nodes())
            nameStillTaken = nameStillTaken || (node.id != renamed.id && kinds::isResource(node.kind) && node.name == from);
    }
    for (const Workflow &wf : m_document->workspace().workflows) {
        for (const Node &node : wf.nodes()) {
            const Json &uses = memberOf(node.config, "uses");
            if (node.kind != kinds::kFunction || !uses.is_array() || std::find(uses.begin(), uses.end(), Json(from)) == uses.end())
                continue;
            Node user = node;
            Json &names = user.config["uses"];
            if (std::find(names.begin(), names.end(), Json(renamed.name)) == names.end()) {
                if (nameStillTaken)
                    names.push_back(renamed.name);
                else
                    *std::find(names.begin(), names.end(), Json(from)) = renamed.name;
            } else if (!nameStillTaken) {
                names.erase(std::find(names.begin(), names.end(), Json(from)));
            }
            users.push_back(Change{wf.id(), node, std::move(user)});
        }
    }
    return users;
}

void ChangeNodeCommand::redo()
{
    m_document->replaceNode(m_change.workflow, m_change.after);
    for (const Change &user : m_users)
        m_document->replaceNode(user.workflow, user.after);
}

void ChangeNodeCommand::undo()
{
    for (auto user = m_users.rbegin(); user != m_users.rend(); ++user)
        m_document->replaceNode(user->workflow, user->before);
    m_document->replaceNode(m_change.workflow, m_change.before);
}

bool ChangeNodeCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ChangeNodeCommand *>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_change.workflow != m_change.workflow
        || next->m_change.after.id != m_change.after.id)
        return false;
    // The functions' uses follow the whole rename, first name to last, never
    // a name typed on the way (one that another resource bears would stay).
    for (auto user = next->m_users.rbegin(); user != next->m_users.rend(); ++user)
        m_document->replaceNode(user->workflow, user->before);
    for (auto user = m_users.rbegin(); user != m_users.rend(); ++user)
        m_document->replaceNode(user->workflow, user->before);
    m_change.after = next->m_change.after;
    m_users = usersRenamed();
    for (const Change &user : m_users)
        m_document->replaceNode(user.workflow, user.after);
    return true;
}

WorkflowCommand::WorkflowCommand(WorkspaceDocument *document, Workflow workflow, size_t index, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_index(index)
    , m_adds(true)
{}

WorkflowCommand::WorkflowCommand(WorkspaceDocument *document, const WorkflowId &id, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_adds(false)
{
    const auto &all = document->workspace().workflows;
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].id() == id) {
            m_workflow = all[i];
            m_index = i;
        }
    }
}

void WorkflowCommand::insert()
{
    m_document->insertWorkflow(m_index, m_workflow);
    m_document->restoreTestEvents(std::exchange(m_testEvents, {}));
}

void WorkflowCommand::remove()
{
    m_testEvents = m_document->takeTestEvents(m_workflow.id(), NodeId());
    m_document->removeWorkflow(m_workflow.id());
}

void WorkflowCommand::redo()
{
    m_adds ? insert() : remove();
}

void WorkflowCommand::undo()
{
    m_adds ? remove() : insert();
}

RenameWorkflowCommand::RenameWorkflowCommand(WorkspaceDocument *document, WorkflowId workflow, std::string name)
    : QUndoCommand(QObject::tr("Rename workflow to %1").arg(QString::fromStdString(name)))
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_after(std::move(name))
{
    if (const Workflow *w = document->workflow(m_workflow))
        m_before = w->name();
}

void RenameWorkflowCommand::redo()
{
    m_document->renameWorkflow(m_workflow, m_after);
}

void RenameWorkflowCommand::undo()
{
    m_document->renameWorkflow(m_workflow, m_before);
}

TestEventCommand::TestEventCommand(WorkspaceDocument *document, std::optional<TestEvent> before,
                                   std::optional<TestEvent> after, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void TestEventCommand::redo()
{
    m_document->replaceTestEvent(m_before, m_after);
}

void TestEventCommand::undo()
{
    m_document->replaceTestEvent(m_after, m_before);
}

} // namespace stratus::editor
