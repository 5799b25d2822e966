// Test helper for tst_runhistory: records invocations into a workspace file
// as fast as it can, flushing every 200 and printing "committed N" after each
// flush, until it is killed. Usage: history_writer FILE.stratus

#include "engine/store/runhistory.h"

#include <cstdio>

using namespace stratus::engine;

int main(int argc, char *argv[])
{
    if (argc != 2)
        return 2;
    auto recorder = RunRecorder::open(argv[1]);
    if (!recorder) {
        std::fprintf(stderr, "%s\n", recorder.status().message().c_str());
        return 2;
    }
    for (unsigned long long n = 1;; ++n) {
        HistoryEntry e;
        e.record.requestId = newRequestId();
        e.record.functionName = "writer";
        e.record.trigger = "test";
        e.record.startedAtUs = static_cast<int64_t>(n);
        e.record.durationUs = 1000;
        e.record.billedDurationMs = 1;
        e.record.memorySizeMB = 128;
        e.record.logs = {"START RequestId: " + e.record.requestId, "line " + std::to_string(n)};
        (*recorder)->record(std::move(e));
        if (n % 200 == 0) {
            if (!(*recorder)->flush())
                return 1;
            std::printf("committed %llu\n", n);
            std::fflush(stdout);
        }
    }
}
