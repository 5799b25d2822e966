#include "runhistory.h"
#include "historymetrics.h"

#include "engine/model/text.h"

#include <algorithm>
#include <span>

namespace stratus::engine {

namespace {

/// NULL for an empty text: the columns that may be absent.
void bindOptional(sql::Statement &stmt, int index, const std::string &text)
{
    if (text.empty())
        stmt.bindNull(index);
    else
        stmt.bind(index, text);
}

/// The first column of every row `stmt` yields, as text.
Result<std::vector<std::string>> firstColumnTexts(sql::Statement &stmt)
{
    std::vector<std::string> out;
    while (stmt.step())
        out.push_back(stmt.text(0));
    if (!stmt.status())
        return stmt.status();
    return out;
}

/// Lines joined with newlines, as the history stores logs.
std::vector<std::string> splitLines(std::string_view lines)
{
    std::vector<std::string> out;
    while (!lines.empty()) {
        const size_t end = lines.find('\n');
        out.emplace_back(lines.substr(0, end));
        lines = end == std::string_view::npos ? std::string_view() : lines.substr(end + 1);
    }
    return out;
}

} // namespace

Result<std::unique_ptr<RunRecorder>> RunRecorder::open(const std::string &path)
{
    auto db = sql::Database::open(path, sql::Database::Mode::ReadWrite);
    if (!db)
        return db.status().withContext("'" + path + "'");
    // A larger page cache keeps the history's indexes in memory while batches
    // go in. Foreign keys are not checked on this connection: the writer
    // inserts each run before its invocations and each invocation before its
    // logs, and the checks would double the cost of every row.
    if (Status s = db->exec("PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL;"
                            " PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8192;");
        !s)
        return s.withContext("'" + path + "'");
    auto runs = db->queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'invocations'");
    if (!runs || *runs == 0)
        return Status::notSupported("'" + path + "' has no run history (open it with a current "
                                    "Stratus first)");
    return std::unique_ptr<RunRecorder>(new RunRecorder(db.take()));
}

RunRecorder::RunRecorder(sql::Database db)
    : m_db(std::move(db))
    , m_thread([this] { run(); })
{}

RunRecorder::~RunRecorder()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void RunRecorder::record(HistoryEntry entry)
{
    enqueue(std::move(entry));
}

void RunRecorder::recordRun(RunEntry run)
{
    enqueue(std::move(run));
}

void RunRecorder::enqueue(Item item)
{
    bool first;
    {
        std::lock_guard lock(m_mutex);
        first = m_queue.empty();
        m_queue.push_back(std::move(item));
        ++m_queued;
    }
    if (first) // the writer is either awake already or waiting for this one
        m_wake.notify_one();
}

Status RunRecorder::flush()
{
    std::unique_lock lock(m_mutex);
    const uint64_t target = m_queued;
    m_flushTarget = std::max(m_flushTarget, target);
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_committed >= target; });
    Status error = m_error;
    m_error = Status::ok();
    return error;
}

void RunRecorder::setRetention(RetentionPolicy policy)
{
    std::lock_guard lock(m_mutex);
    m_retention = policy;
}

void RunRecorder::run()
{
    std::vector<Item> taken;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            m_wake.wait_for(lock, kGatherTime, [&] {
                return m_stopping || m_flushTarget > m_committed || m_queue.size() >= kMaxBatch;
            });
            if (m_queue.empty() && m_stopping)
                return;
            taken.swap(m_queue); // everything queued, in O(1): the producer never waits on us
        }
        // Commit in transactions of at most kMaxBatch, reporting progress after each.
        for (size_t first = 0; first < taken.size(); first += kMaxBatch) {
            const size_t count = std::min(kMaxBatch, taken.size() - first);
            Status s = writeBatch(taken.data() + first, count);
            {
                std::lock_guard lock(m_mutex);
                m_committed += count;
                if (!s && m_error)
                    m_error = s;
            }
            if (s)
                m_written += count;
            m_done.notify_all();
        }
        pruneSometimes(taken);
        taken.clear();
    }
}

void RunRecorder::pruneSometimes(const std::vector<Item> &written)
{
    // Pruning reads the oldest runs, which costs more than recording one: every kPruneEveryRuns runs.
    m_runsSincePrune += int(std::count_if(written.begin(), written.end(),
                                          [](const Item &item) { return std::holds_alternative<RunEntry>(item); }));
    if (m_runsSincePrune < kPruneEveryRuns)
        return;
    m_runsSincePrune = 0;
    RetentionPolicy policy;
    {
        std::lock_guard lock(m_mutex);
        policy = m_retention;
    }
    const auto nowUs = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    if (auto pruned = pruneHistory(m_db, policy, nowUs); !pruned) {
        std::lock_guard lock(m_mutex);
        if (m_error.isOk()) // the first error is kept, for the next flush() to return
            m_error = pruned.status().withContext("the history was not pruned");
    }
}

Status RunRecorder::writeBatch(const Item *batch, size_t count)
{
    sql::Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    // Most invocations are a run of their own (plain insert); those of a
    // longer run update its end and status.
    auto newRun = m_db.cached(
        "INSERT INTO runs(run_id, workflow_id, trigger, started_at_us, finished_at_us, status) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto run = m_db.cached(
        "INSERT INTO runs(run_id, workflow_id, trigger, started_at_us, finished_at_us, status) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(run_id) DO UPDATE SET "
        "finished_at_us = MAX(finished_at_us, excluded.finished_at_us), "
        "status = CASE WHEN excluded.status = 'ok' THEN status ELSE excluded.status END");
    auto insertInvocation = m_db.cached(
        "INSERT INTO invocations(request_id, run_id, workflow_id, node_id, function_name, trigger, "
        "parent_request_id, started_at_us, cold, init_duration_us, duration_us, billed_duration_ms, "
        "wait_us, memory_size_mb, max_memory_used_mb, status, error_type, error_message, cost, logs) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
    for (auto *stmt : {&newRun, &run, &insertInvocation}) {
        if (!*stmt)
            return stmt->status();
    }
    sql::Statement *invocation = *insertInvocation;
    std::string joined;
    store::MetricBlockBuilder metrics;
    for (const Item &item : std::span(batch, count)) {
        if (const auto *run = std::get_if<RunEntry>(&item)) {
            if (Status s = writeRun(*run); !s)
                return s.withContext("run " + run->runId);
            continue;
        }
        const HistoryEntry &e = std::get<HistoryEntry>(item);
        const InvocationRecord &r = e.record;
        const std::string &runId = e.runId.empty() ? r.requestId : e.runId;
        const char *status = statusName(r.status);
        sql::Statement &runStmt = e.runId.empty() ? **newRun : **run;
        bindOptional(runStmt, 2, e.workflowId);
        runStmt.bind(1, runId).bind(3, r.trigger.empty() ? std::string("unknown") : r.trigger)
            .bind(4, static_cast<long long>(r.startedAtUs))
            .bind(5, static_cast<long long>(r.startedAtUs + r.durationUs)).bind(6, status);
        if (Status s = runStmt.run(); !s)
            return s;
        invocation->bind(1, r.requestId).bind(2, runId);
        bindOptional(*invocation, 3, e.workflowId);
        bindOptional(*invocation, 4, e.nodeId);
        invocation->bind(5, r.functionName).bind(6, r.trigger.empty() ? std::string("unknown") : r.trigger);
        bindOptional(*invocation, 7, r.parentRequestId);
        invocation->bind(8, static_cast<long long>(r.startedAtUs)).bind(9, r.coldStart ? 1 : 0)
            .bind(10, static_cast<long long>(r.initDurationUs))
            .bind(11, static_cast<long long>(r.durationUs))
            .bind(12, static_cast<long long>(r.billedDurationMs))
            .bind(13, static_cast<long long>(r.waitUs)).bind(14, r.memorySizeMB)
            .bind(15, r.maxMemoryUsedMB).bind(16, status);
        bindOptional(*invocation, 17, r.errorType);
        bindOptional(*invocation, 18, r.errorMessage);
        invocation->bind(19, e.cost);
        // END and REPORT close every invocation's log and follow from the
        // record itself: they are written again when read, not stored.
        size_t keep = r.logs.size();
        if (keep >= 2 && r.logs[keep - 1].rfind("REPORT RequestId: ", 0) == 0
            && r.logs[keep - 2].rfind("END RequestId: ", 0) == 0)
            keep -= 2;
        joined.clear();
        for (size_t i = 0; i < keep; ++i) {
            joined += r.logs[i];
            joined += '\n';
        }
        if (r.logs.empty())
            invocation->bindNull(20);
        else
            invocation->bind(20, joined);
        if (Status s = invocation->run(); !s)
            return s.withContext("invocation " + r.requestId);
        metrics.add(m_db.lastInsertRowId(), {e.workflowId, r.functionName},
                    {r.startedAtUs, r.durationUs, e.cost, int32_t(r.billedDurationMs), r.memorySizeMB,
                     r.status, r.coldStart});
    }
    if (Status s = metrics.write(m_db, true); !s)
        return s;
    return tx.commit();
}

Status RunRecorder::writeRun(const RunEntry &run)
{
    // Its invocations may have made the row already (with their own view
    // of the status): the run's own word is final.
    auto statement = m_db.cached(
        "INSERT INTO runs(run_id, workflow_id, trigger, started_at_us, finished_at_us, status, path, output, "
        "error, log, parent_run_id, trigger_node_id, steps) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT(run_id) DO UPDATE SET workflow_id = excluded.workflow_id, trigger = excluded.trigger, "
        "started_at_us = excluded.started_at_us, finished_at_us = excluded.finished_at_us, "
        "status = excluded.status, path = excluded.path, output = excluded.output, error = excluded.error, "
        "log = excluded.log, parent_run_id = excluded.parent_run_id, trigger_node_id = excluded.trigger_node_id, "
        "steps = excluded.steps");
    if (!statement)
        return statement.status();
    sql::Statement &row = **statement;
    Json path = Json::array();
    // Inputs and outputs are JSON text already: embedded as they are, not
    // escaped into strings (half the bytes, and no second serialisation).
    std::string steps = "[";
    for (const RunStepEntry &step : run.steps) {
        path.push_back(step.nodeId);
        std::string meta = Json{{"node", step.nodeId}, {"kind", step.kind}, {"startedAtUs", step.startedAtUs},
                                {"durationUs", step.durationUs}, {"status", step.status}, {"port", step.port},
                                {"requestId", step.requestId}}
                               .dump(-1, ' ', false, Json::error_handler_t::replace);
        meta.pop_back(); // the closing brace: input and output follow
        if (steps.size() > 1)
            steps += ',';
        steps += meta;
        steps += ",\"input\":";
        steps += step.input.empty() ? std::string_view("null") : std::string_view(step.input);
        steps += ",\"output\":";
        steps += step.output.empty() ? std::string_view("null") : std::string_view(step.output);
        steps += '}';
    }
    steps += ']';
    std::string log;
    for (const std::string &line : run.log) {
        log += line;
        log += '\n';
    }
    row.bind(1, run.runId);
    bindOptional(row, 2, run.workflowId);
    row.bind(3, run.trigger.empty() ? std::string("unknown") : run.trigger)
        .bind(4, static_cast<long long>(run.startedAtUs))
        .bind(5, static_cast<long long>(run.finishedAtUs))
        .bind(6, run.status)
        .bind(7, path.dump());
    bindOptional(row, 8, run.output);
    bindOptional(row, 9, run.error);
    bindOptional(row, 10, log);
    bindOptional(row, 11, run.parentRunId);
    bindOptional(row, 12, run.triggerNodeId);
    row.bind(13, steps);
    return row.run();
}

Result<std::vector<RunEntry>> queryRuns(sql::Database &db, const RunQuery &q)
{
    const bool one = !q.runId.empty();
    std::string sql = "SELECT run_id, workflow_id, trigger, started_at_us, finished_at_us, status, output, error, "
                      "log, parent_run_id, trigger_node_id, path, steps FROM runs";
    sql += one ? " WHERE run_id = ?1" : " WHERE workflow_id IS NOT NULL ORDER BY id DESC LIMIT ?2";
    auto stmt = db.prepare(sql);
    if (!stmt)
        return stmt.status();
    if (one)
        stmt->bind(1, q.runId);
    else
        stmt->bind(2, static_cast<long long>(q.limit));
    std::vector<RunEntry> out;
    while (stmt->step()) {
        RunEntry r;
        r.runId = stmt->text(0);
        r.workflowId = stmt->text(1);
        r.trigger = stmt->text(2);
        r.startedAtUs = stmt->integer(3);
        r.finishedAtUs = stmt->integer(4);
        r.status = stmt->text(5);
        r.output = stmt->text(6);
        r.error = stmt->text(7);
        r.log = splitLines(stmt->textView(8));
        r.parentRunId = stmt->text(9);
        r.triggerNodeId = stmt->text(10);
        if (q.withSteps || one) {
            auto steps = parseJson(stmt->textView(12));
            if (steps && steps->is_array()) {
                auto text = [](const Json &step, const char *key) {
                    auto it = step.find(key);
                    return it != step.end() && it->is_string() ? it->get<std::string>() : std::string();
                };
                auto json = [](const Json &step, const char *key) {
                    auto it = step.find(key);
                    return it == step.end() || it->is_null()
                               ? std::string()
                               : it->dump(-1, ' ', false, Json::error_handler_t::replace);
                };
                auto number = [](const Json &step, const char *key) -> int64_t {
                    auto it = step.find(key);
                    return it != step.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
                };
                for (const Json &step : *steps) {
                    if (step.is_object())
                        r.steps.push_back(RunStepEntry{text(step, "node"), text(step, "kind"),
                                                       number(step, "startedAtUs"), number(step, "durationUs"),
                                                       text(step, "status"), json(step, "input"), json(step, "output"),
                                                       text(step, "port"), text(step, "requestId")});
                }
            }
        } else if (auto path = parseJson(stmt->textView(11)); path && path->is_array()) {
            // The path alone, for a listing.
            for (const Json &id : *path) {
                if (id.is_string())
                    r.steps.push_back(RunStepEntry{id.get<std::string>(), {}, 0, 0, {}, {}, {}, {}, {}});
            }
        }
        out.push_back(std::move(r));
    }
    if (!stmt->status())
        return stmt->status();
    return out;
}

Result<std::vector<std::string>> runIdsStartingWith(sql::Database &db, const std::string &prefix, int limit)
{
    // Ids are hex and dashes: a prefix of anything else matches nothing (and no LIKE wildcards get in).
    if (prefix.empty() || prefix.find_first_not_of("0123456789abcdef-") != std::string::npos)
        return std::vector<std::string>();
    auto stmt = db.prepare("SELECT run_id FROM runs WHERE run_id >= ?1 AND run_id < ?2 ORDER BY run_id LIMIT ?3");
    if (!stmt)
        return stmt.status();
    std::string upper = prefix;
    upper.back() = char(upper.back() + 1);
    stmt->bind(1, prefix).bind(2, upper).bind(3, static_cast<long long>(limit));
    return firstColumnTexts(*stmt);
}

Result<std::vector<HistoryEntry>> queryInvocations(sql::Database &db, const HistoryQuery &q)
{
    std::string sql =
        "SELECT i.request_id, i.run_id, i.workflow_id, i.node_id, i.function_name, i.trigger, "
        "i.parent_request_id, i.started_at_us, i.cold, i.init_duration_us, i.duration_us, "
        "i.billed_duration_ms, i.wait_us, i.memory_size_mb, i.max_memory_used_mb, i.status, "
        "i.error_type, i.error_message, i.cost, ";
    sql += q.withLogs ? "i.logs" : "NULL";
    sql += " FROM invocations i";
    sql += " WHERE i.started_at_us >= ?1";
    if (!q.functionName.empty())
        sql += " AND i.function_name = ?2";
    if (!q.requestId.empty())
        sql += " AND i.request_id = ?4";
    if (!q.recordedBefore.empty())
        sql += " AND i.id < (SELECT id FROM invocations WHERE request_id = ?5)";
    // Rows are appended as invocations end: the newest are the last rows.
    sql += " ORDER BY i.id DESC LIMIT ?3";
    auto stmt = db.prepare(sql);
    if (!stmt)
        return stmt.status();
    stmt->bind(1, static_cast<long long>(q.sinceUs)).bind(3, static_cast<long long>(q.limit));
    if (!q.functionName.empty())
        stmt->bind(2, q.functionName);
    if (!q.requestId.empty())
        stmt->bind(4, q.requestId);
    if (!q.recordedBefore.empty())
        stmt->bind(5, q.recordedBefore);
    std::vector<HistoryEntry> out;
    while (stmt->step()) {
        HistoryEntry e;
        InvocationRecord &r = e.record;
        r.requestId = stmt->text(0);
        e.runId = stmt->text(1);
        e.workflowId = stmt->text(2);
        e.nodeId = stmt->text(3);
        r.functionName = stmt->text(4);
        r.trigger = stmt->text(5);
        r.parentRequestId = stmt->text(6);
        r.startedAtUs = stmt->integer(7);
        r.coldStart = stmt->integer(8) != 0;
        r.initDurationUs = stmt->integer(9);
        r.durationUs = stmt->integer(10);
        r.billedDurationMs = stmt->integer(11);
        r.waitUs = stmt->integer(12);
        r.memorySizeMB = int(stmt->integer(13));
        r.maxMemoryUsedMB = int(stmt->integer(14));
        r.status = statusFromName(stmt->text(15));
        r.errorType = stmt->text(16);
        r.errorMessage = stmt->text(17);
        e.cost = stmt->real(18);
        if (q.withLogs && !stmt->isNull(19)) {
            r.logs = splitLines(stmt->textView(19));
            const std::string startLine = "START RequestId: " + r.requestId;
            const bool stripped = !r.logs.empty() && r.logs.back().rfind("REPORT RequestId: ", 0) != 0;
            if (stripped && std::any_of(r.logs.begin(), r.logs.end(), [&](const std::string &l) {
                    return l.rfind(startLine, 0) == 0;
                })) {
                r.logs.push_back("END RequestId: " + r.requestId);
                r.logs.push_back(reportLine(r));
            }
        }
        out.push_back(std::move(e));
    }
    if (!stmt->status())
        return stmt->status();
    return out;
}

} // namespace stratus::engine

namespace stratus::engine {

Result<std::vector<WorkflowRuns>> runsByWorkflow(sql::Database &db)
{
    auto stmt = db.prepare(
        "SELECT COALESCE(r.workflow_id, ''), COUNT(*), SUM(i.n), SUM(r.trigger LIKE 'http%'), "
        "SUM(CASE WHEN i.n > 1 THEN i.n ELSE 0 END), SUM(i.cost) FROM runs r JOIN "
        "(SELECT run_id, COUNT(*) AS n, SUM(cost) AS cost FROM invocations GROUP BY run_id) i "
        "ON i.run_id = r.run_id GROUP BY 1 ORDER BY 1");
    if (!stmt)
        return stmt.status();
    std::vector<WorkflowRuns> out;
    while (stmt->step())
        out.push_back({stmt->text(0), stmt->integer(1), stmt->integer(2), stmt->integer(3),
                       stmt->integer(4), stmt->real(5)});
    if (!stmt->status())
        return stmt->status();
    return out;
}

Result<std::map<std::string, FunctionAverages>> functionAverages(sql::Database &db)
{
    auto stmt = db.prepare("SELECT function_name, COUNT(*), AVG(duration_us), AVG(max_memory_used_mb) "
                           "FROM invocations WHERE status = 'ok' GROUP BY function_name");
    if (!stmt)
        return stmt.status();
    std::map<std::string, FunctionAverages> out;
    while (stmt->step())
        out[stmt->text(0)] = {stmt->integer(1), stmt->real(2) / 1000.0, stmt->real(3)};
    if (!stmt->status())
        return stmt->status();
    return out;
}

Result<std::vector<std::string>> recordedFunctionNames(sql::Database &db)
{
    // Walks the invocations_by_function index: one step per name.
    auto stmt = db.prepare("SELECT DISTINCT function_name FROM invocations ORDER BY function_name");
    if (!stmt)
        return stmt.status();
    return firstColumnTexts(*stmt);
}

} // namespace stratus::engine

namespace stratus::engine {

Status scanInvocations(sql::Database &db, int64_t sinceUs, const std::string &functionName,
                       const std::function<void(const HistoryEntry &)> &row)
{
    HistoryEntry e;
    InvocationRecord &r = e.record;
    return store::scanMetricBlocks(db, sinceUs, functionName,
                                   [&](const store::MetricSource &source, const store::MetricSample &s) {
                                       if (r.functionName != source.functionName)
                                           r.functionName = source.functionName;
                                       if (e.workflowId != source.workflowId)
                                           e.workflowId = source.workflowId;
                                       r.startedAtUs = s.startedAtUs;
                                       r.durationUs = s.durationUs;
                                       r.billedDurationMs = s.billedDurationMs;
                                       r.memorySizeMB = s.memorySizeMB;
                                       r.status = s.status;
                                       r.coldStart = s.coldStart;
                                       e.cost = s.cost;
                                       row(e);
                                   });
}

} // namespace stratus::engine

namespace stratus::engine {

namespace {

/// Whether `policy` would remove anything, answered from the ends of the
/// runs table (rows are in time order) without scanning it.
Result<bool> anythingToPrune(sql::Database &db, const RetentionPolicy &policy, int64_t cutoffUs)
{
    if (policy.keepDays > 0) {
        auto oldest = db.prepare("SELECT started_at_us FROM runs ORDER BY id LIMIT 1");
        if (!oldest)
            return oldest.status();
        if (oldest->step() && oldest->integer(0) < cutoffUs)
            return true;
        if (!oldest->status())
            return oldest->status();
    }
    if (policy.keepRuns > 0) {
        auto beyond = db.prepare("SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?1");
        if (!beyond)
            return beyond.status();
        beyond->bind(1, policy.keepRuns);
        if (beyond->step())
            return true;
        if (!beyond->status())
            return beyond->status();
    }
    return false;
}

} // namespace

Result<PruneResult> pruneHistory(sql::Database &db, const RetentionPolicy &policy, int64_t nowUs)
{
    PruneResult result;
    if (policy.keepDays <= 0 && policy.keepRuns <= 0)
        return result;
    const int64_t cutoffUs = nowUs - int64_t(policy.keepDays) * 86400LL * 1000000LL;
    auto needed = anythingToPrune(db, policy, cutoffUs);
    if (!needed)
        return needed.status();
    if (!*needed)
        return result;
    auto pages = [&]() -> long long {
        auto n = db.queryInt("PRAGMA page_count");
        return n ? *n : 0;
    };
    auto pageSize = db.queryInt("PRAGMA page_size");
    if (!pageSize)
        return pageSize.status();
    const long long before = pages();
    auto invocationsBefore = db.queryInt("SELECT COUNT(*) FROM invocations");
    if (!invocationsBefore)
        return invocationsBefore.status();
    {
        sql::Transaction tx(db);
        if (!tx.status())
            return tx.status();
        if (policy.keepDays > 0) {
            auto stmt = db.prepare("DELETE FROM runs WHERE started_at_us < ?1");
            if (!stmt)
                return stmt.status();
            stmt->bind(1, static_cast<long long>(cutoffUs));
            if (Status s = stmt->run(); !s)
                return s;
            result.runsRemoved += db.changes();
        }
        if (policy.keepRuns > 0) {
            auto stmt = db.prepare("DELETE FROM runs WHERE id <= (SELECT id FROM runs ORDER BY id DESC "
                                   "LIMIT 1 OFFSET ?1)");
            if (!stmt)
                return stmt.status();
            stmt->bind(1, policy.keepRuns);
            if (Status s = stmt->run(); !s)
                return s;
            result.runsRemoved += db.changes();
        }
        if (result.runsRemoved > 0) {
            if (Status s = store::rebuildMetricBlocks(db); !s)
                return s;
        }
        if (Status s = tx.commit(); !s)
            return s;
    }
    auto invocationsAfter = db.queryInt("SELECT COUNT(*) FROM invocations");
    if (!invocationsAfter)
        return invocationsAfter.status();
    result.invocationsRemoved = *invocationsBefore - *invocationsAfter;

    auto mode = db.queryInt("PRAGMA auto_vacuum");
    if (mode && *mode == 0) {
        // Made before incremental vacuum was on: switching needs one rewrite.
        if (Status s = db.exec("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;"); !s)
            return s;
    } else if (Status s = db.exec("PRAGMA incremental_vacuum;"); !s) {
        return s;
    }
    // Fold the WAL into the file so the space shows on disk now.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
    result.bytesReclaimed = std::max(0LL, before - pages()) * *pageSize;
    return result;
}

} // namespace stratus::engine
