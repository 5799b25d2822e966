// stratus serve / send / debug: a workspace's workflows, running.

#include "commands.h"
#include "runview.h"

#include "engine/model/json.h"
#include "engine/model/nodekind.h"
#include "engine/meter/pricing.h"
#include "engine/model/text.h"
#include "engine/run/loadtest.h"
#include "engine/run/runningworkspace.h"
#include "engine/store/files.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <set>
#include <unistd.h>

namespace stratus::cli {

using namespace stratus::engine;
using namespace stratus::engine::run;

namespace {


/// The trigger `wanted` names (its name, node id or WORKFLOW/NODE).
std::pair<const Workflow *, const Node *> findTrigger(const Workspace &ws, const std::string &wanted,
                                                      std::vector<std::string> &names)
{
    std::pair<const Workflow *, const Node *> byId{nullptr, nullptr};
    for (const Workflow &wf : ws.workflows) {
        for (const Node &node : wf.nodes()) {
            if (!node.kind.starts_with(kinds::kTriggerPrefix))
                continue;
            names.push_back(node.name == node.id.str() ? node.name : node.name + " [" + node.id.str() + "]");
            if (node.name == wanted)
                return {&wf, &node};
            if (node.id.str() == wanted || wf.id().str() + "/" + node.id.str() == wanted)
                byId = {&wf, &node};
        }
    }
    return byId;
}

/// The event JSON of --event (a file, or - for stdin), if given.
Result<std::optional<Json>> readEventOption(const Args &args)
{
    const auto source = args.value("--event");
    if (!source)
        return std::optional<Json>();
    auto text = readInputFile(*source, "an event", 10 * 1024 * 1024);
    if (!text)
        return text.status();
    auto parsed = parseJson(*text);
    if (!parsed)
        return Status::invalidArgument((*source == "-" ? std::string("standard input") : quote(*source))
                                       + ": the event is not valid JSON (" + parsed.status().message() + ")");
    return std::optional<Json>(parsed.take());
}

/// A server for send and debug: no gateway, no schedules, no reloads.
WorkspaceServer::Options oneShotOptions(const Args &args)
{
    WorkspaceServer::Options options;
    options.executor.workspaceFile = args.positionals()[0];
    options.listen = false;
    options.schedules = false;
    options.reloadPollMs = 0;
    return options;
}

/// The exit for a server that did not start: 1 with the workspace's problems, else 2.
int startFailure(Io &io, const Status &s)
{
    if (s.code() == Status::Code::InvalidArgument) {
        io.err << "stratus: " << s.message() << "\n";
        return kExitProblems;
    }
    return failure(io, s);
}

/// The run --trigger asks for: the trigger, and its event (--event,
/// --test-event, or the trigger's own).
Result<std::pair<const Workflow *, RunRequest>> triggerRequest(RunningWorkspace &engine, const Args &args,
                                                               std::optional<Json> given)
{
    auto design = engine.design();
    const std::string wanted = args.value("--trigger").value_or("");
    std::vector<std::string> names;
    const auto [workflow, trigger] = findTrigger(*design, wanted, names);
    if (!trigger)
        return Status::notFound(quote(args.positionals()[0]) + " has no trigger " + quote(wanted)
                                + (names.empty() ? std::string(" (it has none)")
                                                 : " (triggers: " + printable(joined(names)) + ")"));
    if (const auto name = args.value("--test-event")) {
        std::vector<std::string> saved;
        for (const TestEvent &e : design->testEvents) {
            if ((e.workflow.isValid() && e.workflow != workflow->id()) || e.node != trigger->id)
                continue;
            saved.push_back(e.name);
            if (e.name == *name)
                given = e.event;
        }
        if (!given) {
            std::string elsewhere; // test events saved on functions are theirs: `invoke` sends them
            for (const TestEvent &e : design->testEvents) {
                if (e.name != *name)
                    continue;
                for (const Workflow &wf : design->workflows) {
                    const Node *owner = wf.findNode(e.node);
                    if (owner && (!e.workflow.isValid() || e.workflow == wf.id()) && elsewhere.empty())
                        elsewhere = "; " + quote(*name) + " is saved on " + owner->kind + " "
                                    + quote(owner->name)
                                    + (owner->kind == kinds::kFunction
                                           ? ": send it with stratus invoke FILE " + owner->name + " --test-event "
                                                 + *name
                                           : std::string());
                }
            }
            return Status::notFound("trigger " + quote(trigger->name) + " has no test event " + quote(*name)
                                    + (saved.empty() ? std::string(" (it has none") : " (it has: " + printable(joined(saved)))
                                    + elsewhere + ")");
        }
    }
    Result<Json> event = engine.call([&](WorkspaceServer &server) {
        return given ? (trigger->kind == kinds::kHttpTrigger ? server.httpEvent(*workflow, *trigger, *given)
                                                             : Result<Json>(*given))
                     : server.defaultEvent(*workflow, *trigger);
    });
    if (!event)
        return event.status();
    RunRequest request;
    request.workflow = workflow->id();
    request.node = trigger->id;
    request.event = event.take();
    request.trigger = trigger->kind.substr(kinds::kTriggerPrefix.size());
    return std::pair<const Workflow *, RunRequest>{workflow, std::move(request)};
}

/// What `serve` serves: the gateway's routes, then the schedules and resources.
void printServing(Io &io, RunningWorkspace &engine, const std::string &file)
{
    if (!engine.isRunning())
        return; // a reload reported while it stopped
    // One look at the engine: the URL, the routes and the design of one moment.
    struct Serving
    {
        std::string url;
        std::string servicesUrl;
        std::vector<WorkspaceServer::RouteInfo> routes;
        std::shared_ptr<const Workspace> design;
    };
    const auto [url, servicesUrl, routes, design] = engine.call([](WorkspaceServer &server) {
        return Serving{server.gateway() ? server.gateway()->url() : std::string(), server.servicesUrl(),
                       server.routes(), server.design()};
    });
    if (!design)
        return;
    io.out << "Gateway: " << url << "\n";
    for (const auto &route : routes)
        io.out << "  " << fitColumn(route.method, 7) << " " << url << route.path << "  (" << route.triggerName << ")\n";
    if (routes.empty())
        io.out << "  (no HTTP triggers)\n";
    if (!servicesUrl.empty())
        io.out << "AWS endpoint: " << servicesUrl << "\n";
    struct Line // per kind: what a line of the console says of the node, if anything
    {
        std::ostream &out;
        const std::string &file;
        const Node &node;
        const Json config = NodeKindRegistry::instance().effectiveConfig(node);

        void scheduleTrigger()
        {
            out << "Schedule " << node.name << ": " << config.value("expression", std::string()) << " ("
                << config.value("timezone", std::string("UTC")) << ")"
                << (config.value("enabled", true) ? "" : ", disabled") << "\n";
        }
        void queue() { out << "Queue " << node.name << "\n"; }
        void table() { out << "Table " << node.name << "\n"; }
        void bucket() { out << "Bucket " << node.name << ": " << LocalResources::bucketFolder(file, node) << "\n"; }
        void httpTrigger() {} // with the routes above
        void manualTrigger() {}
        void function() {}
        void choice() {}
        void log() {}
    };
    for (const Workflow &wf : design->workflows) {
        for (const Node &n : wf.nodes()) {
            if (const auto kind = kindIdOf(n.kind))
                visitKind(*kind, Line{io.out, file, n});
        }
    }
}

/// The engine's warnings, on stderr.
void printWarnings(Io &io, RunningWorkspace &engine)
{
    QObject::connect(&engine, &RunningWorkspace::warning,
                     [&io](const QString &w) { io.err << "stratus: warning: " << printable(w.toStdString()) << "\n"; });
}

/// Each invocation's log lines (START, the function's, END, REPORT), on stderr: send and debug keep stdout for runs.
void printFunctionLogs(Io &io, RunningWorkspace &engine)
{
    QObject::connect(&engine, &RunningWorkspace::invocationFinished, [&io](const HistoryEntry &e) {
        for (const std::string &line : e.record.logs)
            io.err << printable(line) << "\n";
    });
}

/// The HTTP answer a run of an HTTP trigger gives, as a client would see it.
void printHttpAnswer(std::ostream &out, const http::Response &answer)
{
    out << "HTTP " << answer.status << "\n";
    for (const auto &[k, v] : answer.headers)
        out << "  " << printable(k) << ": " << printable(v) << "\n";
    out << printable(answer.body) << "\n";
}

} // namespace

int cmdServe(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "serve", "expected one FILE.stratus");
    auto app = ensureApplication();
    WorkspaceServer::Options options;
    options.executor.workspaceFile = args.positionals()[0];
    if (auto host = args.value("--host")) {
        if (*host != "localhost" && QHostAddress().setAddress(QString::fromStdString(*host)) == false)
            return usageError(io, "serve", "--host " + quote(*host)
                                               + " is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or localhost)");
        options.host = *host;
    }
    if (args.value("--port")) {
        auto port = args.wholeNumber("--port", 0, 0, 65535);
        if (!port)
            return usageError(io, "serve", port.status().message());
        options.port = int(*port);
    }
    if (args.value("--services-port")) {
        auto port = args.wholeNumber("--services-port", 0, 0, 65535);
        if (!port)
            return usageError(io, "serve", port.status().message());
        options.servicesPort = int(*port);
    }
    RunningWorkspace engine(options);
    const bool quiet = args.has("--quiet");
    if (!quiet) {
        // The function's log as CloudWatch shows it (START, its own lines, END, REPORT).
        QObject::connect(&engine, &RunningWorkspace::invocationFinished, [&io](const HistoryEntry &e) {
            for (const std::string &line : e.record.logs)
                io.out << "  " << e.record.functionName << "  " << printable(line) << "\n";
            io.out << std::flush;
        });
        QObject::connect(&engine, &RunningWorkspace::runFinished, [&io](const RunOutcome &o) {
            io.out << "RUN " << o.entry.runId << "  " << o.entry.trigger << "  " << o.entry.status << "  "
                   << milliseconds(o.entry.finishedAtUs - o.entry.startedAtUs) << "  path " << o.entry.steps.size()
                   << " nodes" << (o.ok() ? std::string() : "  " + shortJson(o.entry.error, 100)) << "\n"
                   << std::flush;
        });
        QObject::connect(&engine, &RunningWorkspace::requestAnswered,
                         [&io](const QString &method, const QString &path, int status, qint64 us) {
                             io.out << method.toStdString() << " " << printable(path.toStdString()) << " → "
                                    << status << "  " << milliseconds(us) << "\n"
                                    << std::flush;
                         });
    }
    printWarnings(io, engine);
    QObject::connect(&engine, &RunningWorkspace::reloaded, [&](const QString &problem) {
        if (problem.isEmpty()) {
            io.out << "reloaded the saved design\n";
            printServing(io, engine, args.positionals()[0]);
            io.out << std::flush;
        } else
            io.err << "stratus: warning: " << printable(problem.toStdString()) << "\n";
    });
    if (Status s = engine.start(); !s)
        return startFailure(io, s);
    printServing(io, engine, args.positionals()[0]);
    io.out << "Serving; Ctrl+C stops.\n" << std::flush;

    catchStopSignals();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (stopSignal())
            loop.quit();
    });
    poll.start(50);
    loop.exec();
    io.out << "Stopping (" << signalName() << ")\n" << std::flush;
    engine.stop(WorkspaceServer::kStopGraceMs);
    QCoreApplication::processEvents(); // what the engine reported while stopping
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
    if (args.value("--event") && args.value("--test-event"))
        return usageError(io, "send", "give either --event or --test-event, not both");
    auto given = readEventOption(args);
    if (!given)
        return failure(io, given.status());
    auto wait = args.number("--wait", 30, 1, 3600);
    if (!wait)
        return usageError(io, "send", wait.status().message());
    auto app = ensureApplication();
    RunningWorkspace engine(oneShotOptions(args));
    const bool json = args.has("--json");
    std::vector<RunOutcome> finished;
    printFunctionLogs(io, engine);
    QObject::connect(&engine, &RunningWorkspace::runFinished, [&finished](const RunOutcome &o) { finished.push_back(o); });
    printWarnings(io, engine);
    if (Status s = engine.start(); !s)
        return startFailure(io, s);
    auto design = engine.design();
    auto started = triggerRequest(engine, args, given.take());
    if (!started)
        return failure(io, started.status());
    auto &[workflow, request] = *started;
    const Node *trigger = workflow->findNode(request.node);
    std::optional<RunOutcome> outcome;
    catchStopSignals();
    const std::string runId = engine.startRun(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    // The run, then what it started in resources (their runs), within --wait seconds.
    QElapsedTimer waited;
    waited.start();
    const qint64 limitMs = qint64(*wait * 1000);
    // Quiet twice in a row, 20 ms apart: a write's delivery is queued for the next turn.
    int quietTurns = 0;
    while (waited.elapsed() < limitMs && !stopSignal()) {
        waitForEvents(20);
        quietTurns = outcome && engine.isQuiet() ? quietTurns + 1 : 0;
        if (quietTurns >= 2)
            break;
    }
    if (stopSignal()) {
        // Stopped by the user: what runs ends aborted, and is recorded and shown so.
        io.err << "stratus: stopping (" << signalName() << "): the run is aborted\n";
        engine.stop(0);
        QCoreApplication::processEvents();
    }
    const bool timedOut = !outcome;
    const bool stillRunning = engine.isRunning() && !engine.isQuiet();
    std::optional<http::Response> answer;
    if (outcome && trigger->kind == kinds::kHttpTrigger)
        answer = WorkspaceServer::httpAnswer(*trigger, *outcome);
    engine.stop(0);
    QCoreApplication::processEvents(); // the runs that ended while stopping
    if (timedOut)
        return failure(io, Status::ioError("run " + runId + " did not end within " + std::to_string(int(*wait))
                                           + " s (--wait)"));
    if (json) {
        Json out = runJson(outcome->entry);
        if (answer) {
            Json headers = Json::object();
            for (const auto &[k, v] : answer->headers)
                headers[k] = v;
            out["http"] = Json{{"statusCode", answer->status}, {"headers", headers}, {"body", answer->body}};
        }
        Json later = Json::array();
        for (const RunOutcome &o : finished) {
            if (o.entry.runId != runId)
                later.push_back(runJson(o.entry));
        }
        out["followingRuns"] = later;
        io.out << out.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
        printRun(io.out, outcome->entry, design.get());
        if (answer)
            printHttpAnswer(io.out, *answer);
        // Runs of queues, tables and buckets ended meanwhile: "then" those that
        // carry this run's writes (their parent run is this one, or one of
        // those), "meanwhile" whatever else was waiting there.
        std::set<std::string> family{runId};
        for (bool grew = true; grew;) {
            grew = false;
            for (const RunOutcome &o : finished) {
                if (!family.contains(o.entry.runId) && family.contains(o.entry.parentRunId))
                    grew = family.insert(o.entry.runId).second || grew;
            }
        }
        for (const RunOutcome &o : finished) {
            if (o.entry.runId != runId) {
                io.out << (family.contains(o.entry.runId) ? "then " : "meanwhile ");
                printRun(io.out, o.entry, design.get());
            }
        }
    }
    if (stillRunning)
        io.err << "stratus: warning: what this run wrote into queues, tables or buckets was not all delivered within "
               << int(*wait) << " s (--wait); what is left is delivered by the next serve or send\n";
    io.out.flush();
    if (stopSignal())
        return signalExit();
    return outcome->ok() ? kExitOk : kExitProblems;
}

} // namespace stratus::cli

namespace stratus::cli {

namespace {

/// One line of the debugger's input: the command and the rest.
std::pair<std::string, std::string> splitCommand(const std::string &line)
{
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos)
        return {};
    const size_t end = line.find_first_of(" \t", start);
    const std::string command = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string rest = end == std::string::npos ? std::string() : line.substr(end);
    rest.erase(0, std::min(rest.size(), rest.find_first_not_of(" \t")));
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r'))
        rest.pop_back();
    return {command, rest};
}

constexpr const char *kDebugHelp =
    "  step, s              run the node it is paused before, pause before the next\n"
    "  continue, c          run on to the next breakpoint or the end\n"
    "  print, p             show the event the node is about to receive\n"
    "  set JSON | set @FILE replace that event (inline JSON, or a file)\n"
    "  abort, a             end the run here (recorded as aborted)\n"
    "  replay RUN [--from NODE]  run a recorded run again from a node of its path\n"
    "  help, h              this list\n"
    "  quit, q              abort what is paused and leave\n";

} // namespace

int cmdDebug(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "debug", "expected one FILE.stratus");
    const std::vector<std::string> breaks = args.values("--break");
    if (!args.value("--trigger"))
        return usageError(io, "debug", "--trigger NODE is required");
    auto given = readEventOption(args);
    if (!given)
        return failure(io, given.status());
    auto app = ensureApplication();
    RunningWorkspace engine(oneShotOptions(args));
    std::vector<PauseInfo> pauses;
    std::vector<RunOutcome> ended;
    printFunctionLogs(io, engine);
    QObject::connect(&engine, &RunningWorkspace::runFinished, [&ended](const RunOutcome &o) { ended.push_back(o); });
    QObject::connect(&engine, &RunningWorkspace::runPaused, [&pauses](const PauseInfo &p) { pauses.push_back(p); });
    printWarnings(io, engine);
    if (Status s = engine.start(); !s)
        return startFailure(io, s);
    auto design = engine.design();
    auto started = triggerRequest(engine, args, given.take());
    if (!started)
        return failure(io, started.status());
    auto &[workflow, request] = *started;
    const Node *trigger = workflow->findNode(request.node);
    std::set<std::pair<WorkflowId, NodeId>> breakpoints;
    for (const std::string &b : breaks) {
        const Node *found = nullptr;
        for (const Node &n : workflow->nodes()) {
            if (n.name == b || n.id.str() == b)
                found = &n;
        }
        if (!found) {
            std::vector<std::string> all;
            for (const Node &n : workflow->nodes())
                all.push_back(n.name);
            return usageError(io, "debug", "--break " + quote(b) + ": workflow " + quote(workflow->id().str())
                                               + " has no such node (nodes: " + printable(joined(all)) + ")");
        }
        if (kinds::isTrigger(found->kind)) {
            return usageError(io, "debug", "--break " + quote(b) + " is a trigger: a run starts there and never "
                                               "pauses before it; break on a node after it");
        }
        breakpoints.insert({workflow->id(), found->id});
    }
    engine.call([&](WorkspaceServer &server) { server.executor().setBreakpoints(breakpoints); });

    catchStopSignals();
    std::string current = engine.startRun(std::move(request));
    io.out << "run " << current << " started from " << trigger->name
           << (breakpoints.empty() ? std::string(" (no breakpoints: it runs through)") : std::string()) << "\n"
           << std::flush;

    std::optional<Json> replacement;
    bool lastOk = true;
    auto waitForSomething = [&] {
        // Until a pause to show, or until no run is left.
        // Runs started through queues, tables and buckets are followed too.
        int quiet = 0;
        while (pauses.empty() && quiet < 2 && !stopSignal()) {
            waitForEvents(20);
            quiet = engine.isQuiet() ? quiet + 1 : 0;
        }
        QCoreApplication::processEvents();
        for (const RunOutcome &o : ended) {
            printRun(io.out, o.entry, design.get());
            // A run from the HTTP trigger (replays included) answers as `send` shows it.
            if (trigger->kind == kinds::kHttpTrigger && o.entry.triggerNodeId == trigger->id.str())
                printHttpAnswer(io.out, WorkspaceServer::httpAnswer(*trigger, o));
            lastOk = o.ok();
        }
        ended.clear();
    };
    waitForSomething();
    std::string line;
    for (;;) {
        if (!pauses.empty()) {
            const PauseInfo &p = pauses.front();
            io.out << "paused before " << p.nodeName << " (" << p.node.str() << ") in run " << p.runId
                   << (pauses.size() > 1 ? " (" + std::to_string(pauses.size() - 1) + " more paused after it)"
                                         : std::string())
                   << "\n";
        } else {
            io.out << "no run is paused (replay RUN [--from NODE], or quit)\n";
        }
        io.out << "(stratus) " << std::flush;
        if (stopSignal() || !std::getline(std::cin, line) || stopSignal())
            break;
        const auto [command, rest] = splitCommand(line);
        if (command.empty())
            continue;
        static const std::set<std::string> bare{"step", "s", "next", "n", "continue", "c", "abort", "a",
                                                "print", "p", "help", "h", "?", "quit", "q", "exit"};
        if (bare.contains(command) && !rest.empty()) {
            io.err << quote(command) << " takes nothing after it (got " << quote(printable(rest)) << ")\n";
            continue;
        }
        if (command == "quit" || command == "q" || command == "exit")
            break;
        if (command == "help" || command == "h" || command == "?") {
            io.out << kDebugHelp;
            continue;
        }
        if (command == "replay") {
            const auto [runId, fromPart] = splitCommand(rest);
            if (runId.empty()) {
                io.err << "replay needs a run id (see `stratus runs FILE --workflows`)\n";
                continue;
            }
            std::optional<NodeId> from;
            if (!fromPart.empty()) {
                const auto [flag, node] = splitCommand(fromPart);
                if (flag != "--from" || node.empty()) {
                    io.err << "replay RUN [--from NODE]\n";
                    continue;
                }
                from = NodeId(node);
                for (const Workflow &wf : design->workflows) {
                    for (const Node &n : wf.nodes()) {
                        if (n.name == node)
                            from = n.id;
                    }
                }
            }
            auto replayed = engine.call(
                [&](WorkspaceServer &server) { return server.executor().replay(runId, from, replacement); });
            replacement.reset();
            if (!replayed) {
                io.err << "stratus: " << printable(replayed.status().message()) << "\n";
                continue;
            }
            io.out << "run " << *replayed << " replays " << runId << "\n";
            waitForSomething();
            continue;
        }
        if (pauses.empty()) {
            io.err << quote(command) << ": no run is paused; commands: replay, help, quit\n";
            continue;
        }
        const PauseInfo pause = pauses.front();
        if (command == "print" || command == "p") {
            const Json &shown = replacement ? *replacement : pause.event;
            const std::string text = shown.dump(2, ' ', false, Json::error_handler_t::replace);
            for (size_t start = 0; start <= text.size();) {
                const size_t end = std::min(text.find('\n', start), text.size());
                io.out << printable(std::string_view(text).substr(start, end - start)) << "\n";
                start = end + 1;
            }
            continue;
        }
        if (command == "set") {
            std::string text = rest;
            if (!rest.empty() && rest.front() == '@') {
                auto file = readInputFile(rest.substr(1), "an event", 10 * 1024 * 1024);
                if (!file) {
                    io.err << "stratus: " << printable(file.status().message()) << "\n";
                    continue;
                }
                text = file.take();
            }
            auto parsed = parseJson(text);
            if (!parsed) {
                io.err << "not valid JSON: " << printable(parsed.status().message()) << " (the event is unchanged)\n";
                continue;
            }
            replacement = parsed.take();
            io.out << "the event " << pause.nodeName << " receives is replaced\n";
            continue;
        }
        ResumeAction action;
        if (command == "step" || command == "s" || command == "next" || command == "n")
            action = ResumeAction::Step;
        else if (command == "continue" || command == "c")
            action = ResumeAction::Continue;
        else if (command == "abort" || command == "a")
            action = ResumeAction::Abort;
        else {
            io.err << "unknown command " << quote(command) << "; commands:\n" << kDebugHelp;
            continue;
        }
        pauses.erase(pauses.begin());
        if (Status s = engine.call([&](WorkspaceServer &server) {
                return server.executor().resume(pause.runId, action, replacement);
            });
            !s)
            io.err << "stratus: " << printable(s.message()) << "\n";
        replacement.reset();
        waitForSomething();
    }
    // Leaving: what is paused is aborted and recorded so.
    if (stopSignal())
        io.out << "\nstopping (" << signalName() << "): what is paused or running is aborted\n";
    engine.stop(0);
    QCoreApplication::processEvents();
    for (const RunOutcome &o : ended) {
        printRun(io.out, o.entry, design.get());
        lastOk = o.ok();
    }
    io.out.flush();
    if (stopSignal())
        return signalExit();
    return lastOk ? kExitOk : kExitProblems;
}

int cmdLoad(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "load", "expected one FILE.stratus");
    if (!args.value("--trigger"))
        return usageError(io, "load", "--trigger NODE is required (a trigger's name or node id)");
    if (args.value("--event") && args.value("--test-event"))
        return usageError(io, "load", "give either --event or --test-event, not both");
    if (args.value("--rate").has_value() != args.value("--duration").has_value())
        return usageError(io, "load", "--rate R and --duration S go together (R runs a second for S seconds)");
    if (args.value("--rate") && args.value("-n"))
        return usageError(io, "load", "give either -n N or --rate R --duration S, not both");
    LoadPlan plan;
    auto total = args.wholeNumber("-n", 100, 1, kMaxLoadRuns);
    auto concurrency = args.wholeNumber("-c", 4, 1, kMaxLoadConcurrency);
    auto rate = args.number("--rate", 0, 0.001, 1e6);
    auto duration = args.number("--duration", 0, 0.001, 24 * 3600);
    for (const auto *r : {&total, &concurrency})
        if (!*r)
            return usageError(io, "load", r->status().message());
    for (const auto *r : {&rate, &duration})
        if (!*r)
            return usageError(io, "load", r->status().message());
    plan.total = *total;
    plan.concurrency = int(*concurrency);
    plan.ratePerSecond = *rate;
    plan.durationSeconds = *duration;
    auto given = readEventOption(args);
    if (!given)
        return failure(io, given.status());
    auto app = ensureApplication();
    RunningWorkspace engine(oneShotOptions(args));
    printWarnings(io, engine);
    if (Status s = engine.start(); !s)
        return startFailure(io, s);
    auto started = triggerRequest(engine, args, given.take());
    if (!started)
        return failure(io, started.status());
    auto &[workflow, request] = *started;
    plan.throughGateway = workflow->findNode(request.node)->kind == kinds::kHttpTrigger;
    plan.request = std::move(request);
    auto pricing = workspacePricing(engine.design()->settings);
    LoadTest test(&engine, std::move(plan), pricing ? pricing.take() : builtinPricingPresets().front());
    std::optional<LoadSummary> summary;
    QObject::connect(&test, &LoadTest::finished, [&summary](const LoadSummary &s) { summary = s; });
    const bool json = args.has("--json");
    if (!json && isatty(fileno(stderr))) {
        QObject::connect(&test, &LoadTest::progressed, [&io, &test](double) {
            const LoadSummary s = test.summary();
            io.err << "\r  " << s.finished << " runs ended, " << s.failed << " failed" << std::flush;
        });
    }
    if (Status s = test.start(); !s)
        return usageError(io, "load", s.message());
    catchStopSignals();
    bool cancelled = false;
    while (!summary) {
        waitForEvents(20);
        if (stopSignal() && !cancelled) {
            io.err << "\nstratus: stopping (" << signalName() << "): no more runs start; waiting for those in flight\n";
            test.cancel();
            cancelled = true;
        }
    }
    engine.stop();
    QCoreApplication::processEvents();
    if (json) {
        Json out = summary->toJson();
        out["file"] = args.positionals()[0];
        out["trigger"] = args.value("--trigger").value_or("");
        io.out << out.dump(2) << "\n";
    } else {
        if (isatty(fileno(stderr)))
            io.err << "\n";
        char line[512];
        std::snprintf(line, sizeof line,
                      "%lld runs in %.2f s: %.1f runs/s%s\n"
                      "  latency (start to end of a run): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n"
                      "  %lld succeeded, %lld failed; %lld invocations: %lld cold starts, %lld throttled, %lld errors\n",
                      summary->finished, summary->seconds, summary->runsPerSecond,
                      summary->cancelled ? " (stopped early)" : "", summary->p50Ms, summary->p95Ms, summary->p99Ms,
                      summary->maxMs, summary->succeeded, summary->failed, summary->invocations, summary->coldStarts,
                      summary->throttled, summary->invocationErrors);
        io.out << line << "  cost: " << money(summary->invocationsCost) << " for these runs, "
               << money(summary->costPerMillionRuns) << " per million runs\n";
    }
    if (stopSignal())
        return signalExit();
    return summary->failed > 0 ? kExitProblems : kExitOk;
}

} // namespace stratus::cli
