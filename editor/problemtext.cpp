#include "problemtext.h"

#include "editor/qstrings.h"

#include <QCoreApplication>

#include <map>

namespace stratus::editor {

QString problemReason(const std::string &code)
{
    // Every code the engine's checks give (engine/model, engine/store).
    static const std::map<std::string, const char *> reasons = {
        {"bad-choice-rule", QT_TRANSLATE_NOOP("Problem", "Choice rule not valid")},
        {"bad-environment", QT_TRANSLATE_NOOP("Problem", "Environment variable not valid")},
        {"bad-file-path", QT_TRANSLATE_NOOP("Problem", "File path not valid")},
        {"bad-handler", QT_TRANSLATE_NOOP("Problem", "Handler not valid")},
        {"bad-name", QT_TRANSLATE_NOOP("Problem", "Name not valid")},
        {"bad-path", QT_TRANSLATE_NOOP("Problem", "Route path not valid")},
        {"bad-schedule", QT_TRANSLATE_NOOP("Problem", "Schedule not valid")},
        {"bad-timezone", QT_TRANSLATE_NOOP("Problem", "Unknown time zone")},
        {"bad-value", QT_TRANSLATE_NOOP("Problem", "Value not allowed")},
        {"cycle-without-queue", QT_TRANSLATE_NOOP("Problem", "Loop without a queue")},
        {"dangling-edge", QT_TRANSLATE_NOOP("Problem", "Wire to a missing node")},
        {"dangling-test-event", QT_TRANSLATE_NOOP("Problem", "Test event of a missing node")},
        {"duplicate-edge", QT_TRANSLATE_NOOP("Problem", "Wire drawn twice")},
        {"duplicate-id", QT_TRANSLATE_NOOP("Problem", "Id used twice")},
        {"duplicate-name", QT_TRANSLATE_NOOP("Problem", "Name used twice")},
        {"duplicate-route", QT_TRANSLATE_NOOP("Problem", "Route used twice")},
        {"ignored-field", QT_TRANSLATE_NOOP("Problem", "Field ignored")},
        {"incompatible-ports", QT_TRANSLATE_NOOP("Problem", "Ports that do not fit")},
        {"missing-field", QT_TRANSLATE_NOOP("Problem", "Required field missing")},
        {"missing-id", QT_TRANSLATE_NOOP("Problem", "Missing id")},
        {"missing-value", QT_TRANSLATE_NOOP("Problem", "Missing value")},
        {"out-of-range", QT_TRANSLATE_NOOP("Problem", "Out of range")},
        {"pricing", QT_TRANSLATE_NOOP("Problem", "Pricing not valid")},
        {"unknown-field", QT_TRANSLATE_NOOP("Problem", "Unknown field")},
        {"unknown-kind", QT_TRANSLATE_NOOP("Problem", "Unknown node kind")},
        {"unknown-resource", QT_TRANSLATE_NOOP("Problem", "Unknown resource")},
        {"wrong-type", QT_TRANSLATE_NOOP("Problem", "Wrong type")},
    };
    const auto it = reasons.find(code);
    return it == reasons.end() ? QString() : QCoreApplication::translate("Problem", it->second);
}

QString problemText(const engine::Problem &problem)
{
    const QString reason = problemReason(problem.code);
    // "is required" says no more than its kind does.
    if (!reason.isEmpty() && problem.code == "missing-field" && problem.message == "is required")
        return reason;
    return reason.isEmpty() ? qs(problem.message)
                            : QCoreApplication::translate("Problem", "%1: %2").arg(reason, qs(problem.message));
}

} // namespace stratus::editor
