#pragma once

#include "functionconfig.h"
#include "invocation.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace stratus::engine {

class Worker;
class FunctionPool;

/// The machine-wide cap on live instances, shared by every function's pool.
/// When it is reached, a pool that needs an instance takes one that sits
/// idle in another pool (the longest idle), or waits for one to end.
class InstanceBudget
{
public:
    explicit InstanceBudget(int limit)
        : m_limit(limit)
    {}

    int limit() const { return m_limit; }
    int used() const { return m_used; }

    void addPool(FunctionPool *pool) { m_pools.push_back(pool); }
    void removePool(FunctionPool *pool);
    /// Takes a slot, evicting an idle instance of another pool if need be.
    bool tryAcquire(FunctionPool *forPool);
    /// Gives a slot back and lets a waiting pool use it.
    void release();
    /// True when a pool other than `except` has callers waiting for a slot.
    bool othersWaiting(const FunctionPool *except) const;

private:
    int m_limit;
    int m_used = 0;
    std::vector<FunctionPool *> m_pools;
};

/// The instances of one function, with Lambda's lifecycle: an invocation
/// takes the warmest idle instance or starts one (a cold start); one
/// invocation at a time per instance; reserved concurrency caps the
/// instances, throttling synchronous callers above it while asynchronous
/// callers wait; instances idle longer than the keep-warm time are stopped;
/// a timeout or a crash ends only that instance.
class FunctionPool : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(InvocationResult)>;

    FunctionPool(FunctionConfig config, std::string runtimeDirectory, InstanceBudget *budget,
                 std::chrono::milliseconds keepWarm, QObject *parent = nullptr);
    ~FunctionPool() override;

    const FunctionConfig &config() const { return m_config; }

    /// Runs one invocation; `done` is called once, on this thread.
    void invoke(InvocationRequest request, Callback done);

    int instanceCount() const { return int(m_workers.size()); }
    int idleCount() const;
    int queuedCount() const { return int(m_queue.size()); }
    /// Some invocation is running or waiting.
    bool isBusy() const { return !m_queue.empty() || idleCount() < instanceCount(); }
    /// Callers wait, and only a slot of the machine budget would let them run.
    bool isWaitingForBudget() const;
    std::vector<qint64> instancePids() const;

    /// Stops the longest-idle instance; false if none is idle.
    bool evictIdle();
    /// A slot of the machine budget became free.
    void onBudgetAvailable();
    /// Stops every instance; queued invocations fail.
    void shutdown();

private:
    struct Queued
    {
        InvocationRequest request;
        Callback done;
        std::chrono::steady_clock::time_point since;
    };

    void dispatch();
    void run(Worker *worker, Queued job);
    Worker *takeIdle();
    Worker *startInstance();
    void onWorkerReady(Worker *worker);
    void onWorkerDied(Worker *worker);
    void stopExpired();

    FunctionConfig m_config;
    std::string m_runtimeDirectory;
    InstanceBudget *m_budget;
    std::chrono::milliseconds m_keepWarm;
    std::vector<Worker *> m_workers; // live instances (owned, deleted later on death)
    std::deque<Queued> m_queue;
    QTimer m_expiry;
    bool m_shuttingDown = false;
};

} // namespace stratus::engine
