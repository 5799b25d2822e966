#include "structurededitor.h"

#include "choiceruleseditor.h"
#include "editor/qstrings.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

// The CORS settings a form line edits as a comma-separated list.
constexpr const char *kCorsLists[] = {"allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders"};

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (const QString item = part.trimmed(); !item.isEmpty())
            items << item;
    }
    return items;
}

bool isStringList(const Json &value)
{
    if (!value.is_array())
        return false;
    for (const Json &item : value) {
        if (!item.is_string())
            return false;
    }
    return true;
}

QString joinList(const Json &list)
{
    QStringList items;
    for (const Json &item : list)
        items << qs(item.get<std::string>());
    return items.join(QStringLiteral(", "));
}

} // namespace

StructuredEditor::StructuredEditor(const FieldSpec &field, const QFont &codeFont, QWidget *parent)
    : QWidget(parent)
    , m_type(field.type)
    , m_pages(new QStackedWidget(this))
    , m_json(new QPlainTextEdit(this))
{
    m_json->setAccessibleName(tr("JSON"));
    switch (field.type) {
    case FieldType::StringMap:
        m_form = makeVariablesForm();
        break;
    case FieldType::Cors:
        m_form = makeCorsForm();
        break;
    case FieldType::StringSet:
    case FieldType::ResourceNames:
        m_form = makeChoicesForm(field.choices);
        break;
    case FieldType::ChoiceRules:
        m_rules = new ChoiceRulesEditor(this);
        connect(m_rules, &ChoiceRulesEditor::edited, this, [this] { formEdited(); });
        m_form = m_rules;
        break;
    default:
        break;
    }

    m_json->setTabChangesFocus(true);
    m_json->setFont(codeFont);
    m_json->setMinimumHeight(72);
    m_json->setMaximumHeight(m_form ? 16777215 : 110);
    m_json->setAccessibleName(tr("%1 as JSON").arg(qs(field.name)));
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (m_showing)
            return;
        const Json parsed = Json::parse(m_json->toPlainText().toStdString(), nullptr, false);
        if (parsed.is_discarded()) {
            Q_EMIT jsonInvalid();
            return;
        }
        Q_EMIT edited(parsed, QStringLiteral("json"));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (m_form) {
        m_pages->addWidget(m_form);
        m_toggle = new QToolButton(this);
        m_toggle->setText(tr("JSON"));
        m_toggle->setCheckable(true);
        m_toggle->setToolTip(tr("Edit %1 as raw JSON").arg(qs(field.name)));
        connect(m_toggle, &QToolButton::toggled, this, &StructuredEditor::setShowsJson);
        auto *top = new QHBoxLayout;
        top->addStretch();
        top->addWidget(m_toggle);
        layout->addLayout(top);
    }
    m_pages->addWidget(m_json);
    layout->addWidget(m_pages);
}

QWidget *StructuredEditor::makeVariablesForm()
{
    auto *form = new QWidget(this);
    m_variables = new QTableWidget(0, 2, form);
    m_variables->setAccessibleName(tr("Variables"));
    m_variables->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_variables->horizontalHeader()->setStretchLastSection(true);
    m_variables->verticalHeader()->hide();
    m_variables->setMinimumHeight(96);
    m_variables->setToolTip(tr("Environment variables: a name of letters, digits and _ starting with a letter"));
    auto *add = new QPushButton(tr("Add Variable"), form);
    auto *remove = new QPushButton(tr("Remove"), form);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_variables);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addVariableRow(QString(), QString());
        const int row = m_variables->rowCount() - 1;
        m_variables->setCurrentCell(row, 0);
        m_variables->editItem(m_variables->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (const int row = m_variables->currentRow(); row >= 0) {
            m_variables->removeRow(row);
            formEdited();
        }
    });
    connect(m_variables, &QTableWidget::cellChanged, this, [this] { formEdited(); });
    return form;
}

void StructuredEditor::addVariableRow(const QString &name, const QString &value)
{
    const bool was = m_showing;
    m_showing = true;
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    m_variables->setItem(row, 0, new QTableWidgetItem(name));
    m_variables->setItem(row, 1, new QTableWidgetItem(value));
    m_showing = was;
}

QWidget *StructuredEditor::makeCorsForm()
{
    auto *form = new QWidget(this);
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    const std::pair<const char *, QString> lists[] = {
        {kCorsLists[0], tr("Origins")}, {kCorsLists[1], tr("Methods")},
        {kCorsLists[2], tr("Request headers")}, {kCorsLists[3], tr("Exposed headers")}};
    for (const auto &[key, label] : lists) {
        auto *line = new QLineEdit(form);
        line->setPlaceholderText(tr("comma-separated, e.g. %1")
                                     .arg(key == std::string("allowOrigins")   ? QStringLiteral("https://example.com")
                                          : key == std::string("allowMethods") ? QStringLiteral("GET, POST")
                                                                               : QStringLiteral("content-type")));
        line->setToolTip(QStringLiteral("%1 (%2)").arg(label, QLatin1String(key)));
        line->setAccessibleName(label);
        connect(line, &QLineEdit::textEdited, this, [this, key = key] { formEdited(QLatin1String(key)); });
        layout->addRow(label, line);
        m_corsLists.emplace_back(key, line);
    }
    m_maxAge = new QSpinBox(form);
    m_maxAge->setRange(-1, 86400);
    m_maxAge->setSpecialValueText(tr("not set"));
    m_maxAge->setValue(-1);
    m_maxAge->setSuffix(tr(" s"));
    m_maxAge->setToolTip(tr("How long a browser may cache the preflight answer (maxAgeS)"));
    m_maxAge->setKeyboardTracking(false);
    connect(m_maxAge, &QSpinBox::valueChanged, this, [this] { formEdited(); });
    layout->addRow(tr("Max age"), m_maxAge);
    m_credentials = new QCheckBox(tr("Allow credentials"), form);
    m_credentials->setToolTip(QStringLiteral("allowCredentials"));
    connect(m_credentials, &QCheckBox::toggled, this, [this] { formEdited(); });
    layout->addRow(QString(), m_credentials);
    auto *none = new QPushButton(tr("No CORS"), form);
    none->setToolTip(tr("Clear every CORS setting: the route answers no preflight"));
    connect(none, &QPushButton::clicked, this, [this] {
        m_showing = true;
        for (const auto &[key, line] : m_corsLists)
            line->clear();
        m_maxAge->setValue(-1);
        m_credentials->setChecked(false);
        m_showing = false;
        formEdited();
    });
    layout->addRow(QString(), none);
    return form;
}

QWidget *StructuredEditor::makeChoicesForm(const std::vector<std::string> &choices)
{
    auto *form = new QWidget(this);
    auto *layout = new QHBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const std::string &choice : choices) {
        auto *box = new QCheckBox(qs(choice), form);
        connect(box, &QCheckBox::toggled, this, [this] { formEdited(); });
        layout->addWidget(box);
        m_choices << box;
    }
    layout->addStretch();
    return form;
}

QLineEdit *StructuredEditor::corsList(const char *key) const
{
    for (const auto &[name, line] : m_corsLists) {
        if (name == key)
            return line;
    }
    return nullptr;
}

bool StructuredEditor::showsJson() const
{
    return m_pages->currentWidget() == m_json;
}

void StructuredEditor::setShowsJson(bool on)
{
    if (!m_form)
        return;
    if (!on) {
        // Back to the form only with JSON it can show.
        const Json parsed = Json::parse(m_json->toPlainText().toStdString(), nullptr, false);
        if (parsed.is_discarded())
            Q_EMIT formProblem(tr("The text is not valid JSON: fix it to go back to the form."));
        else if (showInForm(parsed))
            m_pages->setCurrentWidget(m_form);
        else
            Q_EMIT formProblem(tr("The form cannot show this value (a wrong type or an unknown key): "
                                  "edit it as JSON."));
    } else {
        m_pages->setCurrentWidget(m_json);
    }
    const QSignalBlocker block(m_toggle);
    m_toggle->setChecked(showsJson());
}

void StructuredEditor::setValue(const Json &value)
{
    m_showing = true;
    const Json shown = Json::parse(m_json->toPlainText().toStdString(), nullptr, false);
    if (shown.is_discarded() || shown != value)
        m_json->setPlainText(value.is_null() ? QString() : qs(value.dump(2)));
    m_showing = false;
    if (m_form && !showsJson())
        showInForm(value);
}

bool StructuredEditor::showInForm(const Json &value)
{
    if (!m_form)
        return false;
    if (formValue() == value)
        return true; // what the form shows (a row being typed included) stays
    m_showing = true;
    bool fits = true;
    switch (m_type) {
    case FieldType::StringMap: {
        fits = value.is_object() || value.is_null();
        m_variables->setRowCount(0);
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                fits = fits && it.value().is_string();
                addVariableRow(qs(it.key()), it.value().is_string() ? qs(it.value().get<std::string>())
                                                                    : qs(it.value().dump()));
            }
        }
        break;
    }
    case FieldType::Cors: {
        fits = value.is_object() || value.is_null();
        for (const auto &[key, line] : m_corsLists) {
            const Json list = value.is_object() ? value.value(key, Json::array()) : Json::array();
            fits = fits && isStringList(list);
            line->setText(isStringList(list) ? joinList(list) : QString());
        }
        const Json maxAge = value.is_object() ? value.value("maxAgeS", Json()) : Json();
        fits = fits && (maxAge.is_null() || maxAge.is_number_integer());
        m_maxAge->setValue(maxAge.is_number_integer() ? int(maxAge.get<long long>()) : -1);
        const Json credentials = value.is_object() ? value.value("allowCredentials", Json(false)) : Json(false);
        fits = fits && credentials.is_boolean();
        m_credentials->setChecked(credentials.is_boolean() && credentials.get<bool>());
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                const bool known = it.key() == "maxAgeS" || it.key() == "allowCredentials"
                                   || std::any_of(std::begin(kCorsLists), std::end(kCorsLists),
                                                  [&](const char *k) { return it.key() == k; });
                fits = fits && known;
            }
        }
        break;
    }
    case FieldType::StringSet:
    case FieldType::ResourceNames: {
        fits = isStringList(value) || value.is_null();
        // A name no box stands for (a resource since renamed) is edited as JSON, not dropped.
        for (const Json &name : value.is_array() ? value : Json::array()) {
            fits = fits && std::any_of(m_choices.begin(), m_choices.end(), [&](const QCheckBox *box) {
                       return name.is_string() && box->text().toStdString() == name.get<std::string>();
                   });
        }
        for (QCheckBox *box : m_choices) {
            const bool on = value.is_array()
                            && std::find(value.begin(), value.end(), Json(box->text().toStdString())) != value.end();
            box->setChecked(on);
        }
        break;
    }
    case FieldType::ChoiceRules:
        fits = m_rules->setRules(value.is_null() ? Json::array() : value);
        break;
    default:
        break;
    }
    m_showing = false;
    // What the form cannot show (a wrong type, an unknown key) is edited as JSON.
    if (!fits) {
        m_pages->setCurrentWidget(m_json);
        const QSignalBlocker block(m_toggle);
        m_toggle->setChecked(true);
    }
    return fits;
}

Json StructuredEditor::formValue() const
{
    switch (m_type) {
    case FieldType::StringMap: {
        Json variables = Json::object();
        for (int row = 0; row < m_variables->rowCount(); ++row) {
            const QTableWidgetItem *name = m_variables->item(row, 0);
            const QTableWidgetItem *value = m_variables->item(row, 1);
            // A row being filled in counts once it has a name.
            if (name && !name->text().trimmed().isEmpty())
                variables[name->text().trimmed().toStdString()] = value ? value->text().toStdString() : std::string();
        }
        return variables;
    }
    case FieldType::Cors: {
        Json cors = Json::object();
        for (const auto &[key, line] : m_corsLists) {
            const QStringList items = splitList(line->text());
            if (items.isEmpty())
                continue;
            Json list = Json::array();
            for (const QString &item : items)
                list.push_back(item.toStdString());
            cors[key] = list;
        }
        if (m_maxAge->value() >= 0)
            cors["maxAgeS"] = m_maxAge->value();
        if (m_credentials->isChecked())
            cors["allowCredentials"] = true;
        // Nothing set: no CORS at all (the field is removed).
        return cors.empty() ? Json() : cors;
    }
    case FieldType::StringSet:
    case FieldType::ResourceNames: {
        Json chosen = Json::array();
        for (const QCheckBox *box : m_choices) {
            if (box->isChecked())
                chosen.push_back(box->text().toStdString());
        }
        return chosen;
    }
    case FieldType::ChoiceRules:
        return m_rules->rules();
    default:
        return Json();
    }
}

Json StructuredEditor::value() const
{
    if (m_form && !showsJson())
        return formValue();
    return Json::parse(m_json->toPlainText().toStdString(), nullptr, false);
}

void StructuredEditor::formEdited(const QString &typingIn)
{
    if (m_showing)
        return;
    if (m_variables) {
        // A name twice would keep only one value: refused until it is fixed.
        QSet<QString> names;
        for (int row = 0; row < m_variables->rowCount(); ++row) {
            const QTableWidgetItem *name = m_variables->item(row, 0);
            const QString text = name ? name->text().trimmed() : QString();
            if (text.isEmpty())
                continue;
            if (names.contains(text)) {
                Q_EMIT formProblem(tr("%1 is there twice: give each variable one row (the field keeps its last value).")
                                       .arg(text));
                return;
            }
            names.insert(text);
        }
    }
    const Json value = formValue();
    m_showing = true;
    m_json->setPlainText(value.is_null() ? QString() : qs(value.dump(2)));
    m_showing = false;
    Q_EMIT edited(value, typingIn);
}

} // namespace stratus::editor
