#include "serverless.h"

#include "origin.h"
#include "yaml.h"

#include "engine/model/text.h"
#include "engine/model/workflow.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace stratus::engine::exporting {

namespace {

constexpr const char *kFunction = "AWS::Serverless::Function";
constexpr const char *kStateMachine = "AWS::Serverless::StateMachine";
constexpr size_t kServiceNameMax = 20;
constexpr size_t kStageRoom = 8; // a stage name of up to 8 characters ("dev", "staging", "prod")

/// "Todo API" → "todo-api": a service name Serverless and S3 both take
/// (it starts every stack, function and bucket name).
std::string serviceNameFrom(const std::string &name)
{
    std::string out;
    for (const unsigned char c : name) {
        if (std::isalnum(c) && c < 0x80)
            out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front())))
        out.insert(0, "stratus-");
    out.resize(std::min(out.size(), kServiceNameMax));
    while (out.back() == '-')
        out.pop_back();
    return out.size() < 2 ? "stratus-" + out : out; // Serverless wants two characters at least
}

/// `value` with every node `visit` gives a replacement for replaced, and
/// every other object and array visited in turn.
Json mapJson(const Json &value, const std::function<std::optional<Json>(const Json &)> &visit)
{
    if (std::optional<Json> replaced = visit(value))
        return *replaced;
    if (value.is_array()) {
        Json out = Json::array();
        for (const Json &v : value)
            out.push_back(mapJson(v, visit));
        return out;
    }
    if (value.is_object()) {
        Json out = Json::object();
        for (const auto &[key, v] : value.items())
            out[key] = mapJson(v, visit);
        return out;
    }
    return value;
}

/// `text` with each "${" that Serverless would read as one of its variables
/// ("${type:…}", "${type(…)}", type starting lower-case) written "\${",
/// which Serverless turns back into "${".
std::string escapeServerlessVariables(std::string text)
{
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
        size_t end = at + 2;
        if (end >= text.size() || !std::islower(static_cast<unsigned char>(text[end])))
            continue;
        while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])))
            ++end;
        if (end < text.size() && (text[end] == ':' || text[end] == '('))
            text.insert(at++, "\\");
    }
    return text;
}

/// What a function's name becomes on AWS (SERVICE-STAGE-KEY), which Lambda
/// allows up to 64 characters: KEY cut, and told apart by a digest, when
/// it would not fit with a stage name of kStageRoom characters.
std::optional<std::string> shortenedFunctionName(const std::string &service, const std::string &key)
{
    const size_t room = 64 - service.size() - 1 - kStageRoom - 1;
    if (key.size() <= room)
        return std::nullopt;
    // FNV-1a: the same digits on every machine, so the bundle's bytes are too.
    uint32_t hash = 2166136261u;
    for (const unsigned char c : key)
        hash = (hash ^ c) * 16777619u;
    const std::string digest = std::to_string(hash % 100000);
    return "${self:service}-${sls:stage}-" + key.substr(0, room - digest.size() - 1) + "-" + digest;
}

class ServerlessWriter
{
public:
    /// `serviceName`: what the service is named after (the workspace, or the one workflow exported).
    ServerlessWriter(const Workspace &workspace, SamDocument sam, const std::string &serviceName)
        : m_workspace(workspace)
        , m_sam(std::move(sam))
        , m_service(serviceNameFrom(serviceName))
        , m_region(workspace.settings.is_object() && workspace.settings.value("region", Json()).is_string()
                       ? workspace.settings["region"].get<std::string>()
                       : std::string("us-east-1"))
    {}
    ServerlessWriter(const ServerlessWriter &) = delete;
    ServerlessWriter &operator=(const ServerlessWriter &) = delete;

    Result<Bundle> run();

private:
    void nameResources();
    /// Every reference to a SAM function or bucket, as Serverless names it.
    Json rewritten(const Json &value) const;
    Json function(const std::string &id, const Json &properties);
    void s3Events(const Json &event, Json &events);
    Json event(const std::string &target, const std::string &eventId, const Json &event);
    void addSchedule(const std::string &target, const std::string &eventId, const Json &properties);
    void addStatements(const Json &policies);
    Json stateMachine(const std::string &id, const Json &properties);
    Json provider() const;
    Json schedulerRole() const;
    std::string readme(const Json &functions) const;
    void refuse(const std::string &reason) { m_refusals.push_back(reason); }
    const Json &resources() const { return m_sam.document["Resources"]; }

    const Workspace &m_workspace;
    SamDocument m_sam;
    const std::string m_service;
    const std::string m_region; // the workspace's, which its events and ARNs name here
    std::map<std::string, std::string> m_functionIds;  // SAM logical id → Serverless's
    std::map<std::string, std::string> m_functionKeys; // SAM logical id → key under `functions`
    std::map<std::string, std::string> m_bucketNames;  // SAM logical id → the name, as Serverless makes it
    std::map<std::string, std::string> m_bucketSubs;   // the SAM name's !Sub text → the same
    std::set<std::string> m_bucketsWithEvents;
    Json m_statements = Json::array();
    Json m_cfnResources = Json::object();
    Json m_scheduleTargets = Json::array(); // what the scheduler's role may start
    bool m_hasRoutes = false;
    std::vector<std::string> m_refusals;
};

void ServerlessWriter::nameResources()
{
    for (const auto &[id, resource] : resources().items()) {
        const std::string type = resource.value("Type", std::string());
        if (type == kFunction) {
            const std::string key = id.ends_with("Function") && id.size() > 8 ? id.substr(0, id.size() - 8) : id;
            m_functionKeys[id] = key;
            m_functionIds[id] = key + "LambdaFunction"; // what Serverless calls function KEY
        } else if (type == "AWS::S3::Bucket") {
            // SAM's name is ${AWS::StackName}-NAME-${AWS::AccountId}; Serverless's stack is SERVICE-STAGE.
            const std::string sub = resource["Properties"]["BucketName"].value("Fn::Sub", std::string());
            const std::string head = "${AWS::StackName}-", tail = "-${AWS::AccountId}";
            if (!sub.starts_with(head) || !sub.ends_with(tail) || sub.size() < head.size() + tail.size()) {
                refuse("the bucket " + id + " has a name the Serverless form cannot make (" + sub + ")");
                continue;
            }
            const std::string name = sub.substr(head.size(), sub.size() - head.size() - tail.size());
            if (m_service.size() + 1 + kStageRoom + 1 + name.size() > 63)
                refuse("the bucket " + quote(name) + " would be named " + m_service + "-STAGE-" + name
                       + ", longer than S3's 63 characters with a stage of " + std::to_string(kStageRoom)
                       + ": shorten the bucket's or the workspace's name");
            m_bucketNames[id] = "${self:service}-${sls:stage}-" + name;
            m_bucketSubs[sub] = m_bucketNames[id];
        }
    }
}

Json ServerlessWriter::rewritten(const Json &value) const
{
    return mapJson(value, [this](const Json &v) -> std::optional<Json> {
        if (!v.is_object() || v.size() != 1)
            return std::nullopt;
        if (v.contains("Ref") && v["Ref"].is_string()) {
            const std::string id = v["Ref"];
            if (auto f = m_functionIds.find(id); f != m_functionIds.end())
                return Json{{"Ref", f->second}};
            if (auto b = m_bucketNames.find(id); b != m_bucketNames.end())
                return Json(b->second);
        }
        if (v.contains("Fn::GetAtt") && v["Fn::GetAtt"].is_array() && !v["Fn::GetAtt"].empty()) {
            Json parts = v["Fn::GetAtt"];
            if (auto f = m_functionIds.find(parts[0].get<std::string>()); f != m_functionIds.end())
                parts[0] = f->second;
            return Json{{"Fn::GetAtt", parts}};
        }
        if (v.contains("Fn::Sub") && v["Fn::Sub"].is_string()) {
            if (auto b = m_bucketSubs.find(v["Fn::Sub"].get<std::string>()); b != m_bucketSubs.end())
                return Json(b->second);
        }
        return std::nullopt;
    });
}

void ServerlessWriter::addStatements(const Json &policies)
{
    // Serverless gives every function one role: the union of what each needs.
    const auto add = [&](Json statement) {
        statement = rewritten(statement);
        if (std::find(m_statements.begin(), m_statements.end(), statement) == m_statements.end())
            m_statements.push_back(statement);
    };
    for (const Json &policy : policies) {
        if (policy.contains("Statement")) {
            for (const Json &statement : policy["Statement"])
                add(statement);
        } else if (policy.contains("SQSSendMessagePolicy")) {
            const Json queue = policy["SQSSendMessagePolicy"]["QueueName"].value("Fn::GetAtt", Json::array({""}))[0];
            add(Json{{"Effect", "Allow"}, {"Action", Json::array({"sqs:SendMessage*"})},
                     {"Resource", Json{{"Fn::GetAtt", Json::array({queue, "Arn"})}}}});
        } else if (policy.contains("DynamoDBCrudPolicy")) {
            // SAM's policy templates, as the SAM translator expands them.
            const Json table = policy["DynamoDBCrudPolicy"]["TableName"];
            const Json arn = Json{{"Fn::GetAtt", Json::array({table.value("Ref", std::string()), "Arn"})}};
            add(Json{{"Effect", "Allow"},
                     {"Action", Json::array({"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                                             "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
                                             "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem",
                                             "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"})},
                     {"Resource", Json::array({arn, Json{{"Fn::Join", Json::array({"/", Json::array({arn, "index", "*"})})}}})}});
        } else if (policy.contains("S3CrudPolicy")) {
            const Json name = rewritten(policy["S3CrudPolicy"]["BucketName"]);
            const std::string bucket = name.is_string() ? name.get<std::string>() : name.dump();
            add(Json{{"Effect", "Allow"},
                     {"Action", Json::array({"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                                             "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl",
                                             "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
                                             "s3:DeleteObject"})},
                     {"Resource", Json::array({Json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::" + bucket}},
                                               Json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::" + bucket + "/*"}}})}});
        } else if (policy.contains("SQSPollerPolicy")) {
            const Json queue = policy["SQSPollerPolicy"]["QueueName"].value("Fn::GetAtt", Json::array({""}))[0];
            add(Json{{"Effect", "Allow"},
                     {"Action", Json::array({"sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch",
                                             "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
                                             "sqs:GetQueueAttributes", "sqs:ReceiveMessage"})},
                     {"Resource", Json{{"Fn::GetAtt", Json::array({queue, "Arn"})}}}});
        } else if (policy.contains("S3WritePolicy")) {
            const Json name = rewritten(policy["S3WritePolicy"]["BucketName"]);
            add(Json{{"Effect", "Allow"}, {"Action", Json::array({"s3:PutObject"})},
                     {"Resource", Json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::" + name.get<std::string>() + "/*"}}}});
        } else {
            refuse("the policy " + policy.dump() + " has no Serverless form here");
        }
    }
}

void ServerlessWriter::addSchedule(const std::string &target, const std::string &eventId, const Json &properties)
{
    // What SAM makes of a ScheduleV2 event, written out: Serverless v3's own
    // schedules cannot hold the account and region in their input.
    Json schedule = Json{{"ScheduleExpression", properties.value("ScheduleExpression", Json())},
                         {"ScheduleExpressionTimezone", properties.value("ScheduleExpressionTimezone", Json("UTC"))},
                         {"State", properties.value("State", Json("ENABLED"))},
                         {"FlexibleTimeWindow", Json{{"Mode", "OFF"}}}};
    const bool machine = !m_functionIds.contains(target);
    const Json arn = machine ? Json{{"Ref", target}} : Json{{"Fn::GetAtt", Json::array({m_functionIds.at(target), "Arn"})}};
    schedule["Target"] = Json{{"Arn", arn},
                              {"RoleArn", Json{{"Fn::GetAtt", Json::array({"SchedulerRole", "Arn"})}}},
                              {"Input", properties.value("Input", Json())}};
    // One schedule per target, as SAM makes one per function it is an event of.
    const std::string id = machine ? eventId : m_functionKeys.at(target) + eventId;
    m_cfnResources[id] = Json{{"Type", "AWS::Scheduler::Schedule"}, {"Properties", schedule}};
    m_scheduleTargets.push_back(Json{{"Effect", "Allow"},
                                     {"Action", machine ? "states:StartExecution" : "lambda:InvokeFunction"},
                                     {"Resource", arn}});
}

Json ServerlessWriter::event(const std::string &target, const std::string &eventId, const Json &event)
{
    const std::string type = event.value("Type", std::string());
    const Json p = event.value("Properties", Json::object());
    if (type == "HttpApi") {
        m_hasRoutes = true;
        return Json{{"httpApi", Json{{"method", p.value("Method", Json())}, {"path", p.value("Path", Json())}}}};
    }
    if (type == "SQS") {
        Json sqs = Json{{"arn", rewritten(p.value("Queue", Json()))}, {"batchSize", p.value("BatchSize", Json(10))}};
        if (p.contains("MaximumBatchingWindowInSeconds"))
            sqs["maximumBatchingWindow"] = p["MaximumBatchingWindowInSeconds"];
        sqs["functionResponseType"] = "ReportBatchItemFailures";
        return Json{{"sqs", sqs}};
    }
    if (type == "DynamoDB")
        return Json{{"stream", Json{{"type", "dynamodb"},
                                    {"arn", rewritten(p.value("Stream", Json()))},
                                    {"batchSize", p.value("BatchSize", Json(100))},
                                    {"startingPosition", p.value("StartingPosition", Json("LATEST"))},
                                    {"functionResponseType", "ReportBatchItemFailures"}}}};
    if (type == "ScheduleV2") {
        addSchedule(target, eventId, p);
        return nullptr;
    }
    refuse("the event " + eventId + " of type " + type + " has no Serverless form here");
    return nullptr;
}

void ServerlessWriter::s3Events(const Json &event, Json &events)
{
    // Serverless makes the bucket (existing: false) from its events: one per event name.
    const Json p = event.value("Properties", Json::object());
    const std::string bucket = p.value("Bucket", Json::object()).value("Ref", std::string());
    if (!m_bucketNames.contains(bucket)) {
        refuse("an S3 event names the bucket " + quote(bucket) + ", which the Serverless form cannot make");
        return;
    }
    m_bucketsWithEvents.insert(bucket);
    Json rules = Json::array();
    const Json filter = p.value("Filter", Json::object()).value("S3Key", Json::object()).value("Rules", Json::array());
    for (const Json &rule : filter)
        rules.push_back(Json{{rule.value("Name", std::string()), rule.value("Value", Json())}});
    for (const Json &name : p.value("Events", Json::array())) {
        Json s3 = Json{{"bucket", m_bucketNames.at(bucket)}, {"event", name}, {"existing", false}};
        if (!rules.empty())
            s3["rules"] = rules;
        events.push_back(Json{{"s3", s3}});
    }
}

Json ServerlessWriter::function(const std::string &id, const Json &properties)
{
    Json f = Json{{"handler", properties.value("Handler", Json())}, {"runtime", properties.value("Runtime", Json())}};
    if (auto name = shortenedFunctionName(m_service, m_functionKeys.at(id)))
        f["name"] = *name;
    if (properties.contains("Description"))
        f["description"] = properties["Description"];
    f["memorySize"] = properties.value("MemorySize", Json(128));
    f["timeout"] = properties.value("Timeout", Json(3));
    f["architecture"] = properties.value("Architectures", Json::array({"x86_64"}))[0];
    if (properties.contains("ReservedConcurrentExecutions"))
        f["reservedConcurrency"] = properties["ReservedConcurrentExecutions"];
    if (properties.contains("Environment"))
        f["environment"] = rewritten(properties["Environment"].value("Variables", Json::object()));
    if (properties.contains("EventInvokeConfig"))
        f["maximumRetryAttempts"] = properties["EventInvokeConfig"].value("MaximumRetryAttempts", Json(2));
    // The zip the SAM export made: the function's folder as it runs here.
    f["package"] = Json{{"artifact", properties.value("CodeUri", Json())}};
    Json events = Json::array();
    std::set<std::string> payloads;
    const Json functionEvents = properties.value("Events", Json::object());
    for (const auto &[eventId, e] : functionEvents.items()) {
        if (e.value("Type", std::string()) == "S3") {
            s3Events(e, events);
            continue;
        }
        if (e.value("Type", std::string()) == "HttpApi")
            payloads.insert(e.value("Properties", Json::object()).value("PayloadFormatVersion", std::string("2.0")));
        if (Json converted = event(id, eventId, e); !converted.is_null())
            events.push_back(converted);
    }
    // Serverless sets the payload format per function (SAM per route).
    if (payloads.size() > 1)
        refuse("the function " + id + " has routes of payload format 1.0 and 2.0: Serverless sets one format per "
                                      "function (export as AWS SAM, which sets it per route)");
    else if (payloads.contains("1.0"))
        f["httpApi"] = Json{{"payload", "1.0"}};
    if (!events.empty())
        f["events"] = events;
    addStatements(properties.value("Policies", Json::array()));
    return f;
}

Json ServerlessWriter::stateMachine(const std::string &id, const Json &properties)
{
    // Each "${VARIABLE}" of SAM's DefinitionSubstitutions becomes its
    // intrinsic, which the plugin turns into one Fn::Sub.
    const Json substitutions = properties.value("DefinitionSubstitutions", Json::object());
    const Json definition = mapJson(properties.value("Definition", Json::object()), [&](const Json &v) -> std::optional<Json> {
        if (!v.is_string())
            return std::nullopt;
        const std::string text = v;
        if (text.size() > 3 && text.starts_with("${") && text.ends_with("}")) {
            if (const std::string name = text.substr(2, text.size() - 3); substitutions.contains(name))
                return rewritten(substitutions[name]);
        }
        return v;
    });
    Json machine = Json{{"id", id}, {"type", "EXPRESS"}, {"definition", definition}};
    if (const Json logging = properties.value("Logging", Json()); logging.is_object()) {
        Json destinations = Json::array();
        for (const Json &d : logging.value("Destinations", Json::array()))
            destinations.push_back(d.value("CloudWatchLogsLogGroup", Json::object()).value("LogGroupArn", Json()));
        machine["loggingConfig"] = Json{{"level", logging.value("Level", Json("ALL"))},
                                        {"includeExecutionData", logging.value("IncludeExecutionData", Json(true))},
                                        {"destinations", destinations}};
    }
    const Json machineEvents = properties.value("Events", Json::object());
    for (const auto &[eventId, e] : machineEvents.items()) {
        if (!event(id, eventId, e).is_null())
            refuse("the state machine " + id + " has an event of type " + e.value("Type", std::string())
                   + ", which the Serverless form gives only to functions");
    }
    return machine;
}

Json ServerlessWriter::provider() const
{
    Json provider = Json{{"name", "aws"}, {"runtime", "nodejs20.x"}, {"region", m_region}};
    if (!m_statements.empty())
        provider["iam"] = Json{{"role", Json{{"statements", m_statements}}}};
    if (!m_hasRoutes)
        return provider;
    Json httpApi = Json::object();
    const Json api = resources().value("HttpApi", Json::object());
    if (const Json cors = api.value("Properties", Json::object()).value("CorsConfiguration", Json()); cors.is_object()) {
        // Serverless fills what is left out (every origin, its own headers):
        // the lists are written whole, empty where SAM had none.
        Json c = Json{{"allowedOrigins", cors.value("AllowOrigins", Json::array())},
                      {"allowedHeaders", cors.value("AllowHeaders", Json::array())},
                      {"allowedMethods", cors.value("AllowMethods", Json::array())}};
        if (cors.contains("AllowCredentials"))
            c["allowCredentials"] = cors["AllowCredentials"];
        if (cors.contains("ExposeHeaders"))
            c["exposedResponseHeaders"] = cors["ExposeHeaders"];
        if (cors.contains("MaxAge"))
            c["maxAge"] = cors["MaxAge"];
        httpApi["cors"] = c;
    }
    if (!httpApi.empty())
        provider["httpApi"] = httpApi;
    return provider;
}

Json ServerlessWriter::schedulerRole() const
{
    return Json{
        {"Type", "AWS::IAM::Role"},
        {"Properties",
         Json{{"AssumeRolePolicyDocument",
               Json{{"Version", "2012-10-17"},
                    {"Statement", Json::array({Json{{"Effect", "Allow"},
                                                    {"Principal", Json{{"Service", "scheduler.amazonaws.com"}}},
                                                    {"Action", "sts:AssumeRole"}}})}}},
              {"Policies", Json::array({Json{{"PolicyName", "start-targets"},
                                             {"PolicyDocument", Json{{"Version", "2012-10-17"},
                                                                     {"Statement", m_scheduleTargets}}}}})}}}};
}

std::string ServerlessWriter::readme(const Json &functions) const
{
    std::string text =
        "# " + (m_workspace.name.empty() ? std::string("Stratus workspace") : m_workspace.name)
        + " — a Serverless Framework service\n\n"
          "Written by `stratus export --format serverless` from a Stratus workspace. Nothing here was uploaded.\n\n"
          "## What is in it\n\n"
          "- `serverless.yml`: the service `" + m_service + "` (Serverless Framework v3): functions and their events, "
        + std::string(m_sam.hasStateMachines ? "state machines (`stepFunctions`), " : "")
        + "queues, tables, buckets and schedules.\n"
          "- `functions/FOLDER.zip`: each function's code as the workspace holds it, zipped (`package.artifact`; "
          "the same workspace gives the same bytes).\n"
          "- `events/FOLDER/`: each function's saved test events, where it has some.\n\n"
          "| function (in serverless.yml) | its code |\n|---|---|\n";
    for (const auto &[key, f] : functions.items())
        text += "| `" + key + "` | `" + f["package"]["artifact"].get<std::string>() + "` |\n";
    if (m_sam.hasStateMachines)
        text += "\nA path that goes on from node to node is an EXPRESS state machine (the serverless-step-functions "
                "plugin's `stepFunctions`), started by a generated front function (`functions/stratus-front.zip`) "
                "or by its schedule; writes into queues, tables and buckets go through the generated "
                "`functions/stratus-writer.zip`. The AWS SAM export's README and Stratus's docs/export.md say how "
                "each keeps the local runner's rules.\n";
    text += "\n## Deploy it\n\n```\n";
    text += m_sam.hasStateMachines ? "npm install --save-dev serverless@3 serverless-step-functions@3\n"
                                   : "npm install --save-dev serverless@3\n";
    text += "npx serverless deploy --stage dev\n```\n\n"
            "It deploys to " + m_region + " (the workspace's region; `--region` chooses another). The stack is "
            "named " + m_service + "-STAGE, and buckets " + m_service + "-STAGE-NAME: bucket names are global, so "
            "choose another stage if one is taken, and keep stage names to " + std::to_string(kStageRoom)
            + " characters (function and bucket names must fit AWS's limits). Deploying needs AWS credentials. "
              "Serverless v3 warns that runtimes newer than its schema (python3.12 and later, nodejs22.x and "
              "later) are not among its allowed values, and deploys them.\n\n"
              "Serverless gives every function one role: each may do what any of them needs (the front functions "
              "start their state machines, the writer writes into the queues, tables and buckets). The AWS SAM "
              "export gives each function only its own.\n\n"
              "## Run it locally\n\n"
              "`stratus serve` runs the workspace this came from, as the deployed service runs. For "
              "[serverless-offline](https://github.com/dherault/serverless-offline), keep your changes out of "
              "`serverless.yml` (exporting again with `--force` replaces it, and refuses when you changed it): "
              "copy it to `serverless.offline.yml`, add `serverless-offline` to its `plugins`, then `npm install "
              "--save-dev serverless-offline` and `npx serverless offline --config serverless.offline.yml`. The "
              "routes whose function answers by itself run there (Node.js ones: serverless-offline looks for a "
              "Python handler beside serverless.yml, not in its zip)";
    text += m_sam.hasStateMachines ? "; routes in front of a state machine need the deployed one.\n\n" : ".\n\n";
    text += "## What you must still provide\n\n"
            "- An AWS account, credentials and a region.\n"
            "- The packages your functions import beyond their runtime's own.\n";
    if (!m_sam.bundle.notes.empty()) {
        text += "\n## Notes\n\n";
        for (const std::string &note : m_sam.bundle.notes)
            text += "- " + note + "\n";
    }
    return text;
}

Result<Bundle> ServerlessWriter::run()
{
    // Text of the workspace's own that Serverless would read as its variables.
    m_sam.document = mapJson(m_sam.document, [](const Json &v) -> std::optional<Json> {
        return v.is_string() ? std::optional<Json>(escapeServerlessVariables(v)) : std::nullopt;
    });
    nameResources();
    Json functions = Json::object();
    Json machines = Json::object();
    for (const auto &[id, resource] : resources().items()) {
        const Json properties = resource.value("Properties", Json::object());
        if (resource["Type"] == kFunction)
            functions[m_functionKeys[id]] = function(id, properties);
        else if (resource["Type"] == kStateMachine)
            machines[id] = stateMachine(id, properties);
    }
    for (const auto &[id, resource] : resources().items()) {
        const std::string type = resource.value("Type", std::string());
        if (type == kFunction || type == kStateMachine || type == "AWS::Serverless::HttpApi")
            continue;
        if (type == "AWS::S3::Bucket") {
            if (!m_bucketsWithEvents.contains(id) && m_bucketNames.contains(id))
                m_cfnResources[id] = Json{{"Type", type}, {"Properties", Json{{"BucketName", m_bucketNames[id]}}}};
            continue;
        }
        if (type.starts_with("AWS::Serverless::"))
            refuse("the resource " + id + " of type " + type + " has no Serverless form here");
        m_cfnResources[id] = rewritten(resource);
    }
    if (!m_scheduleTargets.empty())
        m_cfnResources["SchedulerRole"] = schedulerRole();
    if (!m_refusals.empty())
        return Status::notSupported("the workspace cannot be exported as a Serverless Framework service:\n"
                                    + joined(m_refusals, "\n"));

    // configValidationMode: v3's schema predates the newest runtimes; it warns about them (and deploys them).
    Json document = Json{{"service", m_service}, {"frameworkVersion", "3"}, {"configValidationMode", "warn"},
                         {"provider", provider()}};
    if (!machines.empty())
        document["plugins"] = Json::array({"serverless-step-functions"});
    document["package"] = Json{{"individually", true}};
    document["functions"] = functions;
    if (!machines.empty())
        document["stepFunctions"] = Json{{"validate", true}, {"stateMachines", machines}};
    Json cfn = Json{{"Resources", m_cfnResources}};
    if (m_sam.document.contains("Outputs"))
        cfn["Outputs"] = rewritten(m_sam.document["Outputs"]);
    document["resources"] = cfn;

    std::string readmeText = readme(functions);
    Bundle bundle = std::move(m_sam.bundle);
    bundle.files["serverless.yml"] = toCloudFormationYaml(document);
    bundle.files["README.md"] = std::move(readmeText);
    return bundle;
}

} // namespace

Result<Bundle> exportServerless(const Workspace &workspace, const ExportOptions &options)
{
    auto writeBack = importedWorkflow(workspace, options, "serverless");
    if (!writeBack)
        return writeBack.status();
    if (writeBack->workflow)
        return exportFromOrigin(workspace, *writeBack->workflow, options);

    ExportOptions zipped = options;
    zipped.zip = true; // Serverless packs folders its own way; a zip keeps the layout the function runs with here
    zipped.formatName = "a Serverless Framework service";
    auto sam = samDocument(workspace, zipped);
    if (!sam)
        return sam.status();
    std::string serviceName = workspace.name;
    if (options.workflow) {
        // One workflow is a service of its own: another workflow's export must not replace its stack.
        for (const Workflow &w : workspace.workflows) {
            if (w.id() == *options.workflow)
                serviceName += "-" + (w.name().empty() ? w.id().str() : w.name());
        }
    }
    try {
        auto bundle = ServerlessWriter(workspace, std::move(*sam), serviceName).run();
        if (bundle && !writeBack->note.empty())
            bundle->notes.push_back(writeBack->note);
        return bundle;
    } catch (const std::exception &e) {
        // A shape of the SAM document this writer does not know: said, never thrown at the caller.
        return Status::notSupported(std::string("the Serverless form could not be made from the SAM template: ") + e.what());
    }
}

} // namespace stratus::engine::exporting
