// The main window's Run: the Run, Invocations and Cost docks, the Run menu,
// and what ties the run session to the canvas (counts, breakpoints, a run's
// path). The engine runs on its own thread (RunSession); nothing here waits
// on it except start and stop.

#include "mainwindow.h"

#include "editor/canvas/runoverlay.h"
#include "editor/canvas/workflowscene.h"
#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"
#include "editor/run/chartspanel.h"
#include "editor/run/costpanel.h"
#include "editor/run/datapanel.h"
#include "editor/run/historyreader.h"
#include "editor/run/invocationspanel.h"
#include "editor/run/jsoneditor.h"
#include "editor/run/loadtestdialog.h"
#include "editor/run/memorysweepdialog.h"
#include "editor/run/runpanel.h"
#include "editor/run/runsession.h"
#include "editor/run/testeventdialog.h"

#include "engine/model/nodekind.h"

#include <QTimer>
#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeWidget>

namespace stratus::editor {

using namespace stratus::engine;
using namespace stratus::engine::run;

void MainWindow::createRunDocks()
{
    m_run = new RunSession(this);
    m_overlay = new RunOverlay(this);

    auto dock = [this](const QString &title, const QString &name, QWidget *content) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        content->setParent(d);
        d->setWidget(content);
        addDockWidget(Qt::BottomDockWidgetArea, d);
        return d;
    };
    m_runPanel = new RunPanel;
    m_invocations = new InvocationsPanel;
    m_costPanel = new CostPanel;
    m_charts = new ChartsPanel;
    m_data = new DataPanel;
    QDockWidget *runDock = dock(tr("Run"), QStringLiteral("run"), m_runPanel);
    QDockWidget *invocationsDock = dock(tr("Invocations"), QStringLiteral("invocations"), m_invocations);
    QDockWidget *chartsDock = dock(tr("Charts"), QStringLiteral("charts"), m_charts);
    QDockWidget *costDock = dock(tr("Cost"), QStringLiteral("cost"), m_costPanel);
    QDockWidget *dataDock = dock(tr("Data"), QStringLiteral("data"), m_data);
    // Two groups under the canvas: what is listed (problems, history, invocations,
    // cost) on the left, what runs (the run, the charts) on the right, so the
    // invocations and the charts can be read side by side.
    // (A dock already in tabs would take the split as one more tab: split first.)
    auto *problemsDock = findChild<QDockWidget *>(QStringLiteral("problems"));
    auto *historyDock = findChild<QDockWidget *>(QStringLiteral("history"));
    if (problemsDock && historyDock) {
        splitDockWidget(problemsDock, runDock, Qt::Horizontal);
        tabifyDockWidget(problemsDock, historyDock);
        tabifyDockWidget(problemsDock, invocationsDock);
        tabifyDockWidget(problemsDock, costDock);
        tabifyDockWidget(runDock, chartsDock);
        tabifyDockWidget(runDock, dataDock);
        problemsDock->raise();
        runDock->raise();
    }

    // The data a run changed is shown again once the burst of runs settles.
    auto *dataRefresh = new QTimer(this);
    dataRefresh->setSingleShot(true);
    dataRefresh->setInterval(300);
    connect(dataRefresh, &QTimer::timeout, m_data, &DataPanel::refresh);
    connect(m_run, &RunSession::runFinished, dataRefresh, [dataRefresh] {
        if (!dataRefresh->isActive())
            dataRefresh->start();
    });
    connect(m_run, &RunSession::started, m_data, [this] { m_data->setServicesUrl(m_run->servicesUrl()); });
    connect(m_run, &RunSession::stopped, m_data, [this] { m_data->setServicesUrl(QString()); });
    connect(m_run, &RunSession::invocationFinished, this, [this](const HistoryEntry &entry) {
        m_invocations->addInvocation(entry);
        m_overlay->addInvocation(entry);
        m_charts->addInvocation(entry);
        m_costPanel->addInvocation(entry);
    });
    connect(m_run, &RunSession::runFinished, this, [this](const RunOutcome &outcome) {
        if (m_document)
            m_overlay->addRun(outcome.entry, m_document->workspace());
        m_costPanel->runEnded(outcome.entry.runId);
    });
    connect(m_run, &RunSession::pausedRunsChanged, this, &MainWindow::showPausedRun);
    connect(m_run, &RunSession::warning, m_runPanel, &RunPanel::addMessage);
    connect(m_run, &RunSession::reloaded, this, [this](const QString &problem) {
        m_runPanel->addMessage(problem.isEmpty() ? tr("Reloaded the saved design.")
                                                 : tr("The saved design was not reloaded: %1").arg(problem));
        if (problem.isEmpty() && m_run->isRunning())
            m_runPanel->showRunning(m_run->url(), m_run->routes(), m_run->servicesUrl());
    });
    connect(m_run, &RunSession::started, this, &MainWindow::updateRunActions);
    connect(m_run, &RunSession::stopped, this, &MainWindow::updateRunActions);
    connect(m_invocations, &InvocationsPanel::runSelected, this, [this](const RunEntry &run) {
        if (m_document)
            m_overlay->setSelectedPath(run, m_document->workspace());
        if (const int tab = tabOf(qs(run.workflowId)); tab >= 0 && !run.workflowId.empty())
            m_tabs->setCurrentIndex(tab);
    });
    connect(m_invocations, &InvocationsPanel::replayRequested, this,
            [this](const std::string &runId, const std::string &node, std::optional<Json> input) {
                auto replayed = m_run->replay(runId, NodeId(node), std::move(input));
                statusBar()->showMessage(replayed ? tr("Replaying run %1 from %2 as run %3")
                                                        .arg(qs(runId), qs(node), qs(*replayed))
                                                  : tr("Cannot replay: %1").arg(qs(replayed.status().message())),
                                         8000);
            });
    connect(m_runPanel, &RunPanel::stepRequested, this, [this] { resumePaused(int(ResumeAction::Step)); });
    connect(m_runPanel, &RunPanel::continueRequested, this, [this] { resumePaused(int(ResumeAction::Continue)); });
    connect(m_runPanel, &RunPanel::abortRequested, this, [this] { resumePaused(int(ResumeAction::Abort)); });
}

void MainWindow::createRunMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Run"));
    auto make = [&](const QString &name, const QString &text, auto slot, QKeySequence shortcut, const QString &tip) {
        QAction *a = menu->addAction(text, this, slot);
        a->setObjectName(name);
        a->setShortcut(shortcut);
        a->setStatusTip(tip);
        return a;
    };
    make(QStringLiteral("run"), tr("&Run"), [this] {
        if (m_runPanel->pause()) {
            resumePaused(int(ResumeAction::Continue)); // F5 goes on from a breakpoint, as in a debugger
            return;
        }
        if (Status s = startRun(); !s)
            statusBar()->showMessage(tr("Not running: %1").arg(qs(s.message())), 10000);
    }, QKeySequence(Qt::Key_F5), tr("Serve the workspace's triggers and resources on this machine"));
    make(QStringLiteral("stop"), tr("&Stop"), [this] { stopRun(); }, QKeySequence(Qt::SHIFT | Qt::Key_F5),
         tr("Stop the running workspace (runs in flight get 1.5 s to end)"));
    menu->addSeparator();
    make(QStringLiteral("sendTestEvent"), tr("Send &Test Event…"), [this] {
        const auto [workflow, node] = selectedNode();
        if (!node.isValid()) {
            statusBar()->showMessage(tr("Select a trigger or a function to send it a test event."), 6000);
            return;
        }
        openTestEventDialog(workflow, node);
    }, QKeySequence(Qt::CTRL | Qt::Key_Return), tr("Send a saved or edited event to the selected trigger or function"));
    make(QStringLiteral("loadTest"), tr("&Load Test…"), [this] {
        const auto [workflow, node] = selectedNode();
        if (!node.isValid()) {
            statusBar()->showMessage(tr("Select a trigger to load-test it."), 6000);
            return;
        }
        openLoadTestDialog(workflow, node);
    }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), tr("Send many events to the selected trigger and measure them"));
    make(QStringLiteral("tuneMemory"), tr("Tune &Memory…"), [this] {
        const auto [workflow, node] = selectedNode();
        if (!node.isValid()) {
            statusBar()->showMessage(tr("Select a function to tune its memory."), 6000);
            return;
        }
        openMemorySweepDialog(workflow, node);
    }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
         tr("Run the selected function at several memory sizes and compare duration and cost"));
    menu->addSeparator();
    make(QStringLiteral("toggleBreakpoint"), tr("Toggle &Breakpoint"), [this] { toggleBreakpoint(); },
         QKeySequence(Qt::Key_F9), tr("Pause runs before the selected node"));
    make(QStringLiteral("step"), tr("Ste&p"), [this] { resumePaused(int(ResumeAction::Step)); },
         QKeySequence(Qt::Key_F10), tr("Let the paused run enter its node and pause before the next one"));
    make(QStringLiteral("continue"), tr("&Continue"), [this] { resumePaused(int(ResumeAction::Continue)); },
         QKeySequence(), tr("Let the paused run go on to its next breakpoint (F5)"));
    make(QStringLiteral("abort"), tr("&Abort Paused Run"), [this] { resumePaused(int(ResumeAction::Abort)); },
         QKeySequence(), tr("End the paused run as aborted"));
    menu->addSeparator();
    make(QStringLiteral("clearCounts"), tr("Clear Canvas Cou&nts"), [this] { m_overlay->clearCounts(); },
         QKeySequence(), tr("Start the counts on the canvas from zero"));
    updateRunActions();
}

void MainWindow::attachRunPanels()
{
    // Another file, or the same one under a new name: what ran before belongs to the old one.
    if (m_run->isRunning() && (!m_document || m_run->workspaceFile() != m_document->filePath()))
        stopRun();
    m_historyReader = std::make_unique<HistoryReader>(m_document ? m_document->filePath() : QString());
    auto namer = [this](const std::string &id) {
        const Workflow *w = m_document ? m_document->workflow(WorkflowId(id)) : nullptr;
        return w ? qs(w->name()) : qs(id);
    };
    m_invocations->setHistory(m_historyReader.get(), namer);
    QStringList functions;
    if (m_document) {
        for (const Workflow &w : m_document->workspace().workflows) {
            for (const Node &n : w.nodes()) {
                if (n.kind == kinds::kFunction && !functions.contains(qs(n.name)))
                    functions << qs(n.name);
            }
        }
    }
    functions.sort();
    m_invocations->setFunctionNames(functions);
    m_charts->setHistory(m_historyReader.get());
    m_costPanel->setSource(m_historyReader.get(),
                           [this]() -> const Workspace * { return m_document ? &m_document->workspace() : nullptr; });
    m_overlay->clearCounts();
    m_overlay->setSelectedPath(RunEntry{}, Workspace{});
    updateRunActions();
}

std::pair<WorkflowId, NodeId> MainWindow::selectedNode() const
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return {};
    const auto nodes = scene->selectedNodes();
    if (nodes.size() != 1)
        return {scene->workflowId(), NodeId()};
    return {scene->workflowId(), nodes.front()};
}

Status MainWindow::startRun()
{
    if (!m_document)
        return Status::invalidArgument("no workspace is open");
    if (m_run->isRunning())
        return Status::ok();
    if (m_document->filePath().isEmpty())
        return Status::invalidArgument("a JSON document runs once it is a workspace file: File → Save As Workspace");
    m_document->revalidate();
    long long errors = 0;
    for (const Problem &p : m_document->problems())
        errors += p.severity == Problem::Severity::Error;
    if (errors > 0) {
        if (auto *problemsDock = findChild<QDockWidget *>(QStringLiteral("problems")))
            problemsDock->raise();
        const Status refused = Status::invalidArgument(
            "the workspace has " + std::to_string(errors) + (errors == 1 ? " error" : " errors")
            + ", listed in Problems: fix them to run it");
        m_runPanel->showStopped(tr("Not running: %1").arg(qs(refused.message())));
        m_runRefusedForProblems = true;
        return refused;
    }
    if (Status s = m_document->save(); !s)
        return s.withContext("saving before the run");
    m_overlay->clearCounts();
    m_runPanel->messages()->clear(); // what the last run warned of is not this one's
    if (Status s = m_run->start(m_document->filePath()); !s) {
        m_runPanel->showStopped(tr("Not running: %1").arg(qs(s.message())));
        if (auto *runDock = findChild<QDockWidget *>(QStringLiteral("run")))
            runDock->raise();
        return s;
    }
    m_runPanel->showRunning(m_run->url(), m_run->routes(), m_run->servicesUrl());
    for (const char *dock : {"run", "invocations"}) {
        if (auto *d = findChild<QDockWidget *>(QLatin1String(dock)))
            d->raise();
    }
    statusBar()->showMessage(m_run->url().isEmpty() ? tr("Running") : tr("Running at %1").arg(m_run->url()), 6000);
    return Status::ok();
}

void MainWindow::stopRun()
{
    if (!m_run->isRunning())
        return;
    statusBar()->showMessage(tr("Stopping…"));
    m_run->stop();
    m_invocations->model()->flushPending();
    m_runPanel->showStopped();
    m_costPanel->reread(); // what the last runs cost, exactly as recorded, off the GUI thread
    statusBar()->showMessage(tr("Stopped"), 4000);
}

void MainWindow::updateRunActions()
{
    const bool running = m_run && m_run->isRunning();
    const bool paused = m_runPanel && m_runPanel->pause().has_value();
    if (QAction *a = action(QStringLiteral("run")))
        a->setEnabled(m_document && (!running || paused));
    if (QAction *a = action(QStringLiteral("stop")))
        a->setEnabled(running);
    for (const char *name : {"step", "continue", "abort"}) {
        if (QAction *a = action(QLatin1String(name)))
            a->setEnabled(paused);
    }
    for (const char *name : {"sendTestEvent", "loadTest", "tuneMemory"}) {
        if (QAction *a = action(QLatin1String(name)))
            a->setEnabled(m_document != nullptr);
    }
}

TestEventDialog *MainWindow::openTestEventDialog(const WorkflowId &workflow, const NodeId &node)
{
    const Workflow *w = m_document ? m_document->workflow(workflow) : nullptr;
    const Node *n = w ? w->findNode(node) : nullptr;
    if (!n || (n->kind != kinds::kFunction && !n->kind.starts_with(kinds::kTriggerPrefix))) {
        statusBar()->showMessage(tr("Test events go to triggers and functions."), 6000);
        return nullptr;
    }
    auto send = [this, workflow, node](const Json &event, TestEventDialog::RunEnded ended) -> Status {
        if (!m_run->isRunning()) {
            if (Status s = startRun(); !s)
                return s;
        }
        auto sent = m_run->send(workflow, node, event, std::move(ended));
        return sent ? Status::ok() : sent.status();
    };
    auto *dialog = new TestEventDialog(m_document.get(), workflow, node, send, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

LoadTestDialog *MainWindow::openLoadTestDialog(const WorkflowId &workflow, const NodeId &trigger)
{
    const Workflow *w = m_document ? m_document->workflow(workflow) : nullptr;
    const Node *n = w ? w->findNode(trigger) : nullptr;
    if (!n || !n->kind.starts_with(kinds::kTriggerPrefix)) {
        statusBar()->showMessage(tr("Load tests start at a trigger."), 6000);
        return nullptr;
    }
    auto *dialog = new LoadTestDialog(m_document.get(), m_run, [this] { return startRun(); }, workflow, trigger, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

MemorySweepDialog *MainWindow::openMemorySweepDialog(const WorkflowId &workflow, const NodeId &function)
{
    const Workflow *w = m_document ? m_document->workflow(workflow) : nullptr;
    const Node *n = w ? w->findNode(function) : nullptr;
    if (!n || n->kind != kinds::kFunction) {
        statusBar()->showMessage(tr("Memory tuning is for functions."), 6000);
        return nullptr;
    }
    auto *dialog = new MemorySweepDialog(m_document.get(), workflow, function, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::toggleBreakpoint()
{
    const auto [workflow, node] = selectedNode();
    if (!node.isValid()) {
        statusBar()->showMessage(tr("Select one node to put a breakpoint on it."), 6000);
        return;
    }
    const bool on = !m_run->hasBreakpoint(workflow, node);
    m_run->setBreakpoint(workflow, node, on);
    m_overlay->setBreakpoints(m_run->breakpoints());
    statusBar()->showMessage(on ? tr("Runs pause before %1").arg(qs(node.str())) : tr("Breakpoint removed"), 4000);
}

void MainWindow::resumePaused(int action)
{
    const auto &pause = m_runPanel->pause();
    if (!pause)
        return;
    std::optional<Json> event;
    const auto resumeAction = ResumeAction(action);
    if (resumeAction != ResumeAction::Abort) {
        auto edited = m_runPanel->pausedEvent()->value();
        if (!edited) {
            statusBar()->showMessage(tr("The paused event is not JSON: %1").arg(qs(edited.status().message())), 8000);
            return;
        }
        if (*edited != pause->event)
            event = edited.take();
    }
    const std::string runId = pause->runId;
    if (Status s = m_run->resume(runId, resumeAction, std::move(event)); !s)
        statusBar()->showMessage(tr("Cannot resume: %1").arg(qs(s.message())), 8000);
}

void MainWindow::showPausedRun()
{
    const auto &paused = m_run->pausedRuns();
    std::optional<PauseInfo> shown;
    if (!paused.empty())
        shown = paused.front();
    m_runPanel->showPause(shown, int(paused.size()) - (shown ? 1 : 0));
    if (shown) {
        m_overlay->setPausedAt(shown->workflow, shown->node);
        selectNode(shown->workflow, shown->node);
        if (auto *runDock = findChild<QDockWidget *>(QStringLiteral("run")))
            runDock->raise();
        statusBar()->showMessage(tr("Paused before %1: F10 steps, F5 continues").arg(qs(shown->nodeName)));
    } else {
        m_overlay->setPausedAt(WorkflowId(), NodeId());
        statusBar()->clearMessage(); // "Paused before …" is over
    }
    updateRunActions();
}

} // namespace stratus::editor
