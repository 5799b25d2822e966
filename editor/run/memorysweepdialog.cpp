#include "memorysweepdialog.h"

#include "editor/document/commands.h"
#include "editor/document/workspacedocument.h"
#include "editor/qstrings.h"
#include "engine/meter/pricing.h"
#include "engine/model/nodekind.h"
#include "engine/model/text.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoStack>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace stratus::editor {

using namespace stratus::engine;
using namespace stratus::engine::run;

namespace {

// The sizes offered as boxes: Lambda's usual steps up to 3,008 MB, with
// 1,769 MB, where a function gets one whole vCPU.
constexpr int kOfferedSizes[] = {128, 256, 512, 1024, 1536, 1769, 2048, 3008};
const std::set<int> kCheckedByDefault = {128, 256, 512, 1024, 1769, 3008};

enum Column { MemoryColumn, VcpuColumn, P50Column, MeanColumn, CpuColumn, CostColumn, PerMillionColumn, NoteColumn,
              ColumnCount };

QTableWidgetItem *number(double value, int decimals, const QString &suffix = {})
{
    auto *item = new QTableWidgetItem(QString::number(value, 'f', decimals) + suffix);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QScatterSeries *marker(const QString &name, QScatterSeries::MarkerShape shape, qreal size)
{
    auto *s = new QScatterSeries;
    s->setName(name);
    s->setMarkerShape(shape);
    s->setMarkerSize(size);
    return s;
}

} // namespace

MemorySweepDialog::MemorySweepDialog(WorkspaceDocument *document, WorkflowId workflow, NodeId function,
                                     QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_workflow(std::move(workflow))
    , m_function(std::move(function))
    , m_otherSizes(new QLineEdit(this))
    , m_runs(new QSpinBox(this))
    , m_event(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_chart(new QChart)
    , m_duration(new QLineSeries)
    , m_cost(new QLineSeries)
    , m_cheapest(marker(tr("Cheapest"), QScatterSeries::MarkerShapeRectangle, 14))
    , m_fastest(marker(tr("Fastest"), QScatterSeries::MarkerShapeCircle, 14))
    , m_balanced(marker(tr("Balanced"), QScatterSeries::MarkerShapeCircle, 20))
    , m_start(new QPushButton(tr("Start"), this))
    , m_cancel(new QPushButton(tr("Cancel Sweep"), this))
    , m_use(new QPushButton(tr("Use Selected Size"), this))
{
    const Workflow *w = document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_function) : nullptr;
    setWindowTitle(tr("Tune Memory — %1").arg(n ? qs(n->name) : qs(m_function.str())));

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *sizes = new QGridLayout;
    int column = 0;
    for (const int mb : kOfferedSizes) {
        auto *box = new QCheckBox(QLocale().toString(mb) + tr(" MB"), this);
        box->setProperty("memoryMB", mb);
        box->setChecked(kCheckedByDefault.contains(mb));
        if (mb == kMemoryPerVcpuMB)
            box->setToolTip(tr("One whole vCPU"));
        sizes->addWidget(box, 0, column++);
        m_sizeBoxes.append(box);
    }
    m_otherSizes->setPlaceholderText(tr("other sizes, e.g. 640,4096"));
    m_otherSizes->setToolTip(tr("More sizes in MB (128 to 10,240), separated by commas"));
    sizes->addWidget(m_otherSizes, 1, 0, 1, column);
    form->addRow(tr("Memory sizes"), sizes);
    m_runs->setRange(1, kMaxSweepRunsPerSize);
    m_runs->setValue(5);
    m_runs->setToolTip(tr("Measured invocations a size, after one warm-up (the cold start) that is not counted"));
    form->addRow(tr("Runs a size"), m_runs);
    m_event->addItem(tr("An empty event {}"));
    for (const TestEvent &e : document->testEventsOf(m_workflow, m_function))
        m_event->addItem(tr("Saved: %1").arg(qs(e.name)), qs(e.name));
    if (m_event->count() > 1)
        m_event->setCurrentIndex(1); // a saved event says more about the function than {}
    form->addRow(tr("Event"), m_event);
    layout->addLayout(form);

    m_chart->addSeries(m_duration);
    m_chart->addSeries(m_cost);
    m_duration->setName(tr("Duration p50 (ms)"));
    m_duration->setPointsVisible(true);
    m_cost->setName(tr("Cost ($ per million)"));
    m_cost->setPointsVisible(true);
    // The balanced mark is the largest: drawn first, so that a cheapest or
    // fastest mark on the same size shows on top of it.
    for (QScatterSeries *s : {m_balanced, m_cheapest, m_fastest})
        m_chart->addSeries(s);
    auto *memoryAxis = new QLogValueAxis;
    memoryAxis->setBase(2);
    memoryAxis->setLabelFormat(QStringLiteral("%d"));
    memoryAxis->setTitleText(tr("Memory (MB)"));
    auto *durationAxis = new QValueAxis;
    durationAxis->setTitleText(tr("p50 (ms)"));
    auto *costAxis = new QValueAxis;
    costAxis->setTitleText(tr("$ / million"));
    memoryAxis->setRange(100, 4000);
    durationAxis->setRange(0, 100);
    costAxis->setRange(0, 1);
    m_chart->addAxis(memoryAxis, Qt::AlignBottom);
    m_chart->addAxis(durationAxis, Qt::AlignLeft);
    m_chart->addAxis(costAxis, Qt::AlignRight);
    for (QAbstractSeries *s : m_chart->series()) {
        s->attachAxis(memoryAxis);
        s->attachAxis(s == m_cost ? costAxis : durationAxis);
    }
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setTitle(tr("Duration and cost per invocation against memory"));
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(280);

    const QStringList headers{tr("Memory"), tr("vCPU"), tr("p50 (ms)"), tr("Mean (ms)"), tr("CPU (ms)"),
                              tr("Cost / invocation"), tr("$ / million"), tr("")};
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setToolTip(tr("Select a size and press Use to give the function that memory"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(view);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    layout->addWidget(m_progress);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_use, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &MemorySweepDialog::startSweep);
    connect(m_cancel, &QPushButton::clicked, this, &MemorySweepDialog::cancelSweep);
    connect(m_use, &QPushButton::clicked, this, &MemorySweepDialog::useSelectedSize);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &MemorySweepDialog::updateUseButton);
    m_start->setDefault(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setText(tr("Each size runs in fresh instances given Lambda's CPU share for that memory "
                         "(one vCPU at 1,769 MB). The runs are not recorded in the history."));
    applyTheme();
    setSweeping(false);
    resize(900, 760);
}

MemorySweepDialog::~MemorySweepDialog() = default;

Result<std::vector<int>> MemorySweepDialog::chosenSizes() const
{
    std::vector<int> sizes;
    for (const QCheckBox *box : m_sizeBoxes) {
        if (box->isChecked())
            sizes.push_back(box->property("memoryMB").toInt());
    }
    if (const QString other = m_otherSizes->text().trimmed(); !other.isEmpty()) {
        auto typed = parseMemorySizes(other.toStdString());
        if (!typed)
            return typed.status();
        sizes.insert(sizes.end(), typed->begin(), typed->end());
    }
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    if (sizes.empty())
        return Status::invalidArgument("choose at least one memory size");
    return sizes;
}

void MemorySweepDialog::setSweeping(bool sweeping)
{
    m_start->setEnabled(!sweeping);
    m_cancel->setEnabled(sweeping);
    for (QWidget *w : std::initializer_list<QWidget *>{m_otherSizes, m_runs, m_event})
        w->setEnabled(!sweeping);
    for (QCheckBox *box : m_sizeBoxes)
        box->setEnabled(!sweeping);
    updateUseButton();
}

bool MemorySweepDialog::startSweep()
{
    if (isSweeping())
        return false;
    auto fail = [this](const std::string &why) {
        m_status->setText(tr("Not started: %1").arg(qs(why)));
        return false;
    };
    const Workflow *w = m_document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_function) : nullptr;
    if (!n || n->kind != kinds::kFunction)
        return fail("the function is no longer in the workflow");
    auto sizes = chosenSizes();
    if (!sizes)
        return fail(sizes.status().message());
    const Json &settings = m_document->workspace().settings;
    // The document as it is now, saved or not: what the user sees is what is measured.
    auto config = FunctionConfig::fromNode(*n, settings, defaultCacheRoot());
    if (!config)
        return fail(config.status().message());
    SweepPlan plan;
    plan.memorySizesMB = sizes.take();
    plan.runsPerSize = m_runs->value();
    if (const QString saved = m_event->currentData().toString(); !saved.isEmpty()) {
        bool found = false;
        for (const TestEvent &e : m_document->testEventsOf(m_workflow, m_function)) {
            if (qs(e.name) == saved) {
                plan.event = e.event.dump();
                found = true;
            }
        }
        if (!found)
            return fail("the saved event " + quote(saved.toStdString()) + " is gone");
    }
    plan.pricing = recordingPricing(settings, config->architecture).preset;
    plan.function = config.take();
    if (Status s = sweepPlanProblem(plan); !s)
        return fail(s.message());

    clearResults();
    const size_t plannedSizes = plan.memorySizesMB.size();
    m_sweep = std::make_unique<MemorySweep>(std::move(plan));
    connect(m_sweep.get(), &MemorySweep::progressed, this,
            [this](double fraction) { m_progress->setValue(int(fraction * 1000)); });
    connect(m_sweep.get(), &MemorySweep::pointMeasured, this, &MemorySweepDialog::addPoint);
    connect(m_sweep.get(), &MemorySweep::finished, this, [this](const SweepResult &result) {
        m_last = result;
        showResult(result);
        setSweeping(false);
        Q_EMIT sweepFinished(result);
    });
    if (Status s = m_sweep->start(); !s) {
        m_sweep.reset();
        return fail(s.message());
    }
    m_chart->setTitle(qs(m_sweep->result().methodText));
    m_status->setText(tr("Measuring %1 sizes, %2 runs each after a warm-up…")
                          .arg(plannedSizes)
                          .arg(m_runs->value()));
    setSweeping(true);
    return true;
}

void MemorySweepDialog::cancelSweep()
{
    if (m_sweep)
        m_sweep->cancel();
}

void MemorySweepDialog::reject()
{
    cancelSweep();
    QDialog::reject();
}

void MemorySweepDialog::clearResults()
{
    m_last.reset();
    m_table->setRowCount(0);
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{m_duration, m_cost, m_cheapest, m_fastest, m_balanced})
        s->clear();
    m_cheapest->setName(tr("Cheapest"));
    m_fastest->setName(tr("Fastest"));
    m_balanced->setName(tr("Balanced"));
    m_progress->setValue(0);
}

void MemorySweepDialog::addPoint(const SweepPoint &p)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *memory = new QTableWidgetItem(QLocale().toString(p.memoryMB) + tr(" MB"));
    memory->setData(Qt::UserRole, p.memoryMB);
    m_table->setItem(row, MemoryColumn, memory);
    m_table->setItem(row, VcpuColumn, number(p.vcpus, 3));
    if (p.runs > p.failures) {
        m_table->setItem(row, P50Column, number(p.p50Ms, 2));
        m_table->setItem(row, MeanColumn, number(p.meanMs, 2));
        m_table->setItem(row, CostColumn, new QTableWidgetItem(qs(money(p.costPerInvocation))));
        m_table->setItem(row, PerMillionColumn, number(p.costPerInvocation * 1e6, 2));
    } else {
        // Said, not left blank: a blank cell reads as "still measuring".
        for (int column : {P50Column, MeanColumn, CpuColumn, CostColumn, PerMillionColumn}) {
            auto *none = new QTableWidgetItem(tr("—"));
            none->setTextAlignment(Qt::AlignCenter);
            none->setToolTip(tr("No run at this size succeeded: see the note."));
            m_table->setItem(row, column, none);
        }
    }
    if (p.meanCpuMs >= 0 && p.runs > p.failures)
        m_table->setItem(row, CpuColumn, number(p.meanCpuMs, 2));
    if (!p.usable()) {
        auto *note = new QTableWidgetItem(p.runs == 0 ? tr("did not run: %1").arg(qs(p.firstError))
                                                      : qs(run::sweepFailureText(p)));
        note->setToolTip(note->text());
        note->setForeground(QColor(0xd9, 0x48, 0x3b));
        m_table->setItem(row, NoteColumn, note);
        return; // a size that failed is not plotted: its times are not the function's
    }
    m_duration->append(p.memoryMB, p.p50Ms);
    m_cost->append(p.memoryMB, p.costPerInvocation * 1e6);
    rescaleAxes();
}

void MemorySweepDialog::rescaleAxes()
{
    const QList<QPointF> durations = m_duration->points();
    if (durations.isEmpty())
        return;
    // The sizes are plotted in increasing order.
    m_chart->axes(Qt::Horizontal).constFirst()->setRange(durations.front().x() / 1.3, durations.back().x() * 1.3);
    const auto vertical = m_chart->axes(Qt::Vertical);
    for (QAbstractAxis *axis : vertical) {
        const bool cost = axis->alignment() == Qt::AlignRight;
        double hi = 0;
        for (const QPointF &p : cost ? m_cost->points() : durations)
            hi = std::max(hi, p.y());
        const double top = hi > 0 ? hi * 1.15 : 1;
        axis->setRange(0, top);
        // Enough decimals that sub-millisecond durations and cents differ.
        const int decimals = top >= 20 ? 0 : top >= 2 ? 1 : top >= 0.2 ? 2 : 3;
        static_cast<QValueAxis *>(axis)->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    }
}

void MemorySweepDialog::showResult(const SweepResult &result)
{
    if (!result.cancelled)
        m_progress->setValue(m_progress->maximum());
    m_chart->setTitle(qs(result.methodText));
    const auto mark = [&](QScatterSeries *series, int index, const QString &name) {
        series->clear();
        if (index < 0)
            return;
        const SweepPoint &p = result.points[size_t(index)];
        series->append(p.memoryMB, p.p50Ms);
        series->setName(tr("%1: %2 MB").arg(name, QLocale().toString(p.memoryMB)));
    };
    mark(m_cheapest, result.choices.cheapest, tr("Cheapest"));
    mark(m_fastest, result.choices.fastest, tr("Fastest"));
    mark(m_balanced, result.choices.balanced, tr("Balanced"));
    // The table's notes: which size is which choice.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const int mb = m_table->item(row, MemoryColumn)->data(Qt::UserRole).toInt();
        QStringList roles;
        for (const auto &[index, name] : {std::pair(result.choices.cheapest, tr("cheapest")),
                                          std::pair(result.choices.fastest, tr("fastest")),
                                          std::pair(result.choices.balanced, tr("balanced"))}) {
            if (index >= 0 && result.points[size_t(index)].memoryMB == mb)
                roles << name;
        }
        if (!roles.isEmpty()) {
            auto *note = new QTableWidgetItem(roles.join(QStringLiteral(", ")));
            QFont bold = note->font();
            bold.setBold(true);
            note->setFont(bold);
            m_table->setItem(row, NoteColumn, note);
        }
        if (result.choices.balanced >= 0 && result.points[size_t(result.choices.balanced)].memoryMB == mb)
            m_table->selectRow(row);
    }
    QString text;
    if (result.choices.balanced < 0 && result.cancelled) {
        text = tr("No size was measured whole.");
    } else if (result.choices.balanced < 0) {
        text = tr("No size ran without failures: see the errors in the table.");
    } else {
        const SweepPoint &cheapest = result.points[size_t(result.choices.cheapest)];
        const SweepPoint &fastest = result.points[size_t(result.choices.fastest)];
        const SweepPoint &balanced = result.points[size_t(result.choices.balanced)];
        const auto describe = [](const SweepPoint &p) {
            return tr("%1 MB (p50 %2 ms, %3 a million)")
                .arg(QLocale().toString(p.memoryMB))
                .arg(p.p50Ms, 0, 'f', 2)
                .arg(qs(money(p.costPerInvocation * 1e6)));
        };
        text = tr("<b>Cheapest</b> %1 · <b>Fastest</b> %2 · <b>Balanced</b> %3")
                   .arg(describe(cheapest), describe(fastest), describe(balanced));
    }
    if (result.cancelled)
        text = tr("Cancelled. ") + text;
    m_status->setText(text);
    updateUseButton();
}

int MemorySweepDialog::selectedMemory() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return 0;
    const int row = selected.first()->row();
    // Only a size that ran without failures is offered.
    if (!m_last)
        return 0;
    const int mb = m_table->item(row, MemoryColumn)->data(Qt::UserRole).toInt();
    for (const SweepPoint &p : m_last->points) {
        if (p.memoryMB == mb && p.usable())
            return mb;
    }
    return 0;
}

void MemorySweepDialog::updateUseButton()
{
    const int mb = isSweeping() ? 0 : selectedMemory();
    m_use->setEnabled(mb > 0);
    m_use->setText(mb > 0 ? tr("Use %1 MB").arg(QLocale().toString(mb)) : tr("Use Selected Size"));
}

bool MemorySweepDialog::useSelectedSize()
{
    const int mb = selectedMemory();
    const Workflow *w = m_document->workflow(m_workflow);
    const Node *n = w ? w->findNode(m_function) : nullptr;
    if (mb <= 0 || !n)
        return false;
    Node after = *n;
    after.config["memoryMB"] = mb;
    if (after.config == n->config) {
        m_status->setText(tr("%1 already has %2 MB.").arg(qs(n->name), QLocale().toString(mb)));
        return true;
    }
    m_document->undoStack()->push(new ChangeNodeCommand(m_document, m_workflow, *n, after,
                                                        tr("Set %1's memory to %2 MB")
                                                            .arg(qs(n->name), QLocale().toString(mb))));
    m_status->setText(tr("%1 now has %2 MB (Edit → Undo takes it back).").arg(qs(n->name), QLocale().toString(mb)));
    return true;
}

void MemorySweepDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void MemorySweepDialog::applyTheme()
{
    // Readable in either palette, as the Charts panel; the theme resets the
    // series' colours, so the marks get theirs again.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (m_chart->theme() == theme && m_chart->property("themed").toBool())
        return;
    m_chart->setTheme(theme);
    m_chart->setProperty("themed", true);
    // Fixed colours: the marks mean the same in either theme.
    const std::pair<QScatterSeries *, QColor> marks[] = {{m_cheapest, QColor(0x2e, 0x9d, 0x4f)},
                                                         {m_fastest, QColor(0xd9, 0x48, 0x3b)},
                                                         {m_balanced, QColor(0xf2, 0xb1, 0x34)}};
    for (const auto &[series, color] : marks) {
        series->setColor(color);
        series->setBorderColor(color.darker(160));
    }
    QPen dashed = m_cost->pen();
    dashed.setStyle(Qt::DashLine);
    dashed.setWidth(2);
    m_cost->setPen(dashed);
}

} // namespace stratus::editor
