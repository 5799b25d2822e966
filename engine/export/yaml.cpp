#include "yaml.h"

#include "engine/model/text.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace stratus::engine::exporting {

namespace {

/// The intrinsic functions written with a short-form tag: "Fn::Sub" → "Sub".
std::string shortTag(const std::string &key)
{
    if (key == "Ref" || key == "Condition")
        return key;
    if (key.starts_with("Fn::"))
        return key.substr(4);
    return {};
}

bool isIntrinsic(const Json &value)
{
    return value.is_object() && value.size() == 1 && !shortTag(value.begin().key()).empty();
}

std::string quoted(const std::string &text)
{
    // A JSON string is a YAML double-quoted scalar, but for what JSON leaves
    // raw and YAML does not accept or folds: DEL, the C1 controls (NEL among
    // them) and the LINE and PARAGRAPH SEPARATORs, which are escaped.
    const std::string json = Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string out;
    out.reserve(json.size());
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < json.size(); ++i) {
        const auto byte = static_cast<unsigned char>(json[i]);
        const auto next = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0;
        if (byte == 0x7F) {
            out += "\\x7F";
        } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
            out += std::string("\\x") + kHex[next >> 4] + kHex[next & 0xF];
            ++i;
        } else if (byte == 0xE2 && next == 0x80 && i + 2 < json.size()
                   && (static_cast<unsigned char>(json[i + 2]) == 0xA8 || static_cast<unsigned char>(json[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(json[i + 2]) == 0xA8 ? "\\L" : "\\P";
            i += 2;
        } else {
            out += json[i];
        }
    }
    return out;
}

std::string scalar(const Json &value)
{
    if (value.is_string())
        return isPlainYamlScalar(value.get<std::string>()) ? value.get<std::string>() : quoted(value.get<std::string>());
    if (value.is_null())
        return "null";
    return value.dump();
}

class Writer
{
public:
    std::string take() { return std::move(m_out); }

    /// Writes `value` as the value of a mapping key or a sequence item whose
    /// text so far ends the line's prefix; `indent` is the indentation of that key.
    void value(const Json &value, int indent)
    {
        if (isIntrinsic(value)) {
            const std::string key = value.begin().key();
            const Json &argument = value.begin().value();
            const std::string tag = "!" + shortTag(key);
            if (key == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string()
                && argument[1].is_string()) {
                m_out += " " + tag + " " + scalar(argument[0].get<std::string>() + "." + argument[1].get<std::string>())
                         + "\n";
                return;
            }
            if (!argument.is_structured() || argument.empty()) {
                m_out += " " + tag + " " + (argument.is_structured() ? argument.dump() : scalar(argument)) + "\n";
                return;
            }
            m_out += " " + tag;
            block(argument, indent + 2);
            return;
        }
        if (!value.is_structured() || value.empty()) {
            m_out += " " + (value.is_structured() ? value.dump() : scalar(value)) + "\n";
            return;
        }
        block(value, indent + 2);
    }

    void block(const Json &value, int indent)
    {
        m_out += "\n";
        if (value.is_object()) {
            for (const auto &[key, item] : value.items()) {
                m_out += std::string(size_t(indent), ' ') + scalar(Json(key)) + ":";
                this->value(item, indent);
            }
            return;
        }
        for (const Json &item : value) {
            m_out += std::string(size_t(indent), ' ') + "-";
            if (item.is_object() && !item.empty() && !isIntrinsic(item)) {
                // "- Key: value" with the rest of the mapping under the first key.
                bool first = true;
                for (const auto &[key, member] : item.items()) {
                    m_out += (first ? std::string(" ") : std::string(size_t(indent + 2), ' ')) + scalar(Json(key)) + ":";
                    this->value(member, indent + 2);
                    first = false;
                }
                continue;
            }
            this->value(item, indent);
        }
    }

    void top(const Json &document)
    {
        for (const auto &[key, item] : document.items()) {
            m_out += scalar(Json(key)) + ":";
            value(item, 0);
        }
    }

private:
    std::string m_out;
};

} // namespace

bool isPlainYamlScalar(const std::string &text)
{
    if (text.empty() || text.front() == ' ' || text.back() == ' ')
        return false;
    // Indicators that start something else than a plain scalar.
    static constexpr std::string_view kStarts = "-?:,[]{}#&*!|>'\"%@`";
    if (kStarts.find(text.front()) != std::string_view::npos) {
        // "-x", ":x", "?x" are plain when followed by a non-space; keep it simple: quote.
        return false;
    }
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f || c >= 0x80)
            return false; // control characters, and anything not ASCII, quoted (escaped)
        if (c == ':' && (i + 1 == text.size() || text[i + 1] == ' '))
            return false;
        if (c == '#' && i > 0 && text[i - 1] == ' ')
            return false;
    }
    // What YAML 1.1 (and so PyYAML, which SAM uses) reads as another type.
    static const std::array<std::string_view, 19> kWords = {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan",
        "=", "<<", "nan", "inf", "none"};
    const std::string lowered = asciiLowercase(text);
    if (std::find(kWords.begin(), kWords.end(), lowered) != kWords.end())
        return false;
    // Numbers in every form YAML 1.1 knows (signs, dots, exponents,
    // underscores, hex, octal, sexagesimal) and dates all start with a digit,
    // or a sign or dot before one: such text is quoted, whatever follows.
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (digit(text.front()) || ((text.front() == '+' || text.front() == '.') && text.size() > 1 && digit(text[1])))
        return false;
    return true;
}

std::string toCloudFormationYaml(const Json &document)
{
    Writer writer;
    if (document.is_object())
        writer.top(document);
    return writer.take();
}

std::string indentedYaml(const std::string &key, const Json &value, int indent)
{
    Json one = Json::object();
    one[key] = value;
    const std::string yaml = toCloudFormationYaml(one);
    std::string out;
    size_t start = 0;
    while (start < yaml.size()) {
        size_t end = yaml.find('\n', start);
        if (end == std::string::npos)
            end = yaml.size();
        out += std::string(size_t(indent), ' ') + yaml.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

} // namespace stratus::engine::exporting
