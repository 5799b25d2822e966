#include "workspacedocument.h"

#include "editor/qstrings.h"

#include "engine/meter/pricing.h"
#include "engine/store/files.h"
#include "engine/store/workspacejson.h"

#include <QFileInfo>

#include <algorithm>
#include <filesystem>

namespace stratus::editor {

using namespace stratus::engine;

Result<std::unique_ptr<WorkspaceDocument>> WorkspaceDocument::open(const QString &path)
{
    const std::string file = path.toStdString();
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        auto read = workspace_json::readFile(file);
        if (!read)
            return read.status();
        return std::unique_ptr<WorkspaceDocument>(new WorkspaceDocument(
            std::move(read->workspace), std::nullopt, QString(), path, std::move(read->problems)));
    }
    auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadWrite);
    if (!store)
        return store.status();
    auto loaded = store->load();
    if (!loaded)
        return loaded.status();
    return std::unique_ptr<WorkspaceDocument>(
        new WorkspaceDocument(loaded.take(), store.take(), path, path, {}));
}

Json WorkspaceDocument::defaultSettings()
{
    return Json{{"pricing", "aws-x86_64"}, {"region", "us-east-1"}};
}

Result<std::unique_ptr<WorkspaceDocument>> WorkspaceDocument::create(const QString &path, const Json &settings)
{
    Workspace ws;
    ws.name = QFileInfo(path).completeBaseName().toStdString();
    ws.settings = settings;
    ws.workflows.emplace_back(WorkflowId("main"), "Main");
    auto target = resolveOutputPath(path.toStdString(), OutputKind::Workspace);
    if (!target)
        return target.status();
    if (Status s = WorkspaceStore::writeTo(*target, ws, WorkspaceStore::RunHistory::Clear); !s)
        return s;
    return open(path);
}

WorkspaceDocument::WorkspaceDocument(Workspace workspace, std::optional<WorkspaceStore> store,
                                     QString filePath, QString sourcePath, Problems readProblems)
    : m_workspace(std::move(workspace))
    , m_store(std::move(store))
    , m_hasStore(m_store.has_value())
    , m_filePath(std::move(filePath))
    , m_sourcePath(std::move(sourcePath))
    , m_readProblems(std::move(readProblems))
{
    // The store belongs to the save thread from here on: only code run in
    // m_writer's context touches it.
    m_writer.moveToThread(&m_saveThread);
    m_saveThread.setObjectName(QStringLiteral("autosave"));
    m_saveThread.start();
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(kAutosaveDelayMs);
    connect(&m_autosave, &QTimer::timeout, this, &WorkspaceDocument::saveInBackground);
    // Validation runs once per burst of changes (a move of 200 nodes is 200
    // changes), after the command that made them.
    m_validate.setSingleShot(true);
    m_validate.setInterval(0);
    connect(&m_validate, &QTimer::timeout, this, &WorkspaceDocument::revalidate);
    revalidate();
}

WorkspaceDocument::~WorkspaceDocument()
{
    // Nothing is lost on close: what the timer had not written yet is written now.
    if (hasUnsavedChanges())
        save();
    m_saveThread.quit();
    m_saveThread.wait();
}

Status WorkspaceDocument::writeStore(const Workspace &workspace, const QString &path)
{
    // SQLite would go on writing to a file that was deleted or moved away
    // while open, and the work would vanish with its last handle.
    if (!QFileInfo::exists(path))
        return Status::notFound("'" + path.toStdString()
                                + "' no longer exists (moved or deleted): use Save As to keep your work");
    return m_store->save(workspace);
}

void WorkspaceDocument::saveInBackground()
{
    if (!m_hasStore || !hasUnsavedChanges())
        return;
    if (m_saving) {
        m_saveAgain = true; // when the one in flight is done
        return;
    }
    m_saving = true;
    // The save thread writes a copy, so editing goes on while it does.
    auto snapshot = std::make_shared<const Workspace>(m_workspace);
    const quint64 generation = m_changes;
    const QString path = m_filePath;
    QMetaObject::invokeMethod(&m_writer, [this, snapshot, generation, path] {
        const Status s = writeStore(*snapshot, path);
        QMetaObject::invokeMethod(this, [this, generation, s] { finishBackgroundSave(generation, s); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void WorkspaceDocument::finishBackgroundSave(quint64 generation, const Status &s)
{
    m_saving = false;
    if (s)
        m_savedChanges = std::max(m_savedChanges, generation);
    Q_EMIT saved(bool(s), qs(s ? std::string() : s.message()));
    // Changes made while it was writing: their turn (a failure waits for the next change).
    if (s && hasUnsavedChanges() && (m_saveAgain || !m_autosave.isActive()))
        m_autosave.start();
    m_saveAgain = false;
}

Status WorkspaceDocument::save()
{
    m_autosave.stop();
    if (!m_hasStore)
        return Status::ok();
    // Queued behind any save in flight; this thread waits, so the save thread
    // may read the model itself, without a copy.
    Status s;
    QMetaObject::invokeMethod(&m_writer, [&] { s = writeStore(m_workspace, m_filePath); },
                              Qt::BlockingQueuedConnection);
    if (s)
        m_savedChanges = m_changes;
    Q_EMIT saved(bool(s), qs(s ? std::string() : s.message()));
    return s;
}

Status WorkspaceDocument::saveAs(const QString &path)
{
    auto target = resolveOutputPath(path.toStdString(), OutputKind::Workspace);
    if (!target)
        return target.status();
    // Over another workspace (the dialog asked to replace it), its runs go
    // with its design, as with `stratus import --force`.
    std::error_code ec;
    const bool sameFile = !m_filePath.isEmpty()
                          && std::filesystem::equivalent(*target, m_filePath.toStdString(), ec);
    const auto history = sameFile ? WorkspaceStore::RunHistory::Keep : WorkspaceStore::RunHistory::Clear;
    if (Status s = WorkspaceStore::writeTo(*target, m_workspace, history); !s)
        return s;
    auto store = WorkspaceStore::open(path.toStdString(), WorkspaceStore::Access::ReadWrite);
    if (!store)
        return store.status();
    QMetaObject::invokeMethod(&m_writer, [&] { m_store.emplace(store.take()); }, Qt::BlockingQueuedConnection);
    m_hasStore = true;
    m_filePath = path;
    m_sourcePath = path;
    m_savedChanges = m_changes;
    m_autosave.stop();
    Q_EMIT saved(true, QString());
    return Status::ok();
}

void WorkspaceDocument::revalidate()
{
    m_validate.stop();
    m_problems = m_readProblems;
    Problems validation = workspaceProblems(m_workspace);
    m_problems.insert(m_problems.end(), validation.begin(), validation.end());
    Q_EMIT problemsChanged();
}

void WorkspaceDocument::changed()
{
    m_readProblems.clear(); // the reader's problems were about the document as read
    ++m_changes;
    // Started once per burst, not restarted: continuous editing still saves every second.
    if (m_hasStore && !m_autosave.isActive())
        m_autosave.start();
    m_validate.start();
}

NodeId WorkspaceDocument::freshNodeId(const WorkflowId &workflowId, const std::string &base,
                                     const std::set<std::string> &alsoTaken) const
{
    std::string stem;
    for (char c : base) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (c >= 'A' && c <= 'Z')
            stem += char(c - 'A' + 'a');
        else if (ok)
            stem += c;
        else if (!stem.empty() && stem.back() != '-')
            stem += '-';
    }
    while (!stem.empty() && stem.back() == '-')
        stem.pop_back();
    if (stem.empty())
        stem = "node";
    const Workflow *w = workflow(workflowId);
    auto free = [&](const std::string &id) { return !alsoTaken.count(id) && (!w || !w->findNode(NodeId(id))); };
    if (free(stem))
        return NodeId(stem);
    for (int n = 2;; ++n) {
        if (std::string id = stem + "-" + std::to_string(n); free(id))
            return NodeId(id);
    }
}

EdgeId WorkspaceDocument::freshEdgeId(const WorkflowId &workflowId, const std::set<std::string> &alsoTaken) const
{
    const Workflow *w = workflow(workflowId);
    for (size_t n = w ? w->edges().size() + 1 : 1;; ++n) {
        EdgeId id("e" + std::to_string(n));
        if (!alsoTaken.count(id.str()) && (!w || !w->findEdge(id)))
            return id;
    }
}

Workflow *WorkspaceDocument::mutableWorkflow(const WorkflowId &id)
{
    return m_workspace.findWorkflow(id);
}

void WorkspaceDocument::insertNode(const WorkflowId &workflowId, const Node &node, Position position)
{
    Workflow *w = mutableWorkflow(workflowId);
    if (!w || !w->addNode(node, position))
        return;
    changed();
    Q_EMIT nodeAdded(workflowId, node.id);
}

void WorkspaceDocument::removeNode(const WorkflowId &workflowId, const NodeId &node)
{
    Workflow *w = mutableWorkflow(workflowId);
    if (!w || !w->findNode(node))
        return;
    // Edges go first, each with its own signal, so views never hold a dangling wire.
    std::vector<EdgeId> touching;
    for (const Edge &e : w->edges()) {
        if (e.from.node == node || e.to.node == node)
            touching.push_back(e.id);
    }
    for (const EdgeId &e : touching)
        removeEdge(workflowId, e);
    Q_EMIT nodeAboutToBeRemoved(workflowId, node);
    w->removeNode(node);
    changed();
    Q_EMIT nodeRemoved(workflowId, node);
}

void WorkspaceDocument::replaceNode(const WorkflowId &workflowId, const Node &node)
{
    Workflow *w = mutableWorkflow(workflowId);
    Node *existing = w ? w->findNode(node.id) : nullptr;
    if (!existing)
        return;
    NodeAspects aspects;
    aspects.setFlag(NodeAspect::Name, existing->name != node.name);
    aspects.setFlag(NodeAspect::Kind, existing->kind != node.kind);
    aspects.setFlag(NodeAspect::Config, existing->config != node.config);
    if (!aspects)
        return;
    existing->name = node.name;
    existing->kind = node.kind;
    existing->config = node.config;
    changed();
    Q_EMIT nodeChanged(workflowId, node.id, aspects);
}

void WorkspaceDocument::moveNode(const WorkflowId &workflowId, const NodeId &node, Position position)
{
    Workflow *w = mutableWorkflow(workflowId);
    if (!w || !w->findNode(node))
        return;
    w->setPosition(node, position);
    changed();
    Q_EMIT nodeChanged(workflowId, node, NodeAspect::Position);
}

void WorkspaceDocument::insertEdge(const WorkflowId &workflowId, const Edge &edge)
{
    Workflow *w = mutableWorkflow(workflowId);
    if (!w || !w->addEdge(edge))
        return;
    changed();
    Q_EMIT edgeAdded(workflowId, edge.id);
}

void WorkspaceDocument::removeEdge(const WorkflowId &workflowId, const EdgeId &edge)
{
    Workflow *w = mutableWorkflow(workflowId);
    if (!w || !w->findEdge(edge))
        return;
    Q_EMIT edgeAboutToBeRemoved(workflowId, edge);
    w->removeEdge(edge);
    changed();
    Q_EMIT edgeRemoved(workflowId, edge);
}

WorkflowId WorkspaceDocument::freshWorkflowId() const
{
    for (size_t n = m_workspace.workflows.size() + 1;; ++n) {
        WorkflowId id("workflow-" + std::to_string(n));
        if (!workflow(id))
            return id;
    }
}

void WorkspaceDocument::insertWorkflow(size_t index, const Workflow &workflow)
{
    if (this->workflow(workflow.id()))
        return;
    index = std::min(index, m_workspace.workflows.size());
    m_workspace.workflows.insert(m_workspace.workflows.begin() + std::ptrdiff_t(index), workflow);
    changed();
    Q_EMIT workflowAdded(workflow.id(), int(index));
}

void WorkspaceDocument::removeWorkflow(const WorkflowId &id)
{
    if (!workflow(id))
        return;
    Q_EMIT workflowAboutToBeRemoved(id);
    auto &all = m_workspace.workflows;
    all.erase(std::find_if(all.begin(), all.end(), [&](const Workflow &w) { return w.id() == id; }));
    changed();
    Q_EMIT workflowRemoved(id);
}

void WorkspaceDocument::renameWorkflow(const WorkflowId &id, const std::string &name)
{
    Workflow *w = mutableWorkflow(id);
    if (!w)
        return;
    w->setName(name);
    changed();
    Q_EMIT workflowRenamed(id);
}

std::vector<TestEvent> WorkspaceDocument::takeTestEvents(const WorkflowId &workflowId, const NodeId &node)
{
    std::vector<TestEvent> taken;
    auto &events = m_workspace.testEvents;
    const Workflow *w = workflow(workflowId);
    for (auto it = events.begin(); it != events.end();) {
        // An event without a workflow belongs to the first workflow with its node.
        const bool inWorkflow = it->workflow.isValid() ? it->workflow == workflowId : (w && w->findNode(it->node));
        if (inWorkflow && (!node.isValid() || it->node == node)) {
            taken.push_back(*it);
            it = events.erase(it);
        } else {
            ++it;
        }
    }
    if (!taken.empty())
        changed();
    return taken;
}

void WorkspaceDocument::restoreTestEvents(const std::vector<TestEvent> &events)
{
    if (events.empty())
        return;
    m_workspace.testEvents.insert(m_workspace.testEvents.end(), events.begin(), events.end());
    changed();
}

void WorkspaceDocument::replaceTestEvent(const std::optional<TestEvent> &before, const std::optional<TestEvent> &after)
{
    auto &events = m_workspace.testEvents;
    auto at = events.end();
    if (before)
        at = std::find(events.begin(), events.end(), *before);
    if (at != events.end())
        at = events.erase(at);
    if (after)
        events.insert(at, *after);
    changed();
    const TestEvent &which = after ? *after : *before;
    Q_EMIT testEventsChanged(which.workflow, which.node);
}

std::vector<TestEvent> WorkspaceDocument::testEventsOf(const WorkflowId &workflowId, const NodeId &node) const
{
    std::vector<TestEvent> out;
    const Workflow *w = workflow(workflowId);
    for (const TestEvent &e : m_workspace.testEvents) {
        const bool inWorkflow = e.workflow.isValid() ? e.workflow == workflowId : (w && w->findNode(e.node));
        if (inWorkflow && e.node == node)
            out.push_back(e);
    }
    return out;
}

} // namespace stratus::editor
