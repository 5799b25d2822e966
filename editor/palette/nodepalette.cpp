#include "nodepalette.h"

#include "editor/qstrings.h"

#include <QEvent>

#include "editor/canvas/nodestyle.h"

#include "engine/model/nodekind.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kFamilyRole = Qt::UserRole + 2; // on a family's heading

/// A tree whose leaves drag as node kinds.
class PaletteTree : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {QLatin1String(kNodeKindMimeType)}; }
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.front()->data(0, kKindRole).toString().isEmpty())
            return nullptr;
        auto *data = new QMimeData;
        data->setData(QLatin1String(kNodeKindMimeType), items.front()->data(0, kKindRole).toString().toUtf8());
        return data;
    }
};

QString familyTitle(NodeFamily family)
{
    switch (family) {
    case NodeFamily::Trigger: return NodePalette::tr("Triggers");
    case NodeFamily::Compute: return NodePalette::tr("Compute");
    case NodeFamily::Flow: return NodePalette::tr("Flow");
    case NodeFamily::Resource: return NodePalette::tr("Resources");
    }
    return {};
}

} // namespace

NodePalette::NodePalette(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new PaletteTree(this))
{
    m_filter->setPlaceholderText(tr("Filter node kinds…"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Node kinds"));
    m_filter->setAccessibleName(tr("Filter node kinds"));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setIconSize(QSize(20, 20));
    m_tree->setRootIsDecorated(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    for (NodeFamily family : {NodeFamily::Trigger, NodeFamily::Compute, NodeFamily::Flow, NodeFamily::Resource}) {
        auto *group = new QTreeWidgetItem(m_tree, {familyTitle(family)});
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setData(0, kFamilyRole, int(family));
        for (const NodeKindSpec &spec : NodeKindRegistry::instance().kinds()) {
            if (spec.family != family)
                continue;
            auto *item = new QTreeWidgetItem(group, {kindText(spec.label)});
            item->setData(0, kKindRole, QString::fromStdString(spec.kind));
            // The icons are white line art for the node headers: show them on the family colour.
            QPixmap tile(40, 40);
            tile.fill(Qt::transparent);
            {
                QPainter p(&tile);
                p.setRenderHint(QPainter::Antialiasing);
                p.setBrush(familyColor(family));
                p.setPen(Qt::NoPen);
                p.drawRoundedRect(QRectF(0, 0, 40, 40), 8, 8);
                kindIcon(spec.kind).paint(&p, QRect(6, 6, 28, 28));
            }
            item->setIcon(0, QIcon(tile));
            item->setToolTip(0, QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                                    .arg(kindText(spec.label).toHtmlEscaped(), kindText(spec.description).toHtmlEscaped(),
                                         tr("AWS: %1").arg(kindText(spec.awsEquivalent).toHtmlEscaped())));
            item->setStatusTip(0, kindText(spec.description));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_tree->expandAll();
    colourHeadings();
    connect(m_filter, &QLineEdit::textChanged, this, &NodePalette::applyFilter);
    m_filter->installEventFilter(this);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, kKindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
}

bool NodePalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        const QStringList kinds = visibleKinds();
        QTreeWidgetItem *first = nullptr;
        for (QTreeWidgetItemIterator it(m_tree); *it && !first && !kinds.isEmpty(); ++it) {
            if ((*it)->data(0, kKindRole).toString() == kinds.front())
                first = *it;
        }
        if (first && key == Qt::Key_Down) {
            m_tree->setCurrentItem(first);
            m_tree->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (first && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            m_tree->setCurrentItem(first);
            Q_EMIT kindActivated(kinds.front());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NodePalette::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        colourHeadings();
}

void NodePalette::colourHeadings()
{
    const QColor base = m_tree->palette().color(QPalette::Base);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = m_tree->topLevelItem(i);
        group->setForeground(0, readableOn(familyColor(NodeFamily(group->data(0, kFamilyRole).toInt())), base));
    }
}

void NodePalette::applyFilter(const QString &text)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        bool any = false;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
                               || item->data(0, kKindRole).toString().contains(text, Qt::CaseInsensitive)
                               || item->toolTip(0).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            any = any || match;
        }
        group->setHidden(!any);
    }
}

QStringList NodePalette::visibleKinds() const
{
    QStringList kinds;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (!group->isHidden() && !group->child(i)->isHidden())
                kinds << group->child(i)->data(0, kKindRole).toString();
        }
    }
    return kinds;
}

} // namespace stratus::editor
