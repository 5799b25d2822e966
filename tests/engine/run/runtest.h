#pragma once

// Shared by the run tests: a workspace file made from a JSON document, and a
// raw HTTP/1.1 client that waits without blocking the event loop (the
// gateway under test runs on the same thread).

#include "testutil.h"

#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <string>
#include <vector>

namespace stratus::test {

/// Writes the workspace `json` describes into `dir`/`name`.stratus.
inline QString writeWorkspace(const QString &dir, const std::string &json, const char *name = "ws")
{
    const QString path = QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".stratus"));
    auto doc = engine::workspace_json::read(json);
    if (!doc)
        qFatal("test workspace does not read: %s", doc.status().message().c_str());
    if (engine::Status s = engine::WorkspaceStore::writeTo(path.toStdString(), doc->workspace); !s)
        qFatal("cannot write the test workspace: %s", s.message().c_str());
    return path;
}

/// A node of a test workspace's JSON form: a Node.js function of `code`.
inline engine::Json functionNode(const std::string &name, const std::string &code,
                                 const engine::Json &extra = engine::Json::object())
{
    engine::Json config{{"runtime", "nodejs20.x"}, {"handler", "index.handler"}, {"files", {{"index.js", code}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        config[it.key()] = it.value();
    return engine::Json{{"id", name}, {"kind", "function"}, {"name", name}, {"config", config}};
}

inline engine::Json kindNode(const std::string &id, const std::string &kind,
                             const engine::Json &config = engine::Json::object())
{
    return engine::Json{{"id", id}, {"kind", kind}, {"name", id}, {"config", config}};
}

inline engine::Json edgeJson(const std::string &from, const std::string &port, const std::string &to)
{
    return engine::Json{{"id", from + "." + port + "->" + to}, {"from", {{"node", from}, {"port", port}}},
                        {"to", {{"node", to}, {"port", "in"}}}};
}

/// A workspace document with one workflow "main".
inline std::string workspaceDocument(const engine::Json &nodes, const engine::Json &edges)
{
    return engine::Json{{"format", "stratus-workspace"},
                        {"version", 1},
                        {"name", "test"},
                        {"workflows", engine::Json::array({{{"id", "main"}, {"name", "Main"}, {"nodes", nodes},
                                                            {"edges", edges}}})}}
        .dump();
}

// std::string compared so that a failure shows both values.
#define QCOMPARE_STR(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

struct HttpAnswer
{
    int status = 0;
    std::map<std::string, std::string> headers; ///< lower-case names; repeated ones joined with "\n"
    std::string body;
};

/// A connection that sends raw bytes and reads HTTP/1.1 answers.
class RawHttp
{
public:
    explicit RawHttp(int port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_buffer += m_socket.readAll().toStdString(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { m_closed = true; });
        (void)QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }

    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    /// Answers to HEAD: their Content-Length is not followed by a body.
    void answersHaveNoBody(bool none) { m_noBody = none; }
    bool closed() const { return m_closed; }
    void send(const std::string &bytes)
    {
        m_socket.write(bytes.data(), qint64(bytes.size()));
        m_socket.flush();
    }

    /// Waits for `count` whole answers (or the timeout); returns what came.
    std::vector<HttpAnswer> read(size_t count, int timeoutMs = 10000)
    {
        std::vector<HttpAnswer> out;
        (void)QTest::qWaitFor([&] {
            while (out.size() < count) {
                auto answer = parseOne();
                if (!answer)
                    break;
                out.push_back(std::move(*answer));
            }
            return out.size() >= count || m_closed;
        }, timeoutMs);
        return out;
    }

    static std::string request(const std::string &method, const std::string &target, const std::string &body = {},
                               const std::vector<std::string> &headers = {})
    {
        std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const std::string &h : headers)
            r += h + "\r\n";
        if (!body.empty() || method == "POST" || method == "PUT")
            r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
        return r + "\r\n" + body;
    }

private:
    std::optional<HttpAnswer> parseOne()
    {
        const size_t end = m_buffer.find("\r\n\r\n");
        if (end == std::string::npos)
            return std::nullopt;
        HttpAnswer a;
        const std::string head = m_buffer.substr(0, end);
        size_t line = head.find("\r\n");
        const std::string status = head.substr(0, line);
        a.status = std::atoi(status.substr(status.find(' ') + 1).c_str());
        size_t length = 0;
        while (line != std::string::npos) {
            const size_t next = head.find("\r\n", line + 2);
            const std::string h = head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
            const size_t colon = h.find(':');
            if (colon != std::string::npos) {
                std::string name = h.substr(0, colon);
                for (char &c : name)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                std::string value = h.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.erase(0, 1);
                auto &slot = a.headers[name];
                slot = slot.empty() ? value : slot + "\n" + value;
                if (name == "content-length")
                    length = size_t(std::stoull(value));
            }
            line = next;
        }
        if (m_noBody)
            length = 0;
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        a.body = m_buffer.substr(end + 4, length);
        m_buffer.erase(0, end + 4 + length);
        return a;
    }

    QTcpSocket m_socket;
    std::string m_buffer;
    bool m_closed = false;
    bool m_noBody = false;
};

} // namespace stratus::test
