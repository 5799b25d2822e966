// stratus export: a deployable bundle of a workspace (engine/export); and
// stratus import-sam / import-serverless, a template read back into one.

#include "commands.h"

#include "engine/export/sam.h"
#include "engine/export/samimport.h"
#include "engine/export/serverless.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/store/files.h"
#include "engine/store/workspacestore.h"

#include <filesystem>
#include <sstream>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

/// "stratus: headline" and the rest of a multi-line message indented under it.
void printLines(Io &io, const std::string &message)
{
    std::istringstream lines(message);
    const char *prefix = "stratus: ";
    for (std::string line; std::getline(lines, line); prefix = "  ")
        io.err << prefix << printable(line) << "\n";
}

} // namespace

int cmdExport(const Args &args, Io &io)
{
    if (args.positionals().size() != 1)
        return usageError(io, "export", "expected one FILE.stratus");
    const std::string format = args.value("--format").value_or("");
    if (format.empty())
        return usageError(io, "export", "choose a format: --format sam or --format serverless");
    if (format != "sam" && format != "serverless")
        return usageError(io, "export", "--format " + quote(format) + " is not a format (sam, serverless)");
    const auto output = args.value("--output");
    if (!output || output->empty())
        return usageError(io, "export", "say where the bundle goes: -o DIR");
    auto ws = loadWorkspaceFile(args.positionals()[0]);
    if (!ws)
        return failure(io, ws.status());
    exporting::ExportOptions options;
    if (auto workflow = args.value("--workflow"))
        options.workflow = WorkflowId(*workflow);
    options.zip = args.has("--zip");
    options.fresh = args.has("--fresh");
    const bool serverless = format == "serverless";
    auto bundle = serverless ? exporting::exportServerless(*ws, options) : exporting::exportSam(*ws, options);
    if (!bundle) {
        printLines(io, bundle.status().message()); // one line per reason, each naming its node
        io.err << "Nothing was written.\n";
        return bundle.status().code() == Status::Code::NotFound ? kExitError : kExitProblems;
    }
    if (Status s = exporting::writeBundle(*bundle, *output, args.has("--force")); !s)
        return failure(io, s);
    for (const std::string &note : bundle->notes)
        io.err << "note: " << printable(note) << "\n";
    if (serverless)
        io.err << "Wrote a Serverless Framework service of " << bundle->files.size() << " files to "
               << printable(*output) << " (serverless.yml; deploy with npx serverless deploy, as its README says)\n";
    else {
        // A workflow imported from a template is written back under the template's own name.
        std::string templateName = "template.yaml";
        for (const auto &[path, bytes] : bundle->files)
            if (path.find('/') == std::string::npos && !bundle->files.contains("template.yaml")
                && (path.ends_with(".yaml") || path.ends_with(".yml")))
                templateName = path;
        const std::string flag = templateName == "template.yaml" ? "" : " --template-file " + templateName;
        io.err << "Wrote an AWS SAM bundle of " << bundle->files.size() << " files to " << printable(*output) << " ("
               << printable(templateName) << "; deploy with "
               << (options.zip ? "sam deploy" + flag + " --guided" : "sam build" + flag + " && sam deploy --guided")
               << ")\n";
    }
    return kExitOk;
}

namespace {

int importTemplate(const Args &args, Io &io, bool serverless)
{
    const std::string command = serverless ? "import-serverless" : "import-sam";
    if (args.positionals().size() != 2)
        return usageError(io, command,
                          serverless ? "expected serverless.yml and FILE.stratus" : "expected TEMPLATE.yaml and FILE.stratus");
    const std::string source = args.positionals()[0];
    const std::string target = args.positionals()[1];
    auto targetPath = resolveOutputPath(target, OutputKind::Workspace);
    if (!targetPath)
        return failure(io, targetPath.status());
    std::error_code ec;
    if (std::filesystem::exists(*targetPath, ec) && !args.has("--force"))
        return failure(io, Status::invalidArgument(quote(target) + " already exists; --force replaces the workspace "
                                                                   "in it (its run history is cleared)"));
    exporting::ImportOptions options;
    options.stackName = args.value("--stack-name").value_or("");
    auto imported = serverless ? exporting::importServerless(source, options) : exporting::importSam(source, options);
    if (!imported) {
        printLines(io, imported.status().message());
        std::error_code exists;
        io.err << "Nothing was imported; "
               << (std::filesystem::exists(*targetPath, exists) ? printable(target) + " is unchanged."
                                                                 : std::string("nothing was written."))
               << "\n";
        return imported.status().code() == Status::Code::InvalidArgument ? kExitProblems : kExitError;
    }
    for (const std::string &warning : imported->warnings)
        io.err << "warning: " << printable(warning) << "\n";
    if (Status s = (std::filesystem::exists(*targetPath, ec)
                          ? WorkspaceStore::writeTo(*targetPath, imported->workspace, WorkspaceStore::RunHistory::Clear)
                          : WorkspaceStore::writeNew(*targetPath, imported->workspace)); !s)
        return failure(io, s);
    std::map<std::string, int> counts;
    for (const Node &node : imported->workspace.workflows.front().nodes())
        ++counts[node.kind.starts_with(kinds::kTriggerPrefix) ? std::string("trigger") : node.kind];
    std::vector<std::string> parts;
    for (const auto &[kind, count] : counts)
        parts.push_back(plural(count, kind));
    io.err << "Imported " << printable(source) << " into " << printable(target) << ": "
           << (parts.empty() ? std::string("nothing to run") : joined(parts)) << " (stack name "
           << printable(imported->workspace.name) << "; "
           << plural(static_cast<long long>(imported->warnings.size()), "warning") << ")\n";
    return kExitOk;
}

} // namespace

int cmdImportSam(const Args &args, Io &io)
{
    return importTemplate(args, io, false);
}

int cmdImportServerless(const Args &args, Io &io)
{
    return importTemplate(args, io, true);
}

} // namespace stratus::cli
