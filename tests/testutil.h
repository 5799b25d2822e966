#pragma once

// Small helpers shared by the Qt Test files. Header-only on purpose: each test
// is its own executable.

#include "engine/store/workspacejson.h"
#include "engine/store/workspacestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>



namespace stratus::test {

inline QByteArray readBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// SHA-256 of a file's bytes, to prove a file was not modified.
inline QByteArray fileHash(const QString &path)
{
    return QCryptographicHash::hash(readBytes(path), QCryptographicHash::Sha256).toHex();
}

inline QStringList exampleFiles()
{
    QDir dir(QStringLiteral(STRATUS_EXAMPLES_DIR));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

inline std::string str(const QString &s)
{
    return s.toStdString();
}

/// Reads a workspace document that the test knows to be well-formed.
inline engine::Workspace readDocument(const std::string &json)
{
    auto result = engine::workspace_json::read(json);
    if (!result) {
        qWarning("document does not read: %s", result.status().message().c_str());
        return {};
    }
    return result->workspace;
}

/// A bundled example ("http-api") imported into a workspace file in `dir`.
inline QString importExample(const QString &dir, const char *name)
{
    const QString target = QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".stratus"));
    auto doc = engine::workspace_json::readFile(STRATUS_EXAMPLES_DIR "/" + std::string(name) + ".json");
    if (!doc || !engine::WorkspaceStore::writeTo(target.toStdString(), doc->workspace))
        qFatal("cannot import %s", name);
    return target;
}

} // namespace stratus::test
