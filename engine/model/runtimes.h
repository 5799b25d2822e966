#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

/// Lambda's memory sizes (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
inline constexpr int kMinMemoryMB = 128;
inline constexpr int kMaxMemoryMB = 10240;

/// The language a Lambda runtime runs.
enum class RuntimeLanguage { NodeJs, Python, OsOnly };

/// One Lambda runtime that Stratus runs: those AWS offers for new functions
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read
/// 2026-11-30). Any other identifier is refused everywhere (validation, the
/// CLI, the engine), so a workspace never runs on an interpreter Lambda
/// would not give it.
struct LambdaRuntime
{
    std::string_view id;              ///< "nodejs24.x", "python3.13", "provided.al2023"
    RuntimeLanguage language;
    std::string_view languageVersion; ///< "24", "3.13"; empty for OS-only runtimes
    std::string_view operatingSystem; ///< "Amazon Linux 2023"
    /// Node.js 24 removed callback-style handlers (handler(event, context, callback)).
    bool callbackHandlers = false;
};

/// Every runtime Stratus runs, Node.js first, then Python, then OS-only.
const std::vector<LambdaRuntime> &lambdaRuntimes();

/// The runtime with this identifier, or null.
const LambdaRuntime *findLambdaRuntime(std::string_view id);

/// "nodejs20.x, nodejs22.x, …": for messages that list what is accepted.
std::string lambdaRuntimeList();

/// The message for an identifier that is not one of lambdaRuntimes().
std::string unknownRuntimeMessage(std::string_view id);

/// Why `name` cannot be an environment variable of a Lambda function, or
/// empty when it can: AWS's key pattern [a-zA-Z]([a-zA-Z0-9_])+ and the keys
/// the runtime reserves (docs/runtime.md cites both pages). The one rule for
/// the validator and `stratus invoke --env`.
std::string environmentNameProblem(std::string_view name);

/// Why variables taking `bytes` (names and values together) are too many for
/// Lambda (4 KB in all), or empty when they fit.
std::string environmentSizeProblem(size_t bytes);

} // namespace stratus::engine
