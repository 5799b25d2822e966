#include "validator.h"

#include "choicerule.h"
#include "graphchecks.h"
#include "handler.h"
#include "nodekind.h"
#include "resourceaccess.h"
#include "runtimes.h"
#include "schedule.h"
#include "settings.h"
#include "text.h"

#include <QByteArray>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace stratus::engine {

namespace {

/// Collects problems for one node, filling in where they are.
class NodeProblems
{
public:
    NodeProblems(Problems &out, const WorkflowId &workflow, const Node &node)
        : m_out(out)
        , m_workflow(workflow)
        , m_node(node)
    {}

    void add(std::string code, std::string field, std::string message,
             Problem::Severity severity = Problem::Severity::Error)
    {
        Problem p;
        p.severity = severity;
        p.code = std::move(code);
        p.workflow = m_workflow;
        p.node = m_node.id;
        p.nodeName = m_node.name;
        p.field = std::move(field);
        p.message = std::move(message);
        m_out.push_back(std::move(p));
    }

private:
    Problems &m_out;
    const WorkflowId &m_workflow;
    const Node &m_node;
};

std::string typeName(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "a list";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::binary: return "binary data";
    case Json::value_t::discarded: return "nothing";
    default: return v.is_number_integer() ? "a whole number" : "a number";
    }
}

/// Patterns are compiled once: validation runs on every edit in the studio.
bool matches(const std::string &s, const char *pattern)
{
    static std::map<const char *, std::regex> compiled;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    auto it = compiled.find(pattern);
    if (it == compiled.end())
        it = compiled.emplace(pattern, std::regex(pattern)).first;
    return std::regex_match(s, it->second);
}

void checkName(NodeProblems &problems, const Node &node, const NodeKindSpec &spec)
{
    const std::string &n = node.name;
    auto bad = [&](const std::string &rule) {
        problems.add("bad-name", "name", "'" + n + "' is not a valid " + spec.label + " name: "
                                             + rule);
    };
    switch (spec.nameRule) {
    case NameRule::Free:
        return;
    case NameRule::Function:
        if (!matches(n, "^[A-Za-z0-9_-]{1,64}$"))
            bad("1 to 64 letters, digits, hyphens or underscores");
        return;
    case NameRule::Queue:
        if (!matches(n, "^[A-Za-z0-9_-]{1,80}$") && !matches(n, "^[A-Za-z0-9_-]{1,75}\\.fifo$"))
            bad("1 to 80 letters, digits, hyphens or underscores");
        return;
    case NameRule::Bucket:
        if (!matches(n, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$") || n.find("..") != std::string::npos)
            bad("3 to 63 lower-case letters, digits, dots or hyphens, starting and ending "
                "with a letter or digit");
        return;
    case NameRule::Table:
        if (!matches(n, "^[A-Za-z0-9_.-]{3,255}$"))
            bad("3 to 255 letters, digits, underscores, dots or hyphens");
        return;
    }
}

void checkStringList(NodeProblems &problems, const std::string &field, const Json &v)
{
    if (!v.is_array()) {
        problems.add("wrong-type", field, "expected a list of strings, found " + typeName(v));
        return;
    }
    for (const Json &item : v) {
        if (!item.is_string()) {
            problems.add("wrong-type", field, "expected a list of strings, found an item that is "
                                                  + typeName(item));
            return;
        }
    }
}

void checkCors(NodeProblems &problems, const std::string &field, const Json &v)
{
    if (!v.is_object()) {
        problems.add("wrong-type", field, "expected an object, found " + typeName(v));
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string sub = field + "." + it.key();
        if (it.key() == "allowOrigins" || it.key() == "allowMethods"
            || it.key() == "allowHeaders" || it.key() == "exposeHeaders") {
            checkStringList(problems, sub, it.value());
        } else if (it.key() == "maxAgeS") {
            if (!it.value().is_number_integer())
                problems.add("wrong-type", sub,
                             "expected a whole number, found " + typeName(it.value()));
            else if (it.value().get<long long>() < 0 || it.value().get<long long>() > 86400)
                problems.add("out-of-range", sub,
                             it.value().dump() + " is outside the range 0-86400");
        } else if (it.key() == "allowCredentials") {
            if (!it.value().is_boolean())
                problems.add("wrong-type", sub, "expected true or false, found "
                                                    + typeName(it.value()));
        } else {
            problems.add("unknown-field", sub,
                         "'" + it.key() + "' is not a CORS setting (allowOrigins, allowMethods, "
                         "allowHeaders, exposeHeaders, allowCredentials, maxAgeS)");
        }
    }
    const auto strings = [&v](const char *key) {
        const Json *list = v.contains(key) && v[key].is_array() ? &v[key] : nullptr;
        std::vector<std::string> out;
        for (const Json &item : list ? *list : Json::array())
            if (item.is_string())
                out.push_back(item.get<std::string>());
        return out;
    };
    static const std::set<std::string> kCorsMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"};
    std::vector<std::string> unknownMethods;
    for (const std::string &method : strings("allowMethods")) {
        if (!kCorsMethods.contains(method))
            unknownMethods.push_back(quote(method));
    }
    if (!unknownMethods.empty())
        problems.add("bad-value", field + ".allowMethods",
                     joined(unknownMethods) + (unknownMethods.size() == 1 ? " is not a method" : " are not methods")
                         + " a route can have (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, or * for all, in capitals)");
    // Browsers refuse credentials with a wildcard origin (Fetch standard), and
    // so does AWS's HttpApi (CDK): the origins must be named.
    const auto origins = strings("allowOrigins");
    if (v.contains("allowCredentials") && v["allowCredentials"] == true && std::find(origins.begin(), origins.end(), "*") != origins.end())
        problems.add("bad-value", field + ".allowCredentials",
                     "credentials cannot be allowed for every origin ('*'): name the origins in allowOrigins");
}

void checkChoiceRules(NodeProblems &problems, const std::string &field, const Json &v)
{
    if (!v.is_array()) {
        problems.add("wrong-type", field, "expected a list of rules, found " + typeName(v));
        return;
    }
    std::set<std::string> ports;
    for (size_t i = 0; i < v.size(); ++i) {
        const Json &rule = v[i];
        const std::string where = field + "[" + std::to_string(i) + "]";
        if (!rule.is_object()) {
            problems.add("bad-choice-rule", where, "a rule must be {port, condition}");
            continue;
        }
        for (auto it = rule.begin(); it != rule.end(); ++it) {
            if (it.key() != "port" && it.key() != "condition")
                problems.add("unknown-field", where + "." + it.key(),
                             "'" + it.key() + "' is not part of a rule (port, condition)");
        }
        if (!rule.contains("port") || !rule["port"].is_string()
            || rule["port"].get<std::string>().empty()) {
            problems.add("bad-choice-rule", where + ".port", "a rule needs a port name");
        } else {
            const std::string port = rule["port"].get<std::string>();
            if (port == "default" || port == "in")
                problems.add("bad-choice-rule", where + ".port",
                             "'" + port + "' is reserved; name the rule's port otherwise");
            else if (!ports.insert(port).second)
                problems.add("bad-choice-rule", where + ".port",
                             "port '" + port + "' is used by an earlier rule");
        }
        if (!rule.contains("condition")) {
            problems.add("bad-choice-rule", where + ".condition", "a rule needs a condition");
            continue;
        }
        for (const std::string &message :
             checkChoiceCondition(rule["condition"], where + ".condition")) {
            const size_t colon = message.find(": ");
            problems.add("bad-choice-rule", message.substr(0, colon), message.substr(colon + 2));
        }
    }
}

bool isBadFilePath(const std::string &path)
{
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos
        || path.find('\0') != std::string::npos)
        return true;
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? slash
                                                                                : slash - start);
        if (part.empty() || part == "." || part == "..")
            return true;
        if (slash == std::string::npos)
            return false;
        start = slash + 1;
    }
}

/// The field's own checks, after its type was found right.
void checkFieldRule(NodeProblems &problems, const Node &node, const FieldSpec &f, const Json &v)
{
    switch (f.check) {
    case FieldCheck::None:
        return;
    case FieldCheck::NonEmpty:
        if (v.get<std::string>().empty())
            problems.add("missing-value", f.name, "must not be empty");
        return;
    case FieldCheck::Description:
        if (v.get<std::string>().size() > 256)
            problems.add("out-of-range", f.name, "is longer than 256 characters");
        return;
    case FieldCheck::HttpPath:
        if (std::string why = checkHttpPath(v.get<std::string>()); !why.empty())
            problems.add("bad-path", f.name, why);
        return;
    case FieldCheck::ScheduleExpression:
        if (auto parsed = parseScheduleExpression(v.get<std::string>()); !parsed)
            problems.add("bad-schedule", f.name, parsed.status().message());
        return;
    case FieldCheck::TimeZone: {
        const std::string zone = v.get<std::string>();
        if (!QTimeZone::isTimeZoneIdAvailable(QByteArray::fromStdString(zone)))
            problems.add("bad-timezone", f.name, "'" + zone + "' is not an IANA time zone name");
        return;
    }
    case FieldCheck::Handler: {
        auto runtime = node.config.find("runtime");
        if (runtime == node.config.end() || !runtime->is_string())
            return; // reported on the runtime field
        const std::string rt = runtime->get<std::string>();
        if (!findLambdaRuntime(rt))
            return; // reported on the runtime field
        auto ref = parseHandler(rt, v.get<std::string>());
        if (!ref) {
            problems.add("bad-handler", f.name, ref.status().message() + " (runtime " + rt + ")");
            return;
        }
        auto files = node.config.find("files");
        if (files == node.config.end() || !files->is_object() || files->empty())
            return; // reported on the files field
        const bool found = std::any_of(ref->candidateFiles.begin(), ref->candidateFiles.end(),
                                       [&](const std::string &c) { return files->contains(c); });
        if (!found)
            problems.add("bad-handler", f.name,
                         "handler '" + v.get<std::string>() + "' needs one of the files "
                             + joined(ref->candidateFiles) + ", which the function does not have");
        return;
    }
    case FieldCheck::Environment: {
        size_t bytes = 0;
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string sub = f.name + "." + it.key();
            bytes += it.key().size() + (it.value().is_string() ? it->get<std::string>().size() : 0);
            if (const std::string problem = environmentNameProblem(it.key()); !problem.empty())
                problems.add("bad-environment", sub, problem);
        }
        if (const std::string problem = environmentSizeProblem(bytes); !problem.empty())
            problems.add("out-of-range", f.name, problem);
        return;
    }
    case FieldCheck::FilePaths:
        if (v.empty())
            problems.add("missing-value", f.name, "a function needs at least one file");
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (isBadFilePath(it.key()))
                problems.add("bad-file-path", f.name,
                             "'" + it.key() + "' is not a relative path inside the function "
                             "(no leading /, no .., no empty parts)");
        }
        return;
    }
}

void checkField(NodeProblems &problems, const Node &node, const FieldSpec &f, const Json &v)
{
    auto wrongType = [&](const std::string &expected) {
        problems.add("wrong-type", f.name, "expected " + expected + ", found " + typeName(v));
    };
    switch (f.type) {
    case FieldType::String:
        if (!v.is_string())
            return wrongType("a string");
        break;
    case FieldType::Enum:
        if (!v.is_string())
            return wrongType("a string");
        if (std::find(f.choices.begin(), f.choices.end(), v.get<std::string>()) == f.choices.end())
            return problems.add("bad-value", f.name,
                                "'" + v.get<std::string>() + "' is not one of "
                                    + joined(f.choices));
        break;
    case FieldType::Integer: {
        if (!v.is_number_integer())
            return wrongType("a whole number");
        // Unsigned values above INT64_MAX are out of every range we have.
        const bool huge = v.is_number_unsigned() && v.get<unsigned long long>() > 9223372036854775807ULL;
        const long long n = huge ? 0 : v.get<long long>();
        if (f.minimum && !huge && n < *f.minimum)
            return problems.add("out-of-range", f.name,
                                v.dump() + " is below the minimum " + std::to_string(*f.minimum));
        if (f.maximum && (huge || n > *f.maximum))
            return problems.add("out-of-range", f.name,
                                v.dump() + " is above the maximum " + std::to_string(*f.maximum));
        break;
    }
    case FieldType::Boolean:
        if (!v.is_boolean())
            return wrongType("true or false");
        break;
    case FieldType::StringMap:
    case FieldType::Files:
        if (!v.is_object())
            return wrongType(f.type == FieldType::Files ? "an object of path -> text"
                                                        : "an object of name -> string");
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!it.value().is_string())
                return problems.add("wrong-type", f.name + "." + it.key(),
                                    "expected a string, found " + typeName(it.value()));
        }
        break;
    case FieldType::StringSet: {
        if (!v.is_array())
            return wrongType("a list of strings");
        std::set<std::string> seen;
        for (const Json &item : v) {
            if (!item.is_string()
                || std::find(f.choices.begin(), f.choices.end(), item.get<std::string>())
                       == f.choices.end())
                return problems.add("bad-value", f.name,
                                    item.dump() + " is not one of " + joined(f.choices));
            if (!seen.insert(item.get<std::string>()).second)
                return problems.add("bad-value", f.name, item.dump() + " is listed twice");
        }
        break;
    }
    case FieldType::ResourceNames: {
        if (!v.is_array())
            return wrongType("a list of resource names");
        std::set<std::string> seen;
        for (const Json &item : v) {
            if (!item.is_string() || item.get_ref<const std::string &>().empty())
                return problems.add("bad-value", f.name, item.dump() + " is not the name of a queue, bucket or table");
            if (!seen.insert(item.get<std::string>()).second)
                return problems.add("bad-value", f.name, item.dump() + " is listed twice");
        }
        break;
    }
    case FieldType::Json:
        break;
    case FieldType::JsonObject:
        if (!v.is_object())
            return wrongType("an object");
        break;
    case FieldType::Cors:
        return checkCors(problems, f.name, v);
    case FieldType::ChoiceRules:
        return checkChoiceRules(problems, f.name, v);
    }
    checkFieldRule(problems, node, f, v);
}

} // namespace

std::string checkHttpPath(const std::string &path)
{
    if (path.empty() || path.front() != '/')
        return "'" + path + "' must start with /";
    if (path == "/")
        return {};
    std::set<std::string> params;
    size_t start = 1;
    while (true) {
        const size_t slash = path.find('/', start);
        const bool last = slash == std::string::npos;
        const std::string seg = path.substr(start, last ? std::string::npos : slash - start);
        if (seg.empty())
            return "'" + path + "' has an empty segment (// or a trailing /)";
        if (seg.front() == '{' || seg.back() == '}') {
            std::smatch m;
            static const std::regex param(R"(^\{([A-Za-z0-9_]+)(\+?)\}$)");
            if (!std::regex_match(seg, m, param))
                return "'" + seg + "' is not a {name} or {name+} parameter";
            if (m[2].length() > 0 && !last)
                return "the greedy parameter '" + seg + "' must be the last segment";
            if (!params.insert(m[1].str()).second)
                return "parameter {" + m[1].str() + "} appears twice";
        } else if (seg.find_first_of("{}?# \t") != std::string::npos) {
            return "segment '" + seg + "' holds a character not allowed in a route";
        }
        if (last)
            return {};
        start = slash + 1;
    }
}

std::string normalizedRoutePath(const std::string &path)
{
    static const std::regex greedy(R"(\{[A-Za-z0-9_]+\+\})");
    static const std::regex param(R"(\{[A-Za-z0-9_]+\})");
    return std::regex_replace(std::regex_replace(path, greedy, "{+}"), param, "{}");
}

Problems validateNode(const WorkflowId &workflow, const Node &node)
{
    Problems out;
    NodeProblems problems(out, workflow, node);
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(node.kind);
    if (!spec) {
        std::vector<std::string> known;
        for (const NodeKindSpec &k : NodeKindRegistry::instance().kinds())
            known.push_back(k.kind);
        problems.add("unknown-kind", "kind",
                     "'" + node.kind + "' is not a node kind (" + joined(known) + ")");
        return out;
    }
    checkName(problems, node, *spec);
    if (!node.config.is_object()) {
        problems.add("wrong-type", "config", "expected an object, found " + typeName(node.config));
        return out;
    }
    for (auto it = node.config.begin(); it != node.config.end(); ++it) {
        if (!spec->field(it.key())) {
            std::vector<std::string> names;
            for (const FieldSpec &f : spec->fields)
                names.push_back(f.name);
            problems.add("unknown-field", it.key(),
                         "'" + it.key() + "' is not a field of " + node.kind + " ("
                             + joined(names) + ")");
        }
    }
    for (const FieldSpec &f : spec->fields) {
        auto it = node.config.find(f.name);
        if (it == node.config.end()) {
            if (f.required)
                problems.add("missing-field", f.name, "is required");
            continue;
        }
        checkField(problems, node, f, *it);
    }
    return out;
}

Problems validateWorkflow(const Workflow &workflow)
{
    Problems out;
    if (!workflow.id().isValid()) {
        Problem p;
        p.code = "missing-id";
        p.message = "a workflow has no id";
        out.push_back(p);
    }
    for (const Node &node : workflow.nodes()) {
        Problems nodeProblems = validateNode(workflow.id(), node);
        out.insert(out.end(), nodeProblems.begin(), nodeProblems.end());
    }
    checkEdges(out, workflow);
    checkCycles(out, workflow);
    return out;
}

Problems validateWorkspace(const Workspace &workspace)
{
    Problems out;
    for (const Workflow &workflow : workspace.workflows) {
        Problems p = validateWorkflow(workflow);
        out.insert(out.end(), p.begin(), p.end());
    }

    // Names that are AWS resources are unique per kind in the whole workspace,
    // and the gateway has one route table for all workflows.
    std::map<std::pair<std::string, std::string>, std::pair<const Workflow *, const Node *>> names;
    std::map<std::pair<std::string, std::string>, std::pair<const Workflow *, const Node *>> routes;
    const auto &registry = NodeKindRegistry::instance();
    for (const Workflow &workflow : workspace.workflows) {
        for (const Node &node : workflow.nodes()) {
            const NodeKindSpec *spec = registry.find(node.kind);
            if (!spec)
                continue;
            if ((spec->isResource || spec->nameRule == NameRule::Function) && !node.name.empty()) {
                auto [it, fresh] = names.try_emplace({node.kind, node.name}, &workflow, &node);
                if (!fresh) {
                    Problems here;
                    NodeProblems(here, workflow.id(), node)
                        .add("duplicate-name", "name",
                             "the " + spec->label + " name '" + node.name + "' is already used by node '"
                                 + it->second.second->id.str() + "' in workflow '"
                                 + it->second.first->id().str() + "'");
                    out.insert(out.end(), here.begin(), here.end());
                }
            }
            if (node.kind == kinds::kHttpTrigger && node.config.is_object()) {
                const Json config = registry.effectiveConfig(node);
                if (!config["method"].is_string() || !config.contains("path")
                    || !config["path"].is_string())
                    continue;
                const std::string method = config["method"].get<std::string>();
                const std::string path = normalizedRoutePath(config["path"].get<std::string>());
                auto [it, fresh] = routes.try_emplace({method, path}, &workflow, &node);
                if (!fresh) {
                    Problems here;
                    NodeProblems(here, workflow.id(), node)
                        .add("duplicate-route", "path",
                             "route " + method + " " + config["path"].get<std::string>()
                                 + " is already served by node '" + it->second.second->id.str()
                                 + "' in workflow '" + it->second.first->id().str() + "'");
                    out.insert(out.end(), here.begin(), here.end());
                }
            }
        }
    }

    // What a function `uses` must be a queue, bucket or table of the workspace.
    for (const Workflow &workflow : workspace.workflows) {
        for (const Node &node : workflow.nodes()) {
            if (node.kind != kinds::kFunction || !node.config.is_object() || !node.config.contains("uses")
                || !node.config["uses"].is_array())
                continue;
            std::map<std::string, const Node *> variables; // two resources may not share a variable
            for (const Json &name : node.config["uses"]) {
                if (!name.is_string())
                    continue;
                const auto resources = resourcesNamed(workspace, name.get<std::string>());
                Problems here;
                if (resources.empty())
                    NodeProblems(here, workflow.id(), node)
                        .add("unknown-resource", "uses",
                             quote(name.get<std::string>()) + " is not the name of a queue, bucket or table of the workspace");
                for (const Node *resource : resources) {
                    auto [it, fresh] = variables.try_emplace(resourceVariable(*resource), resource);
                    if (!fresh && it->second->name != resource->name)
                        NodeProblems(here, workflow.id(), node)
                            .add("bad-value", "uses",
                                 quote(it->second->name) + " and " + quote(resource->name) + " would both be named by "
                                     + it->first + ": rename one of them");
                }
                out.insert(out.end(), here.begin(), here.end());
            }
        }
    }

    for (size_t i = 0; i < workspace.testEvents.size(); ++i) {
        const TestEvent &event = workspace.testEvents[i];
        bool found = false;
        for (const Workflow &workflow : workspace.workflows) {
            if (event.workflow.isValid() && workflow.id() != event.workflow)
                continue;
            found = found || workflow.findNode(event.node) != nullptr;
        }
        if (!found) {
            Problem p;
            p.code = "dangling-test-event";
            p.workflow = event.workflow;
            p.field = "testEvents[" + std::to_string(i) + "]";
            p.message = "test event '" + event.name + "' is for node '" + event.node.str()
                        + "', which does not exist";
            out.push_back(std::move(p));
        }
    }

    for (Problem &p : retentionProblems(workspace.settings))
        out.push_back(std::move(p));
    for (Problem &p : gatewayProblems(workspace.settings))
        out.push_back(std::move(p));
    // settings.pricing is checked with the presets it names (engine/meter, pricingProblems).
    if (auto it = workspace.settings.find("region"); it != workspace.settings.end() && !it->is_string()) {
        Problem p;
        p.code = "wrong-type";
        p.field = "settings.region";
        p.message = "expected a string, found " + typeName(*it);
        out.push_back(std::move(p));
    }
    for (Problem &p : cpuShareProblems(workspace.settings))
        out.push_back(std::move(p));
    return out;
}

} // namespace stratus::engine
