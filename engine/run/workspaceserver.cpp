#include "workspaceserver.h"

#include "engine/meter/pricing.h"
#include "engine/model/nodekind.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/store/workspacestore.h"
#include "engine/triggers/scheduletimes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>
#include <QUrl>

#include <set>

#include <sys/stat.h>

namespace stratus::engine::run {

namespace {

/// A file on disk, from one stat(): its inode (a file replaced by rename,
/// as import --force and Save As do, is another inode under the same name),
/// and a signature that changes too when it is rewritten in place (a refused
/// replacement is tried again then, or when another file takes its place,
/// which may reuse its inode). Zero and empty when there is no file.
struct FileOnDisk
{
    uint64_t inode = 0;
    std::string signature;
};

FileOnDisk fileOnDisk(const std::string &path)
{
    struct stat st = {};
    if (::stat(path.c_str(), &st) != 0)
        return {};
    return {uint64_t(st.st_ino), std::to_string(st.st_ino) + ":" + std::to_string(st.st_ctim.tv_sec) + "."
                                     + std::to_string(st.st_ctim.tv_nsec) + ":" + std::to_string(st.st_size)};
}

std::string routeTarget(const WorkflowId &workflow, const NodeId &node)
{
    return workflow.str() + "/" + node.str();
}

} // namespace

void waitForEvents(int ms)
{
    // processEvents(flags, ms) returns at once when nothing is pending: this sleeps instead.
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

WorkspaceServer::WorkspaceServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_reloadTimer.setInterval(m_options.reloadPollMs);
    m_scheduleTimer.setSingleShot(true);
    connect(&m_scheduleTimer, &QTimer::timeout, this, [this] { checkSchedules(); });
    connect(&m_reloadTimer, &QTimer::timeout, this, [this] { checkForSavedDesign(); });
}

WorkspaceServer::~WorkspaceServer()
{
    stop(0);
}

Result<WorkspaceServer::OpenedFile> WorkspaceServer::checkFile() const
{
    const std::string &file = m_options.executor.workspaceFile;
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    if (!store)
        return store.status();
    OpenedFile opened{std::make_unique<WorkspaceStore>(store.take()), {}, std::nullopt, fileOnDisk(file).inode};
    auto workspace = opened.store->load();
    if (!workspace)
        return workspace.status();
    if (const Problems problems = workspaceProblems(*workspace); hasErrors(problems)) {
        std::string text = quote(file) + " has problems to fix before it can run:";
        for (const Problem &p : problems) {
            if (p.severity == Problem::Severity::Error)
                text += "\n  " + p.toString();
        }
        return Status::invalidArgument(text);
    }
    opened.workspace = workspace.take();
    auto lease = RunLease::take(file);
    if (!lease)
        return lease.status();
    opened.lease.emplace(lease.take());
    return opened;
}

Result<Workspace> WorkspaceServer::openFile(std::optional<OpenedFile> checked)
{
    const std::string &file = m_options.executor.workspaceFile;
    if (!checked) {
        auto opened = checkFile();
        if (!opened)
            return opened.status();
        checked.emplace(std::move(*opened));
    }
    m_store = std::move(checked->store);
    auto generation = m_store->designGeneration();
    m_designGeneration = generation ? *generation : 0;
    m_inode = checked->inode;
    // One process runs a file's deliveries and schedules: a server (serve,
    // the studio's Run) refuses to start beside another; send and debug run
    // their run and leave the deliveries to it.
    RunLease &lease = *checked->lease;
    LocalResources::Options resourceOptions;
    if (!lease.isHeld()) {
        if (m_options.listen)
            return Status::ioError(quote(file) + " is already running in " + lease.holderText()
                                   + " (stratus serve, or the studio's Run): stop it first, or use stratus send, "
                                     "which leaves what a run writes into queues, tables and buckets to it");
        resourceOptions.deliver = false;
        if (m_observer.warning)
            m_observer.warning(quote(file) + " is running in " + lease.holderText()
                               + ": what this run writes into queues, tables and buckets is delivered there");
    } else {
        m_lease.emplace(std::move(lease));
    }
    if (m_options.services && !m_services) {
        // Before the executor: its functions are told where the endpoints are.
        m_services = std::make_unique<services::ServicesServer>(*this);
        const GatewaySettings saved = gatewaySettings(checked->workspace.settings, m_options.defaultGateway);
        const std::string host = m_options.host.value_or(saved.host);
        const int port = m_options.listen ? m_options.servicesPort.value_or(servicesPort(checked->workspace.settings)) : 0;
        if (Status s = m_services->listen(host, port); !s) {
            m_services.reset();
            return s;
        }
        m_options.executor.servicesUrl = m_services->url();
    }
    m_executor = std::make_unique<Executor>(m_options.executor);
    m_executor->setObserver(m_observer);
    if (Status s = loadDesign(checked->workspace); !s)
        return s;
    m_resources = std::make_unique<LocalResources>(*m_executor, file, resourceOptions);
    m_executor->setResources(m_resources.get());
    if (Status s = m_resources->start(); !s)
        return s;
    return std::move(checked->workspace);
}

Status WorkspaceServer::start()
{
    auto opened = openFile();
    if (!opened)
        return opened.status();
    Workspace &workspace = *opened;
    if (m_options.listen) {
        Gateway::Options g;
        const GatewaySettings saved = gatewaySettings(workspace.settings, m_options.defaultGateway);
        g.host = m_options.host.value_or(saved.host);
        g.port = m_options.port.value_or(saved.port);
        m_gateway = std::make_unique<Gateway>(
            [this](http::Request request, Gateway::Respond respond) { serveHttp(std::move(request), std::move(respond)); });
        // Every answer written is reported (serve prints a line per request, the gateway's own too).
        connect(m_gateway.get(), &Gateway::answered, this, &WorkspaceServer::requestAnswered);
        if (Status s = m_gateway->listen(g); !s)
            return s;
        m_api.domainName = (g.host.find(':') != std::string::npos ? "[" + g.host + "]" : g.host) + ":"
                           + std::to_string(m_gateway->port());
    }
    if (m_options.schedules)
        armSchedules();
    if (m_options.reloadPollMs > 0)
        m_reloadTimer.start();
    return Status::ok();
}

Status WorkspaceServer::loadDesign(const Workspace &workspace)
{
    http::RouteTable routes;
    std::vector<RouteInfo> info;
    for (const Workflow &wf : workspace.workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind != kinds::kHttpTrigger)
                continue;
            const Json config = NodeKindRegistry::instance().effectiveConfig(node);
            http::Route route{config.value("method", std::string("GET")), config.value("path", std::string("/")),
                              routeTarget(wf.id(), node.id)};
            if (Status s = routes.add(route); !s)
                return s.withContext("HTTP trigger " + quote(node.name));
            info.push_back(RouteInfo{route.method, route.path, wf.id(), node.id, node.name});
        }
    }
    if (Status s = m_executor->load(workspace); !s)
        return s;
    m_routes = std::move(routes);
    m_routeInfo = std::move(info);
    m_api.region = textSetting(workspace.settings, "region", "us-east-1");
    return Status::ok();
}

void WorkspaceServer::stop(int graceMs)
{
    // Nothing new comes in; what is in flight gets `graceMs` to end and
    // answer its client; what is still owed then is answered 503.
    m_reloadTimer.stop();
    m_stopping = true;
    if (m_gateway)
        m_gateway->stopListening();
    stopDelivering();
    waitForRuns(graceMs);
    if (m_gateway)
        m_gateway->close();
    if (m_services)
        m_services->close();
    closeFile(0);
}

std::shared_ptr<const Workspace> WorkspaceServer::design() const
{
    return m_executor ? m_executor->design() : nullptr;
}

void WorkspaceServer::changed()
{
    if (m_resources)
        m_resources->schedulePoll();
}

std::string WorkspaceServer::bucketFolder(const Node &bucket) const
{
    return LocalResources::bucketFolder(m_options.executor.workspaceFile, bucket);
}

const Workflow *WorkspaceServer::workflowHolding(const Node &node) const
{
    if (auto running = design()) {
        for (const Workflow &wf : running->workflows) {
            if (const Node *found = wf.findNode(node.id); found && found->kind == node.kind)
                return &wf;
        }
    }
    return nullptr;
}

Result<std::string> WorkspaceServer::putObject(const Node &bucket, const std::string &key, std::string_view body)
{
    const Workflow *workflow = workflowHolding(bucket);
    if (!m_resources || !workflow)
        return Status::notFound("bucket " + quote(bucket.name) + " is not running");
    auto written = m_resources->putObject(*workflow, bucket, key, body);
    if (!written)
        return written.status();
    return (*written)["eTag"].get<std::string>();
}

Result<bool> WorkspaceServer::deleteObject(const Node &bucket, const std::string &key)
{
    const Workflow *workflow = workflowHolding(bucket);
    if (!m_resources || !workflow)
        return Status::notFound("bucket " + quote(bucket.name) + " is not running");
    return m_resources->deleteObject(*workflow, bucket, key);
}

void WorkspaceServer::stopDelivering()
{
    m_scheduleTimer.stop();
    m_schedules.clear();
    if (m_resources)
        m_resources->stop();
}

void WorkspaceServer::waitForRuns(int graceMs)
{
    QElapsedTimer waited;
    waited.start();
    while (m_executor && m_executor->runsInFlight() > 0 && m_executor->pausedRuns().empty()
           && waited.elapsed() < graceMs)
        waitForEvents(20);
}

void WorkspaceServer::closeFile(int graceMs)
{
    stopDelivering();
    if (!m_executor)
        return;
    // In-flight runs get a bounded time to end; what is left is stopped
    // (its instances killed: the runs end aborted and are recorded so).
    waitForRuns(graceMs);
    m_executor->shutdown();
    QElapsedTimer settle;
    settle.start();
    while (m_executor->runsInFlight() > 0 && settle.elapsed() < 500)
        waitForEvents(20);
    if (Status s = m_executor->flushHistory(); !s && m_observer.warning)
        m_observer.warning("the run history was not all written: " + s.message());
    m_lease.reset(); // another process may run the file now
}

void WorkspaceServer::setObserver(Executor::Observer observer)
{
    m_observer = std::move(observer);
    if (m_executor)
        m_executor->setObserver(m_observer);
}

bool WorkspaceServer::isQuiet()
{
    return m_executor && m_executor->runsInFlight() == 0 && (!m_resources || !m_resources->hasPendingWork());
}

void WorkspaceServer::serveHttp(http::Request request, Gateway::Respond respond)
{
    if (m_following || m_stopping) {
        // Between a replaced file and the new one, or stopping: as API Gateway
        // answers while an integration is unavailable.
        respond(http::errorResponse(503));
        return;
    }
    auto match = m_routes.match(request.method, request.rawPath);
    auto design = m_executor->design();
    auto findTrigger = [&](const std::string &target) -> std::pair<const Workflow *, const Node *> {
        const auto slash = target.find('/');
        const Workflow *wf = design->findWorkflow(WorkflowId(target.substr(0, slash)));
        return {wf, wf ? wf->findNode(NodeId(target.substr(slash + 1))) : nullptr};
    };
    if (!match) {
        // A preflight for a path some route serves is answered from that route's CORS.
        if (request.method == "OPTIONS") {
            for (const http::Route &route : m_routes.routes()) {
                auto any = m_routes.match(route.method == "ANY" ? std::string("GET") : route.method, request.rawPath);
                if (!any || any->route->target != route.target)
                    continue;
                const auto [wf, node] = findTrigger(route.target);
                if (!node)
                    continue;
                const http::Cors cors = http::Cors::fromJson(NodeKindRegistry::instance().effectiveConfig(*node).value(
                    "cors", Json::object()));
                if (auto preflight = http::preflightResponse(cors, request); preflight && !cors.empty()) {
                    respond(*preflight);
                    return;
                }
            }
        }
        respond(http::errorResponse(404));
        return;
    }
    const auto [workflow, node] = findTrigger(match->route->target);
    if (!node) {
        respond(http::errorResponse(404));
        return;
    }
    const Json config = NodeKindRegistry::instance().effectiveConfig(*node);
    const http::Cors cors = http::Cors::fromJson(config.value("cors", Json::object()));
    if (!cors.empty()) {
        if (auto preflight = http::preflightResponse(cors, request)) {
            respond(*preflight);
            return;
        }
    }
    const bool v1 = config.value("payloadFormat", std::string("2.0")) == "1.0";
    Json event = v1 ? http::eventV1(request, *match, m_api) : http::eventV2(request, *match, m_api);
    RunRequest run;
    run.workflow = workflow->id();
    run.node = node->id;
    run.event = std::move(event);
    run.trigger = "http";
    Node trigger = *node;
    m_executor->start(std::move(run), [this, trigger, cors, request = std::move(request),
                                       respond = std::move(respond)](const RunOutcome &outcome) {
        http::Response answer = httpAnswer(trigger, outcome);
        if (!cors.empty())
            http::addCorsHeaders(cors, request, answer);
        respond(std::move(answer));
    });
}

http::Response WorkspaceServer::httpAnswer(const Node &trigger, const RunOutcome &outcome)
{
    // As API Gateway answers a Lambda integration's failures
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
    if (outcome.failure == FailureKind::Throttled)
        return http::errorResponse(500);
    if (!outcome.ok() || outcome.outputIsCaughtError)
        return http::errorResponse(502);
    const Json config = NodeKindRegistry::instance().effectiveConfig(trigger);
    const bool v1 = config.value("payloadFormat", std::string("2.0")) == "1.0";
    // The run's record holds the output's text already.
    const std::string result = !outcome.output ? std::string("null")
                               : outcome.entry.output.empty()
                                   ? outcome.output->dump(-1, ' ', false, Json::error_handler_t::replace)
                                   : outcome.entry.output;
    auto response = v1 ? http::responseFromResultV1(result) : http::responseFromResultV2(result);
    if (!response)
        return http::errorResponse(502);
    return response.take();
}

Result<Json> WorkspaceServer::defaultEvent(const Workflow &workflow, const Node &trigger) const
{
    const Json config = NodeKindRegistry::instance().effectiveConfig(trigger);
    const Json settings = m_executor->design() ? m_executor->design()->settings : Json::object();
    const std::string region = textSetting(settings, "region", "us-east-1");
    if (trigger.kind == kinds::kManualTrigger)
        return config.value("event", Json::object());
    if (trigger.kind == kinds::kScheduleTrigger) {
        const std::string arn = "arn:aws:events:" + region + ":000000000000:rule/" + trigger.id.str();
        return schedule::scheduledEvent(newRequestId(), QDateTime::currentDateTimeUtc(), region, "000000000000", arn,
                                        config.value("detail", Json::object()));
    }
    if (trigger.kind == kinds::kHttpTrigger)
        return httpEvent(workflow, trigger, Json::object()); // its own route, {params} filled with their names
    return Status::invalidArgument("node " + quote(trigger.name) + " is not a trigger (it is a " + trigger.kind + ")");
}

Result<Json> WorkspaceServer::httpEvent(const Workflow &workflow, const Node &trigger, const Json &d) const
{
    if (!d.is_object())
        return Status::invalidArgument("an HTTP request is an object {\"method\", \"path\", \"pathParameters\", "
                                       "\"query\", \"headers\", \"body\"} or a full payload 2.0 event");
    if (d.contains("routeKey") || d.contains("requestContext") || d.contains("httpMethod"))
        return d; // already an event: sent as given
    static const std::set<std::string> known{"method", "path", "pathParameters", "query", "headers", "body"};
    for (auto it = d.begin(); it != d.end(); ++it) {
        if (!known.contains(it.key()))
            return Status::invalidArgument("the request has " + quote(it.key())
                                           + ", which a request description does not take (it takes method, path, "
                                             "pathParameters, query, headers, body; or give a full payload 2.0 event)");
    }
    const Json config = NodeKindRegistry::instance().effectiveConfig(trigger);
    http::Request request;
    auto text = [&](const char *key, const std::string &fallback) -> Result<std::string> {
        if (!d.contains(key))
            return fallback;
        if (!d[key].is_string())
            return Status::invalidArgument("the request's " + std::string(key) + " must be a string, not "
                                           + printable(d[key].dump()));
        return d[key].get<std::string>();
    };
    const std::string method = config.value("method", std::string("GET"));
    auto m = text("method", method == "ANY" ? std::string("GET") : method);
    if (!m)
        return m.status();
    request.method = *m;
    // Without a path: the trigger's route, its {params} from pathParameters (else their names).
    std::string route = config.value("path", std::string("/"));
    if (d.contains("pathParameters") && !d["pathParameters"].is_object())
        return Status::invalidArgument("the request's pathParameters must be an object of name: value");
    for (size_t open = route.find('{'); open != std::string::npos; open = route.find('{', open)) {
        const size_t close = route.find('}', open);
        if (close == std::string::npos)
            break;
        std::string name = route.substr(open + 1, close - open - 1);
        const bool greedy = name.ends_with('+');
        if (greedy)
            name.pop_back();
        std::string value = name;
        if (d.contains("pathParameters") && d["pathParameters"].contains(name)) {
            const Json &v = d["pathParameters"][name];
            value = v.is_string() ? v.get<std::string>() : v.dump();
        }
        // A greedy {proxy+} spans segments: its slashes stay.
        const std::string encoded
            = QUrl::toPercentEncoding(QString::fromStdString(value), greedy ? "/" : "").toStdString();
        route.replace(open, close - open + 1, encoded);
        open += encoded.size();
    }
    auto path = text("path", route);
    if (!path)
        return path.status();
    const auto question = path->find('?');
    request.rawPath = path->substr(0, question);
    if (question != std::string::npos)
        request.rawQueryString = path->substr(question + 1);
    if (d.contains("query")) {
        if (d["query"].is_string()) {
            request.rawQueryString = d["query"].get<std::string>();
        } else if (d["query"].is_object()) {
            std::string q;
            for (auto it = d["query"].begin(); it != d["query"].end(); ++it) {
                const std::string value = it->is_string() ? it->get<std::string>() : it->dump();
                q += (q.empty() ? "" : "&")
                     + QUrl::toPercentEncoding(QString::fromStdString(it.key())).toStdString() + "="
                     + QUrl::toPercentEncoding(QString::fromStdString(value)).toStdString();
            }
            request.rawQueryString = q;
        } else {
            return Status::invalidArgument("the request's query must be a string or an object");
        }
    }
    if (d.contains("headers")) {
        if (!d["headers"].is_object())
            return Status::invalidArgument("the request's headers must be an object of name: value");
        for (auto it = d["headers"].begin(); it != d["headers"].end(); ++it)
            request.headers.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
    }
    if (d.contains("body"))
        request.body = d["body"].is_string() ? d["body"].get<std::string>() : d["body"].dump();
    if (!http::headerValue(request.headers, "host"))
        request.headers.emplace_back("host", m_api.domainName.empty() ? std::string("localhost") : m_api.domainName);
    // A description's body is JSON or text: say which, as a client would, so
    // that it arrives as text (API Gateway base64-encodes a body of no type).
    if (!request.body.empty() && !http::headerValue(request.headers, "content-type"))
        request.headers.emplace_back("content-type",
                                     !d["body"].is_string() || parseJson(request.body) ? "application/json"
                                                                                        : "text/plain");
    request.requestId = newRequestId();
    request.timeEpochMs = QDateTime::currentMSecsSinceEpoch();
    auto match = m_routes.match(request.method, request.rawPath);
    if (!match || match->route->target != routeTarget(workflow.id(), trigger.id))
        return Status::invalidArgument("trigger " + quote(trigger.name) + " does not take " + request.method + " "
                                       + request.rawPath + " (its route: " + config.value("method", std::string("GET"))
                                       + " " + config.value("path", std::string("/")) + ")");
    const bool v1 = config.value("payloadFormat", std::string("2.0")) == "1.0";
    return v1 ? http::eventV1(request, *match, m_api) : http::eventV2(request, *match, m_api);
}

void WorkspaceServer::checkForSavedDesign()
{
    if (m_following && m_executor)
        return; // moving to a replaced file (its wait serves this loop): not again from inside it
    if (const FileOnDisk now = fileOnDisk(m_options.executor.workspaceFile); now.inode != m_inode && now.inode != 0) {
        if (now.signature != m_refusedFile)
            followReplacedFile(now.signature);
        return;
    }
    if (!m_store)
        return; // no file runs (a replacement failed): the next change of the file is tried
    if (m_lease)
        m_lease->dropProbes();
    auto generation = m_store->designGeneration();
    if (!generation || *generation == m_designGeneration)
        return;
    m_designGeneration = *generation;
    auto workspace = m_store->load();
    QString problem;
    if (!workspace) {
        problem = QString::fromStdString(workspace.status().message());
    } else if (const Problems problems = workspaceProblems(*workspace); hasErrors(problems)) {
        for (const Problem &p : problems) {
            if (p.severity == Problem::Severity::Error) {
                problem = QString::fromStdString("the saved design has problems, still running the previous one: "
                                                 + p.toString());
                break;
            }
        }
    } else if (Status s = loadDesign(*workspace); !s) {
        problem = QString::fromStdString(s.message());
    } else {
        if (m_resources)
            m_resources->designChanged();
        armSchedules();
    }
    Q_EMIT reloaded(problem);
}

void WorkspaceServer::releaseFile()
{
    m_resources.reset(); // before the executor it delivers to
    m_executor.reset();
    m_store.reset();
    m_lease.reset();
}

void WorkspaceServer::followReplacedFile(const std::string &signature)
{
    // A file replaced under the same name (import --force, Save As): the
    // new one is checked whole before the old one is let go, so a broken
    // replacement leaves this server running what it ran.
    auto checked = checkFile();
    QString problem;
    if (!checked)
        problem = QString::fromStdString(checked.status().message());
    else if (!checked->lease->isHeld())
        problem = QString::fromStdString("the new file is already running in " + checked->lease->holderText());
    if (!problem.isEmpty()) {
        m_refusedFile = signature; // told once, not at every poll
        Q_EMIT reloaded(QStringLiteral("the workspace file was replaced, and the new one cannot run (")
                        + problem + QStringLiteral("): still running the previous design"));
        return;
    }
    m_following = true;
    closeFile(kStopGraceMs);
    releaseFile();
    auto opened = openFile(std::move(*checked));
    if (!opened) {
        // Nothing runs now: HTTP answers 503 (m_following stays) until a
        // change of the file can be run, which the next polls try.
        releaseFile();
        m_inode = 0;
        m_refusedFile = signature;
        Q_EMIT reloaded(QString::fromStdString("the replaced workspace file could not be run ("
                                               + opened.status().message()
                                               + "): HTTP requests are answered 503 until it is fixed"));
        return;
    }
    m_following = false;
    if (m_options.schedules)
        armSchedules();
    Q_EMIT reloaded(QString());
}

void WorkspaceServer::armSchedules()
{
    // A reload keeps each unchanged schedule's start: a save in the studio
    // must not push a rate() schedule's next firing back every time.
    std::map<std::string, QDateTime> anchors;
    for (const Schedule &s : m_schedules)
        anchors[s.workflow.str() + '\x1f' + s.node.str() + '\x1f' + s.text] = s.anchor;
    m_schedules.clear();
    auto design = m_executor->design();
    if (!design || !m_options.schedules)
        return;
    const QDateTime now = m_options.clock();
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind != kinds::kScheduleTrigger)
                continue;
            const Json config = NodeKindRegistry::instance().effectiveConfig(node);
            if (!config.value("enabled", true))
                continue;
            auto expression = parseScheduleExpression(config.value("expression", std::string()));
            if (!expression)
                continue; // validation refused the workspace before it got here
            const std::string text = config.value("expression", std::string()) + '\x1f'
                                     + config.value("timezone", std::string("UTC"));
            const auto kept = anchors.find(wf.id().str() + '\x1f' + node.id.str() + '\x1f' + text);
            Schedule s{wf.id(), node.id, *expression,
                       QTimeZone(QByteArray::fromStdString(config.value("timezone", std::string("UTC")))),
                       kept != anchors.end() ? kept->second : now, {}, text};
            if (auto next = schedule::nextFireTime(s.expression, s.zone, now, s.anchor))
                s.due = *next;
            m_schedules.push_back(std::move(s));
        }
    }
    checkSchedules();
}

void WorkspaceServer::checkSchedules()
{
    const QDateTime now = m_options.clock();
    auto design = m_executor->design();
    for (Schedule &s : m_schedules) {
        if (!s.due.isValid() || s.due > now)
            continue;
        const Workflow *w = design->findWorkflow(s.workflow);
        const Node *n = w ? w->findNode(s.node) : nullptr;
        if (n) {
            const Json config = NodeKindRegistry::instance().effectiveConfig(*n);
            const std::string region = textSetting(design->settings, "region", "us-east-1");
            RunRequest run;
            run.workflow = s.workflow;
            run.node = s.node;
            // The event carries the time it was due, as EventBridge's does.
            run.event = schedule::scheduledEvent(newRequestId(), s.due.toUTC(), region, "000000000000",
                                                 "arn:aws:events:" + region + ":000000000000:rule/" + n->id.str(),
                                                 config.value("detail", Json::object()));
            run.trigger = "schedule";
            m_executor->start(std::move(run));
        }
        auto next = schedule::nextFireTime(s.expression, s.zone, now, s.anchor);
        s.due = next ? *next : QDateTime();
    }
    // One timer for all: at the soonest due time, by the real clock; at most a day ahead.
    m_scheduleTimer.stop();
    qint64 soonest = -1;
    for (const Schedule &s : m_schedules) {
        if (s.due.isValid())
            soonest = soonest < 0 ? now.msecsTo(s.due) : std::min(soonest, now.msecsTo(s.due));
    }
    if (soonest >= 0)
        m_scheduleTimer.start(int(std::clamp<qint64>(soonest, 0, 24LL * 3600 * 1000)));
}

} // namespace stratus::engine::run
