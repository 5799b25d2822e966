export const handler = async (event) => {
  const message = event.body ?? "";
  if (!message) return { statusCode: 400, body: "empty message" };
  const answer = await fetch(process.env.WEBHOOK_URL, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.SECRET}` },
    body: JSON.stringify({ from: process.env.SERVICE_NAME, text: message }),
  });
  return { statusCode: answer.ok ? 202 : 502, body: answer.ok ? "sent" : `webhook said ${answer.status}` };
};
