// Statistics over invocations: percentiles against a sorted reference (exact
// up to the limit, within 1 % beyond it), counts and rates, throughput and
// peak concurrency from the start and end of each invocation.

#include "engine/meter/statistics.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace stratus::engine;

namespace {

InvocationRecord record(int64_t startUs, int64_t durationUs,
                        InvocationStatus status = InvocationStatus::Ok, bool cold = false)
{
    InvocationRecord r;
    r.startedAtUs = startUs;
    r.durationUs = durationUs;
    r.billedDurationMs = (durationUs + 999) / 1000;
    r.memorySizeMB = 512;
    r.status = status;
    r.coldStart = cold;
    return r;
}

double nearestRank(std::vector<int64_t> v, double q)
{
    std::sort(v.begin(), v.end());
    const size_t rank = std::max<size_t>(1, size_t(std::ceil(q * double(v.size()))));
    return double(v[rank - 1]);
}

} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactPercentilesMatchASortedReference_data();
    void exactPercentilesMatchASortedReference();
    void sketchStaysWithinOnePercent();
    void countsRatesAndCost();
    void peakConcurrencyAndThroughput();
    void emptyWindow();
};

void TestStatistics::exactPercentilesMatchASortedReference_data()
{
    QTest::addColumn<int>("n");
    QTest::newRow("one") << 1;
    QTest::newRow("ten") << 10;
    QTest::newRow("thousand") << 1000;
    QTest::newRow("at the limit") << int(DurationSketch::kExactLimit);
}

void TestStatistics::exactPercentilesMatchASortedReference()
{
    QFETCH(int, n);
    QRandomGenerator rng(n);
    DurationSketch sketch;
    std::vector<int64_t> values;
    for (int i = 0; i < n; ++i) {
        const int64_t v = 100 + int64_t(rng.bounded(5000000));
        values.push_back(v);
        sketch.add(v);
    }
    QVERIFY(sketch.isExact());
    for (double q : {0.0, 0.5, 0.9, 0.95, 0.99, 1.0})
        QCOMPARE(sketch.quantile(q), q == 0.0 ? nearestRank(values, 1e-12) : nearestRank(values, q));
}

void TestStatistics::sketchStaysWithinOnePercent()
{
    // A long-tailed mix, more than the exact limit.
    QRandomGenerator rng(7);
    DurationSketch sketch;
    std::vector<int64_t> values;
    for (size_t i = 0; i < DurationSketch::kExactLimit * 3; ++i) {
        const double u = rng.generateDouble();
        const int64_t v = int64_t(500 + std::exp(u * 14)); // 0.5 ms .. ~1.2 s
        values.push_back(v);
        sketch.add(v);
    }
    QVERIFY(!sketch.isExact());
    QCOMPARE(sketch.count(), values.size());
    for (double q : {0.5, 0.9, 0.95, 0.99}) {
        const double truth = nearestRank(values, q);
        const double est = sketch.quantile(q);
        QVERIFY2(std::abs(est - truth) / truth <= 0.01,
                 qPrintable(QStringLiteral("q %1: %2 vs %3").arg(q).arg(est).arg(truth)));
    }
}

void TestStatistics::countsRatesAndCost()
{
    InvocationStatistics stats;
    stats.add(record(0, 2000, InvocationStatus::Ok, true), 0.5);
    stats.add(record(10, 4000), 0.25);
    stats.add(record(20, 6000, InvocationStatus::Error), 0.25);
    stats.add(record(30, 0, InvocationStatus::Throttled), 0);
    const auto s = stats.summary();
    QCOMPARE(s.count, uint64_t(4));
    QCOMPARE(s.errors, uint64_t(1));
    QCOMPARE(s.throttles, uint64_t(1));
    QCOMPARE(s.errorRate, 0.25);
    QVERIFY(qAbs(s.coldShare - 1.0 / 3) < 1e-12); // of those that ran
    QCOMPARE(s.minMs, 2.0);
    QCOMPARE(s.maxMs, 6.0);
    QCOMPARE(s.meanMs, 4.0);
    QCOMPARE(s.p50Ms, 4.0);
    QCOMPARE(s.cost, 1.0);
    QVERIFY(qAbs(s.gbSeconds - (0.002 + 0.004 + 0.006) * 0.5) < 1e-12);
}

void TestStatistics::peakConcurrencyAndThroughput()
{
    // [0,100) [10,50) [20,30) overlap (3 at once); [200,300) alone.
    InvocationStatistics stats;
    stats.add(record(0, 100), 0);
    stats.add(record(10, 40), 0);
    stats.add(record(20, 10), 0);
    stats.add(record(200, 100), 0);
    const auto s = stats.summary();
    QCOMPARE(s.peakConcurrency, 3);
    QCOMPARE(s.firstStartUs, int64_t(0));
    QCOMPARE(s.lastEndUs, int64_t(300));
    QVERIFY(qAbs(s.throughputPerSecond - 4 / 300e-6) < 1e-6);
    // Back to back is not overlapping.
    InvocationStatistics serial;
    for (int i = 0; i < 100; ++i)
        serial.add(record(i * 10, 10), 0);
    QCOMPARE(serial.summary().peakConcurrency, 1);
}

void TestStatistics::emptyWindow()
{
    InvocationStatistics stats;
    const auto s = stats.summary();
    QCOMPARE(s.count, uint64_t(0));
    QCOMPARE(s.p99Ms, 0.0);
    QCOMPARE(s.throughputPerSecond, 0.0);
}

QTEST_APPLESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
