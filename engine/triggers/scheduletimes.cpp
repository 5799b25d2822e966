// When an EventBridge schedule fires, and the event it sends.
//
// AWS pages followed:
//  - cron fields and wildcards (, - * ? / L W #, 1 = Sunday, years 1970-2199):
//    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
//  - rate and cron schedules, time zones, daylight saving time in EventBridge Scheduler:
//    https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
//    and AWS's knowledge-center answer on DST, which states the rule followed here: a
//    cron time that does not exist on a spring-forward day is skipped, a time the autumn
//    repeats runs once, and a day in a rate is 24 hours of elapsed time:
//    https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst
//  - the Scheduled Event and its example:
//    https://docs.aws.amazon.com/eventbridge/latest/userguide/event-reference.html
//    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html
//
// L alone in day-of-week is "the last day of the week" (AWS), Saturday. Where AWS says
// nothing, Quartz's CronExpression, whose syntax EventBridge's is, decides: "5/15" runs
// from 5 to the end of the field, and a range whose end is below its start wraps ("22-2"
// hours). 31W in a month of 30 days fires nowhere that month, as plain 31 does.

#include "scheduletimes.h"

#include <QString>

#include <array>
#include <bitset>
#include <cctype>
#include <charconv>
#include <span>
#include <string_view>
#include <vector>

namespace stratus::engine::schedule {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2199; // the cron year field's end; no search goes past it

/// One cron expression as the set of values each field admits. Day-of-month
/// and day-of-week also keep the items whose day depends on the month (L, W, #).
struct CronSets
{
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> days;           ///< 1-31
    bool lastDay = false;           ///< L
    bool lastWeekday = false;       ///< LW
    std::bitset<32> nearestWeekday; ///< 15W: bit 15
    std::bitset<13> months;         ///< 1-12
    std::bitset<8> weekdays;        ///< 1-7, 1 = Sunday
    std::bitset<8> lastOfMonth;     ///< 6L: bit 6
    std::array<std::bitset<8>, 6> nthOfMonth; ///< 2#1: nthOfMonth[1] bit 2
    std::bitset<kLastYear - kFirstYear + 1> years;
};

constexpr std::array<std::string_view, 12> kMonthNames = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {"SUN", "MON", "TUE", "WED",
                                                           "THU", "FRI", "SAT"};

struct Field
{
    int min;
    int max;
    int bitOffset; ///< value - bitOffset is the bit (the years start at 1970)
    std::span<const std::string_view> names;
};

constexpr Field kMinutes{0, 59, 0, {}};
constexpr Field kHours{0, 23, 0, {}};
constexpr Field kDays{1, 31, 0, {}};
constexpr Field kMonths{1, 12, 0, kMonthNames};
constexpr Field kWeekdays{1, 7, 0, kWeekdayNames};
constexpr Field kYears{kFirstYear, kLastYear, kFirstYear, {}};

bool parseNumber(std::string_view s, long long &out)
{
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

/// A value of `field` by number or name, within the field's range.
bool parseValue(const Field &field, std::string_view token, int &out)
{
    long long n = 0;
    if (!parseNumber(token, n)) {
        n = -1;
        for (size_t i = 0; i < field.names.size(); ++i) {
            if (field.names[i] == token)
                n = field.min + static_cast<long long>(i);
        }
    }
    if (n < field.min || n > field.max)
        return false;
    out = static_cast<int>(n);
    return true;
}

/// Sets the bits of one plain item: *, ?, a value, a range, each with an
/// optional /step.
template<size_t N>
bool addItem(const Field &field, std::string_view item, std::bitset<N> &bits)
{
    int first = field.min, last = field.max;
    long long step = 1;
    std::string_view range = item;
    const size_t slash = item.find('/');
    if (slash != std::string_view::npos) {
        if (!parseNumber(item.substr(slash + 1), step) || step <= 0)
            return false;
        range = item.substr(0, slash);
    }
    if (range == "*" || range == "?") {
        // the whole field
    } else if (const size_t dash = range.find('-'); dash != std::string_view::npos) {
        if (!parseValue(field, range.substr(0, dash), first)
            || !parseValue(field, range.substr(dash + 1), last))
            return false;
    } else {
        if (!parseValue(field, range, first))
            return false;
        last = slash == std::string_view::npos ? first : field.max; // "5/15": from 5 on
    }
    const int span = field.max - field.min + 1;
    const long long count = last >= first ? last - first + 1
                                          : (field.max - first + 1) + (last - field.min + 1);
    for (long long i = 0; i < count; i += step) {
        int value = first + static_cast<int>(i);
        if (value > field.max)
            value -= span;
        bits.set(static_cast<size_t>(value - field.bitOffset));
    }
    return true;
}

std::vector<std::string> splitItems(const std::string &text)
{
    std::vector<std::string> items(1);
    for (char c : text) {
        if (c == ',')
            items.emplace_back();
        else
            items.back() += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return items;
}

template<size_t N>
bool addPlainField(const Field &field, const std::string &text, std::bitset<N> &bits)
{
    for (const std::string &item : splitItems(text)) {
        if (!addItem(field, item, bits))
            return false;
    }
    return true;
}

bool addDayOfMonthField(const std::string &text, CronSets &sets)
{
    for (const std::string &item : splitItems(text)) {
        int day = 0;
        if (item == "L")
            sets.lastDay = true;
        else if (item == "LW")
            sets.lastWeekday = true;
        else if (item.size() > 1 && item.back() == 'W'
                 && parseValue(kDays, std::string_view(item).substr(0, item.size() - 1), day))
            sets.nearestWeekday.set(static_cast<size_t>(day));
        else if (!addItem(kDays, item, sets.days))
            return false;
    }
    return true;
}

bool addDayOfWeekField(const std::string &text, CronSets &sets)
{
    for (const std::string &item : splitItems(text)) {
        const std::string_view view(item);
        int weekday = 0;
        long long nth = 0;
        if (item == "L") {
            sets.weekdays.set(7); // the last day of the week
        } else if (item.size() > 1 && item.back() == 'L') {
            if (!parseValue(kWeekdays, view.substr(0, item.size() - 1), weekday))
                return false;
            sets.lastOfMonth.set(static_cast<size_t>(weekday));
        } else if (const size_t hash = item.find('#'); hash != std::string::npos) {
            if (!parseValue(kWeekdays, view.substr(0, hash), weekday)
                || !parseNumber(view.substr(hash + 1), nth) || nth < 1 || nth > 5)
                return false;
            sets.nthOfMonth[static_cast<size_t>(nth)].set(static_cast<size_t>(weekday));
        } else if (!addItem(kWeekdays, item, sets.weekdays)) {
            return false;
        }
    }
    return true;
}

std::optional<CronSets> cronSets(const ScheduleExpression &expression)
{
    CronSets sets;
    const auto &f = expression.cronFields;
    if (!addPlainField(kMinutes, f[0], sets.minutes) || !addPlainField(kHours, f[1], sets.hours)
        || !addDayOfMonthField(f[2], sets) || !addPlainField(kMonths, f[3], sets.months)
        || !addDayOfWeekField(f[4], sets) || !addPlainField(kYears, f[5], sets.years))
        return std::nullopt;
    return sets;
}

/// The weekday of `month` nearest its day `day` (15W), never leaving the
/// month; 0 when the month has no such day.
int nearestWeekdayOf(QDate month, int day)
{
    const int length = month.daysInMonth();
    if (day > length)
        return 0;
    switch (QDate(month.year(), month.month(), day).dayOfWeek()) {
    case Qt::Saturday:
        return day == 1 ? 3 : day - 1;
    case Qt::Sunday:
        return day == length ? day - 2 : day + 1;
    default:
        return day;
    }
}

bool dayMatches(const CronSets &sets, QDate date)
{
    const int day = date.day(), length = date.daysInMonth();
    bool inMonth = sets.days[static_cast<size_t>(day)] || (sets.lastDay && day == length)
                   || (sets.lastWeekday && day == nearestWeekdayOf(date, length));
    for (int n = 1; !inMonth && sets.nearestWeekday.any() && n <= 31; ++n)
        inMonth = sets.nearestWeekday[static_cast<size_t>(n)] && nearestWeekdayOf(date, n) == day;
    if (!inMonth)
        return false;
    const auto weekday = static_cast<size_t>(date.dayOfWeek() % 7 + 1); // Qt's 7 = Sunday -> 1
    const auto nth = static_cast<size_t>((day - 1) / 7 + 1);
    return sets.weekdays[weekday] || (sets.lastOfMonth[weekday] && day + 7 > length)
           || sets.nthOfMonth[nth][weekday];
}

QDateTime utcAt(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
}

/// The first instant at which the clock of `zone` reads `date` at
/// `minuteOfDay`, or nullopt when the clock skips that reading. Computed from
/// the zone's offsets rather than QDateTime's constructor, whose choice in a
/// gap or an overlap Qt 6.4 does not let us pick.
std::optional<qint64> firstInstantAt(const QTimeZone &zone, QDate date, int minuteOfDay)
{
    constexpr qint64 kEpochJulianDay = 2440588;
    constexpr qint64 kOffsetBound = 18 * 3600; // no zone is further than this from UTC
    const qint64 wall = (date.toJulianDay() - kEpochJulianDay) * 86400 + qint64(minuteOfDay) * 60;
    // The instant lies within kOffsetBound of the reading taken as UTC, so the
    // offsets in force over that window are all the candidates.
    const QDateTime from = utcAt(wall - kOffsetBound), to = utcAt(wall + kOffsetBound);
    std::vector<int> offsets{zone.offsetFromUtc(from), zone.offsetFromUtc(to)};
    if (zone.hasTransitions()) {
        for (const auto &t : zone.transitions(from, to))
            offsets.push_back(t.offsetFromUtc);
    }
    std::optional<qint64> first;
    for (int offset : offsets) {
        const qint64 instant = wall - offset;
        if (zone.offsetFromUtc(utcAt(instant)) == offset && (!first || instant < *first))
            first = instant;
    }
    return first;
}

/// Walks the zone's wall clock forward from `after`, skipping months and days
/// that cannot match, so that a yearly or never-again expression costs at
/// most one step per day up to 2199.
std::optional<QDateTime> nextCronTime(const CronSets &sets, const QTimeZone &zone,
                                      const QDateTime &after)
{
    const qint64 afterMs = after.toMSecsSinceEpoch();
    const QDateTime local = after.toTimeZone(zone);
    QDate date = local.date();
    int fromMinute = local.time().hour() * 60 + local.time().minute() + 1;
    while (date.isValid() && date.year() <= kLastYear) {
        if (date.year() < kFirstYear) {
            date = QDate(kFirstYear, 1, 1);
            fromMinute = 0;
            continue;
        }
        if (!sets.years[static_cast<size_t>(date.year() - kFirstYear)]) {
            date = QDate(date.year() + 1, 1, 1);
            fromMinute = 0;
            continue;
        }
        if (!sets.months[static_cast<size_t>(date.month())]) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            fromMinute = 0;
            continue;
        }
        const int lastMinute = dayMatches(sets, date) ? 24 * 60 - 1 : -1;
        for (int minute = fromMinute; minute <= lastMinute; ++minute) {
            if (!sets.hours[static_cast<size_t>(minute / 60)]) {
                minute = minute / 60 * 60 + 59;
                continue;
            }
            if (!sets.minutes[static_cast<size_t>(minute % 60)])
                continue;
            // A reading the spring-forward skips does not fire (AWS). One the
            // autumn repeats fired at its first occurrence; when `after` is in
            // the repeat, that occurrence is behind us and is not fired again.
            const std::optional<qint64> instant = firstInstantAt(zone, date, minute);
            if (instant && *instant * 1000 > afterMs)
                return QDateTime::fromSecsSinceEpoch(*instant, zone);
        }
        date = date.addDays(1);
        fromMinute = 0;
    }
    return std::nullopt;
}

std::optional<QDateTime> nextRateTime(long long rateSeconds, const QTimeZone &zone,
                                      const QDateTime &after, const QDateTime &rateAnchor)
{
    const QDateTime anchor = rateAnchor.isValid() ? rateAnchor : after;
    const qint64 horizonMs = QDateTime(QDate(kLastYear + 1, 1, 1), QTime(0, 0), QTimeZone::utc())
                                 .toMSecsSinceEpoch();
    const qint64 earliestMs = QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone::utc())
                                  .toMSecsSinceEpoch();
    const qint64 anchorMs = anchor.toMSecsSinceEpoch(), afterMs = after.toMSecsSinceEpoch();
    // Bounding both ends keeps every product below within 64 bits.
    if (rateSeconds <= 0 || anchorMs < earliestMs || anchorMs >= horizonMs || afterMs >= horizonMs
        || rateSeconds > (horizonMs - anchorMs) / 1000)
        return std::nullopt;
    const qint64 rateMs = rateSeconds * 1000;
    const qint64 periods = afterMs < anchorMs ? 1 : (afterMs - anchorMs) / rateMs + 1;
    const qint64 nextMs = anchorMs + periods * rateMs;
    if (nextMs >= horizonMs)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(nextMs, zone);
}

} // namespace

std::optional<QDateTime> nextFireTime(const ScheduleExpression &expression, const QTimeZone &zone,
                                      const QDateTime &after, const QDateTime &rateAnchor)
{
    if (!after.isValid())
        return std::nullopt;
    const QTimeZone in = zone.isValid() ? zone : QTimeZone::utc();
    if (expression.type == ScheduleExpression::Type::Rate)
        return nextRateTime(expression.rateSeconds, in, after, rateAnchor);
    const std::optional<CronSets> sets = cronSets(expression);
    if (!sets)
        return std::nullopt;
    return nextCronTime(*sets, in, after);
}

Json scheduledEvent(const std::string &id, const QDateTime &time, const std::string &region,
                    const std::string &accountId, const std::string &ruleArn, const Json &detail)
{
    const QString when = time.isValid()
                             ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))
                             : QString();
    Json event = Json::object();
    event["version"] = "0";
    event["id"] = id;
    event["detail-type"] = "Scheduled Event";
    event["source"] = "aws.events";
    event["account"] = accountId;
    event["time"] = when.toStdString();
    event["region"] = region;
    event["resources"] = Json::array({ruleArn});
    event["detail"] = detail.is_null() ? Json::object() : detail;
    return event;
}

} // namespace stratus::engine::schedule
