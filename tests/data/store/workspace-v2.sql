-- A workspace file as Stratus schema version 2 wrote it (before the run
-- history), made from resources/examples/queue-between-functions.json.
-- tests/engine/store/tst_migration.cpp migrates it to the current version.
PRAGMA application_id = 1400140385;
PRAGMA journal_mode = WAL;
BEGIN TRANSACTION;
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta VALUES('created_at_ms','1795712745851');
INSERT INTO meta VALUES('name','orders');
CREATE TABLE settings (
  key     TEXT PRIMARY KEY,
  value   TEXT NOT NULL,          -- JSON
  ordinal INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO settings VALUES('pricing','"aws-x86_64"',0);
INSERT INTO settings VALUES('region','"us-east-1"',1);
CREATE TABLE workflows (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  ordinal INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO workflows VALUES('orders','Orders',0);
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
INSERT INTO nodes VALUES('orders','accept','function','accept-order','{"runtime":"nodejs20.x","handler":"accept.handler","memoryMB":256,"concurrency":10,"files":{}}',300.0,120.0,1);
INSERT INTO nodes VALUES('orders','dead-letters','log','Dead letters','{"level":"error"}',820.0,280.0,5);
INSERT INTO nodes VALUES('orders','done','log','Fulfilled','{"level":"info"}',1080.0,60.0,4);
INSERT INTO nodes VALUES('orders','fulfil','function','fulfil-order','{"runtime":"nodejs20.x","handler":"fulfil.handler","memoryMB":512,"timeoutS":30,"retries":2,"files":{}}',820.0,120.0,3);
INSERT INTO nodes VALUES('orders','orders-queue','queue','orders','{"batchSize":10,"batchWindowS":2,"visibilityTimeoutS":60,"maxReceiveCount":3}',560.0,120.0,2);
INSERT INTO nodes VALUES('orders','post-order','trigger.http','POST /orders','{"method":"POST","path":"/orders"}',40.0,120.0,0);
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
INSERT INTO edges VALUES('orders','e1','post-order','event','accept','in',0);
INSERT INTO edges VALUES('orders','e2','accept','ok','orders-queue','in',1);
INSERT INTO edges VALUES('orders','e3','orders-queue','out','fulfil','in',2);
INSERT INTO edges VALUES('orders','e4','fulfil','ok','done','in',3);
INSERT INTO edges VALUES('orders','e5','orders-queue','dead','dead-letters','in',4);
CREATE TABLE function_files (
  workflow_id TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  path        TEXT NOT NULL,
  text        TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, node_id, path),
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO function_files VALUES('orders','accept','accept.mjs',replace('export const handler = async (event) => {\n  const order = JSON.parse(event.body ?? "{}");\n  if (!Array.isArray(order.items) || order.items.length === 0) {\n    throw new Error("an order needs items");\n  }\n  // Returned value goes on to the orders queue as one message.\n  return { orderId: `o-${Date.now()}`, items: order.items, total: order.items.reduce((s, i) => s + i.price * i.qty, 0) };\n};\n','\n',char(10)),0);
INSERT INTO function_files VALUES('orders','fulfil','fulfil.js',replace('exports.handler = async (event, context) => {\n  const failures = [];\n  for (const record of event.Records) {\n    const order = JSON.parse(record.body);\n    console.log(`fulfilling ${order.orderId} (${order.items.length} items), ${context.getRemainingTimeInMillis()} ms left`);\n    if (order.total > 10000) failures.push({ itemIdentifier: record.messageId });\n  }\n  return { batchItemFailures: failures };\n};\n','\n',char(10)),0);
CREATE TABLE test_events (
  id          INTEGER PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  event       TEXT NOT NULL,      -- JSON
  ordinal     INTEGER NOT NULL,
  FOREIGN KEY (workflow_id, node_id) REFERENCES nodes(workflow_id, id) ON DELETE CASCADE
);
INSERT INTO test_events VALUES(1,'orders','accept','two items','{"body":"{\"items\":[{\"sku\":\"A1\",\"price\":12.5,\"qty\":2},{\"sku\":\"B7\",\"price\":3,\"qty\":1}]}"}',0);
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
INSERT INTO file_revisions VALUES(1,'orders','accept','accept.mjs',1,replace('export const handler = async (event) => {\n  const order = JSON.parse(event.body ?? "{}");\n  if (!Array.isArray(order.items) || order.items.length === 0) {\n    throw new Error("an order needs items");\n  }\n  // Returned value goes on to the orders queue as one message.\n  return { orderId: `o-${Date.now()}`, items: order.items, total: order.items.reduce((s, i) => s + i.price * i.qty, 0) };\n};\n','\n',char(10)),1795712745851);
INSERT INTO file_revisions VALUES(2,'orders','fulfil','fulfil.js',1,replace('exports.handler = async (event, context) => {\n  const failures = [];\n  for (const record of event.Records) {\n    const order = JSON.parse(record.body);\n    console.log(`fulfilling ${order.orderId} (${order.items.length} items), ${context.getRemainingTimeInMillis()} ms left`);\n    if (order.total > 10000) failures.push({ itemIdentifier: record.messageId });\n  }\n  return { batchItemFailures: failures };\n};\n','\n',char(10)),1795712745851);
CREATE INDEX edges_by_from ON edges(workflow_id, from_node);
CREATE INDEX edges_by_to ON edges(workflow_id, to_node);
CREATE INDEX test_events_by_node ON test_events(workflow_id, node_id);
COMMIT;
PRAGMA user_version = 2;
