#pragma once

// What the benchmarks record as run history: invocation `i` of a steady
// stream (one every 10 µs from `t0`), two functions of workflow "main",
// each with START/END/REPORT and two log lines.

#include "engine/store/runhistory.h"

#include <cstdint>

namespace stratus::bench {

inline engine::HistoryEntry syntheticInvocation(long long i, int64_t t0)
{
    engine::HistoryEntry e;
    engine::InvocationRecord &r = e.record;
    r.requestId = engine::newRequestId();
    r.functionName = i % 3 ? "accept-order" : "fulfil-order";
    r.trigger = "http";
    r.startedAtUs = t0 + i * 10;
    r.durationUs = 1200 + i % 700;
    r.billedDurationMs = (r.durationUs + 999) / 1000;
    r.memorySizeMB = 256;
    r.maxMemoryUsedMB = 64;
    r.coldStart = i % 1000 == 0;
    r.logs = {"START RequestId: " + r.requestId + " Version: $LATEST",
              "2026-11-26T10:00:00.000Z\t" + r.requestId + "\tINFO\taccepted order",
              "2026-11-26T10:00:00.001Z\t" + r.requestId + "\tINFO\tqueued",
              "END RequestId: " + r.requestId, engine::reportLine(r)};
    e.workflowId = "main";
    e.nodeId = r.functionName;
    e.cost = 0.0000002 + 0.0013 * 0.25 * 0.0000166667;
    return e;
}

} // namespace stratus::bench
