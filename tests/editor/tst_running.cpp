// The studio's Run on the offscreen platform, against real worker processes
// and real HTTP on 127.0.0.1: Run and Stop, a request to the studio's gateway
// and a test event, the rows and the detail of the Invocations panel, the
// counts on the canvas, breakpoints with an edited paused event, a replay,
// the Cost panel against `stratus cost`, and quitting while running.

#include "engine/run/runtest.h"

#include "editor/canvas/runoverlay.h"
#include "editor/canvas/workflowscene.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "engine/model/text.h"
#include "engine/store/runhistory.h"
#include "editor/inspector/inspector.h"
#include "editor/mainwindow/mainwindow.h"
#include "editor/run/chartspanel.h"
#include "editor/run/costpanel.h"
#include "editor/run/datapanel.h"
#include "editor/run/invocationspanel.h"
#include "editor/run/jsoneditor.h"
#include "editor/run/loadtestdialog.h"
#include "editor/run/memorysweepdialog.h"
#include "editor/run/runpanel.h"
#include "editor/run/runsession.h"
#include "editor/run/testeventdialog.h"

#include <QApplication>
#include <QChart>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableWidget>
#include <QCheckBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QRadioButton>
#include <QSpinBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

using namespace stratus::engine;
using namespace stratus::test;
using stratus::editor::MainWindow;

namespace {

/// Processes whose parent is this one (the function instances).
int childProcesses()
{
    int children = 0;
    const QString self = QString::number(QCoreApplication::applicationPid());
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QFile stat(it.next() + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid …: comm may hold spaces, so read after its ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> rest = text.mid(text.lastIndexOf(')') + 2).split(' ');
        children += rest.size() > 1 && rest[1] == self.toLatin1();
    }
    return children;
}

int gatewayPort(const QString &url)
{
    return QUrl(url).port();
}

} // namespace

class TestRunning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void runServesHttpAndShowsTheInvocation();
    void dataPanelShowsAndChangesWhatResourcesHold();
    void testEventsAreSavedUndoablyAndSent();
    void runIsRefusedWithValidationErrors();
    void breakpointPausesAndTheEditedEventGoesOn();
    void replayRunsAPastRunAgain();
    void costPanelMatchesStratusCost();
    void costPanelPricesRunsAsTheyEnd();
    void glowFadesOutThenTheCanvasRests();
    void memorySweepSaysASizeThatFailed();
    void pastInvocationsAreThereAfterARestart();
    void failingFunctionShowsAsSuchAndRunsGoOn();
    void quittingWhileRunningLeavesNoProcess();
    void loadTestSummarisesAndStopEndsIt();
    void memorySweepPlotsSizesAndSetsTheChosenOne();

private:
    QString workspace(const Json &extraNodes = Json::array(), const Json &extraEdges = Json::array());
    std::unique_ptr<MainWindow> openWindow(const QString &file);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunning::initTestCase()
{
    static QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    qputenv("XDG_CACHE_HOME", config.path().toUtf8());
}

void TestRunning::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRunning::cleanup()
{
    m_dir.reset();
}

QString TestRunning::workspace(const Json &extraNodes, const Json &extraEdges)
{
    Json nodes = Json::array({
        kindNode("hello", "trigger.http", {{"method", "ANY"}, {"path", "/hello"}}),
        functionNode("echo", "exports.handler = async (event) => {\n"
                             "  console.log('echo got', JSON.stringify(event).length, 'bytes');\n"
                             "  if (event.fail) throw new Error('asked to fail');\n"
                             "  return { echoed: event.body ?? event.value ?? null };\n"
                             "};\n"),
        kindNode("audit", "log"),
    });
    Json edges = Json::array({edgeJson("hello", "event", "echo"), edgeJson("echo", "ok", "audit")});
    for (const Json &n : extraNodes)
        nodes.push_back(n);
    for (const Json &e : extraEdges)
        edges.push_back(e);
    Json doc = Json::parse(workspaceDocument(nodes, edges));
    doc["settings"] = {{"gateway", {{"host", "127.0.0.1"}, {"port", 0}}}};
    return writeWorkspace(m_dir->path(), doc.dump());
}

std::unique_ptr<MainWindow> TestRunning::openWindow(const QString &file)
{
    auto window = std::make_unique<MainWindow>();
    if (Status s = window->openFile(file); !s)
        qFatal("cannot open %s: %s", qPrintable(file), s.message().c_str());
    window->resize(1400, 900);
    window->show();
    return window;
}

void TestRunning::runServesHttpAndShowsTheInvocation()
{
    auto window = openWindow(workspace());
    QVERIFY(window->action(QStringLiteral("run"))->isEnabled());
    QVERIFY(!window->action(QStringLiteral("stop"))->isEnabled());
    window->action(QStringLiteral("run"))->trigger();
    QVERIFY(window->runSession()->isRunning());
    QVERIFY(window->action(QStringLiteral("stop"))->isEnabled());
    const QString url = window->runSession()->url();
    QVERIFY2(url.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(url));
    // The route, with its URL and a curl line to copy.
    QTreeWidget *routes = window->runPanel()->routes();
    QCOMPARE(routes->topLevelItemCount(), 1);
    QCOMPARE(routes->topLevelItem(0)->text(1), url + QStringLiteral("/hello"));
    QCOMPARE(window->runPanel()->curlLine(0), QStringLiteral("curl -i -X GET '%1/hello'").arg(url));
    // And where the SDK and the AWS CLI reach the workspace's tables and queues.
    const QString endpoint = window->runSession()->servicesUrl();
    QVERIFY2(endpoint.startsWith(QLatin1String("http://127.0.0.1:")) && endpoint != url, qPrintable(endpoint));
    QVERIFY2(window->runPanel()->state()->text().contains(QStringLiteral("AWS endpoint")) &&
                 window->runPanel()->state()->text().contains(endpoint),
             qPrintable(window->runPanel()->state()->text()));

    RawHttp http(gatewayPort(url));
    QVERIFY(http.connected());
    http.send(RawHttp::request("POST", "/hello", "ping", {"Content-Type: text/plain"}));
    const auto answers = http.read(1);
    QCOMPARE(answers.size(), size_t(1));
    QCOMPARE(answers[0].status, 200);
    QCOMPARE_STR(answers[0].body, R"({"echoed":"ping"})");

    // The row, and the detail of the selected one.
    auto *panel = window->invocationsPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->row(0).function, std::string("echo"));
    QVERIFY(panel->model()->row(0).coldStart);
    QCOMPARE(panel->model()->data(panel->model()->index(0, stratus::editor::InvocationsModel::Start), Qt::DisplayRole)
                 .toString(), QStringLiteral("cold"));
    QVERIFY(panel->model()->row(0).cost > 0);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId));
    QTRY_VERIFY(panel->selectedRun().has_value());
    QVERIFY2(panel->summaryText()->toPlainText().contains(QLatin1String("REPORT RequestId:")),
             qPrintable(panel->summaryText()->toPlainText()));
    QVERIFY(panel->logsText()->toPlainText().contains(QLatin1String("echo got")));
    QVERIFY(panel->eventView()->text().contains(QLatin1String("\"body\": \"ping\"")));
    QVERIFY(panel->resultView()->text().contains(QLatin1String("\"echoed\": \"ping\"")));
    QCOMPARE(panel->pathTree()->topLevelItemCount(), 3); // hello, echo, audit
    QCOMPARE(panel->pathTree()->topLevelItem(1)->text(1), QStringLiteral("echo"));

    // The canvas: counts on the nodes and edges, and the selected run's path.
    auto *overlay = window->runOverlay();
    const WorkflowId main("main");
    QTRY_VERIFY(overlay->figures(main, NodeId("echo")) != nullptr);
    QCOMPARE(overlay->figures(main, NodeId("echo"))->passes, 1LL);
    QCOMPARE(overlay->figures(main, NodeId("echo"))->errors, 0LL);
    // A function's p50 is its invocations' duration, not the step's wall time (cold start included).
    QCOMPARE(overlay->figures(main, NodeId("echo"))->p50Us(), panel->model()->row(0).durationUs);
    QCOMPARE(overlay->edgeCount(main, EdgeId("hello.event->echo")), 1LL);
    QCOMPARE(overlay->edgeCount(main, EdgeId("echo.ok->audit")), 1LL);
    QCOMPARE(overlay->selectedPathStep(main, NodeId("echo")), 2);
    QVERIFY(overlay->edgeOnSelectedPath(main, EdgeId("echo.ok->audit")));

    // Edits apply while running: the saved code answers the next request.
    auto *document = window->document();
    const Node *echo = document->workflow(main)->findNode(NodeId("echo"));
    Node changed = *echo;
    changed.config["files"]["index.js"] = "exports.handler = async () => ({ version: 2 });\n";
    document->undoStack()->push(new stratus::editor::ChangeNodeCommand(document, main, *echo, changed, QStringLiteral("edit")));
    QVERIFY(document->save());
    QTRY_VERIFY_WITH_TIMEOUT(window->runPanel()->messages()->toPlainText().contains(QLatin1String("Reloaded")), 5000);
    http.send(RawHttp::request("GET", "/hello"));
    const auto second = http.read(1);
    QCOMPARE(second.size(), size_t(1));
    QCOMPARE_STR(second[0].body, R"({"version":2})");

    window->action(QStringLiteral("stop"))->trigger();
    QVERIFY(!window->runSession()->isRunning());
    QVERIFY(window->runPanel()->routes()->topLevelItemCount() == 0);
    QTRY_COMPARE(childProcesses(), 0);
    // Recorded as the CLI records: `stratus runs` lists the studio's runs.
    QProcess runs;
    runs.start(QStringLiteral(STRATUS_CLI_PATH), {QStringLiteral("runs"), window->document()->filePath(),
                                                 QStringLiteral("--json")});
    QVERIFY(runs.waitForFinished(20000));
    QCOMPARE(runs.exitCode(), 0);
    const Json listed = Json::parse(runs.readAllStandardOutput().toStdString());
    QCOMPARE(listed.size(), size_t(2));
}

void TestRunning::dataPanelShowsAndChangesWhatResourcesHold()
{
    const Json extra = Json::array({kindNode("notes", "table"), functionNode("on-note", "exports.handler = async (e) => e.Records.length;"),
                                     kindNode("files", "bucket"), functionNode("on-file", "exports.handler = async (e) => e.Records.length;"),
                                     kindNode("jobs", "queue")});
    auto window = openWindow(workspace(extra, Json::array({edgeJson("notes", "out", "on-note"), edgeJson("files", "out", "on-file")})));
    stratus::editor::DataPanel *data = window->dataPanel();
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("notes")));
    QVERIFY(data->status()->text().contains(QLatin1String("Run the workspace")));
    QCOMPARE(data->list()->topLevelItemCount(), 0);
    // Before a run, data is only shown: a change would bypass the events it makes.
    QSignalSpy answered(data, &stratus::editor::DataPanel::changeAnswered);
    data->putItem(Json{{"id", "early"}});
    QCOMPARE(answered.count(), 1);
    QCOMPARE(answered.takeFirst().at(0).toBool(), false);

    window->action(QStringLiteral("run"))->trigger();
    QVERIFY(window->runSession()->isRunning());
    std::vector<std::string> triggers;
    QObject guard; // the connection ends with this test, before `triggers` does
    connect(window->runSession(), &stratus::editor::RunSession::runFinished, &guard, [&](const stratus::engine::run::RunOutcome &o) { triggers.push_back(o.entry.trigger); });
    const auto nextAnswer = [&] {
        if (!answered.wait(10000))
            return false;
        return answered.takeFirst().at(0).toBool();
    };
    const auto ranFor = [&](const char *trigger) {
        return QTest::qWaitFor([&] { return std::count(triggers.begin(), triggers.end(), trigger) > 0; }, 15000);
    };
    // A table item written, shown, and its stream record delivered to the consumer.
    data->putItem(Json{{"id", "n1"}, {"text", "hello"}, {"n", 3}});
    QVERIFY(nextAnswer());
    QCOMPARE(data->list()->topLevelItemCount(), 1);
    QVERIFY2(data->list()->topLevelItem(0)->text(1).contains(QLatin1String("\"text\":\"hello\"")),
             qPrintable(data->list()->topLevelItem(0)->text(1)));
    QVERIFY(ranFor("table"));
    data->putItem(Json{{"text", "no key"}});
    QVERIFY(!nextAnswer());
    QVERIFY2(data->status()->text().contains(QLatin1String("id")), qPrintable(data->status()->text()));
    data->list()->topLevelItem(0)->setSelected(true);
    data->deleteSelected();
    QVERIFY(nextAnswer());
    QCOMPARE(data->list()->topLevelItemCount(), 0);

    // An object uploaded into the bucket's folder, notified.
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("files")));
    const QString local = m_dir->filePath(QStringLiteral("report.txt"));
    QFile file(local);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("quarterly");
    file.close();
    data->uploadFile(local, QStringLiteral("docs/report.txt"));
    QVERIFY(nextAnswer());
    QCOMPARE(data->list()->topLevelItemCount(), 1);
    QCOMPARE(data->list()->topLevelItem(0)->text(0), QStringLiteral("docs/report.txt"));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("files/docs/report.txt"))));
    QVERIFY(ranFor("bucket"));

    // Messages sent, looked at without being received, purged.
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("jobs")));
    data->sendMessage(QStringLiteral("first job"));
    QVERIFY(nextAnswer());
    data->sendMessage(QStringLiteral("second job"));
    QVERIFY(nextAnswer());
    QCOMPARE(data->list()->topLevelItemCount(), 2);
    QCOMPARE(data->list()->topLevelItem(0)->text(1), QStringLiteral("first job"));
    QCOMPARE(data->list()->topLevelItem(0)->text(2), QStringLiteral("0")); // peeked, not received
    data->deadToggle()->setChecked(true);
    QCOMPARE(data->list()->topLevelItemCount(), 0);
    data->deadToggle()->setChecked(false);
    data->purgeQueue();
    QVERIFY(nextAnswer());
    QCOMPARE(data->list()->topLevelItemCount(), 0);
    // Data is not design: nothing of it is on the undo stack.
    QCOMPARE(window->document()->undoStack()->count(), 0);
}

void TestRunning::testEventsAreSavedUndoablyAndSent()
{
    auto window = openWindow(workspace());
    auto *dialog = window->openTestEventDialog(WorkflowId("main"), NodeId("echo"));
    QVERIFY(dialog);
    QVERIFY(!dialog->hasRequestForm());
    // Not JSON: refused with where the error is.
    dialog->editor()->setText(QStringLiteral("{\"value\": 1,}"));
    QVERIFY(!dialog->editor()->isValid());
    QVERIFY2(dialog->editor()->verdict()->text().contains(QLatin1String("line 1, column")),
             qPrintable(dialog->editor()->verdict()->text()));
    QVERIFY(!dialog->sendNow());
    QVERIFY(dialog->message()->text().contains(QLatin1String("not JSON")));
    QVERIFY(!window->runSession()->isRunning());

    // Saved in the workspace through the undo stack; renamed; deleted; undone.
    dialog->editor()->setText(QStringLiteral("{\"value\": \"from the studio\"}"));
    QVERIFY(dialog->saveAs(QStringLiteral("greeting")));
    QCOMPARE(window->document()->testEventsOf(WorkflowId("main"), NodeId("echo")).size(), size_t(1));
    QVERIFY(dialog->renameSelected(QStringLiteral("hello")));
    QCOMPARE(window->document()->testEventsOf(WorkflowId("main"), NodeId("echo")).front().name, std::string("hello"));
    QVERIFY(dialog->deleteSelected());
    QVERIFY(window->document()->testEventsOf(WorkflowId("main"), NodeId("echo")).empty());
    window->document()->undoStack()->undo();
    QCOMPARE(window->document()->testEventsOf(WorkflowId("main"), NodeId("echo")).size(), size_t(1));
    QCOMPARE(dialog->savedEvents()->count(), 2); // (unsaved) and hello
    QVERIFY(window->document()->save());
    {
        auto store = WorkspaceStore::open(window->document()->filePath().toStdString(), WorkspaceStore::Access::ReadOnly);
        QVERIFY(store);
        auto saved = store->load();
        QVERIFY(saved);
        QCOMPARE(saved->testEvents.size(), size_t(1));
        QCOMPARE(saved->testEvents[0].event.dump(), std::string(R"({"value":"from the studio"})"));
    }

    // Sending starts the run if needed; the invocation shows with its result.
    QVERIFY(dialog->selectSaved(QStringLiteral("hello")));
    QVERIFY2(dialog->sendNow(), qPrintable(dialog->message()->text()));
    QVERIFY(window->runSession()->isRunning());
    auto *panel = window->invocationsPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId) && panel->selectedRun().has_value());
    QVERIFY(panel->resultView()->text().contains(QLatin1String("from the studio")));
    // The dialog shows what the run gave once it ended.
    QTRY_VERIFY2(dialog->message()->text().startsWith(QLatin1String("The run ended ok")),
                 qPrintable(dialog->message()->text()));
    QVERIFY2(dialog->answer()->toPlainText().contains(QLatin1String("\"echoed\": \"from the studio\"")),
             qPrintable(dialog->answer()->toPlainText()));
    // A failing run says so, with the error.
    dialog->editor()->setText(QStringLiteral("{\"fail\": true}"));
    QVERIFY(dialog->sendNow());
    QTRY_VERIFY2(dialog->message()->text().startsWith(QLatin1String("The run failed"))
                     && dialog->message()->text().endsWith(QLatin1String("Error: asked to fail")),
                 qPrintable(dialog->message()->text()));
    QVERIFY(dialog->answer()->toPlainText().contains(QLatin1String("asked to fail")));

    // An HTTP trigger gets the request form, which writes the description.
    auto *http = window->openTestEventDialog(WorkflowId("main"), NodeId("hello"));
    QVERIFY(http && http->hasRequestForm());
    http->setRequest(QStringLiteral("POST"), QStringLiteral("/hello"), QStringLiteral("a=1"),
                     {{QStringLiteral("content-type"), QStringLiteral("text/plain")}}, QStringLiteral("form body"));
    const auto description = http->editor()->value();
    QVERIFY(description);
    QCOMPARE(description->dump(), std::string(R"({"method":"POST","path":"/hello","query":"a=1","headers":{"content-type":"text/plain"},"body":"form body"})"));
    QVERIFY2(http->sendNow(), qPrintable(http->message()->text()));
    // The HTTP answer, as `stratus send` prints it.
    QTRY_VERIFY2(http->answer()->toPlainText().startsWith(QLatin1String("HTTP 200\n")),
                 qPrintable(http->answer()->toPlainText()));
    QVERIFY2(http->answer()->toPlainText().contains(QLatin1String("Content-Type: application/json")), qPrintable(http->answer()->toPlainText()));
    QVERIFY(http->answer()->toPlainText().contains(QLatin1String("form body")));
    QTRY_COMPARE(panel->model()->rowCount(), 3);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId) && panel->selectedRun().has_value());
    QVERIFY(panel->resultView()->text().contains(QLatin1String("form body")));
    // The inspector offers the same dialog for the selected function.
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("echo")));
    QList<QPushButton *> buttons = window->inspector()->findChildren<QPushButton *>();
    const auto sendButton = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) {
        return b->text().startsWith(QLatin1String("Send Test Event"));
    });
    QVERIFY(sendButton != buttons.end() && (*sendButton)->isVisible());
    (*sendButton)->click();
    QTRY_VERIFY(window->findChildren<stratus::editor::TestEventDialog *>().size() == 3);
    // A log node is no place to send an event.
    QVERIFY(!window->openTestEventDialog(WorkflowId("main"), NodeId("audit")));
}

void TestRunning::runIsRefusedWithValidationErrors()
{
    // A function of 5 MB: below Lambda's 128.
    const QString file = workspace(Json::array({functionNode("tiny", "exports.handler = async () => 1;",
                                                             {{"memoryMB", 5}})}));
    auto window = openWindow(file);
    const Status refused = window->startRun();
    QVERIFY(!refused);
    QVERIFY2(refused.message().find("Problems") != std::string::npos, refused.message().c_str());
    QVERIFY(!window->runSession()->isRunning());
    QVERIFY(window->runPanel()->state()->text().contains(QLatin1String("Not running")));
    QVERIFY(window->problemsList()->topLevelItemCount() > 0);
    // Fixed, the refusal is no longer what the Run panel says.
    auto *document = window->document();
    const Node *tiny = document->workflow(WorkflowId("main"))->findNode(NodeId("tiny"));
    Node fixed = *tiny;
    fixed.config["memoryMB"] = 128;
    document->undoStack()->push(
        new stratus::editor::ChangeNodeCommand(document, WorkflowId("main"), *tiny, fixed, QStringLiteral("fix")));
    QTRY_VERIFY2(window->runPanel()->state()->text().contains(QLatin1String("are fixed")),
                 qPrintable(window->runPanel()->state()->text()));
}

void TestRunning::breakpointPausesAndTheEditedEventGoesOn()
{
    auto window = openWindow(workspace());
    QVERIFY(window->startRun());
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("echo")));
    window->action(QStringLiteral("toggleBreakpoint"))->trigger();
    QVERIFY(window->runSession()->hasBreakpoint(WorkflowId("main"), NodeId("echo")));
    QVERIFY(window->runOverlay()->hasBreakpoint(WorkflowId("main"), NodeId("echo")));

    auto sent = window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", "original"}});
    QVERIFY(sent);
    QTRY_VERIFY(window->runPanel()->pause().has_value());
    QCOMPARE(window->runPanel()->pause()->runId, *sent);
    QVERIFY(window->statusBar()->currentMessage().startsWith(QLatin1String("Paused before")));
    QVERIFY(window->runOverlay()->isPausedAt(WorkflowId("main"), NodeId("echo")));
    QVERIFY(window->action(QStringLiteral("step"))->isEnabled());
    QVERIFY(window->runPanel()->pausedEvent()->text().contains(QLatin1String("original")));

    // Not JSON: nothing goes on.
    window->runPanel()->pausedEvent()->setText(QStringLiteral("{broken"));
    window->action(QStringLiteral("continue"))->trigger();
    QVERIFY(window->runPanel()->pause().has_value());
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("not JSON")));
    // Edited, then stepped: echo runs with the edit and the run pauses before audit.
    window->runPanel()->pausedEvent()->setText(QStringLiteral("{\"value\": \"edited while paused\"}"));
    window->action(QStringLiteral("step"))->trigger();
    QTRY_VERIFY(window->runPanel()->pause() && window->runPanel()->pause()->node == NodeId("audit"));
    QVERIFY(window->runPanel()->pausedEvent()->text().contains(QLatin1String("edited while paused")));
    // F5 continues from a pause.
    window->action(QStringLiteral("run"))->trigger();
    QTRY_VERIFY(!window->runPanel()->pause().has_value());
    QVERIFY(!window->statusBar()->currentMessage().startsWith(QLatin1String("Paused")));
    QVERIFY(!window->runOverlay()->isPausedAt(WorkflowId("main"), NodeId("echo")));
    auto *panel = window->invocationsPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId) && panel->selectedRun().has_value());
    QVERIFY(panel->resultView()->text().contains(QLatin1String("edited while paused")));

    // Abort ends a paused run as aborted.
    auto again = window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", 2}});
    QVERIFY(again);
    QTRY_VERIFY(window->runPanel()->pause().has_value());
    stratus::engine::run::RunOutcome ended;
    QObject::connect(window->runSession(), &stratus::editor::RunSession::runFinished,
                     [&](const stratus::engine::run::RunOutcome &o) { ended = o; });
    window->action(QStringLiteral("abort"))->trigger();
    QTRY_COMPARE(ended.entry.runId, *again);
    QCOMPARE_STR(ended.entry.status, "aborted");
    window->action(QStringLiteral("toggleBreakpoint"))->trigger();
    QVERIFY(!window->runSession()->hasBreakpoint(WorkflowId("main"), NodeId("echo")));
}

void TestRunning::replayRunsAPastRunAgain()
{
    auto window = openWindow(workspace());
    QVERIFY(window->startRun());
    QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("hello"), Json{{"body", "first"}}));
    auto *panel = window->invocationsPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId) && panel->selectedRun().has_value());
    QSignalSpy replayed(window->runSession(), &stratus::editor::RunSession::runFinished);
    panel->replayFromStep(1, false); // from echo, with what it received
    QTRY_COMPARE(panel->model()->rowCount(), 2);
    QTRY_VERIFY(panel->selectRequest(panel->model()->row(0).requestId) && panel->selectedRun().has_value());
    QCOMPARE_STR(panel->selectedRun()->trigger, "replay");
    QVERIFY(panel->resultView()->text().contains(QLatin1String("first")));
}

void TestRunning::costPanelMatchesStratusCost()
{
    auto window = openWindow(workspace());
    auto *costDock = window->findChild<QDockWidget *>(QStringLiteral("cost"));
    costDock->close();
    QVERIFY(!window->costPanel()->isVisible());
    QVERIFY(window->startRun());
    for (int i = 0; i < 3; ++i)
        QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("hello"), Json{{"body", "x"}}));
    QTRY_COMPARE(window->invocationsPanel()->model()->rowCount(), 3);
    window->stopRun();

    auto *cost = window->costPanel();
    // Hidden, it priced nothing while the runs ended; shown, it prices what ran.
    const auto pricedInvocations = [&] {
        long long n = 0;
        if (cost->report())
            for (const RecordedWorkflowCost &w : cost->report()->recordedRuns)
                n += w.invocations;
        return n;
    };
    QCOMPARE(pricedInvocations(), 0LL);
    costDock->show();
    QTRY_COMPARE(pricedInvocations(), 3LL);
    // What ended was added as it ended; the file, read again at Stop, gives the exact sums.
    QTRY_VERIFY(!cost->isReading());
    cost->requestsPerMonth()->setValue(2'500'000);
    cost->vmHourly()->setValue(0.0832);
    cost->presetChoice()->setCurrentIndex(cost->presetChoice()->findData(QStringLiteral("aws-arm64")));
    cost->refresh();
    QVERIFY(cost->report().has_value());
    QProcess cli;
    cli.start(QStringLiteral(STRATUS_CLI_PATH),
              {QStringLiteral("cost"), window->document()->filePath(), QStringLiteral("--requests-per-month"),
               QStringLiteral("2500000"), QStringLiteral("--vm-hourly"), QStringLiteral("0.0832"),
               QStringLiteral("--preset"), QStringLiteral("aws-arm64"), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(20000));
    QCOMPARE(cli.exitCode(), 0);
    Json expected = Json::parse(cli.readAllStandardOutput().toStdString());
    Json shown = cost->report()->toJson(window->document()->filePath().toStdString());
    QCOMPARE(shown.dump(2), expected.dump(2));
    // And what the panel says is those numbers.
    QVERIFY2(cost->totals()->text().contains(QString::fromStdString(money(expected["monthly"]["withFreeTier"].get<double>()))),
             qPrintable(cost->totals()->text()));
    cost->freeTier()->setChecked(false);
    QVERIFY(cost->totals()->text().contains(QString::fromStdString(money(expected["monthly"]["withoutFreeTier"].get<double>()))));
    QCOMPARE(expected["recordedRuns"][0]["runs"].get<int>(), 3);
}

void TestRunning::costPanelPricesRunsAsTheyEnd()
{
    auto window = openWindow(workspace());
    window->findChild<QDockWidget *>(QStringLiteral("cost"))->raise();
    auto *cost = window->costPanel();
    QTRY_VERIFY(cost->isVisible() && cost->report().has_value()); // the (empty) history, read
    QVERIFY(window->startRun());
    for (int i = 0; i < 2; ++i)
        QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("hello"), Json{{"body", "x"}}));
    // Priced from what ended, while the run goes on (the file is read again only at Stop).
    QTRY_VERIFY(cost->report() && !cost->report()->recordedRuns.empty()
                && cost->report()->recordedRuns.front().invocations == 2);
    QCOMPARE(cost->report()->recordedRuns.front().runs, 2LL);
    const auto &functions = cost->report()->functions;
    const auto echo = std::find_if(functions.begin(), functions.end(),
                                    [](const FunctionCost &f) { return f.function == "echo"; });
    QVERIFY(echo != functions.end() && echo->durationFromHistory && echo->recordedInvocations == 2);
    const double live = cost->report()->recordedTotal();
    QVERIFY(live > 0);
    window->stopRun();
    QTRY_VERIFY(cost->report() && std::abs(cost->report()->recordedTotal() - live) < 1e-15);
}

void TestRunning::glowFadesOutThenTheCanvasRests()
{
    stratus::editor::RunOverlay overlay;
    RunEntry run;
    run.workflowId = "main";
    RunStepEntry step;
    step.nodeId = "echo";
    step.status = "ok";
    run.steps.push_back(step);
    QSignalSpy repaints(&overlay, &stratus::editor::RunOverlay::changed);
    overlay.addRun(run, Workspace{});
    const WorkflowId main("main");
    QVERIFY(overlay.glow(main, NodeId("echo")) > 0.5);
    QVERIFY(overlay.isFading());
    QTRY_COMPARE(overlay.glow(main, NodeId("echo")), 0.0);
    QTRY_VERIFY(!overlay.isFading());
    QVERIFY(repaints.count() >= 4); // the counts, fade frames, the last dark one
    const int atRest = repaints.count();
    QTest::qWait(3 * 60 + 20);
    QCOMPARE(repaints.count(), atRest); // nothing glows: no more frames
}

void TestRunning::memorySweepSaysASizeThatFailed()
{
    const QString file = workspace(Json::array({functionNode("broken", "exports.handler = async () => { throw new Error('no'); };")}));
    auto window = openWindow(file);
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("broken")));
    window->action(QStringLiteral("tuneMemory"))->trigger();
    auto *dialog = window->findChild<stratus::editor::MemorySweepDialog *>();
    QVERIFY(dialog);
    for (QCheckBox *box : dialog->sizeBoxes())
        box->setChecked(box->property("memoryMB").toInt() == 128);
    dialog->runs()->setValue(1);
    QVERIFY2(dialog->startSweep(), qPrintable(dialog->statusText()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSweeping(), 60000);
    QTableWidget *table = dialog->resultsTable();
    QCOMPARE(table->rowCount(), 1);
    // Every cell says something: the figures are not applicable, the note says why.
    for (int column = 0; column < table->columnCount(); ++column) {
        QVERIFY2(table->item(0, column) && !table->item(0, column)->text().isEmpty(),
                 qPrintable(table->horizontalHeaderItem(column)->text()));
    }
    QVERIFY2(table->item(0, table->columnCount() - 1)->text().startsWith(QLatin1String("the warm-up failed")),
             qPrintable(table->item(0, table->columnCount() - 1)->text()));
    QVERIFY(!dialog->useButton()->isEnabled());
}

void TestRunning::pastInvocationsAreThereAfterARestart()
{
    const QString file = workspace();
    {
        auto window = openWindow(file);
        QVERIFY(window->startRun());
        for (int i = 0; i < 4; ++i) { // one after the other: one cold start, then warm ones
            QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", i}}));
            QTRY_COMPARE(window->invocationsPanel()->model()->rowCount(), i + 1);
        }
        QVERIFY(window->close());
    }
    auto window = openWindow(file);
    auto *panel = window->invocationsPanel();
    QCOMPARE(panel->model()->rowCount(), 4);
    // Newest first, with its detail read from the file.
    QVERIFY(panel->selectRequest(panel->model()->row(0).requestId));
    QVERIFY(panel->logsText()->toPlainText().contains(QLatin1String("REPORT RequestId:")));
    QVERIFY2(panel->resultView()->text().contains(QLatin1String("\"echoed\": 3")), qPrintable(panel->resultView()->text()));
    // The charts show the history's last activity too (read on a pool thread).
    QTRY_VERIFY(!window->chartsPanel()->isLoading());
    window->chartsPanel()->redraw();
    double total = 0;
    for (const QPointF &p : window->chartsPanel()->series(QStringLiteral("throughput"))->points())
        total += p.y();
    QCOMPARE(total, 4.0);
    // Filters: by function and by cold start.
    panel->startFilter()->setCurrentIndex(1); // cold starts
    QCOMPARE(panel->filter()->rowCount(), 1);
    panel->startFilter()->setCurrentIndex(0);
    panel->functionFilter()->setCurrentIndex(panel->functionFilter()->findData(QStringLiteral("nothing")));
    QCOMPARE(panel->filter()->rowCount(), 4); // no such entry: every function
}

void TestRunning::failingFunctionShowsAsSuchAndRunsGoOn()
{
    auto window = openWindow(workspace());
    QVERIFY(window->startRun());
    QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"fail", true}}));
    QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", "after"}}));
    auto *panel = window->invocationsPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 2);
    panel->statusFilter()->setCurrentIndex(panel->statusFilter()->findData(QStringLiteral("failed")));
    QCOMPARE(panel->filter()->rowCount(), 1);
    const QModelIndex failed = panel->filter()->index(0, 0);
    panel->table()->setCurrentIndex(failed);
    QVERIFY(panel->summaryText()->toPlainText().contains(QLatin1String("asked to fail")));
    QVERIFY(panel->logsText()->toPlainText().contains(QLatin1String("echo got")));
    QTRY_VERIFY(window->runOverlay()->figures(WorkflowId("main"), NodeId("echo")));
    QTRY_COMPARE(window->runOverlay()->figures(WorkflowId("main"), NodeId("echo"))->errors, 1LL);
}

void TestRunning::quittingWhileRunningLeavesNoProcess()
{
    const QString file = workspace();
    auto window = openWindow(file);
    QVERIFY(window->startRun());
    // A run in flight when the window closes: recorded, not lost.
    QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", "last"}}));
    QTRY_VERIFY(childProcesses() > 0);
    QVERIFY(window->close());
    QVERIFY(!window->runSession()->isRunning());
    QCOMPARE(childProcesses(), 0);
    window.reset();
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    HistoryQuery everything;
    auto recorded = queryInvocations(store->database(), everything);
    QVERIFY(recorded);
    QCOMPARE(recorded->size(), size_t(1));
}

void TestRunning::loadTestSummarisesAndStopEndsIt()
{
    auto window = openWindow(workspace());
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("hello")));
    window->action(QStringLiteral("loadTest"))->trigger();
    const auto dialogs = window->findChildren<stratus::editor::LoadTestDialog *>();
    QCOMPARE(dialogs.size(), 1);
    auto *dialog = dialogs.front();
    dialog->runs()->setValue(60);
    dialog->concurrency()->setValue(3);
    QVERIFY2(dialog->startTest(), qPrintable(dialog->summaryText()->text()));
    QVERIFY(window->runSession()->isRunning()); // started for the test
    QTRY_VERIFY_WITH_TIMEOUT(dialog->lastSummary().has_value(), 30000);
    const auto &summary = *dialog->lastSummary();
    QCOMPARE(summary.finished, 60LL);
    QCOMPARE(summary.succeeded, 60LL);
    QCOMPARE(summary.invocations, 60LL);
    QVERIFY(summary.coldStarts >= 1 && summary.coldStarts <= 3);
    QVERIFY(summary.p50Ms > 0 && summary.p50Ms <= summary.p99Ms);
    QVERIFY(summary.costPerMillionRuns > 1.0); // the gateway's $1, and the invocations
    QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
    QVERIFY(dialog->summaryText()->text().contains(QLatin1String("60 runs")));
    QTRY_COMPARE(window->invocationsPanel()->model()->rowCount(), 60);
    QTRY_COMPARE(window->runOverlay()->figures(WorkflowId("main"), NodeId("echo"))->passes, 60LL);

    // The charts share the load: a point a second, summing to the invocations.
    auto *charts = window->chartsPanel();
    const auto sum = [&](const char *name) {
        double total = 0;
        for (const QPointF &p : charts->series(QLatin1String(name))->points())
            total += p.y();
        return total;
    };
    charts->redraw();
    QCOMPARE(sum("throughput"), 60.0);
    QVERIFY(!charts->series(QStringLiteral("p50"))->points().isEmpty());
    QVERIFY(sum("coldShare") > 0);
    QCOMPARE(sum("errors"), 0.0);
    charts->scope()->setCurrentIndex(charts->scope()->findData(QStringLiteral("echo")));
    QCOMPARE(sum("throughput"), 60.0);
    // Readable in a dark palette: the charts take the dark theme.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, Qt::white);
    charts->setPalette(dark);
    QCOMPARE(charts->charts().front()->theme(), QChart::ChartThemeDark);

    // Stop during a load test: it ends, what finished is recorded, the studio goes on.
    dialog->byRate()->setChecked(true);
    dialog->rate()->setValue(200);
    dialog->duration()->setValue(30);
    QVERIFY(dialog->startTest());
    QTRY_VERIFY(window->invocationsPanel()->model()->rowCount() > 70);
    window->stopRun();
    QTRY_VERIFY(!dialog->isTesting() && dialog->lastSummary()->cancelled);
    QVERIFY(dialog->lastSummary()->finished > 10);
    QVERIFY(dialog->lastSummary()->seconds < 30);
    QCOMPARE(childProcesses(), 0);
    // Usable: it runs again and answers.
    QVERIFY(window->startRun());
    QVERIFY(window->runSession()->send(WorkflowId("main"), NodeId("echo"), Json{{"value", "after the load"}}));
    QTRY_VERIFY(window->invocationsPanel()->selectRequest(window->invocationsPanel()->model()->row(0).requestId)
                && window->invocationsPanel()->resultView()->text().contains(QLatin1String("after the load")));
}

void TestRunning::memorySweepPlotsSizesAndSetsTheChosenOne()
{
    auto window = openWindow(workspace());
    // Only functions are tuned.
    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("hello")));
    window->action(QStringLiteral("tuneMemory"))->trigger();
    QVERIFY(window->findChildren<stratus::editor::MemorySweepDialog *>().isEmpty());
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("for functions")));

    QVERIFY(window->selectNode(WorkflowId("main"), NodeId("echo")));
    window->action(QStringLiteral("tuneMemory"))->trigger();
    const auto dialogs = window->findChildren<stratus::editor::MemorySweepDialog *>();
    QCOMPARE(dialogs.size(), 1);
    auto *dialog = dialogs.front();

    // Bad input is named, and nothing starts.
    for (QCheckBox *box : dialog->sizeBoxes())
        box->setChecked(false);
    QVERIFY(!dialog->startSweep());
    QVERIFY2(dialog->statusText()->text().contains(QLatin1String("choose at least one memory size")),
             qPrintable(dialog->statusText()->text()));
    dialog->otherSizes()->setText(QStringLiteral("abc"));
    QVERIFY(!dialog->startSweep());
    QVERIFY2(dialog->statusText()->text().startsWith(QLatin1String("Not started:"))
                 && dialog->statusText()->text().contains(QLatin1String("abc")),
             qPrintable(dialog->statusText()->text()));
    dialog->otherSizes()->setText(QStringLiteral("64"));
    QVERIFY(!dialog->startSweep());
    QVERIFY(!dialog->isSweeping());

    // 128 MB and 1,769 MB, one measured run each after the warm-up.
    dialog->otherSizes()->clear();
    for (QCheckBox *box : dialog->sizeBoxes()) {
        const int mb = box->property("memoryMB").toInt();
        box->setChecked(mb == 128 || mb == 1769);
    }
    dialog->runs()->setValue(1);
    QVERIFY2(dialog->startSweep(), qPrintable(dialog->statusText()->text()));
    QVERIFY(dialog->isSweeping());
    QVERIFY(!dialog->useButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSweeping(), 60000);
    QVERIFY(dialog->lastResult().has_value());
    const auto &result = *dialog->lastResult();
    QVERIFY(!result.cancelled);
    QCOMPARE(result.points.size(), size_t(2));
    QCOMPARE(result.points[0].memoryMB, 128);
    QCOMPARE(result.points[1].memoryMB, 1769);
    QVERIFY2(result.points[0].usable() && result.points[1].usable(), result.points[0].firstError.c_str());
    QVERIFY(result.choices.cheapest >= 0 && result.choices.fastest >= 0 && result.choices.balanced >= 0);
    QCOMPARE(dialog->resultsTable()->rowCount(), 2);
    QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
    QCOMPARE(dialog->chart()->title(), QString::fromStdString(result.methodText));
    // Both sizes plotted, each choice marked on the chart and named in the table.
    int plotted = 0, marked = 0;
    for (QAbstractSeries *series : dialog->chart()->series()) {
        if (auto *scatter = qobject_cast<QScatterSeries *>(series))
            marked += scatter->count();
        else if (auto *line = qobject_cast<QLineSeries *>(series))
            plotted += line->count();
    }
    QCOMPARE(plotted, 4); // duration and cost at two sizes
    QCOMPARE(marked, 3);
    QVERIFY(dialog->statusText()->text().contains(QLatin1String("Balanced")));

    // The balanced size is selected; Use sets it, undoably.
    const int balanced = result.points[size_t(result.choices.balanced)].memoryMB;
    QCOMPARE(dialog->useButton()->text(), QStringLiteral("Use %1 MB").arg(QLocale().toString(balanced)));
    // Pick the size the node does not have, so that Use changes something.
    const int other = balanced == 128 ? 1769 : 128;
    dialog->resultsTable()->selectRow(balanced == 128 ? 1 : 0);
    QCOMPARE(dialog->useButton()->text(), QStringLiteral("Use %1 MB").arg(QLocale().toString(other)));
    auto *document = window->document();
    const auto memoryOf = [&] {
        return document->workflow(WorkflowId("main"))->findNode(NodeId("echo"))->config.value("memoryMB", 0);
    };
    const int before = memoryOf();
    QVERIFY(dialog->useSelectedSize());
    QCOMPARE(memoryOf(), other);
    document->undoStack()->undo();
    QCOMPARE(memoryOf(), before);

    // Cancel during a sweep: it ends, marked cancelled, and the dialog closes cleanly.
    dialog->runs()->setValue(50);
    QVERIFY(dialog->startSweep());
    QTRY_VERIFY(dialog->progressBar()->value() > 0);
    dialog->cancelSweep();
    QTRY_VERIFY(!dialog->isSweeping());
    QVERIFY(dialog->lastResult()->cancelled);
    QVERIFY(dialog->statusText()->text().startsWith(QLatin1String("Cancelled.")));
    dialog->close();
    QTRY_COMPARE(childProcesses(), 0);
}

QTEST_MAIN(TestRunning)
#include "tst_running.moc"
