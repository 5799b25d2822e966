#pragma once

#include "httpapi.h"

#include "engine/model/status.h"

#include <QObject>

#include <functional>
#include <memory>
#include <string>

namespace stratus::engine {

/// The HTTP server in front of a workspace's HTTP triggers: reads requests
/// off the wire into http::Request and writes the http::Response the handler
/// gives, whenever it gives it. Answers stay in request order on each
/// connection (pipelining), a handler that never answers gets its client a
/// 503 after `answerTimeout`, and an answer for a client that went away is
/// dropped. What a request means (routes, events) is the handler's business.
class Gateway : public QObject
{
    Q_OBJECT
public:
    using Respond = std::function<void(http::Response)>;
    using Handler = std::function<void(http::Request, Respond)>;

    struct Options
    {
        std::string host = "127.0.0.1";
        int port = 0;                         ///< 0: a free port
        int answerTimeoutMs = 30000;          ///< HTTP API's integration timeout: 503 after it
        long long maxBodyBytes = 10 * 1024 * 1024; ///< HTTP API's payload limit: 413 above it
        int idleTimeoutMs = 30000;            ///< a connection silent this long mid-request is closed
        /// The gateway's own refusals (400, 413) in the handler's error
        /// shape: given the status, why (a sentence), and the request without
        /// its body; none: API Gateway's {"message": ...}.
        std::function<http::Response(int status, const std::string &why, const http::Request &head)> refusal;
    };

    explicit Gateway(Handler handler, QObject *parent = nullptr);
    ~Gateway() override;

    /// Starts listening; fails naming the address and the reason.
    Status listen(const Options &options);
    /// The port listened on (the free one chosen for port 0).
    int port() const;
    std::string host() const;
    /// "http://HOST:PORT"
    std::string url() const;
    /// Accepts no new connection; those open are still read and answered.
    void stopListening();
    /// Stops accepting; answers still pending are written 503.
    void close();
    long long requestsServed() const;

Q_SIGNALS:
    /// An answer was written: every one, the gateway's own (413, 503, 400) too.
    void answered(const QString &method, const QString &path, int status, qint64 microseconds);

private:
    class Server;
    std::unique_ptr<Server> m_server;
};

} // namespace stratus::engine
