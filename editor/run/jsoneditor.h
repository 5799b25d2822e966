#pragma once

// A JSON text editor (QScintilla with its JSON lexer) that checks what is
// typed: value() is the parsed document, or why it is not JSON, naming the
// line and column; the error is shown under the text and its place marked.

#include "editor/code/qsci.h"

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;

namespace stratus::editor {

class JsonEditor : public QWidget
{
    Q_OBJECT
public:
    explicit JsonEditor(QWidget *parent = nullptr);
    ~JsonEditor() override;

    /// Shows `value`, indented.
    void setValue(const engine::Json &value);
    void setText(const QString &text);
    QString text() const;
    /// The text as JSON, or why it is not ("line 3, column 7: …").
    engine::Result<engine::Json> value() const;
    bool isValid() const { return bool(value()); }
    void setReadOnly(bool readOnly);
    QsciScintilla *textEdit() const { return m_text; }
    /// The line under the text that says whether it is JSON.
    QLabel *verdict() const { return m_verdict; }

    /// A dialog that edits `initial`; the edited value, or none when cancelled.
    /// OK stays disabled while the text is not JSON.
    static std::optional<engine::Json> askForValue(QWidget *parent, const QString &title, const QString &prompt,
                                                   const engine::Json &initial);

Q_SIGNALS:
    /// The text changed; `valid` says whether it is JSON now.
    void edited(bool valid);

private:
    void check();

    QsciScintilla *m_text;
    std::unique_ptr<QsciLexerJSON> m_lexer;
    QLabel *m_verdict;
};

} // namespace stratus::editor
