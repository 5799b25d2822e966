// stratus stats: statistics over the workspace's recorded invocations.

#include "commands.h"

#include "engine/meter/statistics.h"
#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QDateTime>

#include <chrono>
#include <cstdio>
#include <map>
#include <ostream>
#include <regex>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

/// "1h", "30m", "7d", "45s" back from now, or an ISO 8601 time; µs since the epoch.
Result<int64_t> parseSince(const std::string &text)
{
    std::smatch m;
    if (std::regex_match(text, m, std::regex(R"(^(\d+)([smhd])$)"))) {
        const long long unit = m[2] == "s" ? 1 : m[2] == "m" ? 60 : m[2] == "h" ? 3600 : 86400;
        // A century back is as far as an age may go (and far from overflowing).
        const std::string unitName = unit == 1 ? "seconds" : unit == 60 ? "minutes" : unit == 3600 ? "hours" : "days";
        auto age = parseWholeNumber(m[1].str(), "--since (in " + unitName + ", a century at most)", 0,
                                    100LL * 366 * 86400 / unit);
        if (!age)
            return age.status();
        const long long n = *age;
        const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
        return int64_t(now - n * unit * 1000000);
    }
    const QDateTime t = QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs);
    if (t.isValid())
        return int64_t(t.toMSecsSinceEpoch()) * 1000;
    return Status::invalidArgument("--since takes a time (2026-11-26T10:00:00Z) or an age (90s, 30m, 2h, 7d), not " + quote(text));
}

Json summaryJson(const InvocationStatistics::Summary &m)
{
    return {{"count", m.count}, {"errors", m.errors}, {"throttles", m.throttles},
            {"coldStarts", m.coldStarts}, {"errorRate", m.errorRate}, {"coldShare", m.coldShare},
            {"durationMs", {{"min", m.minMs}, {"mean", m.meanMs}, {"p50", m.p50Ms}, {"p90", m.p90Ms},
                            {"p95", m.p95Ms}, {"p99", m.p99Ms}, {"max", m.maxMs}}},
            {"percentiles", m.percentilesExact ? "exact" : "sketch (within 1%)"},
            {"throughputPerSecond", m.throughputPerSecond}, {"peakConcurrency", m.peakConcurrency},
            {"gbSeconds", m.gbSeconds}, {"cost", m.cost}};
}

} // namespace

int cmdStats(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "stats", "expected one FILE.stratus");
    int64_t since = 0;
    if (const auto s = args.value("--since")) {
        auto parsed = parseSince(*s);
        if (!parsed)
            return usageError(io, "stats", parsed.status().message());
        since = *parsed;
    }
    const std::string by = args.value("--by").value_or("");
    if (!by.empty() && by != "function" && by != "workflow")
        return usageError(io, "stats", "--by takes 'function' or 'workflow', not " + quote(by));
    std::string function = args.value("--function").value_or("");
    const std::string file = args.positionals()[0];
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return failure(io, store.status());
    if (!function.empty()) {
        auto name = functionNameFor(*store, file, function);
        if (!name)
            return failure(io, name.status());
        function = name.take();
    }
    InvocationStatistics total;
    std::map<std::string, InvocationStatistics> groups;
    InvocationStatistics *group = nullptr;
    std::string groupKey;
    Status s = scanInvocations(store->database(), since, function, [&](const HistoryEntry &e) {
        total.add(e.record, e.cost);
        if (by.empty())
            return;
        const std::string &key = by == "function" ? e.record.functionName : e.workflowId;
        if (!group || key != groupKey) {
            groupKey = key;
            group = &groups[key];
        }
        group->add(e.record, e.cost);
    });
    if (!s)
        return failure(io, s.withContext(quote(file)));
    const InvocationStatistics::Summary m = total.summary();
    if (m.count == 0 && !args.has("--json")) {
        // As `runs` says it: percentiles of nothing would be zeros that look measured.
        io.err << printable(file) << ": no invocations recorded" << (function.empty() ? "" : " for " + quote(function))
               << (since ? " in the time given" : "") << "\n";
        return kExitOk;
    }

    if (args.has("--json")) {
        Json report = {{"file", file}, {"function", function}, {"sinceUs", since}};
        report.update(summaryJson(m));
        if (!by.empty()) {
            Json list = Json::array();
            for (auto &[key, stats] : groups) {
                Json g = {{by, key}};
                g.update(summaryJson(stats.summary()));
                list.push_back(std::move(g));
            }
            report["by"] = by;
            report["groups"] = std::move(list);
        }
        io.out << report.dump(2) << "\n";
        return kExitOk;
    }
    char line[256];
    io.out << "Invocations of " << (function.empty() ? std::string("every function") : quote(function))
           << " in " << printable(file) << (since ? " since the time given" : "") << "\n";
    std::snprintf(line, sizeof line,
                  "  count %llu, errors %llu (%.2f %%), throttles %llu, cold starts %.1f %%\n",
                  static_cast<unsigned long long>(m.count), static_cast<unsigned long long>(m.errors),
                  m.errorRate * 100, static_cast<unsigned long long>(m.throttles), m.coldShare * 100);
    io.out << line;
    std::snprintf(line, sizeof line,
                  "  duration ms: min %.2f  mean %.2f  p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  max %.2f (%s)\n",
                  m.minMs, m.meanMs, m.p50Ms, m.p90Ms, m.p95Ms, m.p99Ms, m.maxMs,
                  m.percentilesExact ? "exact" : "sketch, within 1 %");
    io.out << line;
    std::snprintf(line, sizeof line, "  throughput %.1f/s, peak concurrency %d, %.3f GB-s, cost %s\n",
                  m.throughputPerSecond, m.peakConcurrency, m.gbSeconds, money(m.cost).c_str());
    io.out << line;
    if (!by.empty()) {
        std::snprintf(line, sizeof line, "\n  %-24s %10s %8s %10s %10s %14s\n", by == "function" ? "FUNCTION" : "WORKFLOW",
                      "COUNT", "ERRORS", "P50 MS", "P99 MS", "COST");
        io.out << line;
        for (auto &[key, stats] : groups) {
            const auto g = stats.summary();
            std::snprintf(line, sizeof line, "  %s %10llu %8llu %10.2f %10.2f %14s\n",
                          fitColumn(key.empty() ? std::string("(none)") : key, 24).c_str(),
                          static_cast<unsigned long long>(g.count), static_cast<unsigned long long>(g.errors),
                          g.p50Ms, g.p99Ms, money(g.cost).c_str());
            io.out << line;
        }
    }
    return kExitOk;
}

} // namespace stratus::cli
