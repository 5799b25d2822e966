#pragma once

#include <functional>
#include <string>
#include <utility>

namespace stratus::engine {

/// A string id that cannot be mixed up with an id of another kind. The empty
/// id is the invalid one (QtNodes' InvalidNodeId).
template<typename Tag>
class StrongId
{
public:
    StrongId() = default;
    explicit StrongId(std::string value)
        : m_value(std::move(value))
    {}

    const std::string &str() const { return m_value; }
    bool isValid() const { return !m_value.empty(); }

    // Spelled out rather than <=>: moc follows includes and cannot parse <compare>.
    friend bool operator==(const StrongId &a, const StrongId &b) { return a.m_value == b.m_value; }
    friend bool operator!=(const StrongId &a, const StrongId &b) { return a.m_value != b.m_value; }
    friend bool operator<(const StrongId &a, const StrongId &b) { return a.m_value < b.m_value; }

private:
    std::string m_value;
};

struct NodeIdTag;
struct EdgeIdTag;
struct WorkflowIdTag;

using NodeId = StrongId<NodeIdTag>;         ///< unique within its workflow
using EdgeId = StrongId<EdgeIdTag>;         ///< unique within its workflow
using WorkflowId = StrongId<WorkflowIdTag>; ///< unique within its workspace

} // namespace stratus::engine

template<typename Tag>
struct std::hash<stratus::engine::StrongId<Tag>>
{
    size_t operator()(const stratus::engine::StrongId<Tag> &id) const noexcept
    {
        return std::hash<std::string>{}(id.str());
    }
};
