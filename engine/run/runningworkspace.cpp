#include "runningworkspace.h"

#include <QMetaMethod>

#include <exception>

namespace stratus::engine::run {

RunningWorkspace::RunningWorkspace(WorkspaceServer::Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // The runtime warns from the engine thread: its warnings come as the
    // `warning` signal, on this object's thread, like every other report.
    m_options.executor.runtime.warn = [this](const std::string &text) {
        post(&RunningWorkspace::warning, QString::fromStdString(text));
    };
}

RunningWorkspace::~RunningWorkspace()
{
    stop(0);
}

template <typename Signal, typename... Values>
void RunningWorkspace::post(Signal signal, const Values &...values)
{
    // Under load most reports have no listener (serve --quiet): skip the copy and the event.
    if (!isSignalConnected(QMetaMethod::fromSignal(signal)))
        return;
    // Reports travel in batches: one event (one wake-up of the receiving
    // thread) for whatever piled up since the last was delivered, instead of
    // one per report. Order is kept; a report is never later than it would
    // be alone.
    bool first = false;
    {
        const std::lock_guard lock(m_reportsMutex);
        first = m_reports.empty();
        m_reports.push_back([this, signal, values...] { Q_EMIT(this->*signal)(values...); });
    }
    if (first)
        QMetaObject::invokeMethod(this, &RunningWorkspace::deliverReports, Qt::QueuedConnection);
}

void RunningWorkspace::deliverReports()
{
    std::vector<std::function<void()>> batch;
    {
        const std::lock_guard lock(m_reportsMutex);
        batch.swap(m_reports);
    }
    for (const auto &report : batch)
        report();
}

Status RunningWorkspace::start()
{
    if (m_thread)
        return Status::invalidArgument("the workspace is already running");
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("stratus-engine"));
    m_engineContext = new QObject;
    m_engineContext->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_engineContext, &QObject::deleteLater);
    m_thread->start();

    Status status;
    runOnEngine([&] {
        auto server = std::make_unique<WorkspaceServer>(m_options);
        server->setObserver(Executor::Observer{
            [this](const HistoryEntry &e) { post(&RunningWorkspace::invocationFinished, e); },
            [this](const RunOutcome &o) { post(&RunningWorkspace::runFinished, o); },
            [this](const PauseInfo &p) { post(&RunningWorkspace::runPaused, p); },
            [this](const std::string &w) { post(&RunningWorkspace::warning, QString::fromStdString(w)); },
        });
        status = server->start();
        if (!status) {
            server->stop(0);
            return;
        }
        connect(server.get(), &WorkspaceServer::requestAnswered, server.get(),
                [this](const QString &method, const QString &path, int code, qint64 us) {
                    post(&RunningWorkspace::requestAnswered, method, path, code, us);
                });
        connect(server.get(), &WorkspaceServer::reloaded, server.get(),
                [this](const QString &problem) { post(&RunningWorkspace::reloaded, problem); });
        m_server = server.release();
    });
    if (!status) {
        m_thread->quit();
        m_thread->wait();
        m_thread.reset();
        m_engineContext = nullptr;
    }
    return status;
}

void RunningWorkspace::stop(int graceMs)
{
    if (!m_thread)
        return;
    if (m_server) {
        runOnEngine([&] {
            m_server->stop(graceMs);
            delete m_server;
        });
        m_server = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_engineContext = nullptr;
}

void RunningWorkspace::runOnEngine(const std::function<void()> &work)
{
    Q_ASSERT(m_thread);
    if (QThread::currentThread() == m_thread.get()) {
        work();
        return;
    }
    // An exception must not leave a slot: it is carried back and thrown here, on the caller's thread.
    std::exception_ptr failure;
    QMetaObject::invokeMethod(
        m_engineContext,
        [&] {
            try {
                work();
            } catch (...) {
                failure = std::current_exception();
            }
        },
        Qt::BlockingQueuedConnection);
    if (failure)
        std::rethrow_exception(failure);
}

std::string RunningWorkspace::startRun(RunRequest request, std::function<void(const RunOutcome &)> done)
{
    std::function<void(const RunOutcome &)> deliver;
    if (done) {
        deliver = [this, done = std::move(done)](const RunOutcome &outcome) {
            QMetaObject::invokeMethod(
                this, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
        };
    }
    if (!m_server)
        return {};
    return call([&](WorkspaceServer &server) {
        // No design runs after a replaced file failed to open: nothing starts.
        return server.design() ? server.executor().start(std::move(request), deliver) : std::string();
    });
}

std::shared_ptr<const Workspace> RunningWorkspace::design()
{
    if (!m_server)
        return nullptr;
    return call([](WorkspaceServer &server) { return server.design(); });
}

std::string RunningWorkspace::url()
{
    if (!m_server)
        return {};
    return call([](WorkspaceServer &server) { return server.gateway() ? server.gateway()->url() : std::string(); });
}

std::string RunningWorkspace::servicesUrl()
{
    if (!m_server)
        return {};
    return call([](WorkspaceServer &server) { return server.servicesUrl(); });
}

std::vector<WorkspaceServer::RouteInfo> RunningWorkspace::routes()
{
    if (!m_server)
        return {};
    return call([](WorkspaceServer &server) { return server.routes(); });
}

bool RunningWorkspace::isQuiet()
{
    if (!m_server)
        return true; // nothing runs
    return call([](WorkspaceServer &server) { return server.isQuiet(); });
}

} // namespace stratus::engine::run
