#pragma once

#include "qsci.h"

#include <memory>

class QsciLexer;

namespace stratus::editor {

/// Shows one function file with the lexer for its language, line numbers,
/// folding and brace matching. Read-only until the code editor (issue 5)
/// makes it editable through undo commands.
class CodeView : public QsciScintilla
{
    Q_OBJECT

public:
    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override;

    /// Shows `text`; the lexer follows the file's extension (.js/.mjs/.cjs,
    /// .py, a `bootstrap` or .sh script), else plain text.
    void showFile(const QString &path, const QString &text);
    /// The lexer's language name ("JavaScript", "Python", "Bash"), or empty.
    QString languageName() const;

private:
    std::unique_ptr<QsciLexer> m_lexer;
};

} // namespace stratus::editor
