#include "helpdialogs.h"

#include "editor/qstrings.h"
#include "engine/model/runtimes.h"
#include "engine/model/version.h"
#include "engine/runtime/launch.h"
#include "engine/store/sqlite.h"

#include <Qsci/qsciglobal.h>

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace stratus::engine;

namespace stratus::editor {

namespace {

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    text.remove(QChar(0x2026)); // "…"
    return text.trimmed();
}

/// The menu path of an action ("File › Examples"), or empty.
QString menuOf(const QAction *action)
{
    for (QObject *object : action->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(object)) {
            QStringList path = {withoutMnemonic(menu->title())};
            for (QObject *up = menu->parent(); up; up = up->parent()) {
                if (auto *outer = qobject_cast<QMenu *>(up))
                    path.prepend(withoutMnemonic(outer->title()));
            }
            return path.join(QStringLiteral(" › "));
        }
    }
    return {};
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow *window)
    : QDialog(window)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    resize(560, 520);
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Search actions and keys"));
    m_filter->setAccessibleName(tr("Search shortcuts"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcuts"));
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setHeaderLabels({tr("Action"), tr("Keys"), tr("Menu")});
    m_list->setRootIsDecorated(false);
    m_list->setSortingEnabled(true);
    layout->addWidget(m_list, 1);

    QSet<const QAction *> seen;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || action->text().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys << keyText(k);
        auto *item = new QTreeWidgetItem(m_list, {withoutMnemonic(action->text()), keys.join(QStringLiteral(", ")),
                                                  menuOf(action)});
        item->setToolTip(0, action->statusTip());
    }
    // The canvas's own keys, which no menu holds (WorkflowScene::keyPressEvent).
    const QString canvas = tr("Canvas");
    const std::pair<QString, QString> canvasKeys[] = {
        {tr("Select the nearest node that way"), tr("Arrow keys")},
        {tr("Move the selected nodes a grid step"), tr("Shift+arrow keys")},
        {tr("Open the selected node's inspector"), keyText(QKeySequence(Qt::Key_Return))},
        {tr("Edit the selected function's code"), keyText(QKeySequence(Qt::SHIFT | Qt::Key_Return))},
        {tr("Back to the canvas from the inspector"), keyText(QKeySequence(Qt::Key_Escape))},
        {tr("Cancel a wire being dragged"), keyText(QKeySequence(Qt::Key_Escape))},
        {tr("Pan the canvas while dragging"), tr("Space")},
    };
    for (const auto &[what, keys] : canvasKeys)
        new QTreeWidgetItem(m_list, {what, keys, canvas});
    m_list->sortByColumn(2, Qt::AscendingOrder);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->resizeColumnToContents(1);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_filter->setFocus();
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const QString all = item->text(0) + QLatin1Char(' ') + item->text(1) + QLatin1Char(' ') + item->text(2);
        bool matches = true;
        for (const QString &word : words)
            matches = matches && all.contains(word, Qt::CaseInsensitive);
        item->setHidden(!matches);
    }
}

DocsBrowser::DocsBrowser(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Stratus Documentation"));
    setObjectName(QStringLiteral("docsBrowser"));
    resize(980, 680);
    auto *layout = new QVBoxLayout(this);
    auto *split = new QSplitter(this);
    m_guides = new QListWidget(split);
    m_guides->setObjectName(QStringLiteral("guides"));
    m_guides->setAccessibleName(tr("Guides"));
    m_page = new QTextBrowser(split);
    m_page->setObjectName(QStringLiteral("page"));
    m_page->setAccessibleName(tr("Guide text"));
    m_page->setOpenExternalLinks(true);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 780});
    layout->addWidget(split, 1);

    const QString dir = docsDirectory();
    m_page->setSearchPaths({dir});
    // The README first: it is the user's guide; then the guides by name.
    const QString readme = QFileInfo(dir + QStringLiteral("/../README.md")).exists()
                               ? QDir::cleanPath(dir + QStringLiteral("/../README.md"))
                               : QString();
    if (!readme.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Read me first"), m_guides);
        item->setData(Qt::UserRole, readme);
    }
    for (const QFileInfo &guide : QDir(dir).entryInfoList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        auto *item = new QListWidgetItem(guide.completeBaseName(), m_guides);
        item->setData(Qt::UserRole, guide.absoluteFilePath());
    }
    connect(m_guides, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            m_page->setSource(QUrl::fromLocalFile(item->data(Qt::UserRole).toString()), QTextDocument::MarkdownResource);
    });
    if (m_guides->count() == 0)
        m_page->setPlainText(tr("The documentation is not installed here. It is at "
                                "https://github.com/stratus/stratus/tree/main/docs and in docs/ of the sources."));
    else
        m_guides->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString DocsBrowser::docsDirectory()
{
    const QString bin = QCoreApplication::applicationDirPath();
    for (const QString &dir : QStringList{bin + QStringLiteral("/../share/stratus/docs"), QStringLiteral(STRATUS_SOURCE_DOCS_DIR)}) {
        if (QFileInfo(dir + QStringLiteral("/studio.md")).exists())
            return QDir(dir).canonicalPath();
    }
    return {};
}

bool DocsBrowser::showGuide(const QString &file)
{
    for (int i = 0; i < m_guides->count(); ++i) {
        if (QFileInfo(m_guides->item(i)->data(Qt::UserRole).toString()).fileName() == file) {
            m_guides->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

TourDialog::TourDialog(QMainWindow *window)
    : QDialog(window)
    , m_window(window)
    , m_steps(steps())
{
    setWindowTitle(tr("Getting Started"));
    setObjectName(QStringLiteral("tour"));
    setModal(false);
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("title"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("text"));
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(420);
    m_text->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    auto *row = new QHBoxLayout;
    m_back = new QPushButton(tr("< &Back"), this);
    m_next = new QPushButton(this);
    m_next->setDefault(true);
    auto *closeButton = new QPushButton(tr("&Close"), this);
    row->addWidget(closeButton);
    row->addStretch(1);
    row->addWidget(m_back);
    row->addWidget(m_next);
    layout->addLayout(row);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_back, &QPushButton::clicked, this, [this] { showStep(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_current + 1 < m_steps.size())
            showStep(m_current + 1);
        else
            close();
    });
    showStep(0);
}

QList<TourDialog::Step> TourDialog::steps()
{
    return {
        {QString(), tr("1. The canvas: your workflow"),
         tr("This is the <b>http-api</b> example: an HTTP API whose functions keep to-dos in a table. "
            "Each box is a node (a trigger, a function, a choice or a resource) and each line carries "
            "events from an output port to an input port. Dashed grey links show which resources a "
            "function uses through the AWS SDK.")},
        {QStringLiteral("palette"), tr("2. The palette: add nodes"),
         tr("Drag a node kind onto the canvas, or select one and press Enter. Wire a node by dragging "
            "from an output port to an input port (or select it and press %1); ports that fit light up.")
             .arg(keyText(QKeySequence(Qt::CTRL | Qt::Key_E)))},
        {QStringLiteral("inspector"), tr("3. The inspector: configure"),
         tr("Select a node to set its fields: a function's runtime, memory and timeout, a route's "
            "method and path. Problems show on the field and as a badge on the node.")},
        {QStringLiteral("code"), tr("4. Code: the function's handler"),
         tr("A function's files, edited here with highlighting. Every change, code included, is "
            "undoable (%1) and saved by itself within a second.")
             .arg(keyText(QKeySequence::Undo))},
        {QStringLiteral("run"), tr("5. Run: try it on this machine"),
         tr("Press <b>F5</b> to run the workspace with AWS Lambda's contracts. The Run panel lists "
            "the HTTP routes with a curl line to copy; <b>%1</b> sends a test event.")
             .arg(keyText(QKeySequence(Qt::CTRL | Qt::Key_Return)))},
        {QStringLiteral("invocations"), tr("6. Measure: invocations, charts and cost"),
         tr("Each invocation is listed with its cold or warm start, duration, memory and cost. "
            "Charts and Cost (tabs beside it) show latency over time and what a month would cost "
            "on Lambda against an always-on machine.")},
        {QStringLiteral("problems"), tr("7. Ship it"),
         tr("When the Problems panel is empty, <b>File › Export AWS SAM Bundle</b> (or Serverless "
            "Framework Service) writes a bundle that deploys the same workflow to AWS. Help › Documentation "
            "has the guides.")},
    };
}

void TourDialog::showStep(int index)
{
    if (index < 0 || index >= m_steps.size())
        return;
    m_current = index;
    const Step &step = m_steps[index];
    m_title->setText(step.title);
    m_text->setText(step.text);
    m_back->setEnabled(index > 0);
    m_next->setText(index + 1 < m_steps.size() ? tr("&Next >") : tr("&Done"));
    if (!step.panel.isEmpty()) {
        if (auto *dock = m_window->findChild<QDockWidget *>(step.panel)) {
            dock->show();
            dock->raise();
        }
    }
}

QString aboutText()
{
    QStringList runtimes;
    const QTemporaryDir cache;
    for (RuntimeLanguage language : {RuntimeLanguage::NodeJs, RuntimeLanguage::Python}) {
        QStringList found;
        for (const LambdaRuntime &runtime : lambdaRuntimes()) {
            if (runtime.language != language)
                continue;
            auto interpreter = findInterpreter(std::string(runtime.id), cache.filePath(QStringLiteral("r")).toStdString());
            if (interpreter && interpreter->exact)
                found << QStringLiteral("%1 (%2)").arg(QString::fromLatin1(runtime.id.data(), int(runtime.id.size())),
                                                       interpreter->program.toHtmlEscaped());
        }
        const QString name = language == RuntimeLanguage::NodeJs ? QStringLiteral("Node.js") : QStringLiteral("Python");
        runtimes << (found.isEmpty()
                         ? QCoreApplication::translate("About", "%1: none of its runtimes' own versions found (the "
                                                                "closest installed one runs them)")
                               .arg(name)
                         : QStringLiteral("%1: %2").arg(name, found.join(QStringLiteral(", "))));
    }
    return QCoreApplication::translate("About",
                                       "<b>Stratus Studio %1</b>"
                                       "<p>Design serverless workflows, run them locally with AWS Lambda's "
                                       "contracts, measure and ship them. Everything the studio does is also a "
                                       "command of <tt>stratus</tt>.</p>"
                                       "<p>Qt %2 · SQLite %3 · QScintilla %4</p>"
                                       "<p>Runtimes on this machine:<br>%5</p>")
        .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()), qs(sql::libraryVersion()),
             QStringLiteral(QSCINTILLA_VERSION_STR), runtimes.join(QStringLiteral("<br>")));
}

} // namespace stratus::editor
