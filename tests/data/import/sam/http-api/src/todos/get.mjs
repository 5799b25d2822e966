import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const id = event.pathParameters?.id;
  if (process.env.LOG_LEVEL === "debug") console.log(`${process.env.SERVICE_NAME}: get ${id}`);
  const result = await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { id } }));
  if (!result.Item) return { statusCode: 404, body: JSON.stringify({ message: `no todo ${id}` }) };
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(result.Item),
  };
};
