#pragma once

// What the local AWS endpoints serve: the running design's queue, bucket and
// table nodes and the data they hold (the same ResourceData the graph writes),
// so that a write through an endpoint is a write like any other.

#include "engine/model/workflow.h"
#include "engine/store/resourcedata.h"

#include <memory>
#include <string>
#include <string_view>

namespace stratus::engine::services {

/// Called on the engine's thread only (where the endpoints and the executor
/// live); what data() returns is valid until the call that asked returns.
class Backend
{
public:
    virtual ~Backend() = default;
    /// The design running now; none while nothing runs.
    virtual std::shared_ptr<const Workspace> design() const = 0;
    /// The resources' data; none while nothing runs.
    virtual ResourceData *data() = 0;
    /// Data changed through an endpoint: what it makes (stream records,
    /// queue deliveries) is delivered soon.
    virtual void changed() = 0;
    /// The folder a bucket node's objects live in.
    virtual std::string bucketFolder(const Node &bucket) const = 0;
    /// Writes an object whole (or not at all), with the notification a
    /// graph's write makes; its ETag (MD5 hex) on success.
    virtual Result<std::string> putObject(const Node &bucket, const std::string &key, std::string_view body) = 0;
    /// Removes an object, with its notification; false when there was none.
    virtual Result<bool> deleteObject(const Node &bucket, const std::string &key) = 0;
};

} // namespace stratus::engine::services
