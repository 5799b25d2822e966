// The functions an exported bundle generates, by themselves:
// node generated.test.mjs BUNDLE_DIR
// (exit 0 when every check holds; each failure names what it checked).
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";

const bundle = process.argv[2];
const front = await import(pathToFileURL(path.join(bundle, "functions/stratus-front/index.mjs")));
const writerModule = await import(pathToFileURL(path.join(bundle, "functions/stratus-writer/index.mjs")));

const succeeded = (envelope) => async () => ({ status: "SUCCEEDED", output: JSON.stringify(envelope) });

// A batch's first function: kept in the envelope, or in the first branch of a fan-out that ran one.
const partial = { batchItemFailures: [{ itemIdentifier: "m-2" }] };
assert.deepEqual(await front.makeHandler(succeeded({ none: true, first: { result: partial } }), "queue")({}), partial,
                 "a queue's front gives back the first function's result");
assert.deepEqual(
  await front.makeHandler(succeeded({ fanOut: [{ none: true, first: null }, { answer: 1, caught: false, first: { result: partial } }],
                                      first: null }), "table")({}),
  partial, "in a fan-out before any function, the first branch that ran one gives it");
assert.equal(await front.makeHandler(succeeded({ none: true, first: { result: null } }), "queue")({}), null,
             "a first result of null is one (all succeeded)");
await assert.rejects(front.makeHandler(async () => ({ status: "FAILED", error: "TypeError", cause: "{}" }), "queue")({}),
                     { name: "TypeError" }, "a failed run fails the batch");

// An HTTP route: the answer, a caught error as a failure (502), a throttle as 500.
assert.deepEqual(await front.makeHandler(succeeded({ fanOut: [{ none: true }], own: { a: 1 }, ownCaught: false }), "http")({}),
                 { a: 1 }, "a fan-out with no value answers with the value before it");
await assert.rejects(front.makeHandler(succeeded({ answer: { Error: "E", Cause: "c" }, caught: true }), "http")({}),
                     { name: "E" }, "a caught error with nothing after it fails the invocation");
assert.equal((await front.makeHandler(async () => ({ status: "FAILED", error: "Lambda.TooManyRequestsException" }), "http")({})).statusCode,
             500, "a throttle answers 500");
await assert.rejects(front.makeHandler(async () => ({ status: "FAILED", error: "TooManyRequestsException" }), "http")({}),
                     { name: "TooManyRequestsException" }, "a function's own error of that name is a 502");
await assert.rejects(front.makeHandler(succeeded({ none: true }), undefined)({}), /STRATUS_ENTRY/,
                     "a front function without its entry says so");

// The writer: the workspace format's rules for each kind.
const calls = [];
const writer = writerModule.makeHandler(async () => ({
  sendMessage: async (input) => (calls.push(["sendMessage", input]), { MessageId: "m" }),
  putObject: async (input) => (calls.push(["putObject", input]), { ETag: '"e"' }),
  putItem: async (input) => (calls.push(["putItem", input]), {}),
  deleteItem: async (input) => (calls.push(["deleteItem", input]), {}),
}));
const context = { awsRequestId: "req-1" };
await writer({ kind: "queue", target: "q", value: "plain" }, context);
await writer({ kind: "queue", target: "q", value: { a: 1 } }, context);
await writer({ kind: "table", target: "t", value: { delete: { id: "x", extra: true } }, keys: ["id"] }, context);
await writer({ kind: "table", target: "t", value: { id: "y", n: 2 }, keys: ["id"] }, context);
await writer({ kind: "bucket", target: "b", value: { key: "a/b.txt", body: "hi", contentType: "text/plain" } }, context);
await writer({ kind: "bucket", target: "b", value: [1, 2] }, context);
assert.deepEqual(calls, [
  ["sendMessage", { QueueUrl: "q", MessageBody: "plain" }],
  ["sendMessage", { QueueUrl: "q", MessageBody: '{"a":1}' }],
  ["deleteItem", { TableName: "t", Key: { id: "x" } }],
  ["putItem", { TableName: "t", Item: { id: "y", n: 2 } }],
  ["putObject", { Bucket: "b", Key: "a/b.txt", Body: "hi", ContentType: "text/plain" }],
  ["putObject", { Bucket: "b", Key: "req-1.json", Body: "[1,2]" }],
], "each write as the workspace format says");
for (const key of ["", "/abs", "a/../b", "a\\b", "x".repeat(1025)])
  await assert.rejects(writer({ kind: "bucket", target: "b", value: { key, body: "" } }, context), /object key|an object key/,
                       `the key ${JSON.stringify(key.slice(0, 20))} is refused as here`);
await assert.rejects(writer({ kind: "table", target: "t", value: { delete: { other: 1 } }, keys: ["id"] }, context),
                     /no key attribute "id"/, "a delete without its key is refused");
await assert.rejects(writer({ kind: "queue", target: "q", value: "x".repeat(262145) }, context), /262144/,
                     "a message over SQS's limit is refused");
console.log("ok");
