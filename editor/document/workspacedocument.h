#pragma once

#include "engine/model/problem.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"
#include "engine/store/workspacestore.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUndoStack>

#include <memory>
#include <set>
#include <optional>

namespace stratus::editor {

/// What changed in a node: views redo only what depends on it (a move does
/// not rebuild the inspector, a config change does not move the item).
enum class NodeAspect {
    Name = 0x1,
    Kind = 0x2,
    Config = 0x4, ///< its fields, files included (and so a choice's ports)
    Position = 0x8,
};
Q_DECLARE_FLAGS(NodeAspects, NodeAspect)
Q_DECLARE_OPERATORS_FOR_FLAGS(NodeAspects)

/// One open workspace: the model, its undo stack and its file.
///
/// The model changes only through the mutators below, and those are called
/// only by the undo commands (editor/document/commands.h), which is what makes
/// every change undoable. Each mutator emits a signal that the canvas, the
/// inspector and the Problems panel follow.
///
/// The workspace file is the document: every change is saved automatically
/// (diff-based, one transaction) at most autosaveDelay() after it is made,
/// on a thread of its own that writes a copy of the model, so editing never
/// waits for the disk; and on close, so a crash loses at most the work of the
/// last autosave delay (a second unless the user chose otherwise). A document
/// read from a JSON file has no workspace file until saveAs() gives it one.
class WorkspaceDocument : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAutosaveDelayMs = 1000;

    /// Opens a workspace file for editing (an older one is migrated), or reads
    /// a workspace JSON document into an unsaved document. On failure the
    /// status names the file and problem; nothing on disk changed.
    static engine::Result<std::unique_ptr<WorkspaceDocument>> open(const QString &path);
    /// Creates a new workspace file with one empty workflow and `settings`
    /// (the user's defaults for new workspaces: pricing, region, retention).
    static engine::Result<std::unique_ptr<WorkspaceDocument>> create(const QString &path,
                                                                      const engine::Json &settings = defaultSettings());
    /// The settings of a new workspace when the user has set no defaults.
    static engine::Json defaultSettings();
    ~WorkspaceDocument() override;

    const engine::Workspace &workspace() const { return m_workspace; }
    const engine::Workflow *workflow(const engine::WorkflowId &id) const
    {
        return m_workspace.findWorkflow(id);
    }
    QUndoStack *undoStack() { return &m_undo; }

    /// The workspace file; empty for a document read from JSON and not yet saved.
    QString filePath() const { return m_filePath; }
    /// Where the document was read from (the workspace file, or the JSON document).
    QString sourcePath() const { return m_sourcePath; }
    bool hasUnsavedChanges() const { return m_changes != m_savedChanges; }
    /// How long after a change it is saved (kAutosaveDelayMs unless the
    /// user chose otherwise); from the next change on.
    void setAutosaveDelay(int ms) { m_autosave.setInterval(ms); }
    int autosaveDelay() const { return m_autosave.interval(); }

    /// Writes what changed since the last save, now (after any automatic save
    /// in flight). Without a workspace file, does nothing and returns ok (the
    /// window offers saveAs on close).
    engine::Status save();
    /// Writes the whole workspace into a new workspace file at `path`, which
    /// becomes the document's file.
    engine::Status saveAs(const QString &path);

    /// Validation problems of the current model (problems of the JSON reader
    /// first, if the document came from JSON and is unchanged).
    const engine::Problems &problems() const { return m_problems; }
    /// Validates now (it otherwise happens once the event loop runs after a change).
    void revalidate();

    /// An id for a new node, from `base` (a kind or name), unique in the
    /// workflow and not among `alsoTaken` (ids handed out for the same command).
    engine::NodeId freshNodeId(const engine::WorkflowId &workflow, const std::string &base,
                               const std::set<std::string> &alsoTaken = {}) const;
    engine::EdgeId freshEdgeId(const engine::WorkflowId &workflow, const std::set<std::string> &alsoTaken = {}) const;

    // --- mutators: for undo commands only -----------------------------------
    void insertNode(const engine::WorkflowId &workflow, const engine::Node &node,
                    engine::Position position);
    void removeNode(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// Replaces the node's name and config (same id).
    void replaceNode(const engine::WorkflowId &workflow, const engine::Node &node);
    void moveNode(const engine::WorkflowId &workflow, const engine::NodeId &node,
                  engine::Position position);
    void insertEdge(const engine::WorkflowId &workflow, const engine::Edge &edge);
    void removeEdge(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    /// Inserts a whole workflow (a tab) at `index` (clamped).
    void insertWorkflow(size_t index, const engine::Workflow &workflow);
    void removeWorkflow(const engine::WorkflowId &workflow);
    void renameWorkflow(const engine::WorkflowId &workflow, const std::string &name);
    /// Removes and returns the saved test events of a node (or, with an
    /// invalid node, of a whole workflow), which cannot outlive it.
    std::vector<engine::TestEvent> takeTestEvents(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void restoreTestEvents(const std::vector<engine::TestEvent> &events);
    /// Takes `before` out of the saved test events (if given) and puts `after`
    /// in (if given) at its place: a save, a rename, an edit or a delete.
    void replaceTestEvent(const std::optional<engine::TestEvent> &before, const std::optional<engine::TestEvent> &after);
    /// The saved test events of a node, in the order saved.
    std::vector<engine::TestEvent> testEventsOf(const engine::WorkflowId &workflow, const engine::NodeId &node) const;
    /// An id for a new workflow, unique in the workspace.
    engine::WorkflowId freshWorkflowId() const;

Q_SIGNALS:
    // The model's changes, each naming what changed by its typed ids (as
    // Tiled's change events do). A removal comes in two signals: before it
    // (the model still holds the node, edge or workflow: a view can read
    // what it drops) and after it. A node's edges are removed before it, each
    // with its own signals, so a view never holds a wire to nothing.
    void nodeAdded(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void nodeAboutToBeRemoved(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void nodeRemoved(const engine::WorkflowId &workflow, const engine::NodeId &node);
    void nodeChanged(const engine::WorkflowId &workflow, const engine::NodeId &node,
                     stratus::editor::NodeAspects aspects);
    void edgeAdded(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    void edgeAboutToBeRemoved(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    void edgeRemoved(const engine::WorkflowId &workflow, const engine::EdgeId &edge);
    void workflowAdded(const engine::WorkflowId &workflow, int index);
    void workflowAboutToBeRemoved(const engine::WorkflowId &workflow);
    void workflowRemoved(const engine::WorkflowId &workflow);
    void workflowRenamed(const engine::WorkflowId &workflow);
    void problemsChanged();
    void testEventsChanged(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// An automatic or explicit save finished; `status` says whether it worked.
    void saved(bool ok, const QString &message);

private:
    WorkspaceDocument(engine::Workspace workspace, std::optional<engine::WorkspaceStore> store,
                      QString filePath, QString sourcePath, engine::Problems readProblems);
    engine::Workflow *mutableWorkflow(const engine::WorkflowId &id);
    void changed();
    void saveInBackground();
    void finishBackgroundSave(quint64 generation, const engine::Status &status);
    /// Runs on the save thread only.
    engine::Status writeStore(const engine::Workspace &workspace, const QString &path);

    engine::Workspace m_workspace;
    std::optional<engine::WorkspaceStore> m_store; // used on the save thread only
    bool m_hasStore = false;
    QString m_filePath;
    QString m_sourcePath;
    engine::Problems m_readProblems;
    engine::Problems m_problems;
    QUndoStack m_undo;
    QTimer m_autosave;
    QTimer m_validate;
    quint64 m_changes = 0;      // changes ever made
    quint64 m_savedChanges = 0; // how many of them the file holds
    bool m_saving = false;  // a background save is in flight
    bool m_saveAgain = false;
    QThread m_saveThread;
    QObject m_writer; // lives in m_saveThread: the context the store is used in
};

} // namespace stratus::editor
