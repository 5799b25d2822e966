#include "codeview.h"

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>

#include <algorithm>

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
    // QScintilla's Ctrl+L cuts the current line, unseen and saved a second
    // later; a user who pressed it for the canvas's wiring lost code. The
    // clipboard's Ctrl+X still cuts a selected line.
    if (QsciCommand *cutLine = standardCommands()->boundTo((Qt::CTRL | Qt::Key_L).toCombined()))
        cutLine->setKey(0);
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
    // The lexers' colours are made for white paper. On a dark palette (the
    // dark and high-contrast themes) each style keeps its hue with its
    // lightness turned over, on the palette's own base, so that black
    // punctuation turns white and navy keywords light blue.
    const QPalette &pal = palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    if (m_lexer) {
        for (int style = 0; style < 128; ++style) {
            if (m_lexer->description(style).isEmpty())
                continue;
            QColor color = m_lexer->defaultColor(style);
            QColor paper = m_lexer->defaultPaper(style);
            if (dark) {
                float h, s, l, a;
                color.getHslF(&h, &s, &l, &a);
                color = QColor::fromHslF(h, s, std::max(0.62f, 1.0f - l), a);
                paper = pal.color(QPalette::Base);
            }
            m_lexer->setColor(color, style);
            m_lexer->setPaper(paper, style);
        }
        if (dark)
            m_lexer->setDefaultPaper(pal.color(QPalette::Base));
    }
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(pal.color(QPalette::WindowText));
    setCaretForegroundColor(pal.color(QPalette::Text));
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    // Over the paper the text is drawn on, so the line's text stays readable
    // whatever the window's palette.
    const QColor base = m_lexer ? m_lexer->paper(0) : paper();
    const QColor accent = pal.color(QPalette::Highlight);
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
