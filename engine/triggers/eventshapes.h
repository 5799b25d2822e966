#pragma once

// The events AWS's resources send to Lambda, and DynamoDB's typed values:
// pure builders, so that the local queue, table and bucket send exactly the
// shapes their AWS counterparts send.

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine::shapes {

/// Where the ARNs and records say they are.
struct Place
{
    std::string region = "us-east-1";
    std::string accountId = "000000000000";
};

// ---- SQS -------------------------------------------------------------------

/// One SQS message as a queue holds it.
struct SqsMessage
{
    std::string messageId;     ///< a UUID
    std::string receiptHandle; ///< changes with every receive
    std::string body;
    int64_t sentTimestampMs = 0;
    int64_t firstReceiveTimestampMs = 0;
    int receiveCount = 0;      ///< ApproximateReceiveCount, this receive included
    std::string senderId = "000000000000";
    Json messageAttributes = Json::object(); ///< SQS's {"name": {"stringValue", "dataType", ...}}
};

/// The hex MD5 of `text`'s bytes (md5OfBody).
std::string md5Hex(std::string_view bytes);

/// The SQS event for a batch: {"Records": [{messageId, receiptHandle, body,
/// attributes {ApproximateReceiveCount, SentTimestamp, SenderId,
/// ApproximateFirstReceiveTimestamp} (numbers as strings, as SQS sends
/// them), messageAttributes, md5OfBody, eventSource "aws:sqs",
/// eventSourceARN, awsRegion}]}.
/// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
Json sqsEvent(const std::vector<SqsMessage> &batch, const std::string &queueName, const Place &place);

/// arn:aws:sqs:REGION:ACCOUNT:NAME
std::string sqsQueueArn(const std::string &queueName, const Place &place);

/// The message ids a function's partial batch response names as failed
/// ({"batchItemFailures": [{"itemIdentifier": id}, ...]}). A result that is
/// not such an object means "all succeeded" (Lambda's rule); an object with
/// batchItemFailures that is malformed, or names an id not in the batch,
/// fails the whole batch (returned as every id of the batch).
/// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
std::vector<std::string> batchItemFailures(const Json &result, const std::vector<std::string> &batchIds);

// ---- DynamoDB --------------------------------------------------------------

/// Whether `text` is a number DynamoDB can hold: decimal text (sign,
/// digits, fraction, exponent) with at most 38 significant digits and a
/// magnitude of 1E-130 to 9.9999999999999999999999999999999999999E+125, or
/// zero. An invalidArgument status says which rule it breaks. For the table's
/// typed writes ({"N": "..."}), whose numbers arrive as text.
Status checkNumberText(const std::string &text);

/// A plain JSON value as a DynamoDB attribute value: string {"S"}, number
/// {"N": "decimal text"} (the number's text kept exactly), bool {"BOOL"},
/// null {"NULL": true}, array {"L"}, object {"M"}. Fails for a number that
/// DynamoDB cannot hold (over 38 significant digits, out of range, NaN or
/// infinite) and for nesting deeper than DynamoDB's 32 levels.
Result<Json> toAttributeValue(const Json &value);
/// An object as an item {"name": {type: value}}; fails for anything else and
/// for an empty attribute name.
Result<Json> toItem(const Json &object);
/// The reverse (what `stratus table` prints): N becomes a JSON integer when
/// it is an integer that fits int64/uint64, a double when the double holds
/// exactly its value, else stays the decimal text; SS/NS/BS become arrays and
/// B stays base64 text. Never fails: what is not an attribute value reads as
/// null (fromItem: a non-object reads as {}).
Json fromAttributeValue(const Json &attributeValue);
Json fromItem(const Json &item);

/// One change to a table.
struct StreamChange
{
    enum class Type { Insert, Modify, Remove };
    Type type = Type::Insert;
    Json keys;     ///< typed key attributes
    Json oldImage; ///< typed item, null for Insert
    Json newImage; ///< typed item, null for Remove
    std::string sequenceNumber; ///< increasing decimal text, unique per table
    int64_t approximateCreationSeconds = 0;
};

/// The approximate size DynamoDB Streams reports (the record's keys and
/// images as DynamoDB sizes items: names plus values; the images the
/// change's type carries, at least 1).
int64_t streamRecordSizeBytes(const StreamChange &change);

/// The DynamoDB Streams event for a batch: {"Records": [{eventID, eventName
/// INSERT/MODIFY/REMOVE, eventVersion "1.1", eventSource "aws:dynamodb",
/// awsRegion, dynamodb {ApproximateCreationDateTime, Keys, NewImage (not
/// for REMOVE), OldImage (not for INSERT), SequenceNumber, SizeBytes,
/// StreamViewType "NEW_AND_OLD_IMAGES"}, eventSourceARN
/// arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}]}. eventID is 32
/// hex digits derived from the stream ARN and the sequence number: unique per
/// record, and the same for the same change.
/// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
Json dynamoDbStreamEvent(const std::vector<StreamChange> &batch, const std::string &tableName,
                         const std::string &streamLabel, const Place &place);

// ---- S3 --------------------------------------------------------------------

struct S3Change
{
    bool created = true;   ///< ObjectCreated:Put, else ObjectRemoved:Delete
    std::string key;       ///< the object key, unencoded
    int64_t size = 0;      ///< created only
    std::string eTag;      ///< created only: hex MD5 of the content
    std::string sequencer; ///< increasing hex text per key
    int64_t timeMs = 0;
    std::string requestId;
    std::string configurationId = "stratus"; ///< the notification configuration's Id
};

/// The S3 notification event with one record (S3 sends one per event):
/// eventVersion "2.1", eventSource "aws:s3", awsRegion, eventTime,
/// eventName, userIdentity, requestParameters, responseElements, s3
/// {s3SchemaVersion, configurationId, bucket {name, ownerIdentity, arn},
/// object {key (URL-encoded as S3 does: spaces as '+'), size, eTag,
/// sequencer}}. A removed object has no size or eTag; the bucket is
/// unversioned, so there is no versionId; the account stands for both the
/// caller and the bucket's owner.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
Json s3Event(const S3Change &change, const std::string &bucketName, const Place &place);

/// S3's key encoding in notifications (form-urlencoded: ' ' as '+', other
/// bytes but A-Z a-z 0-9 . - * _ as %XX; '/' stays, as in real deliveries).
std::string s3EncodeKey(const std::string &key);

} // namespace stratus::engine::shapes
