// Renders the README's tutorial screenshots, offscreen, from the real studio
// on the http-api example: design (a function selected), run (a test event's
// answer), measure (invocations and charts, then the cost) and the language
// shots are docs/images/studio-*.png (docs/translating.md).
//
// Usage: tutorial_shots OUTDIR     (writes tutorial-{design,send,measure,cost}.png)

#include "testutil.h"

#include "editor/mainwindow/mainwindow.h"
#include "editor/run/invocationsmodel.h"
#include "editor/run/invocationspanel.h"
#include "editor/run/runsession.h"
#include "editor/run/testeventdialog.h"

#include <QApplication>
#include <QDockWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace stratus::editor;
using namespace stratus::engine;

namespace {

bool save(QWidget *window, const QString &path, QWidget *over = nullptr)
{
    QCoreApplication::processEvents();
    QPixmap shot = window->grab();
    if (over) { // a dialog, drawn where a window manager would centre it
        QPainter p(&shot);
        const QPixmap dialog = over->grab();
        const int title = 28;
        const QRect frame((shot.width() - dialog.width()) / 2, (shot.height() - dialog.height()) / 3,
                          dialog.width(), dialog.height() + title);
        p.fillRect(frame.adjusted(-1, -1, 1, 1), QColor(0x5a, 0x5a, 0x5a));
        p.fillRect(QRect(frame.topLeft(), QSize(frame.width(), title)), QColor(0xe0, 0xe0, 0xe0));
        p.setPen(Qt::black);
        p.drawText(QRect(frame.topLeft(), QSize(frame.width(), title)), Qt::AlignCenter, over->windowTitle());
        p.drawPixmap(frame.left(), frame.top() + title, dialog);
    }
    const bool ok = shot.save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

void raise(MainWindow &window, const char *dock)
{
    if (auto *d = window.findChild<QDockWidget *>(QLatin1String(dock))) {
        d->show();
        d->raise();
    }
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: tutorial_shots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    const QString file = stratus::test::importExample(dir.path(), "http-api");

    MainWindow window;
    if (Status s = window.openFile(file); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::fprintf(stderr, "the window was never shown\n");
        return 1;
    }
    const WorkflowId api("api");
    window.selectNode(api, NodeId("create-todo"));
    QTest::qWait(300);
    bool ok = save(&window, out + QStringLiteral("/tutorial-design.png"));

    if (Status s = window.startRun(); !s) {
        std::fprintf(stderr, "cannot run: %s\n", s.message().c_str());
        return 1;
    }
    window.selectNode(api, NodeId("create-route"));
    TestEventDialog *send = window.openTestEventDialog(api, NodeId("create-route"));
    send->resize(720, 560);
    send->setRequest(QStringLiteral("POST"), QStringLiteral("/todos"), QString(),
                     {{QStringLiteral("content-type"), QStringLiteral("application/json")}},
                     QStringLiteral(R"({"title": "buy milk"})"));
    send->sendNow();
    if (!QTest::qWaitFor([&] { return !send->answer()->toPlainText().isEmpty(); }, 15000))
        std::fprintf(stderr, "the test event got no answer in 15 s\n");
    ok = save(&window, out + QStringLiteral("/tutorial-send.png"), send) && ok;
    send->close();

    // Some traffic: lists, creations (one refused by the choice) and reads.
    for (int i = 0; i < 12; ++i) {
        window.runSession()->send(api, NodeId("list-route"), Json::object());
        window.runSession()->send(api, NodeId("create-route"),
                                  Json{{"method", "POST"}, {"path", "/todos"},
                                       {"body", i % 4 == 3 ? R"({"title": ""})" : R"({"title": "task"})"}});
        window.runSession()->send(api, NodeId("get-route"), Json{{"method", "GET"}, {"path", "/todos/x" + std::to_string(i)}});
    }
    if (!QTest::qWaitFor([&] { return window.invocationsPanel()->model()->rowCount() >= 36; }, 30000))
        std::fprintf(stderr, "fewer than 36 invocations listed after 30 s\n");
    raise(window, "invocations");
    raise(window, "charts");
    QTest::qWait(1500); // the charts' next tick
    ok = save(&window, out + QStringLiteral("/tutorial-measure.png")) && ok;
    raise(window, "cost");
    QTest::qWait(1000);
    ok = save(&window, out + QStringLiteral("/tutorial-cost.png")) && ok;
    window.stopRun();
    return ok ? 0 : 1;
}
