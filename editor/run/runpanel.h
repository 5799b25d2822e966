#pragma once

// The Run panel: whether the workspace runs and where (the gateway's URL and
// each route, copyable as a URL or a curl line), what the engine warned of,
// and the run paused at a breakpoint: its node, its incoming event (editable)
// and Step / Continue / Abort.

#include "engine/run/executor.h"
#include "engine/run/workspaceserver.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace stratus::editor {

class JsonEditor;

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget *parent = nullptr);

    void showStopped(const QString &why = {});
    void showRunning(const QString &url, const std::vector<engine::run::WorkspaceServer::RouteInfo> &routes,
                     const QString &servicesUrl = {});
    void addMessage(const QString &text);
    /// The paused run shown (none: the pause area is hidden).
    void showPause(const std::optional<engine::run::PauseInfo> &pause, int othersPaused);
    const std::optional<engine::run::PauseInfo> &pause() const { return m_pause; }

    QLabel *state() const { return m_state; }
    QTreeWidget *routes() const { return m_routes; }
    JsonEditor *pausedEvent() const { return m_event; }
    QPlainTextEdit *messages() const { return m_messages; }
    /// "curl -i -X POST http://127.0.0.1:PORT/path" for the route in row `row`.
    QString curlLine(int row) const;

Q_SIGNALS:
    void stepRequested();
    void continueRequested();
    void abortRequested();

private:
    QLabel *m_state;
    QTreeWidget *m_routes;
    QWidget *m_pauseArea;
    QLabel *m_pauseTitle;
    JsonEditor *m_event;
    QPlainTextEdit *m_messages;
    std::optional<engine::run::PauseInfo> m_pause;
    QString m_url;
};

} // namespace stratus::editor
