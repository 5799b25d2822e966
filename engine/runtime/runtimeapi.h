#pragma once

#include "invocation.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <optional>
#include <string>

namespace stratus::engine {

/// The AWS Lambda Runtime API (2018-06-01) for one instance, on 127.0.0.1:
///   GET  /TOKEN/2018-06-01/runtime/invocation/next          (long poll)
///   POST /TOKEN/2018-06-01/runtime/invocation/{id}/response
///   POST /TOKEN/2018-06-01/runtime/invocation/{id}/error
///   POST /TOKEN/2018-06-01/runtime/init/error
/// The token is random and per instance, so one instance cannot read
/// another's events; the instance gets "127.0.0.1:PORT/TOKEN" as
/// AWS_LAMBDA_RUNTIME_API (clients build "http://" + that + "/2018-06-01/...").
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
    /// "127.0.0.1:PORT/TOKEN", the value of AWS_LAMBDA_RUNTIME_API.
    std::string address() const;

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
    static void reply(QHttpServerResponder &responder, QHttpServerResponder::StatusCode status,
                      const QByteArray &json);

    QByteArray m_token;
    quint16 m_port = 0;
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
