#pragma once

// AWS SAM bundles: template.yaml (AWS::Serverless-2016-10-31), a folder of
// code per function, each function's saved test events, and a README.
//
// Functions, with the event each trigger or resource gives them (an HTTP
// route on one shared HttpApi, a ScheduleV2, an SQS, S3 or DynamoDB event
// source), the queues (with their dead-letter queue), buckets and tables. A
// path that goes on from node to node (a function's result to another node,
// a choice, a fan-out, an `error` edge, a write into a resource) is an
// EXPRESS state machine (statemachine.h), started by a generated front
// function or, for a schedule, directly. What AWS would refuse is refused
// here, naming each node and why. docs/export.md says what maps to what and
// cites the AWS pages followed.

#include "bundle.h"

#include "engine/model/ids.h"
#include "engine/model/json.h"
#include "engine/model/status.h"

#include <optional>

namespace stratus::engine {
struct Workspace;
}

namespace stratus::engine::exporting {

/// The folders of the functions a bundle adds (the front of each state
/// machine, the writer): functions/FOLDER/, or functions/FOLDER.zip.
inline constexpr const char *kFrontFolder = "stratus-front";
inline constexpr const char *kWriterFolder = "stratus-writer";

/// True when `codeUri` is the code of the generated function in `folder`.
inline bool isGeneratedCode(const std::string &codeUri, const char *folder)
{
    return codeUri.starts_with(std::string("functions/") + folder);
}

struct ExportOptions
{
    std::optional<WorkflowId> workflow; ///< only this workflow; none: all of them
    bool zip = false;                   ///< each function's code as functions/FOLDER.zip (reproducible)
    std::string formatName = "AWS SAM"; ///< what refusals say the workspace cannot be exported as
    bool fresh = false;                 ///< a workflow imported from a template is written as Stratus's own template
};

/// What the SAM export makes before it writes its template: the template as
/// JSON (long-form intrinsics), the bundle's other files (code, test events,
/// the README), its notes. The Serverless Framework export starts from it.
struct SamDocument
{
    Json document;
    Bundle bundle;
    bool hasStateMachines = false;
};

Result<SamDocument> samDocument(const Workspace &workspace, const ExportOptions &options = {});

/// The bundle, or the reasons it cannot be made (one line each, naming the node).
Result<Bundle> exportSam(const Workspace &workspace, const ExportOptions &options = {});

/// "create-todo" → "CreateTodo": a CloudFormation logical id (letters and digits).
std::string logicalIdFrom(const std::string &name);

/// The Input (a Fn::Sub text) of a schedule that sends its function the
/// Scheduled Event a local schedule with `detail` sends.
std::string scheduledEventInput(const Json &detail);
/// The detail of an Input scheduledEventInput() wrote; none for any other.
std::optional<Json> detailOfScheduledEventInput(const std::string &input);

} // namespace stratus::engine::exporting
