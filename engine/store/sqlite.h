#pragma once

#include "engine/model/status.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace stratus::engine::sql {

class Statement;

/// The SQLite library's version ("3.40.1"), for About boxes and reports.
std::string libraryVersion();

/// One SQLite connection (RAII over sqlite3*). The only place in Stratus that
/// calls the sqlite3 C API, together with Statement. Not thread-safe: one
/// thread uses a Database at a time.
class Database
{
public:
    enum class Mode {
        ReadWrite,       ///< open an existing file for reading and writing
        ReadWriteCreate, ///< open or create
        /// Open an existing file; never writes to it nor beside it, so a file
        /// in a folder the user cannot write can be read, and no -wal/-shm
        /// files are left behind. When no other connection has the file open
        /// in WAL mode (no -wal file beside it) SQLite opens it `immutable`;
        /// otherwise read-only through the writer's WAL.
        ReadOnly,
    };

    Database();
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens `path` (":memory:" for an in-memory database). The status names the
    /// file and SQLite's reason on failure.
    static Result<Database> open(const std::string &path, Mode mode);

    bool isOpen() const { return m_db != nullptr; }
    /// Opened read-only as `immutable` (see Mode::ReadOnly): without locks.
    bool isImmutable() const { return m_immutable; }
    const std::string &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    /// Runs one or more statements without results.
    Status exec(std::string_view sql);
    /// Prepares one statement.
    Result<Statement> prepare(std::string_view sql);
    /// The statement for `sql`, prepared on first use and kept with the
    /// connection, reset and unbound: for statements a writer runs over and
    /// over, whose parsing would otherwise cost more than the write.
    Result<Statement *> cached(std::string_view sql);

    /// Runs a query that yields a single integer (PRAGMA user_version, COUNT(*)).
    Result<long long> queryInt(std::string_view sql);

    long long lastInsertRowId() const;
    int changes() const;

    /// Copies this database into `target` with SQLite's backup API.
    Status copyTo(Database &target);

    /// The status for the connection's last error, prefixed with `what`.
    Status lastError(std::string_view what) const;

private:
    static int waitForLock(void *, int attempts);

    Database(sqlite3 *db, std::string path);

    struct StatementCache;
    void closeConnection();

    sqlite3 *m_db = nullptr;
    std::string m_path;
    bool m_immutable = false;
    std::unique_ptr<StatementCache> m_cache; // finalized before the connection closes
};

/// A prepared statement. Bind by 1-based index, step, read columns by 0-based index.
class Statement
{
public:
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, long long value);
    Statement &bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
    Statement &bind(int index, double value);
    Statement &bindNull(int index);
    Statement &bindBlob(int index, std::string_view bytes);

    /// Advances. Returns true while there is a row; false when done or on error
    /// (then status() says why).
    bool step();
    /// Steps a statement that returns no rows; returns its status.
    Status run();
    /// Makes the statement ready to bind and step again.
    void reset();

    std::string_view textView(int column) const;
    std::string text(int column) const { return std::string(textView(column)); }
    /// A BLOB column's bytes, valid until the next step().
    std::string_view blobView(int column) const;
    long long integer(int column) const;
    double real(int column) const;
    bool isNull(int column) const;

    const Status &status() const { return m_status; }

private:
    friend class Database;
    Statement(sqlite3_stmt *stmt, sqlite3 *db)
        : m_stmt(stmt)
        , m_db(db)
    {}

    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    Status m_status;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed uncommitted, so an
/// early return or an error leaves the file as it was.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    /// The status of BEGIN; check it before writing.
    const Status &status() const { return m_status; }
    Status commit();

private:
    Database &m_db;
    Status m_status;
    bool m_active = false;
};

} // namespace stratus::engine::sql
