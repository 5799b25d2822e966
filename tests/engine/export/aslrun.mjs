// Runs an exported bundle's HTTP path the way AWS would, on this machine, so
// that a test can compare its answer with `stratus send`'s:
// - the route's front function (the bundle's own functions/stratus-front),
// - its state machine, by a small interpreter of the Amazon States Language
//   subset the exporter writes (Pass, Task, Choice, Parallel, Fail; InputPath,
//   Parameters, ResultPath, Retry, Catch),
// - each function Task through `stratus invoke --code` on the bundle's folder
//   with the template's runtime, handler and environment,
// - the writer Task through the bundle's own functions/stratus-writer, with a
//   recording stand-in for the AWS SDK that refuses what DynamoDB, SQS and S3
//   refuse (an item without its key).
//
// node aslrun.mjs TEMPLATE.json BUNDLE_DIR FRONT_FUNCTION_ID EVENT.json STRATUS_CLI
// prints {"returned": V} or {"threw": {"name", "message"}}, and "writes".

import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [templateFile, bundleDir, frontId, eventFile, stratus] = process.argv.slice(2);
const template = JSON.parse(readFileSync(templateFile, "utf8"));
const event = JSON.parse(readFileSync(eventFile, "utf8"));
const resources = template.Resources;
const writes = [];

function read(data, jsonPath) {
  if (jsonPath === "$") return data;
  let value = data;
  for (const step of jsonPath.slice(1).match(/\.[^.[]+|\[\d+\]|\['[^']*'\]/g) ?? []) {
    const key = step.startsWith(".") ? step.slice(1) : step.startsWith("['") ? step.slice(2, -2) : Number(step.slice(1, -1));
    if (value === null || typeof value !== "object" || !(key in value)) return undefined;
    value = value[key];
  }
  return value;
}

function present(data, jsonPath) {
  return read(data, jsonPath) !== undefined;
}

function parameters(template, data) {
  if (Array.isArray(template)) return template.map((t) => parameters(t, data));
  if (template === null || typeof template !== "object") return template;
  const out = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$")) {
      const found = read(data, value);
      if (found === undefined) throw { Error: "States.Runtime", Cause: `the path ${value} finds nothing` };
      out[key.slice(0, -2)] = found;
    } else out[key] = parameters(value, data);
  }
  return out;
}

function placed(input, resultPath, result) {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === "$") return result;
  const copy = structuredClone(input);
  const keys = resultPath.slice(2).split(".");
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key] ??= {};
  at[keys.at(-1)] = result;
  return copy;
}

function holds(rule, data) {
  if (rule.And) return rule.And.every((r) => holds(r, data));
  if (rule.Or) return rule.Or.some((r) => holds(r, data));
  if (rule.Not) return !holds(rule.Not, data);
  const value = read(data, rule.Variable);
  // As Step Functions: a comparison (but IsPresent) on a path that selects nothing fails the run.
  if (value === undefined && !("IsPresent" in rule))
    throw { Error: "States.Runtime", Cause: `the choice's variable ${rule.Variable} selects nothing` };
  for (const [op, operand] of Object.entries(rule)) {
    switch (op) {
      case "Variable": case "Next": break;
      case "IsPresent": return (value !== undefined) === operand;
      case "IsNull": return (value === null) === operand;
      case "IsString": return (typeof value === "string") === operand;
      case "IsNumeric": return (typeof value === "number") === operand;
      case "IsBoolean": return (typeof value === "boolean") === operand;
      case "BooleanEquals": return value === operand;
      case "StringEquals": return value === operand;
      case "NumericEquals": return typeof value === "number" && value === operand;
      case "NumericGreaterThan": return typeof value === "number" && value > operand;
      case "NumericLessThan": return typeof value === "number" && value < operand;
      default: throw new Error(`this interpreter does not know the comparison ${op}`);
    }
  }
  throw new Error(`a choice rule without a comparison: ${JSON.stringify(rule)}`);
}

const substitutions = {};
function resourceOf(variable) {
  const [id] = substitutions[variable]["Fn::GetAtt"];
  return { id, resource: resources[id] };
}

let writer;
async function invoke(variable, payload) {
  const { id, resource } = resourceOf(variable);
  const p = resource.Properties;
  if (p.CodeUri === "functions/stratus-writer/") {
    writer ??= (await import(pathToFileURL(path.join(bundleDir, p.CodeUri, "index.mjs")))).makeHandler(async () => ({
      sendMessage: async (input) => (writes.push({ sendMessage: input }), { MessageId: "m-1" }),
      putObject: async (input) => (writes.push({ putObject: input }), { ETag: '"e"' }),
      deleteItem: async (input) => (writes.push({ deleteItem: input }), {}),
      putItem: async (input) => {
        if (typeof input.Item?.id !== "string" && typeof input.Item?.id !== "number")
          throw Object.assign(new Error("One or more parameter values were invalid: Missing the key id in the item"), { name: "ValidationException" });
        writes.push({ putItem: input });
        return {};
      },
    }));
    try {
      return await writer(payload, { awsRequestId: "request-1" });
    } catch (e) {
      throw { Error: e.name, Cause: JSON.stringify({ errorType: e.name, errorMessage: e.message }) };
    }
  }
  const args = ["invoke", "--code", path.join(bundleDir, p.CodeUri), "--runtime", p.Runtime, "--handler", p.Handler,
                "--timeout", String(p.Timeout), "--event", "-"];
  for (const [k, v] of Object.entries(p.Environment?.Variables ?? {})) args.push("--env", `${k}=${v}`);
  const run = spawnSync(stratus, args, { input: JSON.stringify(payload), encoding: "utf8" });
  if (run.status === 0) return JSON.parse(run.stdout);
  const error = JSON.parse(run.stdout);
  throw { Error: error.errorType ?? "Error", Cause: run.stdout.trim() };
}

async function runStates(machine, input) {
  let name = machine.StartAt;
  let data = input;
  for (;;) {
    const state = machine.States[name];
    if (!state) throw new Error(`no state named ${name}`);
    const effective = state.InputPath ? read(data, state.InputPath) : data;
    let output;
    try {
      switch (state.Type) {
        case "Pass":
          output = placed(data, state.ResultPath, state.Parameters ? parameters(state.Parameters, effective) : "Result" in state ? state.Result : effective);
          break;
        case "Task": {
          const variable = state.Resource.match(/^\$\{(\w+)\}$/)[1];
          const payload = state.Parameters ? parameters(state.Parameters, effective) : effective;
          let result;
          for (let attempt = 0; ; ++attempt) {
            try {
              result = await invoke(variable, payload);
              break;
            } catch (error) {
              const retry = (state.Retry ?? []).find((r) => r.ErrorEquals.includes("States.ALL") || r.ErrorEquals.includes(error.Error));
              if (!retry || attempt >= retry.MaxAttempts) throw error;
            }
          }
          output = placed(data, state.ResultPath, result);
          break;
        }
        case "Choice": {
          if (!state.Choices?.length) throw new Error("this interpreter found a Choice with no rules, which ASL refuses");
          const rule = state.Choices.find((r) => holds(r, data));
          if (!rule && !state.Default) throw { Error: "States.NoChoiceMatched", Cause: "no rule matched" };
          name = rule ? rule.Next : state.Default;
          continue;
        }
        case "Parallel": {
          const results = await Promise.all(state.Branches.map((b) => runStates(b, effective)));
          output = placed(data, state.ResultPath, results);
          break;
        }
        case "Fail":
          throw { Error: state.Error, Cause: state.Cause };
        default:
          throw new Error(`this interpreter does not know the state type ${state.Type}`);
      }
    } catch (error) {
      if (error instanceof Error) throw error;
      const handler = (state.Catch ?? []).find((c) => c.ErrorEquals.includes("States.ALL") || c.ErrorEquals.includes(error.Error));
      if (!handler) throw error;
      data = placed(data, handler.ResultPath, { Error: error.Error, Cause: error.Cause });
      name = handler.Next;
      continue;
    }
    if (state.End) return output;
    data = output;
    name = state.Next;
  }
}

const front = resources[frontId].Properties;
const machineId = front.Environment.Variables.STATE_MACHINE_ARN.Ref;
const machine = resources[machineId].Properties;
Object.assign(substitutions, machine.DefinitionSubstitutions ?? {});

async function startSyncExecution(input) {
  try {
    return { status: "SUCCEEDED", output: JSON.stringify(await runStates(machine.Definition, JSON.parse(input))) };
  } catch (error) {
    if (error instanceof Error) throw error;
    return { status: "FAILED", error: error.Error, cause: error.Cause };
  }
}

const { makeHandler } = await import(pathToFileURL(path.join(bundleDir, front.CodeUri, "index.mjs")));
const handler = makeHandler(startSyncExecution, front.Environment.Variables.STRATUS_ENTRY);
try {
  console.log(JSON.stringify({ returned: (await handler(event)) ?? null, writes }));
} catch (e) {
  if (!(e instanceof Error) || e.message.startsWith("this interpreter")) throw e;
  console.log(JSON.stringify({ threw: { name: e.name, message: e.message }, writes }));
}
