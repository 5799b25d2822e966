#pragma once

// The large workspace the benchmarks share: `nodeCount` nodes of every kind
// on a 50-column grid and `edgeCount` edges (fixed seed): between random
// nodes anywhere (the worst case: long wires across the whole canvas), or,
// with `localWires`, between neighbours (a node and one of the next few in
// its row or the row below), as workflows are drawn.

#include "engine/model/workflow.h"

#include <random>
#include <string>
#include <vector>

namespace stratus::bench {

using namespace stratus::engine;

inline Workspace makeWorkspace(int nodeCount, int edgeCount, bool localWires = false)
{
    std::mt19937 rng(2026);
    Workflow wf(WorkflowId("big"), "Big");
    const char *kinds[] = {"trigger.http", "function", "function", "function", "choice",
                           "queue",        "bucket",   "table",    "log",      "trigger.schedule"};
    std::vector<NodeId> sources, sinks;
    for (int i = 0; i < nodeCount; ++i) {
        const std::string kind = kinds[i % 10];
        const std::string id = "n" + std::to_string(i);
        Json config = Json::object();
        if (kind == "trigger.http")
            config = {{"method", "POST"}, {"path", "/r/" + std::to_string(i) + "/{id}"}};
        else if (kind == "trigger.schedule")
            config = {{"expression", "cron(0/5 8-17 ? * MON-FRI *)"}};
        else if (kind == "function")
            config = {{"runtime", i % 2 ? "nodejs20.x" : "python3.12"},
                      {"handler", i % 2 ? "index.handler" : "app.handler"},
                      {"memoryMB", 256},
                      {"environment", {{"TABLE", "t" + std::to_string(i)}}},
                      {"files",
                       {{i % 2 ? "index.js" : "app.py",
                         "// function " + id + "\n" + std::string(400, 'x') + "\n"}}}};
        else if (kind == "choice")
            config = {{"rules",
                       {{{"port", "big"},
                         {"condition", {{"variable", "$.n"}, {"numericGreaterThan", 10}}}}}}};
        std::string name = kind == "bucket" ? "bucket-" + std::to_string(i) : id;
        wf.addNode(Node{NodeId(id), kind, name, config},
                   Position{double(i % 50) * 220, double(i / 50) * 140});
        if (kind != "log")
            sources.push_back(NodeId(id));
        if (kind.rfind("trigger", 0) != 0)
            sinks.push_back(NodeId(id));
    }
    for (int i = 0; i < edgeCount; ++i) {
        NodeId from = sources[rng() % sources.size()];
        NodeId to = sinks[rng() % sinks.size()];
        while (localWires) {
            const int a = int(rng() % unsigned(nodeCount));
            const int b = a + (rng() % 2 ? 1 + int(rng() % 4) : 50 + int(rng() % 3));
            if (b >= nodeCount)
                continue;
            const Node *na = wf.findNode(NodeId("n" + std::to_string(a)));
            const Node *nb = wf.findNode(NodeId("n" + std::to_string(b)));
            if (na->kind == "log" || nb->kind.rfind("trigger", 0) == 0)
                continue;
            from = na->id;
            to = nb->id;
            break;
        }
        const std::string kind = wf.findNode(from)->kind;
        const std::string port = kind.rfind("trigger", 0) == 0 ? "event"
                                 : kind == "function"          ? "ok"
                                 : kind == "choice"            ? "default"
                                                               : "out";
        wf.addEdge(Edge{EdgeId("e" + std::to_string(i)), {from, port}, {to, "in"}});
    }
    Workspace ws;
    ws.name = "bench";
    ws.workflows.push_back(std::move(wf));
    return ws;
}

} // namespace stratus::bench
