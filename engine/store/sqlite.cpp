#include "sqlite.h"

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include "engine/model/text.h"

#include <filesystem>
#include <unordered_map>
#include <utility>

namespace stratus::engine::sql {

std::string libraryVersion()
{
    return sqlite3_libversion();
}


namespace fs = std::filesystem;

namespace {

Status statusFor(int rc, sqlite3 *db, std::string_view what)
{
    // SQLite's text may quote bytes of a damaged file: make it printable.
    const std::string reason = printable(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const std::string message = std::string(what) + ": " + reason;
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Status::corruption("the file is damaged (SQLite: " + reason + ")");
    case SQLITE_CANTOPEN:
    case SQLITE_NOTFOUND:
        return Status::notFound(message);
    default:
        return Status::ioError(message);
    }
}

/// A URI filename for `path` (https://www.sqlite.org/uri.html): every byte
/// but the unreserved ones and '/' percent-encoded, so '?', '#' and '%' in a
/// name stay part of the name.
std::string uriPath(const std::string &path)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                                || c == '/' || c == '.' || c == '-' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

/// How a read-only open names the file. With no -wal beside it, no
/// connection has the file open in WAL mode, and its content is all in the
/// main file: `immutable` reads it without creating -shm (which a folder we
/// cannot write would refuse, and which would be left behind owned by us).
/// With a -wal, the committed changes in it must be read too, through the
/// -shm that the writer keeps.
struct ReadOnlyName
{
    std::string uri;
    bool immutable = false;
};

ReadOnlyName readOnlyName(const std::string &path)
{
    std::error_code ec;
    fs::path real = fs::canonical(path, ec);
    if (ec)
        real = path;
    const bool walInUse = fs::exists(real.string() + "-wal", ec);
    return {"file:" + uriPath(real.string()) + (walInUse ? "?mode=ro" : "?immutable=1"), !walInUse};
}

} // namespace

struct Database::StatementCache
{
    // Looked up by the caller's string_view: no string is built per use.
    struct TextHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> statements;
};

Database::Database() = default;

Database::Database(sqlite3 *db, std::string path)
    : m_db(db)
    , m_path(std::move(path))
{}

Database::~Database()
{
    closeConnection();
}

void Database::closeConnection()
{
    m_cache.reset();
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_immutable(other.m_immutable)
    , m_cache(std::move(other.m_cache))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        closeConnection();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_immutable = other.m_immutable;
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Result<Database> Database::open(const std::string &path, Mode mode)
{
    // Memory statistics take a global mutex on every allocation; nothing here
    // reads them. Must come before SQLite initialises, hence once, first.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI; break;
    }
    const ReadOnlyName readOnly = mode == Mode::ReadOnly && path != ":memory:" ? readOnlyName(path) : ReadOnlyName{path};
    const std::string &name = readOnly.uri;
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Status s = statusFor(rc, db, "cannot open");
        sqlite3_close_v2(db);
        return s;
    }
    sqlite3_extended_result_codes(db, 1);
    // Another connection (the studio and a CLI on one file, the run recorder
    // and a queue) may hold the write lock for a moment; wait rather than fail.
    sqlite3_busy_handler(db, waitForLock, nullptr);
    Database opened(db, path);
    opened.m_immutable = readOnly.immutable;
    return opened;
}

int Database::waitForLock(void *, int attempts)
{
    // About 5 s in all, as sqlite3_busy_timeout(5000) would; but in short
    // steps: a writer here holds the lock for microseconds, and the default
    // handler's first sleeps (1, 2, 5, 10 ms...) made a queue poller wait
    // milliseconds for each commit of the run recorder.
    constexpr int kShortSteps = 200;  // 200 x 25 us
    constexpr int kLongSteps = 24950; // x 200 us
    if (attempts >= kShortSteps + kLongSteps)
        return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(attempts < kShortSteps ? 25 : 200));
    return 1;
}

Status Database::exec(std::string_view sql)
{
    char *error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string reason = printable(error ? error : sqlite3_errstr(rc));
        sqlite3_free(error);
        Status s = statusFor(rc, nullptr, "");
        // A damaged file says so in the same words wherever it is found.
        return s.code() == Status::Code::Corruption ? s : Status::error(s.code(), reason);
    }
    return Status::ok();
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return statusFor(rc, m_db, "cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
    return Statement(stmt, m_db);
}

Result<Statement *> Database::cached(std::string_view sql)
{
    if (!m_cache)
        m_cache = std::make_unique<StatementCache>();
    auto found = m_cache->statements.find(sql);
    if (found == m_cache->statements.end()) {
        auto prepared = prepare(sql);
        if (!prepared)
            return prepared.status();
        found = m_cache->statements.emplace(std::string(sql), prepared.take()).first;
    } else {
        found->second.reset();
    }
    return &found->second;
}

Result<long long> Database::queryInt(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.status();
    if (!stmt->step())
        return stmt->status().isOk() ? Status::notFound("no row for '" + std::string(sql) + "'")
                                     : stmt->status();
    return stmt->integer(0);
}

long long Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Status Database::copyTo(Database &target)
{
    sqlite3_backup *backup = sqlite3_backup_init(target.m_db, "main", m_db, "main");
    if (!backup)
        return statusFor(sqlite3_errcode(target.m_db), target.m_db, "cannot copy");
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return statusFor(rc, nullptr, "cannot copy");
    return Status::ok();
}

Status Database::lastError(std::string_view what) const
{
    return statusFor(sqlite3_errcode(m_db), m_db, what);
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(other.m_db)
    , m_status(std::move(other.m_status))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_status = std::move(other.m_status);
    }
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement &Statement::bind(int index, long long value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        m_status = Status::ok();
    else
        m_status = statusFor(rc, m_db, "query failed");
    return false;
}

Status Statement::run()
{
    while (step()) {
    }
    Status s = m_status;
    reset();
    return s;
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string_view Statement::textView(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? std::string_view(data, static_cast<size_t>(size)) : std::string_view();
}

std::string_view Statement::blobView(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? std::string_view(data, static_cast<size_t>(size)) : std::string_view();
}

long long Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    m_status = m_db.exec("BEGIN IMMEDIATE");
    m_active = m_status.isOk();
}

Transaction::~Transaction()
{
    if (m_active)
        m_db.exec("ROLLBACK");
}

Status Transaction::commit()
{
    if (!m_active)
        return m_status.isOk() ? Status::ioError("transaction is not active") : m_status;
    Status s = m_db.exec("COMMIT");
    if (s)
        m_active = false;
    return s;
}

} // namespace stratus::engine::sql
