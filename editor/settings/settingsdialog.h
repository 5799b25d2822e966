#pragma once

#include "usersettings.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace stratus::editor {

/// Edit → Settings: the user's defaults (UserSettings). OK keeps them only
/// when every field holds a value that works; a field that does not says
/// why beside it.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const UserSettings &current, QWidget *parent = nullptr);

    /// What the fields hold now.
    UserSettings settings() const;
    /// The fields' problems, each naming its field; empty when OK may close.
    QStringList problems() const;

    void accept() override;

private:
    void fill(const UserSettings &s);
    /// Says beside an interpreter's field what runs: the chosen one's
    /// version, what is wrong with it, or the one Stratus finds itself.
    void checkInterpreter(int language);

    QComboBox *m_language = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_autosave = nullptr;
    QLineEdit *m_interpreter[2] = {};
    QLabel *m_interpreterState[2] = {};
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_pricing = nullptr;
    QDoubleSpinBox *m_vmPrice = nullptr;
    QSpinBox *m_retentionDays = nullptr;
    QSpinBox *m_retentionRuns = nullptr;
    QLabel *m_problems = nullptr;
};

} // namespace stratus::editor
