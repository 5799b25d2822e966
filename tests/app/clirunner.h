#pragma once

// Runs the real `stratus` binary for the CLI tests: its exit code, stdout and
// stderr. Header-only: each test is its own executable.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>

namespace stratus::test {

struct CliRun
{
    int exitCode = -1; ///< -2 when it did not exit normally (a crash)
    QByteArray out;
    QByteArray err;
};

/// Runs `stratus ARGS`, feeding `stdinData`; `setup` may redirect the
/// process's channels (to /dev/full, say) or change its program (runuser).
inline CliRun runStratus(const QStringList &args, const QByteArray &stdinData = {},
                         const std::function<void(QProcess &)> &setup = {})
{
    QProcess p;
    p.setProgram(QStringLiteral(STRATUS_CLI_PATH));
    p.setArguments(args);
    if (setup)
        setup(p);
    p.start();
    if (!p.waitForStarted(10000))
        qFatal("cannot start %s", qPrintable(p.program()));
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        qFatal("stratus %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
    }
    CliRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace stratus::test
