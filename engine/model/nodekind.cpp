#include "nodekind.h"

#include "runtimes.h"
#include "workflow.h"

#include <QtGlobal>

#include <algorithm>

namespace stratus::engine {

namespace {

FieldSpec field(std::string name, FieldType type, Json defaultValue, std::string description)
{
    FieldSpec f;
    f.name = std::move(name);
    f.type = type;
    f.defaultValue = std::move(defaultValue);
    f.description = std::move(description);
    return f;
}

FieldSpec required(FieldSpec f)
{
    f.required = true;
    return f;
}

FieldSpec ranged(FieldSpec f, long long minimum, std::optional<long long> maximum)
{
    f.minimum = minimum;
    f.maximum = maximum;
    return f;
}

FieldSpec choices(FieldSpec f, std::vector<std::string> values)
{
    f.choices = std::move(values);
    return f;
}

std::vector<std::string> runtimeIds()
{
    std::vector<std::string> ids;
    for (const LambdaRuntime &r : lambdaRuntimes())
        ids.emplace_back(r.id);
    return ids;
}

FieldSpec checked(FieldSpec f, FieldCheck check)
{
    f.check = check;
    return f;
}

std::vector<NodeKindSpec> buildKinds()
{
    std::vector<NodeKindSpec> kinds;

    // Triggers ---------------------------------------------------------------
    {
        NodeKindSpec k;
        k.id = KindId::HttpTrigger;
        k.kind = kinds::kHttpTrigger;
        k.family = NodeFamily::Trigger;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "HTTP trigger");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Starts a run for each HTTP request to a route, with API Gateway's "
                        "HTTP API (payload 2.0) event.");
        k.awsEquivalent = "API Gateway HTTP API route";
        k.outputs = {{"event", "the API Gateway HTTP API event"}};
        k.fields = {
            choices(field("method", FieldType::Enum, "GET",
                          QT_TRANSLATE_NOOP("NodeKind", "The HTTP method of the route.")),
                    {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}),
            required(checked(
                field("path", FieldType::String, nullptr,
                      QT_TRANSLATE_NOOP("NodeKind",
                                        "The route: starts with /, may hold {name} segments "
                                        "and a final {proxy+}.")),
                FieldCheck::HttpPath)),
            field("cors", FieldType::Cors, nullptr,
                  QT_TRANSLATE_NOOP(
                      "NodeKind",
                      "Cross-origin settings: allowOrigins, allowMethods, allowHeaders, maxAgeS.")),
            choices(
                field("payloadFormat", FieldType::Enum, "2.0",
                      QT_TRANSLATE_NOOP(
                          "NodeKind",
                          "The event's format: 2.0 (HTTP API) or 1.0 (the REST API proxy event).")),
                {"2.0", "1.0"}),
        };
        kinds.push_back(std::move(k));
    }
    {
        NodeKindSpec k;
        k.id = KindId::ScheduleTrigger;
        k.kind = kinds::kScheduleTrigger;
        k.family = NodeFamily::Trigger;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Schedule");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Starts a run on a rate or cron schedule, with EventBridge's "
                        "Scheduled Event.");
        k.awsEquivalent = "EventBridge schedule";
        k.outputs = {{"event", "the EventBridge Scheduled Event"}};
        k.fields = {
            required(checked(
                field("expression", FieldType::String, nullptr,
                      QT_TRANSLATE_NOOP("NodeKind", "rate(N minutes|hours|days) or cron(min hour "
                                                    "day-of-month month day-of-week year).")),
                FieldCheck::ScheduleExpression)),
            checked(field("timezone", FieldType::String, "UTC",
                          QT_TRANSLATE_NOOP("NodeKind",
                                            "The IANA time zone the cron expression is read in.")),
                    FieldCheck::TimeZone),
            field("enabled", FieldType::Boolean, true,
                  QT_TRANSLATE_NOOP("NodeKind", "Whether the schedule fires.")),
            field("detail", FieldType::JsonObject, Json::object(),
                  QT_TRANSLATE_NOOP("NodeKind", "JSON put in the event's detail.")),
        };
        kinds.push_back(std::move(k));
    }
    {
        NodeKindSpec k;
        k.id = KindId::ManualTrigger;
        k.kind = kinds::kManualTrigger;
        k.family = NodeFamily::Trigger;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Manual trigger");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Starts a run when you press Send, with a saved test event.");
        k.awsEquivalent = QT_TRANSLATE_NOOP("NodeKind", "a test event / direct invoke");
        k.outputs = {{"event", "the event, as written"}};
        k.fields = {field("event", FieldType::Json, Json::object(),
                          QT_TRANSLATE_NOOP("NodeKind", "The JSON sent when fired."))};
        kinds.push_back(std::move(k));
    }

    // Compute ----------------------------------------------------------------
    {
        NodeKindSpec k;
        k.id = KindId::Function;
        k.kind = kinds::kFunction;
        k.family = NodeFamily::Compute;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Function");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Runs your code on each event with AWS Lambda's handler contract, "
                        "in warm instances.");
        k.awsEquivalent = "AWS::Lambda::Function";
        k.inputs = {{"in", "the event the handler receives"}};
        k.outputs = {{"ok", "the handler's result"},
                     {"error", "a Lambda-style error record, after the retries"}};
        k.nameRule = NameRule::Function;
        k.fields = {
            required(choices(field("runtime", FieldType::Enum, nullptr,
                                   QT_TRANSLATE_NOOP("NodeKind", "The Lambda runtime identifier.")),
                             runtimeIds())),
            required(
                checked(field("handler", FieldType::String, nullptr,
                              QT_TRANSLATE_NOOP("NodeKind",
                                                "file.export (Node.js), module.function (Python); "
                                                "provided.al2/al2023 run the file bootstrap.")),
                        FieldCheck::Handler)),
            ranged(field("memoryMB", FieldType::Integer, 128,
                         QT_TRANSLATE_NOOP("NodeKind",
                                           "Memory size in MB, which also scales CPU and cost.")),
                   128, 10240),
            ranged(field("timeoutS", FieldType::Integer, 3,
                         QT_TRANSLATE_NOOP("NodeKind", "Seconds before an invocation is stopped.")),
                   1, 900),
            choices(
                field("architecture", FieldType::Enum, "x86_64",
                      QT_TRANSLATE_NOOP("NodeKind", "The instruction set, which sets the price.")),
                {"x86_64", "arm64"}),
            ranged(field("concurrency", FieldType::Integer, 0,
                         QT_TRANSLATE_NOOP(
                             "NodeKind",
                             "Reserved concurrency: the most instances at once; 0 = unreserved.")),
                   0, std::nullopt),
            ranged(field("retries", FieldType::Integer, 2,
                         QT_TRANSLATE_NOOP("NodeKind",
                                           "Retries of a failed asynchronous invocation.")),
                   0, 2),
            checked(field("environment", FieldType::StringMap, Json::object(),
                          QT_TRANSLATE_NOOP("NodeKind", "Environment variables of the function.")),
                    FieldCheck::Environment),
            required(checked(
                field("files", FieldType::Files, nullptr,
                      QT_TRANSLATE_NOOP("NodeKind",
                                        "The function's source files: relative path -> text.")),
                FieldCheck::FilePaths)),
            checked(field("description", FieldType::String, "",
                          QT_TRANSLATE_NOOP("NodeKind", "What the function does.")),
                    FieldCheck::Description),
            field("uses", FieldType::ResourceNames, Json::array(),
                  QT_TRANSLATE_NOOP(
                      "NodeKind",
                      "The queues, buckets and tables the function reaches through the AWS SDK: "
                      "it gets their names in its environment, and the export grants it access.")),
        };
        kinds.push_back(std::move(k));
    }

    // Flow -------------------------------------------------------------------
    {
        NodeKindSpec k;
        k.id = KindId::Choice;
        k.kind = kinds::kChoice;
        k.family = NodeFamily::Flow;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Choice");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Routes an event by rules on its fields, like a Step Functions "
                        "Choice state, without code.");
        k.awsEquivalent = "Step Functions Choice state";
        k.inputs = {{"in", "the event to route"}};
        k.outputs = {{"default", "events that match no rule"}};
        k.outputsFromRules = true;
        k.fields = {
            field("rules", FieldType::ChoiceRules, Json::array(),
                  QT_TRANSLATE_NOOP("NodeKind", "Rules tried in order: {port, condition}."))};
        kinds.push_back(std::move(k));
    }

    // Resources --------------------------------------------------------------
    {
        NodeKindSpec k;
        k.id = KindId::Queue;
        k.kind = kinds::kQueue;
        k.family = NodeFamily::Resource;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Queue");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Holds messages and delivers them in batches, like an SQS queue with "
                        "its dead-letter queue.");
        k.awsEquivalent = "AWS::SQS::Queue";
        k.inputs = {{"in", "a value to send as one message"}};
        k.outputs = {{"out", "SQS event batches"},
                     {"dead", "messages received maxReceiveCount times"}};
        k.isResource = true;
        k.nameRule = NameRule::Queue;
        k.fields = {
            ranged(field("batchSize", FieldType::Integer, 10,
                         QT_TRANSLATE_NOOP("NodeKind", "Messages per batch at most.")),
                   1, 10000),
            ranged(field("batchWindowS", FieldType::Integer, 0,
                         QT_TRANSLATE_NOOP("NodeKind",
                                           "Seconds to gather a batch before delivering it.")),
                   0, 300),
            ranged(field("visibilityTimeoutS", FieldType::Integer, 30,
                         QT_TRANSLATE_NOOP(
                             "NodeKind",
                             "Seconds a received message stays hidden before it is retried.")),
                   0, 43200),
            ranged(field("maxReceiveCount", FieldType::Integer, 3,
                         QT_TRANSLATE_NOOP("NodeKind", "Receives before a message goes to dead.")),
                   1, 1000),
        };
        kinds.push_back(std::move(k));
    }
    {
        NodeKindSpec k;
        k.id = KindId::Bucket;
        k.kind = kinds::kBucket;
        k.family = NodeFamily::Resource;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Bucket");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Stores objects in a folder and reports each created or removed "
                        "object, like an S3 bucket.");
        k.awsEquivalent = "AWS::S3::Bucket";
        k.inputs = {{"in", "an object to write"}};
        k.outputs = {{"out", "S3 ObjectCreated / ObjectRemoved records"}};
        k.isResource = true;
        k.nameRule = NameRule::Bucket;
        k.fields = {
            choices(field("events", FieldType::StringSet, Json::array({"created", "removed"}),
                          QT_TRANSLATE_NOOP("NodeKind", "Which changes produce events.")),
                    {"created", "removed"}),
            field("prefix", FieldType::String, "",
                  QT_TRANSLATE_NOOP("NodeKind", "Only keys starting with this.")),
            field("suffix", FieldType::String, "",
                  QT_TRANSLATE_NOOP("NodeKind", "Only keys ending with this.")),
            field("folder", FieldType::String, nullptr,
                  QT_TRANSLATE_NOOP(
                      "NodeKind",
                      "Where the objects live; by default a folder named after the bucket "
                      "beside the workspace file.")),
        };
        kinds.push_back(std::move(k));
    }
    {
        NodeKindSpec k;
        k.id = KindId::Table;
        k.kind = kinds::kTable;
        k.family = NodeFamily::Resource;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Table");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Stores items by key and streams every change, like a DynamoDB "
                        "table with a stream.");
        k.awsEquivalent = "AWS::DynamoDB::Table";
        k.inputs = {{"in", "an item to put, or {\"delete\": key}"}};
        k.outputs = {{"out", "DynamoDB Streams records (NEW_AND_OLD_IMAGES)"}};
        k.isResource = true;
        k.nameRule = NameRule::Table;
        k.fields = {
            checked(field("partitionKey", FieldType::String, "id",
                          QT_TRANSLATE_NOOP("NodeKind", "The partition key attribute.")),
                    FieldCheck::NonEmpty),
            checked(field("sortKey", FieldType::String, nullptr,
                          QT_TRANSLATE_NOOP("NodeKind", "The sort key attribute, if any.")),
                    FieldCheck::NonEmpty),
            ranged(field("streamBatchSize", FieldType::Integer, 100,
                         QT_TRANSLATE_NOOP("NodeKind", "Stream records per batch at most.")),
                   1, 10000),
        };
        kinds.push_back(std::move(k));
    }
    {
        NodeKindSpec k;
        k.id = KindId::Log;
        k.kind = kinds::kLog;
        k.family = NodeFamily::Resource;
        k.label = QT_TRANSLATE_NOOP("NodeKind", "Log");
        k.description = QT_TRANSLATE_NOOP(
            "NodeKind", "Writes each value it receives to the run log, like CloudWatch Logs.");
        k.awsEquivalent = "CloudWatch Logs";
        k.inputs = {{"in", "a value to log"}};
        k.fields = {choices(field("level", FieldType::Enum, "info",
                                  QT_TRANSLATE_NOOP("NodeKind", "The log level.")),
                            {"info", "warn", "error"})};
        kinds.push_back(std::move(k));
    }
    return kinds;
}

} // namespace

const FieldSpec *NodeKindSpec::field(std::string_view fieldName) const
{
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const FieldSpec &f) { return f.name == fieldName; });
    return it == fields.end() ? nullptr : &*it;
}

bool NodeKindSpec::hasInput(std::string_view port) const
{
    return std::any_of(inputs.begin(), inputs.end(),
                       [&](const PortSpec &p) { return p.name == port; });
}

NodeKindRegistry::NodeKindRegistry() : m_kinds(buildKinds())
{}

const NodeKindRegistry &NodeKindRegistry::instance()
{
    static const NodeKindRegistry registry;
    return registry;
}

std::optional<KindId> kindIdOf(std::string_view kind)
{
    if (const NodeKindSpec *spec = NodeKindRegistry::instance().find(kind))
        return spec->id;
    return std::nullopt;
}

const NodeKindSpec *NodeKindRegistry::find(std::string_view kind) const
{
    auto it = std::find_if(m_kinds.begin(), m_kinds.end(),
                           [&](const NodeKindSpec &k) { return k.kind == kind; });
    return it == m_kinds.end() ? nullptr : &*it;
}

std::vector<std::string> NodeKindRegistry::outputPorts(const Node &node) const
{
    std::vector<std::string> ports;
    const NodeKindSpec *spec = find(node.kind);
    if (!spec)
        return ports;
    if (spec->outputsFromRules) {
        auto rules = node.config.find("rules");
        if (rules != node.config.end() && rules->is_array()) {
            for (const Json &rule : *rules) {
                if (rule.is_object() && rule.contains("port") && rule["port"].is_string())
                    ports.push_back(rule["port"].get<std::string>());
            }
        }
    }
    for (const PortSpec &p : spec->outputs)
        ports.push_back(p.name);
    return ports;
}

std::vector<std::string> NodeKindRegistry::inputPorts(const Node &node) const
{
    std::vector<std::string> ports;
    if (const NodeKindSpec *spec = find(node.kind)) {
        for (const PortSpec &p : spec->inputs)
            ports.push_back(p.name);
    }
    return ports;
}

Json NodeKindRegistry::effectiveConfig(const Node &node) const
{
    Json config = node.config.is_object() ? node.config : Json::object();
    if (const NodeKindSpec *spec = find(node.kind)) {
        for (const FieldSpec &f : spec->fields) {
            if (!config.contains(f.name) && !f.defaultValue.is_null())
                config[f.name] = f.defaultValue;
        }
    }
    return config;
}

const char *familyName(NodeFamily family)
{
    switch (family) {
    case NodeFamily::Trigger:
        return "Triggers";
    case NodeFamily::Compute:
        return "Compute";
    case NodeFamily::Flow:
        return "Flow";
    case NodeFamily::Resource:
        return "Resources";
    }
    return "";
}

} // namespace stratus::engine
