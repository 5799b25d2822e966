#include "workspacestore.h"

#include "schema.h"

#include "engine/model/nodekind.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

namespace stratus::engine {

namespace fs = std::filesystem;
using sql::Database;
using sql::Statement;
using sql::Transaction;

namespace {

long long nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string inQuotes(const std::string &path)
{
    return "'" + path + "'";
}

/// Looks at the first bytes before SQLite does: SQLite treats an empty file
/// as an empty database and would happily write a schema into it.
Status checkLooksLikeSqlite(const std::string &path)
{
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        return Status::notFound(inQuotes(path) + ": no such file");
    if (fs::is_directory(st))
        return Status::invalidArgument(inQuotes(path) + " is a folder, not a workspace file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Status::ioError(inQuotes(path) + ": cannot read the file ("
                               + std::strerror(errno) + ")");
    char header[16] = {};
    in.read(header, sizeof header);
    const auto got = in.gcount();
    if (got == 0)
        return Status::corruption(inQuotes(path) + " is empty, not a Stratus workspace");
    if (got < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
        return Status::corruption(inQuotes(path)
                                  + " is not a Stratus workspace: it is not a SQLite database");
    return Status::ok();
}

void removeDatabaseFiles(const std::string &path)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

/// The name of the node's field that holds files (path -> text), or null.
const FieldSpec *filesField(const Node &node)
{
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(node.kind);
    if (!spec)
        return nullptr;
    for (const FieldSpec &f : spec->fields) {
        if (f.type == FieldType::Files)
            return &f;
    }
    return nullptr;
}

Result<Json> parseStored(std::string_view text, const std::string &where)
{
    try {
        return Json::parse(text);
    } catch (const Json::exception &e) {
        return Status::corruption(where + " holds a value that is not JSON (" + e.what() + ")");
    }
}

std::string dumpJson(const Json &value)
{
    // Replace, never throw, on invalid UTF-8: values only come from parsed JSON,
    // so this is a last line of defence.
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
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
        return Status::invalidArgument(inQuotes(path) + " already exists");
    auto db = Database::open(path, Database::Mode::ReadWriteCreate);
    if (!db)
        return db.status().withContext(inQuotes(path));
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
        return s.withContext("cannot create " + inQuotes(path));
    }
    return WorkspaceStore(db.take(), path, Access::ReadWrite, store::kSchemaVersion);
}

Result<WorkspaceStore> WorkspaceStore::open(const std::string &path, Access access)
{
    if (Status s = checkLooksLikeSqlite(path); !s)
        return s;
    auto db = Database::open(path, access == Access::ReadOnly ? Database::Mode::ReadOnly
                                                              : Database::Mode::ReadWrite);
    if (!db)
        return db.status().withContext(inQuotes(path));

    auto appId = db->queryInt("PRAGMA application_id");
    if (!appId)
        return appId.status().withContext(inQuotes(path) + " cannot be read as a workspace");
    if (*appId != store::kApplicationId)
        return Status::corruption(inQuotes(path)
                                  + " is a SQLite database but not a Stratus workspace");
    auto version = db->queryInt("PRAGMA user_version");
    if (!version)
        return version.status().withContext(inQuotes(path));
    const int onDisk = static_cast<int>(*version);
    if (onDisk > store::kSchemaVersion)
        return Status::notSupported(inQuotes(path) + " was written by a newer Stratus (schema version "
                                    + std::to_string(onDisk) + "; this build reads up to "
                                    + std::to_string(store::kSchemaVersion) + ")");
    if (onDisk < 1)
        return Status::corruption(inQuotes(path) + " has no Stratus schema (user_version "
                                  + std::to_string(onDisk) + ")");

    if (access == Access::ReadOnly) {
        if (Status s = db->exec("PRAGMA query_only = 1"); !s)
            return s.withContext(inQuotes(path));
        if (onDisk < store::kSchemaVersion) {
            // Never write to a file opened read-only: migrate a copy in memory.
            auto memory = Database::open(":memory:", Database::Mode::ReadWriteCreate);
            if (!memory)
                return memory.status();
            if (Status s = db->copyTo(*memory); !s)
                return s.withContext(inQuotes(path));
            if (Status s = store::migrate(*memory); !s)
                return s.withContext(inQuotes(path));
            return WorkspaceStore(memory.take(), path, access, onDisk);
        }
        return WorkspaceStore(db.take(), path, access, onDisk);
    }

    if (Status s = db->exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
                            " PRAGMA synchronous = NORMAL;");
        !s)
        return s.withContext(inQuotes(path));
    if (Status s = store::migrate(*db); !s)
        return s.withContext(inQuotes(path));
    return WorkspaceStore(db.take(), path, access, onDisk);
}

Status WorkspaceStore::writeTo(const std::string &path, const Workspace &workspace)
{
    std::error_code ec;
    if (fs::exists(path, ec)) {
        auto store = open(path, Access::ReadWrite);
        if (!store)
            return store.status();
        return store->save(workspace);
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

Result<Workspace> WorkspaceStore::load()
{
    Workspace ws;
    auto fail = [&](const Status &s) { return s.withContext(inQuotes(m_path)); };

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

    auto workflows = m_db.prepare("SELECT id, name FROM workflows ORDER BY ordinal");
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

Status WorkspaceStore::save(const Workspace &workspace)
{
    if (m_access == Access::ReadOnly)
        return Status::invalidArgument(inQuotes(m_path) + " is open read-only");
    auto fail = [&](const Status &s) { return s.withContext("cannot save " + inQuotes(m_path)); };

    Transaction tx(m_db);
    if (!tx.status())
        return fail(tx.status());
    const long long now = nowMs();

    {
        auto stmt = m_db.prepare("INSERT INTO meta(key, value) VALUES ('name', ?1) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!stmt)
            return fail(stmt.status());
        if (Status s = stmt->bind(1, workspace.name).run(); !s)
            return fail(s);
    }
    if (Status s = m_db.exec("DELETE FROM settings; DELETE FROM test_events;"); !s)
        return fail(s);
    {
        auto stmt = m_db.prepare("INSERT INTO settings(key, value, ordinal) VALUES (?1, ?2, ?3)");
        if (!stmt)
            return fail(stmt.status());
        long long ordinal = 0;
        if (workspace.settings.is_object()) {
            for (auto it = workspace.settings.begin(); it != workspace.settings.end(); ++it) {
                if (Status s = stmt->bind(1, it.key()).bind(2, dumpJson(it.value()))
                                   .bind(3, ordinal++).run();
                    !s)
                    return fail(s);
            }
        }
    }

    std::set<std::string> keep;
    for (size_t i = 0; i < workspace.workflows.size(); ++i) {
        const Workflow &workflow = workspace.workflows[i];
        if (!keep.insert(workflow.id().str()).second)
            return fail(Status::invalidArgument("workflow id '" + workflow.id().str()
                                                + "' is used twice"));
        if (Status s = saveWorkflow(workflow, static_cast<long long>(i), now); !s)
            return fail(s.withContext("workflow '" + workflow.id().str() + "'"));
    }
    {
        std::vector<std::string> stale;
        auto stmt = m_db.prepare("SELECT id FROM workflows");
        if (!stmt)
            return fail(stmt.status());
        while (stmt->step()) {
            if (!keep.contains(stmt->text(0)))
                stale.push_back(stmt->text(0));
        }
        auto del = m_db.prepare("DELETE FROM workflows WHERE id = ?1");
        if (!del)
            return fail(del.status());
        for (const std::string &id : stale) {
            if (Status s = del->bind(1, id).run(); !s)
                return fail(s);
        }
    }

    {
        auto stmt = m_db.prepare("INSERT INTO test_events(workflow_id, node_id, name, event, "
                                 "ordinal) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!stmt)
            return fail(stmt.status());
        long long ordinal = 0;
        for (const TestEvent &event : workspace.testEvents) {
            WorkflowId workflow = event.workflow;
            if (!workflow.isValid()) {
                for (const Workflow &w : workspace.workflows) {
                    if (w.findNode(event.node)) {
                        workflow = w.id();
                        break;
                    }
                }
            }
            const Workflow *owner = workspace.findWorkflow(workflow);
            if (!owner || !owner->findNode(event.node))
                return fail(Status::invalidArgument("test event '" + event.name
                                                    + "' is for node '" + event.node.str()
                                                    + "', which does not exist"));
            if (Status s = stmt->bind(1, workflow.str()).bind(2, event.node.str())
                               .bind(3, event.name).bind(4, dumpJson(event.event))
                               .bind(5, ordinal++).run();
                !s)
                return fail(s);
        }
    }
    return fail(tx.commit());
}

namespace {

/// Runs a query bound to one workflow id and calls `row` for each result row.
Status forEachRow(Database &db, std::string_view sql, const std::string &workflowId,
                  const std::function<void(const Statement &)> &row)
{
    auto stmt = db.prepare(sql);
    if (!stmt)
        return stmt.status();
    stmt->bind(1, workflowId);
    while (stmt->step())
        row(*stmt);
    return stmt->status();
}

/// A node's config as stored: a files field is kept as an empty placeholder
/// (its files are rows of their own), so the field keeps its place in the JSON.
std::string storedConfig(const Node &node, const Json **files)
{
    *files = nullptr;
    const FieldSpec *ff = filesField(node);
    if (!ff || !node.config.is_object())
        return dumpJson(node.config);
    auto it = node.config.find(ff->name);
    if (it == node.config.end() || !it->is_object())
        return dumpJson(node.config);
    *files = &*it;
    Json config = Json::object();
    for (auto field = node.config.begin(); field != node.config.end(); ++field)
        config[field.key()] = field.key() == ff->name ? Json::object() : field.value();
    return dumpJson(config);
}

struct StoredNode
{
    std::string kind, name, config;
    bool hasPosition = false;
    Position position;
    long long ordinal = 0;
};

struct StoredText
{
    std::string text;
    long long ordinal = 0;
};

struct StoredEdge
{
    std::string fromNode, fromPort, toNode, toPort;
    long long ordinal = 0;
};

} // namespace

Status WorkspaceStore::saveWorkflow(const Workflow &workflow, long long ordinal, long long now)
{
    const std::string wid = workflow.id().str();
    {
        auto stmt = m_db.prepare("INSERT INTO workflows(id, name, ordinal) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                                 "ordinal = excluded.ordinal "
                                 "WHERE name IS NOT excluded.name OR ordinal IS NOT excluded.ordinal");
        if (!stmt)
            return stmt.status();
        if (Status s = stmt->bind(1, wid).bind(2, workflow.name()).bind(3, ordinal).run(); !s)
            return s;
    }

    // What is stored now, so that only the difference is written: an autosave
    // after one edit touches a few rows, not the whole workflow.
    std::unordered_map<std::string, StoredNode> storedNodes;
    std::map<std::pair<std::string, std::string>, StoredText> storedFiles;
    std::map<std::pair<std::string, std::string>, long long> lastRevision;
    std::unordered_map<std::string, StoredEdge> storedEdges;
    Status s = forEachRow(m_db, "SELECT id, kind, name, config, x, y, ordinal FROM nodes "
                                "WHERE workflow_id = ?1", wid, [&](const Statement &row) {
        const bool hasPosition = !row.isNull(4) && !row.isNull(5);
        storedNodes.emplace(row.text(0),
                            StoredNode{row.text(1), row.text(2), row.text(3), hasPosition,
                                       Position{row.real(4), row.real(5)}, row.integer(6)});
    });
    if (s)
        s = forEachRow(m_db, "SELECT node_id, path, text, ordinal FROM function_files "
                             "WHERE workflow_id = ?1", wid, [&](const Statement &row) {
            storedFiles.emplace(std::make_pair(row.text(0), row.text(1)),
                                StoredText{row.text(2), row.integer(3)});
        });
    if (s)
        s = forEachRow(m_db, "SELECT node_id, path, MAX(revision) FROM file_revisions "
                             "WHERE workflow_id = ?1 GROUP BY node_id, path", wid,
                       [&](const Statement &row) {
            lastRevision.emplace(std::make_pair(row.text(0), row.text(1)), row.integer(2));
        });
    if (s)
        s = forEachRow(m_db, "SELECT id, from_node, from_port, to_node, to_port, ordinal "
                             "FROM edges WHERE workflow_id = ?1", wid, [&](const Statement &row) {
            storedEdges.emplace(row.text(0), StoredEdge{row.text(1), row.text(2), row.text(3),
                                                        row.text(4), row.integer(5)});
        });
    if (!s)
        return s;

    auto upsertNode = m_db.prepare(
        "INSERT INTO nodes(workflow_id, id, kind, name, config, x, y, ordinal) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(workflow_id, id) DO UPDATE SET "
        "kind = excluded.kind, name = excluded.name, config = excluded.config, x = excluded.x, "
        "y = excluded.y, ordinal = excluded.ordinal");
    auto upsertFile = m_db.prepare(
        "INSERT INTO function_files(workflow_id, node_id, path, text, ordinal) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(workflow_id, node_id, path) DO UPDATE SET "
        "text = excluded.text, ordinal = excluded.ordinal");
    auto addRevision = m_db.prepare(
        "INSERT INTO file_revisions(workflow_id, node_id, path, revision, text, saved_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    auto deleteFile = m_db.prepare(
        "DELETE FROM function_files WHERE workflow_id = ?1 AND node_id = ?2 AND path = ?3");
    auto deleteNode = m_db.prepare("DELETE FROM nodes WHERE workflow_id = ?1 AND id = ?2");
    auto upsertEdge = m_db.prepare(
        "INSERT INTO edges(workflow_id, id, from_node, from_port, to_node, to_port, ordinal) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(workflow_id, id) DO UPDATE SET "
        "from_node = excluded.from_node, from_port = excluded.from_port, "
        "to_node = excluded.to_node, to_port = excluded.to_port, ordinal = excluded.ordinal");
    auto deleteEdge = m_db.prepare("DELETE FROM edges WHERE workflow_id = ?1 AND id = ?2");
    for (auto *stmt : {&upsertNode, &upsertFile, &addRevision, &deleteFile, &deleteNode,
                       &upsertEdge, &deleteEdge}) {
        if (!*stmt)
            return stmt->status();
    }

    // Edges first: one that goes away may point at a node that goes away too.
    for (const auto &[id, stored] : storedEdges) {
        if (workflow.findEdge(EdgeId(id)))
            continue;
        if (Status del = deleteEdge->bind(1, wid).bind(2, id).run(); !del)
            return del;
    }
    for (const auto &[id, stored] : storedNodes) {
        if (workflow.findNode(NodeId(id)))
            continue;
        if (Status del = deleteNode->bind(1, wid).bind(2, id).run(); !del)
            return del;
    }

    std::set<std::pair<std::string, std::string>> keptFiles;
    long long nodeOrdinal = 0;
    for (const Node &node : workflow.nodes()) {
        const std::string nid = node.id.str();
        const Json *files = nullptr;
        const std::string config = storedConfig(node, &files);
        const bool hasPosition = workflow.hasPosition(node.id);
        const Position position = workflow.position(node.id);
        const long long thisOrdinal = nodeOrdinal++;
        auto stored = storedNodes.find(nid);
        const bool unchanged = stored != storedNodes.end() && stored->second.kind == node.kind
                               && stored->second.name == node.name
                               && stored->second.config == config
                               && stored->second.hasPosition == hasPosition
                               && (!hasPosition || stored->second.position == position)
                               && stored->second.ordinal == thisOrdinal;
        if (!unchanged) {
            upsertNode->bind(1, wid).bind(2, nid).bind(3, node.kind).bind(4, node.name)
                .bind(5, config).bind(8, thisOrdinal);
            if (hasPosition)
                upsertNode->bind(6, position.x).bind(7, position.y);
            else
                upsertNode->bindNull(6).bindNull(7);
            if (Status up = upsertNode->run(); !up)
                return up.withContext("node '" + nid + "'");
        }

        if (!files)
            continue;
        long long fileOrdinal = 0;
        for (auto it = files->begin(); it != files->end(); ++it) {
            if (!it.value().is_string())
                return Status::invalidArgument("node '" + nid + "': file '" + it.key()
                                               + "' is not text");
            const auto key = std::make_pair(nid, it.key());
            const std::string &text = it.value().get_ref<const std::string &>();
            const long long thisFileOrdinal = fileOrdinal++;
            keptFiles.insert(key);
            auto storedFile = storedFiles.find(key);
            const bool sameText = storedFile != storedFiles.end() && storedFile->second.text == text;
            if (sameText && storedFile->second.ordinal == thisFileOrdinal)
                continue;
            upsertFile->bind(1, wid).bind(2, nid).bind(3, it.key()).bind(4, text)
                .bind(5, thisFileOrdinal);
            if (Status up = upsertFile->run(); !up)
                return up.withContext("node '" + nid + "' file '" + it.key() + "'");
            if (sameText)
                continue;
            auto last = lastRevision.find(key);
            const long long revision = last == lastRevision.end() ? 1 : last->second + 1;
            addRevision->bind(1, wid).bind(2, nid).bind(3, it.key()).bind(4, revision)
                .bind(5, text).bind(6, now);
            if (Status add = addRevision->run(); !add)
                return add.withContext("node '" + nid + "' file '" + it.key() + "'");
        }
    }
    for (const auto &[key, stored] : storedFiles) {
        if (keptFiles.contains(key) || !workflow.findNode(NodeId(key.first)))
            continue; // kept, or gone with its node
        if (Status del = deleteFile->bind(1, wid).bind(2, key.first).bind(3, key.second).run(); !del)
            return del;
    }

    long long edgeOrdinal = 0;
    for (const Edge &edge : workflow.edges()) {
        const long long thisOrdinal = edgeOrdinal++;
        auto stored = storedEdges.find(edge.id.str());
        if (stored != storedEdges.end() && stored->second.fromNode == edge.from.node.str()
            && stored->second.fromPort == edge.from.port
            && stored->second.toNode == edge.to.node.str() && stored->second.toPort == edge.to.port
            && stored->second.ordinal == thisOrdinal)
            continue;
        upsertEdge->bind(1, wid).bind(2, edge.id.str()).bind(3, edge.from.node.str())
            .bind(4, edge.from.port).bind(5, edge.to.node.str()).bind(6, edge.to.port)
            .bind(7, thisOrdinal);
        if (Status up = upsertEdge->run(); !up) {
            if (!workflow.findNode(edge.from.node) || !workflow.findNode(edge.to.node))
                return Status::invalidArgument("edge '" + edge.id.str()
                                               + "' joins a node that does not exist");
            return up.withContext("edge '" + edge.id.str() + "'");
        }
    }
    return Status::ok();
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
        return stmt.status().withContext(inQuotes(m_path));
    std::string problems;
    while (stmt->step()) {
        const std::string line = stmt->text(0);
        if (line != "ok")
            problems += (problems.empty() ? "" : "; ") + line;
    }
    if (!stmt->status())
        return stmt->status().withContext(inQuotes(m_path) + " is damaged");
    if (!problems.empty())
        return Status::corruption(inQuotes(m_path) + " is damaged: " + problems);
    auto fk = m_db.prepare("PRAGMA foreign_key_check");
    if (!fk)
        return fk.status().withContext(inQuotes(m_path));
    if (fk->step())
        return Status::corruption(inQuotes(m_path) + " is damaged: table " + fk->text(0)
                                  + " has a row that refers to a missing " + fk->text(2));
    if (!fk->status())
        return fk->status().withContext(inQuotes(m_path) + " is damaged");
    return Status::ok();
}

} // namespace stratus::engine
