#pragma once

// DynamoDB's attribute values ({"S": "x"}, {"N": "1.5"}, {"M": {...}}, ...)
// as the local endpoint reads, checks, compares and sizes them.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <optional>
#include <string>

namespace stratus::engine::services::ddb {

/// Checks an attribute value sent by a client and writes its numbers in
/// DynamoDB's form ("1.50" → "1.5"), in place. The status names `where` and
/// the rule broken (exactly one type, no empty or duplicate sets, numbers
/// DynamoDB can hold, 32 levels of nesting).
Status normalizeValue(Json &value, const std::string &where);
/// Every attribute of an item, as normalizeValue (names must not be empty).
Status normalizeItem(Json &item, const std::string &where);

/// The value's type key ("S", "N", "SS", "M"...); empty for a malformed one.
std::string typeOf(const Json &value);

/// Equality as DynamoDB sees it: sets and maps in any order, numbers by value.
bool valuesEqual(const Json &a, const Json &b);
/// Order of two scalars of one type (S and B by bytes, N by value); nothing
/// when they are of different types or not S, N or B.
std::optional<int> compareScalars(const Json &a, const Json &b);

/// The size DynamoDB counts against its 400 KB item limit: names and values
/// (strings and binaries by bytes, numbers by their digits).
size_t itemSize(const Json &item);
constexpr size_t kMaxItemBytes = 400 * 1024;

/// An N value for a number computed here.
Json numberValue(const std::string &decimalText);

} // namespace stratus::engine::services::ddb
