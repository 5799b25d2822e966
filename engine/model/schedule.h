#pragma once

#include "status.h"

#include <string>
#include <string_view>

namespace stratus::engine {

/// A parsed EventBridge schedule expression: rate(N unit) or cron(6 fields).
/// See https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
struct ScheduleExpression
{
    enum class Type { Rate, Cron };
    Type type = Type::Rate;
    long long rateSeconds = 0; ///< for Rate
    std::string cronFields[6]; ///< for Cron: minutes hours day-of-month month day-of-week year
};

/// Parses and checks an expression. On failure the status says which part is
/// wrong and why (e.g. "cron hours field '25': 25 is out of range 0-23").
Result<ScheduleExpression> parseScheduleExpression(std::string_view text);

} // namespace stratus::engine
