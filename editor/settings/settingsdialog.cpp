#include "settingsdialog.h"

#include "editor/qstrings.h"
#include "engine/meter/pricing.h"
#include "engine/model/runtimes.h"
#include "engine/run/costreport.h"
#include "engine/runtime/launch.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QVBoxLayout>

#include <climits>

using namespace stratus::engine;

namespace stratus::editor {

namespace {

constexpr RuntimeLanguage kLanguages[2] = {RuntimeLanguage::NodeJs, RuntimeLanguage::Python};

QString languageName(int i)
{
    return i == 0 ? QStringLiteral("Node.js") : QStringLiteral("Python");
}

QString interpreterProblem(int i, const QString &path)
{
    if (path.isEmpty())
        return {};
    auto checked = stratus::engine::checkInterpreter(kLanguages[i], path);
    return checked ? QString() : qs(checked.status().message());
}

} // namespace

SettingsDialog::SettingsDialog(const UserSettings &current, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto group = [&](const QString &title, const QString &name) {
        auto *box = new QGroupBox(title, this);
        box->setObjectName(name);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        layout->addWidget(box);
        return form;
    };
    auto named = [](QWidget *w, const QString &name, const QString &description) {
        w->setObjectName(name);
        w->setAccessibleDescription(description);
        w->setToolTip(description);
        return w;
    };

    QFormLayout *look = group(tr("Appearance and editing"), QStringLiteral("appearance"));
    m_language = new QComboBox(this);
    m_language->addItem(tr("The system's language"), QString());
    for (const LanguageChoice &language : languageChoices())
        m_language->addItem(language.installed ? language.name : tr("%1 (not installed)").arg(language.name),
                            language.code);
    look->addRow(tr("&Language:"), named(m_language, QStringLiteral("language"),
                                         tr("The studio's language; it changes when the studio starts again")));
    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), themeKey(Theme::System));
    m_theme->addItem(tr("Light"), themeKey(Theme::Light));
    m_theme->addItem(tr("Dark"), themeKey(Theme::Dark));
    m_theme->addItem(tr("High contrast"), themeKey(Theme::HighContrast));
    look->addRow(tr("&Theme:"), named(m_theme, QStringLiteral("theme"), tr("The studio's colours")));
    m_autosave = new QSpinBox(this);
    m_autosave->setRange(UserSettings::kMinAutosaveDelayMs, UserSettings::kMaxAutosaveDelayMs);
    m_autosave->setSingleStep(100);
    m_autosave->setSuffix(tr(" ms"));
    look->addRow(tr("&Save changes after:"),
                 named(m_autosave, QStringLiteral("autosaveDelay"),
                       tr("How long after a change the workspace file is written")));

    QFormLayout *runtimes = group(tr("Runtimes"), QStringLiteral("runtimes"));
    for (int i = 0; i < 2; ++i) {
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        m_interpreter[i] = new QLineEdit(row);
        named(m_interpreter[i], i == 0 ? QStringLiteral("nodePath") : QStringLiteral("pythonPath"),
              tr("The %1 interpreter that runs functions; empty finds one").arg(languageName(i)));
        m_interpreter[i]->setClearButtonEnabled(true);
        auto *browse = new QPushButton(tr("Browse…"), row);
        named(browse, i == 0 ? QStringLiteral("browseNode") : QStringLiteral("browsePython"),
              tr("Choose the %1 interpreter's file").arg(languageName(i)));
        h->addWidget(m_interpreter[i], 1);
        h->addWidget(browse);
        m_interpreterState[i] = new QLabel(this);
        m_interpreterState[i]->setObjectName(i == 0 ? QStringLiteral("nodeState") : QStringLiteral("pythonState"));
        m_interpreterState[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        runtimes->addRow(i == 0 ? tr("&Node.js:") : tr("&Python:"), row);
        runtimes->addRow(QString(), m_interpreterState[i]);
        connect(m_interpreter[i], &QLineEdit::editingFinished, this, [this, i] { checkInterpreter(i); });
        connect(m_interpreter[i], &QLineEdit::textChanged, this, [this, i](const QString &text) {
            if (text.isEmpty())
                checkInterpreter(i);
        });
        connect(browse, &QPushButton::clicked, this, [this, i] {
            const QString file = QFileDialog::getOpenFileName(this, tr("Choose the %1 interpreter").arg(languageName(i)),
                                                              QStringLiteral("/usr/bin"));
            if (!file.isEmpty()) {
                m_interpreter[i]->setText(file);
                checkInterpreter(i);
            }
        });
    }

    QFormLayout *run = group(tr("Running (when a workspace does not say)"), QStringLiteral("running"));
    m_host = new QLineEdit(this);
    run->addRow(tr("Gateway &host:"),
                named(m_host, QStringLiteral("gatewayHost"),
                      tr("The address the HTTP gateway listens on: 127.0.0.1 keeps it to this machine")));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    run->addRow(tr("Gateway p&ort:"), named(m_port, QStringLiteral("gatewayPort"),
                                            tr("The HTTP gateway's port; 0 takes any free one")));

    QFormLayout *costs = group(tr("Costs"), QStringLiteral("costs"));
    m_pricing = new QComboBox(this);
    for (const PricingPreset &p : builtinPricingPresets())
        m_pricing->addItem(qs(p.name), qs(p.id));
    costs->addRow(tr("P&ricing of new workspaces:"),
                  named(m_pricing, QStringLiteral("pricingPreset"), tr("The price list a new workspace starts with")));
    m_vmPrice = new QDoubleSpinBox(this);
    m_vmPrice->setDecimals(4);
    m_vmPrice->setRange(0, kMaxVmHourly);
    m_vmPrice->setPrefix(QStringLiteral("$"));
    m_vmPrice->setSuffix(tr(" per hour"));
    costs->addRow(tr("&VM to compare with:"),
                  named(m_vmPrice, QStringLiteral("vmPrice"),
                        tr("The hourly price of the always-on machine the Cost panel compares with")));

    QFormLayout *history = group(tr("Run history of new workspaces"), QStringLiteral("newWorkspaces"));
    m_retentionDays = new QSpinBox(this);
    m_retentionDays->setRange(0, 36'500);
    m_retentionDays->setSpecialValueText(tr("Keep all"));
    m_retentionDays->setSuffix(tr(" days"));
    history->addRow(tr("Keep runs &for:"), named(m_retentionDays, QStringLiteral("retentionDays"),
                                                  tr("Runs older than this are removed; 0 keeps them all")));
    m_retentionRuns = new QSpinBox(this);
    m_retentionRuns->setRange(0, INT_MAX);
    m_retentionRuns->setSpecialValueText(tr("Keep all"));
    m_retentionRuns->setSuffix(tr(" runs"));
    history->addRow(tr("Keep at &most:"), named(m_retentionRuns, QStringLiteral("retentionRuns"),
                                                 tr("Only the most recent runs are kept; 0 keeps them all")));

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problems->hide();
    layout->addWidget(m_problems);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::RestoreDefaults,
                                         this);
    buttons->setObjectName(QStringLiteral("buttons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { fill(UserSettings()); });
    layout->addWidget(buttons);

    fill(current);
}

void SettingsDialog::fill(const UserSettings &s)
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language)));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(themeKey(s.theme))));
    m_autosave->setValue(s.autosaveDelayMs);
    m_interpreter[0]->setText(s.nodePath);
    m_interpreter[1]->setText(s.pythonPath);
    m_host->setText(qs(s.gateway.host));
    m_port->setValue(s.gateway.port);
    m_pricing->setCurrentIndex(std::max(0, m_pricing->findData(s.pricingPreset)));
    m_vmPrice->setValue(s.vmPricePerHour);
    m_retentionDays->setValue(s.retentionDays);
    m_retentionRuns->setValue(int(std::min<long long>(s.retentionRuns, INT_MAX)));
    checkInterpreter(0);
    checkInterpreter(1);
}

void SettingsDialog::checkInterpreter(int i)
{
    const QString path = m_interpreter[i]->text().trimmed();
    QLabel *state = m_interpreterState[i];
    if (path.isEmpty()) {
        // What the search gives each runtime of the language.
        QStringList lines;
        const QTemporaryDir cache;
        for (const LambdaRuntime &runtime : lambdaRuntimes()) {
            if (runtime.language != kLanguages[i])
                continue;
            auto found = searchInterpreter(std::string(runtime.id), cache.filePath(QStringLiteral("runtime")).toStdString());
            if (!found)
                continue;
            const QString id = QString::fromLatin1(runtime.id.data(), int(runtime.id.size()));
            lines << (found->exact ? tr("%1: %2 (%3)") : tr("%1: %2 (%3, the closest version)"))
                         .arg(id, found->program, qs(found->version));
        }
        state->setStyleSheet(QString());
        state->setText(lines.isEmpty()
                           ? tr("No %1 found on this machine: functions of its runtimes cannot run.").arg(languageName(i))
                           : tr("Found automatically:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
        return;
    }
    auto checked = stratus::engine::checkInterpreter(kLanguages[i], path);
    state->setStyleSheet(checked ? QString() : QStringLiteral("color: #c62828"));
    state->setText(checked ? tr("%1 %2: runs every %1 runtime.").arg(languageName(i), qs(checked->version))
                           : qs(checked.status().message()));
}

UserSettings SettingsDialog::settings() const
{
    UserSettings s;
    s.language = m_language->currentData().toString();
    const QString theme = m_theme->currentData().toString();
    s.theme = themeFromKey(theme).value_or(Theme::System);
    s.autosaveDelayMs = m_autosave->value();
    s.nodePath = m_interpreter[0]->text().trimmed();
    s.pythonPath = m_interpreter[1]->text().trimmed();
    s.gateway.host = m_host->text().trimmed().toStdString();
    s.gateway.port = m_port->value();
    s.pricingPreset = m_pricing->currentData().toString();
    s.vmPricePerHour = m_vmPrice->value();
    s.retentionDays = m_retentionDays->value();
    s.retentionRuns = m_retentionRuns->value();
    return s;
}

QStringList SettingsDialog::problems() const
{
    QStringList out;
    for (int i = 0; i < 2; ++i) {
        if (const QString why = interpreterProblem(i, m_interpreter[i]->text().trimmed()); !why.isEmpty())
            out << tr("%1 interpreter: %2").arg(languageName(i), why);
    }
    const QString host = m_host->text().trimmed();
    if (host != QLatin1String("localhost") && QHostAddress(host).isNull())
        out << tr("Gateway host: \"%1\" is not an IP address or localhost").arg(host);
    return out;
}

void SettingsDialog::accept()
{
    const QStringList wrong = problems();
    if (!wrong.isEmpty()) {
        m_problems->setText(wrong.join(QLatin1Char('\n')));
        m_problems->show();
        return;
    }
    QDialog::accept();
}

} // namespace stratus::editor
