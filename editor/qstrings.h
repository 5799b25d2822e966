#pragma once

// Small conversions between the engine's std::string and the widgets' QString,
// shared by the editor's files.

#include <QCoreApplication>
#include <QKeySequence>
#include <QString>

#include <string>

namespace stratus::editor {

inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// The node kinds' labels and descriptions, which the engine marks with
/// QT_TRANSLATE_NOOP("NodeKind", ...) and keeps in English, in the studio's language.
inline QString kindText(const std::string &english)
{
    return QCoreApplication::translate("NodeKind", english.c_str());
}

/// Keys as the menus write them, in the user's language ("Strg+Z"), for
/// texts that name a shortcut.
inline QString keyText(const QKeySequence &keys)
{
    return keys.toString(QKeySequence::NativeText);
}

/// "1 node", "3 nodes": English has no .qm of its own, so %n plurals would read
/// "node(s)"; the caller passes both words through tr().
inline QString count(size_t n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace stratus::editor
