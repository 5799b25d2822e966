#include "sqs.h"

#include "awsprotocol.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/triggers/eventshapes.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <set>

namespace stratus::engine::services {

namespace {

/// A request that fails: thrown inside this file only, answered by handle().
struct Failure
{
    std::string code; ///< the query protocol's code, e.g. AWS.SimpleQueueService.NonExistentQueue
    std::string type; ///< the JSON protocol's __type, e.g. QueueDoesNotExist
    std::string message;
};

[[noreturn]] void fail(const std::string &code, const std::string &type, const std::string &message)
{
    throw Failure{code, type, message};
}
[[noreturn]] void invalidParameter(const std::string &message)
{
    fail("InvalidParameterValue", "InvalidParameterValue", message);
}

constexpr int64_t kMaxMessageBytes = 256 * 1024; // SQS's limit for a message, and for a whole batch
constexpr int kMaxBatchEntries = 10;

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// ---- the query protocol: Action=SendMessage&MessageAttribute.1.Name=... ----------

/// The form's parameters as the JSON protocol's request: "A.1.B" becomes
/// {"A": [{"B": ...}]}, and SQS's flattened names their JSON names.
/// A form's text percent-decoded to its bytes ('+' is a space); refused
/// when an escape is malformed, so that nothing is stored other than sent.
std::string formDecoded(std::string_view text)
{
    auto decoded = urlDecoded(text, true);
    if (!decoded)
        fail("MalformedQueryString", "MalformedQueryString",
             "the form holds a malformed percent escape near " + printable(std::string(text.substr(text.find('%'), 6))));
    return std::move(*decoded);
}

/// The form's parameters as the JSON protocol's request: "A.1.B" becomes
/// {"A": [{"B": ...}]}, and SQS's flattened names their JSON names.
Json fromQuery(const std::string &form)
{
    Json nested = Json::object();
    size_t count = 0;
    for (size_t start = 0; start <= form.size();) {
        const size_t end = std::min(form.find('&', start), form.size());
        const std::string_view pair = std::string_view(form).substr(start, end - start);
        start = end + 1;
        if (pair.empty())
            continue;
        if (++count > 2000)
            invalidParameter("the request has more than 2000 parameters");
        const size_t equals = pair.find('=');
        const std::string key = formDecoded(pair.substr(0, equals));
        const std::string value = equals == std::string_view::npos ? std::string() : formDecoded(pair.substr(equals + 1));
        if (std::count(key.begin(), key.end(), '.') > 8) // SQS's deepest: Entry.N.MessageAttribute.M.Value.StringValue
            invalidParameter("parameter " + printable(key.substr(0, 80)) + " has too many parts");
        Json *at = &nested;
        size_t from = 0;
        while (true) {
            const size_t dot = key.find('.', from);
            const std::string part = key.substr(from, dot == std::string::npos ? dot : dot - from);
            const bool last = dot == std::string::npos;
            from = dot + 1;
            const bool isIndex = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (isIndex) {
                // At most 3 digits read: SQS's lists hold 10 entries; a longer number is no index here.
                const int index = part.size() <= 3 ? std::stoi(part) : 0;
                if (index < 1 || index > 100 || !(at->is_null() || at->is_array()))
                    invalidParameter("parameter " + printable(key.substr(0, 80)) + " has an index outside 1 to 100");
                if (at->is_null())
                    *at = Json::array();
                while (at->size() < size_t(index))
                    at->push_back(Json());
                at = &(*at)[size_t(index - 1)];
            } else {
                if (!(at->is_null() || at->is_object()))
                    invalidParameter("parameter " + printable(key.substr(0, 80)) + " is given twice in different shapes");
                if (at->is_null())
                    *at = Json::object();
                at = &(*at)[part];
            }
            if (last) {
                *at = value;
                break;
            }
        }
    }
    // SQS's flattened lists: MessageAttribute.N.{Name,Value} is a map; AttributeName.N a list of names.
    const auto attributesOf = [](Json &holder) {
        if (!holder.is_object() || !holder.contains("MessageAttribute"))
            return;
        Json map = Json::object();
        for (const Json &a : holder["MessageAttribute"]) {
            if (a.is_object() && a.contains("Name") && a["Name"].is_string())
                map[a["Name"].get<std::string>()] = a.contains("Value") ? a["Value"] : Json::object();
        }
        holder.erase("MessageAttribute");
        holder["MessageAttributes"] = map;
    };
    attributesOf(nested);
    for (const auto &[from, to] : {std::pair{"AttributeName", "AttributeNames"},
                                   std::pair{"MessageAttributeName", "MessageAttributeNames"},
                                   std::pair{"MessageSystemAttributeName", "MessageSystemAttributeNames"},
                                   std::pair{"SendMessageBatchRequestEntry", "Entries"},
                                   std::pair{"DeleteMessageBatchRequestEntry", "Entries"}}) {
        if (nested.contains(from)) {
            nested[to] = nested[from];
            nested.erase(from);
        }
    }
    if (nested.contains("Entries") && nested["Entries"].is_array()) {
        for (Json &entry : nested["Entries"])
            attributesOf(entry);
    }
    // Whole numbers arrive as text.
    const auto toNumber = [](Json &holder, const char *key) {
        if (!holder.is_object() || !holder.contains(key) || !holder[key].is_string())
            return;
        bool ok = false;
        const long long n = QString::fromStdString(holder[key].get<std::string>()).toLongLong(&ok);
        if (ok)
            holder[key] = n;
    };
    for (const char *key : {"DelaySeconds", "MaxNumberOfMessages", "WaitTimeSeconds", "VisibilityTimeout"})
        toNumber(nested, key);
    if (nested.contains("Entries") && nested["Entries"].is_array()) {
        for (Json &entry : nested["Entries"])
            toNumber(entry, "DelaySeconds");
    }
    return nested;
}

std::string scalarText(const Json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    return v.dump();
}

/// The JSON protocol's result as the query protocol's XML result.
std::string xmlOf(const std::string &action, const Json &result)
{
    std::string out;
    for (auto it = result.begin(); it != result.end(); ++it) {
        const std::string &key = it.key();
        const Json &v = it.value();
        if (key == "Attributes" && v.is_object()) {
            for (auto a = v.begin(); a != v.end(); ++a)
                out += "<Attribute>" + element("Name", a.key()) + element("Value", scalarText(*a)) + "</Attribute>";
        } else if (key == "MessageAttributes" && v.is_object()) {
            for (auto a = v.begin(); a != v.end(); ++a) {
                out += "<MessageAttribute>" + element("Name", a.key()) + "<Value>";
                for (auto f = a->begin(); f != a->end(); ++f)
                    out += element(f.key(), scalarText(*f));
                out += "</Value></MessageAttribute>";
            }
        } else if (v.is_array()) {
            const std::string name = key == "Messages"     ? "Message"
                                     : key == "QueueUrls"  ? "QueueUrl"
                                     : key == "Failed"     ? "BatchResultErrorEntry"
                                     : key == "Successful" ? action + "ResultEntry"
                                                           : key;
            for (const Json &e : v)
                out += e.is_object() ? "<" + name + ">" + xmlOf(action, e) + "</" + name + ">" : element(name, scalarText(e));
        } else {
            out += element(key, scalarText(v));
        }
    }
    return out;
}

// ---- messages ---------------------------------------------------------------------

/// SQS's characters for a message: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
bool validMessageText(const std::string &text)
{
    if (!isValidUtf8(text))
        return false;
    const QString s = QString::fromStdString(text);
    for (auto it = s.cbegin(); it != s.cend(); ++it) {
        const char32_t c = it->isHighSurrogate() && it + 1 != s.cend() ? QChar::surrogateToUcs4(*it, *(it + 1)) : it->unicode();
        if (it->isHighSurrogate())
            ++it;
        const bool ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                        || (c >= 0x10000 && c <= 0x10FFFF);
        if (!ok)
            return false;
    }
    return true;
}

/// The message attributes of a send, checked; their size counts toward the message's.
Json checkedAttributes(const Json &attributes, size_t &bytes)
{
    if (attributes.is_null())
        return Json::object();
    if (!attributes.is_object())
        invalidParameter("MessageAttributes must be a map of names to {DataType, StringValue | BinaryValue}");
    if (attributes.size() > 10)
        invalidParameter("Number of message attributes [" + std::to_string(attributes.size())
                         + "] exceeds the allowed maximum [10].");
    Json out = Json::object();
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        const std::string &name = it.key();
        const bool nameOk = !name.empty() && name.size() <= 256
                            && std::all_of(name.begin(), name.end(), [](char c) {
                                   return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
                               });
        if (!nameOk)
            invalidParameter("Message attribute name '" + printable(name) + "' is invalid: 1 to 256 letters, digits, _ - .");
        const Json &a = *it;
        const std::string type = memberOf(a, "DataType").is_string() ? a["DataType"].get<std::string>() : "";
        const bool binary = type.starts_with("Binary");
        if (!type.starts_with("String") && !type.starts_with("Number") && !binary)
            invalidParameter("The message attribute '" + name + "' has an invalid message attribute type " + quote(type)
                             + ": String, Number or Binary (with an optional .label)");
        const char *valueKey = binary ? "BinaryValue" : "StringValue";
        const Json &value = memberOf(a, valueKey);
        if (!value.is_string() || value.get_ref<const std::string &>().empty())
            invalidParameter("The message attribute '" + name + "' must contain a non-empty " + valueKey);
        if (binary && !QByteArray::fromBase64Encoding(QByteArray::fromStdString(value.get<std::string>()),
                                                      QByteArray::AbortOnBase64DecodingErrors))
            invalidParameter("The message attribute '" + name + "' has a BinaryValue that is not base64");
        if (!binary && !validMessageText(value.get<std::string>()))
            invalidParameter("The message attribute '" + name + "' holds characters SQS does not allow");
        bytes += name.size() + type.size() + value.get_ref<const std::string &>().size();
        out[name] = Json{{"DataType", type}, {valueKey, value}};
    }
    return out;
}

struct Queue
{
    const Node *node = nullptr;
    std::string name;
    int visibilityS = 30;
    int maxReceiveCount = 3;
};

std::string receiptHandle(const QueueMessageRow &m)
{
    const std::string raw = std::to_string(m.id) + ":" + m.messageId + ":" + std::to_string(m.receiveCount);
    return QByteArray::fromStdString(raw).toBase64(QByteArray::Base64UrlEncoding).toStdString();
}

/// The message row and id a receipt handle names.
std::pair<long long, std::string> fromReceiptHandle(const Json &handle)
{
    const auto invalid = [&] {
        fail("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
             "The input receipt handle " + printable(handle.is_string() ? handle.get<std::string>().substr(0, 80) : handle.dump())
                 + " is not a valid receipt handle.");
    };
    if (!handle.is_string())
        invalid();
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(handle.get<std::string>()),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        invalid();
    const QList<QByteArray> parts = decoded.decoded.split(':');
    bool ok = false;
    const long long id = parts.size() == 3 ? parts[0].toLongLong(&ok) : 0;
    if (!ok)
        invalid();
    return {id, parts[1].toStdString()};
}

class Handler
{
public:
    Handler(Backend &backend, const Workspace &design, ResourceData &data, const http::Request &request)
        : m_backend(backend)
        , m_design(design)
        , m_data(data)
        , m_region(textSetting(design.settings, "region", "us-east-1"))
    {
        const std::string host = headerOf(request, "host");
        m_base = "http://" + (host.empty() ? std::string("127.0.0.1") : host);
    }

    /// Everything but ReceiveMessage, which may wait.
    Json run(const std::string &action, const Json &request)
    {
        if (action == "GetQueueUrl") {
            const Queue q = queue(request, "QueueName");
            return Json{{"QueueUrl", urlOf(q.name)}};
        }
        if (action == "ListQueues")
            return listQueues(request);
        if (action == "SendMessage")
            return sendMessage(request);
        if (action == "SendMessageBatch")
            return sendBatch(request);
        if (action == "DeleteMessage") {
            const Queue q = queue(request);
            const auto [id, messageId] = fromReceiptHandle(memberOf(request, "ReceiptHandle"));
            checked(m_data.deleteReceived(q.name, id, messageId)); // an old handle of a deleted message: no error, as SQS
            return Json::object();
        }
        if (action == "DeleteMessageBatch")
            return deleteBatch(request);
        if (action == "ChangeMessageVisibility") {
            const Queue q = queue(request);
            const auto [id, messageId] = fromReceiptHandle(memberOf(request, "ReceiptHandle"));
            const int64_t timeout = integer(request, "VisibilityTimeout", -1, 0, 43200);
            if (timeout < 0)
                invalidParameter("VisibilityTimeout is required: 0 to 43200 seconds");
            const int64_t now = nowMs();
            if (!checked(m_data.changeVisibility(q.name, id, messageId, now, now + timeout * 1000)))
                fail("MessageNotInflight", "MessageNotInflight", "The message referred to is not in flight.");
            m_backend.changed();
            return Json::object();
        }
        if (action == "GetQueueAttributes")
            return attributes(request);
        if (action == "PurgeQueue") {
            const Queue q = queue(request);
            checked(m_data.purge(q.name));
            return Json::object();
        }
        if (action == "CreateQueue" && memberOf(request, "QueueName").is_string()
            && resourceNamed(m_design, kinds::kQueue, request["QueueName"].get<std::string>()))
            return Json{{"QueueUrl", urlOf(request["QueueName"].get<std::string>())}}; // as SQS does for a queue that exists
        if (action == "CreateQueue")
            fail("UnsupportedOperation", "UnsupportedOperation",
                 "Stratus's queues are queue nodes of the workspace: add a queue node named "
                     + quote(memberOf(request, "QueueName").is_string() ? request["QueueName"].get<std::string>() : "")
                     + " on the canvas instead of calling CreateQueue");
        fail("InvalidAction", "InvalidAction",
             "The action " + printable(action.substr(0, 80)) + " is not valid for this endpoint (docs/services.md lists what is)");
    }

    Json receive(const Json &request, bool &empty)
    {
        const Queue q = queue(request);
        const int64_t max = integer(request, "MaxNumberOfMessages", 1, 1, 10);
        const int64_t visibility = integer(request, "VisibilityTimeout", q.visibilityS, 0, 43200);
        std::vector<QueueMessageRow> dead;
        auto rows = checked(m_data.receive(q.name, int(max), nowMs(), visibility * 1000, q.maxReceiveCount, &dead));
        if (!dead.empty())
            m_backend.changed(); // the dead-letter side hands them on
        empty = rows.empty();
        const std::set<std::string> system = names(request, {"AttributeNames", "MessageSystemAttributeNames"});
        const std::set<std::string> wanted = names(request, {"MessageAttributeNames"});
        Json messages = Json::array();
        for (const QueueMessageRow &m : rows) {
            Json message{{"MessageId", m.messageId}, {"ReceiptHandle", receiptHandle(m)},
                         {"MD5OfBody", shapes::md5Hex(m.body)}, {"Body", m.body}};
            Json attributes = Json::object();
            const auto asked = [&](const char *name) { return system.count("All") || system.count(name); };
            if (asked("SenderId"))
                attributes["SenderId"] = "000000000000";
            if (asked("SentTimestamp"))
                attributes["SentTimestamp"] = std::to_string(m.sentAtMs);
            if (asked("ApproximateReceiveCount"))
                attributes["ApproximateReceiveCount"] = std::to_string(m.receiveCount);
            if (asked("ApproximateFirstReceiveTimestamp"))
                attributes["ApproximateFirstReceiveTimestamp"] = std::to_string(m.firstReceivedMs);
            if (!attributes.empty())
                message["Attributes"] = attributes;
            Json chosen = Json::object();
            for (auto it = m.attributes.begin(); it != m.attributes.end(); ++it) {
                const bool match = wanted.count("All") || wanted.count(".*") || wanted.count(it.key())
                                   || std::any_of(wanted.begin(), wanted.end(), [&](const std::string &w) {
                                          return w.ends_with(".*") && it.key().starts_with(w.substr(0, w.size() - 1));
                                      });
                if (match)
                    chosen[it.key()] = *it;
            }
            if (!chosen.empty()) {
                message["MessageAttributes"] = chosen;
                message["MD5OfMessageAttributes"] = Sqs::attributesMd5(chosen);
            }
            messages.push_back(std::move(message));
        }
        Json answer = Json::object();
        if (!messages.empty())
            answer["Messages"] = messages;
        return answer;
    }

    int64_t waitMs(const Json &request) const { return integer(request, "WaitTimeSeconds", 0, 0, 20) * 1000; }

private:
    template <typename T>
    static T checked(Result<T> r)
    {
        if (!r)
            fail("InternalError", "InternalError", "the queue's data could not be read or written: " + r.status().message());
        return r.take();
    }

    static int64_t integer(const Json &request, const char *key, int64_t fallback, int64_t low, int64_t high)
    {
        const Json &v = memberOf(request, key);
        if (v.is_null())
            return fallback;
        if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high)
            invalidParameter("Value " + printable(v.dump().substr(0, 40)) + " for parameter " + key
                             + " is invalid. Reason: Must be between " + std::to_string(low) + " and "
                             + std::to_string(high) + ", if provided.");
        return v.get<long long>();
    }

    static std::set<std::string> names(const Json &request, std::initializer_list<const char *> keys)
    {
        std::set<std::string> out;
        for (const char *key : keys) {
            for (const Json &n : memberOf(request, key).is_array() ? request[key] : Json::array()) {
                if (n.is_string())
                    out.insert(n.get<std::string>());
            }
        }
        return out;
    }

    std::string urlOf(const std::string &name) const { return queueUrl(m_base, m_region, name); }

    Queue queue(const Json &request, const char *field = "QueueUrl")
    {
        const Json &v = memberOf(request, field);
        if (!v.is_string())
            invalidParameter(std::string("The request must contain the parameter ") + field + ".");
        std::string name = v.get<std::string>();
        if (std::string_view(field) == "QueueUrl") {
            while (name.ends_with('/'))
                name.pop_back();
            name = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
        }
        const Node *node = resourceNamed(m_design, kinds::kQueue, name);
        if (!node)
            fail("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
                 "The specified queue does not exist: " + printable(name.substr(0, 80))
                     + " (the workspace's queues are its queue nodes)");
        const Json config = NodeKindRegistry::instance().effectiveConfig(*node);
        Queue q{node, name, 30, 3};
        if (config.contains("visibilityTimeoutS") && config["visibilityTimeoutS"].is_number_integer())
            q.visibilityS = config["visibilityTimeoutS"].get<int>();
        if (config.contains("maxReceiveCount") && config["maxReceiveCount"].is_number_integer())
            q.maxReceiveCount = config["maxReceiveCount"].get<int>();
        return q;
    }

    Json listQueues(const Json &request)
    {
        const std::string prefix = memberOf(request, "QueueNamePrefix").is_string() ? request["QueueNamePrefix"].get<std::string>() : "";
        std::set<std::string> found;
        for (const Workflow &wf : m_design.workflows) {
            for (const Node &n : wf.nodes()) {
                if (n.kind == kinds::kQueue && n.name.starts_with(prefix))
                    found.insert(n.name);
            }
        }
        Json urls = Json::array();
        for (const std::string &name : found)
            urls.push_back(urlOf(name));
        return Json{{"QueueUrls", urls}};
    }

    /// One message to send, checked: its body, attributes and delay.
    ResourceData::OutgoingMessage outgoing(const Json &entry, size_t &bytes)
    {
        const Json &body = memberOf(entry, "MessageBody");
        if (!body.is_string() || body.get_ref<const std::string &>().empty())
            fail("MissingParameter", "MissingParameter", body.is_null() ? "The request must contain the parameter MessageBody." : "MessageBody must be a non-empty string.");
        if (!validMessageText(body.get<std::string>()))
            fail("InvalidMessageContents", "InvalidMessageContents",
                 "Invalid characters found in the message body: SQS takes #x9, #xA, #xD and #x20 to #x10FFFF "
                 "but not #xD800-#xDFFF or #xFFFE-#xFFFF");
        ResourceData::OutgoingMessage m;
        m.body = body.get<std::string>();
        bytes += m.body.size();
        m.attributes = checkedAttributes(memberOf(entry, "MessageAttributes"), bytes);
        m.delayMs = integer(entry, "DelaySeconds", 0, 0, 900) * 1000;
        return m;
    }

    Json sent(const ResourceData::OutgoingMessage &m, const std::string &id) const
    {
        Json answer{{"MessageId", id}, {"MD5OfMessageBody", shapes::md5Hex(m.body)}};
        if (!m.attributes.empty())
            answer["MD5OfMessageAttributes"] = Sqs::attributesMd5(m.attributes);
        return answer;
    }

    Json sendMessage(const Json &request)
    {
        const Queue q = queue(request);
        size_t bytes = 0;
        const ResourceData::OutgoingMessage m = outgoing(request, bytes);
        if (int64_t(bytes) > kMaxMessageBytes)
            invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.");
        const auto ids = checked(m_data.sendMessages(q.name, {m}, nowMs()));
        m_backend.changed();
        return sent(m, ids.front());
    }

    /// A batch's entries, checked as SQS checks them (1 to 10, distinct ids).
    const Json &entries(const Json &request)
    {
        const Json &list = memberOf(request, "Entries");
        if (!list.is_array() || list.empty())
            fail("AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest", "There should be at least one entry in the request.");
        if (list.size() > size_t(kMaxBatchEntries))
            fail("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequest",
                 "Maximum number of entries per request are 10. You have sent " + std::to_string(list.size()) + ".");
        std::set<std::string> ids;
        for (const Json &e : list) {
            const Json &id = memberOf(e, "Id");
            const bool idOk = id.is_string() && !id.get_ref<const std::string &>().empty()
                              && id.get_ref<const std::string &>().size() <= 80
                              && std::all_of(id.get_ref<const std::string &>().begin(), id.get_ref<const std::string &>().end(),
                                             [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
            if (!idOk)
                fail("AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryId",
                     "A batch entry id can only contain alphanumeric characters, hyphens and underscores, and be at "
                     "most 80 letters long (" + printable(id.dump().substr(0, 90)) + ").");
            if (!ids.insert(id.get<std::string>()).second)
                fail("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
                     "Id " + printable(id.get<std::string>()) + " repeated.");
        }
        return list;
    }

    Json sendBatch(const Json &request)
    {
        const Queue q = queue(request);
        std::vector<ResourceData::OutgoingMessage> messages;
        std::vector<Json> messageIds; // the entry ids of `messages`
        Json failed = Json::array();
        size_t bytes = 0;
        // An entry SQS refuses is answered in Failed; the others are sent (each whole).
        for (const Json &e : entries(request)) {
            try {
                messages.push_back(outgoing(e, bytes));
                messageIds.push_back(e["Id"]);
            } catch (const Failure &f) {
                failed.push_back(Json{{"Id", e["Id"]}, {"Code", f.type}, {"Message", f.message}, {"SenderFault", true}});
            }
        }
        if (int64_t(bytes) > kMaxMessageBytes)
            fail("AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLong",
                 "Batch requests cannot be longer than 262144 bytes. You have sent " + std::to_string(bytes) + " bytes.");
        const auto ids = messages.empty() ? std::vector<std::string>() : checked(m_data.sendMessages(q.name, messages, nowMs()));
        if (!messages.empty())
            m_backend.changed();
        Json successful = Json::array();
        for (size_t i = 0; i < messages.size(); ++i) {
            Json entry = sent(messages[i], ids[i]);
            entry["Id"] = messageIds[i];
            successful.push_back(std::move(entry));
        }
        return Json{{"Successful", successful}, {"Failed", failed}};
    }

    Json deleteBatch(const Json &request)
    {
        const Queue q = queue(request);
        Json successful = Json::array();
        Json failed = Json::array();
        for (const Json &e : entries(request)) {
            try {
                const auto [id, messageId] = fromReceiptHandle(memberOf(e, "ReceiptHandle"));
                checked(m_data.deleteReceived(q.name, id, messageId));
                successful.push_back(Json{{"Id", e["Id"]}});
            } catch (const Failure &f) {
                failed.push_back(Json{{"Id", e["Id"]}, {"Code", f.type}, {"Message", f.message}, {"SenderFault", true}});
            }
        }
        return Json{{"Successful", successful}, {"Failed", failed}};
    }

    Json attributes(const Json &request)
    {
        const Queue q = queue(request);
        const std::set<std::string> wanted = names(request, {"AttributeNames"});
        auto depth = checked(m_data.depth(q.name, nowMs()));
        const std::string arn = "arn:aws:sqs:" + m_region + ":000000000000:" + q.name;
        const Json all{{"QueueArn", arn},
                       {"ApproximateNumberOfMessages", std::to_string(depth.visible)},
                       {"ApproximateNumberOfMessagesNotVisible", std::to_string(depth.inFlight)},
                       {"ApproximateNumberOfMessagesDelayed", "0"},
                       {"CreatedTimestamp", "0"},
                       {"LastModifiedTimestamp", "0"},
                       {"VisibilityTimeout", std::to_string(q.visibilityS)},
                       {"MaximumMessageSize", std::to_string(kMaxMessageBytes)},
                       {"MessageRetentionPeriod", "345600"},
                       {"DelaySeconds", "0"},
                       {"ReceiveMessageWaitTimeSeconds", "0"},
                       {"RedrivePolicy", Json{{"deadLetterTargetArn", arn + "-dead"}, {"maxReceiveCount", q.maxReceiveCount}}.dump()}};
        Json out = Json::object();
        for (const std::string &name : wanted) {
            if (name == "All")
                return Json{{"Attributes", all}};
            if (!all.contains(name))
                fail("InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + printable(name.substr(0, 80)) + ".");
            out[name] = all[name];
        }
        return out.empty() ? Json::object() : Json{{"Attributes", out}};
    }

    Backend &m_backend;
    const Workspace &m_design;
    ResourceData &m_data;
    std::string m_region;
    std::string m_base;
};

http::Response xmlAnswer(const std::string &action, const Json &result)
{
    http::Response r;
    r.headers = {{"Content-Type", "text/xml"}};
    const std::string inner = xmlOf(action, result);
    // SQS writes a result element for every action that has one, empty or
    // not (boto3 and the CLI fail on a ReceiveMessage without it).
    const bool hasResult = action != "DeleteMessage" && action != "ChangeMessageVisibility" && action != "PurgeQueue";
    r.body = "<?xml version=\"1.0\"?><" + action + "Response xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
             + (hasResult ? "<" + action + "Result>" + inner + "</" + action + "Result>" : std::string())
             + "<ResponseMetadata><RequestId>" + newRequestId() + "</RequestId></ResponseMetadata></" + action
             + "Response>";
    return r;
}

http::Response errorAnswer(const Failure &f, bool query)
{
    const int status = f.code == "InternalError" ? 500 : 400;
    if (query) {
        http::Response r;
        r.status = status;
        r.headers = {{"Content-Type", "text/xml"}};
        r.body = "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error>"
                 "<Type>" + std::string(status == 500 ? "Receiver" : "Sender") + "</Type>" + element("Code", f.code)
                 + element("Message", f.message) + "<Detail/></Error>" + element("RequestId", newRequestId())
                 + "</ErrorResponse>";
        return r;
    }
    http::Response r = jsonProtocolAnswer(status, Json{{"__type", "com.amazonaws.sqs#" + f.type}, {"message", f.message}});
    // The SDKs that speak JSON read the query protocol's code from this header.
    r.headers.emplace_back("x-amzn-query-error", f.code + ";" + (status == 500 ? "Receiver" : "Sender"));
    return r;
}

} // namespace

std::string Sqs::attributesMd5(const Json &attributes)
{
    if (!attributes.is_object() || attributes.empty())
        return {};
    std::vector<std::string> names;
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        names.push_back(it.key());
    std::sort(names.begin(), names.end());
    QByteArray bytes;
    const auto lengthPrefixed = [&](const QByteArray &data) {
        const quint32 n = quint32(data.size());
        bytes.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
        bytes.append(data);
    };
    for (const std::string &name : names) {
        const Json &a = attributes[name];
        const std::string type = memberOf(a, "DataType").is_string() ? a["DataType"].get<std::string>() : "";
        lengthPrefixed(QByteArray::fromStdString(name));
        lengthPrefixed(QByteArray::fromStdString(type));
        if (type.starts_with("Binary")) {
            bytes.append(char(2));
            lengthPrefixed(QByteArray::fromBase64(QByteArray::fromStdString(
                memberOf(a, "BinaryValue").is_string() ? a["BinaryValue"].get<std::string>() : "")));
        } else {
            bytes.append(char(1));
            lengthPrefixed(QByteArray::fromStdString(memberOf(a, "StringValue").is_string() ? a["StringValue"].get<std::string>()
                                                                                            : ""));
        }
    }
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex().toStdString();
}

void Sqs::handle(const http::Request &request, Gateway::Respond respond)
{
    const std::string target = headerOf(request, "x-amz-target");
    const bool query = target.empty();
    std::string action = query ? std::string() : target.substr(target.find('.') + 1);
    try {
        Json body;
        if (query) {
            body = fromQuery(request.body.empty() ? request.rawQueryString : request.body);
            action = memberOf(body, "Action").is_string() ? body["Action"].get<std::string>() : "";
        } else {
            try {
                body = request.body.empty() ? Json::object() : Json::parse(request.body);
            } catch (const Json::exception &) {
                fail("MalformedQueryString", "MalformedQueryString", "the request body is not JSON");
            }
            if (!body.is_object() || nestsTooDeep(body, 20))
                fail("MalformedQueryString", "MalformedQueryString", "the request body must be a JSON object of SQS's parameters");
        }
        if (action == "ReceiveMessage") {
            receive(body, query, action, std::move(respond), -1, request.clientWaiting);
            return;
        }
        auto design = m_backend.design();
        ResourceData *data = m_backend.data();
        if (!design || !data)
            fail("InternalError", "InternalError", "the workspace is not running");
        Handler handler(m_backend, *design, *data, request);
        const Json result = handler.run(action, body);
        respond(query ? xmlAnswer(action, result) : jsonProtocolAnswer(200, result));
    } catch (const Failure &f) {
        respond(errorAnswer(f, query));
    } catch (const std::exception &e) {
        respond(errorAnswer(Failure{"InternalError", "InternalError", std::string("Stratus could not serve the request: ") + e.what()},
                            query));
    }
}

void Sqs::receive(const Json &request, bool query, const std::string &action, Gateway::Respond respond,
                  int64_t deadlineMs, std::function<bool()> clientWaiting)
{
    // A client that went away gets no message: taking one for it would hide
    // it from everyone until its visibility timeout ends.
    if (clientWaiting && !clientWaiting())
        return;
    try {
        auto design = m_backend.design();
        ResourceData *data = m_backend.data();
        if (!design || !data)
            fail("InternalError", "InternalError", "the workspace is not running");
        http::Request none;
        Handler handler(m_backend, *design, *data, none);
        if (deadlineMs < 0)
            deadlineMs = nowMs() + handler.waitMs(request);
        bool empty = true;
        const Json result = handler.receive(request, empty);
        if (empty && nowMs() < deadlineMs) {
            // Long polling: look again shortly, until a message comes or the wait ends.
            QTimer::singleShot(20, &m_context, [this, request, query, action, respond = std::move(respond), deadlineMs,
                                                clientWaiting = std::move(clientWaiting)]() mutable {
                receive(request, query, action, std::move(respond), deadlineMs, std::move(clientWaiting));
            });
            return;
        }
        respond(query ? xmlAnswer(action, result) : jsonProtocolAnswer(200, result));
    } catch (const Failure &f) {
        respond(errorAnswer(f, query));
    } catch (const std::exception &e) {
        respond(errorAnswer(Failure{"InternalError", "InternalError", e.what()}, query));
    }
}

} // namespace stratus::engine::services
