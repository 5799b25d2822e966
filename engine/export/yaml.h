#pragma once

// CloudFormation YAML from JSON: templates are built as JSON (the model's one
// JSON library, ordered as written) and written here as the YAML a person
// would write, with CloudFormation's short-form tags. An intrinsic function in
// its long form, {"Ref": X} or {"Fn::Sub": S}, is written !Ref X, !Sub S;
// {"Fn::GetAtt": [A, B]} is written !GetAtt A.B. Strings that YAML would read
// as something else (a number, a boolean, null, a date, text with ": ") are
// quoted, so the template says exactly what the JSON said. The same JSON
// always gives the same bytes. (yaml-cpp, the YAML library here, writes
// tags as !<!Ref> and numbers' look-alikes unquoted, which CloudFormation
// and the template's meaning would not survive.)

#include "engine/model/json.h"

#include <string>

namespace stratus::engine::exporting {

/// `document` must be an object (a template); anything else gives "".
std::string toCloudFormationYaml(const Json &document);

/// `key: value` as a block of YAML whose every line is indented `indent` spaces.
std::string indentedYaml(const std::string &key, const Json &value, int indent);

/// True when `text` can be written as a plain YAML scalar and read back as the same string.
bool isPlainYamlScalar(const std::string &text);

} // namespace stratus::engine::exporting
