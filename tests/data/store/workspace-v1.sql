-- A workspace file as Stratus schema version 1 wrote it (before file
-- revisions). Kept verbatim: tests/engine/store/tst_migration.cpp builds a
-- file from it and checks that opening it migrates every row.
PRAGMA application_id = 1400140385;
PRAGMA journal_mode = WAL;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
  key     TEXT PRIMARY KEY,
  value   TEXT NOT NULL,
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
  config      TEXT NOT NULL,
  x           REAL,
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
  event       TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
);
CREATE INDEX test_events_by_node ON test_events(workflow_id, node_id);

INSERT INTO meta VALUES ('name', 'legacy'), ('created_at_ms', '1764000000000');
INSERT INTO settings VALUES ('pricing', '"aws-x86_64"', 0);
INSERT INTO workflows VALUES ('main', 'Main', 0);
INSERT INTO nodes VALUES
  ('main', 'hello-route', 'trigger.http', 'GET /hello', '{"method":"GET","path":"/hello"}', 40, 80, 0),
  ('main', 'hello', 'function', 'hello', '{"runtime":"nodejs20.x","handler":"index.handler","files":{}}', 320, 80, 1);
INSERT INTO edges VALUES ('main', 'e1', 'hello-route', 'event', 'hello', 'in', 0);
INSERT INTO function_files VALUES
  ('main', 'hello', 'index.js', 'exports.handler = async () => ({ statusCode: 200, body: "hi" });' || char(10), 0),
  ('main', 'hello', 'util.js', 'module.exports = 1;' || char(10), 1);
INSERT INTO test_events VALUES (1, 'main', 'hello', 'empty', '{}', 0);

PRAGMA user_version = 1;
