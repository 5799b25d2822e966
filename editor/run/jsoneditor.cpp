#include "jsoneditor.h"

#include "editor/qstrings.h"
#include "engine/model/text.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPushButton>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdio>

namespace stratus::editor {

using namespace stratus::engine;

namespace {
constexpr int kErrorIndicator = 8;
}

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_text(new QsciScintilla(this))
    , m_lexer(std::make_unique<QsciLexerJSON>())
    , m_verdict(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_verdict);
    m_lexer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUtf8(true);
    m_text->setLexer(m_lexer.get());
    m_text->setMarginType(0, QsciScintilla::NumberMargin);
    m_text->setMarginWidth(0, QStringLiteral("0000"));
    m_text->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_text->setAutoIndent(true);
    m_text->setIndentationsUseTabs(false);
    m_text->setTabWidth(2);
    m_text->indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    m_text->setIndicatorForegroundColor(QColor(0xd3, 0x2f, 0x2f), kErrorIndicator);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAccessibleName(tr("Event JSON"));
    connect(m_text, &QsciScintilla::textChanged, this, &JsonEditor::check);
    check();
}

JsonEditor::~JsonEditor()
{
    m_text->setLexer(nullptr); // the lexer is ours, not the widget's
}

void JsonEditor::setValue(const Json &value)
{
    setText(qs(value.dump(2)));
}

void JsonEditor::setText(const QString &text)
{
    m_text->setText(text);
    check();
}

QString JsonEditor::text() const
{
    return m_text->text();
}

Result<Json> JsonEditor::value() const
{
    return parseJson(m_text->text().toStdString());
}

void JsonEditor::setReadOnly(bool readOnly)
{
    m_text->setReadOnly(readOnly);
}

void JsonEditor::check()
{
    m_text->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kErrorIndicator);
    m_text->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0, m_text->length());
    const auto parsed = value();
    if (parsed) {
        m_verdict->setText(tr("✓ valid JSON"));
        m_verdict->setStyleSheet(QString());
    } else {
        m_verdict->setText(tr("Not JSON: %1").arg(qs(parsed.status().message())));
        m_verdict->setStyleSheet(QStringLiteral("color: #c62828"));
        // "line L, column C: …" puts the squiggle where the error is.
        int line = 0, column = 0;
        if (std::sscanf(parsed.status().message().c_str(), "line %d, column %d", &line, &column) == 2 && line > 0) {
            const int from = m_text->positionFromLineIndex(line - 1, std::max(0, column - 1));
            m_text->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, from, 1);
        }
    }
    Q_EMIT edited(bool(parsed));
}

std::optional<Json> JsonEditor::askForValue(QWidget *parent, const QString &title, const QString &prompt,
                                            const Json &initial)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.resize(560, 420);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(prompt, &dialog);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *editor = new JsonEditor(&dialog);
    editor->setValue(initial);
    layout->addWidget(editor, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(editor, &JsonEditor::edited, buttons->button(QDialogButtonBox::Ok), &QPushButton::setEnabled);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    auto value = editor->value();
    return value ? std::optional<Json>(value.take()) : std::nullopt;
}

} // namespace stratus::editor
