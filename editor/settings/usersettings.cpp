#include "usersettings.h"

#include "editor/qstrings.h"
#include "engine/meter/pricing.h"
#include "engine/run/costreport.h"
#include "engine/runtime/launch.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

#include <functional>
#include <memory>

using namespace stratus::engine;

namespace stratus::editor {

namespace {

// The keys, one place: the dialog, the tests and a hand-edited file agree.
const QString kLanguage = QStringLiteral("appearance/language");
const QString kTheme = QStringLiteral("appearance/theme");
const QString kNode = QStringLiteral("runtimes/node");
const QString kPython = QStringLiteral("runtimes/python");
const QString kGatewayHost = QStringLiteral("run/gatewayHost");
const QString kGatewayPort = QStringLiteral("run/gatewayPort");
const QString kPricing = QStringLiteral("costs/pricingPreset");
const QString kVmPrice = QStringLiteral("costs/vmPricePerHour");
const QString kRetentionDays = QStringLiteral("newWorkspaces/retentionDays");
const QString kRetentionRuns = QStringLiteral("newWorkspaces/retentionRuns");
const QString kAutosave = QStringLiteral("editing/autosaveDelayMs");

constexpr int kMaxRetentionDays = 36'500; // a hundred years: "keep" is 0

/// The languages there are translations of, by code, with their own names.
const QList<std::pair<QString, QString>> &knownLanguages()
{
    static const QList<std::pair<QString, QString>> languages = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("pt_BR"), QStringLiteral("Português (Brasil)")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    return languages;
}

/// Where the studio's .qm files are: beside an installed binary
/// (share/stratus/translations), then the build tree's.
QStringList translationFolders()
{
    // STRATUS_TRANSLATIONS_DIR first: a translator's own .qm files, tried
    // before the installed ones (docs/translating.md).
    QStringList folders;
    if (const QString own = qEnvironmentVariable("STRATUS_TRANSLATIONS_DIR"); !own.isEmpty())
        folders << own;
    const QString bin = QCoreApplication::applicationDirPath();
    folders << bin + QStringLiteral("/../share/stratus/translations") << bin + QStringLiteral("/../translations")
            << QStringLiteral(STRATUS_BUILD_TRANSLATIONS_DIR);
    return folders;
}

/// The .qm file the studio uses for `locale`: the first folder that has one
/// for its language (de_DE falls back to de), or empty.
QString translationFile(const QLocale &locale)
{
    QStringList names{locale.name()};
    if (const QString language = locale.name().section(QLatin1Char('_'), 0, 0); language != names.front())
        names << language;
    for (const QString &dir : translationFolders()) {
        for (const QString &name : names) {
            const QString file = dir + QStringLiteral("/stratus_") + name + QStringLiteral(".qm");
            if (QFileInfo::exists(file))
                return QDir::cleanPath(file);
        }
    }
    return {};
}

QString translationFile(const QString &language)
{
    return translationFile(QLocale(language));
}

/// Reads one value, replacing what is missing, of the wrong type or out of
/// range by the default and saying so.
class Reader
{
public:
    Reader(QSettings &settings, QStringList *problems)
        : m_settings(settings)
        , m_problems(problems)
    {
    }

    QString text(const QString &key, const QString &fallback, const std::function<QString(const QString &)> &check = {})
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        if (value.typeId() != QMetaType::QString) {
            complain(key, value, QCoreApplication::translate("UserSettings", "is not text"), fallback);
            return fallback;
        }
        const QString s = value.toString().trimmed();
        if (s.isEmpty())
            return fallback; // left empty: the default, as if absent
        if (check) {
            if (const QString why = check(s); !why.isEmpty()) {
                complain(key, value, why, fallback);
                return fallback;
            }
        }
        return s;
    }

    long long whole(const QString &key, long long fallback, long long min, long long max)
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        bool ok = false;
        const long long n = value.toString().trimmed().toLongLong(&ok);
        if (!ok || n < min || n > max) {
            complain(key, value, QCoreApplication::translate("UserSettings", "is not a whole number from %1 to %2").arg(min).arg(max),
                     QString::number(fallback));
            return fallback;
        }
        return n;
    }

    double number(const QString &key, double fallback, double min, double max)
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        bool ok = false;
        const double n = value.toString().trimmed().toDouble(&ok);
        if (!ok || !(n >= min && n <= max)) {
            complain(key, value, QCoreApplication::translate("UserSettings", "is not a number from %1 to %2").arg(min).arg(max),
                     QString::number(fallback));
            return fallback;
        }
        return n;
    }

private:
    void complain(const QString &key, const QVariant &value, const QString &why, const QString &fallback)
    {
        if (!m_problems)
            return;
        const QString shown = value.typeId() == QMetaType::QString ? QStringLiteral("\"%1\"").arg(value.toString().left(60))
                                                                   : value.toString().left(60);
        m_problems->append(QCoreApplication::translate("UserSettings", "Setting %1 = %2 %3; using %4")
                               .arg(key, shown.isEmpty() ? QStringLiteral("(a list or group)") : shown, why,
                                    fallback.isEmpty() ? QCoreApplication::translate("UserSettings", "the default")
                                                       : QStringLiteral("\"%1\"").arg(fallback)));
    }

    QSettings &m_settings;
    QStringList *m_problems;
};

QString absolutePathOrEmpty(const QString &path)
{
    return path.isEmpty() || QDir::isAbsolutePath(path) ? QString() : QCoreApplication::translate("UserSettings", "is not an absolute path");
}

QPalette themePalette(Theme theme)
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = fusion->standardPalette();
    auto set = [&p](QPalette::ColorRole role, const QColor &c) { p.setColor(role, c); };
    if (theme == Theme::Dark) {
        set(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        set(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        set(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        set(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x30));
        set(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        set(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
        set(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        set(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
        set(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        set(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        set(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
        set(QPalette::HighlightedText, Qt::white);
        set(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
        set(QPalette::Mid, QColor(0x50, 0x50, 0x50));
        set(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    } else if (theme == Theme::HighContrast) {
        // Black and white with a yellow selection: WCAG's strongest contrast.
        for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button,
                                         QPalette::ToolTipBase})
            set(role, Qt::black);
        for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                                         QPalette::ToolTipText, QPalette::BrightText, QPalette::Light, QPalette::Mid})
            set(role, Qt::white);
        set(QPalette::Highlight, QColor(0xff, 0xff, 0x00));
        set(QPalette::HighlightedText, Qt::black);
        set(QPalette::Link, QColor(0x00, 0xff, 0xff));
        set(QPalette::PlaceholderText, QColor(0xd0, 0xd0, 0xd0));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa0, 0xa0));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa0, 0xa0));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa0, 0xa0));
    }
    return p;
}

void applyTheme(Theme theme)
{
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (!app)
        return;
    // The platform's own style, remembered before the first change.
    static const QString systemStyle = QApplication::style()->name();
    if (theme == Theme::System) {
        QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(themePalette(theme));
    }
    // Fusion draws frames a shade darker than the window: none on black. High
    // contrast draws every field's edge in white, and the focused one in
    // yellow; a style sheet that draws edges must draw the boxes of check
    // boxes and the arrows of spin and combo boxes too (as white triangles).
    app->setStyleSheet(theme == Theme::HighContrast
                           ? QStringLiteral("QLineEdit, QAbstractSpinBox, QComboBox, QAbstractScrollArea, QPushButton"
                                            " { border: 1px solid #ffffff; }"
                                            " QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus,"
                                            " QAbstractScrollArea:focus, QPushButton:focus { border: 2px solid #ffff00; }"
                                            " QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator"
                                            " { width: 12px; height: 12px; border: 1px solid #ffffff; background: #000000; }"
                                            " QRadioButton::indicator { border-radius: 7px; }"
                                            " QCheckBox::indicator:checked, QRadioButton::indicator:checked,"
                                            " QGroupBox::indicator:checked { background: #ffff00; border: 2px solid #ffffff; }"
                                            " QCheckBox:focus, QRadioButton:focus { color: #ffff00; }"
                                            " QAbstractSpinBox::up-button, QAbstractSpinBox::down-button"
                                            " { width: 16px; border-left: 1px solid #ffffff; }"
                                            " QComboBox::drop-down { width: 16px; border-left: 1px solid #ffffff; }"
                                            " QAbstractSpinBox::up-arrow { width: 0; height: 0; border-left: 4px solid #000000;"
                                            " border-right: 4px solid #000000; border-bottom: 5px solid #ffffff; }"
                                            " QAbstractSpinBox::down-arrow, QComboBox::down-arrow { width: 0; height: 0;"
                                            " border-left: 4px solid #000000; border-right: 4px solid #000000;"
                                            " border-top: 5px solid #ffffff; }")
                           : QString());
}

/// Sets STRATUS_NODE or STRATUS_PYTHON for the chosen interpreter. With none
/// chosen, what the studio was started with stays (a user's own variable).
void applyInterpreter(RuntimeLanguage language, const QString &chosen, QStringList *messages)
{
    const char *variable = language == RuntimeLanguage::NodeJs ? "STRATUS_NODE" : "STRATUS_PYTHON";
    static const QByteArray startedWithNode = qgetenv("STRATUS_NODE");
    static const QByteArray startedWithPython = qgetenv("STRATUS_PYTHON");
    const QByteArray &startedWith = language == RuntimeLanguage::NodeJs ? startedWithNode : startedWithPython;
    auto restore = [&] {
        if (startedWith.isEmpty())
            qunsetenv(variable);
        else
            qputenv(variable, startedWith);
    };
    if (chosen.isEmpty()) {
        restore();
        return;
    }
    if (auto checked = checkInterpreter(language, chosen); !checked) {
        restore();
        if (messages)
            messages->append(QCoreApplication::translate("UserSettings", "The chosen %1 interpreter is not used: %2. "
                                                                         "Stratus finds one itself.")
                                 .arg(language == RuntimeLanguage::NodeJs ? QStringLiteral("Node.js")
                                                                          : QStringLiteral("Python"),
                                      qs(checked.status().message())));
        return;
    }
    qputenv(variable, chosen.toUtf8());
}

} // namespace

void installTranslations(const QString &chosen, QStringList *messages)
{
    static QTranslator *ours = nullptr;
    static QTranslator *qts = nullptr;
    for (QTranslator **t : {&ours, &qts}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (!chosen.isEmpty() && locale.language() == QLocale::C) {
        if (messages)
            messages->append(QCoreApplication::translate("UserSettings", "\"%1\" is not a language; the studio is "
                                                                         "in English.").arg(chosen));
        return;
    }
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    const QString file = translationFile(locale);
    auto *translator = new QTranslator;
    // A file that is not a .qm, or another program's, is named and passed
    // over: the studio stays in English rather than half translated.
    QString problem;
    if (file.isEmpty())
        problem = QCoreApplication::translate("UserSettings", "No translation into %1 is installed; the studio is in "
                                                              "English.")
                      .arg(locale.nativeLanguageName());
    else if (!translator->load(file))
        problem = QCoreApplication::translate("UserSettings", "%1 could not be read as a translation; the studio is in "
                                                              "English.")
                      .arg(QDir::toNativeSeparators(file));
    else if (translator->translate("stratus::editor::MainWindow", "&File").isEmpty())
        problem = QCoreApplication::translate("UserSettings", "%1 holds no translation of Stratus; the studio is in "
                                                              "English.")
                      .arg(QDir::toNativeSeparators(file));
    if (problem.isEmpty() && QCoreApplication::installTranslator(translator)) {
        ours = translator;
    } else {
        delete translator;
        // The system's language without a translation is no news; a choice is.
        if (messages && (!chosen.isEmpty() || !file.isEmpty()))
            messages->append(problem);
        return; // Qt's own strings follow ours: no half-translated window
    }
    auto *qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        && QCoreApplication::installTranslator(qt))
        qts = qt;
    else
        delete qt;
}

QString themeKey(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::HighContrast:
        return QStringLiteral("high-contrast");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Theme> themeFromKey(const QString &key)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark, Theme::HighContrast}) {
        if (themeKey(t) == key)
            return t;
    }
    return std::nullopt;
}

UserSettings UserSettings::load(QSettings &settings, QStringList *problems)
{
    const UserSettings defaults;
    UserSettings u;
    Reader read(settings, problems);
    u.language = read.text(kLanguage, defaults.language, [](const QString &code) {
        for (const auto &[known, name] : knownLanguages()) {
            if (known == code)
                return QString();
        }
        return code.isEmpty() ? QString() : QCoreApplication::translate("UserSettings", "is not a language Stratus has (en, pt_BR, de)");
    });
    const QString theme = read.text(kTheme, themeKey(defaults.theme), [](const QString &key) {
        return themeFromKey(key) ? QString() : QCoreApplication::translate("UserSettings", "is not a theme (system, light, dark, high-contrast)");
    });
    u.theme = themeFromKey(theme).value_or(defaults.theme);
    u.nodePath = read.text(kNode, defaults.nodePath, absolutePathOrEmpty);
    u.pythonPath = read.text(kPython, defaults.pythonPath, absolutePathOrEmpty);
    u.gateway.host = read.text(kGatewayHost, qs(defaults.gateway.host), [](const QString &host) {
        return host == QLatin1String("localhost") || !QHostAddress(host).isNull()
                   ? QString()
                   : QCoreApplication::translate("UserSettings", "is not an IP address or localhost");
    }).toStdString();
    u.gateway.port = int(read.whole(kGatewayPort, defaults.gateway.port, 0, 65535));
    u.pricingPreset = read.text(kPricing, defaults.pricingPreset, [](const QString &id) {
        for (const PricingPreset &p : builtinPricingPresets()) {
            if (qs(p.id) == id)
                return QString();
        }
        return QCoreApplication::translate("UserSettings", "is not a pricing preset");
    });
    u.vmPricePerHour = read.number(kVmPrice, defaults.vmPricePerHour, 0, kMaxVmHourly);
    u.retentionDays = int(read.whole(kRetentionDays, defaults.retentionDays, 0, kMaxRetentionDays));
    u.retentionRuns = read.whole(kRetentionRuns, defaults.retentionRuns, 0, 1'000'000'000'000LL);
    u.autosaveDelayMs = int(read.whole(kAutosave, defaults.autosaveDelayMs, kMinAutosaveDelayMs, kMaxAutosaveDelayMs));
    return u;
}

UserSettings UserSettings::load(QStringList *problems)
{
    QSettings settings;
    return load(settings, problems);
}

void UserSettings::save(QSettings &settings) const
{
    settings.setValue(kLanguage, language);
    settings.setValue(kTheme, themeKey(theme));
    settings.setValue(kNode, nodePath);
    settings.setValue(kPython, pythonPath);
    settings.setValue(kGatewayHost, qs(gateway.host));
    settings.setValue(kGatewayPort, gateway.port);
    settings.setValue(kPricing, pricingPreset);
    settings.setValue(kVmPrice, vmPricePerHour);
    settings.setValue(kRetentionDays, retentionDays);
    settings.setValue(kRetentionRuns, retentionRuns);
    settings.setValue(kAutosave, autosaveDelayMs);
    settings.sync();
}

void UserSettings::save() const
{
    QSettings settings;
    save(settings);
}

Json UserSettings::newWorkspaceSettings() const
{
    Json settings{{"pricing", pricingPreset.toStdString()}, {"region", "us-east-1"}};
    if (retentionDays > 0 || retentionRuns > 0) {
        Json retention = Json::object();
        if (retentionDays > 0)
            retention["days"] = retentionDays;
        if (retentionRuns > 0)
            retention["runs"] = retentionRuns;
        settings["retention"] = retention;
    }
    return settings;
}

QList<LanguageChoice> languageChoices()
{
    QList<LanguageChoice> out;
    for (const auto &[code, name] : knownLanguages())
        out.append({code, name, code == QLatin1String("en") || !translationFile(code).isEmpty()});
    return out;
}

void applyUserSettings(const UserSettings &settings, QStringList *messages)
{
    applyInterpreter(RuntimeLanguage::NodeJs, settings.nodePath, messages);
    applyInterpreter(RuntimeLanguage::Python, settings.pythonPath, messages);
    applyTheme(settings.theme);
}

} // namespace stratus::editor
