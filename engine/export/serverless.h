#pragma once

// Serverless Framework services: serverless.yml (framework v3, as the
// open-source v3 line reads it), each function's code as a reproducible zip
// (`package.artifact`, so `serverless package` takes it as it is), each
// function's saved test events, and a README.
//
// Made from the AWS SAM export's template (samDocument), so that the two
// formats say the same thing: functions and their events (httpApi, sqs,
// stream, s3 with `existing: false`), state machines through the
// serverless-step-functions plugin (listed in `plugins`), schedules as
// EventBridge Scheduler schedules in `resources` (the Scheduled Event the
// runner sends, with the scheduler's time zone), queues and tables in
// `resources`, and IAM statements for the one role Serverless gives every
// function. docs/export.md says what maps to what.

#include "bundle.h"
#include "sam.h"

namespace stratus::engine::exporting {

/// The bundle, or the reasons it cannot be made (one line each, naming the node).
Result<Bundle> exportServerless(const Workspace &workspace, const ExportOptions &options = {});

} // namespace stratus::engine::exporting
