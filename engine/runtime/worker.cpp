#include "worker.h"

#include "launch.h"
#include "runtimeapi.h"

#include "engine/model/handler.h"
#include "engine/model/json.h"
#include "engine/model/text.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace stratus::engine {

namespace {

using Clock = std::chrono::steady_clock;

int64_t microsSince(Clock::time_point since)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - since).count();
}

int64_t epochMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

/// Moves a descriptor above 2 (close-on-exec), so that a parent started
/// without stdin/stdout cannot hand the child one of its standard
/// descriptors. -1 (and `fd` closed) when no descriptor is left.
int aboveStandard(int fd)
{
    if (fd > 2)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

void closeAll(std::initializer_list<int> fds)
{
    for (int fd : fds) {
        if (fd >= 0)
            ::close(fd);
    }
}

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

std::string errorMessageOf(const std::string &errorJson)
{
    try {
        const Json e = Json::parse(errorJson);
        if (e.is_object() && e.contains("errorMessage") && e["errorMessage"].is_string())
            return e["errorMessage"].get<std::string>();
    } catch (const Json::exception &) {
    }
    return {};
}

} // namespace

Worker::Worker(FunctionConfig config, std::string runtimeDirectory, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_runtimeDirectory(std::move(runtimeDirectory))
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &Worker::onTimeout);
    connect(&m_process, &QProcess::finished, this, &Worker::onProcessFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        // With a child-process modifier Qt learns of a failed exec after
        // start() has returned, through its own pipe from the child. A
        // failure inside start() (fork) is handled by spawn() itself.
        if (error != QProcess::FailedToStart || m_state == State::Dead || m_spawning)
            return;
        fail(InvocationStatus::Error, startFailureType(),
             "cannot start " + printable(m_process.program().toStdString()) + ": "
                 + m_process.errorString().toStdString());
    });
    m_memoryWatch.setInterval(20);
    connect(&m_memoryWatch, &QTimer::timeout, this, &Worker::checkMemory);
}

Worker::~Worker()
{
    if (m_process.state() != QProcess::NotRunning) {
        killGroup();
        m_process.waitForFinished(2000);
    }
    for (int fd : {m_channelFd, m_stdoutFd, m_stderrFd}) {
        if (fd >= 0)
            ::close(fd);
    }
}

qint64 Worker::pid() const
{
    return m_process.processId();
}

namespace {

// As Lambda's current runtimes answer (docs/runtime.md cites the page).
constexpr const char *kTimeoutErrorType = "Sandbox.Timedout";

std::string timeoutErrorMessage(const std::string &requestId, int timeoutS)
{
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", double(timeoutS));
    return "RequestId: " + requestId + " Error: Task timed out after " + seconds + " seconds";
}

/// Moves the calling process into a cgroup: its pid into `procsFile`.
/// Async-signal-safe (it runs between fork and exec).
void joinCpuGroup(const char *procsFile)
{
    const int fd = ::open(procsFile, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return; // runs unlimited; the estimate is not applied then, but nothing breaks
    char digits[24];
    int at = int(sizeof digits);
    for (long pid = long(::getpid()); pid > 0 || at == int(sizeof digits); pid /= 10)
        digits[--at] = char('0' + pid % 10);
    [[maybe_unused]] const ssize_t written = ::write(fd, digits + at, size_t(int(sizeof digits) - at));
    ::close(fd);
}

} // namespace

bool Worker::spawn(std::string *error)
{
    std::string runtimeApi;
    if (isProvidedRuntime(m_config.runtime)) {
        m_api = new RuntimeApiServer(this);
        if (!m_api->start()) {
            *error = "cannot listen on 127.0.0.1 for the Runtime API";
            return false;
        }
        connectRuntimeApi();
        runtimeApi = m_api->address();
    }
    auto command = launchCommand(m_config, m_runtimeDirectory, runtimeApi);
    if (!command) {
        *error = command.status().message();
        return false;
    }
    if (!command->warning.empty()) // with the cold start's logs, so the history says what ran
        m_initLogs.push_back("[stratus] warning: " + command->warning);

    int channel[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0 || ::pipe2(out, O_CLOEXEC) != 0
        || ::pipe2(err, O_CLOEXEC) != 0) {
        *error = std::string("cannot make the instance's channels: ") + std::strerror(errno);
        closeAll({channel[0], channel[1], out[0], out[1], err[0], err[1]});
        return false;
    }
    bool movedAll = true;
    for (int *fd : {&channel[0], &channel[1], &out[0], &out[1], &err[0], &err[1]}) {
        *fd = aboveStandard(*fd);
        movedAll = movedAll && *fd >= 0;
    }
    if (!movedAll) {
        *error = std::string("cannot make the instance's channels: ") + std::strerror(errno);
        closeAll({channel[0], channel[1], out[0], out[1], err[0], err[1]});
        return false;
    }
    const int childChannel = channel[1], childOut = out[1], childErr = err[1];

    m_cpuShare = m_config.cpuShare;
    if (m_cpuShare == CpuShareMethod::Cgroup) {
        auto group = CpuLimits::instance().create(lambdaVcpus(m_config.memoryMB));
        if (group) {
            m_cpuGroup = group.take();
        } else {
            m_cpuShare = CpuShareMethod::Estimate;
            m_initLogs.push_back("[stratus] warning: " + group.status().message()
                                 + "; durations are estimated from CPU time instead");
        }
    }
    const std::string cpuGroupProcs = m_cpuGroup ? m_cpuGroup->procsFile() : std::string();

    m_process.setProgram(command->program);
    m_process.setArguments(command->arguments);
    m_process.setProcessEnvironment(command->environment);
    m_process.setWorkingDirectory(QString::fromStdString(m_config.codeDirectory));
    m_process.setProcessChannelMode(QProcess::ForwardedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setChildProcessModifier([childChannel, childOut, childErr, cpuGroupProcs] {
        // Runs in the child between fork and exec: async-signal-safe calls only.
        if (!cpuGroupProcs.empty())
            joinCpuGroup(cpuGroupProcs.c_str());
        ::dup2(childChannel, 3);
        ::dup2(childOut, 1);
        ::dup2(childErr, 2);
        ::setpgid(0, 0);                    // its own group: a timeout kills its children too
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the engine
    });
    m_spawnedAt = Clock::now();
    // QProcess forks inside start(); the child has its copies of these by
    // now. Nothing waits here for the exec: a failed one is reported later
    // through errorOccurred (see the constructor).
    m_spawning = true;
    m_process.start();
    m_spawning = false;
    closeAll({childChannel, childOut, childErr});
    if (m_process.state() == QProcess::NotRunning) {
        *error = "cannot start " + command->program.toStdString() + ": "
                 + m_process.errorString().toStdString();
        closeAll({channel[0], out[0], err[0]});
        return false;
    }
    if (m_api)
        m_api->setOwner(m_process.processId()); // its process group, from setpgid above
    m_channelFd = channel[0];
    m_stdoutFd = out[0];
    m_stderrFd = err[0];
    for (int fd : {m_channelFd, m_stdoutFd, m_stderrFd})
        setNonBlocking(fd);
    m_channelReadNotifier = new QSocketNotifier(m_channelFd, QSocketNotifier::Read, this);
    connect(m_channelReadNotifier, &QSocketNotifier::activated, this, &Worker::onChannelReadable);
    m_channelWriteNotifier = new QSocketNotifier(m_channelFd, QSocketNotifier::Write, this);
    m_channelWriteNotifier->setEnabled(false);
    connect(m_channelWriteNotifier, &QSocketNotifier::activated, this, &Worker::onChannelWritable);
    m_stdoutNotifier = new QSocketNotifier(m_stdoutFd, QSocketNotifier::Read, this);
    connect(m_stdoutNotifier, &QSocketNotifier::activated, this,
            [this] { onOutputReadable(m_stdoutFd, false); });
    m_stderrNotifier = new QSocketNotifier(m_stderrFd, QSocketNotifier::Read, this);
    connect(m_stderrNotifier, &QSocketNotifier::activated, this,
            [this] { onOutputReadable(m_stderrFd, true); });
    return true;
}

void Worker::start()
{
    if (m_state != State::Created)
        return;
    m_state = State::Starting;
    std::string error;
    if (!spawn(&error)) {
        const std::string type = startFailureType();
        if (m_pending) {
            finishPending(InvocationStatus::Error, errorObjectJson(type, error), 0, type, error);
        }
        m_state = State::Dead;
        Q_EMIT died();
        return;
    }
    // Init may take AWS's 10 s, or the function's timeout when that is longer.
    m_deadline.start(std::max(m_config.initTimeoutMs, m_config.timeoutS * 1000));
}

void Worker::invoke(InvocationRequest request, int64_t waitUs, Callback done)
{
    if (m_pending || (m_state != State::Idle && m_state != State::Starting && m_state != State::Created)) {
        done(failedInvocation(request, m_config.name, m_config.memoryMB, InvocationStatus::Crashed,
                              "Runtime.Unavailable", "the instance cannot take an invocation"));
        return;
    }
    if (request.requestId.empty())
        request.requestId = newRequestId();
    m_pending = std::make_unique<Pending>();
    m_pending->request = std::move(request);
    m_pending->done = std::move(done);
    m_pending->waitUs = waitUs;
    m_pending->cold = !m_initialised;
    if (m_state == State::Created) {
        start();
        return;
    }
    if (m_state == State::Idle)
        sendInvocation();
    // Starting: sent once the runtime reports ready.
}

void Worker::sendInvocation()
{
    m_state = State::Busy;
    Pending &p = *m_pending;
    p.sentAt = Clock::now();
    p.startedAtUs = epochMicros();
    const int64_t deadlineMs = p.startedAtUs / 1000 + int64_t(m_config.timeoutS) * 1000;
    m_deadline.start(m_config.timeoutS * 1000);
    m_memoryWatch.start();
    if (m_api) {
        m_api->offer(p.request, deadlineMs, m_config.arn());
        return;
    }
    // The header is written by hand: it is on the hot path, and its JSON
    // values (client context, identity) are passed through as given.
    std::string header;
    header.reserve(256);
    header += "{\"type\":\"invoke\",\"requestId\":\"";
    header += p.request.requestId;
    header += "\",\"deadlineMs\":";
    header += std::to_string(deadlineMs);
    header += ",\"invokedFunctionArn\":";
    header += Json(m_config.arn()).dump();
    header += ",\"clientContext\":";
    header += p.request.clientContext.empty() ? "null" : p.request.clientContext;
    header += ",\"identity\":";
    header += p.request.identity.empty() ? "null" : p.request.identity;
    header += '}';
    const uint32_t lengths[2] = {static_cast<uint32_t>(header.size()),
                                 static_cast<uint32_t>(p.request.payload.size())};
    m_writeBuffer.append(reinterpret_cast<const char *>(lengths), sizeof lengths);
    m_writeBuffer.append(header.data(), qsizetype(header.size()));
    m_writeBuffer.append(p.request.payload.data(), qsizetype(p.request.payload.size()));
    onChannelWritable();
}

void Worker::connectRuntimeApi()
{
    connect(m_api, &RuntimeApiServer::nextRequested, this, [this] {
        if (!m_initialised && m_state == State::Starting)
            onRuntimeReady(); // init ends at the first /next, as on AWS
    });
    auto duration = [this] { return m_pending ? microsSince(m_pending->sentAt) : 0; };
    connect(m_api, &RuntimeApiServer::responded, this,
            [this, duration](const QByteArray &, const QByteArray &body) {
                m_maxRssKb = std::max(m_maxRssKb, peakRssKb());
                const int64_t us = duration();
                if (!isValidResponse(std::string_view(body.constData(), size_t(body.size())))) {
                    const std::string message = "the function's response is not JSON in UTF-8";
                    onAnswer(false, errorObjectJson("Runtime.InvalidResponse", message), us,
                             "Runtime.InvalidResponse");
                    return;
                }
                onAnswer(true, body.toStdString(), us, {});
            });
    connect(m_api, &RuntimeApiServer::errored, this,
            [this, duration](const QByteArray &, const QByteArray &body, const QByteArray &type) {
                m_maxRssKb = std::max(m_maxRssKb, peakRssKb());
                const int64_t us = duration();
                PostedError e = postedError(body.toStdString(), type.toStdString(), "Runtime.Unknown");
                onAnswer(false, std::move(e.payload), us, e.errorType);
            });
    connect(m_api, &RuntimeApiServer::initErrored, this,
            [this](const QByteArray &body, const QByteArray &type) {
                PostedError e = postedError(body.toStdString(), type.toStdString(), "Runtime.InitError");
                onInitError(std::move(e.payload), e.errorType);
            });
}

long long Worker::peakRssKb() const
{
    // VmHWM: the process's peak resident set, as the REPORT line's Max Memory Used.
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

void Worker::checkMemory()
{
    // Lambda's memory size is a limit on the instance's resident memory: an
    // instance above it is killed and the invocation fails as out of memory.
    QFile statm(QStringLiteral("/proc/%1/statm").arg(m_process.processId()));
    if (!statm.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    if (fields.size() < 2)
        return;
    const long long residentKb = fields[1].toLongLong() * (::sysconf(_SC_PAGESIZE) / 1024);
    m_maxRssKb = std::max<long long>(m_maxRssKb, residentKb);
    if (residentKb > static_cast<long long>(m_config.memoryMB) * 1024) {
        m_outOfMemory = true;
        m_memoryWatch.stop();
        killGroup();
    }
}

void Worker::onChannelWritable()
{
    while (!m_writeBuffer.isEmpty()) {
        const ssize_t n = ::write(m_channelFd, m_writeBuffer.constData(), size_t(m_writeBuffer.size()));
        if (n > 0) {
            m_writeBuffer.remove(0, n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_channelWriteNotifier->setEnabled(true);
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // the child is gone: onProcessFinished reports it
    }
    m_writeBuffer.clear();
    m_channelWriteNotifier->setEnabled(false);
}

void Worker::onChannelReadable()
{
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(m_channelFd, chunk, sizeof chunk);
        if (n > 0) {
            m_readBuffer.append(chunk, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            m_channelReadNotifier->setEnabled(false); // closed: the process is ending
        break;
    }
    while (m_readBuffer.size() >= 8) {
        uint32_t lengths[2];
        std::memcpy(lengths, m_readBuffer.constData(), sizeof lengths);
        const qsizetype total = 8 + qsizetype(lengths[0]) + qsizetype(lengths[1]);
        if (m_readBuffer.size() < total)
            break;
        const QByteArray header = m_readBuffer.mid(8, lengths[0]);
        const QByteArray body = m_readBuffer.mid(8 + lengths[0], lengths[1]);
        m_readBuffer.remove(0, total);
        onFrame(header, body);
        if (m_state == State::Dead)
            return;
    }
}

void Worker::onFrame(const QByteArray &headerText, const QByteArray &body)
{
    Json header;
    try {
        header = Json::parse(headerText.constData(), headerText.constData() + headerText.size());
    } catch (const Json::exception &) {
        fail(InvocationStatus::Crashed, "Runtime.InvalidResponse", "the runtime sent a malformed frame");
        return;
    }
    const std::string type = header.value("type", std::string());
    m_maxRssKb = std::max(m_maxRssKb, header.value("maxRssKb", 0LL));
    if (type == "ready") {
        onRuntimeReady();
    } else if (type == "initError") {
        onInitError(body.toStdString(), header.value("errorType", std::string("Runtime.Unknown")));
    } else if ((type == "result" || type == "error") && m_pending
               && header.value("requestId", std::string()) == m_pending->request.requestId) {
        m_pending->cpuUs = header.value("cpuUs", int64_t(-1));
        onAnswer(type == "result", body.toStdString(), header.value("durationUs", int64_t(0)),
                 header.value("errorType", std::string("Error")));
    } else {
        fail(InvocationStatus::Crashed, "Runtime.InvalidResponse",
             "the runtime answered '" + type + "' for no invocation it was given");
    }
}

void Worker::onRuntimeReady()
{
    drainOutput(); // what init printed belongs before the first START
    m_initialised = true;
    m_initDurationUs = microsSince(m_spawnedAt);
    m_deadline.stop();
    m_state = State::Idle;
    if (m_pending) {
        sendInvocation();
    } else {
        m_idleSince = Clock::now();
        Q_EMIT ready();
    }
}

void Worker::onInitError(std::string payload, const std::string &errorType)
{
    m_initDurationUs = microsSince(m_spawnedAt);
    if (m_pending) {
        drainOutput();
        const std::string message = errorMessageOf(payload);
        finishPending(InvocationStatus::Error, std::move(payload), 0, errorType, message);
    }
    killGroup();
    becomeDead();
}

void Worker::onAnswer(bool ok, std::string payload, int64_t durationUs, const std::string &errorType)
{
    m_deadline.stop();
    drainOutput();
    // The instance is free again before the caller hears of it, so that a
    // caller that invokes again at once reuses it warm.
    m_state = State::Idle;
    m_idleSince = Clock::now();
    if (ok && payload.size() > kMaxResponseBytes) {
        const std::string message = "Response payload size exceeded maximum allowed payload size ("
                                    + std::to_string(kMaxResponseBytes) + " bytes).";
        finishPending(InvocationStatus::Error, errorObjectJson("Function.ResponseSizeTooLarge", message),
                      durationUs, "Function.ResponseSizeTooLarge", message);
    } else if (ok) {
        finishPending(InvocationStatus::Ok, std::move(payload), durationUs, {}, {});
    } else {
        const std::string message = errorMessageOf(payload);
        finishPending(InvocationStatus::Error, std::move(payload), durationUs, errorType, message);
    }
    if (m_state == State::Idle && !m_pending)
        Q_EMIT ready();
}

void Worker::onOutputReadable(int fd, bool isStderr)
{
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                (isStderr ? m_stderrNotifier : m_stdoutNotifier)->setEnabled(false);
            return;
        }
        std::string &partial = m_partialLine[isStderr ? 1 : 0];
        const char *begin = chunk, *end = chunk + n;
        while (begin < end) {
            const char *newline = static_cast<const char *>(std::memchr(begin, '\n', size_t(end - begin)));
            if (!newline) {
                // Keep at most one line's worth; a line without an end is cut.
                partial.append(begin, size_t(end - begin));
                if (partial.size() > 256 * 1024) {
                    appendLog(partial);
                    partial.clear();
                }
                break;
            }
            if (partial.empty()) {
                appendLog(std::string_view(begin, size_t(newline - begin)));
            } else {
                partial.append(begin, size_t(newline - begin));
                appendLog(partial);
                partial.clear();
            }
            begin = newline + 1;
        }
    }
}

void Worker::drainOutput()
{
    // The runtime writes its output before its answer, so everything the
    // invocation printed is in the pipes by now.
    if (m_stdoutFd >= 0)
        onOutputReadable(m_stdoutFd, false);
    if (m_stderrFd >= 0)
        onOutputReadable(m_stderrFd, true);
    for (std::string &partial : m_partialLine) {
        if (!partial.empty()) {
            appendLog(partial);
            partial.clear();
        }
    }
}

void Worker::appendLog(std::string_view line)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (!m_pending || m_state == State::Starting) {
        // Output of init, shown with the first invocation (as CloudWatch does).
        if (m_initLogs.size() < 1000)
            m_initLogs.emplace_back(line);
        return;
    }
    Pending &p = *m_pending;
    if (p.logBytes + line.size() > kMaxLogBytesPerInvocation) {
        p.droppedBytes += line.size() + 1;
        return;
    }
    p.logBytes += line.size() + 1;
    p.logs.emplace_back(line);
}

void Worker::finishPending(InvocationStatus status, std::string payload, int64_t durationUs, std::string errorType,
                           std::string errorMessage)
{
    std::unique_ptr<Pending> p = std::move(m_pending);
    if (!p)
        return;
    m_memoryWatch.stop();
    InvocationResult result;
    result.cpuUs = p->cpuUs;
    std::string estimateNote;
    if (m_cpuShare == CpuShareMethod::Estimate && p->cpuUs >= 0
        && (status == InvocationStatus::Ok || status == InvocationStatus::Error)) {
        const double vcpus = lambdaVcpus(m_config.memoryMB);
        const int64_t timeoutUs = int64_t(m_config.timeoutS) * 1000000;
        const int64_t estimated = estimatedDurationUs(durationUs, p->cpuUs, vcpus);
        char note[200];
        std::snprintf(note, sizeof note,
                      "[stratus] Duration estimated for %.3g vCPU (%d MB): %.2f ms measured, %.2f ms of it on the CPU",
                      vcpus, m_config.memoryMB, double(durationUs) / 1000, double(p->cpuUs) / 1000);
        estimateNote = note;
        durationUs = std::min(estimated, timeoutUs);
        if (estimated > timeoutUs) {
            // With Lambda's share it would not have finished: answered as
            // Lambda would have, a timeout (the instance itself stays warm).
            status = InvocationStatus::Timeout;
            errorType = kTimeoutErrorType;
            errorMessage = timeoutErrorMessage(p->request.requestId, m_config.timeoutS);
            payload = errorObjectJson(errorType, errorMessage);
        }
    }
    InvocationRecord &r = result.record;
    r.requestId = p->request.requestId;
    r.functionName = m_config.name;
    r.trigger = p->request.trigger;
    r.parentRequestId = p->request.parentRequestId;
    r.startedAtUs = p->startedAtUs ? p->startedAtUs : epochMicros();
    r.coldStart = p->cold;
    r.initDurationUs = p->cold ? m_initDurationUs : 0;
    r.durationUs = durationUs;
    r.billedDurationMs = billedMilliseconds(durationUs);
    r.waitUs = p->waitUs;
    r.memorySizeMB = m_config.memoryMB;
    r.maxMemoryUsedMB = int(std::min<long long>(m_config.memoryMB, (m_maxRssKb + 1023) / 1024));
    r.status = status;
    r.errorType = errorType;
    r.errorMessage = errorMessage;

    if (p->cold) {
        r.logs = std::move(m_initLogs);
        m_initLogs.clear();
    }
    r.logs.push_back("START RequestId: " + r.requestId + " Version: $LATEST");
    for (std::string &line : p->logs)
        r.logs.push_back(std::move(line));
    if (p->droppedBytes > 0)
        r.logs.push_back("[stratus] " + std::to_string(p->droppedBytes)
                         + " bytes of output were dropped (over "
                         + std::to_string(kMaxLogBytesPerInvocation / 1024) + " KB)");
    if (status == InvocationStatus::Timeout || status == InvocationStatus::Crashed) {
        // The log line states the error without the "RequestId: … Error: "
        // the response carries: the line has the request id already.
        const std::string prefix = "RequestId: " + r.requestId + " Error: ";
        r.logs.push_back(isoNow() + " " + r.requestId + " "
                         + (errorMessage.starts_with(prefix) ? errorMessage.substr(prefix.size()) : errorMessage));
    }
    if (!estimateNote.empty())
        r.logs.push_back(estimateNote);
    r.logs.push_back("END RequestId: " + r.requestId);
    r.logs.push_back(reportLine(r));
    result.payload = std::move(payload);
    p->done(std::move(result));
}

std::string Worker::startFailureType() const
{
    // Lambda's names: a provided runtime's bootstrap is its entry point.
    return isProvidedRuntime(m_config.runtime) ? "Runtime.InvalidEntrypoint" : "Runtime.InvalidRuntime";
}

void Worker::fail(InvocationStatus status, const std::string &errorType, const std::string &message)
{
    if (m_pending) {
        drainOutput();
        const int64_t duration = m_pending->startedAtUs ? microsSince(m_pending->sentAt) : 0;
        finishPending(status, errorObjectJson(errorType, message), duration, errorType, message);
    }
    killGroup();
    becomeDead();
}

void Worker::onTimeout()
{
    if (!m_pending) {
        // Init took too long with nobody waiting (cannot happen today: an
        // instance is only started for an invocation).
        killGroup();
        becomeDead();
        return;
    }
    m_killedForTimeout = true;
    killGroup();
    m_process.waitForFinished(2000);
    drainOutput();
    const std::string type = kTimeoutErrorType;
    const std::string message = timeoutErrorMessage(m_pending->request.requestId, m_config.timeoutS);
    finishPending(InvocationStatus::Timeout, errorObjectJson(type, message), int64_t(m_config.timeoutS) * 1000000,
                  type, message);
    becomeDead();
}

void Worker::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state == State::Dead || m_killedForTimeout)
        return; // onTimeout reports a timeout, not the kill it caused
    if (m_pending) {
        drainOutput();
        const std::string how = status == QProcess::CrashExit
                                    ? "signal: " + std::string(strsignal(exitCode))
                                    : "exit status " + std::to_string(exitCode);
        bool outOfMemory = m_outOfMemory;
        for (const std::string &line : m_pending->logs)
            outOfMemory = outOfMemory || line.find("heap out of memory") != std::string::npos;
        const std::string type = outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        const std::string message = "RequestId: " + m_pending->request.requestId
                                    + " Error: Runtime exited with error: " + how;
        if (outOfMemory)
            m_maxRssKb = m_config.memoryMB * 1024;
        const int64_t duration = m_pending->startedAtUs ? microsSince(m_pending->sentAt) : 0;
        finishPending(InvocationStatus::Crashed, errorObjectJson(type, message), duration, type, message);
    }
    becomeDead();
}

void Worker::stop()
{
    if (m_state == State::Dead)
        return;
    if (m_pending)
        fail(InvocationStatus::Crashed, "Runtime.Stopped", "the engine stopped the instance");
    killGroup();
    // Reap it now: SIGKILL ends it at once, and nothing may outlive stop().
    m_process.waitForFinished(2000);
    becomeDead();
}

void Worker::killGroup()
{
    const qint64 pid = m_process.processId();
    if (pid > 0) {
        ::kill(-pid_t(pid), SIGKILL); // the group, so that children of the handler go too
        ::kill(pid_t(pid), SIGKILL);
    }
}

void Worker::becomeDead()
{
    if (m_state == State::Dead)
        return;
    m_state = State::Dead;
    m_deadline.stop();
    m_memoryWatch.stop();
    for (QSocketNotifier *n : {m_channelReadNotifier, m_channelWriteNotifier, m_stdoutNotifier,
                               m_stderrNotifier}) {
        if (n)
            n->setEnabled(false);
    }
    Q_EMIT died();
}

} // namespace stratus::engine
