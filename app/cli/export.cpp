// stratus export: a deployable bundle of a workspace (engine/export).

#include "commands.h"

#include "engine/export/sam.h"
#include "engine/export/serverless.h"
#include "engine/model/text.h"

#include <sstream>

namespace stratus::cli {

using namespace stratus::engine;

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
    const bool serverless = format == "serverless";
    auto bundle = serverless ? exporting::exportServerless(*ws, options) : exporting::exportSam(*ws, options);
    if (!bundle) {
        // One line per reason, each naming its node, under the headline.
        std::istringstream lines(bundle.status().message());
        const char *prefix = "stratus: ";
        for (std::string line; std::getline(lines, line); prefix = "  ")
            io.err << prefix << printable(line) << "\n";
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
    else
        io.err << "Wrote an AWS SAM bundle of " << bundle->files.size() << " files to " << printable(*output)
               << (options.zip ? " (template.yaml; deploy with sam deploy --guided)\n"
                               : " (template.yaml; deploy with sam build && sam deploy --guided)\n");
    return kExitOk;
}

} // namespace stratus::cli
