// engine/triggers/httpapi.h: API Gateway HTTP API as a pure model. Which
// route a request takes (the routes page's priorities and its example table),
// the payload format 2.0 and 1.0 events (against the Lambda integration
// page's documented examples), how a function's result becomes the answer
// (the page's interpretation table, and every malformed case the gateway
// answers 502), API Gateway's own error answers, CORS, and that hostile input
// neither throws nor takes long.

#include "engine/triggers/httpapi.h"

#include <QElapsedTimer>
#include <QTest>

using namespace stratus::engine;
using namespace stratus::engine::http;

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

/// "GET", "/path?query" and the rest of a request as the gateway reads it.
Request request(const std::string &method,
                const std::string &target,
                std::vector<std::pair<std::string, std::string>> headers = {},
                std::string body = {})
{
    Request r;
    r.method = method;
    const size_t question = target.find('?');
    r.rawPath = target.substr(0, question);
    if (question != std::string::npos)
        r.rawQueryString = target.substr(question + 1);
    r.headers = std::move(headers);
    r.body = std::move(body);
    r.requestId = "req-1";
    r.timeEpochMs = 1583348638390;
    return r;
}

/// "k=v;k2=v2", the map's own (sorted) order.
QString parametersText(const std::map<std::string, std::string> &parameters)
{
    QStringList parts;
    for (const auto &[name, value] : parameters)
        parts << text(name + "=" + value);
    return parts.join(QLatin1Char(';'));
}

/// One "Name: value" line per header, in order.
QString headersText(const std::vector<std::pair<std::string, std::string>> &headers)
{
    QString out;
    for (const auto &[name, value] : headers)
        out += text(name + ": " + value + "\n");
    return out;
}

/// The payload format 2.0 example of http-api-develop-integrations-lambda.html,
/// as printed (header names lower-case: "All headernames are lowercased").
const char *const kDocumentedV2 = R"({
  "version": "2.0",
  "routeKey": "$default",
  "rawPath": "/my/path",
  "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
  "cookies": [
    "cookie1",
    "cookie2"
  ],
  "headers": {
    "header1": "value1",
    "header2": "value1,value2"
  },
  "queryStringParameters": {
    "parameter1": "value1,value2",
    "parameter2": "value"
  },
  "requestContext": {
    "accountId": "123456789012",
    "apiId": "api-id",
    "authentication": {
      "clientCert": {
        "clientCertPem": "CERT_CONTENT",
        "subjectDN": "www.example.com",
        "issuerDN": "Example issuer",
        "serialNumber": "a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1",
        "validity": {
          "notBefore": "May 28 12:30:02 2019 GMT",
          "notAfter": "Aug  5 09:36:04 2021 GMT"
        }
      }
    },
    "authorizer": {
      "jwt": {
        "claims": {
          "claim1": "value1",
          "claim2": "value2"
        },
        "scopes": [
          "scope1",
          "scope2"
        ]
      }
    },
    "domainName": "id.execute-api.us-east-1.amazonaws.com",
    "domainPrefix": "id",
    "http": {
      "method": "POST",
      "path": "/my/path",
      "protocol": "HTTP/1.1",
      "sourceIp": "IP",
      "userAgent": "agent"
    },
    "requestId": "id",
    "routeKey": "$default",
    "stage": "$default",
    "time": "12/Mar/2020:19:03:58 +0000",
    "timeEpoch": 1583348638390
  },
  "body": "Hello from Lambda",
  "pathParameters": {
    "parameter1": "value1"
  },
  "isBase64Encoded": false,
  "stageVariables": {
    "stageVariable1": "value1",
    "stageVariable2": "value2"
  }
})";

/// The same page's payload format 1.0 example, as printed (names lower-case).
const char *const kDocumentedV1 = R"({
  "version": "1.0",
  "resource": "/my/path",
  "path": "/my/path",
  "httpMethod": "GET",
  "headers": {
    "header1": "value1",
    "header2": "value2"
  },
  "multiValueHeaders": {
    "header1": [
      "value1"
    ],
    "header2": [
      "value1",
      "value2"
    ]
  },
  "queryStringParameters": {
    "parameter1": "value1",
    "parameter2": "value"
  },
  "multiValueQueryStringParameters": {
    "parameter1": [
      "value1",
      "value2"
    ],
    "parameter2": [
      "value"
    ]
  },
  "requestContext": {
    "accountId": "123456789012",
    "apiId": "id",
    "authorizer": {
      "claims": null,
      "scopes": null
    },
    "domainName": "id.execute-api.us-east-1.amazonaws.com",
    "domainPrefix": "id",
    "extendedRequestId": "request-id",
    "httpMethod": "GET",
    "identity": {
      "accessKey": null,
      "accountId": null,
      "caller": null,
      "cognitoAuthenticationProvider": null,
      "cognitoAuthenticationType": null,
      "cognitoIdentityId": null,
      "cognitoIdentityPoolId": null,
      "principalOrgId": null,
      "sourceIp": "IP",
      "user": null,
      "userAgent": "user-agent",
      "userArn": null,
      "clientCert": {
        "clientCertPem": "CERT_CONTENT",
        "subjectDN": "www.example.com",
        "issuerDN": "Example issuer",
        "serialNumber": "a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1",
        "validity": {
          "notBefore": "May 28 12:30:02 2019 GMT",
          "notAfter": "Aug  5 09:36:04 2021 GMT"
        }
      }
    },
    "path": "/my/path",
    "protocol": "HTTP/1.1",
    "requestId": "id=",
    "requestTime": "04/Mar/2020:19:15:17 +0000",
    "requestTimeEpoch": 1583349317135,
    "resourceId": null,
    "resourcePath": "/my/path",
    "stage": "$default"
  },
  "pathParameters": null,
  "stageVariables": null,
  "body": "Hello from Lambda!",
  "isBase64Encoded": false
})";

} // namespace

class TestHttpApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routePriority_data();
    void routePriority();
    void unmatchedRequests_data();
    void unmatchedRequests();
    void duplicateRoutesAreRefused();
    void malformedRoutesAreRefused_data();
    void malformedRoutesAreRefused();

    void eventV2MatchesDocumentedExample();
    void eventV2JoinsRepeatsAndSplitsCookies();
    void eventV2LeavesOutAbsentParts();
    void eventV2BodyEncoding_data();
    void eventV2BodyEncoding();
    void eventV2DecodesPathAndSurvivesBadBytes();
    void eventV1MatchesDocumentedExample();
    void eventV1AbsentMapsAreNull();

    void responseV2_data();
    void responseV2();
    void responseV2Malformed_data();
    void responseV2Malformed();
    void responseV1_data();
    void responseV1();
    void responseV1Malformed_data();
    void responseV1Malformed();
    void errorResponses_data();
    void errorResponses();

    void corsPreflight_data();
    void corsPreflight();
    void corsHeadersOnAnswers();
    void corsConfigIgnoresWrongTypes();
    void headerValueIgnoresCase();

    void hostileInputStaysFast();
};

void TestHttpApi::routePriority_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("routeKey");
    QTest::addColumn<QString>("parameters");

    // The four rows of the routes page's example table.
    QTest::newRow("doc: static route") << "GET"
                                       << "/pets/dog/1"
                                       << "GET /pets/dog/1"
                                       << "";
    QTest::newRow("doc: full match") << "GET"
                                     << "/pets/dog/2"
                                     << "GET /pets/dog/{id}"
                                     << "id=2";
    QTest::newRow("doc: greedy with method") << "GET"
                                             << "/pets/cat/1"
                                             << "GET /pets/{proxy+}"
                                             << "proxy=cat/1";
    QTest::newRow("doc: ANY greedy") << "POST"
                                     << "/test/5"
                                     << "ANY /{proxy+}"
                                     << "proxy=test/5";

    QTest::newRow("method beats ANY") << "GET"
                                      << "/items/7"
                                      << "GET /items/{id}"
                                      << "id=7";
    QTest::newRow("ANY takes other methods") << "DELETE"
                                             << "/items/7"
                                             << "ANY /items/{id}"
                                             << "id=7";
    QTest::newRow("methods are case-sensitive") << "get"
                                                << "/items/7"
                                                << "ANY /items/{id}"
                                                << "id=7";
    QTest::newRow("greedy needs a child") << "GET"
                                          << "/pets/dog"
                                          << "GET /pets/{proxy+}"
                                          << "proxy=dog";
    QTest::newRow("leftmost literal wins") << "GET"
                                           << "/a/b/c"
                                           << "GET /a/{x}/c"
                                           << "x=b";
    QTest::newRow("param where no literal") << "GET"
                                            << "/z/b/c"
                                            << "GET /{y}/b/c"
                                            << "y=z";
    QTest::newRow("longer greedy prefix") << "POST"
                                          << "/files/docs/x/y"
                                          << "POST /files/{dir}/{proxy+}"
                                          << "dir=docs;proxy=x/y";
    QTest::newRow("shorter greedy") << "POST"
                                    << "/files/docs"
                                    << "POST /files/{proxy+}"
                                    << "proxy=docs";
    QTest::newRow("percent-decoded param")
        << "GET"
        << "/items/a%20b%C3%A9"
        << "GET /items/{id}" << QString::fromUtf8("id=a b\xc3\xa9");
    QTest::newRow("plus is a plus in paths") << "GET"
                                             << "/items/1+2"
                                             << "GET /items/{id}"
                                             << "id=1+2";
    // HTTP API decodes before routing: %2F separates segments.
    QTest::newRow("encoded slash separates") << "GET"
                                             << "/items/a%2Fb"
                                             << "ANY /{proxy+}"
                                             << "proxy=items/a/b";
    QTest::newRow("trailing slash ignored") << "GET"
                                            << "/items/7/"
                                            << "GET /items/{id}"
                                            << "id=7";
    QTest::newRow("root") << "GET"
                          << "/"
                          << "GET /"
                          << "";
    QTest::newRow("paths are case-sensitive") << "GET"
                                              << "/Items/7"
                                              << "ANY /{proxy+}"
                                              << "proxy=Items/7";
    QTest::newRow("encoded literal") << "GET"
                                     << "/caf%C3%A9" << QString::fromUtf8("GET /caf\xc3\xa9") << "";
}

void TestHttpApi::routePriority()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, routeKey);
    QFETCH(QString, parameters);

    RouteTable table;
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"GET", "/pets/dog/1"},
        {"GET", "/pets/dog/{id}"},
        {"GET", "/pets/{proxy+}"},
        {"ANY", "/{proxy+}"},
        {"ANY", "/items/{id}"},
        {"GET", "/items/{id}"},
        {"GET", "/a/{x}/c"},
        {"GET", "/{y}/b/c"},
        {"GET", "/"},
        {"GET", "/caf\xc3\xa9"},
        {"POST", "/files/{dir}/{proxy+}"},
        {"POST", "/files/{proxy+}"},
    };
    for (const auto &[m, p] : routes) {
        const Status added = table.add({m, p, "node-" + p});
        QVERIFY2(added, added.message().c_str());
    }

    const auto match = table.match(method.toStdString(), path.toStdString());
    QVERIFY(match);
    QCOMPARE(text(match->routeKey), routeKey);
    QCOMPARE(parametersText(match->pathParameters), parameters);
    QVERIFY(match->route);
    QCOMPARE(text(match->route->method + " " + match->route->path), routeKey);
    QVERIFY(table.hasPath(path.toStdString()));
}

void TestHttpApi::unmatchedRequests_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("parent of a param") << "GET"
                                       << "/items";
    QTest::newRow("parent with slash") << "GET"
                                       << "/items/";
    QTest::newRow("one segment too many") << "GET"
                                          << "/items/7/8";
    QTest::newRow("greedy without a child") << "GET"
                                            << "/pets";
    QTest::newRow("greedy with only a slash") << "GET"
                                              << "/pets/";
    QTest::newRow("empty param") << "GET"
                                 << "/items//";
    QTest::newRow("other method") << "POST"
                                  << "/items/7";
    QTest::newRow("method of another route") << "GET"
                                             << "/orders";
    QTest::newRow("no leading slash") << "GET"
                                      << "items/7";
    QTest::newRow("empty") << "GET"
                           << "";
}

void TestHttpApi::unmatchedRequests()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    RouteTable table;
    QVERIFY(table.add({"GET", "/items/{id}", "a"}));
    QVERIFY(table.add({"GET", "/pets/{proxy+}", "b"}));
    QVERIFY(table.add({"POST", "/orders", "c"}));
    QVERIFY(!table.match(method.toStdString(), path.toStdString()));

    // hasPath tells a 404 from a method the path does not take.
    QVERIFY(table.hasPath("/items/7"));
    QVERIFY(table.hasPath("/orders"));
    QVERIFY(!table.hasPath("/nothing"));
}

void TestHttpApi::duplicateRoutesAreRefused()
{
    RouteTable table;
    QVERIFY(table.add({"GET", "/a/{x}", "n1"}));

    const Status same = table.add({"GET", "/a/{y}", "n2"});
    QVERIFY(!same);
    const QString message = text(same.message());
    QVERIFY2(message.contains(QLatin1String("GET /a/{x}")) &&
                 message.contains(QLatin1String("GET /a/{y}")),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("n1")) && message.contains(QLatin1String("n2")),
             qPrintable(message));

    // The method is compared upper-case; another method or shape is another route.
    QVERIFY(!table.add({"get", "/a/{z}", "n3"}));
    QVERIFY(table.add({"ANY", "/a/{y}", "n4"}));
    QVERIFY(table.add({"GET", "/a/{proxy+}", "n5"}));
    QVERIFY(table.add({"GET", "/a/b", "n6"}));
    QCOMPARE(table.routes().size(), size_t(4));
    QCOMPARE(text(table.routes()[1].method), QStringLiteral("ANY"));
}

void TestHttpApi::malformedRoutesAreRefused_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("relative") << "GET"
                              << "a"
                              << "start with '/'";
    QTest::newRow("empty") << "GET"
                           << ""
                           << "start with '/'";
    QTest::newRow("trailing slash") << "GET"
                                    << "/a/"
                                    << "end with '/'";
    QTest::newRow("empty segment") << "GET"
                                   << "/a//b"
                                   << "empty segment";
    QTest::newRow("greedy not last") << "GET"
                                     << "/a/{proxy+}/b"
                                     << "must be the last";
    QTest::newRow("nameless") << "GET"
                              << "/a/{}"
                              << "not a valid {name}";
    QTest::newRow("nameless greedy") << "GET"
                                     << "/a/{+}"
                                     << "not a valid {name}";
    QTest::newRow("brace in text") << "GET"
                                   << "/a/x{y}"
                                   << "whole segment";
    QTest::newRow("name twice") << "GET"
                                << "/a/{x}/{x}"
                                << "appears twice";
    QTest::newRow("no method") << ""
                               << "/a"
                               << "not a valid HTTP method";
    QTest::newRow("method with space") << "GE T"
                                       << "/a"
                                       << "not a valid HTTP method";
}

void TestHttpApi::malformedRoutesAreRefused()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    RouteTable table;
    const Status added = table.add({method.toStdString(), path.toStdString(), "n"});
    QVERIFY(!added);
    QVERIFY2(text(added.message()).contains(reason), added.message().c_str());
    QVERIFY(table.routes().empty());
}

void TestHttpApi::eventV2MatchesDocumentedExample()
{
    Request r = request("POST", "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
                        {{"Header1", "value1"},
                         {"Header2", "value1"},
                         {"Cookie", "cookie1; cookie2"},
                         {"header2", "value2"},
                         {"User-Agent", "agent"},
                         {"Content-Type", "text/plain"}},
                        "Hello from Lambda");
    r.sourceIp = "IP";
    r.requestId = "id";
    ApiContext context;
    context.accountId = "123456789012";
    context.apiId = "api-id";
    context.domainName = "id.execute-api.us-east-1.amazonaws.com";
    // The example pairs "$default" with a path parameter; the builder
    // reports whatever the match says.
    RouteMatch match;
    match.routeKey = "$default";
    match.pathParameters = {{"parameter1", "value1"}};

    Json expected = Json::parse(kDocumentedV2);
    // Not modelled locally: mutual TLS, authorizers, stage variables.
    expected["requestContext"].erase("authentication");
    expected["requestContext"].erase("authorizer");
    expected.erase("stageVariables");
    // The example's time (12 Mar) disagrees with its own timeEpoch
    // (2020-03-04T19:03:58.390Z); the builder derives one from the other.
    expected["requestContext"]["time"] = "04/Mar/2020:19:03:58 +0000";
    // The user agent arrives as a header, and a text body needs a
    // Content-Type saying so (else it would be base64).
    expected["headers"]["user-agent"] = "agent";
    expected["headers"]["content-type"] = "text/plain";

    // dump() compares key order too (ordered_json).
    QCOMPARE(text(eventV2(r, match, context).dump(2)), text(expected.dump(2)));
}

void TestHttpApi::eventV2JoinsRepeatsAndSplitsCookies()
{
    RouteTable table;
    QVERIFY(table.add({"GET", "/items/{id}", "node"}));
    const Request r = request("GET", "/items/42?a=1&a=2&b=x%20y&c=d+e&flag&=dropped&a=3",
                              {{"X-Tag", "a"},
                               {"Cookie", "s=1; t=2"},
                               {"x-tag", "b"},
                               {"Host", "localhost:8080"},
                               {"cookie", "u=3;v=4"}});
    const auto match = table.match(r.method, r.rawPath);
    QVERIFY(match);
    const Json event = eventV2(r, *match, ApiContext{});

    QCOMPARE(text(event["routeKey"].dump()), QStringLiteral("\"GET /items/{id}\""));
    QCOMPARE(text(event["rawQueryString"].get<std::string>()), text(r.rawQueryString));
    QCOMPARE(text(event["cookies"].dump()), QStringLiteral(R"(["s=1","t=2","u=3","v=4"])"));
    // Cookie headers become `cookies` and leave `headers`.
    QCOMPARE(text(event["headers"].dump()),
             QStringLiteral(R"({"x-tag":"a,b","host":"localhost:8080"})"));
    QCOMPARE(text(event["queryStringParameters"].dump()),
             QStringLiteral(R"({"a":"1,2,3","b":"x y","c":"d e","flag":""})"));
    QCOMPARE(text(event["pathParameters"].dump()), QStringLiteral(R"({"id":"42"})"));
    QCOMPARE(text(event["requestContext"]["routeKey"].get<std::string>()),
             QStringLiteral("GET /items/{id}"));
    QCOMPARE(text(event["requestContext"]["domainName"].get<std::string>()),
             QStringLiteral("localhost:8080"));
    QCOMPARE(text(event["requestContext"]["domainPrefix"].get<std::string>()),
             QStringLiteral("localhost"));
    QCOMPARE(text(event["requestContext"]["http"]["userAgent"].get<std::string>()), QString());
    QVERIFY(!event.contains("body"));
    QVERIFY(event["isBase64Encoded"] == Json(false));
}

void TestHttpApi::eventV2LeavesOutAbsentParts()
{
    Request r = request("GET", "/");
    r.timeEpochMs = 0;
    ApiContext context;
    context.domainName = "127.0.0.1:8080";
    const Json event = eventV2(r, RouteMatch{}, context);

    QStringList keys;
    for (const auto &item : event.items())
        keys << text(item.key());
    // No cookies, queryStringParameters, body or pathParameters when there are none.
    QCOMPARE(keys, QStringList({"version", "routeKey", "rawPath", "rawQueryString", "headers",
                                "requestContext", "isBase64Encoded"}));
    QCOMPARE(text(event["routeKey"].get<std::string>()), QStringLiteral("$default"));
    QCOMPARE(text(event["headers"].dump()), QStringLiteral("{}"));
    QCOMPARE(text(event["rawQueryString"].get<std::string>()), QString());
    const Json &context2 = event["requestContext"];
    QCOMPARE(text(context2["domainPrefix"].get<std::string>()), QStringLiteral("127.0.0.1"));
    QCOMPARE(text(context2["time"].get<std::string>()),
             QStringLiteral("01/Jan/1970:00:00:00 +0000"));
    QCOMPARE(text(context2["accountId"].get<std::string>()), QStringLiteral("000000000000"));
    QCOMPARE(text(context2["stage"].get<std::string>()), QStringLiteral("$default"));
}

void TestHttpApi::eventV2BodyEncoding_data()
{
    QTest::addColumn<QByteArray>("contentType"); // empty: no Content-Type header
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("base64");
    QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("hello") << false;
    QTest::newRow("text/html") << QByteArray("text/html; charset=utf-8") << QByteArray("<p>hi</p>")
                               << false;
    QTest::newRow("json with charset")
        << QByteArray("application/json; charset=utf-8") << QByteArray("{\"a\":1}") << false;
    QTest::newRow("media type case") << QByteArray("Application/JSON") << QByteArray("[]") << false;
    QTest::newRow("xml") << QByteArray("application/xml") << QByteArray("<a/>") << false;
    QTest::newRow("javascript") << QByteArray("application/javascript") << QByteArray("f()")
                                << false;
    QTest::newRow("binary") << QByteArray("application/octet-stream")
                            << QByteArray("\x00\x01\xff", 3) << true;
    QTest::newRow("image") << QByteArray("image/png") << QByteArray("\x89PNG") << true;
    // Measured on AWS: forms and a missing type arrive base64 too.
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                          << QByteArray("a=1&b=2") << true;
    QTest::newRow("no content type") << QByteArray() << QByteArray("hello") << true;
    QTest::newRow("+json suffix") << QByteArray("application/vnd.api+json") << QByteArray("{}")
                                  << true;
    QTest::newRow("text that is not UTF-8")
        << QByteArray("text/plain") << QByteArray("caf\xe9") << true;
}

void TestHttpApi::eventV2BodyEncoding()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, base64);
    std::vector<std::pair<std::string, std::string>> headers;
    if (!contentType.isEmpty())
        headers.emplace_back("Content-Type", contentType.toStdString());
    const Request r = request("POST", "/upload", headers, body.toStdString());
    for (const Json &event :
         {eventV2(r, RouteMatch{}, ApiContext{}), eventV1(r, RouteMatch{}, ApiContext{})}) {
        QCOMPARE(event["isBase64Encoded"].get<bool>(), base64);
        const QByteArray expected = base64 ? body.toBase64() : body;
        QCOMPARE(QByteArray::fromStdString(event["body"].get<std::string>()), expected);
    }
}

void TestHttpApi::eventV2DecodesPathAndSurvivesBadBytes()
{
    RouteTable table;
    QVERIFY(table.add({"GET", "/items/{id}", "node"}));
    // %FF decodes to a byte that is not UTF-8; a header name and value too.
    const Request r = request("GET", "/items/%FF%20x?q=%FE", {{"X-\xff", "\xfe"}});
    const auto match = table.match(r.method, r.rawPath);
    QVERIFY(match);
    QCOMPARE(QByteArray::fromStdString(match->pathParameters.at("id")), QByteArray("\xff x"));

    for (const Json &event : {eventV2(r, *match, ApiContext{}), eventV1(r, *match, ApiContext{})}) {
        std::string dumped;
        try {
            dumped = event.dump();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        QVERIFY(dumped.find("\xef\xbf\xbd x") != std::string::npos); // U+FFFD
    }
    const Json event = eventV2(r, *match, ApiContext{});
    // HTTP API sends the decoded path as rawPath (captures: /a%2Fb arrives as /a/b).
    QCOMPARE(text(event["rawPath"].get<std::string>()), QString::fromUtf8("/items/\xef\xbf\xbd x"));
    QVERIFY(event["rawPath"] == event["requestContext"]["http"]["path"]);
    QCOMPARE(text(event["rawQueryString"].get<std::string>()), QStringLiteral("q=%FE"));
}

void TestHttpApi::eventV1MatchesDocumentedExample()
{
    RouteTable table;
    QVERIFY(table.add({"GET", "/my/path", "node"}));
    Request r = request("GET", "/my/path?parameter1=value1&parameter1=value2&parameter2=value",
                        {{"Header1", "value1"},
                         {"Header2", "value1"},
                         {"Header2", "value2"},
                         {"User-Agent", "user-agent"},
                         {"Content-Type", "text/plain"}},
                        "Hello from Lambda!");
    r.sourceIp = "IP";
    r.requestId = "id=";
    r.timeEpochMs = 1583349317135;
    ApiContext context;
    context.accountId = "123456789012";
    context.apiId = "id";
    context.domainName = "id.execute-api.us-east-1.amazonaws.com";
    const auto match = table.match(r.method, r.rawPath);
    QVERIFY(match);

    Json expected = Json::parse(kDocumentedV1);
    // Not modelled locally: authorizers, mutual TLS.
    expected["requestContext"].erase("authorizer");
    expected["requestContext"]["identity"].erase("clientCert");
    // One request id serves both ids here.
    expected["requestContext"]["extendedRequestId"] = "id=";
    // The example shows the last header value but the first query value; a
    // REST API was measured to keep the last of each, which we follow.
    expected["queryStringParameters"]["parameter1"] = "value2";
    expected["headers"]["user-agent"] = "user-agent";
    expected["headers"]["content-type"] = "text/plain";
    expected["multiValueHeaders"]["user-agent"] = {"user-agent"};
    expected["multiValueHeaders"]["content-type"] = {"text/plain"};

    QCOMPARE(text(eventV1(r, *match, context).dump(2)), text(expected.dump(2)));
}

void TestHttpApi::eventV1AbsentMapsAreNull()
{
    RouteTable table;
    QVERIFY(table.add({"ANY", "/files/{proxy+}", "node"}));
    const Request bare = request("DELETE", "/files/a/b%20c", {{"Cookie", "a=1"}});
    const auto match = table.match(bare.method, bare.rawPath);
    QVERIFY(match);
    const Json event = eventV1(bare, *match, ApiContext{});
    QCOMPARE(text(event["resource"].get<std::string>()), QStringLiteral("/files/{proxy+}"));
    QCOMPARE(text(event["path"].get<std::string>()), QStringLiteral("/files/a/b c"));
    QCOMPARE(text(event["pathParameters"].dump()), QStringLiteral(R"({"proxy":"a/b c"})"));
    // 1.0 keeps the Cookie header (there is no `cookies`).
    QCOMPARE(text(event["headers"].dump()), QStringLiteral(R"({"cookie":"a=1"})"));
    QVERIFY(event["queryStringParameters"].is_null());
    QVERIFY(event["multiValueQueryStringParameters"].is_null());
    QVERIFY(event["stageVariables"].is_null());
    QVERIFY(event["body"].is_null());
    QVERIFY(!event.contains("cookies"));

    const Json none = eventV1(request("GET", "/x"), RouteMatch{}, ApiContext{});
    QVERIFY(none["headers"].is_null());
    QVERIFY(none["multiValueHeaders"].is_null());
    QVERIFY(none["pathParameters"].is_null());
    QCOMPARE(text(none["resource"].get<std::string>()), QStringLiteral("$default"));
}

void TestHttpApi::responseV2_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QByteArray>("body");
    const QString json = QStringLiteral("Content-Type: application/json\n");

    // The page's interpretation table, both rows.
    QTest::newRow("doc: string") << QByteArray(R"("Hello from Lambda!")") << 200 << json
                                 << QByteArray("Hello from Lambda!");
    QTest::newRow("doc: object") << QByteArray(R"({ "message": "Hello from Lambda!" })") << 200
                                 << json << QByteArray(R"({ "message": "Hello from Lambda!" })");
    QTest::newRow("number") << QByteArray("42") << 200 << json << QByteArray("42");
    QTest::newRow("array, outer space trimmed")
        << QByteArray(" [1, 2] \n") << 200 << json << QByteArray("[1, 2]");
    QTest::newRow("null") << QByteArray("null") << 200 << json << QByteArray("null");
    QTest::newRow("boolean") << QByteArray("true") << 200 << json << QByteArray("true");
    QTest::newRow("escaped string") << QByteArray(R"("line\nbreak \u00e9")") << 200 << json
                                    << QByteArray("line\nbreak \xc3\xa9");
    QTest::newRow("proxy keys without statusCode")
        << QByteArray(R"({"body":"x","headers":{"a":"b"}})") << 200 << json
        << QByteArray(R"({"body":"x","headers":{"a":"b"}})");

    QTest::newRow("statusCode, headers, cookies, base64")
        << QByteArray(
               R"({"statusCode":201,"headers":{"Content-Type":"image/png","X-Count":3,"X-Ok":true,)"
               R"("X-Gone":null,"X-Ratio":1.5},"cookies":["a=1; Path=/","b=2"],"body":"AAEC/w==",)"
               R"("isBase64Encoded":true,"unknown":"ignored"})")
        << 201
        << QStringLiteral("Content-Type: image/png\nX-Count: 3\nX-Ok: true\nX-Ratio: 1.5\n"
                          "Set-Cookie: a=1; Path=/\nSet-Cookie: b=2\n")
        << QByteArray("\x00\x01\x02\xff", 4);
    QTest::newRow("statusCode only")
        << QByteArray(R"({"statusCode":204})") << 204 << json << QByteArray();
    QTest::newRow("whole float status, own type")
        << QByteArray(
               R"({"statusCode":404.0,"headers":{"content-type":"text/plain"},"body":"gone"})")
        << 404 << QStringLiteral("content-type: text/plain\n") << QByteArray("gone");
    QTest::newRow("base64 flag false")
        << QByteArray(R"({"statusCode":200,"body":"AAEC","isBase64Encoded":false})") << 200 << json
        << QByteArray("AAEC");
    QTest::newRow("nulls are absent")
        << QByteArray(
               R"({"statusCode":500,"headers":null,"cookies":null,"body":null,"isBase64Encoded":null})")
        << 500 << json << QByteArray();
}

void TestHttpApi::responseV2()
{
    QFETCH(QByteArray, result);
    QFETCH(int, status);
    QFETCH(QString, headers);
    QFETCH(QByteArray, body);
    const auto response = responseFromResultV2(result.toStdString());
    QVERIFY2(response, response.status().message().c_str());
    QCOMPARE(response->status, status);
    QCOMPARE(headersText(response->headers), headers);
    QCOMPARE(QByteArray::fromStdString(response->body), body);
}

void TestHttpApi::responseV2Malformed_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not JSON") << QByteArray(R"({"statusCode":)")
                              << "is not JSON: line 1, column 15";
    QTest::newRow("empty") << QByteArray(" \n") << "is empty";
    QTest::newRow("not UTF-8") << QByteArray("\"\xff\"") << "not UTF-8";
    QTest::newRow("NUL") << QByteArray("\"a\"\0", 4) << "NUL";
    QTest::newRow("status as string") << QByteArray(R"({"statusCode":"200"})")
                                      << R"(statusCode "200" is not a whole number 100-599)";
    QTest::newRow("status 99") << QByteArray(R"({"statusCode":99})") << "statusCode 99 is not";
    QTest::newRow("status 600") << QByteArray(R"({"statusCode":600})") << "statusCode 600 is not";
    QTest::newRow("status fraction")
        << QByteArray(R"({"statusCode":200.5})") << "statusCode 200.5 is not";
    QTest::newRow("status negative")
        << QByteArray(R"({"statusCode":-200})") << "statusCode -200 is not";
    QTest::newRow("status huge") << QByteArray(R"({"statusCode":1e300})")
                                 << "is not a whole number";
    QTest::newRow("status unsigned huge")
        << QByteArray(R"({"statusCode":18446744073709551615})") << "is not a whole number";
    QTest::newRow("status null") << QByteArray(R"({"statusCode":null})")
                                 << "statusCode null is not";
    QTest::newRow("status boolean")
        << QByteArray(R"({"statusCode":true})") << "statusCode true is not";
    QTest::newRow("headers a list") << QByteArray(R"({"statusCode":200,"headers":["a"]})")
                                    << "headers is a list, not an object";
    QTest::newRow("header an object") << QByteArray(R"({"statusCode":200,"headers":{"a":{"b":1}}})")
                                      << "header 'a' is an object, not text";
    QTest::newRow("header line break")
        << QByteArray(R"({"statusCode":200,"headers":{"a":"x\r\nEvil: 1"}})") << "line break";
    QTest::newRow("header name") << QByteArray(R"({"statusCode":200,"headers":{"bad name":"x"}})")
                                 << "not a valid HTTP header name";
    QTest::newRow("body a number")
        << QByteArray(R"({"statusCode":200,"body":5})") << "body is 5, not a string";
    QTest::newRow("body an object")
        << QByteArray(R"({"statusCode":200,"body":{"a":1}})") << "body is an object, not a string";
    QTest::newRow("flag a string")
        << QByteArray(R"({"statusCode":200,"body":"x","isBase64Encoded":"yes"})")
        << R"(isBase64Encoded is "yes", not true or false)";
    QTest::newRow("bad base64") << QByteArray(
                                       R"({"statusCode":200,"body":"@@@","isBase64Encoded":true})")
                                << "not valid base64";
    QTest::newRow("cookies a string")
        << QByteArray(R"({"statusCode":200,"cookies":"a=1"})") << R"(cookies is "a=1", not a list)";
    QTest::newRow("cookie a number")
        << QByteArray(R"({"statusCode":200,"cookies":[1]})") << "a cookie is 1, not a string";
    QTest::newRow("cookie line break")
        << QByteArray(R"({"statusCode":200,"cookies":["a=1\nX: y"]})") << "line break";
}

void TestHttpApi::responseV2Malformed()
{
    QFETCH(QByteArray, result);
    QFETCH(QString, reason);
    const auto response = responseFromResultV2(result.toStdString());
    QVERIFY(!response);
    const QString message = text(response.status().message());
    QVERIFY2(message.startsWith(
                 QLatin1String("malformed payload format 2.0 response from the function: ")),
             qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
}

void TestHttpApi::responseV1_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QByteArray>("body");

    // "If the same key-value pair is specified in both, only the values from
    // multiValueHeaders will appear": Set-Cookie a=1 appears once.
    QTest::newRow("headers merged with multiValueHeaders")
        << QByteArray(
               R"({"statusCode":200,"headers":{"X-A":"1","Set-Cookie":"a=1"},)"
               R"("multiValueHeaders":{"Set-Cookie":["a=1","b=2"],"X-B":["x",7]},"body":"hi"})")
        << 200
        << QStringLiteral("Set-Cookie: a=1\nX-A: 1\nSet-Cookie: b=2\nX-B: x\nX-B: 7\n"
                          "Content-Type: application/json\n")
        << QByteArray("hi");
    QTest::newRow("base64 body")
        << QByteArray(R"({"statusCode":200,"headers":{"Content-Type":"application/octet-stream"},)"
                      R"("body":"aGk=","isBase64Encoded":true})")
        << 200 << QStringLiteral("Content-Type: application/octet-stream\n") << QByteArray("hi");
    QTest::newRow("no cookies field in 1.0")
        << QByteArray(R"({"statusCode":302,"cookies":["a=1"],"body":""})") << 302
        << QStringLiteral("Content-Type: application/json\n") << QByteArray();
}

void TestHttpApi::responseV1()
{
    QFETCH(QByteArray, result);
    QFETCH(int, status);
    QFETCH(QString, headers);
    QFETCH(QByteArray, body);
    const auto response = responseFromResultV1(result.toStdString());
    QVERIFY2(response, response.status().message().c_str());
    QCOMPARE(response->status, status);
    QCOMPARE(headersText(response->headers), headers);
    QCOMPARE(QByteArray::fromStdString(response->body), body);
}

void TestHttpApi::responseV1Malformed_data()
{
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QString>("reason");
    // 1.0 infers nothing: what 2.0 turns into a 200 is malformed here.
    QTest::newRow("string") << QByteArray(R"("hello")")
                            << R"(the result is "hello", not an object)";
    QTest::newRow("list") << QByteArray("[1]") << "the result is a list, not an object";
    QTest::newRow("no statusCode") << QByteArray(R"({"body":"x"})") << "no statusCode";
    QTest::newRow("not JSON") << QByteArray("oops") << "is not JSON";
    QTest::newRow("multiValueHeaders a list")
        << QByteArray(R"({"statusCode":200,"multiValueHeaders":[]})")
        << "multiValueHeaders is a list, not an object";
    QTest::newRow("multi value not a list")
        << QByteArray(R"({"statusCode":200,"multiValueHeaders":{"a":"b"}})")
        << R"(multiValueHeaders 'a' is "b", not a list)";
    QTest::newRow("multi value an object")
        << QByteArray(R"({"statusCode":200,"multiValueHeaders":{"a":[{}]}})")
        << "is an object, not text";
    QTest::newRow("body a list") << QByteArray(R"({"statusCode":200,"body":[]})")
                                 << "body is a list";
}

void TestHttpApi::responseV1Malformed()
{
    QFETCH(QByteArray, result);
    QFETCH(QString, reason);
    const auto response = responseFromResultV1(result.toStdString());
    QVERIFY(!response);
    const QString message = text(response.status().message());
    QVERIFY2(message.startsWith(
                 QLatin1String("malformed payload format 1.0 response from the function: ")),
             qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
}

void TestHttpApi::errorResponses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("answered");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no route") << 404 << 404 << QByteArray(R"({"message":"Not Found"})");
    QTest::newRow("too large") << 413 << 413
                               << QByteArray(R"({"message":"Request Entity Too Large"})");
    QTest::newRow("internal") << 500 << 500 << QByteArray(R"({"message":"Internal Server Error"})");
    QTest::newRow("bad function answer")
        << 502 << 502 << QByteArray(R"({"message":"Internal Server Error"})");
    QTest::newRow("timeout") << 503 << 503 << QByteArray(R"({"message":"Service Unavailable"})");
    QTest::newRow("throttled") << 429 << 429 << QByteArray(R"({"message":"Too Many Requests"})");
    QTest::newRow("other 5xx") << 507 << 507
                               << QByteArray(R"({"message":"Internal Server Error"})");
    QTest::newRow("not an error status")
        << 200 << 500 << QByteArray(R"({"message":"Internal Server Error"})");
}

void TestHttpApi::errorResponses()
{
    QFETCH(int, status);
    QFETCH(int, answered);
    QFETCH(QByteArray, body);
    const Response response = errorResponse(status);
    QCOMPARE(response.status, answered);
    QCOMPARE(QByteArray::fromStdString(response.body), body);
    QCOMPARE(headersText(response.headers), QStringLiteral("Content-Type: application/json\n"));
}

void TestHttpApi::corsPreflight_data()
{
    QTest::addColumn<QByteArray>("cors");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("origin");        // empty: no Origin header
    QTest::addColumn<QString>("requestMethod"); // empty: no Access-Control-Request-Method
    QTest::addColumn<QString>("answer"); // "none": not a preflight; else status, then headers

    const QByteArray app =
        R"({"allowOrigins":["https://app.example"],"allowMethods":["GET","POST"],)"
        R"("allowHeaders":["content-type","authorization"],"maxAgeS":300})";
    QTest::newRow("allowed")
        << app << "OPTIONS"
        << "https://app.example"
        << "POST"
        << "204\nAccess-Control-Allow-Origin: https://app.example\nVary: Origin\n"
           "Access-Control-Allow-Methods: GET,POST\n"
           "Access-Control-Allow-Headers: content-type,authorization\n"
           "Access-Control-Max-Age: 300\n";
    QTest::newRow("origin not allowed") << app << "OPTIONS"
                                        << "https://evil.example"
                                        << "POST"
                                        << "204\n";
    QTest::newRow("method not allowed") << app << "OPTIONS"
                                        << "https://app.example"
                                        << "DELETE"
                                        << "204\n";
    QTest::newRow("not OPTIONS") << app << "GET"
                                 << "https://app.example"
                                 << "POST"
                                 << "none";
    QTest::newRow("no request method") << app << "OPTIONS"
                                       << "https://app.example"
                                       << ""
                                       << "none";
    QTest::newRow("no origin") << app << "OPTIONS"
                               << ""
                               << "POST"
                               << "none";

    const QByteArray any = R"({"allowOrigins":["*"],"allowMethods":["*"]})";
    QTest::newRow("wildcards")
        << any << "OPTIONS"
        << "https://x.example"
        << "PUT"
        << "204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: *\n";

    // With credentials a "*" would be taken literally: the request is named.
    const QByteArray credentials =
        R"({"allowOrigins":["*"],"allowMethods":["*"],"allowHeaders":["*"],"allowCredentials":true})";
    QTest::newRow("wildcards with credentials")
        << credentials << "OPTIONS"
        << "https://x.example"
        << "PATCH"
        << "204\nAccess-Control-Allow-Origin: https://x.example\nVary: Origin\n"
           "Access-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PATCH\n"
           "Access-Control-Allow-Headers: x-token\n";

    const QByteArray originsOnly = R"({"allowOrigins":["https://app.example"]})";
    QTest::newRow("safelisted method")
        << originsOnly << "OPTIONS"
        << "https://app.example"
        << "POST"
        << "204\nAccess-Control-Allow-Origin: https://app.example\nVary: Origin\n";
    QTest::newRow("unlisted method") << originsOnly << "OPTIONS"
                                     << "https://app.example"
                                     << "PUT"
                                     << "204\n";

    QTest::newRow("no CORS configured") << QByteArray("{}") << "OPTIONS"
                                        << "https://app.example"
                                        << "POST"
                                        << "none";
}

void TestHttpApi::corsPreflight()
{
    QFETCH(QByteArray, cors);
    QFETCH(QString, method);
    QFETCH(QString, origin);
    QFETCH(QString, requestMethod);
    QFETCH(QString, answer);

    std::vector<std::pair<std::string, std::string>> headers;
    if (!origin.isEmpty())
        headers.emplace_back("Origin", origin.toStdString());
    if (!requestMethod.isEmpty())
        headers.emplace_back("Access-Control-Request-Method", requestMethod.toStdString());
    headers.emplace_back("Access-Control-Request-Headers", "x-token");
    const auto response = preflightResponse(Cors::fromJson(Json::parse(cors.toStdString())),
                                            request(method.toStdString(), "/items/1", headers));
    if (answer == QLatin1String("none")) {
        QVERIFY(!response);
        return;
    }
    QVERIFY(response);
    QCOMPARE(QString::number(response->status) + QLatin1Char('\n') + headersText(response->headers),
             answer);
    QVERIFY(response->body.empty());
}

void TestHttpApi::corsHeadersOnAnswers()
{
    const Cors cors = Cors::fromJson(Json::parse(
        R"({"allowOrigins":["https://app.example"],"exposeHeaders":["x-total","x-page"]})"));
    const Response fromFunction{200,
                                {{"Content-Type", "application/json"},
                                 {"Access-Control-Allow-Origin", "*"},
                                 {"access-control-max-age", "5"}},
                                "{}"};

    // The function's own CORS headers give way to the configuration.
    Response allowed = fromFunction;
    addCorsHeaders(cors, request("GET", "/x", {{"origin", "https://app.example"}}), allowed);
    QCOMPARE(
        headersText(allowed.headers),
        QStringLiteral(
            "Content-Type: application/json\nAccess-Control-Allow-Origin: https://app.example\n"
            "Vary: Origin\nAccess-Control-Expose-Headers: x-total,x-page\n"));

    Response other = fromFunction;
    addCorsHeaders(cors, request("GET", "/x", {{"Origin", "https://evil.example"}}), other);
    QCOMPARE(headersText(other.headers), QStringLiteral("Content-Type: application/json\n"));

    Response noOrigin = fromFunction;
    addCorsHeaders(cors, request("GET", "/x"), noOrigin);
    QCOMPARE(headersText(noOrigin.headers), QStringLiteral("Content-Type: application/json\n"));

    // Without CORS configured, the function's headers pass untouched.
    Response untouched = fromFunction;
    addCorsHeaders(Cors{}, request("GET", "/x", {{"Origin", "https://app.example"}}), untouched);
    QCOMPARE(headersText(untouched.headers), headersText(fromFunction.headers));
}

void TestHttpApi::corsConfigIgnoresWrongTypes()
{
    const Cors cors = Cors::fromJson(Json::parse(
        R"({"allowOrigins":"https://a.example","allowMethods":["GET",3],"maxAgeS":"5","allowCredentials":1})"));
    QVERIFY(cors.empty());
    QCOMPARE(cors.allowMethods.size(), size_t(1));
    QVERIFY(!cors.maxAgeS);
    QVERIFY(!cors.allowCredentials);
    QVERIFY(Cors::fromJson(Json::array()).empty());
    QCOMPARE(Cors::fromJson(Json::parse(R"({"allowOrigins":["*"],"maxAgeS":86400})"))
                 .maxAgeS.value_or(0),
             86400);
}

void TestHttpApi::headerValueIgnoresCase()
{
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "a"}, {"content-type", "b"}, {"X", ""}};
    QCOMPARE(text(headerValue(headers, "CONTENT-TYPE").value_or("?")), QStringLiteral("a"));
    QCOMPARE(text(headerValue(headers, "x").value_or("?")), QString());
    QVERIFY(!headerValue(headers, "content-length"));
    QVERIFY(!headerValue(headers, "content-typ"));
}

void TestHttpApi::hostileInputStaysFast()
{
    QElapsedTimer timer;
    timer.start();

    // 50,000 distinct query parameters and headers: no quadratic look-ups.
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    for (int i = 0; i < 50000; ++i) {
        query += "p" + std::to_string(i) + "=" + std::to_string(i) + "&";
        headers.emplace_back("X-H" + std::to_string(i), "v");
    }
    const Request big = request("GET", "/x?" + query, headers, std::string(1 << 20, '\xff'));
    const Json v2 = eventV2(big, RouteMatch{}, ApiContext{});
    QCOMPARE(v2["queryStringParameters"].size(), size_t(50000));
    QCOMPARE(v2["headers"].size(), size_t(50000));
    QVERIFY(v2["isBase64Encoded"].get<bool>());
    const Json v1 = eventV1(big, RouteMatch{}, ApiContext{});
    QCOMPARE(v1["multiValueQueryStringParameters"].size(), size_t(50000));
    QVERIFY(!v2.dump().empty());

    // A result of 100,000 keys, and one nested 100,000 deep (nothing
    // recursive may walk it).
    std::string manyKeys = "{";
    for (int i = 0; i < 100000; ++i)
        manyKeys += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    manyKeys += "}";
    const auto wide = responseFromResultV2(manyKeys);
    QVERIFY(wide);
    QCOMPARE(wide->body.size(), manyKeys.size());
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const auto nested = responseFromResultV2(deep);
    QVERIFY(nested);
    QCOMPARE(nested->body.size(), deep.size());
    QVERIFY(!responseFromResultV1(deep));
    QVERIFY(!responseFromResultV2(std::string(100000, '[')));

    // A long path with many segments against a few routes.
    RouteTable table;
    QVERIFY(table.add({"GET", "/{proxy+}", "n"}));
    std::string path;
    for (int i = 0; i < 100000; ++i)
        path += "/%41";
    const auto match = table.match("GET", path);
    QVERIFY(match);
    QCOMPARE(match->pathParameters.at("proxy").size(), size_t(2 * 100000 - 1));

    QVERIFY2(timer.elapsed() < 20000,
             qPrintable(QString::number(timer.elapsed()) + QStringLiteral(" ms")));
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
