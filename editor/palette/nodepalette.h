#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace stratus::editor {

/// Every node kind, grouped by family (Triggers, Compute, Flow, Resources),
/// with its icon and a one-sentence tooltip, and a filter box. Drag a kind
/// onto the canvas, or activate it (double-click, Enter) to add it at the
/// centre of the view.
class NodePalette : public QWidget
{
    Q_OBJECT

public:
    explicit NodePalette(QWidget *parent = nullptr);

    QLineEdit *filterBox() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }
    /// The kinds shown under the current filter.
    QStringList visibleKinds() const;

Q_SIGNALS:
    void kindActivated(const QString &kind);

protected:
    void changeEvent(QEvent *event) override;
    /// In the filter box, Down goes to the first kind shown and Return adds it.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter(const QString &text);
    /// The families' headings in their colours, readable on the palette's base.
    void colourHeadings();

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace stratus::editor
