// stratus invoke: one function, one invocation, in a fresh instance.

#include "commands.h"

#include "engine/meter/cost.h"
#include "engine/meter/pricing.h"
#include "engine/run/memorysweep.h"
#include "engine/run/workspaceserver.h"
#include "engine/model/json.h"
#include "engine/model/runtimes.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/store/files.h"
#include "engine/runtime/functionruntime.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <chrono>
#include <filesystem>

namespace stratus::cli {

using namespace stratus::engine;
namespace fs = std::filesystem;

namespace {

/// A runtime's options for a command: its warnings go to standard error.
FunctionRuntime::Options runtimeOptions(Io &io)
{
    FunctionRuntime::Options options;
    options.warn = [&io](const std::string &w) { io.err << "stratus: warning: " << w << "\n"; };
    return options;
}

/// The event JSON from --event (a file, or - for stdin), checked here and
/// then passed on exactly as written; {} when there is none.
Result<std::string> readEvent(const Args &args)
{
    const auto source = args.value("--event");
    if (!source)
        return std::string("{}");
    // Lambda takes at most 6 MB for a synchronous invocation's payload
    // (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
    auto text = readInputFile(*source, "an event (Lambda's limit for a synchronous invocation)", 6 * 1024 * 1024);
    if (!text)
        return text.status();
    const std::string name = *source == "-" ? std::string("standard input") : quote(*source);
    // Passed on as written, so refused here if a runtime would refuse it:
    // Node's JSON.parse and Python's json.loads both reject a byte order mark.
    if (text->starts_with("\xEF\xBB\xBF"))
        return Status::invalidArgument(name + ": the event starts with a byte order mark (U+FEFF), which JSON "
                                              "parsers of the runtimes refuse; save it as UTF-8 without one");
    if (auto parsed = parseJson(*text); !parsed)
        return Status::invalidArgument(name + ": the event is not valid JSON (" + parsed.status().message() + ")");
    return text;
}

/// A workspace's function, with what recording its invocations needs.
struct WorkspaceFunction
{
    FunctionConfig config;
    std::string workflowId;
    std::string nodeId;
    Json settings; ///< the workspace's (pricing, retention)
    std::optional<std::string> testEvent; ///< the saved test event asked for, as JSON
};

/// The function named `wanted` in a workspace file (or with that node id, or
/// WORKFLOW/NODE), with its saved test event `testEvent` when one is asked for.
Result<WorkspaceFunction> functionFromWorkspace(const std::string &file, const std::string &wanted,
                                                const std::optional<std::string> &testEvent,
                                                const std::string &cacheRoot)
{
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return store.status();
    auto ws = store->load();
    if (!ws)
        return ws.status();
    std::vector<std::string> names;
    const auto [owner, found] = findFunctionNode(*ws, wanted, &names);
    if (!found)
        return noSuchFunction(file, wanted, names);
    std::optional<std::string> event;
    if (testEvent) {
        std::vector<std::string> saved;
        for (const TestEvent &e : ws->testEvents) {
            if ((e.workflow.isValid() && e.workflow != owner->id()) || e.node != found->id)
                continue;
            saved.push_back(e.name);
            if (e.name == *testEvent)
                event = e.event.dump();
        }
        if (!event)
            return Status::notFound("function " + quote(found->name) + " has no test event " + quote(*testEvent)
                                    + (saved.empty() ? std::string(" (it has none)")
                                                     : " (it has: " + printable(joined(saved)) + ")"));
    }
    auto config = FunctionConfig::fromNode(*found, ws->settings, cacheRoot);
    if (!config)
        return config.status();
    WorkspaceFunction f{config.take(), owner->id().str(), found->id.str(), ws->settings, event};
    return f;
}

/// Adds the invocation to the workspace's run history (migrating an older
/// file first), then applies the workspace's retention policy. Failing to
/// record or price is a warning: the invocation happened.
void recordInvocation(const std::string &file, const WorkspaceFunction &f,
                      const InvocationRecord &record, Io &io)
{
    auto recordAndPrune = [&]() -> Status {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
        if (!store)
            return store.status();
        {
            auto recorder = RunRecorder::open(file);
            if (!recorder)
                return recorder.status();
            HistoryEntry entry;
            entry.record = record;
            entry.workflowId = f.workflowId;
            entry.nodeId = f.nodeId;
            const RecordingPrice price = recordingPricing(f.settings, f.config.architecture);
            if (!price.warning.empty())
                io.err << "stratus: warning: " << printable(price.warning) << "\n";
            entry.cost = invocationCost(price.preset, record.durationUs, record.memorySizeMB, record.maxMemoryUsedMB)
                             .total();
            (*recorder)->record(std::move(entry));
            if (Status s = (*recorder)->flush(); !s)
                return s;
        }
        const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count();
        auto policy = retentionPolicy(f.settings);
        if (!policy)
            io.err << "stratus: warning: the history was not pruned: " << printable(policy.status().message())
                   << "\n";
        else if (auto pruned = pruneHistory(store->database(), *policy, now); !pruned)
            io.err << "stratus: warning: the history was not pruned: " << printable(pruned.status().message())
                   << "\n";
        return Status::ok();
    };
    if (Status s = recordAndPrune(); !s)
        io.err << "stratus: warning: the invocation was not recorded: " << printable(s.message()) << "\n";
}

Result<FunctionConfig> functionFromFolder(const Args &args)
{
    FunctionConfig f;
    const auto code = args.value("--code");
    const auto runtime = args.value("--runtime");
    const auto handler = args.value("--handler");
    if (!runtime || !handler)
        return Status::invalidArgument("--code needs --runtime and --handler");
    std::error_code ec;
    if (!fs::is_directory(*code, ec))
        return ec || !fs::exists(*code, ec) ? Status::notFound(quote(*code) + ": no such folder")
                                            : Status::invalidArgument(quote(*code) + " is not a folder");
    f.codeDirectory = fs::absolute(*code).lexically_normal().string();
    if (!f.codeDirectory.empty() && f.codeDirectory.back() == '/')
        f.codeDirectory.pop_back();
    f.name = fs::path(f.codeDirectory).filename().string();
    if (f.name.empty())
        f.name = "function";
    f.runtime = *runtime;
    f.handler = *handler;
    auto timeout = args.wholeNumber("--timeout", 3, 1, 900);
    if (!timeout)
        return timeout.status();
    auto memory = args.wholeNumber("--memory", kMinMemoryMB, kMinMemoryMB, kMaxMemoryMB);
    if (!memory)
        return memory.status();
    f.timeoutS = int(*timeout);
    f.memoryMB = int(*memory);
    if (const auto file = args.value("--env-file")) {
        auto text = readInputFile(*file, "the environment file");
        if (!text)
            return text.status();
        auto env = parseJson(*text);
        if (!env)
            return Status::invalidArgument(quote(*file) + ": not valid JSON (" + env.status().message() + ")");
        if (!env->is_object())
            return Status::invalidArgument(quote(*file) + ": expected a JSON object of NAME: \"value\"");
        for (auto it = env->begin(); it != env->end(); ++it) {
            if (const std::string problem = environmentNameProblem(it.key()); !problem.empty())
                return Status::invalidArgument(quote(*file) + ": " + problem);
            if (!it.value().is_string())
                return Status::invalidArgument(quote(*file) + ": variable " + quote(it.key()) + " is not a string");
            f.environment[it.key()] = it.value().get<std::string>();
        }
    }
    for (const std::string &kv : args.values("--env")) {
        const auto eq = kv.find('=');
        if (eq == 0 || eq == std::string::npos)
            return Status::invalidArgument("--env takes NAME=VALUE, not " + quote(kv));
        if (const std::string problem = environmentNameProblem(kv.substr(0, eq)); !problem.empty())
            return Status::invalidArgument("--env: " + problem);
        f.environment[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    size_t bytes = 0;
    for (const auto &[name, value] : f.environment)
        bytes += name.size() + value.size();
    if (const std::string problem = environmentSizeProblem(bytes); !problem.empty())
        return Status::invalidArgument("--env and --env-file: " + problem);
    return f;
}

} // namespace

int cmdInvoke(const Args &args, Io &io)
{
    const bool fromFolder = args.value("--code").has_value();
    if (fromFolder && !args.positionals().empty())
        return usageError(io, "invoke", "give either --code DIR or FILE.stratus FUNCTION, not both");
    if (!fromFolder && args.positionals().size() != 2)
        return usageError(io, "invoke", "expected FILE.stratus FUNCTION, or --code DIR");
    if (fromFolder && args.value("--test-event"))
        return usageError(io, "invoke", "--test-event goes with FILE.stratus FUNCTION (test events are saved in a workspace)");
    if (args.value("--event") && args.value("--test-event"))
        return usageError(io, "invoke", "give either --event or --test-event, not both");
    if (!fromFolder) {
        for (const char *option : {"--runtime", "--handler", "--env", "--env-file", "--timeout", "--memory"}) {
            if (args.value(option))
                return usageError(io, "invoke", std::string(option) + " goes with --code");
        }
    }
    auto event = readEvent(args);
    if (!event)
        return failure(io, event.status());

    auto app = ensureApplication();
    const FunctionRuntime::Options options = runtimeOptions(io);
    FunctionRuntime runtime(options);
    std::optional<WorkspaceFunction> workspaceFunction;
    FunctionConfig config;
    if (fromFolder) {
        auto folder = functionFromFolder(args);
        if (!folder) {
            const bool usage = folder.status().code() == Status::Code::InvalidArgument;
            return usage ? usageError(io, "invoke", folder.status().message()) : failure(io, folder.status());
        }
        config = folder.take();
    } else {
        auto found = functionFromWorkspace(args.positionals()[0], args.positionals()[1], args.value("--test-event"),
                                           options.cacheRoot);
        if (!found)
            return failure(io, found.status());
        workspaceFunction = found.take();
        // One function runs whatever else the workspace holds, but a setting it reads is not ignored silently.
        for (const Problem &p : cpuShareProblems(workspaceFunction->settings))
            io.err << "stratus: warning: " << p.field << ": " << printable(p.message) << " (the CPU share is not emulated)\n";
        config = workspaceFunction->config;
        if (workspaceFunction->testEvent)
            *event = *workspaceFunction->testEvent;
    }
    const std::string functionName = config.name;
    if (Status s = runtime.addFunction(std::move(config)); !s)
        return fromFolder ? usageError(io, "invoke", s.message()) : failure(io, s);

    InvocationRequest request;
    request.payload = event.take();
    request.trigger = "cli";
    InvocationResult result = runtime.invokeAndWait(functionName, std::move(request));
    runtime.shutdown();
    if (workspaceFunction)
        recordInvocation(args.positionals()[0], *workspaceFunction, result.record, io);
    for (const std::string &line : result.record.logs)
        io.err << printable(line) << "\n"; // the function's own bytes: never raw to a terminal
    io.out << result.payload << "\n";
    io.out.flush();
    return result.ok() ? kExitOk : kExitProblems;
}

} // namespace stratus::cli

namespace stratus::cli {

namespace {

void printSweep(const run::SweepResult &result, const std::string &runtime, Io &io)
{
    io.out << "Tuning " << printable(result.function) << " (" << runtime << "): " << result.runsPerSize
           << (result.runsPerSize == 1 ? " run" : " runs") << " a size after one warm-up invocation\n"
           << printable(result.methodText) << "\n\n";
    char line[200];
    std::snprintf(line, sizeof line, "  %8s %6s %10s %10s %9s %9s %9s %16s  %s\n", "MEMORY", "VCPU", "P50 MS",
                  "MEAN MS", "CPU MS", "BILLED", "MAX USED", "COST/INVOCATION", "");
    io.out << line;
    for (size_t i = 0; i < result.points.size(); ++i) {
        const run::SweepPoint &p = result.points[i];
        std::string marks;
        for (const auto &[index, word] : {std::pair(result.choices.cheapest, "cheapest"),
                                          std::pair(result.choices.fastest, "fastest"),
                                          std::pair(result.choices.balanced, "balanced")}) {
            if (index == int(i))
                marks += std::string(marks.empty() ? "" : ", ") + word;
        }
        if (p.failures > 0)
            marks += (marks.empty() ? "" : ", ") + run::sweepFailureText(p);
        if (p.runs > p.failures) {
            char cpu[32] = "-";
            if (p.meanCpuMs >= 0)
                std::snprintf(cpu, sizeof cpu, "%.2f", p.meanCpuMs);
            std::snprintf(line, sizeof line, "  %5d MB %6.3f %10.2f %10.2f %9s %6.0f ms %6d MB %16s  ", p.memoryMB,
                          p.vcpus, p.p50Ms, p.meanMs, cpu, p.meanBilledMs, p.maxMemoryUsedMB,
                          money(p.costPerInvocation).c_str());
        } else {
            // No run succeeded: the figures of failed runs are not the function's.
            std::snprintf(line, sizeof line, "  %5d MB %6.3f %10s %10s %9s %9s %9s %16s  ", p.memoryMB, p.vcpus, "-", "-",
                          "-", "-", "-", "-");
        }
        io.out << line << marks << "\n";
    }
    io.out << "\n";
    const auto describe = [&](const char *label, int index) {
        io.out << label;
        if (index < 0) {
            io.out << "none (no size ran without failures)\n";
            return;
        }
        const run::SweepPoint &p = result.points[size_t(index)];
        std::snprintf(line, sizeof line, "%d MB (p50 %.2f ms, %s per invocation, %s per million)\n", p.memoryMB,
                      p.p50Ms, money(p.costPerInvocation).c_str(), money(p.costPerInvocation * 1e6).c_str());
        io.out << line;
    };
    describe("Cheapest: ", result.choices.cheapest);
    describe("Fastest:  ", result.choices.fastest);
    describe("Balanced: ", result.choices.balanced);
    if (result.cancelled)
        io.out << "(stopped before every size ran)\n";
}

} // namespace

int cmdTune(const Args &args, Io &io)
{
    if (args.positionals().size() != 2)
        return usageError(io, "tune", "expected FILE.stratus FUNCTION");
    if (args.value("--event") && args.value("--test-event"))
        return usageError(io, "tune", "give either --event or --test-event, not both");
    run::SweepPlan plan;
    if (const auto sizes = args.value("--memory")) {
        auto parsed = run::parseMemorySizes(*sizes);
        if (!parsed)
            return usageError(io, "tune", "--memory: " + parsed.status().message());
        plan.memorySizesMB = parsed.take();
        // The sizes alone, so that a wrong one is named with its option.
        if (Status s = run::sweepPlanProblem(plan); !s)
            return usageError(io, "tune", "--memory: " + s.message());
    }
    auto runs = args.wholeNumber("--runs", 5, 1, run::kMaxSweepRunsPerSize);
    if (!runs)
        return usageError(io, "tune", runs.status().message());
    plan.runsPerSize = int(*runs);
    auto event = readEvent(args);
    if (!event)
        return failure(io, event.status());

    auto app = ensureApplication();
    const FunctionRuntime::Options options = runtimeOptions(io);
    auto found = functionFromWorkspace(args.positionals()[0], args.positionals()[1], args.value("--test-event"),
                                       options.cacheRoot);
    if (!found)
        return failure(io, found.status());
    plan.function = found->config;
    plan.event = found->testEvent ? *found->testEvent : event.take();
    const RecordingPrice price = recordingPricing(found->settings, found->config.architecture);
    if (!price.warning.empty())
        io.err << "stratus: warning: " << printable(price.warning) << "\n";
    plan.pricing = price.preset;
    if (Status s = run::sweepPlanProblem(plan); !s)
        return usageError(io, "tune", s.message());

    run::MemorySweep sweep(plan, options);
    QObject::connect(&sweep, &run::MemorySweep::pointMeasured, [&io](const run::SweepPoint &p) {
        io.err << "stratus: " << p.memoryMB << " MB: " << p.runs << (p.runs == 1 ? " run" : " runs") << " measured\n";
        io.err.flush();
    });
    bool finished = false;
    QObject::connect(&sweep, &run::MemorySweep::finished, [&finished] { finished = true; });
    if (Status s = sweep.start(); !s)
        return failure(io, s);
    // Ctrl+C ends the invocation in flight and prints what was measured.
    catchStopSignals();
    bool cancelled = false;
    while (!finished) {
        run::waitForEvents(20);
        if (stopSignal() && !cancelled) {
            io.err << "\nstratus: stopping (" << signalName() << "): the sizes measured so far follow\n";
            sweep.cancel();
            cancelled = true;
        }
    }
    const run::SweepResult &result = sweep.result();
    if (args.has("--json"))
        io.out << result.toJson().dump(2) << "\n";
    else
        printSweep(result, plan.function.runtime, io);
    io.out.flush();
    if (stopSignal())
        return signalExit();
    return result.choices.cheapest >= 0 ? kExitOk : kExitProblems;
}

} // namespace stratus::cli
