#include "origin.h"

#include "cfnyaml.h"
#include "statemachine.h"
#include "yaml.h"
#include "ziparchive.h"

#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"
#include "engine/model/workflow.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

namespace stratus::engine::exporting {

namespace {

using Pointer = Json::json_pointer;

/// A JSON pointer to the path `parts` (each escaped as RFC 6901 says).
std::string at(std::initializer_list<std::string> parts)
{
    Pointer pointer;
    for (const std::string &part : parts)
        pointer /= part;
    return pointer.to_string();
}

bool isResourceKind(const std::string &kind)
{
    return kind == kinds::kFunction || kind == kinds::kQueue || kind == kinds::kBucket || kind == kinds::kTable;
}

/// A queue, bucket or table: a resource whose `out` port starts runs.
bool isEventSourceKind(const std::string &kind)
{
    return kind != kinds::kFunction && isResourceKind(kind);
}

/// The port a machine's entry (a trigger, or an event source) starts its path from.
std::string entryPortOf(const Node &entry)
{
    return isEventSourceKind(entry.kind) ? "out" : "event";
}

/// The node's explicit config field, or null.
const Json &field(const Node &node, const char *name)
{
    return memberOf(node.config, name);
}

std::string codeFolder(const Node &node)
{
    return "functions/" + fileNameFrom(node.name.empty() ? node.id.str() : node.name) + "/";
}

/// The event a source node gives a function, as SAM writes it, under `base`.
void eventView(Json &view, const std::string &base, const Node &source, const std::string &sourceId,
               const std::string &type)
{
    const Json &c = source.config;
    if (source.kind == kinds::kHttpTrigger) {
        view[base + "/Type"] = memberOf(c, "payloadFormat") == "1.0" ? "Api" : "HttpApi";
        view[base + "/Properties/Path"] = memberOf(c, "path");
        view[base + "/Properties/Method"] = memberOf(c, "method").is_string() ? c["method"] : Json("GET");
    } else if (source.kind == kinds::kScheduleTrigger) {
        const bool v1 = type == "Schedule";
        view[base + "/Type"] = v1 ? "Schedule" : "ScheduleV2";
        view[base + (v1 ? "/Properties/Schedule" : "/Properties/ScheduleExpression")] = memberOf(c, "expression");
        if (!v1 && field(source, "timezone").is_string())
            view[base + "/Properties/ScheduleExpressionTimezone"] = c["timezone"];
        if (field(source, "enabled").is_boolean()) {
            if (v1)
                view[base + "/Properties/Enabled"] = c["enabled"];
            else
                view[base + "/Properties/State"] = c["enabled"].get<bool>() ? "ENABLED" : "DISABLED";
        }
    } else if (source.kind == kinds::kQueue) {
        view[base + "/Type"] = "SQS";
        view[base + "/Properties/Queue"] = Json{{"Fn::GetAtt", Json::array({sourceId, "Arn"})}};
        if (field(source, "batchSize").is_number())
            view[base + "/Properties/BatchSize"] = c["batchSize"];
        if (field(source, "batchWindowS").is_number())
            view[base + "/Properties/MaximumBatchingWindowInSeconds"] = c["batchWindowS"];
    } else if (source.kind == kinds::kBucket) {
        view[base + "/Type"] = "S3";
        view[base + "/Properties/Bucket"] = Json{{"Ref", sourceId}};
        Json events = Json::array();
        const Json kindsWanted = field(source, "events").is_array() ? c["events"] : Json::array({"created", "removed"});
        for (const Json &kind : kindsWanted)
            events.push_back(kind == "removed" ? "s3:ObjectRemoved:*" : "s3:ObjectCreated:*");
        view[base + "/Properties/Events"] = events;
        Json rules = Json::array();
        for (const char *name : {"prefix", "suffix"})
            if (field(source, name).is_string() && !c[name].get<std::string>().empty())
                rules.push_back(Json{{"Name", name}, {"Value", c[name]}});
        if (!rules.empty())
            view[base + "/Properties/Filter/S3Key/Rules"] = rules;
    } else if (source.kind == kinds::kTable) {
        view[base + "/Type"] = "DynamoDB";
        view[base + "/Properties/Stream"] = Json{{"Fn::GetAtt", Json::array({sourceId, "StreamArn"})}};
        view[base + "/Properties/StartingPosition"] = "LATEST";
        if (field(source, "streamBatchSize").is_number())
            view[base + "/Properties/BatchSize"] = c["streamBatchSize"];
    }
}

void functionView(Json &view, const ViewContext &context, const Node &node, const Json &entry)
{
    const Workflow &workflow = context.workflow;
    const auto &ids = context.ids;
    const Json &c = node.config;
    view["/Properties/Runtime"] = memberOf(c, "runtime");
    view["/Properties/Handler"] = memberOf(c, "handler");
    const Json &code = memberOf(entry, "code");
    if (memberOf(code, "inline") == true) {
        const Json &files = memberOf(c, "files");
        view["/Properties/InlineCode"] = files.is_object() && !files.empty() ? files.begin().value() : Json("");
    } else {
        view["/Properties/CodeUri"] = memberOf(code, "uri").is_string() ? code["uri"] : Json(codeFolder(node));
    }
    view["/Properties/FunctionName"] = node.name;
    // A new function states what Globals would otherwise give it on AWS.
    const bool added = entry.is_null();
    if (field(node, "memoryMB").is_number() || added)
        view["/Properties/MemorySize"] = field(node, "memoryMB").is_number() ? c["memoryMB"] : Json(128);
    if (field(node, "timeoutS").is_number() || added)
        view["/Properties/Timeout"] = field(node, "timeoutS").is_number() ? c["timeoutS"] : Json(3);
    if (field(node, "architecture").is_string() || added)
        view["/Properties/Architectures"] =
            Json::array({field(node, "architecture").is_string() ? c["architecture"] : Json("x86_64")});
    if (field(node, "concurrency").is_number() && c["concurrency"].get<long long>() > 0)
        view["/Properties/ReservedConcurrentExecutions"] = c["concurrency"];
    if (field(node, "description").is_string() && !c["description"].get<std::string>().empty())
        view["/Properties/Description"] = c["description"];
    if (field(node, "retries").is_number())
        view["/Properties/EventInvokeConfig/MaximumRetryAttempts"] = c["retries"];
    for (const auto &[name, value] : memberOf(c, "environment").items())
        view[at({"Properties", "Environment", "Variables", name})] = value;

    const Json &events = memberOf(entry, "events");
    std::set<std::string> taken;
    for (const auto &[source, event] : events.items())
        taken.insert(memberOf(event, "name").is_string() ? event["name"].get<std::string>() : source);
    const auto incoming = context.incoming.find(node.id.str());
    for (const Edge *edge : incoming == context.incoming.end() ? std::vector<const Edge *>() : incoming->second) {
        if (edge->to.port != "in")
            continue;
        const Node *source = workflow.findNode(edge->from.node);
        if (!source)
            continue;
        std::string name;
        std::string type;
        if (const Json &known = memberOf(events, source->id.str().c_str()); known.is_object()) {
            name = known["name"].get<std::string>();
            type = memberOf(known, "type").is_string() ? known["type"].get<std::string>() : "";
        } else {
            const std::string base = logicalIdFrom(source->name.empty() ? source->id.str() : source->name);
            name = base.empty() ? "Event" : base;
            for (int n = 2; taken.contains(name); ++n)
                name = base + std::to_string(n);
            taken.insert(name);
        }
        auto id = ids.find(source->id.str());
        eventView(view, at({"Properties", "Events", name}), *source, id == ids.end() ? std::string() : id->second,
                  type);
    }
}

void resourceView(Json &view, const ViewContext &context, const Node &node, const std::string &type)
{
    const Workflow &workflow = context.workflow;
    const auto &ids = context.ids;
    const Json &c = node.config;
    if (node.kind == kinds::kQueue) {
        view["/Properties/QueueName"] = node.name;
        if (field(node, "visibilityTimeoutS").is_number())
            view["/Properties/VisibilityTimeout"] = c["visibilityTimeoutS"];
        const auto dead = workflow.targetsOf(node.id, "dead");
        if (dead.size() == 1 && ids.contains(dead[0]->id.str())) {
            view["/Properties/RedrivePolicy/deadLetterTargetArn"] =
                Json{{"Fn::GetAtt", Json::array({ids.at(dead[0]->id.str()), "Arn"})}};
            view["/Properties/RedrivePolicy/maxReceiveCount"] =
                field(node, "maxReceiveCount").is_number() ? c["maxReceiveCount"] : Json(3);
        }
    } else if (node.kind == kinds::kBucket) {
        view["/Properties/BucketName"] = node.name;
    } else if (node.kind == kinds::kTable) {
        const std::string partition = field(node, "partitionKey").is_string() ? c["partitionKey"].get<std::string>()
                                                                               : "id";
        view["/Properties/TableName"] = node.name;
        if (type == "AWS::Serverless::SimpleTable") {
            view["/Properties/PrimaryKey/Name"] = partition;
            view["/Properties/PrimaryKey/Type"] = "String";
            return;
        }
        Json keys = Json::array({Json{{"AttributeName", partition}, {"KeyType", "HASH"}}});
        Json attributes = Json::array({Json{{"AttributeName", partition}, {"AttributeType", "S"}}});
        if (field(node, "sortKey").is_string()) {
            keys.push_back(Json{{"AttributeName", c["sortKey"]}, {"KeyType", "RANGE"}});
            attributes.push_back(Json{{"AttributeName", c["sortKey"]}, {"AttributeType", "S"}});
        }
        view["/Properties/AttributeDefinitions"] = attributes;
        view["/Properties/KeySchema"] = keys;
        view["/Properties/BillingMode"] = "PAY_PER_REQUEST";
        view["/Properties/StreamSpecification/StreamViewType"] = "NEW_AND_OLD_IMAGES";
    }
}

std::string defaultType(const std::string &kind)
{
    if (kind == kinds::kFunction)
        return "AWS::Serverless::Function";
    if (kind == kinds::kQueue)
        return "AWS::SQS::Queue";
    if (kind == kinds::kBucket)
        return "AWS::S3::Bucket";
    return "AWS::DynamoDB::Table";
}

/// Removes the value at `where` and the objects it leaves empty; a
/// resource's or an event's Type going takes the whole resource or event.
void erase(Json &resource, const std::string &where)
{
    Pointer pointer(where);
    const bool eventType = where.starts_with("/Properties/Events/") && pointer.back() == "Type"
                           && std::count(where.begin(), where.end(), '/') == 4;
    if (where == "/Type" || eventType)
        pointer = pointer.parent_pointer();
    while (!pointer.empty()) {
        const Pointer parent = pointer.parent_pointer();
        if (!resource.contains(parent) || !resource[parent].is_object())
            return;
        Json &holder = resource[parent];
        holder.erase(pointer.back());
        if (!holder.empty() || parent.empty())
            return;
        pointer = parent;
    }
    resource = nullptr; // the resource's own Type went
}

} // namespace

Status applyViewChange(Json &resource, const Json &before, const Json &after)
{
    try {
        for (const auto &[where, value] : before.items())
            if (!after.contains(where) && !resource.is_null())
                erase(resource, where);
        for (const auto &[where, value] : after.items())
            if (!resource.is_null() && (!before.contains(where) || before[where] != value))
                resource[Pointer(where)] = value;
    } catch (const Json::exception &e) {
        return Status::invalidArgument(std::string("are not shaped as the edit needs (") + e.what() + ")");
    }
    return Status::ok();
}

namespace {

/// Every logical id a value refers to (Ref, GetAtt, ${X} in Sub).
void referencesIn(const Json &value, std::set<std::string> &out)
{
    if (value.is_object()) {
        if (value.size() == 1) {
            const std::string &key = value.begin().key();
            const Json &argument = value.begin().value();
            if (key == "Ref" && argument.is_string())
                out.insert(argument.get<std::string>());
            if (key == "Fn::GetAtt" && argument.is_array() && !argument.empty() && argument[0].is_string())
                out.insert(argument[0].get<std::string>());
            if (key == "Fn::Sub") {
                const Json &text = argument.is_array() && !argument.empty() ? argument[0] : argument;
                if (text.is_string()) {
                    const std::string s = text.get<std::string>();
                    for (size_t open = s.find("${"); open != std::string::npos; open = s.find("${", open + 2)) {
                        const size_t close = s.find('}', open);
                        if (close == std::string::npos)
                            break;
                        std::string name = s.substr(open + 2, close - open - 2);
                        out.insert(name.substr(0, name.find('.')));
                    }
                }
            }
        }
        for (const auto &[key, item] : value.items())
            referencesIn(item, out);
    } else if (value.is_array()) {
        for (const Json &item : value)
            referencesIn(item, out);
    }
}

bool allowedEdge(const Workflow &workflow, const Edge &edge)
{
    const Node *from = workflow.findNode(edge.from.node);
    const Node *to = workflow.findNode(edge.to.node);
    if (!from || !to)
        return false;
    if (from->kind == kinds::kQueue && edge.from.port == "dead")
        return to->kind == kinds::kQueue;
    if (to->kind != kinds::kFunction)
        return false;
    return from->kind == kinds::kHttpTrigger || from->kind == kinds::kScheduleTrigger
           || from->kind == kinds::kManualTrigger
           || ((from->kind == kinds::kQueue || from->kind == kinds::kBucket || from->kind == kinds::kTable)
               && edge.from.port == "out");
}

/// The edges and nodes of the path from a state machine's entry nodes (its
/// triggers, or the queue, bucket or table its front function reads), as the
/// workflow has them now: what the machine stands for after an edit.
void pathFrom(const Workflow &workflow, const std::vector<const Node *> &entries, const Json &recordedEdges,
              std::set<std::string> &edges, std::set<std::string> &nodes)
{
    std::vector<const Node *> todo;
    std::set<std::string> seen;
    std::set<std::string> recorded;
    for (const Json &id : recordedEdges)
        recorded.insert(id.is_string() ? id.get<std::string>() : "");
    auto follow = [&](const Node &from, const std::string &port) {
        for (const Edge &edge : workflow.edges()) {
            if (edge.from.node != from.id || edge.from.port != port)
                continue;
            // A queue's, table's or bucket's other edges are other functions' own events.
            if (isEventSourceKind(from.kind) && !recorded.contains(edge.id.str()))
                continue;
            edges.insert(edge.id.str());
            const Node *to = workflow.findNode(edge.to.node);
            if (to && seen.insert(to->id.str()).second)
                todo.push_back(to);
        }
    };
    for (const Node *entry : entries)
        follow(*entry, entryPortOf(*entry));
    while (!todo.empty()) {
        const Node *node = todo.back();
        todo.pop_back();
        if (node->kind == kinds::kFunction) {
            nodes.insert(node->id.str());
            follow(*node, "ok");
            follow(*node, "error");
        } else if (node->kind == kinds::kChoice) {
            nodes.insert(node->id.str());
            for (const Json &rule : memberOf(node->config, "rules"))
                if (memberOf(rule, "port").is_string())
                    follow(*node, rule["port"].get<std::string>());
            follow(*node, "default");
        } else if (node->kind == kinds::kLog) {
            nodes.insert(node->id.str());
        } // a queue, table or bucket the path writes into ends it
    }
}

/// True when `ref` names a function resource of `resources` (or one no longer there).
bool logicalIdIsFunction(const Json &resources, const Json &ref)
{
    const Json &resource = memberOf(resources, ref.get<std::string>().c_str());
    return resource.is_null() || memberOf(resource, "Type") == "AWS::Serverless::Function"
           || memberOf(resource, "Type") == "AWS::Lambda::Function";
}

/// A state machine's entry nodes in `workflow`: its triggers, or the source its front function reads.
std::vector<const Node *> machineEntries(const Workflow &workflow, const Json &machine)
{
    std::vector<const Node *> entries;
    for (const Json &id : memberOf(machine, "nodes")) {
        const Node *node = id.is_string() ? workflow.findNode(NodeId(id.get<std::string>())) : nullptr;
        if (node && node->kind != kinds::kFunction && node->kind != kinds::kChoice && node->kind != kinds::kLog)
            entries.push_back(node);
    }
    return entries;
}

std::optional<EntryKind> entryKindOf(const Node &node)
{
    static const std::map<std::string, EntryKind, std::less<>> kEntryKinds = {
        {std::string(kinds::kHttpTrigger), EntryKind::Http},   {std::string(kinds::kScheduleTrigger), EntryKind::Schedule},
        {std::string(kinds::kManualTrigger), EntryKind::Manual}, {std::string(kinds::kQueue), EntryKind::Queue},
        {std::string(kinds::kBucket), EntryKind::Bucket},       {std::string(kinds::kTable), EntryKind::Table}};
    const auto found = kEntryKinds.find(node.kind);
    return found == kEntryKinds.end() ? std::nullopt : std::optional<EntryKind>(found->second);
}

/// The machine's own schedule events in `resource` set as their triggers now say.
Status writeOwnEvents(const Workflow &workflow, const Json &machine, Json &resource, const std::string &where)
{
    for (const auto &[nodeId, eventName] : memberOf(machine, "events").items()) {
        const Node *trigger = workflow.findNode(NodeId(nodeId));
        const Json &event = memberOf(memberOf(memberOf(resource, "Properties"), "Events"), eventName.get<std::string>().c_str());
        if (!trigger || !event.is_object())
            continue;
        Json view = Json::object();
        eventView(view, at({"Properties", "Events", eventName.get<std::string>()}), *trigger, "",
                  memberOf(event, "Type").is_string() ? event["Type"].get<std::string>() : "");
        if (Status s = applyViewChange(resource, Json::object(), view); !s)
            return Status::invalidArgument(where + ": its event " + eventName.get<std::string>() + " " + s.message());
    }
    return Status::ok();
}

/// True when `now` differs from `was` (machine signatures) only in the
/// settings of the machine's own schedule triggers: its path is the same.
bool onlyOwnEventsDiffer(Json now, Json was, const Json &machine)
{
    for (const auto &[nodeId, eventName] : memberOf(machine, "events").items()) {
        for (Json *signature : {&now, &was})
            if (Json &nodes = (*signature)["nodes"]; nodes.contains(nodeId) && nodes[nodeId].is_object())
                nodes[nodeId].erase("node");
    }
    return now == was;
}

/// The state machine `id` of `resources` written anew for the path its
/// entry now sets going (statemachine.h): its Definition,
/// DefinitionSubstitutions and the Lambda invoke policies; its own
/// schedule events take their triggers' settings. Everything else it had
/// (Type, Logging, other policies, Tags) stays.
Result<Json> rewrittenMachine(const Workflow &workflow, const std::map<std::string, std::string> &ids,
                              const Json &resources, const std::string &id, const Json &machine,
                              const std::set<std::string> &pathEdges)
{
    const std::string where = "Resources." + id + " (a state machine)";
    Json resource = memberOf(resources, id.c_str());
    if (!memberOf(resource, "Properties").is_object())
        return Status::invalidArgument(where + " has no Properties to write the edited path into");
    const std::vector<const Node *> entries = machineEntries(workflow, machine);
    if (entries.empty())
        return Status::invalidArgument(where + ": what started it was deleted; delete the machine's functions "
                                               "too, or give it a trigger");
    const Node &entry = *entries.front();
    const std::string port = entryPortOf(entry);
    auto targetsOf = [&](const Node &node) {
        std::set<std::string> out;
        for (const Node *to : workflow.targetsOf(node.id, entryPortOf(node)))
            out.insert(to->id.str());
        return out;
    };
    for (const Node *other : entries)
        if (targetsOf(*other) != targetsOf(entry))
            return Status::invalidArgument(where + ": its triggers now go to different nodes; one machine runs one path");
    const Json &ownEvents = memberOf(machine, "events");
    const Json &before = memberOf(memberOf(machine, "signature"), "nodes");
    for (const Node *node : entries) {
        const Json &was = memberOf(memberOf(before, node->id.str().c_str()), "node");
        const bool edited = !was.is_null() && was != Json{{"name", node->name}, {"config", node->config}};
        if (edited && !ownEvents.contains(node->id.str()) && node->kind != kinds::kManualTrigger)
            return Status::invalidArgument(where + ": the settings of " + quote(node->name)
                                           + " are its front function's event, which is not rewritten yet");
    }
    std::set<std::string> entered; // the nodes the path's edges go into
    for (const Edge &edge : workflow.edges())
        if (pathEdges.contains(edge.id.str()))
            entered.insert(edge.to.node.str());
    for (const Edge &edge : workflow.edges()) {
        const Node *to = workflow.findNode(edge.to.node);
        if (!to || to->kind != kinds::kFunction || pathEdges.contains(edge.id.str()) || !entered.contains(to->id.str()))
            continue;
        if (!workflow.targetsOf(to->id, "ok").empty() || !workflow.targetsOf(to->id, "error").empty())
            return Status::invalidArgument(where + ": " + quote(to->name) + " goes on in the path, and has an event "
                                           "of its own, which on AWS would invoke it alone (to start the machine "
                                           "on another schedule, add the event to Resources." + id + " in the template)");
    }
    auto logicalId = [&](const Node &node) {
        auto found = ids.find(node.id.str());
        return found == ids.end() ? std::string() : found->second;
    };
    std::string writer;
    for (const auto &[resourceId, candidate] : resources.items()) {
        const Json &uri = memberOf(memberOf(candidate, "Properties"), "CodeUri");
        if (uri.is_string() && isGeneratedCode(uri.get<std::string>(), kWriterFolder))
            writer = resourceId;
    }
    MachineVariables variables;
    variables.functionArn = [&](const Node &f) { return logicalId(f) + "Arn"; };
    variables.writeTarget = [&](const Node &r) { return logicalId(r) + (r.kind == kinds::kQueue ? "Url" : "Name"); };
    variables.writerArn = writer + "Arn";
    const std::optional<EntryKind> kind = entryKindOf(entry);
    if (!kind)
        return Status::invalidArgument(where + ": " + quote(entry.name) + " (" + entry.kind + ") cannot start it");
    const StateMachinePlan plan = stateMachineFor(workflow, entry, port, *kind, variables);
    if (!plan.resources.empty() && writer.empty())
        return Status::invalidArgument(where + ": the path now writes into " + quote(plan.resources.front()->name)
                                       + ", which needs the writer function Stratus's own template has");
    Json substitutions = Json::object();
    std::set<std::string> invoked;
    for (const Node *f : plan.functions) {
        substitutions[logicalId(*f) + "Arn"] = Json{{"Fn::GetAtt", Json::array({logicalId(*f), "Arn"})}};
        invoked.insert(logicalId(*f));
    }
    for (const Node *r : plan.resources)
        substitutions[logicalId(*r) + (r->kind == kinds::kQueue ? "Url" : "Name")] = Json{{"Ref", logicalId(*r)}};
    if (!plan.resources.empty()) {
        substitutions[writer + "Arn"] = Json{{"Fn::GetAtt", Json::array({writer, "Arn"})}};
        invoked.insert(writer);
    }
    Json &properties = resource["Properties"];
    properties["Definition"] = plan.definition;
    if (substitutions.empty())
        properties.erase("DefinitionSubstitutions");
    else
        properties["DefinitionSubstitutions"] = substitutions;
    // Invoke policies for exactly the functions it invokes; its other policies stay.
    Json policies = Json::array();
    const Json &written = memberOf(properties, "Policies");
    for (const Json &policy : written.is_array() ? written : written.is_null() ? Json::array() : Json::array({written})) {
        // A plain !Ref to a function it no longer invokes goes; every other policy stays.
        const Json &ref = memberOf(memberOf(memberOf(policy, "LambdaInvokePolicy"), "FunctionName"), "Ref");
        if (!ref.is_string() || invoked.erase(ref.get<std::string>()) > 0 || !logicalIdIsFunction(resources, ref))
            policies.push_back(policy);
    }
    for (const std::string &function : invoked)
        policies.push_back(Json{{"LambdaInvokePolicy", Json{{"FunctionName", Json{{"Ref", function}}}}}});
    properties["Policies"] = policies;
    if (Status s = writeOwnEvents(workflow, machine, resource, where); !s)
        return s;
    return resource;
}

} // namespace

std::map<std::string, std::string> logicalIdsOf(const Workflow &workflow, const Json &templateResources)
{
    std::map<std::string, std::string> ids;
    std::set<std::string> taken;
    if (templateResources.is_object())
        for (const auto &[id, resource] : templateResources.items())
            taken.insert(id);
    for (const auto &[id, entry] : memberOf(workflow.origin(), "resources").items()) {
        taken.insert(id);
        if (memberOf(entry, "node").is_string())
            ids[entry["node"].get<std::string>()] = id;
    }
    for (const Node &node : workflow.nodes()) {
        if (!isResourceKind(node.kind) || ids.contains(node.id.str()))
            continue;
        std::string base = logicalIdFrom(node.name.empty() ? node.id.str() : node.name);
        if (base.empty())
            base = "Resource";
        std::string id = base;
        for (int n = 2; taken.contains(id); ++n)
            id = base + std::to_string(n);
        taken.insert(id);
        ids[node.id.str()] = id;
    }
    return ids;
}

ViewContext::ViewContext(const Workflow &workflow, std::map<std::string, std::string> ids,
                         const std::set<std::string> &machineEdges)
    : workflow(workflow), ids(std::move(ids))
{
    for (const Edge &edge : workflow.edges())
        if (!machineEdges.contains(edge.id.str()))
            incoming[edge.to.node.str()].push_back(&edge);
}

EdgesByNode::EdgesByNode(const Workflow &workflow)
{
    for (const Edge &edge : workflow.edges()) {
        m_out[edge.from.node.str()].push_back(edge.id.str());
        m_touching[edge.from.node.str()].push_back(edge.id.str());
        if (edge.to.node != edge.from.node)
            m_touching[edge.to.node.str()].push_back(edge.id.str());
    }
}

std::string EdgesByNode::digestOf(const ByNode &byNode, const std::string &node, std::map<std::string, std::string> &cache)
{
    if (auto known = cache.find(node); known != cache.end())
        return known->second;
    std::vector<std::string> ids;
    if (auto found = byNode.find(node); found != byNode.end())
        ids = found->second;
    std::sort(ids.begin(), ids.end());
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const std::string &id : ids) {
        hash.addData(QByteArrayView(id.data(), qsizetype(id.size())));
        hash.addData(QByteArrayView("\n", 1));
    }
    return cache[node] = std::to_string(ids.size()) + ":" + hash.result().toHex().toStdString();
}

std::string EdgesByNode::outDigest(const std::string &node) const
{
    return digestOf(m_out, node, m_outDigests);
}

std::string EdgesByNode::touchingDigest(const std::string &node) const
{
    return digestOf(m_touching, node, m_touchingDigests);
}

Json machineSignature(const Workflow &workflow, const Json &machine, const EdgesByNode &edgesByNode)
{
    static const std::set<std::string> kEventSettings = {"batchSize", "batchWindowS", "events",
                                                         "prefix",    "suffix",       "streamBatchSize"};
    Json edges = Json::object();
    std::set<std::string> goesOn; // nodes the path leaves through an edge of the machine
    for (const Json &id : memberOf(machine, "edges")) {
        if (!id.is_string())
            continue;
        const Edge *edge = workflow.findEdge(EdgeId(id.get<std::string>()));
        edges[id.get<std::string>()] =
            edge ? Json::array({edge->from.node.str(), edge->from.port, edge->to.node.str()}) : Json();
        if (edge)
            goesOn.insert(edge->from.node.str());
    }
    Json nodes = Json::object();
    for (const Json &id : memberOf(machine, "nodes")) {
        if (!id.is_string())
            continue;
        const Node *node = workflow.findNode(NodeId(id.get<std::string>()));
        if (!node) {
            nodes[id.get<std::string>()] = nullptr;
            continue;
        }
        Json entry = Json{{"kind", node->kind}};
        if (isEventSourceKind(node->kind)) {
            Json settings = Json::object();
            for (const auto &[key, value] : node->config.items())
                if (kEventSettings.contains(key))
                    settings[key] = value;
            entry["settings"] = settings;
        } else {
            if (node->kind != kinds::kFunction) // a function's settings are its own resource's
                entry["node"] = Json{{"name", node->name}, {"config", node->config}};
            entry["out"] = edgesByNode.outDigest(node->id.str()); // an edge added out of the path's last node extends it
            if (goesOn.contains(node->id.str())) // an edge added to or from a node the path goes on from changes it
                entry["edges"] = edgesByNode.touchingDigest(node->id.str());
        }
        nodes[id.get<std::string>()] = entry;
    }
    return Json{{"nodes", nodes}, {"edges", edges}};
}

Json rawViewOf(const ViewContext &context, const Node &node, const Json &entry)
{
    Json view = Json::object();
    const std::string type = memberOf(entry, "type").is_string() ? entry["type"].get<std::string>()
                                                                : defaultType(node.kind);
    view["/Type"] = type;
    if (node.kind == kinds::kFunction)
        functionView(view, context, node, entry);
    else
        resourceView(view, context, node, type);
    return view;
}

Json writtenView(const Json &raw, const Json &entry)
{
    Json out = Json::object();
    const Json &as = memberOf(entry, "as");
    for (const auto &[where, value] : raw.items()) {
        const Json &substitution = memberOf(as, where.c_str());
        if (substitution.is_object() && substitution["model"] == value) {
            if (!substitution["written"].is_null())
                out[where] = substitution["written"];
        } else {
            out[where] = value;
        }
    }
    return out;
}

Result<WriteBack> importedWorkflow(const Workspace &workspace, const ExportOptions &options, const std::string &format)
{
    WriteBack out;
    std::vector<const Workflow *> chosen;
    const Workflow *imported = nullptr;
    for (const Workflow &w : workspace.workflows) {
        if (options.workflow && w.id() != *options.workflow)
            continue;
        chosen.push_back(&w);
        if (!w.origin().is_null() && !imported)
            imported = &w;
    }
    if (!imported)
        return out;
    const std::string file = memberOf(imported->origin(), "file").is_string()
                                 ? imported->origin()["file"].get<std::string>()
                                 : std::string("a template");
    if (options.fresh) {
        out.note = "workflow '" + imported->id().str() + "' was imported from " + file
                   + "; --fresh writes Stratus's own template of it, without what only " + file
                   + " held (its other resources and state machines, Parameters, Outputs, comments)";
        return out;
    }
    if (chosen.size() > 1)
        return Status::invalidArgument("workflow '" + imported->id().str() + "' was imported from " + file
                                       + ": export it alone (--workflow " + imported->id().str()
                                       + ") to write that file back, or every workflow with --fresh");
    if (memberOf(imported->origin(), "format") != format) {
        out.note = "workflow '" + imported->id().str() + "' was imported from " + file
                   + "; this is Stratus's own form of it, without what only " + file
                   + " held (its other resources, Outputs, comments); export as its own format to keep them";
        return out;
    }
    std::vector<std::string> refusals;
    for (const Problem &p : validateWorkspace(workspace))
        if (p.severity == Problem::Severity::Error && p.workflow == imported->id())
            refusals.push_back(p.toString());
    if (!refusals.empty())
        return Status::invalidArgument("the workspace has validation errors:\n" + joined(refusals, "\n"));
    out.workflow = imported;
    return out;
}

Result<Bundle> exportFromOrigin(const Workspace &workspace, const Workflow &workflow, const ExportOptions &options)
{
    const Json &origin = workflow.origin();
    const std::string file = memberOf(origin, "file").is_string() ? origin["file"].get<std::string>() : "template.yaml";
    const std::string text = memberOf(origin, "text").is_string() ? origin["text"].get<std::string>() : "";
    // The template is parsed only when something changed: an unchanged
    // workflow is its text as it was.
    Json document = Json::object();
    Result<YamlOutline> outline = Status::ok();
    bool parsed = false;
    auto parse = [&]() -> Status {
        if (parsed)
            return Status::ok();
        auto read = readCloudFormationYaml(text, file, &outline);
        if (!read)
            return read.status().withContext("the template workflow '" + workflow.id().str() + "' was imported from");
        document = read.take();
        if (!document["Resources"].is_object())
            document["Resources"] = Json::object();
        parsed = true;
        return Status::ok();
    };
    std::set<std::string> importedNodes;
    for (const auto &[id, entry] : memberOf(origin, "resources").items())
        if (memberOf(entry, "node").is_string())
            importedNodes.insert(entry["node"].get<std::string>());
    for (const Node &node : workflow.nodes()) {
        if (isResourceKind(node.kind) && !importedNodes.contains(node.id.str())) {
            if (Status s = parse(); !s) // new ids must differ from every resource's
                return s;
            break;
        }
    }
    std::vector<std::string> refusals;
    // State machines read onto the canvas are written back as written while
    // what they stand for is unchanged.
    std::set<std::string> machineEdges;
    std::set<std::string> machineNodes;
    // By logical id: the machine's origin entry, and (edited) its path's edges now.
    std::map<std::string, std::pair<const Json *, std::set<std::string>>> editedMachines;
    std::map<std::string, const Json *> rescheduledMachines; // only their own schedules changed
    const EdgesByNode edgesByNode(workflow);
    for (const auto &[id, machine] : memberOf(origin, "machines").items()) {
        const Json signature = machineSignature(workflow, machine, edgesByNode);
        const Json &recorded = memberOf(machine, "signature");
        const bool unchanged = signature == recorded;
        if (unchanged || onlyOwnEventsDiffer(signature, recorded, machine)) {
            if (!unchanged)
                rescheduledMachines[id] = &machine;
            for (const Json &edge : memberOf(machine, "edges"))
                machineEdges.insert(edge.is_string() ? edge.get<std::string>() : "");
            for (const Json &node : memberOf(machine, "nodes"))
                machineNodes.insert(node.is_string() ? node.get<std::string>() : "");
        } else {
            // Edited: the machine is written anew for the path as it is now.
            std::set<std::string> edges;
            pathFrom(workflow, machineEntries(workflow, machine), memberOf(machine, "edges"), edges, machineNodes);
            machineEdges.insert(edges.begin(), edges.end());
            editedMachines[id] = {&machine, std::move(edges)};
        }
    }
    const ViewContext context(workflow, logicalIdsOf(workflow, document["Resources"]), machineEdges);
    const auto &ids = context.ids;

    for (const Edge &edge : workflow.edges()) {
        if (!allowedEdge(workflow, edge) && !machineEdges.contains(edge.id.str()))
            refusals.push_back("edge '" + edge.id.str() + "' (" + edge.from.node.str() + "." + edge.from.port
                               + " → " + edge.to.node.str() + "): workflow '" + workflow.id().str()
                               + "' was imported from " + file
                               + ", which is written back with only triggers, event sources and dead-letter "
                                 "queues; a path from node to node is not (export with --fresh for Stratus's own "
                                 "template)");
    }
    for (const Node &node : workflow.nodes())
        if ((node.kind == kinds::kChoice || node.kind == kinds::kLog) && !machineNodes.contains(node.id.str()))
            refusals.push_back("node '" + node.id.str() + "': a " + node.kind + " node is not written back into "
                               + file + " (export with --fresh for Stratus's own template)");

    std::vector<std::string> notes;
    if (options.zip)
        notes.push_back("--zip is not used for a workflow written back into its template: the code stays where "
                        "its CodeUri says");

    // The views, old and new, by logical id.
    const Json &entries = memberOf(origin, "resources");
    std::unordered_map<std::string, const Json *> entryOf;
    for (const auto &[id, entry] : entries.items())
        entryOf[id] = &entry;
    auto entryFor = [&](const std::string &nodeId) -> const Json & {
        static const Json none;
        const auto id = ids.find(nodeId);
        const auto entry = id == ids.end() ? entryOf.end() : entryOf.find(id->second);
        return entry == entryOf.end() ? none : *entry->second;
    };
    std::map<std::string, std::pair<Json, Json>> views; // id → (old, new)
    std::set<std::string> imported;
    for (const auto &[id, entry] : entries.items()) {
        const Node *node = memberOf(entry, "node").is_string() ? workflow.findNode(NodeId(entry["node"].get<std::string>()))
                                                             : nullptr;
        imported.insert(id);
        const Json raw = node ? rawViewOf(context, *node, entry) : Json::object();
        views[id] = {memberOf(entry, "view"), node ? writtenView(raw, entry) : Json::object()};
        // A value the template gives through Globals cannot be taken from one function.
        for (const auto &[where, substitution] : memberOf(entry, "as").items())
            if (node && substitution["written"].is_null() && !raw.contains(where)
                && where.starts_with("/Properties/Environment/Variables/"))
                notes.push_back((memberOf(origin, "format") == "serverless"
                                     ? "functions." + id + ": " + Pointer(where).back()
                                           + " comes from provider.environment, so the function still has it on AWS; "
                                             "remove it there"
                                     : "Resources." + id + ": " + Pointer(where).back()
                                           + " comes from Globals.Function.Environment, so the function still has it "
                                             "on AWS; remove it there"));
    }
    for (const Node &node : workflow.nodes()) {
        const auto id = ids.find(node.id.str());
        if (id != ids.end() && !imported.contains(id->second))
            views[id->second] = {Json::object(), rawViewOf(context, node, Json())};
    }

    for (const auto &[id, pair] : views) {
        if (pair.first != pair.second) {
            if (Status s = parse(); !s)
                return s;
            break;
        }
    }
    if (!editedMachines.empty() || !rescheduledMachines.empty())
        if (Status s = parse(); !s)
            return s;
    const bool serverless = memberOf(origin, "format") == "serverless";
    Json &resources = document["Resources"];
    std::map<std::string, Json> changed; // id → the resource as it is now (null: removed)
    std::vector<std::string> added;
    std::vector<ViewChange> edits; // a serverless.yml's, in SAM's form
    for (const auto &[id, pair] : views) {
        const auto &[before, after] = pair;
        if (before == after)
            continue;
        if (serverless) { // written into serverless.yml's own shape below
            const Json &type = memberOf(memberOf(entries, id.c_str()), "type");
            edits.push_back(ViewChange{id, type.is_string() ? type.get<std::string>() : "", before, after});
            changed[id] = after.empty() ? Json() : Json::object();
            if (!after.empty() && !imported.contains(id))
                added.push_back(id);
            continue;
        }
        Json resource = resources.contains(id) ? resources[id] : Json::object();
        if (Status s = applyViewChange(resource, before, after); !s) {
            refusals.push_back("Resources." + id + ": its properties in " + file + " " + s.message());
            continue;
        }
        if (!resources.contains(id))
            added.push_back(id);
        changed[id] = std::move(resource);
    }

    for (const auto &[id, entry] : rescheduledMachines) {
        // The path is the same: its definition stays as written, only its schedule events change.
        Json machine = memberOf(resources, id.c_str());
        if (Status s = writeOwnEvents(workflow, *entry, machine, "Resources." + id + " (a state machine)"); !s)
            refusals.push_back(s.message());
        else
            changed[id] = std::move(machine);
    }
    for (const auto &[id, edited] : editedMachines) {
        const auto &[entry, pathEdges] = edited;
        if (serverless) {
            refusals.push_back("Resources." + id + " (a state machine in " + file
                               + "): its path was edited; a machine in a serverless.yml is not written anew yet");
            continue;
        }
        auto machine = rewrittenMachine(workflow, ids, resources, id, *entry, pathEdges);
        if (!machine)
            refusals.push_back(machine.status().message() + " (export with --fresh for Stratus's own template)");
        else
            changed[id] = machine.take();
    }

    // A resource that goes must not be referred to by what stays.
    std::set<std::string> removed;
    for (const auto &[id, resource] : changed)
        if (resource.is_null())
            removed.insert(id);
    if (!removed.empty()) {
        for (const auto &[section, value] : document.items()) {
            if (section == "Resources") {
                for (const auto &[id, resource] : value.items()) {
                    if (removed.contains(id))
                        continue;
                    std::set<std::string> refs;
                    referencesIn(changed.contains(id) ? changed[id] : resource, refs);
                    for (const std::string &gone : removed)
                        if (refs.contains(gone))
                            refusals.push_back("Resources." + id + " refers to " + gone
                                               + ", whose node was deleted; edit " + file + " or the workflow");
                }
            } else {
                std::set<std::string> refs;
                referencesIn(value, refs);
                for (const std::string &gone : removed)
                    if (refs.contains(gone))
                        refusals.push_back(section + " refers to " + gone + ", whose node was deleted");
            }
        }
    }

    // The code, where the template says it is.
    Bundle bundle;
    std::map<std::string, std::string> codeOwner; // path → function id
    for (const Node &node : workflow.nodes()) {
        if (node.kind != kinds::kFunction)
            continue;
        const Json &code = memberOf(entryFor(node.id.str()), "code");
        const Json &files = memberOf(node.config, "files");
        if (memberOf(code, "inline") == true) {
            if (files.size() != 1)
                refusals.push_back("node '" + node.id.str() + "': its code was inline in " + file + ", and it now has "
                                   + std::to_string(files.size()) + " files (export with --fresh)");
            continue;
        }
        std::string uri = memberOf(code, "uri").is_string() ? code["uri"].get<std::string>() : codeFolder(node);
        while (uri.starts_with("./"))
            uri.erase(0, 2);
        std::map<std::string, std::string> contents;
        for (const auto &[path, value] : files.items())
            contents[path] = value.is_string() ? value.get<std::string>() : std::string();
        for (const auto &[path, value] : memberOf(code, "binary").items())
            contents.try_emplace(path, QByteArray::fromBase64(QByteArray::fromStdString(value.get<std::string>()))
                                           .toStdString());
        std::map<std::string, std::string> out;
        if (memberOf(code, "zip") == true) {
            auto zip = reproducibleZip(contents);
            if (!zip)
                return zip.status();
            out[uri] = zip.take();
        } else {
            const std::string prefix = uri.empty() || uri == "." ? "" : (uri.ends_with('/') ? uri : uri + "/");
            for (auto &[path, bytes] : contents)
                out[prefix + path] = std::move(bytes);
        }
        for (auto &[path, bytes] : out) {
            auto [it, fresh] = codeOwner.try_emplace(path, node.id.str());
            if (!fresh && bundle.files[path] != bytes) {
                refusals.push_back("nodes '" + it->second + "' and '" + node.id.str() + "' share " + path
                                   + " in " + file + ", and their copies now differ");
                continue;
            }
            if (path == file) {
                refusals.push_back("node '" + node.id.str() + "': its file " + path + " would replace the bundle's own");
                continue;
            }
            bundle.files[path] = std::move(bytes);
        }
    }
    for (const Node &node : workflow.nodes()) {
        if (node.kind != kinds::kFunction)
            continue;
        const Json &code = memberOf(entryFor(node.id.str()), "code");
        addTestEvents(bundle, workspace, workflow, node,
                      memberOf(code, "events").is_string() ? code["events"].get<std::string>()
                                                         : fileNameFrom(node.name.empty() ? node.id.str() : node.name));
    }
    for (const auto &[path, bytes] : memberOf(origin, "kept").items())
        bundle.files.try_emplace(path, bytes.get<std::string>());
    if (!refusals.empty())
        return Status::invalidArgument(joined(refusals, "\n"));

    // The template: the original text where nothing changed.
    std::string out;
    if (changed.empty()) {
        out = text;
    } else if (serverless) {
        auto written = writeBackServerless(text, file, edits, bundle.notes);
        if (!written)
            return Status::invalidArgument(written.status().message() + "\n(export with --fresh for Stratus's own "
                                           "serverless.yml, or as --format sam)");
        out = written.take();
    } else if (outline) {
        const auto &lines = outline->lines;
        for (const YamlBlock &block : outline->resources)
            if (changed.contains(block.key))
                for (const std::string &anchor : anchorsUsedOutside(lines, block.first, block.end))
                    refusals.push_back("Resources." + block.key + " defines the YAML anchor &" + anchor
                                       + ", which other places of " + file + " use (*" + anchor
                                       + "); written anew it would lose it: edit " + file
                                       + " by hand, or export with --fresh");
        if (!refusals.empty())
            return Status::invalidArgument(joined(refusals, "\n"));
        auto copy = [&](int first, int end) {
            for (int i = first; i < end; ++i)
                out += lines[size_t(i)] + "\n";
        };
        copy(0, outline->sections.empty() ? int(lines.size()) : outline->sections.front().first);
        for (const YamlBlock &section : outline->sections) {
            if (section.key != "Resources") {
                copy(section.first, section.end);
                continue;
            }
            const int indent = outline->resources.empty() ? 2 : outline->resources.front().indent;
            int next = outline->resources.empty() ? section.end : outline->resources.front().first;
            copy(section.first, next);
            for (const YamlBlock &block : outline->resources) {
                auto it = changed.find(block.key);
                if (it == changed.end())
                    copy(block.first, block.end);
                else if (!it->second.is_null()) {
                    copy(block.first, block.keyLine); // the comments above it
                    out += indentedYaml(block.key, it->second, indent);
                }
            }
            for (const std::string &id : added) {
                if (!out.empty() && !out.ends_with("\n\n") && !out.ends_with("\n\r\n"))
                    out += "\n";
                out += indentedYaml(id, changed[id], indent);
            }
        }
        out = withLineEndsOf(lines, std::move(out)); // the file's own, in what was written anew too
    } else {
        for (auto &[id, resource] : changed) {
            if (resource.is_null())
                resources.erase(id);
            else
                resources[id] = resource;
        }
        const size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        if (first != std::string::npos && text[first] == '{') {
            out = document.dump(2) + "\n"; // a JSON template stays JSON
        } else {
            out = toCloudFormationYaml(document);
            bundle.notes.push_back(file + " is written anew, without its comments: its layout cannot be kept ("
                                   + outline.status().message() + ")");
        }
    }
    bundle.files[file] = out;
    bundle.notes.insert(bundle.notes.end(), notes.begin(), notes.end());

    for (const auto &[id, resource] : changed) {
        // Where the file holds it: a serverless.yml's functions are not under Resources.
        const bool function = memberOf(memberOf(entries, id.c_str()), "type") == "AWS::Serverless::Function";
        const std::string place = (!serverless ? "Resources." : function ? "functions." : "resources.Resources.") + id;
        if (resource.is_null())
            bundle.notes.push_back(place + " is removed (its node was deleted)");
        else if (std::find(added.begin(), added.end(), id) != added.end())
            bundle.notes.push_back(place + " is new");
        else
            bundle.notes.push_back(place + " is changed");
    }
    std::string readme = "# " + workflow.name() + "\n\n"
                         "This bundle was written by Stratus from a workflow imported from `" + file + "`.\n"
                         "The file is the one imported, with only what was edited in Stratus changed;\n"
                         "the functions' code is where it was.\n\n"
                         + (serverless ? std::string("## Deploy\n\n"
                                                     "    npx serverless deploy\n\n"
                                                     "## Run it with serverless-offline\n\n"
                                                     "    npx serverless offline\n\n")
                                       : "## Deploy\n\n"
                                         "    sam build --template-file " + file + " && sam deploy --guided\n\n"
                                         "## Run it with SAM CLI\n\n"
                                         "    sam build --template-file " + file + " && sam local start-api\n\n")
                         + "## What changed since the import\n\n";
    if (changed.empty())
        readme += "Nothing: `" + file + "` is the template as it was imported.\n";
    for (const std::string &note : bundle.notes)
        readme += "- " + note + "\n";
    if (bundle.files.contains("README.md")) {
        // The project's own README (kept at import) stays; what changed is said beside it.
        if (!changed.empty())
            bundle.files["STRATUS.md"] = readme;
    } else {
        bundle.files["README.md"] = readme;
    }
    return bundle;
}

} // namespace stratus::engine::exporting
