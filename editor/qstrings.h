#pragma once

// Small conversions between the engine's std::string and the widgets' QString,
// shared by the editor's files.

#include <QString>

#include <string>

namespace stratus::editor {

inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// "1 node", "3 nodes" (no translations are loaded yet, so %n plurals would read "node(s)").
inline QString count(size_t n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace stratus::editor
