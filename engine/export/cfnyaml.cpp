#include "cfnyaml.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <regex>
#include <unordered_set>

namespace stratus::engine::exporting {

namespace {

std::string at(const std::string &where, const YAML::Mark &mark)
{
    if (mark.is_null())
        return where;
    return where + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

struct Refused
{
    std::string message;
};

/// YAML 1.2's core schema for plain scalars, as CloudFormation reads them in
/// practice: decimal numbers, true/false, null and ~; everything else is text.
Json plainScalar(const std::string &text)
{
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return nullptr;
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    static const std::regex integer(R"(-?(0|[1-9][0-9]*))");
    static const std::regex real(R"(-?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?)");
    if (std::regex_match(text, integer)) {
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size())
            return value;
        return text; // past 64 bits: kept as the text it is
    }
    if (text.size() < 40 && std::regex_match(text, real)) {
        try {
            return std::stod(text);
        } catch (...) {
            return text;
        }
    }
    return text;
}

class Reader
{
public:
    explicit Reader(std::string where) : m_where(std::move(where)) {}

    Json convert(const YAML::Node &node)
    {
        if (++m_values > kMaxYamlValues)
            throw Refused{at(m_where, node.Mark()) + ": the document expands to more than "
                          + std::to_string(kMaxYamlValues)
                          + " values (anchors and aliases repeated over and over?); it is not read"};
        const std::string &tag = node.Tag();
        const bool intrinsic = tag.size() > 1 && tag[0] == '!' && tag[1] != '!';
        Json value = plain(node, intrinsic);
        if (!intrinsic)
            return value;
        const std::string name = tag.substr(1);
        if (name == "GetAtt" && value.is_string()) {
            const std::string text = value.get<std::string>();
            const size_t dot = text.find('.');
            if (dot == std::string::npos)
                throw Refused{at(m_where, node.Mark()) + ": !GetAtt " + text
                              + " names no attribute (write !GetAtt Resource.Attribute)"};
            value = Json::array({text.substr(0, dot), text.substr(dot + 1)});
        }
        const std::string key = name == "Ref" || name == "Condition" ? name : "Fn::" + name;
        return Json{{key, std::move(value)}};
    }

private:
    Json plain(const YAML::Node &node, bool tagged)
    {
        switch (node.Type()) {
        case YAML::NodeType::Null:
            return nullptr;
        case YAML::NodeType::Scalar:
            // "?" is a plain scalar's tag; quoted and block scalars have "!".
            if (node.Tag() == "?" || (tagged && node.Tag().size() > 1))
                return tagged ? Json(node.Scalar()) : plainScalar(node.Scalar());
            return node.Scalar();
        case YAML::NodeType::Sequence: {
            Json out = Json::array();
            for (const YAML::Node &item : node)
                out.push_back(convert(item));
            return out;
        }
        case YAML::NodeType::Map: {
            Json out = Json::object();
            // Appended as read: an ordered object's own insert searches it, which a
            // template's thousands of resources would make quadratic.
            auto &members = out.get_ref<Json::object_t &>();
            std::unordered_set<std::string> keys;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (!it->first.IsScalar())
                    throw Refused{at(m_where, it->first.Mark()) + ": a mapping key must be text"};
                ++m_values;
                if (!keys.insert(it->first.Scalar()).second)
                    throw Refused{at(m_where, it->first.Mark()) + ": " + it->first.Scalar()
                                  + " is given twice in one mapping"};
                members.emplace_back(it->first.Scalar(), convert(it->second));
            }
            return out;
        }
        case YAML::NodeType::Undefined:
            break;
        }
        return nullptr;
    }

    std::string m_where;
    size_t m_values = 0;
};

bool isBlank(const std::string &line)
{
    const size_t first = line.find_first_not_of(" \t\r");
    return first == std::string::npos || line[first] == '#';
}

std::vector<std::string> splitLines(const std::string &text)
{
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

/// The keys of a block mapping as blocks of lines: each from its key (with
/// the comments and blank lines right above it) to the next one's start.
Result<std::vector<YamlBlock>> blocksOf(const YAML::Node &map, const std::vector<std::string> &lines, int floor,
                                        int ceiling)
{
    std::vector<YamlBlock> blocks;
    if (map.Style() == YAML::EmitterStyle::Flow)
        return Status::notSupported("written in flow style");
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Mark mark = it->first.Mark();
        YamlBlock block{it->first.Scalar(), mark.line, 0, mark.column, mark.line};
        if (!blocks.empty() && (mark.line <= blocks.back().keyLine || mark.column != blocks.back().indent))
            return Status::notSupported("keys share a line or are not aligned");
        if (mark.line < floor || mark.line >= ceiling)
            return Status::notSupported("a key outside its section");
        blocks.push_back(block);
    }
    for (size_t i = 0; i < blocks.size(); ++i) {
        const int previous = i == 0 ? floor : blocks[i - 1].keyLine + 1;
        while (blocks[i].first > previous && isBlank(lines[size_t(blocks[i].first - 1)]))
            --blocks[i].first;
    }
    for (size_t i = 0; i < blocks.size(); ++i)
        blocks[i].end = i + 1 < blocks.size() ? blocks[i + 1].first : ceiling;
    return blocks;
}

} // namespace

Result<YamlOutline> outlineFrom(const YAML::Node &root, const std::string &text);

Result<Json> readCloudFormationYaml(const std::string &text, const std::string &where, Result<YamlOutline> *outline)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::DeepRecursion &e) {
        return Status::invalidArgument(at(where, e.mark) + ": nested too deeply to be a template");
    } catch (const YAML::Exception &e) {
        return Status::invalidArgument(at(where, e.mark) + ": not YAML: " + e.msg);
    }
    if (!root.IsMap())
        return Status::invalidArgument(where + ": not a template: its top level is "
                                       + (root.IsNull()       ? std::string("empty")
                                          : root.IsSequence() ? std::string("a list")
                                                              : std::string("text"))
                                       + ", not a mapping of sections");
    try {
        Json document = Reader(where).convert(root);
        if (outline)
            *outline = outlineFrom(root, text);
        return document;
    } catch (const Refused &refused) {
        return Status::invalidArgument(refused.message);
    } catch (const YAML::Exception &e) {
        return Status::invalidArgument(at(where, e.mark) + ": " + e.msg);
    }
}

Result<YamlOutline> outlineOf(const std::string &text)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        return Status::invalidArgument(e.msg);
    }
    return outlineFrom(root, text);
}

Result<YamlOutline> outlineFrom(const YAML::Node &root, const std::string &text)
{
    YamlOutline outline;
    outline.lines = splitLines(text);
    if (!root.IsMap())
        return Status::invalidArgument("not a mapping");
    const int count = static_cast<int>(outline.lines.size());
    auto sections = blocksOf(root, outline.lines, 0, count);
    if (!sections)
        return sections.status();
    outline.sections = sections.take();
    for (const YamlBlock &section : outline.sections) {
        if (section.key != "Resources")
            continue;
        const YAML::Node resources = root["Resources"];
        if (!resources.IsMap())
            return Status::notSupported("Resources is not a mapping");
        auto blocks = blocksOf(resources, outline.lines, section.keyLine + 1, section.end);
        if (!blocks)
            return blocks.status();
        outline.resources = blocks.take();
    }
    return outline;
}

Result<YamlChildren> childBlocksOf(const std::string &text, const std::vector<std::string> &path)
{
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        return Status::invalidArgument(e.msg);
    }
    YamlChildren children;
    children.lines = splitLines(text);
    int floor = 0;
    int ceiling = static_cast<int>(children.lines.size());
    YAML::Node node = root;
    std::string where;
    for (const std::string &key : path) {
        if (!node.IsMap())
            return Status::notSupported((where.empty() ? std::string("the top level") : where) + " is not a mapping");
        auto blocks = blocksOf(node, children.lines, floor, ceiling);
        if (!blocks)
            return blocks.status();
        const auto found = std::find_if(blocks->begin(), blocks->end(), [&](const YamlBlock &b) { return b.key == key; });
        where += (where.empty() ? "" : ".") + key;
        if (found == blocks->end())
            return Status::notFound(where + " is not there");
        floor = found->keyLine + 1;
        ceiling = found->end;
        const YAML::Node &holder = node;
        node.reset(holder[key]); // rebinds (operator= would write into the document)
    }
    if (!node.IsMap())
        return Status::notSupported(where + " is not a mapping");
    auto blocks = blocksOf(node, children.lines, floor, ceiling);
    if (!blocks)
        return blocks.status();
    children.blocks = blocks.take();
    return children;
}

std::string withLineEndsOf(const std::vector<std::string> &lines, std::string text)
{
    if (lines.empty() || !lines.front().ends_with('\r'))
        return text;
    std::string crlf;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            crlf += '\r';
        crlf += text[i];
    }
    return crlf;
}

std::vector<std::string> anchorsUsedOutside(const std::vector<std::string> &lines, int first, int end)
{
    static const std::regex kAnchor(R"((?:^|[\s\[{,:-])&([^\s,\[\]{}]+))");
    std::vector<std::string> used;
    for (int i = first; i < end && i < int(lines.size()); ++i) {
        const std::string &line = lines[size_t(i)];
        for (auto it = std::sregex_iterator(line.begin(), line.end(), kAnchor); it != std::sregex_iterator(); ++it) {
            const std::string alias = "*" + (*it)[1].str();
            for (int j = 0; j < int(lines.size()); ++j) {
                if (j >= first && j < end)
                    continue;
                const std::string &other = lines[size_t(j)];
                const size_t at = other.find(alias);
                const size_t after = at + alias.size();
                if (at != std::string::npos
                    && (after == other.size() || std::string_view(" \t\r,]}").find(other[after]) != std::string_view::npos)) {
                    used.push_back((*it)[1].str());
                    break;
                }
            }
        }
    }
    return used;
}

} // namespace stratus::engine::exporting
