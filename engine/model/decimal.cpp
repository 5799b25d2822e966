#include "decimal.h"

#include <algorithm>

namespace stratus::engine {

namespace {

/// Exponents past this are out of every range we check; clamping keeps the
/// arithmetic below from overflowing on hostile text such as "1e99999999999999999999".
constexpr int64_t kExponentClamp = 1'000'000'000'000;

} // namespace

std::optional<Decimal> parseDecimal(std::string_view text)
{
    Decimal d;
    size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        d.negative = text[i++] == '-';
    std::string all;
    int64_t fractionDigits = 0;
    bool anyDigit = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        all += text[i++];
        anyDigit = true;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            all += text[i++];
            ++fractionDigits;
            anyDigit = true;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    int64_t exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            negativeExponent = text[i++] == '-';
        if (i >= text.size())
            return std::nullopt;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (exponent < kExponentClamp)
                exponent = exponent * 10 + (text[i] - '0');
            ++i;
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    if (i != text.size())
        return std::nullopt;

    const size_t first = all.find_first_not_of('0');
    if (first == std::string::npos)
        return Decimal{d.negative, {}, 0};
    const size_t last = all.find_last_not_of('0');
    d.digits = all.substr(first, last - first + 1);
    d.exponent = exponent - fractionDigits + static_cast<int64_t>(all.size() - 1 - last);
    return d;
}

Status checkDecimal(const Decimal &d)
{
    if (d.digits.size() > 38)
        return Status::invalidArgument("the number has " + std::to_string(d.digits.size())
                                       + " significant digits; DynamoDB keeps at most 38");
    if (d.isZero())
        return Status::ok();
    if (d.scientificExponent() > 125)
        return Status::invalidArgument("the number's magnitude is over DynamoDB's largest, "
                                       "9.9999999999999999999999999999999999999E+125");
    if (d.scientificExponent() < -130)
        return Status::invalidArgument("the number's magnitude is under DynamoDB's smallest, 1E-130");
    return Status::ok();
}


std::string decimalText(const Decimal &d)
{
    if (d.isZero())
        return "0";
    std::string text = d.negative ? "-" : "";
    const int64_t size = static_cast<int64_t>(d.digits.size());
    if (d.exponent >= 0) {
        text += d.digits;
        text.append(static_cast<size_t>(std::min<int64_t>(d.exponent, kExponentClamp)), '0');
    } else if (size + d.exponent > 0) {
        const size_t point = static_cast<size_t>(size + d.exponent);
        text += d.digits.substr(0, point) + "." + d.digits.substr(point);
    } else {
        text += "0.";
        text.append(static_cast<size_t>(std::min<int64_t>(-(size + d.exponent), kExponentClamp)), '0');
        text += d.digits;
    }
    return text;
}

namespace {

/// Compares magnitudes.
int compareMagnitudes(const Decimal &a, const Decimal &b)
{
    if (a.isZero() || b.isZero())
        return a.isZero() == b.isZero() ? 0 : a.isZero() ? -1 : 1;
    if (a.scientificExponent() != b.scientificExponent())
        return a.scientificExponent() < b.scientificExponent() ? -1 : 1;
    // Same leading power: the digits compare as written (a missing digit is a 0).
    const size_t n = std::max(a.digits.size(), b.digits.size());
    for (size_t i = 0; i < n; ++i) {
        const char x = i < a.digits.size() ? a.digits[i] : '0';
        const char y = i < b.digits.size() ? b.digits[i] : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

/// The digits of `d` scaled to `exponent` (<= d.exponent), most significant first.
std::string scaledDigits(const Decimal &d, int64_t exponent)
{
    return d.digits + std::string(static_cast<size_t>(d.exponent - exponent), '0');
}

/// Written as the Decimal of sign, digit string (with possible leading zeros) and exponent.
Decimal normalized(bool negative, const std::string &digits, int64_t exponent)
{
    const size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos)
        return Decimal{};
    const size_t last = digits.find_last_not_of('0');
    return Decimal{negative, digits.substr(first, last - first + 1),
                   exponent + static_cast<int64_t>(digits.size() - 1 - last)};
}

} // namespace

int compareDecimals(const Decimal &a, const Decimal &b)
{
    const bool aNegative = a.negative && !a.isZero();
    const bool bNegative = b.negative && !b.isZero();
    if (aNegative != bNegative)
        return aNegative ? -1 : 1;
    const int magnitude = compareMagnitudes(a, b);
    return aNegative ? -magnitude : magnitude;
}

Decimal negated(Decimal d)
{
    if (!d.isZero())
        d.negative = !d.negative;
    return d;
}

Decimal addDecimals(const Decimal &a, const Decimal &b)
{
    if (a.isZero())
        return b;
    if (b.isZero())
        return a;
    // Far-apart magnitudes: the smaller one cannot be kept in 38 digits
    // anyway, and aligning them would build a string of the distance's size.
    const int64_t gap = std::max(a.scientificExponent(), b.scientificExponent())
                        - std::min(a.exponent, b.exponent);
    if (gap > 400)
        return compareMagnitudes(a, b) >= 0 ? a : b;
    const int64_t exponent = std::min(a.exponent, b.exponent);
    std::string x = scaledDigits(a, exponent);
    std::string y = scaledDigits(b, exponent);
    const size_t width = std::max(x.size(), y.size()) + 1;
    x.insert(0, width - x.size(), '0');
    y.insert(0, width - y.size(), '0');
    std::string sum(width, '0');
    if (a.negative == b.negative) {
        int carry = 0;
        for (size_t i = width; i-- > 0;) {
            const int digit = (x[i] - '0') + (y[i] - '0') + carry;
            sum[i] = char('0' + digit % 10);
            carry = digit / 10;
        }
        return normalized(a.negative, sum, exponent);
    }
    // Opposite signs: the larger magnitude minus the smaller, with its sign.
    const bool aLarger = compareMagnitudes(a, b) >= 0;
    const std::string &big = aLarger ? x : y;
    const std::string &small = aLarger ? y : x;
    int borrow = 0;
    for (size_t i = width; i-- > 0;) {
        int digit = (big[i] - '0') - (small[i] - '0') - borrow;
        borrow = digit < 0;
        sum[i] = char('0' + (digit + 10) % 10);
    }
    return normalized(aLarger ? a.negative : b.negative, sum, exponent);
}

} // namespace stratus::engine
