#pragma once

// The workspace's queues, tables and buckets, live: writes from the graph,
// and the events they send on `out` (SQS batches, DynamoDB stream batches,
// S3 notifications) as runs of their own, with AWS's delivery rules
// (docs/runner.md says which, and where they differ).

#include "resources.h"
#include "writewatch.h"

#include "engine/store/resourcedata.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace stratus::engine::run {

class Executor;

class LocalResources : public QObject, public Resources
{
    Q_OBJECT
public:
    struct Options
    {
        int pollMs = 10;        ///< how often queues and streams are looked at when idle
        int bucketScanMs = 100; ///< how often bucket folders are scanned
        std::chrono::milliseconds streamRetryFirst{100}; ///< a failed stream batch waits this, doubling
        std::chrono::milliseconds streamRetryMax{5000};
        /// Deliver what the resources hold (queue batches, stream records,
        /// bucket notifications); off when another process runs the file:
        /// writes are kept, and delivered there.
        bool deliver = true;
    };

    LocalResources(Executor &executor, std::string workspaceFile, Options options, QObject *parent = nullptr);
    LocalResources(Executor &executor, std::string workspaceFile, QObject *parent = nullptr)
        : LocalResources(executor, std::move(workspaceFile), Options{}, parent)
    {}
    ~LocalResources() override;

    /// Opens the data, creates bucket folders, and starts delivering.
    Status start();
    /// Stops delivering (batches in flight end with their runs).
    void stop();
    /// The executor loaded a new design: buckets are looked up again.
    void designChanged();

    Result<Json> write(const Workflow &workflow, const Node &node, const Json &value,
                       const std::string &runId) override;

    /// Writes an object whole (or not at all) and notifies as S3 would; the
    /// value is {bucket, key, size, eTag}.
    Result<Json> putObject(const Workflow &workflow, const Node &bucket, const std::string &key, std::string_view body,
                           const std::string &runId = {});
    /// Removes an object and notifies; false when there was none.
    Result<bool> deleteObject(const Workflow &workflow, const Node &bucket, const std::string &key);

    /// The folder a bucket node's objects live in.
    static std::string bucketFolder(const std::string &workspaceFile, const Node &bucket);
    /// The canonical key of a table item: its key attributes, typed, as JSON.
    static Result<std::pair<std::string, Json>> itemKey(const Node &table, const Json &item);

    ResourceData *data() { return m_data.get(); }
    /// Looks at the queues and streams now (after a write from elsewhere: the
    /// local endpoints); several calls in a turn make one look.
    void schedulePoll();
    /// Something is left to deliver now: a batch in flight, visible messages
    /// or undelivered stream records for a consumer, a file settling.
    bool hasPendingWork();

private:
    struct FileSig
    {
        long long size = 0;
        long long modifiedMs = 0;
        bool operator==(const FileSig &) const = default;
    };
    struct Bucket
    {
        std::string folder;
        std::map<std::string, FileSig> known;   // reported
        // Changed at the last scan, or still open for writing: reported once
        // closed (WriteWatch) and unchanged between two scans.
        std::map<std::string, FileSig> settling;
    };

    void poll();
    void pollQueue(const Workflow &workflow, const Node &queue);
    void deliverDead(const Workflow &workflow, const Node &queue);
    void pollStream(const Workflow &workflow, const Node &table);
    void scanBuckets();
    void notifyBucket(const Workflow &workflow, const Node &bucket, bool created, const std::string &key,
                      const FileSig &sig, const std::string &parentRunId = {}, const std::string &eTag = {});
    Result<Json> writeQueue(const Node &node, const Json &value, const std::string &runId);
    Result<Json> writeTable(const Node &node, const Json &value, const std::string &runId);
    Result<Json> writeBucket(const Workflow &workflow, const Node &node, const Json &value, const std::string &runId);
    bool hasEdges(const Workflow &workflow, const Node &node, const char *port) const;

    Executor &m_executor;
    std::string m_file;
    Options m_options;
    std::unique_ptr<ResourceData> m_data;
    QTimer m_pollTimer;
    QTimer m_scanTimer;
    bool m_pollQueued = false;
    std::map<std::string, int> m_queueBatchesInFlight; // by queue name
    std::set<std::string> m_deadInFlight;
    std::map<std::string, std::chrono::steady_clock::time_point> m_deadRetryAt;
    std::chrono::steady_clock::time_point m_nextCleanup;
    std::map<std::string, bool> m_streamBusy;           // by table name
    std::map<std::string, std::chrono::steady_clock::time_point> m_streamRetryAt;
    std::map<std::string, std::chrono::milliseconds> m_streamBackoff;
    std::map<std::string, Bucket> m_buckets;            // by bucket name
    std::unique_ptr<WriteWatch> m_writeWatch; // while delivering
    long long m_sequencer = 0;
};

} // namespace stratus::engine::run
