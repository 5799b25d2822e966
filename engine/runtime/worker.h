#pragma once

#include "functionconfig.h"
#include "invocation.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

class QSocketNotifier;

namespace stratus::engine {
class RuntimeApiServer;
}

namespace stratus::engine {

/// One instance of a function: a worker process running the function's
/// runtime, one invocation at a time, as a Lambda execution environment.
///
/// A provided.al2023 instance runs the function's `bootstrap` against its own
/// Lambda Runtime API endpoint (RuntimeApiServer), as on AWS.
///
/// The Node.js and Python runtimes (resources/runtimes/) talk to the engine
/// over a socket inherited as file descriptor 3, in frames of
///   u32le header length | u32le body length | header JSON | body bytes
/// so that stdout and stderr stay the function's own (captured per
/// invocation). Payloads cross the channel as raw JSON text.
///
/// Lifetime: start() spawns the process; the instance is ready once the
/// runtime has loaded the handler (its init duration). A timeout, a crash or
/// an init error ends the instance: it reports through the invocation's
/// callback and emits died(). The destructor kills the process group, so no
/// child outlives the engine. Lives on the thread that created it.
class Worker : public QObject
{
    Q_OBJECT

public:
    enum class State { Created, Starting, Idle, Busy, Dead };
    using Callback = std::function<void(InvocationResult)>;

    /// `runtimeDirectory` holds the runtimes' bootstraps (see writeRuntimeBootstraps).
    Worker(FunctionConfig config, std::string runtimeDirectory, QObject *parent = nullptr);
    ~Worker() override;

    /// Spawns the instance. Emits ready() when it can take invocations, or
    /// died() (after failing the pending invocation, if any) when init fails.
    void start();

    /// Runs one invocation; the instance must be Starting (the call waits for
    /// init, which makes it a cold start) or Idle. `done` is called exactly
    /// once, on this thread, and possibly before invoke() returns for failures
    /// found at once.
    void invoke(InvocationRequest request, int64_t waitUs, Callback done);

    State state() const { return m_state; }
    qint64 pid() const;
    const FunctionConfig &config() const { return m_config; }
    std::chrono::steady_clock::time_point idleSince() const { return m_idleSince; }

    /// Stops the instance now (idle expiry, engine shutdown). A pending
    /// invocation fails as crashed. Emits died().
    void stop();

Q_SIGNALS:
    void ready();
    void died();

private:
    struct Pending
    {
        InvocationRequest request;
        Callback done;
        int64_t waitUs = 0;
        bool cold = false;
        std::chrono::steady_clock::time_point sentAt;
        int64_t startedAtUs = 0;
        std::vector<std::string> logs;
        size_t logBytes = 0;
        size_t droppedBytes = 0;
        int64_t cpuUs = -1; ///< as the runtime measured it
    };

    void sendInvocation();
    void onChannelReadable();
    void onChannelWritable();
    void onOutputReadable(int fd, bool isStderr);
    void drainOutput();
    void onFrame(const QByteArray &header, const QByteArray &body);
    void onRuntimeReady();
    void onInitError(std::string payload, const std::string &errorType);
    void onAnswer(bool ok, std::string payload, int64_t durationUs, const std::string &errorType);
    void onTimeout();
    void checkMemory();
    void connectRuntimeApi();
    long long peakRssKb() const;
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void finishPending(InvocationStatus status, std::string payload, int64_t durationUs, std::string errorType,
                       std::string errorMessage);
    void fail(InvocationStatus status, const std::string &errorType, const std::string &message);
    /// The error type of an instance that could not be started.
    std::string startFailureType() const;
    void appendLog(std::string_view line);
    void killGroup();
    void becomeDead();
    bool spawn(std::string *error);

    FunctionConfig m_config;
    std::string m_runtimeDirectory;
    // Before m_process: removed after the process is gone.
    std::unique_ptr<CpuGroup> m_cpuGroup;
    CpuShareMethod m_cpuShare = CpuShareMethod::None; // what this instance got
    State m_state = State::Created;
    QProcess m_process;
    int m_channelFd = -1;
    int m_stdoutFd = -1;
    int m_stderrFd = -1;
    QSocketNotifier *m_channelReadNotifier = nullptr;
    QSocketNotifier *m_channelWriteNotifier = nullptr;
    QSocketNotifier *m_stdoutNotifier = nullptr;
    QSocketNotifier *m_stderrNotifier = nullptr;
    QByteArray m_readBuffer;
    QByteArray m_writeBuffer;
    std::string m_partialLine[2]; // stdout, stderr: text after the last newline
    RuntimeApiServer *m_api = nullptr; // provided runtimes: the Lambda Runtime API
    QTimer m_deadline;
    QTimer m_memoryWatch; // while busy: the instance's RSS against its memory size
    std::chrono::steady_clock::time_point m_spawnedAt;
    std::chrono::steady_clock::time_point m_idleSince;
    int64_t m_initDurationUs = 0;
    long long m_maxRssKb = 0;
    bool m_initialised = false;
    bool m_killedForTimeout = false;
    bool m_spawning = false; ///< inside QProcess::start(): spawn() reports its own failures
    bool m_outOfMemory = false;
    std::unique_ptr<Pending> m_pending;
    std::vector<std::string> m_initLogs; // output before the first invocation
};

/// The largest result a function may return (AWS: 6 MB for synchronous calls).
constexpr size_t kMaxResponseBytes = 6291556;
/// The most log text kept per invocation; the rest is counted, not kept.
constexpr size_t kMaxLogBytesPerInvocation = 1 << 20;

} // namespace stratus::engine
