#include "runtimeapi.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>

namespace stratus::engine {

namespace {

constexpr const char *kPrefix = "/2018-06-01/runtime/";

QByteArray errorBody(const char *type, const QByteArray &message)
{
    return QByteArray("{\"errorType\":\"") + type + "\",\"errorMessage\":\"" + message + "\"}";
}

/// The inode of the client end of a loopback TCP connection from
/// `clientPort` to `serverPort`, from /proc/net/tcp; 0 if not found.
unsigned long clientSocketInode(quint16 clientPort, quint16 serverPort)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray local = "0100007F:" + QByteArray::number(clientPort, 16).toUpper().rightJustified(4, '0');
    const QByteArray remote = "0100007F:" + QByteArray::number(serverPort, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() > 9 && f[1] == local && f[2] == remote)
            return f[9].toULong();
    }
    return 0;
}

/// True when a process of process group `group` holds socket `inode`.
bool groupHoldsSocket(qint64 group, unsigned long inode)
{
    const QByteArray wanted = "socket:[" + QByteArray::number(qulonglong(inode)) + "]";
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &pid : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/") + pid + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so read after ')'.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 3 || fields[2].toLongLong() != group)
            continue;
        const QDir fds(QStringLiteral("/proc/") + pid + QStringLiteral("/fd"));
        for (const QFileInfo &fd : fds.entryInfoList(QDir::System | QDir::NoDotAndDotDot)) {
            if (fd.symLinkTarget().endsWith(QString::fromLatin1(wanted))
                || QFile::symLinkTarget(fd.filePath()).endsWith(QString::fromLatin1(wanted)))
                return true;
        }
    }
    return false;
}

} // namespace

RuntimeApiServer::RuntimeApiServer(QObject *parent)
    : QAbstractHttpServer(parent)
{}

bool RuntimeApiServer::isOwnersConnection(QTcpSocket *socket)
{
    auto known = m_checked.find(socket);
    if (known != m_checked.end())
        return *known;
    const bool owner = m_owner > 0
                       && groupHoldsSocket(m_owner, clientSocketInode(socket->peerPort(), m_port));
    m_checked.insert(socket, owner);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_checked.remove(socket); });
    return owner;
}

RuntimeApiServer::~RuntimeApiServer()
{
    // A parked responder must not write into a socket being torn down.
    if (m_waiting && !m_waitingSocket)
        m_waiting.reset();
}

bool RuntimeApiServer::start()
{
    m_port = listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

std::string RuntimeApiServer::address() const
{
    return "127.0.0.1:" + std::to_string(m_port);
}

void RuntimeApiServer::offer(const InvocationRequest &request, int64_t deadlineMs,
                             const std::string &arn)
{
    m_current = Current{request, deadlineMs, arn, false};
    deliver();
}

void RuntimeApiServer::clear()
{
    m_current.reset();
}

void RuntimeApiServer::reply(QHttpServerResponder &responder,
                             QHttpServerResponder::StatusCode status, const QByteArray &json)
{
    responder.write(json, "application/json", status);
}

void RuntimeApiServer::deliver()
{
    if (!m_current || m_current->delivered || !m_waiting)
        return;
    if (!m_waitingSocket || m_waitingSocket->state() != QAbstractSocket::ConnectedState) {
        m_waiting.reset(); // its client is gone; the next /next gets the event
        return;
    }
    QHttpServerResponder responder = std::move(*m_waiting);
    m_waiting.reset();
    const Current &c = *m_current;
    const QByteArray body = QByteArray::fromStdString(c.request.payload);
    const QByteArray id = QByteArray::fromStdString(c.request.requestId);
    m_current->delivered = true;
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeader("Lambda-Runtime-Aws-Request-Id", id);
    responder.writeHeader("Lambda-Runtime-Deadline-Ms", QByteArray::number(qlonglong(c.deadlineMs)));
    responder.writeHeader("Lambda-Runtime-Invoked-Function-Arn", QByteArray::fromStdString(c.arn));
    responder.writeHeader("Lambda-Runtime-Trace-Id",
                          "Root=1-" + QByteArray::number(qlonglong(c.deadlineMs / 1000), 16) + "-"
                              + QByteArray(id).replace("-", "").left(24) + ";Sampled=0");
    if (!c.request.clientContext.empty())
        responder.writeHeader("Lambda-Runtime-Client-Context",
                              QByteArray::fromStdString(c.request.clientContext));
    if (!c.request.identity.empty())
        responder.writeHeader("Lambda-Runtime-Cognito-Identity",
                              QByteArray::fromStdString(c.request.identity));
    responder.writeBody(body);
}

bool RuntimeApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QByteArray path = request.url().path().toUtf8();
    QHttpServerResponder responder = makeResponder(request, socket);
    if (!isOwnersConnection(socket)) {
        reply(responder, QHttpServerResponder::StatusCode::Forbidden,
              errorBody("AccessDeniedException", "this endpoint belongs to another instance"));
        return true;
    }
    if (!path.startsWith(kPrefix)) {
        reply(responder, QHttpServerResponder::StatusCode::NotFound,
              errorBody("NotFound", "no such route"));
        return true;
    }
    path = path.mid(int(strlen(kPrefix))); // "invocation/next", "invocation/ID/response", ...
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;

    if (path == "invocation/next" && get) {
        if (m_waiting) // a second poller replaces the first, which gets nothing
            m_waiting.reset();
        m_waiting.emplace(std::move(responder));
        m_waitingSocket = socket;
        Q_EMIT nextRequested();
        deliver();
        return true;
    }
    if (path == "init/error" && post) {
        reply(responder, QHttpServerResponder::StatusCode::Accepted, R"({"status":"OK"})");
        Q_EMIT initErrored(request.body(), request.value("Lambda-Runtime-Function-Error-Type"));
        return true;
    }
    if (path.startsWith("invocation/") && post) {
        const QList<QByteArray> parts = path.split('/');
        if (parts.size() != 3 || (parts[2] != "response" && parts[2] != "error")) {
            reply(responder, QHttpServerResponder::StatusCode::NotFound,
                  errorBody("NotFound", "no such route"));
            return true;
        }
        const QByteArray id = parts[1];
        if (!m_current || !m_current->delivered || id.toStdString() != m_current->request.requestId) {
            reply(responder, QHttpServerResponder::StatusCode::BadRequest,
                  errorBody("InvalidRequestID", "Invalid request ID: " + id.left(64)));
            return true;
        }
        m_current.reset();
        reply(responder, QHttpServerResponder::StatusCode::Accepted, R"({"status":"OK"})");
        if (parts[2] == "response")
            Q_EMIT responded(id, request.body());
        else
            Q_EMIT errored(id, request.body(), request.value("Lambda-Runtime-Function-Error-Type"));
        return true;
    }
    reply(responder, QHttpServerResponder::StatusCode::NotFound, errorBody("NotFound", "no such route"));
    return true;
}

void RuntimeApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    reply(responder, QHttpServerResponder::StatusCode::NotFound, errorBody("NotFound", "no such route"));
}

} // namespace stratus::engine
