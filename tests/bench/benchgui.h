#pragma once

// How long the GUI thread's event loop was blocked: a 5 ms timer whose
// lateness is the time the loop could not run it.

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace stratus::bench {

class LatenessProbe
{
public:
    LatenessProbe()
    {
        m_tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_tick, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_lateness.push_back(std::max<qint64>(0, now - m_expected));
            m_expected = now + kIntervalMs;
        });
    }
    /// Measures until stop(); the figures cover every start…stop span so far.
    void start()
    {
        m_clock.start();
        m_expected = kIntervalMs;
        m_tick.start(kIntervalMs);
    }
    void stop()
    {
        m_tick.stop();
        std::sort(m_lateness.begin(), m_lateness.end());
    }
    size_t ticks() const { return m_lateness.size(); }
    /// The q-quantile of the lateness (after stop()), in ms.
    qint64 at(double q) const
    {
        return m_lateness.empty() ? 0 : m_lateness[size_t(q * double(m_lateness.size() - 1))];
    }
    qint64 max() const { return m_lateness.empty() ? 0 : m_lateness.back(); }

private:
    static constexpr int kIntervalMs = 5;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_expected = kIntervalMs;
    std::vector<qint64> m_lateness;
};

} // namespace stratus::bench
