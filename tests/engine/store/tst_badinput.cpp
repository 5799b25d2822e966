// Bad workspace files: not SQLite, empty, another program's SQLite file, a
// newer schema, truncated, corrupted, 20 MB of noise. Each gets an error that
// names the file and the problem; none crashes; no input file is modified. A
// failed write leaves the target workspace exactly as it was.

#include "testutil.h"

#include "engine/store/sqlite.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::engine;
using stratus::test::fileHash;

namespace {

/// Opens and loads a file the way every reader does; the first failure, or ok.
Status openAndLoad(const std::string &path, WorkspaceStore::Access access)
{
    auto store = WorkspaceStore::open(path, access);
    if (!store)
        return store.status();
    if (Status s = store->checkIntegrity(); !s)
        return s;
    auto ws = store->load();
    return ws ? Status::ok() : ws.status();
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void badFilesAreRefused_data();
    void badFilesAreRefused();
    void missingFileIsNotCreated();
    void failedWriteLeavesTargetAsItWas_data();
    void failedWriteLeavesTargetAsItWas();
    void failedCreateLeavesNoFile();

private:
    QString makeWorkspace(const char *name);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestBadInput::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestBadInput::makeWorkspace(const char *name)
{
    const QString path = m_dir->filePath(QString::fromLatin1(name));
    auto doc = workspace_json::readFile(stratus::test::exampleFiles().first().toStdString());
    if (!doc || !WorkspaceStore::writeTo(path.toStdString(), doc->workspace))
        qFatal("cannot make a workspace");
    return path;
}

void TestBadInput::badFilesAreRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text file") << "text" << "not a SQLite database";
    QTest::newRow("empty file") << "empty" << "is empty";
    QTest::newRow("other SQLite database") << "foreign" << "not a Stratus workspace";
    QTest::newRow("SQLite with Stratus id, no schema") << "noschema" << "no Stratus schema";
    QTest::newRow("newer schema") << "newer" << "newer Stratus";
    QTest::newRow("truncated") << "truncated" << "";
    QTest::newRow("corrupted pages") << "corrupted" << "";
    QTest::newRow("20 MB of noise") << "noise" << "not a SQLite database";
    QTest::newRow("noise after a SQLite header") << "header-noise" << "";
    QTest::newRow("folder") << "folder" << "is a folder";
}

void TestBadInput::badFilesAreRefused()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QString path = m_dir->filePath(kind + QStringLiteral(".stratus"));

    if (kind == QLatin1String("text")) {
        stratus::test::writeBytes(path, "this is a shopping list\nmilk\n");
    } else if (kind == QLatin1String("empty")) {
        stratus::test::writeBytes(path, {});
    } else if (kind == QLatin1String("foreign")) {
        auto db = sql::Database::open(path.toStdString(), sql::Database::Mode::ReadWriteCreate);
        QVERIFY(db->exec("CREATE TABLE photos(id INTEGER PRIMARY KEY, data BLOB);"
                         "INSERT INTO photos(data) VALUES (x'00ff');"));
    } else if (kind == QLatin1String("noschema")) {
        auto db = sql::Database::open(path.toStdString(), sql::Database::Mode::ReadWriteCreate);
        QVERIFY(db->exec("PRAGMA application_id = 1400140385; CREATE TABLE x(y);"));
    } else if (kind == QLatin1String("newer")) {
        path = makeWorkspace("newer.stratus");
        auto db = sql::Database::open(path.toStdString(), sql::Database::Mode::ReadWrite);
        QVERIFY(db->exec("PRAGMA user_version = 99"));
    } else if (kind == QLatin1String("truncated")) {
        path = makeWorkspace("truncated.stratus");
        QFile f(path);
        const qint64 size = f.size();
        QVERIFY(size > 8192);
        QVERIFY(f.resize(size / 2));
    } else if (kind == QLatin1String("corrupted")) {
        path = makeWorkspace("corrupted.stratus");
        QByteArray bytes = stratus::test::readBytes(path);
        // Keep the 100-byte header, overwrite the rest of every page after the first.
        QRandomGenerator rng(7);
        for (qsizetype i = 4096; i < bytes.size(); ++i)
            bytes[i] = char(rng.bounded(256));
        stratus::test::writeBytes(path, bytes);
    } else if (kind == QLatin1String("noise")) {
        QByteArray noise(20 * 1024 * 1024, '\0');
        QRandomGenerator rng(1);
        rng.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        stratus::test::writeBytes(path, noise);
    } else if (kind == QLatin1String("header-noise")) {
        QByteArray noise(1024 * 1024, '\0');
        QRandomGenerator rng(3);
        rng.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        noise.replace(0, 16, QByteArray("SQLite format 3\0", 16));
        stratus::test::writeBytes(path, noise);
    } else if (kind == QLatin1String("folder")) {
        QVERIFY(QDir().mkpath(path));
    }

    const QByteArray before = QFileInfo(path).isDir() ? QByteArray() : fileHash(path);
    for (auto access : {WorkspaceStore::Access::ReadOnly, WorkspaceStore::Access::ReadWrite}) {
        const Status s = openAndLoad(path.toStdString(), access);
        QVERIFY2(!s, qPrintable(kind));
        const QString message = QString::fromStdString(s.message());
        QVERIFY2(message.contains(path), qPrintable(message));
        if (!expected.isEmpty())
            QVERIFY2(message.contains(expected), qPrintable(message));
    }
    if (!before.isEmpty())
        QCOMPARE(fileHash(path), before);

    // Writing into it is refused too, and leaves it as it was.
    auto doc = workspace_json::readFile(stratus::test::exampleFiles().first().toStdString());
    QVERIFY(!WorkspaceStore::writeTo(path.toStdString(), doc->workspace));
    if (!before.isEmpty())
        QCOMPARE(fileHash(path), before);
}

void TestBadInput::missingFileIsNotCreated()
{
    const QString path = m_dir->filePath(QStringLiteral("missing.stratus"));
    for (auto access : {WorkspaceStore::Access::ReadOnly, WorkspaceStore::Access::ReadWrite}) {
        auto store = WorkspaceStore::open(path.toStdString(), access);
        QVERIFY(!store);
        QCOMPARE(int(store.status().code()), int(Status::Code::NotFound));
        QVERIFY(QString::fromStdString(store.status().message()).contains(QStringLiteral("no such file")));
    }
    QVERIFY(!QFile::exists(path));
}

void TestBadInput::failedWriteLeavesTargetAsItWas_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::newRow("edge to a missing node") << "dangling-edge";
    QTest::newRow("test event for a missing node") << "dangling-test-event";
    QTest::newRow("workflow id twice") << "duplicate-workflow";
}

void TestBadInput::failedWriteLeavesTargetAsItWas()
{
    QFETCH(QString, breakage);
    const QString path = makeWorkspace("target.stratus");
    Workspace before;
    {
        auto store = WorkspaceStore::open(path.toStdString(), WorkspaceStore::Access::ReadOnly);
        before = store->load().take();
    }
    const QByteArray hash = fileHash(path);

    // Mostly a different workspace, so that a partial write would show.
    auto other = workspace_json::readFile(stratus::test::exampleFiles().last().toStdString());
    Workspace ws = other->workspace;
    if (breakage == QLatin1String("dangling-edge"))
        ws.workflows[0].addEdge(Edge{EdgeId("x"), {ws.workflows[0].nodes()[0].id, "event"}, {NodeId("ghost"), "in"}});
    else if (breakage == QLatin1String("dangling-test-event"))
        ws.testEvents.push_back(TestEvent{ws.workflows[0].id(), NodeId("ghost"), "lost", Json::object()});
    else
        ws.workflows.push_back(ws.workflows[0]);

    const Status s = WorkspaceStore::writeTo(path.toStdString(), ws);
    QVERIFY(!s);
    QVERIFY2(QString::fromStdString(s.message()).contains(path), s.message().c_str());
    QCOMPARE(fileHash(path), hash);
    auto store = WorkspaceStore::open(path.toStdString(), WorkspaceStore::Access::ReadOnly);
    QVERIFY(*store->load() == before);
}

void TestBadInput::failedCreateLeavesNoFile()
{
    const QString path = m_dir->filePath(QStringLiteral("new.stratus"));
    Workspace ws;
    ws.workflows.emplace_back(WorkflowId("w"), "W");
    ws.workflows[0].addEdge(Edge{EdgeId("e"), {NodeId("a"), "ok"}, {NodeId("b"), "in"}});
    QVERIFY(!WorkspaceStore::writeTo(path.toStdString(), ws));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

QTEST_APPLESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
