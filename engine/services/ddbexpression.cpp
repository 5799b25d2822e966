#include "ddbexpression.h"

#include "ddbvalue.h"

#include "engine/model/decimal.h"
#include "engine/model/text.h"

#include <QByteArray>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace stratus::engine::services::ddb {

namespace {

const char *const kReservedWords[] = {
#include "ddbreservedwords.inc"
};

bool isReservedWord(const std::string &word)
{
    const std::string upper = [&] {
        std::string u = word;
        for (char &c : u)
            c = char(std::toupper(static_cast<unsigned char>(c)));
        return u;
    }();
    return std::binary_search(std::begin(kReservedWords), std::end(kReservedWords), upper,
                              [](const auto &a, const auto &b) { return std::string_view(a) < std::string_view(b); });
}

bool equalsIgnoringCase(const std::string &a, const char *b)
{
    return asciiLowercase(a) == asciiLowercase(b);
}

struct Token
{
    enum class Type { Name, NameRef, ValueRef, Number, Symbol, End };
    Type type = Type::End;
    std::string text;
    size_t offset = 0;
};

/// DynamoDB's limit for one expression's text: 4 KB.
constexpr size_t kMaxExpressionBytes = 4096;
/// Parentheses and NOTs nest at most this deep (the parser recurses).
constexpr int kMaxDepth = 100;

} // namespace

std::string pathText(const Path &path)
{
    std::string text;
    for (const PathElement &e : path) {
        if (e.index >= 0) {
            text += "[" + std::to_string(e.index) + "]";
        } else {
            if (!text.empty())
                text += ".";
            text += e.name;
        }
    }
    return text;
}

/// Reads one expression of one request.
class Parser
{
public:
    Parser(Expressions &owner, const std::string &text, const char *what)
        : m_owner(owner)
        , m_text(text)
        , m_what(what)
    {}

    Status tokenize()
    {
        if (m_text.size() > kMaxExpressionBytes)
            return fail("Expression size has exceeded the maximum allowed size; expression size: "
                        + std::to_string(m_text.size()));
        size_t i = 0;
        while (i < m_text.size()) {
            const unsigned char c = static_cast<unsigned char>(m_text[i]);
            if (std::isspace(c)) {
                ++i;
                continue;
            }
            Token t;
            t.offset = i;
            if (std::isalpha(c) || c == '_') {
                size_t j = i;
                while (j < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[j])) || m_text[j] == '_'))
                    ++j;
                t.type = Token::Type::Name;
                t.text = m_text.substr(i, j - i);
                i = j;
            } else if (c == '#' || c == ':') {
                size_t j = i + 1;
                while (j < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[j])) || m_text[j] == '_'))
                    ++j;
                if (j == i + 1)
                    return syntaxError(std::string(1, char(c)), i);
                t.type = c == '#' ? Token::Type::NameRef : Token::Type::ValueRef;
                t.text = m_text.substr(i, j - i);
                i = j;
            } else if (std::isdigit(c)) {
                size_t j = i;
                while (j < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[j])))
                    ++j;
                t.type = Token::Type::Number;
                t.text = m_text.substr(i, j - i);
                i = j;
            } else {
                static const char *const symbols[] = {"<>", "<=", ">=", "=", "<", ">", "(", ")", "[", "]",
                                                      ",", ".", "+", "-"};
                bool found = false;
                for (const char *s : symbols) {
                    if (m_text.compare(i, std::strlen(s), s) == 0) {
                        t.type = Token::Type::Symbol;
                        t.text = s;
                        i += std::strlen(s);
                        found = true;
                        break;
                    }
                }
                if (!found)
                    return syntaxError(std::string(1, char(c)), i);
            }
            m_tokens.push_back(std::move(t));
        }
        Token end;
        end.offset = m_text.size();
        m_tokens.push_back(end);
        if (m_tokens.size() == 1)
            return fail("The expression can not be empty;");
        return Status::ok();
    }

    const Token &peek(size_t ahead = 0) const { return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)]; }
    bool atEnd() const { return peek().type == Token::Type::End; }
    bool isSymbol(const char *s, size_t ahead = 0) const
    {
        return peek(ahead).type == Token::Type::Symbol && peek(ahead).text == s;
    }
    bool isKeyword(const char *word, size_t ahead = 0) const
    {
        return peek(ahead).type == Token::Type::Name && equalsIgnoringCase(peek(ahead).text, word);
    }
    Token next() { return m_tokens[std::min(m_pos++, m_tokens.size() - 1)]; }

    Status expectSymbol(const char *s)
    {
        if (!isSymbol(s))
            return unexpected();
        ++m_pos;
        return Status::ok();
    }

    Status fail(const std::string &message) const
    {
        return Status::invalidArgument("Invalid " + std::string(m_what) + ": " + message);
    }
    Status syntaxError(const std::string &token, size_t offset) const
    {
        const size_t from = offset >= 10 ? offset - 10 : 0;
        return fail("Syntax error; token: \"" + printable(token) + "\", near: \""
                    + printable(m_text.substr(from, std::min<size_t>(offset - from + 10, m_text.size() - from)))
                    + "\" (at character " + std::to_string(offset + 1) + ")");
    }
    Status unexpected() const
    {
        const Token &t = peek();
        if (t.type == Token::Type::End)
            return fail("Syntax error; token: \"<EOF>\", near: \"" + printable(m_text.substr(m_text.size() > 20 ? m_text.size() - 20 : 0))
                        + "\" (at the end, character " + std::to_string(m_text.size() + 1) + ")");
        return syntaxError(t.text, t.offset);
    }

    // ---- operands ----

    Result<std::string> attributeName(const Token &t)
    {
        if (t.type == Token::Type::NameRef) {
            auto it = m_owner.m_names.find(t.text);
            if (it == m_owner.m_names.end())
                return fail("An expression attribute name used in the document path is not defined; attribute name: "
                            + t.text);
            m_owner.m_usedNames.insert(t.text);
            return it->get<std::string>();
        }
        if (t.type == Token::Type::Name) {
            if (isReservedWord(t.text))
                return fail("Attribute name is a reserved keyword; reserved keyword: " + t.text
                            + " (use an ExpressionAttributeNames placeholder such as #" + t.text + ")");
            return t.text;
        }
        return Status(syntaxError(t.type == Token::Type::End ? "<EOF>" : t.text, t.offset));
    }

    Result<Path> path()
    {
        Path p;
        auto first = attributeName(next());
        if (!first)
            return first.status();
        p.push_back(PathElement{first.take(), -1});
        while (true) {
            if (isSymbol(".")) {
                ++m_pos;
                auto name = attributeName(next());
                if (!name)
                    return name.status();
                p.push_back(PathElement{name.take(), -1});
            } else if (isSymbol("[")) {
                ++m_pos;
                const Token index = next();
                if (index.type != Token::Type::Number || index.text.size() > 9)
                    return syntaxError(index.text, index.offset);
                p.push_back(PathElement{{}, std::stoi(index.text)});
                if (Status s = expectSymbol("]"); !s)
                    return s;
            } else {
                break;
            }
        }
        if (p.size() > 32)
            return fail("The document path has too many nesting levels; nesting levels: " + std::to_string(p.size()));
        return p;
    }

    Result<Json> valueRef(const Token &t)
    {
        if (t.type != Token::Type::ValueRef)
            return Status(syntaxError(t.type == Token::Type::End ? "<EOF>" : t.text, t.offset));
        auto it = m_owner.m_values.find(t.text);
        if (it == m_owner.m_values.end())
            return fail("An expression attribute value used in expression is not defined; attribute value: " + t.text);
        m_owner.m_usedValues.insert(t.text);
        return *it;
    }

    Result<Operand> valueOperand()
    {
        auto v = valueRef(next());
        if (!v)
            return v.status();
        Operand o;
        o.kind = Operand::Kind::Value;
        o.value = v.take();
        return o;
    }

    Result<Operand> pathOperand()
    {
        auto p = path();
        if (!p)
            return p.status();
        Operand o;
        o.kind = Operand::Kind::Path;
        o.path = p.take();
        return o;
    }

    /// A condition's operand: a path, a value, or size(path).
    Result<Operand> conditionOperand()
    {
        if (peek().type == Token::Type::ValueRef)
            return valueOperand();
        Operand o;
        if (peek().type == Token::Type::Name && isSymbol("(", 1)) {
            const Token name = next();
            if (name.text != "size")
                return fail("Invalid function name; function: " + name.text);
            ++m_pos;
            auto p = path();
            if (!p)
                return p.status();
            if (Status s = expectSymbol(")"); !s)
                return s;
            o.kind = Operand::Kind::Size;
            o.path = p.take();
            return o;
        }
        return pathOperand();
    }

    // ---- conditions ----

    /// Conditions `operand` reads, joined by `keyword` (left to right).
    Result<Condition> joinedConditions(const char *keyword, Condition::Kind kind,
                                       Result<Condition> (Parser::*operand)(int), int depth)
    {
        auto left = (this->*operand)(depth);
        if (!left)
            return left;
        while (isKeyword(keyword)) {
            ++m_pos;
            auto right = (this->*operand)(depth);
            if (!right)
                return right;
            Condition c;
            c.kind = kind;
            c.children = {left.take(), right.take()};
            left = std::move(c);
        }
        return left;
    }

    Result<Condition> orCondition(int depth)
    {
        if (depth > kMaxDepth)
            return fail("The expression nests more than " + std::to_string(kMaxDepth) + " levels");
        return joinedConditions("OR", Condition::Kind::Or, &Parser::andCondition, depth);
    }

    Result<Condition> andCondition(int depth)
    {
        return joinedConditions("AND", Condition::Kind::And, &Parser::notCondition, depth);
    }

    Result<Condition> notCondition(int depth)
    {
        if (isKeyword("NOT")) {
            ++m_pos;
            if (depth > kMaxDepth)
                return fail("The expression nests more than " + std::to_string(kMaxDepth) + " levels");
            auto inner = notCondition(depth + 1);
            if (!inner)
                return inner;
            Condition c;
            c.kind = Condition::Kind::Not;
            c.children = {inner.take()};
            return c;
        }
        return primaryCondition(depth);
    }

    Result<Condition> functionCondition()
    {
        const Token name = next();
        ++m_pos; // '('
        struct Known
        {
            const char *name;
            Condition::Kind kind;
            int operands;
        };
        static const Known known[] = {{"attribute_exists", Condition::Kind::AttributeExists, 1},
                                      {"attribute_not_exists", Condition::Kind::AttributeNotExists, 1},
                                      {"attribute_type", Condition::Kind::AttributeType, 2},
                                      {"begins_with", Condition::Kind::BeginsWith, 2},
                                      {"contains", Condition::Kind::Contains, 2}};
        const Known *function = nullptr;
        for (const Known &k : known) {
            if (name.text == k.name)
                function = &k;
        }
        if (!function)
            return Status(fail(name.text == "size"
                                   ? "The function is not allowed to be used this way in an expression; function: size"
                                   : "Invalid function name; function: " + name.text));
        Condition c;
        c.kind = function->kind;
        auto p = path();
        if (!p)
            return p.status();
        Operand first;
        first.kind = Operand::Kind::Path;
        first.path = p.take();
        c.operands.push_back(std::move(first));
        if (function->operands == 2) {
            if (Status s = expectSymbol(","); !s)
                return s;
            auto second = conditionOperand();
            if (!second)
                return second.status();
            c.operands.push_back(second.take());
        }
        if (Status s = expectSymbol(")"); !s)
            return s;
        if (c.kind == Condition::Kind::AttributeType) {
            const Json &type = c.operands[1].value;
            static const char *const types[] = {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};
            if (c.operands[1].kind != Operand::Kind::Value || typeOf(type) != "S"
                || std::none_of(std::begin(types), std::end(types),
                                [&](const char *t) { return type["S"].get<std::string>() == t; }))
                return Status(fail("Invalid type for attribute_type: it takes a value placeholder holding one of "
                                   "S, SS, N, NS, B, BS, BOOL, NULL, L, M"));
        }
        return c;
    }

    Result<Condition> primaryCondition(int depth)
    {
        if (isSymbol("(")) {
            ++m_pos;
            auto inner = orCondition(depth + 1);
            if (!inner)
                return inner;
            if (Status s = expectSymbol(")"); !s)
                return s;
            return inner;
        }
        if (peek().type == Token::Type::Name && isSymbol("(", 1) && peek().text != "size")
            return functionCondition();
        auto left = conditionOperand();
        if (!left)
            return left.status();
        Condition c;
        c.operands.push_back(left.take());
        if (peek().type == Token::Type::Symbol
            && (peek().text == "=" || peek().text == "<>" || peek().text == "<" || peek().text == "<="
                || peek().text == ">" || peek().text == ">=")) {
            c.kind = Condition::Kind::Compare;
            c.comparator = next().text;
            auto right = conditionOperand();
            if (!right)
                return right.status();
            c.operands.push_back(right.take());
            return c;
        }
        if (isKeyword("BETWEEN")) {
            ++m_pos;
            c.kind = Condition::Kind::Between;
            auto low = conditionOperand();
            if (!low)
                return low.status();
            if (!isKeyword("AND"))
                return unexpected();
            ++m_pos;
            auto high = conditionOperand();
            if (!high)
                return high.status();
            c.operands.push_back(low.take());
            c.operands.push_back(high.take());
            return c;
        }
        if (isKeyword("IN")) {
            ++m_pos;
            c.kind = Condition::Kind::In;
            if (Status s = expectSymbol("("); !s)
                return s;
            while (true) {
                auto element = conditionOperand();
                if (!element)
                    return element.status();
                c.operands.push_back(element.take());
                if (isSymbol(",")) {
                    ++m_pos;
                    continue;
                }
                break;
            }
            if (Status s = expectSymbol(")"); !s)
                return s;
            if (c.operands.size() > 101)
                return Status(fail("The IN operator takes at most 100 values; found "
                                   + std::to_string(c.operands.size() - 1)));
            return c;
        }
        return unexpected();
    }

    Result<Condition> wholeCondition()
    {
        if (Status s = tokenize(); !s)
            return s;
        auto c = orCondition(0);
        if (!c)
            return c;
        if (!atEnd())
            return unexpected();
        return c;
    }

    // ---- updates ----

    Result<Operand> setOperand()
    {
        if (peek().type == Token::Type::ValueRef)
            return valueOperand();
        Operand o;
        if (peek().type == Token::Type::Name && isSymbol("(", 1)) {
            const Token name = next();
            ++m_pos;
            if (name.text == "if_not_exists") {
                auto p = path();
                if (!p)
                    return p.status();
                if (Status s = expectSymbol(","); !s)
                    return s;
                auto fallback = setOperand();
                if (!fallback)
                    return fallback;
                o.kind = Operand::Kind::IfNotExists;
                o.path = p.take();
                o.args.push_back(fallback.take());
            } else if (name.text == "list_append") {
                auto a = setOperand();
                if (!a)
                    return a;
                if (Status s = expectSymbol(","); !s)
                    return s;
                auto b = setOperand();
                if (!b)
                    return b;
                o.kind = Operand::Kind::ListAppend;
                o.args.push_back(a.take());
                o.args.push_back(b.take());
            } else {
                return Status(fail("Invalid function name; function: " + name.text));
            }
            if (Status s = expectSymbol(")"); !s)
                return s;
            return o;
        }
        return pathOperand();
    }

    Result<std::vector<UpdateAction>> wholeUpdate()
    {
        if (Status s = tokenize(); !s)
            return s;
        std::vector<UpdateAction> actions;
        std::set<std::string> clauses;
        while (!atEnd()) {
            const Token clause = next();
            const std::string word = clause.type == Token::Type::Name ? asciiLowercase(clause.text) : std::string();
            if (word != "set" && word != "remove" && word != "add" && word != "delete")
                return syntaxError(clause.text, clause.offset);
            if (!clauses.insert(word).second)
                return fail("The \"" + clause.text + "\" section can only be used once in an update expression;");
            do {
                UpdateAction action;
                action.kind = word == "set" ? UpdateAction::Kind::Set
                              : word == "remove" ? UpdateAction::Kind::Remove
                              : word == "add"    ? UpdateAction::Kind::Add
                                                 : UpdateAction::Kind::Delete;
                auto p = path();
                if (!p)
                    return p.status();
                action.path = p.take();
                if (action.kind == UpdateAction::Kind::Set) {
                    if (Status s = expectSymbol("="); !s)
                        return s;
                    auto left = setOperand();
                    if (!left)
                        return left.status();
                    if (isSymbol("+") || isSymbol("-")) {
                        Operand sum;
                        sum.kind = next().text == "+" ? Operand::Kind::Plus : Operand::Kind::Minus;
                        auto right = setOperand();
                        if (!right)
                            return right.status();
                        sum.args = {left.take(), right.take()};
                        action.value = std::move(sum);
                    } else {
                        action.value = left.take();
                    }
                } else if (action.kind != UpdateAction::Kind::Remove) {
                    auto v = valueRef(next());
                    if (!v)
                        return v.status();
                    action.value.kind = Operand::Kind::Value;
                    action.value.value = v.take();
                }
                actions.push_back(std::move(action));
            } while (isSymbol(",") && (++m_pos, true));
        }
        return actions;
    }

    Result<std::vector<Path>> wholeProjection()
    {
        if (Status s = tokenize(); !s)
            return s;
        std::vector<Path> paths;
        do {
            auto p = path();
            if (!p)
                return p.status();
            paths.push_back(p.take());
        } while (isSymbol(",") && (++m_pos, true));
        if (!atEnd())
            return unexpected();
        return paths;
    }

private:
    Expressions &m_owner;
    const std::string &m_text;
    const char *m_what;
    std::vector<Token> m_tokens;
    size_t m_pos = 0;
};

// ---- Expressions ----------------------------------------------------------------

Result<Expressions> Expressions::of(const Json &request)
{
    Expressions e;
    const Json &names = memberOf(request, "ExpressionAttributeNames");
    if (!names.is_null()) {
        if (!names.is_object())
            return Status::invalidArgument("ExpressionAttributeNames must be a map of #placeholders to names");
        for (auto it = names.begin(); it != names.end(); ++it) {
            if (!it.key().starts_with('#') || it.key().size() < 2)
                return Status::invalidArgument("ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                                               + printable(it.key()) + "\"");
            if (!it->is_string() || it->get_ref<const std::string &>().empty())
                return Status::invalidArgument("ExpressionAttributeNames contains invalid value: " + printable(it.key())
                                               + " must name an attribute");
        }
        e.m_names = names;
    }
    const Json &values = memberOf(request, "ExpressionAttributeValues");
    if (!values.is_null()) {
        if (!values.is_object())
            return Status::invalidArgument("ExpressionAttributeValues must be a map of :placeholders to values");
        e.m_values = values;
        for (auto it = e.m_values.begin(); it != e.m_values.end(); ++it) {
            if (!it.key().starts_with(':') || it.key().size() < 2)
                return Status::invalidArgument("ExpressionAttributeValues contains invalid key: Syntax error; key: \""
                                               + printable(it.key()) + "\"");
            if (Status s = normalizeValue(it.value(), "ExpressionAttributeValues." + it.key()); !s)
                return s;
        }
    }
    return e;
}

Result<std::optional<Condition>> Expressions::condition(const Json &request, const char *field)
{
    const Json &text = memberOf(request, field);
    if (text.is_null())
        return std::optional<Condition>();
    if (!text.is_string())
        return Status::invalidArgument(std::string(field) + " must be a string");
    Parser parser(*this, text.get_ref<const std::string &>(), field);
    auto c = parser.wholeCondition();
    if (!c)
        return c.status();
    return std::optional<Condition>(c.take());
}

Result<std::vector<UpdateAction>> Expressions::update(const std::string &text)
{
    Parser parser(*this, text, "UpdateExpression");
    return parser.wholeUpdate();
}

Result<std::vector<Path>> Expressions::projection(const Json &request)
{
    const Json &text = memberOf(request, "ProjectionExpression");
    if (text.is_null())
        return std::vector<Path>();
    if (!text.is_string())
        return Status::invalidArgument("ProjectionExpression must be a string");
    Parser parser(*this, text.get_ref<const std::string &>(), "ProjectionExpression");
    return parser.wholeProjection();
}

Result<KeyCondition> Expressions::keyCondition(const std::string &text, const std::string &partitionKey,
                                               const std::string &sortKey)
{
    Parser parser(*this, text, "KeyConditionExpression");
    auto parsed = parser.wholeCondition();
    if (!parsed)
        return parsed.status();
    std::vector<const Condition *> parts;
    if (parsed->kind == Condition::Kind::And) {
        for (const Condition &c : parsed->children) {
            if (c.kind == Condition::Kind::And)
                return Status::invalidArgument("Query key condition not supported: it holds at most two conditions, "
                                               "on the partition key and the sort key");
            parts.push_back(&c);
        }
    } else {
        parts.push_back(&*parsed);
    }
    KeyCondition key;
    bool havePartition = false;
    for (const Condition *c : parts) {
        const bool onPath = !c->operands.empty() && c->operands[0].kind == Operand::Kind::Path
                            && c->operands[0].path.size() == 1;
        const std::string attribute = onPath ? c->operands[0].path[0].name : std::string();
        const bool valuesOnly = std::all_of(c->operands.begin() + (c->operands.empty() ? 0 : 1), c->operands.end(),
                                            [](const Operand &o) { return o.kind == Operand::Kind::Value; });
        const bool supported = onPath && valuesOnly
                               && (c->kind == Condition::Kind::Compare || c->kind == Condition::Kind::Between
                                   || c->kind == Condition::Kind::BeginsWith)
                               && c->comparator != "<>";
        if (!supported)
            return Status::invalidArgument("Invalid operator used in KeyConditionExpression: key conditions take =, <, "
                                           "<=, >, >=, BETWEEN and begins_with on key attributes and values");
        if (attribute == partitionKey && !havePartition) {
            if (c->kind != Condition::Kind::Compare || c->comparator != "=")
                return Status::invalidArgument("Query key condition not supported: the partition key " + partitionKey
                                               + " takes = only");
            key.partitionValue = c->operands[1].value;
            havePartition = true;
        } else if (!sortKey.empty() && attribute == sortKey && !key.sortKey) {
            key.sortKey = *c;
        } else {
            return Status::invalidArgument("Query condition missed key schema element: "
                                           + (havePartition ? sortKey : partitionKey)
                                           + (attribute.empty() ? std::string() : " (found " + attribute + ")"));
        }
    }
    if (!havePartition)
        return Status::invalidArgument("Query condition missed key schema element: " + partitionKey);
    return key;
}

Status Expressions::checkAllUsed() const
{
    std::vector<std::string> unusedValues;
    for (auto it = m_values.begin(); it != m_values.end(); ++it) {
        if (!m_usedValues.count(it.key()))
            unusedValues.push_back(it.key());
    }
    if (!unusedValues.empty())
        return Status::invalidArgument("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                                       + joined(unusedValues) + "}");
    std::vector<std::string> unusedNames;
    for (auto it = m_names.begin(); it != m_names.end(); ++it) {
        if (!m_usedNames.count(it.key()))
            unusedNames.push_back(it.key());
    }
    if (!unusedNames.empty())
        return Status::invalidArgument("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                                       + joined(unusedNames) + "}");
    return Status::ok();
}

// ---- evaluation --------------------------------------------------------------------

const Json *valueAt(const Json &item, const Path &path)
{
    const Json *at = &item;
    for (size_t i = 0; i < path.size(); ++i) {
        const PathElement &e = path[i];
        if (i == 0) {
            if (!at->is_object())
                return nullptr;
            auto it = at->find(e.name);
            if (it == at->end())
                return nullptr;
            at = &*it;
            continue;
        }
        const std::string type = typeOf(*at);
        if (e.index >= 0) {
            if (type != "L" || size_t(e.index) >= (*at)["L"].size())
                return nullptr;
            at = &(*at)["L"][size_t(e.index)];
        } else {
            if (type != "M")
                return nullptr;
            const Json &map = (*at)["M"];
            auto it = map.find(e.name);
            if (it == map.end())
                return nullptr;
            at = &*it;
        }
    }
    return at;
}

namespace {

std::optional<Json> operandValue(const Operand &o, const Json &item)
{
    switch (o.kind) {
    case Operand::Kind::Value:
        return o.value;
    case Operand::Kind::Path:
        if (const Json *v = valueAt(item, o.path))
            return *v;
        return std::nullopt;
    case Operand::Kind::Size: {
        const Json *v = valueAt(item, o.path);
        if (!v)
            return std::nullopt;
        const std::string type = typeOf(*v);
        const Json &inner = v->begin().value();
        size_t size = 0;
        if (type == "S")
            size = inner.get_ref<const std::string &>().size();
        else if (type == "B")
            size = size_t(QByteArray::fromBase64(QByteArray::fromStdString(inner.get<std::string>())).size());
        else if (type == "L" || type == "M" || type == "SS" || type == "NS" || type == "BS")
            size = inner.size();
        else
            return std::nullopt; // size() of a number, bool or null is not defined
        return numberValue(std::to_string(size));
    }
    default:
        return std::nullopt;
    }
}

bool compare(const std::string &comparator, const std::optional<Json> &a, const std::optional<Json> &b)
{
    if (comparator == "=")
        return a && b && valuesEqual(*a, *b);
    if (comparator == "<>")
        return !(a && b && valuesEqual(*a, *b));
    if (!a || !b)
        return false;
    const auto order = compareScalars(*a, *b);
    if (!order)
        return false;
    if (comparator == "<")
        return *order < 0;
    if (comparator == "<=")
        return *order <= 0;
    if (comparator == ">")
        return *order > 0;
    return *order >= 0;
}

} // namespace

bool evaluate(const Condition &c, const Json &item)
{
    switch (c.kind) {
    case Condition::Kind::And:
        return evaluate(c.children[0], item) && evaluate(c.children[1], item);
    case Condition::Kind::Or:
        return evaluate(c.children[0], item) || evaluate(c.children[1], item);
    case Condition::Kind::Not:
        return !evaluate(c.children[0], item);
    case Condition::Kind::Compare:
        return compare(c.comparator, operandValue(c.operands[0], item), operandValue(c.operands[1], item));
    case Condition::Kind::Between: {
        const auto v = operandValue(c.operands[0], item);
        return compare(">=", v, operandValue(c.operands[1], item))
               && compare("<=", v, operandValue(c.operands[2], item));
    }
    case Condition::Kind::In: {
        const auto v = operandValue(c.operands[0], item);
        return std::any_of(c.operands.begin() + 1, c.operands.end(),
                           [&](const Operand &o) { return compare("=", v, operandValue(o, item)); });
    }
    case Condition::Kind::AttributeExists:
        return valueAt(item, c.operands[0].path) != nullptr;
    case Condition::Kind::AttributeNotExists:
        return valueAt(item, c.operands[0].path) == nullptr;
    case Condition::Kind::AttributeType: {
        const Json *v = valueAt(item, c.operands[0].path);
        return v && typeOf(*v) == c.operands[1].value["S"].get<std::string>();
    }
    case Condition::Kind::BeginsWith: {
        const Json *v = valueAt(item, c.operands[0].path);
        const auto prefix = operandValue(c.operands[1], item);
        if (!v || !prefix || typeOf(*v) != typeOf(*prefix))
            return false;
        const std::string type = typeOf(*v);
        if (type == "S")
            return (*v)["S"].get_ref<const std::string &>().starts_with((*prefix)["S"].get_ref<const std::string &>());
        if (type == "B")
            return QByteArray::fromBase64(QByteArray::fromStdString((*v)["B"].get<std::string>()))
                .startsWith(QByteArray::fromBase64(QByteArray::fromStdString((*prefix)["B"].get<std::string>())));
        return false;
    }
    case Condition::Kind::Contains: {
        const Json *v = valueAt(item, c.operands[0].path);
        const auto operand = operandValue(c.operands[1], item);
        if (!v || !operand)
            return false;
        const std::string type = typeOf(*v);
        const std::string operandType = typeOf(*operand);
        if (type == "S" && operandType == "S")
            return (*v)["S"].get_ref<const std::string &>().find((*operand)["S"].get_ref<const std::string &>())
                   != std::string::npos;
        if (type == "B" && operandType == "B")
            return QByteArray::fromBase64(QByteArray::fromStdString((*v)["B"].get<std::string>()))
                .contains(QByteArray::fromBase64(QByteArray::fromStdString((*operand)["B"].get<std::string>())));
        if ((type == "SS" || type == "NS" || type == "BS") && operandType == type.substr(0, 1)) {
            const Json &members = v->begin().value();
            return std::any_of(members.begin(), members.end(), [&](const Json &m) {
                return valuesEqual(Json{{operandType, m}}, *operand);
            });
        }
        if (type == "L") {
            const Json &members = (*v)["L"];
            return std::any_of(members.begin(), members.end(), [&](const Json &m) { return valuesEqual(m, *operand); });
        }
        return false;
    }
    }
    return false;
}

// ---- updates ---------------------------------------------------------------------------

namespace {

Status incorrectType(const std::string &detail)
{
    return Status::invalidArgument("An operand in the update expression has an incorrect data type (" + detail + ")");
}

Result<Json> setValue(const Operand &o, const Json &item)
{
    switch (o.kind) {
    case Operand::Kind::Value:
        return o.value;
    case Operand::Kind::Path: {
        const Json *v = valueAt(item, o.path);
        if (!v)
            return Status::invalidArgument("The provided expression refers to an attribute that does not exist in the "
                                           "item (" + pathText(o.path) + ")");
        return *v;
    }
    case Operand::Kind::IfNotExists: {
        if (const Json *v = valueAt(item, o.path))
            return *v;
        return setValue(o.args[0], item);
    }
    case Operand::Kind::ListAppend: {
        auto a = setValue(o.args[0], item);
        if (!a)
            return a;
        auto b = setValue(o.args[1], item);
        if (!b)
            return b;
        if (typeOf(*a) != "L" || typeOf(*b) != "L")
            return incorrectType("list_append takes two lists");
        Json list = (*a)["L"];
        for (const Json &e : (*b)["L"])
            list.push_back(e);
        return Json{{"L", std::move(list)}};
    }
    case Operand::Kind::Plus:
    case Operand::Kind::Minus: {
        auto a = setValue(o.args[0], item);
        if (!a)
            return a;
        auto b = setValue(o.args[1], item);
        if (!b)
            return b;
        if (typeOf(*a) != "N" || typeOf(*b) != "N")
            return incorrectType(std::string(o.kind == Operand::Kind::Plus ? "+" : "-") + " takes two numbers");
        const auto x = parseDecimal((*a)["N"].get<std::string>());
        const auto y = parseDecimal((*b)["N"].get<std::string>());
        if (!x || !y)
            return incorrectType("a number is malformed");
        const Decimal sum = addDecimals(*x, o.kind == Operand::Kind::Plus ? *y : negated(*y));
        if (Status s = checkDecimal(sum); !s)
            return Status::invalidArgument("Number overflow. Attempting to store a number with magnitude larger than "
                                           "supported range (" + s.message() + ")");
        return numberValue(decimalText(sum));
    }
    case Operand::Kind::Size:
        break;
    }
    return incorrectType("unexpected operand");
}

/// The attribute value at `path` in `item`, for writing; null when its
/// parent does not exist (or is not a map or list).
Json *parentFor(Json &item, const Path &path)
{
    if (path.size() == 1)
        return &item;
    Path parentPath(path.begin(), path.end() - 1);
    const Json *parent = valueAt(item, parentPath);
    return const_cast<Json *>(parent);
}

Status assign(Json &item, const Path &path, Json value)
{
    Json *parent = parentFor(item, path);
    const Status invalidPath = Status::invalidArgument(
        "The document path provided in the update expression is invalid for update (" + pathText(path) + ")");
    if (!parent)
        return invalidPath;
    const PathElement &last = path.back();
    if (path.size() == 1) {
        item[last.name] = std::move(value);
        return Status::ok();
    }
    const std::string type = typeOf(*parent);
    if (last.index >= 0) {
        if (type != "L")
            return invalidPath;
        Json &list = (*parent)["L"];
        if (size_t(last.index) < list.size())
            list[size_t(last.index)] = std::move(value);
        else
            list.push_back(std::move(value)); // past the end: appended, as DynamoDB does
        return Status::ok();
    }
    if (type != "M")
        return invalidPath;
    (*parent)["M"][last.name] = std::move(value);
    return Status::ok();
}

void removeAt(Json &item, const Path &path)
{
    Json *parent = parentFor(item, path);
    if (!parent)
        return;
    const PathElement &last = path.back();
    if (path.size() == 1) {
        item.erase(last.name);
        return;
    }
    const std::string type = typeOf(*parent);
    if (last.index >= 0 && type == "L") {
        Json &list = (*parent)["L"];
        if (size_t(last.index) < list.size())
            list.erase(list.begin() + last.index);
    } else if (last.index < 0 && type == "M") {
        (*parent)["M"].erase(last.name);
    }
}

bool overlaps(const Path &a, const Path &b)
{
    const size_t n = std::min(a.size(), b.size());
    return std::equal(a.begin(), a.begin() + std::ptrdiff_t(n), b.begin());
}

} // namespace

Result<Json> applyUpdate(const std::vector<UpdateAction> &actions, const Json &item,
                         const std::vector<std::string> &keyNames, std::set<std::string> *updated)
{
    for (size_t i = 0; i < actions.size(); ++i) {
        const Path &p = actions[i].path;
        if (std::find(keyNames.begin(), keyNames.end(), p.front().name) != keyNames.end())
            return Status::invalidArgument("Cannot update attribute " + p.front().name
                                           + ". This attribute is part of the key");
        for (size_t j = 0; j < i; ++j) {
            if (overlaps(actions[j].path, p))
                return Status::invalidArgument("Two document paths overlap with each other; must remove or rewrite "
                                               "one of these paths; path one: [" + pathText(actions[j].path)
                                               + "], path two: [" + pathText(p) + "]");
        }
    }
    // Every operand reads the item as it was; then the changes are made, and
    // list elements are removed from the highest index down (so that each
    // REMOVE names the element it meant).
    std::vector<std::pair<const UpdateAction *, Json>> writes;
    for (const UpdateAction &a : actions) {
        if (a.kind == UpdateAction::Kind::Remove)
            continue;
        const Json *current = valueAt(item, a.path);
        if (a.kind == UpdateAction::Kind::Set) {
            auto v = setValue(a.value, item);
            if (!v)
                return v.status();
            writes.emplace_back(&a, v.take());
            continue;
        }
        const Json &operand = a.value.value;
        const std::string type = typeOf(operand);
        if (a.kind == UpdateAction::Kind::Add) {
            if (type != "N" && type != "SS" && type != "NS" && type != "BS")
                return incorrectType("ADD takes a number or a set");
            if (!current) {
                writes.emplace_back(&a, operand);
                continue;
            }
            if (typeOf(*current) != type)
                return incorrectType("ADD of " + type + " to an attribute of type " + typeOf(*current));
            if (type == "N") {
                const auto x = parseDecimal(memberOf(*current, "N").is_string() ? (*current)["N"].get<std::string>() : "");
                const auto y = parseDecimal(operand["N"].get<std::string>());
                if (!x || !y)
                    return incorrectType("a number is malformed");
                const Decimal sum = addDecimals(*x, *y);
                if (Status s = checkDecimal(sum); !s)
                    return Status::invalidArgument("Number overflow: " + s.message());
                writes.emplace_back(&a, numberValue(decimalText(sum)));
            } else {
                Json set = *current;
                for (const Json &member : operand[type]) {
                    const bool present = std::any_of(set[type].begin(), set[type].end(), [&](const Json &m) {
                        return valuesEqual(Json{{type.substr(0, 1), m}}, Json{{type.substr(0, 1), member}});
                    });
                    if (!present)
                        set[type].push_back(member);
                }
                writes.emplace_back(&a, std::move(set));
            }
        } else { // Delete
            if (type != "SS" && type != "NS" && type != "BS")
                return incorrectType("DELETE takes a set");
            if (!current)
                continue;
            if (typeOf(*current) != type)
                return incorrectType("DELETE of " + type + " from an attribute of type " + typeOf(*current));
            Json remaining = Json::array();
            for (const Json &m : (*current)[type]) {
                const bool removed = std::any_of(operand[type].begin(), operand[type].end(), [&](const Json &d) {
                    return valuesEqual(Json{{type.substr(0, 1), m}}, Json{{type.substr(0, 1), d}});
                });
                if (!removed)
                    remaining.push_back(m);
            }
            writes.emplace_back(&a, remaining.empty() ? Json() : Json{{type, std::move(remaining)}});
        }
    }
    Json result = item;
    for (auto &[action, value] : writes) {
        if (updated)
            updated->insert(action->path.front().name);
        if (value.is_null()) {
            removeAt(result, action->path); // a set emptied by DELETE goes away
            continue;
        }
        if (Status s = assign(result, action->path, std::move(value)); !s)
            return s;
    }
    std::vector<const UpdateAction *> removals;
    for (const UpdateAction &a : actions) {
        if (a.kind == UpdateAction::Kind::Remove)
            removals.push_back(&a);
    }
    std::stable_sort(removals.begin(), removals.end(), [](const UpdateAction *x, const UpdateAction *y) {
        return x->path.back().index > y->path.back().index;
    });
    for (const UpdateAction *a : removals) {
        if (updated && valueAt(item, a->path))
            updated->insert(a->path.front().name);
        removeAt(result, a->path);
    }
    return result;
}

Json project(const Json &item, const std::vector<Path> &paths)
{
    if (paths.empty())
        return item;
    Json out = Json::object();
    for (const Path &p : paths) {
        const Json *v = valueAt(item, p);
        if (!v)
            continue;
        if (p.size() == 1) {
            out[p[0].name] = *v;
            continue;
        }
        // Nested: its parents are kept as maps (list elements become a list of the chosen ones).
        Json *at = &out;
        for (size_t i = 0; i < p.size(); ++i) {
            const bool last = i + 1 == p.size();
            const PathElement &e = p[i];
            if (i == 0) {
                if (!at->contains(e.name))
                    (*at)[e.name] = p[1].index >= 0 ? Json{{"L", Json::array()}} : Json{{"M", Json::object()}};
                at = &(*at)[e.name];
                continue;
            }
            Json &container = typeOf(*at) == "L" ? (*at)["L"] : (*at)["M"];
            if (last) {
                if (container.is_array())
                    container.push_back(*v);
                else
                    container[e.name] = *v;
                break;
            }
            const Json fresh = p[i + 1].index >= 0 ? Json{{"L", Json::array()}} : Json{{"M", Json::object()}};
            if (container.is_array()) {
                container.push_back(fresh);
                at = &container.back();
            } else {
                if (!container.contains(e.name))
                    container[e.name] = fresh;
                at = &container[e.name];
            }
        }
    }
    return out;
}

} // namespace stratus::engine::services::ddb
