#include "functionpool.h"

#include "worker.h"

#include <algorithm>

namespace stratus::engine {

namespace {

using Clock = std::chrono::steady_clock;

InvocationResult throttled(const InvocationRequest &request, const FunctionConfig &config)
{
    return failedInvocation(request, config.name, config.memoryMB, InvocationStatus::Throttled,
                            "TooManyRequestsException", "Rate Exceeded.");
}

InvocationResult stopped(const InvocationRequest &request, const FunctionConfig &config,
                         const std::string &why)
{
    return failedInvocation(request, config.name, config.memoryMB, InvocationStatus::Crashed,
                            "Runtime.Stopped", why);
}

} // namespace

void InstanceBudget::removePool(FunctionPool *pool)
{
    std::erase(m_pools, pool);
}

bool InstanceBudget::tryAcquire(FunctionPool *forPool)
{
    if (m_used < m_limit) {
        ++m_used;
        return true;
    }
    // Full: make room by stopping an idle instance elsewhere (its death
    // releases the slot, which the waiting pool then takes).
    for (FunctionPool *pool : m_pools) {
        if (pool != forPool && pool->evictIdle())
            break;
    }
    return false;
}

bool InstanceBudget::othersWaiting(const FunctionPool *except) const
{
    return std::any_of(m_pools.begin(), m_pools.end(), [except](const FunctionPool *p) {
        return p != except && p->isWaitingForBudget();
    });
}

void InstanceBudget::release()
{
    if (m_used > 0)
        --m_used;
    for (FunctionPool *pool : m_pools) {
        if (m_used >= m_limit)
            break;
        pool->onBudgetAvailable();
    }
}

FunctionPool::FunctionPool(FunctionConfig config, std::string runtimeDirectory,
                           InstanceBudget *budget, std::chrono::milliseconds keepWarm,
                           QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_runtimeDirectory(std::move(runtimeDirectory))
    , m_budget(budget)
    , m_keepWarm(keepWarm)
{
    m_budget->addPool(this);
    m_expiry.setInterval(std::clamp<int>(int(keepWarm.count() / 4), 10, 1000));
    connect(&m_expiry, &QTimer::timeout, this, &FunctionPool::stopExpired);
}

FunctionPool::~FunctionPool()
{
    shutdown();
    m_budget->removePool(this);
}

int FunctionPool::idleCount() const
{
    return int(std::count_if(m_workers.begin(), m_workers.end(),
                             [](Worker *w) { return w->state() == Worker::State::Idle; }));
}

std::vector<qint64> FunctionPool::instancePids() const
{
    std::vector<qint64> pids;
    for (Worker *w : m_workers)
        pids.push_back(w->pid());
    return pids;
}

void FunctionPool::invoke(InvocationRequest request, Callback done)
{
    if (m_shuttingDown) {
        done(stopped(request, m_config, "the engine is stopping"));
        return;
    }
    if (request.requestId.empty())
        request.requestId = newRequestId();
    Queued job{std::move(request), std::move(done), Clock::now()};
    if (Worker *idle = takeIdle()) {
        run(idle, std::move(job));
        return;
    }
    const bool reservedFull = m_config.reservedConcurrency > 0
                              && instanceCount() >= m_config.reservedConcurrency;
    if (reservedFull && !job.request.asynchronous) {
        job.done(throttled(job.request, m_config));
        return;
    }
    if (!reservedFull && m_queue.empty()) {
        if (Worker *fresh = startInstance()) {
            run(fresh, std::move(job));
            return;
        }
    }
    // Asynchronous over the reserve, or the machine is at its cap: wait.
    m_queue.push_back(std::move(job));
}

Worker *FunctionPool::takeIdle()
{
    // The most recently used instance first: the others can then expire.
    Worker *best = nullptr;
    for (Worker *w : m_workers) {
        if (w->state() == Worker::State::Idle && (!best || w->idleSince() > best->idleSince()))
            best = w;
    }
    return best;
}

Worker *FunctionPool::startInstance()
{
    if (!m_budget->tryAcquire(this))
        return nullptr;
    auto *worker = new Worker(m_config, m_runtimeDirectory, this);
    connect(worker, &Worker::ready, this, [this, worker] { onWorkerReady(worker); });
    connect(worker, &Worker::died, this, [this, worker] { onWorkerDied(worker); },
            Qt::QueuedConnection);
    m_workers.push_back(worker);
    return worker;
}

void FunctionPool::run(Worker *worker, Queued job)
{
    const int64_t waitUs =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - job.since).count();
    worker->invoke(std::move(job.request), waitUs, std::move(job.done));
}

bool FunctionPool::isWaitingForBudget() const
{
    return !m_queue.empty() && !m_shuttingDown
           && (m_config.reservedConcurrency == 0 || instanceCount() < m_config.reservedConcurrency);
}

void FunctionPool::onWorkerReady(Worker *worker)
{
    if (!m_queue.empty()) {
        Queued job = std::move(m_queue.front());
        m_queue.pop_front();
        run(worker, std::move(job));
        return;
    }
    if (m_budget->used() >= m_budget->limit() && m_budget->othersWaiting(this)) {
        // The machine is at its cap and another function waits: an idle
        // instance of ours is worth less than its running one.
        worker->stop();
        return;
    }
    if (!m_expiry.isActive())
        m_expiry.start();
}

void FunctionPool::onWorkerDied(Worker *worker)
{
    auto it = std::find(m_workers.begin(), m_workers.end(), worker);
    if (it == m_workers.end())
        return;
    m_workers.erase(it);
    worker->deleteLater();
    m_budget->release(); // may call onBudgetAvailable on this pool
    dispatch();
}

void FunctionPool::onBudgetAvailable()
{
    dispatch();
}

void FunctionPool::dispatch()
{
    while (!m_queue.empty() && !m_shuttingDown) {
        if (m_config.reservedConcurrency > 0 && instanceCount() >= m_config.reservedConcurrency)
            return; // an instance of ours will come free
        Worker *fresh = startInstance();
        if (!fresh)
            return;
        Queued job = std::move(m_queue.front());
        m_queue.pop_front();
        run(fresh, std::move(job));
    }
}

bool FunctionPool::evictIdle()
{
    Worker *oldest = nullptr;
    for (Worker *w : m_workers) {
        if (w->state() == Worker::State::Idle && (!oldest || w->idleSince() < oldest->idleSince()))
            oldest = w;
    }
    if (!oldest)
        return false;
    oldest->stop();
    return true;
}

void FunctionPool::stopExpired()
{
    const auto now = Clock::now();
    bool anyIdle = false;
    for (Worker *w : std::vector<Worker *>(m_workers)) {
        if (w->state() != Worker::State::Idle)
            continue;
        if (now - w->idleSince() >= m_keepWarm)
            w->stop();
        else
            anyIdle = true;
    }
    if (!anyIdle)
        m_expiry.stop();
}

void FunctionPool::shutdown()
{
    m_shuttingDown = true;
    m_expiry.stop();
    std::deque<Queued> queue = std::move(m_queue);
    m_queue.clear();
    for (Queued &job : queue) {
        job.done(stopped(job.request, m_config, "the engine stopped before the invocation ran"));
    }
    for (Worker *w : std::vector<Worker *>(m_workers))
        w->stop();
    // died() is queued; release the slots now, the workers go with us.
    for (Worker *w : m_workers) {
        m_budget->release();
        w->deleteLater();
    }
    m_workers.clear();
}

} // namespace stratus::engine
