#pragma once

#include "functionconfig.h"
#include "functionpool.h"
#include "invocation.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace stratus::engine {

/// The engine's function runner: one pool of instances per function, one
/// machine-wide instance budget. Lives on one thread (the one with the event
/// loop that serves it); callbacks come on that thread.
class FunctionRuntime : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::string cacheRoot = defaultCacheRoot();
        /// Live instances across all functions (default: 4 per core, at least 4).
        int maxInstances = std::max(4, 4 * int(std::thread::hardware_concurrency()));
        /// Idle instances older than this are stopped (Lambda keeps them minutes).
        std::chrono::milliseconds keepWarm = std::chrono::minutes(5);
        /// Warnings (e.g. a Node.js version other than the runtime's), once each.
        std::function<void(const std::string &)> warn;
    };

    explicit FunctionRuntime(Options options, QObject *parent = nullptr);
    FunctionRuntime() : FunctionRuntime(Options{}) {}
    ~FunctionRuntime() override;

    /// Registers (or replaces, after stopping its instances) a function.
    Status addFunction(FunctionConfig config);
    FunctionPool *pool(const std::string &functionName) const;
    /// Unregisters a function; invocations in flight finish first.
    void removeFunction(const std::string &functionName);

    /// Runs one invocation of a registered function; `done` is called once.
    void invoke(const std::string &functionName, InvocationRequest request,
                FunctionPool::Callback done);

    /// Runs one invocation and waits for it in a local event loop (the CLI).
    InvocationResult invokeAndWait(const std::string &functionName, InvocationRequest request);

    /// Stops every instance; nothing the engine started is left running.
    void shutdown();

    const Options &options() const { return m_options; }

private:
    void checkInterpreterVersion(const FunctionConfig &config);

    Options m_options;
    std::string m_runtimeDirectory;
    Status m_runtimeStatus;
    InstanceBudget m_budget;
    void dropIdleRetiredPools();

    std::map<std::string, std::unique_ptr<FunctionPool>> m_pools;
    /// Replaced versions still finishing their invocations.
    std::vector<std::unique_ptr<FunctionPool>> m_retired;
    std::map<std::string, bool> m_warned;
};

} // namespace stratus::engine
