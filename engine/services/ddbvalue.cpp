#include "ddbvalue.h"

#include "engine/model/decimal.h"
#include "engine/model/text.h"

#include <QByteArray>

#include <algorithm>
#include <set>

namespace stratus::engine::services::ddb {

namespace {

constexpr int kMaxNesting = 32;

bool isSetType(const std::string &type)
{
    return type == "SS" || type == "NS" || type == "BS";
}

Status invalid(const std::string &where, const std::string &what)
{
    return Status::invalidArgument("One or more parameter values were invalid: " + what + " (" + where + ")");
}

Status checkBase64(const Json &value, const std::string &where)
{
    if (!value.is_string())
        return invalid(where, "a binary value must be base64 text");
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(value.get<std::string>()),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return invalid(where, "a binary value is not valid base64");
    return Status::ok();
}

Status normalizeNumber(Json &text, const std::string &where)
{
    if (!text.is_string())
        return invalid(where, "a number must be sent as decimal text, not " + printable(text.dump()));
    const auto decimal = parseDecimal(text.get<std::string>());
    if (!decimal)
        return invalid(where, quote(text.get<std::string>().substr(0, 64)) + " is not a number");
    if (Status s = checkDecimal(*decimal); !s)
        return invalid(where, s.message());
    text = decimalText(*decimal);
    return Status::ok();
}

Status normalizeAt(Json &value, const std::string &where, int depth)
{
    if (!value.is_object() || value.size() != 1)
        return invalid(where, "an attribute value must hold exactly one of S, N, B, SS, NS, BS, BOOL, NULL, L, M");
    const std::string type = value.begin().key();
    Json &v = value.begin().value();
    if (type == "S") {
        if (!v.is_string())
            return invalid(where, "an S value must be a string");
    } else if (type == "N") {
        return normalizeNumber(v, where);
    } else if (type == "B") {
        return checkBase64(v, where);
    } else if (type == "BOOL") {
        if (!v.is_boolean())
            return invalid(where, "a BOOL value must be true or false");
    } else if (type == "NULL") {
        if (v != true)
            return invalid(where, "a NULL value must be true");
    } else if (isSetType(type)) {
        if (!v.is_array() || v.empty())
            return invalid(where, "an " + type + " set may not be empty");
        for (Json &element : v) {
            Status s = type == "SS" ? (element.is_string() ? Status::ok() : invalid(where, "SS holds strings only"))
                       : type == "NS" ? normalizeNumber(element, where)
                                      : checkBase64(element, where);
            if (!s)
                return s;
        }
        std::set<std::string> seen;
        for (const Json &element : v) {
            if (!seen.insert(element.get<std::string>()).second)
                return invalid(where, "Input collection contains duplicates: " + printable(v.dump()));
        }
    } else if (type == "L" || type == "M") {
        if (depth >= kMaxNesting)
            return invalid(where, "Nesting Levels have exceeded supported limits (32)");
        if (type == "L" ? !v.is_array() : !v.is_object())
            return invalid(where, type == "L" ? "an L value must be a list" : "an M value must be a map");
        if (type == "L") {
            for (size_t i = 0; i < v.size(); ++i) {
                if (Status s = normalizeAt(v[i], where + "[" + std::to_string(i) + "]", depth + 1); !s)
                    return s;
            }
        } else {
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (Status s = normalizeAt(it.value(), where + "." + it.key(), depth + 1); !s)
                    return s;
            }
        }
    } else {
        return invalid(where, quote(type) + " is not an attribute value type");
    }
    return Status::ok();
}

size_t valueSize(const Json &value)
{
    const std::string type = typeOf(value);
    if (type.empty())
        return 0;
    const Json &v = value.begin().value();
    if (type == "S")
        return v.get_ref<const std::string &>().size();
    if (type == "N")
        return (v.get_ref<const std::string &>().size() + 1) / 2 + 1;
    if (type == "B")
        return v.get_ref<const std::string &>().size() * 3 / 4;
    if (type == "BOOL" || type == "NULL")
        return 1;
    size_t size = 3;
    if (type == "M") {
        for (auto it = v.begin(); it != v.end(); ++it)
            size += it.key().size() + valueSize(it.value()) + 1;
    } else if (v.is_array()) {
        for (const Json &element : v)
            size += type == "L" ? valueSize(element) + 1 : element.get_ref<const std::string &>().size();
    }
    return size;
}

} // namespace

Status normalizeValue(Json &value, const std::string &where)
{
    return normalizeAt(value, where, 0);
}

Status normalizeItem(Json &item, const std::string &where)
{
    if (!item.is_object())
        return invalid(where, "an item must be a map of attribute names to values");
    for (auto it = item.begin(); it != item.end(); ++it) {
        if (it.key().empty())
            return invalid(where, "an attribute name may not be empty");
        if (Status s = normalizeAt(it.value(), where + "." + it.key(), 1); !s)
            return s;
    }
    return Status::ok();
}

std::string typeOf(const Json &value)
{
    if (!value.is_object() || value.size() != 1)
        return {};
    return value.begin().key();
}

bool valuesEqual(const Json &a, const Json &b)
{
    const std::string type = typeOf(a);
    if (type.empty() || type != typeOf(b))
        return false;
    const Json &x = a.begin().value();
    const Json &y = b.begin().value();
    if (isSetType(type)) {
        if (x.size() != y.size())
            return false;
        std::set<std::string> left;
        for (const Json &e : x)
            left.insert(e.get<std::string>());
        return std::all_of(y.begin(), y.end(), [&](const Json &e) { return left.count(e.get<std::string>()) > 0; });
    }
    if (type == "L") {
        if (x.size() != y.size())
            return false;
        for (size_t i = 0; i < x.size(); ++i) {
            if (!valuesEqual(x[i], y[i]))
                return false;
        }
        return true;
    }
    if (type == "M") {
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            auto other = y.find(it.key());
            if (other == y.end() || !valuesEqual(it.value(), *other))
                return false;
        }
        return true;
    }
    if (type == "N") {
        const auto l = parseDecimal(x.get<std::string>());
        const auto r = parseDecimal(y.get<std::string>());
        return l && r && compareDecimals(*l, *r) == 0;
    }
    return x == y;
}

std::optional<int> compareScalars(const Json &a, const Json &b)
{
    const std::string type = typeOf(a);
    if (type != typeOf(b) || (type != "S" && type != "N" && type != "B"))
        return std::nullopt;
    const std::string &x = a.begin().value().get_ref<const std::string &>();
    const std::string &y = b.begin().value().get_ref<const std::string &>();
    if (type == "N") {
        const auto l = parseDecimal(x);
        const auto r = parseDecimal(y);
        if (!l || !r)
            return std::nullopt;
        return compareDecimals(*l, *r);
    }
    if (type == "B") {
        const QByteArray l = QByteArray::fromBase64(QByteArray::fromStdString(x));
        const QByteArray r = QByteArray::fromBase64(QByteArray::fromStdString(y));
        return l < r ? -1 : r < l ? 1 : 0;
    }
    const int c = x.compare(y); // bytes of UTF-8, unsigned, as DynamoDB orders strings
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

size_t itemSize(const Json &item)
{
    size_t size = 0;
    if (!item.is_object())
        return 0;
    for (auto it = item.begin(); it != item.end(); ++it)
        size += it.key().size() + valueSize(it.value());
    return size;
}

Json numberValue(const std::string &decimalText)
{
    return Json{{"N", decimalText}};
}

} // namespace stratus::engine::services::ddb
