#include "functionruntime.h"

#include "launch.h"

#include "engine/model/handler.h"
#include "engine/model/runtimes.h"
#include "engine/model/text.h"

#include <QEventLoop>

namespace stratus::engine {

FunctionRuntime::FunctionRuntime(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_budget(std::max(1, m_options.maxInstances))
{
    linkNodeSdk(m_options.cacheRoot);
    linkPythonSdk(m_options.cacheRoot);
    auto dir = writeRuntimeBootstraps(m_options.cacheRoot);
    if (dir)
        m_runtimeDirectory = dir.take();
    else
        m_runtimeStatus = dir.status();
}

FunctionRuntime::~FunctionRuntime()
{
    shutdown();
}

Status FunctionRuntime::addFunction(FunctionConfig config)
{
    if (!m_runtimeStatus)
        return m_runtimeStatus;
    if (config.name.empty())
        return Status::invalidArgument("a function needs a name");
    if (!findLambdaRuntime(config.runtime))
        return Status::invalidArgument("function " + quote(config.name) + ": "
                                       + unknownRuntimeMessage(config.runtime));
    if (auto handler = parseHandler(config.runtime, config.handler); !handler)
        return handler.status().withContext("function '" + config.name + "'");
    // Lambda's limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html),
    // the same the validator holds a workspace to.
    if (config.timeoutS < 1 || config.timeoutS > 900)
        return Status::invalidArgument("function " + quote(config.name) + ": the timeout must be from 1 to 900 s, not "
                                       + std::to_string(config.timeoutS));
    if (config.memoryMB < kMinMemoryMB || config.memoryMB > kMaxMemoryMB)
        return Status::invalidArgument("function " + quote(config.name) + ": the memory size must be from "
                                       + std::to_string(kMinMemoryMB) + " to " + std::to_string(kMaxMemoryMB)
                                       + " MB, not " + std::to_string(config.memoryMB));
    checkInterpreterVersion(config);
    const std::string name = config.name;
    if (auto old = m_pools.find(name); old != m_pools.end()) {
        // A new version takes the next invocation; the old one finishes what
        // it has (a reload must never drop work in flight), then goes.
        if (old->second->isBusy())
            m_retired.push_back(std::move(old->second));
        m_pools.erase(old);
    }
    m_pools[name] = std::make_unique<FunctionPool>(std::move(config), m_runtimeDirectory,
                                                   &m_budget, m_options.keepWarm);
    return Status::ok();
}

void FunctionRuntime::removeFunction(const std::string &functionName)
{
    auto it = m_pools.find(functionName);
    if (it == m_pools.end())
        return;
    if (it->second->isBusy())
        m_retired.push_back(std::move(it->second));
    m_pools.erase(it);
}

void FunctionRuntime::dropIdleRetiredPools()
{
    std::erase_if(m_retired, [](const std::unique_ptr<FunctionPool> &p) { return !p->isBusy(); });
}

FunctionPool *FunctionRuntime::pool(const std::string &functionName) const
{
    auto it = m_pools.find(functionName);
    return it == m_pools.end() ? nullptr : it->second.get();
}

void FunctionRuntime::invoke(const std::string &functionName, InvocationRequest request,
                             FunctionPool::Callback done)
{
    FunctionPool *p = pool(functionName);
    if (!p) {
        InvocationResult r = failedInvocation(request, functionName, 0, InvocationStatus::Error,
                                              "ResourceNotFoundException",
                                              "Function not found: " + functionName);
        done(std::move(r));
        return;
    }
    if (m_retired.empty()) {
        p->invoke(std::move(request), std::move(done));
        return;
    }
    p->invoke(std::move(request), [this, done = std::move(done)](InvocationResult r) {
        done(std::move(r));
        // Not from inside the retired pool's own callback: it is still on the stack.
        QMetaObject::invokeMethod(this, [this] { dropIdleRetiredPools(); }, Qt::QueuedConnection);
    });
}

InvocationResult FunctionRuntime::invokeAndWait(const std::string &functionName,
                                                InvocationRequest request)
{
    QEventLoop loop;
    std::optional<InvocationResult> result;
    invoke(functionName, std::move(request), [&](InvocationResult r) {
        result = std::move(r);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

void FunctionRuntime::shutdown()
{
    for (auto &[name, pool] : m_pools)
        pool->shutdown();
    m_pools.clear();
    for (auto &pool : m_retired)
        pool->shutdown();
    m_retired.clear();
}

void FunctionRuntime::checkInterpreterVersion(const FunctionConfig &config)
{
    const LambdaRuntime *runtime = findLambdaRuntime(config.runtime);
    if (!runtime || isProvidedRuntime(config.runtime) || !m_options.warn)
        return;
    // Once per runtime and chosen interpreter: choosing another warns anew.
    const std::string key = config.runtime + '\t' + chosenInterpreter(runtime->language).toStdString();
    if (m_warned.contains(key))
        return;
    m_warned[key] = true;
    // The same lookup launchCommand uses, so the warning names what runs.
    auto interpreter = findInterpreter(config.runtime, m_runtimeDirectory);
    if (!interpreter)
        m_options.warn(interpreter.status().message());
    else if (!interpreter->exact)
        m_options.warn(interpreter->warning);
}

} // namespace stratus::engine
