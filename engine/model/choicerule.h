#pragma once

#include "json.h"

#include <string>
#include <vector>

namespace stratus::engine {

/// The comparison operators of a choice condition (Step Functions Choice
/// state comparisons, in lowerCamelCase as the workspace format writes them).
/// Each operator expects a value of one type.
enum class ChoiceOperand { String, Number, Boolean, Timestamp, Path, StringPattern };

struct ChoiceOperator
{
    const char *name;
    ChoiceOperand operand;
};

const std::vector<ChoiceOperator> &choiceOperators();

/// Checks one condition: {"variable": "$.x", "<operator>": value}, or
/// {"and": [...]}, {"or": [...]}, {"not": {...}}. Returns every problem, each
/// naming where in the condition it is ("rules[1].condition.and[0]").
std::vector<std::string> checkChoiceCondition(const Json &condition, const std::string &where);

/// True when `text` is a JSONPath that a Choice variable can hold: "$" then
/// .name or [index] steps.
bool isChoicePath(const std::string &text);

/// True for an RFC 3339 timestamp such as 2026-11-26T15:04:05Z.
bool isRfc3339Timestamp(const std::string &text);

} // namespace stratus::engine
