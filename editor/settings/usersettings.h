#pragma once

#include "engine/model/json.h"
#include "engine/model/settings.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace stratus::editor {

/// The studio's look: the platform's own, or Fusion with a light, dark or
/// high-contrast palette.
enum class Theme { System, Light, Dark, HighContrast };

/// The user's defaults, kept with QSettings (on Linux
/// ~/.config/Stratus/Stratus Studio.conf). They fill in what a workspace does
/// not say; a workspace's own settings stay in the workspace and win.
struct UserSettings
{
    QString language;                  ///< "" follows the system; else "en", "pt_BR", "de"
    Theme theme = Theme::System;
    QString nodePath;                  ///< "" finds one (see docs/runtime.md); else an absolute path
    QString pythonPath;                ///< the same for Python 3
    engine::GatewaySettings gateway;   ///< where Run listens when the workspace does not say
    QString pricingPreset = QStringLiteral("aws-x86_64"); ///< for new workspaces
    double vmPricePerHour = 0.0416;    ///< the cost panel's VM comparison (an m5.large's on-demand price)
    int retentionDays = 0;             ///< for new workspaces; 0 keeps all
    long long retentionRuns = 0;       ///< for new workspaces; 0 keeps all
    int autosaveDelayMs = 1000;

    static constexpr int kMinAutosaveDelayMs = 200;
    static constexpr int kMaxAutosaveDelayMs = 60'000;

    /// Reads the user's settings. A value of the wrong type or out of range
    /// (the file may have been edited by hand) is replaced by its default,
    /// and `problems` gets a line naming the key, the value and the default.
    static UserSettings load(QSettings &settings, QStringList *problems = nullptr);
    /// The settings at the default place (QSettings()).
    static UserSettings load(QStringList *problems = nullptr);
    void save(QSettings &settings) const;
    void save() const;

    /// The settings a new workspace starts with: pricing, region, retention.
    engine::Json newWorkspaceSettings() const;

    bool operator==(const UserSettings &) const = default;
};

/// A language the studio has a translation into (or English).
struct LanguageChoice
{
    QString code; ///< "en", "pt_BR", "de"
    QString name; ///< in the language itself: "Deutsch"
    bool installed = false; ///< its .qm file is here (English always is)
};
/// The languages Stratus is translated into, English first.
QList<LanguageChoice> languageChoices();

/// Makes `settings` take effect in this process: the interpreters
/// (STRATUS_NODE and STRATUS_PYTHON, for the next cold start) and the theme.
/// An interpreter that is not one is not used, and `messages` says why.
void applyUserSettings(const UserSettings &settings, QStringList *messages = nullptr);

/// Loads the studio's translation into `language` ("" follows the system's
/// locale) and Qt's own, before any window is made: widgets take their text
/// when made, so a change takes effect at the next start. A language with
/// no translation installed, or a damaged .qm file, leaves the studio in
/// English and `messages` says so.
void installTranslations(const QString &language, QStringList *messages = nullptr);

/// "system", "light", "dark", "high-contrast": how a theme is kept.
QString themeKey(Theme theme);
/// The theme kept as `key`; none for a key that is not one.
std::optional<Theme> themeFromKey(const QString &key);

} // namespace stratus::editor
