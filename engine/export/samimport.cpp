#include "samimport.h"

#include "cfnyaml.h"
#include "bundle.h"
#include "machineimport.h"
#include "origin.h"
#include "sam.h"
#include "ziparchive.h"

#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"

#include <QByteArray>

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <sstream>

namespace stratus::engine::exporting {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxCodeFiles = 2000;
constexpr size_t kMaxCodeBytes = 20u << 20;

const std::set<std::string> kSkippedFolders = {"node_modules", ".aws-sam", ".git", "__pycache__", ".venv",
                                               ".serverless"};

std::string kebab(const std::string &id)
{
    std::string out;
    for (size_t i = 0; i < id.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(id[i]);
        if (std::isupper(c)) {
            if (i > 0 && !out.empty() && out.back() != '-'
                && (std::islower(static_cast<unsigned char>(id[i - 1]))
                    || (i + 1 < id.size() && std::islower(static_cast<unsigned char>(id[i + 1])))))
                out += '-';
            out += char(std::tolower(c));
        } else if (std::isalnum(c)) {
            out += char(c);
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "node" : out;
}

/// The place of a property in errors: "Resources.Hello.Properties.MemorySize".
std::string placeOf(const std::string &resource, const std::string &path)
{
    return "Resources." + resource + (path.empty() ? "" : "." + path);
}

bool within(const fs::path &base, const fs::path &path)
{
    const fs::path relative = path.lexically_relative(base);
    return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

Result<std::string> readText(const fs::path &path, size_t limit)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return Status::ioError("cannot read " + quote(path.string()) + ": " + ec.message());
    if (size > limit)
        return Status::invalidArgument(quote(path.filename().string()) + " is " + std::to_string(size >> 20)
                                       + " MB; at most " + std::to_string(limit >> 20) + " MB is read");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Status::ioError("cannot read " + quote(path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class TemplateImporter
{
public:
    TemplateImporter(Json document, fs::path folder, std::string file, const ImportOptions &options)
        : m_doc(std::move(document)), m_folder(std::move(folder)), m_file(std::move(file)), m_options(options)
    {
    }

    /// Maps the template into `workflow`; errors and warnings are gathered.
    Workflow run()
    {
        Workflow workflow(WorkflowId("main"), m_options.stackName);
        const Json &resources = m_doc["Resources"];
        m_globals = memberOf(memberOf(m_doc, "Globals"), "Function");
        if (m_globals.is_null())
            m_globals = Json::object();
        if (!m_globals.is_object())
            fail("Globals.Function: a mapping of function properties, not " + printable(m_globals.dump().substr(0, 60)));
        // Resources first (functions refer to them), then functions.
        for (const auto &[id, resource] : resources.items())
            addResourceNode(workflow, id, resource);
        for (const auto &[id, resource] : resources.items())
            addQueueDeadLetters(workflow, id, resource);
        for (const auto &[id, resource] : resources.items())
            if (typeOf(resource) == "AWS::Serverless::Function")
                addFunction(workflow, id, resource);
        for (const auto &[id, resource] : resources.items())
            if (typeOf(resource) == "AWS::Serverless::StateMachine")
                addMachine(workflow, id, resource);
        for (const auto &[id, resource] : resources.items()) {
            if (m_keptCode.contains(id) && !m_frontOf.contains(id) && !(m_writers.contains(id) && m_usedWriters))
                warn(placeOf(id, "") + " is a function Stratus's export generated for a state machine that is not "
                                       "on the canvas; it is kept as written with its code");
            if (!m_entries.contains(id) && !m_keptCode.contains(id) && !m_machines.contains(id)
                && !m_keptMachines.contains(id))
                warn(placeOf(id, "") + " (" + (typeOf(resource).empty() ? "no Type" : typeOf(resource))
                     + ") is kept as written: it is not on the canvas and does not run here");
        }
        keepReadme();
        layOut(workflow);
        recordViews(workflow);
        return workflow;
    }

    Json origin() const
    {
        Json origin = Json::object();
        origin["format"] = "sam";
        origin["file"] = m_file;
        origin["stackName"] = m_options.stackName;
        Json resources = Json::object();
        auto &members = resources.get_ref<Json::object_t &>();
        for (const auto &[id, entry] : m_entries)
            members.emplace_back(id, entry); // ids are unique: no search (an ordered object's is linear)
        origin["resources"] = std::move(resources);
        if (!m_kept.empty())
            origin["kept"] = m_kept;
        if (!m_machines.empty())
            origin["machines"] = m_machines;
        return origin;
    }

    std::vector<std::string> errors;
    std::vector<std::string> warnings;
    std::vector<TestEvent> testEvents;
    std::map<std::string, std::string> placeOfNode; ///< node id → where the template says it

private:
    static std::string typeOf(const Json &resource)
    {
        return resource.is_object() && resource.contains("Type") && resource["Type"].is_string()
                   ? resource["Type"].get<std::string>()
                   : std::string();
    }

    void warn(std::string text) { warnings.push_back(m_file + ": " + std::move(text)); }
    void fail(std::string text) { errors.push_back(m_file + ": " + std::move(text)); }

    // ---- intrinsics, resolved to what they are here ------------------------

    std::string queueUrl(const std::string &name) const
    {
        return engine::queueUrl(std::string(), m_options.region, name);
    }

    std::optional<std::string> refOf(const std::string &name) const
    {
        if (name == "AWS::StackName")
            return m_options.stackName;
        if (name == "AWS::Region")
            return m_options.region;
        if (name == "AWS::AccountId")
            return std::string("000000000000");
        if (name == "AWS::Partition")
            return std::string("aws");
        if (name == "AWS::URLSuffix")
            return std::string("amazonaws.com");
        if (name == "AWS::StackId")
            return "arn:aws:cloudformation:" + m_options.region + ":000000000000:stack/" + m_options.stackName
                   + "/local";
        const Json &parameter = memberOf(memberOf(m_doc, "Parameters"), name.c_str());
        if (parameter.is_object() && parameter.contains("Default"))
            return scalarText(parameter["Default"]);
        if (auto it = m_names.find(name); it != m_names.end()) {
            const auto &[kind, resourceName] = it->second;
            return kind == kinds::kQueue ? queueUrl(resourceName) : resourceName;
        }
        return std::nullopt;
    }

    std::optional<std::string> attributeOf(const std::string &id, const std::string &attribute) const
    {
        auto it = m_names.find(id);
        if (it == m_names.end())
            return std::nullopt;
        const auto &[kind, name] = it->second;
        const std::string &region = m_options.region;
        if (kind == kinds::kQueue) {
            if (attribute == "Arn")
                return "arn:aws:sqs:" + region + ":000000000000:" + name;
            if (attribute == "QueueName")
                return name;
            if (attribute == "QueueUrl")
                return queueUrl(name);
        } else if (kind == kinds::kTable) {
            if (attribute == "Arn")
                return "arn:aws:dynamodb:" + region + ":000000000000:table/" + name;
            if (attribute == "StreamArn")
                return "arn:aws:dynamodb:" + region + ":000000000000:table/" + name + "/stream/local";
        } else if (kind == kinds::kBucket) {
            if (attribute == "Arn")
                return "arn:aws:s3:::" + name;
        } else if (kind == kinds::kFunction) {
            if (attribute == "Arn")
                return "arn:aws:lambda:" + region + ":000000000000:function:" + name;
        }
        return std::nullopt;
    }

    static std::optional<std::string> scalarText(const Json &value)
    {
        if (value.is_string())
            return value.get<std::string>();
        if (value.is_boolean())
            return value.get<bool>() ? "true" : "false";
        if (value.is_number())
            return value.dump();
        return std::nullopt;
    }

    std::optional<std::string> resolve(const Json &value) const
    {
        if (!value.is_object())
            return scalarText(value);
        if (value.size() != 1)
            return std::nullopt;
        const std::string &key = value.begin().key();
        const Json &argument = value.begin().value();
        if (key == "Ref" && argument.is_string())
            return refOf(argument.get<std::string>());
        if (key == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && argument[0].is_string()
            && argument[1].is_string())
            return attributeOf(argument[0].get<std::string>(), argument[1].get<std::string>());
        if (key == "Fn::Sub")
            return substitute(argument);
        if (key == "Fn::Join" && argument.is_array() && argument.size() == 2 && argument[0].is_string()
            && argument[1].is_array()) {
            std::string out;
            for (size_t i = 0; i < argument[1].size(); ++i) {
                auto part = resolve(argument[1][i]);
                if (!part)
                    return std::nullopt;
                out += (i ? argument[0].get<std::string>() : "") + *part;
            }
            return out;
        }
        if (key == "Fn::FindInMap" && argument.is_array() && argument.size() == 3) {
            std::vector<std::string> keys;
            for (const Json &part : argument) {
                auto text = resolve(part);
                if (!text)
                    return std::nullopt;
                keys.push_back(*text);
            }
            const Json &found =
                memberOf(memberOf(memberOf(memberOf(m_doc, "Mappings"), keys[0].c_str()), keys[1].c_str()), keys[2].c_str());
            return scalarText(found);
        }
        if (key == "Fn::Select" && argument.is_array() && argument.size() == 2 && argument[1].is_array()) {
            auto index = resolve(argument[0]);
            if (!index)
                return std::nullopt;
            const size_t i = size_t(std::strtoul(index->c_str(), nullptr, 10));
            return i < argument[1].size() ? resolve(argument[1][i]) : std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<std::string> substitute(const Json &argument) const
    {
        std::string text;
        Json variables = Json::object();
        if (argument.is_string()) {
            text = argument.get<std::string>();
        } else if (argument.is_array() && argument.size() == 2 && argument[0].is_string()
                   && argument[1].is_object()) {
            text = argument[0].get<std::string>();
            variables = argument[1];
        } else {
            return std::nullopt;
        }
        std::string out;
        size_t at = 0;
        while (at < text.size()) {
            const size_t open = text.find("${", at);
            if (open == std::string::npos) {
                out += text.substr(at);
                break;
            }
            out += text.substr(at, open - at);
            const size_t close = text.find('}', open);
            if (close == std::string::npos)
                return std::nullopt;
            const std::string name = text.substr(open + 2, close - open - 2);
            at = close + 1;
            if (name.starts_with("!")) { // ${!Literal} is the text ${Literal}
                out += "${" + name.substr(1) + "}";
                continue;
            }
            std::optional<std::string> part;
            if (variables.contains(name))
                part = resolve(variables[name]);
            else if (const size_t dot = name.find('.'); dot != std::string::npos)
                part = attributeOf(name.substr(0, dot), name.substr(dot + 1));
            else
                part = refOf(name);
            if (!part)
                return std::nullopt;
            out += *part;
        }
        return out;
    }

    /// A resource's name here: its name property resolved, else its logical id.
    std::string resourceName(const std::string &id, const Json &properties, const char *nameProperty)
    {
        const Json &written = memberOf(properties, nameProperty);
        if (written.is_null()) {
            if (std::string_view(nameProperty) != "BucketName")
                return id;
            // As CloudFormation names a bucket it is not told the name of: stack-id, in lower case.
            std::string name = asciiLowercase(kebab(m_options.stackName) + "-" + kebab(id));
            return name.substr(0, 63);
        }
        if (auto name = resolve(written))
            return *name;
        warn(placeOf(id, std::string("Properties.") + nameProperty)
             + " cannot be worked out here; the resource is called " + quote(id) + " when run here");
        return id;
    }

    // ---- nodes ---------------------------------------------------------------

    std::string uniqueNodeId(const std::string &base)
    {
        std::string id = base;
        for (int n = 2; m_nodeIds.contains(id); ++n)
            id = base + "-" + std::to_string(n);
        m_nodeIds.insert(id);
        return id;
    }

    Node &add(Workflow &workflow, const std::string &logicalId, std::string kind, std::string name, Json config,
              const std::string &type)
    {
        Node node;
        node.id = NodeId(uniqueNodeId(kebab(logicalId)));
        node.kind = std::move(kind);
        node.name = std::move(name);
        node.config = std::move(config);
        const NodeId id = node.id;
        workflow.addNode(std::move(node));
        m_entries[logicalId] = Json{{"node", id.str()}, {"type", type}};
        m_nodeOf[logicalId] = id;
        placeOfNode[id.str()] = placeOf(logicalId, "");
        return *workflow.findNode(id);
    }

    std::optional<long long> integer(const Json &properties, const char *key, const std::string &where, long long low,
                                     long long high)
    {
        Json value = memberOf(properties, key);
        if (value.is_null())
            return std::nullopt;
        if (value.is_object()) {
            warn(where + "." + key + ": " + printable(value.dump())
                 + " cannot be worked out here: the default is used here, and it is written back as it is");
            return std::nullopt;
        }
        if (value.is_string()) {
            const std::string text = value.get<std::string>();
            if (!text.empty() && text.size() < 10
                && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
                value = std::stoll(text); // CloudFormation reads "512" as 512
        }
        if (!value.is_number_integer()) {
            fail(where + "." + key + ": " + printable(value.dump()) + " is not a whole number");
            return std::nullopt;
        }
        const long long n = value.get<long long>();
        if (n < low || n > high) {
            fail(where + "." + key + ": " + std::to_string(n) + " is out of range (" + std::to_string(low) + "–"
                 + std::to_string(high) + ")");
            return std::nullopt;
        }
        return n;
    }

    /// The resource node a function's variable `name` = `value` names as
    /// Stratus's export writes it for a resource the function `uses`
    /// (resourceaccess.h): TODOS_TABLE_NAME: !Ref TodosTable; "" for any other.
    std::string resourceNamedBy(const std::string &name, const Json &value) const
    {
        const auto standsFor = [&](const std::string &id) -> std::string {
            const auto it = m_names.find(id);
            if (it == m_names.end() || !kinds::isResource(it->second.first))
                return {};
            Node resource;
            resource.kind = it->second.first;
            resource.name = it->second.second;
            return resourceVariable(resource) == name ? resource.name : std::string();
        };
        if (const Json &ref = memberOf(value, "Ref"); value.size() == 1 && ref.is_string())
            return standsFor(ref.get<std::string>());
        // A bucket's variable holds its name as its BucketName property writes it.
        for (const auto &[id, known] : m_names) {
            if (known.first != kinds::kBucket)
                continue;
            const Json &bucketName = memberOf(memberOf(memberOf(memberOf(m_doc, "Resources"), id.c_str()), "Properties"), "BucketName");
            if (!bucketName.is_null() && bucketName == value)
                return standsFor(id);
        }
        return {};
    }

    void addResourceNode(Workflow &workflow, const std::string &id, const Json &resource)
    {
        const std::string type = typeOf(resource);
        const Json &properties = memberOf(resource, "Properties");
        const std::string where = placeOf(id, "Properties");
        if (type == "AWS::SQS::Queue") {
            Json config = Json::object();
            if (auto v = integer(properties, "VisibilityTimeout", where, 0, 43200))
                config["visibilityTimeoutS"] = *v;
            if (properties.contains("FifoQueue"))
                warn(where + ".FifoQueue: runs here as a standard queue (no FIFO order or deduplication)");
            const std::string name = resourceName(id, properties, "QueueName");
            add(workflow, id, std::string(kinds::kQueue), name, std::move(config), type);
            m_names[id] = {std::string(kinds::kQueue), name};
        } else if (type == "AWS::S3::Bucket") {
            const std::string name = resourceName(id, properties, "BucketName");
            add(workflow, id, std::string(kinds::kBucket), name, Json::object(), type);
            m_names[id] = {std::string(kinds::kBucket), name};
        } else if (type == "AWS::DynamoDB::Table") {
            Json config = Json::object();
            const Json &keys = memberOf(properties, "KeySchema");
            if (!keys.is_array() || keys.empty()) {
                fail(where + ".KeySchema: a table needs its key (a list with a HASH key)");
                return;
            }
            for (const Json &key : keys) {
                const Json &name = memberOf(key, "AttributeName");
                const Json &keyType = memberOf(key, "KeyType");
                if (!name.is_string() || !keyType.is_string()) {
                    fail(where + ".KeySchema: each key needs an AttributeName and a KeyType");
                    return;
                }
                config[keyType == "RANGE" ? "sortKey" : "partitionKey"] = name;
            }
            if (!memberOf(properties, "GlobalSecondaryIndexes").is_null()
                || !memberOf(properties, "LocalSecondaryIndexes").is_null())
                warn(where + ": the table's secondary indexes are kept as written; here a table has only its key");
            const std::string name = resourceName(id, properties, "TableName");
            add(workflow, id, std::string(kinds::kTable), name, std::move(config), type);
            m_names[id] = {std::string(kinds::kTable), name};
        } else if (type == "AWS::Serverless::SimpleTable") {
            Json config = Json::object();
            const Json &key = memberOf(memberOf(properties, "PrimaryKey"), "Name");
            if (key.is_string())
                config["partitionKey"] = key;
            const std::string name = resourceName(id, properties, "TableName");
            add(workflow, id, std::string(kinds::kTable), name, std::move(config), type);
            m_names[id] = {std::string(kinds::kTable), name};
        }
        if (!memberOf(resource, "Condition").is_null() && m_entries.contains(id))
            warn(placeOf(id, "Condition") + ": the resource always exists here");
    }

    /// The logical id `value` names, when it is one of this kind's resources:
    /// !Ref X for attribute "Ref", else !GetAtt X.attribute.
    std::string targetOf(const Json &value, std::string_view kind, std::string_view attribute) const
    {
        std::string id;
        if (attribute == "Ref") {
            if (value.is_object() && value.size() == 1 && value.contains("Ref") && value["Ref"].is_string())
                id = value["Ref"].get<std::string>();
        } else if (value.is_object() && value.size() == 1 && value.contains("Fn::GetAtt")) {
            const Json &argument = value["Fn::GetAtt"];
            if (argument.is_array() && argument.size() == 2 && argument[0].is_string() && argument[1] == attribute)
                id = argument[0].get<std::string>();
        }
        auto it = m_names.find(id);
        return it != m_names.end() && it->second.first == kind ? id : std::string();
    }

    void addQueueDeadLetters(Workflow &workflow, const std::string &id, const Json &resource)
    {
        if (typeOf(resource) != "AWS::SQS::Queue" || !m_nodeOf.contains(id))
            return;
        Json policy = memberOf(memberOf(resource, "Properties"), "RedrivePolicy");
        if (policy.is_null())
            return;
        const std::string where = placeOf(id, "Properties.RedrivePolicy");
        if (policy.is_string()) {
            auto parsed = parseJson(policy.get<std::string>());
            policy = parsed ? parsed.take() : Json();
        }
        const std::string dead = targetOf(memberOf(policy, "deadLetterTargetArn"), kinds::kQueue, "Arn");
        if (dead.empty()) {
            warn(where + ": its dead-letter queue is not a queue of this template (!GetAtt QUEUE.Arn); "
                         "kept as written, and failed messages are dropped here");
            return;
        }
        Node *queue = workflow.findNode(m_nodeOf[id]);
        if (auto count = integer(policy, "maxReceiveCount", where, 1, 1000))
            queue->config["maxReceiveCount"] = *count;
        addEdge(workflow, m_nodeOf[id], "dead", m_nodeOf[dead]);
    }

    void addEdge(Workflow &workflow, const NodeId &from, const std::string &port, const NodeId &to)
    {
        const std::string id = "e" + std::to_string(workflow.edges().size() + 1);
        workflow.addEdge(Edge{EdgeId(id), {from, port}, {to, "in"}});
        m_edgeIds[{from.str(), port, to.str()}] = id;
        m_edgesInto[to.str()].push_back(id);
    }

    // ---- functions -----------------------------------------------------------

    Json merged(const Json &properties) const
    {
        Json out = m_globals.is_object() ? m_globals : Json::object();
        for (const auto &[key, value] : properties.items()) {
            if (key == "Environment" && out.contains("Environment") && value.is_object()) {
                Json environment = out["Environment"];
                Json variables = memberOf(environment, "Variables").is_object() ? environment["Variables"] : Json::object();
                for (const auto &[name, v] : memberOf(value, "Variables").items())
                    variables[name] = v;
                environment["Variables"] = std::move(variables);
                out["Environment"] = std::move(environment);
            } else {
                out[key] = value;
            }
        }
        return out;
    }

    static bool runsHere(const std::string &runtime)
    {
        return runtime.starts_with("nodejs") || runtime.starts_with("python") || runtime.starts_with("provided");
    }

    void addFunction(Workflow &workflow, const std::string &id, const Json &resource)
    {
        const Json properties = merged(memberOf(resource, "Properties"));
        const std::string where = placeOf(id, "Properties");
        const Json &codeUri = memberOf(properties, "CodeUri");
        const std::string uri = codeUri.is_string() ? codeUri.get<std::string>() : "";
        if (isGeneratedCode(uri, kFrontFolder) || isGeneratedCode(uri, kWriterFolder)) {
            keepGenerated(id, uri);
            if (isGeneratedCode(uri, kWriterFolder))
                m_writers.insert(id);
            else
                m_fronts[id] = properties;
            return;
        }
        const Json &runtime = memberOf(properties, "Runtime");
        if (!runtime.is_string()) {
            fail(where + ".Runtime: a function needs its runtime (nodejs20.x, python3.12, …)");
            return;
        }
        if (!runsHere(runtime.get<std::string>())) {
            warn(where + ".Runtime: " + runtime.get<std::string>()
                 + " does not run here (Node.js, Python and provided runtimes do); the function is kept as written");
            return;
        }
        Json config = Json::object();
        config["runtime"] = runtime;
        const Json &handler = memberOf(properties, "Handler");
        if (handler.is_string())
            config["handler"] = handler;
        else if (runtime.get<std::string>().starts_with("provided"))
            config["handler"] = "bootstrap";
        else
            fail(where + ".Handler: a function needs its handler (index.handler, app.lambda_handler, …)");
        if (auto v = integer(properties, "MemorySize", where, 128, 10240))
            config["memoryMB"] = *v;
        if (auto v = integer(properties, "Timeout", where, 1, 900))
            config["timeoutS"] = *v;
        if (auto v = integer(properties, "ReservedConcurrentExecutions", where, 0, 100000))
            config["concurrency"] = *v;
        if (auto v = integer(memberOf(properties, "EventInvokeConfig"), "MaximumRetryAttempts",
                             where + ".EventInvokeConfig", 0, 2))
            config["retries"] = *v;
        const Json &architectures = memberOf(properties, "Architectures");
        if (architectures.is_array() && architectures.size() == 1 && architectures[0].is_string())
            config["architecture"] = architectures[0];
        else if (!architectures.is_null())
            fail(where + ".Architectures: a list of one architecture ([x86_64] or [arm64])");
        const Json &description = memberOf(properties, "Description");
        if (description.is_string())
            config["description"] = description;
        Json environment = Json::object();
        Json uses = Json::array();
        for (const auto &[name, value] : memberOf(memberOf(properties, "Environment"), "Variables").items()) {
            if (const std::string used = resourceNamedBy(name, value); !used.empty()) {
                uses.push_back(used); // the variable Stratus's export writes for what a function `uses`
                continue;
            }
            if (auto text = resolve(value)) {
                environment[name] = *text;
            } else {
                environment[name] = "";
                warn(where + ".Environment.Variables." + name + ": " + printable(value.dump())
                     + " cannot be worked out here: it is empty when run here, and written back as it is");
            }
        }
        if (!environment.empty())
            config["environment"] = std::move(environment);
        if (!uses.empty())
            config["uses"] = std::move(uses);
        if (!memberOf(resource, "Condition").is_null())
            warn(placeOf(id, "Condition") + ": the function always exists here");

        Json code = Json::object();
        Json files = readCode(id, where, properties, code, config);
        if (files.is_null())
            return;
        config["files"] = std::move(files);
        const std::string name = properties.contains("FunctionName") && resolve(properties["FunctionName"])
                                     ? *resolve(properties["FunctionName"])
                                     : id;
        Node &node = add(workflow, id, std::string(kinds::kFunction), name, std::move(config),
                         "AWS::Serverless::Function");
        m_names[id] = {std::string(kinds::kFunction), name};
        const NodeId functionId = node.id;
        readTestEvents(functionId, code);
        m_entries[id]["code"] = std::move(code);
        m_entries[id]["events"] = Json::object();
        const Json &events = memberOf(properties, "Events");
        if (!events.is_null() && !events.is_object()) {
            fail(where + ".Events: a mapping of event names to events, not " + printable(events.dump().substr(0, 60)));
            return;
        }
        for (const auto &[eventName, event] : events.items())
            addEvent(workflow, id, functionId, eventName, event);
    }

    /// The project's README beside the template, written back on export.
    void keepReadme()
    {
        const fs::path readme = m_folder / "README.md";
        std::error_code ec;
        if (!fs::is_regular_file(readme, ec) || m_kept.contains("README.md"))
            return;
        if (auto text = readText(readme, 1u << 20); text && isValidUtf8(*text))
            m_kept["README.md"] = text.take();
    }

    /// A function's saved test events, where a bundle keeps them: events/FOLDER/NAME.json
    /// beside the template, FOLDER the last folder of its CodeUri.
    void readTestEvents(const NodeId &function, Json &code)
    {
        std::string uri = memberOf(code, "uri").is_string() ? code["uri"].get<std::string>() : "";
        while (uri.ends_with('/'))
            uri.pop_back();
        const std::string folder = fs::path(uri).filename().string();
        if (folder.empty() || folder == "." || folder == ".." || memberOf(code, "zip") == true)
            return;
        const fs::path events = m_folder / kTestEventsFolder / folder;
        std::error_code ec;
        if (!fs::is_directory(events, ec))
            return;
        std::vector<fs::path> files;
        for (const auto &entry : fs::directory_iterator(events, ec))
            if (entry.is_regular_file(ec) && entry.path().extension() == ".json")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const fs::path &path : files) {
            const std::string where = std::string(kTestEventsFolder) + "/" + folder + "/" + path.filename().string();
            auto text = readText(path, 1u << 20);
            auto event = text ? parseJson(*text) : Result<Json>(text.status());
            if (!event) {
                warn(where + ": not a test event (" + event.status().message() + "); not imported");
                continue;
            }
            testEvents.push_back(TestEvent{WorkflowId("main"), function, path.stem().string(), event.take()});
        }
        code["events"] = folder;
    }

    void keepGenerated(const std::string &id, const std::string &uri)
    {
        m_keptCode.insert(id);
        const fs::path folder = m_folder / uri;
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            return;
        Json files = Json::object();
        std::string prefix = uri;
        if (!prefix.ends_with('/'))
            prefix += '/';
        if (readFolder(folder, placeOf(id, "Properties.CodeUri"), files))
            for (const auto &[path, text] : files.items())
                m_kept[prefix + path] = text;
    }

    /// The function's files (null on failure), and in `code` where they came from.
    Json readCode(const std::string &id, const std::string &where, const Json &properties, Json &code,
                  const Json &config)
    {
        const Json &inlineCode = memberOf(properties, "InlineCode");
        if (inlineCode.is_string()) {
            const std::string runtime = config["runtime"].get<std::string>();
            const std::string handler = config.value("handler", "index.handler");
            const std::string module = handler.substr(0, handler.rfind('.'));
            const std::string file = module + (runtime.starts_with("python") ? ".py" : ".js");
            code["inline"] = true;
            return Json{{file, inlineCode}};
        }
        const Json &codeUri = memberOf(properties, "CodeUri");
        if (!codeUri.is_string()) {
            fail(where + ".CodeUri: "
                 + (codeUri.is_null() ? std::string("the function has no code (CodeUri or InlineCode)")
                                      : "code in S3 (" + printable(codeUri.dump())
                                            + ") is not read; give a folder beside the template"));
            return nullptr;
        }
        const std::string uri = codeUri.get<std::string>();
        if (uri.starts_with("s3://")) {
            fail(where + ".CodeUri: code in S3 (" + uri + ") is not read; give a folder beside the template");
            return nullptr;
        }
        const fs::path base = fs::weakly_canonical(m_folder);
        const fs::path path = fs::weakly_canonical(m_folder / uri);
        if (path != base && !within(base, path)) {
            fail(where + ".CodeUri: " + quote(uri) + " is outside the template's folder; it is not read");
            return nullptr;
        }
        code["uri"] = uri;
        std::error_code ec;
        Json files = Json::object();
        m_binary = Json::object();
        if (auto known = m_folders.find(path.string()); known != m_folders.end()) {
            // Functions sharing a CodeUri (a common layout) read it once.
            files = known->second.first;
            m_binary = known->second.second;
        } else if (fs::is_directory(path, ec)) {
            if (!readFolder(path, where + ".CodeUri", files))
                return nullptr;
            m_folders[path.string()] = {files, m_binary};
        } else if (fs::is_regular_file(path, ec) && asciiLowercase(path.extension().string()) == ".zip") {
            code["zip"] = true;
            auto entries = readZip(path, where + ".CodeUri");
            if (!entries)
                return nullptr;
            files = entries.take();
        } else {
            fail(where + ".CodeUri: " + quote(uri) + " is neither a folder nor a .zip beside the template");
            return nullptr;
        }
        if (files.empty()) {
            fail(where + ".CodeUri: " + quote(uri) + " holds no text file of code"
                 + (m_binary.empty() ? std::string() : " (only files that are not UTF-8 text)"));
            return nullptr;
        }
        if (!m_binary.empty())
            code["binary"] = std::move(m_binary);
        (void)id;
        return files;
    }

    bool readFolder(const fs::path &folder, const std::string &where, Json &files)
    {
        std::error_code ec;
        std::vector<fs::path> paths;
        std::set<std::string> skipped;
        fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (it->is_symlink(ec) && it->is_directory(ec)) {
                warn(where + ": " + it->path().lexically_relative(folder).generic_string()
                     + "/ is a link to a folder; links to folders are not followed");
                continue;
            }
            if (it->is_directory(ec) && kSkippedFolders.contains(name)) {
                skipped.insert(name);
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec))
                paths.push_back(it->path());
            if (paths.size() > kMaxCodeFiles) {
                fail(where + ": more than " + std::to_string(kMaxCodeFiles) + " files; not read");
                return false;
            }
        }
        if (ec) {
            fail(where + ": cannot read " + quote(folder.string()) + ": " + ec.message());
            return false;
        }
        for (const std::string &name : skipped)
            warn(where + ": " + name + "/ is not read (install or build it again after export)");
        std::sort(paths.begin(), paths.end());
        const fs::path base = fs::weakly_canonical(m_folder);
        size_t total = 0;
        const fs::path ownFile = fs::weakly_canonical(m_folder / m_file);
        for (const fs::path &path : paths) {
            const std::string relative = path.lexically_relative(folder).generic_string();
            if (fs::weakly_canonical(path) == ownFile)
                continue; // the template itself, when the code is its whole folder
            if (!within(base, fs::weakly_canonical(path))) {
                fail(where + ": " + relative + " links outside the template's folder; not read");
                return false;
            }
            auto text = readText(path, kMaxCodeBytes);
            if (!text) {
                fail(where + ": " + text.status().message());
                return false;
            }
            total += text->size();
            if (total > kMaxCodeBytes) {
                fail(where + ": the code is more than " + std::to_string(kMaxCodeBytes >> 20) + " MB; not read");
                return false;
            }
            if (!isValidUtf8(*text) || text->find('\0') != std::string::npos) {
                keepBinary(where, relative, *text);
                continue;
            }
            files[relative] = text.take();
        }
        return true;
    }

    /// A file of code that is not text (an image, a compiled module): not
    /// on the canvas, but kept and written back with the code on export.
    void keepBinary(const std::string &where, const std::string &path, const std::string &bytes)
    {
        warn(where + ": " + path + " is not text: it is not in the code editor, and is written back on export");
        m_binary[path] = QByteArray::fromStdString(bytes).toBase64().toStdString();
    }

    Result<Json> readZip(const fs::path &path, const std::string &where)
    {
        auto entries = readZipEntries(path, kMaxCodeFiles, kMaxCodeBytes);
        if (!entries) {
            fail(where + ": " + entries.status().message());
            return entries.status();
        }
        Json files = Json::object();
        for (auto &[name, bytes] : *entries) {
            if (!isValidUtf8(bytes) || bytes.find('\0') != std::string::npos) {
                keepBinary(where, name, bytes);
                continue;
            }
            files[name] = std::move(bytes);
        }
        return files;
    }

    // ---- events --------------------------------------------------------------

    /// What an event is on the canvas: a trigger of its own, or a queue,
    /// bucket or table (`resource`) that feeds the function with `config`
    /// as its settings. None (with a warning or an error) when it is neither.
    struct EventSource
    {
        std::string triggerKind; ///< empty: a resource's event
        std::string name;
        Json config;
        std::string resource;
        std::string type;
    };

    std::optional<EventSource> eventSourceOf(const std::string &where, const std::string &eventName, const Json &event)
    {
        const std::string type = memberOf(event, "Type").is_string() ? event["Type"].get<std::string>() : "";
        const Json &properties = memberOf(event, "Properties");
        auto trigger = [&](std::string kind, std::string name, Json config) {
            return EventSource{std::move(kind), std::move(name), std::move(config), {}, type};
        };
        auto source = [&](const std::string &resourceId, Json settings) {
            return EventSource{{}, {}, std::move(settings), resourceId, type};
        };
        if (type == "HttpApi" || type == "Api") {
            Json config = Json::object();
            const Json &method = memberOf(properties, "Method");
            const Json &path = memberOf(properties, "Path");
            std::string verb = method.is_string() ? method.get<std::string>() : "ANY";
            std::transform(verb.begin(), verb.end(), verb.begin(), [](unsigned char c) { return std::toupper(c); });
            if (verb == "X-AMAZON-APIGATEWAY-ANY-METHOD")
                verb = "ANY";
            if (!path.is_string()) {
                if (type == "HttpApi" && properties.is_null()) {
                    warn(where + ": an HttpApi event with no path (the API's $default route) is kept as written");
                    return std::nullopt;
                }
                fail(where + ".Properties.Path: an HTTP event needs its path");
                return std::nullopt;
            }
            config["method"] = verb;
            config["path"] = path;
            if (type == "Api")
                config["payloadFormat"] = "1.0";
            return trigger(std::string(kinds::kHttpTrigger), verb + " " + path.get<std::string>(), std::move(config));
        } else if (type == "Schedule" || type == "ScheduleV2") {
            const Json &expression = memberOf(properties, type == "Schedule" ? "Schedule" : "ScheduleExpression");
            if (!expression.is_string()) {
                fail(where + ".Properties." + (type == "Schedule" ? "Schedule" : "ScheduleExpression")
                     + ": a schedule needs its rate(...) or cron(...) expression");
                return std::nullopt;
            }
            Json config{{"expression", expression}};
            const Json &timezone = memberOf(properties, "ScheduleExpressionTimezone");
            if (timezone.is_string())
                config["timezone"] = timezone;
            if (type == "Schedule" && memberOf(properties, "Enabled").is_boolean())
                config["enabled"] = properties["Enabled"];
            if (type == "ScheduleV2" && memberOf(properties, "State").is_string())
                config["enabled"] = properties["State"] != "DISABLED";
            const Json &input = memberOf(memberOf(properties, "Input"), "Fn::Sub");
            if (auto detail = input.is_string() ? detailOfScheduledEventInput(input.get<std::string>()) : std::nullopt)
                config["detail"] = *detail; // the Scheduled Event, as Stratus's export writes it
            else if (!memberOf(properties, "Input").is_null())
                warn(where + ".Properties.Input: on AWS its target gets this input instead of the scheduled "
                             "event; here it gets the scheduled event");
            return trigger(std::string(kinds::kScheduleTrigger), eventName, std::move(config));
        } else if (type == "SQS") {
            const std::string queue = targetOf(memberOf(properties, "Queue"), kinds::kQueue, "Arn");
            if (queue.empty()) {
                warn(where + ".Properties.Queue: not a queue of this template (!GetAtt QUEUE.Arn); the event "
                             "is kept as written");
                return std::nullopt;
            }
            Json settings = Json::object();
            if (auto v = integer(properties, "BatchSize", where + ".Properties", 1, 10000))
                settings["batchSize"] = *v;
            if (auto v = integer(properties, "MaximumBatchingWindowInSeconds", where + ".Properties", 0, 300))
                settings["batchWindowS"] = *v;
            return source(queue, std::move(settings));
        } else if (type == "S3") {
            const std::string bucket = targetOf(memberOf(properties, "Bucket"), kinds::kBucket, "Ref");
            if (bucket.empty()) {
                warn(where + ".Properties.Bucket: not a bucket of this template (!Ref BUCKET); the event is "
                             "kept as written");
                return std::nullopt;
            }
            Json settings = Json::object();
            Json wanted = Json::array();
            const Json &written = memberOf(properties, "Events");
            for (const Json &e : written.is_array() ? written : Json::array({written})) {
                const std::string text = e.is_string() ? e.get<std::string>() : "";
                const char *kind = text.starts_with("s3:ObjectCreated") ? "created"
                                   : text.starts_with("s3:ObjectRemoved") ? "removed"
                                                                          : nullptr;
                if (!kind) {
                    warn(where + ".Properties.Events: " + printable(e.dump())
                         + " is not an event here (s3:ObjectCreated:*, s3:ObjectRemoved:*)");
                    continue;
                }
                if (std::find(wanted.begin(), wanted.end(), Json(kind)) == wanted.end())
                    wanted.push_back(kind);
            }
            settings["events"] = wanted;
            for (const Json &rule : memberOf(memberOf(memberOf(properties, "Filter"), "S3Key"), "Rules")) {
                const Json &name = memberOf(rule, "Name");
                const Json &value = memberOf(rule, "Value");
                if (name.is_string() && value.is_string()
                    && (asciiLowercase(name.get<std::string>()) == "prefix"
                        || asciiLowercase(name.get<std::string>()) == "suffix"))
                    settings[asciiLowercase(name.get<std::string>())] = value;
            }
            return source(bucket, std::move(settings));
        } else if (type == "DynamoDB") {
            const std::string table = targetOf(memberOf(properties, "Stream"), kinds::kTable, "StreamArn");
            if (table.empty()) {
                warn(where + ".Properties.Stream: not a table of this template (!GetAtt TABLE.StreamArn); the "
                             "event is kept as written");
                return std::nullopt;
            }
            Json settings = Json::object();
            if (auto v = integer(properties, "BatchSize", where + ".Properties", 1, 10000))
                settings["streamBatchSize"] = *v;
            return source(table, std::move(settings));
        } else {
            warn(where + ": " + (type.empty() ? std::string("an event with no Type") : "an event of type " + type)
                 + " does not run here (HttpApi, Api, Schedule, ScheduleV2, SQS, S3 and DynamoDB do); it is kept "
                   "as written");
        }
        return std::nullopt;
    }

    /// A trigger node for an event, wired from its "event" port to nothing yet.
    NodeId addTrigger(Workflow &workflow, const std::string &base, EventSource source, const std::string &where)
    {
        Node node;
        node.id = NodeId(uniqueNodeId(base));
        node.kind = std::move(source.triggerKind);
        node.name = std::move(source.name);
        node.config = std::move(source.config);
        const NodeId id = node.id;
        workflow.addNode(std::move(node));
        placeOfNode[id.str()] = where;
        return id;
    }

    /// A queue, bucket or table holds one set of event settings here (batch
    /// size, filters): a second event from it must agree.
    bool takeSettings(Workflow &workflow, const std::string &where, const std::string &resourceId, const Json &settings)
    {
        auto [known, first] = m_eventSettings.try_emplace(resourceId, settings);
        if (!first && known->second != settings) {
            warn(where + ": " + resourceId + " already feeds another function with other settings ("
                 + known->second.dump() + " here, " + settings.dump()
                 + " in this event); a resource has one set of them here, so this event is kept as written "
                   "and does not run here");
            return false;
        }
        Node *node = workflow.findNode(m_nodeOf[resourceId]);
        for (const auto &[key, value] : settings.items())
            node->config[key] = value;
        return true;
    }

    void addEvent(Workflow &workflow, const std::string &functionId, const NodeId &function,
                  const std::string &eventName, const Json &event)
    {
        const std::string where = placeOf(functionId, "Properties.Events." + eventName);
        std::optional<EventSource> source = eventSourceOf(where, eventName, event);
        if (!source)
            return;
        Json &events = m_entries[functionId]["events"];
        const Json record{{"name", eventName}, {"type", source->type}};
        if (!source->triggerKind.empty()) {
            const NodeId id = addTrigger(workflow, function.str() + "-" + kebab(eventName), std::move(*source), where);
            addEdge(workflow, id, "event", function);
            events[id.str()] = record;
            return;
        }
        const NodeId from = m_nodeOf[source->resource];
        if (events.contains(from.str())) {
            warn(where + ": a second event from the same resource is kept as written");
            return;
        }
        if (!takeSettings(workflow, where, source->resource, source->config))
            return;
        addEdge(workflow, from, "out", function);
        events[from.str()] = record;
    }

    // ---- state machines -------------------------------------------------------

    /// How a machine is started: triggers of its own, or a queue, bucket or
    /// table (through a front function of Stratus's export).
    struct MachineEntry
    {
        std::string where;
        std::string eventName;
        EventSource source;
        bool own = false; ///< an event of the machine itself (not of a front function)
    };

    /// The function's name in an ARN ("arn:…:function:NAME[:ALIAS]"), or the text itself.
    static std::string functionNameIn(const std::string &text)
    {
        const size_t at = text.find(":function:");
        if (at == std::string::npos)
            return text;
        const std::string rest = text.substr(at + 10);
        return rest.substr(0, rest.find(':'));
    }

    std::string functionNamed(const std::string &name) const
    {
        for (const auto &[id, known] : m_names)
            if (known.first == kinds::kFunction && known.second == name)
                return id;
        return {};
    }

    /// The template function a Task's Resource or FunctionName refers to.
    std::optional<std::string> functionReference(const Json &reference) const
    {
        std::string id;
        if (const Json &attribute = memberOf(reference, "Fn::GetAtt");
            attribute.is_array() && attribute.size() == 2 && attribute[1] == "Arn" && attribute[0].is_string())
            id = attribute[0].get<std::string>();
        else if (const Json &ref = memberOf(reference, "Ref"); ref.is_string())
            id = ref.get<std::string>();
        else if (reference.is_string()) // an ARN or a name, as written or resolved
            id = functionNamed(functionNameIn(reference.get<std::string>()));
        else if (auto text = resolve(reference))
            id = functionNamed(functionNameIn(*text));
        if (id.empty() || (!m_writers.contains(id) && !(m_names.contains(id) && m_names.at(id).first == kinds::kFunction)))
            return std::nullopt;
        return id;
    }

    std::optional<std::string> resourceReference(const Json &target) const
    {
        const std::optional<std::string> text = resolve(target);
        if (!text)
            return std::nullopt;
        for (const auto &[id, known] : m_names) {
            const auto &[kind, name] = known;
            if (kind != kinds::kFunction && (name == *text || (kind == kinds::kQueue && queueUrl(name) == *text)))
                return id;
        }
        return std::nullopt;
    }

    /// Where the machine `id` starts from, or the reason it cannot be on the canvas.
    Result<std::vector<MachineEntry>> machineEntries(const std::string &id, const Json &properties)
    {
        std::vector<MachineEntry> entries;
        // An event that cannot be read keeps the machine as written (it does not fail the import).
        auto readEvent = [&](const std::string &where, const std::string &name, const Json &event,
                             bool own) -> Status {
            const size_t errorsBefore = errors.size();
            const size_t warningsBefore = warnings.size();
            std::optional<EventSource> source = eventSourceOf(where, name, event);
            if (source) {
                entries.push_back({where, name, std::move(*source), own});
                return Status::ok();
            }
            const std::string why = errors.size() > errorsBefore     ? errors[errorsBefore]
                                    : warnings.size() > warningsBefore ? warnings[warningsBefore]
                                                                       : where + ": the event is not read here";
            errors.resize(errorsBefore);
            warnings.resize(warningsBefore);
            return Status::invalidArgument(why.substr(why.find(": ") + 2));
        };
        for (const auto &[name, event] : memberOf(properties, "Events").items()) {
            const std::string where = placeOf(id, "Properties.Events." + name);
            const std::string type = memberOf(event, "Type").is_string() ? event["Type"].get<std::string>() : "";
            if (type != "Schedule" && type != "ScheduleV2")
                return Status::invalidArgument(where + ": " + (type.empty() ? std::string("an event with no Type")
                                                                           : "an event of type " + type)
                                               + " starts the machine without waiting for its answer");
            if (Status s = readEvent(where, name, event, true); !s)
                return s;
        }
        for (const auto &[front, frontProperties] : m_fronts) {
            const Json &arn = memberOf(memberOf(memberOf(frontProperties, "Environment"), "Variables"), "STATE_MACHINE_ARN");
            if (memberOf(arn, "Ref") != id)
                continue;
            if (!entries.empty())
                return Status::invalidArgument(placeOf(front, "") + ": a second way to start the machine");
            m_frontOf[front] = id; // before a return: keep() forgets it
            for (const auto &[name, event] : memberOf(frontProperties, "Events").items())
                if (Status s = readEvent(placeOf(front, "Properties.Events." + name), name, event, false); !s)
                    return s;
        }
        if (entries.empty()) // started by hand (the console, `aws stepfunctions start-execution`)
            entries.push_back({placeOf(id, ""), id,
                               EventSource{std::string(kinds::kManualTrigger), id, Json::object(), {}, "Manual"}});
        return entries;
    }

    /// Reads a state machine's path onto the canvas, or keeps it as written
    /// (with a warning naming why) when the canvas cannot hold it.
    void addMachine(Workflow &workflow, const std::string &id, const Json &resource)
    {
        const Json &properties = memberOf(resource, "Properties");
        // `why` starts with its place in the template, or is said of the machine.
        auto keep = [&](const std::string &why) {
            for (auto it = m_frontOf.begin(); it != m_frontOf.end();)
                it = it->second == id ? m_frontOf.erase(it) : std::next(it);
            m_keptMachines.insert(id);
            warn((why.starts_with("Resources.") ? why : placeOf(id, "") + ": " + why)
                 + "; the state machine is kept as written and is not on the canvas");
        };
        const Json &definition = memberOf(properties, "Definition");
        if (!definition.is_object())
            return keep(!definition.is_null() ? placeOf(id, "Properties.Definition")
                                                    + ": a definition is a mapping (StartAt, States)"
                        : memberOf(properties, "DefinitionUri").is_null()
                            ? "it has no Definition"
                            : "its definition is in a file (DefinitionUri), which is not read");
        const Json &substitutions = memberOf(properties, "DefinitionSubstitutions");
        if (!substitutions.is_null() && !substitutions.is_object())
            return keep(placeOf(id, "Properties.DefinitionSubstitutions") + ": a mapping of names to values, not "
                        + printable(substitutions.dump().substr(0, 60)));
        auto entries = machineEntries(id, properties);
        if (!entries)
            return keep(entries.status().message());
        MachineNames names;
        names.functionOf = [this](const Json &reference) { return functionReference(reference); };
        names.isWriter = [this](const std::string &function) { return m_writers.contains(function); };
        names.resourceOf = [this](const Json &target) { return resourceReference(target); };
        auto path = readMachine(definition, memberOf(properties, "DefinitionSubstitutions"), names);
        if (!path)
            return keep(placeOf(id, "Properties.Definition.") + path.status().message());
        if (path->first.empty())
            return keep("it invokes no function");

        // A function is one node: every Task of it must go on to the same
        // steps, and one that goes on must not also be started alone by
        // events of its own (on AWS they invoke it, not the states after it).
        // Choices and logs are told apart by what they are and where they go,
        // so that machines that share a path (one per trigger) share its nodes.
        std::map<size_t, std::string> keys;
        std::function<std::string(size_t)> keyOf = [&](size_t step) -> std::string {
            if (auto known = keys.find(step); known != keys.end())
                return known->second;
            const MachineStep &s = path->steps[step];
            if (s.kind == MachineStep::Kind::Function || s.kind == MachineStep::Kind::Write)
                return keys[step] = s.target;
            Json key = Json::array({s.kind == MachineStep::Kind::Choice ? "choice" : "log", s.state, s.config});
            for (const auto &[port, to] : s.next)
                key.push_back(Json::array({port, keyOf(to)}));
            return keys[step] = key.dump();
        };
        std::map<std::string, Json> continuations;
        for (size_t i = 0; i < path->steps.size(); ++i) {
            const MachineStep &step = path->steps[i];
            if (step.kind != MachineStep::Kind::Function)
                continue;
            Json next = Json::array();
            for (const auto &[port, to] : step.next)
                next.push_back(Json::array({port, keyOf(to)}));
            auto [known, fresh] = continuations.try_emplace(step.target, next);
            if (!fresh && known->second != next)
                return keep("it invokes " + step.target + " in two places that go on differently");
        }
        for (const auto &[function, next] : continuations) {
            auto earlier = m_continuations.find(function);
            if (earlier != m_continuations.end() && earlier->second != next)
                return keep(function + " is invoked by another state machine that goes on differently after it");
            if (next.empty())
                continue;
            for (const std::string &edge : m_edgesInto[m_nodeOf[function].str()])
                if (!m_machineEdges.contains(edge))
                    return keep(function + " has events of its own, which on AWS invoke it alone and not the "
                                           "states after it");
        }
        for (const MachineStep &step : path->steps)
            if (step.kind == MachineStep::Kind::Write && !m_nodeOf.contains(step.target))
                return keep("it writes into " + step.target + ", which is not on the canvas");

        // The nodes: functions and resources are theirs already; choices and logs are the machine's own.
        Json covered = Json::array();
        std::vector<NodeId> nodeOfStep;
        for (size_t i = 0; i < path->steps.size(); ++i) {
            const MachineStep &step = path->steps[i];
            const std::string key = keyOf(i);
            if (auto known = m_stepNodes.find(key); known != m_stepNodes.end()) {
                nodeOfStep.push_back(known->second);
                if (std::find(covered.begin(), covered.end(), Json(known->second.str())) == covered.end()
                    && step.kind != MachineStep::Kind::Write)
                    covered.push_back(known->second.str());
                continue;
            }
            NodeId node;
            if (step.kind == MachineStep::Kind::Function || step.kind == MachineStep::Kind::Write) {
                node = m_nodeOf[step.target];
            } else {
                Node made;
                made.id = NodeId(uniqueNodeId(kebab(step.state)));
                made.kind = step.kind == MachineStep::Kind::Choice ? kinds::kChoice : kinds::kLog;
                made.name = step.state;
                made.config = step.config;
                node = made.id;
                workflow.addNode(std::move(made));
                placeOfNode[node.str()] = placeOf(id, "Properties.Definition.States." + step.state);
            }
            if (step.kind != MachineStep::Kind::Write)
                covered.push_back(node.str());
            else
                m_usedWriters = true;
            m_stepNodes[key] = node;
            nodeOfStep.push_back(node);
        }
        Json edges = Json::array();
        Json ownEvents = Json::object();
        auto wire = [&](const NodeId &from, const std::string &port, const NodeId &to) {
            if (auto known = m_edgeIds.find({from.str(), port, to.str()}); known != m_edgeIds.end()) {
                if (m_machineEdges.contains(known->second)) // not a function's own event
                    edges.push_back(known->second);
                return;
            }
            addEdge(workflow, from, port, to);
            edges.push_back(workflow.edges().back().id.str());
            m_machineEdges.insert(edges.back().get<std::string>());
        };
        for (MachineEntry &entry : *entries) {
            NodeId from;
            std::string port = "event";
            if (entry.source.triggerKind.empty()) {
                if (!takeSettings(workflow, entry.where, entry.source.resource, entry.source.config))
                    continue;
                from = m_nodeOf[entry.source.resource];
                port = "out";
            } else {
                from = addTrigger(workflow, kebab(entry.eventName), std::move(entry.source), entry.where);
                if (entry.own)
                    ownEvents[from.str()] = entry.eventName;
            }
            covered.push_back(from.str());
            for (size_t first : path->first)
                wire(from, port, nodeOfStep[first]);
        }
        for (size_t i = 0; i < path->steps.size(); ++i)
            for (const auto &[port, to] : path->steps[i].next)
                wire(nodeOfStep[i], port, nodeOfStep[to]);
        for (auto &[function, next] : continuations)
            m_continuations[function] = next;
        m_machines[id] = Json{{"nodes", covered}, {"edges", edges}, {"events", ownEvents}};
    }

    // ---- layout and views ----------------------------------------------------

    /// Columns by depth (a node right of every node that feeds it), each
    /// column ordered by where its feeders sit, so that edges run left to
    /// right and cross little.
    static void layOut(Workflow &workflow)
    {
        std::map<NodeId, int> depth;
        for (const Node &node : workflow.nodes())
            depth[node.id] = 0;
        for (size_t pass = 0; pass < workflow.nodes().size(); ++pass) {
            bool moved = false;
            for (const Edge &edge : workflow.edges()) {
                if (depth.contains(edge.from.node) && depth.contains(edge.to.node)
                    && depth[edge.to.node] < depth[edge.from.node] + 1) {
                    depth[edge.to.node] = depth[edge.from.node] + 1;
                    moved = true;
                }
            }
            if (!moved)
                break;
        }
        std::map<NodeId, std::vector<NodeId>> feedersOf;
        for (const Edge &edge : workflow.edges())
            feedersOf[edge.to.node].push_back(edge.from.node);
        std::map<int, std::vector<NodeId>> columns;
        for (const Node &node : workflow.nodes())
            columns[depth[node.id]].push_back(node.id);
        std::map<NodeId, double> row;
        for (auto &[column, ids] : columns) {
            std::map<NodeId, double> weight;
            for (size_t i = 0; i < ids.size(); ++i) {
                double sum = 0;
                int feeders = 0;
                for (const NodeId &from : feedersOf[ids[i]])
                    if (row.contains(from)) {
                        sum += row[from];
                        ++feeders;
                    }
                weight[ids[i]] = feeders ? sum / feeders : 1e9 + double(i);
            }
            std::stable_sort(ids.begin(), ids.end(), [&](const NodeId &a, const NodeId &b) { return weight[a] < weight[b]; });
            for (size_t i = 0; i < ids.size(); ++i) {
                row[ids[i]] = double(i);
                workflow.setPosition(ids[i], Position{40.0 + 300.0 * column, 40.0 + 120.0 * double(i)});
            }
        }
    }

    void recordViews(const Workflow &workflow)
    {
        // Every node that is a resource was made from one (add()): its logical id is its entry's.
        std::map<std::string, std::string> ids;
        for (const auto &[id, entry] : m_entries)
            ids[entry["node"].get<std::string>()] = id;
        const ViewContext context(workflow, std::move(ids), m_machineEdges);
        const EdgesByNode edgesByNode(workflow);
        for (auto &[id, machine] : m_machines.items())
            machine["signature"] = machineSignature(workflow, machine, edgesByNode);
        std::unordered_map<std::string, const Json *> resourceOf;
        for (const auto &[id, resource] : m_doc["Resources"].items())
            resourceOf[id] = &resource;
        for (auto &[id, entry] : m_entries) {
            const Json &resource = *resourceOf.at(id);
            const Json raw = rawViewOf(context, *workflow.findNode(NodeId(entry["node"].get<std::string>())), entry);
            Json as = Json::object();
            for (const auto &[at, value] : raw.items()) {
                const Json::json_pointer where(at);
                const Json written = resource.contains(where) ? resource[where] : Json();
                if (written != value)
                    as[at] = Json{{"model", value}, {"written", written}};
            }
            if (!as.empty())
                entry["as"] = std::move(as);
            entry["view"] = writtenView(raw, entry);
        }
    }

    Json m_doc;
    fs::path m_folder;
    std::string m_file;
    ImportOptions m_options;
    Json m_globals;
    std::map<std::string, Json> m_entries; // logical id → its origin entry (origin.h)
    Json m_kept = Json::object();
    Json m_binary = Json::object(); // the function being read: its files that are not text, base64
    std::map<std::string, std::pair<Json, Json>> m_folders; // code folders read: files, binary files
    std::set<std::string> m_keptCode;
    std::set<std::string> m_writers;             // Stratus's generated writer functions
    std::map<std::string, Json> m_fronts;        // Stratus's generated front functions → their properties
    std::map<std::string, std::string> m_frontOf; // a front read onto the canvas → its machine
    Json m_machines = Json::object();            // logical id → what it covers (origin.h)
    std::set<std::string> m_machineEdges;
    std::map<std::string, NodeId> m_stepNodes; // a machine step's key → its node
    std::map<std::tuple<std::string, std::string, std::string>, std::string> m_edgeIds; // (from, port, to) → edge id
    std::map<std::string, std::vector<std::string>> m_edgesInto;                        // node id → its edges in
    std::set<std::string> m_keptMachines;
    bool m_usedWriters = false;
    std::map<std::string, Json> m_continuations; // function logical id → where a machine goes after it
    std::set<std::string> m_nodeIds;
    std::map<std::string, NodeId> m_nodeOf;
    std::map<std::string, Json> m_eventSettings; // resource logical id → the settings its events give it
    std::map<std::string, std::pair<std::string, std::string>> m_names; // logical id → (kind, name here)
};

} // namespace

fs::path folderOf(const fs::path &file)
{
    return file.parent_path().empty() ? fs::path(".") : file.parent_path();
}

Result<TemplateFile> readTemplateFile(const fs::path &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Status::notFound(quote(path.string()) + " is not a file");
    TemplateFile file;
    file.name = path.filename().string();
    auto text = readText(path, kMaxTemplateBytes);
    if (!text)
        return text.status();
    if (!isValidUtf8(*text))
        return Status::invalidArgument(quote(file.name) + " is not UTF-8 text");
    file.text = text.take();
    Result<YamlOutline> outline = Status::ok();
    auto document = readCloudFormationYaml(file.text, file.name, &outline);
    if (!document)
        return document.status();
    file.document = document.take();
    file.layout = outline ? Status::ok() : outline.status();
    return file;
}

namespace {

std::string defaultStackName(const fs::path &templatePath)
{
    std::string name = kebab(fs::absolute(templatePath).parent_path().filename().string());
    return name == "node" ? std::string("stratus") : name;
}

Result<Imported> finish(TemplateImporter &importer, const Json &origin, const std::string &stackName)
{
    Imported imported;
    Workflow workflow = importer.run();
    if (!importer.errors.empty())
        return Status::invalidArgument(joined(importer.errors, "\n"));
    Json full = importer.origin();
    for (const auto &[key, value] : origin.items())
        full[key] = value;
    workflow.setOrigin(std::move(full));
    imported.workspace.name = stackName;
    imported.workspace.workflows.push_back(std::move(workflow));
    imported.workspace.testEvents = std::move(importer.testEvents);
    std::vector<std::string> problems;
    for (const Problem &problem : validateWorkspace(imported.workspace)) {
        if (problem.severity != Problem::Severity::Error)
            continue;
        auto place = importer.placeOfNode.find(problem.node.str());
        problems.push_back((place != importer.placeOfNode.end() ? place->second : problem.node.str()) + ": "
                           + problem.message);
    }
    if (!problems.empty())
        return Status::invalidArgument("the template does not make a workspace that runs here:\n"
                                       + joined(problems, "\n"));
    imported.warnings = std::move(importer.warnings);
    return imported;
}

} // namespace

Result<Imported> importTemplateDocument(TemplateFile file, Json document, const fs::path &folder,
                                        const std::string &format, const ImportOptions &options)
{
    TemplateImporter importer(std::move(document), folder, file.name, options);
    auto imported = finish(importer, Json{{"format", format}, {"text", std::move(file.text)}}, options.stackName);
    if (!imported)
        return imported.status();
    if (format == "sam" && !file.layout)
        imported->warnings.push_back(file.name + ": its layout (" + file.layout.message()
                                     + ") cannot be kept: an export after an edit writes it anew, without comments");
    if (options.region != "us-east-1")
        imported->workspace.settings["region"] = options.region;
    return imported;
}

Result<Imported> importSam(const fs::path &templatePath, const ImportOptions &options)
{
    auto read = readTemplateFile(templatePath);
    if (!read)
        return read.status();
    const std::string &file = read->name;
    const Json &document = read->document;
    if (!document.contains("Resources") || !document["Resources"].is_object()) {
        std::vector<std::string> keys;
        for (const auto &[key, value] : document.items())
            keys.push_back(key);
        return Status::invalidArgument(file + ": not a template: it has no Resources mapping (its top-level keys: "
                                       + (keys.empty() ? std::string("none") : joined(keys)) + ")");
    }
    ImportOptions resolved = options;
    if (resolved.stackName.empty())
        resolved.stackName = defaultStackName(templatePath);
    Json sam = std::move(read->document);
    return importTemplateDocument(read.take(), std::move(sam), folderOf(templatePath), "sam", resolved);
}

} // namespace stratus::engine::exporting
