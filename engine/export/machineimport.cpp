#include "machineimport.h"

#include "engine/model/choicerule.h"
#include "engine/model/text.h"

#include <cctype>
#include <map>
#include <set>

namespace stratus::engine::exporting {

namespace {

using Steps = std::vector<size_t>;

/// A "${VAR}" replaced by its substitution; anything else as it is.
Json substituted(const Json &value, const Json &substitutions)
{
    if (!value.is_string())
        return value;
    const std::string text = value.get<std::string>();
    if (text.size() > 3 && text.starts_with("${") && text.ends_with("}")) {
        const std::string name = text.substr(2, text.size() - 3);
        if (const Json &found = memberOf(substitutions, name.c_str()); !found.is_null())
            return found;
    }
    return value;
}

std::string lowerFirst(std::string key)
{
    if (!key.empty())
        key.front() = char(std::tolower(static_cast<unsigned char>(key.front())));
    return key;
}

/// Text of a definition's Comment, as statemachine.cpp's commentText() wrote it.
std::string commentName(std::string text)
{
    for (size_t at = text.find("$ {"); at != std::string::npos; at = text.find("$ {", at + 1))
        text.erase(at + 1, 1);
    return text;
}

class MachineReader
{
public:
    MachineReader(const Json &substitutions, const MachineNames &names) : m_substitutions(substitutions), m_names(names) {}

    Result<MachinePath> read(const Json &definition)
    {
        const Json &states = memberOf(definition, "States");
        const Json &startAt = memberOf(definition, "StartAt");
        if (!states.is_object() || !startAt.is_string())
            return Status::invalidArgument(std::string(!startAt.is_string() ? "StartAt" : "States")
                                           + ": the definition needs StartAt (a state's name) and States (a mapping)");
        std::string start = startAt.get<std::string>();
        // Stratus's own form starts by putting the input under "value".
        const Json &first = memberOf(states, start.c_str());
        const Json &parameters = memberOf(first, "Parameters");
        if (memberOf(first, "Type") == "Pass" && memberOf(parameters, "value.$") == "$") {
            m_path.stratusForm = true;
            if (!memberOf(first, "Next").is_string())
                return Status::invalidArgument("States." + start + ": the first state goes nowhere");
            start = first["Next"].get<std::string>();
        }
        auto steps = follow(states, start, "States");
        if (!steps)
            return Status::invalidArgument(m_error);
        m_path.first = *steps;
        return std::move(m_path);
    }

private:
    bool fail(const std::string &where, const std::string &why)
    {
        if (m_error.empty())
            m_error = where + ": " + why;
        return false;
    }

    /// Where `next` (a Next or StartAt) leads: the steps it reaches (none at the end).
    std::optional<Steps> follow(const Json &states, const std::string &name, const std::string &scope)
    {
        const std::string where = scope + "." + name;
        const auto key = std::make_pair(&states, name);
        if (auto known = m_followed.find(key); known != m_followed.end())
            return known->second;
        const auto found = states.find(name);
        if (found == states.end() || !found->is_object()) {
            fail(where, found == states.end() ? "no such state" : "a state is a mapping of its fields");
            return std::nullopt;
        }
        const Json &state = *found;
        if (m_visiting.size() >= kMaxDepth) {
            fail(where, "more than " + std::to_string(kMaxDepth) + " states in a row; the canvas reads at most that many");
            return std::nullopt;
        }
        if (!m_visiting.insert(key).second) {
            fail(where, "the states loop back here; a path on the canvas does not loop");
            return std::nullopt;
        }
        std::optional<Steps> steps = stateSteps(states, state, name, scope, where);
        m_visiting.erase(key);
        if (steps)
            m_followed[key] = *steps;
        return steps;
    }

    /// Where a state goes next: its Next, or nothing when it ends.
    std::optional<Steps> after(const Json &states, const Json &state, const std::string &scope, const std::string &where)
    {
        if (memberOf(state, "End") == true)
            return Steps();
        if (!memberOf(state, "Next").is_string()) {
            fail(where, "it has neither Next nor End");
            return std::nullopt;
        }
        return follow(states, state["Next"].get<std::string>(), scope);
    }

    std::optional<Steps> stateSteps(const Json &states, const Json &state, const std::string &name,
                                    const std::string &scope, const std::string &where)
    {
        const std::string type = memberOf(state, "Type").is_string() ? state["Type"].get<std::string>() : "";
        if (type == "Task")
            return task(states, state, name, scope, where);
        if (type == "Choice")
            return choice(states, state, name, scope, where);
        if (type == "Parallel")
            return parallel(states, state, where);
        if (type == "Pass")
            return pass(states, state, scope, where);
        if (type == "Succeed")
            return Steps();
        if (type == "Fail" && m_path.stratusForm && memberOf(state, "Error") == "States.NoChoiceMatched")
            return add(MachineStep{MachineStep::Kind::Choice, nodeName(state, name, "choice"), {},
                                   Json{{"rules", Json::array()}}, {}});
        if (type == "Fail") {
            fail(where, "a Fail state ends the run as failed; on the canvas a run fails only where a function "
                        "fails");
            return std::nullopt;
        }
        fail(where, (type.empty() ? std::string("a state with no Type") : "a " + type + " state")
                        + " is not on the canvas (Task, Choice, Parallel, Pass and Succeed are)");
        return std::nullopt;
    }

    /// The name of the node a state of Stratus's form stands for, which its
    /// Comment says where the state's name could not ("Valid todo?" is the
    /// state "Valid todo", and "API errors 2" where it is met twice).
    std::string nodeName(const Json &state, const std::string &name, const char *kind) const
    {
        const std::string comment = memberOf(state, "Comment").is_string() ? state["Comment"].get<std::string>() : "";
        const std::string prefix = std::string("The ") + kind + " ";
        if (m_path.stratusForm && comment.starts_with(prefix))
            return commentName(comment.substr(prefix.size()));
        return name;
    }

    std::optional<Steps> add(MachineStep step)
    {
        m_path.steps.push_back(std::move(step));
        return Steps{m_path.steps.size() - 1};
    }

    /// Fields that change the data a state passes on, where the canvas passes it as it is.
    bool plainData(const Json &state, const std::string &where, std::initializer_list<const char *> allowed)
    {
        for (const char *key : {"InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Result",
                                "ItemsPath", "Arguments", "Output", "Assign"}) {
            if (!state.contains(key))
                continue;
            if (std::find_if(allowed.begin(), allowed.end(), [&](const char *a) { return std::string_view(a) == key; })
                == allowed.end())
                return fail(where, std::string("its ") + key
                                       + " shapes the data, where the canvas passes each result on as it is");
        }
        return true;
    }

    std::optional<Steps> task(const Json &states, const Json &state, const std::string &name, const std::string &scope,
                              const std::string &where)
    {
        const Json resource = substituted(memberOf(state, "Resource"), m_substitutions);
        const Json &parameters = memberOf(state, "Parameters");
        std::optional<std::string> function;
        if (resource == "arn:aws:states:::lambda:invoke") {
            // The common hand-written form: the state is the payload, the payload is the result.
            if (!parameters.is_object() || parameters.size() != 2 || memberOf(parameters, "Payload.$") != "$"
                || !parameters.contains("FunctionName") || memberOf(state, "OutputPath") != "$.Payload"
                || !plainData(state, where, {"Parameters", "OutputPath"}))
                return fail(where, "a lambda:invoke Task is read only with Parameters {FunctionName, \"Payload.$\": "
                                   "\"$\"} and OutputPath \"$.Payload\""),
                       std::nullopt;
            function = m_names.functionOf(substituted(parameters["FunctionName"], m_substitutions));
        } else {
            function = m_names.functionOf(resource);
        }
        if (!function) {
            const Json &named = resource == "arn:aws:states:::lambda:invoke" ? parameters["FunctionName"]
                                                                              : memberOf(state, "Resource");
            fail(where, "its function " + printable(named.dump()) + " is not a function of this template on the canvas");
            return std::nullopt;
        }
        if (m_names.isWriter(*function))
            return write(states, state, name, scope, where);
        if (m_path.stratusForm) {
            if (memberOf(state, "InputPath") != "$.value" || memberOf(state, "ResultPath") != "$.value"
                || !plainData(state, where, {"InputPath", "ResultPath"}))
                return fail(where, "a Task of Stratus's form takes and gives $.value"), std::nullopt;
        } else if (resource != "arn:aws:states:::lambda:invoke" && !plainData(state, where, {})) {
            return std::nullopt;
        }
        const size_t at = m_path.steps.size();
        add(MachineStep{MachineStep::Kind::Function, name, *function, Json::object(), {}});
        if (const Json &catches = memberOf(state, "Catch"); !catches.is_null()) {
            const Json &catcher = catches.is_array() && catches.size() == 1 ? catches[0] : Json();
            const Json wantedPath = m_path.stratusForm ? Json("$.value") : Json();
            if (memberOf(catcher, "ErrorEquals") != Json::array({"States.ALL"}) || !memberOf(catcher, "Next").is_string()
                || memberOf(catcher, "ResultPath") != wantedPath)
                return fail(where, "its Catch is read only as one catcher of States.ALL that passes the error on "
                                   "(the function's error port)"),
                       std::nullopt;
            auto onError = follow(states, catcher["Next"].get<std::string>(), scope);
            if (!onError)
                return std::nullopt;
            for (size_t to : *onError)
                m_path.steps[at].next.push_back({"error", to});
        }
        auto onOk = after(states, state, scope, where);
        if (!onOk)
            return std::nullopt;
        for (size_t to : *onOk)
            m_path.steps[at].next.push_back({"ok", to});
        return Steps{at};
    }

    /// Stratus's writer Task: the value goes into a queue, table or bucket, and the path ends.
    std::optional<Steps> write(const Json &states, const Json &state, const std::string &name,
                               const std::string &scope, const std::string &where)
    {
        const Json &target = memberOf(memberOf(state, "Parameters"), "target");
        const std::optional<std::string> resource = m_names.resourceOf(substituted(target, m_substitutions));
        if (!resource) {
            fail(where, "its target " + printable(target.dump()) + " is not a queue, table or bucket of this template");
            return std::nullopt;
        }
        auto next = after(states, state, scope, where);
        if (!next)
            return std::nullopt;
        if (!next->empty())
            return fail(where, "the path goes on after a write"), std::nullopt;
        return add(MachineStep{MachineStep::Kind::Write, name, *resource, Json::object(), {}});
    }

    /// ASL's condition in the workspace's spelling (choicerule.h), with
    /// Stratus's "$.value" taken off and its IsPresent guards undone (the
    /// runner's comparison is already false where a path is missing).
    Json condition(const Json &asl)
    {
        if (!asl.is_object())
            return asl;
        if (const Json &all = memberOf(asl, "And"); all.is_array() && all.size() >= 2 && m_path.stratusForm) {
            // The guards are IsPresent of exactly the paths the last comparison reads.
            const Json &compared = all.back();
            std::set<Json> paths;
            if (compared.is_object())
                for (const auto &[key, value] : compared.items())
                    if ((key == "Variable" || key.ends_with("Path")) && value.is_string())
                        paths.insert(value);
            std::set<Json> guarded;
            bool guards = compared.is_object() && !compared.contains("IsPresent") && compared.contains("Variable");
            for (size_t i = 0; guards && i + 1 < all.size(); ++i) {
                guards = all[i].is_object() && all[i].size() == 2 && memberOf(all[i], "IsPresent") == true
                         && all[i].contains("Variable");
                if (guards)
                    guarded.insert(all[i]["Variable"]);
            }
            if (guards && guarded == paths && all.size() == paths.size() + 1)
                return condition(compared);
        }
        Json out = Json::object();
        for (const auto &[key, value] : asl.items()) {
            if (key == "Next" || key == "Comment")
                continue;
            const std::string name = lowerFirst(key);
            if (key == "And" || key == "Or") {
                Json list = Json::array();
                for (const Json &c : value.is_array() ? value : Json::array())
                    list.push_back(condition(c));
                out[name] = list;
            } else if (key == "Not") {
                out[name] = condition(value);
            } else if ((key == "Variable" || key.ends_with("Path")) && value.is_string() && m_path.stratusForm) {
                const std::string path = value.get<std::string>();
                out[name] = path == "$.value" ? "$" : path.starts_with("$.value") ? "$" + path.substr(7) : path;
            } else {
                out[name] = value;
            }
        }
        return out;
    }

    std::string portFor(const std::string &next, std::set<std::string> &taken)
    {
        std::string base;
        for (const unsigned char c : next) {
            if (std::isalnum(c))
                base += char(std::tolower(c));
            else if (!base.empty() && base.back() != '-')
                base += '-';
        }
        while (!base.empty() && base.back() == '-')
            base.pop_back();
        if (base.empty() || base == "default" || base == "in")
            base = "rule";
        std::string port = base;
        for (int n = 2; taken.contains(port); ++n)
            port = base + "-" + std::to_string(n);
        taken.insert(port);
        return port;
    }

    std::optional<Steps> choice(const Json &states, const Json &state, const std::string &name,
                                const std::string &scope, const std::string &where)
    {
        if (!plainData(state, where, {}))
            return std::nullopt;
        const Json &choices = memberOf(state, "Choices");
        if (!choices.is_array() || choices.empty())
            return fail(where, "a Choice state needs its Choices"), std::nullopt;
        const size_t at = m_path.steps.size();
        add(MachineStep{MachineStep::Kind::Choice, nodeName(state, name, "choice"), {}, Json{{"rules", Json::array()}}, {}});
        std::set<std::string> ports;
        for (size_t i = 0; i < choices.size(); ++i) {
            const Json &rule = choices[i];
            const std::string ruleWhere = where + ".Choices[" + std::to_string(i) + "]";
            if (!memberOf(rule, "Next").is_string())
                return fail(ruleWhere, "a choice rule needs its Next"), std::nullopt;
            const Json converted = condition(rule);
            if (auto problems = checkChoiceCondition(converted, "condition"); !problems.empty())
                return fail(ruleWhere, "not a comparison the canvas makes (" + problems.front() + ")"), std::nullopt;
            const std::string port = portFor(rule["Next"].get<std::string>(), ports);
            auto to = follow(states, rule["Next"].get<std::string>(), scope);
            if (!to)
                return std::nullopt;
            m_path.steps[at].config["rules"].push_back(Json{{"port", port}, {"condition", converted}});
            for (size_t step : *to)
                m_path.steps[at].next.push_back({port, step});
        }
        if (const Json &otherwise = memberOf(state, "Default"); otherwise.is_string()) {
            // A Default that fails the run is the runner's choice with no default.
            const Json &target = memberOf(states, otherwise.get<std::string>().c_str());
            if (memberOf(target, "Type") != "Fail") {
                auto to = follow(states, otherwise.get<std::string>(), scope);
                if (!to)
                    return std::nullopt;
                for (size_t step : *to)
                    m_path.steps[at].next.push_back({"default", step});
            }
        }
        return Steps{at};
    }

    std::optional<Steps> parallel(const Json &states, const Json &state, const std::string &where)
    {
        // Branches that never meet again: the Parallel ends the run (in
        // Stratus's form, through the Pass that answers with the branches).
        if (m_path.stratusForm) {
            const Json &joined = memberOf(states, memberOf(state, "Next").is_string()
                                                      ? state["Next"].get<std::string>().c_str()
                                                      : "");
            if (memberOf(state, "ResultPath") != "$.branches" || !memberOf(memberOf(joined, "Parameters"), "fanOut.$").is_string())
                return fail(where, "a Parallel of Stratus's form ends in the fan-out's answer"), std::nullopt;
        } else if (memberOf(state, "End") != true || !plainData(state, where, {})) {
            return fail(where, "a Parallel is read only where it ends the run (on the canvas a fan-out's branches "
                               "never meet again)"),
                   std::nullopt;
        }
        const Json &branches = memberOf(state, "Branches");
        if (!branches.is_array() || branches.empty())
            return fail(where, "a Parallel state needs its Branches"), std::nullopt;
        Steps out;
        for (size_t i = 0; i < branches.size(); ++i) {
            const Json &branch = branches[i];
            const std::string branchWhere = where + ".Branches[" + std::to_string(i) + "]";
            if (!memberOf(branch, "StartAt").is_string() || !memberOf(branch, "States").is_object())
                return fail(branchWhere, "a branch needs its StartAt and States"), std::nullopt;
            auto steps = follow(branch["States"], branch["StartAt"].get<std::string>(), branchWhere + ".States");
            if (!steps)
                return std::nullopt;
            out.insert(out.end(), steps->begin(), steps->end());
        }
        return out;
    }

    std::optional<Steps> pass(const Json &states, const Json &state, const std::string &scope,
                              const std::string &where)
    {
        const Json &parameters = memberOf(state, "Parameters");
        const std::string comment = memberOf(state, "Comment").is_string() ? state["Comment"].get<std::string>() : "";
        if (m_path.stratusForm) {
            // What Stratus's form adds around the path (statemachine.cpp).
            if (memberOf(state, "End") == true
                && (parameters.contains("answer.$") || parameters.contains("none") || parameters.contains("fanOut.$")))
                return Steps();
            if (memberOf(state, "ResultPath") == "$.first" && memberOf(parameters, "result.$") == "$.value")
                return after(states, state, scope, where);
            const std::string_view logTail = ": the value is in the machine's CloudWatch log";
            if (comment.starts_with("Log ") && comment.ends_with(logTail) && !state.contains("Parameters")) {
                // "Log LEVEL NAME: the value is …"
                const size_t space = comment.find(' ', 4);
                if (space == std::string::npos || space + logTail.size() > comment.size())
                    return fail(where, "not a log of Stratus's form"), std::nullopt;
                const std::string level = comment.substr(4, space - 4);
                const std::string logName =
                    commentName(comment.substr(space + 1, comment.size() - logTail.size() - space - 1));
                auto next = after(states, state, scope, where);
                if (!next)
                    return std::nullopt;
                if (!next->empty())
                    return fail(where, "the path goes on after a log"), std::nullopt;
                return add(MachineStep{MachineStep::Kind::Log, logName, {}, Json{{"level", level}}, {}});
            }
            const std::string_view noRules = " has no rules: it takes default";
            if (comment.starts_with("The choice ") && comment.ends_with(noRules) && !state.contains("Parameters")) {
                auto to = after(states, state, scope, where);
                if (!to)
                    return std::nullopt;
                const std::string choiceName = commentName(comment.substr(11, comment.size() - 11 - noRules.size()));
                MachineStep step{MachineStep::Kind::Choice, choiceName, {}, Json{{"rules", Json::array()}}, {}};
                for (size_t s : *to)
                    step.next.push_back({"default", s});
                return add(std::move(step));
            }
        }
        if (!plainData(state, where, {}))
            return std::nullopt;
        return after(states, state, scope, where);
    }

    /// States followed one after another (each is a level of recursion here).
    static constexpr size_t kMaxDepth = 250; // four frames a state: 1,000 overflowed the stack under ASan

    const Json &m_substitutions;
    const MachineNames &m_names;
    MachinePath m_path;
    std::string m_error;
    std::set<std::pair<const Json *, std::string>> m_visiting;
    std::map<std::pair<const Json *, std::string>, Steps> m_followed;
};

} // namespace

Result<MachinePath> readMachine(const Json &definition, const Json &substitutions, const MachineNames &names)
{
    return MachineReader(substitutions, names).read(definition);
}

} // namespace stratus::engine::exporting
