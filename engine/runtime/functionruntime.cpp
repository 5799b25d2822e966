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
    if (config.memoryMB < 128 || config.memoryMB > 10240)
        return Status::invalidArgument("function " + quote(config.name) + ": the memory size must be from 128 to "
                                       "10240 MB, not " + std::to_string(config.memoryMB));
    checkInterpreterVersion(config);
    const std::string name = config.name;
    m_pools.erase(name); // stops the old instances
    m_pools[name] = std::make_unique<FunctionPool>(std::move(config), m_runtimeDirectory,
                                                   &m_budget, m_options.keepWarm);
    return Status::ok();
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
    p->invoke(std::move(request), std::move(done));
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
}

void FunctionRuntime::checkInterpreterVersion(const FunctionConfig &config)
{
    if (isProvidedRuntime(config.runtime) || m_warned.contains(config.runtime) || !m_options.warn)
        return;
    m_warned[config.runtime] = true;
    // The same lookup launchCommand uses, so the warning names what runs.
    auto interpreter = findInterpreter(config.runtime, m_runtimeDirectory);
    if (!interpreter)
        m_options.warn(interpreter.status().message());
    else if (!interpreter->exact)
        m_options.warn(interpreter->warning);
}

} // namespace stratus::engine
