// The studio's translations. A pseudo-translator that marks every string
// it is asked for ("⟦Open⟧") is installed before the main window is built;
// then every text the window, its panels (each node kind's inspector) and its
// dialogs show must carry the mark, or hold no words. A string the studio
// shows without tr() is named here. The .ts files themselves are checked by
// tests/translations/check_ts.py; this test also loads each real .qm the
// build made, and a damaged one.

#include "testutil.h"

#include "editor/canvas/wiredialog.h"
#include "editor/canvas/workflowscene.h"
#include "editor/document/workspacedocument.h"
#include "editor/help/helpdialogs.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/problemtext.h"
#include "editor/run/loadtestdialog.h"
#include "editor/run/memorysweepdialog.h"
#include "editor/run/testeventdialog.h"
#include "editor/settings/settingsdialog.h"
#include "editor/settings/usersettings.h"

#include "engine/model/nodekind.h"
#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <numeric>
#include <set>

using namespace stratus::engine;
using namespace stratus::editor;

namespace {

const QString kOpen = QStringLiteral("⟦");
const QString kClose = QStringLiteral("⟧");

class PseudoTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        // Qt's own strings (QDialogButtonBox's, QDockWidget's) come here too:
        // qtbase's .qm translates them.
        Q_UNUSED(context);
        if (!source || !*source)
            return {};
        return kOpen + QString::fromUtf8(source) + kClose;
    }
    bool isEmpty() const override { return false; }
};

/// Words outside the marks: the part of a text no translation reached.
/// Data the studio shows as it is (names, paths, the workspace's field
/// names) is in `data`, whole texts or single words.
QString untranslatedWords(QString text, const QSet<QString> &data)
{
    static const QRegularExpression innermost(QStringLiteral("⟦[^⟦⟧]*⟧"));
    for (qsizetype length = -1; length != text.size();) { // marks nest: %1 may be translated too
        length = text.size();
        text.remove(innermost);
    }
    static const QRegularExpression tags(QStringLiteral("<[^>]*>|&[a-z]+;"));
    text.remove(tags);
    static const QRegularExpression words(QStringLiteral("[A-Za-z][A-Za-z0-9_-]*"));
    QStringList left;
    for (auto it = words.globalMatch(text); it.hasNext();) {
        const QString word = it.next().captured();
        if (word.size() >= 3 && !data.contains(word))
            left << word;
    }
    return left.join(QLatin1Char(' '));
}

QString describe(const QObject *o)
{
    QStringList chain;
    for (const QObject *up = o; up && chain.size() < 4; up = up->parent())
        chain << QStringLiteral("%1 '%2'").arg(QString::fromLatin1(up->metaObject()->className()), up->objectName());
    return chain.join(QStringLiteral(" in "));
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyTextTheStudioShowsGoesThroughTr();
    void theBuiltTranslationsLoad_data();
    void theBuiltTranslationsLoad();
    void aDamagedTranslationLeavesTheStudioInEnglish();
    void everyProblemTheEngineGivesHasATranslatedReason();
    void theStudioFitsASmallScreenInEachLanguage_data();
    void theStudioFitsASmallScreenInEachLanguage();

private:
    void collect(QWidget *root, const QSet<QString> &data);
    QStringList m_found;
};

void TestTranslations::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
}

void TestTranslations::collect(QWidget *root, const QSet<QString> &data)
{
    auto check = [&](const QObject *where, const QString &what, const QString &text) {
        if (text.isEmpty() || data.contains(text))
            return;
        const QString words = untranslatedWords(text, data);
        if (words.isEmpty())
            return;
        const QString line = QStringLiteral("%1 of %2: \"%3\"").arg(what, describe(where), text.left(120));
        if (!m_found.contains(line))
            m_found << line;
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root->window()) && w != root)
            continue;
        check(w, QStringLiteral("tool tip"), w->toolTip());
        check(w, QStringLiteral("accessible name"), w->accessibleName());
        check(w, QStringLiteral("accessible description"), w->accessibleDescription());
        if (w->isWindow() || qobject_cast<QDockWidget *>(w))
            check(w, QStringLiteral("title"), w->windowTitle());
        if (auto *label = qobject_cast<QLabel *>(w))
            check(w, QStringLiteral("label"), label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            check(w, QStringLiteral("button"), button->text());
        if (auto *box = qobject_cast<QGroupBox *>(w))
            check(w, QStringLiteral("group"), box->title());
        if (auto *line = qobject_cast<QLineEdit *>(w))
            check(w, QStringLiteral("placeholder"), line->placeholderText());
        if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(w, QStringLiteral("tab"), tabs->tabText(i));
                check(w, QStringLiteral("tab tip"), tabs->tabToolTip(i));
            }
        }
        if (auto *header = qobject_cast<QHeaderView *>(w); header && header->model()) {
            for (int i = 0; i < header->count(); ++i) {
                check(w, QStringLiteral("column"), header->model()->headerData(i, header->orientation()).toString());
                check(w, QStringLiteral("column tip"),
                      header->model()->headerData(i, header->orientation(), Qt::ToolTipRole).toString());
            }
        }
        for (QAction *a : w->actions()) {
            check(a, QStringLiteral("action"), a->text());
            check(a, QStringLiteral("action tip"), a->toolTip() == QString(a->text()).remove(QLatin1Char('&')) ? QString() : a->toolTip());
            check(a, QStringLiteral("status tip"), a->statusTip());
            if (a->menu()) {
                for (QAction *inner : a->menu()->actions())
                    check(inner, QStringLiteral("menu item"), inner->text());
            }
        }
    }
}

void TestTranslations::everyTextTheStudioShowsGoesThroughTr()
{
    PseudoTranslator pseudo;
    QVERIFY(QCoreApplication::installTranslator(&pseudo));
    QTemporaryDir dir;
    {
        MainWindow window;
        QSet<QString> examples;
        for (const QFileInfo &example : QDir(QStringLiteral(STRATUS_EXAMPLES_DIR)).entryInfoList({QStringLiteral("*.json")}))
            examples << example.completeBaseName();
        collect(&window, examples); // the welcome screen
        const QString file = stratus::test::importExample(dir.path(), "http-api");
        const Status s = window.openFile(file);
        QVERIFY2(s, s.message().c_str());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // What the workspace holds is shown as written: its names, ids, paths
        // and values are data, not the studio's words.
        QSet<QString> data{QFileInfo(file).fileName(), file};
        // The node kinds' field names, as written in the workspace JSON
        // (docs/workspace-json.md), lead their tool tips; CORS's own fields.
        for (const NodeKindSpec &spec : NodeKindRegistry::instance().kinds()) {
            for (const FieldSpec &f : spec.fields)
                data << QString::fromStdString(f.name);
        }
        for (const char *cors : {"allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "allowCredentials", "maxAgeS"})
            data << QLatin1String(cors);
        // The bundled examples are listed by file name.
        for (const QFileInfo &example : QDir(QStringLiteral(STRATUS_EXAMPLES_DIR)).entryInfoList({QStringLiteral("*.json")}))
            data << example.completeBaseName();
        // The test event's HTTP request: a route of the example, and a query's syntax.
        data << QStringLiteral("todos") << QStringLiteral("name=value&other=2") << QStringLiteral("name")
             << QStringLiteral("value") << QStringLiteral("other");
        for (const Workflow &wf : window.document()->workspace().workflows) {
            data << QString::fromStdString(wf.name()) << QString::fromStdString(wf.id().str());
            for (const Node &n : wf.nodes())
                data << QString::fromStdString(n.name) << QString::fromStdString(n.id.str());
        }
        for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
            dock->show();
            dock->raise();
        }
        for (const Node &node : window.document()->workflow(WorkflowId("api"))->nodes()) {
            QVERIFY(window.selectNode(WorkflowId("api"), node.id));
            QCoreApplication::processEvents();
            collect(&window, data);
        }
        for (QAction *menu : window.menuBar()->actions()) {
            collect(menu->menu(), data);
        }

        SettingsDialog settings(UserSettings{}, &window);
        collect(&settings, data);
        ShortcutsDialog shortcuts(&window);
        collect(&shortcuts, data);
        TourDialog tour(&window);
        collect(&tour, data);
        WireDialog wire(window.currentScene(), NodeId("get-todo"), &window);
        collect(&wire, data);
        for (const char *node : {"create-route", "create-todo"}) {
            if (QWidget *d = window.openTestEventDialog(WorkflowId("api"), NodeId(node))) {
                collect(d, data);
                d->close();
            }
        }
        if (QWidget *d = window.openLoadTestDialog(WorkflowId("api"), NodeId("create-route"))) {
            collect(d, data);
            d->close();
        }
        if (QWidget *d = window.openMemorySweepDialog(WorkflowId("api"), NodeId("create-todo"))) {
            collect(d, data);
            d->close();
        }
    }
    QCoreApplication::removeTranslator(&pseudo);
    for (const QString &line : m_found)
        qWarning("not through tr(): %s", qPrintable(line));
    QVERIFY2(m_found.isEmpty(), qPrintable(QStringLiteral("%1 texts are shown without a translation (listed above)")
                                               .arg(m_found.size())));
}

void TestTranslations::theBuiltTranslationsLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("open");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("&Öffnen…");
    QTest::newRow("pt_BR") << QStringLiteral("pt_BR") << QStringLiteral("&Abrir…");
}

void TestTranslations::theBuiltTranslationsLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, open);
    QStringList messages;
    installTranslations(language, &messages);
    QVERIFY2(messages.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
    {
        MainWindow window;
        QCOMPARE(window.action(QStringLiteral("open"))->text(), open);
        // A node kind's label, marked in the engine, and Qt's own strings (qtbase).
        QVERIFY(QCoreApplication::translate("NodeKind", "Function") != QStringLiteral("Function"));
        QVERIFY(QCoreApplication::translate("QPlatformTheme", "Cancel") != QStringLiteral("Cancel"));
    }
    installTranslations(QStringLiteral("en"), &messages);
    QCOMPARE(QCoreApplication::translate("NodeKind", "Function"), QStringLiteral("Function"));
}

void TestTranslations::aDamagedTranslationLeavesTheStudioInEnglish()
{
    // A .qm that is not one, where the studio looks first.
    QTemporaryDir dir;
    QFile damaged(dir.filePath(QStringLiteral("stratus_de.qm")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("not a Qt translation file\n");
    damaged.close();
    qputenv("STRATUS_TRANSLATIONS_DIR", dir.path().toUtf8());
    QStringList messages;
    installTranslations(QStringLiteral("de"), &messages);
    qunsetenv("STRATUS_TRANSLATIONS_DIR");
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.front().contains(QStringLiteral("could not be read")), qPrintable(messages.front()));
    QVERIFY2(messages.front().contains(QStringLiteral("stratus_de.qm")), qPrintable(messages.front()));
    MainWindow window;
    QCOMPARE(window.action(QStringLiteral("open"))->text(), QStringLiteral("&Open…"));
}

void TestTranslations::everyProblemTheEngineGivesHasATranslatedReason()
{
    // http-api broken in as many ways as the checks know: each problem's
    // kind must read in the user's language (problemReason), before the
    // engine's English detail.
    Json doc = Json::parse(stratus::test::readBytes(QStringLiteral(STRATUS_EXAMPLES_DIR "/http-api.json")).toStdString());
    Json &wf = doc["workflows"][0];
    auto node = [&](const std::string &id) -> Json & {
        for (Json &n : wf["nodes"])
            if (n["id"] == id)
                return n;
        qFatal("no node %s", id.c_str());
    };
    Json &create = node("create-todo")["config"];
    create["memoryMB"] = 64;
    create["handler"] = "src/create";
    create["environment"] = {{"1BAD", "x"}};
    create["timeoutS"] = "5";
    create["colour"] = 1;
    create["uses"] = {"nothing"};
    node("list-route")["config"]["path"] = "todos";
    node("get-route")["config"]["path"] = "/todos/{name}";
    node("list-todos")["config"].erase("handler");
    node("list-todos")["name"] = "bad name";
    node("check-todo")["config"]["rules"] = Json::array({Json{{"condition", "x"}}});
    node("errors")["name"] = "todos";
    auto add = [&](Json n) { wf["nodes"].push_back(std::move(n)); };
    add({{"id", "tick"}, {"kind", "trigger.schedule"}, {"name", "tick"}, {"position", {0, 600}},
         {"config", {{"expression", "rate(0 minutes)"}, {"timezone", "Mars/Olympus"}}}});
    add({{"id", "odd"}, {"kind", "nonsense"}, {"name", "odd"}, {"position", {200, 600}}, {"config", Json::object()}});
    for (const char *id : {"ping", "pong"})
        add({{"id", id}, {"kind", "function"}, {"name", id}, {"position", {400, 600}},
             {"config", {{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"files", {{"index.js", "//"}}}}}});
    add({{"id", "ping"}, {"kind", "log"}, {"name", "again"}, {"position", {0, 0}}, {"config", Json::object()}});
    auto edge = [&](const char *id, const char *a, const char *ap, const char *b, const char *bp) {
        wf["edges"].push_back({{"id", id}, {"from", {{"node", a}, {"port", ap}}}, {"to", {{"node", b}, {"port", bp}}}});
    };
    edge("x1", "ping", "ok", "pong", "in");
    edge("x2", "pong", "ok", "ping", "in");
    edge("x3", "todos", "in", "errors", "in");
    edge("x4", "list-route", "event", "nowhere", "in");
    edge("x5", "list-route", "event", "list-todos", "in");
    doc["testEvents"].push_back({{"workflow", "api"}, {"node", "gone"}, {"name", "lost"}, {"event", Json::object()}});
    doc["settings"]["retention"] = "forever";

    auto read = workspace_json::read(doc.dump());
    QVERIFY2(read, read.status().message().c_str());
    Problems problems = read->problems;
    for (Problem &p : validateWorkspace(read->workspace))
        problems.push_back(std::move(p));
    std::set<std::string> codes, unknown;
    for (const Problem &p : problems) {
        codes.insert(p.code);
        if (problemReason(p.code).isEmpty())
            unknown.insert(p.code);
    }
    QVERIFY2(codes.size() >= 18, qPrintable(QString::number(codes.size())));
    QVERIFY2(unknown.empty(), qPrintable(QStringLiteral("no reason for: %1").arg(QString::fromStdString(
                                 std::accumulate(unknown.begin(), unknown.end(), std::string(),
                                                 [](std::string a, const std::string &b) { return a + b + " "; })))));

    // Shown translated, the reason comes first and the detail as the CLI says it.
    installTranslations(QStringLiteral("de"), nullptr);
    Problem outOfRange;
    outOfRange.code = "out-of-range";
    outOfRange.message = "64 is below the minimum 128";
    QCOMPARE(problemText(outOfRange), QStringLiteral("Außerhalb des Bereichs: 64 is below the minimum 128"));
    installTranslations(QStringLiteral("en"), nullptr);
    QCOMPARE(problemText(outOfRange), QStringLiteral("Out of range: 64 is below the minimum 128"));
    Problem missing; // its detail says no more than its kind
    missing.code = "missing-field";
    missing.message = "is required";
    QCOMPARE(problemText(missing), QStringLiteral("Required field missing"));
}

void TestTranslations::theStudioFitsASmallScreenInEachLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("pt_BR") << QStringLiteral("pt_BR");
}

void TestTranslations::theStudioFitsASmallScreenInEachLanguage()
{
    // A 1366x768 laptop: German and Portuguese words are longer than the
    // English ones, and a label that does not wrap widens its whole panel
    // (and the window past the screen, cutting the right-hand panels off).
    QFETCH(QString, language);
    QStringList messages;
    installTranslations(language, &messages);
    QVERIFY2(messages.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
    const QSize screen(1366, 768);
    QTemporaryDir dir;
    QStringList tooWide;
    auto measure = [&](QWidget *w, const QString &what) {
        const QSize least = w->minimumSizeHint().expandedTo(w->minimumSize());
        if (least.width() <= screen.width() && least.height() <= screen.height())
            return;
        tooWide << QStringLiteral("%1 needs %2x%3").arg(what).arg(least.width()).arg(least.height());
        // Which part asks for it: the widest panels.
        for (QDockWidget *dock : w->findChildren<QDockWidget *>()) {
            if (dock->isVisible() && dock->minimumSizeHint().width() > screen.width() / 4)
                tooWide << QStringLiteral("  panel %1 needs %2 wide").arg(dock->objectName()).arg(dock->minimumSizeHint().width());
        }
    };
    {
        MainWindow window;
        const QString file = stratus::test::importExample(dir.path(), "http-api");
        const Status s = window.openFile(file);
        QVERIFY2(s, s.message().c_str());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        measure(&window, QStringLiteral("the main window"));
        for (const Node &node : window.document()->workflow(WorkflowId("api"))->nodes()) {
            QVERIFY(window.selectNode(WorkflowId("api"), node.id));
            QCoreApplication::processEvents();
            measure(&window, QStringLiteral("the main window with %1 selected").arg(QString::fromStdString(node.id.str())));
        }
        SettingsDialog settings(UserSettings{}, &window);
        measure(&settings, QStringLiteral("Settings"));
        ShortcutsDialog shortcuts(&window);
        measure(&shortcuts, QStringLiteral("Keyboard Shortcuts"));
        TourDialog tour(&window);
        measure(&tour, QStringLiteral("Getting Started"));
        if (QWidget *d = window.openTestEventDialog(WorkflowId("api"), NodeId("create-route"))) {
            measure(d, QStringLiteral("Send Test Event"));
            d->close();
        }
        if (QWidget *d = window.openLoadTestDialog(WorkflowId("api"), NodeId("create-route"))) {
            measure(d, QStringLiteral("Load Test"));
            d->close();
        }
        if (QWidget *d = window.openMemorySweepDialog(WorkflowId("api"), NodeId("create-todo"))) {
            measure(d, QStringLiteral("Tune Memory"));
            d->close();
        }
    }
    installTranslations(QStringLiteral("en"), &messages);
    QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
