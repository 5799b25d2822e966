#include "commands.h"

#include "engine/meter/pricing.h"

#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"
#include "engine/model/version.h"
#include "engine/store/files.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QCoreApplication>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace stratus::cli {

using namespace stratus::engine;
namespace fs = std::filesystem;

int usageError(Io &io, const std::string &command, const std::string &message)
{
    io.err << "stratus " << command << ": " << printable(message) << "\n"
           << "Try 'stratus " << command << " --help'.\n";
    return kExitError;
}

int failure(Io &io, const Status &status)
{
    io.err << "stratus: " << printable(status.message()) << "\n";
    return kExitError;
}

std::unique_ptr<QCoreApplication> ensureApplication()
{
    static int argc = 1;
    static char name[] = "stratus";
    static char *argv[] = {name, nullptr};
    if (QCoreApplication::instance())
        return nullptr;
    return std::make_unique<QCoreApplication>(argc, argv);
}

namespace {
volatile std::sig_atomic_t g_stopSignal = 0;

void onStopSignal(int signal)
{
    if (g_stopSignal) {
        // A second Ctrl+C does not wait for the first to finish stopping.
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    g_stopSignal = signal;
}
} // namespace

void catchStopSignals()
{
    g_stopSignal = 0;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int stopSignal()
{
    return int(g_stopSignal);
}

const char *signalName()
{
    return g_stopSignal == SIGINT ? "SIGINT" : "SIGTERM";
}

int signalExit()
{
    return 128 + int(g_stopSignal);
}

std::string plural(long long n, const std::string &word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Status noSuchFunction(const std::string &file, const std::string &name, const std::vector<std::string> &functions)
{
    return Status::notFound(quote(file) + " has no function " + quote(name)
                            + (functions.empty() ? std::string(" (it has none)")
                                                 : " (functions: " + printable(joined(functions)) + ")"));
}

FunctionNode findFunctionNode(const Workspace &workspace, const std::string &wanted, std::vector<std::string> *names)
{
    FunctionNode byName, byId;
    const size_t slash = wanted.find('/');
    for (const Workflow &w : workspace.workflows) {
        for (const Node &n : w.nodes()) {
            if (n.kind != kinds::kFunction)
                continue;
            if (names)
                names->push_back(n.name);
            if (n.name == wanted && !byName.node)
                byName = {&w, &n};
            const bool idMatches = slash == std::string::npos
                                       ? n.id.str() == wanted
                                       : w.id().str() == wanted.substr(0, slash) && n.id.str() == wanted.substr(slash + 1);
            if (idMatches && !byId.node)
                byId = {&w, &n};
        }
    }
    return byName.node ? byName : byId;
}

Result<std::string> functionNameFor(WorkspaceStore &store, const std::string &file, const std::string &wanted)
{
    auto ws = store.load();
    if (!ws)
        return ws.status();
    std::vector<std::string> designNames;
    if (const FunctionNode found = findFunctionNode(*ws, wanted, &designNames); found.node)
        return found.node->name;
    // A function no longer in the design may still have recorded runs.
    auto recorded = recordedFunctionNames(store.database());
    if (!recorded)
        return recorded.status().withContext(quote(file));
    std::set<std::string> names(designNames.begin(), designNames.end());
    names.insert(recorded->begin(), recorded->end());
    if (names.contains(wanted))
        return wanted;
    return noSuchFunction(file, wanted, std::vector<std::string>(names.begin(), names.end()));
}

std::string fitColumn(const std::string &text, size_t width)
{
    const std::string shown = printable(text);
    // Count characters, not bytes: a UTF-8 continuation byte starts none.
    size_t characters = 0, cut = shown.size();
    for (size_t i = 0; i < shown.size(); ++i) {
        if ((static_cast<unsigned char>(shown[i]) & 0xC0) == 0x80)
            continue;
        if (characters == width - 1 && cut == shown.size())
            cut = i;
        if (++characters > width)
            return shown.substr(0, cut) + "\u2026";
    }
    return shown + std::string(width - characters, ' ');
}

Result<Workspace> loadWorkspaceFile(const std::string &path)
{
    auto store = WorkspaceStore::open(path, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return store.status();
    return store->load();
}

namespace {

void printProblems(Io &io, const std::string &file, const Problems &problems)
{
    for (const Problem &p : problems)
        io.err << printable(file) << ": " << printable(p.toString()) << "\n";
}

Json problemsJson(const Problems &problems)
{
    Json list = Json::array();
    for (const Problem &p : problems) {
        Json j = Json::object();
        j["severity"] = p.severity == Problem::Severity::Error ? "error" : "warning";
        j["code"] = p.code;
        if (p.workflow.isValid())
            j["workflow"] = p.workflow.str();
        if (p.node.isValid()) {
            j["node"] = p.node.str();
            j["nodeName"] = p.nodeName;
        }
        if (p.edge.isValid())
            j["edge"] = p.edge.str();
        if (!p.field.empty())
            j["field"] = p.field;
        j["message"] = p.message;
        j["text"] = p.toString();
        list.push_back(std::move(j));
    }
    return list;
}

size_t countErrors(const Problems &problems)
{
    return static_cast<size_t>(std::count_if(problems.begin(), problems.end(), [](const Problem &p) {
        return p.severity == Problem::Severity::Error;
    }));
}

bool hasSqliteHeader(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
}

/// A file is read as the JSON form when it is named *.json, or when it is not
/// SQLite and starts like a JSON object.
bool looksLikeJson(const std::string &path)
{
    if (fs::path(path).extension() == ".json")
        return true;
    if (hasSqliteHeader(path))
        return false;
    std::ifstream in(path, std::ios::binary);
    char c = 0;
    while (in.get(c)) {
        if (!std::isspace(static_cast<unsigned char>(c)))
            return c == '{';
    }
    return false;
}

// --- new -------------------------------------------------------------------

int cmdNew(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "new", "expected one FILE.stratus");
    const std::string path = args.positionals()[0];
    auto target = resolveOutputPath(path, OutputKind::Workspace);
    if (!target)
        return failure(io, target.status());
    Workspace ws;
    ws.name = args.value("--name").value_or(fs::path(path).stem().string());
    if (ws.name.empty())
        return usageError(io, "new", "--name takes a name that is not empty");
    ws.settings = Json{{"pricing", "aws-x86_64"}, {"region", "us-east-1"}};
    ws.workflows.emplace_back(WorkflowId("main"), "Main");
    auto store = WorkspaceStore::create(*target);
    if (!store)
        return failure(io, store.status());
    if (Status s = store->save(ws); !s)
        return failure(io, s);
    io.err << "Created workspace " << quote(ws.name) << " in " << printable(path) << "\n";
    return kExitOk;
}

// --- import ----------------------------------------------------------------

int cmdImport(const Args &args, Io &io)
{
    if (args.positionals().size() != 2)
        return usageError(io, "import", "expected FILE.json and FILE.stratus");
    const std::string source = args.positionals()[0];
    const std::string target = args.positionals()[1];
    auto targetPath = resolveOutputPath(target, OutputKind::Workspace);
    if (!targetPath)
        return failure(io, targetPath.status());
    std::error_code ec;
    const bool replacing = fs::exists(*targetPath, ec);
    if (replacing && !args.has("--force"))
        return failure(io, Status::invalidArgument(
                               quote(target) + " already exists; --force replaces the workspace in it "
                                                "(its run history is cleared, its function file history kept)"));
    auto read = workspace_json::readFile(source);
    if (!read)
        return failure(io, read.status());
    Problems problems = read->problems;
    Problems validation = workspaceProblems(read->workspace);
    problems.insert(problems.end(), validation.begin(), validation.end());
    const std::string sourceName = source == "-" ? std::string("standard input") : source;
    printProblems(io, sourceName, problems);

    const bool unstorable = std::any_of(problems.begin(), problems.end(),
                                        workspace_json::isUnstorable);
    const size_t errors = countErrors(problems);
    if (unstorable || (args.has("--strict") && errors > 0)) {
        io.err << "stratus: " << printable(sourceName) << ": not imported (" << plural(errors, "problem") << "); "
               << printable(target) << " is unchanged\n";
        return kExitProblems;
    }
    if (Status s = WorkspaceStore::writeTo(*targetPath, read->workspace,
                                           WorkspaceStore::RunHistory::Clear);
        !s)
        return failure(io, s);
    if (errors > 0) {
        io.err << "stratus: imported " << printable(sourceName) << " into " << printable(target) << " with "
               << plural(errors, "problem") << "\n";
        return kExitProblems;
    }
    io.err << "Imported " << printable(sourceName) << " into " << printable(target) << "\n";
    return kExitOk;
}

// --- export-json -----------------------------------------------------------

int cmdExportJson(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "export-json", "expected one FILE.stratus");
    auto ws = loadWorkspaceFile(args.positionals()[0]);
    if (!ws)
        return failure(io, ws.status());
    const std::string text = workspace_json::write(*ws, args.has("--compact") ? -1 : 2);
    if (auto out = args.value("--output"); out && *out != "-") {
        if (Status s = writeOutputFile(*out, text); !s)
            return failure(io, s);
        return kExitOk;
    }
    io.out << text;
    return kExitOk;
}

// --- validate --------------------------------------------------------------

int cmdValidate(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "validate", "expected one FILE.stratus or FILE.json");
    const std::string path = args.positionals()[0];
    Problems problems;
    Workspace ws;
    std::error_code ec;
    if (path != "-" && !fs::exists(path, ec))
        return failure(io, Status::notFound(quote(path) + ": no such file"));
    if (path == "-" || looksLikeJson(path)) {
        auto read = workspace_json::readFile(path);
        if (!read)
            return failure(io, read.status());
        problems = read->problems;
        ws = std::move(read->workspace);
    } else {
        auto store = WorkspaceStore::open(path, WorkspaceStore::Access::ReadOnly);
        if (!store)
            return failure(io, store.status());
        if (Status s = store->checkIntegrity(); !s)
            return failure(io, s);
        auto loaded = store->load();
        if (!loaded)
            return failure(io, loaded.status());
        ws = loaded.take();
    }
    Problems validation = workspaceProblems(ws);
    problems.insert(problems.end(), validation.begin(), validation.end());
    const size_t errors = countErrors(problems);

    if (args.has("--json")) {
        Json report = Json::object();
        report["file"] = path;
        report["valid"] = errors == 0;
        report["errors"] = errors;
        report["warnings"] = problems.size() - errors;
        report["problems"] = problemsJson(problems);
        io.out << report.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    } else {
        const std::string name = path == "-" ? std::string("standard input") : path;
        printProblems(io, name, problems);
        size_t nodes = 0;
        for (const Workflow &w : ws.workflows)
            nodes += w.nodes().size();
        if (errors == 0)
            io.out << printable(name) << ": valid (" << plural(ws.workflows.size(), "workflow") << ", "
                   << plural(nodes, "node")
                   << (problems.empty() ? "" : ", " + plural(problems.size(), "warning")) << ")\n";
        else
            io.err << printable(name) << ": " << plural(errors, "problem") << "\n";
    }
    return errors == 0 ? kExitOk : kExitProblems;
}

// --- info ------------------------------------------------------------------

int cmdInfo(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "info", "expected one FILE.stratus");
    const std::string path = args.positionals()[0];
    auto store = WorkspaceStore::open(path, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return failure(io, store.status());
    auto loaded = store->load();
    if (!loaded)
        return failure(io, loaded.status());
    const Workspace &ws = *loaded;
    const auto &registry = NodeKindRegistry::instance();

    Json info = Json::object();
    info["file"] = path;
    info["name"] = ws.name;
    info["schemaVersion"] = store->schemaVersionOnDisk();
    std::map<std::string, size_t> kindsTotal;
    size_t nodesTotal = 0, edgesTotal = 0;
    Json workflows = Json::array();
    Json functions = Json::array();
    for (const Workflow &w : ws.workflows) {
        std::map<std::string, size_t> kinds;
        for (const Node &n : w.nodes()) {
            ++kinds[n.kind];
            ++kindsTotal[n.kind];
            if (n.kind != kinds::kFunction)
                continue;
            const Json config = registry.effectiveConfig(n);
            Json f = Json::object();
            f["workflow"] = w.id().str();
            f["id"] = n.id.str();
            f["name"] = n.name;
            for (const char *key : {"runtime", "handler", "memoryMB", "timeoutS"})
                f[key] = config.contains(key) ? config[key] : Json();
            Json files = Json::array();
            if (config.contains("files") && config["files"].is_object()) {
                for (auto it = config["files"].begin(); it != config["files"].end(); ++it)
                    files.push_back(it.key());
            }
            f["files"] = std::move(files);
            functions.push_back(std::move(f));
        }
        nodesTotal += w.nodes().size();
        edgesTotal += w.edges().size();
        Json byKind = Json::object();
        for (const auto &[kind, count] : kinds)
            byKind[kind] = count;
        workflows.push_back(Json{{"id", w.id().str()},
                                 {"name", w.name()},
                                 {"nodes", w.nodes().size()},
                                 {"edges", w.edges().size()},
                                 {"nodesByKind", std::move(byKind)}});
    }
    Json byKind = Json::object();
    for (const auto &[kind, count] : kindsTotal)
        byKind[kind] = count;
    info["workflows"] = workflows;
    info["nodes"] = nodesTotal;
    info["edges"] = edgesTotal;
    info["nodesByKind"] = byKind;
    info["functions"] = functions;
    info["testEvents"] = ws.testEvents.size();

    if (args.has("--json")) {
        io.out << info.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        return kExitOk;
    }
    // Names come from the file: shown through printable(), as any outside text.
    auto shown = [](const Json &v) { return printable(v.is_string() ? v.get<std::string>() : v.dump()); };
    io.out << "Workspace " << quote(ws.name) << " (" << printable(path) << ", schema version "
           << store->schemaVersionOnDisk() << ")\n";
    io.out << "  " << plural(ws.workflows.size(), "workflow") << ", " << plural(nodesTotal, "node")
           << ", " << plural(edgesTotal, "edge") << ", " << plural(functions.size(), "function")
           << ", " << plural(ws.testEvents.size(), "test event") << "\n";
    for (const Json &w : workflows) {
        io.out << "\nWorkflow " << shown(w["id"]) << " \"" << shown(w["name"]) << "\": "
               << plural(w["nodes"].get<size_t>(), "node") << ", " << plural(w["edges"].get<size_t>(), "edge")
               << "\n";
        for (auto it = w["nodesByKind"].begin(); it != w["nodesByKind"].end(); ++it)
            io.out << "  " << printable(it.key()) << ": " << it.value().get<size_t>() << "\n";
    }
    if (!functions.empty()) {
        io.out << "\nFunctions:\n";
        for (const Json &f : functions) {
            io.out << "  " << shown(f["name"]) << " (" << shown(f["workflow"]) << "/" << shown(f["id"])
                   << "): " << shown(f["runtime"]) << ", " << shown(f["handler"]) << ", " << shown(f["memoryMB"])
                   << " MB, " << shown(f["timeoutS"]) << " s, " << plural(f["files"].size(), "file") << "\n";
        }
    }
    return kExitOk;
}

} // namespace

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"new", "Create an empty workspace file",
         "Usage: stratus new FILE.stratus [--name NAME]\n\n"
         "Creates a new workspace file with one empty workflow. Refuses to overwrite\n"
         "an existing file.\n\n"
         "Options:\n"
         "  --name NAME   the workspace's name (default: the file's name)\n",
         {{}, {"--name"}, {}, {}},
         cmdNew},
        {"import", "Import a workspace from its JSON form",
         "Usage: stratus import FILE.json|- FILE.stratus [--strict] [--force]\n\n"
         "Reads a workspace document (format stratus-workspace, version 1; - reads stdin)\n"
         "and writes it into a new FILE.stratus. With --force an existing FILE.stratus\n"
         "is replaced: its design and run history go, the history of its function files\n"
         "is kept. Problems are listed on stderr. A document\n"
         "whose ids repeat or whose edges or test events name missing nodes is not\n"
         "imported; other problems are imported and reported (exit 1).\n"
         "On any failure FILE.stratus is left exactly as it was.\n\n"
         "Options:\n"
         "  --strict      import nothing if there is any problem\n"
         "  --force       replace the workspace in an existing FILE.stratus\n",
         {{"--strict", "--force"}, {}, {}, {}},
         cmdImport},
        {"export-json", "Write a workspace in its JSON form",
         "Usage: stratus export-json FILE.stratus [-o OUT.json] [--compact]\n\n"
         "Writes the workspace as a JSON document (to stdout by default). The file is\n"
         "only read.\n\n"
         "Options:\n"
         "  -o, --output OUT.json   write to a file instead (atomically)\n"
         "  --compact               one line instead of indented\n",
         {{"--compact"}, {"--output"}, {{"-o", "--output"}}, {}},
         cmdExportJson},
        {"export", "Write a deployable bundle of a workspace (AWS SAM, Serverless Framework)",
         "Usage: stratus export FILE.stratus --format sam|serverless -o DIR [--workflow ID]\n"
         "                      [--zip] [--force]\n\n"
         "Writes an AWS SAM bundle (template.yaml) or a Serverless Framework v3 service\n"
         "(serverless.yml) into DIR, with each function's code under functions/, its\n"
         "saved test events under events/, and a README saying how to deploy and run\n"
         "it. Nothing is uploaded. The bundle is made in full first, then\n"
         "moved into place: on any problem nothing is written. A workspace with validation\n"
         "errors, or with what AWS would refuse (listed, each naming the node), exits 1.\n"
         "DIR must be new, empty, or an earlier bundle (with --force).\n\n"
         "Options:\n"
         "  --format FORMAT     sam, or serverless (its code is always zipped)\n"
         "  -o, --output DIR    where the bundle goes\n"
         "  --workflow ID       only this workflow\n"
         "  --zip               each function's code as functions/FOLDER.zip, the same\n"
         "                      bytes for the same workspace (deploy with sam deploy)\n"
         "  --force             replace an earlier bundle in DIR\n"
         "  --fresh             a workflow imported from a template: write Stratus's own\n"
         "                      template instead of that template with the edits\n",
         {{"--force", "--zip", "--fresh"}, {"--format", "--output", "--workflow"}, {{"-o", "--output"}}, {}},
         cmdExport},
        {"import-sam", "Read an AWS SAM template into a new workspace",
         "Usage: stratus import-sam TEMPLATE.yaml FILE.stratus [--stack-name NAME] [--force]\n\n"
         "Reads an AWS SAM template and the code its CodeUri folders (or zips) hold, and\n"
         "writes a workspace with one workflow: its functions, their HTTP, schedule,\n"
         "queue, bucket and table events, its queues, buckets and tables, laid out on the\n"
         "canvas. What the canvas cannot show (Parameters, Conditions, Outputs, other\n"
         "resources and properties, comments) is kept, and written back by\n"
         "stratus export --format sam; each is listed as a warning. Code must lie inside\n"
         "the template's folder. On any error nothing is written.\n\n"
         "Options:\n"
         "  --stack-name NAME   what ${AWS::StackName} is here (default: the template's\n"
         "                      folder name)\n"
         "  --force             replace the workspace in an existing FILE.stratus\n",
         {{"--force"}, {"--stack-name"}, {}, {}},
         cmdImportSam},
        {"import-serverless", "Read a Serverless Framework service into a new workspace",
         "Usage: stratus import-serverless serverless.yml FILE.stratus [--stack-name NAME]\n"
         "                                 [--force]\n\n"
         "Reads a Serverless Framework v3 serverless.yml and its handlers' code as\n"
         "import-sam reads a template.\n\n"
         "Options:\n"
         "  --stack-name NAME   the stack's name (default: SERVICE-STAGE)\n"
         "  --force             replace the workspace in an existing FILE.stratus\n",
         {{"--force"}, {"--stack-name"}, {}, {}},
         cmdImportServerless},
        {"validate", "Check a workspace and list every problem",
         "Usage: stratus validate FILE.stratus|FILE.json|- [--json]\n\n"
         "Checks the workspace against the node kinds and the workflow rules and lists\n"
         "every problem on stderr, each naming the workflow, node, field and reason\n"
         "(- reads the JSON form from stdin).\n"
         "For a .stratus file also checks the file's integrity. Exit 0 when valid\n"
         "(warnings allowed), 1 when there are problems, 2 when the file cannot be read.\n\n"
         "Options:\n"
         "  --json        print a JSON report on stdout\n",
         {{"--json"}, {}, {}, {}},
         cmdValidate},
        {"invoke", "Run one function, as Lambda would",
         "Usage: stratus invoke FILE.stratus FUNCTION [--event FILE|- | --test-event NAME]\n"
         "       stratus invoke --code DIR --runtime RUNTIME --handler HANDLER [--event FILE|-]\n"
         "                      [--env K=V]... [--env-file FILE.json] [--timeout S] [--memory MB]\n\n"
         "Runs one invocation of a function in a fresh instance with AWS Lambda's contract\n"
         "(handler, event, context, environment) and prints the result JSON alone on stdout\n"
         "(exit 0), or the error object as the runtime reports it (exit 1). The function's\n"
         "logs, with START, END and REPORT lines, go to stderr. Without --event the event is {}.\n\n"
         "The first form runs the function of a workspace named FUNCTION (or its node id,\n"
         "or WORKFLOW/NODE as `stratus info` shows it); the second runs a folder of code\n"
         "with no workspace.\n\n"
         "Options:\n"
         "  --event FILE|-      the event JSON (- reads stdin)\n"
         "  --test-event NAME   the function's saved test event NAME as the event\n"
         "  --code DIR          the function's folder (LAMBDA_TASK_ROOT)\n"
         "  --runtime RUNTIME   nodejs20.x, nodejs22.x, nodejs24.x, python3.10 to python3.14,\n"
         "                      provided.al2, provided.al2023\n"
         "  --handler HANDLER   e.g. index.handler, app.handler\n"
         "  --env K=V           an environment variable (repeatable; Lambda's reserved\n"
         "                      names such as AWS_REGION are refused, as Lambda does)\n"
         "  --env-file FILE     a JSON object of environment variables\n"
         "  --timeout S         seconds before the invocation is stopped (default 3)\n"
         "  --memory MB         memory size, 128-10240 (default 128)\n",
         {{}, {"--event", "--test-event", "--code", "--runtime", "--handler", "--env", "--env-file", "--timeout",
               "--memory"}, {}, {"--env"}},
         cmdInvoke},
        {"serve", "Run a workspace: its HTTP gateway, schedules and resources",
         "Usage: stratus serve FILE.stratus [--host ADDRESS] [--port N] [--services-port N] [--quiet]\n\n"
         "Starts every trigger and resource of the workspace on this machine, as they run\n"
         "on AWS (docs/runner.md): the HTTP gateway (payload format 2.0 or 1.0, routes\n"
         "matched as HTTP API matches them), schedules, queues, tables and buckets. Prints\n"
         "the gateway's URL and routes, the local AWS endpoint (DynamoDB, S3 and SQS over\n"
         "the table, bucket and queue nodes, for the SDK and the AWS CLI:\n"
         "docs/services.md), then a REPORT line per invocation and a line per run. A\n"
         "saved change to the workspace is picked up while it runs. Every run is recorded\n"
         "in the workspace (see `stratus runs`). Ctrl+C or SIGTERM stops it: runs in\n"
         "flight get 1.5 s to end, then are stopped and recorded as failed.\n"
         "Exit 1 when the workspace has problems (listed), 2 when it cannot start.\n\n"
         "Options:\n"
         "  --host ADDRESS   listen on this address (default: settings.gateway.host,\n"
         "                   127.0.0.1)\n"
         "  --port N         listen on this port (default: settings.gateway.port; 0 = free)\n"
         "  --services-port N\n"
         "                   the AWS endpoint's port, on the same host (default:\n"
         "                   settings.services.port; 0 = free)\n"
         "  --quiet          no line per invocation and run\n",
         {{"--quiet"}, {"--host", "--port", "--services-port"}, {}, {}},
         cmdServe},
        {"send", "Send one event through a workflow and print its run",
         "Usage: stratus send FILE.stratus --trigger NODE [--event FILE|- | --test-event NAME]\n"
         "                    [--wait S] [--json]\n\n"
         "Sends one event from a trigger through its workflow, as `serve` would, and prints\n"
         "the run: every node it passed with its output, then the final output or error\n"
         "(for an HTTP trigger, the HTTP answer too), then the runs that queues, tables\n"
         "and buckets started with what it wrote (\"then run\"), or with what else was\n"
         "waiting there (\"meanwhile run\"). The function's logs go to stderr.\n"
         "Exit 0 when the run succeeded, 1 when it failed, 2 when it did not end within\n"
         "--wait, 128+N when signal N stopped it (the run is recorded aborted). While\n"
         "`serve` or the studio runs the file, what the run writes is delivered there.\n\n"
         "Without --event the trigger makes its own: a manual trigger its configured event,\n"
         "a schedule its Scheduled Event for now, an HTTP trigger a request to its route.\n"
         "For an HTTP trigger the event may be a request {\"method\", \"path\",\n"
         "\"pathParameters\", \"query\", \"headers\", \"body\"} (missing parts from the trigger's\n"
         "route; a body without a content-type header is sent as application/json when it\n"
         "is JSON, else text/plain) or a full payload 2.0 event.\n\n"
         "Options:\n"
         "  --trigger NODE      the trigger's name, node id or WORKFLOW/NODE\n"
         "  --event FILE|-      the event JSON (- reads stdin)\n"
         "  --test-event NAME   the trigger's saved test event NAME\n"
         "  --wait S            how long to wait for the runs to end (default 30)\n"
         "  --json              print the run as JSON\n",
         {{"--json"}, {"--trigger", "--event", "--test-event", "--wait"}, {}, {}},
         cmdSend},
        {"debug", "Step through a workflow run node by node",
         "Usage: stratus debug FILE.stratus --trigger NODE [--event FILE|- | --test-event NAME]\n"
         "                     [--break NODE]...\n\n"
         "Sends one event from the trigger as `send` does, pausing before each --break node.\n"
         "At the (stratus) prompt, which reads standard input (so scripts can drive it):\n"
         "  step, s              run the node it is paused before, pause before the next\n"
         "  continue, c          run on to the next breakpoint or the end\n"
         "  print, p             show the event the node is about to receive\n"
         "  set JSON | set @FILE replace that event\n"
         "  abort, a             end the run (recorded as aborted)\n"
         "  replay RUN [--from NODE]  run a recorded run again from a node of its path,\n"
         "                       with the input recorded there (or the one `set` gave)\n"
         "  quit, q              leave (what is paused is aborted)\n"
         "Every run is recorded as `send` records it. Exit 0 when the last run ended well.\n\n"
         "Options:\n"
         "  --trigger NODE      the trigger's name, node id or WORKFLOW/NODE\n"
         "  --event FILE|-      the event JSON (default: the trigger's own, as `send`)\n"
         "  --test-event NAME   the trigger's saved test event NAME\n"
         "  --break NODE        pause before this node (repeatable)\n",
         {{}, {"--trigger", "--event", "--test-event", "--break"}, {}, {"--break"}},
         cmdDebug},
        {"load", "Load-test a trigger: many runs at a concurrency, with latency and cost",
         "Usage: stratus load FILE.stratus --trigger NODE [--event FILE|- | --test-event NAME]\n"
         "                    [-n N | --rate R --duration S] [-c C] [--json]\n\n"
         "Sends the trigger's event (as `send` makes it) N times, at most C runs in flight,\n"
         "or R runs a second for S seconds, and prints what a caller of the trigger saw:\n"
         "runs a second, latency from the start to the end of each run (p50, p95, p99,\n"
         "max), runs that failed, and what the runs' invocations were: cold starts,\n"
         "throttles, errors, and their cost (per million runs, with the HTTP gateway's\n"
         "price for an HTTP trigger) under the workspace's pricing preset. Every run is\n"
         "recorded (see `stratus runs`, `stats`). Ctrl+C starts no more runs and reports\n"
         "those that ended. Exit 0 when every run succeeded, 1 when some failed, 2 on a\n"
         "usage or start error, 128+N when signal N stopped it.\n\n"
         "Options:\n"
         "  --trigger NODE      the trigger's name, node id or WORKFLOW/NODE\n"
         "  --event FILE|-      the event JSON (default: the trigger's own, as `send`)\n"
         "  --test-event NAME   the trigger's saved test event NAME\n"
         "  -n N                how many runs (default 100)\n"
         "  -c C                how many in flight at most (default 4)\n"
         "  --rate R            runs a second (with --duration)\n"
         "  --duration S        for how many seconds (with --rate)\n"
         "  --json              print the summary as JSON\n",
         {{"--json"}, {"--trigger", "--event", "--test-event", "-n", "-c", "--rate", "--duration"}, {}, {}},
         cmdLoad},
        {"tune", "Run a function at several memory sizes: duration and cost of each",
         "Usage: stratus tune FILE.stratus FUNCTION [--memory 128,256,...] [--runs N]\n"
         "                    [--event FILE|- | --test-event NAME] [--json]\n\n"
         "Runs the function's event at each memory size in fresh instances: one warm-up\n"
         "invocation (the cold start, not counted), then N measured ones. Each instance\n"
         "gets Lambda's CPU share for its memory (one vCPU at 1,769 MB): through a CPU\n"
         "cgroup of its own when this machine allows it, else its duration is estimated\n"
         "from the CPU time it used; the output says which. Prints each size's duration\n"
         "(p50, mean), CPU time, billed duration, peak memory and cost per invocation\n"
         "under the workspace's pricing preset, and marks the cheapest, the fastest and a\n"
         "balanced size (as AWS Lambda Power Tuning does). A size whose warm-up fails\n"
         "(an error, a timeout, out of memory) is not measured further and never chosen.\n"
         "The runs are not recorded in the history. Ctrl+C stops the invocation in\n"
         "flight and prints the sizes measured so far. Exit 0 when a size ran without\n"
         "failures, 1 when none did, 128+N when signal N stopped it.\n\n"
         "Options:\n"
         "  --memory LIST       sizes in MB, 128-10240 (default 128,256,512,1024,1769,3008)\n"
         "  --runs N            measured runs a size, 1-100 (default 5)\n"
         "  --event FILE|-      the event JSON (default {})\n"
         "  --test-event NAME   the function's saved test event NAME\n"
         "  --json              print the result as JSON\n",
         {{"--json"}, {"--memory", "--runs", "--event", "--test-event"}, {}, {}},
         cmdTune},
        {"table", "List the items of a workspace's table",
         "Usage: stratus table FILE.stratus TABLE [--typed] [--json]\n\n"
         "Lists the items a table node holds (written by runs), as plain JSON; --typed\n"
         "shows them as DynamoDB attribute values ({\"S\": ...}). The file is only read.\n\n"
         "Options:\n"
         "  --typed   DynamoDB's typed form\n"
         "  --json    a JSON array on stdout\n",
         {{"--typed", "--json"}, {}, {}, {}},
         cmdTable},
        {"queue", "Show how many messages a workspace's queue holds",
         "Usage: stratus queue FILE.stratus QUEUE [--json]\n\n"
         "Shows how many messages are waiting, in flight (received, hidden until their visibility\n"
         "timeout) and dead (received maxReceiveCount times without success). The file is\n"
         "only read.\n\n"
         "Options:\n"
         "  --json    print JSON on stdout\n",
         {{"--json"}, {}, {}, {}},
         cmdQueue},
        {"runs", "List the invocations recorded in a workspace",
         "Usage: stratus runs FILE.stratus [--last N] [--function NAME] [--logs] [--json]\n"
         "       stratus runs FILE.stratus --workflows [--last N] [--json]\n"
         "       stratus runs FILE.stratus --run RUN-ID [--json]\n\n"
         "Lists the workspace's recorded invocations, newest first: start, request id,\n"
         "function, cold or warm, duration, billed duration, memory used and size,\n"
         "status and cost (under the workspace's pricing preset). With --workflows, the\n"
         "workflow runs instead (trigger, status, duration and the path of nodes each\n"
         "passed); --run shows one run in full: every node's input and output. The file\n"
         "is only read.\n\n"
         "Options:\n"
         "  --last N          the N most recent (default 20)\n"
         "  --function NAME   only this function's\n"
         "  --logs            with each invocation's log lines\n"
         "  --workflows       workflow runs with their paths\n"
         "  --run RUN-ID      one run in full\n"
         "  --json            print JSON on stdout\n",
         {{"--json", "--logs", "--workflows"}, {"--last", "--function", "--run"}, {}, {}},
         cmdRuns},
        {"stats", "Statistics over recorded invocations",
         "Usage: stratus stats FILE.stratus [--since TIME|AGE] [--function NAME]\n"
         "                     [--by function|workflow] [--json]\n\n"
         "Count, error rate, throttles, cold-start share, duration min/mean/p50/p90/p95/\n"
         "p99/max (exact up to 100,000 invocations, then a sketch within 1 %), throughput,\n"
         "peak concurrency, GB-seconds and cost of the recorded invocations.\n\n"
         "Options:\n"
         "  --since TIME|AGE   from a time (2026-11-26T10:00:00Z) or an age (90s, 30m, 2h, 7d)\n"
         "  --function NAME    only this function's\n"
         "  --by KEY           also per function or per workflow (cost per function/workflow)\n"
         "  --json             print JSON on stdout\n",
         {{"--json"}, {"--since", "--function", "--by"}, {}, {}},
         cmdStats},
        {"prune", "Remove run history the retention policy does not keep",
         "Usage: stratus prune FILE.stratus [--keep-days N] [--keep-runs N]\n\n"
         "Removes the runs (with their invocations and logs) older than N days, or beyond\n"
         "the N most recent, and gives the space back to the file system. The policy\n"
         "comes from the workspace's settings ({\"retention\": {\"days\": N, \"runs\": N}})\n"
         "unless the options say otherwise. The design is never touched.\n\n"
         "Options:\n"
         "  --keep-days N   keep runs of the last N days\n"
         "  --keep-runs N   keep the N most recent runs\n",
         {{}, {"--keep-days", "--keep-runs"}, {}, {}},
         cmdPrune},
        {"cost", "Project a workspace's monthly bill",
         "Usage: stratus cost FILE.stratus (--requests-per-month N | --requests-per-hour LIST)\n"
         "                    [--preset NAME] [--duration-ms MS] [--vm-hourly PRICE] [--json]\n\n"
         "Prices a month in which each function of the workspace runs N times, under a\n"
         "pricing preset (the workspace's setting, else aws-x86_64): each function's\n"
         "average duration and memory used come from its recorded invocations (or\n"
         "--duration-ms when it has none), the HTTP gateway is priced per request, and\n"
         "the free tier counts once for the account. Shows the bill with and without\n"
         "the free tier, beside an always-on VM, and the traffic at which they cost the same.\n"
         "Then prices the recorded runs per workflow: their invocations, the gateway request\n"
         "of each HTTP-triggered run and the state transitions of chained runs.\n\n"
         "Options:\n"
         "  --requests-per-month N   the traffic\n"
         "  --requests-per-hour LIST or a day's curve: 24 comma-separated numbers, one per\n"
         "                           hour, repeated over the month (730 hours)\n"
         "  --preset NAME            aws-x86_64, aws-arm64, gcp-run-functions, azure-consumption,\n"
         "                           or one of the workspace's settings.pricingPresets\n"
         "  --duration-ms MS         assumed duration of functions with no history (100)\n"
         "  --vm-hourly PRICE        the VM's price per hour in dollars (0.0416)\n"
         "  --json                   print JSON on stdout\n",
         {{"--json"}, {"--requests-per-month", "--requests-per-hour", "--preset", "--duration-ms", "--vm-hourly"}, {}, {}},
         cmdCost},
        {"info", "Summarise a workspace",
         "Usage: stratus info FILE.stratus [--json]\n\n"
         "Prints the workspace's workflows, nodes by kind, edges and functions.\n\n"
         "Options:\n"
         "  --json        print JSON on stdout\n",
         {{"--json"}, {}, {}, {}},
         cmdInfo},
    };
    return list;
}

namespace {

/// The edit distance between two short words (insertions, deletions,
/// substitutions), to suggest the command a typo meant.
size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The command `typed` most likely meant: the only one that starts with it,
/// or the nearest within a third of its length; empty if none is close.
std::string closestCommand(const std::string &typedAsIs)
{
    if (typedAsIs.size() > 64)
        return {};
    std::string typed = typedAsIs; // commands are lower case: INFO meant info
    for (char &c : typed)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    std::vector<std::string> prefixed;
    for (const Command &c : commands()) {
        if (typed.size() >= 2 && c.name.starts_with(typed))
            prefixed.push_back(c.name);
    }
    if (prefixed.size() == 1)
        return prefixed.front();
    if (prefixed.size() > 1)
        return {}; // "in" could be info or invoke: no guess
    std::string best;
    size_t bestDistance = std::max<size_t>(2, typed.size() / 3) + 1;
    for (const Command &c : commands()) {
        if (const size_t d = editDistance(typed, c.name); d < bestDistance) {
            best = c.name;
            bestDistance = d;
        }
    }
    return best;
}

int dispatch(const std::vector<std::string> &argv, Io &io)
{
    auto printUsage = [&](std::ostream &out) {
        out << "Usage: stratus COMMAND [ARGS]\n\n"
               "Stratus, the serverless studio, without a display.\n\nCommands:\n";
        for (const Command &c : commands())
            out << "  " << c.name << std::string(14 - std::min<size_t>(13, c.name.size()), ' ')
                << c.summary << "\n";
        out << "\nRun 'stratus COMMAND --help' for a command's arguments.\n"
               "Exit codes: 0 ok, 1 the workspace has problems, 2 usage or I/O error.\n";
    };
    if (argv.size() < 2) {
        printUsage(io.err);
        return kExitError;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        if (argv.size() > 2) {
            for (const Command &c : commands()) {
                if (c.name == argv[2]) {
                    io.out << c.help;
                    return kExitOk;
                }
            }
            return usageError(io, "help", "no command '" + argv[2] + "'");
        }
        printUsage(io.out);
        return kExitOk;
    }
    if (name == "--version") {
        io.out << "stratus " << engine::kVersion << "\n";
        return kExitOk;
    }
    for (const Command &c : commands()) {
        if (c.name != name)
            continue;
        std::vector<std::string> rest(argv.begin() + 2, argv.end());
        if (std::find(rest.begin(), rest.end(), "--help") != rest.end()
            || std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
            io.out << c.help;
            return kExitOk;
        }
        Args args(rest, c.spec);
        if (!args.ok())
            return usageError(io, c.name, args.error());
        try {
            return c.run(args, io);
        } catch (const std::exception &e) {
            io.err << "stratus " << c.name << ": internal error: " << printable(e.what()) << "\n";
            return kExitError;
        }
    }
    io.err << "stratus: unknown command " << quote(name);
    if (const std::string guess = closestCommand(name); !guess.empty())
        io.err << "; did you mean '" << guess << "'?";
    io.err << "\nRun 'stratus --help' for the list of commands.\n";
    return kExitError;
}

} // namespace

int runCli(const std::vector<std::string> &argv, Io &io)
{
    const int code = dispatch(argv, io);
    // Output that did not reach its reader (a full disk, a closed pipe) is a
    // failure, whatever the command itself concluded.
    io.out.flush();
    if (!io.out) {
        const int error = io.outputError ? io.outputError() : 0;
        io.err << "stratus: cannot write to standard output (" << (error ? std::strerror(error) : "write error")
               << ")\n";
        return kExitError;
    }
    return code;
}

} // namespace stratus::cli
