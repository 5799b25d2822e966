#include "historymetrics.h"

#include "engine/model/json.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace stratus::engine::store {

static_assert(std::endian::native == std::endian::little,
              "invocation_metrics blocks are little-endian; add byte swapping for this machine");

namespace {

// One packed sample: start i64, duration i64, cost f64, billed ms i32,
// memory MB u16, function index u16, status u8, cold u8.
constexpr size_t kRecordSize = 34;

template<typename T>
void put(char *&at, T value)
{
    std::memcpy(at, &value, sizeof value);
    at += sizeof value;
}

template<typename T>
T get(const char *&at)
{
    T value;
    std::memcpy(&value, at, sizeof value);
    at += sizeof value;
    return value;
}

InvocationStatus statusFromCode(uint8_t code)
{
    return code <= uint8_t(InvocationStatus::Crashed) ? InvocationStatus(code) : InvocationStatus::Error;
}

/// The block's sources as stored: [[workflow, function], ...].
std::string sourcesJson(const std::vector<MetricSource> &sources)
{
    Json list = Json::array();
    for (const MetricSource &s : sources)
        list.push_back(Json::array({s.workflowId, s.functionName}));
    return list.dump();
}

std::vector<MetricSource> parseSources(std::string_view text)
{
    std::vector<MetricSource> out;
    const Json list = Json::parse(text, nullptr, false);
    if (!list.is_array())
        return out;
    for (const Json &pair : list) {
        const bool ok = pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string();
        out.push_back(ok ? MetricSource{pair[0].get<std::string>(), pair[1].get<std::string>()}
                         : MetricSource{});
    }
    return out;
}

/// Reads the packed record at `at` and moves past it.
MetricSample readRecord(const char *&at, uint16_t &function)
{
    MetricSample s;
    s.startedAtUs = get<int64_t>(at);
    s.durationUs = get<int64_t>(at);
    s.cost = get<double>(at);
    s.billedDurationMs = get<int32_t>(at);
    s.memorySizeMB = get<uint16_t>(at);
    function = get<uint16_t>(at);
    s.status = statusFromCode(get<uint8_t>(at));
    s.coldStart = get<uint8_t>(at) != 0;
    return s;
}

constexpr const char *kSampleColumns =
    "id, workflow_id, function_name, started_at_us, duration_us, billed_duration_ms, memory_size_mb, status, "
    "cold, cost";

MetricSample sampleFrom(const sql::Statement &row)
{
    MetricSample s;
    s.startedAtUs = row.integer(3);
    s.durationUs = row.integer(4);
    s.billedDurationMs = int32_t(row.integer(5));
    s.memorySizeMB = int32_t(row.integer(6));
    s.status = statusFromName(row.text(7));
    s.coldStart = row.integer(8) != 0;
    s.cost = row.real(9);
    return s;
}

/// Adds the invocations with ids in [first, last] to `builder`, in id order.
Status collect(sql::Database &db, int64_t first, int64_t last, MetricBlockBuilder &builder)
{
    auto stmt = db.prepare(std::string("SELECT ") + kSampleColumns
                           + " FROM invocations WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, static_cast<long long>(first)).bind(2, static_cast<long long>(last));
    while (stmt->step())
        builder.add(stmt->integer(0), {stmt->text(1), stmt->text(2)}, sampleFrom(*stmt));
    return stmt->status();
}

} // namespace

uint32_t MetricBlockBuilder::sourceIndex(const MetricSource &source)
{
    // Few distinct functions per block: a linear search beats hashing here.
    for (size_t i = m_sources.size(); i-- > 0;) {
        if (m_sources[i] == source)
            return uint32_t(i);
    }
    m_sources.push_back(source);
    return uint32_t(m_sources.size() - 1);
}

void MetricBlockBuilder::add(int64_t invocationId, const MetricSource &source, const MetricSample &sample)
{
    m_rows.push_back({invocationId, sourceIndex(source), sample});
}

Status MetricBlockBuilder::write(sql::Database &db, bool mergeIntoLast)
{
    std::vector<Row> rows = std::move(m_rows);
    m_rows.clear();
    Status s = rows.empty() ? Status::ok() : writeRows(db, std::move(rows), mergeIntoLast);
    m_sources.clear();
    return s;
}

Status MetricBlockBuilder::writeRows(sql::Database &db, std::vector<Row> rows, bool mergeIntoLast)
{
    if (mergeIntoLast) {
        auto lastBlock = db.cached("SELECT first_id, last_id, count, functions, data "
                                   "FROM invocation_metrics ORDER BY first_id DESC LIMIT 1");
        if (!lastBlock)
            return lastBlock.status();
        sql::Statement &last = **lastBlock;
        if (last.step() && size_t(last.integer(2)) < kMergeBelow
            && size_t(last.integer(2)) + rows.size() <= kMaxBlockRecords) {
            // The old block's rows keep its id range: its first and last id.
            const int64_t firstId = last.integer(0), lastId = last.integer(1);
            const std::vector<MetricSource> sources = parseSources(last.textView(3));
            const std::string_view data = last.blobView(4);
            std::vector<Row> merged;
            merged.reserve(data.size() / kRecordSize + rows.size());
            for (const char *at = data.data(); at + kRecordSize <= data.data() + data.size();) {
                const bool lastRecord = at + 2 * kRecordSize > data.data() + data.size();
                uint16_t function = 0;
                const MetricSample s = readRecord(at, function);
                const MetricSource source = function < sources.size() ? sources[function] : MetricSource{};
                merged.push_back({lastRecord ? lastId : firstId, sourceIndex(source), s});
            }
            last.reset();
            auto drop = db.cached("DELETE FROM invocation_metrics WHERE first_id = ?1");
            if (!drop)
                return drop.status();
            (*drop)->bind(1, static_cast<long long>(firstId));
            if (Status s = (*drop)->run(); !s)
                return s;
            merged.insert(merged.end(), rows.begin(), rows.end());
            rows = std::move(merged);
        }
        last.reset(); // a kept statement must not hold its read open
    }
    for (size_t first = 0; first < rows.size(); first += kMaxBlockRecords) {
        const auto from = rows.begin() + std::ptrdiff_t(first);
        const auto to = rows.begin() + std::ptrdiff_t(std::min(rows.size(), first + kMaxBlockRecords));
        if (Status s = writeBlock(db, std::vector<Row>(from, to)); !s)
            return s;
    }
    return Status::ok();
}

Status MetricBlockBuilder::writeBlock(sql::Database &db, std::vector<Row> rows)
{
    int64_t firstId = rows.front().id, lastId = rows.front().id;
    for (const Row &r : rows) {
        firstId = std::min(firstId, r.id);
        lastId = std::max(lastId, r.id);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.sample.startedAtUs < b.sample.startedAtUs;
    });
    std::string data(rows.size() * kRecordSize, '\0');
    char *at = data.data();
    for (const Row &r : rows) {
        const MetricSample &s = r.sample;
        put<int64_t>(at, s.startedAtUs);
        put<int64_t>(at, s.durationUs);
        put<double>(at, s.cost);
        put<int32_t>(at, s.billedDurationMs);
        put<uint16_t>(at, uint16_t(std::clamp(s.memorySizeMB, 0, 65535)));
        put<uint16_t>(at, uint16_t(r.source));
        put<uint8_t>(at, uint8_t(s.status));
        put<uint8_t>(at, s.coldStart ? 1 : 0);
    }
    auto cachedInsert = db.cached("INSERT INTO invocation_metrics(first_id, last_id, count, "
                                  "first_started_at_us, last_started_at_us, functions, data) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!cachedInsert)
        return cachedInsert.status();
    sql::Statement *insert = *cachedInsert;
    insert->bind(1, static_cast<long long>(firstId)).bind(2, static_cast<long long>(lastId))
        .bind(3, static_cast<long long>(rows.size()))
        .bind(4, static_cast<long long>(rows.front().sample.startedAtUs))
        .bind(5, static_cast<long long>(rows.back().sample.startedAtUs))
        .bind(6, sourcesJson(m_sources)).bindBlob(7, data);
    return insert->run();
}

Status scanMetricBlocks(sql::Database &db, int64_t sinceUs, const std::string &functionName,
                        const std::function<void(const MetricSource &, const MetricSample &)> &sample)
{
    auto stmt = db.prepare("SELECT functions, data FROM invocation_metrics "
                           "WHERE last_started_at_us >= ?1 ORDER BY first_id");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, static_cast<long long>(sinceUs));
    const MetricSource unknown;
    while (stmt->step()) {
        const std::vector<MetricSource> sources = parseSources(stmt->textView(0));
        std::vector<bool> wanted(sources.size(), true);
        if (!functionName.empty()) {
            for (size_t i = 0; i < sources.size(); ++i)
                wanted[i] = sources[i].functionName == functionName;
            if (std::find(wanted.begin(), wanted.end(), true) == wanted.end())
                continue;
        }
        const std::string_view data = stmt->blobView(1);
        const char *end = data.data() + data.size() - data.size() % kRecordSize;
        for (const char *at = data.data(); at < end;) {
            uint16_t function = 0;
            const MetricSample s = readRecord(at, function);
            const bool known = function < sources.size();
            if (s.startedAtUs < sinceUs || (known ? !wanted[function] : !functionName.empty()))
                continue;
            sample(known ? sources[function] : unknown, s);
        }
    }
    return stmt->status();
}

Status rebuildMetricBlocks(sql::Database &db, bool everything)
{
    if (everything) {
        if (Status s = db.exec("DELETE FROM invocation_metrics"); !s)
            return s;
        auto bounds = db.prepare("SELECT MIN(id), MAX(id) FROM invocations");
        if (!bounds)
            return bounds.status();
        if (!bounds->step() || bounds->isNull(0))
            return bounds->status();
        const int64_t lo = bounds->integer(0), hi = bounds->integer(1);
        bounds->reset();
        MetricBlockBuilder builder;
        for (int64_t first = lo; first <= hi; first += int64_t(MetricBlockBuilder::kMaxBlockRecords)) {
            if (Status s = collect(db, first, first + int64_t(MetricBlockBuilder::kMaxBlockRecords) - 1, builder); !s)
                return s;
            if (Status s = builder.write(db, false); !s)
                return s;
        }
        return Status::ok();
    }
    struct Block
    {
        int64_t first, last, count;
    };
    std::vector<Block> blocks;
    {
        auto stmt = db.prepare("SELECT first_id, last_id, count FROM invocation_metrics");
        if (!stmt)
            return stmt.status();
        while (stmt->step())
            blocks.push_back({stmt->integer(0), stmt->integer(1), stmt->integer(2)});
        if (!stmt->status())
            return stmt->status();
    }
    auto count = db.prepare("SELECT COUNT(*) FROM invocations WHERE id BETWEEN ?1 AND ?2");
    auto drop = db.prepare("DELETE FROM invocation_metrics WHERE first_id = ?1");
    if (!count)
        return count.status();
    if (!drop)
        return drop.status();
    MetricBlockBuilder builder;
    for (const Block &b : blocks) {
        count->bind(1, static_cast<long long>(b.first)).bind(2, static_cast<long long>(b.last));
        const long long remaining = count->step() ? count->integer(0) : -1;
        count->reset();
        if (remaining == b.count)
            continue;
        drop->bind(1, static_cast<long long>(b.first));
        if (Status s = drop->run(); !s)
            return s;
        if (remaining > 0) {
            if (Status s = collect(db, b.first, b.last, builder); !s)
                return s;
            if (Status s = builder.write(db, false); !s)
                return s;
        }
    }
    return Status::ok();
}

} // namespace stratus::engine::store
