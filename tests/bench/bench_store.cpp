// Benchmark: a workspace of 2,000 nodes and 3,000 edges through the store and
// the JSON form. Reports the median of several runs of each step:
//   save (new file), save (after one edit), open + load, JSON export,
//   JSON import (parse only) and JSON import into a new file, validation.
// Target (issue 2): each under 50 ms on the 2-core machine.
//
// Usage: bench_store [runs] [nodes] [edges]

#include "benchworkspace.h"
#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"

#include "engine/store/workspacestore.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace stratus::engine;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double timeMs(const std::function<void()> &f)
{
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "bench_store: %s failed\n", what);
        std::exit(1);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 7;
    const int nodes = argc > 2 ? std::atoi(argv[2]) : 2000;
    const int edges = argc > 3 ? std::atoi(argv[3]) : 3000;
    const Workspace ws = stratus::bench::makeWorkspace(nodes, edges);
    QTemporaryDir dir;
    check(dir.isValid(), "temporary folder");

    std::vector<double> saveNew, saveEdit, openLoad, jsonExport, jsonParse, jsonImport, validate;
    std::string json;
    for (int run = 0; run < runs; ++run) {
        const std::string file = dir.filePath(QStringLiteral("b%1.stratus").arg(run)).toStdString();
        {
            auto store = WorkspaceStore::create(file);
            check(store.isOk(), "create");
            saveNew.push_back(timeMs([&] { check(store->save(ws).isOk(), "save"); }));
            Workspace edited = ws;
            edited.workflows[0].findNode(NodeId("n1"))->config["memoryMB"] = 512;
            edited.workflows[0].setPosition(NodeId("n2"), {1, 1});
            saveEdit.push_back(timeMs([&] { check(store->save(edited).isOk(), "save edit"); }));
        }
        Workspace loaded;
        openLoad.push_back(timeMs([&] {
            auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
            check(store.isOk(), "open");
            auto l = store->load();
            check(l.isOk(), "load");
            loaded = l.take();
        }));
        jsonExport.push_back(timeMs([&] { json = workspace_json::write(loaded); }));
        workspace_json::ReadResult parsed;
        jsonParse.push_back(timeMs([&] {
            auto r = workspace_json::read(json);
            check(r.isOk(), "json read");
            parsed = r.take();
        }));
        const std::string target = dir.filePath(QStringLiteral("i%1.stratus").arg(run)).toStdString();
        jsonImport.push_back(timeMs([&] {
            auto r = workspace_json::read(json);
            check(r.isOk(), "json read");
            check(WorkspaceStore::writeTo(target, r->workspace).isOk(), "import");
        }));
        validate.push_back(timeMs([&] { (void)validateWorkspace(parsed.workspace); }));
    }
    if (const char *out = std::getenv("STRATUS_BENCH_JSON")) {
        // Keep the document for experiments with other parsers and tools.
        std::FILE *f = std::fopen(out, "wb");
        check(f && std::fwrite(json.data(), 1, json.size(), f) == json.size(), "write json");
        std::fclose(f);
    }
    std::printf("bench_store: %d nodes, %d edges, %zu KB of JSON, median of %d runs\n", nodes, edges,
                json.size() / 1024, runs);
    std::printf("  %-34s %8.2f ms\n", "save (new file)", median(saveNew));
    std::printf("  %-34s %8.2f ms\n", "save (after one edit)", median(saveEdit));
    std::printf("  %-34s %8.2f ms\n", "open + load", median(openLoad));
    std::printf("  %-34s %8.2f ms\n", "JSON export", median(jsonExport));
    std::printf("  %-34s %8.2f ms\n", "JSON import (parse)", median(jsonParse));
    std::printf("  %-34s %8.2f ms\n", "JSON import (parse + new file)", median(jsonImport));
    std::printf("  %-34s %8.2f ms\n", "validate", median(validate));
    return 0;
}
