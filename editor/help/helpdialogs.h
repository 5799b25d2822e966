#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QLabel;
class QLineEdit;
class QListWidget;
class QMainWindow;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace stratus::editor {

/// Help → Keyboard Shortcuts: every action of `window` that has a shortcut,
/// with its menu, read from the actions themselves (so the list is never
/// out of date), filtered as the user types.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QMainWindow *window);

    QLineEdit *filter() const { return m_filter; }
    QTreeWidget *list() const { return m_list; }

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter = nullptr;
    QTreeWidget *m_list = nullptr;
};

/// Help → Documentation: the user guides (docs/*.md, installed with the
/// package) read here, with links between them followed and web links
/// opened in the browser.
class DocsBrowser : public QDialog
{
    Q_OBJECT

public:
    explicit DocsBrowser(QWidget *parent = nullptr);

    /// Where the guides are: an installed share/stratus/docs beside the
    /// binary's prefix, else the source tree's docs/; empty when neither is.
    static QString docsDirectory();
    /// Shows the guide named `file` ("studio.md"); false when there is none.
    bool showGuide(const QString &file);

    QListWidget *guides() const { return m_guides; }
    QTextBrowser *page() const { return m_page; }

private:
    QListWidget *m_guides = nullptr;
    QTextBrowser *m_page = nullptr;
};

/// Help → Getting Started: a short tour of the user's loop (design, run,
/// measure, ship) that opens an example and, step by step, brings each
/// panel to the front and says what it is for.
class TourDialog : public QDialog
{
    Q_OBJECT

public:
    struct Step
    {
        QString panel; ///< the dock's object name; empty: the canvas
        QString title;
        QString text;
    };

    explicit TourDialog(QMainWindow *window);

    static QList<Step> steps();
    int current() const { return m_current; }
    void showStep(int index);

private:
    QMainWindow *m_window;
    QList<Step> m_steps;
    int m_current = 0;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
};

/// Help → About: the version, and what it was built with and finds here
/// (Qt, SQLite, QScintilla, the Node.js and Python interpreters), as rich text.
QString aboutText();

} // namespace stratus::editor
