#pragma once

#include "sqlite.h"

#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <map>
#include <string>
#include <vector>

namespace stratus::engine {

/// One saved version of a function file.
struct FileRevision
{
    int revision = 0;
    std::string text;
    long long savedAtMs = 0; ///< milliseconds since the Unix epoch
};

/// The workspace file: one SQLite database per workspace, used as an
/// application file format (WAL, foreign keys, user_version migrations; see
/// docs/workspace-file.md). The only class that knows its tables.
///
/// Every method that changes the file does it in one transaction: it either
/// happens whole or not at all. Not thread-safe; use one store per thread.
class WorkspaceStore
{
public:
    enum class Access {
        ReadWrite, ///< migrates an older file in place
        ReadOnly,  ///< never writes to the file; an older file is migrated in memory
    };

    /// Creates a new, empty workspace file (schema only). Fails if `path`
    /// exists; removes what it wrote if a step fails.
    static Result<WorkspaceStore> create(const std::string &path);

    /// Opens an existing workspace file. Fails, leaving the file untouched, when
    /// it does not exist, is not SQLite, is not a Stratus workspace, or was
    /// written by a newer Stratus.
    static Result<WorkspaceStore> open(const std::string &path, Access access);

    /// What becomes of the run history when a design is written over another.
    enum class RunHistory {
        Keep,  ///< the same workspace saved again (the studio)
        Clear, ///< another design replaces it (import --force): the old runs describe functions that may be gone
    };

    /// Writes `workspace` into the file at `path`, creating it if absent, or
    /// replacing the design of the workspace there (its file revision history
    /// is kept). On any failure the file is as it was (or absent, if it was).
    static Status writeTo(const std::string &path, const Workspace &workspace,
                          RunHistory history = RunHistory::Keep);
    /// Writes `workspace` into a new file at `path`, which must not exist:
    /// made beside it and renamed into place, so that a write stopped half
    /// way (an interrupted import of a large template) leaves nothing at `path`.
    static Status writeNew(const std::string &path, const Workspace &workspace);

    WorkspaceStore(WorkspaceStore &&) noexcept = default;
    WorkspaceStore &operator=(WorkspaceStore &&) noexcept = default;

    const std::string &path() const { return m_path; }
    bool isReadOnly() const { return m_access == Access::ReadOnly; }

    /// Reads the whole design. Fails with Corruption when a stored value
    /// cannot be read (damaged file), naming the table and row.
    Result<Workspace> load();

    /// Makes the file hold exactly `workspace`: rows that changed are
    /// updated, rows that went away deleted, and a function file whose text
    /// changed gets a new revision. One transaction.
    Status save(const Workspace &workspace, RunHistory history = RunHistory::Keep);

    /// Every saved revision of one function file, oldest first.
    Result<std::vector<FileRevision>> fileRevisions(const WorkflowId &workflow,
                                                    const NodeId &node,
                                                    const std::string &path);

    /// SQLite's quick_check plus a foreign key check; ok when the file is sound.
    Status checkIntegrity();
    /// Grows with every save of the design (workflows, settings, test
    /// events), never with run history: a cheap "did the design change" poll.
    Result<long long> designGeneration();

    /// The schema version of the file as it was on disk when opened.
    int schemaVersionOnDisk() const { return m_versionOnDisk; }

    /// The connection, for the other parts of engine/store (run history).
    sql::Database &database() { return m_db; }

private:
    WorkspaceStore(sql::Database db, std::string path, Access access, int versionOnDisk);
    Status saveWorkflow(const Workflow &workflow, long long ordinal, long long nowMs);
    Result<Workspace> loadDesign();

    sql::Database m_db;
    std::string m_path;
    std::map<std::string, Json> m_savedOrigins; // workflow id → the origin this store last wrote
    Access m_access = Access::ReadOnly;
    int m_versionOnDisk = 0;
};

} // namespace stratus::engine
