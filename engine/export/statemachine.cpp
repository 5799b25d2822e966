#include "statemachine.h"

#include "engine/model/nodekind.h"
#include "engine/model/workflow.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace stratus::engine::exporting {

namespace {

bool onlyLogs(const std::vector<const Node *> &nodes)
{
    return std::all_of(nodes.begin(), nodes.end(), [](const Node *n) { return n->kind == kinds::kLog; });
}

bool batchEntry(EntryKind kind)
{
    return kind == EntryKind::Queue || kind == EntryKind::Table;
}

/// Text of ours that names a node, made safe inside a definition whose
/// DefinitionSubstitutions would replace a "${NAME}" in it.
std::string commentText(std::string text)
{
    for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2))
        text.insert(at + 1, " ");
    return text;
}

/// A choice variable of the runner ("$.a", "$[0]") read inside the state data's "value".
std::string valuePath(const std::string &path)
{
    return path.empty() || path.front() != '$' ? path : "$.value" + path.substr(1);
}

/// A workspace condition ({"variable", "stringEquals", …}, {"and": […]}) in
/// ASL's spelling, with every path read inside "value". Step Functions fails
/// the run when a comparison's Variable (or *Path operand) selects nothing,
/// where the runner's comparison is false (choiceeval.cpp): each comparison
/// but IsPresent is guarded by IsPresent of its paths, which gives the
/// runner's answer.
Json aslCondition(const Json &condition)
{
    Json out = Json::object();
    if (!condition.is_object())
        return out;
    Json guards = Json::array();
    bool isPresentTest = false;
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
            guards.push_back(Json{{"Variable", out[name]}, {"IsPresent", true}});
        } else {
            isPresentTest = isPresentTest || key == "isPresent";
            out[name] = value;
        }
    }
    if (isPresentTest || guards.empty())
        return out;
    guards.push_back(out);
    return Json{{"And", guards}};
}

/// Where the path is, as far as the states it needs are concerned.
struct PathContext
{
    size_t scope = 0;          ///< 0: the machine's own states; then one per Parallel branch
    bool caught = false;       ///< the value is a caught error, and no function has run since
    bool hasValue = false;     ///< a function or choice gave the value (it is the answer if nothing else is)
    bool firstPending = false; ///< a batch's run, before its first function
    auto key() const { return std::make_tuple(scope, caught, hasValue, firstPending); }
};

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
        for (const Node *n : w.targetsOf(entry.id, port))
            m_firstNodes.insert(n->id.str());
    }

    StateMachinePlan build()
    {
        m_scopes.push_back(Json::object());
        const std::string start = reserve("Start");
        m_scopes[0][start] = nullptr; // states are listed in the order the path meets them
        Json startState = Json{{"Type", "Pass"}, {"Comment", "The event, kept as the value the path passes on"}};
        startState["Parameters"] = batchEntry(m_kind) ? Json{{"value.$", "$"}, {"first", nullptr}} : Json{{"value.$", "$"}};
        PathContext at;
        at.firstPending = batchEntry(m_kind);
        startState["Next"] = follow(at, m_entry, m_port);
        m_scopes[0][start] = startState;
        m_plan.definition = Json{{"Comment", commentText("What " + m_entry.name + " sets going, exported by Stratus")},
                                 {"StartAt", start},
                                 {"States", m_scopes[0]}};
        return std::move(m_plan);
    }

private:
    /// A state name of its own in the whole machine: at most 80 characters,
    /// and only letters, digits, spaces, '-', '_' and '.', which every ASL
    /// consumer accepts.
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

    /// The envelope that ends a branch (statemachine.h).
    std::string terminal(const PathContext &at)
    {
        const auto key = std::make_tuple(at.scope, at.hasValue, at.caught);
        if (auto it = m_terminals.find(key); it != m_terminals.end())
            return it->second;
        const std::string name =
            reserve(!at.hasValue ? "No answer" : at.caught ? "Answer with the caught error" : "Answer");
        Json parameters = at.hasValue ? Json{{"answer.$", "$.value"}, {"caught", at.caught}} : Json{{"none", true}};
        if (batchEntry(m_kind))
            parameters["first.$"] = "$.first";
        m_scopes[at.scope][name] = Json{{"Type", "Pass"}, {"Parameters", parameters}, {"End", true}};
        return m_terminals[key] = name;
    }

    std::string follow(const PathContext &at, const Node &from, const std::string &port)
    {
        const auto key = std::make_tuple(from.id.str() + "\x1f" + port, at.key());
        if (auto it = m_follows.find(key); it != m_follows.end())
            return it->second;
        const std::vector<const Node *> targets = m_workflow.targetsOf(from.id, port);
        std::string name;
        if (targets.empty()) {
            name = terminal(at);
        } else if (targets.size() == 1) {
            name = enter(at, *targets.front());
        } else {
            name = fanOut(at, from, targets);
        }
        return m_follows[key] = name;
    }

    /// Branches in parallel, an array in edge order; the branches never
    /// meet again, so what follows is the answer.
    std::string fanOut(const PathContext &at, const Node &from, const std::vector<const Node *> &targets)
    {
        const std::string name = reserve("Fan-out after " + from.name);
        m_scopes[at.scope][name] = nullptr;
        Json branches = Json::array();
        for (const Node *target : targets) {
            PathContext branch = at;
            branch.scope = m_scopes.size();
            branch.hasValue = false; // a branch with no function or choice gives no value
            m_scopes.push_back(Json::object());
            const std::string start = enter(branch, *target);
            branches.push_back(Json{{"StartAt", start}, {"States", m_scopes[branch.scope]}});
        }
        const std::string joined = reserve("Answer of the fan-out after " + from.name);
        Json parameters = Json{{"fanOut.$", "$.branches"}};
        if (at.hasValue) {
            parameters["own.$"] = "$.value";
            parameters["ownCaught"] = at.caught;
        }
        if (batchEntry(m_kind))
            parameters["first.$"] = "$.first";
        m_scopes[at.scope][joined] = Json{{"Type", "Pass"}, {"Parameters", parameters}, {"End", true}};
        m_scopes[at.scope][name] =
            Json{{"Type", "Parallel"}, {"Branches", branches}, {"ResultPath", "$.branches"}, {"Next", joined}};
        return name;
    }

    /// A Pass that keeps what a batch's first function gave ({"result": V},
    /// so that a null result is still one), then goes on to `next`.
    std::string keepFirst(const PathContext &at, const Node &function, const std::string &next)
    {
        const std::string name = reserve("Keep what " + function.name + " gave for the batch");
        m_scopes[at.scope][name] = Json{{"Type", "Pass"},
                                        {"Parameters", Json{{"result.$", "$.value"}}},
                                        {"ResultPath", "$.first"},
                                        {"Next", next}};
        return name;
    }

    std::string enter(const PathContext &at, const Node &node)
    {
        // What a function does is the same whatever came before it but the batch's first.
        PathContext keyed = at;
        if (node.kind == kinds::kFunction)
            keyed.caught = keyed.hasValue = false;
        const auto key = std::make_tuple(node.id.str(), keyed.key());
        if (auto it = m_entered.find(key); it != m_entered.end())
            return it->second;
        const std::string name = reserve(node.name.empty() ? node.id.str() : node.name);
        m_entered[key] = name;
        m_scopes[at.scope][name] = nullptr;
        const std::optional<KindId> kind = kindIdOf(node.kind);
        Json state = kind ? visitKind(*kind, StateOf{*this, at, node}) : triggerState(node);
        if (!state.contains("Comment") && name != node.name) // the node a state stands for, where its name cannot say
            state["Comment"] = commentText("The " + node.kind + " " + node.name);
        m_scopes[at.scope][name] = state;
        return name;
    }

    /// The state each kind of node is (visitKind: a new kind fails to compile here).
    struct StateOf
    {
        AslBuilder &builder;
        const PathContext &at;
        const Node &node;

        Json function() { return builder.functionState(at, node); }
        Json choice() { return builder.choiceState(at, node); }
        Json log() { return builder.logState(at, node); }
        Json queue() { return builder.writeState(at, node); }
        Json table() { return builder.writeState(at, node); }
        Json bucket() { return builder.writeState(at, node); }
        // A trigger cannot receive values (the validator refuses such an edge).
        Json httpTrigger() { return builder.triggerState(node); }
        Json scheduleTrigger() { return builder.triggerState(node); }
        Json manualTrigger() { return builder.triggerState(node); }
    };

    Json functionState(const PathContext &at, const Node &node)
    {
        const Json config = m_registry.effectiveConfig(node);
        if (std::find(m_plan.functions.begin(), m_plan.functions.end(), &node) == m_plan.functions.end())
            m_plan.functions.push_back(&node);
        Json state = Json{{"Type", "Task"},
                          {"Resource", "${" + m_variables.functionArn(node) + "}"},
                          {"InputPath", "$.value"},
                          {"ResultPath", "$.value"}};
        Json retry = Json::array();
        // Here an event source's run waits for an instance of a function at its
        // reserved concurrency; there Lambda refuses it: wait by retrying (about a minute).
        if (m_kind != EntryKind::Http && m_kind != EntryKind::Manual && config.value("concurrency", 0) > 0)
            retry.push_back(Json{{"ErrorEquals", Json::array({"Lambda.TooManyRequestsException"})},
                                 {"IntervalSeconds", 1},
                                 {"BackoffRate", 2.0},
                                 {"MaxAttempts", 6}});
        if (const int retries = config.value("retries", 2); retried(node) && retries > 0)
            retry.push_back(Json{{"ErrorEquals", Json::array({"States.ALL"})},
                                 {"IntervalSeconds", 1},
                                 {"BackoffRate", 2.0},
                                 {"MaxAttempts", retries}});
        if (!retry.empty())
            state["Retry"] = retry;
        PathContext after = at;
        after.firstPending = false;
        after.hasValue = true;
        if (!m_workflow.targetsOf(node.id, "error").empty()) {
            after.caught = true;
            std::string onError = follow(after, node, "error");
            if (at.firstPending) // the runner reads the first function's step, caught or not
                onError = keepFirst(at, node, onError);
            state["Catch"] = Json::array(
                {Json{{"ErrorEquals", Json::array({"States.ALL"})}, {"ResultPath", "$.value"}, {"Next", onError}}});
        }
        after.caught = false;
        std::string next = follow(after, node, "ok");
        if (at.firstPending)
            next = keepFirst(at, node, next);
        state["Next"] = next;
        return state;
    }

    Json choiceState(const PathContext &at, const Node &node)
    {
        const Json config = m_registry.effectiveConfig(node);
        PathContext after = at;
        after.hasValue = true;
        const bool hasDefault = !m_workflow.targetsOf(node.id, "default").empty();
        const Json rules = config.value("rules", Json::array());
        if (rules.empty()) {
            // ASL wants at least one rule: with none, the runner always takes `default`.
            if (hasDefault)
                return Json{{"Type", "Pass"},
                            {"Comment", commentText("The choice " + node.name + " has no rules: it takes default")},
                            {"Next", follow(after, node, "default")}};
            return Json{{"Type", "Fail"}, {"Error", "States.NoChoiceMatched"},
                        {"Cause", commentText("no choice rule matched and there is no default, in node " + node.name)}};
        }
        Json state = Json{{"Type", "Choice"}, {"Choices", Json::array()}};
        for (const Json &rule : rules) {
            Json choice = aslCondition(rule.value("condition", Json::object()));
            choice["Next"] = follow(after, node, rule.value("port", std::string()));
            state["Choices"].push_back(choice);
        }
        // No rule held and nothing on `default`: States.NoChoiceMatched, as the runner fails.
        if (hasDefault)
            state["Default"] = follow(after, node, "default");
        return state;
    }

    Json logState(const PathContext &at, const Node &node)
    {
        const std::string level = m_registry.effectiveConfig(node).value("level", std::string("info"));
        return Json{{"Type", "Pass"},
                    {"Comment", commentText("Log " + level + " " + node.name + ": the value is in the machine's CloudWatch log")},
                    {"Next", terminal(at)}};
    }

    Json writeState(const PathContext &at, const Node &node)
    {
        if (std::find(m_plan.resources.begin(), m_plan.resources.end(), &node) == m_plan.resources.end())
            m_plan.resources.push_back(&node);
        Json parameters = Json{{"kind", node.kind},
                               {"target", "${" + m_variables.writeTarget(node) + "}"},
                               {"value.$", "$.value"}};
        if (node.kind == kinds::kTable) {
            // A delete names the item by its key attributes alone, as the runner takes them.
            const Json config = m_registry.effectiveConfig(node);
            Json keys = Json::array({config.value("partitionKey", std::string("id"))});
            if (const Json sort = config.value("sortKey", Json()); sort.is_string() && !sort.get<std::string>().empty())
                keys.push_back(sort);
            parameters["keys"] = keys;
        }
        return Json{{"Type", "Task"},
                    {"Comment", commentText("Writes the value into the " + node.kind + " " + node.name)},
                    {"Resource", "${" + m_variables.writerArn + "}"},
                    {"Parameters", parameters},
                    {"ResultPath", nullptr},
                    {"Next", terminal(at)}};
    }

    Json triggerState(const Node &node) const
    {
        return Json{{"Type", "Fail"}, {"Error", "States.Runtime"},
                    {"Cause", commentText("node " + node.name + " of kind " + node.kind + " cannot receive events")}};
    }

    const Workflow &m_workflow;
    const Node &m_entry;
    const std::string m_port;
    const EntryKind m_kind;
    const MachineVariables &m_variables;
    const NodeKindRegistry &m_registry;
    std::set<std::string> m_firstNodes;
    std::set<std::string> m_names;
    std::vector<Json> m_scopes; // indexed by PathContext::scope
    using ContextKey = decltype(PathContext().key());
    std::map<std::tuple<size_t, bool, bool>, std::string> m_terminals;
    std::map<std::tuple<std::string, ContextKey>, std::string> m_follows;
    std::map<std::tuple<std::string, ContextKey>, std::string> m_entered;
    StateMachinePlan m_plan;
};

} // namespace

bool needsStateMachine(const Workflow &workflow, const Node &entry, const std::string &port, EntryKind kind)
{
    const std::vector<const Node *> targets = workflow.targetsOf(entry.id, port);
    // A request's answer is what its one function gives; anything else (an
    // array from a fan-out, even with a log; null from a log alone or from
    // a route wired to nothing) needs the machine to make it.
    if (kind == EntryKind::Http && (targets.size() != 1 || targets.front()->kind != kinds::kFunction))
        return true;
    for (const Node *target : targets) {
        if (target->kind == kinds::kLog)
            continue;
        if (target->kind != kinds::kFunction)
            return true;
        if (!onlyLogs(workflow.targetsOf(target->id, "ok")))
            return true;
        const std::vector<const Node *> onError = workflow.targetsOf(target->id, "error");
        // A caught error ends a batch's run well (no redelivery), where an
        // uncaught one fails it: the catch must be kept.
        if (!onError.empty() && (batchEntry(kind) || !onlyLogs(onError)))
            return true;
    }
    return false;
}

StateMachinePlan stateMachineFor(const Workflow &workflow, const Node &entry, const std::string &port,
                                 EntryKind kind, const MachineVariables &variables)
{
    return AslBuilder(workflow, entry, port, kind, variables).build();
}

} // namespace stratus::engine::exporting
