#pragma once

#include "engine/model/workflow.h"

#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace stratus::editor {

class WorkflowScene;

/// Edit → Wire Selected Node (Ctrl+E): the keyboard's way to draw a wire.
/// It lists every wire the model would accept between the selected node and
/// another ("ok → save-order (in)", "in ← orders-api (event)"), filtered as
/// the user types; accepting one wires it through the scene, as a drag does.
class WireDialog : public QDialog
{
    Q_OBJECT

public:
    WireDialog(WorkflowScene *scene, const engine::NodeId &node, QWidget *parent = nullptr);

    QLineEdit *filter() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    /// How many wires the list offers, before filtering.
    size_t candidateCount() const { return m_candidates.size(); }

    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Candidate
    {
        engine::PortRef from;
        engine::PortRef to;
    };
    void applyFilter(const QString &text);

    WorkflowScene *m_scene;
    std::vector<Candidate> m_candidates;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace stratus::editor
