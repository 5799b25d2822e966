// stratus serve / send / debug: a workspace's workflows, running.

#include "commands.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/run/workspaceserver.h"
#include "engine/store/files.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace stratus::cli {

using namespace stratus::engine;
using namespace stratus::engine::run;

namespace {

std::unique_ptr<QCoreApplication> ensureApplication()
{
    static int argc = 1;
    static char name[] = "stratus";
    static char *argv[] = {name, nullptr};
    if (QCoreApplication::instance())
        return nullptr;
    return std::make_unique<QCoreApplication>(argc, argv);
}

std::string milliseconds(int64_t us)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f ms", double(us) / 1000.0);
    return buffer;
}

/// A value for a one-line display: compact JSON, cut at `width` characters.
std::string shortJson(const std::string &json, size_t width = 100)
{
    std::string text = printable(json);
    if (text.size() > width)
        text = text.substr(0, width - 1) + "…";
    return text;
}

/// The run as `send` and `debug` print it: its path, each node's output, its end.
void printRun(std::ostream &out, const RunOutcome &outcome, const Workspace *design)
{
    const RunEntry &r = outcome.entry;
    const Workflow *wf = design ? design->findWorkflow(WorkflowId(r.workflowId)) : nullptr;
    auto nameOf = [&](const std::string &id) {
        const Node *n = wf ? wf->findNode(NodeId(id)) : nullptr;
        return n ? n->name : id;
    };
    out << "run " << r.runId << "  " << r.trigger << "  " << r.status << "  "
        << milliseconds(r.finishedAtUs - r.startedAtUs) << "\n";
    int index = 0;
    for (const RunStepEntry &step : r.steps) {
        out << "  " << ++index << ". " << fitColumn(nameOf(step.nodeId), 24) << " " << fitColumn(step.kind, 16) << " "
            << fitColumn(step.status, 7) << " " << (step.port.empty() ? std::string("  ") : "→ " + step.port + " ")
            << (step.output.empty() ? std::string() : shortJson(step.output)) << "\n";
    }
    for (const std::string &line : r.log)
        out << "  log " << printable(line) << "\n";
    if (outcome.ok())
        out << "output: " << (r.output.empty() ? std::string("(none)") : printable(r.output)) << "\n";
    else
        out << "error: " << printable(r.error) << "\n";
}

Json runJson(const RunEntry &r)
{
    Json steps = Json::array();
    for (const RunStepEntry &s : r.steps) {
        Json step{{"node", s.nodeId}, {"kind", s.kind}, {"status", s.status}, {"startedAtUs", s.startedAtUs},
                  {"durationUs", s.durationUs}};
        auto value = [](const std::string &text) -> Json {
            if (text.empty())
                return nullptr;
            auto parsed = parseJson(text);
            return parsed ? parsed.take() : Json(text);
        };
        step["input"] = value(s.input);
        step["output"] = value(s.output);
        if (!s.port.empty())
            step["port"] = s.port;
        if (!s.requestId.empty())
            step["requestId"] = s.requestId;
        steps.push_back(std::move(step));
    }
    auto parsed = [](const std::string &text) -> Json {
        auto p = parseJson(text);
        return text.empty() ? Json() : (p ? p.take() : Json(text));
    };
    Json log = Json::array();
    for (const std::string &l : r.log)
        log.push_back(l);
    return Json{{"runId", r.runId},         {"workflow", r.workflowId}, {"trigger", r.trigger},
                {"triggerNode", r.triggerNodeId}, {"status", r.status}, {"startedAtUs", r.startedAtUs},
                {"finishedAtUs", r.finishedAtUs}, {"output", parsed(r.output)}, {"error", parsed(r.error)},
                {"log", log},               {"path", steps},           {"parentRunId", r.parentRunId}};
}

/// The trigger `wanted` names (its name, node id or WORKFLOW/NODE).
std::pair<const Workflow *, const Node *> findTrigger(const Workspace &ws, const std::string &wanted,
                                                      std::vector<std::string> &names)
{
    std::pair<const Workflow *, const Node *> byId{nullptr, nullptr};
    for (const Workflow &wf : ws.workflows) {
        for (const Node &node : wf.nodes()) {
            if (!node.kind.starts_with("trigger."))
                continue;
            names.push_back(node.name);
            if (node.name == wanted)
                return {&wf, &node};
            if (node.id.str() == wanted || wf.id().str() + "/" + node.id.str() == wanted)
                byId = {&wf, &node};
        }
    }
    return byId;
}

volatile std::sig_atomic_t g_stopSignal = 0;

void onStopSignal(int signal)
{
    g_stopSignal = signal;
}

} // namespace

int cmdServe(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "serve", "expected one FILE.stratus");
    auto app = ensureApplication();
    WorkspaceServer::Options options;
    options.executor.workspaceFile = args.positionals()[0];
    options.executor.runtime.warn = [&io](const std::string &w) { io.err << "stratus: warning: " << w << "\n"; };
    if (auto host = args.value("--host"))
        options.host = *host;
    if (args.value("--port")) {
        auto port = args.wholeNumber("--port", 0, 0, 65535);
        if (!port)
            return usageError(io, "serve", port.status().message());
        options.port = int(*port);
    }
    WorkspaceServer server(options);
    const bool quiet = args.has("--quiet");
    server.executor().setObserver(Executor::Observer{
        [&io, quiet](const HistoryEntry &e) {
            if (!quiet)
                io.out << reportLine(e.record) << "  " << e.record.functionName << "  " << statusName(e.record.status)
                       << "\n"
                       << std::flush;
        },
        [&io, quiet](const RunOutcome &o) {
            if (!quiet)
                io.out << "RUN " << o.entry.runId << "  " << o.entry.trigger << "  " << o.entry.status << "  "
                       << milliseconds(o.entry.finishedAtUs - o.entry.startedAtUs) << "  path "
                       << o.entry.steps.size() << " nodes"
                       << (o.ok() ? std::string() : "  " + shortJson(o.entry.error)) << "\n"
                       << std::flush;
        },
        {},
        [&io](const std::string &w) { io.err << "stratus: warning: " << printable(w) << "\n"; }});
    if (Status s = server.start(); !s) {
        server.stop(0);
        if (s.code() == Status::Code::InvalidArgument) {
            io.err << "stratus: " << s.message() << "\n";
            return kExitProblems;
        }
        return failure(io, s);
    }
    QObject::connect(&server, &WorkspaceServer::reloaded, [&io](const QString &problem) {
        if (problem.isEmpty())
            io.out << "reloaded the saved design\n" << std::flush;
        else
            io.err << "stratus: warning: " << printable(problem.toStdString()) << "\n";
    });
    io.out << "Gateway: " << server.gateway()->url() << "\n";
    for (const auto &route : server.routes())
        io.out << "  " << fitColumn(route.method, 7) << " " << server.gateway()->url() << route.path << "  ("
               << route.triggerName << ")\n";
    if (server.routes().empty())
        io.out << "  (no HTTP triggers)\n";
    io.out << "Serving; Ctrl+C stops.\n" << std::flush;

    g_stopSignal = 0;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (g_stopSignal)
            loop.quit();
    });
    poll.start(50);
    loop.exec();
    io.out << "Stopping (" << (g_stopSignal == SIGINT ? "SIGINT" : "SIGTERM") << ")\n" << std::flush;
    server.stop(1500);
    io.out << "Stopped.\n" << std::flush;
    return kExitOk;
}

int cmdSend(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "send", "expected one FILE.stratus");
    const auto wanted = args.value("--trigger");
    if (!wanted)
        return usageError(io, "send", "--trigger NODE is required (a trigger's name or node id)");
    std::optional<Json> given;
    if (const auto source = args.value("--event")) {
        auto text = readInputFile(*source, "an event", 10 * 1024 * 1024);
        if (!text)
            return failure(io, text.status());
        auto parsed = parseJson(*text);
        if (!parsed)
            return failure(io, Status::invalidArgument((*source == "-" ? std::string("standard input") : quote(*source))
                                                       + ": the event is not valid JSON ("
                                                       + parsed.status().message() + ")"));
        given = parsed.take();
    }
    auto wait = args.number("--wait", 30, 0, 3600);
    if (!wait)
        return usageError(io, "send", wait.status().message());
    auto app = ensureApplication();
    WorkspaceServer::Options options;
    options.executor.workspaceFile = args.positionals()[0];
    options.executor.runtime.warn = [&io](const std::string &w) { io.err << "stratus: warning: " << w << "\n"; };
    options.listen = false;
    options.schedules = false;
    options.reloadPollMs = 0;
    WorkspaceServer server(options);
    const bool json = args.has("--json");
    std::vector<RunOutcome> finished;
    server.executor().setObserver(Executor::Observer{
        [&io](const HistoryEntry &e) {
            for (const std::string &line : e.record.logs)
                io.err << printable(line) << "\n";
        },
        [&finished](const RunOutcome &o) { finished.push_back(o); },
        {},
        [&io](const std::string &w) { io.err << "stratus: warning: " << printable(w) << "\n"; }});
    if (Status s = server.start(); !s) {
        if (s.code() == Status::Code::InvalidArgument) {
            io.err << "stratus: " << s.message() << "\n";
            return kExitProblems;
        }
        return failure(io, s);
    }
    auto design = server.executor().design();
    std::vector<std::string> names;
    const auto [workflow, trigger] = findTrigger(*design, *wanted, names);
    if (!trigger) {
        server.stop(0);
        return failure(io, Status::notFound(quote(args.positionals()[0]) + " has no trigger " + quote(*wanted)
                                            + (names.empty() ? std::string(" (it has none)")
                                                             : " (triggers: " + printable(joined(names)) + ")")));
    }
    Result<Json> event = given ? (trigger->kind == "trigger.http" ? server.httpEvent(*workflow, *trigger, *given)
                                                                  : Result<Json>(*given))
                               : server.defaultEvent(*workflow, *trigger);
    if (!event) {
        server.stop(0);
        return failure(io, event.status());
    }
    RunRequest request;
    request.workflow = workflow->id();
    request.node = trigger->id;
    request.event = event.take();
    request.trigger = trigger->kind.substr(std::string("trigger.").size());
    std::optional<RunOutcome> outcome;
    const std::string runId = server.executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    // The run, then what it started in resources (their runs), within --wait seconds.
    QElapsedTimer waited;
    waited.start();
    const qint64 limitMs = qint64(*wait * 1000);
    // Quiet twice in a row, 20 ms apart: a write's delivery is queued for the next turn.
    int quietTurns = 0;
    while (waited.elapsed() < limitMs) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        quietTurns = outcome && server.isQuiet() ? quietTurns + 1 : 0;
        if (quietTurns >= 2)
            break;
        if (quietTurns == 1)
            QThread::msleep(20);
    }
    const bool timedOut = !outcome;
    const int stillRunning = server.isQuiet() ? 0 : std::max(1, server.executor().runsInFlight());
    server.stop(0);
    if (timedOut)
        return failure(io, Status::ioError("run " + runId + " did not end within " + std::to_string(int(*wait))
                                           + " s (--wait)"));
    if (json) {
        Json out = runJson(outcome->entry);
        if (trigger->kind == "trigger.http") {
            const http::Response answer = server.httpAnswer(*trigger, *outcome);
            Json headers = Json::object();
            for (const auto &[k, v] : answer.headers)
                headers[k] = v;
            out["http"] = Json{{"statusCode", answer.status}, {"headers", headers}, {"body", answer.body}};
        }
        Json later = Json::array();
        for (const RunOutcome &o : finished) {
            if (o.entry.runId != runId)
                later.push_back(runJson(o.entry));
        }
        out["followingRuns"] = later;
        io.out << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
        printRun(io.out, *outcome, design.get());
        if (trigger->kind == "trigger.http") {
            const http::Response answer = server.httpAnswer(*trigger, *outcome);
            io.out << "HTTP " << answer.status << "\n";
            for (const auto &[k, v] : answer.headers)
                io.out << "  " << printable(k) << ": " << printable(v) << "\n";
            io.out << printable(answer.body) << "\n";
        }
        for (const RunOutcome &o : finished) {
            if (o.entry.runId != runId) {
                io.out << "then ";
                printRun(io.out, o, design.get());
            }
        }
    }
    if (stillRunning > 0)
        io.err << "stratus: warning: what this run started in queues, tables or buckets was still running after "
               << int(*wait) << " s (--wait)\n";
    io.out.flush();
    return outcome->ok() ? kExitOk : kExitProblems;
}

} // namespace stratus::cli
