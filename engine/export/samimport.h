#pragma once

// AWS SAM templates (and Serverless Framework services, through the SAM form
// of their functions) read into a workspace: functions with their code and
// events, queues, buckets and tables, laid out on the canvas. What the model
// cannot express (Parameters, Conditions, Outputs, other resources, unknown
// properties, comments) is kept in the workflow's origin (origin.h) and
// written back on export; whatever is not on the canvas is named in a
// warning. docs/import.md says what maps to what.

#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <filesystem>
#include <string>
#include <vector>

namespace stratus::engine::exporting {

struct ImportOptions
{
    std::string stackName;               ///< what ${AWS::StackName} is here; empty: the template's folder name
    std::string region = "us-east-1";    ///< what ${AWS::Region} is here
};

struct Imported
{
    Workspace workspace;
    std::vector<std::string> warnings; ///< each names the place in the template
};

/// Files larger than this are not read as templates.
inline constexpr size_t kMaxTemplateBytes = 16u << 20;

/// Reads `templatePath` (code is read from the folders its CodeUri names,
/// which must lie inside the template's folder). Fails with every error, one
/// per line, each naming the place; nothing is written anywhere.
Result<Imported> importSam(const std::filesystem::path &templatePath, const ImportOptions &options = {});

/// Reads a Serverless Framework v3 serverless.yml in the same way
/// (serverlessimport.cpp): its functions and events in SAM's form, then as
/// importSam() reads a template.
Result<Imported> importServerless(const std::filesystem::path &servicePath, const ImportOptions &options = {});

// For the readers of each format:

/// A template or service file as read: at most kMaxTemplateBytes of UTF-8 YAML.
struct TemplateFile
{
    std::string name; ///< the file's name, as errors say it
    std::string text;
    Json document;
    Status layout; ///< why its text's outline cannot be kept, if it cannot (cfnyaml.h)
};

/// Maps `document` (a template in SAM's form, code under `folder`) into a
/// workspace whose workflow's origin is `file`, as written.
Result<Imported> importTemplateDocument(TemplateFile file, Json document, const std::filesystem::path &folder,
                                        const std::string &format, const ImportOptions &options);
Result<TemplateFile> readTemplateFile(const std::filesystem::path &path);
/// The folder a file is in ("." for a bare name).
std::filesystem::path folderOf(const std::filesystem::path &file);

} // namespace stratus::engine::exporting
