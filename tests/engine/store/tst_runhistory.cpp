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
    QCOMPARE(*store->database().queryInt("SELECT COUNT(*) FROM invocation_logs"), rows);
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
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocation_logs"), 1000LL);
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

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
