#pragma once

#include "json.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

struct Node;

/// The families of the palette.
enum class NodeFamily { Trigger, Compute, Flow, Resource };

/// What a config field holds; the editor picks its widget from this.
enum class FieldType {
    String,      ///< any text
    Enum,        ///< one of FieldSpec::choices
    Integer,     ///< a whole number within [minimum, maximum]
    Boolean,
    StringMap,   ///< object of string -> string (environment variables)
    Files,       ///< object of relative path -> file text
    StringSet,   ///< array of distinct strings from FieldSpec::choices
    ResourceNames, ///< array of distinct names of the workspace's queue, bucket and table nodes
    Json,        ///< any JSON value
    JsonObject,  ///< a JSON object
    Cors,        ///< {allowOrigins[], allowMethods[], allowHeaders[], maxAgeS}
    ChoiceRules, ///< list of {port, condition}
};

/// A rule beyond the type that a field's value must follow.
enum class FieldCheck {
    None,
    HttpPath,           ///< "/a/{b}/{proxy+}"
    ScheduleExpression, ///< EventBridge rate(...) or cron(...)
    TimeZone,           ///< an IANA time zone name
    Handler,            ///< the handler string for the node's runtime
    Environment,        ///< Lambda's rules for variable names and size
    FilePaths,          ///< relative paths, no "..", at least one file
    Description,        ///< at most 256 characters (Lambda's limit)
    NonEmpty,
};

/// One config field of a node kind, as docs/workspace-format.md lists it.
struct FieldSpec
{
    std::string name;
    FieldType type = FieldType::String;
    Json defaultValue;             ///< null when the field has no default
    bool required = false;
    std::optional<long long> minimum; ///< for Integer
    std::optional<long long> maximum; ///< for Integer
    std::vector<std::string> choices; ///< for Enum and StringSet
    FieldCheck check = FieldCheck::None;
    std::string description;          ///< one sentence for tooltips
};

/// A port of a node kind.
struct PortSpec
{
    std::string name;
    std::string description;
};

/// The rules a node's name must follow (resource and function names are the
/// names they get on AWS).
enum class NameRule {
    Free,        ///< any non-empty text (triggers, choice, log)
    Function,    ///< Lambda: 1-64 of [A-Za-z0-9_-]
    Queue,       ///< SQS: 1-80 of [A-Za-z0-9_-]
    Bucket,      ///< S3: 3-63 of [a-z0-9.-], starting and ending with a letter or digit
    Table,       ///< DynamoDB: 3-255 of [A-Za-z0-9_.-]
};

/// The node kinds, one value each: code that behaves per kind switches on
/// this (no `default:`), so that a new kind fails to compile wherever it is
/// not handled yet, instead of falling through a chain of string compares.
enum class KindId : unsigned char {
    HttpTrigger,
    ScheduleTrigger,
    ManualTrigger,
    Function,
    Choice,
    Queue,
    Bucket,
    Table,
    Log,
};

/// Everything the engine and the editor know of one node kind.
struct NodeKindSpec
{
    KindId id = KindId::Function;
    std::string kind; ///< "trigger.http", "function", ...
    NodeFamily family = NodeFamily::Compute;
    std::string label;       ///< palette text
    std::string description; ///< one sentence for the palette tooltip
    std::string awsEquivalent;
    std::vector<PortSpec> inputs;
    std::vector<PortSpec> outputs; ///< for choice: only "default"; the rules add theirs
    bool outputsFromRules = false; ///< choice: one output port per rule's `port`
    bool isResource = false;       ///< queue, bucket, table: names unique per kind
    NameRule nameRule = NameRule::Free;
    std::vector<FieldSpec> fields;

    const FieldSpec *field(std::string_view name) const;
    bool hasInput(std::string_view port) const;
};

/// The one table of node kinds. Constant after first use; safe to read from any thread.
class NodeKindRegistry
{
public:
    static const NodeKindRegistry &instance();

    const std::vector<NodeKindSpec> &kinds() const { return m_kinds; }
    /// Null for an unknown kind.
    const NodeKindSpec *find(std::string_view kind) const;

    /// The output ports of this node: the kind's, plus one per choice rule.
    std::vector<std::string> outputPorts(const Node &node) const;
    std::vector<std::string> inputPorts(const Node &node) const;

    /// The node's config with every absent field that has a default filled in.
    Json effectiveConfig(const Node &node) const;

private:
    NodeKindRegistry();
    std::vector<NodeKindSpec> m_kinds;
};

const char *familyName(NodeFamily family);

/// The kind named `kind` ("trigger.http"), or none for a kind this build does not know.
std::optional<KindId> kindIdOf(std::string_view kind);

/// Calls the member of `behaviour` for `kind`, with `args`: one method per
/// kind (httpTrigger, scheduleTrigger, manualTrigger, function, choice, queue,
/// bucket, table, log). What behaves per kind (the executor, an exporter, a
/// run panel) writes one such struct; a kind it lacks does not compile.
template <typename Behaviour, typename... Args>
decltype(auto) visitKind(KindId kind, Behaviour &&behaviour, Args &&...args)
{
    switch (kind) {
    case KindId::HttpTrigger: return behaviour.httpTrigger(std::forward<Args>(args)...);
    case KindId::ScheduleTrigger: return behaviour.scheduleTrigger(std::forward<Args>(args)...);
    case KindId::ManualTrigger: return behaviour.manualTrigger(std::forward<Args>(args)...);
    case KindId::Function: return behaviour.function(std::forward<Args>(args)...);
    case KindId::Choice: return behaviour.choice(std::forward<Args>(args)...);
    case KindId::Queue: return behaviour.queue(std::forward<Args>(args)...);
    case KindId::Bucket: return behaviour.bucket(std::forward<Args>(args)...);
    case KindId::Table: return behaviour.table(std::forward<Args>(args)...);
    case KindId::Log: return behaviour.log(std::forward<Args>(args)...);
    }
    std::abort(); // a KindId outside the enum: memory is corrupt, nothing to dispatch to
}

/// The node kinds' names, so that code compares with a constant, never a
/// string spelled again (the workspace format's names: docs/workspace-format.md).
namespace kinds {
inline constexpr std::string_view kHttpTrigger = "trigger.http";
inline constexpr std::string_view kScheduleTrigger = "trigger.schedule";
inline constexpr std::string_view kManualTrigger = "trigger.manual";
inline constexpr std::string_view kFunction = "function";
inline constexpr std::string_view kChoice = "choice";
inline constexpr std::string_view kQueue = "queue";
inline constexpr std::string_view kBucket = "bucket";
inline constexpr std::string_view kTable = "table";
inline constexpr std::string_view kLog = "log";
/// What every trigger kind's name starts with.
inline constexpr std::string_view kTriggerPrefix = "trigger.";

inline bool isTrigger(std::string_view kind) { return kind.starts_with(kTriggerPrefix); }
inline bool isResource(std::string_view kind) { return kind == kQueue || kind == kBucket || kind == kTable; }
} // namespace kinds

} // namespace stratus::engine
