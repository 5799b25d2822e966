#include "graphchecks.h"
#include "validator.h"

#include "nodekind.h"
#include "text.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace stratus::engine {

namespace {

void addEdgeProblem(Problems &out, const Workflow &workflow, const Edge &edge, std::string code,
                    std::string message, Problem::Severity severity = Problem::Severity::Error)
{
    Problem p;
    p.severity = severity;
    p.code = std::move(code);
    p.workflow = workflow.id();
    p.edge = edge.id;
    p.message = std::move(message);
    out.push_back(std::move(p));
}

} // namespace

void checkEdges(Problems &out, const Workflow &workflow)
{
    const auto &registry = NodeKindRegistry::instance();
    std::set<std::pair<std::string, std::string>> seen; // "node\nport" pairs
    for (const Edge &edge : workflow.edges()) {
        const Node *from = workflow.findNode(edge.from.node);
        const Node *to = workflow.findNode(edge.to.node);
        if (!from || !to) {
            std::string missing;
            if (!from)
                missing = "from node '" + edge.from.node.str() + "'";
            if (!to)
                missing += (missing.empty() ? "" : " and ") + std::string("to node '")
                           + edge.to.node.str() + "'";
            addEdgeProblem(out, workflow, edge, "dangling-edge",
                           "its " + missing + " does not exist");
            continue;
        }
        const NodeKindSpec *fromSpec = registry.find(from->kind);
        const NodeKindSpec *toSpec = registry.find(to->kind);
        if (fromSpec) {
            const auto outputs = registry.outputPorts(*from);
            if (std::find(outputs.begin(), outputs.end(), edge.from.port) == outputs.end()) {
                std::string why = "'" + edge.from.port + "' is not an output port of "
                                  + fromSpec->label + " '" + from->id.str() + "'";
                why += outputs.empty() ? " (it has no outputs)"
                                       : " (outputs: " + joined(outputs) + ")";
                addEdgeProblem(out, workflow, edge, "incompatible-ports", why);
            }
        }
        if (toSpec) {
            const auto inputs = registry.inputPorts(*to);
            if (std::find(inputs.begin(), inputs.end(), edge.to.port) == inputs.end()) {
                std::string why = "'" + edge.to.port + "' is not an input port of "
                                  + toSpec->label + " '" + to->id.str() + "'";
                why += inputs.empty() ? " (" + toSpec->label + " nodes take no input)"
                                      : " (inputs: " + joined(inputs) + ")";
                addEdgeProblem(out, workflow, edge, "incompatible-ports", why);
            }
        }
        const auto key = std::make_pair(edge.from.node.str() + "\n" + edge.from.port,
                                        edge.to.node.str() + "\n" + edge.to.port);
        if (!seen.insert(key).second)
            addEdgeProblem(out, workflow, edge, "duplicate-edge",
                           "another edge already joins " + edge.from.node.str() + "."
                               + edge.from.port + " to " + edge.to.node.str() + "."
                               + edge.to.port,
                           Problem::Severity::Warning);
    }
}

/// A cycle through functions (or choices) with no queue on it would run
/// forever, so AWS-style designs break loops with a queue. Finds the strongly
/// connected components of the graph without its queue nodes (Tarjan).
void checkCycles(Problems &out, const Workflow &workflow)
{
    const auto &nodes = workflow.nodes();
    std::unordered_map<NodeId, size_t> index;
    for (size_t i = 0; i < nodes.size(); ++i)
        index.emplace(nodes[i].id, i);
    std::vector<std::vector<size_t>> next(nodes.size());
    std::vector<bool> selfLoop(nodes.size(), false);
    for (const Edge &e : workflow.edges()) {
        auto a = index.find(e.from.node), b = index.find(e.to.node);
        if (a == index.end() || b == index.end())
            continue;
        if (nodes[a->second].kind == kinds::kQueue || nodes[b->second].kind == kinds::kQueue)
            continue;
        next[a->second].push_back(b->second);
        if (a->second == b->second)
            selfLoop[a->second] = true;
    }

    // Iterative Tarjan, so that a long chain cannot overflow the stack.
    const size_t none = static_cast<size_t>(-1);
    std::vector<size_t> order(nodes.size(), none), low(nodes.size(), 0);
    std::vector<bool> onStack(nodes.size(), false);
    std::vector<size_t> stack;
    size_t counter = 0;
    for (size_t root = 0; root < nodes.size(); ++root) {
        if (order[root] != none)
            continue;
        std::vector<std::pair<size_t, size_t>> call{{root, 0}};
        order[root] = low[root] = counter++;
        stack.push_back(root);
        onStack[root] = true;
        while (!call.empty()) {
            auto &[v, child] = call.back();
            if (child < next[v].size()) {
                const size_t w = next[v][child++];
                if (order[w] == none) {
                    order[w] = low[w] = counter++;
                    stack.push_back(w);
                    onStack[w] = true;
                    call.emplace_back(w, 0);
                } else if (onStack[w]) {
                    low[v] = std::min(low[v], order[w]);
                }
                continue;
            }
            if (low[v] == order[v]) {
                std::vector<size_t> component;
                size_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = false;
                    component.push_back(w);
                } while (w != v);
                if (component.size() > 1 || selfLoop[v]) {
                    std::sort(component.begin(), component.end());
                    std::vector<std::string> names;
                    for (size_t c : component)
                        names.push_back("'" + nodes[c].id.str() + "'");
                    Problem p;
                    p.code = "cycle-without-queue";
                    p.workflow = workflow.id();
                    p.node = nodes[component.front()].id;
                    p.nodeName = nodes[component.front()].name;
                    p.message = (component.size() == 1
                                     ? "its output leads straight back to itself"
                                     : "nodes " + joined(names) + " form a cycle")
                                + " with no queue on it, so one event would run forever; put a "
                                  "queue on the cycle or remove an edge";
                    out.push_back(std::move(p));
                }
            }
            const size_t finished = v;
            call.pop_back();
            if (!call.empty())
                low[call.back().first] = std::min(low[call.back().first], low[finished]);
        }
    }
}

std::string connectionProblem(const Workflow &workflow, const PortRef &from, const PortRef &to)
{
    const auto &registry = NodeKindRegistry::instance();
    const Node *a = workflow.findNode(from.node);
    const Node *b = workflow.findNode(to.node);
    if (!a || !b)
        return "the node '" + (a ? to.node : from.node).str() + "' does not exist";
    const auto outputs = registry.outputPorts(*a);
    if (std::find(outputs.begin(), outputs.end(), from.port) == outputs.end())
        return "'" + from.port + "' is not an output of '" + a->name + "'"
               + (outputs.empty() ? std::string(" (it has no outputs)") : " (outputs: " + joined(outputs) + ")");
    const auto inputs = registry.inputPorts(*b);
    if (std::find(inputs.begin(), inputs.end(), to.port) == inputs.end()) {
        const NodeKindSpec *spec = registry.find(b->kind);
        return inputs.empty() ? "'" + b->name + "' takes no input ("
                                    + (spec ? spec->label : b->kind) + " nodes start a workflow)"
                              : "'" + to.port + "' is not an input of '" + b->name + "' (inputs: "
                                    + joined(inputs) + ")";
    }
    for (const Edge &e : workflow.edges()) {
        if (e.from == from && e.to == to)
            return "'" + a->name + "' is already wired to '" + b->name + "' there";
    }
    if (from.node == to.node)
        return "a node cannot feed itself";
    // A loop is fine only through a queue (see checkCycles): look for a path
    // back from `to` to `from` that does not pass a queue.
    if (a->kind != kinds::kQueue && b->kind != kinds::kQueue) {
        std::vector<NodeId> stack{to.node};
        std::set<std::string> seen{to.node.str()};
        while (!stack.empty()) {
            const NodeId at = stack.back();
            stack.pop_back();
            for (const Edge &e : workflow.edges()) {
                if (e.from.node != at)
                    continue;
                const Node *next = workflow.findNode(e.to.node);
                if (!next || next->kind == kinds::kQueue)
                    continue;
                if (e.to.node == from.node)
                    return "the edge would close a loop without a queue on it ('" + b->name
                           + "' already leads back to '" + a->name + "')";
                if (seen.insert(e.to.node.str()).second)
                    stack.push_back(e.to.node);
            }
        }
    }
    return {};
}

std::vector<PortRef> compatiblePorts(const Workflow &workflow, const PortRef &end, bool endIsOutput)
{
    std::vector<PortRef> out;
    const auto &registry = NodeKindRegistry::instance();
    const Node *fixed = workflow.findNode(end.node);
    if (!fixed)
        return out;
    const auto fixedPorts = endIsOutput ? registry.outputPorts(*fixed) : registry.inputPorts(*fixed);
    if (std::find(fixedPorts.begin(), fixedPorts.end(), end.port) == fixedPorts.end())
        return out;
    // The nodes a new wire would close a loop with: those that lead back to
    // `end`'s node (or that it leads to, when `end` is an input) through
    // non-queue nodes, as connectionProblem() walks them.
    std::set<std::string> closesLoop;
    if (fixed->kind != kinds::kQueue) {
        std::unordered_map<NodeId, std::vector<NodeId>> step; // against the direction of the search
        for (const Edge &e : workflow.edges())
            step[endIsOutput ? e.to.node : e.from.node].push_back(endIsOutput ? e.from.node : e.to.node);
        std::vector<NodeId> stack{end.node};
        while (!stack.empty()) {
            const NodeId at = stack.back();
            stack.pop_back();
            auto it = step.find(at);
            if (it == step.end())
                continue;
            for (const NodeId &next : it->second) {
                const Node *n = workflow.findNode(next);
                if (!n || n->kind == kinds::kQueue)
                    continue;
                if (closesLoop.insert(next.str()).second)
                    stack.push_back(next);
            }
        }
    }
    std::set<std::pair<std::string, std::string>> wired; // the other ends already joined to `end`
    for (const Edge &e : workflow.edges()) {
        const PortRef &mine = endIsOutput ? e.from : e.to;
        const PortRef &other = endIsOutput ? e.to : e.from;
        if (mine == end)
            wired.insert({other.node.str(), other.port});
    }
    for (const Node &n : workflow.nodes()) {
        if (n.id == end.node)
            continue;
        if (n.kind != kinds::kQueue && closesLoop.count(n.id.str()))
            continue;
        for (const std::string &port : endIsOutput ? registry.inputPorts(n) : registry.outputPorts(n)) {
            if (!wired.count({n.id.str(), port}))
                out.push_back({n.id, port});
        }
    }
    return out;
}

} // namespace stratus::engine
