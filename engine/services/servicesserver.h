#pragma once

// The local AWS endpoints on one port: DynamoDB, S3 and SQS told apart as
// LocalStack does, by the request's X-Amz-Target header or its signing scope
// (Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/...).
// Signatures are not checked: anything that can reach the port may use it,
// which is why it listens on the gateway's host (loopback by default).

#include "backend.h"
#include "dynamodb.h"
#include "s3.h"
#include "sqs.h"

#include "engine/model/status.h"
#include "engine/triggers/gateway.h"

#include <QObject>

#include <memory>
#include <string>

namespace stratus::engine::services {

class ServicesServer : public QObject
{
    Q_OBJECT
public:
    explicit ServicesServer(Backend &backend, QObject *parent = nullptr);
    ~ServicesServer() override;

    /// Starts listening on `host`:`port` (0: a free port); fails naming the
    /// address and the reason.
    Status listen(const std::string &host, int port);
    /// "http://HOST:PORT"; empty before listen().
    std::string url() const;
    int port() const;
    /// Accepts nothing more; answers still owed are written 503.
    void close();

    /// The largest request body taken (S3's objects are what makes it this
    /// large; S3 itself takes 5 GB in one PutObject, and more in parts).
    static constexpr long long kMaxBodyBytes = 256LL * 1024 * 1024;

    /// Which service a request is for: "dynamodb", "s3", "sqs", or "".
    static std::string serviceOf(const http::Request &request);

Q_SIGNALS:
    void answered(const QString &method, const QString &path, int status, qint64 microseconds);

private:
    void serve(http::Request request, Gateway::Respond respond);

    Backend &m_backend;
    DynamoDb m_dynamoDb;
    S3 m_s3;
    Sqs m_sqs;
    std::unique_ptr<Gateway> m_gateway;
};

} // namespace stratus::engine::services
