// Validation: one _data row per rule (and per interesting case of a rule),
// each a small workspace document in the JSON form; the test reads it as
// `stratus validate` does and expects a problem naming the node (or edge),
// the field and the rule. Valid rows must produce no problem at all.

#include "testutil.h"

#include "engine/meter/pricing.h"
#include "engine/model/choicerule.h"
#include "engine/model/schedule.h"
#include "engine/model/nodekind.h"
#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"

#include <QTest>

using namespace stratus::engine;

namespace {

/// Applies a patch to an object: a null value removes the key.
Json patched(Json base, const Json &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().is_null())
            base.erase(it.key());
        else
            base[it.key()] = it.value();
    }
    return base;
}

Json node(const std::string &id, const std::string &kind, const std::string &name, Json config)
{
    return Json{{"id", id}, {"kind", kind}, {"name", name}, {"config", std::move(config)}};
}

/// A valid Node.js function, changed by `patch`.
Json fn(const std::string &id, const Json &patch = Json::object())
{
    const Json base = {{"runtime", "nodejs20.x"},
                       {"handler", "index.handler"},
                       {"files", {{"index.js", "exports.handler = async () => 1;\n"}}}};
    return node(id, "function", id, patched(base, patch));
}

Json http(const std::string &id, const std::string &method, const std::string &path)
{
    return node(id, "trigger.http", method + " " + path, {{"method", method}, {"path", path}});
}

Json schedule(const std::string &id, const Json &patch)
{
    return node(id, "trigger.schedule", id, patched({{"expression", "rate(5 minutes)"}}, patch));
}

Json choice(const std::string &id, const std::vector<Json> &rules)
{
    return node(id, "choice", id, {{"rules", Json(rules)}});
}

Json rule(const std::string &port, const Json &condition)
{
    return Json{{"port", port}, {"condition", condition}};
}

Json edge(const std::string &id, const std::string &from, const std::string &fromPort,
          const std::string &to, const std::string &toPort)
{
    return Json{{"id", id},
                {"from", {{"node", from}, {"port", fromPort}}},
                {"to", {{"node", to}, {"port", toPort}}}};
}

// Vectors, not Json, for the lists: a braced list of one Json would be taken
// for a copy of that Json rather than a list holding it.
QString document(const std::vector<Json> &nodes, const std::vector<Json> &edges = {},
                 const std::vector<Json> &moreWorkflows = {})
{
    Json workflows = Json::array();
    workflows.push_back(Json{{"id", "main"}, {"name", "Main"}, {"nodes", Json(nodes)},
                             {"edges", Json(edges)}});
    for (const Json &w : moreWorkflows)
        workflows.push_back(w);
    Json doc = {{"format", "stratus-workspace"}, {"version", 1}, {"name", "t"},
                {"workflows", workflows}};
    return QString::fromStdString(doc.dump());
}

Problems problemsOf(const QString &doc)
{
    auto read = workspace_json::read(doc.toStdString());
    if (!read) {
        qWarning("document did not read: %s", read.status().message().c_str());
        return {Problem{Problem::Severity::Error, "unreadable", {}, {}, {}, {}, {}, read.status().message()}};
    }
    Problems problems = read->problems;
    Problems more = workspaceProblems(read->workspace); // what `validate` reports, pricing included
    problems.insert(problems.end(), more.begin(), more.end());
    return problems;
}

QString describe(const Problems &problems)
{
    QString text;
    for (const Problem &p : problems)
        text += QStringLiteral("\n  [%1] %2").arg(QString::fromStdString(p.code),
                                                  QString::fromStdString(p.toString()));
    return text;
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compatiblePortsAreExactlyTheAcceptedOnes();
    void reportsTheRule_data();
    void reportsTheRule();
    void acceptsValidDesigns_data();
    void acceptsValidDesigns();
    void returnsEveryProblemAtOnce();
    void problemTextNamesNodeFieldAndReason();
    void cycleThroughAQueueIsFine();
    void longChainsDoNotOverflow();
    void settingsAreChecked_data();
    void settingsAreChecked();
    void scheduleExpressions_data();
    void scheduleExpressions();
};

void TestValidation::reportsTheRule_data()
{
    QTest::addColumn<QString>("doc");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("where"); // node id, or edge id for edge rules
    QTest::addColumn<QString>("field");

    auto row = [](const char *name, const QString &doc, const char *code, const char *where,
                  const char *field) {
        QTest::newRow(name) << doc << QString::fromLatin1(code) << QString::fromLatin1(where)
                            << QString::fromLatin1(field);
    };

    // unknown kind and unknown field
    row("unknown kind", document({node("a", "lambda", "a", Json::object())}), "unknown-kind", "a", "kind");
    row("unknown field", document({fn("f", {{"memory", 256}})}), "unknown-field", "f", "memory");
    row("unknown field on queue", document({node("q", "queue", "q", {{"batchsize", 5}})}), "unknown-field", "q", "batchsize");

    // missing values
    row("missing handler", document({fn("f", {{"handler", nullptr}})}), "missing-field", "f", "handler");
    row("missing runtime", document({fn("f", {{"runtime", nullptr}})}), "missing-field", "f", "runtime");
    row("missing files", document({fn("f", {{"files", nullptr}})}), "missing-field", "f", "files");
    row("no files", document({fn("f", {{"files", Json::object()}})}), "missing-value", "f", "files");
    row("missing path", document({node("h", "trigger.http", "h", {{"method", "GET"}})}), "missing-field", "h", "path");
    row("missing expression", document({node("s", "trigger.schedule", "s", Json::object())}), "missing-field", "s", "expression");
    row("empty partition key", document({node("t", "table", "items", {{"partitionKey", ""}})}), "missing-value", "t", "partitionKey");

    // out of range (AWS limits)
    row("memory below 128", document({fn("f", {{"memoryMB", 64}})}), "out-of-range", "f", "memoryMB");
    row("memory above 10240", document({fn("f", {{"memoryMB", 10241}})}), "out-of-range", "f", "memoryMB");
    row("timeout 0", document({fn("f", {{"timeoutS", 0}})}), "out-of-range", "f", "timeoutS");
    row("timeout 901", document({fn("f", {{"timeoutS", 901}})}), "out-of-range", "f", "timeoutS");
    row("retries 3", document({fn("f", {{"retries", 3}})}), "out-of-range", "f", "retries");
    row("negative concurrency", document({fn("f", {{"concurrency", -1}})}), "out-of-range", "f", "concurrency");
    row("huge memory", document({fn("f", {{"memoryMB", 18446744073709551615ULL}})}), "out-of-range", "f", "memoryMB");
    row("batch size 0", document({node("q", "queue", "q", {{"batchSize", 0}})}), "out-of-range", "q", "batchSize");
    row("visibility 43201", document({node("q", "queue", "q", {{"visibilityTimeoutS", 43201}})}), "out-of-range", "q", "visibilityTimeoutS");
    row("batch window 301", document({node("q", "queue", "q", {{"batchWindowS", 301}})}), "out-of-range", "q", "batchWindowS");
    row("receive count 0", document({node("q", "queue", "q", {{"maxReceiveCount", 0}})}), "out-of-range", "q", "maxReceiveCount");
    row("stream batch 10001", document({node("t", "table", "items", {{"streamBatchSize", 10001}})}), "out-of-range", "t", "streamBatchSize");
    row("description too long", document({fn("f", {{"description", std::string(257, 'x')}})}), "out-of-range", "f", "description");
    row("cors max age", document({node("h", "trigger.http", "h", {{"path", "/x"}, {"cors", {{"maxAgeS", -1}}}})}), "out-of-range", "h", "cors.maxAgeS");

    // wrong types and values
    row("memory as string", document({fn("f", {{"memoryMB", "128"}})}), "wrong-type", "f", "memoryMB");
    row("memory as fraction", document({fn("f", {{"memoryMB", 128.5}})}), "wrong-type", "f", "memoryMB");
    row("enabled as string", document({schedule("s", {{"enabled", "yes"}})}), "wrong-type", "s", "enabled");
    row("environment number", document({fn("f", {{"environment", {{"N", 5}}}})}), "wrong-type", "f", "environment.N");
    row("files as list", document({fn("f", {{"files", Json::array({"index.js"})}})}), "wrong-type", "f", "files");
    row("detail as list", document({schedule("s", {{"detail", Json::array()}})}), "wrong-type", "s", "detail");
    row("cors origins", document({node("h", "trigger.http", "h", {{"path", "/x"}, {"cors", {{"allowOrigins", "*"}}}})}), "wrong-type", "h", "cors.allowOrigins");
    row("cors method", document({node("h", "trigger.http", "h", {{"path", "/x"}, {"cors", {{"allowMethods", {"GET", "FOO"}}}}})}), "bad-value", "h", "cors.allowMethods");
    row("cors credentials for *", document({node("h", "trigger.http", "h", {{"path", "/x"}, {"cors", {{"allowOrigins", {"*"}}, {"allowCredentials", true}}}})}), "bad-value", "h", "cors.allowCredentials");
    row("unknown runtime", document({fn("f", {{"runtime", "nodejs18.x"}})}), "bad-value", "f", "runtime");
    row("unknown method", document({node("h", "trigger.http", "h", {{"method", "FETCH"}, {"path", "/x"}})}), "bad-value", "h", "method");
    row("unknown architecture", document({fn("f", {{"architecture", "riscv"}})}), "bad-value", "f", "architecture");
    row("unknown log level", document({node("l", "log", "l", {{"level", "debug"}})}), "bad-value", "l", "level");
    row("unknown bucket event", document({node("b", "bucket", "uploads", {{"events", {"changed"}}})}), "bad-value", "b", "events");
    row("repeated bucket event", document({node("b", "bucket", "uploads", {{"events", {"created", "created"}}})}), "bad-value", "b", "events");

    // handler strings, per runtime
    row("node handler without dot", document({fn("f", {{"handler", "index"}})}), "bad-handler", "f", "handler");
    row("node handler bad name", document({fn("f", {{"handler", "index.my-handler"}})}), "bad-handler", "f", "handler");
    row("node handler file missing", document({fn("f", {{"handler", "app.handler"}})}), "bad-handler", "f", "handler");
    row("node handler outside", document({fn("f", {{"handler", "../index.handler"}})}), "bad-handler", "f", "handler");
    row("python handler bad function", document({fn("f", {{"runtime", "python3.12"}, {"handler", "app.handle-it"}, {"files", {{"app.py", ""}}}})}), "bad-handler", "f", "handler");
    row("python handler file missing", document({fn("f", {{"runtime", "python3.11"}, {"handler", "app.handler"}})}), "bad-handler", "f", "handler");
    row("handler with space", document({fn("f", {{"handler", "index. handler"}})}), "bad-handler", "f", "handler");
    row("provided without bootstrap", document({fn("f", {{"runtime", "provided.al2023"}, {"handler", "x"}})}), "bad-handler", "f", "handler");

    // names, environment, files
    row("function name with space", document({fn("my function")}), "bad-name", "my function", "name");
    row("bucket name upper case", document({node("b", "bucket", "Uploads", Json::object())}), "bad-name", "b", "name");
    row("table name too short", document({node("t", "table", "ab", Json::object())}), "bad-name", "t", "name");
    row("reserved variable", document({fn("f", {{"environment", {{"AWS_REGION", "eu-west-1"}}}})}), "bad-environment", "f", "environment.AWS_REGION");
    row("bad variable name", document({fn("f", {{"environment", {{"1X", "y"}}}})}), "bad-environment", "f", "environment.1X");
    row("environment over 4 KB", document({fn("f", {{"environment", {{"BIG", std::string(5000, 'x')}}}})}), "out-of-range", "f", "environment");
    row("absolute file path", document({fn("f", {{"files", {{"index.js", ""}, {"/etc/passwd", ""}}}})}), "bad-file-path", "f", "files");
    row("file path with ..", document({fn("f", {{"files", {{"index.js", ""}, {"a/../../b.js", ""}}}})}), "bad-file-path", "f", "files");

    // edges
    row("edge from an input", document({fn("a"), fn("b")}, {edge("e1", "a", "in", "b", "in")}), "incompatible-ports", "e1", "");
    row("edge into a trigger", document({fn("a"), http("h", "GET", "/x")}, {edge("e1", "a", "ok", "h", "event")}), "incompatible-ports", "e1", "");
    row("edge into an output", document({fn("a"), node("q", "queue", "q", Json::object())}, {edge("e1", "a", "ok", "q", "dead")}), "incompatible-ports", "e1", "");
    row("edge from a log", document({node("l", "log", "l", Json::object()), fn("b")}, {edge("e1", "l", "out", "b", "in")}), "incompatible-ports", "e1", "");
    row("edge from unknown rule port", document({choice("c", Json::array()), fn("b")}, {edge("e1", "c", "big", "b", "in")}), "incompatible-ports", "e1", "");
    row("dangling edge", document({fn("a")}, {edge("e1", "a", "ok", "ghost", "in")}), "dangling-edge", "e1", "");
    row("dangling edge source", document({fn("a")}, {edge("e1", "ghost", "ok", "a", "in")}), "dangling-edge", "e1", "");

    // ids and names that must be unique
    row("duplicate node id", document({fn("a"), node("a", "log", "l", Json::object())}), "duplicate-id", "a", "id");
    row("duplicate edge id", document({fn("a"), fn("b"), node("l", "log", "l", Json::object())}, {edge("e1", "a", "ok", "b", "in"), edge("e1", "b", "ok", "l", "in")}), "duplicate-id", "e1", "");
    row("duplicate queue name", document({node("q1", "queue", "jobs", Json::object()), node("q2", "queue", "jobs", Json::object())}), "duplicate-name", "q2", "name");
    row("duplicate function name", document({fn("a"), node("b", "function", "a", fn("x")["config"])}), "duplicate-name", "b", "name");
    row("duplicate name across workflows",
        document({node("t1", "table", "orders", Json::object())}, {},
                 {Json{{"id", "other"}, {"nodes", Json::array({node("t2", "table", "orders", Json::object())})}}}),
        "duplicate-name", "t2", "name");
    row("duplicate route", document({http("h1", "GET", "/items/{id}"), http("h2", "GET", "/items/{key}")}), "duplicate-route", "h2", "path");

    // cycles
    row("cycle of two functions", document({fn("a"), fn("b")}, {edge("e1", "a", "ok", "b", "in"), edge("e2", "b", "ok", "a", "in")}), "cycle-without-queue", "a", "");
    row("function into itself", document({fn("a")}, {edge("e1", "a", "error", "a", "in")}), "cycle-without-queue", "a", "");
    row("cycle through a choice", document({fn("a"), choice("c", Json::array())}, {edge("e1", "a", "ok", "c", "in"), edge("e2", "c", "default", "a", "in")}), "cycle-without-queue", "a", "");

    // schedules and time zones
    row("rate plural for 1", document({schedule("s", {{"expression", "rate(1 minutes)"}})}), "bad-schedule", "s", "expression");
    row("rate zero", document({schedule("s", {{"expression", "rate(0 hours)"}})}), "bad-schedule", "s", "expression");
    row("cron both days", document({schedule("s", {{"expression", "cron(0 12 * * * *)"}})}), "bad-schedule", "s", "expression");
    row("cron minute 61", document({schedule("s", {{"expression", "cron(61 12 * * ? *)"}})}), "bad-schedule", "s", "expression");
    row("cron five fields", document({schedule("s", {{"expression", "cron(0 12 ? * MON-FRI)"}})}), "bad-schedule", "s", "expression");
    row("not an expression", document({schedule("s", {{"expression", "every 5 minutes"}})}), "bad-schedule", "s", "expression");
    row("unknown time zone", document({schedule("s", {{"timezone", "Mars/Olympus_Mons"}})}), "bad-timezone", "s", "timezone");

    // choice rules
    row("choice wrong operand type", document({choice("c", {rule("a", {{"variable", "$.x"}, {"stringEquals", 5}})})}), "bad-choice-rule", "c", "rules[0].condition.stringEquals");
    row("choice variable not a path", document({choice("c", {rule("a", {{"variable", "x.y"}, {"stringEquals", "v"}})})}), "bad-choice-rule", "c", "rules[0].condition.variable");
    row("choice without operator", document({choice("c", {rule("a", {{"variable", "$.x"}})})}), "bad-choice-rule", "c", "rules[0].condition");
    row("choice unknown operator", document({choice("c", {rule("a", {{"variable", "$.x"}, {"stringContains", "v"}})})}), "bad-choice-rule", "c", "rules[0].condition");
    row("choice two operators", document({choice("c", {rule("a", {{"variable", "$.x"}, {"isNull", true}, {"isString", true}})})}), "bad-choice-rule", "c", "rules[0].condition");
    row("choice empty and", document({choice("c", {rule("a", {{"and", Json::array()}})})}), "bad-choice-rule", "c", "rules[0].condition.and");
    row("choice bad nested", document({choice("c", {rule("a", {{"or", {{{"variable", "$.x"}, {"isPresent", true}}, {{"not", {{"variable", "$.y"}, {"numericEquals", "1"}}}}}}})})}), "bad-choice-rule", "c", "rules[0].condition.or[1].not.numericEquals");
    row("choice bad timestamp", document({choice("c", {rule("a", {{"variable", "$.t"}, {"timestampLessThan", "yesterday"}})})}), "bad-choice-rule", "c", "rules[0].condition.timestampLessThan");
    row("choice port named default", document({choice("c", {rule("default", {{"variable", "$.x"}, {"isNull", true}})})}), "bad-choice-rule", "c", "rules[0].port");
    row("choice ports repeat", document({choice("c", {rule("a", {{"variable", "$.x"}, {"isNull", true}}), rule("a", {{"variable", "$.y"}, {"isNull", true}})})}), "bad-choice-rule", "c", "rules[1].port");
    row("choice rule without condition", document({choice("c", {Json{{"port", "a"}}})}), "bad-choice-rule", "c", "rules[0].condition");

    // what a function uses
    row("uses an unknown resource", document({fn("f", {{"uses", {"nowhere"}}})}), "unknown-resource", "f", "uses");
    row("uses one twice", document({fn("f", {{"uses", {"t", "t"}}}), node("t", "table", "t", Json::object())}), "bad-value", "f", "uses");
    row("uses not a list", document({fn("f", {{"uses", "t"}})}), "wrong-type", "f", "uses");
    row("uses two of one variable", document({fn("f", {{"uses", {"my-tab.v2", "my_tab_v2"}}}), node("a", "table", "my-tab.v2", Json::object()), node("b", "table", "my_tab_v2", Json::object())}), "bad-value", "f", "uses");

    // HTTP paths
    row("path without slash", document({http("h", "GET", "hello")}), "bad-path", "h", "path");
    row("greedy not last", document({http("h", "GET", "/a/{proxy+}/b")}), "bad-path", "h", "path");
    row("empty segment", document({http("h", "GET", "/a//b")}), "bad-path", "h", "path");
    row("bad parameter", document({http("h", "GET", "/a/{b c}")}), "bad-path", "h", "path");
    row("repeated parameter", document({http("h", "GET", "/a/{id}/b/{id}")}), "bad-path", "h", "path");
}

void TestValidation::reportsTheRule()
{
    QFETCH(QString, doc);
    QFETCH(QString, code);
    QFETCH(QString, where);
    QFETCH(QString, field);
    const Problems problems = problemsOf(doc);
    bool found = false;
    for (const Problem &p : problems) {
        const QString at = QString::fromStdString(p.edge.isValid() ? p.edge.str() : p.node.str());
        if (QString::fromStdString(p.code) == code && at == where
            && (field.isEmpty() || QString::fromStdString(p.field) == field)) {
            found = true;
            QVERIFY(!p.message.empty());
            QVERIFY2(p.workflow.isValid() || code == QLatin1String("dangling-test-event"),
                     p.toString().c_str());
        }
    }
    QVERIFY2(found, qPrintable(QStringLiteral("expected [%1] at %2 %3; got:%4")
                                   .arg(code, where, field, describe(problems))));
}

void TestValidation::acceptsValidDesigns_data()
{
    QTest::addColumn<QString>("doc");
    QTest::newRow("empty workflow") << document({});
    QTest::newRow("function with defaults") << document({fn("f")});
    QTest::newRow("function using resources") << document({fn("f", {{"uses", {"todos", "jobs"}}}), node("t", "table", "todos", Json::object()), node("q", "queue", "jobs", Json::object())});
    QTest::newRow("esm handler") << document({fn("f", {{"handler", "app.handler"}, {"files", {{"app.mjs", "export const handler = async () => 1;"}}}})});
    QTest::newRow("nested node handler") << document({fn("f", {{"handler", "src/app.lib.handler"}, {"files", {{"src/app.js", ""}}}})});
    QTest::newRow("python package handler") << document({fn("f", {{"runtime", "python3.12"}, {"handler", "pkg.mod.handler"}, {"files", {{"pkg/mod.py", ""}, {"pkg/__init__.py", ""}}}})});
    QTest::newRow("python src handler") << document({fn("f", {{"runtime", "python3.11"}, {"handler", "src/app.handler"}, {"files", {{"src/app.py", ""}}}})});
    QTest::newRow("provided") << document({fn("f", {{"runtime", "provided.al2023"}, {"handler", "bootstrap"}, {"files", {{"bootstrap", "#!/bin/sh\n"}}}})});
    QTest::newRow("every limit at its bound") << document({fn("f", {{"memoryMB", 10240}, {"timeoutS", 900}, {"retries", 0}, {"concurrency", 1000}, {"architecture", "arm64"}})});
    QTest::newRow("greedy path") << document({http("h", "ANY", "/files/{proxy+}")});
    QTest::newRow("root path") << document({http("h", "GET", "/")});
    QTest::newRow("same path other method") << document({http("h1", "GET", "/items"), http("h2", "POST", "/items")});
    QTest::newRow("cron weekdays") << document({schedule("s", {{"expression", "cron(0/15 8-17 ? * MON-FRI *)"}, {"timezone", "Europe/Paris"}})});
    QTest::newRow("cron last day") << document({schedule("s", {{"expression", "cron(0 0 L * ? 2026-2030)"}})});
    QTest::newRow("cron nth weekday") << document({schedule("s", {{"expression", "cron(30 9 ? JAN-MAR 2#1 *)"}})});
    QTest::newRow("rate singular") << document({schedule("s", {{"expression", "rate(1 day)"}})});
    QTest::newRow("choice combinators") << document({choice("c", {rule("a", {{"and", {{{"variable", "$.a"}, {"isPresent", true}}, {{"not", {{"variable", "$.b[0]"}, {"stringMatches", "log-*.txt"}}}}}}}), rule("b", {{"variable", "$.t"}, {"timestampGreaterThanPath", "$.since"}})}), fn("f")}, {edge("e1", "c", "a", "f", "in"), edge("e2", "c", "b", "f", "in")});
    QTest::newRow("chain through queue") << document({http("h", "POST", "/o"), fn("a"), node("q", "queue", "jobs", Json::object()), fn("b"), node("l", "log", "l", Json::object())},
                                                     {edge("e1", "h", "event", "a", "in"), edge("e2", "a", "ok", "q", "in"), edge("e3", "q", "out", "b", "in"), edge("e4", "q", "dead", "l", "in")});
}

void TestValidation::acceptsValidDesigns()
{
    QFETCH(QString, doc);
    const Problems problems = problemsOf(doc);
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
}

void TestValidation::returnsEveryProblemAtOnce()
{
    const QString doc = document({fn("a", {{"memoryMB", 1}, {"timeoutS", 0}, {"handler", nullptr}}),
                                  node("b", "mystery", "b", Json::object()),
                                  schedule("s", {{"expression", "rate(1 weeks)"}})},
                                 {edge("e1", "a", "ok", "nowhere", "in")});
    const Problems problems = problemsOf(doc);
    QStringList codes;
    for (const Problem &p : problems)
        codes << QString::fromStdString(p.code);
    codes.sort();
    QCOMPARE(codes, (QStringList{"bad-schedule", "dangling-edge", "missing-field", "out-of-range",
                                 "out-of-range", "unknown-kind"}));
}

void TestValidation::problemTextNamesNodeFieldAndReason()
{
    const Problems problems = problemsOf(document({fn("hello", {{"memoryMB", 64}})}));
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems[0].toString()),
             QStringLiteral("workflow 'main', node 'hello' (hello), field 'memoryMB': 64 is below "
                            "the minimum 128"));
}

void TestValidation::cycleThroughAQueueIsFine()
{
    // a -> queue -> b -> a: the queue breaks the loop, as an SQS queue would.
    const QString doc = document({fn("a"), node("q", "queue", "loop", Json::object()), fn("b")},
                                 {edge("e1", "a", "ok", "q", "in"), edge("e2", "q", "out", "b", "in"),
                                  edge("e3", "b", "ok", "a", "in")});
    const Problems problems = problemsOf(doc);
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
}

void TestValidation::longChainsDoNotOverflow()
{
    // 20,000 functions in a chain closed into one big cycle: the cycle check
    // is iterative and must report exactly one cycle.
    std::vector<Json> nodes, edges;
    const int n = 20000;
    for (int i = 0; i < n; ++i)
        nodes.push_back(fn("f" + std::to_string(i)));
    for (int i = 0; i < n; ++i)
        edges.push_back(edge("e" + std::to_string(i), "f" + std::to_string(i), "ok",
                             "f" + std::to_string((i + 1) % n), "in"));
    const Problems problems = problemsOf(document(nodes, edges));
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems[0].code), QStringLiteral("cycle-without-queue"));
}

void TestValidation::settingsAreChecked_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("field"); // "" = valid
    QTest::newRow("retention ok") << R"json({"retention": {"days": 30, "runs": 100000}})json" << "";
    QTest::newRow("retention list") << R"json({"retention": [30]})json" << "settings.retention";
    QTest::newRow("negative days") << R"json({"retention": {"days": -1}})json" << "settings.retention.days";
    QTest::newRow("unknown key") << R"json({"retention": {"weeks": 2}})json" << "settings.retention.weeks";
    QTest::newRow("pricing number") << R"json({"pricing": 3})json" << "settings.pricing";
    QTest::newRow("gateway ok") << R"json({"gateway": {"host": "127.0.0.1", "port": 8080}, "services": {"port": 0}})json" << "";
    QTest::newRow("gateway localhost, ::1") << R"json({"gateway": {"host": "localhost"}, "services": {}})json" << "";
    QTest::newRow("gateway ipv6") << R"json({"gateway": {"host": "::1", "port": 0}})json" << "";
    QTest::newRow("gateway host name") << R"json({"gateway": {"host": "example.com"}})json" << "settings.gateway.host";
    QTest::newRow("gateway octet 256") << R"json({"gateway": {"host": "10.0.0.256"}})json" << "settings.gateway.host";
    QTest::newRow("gateway port high") << R"json({"gateway": {"port": 70000}})json" << "settings.gateway.port";
    QTest::newRow("gateway port text") << R"json({"gateway": {"port": "80"}})json" << "settings.gateway.port";
    QTest::newRow("gateway typo") << R"json({"gateway": {"prot": 80}})json" << "settings.gateway.prot";
    QTest::newRow("gateway list") << R"json({"gateway": [80]})json" << "settings.gateway";
    QTest::newRow("services port") << R"json({"services": {"port": -1}})json" << "settings.services.port";
    QTest::newRow("cpu share text") << R"json({"emulateCpuShare": "yes"})json" << "settings.emulateCpuShare";
    QTest::newRow("cpu share on") << R"json({"emulateCpuShare": true})json" << "";
}

void TestValidation::settingsAreChecked()
{
    QFETCH(QString, settings);
    QFETCH(QString, field);
    const QString doc = QStringLiteral(R"json({"format": "stratus-workspace", "version": 1, "settings": %1, "workflows": []})json").arg(settings);
    const Problems problems = problemsOf(doc);
    if (field.isEmpty()) {
        QVERIFY2(problems.empty(), qPrintable(describe(problems)));
        return;
    }
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(QString::fromStdString(problems[0].field), field);
}

void TestValidation::scheduleExpressions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<qlonglong>("rateSeconds"); // 0: cron; -1: invalid
    QTest::newRow("1 minute") << "rate(1 minute)" << 60LL;
    QTest::newRow("5 minutes") << "rate(5 minutes)" << 300LL;
    QTest::newRow("2 hours") << "rate(2 hours)" << 7200LL;
    QTest::newRow("1 day") << "rate(1 day)" << 86400LL;
    QTest::newRow("spaces") << "  rate( 3 days )  " << 259200LL;
    QTest::newRow("cron") << "cron(15 10 ? * 6L 2026-2030)" << 0LL;
    QTest::newRow("cron W") << "cron(0 9 15W * ? *)" << 0LL;
    QTest::newRow("cron list") << "cron(0,30 8,12,18 ? * SUN,SAT *)" << 0LL;
    QTest::newRow("1 minutes") << "rate(1 minutes)" << -1LL;
    QTest::newRow("fraction") << "rate(1.5 hours)" << -1LL;
    QTest::newRow("weeks") << "rate(2 weeks)" << -1LL;
    QTest::newRow("hour 24") << "cron(0 24 * * ? *)" << -1LL;
    QTest::newRow("year 1969") << "cron(0 0 1 1 ? 1969)" << -1LL;
    QTest::newRow("month 13") << "cron(0 0 1 13 ? *)" << -1LL;
    QTest::newRow("bad step") << "cron(*/0 * * * ? *)" << -1LL;
    QTest::newRow("? in minutes") << "cron(? * * * ? *)" << -1LL;
    QTest::newRow("hash out of range") << "cron(0 0 ? * 2#6 *)" << -1LL;
    QTest::newRow("empty") << "" << -1LL;
}

void TestValidation::scheduleExpressions()
{
    QFETCH(QString, expression);
    QFETCH(qlonglong, rateSeconds);
    auto parsed = parseScheduleExpression(expression.toStdString());
    if (rateSeconds < 0) {
        QVERIFY(!parsed);
        QVERIFY(!parsed.status().message().empty());
        return;
    }
    QVERIFY2(parsed, parsed.status().message().c_str());
    if (rateSeconds == 0) {
        QCOMPARE(int(parsed->type), int(ScheduleExpression::Type::Cron));
    } else {
        QCOMPARE(int(parsed->type), int(ScheduleExpression::Type::Rate));
        QCOMPARE(parsed->rateSeconds, rateSeconds);
    }
}

// compatiblePorts() answers in one pass what connectionProblem() answers per
// pair: on every example and on random graphs with queues and loops, the two
// must agree for every port of every node.
void TestValidation::compatiblePortsAreExactlyTheAcceptedOnes()
{
    std::vector<Workflow> workflows;
    for (const QString &file : stratus::test::exampleFiles()) {
        auto doc = workspace_json::readFile(file.toStdString());
        QVERIFY(doc);
        for (const Workflow &w : doc->workspace.workflows)
            workflows.push_back(w);
    }
    uint32_t seed = 7;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000u; };
    const char *kinds[] = {"function", "function", "queue", "choice", "log", "trigger.manual", "table"};
    for (int g = 0; g < 20; ++g) {
        Workflow w(WorkflowId("random"), "Random");
        const int n = 12;
        for (int i = 0; i < n; ++i)
            w.addNode(Node{NodeId("n" + std::to_string(i)), kinds[next() % 7], "n" + std::to_string(i), Json::object()});
        for (int e = 0; e < 18; ++e) {
            const PortRef from{NodeId("n" + std::to_string(next() % n)), next() % 2 ? "ok" : "out"};
            const PortRef to{NodeId("n" + std::to_string(next() % n)), "in"};
            if (connectionProblem(w, from, to).empty())
                w.addEdge(Edge{EdgeId("e" + std::to_string(e)), from, to});
        }
        workflows.push_back(std::move(w));
    }
    const auto &registry = NodeKindRegistry::instance();
    int checked = 0;
    for (const Workflow &w : workflows) {
        for (const Node &a : w.nodes()) {
            for (bool output : {true, false}) {
                for (const std::string &port : output ? registry.outputPorts(a) : registry.inputPorts(a)) {
                    const PortRef end{a.id, port};
                    const auto fast = compatiblePorts(w, end, output);
                    std::vector<PortRef> slow;
                    for (const Node &b : w.nodes()) {
                        for (const std::string &p : output ? registry.inputPorts(b) : registry.outputPorts(b)) {
                            const PortRef other{b.id, p};
                            if ((output ? connectionProblem(w, end, other) : connectionProblem(w, other, end)).empty())
                                slow.push_back(other);
                        }
                    }
                    QVERIFY2(fast == slow, (w.id().str() + ": " + a.id.str() + "." + port).c_str());
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 200);
}

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
