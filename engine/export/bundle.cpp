#include "bundle.h"

#include "engine/model/text.h"
#include "engine/model/workflow.h"

#include <QCryptographicHash>

#include <cctype>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <system_error>

namespace stratus::engine::exporting {

namespace fs = std::filesystem;

namespace {

/// "cannot write into OUT: reason", naming the folder as the user gave it (never the hidden one it was made in).
std::string ioFailure(const std::string &what, const fs::path &shownPath, const std::error_code &error)
{
    return what + " " + shownPath.string() + ": " + error.message();
}

/// A path inside the bundle must stay inside it.
bool isSafeRelative(const std::string &path)
{
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos)
        return false;
    for (const fs::path &part : fs::path(path)) {
        if (part == ".." || part == ".")
            return false;
    }
    return true;
}

std::string digest(const std::string &bytes)
{
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::optional<std::string> digestOfFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return digest(bytes.str());
}

/// What an export wrote: relative path → the digests it may have (two while
/// an export replaces it: the old and the new).
using Manifest = std::map<std::string, std::set<std::string>>;

Manifest readManifest(const fs::path &folder)
{
    Manifest files;
    std::ifstream in(folder / kBundleMark);
    std::string line;
    while (std::getline(in, line)) {
        // "<sha256> <path>"; the first lines are prose.
        if (line.size() > 65 && line[64] == ' ' && line.find_first_not_of("0123456789abcdef") == 64)
            files[line.substr(65)].insert(line.substr(0, 64));
    }
    return files;
}

std::string manifestText(const Manifest &files)
{
    std::string text = "A bundle written by Stratus (stratus export). Exporting again with --force replaces\n"
                       "the files listed here and never touches any other file of this folder.\n";
    for (const auto &[relative, digests] : files) {
        for (const std::string &sum : digests)
            text += sum + " " + relative + "\n";
    }
    return text;
}

/// Writes `bytes` to `path` through a temporary file renamed over it.
Status writeFileAtomically(const fs::path &path, const std::string &bytes, bool executable, const fs::path &shownPath)
{
    const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".stratus-new");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out)
            return Status::ioError("cannot write " + shownPath.string()
                                   + (shownPath.filename().string().size() > 200 ? " (its name may be too long)" : ""));
    }
    std::error_code error;
    if (executable) {
        fs::permissions(temporary, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                        fs::perm_options::add, error);
        if (error) {
            fs::remove(temporary, error);
            return Status::ioError(ioFailure("cannot make executable", shownPath, error));
        }
    }
    fs::rename(temporary, path, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return Status::ioError(ioFailure("cannot write", shownPath, error));
    }
    return Status::ok();
}

std::string stagingPrefix(const fs::path &target)
{
    return "." + target.filename().string() + ".writing-";
}

/// Removes what interrupted writes into `target` left beside it (staging
/// folders only ever hold files of a bundle being written).
void removeStaleStaging(const fs::path &target)
{
    std::error_code error;
    const std::string prefix = stagingPrefix(target);
    for (fs::directory_iterator it(target.parent_path(), error), end; !error && it != end; it.increment(error)) {
        if (it->path().filename().string().starts_with(prefix)) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

/// A new folder: the bundle is written beside it and renamed into place.
Status writeNew(const Bundle &bundle, const fs::path &target)
{
    std::random_device random;
    const fs::path staging = target.parent_path() / (stagingPrefix(target) + std::to_string(random()) + std::to_string(random()));
    std::error_code error;
    fs::create_directory(staging, error);
    if (error)
        return Status::ioError(ioFailure("cannot write into", target.parent_path(), error));
    Manifest manifest;
    Status written;
    for (const auto &[relative, bytes] : bundle.files) {
        fs::create_directories((staging / relative).parent_path(), error);
        written = error ? Status::ioError(ioFailure("cannot make a folder in", target, error))
                        : writeFileAtomically(staging / relative, bytes, isScript(relative, bytes), target / relative);
        if (!written)
            break;
        manifest[relative].insert(digest(bytes));
    }
    if (written)
        written = writeFileAtomically(staging / kBundleMark, manifestText(manifest), false, target / kBundleMark);
    if (written) {
        fs::rename(staging, target, error);
        if (error)
            written = Status::ioError(ioFailure("cannot move the bundle into", target, error));
    }
    if (!written)
        fs::remove_all(staging, error);
    return written;
}

/// An earlier bundle: the files it lists are replaced one by one (each a
/// rename), the files it lists that the new bundle has not are removed, and
/// no other file of the folder is touched. While it is under way the
/// manifest accepts the old and the new contents, so that an interrupted
/// replace can be done again with --force.
Status replaceEarlier(const Bundle &bundle, const fs::path &target, const Manifest &earlier)
{
    Manifest transition = earlier;
    Manifest final;
    for (const auto &[relative, bytes] : bundle.files) {
        transition[relative].insert(digest(bytes));
        final[relative].insert(digest(bytes));
    }
    if (Status s = writeFileAtomically(target / kBundleMark, manifestText(transition), false, target / kBundleMark); !s)
        return s;
    std::error_code error;
    for (const auto &[relative, bytes] : bundle.files) {
        const fs::path file = target / relative;
        // Changed by hand since the check (sam build running, say): not overwritten.
        if (const auto now = digestOfFile(file); now && !transition[relative].contains(*now))
            return Status::invalidArgument(file.string() + " changed while the bundle was written: export again");
        fs::create_directories(file.parent_path(), error);
        if (error)
            return Status::ioError(ioFailure("cannot make a folder in", target, error));
        if (Status s = writeFileAtomically(file, bytes, isScript(relative, bytes), file); !s)
            return s;
    }
    for (const auto &[relative, digests] : earlier) {
        if (bundle.files.contains(relative))
            continue;
        const fs::path file = target / relative;
        if (const auto now = digestOfFile(file); now && digests.contains(*now))
            fs::remove(file, error);
        // An empty folder the earlier export made goes too (one the user filled stays).
        for (fs::path folder = file.parent_path(); folder != target && fs::is_empty(folder, error) && !error;
             folder = folder.parent_path())
            fs::remove(folder, error);
    }
    return writeFileAtomically(target / kBundleMark, manifestText(final), false, target / kBundleMark);
}

} // namespace

Status writeBundle(const Bundle &bundle, const fs::path &folder, bool replace)
{
    for (const auto &[relative, bytes] : bundle.files) {
        if (!isSafeRelative(relative) || relative == kBundleMark)
            return Status::invalidArgument("a bundle file would leave the bundle: " + relative);
    }
    std::error_code error;
    const fs::path absolute = fs::absolute(folder, error);
    if (error)
        return Status::ioError(ioFailure("cannot place the bundle in", folder, error));
    // Through a symbolic link to where it points, as every file Stratus writes.
    const fs::path target = fs::weakly_canonical(absolute, error);
    if (error)
        return Status::ioError(ioFailure("cannot place the bundle in", folder, error));
    const bool exists = fs::exists(target, error);
    if (error)
        return Status::ioError(ioFailure("cannot look at", target, error));
    fs::create_directories(target.parent_path(), error);
    if (error)
        return Status::ioError(ioFailure("cannot make the folder", target.parent_path(), error));
    removeStaleStaging(target);
    if (!exists)
        return writeNew(bundle, target);

    if (!fs::is_directory(target, error))
        return Status::invalidArgument(target.string() + " exists and is not a folder");
    const bool empty = fs::is_empty(target, error);
    if (error)
        return Status::ioError(ioFailure("cannot look into", target, error));
    if (empty) {
        fs::remove(target, error); // an empty folder takes a new bundle whole
        if (error)
            return Status::ioError(ioFailure("cannot replace", target, error));
        return writeNew(bundle, target);
    }
    if (!fs::exists(target / kBundleMark, error))
        return Status::invalidArgument(target.string()
                                       + " holds files Stratus did not write: choose a new folder (nothing was written)");
    if (!replace)
        return Status::invalidArgument(target.string() + " holds an earlier bundle: --force replaces it (nothing was written)");
    const Manifest earlier = readManifest(target);
    for (const auto &[relative, digests] : earlier) {
        const fs::path file = target / relative;
        if (const auto now = digestOfFile(file); now && !digests.contains(*now))
            return Status::invalidArgument(file.string()
                                           + " was changed since it was exported: copy the change into the workspace "
                                             "(or remove the file), then export again (nothing was written)");
    }
    for (const auto &[relative, bytes] : bundle.files) {
        if (!earlier.contains(relative) && fs::exists(target / relative, error))
            return Status::invalidArgument((target / relative).string()
                                           + " is not from the earlier export, and the new bundle has a file there: "
                                             "move it away, then export again (nothing was written)");
    }
    return replaceEarlier(bundle, target, earlier);
}

bool isScript(const std::string &path, const std::string &bytes)
{
    return bytes.starts_with("#!") || fs::path(path).filename() == "bootstrap";
}

std::string fileNameFrom(const std::string &name)
{
    std::string out;
    for (const unsigned char c : name)
        out += std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80 ? char(c) : '-';
    if (out.empty() || out.front() == '.')
        out.insert(out.begin(), '_');
    if (out.size() > 100) {
        out.resize(100);
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back(); // not half a character
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0)
            out.pop_back();
    }
    return out;
}

std::string uniqueFileName(const std::string &name, std::set<std::string> &taken)
{
    std::string unique = name;
    for (int n = 2; taken.contains(asciiLowercase(unique)); ++n)
        unique = name + "-" + std::to_string(n);
    taken.insert(asciiLowercase(unique));
    return unique;
}

void addTestEvents(Bundle &bundle, const Workspace &workspace, const Workflow &workflow, const Node &function,
                   const std::string &folderName)
{
    std::set<std::string> names;
    for (const TestEvent &event : workspace.testEvents) {
        if (event.node == function.id && (!event.workflow.isValid() || event.workflow == workflow.id()))
            bundle.files[std::string(kTestEventsFolder) + "/" + folderName + "/"
                         + uniqueFileName(fileNameFrom(event.name), names) + ".json"] = event.event.dump(2) + "\n";
    }
}

} // namespace stratus::engine::exporting
