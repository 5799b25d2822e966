#pragma once

// The rule builder of a choice node: one row a rule (its port, and its
// condition), a condition being a comparison (variable path, operator from
// Step Functions' list, value) or a group (all of / any of / not) whose
// conditions are the rows under it. Rules and conditions are added,
// removed, reordered and grouped with the buttons under the tree.

#include "engine/model/json.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace stratus::editor {

class ChoiceRulesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ChoiceRulesEditor(QWidget *parent = nullptr);

    /// Shows `rules`; false (and nothing shown) when they hold something the
    /// builder cannot show (the raw JSON then serves).
    bool setRules(const engine::Json &rules);
    engine::Json rules() const;

    QTreeWidget *tree() const { return m_tree; }
    /// The buttons' actions, on the selected row.
    void addRule();
    void addCondition();
    /// Puts the selected condition in a new group: "and", "or" or "not".
    void group(const QString &op);
    void removeSelected();
    void moveSelected(int by);
    /// Sets the operator of a row ("numericGreaterThan", or for a group "and").
    void setOperator(QTreeWidgetItem *item, const QString &op);

    enum Column { PortColumn, VariableColumn, OperatorColumn, ValueColumn };

Q_SIGNALS:
    void edited(const stratus::engine::Json &rules);

private:
    /// A new row (a comparison or a group) with its operator box.
    QTreeWidgetItem *makeRow(QTreeWidgetItem *parent, int index, const QString &kind, const QString &op);
    bool showCondition(QTreeWidgetItem *item, const engine::Json &condition);
    void attachOperatorBox(QTreeWidgetItem *item);
    void attachOperatorBoxes(QTreeWidgetItem *item);
    void addComparison(QTreeWidgetItem *group, const QString &port);
    engine::Json conditionOf(const QTreeWidgetItem *item) const;
    void changed();
    void updateButtons();

    QTreeWidget *m_tree;
    QPushButton *m_addRule;
    QPushButton *m_addCondition;
    QPushButton *m_and;
    QPushButton *m_or;
    QPushButton *m_not;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    bool m_showing = false;
};

} // namespace stratus::editor
