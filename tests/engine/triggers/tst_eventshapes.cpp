// engine/triggers/eventshapes.h: the events AWS's queue, table and bucket
// send, checked against the examples AWS documents (same inputs in, the
// documented event out, key by key and in order), and DynamoDB's typed values.

#include "engine/triggers/eventshapes.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <set>

using namespace stratus::engine;
using namespace stratus::engine::shapes;

Q_DECLARE_METATYPE(std::vector<std::string>)
Q_DECLARE_METATYPE(stratus::engine::Json)

namespace {

Json parsed(const char *text)
{
    return Json::parse(text, nullptr, false);
}

/// Where `actual` first differs from `expected` ("" when they are the same),
/// key order included: the path and both values, for a readable failure.
std::string firstDifference(const Json &actual, const Json &expected, const std::string &path = "$")
{
    const bool bothIntegers = actual.is_number_integer() && expected.is_number_integer();
    if (actual.type() != expected.type() && !bothIntegers)
        return path + ": " + actual.dump() + " instead of " + expected.dump();
    if (actual.is_object()) {
        auto a = actual.begin();
        auto e = expected.begin();
        for (; a != actual.end() && e != expected.end(); ++a, ++e) {
            if (a.key() != e.key())
                return path + ": key '" + a.key() + "' where the example has '" + e.key() + "'";
            const std::string inner = firstDifference(a.value(), e.value(), path + "." + a.key());
            if (!inner.empty())
                return inner;
        }
        if (a != actual.end())
            return path + ": extra key '" + a.key() + "'";
        if (e != expected.end())
            return path + ": missing key '" + e.key() + "'";
        return {};
    }
    if (actual.is_array()) {
        if (actual.size() != expected.size())
            return path + ": " + std::to_string(actual.size()) + " elements instead of "
                   + std::to_string(expected.size());
        for (size_t i = 0; i < actual.size(); ++i) {
            const std::string inner = firstDifference(actual[i], expected[i], path + "[" + std::to_string(i) + "]");
            if (!inner.empty())
                return inner;
        }
        return {};
    }
    // Numbers compare as the text they are sent as: 1 signed and 1 unsigned
    // are the same on the wire, 1 and 1.0 are not.
    const bool same = actual.is_number() ? actual.dump() == expected.dump() : actual == expected;
    return same ? std::string() : path + ": " + actual.dump() + " instead of " + expected.dump();
}

#define COMPARE_JSON(actual, expected)                                                                       \
    do {                                                                                                     \
        const std::string difference_ = firstDifference((actual), (expected));                               \
        QVERIFY2(difference_.empty(), difference_.c_str());                                                  \
    } while (false)

/// 1 inside `levels` lists.
Json nested(int levels)
{
    Json value = 1;
    for (int i = 0; i < levels; ++i)
        value = Json::array({std::move(value)});
    return value;
}

} // namespace

class TestEventShapes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void md5IsHex_data();
    void md5IsHex();

    void sqsEventMatchesTheLambdaGuide();
    void sqsMessageAttributesTakeLambdasShape_data();
    void sqsMessageAttributesTakeLambdasShape();
    void batchItemFailuresFollowLambdasRules_data();
    void batchItemFailuresFollowLambdasRules();

    void valuesRoundTripThroughTypedValues_data();
    void valuesRoundTripThroughTypedValues();
    void numberTextReadsAsExactJson_data();
    void numberTextReadsAsExactJson();
    void numberTextFollowsDynamoDbsLimits_data();
    void numberTextFollowsDynamoDbsLimits();
    void unholdableValuesAreRefused_data();
    void unholdableValuesAreRefused();
    void itemsNeedObjectsAndNames();
    void hostileTypedValuesReadWithoutThrowing_data();
    void hostileTypedValuesReadWithoutThrowing();
    void deepNestingNeverExhaustsTheStack();

    void streamRecordSizesMatchDynamoDb_data();
    void streamRecordSizesMatchDynamoDb();
    void streamEventMatchesTheDynamoDbTutorial();
    void streamEventMatchesTheLambdaGuidesRecords();

    void s3EventMatchesTheS3Guide();
    void s3RemovedObjectHasNoSizeOrETag();
    void s3KeysAreEncodedAsS3Does_data();
    void s3KeysAreEncodedAsS3Does();
};

void TestEventShapes::md5IsHex_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("md5");
    QTest::newRow("empty") << QByteArray("") << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
    // The two bodies of the Lambda guide's SQS examples, with their md5OfBody.
    QTest::newRow("test") << QByteArray("test") << QByteArray("098f6bcd4621d373cade4e832627b4f6");
    QTest::newRow("Test message.") << QByteArray("Test message.") << QByteArray("e4e68fb7bd0e697a0ae8f1bb342846b3");
}

void TestEventShapes::md5IsHex()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, md5);
    QCOMPARE(QByteArray::fromStdString(md5Hex(text.toStdString())), md5);
}

// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example
// standard queue message event".
void TestEventShapes::sqsEventMatchesTheLambdaGuide()
{
    const Json documented = parsed(R"({
    "Records": [
        {
            "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
            "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
            "body": "Test message.",
            "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
            },
            "messageAttributes": {
                "myAttribute": {
                    "stringValue": "myValue",
                    "stringListValues": [],
                    "binaryListValues": [],
                    "dataType": "String"
                }
            },
            "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
            "awsRegion": "us-east-2"
        },
        {
            "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
            "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
            "body": "Test message.",
            "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082650636",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082650649"
            },
            "messageAttributes": {},
            "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
            "awsRegion": "us-east-2"
        }
    ]
})");
    QVERIFY(!documented.is_discarded());

    SqsMessage first;
    first.messageId = "059f36b4-87a3-44ab-83d2-661975830a7d";
    first.receiptHandle = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...";
    first.body = "Test message.";
    first.sentTimestampMs = 1545082649183;
    first.firstReceiveTimestampMs = 1545082649185;
    first.receiveCount = 1;
    first.senderId = "AIDAIENQZJOLO23YVJ4VO";
    // As SendMessage took it.
    first.messageAttributes = parsed(R"({"myAttribute": {"DataType": "String", "StringValue": "myValue"}})");

    SqsMessage second = first;
    second.messageId = "2e1424d4-f796-459a-8184-9c92662be6da";
    second.receiptHandle = "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...";
    second.sentTimestampMs = 1545082650636;
    second.firstReceiveTimestampMs = 1545082650649;
    second.messageAttributes = Json::object();

    const Place place{"us-east-2", "123456789012"};
    QCOMPARE(sqsQueueArn("my-queue", place), std::string("arn:aws:sqs:us-east-2:123456789012:my-queue"));
    COMPARE_JSON(sqsEvent({first, second}, "my-queue", place), documented);
    COMPARE_JSON(sqsEvent({}, "my-queue", place), parsed(R"({"Records": []})"));
}

void TestEventShapes::sqsMessageAttributesTakeLambdasShape_data()
{
    QTest::addColumn<QByteArray>("held");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("number") << QByteArray(R"({"n": {"DataType": "Number", "StringValue": "100"}})")
                            << QByteArray(R"({"n": {"stringValue": "100", "stringListValues": [], "binaryListValues": [], "dataType": "Number"}})");
    QTest::newRow("binary") << QByteArray(R"({"b": {"DataType": "Binary", "BinaryValue": "MTEwMA=="}})")
                            << QByteArray(R"({"b": {"binaryValue": "MTEwMA==", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"}})");
    QTest::newRow("custom binary type") << QByteArray(R"({"b": {"DataType": "Binary.gif", "BinaryValue": "R0lG"}})")
                                        << QByteArray(R"({"b": {"binaryValue": "R0lG", "stringListValues": [], "binaryListValues": [], "dataType": "Binary.gif"}})");
    QTest::newRow("already lowerCamel") << QByteArray(R"({"s": {"dataType": "String", "stringValue": "x", "stringListValues": ["abc", 1]}})")
                                        << QByteArray(R"({"s": {"stringValue": "x", "stringListValues": ["abc"], "binaryListValues": [], "dataType": "String"}})");
    QTest::newRow("no data type") << QByteArray(R"({"s": {"StringValue": "x"}, "b": {"BinaryValue": "AA=="}})")
                                  << QByteArray(R"({"s": {"stringValue": "x", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                                                    "b": {"binaryValue": "AA==", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"}})");
    QTest::newRow("not attributes") << QByteArray(R"({"a": 1, "b": "x", "c": null})") << QByteArray("{}");
    QTest::newRow("not an object") << QByteArray(R"([1, 2])") << QByteArray("{}");
}

void TestEventShapes::sqsMessageAttributesTakeLambdasShape()
{
    QFETCH(QByteArray, held);
    QFETCH(QByteArray, shown);
    SqsMessage message;
    message.messageAttributes = parsed(held.constData());
    const Json event = sqsEvent({message}, "q", Place());
    COMPARE_JSON(event["Records"][0]["messageAttributes"], parsed(shown.constData()));
}

void TestEventShapes::batchItemFailuresFollowLambdasRules_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<std::vector<std::string>>("failed");
    const std::vector<std::string> none;
    const std::vector<std::string> all{"a", "b", "c"};
    // Complete success: no list, a null or empty list, an empty or null response.
    QTest::newRow("null response") << QByteArray("null") << none;
    QTest::newRow("empty response") << QByteArray("{}") << none;
    QTest::newRow("not an object") << QByteArray(R"("done")") << none;
    QTest::newRow("no list") << QByteArray(R"({"statusCode": 200})") << none;
    QTest::newRow("null list") << QByteArray(R"({"batchItemFailures": null})") << none;
    QTest::newRow("empty list") << QByteArray(R"({"batchItemFailures": []})") << none;
    // Partial: exactly the named messages, in the batch's order, once each.
    QTest::newRow("one") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "b"}]})")
                         << std::vector<std::string>{"b"};
    QTest::newRow("two, batch order") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "c"}, {"itemIdentifier": "a"}]})")
                                      << std::vector<std::string>{"a", "c"};
    QTest::newRow("named twice") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "b"}, {"itemIdentifier": "b"}]})")
                                 << std::vector<std::string>{"b"};
    QTest::newRow("extra fields") << QByteArray(R"({"statusCode": 200, "batchItemFailures": [{"itemIdentifier": "a", "why": "x"}]})")
                                  << std::vector<std::string>{"a"};
    // Complete failure: the whole batch goes back.
    QTest::newRow("unknown id") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "z"}]})") << all;
    QTest::newRow("known and unknown") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "z"}]})") << all;
    QTest::newRow("empty id") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": ""}]})") << all;
    QTest::newRow("null id") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": null}]})") << all;
    QTest::newRow("bad key name") << QByteArray(R"({"batchItemFailures": [{"itemidentifier": "a"}]})") << all;
    QTest::newRow("number id") << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": 1}]})") << all;
    QTest::newRow("entry not an object") << QByteArray(R"({"batchItemFailures": ["a"]})") << all;
    QTest::newRow("list not a list") << QByteArray(R"({"batchItemFailures": "a"})") << all;
    QTest::newRow("list an object") << QByteArray(R"({"batchItemFailures": {"itemIdentifier": "a"}})") << all;
}

void TestEventShapes::batchItemFailuresFollowLambdasRules()
{
    QFETCH(QByteArray, result);
    QFETCH(std::vector<std::string>, failed);
    const Json response = parsed(result.constData());
    QVERIFY(!response.is_discarded());
    QCOMPARE(batchItemFailures(response, {"a", "b", "c"}), failed);
}

void TestEventShapes::valuesRoundTripThroughTypedValues_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("typed");
    QTest::addColumn<QByteArray>("back"); // empty: the same as plain
    QTest::newRow("string") << QByteArray(R"("hello")") << QByteArray(R"({"S": "hello"})") << QByteArray();
    QTest::newRow("empty string") << QByteArray(R"("")") << QByteArray(R"({"S": ""})") << QByteArray();
    QTest::newRow("unicode") << QByteArray("\"caf\xc3\xa9 \xe2\x98\x95\"") << QByteArray("{\"S\": \"caf\xc3\xa9 \xe2\x98\x95\"}") << QByteArray();
    QTest::newRow("true") << QByteArray("true") << QByteArray(R"({"BOOL": true})") << QByteArray();
    QTest::newRow("false") << QByteArray("false") << QByteArray(R"({"BOOL": false})") << QByteArray();
    QTest::newRow("null") << QByteArray("null") << QByteArray(R"({"NULL": true})") << QByteArray();
    QTest::newRow("integer") << QByteArray("42") << QByteArray(R"({"N": "42"})") << QByteArray();
    QTest::newRow("zero") << QByteArray("0") << QByteArray(R"({"N": "0"})") << QByteArray();
    QTest::newRow("negative") << QByteArray("-7") << QByteArray(R"({"N": "-7"})") << QByteArray();
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << QByteArray(R"({"N": "-9223372036854775808"})") << QByteArray();
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << QByteArray(R"({"N": "9223372036854775808"})") << QByteArray();
    QTest::newRow("uint64 max") << QByteArray("18446744073709551615") << QByteArray(R"({"N": "18446744073709551615"})") << QByteArray();
    QTest::newRow("decimal") << QByteArray("0.1") << QByteArray(R"({"N": "0.1"})") << QByteArray();
    QTest::newRow("negative decimal") << QByteArray("-2.5") << QByteArray(R"({"N": "-2.5"})") << QByteArray();
    QTest::newRow("17 digits") << QByteArray("123456.78901234567") << QByteArray(R"({"N": "123456.78901234567"})") << QByteArray();
    QTest::newRow("small") << QByteArray("1.5e-7") << QByteArray(R"({"N": "0.00000015"})") << QByteArray();
    QTest::newRow("large") << QByteArray("1e100") << QByteArray(R"({"N": "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})") << QByteArray();
    QTest::newRow("smallest") << QByteArray("1e-130") << QByteArray(R"({"N": "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"})") << QByteArray();
    QTest::newRow("largest") << QByteArray("9.999e125") << QByteArray(R"({"N": "999900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})") << QByteArray();
    // The double nearest 1e126 lies just under DynamoDB's largest number; as
    // text ("1e126") it is refused, see numberTextFollowsDynamoDbsLimits.
    QTest::newRow("1e126 as a double") << QByteArray("1e126") << QByteArray(R"({"N": "999999999999999900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})") << QByteArray();
    // Numbers are written in DynamoDB's own form, as the local endpoint writes
    // them (no exponent, no needless zeros): a key is the same text either way.
    // A whole double reads back as the integer DynamoDB would return ("3").
    QTest::newRow("whole double") << QByteArray("3.0") << QByteArray(R"({"N": "3"})") << QByteArray("3");
    QTest::newRow("empty list") << QByteArray("[]") << QByteArray(R"({"L": []})") << QByteArray();
    QTest::newRow("empty map") << QByteArray("{}") << QByteArray(R"({"M": {}})") << QByteArray();
    QTest::newRow("list") << QByteArray(R"([1, "x", null, true])")
                          << QByteArray(R"({"L": [{"N": "1"}, {"S": "x"}, {"NULL": true}, {"BOOL": true}]})") << QByteArray();
    QTest::newRow("nested") << QByteArray(R"({"z": [1, {"b": [[]]}], "a": {"d": {"e": "f"}}})")
                            << QByteArray(R"({"M": {"z": {"L": [{"N": "1"}, {"M": {"b": {"L": [{"L": []}]}}}]},
                                                    "a": {"M": {"d": {"M": {"e": {"S": "f"}}}}}}})")
                            << QByteArray();
}

void TestEventShapes::valuesRoundTripThroughTypedValues()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, typed);
    QFETCH(QByteArray, back);
    const Json value = parsed(plain.constData());
    QVERIFY(!value.is_discarded());
    const auto converted = toAttributeValue(value);
    QVERIFY2(converted, converted.status().message().c_str());
    COMPARE_JSON(converted.value(), parsed(typed.constData()));
    COMPARE_JSON(fromAttributeValue(converted.value()), back.isEmpty() ? value : parsed(back.constData()));

    // The same value as an item's attribute.
    const Json object{{"k", value}};
    const auto item = toItem(object);
    QVERIFY(item);
    COMPARE_JSON(item.value(), Json({{"k", parsed(typed.constData())}}));
    COMPARE_JSON(fromItem(item.value()), Json({{"k", back.isEmpty() ? value : parsed(back.constData())}}));
}

void TestEventShapes::numberTextReadsAsExactJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("plain");
    QTest::newRow("integer") << QByteArray("101") << QByteArray("101");
    QTest::newRow("2^63") << QByteArray("9223372036854775808") << QByteArray("9223372036854775808");
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << QByteArray("-9223372036854775808");
    QTest::newRow("2^64 stays text") << QByteArray("18446744073709551616") << QByteArray(R"("18446744073709551616")");
    QTest::newRow("38 digits stay text") << QByteArray("12345678901234567890123456789012345678")
                                         << QByteArray(R"("12345678901234567890123456789012345678")");
    QTest::newRow("38-digit decimal stays text") << QByteArray("0.12345678901234567890123456789012345678")
                                                 << QByteArray(R"("0.12345678901234567890123456789012345678")");
    QTest::newRow("exact in a double") << QByteArray("0.1") << QByteArray("0.1");
    QTest::newRow("trailing zeros") << QByteArray("1.10") << QByteArray("1.1");
    QTest::newRow("not in a double") << QByteArray("0.1000000000000000000001") << QByteArray(R"("0.1000000000000000000001")");
    QTest::newRow("exponent, whole") << QByteArray("1E2") << QByteArray("100");
    QTest::newRow("exponent, past uint64") << QByteArray("1E+20") << QByteArray("1e20");
    QTest::newRow("smallest") << QByteArray("1E-130") << QByteArray("1e-130");
    QTest::newRow("negative zero") << QByteArray("-0.00") << QByteArray("0");
    QTest::newRow("leading zeros") << QByteArray("007") << QByteArray("7");
    QTest::newRow("not a number") << QByteArray("abc") << QByteArray(R"("abc")");
    QTest::newRow("empty") << QByteArray("") << QByteArray(R"("")");
    QTest::newRow("huge exponent") << QByteArray("1e99999999999999999999") << QByteArray(R"("1e99999999999999999999")");
}

void TestEventShapes::numberTextReadsAsExactJson()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, plain);
    const Json read = fromAttributeValue(Json{{"N", text.toStdString()}});
    const Json expected = parsed(plain.constData());
    COMPARE_JSON(read, expected);
    // Same type as the parser gives: 101 unsigned, -9223372036854775808 signed.
    QCOMPARE(read.type(), expected.type());
}

void TestEventShapes::numberTextFollowsDynamoDbsLimits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("refusal"); // empty: accepted
    QTest::newRow("38 digits") << QByteArray("12345678901234567890123456789012345678") << QString();
    QTest::newRow("39 digits") << QByteArray("123456789012345678901234567890123456789") << QString("39 significant digits");
    QTest::newRow("39 digits after the point") << QByteArray("0.123456789012345678901234567890123456789") << QString("39 significant digits");
    QTest::newRow("zeros do not count") << QByteArray("000120000000000000000000000000000000000000000000.000") << QString();
    QTest::newRow("largest") << QByteArray("9.9999999999999999999999999999999999999E+125") << QString();
    QTest::newRow("1e126") << QByteArray("1e126") << QString("over DynamoDB's largest");
    QTest::newRow("-1e126") << QByteArray("-1E+126") << QString("over DynamoDB's largest");
    QTest::newRow("smallest") << QByteArray("1E-130") << QString();
    QTest::newRow("negative smallest") << QByteArray("-1E-130") << QString();
    QTest::newRow("1e-131") << QByteArray("1e-131") << QString("under DynamoDB's smallest");
    QTest::newRow("0.1e-129") << QByteArray("0.1e-129") << QString();
    QTest::newRow("zero, any exponent") << QByteArray("0e999") << QString();
    QTest::newRow("plus sign") << QByteArray("+5") << QString();
    QTest::newRow("point first") << QByteArray(".5") << QString();
    QTest::newRow("point last") << QByteArray("5.") << QString();
    QTest::newRow("empty") << QByteArray("") << QString("is not a decimal number");
    QTest::newRow("letters") << QByteArray("12a") << QString("is not a decimal number");
    QTest::newRow("bare exponent") << QByteArray("1e") << QString("is not a decimal number");
    QTest::newRow("two signs") << QByteArray("--1") << QString("is not a decimal number");
    QTest::newRow("point only") << QByteArray(".") << QString("is not a decimal number");
    QTest::newRow("space") << QByteArray(" 1") << QString("is not a decimal number");
    QTest::newRow("infinity") << QByteArray("Infinity") << QString("is not a decimal number");
    QTest::newRow("hex") << QByteArray("0x10") << QString("is not a decimal number");
    QTest::newRow("huge exponent") << QByteArray("1e99999999999999999999999") << QString("over DynamoDB's largest");
    QTest::newRow("control bytes") << QByteArray("1\x1b[31m") << QString("'1\\x1B[31m' is not a decimal number");
}

void TestEventShapes::numberTextFollowsDynamoDbsLimits()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, refusal);
    const Status status = checkNumberText(text.toStdString());
    QCOMPARE(status.isOk(), refusal.isEmpty());
    if (!refusal.isEmpty()) {
        QCOMPARE(status.code(), Status::Code::InvalidArgument);
        const QString message = QString::fromStdString(status.message());
        QVERIFY2(message.contains(refusal), qPrintable(message));
    }
}

void TestEventShapes::unholdableValuesAreRefused_data()
{
    QTest::addColumn<Json>("value");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("2e126") << parsed("2e126") << QString("over DynamoDB's largest");
    QTest::newRow("-1e200") << parsed("-1e200") << QString("over DynamoDB's largest");
    QTest::newRow("1e-131") << parsed("1e-131") << QString("under DynamoDB's smallest");
    QTest::newRow("denormal") << parsed("5e-324") << QString("under DynamoDB's smallest");
    QTest::newRow("NaN") << Json(std::nan("")) << QString("NaN or an infinite");
    QTest::newRow("infinity") << Json(std::numeric_limits<double>::infinity()) << QString("NaN or an infinite");
    QTest::newRow("deep in a list") << parsed("[1, [2, 1e300]]") << QString("[1]: [1]: 1e+300: ");
    QTest::newRow("deep in a map") << parsed(R"({"a": {"b": 1e-200}})") << QString("'a': 'b': 1e-200: ");
    QTest::newRow("33 levels") << nested(33) << QString("deeper than DynamoDB's 32 levels");
}

void TestEventShapes::unholdableValuesAreRefused()
{
    QFETCH(Json, value);
    QFETCH(QString, refusal);
    const auto converted = toAttributeValue(value);
    QVERIFY(!converted);
    QCOMPARE(converted.status().code(), Status::Code::InvalidArgument);
    const QString message = QString::fromStdString(converted.status().message());
    QVERIFY2(message.contains(refusal), qPrintable(message));
    QVERIFY(toAttributeValue(nested(32)));
}

void TestEventShapes::itemsNeedObjectsAndNames()
{
    for (const char *notObject : {"[]", "1", "\"x\"", "null"}) {
        const auto item = toItem(parsed(notObject));
        QVERIFY(!item);
        QCOMPARE(item.status().message(), std::string("an item must be a JSON object"));
    }
    const auto unnamed = toItem(parsed(R"({"": 1})"));
    QVERIFY(!unnamed);
    QCOMPARE(unnamed.status().message(), std::string("an attribute name must not be empty"));
    const auto badNumber = toItem(parsed(R"({"id": "x", "price": 1e300})"));
    QVERIFY(!badNumber);
    QVERIFY2(badNumber.status().message().rfind("attribute 'price': ", 0) == 0, badNumber.status().message().c_str());
    // Empty strings are fine outside keys.
    QVERIFY(toItem(parsed(R"({"id": "x", "note": ""})")));
    // Reading a non-object gives an empty item.
    COMPARE_JSON(fromItem(parsed("[1]")), Json::object());
}

void TestEventShapes::hostileTypedValuesReadWithoutThrowing_data()
{
    QTest::addColumn<Json>("typed");
    QTest::addColumn<Json>("plain");
    QTest::newRow("null") << Json() << Json();
    QTest::newRow("array") << parsed("[1]") << Json();
    QTest::newRow("empty object") << Json::object() << Json();
    QTest::newRow("unknown type") << parsed(R"({"X": 1})") << Json();
    QTest::newRow("S not a string") << parsed(R"({"S": 1})") << Json();
    QTest::newRow("N an object") << parsed(R"({"N": {}})") << Json();
    QTest::newRow("N a number") << parsed(R"({"N": 5})") << parsed("5");
    QTest::newRow("BOOL a string") << parsed(R"({"BOOL": "true"})") << Json();
    QTest::newRow("L a string") << parsed(R"({"L": "x"})") << Json::array();
    QTest::newRow("M a list") << parsed(R"({"M": [1]})") << Json::object();
    QTest::newRow("bad elements") << parsed(R"({"L": [1, {"S": "a"}, {}]})") << parsed(R"([null, "a", null])");
    QTest::newRow("B") << parsed(R"({"B": "AAEC"})") << parsed(R"("AAEC")");
    QTest::newRow("SS") << parsed(R"({"SS": ["a", "b", 3]})") << parsed(R"(["a", "b", null])");
    QTest::newRow("NS") << parsed(R"({"NS": ["1", "0.5", "123456789012345678901234567890"]})")
                        << parsed(R"([1, 0.5, "123456789012345678901234567890"])");
    QTest::newRow("BS") << parsed(R"({"BS": ["AA==", "AQ=="]})") << parsed(R"(["AA==", "AQ=="])");
    QTest::newRow("SS not a list") << parsed(R"({"SS": "a"})") << Json::array();
    QTest::newRow("two members, first wins") << parsed(R"({"S": "a", "N": "1"})") << parsed(R"("a")");
}

void TestEventShapes::hostileTypedValuesReadWithoutThrowing()
{
    QFETCH(Json, typed);
    QFETCH(Json, plain);
    COMPARE_JSON(fromAttributeValue(typed), plain);
}

// Built once and never copied: a copy of 100000 levels would itself recurse.
void TestEventShapes::deepNestingNeverExhaustsTheStack()
{
    const Json plain = nested(100000);
    const auto refused = toAttributeValue(plain);
    QVERIFY(!refused);
    QVERIFY(QString::fromStdString(refused.status().message()).contains("deeper than DynamoDB's 32 levels"));

    std::string text;
    for (int i = 0; i < 100000; ++i)
        text += R"({"L": [)";
    text += R"({"N": "1"})";
    for (int i = 0; i < 100000; ++i)
        text += "]}";
    const Json typed = Json::parse(text, nullptr, false);
    QVERIFY(typed.is_object());
    const Json read = fromAttributeValue(typed);
    QVERIFY(read.is_array());

    StreamChange change;
    change.keys = Json::object();
    change.keys["deep"] = Json::parse(text, nullptr, false);
    QVERIFY(streamRecordSizeBytes(change) > 256 * 4);
}

void TestEventShapes::streamRecordSizesMatchDynamoDb_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("keys");
    QTest::addColumn<QByteArray>("oldImage");
    QTest::addColumn<QByteArray>("newImage");
    QTest::addColumn<qint64>("size");
    const int insert = int(StreamChange::Type::Insert);
    const int modify = int(StreamChange::Type::Modify);
    const int remove = int(StreamChange::Type::Remove);
    // The records of https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html.
    QTest::newRow("guide INSERT") << insert << QByteArray(R"({"Id": {"N": "101"}})") << QByteArray("null")
                                  << QByteArray(R"({"Message": {"S": "New item!"}, "Id": {"N": "101"}})") << qint64(26);
    QTest::newRow("guide MODIFY") << modify << QByteArray(R"({"Id": {"N": "101"}})")
                                  << QByteArray(R"({"Message": {"S": "New item!"}, "Id": {"N": "101"}})")
                                  << QByteArray(R"({"Message": {"S": "This item has changed"}, "Id": {"N": "101"}})") << qint64(59);
    // Records captured from real streams.
    QTest::newRow("real INSERT") << insert << QByteArray(R"({"id": {"S": "2"}})") << QByteArray("null")
                                 << QByteArray(R"({"id": {"S": "2"}, "key": {"S": "original"}})") << qint64(17);
    QTest::newRow("real MODIFY") << modify << QByteArray(R"({"id": {"S": "1"}})")
                                 << QByteArray(R"({"id": {"S": "1"}, "key": {"S": "value"}})")
                                 << QByteArray(R"({"id": {"S": "1"}, "key": {"S": "updated"}})") << qint64(27);
    QTest::newRow("real REMOVE") << remove << QByteArray(R"({"ID": {"S": "2"}, "Title": {"S": "aaa"}})")
                                 << QByteArray(R"({"ID": {"S": "2"}, "Title": {"S": "aaa"}})") << QByteArray("null") << qint64(22);
    // Images the type does not carry do not count.
    QTest::newRow("INSERT ignores an old image") << insert << QByteArray(R"({"id": {"S": "2"}})")
                                                 << QByteArray(R"({"id": {"S": "2"}, "big": {"S": "xxxxxxxxxxxxxxxx"}})")
                                                 << QByteArray(R"({"id": {"S": "2"}, "key": {"S": "original"}})") << qint64(17);
    // The sizing guide's other rules: names + values, UTF-8 bytes, numbers by
    // significant digits, raw binary bytes, 1 for BOOL and NULL, 3 + 1 per
    // element for lists and maps.
    QTest::newRow("every type") << insert << QByteArray("{}") << QByteArray("null")
                                << QByteArray(R"({
                                    "s": {"S": "caf\u00e9"},
                                    "n": {"N": "-12345.6700"},
                                    "z": {"N": "0"},
                                    "b": {"B": "AAECAw=="},
                                    "t": {"BOOL": true},
                                    "u": {"NULL": true},
                                    "l": {"L": [{"N": "1"}, {"S": "ab"}]},
                                    "m": {"M": {"k": {"S": "v"}}},
                                    "ss": {"SS": ["a", "bc"]},
                                    "ns": {"NS": ["1", "22", "333"]},
                                    "bs": {"BS": ["AA=="]}
                                })")
                                // s 1+5, n 1+(7 digits: 4)+1, z 1+1, b 1+4, t 1+1, u 1+1,
                                // l 1+3+(1+2)+(1+2), m 1+3+1+(1+1), ss 2+3, ns 2+(2+2+3), bs 2+1
                                << qint64(6 + 6 + 2 + 5 + 2 + 2 + 10 + 7 + 5 + 9 + 3);
    QTest::newRow("nothing") << remove << QByteArray("{}") << QByteArray("null") << QByteArray("null") << qint64(1);
    QTest::newRow("hostile") << modify << QByteArray(R"({"a": 1, "b": {"N": 5}, "c": {"X": "y"}, "d": {"L": "z"}})")
                             << QByteArray("[1]") << QByteArray(R"("x")") << qint64(1 + (1 + 1) + 1 + (1 + 3));
}

void TestEventShapes::streamRecordSizesMatchDynamoDb()
{
    QFETCH(int, type);
    QFETCH(QByteArray, keys);
    QFETCH(QByteArray, oldImage);
    QFETCH(QByteArray, newImage);
    QFETCH(qint64, size);
    StreamChange change;
    change.type = StreamChange::Type(type);
    change.keys = parsed(keys.constData());
    change.oldImage = parsed(oldImage.constData());
    change.newImage = parsed(newImage.constData());
    QVERIFY(!change.keys.is_discarded() && !change.oldImage.is_discarded() && !change.newImage.is_discarded());
    QCOMPARE(qint64(streamRecordSizeBytes(change)), size);
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.Lambda.Tutorial.html
// (step 4's payload.json): a record in the order Lambda delivers one.
void TestEventShapes::streamEventMatchesTheDynamoDbTutorial()
{
    // The page asks to replace "region" and "account ID"; done here.
    Json documented = parsed(R"({
       "Records": [
           {
               "eventID": "7de3041dd709b024af6f29e4fa13d34c",
               "eventName": "INSERT",
               "eventVersion": "1.1",
               "eventSource": "aws:dynamodb",
               "awsRegion": "us-west-2",
               "dynamodb": {
                   "ApproximateCreationDateTime": 1479499740,
                   "Keys": {
                       "Timestamp": {
                           "S": "2016-11-18:12:09:36"
                       },
                       "Username": {
                           "S": "John Doe"
                       }
                   },
                   "NewImage": {
                       "Timestamp": {
                           "S": "2016-11-18:12:09:36"
                       },
                       "Message": {
                           "S": "This is a bark from the Woofer social network"
                       },
                       "Username": {
                           "S": "John Doe"
                       }
                   },
                   "SequenceNumber": "13021600000000001596893679",
                   "SizeBytes": 112,
                   "StreamViewType": "NEW_IMAGE"
               },
               "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/BarkTable/stream/2016-11-16T20:42:48.104"
           }
       ]
})");
    QVERIFY(!documented.is_discarded());
    const std::string arn = "arn:aws:dynamodb:us-west-2:123456789012:table/BarkTable/stream/2016-11-16T20:42:48.104";
    Json &record = documented["Records"][0];
    // Where ours differs from the page, and why:
    // - eventID: ours hashes the stream ARN and sequence number (unique per record);
    record["eventID"] = md5Hex(arn + "/13021600000000001596893679");
    // - SizeBytes: the page's 112 is illustrative; DynamoDB's sizing of these
    //   keys and image is 44 + 96 bytes (the same rule gives the Lambda guide's 26 and 59);
    record["dynamodb"]["SizeBytes"] = 140;
    // - StreamViewType: our table's stream always carries both images.
    record["dynamodb"]["StreamViewType"] = "NEW_AND_OLD_IMAGES";

    StreamChange change;
    change.type = StreamChange::Type::Insert;
    change.keys = documented["Records"][0]["dynamodb"]["Keys"];
    change.newImage = documented["Records"][0]["dynamodb"]["NewImage"];
    change.sequenceNumber = "13021600000000001596893679";
    change.approximateCreationSeconds = 1479499740;
    const Json event = dynamoDbStreamEvent({change}, "BarkTable", "2016-11-16T20:42:48.104",
                                           Place{"us-west-2", "123456789012"});
    COMPARE_JSON(event, documented);
    QCOMPARE(event["Records"][0]["eventID"].get<std::string>().size(), size_t(32));
}

// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, "Example
// DynamoDB Streams record event". Its keys are in no delivered order (the
// tutorial's record fixes the order), and it shows eventVersion "1.0" where
// Lambda now sends "1.1"; the values are compared here.
void TestEventShapes::streamEventMatchesTheLambdaGuidesRecords()
{
    const Json documented = parsed(R"({
  "Records": [
    {
      "eventID": "1",
      "eventVersion": "1.0",
      "dynamodb": {
        "Keys": {
          "Id": {
            "N": "101"
          }
        },
        "NewImage": {
          "Message": {
            "S": "New item!"
          },
          "Id": {
            "N": "101"
          }
        },
        "StreamViewType": "NEW_AND_OLD_IMAGES",
        "SequenceNumber": "111",
        "SizeBytes": 26
      },
      "awsRegion": "us-west-2",
      "eventName": "INSERT",
      "eventSourceARN": "arn:aws:dynamodb:us-west-2:111122223333:table/TestTable/stream/2015-05-11T21:21:33.291",
      "eventSource": "aws:dynamodb"
    },
    {
      "eventID": "2",
      "eventVersion": "1.0",
      "dynamodb": {
        "OldImage": {
          "Message": {
            "S": "New item!"
          },
          "Id": {
            "N": "101"
          }
        },
        "SequenceNumber": "222",
        "Keys": {
          "Id": {
            "N": "101"
          }
        },
        "SizeBytes": 59,
        "NewImage": {
          "Message": {
            "S": "This item has changed"
          },
          "Id": {
            "N": "101"
          }
        },
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "awsRegion": "us-west-2",
      "eventName": "MODIFY",
      "eventSourceARN": "arn:aws:dynamodb:us-west-2:111122223333:table/TestTable/stream/2015-05-11T21:21:33.291",
      "eventSource": "aws:dynamodb"
    }
  ]})");
    QVERIFY(!documented.is_discarded());
    const Json &insertRecord = documented["Records"][0]["dynamodb"];
    const Json &modifyRecord = documented["Records"][1]["dynamodb"];

    StreamChange insert;
    insert.type = StreamChange::Type::Insert;
    insert.keys = insertRecord["Keys"];
    insert.newImage = insertRecord["NewImage"];
    insert.sequenceNumber = "111";
    StreamChange modify;
    modify.type = StreamChange::Type::Modify;
    modify.keys = modifyRecord["Keys"];
    modify.oldImage = modifyRecord["OldImage"];
    modify.newImage = modifyRecord["NewImage"];
    modify.sequenceNumber = "222";
    StreamChange remove;
    remove.type = StreamChange::Type::Remove;
    remove.keys = modifyRecord["Keys"];
    remove.oldImage = modifyRecord["NewImage"];
    remove.newImage = modifyRecord["NewImage"]; // a Remove carries no new image, whatever it is given
    remove.sequenceNumber = "333";

    const Place place{"us-west-2", "111122223333"};
    const Json event = dynamoDbStreamEvent({insert, modify, remove}, "TestTable", "2015-05-11T21:21:33.291", place);
    QCOMPARE(event["Records"].size(), size_t(3));
    for (size_t i = 0; i < 2; ++i) {
        Json expected = documented["Records"][i];
        const Json &actual = event["Records"][i];
        expected["eventID"] = actual["eventID"];
        expected["eventVersion"] = "1.1";
        expected["dynamodb"]["ApproximateCreationDateTime"] = 0; // the guide's example leaves it out
        // nlohmann::json sorts keys, so this compares values only.
        const nlohmann::json sortedActual(actual), sortedExpected(expected);
        QVERIFY2(sortedActual == sortedExpected, (sortedActual.dump() + "\n" + sortedExpected.dump()).c_str());
    }

    const Json &removed = event["Records"][2];
    COMPARE_JSON(removed["eventName"], Json("REMOVE"));
    QVERIFY(!removed["dynamodb"].contains("NewImage"));
    COMPARE_JSON(removed["dynamodb"]["OldImage"], modifyRecord["NewImage"]);
    COMPARE_JSON(removed["dynamodb"]["SizeBytes"], Json(38));
    QVERIFY(!event["Records"][0]["dynamodb"].contains("OldImage"));

    // eventIDs: 32 hex digits, one per record.
    std::set<std::string> ids;
    for (const Json &record : event["Records"]) {
        const std::string id = record["eventID"].get<std::string>();
        QCOMPARE(id.size(), size_t(32));
        QVERIFY(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        ids.insert(id);
    }
    QCOMPARE(ids.size(), size_t(3));
}

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html,
// "Example message when an object is created using a PUT request".
void TestEventShapes::s3EventMatchesTheS3Guide()
{
    Json documented = parsed(R"({
   "Records":[
      {
         "eventVersion":"2.1",
         "eventSource":"aws:s3",
         "awsRegion":"us-west-2",
         "eventTime":"1970-01-01T00:00:00.000Z",
         "eventName":"ObjectCreated:Put",
         "userIdentity":{
            "principalId":"AIDAJDPLRKLG7UEXAMPLE"
         },
         "requestParameters":{
            "sourceIPAddress":"127.0.0.1"
         },
         "responseElements":{
            "x-amz-request-id":"C3D13FE58DE4C810",
            "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"
         },
         "s3":{
            "s3SchemaVersion":"1.0",
            "configurationId":"testConfigRule",
            "bucket":{
               "name":"mybucket",
               "ownerIdentity":{
                  "principalId":"A3NL1KOZZKExample"
               },
               "arn":"arn:aws:s3:::mybucket"
            },
            "object":{
               "key":"HappyFace.jpg",
               "size":1024,
               "eTag":"d41d8cd98f00b204e9800998ecf8427e",
               "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko",
               "sequencer":"0055AED6DCD90281E5"
            }
         }
      }
   ]
})");
    QVERIFY(!documented.is_discarded());

    S3Change change;
    change.created = true;
    change.key = "HappyFace.jpg";
    change.size = 1024;
    change.eTag = "d41d8cd98f00b204e9800998ecf8427e";
    change.sequencer = "0055AED6DCD90281E5";
    change.timeMs = 0;
    change.requestId = "C3D13FE58DE4C810";
    change.configurationId = "testConfigRule";
    const Place place{"us-west-2", "123456789012"};
    const Json event = s3Event(change, "mybucket", place);

    // Where ours differs from the page, and why:
    Json &record = documented["Records"][0];
    // - the caller and the owner are the local account;
    record["userIdentity"]["principalId"] = "123456789012";
    record["s3"]["bucket"]["ownerIdentity"]["principalId"] = "123456789012";
    // - x-amz-id-2 names S3's host: ours is a stable 64-character stand-in;
    const std::string hostId = event["Records"][0]["responseElements"]["x-amz-id-2"].get<std::string>();
    QCOMPARE(hostId.size(), size_t(64));
    QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(hostId)).size(), 48);
    record["responseElements"]["x-amz-id-2"] = hostId;
    // - our buckets are not versioned, and S3 sends no versionId then.
    record["s3"]["object"].erase("versionId");
    COMPARE_JSON(event, documented);

    // Milliseconds are kept.
    change.timeMs = 1712345678901;
    COMPARE_JSON(s3Event(change, "mybucket", place)["Records"][0]["eventTime"], Json("2024-04-05T19:34:38.901Z"));
}

void TestEventShapes::s3RemovedObjectHasNoSizeOrETag()
{
    S3Change change;
    change.created = false;
    change.key = "photos/old cat.jpg";
    change.size = 99;
    change.eTag = "ignored";
    change.sequencer = "0055AED6DCD90281E6";
    change.requestId = "R1";
    const Json record = s3Event(change, "b", Place())["Records"][0];
    COMPARE_JSON(record["eventName"], Json("ObjectRemoved:Delete"));
    COMPARE_JSON(record["s3"]["object"], parsed(R"({"key": "photos/old+cat.jpg", "sequencer": "0055AED6DCD90281E6"})"));
    COMPARE_JSON(record["awsRegion"], Json("us-east-1"));
    COMPARE_JSON(record["s3"]["bucket"]["arn"], Json("arn:aws:s3:::b"));
}

void TestEventShapes::s3KeysAreEncodedAsS3Does_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plain") << QByteArray("HappyFace.jpg") << QByteArray("HappyFace.jpg");
    QTest::newRow("space (the S3 guide's example)") << QByteArray("red flower.jpg") << QByteArray("red+flower.jpg");
    QTest::newRow("plus") << QByteArray("c++ notes.txt") << QByteArray("c%2B%2B+notes.txt");
    QTest::newRow("slashes stay") << QByteArray("photos/2024/cat.jpg") << QByteArray("photos/2024/cat.jpg");
    QTest::newRow("folders with spaces") << QByteArray("photos/summer trip/day 1.jpg") << QByteArray("photos/summer+trip/day+1.jpg");
    QTest::newRow("accent") << QByteArray("caf\xc3\xa9.txt") << QByteArray("caf%C3%A9.txt");
    QTest::newRow("CJK") << QByteArray("\xe6\x97\xa5\xe6\x9c\xac.txt") << QByteArray("%E6%97%A5%E6%9C%AC.txt");
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << QByteArray("%F0%9F%98%80");
    QTest::newRow("equals") << QByteArray("dt=2018-05-04/_SUCCESS") << QByteArray("dt%3D2018-05-04/_SUCCESS");
    QTest::newRow("colons") << QByteArray("10:47:07.log") << QByteArray("10%3A47%3A07.log");
    QTest::newRow("percent") << QByteArray("100%.txt") << QByteArray("100%25.txt");
    QTest::newRow("parentheses") << QByteArray("a (1).pdf") << QByteArray("a+%281%29.pdf");
    QTest::newRow("unreserved") << QByteArray("a-b_c.d*e~f") << QByteArray("a-b_c.d*e%7Ef");
    QTest::newRow("control and invalid bytes") << QByteArray("a\nb\xff") << QByteArray("a%0Ab%FF");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
}

void TestEventShapes::s3KeysAreEncodedAsS3Does()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, encoded);
    QCOMPARE(QByteArray::fromStdString(s3EncodeKey(key.toStdString())), encoded);
}

QTEST_GUILESS_MAIN(TestEventShapes)
#include "tst_eventshapes.moc"
