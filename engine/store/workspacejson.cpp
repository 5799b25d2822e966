#include "workspacejson.h"

#include "files.h"

#include "engine/model/text.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace stratus::engine::workspace_json {

namespace {

/// The reader takes values out of the parsed document instead of copying
/// them (configs hold whole source files). The document is the reader's own.
Json &takeable(const Json &value)
{
    return const_cast<Json &>(value);
}

/// Thrown inside the reader only, caught in read(); carries the place and reason.
struct ReadError
{
    std::string message;
};

std::string typeName(const Json &v)
{
    if (v.is_null())
        return "null";
    if (v.is_object())
        return "an object";
    if (v.is_array())
        return "a list";
    if (v.is_string())
        return "a string";
    if (v.is_boolean())
        return "a boolean";
    return "a number";
}

[[noreturn]] void wrongType(const std::string &where, const std::string &expected, const Json &v)
{
    throw ReadError{where + ": expected " + expected + ", found " + typeName(v)};
}

const Json *member(const Json &object, const char *key)
{
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string requiredString(const Json &object, const char *key, const std::string &where)
{
    const Json *v = member(object, key);
    if (!v)
        throw ReadError{where + ": '" + key + "' is missing"};
    if (!v->is_string())
        wrongType(where + "." + key, "a string", *v);
    return v->get<std::string>();
}

std::string optionalString(const Json &object, const char *key, const std::string &where)
{
    const Json *v = member(object, key);
    if (!v)
        return {};
    if (!v->is_string())
        wrongType(where + "." + key, "a string", *v);
    return v->get<std::string>();
}

const Json &requiredObject(const Json &v, const std::string &where)
{
    if (!v.is_object())
        wrongType(where, "an object", v);
    return v;
}

const Json &optionalArray(const Json &object, const char *key, const std::string &where)
{
    static const Json empty = Json::array();
    const Json *v = member(object, key);
    if (!v)
        return empty;
    if (!v->is_array())
        wrongType(where + "." + key, "a list", *v);
    return *v;
}

void warnUnknownKeys(const Json &object, std::initializer_list<const char *> known,
                     const std::string &where, Problems &problems)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || it.key() == k;
        if (!ok) {
            Problem p;
            p.severity = Problem::Severity::Warning;
            p.code = "ignored-field";
            p.field = where + "." + it.key();
            p.message = "'" + it.key() + "' is not part of the format and was ignored";
            problems.push_back(std::move(p));
        }
    }
}

PortRef readPortRef(const Json &v, const std::string &where)
{
    requiredObject(v, where);
    return PortRef{NodeId(requiredString(v, "node", where)), requiredString(v, "port", where)};
}

void readWorkflow(const Json &v, const std::string &where, Workspace &ws, Problems &problems)
{
    requiredObject(v, where);
    warnUnknownKeys(v, {"id", "name", "nodes", "edges", "origin"}, where, problems);
    Workflow workflow(WorkflowId(requiredString(v, "id", where)), optionalString(v, "name", where));
    if (!workflow.id().isValid())
        throw ReadError{where + ".id: must not be empty"};
    if (auto origin = v.find("origin"); origin != v.end() && !origin->is_null()) {
        if (!origin->is_object())
            throw ReadError{where + ".origin: must be an object (the template it was imported from)"};
        workflow.setOrigin(*origin);
    }

    const Json &nodes = optionalArray(v, "nodes", where);
    for (size_t i = 0; i < nodes.size(); ++i) {
        const std::string at = where + ".nodes[" + std::to_string(i) + "]";
        const Json &n = requiredObject(nodes[i], at);
        warnUnknownKeys(n, {"id", "kind", "name", "position", "config"}, at, problems);
        Node node;
        node.id = NodeId(requiredString(n, "id", at));
        if (!node.id.isValid())
            throw ReadError{at + ".id: must not be empty"};
        node.kind = requiredString(n, "kind", at);
        node.name = optionalString(n, "name", at);
        if (const Json *config = member(n, "config"))
            node.config = std::move(takeable(requiredObject(*config, at + ".config")));
        std::optional<Position> position;
        if (const Json *p = member(n, "position")) {
            if (!p->is_array() || p->size() != 2 || !(*p)[0].is_number() || !(*p)[1].is_number())
                wrongType(at + ".position", "[x, y] with two numbers", *p);
            position = Position{(*p)[0].get<double>(), (*p)[1].get<double>()};
        }
        const NodeId id = node.id;
        const std::string name = node.name;
        if (!workflow.addNode(std::move(node), position)) {
            Problem problem;
            problem.code = "duplicate-id";
            problem.workflow = workflow.id();
            problem.node = id;
            problem.nodeName = name;
            problem.field = "id";
            problem.message = "the id '" + id.str() + "' is used by an earlier node";
            problems.push_back(std::move(problem));
        }
    }

    const Json &edges = optionalArray(v, "edges", where);
    for (size_t i = 0; i < edges.size(); ++i) {
        const std::string at = where + ".edges[" + std::to_string(i) + "]";
        const Json &e = requiredObject(edges[i], at);
        warnUnknownKeys(e, {"id", "from", "to"}, at, problems);
        Edge edge;
        edge.id = EdgeId(requiredString(e, "id", at));
        if (!edge.id.isValid())
            throw ReadError{at + ".id: must not be empty"};
        const Json *from = member(e, "from");
        const Json *to = member(e, "to");
        if (!from)
            throw ReadError{at + ": 'from' is missing"};
        if (!to)
            throw ReadError{at + ": 'to' is missing"};
        edge.from = readPortRef(*from, at + ".from");
        edge.to = readPortRef(*to, at + ".to");
        const EdgeId id = edge.id;
        if (!workflow.addEdge(std::move(edge))) {
            Problem problem;
            problem.code = "duplicate-id";
            problem.workflow = workflow.id();
            problem.edge = id;
            problem.message = "the id '" + id.str() + "' is used by an earlier edge";
            problems.push_back(std::move(problem));
        }
    }

    if (ws.findWorkflow(workflow.id())) {
        Problem problem;
        problem.code = "duplicate-id";
        problem.workflow = workflow.id();
        problem.field = "id";
        problem.message = "the id '" + workflow.id().str() + "' is used by an earlier workflow";
        problems.push_back(std::move(problem));
        return;
    }
    ws.workflows.push_back(std::move(workflow));
}

/// Whole coordinates are written as integers ([40, 80], not [40.0, 80.0]):
/// layouts are mostly on a grid, and this keeps the documents as people write them.
Json coordinate(double v)
{
    if (v == static_cast<double>(static_cast<long long>(v)) && v > -1e15 && v < 1e15)
        return static_cast<long long>(v);
    return v;
}

} // namespace

Result<ReadResult> read(std::string_view text)
{
    if (text.size() > kMaxDocumentBytes)
        return Status::invalidArgument("the document is larger than "
                                       + std::to_string(kMaxDocumentBytes / (1024 * 1024))
                                       + " MB");
    auto parsed = parseJson(text);
    if (!parsed)
        return Status::invalidArgument("not valid JSON: " + parsed.status().message());
    Json doc = parsed.take();

    // nlohmann parses and frees without recursion, but writing a value out
    // recurses: refuse absurd depth before anything else sees the value.
    if (nestsTooDeep(doc, kMaxNesting))
        return Status::invalidArgument("the JSON is nested more than "
                                       + std::to_string(kMaxNesting) + " levels deep");

    ReadResult result;
    try {
        if (!doc.is_object())
            wrongType("the document", "an object", doc);
        const Json *format = member(doc, "format");
        if (!format)
            throw ReadError{"'format' is missing: this is not a Stratus workspace document"};
        if (!format->is_string() || format->get<std::string>() != kFormatName)
            throw ReadError{"format: expected \"" + std::string(kFormatName) + "\", found "
                            + format->dump()};
        const Json *version = member(doc, "version");
        if (!version)
            throw ReadError{"'version' is missing"};
        if (!version->is_number_integer())
            wrongType("version", "a whole number", *version);
        if (version->get<long long>() > kFormatVersion)
            return Status::notSupported("format version " + version->dump()
                                        + " is newer than this Stratus reads (up to "
                                        + std::to_string(kFormatVersion) + ")");
        if (version->get<long long>() < 1)
            throw ReadError{"version: " + version->dump() + " is not a format version"};
        warnUnknownKeys(doc, {"format", "version", "name", "settings", "workflows", "testEvents"},
                        "document", result.problems);

        Workspace &ws = result.workspace;
        ws.name = optionalString(doc, "name", "document");
        if (const Json *settings = member(doc, "settings"))
            ws.settings = std::move(takeable(requiredObject(*settings, "settings")));
        const Json &workflows = optionalArray(doc, "workflows", "document");
        for (size_t i = 0; i < workflows.size(); ++i)
            readWorkflow(workflows[i], "workflows[" + std::to_string(i) + "]", ws,
                         result.problems);

        const Json &events = optionalArray(doc, "testEvents", "document");
        for (size_t i = 0; i < events.size(); ++i) {
            const std::string at = "testEvents[" + std::to_string(i) + "]";
            const Json &e = requiredObject(events[i], at);
            warnUnknownKeys(e, {"workflow", "node", "name", "event"}, at, result.problems);
            TestEvent event;
            event.workflow = WorkflowId(optionalString(e, "workflow", at));
            event.node = NodeId(requiredString(e, "node", at));
            event.name = requiredString(e, "name", at);
            const Json *body = member(e, "event");
            event.event = body ? std::move(takeable(*body)) : Json::object();
            // Without a workflow, the node's id decides (format version 1 has none).
            if (!event.workflow.isValid()) {
                for (const Workflow &w : ws.workflows) {
                    if (w.findNode(event.node)) {
                        event.workflow = w.id();
                        break;
                    }
                }
            }
            ws.testEvents.push_back(std::move(event));
        }
    } catch (const ReadError &e) {
        return Status::invalidArgument(e.message);
    } catch (const Json::exception &e) {
        return Status::invalidArgument(std::string("unexpected value: ") + e.what());
    }
    return result;
}

Result<ReadResult> readFile(const std::string &path)
{
    auto text = readInputFile(path, "a JSON document", kMaxDocumentBytes);
    if (!text)
        return text.status();
    auto result = read(*text);
    if (!result)
        return result.status().withContext(path == "-" ? std::string("standard input") : quote(path));
    return result;
}

std::string write(const Workspace &workspace, int indent)
{
    Json doc = Json::object();
    doc["format"] = kFormatName;
    doc["version"] = kFormatVersion;
    doc["name"] = workspace.name;
    doc["settings"] = workspace.settings.is_object() ? workspace.settings : Json::object();
    Json workflows = Json::array();
    for (const Workflow &workflow : workspace.workflows) {
        Json w = Json::object();
        w["id"] = workflow.id().str();
        w["name"] = workflow.name();
        Json nodes = Json::array();
        for (const Node &node : workflow.nodes()) {
            Json n = Json::object();
            n["id"] = node.id.str();
            n["kind"] = node.kind;
            n["name"] = node.name;
            if (workflow.hasPosition(node.id)) {
                const Position p = workflow.position(node.id);
                n["position"] = Json::array({coordinate(p.x), coordinate(p.y)});
            }
            n["config"] = node.config;
            nodes.push_back(std::move(n));
        }
        w["nodes"] = std::move(nodes);
        Json edges = Json::array();
        for (const Edge &edge : workflow.edges()) {
            edges.push_back(Json{{"id", edge.id.str()},
                                 {"from", {{"node", edge.from.node.str()}, {"port", edge.from.port}}},
                                 {"to", {{"node", edge.to.node.str()}, {"port", edge.to.port}}}});
        }
        w["edges"] = std::move(edges);
        if (!workflow.origin().is_null())
            w["origin"] = workflow.origin();
        workflows.push_back(std::move(w));
    }
    doc["workflows"] = std::move(workflows);
    Json events = Json::array();
    for (const TestEvent &event : workspace.testEvents) {
        Json e = Json::object();
        if (event.workflow.isValid())
            e["workflow"] = event.workflow.str();
        e["node"] = event.node.str();
        e["name"] = event.name;
        e["event"] = event.event;
        events.push_back(std::move(e));
    }
    doc["testEvents"] = std::move(events);
    return doc.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool isUnstorable(const Problem &problem)
{
    return problem.code == "duplicate-id" || problem.code == "dangling-edge"
           || problem.code == "dangling-test-event";
}

} // namespace stratus::engine::workspace_json
