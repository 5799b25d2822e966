#pragma once

#include "engine/model/workflow.h"

#include <QUndoCommand>

#include <map>
#include <optional>
#include <vector>

namespace stratus::editor {

class WorkspaceDocument;

/// A node with its place, as commands carry it.
struct PlacedNode
{
    engine::Node node;
    engine::Position position;
};

/// Puts nodes (with their positions) and edges into a workflow, or takes
/// them out: the two directions of one change, so each is the other's undo.
class NodesAndEdgesCommand : public QUndoCommand
{
public:
    void redo() override { m_adds ? insert() : remove(); }
    void undo() override { m_adds ? remove() : insert(); }

protected:
    NodesAndEdgesCommand(WorkspaceDocument *document, engine::WorkflowId workflow, bool adds, const QString &text);
    void insert();
    void remove();

    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflow;
    bool m_adds;
    std::vector<PlacedNode> m_nodes;
    std::vector<engine::Edge> m_edges; // in the model's order
    std::vector<engine::TestEvent> m_testEvents; // of the nodes, while they are out
};

/// Adds nodes and edges: a node from the palette, a wire, a paste or a duplicate.
class AddItemsCommand : public NodesAndEdgesCommand
{
public:
    AddItemsCommand(WorkspaceDocument *document, engine::WorkflowId workflow,
                    std::vector<PlacedNode> nodes, std::vector<engine::Edge> edges, const QString &text);
};

/// Removes nodes (with every edge touching them) and edges. Undo puts them
/// back with their config, positions and wires.
class RemoveItemsCommand : public NodesAndEdgesCommand
{
public:
    RemoveItemsCommand(WorkspaceDocument *document, engine::WorkflowId workflow,
                       const std::vector<engine::NodeId> &nodes, const std::vector<engine::EdgeId> &edges,
                       const QString &text);
};

/// Moves nodes: one drag of any number of nodes is one step.
class MoveNodesCommand : public QUndoCommand
{
public:
    struct Move
    {
        engine::Position from;
        engine::Position to;
    };
    MoveNodesCommand(WorkspaceDocument *document, engine::WorkflowId workflow,
                     std::map<engine::NodeId, Move> moves);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflow;
    std::map<engine::NodeId, Move> m_moves;
};

/// Changes a node's name or config (a field, a function file's text).
/// Consecutive changes of the same node and `mergeKey` (typing in one field
/// or one file) merge into one step. A queue, bucket or table renamed takes
/// the functions that use it along, in the same step: their `uses` follow.
class ChangeNodeCommand : public QUndoCommand
{
public:
    ChangeNodeCommand(WorkspaceDocument *document, engine::WorkflowId workflow, engine::Node before,
                      engine::Node after, const QString &text, QString mergeKey = {});
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    struct Change
    {
        engine::WorkflowId workflow;
        engine::Node before;
        engine::Node after;
    };

    /// The functions whose `uses` name the resource, as the rename leaves
    /// them, from their state in the document now.
    std::vector<Change> usersRenamed() const;

    WorkspaceDocument *m_document;
    Change m_change;
    std::vector<Change> m_users; // functions whose `uses` name the renamed resource
    QString m_mergeKey;
};

/// Adds a workflow (a new tab) or removes one with everything on it.
class WorkflowCommand : public QUndoCommand
{
public:
    /// Adds `workflow` at `index`.
    WorkflowCommand(WorkspaceDocument *document, engine::Workflow workflow, size_t index, const QString &text);
    /// Removes the workflow `id`.
    WorkflowCommand(WorkspaceDocument *document, const engine::WorkflowId &id, const QString &text);
    void redo() override;
    void undo() override;

private:
    void insert();
    void remove();
    WorkspaceDocument *m_document;
    engine::Workflow m_workflow;
    size_t m_index = 0;
    bool m_adds;
    std::vector<engine::TestEvent> m_testEvents; // of the workflow, while it is out
};

/// Renames a workflow (its tab).
class RenameWorkflowCommand : public QUndoCommand
{
public:
    RenameWorkflowCommand(WorkspaceDocument *document, engine::WorkflowId workflow, std::string name);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflow;
    std::string m_before;
    std::string m_after;
};

/// Saves, renames, edits or deletes one saved test event.
class TestEventCommand : public QUndoCommand
{
public:
    TestEventCommand(WorkspaceDocument *document, std::optional<engine::TestEvent> before,
                     std::optional<engine::TestEvent> after, const QString &text);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    std::optional<engine::TestEvent> m_before;
    std::optional<engine::TestEvent> m_after;
};

} // namespace stratus::editor
