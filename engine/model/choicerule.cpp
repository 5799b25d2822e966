#include "choicerule.h"

#include <QDateTime>
#include <QString>

#include <algorithm>
#include <cctype>
#include <regex>

namespace stratus::engine {

const std::vector<ChoiceOperator> &choiceOperators()
{
    static const std::vector<ChoiceOperator> ops = [] {
        std::vector<ChoiceOperator> v;
        auto family = [&](const char *const *names, size_t n, ChoiceOperand operand) {
            for (size_t i = 0; i < n; ++i) {
                v.push_back({names[i], operand});
            }
        };
        static const char *strings[] = {"stringEquals", "stringLessThan", "stringGreaterThan",
                                        "stringLessThanEquals", "stringGreaterThanEquals"};
        static const char *numbers[] = {"numericEquals", "numericLessThan", "numericGreaterThan",
                                        "numericLessThanEquals", "numericGreaterThanEquals"};
        static const char *booleans[] = {"booleanEquals"};
        static const char *timestamps[] = {"timestampEquals", "timestampLessThan",
                                           "timestampGreaterThan", "timestampLessThanEquals",
                                           "timestampGreaterThanEquals"};
        static const char *paths[] = {
            "stringEqualsPath", "stringLessThanPath", "stringGreaterThanPath",
            "stringLessThanEqualsPath", "stringGreaterThanEqualsPath", "numericEqualsPath",
            "numericLessThanPath", "numericGreaterThanPath", "numericLessThanEqualsPath",
            "numericGreaterThanEqualsPath", "booleanEqualsPath", "timestampEqualsPath",
            "timestampLessThanPath", "timestampGreaterThanPath", "timestampLessThanEqualsPath",
            "timestampGreaterThanEqualsPath"};
        static const char *tests[] = {"isNull", "isPresent", "isNumeric", "isString",
                                      "isBoolean", "isTimestamp"};
        family(strings, std::size(strings), ChoiceOperand::String);
        family(numbers, std::size(numbers), ChoiceOperand::Number);
        family(booleans, std::size(booleans), ChoiceOperand::Boolean);
        family(timestamps, std::size(timestamps), ChoiceOperand::Timestamp);
        family(paths, std::size(paths), ChoiceOperand::Path);
        family(tests, std::size(tests), ChoiceOperand::Boolean);
        v.push_back({"stringMatches", ChoiceOperand::StringPattern});
        return v;
    }();
    return ops;
}

bool isChoicePath(const std::string &text)
{
    static const std::regex path(R"(^\$((\.[A-Za-z_$][A-Za-z0-9_$-]*)|(\[[0-9]+\])|(\['[^']*'\]))*$)");
    return std::regex_match(text, path);
}

bool isRfc3339Timestamp(const std::string &text)
{
    static const std::regex shape(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
    if (!std::regex_match(text, shape))
        return false;
    return QDateTime::fromString(QString::fromStdString(text), Qt::ISODateWithMs).isValid();
}

namespace {

const char *operandText(ChoiceOperand operand)
{
    switch (operand) {
    case ChoiceOperand::String: return "a string";
    case ChoiceOperand::Number: return "a number";
    case ChoiceOperand::Boolean: return "true or false";
    case ChoiceOperand::Timestamp: return "an RFC 3339 timestamp string";
    case ChoiceOperand::Path: return "a path string starting with $";
    case ChoiceOperand::StringPattern: return "a string pattern (with * wildcards)";
    }
    return "";
}

bool operandMatches(ChoiceOperand operand, const Json &value)
{
    switch (operand) {
    case ChoiceOperand::String:
    case ChoiceOperand::StringPattern: return value.is_string();
    case ChoiceOperand::Number: return value.is_number();
    case ChoiceOperand::Boolean: return value.is_boolean();
    case ChoiceOperand::Timestamp:
        return value.is_string() && isRfc3339Timestamp(value.get<std::string>());
    case ChoiceOperand::Path: return value.is_string() && isChoicePath(value.get<std::string>());
    }
    return false;
}

void check(const Json &c, const std::string &where, std::vector<std::string> &problems, int depth)
{
    if (depth > 64) {
        problems.push_back(where + ": conditions are nested too deeply");
        return;
    }
    if (!c.is_object()) {
        problems.push_back(where + ": a condition must be an object");
        return;
    }
    for (const char *combinator : {"and", "or"}) {
        if (!c.contains(combinator))
            continue;
        if (c.size() != 1) {
            problems.push_back(where + ": '" + combinator + "' must stand alone in its object");
            return;
        }
        const Json &list = c[combinator];
        if (!list.is_array() || list.empty()) {
            problems.push_back(where + "." + combinator
                               + ": must be a non-empty list of conditions");
            return;
        }
        for (size_t i = 0; i < list.size(); ++i)
            check(list[i], where + "." + combinator + "[" + std::to_string(i) + "]", problems,
                  depth + 1);
        return;
    }
    if (c.contains("not")) {
        if (c.size() != 1) {
            problems.push_back(where + ": 'not' must stand alone in its object");
            return;
        }
        check(c["not"], where + ".not", problems, depth + 1);
        return;
    }

    if (!c.contains("variable")) {
        problems.push_back(where + ": a comparison needs a 'variable' (a path such as $.a.b)");
    } else if (!c["variable"].is_string() || !isChoicePath(c["variable"].get<std::string>())) {
        problems.push_back(where + ".variable: " + c["variable"].dump()
                           + " is not a path such as $.a.b");
    }
    const auto &ops = choiceOperators();
    int operators = 0;
    for (auto it = c.begin(); it != c.end(); ++it) {
        if (it.key() == "variable")
            continue;
        auto op = std::find_if(ops.begin(), ops.end(),
                               [&](const ChoiceOperator &o) { return it.key() == o.name; });
        if (op == ops.end()) {
            problems.push_back(where + ": '" + it.key() + "' is not a comparison operator");
            continue;
        }
        ++operators;
        if (!operandMatches(op->operand, it.value()))
            problems.push_back(where + "." + it.key() + ": expected " + operandText(op->operand)
                               + ", found " + it.value().dump());
    }
    if (operators == 0)
        problems.push_back(where + ": no comparison operator (e.g. stringEquals, numericGreaterThan)");
    else if (operators > 1)
        problems.push_back(where + ": a comparison takes exactly one operator");
}

} // namespace

std::vector<std::string> checkChoiceCondition(const Json &condition, const std::string &where)
{
    std::vector<std::string> problems;
    check(condition, where, problems, 0);
    return problems;
}

} // namespace stratus::engine
