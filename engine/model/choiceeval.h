#pragma once

#include "json.h"

#include <optional>
#include <string>

namespace stratus::engine {

/// The value a Choice variable path ("$", "$.a.b", "$.list[0]", "$['odd key']")
/// selects in `input`; nullopt when the path selects nothing (Step Functions'
/// "not present").
std::optional<Json> selectChoicePath(const Json &input, const std::string &path);

/// Whether a choice condition (a Step Functions Choice rule in the workspace
/// format's lowerCamelCase: {"variable", "<operator>": value}, "and", "or",
/// "not") holds for `input`, with Step Functions' semantics: a variable that
/// is absent or of the wrong type for the operator makes the comparison
/// false (isPresent/isNull/is* test it instead); timestamps compare as
/// instants; `*Path` operators compare with the value at the other path;
/// stringMatches takes `*` as any run of characters and `\*` as a star.
/// Only isPresent can hold for an absent variable: "isString": false holds
/// for a present non-string, not for nothing. Strings order as Java's
/// compareTo (UTF-16 code units), numbers exactly (integers never go
/// through double).
/// The condition is assumed to have passed checkChoiceCondition(); one that
/// has not, or a stringMatches pattern with a backslash escaping neither `*`
/// nor `\`, never holds (not even under "not"). Throws nothing.
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
bool choiceConditionHolds(const Json &condition, const Json &input);

/// The output port a choice node's `rules` ([{port, condition}, ...]) pick
/// for `input`: the first rule whose condition holds; nullopt when none does
/// (the caller then takes `default`).
std::optional<std::string> chooseChoicePort(const Json &rules, const Json &input);

} // namespace stratus::engine
