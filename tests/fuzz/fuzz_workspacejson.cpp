// The workspace JSON reader (engine/store/workspacejson.h): any bytes are
// either read or refused with a Status, never a crash or an exception; what
// is read passes through validateWorkspace() (which promises never to throw
// on any model), and its JSON form reads back to the same workspace.

#include "fuzzinput.h"

#include "engine/model/validator.h"
#include "engine/store/workspacejson.h"

using namespace stratus::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The examples are 4-7 KiB; 256 KiB leaves room to grow without letting
    // one input take seconds.
    if (size > 256 * 1024)
        return 0;
    const std::string_view text = stratus::fuzz::text(data, size);
    auto read = workspace_json::read(text);
    if (!read)
        return 0;
    const Problems problems = validateWorkspace(read->workspace);
    for (const Problem &p : read->problems)
        (void)workspace_json::isUnstorable(p);
    (void)problems;

    // The round trip the CLI promises (import/export-json, "losslessly").
    const std::string written = workspace_json::write(read->workspace);
    auto again = workspace_json::read(written);
    if (!again || !(again->workspace == read->workspace))
        stratus::fuzz::violated();
    return 0;
}
