// The shapes follow AWS's documentation; where a page and real deliveries
// disagree, the comment at that spot says which one wins and why.
//
// SQS event and its attributes:
//   https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
// Partial batch responses ("Success and failure conditions"):
//   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
// DynamoDB Streams event (fields; sizes of its example records):
//   https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// DynamoDB Streams event as delivered (key order, eventVersion 1.1):
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.Lambda.Tutorial.html
//   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
// DynamoDB numbers (38 digits, 1E-130 .. 9.99..E+125) and types:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
// DynamoDB item sizes:
//   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// S3 notification (version 2.1, key encoding, sequencer):
//   https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html

#include "eventshapes.h"

#include "engine/model/decimal.h"
#include "engine/model/text.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace stratus::engine::shapes {

namespace {

const std::string &stringOr(const Json &value, const std::string &fallback)
{
    return value.is_string() ? value.get_ref<const std::string &>() : fallback;
}

/// nlohmann's text for a double: the shortest digits that read back as the
/// same double, so 0.1 is "0.1" and not 0.1000000000000000055511151231257827.
std::string shortestText(double value)
{
    return Json(value).dump();
}

/// The JSON number an N value reads as, or nothing when no JSON number holds
/// exactly its value (it then stays text, so nothing is lost).
std::optional<Json> exactJsonNumber(const Decimal &d)
{
    if (d.isZero())
        return Json(static_cast<uint64_t>(0));
    if (d.exponent >= 0 && static_cast<int64_t>(d.digits.size()) + d.exponent <= 20) {
        const std::string integer = d.digits + std::string(static_cast<size_t>(d.exponent), '0');
        const char *begin = integer.data();
        const char *end = begin + integer.size();
        uint64_t magnitude = 0;
        if (std::from_chars(begin, end, magnitude).ec == std::errc()) {
            // As nlohmann::parse does: unsigned when positive, signed when negative.
            if (!d.negative)
                return Json(magnitude);
            constexpr uint64_t kMinMagnitude = uint64_t(std::numeric_limits<int64_t>::max()) + 1;
            if (magnitude < kMinMagnitude)
                return Json(-static_cast<int64_t>(magnitude));
            if (magnitude == kMinMagnitude)
                return Json(std::numeric_limits<int64_t>::min());
        }
    }
    // Beyond any double, or deeper than its tiniest value: from_chars would
    // fail anyway, and the exponent text below must stay small.
    if (d.scientificExponent() > 400 || d.scientificExponent() < -400)
        return std::nullopt;
    const std::string canonical = d.digits + "e" + std::to_string(d.exponent);
    double magnitude = 0;
    const auto [ptr, ec] = std::from_chars(canonical.data(), canonical.data() + canonical.size(), magnitude);
    if (ec != std::errc() || ptr != canonical.data() + canonical.size() || !std::isfinite(magnitude))
        return std::nullopt;
    const double value = d.negative ? -magnitude : magnitude;
    const auto back = parseDecimal(shortestText(value));
    if (!back || back->digits != d.digits || back->exponent != d.exponent)
        return std::nullopt;
    return Json(value);
}

// ---- typed values -----------------------------------------------------------

/// DynamoDB nests lists and maps up to 32 levels.
constexpr int kMaxNesting = 32;
/// Reading goes further than writing (items written elsewhere), but not so
/// far that hostile nesting exhausts the stack.
constexpr int kMaxReadNesting = 256;

Result<Json> toAttributeValueAt(const Json &value, int depth)
{
    switch (value.type()) {
    case Json::value_t::string:
        return Json{{"S", value}};
    case Json::value_t::boolean:
        return Json{{"BOOL", value}};
    case Json::value_t::null:
        return Json{{"NULL", true}};
    case Json::value_t::number_integer:
        return Json{{"N", std::to_string(value.get<int64_t>())}};
    case Json::value_t::number_unsigned:
        return Json{{"N", std::to_string(value.get<uint64_t>())}};
    case Json::value_t::number_float: {
        const double number = value.get<double>();
        if (!std::isfinite(number))
            return Status::invalidArgument("DynamoDB cannot hold NaN or an infinite number");
        const std::string text = shortestText(number);
        const auto decimal = parseDecimal(text);
        if (!decimal)
            return Status::invalidArgument("the number " + text + " is not decimal text");
        if (Status s = checkDecimal(*decimal); !s)
            return s.withContext(text);
        // DynamoDB's own form (1e+21 is "1000000000000000000000"), as the local
        // endpoint writes numbers: a key is then the same text either way.
        return Json{{"N", decimalText(*decimal)}};
    }
    case Json::value_t::array: {
        if (depth >= kMaxNesting)
            return Status::invalidArgument("lists and maps nest deeper than DynamoDB's 32 levels");
        Json list = Json::array();
        size_t index = 0;
        for (const Json &element : value) {
            auto converted = toAttributeValueAt(element, depth + 1);
            if (!converted)
                return converted.status().withContext("[" + std::to_string(index) + "]");
            list.push_back(converted.take());
            ++index;
        }
        return Json{{"L", std::move(list)}};
    }
    case Json::value_t::object: {
        if (depth >= kMaxNesting)
            return Status::invalidArgument("lists and maps nest deeper than DynamoDB's 32 levels");
        Json map = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            auto converted = toAttributeValueAt(it.value(), depth + 1);
            if (!converted)
                return converted.status().withContext(quote(it.key()));
            map[it.key()] = converted.take();
        }
        return Json{{"M", std::move(map)}};
    }
    case Json::value_t::binary: {
        const auto &bytes = value.get_binary();
        const QByteArray raw(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()));
        return Json{{"B", raw.toBase64().toStdString()}};
    }
    case Json::value_t::discarded:
        break;
    }
    return Status::invalidArgument("the value is not JSON");
}

Json fromAttributeValueAt(const Json &av, int depth);

/// N's text as a JSON number when one holds it exactly, else the text.
Json fromNumberText(const Json &n)
{
    if (n.is_number())
        return n; // a writer that skipped the text form; the value is already plain
    if (!n.is_string())
        return nullptr;
    const std::string &text = n.get_ref<const std::string &>();
    const auto decimal = parseDecimal(text);
    if (!decimal)
        return text;
    if (auto number = exactJsonNumber(*decimal))
        return *number;
    return text;
}

Json fromSet(const Json &set, bool numbers)
{
    Json out = Json::array();
    if (!set.is_array())
        return out;
    for (const Json &element : set)
        out.push_back(numbers ? fromNumberText(element) : (element.is_string() ? element : Json()));
    return out;
}

Json fromAttributeValueAt(const Json &av, int depth)
{
    if (!av.is_object() || av.empty() || depth > kMaxReadNesting)
        return nullptr;
    // A well-formed value has exactly one member; the first one decides.
    const auto member = av.begin();
    const std::string &type = member.key();
    const Json &payload = member.value();
    if (type == "S" || type == "B")
        return payload.is_string() ? payload : Json();
    if (type == "N")
        return fromNumberText(payload);
    if (type == "BOOL")
        return payload.is_boolean() ? payload : Json();
    if (type == "NULL")
        return nullptr;
    if (type == "L") {
        Json list = Json::array();
        if (payload.is_array()) {
            for (const Json &element : payload)
                list.push_back(fromAttributeValueAt(element, depth + 1));
        }
        return list;
    }
    if (type == "M") {
        Json map = Json::object();
        if (payload.is_object()) {
            for (auto it = payload.begin(); it != payload.end(); ++it)
                map[it.key()] = fromAttributeValueAt(it.value(), depth + 1);
        }
        return map;
    }
    if (type == "SS" || type == "BS")
        return fromSet(payload, false);
    if (type == "NS")
        return fromSet(payload, true);
    return nullptr;
}

// ---- sizes ------------------------------------------------------------------

int64_t numberSizeBytes(const std::string &text)
{
    const auto decimal = parseDecimal(text);
    const int64_t digits = decimal ? static_cast<int64_t>(decimal->digits.size()) : static_cast<int64_t>(text.size());
    return (digits + 1) / 2 + 1;
}

int64_t base64RawBytes(const std::string &text)
{
    return QByteArray::fromBase64(QByteArray::fromStdString(text)).size();
}

int64_t valueSizeBytes(const Json &av, int depth);

/// Attribute names count as their UTF-8 bytes; every value adds its own size.
int64_t itemSizeBytes(const Json &item, int depth)
{
    int64_t size = 0;
    if (!item.is_object())
        return 0;
    for (auto it = item.begin(); it != item.end(); ++it)
        size += static_cast<int64_t>(it.key().size()) + valueSizeBytes(it.value(), depth);
    return size;
}

/// DynamoDB's sizing guide: strings their UTF-8 bytes, numbers one byte per
/// two significant digits plus one, binary its raw bytes, BOOL and NULL one
/// byte, lists and maps 3 bytes plus one per element plus the elements (a map
/// element's name included). Sets are not in the guide: the sum of their
/// elements. Checked against the Lambda guide's examples (26 and 59 bytes)
/// and against records captured from real streams (17, 22 and 27 bytes).
int64_t valueSizeBytes(const Json &av, int depth)
{
    if (!av.is_object() || av.empty() || depth > kMaxReadNesting)
        return 0;
    const auto member = av.begin();
    const std::string &type = member.key();
    const Json &payload = member.value();
    static const std::string empty;
    if (type == "S")
        return static_cast<int64_t>(stringOr(payload, empty).size());
    if (type == "N")
        return numberSizeBytes(stringOr(payload, empty));
    if (type == "B")
        return base64RawBytes(stringOr(payload, empty));
    if (type == "BOOL" || type == "NULL")
        return 1;
    if (type == "L") {
        int64_t size = 3;
        if (payload.is_array()) {
            for (const Json &element : payload)
                size += 1 + valueSizeBytes(element, depth + 1);
        }
        return size;
    }
    if (type == "M") {
        int64_t size = 3 + (payload.is_object() ? static_cast<int64_t>(payload.size()) : 0);
        return size + itemSizeBytes(payload, depth + 1);
    }
    if (type == "SS" || type == "NS" || type == "BS") {
        int64_t size = 0;
        if (payload.is_array()) {
            for (const Json &element : payload) {
                const std::string &text = stringOr(element, empty);
                size += type == "SS" ? static_cast<int64_t>(text.size())
                        : type == "NS" ? numberSizeBytes(text)
                                       : base64RawBytes(text);
            }
        }
        return size;
    }
    return 0;
}

// ---- SQS --------------------------------------------------------------------

const std::string &memberString(const Json &object, const char *lowerCamel, const char *pascal)
{
    static const std::string empty;
    const auto lower = object.find(lowerCamel);
    if (lower != object.end() && lower->is_string())
        return lower->get_ref<const std::string &>();
    const auto upper = object.find(pascal);
    if (upper != object.end() && upper->is_string())
        return upper->get_ref<const std::string &>();
    return empty;
}

Json memberStringList(const Json &object, const char *lowerCamel, const char *pascal)
{
    Json list = Json::array();
    auto it = object.find(lowerCamel);
    if (it == object.end())
        it = object.find(pascal);
    if (it != object.end() && it->is_array()) {
        for (const Json &element : *it) {
            if (element.is_string())
                list.push_back(element);
        }
    }
    return list;
}

/// One message attribute as Lambda shows it: {stringValue | binaryValue,
/// stringListValues, binaryListValues, dataType}, in the order of the guide's
/// example. The queue may hold it as SendMessage took it (StringValue,
/// DataType, ...) or already in lowerCamel; both read the same.
Json lambdaMessageAttribute(const Json &attribute)
{
    const std::string &stringValue = memberString(attribute, "stringValue", "StringValue");
    const std::string &binaryValue = memberString(attribute, "binaryValue", "BinaryValue");
    std::string dataType = memberString(attribute, "dataType", "DataType");
    const bool hasString = attribute.contains("stringValue") || attribute.contains("StringValue");
    const bool hasBinary = attribute.contains("binaryValue") || attribute.contains("BinaryValue");
    // Binary, Binary.png... carry bytes; String, Number and theirs carry text.
    const bool binary = dataType.empty() ? (hasBinary && !hasString) : dataType.rfind("Binary", 0) == 0;
    if (dataType.empty())
        dataType = binary ? "Binary" : "String";

    Json out = Json::object();
    if (binary)
        out["binaryValue"] = binaryValue;
    else
        out["stringValue"] = stringValue;
    out["stringListValues"] = memberStringList(attribute, "stringListValues", "StringListValues");
    out["binaryListValues"] = memberStringList(attribute, "binaryListValues", "BinaryListValues");
    out["dataType"] = dataType;
    return out;
}

// ---- S3 ---------------------------------------------------------------------

/// S3's x-amz-id-2 is 64 characters of base64 naming the host; a stable
/// stand-in derived from the request keeps events reproducible.
std::string hostId(const std::string &requestId)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(requestId), QCryptographicHash::Sha384)
        .toBase64()
        .toStdString();
}

std::string isoTimeMs(int64_t ms)
{
    // Qt::ISODateWithMs would write the zone as "+00:00"; S3 writes "Z".
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"))
        .toStdString();
}

} // namespace

// ---- SQS --------------------------------------------------------------------

std::string md5Hex(std::string_view bytes)
{
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Md5)
        .toHex()
        .toStdString();
}

std::string sqsQueueArn(const std::string &queueName, const Place &place)
{
    return "arn:aws:sqs:" + place.region + ":" + place.accountId + ":" + queueName;
}

Json sqsEvent(const std::vector<SqsMessage> &batch, const std::string &queueName, const Place &place)
{
    const std::string arn = sqsQueueArn(queueName, place);
    Json records = Json::array();
    for (const SqsMessage &m : batch) {
        Json messageAttributes = Json::object();
        if (m.messageAttributes.is_object()) {
            for (auto it = m.messageAttributes.begin(); it != m.messageAttributes.end(); ++it) {
                if (it.value().is_object())
                    messageAttributes[it.key()] = lambdaMessageAttribute(it.value());
            }
        }
        Json record = Json::object();
        record["messageId"] = m.messageId;
        record["receiptHandle"] = m.receiptHandle;
        record["body"] = m.body;
        record["attributes"] = Json{
            {"ApproximateReceiveCount", std::to_string(m.receiveCount)},
            {"SentTimestamp", std::to_string(m.sentTimestampMs)},
            {"SenderId", m.senderId},
            {"ApproximateFirstReceiveTimestamp", std::to_string(m.firstReceiveTimestampMs)},
        };
        record["messageAttributes"] = std::move(messageAttributes);
        record["md5OfBody"] = md5Hex(m.body);
        record["eventSource"] = "aws:sqs";
        record["eventSourceARN"] = arn;
        record["awsRegion"] = place.region;
        records.push_back(std::move(record));
    }
    return Json{{"Records", std::move(records)}};
}

// Lambda's "Success and failure conditions" for ReportBatchItemFailures:
// - complete success: an empty or null batchItemFailures list, an empty or
//   null response. A response that is not an object (a string, a number)
//   carries no list either, so it counts as success too.
// - complete failure (every message returns to the queue): an empty-string
//   or null itemIdentifier, an itemIdentifier under a bad key name, an id
//   that is not a message of the batch, or an invalid response; we take a
//   batchItemFailures that is not a list, an entry that is not an object and
//   an itemIdentifier that is not a string as invalid.
// Otherwise exactly the named messages failed.
std::vector<std::string> batchItemFailures(const Json &result, const std::vector<std::string> &batchIds)
{
    if (!result.is_object())
        return {};
    const auto list = result.find("batchItemFailures");
    if (list == result.end() || list->is_null())
        return {};
    if (!list->is_array())
        return batchIds;
    std::set<std::string> named;
    for (const Json &entry : *list) {
        if (!entry.is_object())
            return batchIds;
        const auto id = entry.find("itemIdentifier");
        if (id == entry.end() || !id->is_string() || id->get_ref<const std::string &>().empty())
            return batchIds;
        named.insert(id->get<std::string>());
    }
    std::vector<std::string> failed;
    for (const std::string &id : batchIds) {
        if (named.erase(id) > 0)
            failed.push_back(id);
    }
    if (!named.empty())
        return batchIds;
    return failed;
}

// ---- DynamoDB ---------------------------------------------------------------

Status checkNumberText(const std::string &text)
{
    const auto decimal = parseDecimal(text);
    if (!decimal)
        return Status::invalidArgument(quote(text.substr(0, 64)) + " is not a decimal number");
    return checkDecimal(*decimal);
}

Result<Json> toAttributeValue(const Json &value)
{
    return toAttributeValueAt(value, 0);
}

Result<Json> toItem(const Json &object)
{
    if (!object.is_object())
        return Status::invalidArgument("an item must be a JSON object");
    Json item = Json::object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().empty())
            return Status::invalidArgument("an attribute name must not be empty");
        auto converted = toAttributeValue(it.value());
        if (!converted)
            return converted.status().withContext("attribute " + quote(it.key()));
        item[it.key()] = converted.take();
    }
    return item;
}

Json fromAttributeValue(const Json &attributeValue)
{
    return fromAttributeValueAt(attributeValue, 0);
}

Json fromItem(const Json &item)
{
    Json out = Json::object();
    if (!item.is_object())
        return out;
    for (auto it = item.begin(); it != item.end(); ++it)
        out[it.key()] = fromAttributeValue(it.value());
    return out;
}

namespace {

bool carriesNewImage(const StreamChange &change)
{
    return change.type != StreamChange::Type::Remove && change.newImage.is_object();
}

bool carriesOldImage(const StreamChange &change)
{
    return change.type != StreamChange::Type::Insert && change.oldImage.is_object();
}

} // namespace

int64_t streamRecordSizeBytes(const StreamChange &change)
{
    int64_t size = itemSizeBytes(change.keys, 0);
    if (carriesNewImage(change))
        size += itemSizeBytes(change.newImage, 0);
    if (carriesOldImage(change))
        size += itemSizeBytes(change.oldImage, 0);
    return std::max<int64_t>(size, 1); // the API's minimum
}

Json dynamoDbStreamEvent(const std::vector<StreamChange> &batch, const std::string &tableName,
                         const std::string &streamLabel, const Place &place)
{
    const std::string arn = "arn:aws:dynamodb:" + place.region + ":" + place.accountId + ":table/" + tableName
                            + "/stream/" + streamLabel;
    Json records = Json::array();
    for (const StreamChange &change : batch) {
        // The guide's example orders keys oddly (eventVersion "1.0" before
        // eventName); records as Lambda delivers them, and the DynamoDB
        // tutorial's copy of one, use this order.
        Json dynamodb = Json::object();
        dynamodb["ApproximateCreationDateTime"] = change.approximateCreationSeconds;
        dynamodb["Keys"] = change.keys.is_object() ? change.keys : Json::object();
        if (carriesNewImage(change))
            dynamodb["NewImage"] = change.newImage;
        if (carriesOldImage(change))
            dynamodb["OldImage"] = change.oldImage;
        dynamodb["SequenceNumber"] = change.sequenceNumber;
        dynamodb["SizeBytes"] = streamRecordSizeBytes(change);
        dynamodb["StreamViewType"] = "NEW_AND_OLD_IMAGES";

        Json record = Json::object();
        // Real eventIDs are 32 hex digits; hashing the stream and the sequence
        // number makes ours unique per record and the same on every run.
        record["eventID"] = md5Hex(arn + "/" + change.sequenceNumber);
        record["eventName"] = change.type == StreamChange::Type::Insert   ? "INSERT"
                              : change.type == StreamChange::Type::Modify ? "MODIFY"
                                                                          : "REMOVE";
        record["eventVersion"] = "1.1";
        record["eventSource"] = "aws:dynamodb";
        record["awsRegion"] = place.region;
        record["dynamodb"] = std::move(dynamodb);
        record["eventSourceARN"] = arn;
        records.push_back(std::move(record));
    }
    return Json{{"Records", std::move(records)}};
}

// ---- S3 ---------------------------------------------------------------------

// The guide says the key is form-urlencoded ("red flower.jpg" becomes
// "red+flower.jpg"): Java's URLEncoder, which keeps A-Z a-z 0-9 . - * _ and
// writes every other byte of the UTF-8 as %XX. One exception, from real
// deliveries rather than the page: S3 leaves '/' as it is
// (https://github.com/minio/minio/issues/11665, minio-js#1041), so
// "photos/a b.jpg" arrives as "photos/a+b.jpg".
std::string s3EncodeKey(const std::string &key)
{
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(key.size());
    for (const char ch : key) {
        const auto c = static_cast<unsigned char>(ch);
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || c == '.' || c == '-' || c == '*' || c == '_' || c == '/') {
            out += ch;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0F];
        }
    }
    return out;
}

Json s3Event(const S3Change &change, const std::string &bucketName, const Place &place)
{
    // A bucket without versioning sends no versionId; a removed object has
    // no size or eTag left to report (only key and sequencer).
    Json object = Json::object();
    object["key"] = s3EncodeKey(change.key);
    if (change.created) {
        object["size"] = change.size;
        object["eTag"] = change.eTag;
    }
    object["sequencer"] = change.sequencer;

    Json record = Json::object();
    record["eventVersion"] = "2.1";
    record["eventSource"] = "aws:s3";
    record["awsRegion"] = place.region;
    record["eventTime"] = isoTimeMs(change.timeMs);
    record["eventName"] = change.created ? "ObjectCreated:Put" : "ObjectRemoved:Delete";
    // Locally the account stands for both the caller and the bucket's owner.
    record["userIdentity"] = Json{{"principalId", place.accountId}};
    record["requestParameters"] = Json{{"sourceIPAddress", "127.0.0.1"}};
    record["responseElements"] = Json{
        {"x-amz-request-id", change.requestId},
        {"x-amz-id-2", hostId(change.requestId)},
    };
    record["s3"] = Json{
        {"s3SchemaVersion", "1.0"},
        {"configurationId", change.configurationId},
        {"bucket",
         Json{
             {"name", bucketName},
             {"ownerIdentity", Json{{"principalId", place.accountId}}},
             {"arn", "arn:aws:s3:::" + bucketName},
         }},
        {"object", std::move(object)},
    };
    return Json{{"Records", Json::array({std::move(record)})}};
}

} // namespace stratus::engine::shapes
