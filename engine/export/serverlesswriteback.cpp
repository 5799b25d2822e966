// Edits of a workflow imported from a serverless.yml, written back into it
// (origin.h, writeBackServerless). The views are in SAM's form, as the
// import put the service (serverlessimport.cpp); here each changed property
// goes back to where Serverless Framework v3 reads it: a function's
// `memorySize`, `environment`, its `events` list (httpApi, http, schedule,
// sqs, stream), and `resources.Resources` as CloudFormation. Only the
// blocks of what changed are written anew; the rest of the file is its text.

#include "origin.h"

#include "cfnyaml.h"
#include "yaml.h"

#include "engine/model/text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace stratus::engine::exporting {

namespace {

using Pointer = Json::json_pointer;

/// SAM function properties and the serverless.yml function field each is.
const std::map<std::string, std::string> kFunctionFields = {
    {"/Properties/Runtime", "runtime"},
    {"/Properties/MemorySize", "memorySize"},
    {"/Properties/Timeout", "timeout"},
    {"/Properties/Description", "description"},
    {"/Properties/FunctionName", "name"},
    {"/Properties/ReservedConcurrentExecutions", "reservedConcurrency"},
    {"/Properties/EventInvokeConfig/MaximumRetryAttempts", "maximumRetryAttempts"},
};

const Json *valueAt(const Json &view, const std::string &pointer)
{
    const auto found = view.find(pointer);
    return found == view.end() ? nullptr : &*found;
}

void setOrErase(Json &holder, const std::string &key, const Json *value)
{
    if (value)
        holder[key] = *value;
    else if (holder.is_object())
        holder.erase(key);
}

class ServerlessWriter
{
public:
    ServerlessWriter(const Json &document, const std::string &file) : m_doc(document), m_file(file) {}

    std::vector<std::string> refusals;
    std::map<std::string, Json> functions; ///< key → the function as it is now (null: removed)
    std::map<std::string, Json> resources; ///< logical id → the resource as it is now (null: removed)

    void add(const ViewChange &change)
    {
        if (change.before.empty()) {
            refuse("a new node (" + change.id + ") is not written into " + m_file + " yet");
            return;
        }
        if (change.type == "AWS::Serverless::Function")
            function(change);
        else
            resource(change);
    }

private:
    void refuse(std::string text) { refusals.push_back(std::move(text)); }

    void function(const ViewChange &change)
    {
        const std::string where = "functions." + change.id;
        const Json &original = memberOf(memberOf(m_doc, "functions"), change.id.c_str());
        if (!original.is_object()) {
            refuse(where + " is not a function mapping in " + m_file);
            return;
        }
        if (change.after.empty()) {
            functions[change.id] = nullptr;
            return;
        }
        Json fn = original;
        std::set<std::string> pointers;
        for (const auto &[pointer, value] : change.before.items())
            pointers.insert(pointer);
        for (const auto &[pointer, value] : change.after.items())
            pointers.insert(pointer);
        std::set<std::string> events;
        for (const std::string &pointer : pointers) {
            const Json *before = valueAt(change.before, pointer);
            const Json *after = valueAt(change.after, pointer);
            if (before && after && *before == *after)
                continue;
            if (pointer.starts_with("/Properties/Events/")) {
                events.insert(pointer.substr(0, pointer.find('/', 19)));
                continue;
            }
            field(fn, where, pointer, before, after, original);
        }
        std::vector<size_t> removed;
        for (const std::string &base : events)
            event(fn, where, base, change, removed);
        std::sort(removed.rbegin(), removed.rend());
        for (size_t index : removed)
            fn["events"].erase(index);
        functions[change.id] = std::move(fn);
    }

    void field(Json &fn, const std::string &where, const std::string &pointer, const Json *before, const Json *after,
               const Json &original)
    {
        if (auto known = kFunctionFields.find(pointer); known != kFunctionFields.end()) {
            setOrErase(fn, known->second, after);
        } else if (pointer == "/Properties/Architectures") {
            const Json architecture = after && after->is_array() && !after->empty() ? (*after)[0] : Json();
            setOrErase(fn, "architecture", after ? &architecture : nullptr);
        } else if (pointer.starts_with("/Properties/Environment/Variables/")) {
            const std::string name = Pointer(pointer).back();
            if (!fn["environment"].is_object())
                fn["environment"] = Json::object();
            setOrErase(fn["environment"], name, after);
            if (fn["environment"].empty())
                fn.erase("environment");
        } else if (pointer == "/Properties/Handler" && after && after->is_string() && before && before->is_string()) {
            // serverless.yml's handler holds the code folder too: src/todos.list is todos.list in src/.
            const std::string written = memberOf(original, "handler").is_string() ? original["handler"].get<std::string>() : "";
            const std::string was = before->get<std::string>();
            if (!written.ends_with(was)) {
                refuse(where + ".handler: " + quote(written) + " does not end in the handler read from it");
                return;
            }
            fn["handler"] = written.substr(0, written.size() - was.size()) + after->get<std::string>();
        } else {
            refuse(where + ": its " + pointer.substr(pointer.rfind('/') + 1) + " was edited; that is not written into "
                   + m_file + " yet");
        }
    }

    /// The index in `events` of the SAM event `name`: the import names the
    /// Nth event of a type TypeN (httpApi → HttpApi1, HttpApi2, …).
    static std::optional<size_t> eventIndex(const Json &events, const std::string &name)
    {
        std::map<std::string, int> counts;
        for (size_t i = 0; events.is_array() && i < events.size(); ++i) {
            if (!events[i].is_object() || events[i].size() != 1)
                continue;
            std::string type = events[i].begin().key();
            if (type.empty())
                continue;
            const int n = ++counts[type];
            type.front() = char(std::toupper(static_cast<unsigned char>(type.front())));
            if (type + std::to_string(n) == name)
                return i;
        }
        return std::nullopt;
    }

    void event(Json &fn, const std::string &where, const std::string &base, const ViewChange &change,
               std::vector<size_t> &removed)
    {
        const std::string name = Pointer(base).back();
        const Json *typeBefore = valueAt(change.before, base + "/Type");
        const Json *typeAfter = valueAt(change.after, base + "/Type");
        const std::optional<size_t> index = typeBefore ? eventIndex(memberOf(fn, "events"), name) : std::nullopt;
        if (!index) {
            refuse(where + ".events: a new event (" + name + ") is not written into " + m_file + " yet");
            return;
        }
        const std::string place = where + ".events[" + std::to_string(*index) + "]";
        if (!typeAfter) {
            removed.push_back(*index); // its trigger was deleted
            return;
        }
        if (*typeAfter != *typeBefore) {
            refuse(place + ": its type changed (" + typeBefore->dump() + " → " + typeAfter->dump()
                   + "); that is not written into " + m_file + " yet");
            return;
        }
        auto after = [&](const char *property) { return valueAt(change.after, base + "/Properties/" + property); };
        Json &item = fn["events"][*index];
        const std::string kind = item.begin().key();
        Json &value = item.begin().value();
        // What each kind writes back; any other property that changed is refused, never dropped.
        static const std::map<std::string, std::set<std::string>> kWritten = {
            {"httpApi", {"Method", "Path"}}, {"http", {"Method", "Path"}}, {"schedule", {"Schedule", "Enabled"}},
            {"sqs", {"BatchSize", "MaximumBatchingWindowInSeconds"}}, {"stream", {"BatchSize"}}};
        const auto written = kWritten.find(kind);
        for (const auto *view : {&change.before, &change.after}) {
            for (const auto &[pointer, v] : view->items()) {
                if (!pointer.starts_with(base + "/Properties/"))
                    continue;
                const Json *was = valueAt(change.before, pointer);
                const Json *now = valueAt(change.after, pointer);
                const std::string property = pointer.substr(base.size() + 12);
                if ((!was || !now || *was != *now) && (written == kWritten.end() || !written->second.contains(property))) {
                    refuse(place + ": its " + property + " was edited; that is not written into " + m_file + " yet");
                    return;
                }
            }
        }
        if (kind == "httpApi" || kind == "http") {
            const Json *method = after("Method");
            const Json *path = after("Path");
            if (!method || !path || !method->is_string() || !path->is_string()) {
                refuse(place + ": a route needs its method and path");
                return;
            }
            if (value.is_string())
                value = method->get<std::string>() + " " + path->get<std::string>();
            else
                value["method"] = *method, value["path"] = *path;
        } else if (kind == "schedule") {
            const Json *rate = after("Schedule");
            const Json *enabled = after("Enabled");
            if (value.is_string() && !enabled && rate) {
                value = *rate;
                return;
            }
            if (!value.is_object())
                value = Json{{"rate", value}};
            setOrErase(value, "rate", rate);
            setOrErase(value, "enabled", enabled);
        } else if (kind == "sqs" || kind == "stream") {
            if (!value.is_object())
                value = Json{{"arn", value}};
            setOrErase(value, "batchSize", after("BatchSize"));
            if (kind == "sqs")
                setOrErase(value, "maximumBatchingWindow", after("MaximumBatchingWindowInSeconds"));
        } else {
            refuse(place + ": an edited " + kind + " event is not written into " + m_file + " yet");
        }
    }

    void resource(const ViewChange &change)
    {
        const std::string where = "resources.Resources." + change.id;
        const Json &original = memberOf(memberOf(memberOf(m_doc, "resources"), "Resources"), change.id.c_str());
        if (!original.is_object()) {
            refuse(change.id + " is not in " + m_file + "'s resources.Resources (Serverless makes it for an event); "
                   "its edits are not written back");
            return;
        }
        if (change.after.empty()) {
            resources[change.id] = nullptr;
            return;
        }
        Json resource = original;
        if (Status s = applyViewChange(resource, change.before, change.after); !s) {
            refuse(where + ": its properties " + s.message());
            return;
        }
        resources[change.id] = std::move(resource);
    }

    const Json &m_doc;
    const std::string &m_file;
};

} // namespace

Result<std::string> writeBackServerless(const std::string &text, const std::string &file,
                                        const std::vector<ViewChange> &changes, std::vector<std::string> &notes)
{
    auto document = readCloudFormationYaml(text, file);
    if (!document)
        return document.status();
    ServerlessWriter writer(*document, file);
    for (const ViewChange &change : changes)
        writer.add(change);
    if (!writer.refusals.empty())
        return Status::invalidArgument(joined(writer.refusals, "\n"));

    // The blocks written anew, in the file's order; every other line as it was.
    std::vector<std::pair<YamlBlock, Json>> replaced;
    std::vector<std::string> lines;
    for (const auto &[path, values] : {std::pair{std::vector<std::string>{"functions"}, &writer.functions},
                                      std::pair{std::vector<std::string>{"resources", "Resources"}, &writer.resources}}) {
        if (values->empty())
            continue;
        auto children = childBlocksOf(text, path);
        if (!children) {
            // Not in block style: the whole file is written anew from its tree, with the edits.
            Json whole = *document;
            for (const auto &[section, values] : {std::pair{Pointer("/functions"), &writer.functions},
                                                  std::pair{Pointer("/resources/Resources"), &writer.resources}}) {
                for (const auto &[key, value] : *values) {
                    if (value.is_null())
                        whole[section].erase(key);
                    else
                        whole[section][key] = value;
                }
            }
            notes.push_back(file + " is written anew, without its comments: " + joined(path, ".")
                            + " cannot be edited in place (" + children.status().message() + ")");
            return withLineEndsOf({text.substr(0, text.find('\n'))}, toCloudFormationYaml(whole));
        }
        lines = children->lines;
        for (const YamlBlock &block : children->blocks) {
            if (auto it = values->find(block.key); it != values->end()) {
                for (const std::string &anchor : anchorsUsedOutside(lines, block.first, block.end))
                    writer.refusals.push_back(joined(path, ".") + "." + block.key + " defines the YAML anchor &" + anchor
                                              + ", which other places of " + file + " use (*" + anchor
                                              + "); written anew it would lose it: edit " + file + " by hand");
                replaced.push_back({block, it->second});
            }
        }
    }
    if (!writer.refusals.empty())
        return Status::invalidArgument(joined(writer.refusals, "\n"));
    if (replaced.empty())
        return text;
    std::sort(replaced.begin(), replaced.end(),
              [](const auto &a, const auto &b) { return a.first.first < b.first.first; });
    std::string out;
    int at = 0;
    auto copy = [&](int end) {
        for (; at < end; ++at)
            out += lines[size_t(at)] + "\n";
    };
    for (const auto &[block, value] : replaced) {
        copy(value.is_null() ? block.first : block.keyLine); // a block that stays keeps the comments above it
        if (!value.is_null())
            out += indentedYaml(block.key, value, block.indent);
        at = block.end;
    }
    copy(int(lines.size()));
    if (!text.ends_with('\n') && out.ends_with('\n'))
        out.pop_back();
    return withLineEndsOf(lines, std::move(out));
}

} // namespace stratus::engine::exporting
