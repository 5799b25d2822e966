const { randomUUID } = require("node:crypto");
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, ScanCommand, GetCommand, PutCommand } = require("@aws-sdk/lib-dynamodb");

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

const json = (statusCode, body) => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

exports.list = async (event) => {
  const result = await db.send(new ScanCommand({ TableName }));
  return json(200, result.Items ?? []);
};

exports.get = async (event) => {
  const id = event.pathParameters?.id;
  const result = await db.send(new GetCommand({ TableName, Key: { id } }));
  return result.Item ? json(200, result.Item) : json(404, { message: `no todo ${id}` });
};

exports.create = async (event) => {
  let body;
  try {
    body = JSON.parse(event.body ?? "{}");
  } catch {
    return json(400, { message: "body is not JSON" });
  }
  if (typeof body.title !== "string" || !body.title.trim()) return json(400, { message: "title is required" });
  const todo = { id: randomUUID(), title: body.title.trim(), done: false, stage: process.env.STAGE };
  await db.send(new PutCommand({ TableName, Item: todo }));
  return json(201, todo);
};
