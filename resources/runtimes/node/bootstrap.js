'use strict';
// Stratus's Node.js runtime: loads the function's handler the way AWS
// Lambda's Node.js runtime does and serves invocations from the engine over a
// private channel on file descriptor 3 (length-framed JSON; see
// engine/runtime/worker.cpp). stdout and stderr stay the function's own.
//
// Frame: u32le header length, u32le body length, header JSON, body bytes.

// Only what every start needs is loaded here: a cold start pays for each module.
const net = require('node:net');
const path = require('node:path');
const fs = require('node:fs');

const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
const handlerString = process.env._HANDLER || '';
// nodejs20.x and nodejs22.x take handler(event, context, callback); nodejs24.x does not.
const runtimeMajor = Number((/nodejs(\d+)\.x$/.exec(process.env.AWS_EXECUTION_ENV || '') || [])[1] || 0);
const callbackHandlersAllowed = runtimeMajor > 0 && runtimeMajor < 24;
const channel = new net.Socket({ fd: 3, readable: true, writable: true });

function send(header, body) {
  const head = Buffer.from(JSON.stringify(header));
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeUInt32LE(head.length, 0);
  prefix.writeUInt32LE(payload.length, 4);
  channel.write(Buffer.concat([prefix, head, payload]));
}

function maxRssKb() {
  return process.resourceUsage().maxRSS;
}

// --- errors, in the shape the AWS Node.js runtime reports them -------------

function errorObject(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name && err.name !== 'Error' ? err.name : (err.constructor && err.constructor.name) || 'Error',
      errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [],
    };
  }
  if (err === undefined || err === null) {
    return { errorType: 'Error', errorMessage: 'handled', trace: [] };
  }
  return {
    errorType: typeof err,
    errorMessage: typeof err === 'string' ? err : safeStringify(err),
    trace: [],
  };
}

function namedError(errorType, error) {
  const object = errorObject(error);
  object.errorType = errorType;
  object.errorMessage = `${error && error.name ? error.name + ': ' : ''}${error && error.message !== undefined ? error.message : error}`;
  return object;
}

function safeStringify(value) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    return String(value);
  }
}

// --- console, with CloudWatch's prefix --------------------------------------

let currentRequestId = undefined;
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    const stream = method === 'error' || method === 'warn' ? process.stderr : process.stdout;
    console[method] = (...args) => {
      const message = require('node:util').format(...args).replace(/\n/g, '\r');
      stream.write(`${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${message}\n`);
    };
  }
}

// --- loading the handler ----------------------------------------------------

function moduleFile(modulePath) {
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = path.resolve(taskRoot, modulePath + ext);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  // The nearest package.json decides, as Node's loader does.
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch (e) {
        return false;
      }
    }
    if (dir === taskRoot || path.dirname(dir) === dir) return false;
    dir = path.dirname(dir);
  }
}

class InitError extends Error {
  constructor(errorObject) {
    super(errorObject.errorMessage);
    this.errorObject = errorObject;
  }
}

async function loadHandler() {
  const slash = handlerString.lastIndexOf('/');
  const base = handlerString.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) {
    throw new InitError({ errorType: 'Runtime.MalformedHandlerName', errorMessage: "Bad handler", trace: [] });
  }
  const modulePath = handlerString.slice(0, slash + 1) + base.slice(0, dot);
  const exportPath = base.slice(dot + 1).split('.');
  const file = moduleFile(modulePath);
  if (!file) {
    const err = new Error(`Cannot find module '${modulePath}'\nRequire stack:\n- ${__filename}`);
    err.name = 'Error';
    throw new InitError({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${modulePath}'\nRequire stack:\n- ${__filename}`,
      trace: [`Runtime.ImportModuleError: Error: Cannot find module '${modulePath}'`],
    });
  }
  let module;
  try {
    module = isEsm(file) ? await import(require('node:url').pathToFileURL(file).href) : require(file);
  } catch (err) {
    if (err instanceof SyntaxError) throw new InitError(namedError('Runtime.UserCodeSyntaxError', err));
    if (err && err.code === 'MODULE_NOT_FOUND' || err && err.code === 'ERR_MODULE_NOT_FOUND') {
      throw new InitError(namedError('Runtime.ImportModuleError', err));
    }
    throw new InitError(errorObject(err));
  }
  let handler = module;
  for (const name of exportPath) {
    handler = handler === undefined || handler === null ? undefined : handler[name];
  }
  // An ES module's CommonJS-style default export also counts, as on AWS.
  if (handler === undefined && module && module.default) {
    handler = module.default;
    for (const name of exportPath) handler = handler === undefined || handler === null ? undefined : handler[name];
  }
  if (handler === undefined) {
    throw new InitError({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${base} is undefined or not exported`, trace: [] });
  }
  if (typeof handler !== 'function') {
    throw new InitError({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${base} is not a function`, trace: [] });
  }
  // Node.js 24's runtime refuses a handler that takes a callback, async or
  // not (aws-lambda-nodejs-runtime-interface-client, callback-deprecation).
  if (!callbackHandlersAllowed && handler.length >= 3) {
    throw new InitError({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. '
        + 'You need to modify this function to use a supported handler signature to use Node.js 24 or later. '
        + 'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
      trace: [],
    });
  }
  return handler;
}

// --- one invocation ---------------------------------------------------------

// callbackWaitsForEmptyEventLoop, as the AWS runtime does it: while a
// handler runs, the channel does not keep the process alive, so Node emits
// 'beforeExit' once nothing but the handler's leftovers could run; that is
// when a waiting callback's answer goes out.
let whenLoopEmpty = null;
process.on('beforeExit', () => {
  const pending = whenLoopEmpty;
  whenLoopEmpty = null;
  channel.ref(); // idle again: wait for the next invocation
  if (pending) pending();
});

function makeContext(header, finish) {
  const deadline = header.deadlineMs;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: header.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: header.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: header.identity === null ? undefined : header.identity,
    clientContext: header.clientContext === null ? undefined : header.clientContext,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    succeed: (value) => finish(null, value),
    fail: (err) => finish(err === undefined || err === null ? 'handled' : err),
    done: (err, value) => finish(err, value),
  };
  return context;
}

let handlerFn;

function invoke(header, body) {
  currentRequestId = header.requestId;
  let event;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch (err) {
    reply(header, process.hrtime.bigint(), { errorType: 'Runtime.UnmarshalError', errorMessage: `Unable to parse the event: ${err.message}`, trace: [] });
    return;
  }
  const start = process.hrtime.bigint();
  cpuAtStart = process.cpuUsage();
  let settled = false;
  const finish = (err, value) => {
    if (settled) return;
    settled = true;
    if (err !== null && err !== undefined) reply(header, start, errorObject(err));
    else reply(header, start, undefined, value);
  };
  // As the AWS runtime does: the first of callback, context.succeed/fail/done
  // and the returned promise claims the invocation; later ones are ignored.
  // A callback's value waits for the event loop to drain (unless
  // callbackWaitsForEmptyEventLoop is false); an error goes out at once.
  let claimed = false;
  const claim = () => {
    if (claimed) return false;
    claimed = true;
    return true;
  };
  const context = makeContext(header, (err, value) => {
    if (claim()) finish(err, value);
  });
  const callback = (err, value) => {
    if (!claim()) return;
    if (err !== null && err !== undefined) finish(err);
    else if (context.callbackWaitsForEmptyEventLoop) whenLoopEmpty = () => finish(null, value);
    else finish(null, value);
  };
  channel.unref();
  let returned;
  try {
    returned = callbackHandlersAllowed ? handlerFn(event, context, callback) : handlerFn(event, context);
  } catch (err) {
    if (claim()) finish(err);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then(
      (value) => { if (claim()) finish(null, value); },
      (err) => { if (claim()) finish(err === undefined || err === null ? new Error('handled') : err); });
  } else if (handlerFn.length < 3) {
    // A plain function that takes no callback: its return value is the result.
    if (claim()) finish(null, returned);
  } else if (!claimed && !whenLoopEmpty) {
    // Waits for the callback; with none, the result is null once the loop is empty.
    whenLoopEmpty = () => { if (claim()) finish(null, null); };
  }
}

// The process's CPU time when the invocation started: the engine uses the
// difference to emulate Lambda's CPU share for the function's memory.
let cpuAtStart = null;

function reply(header, start, error, value) {
  channel.ref();
  whenLoopEmpty = null;
  const durationUs = Number((process.hrtime.bigint() - start) / 1000n);
  const used = process.cpuUsage(cpuAtStart || undefined);
  const cpuUs = used.user + used.system;
  if (error) {
    send({ type: 'error', requestId: header.requestId, durationUs, cpuUs, maxRssKb: maxRssKb(), errorType: error.errorType }, JSON.stringify(error));
    return;
  }
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (err) {
    const marshal = { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify the result: ${err.message}`, trace: [] };
    send({ type: 'error', requestId: header.requestId, durationUs, cpuUs, maxRssKb: maxRssKb(), errorType: marshal.errorType }, JSON.stringify(marshal));
    return;
  }
  if (text === undefined) text = 'null'; // functions and symbols stringify to undefined
  send({ type: 'result', requestId: header.requestId, durationUs, cpuUs, maxRssKb: maxRssKb() }, text);
}

// --- the channel ------------------------------------------------------------

let pending = Buffer.alloc(0);
channel.on('data', (chunk) => {
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  while (pending.length >= 8) {
    const headLength = pending.readUInt32LE(0);
    const bodyLength = pending.readUInt32LE(4);
    if (pending.length < 8 + headLength + bodyLength) break;
    const header = JSON.parse(pending.subarray(8, 8 + headLength).toString('utf8'));
    const body = pending.subarray(8 + headLength, 8 + headLength + bodyLength);
    pending = pending.subarray(8 + headLength + bodyLength);
    if (header.type === 'invoke') invoke(header, body);
  }
});
channel.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

process.on('uncaughtException', (err) => {
  // As on AWS: an exception that escapes the handler's promise chain fails
  // the invocation and the instance.
  process.stderr.write(`${new Date().toISOString()}\t${currentRequestId}\tERROR\tUncaught Exception \t${JSON.stringify(errorObject(err))}\n`);
  process.exit(129);
});
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`${new Date().toISOString()}\t${currentRequestId}\tERROR\tUnhandled Promise Rejection \t${JSON.stringify(errorObject(reason))}\n`);
  process.exit(128);
});

patchConsole();
(async () => {
  try {
    handlerFn = await loadHandler();
  } catch (err) {
    const error = err instanceof InitError ? err.errorObject : errorObject(err);
    send({ type: 'initError', maxRssKb: maxRssKb(), errorType: error.errorType }, JSON.stringify(error));
    return;
  }
  send({ type: 'ready', maxRssKb: maxRssKb() });
})();
