// Accessibility of the main window on the offscreen platform: every widget a
// user can reach with the keyboard or the mouse has a name that assistive
// technology reads (QAccessible), with a workspace open, a function selected
// and every panel shown.

#include "testutil.h"

#include "editor/document/workspacedocument.h"
#include "editor/canvas/nodestyle.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/settings/usersettings.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QAccessible>
#include <QApplication>
#include <QDockWidget>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;
using stratus::editor::MainWindow;

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyInteractiveWidgetHasAName();
    void theCanvasTextMeetsWcagContrastInEveryTheme();
};

void TestAccessibility::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

namespace {

/// "QLineEdit 'filter' in NodePalette 'palette'": enough to find it.
QString describe(QWidget *w)
{
    QStringList chain;
    for (QWidget *up = w; up && chain.size() < 4; up = up->parentWidget())
        chain << QStringLiteral("%1 '%2'").arg(QString::fromLatin1(up->metaObject()->className()), up->objectName());
    return chain.join(QStringLiteral(" in "));
}

/// A part of a widget that speaks for it (a spin box's line edit, a view's
/// viewport), which assistive technology reaches through the whole.
bool innerPart(QWidget *w)
{
    QWidget *parent = w->parentWidget();
    if (qobject_cast<QAbstractSpinBox *>(parent) || qobject_cast<QComboBox *>(parent))
        return true;
    auto *area = qobject_cast<QAbstractScrollArea *>(parent);
    return area && area->viewport() == w;
}

bool interactive(QWidget *w)
{
    return !innerPart(w) && w->isVisibleTo(w->window()) && w->isEnabled()
           && (w->focusPolicy() != Qt::NoFocus || qobject_cast<QAbstractButton *>(w) || qobject_cast<QTabBar *>(w));
}

} // namespace

void TestAccessibility::everyInteractiveWidgetHasAName()
{
    QTemporaryDir dir;
    MainWindow window;
    const QString file = stratus::test::importExample(dir.path(), "http-api");
    Status s = window.openFile(file);
    QVERIFY2(s, s.message().c_str());
    QVERIFY(window.selectNode(WorkflowId("api"), NodeId("create-todo")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAccessible::setActive(true);

    QStringList unnamed;
    int checked = 0;
    auto check = [&] {
        for (QWidget *w : window.findChildren<QWidget *>()) {
            if (!interactive(w) || !w->isVisible())
                continue;
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
            QVERIFY(a);
            ++checked;
            if (a->text(QAccessible::Name).trimmed().isEmpty()) {
                const QString what = describe(w);
                if (!unnamed.contains(what))
                    unnamed << what;
            }
        }
    };
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        dock->show();
        dock->raise();
        QCoreApplication::processEvents();
        check();
    }
    // The inspector's editors differ by kind: each node in turn.
    window.findChild<QDockWidget *>(QStringLiteral("inspector"))->raise();
    for (const Node &node : window.document()->workflow(WorkflowId("api"))->nodes()) {
        QVERIFY(window.selectNode(WorkflowId("api"), node.id));
        QCoreApplication::processEvents();
        check();
    }
    QVERIFY(checked > 30);
    for (const QString &what : unnamed)
        qWarning("no accessible name: %s", qPrintable(what));
    QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("%1 widgets have no accessible name (listed above)")
                                               .arg(unnamed.size())));
}

void TestAccessibility::theCanvasTextMeetsWcagContrastInEveryTheme()
{
    // What a node draws: white names on its family's colour, its kind's label
    // in the text colour and its port names in the secondary text colour, on
    // the palette's base. WCAG AA asks 4.5:1 of text this size.
    using namespace stratus::editor;
    QStringList low;
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark, Theme::HighContrast}) {
        UserSettings settings;
        settings.theme = theme;
        applyUserSettings(settings);
        const QPalette palette = QApplication::palette();
        const QColor base = palette.color(QPalette::Base);
        const QString name = themeKey(theme);
        auto need = [&](const QString &what, const QColor &fg, const QColor &bg) {
            const double ratio = contrastRatio(fg, bg);
            if (ratio < 4.5)
                low << QStringLiteral("%1: %2 %3 on %4 is %5:1").arg(name, what, fg.name(), bg.name()).arg(ratio, 0, 'f', 2);
        };
        for (NodeFamily family : {NodeFamily::Trigger, NodeFamily::Compute, NodeFamily::Flow, NodeFamily::Resource})
            need(QStringLiteral("a node's name"), Qt::white, familyColor(family));
        need(QStringLiteral("a node's kind"), palette.color(QPalette::Text), base);
        need(QStringLiteral("a port's name"), secondaryText(palette), base);
    }
    UserSettings settings;
    applyUserSettings(settings);
    QVERIFY(contrastRatio(Qt::black, Qt::white) > 20.9 && contrastRatio(Qt::white, Qt::white) < 1.01);
    QVERIFY2(low.isEmpty(), qPrintable(low.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
