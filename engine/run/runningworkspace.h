#pragma once

// A WorkspaceServer on a thread of its own: the executor, the gateway, the
// schedules and the resources run on the engine's thread, so that spawning an
// instance, a slow commit or a burst of requests never blocks the caller
// (the studio's GUI thread, the CLI's console). `stratus serve`, `send`,
// `debug` and the studio's Run drive the engine through this one class.
//
// Everything the engine reports arrives as signals on the thread that created
// this object (queued), so a receiver never races the engine.

#include "workspaceserver.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

namespace stratus::engine::run {

class RunningWorkspace : public QObject
{
    Q_OBJECT
public:
    /// The runtime's warnings (options.executor.runtime.warn) come as the `warning` signal.
    explicit RunningWorkspace(WorkspaceServer::Options options, QObject *parent = nullptr);
    /// Stops the engine (no grace) if it still runs.
    ~RunningWorkspace() override;

    /// Starts the engine's thread and the server on it; returns once it is
    /// serving, or with the reason it could not start (its thread ended).
    Status start();
    /// Stops the server as WorkspaceServer::stop does and ends the thread.
    void stop(int graceMs = WorkspaceServer::kStopGraceMs);
    bool isRunning() const { return m_server != nullptr; }

    /// Runs `work` on the engine's thread with the server and returns what
    /// it returns, waiting for it (an exception it throws is thrown here).
    /// The one way to touch the engine while it runs (the server and the
    /// executor are not thread-safe). Only while isRunning().
    template <typename Work>
    auto call(Work &&work) -> std::invoke_result_t<Work, WorkspaceServer &>
    {
        Q_ASSERT(m_server);
        using Value = std::invoke_result_t<Work, WorkspaceServer &>;
        if constexpr (std::is_void_v<Value>) {
            runOnEngine([&] { work(*m_server); });
        } else {
            std::optional<Value> value;
            runOnEngine([&] { value.emplace(work(*m_server)); });
            return std::move(*value);
        }
    }

    /// Starts a run on the engine; `done` is called on this object's thread
    /// once it has ended. Returns the run id (empty, and no `done`, when no
    /// design runs).
    std::string startRun(RunRequest request, std::function<void(const RunOutcome &)> done = {});

    // These four answer as for nothing running once stopped.
    /// The design running now (a snapshot; replaced, never changed, on reload).
    std::shared_ptr<const Workspace> design();
    /// The gateway's base URL ("http://127.0.0.1:PORT"), empty without one.
    std::string url();
    /// The local AWS endpoints' base URL, empty without them.
    std::string servicesUrl();
    std::vector<WorkspaceServer::RouteInfo> routes();
    /// No run in flight and nothing left for the resources to deliver now.
    bool isQuiet();

    QThread *engineThread() const { return m_thread.get(); }

Q_SIGNALS:
    // All of them on this object's thread.
    void invocationFinished(const stratus::engine::HistoryEntry &entry);
    void runFinished(const stratus::engine::run::RunOutcome &outcome);
    void runPaused(const stratus::engine::run::PauseInfo &pause);
    void warning(const QString &text);
    void requestAnswered(const QString &method, const QString &path, int status, qint64 microseconds);
    void reloaded(const QString &problem);

private:
    void runOnEngine(const std::function<void()> &work);
    void deliverReports();
    /// Emits `signal` on this object's thread with `values`, if anyone listens.
    template <typename Signal, typename... Values>
    void post(Signal signal, const Values &...values);

    WorkspaceServer::Options m_options;
    std::unique_ptr<QThread> m_thread;
    QObject *m_engineContext = nullptr; // lives on m_thread: what runOnEngine queues to
    WorkspaceServer *m_server = nullptr; // lives on m_thread
    std::mutex m_reportsMutex;           // guards m_reports (filled on the engine thread)
    std::vector<std::function<void()>> m_reports; // reports not yet delivered, oldest first
};

} // namespace stratus::engine::run
