// EventBridge schedule expressions (engine/model/schedule.h): rate(N unit)
// and cron(6 fields), as a schedule trigger's config holds them.

#include "fuzzinput.h"

#include "engine/model/schedule.h"

using namespace stratus::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const std::string_view text = stratus::fuzz::text(data, size);
    auto parsed = parseScheduleExpression(text);
    if (parsed && parsed->type == ScheduleExpression::Type::Rate && parsed->rateSeconds <= 0)
        stratus::fuzz::violated(); // a rate that never fires, accepted as valid
    return 0;
}
