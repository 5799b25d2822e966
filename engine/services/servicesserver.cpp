#include "servicesserver.h"

#include "awsprotocol.h"

#include "engine/model/nodekind.h"
#include "engine/model/text.h"

namespace stratus::engine::services {

namespace {

http::Response plainError(int status, const std::string &message)
{
    http::Response r;
    r.status = status;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    r.body = message + "\n";
    return r;
}

} // namespace

ServicesServer::ServicesServer(Backend &backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_dynamoDb(backend)
    , m_s3(backend)
    , m_sqs(backend)
{}

ServicesServer::~ServicesServer() = default;

std::string ServicesServer::serviceOf(const http::Request &request)
{
    const std::string target = headerOf(request, "x-amz-target");
    if (target.starts_with("DynamoDB_"))
        return "dynamodb";
    if (target.starts_with("AmazonSQS."))
        return "sqs";
    if (!target.empty())
        return asciiLowercase(target.substr(0, target.find_first_of("_.")));
    // The signing scope: Credential=KEY/DATE/REGION/SERVICE/aws4_request.
    const std::string authorization = headerOf(request, "authorization");
    if (const size_t credential = authorization.find("Credential="); credential != std::string::npos) {
        const size_t end = authorization.find_first_of(", ", credential);
        const std::string scope = authorization.substr(credential + 11, end == std::string::npos ? end : end - credential - 11);
        std::vector<std::string> parts;
        size_t from = 0;
        for (size_t slash = scope.find('/'); ; slash = scope.find('/', from)) {
            parts.push_back(scope.substr(from, slash == std::string::npos ? slash : slash - from));
            if (slash == std::string::npos)
                break;
            from = slash + 1;
        }
        if (parts.size() >= 4)
            return parts[3];
    }
    // Query-protocol SQS (Action=SendMessage&...) from clients that do not sign.
    if (headerOf(request, "content-type").starts_with("application/x-www-form-urlencoded")
        && (request.body.find("Action=") != std::string::npos
            || request.rawQueryString.find("Action=") != std::string::npos))
        return "sqs";
    // A JSON protocol request that names no target is nobody's.
    if (headerOf(request, "content-type").starts_with("application/x-amz-json"))
        return {};
    return "s3";
}

Status ServicesServer::listen(const std::string &host, int port)
{
    m_gateway = std::make_unique<Gateway>(
        [this](http::Request request, Gateway::Respond respond) { serve(std::move(request), std::move(respond)); });
    connect(m_gateway.get(), &Gateway::answered, this, &ServicesServer::answered);
    Gateway::Options options;
    options.host = host;
    options.port = port;
    options.maxBodyBytes = kMaxBodyBytes;
    options.refusal = [](int status, const std::string &why, const http::Request &head) {
        const bool tooLarge = status == 413;
        if (serviceOf(head) == "s3")
            return S3::error(head, 400, tooLarge ? "EntityTooLarge" : "InvalidArgument",
                             tooLarge ? "Your proposed upload exceeds the maximum allowed size: " + why
                                            + " (larger objects go in parts: a multipart upload)"
                                      : "Bad request: " + why);
        return jsonProtocolAnswer(status, Json{{"__type", tooLarge ? "RequestEntityTooLarge" : "SerializationException"},
                                               {"message", why}});
    };
    if (Status s = m_gateway->listen(options); !s)
        return s.withContext("the local AWS endpoints");
    return Status::ok();
}

std::string ServicesServer::url() const
{
    return m_gateway ? m_gateway->url() : std::string();
}

int ServicesServer::port() const
{
    return m_gateway ? m_gateway->port() : 0;
}

void ServicesServer::close()
{
    if (m_gateway)
        m_gateway->close();
}

void ServicesServer::serve(http::Request request, Gateway::Respond respond)
{
    const std::string service = serviceOf(request);
    if (service == "dynamodb") {
        if (request.method != "POST") {
            respond(plainError(405, "DynamoDB takes POST requests"));
            return;
        }
        const std::string target = headerOf(request, "x-amz-target");
        const size_t dot = target.find('.');
        respond(m_dynamoDb.handle(request, dot == std::string::npos ? std::string() : target.substr(dot + 1)));
        return;
    }
    if (service == "sqs") {
        m_sqs.handle(request, std::move(respond));
        return;
    }
    if (service == "s3") {
        respond(m_s3.handle(request));
        return;
    }
    // An answer in the JSON protocols' error shape, so that the SDK reports the reason.
    const std::string target = headerOf(request, "x-amz-target");
    const std::string what = !target.empty() ? target.substr(0, target.find('.'))
                             : service.empty() ? std::string("this request (no X-Amz-Target header or signing scope)")
                                               : service;
    respond(jsonProtocolAnswer(501, Json{{"__type", "NotImplemented"},
                                         {"message", "Stratus's local AWS endpoint serves DynamoDB, S3 and SQS; it does not serve "
                                                         + what + " (docs/services.md)"}}));
}

} // namespace stratus::engine::services
