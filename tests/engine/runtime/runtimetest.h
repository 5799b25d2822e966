#pragma once

// Shared by the runtime tests: a FunctionRuntime with a private cache, and
// helpers that write a function's files into a temporary folder and invoke it.

#include "engine/model/json.h"
#include "engine/runtime/functionruntime.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>
#include <memory>
#include <string>

namespace stratus::test {

using Files = std::map<std::string, std::string>;

class RuntimeFixture
{
public:
    explicit RuntimeFixture(engine::FunctionRuntime::Options options = {})
    {
        if (!m_dir.isValid())
            qFatal("no temporary folder");
        options.cacheRoot = m_dir.filePath(QStringLiteral("cache")).toStdString();
        m_runtime = std::make_unique<engine::FunctionRuntime>(options);
    }

    engine::FunctionRuntime &runtime() { return *m_runtime; }

    /// Writes `files` into a folder of their own and registers the function.
    engine::FunctionConfig add(const std::string &name, const std::string &runtime,
                               const std::string &handler, const Files &files,
                               const std::function<void(engine::FunctionConfig &)> &tweak = {})
    {
        const QString dir = m_dir.filePath(QStringLiteral("code/") + QString::fromStdString(name));
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        for (const auto &[path, text] : files) {
            const QString file = dir + QLatin1Char('/') + QString::fromStdString(path);
            QDir().mkpath(QFileInfo(file).absolutePath());
            QFile out(file);
            if (!out.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(file));
            out.write(text.data(), qint64(text.size()));
            if (path == "bootstrap")
                out.setPermissions(out.permissions() | QFileDevice::ExeOwner);
        }
        engine::FunctionConfig config;
        config.name = name;
        config.runtime = runtime;
        config.handler = handler;
        config.timeoutS = 5;
        config.codeDirectory = dir.toStdString();
        if (tweak)
            tweak(config);
        const engine::Status s = m_runtime->addFunction(config);
        if (!s)
            qFatal("addFunction: %s", s.message().c_str());
        return config;
    }

    engine::InvocationResult invoke(const std::string &name, const std::string &event = "{}")
    {
        engine::InvocationRequest request;
        request.payload = event;
        return m_runtime->invokeAndWait(name, std::move(request));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::FunctionRuntime> m_runtime;
};

inline engine::Json parsed(const std::string &text)
{
    try {
        return engine::Json::parse(text);
    } catch (const engine::Json::exception &e) {
        qWarning("not JSON: %s (%s)", text.c_str(), e.what());
        return {};
    }
}

inline bool processExists(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

inline QString logsOf(const engine::InvocationResult &r)
{
    QString text;
    for (const std::string &line : r.record.logs)
        text += QString::fromStdString(line) + QLatin1Char('\n');
    return text;
}

} // namespace stratus::test
