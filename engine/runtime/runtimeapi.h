#pragma once

#include "invocation.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <optional>
#include <string>

namespace stratus::engine {

/// The AWS Lambda Runtime API (2018-06-01) for one instance, on its own port
/// of 127.0.0.1:
///   GET  /2018-06-01/runtime/invocation/next          (long poll)
///   POST /2018-06-01/runtime/invocation/{id}/response
///   POST /2018-06-01/runtime/invocation/{id}/error
///   POST /2018-06-01/runtime/init/error
/// The instance gets "127.0.0.1:PORT" as AWS_LAMBDA_RUNTIME_API, exactly as
/// AWS gives it, because the official runtime clients parse it as host:port.
///
/// Only the instance may use its endpoint: each new connection is checked
/// against the kernel's socket table, and one whose client socket is not held
/// by a process of the instance's process group gets 403. This is stronger
/// than a secret in the URL, which other processes of the same user could read
/// from the instance's environment.
///
/// It knows one invocation at a time: offer() hands it to the waiting (or
/// next) /next call; the answer comes back through the signals. Requests that
/// name another invocation get 400 InvalidRequestID, as on AWS.
class RuntimeApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit RuntimeApiServer(QObject *parent = nullptr);
    ~RuntimeApiServer() override;

    /// Listens on 127.0.0.1 (a free port); false on failure.
    bool start();
    /// "127.0.0.1:PORT", the value of AWS_LAMBDA_RUNTIME_API.
    std::string address() const;
    /// The process group whose processes may call the API (the instance's).
    void setOwner(qint64 processGroup) { m_owner = processGroup; }

    /// Makes `request` the current invocation.
    void offer(const InvocationRequest &request, int64_t deadlineMs, const std::string &arn);
    /// Forgets the current invocation (it timed out or failed).
    void clear();

Q_SIGNALS:
    /// A /next call arrived (the first one ends init).
    void nextRequested();
    void responded(const QByteArray &requestId, const QByteArray &body);
    void errored(const QByteArray &requestId, const QByteArray &body, const QByteArray &errorType);
    void initErrored(const QByteArray &body, const QByteArray &errorType);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void deliver();
    bool isOwnersConnection(QTcpSocket *socket);
    static void reply(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                      const QByteArray &json);

    quint16 m_port = 0;
    qint64 m_owner = 0;
    QHash<QTcpSocket *, bool> m_checked; // connection -> belongs to the owner
    struct Current
    {
        InvocationRequest request;
        int64_t deadlineMs = 0;
        std::string arn;
        bool delivered = false;
    };
    std::optional<Current> m_current;
    // A parked /next call. Qt 6.4's responder keeps a raw socket pointer, so
    // the socket is watched and the responder dropped unwritten if it goes.
    std::optional<QHttpServerResponder> m_waiting;
    QPointer<QTcpSocket> m_waitingSocket;
};

} // namespace stratus::engine
