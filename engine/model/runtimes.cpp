#include "runtimes.h"

#include "text.h"

namespace stratus::engine {

const std::vector<LambdaRuntime> &lambdaRuntimes()
{
    static const std::vector<LambdaRuntime> runtimes = {
        {"nodejs20.x", RuntimeLanguage::NodeJs, "20", "Amazon Linux 2023", true},
        {"nodejs22.x", RuntimeLanguage::NodeJs, "22", "Amazon Linux 2023", true},
        {"nodejs24.x", RuntimeLanguage::NodeJs, "24", "Amazon Linux 2023", false},
        {"python3.10", RuntimeLanguage::Python, "3.10", "Amazon Linux 2", false},
        {"python3.11", RuntimeLanguage::Python, "3.11", "Amazon Linux 2", false},
        {"python3.12", RuntimeLanguage::Python, "3.12", "Amazon Linux 2023", false},
        {"python3.13", RuntimeLanguage::Python, "3.13", "Amazon Linux 2023", false},
        {"python3.14", RuntimeLanguage::Python, "3.14", "Amazon Linux 2023", false},
        {"provided.al2", RuntimeLanguage::OsOnly, "", "Amazon Linux 2", false},
        {"provided.al2023", RuntimeLanguage::OsOnly, "", "Amazon Linux 2023", false},
    };
    return runtimes;
}

const LambdaRuntime *findLambdaRuntime(std::string_view id)
{
    for (const LambdaRuntime &r : lambdaRuntimes()) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

std::string lambdaRuntimeList()
{
    std::vector<std::string> ids;
    for (const LambdaRuntime &r : lambdaRuntimes())
        ids.emplace_back(r.id);
    return joined(ids);
}

std::string unknownRuntimeMessage(std::string_view id)
{
    return "runtime " + quote(id) + " is not a Lambda runtime Stratus runs (one of: " + lambdaRuntimeList() + ")";
}

std::string environmentNameProblem(std::string_view name)
{
    static const std::vector<std::string_view> reserved = {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
        "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"};
    for (std::string_view key : reserved) {
        if (key == name)
            return quote(name) + " is reserved by the Lambda runtime (it sets it itself)";
    }
    auto isLetter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto isWordChar = [&](char c) { return isLetter(c) || (c >= '0' && c <= '9') || c == '_'; };
    bool wellFormed = name.size() >= 2 && isLetter(name[0]);
    for (size_t i = 1; wellFormed && i < name.size(); ++i)
        wellFormed = isWordChar(name[i]);
    if (!wellFormed)
        return quote(name) + " is not a variable name Lambda accepts (a letter, then at least one letter, "
                              "digit or underscore)";
    return {};
}

std::string environmentSizeProblem(size_t bytes)
{
    constexpr size_t kMaxEnvironmentBytes = 4096;
    if (bytes <= kMaxEnvironmentBytes)
        return {};
    return "variables take " + std::to_string(bytes) + " bytes; Lambda allows " + std::to_string(kMaxEnvironmentBytes)
           + " in all";
}

} // namespace stratus::engine
