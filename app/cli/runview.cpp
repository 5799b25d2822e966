#include "runview.h"

#include "commands.h"

#include "engine/model/nodekind.h"
#include "engine/model/text.h"

#include <algorithm>
#include <cstdio>

namespace stratus::cli {

using namespace stratus::engine;

std::string milliseconds(int64_t us)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f ms", double(us) / 1000.0);
    return buffer;
}

/// A value for a one-line display: compact JSON, cut at `width` characters.
std::string shortJson(const std::string &json, size_t width)
{
    std::string text = printable(json);
    if (text.size() > width)
        text = text.substr(0, width - 1) + "…";
    return text;
}

/// The run as `send` and `debug` print it: its path, each node's output, its end.
void printRun(std::ostream &out, const RunEntry &r, const Workspace *design, bool full)
{
    const Workflow *wf = design ? design->findWorkflow(WorkflowId(r.workflowId)) : nullptr;
    auto nameOf = [&](const std::string &id) {
        const Node *n = wf ? wf->findNode(NodeId(id)) : nullptr;
        return n ? n->name : id;
    };
    out << "run " << r.runId << "  " << r.trigger << "  " << r.status << "  "
        << milliseconds(r.finishedAtUs - r.startedAtUs) << "\n";
    int index = 0;
    for (const RunStepEntry &step : r.steps) {
        out << "  " << ++index << ". " << fitColumn(nameOf(step.nodeId), 24) << " " << fitColumn(step.kind, 16) << " "
            << fitColumn(step.status, 7) << " " << (step.port.empty() ? std::string("  ") : "→ " + step.port + " ")
            << (step.output.empty() || full ? std::string() : shortJson(step.output)) << "\n";
        if (full) {
            auto show = [&](const char *label, const std::string &json) {
                if (json.empty())
                    return;
                auto parsed = parseJson(json);
                const std::string text = parsed ? parsed->dump(2, ' ', false, Json::error_handler_t::replace) : json;
                size_t start = 0;
                const char *lead = label;
                while (start <= text.size()) {
                    const size_t end = std::min(text.find('\n', start), text.size());
                    out << "       " << lead << " " << printable(std::string_view(text).substr(start, end - start))
                        << "\n";
                    lead = "    ";
                    start = end + 1;
                }
            };
            if (!kinds::isTrigger(step.kind))
                show("in: ", step.input);
            show("out:", step.output);
        }
    }
    for (const std::string &line : r.log)
        out << "  log " << printable(line) << "\n";
    if (r.status == "ok")
        out << "output: " << (r.output.empty() ? std::string("(none)") : printable(r.output)) << "\n";
    else
        out << "error: " << printable(r.error) << "\n";
}

Json runJson(const RunEntry &r)
{
    auto parsed = [](const std::string &text) -> Json {
        if (text.empty())
            return nullptr;
        auto p = parseJson(text);
        return p ? p.take() : Json(text);
    };
    Json steps = Json::array();
    for (const RunStepEntry &s : r.steps) {
        if (s.kind.empty() && s.status.empty()) {
            // A listing reads only the path's node ids; `runs --run ID` has the rest.
            steps.push_back(Json{{"node", s.nodeId}});
            continue;
        }
        Json step{{"node", s.nodeId}, {"kind", s.kind}, {"status", s.status}, {"startedAtUs", s.startedAtUs},
                  {"durationUs", s.durationUs}, {"input", parsed(s.input)}, {"output", parsed(s.output)}};
        if (!s.port.empty())
            step["port"] = s.port;
        if (!s.requestId.empty())
            step["requestId"] = s.requestId;
        steps.push_back(std::move(step));
    }
    Json log = Json::array();
    for (const std::string &l : r.log)
        log.push_back(l);
    return Json{{"runId", r.runId},         {"workflow", r.workflowId},      {"trigger", r.trigger},
                {"triggerNode", r.triggerNodeId}, {"status", r.status},    {"startedAtUs", r.startedAtUs},
                {"finishedAtUs", r.finishedAtUs}, {"output", parsed(r.output)}, {"error", parsed(r.error)},
                {"log", log},               {"path", steps},                 {"parentRunId", r.parentRunId}};
}

} // namespace stratus::cli
