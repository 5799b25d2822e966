#include "gateway.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/text.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <chrono>
#include <deque>
#include <unordered_map>
#include <optional>

namespace stratus::engine {

namespace {

const char *methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return "GET";
    case M::Put: return "PUT";
    case M::Delete: return "DELETE";
    case M::Post: return "POST";
    case M::Head: return "HEAD";
    case M::Options: return "OPTIONS";
    case M::Patch: return "PATCH";
    case M::Connect: return "CONNECT";
    case M::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

/// The answer a request's Content-Length gets before its body is looked at:
/// 400 when it is not a number (Qt's parser reads it as none, and the bytes
/// after it as the next request), 413 past `limit` or past what a number
/// holds (whatever Qt made of it); 0 when it is fine or absent.
int lengthRefusal(const QByteArray &length, long long limit)
{
    if (length.isEmpty())
        return 0;
    if (!std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return 400;
    return length.size() > 18 || length.toLongLong() > limit ? 413 : 0;
}

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// What Qt 6.4.2's HTTP server does not do, done by reading each socket
/// before its parser does (a signal connected first runs first): follows the
/// requests' heads and bodies on the wire, so as to answer "Expect:
/// 100-continue" at once (clients that ask, like the AWS CLI, boto3 and the
/// JavaScript SDK on S3 uploads, otherwise wait a second before they send
/// the body), to refuse a request whose Content-Length is over the limit
/// when its head arrives, not after a body that may never come, and to
/// refuse a head with a malformed header line, which Qt's parser reads as a
/// request without headers (its body then read as the next request). A body
/// sent chunked cannot be followed: such a connection is left to Qt alone.
class WireWatchingTcpServer : public QTcpServer
{
public:
    struct Hooks
    {
        std::function<bool(QTcpSocket *)> idle;       ///< nothing owed on the connection
        /// The whole answer to write for a refused request (413, 400), and why.
        std::function<QByteArray(int status, const std::string &why, const http::Request &head)> refuse;
        long long maxBodyBytes = 0;
    };
    explicit WireWatchingTcpServer(Hooks hooks)
        : m_hooks(std::move(hooks))
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto wire = std::make_shared<Wire>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, wire] { follow(socket, *wire); });
        addPendingConnection(socket);
    }

private:
    struct Wire
    {
        long long bodyLeft = 0;
        bool lost = false;     // a chunked body or an odd head: no longer followed
        bool refused = false;  // answered and closing: nothing more reaches the server
    };

    /// Answers the request here and ends the connection; what was sent is
    /// read away first, so that Qt's parser never makes a request of it.
    void refuse(QTcpSocket *socket, Wire &wire, int status, const std::string &why, http::Request head)
    {
        head.requestId = newRequestId();
        socket->write(m_hooks.refuse(status, why, head));
        socket->flush();
        socket->readAll();
        socket->disconnectFromHost();
        wire.refused = true;
        wire.lost = true;
    }

    void follow(QTcpSocket *socket, Wire &wire)
    {
        if (wire.refused) {
            socket->readAll();
            return;
        }
        const QByteArray data = socket->peek(socket->bytesAvailable());
        qsizetype at = 0;
        // Followed while each read brings one request's head, or body bytes,
        // and nothing after: Qt's parser is then known to have taken all that
        // was seen. Pipelined requests, or a head split across reads, may be
        // left partly unread by it, and reading them again here would take a
        // body for a head: such a connection is no longer followed.
        while (at < data.size() && !wire.lost) {
            if (wire.bodyLeft > 0) {
                const qsizetype take = qsizetype(std::min<long long>(wire.bodyLeft, data.size() - at));
                wire.bodyLeft -= take;
                at += take;
                wire.lost = wire.bodyLeft == 0 && at < data.size();
                continue;
            }
            const qsizetype end = data.indexOf("\r\n\r\n", at);
            if (end < 0) {
                wire.lost = true;
                return;
            }
            const QByteArray head = data.mid(at, end + 2 - at);
            at = end + 4;
            std::string malformed;
            std::optional<http::Request> request = readHead(head, malformed);
            if (!request) {
                wire.lost = true;
                return;
            }
            if (!malformed.empty() && m_hooks.idle(socket)) {
                refuse(socket, wire, 400, "the request's header line " + malformed + " is malformed (a name, a colon, a value)",
                       *request);
                return;
            }
            long long length = 0;
            for (const auto &[name, value] : request->headers) {
                const QByteArray lower = QByteArray::fromStdString(name).toLower();
                if (lower == "transfer-encoding")
                    wire.lost = true;
                if (lower == "content-length") {
                    const bool digits = !value.empty() && value.size() <= 18
                                        && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
                    length = digits ? std::stoll(value) : -1;
                }
            }
            if (length < 0) {
                wire.lost = true; // the server's own check answers it
                return;
            }
            // Only while no body follows the head: a client already sending it
            // would lose the answer to the reset of a close; the server's own
            // check answers it once the body is read.
            if (length > m_hooks.maxBodyBytes && at == data.size() && m_hooks.idle(socket)) {
                refuse(socket, wire, 413,
                       "the request's body of " + std::to_string(length) + " bytes is over the limit of "
                           + std::to_string(m_hooks.maxBodyBytes) + " bytes",
                       *request);
                return;
            }
            const QByteArray expect = headerValue(*request, "expect");
            // Even for an empty body: clients that asked read the interim answer first (boto3 does).
            if (at == data.size() && expect.trimmed().toLower() == "100-continue" && m_hooks.idle(socket))
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            wire.bodyLeft = length;
            wire.lost = length == 0 && at < data.size(); // another request already follows
        }
    }

    static QByteArray headerValue(const http::Request &request, const char *lowerName)
    {
        for (const auto &[name, value] : request.headers) {
            if (QByteArray::fromStdString(name).toLower() == lowerName)
                return QByteArray::fromStdString(value);
        }
        return {};
    }

    /// "METHOD TARGET HTTP/1.x\r\nName: value\r\n..." as a request without a body.
    /// A header line HTTP allows: a token, a colon, a value (no folded line).
    static bool isHeaderLine(const QByteArray &line)
    {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        for (qsizetype i = 0; i < colon; ++i) {
            const char c = line[i];
            const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                               || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
            if (!token || c == '\0')
                return false;
        }
        return true;
    }

    /// `malformed`: the first header line that is not one, quoted; empty when all are.
    static std::optional<http::Request> readHead(QByteArray head, std::string &malformed)
    {
        while (head.startsWith("\r\n"))
            head.remove(0, 2); // blank lines between requests
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
        if (start.size() != 3 || !start[2].startsWith("HTTP/1."))
            return std::nullopt;
        http::Request r;
        r.method = start[0].toStdString();
        const QByteArray target = start[1];
        const qsizetype question = target.indexOf('?');
        r.rawPath = target.left(question < 0 ? target.size() : question).toStdString();
        r.rawQueryString = question < 0 ? std::string() : target.mid(question + 1).toStdString();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QByteArray raw = lines[i];
            if (raw.endsWith('\r'))
                raw.chop(1);
            if (raw.isEmpty())
                continue;
            if (malformed.empty() && !isHeaderLine(raw))
                malformed = quote(raw.left(80).toStdString());
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.emplace_back(line.left(colon).trimmed().toStdString(), line.mid(colon + 1).trimmed().toStdString());
        }
        return r;
    }

    Hooks m_hooks;
};

} // namespace

// Qt 6.4.2's server answers with whatever responder is written first, keeps
// raw socket pointers in responders and never times a request out (see
// ../shared/notes/platform.md); this class puts each connection's answers
// back in request order, drops those of gone clients, and answers what its
// handler forgets.
class Gateway::Server : public QAbstractHttpServer
{
public:
    using Written = std::function<void(const QString &method, const QString &path, int status, qint64 us)>;

    Server(Handler handler, Written written)
        : QAbstractHttpServer(nullptr)
        , m_handler(std::move(handler))
        , m_written(std::move(written))
    {
        m_sweep.setInterval(250);
        connect(&m_sweep, &QTimer::timeout, this, [this] { sweep(); });
    }

    ~Server() override { closeAll(); }

    Status start(const Options &options)
    {
        m_options = options;
        QHostAddress address;
        if (options.host == "localhost")
            address = QHostAddress::LocalHost;
        else if (!address.setAddress(QString::fromStdString(options.host)))
            return Status::invalidArgument("gateway host " + options.host
                                           + " is not an IP address (use 127.0.0.1, ::1 or 0.0.0.0)");
        if (options.port < 0 || options.port > 65535)
            return Status::invalidArgument("gateway port " + std::to_string(options.port) + " is not from 0 to 65535");
        // Our own QTcpServer, so that a failure says why (QAbstractHttpServer::listen only logs it).
        WireWatchingTcpServer::Hooks hooks;
        hooks.idle = [this](QTcpSocket *socket) {
            auto it = m_connections.find(socket);
            return it == m_connections.end() || it->second.queue.empty();
        };
        hooks.maxBodyBytes = options.maxBodyBytes;
        hooks.refuse = [this](int status, const std::string &why, const http::Request &head) {
            const http::Response r = m_options.refusal ? m_options.refusal(status, why, head) : http::errorResponse(status);
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + " " + http::reasonPhrase(r.status) + "\r\n";
            for (const auto &[name, value] : r.headers)
                out += QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value) + "\r\n";
            out += "Content-Length: " + QByteArray::number(qsizetype(r.body.size())) + "\r\nConnection: close\r\n\r\n";
            out += QByteArray::fromStdString(r.body);
            if (m_written)
                m_written(QString::fromStdString(head.method), QString::fromStdString(head.rawPath), r.status, 0);
            return out;
        };
        auto tcp = std::make_unique<WireWatchingTcpServer>(std::move(hooks));
        if (!tcp->listen(address, quint16(options.port)))
            return Status::ioError("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": "
                                   + tcp->errorString().toStdString());
        m_port = tcp->serverPort();
        bind(tcp.release()); // the server takes it
        m_host = options.host;
        m_sweep.start();
        return Status::ok();
    }

    quint16 port() const { return m_port; }
    const std::string &host() const { return m_host; }
    long long served() const { return m_served; }

    void stopListening()
    {
        for (QTcpServer *server : servers())
            server->close();
    }

    void closeAll()
    {
        m_sweep.stop();
        stopListening();
        for (auto &[socket, conn] : m_connections) {
            for (Pending &p : conn.queue) {
                if (!p.ready)
                    p.ready = http::errorResponse(503);
            }
            flush(socket, conn);
        }
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        Connection &conn = connectionFor(socket);
        conn.lastActivityMs = nowMs();
        if (conn.closing)
            return true; // after a refused request: what follows on the connection is not read as requests
        const quint64 seq = conn.nextSeq++;
        // Connection: close asks for the connection to end after this answer.
        const bool close = request.value("Connection").compare("close", Qt::CaseInsensitive) == 0;
        const QUrl url = request.url();
        conn.queue.push_back(Pending{seq, makeResponder(request, socket), std::nullopt,
                                     nowMs() + m_options.answerTimeoutMs, close,
                                     QString::fromLatin1(methodName(request.method())),
                                     url.path(QUrl::FullyEncoded), std::chrono::steady_clock::now()});
        ++m_served;
        http::Request r;
        r.method = methodName(request.method());
        r.rawPath = url.path(QUrl::FullyEncoded).toStdString();
        if (r.rawPath.empty())
            r.rawPath = "/";
        r.rawQueryString = url.query(QUrl::FullyEncoded).toStdString();
        for (const auto &[name, value] : request.headers())
            r.headers.emplace_back(name.toStdString(), value.toStdString());
        r.requestId = newRequestId();
        const auto refusal = [&](int status) {
            const std::string why = status == 413 ? "the request's body is over the limit of "
                                                        + std::to_string(m_options.maxBodyBytes) + " bytes"
                                                  : "the request's Content-Length is not a number";
            return m_options.refusal ? m_options.refusal(status, why, r) : http::errorResponse(status);
        };
        if (const int refused = lengthRefusal(request.value("Content-Length"), m_options.maxBodyBytes)) {
            conn.queue.back().closeAfter = true;
            conn.closing = true;
            answer(socket, seq, refusal(refused));
            return true;
        }
        const QByteArray body = request.body();
        if (body.size() > m_options.maxBodyBytes) {
            answer(socket, seq, refusal(413));
            return true;
        }
        r.body = body.toStdString();
        QHostAddress peer = request.remoteAddress();
        bool v4 = false;
        const quint32 ipv4 = peer.toIPv4Address(&v4);
        r.sourceIp = (v4 ? QHostAddress(ipv4) : peer).toString().toStdString();
        r.timeEpochMs = nowMs();
        QPointer<QTcpSocket> guard(socket);
        auto answered = std::make_shared<bool>(false);
        r.clientWaiting = [self = QPointer<Server>(this), guard, seq, answered] {
            if (!self || !guard || *answered || guard->state() != QAbstractSocket::ConnectedState)
                return false;
            auto it = self->m_connections.find(guard.data());
            return it != self->m_connections.end()
                   && std::any_of(it->second.queue.begin(), it->second.queue.end(),
                                  [&](const Pending &p) { return p.seq == seq; });
        };
        m_handler(std::move(r), [this, guard, seq, answered](http::Response response) {
            if (*answered)
                return;
            *answered = true;
            if (guard)
                answer(guard, seq, std::move(response));
        });
        return true;
    }

    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        makeResponder(request, socket).write(QByteArray(R"({"message":"Not Found"})"), "application/json",
                                             QHttpServerResponder::StatusCode::NotFound);
    }

private:
    struct Pending
    {
        quint64 seq = 0;
        std::optional<QHttpServerResponder> responder;
        std::optional<http::Response> ready;
        int64_t deadlineMs = 0;
        bool closeAfter = false;
        QString method; // for the report of what was answered
        QString path;
        std::chrono::steady_clock::time_point received;
    };
    struct Connection
    {
        std::deque<Pending> queue;
        quint64 nextSeq = 0;
        bool closing = false; // a request was refused with Connection: close; nothing after it runs
        int64_t lastActivityMs = 0;
    };

    Connection &connectionFor(QTcpSocket *socket)
    {
        auto it = m_connections.find(socket);
        if (it != m_connections.end())
            return it->second;
        watch(socket);
        return m_connections[socket];
    }

    void watch(QTcpSocket *socket)
    {
        m_connections[socket].lastActivityMs = nowMs();
        connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            // Responders of a gone client must never write: drop them unwritten.
            if (auto it = m_connections.find(socket); it != m_connections.end())
                it->second.queue.clear();
        });
        connect(socket, &QIODevice::readyRead, this, [this, socket] {
            if (auto it = m_connections.find(socket); it != m_connections.end())
                it->second.lastActivityMs = nowMs();
        });
    }

    void answer(QTcpSocket *socket, quint64 seq, http::Response response)
    {
        auto it = m_connections.find(socket);
        if (it == m_connections.end())
            return;
        for (Pending &p : it->second.queue) {
            if (p.seq == seq) {
                p.ready = std::move(response);
                break;
            }
        }
        flush(socket, it->second);
    }

    void flush(QTcpSocket *socket, Connection &conn)
    {
        while (!conn.queue.empty() && conn.queue.front().ready) {
            Pending p = std::move(conn.queue.front());
            conn.queue.pop_front();
            if (socket->state() != QAbstractSocket::ConnectedState || !p.responder)
                continue;
            const http::Response &r = *p.ready;
            QHttpServerResponder &out = *p.responder;
            out.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(r.status));
            bool hasType = false;
            for (const auto &[name, value] : r.headers) {
                if (QByteArray::fromStdString(name).compare("content-length", Qt::CaseInsensitive) == 0)
                    continue; // ours is the true length
                hasType = hasType || QByteArray::fromStdString(name).compare("content-type", Qt::CaseInsensitive) == 0;
                out.writeHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));
            }
            if (!hasType && !r.body.empty())
                out.writeHeader("Content-Type", "application/json");
            out.writeHeader("Content-Length", QByteArray::number(r.headContentLength >= 0 ? qlonglong(r.headContentLength)
                                                                                        : qlonglong(r.body.size())));
            if (p.closeAfter)
                out.writeHeader("Connection", "close");
            // An answer to HEAD ends after its headers (writeBody ends them).
            out.writeBody(r.headContentLength < 0 ? QByteArray::fromStdString(r.body) : QByteArray());
            conn.lastActivityMs = nowMs();
            if (m_written)
                m_written(p.method, p.path, r.status,
                          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now()
                                                                                - p.received)
                              .count());
            if (p.closeAfter) {
                conn.queue.clear(); // nothing after it is answered on this connection
                socket->disconnectFromHost(); // after what is written has gone
                return;
            }
        }
    }

    void sweep()
    {
        const int64_t now = nowMs();
        // Answers not given in time: HTTP API's integration timeout.
        for (auto &[socket, conn] : m_connections) {
            bool expired = false;
            for (Pending &p : conn.queue) {
                if (!p.ready && p.deadlineMs <= now) {
                    p.ready = http::errorResponse(503);
                    expired = true;
                }
            }
            if (expired)
                flush(socket, conn);
        }
        // Connections silent too long with nothing owed to them: a slow
        // client that never finishes its request, or an idle keep-alive.
        for (QTcpServer *server : servers()) {
            for (QTcpSocket *socket : server->findChildren<QTcpSocket *>()) {
                auto it = m_connections.find(socket);
                if (it == m_connections.end()) {
                    watch(socket);
                    continue;
                }
                if (it->second.queue.empty() && now - it->second.lastActivityMs > m_options.idleTimeoutMs)
                    socket->abort();
            }
        }
    }

    Handler m_handler;
    Written m_written;
    Options m_options;
    quint16 m_port = 0;
    std::string m_host;
    long long m_served = 0;
    std::unordered_map<QTcpSocket *, Connection> m_connections;
    QTimer m_sweep;
};

Gateway::Gateway(Handler handler, QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<Server>(std::move(handler),
                                        [this](const QString &method, const QString &path, int status, qint64 us) {
                                            Q_EMIT answered(method, path, status, us);
                                        }))
{}

Gateway::~Gateway()
{
    m_server.reset();
}

Status Gateway::listen(const Options &options)
{
    return m_server->start(options);
}

int Gateway::port() const
{
    return m_server->port();
}

std::string Gateway::host() const
{
    return m_server->host();
}

std::string Gateway::url() const
{
    const std::string &h = m_server->host();
    const bool v6 = h.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + h + "]" : h) + ":" + std::to_string(port());
}

void Gateway::stopListening()
{
    m_server->stopListening();
}

void Gateway::close()
{
    m_server->closeAll();
}

long long Gateway::requestsServed() const
{
    return m_server->served();
}

} // namespace stratus::engine
