#include "sam.h"

#include "origin.h"

#include "statemachine.h"
#include "yaml.h"
#include "ziparchive.h"

#include "awscode.h"

#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"
#include "engine/model/workflow.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace stratus::engine::exporting {

namespace {

Json refTo(const std::string &logicalId)
{
    return Json{{"Ref", logicalId}};
}

Json getAtt(const std::string &logicalId, const std::string &attribute)
{
    return Json{{"Fn::GetAtt", Json::array({logicalId, attribute})}};
}

Json sub(const std::string &text)
{
    return Json{{"Fn::Sub", text}};
}

/// `text` as a literal inside a !Sub string ("${" would start a variable).
std::string subLiteral(const std::string &text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        out += text[i];
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{')
            out += "{!", ++i;
    }
    return out;
}

std::string where(const Workflow &workflow, const Node &node)
{
    return "node " + quote(node.name.empty() ? node.id.str() : node.name) + " (" + node.id.str() + ") of workflow "
           + quote(workflow.id().str());
}

constexpr const char *kGeneratedRuntime = "nodejs20.x";

class SamWriter
{
public:
    SamWriter(const Workspace &workspace, const ExportOptions &options)
        : m_workspace(workspace)
        , m_options(options)
        , m_registry(NodeKindRegistry::instance())
    {}

    Result<SamDocument> run();

private:
    std::string uniqueId(const std::string &base, const std::string &kind = "");
    std::string idOf(const Workflow &w, const Node &n, const char *suffix = "");
    Json config(const Node &n) const { return m_registry.effectiveConfig(n); }
    void refuse(const Workflow &w, const Node &n, const std::string &reason)
    {
        m_refusals.push_back(where(w, n) + ": " + reason);
    }
    /// The functions at the end of the edges from `port` (what else is there is a log).
    std::vector<const Node *> functionsFrom(const Workflow &w, const Node &n, const std::string &port) const;
    /// The EXPRESS state machine for the path from `entry`'s `port`.
    struct AddedMachine
    {
        std::string id;
        int pathSeconds = 0; ///< how long its path may take, once through (its functions' timeouts)
    };
    AddedMachine addStateMachine(const Workflow &w, const Node &entry, const std::string &port, EntryKind kind,
                                const std::string &suffix);
    /// A generated function that runs that state machine for an event source: its logical id.
    std::string addFrontFunction(const Workflow &w, const Node &entry, const std::string &port, EntryKind kind,
                                 const std::string &suffix, int timeoutS);
    std::string writerFunctionId();
    void addGeneratedFunctions();
    /// A bucket's name, as a !Sub made the same way everywhere (never a !Ref: see addBucket).
    Json bucketName(const Node &bucket) const;
    void addFunction(const Workflow &w, const Node &n);
    void addHttpRoute(const Workflow &w, const Node &trigger);
    void addSchedule(const Workflow &w, const Node &trigger);
    void addManual(const Workflow &w, const Node &trigger);
    void addQueue(const Workflow &w, const Node &queue);
    void addBucket(const Workflow &w, const Node &bucket);
    void addTable(const Workflow &w, const Node &table);
    Json &eventsOf(const std::string &resourceId);
    std::string readme() const;
    bool hasTestEvents(const std::string &folder) const;
    /// With ExportOptions::zip: each function's folder as one zip beside it, its CodeUri.
    Status zipCode(Json &resources);

    const Workspace &m_workspace;
    const ExportOptions &m_options;
    const NodeKindRegistry &m_registry;
    std::vector<std::string> m_refusals;
    std::vector<std::string> m_notes;
    std::set<std::string> m_usedIds;
    std::map<std::pair<std::string, std::string>, std::string> m_ids; // (workflow, node+suffix) → logical id
    std::set<std::string> m_folders;                                   // functions/ folders taken (lower case)
    std::vector<std::pair<std::string, std::string>> m_functionFolders; // logical id, folder: for the README
    Json m_resources = Json::object();
    Json m_outputs = Json::object();
    Json m_cors;            // the HttpApi's CorsConfiguration (from the first route that has one)
    std::string m_corsFrom; // which route gave it
    bool m_hasApi = false;
    std::string m_writerId;             // the writer function's logical id, once a machine may need it
    std::string m_logGroupId;           // where the state machines log, once there is one
    Json m_writerPolicies = Json::array();
    bool m_hasFronts = false;
    int m_machines = 0;
    Bundle m_bundle;
};

std::string SamWriter::uniqueId(const std::string &base, const std::string &kind)
{
    // The number goes before the kind, so that every id still ends in its kind.
    std::string id = base + kind;
    for (int n = 2; m_usedIds.contains(id); ++n)
        id = base + std::to_string(n) + kind;
    m_usedIds.insert(id);
    return id;
}

std::string SamWriter::idOf(const Workflow &w, const Node &n, const char *suffix)
{
    const auto key = std::make_pair(w.id().str(), n.id.str() + "/" + suffix);
    if (auto it = m_ids.find(key); it != m_ids.end())
        return it->second;
    std::string base = logicalIdFrom(n.name.empty() ? n.id.str() : n.name);
    const std::string kind = suffix;
    if (!kind.empty() && base.ends_with(kind) && base.size() > kind.size())
        base.resize(base.size() - kind.size());
    return m_ids[key] = uniqueId(base, kind);
}

std::vector<const Node *> SamWriter::functionsFrom(const Workflow &w, const Node &n, const std::string &port) const
{
    std::vector<const Node *> out = w.targetsOf(n.id, port);
    std::erase_if(out, [](const Node *to) { return to->kind != kinds::kFunction; });
    return out;
}

Json &SamWriter::eventsOf(const std::string &resourceId)
{
    Json &properties = m_resources[resourceId]["Properties"];
    if (!properties.contains("Events"))
        properties["Events"] = Json::object();
    return properties["Events"];
}

Json SamWriter::bucketName(const Node &bucket) const
{
    return sub("${AWS::StackName}-" + bucket.name + "-${AWS::AccountId}");
}

std::string SamWriter::writerFunctionId()
{
    if (m_writerId.empty())
        m_writerId = uniqueId("StratusWriter", "Function");
    return m_writerId;
}

SamWriter::AddedMachine SamWriter::addStateMachine(const Workflow &w, const Node &entry, const std::string &port,
                                                   EntryKind kind, const std::string &suffix)
{
    const std::string id = idOf(w, entry, (suffix + "StateMachine").c_str());
    MachineVariables variables;
    variables.functionArn = [&](const Node &f) { return idOf(w, f, "Function") + "Arn"; };
    const auto resourceId = [&](const Node &r) {
        return idOf(w, r, r.kind == kinds::kQueue ? "Queue" : r.kind == kinds::kTable ? "Table" : "Bucket");
    };
    variables.writeTarget = [&](const Node &r) { return resourceId(r) + (r.kind == kinds::kQueue ? "Url" : "Name"); };
    variables.writerArn = writerFunctionId() + "Arn";
    const StateMachinePlan plan = stateMachineFor(w, entry, port, kind, variables);
    // How long the path may take, once through: what the machine and its front must allow.
    int pathSeconds = 0;
    for (const Node *f : plan.functions)
        pathSeconds += config(*f).value("timeoutS", 3);
    if (pathSeconds > 300)
        m_notes.push_back("The path from " + quote(entry.name) + " may take " + std::to_string(pathSeconds)
                          + " s (its functions' timeouts, once each): an EXPRESS state machine stops after 300 s.");

    Json substitutions = Json::object();
    Json policies = Json::array();
    for (const Node *f : plan.functions) {
        const std::string function = idOf(w, *f, "Function");
        substitutions[function + "Arn"] = getAtt(function, "Arn");
        policies.push_back(Json{{"LambdaInvokePolicy", Json{{"FunctionName", refTo(function)}}}});
    }
    for (const Node *r : plan.resources) {
        const std::string resource = resourceId(*r);
        // Least privilege for the writer: sending to this queue, writing this table or bucket.
        Json policy;
        if (r->kind == kinds::kQueue) {
            substitutions[resource + "Url"] = refTo(resource);
            policy = Json{{"SQSSendMessagePolicy", Json{{"QueueName", getAtt(resource, "QueueName")}}}};
        } else if (r->kind == kinds::kTable) {
            substitutions[resource + "Name"] = refTo(resource);
            // What the writer does to a table: put an item, or delete one
            // (SAM's DynamoDBWritePolicy has no DeleteItem).
            policy = Json{{"Statement", Json::array({Json{{"Effect", "Allow"},
                                                          {"Action", Json::array({"dynamodb:PutItem", "dynamodb:DeleteItem"})},
                                                          {"Resource", getAtt(resource, "Arn")}}})}};
        } else {
            substitutions[resource + "Name"] = bucketName(*r);
            policy = Json{{"S3WritePolicy", Json{{"BucketName", bucketName(*r)}}}};
        }
        if (std::find(m_writerPolicies.begin(), m_writerPolicies.end(), policy) == m_writerPolicies.end())
            m_writerPolicies.push_back(policy);
    }
    if (!plan.resources.empty()) {
        substitutions[m_writerId + "Arn"] = getAtt(m_writerId, "Arn");
        policies.push_back(Json{{"LambdaInvokePolicy", Json{{"FunctionName", refTo(m_writerId)}}}});
    }
    // An EXPRESS machine keeps no history of its own: its log (with the data,
    // so that a log node's value can be read there) goes to CloudWatch Logs.
    if (m_logGroupId.empty()) {
        m_logGroupId = uniqueId("StateMachineLogs");
        m_resources[m_logGroupId] = Json{{"Type", "AWS::Logs::LogGroup"}, {"Properties", Json{{"RetentionInDays", 14}}}};
    }
    policies.push_back(Json{{"Statement", Json::array({Json{{"Effect", "Allow"},
                                                            {"Action", Json::array({"logs:CreateLogDelivery",
                                                                                    "logs:GetLogDelivery",
                                                                                    "logs:UpdateLogDelivery",
                                                                                    "logs:DeleteLogDelivery",
                                                                                    "logs:ListLogDeliveries",
                                                                                    "logs:PutResourcePolicy",
                                                                                    "logs:DescribeResourcePolicies",
                                                                                    "logs:DescribeLogGroups"})},
                                                            {"Resource", "*"}}})}});
    Json properties = Json{{"Type", "EXPRESS"}, {"Definition", plan.definition}};
    if (!substitutions.empty())
        properties["DefinitionSubstitutions"] = substitutions;
    properties["Logging"] = Json{{"Level", "ALL"},
                                 {"IncludeExecutionData", true},
                                 {"Destinations", Json::array({Json{{"CloudWatchLogsLogGroup",
                                                                     Json{{"LogGroupArn", getAtt(m_logGroupId, "Arn")}}}}})}};
    properties["Policies"] = policies;
    m_resources[id] = Json{{"Type", "AWS::Serverless::StateMachine"}, {"Properties", properties}};
    m_outputs[id + "Arn"] = Json{{"Description", "The state machine of what " + entry.name + " sets going"},
                                 {"Value", refTo(id)}};
    ++m_machines;
    return {id, pathSeconds};
}

/// The properties of a function Stratus generates (Node.js, its code in `folder`).
Json generatedFunction(const char *folder, const std::string &description, int timeoutS, const Json &policies)
{
    return Json{{"Description", description + " (generated by Stratus)"},
                {"Runtime", kGeneratedRuntime},
                {"Handler", "index.handler"},
                {"CodeUri", std::string("functions/") + folder + "/"},
                {"MemorySize", 128},
                {"Timeout", timeoutS},
                {"Architectures", Json::array({"x86_64"})},
                {"Policies", policies}};
}

const char *entryName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Http: return "http";
    case EntryKind::Queue: return "queue";
    case EntryKind::Table: return "table";
    case EntryKind::Bucket: return "bucket";
    case EntryKind::Manual:
    case EntryKind::Schedule: break; // they start their state machine themselves
    }
    return "";
}

std::string SamWriter::addFrontFunction(const Workflow &w, const Node &entry, const std::string &port,
                                        EntryKind kind, const std::string &suffix, int timeoutS)
{
    const auto [machine, pathSeconds] = addStateMachine(w, entry, port, kind, suffix);
    const std::string id = idOf(w, entry, (suffix + "FrontFunction").c_str());
    if (pathSeconds > timeoutS && pathSeconds <= 300)
        m_notes.push_back("The path from " + quote(entry.name) + " may take " + std::to_string(pathSeconds)
                          + " s (its functions' timeouts, once each), longer than its front function " + id + " waits ("
                          + std::to_string(timeoutS) + " s"
                          + (kind == EntryKind::Http ? ", the longest an HTTP API waits)."
                             : kind == EntryKind::Queue ? ", the queue's visibility timeout)." : ")."));
    const Json startIt = Json::array({Json{
        {"Statement", Json::array({Json{{"Effect", "Allow"}, {"Action", "states:StartSyncExecution"}, {"Resource", refTo(machine)}}})}}});
    Json properties = generatedFunction(kFrontFolder, "Runs " + machine + " for " + entry.name, timeoutS, startIt);
    properties["Environment"] =
        Json{{"Variables", Json{{"STATE_MACHINE_ARN", refTo(machine)}, {"STRATUS_ENTRY", entryName(kind)}}}};
    // S3 invokes asynchronously; the state machine's Retry already tried each function again.
    if (kind == EntryKind::Bucket)
        properties["EventInvokeConfig"] = Json{{"MaximumRetryAttempts", 0}};
    m_resources[id] = Json{{"Type", "AWS::Serverless::Function"}, {"Properties", properties}};
    m_hasFronts = true;
    m_functionFolders.push_back({id, kFrontFolder});
    return id;
}

void SamWriter::addGeneratedFunctions()
{
    if (m_hasFronts)
        m_bundle.files[std::string("functions/") + kFrontFolder + "/index.mjs"] = awscode::kFrontFunction;
    if (m_writerPolicies.empty())
        return;
    m_resources[m_writerId] = Json{
        {"Type", "AWS::Serverless::Function"},
        {"Properties", generatedFunction(kWriterFolder, "Writes values into the queues, tables and buckets for the "
                                                        "state machines", 30, m_writerPolicies)}};
    m_bundle.files[std::string("functions/") + kWriterFolder + "/index.mjs"] = awscode::kWriterFunction;
    m_functionFolders.push_back({m_writerId, kWriterFolder});
}

void SamWriter::addFunction(const Workflow &w, const Node &n)
{
    const Json c = config(n);
    // Every id ends in its kind (Function, Queue, …): the ids SAM makes from a
    // function's (FnRole, FnEventInvokeConfig, …) can never be one of ours.
    const std::string id = idOf(w, n, "Function");
    const std::string folderName = uniqueFileName(fileNameFrom(n.name), m_folders);
    const std::string folder = "functions/" + folderName + "/";
    m_functionFolders.push_back({id, folderName});
    Json properties = Json::object();
    if (const std::string description = c.value("description", std::string()); !description.empty())
        properties["Description"] = description;
    properties["Runtime"] = c.value("runtime", std::string());
    properties["Handler"] = c.value("handler", std::string());
    properties["CodeUri"] = folder;
    properties["MemorySize"] = c.value("memoryMB", 128);
    properties["Timeout"] = c.value("timeoutS", 3);
    properties["Architectures"] = Json::array({c.value("architecture", std::string("x86_64"))});
    if (const long long reserved = c.value("concurrency", 0LL); reserved > 0)
        properties["ReservedConcurrentExecutions"] = reserved;
    Json environment = c.value("environment", Json::object());
    // What the function `uses`: its name in a variable, and exactly the
    // access the local endpoints serve (SAM's policy templates).
    Json policies = Json::array();
    for (const Node *resource : resourcesUsedBy(m_workspace, n)) {
        const Workflow *home = &w;
        for (const Workflow &other : m_workspace.workflows) {
            if (other.findNode(resource->id) == resource)
                home = &other;
        }
        const std::string variable = resourceVariable(*resource);
        if (resource->kind == kinds::kTable) {
            const std::string table = idOf(*home, *resource, "Table");
            if (!environment.contains(variable))
                environment[variable] = Json{{"Ref", table}};
            policies.push_back(Json{{"DynamoDBCrudPolicy", {{"TableName", {{"Ref", table}}}}}});
        } else if (resource->kind == kinds::kBucket) {
            // The bucket's name, not a Ref to it: a bucket that notifies this
            // function would otherwise depend on the function that depends on it.
            if (!environment.contains(variable))
                environment[variable] = bucketName(*resource);
            policies.push_back(Json{{"S3CrudPolicy", {{"BucketName", bucketName(*resource)}}}});
        } else {
            const std::string queue = idOf(*home, *resource, "Queue");
            if (!environment.contains(variable))
                environment[variable] = Json{{"Ref", queue}};
            const Json queueName{{"QueueName", {{"Fn::GetAtt", Json::array({queue, "QueueName"})}}}};
            policies.push_back(Json{{"SQSSendMessagePolicy", queueName}});
            policies.push_back(Json{{"SQSPollerPolicy", queueName}});
        }
    }
    if (!environment.empty())
        properties["Environment"] = Json{{"Variables", environment}};
    if (!policies.empty())
        properties["Policies"] = policies;
    // Local retries are Lambda's asynchronous ones (schedules and S3 invoke asynchronously).
    properties["EventInvokeConfig"] = Json{{"MaximumRetryAttempts", c.value("retries", 2)}};
    m_resources[id] = Json{{"Type", "AWS::Serverless::Function"}, {"Properties", properties}};

    const Json files = c.value("files", Json::object());
    for (const auto &[path, text] : files.items())
        m_bundle.files[folder + path] = text.is_string() ? text.get<std::string>() : text.dump();
    addTestEvents(m_bundle, m_workspace, w, n, folderName);
}

void SamWriter::addHttpRoute(const Workflow &w, const Node &trigger)
{
    const Json c = config(trigger);
    std::string target;
    if (needsStateMachine(w, trigger, "event", EntryKind::Http)) {
        // An HTTP API waits 30 s for its integration: the front gives up first, and says so.
        target = addFrontFunction(w, trigger, "event", EntryKind::Http, "", 29);
    } else if (const auto functions = functionsFrom(w, trigger, "event"); !functions.empty()) {
        target = idOf(w, *functions.front(), "Function");
    } else {
        return; // a route with nowhere to go is not a route on AWS
    }
    m_hasApi = true;
    if (const Json cors = c.value("cors", Json()); cors.is_object() && !cors.empty()) {
        static const std::vector<std::pair<const char *, const char *>> kCors = {
            {"allowOrigins", "AllowOrigins"}, {"allowMethods", "AllowMethods"}, {"allowHeaders", "AllowHeaders"},
            {"exposeHeaders", "ExposeHeaders"}, {"allowCredentials", "AllowCredentials"}, {"maxAgeS", "MaxAge"}};
        Json configuration = Json::object();
        for (const auto &[local, aws] : kCors) {
            if (cors.contains(local))
                configuration[aws] = cors[local];
        }
        if (m_cors.is_null()) {
            m_cors = configuration;
            m_corsFrom = trigger.name;
        } else if (m_cors != configuration) {
            refuse(w, trigger, "its CORS settings differ from those of " + quote(m_corsFrom)
                                   + ": an HTTP API has one CORS configuration for all its routes");
        }
    }
    Json properties = Json{{"ApiId", refTo("HttpApi")}, {"Method", c.value("method", std::string("GET"))},
                           {"Path", c.value("path", std::string("/"))}};
    if (c.value("payloadFormat", std::string("2.0")) == "1.0")
        properties["PayloadFormatVersion"] = "1.0";
    eventsOf(target)[idOf(w, trigger, "Route")] = Json{{"Type", "HttpApi"}, {"Properties", properties}};
}

void SamWriter::addSchedule(const Workflow &w, const Node &trigger)
{
    const Json c = config(trigger);
    // EventBridge Scheduler sends its Input as the event: written so that it is
    // the Scheduled Event the local schedule sends (its context attributes
    // give the id, the time and the schedule's ARN).
    const std::string input = scheduledEventInput(c.value("detail", Json::object()));
    Json properties = Json{{"ScheduleExpression", c.value("expression", std::string())},
                           {"ScheduleExpressionTimezone", c.value("timezone", std::string("UTC"))},
                           {"State", c.value("enabled", true) ? "ENABLED" : "DISABLED"},
                           {"OmitName", true},
                           {"Input", sub(input)}};
    const Json event = Json{{"Type", "ScheduleV2"}, {"Properties", properties}};
    if (needsStateMachine(w, trigger, "event", EntryKind::Schedule)) {
        // The scheduler starts the state machine itself (asynchronously, as it invokes a function).
        eventsOf(addStateMachine(w, trigger, "event", EntryKind::Schedule, "").id)[idOf(w, trigger, "Schedule")] = event;
        return;
    }
    // Several functions on one schedule: a schedule each (here one run
    // reaches them all at once; on AWS each fires at the same time).
    for (const Node *target : functionsFrom(w, trigger, "event"))
        eventsOf(idOf(w, *target, "Function"))[idOf(w, trigger, "Schedule")] = event;
}

void SamWriter::addManual(const Workflow &w, const Node &trigger)
{
    if (needsStateMachine(w, trigger, "event", EntryKind::Manual)) {
        const std::string machine = addStateMachine(w, trigger, "event", EntryKind::Manual, "").id;
        m_notes.push_back("The manual trigger " + quote(trigger.name) + " is the state machine " + machine
                          + ": start it with its event from the Step Functions console or `aws stepfunctions "
                            "start-sync-execution`.");
        return;
    }
    m_notes.push_back("The manual trigger " + quote(trigger.name)
                      + " has no AWS counterpart: invoke its function with its event from the Lambda console or a "
                        "local tool (`sam local invoke`, `serverless invoke`).");
}

void SamWriter::addQueue(const Workflow &w, const Node &queue)
{
    const Json c = config(queue);
    const std::string id = idOf(w, queue, "Queue");
    const int visibility = c.value("visibilityTimeoutS", 30);
    const int batchSize = c.value("batchSize", 10);
    const int window = c.value("batchWindowS", 0);
    if (queue.name.ends_with(".fifo"))
        m_notes.push_back("The queue " + quote(queue.name) + " is a standard queue on AWS, as it is here (no FIFO "
                                                             "order or deduplication).");

    // What AWS refuses for an SQS event source, said before deploying.
    const auto consume = [&](const std::string &queueId, const std::string &function, const std::string &name,
                             int timeout, const std::string &eventId, const std::string &which) {
        if (batchSize > 10 && window < 1)
            refuse(w, queue, "a batch of more than 10 messages needs batchWindowS of at least 1 on AWS "
                             "(an SQS event source's MaximumBatchingWindowInSeconds)");
        if (visibility < timeout)
            refuse(w, queue, "its visibility timeout (" + std::to_string(visibility) + " s) is shorter than the timeout of "
                                 + name + " (" + std::to_string(timeout) + " s), which AWS refuses for " + which);
        Json event = Json{{"Queue", getAtt(queueId, "Arn")}, {"BatchSize", batchSize}};
        if (window > 0)
            event["MaximumBatchingWindowInSeconds"] = window;
        event["FunctionResponseTypes"] = Json::array({"ReportBatchItemFailures"});
        eventsOf(function)[eventId] = Json{{"Type", "SQS"}, {"Properties", event}};
    };
    // Every consumer of a port, or the front of the state machine its path needs.
    const auto consumePort = [&](const std::string &port, const std::string &queueId, const std::string &suffix,
                                 const std::string &eventId, const std::string &which) {
        const auto functions = functionsFrom(w, queue, port);
        // Several functions each get every batch here: one run, a fan-out.
        if (functions.size() > 1 || needsStateMachine(w, queue, port, EntryKind::Queue)) {
            // The front must finish within the visibility timeout (and a state machine within 5 minutes).
            const int timeout = std::clamp(visibility, 1, 300);
            const std::string front = addFrontFunction(w, queue, port, EntryKind::Queue, suffix, timeout);
            consume(queueId, front, "its state machine's front function " + front, timeout, uniqueId(eventId), which);
            return;
        }
        for (const Node *f : functions)
            consume(queueId, idOf(w, *f, "Function"), quote(f->name), config(*f).value("timeoutS", 3),
                    uniqueId(eventId), which);
    };
    consumePort("out", id, "", id + "Messages", "an SQS event source");

    // Where messages received maxReceiveCount times go: another queue of the
    // workspace when `dead` is wired to one, else a dead-letter queue of
    // their own (here they are set aside the same way), consumed by what
    // `dead` leads to.
    std::string deadTarget;
    bool deadElsewhere = false;
    for (const Node *to : w.targetsOf(queue.id, "dead")) {
        if (to->kind == kinds::kQueue && deadTarget.empty())
            deadTarget = idOf(w, *to, "Queue");
        else if (to->kind != kinds::kLog)
            deadElsewhere = true;
        else
            m_notes.push_back("Messages that " + quote(queue.name) + " gives up on wait in its dead-letter queue "
                              + id + "DeadLetters (here the log node " + quote(to->name) + " writes them to the run's log).");
    }
    if (!deadTarget.empty() && deadElsewhere)
        refuse(w, queue, "its dead messages go both to a queue and elsewhere: on AWS a queue has one dead-letter "
                         "queue, which would then have to be consumed");
    Json properties = Json{{"VisibilityTimeout", visibility}};
    if (deadTarget.empty()) {
        deadTarget = uniqueId(id + "DeadLetters");
        m_resources[deadTarget] = Json{
            {"Type", "AWS::SQS::Queue"},
            {"Properties", Json{{"VisibilityTimeout", visibility}, {"MessageRetentionPeriod", 1209600}}}};
        m_outputs[deadTarget + "Url"] = Json{{"Description", "The URL of the dead-letter queue of " + queue.name},
                                             {"Value", refTo(deadTarget)}};
        if (deadElsewhere) {
            consumePort("dead", deadTarget, "DeadLetters", id + "DeadLetter",
                        "the SQS event source of its dead-letter queue");
            // Here each dead message is handed on once: one that its path fails
            // is set aside after that one receive, not received again for 14 days.
            const std::string unhandled = uniqueId(id + "DeadLettersUnhandled");
            m_resources[unhandled] = Json{
                {"Type", "AWS::SQS::Queue"}, {"Properties", Json{{"MessageRetentionPeriod", 1209600}}}};
            m_resources[deadTarget]["Properties"]["RedrivePolicy"] =
                Json{{"deadLetterTargetArn", getAtt(unhandled, "Arn")}, {"maxReceiveCount", 1}};
            m_outputs[unhandled + "Url"] = Json{
                {"Description", "The URL of the queue of dead letters of " + queue.name + " that its dead path failed"},
                {"Value", refTo(unhandled)}};
        }
    }
    properties["RedrivePolicy"] = Json{{"deadLetterTargetArn", getAtt(deadTarget, "Arn")},
                                       {"maxReceiveCount", c.value("maxReceiveCount", 3)}};
    m_resources[id] = Json{{"Type", "AWS::SQS::Queue"}, {"Properties", properties}};
    m_outputs[id + "Url"] = Json{{"Description", "The URL of the queue " + queue.name}, {"Value", refTo(id)}};
}

void SamWriter::addBucket(const Workflow &w, const Node &bucket)
{
    const Json c = config(bucket);
    const std::string id = idOf(w, bucket, "Bucket");
    // STACK-NAME-ACCOUNT must fit S3's 63 characters, with room for a stack name.
    if (constexpr size_t kRoomForStack = 8; bucket.name.size() + 14 + kRoomForStack > 63)
        refuse(w, bucket, "its name is too long for AWS: the bucket is named STACK-" + bucket.name
                              + "-ACCOUNT, which S3 allows up to 63 characters; keep the name to "
                              + std::to_string(63 - 14 - kRoomForStack) + " characters");
    // A name of its own (bucket names are global), made the same way each
    // time; policies and variables can use it without a !Ref of a bucket that
    // triggers a function (a circular dependency: SAM #1109, #2099).
    m_resources[id] = Json{{"Type", "AWS::S3::Bucket"}, {"Properties", Json{{"BucketName", bucketName(bucket)}}}};
    m_outputs[id + "Name"] = Json{{"Description", "The name of the bucket " + bucket.name}, {"Value", refTo(id)}};
    std::string consumer;
    // Several functions each get every notification here (one run, a fan-out),
    // where S3 refuses overlapping notifications: a state machine does it.
    if (const auto functions = functionsFrom(w, bucket, "out");
        functions.size() > 1 || needsStateMachine(w, bucket, "out", EntryKind::Bucket))
        consumer = addFrontFunction(w, bucket, "out", EntryKind::Bucket, "", 300);
    else if (!functions.empty())
        consumer = idOf(w, *functions.front(), "Function");
    if (consumer.empty())
        return;
    Json events = Json::array();
    for (const Json &e : c.value("events", Json::array({"created", "removed"})))
        events.push_back(e == "created" ? "s3:ObjectCreated:*" : "s3:ObjectRemoved:*");
    Json properties = Json{{"Bucket", refTo(id)}, {"Events", events}};
    Json rules = Json::array();
    for (const char *filter : {"prefix", "suffix"}) {
        if (const std::string value = c.value(filter, std::string()); !value.empty())
            rules.push_back(Json{{"Name", filter}, {"Value", value}});
    }
    if (!rules.empty())
        properties["Filter"] = Json{{"S3Key", Json{{"Rules", rules}}}};
    eventsOf(consumer)[uniqueId(id + "Objects")] = Json{{"Type", "S3"}, {"Properties", properties}};
}

void SamWriter::addTable(const Workflow &w, const Node &table)
{
    const Json c = config(table);
    const std::string id = idOf(w, table, "Table");
    Json attributes = Json::array();
    Json keys = Json::array();
    const std::string partition = c.value("partitionKey", std::string("id"));
    attributes.push_back(Json{{"AttributeName", partition}, {"AttributeType", "S"}});
    keys.push_back(Json{{"AttributeName", partition}, {"KeyType", "HASH"}});
    if (const Json sort = c.value("sortKey", Json()); sort.is_string()) {
        attributes.push_back(Json{{"AttributeName", sort}, {"AttributeType", "S"}});
        keys.push_back(Json{{"AttributeName", sort}, {"KeyType", "RANGE"}});
    }
    m_notes.push_back("The keys of the table " + quote(table.name)
                      + " are declared as strings (S): a workspace does not say a key's type.");
    m_resources[id] = Json{{"Type", "AWS::DynamoDB::Table"},
                           {"Properties", Json{{"TableName", sub("${AWS::StackName}-" + table.name)},
                                               {"BillingMode", "PAY_PER_REQUEST"},
                                               {"AttributeDefinitions", attributes},
                                               {"KeySchema", keys},
                                               {"StreamSpecification", Json{{"StreamViewType", "NEW_AND_OLD_IMAGES"}}}}}};
    m_outputs[id + "Name"] = Json{{"Description", "The name of the table " + table.name}, {"Value", refTo(id)}};
    const Json stream = Json{{"Type", "DynamoDB"},
                             {"Properties", Json{{"Stream", getAtt(id, "StreamArn")}, {"StartingPosition", "LATEST"},
                                                 {"BatchSize", c.value("streamBatchSize", 100)},
                                                 {"FunctionResponseTypes", Json::array({"ReportBatchItemFailures"})}}}};
    if (needsStateMachine(w, table, "out", EntryKind::Table)) {
        eventsOf(addFrontFunction(w, table, "out", EntryKind::Table, "", 300))[uniqueId(id + "Stream")] = stream;
        return;
    }
    // Each function reads the stream by itself, as each gets every batch here.
    for (const Node *f : functionsFrom(w, table, "out"))
        eventsOf(idOf(w, *f, "Function"))[uniqueId(id + "Stream")] = stream;
}

Status SamWriter::zipCode(Json &resources)
{
    std::map<std::string, std::string> zipped; // folder → its zip (front functions share theirs)
    for (auto &[id, resource] : resources.items()) {
        if (resource["Type"] != "AWS::Serverless::Function")
            continue;
        Json &codeUri = resource["Properties"]["CodeUri"];
        const std::string folder = codeUri.get<std::string>();
        if (!zipped.contains(folder)) {
            std::map<std::string, std::string> files;
            for (auto it = m_bundle.files.lower_bound(folder); it != m_bundle.files.end() && it->first.starts_with(folder);)
                files[it->first.substr(folder.size())] = std::move(it->second), it = m_bundle.files.erase(it);
            auto zip = reproducibleZip(files);
            if (!zip)
                return zip.status();
            const std::string name = folder.substr(0, folder.size() - 1) + ".zip";
            m_bundle.files[name] = zip.take();
            zipped[folder] = name;
        }
        codeUri = zipped[folder];
    }
    return Status::ok();
}

bool SamWriter::hasTestEvents(const std::string &folder) const
{
    const std::string prefix = "events/" + folder + "/";
    const auto it = m_bundle.files.lower_bound(prefix);
    return it != m_bundle.files.end() && it->first.starts_with(prefix);
}

std::string SamWriter::readme() const
{
    std::string text = "# " + (m_workspace.name.empty() ? std::string("Stratus workspace") : m_workspace.name)
                       + " — an AWS SAM bundle\n\n"
                         "Written by `stratus export --format sam` from a Stratus workspace. Nothing here was uploaded.\n\n"
                         "## What is in it\n\n"
                         "- `template.yaml`: the AWS SAM template (functions, their events, state machines, queues, "
                         "buckets, tables).\n"
                         + std::string(m_options.zip ? "- `functions/FOLDER.zip`: each function's code, as the workspace "
                                                       "holds it, zipped (the same workspace gives the same bytes).\n"
                                                     : "- `functions/FOLDER/`: each function's code, as the workspace "
                                                       "holds it.\n")
                         + "- `events/FOLDER/`: each function's saved test events, for `sam local invoke -e`.\n\n"
                         "| function (in the template) | its folders |\n|---|---|\n";
    for (const auto &[id, folder] : m_functionFolders) {
        const bool generated = folder == kFrontFolder || folder == kWriterFolder;
        const bool hasEvents = hasTestEvents(folder);
        text += "| `" + id + "` | `functions/" + folder + (m_options.zip ? ".zip`" : "/`")
                + (generated ? std::string(" (generated)") : hasEvents ? ", `events/" + folder + "/`" : std::string())
                + " |\n";
    }
    if (m_machines > 0)
        text += "\n## State machines\n\n"
                "A path that goes on from node to node (a function's result to another node, a choice, a "
                "fan-out, an `error` edge, a write into a queue, table or bucket) is an EXPRESS state machine "
                "(`AWS::Serverless::StateMachine`) that keeps the local runner's rules: a Task per function "
                "(with Retry where Stratus retries and Catch for an `error` edge), a Choice per choice node, a "
                "Parallel per fan-out, a Pass per log node (its value is in the execution's history). Its "
                "data is `{\"value\": …}`: each Task reads `$.value` and puts its result back there.\n\n"
                "Two kinds of function are generated (Node.js, using the AWS SDK that Lambda's runtime "
                "includes):\n\n"
                "- a **front function** per event source that starts a path (an HTTP route, a queue, a table's "
                "stream, a bucket): it runs the state machine with the event (`StartSyncExecution`) and gives "
                "back what the workflow gives locally: for an HTTP route the run's answer (so the response is "
                "the one `stratus send` shows), for a queue or a table the first function's partial batch "
                "response. Schedules start their state machine directly.\n"
                "- `functions/stratus-writer/`: the writes into queues, tables and buckets, with the workspace's "
                "rules for turning a value into a message, an item or an object.\n";
    // `sam build` builds folders; zips are deployed as they are.
    const std::string build = m_options.zip ? "" : "sam build\n";
    text += "\n## Deploy it\n\n"
            "```\n" + build + "sam deploy --guided\n```\n\n"
            "`sam deploy --guided` asks for a stack name (use lower-case letters, digits and hyphens: "
            "bucket names are made from it) and a region, and needs AWS credentials. It keeps your answers "
            "in `samconfig.toml`; exporting again with `--force` keeps that file, and every other file you add.\n\n"
            "## Run it locally\n\n```\n" + build;
    if (m_hasApi)
        text += "sam local start-api                                  # the HTTP routes\n";
    // An example with a saved test event when there is one.
    std::string invoke = "sam local invoke FUNCTION -e EVENT.json";
    for (const auto &[id, folder] : m_functionFolders) {
        if (hasTestEvents(folder)) {
            invoke = "sam local invoke " + id + " -e events/" + folder + "/EVENT.json";
            break;
        }
        if (folder != kFrontFolder && folder != kWriterFolder && invoke.starts_with("sam local invoke FUNCTION"))
            invoke = "sam local invoke " + id + " -e EVENT.json";
    }
    text += invoke + "\n```\n\n"
            + (m_machines > 0 ? "A route or source whose path is a state machine runs its deployed state machine "
                                "(SAM CLI does not run Step Functions): run the workflow here with `stratus send` "
                                "or `stratus serve`, which answer as the deployed bundle does.\n\n"
                              : "")
            + "## What you must still provide\n\n"
            "- An AWS account, credentials and a region.\n"
            "- The packages your functions import beyond their runtime's own (this bundle holds the "
            "workspace's files only).\n";
    if (!m_notes.empty()) {
        text += "\n## Notes\n\n";
        for (const std::string &note : m_notes)
            text += "- " + note + "\n";
    }
    return text;
}

Result<SamDocument> SamWriter::run()
{
    for (const Problem &p : validateWorkspace(m_workspace)) {
        if (p.severity == Problem::Severity::Error)
            m_refusals.push_back(p.toString());
    }
    if (!m_refusals.empty())
        return Status::invalidArgument("the workspace has validation errors:\n" + joined(m_refusals, "\n"));

    std::vector<const Workflow *> workflows;
    for (const Workflow &w : m_workspace.workflows) {
        if (!m_options.workflow || w.id() == *m_options.workflow)
            workflows.push_back(&w);
    }
    if (m_options.workflow && workflows.empty()) {
        std::vector<std::string> ids;
        for (const Workflow &w : m_workspace.workflows)
            ids.push_back(w.id().str());
        return Status::notFound("the workspace has no workflow " + quote(m_options.workflow->str()) + " (its workflows: "
                                + (ids.empty() ? std::string("none") : joined(ids)) + ")");
    }

    m_usedIds.insert("HttpApi");
    m_folders.insert(kFrontFolder);
    m_folders.insert(kWriterFolder);
    for (const Workflow *w : workflows) {
        for (const Node &n : w->nodes()) {
            if (n.kind == kinds::kFunction)
                addFunction(*w, n);
        }
    }
    for (const Workflow *w : workflows) {
        for (const Node &n : w->nodes()) {
            if (n.kind == kinds::kHttpTrigger)
                addHttpRoute(*w, n);
            else if (n.kind == kinds::kScheduleTrigger)
                addSchedule(*w, n);
            else if (n.kind == kinds::kQueue)
                addQueue(*w, n);
            else if (n.kind == kinds::kBucket)
                addBucket(*w, n);
            else if (n.kind == kinds::kTable)
                addTable(*w, n);
            else if (n.kind == kinds::kManualTrigger)
                addManual(*w, n);
        }
    }
    addGeneratedFunctions();
    if (!m_refusals.empty())
        return Status::notSupported("the workspace cannot be exported as " + m_options.formatName + ":\n"
                                    + joined(m_refusals, "\n"));

    Json resources = Json::object();
    if (m_hasApi) {
        Json api = Json{{"Type", "AWS::Serverless::HttpApi"}};
        if (!m_cors.is_null()) {
            api["Properties"] = Json{{"CorsConfiguration", m_cors}};
            m_notes.push_back("The HTTP API answers CORS for every route as " + quote(m_corsFrom)
                              + " says (an HTTP API has one CORS configuration).");
        }
        resources["HttpApi"] = api;
        m_outputs["ApiUrl"] = Json{{"Description", "The HTTP API's base URL"},
                                   {"Value", sub("https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/")}};
    }
    for (auto &[id, resource] : m_resources.items())
        resources[id] = resource;
    if (m_options.zip) {
        if (Status s = zipCode(resources); !s)
            return s;
    }
    Json outputs = Json::object();
    if (m_outputs.contains("ApiUrl"))
        outputs["ApiUrl"] = m_outputs["ApiUrl"];
    for (auto &[id, output] : m_outputs.items()) {
        if (id != "ApiUrl")
            outputs[id] = output;
    }
    Json document = Json{{"AWSTemplateFormatVersion", "2010-09-09"},
                         {"Transform", "AWS::Serverless-2016-10-31"},
                         {"Description", (m_workspace.name.empty() ? std::string("A Stratus workspace")
                                                                   : m_workspace.name)
                                             + (m_options.workflow && !workflows.empty()
                                                    ? " (workflow " + workflows.front()->name() + ")"
                                                    : std::string())
                                             + ", exported by Stratus"},
                         {"Resources", resources}};
    if (!outputs.empty())
        document["Outputs"] = outputs;
    m_bundle.files["README.md"] = readme();
    m_bundle.notes = m_notes;
    return SamDocument{std::move(document), std::move(m_bundle), m_machines > 0};
}

} // namespace

std::string scheduledEventInput(const Json &detail)
{
    return R"({"version":"0","id":"<aws.scheduler.execution-id>","detail-type":"Scheduled Event","source":"aws.events",)"
           R"("account":"${AWS::AccountId}","time":"<aws.scheduler.scheduled-time>","region":"${AWS::Region}",)"
           R"("resources":["<aws.scheduler.schedule-arn>"],"detail":)"
           + subLiteral(detail.dump()) + "}";
}

std::optional<Json> detailOfScheduledEventInput(const std::string &input)
{
    const std::string_view marker = R"("detail":)";
    const size_t at = input.rfind(marker);
    if (at == std::string::npos || !input.ends_with('}'))
        return std::nullopt;
    std::string detail = input.substr(at + marker.size(), input.size() - at - marker.size() - 1);
    for (size_t open = detail.find("${!"); open != std::string::npos; open = detail.find("${!", open + 2))
        detail.erase(open + 2, 1);
    Json parsed = Json::parse(detail, nullptr, false);
    if (parsed.is_discarded() || scheduledEventInput(parsed) != input)
        return std::nullopt;
    return parsed;
}

std::string logicalIdFrom(const std::string &name)
{
    std::string id;
    bool upper = true;
    for (const unsigned char c : name) {
        if (!std::isalnum(c) || c >= 0x80) {
            upper = true;
            continue;
        }
        id += upper ? char(std::toupper(c)) : char(c);
        upper = false;
    }
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id.front())))
        id.insert(0, "N");
    return id.substr(0, 200);
}

Result<SamDocument> samDocument(const Workspace &workspace, const ExportOptions &options)
{
    return SamWriter(workspace, options).run();
}

Result<Bundle> exportSam(const Workspace &workspace, const ExportOptions &options)
{
    auto writeBack = importedWorkflow(workspace, options, "sam");
    if (!writeBack)
        return writeBack.status();
    if (writeBack->workflow)
        return exportFromOrigin(workspace, *writeBack->workflow, options);
    auto sam = samDocument(workspace, options);
    if (!sam)
        return sam.status();
    sam->bundle.files["template.yaml"] = toCloudFormationYaml(sam->document);
    if (!writeBack->note.empty())
        sam->bundle.notes.push_back(writeBack->note);
    return std::move(sam->bundle);
}

} // namespace stratus::engine::exporting
