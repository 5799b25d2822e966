// engine/run/localresources: queues, tables and buckets, live, with real
// Node.js consumers and a real workspace file — SQS batches, visibility,
// partial batch responses and dead letters; DynamoDB stream records in
// order, retried from a failed record, delivered after a restart; bucket
// folders written by another process, hostile keys refused.

#include "runtest.h"

#include "engine/run/workspaceserver.h"
#include "engine/model/text.h"
#include "engine/store/resourcedata.h"

#include <QProcess>
#include <QTest>

using namespace stratus::engine;
using namespace stratus::engine::run;
using namespace stratus::test;

namespace {

std::string workspace()
{
    Json nodes = Json::array({
        kindNode("to-queue", "trigger.manual"),
        kindNode("orders", "queue", {{"batchSize", 5}, {"visibilityTimeoutS", 1}, {"maxReceiveCount", 2}}),
        functionNode("consume", "exports.handler = async (e) => {"
                            "  const bad = e.Records.filter(r => r.body.includes('poison')).map(r => ({ itemIdentifier: r.messageId }));"
                            "  return { batchItemFailures: bad };"
                            "};"),
        kindNode("dead-letters", "log"),
        kindNode("to-table", "trigger.manual"),
        kindNode("people", "table", {{"partitionKey", "id"}, {"streamBatchSize", 10}}),
        functionNode("watch", "let failedOnce = false;"
                          "exports.handler = async (e) => {"
                          "  const bad = e.Records.find(r => r.dynamodb.Keys.id.S === 'fail-once');"
                          "  if (bad && !failedOnce) { failedOnce = true; return { batchItemFailures: [{ itemIdentifier: bad.dynamodb.SequenceNumber }] }; }"
                          "  return {};"
                          "};"),
        kindNode("to-bucket", "trigger.manual"),
        kindNode("files", "bucket", {{"prefix", "in/"}}),
        functionNode("inspect", "exports.handler = async (e) => e.Records[0].s3.object;"),
    });
    Json edges = Json::array({
        edgeJson("to-queue", "event", "orders"), edgeJson("orders", "out", "consume"), edgeJson("orders", "dead", "dead-letters"),
        edgeJson("to-table", "event", "people"), edgeJson("people", "out", "watch"),
        edgeJson("to-bucket", "event", "files"), edgeJson("files", "out", "inspect"),
    });
    return workspaceDocument(nodes, edges);
}

} // namespace

class TestResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void queueDeliversBatchesAndDeletesWhatSucceeded();
    void poisonMessagesReachDeadAfterMaxReceiveCount();
    void tableChangesReachTheStreamInOrder();
    void streamRetriesFromTheFailedRecord();
    void changesMadeWhileStoppedAreDeliveredOnStart();
    void bucketSeesFilesDroppedByAnotherProcess();
    void bucketWaitsForASlowWriterToClose();
    void bucketKeysNeverLeaveTheFolder();

private:
    void startServer();
    RunOutcome write(const char *trigger, const Json &value);
    bool waitQuiet(int timeoutMs = 20000);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    std::unique_ptr<WorkspaceServer> m_server;
    std::vector<RunOutcome> m_runs; // every run that ended, in order
};

void TestResources::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = writeWorkspace(m_dir->path(), workspace());
    m_runs.clear();
    startServer();
}

void TestResources::startServer()
{
    WorkspaceServer::Options options;
    options.executor.workspaceFile = m_file.toStdString();
    options.executor.runtime.cacheRoot = m_dir->filePath(QStringLiteral("cache")).toStdString();
    options.listen = false;
    options.schedules = false;
    m_server = std::make_unique<WorkspaceServer>(options);
    const Status s = m_server->start();
    QVERIFY2(s.isOk(), s.message().c_str());
    m_server->executor().setObserver(Executor::Observer{{}, [this](const RunOutcome &o) { m_runs.push_back(o); }, {}, {}});
}

void TestResources::cleanup()
{
    if (m_server)
        m_server->stop(0);
    m_server.reset();
    m_dir.reset();
}

RunOutcome TestResources::write(const char *trigger, const Json &value)
{
    RunRequest request;
    request.workflow = WorkflowId("main");
    request.node = NodeId(trigger);
    request.event = value;
    request.trigger = "manual";
    std::optional<RunOutcome> outcome;
    m_server->executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
        qFatal("write through %s did not end", trigger);
    return *outcome;
}

bool TestResources::waitQuiet(int timeoutMs)
{
    int quiet = 0;
    return QTest::qWaitFor([&] {
        quiet = m_server->isQuiet() ? quiet + 1 : 0;
        return quiet >= 3;
    }, timeoutMs);
}

static std::vector<const RunOutcome *> runsFrom(const std::vector<RunOutcome> &runs, const std::string &trigger)
{
    std::vector<const RunOutcome *> out;
    for (const RunOutcome &r : runs) {
        if (r.entry.trigger == trigger)
            out.push_back(&r);
    }
    return out;
}

/// The event a resource's run started with (the first step's output).
static Json eventOf(const RunOutcome &run)
{
    return Json::parse(run.entry.steps.front().output);
}

void TestResources::queueDeliversBatchesAndDeletesWhatSucceeded()
{
    std::set<std::string> senders;
    for (int i = 0; i < 12; ++i) {
        const RunOutcome sent = write("to-queue", Json{{"order", i}});
        QVERIFY(sent.ok());
        senders.insert(sent.entry.runId);
    }
    QVERIFY(waitQuiet());
    std::set<std::string> bodies;
    for (const RunOutcome *run : runsFrom(m_runs, "queue")) {
        QVERIFY(senders.contains(run->entry.parentRunId)); // a batch names the run of its first message
        const Json event = eventOf(*run);
        QVERIFY(event["Records"].size() <= 5); // batchSize
        for (const Json &record : event["Records"]) {
            QCOMPARE_STR(record["eventSource"].get<std::string>(), std::string("aws:sqs"));
            QCOMPARE_STR(record["attributes"]["ApproximateReceiveCount"].get<std::string>(), std::string("1"));
            QCOMPARE_STR(record["md5OfBody"].get<std::string>(),
                         QCryptographicHash::hash(QByteArray::fromStdString(record["body"].get<std::string>()),
                                                  QCryptographicHash::Md5).toHex().toStdString());
            QVERIFY(record["eventSourceARN"].get<std::string>().ends_with(":orders"));
            bodies.insert(record["body"].get<std::string>());
        }
    }
    QCOMPARE(bodies.size(), size_t(12)); // each exactly once: none lost, none twice
    auto depth = m_server->resources()->data()->depth("orders", QDateTime::currentMSecsSinceEpoch());
    QVERIFY(depth);
    QCOMPARE(depth->visible + depth->inFlight + depth->dead, 0LL);
}

void TestResources::poisonMessagesReachDeadAfterMaxReceiveCount()
{
    QVERIFY(write("to-queue", Json("fine 1")).ok());
    QVERIFY(write("to-queue", Json("poison pill")).ok());
    QVERIFY(write("to-queue", Json("fine 2")).ok());
    QVERIFY(QTest::qWaitFor([&] {
        for (const RunOutcome *run : runsFrom(m_runs, "queue")) {
            if (run->entry.steps.front().port == "dead")
                return true;
        }
        return false;
    }, 20000));
    QVERIFY(waitQuiet());
    // The poison message was received twice (maxReceiveCount), then went to dead.
    int poisonReceives = 0;
    for (const RunOutcome *run : runsFrom(m_runs, "queue")) {
        const Json event = eventOf(*run);
        for (const Json &record : event["Records"]) {
            if (record["body"] == "poison pill" && run->entry.steps.front().port == "out")
                ++poisonReceives;
            if (record["body"] != "poison pill")
                QCOMPARE_STR(record["attributes"]["ApproximateReceiveCount"].get<std::string>(), std::string("1"));
        }
    }
    QCOMPARE(poisonReceives, 2);
    std::vector<std::string> deadBodies;
    for (const RunOutcome *run : runsFrom(m_runs, "queue")) {
        if (run->entry.steps.front().port != "dead")
            continue;
        const Json event = eventOf(*run); // kept: a range-for over a temporary's member would dangle
        for (const Json &record : event["Records"]) {
            deadBodies.push_back(record["body"].get<std::string>());
            QVERIFY(record["eventSourceARN"].get<std::string>().ends_with(":orders-dead"));
        }
        QCOMPARE_STR(run->entry.steps.back().nodeId, std::string("dead-letters"));
    }
    QCOMPARE(deadBodies, std::vector<std::string>{"poison pill"});
    auto depth = m_server->resources()->data()->depth("orders", QDateTime::currentMSecsSinceEpoch());
    QVERIFY(depth);
    QCOMPARE(depth->dead, 1LL);
    QCOMPARE(depth->visible + depth->inFlight, 0LL);
    // Once dead it is never delivered again.
    const size_t before = runsFrom(m_runs, "queue").size();
    QTest::qWait(200);
    QCOMPARE(runsFrom(m_runs, "queue").size(), before);
}

void TestResources::tableChangesReachTheStreamInOrder()
{
    const RunOutcome first = write("to-table", Json{{"id", "a"}, {"name", "Ann"}, {"age", 30}});
    QVERIFY(first.ok());
    QVERIFY(write("to-table", Json{{"id", "a"}, {"name", "Ann"}, {"age", 31}}).ok());
    QVERIFY(write("to-table", Json{{"id", "a"}, {"name", "Ann"}, {"age", 31}}).ok()); // unchanged: no record
    QVERIFY(write("to-table", Json{{"delete", {{"id", "a"}}}}).ok());
    const RunOutcome missingKey = write("to-table", Json{{"name", "no id"}});
    QVERIFY(!missingKey.ok());
    QVERIFY(missingKey.entry.error.find("no key attribute") != std::string::npos);
    QVERIFY(waitQuiet());
    std::vector<std::string> names;
    std::vector<long long> sequences;
    Json last;
    for (const RunOutcome *run : runsFrom(m_runs, "table")) {
        const Json event = eventOf(*run); // kept: a range-for over a temporary's member would dangle
        for (const Json &record : event["Records"]) {
            names.push_back(record["eventName"].get<std::string>());
            sequences.push_back(std::stoll(record["dynamodb"]["SequenceNumber"].get<std::string>()));
            QCOMPARE_STR(record["dynamodb"]["StreamViewType"].get<std::string>(), std::string("NEW_AND_OLD_IMAGES"));
            QCOMPARE_STR(record["dynamodb"]["Keys"].dump(), std::string(R"({"id":{"S":"a"}})"));
            last = record;
        }
    }
    QCOMPARE_STR(joined(names), std::string("INSERT, MODIFY, REMOVE"));
    QCOMPARE_STR(runsFrom(m_runs, "table").front()->entry.parentRunId, first.entry.runId);
    QVERIFY(std::is_sorted(sequences.begin(), sequences.end()));
    QCOMPARE_STR(last["dynamodb"]["OldImage"]["age"].dump(), std::string(R"({"N":"31"})"));
    QVERIFY(!last["dynamodb"].contains("NewImage"));
}

void TestResources::streamRetriesFromTheFailedRecord()
{
    for (const char *id : {"k1", "k2", "fail-once", "k3"})
        QVERIFY(write("to-table", Json{{"id", id}}).ok());
    QVERIFY(waitQuiet());
    std::vector<std::string> delivered;
    for (const RunOutcome *run : runsFrom(m_runs, "table")) {
        const Json event = eventOf(*run);
        for (const Json &record : event["Records"])
            delivered.push_back(record["dynamodb"]["Keys"]["id"]["S"].get<std::string>());
    }
    // Whatever the batches were, after the failure delivery starts again at fail-once,
    // and no record before it is delivered twice.
    const auto first = std::find(delivered.begin(), delivered.end(), "fail-once");
    QVERIFY(first != delivered.end());
    QCOMPARE(std::count(delivered.begin(), delivered.end(), "k1"), 1L);
    QCOMPARE(std::count(delivered.begin(), delivered.end(), "k2"), 1L);
    QCOMPARE(std::count(delivered.begin(), delivered.end(), "fail-once"), 2L);
    QCOMPARE_STR(delivered.back(), std::string("k3"));
    const auto second = std::find(first + 1, delivered.end(), "fail-once");
    QVERIFY(second != delivered.end());
}

void TestResources::changesMadeWhileStoppedAreDeliveredOnStart()
{
    m_server->stop(0);
    m_server.reset();
    {
        // Another program changes the table while nothing runs.
        auto data = ResourceData::open(m_file.toStdString());
        QVERIFY(data);
        const Json keys{{"id", {{"S", "offline"}}}};
        QVERIFY(data->putItem("people", Json::array({keys["id"]}).dump(), keys, Json{{"id", {{"S", "offline"}}}}, 1)
                    .isOk());
    }
    m_runs.clear();
    startServer();
    QVERIFY(waitQuiet());
    const auto runs = runsFrom(m_runs, "table");
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE_STR(eventOf(*runs[0])["Records"][0]["eventName"].get<std::string>(), std::string("INSERT"));
}

void TestResources::bucketSeesFilesDroppedByAnotherProcess()
{
    const QString folder = m_dir->filePath(QStringLiteral("files/in"));
    QVERIFY(QDir().mkpath(folder));
    QTest::qWait(150); // the folder itself is not an object
    QProcess writer;
    writer.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("cd '%1' && for i in $(seq 1 40); do printf 'data %s' $i > \"file $i.txt\"; done; "
                                                       "printf x > ../outside-prefix.txt").arg(folder)});
    QVERIFY(writer.waitForFinished(10000));
    QVERIFY(QTest::qWaitFor([&] { return runsFrom(m_runs, "bucket").size() >= 40; }, 20000));
    QVERIFY(waitQuiet());
    std::set<std::string> keys;
    for (const RunOutcome *run : runsFrom(m_runs, "bucket")) {
        const Json record = eventOf(*run)["Records"][0];
        QCOMPARE_STR(record["eventName"].get<std::string>(), std::string("ObjectCreated:Put"));
        QCOMPARE_STR(record["s3"]["bucket"]["name"].get<std::string>(), std::string("files"));
        keys.insert(record["s3"]["object"]["key"].get<std::string>());
        QVERIFY(run->ok());
    }
    QCOMPARE(keys.size(), size_t(40)); // each once; the file outside the prefix not at all
    QVERIFY(keys.contains("in/file+7.txt")); // URL-encoded as S3 sends keys

    m_runs.clear();
    QVERIFY(QFile::remove(folder + QStringLiteral("/file 3.txt")));
    QVERIFY(QTest::qWaitFor([&] { return !runsFrom(m_runs, "bucket").empty(); }, 5000));
    QCOMPARE_STR(eventOf(*runsFrom(m_runs, "bucket")[0])["Records"][0]["eventName"].get<std::string>(),
                 std::string("ObjectRemoved:Delete"));
}

void TestResources::bucketWaitsForASlowWriterToClose()
{
    // Another process writes one file in three parts with pauses longer than
    // two scans, in a folder that did not exist when the server started: one
    // notification, after it closed the file, with its whole size.
    const QString folder = m_dir->filePath(QStringLiteral("files/in/slow"));
    QVERIFY(QDir().mkpath(folder));
    QTest::qWait(250); // the new folder is watched from the next scan
    QProcess writer;
    writer.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("exec 3> '%1/part.txt'; printf aaaa >&3; sleep 0.5; "
                                                       "printf bbbb >&3; sleep 0.5; printf cc >&3; exec 3>&-")
                                            .arg(folder)});
    QVERIFY(writer.waitForStarted(5000));
    while (writer.state() != QProcess::NotRunning)
        QTest::qWait(20); // serving the engine meanwhile
    QCOMPARE(writer.exitCode(), 0);
    QVERIFY(QTest::qWaitFor([&] { return !runsFrom(m_runs, "bucket").empty(); }, 5000));
    QVERIFY(waitQuiet());
    const auto runs = runsFrom(m_runs, "bucket");
    QCOMPARE(runs.size(), size_t(1));
    const Json object = eventOf(*runs[0])["Records"][0]["s3"]["object"];
    QCOMPARE_STR(object["key"].get<std::string>(), std::string("in/slow/part.txt"));
    QCOMPARE(object["size"].get<long long>(), 10LL);
}

void TestResources::bucketKeysNeverLeaveTheFolder()
{
    const RunOutcome escape = write("to-bucket", Json{{"key", "../../etc/passwd"}, {"body", "x"}});
    QVERIFY(!escape.ok());
    QVERIFY(escape.entry.error.find("may not hold") != std::string::npos);
    QVERIFY(!write("to-bucket", Json{{"key", "/etc/passwd"}, {"body", "x"}}).ok());
    // A symlink in the folder that points out of it.
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("files/in"))));
    QVERIFY(QFile::link(m_dir->path(), m_dir->filePath(QStringLiteral("files/in/link"))));
    const RunOutcome viaLink = write("to-bucket", Json{{"key", "in/link/planted.txt"}, {"body", "x"}});
    QVERIFY(!viaLink.ok());
    QVERIFY(viaLink.entry.error.find("leads out of the bucket's folder") != std::string::npos);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("planted.txt"))));
    // A good key is written and notified, with S3's eTag.
    const RunOutcome good = write("to-bucket", Json{{"key", "in/ok.json"}, {"json", {{"a", 1}}}});
    QVERIFY2(good.ok(), good.entry.error.c_str());
    QCOMPARE(readBytes(m_dir->filePath(QStringLiteral("files/in/ok.json"))), QByteArray(R"({"a":1})"));
    QVERIFY(QTest::qWaitFor([&] { return !runsFrom(m_runs, "bucket").empty(); }, 5000));
    const Json object = *runsFrom(m_runs, "bucket")[0]->output;
    QCOMPARE_STR(object["eTag"].get<std::string>(),
                 QCryptographicHash::hash(R"({"a":1})", QCryptographicHash::Md5).toHex().toStdString());
}

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
