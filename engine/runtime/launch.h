#pragma once

#include "functionconfig.h"
#include "engine/model/runtimes.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <string>

namespace stratus::engine {

/// How an instance of a function is started: the program (the runtime's
/// interpreter with the project's bootstrap, or a provided runtime's own
/// `bootstrap`), its arguments, and Lambda's environment for it.
struct LaunchCommand
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    /// Set when the closest interpreter stands in for the runtime's own.
    std::string warning;
};

/// The program that runs a Node.js or Python runtime's instances here.
struct Interpreter
{
    QString program;     ///< absolute path
    std::string version; ///< what it is: "20.20.2", "3.11"
    /// False when the runtime's own version is not installed and the
    /// closest one runs instead (say so: `warning` is the text).
    bool exact = true;
    std::string warning;
};

/// The interpreter the user chose for a language, instead of the search:
/// the environment variable STRATUS_NODE or STRATUS_PYTHON (the studio's
/// settings set them); empty when none is chosen.
QString chosenInterpreter(RuntimeLanguage language);

/// Whether `program` is an interpreter of `language` (an absolute path to an
/// executable whose `--version` says so), and its version ("20.20.2",
/// "3.11.2"). Fails naming what is wrong: missing, not executable, or what it
/// printed instead.
Result<Interpreter> checkInterpreter(RuntimeLanguage language, const QString &program);

/// The interpreter this machine has for `runtime` (a Node.js or Python one),
/// whatever is chosen: its own version when installed (node24 or a node of
/// version 24 on PATH, python3.13), else the closest installed one of the
/// same language. A Node.js binary's version is cached beside
/// `runtimeDirectory` (by path, size and time).
Result<Interpreter> searchInterpreter(const std::string &runtime, const std::string &runtimeDirectory);

/// The interpreter for `runtime` (a Node.js or Python one): the chosen one
/// (chosenInterpreter) when it is one of the language, with a warning when
/// its version differs from the runtime's; else searchInterpreter's. Looked
/// up once per runtime, choice and process, so a cold start does not run
/// `node --version`. A chosen interpreter that is not one falls back to the
/// search, with a warning that says why. Fails when the language has no
/// interpreter here at all.
Result<Interpreter> findInterpreter(const std::string &runtime, const std::string &runtimeDirectory);

/// The command for `config`. `runtimeDirectory` holds the bootstraps (see
/// writeRuntimeBootstraps); `runtimeApi` is AWS_LAMBDA_RUNTIME_API for a
/// provided runtime (empty otherwise). Fails, saying why, when the runtime is
/// unknown, its interpreter is missing, or a provided function has no
/// executable `bootstrap`.
Result<LaunchCommand> launchCommand(const FunctionConfig &config,
                                    const std::string &runtimeDirectory,
                                    const std::string &runtimeApi);

/// Writes the engine's Node.js and Python bootstraps (compiled in as
/// resources) into a folder under `cacheRoot` named by their content, once,
/// and returns it.
Result<std::string> writeRuntimeBootstraps(const std::string &cacheRoot);

/// The node_modules folder of the AWS SDK for JavaScript v3 that
/// installer/setup-deps.sh installs (STRATUS_NODE_SDK, else
/// /usr/local/lib/stratus-sdk/node_modules, else /usr/lib/stratus/sdk/node_modules);
/// empty when there is none.
std::string nodeSdkModules();

/// Makes the SDK resolvable from every function's code under `cacheRoot`, as
/// Lambda's Node.js runtimes ship it: a node_modules beside the functions'
/// folders, so that require() and import find it after the function's own
/// node_modules (which thus takes precedence, as on Lambda).
void linkNodeSdk(const std::string &cacheRoot);

/// Makes boto3 importable by every Python interpreter a function may run on,
/// as Lambda's Python runtimes ship it: a folder `python-sdk` under
/// `cacheRoot` linking Debian's boto3 and what it imports, which the Python
/// bootstrap puts last on sys.path (after the function's own packages, as
/// Lambda puts /var/runtime after /var/task).
void linkPythonSdk(const std::string &cacheRoot);

} // namespace stratus::engine
