#include "memorysweep.h"

#include "engine/meter/cost.h"
#include "engine/model/runtimes.h"
#include "engine/model/text.h"

#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace stratus::engine::run {

namespace {

std::string methodText(CpuShareMethod method)
{
    if (method == CpuShareMethod::Cgroup)
        return "CPU share emulated with " + CpuLimits::instance().description();
    return "duration estimated from the CPU time measured (" + CpuLimits::instance().description() + ")";
}

} // namespace

Status sweepPlanProblem(const SweepPlan &plan)
{
    if (plan.memorySizesMB.empty())
        return Status::invalidArgument("no memory size to try");
    if (plan.memorySizesMB.size() > size_t(kMaxSweepSizes))
        return Status::invalidArgument("at most " + std::to_string(kMaxSweepSizes) + " memory sizes, not "
                                       + std::to_string(plan.memorySizesMB.size()));
    for (int mb : plan.memorySizesMB) {
        if (mb < kMinMemoryMB || mb > kMaxMemoryMB)
            return Status::invalidArgument("a memory size must be " + std::to_string(kMinMemoryMB) + " to "
                                           + std::to_string(kMaxMemoryMB) + " MB, as Lambda allows, not "
                                           + std::to_string(mb));
    }
    if (plan.runsPerSize < 1 || plan.runsPerSize > kMaxSweepRunsPerSize)
        return Status::invalidArgument("the runs per size must be 1 to " + std::to_string(kMaxSweepRunsPerSize)
                                       + ", not " + std::to_string(plan.runsPerSize));
    if (!(plan.balanceWeight >= 0 && plan.balanceWeight <= 1))
        return Status::invalidArgument("the balance weight must be 0 to 1");
    if (auto event = parseJson(plan.event); !event)
        return Status::invalidArgument("the event is not valid JSON (" + event.status().message() + ")");
    return Status::ok();
}

Result<std::vector<int>> parseMemorySizes(const std::string &text)
{
    std::vector<int> sizes;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        item = first == std::string::npos ? std::string() : item.substr(first, last - first + 1);
        if (item.ends_with("MB") || item.ends_with("mb"))
            item.resize(item.size() - 2);
        size_t used = 0;
        int mb = 0;
        try {
            mb = std::stoi(item, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (item.empty() || used != item.size())
            return Status::invalidArgument("memory sizes are whole numbers of MB separated by commas "
                                           "(128,256,1024), not " + quote(printable(text)));
        if (std::find(sizes.begin(), sizes.end(), mb) == sizes.end())
            sizes.push_back(mb);
    }
    if (sizes.empty())
        return Status::invalidArgument("no memory size in " + quote(printable(text)));
    return sizes;
}

std::string sweepFailureText(const SweepPoint &point)
{
    if (point.warmUpFailed)
        return "the warm-up failed, so nothing was measured: " + printable(point.firstError);
    return std::to_string(point.failures) + " of " + std::to_string(point.runs) + " failed: " + printable(point.firstError);
}

Json SweepPoint::toJson() const
{
    Json j{{"memoryMB", memoryMB},
           {"vcpus", vcpus},
           {"runs", runs},
           {"failures", failures},
           {"durationMs", {{"p50", p50Ms}, {"mean", meanMs}, {"min", minMs}, {"max", maxMs}}},
           {"billedMs", meanBilledMs},
           {"maxMemoryUsedMB", maxMemoryUsedMB},
           {"costPerInvocation", costPerInvocation}};
    j["cpuMs"] = meanCpuMs >= 0 ? Json(meanCpuMs) : Json(nullptr);
    if (!firstError.empty())
        j["firstError"] = firstError;
    if (warmUpFailed)
        j["warmUpFailed"] = true;
    return j;
}

SweepChoices chooseMemory(const std::vector<SweepPoint> &points, double balanceWeight)
{
    SweepChoices c;
    double minCost = std::numeric_limits<double>::max(), maxCost = 0;
    double minTime = std::numeric_limits<double>::max(), maxTime = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        const SweepPoint &p = points[i];
        if (!p.usable())
            continue;
        const auto better = [&](int current, bool byCost) {
            if (current < 0)
                return true;
            const SweepPoint &q = points[size_t(current)];
            return byCost ? std::pair(p.costPerInvocation, p.p50Ms) < std::pair(q.costPerInvocation, q.p50Ms)
                          : std::pair(p.p50Ms, p.costPerInvocation) < std::pair(q.p50Ms, q.costPerInvocation);
        };
        if (better(c.cheapest, true))
            c.cheapest = int(i);
        if (better(c.fastest, false))
            c.fastest = int(i);
        minCost = std::min(minCost, p.costPerInvocation);
        maxCost = std::max(maxCost, p.costPerInvocation);
        minTime = std::min(minTime, p.p50Ms);
        maxTime = std::max(maxTime, p.p50Ms);
    }
    double best = std::numeric_limits<double>::max();
    const auto normalised = [](double v, double lo, double hi) { return hi > lo ? (v - lo) / (hi - lo) : 0.0; };
    for (size_t i = 0; i < points.size(); ++i) {
        const SweepPoint &p = points[i];
        if (!p.usable())
            continue;
        const double score = balanceWeight * normalised(p.costPerInvocation, minCost, maxCost)
                             + (1 - balanceWeight) * normalised(p.p50Ms, minTime, maxTime);
        if (score < best - 1e-12) {
            best = score;
            c.balanced = int(i);
        }
    }
    return c;
}

Json SweepResult::toJson() const
{
    Json points_ = Json::array();
    for (const SweepPoint &p : points)
        points_.push_back(p.toJson());
    const auto memoryAt = [&](int i) { return i < 0 ? Json(nullptr) : Json(points[size_t(i)].memoryMB); };
    return Json{{"function", function},
                {"runsPerSize", runsPerSize},
                {"cpuShare", method == CpuShareMethod::Cgroup ? "cgroup" : "estimate"},
                {"cpuShareText", methodText},
                {"points", points_},
                {"cheapestMB", memoryAt(choices.cheapest)},
                {"fastestMB", memoryAt(choices.fastest)},
                {"balancedMB", memoryAt(choices.balanced)},
                {"cancelled", cancelled}};
}

MemorySweep::MemorySweep(SweepPlan plan, FunctionRuntime::Options options, QObject *parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_options(std::move(options))
{
}

MemorySweep::~MemorySweep()
{
    if (m_runtime)
        m_runtime->shutdown();
}

Status MemorySweep::start()
{
    if (m_running)
        return Status::invalidArgument("the sweep is already running");
    if (Status s = sweepPlanProblem(m_plan); !s)
        return s;
    m_result = SweepResult{};
    m_result.function = m_plan.function.name;
    m_result.runsPerSize = m_plan.runsPerSize;
    m_result.method = availableCpuShareMethod();
    m_result.methodText = methodText(m_result.method);
    m_runtime = std::make_unique<FunctionRuntime>(m_options);
    m_size = 0;
    m_done = 0;
    m_cancelled = false;
    m_running = true;
    QTimer::singleShot(0, this, &MemorySweep::startSize);
    return Status::ok();
}

void MemorySweep::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    // Fails the invocation in flight at once ("the engine stopped the
    // instance"), whose end then finishes the sweep.
    QTimer::singleShot(0, this, [this] {
        if (m_runtime)
            m_runtime->shutdown();
    });
}

double MemorySweep::progress() const
{
    const double total = double(m_plan.memorySizesMB.size()) * (m_plan.runsPerSize + 1);
    return total > 0 ? std::min(1.0, double(m_done) / total) : 1.0;
}

void MemorySweep::startSize()
{
    if (m_cancelled || m_size >= m_plan.memorySizesMB.size()) {
        finish();
        return;
    }
    FunctionConfig config = m_plan.function;
    config.memoryMB = m_plan.memorySizesMB[m_size];
    config.cpuShare = m_result.method;
    m_runs.clear();
    m_warmUpFailed = false;
    m_run = -1;
    // Replaces the previous size's function and stops its instances: each size starts cold.
    if (Status s = m_runtime->addFunction(config); !s) {
        SweepPoint failed;
        failed.memoryMB = config.memoryMB;
        failed.vcpus = lambdaVcpus(config.memoryMB);
        failed.firstError = s.message();
        m_result.points.push_back(failed);
        Q_EMIT pointMeasured(failed);
        ++m_size;
        startSize();
        return;
    }
    invokeNext();
}

void MemorySweep::invokeNext()
{
    InvocationRequest request;
    request.payload = m_plan.event;
    request.trigger = "tune";
    // The callback may come before invoke() returns (a failure found at
    // once): the next step always goes through the event loop.
    QPointer<MemorySweep> self(this);
    m_runtime->invoke(m_plan.function.name, std::move(request), [self](InvocationResult result) {
        if (!self)
            return;
        QTimer::singleShot(0, self, [self, result = std::move(result)]() mutable {
            if (self)
                self->invocationEnded(std::move(result));
        });
    });
}

void MemorySweep::invocationEnded(InvocationResult result)
{
    if (m_cancelled) {
        // The invocation the cancel stopped says nothing of the function:
        // the size keeps the runs that ended before it.
        finishSize();
        finish();
        return;
    }
    ++m_done;
    Q_EMIT progressed(progress());
    const bool warmUp = m_run < 0;
    // A warm-up that failed is a failure of the size (an init error, out of
    // memory at load): counted, so the size is not chosen, and not measured
    // further (each run would fail alike).
    m_warmUpFailed = m_warmUpFailed || (warmUp && !result.ok());
    if (!warmUp || !result.ok())
        m_runs.push_back(std::move(result));
    ++m_run;
    if (m_run < m_plan.runsPerSize && !(warmUp && !m_runs.empty())) {
        invokeNext();
        return;
    }
    finishSize();
    ++m_size;
    startSize();
}

void MemorySweep::finishSize()
{
    if (m_runs.empty())
        return;
    SweepPoint p;
    p.warmUpFailed = m_warmUpFailed;
    p.memoryMB = m_plan.memorySizesMB[m_size];
    p.vcpus = lambdaVcpus(p.memoryMB);
    std::vector<double> durations;
    double cpuSum = 0, billedSum = 0, costSum = 0;
    int cpuCount = 0; // a run that timed out or crashed reports no CPU time
    for (const InvocationResult &r : m_runs) {
        const InvocationRecord &rec = r.record;
        ++p.runs;
        if (!r.ok()) {
            ++p.failures;
            if (p.firstError.empty())
                p.firstError = rec.errorType + ": " + rec.errorMessage;
        }
        durations.push_back(double(rec.durationUs) / 1000);
        if (r.cpuUs >= 0) {
            cpuSum += double(r.cpuUs) / 1000;
            ++cpuCount;
        }
        billedSum += double(rec.billedDurationMs);
        costSum += invocationCost(m_plan.pricing, rec.durationUs, rec.memorySizeMB, rec.maxMemoryUsedMB).total();
        p.maxMemoryUsedMB = std::max(p.maxMemoryUsedMB, rec.maxMemoryUsedMB);
        // An instance that could not join its cgroup says so, and was estimated.
        for (const std::string &line : rec.logs) {
            if (line.find("durations are estimated from CPU time instead") != std::string::npos
                && m_result.method == CpuShareMethod::Cgroup) {
                m_result.method = CpuShareMethod::Estimate;
                m_result.methodText = "duration estimated from the CPU time measured (" + line + ")";
            }
        }
    }
    std::sort(durations.begin(), durations.end());
    const double n = double(durations.size());
    p.p50Ms = durations[(durations.size() - 1) / 2];
    if (durations.size() % 2 == 0)
        p.p50Ms = (p.p50Ms + durations[durations.size() / 2]) / 2;
    p.meanMs = std::accumulate(durations.begin(), durations.end(), 0.0) / n;
    p.minMs = durations.front();
    p.maxMs = durations.back();
    p.meanCpuMs = cpuCount > 0 ? cpuSum / cpuCount : -1;
    p.meanBilledMs = billedSum / n;
    p.costPerInvocation = costSum / n;
    m_result.points.push_back(p);
    m_runs.clear();
    Q_EMIT pointMeasured(p);
}

void MemorySweep::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_result.cancelled = m_cancelled;
    m_result.choices = chooseMemory(m_result.points, m_plan.balanceWeight);
    if (m_runtime)
        m_runtime->shutdown();
    Q_EMIT progressed(m_cancelled ? progress() : 1.0);
    Q_EMIT finished(m_result);
}

} // namespace stratus::engine::run
