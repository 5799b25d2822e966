// WireDialog: wiring without a mouse.

#include "wiredialog.h"

#include "workflowscene.h"

#include "editor/qstrings.h"
#include "engine/model/nodekind.h"
#include "engine/model/validator.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace engine;

namespace {

QString nodeName(const Workflow &workflow, const NodeId &id)
{
    const Node *n = workflow.findNode(id);
    return n && !n->name.empty() ? qs(n->name) : qs(id.str());
}

} // namespace

WireDialog::WireDialog(WorkflowScene *scene, const NodeId &node, QWidget *parent)
    : QDialog(parent)
    , m_scene(scene)
{
    const Workflow &workflow = scene->workflow();
    const QString name = nodeName(workflow, node);
    setWindowTitle(tr("Wire %1").arg(name));
    const Node *n = workflow.findNode(node);
    const auto &registry = NodeKindRegistry::instance();
    if (n) {
        for (const std::string &port : registry.outputPorts(*n)) {
            for (const PortRef &to : compatiblePorts(workflow, {node, port}, true))
                m_candidates.push_back({{node, port}, to});
        }
        for (const std::string &port : registry.inputPorts(*n)) {
            for (const PortRef &from : compatiblePorts(workflow, {node, port}, false))
                m_candidates.push_back({from, {node, port}});
        }
    }

    auto *intro = new QLabel(tr("Wires that %1 can take; type to filter, Return to wire.").arg(name), this);
    intro->setWordWrap(true);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by node, port or kind…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter wires"));
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Wires to draw"));
    for (const Candidate &c : m_candidates) {
        const NodeId other = c.from.node == node ? c.to.node : c.from.node;
        const QString text = c.from.node == node
                                 ? tr("%1 → %2 (%3)").arg(qs(c.from.port), nodeName(workflow, c.to.node), qs(c.to.port))
                                 : tr("%1 ← %2 (%3)").arg(qs(c.to.port), nodeName(workflow, c.from.node), qs(c.from.port));
        auto *item = new QListWidgetItem(text, m_list);
        // The other node's kind is found by the filter too ("table") and shown as a tip.
        const Node *o = workflow.findNode(other);
        const NodeKindSpec *spec = o ? registry.find(o->kind) : nullptr;
        const QString kind = spec ? kindText(spec->label) : QString();
        item->setToolTip(kind);
        item->setData(Qt::UserRole, QString(text + QLatin1Char(' ') + kind + QLatin1Char(' ') + qs(o ? o->kind : std::string())));
    }
    m_empty = new QLabel(m_candidates.empty() ? tr("No wire can be drawn from or to %1: every port the model "
                                                   "would accept is wired already, or there is none.")
                                                    .arg(name)
                                              : tr("No wire matches the filter."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setVisible(m_candidates.empty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Wire"));
    connect(buttons, &QDialogButtonBox::accepted, this, &WireDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &WireDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &WireDialog::accept);
    connect(m_filter, &QLineEdit::textChanged, this, &WireDialog::applyFilter);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [buttons](int row) { buttons->button(QDialogButtonBox::Ok)->setEnabled(row >= 0); });
    // Up and Down in the filter walk the list, as in a completer.
    m_filter->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_empty);
    layout->addWidget(buttons);
    m_list->setCurrentRow(m_candidates.empty() ? -1 : 0);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_candidates.empty());
    m_filter->setFocus();
    resize(420, 320);
}

bool WireDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp || key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void WireDialog::applyFilter(const QString &text)
{
    int firstShown = -1;
    for (int row = 0; row < m_list->count(); ++row) {
        const bool shown = m_list->item(row)->data(Qt::UserRole).toString().contains(text, Qt::CaseInsensitive);
        m_list->item(row)->setHidden(!shown);
        if (shown && firstShown < 0)
            firstShown = row;
    }
    m_list->setCurrentRow(firstShown);
    m_empty->setVisible(firstShown < 0);
}

void WireDialog::accept()
{
    const int row = m_list->currentRow();
    if (row < 0 || m_list->item(row)->isHidden())
        return;
    const Candidate c = m_candidates[size_t(row)];
    if (m_scene->connectPorts(c.from, c.to))
        QDialog::accept();
}

} // namespace stratus::editor
