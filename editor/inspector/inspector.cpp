#include "inspector.h"

#include "structurededitor.h"

#include "editor/code/codeview.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/problemtext.h"
#include "editor/qstrings.h"

#include "engine/model/handler.h"
#include "engine/model/nodekind.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <set>
#include <map>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

constexpr int kPathRole = Qt::UserRole + 1;

bool isStructured(FieldType type)
{
    switch (type) {
    case FieldType::StringMap:
    case FieldType::StringSet:
    case FieldType::ResourceNames:
    case FieldType::Json:
    case FieldType::JsonObject:
    case FieldType::Cors:
    case FieldType::ChoiceRules:
        return true;
    default:
        return false;
    }
}

/// Does a problem's field ("memoryMB", "environment.FOO", "rules[2].port") belong to `field`?
bool belongsTo(const std::string &problemField, const std::string &field)
{
    if (problemField == field)
        return true;
    return problemField.size() > field.size() && problemField.compare(0, field.size(), field) == 0
           && (problemField[field.size()] == '.' || problemField[field.size()] == '[');
}

} // namespace

Inspector::Inspector(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_sendEvent(
          new QPushButton(tr("Send Test Event…  (%1)").arg(keyText(QKeySequence(Qt::CTRL | Qt::Key_Return))), this))
    , m_form(new QWidget(this))
    , m_layout(new QFormLayout(m_form))
    , m_codePane(new QWidget(this))
    , m_codeHint(new QLabel(tr("Select a function to edit its code."), m_codePane))
    , m_filesBox(new QWidget(m_codePane))
    , m_files(new QListWidget(m_filesBox))
    , m_addFile(new QPushButton(tr("Add…"), m_filesBox))
    , m_renameFile(new QPushButton(tr("Rename…"), m_filesBox))
    , m_deleteFile(new QPushButton(tr("Delete"), m_filesBox))
    , m_find(new QLineEdit(m_filesBox))
    , m_replace(new QLineEdit(m_filesBox))
    , m_code(new CodeView(m_filesBox))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Node configuration"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);

    m_files->setAccessibleName(tr("Function files"));
    m_find->setAccessibleName(tr("Find in code"));
    m_replace->setAccessibleName(tr("Replace with"));
    m_code->setAccessibleName(tr("Code"));
    m_files->setMaximumHeight(90);
    m_files->setToolTip(tr("The function's source files; ★ marks the handler's file"));
    m_find->setPlaceholderText(tr("Find (Enter: next)"));
    m_replace->setPlaceholderText(tr("Replace with (Enter: replace and find next)"));
    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(m_addFile);
    fileButtons->addWidget(m_renameFile);
    fileButtons->addWidget(m_deleteFile);
    fileButtons->addStretch();
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find);
    findRow->addWidget(m_replace);
    auto *filesLayout = new QVBoxLayout(m_filesBox);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->addWidget(m_files);
    filesLayout->addLayout(fileButtons);
    filesLayout->addLayout(findRow);
    filesLayout->addWidget(m_code, 1);

    auto *codeLayout = new QVBoxLayout(m_codePane);
    m_codeHint->setAlignment(Qt::AlignCenter);
    m_codeHint->setWordWrap(true); // a long translation must not widen the column
    m_codeHint->setEnabled(false);
    codeLayout->addWidget(m_codeHint, 1);
    codeLayout->addWidget(m_filesBox, 1);
    // Until the main window docks it, the pane stays out of the way.
    m_codePane->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    m_sendEvent->setToolTip(tr("Send a saved or edited event to this node on the running workspace"));
    m_sendEvent->hide();
    layout->addWidget(m_sendEvent, 0, Qt::AlignLeft);
    connect(m_sendEvent, &QPushButton::clicked, this, [this] { Q_EMIT sendTestEventRequested(m_workflow, m_node); });
    layout->addWidget(scroll, 1);

    connect(m_files, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && !m_updating)
            openFile(item->data(kPathRole).toString());
    });
    connect(m_addFile, &QPushButton::clicked, this, [this] {
        const QString path = QInputDialog::getText(this, tr("Add File"), tr("Path of the new file (e.g. lib/util.mjs):"));
        if (!path.isEmpty())
            addFile(path);
    });
    connect(m_renameFile, &QPushButton::clicked, this, [this] {
        if (m_currentFile.isEmpty())
            return;
        const QString path = QInputDialog::getText(this, tr("Rename File"), tr("New path:"), QLineEdit::Normal, m_currentFile);
        if (!path.isEmpty() && path != m_currentFile)
            renameFile(m_currentFile, path);
    });
    connect(m_deleteFile, &QPushButton::clicked, this, [this] {
        if (!m_currentFile.isEmpty())
            deleteFile(m_currentFile);
    });
    connect(m_code, &QsciScintilla::textChanged, this, [this] {
        if (!m_updating)
            commitFileText();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (!m_code->findFirst(m_find->text(), false, false, false, true))
            Q_EMIT statusMessage(tr("'%1' not found").arg(m_find->text()));
    });
    connect(m_replace, &QLineEdit::returnPressed, this, [this] {
        if (m_code->hasSelectedText() && m_code->selectedText() == m_find->text())
            m_code->replace(m_replace->text());
        m_code->findFirst(m_find->text(), false, false, false, true);
    });
    showNode(nullptr, {}, {});
}

const Node *Inspector::node() const
{
    if (!m_document)
        return nullptr;
    const Workflow *w = m_document->workflow(m_workflow);
    return w ? w->findNode(m_node) : nullptr;
}

Json Inspector::files() const
{
    const Node *n = node();
    if (!n)
        return Json::object();
    auto it = n->config.find("files");
    return it != n->config.end() && it->is_object() ? *it : Json::object();
}

void Inspector::showNode(WorkspaceDocument *document, const WorkflowId &workflow, const NodeId &nodeId)
{
    for (const auto &c : m_documentConnections)
        disconnect(c);
    m_documentConnections.clear();
    m_document = document;
    m_workflow = workflow;
    m_node = nodeId;
    m_currentFile.clear();
    if (m_document) {
        m_documentConnections.push_back(connect(
            m_document, &WorkspaceDocument::nodeChanged, this,
            [this](const WorkflowId &w, const NodeId &n, NodeAspects aspects) {
                // Where a node sits is not the inspector's concern.
                if (w == m_workflow && n == m_node && (aspects & ~NodeAspects(NodeAspect::Position)))
                    refreshValues();
                if (w == m_workflow && n == m_node && (aspects & NodeAspect::Name))
                    refreshTitle();
            }));
        m_documentConnections.push_back(connect(m_document, &WorkspaceDocument::nodeAboutToBeRemoved, this,
                                                [this](const WorkflowId &w, const NodeId &n) {
                                                    if (w == m_workflow && n == m_node)
                                                        showNode(m_document, m_workflow, {});
                                                }));
        m_documentConnections.push_back(connect(m_document, &WorkspaceDocument::problemsChanged, this,
                                                &Inspector::refreshProblems));
    }
    rebuild();
}

void Inspector::refreshTitle()
{
    const Node *n = node();
    if (!n)
        return;
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(n->kind);
    m_title->setText(tr("<b>%1</b> — %2<br><small>%3</small>")
                         .arg(qs(n->name).toHtmlEscaped(), (spec ? kindText(spec->label) : qs(n->kind)).toHtmlEscaped(),
                              (spec ? kindText(spec->description) : tr("This kind is unknown to Stratus."))
                                  .toHtmlEscaped()));
}

void Inspector::rebuild()
{
    m_updating = true;
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_problemLabels.clear();
    const Node *n = node();
    if (!n) {
        m_title->setText(tr("Select a node to see its configuration."));
        m_sendEvent->hide();
        m_filesBox->hide();
        m_codeHint->show();
        m_code->showFile(QString(), QString());
        m_updating = false;
        return;
    }
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(n->kind);
    m_sendEvent->setVisible(n->kind == kinds::kFunction || n->kind.starts_with(kinds::kTriggerPrefix));
    refreshTitle();

    auto addRow = [&](const QString &field, const QString &label, QWidget *editor, const QString &tip) {
        auto *box = new QWidget(m_form);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        v->addWidget(editor);
        auto *problem = new QLabel(box);
        problem->setWordWrap(true);
        problem->setStyleSheet(QStringLiteral("color: #c62828;"));
        problem->hide();
        v->addWidget(problem);
        auto *labelWidget = new QLabel(label, m_form);
        labelWidget->setToolTip(tip);
        labelWidget->setBuddy(editor);
        editor->setToolTip(tip);
        // Read by screen readers: the label without its "required" star.
        editor->setAccessibleName(QString(label).remove(QStringLiteral(" *")));
        editor->setAccessibleDescription(tip);
        m_layout->addRow(labelWidget, box);
        m_editors[field] = editor;
        m_problemLabels[field] = problem;
    };

    auto *name = new QLineEdit(m_form);
    connect(name, &QLineEdit::textEdited, this, [this](const QString &text) { commitName(text); });
    addRow(QStringLiteral("name"), tr("Name"), name, tr("The node's name (for resources and functions, their name on AWS)"));

    if (spec) {
        for (const FieldSpec &f : spec->fields) {
            if (f.type == FieldType::Files)
                continue;
            const std::string key = f.name;
            QWidget *editor = nullptr;
            switch (f.type) {
            case FieldType::Enum: {
                auto *combo = new QComboBox(m_form);
                for (const std::string &c : f.choices)
                    combo->addItem(qs(c));
                connect(combo, &QComboBox::currentTextChanged, this, [this, key](const QString &text) {
                    commitField(key, text.toStdString());
                });
                editor = combo;
                break;
            }
            case FieldType::Integer: {
                auto *spin = new QSpinBox(m_form);
                spin->setRange(int(std::max<long long>(f.minimum.value_or(INT_MIN), INT_MIN)),
                               int(std::min<long long>(f.maximum.value_or(INT_MAX), INT_MAX)));
                spin->setKeyboardTracking(false);
                connect(spin, &QSpinBox::valueChanged, this, [this, key](int value) { commitField(key, value); });
                editor = spin;
                break;
            }
            case FieldType::Boolean: {
                auto *check = new QCheckBox(m_form);
                connect(check, &QCheckBox::toggled, this, [this, key](bool on) { commitField(key, on); });
                editor = check;
                break;
            }
            default:
                if (isStructured(f.type)) {
                    FieldSpec spec = f;
                    if (f.type == FieldType::ResourceNames) {
                        // The names to tick: the workspace's queues, buckets and tables now.
                        std::set<std::string> names;
                        for (const Workflow &wf : m_document->workspace().workflows) {
                            for (const Node &other : wf.nodes()) {
                                if (kinds::isResource(other.kind) && !other.name.empty())
                                    names.insert(other.name);
                            }
                        }
                        spec.choices.assign(names.begin(), names.end());
                    }
                    auto *structured = new StructuredEditor(spec, m_code->font(), m_form);
                    connect(structured, &StructuredEditor::edited, this,
                            [this, key](const Json &value, const QString &typingIn) {
                                commitField(key, value, typingIn.isEmpty() ? QString() : QLatin1Char('.') + typingIn);
                            });
                    connect(structured, &StructuredEditor::formProblem, this, [this, key](const QString &problem) {
                        m_problemLabels[qs(key)]->setText(problem);
                        m_problemLabels[qs(key)]->show();
                    });
                    connect(structured, &StructuredEditor::jsonInvalid, this, [this, key] {
                        m_problemLabels[qs(key)]->setText(tr("Not valid JSON yet: the field keeps its last valid value."));
                        m_problemLabels[qs(key)]->show();
                    });
                    editor = structured;
                } else {
                    auto *line = new QLineEdit(m_form);
                    connect(line, &QLineEdit::textEdited, this, [this, key](const QString &text) {
                        commitField(key, text.toStdString());
                    });
                    editor = line;
                }
            }
            // The field's name as written in the workspace JSON comes first:
            // it is what a user searches docs/workspace-json.md for.
            QString tip = QStringLiteral("%1: %2").arg(qs(key), kindText(f.description));
            if (!f.defaultValue.is_null())
                tip += tr("\nDefault: %1").arg(qs(f.defaultValue.dump()));
            if (f.minimum || f.maximum)
                tip += tr("\nRange: %1 to %2").arg(f.minimum ? QString::number(*f.minimum) : QStringLiteral("…"),
                                                   f.maximum ? QString::number(*f.maximum) : QStringLiteral("…"));
            const QString label = fieldLabel(qs(key));
            addRow(qs(key), f.required ? label + QStringLiteral(" *") : label, editor, tip);
        }
    }
    const bool hasFiles = spec && spec->field("files");
    m_filesBox->setVisible(hasFiles);
    m_codeHint->setVisible(!hasFiles);
    m_updating = false;
    refreshValues();
    if (hasFiles) {
        // Open the handler's file first.
        const QListWidgetItem *handler = nullptr;
        for (int i = 0; i < m_files->count(); ++i) {
            if (m_files->item(i)->text().startsWith(QStringLiteral("★")))
                handler = m_files->item(i);
        }
        if (!handler && m_files->count() > 0)
            handler = m_files->item(0);
        if (handler)
            openFile(handler->data(kPathRole).toString());
    } else {
        m_code->showFile(QString(), QString());
    }
    refreshProblems();
}

void Inspector::refreshValues()
{
    const Node *n = node();
    if (!n)
        return;
    m_updating = true;
    const Json config = NodeKindRegistry::instance().effectiveConfig(*n);
    for (const auto &[field, editor] : m_editors) {
        const std::string key = field.toStdString();
        if (field == QLatin1String("name")) {
            auto *line = static_cast<QLineEdit *>(editor);
            if (line->text() != qs(n->name))
                line->setText(qs(n->name));
            continue;
        }
        const Json value = config.contains(key) ? config[key] : Json();
        const bool explicitValue = n->config.contains(key);
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            combo->setCurrentText(value.is_string() ? qs(value.get<std::string>()) : QString());
        } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
            if (value.is_number_integer())
                spin->setValue(int(value.get<long long>()));
            spin->setSuffix(explicitValue ? QString() : tr(" (default)"));
        } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
            check->setChecked(value.is_boolean() && value.get<bool>());
        } else if (auto *structured = qobject_cast<StructuredEditor *>(editor)) {
            structured->setValue(value);
        } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            const QString shown = value.is_string() ? qs(value.get<std::string>())
                                  : value.is_null() ? QString()
                                                    : qs(value.dump());
            if (explicitValue && line->text() != shown)
                line->setText(shown);
            else if (!explicitValue) {
                line->clear();
                line->setPlaceholderText(shown);
            }
        }
    }
    m_updating = false;
    refreshFiles();
}

void Inspector::refreshFiles()
{
    const Node *n = node();
    if (!n || m_filesBox->isHidden())
        return;
    m_updating = true;
    const Json config = NodeKindRegistry::instance().effectiveConfig(*n);
    std::vector<std::string> handlerFiles;
    if (config.contains("runtime") && config.contains("handler") && config["runtime"].is_string()
        && config["handler"].is_string()) {
        if (auto ref = parseHandler(config["runtime"].get<std::string>(), config["handler"].get<std::string>()))
            handlerFiles = ref->candidateFiles;
    }
    const Json all = files();
    m_files->clear();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const bool isHandler = std::find(handlerFiles.begin(), handlerFiles.end(), it.key()) != handlerFiles.end();
        auto *item = new QListWidgetItem(isHandler ? QStringLiteral("★ ") + qs(it.key()) : qs(it.key()), m_files);
        item->setData(kPathRole, qs(it.key()));
        if (isHandler)
            item->setToolTip(tr("The handler's file"));
        if (qs(it.key()) == m_currentFile)
            m_files->setCurrentItem(item);
    }
    // Undo or redo changed the open file's text: show it.
    auto open = all.find(m_currentFile.toStdString());
    if (open != all.end() && open->is_string() && m_code->text() != qs(open->get<std::string>())) {
        int line = 0, index = 0;
        m_code->getCursorPosition(&line, &index);
        m_code->showFile(m_currentFile, qs(open->get<std::string>()));
        m_code->setCursorPosition(line, index);
    } else if (open == all.end() && !m_currentFile.isEmpty()) {
        m_currentFile.clear();
        m_code->showFile(QString(), QString());
    }
    m_deleteFile->setEnabled(!m_currentFile.isEmpty());
    m_renameFile->setEnabled(!m_currentFile.isEmpty());
    m_updating = false;
}

void Inspector::refreshProblems()
{
    std::map<QString, QStringList> byField;
    if (m_document && node()) {
        for (const Problem &p : m_document->problems()) {
            if (p.workflow != m_workflow || p.node != m_node)
                continue;
            for (const auto &[field, label] : m_problemLabels) {
                if (belongsTo(p.field, field.toStdString()) || (p.field.empty() && field == QLatin1String("name")))
                    byField[field] << editor::problemText(p);
            }
        }
    }
    for (const auto &[field, label] : m_problemLabels) {
        const QStringList messages = byField[field];
        label->setText(messages.join(QLatin1Char('\n')));
        label->setVisible(!messages.isEmpty());
    }
}

QWidget *Inspector::editorFor(const QString &field) const
{
    auto it = m_editors.find(field);
    return it == m_editors.end() ? nullptr : it->second;
}

QString Inspector::fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("method"), QT_TR_NOOP("Method")},
        {QStringLiteral("path"), QT_TR_NOOP("Path")},
        {QStringLiteral("cors"), QT_TR_NOOP("CORS")},
        {QStringLiteral("payloadFormat"), QT_TR_NOOP("Payload format")},
        {QStringLiteral("expression"), QT_TR_NOOP("Schedule expression")},
        {QStringLiteral("timezone"), QT_TR_NOOP("Time zone")},
        {QStringLiteral("enabled"), QT_TR_NOOP("Enabled")},
        {QStringLiteral("detail"), QT_TR_NOOP("Detail (JSON)")},
        {QStringLiteral("event"), QT_TR_NOOP("Event (JSON)")},
        {QStringLiteral("runtime"), QT_TR_NOOP("Runtime")},
        {QStringLiteral("handler"), QT_TR_NOOP("Handler")},
        {QStringLiteral("memoryMB"), QT_TR_NOOP("Memory (MB)")},
        {QStringLiteral("timeoutS"), QT_TR_NOOP("Timeout (s)")},
        {QStringLiteral("architecture"), QT_TR_NOOP("Architecture")},
        {QStringLiteral("concurrency"), QT_TR_NOOP("Reserved concurrency")},
        {QStringLiteral("retries"), QT_TR_NOOP("Async retries")},
        {QStringLiteral("environment"), QT_TR_NOOP("Environment variables")},
        {QStringLiteral("description"), QT_TR_NOOP("Description")},
        {QStringLiteral("uses"), QT_TR_NOOP("Uses (AWS SDK)")},
        {QStringLiteral("rules"), QT_TR_NOOP("Rules")},
        {QStringLiteral("batchSize"), QT_TR_NOOP("Batch size")},
        {QStringLiteral("batchWindowS"), QT_TR_NOOP("Batch window (s)")},
        {QStringLiteral("visibilityTimeoutS"), QT_TR_NOOP("Visibility timeout (s)")},
        {QStringLiteral("maxReceiveCount"), QT_TR_NOOP("Max receives")},
        {QStringLiteral("events"), QT_TR_NOOP("Events")},
        {QStringLiteral("prefix"), QT_TR_NOOP("Key prefix")},
        {QStringLiteral("suffix"), QT_TR_NOOP("Key suffix")},
        {QStringLiteral("folder"), QT_TR_NOOP("Folder")},
        {QStringLiteral("partitionKey"), QT_TR_NOOP("Partition key")},
        {QStringLiteral("sortKey"), QT_TR_NOOP("Sort key")},
        {QStringLiteral("streamBatchSize"), QT_TR_NOOP("Stream batch size")},
        {QStringLiteral("level"), QT_TR_NOOP("Level")},
    };
    const auto it = labels.constFind(field);
    return it == labels.constEnd() ? field : tr(*it);
}

QString Inspector::problemText(const QString &field) const
{
    auto it = m_problemLabels.find(field);
    return it == m_problemLabels.end() || it->second->isHidden() ? QString() : it->second->text();
}

void Inspector::focusField(const QString &field)
{
    std::string key = field.toStdString();
    // "environment.FOO" and "rules[1]" live in their field's editor.
    key = key.substr(0, key.find_first_of(".["));
    if (QWidget *editor = editorFor(qs(key))) {
        editor->setFocus(Qt::OtherFocusReason);
    } else if (key == "files" && !m_filesBox->isHidden()) {
        Q_EMIT codePaneWanted();
        m_code->setFocus(Qt::OtherFocusReason);
    }
}

void Inspector::commitField(const std::string &field, const Json &value, const QString &mergeKey)
{
    const Node *n = node();
    if (m_updating || !n)
        return;
    if (n->config.contains(field) && n->config[field] == value)
        return;
    Node after = *n;
    // null is "not set": the field is removed and its default applies.
    if (value.is_null())
        after.config.erase(field);
    else
        after.config[field] = value;
    if (after.config == n->config)
        return;
    const QString text = tr("Set %1 of %2").arg(qs(field), qs(n->name));
    // Typing in the raw JSON passes through ports half written: only a
    // form's edit (a whole step) takes wires along.
    Rewiring rewired;
    if (mergeKey.isEmpty() && n->kind == kinds::kChoice && field == "rules")
        rewired = wiresOfChangedPorts(*n, after);
    if (rewired.empty()) {
        m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after, text,
                                                            mergeKey.isEmpty() ? QString() : qs("field:" + field) + mergeKey));
        return;
    }
    // A rule's port renamed or removed: its wires follow (or go) in the same step.
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(text);
    stack->push(new ChangeNodeCommand(m_document, m_workflow, *n, after, text));
    std::vector<EdgeId> gone;
    std::vector<Edge> moved;
    for (const auto &[before, renamed] : rewired) {
        gone.push_back(before.id);
        if (renamed)
            moved.push_back(*renamed);
    }
    stack->push(new RemoveItemsCommand(m_document, m_workflow, {}, gone, text));
    if (!moved.empty())
        stack->push(new AddItemsCommand(m_document, m_workflow, {}, moved, text));
    stack->endMacro();
}

Inspector::Rewiring Inspector::wiresOfChangedPorts(const Node &before, const Node &after) const
{
    const auto portsOf = [](const Node &n) {
        std::vector<std::string> ports;
        const Json rules = n.config.value("rules", Json::array());
        if (rules.is_array())
            for (const Json &rule : rules)
                ports.push_back(rule.is_object() && rule.contains("port") && rule["port"].is_string()
                                    ? rule["port"].get<std::string>()
                                    : std::string());
        return ports;
    };
    const std::vector<std::string> oldPorts = portsOf(before), newPorts = portsOf(after);
    // The same number of rules: a port that differs at its place was renamed.
    // Fewer: the ports no longer there went with their rules.
    std::map<std::string, std::optional<std::string>> changed;
    if (oldPorts.size() == newPorts.size()) {
        for (size_t i = 0; i < oldPorts.size(); ++i) {
            if (oldPorts[i] != newPorts[i] && !newPorts[i].empty())
                changed[oldPorts[i]] = newPorts[i];
        }
    } else if (oldPorts.size() > newPorts.size()) {
        for (const std::string &port : oldPorts) {
            if (std::find(newPorts.begin(), newPorts.end(), port) == newPorts.end())
                changed[port] = std::nullopt;
        }
    }
    Rewiring out;
    const Workflow *w = m_document->workflow(m_workflow);
    if (!w || changed.empty())
        return out;
    for (const Edge &e : w->edges()) {
        const auto it = changed.find(e.from.port);
        if (e.from.node != before.id || it == changed.end())
            continue;
        std::optional<Edge> renamed;
        if (it->second) {
            renamed = e;
            renamed->from.port = *it->second;
        }
        out.emplace_back(e, renamed);
    }
    return out;
}

void Inspector::commitName(const QString &name)
{
    const Node *n = node();
    if (m_updating || !n || name.toStdString() == n->name)
        return;
    Node after = *n;
    after.name = name.toStdString();
    m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after,
                                                        tr("Rename %1 to %2").arg(qs(n->name), name),
                                                        QStringLiteral("name")));
}

void Inspector::openFile(const QString &path)
{
    const Json all = files();
    auto it = all.find(path.toStdString());
    if (it == all.end() || !it->is_string())
        return;
    m_updating = true;
    m_currentFile = path;
    m_code->showFile(path, qs(it->get<std::string>()));
    for (int i = 0; i < m_files->count(); ++i) {
        if (m_files->item(i)->data(kPathRole).toString() == path)
            m_files->setCurrentRow(i);
    }
    m_deleteFile->setEnabled(true);
    m_renameFile->setEnabled(true);
    m_updating = false;
}

void Inspector::commitFileText()
{
    const Node *n = node();
    if (!n || m_currentFile.isEmpty())
        return;
    const std::string path = m_currentFile.toStdString();
    const std::string text = m_code->text().toStdString();
    Json all = files();
    if (all.contains(path) && all[path] == text)
        return;
    all[path] = text;
    Node after = *n;
    after.config["files"] = all;
    m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after,
                                                        tr("Edit %1").arg(m_currentFile),
                                                        QStringLiteral("file:") + m_currentFile));
}

namespace {

/// Why `path` cannot name a function file, or empty.
QString filePathProblem(const QString &path, const Json &existing)
{
    if (path.trimmed().isEmpty())
        return Inspector::tr("a file needs a path");
    if (path.startsWith(QLatin1Char('/')) || path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return Inspector::tr("'%1' must be a relative path inside the function (no leading / or ..)").arg(path);
    if (existing.contains(path.toStdString()))
        return Inspector::tr("the function already has a file '%1'").arg(path);
    return {};
}

} // namespace

bool Inspector::addFile(const QString &path)
{
    const Node *n = node();
    if (!n)
        return false;
    Json all = files();
    if (const QString problem = filePathProblem(path, all); !problem.isEmpty()) {
        Q_EMIT statusMessage(tr("Cannot add the file: %1").arg(problem));
        return false;
    }
    all[path.toStdString()] = "";
    Node after = *n;
    after.config["files"] = all;
    m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after, tr("Add file %1").arg(path)));
    openFile(path);
    return true;
}

bool Inspector::renameFile(const QString &from, const QString &to)
{
    const Node *n = node();
    const Json all = files();
    if (!n || !all.contains(from.toStdString()))
        return false;
    if (const QString problem = filePathProblem(to, all); !problem.isEmpty()) {
        Q_EMIT statusMessage(tr("Cannot rename the file: %1").arg(problem));
        return false;
    }
    // Same place in the list, new key.
    Json renamed = Json::object();
    for (auto it = all.begin(); it != all.end(); ++it)
        renamed[it.key() == from.toStdString() ? to.toStdString() : it.key()] = it.value();
    Node after = *n;
    after.config["files"] = renamed;
    m_document->undoStack()->push(
        new ChangeNodeCommand(m_document, m_workflow, *n, after, tr("Rename file %1 to %2").arg(from, to)));
    openFile(to);
    return true;
}

bool Inspector::deleteFile(const QString &path)
{
    const Node *n = node();
    Json all = files();
    if (!n || !all.contains(path.toStdString()))
        return false;
    if (all.size() == 1) {
        Q_EMIT statusMessage(tr("Cannot delete '%1': a function needs at least one file").arg(path));
        return false;
    }
    all.erase(path.toStdString());
    Node after = *n;
    after.config["files"] = all;
    m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after, tr("Delete file %1").arg(path)));
    if (!all.empty())
        openFile(qs(all.begin().key()));
    return true;
}

} // namespace stratus::editor
