#include "datapanel.h"

#include "editor/qstrings.h"

#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/settings.h"
#include "engine/model/text.h"
#include "engine/run/localresources.h"
#include "engine/services/awsprotocol.h"
#include "engine/services/bucketobjects.h"
#include "engine/services/dynamodb.h"
#include "engine/store/resourcedata.h"
#include "engine/store/workspacestore.h"
#include "engine/triggers/eventshapes.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

constexpr int kShownRows = 1000; // a look at the data, not an export of it

QString shownTime(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
}

QString compact(const Json &value)
{
    return qs(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace

DataPanel::DataPanel(QWidget *parent)
    : QWidget(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_title(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_dead(new QCheckBox(tr("Dead messages"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_add(new QPushButton(this))
    , m_edit(new QPushButton(this))
    , m_remove(new QPushButton(tr("Delete"), this))
    , m_purge(new QPushButton(tr("Purge…"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("dataPanel"));
    m_title->setWordWrap(true);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setUniformRowHeights(true);
    m_list->setAccessibleName(tr("Resource data"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Data status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setToolTip(tr("Delete the selected rows (Del)"));
    m_purge->setToolTip(tr("Delete every message of the queue that is not dead, as SQS's PurgeQueue does"));
    m_dead->setToolTip(tr("Show the messages received maxReceiveCount times without success"));

    auto *buttons = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_refresh, m_add, m_edit, m_remove, m_purge, m_dead})
        buttons->addWidget(w);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);

    connect(m_refresh, &QPushButton::clicked, this, &DataPanel::refresh);
    connect(m_dead, &QCheckBox::toggled, this, &DataPanel::refresh);
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (!m_node)
            return;
        if (m_node->kind == kinds::kTable)
            addOrEdit(false);
        else if (m_node->kind == kinds::kBucket)
            uploadChosen();
        else
            sendTyped();
    });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (m_node && m_node->kind == kinds::kTable)
            addOrEdit(true);
        else
            openSelected();
    });
    connect(m_remove, &QPushButton::clicked, this, &DataPanel::deleteSelected);
    connect(m_purge, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Purge Queue"),
                                  tr("Delete every message of queue %1 that is not dead?").arg(qs(m_node->name)))
            == QMessageBox::Yes)
            purgeQueue();
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { m_edit->click(); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &DataPanel::updateButtons);
    showResource({}, Workspace{}, nullptr);
}

void DataPanel::showResource(const QString &workspaceFile, const Workspace &design, const Node *node)
{
    m_file = workspaceFile;
    m_region = textSetting(design.settings, "region", "us-east-1");
    if (node && kinds::isResource(node->kind))
        m_node = *node;
    else
        m_node.reset();
    refresh();
}

void DataPanel::setServicesUrl(const QString &url)
{
    m_servicesUrl = url;
    updateButtons();
}

QString DataPanel::bucketFolder() const
{
    return m_node ? qs(run::LocalResources::bucketFolder(m_file.toStdString(), *m_node)) : QString();
}

void DataPanel::refresh()
{
    m_list->clear();
    m_dead->setVisible(m_node && m_node->kind == kinds::kQueue);
    m_purge->setVisible(m_node && m_node->kind == kinds::kQueue);
    if (!m_node) {
        m_title->setText(tr("Select a queue, bucket or table to see what it holds."));
        m_list->setHeaderLabels({QString()});
        updateButtons();
        return;
    }
    const std::string &name = m_node->name;
    // The data as the file holds it; a workspace never run holds none yet.
    std::optional<ResourceData> data;
    if (m_node->kind != kinds::kBucket && !m_file.isEmpty()) {
        auto store = WorkspaceStore::open(m_file.toStdString(), WorkspaceStore::Access::ReadOnly);
        if (store && store->schemaVersionOnDisk() >= 5) {
            auto opened = ResourceData::open(m_file.toStdString(), ResourceData::Access::ReadOnly);
            if (opened)
                data = opened.take();
        }
    }
    QString problem;
    if (m_node->kind == kinds::kTable) {
        const std::vector<std::string> keys = services::DynamoDb::keyNames(*m_node);
        m_title->setText(tr("Table <b>%1</b>, keyed by %2").arg(qs(name).toHtmlEscaped(), qs(joined(keys)).toHtmlEscaped()));
        m_list->setHeaderLabels({tr("Key"), tr("Item")});
        if (data) {
            auto items = data->items(name);
            if (!items)
                problem = qs(items.status().message());
            for (size_t i = 0; items && i < items->size() && i < size_t(kShownRows); ++i) {
                const Json plain = shapes::fromItem((*items)[i]);
                QStringList key;
                for (const std::string &k : keys)
                    key << compact(memberOf(plain, k.c_str()));
                auto *row = new QTreeWidgetItem(m_list, {key.join(QStringLiteral(" · ")), compact(plain)});
                row->setData(0, Qt::UserRole, compact(plain));
            }
        }
    } else if (m_node->kind == kinds::kBucket) {
        const QString folder = bucketFolder();
        m_title->setText(tr("Bucket <b>%1</b>, in %2").arg(qs(name).toHtmlEscaped(), folder.toHtmlEscaped()));
        m_list->setHeaderLabels({tr("Key"), tr("Size"), tr("Modified")});
        const auto files = services::objectFiles(folder.toStdString());
        for (size_t i = 0; i < files.size() && i < size_t(kShownRows); ++i) {
            auto *row = new QTreeWidgetItem(m_list, {qs(files[i].key), QLocale().formattedDataSize(files[i].size),
                                                     shownTime(files[i].modifiedMs)});
            row->setData(0, Qt::UserRole, qs(files[i].key));
            row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
    } else {
        const bool dead = m_dead->isChecked();
        m_title->setText(dead ? tr("Queue <b>%1</b>: its dead messages").arg(qs(name).toHtmlEscaped())
                              : tr("Queue <b>%1</b>: its messages, waiting or in flight").arg(qs(name).toHtmlEscaped()));
        m_list->setHeaderLabels({tr("Sent"), tr("Body"), tr("Receives"), tr("Message id")});
        if (data) {
            auto messages = data->peek(name, dead, kShownRows);
            if (!messages)
                problem = qs(messages.status().message());
            for (const QueueMessageRow &m : messages ? *messages : std::vector<QueueMessageRow>{}) {
                auto *row = new QTreeWidgetItem(
                    m_list, {shownTime(m.sentAtMs), qs(printable(m.body.substr(0, 500))), QString::number(m.receiveCount),
                             qs(m.messageId)});
                row->setToolTip(1, qs(printable(m.body.substr(0, 4000))));
            }
        }
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    if (!problem.isEmpty())
        m_status->setText(tr("Cannot read the data: %1").arg(problem));
    else if (m_list->topLevelItemCount() >= kShownRows)
        m_status->setText(tr("The first %1 shown.").arg(kShownRows));
    updateButtons();
}

void DataPanel::updateButtons()
{
    const bool running = !m_servicesUrl.isEmpty();
    const bool any = m_node.has_value();
    const bool selected = !m_list->selectedItems().isEmpty();
    const QString kind = any ? qs(m_node->kind) : QString();
    m_add->setText(kind == QLatin1String("bucket") ? tr("Upload…") : kind == QLatin1String("queue") ? tr("Send…") : tr("Add…"));
    m_edit->setText(kind == QLatin1String("bucket") ? tr("Open") : tr("Edit…"));
    m_refresh->setEnabled(any);
    const bool queueDead = kind == QLatin1String("queue") && m_dead->isChecked();
    m_add->setEnabled(any && running && !queueDead);
    m_edit->setEnabled(any && selected && (kind == QLatin1String("bucket") || (kind == QLatin1String("table") && running)));
    m_edit->setVisible(kind != QLatin1String("queue"));
    m_remove->setEnabled(any && selected && running && kind != QLatin1String("queue"));
    m_remove->setVisible(kind != QLatin1String("queue"));
    m_purge->setEnabled(running && !queueDead);
    const QString why = tr("Run the workspace (F5) to change its data: changes go through its local AWS endpoint, "
                           "and make the same events as any write");
    for (QPushButton *b : {m_add, m_remove, m_purge})
        b->setToolTip(running ? QString() : why);
    if (any && !running && m_status->text().isEmpty())
        m_status->setText(tr("Shown as saved. %1.").arg(why));
    if (running && m_status->text().startsWith(tr("Shown as saved.")))
        m_status->clear();
}

// ---- changes, through the endpoint --------------------------------------------

void DataPanel::call(const QString &method, const QString &path, const QByteArray &body,
                     const std::vector<std::pair<QByteArray, QByteArray>> &headers, const QString &done)
{
    if (m_servicesUrl.isEmpty()) {
        m_status->setText(tr("Not running: run the workspace (F5) to change its data."));
        Q_EMIT changeAnswered(false);
        return;
    }
    QNetworkRequest request(QUrl(m_servicesUrl + path));
    // The endpoint tells services apart by the signing scope, as AWS's SDKs sign.
    const QByteArray service = m_node->kind == kinds::kTable ? "dynamodb" : m_node->kind == kinds::kBucket ? "s3" : "sqs";
    request.setRawHeader("Authorization", "AWS4-HMAC-SHA256 Credential=stratus-studio/20260101/"
                                              + QByteArray::fromStdString(m_region) + "/" + service
                                              + "/aws4_request, SignedHeaders=host, Signature=0");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network->sendCustomRequest(request, method.toLatin1(), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        const bool ok = status >= 200 && status < 300;
        if (ok) {
            m_status->setText(done);
        } else {
            // The service's own message: XML <Message> (S3) or JSON "message" (DynamoDB, SQS).
            QString message = reply->errorString();
            if (const qsizetype at = answer.indexOf("<Message>"); at >= 0)
                message = QString::fromUtf8(answer.mid(at + 9, answer.indexOf("</Message>") - at - 9));
            else if (auto parsed = parseJson(answer.toStdString()); parsed && memberOf(*parsed, "message").is_string())
                message = qs((*parsed)["message"].get<std::string>());
            m_status->setText(tr("Refused: %1").arg(message));
        }
        refresh();
        Q_EMIT changeAnswered(ok);
    });
}

void DataPanel::callJson(const char *target, const Json &body, const QString &done)
{
    call(QStringLiteral("POST"), QStringLiteral("/"), QByteArray::fromStdString(body.dump()),
         {{"X-Amz-Target", target}, {"Content-Type", "application/x-amz-json-1.0"}}, done);
}

void DataPanel::putItem(const Json &item)
{
    if (!m_node || m_node->kind != kinds::kTable)
        return;
    auto typed = shapes::toItem(item);
    if (!typed) {
        m_status->setText(tr("Not an item: %1").arg(qs(typed.status().message())));
        Q_EMIT changeAnswered(false);
        return;
    }
    callJson("DynamoDB_20120810.PutItem", Json{{"TableName", m_node->name}, {"Item", *typed}},
             tr("Item %1 written into %2.").arg(compact(item).left(80), qs(m_node->name)));
}

void DataPanel::uploadFile(const QString &localPath, const QString &key)
{
    QFile file(localPath);
    if (!m_node || m_node->kind != kinds::kBucket || !file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(localPath, file.errorString()));
        Q_EMIT changeAnswered(false);
        return;
    }
    const std::string path = "/" + services::urlEncoded(m_node->name, false) + "/" + services::urlEncoded(key.toStdString(), true);
    call(QStringLiteral("PUT"), qs(path), file.readAll(), {}, tr("Uploaded %1 as %2.").arg(QFileInfo(localPath).fileName(), key));
}

void DataPanel::sendMessage(const QString &body)
{
    if (!m_node || m_node->kind != kinds::kQueue)
        return;
    callJson("AmazonSQS.SendMessage",
             Json{{"QueueUrl", queueUrl(m_servicesUrl.toStdString(), m_region, m_node->name)}, {"MessageBody", body.toStdString()}},
             tr("Message sent to %1.").arg(qs(m_node->name)));
}

void DataPanel::purgeQueue()
{
    if (!m_node || m_node->kind != kinds::kQueue)
        return;
    callJson("AmazonSQS.PurgeQueue", Json{{"QueueUrl", queueUrl(m_servicesUrl.toStdString(), m_region, m_node->name)}},
             tr("Queue %1 purged.").arg(qs(m_node->name)));
}

void DataPanel::deleteSelected()
{
    if (!m_node)
        return;
    for (QTreeWidgetItem *row : m_list->selectedItems()) {
        const QString value = row->data(0, Qt::UserRole).toString();
        if (m_node->kind == kinds::kTable) {
            auto item = parseJson(value.toStdString());
            auto typed = item ? shapes::toItem(*item) : Result<Json>(item.status());
            if (!typed)
                continue;
            Json key = Json::object();
            for (const std::string &k : services::DynamoDb::keyNames(*m_node))
                key[k] = memberOf(*typed, k.c_str());
            callJson("DynamoDB_20120810.DeleteItem", Json{{"TableName", m_node->name}, {"Key", key}},
                     tr("Item deleted from %1.").arg(qs(m_node->name)));
        } else if (m_node->kind == kinds::kBucket) {
            const std::string path = "/" + services::urlEncoded(m_node->name, false) + "/"
                                     + services::urlEncoded(value.toStdString(), true);
            call(QStringLiteral("DELETE"), qs(path), {}, {}, tr("Deleted %1.").arg(value));
        }
    }
}

void DataPanel::addOrEdit(bool edit)
{
    QString text = QStringLiteral("{\n  \n}");
    if (edit) {
        const auto rows = m_list->selectedItems();
        if (rows.isEmpty())
            return;
        auto parsed = parseJson(rows.front()->data(0, Qt::UserRole).toString().toStdString());
        if (parsed)
            text = qs(parsed->dump(2));
    }
    bool ok = false;
    const QString entered = QInputDialog::getMultiLineText(
        this, edit ? tr("Edit Item") : tr("Add Item"),
        tr("The item as JSON (its key: %1). Writing it replaces the item of that key.")
            .arg(qs(joined(services::DynamoDb::keyNames(*m_node)))),
        text, &ok);
    if (!ok)
        return;
    auto item = parseJson(entered.toStdString());
    if (!item || !item->is_object()) {
        m_status->setText(item ? tr("An item is a JSON object.") : tr("Not JSON: %1").arg(qs(item.status().message())));
        return;
    }
    putItem(*item);
}

void DataPanel::uploadChosen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Upload into %1").arg(qs(m_node->name)));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString key = QInputDialog::getText(this, tr("Upload"), tr("Key:"), QLineEdit::Normal, QFileInfo(path).fileName(), &ok);
    if (ok && !key.isEmpty())
        uploadFile(path, key);
}

void DataPanel::sendTyped()
{
    bool ok = false;
    const QString body = QInputDialog::getMultiLineText(this, tr("Send Message"), tr("Body of the message to %1:").arg(qs(m_node->name)),
                                                        QString(), &ok);
    if (ok && !body.isEmpty())
        sendMessage(body);
}

void DataPanel::openSelected()
{
    const auto rows = m_list->selectedItems();
    if (rows.isEmpty() || !m_node || m_node->kind != kinds::kBucket)
        return;
    auto path = services::objectPath(bucketFolder().toStdString(), rows.front()->data(0, Qt::UserRole).toString().toStdString(), false);
    if (path)
        QDesktopServices::openUrl(QUrl::fromLocalFile(qs(path->string())));
}

} // namespace stratus::editor
