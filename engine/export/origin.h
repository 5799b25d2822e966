#pragma once

// A workflow imported from a template keeps that template as its origin
// (Workflow::origin(), docs/import.md), so that exporting it gives back the
// same document with only what was edited changed.
//
// Each function, queue, bucket and table node stands for template
// properties: a *view*, JSON pointer → value, such as
// "/Properties/MemorySize" → 512 or "/Properties/Events/Get/Properties/Path"
// → "/todos". Import records each node's view as the template wrote it (a
// value the model holds in another form, an intrinsic's local value, a
// Globals default, is recorded as a substitution: when the model still holds
// what it held at import, the template's own form is written). Export
// computes the views again: a resource whose view is unchanged is written as
// the original text, comments included; one that changed gets only the
// changed properties set or removed; a deleted node's resource goes; a new
// node's resource is made from its view alone.
//
// The origin object:
//   {"format": "sam", "file": "template.yaml", "text": the template as read,
//    "stackName": S, "resources": {LOGICALID: {"node": NODEID, "type": TYPE,
//      "events": {SOURCENODEID: EVENTNAME}, "code": {"uri": PATH, "zip": B} |
//      {"inline": true}, "as": {POINTER: {"model": V, "written": W}},
//      "view": {POINTER: V}}},
//    "kept": {PATH: TEXT},   (code of functions kept as written)
//    "machines": {LOGICALID: {"nodes": [NODEID…], "edges": [EDGEID…],
//      "events": {TRIGGERNODEID: EVENTNAME}, "signature": machineSignature()}}}
//      (state machines on the canvas; an edited one is written anew)

#include "bundle.h"
#include "sam.h"

#include "engine/model/json.h"
#include "engine/model/status.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace stratus::engine {
class Workflow;
struct Edge;
struct Node;
struct Workspace;
} // namespace stratus::engine

namespace stratus::engine::exporting {

/// The logical id of every node (by node id) that is a template resource:
/// the origin's for imported nodes, for nodes added since new ones unlike any
/// of `templateResources`' ids.
std::map<std::string, std::string> logicalIdsOf(const Workflow &workflow, const Json &templateResources);

/// What the views of a workflow's nodes are made from: the workflow, every
/// resource node's logical id, and its edges by the node they end at.
struct ViewContext
{
    /// `machineEdges` are the edges state machines stand for: they are no
    /// function's events.
    ViewContext(const Workflow &workflow, std::map<std::string, std::string> ids,
                const std::set<std::string> &machineEdges = {});

    const Workflow &workflow;
    std::map<std::string, std::string> ids; ///< node id → logical id
    std::map<std::string, std::vector<const Edge *>> incoming; ///< node id → the edges into it, in order
};

/// A workflow's edges by node id, made once for the signatures of all its
/// machines: a digest of the ids of the edges out of a node, or touching it
/// (a function that 2,000 machines invoke is touched by 2,000 edges, and
/// each machine's signature holds its digest, not the list).
class EdgesByNode
{
public:
    explicit EdgesByNode(const Workflow &workflow);
    std::string outDigest(const std::string &node) const;
    std::string touchingDigest(const std::string &node) const;

private:
    using ByNode = std::map<std::string, std::vector<std::string>>;
    static std::string digestOf(const ByNode &byNode, const std::string &node, std::map<std::string, std::string> &cache);
    ByNode m_out;
    ByNode m_touching;
    mutable std::map<std::string, std::string> m_outDigests;
    mutable std::map<std::string, std::string> m_touchingDigests;
};

/// What a state machine read onto the canvas stands for, as it is now in
/// `workflow`: its edges, and the triggers, choices and logs it covers with
/// their settings. `machine` is its origin entry ({"nodes": […], "edges":
/// […]}); import records the signature, and export writes the machine back
/// as written while the signature is the same.
Json machineSignature(const Workflow &workflow, const Json &machine, const EdgesByNode &edgesByNode);

/// The template properties `node` stands for, before substitutions. `entry`
/// is its origin resource entry (null for a node added since import).
Json rawViewOf(const ViewContext &context, const Node &node, const Json &entry);

/// `raw` with the entry's substitutions applied: the view as it is written.
Json writtenView(const Json &raw, const Json &entry);

/// Applies what changed from the view `before` to `after` to `resource`
/// (the template's JSON of it): changed values set, values gone erased (a
/// resource whose Type goes becomes null). Fails when the resource is not
/// shaped as a pointer needs.
Status applyViewChange(Json &resource, const Json &before, const Json &after);

/// A node's view that changed since import: `after` is empty when the node was deleted.
struct ViewChange
{
    std::string id;   ///< the logical id
    std::string type; ///< its origin entry's type (AWS::Serverless::Function, AWS::SQS::Queue, …)
    Json before;
    Json after;
};

/// The serverless.yml `text` with `changes` written into its own shape
/// (serverlesswriteback.cpp): a function's settings and its events' under
/// `functions`, a resource's properties under `resources.Resources`, a
/// deleted function, event or resource removed. Only the blocks of what
/// changed are written anew. Fails, naming each, on what it cannot write
/// there (new functions or events, a bucket Serverless makes itself, a
/// changed type or code location).
/// A file whose functions or resources are in flow style is written anew
/// (without its comments), with a note in `notes`.
Result<std::string> writeBackServerless(const std::string &text, const std::string &file,
                                        const std::vector<ViewChange> &changes, std::vector<std::string> &notes);

struct WriteBack
{
    const Workflow *workflow = nullptr; ///< the workflow to write back into its template; none: export as usual
    std::string note;                   ///< when an imported workflow is exported in another format
};

/// Whether `options` export a workflow imported from a template of
/// `format` ("sam", "serverless"): then it is written back into that
/// template (exportFromOrigin). Refused when it is one of several chosen
/// workflows, or has validation errors. `options.fresh` always exports as usual.
Result<WriteBack> importedWorkflow(const Workspace &workspace, const ExportOptions &options, const std::string &format);

/// The SAM bundle of a workflow imported from a SAM template: the original
/// template with only the edited resources changed, the functions' code
/// where the template's CodeUri says, and a README. A workflow imported from
/// a serverless.yml gets its edits through writeBackServerless().
Result<Bundle> exportFromOrigin(const Workspace &workspace, const Workflow &workflow, const ExportOptions &options);

} // namespace stratus::engine::exporting
