#pragma once

// The inspector's editor of a structured config field: a form fitted to the
// field's type — a name/value table for environment variables, a form for
// an HTTP trigger's CORS, check boxes for a set of choices, the rule builder
// for a choice node's rules — with the raw JSON a toggle away. Fields with
// no form (any JSON, a schedule's detail) are the JSON text alone.
//
// The editor never writes the model: it says `edited(value)` and the
// inspector turns that into an undo command; `setValue` shows the model's
// value again (after undo, or another editor's change) without a signal.

#include "engine/model/json.h"
#include "engine/model/nodekind.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace stratus::editor {

class ChoiceRulesEditor;

class StructuredEditor : public QWidget
{
    Q_OBJECT
public:
    StructuredEditor(const engine::FieldSpec &field, const QFont &codeFont, QWidget *parent = nullptr);

    /// Shows `value` (the field's effective value) in the form and the JSON text.
    void setValue(const engine::Json &value);
    /// What the visible page holds now (the JSON text's, when it parses).
    engine::Json value() const;

    bool hasForm() const { return m_form != nullptr; }
    bool showsJson() const;
    void setShowsJson(bool on);
    QToolButton *jsonToggle() const { return m_toggle; }
    QPlainTextEdit *jsonText() const { return m_json; }

    /// The forms' parts, for the tests (null when the field has another form).
    QTableWidget *variablesTable() const { return m_variables; }
    QLineEdit *corsList(const char *key) const;
    QSpinBox *corsMaxAge() const { return m_maxAge; }
    QCheckBox *corsCredentials() const { return m_credentials; }
    const QList<QCheckBox *> &choiceBoxes() const { return m_choices; }
    ChoiceRulesEditor *rulesEditor() const { return m_rules; }

Q_SIGNALS:
    /// `typingIn`: the text a keystroke was typed in ("json", a CORS list's
    /// key), which the undo stack merges with the keystrokes before it in
    /// the same text; empty for every other edit (a cell, a button, a box),
    /// an undo step of its own.
    void edited(const stratus::engine::Json &value, const QString &typingIn);
    /// What the form holds cannot be the field's value (a variable named
    /// twice): the field keeps its last value.
    void formProblem(const QString &problem);
    /// The JSON text does not parse (yet): the field keeps its last value.
    void jsonInvalid();

private:
    QWidget *makeVariablesForm();
    QWidget *makeCorsForm();
    QWidget *makeChoicesForm(const std::vector<std::string> &choices);
    engine::Json formValue() const;
    /// False when the form cannot show `value` (the JSON page is then shown).
    bool showInForm(const engine::Json &value);
    void formEdited(const QString &typingIn = {});
    void addVariableRow(const QString &name, const QString &value);

    engine::FieldType m_type;
    QStackedWidget *m_pages;
    QWidget *m_form = nullptr;
    QPlainTextEdit *m_json;
    QToolButton *m_toggle = nullptr;
    QTableWidget *m_variables = nullptr;
    std::vector<std::pair<std::string, QLineEdit *>> m_corsLists;
    QSpinBox *m_maxAge = nullptr;
    QCheckBox *m_credentials = nullptr;
    QList<QCheckBox *> m_choices;
    ChoiceRulesEditor *m_rules = nullptr;
    bool m_showing = false; // the widgets follow setValue: their signals are not edits
};

} // namespace stratus::editor
