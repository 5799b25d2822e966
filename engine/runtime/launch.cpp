#include "launch.h"

#include "engine/model/handler.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <unistd.h>

namespace stratus::engine {

namespace {

QString findExecutable(const std::vector<QString> &preferred, const QString &name)
{
    for (const QString &path : preferred) {
        if (QFileInfo(path).isExecutable())
            return path;
    }
    return QStandardPaths::findExecutable(name);
}

/// The environment Lambda gives a function, and nothing of ours.
QProcessEnvironment lambdaEnvironment(const FunctionConfig &f, const std::string &runtimeDirectory)
{
    QProcessEnvironment env;
    auto set = [&](const char *key, const std::string &value) {
        env.insert(QString::fromLatin1(key), QString::fromStdString(value));
    };
    const QString stream = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy/MM/dd"))
                           + QStringLiteral("/[$LATEST]")
                           + QString::number(QRandomGenerator::global()->generate64(), 16)
                                 .rightJustified(16, QLatin1Char('0'))
                           + QString::number(QRandomGenerator::global()->generate64(), 16)
                                 .rightJustified(16, QLatin1Char('0'));
    // The function's own first: Lambda's reserved names cannot be overridden.
    for (const auto &[key, value] : f.environment)
        env.insert(QString::fromStdString(key), QString::fromStdString(value));
    set("PATH", "/usr/local/bin:/usr/bin:/bin");
    set("LANG", "en_US.UTF-8");
    set("TZ", ":UTC");
    set("LAMBDA_TASK_ROOT", f.codeDirectory);
    set("LAMBDA_RUNTIME_DIR", runtimeDirectory);
    set("_HANDLER", f.handler);
    set("AWS_REGION", f.region);
    set("AWS_DEFAULT_REGION", f.region);
    set("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime);
    set("AWS_LAMBDA_FUNCTION_NAME", f.name);
    set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(f.memoryMB));
    set("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    set("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    set("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name);
    env.insert(QStringLiteral("AWS_LAMBDA_LOG_STREAM_NAME"), stream);
    if (isPythonRuntime(f.runtime))
        set("PYTHONUNBUFFERED", "1");
    return env;
}

} // namespace

Result<LaunchCommand> launchCommand(const FunctionConfig &config,
                                    const std::string &runtimeDirectory,
                                    const std::string &runtimeApi)
{
    LaunchCommand command;
    const QString runtimeDir = QString::fromStdString(runtimeDirectory);
    if (isNodeRuntime(config.runtime)) {
        command.program = findExecutable({QStringLiteral("/usr/bin/node")}, QStringLiteral("node"));
        // As the AWS runtime does: the V8 heap may use most of the memory size.
        command.arguments << QStringLiteral("--max-old-space-size=%1").arg(std::max(16, config.memoryMB * 9 / 10))
                          << runtimeDir + QStringLiteral("/bootstrap.js");
    } else if (isPythonRuntime(config.runtime)) {
        const QString version = QString::fromStdString(config.runtime.substr(6)); // "3.12"
        command.program = findExecutable({QStringLiteral("/usr/bin/python") + version,
                                          QStringLiteral("/usr/bin/python3")},
                                         QStringLiteral("python3"));
        command.arguments << QStringLiteral("-u") << runtimeDir + QStringLiteral("/bootstrap.py");
    } else if (isProvidedRuntime(config.runtime)) {
        command.program = QString::fromStdString(config.codeDirectory) + QStringLiteral("/bootstrap");
        if (!QFileInfo(command.program).isFile() || !QFileInfo(command.program).isExecutable())
            return Status::notFound("Couldn't find valid bootstrap(s): [" + command.program.toStdString()
                                    + "] (a provided runtime runs an executable file named bootstrap)");
    } else {
        return Status::invalidArgument("runtime " + config.runtime + " is not supported");
    }
    if (command.program.isEmpty())
        return Status::notFound("no interpreter for " + config.runtime + " on this machine");
    command.environment = lambdaEnvironment(config, runtimeDirectory);
    if (!runtimeApi.empty())
        command.environment.insert(QStringLiteral("AWS_LAMBDA_RUNTIME_API"),
                                   QString::fromStdString(runtimeApi));
    return command;
}

Result<std::string> writeRuntimeBootstraps(const std::string &cacheRoot)
{
    static const char *files[] = {":/stratus/runtimes/node/bootstrap.js",
                                  ":/stratus/runtimes/python/bootstrap.py"};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::vector<QByteArray> contents;
    for (const char *name : files) {
        QFile f(QString::fromLatin1(name));
        if (!f.open(QIODevice::ReadOnly))
            return Status::notFound(std::string("runtime resource ") + name + " is missing");
        contents.push_back(f.readAll());
        hash.addData(contents.back());
    }
    const QString dir = QDir(QString::fromStdString(cacheRoot))
                            .filePath(QStringLiteral("runtimes/")
                                      + QString::fromLatin1(hash.result().toHex().left(16)));
    if (QFile::exists(dir + QStringLiteral("/bootstrap.py")))
        return dir.toStdString();
    const QString staging = dir + QStringLiteral(".tmp-%1").arg(::getpid());
    if (!QDir().mkpath(staging))
        return Status::ioError("cannot create " + staging.toStdString());
    for (size_t i = 0; i < contents.size(); ++i) {
        QFile out(staging + QLatin1Char('/') + QFileInfo(QString::fromLatin1(files[i])).fileName());
        if (!out.open(QIODevice::WriteOnly) || out.write(contents[i]) != contents[i].size())
            return Status::ioError("cannot write " + out.fileName().toStdString());
    }
    if (!QDir().rename(staging, dir))
        QDir(staging).removeRecursively(); // another process wrote the same files first
    return dir.toStdString();
}

} // namespace stratus::engine
