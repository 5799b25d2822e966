#pragma once

// Decimal numbers as DynamoDB holds them (Java's BigDecimal, 38 significant
// digits): read from text, compared, added and written back, exactly.

#include "status.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::engine {

/// A decimal number as sign, significant digits and a power of ten:
/// value = (negative ? -1 : 1) * digits * 10^exponent, with `digits` free of
/// leading and trailing zeros (empty for zero). Two texts of the same value
/// ("1.50", "15e-1") give the same Decimal, which is what comparisons and
/// DynamoDB's limits need.
struct Decimal
{
    bool negative = false;
    std::string digits;
    int64_t exponent = 0;

    bool isZero() const { return digits.empty(); }
    /// The exponent in scientific notation (d.ddd x 10^e).
    int64_t scientificExponent() const { return exponent + static_cast<int64_t>(digits.size()) - 1; }
    bool operator==(const Decimal &) const = default;
};

/// Reads what Java's BigDecimal (DynamoDB's) accepts: [+-] digits [. digits]
/// [eE [+-] digits], with digits on at least one side of the point.
std::optional<Decimal> parseDecimal(std::string_view text);

/// DynamoDB's rules for a number (38 significant digits, a magnitude from
/// 1E-130 to under 1E+126), or the reason it breaks one.
Status checkDecimal(const Decimal &d);

/// The plain text DynamoDB answers with: no exponent, no needless zeros
/// ("1.5", "-0.001", "1200"); "0" for zero.
std::string decimalText(const Decimal &d);

/// -1, 0 or 1 as a is less than, equal to or greater than b.
int compareDecimals(const Decimal &a, const Decimal &b);

/// a + b, exactly (the result may break checkDecimal's rules; check it).
Decimal addDecimals(const Decimal &a, const Decimal &b);
Decimal negated(Decimal d);

} // namespace stratus::engine
