import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const result = await db.send(new ScanCommand({ TableName: process.env.TABLE_NAME }));
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(result.Items ?? []),
  };
};
