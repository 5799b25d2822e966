// Benchmark: the local DynamoDB endpoint through the AWS SDK, from a warm
// Node.js function run by the real engine (WorkspaceServer) on a real
// workspace file, every write committed before it is answered.
//   - PutItem, GetItem: N operations each, 32 in flight
//   - Query of a 100-item partition: N/10 queries, 32 in flight
//   - SQS SendMessage: N messages, 32 in flight
//   - S3 PutObject and GetObject of 10 KB: N/4 objects each, 32 in flight
//   - the SDK's own ceiling: GetItem against a server inside the function
//     that answers at once with a constant item (no Stratus at all)
// The function times its own loop and its own CPU; operations/s and the
// function's CPU per call (the SDK client's share) are printed per kind.
// Targets (issue 13): PutItem and GetItem >= 5,000/s each, a Query of 100
// items >= 1,000/s, SendMessage >= 5,000/s, PutObject and GetObject of
// 10 KB >= 2,000/s each.
//
// Usage: bench_services [N (default 20000)]

#include "engine/run/workspaceserver.h"
#include "engine/runtime/launch.h"
#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace stratus::engine;
using namespace stratus::engine::run;

namespace {

const char *kCode = R"JS(
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, GetCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { S3Client, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const s3 = new S3Client({});
const Bucket = process.env.OBJECTS_BUCKET_NAME;
const tenKb = 'x'.repeat(10240);
const sqs = new SQSClient({});
const TableName = process.env.ITEMS_TABLE_NAME;
async function pool(n, work) {
  let next = 0;
  const lane = async () => { while (next < n) await work(next++); };
  await Promise.all(Array.from({ length: 32 }, lane));
}
let constant;
function constantServer() {
  const http = require('http');
  const item = JSON.stringify({ Item: { pk: { S: 'p1' }, sk: { N: '1' }, v: { S: 'value 1' }, n: { N: '1' } } });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(item) });
      res.end(item);
    });
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => {
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${server.address().port}` });
    ready({ server, db: DynamoDBDocumentClient.from(client) });
  }));
}
exports.handler = async ({ op, n }) => {
  if (op === 'ceiling' && !constant) constant = await constantServer();
  const start = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  if (op === 'put')
    await pool(n, (i) => db.send(new PutCommand({ TableName, Item: { pk: 'p' + (i % 1000), sk: i, v: 'value ' + i, n: i } })));
  else if (op === 'get')
    await pool(n, (i) => db.send(new GetCommand({ TableName, Key: { pk: 'p' + (i % 1000), sk: i } })));
  else if (op === 'fill')
    await pool(100, (i) => db.send(new PutCommand({ TableName, Item: { pk: 'hot', sk: i, v: 'x'.repeat(100) } })));
  else if (op === 'send')
    await pool(n, (i) => sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: 'message ' + i })));
  else if (op === 'putObject')
    await pool(n, (i) => s3.send(new PutObjectCommand({ Bucket, Key: `o/${i % 100}/${i}.txt`, Body: tenKb })));
  else if (op === 'getObject')
    await pool(n, async (i) => {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: `o/${i % 100}/${i}.txt` }));
      if ((await got.Body.transformToString()).length !== 10240) throw new Error('short object');
    });
  else if (op === 'query')
    await pool(n, async () => {
      const page = await db.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'hot' } }));
      if (page.Items.length !== 100) throw new Error('query gave ' + page.Items.length);
    });
  else if (op === 'ceiling')
    await pool(n, (i) => constant.db.send(new GetCommand({ TableName, Key: { pk: 'p' + (i % 1000), sk: i } })));
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
};
)JS";

std::string workspace()
{
    const Json function{{"id", "bench"},
                        {"kind", "function"},
                        {"name", "bench"},
                        {"config",
                         {{"runtime", "nodejs20.x"},
                          {"handler", "index.handler"},
                          {"memoryMB", 1024},
                          {"timeoutS", 900},
                          {"uses", {"items", "jobs", "objects"}},
                          {"files", {{"index.js", kCode}}}}}};
    return Json{{"format", "stratus-workspace"},
                {"version", 1},
                {"name", "bench-services"},
                {"workflows",
                 Json::array({{{"id", "main"},
                               {"name", "Main"},
                               {"nodes",
                                Json::array({{{"id", "go"}, {"kind", "trigger.manual"}, {"name", "go"}, {"config", Json::object()}},
                                             function,
                                             {{"id", "items"},
                                              {"kind", "table"},
                                              {"name", "items"},
                                              {"config", {{"partitionKey", "pk"}, {"sortKey", "sk"}}}},
                                             {{"id", "jobs"}, {"kind", "queue"}, {"name", "jobs"}, {"config", Json::object()}},
                                             {{"id", "objects"}, {"kind", "bucket"}, {"name", "objects"}, {"config", Json::object()}}})},
                               {"edges", Json::array({{{"id", "e"},
                                                       {"from", {{"node", "go"}, {"port", "event"}}},
                                                       {"to", {{"node", "bench"}, {"port", "in"}}}}})}}})}}
        .dump();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    if (nodeSdkModules().empty()) {
        std::fprintf(stderr, "the AWS SDK for JavaScript is not installed (installer/setup-deps.sh)\n");
        return 1;
    }
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("bench.stratus")).toStdString();
    auto doc = workspace_json::read(workspace());
    if (!doc || !WorkspaceStore::writeTo(file, doc->workspace)) {
        std::fprintf(stderr, "cannot write the workspace\n");
        return 1;
    }
    WorkspaceServer::Options options;
    options.executor.workspaceFile = file;
    options.executor.runtime.cacheRoot = dir.filePath(QStringLiteral("cache")).toStdString();
    options.listen = true;
    options.schedules = false;
    WorkspaceServer server(options);
    if (Status s = server.start(); !s) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return 1;
    }
    struct Timing {
        double ms = 0;
        double cpuMs = 0; // the function's own CPU: the SDK client's share
    };
    auto run = [&](const char *op, int count) -> Timing {
        RunRequest request;
        request.workflow = WorkflowId("main");
        request.node = NodeId("go");
        request.event = Json{{"op", op}, {"n", count}};
        request.trigger = "manual";
        std::optional<RunOutcome> outcome;
        server.executor().start(std::move(request), [&](const RunOutcome &o) { outcome = o; });
        while (!outcome)
            waitForEvents(5);
        if (!outcome->ok()) {
            std::fprintf(stderr, "%s failed: %s\n", op, outcome->entry.error.c_str());
            std::exit(1);
        }
        const Json answer = Json::parse(outcome->entry.steps.back().output);
        return {answer["ms"].get<double>(), answer["cpuMs"].get<double>()};
    };
    auto report = [](const char *what, int count, const Timing &t, const char *detail) {
        std::printf("%-12s %6.0f ops/s  (%d in %.0f ms%s; the function's CPU: %.2f ms per call)\n", what,
                    count / t.ms * 1000, count, t.ms, detail, t.cpuMs / count);
    };
    run("put", 200); // warm: the instance, the SDK's connections, the statements
    run("get", 200);
    std::printf("endpoint %s, %d operations each, 32 in flight, from one warm Node.js instance\n",
                server.servicesUrl().c_str(), n);
    report("PutItem", n, run("put", n), ", each committed");
    report("GetItem", n, run("get", n), "");
    run("fill", 0);
    const int queries = std::max(1, n / 10);
    report("Query 100", queries, run("query", queries), "");
    run("send", 200);
    report("SendMessage", n, run("send", n), ", each committed");
    const int objects = std::max(1, n / 4);
    run("putObject", 200);
    report("PutObject", objects, run("putObject", objects), ", 10 KB each, each renamed into place");
    report("GetObject", objects, run("getObject", objects), ", 10 KB each");
    run("ceiling", 200);
    report("SDK ceiling", n, run("ceiling", n), ", GetItem answered at once by a server in the function, no Stratus");
    server.stop(0);
    return 0;
}
