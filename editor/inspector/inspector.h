#pragma once

#include "engine/model/workflow.h"

#include <QWidget>

#include <map>
#include <optional>
#include <utility>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace stratus::editor {

class CodeView;
class WorkspaceDocument;

/// The selected node's configuration, as a form built from the node-kind
/// table: a text box, number box (range enforced), check box or list per
/// field type, JSON text for structured fields, defaults shown for absent
/// fields, and each field's validation problems right under it. Below, a
/// function's files: a list (★ marks the handler's file; add, rename, delete)
/// and the code editor. Every edit becomes an undo command on the document.
class Inspector : public QWidget
{
    Q_OBJECT

public:
    explicit Inspector(QWidget *parent = nullptr);

    /// The label a config field gets ("Memory (MB)" for memoryMB); the
    /// field's own name for one Stratus has no label for.
    static QString fieldLabel(const QString &field);

    /// Shows `node` of `workflow` in `document` (null document: nothing).
    void showNode(WorkspaceDocument *document, const engine::WorkflowId &workflow,
                  const engine::NodeId &node);
    const engine::NodeId &nodeId() const { return m_node; }
    const engine::WorkflowId &workflowId() const { return m_workflow; }

    /// The editor of a field ("name" for the node's name), or null.
    QWidget *editorFor(const QString &field) const;
    /// The inline problem text shown under a field (empty when none).
    QString problemText(const QString &field) const;
    void focusField(const QString &field);

    /// The function's files and code editor, which the main window puts in
    /// a dock of its own (View → Code) so that code gets room to work.
    QWidget *codePane() const { return m_codePane; }
    QListWidget *fileList() const { return m_files; }
    CodeView *codeView() const { return m_code; }
    QString currentFile() const { return m_currentFile; }
    void openFile(const QString &path);
    /// Adds, renames or deletes a function file through an undo command;
    /// returns false with a reason in the status bar when refused.
    bool addFile(const QString &path);
    bool renameFile(const QString &from, const QString &to);
    bool deleteFile(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &message);
    /// The "Send Test Event…" button of a trigger or function was pressed.
    void sendTestEventRequested(const engine::WorkflowId &workflow, const engine::NodeId &node);
    /// The code pane should be shown (a problem in a function's files was activated).
    void codePaneWanted();

private:
    void rebuild();
    /// The heading: the node's name (kept up to date on a rename), kind and what it does.
    void refreshTitle();
    void refreshValues();
    void refreshProblems();
    void refreshFiles();
    /// One undo step. With a `mergeKey` (keystrokes in one text), joined
    /// with the previous step of the same field and key; without, a step of
    /// its own. A choice's rules whose port is renamed or removed take the
    /// port's wires along in the same step.
    void commitField(const std::string &field, const engine::Json &value, const QString &mergeKey = QStringLiteral("."));
    /// A wire whose port changed: it goes, and comes back on the renamed port (if any).
    using Rewiring = std::vector<std::pair<engine::Edge, std::optional<engine::Edge>>>;
    Rewiring wiresOfChangedPorts(const engine::Node &before, const engine::Node &after) const;
    void commitName(const QString &name);
    void commitFileText();
    const engine::Node *node() const;
    engine::Json files() const;

    WorkspaceDocument *m_document = nullptr;
    engine::WorkflowId m_workflow;
    engine::NodeId m_node;
    bool m_updating = false; // widgets follow the model: their signals are not edits

    QLabel *m_title;
    QPushButton *m_sendEvent;
    QWidget *m_form;
    QFormLayout *m_layout;
    std::map<QString, QWidget *> m_editors;
    std::map<QString, QLabel *> m_problemLabels;
    QWidget *m_codePane;
    QLabel *m_codeHint;
    QWidget *m_filesBox;
    QListWidget *m_files;
    QPushButton *m_addFile;
    QPushButton *m_renameFile;
    QPushButton *m_deleteFile;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    CodeView *m_code;
    QString m_currentFile;
    std::vector<QMetaObject::Connection> m_documentConnections;
};

} // namespace stratus::editor
