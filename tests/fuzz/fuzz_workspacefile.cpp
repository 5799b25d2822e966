// The workspace file opener (engine/store/workspacestore.h) on mutated
// files: the input is written to a file, opened read-only, loaded and
// checked. Any outcome but a Status is a finding: a damaged or foreign file
// must be refused, never crash the reader.

#include "fuzzinput.h"

#include "engine/store/workspacestore.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

using namespace stratus::engine;

namespace {

/// One folder per fuzzing process (jobs may run side by side), removed at exit.
struct Scratch
{
    std::filesystem::path dir;
    std::filesystem::path file;

    Scratch()
    {
        dir = std::filesystem::temp_directory_path()
              / ("stratus-fuzz-workspacefile-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        file = dir / "input.stratus";
    }
    ~Scratch()
    {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    /// Leaves no file behind, so each input starts from the same state.
    void clear() const
    {
        std::error_code ignored;
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(file.string() + suffix, ignored);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A small real workspace is 40-60 KiB (one 4 KiB page per table and
    // index); 512 KiB bounds SQLite's work on a mutated page count.
    if (size > 512 * 1024)
        return 0;
    static const Scratch scratch;
    scratch.clear();
    {
        std::ofstream out(scratch.file, std::ios::binary);
        out.write(reinterpret_cast<const char *>(data), std::streamsize(size));
    }
    {
        auto store = WorkspaceStore::open(scratch.file.string(), WorkspaceStore::Access::ReadOnly);
        if (store) {
            auto workspace = store->load();
            (void)workspace;
            const Status integrity = store->checkIntegrity();
            (void)integrity;
        }
    } // closed before the files go
    scratch.clear();
    return 0;
}
