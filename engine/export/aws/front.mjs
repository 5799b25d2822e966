// Written by Stratus: the front of a state machine. The event source (an
// HTTP API route, an SQS queue, a DynamoDB stream, an S3 bucket) invokes this
// function with its event; it runs the workflow's EXPRESS state machine with
// that event and gives back what the workflow gives locally (docs/export.md
// in Stratus explains each rule):
// - an HTTP route: the run's answer, as the last function or choice gave it,
//   which API Gateway then turns into the response exactly as it turns a
//   function's result; an error caught with nothing after it to give a value
//   fails this invocation (API Gateway answers 502), a throttle answers 500;
// - a queue or a table: the first function's result (a partial batch
//   response), and a failed run fails the batch, which the source redelivers;
// - a bucket: nothing; a failed run fails the invocation.

const entry = process.env.STRATUS_ENTRY;

let client;
async function startSyncExecution(input) {
  // The AWS SDK for JavaScript v3 is part of Lambda's Node.js runtime.
  const { SFNClient, StartSyncExecutionCommand } = await import("@aws-sdk/client-sfn");
  client ??= new SFNClient({});
  return client.send(new StartSyncExecutionCommand({ stateMachineArn: process.env.STATE_MACHINE_ARN, input }));
}

/// The run's answer from the envelope its state machine ends with:
/// {value, caught} when it gave a value, {} when it gave none.
export function answerOf(envelope) {
  if (envelope === null || typeof envelope !== "object") return {};
  if ("fanOut" in envelope) {
    const branches = (envelope.fanOut ?? []).map(answerOf);
    const given = branches.filter((branch) => "value" in branch);
    if (given.length === 0)
      return "own" in envelope ? { value: envelope.own, caught: envelope.ownCaught === true } : {};
    return {
      value: branches.map((branch) => ("value" in branch ? branch.value : null)),
      caught: given.every((branch) => branch.caught),
    };
  }
  if ("answer" in envelope) return { value: envelope.answer, caught: envelope.caught === true };
  return {};
}

/// What the run's first function gave (it may be null), or undefined when
/// none ran: the partial batch response Lambda reads for a queue or a table.
/// In a fan-out before any function, the first branch that ran one gives it.
export function firstResultOf(envelope) {
  if (envelope === null || typeof envelope !== "object") return undefined;
  if (envelope.first !== null && typeof envelope.first === "object" && "result" in envelope.first)
    return envelope.first.result;
  for (const branch of envelope.fanOut ?? []) {
    const result = firstResultOf(branch);
    if (result !== undefined) return result;
  }
  return undefined;
}

class WorkflowError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

const entryKinds = ["http", "queue", "table", "bucket"];

export function makeHandler(start, entryKind) {
  return async (event) => {
    if (!entryKinds.includes(entryKind))
      throw new Error(`STRATUS_ENTRY is ${JSON.stringify(entryKind)}, not one of ${entryKinds.join(", ")}`);
    const execution = await start(JSON.stringify(event));
    if (execution.status !== "SUCCEEDED") {
      const error = execution.error ?? "States.Runtime";
      // A throttled invocation: API Gateway's 500, as when it cannot invoke a function.
      if (entryKind === "http" && error === "Lambda.TooManyRequestsException")
        return {
          statusCode: 500,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ message: "Internal Server Error" }),
        };
      throw new WorkflowError(error, execution.cause ?? `the state machine's execution ended ${execution.status}`);
    }
    const envelope = JSON.parse(execution.output ?? "null");
    if (entryKind === "queue" || entryKind === "table") return firstResultOf(envelope) ?? null;
    if (entryKind !== "http") return null;
    const answer = answerOf(envelope);
    if (answer.caught) throw new WorkflowError(answer.value?.Error ?? "Error", String(answer.value?.Cause ?? ""));
    return "value" in answer ? answer.value : null;
  };
}

export const handler = makeHandler(startSyncExecution, entry);
