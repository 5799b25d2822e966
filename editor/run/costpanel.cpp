#include "costpanel.h"

#include "historyreader.h"

#include "editor/flowlayout.h"
#include "editor/qstrings.h"
#include "engine/model/text.h"
#include "engine/model/workflow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QApplication>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace stratus::editor {

using namespace stratus::engine;

CostPanel::CostPanel(QWidget *parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_requests(new QDoubleSpinBox(this))
    , m_freeTier(new QCheckBox(tr("Free tier"), this))
    , m_vm(new QDoubleSpinBox(this))
    , m_breakdown(new QTreeWidget(this))
    , m_totals(new QLabel(this))
    , m_soon(new QTimer(this))
{
    m_breakdown->setAccessibleName(tr("Cost breakdown"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *controlsArea = new QWidget(this);
    auto *controls = new FlowLayout(controlsArea, 12);
    auto *formArea = new QWidget(controlsArea);
    auto *form = new QFormLayout(formArea);
    form->setContentsMargins(0, 0, 0, 0);
    m_preset->setAccessibleName(tr("Pricing preset"));
    m_requests->setDecimals(0);
    m_requests->setRange(0, double(kMaxRequestsPerMonth));
    m_requests->setValue(1'000'000);
    m_requests->setSingleStep(100'000);
    m_requests->setGroupSeparatorShown(true);
    m_requests->setToolTip(tr("Requests a month, for each function (as stratus cost --requests-per-month)"));
    m_freeTier->setChecked(true);
    m_vm->setDecimals(4);
    m_vm->setRange(0, kMaxVmHourly);
    m_vm->setValue(0.0416);
    m_vm->setPrefix(QStringLiteral("$"));
    m_vm->setSuffix(tr(" /h"));
    m_vm->setToolTip(tr("The hourly price of an always-on VM to compare with (as stratus cost --vm-hourly)"));
    form->addRow(tr("Preset"), m_preset);
    form->addRow(tr("Requests / month"), m_requests);
    controls->addWidget(formArea);
    // The VM's price and the free tier on one line: a short panel squeezes
    // its controls, and a second line there was cut off.
    auto *form2Area = new QWidget(controlsArea);
    auto *form2 = new QHBoxLayout(form2Area);
    form2->setContentsMargins(0, 0, 0, 0);
    auto *vmLabel = new QLabel(tr("Always-on VM"), form2Area);
    vmLabel->setBuddy(m_vm);
    form2->addWidget(vmLabel);
    form2->addWidget(m_vm);
    form2->addSpacing(8);
    form2->addWidget(m_freeTier);
    controls->addWidget(form2Area);
    layout->addWidget(controlsArea);
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_totals);
    m_breakdown->setHeaderLabels({tr("What"), tr("Memory"), tr("Avg duration"), tr("Runs / invocations"),
                                  tr("Per invocation / run"), tr("Cost")});
    m_breakdown->setRootIsDecorated(true);
    // Figures whole, never cut to "…": a narrow panel scrolls sideways instead.
    m_breakdown->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_breakdown->header()->setStretchLastSection(true);
    layout->addWidget(m_breakdown, 1);

    m_soon->setSingleShot(true);
    m_soon->setInterval(1000);
    connect(m_soon, &QTimer::timeout, this, &CostPanel::refresh);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &CostPanel::refresh);
    connect(m_requests, &QDoubleSpinBox::valueChanged, this, &CostPanel::refresh);
    connect(m_vm, &QDoubleSpinBox::valueChanged, this, &CostPanel::refresh);
    connect(m_freeTier, &QCheckBox::toggled, this, [this] {
        if (m_report)
            show(*m_report);
    });
}

void CostPanel::setSource(HistoryReader *reader, std::function<const Workspace *()> design)
{
    m_reader = reader;
    m_design = std::move(design);
    if (const Workspace *ws = m_design ? m_design() : nullptr)
        fillPresets(*ws);
    ++m_generation;
    m_reading = false;
    m_readAgain = false;
    m_usage.reset();
    m_report.reset();
    m_endedWhileReading.clear();
    m_breakdown->clear();
    if (m_reader && m_reader->hasFile())
        m_totals->setText(tr("Pricing what ran…"));
    reread();
}

void CostPanel::fillPresets(const Workspace &design)
{
    const QString current = m_preset->currentData().toString();
    const QSignalBlocker block(m_preset);
    m_preset->clear();
    m_preset->addItem(tr("The workspace's own (settings.pricing)"), QString());
    if (auto presets = workspacePricingPresets(design.settings)) {
        for (const PricingPreset &p : *presets)
            m_preset->addItem(qs(p.name), qs(p.id));
    }
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(current)));
}

CostInputs CostPanel::inputs() const
{
    CostInputs in;
    in.requestsPerMonth = std::round(m_requests->value());
    in.vmHourly = m_vm->value();
    if (const QString id = m_preset->currentData().toString(); !id.isEmpty())
        in.preset = id.toStdString();
    return in;
}

void CostPanel::addInvocation(const HistoryEntry &entry)
{
    add(entry);
}

void CostPanel::runEnded(const std::string &runId)
{
    add(runId);
}

void CostPanel::add(const Ended &ended)
{
    const auto apply = [](RecordedUsage &usage, const Ended &e) {
        if (const auto *entry = std::get_if<HistoryEntry>(&e))
            usage.addInvocation(*entry);
        else
            usage.runEnded(std::get<std::string>(e));
    };
    if (m_usage)
        apply(*m_usage, ended);
    if (m_reading) {
        // The read may or may not hold it: it is added to what the read gives,
        // as the Charts panel does (a stop reads again, exactly).
        Ended kept = ended;
        if (auto *entry = std::get_if<HistoryEntry>(&kept))
            entry->record.logs.clear();
        m_endedWhileReading.push_back(std::move(kept));
    }
    if (m_usage || m_reading)
        priceSoon();
}

void CostPanel::priceSoon()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    if (!m_soon->isActive())
        m_soon->start();
}

void CostPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(m_stale, false))
        refresh();
}

void CostPanel::refresh()
{
    m_soon->stop();
    const Workspace *design = m_design ? m_design() : nullptr;
    if (!design || !m_reader || !m_reader->hasFile()) {
        m_report.reset();
        m_breakdown->clear();
        m_totals->setText(tr("Save the workspace as a file to price what it runs."));
        return;
    }
    if (!m_usage)
        return; // priced once the read arrives
    fillPresets(*design);
    showResult(costReport(*m_usage, *design, inputs()));
}

void CostPanel::reread()
{
    if (!m_reader || !m_reader->hasFile())
        return refresh();
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_endedWhileReading.clear();
    const quint64 generation = m_generation;
    // A connection of its own on a pool thread: the GUI thread never reads the history here.
    readInBackground([generation, file = m_reader->file().toStdString(), self = QPointer<CostPanel>(this)] {
        auto store = WorkspaceStore::open(file, WorkspaceStore::Access::ReadOnly);
        Result<RecordedUsage> usage = store ? RecordedUsage::read(store->database())
                                            : Result<RecordedUsage>(store.status());
        QMetaObject::invokeMethod(qApp, [self, generation, usage = std::move(usage)]() mutable {
            if (!self || generation != self->m_generation)
                return;
            self->m_reading = false;
            if (!usage) {
                self->m_usage.reset();
                self->showResult(usage.status());
            } else {
                self->m_usage = usage.take();
                for (const Ended &ended : std::exchange(self->m_endedWhileReading, {}))
                    self->add(ended);
                if (self->isVisible())
                    self->refresh();
                else
                    self->m_stale = true;
            }
            if (std::exchange(self->m_readAgain, false))
                self->reread();
        });
    });
}

void CostPanel::showResult(Result<CostReport> report)
{
    if (!report) {
        m_report.reset();
        m_breakdown->clear();
        m_totals->setText(tr("Cannot price: %1").arg(qs(report.status().message())));
        return;
    }
    m_report = report.take();
    show(*m_report);
}

void CostPanel::show(const CostReport &report)
{
    const bool free = m_freeTier->isChecked();
    const MonthlyCost &month = report.projected(free);
    QString totals = tr("<b>What ran:</b> %1 &nbsp; <b>A month</b> at %2 requests per function: <b>%3</b> %4 "
                        "(requests %5, compute %6, gateway %7)")
                         .arg(qs(money(report.recordedTotal())))
                         .arg(QLocale().toString(report.requestsPerMonth, 'f', 0))
                         .arg(qs(money(month.total())))
                         .arg(free ? tr("with the free tier") : tr("without the free tier"))
                         .arg(qs(money(month.requestCost)), qs(money(month.computeCost)), qs(money(month.gatewayCost)));
    totals += tr("<br>An always-on VM at %1/h: %2 a month; ")
                  .arg(qs(money(report.vmHourly)), qs(money(report.vmHourly * kHoursPerMonth)));
    totals += report.breakEvenRequestsPerMonth
                  ? tr("serverless costs as much at %1 requests per function a month.")
                        .arg(QLocale().toString(*report.breakEvenRequestsPerMonth, 'f', 0))
                  : tr("serverless stays cheaper at any traffic.");
    totals += tr("<br><small>%1, prices read %2</small>").arg(qs(report.preset.name).toHtmlEscaped(), qs(report.preset.readOn));
    m_totals->setText(totals);

    m_breakdown->clear();
    auto *functions = new QTreeWidgetItem(m_breakdown, {tr("Functions, a month at this traffic (without free tier)")});
    for (const FunctionCost &f : report.functions) {
        new QTreeWidgetItem(functions,
                            {qs(f.function), tr("%1 MB").arg(f.memoryMB),
                             tr("%1 ms (%2)").arg(f.averageDurationMs, 0, 'f', 2).arg(f.durationFromHistory ? tr("measured") : tr("assumed")),
                             tr("%1 recorded").arg(f.recordedInvocations),
                             report.requestsPerMonth > 0 ? qs(money(f.costWithoutFreeTier / report.requestsPerMonth)) : QString(),
                             qs(money(f.costWithoutFreeTier))});
    }
    auto *ran = new QTreeWidgetItem(m_breakdown, {tr("What ran, by workflow (as priced when it ran)"), {}, {}, {}, {}, qs(money(report.recordedTotal()))});
    for (const RecordedWorkflowCost &w : report.recordedRuns) {
        const Workspace *design = m_design ? m_design() : nullptr;
        const Workflow *workflow = design ? design->findWorkflow(WorkflowId(w.workflowId)) : nullptr;
        const QString name = w.workflowId.empty() ? tr("(functions on their own)")
                                                  : workflow ? qs(workflow->name()) : qs(w.workflowId);
        new QTreeWidgetItem(ran, {name, {}, {}, tr("%1 runs / %2 invocations").arg(w.runs).arg(w.invocations),
                                  tr("%1 a run").arg(qs(money(w.averagePerRun))), qs(money(w.total))});
    }
    m_breakdown->expandAll();
    // The figures fit their text, but leave the names (the first, stretching
    // column) at least 30 % of the width; what is cut short is whole in its tooltip.
    const int columns = m_breakdown->columnCount();
    const int names = std::max(120, m_breakdown->viewport()->width() * 3 / 10);
    const int widest = std::max(50, (m_breakdown->viewport()->width() - names) / std::max(1, columns - 1));
    for (int c = 1; c < columns; ++c) {
        m_breakdown->resizeColumnToContents(c);
        m_breakdown->setColumnWidth(c, std::min(m_breakdown->columnWidth(c), widest));
    }
    for (QTreeWidgetItemIterator it(m_breakdown); *it; ++it) {
        for (int c = 0; c < columns; ++c)
            (*it)->setToolTip(c, (*it)->text(c));
    }
}

} // namespace stratus::editor
