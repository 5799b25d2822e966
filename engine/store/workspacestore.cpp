#include "workspacestore.h"

#include "schema.h"
#include "storedetail.h"

#include "engine/model/nodekind.h"
#include "engine/model/text.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include <unistd.h>

namespace stratus::engine {

namespace fs = std::filesystem;
using sql::Database;
using sql::Statement;
using sql::Transaction;
using namespace store_detail;

namespace {

/// Looks at the file before SQLite does: SQLite treats an empty file as an
/// empty database and would happily write a schema into it. Only stat(): a
/// process that opens and closes the file itself loses every POSIX lock its
/// SQLite connections hold on it (then another process, thinking itself the
/// last user, deletes the WAL under them: https://www.sqlite.org/howtocorrupt.html
/// section 2.2). The content is judged by SQLite's first read (SQLITE_NOTADB).
Status notSqliteDatabase(const std::string &path)
{
    return Status::corruption(quote(path) + " is not a Stratus workspace: it is not a SQLite database");
}

Status checkLooksLikeSqlite(const std::string &path)
{
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        return Status::notFound(quote(path) + ": no such file");
    if (fs::is_directory(st))
        return Status::invalidArgument(quote(path) + " is a folder, not a workspace file");
    const auto size = fs::file_size(path, ec);
    if (ec)
        return Status::ioError(quote(path) + ": cannot read the file (" + ec.message() + ")");
    if (size == 0)
        return Status::corruption(quote(path) + " is empty, not a Stratus workspace");
    // The smallest SQLite database is one page, at least 512 bytes.
    if (size < 512)
        return notSqliteDatabase(path);
    if (::access(path.c_str(), R_OK) != 0)
        return Status::ioError(quote(path) + ": cannot read the file (" + std::strerror(errno) + ")");
    return Status::ok();
}

/// Why the workspace at `path` cannot be changed by this user, in their
/// terms, before SQLite says "attempt to write a readonly database" (and
/// before it leaves a -wal and -shm beside a file it then cannot write).
Status checkWritable(const std::string &path)
{
    if (::access(path.c_str(), W_OK) != 0)
        return Status::ioError(quote(path) + " is read-only for you (" + std::strerror(errno)
                               + "); it can be read, not changed");
    std::error_code ec;
    const fs::path real = fs::canonical(path, ec);
    const fs::path folder = (ec ? fs::path(path) : real).parent_path();
    const bool walThere = fs::exists((ec ? fs::path(path) : real).string() + "-wal", ec);
    if (!walThere && ::access(folder.empty() ? "." : folder.c_str(), W_OK) != 0)
        return Status::ioError(quote(path) + " cannot be changed here: SQLite writes its journal (-wal, -shm) "
                               "beside it, and its folder " + quote(folder.string()) + " is not writable ("
                               + std::strerror(errno) + ")");
    return Status::ok();
}

std::string replacedAll(std::string text, const std::string &from, const std::string &to)
{
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

void removeDatabaseFiles(const std::string &path)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

Result<Json> parseStored(std::string_view text, const std::string &where)
{
    try {
        return Json::parse(text);
    } catch (const Json::exception &e) {
        return Status::corruption(where + " holds a value that is not JSON (" + e.what() + ")");
    }
}

} // namespace

WorkspaceStore::WorkspaceStore(Database db, std::string path, Access access, int versionOnDisk)
    : m_db(std::move(db))
    , m_path(std::move(path))
    , m_access(access)
    , m_versionOnDisk(versionOnDisk)
{}

Result<WorkspaceStore> WorkspaceStore::create(const std::string &path)
{
    std::error_code ec;
    if (fs::exists(path, ec))
        return Status::invalidArgument(quote(path) + " already exists");
    auto db = Database::open(path, Database::Mode::ReadWriteCreate);
    if (!db)
        return db.status().withContext(quote(path));
    // auto_vacuum must be chosen before the first table exists: incremental,
    // so that pruning the run history can give the space back.
    Status s = db->exec("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA application_id = "
                        + std::to_string(store::kApplicationId)
                        + "; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                          " PRAGMA foreign_keys = ON;");
    if (s)
        s = store::migrate(*db);
    if (s) {
        auto stmt = db->prepare("INSERT INTO meta(key, value) VALUES ('created_at_ms', ?1)");
        s = stmt ? stmt->bind(1, std::to_string(nowMs())).run() : stmt.status();
    }
    if (!s) {
        { Database closing = db.take(); } // close before removing
        removeDatabaseFiles(path);
        return s.withContext("cannot create " + quote(path));
    }
    return WorkspaceStore(db.take(), path, Access::ReadWrite, store::kSchemaVersion);
}

Result<WorkspaceStore> WorkspaceStore::open(const std::string &path, Access access)
{
    if (Status s = checkLooksLikeSqlite(path); !s)
        return s;
    if (access == Access::ReadWrite) {
        if (Status s = checkWritable(path); !s)
            return s;
    }
    auto db = Database::open(path, access == Access::ReadOnly ? Database::Mode::ReadOnly
                                                              : Database::Mode::ReadWrite);
    if (!db)
        return db.status().withContext(quote(path));

    auto appId = db->queryInt("PRAGMA application_id");
    std::error_code ec;
    if (!appId && access == Access::ReadOnly && !db->isImmutable() && fs::exists(path + "-wal", ec)
        && appId.status().code() != Status::Code::Corruption)
        return Status::ioError(quote(path) + " has changes in its -wal file that can only be read where SQLite may "
                               "create " + quote(path + "-shm") + " (" + appId.status().message()
                               + "); open it once with write access to its folder, or ask its owner to");
    if (!appId && appId.status().message().find("not a database") != std::string::npos)
        return notSqliteDatabase(path);
    if (!appId)
        return appId.status().withContext(quote(path) + " cannot be read as a workspace");
    if (*appId != store::kApplicationId)
        return Status::corruption(quote(path)
                                  + " is a SQLite database but not a Stratus workspace");
    auto version = db->queryInt("PRAGMA user_version");
    if (!version)
        return version.status().withContext(quote(path));
    const int onDisk = static_cast<int>(*version);
    if (onDisk > store::kSchemaVersion)
        return Status::notSupported(quote(path) + " was written by a newer Stratus (schema version "
                                    + std::to_string(onDisk) + "; this build reads up to "
                                    + std::to_string(store::kSchemaVersion) + ")");
    if (onDisk < 1)
        return Status::corruption(quote(path) + " has no Stratus schema (user_version "
                                  + std::to_string(onDisk) + ")");

    if (access == Access::ReadOnly) {
        if (Status s = db->exec("PRAGMA query_only = 1"); !s)
            return s.withContext(quote(path));
        if (onDisk < store::kSchemaVersion) {
            // Never write to a file opened read-only: migrate a copy in memory.
            auto memory = Database::open(":memory:", Database::Mode::ReadWriteCreate);
            if (!memory)
                return memory.status();
            if (Status s = db->copyTo(*memory); !s)
                return s.withContext(quote(path));
            if (Status s = store::migrate(*memory); !s)
                return s.withContext(quote(path));
            return WorkspaceStore(memory.take(), path, access, onDisk);
        }
        return WorkspaceStore(db.take(), path, access, onDisk);
    }

    if (Status s = db->exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                            " PRAGMA synchronous = NORMAL;");
        !s)
        return s.withContext(quote(path));
    if (Status s = store::migrate(*db); !s)
        return s.withContext(quote(path));
    return WorkspaceStore(db.take(), path, access, onDisk);
}

Status WorkspaceStore::writeTo(const std::string &path, const Workspace &workspace, RunHistory history)
{
    std::error_code ec;
    if (fs::exists(path, ec)) {
        auto store = open(path, Access::ReadWrite);
        if (!store)
            return store.status();
        return store->save(workspace, history);
    }
    auto store = create(path);
    if (!store)
        return store.status();
    Status s = store->save(workspace);
    if (!s) {
        { WorkspaceStore closing = store.take(); } // close before removing
        removeDatabaseFiles(path);
    }
    return s;
}

Status WorkspaceStore::writeNew(const std::string &path, const Workspace &workspace)
{
    std::error_code ec;
    // Made beside it and renamed into place once closed (its WAL checkpointed
    // away): an interrupted write never leaves a half-made workspace at `path`.
    const std::string temporary = path + ".writing-" + std::to_string(::getpid());
    removeDatabaseFiles(temporary);
    {
        auto store = create(temporary);
        if (!store)
            return Status::error(store.status().code(), replacedAll(store.status().message(), temporary, path));
        Status s = store->save(workspace);
        if (!s) {
            { WorkspaceStore closing = store.take(); } // close before removing
            removeDatabaseFiles(temporary);
            return s;
        }
    }
    fs::rename(temporary, path, ec);
    if (ec) {
        removeDatabaseFiles(temporary);
        return Status::ioError("cannot create " + quote(path) + ": " + ec.message());
    }
    return Status::ok();
}

Result<Workspace> WorkspaceStore::load()
{
    Result<Workspace> loaded = loadDesign();
    // An immutable read takes no locks (sqlite.h): a writer that started
    // meanwhile (a -wal appeared) and checkpointed can make the file look
    // damaged for a moment. Read again through the writer's WAL, as any
    // reader would, before calling the file damaged.
    std::error_code ec;
    if (!loaded && loaded.status().code() == Status::Code::Corruption && m_db.isImmutable()
        && fs::exists(m_path + "-wal", ec)) {
        auto again = Database::open(m_path, Database::Mode::ReadOnly);
        if (again && !again->isImmutable() && again->exec("PRAGMA query_only = 1")) {
            m_db = again.take();
            loaded = loadDesign();
        }
    }
    return loaded;
}

Result<Workspace> WorkspaceStore::loadDesign()
{
    Workspace ws;
    auto fail = [&](const Status &s) { return s.withContext(quote(m_path)); };

    // A read transaction, so that a writer in another process cannot show us
    // half of its change.
    if (Status s = m_db.exec("BEGIN"); !s)
        return fail(s);
    struct EndRead
    {
        Database &db;
        ~EndRead() { db.exec("COMMIT"); }
    } endRead{m_db};

    {
        auto stmt = m_db.prepare("SELECT value FROM meta WHERE key = 'name'");
        if (!stmt)
            return fail(stmt.status());
        if (stmt->step())
            ws.name = stmt->text(0);
        else if (!stmt->status())
            return fail(stmt->status());
    }
    {
        auto stmt = m_db.prepare("SELECT key, value FROM settings ORDER BY ordinal");
        if (!stmt)
            return fail(stmt.status());
        while (stmt->step()) {
            const std::string key = stmt->text(0);
            auto value = parseStored(stmt->textView(1), "setting '" + key + "'");
            if (!value)
                return fail(value.status());
            ws.settings[key] = value.take();
        }
        if (!stmt->status())
            return fail(stmt->status());
    }

    auto workflows = m_db.prepare("SELECT w.id, w.name, o.origin FROM workflows w "
                                  "LEFT JOIN workflow_origins o ON o.workflow_id = w.id ORDER BY w.ordinal");
    auto nodes = m_db.prepare("SELECT id, kind, name, config, x, y FROM nodes "
                              "WHERE workflow_id = ?1 ORDER BY ordinal");
    auto files = m_db.prepare("SELECT node_id, path, text FROM function_files "
                              "WHERE workflow_id = ?1 ORDER BY node_id, ordinal");
    auto edges = m_db.prepare("SELECT id, from_node, from_port, to_node, to_port FROM edges "
                              "WHERE workflow_id = ?1 ORDER BY ordinal");
    for (auto *stmt : {&workflows, &nodes, &files, &edges}) {
        if (!*stmt)
            return fail(stmt->status());
    }
    while (workflows->step()) {
        Workflow workflow(WorkflowId(workflows->text(0)), workflows->text(1));
        const std::string wid = workflow.id().str();
        if (!workflows->isNull(2)) {
            auto origin = parseStored(workflows->textView(2), "the origin of workflow '" + wid + "'");
            if (!origin)
                return fail(origin.status());
            workflow.setOrigin(origin.take());
        }

        std::map<std::string, Json> filesByNode;
        files->bind(1, wid);
        while (files->step()) {
            Json &map = filesByNode[files->text(0)];
            if (map.is_null())
                map = Json::object();
            map[files->text(1)] = files->text(2);
        }
        if (!files->status())
            return fail(files->status());
        files->reset();

        nodes->bind(1, wid);
        while (nodes->step()) {
            Node node;
            node.id = NodeId(nodes->text(0));
            node.kind = nodes->text(1);
            node.name = nodes->text(2);
            auto config = parseStored(nodes->textView(3), "node '" + node.id.str()
                                                              + "' of workflow '" + wid + "'");
            if (!config)
                return fail(config.status());
            node.config = config.take();
            if (const FieldSpec *f = filesField(node); f && node.config.is_object()) {
                auto stored = filesByNode.find(node.id.str());
                if (stored != filesByNode.end())
                    node.config[f->name] = std::move(stored->second);
            }
            std::optional<Position> position;
            if (!nodes->isNull(4) && !nodes->isNull(5))
                position = Position{nodes->real(4), nodes->real(5)};
            const NodeId id = node.id;
            if (!workflow.addNode(std::move(node), position))
                return fail(Status::corruption("node '" + id.str() + "' is stored twice"));
        }
        if (!nodes->status())
            return fail(nodes->status());
        nodes->reset();

        edges->bind(1, wid);
        while (edges->step()) {
            Edge edge{EdgeId(edges->text(0)),
                      {NodeId(edges->text(1)), edges->text(2)},
                      {NodeId(edges->text(3)), edges->text(4)}};
            workflow.addEdge(std::move(edge));
        }
        if (!edges->status())
            return fail(edges->status());
        edges->reset();
        ws.workflows.push_back(std::move(workflow));
    }
    if (!workflows->status())
        return fail(workflows->status());

    auto events = m_db.prepare("SELECT workflow_id, node_id, name, event FROM test_events "
                               "ORDER BY ordinal");
    if (!events)
        return fail(events.status());
    while (events->step()) {
        TestEvent event;
        event.workflow = WorkflowId(events->text(0));
        event.node = NodeId(events->text(1));
        event.name = events->text(2);
        auto json = parseStored(events->textView(3), "test event '" + event.name + "'");
        if (!json)
            return fail(json.status());
        event.event = json.take();
        ws.testEvents.push_back(std::move(event));
    }
    if (!events->status())
        return fail(events->status());
    return ws;
}

Result<std::vector<FileRevision>> WorkspaceStore::fileRevisions(const WorkflowId &workflow,
                                                                const NodeId &node,
                                                                const std::string &path)
{
    auto stmt = m_db.prepare("SELECT revision, text, saved_at_ms FROM file_revisions "
                             "WHERE workflow_id = ?1 AND node_id = ?2 AND path = ?3 "
                             "ORDER BY revision");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, workflow.str()).bind(2, node.str()).bind(3, path);
    std::vector<FileRevision> revisions;
    while (stmt->step())
        revisions.push_back({static_cast<int>(stmt->integer(0)), stmt->text(1), stmt->integer(2)});
    if (!stmt->status())
        return stmt->status();
    return revisions;
}

Status WorkspaceStore::checkIntegrity()
{
    auto stmt = m_db.prepare("PRAGMA quick_check");
    if (!stmt)
        return stmt.status().withContext(quote(m_path));
    std::string problems;
    int count = 0;
    while (stmt->step()) {
        const std::string line = stmt->text(0);
        if (line == "ok" || ++count > 3)
            continue;
        // One problem may span lines ("*** in database main ***\nOn tree page 5 ...").
        std::string flat = line;
        for (size_t nl = flat.find('\n'); nl != std::string::npos; nl = flat.find('\n', nl))
            flat.replace(nl, 1, " ");
        problems += (problems.empty() ? "" : "; ") + printable(flat);
    }
    if (count > 3)
        problems += "; and " + std::to_string(count - 3) + " more";
    if (!stmt->status())
        return stmt->status().withContext(quote(m_path));
    if (!problems.empty())
        return Status::corruption(quote(m_path) + " is damaged: " + problems);
    auto fk = m_db.prepare("PRAGMA foreign_key_check");
    if (!fk)
        return fk.status().withContext(quote(m_path));
    if (fk->step())
        return Status::corruption(quote(m_path) + " is damaged: table " + fk->text(0)
                                  + " has a row that refers to a missing " + fk->text(2));
    if (!fk->status())
        return fk->status().withContext(quote(m_path));
    return Status::ok();
}

} // namespace stratus::engine

namespace stratus::engine {

Result<long long> WorkspaceStore::designGeneration()
{
    auto stmt = m_db.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'design_generation'");
    if (!stmt)
        return stmt.status();
    if (stmt->step())
        return stmt->integer(0);
    if (!stmt->status())
        return stmt->status();
    return 0LL;
}

} // namespace stratus::engine
