// Written by Stratus: what a queue, table or bucket node does with a value
// the workflow hands it, for the state machines of this bundle. The rules are
// the workspace format's (and the local runner's):
// - queue: one message; a string is the body itself, any other value its JSON;
// - table: the value is put as an item; {"delete": KEY} deletes that item
//   (named by its key attributes alone);
// - bucket: {"key", "body"} or {"key", "json"} (with an optional
//   "contentType") is one object; any other value is written as
//   REQUEST-ID.json.

async function sdkClients() {
  // The AWS SDK for JavaScript v3 is part of Lambda's Node.js runtime.
  const sqs = await import("@aws-sdk/client-sqs");
  const s3 = await import("@aws-sdk/client-s3");
  const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
  const documents = await import("@aws-sdk/lib-dynamodb");
  const sqsClient = new sqs.SQSClient({});
  const s3Client = new s3.S3Client({});
  const tableClient = documents.DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return {
    sendMessage: (input) => sqsClient.send(new sqs.SendMessageCommand(input)),
    putObject: (input) => s3Client.send(new s3.PutObjectCommand(input)),
    putItem: (input) => tableClient.send(new documents.PutCommand(input)),
    deleteItem: (input) => tableClient.send(new documents.DeleteCommand(input)),
  };
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/// What the runner refuses in an object key (S3 takes more, but an object
/// the workflow could not write here must not be written there either).
function keyProblem(key) {
  const bytes = Buffer.byteLength(key);
  if (bytes === 0 || bytes > 1024) return "an object key must be 1 to 1024 bytes long";
  if (key.includes("\0")) return "an object key may not hold a NUL character";
  if (key.startsWith("/") || key.includes("\\")) return `object key ${JSON.stringify(key)} must be a relative path (no leading / or \\)`;
  if (key.split("/").some((part) => part === "." || part === ".."))
    return `object key ${JSON.stringify(key)} may not hold . or .. segments`;
  return null;
}

export function makeHandler(clients) {
  let io;
  return async ({ kind, target, value, keys }, context) => {
    io ??= await clients();
    if (kind === "queue") {
      const body = typeof value === "string" ? value : JSON.stringify(value);
      if (Buffer.byteLength(body) > 262144)
        throw new Error(`the message is ${Buffer.byteLength(body)} bytes; SQS takes at most 262144`);
      const sent = await io.sendMessage({ QueueUrl: target, MessageBody: body });
      return { MessageId: sent.MessageId };
    }
    if (kind === "table") {
      if (isObject(value) && Object.keys(value).length === 1 && "delete" in value) {
        if (!isObject(value.delete)) throw new Error("an item must be an object holding its key " + keys.join(", "));
        const key = {};
        for (const name of keys) {
          if (!(name in value.delete)) throw new Error(`the item has no key attribute ${JSON.stringify(name)}`);
          key[name] = value.delete[name];
        }
        await io.deleteItem({ TableName: target, Key: key });
        return { deleted: key };
      }
      if (!isObject(value)) throw new Error("an item must be an object holding its key attributes");
      await io.putItem({ TableName: target, Item: value });
      return { put: true };
    }
    if (kind === "bucket") {
      let key = `${context.awsRequestId}.json`;
      let body = JSON.stringify(value);
      let contentType;
      if (isObject(value) && "key" in value && ("body" in value || "json" in value)) {
        if (typeof value.key !== "string") throw new Error(`an object's key must be a string, not ${JSON.stringify(value.key)}`);
        key = value.key;
        if ("body" in value) {
          if (typeof value.body !== "string")
            throw new Error('an object\'s body must be a string (use "json" for a JSON value)');
          body = value.body;
        } else {
          body = JSON.stringify(value.json);
        }
        if (typeof value.contentType === "string") contentType = value.contentType;
      }
      const problem = keyProblem(key);
      if (problem) throw new Error(problem);
      const put = await io.putObject({ Bucket: target, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) });
      return { key, eTag: put.ETag };
    }
    throw new Error(`cannot write into a node of kind ${JSON.stringify(kind)}`);
  };
}

export const handler = makeHandler(sdkClients);
