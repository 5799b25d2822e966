#include "serverless.h"

#include "yaml.h"

#include "engine/model/text.h"
#include "engine/model/workflow.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <regex>
#include <set>

namespace stratus::engine::exporting {

namespace {

constexpr const char *kFunction = "AWS::Serverless::Function";
constexpr const char *kStateMachine = "AWS::Serverless::StateMachine";

/// "Todo API" → "todo-api": a service name Serverless and S3 both take
/// (it starts every stack and bucket name).
std::string serviceNameFrom(const std::string &name)
{
    std::string out;
    for (const unsigned char c : name) {
        if (std::isalnum(c) && c < 0x80)
            out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    if (out.empty() || !std::isalpha(static_cast<unsigned char>(out.front())))
        out.insert(0, "stratus-");
    return out.substr(0, 32);
}

/// Where `value` holds a "${" that Serverless would read as one of its
/// variables: its own (the service, the stage) and a !Sub's are ours.
void findVariables(const Json &value, const std::string &where, bool inSub, std::vector<std::string> &out)
{
    if (value.is_string()) {
        static const std::regex ours(R"(\$\{(self:service|sls:stage)\})");
        static const std::regex subVariable(R"(\$\{(AWS::[A-Za-z]+|[A-Za-z0-9]+(\.[A-Za-z0-9]+)?)\})");
        std::string text = std::regex_replace(value.get<std::string>(), ours, "");
        if (inSub)
            text = std::regex_replace(text, subVariable, "");
        if (text.find("${") != std::string::npos)
            out.push_back(where + " holds " + quote(value.get<std::string>()) + ": the Serverless Framework reads "
                          "${...} as one of its variables (export as AWS SAM, or write it without ${)");
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            findVariables(value[i], where + "[" + std::to_string(i) + "]", inSub, out);
    } else if (value.is_object()) {
        for (const auto &[key, v] : value.items())
            findVariables(v, where.empty() ? key : where + "." + key, inSub || key == "Fn::Sub", out);
    }
}

class ServerlessWriter
{
public:
    ServerlessWriter(const Workspace &workspace, SamDocument sam)
        : m_workspace(workspace)
        , m_sam(std::move(sam))
        , m_resources(m_sam.document["Resources"])
    {}

    Result<Bundle> run();

private:
    /// Every reference to a SAM function or bucket, as Serverless names it.
    Json rewritten(const Json &value) const;
    Json function(const std::string &id, const Json &properties);
    Json event(const std::string &target, const std::string &eventId, const Json &event);
    void addSchedule(const std::string &target, const std::string &eventId, const Json &properties);
    void addStatements(const Json &policies);
    Json stateMachine(const std::string &id, const Json &properties);
    std::string readme() const;
    void refuse(const std::string &reason) { m_refusals.push_back(reason); }

    const Workspace &m_workspace;
    SamDocument m_sam;
    const Json &m_resources;
    std::map<std::string, std::string> m_functionIds; // SAM logical id → Serverless's
    std::map<std::string, std::string> m_functionKeys; // SAM logical id → key under `functions`
    std::map<std::string, std::string> m_bucketNames;  // SAM logical id → the name, as Serverless makes it
    std::map<std::string, std::string> m_bucketSubs;   // the SAM name's !Sub text → the same
    std::set<std::string> m_bucketsWithEvents;
    Json m_statements = Json::array();
    Json m_cfnResources = Json::object();
    Json m_scheduleTargets = Json::array(); // what the scheduler's role may start
    std::set<std::string> m_payloads;       // the routes' payload format versions
    std::vector<std::string> m_refusals;
};

Json ServerlessWriter::rewritten(const Json &value) const
{
    if (value.is_array()) {
        Json out = Json::array();
        for (const Json &v : value)
            out.push_back(rewritten(v));
        return out;
    }
    if (!value.is_object())
        return value;
    if (value.size() == 1 && value.contains("Ref") && value["Ref"].is_string()) {
        const std::string id = value["Ref"];
        if (auto f = m_functionIds.find(id); f != m_functionIds.end())
            return Json{{"Ref", f->second}};
        if (auto b = m_bucketNames.find(id); b != m_bucketNames.end())
            return b->second;
    }
    if (value.size() == 1 && value.contains("Fn::GetAtt") && value["Fn::GetAtt"].is_array()) {
        Json parts = value["Fn::GetAtt"];
        if (auto f = m_functionIds.find(parts[0].get<std::string>()); f != m_functionIds.end())
            parts[0] = f->second;
        return Json{{"Fn::GetAtt", parts}};
    }
    if (value.size() == 1 && value.contains("Fn::Sub") && value["Fn::Sub"].is_string()) {
        if (auto b = m_bucketSubs.find(value["Fn::Sub"].get<std::string>()); b != m_bucketSubs.end())
            return b->second;
    }
    Json out = Json::object();
    for (const auto &[key, v] : value.items())
        out[key] = rewritten(v);
    return out;
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
            const std::string queue = policy["SQSSendMessagePolicy"]["QueueName"]["Fn::GetAtt"][0];
            add(Json{{"Effect", "Allow"}, {"Action", Json::array({"sqs:SendMessage*"})},
                     {"Resource", Json{{"Fn::GetAtt", Json::array({queue, "Arn"})}}}});
        } else if (policy.contains("DynamoDBWritePolicy")) {
            const std::string table = policy["DynamoDBWritePolicy"]["TableName"]["Ref"];
            add(Json{{"Effect", "Allow"},
                     {"Action", Json::array({"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                             "dynamodb:BatchWriteItem"})},
                     {"Resource", Json{{"Fn::GetAtt", Json::array({table, "Arn"})}}}});
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
    Json schedule = Json{{"ScheduleExpression", properties["ScheduleExpression"]},
                         {"ScheduleExpressionTimezone", properties["ScheduleExpressionTimezone"]},
                         {"State", properties["State"]},
                         {"FlexibleTimeWindow", Json{{"Mode", "OFF"}}}};
    const bool machine = m_resources.contains(target) && m_resources[target]["Type"] == kStateMachine;
    const Json arn = machine ? Json{{"Ref", target}} : Json{{"Fn::GetAtt", Json::array({m_functionIds.at(target), "Arn"})}};
    schedule["Target"] = Json{{"Arn", arn},
                              {"RoleArn", Json{{"Fn::GetAtt", Json::array({"SchedulerRole", "Arn"})}}},
                              {"Input", properties["Input"]}};
    m_cfnResources[eventId] = Json{{"Type", "AWS::Scheduler::Schedule"}, {"Properties", schedule}};
    m_scheduleTargets.push_back(Json{{"Effect", "Allow"},
                                     {"Action", machine ? "states:StartExecution" : "lambda:InvokeFunction"},
                                     {"Resource", arn}});
}

Json ServerlessWriter::event(const std::string &target, const std::string &eventId, const Json &event)
{
    const std::string type = event.value("Type", std::string());
    const Json &p = event["Properties"];
    if (type == "HttpApi") {
        m_payloads.insert(p.value("PayloadFormatVersion", std::string("2.0")));
        return Json{{"httpApi", Json{{"method", p["Method"]}, {"path", p["Path"]}}}};
    }
    if (type == "SQS") {
        Json sqs = Json{{"arn", rewritten(p["Queue"])}, {"batchSize", p["BatchSize"]}};
        if (p.contains("MaximumBatchingWindowInSeconds"))
            sqs["maximumBatchingWindow"] = p["MaximumBatchingWindowInSeconds"];
        sqs["functionResponseType"] = "ReportBatchItemFailures";
        return Json{{"sqs", sqs}};
    }
    if (type == "DynamoDB")
        return Json{{"stream", Json{{"type", "dynamodb"},
                                    {"arn", rewritten(p["Stream"])},
                                    {"batchSize", p["BatchSize"]},
                                    {"startingPosition", p["StartingPosition"]},
                                    {"functionResponseType", "ReportBatchItemFailures"}}}};
    if (type == "ScheduleV2") {
        addSchedule(target, eventId, p);
        return nullptr;
    }
    refuse("the event " + eventId + " of type " + type + " has no Serverless form here");
    return nullptr;
}

Json ServerlessWriter::function(const std::string &id, const Json &properties)
{
    Json f = Json{{"handler", properties["Handler"]}, {"runtime", properties["Runtime"]}};
    if (properties.contains("Description"))
        f["description"] = properties["Description"];
    f["memorySize"] = properties["MemorySize"];
    f["timeout"] = properties["Timeout"];
    f["architecture"] = properties["Architectures"][0];
    if (properties.contains("ReservedConcurrentExecutions"))
        f["reservedConcurrency"] = properties["ReservedConcurrentExecutions"];
    if (properties.contains("Environment"))
        f["environment"] = rewritten(properties["Environment"]["Variables"]);
    if (properties.contains("EventInvokeConfig"))
        f["maximumRetryAttempts"] = properties["EventInvokeConfig"]["MaximumRetryAttempts"];
    // The zip the SAM export made: the function's folder as it runs here.
    f["package"] = Json{{"artifact", properties["CodeUri"]}};
    Json events = Json::array();
    const Json functionEvents = properties.value("Events", Json::object());
    for (const auto &[eventId, e] : functionEvents.items()) {
        if (e.value("Type", std::string()) == "S3") {
            // Serverless makes the bucket (existing: false) from its events: one per event name.
            const Json &p = e["Properties"];
            const std::string bucket = p["Bucket"]["Ref"];
            m_bucketsWithEvents.insert(bucket);
            Json rules = Json::array();
            for (const Json &rule : p.value("Filter", Json::object()).value("S3Key", Json::object()).value("Rules", Json::array()))
                rules.push_back(Json{{rule["Name"].get<std::string>(), rule["Value"]}});
            for (const Json &name : p["Events"]) {
                Json s3 = Json{{"bucket", m_bucketNames.at(bucket)}, {"event", name}, {"existing", false}};
                if (!rules.empty())
                    s3["rules"] = rules;
                events.push_back(Json{{"s3", s3}});
            }
            continue;
        }
        if (Json converted = event(id, eventId, e); !converted.is_null())
            events.push_back(converted);
    }
    if (!events.empty())
        f["events"] = events;
    addStatements(properties.value("Policies", Json::array()));
    return f;
}

Json ServerlessWriter::stateMachine(const std::string &id, const Json &properties)
{
    // Each "${VARIABLE}" of SAM's DefinitionSubstitutions becomes its
    // intrinsic, which the plugin turns into one Fn::Sub (any other "${" is
    // refused: Serverless would read it as one of its variables).
    const Json substitutions = properties.value("DefinitionSubstitutions", Json::object());
    const std::function<Json(const Json &)> substitute = [&](const Json &value) -> Json {
        if (value.is_string()) {
            const std::string text = value;
            if (text.size() > 3 && text.starts_with("${") && text.ends_with("}")) {
                if (const std::string name = text.substr(2, text.size() - 3); substitutions.contains(name))
                    return rewritten(substitutions[name]);
            }
            return text;
        }
        if (value.is_array()) {
            Json out = Json::array();
            for (const Json &v : value)
                out.push_back(substitute(v));
            return out;
        }
        if (value.is_object()) {
            Json out = Json::object();
            for (const auto &[key, v] : value.items())
                out[key] = substitute(v);
            return out;
        }
        return value;
    };
    Json machine = Json{{"id", id}, {"type", "EXPRESS"}, {"definition", substitute(properties["Definition"])}};
    if (const Json logging = properties.value("Logging", Json()); logging.is_object()) {
        Json destinations = Json::array();
        for (const Json &d : logging["Destinations"])
            destinations.push_back(d["CloudWatchLogsLogGroup"]["LogGroupArn"]);
        machine["loggingConfig"] = Json{{"level", logging["Level"]},
                                        {"includeExecutionData", logging["IncludeExecutionData"]},
                                        {"destinations", destinations}};
    }
    const Json machineEvents = properties.value("Events", Json::object());
    for (const auto &[eventId, e] : machineEvents.items())
        event(id, eventId, e);
    return machine;
}

std::string ServerlessWriter::readme() const
{
    std::string text =
        "# " + (m_workspace.name.empty() ? std::string("Stratus workspace") : m_workspace.name)
        + " — a Serverless Framework service\n\n"
          "Written by `stratus export --format serverless` from a Stratus workspace. Nothing here was uploaded.\n\n"
          "## What is in it\n\n"
          "- `serverless.yml`: the service (Serverless Framework v3): functions and their events, "
        + std::string(m_sam.hasStateMachines ? "state machines (`stepFunctions`), " : "")
        + "queues, tables, buckets and schedules.\n"
          "- `functions/FOLDER.zip`: each function's code as the workspace holds it, zipped (`package.artifact`; "
          "the same workspace gives the same bytes).\n"
          "- `events/FOLDER/`: each function's saved test events.\n\n"
          "## Deploy it\n\n```\n";
    if (m_sam.hasStateMachines)
        text += "npm install --save-dev serverless@3 serverless-step-functions@3\n";
    else
        text += "npm install --save-dev serverless@3\n";
    text += "npx serverless deploy --stage dev --region us-east-1\n```\n\n"
            "The stack is named SERVICE-STAGE, and buckets SERVICE-STAGE-NAME: bucket names are global, so "
            "choose another stage (or service name) if one is taken. Deploying needs AWS credentials.\n\n"
            "## Run it locally\n\n"
            "`stratus serve` runs the workspace this came from, as the deployed service runs. With "
            "[serverless-offline](https://github.com/dherault/serverless-offline) (`npm install --save-dev "
            "serverless-offline`, add it to `plugins`, `npx serverless offline`) the HTTP routes whose function "
            "answers by itself run too";
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
    const std::string service = serviceNameFrom(m_workspace.name);
    // Names first: every reference is rewritten with them.
    for (const auto &[id, resource] : m_resources.items()) {
        if (resource["Type"] == kFunction) {
            const std::string key = id.ends_with("Function") && id.size() > 8 ? id.substr(0, id.size() - 8) : id;
            m_functionKeys[id] = key;
            m_functionIds[id] = key + "LambdaFunction"; // Serverless's logical id for function KEY
        } else if (resource["Type"] == "AWS::S3::Bucket") {
            // SAM's name is ${AWS::StackName}-NAME-${AWS::AccountId}; Serverless's stack is SERVICE-STAGE.
            const std::string sub = resource["Properties"]["BucketName"]["Fn::Sub"];
            const std::string name = sub.substr(std::string("${AWS::StackName}-").size(),
                                                sub.size() - std::string("${AWS::StackName}-").size()
                                                    - std::string("-${AWS::AccountId}").size());
            m_bucketNames[id] = "${self:service}-${sls:stage}-" + name;
            m_bucketSubs[sub] = m_bucketNames[id];
        }
    }
    Json functions = Json::object();
    Json machines = Json::object();
    for (const auto &[id, resource] : m_resources.items()) {
        if (resource["Type"] == kFunction)
            functions[m_functionKeys[id]] = function(id, resource["Properties"]);
        else if (resource["Type"] == kStateMachine)
            machines[id] = stateMachine(id, resource["Properties"]);
    }
    for (const auto &[id, resource] : m_resources.items()) {
        const std::string type = resource["Type"];
        if (type == kFunction || type == kStateMachine || type == "AWS::Serverless::HttpApi")
            continue;
        if (type == "AWS::S3::Bucket") {
            if (!m_bucketsWithEvents.contains(id))
                m_cfnResources[id] = Json{{"Type", type}, {"Properties", Json{{"BucketName", m_bucketNames[id]}}}};
            continue;
        }
        m_cfnResources[id] = rewritten(resource);
    }
    if (!m_scheduleTargets.empty()) {
        m_cfnResources["SchedulerRole"] = Json{
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
    findVariables(functions, "functions", false, m_refusals);
    findVariables(machines, "stepFunctions.stateMachines", false, m_refusals);
    findVariables(m_cfnResources, "resources", false, m_refusals);
    if (m_payloads.size() > 1)
        refuse("its HTTP routes use both payload format 1.0 and 2.0: Serverless v3 sets one payload format for "
               "every route of an HTTP API (export as AWS SAM, which sets it per route)");
    if (!m_refusals.empty())
        return Status::notSupported("the workspace cannot be exported as a Serverless Framework service:\n"
                                    + joined(m_refusals, "\n"));

    Json provider = Json{{"name", "aws"}, {"runtime", "nodejs20.x"}};
    if (!m_statements.empty())
        provider["iam"] = Json{{"role", Json{{"statements", m_statements}}}};
    if (m_resources.contains("HttpApi")) {
        Json httpApi = Json::object();
        if (!m_payloads.empty())
            httpApi["payload"] = *m_payloads.begin();
        const Json cors = m_resources["HttpApi"].value("Properties", Json::object()).value("CorsConfiguration", Json());
        if (cors.is_object()) {
            static const std::vector<std::pair<const char *, const char *>> kCors = {
                {"AllowOrigins", "allowedOrigins"}, {"AllowHeaders", "allowedHeaders"},
                {"AllowMethods", "allowedMethods"}, {"AllowCredentials", "allowCredentials"},
                {"ExposeHeaders", "exposedResponseHeaders"}, {"MaxAge", "maxAge"}};
            Json c = Json::object();
            for (const auto &[sam, sls] : kCors) {
                if (cors.contains(sam))
                    c[sls] = cors[sam];
            }
            httpApi["cors"] = c;
        }
        provider["httpApi"] = httpApi;
    }
    Json document = Json{{"service", service}, {"frameworkVersion", "3"}, {"provider", provider}};
    if (!machines.empty())
        document["plugins"] = Json::array({"serverless-step-functions"});
    document["package"] = Json{{"individually", true}};
    document["functions"] = functions;
    if (!machines.empty())
        document["stepFunctions"] = Json{{"validate", true}, {"stateMachines", machines}};
    Json resources = Json{{"Resources", m_cfnResources}};
    if (m_sam.document.contains("Outputs"))
        resources["Outputs"] = rewritten(m_sam.document["Outputs"]);
    document["resources"] = resources;

    std::string readmeText = readme();
    Bundle bundle = std::move(m_sam.bundle);
    bundle.files["serverless.yml"] = toCloudFormationYaml(document);
    bundle.files["README.md"] = std::move(readmeText);
    return bundle;
}

} // namespace

Result<Bundle> exportServerless(const Workspace &workspace, const ExportOptions &options)
{
    ExportOptions zipped = options;
    zipped.zip = true; // Serverless packs folders its own way; a zip keeps the layout the function runs with here
    zipped.formatName = "a Serverless Framework service";
    auto sam = samDocument(workspace, zipped);
    if (!sam)
        return sam.status();
    return ServerlessWriter(workspace, std::move(*sam)).run();
}

} // namespace stratus::engine::exporting
