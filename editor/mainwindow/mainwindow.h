#pragma once

#include "engine/model/problem.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"
#include "editor/settings/usersettings.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoView;

namespace stratus::editor {

class ChartsPanel;
class DataPanel;
class CodeView;
class CostPanel;
class HistoryReader;
class Inspector;
class InvocationsPanel;
class RunOverlay;
class RunPanel;
class RunSession;
class LoadTestDialog;
class MemorySweepDialog;
class TestEventDialog;
class NodePalette;
class WorkflowScene;
class WorkflowView;
class WorkspaceDocument;

/// The studio's main window: one workspace document, a canvas tab per
/// workflow, the palette, the inspector with the code editor, the Problems
/// panel and the undo history. Every edit goes through the document's undo
/// stack; the document saves itself (see WorkspaceDocument).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace file (.stratus) for editing, or a workspace JSON
    /// document as an unsaved document. On failure returns why, naming the
    /// file, and leaves the window (and the file) as it was. Shows no dialog.
    engine::Status openFile(const QString &path);
    /// Creates a new workspace file, with the user's defaults for new
    /// workspaces (settings), and opens it.
    engine::Status newWorkspace(const QString &path);

    /// The user's defaults the window follows (loaded from QSettings when it
    /// is made).
    const UserSettings &userSettings() const { return m_userSettings; }
    /// Follows `settings` from now on: the autosave delay, the gateway's
    /// default address, the Cost panel's VM price, new workspaces. Saving
    /// and the process-wide parts (applyUserSettings) are the caller's.
    void useSettings(const UserSettings &settings);
    /// Edit → Settings: the dialog; what the user accepts is saved, applied
    /// and followed, and what could not take effect is said.
    void editSettings();
    /// Help → Getting Started: opens the http-api example (asking first
    /// when the current document has unsaved changes) and the tour over it.
    void startTour();
    /// Says which settings could not be used (at start-up, or after the
    /// dialog): in the status bar and a box that does not block the window.
    void showSettingsMessages(const QStringList &messages);
    /// Writes the document to a new workspace file (for a JSON document).
    engine::Status saveAs(const QString &path);
    engine::Status exportJson(const QString &path);
    enum class BundleFormat { Sam, Serverless };
    /// Writes a bundle of the design as it is now into `folder`
    /// (engine/export; `replace`: an earlier bundle there is updated). The
    /// notes are returned for the caller to show.
    /// `zip` and `fresh` as `stratus export --zip/--fresh` take them.
    engine::Result<std::vector<std::string>> exportBundle(BundleFormat format, const QString &folder, bool replace,
                                                          bool zip = false, bool fresh = false);
    /// Reads an AWS SAM template or a serverless.yml (engine/export/samimport.h)
    /// into the workspace file `workspacePath` (replacing one there) and opens
    /// it. Returns the import's warnings; on failure the file is untouched.
    engine::Result<std::vector<std::string>> importTemplate(BundleFormat format, const QString &templatePath,
                                                            const QString &workspacePath);

    WorkspaceDocument *document() const { return m_document.get(); }
    const engine::Workspace &workspace() const;
    const engine::Problems &problems() const;
    QString currentFile() const;
    QTabWidget *workflowTabs() const { return m_tabs; }
    WorkflowView *currentView() const;
    WorkflowScene *currentScene() const;
    QTreeWidget *problemsList() const { return m_problemsList; }
    NodePalette *palette() const { return m_palette; }
    Inspector *inspector() const { return m_inspector; }
    CodeView *codeView() const;
    QUndoView *historyView() const { return m_history; }
    QAction *action(const QString &objectName) const;
    /// The banner over the canvas that offers to save a JSON document as a workspace.
    QWidget *unsavedBanner() const { return m_banner; }

    /// Selects a node in its workflow's tab and shows it in the inspector.
    bool selectNode(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// Adds a node of `kind` to the current workflow at `scenePos` (snapped),
    /// through an undo command; returns its id (invalid if refused). With
    /// `nearestFreeSpot` (a kind added from the palette without a drop), the
    /// nearest place there that no node covers.
    engine::NodeId addNode(const QString &kind, QPointF scenePos, bool nearestFreeSpot = false);
    /// The clipboard's part: the selection as a workspace JSON document.
    QString selectionAsJson() const;
    /// Pastes a workspace JSON document's first workflow into the current one,
    /// with fresh ids, offset from where it was. Anything else does nothing
    /// and says so in the status bar. Returns the number of nodes pasted.
    int pasteJson(const QString &text);
    /// Workflows (tabs), each through an undo command.
    void newWorkflow();
    void renameWorkflow(const QString &name);
    void deleteWorkflow();
    /// Opens the last workspace of the previous session, if it still exists.
    void restoreSession();

    // --- running (mainwindow/running.cpp) ----------------------------------
    /// Run (F5): saves, checks and serves the workspace file on the embedded
    /// engine. Refused (saying why, problems listed) for a JSON document, a
    /// workspace with validation errors, or a file another process runs.
    engine::Status startRun();
    /// Stop (Shift+F5): as `stratus serve` stops on SIGTERM.
    void stopRun();
    RunSession *runSession() const { return m_run; }
    RunOverlay *runOverlay() const { return m_overlay; }
    RunPanel *runPanel() const { return m_runPanel; }
    InvocationsPanel *invocationsPanel() const { return m_invocations; }
    CostPanel *costPanel() const { return m_costPanel; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    DataPanel *dataPanel() const { return m_data; }
    /// The Send Test Event dialog of a trigger or function (shown, not modal).
    TestEventDialog *openTestEventDialog(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// Run → Load Test for a trigger (shown, not modal).
    LoadTestDialog *openLoadTestDialog(const engine::WorkflowId &workflow, const engine::NodeId &trigger);
    /// Run → Tune Memory for a function (shown, not modal).
    MemorySweepDialog *openMemorySweepDialog(const engine::WorkflowId &workflow, const engine::NodeId &function);
    /// F9 on the selected node.
    void toggleBreakpoint();
    /// Step (F10), Continue (F5 while paused), Abort of the run shown paused.
    void resumePaused(int action);

    // --- the keyboard (mainwindow/keyboard.cpp) -----------------------------
    /// The panels F6 goes through, in order: the open docks and the canvas.
    QList<QWidget *> panels() const;
    /// F6 (+1) and Shift+F6 (-1): the focus to the next or previous panel.
    void focusPanel(int step);
    /// Ctrl+E: the Wire dialog for the selected node.
    void wireSelected();
    /// Return on a node: its inspector's first field; with `code`, its code.
    void activateNode(const QString &nodeId, bool code);

    /// Where the bundled example workspaces are (installed or in the source tree).
    static QString examplesDirectory();

public Q_SLOTS:
    /// Opens `path`, showing a dialog that names the file and problem on failure.
    void openFileInteractively(const QString &path);
    /// File → Export …: a folder dialog, then what exportBundle gives, said in a dialog.
    void exportInteractively(BundleFormat format);
    /// File → Import …: the template, then where the workspace goes, then what importTemplate gives.
    void importInteractively(BundleFormat format);
    void zoomToFit();
    void copySelection();
    void cutSelection();
    void paste();
    void deleteSelection();
    void duplicateSelection();
    void selectAll();
    void renameSelected();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void createRunDocks();
    void createRunMenu();
    /// The run panels follow the document's file (opened, saved as).
    void attachRunPanels();
    void updateRunActions();
    void showPausedRun();
    /// The selected node of the current canvas (invalid: none or several).
    std::pair<engine::WorkflowId, engine::NodeId> selectedNode() const;
    void showWelcome();
    void rebuild();
    void refreshProblems();
    void addWorkflowTab(const engine::WorkflowId &workflow, int index);
    int tabOf(const QString &workflowId) const;
    void refreshTitle();
    void onProblemActivated(QTreeWidgetItem *item);
    void rememberRecent(const QString &path);
    void rememberSelection(const QString &workflow, const QString &node);
    static QString selectionKey(const QString &path);
    /// The docks' arrangement is kept per workspace file (and the last one
    /// saved serves a file that has none yet).
    void saveLayout();
    void restoreLayout(const QString &path);
    static QString perFileKey(const QString &group, const QString &path);
    void fillRecentMenu();
    void startInlineRename(const QString &nodeId);
    bool confirmUnsavedJson();
    /// True when opening another document loses nothing (else asks).
    bool okToReplaceDocument();

    std::unique_ptr<WorkspaceDocument> m_document;
    UserSettings m_userSettings;
    QWidget *m_editArea = nullptr;
    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_welcome = nullptr;
    QTreeWidget *m_problemsList = nullptr;
    NodePalette *m_palette = nullptr;
    Inspector *m_inspector = nullptr;
    QUndoView *m_history = nullptr;
    QMenu *m_recent = nullptr;
    QLabel *m_saveState = nullptr;

    RunSession *m_run = nullptr;
    RunOverlay *m_overlay = nullptr;
    std::unique_ptr<HistoryReader> m_historyReader;
    RunPanel *m_runPanel = nullptr;
    bool m_runRefusedForProblems = false; // the Run panel says Run was refused for validation errors
    InvocationsPanel *m_invocations = nullptr;
    CostPanel *m_costPanel = nullptr;
    ChartsPanel *m_charts = nullptr;
    DataPanel *m_data = nullptr;
};

} // namespace stratus::editor
