#pragma once

// What a function reaches through the AWS SDK: the queue, bucket and table
// nodes it `uses`, and the environment variables that name them, as the
// local runner sets them and the exporters write them.

#include "workflow.h"

#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

/// The resource nodes (queue, bucket, table) named `name`: one per kind at most.
std::vector<const Node *> resourcesNamed(const Workspace &workspace, const std::string &name);
/// The resource node of `kind` named `name`; none when there is none.
const Node *resourceNamed(const Workspace &workspace, std::string_view kind, const std::string &name);

/// The URL SQS gives queue `queue` at `endpoint` ("http://HOST:PORT/000000000000/NAME"),
/// or on AWS in `region` when `endpoint` is empty.
std::string queueUrl(const std::string &endpoint, const std::string &region, const std::string &queue);

/// The resource nodes `function` lists in its `uses`, in its order (names
/// that are no resource are skipped: validation reports them).
std::vector<const Node *> resourcesUsedBy(const Workspace &workspace, const Node &function);

/// The variable that tells a function a resource's name: "<NAME>_TABLE_NAME",
/// "<NAME>_BUCKET_NAME" or "<NAME>_QUEUE_URL", NAME being the node's name in
/// upper case with every other character than a letter or digit as "_"
/// ("order-events" → "ORDER_EVENTS_QUEUE_URL").
std::string resourceVariable(const Node &resource);

} // namespace stratus::engine
