#pragma once

// What the workspace's queues and tables hold, in the workspace file: SQS
// messages with their receive state, DynamoDB items and the table's stream.
// Every change is committed before the call returns, so what a caller was
// told is accepted survives a crash or a kill.

#include "sqlite.h"

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stratus::engine {

struct QueueMessageRow
{
    long long id = 0;
    std::string messageId;
    std::string body;
    Json attributes = Json::object(); ///< message attributes, SQS's form
    int64_t sentAtMs = 0;
    int64_t firstReceivedMs = 0;
    int receiveCount = 0; ///< this receive included
    std::string runId;    ///< the run that sent it; empty when not a run
};

struct QueueDepth
{
    long long visible = 0;  ///< waiting for a consumer
    long long inFlight = 0; ///< received, not yet deleted, hidden until their visibility timeout
    long long dead = 0;     ///< moved to the dead-letter queue after maxReceiveCount receives
    int64_t oldestVisibleSentMs = 0; ///< when the oldest visible one was sent (a batch window waits on it)
};

/// One change of a table's stream.
struct StreamRow
{
    long long sequence = 0;
    std::string eventName; ///< INSERT, MODIFY, REMOVE
    std::string itemKey;
    Json keys;
    Json oldImage; ///< null when none
    Json newImage; ///< null when none
    int64_t createdMs = 0;
    std::string runId; ///< the run whose write made it; empty when not a run
};

class ResourceData
{
public:
    enum class Access { ReadWrite, ReadOnly };
    /// Its own connection to the workspace file (which must be current).
    /// ReadOnly never writes to the file or beside it (the CLI's listings).
    static Result<ResourceData> open(const std::string &path, Access access = Access::ReadWrite);

    // ---- queues ----
    /// Appends a message (sent by run `runId`, if any); returns its id.
    /// Committed when it returns.
    Result<std::string> sendMessage(const std::string &queue, const std::string &body, int64_t nowMs,
                                    const Json &attributes = Json::object(), const std::string &runId = {});
    /// Receives up to `max` visible messages, oldest first, hiding them for
    /// `visibilityMs`. A message already received `maxReceiveCount` times is
    /// moved to the dead-letter side instead (and returned in `movedToDead`).
    Result<std::vector<QueueMessageRow>> receive(const std::string &queue, int max, int64_t nowMs,
                                                 int64_t visibilityMs, int maxReceiveCount,
                                                 std::vector<QueueMessageRow> *movedToDead = nullptr);
    Status deleteMessages(const std::vector<long long> &ids);

    /// A message sent through the SQS endpoint: visible `delayMs` after it is sent.
    struct OutgoingMessage
    {
        std::string body;
        Json attributes = Json::object(); ///< as SendMessage took them ({StringValue | BinaryValue, DataType})
        int64_t delayMs = 0;
    };
    /// Appends every message in one transaction (all or none); returns their ids.
    Result<std::vector<std::string>> sendMessages(const std::string &queue, const std::vector<OutgoingMessage> &messages,
                                                  int64_t nowMs);
    /// Deletes message row `id` of `queue` if it still is `messageId` (a
    /// receipt handle names both); false when there is no such message.
    Result<bool> deleteReceived(const std::string &queue, long long id, const std::string &messageId);
    /// Makes message row `id` of `queue` (still `messageId`, received, hidden
    /// at `nowMs` and not dead) visible at `visibleAtMs`; false when there is
    /// no such message in flight.
    Result<bool> changeVisibility(const std::string &queue, long long id, const std::string &messageId, int64_t nowMs,
                                  int64_t visibleAtMs);
    /// Deletes every message of `queue` that is not dead; returns how many.
    Result<long long> purge(const std::string &queue);
    /// Makes messages visible at `visibleAtMs` (a failed batch item, now).
    Status setVisibleAt(const std::vector<long long> &ids, int64_t visibleAtMs);
    /// Dead messages not yet handed to the `dead` port, oldest first.
    Result<std::vector<QueueMessageRow>> undeliveredDead(const std::string &queue, int max);
    Status markDeadDelivered(const std::vector<long long> &ids);
    Result<QueueDepth> depth(const std::string &queue, int64_t nowMs);
    /// The queue's messages as they are, oldest first, changing nothing (a
    /// look, not a receive): the live ones, or the dead ones.
    Result<std::vector<QueueMessageRow>> peek(const std::string &queue, bool dead, int max);

    // ---- tables ----
    /// Puts `item` (typed attribute values) under `itemKey` and appends the
    /// stream record (INSERT or MODIFY; none when the item is unchanged), in
    /// one transaction. Returns the record's event name, or "" when none.
    /// The record names `runId` as the run that made it.
    Result<std::string> putItem(const std::string &table, const std::string &itemKey, const Json &keys,
                                const Json &item, int64_t nowMs, const std::string &runId = {});
    /// Deletes the item and appends a REMOVE record; "" when there was none.
    Result<std::string> deleteItem(const std::string &table, const std::string &itemKey, const Json &keys,
                                   int64_t nowMs, const std::string &runId = {});
    /// One item of a write of several.
    struct ItemRef
    {
        std::string table;
        std::string itemKey;
        Json keys;
    };
    /// What to do with an item: put `item`, or delete it (no item).
    struct ItemChange
    {
        ItemRef ref;
        std::optional<Json> item;
    };
    /// Reads the items `refs` name (none where there is no item), lets
    /// `decide` say what to write, and writes it with its stream records, all
    /// in one transaction: a failure of `decide` or of a write leaves every
    /// item as it was (DynamoDB's conditional writes and transactions).
    /// Returns the items as they were.
    using ItemDecision = std::function<Result<std::vector<ItemChange>>(const std::vector<std::optional<Json>> &)>;
    Result<std::vector<std::optional<Json>>> changeItems(const std::vector<ItemRef> &refs, const ItemDecision &decide,
                                                         int64_t nowMs, const std::string &runId = {});
    /// The item under `itemKey`; none when there is none.
    Result<std::optional<Json>> item(const std::string &table, const std::string &itemKey);
    /// Items whose key starts with `prefix` and sorts after `afterKey`, in key
    /// order, at most `max` (all when negative), with their keys.
    Result<std::vector<std::pair<std::string, Json>>> itemsFrom(const std::string &table, const std::string &prefix,
                                                                const std::string &afterKey, long long max);

    /// Stream records after `afterSequence`, in order, at most `max`.
    Result<std::vector<StreamRow>> readStream(const std::string &table, long long afterSequence, int max);
    /// The last sequence handed on successfully (0: none).
    Result<long long> checkpoint(const std::string &table);
    Status setCheckpoint(const std::string &table, long long sequence);
    /// Every item of the table (typed), in key order.
    Result<std::vector<Json>> items(const std::string &table);

    /// Deletes stream records delivered and created before `streamBeforeMs`,
    /// and dead messages handed on and sent before `deadBeforeMs`.
    Status removeExpired(int64_t streamBeforeMs, int64_t deadBeforeMs);

    sql::Database &database() { return m_db; }

private:
    explicit ResourceData(sql::Database db)
        : m_db(std::move(db))
    {}
    /// The queue's messages that also meet `condition` (SQL after the queue's), oldest first.
    Result<std::vector<QueueMessageRow>> queueMessages(const char *condition, const std::string &queue, int max);
    Status idsStatement(const char *sqlPrefix, const std::vector<long long> &ids, const char *sqlSuffix = "",
                        const std::vector<long long> &leadingBinds = {});

    sql::Database m_db;
};

} // namespace stratus::engine
