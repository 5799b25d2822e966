#pragma once

#include "args.h"

#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

class QCoreApplication;

namespace stratus::engine {
class WorkspaceStore;
class Workflow;
struct Node;
struct Workspace;
}

namespace stratus::cli {

/// Exit codes of every command.
enum ExitCode : int {
    kExitOk = 0,
    kExitProblems = 1, ///< the workspace has problems (validation)
    kExitError = 2,    ///< usage, I/O or unreadable input
};

/// Where a command writes: data to out, messages to err.
struct Io
{
    std::ostream &out;
    std::ostream &err;
    /// Why the last write to `out` failed (an errno value), 0 if unknown.
    std::function<int()> outputError;
};

struct Command
{
    std::string name;
    std::string summary; ///< one line for `stratus --help`
    std::string help;    ///< the whole text for `stratus COMMAND --help`
    Args::Spec spec;
    std::function<int(const Args &, Io &)> run;
};

/// "stratus COMMAND: message" and a pointer to the command's help; returns kExitError.
int usageError(Io &io, const std::string &command, const std::string &message);
/// "stratus: message"; returns kExitError.
int failure(Io &io, const engine::Status &status);
/// The QCoreApplication the engine's event loops need, made unless there is
/// one already (the tests run commands inside theirs).
std::unique_ptr<QCoreApplication> ensureApplication();

/// SIGINT and SIGTERM, once caught, set stopSignal() for a long command to
/// end cleanly (a second one kills as usual). A blocking read they interrupt
/// returns (no SA_RESTART), so a prompt waiting on stdin stops too.
void catchStopSignals();
/// The signal caught since catchStopSignals(), or 0.
int stopSignal();
/// "SIGINT" or "SIGTERM".
const char *signalName();
/// The exit status of a command a signal stopped, as a shell reports one it killed.
int signalExit();

/// A function node of a workspace and the workflow that holds it; null when none.
struct FunctionNode
{
    const engine::Workflow *workflow = nullptr;
    const engine::Node *node = nullptr;
};

/// The function `wanted` stands for in `workspace`: by name first, then by
/// node id or WORKFLOW/NODE (the form `stratus info` prints). `names`, when
/// given, receives every function's name in the design's order.
FunctionNode findFunctionNode(const engine::Workspace &workspace, const std::string &wanted,
                              std::vector<std::string> *names = nullptr);

/// The name of the function `wanted` stands for: a function of the design by
/// name, node id or WORKFLOW/NODE (as `info` prints it), or a name with
/// recorded invocations; otherwise NotFound, listing the functions there are.
engine::Result<std::string> functionNameFor(engine::WorkspaceStore &store, const std::string &file,
                                            const std::string &wanted);

/// "FILE has no function NAME (functions: a, b)": NotFound.
engine::Status noSuchFunction(const std::string &file, const std::string &name,
                              const std::vector<std::string> &functions);

/// "1 run", "2 runs".
std::string plural(long long n, const std::string &word);

/// `text` made printable for a table's column of `width` characters: cut
/// with "…" when longer, padded with spaces when shorter.
std::string fitColumn(const std::string &text, size_t width);

int cmdInvoke(const Args &args, Io &io);
int cmdRuns(const Args &args, Io &io);
int cmdCost(const Args &args, Io &io);
int cmdStats(const Args &args, Io &io);
int cmdPrune(const Args &args, Io &io);
int cmdServe(const Args &args, Io &io);
int cmdSend(const Args &args, Io &io);
int cmdDebug(const Args &args, Io &io);
int cmdLoad(const Args &args, Io &io);
int cmdTune(const Args &args, Io &io);
int cmdTable(const Args &args, Io &io);
int cmdQueue(const Args &args, Io &io);
int cmdExport(const Args &args, Io &io);
int cmdImportSam(const Args &args, Io &io);
int cmdImportServerless(const Args &args, Io &io);

/// The design a workspace file holds, read only.
engine::Result<engine::Workspace> loadWorkspaceFile(const std::string &path);

/// Every command of the CLI, in the order `stratus --help` lists them.
const std::vector<Command> &commands();

/// main() of the CLI: dispatches argv[1] to a command.
int runCli(const std::vector<std::string> &argv, Io &io);

} // namespace stratus::cli
