#include "schema.h"
#include "historymetrics.h"
#include "storedetail.h"

#include <chrono>
#include <string>

namespace stratus::engine::store {

namespace {

// Version 1: the design. Everything a workflow is made of hangs off its
// workflow and node with ON DELETE CASCADE, so deleting a node can never
// leave an edge or a file behind. Every table has an ordinal where the JSON
// form has an order, so an import exports again as it was written.
constexpr const char *kVersion1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
  key     TEXT PRIMARY KEY,
  value   TEXT NOT NULL,          -- JSON
  ordinal INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE workflows (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  ordinal INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE nodes (
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  config      TEXT NOT NULL,      -- JSON object; function files live in function_files
  x           REAL,               -- layout only; NULL when the node has no position
  y           REAL,
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, id)
) WITHOUT ROWID;

CREATE TABLE edges (
  workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  from_node   TEXT NOT NULL,
  from_port   TEXT NOT NULL,
  to_node     TEXT NOT NULL,
  to_port     TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, id),
  FOREIGN KEY (workflow_id, from_node) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workflow_id, to_node) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX edges_by_from ON edges(workflow_id, from_node);
CREATE INDEX edges_by_to ON edges(workflow_id, to_node);

CREATE TABLE function_files (
  workflow_id TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  path        TEXT NOT NULL,
  text        TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, node_id, path),
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE test_events (
  id          INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  event       TEXT NOT NULL,      -- JSON
  ordinal     INTEGER NOT NULL,
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
);
CREATE INDEX test_events_by_node ON test_events(workflow_id, node_id);
)sql";

// Version 2: every saved change of a function file is kept. The current text
// stays in function_files (what loading reads); the history starts with the
// text each file had when the workspace was migrated.
constexpr const char *kVersion2 = R"sql(
CREATE TABLE file_revisions (
  id          INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  path        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  saved_at_ms INTEGER NOT NULL,
  UNIQUE (workflow_id, node_id, path, revision),
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
);
INSERT INTO file_revisions (workflow_id, node_id, path, revision, text, saved_at_ms)
  SELECT workflow_id, node_id, path, 1, text, :now FROM function_files;
)sql";

// Version 3: the run history. Invocations are appended in time order (their
// request ids are time-ordered too), so every index here grows at its end.
// Queries by status read a time range and filter: an index on status would
// cost every write for the rare query that wants it.
// A run is one trigger event and its path through the graph; logs are one
// row per invocation, kept apart so that scans of invocations stay small.
constexpr const char *kVersion3 = R"sql(
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  run_id         TEXT NOT NULL UNIQUE,
  workflow_id    TEXT,               -- NULL: a function run on its own
  trigger        TEXT NOT NULL,
  started_at_us  INTEGER NOT NULL,
  finished_at_us INTEGER,
  status         TEXT NOT NULL,
  path           TEXT NOT NULL DEFAULT '[]'  -- JSON list of node ids, in order
);
CREATE INDEX runs_by_time ON runs(started_at_us);

CREATE TABLE invocations (
  id                 INTEGER PRIMARY KEY,
  request_id         TEXT NOT NULL UNIQUE,
  run_id             TEXT REFERENCES runs(run_id) ON DELETE CASCADE,
  workflow_id        TEXT,
  node_id            TEXT,
  function_name      TEXT NOT NULL,
  trigger            TEXT NOT NULL,
  parent_request_id  TEXT,
  started_at_us      INTEGER NOT NULL,
  cold               INTEGER NOT NULL,
  init_duration_us   INTEGER NOT NULL,
  duration_us        INTEGER NOT NULL,
  billed_duration_ms INTEGER NOT NULL,
  wait_us            INTEGER NOT NULL,
  memory_size_mb     INTEGER NOT NULL,
  max_memory_used_mb INTEGER NOT NULL,
  status             TEXT NOT NULL,
  error_type         TEXT,
  error_message      TEXT,
  cost               REAL NOT NULL DEFAULT 0
);
CREATE INDEX invocations_by_time ON invocations(started_at_us);
CREATE INDEX invocations_by_function ON invocations(function_name, started_at_us);
CREATE INDEX invocations_by_run ON invocations(run_id);

CREATE TABLE invocation_logs (
  invocation_id INTEGER PRIMARY KEY REFERENCES invocations(id) ON DELETE CASCADE,
  lines         TEXT NOT NULL        -- the log lines, joined with newlines
);
)sql";

// Version 4: packed per-block figures for statistics (see historymetrics.h),
// built from the invocations already recorded. Recording was bound by B-tree
// inserts (eight per invocation), so: row order is time order (rows are
// appended as invocations end) and the blocks carry their time range, which
// makes the per-row time indexes redundant (pruning by age scans runs, which
// is rare); logs move into their invocation's row (the last column, so reads
// that skip it never touch its overflow pages).
constexpr const char *kVersion4 = R"sql(
DROP INDEX invocations_by_time;
DROP INDEX runs_by_time;
ALTER TABLE invocations ADD COLUMN logs TEXT;  -- START and the function's lines, joined with newlines
UPDATE invocations SET logs = (SELECT lines FROM invocation_logs WHERE invocation_id = invocations.id);
DROP TABLE invocation_logs;
CREATE TABLE invocation_metrics (
  first_id            INTEGER PRIMARY KEY,  -- invocations.id range of the block
  last_id             INTEGER NOT NULL,
  count               INTEGER NOT NULL,
  first_started_at_us INTEGER NOT NULL,
  last_started_at_us  INTEGER NOT NULL,
  functions           TEXT NOT NULL,        -- JSON list of [workflow id, function name]
  data                BLOB NOT NULL         -- packed samples, sorted by start
);
)sql";

// Version 5: whole-workflow runs. A run keeps its final output or error, its
// log, and its path with the value each node got and gave, untruncated
// (retention bounds what is kept, not truncation).
// Resource contents: queue messages and table items with their stream, so
// that nothing accepted is lost to a crash (committed before it is acked).
constexpr const char *kVersion5 = R"sql(
ALTER TABLE runs ADD COLUMN output TEXT;         -- JSON: the run's final value
ALTER TABLE runs ADD COLUMN error TEXT;          -- JSON: {"Error", "Cause"} of a failed run
ALTER TABLE runs ADD COLUMN log TEXT;            -- what log nodes wrote, one line each
ALTER TABLE runs ADD COLUMN parent_run_id TEXT;  -- the run whose write into a resource started it
ALTER TABLE runs ADD COLUMN trigger_node_id TEXT;
-- The path: one JSON object per node passed, in order ({node, kind, startedAtUs,
-- durationUs, status, input, output, port, requestId}). One column, not a row
-- per node: a run is written once and read whole, and rows cost a B-tree insert each.
ALTER TABLE runs ADD COLUMN steps TEXT;
CREATE TABLE queue_messages (
  id                INTEGER PRIMARY KEY,
  queue             TEXT NOT NULL,      -- the queue node's name
  message_id        TEXT NOT NULL UNIQUE,
  body              TEXT NOT NULL,
  attributes        TEXT NOT NULL DEFAULT '{}',
  sent_at_ms        INTEGER NOT NULL,
  first_received_ms INTEGER NOT NULL DEFAULT 0,
  receive_count     INTEGER NOT NULL DEFAULT 0,
  visible_at_ms     INTEGER NOT NULL,   -- hidden while a consumer has it
  dead              INTEGER NOT NULL DEFAULT 0
);
-- Receives read the oldest first and skip the few still hidden: an index in
-- id order, not by visibility (that one made each receive sort every visible row).
CREATE INDEX queue_messages_by_queue ON queue_messages(queue, dead, id);
CREATE TABLE table_items (
  table_name TEXT NOT NULL,
  item_key   TEXT NOT NULL,             -- the key attributes, canonical JSON
  item       TEXT NOT NULL,             -- typed attribute values, JSON
  PRIMARY KEY (table_name, item_key)
) WITHOUT ROWID;
CREATE TABLE table_stream (
  sequence    INTEGER PRIMARY KEY,      -- the stream's order
  table_name  TEXT NOT NULL,
  event_name  TEXT NOT NULL,            -- INSERT, MODIFY, REMOVE
  item_key    TEXT NOT NULL,
  keys        TEXT NOT NULL,
  old_image   TEXT,
  new_image   TEXT,
  created_ms  INTEGER NOT NULL
);
CREATE INDEX table_stream_by_table ON table_stream(table_name, sequence);
CREATE TABLE stream_checkpoints (
  table_name TEXT PRIMARY KEY,
  delivered  INTEGER NOT NULL           -- the last sequence handed on successfully
) WITHOUT ROWID;
)sql";

// Version 6: which run wrote each queue message and stream record, so that a
// batch's run names the run it came from (runs.parent_run_id), as bucket
// notifications of the graph's own writes already did.
constexpr const char *kVersion6 = R"sql(
ALTER TABLE queue_messages ADD COLUMN run_id TEXT;  -- the run that sent it; NULL from outside the graph
ALTER TABLE table_stream ADD COLUMN run_id TEXT;    -- the run whose write made the change
)sql";

// Version 7: the template a workflow was imported from (docs/import.md), so
// that an export writes back what the model cannot express.
// Its own table: the origin is large (the template, and a view per
// resource), and rows that other tables refer to stay small.
constexpr const char *kVersion7 = R"sql(
CREATE TABLE workflow_origins (
  workflow_id TEXT PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
  origin      TEXT NOT NULL             -- JSON (engine/export/origin.h)
);
)sql";

Status runStep(sql::Database &db, int version)
{
    switch (version) {
    case 1:
        return db.exec(kVersion1);
    case 2: {
        std::string sql = kVersion2;
        sql.replace(sql.find(":now"), 4, std::to_string(store_detail::nowMs()));
        return db.exec(sql);
    }
    case 3:
        return db.exec(kVersion3);
    case 4:
        if (Status s = db.exec(kVersion4); !s)
            return s;
        return rebuildMetricBlocks(db, true);
    case 5:
        return db.exec(kVersion5);
    case 6:
        return db.exec(kVersion6);
    case 7:
        return db.exec(kVersion7);
    }
    return Status::notSupported("no migration to schema version " + std::to_string(version));
}

} // namespace

Status migrate(sql::Database &db, int target)
{
    auto current = db.queryInt("PRAGMA user_version");
    if (!current)
        return current.status();
    for (int version = static_cast<int>(*current) + 1; version <= target; ++version) {
        sql::Transaction tx(db);
        if (!tx.status())
            return tx.status().withContext("cannot migrate");
        if (Status s = runStep(db, version); !s)
            return s.withContext("migration to schema version " + std::to_string(version)
                                 + " failed");
        if (Status s = db.exec("PRAGMA user_version = " + std::to_string(version)); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
    }
    return Status::ok();
}

} // namespace stratus::engine::store
