#pragma once

#include "sqlite.h"

namespace stratus::engine::store {

/// PRAGMA application_id of every Stratus workspace ("Stra"), so that another
/// program's SQLite file is told apart from a workspace.
constexpr int kApplicationId = 0x53747261;

/// The schema version this build writes (PRAGMA user_version).
/// History:
///   1  workflows, nodes, edges, function files (current text), test events, settings
///   2  file_revisions: the history of every function file
///   3  run history: runs, invocations, invocation_logs
///   4  invocation_metrics: packed figures for statistics; no per-row time index
constexpr int kSchemaVersion = 7;

/// Runs the migrations from the database's user_version up to `target` (at
/// most kSchemaVersion), each step with its user_version bump in one
/// transaction, so that a failed step leaves the file at the last good
/// version. `target` below kSchemaVersion exists for tests that need a file of
/// an older version.
Status migrate(sql::Database &db, int target = kSchemaVersion);

} // namespace stratus::engine::store
