// Schema migrations: a file of the previous schema version (built from the
// SQL that version wrote, tests/data/store/workspace-v1.sql) opens, keeps
// every row and gains what the new version adds. Read-only opening never
// migrates the file on disk; a newer file is refused.

#include "testutil.h"

#include "engine/store/resourcedata.h"
#include "engine/store/runhistory.h"
#include "engine/store/schema.h"
#include "engine/store/sqlite.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;

namespace {

/// A workspace file at schema `version` with the rows `sql` writes, as that
/// version's code wrote them (for versions whose files are generated rather
/// than kept as dumps).
bool writeFileAtVersion(const std::string &file, int version, const char *sql)
{
    auto db = sql::Database::open(file, sql::Database::Mode::ReadWriteCreate);
    return db && db->exec("PRAGMA application_id = " + std::to_string(store::kApplicationId))
           && store::migrate(*db, version) && db->exec(sql);
}

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void version1OpensReadOnlyWithoutChangingTheFile();
    void version1MigratesInPlace();
    void migratedFileSavesNewRevisions();
    void version2GainsTheRunHistory();
    void version3HistoryGainsPackedMetrics();
    void version5ResourcesGainTheirSendingRun();
    void newerSchemaIsRefused();
    void everyStepIsItsOwnTransaction();

private:
    std::string makeVersion1File();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMigration::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::string TestMigration::makeVersion1File()
{
    const std::string file = m_dir->filePath(QStringLiteral("v1.stratus")).toStdString();
    const QByteArray sql = stratus::test::readBytes(
        QStringLiteral(STRATUS_TEST_DATA_DIR "/store/workspace-v1.sql"));
    if (sql.isEmpty())
        qFatal("fixture workspace-v1.sql is missing");
    auto db = sql::Database::open(file, sql::Database::Mode::ReadWriteCreate);
    if (!db || !db->exec(sql.toStdString()))
        qFatal("cannot build the version 1 file");
    return file; // closed here: the WAL is checkpointed into the file
}

void TestMigration::version1OpensReadOnlyWithoutChangingTheFile()
{
    const std::string file = makeVersion1File();
    const QByteArray before = stratus::test::fileHash(QString::fromStdString(file));
    {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
        QVERIFY2(store, store.status().message().c_str());
        QCOMPARE(store->schemaVersionOnDisk(), 1);
        auto ws = store->load();
        QVERIFY2(ws, ws.status().message().c_str());
        QCOMPARE(ws->name, std::string("legacy"));
        const Node *hello = ws->workflows[0].findNode(NodeId("hello"));
        QVERIFY(hello);
        QCOMPARE(hello->config["files"].size(), size_t(2));
        // The in-memory copy was migrated: its history exists.
        auto revisions = store->fileRevisions(WorkflowId("main"), NodeId("hello"), "index.js");
        QVERIFY(revisions);
        QCOMPARE(revisions->size(), size_t(1));
    }
    QCOMPARE(stratus::test::fileHash(QString::fromStdString(file)), before);
    auto raw = sql::Database::open(file, sql::Database::Mode::ReadOnly);
    QCOMPARE(*raw->queryInt("PRAGMA user_version"), 1LL);
}

void TestMigration::version1MigratesInPlace()
{
    const std::string file = makeVersion1File();
    {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
        QVERIFY2(store, store.status().message().c_str());
        QCOMPARE(store->schemaVersionOnDisk(), 1);
        QVERIFY(store->checkIntegrity());
    }
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    QCOMPARE(store->schemaVersionOnDisk(), store::kSchemaVersion);
    auto ws = store->load();
    QVERIFY(ws);
    // Every row of version 1 is still there.
    QCOMPARE(ws->settings["pricing"].get<std::string>(), std::string("aws-x86_64"));
    QCOMPARE(ws->workflows.size(), size_t(1));
    QCOMPARE(ws->workflows[0].nodes().size(), size_t(2));
    QCOMPARE(ws->workflows[0].edges().size(), size_t(1));
    QCOMPARE(ws->workflows[0].position(NodeId("hello")).x, 320.0);
    QCOMPARE(ws->testEvents.size(), size_t(1));
    const Json files = ws->workflows[0].findNode(NodeId("hello"))->config["files"];
    QCOMPARE(files["util.js"].get<std::string>(), std::string("module.exports = 1;\n"));
    // And version 2's history starts with the text each file had.
    for (const char *path : {"index.js", "util.js"}) {
        auto revisions = store->fileRevisions(WorkflowId("main"), NodeId("hello"), path);
        QVERIFY(revisions);
        QCOMPARE(revisions->size(), size_t(1));
        QCOMPARE(revisions->front().text, files[path].get<std::string>());
    }
}

void TestMigration::migratedFileSavesNewRevisions()
{
    const std::string file = makeVersion1File();
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    QVERIFY(store);
    auto ws = store->load();
    QVERIFY(ws);
    ws->workflows[0].findNode(NodeId("hello"))->config["files"]["index.js"] = "// changed\n";
    QVERIFY(store->save(*ws));
    auto revisions = store->fileRevisions(WorkflowId("main"), NodeId("hello"), "index.js");
    QCOMPARE(revisions->size(), size_t(2));
    QCOMPARE(revisions->back().revision, 2);
}

void TestMigration::version2GainsTheRunHistory()
{
    const std::string file = m_dir->filePath(QStringLiteral("v2.stratus")).toStdString();
    {
        const QByteArray sql = stratus::test::readBytes(
            QStringLiteral(STRATUS_TEST_DATA_DIR "/store/workspace-v2.sql"));
        QVERIFY(!sql.isEmpty());
        auto db = sql::Database::open(file, sql::Database::Mode::ReadWriteCreate);
        QVERIFY(db->exec(sql.toStdString()));
    }
    // What the fixture was made from: the example as it was then (the example itself has moved on).
    auto doc = workspace_json::readFile(STRATUS_TEST_DATA_DIR "/store/workspace-v2.json");
    QVERIFY(doc);
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    QVERIFY2(store, store.status().message().c_str());
    QCOMPARE(store->schemaVersionOnDisk(), 2);
    // The design of version 2 is all there ...
    QVERIFY(*store->load() == doc->workspace);
    auto revisions = store->fileRevisions(WorkflowId("orders"), NodeId("accept"), "accept.mjs");
    QCOMPARE(revisions->size(), size_t(1));
    // ... and the run history is new and empty.
    QCOMPARE(*store->database().queryInt("SELECT COUNT(*) FROM invocations"), 0LL);
    QCOMPARE(*store->database().queryInt("PRAGMA user_version"), (long long)store::kSchemaVersion);
    QVERIFY(store->checkIntegrity());
}

// Version 4 moves the logs into their invocation's row and packs every
// recorded invocation's figures into blocks for statistics.
void TestMigration::version3HistoryGainsPackedMetrics()
{
    const std::string file = m_dir->filePath(QStringLiteral("v3.stratus")).toStdString();
    {
        // What a version 3 recorder wrote: 5,000 invocations of two functions, logs apart.
        QVERIFY(writeFileAtVersion(file, 3, R"sql(
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO runs(run_id, trigger, started_at_us, status) SELECT 'r' || i, 'http', i * 1000, 'ok' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO invocations(request_id, run_id, function_name, trigger, started_at_us, cold,
  init_duration_us, duration_us, billed_duration_ms, wait_us, memory_size_mb, max_memory_used_mb,
  status, cost)
SELECT 'q' || i, 'r' || i, CASE WHEN i % 2 THEN 'a' ELSE 'b' END, 'http', i * 1000, i % 10 = 0,
  0, 500 + i, 1 + (500 + i) / 1000, 0, 128, 40, CASE WHEN i % 100 = 0 THEN 'timeout' ELSE 'ok' END,
  0.000001 FROM n;
INSERT INTO invocation_logs(invocation_id, lines) SELECT id, 'START RequestId: ' || request_id || char(10)
  FROM invocations WHERE id % 2 = 0;
)sql"));
    }
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    QVERIFY2(store, store.status().message().c_str());
    QCOMPARE(store->schemaVersionOnDisk(), 3);
    auto &db = store->database();
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocations"), 5000LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM invocations WHERE logs LIKE 'START RequestId: q%'"), 2500LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'invocation_logs'"), 0LL);
    QCOMPARE(*db.queryInt("SELECT SUM(count) FROM invocation_metrics"), 5000LL);
    long long count = 0, timeouts = 0, cold = 0, durations = 0;
    QVERIFY(scanInvocations(db, 0, "b", [&](const HistoryEntry &e) {
        const InvocationRecord &r = e.record;
        ++count;
        timeouts += r.status == InvocationStatus::Timeout;
        cold += r.coldStart;
        durations += r.durationUs;
    }));
    QCOMPARE(count, 2500LL);
    QCOMPARE(timeouts, 50LL);
    QCOMPARE(cold, 500LL);
    QCOMPARE(durations, *db.queryInt("SELECT SUM(duration_us) FROM invocations WHERE function_name = 'b'"));
    QVERIFY(store->checkIntegrity());
}

void TestMigration::version5ResourcesGainTheirSendingRun()
{
    const std::string file = m_dir->filePath(QStringLiteral("v5.stratus")).toStdString();
    {
        // What a version 5 runner kept: a message waiting, a stream record not yet delivered.
        QVERIFY(writeFileAtVersion(file, 5, R"sql(
INSERT INTO queue_messages(queue, message_id, body, sent_at_ms, visible_at_ms) VALUES ('jobs', 'm1', 'old', 1, 1);
INSERT INTO table_stream(table_name, event_name, item_key, keys, new_image, created_ms)
  VALUES ('people', 'INSERT', '[{"S":"a"}]', '{"id":{"S":"a"}}', '{"id":{"S":"a"}}', 1);
)sql"));
    }
    {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
        QVERIFY2(store, store.status().message().c_str());
        QCOMPARE(store->schemaVersionOnDisk(), 5);
    }
    auto data = ResourceData::open(file);
    QVERIFY2(data, data.status().message().c_str());
    QVERIFY(data->sendMessage("jobs", "new", 2, Json::object(), "run-7"));
    auto batch = data->receive("jobs", 10, 3, 30000, 5);
    QVERIFY(batch);
    QCOMPARE(batch->size(), size_t(2));
    QCOMPARE(QString::fromStdString((*batch)[0].body), QStringLiteral("old"));
    QVERIFY((*batch)[0].runId.empty()); // sent before runs were named
    QCOMPARE(QString::fromStdString((*batch)[1].runId), QStringLiteral("run-7"));
    QVERIFY(data->putItem("people", R"([{"S":"b"}])", Json{{"id", {{"S", "b"}}}}, Json{{"id", {{"S", "b"}}}}, 4,
                          "run-8"));
    auto stream = data->readStream("people", 0, 10);
    QVERIFY(stream);
    QCOMPARE(stream->size(), size_t(2));
    QVERIFY((*stream)[0].runId.empty());
    QCOMPARE(QString::fromStdString((*stream)[1].runId), QStringLiteral("run-8"));
}

void TestMigration::newerSchemaIsRefused()
{
    const std::string file = makeVersion1File();
    {
        auto db = sql::Database::open(file, sql::Database::Mode::ReadWrite);
        QVERIFY(db->exec("PRAGMA user_version = 99"));
    }
    const QByteArray before = stratus::test::fileHash(QString::fromStdString(file));
    for (auto access : {WorkspaceStore::Access::ReadOnly, WorkspaceStore::Access::ReadWrite}) {
        auto store = WorkspaceStore::open(file, access);
        QVERIFY(!store);
        QCOMPARE(int(store.status().code()), int(Status::Code::NotSupported));
        QVERIFY2(store.status().message().find("newer Stratus") != std::string::npos,
                 store.status().message().c_str());
        QVERIFY(store.status().message().find(file) != std::string::npos);
    }
    QCOMPARE(stratus::test::fileHash(QString::fromStdString(file)), before);
}

void TestMigration::everyStepIsItsOwnTransaction()
{
    // Break step 2 by taking the name of the table it creates: the file must
    // stay at version 1 with its data, and the error must say which step failed.
    const std::string file = makeVersion1File();
    {
        auto db = sql::Database::open(file, sql::Database::Mode::ReadWrite);
        QVERIFY(db->exec("CREATE TABLE file_revisions(x)"));
    }
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    QVERIFY(!store);
    QVERIFY2(store.status().message().find("schema version 2") != std::string::npos,
             store.status().message().c_str());
    auto db = sql::Database::open(file, sql::Database::Mode::ReadOnly);
    QCOMPARE(*db->queryInt("PRAGMA user_version"), 1LL);
    QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM function_files"), 2LL);
}

QTEST_APPLESS_MAIN(TestMigration)
#include "tst_migration.moc"
