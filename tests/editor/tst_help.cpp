// The Help menu on the offscreen platform: the shortcuts list read from the
// window's own actions and its search, the guides read in the studio with
// links between them, the tour over an example that brings each panel
// forward, and About's versions and runtimes.

#include "testutil.h"

#include "editor/document/workspacedocument.h"
#include "editor/help/helpdialogs.h"
#include "editor/mainwindow/mainwindow.h"
#include "engine/model/version.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace stratus::editor;

class TestHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shortcutsAreReadFromTheActionsAndSearchable();
    void guidesAreReadHereAndLinksFollowed();
    void theTourOpensAnExampleAndBringsEachPanelForward();
    void aboutNamesTheVersionsAndRuntimes();
};

void TestHelp::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

void TestHelp::shortcutsAreReadFromTheActionsAndSearchable()
{
    MainWindow window;
    ShortcutsDialog dialog(&window);
    QTreeWidget *list = dialog.list();
    int withKeys = 0;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        ++withKeys;
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        bool listed = false;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            listed = listed || list->topLevelItem(i)->text(1).contains(keys);
        QVERIFY2(listed, qPrintable(action->objectName() + " " + keys));
    }
    QVERIFY(withKeys >= 20);
    // And the canvas's own keys, which no action holds.
    int canvasKeys = 0;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        canvasKeys += list->topLevelItem(i)->text(2) == QStringLiteral("Canvas") ? 1 : 0;
    QVERIFY(canvasKeys >= 6);
    QCOMPARE(list->topLevelItemCount(), withKeys + canvasKeys);

    auto visible = [&] {
        QStringList shown;
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            if (!list->topLevelItem(i)->isHidden())
                shown << list->topLevelItem(i)->text(0);
        }
        return shown;
    };
    QTest::keyClicks(dialog.filter(), QStringLiteral("edit undo"));
    QCOMPARE(visible(), QStringList{QStringLiteral("Undo")});
    dialog.filter()->setText(QStringLiteral("F5"));
    QVERIFY2(visible().contains(QStringLiteral("Run")), qPrintable(visible().join(", ")));
    dialog.filter()->setText(QStringLiteral("no such action"));
    QVERIFY(visible().isEmpty());
    dialog.filter()->setText(QStringLiteral("arrow"));
    QVERIFY2(visible().contains(QStringLiteral("Select the nearest node that way")), qPrintable(visible().join(", ")));
    dialog.filter()->clear();
    QCOMPARE(visible().size(), withKeys + canvasKeys);
    // Its own entry is there too: the list is made from the menus as they are.
    QVERIFY(window.findChild<QAction *>(QStringLiteral("shortcuts"))->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Slash));
}

void TestHelp::guidesAreReadHereAndLinksFollowed()
{
    DocsBrowser docs;
    const QString dir = DocsBrowser::docsDirectory();
    QVERIFY(!dir.isEmpty());
    const int guides = int(QDir(dir).entryList({QStringLiteral("*.md")}, QDir::Files).size());
    QCOMPARE(docs.guides()->count(), guides + 1); // and the README
    QVERIFY(docs.page()->toPlainText().contains(QStringLiteral("Set up on a fresh Debian 12 machine")));
    QVERIFY(docs.showGuide(QStringLiteral("studio.md")));
    QVERIFY(docs.page()->toPlainText().contains(QStringLiteral("Edit → Settings")));
    QVERIFY(!docs.showGuide(QStringLiteral("no-such-guide.md")));
    // A link between guides, as a click follows it.
    docs.page()->setSource(QUrl(QStringLiteral("runtime.md")), QTextDocument::MarkdownResource);
    QVERIFY2(docs.page()->toPlainText().contains(QStringLiteral("Choosing the interpreter")),
             qPrintable(docs.page()->source().toString()));
}

void TestHelp::theTourOpensAnExampleAndBringsEachPanelForward()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("tour"))->trigger();
    QVERIFY(window.document());
    QVERIFY(window.document()->sourcePath().endsWith(QStringLiteral("http-api.json")));
    auto *tour = window.findChild<TourDialog *>();
    QVERIFY(tour && tour->isVisible());
    const auto steps = TourDialog::steps();
    QVERIFY(steps.size() >= 6);
    for (int i = 0; i < steps.size(); ++i) {
        tour->showStep(i);
        QCOMPARE(tour->current(), i);
        QCOMPARE(tour->findChild<QLabel *>(QStringLiteral("title"))->text(), steps[i].title);
        if (steps[i].panel.isEmpty())
            continue;
        auto *dock = window.findChild<QDockWidget *>(steps[i].panel);
        QVERIFY2(dock, qPrintable(steps[i].panel));
        QTest::qWait(10);
        QVERIFY2(dock->isVisible() && !dock->visibleRegion().isEmpty(), qPrintable(steps[i].panel));
    }
    // The run panel is behind the Invocations tab now; going back brings it forward again.
    tour->showStep(4);
    QTest::qWait(10);
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("run"))->visibleRegion().isEmpty());
}

void TestHelp::aboutNamesTheVersionsAndRuntimes()
{
    const QString about = aboutText();
    QVERIFY(about.contains(QString::fromLatin1(stratus::engine::kVersion)));
    QVERIFY(about.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
    QVERIFY(about.contains(QStringLiteral("SQLite 3.")));
    QVERIFY(about.contains(QStringLiteral("QScintilla 2.")));
    QVERIFY2(about.contains(QStringLiteral("Node.js: nodejs20.x (")), qPrintable(about));
    QVERIFY2(about.contains(QStringLiteral("python3.11 (")), qPrintable(about));
}

QTEST_MAIN(TestHelp)
#include "tst_help.moc"
