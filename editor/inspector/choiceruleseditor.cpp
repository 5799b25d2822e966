#include "choiceruleseditor.h"

#include "editor/qstrings.h"
#include "engine/model/choicerule.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>


namespace stratus::editor {

using namespace stratus::engine;

namespace {

constexpr int kKindRole = Qt::UserRole;
constexpr int kOperatorRole = Qt::UserRole + 1;
const QString kGroup = QStringLiteral("group");
const QString kComparison = QStringLiteral("comparison");
const QStringList kGroupOperators = {QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not")};

bool isGroup(const QTreeWidgetItem *item)
{
    return item && item->data(0, kKindRole).toString() == kGroup;
}

const ChoiceOperator *findOperator(const std::string &name)
{
    for (const ChoiceOperator &op : choiceOperators()) {
        if (name == op.name)
            return &op;
    }
    return nullptr;
}

/// A comparison's value as typed: a number or true/false where the operator
/// takes one, else the text. What does not fit stays text, for validation
/// to name.
Json parseValue(const QString &text, const std::string &op)
{
    const ChoiceOperator *spec = findOperator(op);
    const ChoiceOperand operand = spec ? spec->operand : ChoiceOperand::String;
    if (operand == ChoiceOperand::Number) {
        const Json number = Json::parse(text.trimmed().toStdString(), nullptr, false);
        if (number.is_number())
            return number;
    } else if (operand == ChoiceOperand::Boolean) {
        if (text.trimmed() == QLatin1String("true"))
            return true;
        if (text.trimmed() == QLatin1String("false"))
            return false;
    }
    return text.toStdString();
}

QString valueText(const Json &value)
{
    return value.is_string() ? qs(value.get<std::string>()) : qs(value.dump());
}

QString groupLabel(const QString &op)
{
    if (op == QLatin1String("and"))
        return ChoiceRulesEditor::tr("all of (and)");
    if (op == QLatin1String("or"))
        return ChoiceRulesEditor::tr("any of (or)");
    return ChoiceRulesEditor::tr("not");
}

/// Only the cells that mean something are edited: a rule's port, a
/// comparison's variable and value (operators have their boxes).
class CellDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        const bool group = index.siblingAtColumn(0).data(kKindRole).toString() == kGroup;
        const bool editable = index.column() == ChoiceRulesEditor::PortColumn
                                  ? !index.parent().isValid()
                                  : index.column() != ChoiceRulesEditor::OperatorColumn && !group;
        if (!editable)
            return nullptr;
        if (index.column() == ChoiceRulesEditor::ValueColumn && takesBoolean(index)) {
            // Two values only: chosen, not typed (QComboBox's user property, currentText, carries it).
            auto *box = new QComboBox(parent);
            box->addItems({QStringLiteral("true"), QStringLiteral("false")});
            box->setAccessibleName(ChoiceRulesEditor::tr("Value"));
            return box;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        // A value that is neither (typed under another operator) is offered as
        // it is, so that leaving the box never changes it: validation names it.
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            const QString text = index.data(Qt::DisplayRole).toString();
            if (box->findText(text) < 0)
                box->insertItem(0, text);
            box->setCurrentText(text);
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }

private:
    static bool takesBoolean(const QModelIndex &index)
    {
        const ChoiceOperator *op = findOperator(index.siblingAtColumn(0).data(kOperatorRole).toString().toStdString());
        return op && op->operand == ChoiceOperand::Boolean;
    }
};

} // namespace

ChoiceRulesEditor::ChoiceRulesEditor(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_addRule(new QPushButton(tr("Add Rule"), this))
    , m_addCondition(new QPushButton(tr("Add Condition"), this))
    , m_and(new QPushButton(tr("And"), this))
    , m_or(new QPushButton(tr("Or"), this))
    , m_not(new QPushButton(tr("Not"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Up"), this))
    , m_down(new QPushButton(tr("Down"), this))
{
    m_tree->setAccessibleName(tr("Choice rules"));
    m_tree->setHeaderLabels({tr("Port"), tr("Variable"), tr("Operator"), tr("Value")});
    m_tree->setItemDelegate(new CellDelegate(m_tree));
    m_tree->setToolTip(tr("Rules are tried in order; the first whose condition holds sends the event to its "
                          "port, else it leaves by default. Double-click a cell to edit it."));
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(PortColumn, 90);
    m_tree->setColumnWidth(VariableColumn, 110);
    m_tree->setColumnWidth(OperatorColumn, 170);
    m_tree->setMinimumHeight(200);
    m_addCondition->setToolTip(tr("Add a comparison to the selected group (a comparison becomes an "
                                  "'all of' group with the new one)"));
    m_and->setToolTip(tr("Put the selected condition in an 'all of' (and) group"));
    m_or->setToolTip(tr("Put the selected condition in an 'any of' (or) group"));
    m_not->setToolTip(tr("Negate the selected condition"));
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_addRule, 0, 0);
    buttons->addWidget(m_addCondition, 0, 1);
    buttons->addWidget(m_remove, 0, 2);
    buttons->addWidget(m_up, 0, 3);
    buttons->addWidget(m_and, 1, 0);
    buttons->addWidget(m_or, 1, 1);
    buttons->addWidget(m_not, 1, 2);
    buttons->addWidget(m_down, 1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_addRule, &QPushButton::clicked, this, &ChoiceRulesEditor::addRule);
    connect(m_addCondition, &QPushButton::clicked, this, &ChoiceRulesEditor::addCondition);
    connect(m_and, &QPushButton::clicked, this, [this] { group(QStringLiteral("and")); });
    connect(m_or, &QPushButton::clicked, this, [this] { group(QStringLiteral("or")); });
    connect(m_not, &QPushButton::clicked, this, [this] { group(QStringLiteral("not")); });
    connect(m_remove, &QPushButton::clicked, this, &ChoiceRulesEditor::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] { changed(); });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ChoiceRulesEditor::updateButtons);
    updateButtons();
}

QTreeWidgetItem *ChoiceRulesEditor::makeRow(QTreeWidgetItem *parent, int index, const QString &kind,
                                            const QString &op)
{
    auto *item = new QTreeWidgetItem;
    item->setData(0, kKindRole, kind);
    item->setData(0, kOperatorRole, op);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    if (parent)
        parent->insertChild(index, item);
    else
        m_tree->insertTopLevelItem(index, item);
    attachOperatorBox(item);
    item->setExpanded(true);
    return item;
}

void ChoiceRulesEditor::attachOperatorBox(QTreeWidgetItem *item)
{
    auto *box = new QComboBox(m_tree);
    if (isGroup(item)) {
        for (const QString &op : kGroupOperators)
            box->addItem(groupLabel(op), op);
    } else {
        for (const ChoiceOperator &op : choiceOperators())
            box->addItem(qs(op.name), qs(op.name));
    }
    box->setCurrentIndex(std::max(0, box->findData(item->data(0, kOperatorRole))));
    box->setAccessibleName(tr("Operator"));
    connect(box, &QComboBox::currentIndexChanged, this, [this, item, box] {
        if (!m_showing)
            setOperator(item, box->currentData().toString());
    });
    m_tree->setItemWidget(item, OperatorColumn, box);
}

void ChoiceRulesEditor::attachOperatorBoxes(QTreeWidgetItem *item)
{
    attachOperatorBox(item);
    for (int i = 0; i < item->childCount(); ++i)
        attachOperatorBoxes(item->child(i));
}

void ChoiceRulesEditor::setOperator(QTreeWidgetItem *item, const QString &op)
{
    if (!item || item->data(0, kOperatorRole).toString() == op)
        return;
    item->setData(0, kOperatorRole, op);
    if (auto *box = qobject_cast<QComboBox *>(m_tree->itemWidget(item, OperatorColumn))) {
        const bool was = m_showing;
        m_showing = true;
        box->setCurrentIndex(std::max(0, box->findData(op)));
        m_showing = was;
    }
    changed();
}

bool ChoiceRulesEditor::showCondition(QTreeWidgetItem *item, const Json &condition)
{
    // Called with a fresh item: it becomes the condition's row.
    if (!condition.is_object())
        return false;
    for (const QString &op : kGroupOperators) {
        const auto it = condition.find(op.toStdString());
        if (it == condition.end())
            continue;
        if (condition.size() != 1)
            return false;
        item->setData(0, kKindRole, kGroup);
        item->setData(0, kOperatorRole, op);
        const Json children = op == QLatin1String("not") ? Json::array({*it}) : *it;
        if (!children.is_array())
            return false;
        for (const Json &child : children) {
            auto *row = new QTreeWidgetItem(item);
            row->setFlags(row->flags() | Qt::ItemIsEditable);
            if (!showCondition(row, child))
                return false;
        }
        item->setExpanded(true);
        return true;
    }
    // A comparison: the variable and exactly one operator.
    if (condition.size() != 2 || !condition.contains("variable") || !condition["variable"].is_string())
        return false;
    for (auto it = condition.begin(); it != condition.end(); ++it) {
        if (it.key() == "variable")
            continue;
        if (!findOperator(it.key()) || it.value().is_structured())
            return false;
        item->setData(0, kKindRole, kComparison);
        item->setData(0, kOperatorRole, qs(it.key()));
        item->setText(VariableColumn, qs(condition["variable"].get<std::string>()));
        item->setText(ValueColumn, valueText(it.value()));
    }
    return true;
}

bool ChoiceRulesEditor::setRules(const Json &rules)
{
    if (rules == this->rules() && m_tree->topLevelItemCount() > 0)
        return true; // what is shown (a row being edited included) stays
    m_showing = true;
    m_tree->clear();
    bool shown = rules.is_array();
    for (size_t i = 0; shown && i < rules.size(); ++i) {
        const Json &rule = rules[i];
        if (!rule.is_object() || rule.size() != 2 || !rule.contains("port") || !rule["port"].is_string()
            || !rule.contains("condition")) {
            shown = false;
            break;
        }
        auto *item = new QTreeWidgetItem(m_tree);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setText(PortColumn, qs(rule["port"].get<std::string>()));
        shown = showCondition(item, rule["condition"]);
    }
    if (!shown) {
        m_tree->clear();
    } else {
        // The operator boxes, once every row is in place.
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
            attachOperatorBoxes(m_tree->topLevelItem(i));
    }
    m_showing = false;
    updateButtons();
    return shown;
}

Json ChoiceRulesEditor::conditionOf(const QTreeWidgetItem *item) const
{
    const std::string op = item->data(0, kOperatorRole).toString().toStdString();
    if (isGroup(item)) {
        Json children = Json::array();
        for (int i = 0; i < item->childCount(); ++i)
            children.push_back(conditionOf(item->child(i)));
        if (op != "not")
            return Json{{op, children}};
        // "not" negates one condition; several are negated together.
        return Json{{"not", children.size() == 1 ? children[0] : Json{{"and", children}}}};
    }
    return Json{{"variable", item->text(VariableColumn).toStdString()},
                {op, parseValue(item->text(ValueColumn), op)}};
}

Json ChoiceRulesEditor::rules() const
{
    Json rules = Json::array();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        rules.push_back({{"port", item->text(PortColumn).toStdString()}, {"condition", conditionOf(item)}});
    }
    return rules;
}

void ChoiceRulesEditor::changed()
{
    if (m_showing)
        return;
    updateButtons();
    Q_EMIT edited(rules());
}

void ChoiceRulesEditor::addRule()
{
    // A port name not taken yet: rule1, rule2, …
    QString port;
    for (int n = m_tree->topLevelItemCount() + 1;; ++n) {
        port = QStringLiteral("rule%1").arg(n);
        if (m_tree->findItems(port, Qt::MatchExactly, PortColumn).isEmpty())
            break;
    }
    addComparison(nullptr, port);
}

void ChoiceRulesEditor::addComparison(QTreeWidgetItem *group, const QString &port)
{
    // A comparison to fill in, selected, at the end of the group (or of the rules).
    m_showing = true;
    QTreeWidgetItem *item = makeRow(group, group ? group->childCount() : m_tree->topLevelItemCount(), kComparison,
                                    QStringLiteral("stringEquals"));
    item->setText(VariableColumn, QStringLiteral("$.value"));
    item->setText(PortColumn, port);
    m_showing = false;
    m_tree->setCurrentItem(item);
    changed();
}

void ChoiceRulesEditor::addCondition()
{
    QTreeWidgetItem *selected = m_tree->currentItem();
    if (!selected)
        return;
    if (!isGroup(selected)) {
        group(QStringLiteral("and"));
        selected = m_tree->currentItem();
    }
    addComparison(selected, QString());
}

void ChoiceRulesEditor::group(const QString &op)
{
    QTreeWidgetItem *selected = m_tree->currentItem();
    if (!selected)
        return;
    // The selected row's condition moves into a new row of the group's kind,
    // which takes its place (and its port, for a rule).
    const Json condition = conditionOf(selected);
    QTreeWidgetItem *parent = selected->parent();
    const int index = parent ? parent->indexOfChild(selected) : m_tree->indexOfTopLevelItem(selected);
    const QString port = selected->text(PortColumn);
    m_showing = true;
    delete selected;
    QTreeWidgetItem *groupItem = makeRow(parent, index, kGroup, op);
    groupItem->setText(PortColumn, port);
    auto *child = new QTreeWidgetItem(groupItem);
    child->setFlags(child->flags() | Qt::ItemIsEditable);
    showCondition(child, condition);
    attachOperatorBoxes(child);
    m_showing = false;
    m_tree->setCurrentItem(groupItem);
    changed();
}

void ChoiceRulesEditor::removeSelected()
{
    QTreeWidgetItem *selected = m_tree->currentItem();
    if (!selected)
        return;
    delete selected;
    changed();
}

void ChoiceRulesEditor::moveSelected(int by)
{
    QTreeWidgetItem *selected = m_tree->currentItem();
    if (!selected)
        return;
    QTreeWidgetItem *parent = selected->parent();
    const int count = parent ? parent->childCount() : m_tree->topLevelItemCount();
    const int from = parent ? parent->indexOfChild(selected) : m_tree->indexOfTopLevelItem(selected);
    const int to = from + by;
    if (to < 0 || to >= count)
        return;
    // Item widgets do not survive a move: the rows are shown again from their JSON.
    Json moved = rules();
    std::vector<int> path; // the selected row's indexes from the top
    for (QTreeWidgetItem *i = selected; i; i = i->parent())
        path.insert(path.begin(), i->parent() ? i->parent()->indexOfChild(i) : m_tree->indexOfTopLevelItem(i));
    if (!parent) {
        std::swap(moved[size_t(from)], moved[size_t(to)]);
    } else {
        // Swap two conditions of a group, found through the same path in the JSON.
        Json *group = &moved[size_t(path[0])]["condition"];
        for (size_t level = 1; level + 1 < path.size(); ++level) {
            Json &children = group->begin().value();
            group = children.is_array() ? &children[size_t(path[level])] : &children;
        }
        Json &children = group->begin().value();
        if (children.is_array())
            std::swap(children[size_t(from)], children[size_t(to)]);
    }
    m_tree->clear();
    setRules(moved);
    // Select the moved row again.
    path.back() = to;
    QTreeWidgetItem *again = m_tree->topLevelItem(path[0]);
    for (size_t level = 1; again && level < path.size(); ++level)
        again = again->child(path[level]);
    m_tree->setCurrentItem(again);
    changed();
}

void ChoiceRulesEditor::updateButtons()
{
    QTreeWidgetItem *selected = m_tree->currentItem();
    for (QPushButton *b : {m_addCondition, m_and, m_or, m_not, m_remove})
        b->setEnabled(selected != nullptr);
    // Up and Down only where the row can go.
    const QTreeWidgetItem *parent = selected ? selected->parent() : nullptr;
    const int index = !selected ? -1 : parent ? parent->indexOfChild(selected) : m_tree->indexOfTopLevelItem(selected);
    const int count = parent ? parent->childCount() : m_tree->topLevelItemCount();
    m_up->setEnabled(index > 0);
    m_down->setEnabled(index >= 0 && index + 1 < count);
}

} // namespace stratus::editor
