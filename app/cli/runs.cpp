// stratus runs: the workspace's recent invocations, newest first.

#include "commands.h"
#include "runview.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QDateTime>

#include <climits>
#include <cstdio>
#include <ostream>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

std::string timestamp(int64_t us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
        .toStdString();
}

/// ISO 8601 in UTC with milliseconds: 2026-11-26T16:20:39.287Z.
std::string isoTimestamp(int64_t us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

constexpr size_t kFunctionWidth = 20;

std::string format(const char *pattern, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

} // namespace

int cmdRuns(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "runs", "expected one FILE.stratus");
    HistoryQuery query;
    auto last = args.wholeNumber("--last", 20, 1, INT_MAX);
    if (!last)
        return usageError(io, "runs", last.status().message());
    query.limit = int(*last);
    query.functionName = args.value("--function").value_or("");
    query.withLogs = args.has("--logs");
    const std::string file = args.positionals()[0];
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return failure(io, store.status());
    if (!query.functionName.empty()) {
        auto name = functionNameFor(*store, file, query.functionName);
        if (!name)
            return failure(io, name.status());
        query.functionName = name.take();
    }
    if ((args.value("--run") || args.has("--workflows")) && args.value("--function"))
        return usageError(io, "runs", "--function filters invocations; it does not go with --workflows or --run");
    if (const auto runId = args.value("--run")) {
        auto runs = queryRuns(store->database(), RunQuery{1, *runId, true});
        if (runs && runs->empty()) {
            // A unique beginning of an id will do, as git takes one.
            auto ids = runIdsStartingWith(store->database(), *runId, 2);
            if (ids && ids->size() == 1)
                runs = queryRuns(store->database(), RunQuery{1, ids->front(), true});
            else if (ids && ids->size() > 1)
                return failure(io, Status::invalidArgument(quote(*runId) + " begins more than one run id; give more of it"));
        }
        if (!runs)
            return failure(io, runs.status().withContext(quote(file)));
        if (runs->empty())
            return failure(io, Status::notFound(quote(file) + " has no run " + quote(*runId)
                                                + " (list them with: stratus runs FILE --workflows)"));
        auto design = store->load();
        if (args.has("--json"))
            io.out << runJson(runs->front()).dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        else
            printRun(io.out, runs->front(), design ? &*design : nullptr, true);
        return kExitOk;
    }
    if (args.has("--workflows")) {
        auto runs = queryRuns(store->database(), RunQuery{query.limit, {}, false});
        if (!runs)
            return failure(io, runs.status().withContext(quote(file)));
        if (args.has("--json")) {
            Json list = Json::array();
            for (const RunEntry &r : *runs)
                list.push_back(runJson(r));
            io.out << list.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
            return kExitOk;
        }
        if (runs->empty()) {
            io.err << printable(file) << ": no workflow runs recorded (stratus send or serve records them)\n";
            return kExitOk;
        }
        auto design = store->load();
        char head[256];
        std::snprintf(head, sizeof head, "%-23s  %-36s  %-8s  %-7s  %10s  %s\n", "STARTED (UTC)", "RUN ID", "TRIGGER",
                      "STATUS", "DURATION", "PATH");
        io.out << head;
        for (const RunEntry &r : *runs) {
            const Workflow *wf = design ? design->findWorkflow(WorkflowId(r.workflowId)) : nullptr;
            std::string path;
            for (const RunStepEntry &step : r.steps) {
                const Node *n = wf ? wf->findNode(NodeId(step.nodeId)) : nullptr;
                path += (path.empty() ? "" : " → ") + (n ? n->name : step.nodeId);
            }
            char line[256];
            std::snprintf(line, sizeof line, "%-23s  %-36s  %-8s  %-7s  %10s  ", timestamp(r.startedAtUs).c_str(),
                          r.runId.c_str(), r.trigger.c_str(), r.status.c_str(),
                          milliseconds(r.finishedAtUs - r.startedAtUs).c_str());
            io.out << line << printable(path) << "\n";
        }
        return kExitOk;
    }
    auto entries = queryInvocations(store->database(), query);
    if (!entries)
        return failure(io, entries.status().withContext(quote(file)));

    if (args.has("--json")) {
        Json list = Json::array();
        for (const HistoryEntry &e : *entries) {
            const InvocationRecord &r = e.record;
            Json j = {{"requestId", r.requestId}, {"runId", e.runId}, {"workflow", e.workflowId},
                      {"node", e.nodeId}, {"function", r.functionName}, {"trigger", r.trigger},
                      {"startedAt", isoTimestamp(r.startedAtUs)}, {"startedAtUs", r.startedAtUs},
                      {"cold", r.coldStart}, {"initDurationUs", r.initDurationUs},
                      {"durationUs", r.durationUs}, {"billedDurationMs", r.billedDurationMs},
                      {"waitUs", r.waitUs}, {"memorySizeMB", r.memorySizeMB},
                      {"maxMemoryUsedMB", r.maxMemoryUsedMB}, {"status", statusName(r.status)},
                      {"errorType", r.errorType}, {"errorMessage", r.errorMessage}, {"cost", e.cost}};
            if (query.withLogs)
                j["logs"] = r.logs;
            list.push_back(std::move(j));
        }
        io.out << list.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        return kExitOk;
    }
    if (entries->empty()) {
        io.err << printable(file) << ": no invocations recorded"
               << (query.functionName.empty() ? "" : " for " + quote(query.functionName)) << "\n";
        return kExitOk;
    }
    char line[512];
    std::snprintf(line, sizeof line, "%-23s  %-36s  %s  %-5s  %10s  %8s  %11s  %-9s  %s\n",
                  "STARTED (UTC)", "REQUEST ID", fitColumn("FUNCTION", kFunctionWidth).c_str(), "START", "DURATION",
                  "BILLED", "MEMORY", "STATUS", "COST");
    io.out << line;
    for (const HistoryEntry &e : *entries) {
        const InvocationRecord &r = e.record;
        const std::string memory = std::to_string(r.maxMemoryUsedMB) + "/" + std::to_string(r.memorySizeMB) + " MB";
        std::snprintf(line, sizeof line, "%-23s  %-36s  %s  %-5s  %10s  %8s  %11s  %-9s  %s\n",
                      timestamp(r.startedAtUs).c_str(), r.requestId.c_str(),
                      fitColumn(r.functionName, kFunctionWidth).c_str(),
                      r.coldStart ? "cold" : "warm",
                      format("%.2f ms", double(r.durationUs) / 1000).c_str(),
                      (std::to_string(r.billedDurationMs) + " ms").c_str(), memory.c_str(),
                      statusName(r.status), format("$%.10f", e.cost).c_str());
        io.out << line;
        if (query.withLogs) {
            for (const std::string &log : r.logs)
                io.out << "    " << printable(log) << "\n";
        }
    }
    return kExitOk;
}

} // namespace stratus::cli
