#include "dynamodb.h"

#include "awsprotocol.h"
#include "ddbexpression.h"
#include "ddbvalue.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <map>
#include <set>

namespace stratus::engine::services {

using namespace ddb;

namespace {

// DynamoDB's error types, as its JSON 1.0 protocol names them in __type.
constexpr const char *kValidation = "com.amazon.coral.validate#ValidationException";
constexpr const char *kSerialization = "com.amazon.coral.service#SerializationException";
constexpr const char *kUnknownOperation = "com.amazon.coral.service#UnknownOperationException";
constexpr const char *kPrefix = "com.amazonaws.dynamodb.v20120810#";

/// A request that fails: thrown inside this file only, and answered as
/// DynamoDB's error shape by handle(), its one entry.
struct Failure
{
    std::string type;
    std::string message;
    Json extra = Json::object();
};

[[noreturn]] void fail(const std::string &type, const std::string &message, Json extra = Json::object())
{
    throw Failure{type, message, std::move(extra)};
}
[[noreturn]] void invalid(const std::string &message)
{
    fail(kValidation, message);
}
void check(const Status &s)
{
    if (!s)
        invalid(s.message());
}
template <typename T>
T checked(Result<T> r)
{
    check(r.status());
    return r.take();
}

std::string stringField(const Json &request, const char *key, bool required = true)
{
    const Json &v = memberOf(request, key);
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null() && !required)
        return {};
    if (v.is_null())
        invalid("1 validation error detected: Value null at '" + std::string(key)
                + "' failed to satisfy constraint: Member must not be null");
    fail(kSerialization, std::string(key) + " must be a string, not " + printable(v.dump()));
}

/// A table of the design, by name (or by its ARN).
struct Table
{
    const Node *node = nullptr;
    std::string name;
    std::vector<std::string> keys;
};

std::string tableArn(const std::string &region, const std::string &name)
{
    return "arn:aws:dynamodb:" + region + ":000000000000:table/" + name;
}

Json keysOf(const Table &table, const Json &item)
{
    Json keys = Json::object();
    for (const std::string &k : table.keys) {
        if (item.contains(k))
            keys[k] = item[k];
    }
    return keys;
}

/// One write of one item, as Put, Update, Delete and a transaction's
/// ConditionCheck describe it.
struct ItemOp
{
    enum class Kind { Put, Update, Delete, Check };
    Kind kind = Kind::Put;
    Table table;
    ResourceData::ItemRef ref;
    Json item;  ///< Put: the item; otherwise its key attributes
    std::vector<UpdateAction> actions;
    std::optional<Condition> condition;
    std::string returnValues = "NONE";
    bool returnOldOnFailure = false; ///< ReturnValuesOnConditionCheckFailure ALL_OLD
};

class Handler
{
public:
    Handler(Backend &backend, const Workspace &design, ResourceData &data)
        : m_backend(backend)
        , m_design(design)
        , m_data(data)
        , m_region(textSetting(design.settings, "region", "us-east-1"))
    {}

    Json run(const std::string &operation, const Json &request)
    {
        if (operation == "PutItem" || operation == "UpdateItem" || operation == "DeleteItem")
            return writeOne(operation, request);
        if (operation == "GetItem")
            return getItem(request);
        if (operation == "Query")
            return query(request);
        if (operation == "Scan")
            return scan(request);
        if (operation == "BatchGetItem")
            return batchGet(request);
        if (operation == "BatchWriteItem")
            return batchWrite(request);
        if (operation == "TransactWriteItems")
            return transactWrite(request);
        if (operation == "TransactGetItems")
            return transactGet(request);
        if (operation == "DescribeTable")
            return Json{{"Table", describe(table(request))}};
        if (operation == "ListTables")
            return listTables(request);
        if (operation == "CreateTable") {
            const std::string name = stringField(request, "TableName", false);
            if (!name.empty() && resourceNamed(m_design, kinds::kTable, name))
                fail(std::string(kPrefix) + "ResourceInUseException", "Table already exists: " + name);
            invalid("Stratus's tables are table nodes of the workspace: add a table node named " + quote(name)
                    + " on the canvas (its partition and sort keys are its config) instead of calling CreateTable");
        }
        static const std::set<std::string> known = {
            "DeleteTable", "UpdateTable", "UpdateTimeToLive", "DescribeTimeToLive", "CreateBackup",
            "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction", "DescribeEndpoints",
            "TagResource", "UntagResource", "ListTagsOfResource", "DescribeContinuousBackups",
            "CreateGlobalTable", "DescribeLimits", "DescribeStream", "GetRecords", "GetShardIterator"};
        if (known.count(operation))
            invalid(operation + " is not supported by Stratus's local DynamoDB (docs/services.md lists what is)");
        fail(kUnknownOperation, "Unknown operation: " + operation);
    }

private:
    Table table(const Json &request, const char *field = "TableName")
    {
        std::string name = stringField(request, field);
        if (name.starts_with("arn:aws:dynamodb:"))
            name = name.substr(name.find("table/") == std::string::npos ? name.size() : name.find("table/") + 6);
        const Node *node = resourceNamed(m_design, kinds::kTable, name);
        if (!node)
            fail(std::string(kPrefix) + "ResourceNotFoundException",
                 "Requested resource not found: Table: " + name + " not found (the workspace's tables are its table nodes)");
        return Table{node, name, DynamoDb::keyNames(*node)};
    }

    /// The key a request names (`Key`), checked against the table's schema.
    ResourceData::ItemRef refOf(const Table &t, const Json &key, bool wholeItem)
    {
        if (!key.is_object())
            invalid(std::string(wholeItem ? "Item" : "Key") + " must be a map of attribute names to values");
        if (!wholeItem && key.size() != t.keys.size())
            invalid("The provided key element does not match the schema (table " + t.name + " is keyed by "
                    + joined(t.keys) + ")");
        auto k = DynamoDb::itemKey(*t.node, key);
        if (!k) {
            if (wholeItem)
                invalid("One or more parameter values were invalid: " + k.status().message());
            invalid("The provided key element does not match the schema (" + k.status().message() + ")");
        }
        return ResourceData::ItemRef{t.name, k->first, k->second};
    }

    void checkReturnValues(const std::string &value, std::initializer_list<const char *> allowed)
    {
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char *a) { return value == a; }))
            invalid("1 validation error detected: Value '" + value
                    + "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + [&] {
                          std::vector<std::string> names(allowed.begin(), allowed.end());
                          return joined(names);
                      }()
                    + "]");
    }

    static void refuseLegacy(const Json &request)
    {
        for (const char *legacy : {"Expected", "AttributeUpdates", "KeyConditions", "QueryFilter", "ScanFilter",
                                   "AttributesToGet", "ConditionalOperator"}) {
            if (request.contains(legacy))
                invalid(std::string(legacy) + " is a legacy parameter Stratus does not support: use the expression "
                        "parameters (ConditionExpression, UpdateExpression, KeyConditionExpression, FilterExpression, "
                        "ProjectionExpression)");
        }
    }

    ItemOp itemOp(ItemOp::Kind kind, const Json &request)
    {
        refuseLegacy(request);
        ItemOp op;
        op.kind = kind;
        op.table = table(request);
        auto expressions = checked(Expressions::of(request));
        if (kind == ItemOp::Kind::Put) {
            op.item = memberOf(request, "Item");
            if (!op.item.is_object())
                invalid("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member "
                        "must not be null");
            check(normalizeItem(op.item, "Item"));
            op.ref = refOf(op.table, op.item, true);
            if (itemSize(op.item) > kMaxItemBytes)
                invalid("Item size has exceeded the maximum allowed size (" + std::to_string(itemSize(op.item))
                        + " bytes; DynamoDB takes 400 KB)");
        } else {
            Json key = memberOf(request, "Key");
            if (key.is_object())
                check(normalizeItem(key, "Key"));
            op.ref = refOf(op.table, key, false);
            op.item = key;
        }
        if (kind == ItemOp::Kind::Update) {
            const Json &update = memberOf(request, "UpdateExpression");
            if (!update.is_null()) {
                if (!update.is_string())
                    invalid("UpdateExpression must be a string");
                op.actions = checked(expressions.update(update.get<std::string>()));
            }
        }
        op.condition = checked(expressions.condition(request, "ConditionExpression"));
        if (kind == ItemOp::Kind::Check && !op.condition)
            invalid("ConditionCheck needs a ConditionExpression");
        check(expressions.checkAllUsed());
        op.returnValues = memberOf(request, "ReturnValues").is_string() ? memberOf(request, "ReturnValues").get<std::string>()
                                                                      : "NONE";
        op.returnOldOnFailure = memberOf(request, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD";
        return op;
    }

    /// What `op` makes of the item as it is (`before`): the item to write (an
    /// empty optional deletes), or nothing to write at all (a check). False
    /// when its condition fails.
    bool decide(const ItemOp &op, const std::optional<Json> &before, std::optional<ResourceData::ItemChange> &change,
                Json &after, std::set<std::string> &updated)
    {
        static const Json none = Json::object();
        if (op.condition && !evaluate(*op.condition, before ? *before : none))
            return false;
        switch (op.kind) {
        case ItemOp::Kind::Put:
            after = op.item;
            change = ResourceData::ItemChange{op.ref, op.item};
            break;
        case ItemOp::Kind::Delete:
            change = ResourceData::ItemChange{op.ref, std::nullopt};
            break;
        case ItemOp::Kind::Update: {
            const Json base = before ? *before : op.item; // a missing item is made, from its key
            after = checked(applyUpdate(op.actions, base, op.table.keys, &updated));
            if (itemSize(after) > kMaxItemBytes)
                invalid("Item size to update has exceeded the maximum allowed size");
            change = ResourceData::ItemChange{op.ref, after};
            break;
        }
        case ItemOp::Kind::Check:
            break;
        }
        return true;
    }

    /// Runs `ops` as one transaction: every condition holds and every write
    /// is made, or nothing is. Returns the items as they were; `failed` holds
    /// the index of each op whose condition failed (and then nothing is written).
    std::vector<std::optional<Json>> runOps(const std::vector<ItemOp> &ops, std::vector<size_t> &failed,
                                            std::vector<Json> *after = nullptr,
                                            std::vector<std::set<std::string>> *updated = nullptr,
                                            std::map<size_t, Json> *failedItems = nullptr)
    {
        std::vector<ResourceData::ItemRef> refs;
        for (const ItemOp &op : ops)
            refs.push_back(op.ref);
        std::optional<Failure> thrown;
        auto result = m_data.changeItems(
            refs,
            [&](const std::vector<std::optional<Json>> &before) -> Result<std::vector<ResourceData::ItemChange>> {
                std::vector<ResourceData::ItemChange> changes;
                try {
                    for (size_t i = 0; i < ops.size(); ++i) {
                        std::optional<ResourceData::ItemChange> change;
                        Json newItem;
                        std::set<std::string> touched;
                        if (!decide(ops[i], before[i], change, newItem, touched)) {
                            failed.push_back(i);
                            // ReturnValuesOnConditionCheckFailure: the item the condition saw.
                            if (failedItems && ops[i].returnOldOnFailure && before[i])
                                (*failedItems)[i] = *before[i];
                            continue;
                        }
                        if (change)
                            changes.push_back(std::move(*change));
                        if (after)
                            after->push_back(std::move(newItem));
                        if (updated)
                            updated->push_back(std::move(touched));
                    }
                } catch (const Failure &f) {
                    thrown = f;
                    return Status::invalidArgument(f.message);
                } catch (const std::exception &e) {
                    // Nothing but a Status crosses the store's callback.
                    thrown = Failure{std::string(kPrefix) + "InternalServerError", e.what()};
                    return Status::invalidArgument(e.what());
                }
                if (!failed.empty())
                    return Status::invalidArgument("a condition failed");
                return changes;
            },
            QDateTime::currentMSecsSinceEpoch());
        if (thrown)
            throw *thrown;
        if (!result && failed.empty())
            fail(std::string(kPrefix) + "InternalServerError", "the table's data could not be written: "
                                                                   + result.status().message());
        if (result && !ops.empty())
            m_backend.changed();
        return result ? result.take() : std::vector<std::optional<Json>>();
    }

    Json writeOne(const std::string &operation, const Json &request)
    {
        const ItemOp::Kind kind = operation == "PutItem"      ? ItemOp::Kind::Put
                                  : operation == "UpdateItem" ? ItemOp::Kind::Update
                                                              : ItemOp::Kind::Delete;
        ItemOp op = itemOp(kind, request);
        if (kind == ItemOp::Kind::Update)
            checkReturnValues(op.returnValues, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
        else
            checkReturnValues(op.returnValues, {"NONE", "ALL_OLD"});
        std::vector<size_t> failed;
        std::vector<Json> after;
        std::vector<std::set<std::string>> updated;
        std::map<size_t, Json> failedItems;
        const auto before = runOps({op}, failed, &after, &updated, &failedItems);
        if (!failed.empty()) {
            Json extra = Json::object();
            if (failedItems.count(0))
                extra["Item"] = failedItems[0];
            fail(std::string(kPrefix) + "ConditionalCheckFailedException", "The conditional request failed", extra);
        }
        Json answer = Json::object();
        const std::optional<Json> &old = before.front();
        const std::string &rv = op.returnValues;
        if (rv == "ALL_OLD" && old)
            answer["Attributes"] = *old;
        else if (rv == "ALL_NEW")
            answer["Attributes"] = after.front();
        else if (rv == "UPDATED_OLD" || rv == "UPDATED_NEW") {
            const Json &source = rv == "UPDATED_OLD" ? (old ? *old : Json::object()) : after.front();
            Json attributes = Json::object();
            for (const std::string &name : updated.front()) {
                if (source.contains(name))
                    attributes[name] = source[name];
            }
            if (!attributes.empty())
                answer["Attributes"] = attributes;
        }
        return answer;
    }

    Json getItem(const Json &request)
    {
        refuseLegacy(request);
        const Table t = table(request);
        Json key = memberOf(request, "Key");
        if (key.is_object())
            check(normalizeItem(key, "Key"));
        const auto ref = refOf(t, key, false);
        auto expressions = checked(Expressions::of(request));
        const auto paths = checked(expressions.projection(request));
        check(expressions.checkAllUsed());
        auto item = checked(m_data.item(t.name, ref.itemKey));
        Json answer = Json::object();
        if (item)
            answer["Item"] = project(*item, paths);
        return answer;
    }

    /// Query and Scan: the page of `items` (in the order read) from
    /// ExclusiveStartKey on, by Limit and the 1 MB page size, filtered and projected.
    Json page(const Table &t, const Json &request, std::vector<Json> items, Expressions &expressions,
              const std::optional<Condition> &filter)
    {
        const auto paths = checked(expressions.projection(request));
        check(expressions.checkAllUsed());
        const Json &limitJson = memberOf(request, "Limit");
        long long limit = -1;
        if (!limitJson.is_null()) {
            if (!limitJson.is_number_integer())
                invalid("1 validation error detected: Value " + printable(limitJson.dump())
                        + " at 'limit' failed to satisfy constraint: Member must be a whole number");
            if (limitJson.get<long long>() < 1)
                invalid("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have "
                        "value greater than or equal to 1");
            limit = limitJson.get<long long>();
        }
        const std::string select = memberOf(request, "Select").is_string() ? memberOf(request, "Select").get<std::string>()
                                                                          : "ALL_ATTRIBUTES";
        if (select != "ALL_ATTRIBUTES" && select != "COUNT" && select != "SPECIFIC_ATTRIBUTES")
            invalid("Select must be ALL_ATTRIBUTES, COUNT or SPECIFIC_ATTRIBUTES (a table node has no indexes)");
        Json out = Json::array();
        long long scanned = 0;
        size_t bytes = 0;
        std::optional<Json> lastKey;
        for (size_t i = 0; i < items.size(); ++i) {
            const Json &item = items[i];
            ++scanned;
            bytes += itemSize(item);
            if (!filter || evaluate(*filter, item)) {
                if (select != "COUNT")
                    out.push_back(project(item, paths));
                else
                    out.push_back(Json());
            }
            const bool more = i + 1 < items.size();
            if (more && ((limit > 0 && scanned >= limit) || bytes >= 1024 * 1024)) {
                lastKey = keysOf(t, item);
                break;
            }
        }
        Json answer = Json::object();
        if (select != "COUNT")
            answer["Items"] = out;
        answer["Count"] = out.size();
        answer["ScannedCount"] = scanned;
        if (lastKey)
            answer["LastEvaluatedKey"] = *lastKey;
        return answer;
    }

    Json query(const Json &request)
    {
        refuseLegacy(request);
        const Table t = table(request);
        if (request.contains("IndexName"))
            invalid("The table does not have the specified index: " + printable(memberOf(request, "IndexName").dump())
                    + " (table nodes have no secondary indexes)");
        auto expressions = checked(Expressions::of(request));
        const std::string keyText = stringField(request, "KeyConditionExpression");
        const KeyCondition key = checked(
            expressions.keyCondition(keyText, t.keys[0], t.keys.size() > 1 ? t.keys[1] : std::string()));
        const std::string pkType = typeOf(key.partitionValue);
        if (pkType != "S" && pkType != "N" && pkType != "B")
            invalid("One or more parameter values were invalid: Condition parameter type does not match schema type");
        const auto filter = checked(expressions.condition(request, "FilterExpression"));
        const bool forward = memberOf(request, "ScanIndexForward") != false;

        std::vector<Json> items;
        if (t.keys.size() == 1) {
            const std::string canonical = Json::array({key.partitionValue}).dump();
            if (auto item = checked(m_data.item(t.name, canonical)))
                items.push_back(std::move(*item));
        } else {
            std::string prefix = Json::array({key.partitionValue}).dump();
            prefix.back() = ','; // "[pk]" → "[pk," : the items of this partition
            for (auto &[k, item] : checked(m_data.itemsFrom(t.name, prefix, std::string(), -1)))
                items.push_back(std::move(item));
            const std::string &sk = t.keys[1];
            // Sort keys of one type (B, N, S) in their order; items of a table
            // node whose keys changed type or name keep apart, never mixed.
            const auto rank = [&](const Json &item) -> std::pair<std::string, const Json *> {
                auto it = item.find(sk);
                return it == item.end() ? std::make_pair(std::string(), nullptr) : std::make_pair(typeOf(*it), &*it);
            };
            std::stable_sort(items.begin(), items.end(), [&](const Json &a, const Json &b) {
                const auto [typeA, keyA] = rank(a);
                const auto [typeB, keyB] = rank(b);
                if (typeA != typeB || !keyA)
                    return forward ? typeA < typeB : typeA > typeB;
                const auto order = compareScalars(*keyA, *keyB);
                return order && (forward ? *order < 0 : *order > 0);
            });
            if (key.sortKey)
                std::erase_if(items, [&](const Json &item) { return !evaluate(*key.sortKey, item); });
        }
        const Json &start = memberOf(request, "ExclusiveStartKey");
        if (!start.is_null()) {
            Json startKey = start;
            if (startKey.is_object())
                check(normalizeItem(startKey, "ExclusiveStartKey"));
            const auto ref = refOf(t, startKey, false);
            const auto at = std::find_if(items.begin(), items.end(), [&](const Json &item) {
                const auto k = DynamoDb::itemKey(*t.node, item);
                return k && k->first == ref.itemKey;
            });
            if (at != items.end()) {
                items.erase(items.begin(), at + 1);
            } else if (t.keys.size() > 1) {
                const std::string &sk = t.keys[1];
                std::erase_if(items, [&](const Json &item) {
                    const Json &key = memberOf(item, sk.c_str());
                    const auto order = compareScalars(key, memberOf(startKey, sk.c_str()));
                    return !order || (forward ? *order <= 0 : *order >= 0);
                });
            } else {
                items.clear();
            }
        }
        return page(t, request, std::move(items), expressions, filter);
    }

    Json scan(const Json &request)
    {
        refuseLegacy(request);
        const Table t = table(request);
        if (request.contains("IndexName"))
            invalid("The table does not have the specified index (table nodes have no secondary indexes)");
        auto expressions = checked(Expressions::of(request));
        const auto filter = checked(expressions.condition(request, "FilterExpression"));
        std::string after;
        const Json &start = memberOf(request, "ExclusiveStartKey");
        if (!start.is_null()) {
            Json startKey = start;
            if (startKey.is_object())
                check(normalizeItem(startKey, "ExclusiveStartKey"));
            after = refOf(t, startKey, false).itemKey;
        }
        const Json &segment = memberOf(request, "Segment");
        const Json &total = memberOf(request, "TotalSegments");
        if (segment.is_null() != total.is_null())
            invalid("The TotalSegments parameter is required but was not present in the request when Segment "
                    "parameter is present, and the other way round");
        const bool segmented = !total.is_null();
        if (segmented && (!total.is_number_integer() || !segment.is_number_integer() || total.get<long long>() < 1
                          || total.get<long long>() > 1000000 || segment.get<long long>() < 0
                          || segment.get<long long>() >= total.get<long long>()))
            invalid("Segment must be from 0 to TotalSegments - 1, and TotalSegments from 1 to 1000000");
        const long long limit = memberOf(request, "Limit").is_number_integer() ? memberOf(request, "Limit").get<long long>()
                                                                             : -1;
        // Read one more than the page holds, so that the page knows whether more follow.
        std::vector<Json> items;
        size_t bytes = 0;
        while (true) {
            auto chunk = checked(m_data.itemsFrom(t.name, std::string(), after, 1000));
            for (auto &[k, item] : chunk) {
                after = k;
                if (segmented) {
                    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(k),
                                                                       QCryptographicHash::Md5);
                    const uint32_t hash = (uint32_t(uint8_t(digest[0])) << 24) | (uint32_t(uint8_t(digest[1])) << 16)
                                          | (uint32_t(uint8_t(digest[2])) << 8) | uint32_t(uint8_t(digest[3]));
                    if (hash % uint64_t(total.get<long long>()) != uint64_t(segment.get<long long>()))
                        continue;
                }
                bytes += itemSize(item);
                items.push_back(std::move(item));
            }
            const bool full = (limit > 0 && static_cast<long long>(items.size()) > limit) || bytes > 1024 * 1024 + kMaxItemBytes;
            if (chunk.size() < 1000 || full)
                break;
        }
        return page(t, request, std::move(items), expressions, filter);
    }

    Json batchGet(const Json &request)
    {
        const Json &requests = memberOf(request, "RequestItems");
        if (!requests.is_object() || requests.empty())
            invalid("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must "
                    "have length greater than or equal to 1");
        size_t count = 0;
        Json responses = Json::object();
        for (auto it = requests.begin(); it != requests.end(); ++it) {
            const Table t = table(Json{{"TableName", it.key()}});
            const Json &keys = memberOf(*it, "Keys");
            if (!keys.is_array() || keys.empty())
                invalid("Keys of table " + t.name + " must be a list of 1 to 100 keys");
            count += keys.size();
            if (count > 100)
                invalid("Too many items requested for the BatchGetItem call (at most 100)");
            auto expressions = checked(Expressions::of(*it));
            const auto paths = checked(expressions.projection(*it));
            check(expressions.checkAllUsed());
            std::set<std::string> seen;
            Json found = Json::array();
            for (Json key : keys) {
                if (key.is_object())
                    check(normalizeItem(key, "Keys"));
                const auto ref = refOf(t, key, false);
                if (!seen.insert(ref.itemKey).second)
                    invalid("Provided list of item keys contains duplicates");
                if (auto item = checked(m_data.item(t.name, ref.itemKey)))
                    found.push_back(project(*item, paths));
            }
            responses[t.name] = found;
        }
        return Json{{"Responses", responses}, {"UnprocessedKeys", Json::object()}};
    }

    Json batchWrite(const Json &request)
    {
        const Json &requests = memberOf(request, "RequestItems");
        if (!requests.is_object() || requests.empty())
            invalid("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must "
                    "have length greater than or equal to 1");
        std::vector<ItemOp> ops;
        std::set<std::pair<std::string, std::string>> seen;
        for (auto it = requests.begin(); it != requests.end(); ++it) {
            if (!it->is_array() || it->empty())
                invalid("The write requests of table " + it.key() + " must be a list of 1 to 25 requests");
            for (const Json &entry : *it) {
                Json one = Json{{"TableName", it.key()}};
                ItemOp::Kind kind;
                if (entry.contains("PutRequest") && entry.size() == 1) {
                    kind = ItemOp::Kind::Put;
                    one["Item"] = memberOf(entry["PutRequest"], "Item");
                } else if (entry.contains("DeleteRequest") && entry.size() == 1) {
                    kind = ItemOp::Kind::Delete;
                    one["Key"] = memberOf(entry["DeleteRequest"], "Key");
                } else {
                    invalid("A write request holds exactly one of PutRequest and DeleteRequest");
                }
                ops.push_back(itemOp(kind, one));
                if (!seen.insert({ops.back().ref.table, ops.back().ref.itemKey}).second)
                    invalid("Provided list of item keys contains duplicates");
            }
        }
        if (ops.size() > 25)
            invalid("Too many items requested for the BatchWriteItem call (" + std::to_string(ops.size())
                    + "; at most 25)");
        std::vector<size_t> failed;
        runOps(ops, failed);
        return Json{{"UnprocessedItems", Json::object()}};
    }

    Json transactWrite(const Json &request)
    {
        const Json &items = memberOf(request, "TransactItems");
        if (!items.is_array() || items.empty() || items.size() > 100)
            invalid("TransactItems must be a list of 1 to 100 actions");
        std::vector<ItemOp> ops;
        std::set<std::pair<std::string, std::string>> seen;
        for (const Json &entry : items) {
            static const std::pair<const char *, ItemOp::Kind> kinds[] = {{"ConditionCheck", ItemOp::Kind::Check},
                                                                          {"Put", ItemOp::Kind::Put},
                                                                          {"Delete", ItemOp::Kind::Delete},
                                                                          {"Update", ItemOp::Kind::Update}};
            const auto kind = std::find_if(std::begin(kinds), std::end(kinds),
                                           [&](const auto &k) { return entry.is_object() && entry.size() == 1
                                                                       && entry.contains(k.first); });
            if (kind == std::end(kinds))
                invalid("A transaction item holds exactly one of ConditionCheck, Put, Delete and Update");
            ops.push_back(itemOp(kind->second, entry[kind->first]));
            if (!seen.insert({ops.back().ref.table, ops.back().ref.itemKey}).second)
                invalid("Transaction request cannot include multiple operations on one item");
        }
        std::vector<size_t> failed;
        std::map<size_t, Json> failedItems;
        runOps(ops, failed, nullptr, nullptr, &failedItems);
        if (!failed.empty()) {
            Json reasons = Json::array();
            std::vector<std::string> codes;
            for (size_t i = 0; i < ops.size(); ++i) {
                const bool bad = std::find(failed.begin(), failed.end(), i) != failed.end();
                Json reason = bad ? Json{{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}}
                                  : Json{{"Code", "None"}};
                if (bad && failedItems.count(i))
                    reason["Item"] = failedItems[i];
                reasons.push_back(reason);
                codes.push_back(bad ? "ConditionalCheckFailed" : "None");
            }
            fail(std::string(kPrefix) + "TransactionCanceledException",
                 "Transaction cancelled, please refer cancellation reasons for specific reasons [" + joined(codes) + "]",
                 Json{{"CancellationReasons", reasons}});
        }
        return Json::object();
    }

    Json transactGet(const Json &request)
    {
        const Json &items = memberOf(request, "TransactItems");
        if (!items.is_array() || items.empty() || items.size() > 100)
            invalid("TransactItems must be a list of 1 to 100 Get actions");
        Json responses = Json::array();
        for (const Json &entry : items) {
            const Json &get = memberOf(entry, "Get");
            if (!get.is_object())
                invalid("A TransactGetItems item holds a Get");
            responses.push_back(getItem(get));
        }
        return Json{{"Responses", responses}};
    }

    Json describe(const Table &t)
    {
        Json keySchema = Json::array();
        Json definitions = Json::array();
        for (size_t i = 0; i < t.keys.size(); ++i) {
            keySchema.push_back({{"AttributeName", t.keys[i]}, {"KeyType", i == 0 ? "HASH" : "RANGE"}});
            // Table nodes do not fix their key types; S is what the export declares.
            definitions.push_back({{"AttributeName", t.keys[i]}, {"AttributeType", "S"}});
        }
        auto all = checked(m_data.itemsFrom(t.name, std::string(), std::string(), -1));
        size_t bytes = 0;
        for (const auto &[k, item] : all)
            bytes += itemSize(item);
        return Json{{"TableName", t.name},
                    {"TableArn", tableArn(m_region, t.name)},
                    {"TableId", t.node->id.str()},
                    {"TableStatus", "ACTIVE"},
                    {"KeySchema", keySchema},
                    {"AttributeDefinitions", definitions},
                    {"ItemCount", all.size()},
                    {"TableSizeBytes", bytes},
                    {"CreationDateTime", 0},
                    {"BillingModeSummary", {{"BillingMode", "PAY_PER_REQUEST"}}},
                    {"ProvisionedThroughput",
                     {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}}},
                    {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}},
                    {"LatestStreamArn", tableArn(m_region, t.name) + "/stream/local"}};
    }

    Json listTables(const Json &request)
    {
        std::set<std::string> names;
        for (const Workflow &wf : m_design.workflows) {
            for (const Node &n : wf.nodes()) {
                if (n.kind == kinds::kTable)
                    names.insert(n.name);
            }
        }
        const std::string after = memberOf(request, "ExclusiveStartTableName").is_string()
                                      ? memberOf(request, "ExclusiveStartTableName").get<std::string>()
                                      : std::string();
        const long long limit = memberOf(request, "Limit").is_number_integer() ? memberOf(request, "Limit").get<long long>()
                                                                             : 100;
        if (limit < 1 || limit > 100)
            invalid("Limit must be from 1 to 100");
        Json out = Json::array();
        std::string last;
        for (auto it = names.upper_bound(after); it != names.end(); ++it) {
            if (static_cast<long long>(out.size()) == limit) {
                break;
            }
            out.push_back(*it);
            last = *it;
        }
        Json answer{{"TableNames", out}};
        if (static_cast<long long>(out.size()) == limit && names.upper_bound(last) != names.end())
            answer["LastEvaluatedTableName"] = last;
        return answer;
    }

    Backend &m_backend;
    const Workspace &m_design;
    ResourceData &m_data;
    std::string m_region;
};

http::Response errorResponse(const Failure &f)
{
    Json body = f.extra;
    body["__type"] = f.type;
    body["message"] = f.message;
    return jsonProtocolAnswer(f.type.ends_with("InternalServerError") ? 500 : 400, body);
}

} // namespace

std::vector<std::string> DynamoDb::keyNames(const Node &table)
{
    const Json config = NodeKindRegistry::instance().effectiveConfig(table);
    std::vector<std::string> names{config.value("partitionKey", std::string("id"))};
    if (config.contains("sortKey") && config["sortKey"].is_string() && !config["sortKey"].get<std::string>().empty())
        names.push_back(config["sortKey"].get<std::string>());
    return names;
}

Result<std::pair<std::string, Json>> DynamoDb::itemKey(const Node &table, const Json &typedItem)
{
    const std::vector<std::string> names = keyNames(table);
    if (!typedItem.is_object())
        return Status::invalidArgument("an item must be a map holding its key " + joined(names));
    Json keys = Json::object();
    Json canonical = Json::array();
    for (const std::string &name : names) {
        auto it = typedItem.find(name);
        if (it == typedItem.end())
            return Status::invalidArgument("Missing the key " + name + " in the item (table " + quote(table.name)
                                           + " is keyed by " + joined(names) + ")");
        const std::string type = typeOf(*it);
        if (type != "S" && type != "N" && type != "B")
            return Status::invalidArgument("key attribute " + quote(name) + " must be a string, a number or binary, not "
                                           + printable(it->dump()));
        if ((type == "S" || type == "B") && it->begin()->get_ref<const std::string &>().empty())
            return Status::invalidArgument("The AttributeValue for a key attribute cannot contain an empty "
                                           + std::string(type == "S" ? "string" : "binary") + " value. Key: " + name);
        keys[name] = *it;
        canonical.push_back(*it);
    }
    return std::pair<std::string, Json>{canonical.dump(), keys};
}

http::Response DynamoDb::handle(const http::Request &request, const std::string &operation)
{
    try {
        auto design = m_backend.design();
        ResourceData *data = m_backend.data();
        if (!design || !data)
            fail(std::string(kPrefix) + "InternalServerError", "the workspace is not running");
        Json body;
        try {
            body = request.body.empty() ? Json::object() : Json::parse(request.body);
        } catch (const Json::exception &e) {
            fail(kSerialization, std::string("the request body is not JSON: ") + e.what());
        }
        if (!body.is_object())
            fail(kSerialization, "the request body must be a JSON object");
        // An item nests at most 32 lists or maps, each two JSON levels: refuse
        // deeper bodies before anything copies or compares them (which recurses).
        if (nestsTooDeep(body, 100))
            fail(kSerialization, "the request body nests more than 100 levels deep (DynamoDB's items nest at most 32)");
        Handler handler(m_backend, *design, *data);
        return jsonProtocolAnswer(200, handler.run(operation, body));
    } catch (const Failure &f) {
        return errorResponse(f);
    } catch (const std::exception &e) {
        return errorResponse(Failure{std::string(kPrefix) + "InternalServerError",
                                     std::string("Stratus could not serve the request: ") + e.what()});
    }
}

} // namespace stratus::engine::services
