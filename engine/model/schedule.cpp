#include "schedule.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>
#include <vector>

namespace stratus::engine {

namespace {

std::string trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep))
        parts.push_back(part);
    if (!s.empty() && s.back() == sep)
        parts.emplace_back();
    return parts;
}

bool parseNumber(std::string_view s, long long &out)
{
    if (s.empty() || s.size() > 12)
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

Result<ScheduleExpression> parseRate(const std::string &body)
{
    std::istringstream in(body);
    std::string value, unit, extra;
    in >> value >> unit >> extra;
    long long n = 0;
    if (!parseNumber(value, n) || n <= 0)
        return Status::invalidArgument("rate value '" + value + "' is not a positive whole number");
    if (unit.empty())
        return Status::invalidArgument("rate needs a unit: minute(s), hour(s) or day(s)");
    if (!extra.empty())
        return Status::invalidArgument("rate takes a value and a unit, found more: '" + extra + "'");
    static const std::array<std::pair<const char *, long long>, 3> units = {
        {{"minute", 60}, {"hour", 3600}, {"day", 86400}}};
    for (const auto &[singular, seconds] : units) {
        const std::string plural = std::string(singular) + "s";
        if (unit == singular || unit == plural) {
            // EventBridge insists on "1 minute" and "5 minutes".
            if (n == 1 && unit != singular)
                return Status::invalidArgument("rate of 1 takes the singular unit '"
                                               + std::string(singular) + "'");
            if (n != 1 && unit != plural)
                return Status::invalidArgument("rate of " + value + " takes the plural unit '"
                                               + plural + "'");
            ScheduleExpression e;
            e.type = ScheduleExpression::Type::Rate;
            e.rateSeconds = n * seconds;
            return e;
        }
    }
    return Status::invalidArgument("rate unit '" + unit + "' is not minute(s), hour(s) or day(s)");
}

struct CronField
{
    const char *name;
    long long min;
    long long max;
    std::vector<std::string> names; // JAN.., SUN.. mapped to min + index
    bool allowsQuestion;
    bool allowsL;
    bool allowsW;
    bool allowsHash;
};

bool valueOf(const CronField &f, const std::string &token, long long &out)
{
    if (parseNumber(token, out))
        return true;
    std::string upper = token;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (size_t i = 0; i < f.names.size(); ++i) {
        if (f.names[i] == upper) {
            out = f.min + static_cast<long long>(i);
            return true;
        }
    }
    return false;
}

Status checkValue(const CronField &f, const std::string &token, const std::string &item)
{
    long long v = 0;
    if (!valueOf(f, token, v))
        return Status::invalidArgument(std::string("cron ") + f.name + " field '" + item
                                       + "': '" + token + "' is not a value");
    if (v < f.min || v > f.max)
        return Status::invalidArgument(std::string("cron ") + f.name + " field '" + item + "': "
                                       + token + " is out of range " + std::to_string(f.min)
                                       + "-" + std::to_string(f.max));
    return Status::ok();
}

Status checkCronItem(const CronField &f, const std::string &item)
{
    const std::string where = std::string("cron ") + f.name + " field '" + item + "'";
    if (item.empty())
        return Status::invalidArgument(std::string("cron ") + f.name + " field has an empty item");
    if (item == "*")
        return Status::ok();
    if (item == "?")
        return f.allowsQuestion ? Status::ok()
                                : Status::invalidArgument(where + ": ? is only allowed in "
                                                                  "day-of-month and day-of-week");
    if (f.allowsL && (item == "L" || (f.allowsW && item == "LW")))
        return Status::ok();
    if (f.allowsW && item.size() > 1 && item.back() == 'W')
        return checkValue(f, item.substr(0, item.size() - 1), item);
    if (f.allowsL && item.size() > 1 && item.back() == 'L' && f.allowsHash)
        return checkValue(f, item.substr(0, item.size() - 1), item); // "5L": last Thursday
    if (f.allowsHash && item.find('#') != std::string::npos) {
        auto parts = split(item, '#');
        long long nth = 0;
        if (parts.size() != 2 || !parseNumber(parts[1], nth) || nth < 1 || nth > 5)
            return Status::invalidArgument(where + ": expected DAY#N with N from 1 to 5");
        return checkValue(f, parts[0], item);
    }
    std::string range = item;
    if (auto slash = item.find('/'); slash != std::string::npos) {
        range = item.substr(0, slash);
        long long step = 0;
        if (!parseNumber(item.substr(slash + 1), step) || step <= 0)
            return Status::invalidArgument(where + ": the increment after / must be a positive "
                                                   "whole number");
        if (range == "*")
            return Status::ok();
    }
    if (auto dash = range.find('-'); dash != std::string::npos) {
        const std::string lo = range.substr(0, dash), hi = range.substr(dash + 1);
        if (Status s = checkValue(f, lo, item); !s)
            return s;
        return checkValue(f, hi, item);
    }
    return checkValue(f, range, item);
}

Result<ScheduleExpression> parseCron(const std::string &body)
{
    std::istringstream in(body);
    std::vector<std::string> fields;
    for (std::string f; in >> f;)
        fields.push_back(f);
    if (fields.size() != 6)
        return Status::invalidArgument("cron needs 6 fields (minutes hours day-of-month month "
                                       "day-of-week year), found "
                                       + std::to_string(fields.size()));
    static const std::array<CronField, 6> spec = {{
        {"minutes", 0, 59, {}, false, false, false, false},
        {"hours", 0, 23, {}, false, false, false, false},
        {"day-of-month", 1, 31, {}, true, true, true, false},
        {"month", 1, 12,
         {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"},
         false, false, false, false},
        {"day-of-week", 1, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, true, true,
         false, true},
        {"year", 1970, 2199, {}, false, false, false, false},
    }};
    ScheduleExpression e;
    e.type = ScheduleExpression::Type::Cron;
    for (size_t i = 0; i < 6; ++i) {
        for (const std::string &item : split(fields[i], ',')) {
            if (Status s = checkCronItem(spec[i], item); !s)
                return s;
        }
        e.cronFields[i] = fields[i];
    }
    // EventBridge: one of day-of-month and day-of-week must be '?'.
    const bool domQ = fields[2] == "?", dowQ = fields[4] == "?";
    if (domQ == dowQ)
        return Status::invalidArgument(
            "cron: exactly one of day-of-month and day-of-week must be '?' (found '" + fields[2]
            + "' and '" + fields[4] + "')");
    return e;
}

} // namespace

Result<ScheduleExpression> parseScheduleExpression(std::string_view text)
{
    const std::string t = trim(text);
    auto body = [&](std::string_view prefix) -> std::optional<std::string> {
        if (t.size() > prefix.size() + 1 && t.compare(0, prefix.size(), prefix) == 0
            && t[prefix.size()] == '(' && t.back() == ')')
            return t.substr(prefix.size() + 1, t.size() - prefix.size() - 2);
        return std::nullopt;
    };
    if (auto b = body("rate"))
        return parseRate(*b);
    if (auto b = body("cron"))
        return parseCron(*b);
    return Status::invalidArgument("'" + t + "' is not rate(N unit) or cron(...)");
}

} // namespace stratus::engine
