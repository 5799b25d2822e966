#pragma once

// What the tests of the local AWS endpoints share: a workspace served with
// its endpoints on a free port, and the AWS CLI pointed at them.

#include "engine/run/runtest.h" // tests/engine/run

#include "engine/run/workspaceserver.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <utility>

namespace stratus::test {

/// The workspace `file` served (gateway and endpoints on free ports, no
/// schedules), its runtimes' cache in `dir`; every run's outcome appended to `runs`.
inline std::unique_ptr<engine::run::WorkspaceServer> serveWithEndpoints(const QTemporaryDir &dir, const QString &file,
                                                                        std::vector<engine::run::RunOutcome> &runs,
                                                                        engine::Status &status)
{
    engine::run::WorkspaceServer::Options options;
    options.executor.workspaceFile = file.toStdString();
    options.executor.runtime.cacheRoot = dir.filePath(QStringLiteral("cache")).toStdString();
    options.listen = true;
    options.port = 0;
    options.schedules = false;
    auto server = std::make_unique<engine::run::WorkspaceServer>(options);
    status = server->start();
    server->executor().setObserver(
        engine::run::Executor::Observer{{}, [&runs](const engine::run::RunOutcome &o) { runs.push_back(o); }, {}, {}});
    return server;
}

/// The port of a "http://HOST:PORT" URL.
inline int portOf(const std::string &url)
{
    return std::stoi(url.substr(url.rfind(':') + 1));
}

/// Debian's AWS CLI ("" when it is not installed).
inline QString awsCli()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/aws")) ? QStringLiteral("/usr/bin/aws")
                                                             : QStandardPaths::findExecutable(QStringLiteral("aws"));
}

/// Runs the AWS CLI against `endpoint` with fake credentials and no user
/// configuration, serving the caller's event loop meanwhile; its exit code and output.
inline std::pair<int, std::string> runAwsCli(const std::string &endpoint, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[k, v] : {std::pair{"AWS_ACCESS_KEY_ID", "local"}, std::pair{"AWS_SECRET_ACCESS_KEY", "local"},
                               std::pair{"AWS_DEFAULT_REGION", "us-east-1"}, std::pair{"AWS_CONFIG_FILE", "/dev/null"},
                               std::pair{"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"}, std::pair{"AWS_PAGER", ""}})
        env.insert(QString::fromLatin1(k), QString::fromLatin1(v));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(awsCli(), QStringList{QStringLiteral("--endpoint-url"), QString::fromStdString(endpoint),
                                  QStringLiteral("--output"), QStringLiteral("json")}
                          + args);
    (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 60000);
    return {p.exitCode(), p.readAllStandardOutput().toStdString() + p.readAllStandardError().toStdString()};
}

} // namespace stratus::test
