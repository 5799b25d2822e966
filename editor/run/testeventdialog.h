#pragma once

// "Send test event" for a trigger or a function: the node's saved events
// (save, rename, delete: undo commands on the document), a JSON editor that
// refuses what is not JSON, and for an HTTP trigger a request form (method,
// path, query, headers, body) that writes the request description the
// engine turns into the trigger's 2.0 event.

#include "engine/model/json.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"
#include "engine/run/executor.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace stratus::editor {

class JsonEditor;
class WorkspaceDocument;

class TestEventDialog : public QDialog
{
    Q_OBJECT
public:
    /// Called on the dialog's thread when the sent event's run has ended.
    using RunEnded = std::function<void(const engine::run::RunOutcome &outcome)>;
    /// Sends an event; returns why it could not be sent.
    using Sender = std::function<engine::Status(const engine::Json &event, RunEnded ended)>;

    TestEventDialog(WorkspaceDocument *document, engine::WorkflowId workflow, engine::NodeId node, Sender send,
                    QWidget *parent = nullptr);

    JsonEditor *editor() const { return m_editor; }
    QComboBox *savedEvents() const { return m_saved; }
    bool hasRequestForm() const { return m_form != nullptr; }
    /// Chooses a saved event by name (false: none of that name).
    bool selectSaved(const QString &name);
    /// Sends what the editor holds; false (with the reason shown) when it is not JSON or is refused.
    bool sendNow();
    /// Saves the editor's event under `name` (replacing one of that name), through the undo stack.
    bool saveAs(const QString &name);
    bool renameSelected(const QString &name);
    bool deleteSelected();
    /// Fills the request form (HTTP triggers) and so the JSON.
    void setRequest(const QString &method, const QString &path, const QString &query,
                    const std::vector<std::pair<QString, QString>> &headers, const QString &body);
    QLabel *message() const { return m_message; }
    /// What the last sent event's run answered: the HTTP answer for an HTTP
    /// trigger (as `stratus send` prints it), else its output or error.
    QPlainTextEdit *answer() const { return m_answer; }

private:
    void reloadSaved(const QString &select = {});
    std::optional<engine::TestEvent> selected() const;
    void showSaved();
    void fillForm(const QString &method, const QString &path, const QString &query,
                  const std::vector<std::pair<QString, QString>> &headers, const QString &body);
    void formToJson();
    void jsonToForm();
    void say(const QString &text, bool error);
    void showAnswer(const engine::run::RunOutcome &outcome);

    WorkspaceDocument *m_document;
    engine::WorkflowId m_workflow;
    engine::NodeId m_node;
    Sender m_send;
    QComboBox *m_saved;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_form = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_query = nullptr;
    QTableWidget *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    JsonEditor *m_editor;
    QLabel *m_message;
    QPlainTextEdit *m_answer;
    int m_sent = 0; // sends so far: only the last one's answer is shown
    bool m_syncing = false;
};

} // namespace stratus::editor
