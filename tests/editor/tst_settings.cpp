// The user's settings: a round trip through a real QSettings file, values
// of the wrong type edited in by hand, the interpreters and theme taking
// effect, the dialog refusing what does not work, and the main window
// following them (new workspaces, autosave, the gateway's address, the Cost
// panel).

#include "testutil.h"

#include "editor/code/codeview.h"
#include "editor/code/qsci.h"
#include "editor/document/workspacedocument.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/run/costpanel.h"
#include "editor/run/runsession.h"
#include "editor/settings/settingsdialog.h"
#include "editor/settings/usersettings.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace stratus::engine;
using namespace stratus::editor;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripThroughTheFile();
    void handEditedWrongValuesFallBackAndAreNamed();
    void aChosenInterpreterIsUsedOnlyWhenItIsOne();
    void themesChangeThePalette();
    void anUnknownOrMissingTranslationLeavesEnglish();
    void theDialogRefusesWhatDoesNotWork();
    void theWindowFollowsTheSettings();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettings::initTestCase()
{
    static QTemporaryDir config; // the window's QSettings(), not the user's
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("StratusTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
}

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings().clear();
}

void TestSettings::roundTripThroughTheFile()
{
    UserSettings chosen;
    chosen.language = QStringLiteral("de");
    chosen.theme = Theme::HighContrast;
    chosen.nodePath = QStringLiteral("/opt/node/bin/node");
    chosen.pythonPath = QStringLiteral("/usr/bin/python3.11");
    chosen.gateway = {"0.0.0.0", 8080};
    chosen.pricingPreset = QStringLiteral("aws-arm64");
    chosen.vmPricePerHour = 0.0832;
    chosen.retentionDays = 30;
    chosen.retentionRuns = 5000;
    chosen.autosaveDelayMs = 2500;
    QVERIFY(!(chosen == UserSettings()));
    {
        QSettings file(iniPath(), QSettings::IniFormat);
        chosen.save(file);
    }
    QSettings file(iniPath(), QSettings::IniFormat);
    QStringList problems;
    const UserSettings read = UserSettings::load(file, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QVERIFY(read == chosen);

    // A value left empty is the default, and no problem.
    QSettings empty(m_dir->filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    empty.setValue(QStringLiteral("run/gatewayHost"), QString());
    empty.setValue(QStringLiteral("costs/pricingPreset"), QString());
    problems.clear();
    QVERIFY(UserSettings::load(empty, &problems) == UserSettings());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));

    const Json settings = chosen.newWorkspaceSettings();
    QVERIFY(settings == Json::parse(R"({"pricing": "aws-arm64", "region": "us-east-1",
                                         "retention": {"days": 30, "runs": 5000}})"));
    QVERIFY(!UserSettings().newWorkspaceSettings().contains("retention"));
}

void TestSettings::handEditedWrongValuesFallBackAndAreNamed()
{
    QFile ini(iniPath());
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[appearance]\nlanguage=xx_YY\ntheme=purple\n"
              "[runtimes]\nnode=bin/node\npython=\"/usr/bin/python3\", \"/usr/bin/python3.11\"\n"
              "[run]\ngatewayHost=not a host\ngatewayPort=eighty\n"
              "[costs]\npricingPreset=free-forever\nvmPricePerHour=-3\n"
              "[newWorkspaces]\nretentionDays=1.5\nretentionRuns=-1\n"
              "[editing]\nautosaveDelayMs=5\n");
    ini.close();
    QSettings file(iniPath(), QSettings::IniFormat);
    QStringList problems;
    const UserSettings read = UserSettings::load(file, &problems);
    QVERIFY(read == UserSettings()); // every one fell back
    const QStringList keys = {"appearance/language", "appearance/theme", "runtimes/node", "runtimes/python",
                              "run/gatewayHost", "run/gatewayPort", "costs/pricingPreset", "costs/vmPricePerHour",
                              "newWorkspaces/retentionDays", "newWorkspaces/retentionRuns", "editing/autosaveDelayMs"};
    QCOMPARE(problems.size(), keys.size());
    for (const QString &key : keys) {
        bool named = false;
        for (const QString &p : problems)
            named = named || p.contains(key + QStringLiteral(" = "));
        QVERIFY2(named, qPrintable(key + ": " + problems.join('\n')));
    }
    const QString joined = problems.join('\n');
    QVERIFY2(joined.contains("\"purple\" is not a theme"), qPrintable(joined));
    QVERIFY2(joined.contains("is not a whole number from 200 to 60000; using \"1000\""), qPrintable(joined));
    QVERIFY2(joined.contains("runtimes/python = (a list or group) is not text"), qPrintable(joined));
}

void TestSettings::aChosenInterpreterIsUsedOnlyWhenItIsOne()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY(!node.isEmpty());
    qunsetenv("STRATUS_NODE");
    UserSettings s;
    s.nodePath = node;
    QStringList messages;
    applyUserSettings(s, &messages);
    QVERIFY2(messages.isEmpty(), qPrintable(messages.join('\n')));
    QCOMPARE(qEnvironmentVariable("STRATUS_NODE"), node);

    s.nodePath = m_dir->filePath(QStringLiteral("no-such-node"));
    s.pythonPath = node; // Node.js is not Python
    applyUserSettings(s, &messages);
    QCOMPARE(messages.size(), 2);
    QVERIFY2(messages[0].contains("Node.js") && messages[0].contains("does not exist"), qPrintable(messages[0]));
    QVERIFY2(messages[1].contains("Python") && messages[1].contains("is not Python 3"), qPrintable(messages[1]));
    QVERIFY(!qEnvironmentVariableIsSet("STRATUS_NODE"));
    QVERIFY(!qEnvironmentVariableIsSet("STRATUS_PYTHON"));

    messages.clear();
    applyUserSettings(UserSettings(), &messages);
    QVERIFY(messages.isEmpty());
    QVERIFY(!qEnvironmentVariableIsSet("STRATUS_NODE"));
}

void TestSettings::themesChangeThePalette()
{
    // The code editor's lexer colours follow: black punctuation on white
    // paper becomes light on the dark base.
    CodeView code;
    code.showFile(QStringLiteral("index.js"), QStringLiteral("const x = { a: 1 };"));
    auto *lexer = code.lexer();
    QVERIFY(lexer);
    const int operators = QsciLexerJavaScript::Operator;
    const QColor lightOperator = lexer->color(operators);
    QVERIFY(lightOperator.lightness() < 80);

    UserSettings s;
    s.theme = Theme::Dark;
    applyUserSettings(s);
    QCoreApplication::processEvents();
    QVERIFY2(lexer->color(operators).lightness() > 150, qPrintable(lexer->color(operators).name()));
    QCOMPARE(lexer->paper(operators), code.palette().color(QPalette::Base));
    QVERIFY(lexer->color(QsciLexerJavaScript::Keyword).lightness() > 150);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
    s.theme = Theme::HighContrast;
    applyUserSettings(s);
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
    QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::white));
    QVERIFY(qApp->styleSheet().contains(QStringLiteral("border: 1px solid #ffffff")));
    s.theme = Theme::Light;
    applyUserSettings(s);
    QCoreApplication::processEvents();
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    QVERIFY(qApp->styleSheet().isEmpty());
    QCOMPARE(lexer->color(operators), lightOperator);
    applyUserSettings(UserSettings());
}

void TestSettings::anUnknownOrMissingTranslationLeavesEnglish()
{
    QStringList messages;
    installTranslations(QStringLiteral("xx"), &messages);
    QCOMPARE(messages.size(), 1);
    QVERIFY(QCoreApplication::translate("MainWindow", "&File") == QStringLiteral("&File"));
    messages.clear();
    installTranslations(QStringLiteral("en"), &messages);
    QVERIFY(messages.isEmpty());
}

void TestSettings::theDialogRefusesWhatDoesNotWork()
{
    SettingsDialog dialog(UserSettings{});
    auto *node = dialog.findChild<QLineEdit *>(QStringLiteral("nodePath"));
    auto *host = dialog.findChild<QLineEdit *>(QStringLiteral("gatewayHost"));
    auto *problems = dialog.findChild<QLabel *>(QStringLiteral("problems"));
    auto *nodeState = dialog.findChild<QLabel *>(QStringLiteral("nodeState"));
    QVERIFY(node && host && problems && nodeState);
    QVERIFY2(nodeState->text().contains("Found automatically"), qPrintable(nodeState->text()));

    node->setText(m_dir->filePath(QStringLiteral("missing-node")));
    Q_EMIT node->editingFinished();
    QVERIFY2(nodeState->text().contains("does not exist"), qPrintable(nodeState->text()));
    host->setText(QStringLiteral("my laptop"));
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible()); // refused: it says why and stays open
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(problems->text().contains("Node.js interpreter") && problems->text().contains("does not exist"),
             qPrintable(problems->text()));
    QVERIFY2(problems->text().contains("\"my laptop\" is not an IP address"), qPrintable(problems->text()));

    node->clear();
    host->setText(QStringLiteral("127.0.0.1"));
    dialog.findChild<QSpinBox *>(QStringLiteral("gatewayPort"))->setValue(9123);
    dialog.findChild<QSpinBox *>(QStringLiteral("autosaveDelay"))->setValue(3000);
    auto *theme = dialog.findChild<QComboBox *>(QStringLiteral("theme"));
    theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const UserSettings chosen = dialog.settings();
    QCOMPARE(chosen.gateway.port, 9123);
    QCOMPARE(chosen.autosaveDelayMs, 3000);
    QVERIFY(chosen.theme == Theme::Dark);
    QVERIFY(chosen.nodePath.isEmpty());
}

void TestSettings::theWindowFollowsTheSettings()
{
    // A port nobody listens on, for the gateway's default.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const int port = probe.serverPort();
    probe.close();

    UserSettings chosen;
    chosen.autosaveDelayMs = 2500;
    chosen.gateway.port = port;
    chosen.vmPricePerHour = 0.5;
    chosen.pricingPreset = QStringLiteral("aws-arm64");
    chosen.retentionDays = 7;
    chosen.save();

    MainWindow window;
    QVERIFY(window.userSettings() == chosen);
    QCOMPARE(window.costPanel()->vmHourly()->value(), 0.5);
    const QString file = m_dir->filePath(QStringLiteral("new.stratus"));
    Status s = window.newWorkspace(file);
    QVERIFY2(s, s.message().c_str());
    QCOMPARE(window.document()->autosaveDelay(), 2500);
    const Json &settings = window.document()->workspace().settings;
    QVERIFY2(settings == Json::parse(R"({"pricing": "aws-arm64", "region": "us-east-1", "retention": {"days": 7}})"),
             settings.dump().c_str());

    s = window.startRun();
    QVERIFY2(s, s.message().c_str());
    QVERIFY2(window.runSession()->url().endsWith(QStringLiteral(":%1").arg(port)), qPrintable(window.runSession()->url()));
    window.stopRun();

    // Through the dialog, as a user does (Edit → Settings, then OK).
    QAction *edit = window.findChild<QAction *>(QStringLiteral("settings"));
    QVERIFY(edit);
    QCOMPARE(edit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    QTimer::singleShot(0, &window, [] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(QStringLiteral("autosaveDelay"))->setValue(600);
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("vmPrice"))->setValue(1.25);
        dialog->accept();
    });
    edit->trigger();
    QCOMPARE(window.document()->autosaveDelay(), 600);
    QCOMPARE(window.costPanel()->vmHourly()->value(), 1.25);
    QCOMPARE(UserSettings::load().autosaveDelayMs, 600); // saved

    // What could not be used is said, without blocking the window.
    window.showSettingsMessages({QStringLiteral("Setting appearance/theme = \"purple\" is not a theme; using \"system\"")});
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("settingsMessages"));
    QVERIFY(box && box->isVisible() && !box->isModal());
    QVERIFY(box->informativeText().contains(QStringLiteral("purple")));
    box->close();
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
