// Lambda handler strings (engine/model/handler.h), read for each runtime
// Stratus runs (engine/model/runtimes.h), and for a runtime named by the
// input's first line.
// A handler names files inside the function's code folder, so no candidate
// file may be absolute or climb out with "..".

#include "fuzzinput.h"

#include "engine/model/handler.h"
#include "engine/model/runtimes.h"

using namespace stratus::engine;

namespace {

void check(std::string_view runtime, std::string_view handler)
{
    auto ref = parseHandler(runtime, handler);
    if (!ref)
        return;
    for (const std::string &file : ref->candidateFiles) {
        if (file.empty() || file.front() == '/')
            stratus::fuzz::violated();
        for (const std::string &part : stratus::fuzz::split(file, '/', 4096)) {
            if (part == "..")
                stratus::fuzz::violated();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const std::string_view text = stratus::fuzz::text(data, size);
    for (const LambdaRuntime &runtime : lambdaRuntimes())
        check(runtime.id, text);
    if (const size_t newline = text.find('\n'); newline != std::string_view::npos)
        check(text.substr(0, newline), text.substr(newline + 1));
    return 0;
}
