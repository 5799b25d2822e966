#pragma once

// DynamoDB's expression language: condition, filter and key condition
// expressions, update expressions and projection expressions, parsed with
// the request's ExpressionAttributeNames/Values and evaluated on items.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
//
// Errors are invalidArgument statuses worded as DynamoDB's ValidationException
// messages, with the position (character, counted from 1) of a syntax error.

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace stratus::engine::services::ddb {

/// One step of a document path: an attribute name, or a list index.
struct PathElement
{
    std::string name;
    int index = -1; ///< >= 0: a list element
    bool operator==(const PathElement &) const = default;
};
using Path = std::vector<PathElement>;
/// "a.b[2]"
std::string pathText(const Path &path);

struct Operand
{
    enum class Kind { Path, Value, Size, IfNotExists, ListAppend, Plus, Minus };
    Kind kind = Kind::Value;
    Path path;  ///< Path, Size, IfNotExists
    Json value; ///< Value
    std::vector<Operand> args;
};

struct Condition
{
    enum class Kind {
        Compare, Between, In, AttributeExists, AttributeNotExists, AttributeType, BeginsWith, Contains,
        And, Or, Not
    };
    Kind kind = Kind::Compare;
    std::string comparator; ///< Compare: = <> < <= > >=
    std::vector<Operand> operands;
    std::vector<Condition> children; ///< And, Or, Not
};

struct UpdateAction
{
    enum class Kind { Set, Remove, Add, Delete };
    Kind kind = Kind::Set;
    Path path;
    Operand value; ///< Set, Add, Delete
};

/// A Query's key condition: the partition key's value, and what the sort key must meet.
struct KeyCondition
{
    Json partitionValue;
    std::optional<Condition> sortKey; ///< a Compare, Between or BeginsWith on the sort key
};

/// The expressions of one request, with its ExpressionAttributeNames and
/// ExpressionAttributeValues. Each expression field is parsed once; then
/// checkAllUsed() says whether a name or value was sent for nothing (which
/// DynamoDB refuses).
class Expressions
{
public:
    /// Reads and checks the request's ExpressionAttributeNames and Values.
    static Result<Expressions> of(const Json &request);

    /// The condition in `request[field]` (ConditionExpression,
    /// FilterExpression); none when absent.
    Result<std::optional<Condition>> condition(const Json &request, const char *field);
    Result<std::vector<UpdateAction>> update(const std::string &text);
    Result<std::vector<Path>> projection(const Json &request);
    Result<KeyCondition> keyCondition(const std::string &text, const std::string &partitionKey,
                                      const std::string &sortKey);
    Status checkAllUsed() const;

private:
    friend class Parser;
    Json m_names = Json::object();
    Json m_values = Json::object();
    std::set<std::string> m_usedNames;
    std::set<std::string> m_usedValues;
};

/// The value at `path` in `item`, or null when there is none.
const Json *valueAt(const Json &item, const Path &path);
bool evaluate(const Condition &condition, const Json &item);

/// `item` with the update applied (every operand read from the item as it
/// was). Fails as DynamoDB does for a key attribute, overlapping paths, a
/// missing attribute in an operand, or wrong types. `updated` receives the
/// top-level attributes the update touched (ReturnValues UPDATED_*).
Result<Json> applyUpdate(const std::vector<UpdateAction> &actions, const Json &item,
                         const std::vector<std::string> &keyNames, std::set<std::string> *updated = nullptr);

/// Only the attributes at `paths` (nested ones keep their parents).
Json project(const Json &item, const std::vector<Path> &paths);

} // namespace stratus::engine::services::ddb
