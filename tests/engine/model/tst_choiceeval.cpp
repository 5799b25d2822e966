// engine/model/choiceeval.h: how a choice node's conditions (Step Functions
// Choice Rules) are evaluated against an input, and which port its rules pick.
// Every operator is tried true and false, on the wrong type, on an absent
// variable and, for *Path operators, against a path to nothing.

#include "engine/model/choiceeval.h"
#include "engine/model/choicerule.h"

#include <QTest>

#include <set>

using namespace stratus::engine;

namespace {

// One input for the comparison table, so that each row reads as a condition
// and whether it holds.
const char *const kInput = R"({
    "name": "stratus", "same": "stratus", "empty": "", "numberText": "42",
    "count": 42, "limit": 50, "ratio": 0.5, "negative": -7,
    "big": 9007199254740993, "huge": 18446744073709551615,
    "flag": true, "off": false, "nothing": null,
    "list": [10, "two", {"deep": "x"}],
    "obj": {"a": {"b": "nested"}},
    "odd key": "spaced",
    "when": "2024-03-10T12:00:00Z",
    "whenOffset": "2024-03-10T14:00:00+02:00",
    "whenFraction": "2024-03-10T12:00:00.5Z",
    "whenLater": "2024-03-10T12:00:01Z",
    "notTime": "2024-03-10 12:00:00",
    "lowercase": "2024-03-10t12:00:00z",
    "noSuchDay": "2024-02-30T00:00:00Z",
    "star": "a*b", "axb": "axb", "backslash": "a\\b", "file": "C:\\dir\\report.txt",
    "accent": "\u00e9", "emoji": "\ud83d\ude00", "fullwidth": "\uff5a"
})";

struct Case
{
    const char *name;
    const char *condition;
    bool holds;
};

// Rows named "<operator>: ..." so that everyOperatorHoldsAndFails can check
// that each operator has a row where it holds and one where it does not.
const std::vector<Case> &comparisonCases()
{
    static const std::vector<Case> cases = {
        // Strings compare exactly, as Java's compareTo does (UTF-16 code units).
        {"stringEquals: same", R"({"variable": "$.name", "stringEquals": "stratus"})", true},
        {"stringEquals: case differs", R"({"variable": "$.name", "stringEquals": "Stratus"})", false},
        {"stringEquals: number is not a string", R"({"variable": "$.count", "stringEquals": "42"})", false},
        {"stringEquals: number kept as text", R"({"variable": "$.numberText", "stringEquals": "42"})", true},
        {"stringEquals: absent", R"({"variable": "$.missing", "stringEquals": "stratus"})", false},
        {"stringEquals: null", R"({"variable": "$.nothing", "stringEquals": "null"})", false},
        {"stringLessThan: earlier", R"({"variable": "$.name", "stringLessThan": "zz"})", true},
        {"stringLessThan: equal", R"({"variable": "$.name", "stringLessThan": "stratus"})", false},
        {"stringLessThan: prefix sorts first", R"({"variable": "$.name", "stringLessThan": "stratusX"})", true},
        {"stringLessThan: empty sorts first", R"({"variable": "$.empty", "stringLessThan": "a"})", true},
        {"stringLessThan: uppercase before lowercase", R"({"variable": "$.name", "stringLessThan": "Z"})", false},
        {"stringLessThan: supplementary before U+FF5A (UTF-16)", R"({"variable": "$.emoji", "stringLessThan": "\uff5a"})", true},
        {"stringGreaterThan: later", R"({"variable": "$.name", "stringGreaterThan": "a"})", true},
        {"stringGreaterThan: equal", R"({"variable": "$.name", "stringGreaterThan": "stratus"})", false},
        {"stringGreaterThan: U+00E9 after z", R"({"variable": "$.accent", "stringGreaterThan": "z"})", true},
        {"stringGreaterThan: supplementary after U+00E9", R"({"variable": "$.emoji", "stringGreaterThan": "\u00e9"})", true},
        {"stringGreaterThan: U+FF5A after supplementary (UTF-16)", R"({"variable": "$.fullwidth", "stringGreaterThan": "\ud83d\ude00"})", true},
        {"stringGreaterThan: boolean", R"({"variable": "$.flag", "stringGreaterThan": ""})", false},
        {"stringLessThanEquals: equal", R"({"variable": "$.name", "stringLessThanEquals": "stratus"})", true},
        {"stringLessThanEquals: later", R"({"variable": "$.name", "stringLessThanEquals": "a"})", false},
        {"stringGreaterThanEquals: equal", R"({"variable": "$.name", "stringGreaterThanEquals": "stratus"})", true},
        {"stringGreaterThanEquals: earlier", R"({"variable": "$.name", "stringGreaterThanEquals": "zz"})", false},
        {"stringEqualsPath: same text", R"({"variable": "$.name", "stringEqualsPath": "$.same"})", true},
        {"stringEqualsPath: other text", R"({"variable": "$.name", "stringEqualsPath": "$.empty"})", false},
        {"stringEqualsPath: path to nothing", R"({"variable": "$.name", "stringEqualsPath": "$.missing"})", false},
        {"stringEqualsPath: path to a number", R"({"variable": "$.numberText", "stringEqualsPath": "$.count"})", false},
        {"stringLessThanPath: earlier", R"({"variable": "$.empty", "stringLessThanPath": "$.name"})", true},
        {"stringLessThanPath: later", R"({"variable": "$.name", "stringLessThanPath": "$.empty"})", false},
        {"stringGreaterThanPath: later", R"({"variable": "$.name", "stringGreaterThanPath": "$.empty"})", true},
        {"stringGreaterThanPath: path to nothing", R"({"variable": "$.name", "stringGreaterThanPath": "$.missing"})", false},
        {"stringLessThanEqualsPath: equal", R"({"variable": "$.name", "stringLessThanEqualsPath": "$.same"})", true},
        {"stringLessThanEqualsPath: later", R"({"variable": "$.name", "stringLessThanEqualsPath": "$.empty"})", false},
        {"stringGreaterThanEqualsPath: equal", R"({"variable": "$.name", "stringGreaterThanEqualsPath": "$.same"})", true},
        {"stringGreaterThanEqualsPath: earlier", R"({"variable": "$.empty", "stringGreaterThanEqualsPath": "$.name"})", false},

        // Numbers: integers and doubles mixed, integers compared exactly.
        {"numericEquals: same", R"({"variable": "$.count", "numericEquals": 42})", true},
        {"numericEquals: other", R"({"variable": "$.count", "numericEquals": 43})", false},
        {"numericEquals: integer and double", R"({"variable": "$.count", "numericEquals": 42.0})", true},
        {"numericEquals: double", R"({"variable": "$.ratio", "numericEquals": 0.5})", true},
        {"numericEquals: number kept as text", R"({"variable": "$.numberText", "numericEquals": 42})", false},
        {"numericEquals: boolean is not 1", R"({"variable": "$.flag", "numericEquals": 1})", false},
        {"numericEquals: null is not 0", R"({"variable": "$.nothing", "numericEquals": 0})", false},
        {"numericEquals: absent", R"({"variable": "$.missing", "numericEquals": 0})", false},
        {"numericEquals: 2^53+1 is not 2^53", R"({"variable": "$.big", "numericEquals": 9007199254740992})", false},
        {"numericEquals: 2^53+1 exactly", R"({"variable": "$.big", "numericEquals": 9007199254740993})", true},
        {"numericEquals: 2^53+1 is not the double 2^53", R"({"variable": "$.big", "numericEquals": 9007199254740992.0})", false},
        {"numericEquals: 2^64-1 exactly", R"({"variable": "$.huge", "numericEquals": 18446744073709551615})", true},
        {"numericEquals: 2^64-1 is not the double 2^64", R"({"variable": "$.huge", "numericEquals": 1.8446744073709552e19})", false},
        {"numericLessThan: smaller", R"({"variable": "$.count", "numericLessThan": 42.5})", true},
        {"numericLessThan: equal", R"({"variable": "$.count", "numericLessThan": 42})", false},
        {"numericLessThan: negative and fraction", R"({"variable": "$.negative", "numericLessThan": -6.5})", true},
        {"numericLessThan: negative and unsigned", R"({"variable": "$.negative", "numericLessThan": 18446744073709551615})", true},
        {"numericLessThan: 2^64-1 below the double 2^64", R"({"variable": "$.huge", "numericLessThan": 1.8446744073709552e19})", true},
        {"numericGreaterThan: larger", R"({"variable": "$.count", "numericGreaterThan": 41.999})", true},
        {"numericGreaterThan: equal", R"({"variable": "$.count", "numericGreaterThan": 42})", false},
        {"numericGreaterThan: 2^53+1 above 2^53", R"({"variable": "$.big", "numericGreaterThan": 9007199254740992})", true},
        {"numericGreaterThan: 2^53+1 above the double 2^53", R"({"variable": "$.big", "numericGreaterThan": 9007199254740992.0})", true},
        {"numericGreaterThan: unsigned above int64 max", R"({"variable": "$.huge", "numericGreaterThan": 9223372036854775807})", true},
        {"numericGreaterThan: negative double", R"({"variable": "$.negative", "numericGreaterThan": -7.5})", true},
        {"numericGreaterThan: text", R"({"variable": "$.numberText", "numericGreaterThan": 0})", false},
        {"numericLessThanEquals: equal", R"({"variable": "$.count", "numericLessThanEquals": 42})", true},
        {"numericLessThanEquals: larger", R"({"variable": "$.count", "numericLessThanEquals": 41})", false},
        {"numericGreaterThanEquals: equal", R"({"variable": "$.count", "numericGreaterThanEquals": 42.0})", true},
        {"numericGreaterThanEquals: smaller", R"({"variable": "$.count", "numericGreaterThanEquals": 43})", false},
        {"numericEqualsPath: same", R"({"variable": "$.list[0]", "numericEqualsPath": "$.list[0]"})", true},
        {"numericEqualsPath: other", R"({"variable": "$.count", "numericEqualsPath": "$.limit"})", false},
        {"numericEqualsPath: path to text", R"({"variable": "$.count", "numericEqualsPath": "$.numberText"})", false},
        {"numericEqualsPath: path to nothing", R"({"variable": "$.count", "numericEqualsPath": "$.missing"})", false},
        {"numericLessThanPath: below the limit", R"({"variable": "$.count", "numericLessThanPath": "$.limit"})", true},
        {"numericLessThanPath: above", R"({"variable": "$.limit", "numericLessThanPath": "$.count"})", false},
        {"numericGreaterThanPath: above the count", R"({"variable": "$.limit", "numericGreaterThanPath": "$.count"})", true},
        {"numericGreaterThanPath: below the limit", R"({"variable": "$.count", "numericGreaterThanPath": "$.limit"})", false},
        {"numericGreaterThanPath: path to nothing", R"({"variable": "$.limit", "numericGreaterThanPath": "$.missing"})", false},
        {"numericLessThanEqualsPath: equal", R"({"variable": "$.count", "numericLessThanEqualsPath": "$.count"})", true},
        {"numericLessThanEqualsPath: above", R"({"variable": "$.limit", "numericLessThanEqualsPath": "$.count"})", false},
        {"numericGreaterThanEqualsPath: equal", R"({"variable": "$.limit", "numericGreaterThanEqualsPath": "$.limit"})", true},
        {"numericGreaterThanEqualsPath: below", R"({"variable": "$.count", "numericGreaterThanEqualsPath": "$.limit"})", false},

        // Booleans only match JSON booleans.
        {"booleanEquals: true", R"({"variable": "$.flag", "booleanEquals": true})", true},
        {"booleanEquals: false is not true", R"({"variable": "$.off", "booleanEquals": true})", false},
        {"booleanEquals: false", R"({"variable": "$.off", "booleanEquals": false})", true},
        {"booleanEquals: 0 is not false", R"({"variable": "$.list[0]", "booleanEquals": false})", false},
        {"booleanEquals: text is not true", R"({"variable": "$.name", "booleanEquals": true})", false},
        {"booleanEquals: null is not false", R"({"variable": "$.nothing", "booleanEquals": false})", false},
        {"booleanEquals: absent is not false", R"({"variable": "$.missing", "booleanEquals": false})", false},
        {"booleanEqualsPath: same", R"({"variable": "$.off", "booleanEqualsPath": "$.off"})", true},
        {"booleanEqualsPath: different", R"({"variable": "$.flag", "booleanEqualsPath": "$.off"})", false},
        {"booleanEqualsPath: path to text", R"({"variable": "$.flag", "booleanEqualsPath": "$.name"})", false},
        {"booleanEqualsPath: path to nothing", R"({"variable": "$.flag", "booleanEqualsPath": "$.missing"})", false},

        // Timestamps compare as instants, whatever their offsets and precision.
        {"timestampEquals: same text", R"({"variable": "$.when", "timestampEquals": "2024-03-10T12:00:00Z"})", true},
        {"timestampEquals: a second later", R"({"variable": "$.when", "timestampEquals": "2024-03-10T12:00:01Z"})", false},
        {"timestampEquals: +02:00 is the same instant", R"({"variable": "$.whenOffset", "timestampEquals": "2024-03-10T12:00:00Z"})", true},
        {"timestampEquals: -05:00 is the same instant", R"({"variable": "$.when", "timestampEquals": "2024-03-10T07:00:00-05:00"})", true},
        {"timestampEquals: trailing zeros", R"({"variable": "$.whenFraction", "timestampEquals": "2024-03-10T12:00:00.500Z"})", true},
        {"timestampEquals: finer than a millisecond", R"({"variable": "$.whenFraction", "timestampEquals": "2024-03-10T12:00:00.5000001Z"})", false},
        {"timestampEquals: 24:00 is the next midnight", R"({"variable": "$.when", "timestampEquals": "2024-03-09T24:00:00-12:00"})", true},
        {"timestampEquals: not a timestamp (space)", R"({"variable": "$.notTime", "timestampEquals": "2024-03-10T12:00:00Z"})", false},
        {"timestampEquals: lowercase t and z", R"({"variable": "$.lowercase", "timestampEquals": "2024-03-10T12:00:00Z"})", false},
        {"timestampEquals: a day that does not exist", R"({"variable": "$.noSuchDay", "timestampEquals": "2024-03-01T00:00:00Z"})", false},
        {"timestampEquals: number", R"({"variable": "$.count", "timestampEquals": "2024-03-10T12:00:00Z"})", false},
        {"timestampEquals: absent", R"({"variable": "$.missing", "timestampEquals": "2024-03-10T12:00:00Z"})", false},
        {"timestampLessThan: earlier", R"({"variable": "$.when", "timestampLessThan": "2024-03-10T12:00:00.001Z"})", true},
        {"timestampLessThan: later", R"({"variable": "$.whenLater", "timestampLessThan": "2024-03-10T12:00:00Z"})", false},
        {"timestampLessThan: offset crosses the day", R"({"variable": "$.when", "timestampLessThan": "2024-03-11T01:00:01+13:00"})", true},
        {"timestampLessThan: offset, same instant", R"({"variable": "$.when", "timestampLessThan": "2024-03-11T01:00:00+13:00"})", false},
        {"timestampLessThan: sub-millisecond", R"({"variable": "$.whenFraction", "timestampLessThan": "2024-03-10T12:00:00.5000001Z"})", true},
        {"timestampGreaterThan: later", R"({"variable": "$.whenFraction", "timestampGreaterThan": "2024-03-10T12:00:00Z"})", true},
        {"timestampGreaterThan: earlier", R"({"variable": "$.when", "timestampGreaterThan": "2024-03-10T12:00:00.1Z"})", false},
        {"timestampGreaterThan: years apart", R"({"variable": "$.when", "timestampGreaterThan": "1999-12-31T23:59:59.999Z"})", true},
        {"timestampLessThanEquals: same instant", R"({"variable": "$.whenOffset", "timestampLessThanEquals": "2024-03-10T12:00:00Z"})", true},
        {"timestampLessThanEquals: later", R"({"variable": "$.whenLater", "timestampLessThanEquals": "2024-03-10T12:00:00.999999Z"})", false},
        {"timestampGreaterThanEquals: same instant", R"({"variable": "$.when", "timestampGreaterThanEquals": "2024-03-10T13:00:00+01:00"})", true},
        {"timestampGreaterThanEquals: earlier", R"({"variable": "$.when", "timestampGreaterThanEquals": "2024-03-10T12:00:01Z"})", false},
        {"timestampEqualsPath: same instant, other offset", R"({"variable": "$.when", "timestampEqualsPath": "$.whenOffset"})", true},
        {"timestampEqualsPath: path to non-timestamp", R"({"variable": "$.when", "timestampEqualsPath": "$.notTime"})", false},
        {"timestampEqualsPath: path to nothing", R"({"variable": "$.when", "timestampEqualsPath": "$.missing"})", false},
        {"timestampLessThanPath: earlier", R"({"variable": "$.when", "timestampLessThanPath": "$.whenFraction"})", true},
        {"timestampLessThanPath: later", R"({"variable": "$.whenLater", "timestampLessThanPath": "$.when"})", false},
        {"timestampGreaterThanPath: later", R"({"variable": "$.whenLater", "timestampGreaterThanPath": "$.whenOffset"})", true},
        {"timestampGreaterThanPath: path to a number", R"({"variable": "$.whenLater", "timestampGreaterThanPath": "$.count"})", false},
        {"timestampLessThanEqualsPath: same instant", R"({"variable": "$.whenOffset", "timestampLessThanEqualsPath": "$.when"})", true},
        {"timestampLessThanEqualsPath: later", R"({"variable": "$.whenLater", "timestampLessThanEqualsPath": "$.when"})", false},
        {"timestampGreaterThanEqualsPath: same instant", R"({"variable": "$.when", "timestampGreaterThanEqualsPath": "$.whenOffset"})", true},
        {"timestampGreaterThanEqualsPath: earlier", R"({"variable": "$.when", "timestampGreaterThanEqualsPath": "$.whenLater"})", false},

        // Type tests.
        {"isPresent: present", R"({"variable": "$.name", "isPresent": true})", true},
        {"isPresent: null is present", R"({"variable": "$.nothing", "isPresent": true})", true},
        {"isPresent: absent", R"({"variable": "$.missing", "isPresent": true})", false},
        {"isPresent: false on absent", R"({"variable": "$.missing", "isPresent": false})", true},
        {"isPresent: false on present", R"({"variable": "$.name", "isPresent": false})", false},
        {"isPresent: false, parent absent", R"({"variable": "$.obj.x.y", "isPresent": false})", true},
        {"isPresent: false, index past the end", R"({"variable": "$.list[3]", "isPresent": false})", true},
        {"isPresent: false, field of a string", R"({"variable": "$.name.length", "isPresent": false})", true},
        {"isPresent: the whole input", R"({"variable": "$", "isPresent": true})", true},
        {"isNull: null", R"({"variable": "$.nothing", "isNull": true})", true},
        {"isNull: text", R"({"variable": "$.name", "isNull": true})", false},
        {"isNull: false on text", R"({"variable": "$.name", "isNull": false})", true},
        {"isNull: absent is not null", R"({"variable": "$.missing", "isNull": true})", false},
        {"isNull: false on absent", R"({"variable": "$.missing", "isNull": false})", false},
        {"isString: text", R"({"variable": "$.name", "isString": true})", true},
        {"isString: a timestamp is text", R"({"variable": "$.when", "isString": true})", true},
        {"isString: number", R"({"variable": "$.count", "isString": true})", false},
        {"isString: false on number", R"({"variable": "$.count", "isString": false})", true},
        {"isString: false on null", R"({"variable": "$.nothing", "isString": false})", true},
        {"isString: false on absent", R"({"variable": "$.missing", "isString": false})", false},
        {"isNumeric: double", R"({"variable": "$.ratio", "isNumeric": true})", true},
        {"isNumeric: large integer", R"({"variable": "$.huge", "isNumeric": true})", true},
        {"isNumeric: number kept as text", R"({"variable": "$.numberText", "isNumeric": true})", false},
        {"isNumeric: false on text", R"({"variable": "$.numberText", "isNumeric": false})", true},
        {"isNumeric: false on absent", R"({"variable": "$.missing", "isNumeric": false})", false},
        {"isBoolean: false is boolean", R"({"variable": "$.off", "isBoolean": true})", true},
        {"isBoolean: text", R"({"variable": "$.name", "isBoolean": true})", false},
        {"isBoolean: false on number", R"({"variable": "$.count", "isBoolean": false})", true},
        {"isBoolean: false on absent", R"({"variable": "$.missing", "isBoolean": false})", false},
        {"isTimestamp: Z", R"({"variable": "$.when", "isTimestamp": true})", true},
        {"isTimestamp: offset", R"({"variable": "$.whenOffset", "isTimestamp": true})", true},
        {"isTimestamp: fraction", R"({"variable": "$.whenFraction", "isTimestamp": true})", true},
        {"isTimestamp: space instead of T", R"({"variable": "$.notTime", "isTimestamp": true})", false},
        {"isTimestamp: a day that does not exist", R"({"variable": "$.noSuchDay", "isTimestamp": true})", false},
        {"isTimestamp: false on text", R"({"variable": "$.notTime", "isTimestamp": false})", true},
        {"isTimestamp: false on number", R"({"variable": "$.count", "isTimestamp": false})", true},
        {"isTimestamp: false on absent", R"({"variable": "$.missing", "isTimestamp": false})", false},

        // stringMatches: * is any run of characters, \* a star, \\ a backslash.
        {"stringMatches: trailing star", R"({"variable": "$.name", "stringMatches": "strat*"})", true},
        {"stringMatches: leading star", R"({"variable": "$.name", "stringMatches": "*tus"})", true},
        {"stringMatches: several stars", R"({"variable": "$.name", "stringMatches": "s*t*t*s"})", true},
        {"stringMatches: adjacent stars", R"({"variable": "$.name", "stringMatches": "s**s"})", true},
        {"stringMatches: star for the whole", R"({"variable": "$.name", "stringMatches": "*"})", true},
        {"stringMatches: star matches empty", R"({"variable": "$.empty", "stringMatches": "*"})", true},
        {"stringMatches: empty pattern, empty text", R"({"variable": "$.empty", "stringMatches": ""})", true},
        {"stringMatches: empty pattern, text", R"({"variable": "$.name", "stringMatches": ""})", false},
        {"stringMatches: whole text, not a part", R"({"variable": "$.name", "stringMatches": "strat"})", false},
        {"stringMatches: needs two a's", R"({"variable": "$.name", "stringMatches": "*a*a*"})", false},
        {"stringMatches: backtracks past a false start", R"({"variable": "$.name", "stringMatches": "st*tus"})", true},
        {"stringMatches: case matters", R"({"variable": "$.name", "stringMatches": "S*"})", false},
        {"stringMatches: escaped star is a star", R"({"variable": "$.star", "stringMatches": "a\\*b"})", true},
        {"stringMatches: escaped star is not a wildcard", R"({"variable": "$.axb", "stringMatches": "a\\*b"})", false},
        {"stringMatches: escaped backslash", R"({"variable": "$.backslash", "stringMatches": "a\\\\b"})", true},
        {"stringMatches: backslash then star", R"({"variable": "$.file", "stringMatches": "C:\\\\*.txt"})", true},
        {"stringMatches: ? is an ordinary character", R"({"variable": "$.accent", "stringMatches": "?"})", false},
        {"stringMatches: star over a multibyte character", R"({"variable": "$.emoji", "stringMatches": "*"})", true},
        {"stringMatches: multibyte literal", R"({"variable": "$.accent", "stringMatches": "\u00e9"})", true},
        {"stringMatches: number", R"({"variable": "$.count", "stringMatches": "*"})", false},
        {"stringMatches: absent", R"({"variable": "$.missing", "stringMatches": "*"})", false},

        // Path forms.
        {"path: index", R"({"variable": "$.list[0]", "numericEquals": 10})", true},
        {"path: second index", R"({"variable": "$.list[1]", "stringEquals": "two"})", true},
        {"path: field of an element", R"({"variable": "$.list[2].deep", "stringEquals": "x"})", true},
        {"path: quoted key with a space", R"({"variable": "$['odd key']", "stringEquals": "spaced"})", true},
        {"path: nested fields", R"({"variable": "$.obj.a.b", "stringEquals": "nested"})", true},
        {"path: nested quoted keys", R"({"variable": "$['obj']['a'].b", "stringEquals": "nested"})", true},
        {"path: index into an object", R"({"variable": "$.obj[0]", "isPresent": true})", false},
        {"path: field of an array", R"({"variable": "$.list.a", "isPresent": true})", false},
        {"path: huge index", R"({"variable": "$.list[99999999999999999999999]", "isPresent": true})", false},
    };
    return cases;
}

Json parsed(const char *text)
{
    return Json::parse(text);
}

} // namespace

class TestChoiceEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void comparisons_data();
    void comparisons();
    void everyOperatorHoldsAndFails();
    void selectsPathForms_data();
    void selectsPathForms();
    void combinators_data();
    void combinators();
    void brokenConditionsNeverHold_data();
    void brokenConditionsNeverHold();
    void deepNestingDoesNotCrash();
    void firstMatchingRulePicksThePort();
    void noPortWhenNothingMatches();
};

void TestChoiceEval::comparisons_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<bool>("holds");
    for (const Case &c : comparisonCases())
        QTest::newRow(c.name) << QByteArray(c.condition) << c.holds;
}

void TestChoiceEval::comparisons()
{
    QFETCH(QByteArray, condition);
    QFETCH(bool, holds);
    const Json c = Json::parse(condition.toStdString());
    // Each row must be a condition the validator accepts; otherwise it would
    // test the handling of broken conditions instead.
    const auto problems = checkChoiceCondition(c, "condition");
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
    QCOMPARE(choiceConditionHolds(c, parsed(kInput)), holds);
    QCOMPARE(choiceConditionHolds(Json{{"not", c}}, parsed(kInput)), !holds);
}

void TestChoiceEval::everyOperatorHoldsAndFails()
{
    std::set<std::string> holding, failing;
    for (const Case &c : comparisonCases()) {
        const std::string name = c.name;
        (c.holds ? holding : failing).insert(name.substr(0, name.find(':')));
    }
    for (const ChoiceOperator &op : choiceOperators()) {
        QVERIFY2(holding.count(op.name), op.name);
        QVERIFY2(failing.count(op.name), op.name);
    }
}

void TestChoiceEval::selectsPathForms_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("selected"); // JSON text; empty when nothing is selected
    QTest::newRow("root") << "$" << QByteArray(R"({"a":{"b c":[1,{"d":true}]},"x-y":null})");
    QTest::newRow("field") << "$.a" << QByteArray(R"({"b c":[1,{"d":true}]})");
    QTest::newRow("quoted key") << "$.a['b c']" << QByteArray("[1,{\"d\":true}]");
    QTest::newRow("index") << "$.a['b c'][0]" << QByteArray("1");
    QTest::newRow("field after index") << "$.a['b c'][1].d" << QByteArray("true");
    QTest::newRow("hyphen in a name") << "$.x-y" << QByteArray("null");
    QTest::newRow("missing field") << "$.b" << QByteArray();
    QTest::newRow("index past the end") << "$.a['b c'][2]" << QByteArray();
    QTest::newRow("index into an object") << "$.a[0]" << QByteArray();
    QTest::newRow("field of a number") << "$.a['b c'][0].d" << QByteArray();
    // Not paths at all (isChoicePath rejects them too).
    for (const char *broken : {"", "a", "$.", "$..a", "$.1a", "$[x]", "$[]", "$[-1]", "$['a]", "$['a'",
                               "$ .a", "$.a b", "$['it's']", "$.a[0", "$a"})
        QTest::newRow(qPrintable(QStringLiteral("not a path: ") + QString::fromLatin1(broken)))
            << QString::fromLatin1(broken) << QByteArray();
}

void TestChoiceEval::selectsPathForms()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, selected);
    const Json input = parsed(R"({"a": {"b c": [1, {"d": true}]}, "x-y": null})");
    const auto found = selectChoicePath(input, path.toStdString());
    QCOMPARE(found.has_value(), !selected.isEmpty());
    if (found)
        QCOMPARE(QByteArray::fromStdString(found->dump()), selected);
    // The walker's grammar is isChoicePath's: a path it refuses is not a path,
    // so even isPresent:false cannot hold for it.
    const bool isPath = isChoicePath(path.toStdString());
    const Json absentTest = {{"variable", path.toStdString()}, {"isPresent", false}};
    QCOMPARE(choiceConditionHolds(absentTest, input), isPath && !found);
    if (found)
        QVERIFY(isPath);
}

void TestChoiceEval::combinators_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<bool>("holds");
    const auto row = [](const char *name, const char *condition, bool holds) {
        QTest::newRow(name) << QByteArray(condition) << holds;
    };
    row("and: all hold",
        R"({"and": [{"variable": "$.count", "numericGreaterThan": 40}, {"variable": "$.count", "numericLessThan": 50}]})",
        true);
    row("and: one fails",
        R"({"and": [{"variable": "$.count", "numericGreaterThan": 40}, {"variable": "$.count", "numericLessThan": 42}]})",
        false);
    row("and: one",
        R"({"and": [{"variable": "$.flag", "booleanEquals": true}]})", true);
    row("or: one holds",
        R"({"or": [{"variable": "$.name", "stringEquals": "x"}, {"variable": "$.name", "stringEquals": "stratus"}]})",
        true);
    row("or: none holds",
        R"({"or": [{"variable": "$.name", "stringEquals": "x"}, {"variable": "$.name", "stringEquals": "y"}]})",
        false);
    row("not: negates", R"({"not": {"variable": "$.flag", "booleanEquals": true}})", false);
    row("not: absent variable", R"({"not": {"variable": "$.missing", "stringEquals": "x"}})", true);
    row("not not", R"({"not": {"not": {"variable": "$.flag", "booleanEquals": true}}})", true);
    row("nested: in the twenties and not private",
        R"({"and": [
             {"or": [{"variable": "$.count", "numericLessThan": 0},
                     {"and": [{"variable": "$.count", "numericGreaterThanEquals": 20},
                              {"variable": "$.count", "numericLessThan": 50}]}]},
             {"not": {"variable": "$.type", "stringEquals": "Private"}}]})",
        true);
    row("nested: guard an optional field",
        R"({"and": [{"variable": "$.type", "isPresent": true}, {"variable": "$.type", "stringEquals": "Private"}]})",
        false);
    row("nested: default for an optional field",
        R"({"or": [{"variable": "$.type", "isPresent": false}, {"variable": "$.type", "stringEquals": "Private"}]})",
        true);
}

void TestChoiceEval::combinators()
{
    QFETCH(QByteArray, condition);
    QFETCH(bool, holds);
    const Json c = Json::parse(condition.toStdString());
    QVERIFY(checkChoiceCondition(c, "condition").empty());
    QCOMPARE(choiceConditionHolds(c, parsed(R"({"count": 42, "name": "stratus", "flag": true})")), holds);
}

void TestChoiceEval::brokenConditionsNeverHold_data()
{
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<bool>("validatorRejects");
    const auto row = [](const char *name, const char *condition, bool validatorRejects = true) {
        QTest::newRow(name) << QByteArray(condition) << validatorRejects;
    };
    row("not an object", R"("x")");
    row("a list", R"([{"variable": "$.a", "isPresent": false}])");
    row("null", "null");
    row("empty object", "{}");
    row("no variable", R"({"isPresent": false})");
    row("variable not a string", R"({"variable": 1, "isPresent": false})");
    row("variable not a path", R"({"variable": "a", "isPresent": false})");
    row("unknown operator", R"({"variable": "$.a", "stringContains": "x"})");
    row("two operators", R"({"variable": "$.a", "isPresent": false, "isNull": false})");
    row("and: empty", R"({"and": []})");
    row("or: not a list", R"({"or": {"variable": "$.a", "isPresent": false}})");
    row("not: a list", R"({"not": [{"variable": "$.a", "isPresent": true}]})");
    row("and beside a comparison", R"({"and": [{"variable": "$.a", "isPresent": false}], "variable": "$.a"})");
    row("broken inside and", R"({"and": [{"variable": "$.a", "isPresent": false}, {"variable": "$.a"}]})");
    row("number as text", R"({"variable": "$.a", "numericLessThan": "5"})");
    row("timestamp that is not one", R"({"variable": "$.a", "timestampLessThan": "yesterday"})");
    row("type test with text", R"({"variable": "$.a", "isNull": "false"})");
    row("isPresent with a number", R"({"variable": "$.a", "isPresent": 0})");
    row("Path operator with a non-path", R"({"variable": "$.a", "stringEqualsPath": "b"})");
    row("booleanEquals with text", R"({"variable": "$.a", "booleanEquals": "false"})");
    // The validator takes any string as a pattern; Step Functions fails the
    // execution on a backslash that escapes neither * nor \.
    row("stringMatches: open escape", R"({"variable": "$.a", "stringMatches": "a\\b"})", false);
    row("stringMatches: trailing backslash", R"({"variable": "$.a", "stringMatches": "ab\\"})", false);
}

void TestChoiceEval::brokenConditionsNeverHold()
{
    QFETCH(QByteArray, condition);
    QFETCH(bool, validatorRejects);
    const Json c = Json::parse(condition.toStdString());
    QCOMPARE(!checkChoiceCondition(c, "condition").empty(), validatorRejects);
    const Json input = parsed(R"({"b": "x"})");
    QVERIFY(!choiceConditionHolds(c, input));
    QVERIFY(!choiceConditionHolds(Json{{"not", c}}, input));
    QCOMPARE(chooseChoicePort(Json::array({{{"port", "p"}, {"condition", c}}}), input), std::nullopt);
}

void TestChoiceEval::deepNestingDoesNotCrash()
{
    const Json input = parsed(R"({"a": 1})");
    const auto nestedNots = [](int depth) {
        Json c = {{"variable", "$.a"}, {"numericEquals", 1}};
        for (int i = 0; i < depth; ++i) {
            Json wrapper = Json::object();
            wrapper["not"] = std::move(c);
            c = std::move(wrapper);
        }
        return c;
    };
    // As deep as the validator allows: evaluated normally.
    QVERIFY(checkChoiceCondition(nestedNots(64), "c").empty());
    QVERIFY(choiceConditionHolds(nestedNots(64), input));
    QVERIFY(!choiceConditionHolds(nestedNots(63), input));
    // Deeper: broken, so never holds, however deep, and without recursing that far.
    QVERIFY(!checkChoiceCondition(nestedNots(65), "c").empty());
    QVERIFY(!choiceConditionHolds(nestedNots(65), input));
    QVERIFY(!choiceConditionHolds(nestedNots(100000), input));

    Json deepOr = {{"variable", "$.a"}, {"numericEquals", 1}};
    for (int i = 0; i < 10000; ++i) {
        Json alternatives = Json::array();
        alternatives.push_back(Json{{"variable", "$.a"}, {"isNull", true}});
        alternatives.push_back(std::move(deepOr));
        deepOr = Json::object();
        deepOr["or"] = std::move(alternatives);
    }
    QVERIFY(!choiceConditionHolds(deepOr, input));

    // A long path through deep input is walked without recursion.
    Json deepInput = "bottom";
    std::string path = "$";
    for (int i = 0; i < 20000; ++i) {
        Json wrapper = Json::object();
        wrapper["a"] = std::move(deepInput);
        deepInput = std::move(wrapper);
        path += ".a";
    }
    QCOMPARE(selectChoicePath(deepInput, path), std::optional<Json>("bottom"));

    // Many stars do not blow up matching either.
    const std::string stars(2000, '*');
    const Json manyStars = {{"variable", "$.s"}, {"stringMatches", stars + "b" + stars + "c"}};
    QVERIFY(!choiceConditionHolds(manyStars, Json{{"s", std::string(5000, 'a') + "b"}}));
    QVERIFY(choiceConditionHolds(manyStars, Json{{"s", std::string(5000, 'a') + "bc"}}));
}

void TestChoiceEval::firstMatchingRulePicksThePort()
{
    const Json rules = parsed(R"([
        {"port": "small", "condition": {"variable": "$.count", "numericLessThan": 10}},
        {"port": "answer", "condition": {"variable": "$.count", "numericEquals": 42}},
        {"port": "big", "condition": {"variable": "$.count", "numericGreaterThan": 10}}
    ])");
    // 42 matches both "answer" and "big"; the earlier rule wins.
    QCOMPARE(chooseChoicePort(rules, parsed(R"({"count": 42})")), std::optional<std::string>("answer"));
    QCOMPARE(chooseChoicePort(rules, parsed(R"({"count": 43})")), std::optional<std::string>("big"));
    QCOMPARE(chooseChoicePort(rules, parsed(R"({"count": 3})")), std::optional<std::string>("small"));

    // Rules that are not {port, condition} are passed over, not fatal.
    const Json untidy = parsed(R"([
        5,
        {"condition": {"variable": "$", "isPresent": true}},
        {"port": 7, "condition": {"variable": "$", "isPresent": true}},
        {"port": "no condition"},
        {"port": "ok", "condition": {"variable": "$", "isPresent": true}}
    ])");
    QCOMPARE(chooseChoicePort(untidy, parsed("{}")), std::optional<std::string>("ok"));
}

void TestChoiceEval::noPortWhenNothingMatches()
{
    const Json rules = parsed(R"([
        {"port": "private", "condition": {"variable": "$.type", "stringEquals": "Private"}},
        {"port": "zero", "condition": {"variable": "$.value", "numericEquals": 0}}
    ])");
    // The caller then takes "default".
    QCOMPARE(chooseChoicePort(rules, parsed(R"({"type": "Public", "value": 1})")), std::nullopt);
    QCOMPARE(chooseChoicePort(rules, parsed("{}")), std::nullopt);
    QCOMPARE(chooseChoicePort(rules, parsed("[]")), std::nullopt);
    QCOMPARE(chooseChoicePort(Json::array(), parsed("{}")), std::nullopt);
    QCOMPARE(chooseChoicePort(parsed(R"({"port": "p"})"), parsed("{}")), std::nullopt);
    QCOMPARE(chooseChoicePort(Json(), parsed("{}")), std::nullopt);
}

QTEST_GUILESS_MAIN(TestChoiceEval)
#include "tst_choiceeval.moc"
