#pragma once

// The local SQS endpoint over the workspace's queue nodes: the JSON protocol
// of current SDKs (X-Amz-Target: AmazonSQS.<Action>) and the query protocol
// of older ones (Action=<Action>&..., answered in XML), with long polling.
// docs/services.md lists the actions and where they differ.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html

#include "backend.h"

#include "engine/triggers/gateway.h"

#include <QObject>

#include <string>

namespace stratus::engine::services {

class Sqs
{
public:
    explicit Sqs(Backend &backend)
        : m_backend(backend)
    {}
    /// Answers one request (now, or when a long poll ends). Never throws.
    void handle(const http::Request &request, Gateway::Respond respond);

    /// MD5 of message attributes as SQS computes it (MD5OfMessageAttributes):
    /// name, data type, transport type and value of each, sorted by name.
    /// Empty when there are none.
    static std::string attributesMd5(const Json &attributes);

private:
    void receive(const Json &request, bool query, const std::string &action, Gateway::Respond respond,
                 int64_t deadlineMs, std::function<bool()> clientWaiting);

    Backend &m_backend;
    QObject m_context; // what long polls wait on: gone with this object
};

} // namespace stratus::engine::services
