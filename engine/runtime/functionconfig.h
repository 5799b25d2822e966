#pragma once

#include "cpushare.h"

#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <map>
#include <string>

namespace stratus::engine {

/// Everything an instance needs to run a function: its Lambda settings and
/// the folder its code is in.
struct FunctionConfig
{
    std::string name;
    std::string runtime;  ///< nodejs20.x, nodejs22.x, python3.11, python3.12, provided.al2023
    std::string handler;
    int memoryMB = 128;
    int timeoutS = 3;
    int reservedConcurrency = 0; ///< 0: unreserved
    std::string architecture = "x86_64";
    std::string region = "us-east-1";
    std::map<std::string, std::string> environment;
    std::string codeDirectory; ///< LAMBDA_TASK_ROOT
    /// The local AWS endpoints ("http://127.0.0.1:PORT"): an SDK client made
    /// without options reaches them (AWS_ENDPOINT_URL_*). Empty: none run.
    std::string servicesUrl;
    /// How long init may take (AWS: 10 s) when it is longer than the timeout.
    int initTimeoutMs = 10000;
    /// Whether an instance gets Lambda's CPU share for memoryMB (see cpushare.h).
    CpuShareMethod cpuShare = CpuShareMethod::None;

    /// The function of a workspace node, its files written under `cacheRoot`
    /// (see materializeFiles), with what the workspace's `settings` say for
    /// every function (region, emulateCpuShare). Fails naming the node and
    /// field when the config cannot run (missing runtime or handler, no files).
    static Result<FunctionConfig> fromNode(const Node &node, const Json &settings,
                                           const std::string &cacheRoot);

    /// arn:aws:lambda:REGION:000000000000:function:NAME
    std::string arn() const;
};

/// Writes a function's files (relative path -> text) into a folder under
/// `cacheRoot` named by the content's hash, so unchanged code is written once
/// and a changed function never sees stale files. `bootstrap` is made
/// executable. Returns the folder. Refuses paths that leave the folder.
Result<std::string> materializeFiles(const std::string &functionName, const Json &files,
                                     const std::string &cacheRoot);

/// Gives `config` a variable per resource `function` uses (resourceaccess.h;
/// a queue's is its URL on `servicesUrl`) and the endpoints, without
/// replacing a variable the function sets itself.
void addResourceEnvironment(FunctionConfig &config, const Workspace &workspace, const Node &function,
                            const std::string &servicesUrl);

/// Where the engine keeps materialized code and its runtime bootstraps:
/// a private folder under the system's temporary folder.
std::string defaultCacheRoot();

} // namespace stratus::engine
