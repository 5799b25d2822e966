#pragma once

#include "engine/model/problem.h"

#include <QString>

namespace stratus::editor {

/// A problem's kind in the studio's language ("Out of range"), from its
/// stable code ("out-of-range"); empty for a code it does not know. The
/// engine writes its messages in English, as the CLI prints them
/// (docs/translating.md): the studio puts this reason before them, so the
/// kind of problem reads in the user's language and the detail (values,
/// names, AWS's limits) as the CLI says it.
QString problemReason(const std::string &code);

/// "Out of range: 64 is below the minimum 128", as the Problems panel and
/// the inspector show a problem.
QString problemText(const engine::Problem &problem);

} // namespace stratus::editor
