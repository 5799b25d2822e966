// Step Functions choice rules (engine/model/choicerule.h): a condition as
// JSON, checked the way the validator checks a choice node's rules; and the
// input as text through the JSONPath and timestamp checks.

#include "fuzzinput.h"

#include "engine/model/choicerule.h"

using namespace stratus::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Conditions nest through and/or/not; 16 KiB bounds the depth to a few
    // thousand levels, more than the workspace reader's kMaxNesting (256).
    if (size > 16 * 1024)
        return 0;
    const std::string_view text = stratus::fuzz::text(data, size);
    const std::string whole(text);
    (void)isChoicePath(whole);
    (void)isRfc3339Timestamp(whole);

    const Json condition = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (condition.is_discarded())
        return 0;
    (void)checkChoiceCondition(condition, "rules[0].condition");
    return 0;
}
