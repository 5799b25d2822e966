// engine/triggers/scheduletimes.h: when a rate or cron schedule fires next,
// in its time zone and across DST, and the Scheduled Event it sends.
//
// How the expected times were checked: weekdays and month lengths against
// `python3 -c "import calendar; print(calendar.month(Y, M))"` (the month
// grids are quoted where a row depends on them); DST transitions against
// `zdump -v -c 2026,2027 America/New_York Europe/Berlin`:
//   New York: 2026-03-08 01:59:59 EST -> 03:00 EDT (07:00Z);
//             2026-11-01 01:59:59 EDT -> 01:00 EST (06:00Z), 01:xx happens twice.
//   Berlin:   2026-03-29 01:59:59 CET -> 03:00 CEST (01:00Z);
//             2026-10-25 02:59:59 CEST -> 02:00 CET (01:00Z), 02:xx happens twice.

#include "engine/triggers/scheduletimes.h"

#include <QElapsedTimer>
#include <QTest>

using namespace stratus::engine;

namespace {

ScheduleExpression parsed(const QString &text)
{
    auto result = parseScheduleExpression(text.toStdString());
    if (!result)
        qFatal("test expression %s does not parse: %s", qPrintable(text),
               result.status().message().c_str());
    return result.value();
}

QTimeZone zoneNamed(const QByteArray &name)
{
    return name.isEmpty() ? QTimeZone() : QTimeZone(name);
}

/// A time in a zone as text: its wall clock and offset (a UTC zone's offset
/// written as the tables write it, Z).
QString shown(const QDateTime &t)
{
    QString text = t.toString(Qt::ISODate);
    if (text.endsWith(QLatin1String("+00:00")))
        text.replace(text.size() - 6, 6, QStringLiteral("Z"));
    return text;
}

QDateTime at(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        qFatal("test time %s does not parse", qPrintable(iso));
    return t;
}

} // namespace

class TestScheduleTimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rateCountsWholePeriodsFromTheAnchor_data();
    void rateCountsWholePeriodsFromTheAnchor();
    void cronFieldsPickMinutesHoursMonthsAndYears_data();
    void cronFieldsPickMinutesHoursMonthsAndYears();
    void cronDaysDependOnTheMonth_data();
    void cronDaysDependOnTheMonth();
    void cronReadsTheZonesWallClockAcrossDst_data();
    void cronReadsTheZonesWallClockAcrossDst();
    void searchesThatFindNothingEndQuickly();
    void inputsThatMeanNothingGiveNoTime();
    void scheduledEventHasAwsShape();
    void scheduledEventTimeIsUtcSecondsAndDetailDefaultsToObject();

private:
    void addCronColumns();
    void checkCronRow();
};

void TestScheduleTimes::rateCountsWholePeriodsFromTheAnchor_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected"); // in the zone; empty: never
    const QString noon = QStringLiteral("2026-11-30T12:00:00Z");
    QTest::newRow("5 minutes, mid-period") << "rate(5 minutes)" << QByteArray("UTC") << noon
                                           << "2026-11-30T12:07:30Z" << "2026-11-30T12:10:00Z";
    QTest::newRow("5 minutes, at a fire time: the next one")
        << "rate(5 minutes)" << QByteArray("UTC") << noon << "2026-11-30T12:10:00Z"
        << "2026-11-30T12:15:00Z";
    QTest::newRow("at the anchor: one period later, not the anchor")
        << "rate(5 minutes)" << QByteArray("UTC") << noon << noon << "2026-11-30T12:05:00Z";
    QTest::newRow("before the anchor: k >= 1")
        << "rate(5 minutes)" << QByteArray("UTC") << noon << "2026-11-30T11:00:00Z"
        << "2026-11-30T12:05:00Z";
    QTest::newRow("the anchor's seconds are kept")
        << "rate(1 minute)" << QByteArray("UTC") << "2026-11-30T12:00:30Z"
        << "2026-11-30T12:05:00Z" << "2026-11-30T12:05:30Z";
    QTest::newRow("2 hours, a millisecond before")
        << "rate(2 hours)" << QByteArray("UTC") << noon << "2026-11-30T13:59:59.999Z"
        << "2026-11-30T14:00:00Z";
    QTest::newRow("1 day") << "rate(1 day)" << QByteArray("UTC") << noon << "2026-12-05T12:00:00Z"
                           << "2026-12-06T12:00:00Z";
    // 12:00 + 3 days = Dec 3 12:00, + 6 days = Dec 6 12:00.
    QTest::newRow("3 days") << "rate(3 days)" << QByteArray("UTC") << noon
                            << "2026-12-04T00:00:00Z" << "2026-12-06T12:00:00Z";
    // AWS: a day in a rate is 24 hours, so across Berlin's spring-forward the
    // wall clock moves from 12:00 CET to 13:00 CEST.
    QTest::newRow("1 day is 24 hours across spring-forward")
        << "rate(1 day)" << QByteArray("Europe/Berlin") << "2026-03-28T12:00:00+01:00"
        << "2026-03-28T12:00:00+01:00" << "2026-03-29T13:00:00+02:00";
    QTest::newRow("past 2199: never") << "rate(999999999999 days)" << QByteArray("UTC") << noon
                                      << noon << QString();
}

void TestScheduleTimes::rateCountsWholePeriodsFromTheAnchor()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, zone);
    QFETCH(QString, anchor);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    const auto next =
        schedule::nextFireTime(parsed(expression), zoneNamed(zone), at(after), at(anchor));
    if (expected.isEmpty()) {
        QVERIFY2(!next, next ? qPrintable(shown(*next)) : "");
        return;
    }
    QVERIFY(next);
    QCOMPARE(shown(*next), expected);
    QCOMPARE(next->toMSecsSinceEpoch(), at(expected).toMSecsSinceEpoch());
}

void TestScheduleTimes::addCronColumns()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("zone"); // empty: no zone given
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected"); // in the zone, with its offset; empty: never
}

void TestScheduleTimes::checkCronRow()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, zone);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    const auto next =
        schedule::nextFireTime(parsed(expression), zoneNamed(zone), at(after), QDateTime());
    if (expected.isEmpty()) {
        QVERIFY2(!next, next ? qPrintable(shown(*next)) : "");
        return;
    }
    QVERIFY(next);
    // The text pins the wall clock and the offset; the instant must agree.
    QCOMPARE(shown(*next), expected);
    QCOMPARE(next->toMSecsSinceEpoch(), at(expected).toMSecsSinceEpoch());
}

void TestScheduleTimes::cronFieldsPickMinutesHoursMonthsAndYears_data()
{
    addCronColumns();
    const QByteArray utc("UTC");
    QTest::newRow("*/5") << "cron(*/5 * * * ? *)" << utc << "2026-11-30T12:02:10Z"
                         << "2026-11-30T12:05:00Z";
    QTest::newRow("*/5, at a fire time: strictly after")
        << "cron(*/5 * * * ? *)" << utc << "2026-11-30T12:05:00Z" << "2026-11-30T12:10:00Z";
    QTest::newRow("*/5 across midnight and the month's end")
        << "cron(*/5 * * * ? *)" << utc << "2026-11-30T23:58:00Z" << "2026-12-01T00:00:00Z";
    QTest::newRow("0/15 into the next hour")
        << "cron(0/15 * * * ? *)" << utc << "2026-11-30T12:46:00Z" << "2026-11-30T13:00:00Z";
    // AWS's own example: 1/10 is minutes 1, 11, 21, ... 51.
    QTest::newRow("1/10") << "cron(1/10 * * * ? *)" << utc << "2026-11-30T12:52:00Z"
                          << "2026-11-30T13:01:00Z";
    QTest::newRow("5-30/5 after its last minute")
        << "cron(5-30/5 * * * ? *)" << utc << "2026-11-30T10:31:00Z" << "2026-11-30T11:05:00Z";
    QTest::newRow("hour list") << "cron(0 8,12,18 * * ? *)" << utc << "2026-11-30T12:00:00Z"
                               << "2026-11-30T18:00:00Z";
    QTest::newRow("hour range wrapping midnight (22-2)")
        << "cron(0 22-2 * * ? *)" << utc << "2026-11-30T02:30:00Z" << "2026-11-30T22:00:00Z";
    // November 2026: Fri 27, Sat 28, Sun 29, Mon 30.
    QTest::newRow("MON-FRI from a Friday") << "cron(0 9 ? * MON-FRI *)" << utc
                                           << "2026-11-27T10:00:00Z" << "2026-11-30T09:00:00Z";
    QTest::newRow("2-6 is MON-FRI") << "cron(0 9 ? * 2-6 *)" << utc << "2026-11-27T10:00:00Z"
                                    << "2026-11-30T09:00:00Z";
    QTest::newRow("lower-case names") << "cron(0 9 ? * mon-fri *)" << utc
                                      << "2026-11-27T10:00:00Z" << "2026-11-30T09:00:00Z";
    QTest::newRow("1 is Sunday") << "cron(0 9 ? * 1 *)" << utc << "2026-11-27T10:00:00Z"
                                 << "2026-11-29T09:00:00Z";
    // December 2026: Tue 1, Fri 4.
    QTest::newRow("FRI-MON wraps over the weekend")
        << "cron(0 9 ? * FRI-MON *)" << utc << "2026-12-01T10:00:00Z" << "2026-12-04T09:00:00Z";
    // Wed 25 -> Sat 28.
    QTest::newRow("SAT,SUN") << "cron(0 9 ? * SAT,SUN *)" << utc << "2026-11-25T10:00:00Z"
                             << "2026-11-28T09:00:00Z";
    QTest::newRow("month names") << "cron(0 0 1 JAN,JUL ? *)" << utc << "2026-03-10T00:00:00Z"
                                 << "2026-07-01T00:00:00Z";
    QTest::newRow("*/3 months: 1, 4, 7, 10") << "cron(0 0 1 */3 ? *)" << utc
                                             << "2026-11-30T00:00:00Z" << "2027-01-01T00:00:00Z";
    QTest::newRow("year range ahead") << "cron(0 0 1 1 ? 2030-2032)" << utc
                                      << "2026-11-30T00:00:00Z" << "2030-01-01T00:00:00Z";
    QTest::newRow("year range passed: never") << "cron(0 0 1 1 ? 2020-2025)" << utc
                                              << "2026-11-30T00:00:00Z" << QString();
    QTest::newRow("after the last time of its year: never")
        << "cron(0 12 31 12 ? 2026)" << utc << "2026-12-31T12:00:00Z" << QString();
    QTest::newRow("2199 is the last year") << "cron(0 0 1 1 ? *)" << utc
                                           << "2198-06-01T00:00:00Z" << "2199-01-01T00:00:00Z";
    QTest::newRow("nothing after 2199") << "cron(0 0 1 1 ? *)" << utc << "2199-01-01T00:00:00Z"
                                        << QString();
}

void TestScheduleTimes::cronFieldsPickMinutesHoursMonthsAndYears()
{
    checkCronRow();
}

void TestScheduleTimes::cronDaysDependOnTheMonth_data()
{
    addCronColumns();
    const QByteArray utc("UTC");
    QTest::newRow("L: 30-day month") << "cron(0 0 L * ? *)" << utc << "2026-11-10T00:00:00Z"
                                     << "2026-11-30T00:00:00Z";
    QTest::newRow("L: February 2027") << "cron(0 0 L * ? *)" << utc << "2027-02-10T00:00:00Z"
                                      << "2027-02-28T00:00:00Z";
    QTest::newRow("L: leap February 2028") << "cron(0 0 L * ? *)" << utc
                                           << "2028-02-10T00:00:00Z" << "2028-02-29T00:00:00Z";
    QTest::newRow("31 skips April") << "cron(0 0 31 * ? *)" << utc << "2026-04-01T00:00:00Z"
                                    << "2026-05-31T00:00:00Z";
    QTest::newRow("Feb 29 yearly") << "cron(0 0 29 2 ? *)" << utc << "2026-03-01T00:00:00Z"
                                   << "2028-02-29T00:00:00Z";
    // 2100 is divisible by 100 and not by 400: no Feb 29.
    QTest::newRow("Feb 29 skips 2100") << "cron(0 0 29 2 ? *)" << utc << "2096-03-01T00:00:00Z"
                                       << "2104-02-29T00:00:00Z";
    QTest::newRow("30 FEB: never") << "cron(0 0 30 FEB ? *)" << utc << "2026-01-01T00:00:00Z"
                                   << QString();
    // November 2026 Fridays: 6, 13, 20, 27 (the 30th is a Monday).
    QTest::newRow("6L: last Friday") << "cron(0 12 ? * 6L *)" << utc << "2026-11-01T00:00:00Z"
                                     << "2026-11-27T12:00:00Z";
    QTest::newRow("L in day-of-week: Saturday") << "cron(0 0 ? * L *)" << utc
                                                << "2026-11-25T00:00:00Z" << "2026-11-28T00:00:00Z";
    // December 2026: the 15th is a Tuesday.
    QTest::newRow("15W on a weekday: the 15th") << "cron(0 0 15W * ? *)" << utc
                                                << "2026-12-01T00:00:00Z" << "2026-12-15T00:00:00Z";
    // August 2026: Sat 1 ... Fri 14, Sat 15.
    QTest::newRow("15W on a Saturday: Friday 14th")
        << "cron(0 0 15W * ? *)" << utc << "2026-08-01T00:00:00Z" << "2026-08-14T00:00:00Z";
    // November 2026: Sun 15, Mon 16.
    QTest::newRow("15W on a Sunday: Monday 16th")
        << "cron(0 0 15W * ? *)" << utc << "2026-11-01T00:00:00Z" << "2026-11-16T00:00:00Z";
    // April 2027: Thu 1 (already past), Fri 30; May 2027: Sat 1, Mon 3.
    // The nearest weekday to May 1 would be Fri Apr 30, but W stays in its month.
    QTest::newRow("1W on a Saturday: Monday 3rd, not the month before")
        << "cron(0 0 1W * ? *)" << utc << "2027-04-30T00:00:00Z" << "2027-05-03T00:00:00Z";
    // January 2027: Fri 29, Sat 30, Sun 31; February 1 is a Monday.
    QTest::newRow("31W on a Sunday: Friday 29th, not the month after")
        << "cron(0 0 31W * ? *)" << utc << "2027-01-02T00:00:00Z" << "2027-01-29T00:00:00Z";
    // October 2026 ends Fri 30, Sat 31.
    QTest::newRow("LW: month ending on a Saturday")
        << "cron(0 0 LW * ? *)" << utc << "2026-10-01T00:00:00Z" << "2026-10-30T00:00:00Z";
    // May 2026 ends Fri 29, Sat 30, Sun 31.
    QTest::newRow("LW: month ending on a Sunday")
        << "cron(0 0 LW * ? *)" << utc << "2026-05-01T00:00:00Z" << "2026-05-29T00:00:00Z";
    QTest::newRow("LW: month ending on a Monday")
        << "cron(0 0 LW * ? *)" << utc << "2026-11-01T00:00:00Z" << "2026-11-30T00:00:00Z";
    // December 2026: Tue 1, so the first Monday is the 7th.
    QTest::newRow("2#1: first Monday") << "cron(0 9 ? * 2#1 *)" << utc << "2026-11-03T00:00:00Z"
                                       << "2026-12-07T09:00:00Z";
    QTest::newRow("MON#1") << "cron(0 9 ? * MON#1 *)" << utc << "2026-11-03T00:00:00Z"
                           << "2026-12-07T09:00:00Z";
    // Thursdays 2027: January 7-28, February 4-25, March 4-25 (four each);
    // April 1, 8, 15, 22, 29.
    QTest::newRow("5#5 waits for a month with a fifth Thursday")
        << "cron(0 9 ? * 5#5 *)" << utc << "2027-01-01T00:00:00Z" << "2027-04-29T09:00:00Z";
}

void TestScheduleTimes::cronDaysDependOnTheMonth()
{
    checkCronRow();
}

void TestScheduleTimes::cronReadsTheZonesWallClockAcrossDst_data()
{
    addCronColumns();
    const QByteArray berlin("Europe/Berlin"), newYork("America/New_York");
    QTest::newRow("no zone is UTC") << "cron(0 9 ? * MON-FRI *)" << QByteArray()
                                    << "2026-11-30T07:59:00Z" << "2026-11-30T09:00:00Z";
    QTest::newRow("no zone is UTC, whatever offset `after` has")
        << "cron(0 9 ? * MON-FRI *)" << QByteArray() << "2026-11-30T08:30:00+01:00"
        << "2026-11-30T09:00:00Z";
    QTest::newRow("Berlin in winter: 09:00 is 08:00Z")
        << "cron(0 9 ? * MON-FRI *)" << berlin << "2026-11-30T07:59:00Z"
        << "2026-11-30T09:00:00+01:00";
    // July 1, 2026 is a Wednesday.
    QTest::newRow("Berlin in summer: 09:00 is 07:00Z")
        << "cron(0 9 ? * MON-FRI *)" << berlin << "2026-07-01T06:00:00Z"
        << "2026-07-01T09:00:00+02:00";
    QTest::newRow("New York: Monday 09:00 is 14:00Z")
        << "cron(0 9 ? * MON-FRI *)" << newYork << "2026-11-30T13:59:00Z"
        << "2026-11-30T09:00:00-05:00";
    // AWS: a time the spring-forward skips is skipped, not moved.
    QTest::newRow("Berlin: 02:30 does not exist on March 29")
        << "cron(30 2 * * ? *)" << berlin << "2026-03-28T02:30:00+01:00"
        << "2026-03-30T02:30:00+02:00";
    // 01:30 CET is 00:30Z; 03:30 CEST is 01:30Z, one real hour later.
    QTest::newRow("Berlin: hourly :30 goes from 01:30 to 03:30")
        << "cron(30 * * * ? *)" << berlin << "2026-03-29T01:30:00+01:00"
        << "2026-03-29T03:30:00+02:00";
    QTest::newRow("New York: 02:30 does not exist on March 8")
        << "cron(30 2 * * ? *)" << newYork << "2026-03-07T02:30:00-05:00"
        << "2026-03-09T02:30:00-04:00";
    // 01:45 EST is 06:45Z; 03:00 EDT is 07:00Z, fifteen real minutes later.
    QTest::newRow("New York: every 15 minutes across the gap")
        << "cron(0/15 * * * ? *)" << newYork << "2026-03-08T01:45:00-05:00"
        << "2026-03-08T03:00:00-04:00";
    // AWS: a time the autumn repeats runs once, at its first occurrence.
    QTest::newRow("Berlin: 02:30 on October 25 is the CEST one")
        << "cron(30 2 * * ? *)" << berlin << "2026-10-24T02:30:00+02:00"
        << "2026-10-25T02:30:00+02:00";
    QTest::newRow("Berlin: and not again at 02:30 CET")
        << "cron(30 2 * * ? *)" << berlin << "2026-10-25T02:30:00+02:00"
        << "2026-10-26T02:30:00+01:00";
    QTest::newRow("New York: 01:30 on November 1 is the EDT one")
        << "cron(30 1 * * ? *)" << newYork << "2026-10-31T01:30:00-04:00"
        << "2026-11-01T01:30:00-04:00";
    QTest::newRow("New York: and not again at 01:30 EST")
        << "cron(30 1 * * ? *)" << newYork << "2026-11-01T01:30:00-04:00"
        << "2026-11-02T01:30:00-05:00";
    // Each of 01:00-01:45 has fired once, in EDT; the repeat hour is silent.
    QTest::newRow("New York: every 15 minutes, the repeated hour runs once")
        << "cron(0/15 * * * ? *)" << newYork << "2026-11-01T01:45:00-04:00"
        << "2026-11-01T02:00:00-05:00";
    QTest::newRow("New York: `after` inside the repeated hour")
        << "cron(0/15 * * * ? *)" << newYork << "2026-11-01T01:10:00-05:00"
        << "2026-11-01T02:00:00-05:00";
}

void TestScheduleTimes::cronReadsTheZonesWallClockAcrossDst()
{
    checkCronRow();
}

void TestScheduleTimes::searchesThatFindNothingEndQuickly()
{
    // A minute-by-minute walk to 2199 takes minutes; a day-by-day one, milliseconds.
    QElapsedTimer timer;
    timer.start();
    const QDateTime from = at(QStringLiteral("2026-01-01T00:00:00Z"));
    const QTimeZone berlin("Europe/Berlin");
    QVERIFY(!schedule::nextFireTime(parsed(QStringLiteral("cron(0 0 30 2 ? *)")), berlin, from,
                                    {}));
    QVERIFY(!schedule::nextFireTime(parsed(QStringLiteral("cron(* * 31 4,6,9,11 ? *)")), berlin,
                                    from, {}));
    // February 2026 Sundays: 1-22; February 2027: 7-28. Four each.
    QVERIFY(!schedule::nextFireTime(parsed(QStringLiteral("cron(0 0 ? 2 1#5 2026-2027)")), berlin,
                                    from, {}));
    const auto leap = schedule::nextFireTime(parsed(QStringLiteral("cron(59 23 29 2 ? *)")), berlin,
                                             at(QStringLiteral("2196-03-01T00:00:00Z")), {});
    QVERIFY(!leap); // 2196 was the last leap year before 2200
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestScheduleTimes::inputsThatMeanNothingGiveNoTime()
{
    // The executor passes parsed expressions; anything else must still not throw.
    const QDateTime now = at(QStringLiteral("2026-11-30T12:00:00Z"));
    ScheduleExpression garbage;
    garbage.type = ScheduleExpression::Type::Cron;
    for (auto &field : garbage.cronFields)
        field = "x";
    QVERIFY(!schedule::nextFireTime(garbage, {}, now, now));
    garbage = parsed(QStringLiteral("cron(0 * * * ? *)"));
    garbage.cronFields[0] = "0/0"; // a step of 0 would never advance
    QVERIFY(!schedule::nextFireTime(garbage, {}, now, now));
    QVERIFY(!schedule::nextFireTime(ScheduleExpression(), {}, now, now)); // rate of 0 seconds
    QVERIFY(!schedule::nextFireTime(parsed(QStringLiteral("rate(1 minute)")), {}, QDateTime(), now));
    // No anchor: counted from `after`.
    const auto fromAfter =
        schedule::nextFireTime(parsed(QStringLiteral("rate(1 minute)")), {}, now, QDateTime());
    QVERIFY(fromAfter);
    QCOMPARE(fromAfter->toMSecsSinceEpoch(), now.toMSecsSinceEpoch() + 60'000);
}

void TestScheduleTimes::scheduledEventHasAwsShape()
{
    // AWS's example, event-reference.html ("Scheduled Event"), key for key.
    const Json event = schedule::scheduledEvent(
        "89d1a02d-5ec7-412e-82f5-13505f849b41", at(QStringLiteral("2016-12-30T18:44:49Z")),
        "us-east-1", "123456789012", "arn:aws:events:us-east-1:123456789012:rule/SampleRule",
        Json::object());
    QCOMPARE(QByteArray::fromStdString(event.dump()),
             QByteArray(R"({"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41",)"
                        R"("detail-type":"Scheduled Event","source":"aws.events",)"
                        R"("account":"123456789012","time":"2016-12-30T18:44:49Z",)"
                        R"("region":"us-east-1",)"
                        R"("resources":["arn:aws:events:us-east-1:123456789012:rule/SampleRule"],)"
                        R"("detail":{}})"));
}

void TestScheduleTimes::scheduledEventTimeIsUtcSecondsAndDetailDefaultsToObject()
{
    const QDateTime berlinEvening(QDate(2016, 12, 30), QTime(19, 44, 49, 750),
                                  QTimeZone("Europe/Berlin"));
    const Json nullDetail = schedule::scheduledEvent("id", berlinEvening, "eu-central-1",
                                                     "000000000000", "arn", Json());
    QCOMPARE(nullDetail["time"].get<std::string>(), std::string("2016-12-30T18:44:49Z"));
    QVERIFY(nullDetail["detail"].is_object() && nullDetail["detail"].empty());
    const Json given = schedule::scheduledEvent("id", berlinEvening, "eu-central-1",
                                                "000000000000", "arn", Json{{"job", "nightly"}});
    QCOMPARE(given["detail"].dump(), std::string(R"({"job":"nightly"})"));
}

QTEST_GUILESS_MAIN(TestScheduleTimes)
#include "tst_scheduletimes.moc"
