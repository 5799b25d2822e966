#pragma once

// The Data panel: what a queue, bucket or table node holds, shown from the
// workspace's own data (read only, the workspace running or not), and
// changed while it runs through the local AWS endpoints, so that every
// change is a write like any other: the same stream records, notifications
// and deliveries, and runs recorded in the history. Data is not design: its
// changes are not on the undo stack.

#include "engine/model/json.h"
#include "engine/model/workflow.h"

#include <QString>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTreeWidget;

namespace stratus::editor {

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(QWidget *parent = nullptr);

    /// Shows `node` (a queue, bucket or table of `design`, saved in
    /// `workspaceFile`); any other node, or none, shows a hint.
    void showResource(const QString &workspaceFile, const engine::Workspace &design, const engine::Node *node);
    /// The running workspace's AWS endpoint; empty while it does not run
    /// (then the data is only shown).
    void setServicesUrl(const QString &url);
    /// Reads the data again.
    void refresh();

    // What the buttons do, also for the keyboard and the tests.
    /// Writes a table item (plain JSON, as `stratus table` shows it).
    void putItem(const engine::Json &item);
    /// Writes a file of this machine into the bucket as `key`.
    void uploadFile(const QString &localPath, const QString &key);
    void sendMessage(const QString &body);
    void purgeQueue();
    /// Deletes the selected items or objects.
    void deleteSelected();

    QTreeWidget *list() const { return m_list; }
    QLabel *status() const { return m_status; }
    QCheckBox *deadToggle() const { return m_dead; }

Q_SIGNALS:
    /// A change was answered by the endpoint (`ok` false: refused, said in status()).
    void changeAnswered(bool ok);

private:
    void updateButtons();
    void addOrEdit(bool edit);
    void uploadChosen();
    void sendTyped();
    void openSelected();
    /// One request to the endpoint; `done` names what was done for the status line.
    void call(const QString &method, const QString &path, const QByteArray &body,
              const std::vector<std::pair<QByteArray, QByteArray>> &headers, const QString &done);
    void callJson(const char *target, const engine::Json &body, const QString &done);
    QString bucketFolder() const;

    QString m_file;
    std::optional<engine::Node> m_node;
    std::string m_region = "us-east-1";
    QString m_servicesUrl;
    QNetworkAccessManager *m_network;
    QLabel *m_title;
    QTreeWidget *m_list;
    QCheckBox *m_dead;
    QPushButton *m_refresh;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_purge;
    QLabel *m_status;
};

} // namespace stratus::editor
