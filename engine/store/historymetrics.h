#pragma once

// The run history's figures for statistics, packed into blocks. Internal to
// engine/store.
//
// Statistics read a few numbers of every invocation in a window; stepping
// SQLite through a million wide invocation rows costs ~0.5 s on its own. So
// the recorder also writes, in the same transaction as the rows, one
// invocation_metrics row per block of up to kMaxBlockRecords invocations:
// their start, duration, billed duration, memory, status, cold start, cost and
// function, as fixed-size little-endian records in one BLOB, sorted by start.
// The invocations table stays the truth; blocks can always be rebuilt from it
// (rebuildMetricBlocks), which pruning and the migration that added them do.

#include "sqlite.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/status.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace stratus::engine::store {

/// What statistics read of one invocation.
struct MetricSample
{
    int64_t startedAtUs = 0;
    int64_t durationUs = 0;
    double cost = 0;
    int32_t billedDurationMs = 0;
    int32_t memorySizeMB = 0;
    InvocationStatus status = InvocationStatus::Ok;
    bool coldStart = false;
};

/// Whose invocation a sample is: blocks keep each (workflow, function) once.
struct MetricSource
{
    std::string workflowId; ///< empty outside a workflow
    std::string functionName;
    bool operator==(const MetricSource &) const = default;
};

/// Collects the samples of consecutive invocations and writes them as a block.
class MetricBlockBuilder
{
public:
    static constexpr size_t kMaxBlockRecords = 4096;
    /// A block smaller than this takes the next batch in (rewritten whole), so
    /// that a trickle of single invocations does not leave a block per row.
    static constexpr size_t kMergeBelow = 256;

    void add(int64_t invocationId, const MetricSource &source, const MetricSample &sample);
    size_t size() const { return m_rows.size(); }
    bool empty() const { return m_rows.empty(); }

    /// Writes what was added as one block (or more, past kMaxBlockRecords) and
    /// clears the builder. With `mergeIntoLast`, a small last block is folded in.
    Status write(sql::Database &db, bool mergeIntoLast);

private:
    struct Row
    {
        int64_t id;
        uint32_t source;
        MetricSample sample;
    };
    uint32_t sourceIndex(const MetricSource &source);
    Status writeRows(sql::Database &db, std::vector<Row> rows, bool mergeIntoLast);
    Status writeBlock(sql::Database &db, std::vector<Row> rows);

    std::vector<Row> m_rows;
    std::vector<MetricSource> m_sources;
};

/// Calls `sample` for every invocation started at or after `sinceUs` (of
/// `functionName`, unless empty), block by block, each block in order of start.
Status scanMetricBlocks(sql::Database &db, int64_t sinceUs, const std::string &functionName,
                        const std::function<void(const MetricSource &, const MetricSample &)> &sample);

/// Makes the blocks match the invocations table again after rows were
/// removed: drops blocks whose invocations are gone and rebuilds those that
/// lost some. With `everything`, rebuilds all blocks from scratch. Run it in
/// the transaction that removed the rows.
Status rebuildMetricBlocks(sql::Database &db, bool everything = false);

} // namespace stratus::engine::store
