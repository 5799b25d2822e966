#pragma once

// A workspace, running: the executor, the HTTP gateway in front of its HTTP
// triggers, its schedules and its resources, and a watch on the workspace
// file that reloads the design when it is saved. `stratus serve`, `stratus
// send` and the studio's Run all start one of these.

#include "executor.h"
#include "localresources.h"
#include "runlease.h"

#include "engine/model/schedule.h"
#include "engine/model/settings.h"
#include "engine/model/status.h"
#include "engine/services/servicesserver.h"
#include "engine/triggers/gateway.h"
#include "engine/triggers/httpapi.h"

#include <QDateTime>
#include <QObject>
#include <QTimeZone>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stratus::engine::run {

/// Serves this thread's events for `ms` milliseconds (for callers that wait
/// on runs without a loop of their own: the CLI).
void waitForEvents(int ms);

class WorkspaceServer : public QObject, public services::Backend
{
    Q_OBJECT
public:
    struct Options
    {
        Executor::Options executor;
        std::optional<std::string> host; ///< overrides settings.gateway.host
        std::optional<int> port;         ///< overrides settings.gateway.port
        std::optional<int> servicesPort; ///< overrides settings.services.port
        /// Where the gateway listens when settings.gateway does not say.
        GatewaySettings defaultGateway;
        /// Start the local AWS endpoints (serve and the studio on the
        /// workspace's port; send and debug on a free one, for their run).
        bool services = true;
        bool listen = true;              ///< start the gateway (send does not)
        bool schedules = true;           ///< fire schedule triggers (send does not)
        int reloadPollMs = 500;          ///< how often the file is checked for a saved design
        /// The time schedules fire by (UTC); tests inject their own and call checkSchedules().
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
    };

    /// One HTTP route as the gateway serves it.
    struct RouteInfo
    {
        std::string method;
        std::string path;
        WorkflowId workflow;
        NodeId trigger;
        std::string triggerName;
    };

    explicit WorkspaceServer(Options options, QObject *parent = nullptr);
    ~WorkspaceServer() override;

    /// Loads the workspace file named in options.executor.workspaceFile and
    /// starts everything. Fails with every validation error of the workspace
    /// (one per line), or naming what could not start.
    Status start();
    /// Stops accepting, lets runs in flight end (at most `graceMs`), then
    /// stops instances and writes the history.
    void stop(int graceMs = kStopGraceMs);

    /// How long stop() lets runs in flight end before it stops them.
    static constexpr int kStopGraceMs = 1500;

    /// Valid after start() succeeded (and while a replaced file could be run).
    Executor &executor() { return *m_executor; }
    /// What the executor reports to, from start() on.
    void setObserver(Executor::Observer observer);
    LocalResources *resources() { return m_resources.get(); }
    /// No run in flight and nothing left for the resources to deliver now.
    bool isQuiet();
    const Gateway *gateway() const { return m_gateway.get(); }
    /// The local AWS endpoints' base URL ("http://HOST:PORT"); empty when none run.
    std::string servicesUrl() const { return m_services ? m_services->url() : std::string(); }

    // services::Backend
    /// The design running now; none when no file could be run.
    std::shared_ptr<const Workspace> design() const override;
    ResourceData *data() override { return m_resources ? m_resources->data() : nullptr; }
    void changed() override;
    std::string bucketFolder(const Node &bucket) const override;
    Result<std::string> putObject(const Node &bucket, const std::string &key, std::string_view body) override;
    Result<bool> deleteObject(const Node &bucket, const std::string &key) override;
    std::vector<RouteInfo> routes() const { return m_routeInfo; }

    /// The event a trigger makes by itself (send without --event): a manual
    /// trigger's configured event, a schedule's Scheduled Event for now.
    Result<Json> defaultEvent(const Workflow &workflow, const Node &trigger) const;
    /// For an HTTP trigger: the 2.0 (or 1.0) event for a request description
    /// {"method", "path", "query", "headers", "body"}, or `event` itself when
    /// it already is a full event.
    Result<Json> httpEvent(const Workflow &workflow, const Node &trigger, const Json &description) const;
    /// The HTTP answer a run's outcome gives, by the trigger's payload format.
    static http::Response httpAnswer(const Node &trigger, const RunOutcome &outcome);

    /// Fires every enabled schedule that is due by the clock (once each: a
    /// schedule missed while nothing ran is not made up, as EventBridge
    /// does not), then waits for the next one.
    void checkSchedules();
    /// Looks at the workspace file now: a saved design is reloaded, a
    /// replaced file followed, and askers of who runs the file answered (a
    /// timer calls it every reloadPollMs; tests call it directly).
    void checkForSavedDesign();

Q_SIGNALS:
    /// The gateway answered a request (with `status`, after `microseconds`).
    void requestAnswered(const QString &method, const QString &path, int status, qint64 microseconds);
    /// The design was reloaded from the file (or a reload was refused: `problem`).
    void reloaded(const QString &problem);

private:
    /// The running workflow that holds `node` (a node of the running design).
    const Workflow *workflowHolding(const Node &node) const;
    /// A workspace file checked before it runs: its design loads and has no
    /// errors, and who may run it is known.
    struct OpenedFile
    {
        std::unique_ptr<WorkspaceStore> store;
        Workspace workspace;
        std::optional<RunLease> lease;
        uint64_t inode = 0;
    };
    Result<OpenedFile> checkFile() const;
    /// Runs the file (checked now, or given checked): executor, resources,
    /// design; the gateway is start()'s. Returns the design it runs.
    Result<Workspace> openFile(std::optional<OpenedFile> checked = std::nullopt);
    /// Lets runs end (at most `graceMs`), stops the executor and resources, writes the history.
    void closeFile(int graceMs);
    void stopDelivering(); // schedules and resources
    void waitForRuns(int graceMs);
    /// Lets go of what runs the file (after closeFile()).
    void releaseFile();
    void followReplacedFile(const std::string &signature);
    Status loadDesign(const Workspace &workspace);
    void serveHttp(http::Request request, Gateway::Respond respond);
    void armSchedules();

    Options m_options;
    std::unique_ptr<Executor> m_executor;
    Executor::Observer m_observer;
    std::unique_ptr<LocalResources> m_resources;
    std::unique_ptr<Gateway> m_gateway;
    std::unique_ptr<services::ServicesServer> m_services;
    std::unique_ptr<WorkspaceStore> m_store; // polled for saves
    std::optional<RunLease> m_lease;         // held while this server delivers
    long long m_designGeneration = 0;
    uint64_t m_inode = 0;
    std::string m_refusedFile; // a replacement that could not run (its fileSignature): told once
    bool m_following = false;    // between a replaced file and its successor: HTTP answers 503
    bool m_stopping = false;     // stop() began: HTTP answers 503
    http::RouteTable m_routes;
    std::vector<RouteInfo> m_routeInfo;
    http::ApiContext m_api;
    QTimer m_reloadTimer;
    struct Schedule
    {
        WorkflowId workflow;
        NodeId node;
        ScheduleExpression expression;
        QTimeZone zone;
        QDateTime anchor; ///< rate() counts from here: when it started
        QDateTime due;    ///< invalid: it never fires again
        std::string text; ///< expression and time zone, to tell an unchanged schedule on reload
    };
    std::vector<Schedule> m_schedules;
    QTimer m_scheduleTimer;
};

} // namespace stratus::engine::run
