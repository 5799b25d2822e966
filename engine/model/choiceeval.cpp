#include "choiceeval.h"

#include "choicerule.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// Semantics are those of Step Functions' Choice Rules (JSONPath), in the
// lowerCamelCase of the workspace format:
//   https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
//   https://states-language.net/spec.html#choice-state (the Amazon States
//   Language, for what the page leaves out: StringMatches escapes, IsPresent,
//   "values not both of the appropriate type compare false")
// One deliberate difference: where Step Functions fails the execution with
// States.Runtime because the Variable (or a *Path operand) selects nothing,
// the comparison is false here, as choiceeval.h promises the executor.

namespace stratus::engine {

namespace {

// checkChoiceCondition reports anything nested deeper; stopping at the same
// depth keeps a condition that skipped the check from exhausting the stack.
constexpr int kMaxConditionDepth = 64;

// ---- Paths ------------------------------------------------------------------

bool isNameStart(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-';
}

const Json *member(const Json *at, std::string_view key)
{
    if (at == nullptr || !at->is_object())
        return nullptr;
    const auto it = at->find(std::string(key));
    return it == at->end() ? nullptr : &*it;
}

const Json *element(const Json *at, size_t index)
{
    if (at == nullptr || !at->is_array() || index >= at->size())
        return nullptr;
    return &(*at)[index];
}

/// Walks `path` through `root`. nullopt when `path` is not in isChoicePath()'s
/// grammar (the condition is broken); a null pointer when it is a path that
/// selects nothing (the data lacks it). Parsing and walking are one pass
/// because the steps are needed anyway; tst_choiceeval checks that the
/// grammar here and isChoicePath's agree.
std::optional<const Json *> locate(const Json &root, std::string_view path)
{
    if (path.empty() || path[0] != '$')
        return std::nullopt;
    const Json *at = &root;
    size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            size_t end = i + 1;
            if (end >= path.size() || !isNameStart(path[end]))
                return std::nullopt;
            while (end < path.size() && isNameChar(path[end]))
                ++end;
            at = member(at, path.substr(i + 1, end - i - 1));
            i = end;
        } else if (path.substr(i, 2) == "['") {
            const size_t close = path.find('\'', i + 2);
            if (close == std::string_view::npos || close + 1 >= path.size() || path[close + 1] != ']')
                return std::nullopt;
            at = member(at, path.substr(i + 2, close - i - 2));
            i = close + 2;
        } else if (path[i] == '[') {
            size_t end = i + 1;
            size_t index = 0;
            while (end < path.size() && path[end] >= '0' && path[end] <= '9') {
                const size_t digit = size_t(path[end] - '0');
                // An index too large for size_t cannot select anything; saturating keeps it so.
                index = index > (std::numeric_limits<size_t>::max() - digit) / 10
                            ? std::numeric_limits<size_t>::max()
                            : index * 10 + digit;
                ++end;
            }
            if (end == i + 1 || end >= path.size() || path[end] != ']')
                return std::nullopt;
            at = element(at, index);
            i = end + 1;
        } else {
            return std::nullopt;
        }
    }
    return at;
}

// ---- Numbers ----------------------------------------------------------------

using Integer = std::variant<std::int64_t, std::uint64_t>;

Integer integerOf(const Json &number)
{
    if (number.is_number_unsigned())
        return number.get<std::uint64_t>();
    return number.get<std::int64_t>();
}

/// Exact, unlike converting the integer to double, which would make
/// 9007199254740993 equal to 9007199254740992.0.
template<typename Int>
std::partial_ordering compareIntegerWithDouble(Int integer, double d)
{
    if (std::isnan(d))
        return std::partial_ordering::unordered;
    // 2^63 for int64_t, 2^64 for uint64_t: the first double past the type's range.
    const double pastMax = std::ldexp(1.0, std::numeric_limits<Int>::digits);
    if (d >= pastMax)
        return std::partial_ordering::less;
    if (d < static_cast<double>(std::numeric_limits<Int>::min()))
        return std::partial_ordering::greater;
    const double whole = std::trunc(d);
    const Int wholeInt = static_cast<Int>(whole);
    if (integer != wholeInt)
        return integer < wholeInt ? std::partial_ordering::less : std::partial_ordering::greater;
    return 0.0 <=> d - whole;
}

std::partial_ordering compareWithDouble(const Json &integer, double d)
{
    return std::visit([d](auto i) { return compareIntegerWithDouble(i, d); }, integerOf(integer));
}

std::partial_ordering compareNumbers(const Json &a, const Json &b)
{
    const bool aIsFloat = a.is_number_float();
    const bool bIsFloat = b.is_number_float();
    if (aIsFloat && bIsFloat)
        return a.get<double>() <=> b.get<double>();
    if (bIsFloat)
        return compareWithDouble(a, b.get<double>());
    if (aIsFloat)
        return 0 <=> compareWithDouble(b, a.get<double>());
    return std::visit(
        [](auto x, auto y) {
            if (std::cmp_less(x, y))
                return std::partial_ordering::less;
            if (std::cmp_less(y, x))
                return std::partial_ordering::greater;
            return std::partial_ordering::equivalent;
        },
        integerOf(a), integerOf(b));
}

// ---- Strings ----------------------------------------------------------------

std::optional<char32_t> codePointAt(std::string_view text, size_t at)
{
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80)
        return lead;
    size_t length = 0;
    char32_t codePoint = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
    } else {
        return std::nullopt;
    }
    if (at + length > text.size())
        return std::nullopt;
    for (size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[at + k]);
        if ((next & 0xC0) != 0x80)
            return std::nullopt;
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    return codePoint;
}

/// Where `codePoint` falls in UTF-16 code-unit order: a supplementary-plane
/// character starts with a surrogate (D800-DBFF), so it sorts before
/// U+E000-U+FFFF although its code point is larger.
char32_t utf16Rank(char32_t codePoint)
{
    return codePoint >= 0xE000 && codePoint <= 0xFFFF ? codePoint + 0x110000 : codePoint;
}

/// The order of Java's String.compareTo, which the Step Functions page names
/// for string comparisons: UTF-16 code units. It is code-point (and so UTF-8
/// byte) order except for U+E000-U+FFFF against supplementary characters.
/// Bytes that are not UTF-8 compare as bytes.
std::strong_ordering compareStrings(std::string_view a, std::string_view b)
{
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (ia == a.end() || ib == b.end())
        return a.size() <=> b.size();
    size_t start = size_t(ia - a.begin());
    while (start > 0 && (static_cast<unsigned char>(a[start]) & 0xC0) == 0x80)
        --start;
    const auto ca = codePointAt(a, start);
    const auto cb = codePointAt(b, start);
    if (ca && cb && *ca != *cb)
        return utf16Rank(*ca) <=> utf16Rank(*cb);
    return static_cast<unsigned char>(*ia) <=> static_cast<unsigned char>(*ib);
}

/// A stringMatches pattern as bytes to match, kStar standing for `*`: `\*`
/// is a star and `\\` a backslash. nullopt for any other backslash, the
/// "open escape" that the States Language makes a runtime error.
constexpr int kStar = -1;

std::optional<std::vector<int>> patternTokens(std::string_view pattern)
{
    std::vector<int> tokens;
    tokens.reserve(pattern.size());
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '*') {
            tokens.push_back(kStar);
        } else if (pattern[i] == '\\') {
            if (i + 1 == pattern.size() || (pattern[i + 1] != '*' && pattern[i + 1] != '\\'))
                return std::nullopt;
            tokens.push_back(static_cast<unsigned char>(pattern[++i]));
        } else {
            tokens.push_back(static_cast<unsigned char>(pattern[i]));
        }
    }
    return tokens;
}

/// Matching bytes is matching characters: a literal that begins at a UTF-8
/// lead byte can only match at a character boundary. Greedy, backtracking
/// only to the latest star: O(text x pattern) at worst, and no recursion
/// however many stars there are.
bool matchesPattern(std::string_view text, const std::vector<int> &tokens)
{
    size_t t = 0, p = 0;
    size_t starToken = std::string_view::npos, starText = 0;
    while (t < text.size()) {
        if (p < tokens.size() && tokens[p] == kStar) {
            starToken = p++;
            starText = t;
        } else if (p < tokens.size() && tokens[p] == static_cast<unsigned char>(text[t])) {
            ++p;
            ++t;
        } else if (starToken != std::string_view::npos) {
            p = starToken + 1;
            t = ++starText;
        } else {
            return false;
        }
    }
    while (p < tokens.size() && tokens[p] == kStar)
        ++p;
    return p == tokens.size();
}

// ---- Timestamps -------------------------------------------------------------

struct Instant
{
    std::int64_t seconds; ///< since 1970-01-01T00:00:00Z
    std::string fraction; ///< the decimal digits after the point, trailing zeros removed
};

/// Parsed by hand rather than by QDateTime, which keeps milliseconds only and
/// would make .5000001 equal to .5. isRfc3339Timestamp has checked the shape
/// (YYYY-MM-DDTHH:MM:SS[.digits](Z|+HH:MM|-HH:MM)) and that the date exists.
std::optional<Instant> instantOf(const Json &value)
{
    if (!value.is_string())
        return std::nullopt;
    const std::string &text = value.get_ref<const std::string &>();
    if (!isRfc3339Timestamp(text))
        return std::nullopt;
    const auto digits = [&text](size_t at, size_t count) {
        int n = 0;
        for (size_t k = 0; k < count; ++k)
            n = n * 10 + (text[at + k] - '0');
        return n;
    };
    using namespace std::chrono;
    const sys_days date{year{digits(0, 4)} / month{unsigned(digits(5, 2))}
                        / day{unsigned(digits(8, 2))}};
    // An hour of 24 (which Qt accepts) is the next day's midnight, as ISO 8601 has it.
    Instant instant{date.time_since_epoch().count() * 86400 + digits(11, 2) * 3600
                        + digits(14, 2) * 60 + digits(17, 2),
                    {}};
    size_t at = 19;
    if (text[at] == '.') {
        const size_t end = text.find_first_not_of("0123456789", at + 1);
        instant.fraction = text.substr(at + 1, end - at - 1);
        instant.fraction.erase(instant.fraction.find_last_not_of('0') + 1);
        at = end;
    }
    if (text[at] != 'Z') {
        const int offset = digits(at + 1, 2) * 3600 + digits(at + 4, 2) * 60;
        instant.seconds -= text[at] == '+' ? offset : -offset;
    }
    return instant;
}

std::strong_ordering compareInstants(const Instant &a, const Instant &b)
{
    if (const auto bySeconds = a.seconds <=> b.seconds; bySeconds != 0)
        return bySeconds;
    // Without trailing zeros, digit strings order as the fractions they spell.
    return a.fraction.compare(b.fraction) <=> 0;
}

// ---- Comparisons ------------------------------------------------------------

enum class Relation { Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals };

std::optional<Relation> relationNamed(std::string_view suffix)
{
    if (suffix == "Equals")
        return Relation::Equals;
    if (suffix == "LessThan")
        return Relation::LessThan;
    if (suffix == "GreaterThan")
        return Relation::GreaterThan;
    if (suffix == "LessThanEquals")
        return Relation::LessThanEquals;
    if (suffix == "GreaterThanEquals")
        return Relation::GreaterThanEquals;
    return std::nullopt;
}

bool satisfies(std::partial_ordering order, Relation relation)
{
    switch (relation) {
    case Relation::Equals: return order == 0;
    case Relation::LessThan: return order < 0;
    case Relation::GreaterThan: return order > 0;
    case Relation::LessThanEquals: return order <= 0;
    case Relation::GreaterThanEquals: return order >= 0;
    }
    return false;
}

/// Whether `value` is of the type a family of operators (what `operand` in
/// choiceOperators() says, e.g. Number for numericLessThan) compares.
bool isOfFamily(ChoiceOperand family, const Json &value)
{
    switch (family) {
    case ChoiceOperand::String: return value.is_string();
    case ChoiceOperand::Number: return value.is_number();
    case ChoiceOperand::Boolean: return value.is_boolean();
    case ChoiceOperand::Timestamp: return instantOf(value).has_value();
    case ChoiceOperand::Path:
    case ChoiceOperand::StringPattern: break;
    }
    return false;
}

/// Values not both of the family's type compare false.
bool compareAs(ChoiceOperand family, Relation relation, const Json &value, const Json &other)
{
    if (!isOfFamily(family, value) || !isOfFamily(family, other))
        return false;
    switch (family) {
    case ChoiceOperand::String:
        return satisfies(compareStrings(value.get_ref<const std::string &>(),
                                        other.get_ref<const std::string &>()),
                         relation);
    case ChoiceOperand::Number: return satisfies(compareNumbers(value, other), relation);
    case ChoiceOperand::Boolean:
        return relation == Relation::Equals && value.get<bool>() == other.get<bool>();
    case ChoiceOperand::Timestamp:
        return satisfies(compareInstants(*instantOf(value), *instantOf(other)), relation);
    case ChoiceOperand::Path:
    case ChoiceOperand::StringPattern: break;
    }
    return false;
}

std::string_view familyPrefix(ChoiceOperand family)
{
    switch (family) {
    case ChoiceOperand::String: return "string";
    case ChoiceOperand::Number: return "numeric";
    case ChoiceOperand::Boolean: return "boolean";
    case ChoiceOperand::Timestamp: return "timestamp";
    case ChoiceOperand::Path:
    case ChoiceOperand::StringPattern: break;
    }
    return {};
}

const ChoiceOperator *operatorNamed(std::string_view name)
{
    const auto &ops = choiceOperators();
    const auto it = std::find_if(ops.begin(), ops.end(),
                                 [name](const ChoiceOperator &o) { return name == o.name; });
    return it == ops.end() ? nullptr : &*it;
}

/// For isNull, isString, isNumeric, isBoolean and isTimestamp: whether
/// `value` is of the type the operator names.
bool hasTypeNamed(std::string_view name, const Json &value)
{
    if (name == "isNull")
        return value.is_null();
    if (name == "isString")
        return value.is_string();
    if (name == "isNumeric")
        return value.is_number();
    if (name == "isBoolean")
        return value.is_boolean();
    if (name == "isTimestamp")
        return instantOf(value).has_value();
    return false;
}

/// {"variable": path, "<operator>": operand}; nullopt when broken, as for
/// evaluate().
std::optional<bool> evaluateComparison(const Json &condition, const Json &input)
{
    if (condition.size() != 2)
        return std::nullopt;
    const auto variable = condition.find("variable");
    if (variable == condition.end() || !variable->is_string())
        return std::nullopt;
    const auto op = variable == condition.begin() ? std::next(condition.begin()) : condition.begin();
    const std::string &name = op.key();
    const Json &operand = op.value();
    const ChoiceOperator *known = operatorNamed(name);
    if (known == nullptr)
        return std::nullopt;

    const auto found = locate(input, variable->get_ref<const std::string &>());
    if (!found)
        return std::nullopt;
    const Json *value = *found;

    if (name == "isPresent") {
        if (!operand.is_boolean())
            return std::nullopt;
        return (value != nullptr) == operand.get<bool>();
    }
    if (name.starts_with("is")) {
        if (!operand.is_boolean())
            return std::nullopt;
        // The States Language makes a Variable that selects nothing an error for
        // every operator but isPresent, so "isString": false does not hold for
        // an absent field any more than "isString": true does.
        return value != nullptr && hasTypeNamed(name, *value) == operand.get<bool>();
    }
    if (known->operand == ChoiceOperand::StringPattern) {
        if (!operand.is_string())
            return std::nullopt;
        const auto tokens = patternTokens(operand.get_ref<const std::string &>());
        if (!tokens)
            return std::nullopt;
        return value != nullptr && value->is_string()
               && matchesPattern(value->get_ref<const std::string &>(), *tokens);
    }

    // Comparisons proper: against the operand, or for *Path against the value
    // at the operand's path in the same input.
    std::string_view baseName = name;
    const Json *other = &operand;
    if (known->operand == ChoiceOperand::Path) {
        baseName.remove_suffix(std::string_view("Path").size());
        if (!operand.is_string())
            return std::nullopt;
        const auto otherFound = locate(input, operand.get_ref<const std::string &>());
        if (!otherFound)
            return std::nullopt;
        other = *otherFound;
    }
    const ChoiceOperator *base = operatorNamed(baseName);
    if (base == nullptr)
        return std::nullopt;
    const std::string_view prefix = familyPrefix(base->operand);
    const auto relation = relationNamed(baseName.substr(prefix.size()));
    if (prefix.empty() || !relation)
        return std::nullopt;
    // A literal the operator cannot take is a broken condition; the same value
    // met in the data is only a comparison that fails.
    if (known->operand != ChoiceOperand::Path && !isOfFamily(base->operand, operand))
        return std::nullopt;
    return value != nullptr && other != nullptr
           && compareAs(base->operand, *relation, *value, *other);
}

/// nullopt for a condition that is broken (what checkChoiceCondition
/// rejects, plus an open escape in stringMatches, which Step Functions
/// rejects when it runs): such a condition never holds, not even under "not".
std::optional<bool> evaluate(const Json &condition, const Json &input, int depth)
{
    if (depth > kMaxConditionDepth || !condition.is_object())
        return std::nullopt;
    if (condition.size() == 1) {
        const auto only = condition.begin();
        if (only.key() == "and" || only.key() == "or") {
            const Json &parts = only.value();
            if (!parts.is_array() || parts.empty())
                return std::nullopt;
            // "and" is decided by the first false, "or" by the first true; the
            // rest are not evaluated, as the States Language specifies.
            const bool deciding = only.key() == "or";
            for (const Json &part : parts) {
                const auto holds = evaluate(part, input, depth + 1);
                if (!holds)
                    return std::nullopt;
                if (*holds == deciding)
                    return deciding;
            }
            return !deciding;
        }
        if (only.key() == "not") {
            const auto holds = evaluate(only.value(), input, depth + 1);
            if (!holds)
                return std::nullopt;
            return !*holds;
        }
    }
    return evaluateComparison(condition, input);
}

} // namespace

std::optional<Json> selectChoicePath(const Json &input, const std::string &path)
{
    const auto found = locate(input, path);
    if (!found || *found == nullptr)
        return std::nullopt;
    return **found;
}

bool choiceConditionHolds(const Json &condition, const Json &input)
{
    return evaluate(condition, input, 0).value_or(false);
}

std::optional<std::string> chooseChoicePort(const Json &rules, const Json &input)
{
    if (!rules.is_array())
        return std::nullopt;
    for (const Json &rule : rules) {
        if (!rule.is_object())
            continue;
        const auto port = rule.find("port");
        const auto condition = rule.find("condition");
        if (port == rule.end() || !port->is_string() || condition == rule.end())
            continue;
        if (choiceConditionHolds(*condition, input))
            return port->get<std::string>();
    }
    return std::nullopt;
}

} // namespace stratus::engine
