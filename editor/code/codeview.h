#pragma once

#include "qsci.h"

#include <memory>

class QsciLexer;

namespace stratus::editor {

/// Edits one function file with the lexer for its language, line numbers,
/// folding, brace matching and auto-indent. Read-only when no file is shown.
/// The inspector turns its edits into undo commands on the document.
class CodeView : public QsciScintilla
{
    Q_OBJECT

public:
    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override;

    /// Shows `text` (editable; read-only when `path` is empty); the lexer follows the file's extension (.js/.mjs/.cjs,
    /// .py, a `bootstrap` or .sh script), else plain text.
    void showFile(const QString &path, const QString &text);
    /// The lexer's language name ("JavaScript", "Python", "Bash"), or empty.
    QString languageName() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    /// The current line a shade of the palette's selection, not QScintilla's yellow.
    void followPalette();

    std::unique_ptr<QsciLexer> m_lexer;
};

} // namespace stratus::editor
