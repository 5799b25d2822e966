#pragma once

#include "status.h"

#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

/// Where a Lambda handler string points, read the way each AWS runtime reads it.
struct HandlerRef
{
    std::string modulePath;              ///< "src/app" for nodejs "src/app.handler"
    std::vector<std::string> exportPath; ///< {"a", "b"} for nodejs "file.a.b"
    std::vector<std::string> candidateFiles; ///< files that can hold the module, in lookup order
};

/// Parses `handler` for `runtime` (nodejs*, python*, provided*). For provided
/// runtimes any non-empty string is accepted and the file is `bootstrap`.
/// On failure, the status says what is wrong with the string for that runtime.
Result<HandlerRef> parseHandler(std::string_view runtime, std::string_view handler);

bool isNodeRuntime(std::string_view runtime);
bool isPythonRuntime(std::string_view runtime);
bool isProvidedRuntime(std::string_view runtime);

} // namespace stratus::engine
