#pragma once

#include "engine/model/problem.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace stratus::editor {

class CodeView;
class WorkflowOverviewView;

/// The studio's main window: one workspace, a tab per workflow, the Problems
/// panel and the details of the selected node with its code.
///
/// This first version shows a workspace read-only; designing on the canvas,
/// saving and the run panels come with their issues.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace file (.stratus) or a workspace JSON document. On
    /// failure returns why, naming the file, and leaves the window as it was.
    /// Never writes to the file. Shows no dialog (see openFileInteractively).
    engine::Status openFile(const QString &path);

    const engine::Workspace &workspace() const { return m_workspace; }
    const engine::Problems &problems() const { return m_problems; }
    QString currentFile() const { return m_file; }
    QTabWidget *workflowTabs() const { return m_tabs; }
    QTreeWidget *problemsList() const { return m_problemsList; }
    QTreeWidget *configList() const { return m_configList; }
    CodeView *codeView() const { return m_code; }

    /// Selects a node in its workflow's tab and shows its details.
    bool selectNode(const engine::WorkflowId &workflow, const engine::NodeId &node);

    /// Where the bundled example workspaces are (installed or in the source tree).
    static QString examplesDirectory();

public Q_SLOTS:
    /// Opens `path`, showing a dialog that names the file and problem on failure.
    void openFileInteractively(const QString &path);
    void zoomToFit();

private:
    void createActions();
    void createDocks();
    void showWelcome();
    void rebuild();
    void showNodeDetails(const QString &workflowId, const QString &nodeId);
    void showFunctionFile(const QString &path);
    void onProblemActivated(QTreeWidgetItem *item);

    engine::Workspace m_workspace;
    engine::Problems m_problems;
    QString m_file;
    const engine::Node *m_shownNode = nullptr; // points into m_workspace; reset on rebuild

    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_problemsList = nullptr;
    QLabel *m_detailsTitle = nullptr;
    QTreeWidget *m_configList = nullptr;
    QComboBox *m_fileChooser = nullptr;
    CodeView *m_code = nullptr;
    QLabel *m_welcome = nullptr;
};

} // namespace stratus::editor
