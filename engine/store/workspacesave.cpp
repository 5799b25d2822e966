// WorkspaceStore::save: makes the file hold a workspace, writing only what
// changed. (Opening, loading and the rest are in workspacestore.cpp.)

#include "workspacestore.h"

#include "storedetail.h"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace stratus::engine {

using sql::Database;
using sql::Statement;
using sql::Transaction;
using namespace store_detail;

Status WorkspaceStore::save(const Workspace &workspace, RunHistory history)
{
    if (m_access == Access::ReadOnly)
        return Status::invalidArgument(quote(m_path) + " is open read-only");
    auto fail = [&](const Status &s) {
        m_savedOrigins.clear(); // rolled back: what was written is not known any more
        return s.withContext("cannot save " + quote(m_path));
    };

    Transaction tx(m_db);
    if (!tx.status())
        return fail(tx.status());
    const long long now = nowMs();
    if (history == RunHistory::Clear) {
        if (Status s = m_db.exec("DELETE FROM invocation_metrics; DELETE FROM invocations; DELETE FROM runs;"); !s)
            return fail(s);
    }

    // A running engine polls this to reload the design (never the history).
    if (Status s = m_db.exec("INSERT INTO meta(key, value) VALUES ('design_generation', '1') "
                             "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
        !s)
        return fail(s);
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
    // The origin (megabytes for a large template) is written when it changed since this store last wrote it.
    if (auto saved = m_savedOrigins.find(wid); saved == m_savedOrigins.end() || saved->second != workflow.origin()) {
        auto stmt = workflow.origin().is_null()
                        ? m_db.prepare("DELETE FROM workflow_origins WHERE workflow_id = ?1")
                        : m_db.prepare("INSERT INTO workflow_origins(workflow_id, origin) VALUES (?1, ?2) "
                                       "ON CONFLICT(workflow_id) DO UPDATE SET origin = excluded.origin");
        if (!stmt)
            return stmt.status();
        stmt->bind(1, wid);
        if (!workflow.origin().is_null())
            stmt->bind(2, workflow.origin().dump());
        if (Status s = stmt->run(); !s)
            return s;
        m_savedOrigins[wid] = workflow.origin();
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

} // namespace stratus::engine
