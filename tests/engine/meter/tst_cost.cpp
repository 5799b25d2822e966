// Pricing presets and the cost model against hand-computed cases, among them
// the two examples of the AWS Lambda pricing page (us-east-1), 1 ms billing,
// other providers' rounding rules, free tiers and the break-even with a VM.

#include "engine/meter/cost.h"

#include <QTest>

using namespace stratus::engine;

namespace {

const PricingPreset &preset(const char *id)
{
    const PricingPreset *p = findPreset(builtinPricingPresets(), id);
    if (!p)
        qFatal("no preset %s", id);
    return *p;
}

std::string document(const std::string &presetJson)
{
    return R"json({"format": "stratus-pricing", "version": 1, "presets": [)json" + presetJson + "]}";
}

const char *kValidPreset = R"json({"id": "mine", "name": "Mine", "readOn": "2026-01-02", "source": "example.org/prices",
  "requestPricePerMillion": 0.5, "gbSecondPrice": 0.00002, "billingGranularityMs": 10, "minimumBilledMs": 50,
  "freeTier": {"requests": 100, "gbSeconds": 10}})json";

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinPresetsCarryDateAndSource();
    void awsPricingPageExample1();
    void awsPricingPageExample2();
    void withoutFreeTier();
    void billedMilliseconds_data();
    void billedMilliseconds();
    void azureBillsMemoryUsedRoundedUp();
    void googleBillsCpuApart();
    void armIsCheaperByItsPrice();
    void gatewayAndStateTransitions();
    void breakEvenWithAVirtualMachine();
    void freeTierCountsOncePerAccount();
    void userPresetsAreChecked_data();
    void userPresetsAreChecked();
    void workspacePresetsJoinTheBuiltinOnes();
    void runCostAddsGatewayAndTransitions();
    void dailyCurveMakesAMonth();
};

void TestCost::builtinPresetsCarryDateAndSource()
{
    const auto &presets = builtinPricingPresets();
    QStringList ids;
    for (const PricingPreset &p : presets) {
        ids << QString::fromStdString(p.id);
        QCOMPARE(p.readOn.size(), size_t(10));
        QVERIFY(p.source.rfind("https://", 0) == 0);
    }
    QCOMPARE(ids, (QStringList{"aws-x86_64", "aws-arm64", "gcp-run-functions", "azure-consumption"}));
    QCOMPARE(preset("aws-x86_64").gbSecondPrice, 0.0000166667);
    QCOMPARE(preset("aws-arm64").gbSecondPrice, 0.0000133334);
}

void TestCost::awsPricingPageExample1()
{
    // 512 MB, 3 million invocations a month, 1 s each:
    // compute 1,500,000 GB-s - 400,000 free = 1,100,000 GB-s; requests 3M - 1M free.
    Workload w;
    w.requestsPerMonth = 3e6;
    w.averageDurationMs = 1000;
    w.memoryMB = 512;
    w.gatewayShare = 0;
    const MonthlyCost m = projectMonthly(preset("aws-x86_64"), w, true);
    QCOMPARE(m.gbSeconds, 1.5e6);
    QVERIFY(qAbs(m.computeCost - 1.1e6 * 0.0000166667) < 1e-9);
    QVERIFY(qAbs(m.computeCost - 18.33) < 0.005);
    QVERIFY(qAbs(m.requestCost - 0.40) < 1e-9);
    QVERIFY(qAbs(m.total() - 18.73) < 0.005); // the page's $18.74 used $0.00001667 per GB-s
}

void TestCost::awsPricingPageExample2()
{
    // 128 MB, 30 million invocations, 200 ms: 750,000 GB-s - 400,000 free;
    // requests 29M billable.
    Workload w;
    w.requestsPerMonth = 30e6;
    w.averageDurationMs = 200;
    w.memoryMB = 128;
    w.gatewayShare = 0;
    const MonthlyCost m = projectMonthly(preset("aws-x86_64"), w, true);
    QCOMPARE(m.gbSeconds, 750000.0);
    QVERIFY(qAbs(m.computeCost - 5.83) < 0.005);
    QVERIFY(qAbs(m.requestCost - 5.80) < 1e-9);
    QVERIFY(qAbs(m.total() - 11.63) < 0.005);
}

void TestCost::withoutFreeTier()
{
    Workload w;
    w.requestsPerMonth = 3e6;
    w.averageDurationMs = 1000;
    w.memoryMB = 512;
    w.gatewayShare = 0;
    const MonthlyCost m = projectMonthly(preset("aws-x86_64"), w, false);
    QVERIFY(qAbs(m.computeCost - 25.00) < 0.001);
    QVERIFY(qAbs(m.requestCost - 0.60) < 1e-9);
    // One invocation: $0.20 per million plus 1 s at 0.5 GB.
    const InvocationCost one = invocationCost(preset("aws-x86_64"), 1000000, 512, 0);
    QVERIFY(qAbs(one.request - 0.0000002) < 1e-15);
    QVERIFY(qAbs(one.compute - 0.5 * 0.0000166667) < 1e-15);
}

void TestCost::billedMilliseconds_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<qlonglong>("us");
    QTest::addColumn<qlonglong>("ms");
    QTest::newRow("aws 27.55 ms") << "aws-x86_64" << 27550LL << 28LL;
    QTest::newRow("aws 1.0001 ms") << "aws-x86_64" << 1001LL << 2LL;
    QTest::newRow("aws exactly 5 ms") << "aws-x86_64" << 5000LL << 5LL;
    QTest::newRow("aws 1 µs") << "aws-x86_64" << 1LL << 1LL;
    QTest::newRow("google 27.55 ms") << "gcp-run-functions" << 27550LL << 100LL;
    QTest::newRow("google 150.001 ms") << "gcp-run-functions" << 150001LL << 200LL;
    QTest::newRow("azure minimum") << "azure-consumption" << 27550LL << 100LL;
    QTest::newRow("azure 150.4 ms") << "azure-consumption" << 150400LL << 151LL;
}

void TestCost::billedMilliseconds()
{
    QFETCH(QString, preset);
    QFETCH(qlonglong, us);
    QFETCH(qlonglong, ms);
    QCOMPARE(stratus::engine::billedMilliseconds(::preset(preset.toLatin1().constData()), us), ms);
}

void TestCost::azureBillsMemoryUsedRoundedUp()
{
    const PricingPreset &azure = preset("azure-consumption");
    QCOMPARE(billedMemoryMB(azure, 1024, 70), 128);
    QCOMPARE(billedMemoryMB(azure, 1024, 129), 256);
    QCOMPARE(billedMemoryMB(azure, 512, 0), 512); // nothing measured: the configured size
    QCOMPARE(billedMemoryMB(preset("aws-x86_64"), 1024, 70), 1024);
    // 100 ms minimum at 128 MB.
    const InvocationCost c = invocationCost(azure, 5000, 1024, 70);
    QVERIFY(qAbs(c.compute - 0.1 * 0.125 * 0.000016) < 1e-15);
}

void TestCost::googleBillsCpuApart()
{
    // 256 MB comes with 0.4 GHz; 100 ms: 0.025 GB-s and 0.04 GHz-s.
    const PricingPreset &gcp = preset("gcp-run-functions");
    QCOMPARE(gcp.cpuGhz(256), 0.4);
    QCOMPARE(gcp.cpuGhz(300), 0.8); // the next tier up
    const InvocationCost c = invocationCost(gcp, 80000, 256, 0);
    QVERIFY(qAbs(c.compute - (0.025 * 0.0000025 + 0.04 * 0.00001)) < 1e-15);
    QVERIFY(qAbs(c.request - 0.0000004) < 1e-15);
}

void TestCost::armIsCheaperByItsPrice()
{
    const InvocationCost x86 = invocationCost(preset("aws-x86_64"), 120000, 1024, 0);
    const InvocationCost arm = invocationCost(preset("aws-arm64"), 120000, 1024, 0);
    QVERIFY(qAbs(arm.compute / x86.compute - 0.0000133334 / 0.0000166667) < 1e-12);
    QCOMPARE(arm.request, x86.request);
}

void TestCost::gatewayAndStateTransitions()
{
    Workload w;
    w.requestsPerMonth = 1e6;
    w.averageDurationMs = 10;
    w.stateTransitionsPerRequest = 10;
    const MonthlyCost m = projectMonthly(preset("aws-x86_64"), w, true);
    QVERIFY(qAbs(m.gatewayCost - 1.00) < 1e-9);
    QVERIFY(qAbs(m.stateTransitionCost - (10e6 - 4000) * 0.000025) < 1e-6);
    QCOMPARE(m.requestCost, 0.0); // all within the free tier
}

void TestCost::breakEvenWithAVirtualMachine()
{
    Workload w;
    w.averageDurationMs = 100;
    w.memoryMB = 128;
    w.gatewayShare = 0;
    const double hourly = 0.0416; // a small always-on VM
    const auto n = breakEvenRequestsPerMonth(preset("aws-x86_64"), w, hourly, true);
    QVERIFY(n.has_value());
    w.requestsPerMonth = *n;
    const double atBreakEven = projectMonthly(preset("aws-x86_64"), w, true).total();
    QVERIFY2(qAbs(atBreakEven - hourly * kHoursPerMonth) < 0.01, qPrintable(QString::number(atBreakEven)));
    // By hand: past both free tiers each request costs $0.20/M + 0.0125 GB-s.
    const double perRequest = 0.2e-6 + 0.0125 * 0.0000166667;
    const double byHand = (hourly * kHoursPerMonth + 1e6 * 0.2e-6 + 400000 * 0.0000166667) / perRequest;
    QVERIFY2(qAbs(*n - byHand) / byHand < 1e-6, qPrintable(QString::number(*n, 'f', 0)));
    QVERIFY(!breakEvenRequestsPerMonth(preset("aws-x86_64"), w, 1e9, true).has_value());
}

void TestCost::freeTierCountsOncePerAccount()
{
    // Two functions of example 1's shape: 3M GB-s and 6M requests on one
    // account, less one free tier (not two).
    Workload w;
    w.requestsPerMonth = 3e6;
    w.averageDurationMs = 1000;
    w.memoryMB = 512;
    w.gatewayShare = 0;
    const MonthlyCost both = projectMonthly(preset("aws-x86_64"), std::vector<Workload>{w, w}, true);
    QCOMPARE(both.gbSeconds, 3e6);
    QVERIFY(qAbs(both.computeCost - 2.6e6 * 0.0000166667) < 1e-9);
    QVERIFY(qAbs(both.requestCost - 1.00) < 1e-9);
    QVERIFY(both.total() > 2 * projectMonthly(preset("aws-x86_64"), w, true).total());
    const auto n = breakEvenRequestsPerMonth(preset("aws-x86_64"), std::vector<Workload>{w, w}, 1.0, true);
    QVERIFY(n.has_value());
    Workload at = w;
    at.requestsPerMonth = *n;
    QVERIFY(qAbs(projectMonthly(preset("aws-x86_64"), std::vector<Workload>{at, at}, true).total() - 730) < 0.01);
}

void TestCost::userPresetsAreChecked_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("expected");
    auto with = [](const char *from, const char *to) {
        return QString::fromStdString(document(std::string(kValidPreset))).replace(QLatin1String(from), QLatin1String(to));
    };
    QTest::newRow("valid") << QString::fromStdString(document(kValidPreset)) << "";
    QTest::newRow("negative price") << with("\"gbSecondPrice\": 0.00002", "\"gbSecondPrice\": -1") << "preset 'mine', field 'gbSecondPrice': must not be negative";
    QTest::newRow("price as text") << with("\"requestPricePerMillion\": 0.5", "\"requestPricePerMillion\": \"0.5\"") << "preset 'mine', field 'requestPricePerMillion': expected a number";
    QTest::newRow("negative free tier") << with("\"requests\": 100", "\"requests\": -100") << "field 'freeTier.requests': must not be negative";
    QTest::newRow("no date") << with("\"readOn\": \"2026-01-02\", ", "") << "field 'readOn': is missing";
    QTest::newRow("bad date") << with("2026-01-02", "last week") << "field 'readOn': expected a date";
    QTest::newRow("zero granularity") << with("\"billingGranularityMs\": 10", "\"billingGranularityMs\": 0") << "field 'billingGranularityMs': must be from 1";
    QTest::newRow("fractional granularity") << with("\"billingGranularityMs\": 10", "\"billingGranularityMs\": 1.5") << "expected a whole number";
    QTest::newRow("no id") << with("\"id\": \"mine\", ", "") << "presets[0]: 'id' must be a non-empty string";
    QTest::newRow("twice") << QString::fromStdString(document(std::string(kValidPreset) + "," + kValidPreset)) << "preset 'mine' is defined twice";
    QTest::newRow("wrong format") << QStringLiteral(R"json({"format": "other", "version": 1, "presets": []})json") << "'format' must be";
    QTest::newRow("not JSON") << QStringLiteral("{presets") << "not valid JSON";
}

void TestCost::userPresetsAreChecked()
{
    QFETCH(QString, doc);
    QFETCH(QString, expected);
    auto presets = parsePricingPresets(doc.toStdString());
    if (expected.isEmpty()) {
        QVERIFY2(presets, presets.status().message().c_str());
        QCOMPARE(presets->front().billingGranularityMs, 10);
        QCOMPARE(stratus::engine::billedMilliseconds(presets->front(), 1000), int64_t(50));
        return;
    }
    QVERIFY(!presets);
    QVERIFY2(QString::fromStdString(presets.status().message()).contains(expected),
             presets.status().message().c_str());
}

void TestCost::workspacePresetsJoinTheBuiltinOnes()
{
    Json settings = Json::parse(std::string(R"json({"pricing": "mine", "pricingPresets": [)json") + kValidPreset + "]}");
    auto all = workspacePricingPresets(settings);
    QVERIFY2(all, all.status().message().c_str());
    QCOMPARE(all->size(), builtinPricingPresets().size() + 1);
    auto chosen = workspacePricing(settings);
    QVERIFY(chosen);
    QCOMPARE(chosen->id, std::string("mine"));
    QVERIFY(pricingProblems(settings).empty());
    // No setting: AWS for the architecture.
    QCOMPARE(workspacePricing(Json::object(), "arm64")->id, std::string("aws-arm64"));
    QCOMPARE(workspacePricing(Json::object())->id, std::string("aws-x86_64"));
    // An unknown name lists what exists.
    auto unknown = workspacePricing(Json{{"pricing", "ibm"}});
    QVERIFY(!unknown);
    QVERIFY(QString::fromStdString(unknown.status().message()).contains(QLatin1String("presets: aws-x86_64, aws-arm64")));
    Problems problems = pricingProblems(Json{{"pricing", "ibm"}});
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0].field, std::string("settings.pricing"));
    // A taken id, a wrong value and a wrong type are refused with their place.
    settings["pricingPresets"][0]["id"] = "aws-arm64";
    QVERIFY(QString::fromStdString(workspacePricingPresets(settings).status().message())
                .contains(QLatin1String("settings.pricingPresets[0]: preset 'aws-arm64': the id is taken")));
    settings["pricingPresets"][0]["id"] = "mine";
    settings["pricingPresets"][0]["minimumBilledMs"] = "fifty";
    problems = pricingProblems(settings);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0].field, std::string("settings.pricingPresets[0]"));
    QVERIFY(QString::fromStdString(problems[0].message).contains(QLatin1String("field 'minimumBilledMs'")));
    QVERIFY(!workspacePricingPresets(Json{{"pricingPresets", "cheap"}}));
    QVERIFY(!workspacePricingPresets(Json{{"pricingPresets", Json::array({42})}}));
}

void TestCost::runCostAddsGatewayAndTransitions()
{
    // An HTTP request through a chain of three functions exported as a state
    // machine: $1.00/M at the gateway, 3 transitions at $0.000025.
    const RunCost c = runCost(preset("aws-x86_64"), 0.0000012, true, 3);
    QVERIFY(qAbs(c.gateway - 0.000001) < 1e-15);
    QVERIFY(qAbs(c.stateTransitions - 0.000075) < 1e-15);
    QVERIFY(qAbs(c.total() - (0.0000012 + 0.000001 + 0.000075)) < 1e-15);
    const RunCost alone = runCost(preset("aws-x86_64"), 0.0000012, false, 0);
    QCOMPARE(alone.total(), 0.0000012);
}

void TestCost::dailyCurveMakesAMonth()
{
    std::vector<double> day(24, 0);
    day[9] = 3600; // one request a second for an hour a day
    QCOMPARE(requestsPerMonthFromHourly(day), 3600 * 730.0 / 24);
    QCOMPARE(requestsPerMonthFromHourly(std::vector<double>(24, 1000)), 730000.0);
}

QTEST_APPLESS_MAIN(TestCost)
#include "tst_cost.moc"
