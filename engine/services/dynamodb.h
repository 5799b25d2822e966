#pragma once

// The local DynamoDB endpoint: the JSON 1.0 protocol of DynamoDB's API
// (X-Amz-Target: DynamoDB_20120810.<Operation>) over the workspace's table
// nodes. docs/services.md lists the operations and where they differ.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html

#include "backend.h"

#include "engine/triggers/httpapi.h"

namespace stratus::engine::services {

class DynamoDb
{
public:
    explicit DynamoDb(Backend &backend)
        : m_backend(backend)
    {}
    /// Answers one request for `operation` (the X-Amz-Target's part after
    /// the dot). Never throws: every failure is DynamoDB's error shape.
    http::Response handle(const http::Request &request, const std::string &operation);

    /// The canonical key of a table item (its key attributes as typed JSON,
    /// in key-schema order), as the table's data is keyed: `item` must hold
    /// the key attributes as S, N or B values.
    static Result<std::pair<std::string, Json>> itemKey(const Node &table, const Json &typedItem);
    /// The table's key attribute names: the partition key, then the sort key if any.
    static std::vector<std::string> keyNames(const Node &table);

private:
    Backend &m_backend;
};

} // namespace stratus::engine::services
