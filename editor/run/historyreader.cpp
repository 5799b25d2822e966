#include "historyreader.h"

#include "editor/qstrings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <sys/resource.h>
#include <unistd.h>

namespace stratus::editor {

using namespace stratus::engine;

HistoryReader::HistoryReader(QString workspaceFile)
    : m_file(std::move(workspaceFile))
{
}

WorkspaceStore *HistoryReader::store()
{
    if (!m_store && hasFile()) {
        auto opened = WorkspaceStore::open(m_file.toStdString(), WorkspaceStore::Access::ReadOnly);
        if (!opened) {
            m_error = qs(opened.status().message());
            return nullptr;
        }
        m_store.emplace(opened.take());
    }
    return m_store ? &*m_store : nullptr;
}

std::vector<HistoryEntry> HistoryReader::invocations(const std::string &before, int limit)
{
    WorkspaceStore *s = store();
    if (!s)
        return {};
    HistoryQuery query;
    query.limit = limit;
    query.recordedBefore = before;
    auto rows = queryInvocations(s->database(), query);
    if (!rows) {
        m_error = qs(rows.status().message());
        return {};
    }
    return rows.take();
}

std::optional<HistoryEntry> HistoryReader::invocation(const std::string &requestId)
{
    WorkspaceStore *s = store();
    if (!s)
        return std::nullopt;
    HistoryQuery query;
    query.limit = 1;
    query.requestId = requestId;
    query.withLogs = true;
    auto rows = queryInvocations(s->database(), query);
    if (!rows || rows->empty())
        return std::nullopt;
    return std::move(rows->front());
}

std::optional<RunEntry> HistoryReader::run(const std::string &runId)
{
    WorkspaceStore *s = store();
    if (!s || runId.empty())
        return std::nullopt;
    RunQuery query;
    query.runId = runId;
    query.limit = 1;
    query.withSteps = true;
    auto runs = queryRuns(s->database(), query);
    if (!runs || runs->empty())
        return std::nullopt;
    return std::move(runs->front());
}

void readInBackground(std::function<void()> task)
{
    // A pool of its own: its threads are lowered once and stay so (a thread
    // may not raise its priority again), which other users of the global
    // pool would not expect.
    // Owned by the application, which waits for its tasks when it ends.
    static QPointer<QThreadPool> pool;
    if (!pool) {
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setMaxThreadCount(2);
        pool->setExpiryTimeout(-1);
    }
    pool->start([task = std::move(task)] {
        static thread_local const bool lowered = ::setpriority(PRIO_PROCESS, ::gettid(), 10) == 0;
        (void)lowered;
        task();
    });
}

} // namespace stratus::editor
