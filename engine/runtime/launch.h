#pragma once

#include "functionconfig.h"

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
};

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

} // namespace stratus::engine
