// One handler for all three functions: it tells the events apart by shape.
exports.handler = async (event) => {
  const app = process.env.APP_NAME ?? "pinger";

  // EventBridge schedule (HeartbeatFunction)
  if (event.source === "aws.events") {
    console.log(`${app}: heartbeat at ${event.time}`);
    return { beat: event.time };
  }

  // HTTP API, payload 2.0 (PingFunction and EchoFunction)
  const path = event.rawPath ?? "/";
  if (path.startsWith("/echo/")) {
    return {
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        method: event.requestContext?.http?.method,
        path: event.pathParameters?.proxy ?? "",
        query: event.queryStringParameters ?? {},
        body: event.body ?? null,
      }),
    };
  }
  return { statusCode: 200, headers: { "content-type": "text/plain" }, body: `${app}: pong\n` };
};
