import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  let body;
  try {
    body = JSON.parse(event.body ?? "{}");
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: "body is not JSON" }) };
  }
  if (typeof body.title !== "string" || body.title.trim() === "")
    return { statusCode: 400, body: JSON.stringify({ message: "title is required" }) };

  const todo = { id: randomUUID(), title: body.title.trim(), done: false, createdAt: new Date().toISOString() };
  await db.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: todo }));
  return {
    statusCode: 201,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(todo),
  };
};
