#include "testeventdialog.h"

#include "jsoneditor.h"

#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"
#include "engine/model/text.h"
#include "engine/run/workspaceserver.h"

#include "engine/model/nodekind.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

/// A run's error {"Error", "Cause"} with its Cause read as JSON where it is
/// (a function's error: {"errorType", "errorMessage", "trace"}).
Json readableError(const Json &error)
{
    Json shown = error;
    if (error.contains("Cause") && error["Cause"].is_string()) {
        const Json cause = Json::parse(error["Cause"].get<std::string>(), nullptr, false);
        if (cause.is_object())
            shown["Cause"] = cause;
    }
    return shown;
}

/// "Error: kaboom": the error's type and the function's message.
std::string errorSummary(const Json &error)
{
    const Json shown = readableError(error);
    std::string summary = shown.value("Error", std::string("error"));
    if (shown.contains("Cause")) {
        const Json &cause = shown["Cause"];
        if (cause.is_object() && cause.contains("errorMessage") && cause["errorMessage"].is_string())
            summary += ": " + cause["errorMessage"].get<std::string>();
        else if (cause.is_string() && !cause.get<std::string>().empty())
            summary += ": " + cause.get<std::string>();
    }
    return summary;
}

} // namespace

TestEventDialog::TestEventDialog(WorkspaceDocument *document, WorkflowId workflow, NodeId node, Sender send,
                                 QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_node(std::move(node))
    , m_send(std::move(send))
    , m_saved(new QComboBox(this))
    , m_rename(new QPushButton(tr("Rename…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_editor(new JsonEditor(this))
    , m_message(new QLabel(this))
    , m_answer(new QPlainTextEdit(this))
{
    const Workflow *w = document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_node) : nullptr;
    const std::string kind = n ? n->kind : std::string();
    setWindowTitle(tr("Send Test Event — %1").arg(n ? qs(n->name) : qs(m_node.str())));
    resize(640, 560);

    auto *layout = new QVBoxLayout(this);
    auto *savedRow = new QHBoxLayout;
    savedRow->addWidget(new QLabel(tr("Saved event:"), this));
    m_saved->setAccessibleName(tr("Saved test events"));
    savedRow->addWidget(m_saved, 1);
    auto *save = new QPushButton(tr("Save As…"), this);
    savedRow->addWidget(save);
    savedRow->addWidget(m_rename);
    savedRow->addWidget(m_delete);
    layout->addLayout(savedRow);

    if (kind == kinds::kHttpTrigger) {
        // The request form and the JSON it makes, two views of one request.
        const Json config = NodeKindRegistry::instance().effectiveConfig(*n);
        m_tabs = new QTabWidget(this);
        m_form = new QWidget(m_tabs);
        auto *form = new QFormLayout(m_form);
        m_method = new QComboBox(m_form);
        m_method->setEditable(true);
        m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                            QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                            QStringLiteral("OPTIONS")});
        m_path = new QLineEdit(m_form);
        m_path->setPlaceholderText(qs(config.value("path", std::string("/"))));
        m_query = new QLineEdit(m_form);
        m_query->setPlaceholderText(QStringLiteral("name=value&other=2"));
        m_headers = new QTableWidget(0, 2, m_form);
        m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
        m_headers->horizontalHeader()->setStretchLastSection(true);
        m_headers->verticalHeader()->hide();
        auto *addHeader = new QPushButton(tr("Add Header"), m_form);
        m_body = new QPlainTextEdit(m_form);
        form->addRow(tr("Method"), m_method);
        form->addRow(tr("Path"), m_path);
        form->addRow(tr("Query"), m_query);
        form->addRow(tr("Headers"), m_headers);
        form->addRow(QString(), addHeader);
        form->addRow(tr("Body"), m_body);
        m_tabs->addTab(m_form, tr("Request"));
        m_tabs->addTab(m_editor, tr("JSON"));
        layout->addWidget(m_tabs, 1);
        connect(addHeader, &QPushButton::clicked, this, [this] { m_headers->insertRow(m_headers->rowCount()); });
        connect(m_method, &QComboBox::currentTextChanged, this, &TestEventDialog::formToJson);
        for (QLineEdit *e : {m_path, m_query})
            connect(e, &QLineEdit::textChanged, this, &TestEventDialog::formToJson);
        connect(m_headers, &QTableWidget::cellChanged, this, &TestEventDialog::formToJson);
        connect(m_body, &QPlainTextEdit::textChanged, this, &TestEventDialog::formToJson);
        connect(m_editor, &JsonEditor::edited, this, &TestEventDialog::jsonToForm);
        const std::string method = config.value("method", std::string("GET"));
        setRequest(qs(method == "ANY" ? std::string("GET") : method), qs(config.value("path", std::string("/"))), {},
                   {}, {});
    } else {
        layout->addWidget(m_editor, 1);
        m_editor->setValue(kind == kinds::kManualTrigger ? NodeKindRegistry::instance().effectiveConfig(*n).value(
                                                               "event", Json::object())
                                                         : Json::object());
    }
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_answer->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_answer->setMaximumHeight(150);
    m_answer->setPlaceholderText(kind == kinds::kHttpTrigger ? tr("The HTTP answer shows here when the run ends.")
                                                             : tr("The run's output shows here when it ends."));
    m_answer->setAccessibleName(tr("Answer"));
    layout->addWidget(m_answer);

    auto *buttons = new QDialogButtonBox(this);
    auto *sendButton =
        buttons->addButton(tr("Send  (%1)").arg(keyText(QKeySequence(Qt::CTRL | Qt::Key_Return))),
                           QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(sendButton, &QPushButton::clicked, this, &TestEventDialog::sendNow);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, &TestEventDialog::sendNow);
    }
    connect(m_editor, &JsonEditor::edited, sendButton, &QPushButton::setEnabled);

    connect(save, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Test Event"), tr("Name:"), QLineEdit::Normal,
                                                   m_saved->currentIndex() > 0 ? m_saved->currentText() : QString(), &ok);
        if (ok)
            saveAs(name);
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename Test Event"), tr("New name:"), QLineEdit::Normal,
                                                   m_saved->currentText(), &ok);
        if (ok)
            renameSelected(name);
    });
    connect(m_delete, &QPushButton::clicked, this, &TestEventDialog::deleteSelected);
    connect(m_saved, &QComboBox::currentIndexChanged, this, &TestEventDialog::showSaved);
    // Undo and redo of the document change the list too.
    connect(document, &WorkspaceDocument::testEventsChanged, this, [this](const WorkflowId &workflow, const NodeId &node) {
        if (workflow == m_workflow && node == m_node)
            reloadSaved(m_saved->currentText());
    });
    reloadSaved();
    if (m_saved->count() > 1)
        m_saved->setCurrentIndex(1); // the first saved event, rather than an empty one
}

void TestEventDialog::say(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
}

void TestEventDialog::reloadSaved(const QString &select)
{
    const QSignalBlocker block(m_saved);
    m_saved->clear();
    m_saved->addItem(tr("(unsaved)"));
    for (const TestEvent &e : m_document->testEventsOf(m_workflow, m_node))
        m_saved->addItem(qs(e.name));
    const int at = select.isEmpty() ? 0 : m_saved->findText(select);
    m_saved->setCurrentIndex(std::max(0, at));
    m_rename->setEnabled(m_saved->currentIndex() > 0);
    m_delete->setEnabled(m_saved->currentIndex() > 0);
}

std::optional<TestEvent> TestEventDialog::selected() const
{
    if (m_saved->currentIndex() <= 0)
        return std::nullopt;
    for (const TestEvent &e : m_document->testEventsOf(m_workflow, m_node)) {
        if (qs(e.name) == m_saved->currentText())
            return e;
    }
    return std::nullopt;
}

void TestEventDialog::showSaved()
{
    m_rename->setEnabled(m_saved->currentIndex() > 0);
    m_delete->setEnabled(m_saved->currentIndex() > 0);
    if (const auto event = selected())
        m_editor->setValue(event->event);
}

bool TestEventDialog::selectSaved(const QString &name)
{
    const int at = m_saved->findText(name);
    if (at <= 0)
        return false;
    m_saved->setCurrentIndex(at);
    return true;
}

bool TestEventDialog::saveAs(const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (name.isEmpty()) {
        say(tr("A saved event needs a name."), true);
        return false;
    }
    auto event = m_editor->value();
    if (!event) {
        say(tr("Not saved: the event is not JSON (%1).").arg(qs(event.status().message())), true);
        return false;
    }
    std::optional<TestEvent> before;
    for (const TestEvent &e : m_document->testEventsOf(m_workflow, m_node)) {
        if (qs(e.name) == name)
            before = e;
    }
    const TestEvent after{m_workflow, m_node, name.toStdString(), event.take()};
    m_document->undoStack()->push(new TestEventCommand(m_document, before, after, tr("Save test event %1").arg(name)));
    reloadSaved(name);
    say(tr("Saved as “%1”.").arg(name), false);
    return true;
}

bool TestEventDialog::renameSelected(const QString &rawName)
{
    const QString name = rawName.trimmed();
    const auto before = selected();
    if (!before || name.isEmpty())
        return false;
    if (m_saved->findText(name) > 0 && name != qs(before->name)) {
        say(tr("There is already a saved event named “%1”.").arg(name), true);
        return false;
    }
    TestEvent after = *before;
    after.name = name.toStdString();
    m_document->undoStack()->push(new TestEventCommand(m_document, before, after,
                                                       tr("Rename test event %1 to %2").arg(qs(before->name), name)));
    reloadSaved(name);
    return true;
}

bool TestEventDialog::deleteSelected()
{
    const auto before = selected();
    if (!before)
        return false;
    m_document->undoStack()->push(
        new TestEventCommand(m_document, before, std::nullopt, tr("Delete test event %1").arg(qs(before->name))));
    reloadSaved();
    say(tr("Deleted “%1” (%2 brings it back).").arg(qs(before->name), keyText(QKeySequence::Undo)), false);
    return true;
}

bool TestEventDialog::sendNow()
{
    auto event = m_editor->value();
    if (!event) {
        say(tr("Not sent: the event is not JSON (%1).").arg(qs(event.status().message())), true);
        return false;
    }
    const int sent = ++m_sent;
    QPointer<TestEventDialog> alive(this);
    auto ended = [alive, sent](const run::RunOutcome &outcome) {
        // The dialog may be closed by then, or a later send be the one shown.
        if (alive && alive->m_sent == sent)
            alive->showAnswer(outcome);
    };
    if (Status s = m_send(*event, ended); !s) {
        say(tr("Not sent: %1").arg(qs(s.message())), true);
        return false;
    }
    m_answer->clear();
    say(tr("Sent; waiting for the run to end. Its invocations show in the Invocations panel."), false);
    return true;
}

void TestEventDialog::showAnswer(const run::RunOutcome &outcome)
{
    const double ms = double(outcome.entry.finishedAtUs - outcome.entry.startedAtUs) / 1000.0;
    const Workflow *w = m_document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_node) : nullptr;
    QString text;
    if (n && n->kind == kinds::kHttpTrigger) {
        const http::Response answer = run::WorkspaceServer::httpAnswer(*n, outcome);
        text = QStringLiteral("HTTP %1\n").arg(answer.status);
        for (const auto &[name, value] : answer.headers)
            text += qs(name) + QStringLiteral(": ") + qs(value) + QLatin1Char('\n');
        // A JSON body indented, as a reader wants it; any other as it came.
        const Json body = Json::parse(answer.body, nullptr, false);
        text += QLatin1Char('\n') + qs(body.is_structured() ? body.dump(2) : printable(answer.body));
    } else if (!outcome.ok()) {
        text = qs(readableError(outcome.error).dump(2));
    } else if (outcome.output) {
        text = qs(outcome.output->dump(2));
    }
    m_answer->setPlainText(text);
    const QString duration = QLocale().toString(ms, 'f', 2);
    if (outcome.ok())
        say(tr("The run ended ok in %1 ms.").arg(duration), false);
    else
        say(tr("The run failed after %1 ms: %2").arg(duration, qs(errorSummary(outcome.error))), true);
}

void TestEventDialog::setRequest(const QString &method, const QString &path, const QString &query,
                                 const std::vector<std::pair<QString, QString>> &headers, const QString &body)
{
    if (!m_form)
        return;
    fillForm(method, path, query, headers, body);
    formToJson();
}

void TestEventDialog::fillForm(const QString &method, const QString &path, const QString &query,
                               const std::vector<std::pair<QString, QString>> &headers, const QString &body)
{
    m_syncing = true;
    m_method->setCurrentText(method);
    m_path->setText(path);
    m_query->setText(query);
    m_headers->setRowCount(0);
    for (const auto &[name, value] : headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        m_headers->setItem(row, 1, new QTableWidgetItem(value));
    }
    m_body->setPlainText(body);
    m_syncing = false;
}

void TestEventDialog::formToJson()
{
    if (m_syncing || !m_form)
        return;
    Json request = {{"method", m_method->currentText().toStdString()},
                    {"path", (m_path->text().isEmpty() ? m_path->placeholderText() : m_path->text()).toStdString()}};
    if (!m_query->text().isEmpty())
        request["query"] = m_query->text().toStdString();
    Json headers = Json::object();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            headers[name->text().trimmed().toStdString()] = value ? value->text().toStdString() : std::string();
    }
    if (!headers.empty())
        request["headers"] = headers;
    if (!m_body->toPlainText().isEmpty())
        request["body"] = m_body->toPlainText().toStdString();
    m_syncing = true;
    m_editor->setValue(request);
    m_syncing = false;
}

void TestEventDialog::jsonToForm()
{
    if (m_syncing || !m_form)
        return;
    const auto value = m_editor->value();
    // A full 2.0 event or anything that is not a description stays JSON only.
    if (!value || !value->is_object() || value->contains("requestContext") || value->contains("routeKey"))
        return;
    const Json &d = value.value();
    auto text = [&](const char *key) {
        return d.contains(key) && d[key].is_string() ? qs(d[key].get<std::string>()) : QString();
    };
    std::vector<std::pair<QString, QString>> headers;
    if (d.contains("headers") && d["headers"].is_object()) {
        for (auto it = d["headers"].begin(); it != d["headers"].end(); ++it)
            headers.emplace_back(qs(it.key()), it->is_string() ? qs(it->get<std::string>()) : qs(it->dump()));
    }
    const QString body = d.contains("body") ? (d["body"].is_string() ? text("body") : qs(d["body"].dump())) : QString();
    fillForm(text("method"), text("path"), text("query"), headers, body);
}

} // namespace stratus::editor
