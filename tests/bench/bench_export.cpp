// bench_export: how long the SAM and Serverless exports of a large workspace
// take, and the import of the SAM bundle back (import-sam), and its export
// again (the template written back).
//
// 2,000 nodes in groups of nine: an HTTP route to a function whose result
// a choice writes into a table (a state machine, with its front function),
// the table's stream to a function, a schedule to a function, a queue to
// a function. The bundle is made in memory, then written to a temporary
// folder. The aim (issue 12): under 1 s for each export and for the import.
//
//   build/release/tests/bench_export [nodes]

#include "engine/export/bundle.h"
#include "engine/export/sam.h"
#include "engine/export/samimport.h"
#include "engine/export/serverless.h"
#include "engine/model/workflow.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace stratus::engine;

namespace {

Workspace exportableWorkspace(int nodeCount)
{
    Workflow wf(WorkflowId("big"), "Big");
    const auto function = [&](const std::string &name, int i) {
        Node n{NodeId(name), "function", name,
               Json{{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"memoryMB", 256}, {"timeoutS", 10},
                    {"environment", {{"INDEX", std::to_string(i)}}},
                    {"files", {{"index.js", "exports.handler = async (event) => ({ statusCode: 200, body: '"
                                                + name + "' });\n"}}}}};
        wf.addNode(n);
        return n.id;
    };
    const auto wire = [&](const NodeId &from, const std::string &port, const NodeId &to) {
        wf.addEdge(Edge{EdgeId(from.str() + "." + port + "->" + to.str()), {from, port}, {to, "in"}});
    };
    for (int g = 0; g * 9 < nodeCount; ++g) {
        const std::string s = std::to_string(g);
        Node route{NodeId("route" + s), "trigger.http", "GET /items/" + s,
                   Json{{"method", "GET"}, {"path", "/items/" + s + "/{id}"}}};
        wf.addNode(route);
        const NodeId get = function("get-item-" + s, g);
        wire(route.id, "event", get);
        Node check{NodeId("check" + s), "choice", "found " + s,
                   Json{{"rules", Json::array({Json{{"port", "missing"},
                                                    {"condition", {{"variable", "$.statusCode"}, {"numericEquals", 404}}}}})}}};
        wf.addNode(check);
        wire(get, "ok", check.id);
        Node table{NodeId("table" + s), "table", "items-" + s, Json{{"partitionKey", "id"}}};
        wf.addNode(table);
        wire(check.id, "default", table.id);
        wire(table.id, "out", function("audit-" + s, g));
        Node schedule{NodeId("every" + s), "trigger.schedule", "every " + s, Json{{"expression", "rate(5 minutes)"}}};
        wf.addNode(schedule);
        wire(schedule.id, "event", function("tick-" + s, g));
        Node queue{NodeId("queue" + s), "queue", "jobs-" + s, Json{{"visibilityTimeoutS", 60}}};
        wf.addNode(queue);
        wire(queue.id, "out", function("work-" + s, g));
    }
    Workspace ws;
    ws.name = "bench";
    ws.workflows.push_back(std::move(wf));
    return ws;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// Makes and writes the bundle five times: the medians, and what it held.
template <typename Export>
int measure(const char *what, const Workspace &ws, int nodes, Export exportIt, const char *main)
{
    std::vector<double> made, written;
    size_t files = 0, mainBytes = 0;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer clock;
        clock.start();
        auto bundle = exportIt(ws);
        made.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!bundle) {
            std::fprintf(stderr, "bench_export: %s\n", bundle.status().message().c_str());
            return 1;
        }
        files = bundle->files.size();
        mainBytes = bundle->files.at(main).size();
        QTemporaryDir dir;
        clock.restart();
        if (Status s = exporting::writeBundle(*bundle, dir.filePath(QStringLiteral("bundle")).toStdString(), false); !s) {
            std::fprintf(stderr, "bench_export: %s\n", s.message().c_str());
            return 1;
        }
        written.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::printf("%s of %d nodes (%zu files, %s %zu KB), median of 5:\n", what, nodes, files, main, mainBytes / 1024);
    std::printf("  made in memory (validation included): %8.1f ms\n", median(made));
    std::printf("  written (a new folder, renamed):       %8.1f ms\n", median(written));
    std::printf("  together:                              %8.1f ms   (aim: under 1,000 ms)\n", median(made) + median(written));
    return 0;
}

/// The SAM bundle written once, then imported five times; the imported
/// workspace exported (written back) five times.
int measureImport(const Workspace &ws, int nodes)
{
    QTemporaryDir dir;
    const std::string folder = dir.filePath(QStringLiteral("bundle")).toStdString();
    auto bundle = exporting::exportSam(ws);
    if (!bundle || !exporting::writeBundle(*bundle, folder, false)) {
        std::fprintf(stderr, "bench_export: the bundle to import could not be written\n");
        return 1;
    }
    std::vector<double> imported, writtenBack;
    size_t importedNodes = 0;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer clock;
        clock.start();
        auto read = exporting::importSam(folder + "/template.yaml");
        imported.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!read) {
            std::fprintf(stderr, "bench_export: %s\n", read.status().message().c_str());
            return 1;
        }
        importedNodes = read->workspace.workflows.front().nodes().size();
        clock.restart();
        auto again = exporting::exportSam(read->workspace);
        writtenBack.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!again || again->files.at("template.yaml") != bundle->files.at("template.yaml")) {
            std::fprintf(stderr, "bench_export: the template written back differs\n");
            return 1;
        }
    }
    std::printf("SAM import of that export (%d nodes exported, %zu on the canvas), median of 5:\n", nodes, importedNodes);
    std::printf("  import-sam (template and code read):   %8.1f ms   (aim: under 1,000 ms)\n", median(imported));
    std::printf("  export of it (the template written back): %5.1f ms\n", median(writtenBack));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const int nodes = argc > 1 ? std::max(9, atoi(argv[1])) : 2000;
    const Workspace ws = exportableWorkspace(nodes);
    const auto sam = [](const Workspace &w) { return exporting::exportSam(w); };
    const auto serverless = [](const Workspace &w) { return exporting::exportServerless(w); };
    if (int failed = measure("SAM export", ws, nodes, sam, "template.yaml"))
        return failed;
    if (int failed = measure("Serverless export", ws, nodes, serverless, "serverless.yml"))
        return failed;
    return measureImport(ws, nodes);
}
