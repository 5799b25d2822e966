#pragma once

// CloudFormation YAML read into JSON: the inverse of yaml.h. Short-form tags
// become the intrinsic's long form (!Ref X → {"Ref": X}, !GetAtt A.B →
// {"Fn::GetAtt": [A, B]}, !Sub S → {"Fn::Sub": S}); plain scalars that read
// as numbers, booleans or null become those, quoted ones stay text. Hostile
// input is bounded: anchors that expand past kMaxYamlValues values (a "YAML
// bomb") or nesting deeper than yaml-cpp's guard are refused, naming the line.
//
// The outline (where each top-level section and each resource starts and
// ends, in lines) lets an export write back the original text of what it
// did not change, comments included.

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <map>
#include <string>
#include <vector>

namespace stratus::engine::exporting {

inline constexpr size_t kMaxYamlValues = 1'000'000;

struct YamlOutline;

/// `where` names the text in errors ("template.yaml"). The top level must be
/// a mapping. With `outline`, the text's outline (outlineOf()) is made from
/// the same parse.
Result<Json> readCloudFormationYaml(const std::string &text, const std::string &where,
                                    Result<YamlOutline> *outline = nullptr);

/// Lines [first, end) of one key's block in a block mapping, comments above the key included.
struct YamlBlock
{
    std::string key;
    int first = 0;
    int end = 0;
    int indent = 0;  ///< the key's column
    int keyLine = 0; ///< the key's own line (first holds the comments above it)
};

struct YamlOutline
{
    std::vector<YamlBlock> sections;  ///< the top-level keys, in order
    std::vector<YamlBlock> resources; ///< Resources' keys, in order (empty when not in block style)
    std::vector<std::string> lines;   ///< the text, line by line (without the newlines)
};

/// The outline of a template that readCloudFormationYaml() accepted; a
/// section written in flow style (`{...}`) or sharing a line with another
/// makes it fail, and the caller writes the document anew instead.
Result<YamlOutline> outlineOf(const std::string &text);

/// The blocks of the mapping at `path` ({"functions"}, {"resources",
/// "Resources"}) in block style, with the text's lines.
struct YamlChildren
{
    std::vector<YamlBlock> blocks;
    std::vector<std::string> lines;
};
Result<YamlChildren> childBlocksOf(const std::string &text, const std::vector<std::string> &path);

/// `text` with the line ends of `lines` (a file's lines, split at "\n"):
/// CRLF where its first line ends in "\r".
std::string withLineEndsOf(const std::vector<std::string> &lines, std::string text);

/// The anchors (`&name`) that lines [first, end) define and that a line
/// outside them uses (`*name`): a block written anew loses its anchors, and
/// the file would no longer read.
std::vector<std::string> anchorsUsedOutside(const std::vector<std::string> &lines, int first, int end);

} // namespace stratus::engine::exporting
