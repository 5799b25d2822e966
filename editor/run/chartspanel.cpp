#include "chartspanel.h"

#include "historyreader.h"

#include "editor/qstrings.h"
#include "engine/store/workspacestore.h"

#include <QChart>
#include <QChartView>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPointer>
#include <QScrollArea>
#include <QThreadPool>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <memory>

namespace stratus::editor {

using namespace stratus::engine;

namespace {

double percentile(std::vector<float> values, double q)
{
    if (values.empty())
        return 0;
    const size_t at = size_t(std::ceil(q * double(values.size()))) - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(at), values.end());
    return values[at];
}

/// The narrowest a chart is drawn: its title, legend and axis labels whole.
constexpr int kChartWidth = 250;

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_scope(new QComboBox(this))
    , m_redraw(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show"), this));
    m_scope->addItem(tr("The whole workspace"), QString());
    m_scope->setAccessibleName(tr("Charts of"));
    bar->addWidget(m_scope);
    bar->addStretch();
    layout->addLayout(bar);
    // The charts scroll rather than shrink below a readable size, where Qt
    // Charts cuts titles and axis labels to "…".
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setAccessibleName(tr("Charts"));
    auto *charts = new QWidget(scroll);
    m_grid = new QGridLayout(charts);
    m_grid->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(charts);
    layout->addWidget(scroll, 1);

    struct Plot
    {
        QString title;
        std::vector<std::pair<QString, QString>> series; // name, legend
    };
    const std::vector<Plot> plots = {
        {tr("Latency (ms)"), {{QStringLiteral("p50"), tr("p50")}, {QStringLiteral("p95"), tr("p95")},
                                   {QStringLiteral("p99"), tr("p99")}}},
        {tr("Throughput (invocations/s)"), {{QStringLiteral("throughput"), tr("invocations/s")}}},
        {tr("Concurrency (average running)"), {{QStringLiteral("concurrency"), tr("average running")}}},
        {tr("Cold starts (% of invocations)"), {{QStringLiteral("coldShare"), tr("cold-start share")}}},
        {tr("Errors and throttles (per second)"), {{QStringLiteral("errors"), tr("errors/s")},
                                                       {QStringLiteral("throttles"), tr("throttles/s")}}},
    };
    for (const Plot &plot : plots) {
        auto *chart = new QChart;
        chart->setTitle(plot.title);
        QFont small = chart->titleFont();
        small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
        chart->setTitleFont(small);
        chart->setMargins(QMargins(2, 2, 2, 2));
        chart->legend()->setVisible(plot.series.size() > 1);
        chart->legend()->setAlignment(Qt::AlignBottom);
        auto *time = new QDateTimeAxis;
        time->setFormat(QStringLiteral("HH:mm:ss"));
        time->setTickCount(3);
        auto *values = new QValueAxis;
        values->setLabelFormat(QStringLiteral("%.4g"));
        values->setTickCount(4);
        for (QAbstractAxis *axis : std::initializer_list<QAbstractAxis *>{time, values}) {
            QFont labels = axis->labelsFont();
            labels.setPointSizeF(std::max(6.5, labels.pointSizeF() * 0.8));
            axis->setLabelsFont(labels);
        }
        chart->addAxis(time, Qt::AlignBottom);
        chart->addAxis(values, Qt::AlignLeft);
        for (const auto &[name, legend] : plot.series) {
            auto *line = new QLineSeries;
            line->setName(legend);
            chart->addSeries(line);
            line->attachAxis(time);
            line->attachAxis(values);
            m_series.insert(name, line);
        }
        auto *view = new QChartView(chart, charts);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(kChartWidth, 170);
        view->setAccessibleName(plot.title);
        m_views.push_back(view);
    }
    arrangeCharts();
    applyTheme();

    m_redraw->setInterval(1000);
    connect(m_redraw, &QTimer::timeout, this, [this] {
        if (m_dirty && isVisible())
            redraw();
    });
    m_redraw->start();
    connect(m_scope, &QComboBox::currentIndexChanged, this, &ChartsPanel::redraw);
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeCharts();
}

void ChartsPanel::arrangeCharts()
{
    const int columns = std::clamp(width() / (kChartWidth + 8), 1, 3);
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QChartView *view : m_views)
        m_grid->removeWidget(view);
    for (size_t i = 0; i < m_views.size(); ++i)
        m_grid->addWidget(m_views[i], int(i) / columns, int(i) % columns);
}

QList<QChart *> ChartsPanel::charts() const
{
    QList<QChart *> out;
    for (QChartView *v : m_views)
        out << v->chart();
    return out;
}

void ChartsPanel::setHistory(HistoryReader *reader)
{
    m_seconds.clear();
    {
        const QSignalBlocker block(m_scope);
        while (m_scope->count() > 1)
            m_scope->removeItem(1);
    }
    const quint64 generation = ++m_generation;
    redraw();
    if (!reader || !reader->hasFile()) {
        m_loading = false;
        Q_EMIT historyLoaded();
        return;
    }
    m_loading = true;
    // A connection of its own on a pool thread: a history of a million
    // invocations takes a while to read, and the window goes on meanwhile.
    readInBackground([file = reader->file().toStdString(), generation,
                                          self = QPointer<ChartsPanel>(this)] {
        auto loaded = std::make_shared<Seconds>();
        if (auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly)) {
            // The last ten minutes of activity, even if it was days ago: a restart shows where things were.
            HistoryQuery newest;
            newest.limit = 1;
            auto last = queryInvocations(store->database(), newest);
            if (last && !last->empty()) {
                const int64_t since = last->front().record.startedAtUs - int64_t(kWindowSeconds) * 1'000'000;
                (void)scanInvocations(store->database(), since, {},
                                      [&loaded](const HistoryEntry &e) { addTo(*loaded, e); });
            }
        }
        QMetaObject::invokeMethod(qApp, [self, generation, loaded] {
            if (!self || generation != self->m_generation)
                return;
            // What ended while the file was read is added to what it holds.
            for (auto &[scope, seconds] : self->m_seconds) {
                for (auto &[second, live] : seconds) {
                    Second &s = (*loaded)[scope][second];
                    s.invocations += live.invocations;
                    s.coldStarts += live.coldStarts;
                    s.errors += live.errors;
                    s.throttles += live.throttles;
                    s.busyMs += live.busyMs;
                    for (float ms : live.durationsMs) {
                        if (s.durationsMs.size() < kSampleLimit)
                            s.durationsMs.push_back(ms);
                    }
                }
            }
            self->m_seconds = std::move(*loaded);
            for (const auto &[scope, seconds] : self->m_seconds)
                self->addScope(scope);
            self->m_loading = false;
            self->redraw();
            Q_EMIT self->historyLoaded();
        });
    });
}

void ChartsPanel::addTo(Seconds &all, const HistoryEntry &entry)
{
    const int64_t second = entry.record.startedAtUs / 1'000'000;
    // The workspace's scope ("") and the function's.
    for (int i = 0; i < (entry.record.functionName.empty() ? 1 : 2); ++i) {
        auto &seconds = all[i == 0 ? std::string() : entry.record.functionName];
        Second &s = seconds[second];
        const InvocationRecord &r = entry.record;
        ++s.invocations;
        s.coldStarts += r.coldStart;
        s.throttles += r.status == InvocationStatus::Throttled;
        s.errors += r.status != InvocationStatus::Ok && r.status != InvocationStatus::Throttled;
        const double ms = double(r.durationUs) / 1000.0;
        s.busyMs += ms;
        if (s.durationsMs.size() < kSampleLimit)
            s.durationsMs.push_back(float(ms));
        // Only the window is kept.
        while (!seconds.empty() && seconds.begin()->first < second - kWindowSeconds)
            seconds.erase(seconds.begin());
    }
}

void ChartsPanel::addScope(const std::string &function)
{
    if (!function.empty() && m_scope->findData(qs(function)) < 0)
        m_scope->addItem(qs(function), qs(function));
}

void ChartsPanel::addInvocation(const HistoryEntry &entry)
{
    addTo(m_seconds, entry);
    addScope(entry.record.functionName);
    m_dirty = true;
}

void ChartsPanel::redraw()
{
    m_dirty = false;
    const auto it = m_seconds.find(m_scope->currentData().toString().toStdString());
    QHash<QString, QList<QPointF>> points;
    double latest = 0, earliest = 0;
    if (it != m_seconds.end() && !it->second.empty()) {
        earliest = double(it->second.begin()->first) * 1000;
        latest = double(it->second.rbegin()->first) * 1000;
        // Seconds with nothing in them are zero, not a line drawn across them.
        for (int64_t second = it->second.begin()->first; second <= it->second.rbegin()->first; ++second) {
            const auto at = it->second.find(second);
            const double x = double(second) * 1000;
            if (at == it->second.end()) {
                for (const char *name : {"throughput", "concurrency", "errors", "throttles"})
                    points[QLatin1String(name)].append({x, 0});
                continue;
            }
            const Second &s = at->second;
            points[QStringLiteral("p50")].append({x, percentile(s.durationsMs, 0.50)});
            points[QStringLiteral("p95")].append({x, percentile(s.durationsMs, 0.95)});
            points[QStringLiteral("p99")].append({x, percentile(s.durationsMs, 0.99)});
            points[QStringLiteral("throughput")].append({x, double(s.invocations)});
            points[QStringLiteral("concurrency")].append({x, s.busyMs / 1000.0});
            points[QStringLiteral("coldShare")].append({x, 100.0 * double(s.coldStarts) / double(s.invocations)});
            points[QStringLiteral("errors")].append({x, double(s.errors)});
            points[QStringLiteral("throttles")].append({x, double(s.throttles)});
        }
    }
    for (auto series = m_series.begin(); series != m_series.end(); ++series)
        series.value()->replace(points.value(series.key()));
    for (QChartView *view : m_views) {
        QChart *chart = view->chart();
        double top = 0;
        for (QAbstractSeries *s : chart->series()) {
            for (const QPointF &p : static_cast<QLineSeries *>(s)->points())
                top = std::max(top, p.y());
        }
        for (QAbstractAxis *axis : chart->axes(Qt::Horizontal)) {
            const double from = latest > 0 ? std::max(earliest, latest - kWindowSeconds * 1000.0) : 0;
            static_cast<QDateTimeAxis *>(axis)->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from)),
                                                         QDateTime::fromMSecsSinceEpoch(qint64(std::max(latest, from + 1000))));
        }
        for (QAbstractAxis *axis : chart->axes(Qt::Vertical))
            static_cast<QValueAxis *>(axis)->setRange(0, top > 0 ? top * 1.1 : 1);
    }
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        redraw();
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void ChartsPanel::applyTheme()
{
    // Readable in either palette: the charts take the dark theme on a dark window.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (QChartView *view : m_views) {
        QChart *chart = view->chart();
        const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
        if (chart->theme() != theme)
            chart->setTheme(theme);
    }
}

} // namespace stratus::editor
