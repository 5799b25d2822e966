// stratus-studio: wires the editor library into an application.

#include "editor/mainwindow/mainwindow.h"
#include "editor/settings/usersettings.h"
#include "engine/model/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

/// True when Qt can show a window: a display, or a platform chosen explicitly
/// (offscreen, vnc, ...).
bool haveDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
           || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

/// The command line: what --help prints (and help2man makes the man page of).
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption node{QStringLiteral("node"),
                            QCoreApplication::translate("main", "Select this node once FILE is open (WORKFLOW/NODE ids)."),
                            QStringLiteral("WORKFLOW/NODE")};

    CommandLine()
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Design, run and ship serverless workflows."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(
            QStringLiteral("file"),
            QCoreApplication::translate("main", "A workspace (.stratus) or workspace JSON document to open."),
            QStringLiteral("[FILE]"));
        parser.addOption(node);
    }
};

void nameTheApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Stratus Studio"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stratus"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(stratus::engine::kVersion));
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version need no display (help2man reads them at build time).
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v") {
            QCoreApplication app(argc, argv);
            nameTheApplication();
            CommandLine line;
            line.parser.process(app); // prints and exits
            return 0;
        }
    }
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
    nameTheApplication();
    QGuiApplication::setDesktopFileName(QStringLiteral("dev.stratus.Studio"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("dev.stratus.Studio"),
                                                 QIcon(QStringLiteral(":/stratus/desktop/dev.stratus.Studio.svg"))));

    // The user's settings, before any window: widgets take their text and
    // colours when made. A wrong value falls back to its default, and says so.
    QStringList messages;
    const stratus::editor::UserSettings settings = stratus::editor::UserSettings::load(&messages);
    stratus::editor::installTranslations(settings.language, &messages);
    stratus::editor::applyUserSettings(settings, &messages);
    for (const QString &message : messages)
        std::fprintf(stderr, "stratus-studio: %s\n", qPrintable(message));

    CommandLine line;
    line.parser.process(app);

    stratus::editor::MainWindow window;
    window.show();
    if (line.parser.positionalArguments().isEmpty()) {
        window.restoreSession(); // reopen where the user left off
    } else {
        window.openFileInteractively(line.parser.positionalArguments().constFirst());
        const QString at = line.parser.value(line.node);
        if (const qsizetype slash = at.indexOf(QLatin1Char('/')); slash > 0
            && !window.selectNode(stratus::engine::WorkflowId(at.left(slash).toStdString()),
                                  stratus::engine::NodeId(at.mid(slash + 1).toStdString())))
            std::fprintf(stderr, "stratus-studio: no node '%s' in the workspace\n", qPrintable(at));
    }
    // After the file opened: its own status line would cover them.
    window.showSettingsMessages(messages);
    return app.exec();
}
