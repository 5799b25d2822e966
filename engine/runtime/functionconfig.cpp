#include "functionconfig.h"

#include "engine/model/nodekind.h"
#include "engine/model/resourceaccess.h"
#include "engine/model/settings.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <unistd.h>

namespace stratus::engine {

std::string FunctionConfig::arn() const
{
    return "arn:aws:lambda:" + region + ":000000000000:function:" + name;
}

void addResourceEnvironment(FunctionConfig &config, const Workspace &workspace, const Node &function,
                            const std::string &servicesUrl)
{
    config.servicesUrl = servicesUrl;
    for (const Node *resource : resourcesUsedBy(workspace, function)) {
        const std::string value = resource->kind == kinds::kQueue ? queueUrl(servicesUrl, config.region, resource->name)
                                                                  : resource->name;
        config.environment.try_emplace(resourceVariable(*resource), value);
    }
}

std::string defaultCacheRoot()
{
    return QDir::temp()
        .filePath(QStringLiteral("stratus-%1").arg(static_cast<qulonglong>(::getuid())))
        .toStdString();
}

Result<FunctionConfig> FunctionConfig::fromNode(const Node &node, const Json &settings,
                                                const std::string &cacheRoot)
{
    const std::string where = "function '" + node.id.str() + "' (" + node.name + ")";
    if (node.kind != kinds::kFunction)
        return Status::invalidArgument("node '" + node.id.str() + "' is a " + node.kind
                                       + ", not a function");
    const Json config = NodeKindRegistry::instance().effectiveConfig(node);
    FunctionConfig f;
    f.name = node.name.empty() ? node.id.str() : node.name;
    f.region = textSetting(settings, "region", "us-east-1");
    if (f.region.empty())
        f.region = "us-east-1";
    if (emulatesCpuShare(settings))
        f.cpuShare = availableCpuShareMethod();
    try {
        if (!config.contains("runtime") || !config["runtime"].is_string())
            return Status::invalidArgument(where + ": field 'runtime' is missing");
        if (!config.contains("handler") || !config["handler"].is_string())
            return Status::invalidArgument(where + ": field 'handler' is missing");
        f.runtime = config["runtime"].get<std::string>();
        f.handler = config["handler"].get<std::string>();
        f.memoryMB = config["memoryMB"].get<int>();
        f.timeoutS = config["timeoutS"].get<int>();
        f.reservedConcurrency = config["concurrency"].get<int>();
        f.architecture = config["architecture"].get<std::string>();
        for (auto it = config["environment"].begin(); it != config["environment"].end(); ++it)
            f.environment[it.key()] = it.value().get<std::string>();
    } catch (const Json::exception &e) {
        return Status::invalidArgument(where + ": " + e.what() + " (run `stratus validate`)");
    }
    if (!config.contains("files") || !config["files"].is_object())
        return Status::invalidArgument(where + ": field 'files' is missing");
    auto dir = materializeFiles(f.name, config["files"], cacheRoot);
    if (!dir)
        return dir.status().withContext(where);
    f.codeDirectory = dir.take();
    return f;
}

Result<std::string> materializeFiles(const std::string &functionName, const Json &files,
                                     const std::string &cacheRoot)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.value().is_string())
            return Status::invalidArgument("file '" + it.key() + "' is not text");
        const std::string &text = it.value().get_ref<const std::string &>();
        hash.addData(QByteArrayView(it.key().data(), qsizetype(it.key().size() + 1)));
        hash.addData(QByteArrayView(text.data(), qsizetype(text.size())));
        hash.addData(QByteArrayView("\0", 1));
    }
    const QString name = QString::fromStdString(functionName).replace(QLatin1Char('/'), QLatin1Char('_'))
                         + QLatin1Char('-') + QString::fromLatin1(hash.result().toHex().left(16));
    QDir root(QString::fromStdString(cacheRoot));
    const QString dir = root.filePath(QStringLiteral("code/") + name);
    // The marker sits beside the folder, not in it: handlers see only their files.
    const QString marker = dir + QStringLiteral(".complete");
    if (QFile::exists(marker))
        return dir.toStdString();

    // Write into a fresh folder and rename it into place, so that a reader
    // never sees half of a function's files.
    const QString staging = dir + QStringLiteral(".tmp-%1").arg(::getpid());
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(staging))
        return Status::ioError("cannot create " + staging.toStdString());
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString relative = QString::fromStdString(it.key());
        const QString path = QDir::cleanPath(staging + QLatin1Char('/') + relative);
        if (relative.startsWith(QLatin1Char('/')) || !path.startsWith(staging + QLatin1Char('/')))
            return Status::invalidArgument("file '" + it.key() + "' is outside the function");
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        const std::string &text = it.value().get_ref<const std::string &>();
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || out.write(text.data(), qint64(text.size())) != qint64(text.size()))
            return Status::ioError("cannot write " + path.toStdString());
        if (QFileInfo(path).fileName() == QLatin1String("bootstrap"))
            out.setPermissions(out.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                               | QFileDevice::ExeOther);
    }
    QDir(dir).removeRecursively();
    if (!QDir().rename(staging, dir)) {
        QDir(staging).removeRecursively();
        if (!QFile::exists(marker)) // another process may have won the race
            return Status::ioError("cannot move code into " + dir.toStdString());
        return dir.toStdString();
    }
    QFile done(marker);
    if (!done.open(QIODevice::WriteOnly))
        return Status::ioError("cannot write " + marker.toStdString());
    return dir.toStdString();
}

} // namespace stratus::engine
