#include "launch.h"

#include "engine/model/handler.h"
#include "engine/model/runtimes.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QProcess>
#include <QRegularExpression>

#include <climits>
#include <cstdlib>
#include <map>
#include <mutex>

#include <unistd.h>

namespace stratus::engine {

namespace {

/// Folders searched for interpreters: the system's first (Debian installs
/// python3.X and node there), then PATH, then the versions pyenv and nvm
/// installed. Version managers' shims are skipped: they are scripts that
/// pick an interpreter by their own rules (and fail for a version not
/// selected), where the engine must run the one it chose.
QStringList interpreterFolders()
{
    QStringList folders = {QStringLiteral("/usr/bin"), QStringLiteral("/usr/local/bin")};
    auto add = [&](const QString &dir) {
        if (!dir.endsWith(QLatin1String("/shims")) && !folders.contains(dir))
            folders << dir;
    };
    for (const QString &dir : qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        add(dir);
    const QString home = QDir::homePath();
    const QString pyenv = qEnvironmentVariable("PYENV_ROOT", home + QStringLiteral("/.pyenv"));
    const QString nvm = qEnvironmentVariable("NVM_DIR", home + QStringLiteral("/.nvm"));
    const QStringList managed = {pyenv + QStringLiteral("/versions"), nvm + QStringLiteral("/versions/node")};
    for (const QString &versions : managed) {
        for (const QString &version : QDir(versions).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            add(versions + QLatin1Char('/') + version + QStringLiteral("/bin"));
    }
    return folders;
}

/// Executables named `name` in interpreterFolders(), in order, each once.
QStringList executablesNamed(const QString &name)
{
    QStringList found;
    for (const QString &dir : interpreterFolders()) {
        const QFileInfo info(dir + QLatin1Char('/') + name);
        if (info.isFile() && info.isExecutable()) {
            const QString real = info.canonicalFilePath();
            if (!found.contains(real))
                found << real;
        }
    }
    return found;
}

/// What `program --version` printed, as a bare version ("20.20.2",
/// "3.11.2"), when it is an interpreter of `language`: Node.js prints
/// "v20.20.2", Python "Python 3.11.2". Fails saying what it printed instead.
Result<std::string> runVersion(RuntimeLanguage language, const QString &program)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels); // Python 2 printed its version on stderr
    process.start(program, {QStringLiteral("--version")});
    const bool node = language == RuntimeLanguage::NodeJs;
    const std::string name = node ? "Node.js" : "Python";
    if (!process.waitForStarted(10000))
        return Status::invalidArgument("'" + program.toStdString() + "' does not start: "
                                       + process.errorString().toStdString());
    if (!process.waitForFinished(10000)) { // once per binary, ever: a few tens of ms
        process.kill();
        process.waitForFinished(1000);
        return Status::invalidArgument("'" + program.toStdString() + "' did not answer --version within 10 s");
    }
    const QString printed = QString::fromUtf8(process.readAll()).trimmed();
    static const QRegularExpression nodeVersion(QStringLiteral("^v(\\d+\\.\\d+\\.\\d+)$"));
    static const QRegularExpression pythonVersion(QStringLiteral("^Python (3\\.\\d+(?:\\.\\d+)?)\\S*$"));
    const auto match = (node ? nodeVersion : pythonVersion).match(printed);
    if (!match.hasMatch())
        return Status::invalidArgument("'" + program.toStdString() + "' is not " + name + (node ? "" : " 3")
                                       + " (its --version printed \"" + printed.section(QLatin1Char('\n'), 0, 0).left(80).toStdString()
                                       + "\")");
    return match.captured(1).toStdString();
}

/// `node --version` of `program` ("20.20.2"), from the cache file when it
/// knows this binary (same path, size and modification time), else by
/// running it once and remembering the answer; empty when it is not Node.js.
std::string nodeVersion(const QString &program, const QString &cacheFile)
{
    const QFileInfo info(program);
    const QString key = program + QLatin1Char('\t') + QString::number(info.size()) + QLatin1Char('\t')
                        + QString::number(info.lastModified().toMSecsSinceEpoch());
    QFile cache(cacheFile);
    QByteArray lines;
    if (cache.open(QIODevice::ReadOnly)) {
        lines = cache.readAll();
        cache.close();
        for (const QByteArray &line : lines.split('\n')) {
            const int tab = line.lastIndexOf('\t');
            if (tab > 0 && QString::fromUtf8(line.left(tab)) == key)
                return line.mid(tab + 1).toStdString();
        }
    }
    auto probed = runVersion(RuntimeLanguage::NodeJs, program);
    if (!probed)
        return {};
    const std::string version = probed.take();
    // Another process may write the same entry meanwhile: a temporary file
    // renamed over the cache (rename(2) replaces atomically; QFile::rename
    // would not replace at all) keeps it whole.
    const QString temp = cacheFile + QStringLiteral(".tmp-%1").arg(::getpid());
    QFile out(temp);
    if (out.open(QIODevice::WriteOnly)) {
        out.write(lines);
        if (!lines.isEmpty() && !lines.endsWith('\n'))
            out.write("\n");
        out.write((key + QLatin1Char('\t') + QString::fromStdString(version) + QLatin1Char('\n')).toUtf8());
        out.close();
        if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(cacheFile).constData()) != 0)
            QFile::remove(temp);
    }
    return version;
}

/// How far an installed version is from the wanted one, to pick the
/// closest: the nearer first, the newer of two as near.
int versionDistance(int installed, int wanted)
{
    return std::abs(installed - wanted) * 2 - (installed > wanted ? 1 : 0);
}

int majorOf(const std::string &version)
{
    return std::atoi(version.c_str());
}

int minorOf(const std::string &version)
{
    const size_t dot = version.find('.');
    return dot == std::string::npos ? -1 : std::atoi(version.c_str() + dot + 1);
}

Result<Interpreter> findNode(const LambdaRuntime &runtime, const QString &cacheFile)
{
    const QString major = QString::fromLatin1(runtime.languageVersion.data(), int(runtime.languageVersion.size()));
    QStringList candidates = executablesNamed(QStringLiteral("node") + major);
    for (const QString &p : executablesNamed(QStringLiteral("node"))) {
        if (!candidates.contains(p))
            candidates << p;
    }
    Interpreter best;
    int bestDistance = INT_MAX;
    for (const QString &program : candidates) {
        const std::string version = nodeVersion(program, cacheFile);
        if (version.empty())
            continue;
        const int distance = versionDistance(majorOf(version), major.toInt());
        if (distance < bestDistance) {
            best = Interpreter{program, version, distance == 0, {}};
            bestDistance = distance;
        }
        if (distance == 0)
            break;
    }
    if (best.program.isEmpty())
        return Status::notFound("no Node.js on this machine for " + std::string(runtime.id)
                                + " (looked for node" + major.toStdString() + " and node in /usr/bin, "
                                  "/usr/local/bin, PATH and nvm's versions)");
    if (!best.exact)
        best.warning = std::string(runtime.id) + " runs on this machine's Node.js " + best.version
                       + " (Node.js " + major.toStdString() + " is not installed)";
    return best;
}

Result<Interpreter> findPython(const LambdaRuntime &runtime)
{
    const std::string wanted(runtime.languageVersion);
    if (const QStringList exact = executablesNamed(QStringLiteral("python") + QString::fromStdString(wanted));
        !exact.isEmpty())
        return Interpreter{exact.first(), wanted, true, {}};
    // The closest python3.N installed: the nearest minor version, the newer on a tie.
    Interpreter best;
    int bestDistance = INT_MAX;
    static const QRegularExpression pythonName(QStringLiteral("^python3\\.(\\d+)$"));
    for (const QString &dir : interpreterFolders()) {
        for (const QFileInfo &info : QDir(dir).entryInfoList({QStringLiteral("python3.*")}, QDir::Files)) {
            const auto match = pythonName.match(info.fileName());
            if (!match.hasMatch() || !info.isExecutable())
                continue;
            const int minor = match.captured(1).toInt();
            const int distance = versionDistance(minor, minorOf(wanted));
            if (distance < bestDistance) {
                best = Interpreter{info.absoluteFilePath(), "3." + std::to_string(minor), false, {}};
                bestDistance = distance;
            }
        }
    }
    if (best.program.isEmpty())
        return Status::notFound("no Python 3 on this machine for " + std::string(runtime.id)
                                + " (looked for python3.N in /usr/bin, /usr/local/bin, PATH and pyenv's versions)");
    best.warning = std::string(runtime.id) + " runs on this machine's Python " + best.version + " (Python "
                   + wanted + " is not installed)";
    return best;
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
    // Lambda gives every function its role's credentials; these stand for
    // them (the local endpoints do not check signatures).
    set("AWS_ACCESS_KEY_ID", "ASIASTRATUSLOCAL0000");
    set("AWS_SECRET_ACCESS_KEY", "stratus-local-secret-access-key");
    set("AWS_SESSION_TOKEN", "stratus-local-session-token");
    if (!f.servicesUrl.empty()) {
        for (const char *name : {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS"}) {
            if (!f.environment.count(name))
                set(name, f.servicesUrl);
        }
    }
    return env;
}

} // namespace

QString chosenInterpreter(RuntimeLanguage language)
{
    return qEnvironmentVariable(language == RuntimeLanguage::NodeJs ? "STRATUS_NODE" : "STRATUS_PYTHON").trimmed();
}

Result<Interpreter> checkInterpreter(RuntimeLanguage language, const QString &program)
{
    const QFileInfo info(program);
    if (!info.isAbsolute())
        return Status::invalidArgument("'" + program.toStdString() + "' is not an absolute path");
    if (!info.exists())
        return Status::notFound("'" + program.toStdString() + "' does not exist");
    if (!info.isFile() || !info.isExecutable())
        return Status::invalidArgument("'" + program.toStdString() + "' is not an executable file");
    auto version = runVersion(language, program);
    if (!version)
        return version.status();
    return Interpreter{info.absoluteFilePath(), version.take(), true, {}};
}

Result<Interpreter> searchInterpreter(const std::string &runtimeId, const std::string &runtimeDirectory)
{
    const LambdaRuntime *runtime = findLambdaRuntime(runtimeId);
    if (!runtime || runtime->language == RuntimeLanguage::OsOnly)
        return Status::invalidArgument(unknownRuntimeMessage(runtimeId));
    const QString cacheFile = QFileInfo(QString::fromStdString(runtimeDirectory)).absolutePath()
                              + QStringLiteral("/interpreters.tsv");
    return runtime->language == RuntimeLanguage::NodeJs ? findNode(*runtime, cacheFile) : findPython(*runtime);
}

Result<Interpreter> findInterpreter(const std::string &runtimeId, const std::string &runtimeDirectory)
{
    const LambdaRuntime *runtime = findLambdaRuntime(runtimeId);
    if (!runtime || runtime->language == RuntimeLanguage::OsOnly)
        return Status::invalidArgument(unknownRuntimeMessage(runtimeId));
    // Found once per runtime and process; a failure is not remembered, so
    // installing the interpreter is enough (no restart). The lock is not
    // held while looking: that may run `node --version`.
    // The user's choice is part of the key: changing it in the studio's
    // settings takes effect at the next cold start.
    const QString chosen = chosenInterpreter(runtime->language);
    const std::string key = runtimeId + '\t' + chosen.toStdString();
    static std::mutex mutex;
    static std::map<std::string, Interpreter> found;
    {
        std::lock_guard lock(mutex);
        if (auto it = found.find(key); it != found.end())
            return it->second;
    }
    std::string notChosen; // why the chosen interpreter does not serve
    if (!chosen.isEmpty()) {
        auto checked = checkInterpreter(runtime->language, chosen);
        if (checked) {
            Interpreter interpreter = checked.take();
            const std::string &wanted = std::string(runtime->languageVersion);
            interpreter.exact = runtime->language == RuntimeLanguage::NodeJs
                                    ? majorOf(interpreter.version) == majorOf(wanted)
                                    : minorOf(interpreter.version) == minorOf(wanted);
            if (!interpreter.exact)
                interpreter.warning = std::string(runtime->id) + " runs on the chosen "
                                      + (runtime->language == RuntimeLanguage::NodeJs ? "Node.js " : "Python ")
                                      + interpreter.version + " (" + interpreter.program.toStdString() + ")";
            std::lock_guard lock(mutex);
            found.emplace(key, interpreter);
            return interpreter;
        }
        notChosen = checked.status().message() + "; ";
    }
    Result<Interpreter> result = searchInterpreter(runtimeId, runtimeDirectory);
    if (result && !notChosen.empty()) {
        result->warning = notChosen + "using " + result->program.toStdString() + " instead"
                          + (result->warning.empty() ? "" : " (" + result->warning + ")");
        result->exact = false;
    }
    if (result) {
        std::lock_guard lock(mutex);
        found.emplace(key, *result);
    }
    return result;
}

Result<LaunchCommand> launchCommand(const FunctionConfig &config,
                                    const std::string &runtimeDirectory,
                                    const std::string &runtimeApi)
{
    LaunchCommand command;
    const QString runtimeDir = QString::fromStdString(runtimeDirectory);
    if (isNodeRuntime(config.runtime) || isPythonRuntime(config.runtime)) {
        auto interpreter = findInterpreter(config.runtime, runtimeDirectory);
        if (!interpreter)
            return interpreter.status();
        command.program = interpreter->program;
        command.warning = interpreter->warning;
    }
    if (isNodeRuntime(config.runtime)) {
        // As the AWS runtime does: the V8 heap may use most of the memory size.
        command.arguments << QStringLiteral("--max-old-space-size=%1").arg(std::max(16, config.memoryMB * 9 / 10))
                          << runtimeDir + QStringLiteral("/bootstrap.js");
    } else if (isPythonRuntime(config.runtime)) {
        command.arguments << QStringLiteral("-u") << runtimeDir + QStringLiteral("/bootstrap.py");
    } else if (isProvidedRuntime(config.runtime)) {
        command.program = QString::fromStdString(config.codeDirectory) + QStringLiteral("/bootstrap");
        if (!QFileInfo(command.program).isFile() || !QFileInfo(command.program).isExecutable())
            return Status::notFound("Couldn't find valid bootstrap(s): [" + command.program.toStdString()
                                    + "] (a provided runtime runs an executable file named bootstrap)");
    } else {
        return Status::invalidArgument(unknownRuntimeMessage(config.runtime));
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

std::string nodeSdkModules()
{
    QStringList candidates;
    if (const QByteArray own = qgetenv("STRATUS_NODE_SDK"); !own.isEmpty())
        candidates << QString::fromLocal8Bit(own);
    candidates << QStringLiteral("/usr/local/lib/stratus-sdk/node_modules")
               << QStringLiteral("/usr/lib/stratus/sdk/node_modules");
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate + QStringLiteral("/@aws-sdk/client-dynamodb")).isDir())
            return QFileInfo(candidate).absoluteFilePath().toStdString();
    }
    return {};
}

void linkNodeSdk(const std::string &cacheRoot)
{
    const QString modules = QString::fromStdString(nodeSdkModules());
    if (modules.isEmpty())
        return;
    const QString code = QDir(QString::fromStdString(cacheRoot)).filePath(QStringLiteral("code"));
    const QString link = code + QStringLiteral("/node_modules");
    if (QFileInfo(link).symLinkTarget() == modules)
        return;
    QDir().mkpath(code);
    QFile::remove(link);
    QFile::link(modules, link); // another process making the same link at once is as good
}

void linkPythonSdk(const std::string &cacheRoot)
{
    // Debian's python3-boto3 and the packages it imports (Debian's botocore
    // uses the system's requests instead of a vendored copy); all pure Python.
    const QString packages = QStringLiteral("/usr/lib/python3/dist-packages");
    if (!QFileInfo(packages + QStringLiteral("/boto3")).isDir())
        return;
    const QString folder = QDir(QString::fromStdString(cacheRoot)).filePath(QStringLiteral("python-sdk"));
    QDir().mkpath(folder);
    for (const char *name : {"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six.py", "urllib3", "requests",
                             "certifi", "idna", "chardet", "charset_normalizer"}) {
        const QString target = packages + QLatin1Char('/') + QLatin1String(name);
        const QString link = folder + QLatin1Char('/') + QLatin1String(name);
        if (!QFileInfo::exists(target) || QFileInfo(link).symLinkTarget() == target)
            continue;
        QFile::remove(link);
        QFile::link(target, link);
    }
}

} // namespace stratus::engine
