#include "localresources.h"

#include "executor.h"

#include "engine/model/invocationrecord.h"
#include "engine/services/bucketobjects.h"
#include "engine/services/dynamodb.h"
#include "engine/model/nodekind.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/triggers/eventshapes.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>

namespace stratus::engine::run {

namespace fs = std::filesystem;

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

shapes::Place placeOf(const Executor &executor)
{
    shapes::Place place;
    if (auto design = executor.design())
        place.region = textSetting(design->settings, "region", "us-east-1");
    return place;
}

int intConfig(const Json &config, const char *key, int fallback)
{
    return config.contains(key) && config[key].is_number_integer() ? config[key].get<int>() : fallback;
}

/// The consumer's own result in a run that a resource started: the output of
/// the first function on its path (what Lambda reads a partial batch
/// response from), null when none ran.
Json consumerResult(const RunOutcome &outcome)
{
    for (const RunStepEntry &step : outcome.entry.steps) {
        if (step.kind == kinds::kFunction) {
            auto parsed = parseJson(step.output);
            return parsed ? parsed.take() : Json();
        }
    }
    return Json();
}

shapes::SqsMessage sqsMessage(const QueueMessageRow &m, const std::string &receipt)
{
    shapes::SqsMessage s;
    s.messageId = m.messageId;
    // A new handle for each receive, as SQS gives.
    s.receiptHandle = QByteArray::fromStdString(m.messageId + ":" + receipt).toBase64().toStdString();
    s.body = m.body;
    s.sentTimestampMs = m.sentAtMs;
    s.firstReceiveTimestampMs = m.firstReceivedMs;
    s.receiveCount = m.receiveCount;
    s.messageAttributes = m.attributes;
    return s;
}

} // namespace

LocalResources::LocalResources(Executor &executor, std::string workspaceFile, Options options, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
    , m_file(std::move(workspaceFile))
    , m_options(options)
{
    m_pollTimer.setInterval(m_options.pollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] { poll(); });
    m_scanTimer.setInterval(m_options.bucketScanMs);
    connect(&m_scanTimer, &QTimer::timeout, this, [this] { scanBuckets(); });
}

LocalResources::~LocalResources()
{
    stop();
}

Status LocalResources::start()
{
    auto data = ResourceData::open(m_file);
    if (!data)
        return data.status();
    m_data = std::make_unique<ResourceData>(data.take());
    designChanged();
    if (m_options.deliver) {
        m_writeWatch = std::make_unique<WriteWatch>();
        m_pollTimer.start();
        m_scanTimer.start();
    }
    return Status::ok();
}

void LocalResources::stop()
{
    m_pollTimer.stop();
    m_scanTimer.stop();
}

bool LocalResources::hasEdges(const Workflow &workflow, const Node &node, const char *port) const
{
    return std::any_of(workflow.edges().begin(), workflow.edges().end(),
                       [&](const Edge &e) { return e.from.node == node.id && e.from.port == port; });
}

std::string LocalResources::bucketFolder(const std::string &workspaceFile, const Node &bucket)
{
    const Json config = NodeKindRegistry::instance().effectiveConfig(bucket);
    const fs::path beside = fs::absolute(fs::path(workspaceFile)).parent_path();
    const std::string folder = config.contains("folder") && config["folder"].is_string()
                                   ? config["folder"].get<std::string>()
                                   : std::string();
    const fs::path p(folder);
    std::string path = (folder.empty() ? beside / bucket.name : p.is_absolute() ? p : beside / p)
                           .lexically_normal()
                           .string();
    if (path.size() > 1 && path.ends_with('/'))
        path.pop_back(); // keys are joined to it with a '/'
    return path;
}

void LocalResources::designChanged()
{
    auto design = m_executor.design();
    if (!design)
        return;
    std::map<std::string, Bucket> buckets;
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind != kinds::kBucket)
                continue;
            Bucket b;
            b.folder = bucketFolder(m_file, node);
            if (auto old = m_buckets.find(node.name); old != m_buckets.end() && old->second.folder == b.folder) {
                b = std::move(old->second);
            } else {
                QDir().mkpath(QString::fromStdString(b.folder));
                // What is there already is not news: only changes from now on are notified.
                QDirIterator it(QString::fromStdString(b.folder), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                                QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    it.next();
                    const QFileInfo info = it.fileInfo();
                    if (services::isOwnTemporary(info.fileName().toStdString()) || info.isSymLink())
                        continue; // as the scans skip them
                    const std::string key = QDir(QString::fromStdString(b.folder)).relativeFilePath(info.filePath()).toStdString();
                    b.known[key] = FileSig{info.size(), info.lastModified().toMSecsSinceEpoch()};
                }
            }
            buckets[node.name] = std::move(b);
        }
    }
    m_buckets = std::move(buckets);
}

// ---- writes ------------------------------------------------------------------

Result<Json> LocalResources::write(const Workflow &workflow, const Node &node, const Json &value,
                                   const std::string &runId)
{
    if (!m_data)
        return Status::notSupported("resources are not running");
    if (node.kind == kinds::kQueue)
        return writeQueue(node, value, runId);
    if (node.kind == kinds::kTable)
        return writeTable(node, value, runId);
    if (node.kind == kinds::kBucket)
        return writeBucket(workflow, node, value, runId);
    return Status::invalidArgument(quote(node.kind) + " is not a resource");
}

Result<Json> LocalResources::writeQueue(const Node &node, const Json &value, const std::string &runId)
{
    // The workspace format: a string is the body itself, any other value its JSON.
    const std::string body = value.is_string() ? value.get<std::string>()
                                               : value.dump(-1, ' ', false, Json::error_handler_t::replace);
    // SQS's limit for a message (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
    if (body.size() > 256 * 1024)
        return Status::invalidArgument("the message is " + std::to_string(body.size())
                                       + " bytes; SQS takes at most 262144");
    auto id = m_data->sendMessage(node.name, body, nowMs(), Json::object(), runId);
    if (!id)
        return id.status();
    schedulePoll();
    return Json{{"MessageId", *id}, {"MD5OfMessageBody", shapes::md5Hex(body)}};
}

Result<std::pair<std::string, Json>> LocalResources::itemKey(const Node &table, const Json &item)
{
    const std::vector<std::string> names = services::DynamoDb::keyNames(table);
    if (!item.is_object())
        return Status::invalidArgument("an item must be an object holding its key " + joined(names));
    // The key attributes typed, then keyed as the local DynamoDB endpoint keys them.
    Json typedKeys = Json::object();
    for (const std::string &name : names) {
        if (!item.contains(name))
            return Status::invalidArgument("the item has no key attribute " + quote(name) + " (table "
                                           + quote(table.name) + " is keyed by " + joined(names) + ")");
        const Json &v = item[name];
        if (!v.is_string() && !v.is_number())
            return Status::invalidArgument("key attribute " + quote(name) + " must be a string or a number, not "
                                           + printable(v.dump()));
        auto typed = shapes::toAttributeValue(v);
        if (!typed)
            return typed.status();
        typedKeys[name] = typed.take();
    }
    return services::DynamoDb::itemKey(table, typedKeys);
}

Result<Json> LocalResources::writeTable(const Node &node, const Json &value, const std::string &runId)
{
    const bool remove = value.is_object() && value.size() == 1 && value.contains("delete");
    const Json &item = remove ? value["delete"] : value;
    auto key = itemKey(node, item);
    if (!key)
        return key.status();
    Result<std::string> event = std::string();
    if (remove) {
        event = m_data->deleteItem(node.name, key->first, key->second, nowMs(), runId);
    } else {
        auto typed = shapes::toItem(item);
        if (!typed)
            return typed.status();
        // DynamoDB's limit for an item (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
        if (typed->dump().size() > 400 * 1024)
            return Status::invalidArgument("the item is larger than DynamoDB's 400 KB");
        event = m_data->putItem(node.name, key->first, key->second, *typed, nowMs(), runId);
    }
    if (!event)
        return event.status();
    schedulePoll();
    return Json{{"Keys", key->second}, {"eventName", event->empty() ? Json() : Json(*event)}};
}

Result<Json> LocalResources::writeBucket(const Workflow &workflow, const Node &node, const Json &value,
                                         const std::string &runId)
{
    std::string key;
    std::string body;
    if (value.is_object() && value.contains("key") && (value.contains("body") || value.contains("json"))) {
        if (!value["key"].is_string())
            return Status::invalidArgument("an object's key must be a string, not " + printable(value["key"].dump()));
        key = value["key"].get<std::string>();
        if (value.contains("body")) {
            if (!value["body"].is_string())
                return Status::invalidArgument("an object's body must be a string (use \"json\" for a JSON value)");
            body = value["body"].get<std::string>();
        } else {
            body = value["json"].dump(-1, ' ', false, Json::error_handler_t::replace);
        }
    } else {
        key = newRequestId() + ".json";
        body = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    return putObject(workflow, node, key, body, runId);
}

Result<Json> LocalResources::putObject(const Workflow &workflow, const Node &bucket, const std::string &key,
                                       std::string_view body, const std::string &runId)
{
    auto known = m_buckets.find(bucket.name);
    if (known == m_buckets.end())
        return Status::notFound("bucket " + quote(bucket.name) + " is not running");
    auto path = services::objectPath(known->second.folder, key, true);
    if (!path)
        return path.status().withContext("bucket " + quote(bucket.name));
    if (Status s = services::writeObjectFile(*path, body); !s)
        return s;
    const QFileInfo info(QString::fromStdString(path->string()));
    const FileSig sig{info.size(), info.lastModified().toMSecsSinceEpoch()};
    known->second.known[key] = sig;
    known->second.settling.erase(key);
    const std::string etag = shapes::md5Hex(body);
    notifyBucket(workflow, bucket, true, key, sig, runId, etag);
    return Json{{"bucket", bucket.name}, {"key", key}, {"size", body.size()}, {"eTag", etag}};
}

Result<bool> LocalResources::deleteObject(const Workflow &workflow, const Node &bucket, const std::string &key)
{
    auto known = m_buckets.find(bucket.name);
    if (known == m_buckets.end())
        return Status::notFound("bucket " + quote(bucket.name) + " is not running");
    auto path = services::objectPath(known->second.folder, key, false);
    if (!path)
        return path.status().withContext("bucket " + quote(bucket.name));
    auto removed = services::removeObjectFile(known->second.folder, *path);
    if (!removed || !*removed)
        return removed;
    FileSig sig;
    if (auto it = known->second.known.find(key); it != known->second.known.end()) {
        sig = it->second;
        known->second.known.erase(it);
    }
    known->second.settling.erase(key);
    notifyBucket(workflow, bucket, false, key, sig);
    return true;
}

// ---- deliveries --------------------------------------------------------------

void LocalResources::schedulePoll()
{
    // Delivery follows a write at once, not at the next tick; several writes in a turn make one poll.
    if (m_pollQueued || !m_options.deliver)
        return;
    m_pollQueued = true;
    QTimer::singleShot(0, this, [this] { poll(); });
}

bool LocalResources::hasPendingWork()
{
    if (!m_options.deliver)
        return false; // another process delivers
    if (m_pollQueued || !m_deadInFlight.empty())
        return true;
    for (const auto &[name, n] : m_queueBatchesInFlight) {
        if (n > 0)
            return true;
    }
    for (const auto &[name, busy] : m_streamBusy) {
        if (busy)
            return true;
    }
    for (const auto &[name, bucket] : m_buckets) {
        if (!bucket.settling.empty())
            return true;
    }
    auto design = m_executor.design();
    if (!design || !m_data)
        return false;
    const int64_t now = nowMs();
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind == kinds::kQueue && hasEdges(wf, node, "out")) {
                // In flight counts too: a failed message comes back after its visibility timeout.
                auto depth = m_data->depth(node.name, now);
                if (depth && (depth->visible > 0 || depth->inFlight > 0))
                    return true;
            } else if (node.kind == kinds::kTable && hasEdges(wf, node, "out")) {
                auto checkpoint = m_data->checkpoint(node.name);
                auto next = checkpoint ? m_data->readStream(node.name, *checkpoint, 1) : Result<std::vector<StreamRow>>(checkpoint.status());
                if (next && !next->empty())
                    return true;
            }
        }
    }
    return false;
}

void LocalResources::poll()
{
    m_pollQueued = false;
    if (m_data && std::chrono::steady_clock::now() >= m_nextCleanup) {
        // As AWS keeps them: stream records 24 hours (once delivered), a
        // dead-letter queue's messages its default 4 days (once handed on).
        m_nextCleanup = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        (void)m_data->removeExpired(nowMs() - 24LL * 3600 * 1000, nowMs() - 4LL * 24 * 3600 * 1000);
    }
    auto design = m_executor.design();
    if (!design || !m_data)
        return;
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind == kinds::kQueue) {
                if (hasEdges(wf, node, "out"))
                    pollQueue(wf, node);
                if (hasEdges(wf, node, "dead"))
                    deliverDead(wf, node);
            } else if (node.kind == kinds::kTable && hasEdges(wf, node, "out")) {
                pollStream(wf, node);
            }
        }
    }
}

void LocalResources::pollQueue(const Workflow &workflow, const Node &queue)
{
    const Json config = NodeKindRegistry::instance().effectiveConfig(queue);
    const int batchSize = intConfig(config, "batchSize", 10);
    const int windowS = intConfig(config, "batchWindowS", 0);
    const int visibilityS = intConfig(config, "visibilityTimeoutS", 30);
    const int maxReceive = intConfig(config, "maxReceiveCount", 3);
    // Like Lambda's SQS poller: more batches at once as there is more to do,
    // up to the consumer's reserved concurrency (5 pollers when unreserved).
    int limit = 5;
    for (const Edge &e : workflow.edges()) {
        if (e.from.node != queue.id || e.from.port != "out")
            continue;
        if (const Node *target = workflow.findNode(e.to.node); target && target->kind == kinds::kFunction) {
            const int reserved = intConfig(NodeKindRegistry::instance().effectiveConfig(*target), "concurrency", 0);
            if (reserved > 0)
                limit = std::min(limit == 5 ? reserved : limit, reserved);
        }
    }
    int &inFlight = m_queueBatchesInFlight[queue.name];
    const shapes::Place place = placeOf(m_executor);
    while (inFlight < limit) {
        const int64_t now = nowMs();
        if (windowS > 0) {
            auto depth = m_data->depth(queue.name, now);
            if (!depth || depth->visible == 0)
                return;
            // The batching window: wait for a full batch, or until the oldest has waited the window.
            if (depth->visible < batchSize && now - depth->oldestVisibleSentMs < int64_t(windowS) * 1000)
                return;
        }
        std::vector<QueueMessageRow> dead;
        auto batch = m_data->receive(queue.name, batchSize, now, int64_t(visibilityS) * 1000, maxReceive, &dead);
        if (!dead.empty() && hasEdges(workflow, queue, "dead"))
            schedulePoll();
        if (!batch || batch->empty())
            return;
        std::vector<shapes::SqsMessage> messages;
        std::vector<std::string> ids;
        std::vector<long long> rows;
        for (const QueueMessageRow &m : *batch) {
            messages.push_back(sqsMessage(m, std::to_string(m.receiveCount)));
            ids.push_back(m.messageId);
            rows.push_back(m.id);
        }
        RunRequest request;
        request.workflow = workflow.id();
        request.node = queue.id;
        request.port = "out";
        request.event = shapes::sqsEvent(messages, queue.name, place);
        request.trigger = "queue";
        request.parentRunId = batch->front().runId; // a batch names the run of its first message
        request.fromEventSource = true;
        ++inFlight;
        const std::string name = queue.name;
        m_executor.start(std::move(request), [this, name, ids, rows](const RunOutcome &outcome) {
            --m_queueBatchesInFlight[name];
            if (m_data) {
                // A failed run leaves every message to reappear after its visibility timeout;
                // a partial batch response deletes all but the ones it names.
                std::vector<std::string> failed = outcome.ok() ? shapes::batchItemFailures(consumerResult(outcome), ids)
                                                               : ids;
                std::vector<long long> done;
                for (size_t i = 0; i < ids.size(); ++i) {
                    if (std::find(failed.begin(), failed.end(), ids[i]) == failed.end())
                        done.push_back(rows[i]);
                }
                (void)m_data->deleteMessages(done);
            }
            schedulePoll();
        });
    }
}

void LocalResources::deliverDead(const Workflow &workflow, const Node &queue)
{
    if (m_deadInFlight.contains(queue.name))
        return;
    if (auto retry = m_deadRetryAt.find(queue.name);
        retry != m_deadRetryAt.end() && std::chrono::steady_clock::now() < retry->second)
        return;
    const Json config = NodeKindRegistry::instance().effectiveConfig(queue);
    auto dead = m_data->undeliveredDead(queue.name, intConfig(config, "batchSize", 10));
    if (!dead || dead->empty())
        return;
    std::vector<shapes::SqsMessage> messages;
    std::vector<long long> rows;
    for (const QueueMessageRow &m : *dead) {
        shapes::SqsMessage s = sqsMessage(m, "dead");
        s.receiveCount = m.receiveCount + 1; // the receive that moved it
        messages.push_back(std::move(s));
        rows.push_back(m.id);
    }
    RunRequest request;
    request.workflow = workflow.id();
    request.node = queue.id;
    request.port = "dead";
    // The dead-letter queue is a queue of its own on AWS: its consumer sees its ARN.
    request.event = shapes::sqsEvent(messages, queue.name + "-dead", placeOf(m_executor));
    request.trigger = "queue";
    request.parentRunId = dead->front().runId;
    request.fromEventSource = true;
    m_deadInFlight.insert(queue.name);
    const std::string name = queue.name;
    m_executor.start(std::move(request), [this, name, rows](const RunOutcome &outcome) {
        m_deadInFlight.erase(name);
        // A dead-letter consumer that fails gets them again, 5 s later: they are never dropped.
        if (!outcome.ok()) {
            m_deadRetryAt[name] = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            return;
        }
        m_deadRetryAt.erase(name);
        if (m_data)
            (void)m_data->markDeadDelivered(rows);
    });
}

void LocalResources::pollStream(const Workflow &workflow, const Node &table)
{
    // One batch at a time per table: records reach the consumer in order, as
    // from one shard (per key, which is what DynamoDB Streams promises).
    if (m_streamBusy[table.name])
        return;
    if (auto retry = m_streamRetryAt.find(table.name);
        retry != m_streamRetryAt.end() && std::chrono::steady_clock::now() < retry->second)
        return;
    const Json config = NodeKindRegistry::instance().effectiveConfig(table);
    auto checkpoint = m_data->checkpoint(table.name);
    if (!checkpoint)
        return;
    auto rows = m_data->readStream(table.name, *checkpoint, intConfig(config, "streamBatchSize", 100));
    if (!rows || rows->empty())
        return;
    std::vector<shapes::StreamChange> changes;
    std::vector<std::string> sequences;
    std::vector<long long> numbers;
    for (const StreamRow &r : *rows) {
        shapes::StreamChange c;
        c.type = r.eventName == "INSERT"   ? shapes::StreamChange::Type::Insert
                 : r.eventName == "MODIFY" ? shapes::StreamChange::Type::Modify
                                           : shapes::StreamChange::Type::Remove;
        c.keys = r.keys;
        c.oldImage = r.oldImage;
        c.newImage = r.newImage;
        c.sequenceNumber = std::to_string(r.sequence);
        c.approximateCreationSeconds = r.createdMs / 1000;
        sequences.push_back(c.sequenceNumber);
        numbers.push_back(r.sequence);
        changes.push_back(std::move(c));
    }
    const std::string label = "local";
    RunRequest request;
    request.workflow = workflow.id();
    request.node = table.id;
    request.port = "out";
    request.event = shapes::dynamoDbStreamEvent(changes, table.name, label, placeOf(m_executor));
    request.trigger = "table";
    request.parentRunId = rows->front().runId; // a batch names the run of its first record
    request.fromEventSource = true;
    m_streamBusy[table.name] = true;
    const std::string name = table.name;
    const long long before = *checkpoint;
    m_executor.start(std::move(request), [this, name, sequences, numbers, before](const RunOutcome &outcome) {
        m_streamBusy[name] = false;
        if (!m_data)
            return;
        std::vector<std::string> failed = outcome.ok()
                                              ? shapes::batchItemFailures(consumerResult(outcome), sequences)
                                              : sequences;
        if (failed.empty()) {
            (void)m_data->setCheckpoint(name, numbers.back());
            m_streamBackoff.erase(name);
            m_streamRetryAt.erase(name);
        } else {
            // Lambda retries from the lowest failed sequence number: what came before it is done.
            size_t first = sequences.size();
            for (const std::string &f : failed)
                first = std::min(first, size_t(std::find(sequences.begin(), sequences.end(), f) - sequences.begin()));
            const long long upTo = first == 0 ? before : numbers[first - 1];
            if (upTo > before)
                (void)m_data->setCheckpoint(name, upTo);
            auto &backoff = m_streamBackoff[name];
            backoff = backoff.count() == 0 ? m_options.streamRetryFirst : std::min(backoff * 2, m_options.streamRetryMax);
            m_streamRetryAt[name] = std::chrono::steady_clock::now() + backoff;
        }
        schedulePoll();
    });
}

void LocalResources::scanBuckets()
{
    auto design = m_executor.design();
    if (!design)
        return;
    for (const Workflow &wf : design->workflows) {
        for (const Node &node : wf.nodes()) {
            if (node.kind != kinds::kBucket)
                continue;
            auto it = m_buckets.find(node.name);
            if (it == m_buckets.end())
                continue;
            Bucket &b = it->second;
            const QString root = QString::fromStdString(b.folder);
            std::map<std::string, FileSig> now;
            if (m_writeWatch)
                m_writeWatch->watchFolder(b.folder);
            QDirIterator files(root, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                               QDirIterator::Subdirectories);
            while (files.hasNext()) {
                files.next();
                const QFileInfo info = files.fileInfo();
                // Symlinks are not objects: they could point out of the folder.
                if (services::isOwnTemporary(info.fileName().toStdString()) || info.isSymLink())
                    continue;
                if (info.isDir()) {
                    if (m_writeWatch)
                        m_writeWatch->watchFolder(info.filePath().toStdString());
                    continue;
                }
                now[QDir(root).relativeFilePath(info.filePath()).toStdString()]
                    = FileSig{info.size(), info.lastModified().toMSecsSinceEpoch()};
            }
            for (const auto &[key, sig] : now) {
                auto known = b.known.find(key);
                if (known != b.known.end() && known->second == sig)
                    continue;
                // A file is complete once its writer closed it and it has not
                // changed between two scans.
                auto settling = b.settling.find(key);
                if (settling == b.settling.end() || !(settling->second == sig)
                    || (m_writeWatch && m_writeWatch->isBeingWritten(b.folder + "/" + key))) {
                    b.settling[key] = sig;
                    continue;
                }
                b.settling.erase(settling);
                b.known[key] = sig;
                notifyBucket(wf, node, true, key, sig);
            }
            for (auto known = b.known.begin(); known != b.known.end();) {
                if (now.contains(known->first)) {
                    ++known;
                    continue;
                }
                const std::string key = known->first;
                const FileSig sig = known->second;
                known = b.known.erase(known);
                notifyBucket(wf, node, false, key, sig);
            }
            std::erase_if(b.settling, [&](const auto &entry) { return !now.contains(entry.first); });
        }
    }
}

void LocalResources::notifyBucket(const Workflow &workflow, const Node &bucket, bool created, const std::string &key,
                                  const FileSig &sig, const std::string &parentRunId, const std::string &eTag)
{
    if (!m_options.deliver || !hasEdges(workflow, bucket, "out"))
        return;
    const Json config = NodeKindRegistry::instance().effectiveConfig(bucket);
    const Json events = config.value("events", Json::array({"created", "removed"}));
    if (std::find(events.begin(), events.end(), Json(created ? "created" : "removed")) == events.end())
        return;
    if (!key.starts_with(config.value("prefix", std::string())) || !key.ends_with(config.value("suffix", std::string())))
        return;
    shapes::S3Change change;
    change.created = created;
    change.key = key;
    change.timeMs = nowMs();
    change.requestId = newRequestId();
    // Increasing across restarts too, as S3's are per key: the time, then a counter.
    char sequencer[32];
    std::snprintf(sequencer, sizeof sequencer, "%011llX%05llX", static_cast<unsigned long long>(change.timeMs),
                  static_cast<unsigned long long>(++m_sequencer & 0xFFFFF));
    change.sequencer = sequencer;
    if (created) {
        change.size = sig.size;
        change.eTag = eTag;
    }
    if (created && change.eTag.empty()) {
        QFile file(QString::fromStdString(m_buckets[bucket.name].folder + "/" + key));
        if (file.open(QIODevice::ReadOnly)) {
            QCryptographicHash md5(QCryptographicHash::Md5);
            md5.addData(&file);
            change.eTag = md5.result().toHex().toStdString();
        }
    }
    RunRequest request;
    request.workflow = workflow.id();
    request.node = bucket.id;
    request.port = "out";
    request.event = shapes::s3Event(change, bucket.name, placeOf(m_executor));
    request.trigger = "bucket";
    request.parentRunId = parentRunId;
    m_executor.start(std::move(request));
}

} // namespace stratus::engine::run
