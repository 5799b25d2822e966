// MainWindow's editing of the canvas: adding nodes, the clipboard (the
// selection as the workspace JSON form), delete, duplicate, select all and
// renaming in place. Each change is an undo command on the document.

#include "mainwindow.h"

#include "editor/canvas/nodeitem.h"
#include "editor/canvas/workflowscene.h"
#include "editor/canvas/workflowview.h"
#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"

#include "engine/model/nodekind.h"
#include "engine/store/workspacejson.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QStatusBar>

#include <map>
#include <set>

namespace stratus::editor {

using namespace stratus::engine;

NodeId MainWindow::addNode(const QString &kind, QPointF scenePos, bool nearestFreeSpot)
{
    WorkflowScene *scene = currentScene();
    const NodeKindSpec *spec = NodeKindRegistry::instance().find(kind.toStdString());
    if (!scene || !spec) {
        statusBar()->showMessage(spec ? tr("Open a workspace first") : tr("Unknown node kind '%1'").arg(kind), 6000);
        return {};
    }
    const WorkflowId workflow = scene->workflowId();
    Node node;
    node.kind = spec->kind;
    // Names follow the kind's naming rule (function and resource names are AWS names).
    std::string base = spec->kind == kinds::kFunction ? "function" : spec->kind.substr(spec->kind.find('.') + 1);
    node.id = m_document->freshNodeId(workflow, base);
    node.name = node.id.str();
    if (spec->nameRule == NameRule::Bucket && node.name.size() < 3)
        node.name += "-bucket";
    // Required fields start from their defaults, and a function from a handler
    // that works, so that a new node is as close to valid as can be.
    for (const FieldSpec &f : spec->fields) {
        if (f.required && !f.defaultValue.is_null())
            node.config[f.name] = f.defaultValue;
    }
    if (spec->kind == kinds::kFunction) {
        node.config["runtime"] = "nodejs20.x";
        node.config["handler"] = "index.handler";
        node.config["files"] = Json{{"index.mjs", "export const handler = async (event, context) => {\n"
                                                  "  return { statusCode: 200, body: JSON.stringify({ ok: true }) };\n};\n"}};
    }
    QPointF at = WorkflowScene::snapped(scenePos - QPointF(NodeItem::kWidth / 2, NodeItem::kHeaderHeight / 2));
    if (nearestFreeSpot)
        at = scene->freeSpotNear(at);
    m_document->undoStack()->push(new AddItemsCommand(m_document.get(), workflow, {{node, {at.x(), at.y()}}}, {},
                                                      tr("Add %1").arg(kindText(spec->label))));
    scene->selectNodes({node.id});
    statusBar()->showMessage(tr("Added %1 '%2'").arg(kindText(spec->label), qs(node.name)), 4000);
    return node.id;
}

QString MainWindow::selectionAsJson() const
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return {};
    const Workflow &source = scene->workflow();
    const auto ids = scene->selectedNodes();
    if (ids.empty())
        return {};
    std::set<std::string> chosen;
    for (const NodeId &id : ids)
        chosen.insert(id.str());
    Workspace clip;
    clip.name = "clipboard";
    Workflow copy(source.id(), source.name());
    for (const NodeId &id : ids)
        copy.addNode(*source.findNode(id), source.position(id));
    for (const Edge &e : source.edges()) {
        if (chosen.count(e.from.node.str()) && chosen.count(e.to.node.str()))
            copy.addEdge(e);
    }
    clip.workflows.push_back(std::move(copy));
    return qs(workspace_json::write(clip));
}

int MainWindow::pasteJson(const QString &text)
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return 0;
    auto read = workspace_json::read(text.toStdString());
    if (!read || read->workspace.workflows.empty() || read->workspace.workflows.front().nodes().empty()) {
        statusBar()->showMessage(tr("Nothing to paste: the clipboard holds no Stratus nodes"), 6000);
        return 0;
    }
    const Workflow &from = read->workspace.workflows.front();
    const WorkflowId target = scene->workflowId();
    const Workflow &into = scene->workflow();
    // Fresh ids (and names, where taken), offset so the copy is seen beside its original.
    std::map<std::string, NodeId> renamed;
    std::vector<PlacedNode> nodes;
    std::set<std::string> newIds, takenNames;
    for (const Node &n : into.nodes())
        takenNames.insert(n.kind + "\n" + n.name);
    for (const Node &n : from.nodes()) {
        PlacedNode placed{n, from.position(n.id)};
        placed.node.id = m_document->freshNodeId(target, n.id.str(), newIds);
        newIds.insert(placed.node.id.str());
        std::string name = n.name;
        for (int k = 1; takenNames.count(n.kind + "\n" + name); ++k)
            name = n.name + (k == 1 ? std::string("-copy") : "-copy-" + std::to_string(k));
        takenNames.insert(n.kind + "\n" + name);
        placed.node.name = name;
        placed.position.x += 40;
        placed.position.y += 40;
        renamed[n.id.str()] = placed.node.id;
        nodes.push_back(std::move(placed));
    }
    std::vector<Edge> edges;
    std::set<std::string> newEdgeIds;
    for (const Edge &e : from.edges()) {
        auto a = renamed.find(e.from.node.str()), b = renamed.find(e.to.node.str());
        if (a == renamed.end() || b == renamed.end())
            continue;
        const EdgeId id = m_document->freshEdgeId(target, newEdgeIds);
        newEdgeIds.insert(id.str());
        edges.push_back({id, {a->second, e.from.port}, {b->second, e.to.port}});
    }
    std::vector<NodeId> pasted;
    for (const PlacedNode &p : nodes)
        pasted.push_back(p.node.id);
    const int n = int(nodes.size());
    m_document->undoStack()->push(new AddItemsCommand(m_document.get(), target, std::move(nodes), std::move(edges),
                                                      n == 1 ? tr("Paste a node") : tr("Paste %1 nodes").arg(n)));
    scene->selectNodes(pasted);
    return n;
}

void MainWindow::copySelection()
{
    const QString json = selectionAsJson();
    if (json.isEmpty()) {
        statusBar()->showMessage(tr("Select nodes to copy"), 4000);
        return;
    }
    QApplication::clipboard()->setText(json);
    statusBar()->showMessage(tr("Copied %1").arg(count(currentScene()->selectedNodes().size(), tr("node"), tr("nodes"))), 4000);
}

void MainWindow::cutSelection()
{
    if (selectionAsJson().isEmpty())
        return;
    copySelection();
    deleteSelection();
}

void MainWindow::paste()
{
    pasteJson(QApplication::clipboard()->text());
}

void MainWindow::deleteSelection()
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return;
    const auto nodes = scene->selectedNodes();
    const auto edges = scene->selectedEdges();
    if (nodes.empty() && edges.empty())
        return;
    auto *command = new RemoveItemsCommand(m_document.get(), scene->workflowId(), nodes, edges,
                                           nodes.empty() ? tr("Remove %1").arg(count(edges.size(), tr("wire"), tr("wires")))
                                                         : tr("Remove %1").arg(count(nodes.size(), tr("node"), tr("nodes"))));
    m_document->undoStack()->push(command);
}

void MainWindow::duplicateSelection()
{
    const QString json = selectionAsJson();
    if (!json.isEmpty())
        pasteJson(json);
}

void MainWindow::selectAll()
{
    if (WorkflowScene *scene = currentScene()) {
        std::vector<NodeId> all;
        for (const Node &n : scene->workflow().nodes())
            all.push_back(n.id);
        scene->selectNodes(all);
    }
}

void MainWindow::renameSelected()
{
    WorkflowScene *scene = currentScene();
    if (!scene)
        return;
    const auto nodes = scene->selectedNodes();
    if (nodes.size() == 1)
        startInlineRename(qs(nodes.front().str()));
}

void MainWindow::startInlineRename(const QString &nodeId)
{
    WorkflowView *view = currentView();
    WorkflowScene *scene = currentScene();
    NodeItem *item = scene ? scene->itemFor(NodeId(nodeId.toStdString())) : nullptr;
    if (!item)
        return;
    const Node *node = scene->workflow().findNode(item->nodeId());
    // A line edit over the node's header, in place.
    auto *editor = new QLineEdit(view->viewport());
    editor->setObjectName(QStringLiteral("inlineRename"));
    editor->setText(qs(node->name));
    editor->selectAll();
    const QRect header = view->mapFromScene(item->mapToScene(item->headerRect())).boundingRect();
    editor->setGeometry(header.adjusted(24, 2, -2, -2));
    editor->show();
    editor->setFocus();
    const WorkflowId workflow = scene->workflowId();
    const NodeId id = item->nodeId();
    auto commit = [this, editor, workflow, id] {
        if (!editor->isVisible())
            return;
        editor->hide();
        editor->deleteLater();
        const Workflow *w = m_document ? m_document->workflow(workflow) : nullptr;
        const Node *n = w ? w->findNode(id) : nullptr;
        const std::string name = editor->text().trimmed().toStdString();
        if (!n || name.empty() || name == n->name)
            return;
        Node after = *n;
        after.name = name;
        m_document->undoStack()->push(new ChangeNodeCommand(m_document.get(), workflow, *n, after,
                                                            tr("Rename %1 to %2").arg(qs(n->name), qs(name))));
    };
    connect(editor, &QLineEdit::editingFinished, this, commit);
}

} // namespace stratus::editor
