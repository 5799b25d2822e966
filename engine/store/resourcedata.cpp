#include "resourcedata.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/text.h"

#include <map>

namespace stratus::engine {

using sql::Statement;
using sql::Transaction;

namespace {

QueueMessageRow messageRow(Statement &stmt)
{
    // Columns: id, message_id, body, attributes, sent_at_ms, first_received_ms, receive_count, run_id
    QueueMessageRow m;
    m.id = stmt.integer(0);
    m.messageId = stmt.text(1);
    m.body = stmt.text(2);
    auto attributes = parseJson(stmt.text(3));
    m.attributes = attributes && attributes->is_object() ? attributes.take() : Json::object();
    m.sentAtMs = stmt.integer(4);
    m.firstReceivedMs = stmt.integer(5);
    m.receiveCount = int(stmt.integer(6));
    if (!stmt.isNull(7))
        m.runId = stmt.text(7);
    return m;
}

// A macro so that statements are single literals (GCC 12 warns wrongly about
// std::string concatenations here: -Warray-bounds, a known false positive).
#define STRATUS_MESSAGE_COLUMNS "id, message_id, body, attributes, sent_at_ms, first_received_ms, receive_count, run_id"


Json parsedOrNull(Statement &stmt, int column)
{
    if (stmt.isNull(column))
        return nullptr;
    auto parsed = parseJson(stmt.text(column));
    return parsed ? parsed.take() : Json();
}

} // namespace

Result<ResourceData> ResourceData::open(const std::string &path, Access access)
{
    const bool readOnly = access == Access::ReadOnly;
    auto db = sql::Database::open(path, readOnly ? sql::Database::Mode::ReadOnly : sql::Database::Mode::ReadWrite);
    if (!db)
        return db.status();
    // NORMAL in WAL mode: a commit survives the process being killed (it is in
    // the WAL file); only a power cut may lose the last ones.
    if (Status s = readOnly ? Status::ok() : db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"); !s)
        return s;
    auto tables = db->queryInt("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'queue_messages'");
    if (!tables || *tables == 0)
        return Status::notSupported(quote(path) + " has no queue and table storage (open it with a current Stratus first)");
    return ResourceData(db.take());
}

Result<std::string> ResourceData::sendMessage(const std::string &queue, const std::string &body, int64_t nowMs,
                                              const Json &attributes, const std::string &runId)
{
    auto cached = m_db.cached("INSERT INTO queue_messages(queue, message_id, body, attributes, sent_at_ms, "
                              "visible_at_ms, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)");
    if (!cached)
        return cached.status();
    Statement &stmt = **cached;
    const std::string id = newRequestId();
    stmt.bind(1, queue).bind(2, id).bind(3, body).bind(4, attributes.dump()).bind(5, static_cast<long long>(nowMs));
    if (runId.empty())
        stmt.bindNull(6);
    else
        stmt.bind(6, runId);
    if (Status s = stmt.run(); !s)
        return s;
    return id;
}

Result<std::vector<QueueMessageRow>> ResourceData::receive(const std::string &queue, int max, int64_t nowMs,
                                                           int64_t visibilityMs, int maxReceiveCount,
                                                           std::vector<QueueMessageRow> *movedToDead)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    // Past the last row read: a message taken with a visibility of 0 is
    // visible again at once, and must not be taken twice by one receive.
    auto select = m_db.prepare("SELECT " STRATUS_MESSAGE_COLUMNS
                               " FROM queue_messages WHERE queue = ?1 AND dead = 0 AND visible_at_ms <= ?2 "
                               "AND id > ?4 ORDER BY id LIMIT ?3");
    auto take = m_db.prepare("UPDATE queue_messages SET receive_count = receive_count + 1, visible_at_ms = ?2, "
                             "first_received_ms = CASE WHEN first_received_ms = 0 THEN ?3 ELSE first_received_ms END "
                             "WHERE id = ?1");
    auto kill = m_db.prepare("UPDATE queue_messages SET dead = 1 WHERE id = ?1");
    for (auto *s : {&select, &take, &kill}) {
        if (!*s)
            return s->status();
    }
    std::vector<QueueMessageRow> out;
    std::vector<QueueMessageRow> dead;
    long long lastRead = 0;
    // Dead messages do not count against the batch: read again until it is full or the queue is empty.
    while (int(out.size()) < max) {
        select->reset();
        select->bind(1, queue).bind(2, static_cast<long long>(nowMs)).bind(3, static_cast<long long>(max - out.size()))
            .bind(4, lastRead);
        std::vector<QueueMessageRow> rows;
        while (select->step()) {
            rows.push_back(messageRow(*select));
            lastRead = rows.back().id;
        }
        if (!select->status())
            return select->status();
        if (rows.empty())
            break;
        for (QueueMessageRow &m : rows) {
            if (m.receiveCount >= maxReceiveCount) {
                // SQS moves a message to the dead-letter queue when it is received again past maxReceiveCount.
                kill->reset();
                if (Status s = kill->bind(1, m.id).run(); !s)
                    return s;
                dead.push_back(std::move(m));
                continue;
            }
            take->reset();
            if (Status s = take->bind(1, m.id).bind(2, static_cast<long long>(nowMs + visibilityMs))
                               .bind(3, static_cast<long long>(nowMs))
                               .run();
                !s)
                return s;
            m.receiveCount += 1;
            if (m.firstReceivedMs == 0)
                m.firstReceivedMs = nowMs;
            out.push_back(std::move(m));
        }
    }
    if (Status s = tx.commit(); !s)
        return s;
    if (movedToDead)
        *movedToDead = std::move(dead);
    return out;
}

Status ResourceData::idsStatement(const char *sqlPrefix, const std::vector<long long> &ids, const char *sqlSuffix,
                                  const std::vector<long long> &leadingBinds)
{
    if (ids.empty())
        return Status::ok();
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    auto stmt = m_db.prepare(std::string(sqlPrefix) + sqlSuffix);
    if (!stmt)
        return stmt.status();
    for (long long id : ids) {
        stmt->reset();
        int index = 1;
        for (long long v : leadingBinds)
            stmt->bind(index++, v);
        if (Status s = stmt->bind(index, id).run(); !s)
            return s;
    }
    return tx.commit();
}

Status ResourceData::deleteMessages(const std::vector<long long> &ids)
{
    return idsStatement("DELETE FROM queue_messages WHERE id = ?1", ids);
}

Result<std::vector<std::string>> ResourceData::sendMessages(const std::string &queue,
                                                            const std::vector<OutgoingMessage> &messages, int64_t nowMs)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    auto cached = m_db.cached("INSERT INTO queue_messages(queue, message_id, body, attributes, sent_at_ms, "
                              "visible_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!cached)
        return cached.status();
    Statement &stmt = **cached;
    std::vector<std::string> ids;
    for (const OutgoingMessage &m : messages) {
        stmt.reset();
        ids.push_back(newRequestId());
        stmt.bind(1, queue).bind(2, ids.back()).bind(3, m.body).bind(4, m.attributes.dump())
            .bind(5, static_cast<long long>(nowMs)).bind(6, static_cast<long long>(nowMs + m.delayMs));
        if (Status s = stmt.run(); !s)
            return s;
    }
    if (Status s = tx.commit(); !s)
        return s;
    return ids;
}

Result<bool> ResourceData::deleteReceived(const std::string &queue, long long id, const std::string &messageId)
{
    auto stmt = m_db.prepare("DELETE FROM queue_messages WHERE id = ?1 AND message_id = ?2 AND queue = ?3 AND dead = 0");
    if (!stmt)
        return stmt.status();
    if (Status s = stmt->bind(1, id).bind(2, messageId).bind(3, queue).run(); !s)
        return s;
    return m_db.changes() > 0;
}

Result<bool> ResourceData::changeVisibility(const std::string &queue, long long id, const std::string &messageId,
                                            int64_t nowMs, int64_t visibleAtMs)
{
    auto stmt = m_db.prepare("UPDATE queue_messages SET visible_at_ms = ?4 WHERE id = ?1 AND message_id = ?2 "
                             "AND queue = ?3 AND dead = 0 AND receive_count > 0 AND visible_at_ms > ?5");
    if (!stmt)
        return stmt.status();
    if (Status s = stmt->bind(1, id).bind(2, messageId).bind(3, queue).bind(4, static_cast<long long>(visibleAtMs))
                       .bind(5, static_cast<long long>(nowMs)).run();
        !s)
        return s;
    return m_db.changes() > 0;
}

Result<long long> ResourceData::purge(const std::string &queue)
{
    auto stmt = m_db.prepare("DELETE FROM queue_messages WHERE queue = ?1 AND dead = 0");
    if (!stmt)
        return stmt.status();
    if (Status s = stmt->bind(1, queue).run(); !s)
        return s;
    return static_cast<long long>(m_db.changes());
}

Status ResourceData::setVisibleAt(const std::vector<long long> &ids, int64_t visibleAtMs)
{
    return idsStatement("UPDATE queue_messages SET visible_at_ms = ?1 WHERE id = ?2", ids, "",
                        {static_cast<long long>(visibleAtMs)});
}

Result<std::vector<QueueMessageRow>> ResourceData::undeliveredDead(const std::string &queue, int max)
{
    return queueMessages(" AND dead = 1", queue, max);
}

Result<std::vector<QueueMessageRow>> ResourceData::peek(const std::string &queue, bool dead, int max)
{
    return queueMessages(dead ? " AND dead > 0" : " AND dead = 0", queue, max);
}

Result<std::vector<QueueMessageRow>> ResourceData::queueMessages(const char *condition, const std::string &queue, int max)
{
    auto stmt = m_db.prepare(std::string("SELECT " STRATUS_MESSAGE_COLUMNS " FROM queue_messages WHERE queue = ?1") + condition
                             + " ORDER BY id LIMIT ?2");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, queue).bind(2, static_cast<long long>(max));
    std::vector<QueueMessageRow> out;
    while (stmt->step())
        out.push_back(messageRow(*stmt));
    if (!stmt->status())
        return stmt->status();
    return out;
}

Status ResourceData::markDeadDelivered(const std::vector<long long> &ids)
{
    return idsStatement("UPDATE queue_messages SET dead = 2 WHERE id = ?1", ids);
}

Result<QueueDepth> ResourceData::depth(const std::string &queue, int64_t nowMs)
{
    auto stmt = m_db.prepare("SELECT COALESCE(SUM(dead = 0 AND visible_at_ms <= ?2), 0), "
                             "COALESCE(SUM(dead = 0 AND visible_at_ms > ?2), 0), COALESCE(SUM(dead > 0), 0), "
                             "MIN(CASE WHEN dead = 0 AND visible_at_ms <= ?2 THEN sent_at_ms END) "
                             "FROM queue_messages WHERE queue = ?1");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, queue).bind(2, static_cast<long long>(nowMs));
    if (!stmt->step())
        return stmt->status();
    return QueueDepth{stmt->integer(0), stmt->integer(1), stmt->integer(2), stmt->isNull(3) ? 0 : stmt->integer(3)};
}

namespace {

Status appendStreamRecord(sql::Database &db, const std::string &table, const std::string &eventName,
                          const std::string &itemKey, const Json &keys, const Json *oldImage, const Json *newImage,
                          int64_t nowMs, const std::string &runId)
{
    auto cached = db.cached("INSERT INTO table_stream(table_name, event_name, item_key, keys, old_image, new_image, "
                            "created_ms, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!cached)
        return cached.status();
    Statement *stmt = *cached;
    if (runId.empty())
        stmt->bindNull(8);
    else
        stmt->bind(8, runId);
    stmt->bind(1, table).bind(2, eventName).bind(3, itemKey).bind(4, keys.dump());
    if (oldImage)
        stmt->bind(5, oldImage->dump());
    else
        stmt->bindNull(5);
    if (newImage)
        stmt->bind(6, newImage->dump());
    else
        stmt->bindNull(6);
    stmt->bind(7, static_cast<long long>(nowMs));
    return stmt->run();
}

Result<std::optional<Json>> currentItem(sql::Database &db, const std::string &table, const std::string &itemKey)
{
    auto cached = db.cached("SELECT item FROM table_items WHERE table_name = ?1 AND item_key = ?2");
    if (!cached)
        return cached.status();
    Statement *stmt = *cached;
    stmt->bind(1, table).bind(2, itemKey);
    if (!stmt->step()) {
        if (!stmt->status())
            return stmt->status();
        return std::optional<Json>();
    }
    auto parsed = parseJson(stmt->textView(0));
    stmt->reset(); // ends its read: the next one sees other connections' commits
    // A damaged row is not "no attributes": a condition would pass on it and a put overwrite it.
    if (!parsed || !parsed->is_object())
        return Status::corruption("the item " + itemKey + " of table " + table + " in the workspace file is damaged");
    return std::optional<Json>(parsed.take());
}

} // namespace

namespace {

/// Writes one change of an item whose current value is `old`, with its
/// stream record; "" when it changes nothing (DynamoDB Streams writes no
/// record for a put that changes nothing).
Result<std::string> writeItemIn(sql::Database &db, const ResourceData::ItemChange &change,
                                const std::optional<Json> &old, int64_t nowMs, const std::string &runId)
{
    const ResourceData::ItemRef &ref = change.ref;
    if (!change.item) {
        if (!old)
            return std::string();
        auto stmt = db.cached("DELETE FROM table_items WHERE table_name = ?1 AND item_key = ?2");
        if (!stmt)
            return stmt.status();
        if (Status s = (*stmt)->bind(1, ref.table).bind(2, ref.itemKey).run(); !s)
            return s;
        if (Status s = appendStreamRecord(db, ref.table, "REMOVE", ref.itemKey, ref.keys, &*old, nullptr, nowMs, runId);
            !s)
            return s;
        return std::string("REMOVE");
    }
    if (old && *old == *change.item)
        return std::string();
    auto stmt = db.cached("INSERT INTO table_items(table_name, item_key, item) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(table_name, item_key) DO UPDATE SET item = excluded.item");
    if (!stmt)
        return stmt.status();
    if (Status s = (*stmt)->bind(1, ref.table).bind(2, ref.itemKey).bind(3, change.item->dump()).run(); !s)
        return s;
    const std::string event = old ? "MODIFY" : "INSERT";
    if (Status s = appendStreamRecord(db, ref.table, event, ref.itemKey, ref.keys, old ? &*old : nullptr,
                                      &*change.item, nowMs, runId);
        !s)
        return s;
    return event;
}

} // namespace

Result<std::vector<std::optional<Json>>> ResourceData::changeItems(const std::vector<ItemRef> &refs,
                                                                   const ItemDecision &decide, int64_t nowMs,
                                                                   const std::string &runId)
{
    Transaction tx(m_db);
    if (!tx.status())
        return tx.status();
    std::vector<std::optional<Json>> before;
    for (const ItemRef &ref : refs) {
        auto current = currentItem(m_db, ref.table, ref.itemKey);
        if (!current)
            return current.status();
        before.push_back(current.take());
    }
    auto changes = decide(before);
    if (!changes)
        return changes.status();
    // What a change finds is the item as the changes before it in this write left it.
    std::map<std::pair<std::string, std::string>, std::optional<Json>> now;
    for (size_t i = 0; i < refs.size(); ++i)
        now[{refs[i].table, refs[i].itemKey}] = before[i];
    for (const ItemChange &change : *changes) {
        const auto where = std::make_pair(change.ref.table, change.ref.itemKey);
        auto known = now.find(where);
        std::optional<Json> old;
        if (known != now.end()) {
            old = known->second;
        } else {
            auto current = currentItem(m_db, change.ref.table, change.ref.itemKey);
            if (!current)
                return current.status();
            old = current.take();
        }
        auto event = writeItemIn(m_db, change, old, nowMs, runId);
        if (!event)
            return event.status();
        now[where] = change.item;
    }
    if (Status s = tx.commit(); !s)
        return s;
    return before;
}

Result<std::string> ResourceData::putItem(const std::string &table, const std::string &itemKey, const Json &keys,
                                          const Json &item, int64_t nowMs, const std::string &runId)
{
    std::string event;
    auto done = changeItems(
        {ItemRef{table, itemKey, keys}},
        [&](const std::vector<std::optional<Json>> &) -> Result<std::vector<ItemChange>> {
            return std::vector<ItemChange>{ItemChange{ItemRef{table, itemKey, keys}, item}};
        },
        nowMs, runId);
    if (!done)
        return done.status();
    const std::optional<Json> &old = done->front();
    if (old && *old == item)
        return std::string();
    return std::string(old ? "MODIFY" : "INSERT");
}

Result<std::string> ResourceData::deleteItem(const std::string &table, const std::string &itemKey, const Json &keys,
                                             int64_t nowMs, const std::string &runId)
{
    auto done = changeItems(
        {ItemRef{table, itemKey, keys}},
        [&](const std::vector<std::optional<Json>> &) -> Result<std::vector<ItemChange>> {
            return std::vector<ItemChange>{ItemChange{ItemRef{table, itemKey, keys}, std::nullopt}};
        },
        nowMs, runId);
    if (!done)
        return done.status();
    return std::string(done->front() ? "REMOVE" : "");
}

Result<std::optional<Json>> ResourceData::item(const std::string &table, const std::string &itemKey)
{
    return currentItem(m_db, table, itemKey);
}

Result<std::vector<std::pair<std::string, Json>>> ResourceData::itemsFrom(const std::string &table,
                                                                        const std::string &prefix,
                                                                        const std::string &afterKey, long long max)
{
    // A prefix is a range of keys: [prefix, prefix with its last byte + 1).
    std::string end = prefix;
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff)
        end.pop_back();
    if (!end.empty())
        end.back() = char(static_cast<unsigned char>(end.back()) + 1);
    auto cached = m_db.cached("SELECT item_key, item FROM table_items WHERE table_name = ?1 AND item_key >= ?2 "
                              "AND item_key > ?3 AND (?4 = '' OR item_key < ?4) ORDER BY item_key LIMIT ?5");
    if (!cached)
        return cached.status();
    Statement *stmt = *cached;
    stmt->bind(1, table).bind(2, prefix).bind(3, afterKey).bind(4, end).bind(5, max);
    std::vector<std::pair<std::string, Json>> out;
    while (stmt->step()) {
        auto parsed = parseJson(stmt->textView(1));
        out.emplace_back(stmt->text(0), parsed ? parsed.take() : Json());
    }
    if (!stmt->status())
        return stmt->status();
    return out;
}

Result<std::vector<StreamRow>> ResourceData::readStream(const std::string &table, long long afterSequence, int max)
{
    auto stmt = m_db.prepare("SELECT sequence, event_name, item_key, keys, old_image, new_image, created_ms, run_id FROM "
                             "table_stream WHERE table_name = ?1 AND sequence > ?2 ORDER BY sequence LIMIT ?3");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, table).bind(2, afterSequence).bind(3, static_cast<long long>(max));
    std::vector<StreamRow> out;
    while (stmt->step()) {
        StreamRow r;
        r.sequence = stmt->integer(0);
        r.eventName = stmt->text(1);
        r.itemKey = stmt->text(2);
        r.keys = parsedOrNull(*stmt, 3);
        r.oldImage = parsedOrNull(*stmt, 4);
        r.newImage = parsedOrNull(*stmt, 5);
        r.createdMs = stmt->integer(6);
        if (!stmt->isNull(7))
            r.runId = stmt->text(7);
        out.push_back(std::move(r));
    }
    if (!stmt->status())
        return stmt->status();
    return out;
}

Result<long long> ResourceData::checkpoint(const std::string &table)
{
    auto stmt = m_db.prepare("SELECT delivered FROM stream_checkpoints WHERE table_name = ?1");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, table);
    if (stmt->step())
        return stmt->integer(0);
    if (!stmt->status())
        return stmt->status();
    return 0LL;
}

Status ResourceData::setCheckpoint(const std::string &table, long long sequence)
{
    auto stmt = m_db.prepare("INSERT INTO stream_checkpoints(table_name, delivered) VALUES (?1, ?2) "
                             "ON CONFLICT(table_name) DO UPDATE SET delivered = MAX(delivered, excluded.delivered)");
    if (!stmt)
        return stmt.status();
    return stmt->bind(1, table).bind(2, sequence).run();
}

Status ResourceData::removeExpired(int64_t streamBeforeMs, int64_t deadBeforeMs)
{
    auto stream = m_db.prepare("DELETE FROM table_stream WHERE created_ms < ?1 AND sequence <= COALESCE("
                               "(SELECT delivered FROM stream_checkpoints c WHERE c.table_name = table_stream.table_name), 0)");
    if (!stream)
        return stream.status();
    if (Status s = stream->bind(1, static_cast<long long>(streamBeforeMs)).run(); !s)
        return s;
    auto dead = m_db.prepare("DELETE FROM queue_messages WHERE dead = 2 AND sent_at_ms < ?1");
    if (!dead)
        return dead.status();
    return dead->bind(1, static_cast<long long>(deadBeforeMs)).run();
}

Result<std::vector<Json>> ResourceData::items(const std::string &table)
{
    auto stmt = m_db.prepare("SELECT item FROM table_items WHERE table_name = ?1 ORDER BY item_key");
    if (!stmt)
        return stmt.status();
    stmt->bind(1, table);
    std::vector<Json> out;
    while (stmt->step()) {
        auto parsed = parseJson(stmt->text(0));
        out.push_back(parsed ? parsed.take() : Json());
    }
    if (!stmt->status())
        return stmt->status();
    return out;
}

} // namespace stratus::engine
