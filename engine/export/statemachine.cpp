#include "statemachine.h"

#include "engine/model/nodekind.h"
#include "engine/model/workflow.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace stratus::engine::exporting {

namespace {

std::vector<const Node *> targetsOf(const Workflow &w, const Node &n, const std::string &port)
{
    std::vector<const Node *> out;
    for (const Edge &e : w.edges()) {
        if (e.from.node == n.id && e.from.port == port) {
            if (const Node *to = w.findNode(e.to.node))
                out.push_back(to);
        }
    }
    return out;
}

bool onlyLogs(const std::vector<const Node *> &nodes)
{
    return std::all_of(nodes.begin(), nodes.end(), [](const Node *n) { return n->kind == kinds::kLog; });
}

bool batchEntry(EntryKind kind)
{
    return kind == EntryKind::Queue || kind == EntryKind::Table;
}

/// A choice variable of the runner ("$.a", "$[0]") read inside the state data's "value".
std::string valuePath(const std::string &path)
{
    return path.empty() || path.front() != '$' ? path : "$.value" + path.substr(1);
}

/// A workspace condition ({"variable", "stringEquals", …}, {"and": […]}) in
/// ASL's spelling, with every path read inside "value".
Json aslCondition(const Json &condition)
{
    Json out = Json::object();
    if (!condition.is_object())
        return out;
    for (const auto &[key, value] : condition.items()) {
        std::string name = key;
        name.front() = char(std::toupper(static_cast<unsigned char>(name.front())));
        if (key == "and" || key == "or") {
            Json all = Json::array();
            for (const Json &c : value)
                all.push_back(aslCondition(c));
            out[name] = all;
        } else if (key == "not") {
            out[name] = aslCondition(value);
        } else if (key == "variable" || (key.ends_with("Path") && value.is_string())) {
            out[name] = valuePath(value.get<std::string>());
        } else {
            out[name] = value;
        }
    }
    return out;
}

class AslBuilder
{
public:
    AslBuilder(const Workflow &w, const Node &entry, const std::string &port, EntryKind kind,
               const MachineVariables &variables)
        : m_workflow(w)
        , m_entry(entry)
        , m_port(port)
        , m_kind(kind)
        , m_variables(variables)
        , m_registry(NodeKindRegistry::instance())
    {
        for (const Node *n : targetsOf(w, entry, port))
            m_firstNodes.insert(n->id.str());
    }

    StateMachinePlan build()
    {
        m_scopes.push_back(Json::object());
        const std::string start = reserve("Start");
        m_scopes[0][start] = nullptr; // states are listed in the order the path meets them
        Json startState = Json{{"Type", "Pass"}, {"Comment", "The event, kept as the value the path passes on"}};
        startState["Parameters"] = batchEntry(m_kind) ? Json{{"value.$", "$"}, {"first", nullptr}} : Json{{"value.$", "$"}};
        const std::string next = follow(0, m_entry, m_port, false, false);
        startState["Next"] = next;
        m_scopes[0][start] = startState;
        m_plan.definition = Json{{"Comment", "What " + m_entry.name + " sets going, exported by Stratus"},
                                 {"StartAt", start},
                                 {"States", m_scopes[0]}};
        return std::move(m_plan);
    }

private:
    /// A state name of its own: at most 80 characters, and only letters,
    /// digits, spaces, '-', '_' and '.', which every ASL consumer accepts.
    std::string reserve(const std::string &wanted)
    {
        std::string base;
        for (const unsigned char c : wanted)
            base += std::isalnum(c) || c == ' ' || c == '-' || c == '_' || c == '.' ? std::string(1, char(c)) : "";
        while (!base.empty() && base.back() == ' ')
            base.pop_back();
        if (base.empty())
            base = "State";
        base = base.substr(0, 72);
        std::string name = base;
        for (int n = 2; m_names.contains(name); ++n)
            name = base + " " + std::to_string(n);
        m_names.insert(name);
        return name;
    }

    bool retried(const Node &function) const
    {
        switch (m_kind) {
        case EntryKind::Schedule:
        case EntryKind::Bucket: return true; // Lambda's asynchronous retries
        case EntryKind::Queue:
        case EntryKind::Table: return false; // the source redelivers the batch
        case EntryKind::Http:
        case EntryKind::Manual: return !m_firstNodes.contains(function.id.str());
        }
        return false;
    }

    std::string terminal(size_t scope, bool hasValue, bool caught)
    {
        const auto key = std::make_tuple(scope, hasValue, caught);
        if (auto it = m_terminals.find(key); it != m_terminals.end())
            return it->second;
        const std::string name =
            reserve(!hasValue ? "No answer" : caught ? "Answer with the caught error" : "Answer");
        Json parameters = hasValue ? Json{{"answer.$", "$.value"}, {"caught", caught}} : Json{{"none", true}};
        if (scope == 0 && batchEntry(m_kind))
            parameters["first.$"] = "$.first";
        m_scopes[scope][name] = Json{{"Type", "Pass"}, {"Parameters", parameters}, {"End", true}};
        return m_terminals[key] = name;
    }

    std::string follow(size_t scope, const Node &from, const std::string &port, bool caught, bool hasValue)
    {
        const auto key = std::make_tuple(scope, from.id.str() + "\x1f" + port, caught, hasValue);
        if (auto it = m_follows.find(key); it != m_follows.end())
            return it->second;
        const std::vector<const Node *> targets = targetsOf(m_workflow, from, port);
        std::string name;
        if (targets.empty()) {
            name = terminal(scope, hasValue, caught);
        } else if (targets.size() == 1) {
            name = enter(scope, *targets.front(), caught, hasValue);
        } else {
            // A fan-out: branches in parallel, an array in edge order; the
            // branches never meet again, so what follows is the answer.
            name = reserve("Fan-out after " + from.name);
            m_scopes[scope][name] = nullptr;
            Json branches = Json::array();
            for (const Node *target : targets) {
                const size_t branch = m_scopes.size();
                m_scopes.push_back(Json::object());
                const std::string start = enter(branch, *target, caught, false);
                branches.push_back(Json{{"StartAt", start}, {"States", m_scopes[branch]}});
            }
            const std::string joined = reserve("Answer of the fan-out after " + from.name);
            Json parameters = Json{{"fanOut.$", "$.branches"}};
            if (hasValue) {
                parameters["own.$"] = "$.value";
                parameters["ownCaught"] = caught;
            }
            if (scope == 0 && batchEntry(m_kind))
                parameters["first.$"] = "$.first";
            m_scopes[scope][joined] = Json{{"Type", "Pass"}, {"Parameters", parameters}, {"End", true}};
            m_scopes[scope][name] = Json{{"Type", "Parallel"}, {"Branches", branches}, {"ResultPath", "$.branches"},
                                         {"Next", joined}};
        }
        return m_follows[key] = name;
    }

    std::string enter(size_t scope, const Node &node, bool caught, bool hasValue)
    {
        const auto key = std::make_tuple(scope, node.id.str(), caught, hasValue);
        if (auto it = m_entered.find(key); it != m_entered.end())
            return it->second;
        const std::string name = reserve(node.name.empty() ? node.id.str() : node.name);
        m_entered[key] = name;
        m_scopes[scope][name] = nullptr;
        Json state;
        const Json config = m_registry.effectiveConfig(node);
        if (node.kind == kinds::kFunction) {
            if (std::find(m_plan.functions.begin(), m_plan.functions.end(), &node) == m_plan.functions.end())
                m_plan.functions.push_back(&node);
            state = Json{{"Type", "Task"},
                         {"Resource", "${" + m_variables.functionArn(node) + "}"},
                         {"InputPath", "$.value"},
                         {"ResultPath", "$.value"}};
            if (const int retries = config.value("retries", 2); retried(node) && retries > 0)
                state["Retry"] = Json::array({Json{{"ErrorEquals", Json::array({"States.ALL"})},
                                                   {"IntervalSeconds", 1},
                                                   {"BackoffRate", 2.0},
                                                   {"MaxAttempts", retries}}});
            if (!targetsOf(m_workflow, node, "error").empty())
                state["Catch"] = Json::array({Json{{"ErrorEquals", Json::array({"States.ALL"})},
                                                   {"ResultPath", "$.value"},
                                                   {"Next", follow(scope, node, "error", true, true)}}});
            std::string next = follow(scope, node, "ok", false, true);
            if (scope == 0 && batchEntry(m_kind) && m_firstNodes.contains(node.id.str())) {
                // Lambda reads a partial batch response from the first function's result.
                const std::string keep = reserve("Keep the result of " + node.name + " for the batch");
                m_scopes[scope][keep] =
                    Json{{"Type", "Pass"}, {"InputPath", "$.value"}, {"ResultPath", "$.first"}, {"Next", next}};
                next = keep;
            }
            state["Next"] = next;
        } else if (node.kind == kinds::kChoice) {
            state = Json{{"Type", "Choice"}, {"Choices", Json::array()}};
            for (const Json &rule : config.value("rules", Json::array())) {
                const std::string port = rule.value("port", std::string());
                Json choice = aslCondition(rule.value("condition", Json::object()));
                choice["Next"] = follow(scope, node, port, caught, true);
                state["Choices"].push_back(choice);
            }
            // No rule held and nothing on `default`: States.NoChoiceMatched, as the runner fails.
            if (!targetsOf(m_workflow, node, "default").empty())
                state["Default"] = follow(scope, node, "default", caught, true);
        } else if (node.kind == kinds::kLog) {
            state = Json{{"Type", "Pass"},
                         {"Comment", "Log " + config.value("level", std::string("info")) + " " + node.name
                                         + ": the value is in the execution's history"},
                         {"Next", terminal(scope, hasValue, caught)}};
        } else if (node.kind == kinds::kQueue || node.kind == kinds::kTable || node.kind == kinds::kBucket) {
            if (std::find(m_plan.resources.begin(), m_plan.resources.end(), &node) == m_plan.resources.end())
                m_plan.resources.push_back(&node);
            state = Json{{"Type", "Task"},
                         {"Comment", "Writes the value into the " + node.kind + " " + node.name},
                         {"Resource", "${" + m_variables.writerArn + "}"},
                         {"Parameters", Json{{"kind", node.kind},
                                             {"target", "${" + m_variables.writeTarget(node) + "}"},
                                             {"value.$", "$.value"}}},
                         {"ResultPath", nullptr},
                         {"Next", terminal(scope, hasValue, caught)}};
        } else {
            // A trigger cannot receive values (the validator refuses such an edge).
            state = Json{{"Type", "Fail"}, {"Error", "States.Runtime"},
                         {"Cause", "node " + node.name + " of kind " + node.kind + " cannot receive events"}};
        }
        m_scopes[scope][name] = state;
        return name;
    }

    const Workflow &m_workflow;
    const Node &m_entry;
    const std::string m_port;
    const EntryKind m_kind;
    const MachineVariables &m_variables;
    const NodeKindRegistry &m_registry;
    std::set<std::string> m_firstNodes;
    std::set<std::string> m_names;
    std::vector<Json> m_scopes; // 0: the machine's own states; then one per Parallel branch
    std::map<std::tuple<size_t, bool, bool>, std::string> m_terminals;
    std::map<std::tuple<size_t, std::string, bool, bool>, std::string> m_follows;
    std::map<std::tuple<size_t, std::string, bool, bool>, std::string> m_entered;
    StateMachinePlan m_plan;
};

} // namespace

bool needsStateMachine(const Workflow &workflow, const Node &entry, const std::string &port, EntryKind kind)
{
    const std::vector<const Node *> targets = targetsOf(workflow, entry, port);
    size_t functions = 0;
    for (const Node *target : targets) {
        if (target->kind == kinds::kLog)
            continue;
        if (target->kind != kinds::kFunction)
            return true;
        ++functions;
        if (!onlyLogs(targetsOf(workflow, *target, "ok")))
            return true;
        const std::vector<const Node *> onError = targetsOf(workflow, *target, "error");
        // A caught error ends a batch's run well (no redelivery), where an
        // uncaught one fails it: the catch must be kept.
        if (!onError.empty() && (batchEntry(kind) || !onlyLogs(onError)))
            return true;
    }
    // Several functions answering one request: the answer is their array.
    return kind == EntryKind::Http && functions > 1;
}

StateMachinePlan stateMachineFor(const Workflow &workflow, const Node &entry, const std::string &port,
                                 EntryKind kind, const MachineVariables &variables)
{
    return AslBuilder(workflow, entry, port, kind, variables).build();
}

} // namespace stratus::engine::exporting
