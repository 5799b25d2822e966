// serverless.yml (Serverless Framework v3) read into a workspace: its
// variables resolved as far as they can be here, its functions and events
// put in SAM's form, and then read as a SAM template is (samimport.cpp).

#include "samimport.h"

#include "cfnyaml.h"
#include "sam.h"

#include "engine/model/text.h"

#include <set>

namespace stratus::engine::exporting {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxVariableSteps = 10000;
constexpr int kMaxVariableDepth = 32;          // ${self:a} → ${self:b} → …
constexpr size_t kMaxVariableBytes = 1u << 20; // what one value may expand to

std::string trimmed(const std::string &text)
{
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// Serverless's ${source:address, fallback} variables, as far as they can be
/// known here: self:, sls:stage, opt: (through its fallback), aws:region and
/// aws:accountId. Secrets and deploy-time values (env:, ssm:, cf:, s3:,
/// file()) are not read: each is named in a warning and left empty.
class Variables
{
public:
    Variables(const Json &document, std::string file) : m_doc(document), m_file(std::move(file)) {}

    std::string stage = "dev";
    std::string region = "us-east-1";
    std::vector<std::string> warnings;
    std::vector<std::string> errors;

    Json resolveAll(const Json &value, const std::string &where)
    {
        if (value.is_string())
            return resolveText(value.get<std::string>(), where);
        if (value.is_array()) {
            Json out = Json::array();
            for (size_t i = 0; i < value.size(); ++i)
                out.push_back(resolveAll(value[i], where + "[" + std::to_string(i) + "]"));
            return out;
        }
        if (value.is_object()) {
            Json out = Json::object();
            for (const auto &[key, item] : value.items())
                out[key] = resolveAll(item, where.empty() ? key : where + "." + key);
            return out;
        }
        return value;
    }

    Json resolveText(std::string text, const std::string &where)
    {
        for (int step = 0; text.find("${") != std::string::npos; ++step) {
            if (step > kMaxVariableSteps || !errors.empty()) {
                if (errors.empty())
                    fail(where + ": its variables refer to each other without end");
                return "";
            }
            // The innermost variable first: ${self:custom.${sls:stage}}.
            const size_t close = text.find('}', text.find("${"));
            if (close == std::string::npos) {
                warnings.push_back(m_file + ": " + where + ": a ${ without its } is kept as text");
                break;
            }
            const size_t open = text.rfind("${", close);
            const std::string expression = text.substr(open + 2, close - open - 2);
            Json value = variable(expression, where);
            if (open == 0 && close + 1 == text.size() && !value.is_string())
                return value; // a whole value may be a number, a list, a mapping
            text = text.substr(0, open) + (value.is_string() ? value.get<std::string>() : value.dump())
                   + text.substr(close + 1);
            if (text.size() > kMaxVariableBytes) {
                fail(where + ": its variables expand past " + std::to_string(kMaxVariableBytes >> 20)
                     + " MB; not read");
                return "";
            }
        }
        return text;
    }

private:
    Json variable(const std::string &expression, const std::string &where)
    {
        std::vector<std::string> choices;
        std::string part;
        char quoteChar = 0;
        for (const char c : expression) {
            if (quoteChar) {
                quoteChar = c == quoteChar ? 0 : quoteChar;
            } else if (c == '\'' || c == '"') {
                quoteChar = c;
            } else if (c == ',') {
                choices.push_back(trimmed(part));
                part.clear();
                continue;
            }
            part += c;
        }
        choices.push_back(trimmed(part));
        std::string unread;
        for (const std::string &choice : choices) {
            if (choice.size() >= 2 && (choice.front() == '\'' || choice.front() == '"') && choice.back() == choice.front())
                return choice.substr(1, choice.size() - 2);
            if (!choice.empty() && (std::isdigit(static_cast<unsigned char>(choice[0])) || choice[0] == '-'))
                return choice;
            if (choice.starts_with("self:")) {
                Json::json_pointer pointer;
                std::string address = choice.substr(5);
                size_t start = 0;
                while (start <= address.size()) {
                    size_t dot = address.find('.', start);
                    if (dot == std::string::npos)
                        dot = address.size();
                    pointer /= address.substr(start, dot - start);
                    start = dot + 1;
                }
                if (m_doc.contains(pointer) && !m_doc[pointer].is_null()) {
                    if (m_depth >= kMaxVariableDepth) {
                        fail(where + ": ${" + expression + "} refers to itself, or through more than "
                             + std::to_string(kMaxVariableDepth) + " other variables");
                        return "";
                    }
                    ++m_depth;
                    Json value = resolveAll(m_doc[pointer], where);
                    --m_depth;
                    return value;
                }
                unread = choice;
                continue;
            }
            if (choice == "sls:stage")
                return stage;
            if (choice == "sls:instanceId")
                return "local";
            if (choice == "aws:region" || choice == "opt:region")
                return region;
            if (choice == "aws:accountId")
                return "000000000000";
            if (choice == "opt:stage")
                return stage;
            unread = choice;
        }
        warnings.push_back(m_file + ": " + where + ": ${" + expression + "} is not read here ("
                           + (unread.starts_with("self:") ? "the file has no " + unread.substr(5)
                                                          : std::string("only self:, sls:, opt: with a fallback "
                                                                        "and aws: are read; secrets and deploy-time "
                                                                        "values stay with your deploy"))
                           + "); it is empty when run here");
        return "";
    }

    void fail(std::string text) { errors.push_back(m_file + ": " + std::move(text)); }

    const Json &m_doc;
    std::string m_file;
    int m_depth = 0;
};

std::string capitalized(std::string text)
{
    if (!text.empty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

class ServiceReader
{
public:
    ServiceReader(Json service, std::string file) : m_service(std::move(service)), m_file(std::move(file)) {}

    std::vector<std::string> errors;

    Json samForm()
    {
        Json resources = memberOf(memberOf(m_service, "resources"), "Resources").is_object()
                             ? m_service["resources"]["Resources"]
                             : Json::object();
        m_resources = &resources;
        Json globals = Json::object();
        const Json &provider = memberOf(m_service, "provider");
        if (memberOf(provider, "runtime").is_string())
            globals["Runtime"] = provider["runtime"];
        // What Serverless Framework v3 gives a function that says nothing (1024 MB, 6 s), not Lambda's own 128 MB, 3 s.
        globals["MemorySize"] = memberOf(provider, "memorySize").is_null() ? Json(1024) : provider["memorySize"];
        globals["Timeout"] = memberOf(provider, "timeout").is_null() ? Json(6) : provider["timeout"];
        if (memberOf(provider, "architecture").is_string())
            globals["Architectures"] = Json::array({provider["architecture"]});
        if (memberOf(provider, "environment").is_object())
            globals["Environment"] = Json{{"Variables", provider["environment"]}};
        Json functions = Json::object();
        for (const auto &[name, function] : memberOf(m_service, "functions").items())
            functions[name] = functionOf(name, function);
        for (auto &[name, function] : functions.items())
            resources[name] = std::move(function);
        Json document = Json::object();
        document["Transform"] = "AWS::Serverless-2016-10-31";
        if (!globals.empty())
            document["Globals"] = Json{{"Function", globals}};
        document["Resources"] = std::move(resources);
        return document;
    }

private:
    Json functionOf(const std::string &name, const Json &function)
    {
        const std::string where = "functions." + name;
        Json properties = Json::object();
        const Json &handler = memberOf(function, "handler");
        if (!handler.is_string()) {
            errors.push_back(m_file + ": " + where + ".handler: a function needs its handler (src/file.function)");
            return Json::object();
        }
        // src/todos.list: the code is src/, the handler todos.list in it (as SAM's CodeUri and Handler).
        const std::string text = handler.get<std::string>();
        const size_t slash = text.rfind('/', text.rfind('.'));
        properties["CodeUri"] = slash == std::string::npos ? std::string(".") : text.substr(0, slash + 1);
        properties["Handler"] = slash == std::string::npos ? text : text.substr(slash + 1);
        static const std::pair<const char *, const char *> kSame[] = {
            {"runtime", "Runtime"},         {"memorySize", "MemorySize"},
            {"timeout", "Timeout"},         {"description", "Description"},
            {"name", "FunctionName"},       {"reservedConcurrency", "ReservedConcurrentExecutions"}};
        for (const auto &[from, to] : kSame)
            if (!memberOf(function, from).is_null())
                properties[to] = function[from];
        if (memberOf(function, "architecture").is_string())
            properties["Architectures"] = Json::array({function["architecture"]});
        if (memberOf(function, "environment").is_object())
            properties["Environment"] = Json{{"Variables", function["environment"]}};
        if (!memberOf(function, "maximumRetryAttempts").is_null())
            properties["EventInvokeConfig"] = Json{{"MaximumRetryAttempts", function["maximumRetryAttempts"]}};
        Json events = Json::object();
        const Json &list = memberOf(function, "events");
        if (!list.is_null() && !list.is_array())
            errors.push_back(m_file + ": " + where + ".events: a list of events");
        std::map<std::string, int> counts;
        for (const Json &item : list.is_array() ? list : Json::array()) {
            if (!item.is_object() || item.size() != 1) {
                errors.push_back(m_file + ": " + where + ".events: each event is one mapping (- httpApi: …)");
                continue;
            }
            const std::string type = item.begin().key();
            const std::string eventName = capitalized(type) + std::to_string(++counts[type]);
            events[eventName] = eventOf(type, item.begin().value(), where + ".events." + type);
        }
        if (!events.empty())
            properties["Events"] = std::move(events);
        return Json{{"Type", "AWS::Serverless::Function"}, {"Properties", std::move(properties)}};
    }

    static Json route(const Json &value, const std::string &kind, bool rest)
    {
        std::string method = "ANY";
        std::string path;
        if (value.is_string()) {
            const std::string text = trimmed(value.get<std::string>());
            if (text == "*")
                return Json{{"Type", kind}};
            const size_t space = text.find(' ');
            method = space == std::string::npos ? "ANY" : text.substr(0, space);
            path = space == std::string::npos ? text : trimmed(text.substr(space + 1));
        } else {
            if (memberOf(value, "method").is_string())
                method = value["method"].get<std::string>();
            if (memberOf(value, "path").is_string())
                path = value["path"].get<std::string>();
        }
        if (method == "*")
            method = "ANY";
        if (rest && !path.starts_with("/"))
            path = "/" + path;
        return Json{{"Type", kind}, {"Properties", {{"Path", path}, {"Method", method}}}};
    }

    /// The logical id of the bucket named `name`: the service's own resource, or one Serverless makes.
    std::string bucketId(const std::string &name)
    {
        for (const auto &[id, resource] : m_resources->items())
            if (memberOf(resource, "Type") == "AWS::S3::Bucket"
                && memberOf(memberOf(resource, "Properties"), "BucketName") == name)
                return id;
        std::string id = "S3Bucket" + logicalIdFrom(name);
        (*m_resources)[id] = Json{{"Type", "AWS::S3::Bucket"}, {"Properties", {{"BucketName", name}}}};
        return id;
    }

    Json eventOf(const std::string &type, const Json &value, const std::string &where)
    {
        if (type == "httpApi")
            return route(value, "HttpApi", false);
        if (type == "http")
            return route(value, "Api", true);
        if (type == "schedule") {
            Json properties = Json::object();
            const Json &rate = value.is_object() ? memberOf(value, "rate") : value;
            properties["Schedule"] = rate.is_array() && !rate.empty() ? rate[0] : rate;
            if (rate.is_array() && rate.size() > 1)
                errors.push_back(m_file + ": " + where + ".rate: one expression per schedule event here");
            if (memberOf(value, "enabled").is_boolean())
                properties["Enabled"] = value["enabled"];
            if (!memberOf(value, "input").is_null())
                properties["Input"] = value["input"];
            return Json{{"Type", "Schedule"}, {"Properties", properties}};
        }
        if (type == "sqs") {
            Json properties{{"Queue", value.is_object() && value.contains("arn") ? value["arn"] : value}};
            if (!memberOf(value, "batchSize").is_null())
                properties["BatchSize"] = value["batchSize"];
            if (!memberOf(value, "maximumBatchingWindow").is_null())
                properties["MaximumBatchingWindowInSeconds"] = value["maximumBatchingWindow"];
            return Json{{"Type", "SQS"}, {"Properties", properties}};
        }
        if (type == "stream") {
            const Json &kind = memberOf(value, "type");
            Json properties{{"Stream", value.is_object() && value.contains("arn") ? value["arn"] : value},
                            {"StartingPosition", memberOf(value, "startingPosition").is_string()
                                                     ? value["startingPosition"]
                                                     : Json("TRIM_HORIZON")}};
            if (!memberOf(value, "batchSize").is_null())
                properties["BatchSize"] = value["batchSize"];
            return Json{{"Type", kind == "kinesis" ? "Kinesis" : "DynamoDB"}, {"Properties", properties}};
        }
        if (type == "s3") {
            const Json &bucket = value.is_object() ? memberOf(value, "bucket") : value;
            if (!bucket.is_string()) {
                errors.push_back(m_file + ": " + where + ".bucket: the bucket's name");
                return Json::object();
            }
            Json properties{{"Bucket", {{"Ref", bucketId(bucket.get<std::string>())}}},
                            {"Events", memberOf(value, "event").is_string() ? value["event"]
                                                                          : Json("s3:ObjectCreated:*")}};
            Json rules = Json::array();
            for (const Json &rule : memberOf(value, "rules"))
                for (const auto &[name, text] : rule.items())
                    rules.push_back(Json{{"Name", name}, {"Value", text}});
            if (!rules.empty())
                properties["Filter"] = Json{{"S3Key", {{"Rules", rules}}}};
            return Json{{"Type", "S3"}, {"Properties", properties}};
        }
        return Json{{"Type", type}};
    }

    Json m_service;
    std::string m_file;
    Json *m_resources = nullptr;
};

} // namespace

Result<Imported> importServerless(const fs::path &servicePath, const ImportOptions &options)
{
    auto read = readTemplateFile(servicePath);
    if (!read)
        return read.status();
    const std::string &file = read->name;
    const Json *document = &read->document;
    if (!document->contains("service") || !document->contains("provider"))
        return Status::invalidArgument(file + ": not a Serverless Framework service: it has no service and provider");
    if (memberOf((*document)["provider"], "name") != "aws")
        return Status::invalidArgument(file + ": provider.name: only aws services are read");

    Variables variables(*document, file);
    if (const Json &stage = memberOf((*document)["provider"], "stage"); stage.is_string()) {
        const Json resolved = variables.resolveText(stage.get<std::string>(), "provider.stage");
        if (resolved.is_string() && !resolved.get<std::string>().empty())
            variables.stage = resolved.get<std::string>();
    }
    if (const Json &region = memberOf((*document)["provider"], "region"); region.is_string()) {
        const Json resolved = variables.resolveText(region.get<std::string>(), "provider.region");
        if (resolved.is_string() && !resolved.get<std::string>().empty())
            variables.region = resolved.get<std::string>();
    }
    const Json service = variables.resolveAll(*document, "");
    if (!variables.errors.empty())
        return Status::invalidArgument(joined(variables.errors, "\n"));
    const Json &name = service["service"];
    const std::string serviceName = name.is_string()               ? name.get<std::string>()
                                    : memberOf(name, "name").is_string() ? name["name"].get<std::string>()
                                                                       : std::string("service");

    ServiceReader reader(service, file);
    Json sam = reader.samForm();
    if (!reader.errors.empty())
        return Status::invalidArgument(joined(reader.errors, "\n"));
    ImportOptions resolved = options;
    if (resolved.stackName.empty())
        resolved.stackName = serviceName + "-" + variables.stage;
    resolved.region = variables.region;
    // Edits are written into functions' and resources' blocks in place (serverlesswriteback.cpp).
    std::vector<std::string> layout;
    for (const std::vector<std::string> &path : {std::vector<std::string>{"functions"},
                                                 std::vector<std::string>{"resources", "Resources"}}) {
        auto blocks = childBlocksOf(read->text, path);
        if (!blocks && blocks.status().code() == Status::Code::NotSupported)
            layout.push_back(file + ": " + joined(path, ".") + " (" + blocks.status().message()
                             + ") cannot be edited in place: an export after an edit writes the file anew, "
                               "without its comments");
    }
    auto imported = importTemplateDocument(read.take(), std::move(sam), folderOf(servicePath), "serverless", resolved);
    if (!imported)
        return imported.status();
    imported->warnings.insert(imported->warnings.begin(), variables.warnings.begin(), variables.warnings.end());
    imported->warnings.insert(imported->warnings.end(), layout.begin(), layout.end());
    return imported;
}

} // namespace stratus::engine::exporting
