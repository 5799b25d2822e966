// stratus-studio: wires the editor library into an application.

#include "editor/mainwindow/mainwindow.h"
#include "editor/settings/usersettings.h"
#include "engine/model/version.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstdlib>

namespace {

/// True when Qt can show a window: a display, or a platform chosen explicitly
/// (offscreen, vnc, ...).
bool haveDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
           || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char *argv[])
{
    if (!haveDisplay()) {
        std::fprintf(stderr,
                     "stratus-studio: no display found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                     "Run it on a desktop, under xvfb-run, or use the command line instead:\n"
                     "  stratus --help            every command\n"
                     "  stratus info FILE         what a workspace holds\n"
                     "  stratus validate FILE     check it\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Stratus Studio"));
    QApplication::setOrganizationName(QStringLiteral("Stratus"));
    QApplication::setApplicationVersion(QString::fromLatin1(stratus::engine::kVersion));

    // The user's settings, before any window: widgets take their text and
    // colours when made. A wrong value falls back to its default, and says so.
    QStringList messages;
    const stratus::editor::UserSettings settings = stratus::editor::UserSettings::load(&messages);
    stratus::editor::installTranslations(settings.language, &messages);
    stratus::editor::applyUserSettings(settings, &messages);
    for (const QString &message : messages)
        std::fprintf(stderr, "stratus-studio: %s\n", qPrintable(message));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Design, run and ship serverless workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("main", "A workspace (.stratus) or workspace JSON document to open."),
        QStringLiteral("[FILE]"));
    const QCommandLineOption node(
        QStringLiteral("node"),
        QApplication::translate("main", "Select this node once FILE is open (WORKFLOW/NODE ids)."),
        QStringLiteral("WORKFLOW/NODE"));
    parser.addOption(node);
    parser.process(app);

    stratus::editor::MainWindow window;
    window.show();
    window.showSettingsMessages(messages);
    if (parser.positionalArguments().isEmpty()) {
        window.restoreSession(); // reopen where the user left off
    } else {
        window.openFileInteractively(parser.positionalArguments().constFirst());
        const QString at = parser.value(node);
        if (const qsizetype slash = at.indexOf(QLatin1Char('/')); slash > 0
            && !window.selectNode(stratus::engine::WorkflowId(at.left(slash).toStdString()),
                                  stratus::engine::NodeId(at.mid(slash + 1).toStdString())))
            std::fprintf(stderr, "stratus-studio: no node '%s' in the workspace\n", qPrintable(at));
    }
    return app.exec();
}
