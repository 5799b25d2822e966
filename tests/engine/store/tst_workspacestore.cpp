// The workspace file: create, save, reopen and compare; saving differences;
// file revision history; one transaction per save; the SQLite settings the
// design asks for (WAL, foreign keys, application id).

#include "testutil.h"

#include "engine/store/schema.h"
#include "engine/store/workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;
using stratus::test::readDocument;

namespace {

Workspace twoWorkflows()
{
    return readDocument(R"json({
      "format": "stratus-workspace", "version": 1, "name": "shop",
      "settings": {"pricing": "aws-arm64", "region": "eu-west-1", "custom": {"a": [1, 2.5, null]}},
      "workflows": [
        {"id": "orders", "name": "Orders", "nodes": [
          {"id": "post", "kind": "trigger.http", "name": "POST /orders", "position": [10, 20.5],
           "config": {"method": "POST", "path": "/orders"}},
          {"id": "accept", "kind": "function", "name": "accept", "position": [300, 20],
           "config": {"runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 256,
                      "files": {"index.js": "exports.handler = async () => 'v1';\n",
                                "lib/util.js": "module.exports = {};\n"}}},
          {"id": "q", "kind": "queue", "name": "orders", "config": {}}
        ], "edges": [
          {"id": "e1", "from": {"node": "post", "port": "event"}, "to": {"node": "accept", "port": "in"}},
          {"id": "e2", "from": {"node": "accept", "port": "ok"}, "to": {"node": "q", "port": "in"}}
        ]},
        {"id": "reports", "name": "Reports", "nodes": [
          {"id": "tick", "kind": "trigger.schedule", "name": "hourly", "position": [0, 0],
           "config": {"expression": "rate(1 hour)"}},
          {"id": "report", "kind": "function", "name": "report", "position": [200, 0],
           "config": {"runtime": "python3.12", "handler": "app.handler",
                      "files": {"app.py": "def handler(e, c):\n    return 'ünïcødé ✓'\n"}}}
        ], "edges": [
          {"id": "e1", "from": {"node": "tick", "port": "event"}, "to": {"node": "report", "port": "in"}}
        ]}
      ],
      "testEvents": [
        {"workflow": "orders", "node": "accept", "name": "one", "event": {"body": "{}", "n": 18446744073709551615}},
        {"workflow": "reports", "node": "report", "name": "tick", "event": [1, "two", null]}
      ]})json");
}

Json &fileText(Workspace &ws, const char *workflow, const char *node, const char *path)
{
    return ws.findWorkflow(WorkflowId(workflow))->findNode(NodeId(node))->config["files"][path];
}

} // namespace

class TestWorkspaceStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createSaveReopenCompare();
    void createRefusesAnExistingFile();
    void fileUsesWalForeignKeysAndApplicationId();
    void saveWritesOnlyTheDifference();
    void removingANodeRemovesItsEdgesAndFiles();
    void fileRevisionsKeepEveryChange();
    void aFailedSaveChangesNothing();
    void readOnlyStoreRefusesToSave();
    void positionsAreLayoutOnly();
    void writeToCreatesThenReplaces();

private:
    QString path(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWorkspaceStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWorkspaceStore::createSaveReopenCompare()
{
    const Workspace original = twoWorkflows();
    QCOMPARE(original.workflows.size(), size_t(2));
    const std::string file = path("shop.stratus").toStdString();
    {
        auto store = WorkspaceStore::create(file);
        QVERIFY2(store, store.status().message().c_str());
        QVERIFY2(store->save(original), "save");
    }
    // Reopened by a new connection, read-only and read-write alike.
    for (auto access : {WorkspaceStore::Access::ReadOnly, WorkspaceStore::Access::ReadWrite}) {
        auto store = WorkspaceStore::open(file, access);
        QVERIFY2(store, store.status().message().c_str());
        auto loaded = store->load();
        QVERIFY2(loaded, loaded.status().message().c_str());
        QVERIFY(*loaded == original);
        // Spot checks that == compares what matters.
        QCOMPARE(loaded->workflows[1].id().str(), std::string("reports"));
        QCOMPARE(loaded->testEvents[0].event["n"].get<unsigned long long>(), 18446744073709551615ULL);
        QCOMPARE(loaded->workflows[0].position(NodeId("post")).y, 20.5);
        QVERIFY(!loaded->workflows[0].hasPosition(NodeId("q")));
        QCOMPARE(store->checkIntegrity().message(), std::string());
    }
}

void TestWorkspaceStore::createRefusesAnExistingFile()
{
    const QString file = path("exists.stratus");
    stratus::test::writeBytes(file, "precious");
    auto store = WorkspaceStore::create(file.toStdString());
    QVERIFY(!store);
    QVERIFY(store.status().message().find("already exists") != std::string::npos);
    QCOMPARE(stratus::test::readBytes(file), QByteArray("precious"));
}

void TestWorkspaceStore::fileUsesWalForeignKeysAndApplicationId()
{
    auto store = WorkspaceStore::create(path("p.stratus").toStdString());
    QVERIFY(store);
    auto &db = store->database();
    auto mode = db.prepare("PRAGMA journal_mode");
    QVERIFY(mode && mode->step());
    QCOMPARE(mode->text(0), std::string("wal"));
    QCOMPARE(*db.queryInt("PRAGMA foreign_keys"), 1LL);
    QCOMPARE(*db.queryInt("PRAGMA application_id"), (long long)store::kApplicationId);
    QCOMPARE(*db.queryInt("PRAGMA user_version"), (long long)store::kSchemaVersion);
}

void TestWorkspaceStore::saveWritesOnlyTheDifference()
{
    const std::string file = path("d.stratus").toStdString();
    auto store = WorkspaceStore::create(file);
    QVERIFY(store);
    Workspace ws = twoWorkflows();
    QVERIFY(store->save(ws));

    // Change a little of everything: rename, move, reconfigure, drop a
    // workflow, add a node and an edge, reorder settings.
    ws.name = "shop 2";
    Workflow &orders = ws.workflows[0];
    orders.setName("Orders (v2)");
    orders.setPosition(NodeId("q"), {500, 60});
    orders.findNode(NodeId("accept"))->config["memoryMB"] = 1024;
    orders.addNode(Node{NodeId("log"), "log", "errors", Json{{"level", "error"}}}, Position{600, 200});
    orders.addEdge(Edge{EdgeId("e3"), {NodeId("accept"), "error"}, {NodeId("log"), "in"}});
    ws.workflows.pop_back();
    ws.testEvents.pop_back();
    ws.settings = Json{{"region", "us-east-1"}};
    QVERIFY(store->save(ws));

    auto reopened = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(reopened);
    auto loaded = reopened->load();
    QVERIFY(loaded);
    QVERIFY(*loaded == ws);
    QCOMPARE(*store->database().queryInt("SELECT COUNT(*) FROM nodes WHERE workflow_id = 'reports'"), 0LL);
}

void TestWorkspaceStore::removingANodeRemovesItsEdgesAndFiles()
{
    auto store = WorkspaceStore::create(path("r.stratus").toStdString());
    QVERIFY(store);
    Workspace ws = twoWorkflows();
    QVERIFY(store->save(ws));
    ws.testEvents.erase(ws.testEvents.begin()); // it names "accept"
    QVERIFY(ws.workflows[0].removeNode(NodeId("accept")));
    QCOMPARE(ws.workflows[0].edges().size(), size_t(0));
    QVERIFY(store->save(ws));
    auto &db = store->database();
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM edges WHERE workflow_id = 'orders'"), 0LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM function_files WHERE node_id = 'accept'"), 0LL);
    QCOMPARE(*db.queryInt("SELECT COUNT(*) FROM file_revisions WHERE node_id = 'accept'"), 0LL);
    QVERIFY(store->checkIntegrity());
}

void TestWorkspaceStore::fileRevisionsKeepEveryChange()
{
    auto store = WorkspaceStore::create(path("rev.stratus").toStdString());
    QVERIFY(store);
    Workspace ws = twoWorkflows();
    QVERIFY(store->save(ws));
    QVERIFY(store->save(ws)); // unchanged: no new revision
    fileText(ws, "orders", "accept", "index.js") = "exports.handler = async () => 'v2';\n";
    QVERIFY(store->save(ws));
    fileText(ws, "orders", "accept", "index.js") = "exports.handler = async () => 'v3';\n";
    QVERIFY(store->save(ws));

    auto revisions = store->fileRevisions(WorkflowId("orders"), NodeId("accept"), "index.js");
    QVERIFY(revisions);
    QCOMPARE(revisions->size(), size_t(3));
    QCOMPARE((*revisions)[0].revision, 1);
    QVERIFY((*revisions)[0].text.find("'v1'") != std::string::npos);
    QVERIFY((*revisions)[2].text.find("'v3'") != std::string::npos);
    QVERIFY((*revisions)[2].savedAtMs >= (*revisions)[0].savedAtMs);
    auto untouched = store->fileRevisions(WorkflowId("orders"), NodeId("accept"), "lib/util.js");
    QCOMPARE(untouched->size(), size_t(1));

    // A file deleted and added again continues its history.
    auto &files = ws.workflows[0].findNode(NodeId("accept"))->config["files"];
    files.erase("lib/util.js");
    QVERIFY(store->save(ws));
    files["lib/util.js"] = "module.exports = {again: true};\n";
    QVERIFY(store->save(ws));
    auto again = store->fileRevisions(WorkflowId("orders"), NodeId("accept"), "lib/util.js");
    QCOMPARE(again->size(), size_t(2));
    QCOMPARE(again->back().revision, 2);
}

void TestWorkspaceStore::aFailedSaveChangesNothing()
{
    const QString file = path("tx.stratus");
    auto store = WorkspaceStore::create(file.toStdString());
    QVERIFY(store);
    const Workspace good = twoWorkflows();
    QVERIFY(store->save(good));

    // The edge to a node that does not exist fails after the nodes were
    // written: the whole save must roll back.
    Workspace bad = good;
    bad.name = "changed";
    bad.workflows[0].findNode(NodeId("accept"))->config["memoryMB"] = 2048;
    bad.workflows[0].addEdge(Edge{EdgeId("bad"), {NodeId("accept"), "ok"}, {NodeId("ghost"), "in"}});
    const Status s = store->save(bad);
    QVERIFY(!s);
    QVERIFY2(s.message().find("edge 'bad'") != std::string::npos, s.message().c_str());
    QVERIFY2(s.message().find(file.toStdString()) != std::string::npos, s.message().c_str());

    auto loaded = store->load();
    QVERIFY(loaded);
    QVERIFY(*loaded == good);
}

void TestWorkspaceStore::readOnlyStoreRefusesToSave()
{
    const QString file = path("ro.stratus");
    {
        auto store = WorkspaceStore::create(file.toStdString());
        QVERIFY(store && store->save(twoWorkflows()));
    }
    const QByteArray before = stratus::test::fileHash(file);
    auto store = WorkspaceStore::open(file.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    QVERIFY(store->isReadOnly());
    QVERIFY(!store->save(Workspace{}));
    QVERIFY(store->load());
    QCOMPARE(stratus::test::fileHash(file), before);
}

void TestWorkspaceStore::positionsAreLayoutOnly()
{
    Workspace a = twoWorkflows();
    Workspace b = a;
    b.workflows[0].setPosition(NodeId("accept"), {999, 999});
    // Same nodes and edges (what runs) ...
    QVERIFY(a.workflows[0].nodes() == b.workflows[0].nodes());
    QVERIFY(a.workflows[0].edges() == b.workflows[0].edges());
    // ... different layout, which the file keeps too.
    QVERIFY(!(a == b));
}

void TestWorkspaceStore::writeToCreatesThenReplaces()
{
    const std::string file = path("w.stratus").toStdString();
    Workspace ws = twoWorkflows();
    QVERIFY(WorkspaceStore::writeTo(file, ws));
    ws.workflows.erase(ws.workflows.begin());
    ws.testEvents.erase(ws.testEvents.begin());
    QVERIFY(WorkspaceStore::writeTo(file, ws));
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    QVERIFY(store);
    QVERIFY(*store->load() == ws);
}

QTEST_APPLESS_MAIN(TestWorkspaceStore)
#include "tst_workspacestore.moc"
