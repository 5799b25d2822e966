// stratus table / queue: what a workspace's tables and queues hold.

#include "commands.h"

#include "engine/model/json.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"
#include "engine/store/resourcedata.h"
#include "engine/store/workspacestore.h"
#include "engine/triggers/eventshapes.h"

#include <QDateTime>

namespace stratus::cli {

using namespace stratus::engine;

namespace {

/// The resource node of `kind` named `name`, and every such node's name.
const Node *findResource(const Workspace &ws, std::string_view kind, const std::string &name,
                         std::vector<std::string> &names)
{
    const Node *found = nullptr;
    for (const Workflow &wf : ws.workflows) {
        for (const Node &n : wf.nodes()) {
            if (n.kind != kind)
                continue;
            names.push_back(n.name);
            if (n.name == name || n.id.str() == name)
                found = &n;
        }
    }
    return found;
}

/// The design and the data of a workspace file, both only read.
struct OpenedResources
{
    Workspace design;
    std::optional<ResourceData> data;
};

Result<OpenedResources> openResources(const std::string &file)
{
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
    if (!store)
        return store.status();
    auto ws = store->load();
    if (!ws)
        return ws.status();
    OpenedResources out{ws.take(), std::nullopt};
    // Queue and table data need a current file; one never run holds none.
    if (store->schemaVersionOnDisk() >= 5) {
        auto data = ResourceData::open(file, ResourceData::Access::ReadOnly);
        if (data)
            out.data = data.take();
    }
    return out;
}

} // namespace

int cmdTable(const Args &args, Io &io)
{
    if (args.positionals().size() != 2)
        return usageError(io, "table", "expected FILE.stratus TABLE");
    const std::string &file = args.positionals()[0];
    auto opened = openResources(file);
    if (!opened)
        return failure(io, opened.status());
    std::vector<std::string> names;
    const Node *table = findResource(opened->design, kinds::kTable, args.positionals()[1], names);
    if (!table)
        return failure(io, Status::notFound(quote(file) + " has no table " + quote(args.positionals()[1])
                                            + (names.empty() ? std::string(" (it has none)")
                                                             : " (tables: " + printable(joined(names)) + ")")));
    std::vector<Json> items;
    if (opened->data) {
        auto read = opened->data->items(table->name);
        if (!read)
            return failure(io, read.status());
        items = read.take();
    }
    const bool typed = args.has("--typed");
    Json list = Json::array();
    for (const Json &item : items)
        list.push_back(typed ? item : shapes::fromItem(item));
    if (args.has("--json")) {
        io.out << list.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
        return kExitOk;
    }
    io.out << "table " << table->name << ": " << plural(long(items.size()), "item") << "\n";
    for (const Json &item : list)
        io.out << "  " << printable(item.dump(-1, ' ', false, Json::error_handler_t::replace)) << "\n";
    return kExitOk;
}

int cmdQueue(const Args &args, Io &io)
{
    if (args.positionals().size() != 2)
        return usageError(io, "queue", "expected FILE.stratus QUEUE");
    const std::string &file = args.positionals()[0];
    auto opened = openResources(file);
    if (!opened)
        return failure(io, opened.status());
    std::vector<std::string> names;
    const Node *queue = findResource(opened->design, kinds::kQueue, args.positionals()[1], names);
    if (!queue)
        return failure(io, Status::notFound(quote(file) + " has no queue " + quote(args.positionals()[1])
                                            + (names.empty() ? std::string(" (it has none)")
                                                             : " (queues: " + printable(joined(names)) + ")")));
    QueueDepth depth;
    std::vector<QueueMessageRow> dead;
    if (opened->data) {
        auto d = opened->data->depth(queue->name, QDateTime::currentMSecsSinceEpoch());
        if (!d)
            return failure(io, d.status());
        depth = *d;
    }
    if (args.has("--json")) {
        io.out << Json{{"queue", queue->name}, {"visible", depth.visible}, {"inFlight", depth.inFlight},
                       {"dead", depth.dead}}
                      .dump(2)
               << "\n";
        return kExitOk;
    }
    io.out << "queue " << queue->name << "\n"
           << "  waiting    " << depth.visible << "\n"
           << "  in flight  " << depth.inFlight << "  (received, hidden until their visibility timeout)\n"
           << "  dead       " << depth.dead << "  (received maxReceiveCount times without success)\n";
    return kExitOk;
}

} // namespace stratus::cli
