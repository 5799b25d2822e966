#pragma once

// The Charts panel (Qt Charts): over time, one point a second, for the whole
// workspace or one function — latency p50/p95/p99, throughput, concurrency
// (the average number of invocations running: their busy time over the
// second), cold-start share, errors and throttles. Fed by the invocations as
// they end (a load test's too) and, on opening, by the last ten minutes of
// the file's history; drawn at most once a second, only while visible; the
// chart theme follows the palette (light or dark).

#include "engine/store/runhistory.h"

#include <QHash>
#include <QWidget>

#include <deque>
#include <map>
#include <string>
#include <vector>

class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QTimer;

namespace stratus::editor {

class HistoryReader;

class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    /// The window the charts cover.
    static constexpr int kWindowSeconds = 600;

    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    /// Starts over with the last kWindowSeconds of what `reader` holds (null: nothing).
    void setHistory(HistoryReader *reader);
    void addInvocation(const engine::HistoryEntry &entry);
    /// Draws now (otherwise once a second while shown).
    void redraw();

    /// What a second holds, for one scope.
    struct Second
    {
        long long invocations = 0;
        long long coldStarts = 0;
        long long errors = 0; ///< error, timeout, crash
        long long throttles = 0;
        double busyMs = 0;             ///< summed durations
        std::vector<float> durationsMs; ///< up to kSampleLimit of them, for the percentiles
    };
    static constexpr size_t kSampleLimit = 4096;

    QComboBox *scope() const { return m_scope; }
    /// The series drawn, by name: p50, p95, p99, throughput, concurrency, coldShare, errors, throttles.
    QLineSeries *series(const QString &name) const { return m_series.value(name); }
    QList<QChart *> charts() const;

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void add(const std::string &scope, int64_t second, const engine::HistoryEntry &entry);
    void applyTheme();

    std::map<std::string, std::map<int64_t, Second>> m_seconds; // scope ("" = all) → second → figures
    QComboBox *m_scope;
    QHash<QString, QLineSeries *> m_series;
    std::vector<QChartView *> m_views;
    QTimer *m_redraw;
    bool m_dirty = false;
};

} // namespace stratus::editor
