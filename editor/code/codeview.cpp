#include "codeview.h"

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>

namespace stratus::editor {

CodeView::CodeView(QWidget *parent)
    : QsciScintilla(parent)
{
    setReadOnly(true);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginWidth(0, QStringLiteral("00000"));
    setFolding(QsciScintilla::BoxedTreeFoldStyle);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(2);
    setCaretLineVisible(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    followPalette();
}

void CodeView::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

void CodeView::followPalette()
{
    // Over the paper the text is drawn on (the lexer's, which keeps its own
    // colours), so the line's text stays readable whatever the window's palette.
    const QColor base = m_lexer ? m_lexer->defaultPaper() : paper();
    const QColor accent = palette().color(QPalette::Highlight);
    constexpr float kShare = 0.12f; // enough to find the line, too little to hide a selection
    setCaretLineBackgroundColor(QColor::fromRgbF(base.redF() + (accent.redF() - base.redF()) * kShare,
                                                 base.greenF() + (accent.greenF() - base.greenF()) * kShare,
                                                 base.blueF() + (accent.blueF() - base.blueF()) * kShare));
}

CodeView::~CodeView()
{
    setLexer(nullptr); // the lexer is ours, not the widget's
}

void CodeView::showFile(const QString &path, const QString &text)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    std::unique_ptr<QsciLexer> lexer;
    if (suffix == QLatin1String("js") || suffix == QLatin1String("mjs")
        || suffix == QLatin1String("cjs") || suffix == QLatin1String("json"))
        lexer = std::make_unique<QsciLexerJavaScript>();
    else if (suffix == QLatin1String("py"))
        lexer = std::make_unique<QsciLexerPython>();
    else if (info.fileName() == QLatin1String("bootstrap") || suffix == QLatin1String("sh"))
        lexer = std::make_unique<QsciLexerBash>();
    if (lexer)
        lexer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLexer(lexer.get());
    m_lexer = std::move(lexer);
    followPalette();
    setReadOnly(false);
    setText(text);
    setReadOnly(path.isEmpty());
    setModified(false);
}

QString CodeView::languageName() const
{
    return m_lexer ? QString::fromLatin1(m_lexer->language()) : QString();
}

} // namespace stratus::editor
