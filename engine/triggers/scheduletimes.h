#pragma once

// When an EventBridge schedule fires, and the event it sends.

#include "engine/model/json.h"
#include "engine/model/schedule.h"

#include <QDateTime>
#include <QTimeZone>

#include <optional>
#include <string>

namespace stratus::engine::schedule {

/// The first time strictly after `after` at which `expression` fires, in
/// `zone` (the returned time carries it). An invalid zone means UTC,
/// EventBridge Scheduler's default. DST as EventBridge Scheduler handles it:
/// a cron time that a spring-forward skips does not fire that day (the next
/// fire is the next matching time that exists), and a time that the autumn
/// repeats fires once, at its first occurrence.
/// https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
/// A rate(N unit) fires at anchor + k*N of elapsed time for whole k >= 1,
/// whatever the zone (rate(1 day) is 24 hours across DST); EventBridge counts
/// from when the schedule was created, here from `rateAnchor`, when the
/// trigger started (an invalid anchor counts from `after`). cron fields:
/// minutes hours day-of-month month day-of-week year with `, - * / ? L W #`,
/// month and weekday names (JAN-DEC, SUN-SAT; day-of-week 1 = Sunday).
/// nullopt when it does not fire again before the year 2200 (a cron year
/// range that has passed, 30 FEB), or when `after` is invalid. Never throws;
/// the search steps over years, months and days that cannot match, so it
/// ends quickly even when nothing matches.
/// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
std::optional<QDateTime> nextFireTime(const ScheduleExpression &expression, const QTimeZone &zone,
                                      const QDateTime &after, const QDateTime &rateAnchor);

/// The EventBridge Scheduled Event: {"version": "0", "id", "detail-type":
/// "Scheduled Event", "source": "aws.events", "account", "time" (UTC,
/// seconds, "Z"; empty for an invalid time), "region", "resources":
/// [ruleArn], "detail" (a null detail is sent as {}, as AWS sends it)}.
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html
Json scheduledEvent(const std::string &id, const QDateTime &time, const std::string &region,
                    const std::string &accountId, const std::string &ruleArn, const Json &detail);

} // namespace stratus::engine::schedule
