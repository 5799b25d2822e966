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
class QGridLayout;
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

    /// Starts over with the last kWindowSeconds of what `reader` holds (null:
    /// nothing), read on a thread of its own; historyLoaded() says when it is in.
    void setHistory(HistoryReader *reader);
    void addInvocation(const engine::HistoryEntry &entry);
    /// Draws now (otherwise once a second while shown).
    void redraw();
    /// True while the history is read (on a pool thread, so that a large
    /// one never blocks the window).
    bool isLoading() const { return m_loading; }

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
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    /// The history given to setHistory() is in the charts.
    void historyLoaded();

private:
    using Seconds = std::map<std::string, std::map<int64_t, Second>>; // scope ("" = all) → second → figures
    static void addTo(Seconds &seconds, const engine::HistoryEntry &entry);
    void addScope(const std::string &function);
    void applyTheme();
    /// As many charts a row as fit at a readable size (one to three); the
    /// rest scroll.
    void arrangeCharts();

    Seconds m_seconds;
    bool m_loading = false;
    quint64 m_generation = 0; // setHistory() calls: a late read of an older file is dropped
    QComboBox *m_scope;
    QHash<QString, QLineSeries *> m_series;
    std::vector<QChartView *> m_views;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
    QTimer *m_redraw;
    bool m_dirty = false;
};

} // namespace stratus::editor
