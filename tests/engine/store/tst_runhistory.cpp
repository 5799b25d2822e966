// The run history in a real workspace file: records written off the caller's
// thread in batches and read back newest first, from several threads at once,
// next to the design (which stays untouched), and surviving a writer killed
// mid-write with every committed record intact.

#include "testutil.h"

#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <thread>

using namespace stratus::engine;

namespace {

HistoryEntry entry(const std::string &function, int64_t startedAtUs, InvocationStatus status = InvocationStatus::Ok)
{
    HistoryEntry e;
    e.record.requestId = newRequestId();
    e.record.functionName = function;
    e.record.trigger = "test";
    e.record.startedAtUs = startedAtUs;
    e.record.durationUs = 27550;
    e.record.billedDurationMs = 28;
    e.record.memorySizeMB = 256;
    e.record.maxMemoryUsedMB = 71;
    e.record.coldStart = startedAtUs % 2 == 0;
    e.record.status = status;
    if (status != InvocationStatus::Ok) {
        e.record.errorType = "Error";
        e.record.errorMessage = "boom";
    }
    e.record.logs = {"START RequestId: " + e.record.requestId + " Version: $LATEST", "hello ✓",
                     "END RequestId: " + e.record.requestId, reportLine(e.record)};
    e.workflowId = "orders";
    e.nodeId = function;
    e.cost = 0.0000002 + 0.02755 * 0.25 * 0.0000166667;
    return e;
}

} // namespace

class TestRunHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void recordsComeBackNewestFirst();
    void manyThreadsRecordAtOnce();
    void designIsUntouched();
    void killedWriterLosesNothingCommitted();
    void pruningKeepsWhatThePolicySaysAndGivesSpaceBack();
    void recorderAppliesRetentionAsItWrites();
    void statisticsScanAgreesWithTheRows();

private:
    std::string m_file;
    std::unique_ptr<QTemporaryDir> m_dir;
    Workspace m_design;
};

void TestRunHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_file = m_dir->filePath(QStringLiteral("history.stratus")).toStdString();
    auto doc = workspace_json::readFile(STRATUS_EXAMPLES_DIR "/queue-between-functions.json");
    QVERIFY(doc);
    m_design = doc->workspace;
    QVERIFY(WorkspaceStore::writeTo(m_file, m_design));
}

void TestRunHistory::recordsComeBackNewestFirst()
{
    {
        auto recorder = RunRecorder::open(m_file);
        QVERIFY2(recorder, recorder.status().message().c_str());
        for (int i = 0; i < 1000; ++i)
            (*recorder)->record(entry(i % 2 ? "accept-order" : "fulfil-order", 1000 + i,
                                      i % 10 == 0 ? InvocationStatus::Error : InvocationStatus::Ok));
        QVERIFY((*recorder)->flush());
        QCOMPARE((*recorder)->written(), uint64_t(1000));
    }
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    HistoryQuery q;
    q.limit = 5;
    q.withLogs = true;
    auto latest = queryInvocations(store->database(), q);
    QVERIFY2(latest, latest.status().message().c_str());
    QCOMPARE(latest->size(), size_t(5));
    QCOMPARE(latest->front().record.startedAtUs, int64_t(1999));
    const HistoryEntry &e = latest->front();
    QCOMPARE(e.record.functionName, std::string("accept-order"));
    QCOMPARE(e.record.durationUs, int64_t(27550));
    QCOMPARE(e.record.billedDurationMs, int64_t(28));
    QCOMPARE(e.record.maxMemoryUsedMB, 71);
    QCOMPARE(e.workflowId, std::string("orders"));
    QCOMPARE(e.runId, e.record.requestId); // a run of its own
    QVERIFY(e.cost > 0);
    // END and REPORT are not stored but written again from the record, the same.
    QCOMPARE(e.record.logs.size(), size_t(4));
    QCOMPARE(e.record.logs[1], std::string("hello ✓"));
    QCOMPARE(e.record.logs[2], "END RequestId: " + e.record.requestId);
    QCOMPARE(e.record.logs[3], reportLine(e.record));
    QVERIFY(e.record.logs[3].find("Duration: 27.55 ms\tBilled Duration: 28 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB") != std::string::npos);

    q.functionName = "fulfil-order";
    q.limit = 1000;
    q.withLogs = false;
    auto fulfil = queryInvocations(store->database(), q);
    QCOMPARE(fulfil->size(), size_t(500));
    QVERIFY(fulfil->front().record.logs.empty());
    auto &db = store->database();
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocations WHERE status = 'error'"), 100LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM runs"), 1000LL);
}

void TestRunHistory::manyThreadsRecordAtOnce()
{
    auto recorder = RunRecorder::open(m_file);
    QVERIFY(recorder);
    RunRecorder *r = recorder->get();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([r, t] {
            for (int i = 0; i < 2500; ++i)
                r->record(entry("fn" + std::to_string(t), t * 10000 + i));
        });
    for (std::thread &t : threads)
        t.join();
    QVERIFY(r->flush());
    QCOMPARE(r->written(), uint64_t(10000));
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadOnly);
    QCOMPARE(*store->database().queryInt("SELECT COUNT(DISTINCT request_id) FROM invocations"), 10000LL);
}

void TestRunHistory::designIsUntouched()
{
    {
        auto recorder = RunRecorder::open(m_file);
        for (int i = 0; i < 100; ++i)
            (*recorder)->record(entry("accept-order", i));
        // The design can be saved while the history is written.
        auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadWrite);
        QVERIFY(store);
        QVERIFY(store->save(m_design));
        QVERIFY((*recorder)->flush());
    }
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(*store->load() == m_design);
    QVERIFY(store->checkIntegrity());
}

void TestRunHistory::killedWriterLosesNothingCommitted()
{
    QProcess writer;
    writer.start(QStringLiteral(STRATUS_HISTORY_WRITER), {QString::fromStdString(m_file)});
    QVERIFY(writer.waitForStarted(5000));
    // Let it commit a few thousand records, then kill it mid-write.
    unsigned long long committed = 0;
    QElapsedTimer timer;
    timer.start();
    QByteArray buffer;
    while (committed < 3000 && timer.elapsed() < 20000) {
        writer.waitForReadyRead(100);
        buffer += writer.readAllStandardOutput();
        const int last = buffer.lastIndexOf("committed ");
        if (last >= 0) {
            const int end = buffer.indexOf('\n', last);
            if (end > last)
                committed = buffer.mid(last + 10, end - last - 10).toULongLong();
        }
    }
    QVERIFY2(committed >= 3000, qPrintable(QString::fromLatin1(writer.readAllStandardError())));
    ::kill(pid_t(writer.processId()), SIGKILL);
    QVERIFY(writer.waitForFinished(5000));

    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadWrite);
    QVERIFY2(store, store.status().message().c_str());
    QVERIFY(store->checkIntegrity());
    const long long rows = *store->database().queryInt("SELECT COUNT(*) FROM invocations");
    QVERIFY2(rows >= static_cast<long long>(committed), qPrintable(QString::number(rows)));
    QCOMPARE(*store->database().queryInt("SELECT COUNT(*) FROM invocations WHERE logs IS NOT NULL"), rows);
    QVERIFY(*store->load() == m_design);
}

void TestRunHistory::pruningKeepsWhatThePolicySaysAndGivesSpaceBack()
{
    const int64_t day = 86400LL * 1000000LL;
    const int64_t now = 100 * day;
    {
        auto recorder = RunRecorder::open(m_file);
        QVERIFY(recorder);
        // 2,000 runs over the last 10 days, oldest first.
        for (int i = 0; i < 2000; ++i) {
            HistoryEntry e = entry("accept-order", now - 10 * day + int64_t(i) * (10 * day / 2000));
            e.record.logs.push_back(std::string(400, 'x')); // some bulk to give back
            (*recorder)->record(std::move(e));
        }
        QVERIFY((*recorder)->flush());
    }
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadWrite);
    QVERIFY(store);
    auto &db = store->database();
    QCOMPARE(*db.queryInt("PRAGMA auto_vacuum"), 2LL); // incremental, from creation
    const long long pagesBefore = *db.queryInt("PRAGMA page_count");

    // Keep 5 days: the older half goes, with invocations and logs.
    auto pruned = pruneHistory(db, RetentionPolicy{5, 0}, now);
    QVERIFY2(pruned, pruned.status().message().c_str());
    QCOMPARE(pruned->runsRemoved, 1000LL);
    QCOMPARE(pruned->invocationsRemoved, 1000LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocations"), 1000LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocations WHERE logs IS NOT NULL"), 1000LL);
    QCOMPARE(*db.queryInt("SELECT MIN(started_at_us) >= " + std::to_string(now - 5 * day) + " FROM invocations"), 1LL);
    QVERIFY(pruned->bytesReclaimed > 0);
    QVERIFY(*db.queryInt("PRAGMA page_count") < pagesBefore);
    QCOMPARE(*db.queryInt("PRAGMA freelist_count"), 0LL);

    // Keep the 100 most recent runs.
    pruned = pruneHistory(db, RetentionPolicy{0, 100}, now);
    QVERIFY(pruned);
    QCOMPARE(pruned->runsRemoved, 900LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM runs"), 100LL);
    HistoryQuery q;
    q.limit = 1;
    QCOMPARE(queryInvocations(db, q)->front().record.startedAtUs,
             now - 10 * day + int64_t(1999) * (10 * day / 2000));
    // No policy: nothing happens.
    QCOMPARE(pruneHistory(db, RetentionPolicy{}, now)->runsRemoved, 0LL);
    QVERIFY(store->checkIntegrity());
    QVERIFY(*store->load() == m_design);
}

namespace {

/// What the statistics scan sees, summed, next to what SQL says of the rows.
struct Totals
{
    long long count = 0;
    long long durationUs = 0;
    long long cold = 0;
    long long errors = 0;
    double cost = 0;
};

Totals scanned(sql::Database &db, int64_t since, const std::string &function)
{
    Totals t;
    const Status s = scanInvocations(db, since, function, [&](const HistoryEntry &e) {
        const InvocationRecord &r = e.record;
        if (!function.empty() && r.functionName != function)
            qFatal("scan gave '%s' for '%s'", r.functionName.c_str(), function.c_str());
        if (e.workflowId != "orders")
            qFatal("scan lost the workflow");
        const double cost = e.cost;
        ++t.count;
        t.durationUs += r.durationUs;
        t.cold += r.coldStart ? 1 : 0;
        t.errors += r.status == InvocationStatus::Ok ? 0 : 1;
        t.cost += cost;
    });
    if (!s)
        qFatal("scan failed: %s", s.message().c_str());
    return t;
}

Totals counted(sql::Database &db, int64_t since, const std::string &function)
{
    auto stmt = db.prepare("SELECT COUNT(*), TOTAL(duration_us), TOTAL(cold), TOTAL(status != 'ok'), "
                           "TOTAL(cost) FROM invocations WHERE started_at_us >= ?1 AND (?2 = '' OR function_name = ?2)");
    stmt->bind(1, static_cast<long long>(since)).bind(2, function);
    if (!stmt->step())
        qFatal("count failed");
    return {stmt->integer(0), static_cast<long long>(stmt->real(1)), static_cast<long long>(stmt->real(2)),
            static_cast<long long>(stmt->real(3)), stmt->real(4)};
}

} // namespace

// Statistics read packed blocks, not rows: whatever way invocations arrive
// (one at a time, in large batches, several functions) and whatever pruning
// removes, the blocks must say exactly what the rows say.
void TestRunHistory::recorderAppliesRetentionAsItWrites()
{
    const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    std::string newest;
    {
        auto recorder = RunRecorder::open(m_file);
        QVERIFY(recorder);
        (*recorder)->setRetention(RetentionPolicy{0, 20});
        // More runs than kPruneEveryRuns, in several flushed rounds: pruned as they are written.
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < RunRecorder::kPruneEveryRuns; ++i) {
                RunEntry run;
                run.runId = newest = newRequestId();
                run.trigger = "http";
                run.startedAtUs = run.finishedAtUs = now + round * 1000 + i;
                run.status = "ok";
                (*recorder)->recordRun(std::move(run));
            }
            QVERIFY((*recorder)->flush());
        }
    }
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadWrite);
    QVERIFY(store);
    auto &db = store->database();
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM runs"), 20LL); // each round ended with a pruning
    auto last = db.prepare("SELECT run_id FROM runs ORDER BY id DESC LIMIT 1");
    QVERIFY(last && last->step());
    QCOMPARE(QString::fromStdString(last->text(0)), QString::fromStdString(newest)); // the newest are kept
}

void TestRunHistory::statisticsScanAgreesWithTheRows()
{
    const int64_t t0 = 1'800'000'000'000'000;
    {
        auto recorder = RunRecorder::open(m_file);
        QVERIFY(recorder);
        // A trickle: each invocation its own batch (merged into small blocks).
        for (int i = 0; i < 600; ++i) {
            HistoryEntry e = entry(i % 2 ? "accept" : "fulfil", t0 + i * 1000,
                                   i % 7 ? InvocationStatus::Ok : InvocationStatus::Error);
            e.record.durationUs = 1000 + i;
            (*recorder)->record(std::move(e));
            QVERIFY((*recorder)->flush());
        }
        // Then a flood: batches up to RunRecorder::kMaxBatch.
        for (int i = 600; i < 12000; ++i) {
            HistoryEntry e = entry(i % 3 ? "accept" : "fulfil", t0 + i * 1000);
            e.record.durationUs = 1000 + i % 977;
            (*recorder)->record(std::move(e));
        }
        QVERIFY((*recorder)->flush());
    }
    auto store = WorkspaceStore::open(m_file, WorkspaceStore::Access::ReadWrite);
    QVERIFY(store);
    auto &db = store->database();
    // Small batches were merged: far fewer blocks than the 600 single batches.
    QVERIFY(*db.queryInt("SELECT COUNT(*) FROM invocation_metrics") < 20);

    auto compare = [&](int64_t since, const std::string &function) {
        const Totals a = scanned(db, since, function), b = counted(db, since, function);
        QCOMPARE(a.count, b.count);
        QCOMPARE(a.durationUs, b.durationUs);
        QCOMPARE(a.cold, b.cold);
        QCOMPARE(a.errors, b.errors);
        QVERIFY(std::abs(a.cost - b.cost) < 1e-12);
    };
    for (const std::string function : {"", "accept", "fulfil", "nobody"}) {
        for (int64_t since : {int64_t(0), t0 + 300 * 1000, t0 + 5000 * 1000, t0 + 20000 * 1000})
            compare(since, function);
    }
    QCOMPARE(scanned(db, 0, "").count, 12000LL);

    // Pruning to the newest 5,000 runs rebuilds the block it cut through.
    auto pruned = pruneHistory(db, RetentionPolicy{0, 5000}, t0);
    QVERIFY2(pruned, pruned.status().message().c_str());
    QCOMPARE(pruned->invocationsRemoved, 7000LL);
    for (const std::string function : {"", "accept", "fulfil"}) {
        for (int64_t since : {int64_t(0), t0 + 8000 * 1000})
            compare(since, function);
    }
    QCOMPARE(scanned(db, 0, "").count, 5000LL);
}

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
