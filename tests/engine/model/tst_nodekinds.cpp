// The node-kind table against docs/workspace-format.md: every kind, its
// ports and its config fields with their defaults, ranges and required flags.

#include "engine/model/nodekind.h"
#include "engine/model/workflow.h"

#include <QTest>

#include <map>
#include <optional>
#include <set>
#include <string>

using namespace stratus::engine;

Q_DECLARE_METATYPE(std::string)

class TestNodeKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allNineKindsAreRegistered();
    void ports_data();
    void ports();
    void fields_data();
    void fields();
    void choiceOutputsFollowItsRules();
    void effectiveConfigFillsDefaultsOnly();
    void everyKindHasAPaletteDescription();
    void kindIdsNameEachKindOnce();
    void visitKindCallsTheKindsOwnMethod();
};

void TestNodeKinds::allNineKindsAreRegistered()
{
    QStringList kinds;
    for (const NodeKindSpec &k : NodeKindRegistry::instance().kinds())
        kinds << QString::fromStdString(k.kind);
    QCOMPARE(kinds, (QStringList{"trigger.http", "trigger.schedule", "trigger.manual", "function",
                                 "choice", "queue", "bucket", "table", "log"}));
    QVERIFY(NodeKindRegistry::instance().find("lambda") == nullptr);
}

void TestNodeKinds::ports_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QStringList>("outputs");
    QTest::addColumn<int>("family");

    auto row = [](const char *kind, QStringList in, QStringList out, NodeFamily family) {
        QTest::newRow(kind) << QString::fromLatin1(kind) << in << out << int(family);
    };
    row("trigger.http", {}, {"event"}, NodeFamily::Trigger);
    row("trigger.schedule", {}, {"event"}, NodeFamily::Trigger);
    row("trigger.manual", {}, {"event"}, NodeFamily::Trigger);
    row("function", {"in"}, {"ok", "error"}, NodeFamily::Compute);
    row("choice", {"in"}, {"default"}, NodeFamily::Flow);
    row("queue", {"in"}, {"out", "dead"}, NodeFamily::Resource);
    row("bucket", {"in"}, {"out"}, NodeFamily::Resource);
    row("table", {"in"}, {"out"}, NodeFamily::Resource);
    row("log", {"in"}, {}, NodeFamily::Resource);
}

void TestNodeKinds::ports()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, outputs);
    QFETCH(int, family);
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(kind.toStdString());
    QVERIFY(spec);
    QStringList in, out;
    for (const PortSpec &p : spec->inputs)
        in << QString::fromStdString(p.name);
    for (const PortSpec &p : spec->outputs)
        out << QString::fromStdString(p.name);
    QCOMPARE(in, inputs);
    QCOMPARE(out, outputs);
    QCOMPARE(int(spec->family), family);
}

void TestNodeKinds::fields_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("defaultJson"); // "" = no default
    QTest::addColumn<bool>("required");
    QTest::addColumn<qlonglong>("minimum");   // -1 = none
    QTest::addColumn<qlonglong>("maximum");   // -1 = none

    auto row = [](const char *kind, const char *field, const char *def, bool required,
                  qlonglong min = -1, qlonglong max = -1) {
        QTest::addRow("%s.%s", kind, field) << QString::fromLatin1(kind) << QString::fromLatin1(field)
                                            << QString::fromUtf8(def) << required << min << max;
    };
    row("trigger.http", "method", "\"GET\"", false);
    row("trigger.http", "path", "", true);
    row("trigger.http", "cors", "", false);
    row("trigger.http", "payloadFormat", "\"2.0\"", false);
    row("trigger.schedule", "expression", "", true);
    row("trigger.schedule", "timezone", "\"UTC\"", false);
    row("trigger.schedule", "enabled", "true", false);
    row("trigger.schedule", "detail", "{}", false);
    row("trigger.manual", "event", "{}", false);
    row("function", "runtime", "", true);
    row("function", "handler", "", true);
    row("function", "memoryMB", "128", false, 128, 10240);
    row("function", "timeoutS", "3", false, 1, 900);
    row("function", "architecture", "\"x86_64\"", false);
    row("function", "concurrency", "0", false, 0, -1);
    row("function", "retries", "2", false, 0, 2);
    row("function", "environment", "{}", false);
    row("function", "files", "", true);
    row("function", "description", "\"\"", false);
    row("choice", "rules", "[]", false);
    row("queue", "batchSize", "10", false, 1, 10000);
    row("queue", "batchWindowS", "0", false, 0, 300);
    row("queue", "visibilityTimeoutS", "30", false, 0, 43200);
    row("queue", "maxReceiveCount", "3", false, 1, 1000);
    row("bucket", "events", "[\"created\",\"removed\"]", false);
    row("bucket", "prefix", "\"\"", false);
    row("bucket", "suffix", "\"\"", false);
    row("bucket", "folder", "", false);
    row("table", "partitionKey", "\"id\"", false);
    row("table", "sortKey", "", false);
    row("table", "streamBatchSize", "100", false, 1, 10000);
    row("log", "level", "\"info\"", false);
}

void TestNodeKinds::fields()
{
    QFETCH(QString, kind);
    QFETCH(QString, field);
    QFETCH(QString, defaultJson);
    QFETCH(bool, required);
    QFETCH(qlonglong, minimum);
    QFETCH(qlonglong, maximum);
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(kind.toStdString());
    QVERIFY(spec);
    const FieldSpec *f = spec->field(field.toStdString());
    QVERIFY2(f, qPrintable(field));
    if (defaultJson.isEmpty())
        QVERIFY2(f->defaultValue.is_null(), f->defaultValue.dump().c_str());
    else
        QCOMPARE(QString::fromStdString(f->defaultValue.dump()), defaultJson);
    QCOMPARE(f->required, required);
    QCOMPARE(f->minimum.value_or(-1), minimum);
    QCOMPARE(f->maximum.value_or(-1), maximum);
}

void TestNodeKinds::choiceOutputsFollowItsRules()
{
    Node choice{NodeId("c"), "choice", "route", Json::parse(R"json({"rules": [
        {"port": "big", "condition": {"variable": "$.n", "numericGreaterThan": 10}},
        {"port": "small", "condition": {"variable": "$.n", "numericLessThanEquals": 10}}]})json")};
    const auto ports = NodeKindRegistry::instance().outputPorts(choice);
    QCOMPARE(ports, (std::vector<std::string>{"big", "small", "default"}));
    QCOMPARE(NodeKindRegistry::instance().inputPorts(choice), std::vector<std::string>{"in"});
}

void TestNodeKinds::effectiveConfigFillsDefaultsOnly()
{
    Node fn{NodeId("f"), "function", "f",
            Json::parse(R"json({"runtime": "python3.12", "handler": "app.handler", "memoryMB": 512})json")};
    const Json config = NodeKindRegistry::instance().effectiveConfig(fn);
    QCOMPARE(config["memoryMB"].get<int>(), 512); // set: kept
    QCOMPARE(config["timeoutS"].get<int>(), 3);   // absent: default
    QCOMPARE(config["architecture"].get<std::string>(), std::string("x86_64"));
    QVERIFY(!config.contains("files")); // required, no default: stays absent
}

void TestNodeKinds::everyKindHasAPaletteDescription()
{
    for (const NodeKindSpec &k : NodeKindRegistry::instance().kinds()) {
        QVERIFY2(!k.label.empty(), k.kind.c_str());
        QVERIFY2(k.description.size() > 20 && k.description.back() == '.', k.kind.c_str());
        for (const FieldSpec &f : k.fields)
            QVERIFY2(!f.description.empty(), (k.kind + "." + f.name).c_str());
    }
}

QTEST_APPLESS_MAIN(TestNodeKinds)
void TestNodeKinds::kindIdsNameEachKindOnce()
{
    std::set<KindId> seen;
    for (const NodeKindSpec &spec : NodeKindRegistry::instance().kinds()) {
        QVERIFY2(seen.insert(spec.id).second, spec.kind.c_str());
        QCOMPARE(kindIdOf(spec.kind), std::optional<KindId>(spec.id));
    }
    QCOMPARE(seen.size(), size_t(9));
    QCOMPARE(kindIdOf("trigger.webhook"), std::optional<KindId>());
    QCOMPARE(kindIdOf(""), std::optional<KindId>());
}

namespace {

/// Names the method it was called through, so that the test sees the dispatch.
struct MethodName
{
    std::string httpTrigger() { return "httpTrigger"; }
    std::string scheduleTrigger() { return "scheduleTrigger"; }
    std::string manualTrigger() { return "manualTrigger"; }
    std::string function() { return "function"; }
    std::string choice() { return "choice"; }
    std::string queue() { return "queue"; }
    std::string bucket() { return "bucket"; }
    std::string table() { return "table"; }
    std::string log() { return "log"; }
};

} // namespace

void TestNodeKinds::visitKindCallsTheKindsOwnMethod()
{
    const std::map<std::string, std::string> expected{
        {"trigger.http", "httpTrigger"}, {"trigger.schedule", "scheduleTrigger"}, {"trigger.manual", "manualTrigger"},
        {"function", "function"},        {"choice", "choice"},                    {"queue", "queue"},
        {"bucket", "bucket"},            {"table", "table"},                      {"log", "log"},
    };
    for (const auto &[kind, method] : expected) {
        const std::optional<KindId> id = kindIdOf(kind);
        QVERIFY2(id.has_value(), kind.c_str());
        QCOMPARE(QString::fromStdString(visitKind(*id, MethodName{})), QString::fromStdString(method));
    }
}

#include "tst_nodekinds.moc"
