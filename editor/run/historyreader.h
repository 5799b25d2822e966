#pragma once

// The run panels' own read-only connection to the workspace file's run
// history (WAL: it never waits for the engine's recorder or the document's
// saves, and never writes).

#include "engine/model/status.h"
#include "engine/store/runhistory.h"
#include "engine/store/workspacestore.h"

#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stratus::editor {

class HistoryReader
{
public:
    /// Reads `workspaceFile` (nothing when empty: a JSON document not saved yet).
    explicit HistoryReader(QString workspaceFile = {});

    bool hasFile() const { return !m_file.isEmpty(); }
    QString file() const { return m_file; }
    /// Up to `limit` invocations recorded before `before` (a request id; empty: the newest), newest first.
    std::vector<engine::HistoryEntry> invocations(const std::string &before, int limit);
    /// One invocation with its logs.
    std::optional<engine::HistoryEntry> invocation(const std::string &requestId);
    /// One run with its steps and log.
    std::optional<engine::RunEntry> run(const std::string &runId);
    /// The store, opened on first use (null without a file, or with why in lastError()).
    engine::WorkspaceStore *store();
    QString lastError() const { return m_error; }

private:
    QString m_file;
    std::optional<engine::WorkspaceStore> m_store;
    QString m_error;
};

/// Runs `task` on a thread of the run panels' own pool, below the GUI
/// thread's CPU priority (nice 10), so that reading or pricing a large
/// history on a machine with few cores never makes the window late.
void readInBackground(std::function<void()> task);

} // namespace stratus::editor
