#include "resourceaccess.h"

#include "nodekind.h"

#include <cctype>

namespace stratus::engine {

std::vector<const Node *> resourcesNamed(const Workspace &workspace, const std::string &name)
{
    std::vector<const Node *> out;
    for (const Workflow &wf : workspace.workflows) {
        for (const Node &node : wf.nodes()) {
            if (kinds::isResource(node.kind) && node.name == name)
                out.push_back(&node);
        }
    }
    return out;
}

const Node *resourceNamed(const Workspace &workspace, std::string_view kind, const std::string &name)
{
    for (const Node *resource : resourcesNamed(workspace, name)) {
        if (resource->kind == kind)
            return resource;
    }
    return nullptr;
}

std::string queueUrl(const std::string &endpoint, const std::string &region, const std::string &queue)
{
    const std::string base = endpoint.empty() ? "https://sqs." + region + ".amazonaws.com" : endpoint;
    return base + "/000000000000/" + queue;
}

std::vector<const Node *> resourcesUsedBy(const Workspace &workspace, const Node &function)
{
    std::vector<const Node *> out;
    const Json &uses = memberOf(function.config, "uses");
    if (!uses.is_array())
        return out;
    for (const Json &name : uses) {
        if (!name.is_string())
            continue;
        for (const Node *resource : resourcesNamed(workspace, name.get<std::string>()))
            out.push_back(resource);
    }
    return out;
}

std::string resourceVariable(const Node &resource)
{
    std::string name;
    for (const unsigned char c : resource.name)
        name += std::isalnum(c) && c < 0x80 ? char(std::toupper(c)) : '_';
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())))
        name.insert(0, "R_");
    if (resource.kind == kinds::kTable)
        return name + "_TABLE_NAME";
    if (resource.kind == kinds::kBucket)
        return name + "_BUCKET_NAME";
    return name + "_QUEUE_URL";
}

} // namespace stratus::engine
