const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");

const sqs = new SQSClient({});

exports.handler = async (event) => {
  let job;
  try {
    job = JSON.parse(event.body ?? "{}");
  } catch {
    return { statusCode: 400, body: JSON.stringify({ message: "body is not JSON" }) };
  }
  if (!job.type) return { statusCode: 400, body: JSON.stringify({ message: "type is required" }) };

  const sent = await sqs.send(
    new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(job) })
  );
  return {
    statusCode: 202,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ queued: sent.MessageId, queue: process.env.QUEUE_NAME }),
  };
};
