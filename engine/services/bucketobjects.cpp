#include "bucketobjects.h"

#include "engine/model/invocationrecord.h"
#include "engine/model/text.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QFile>

#include <algorithm>

namespace stratus::engine::services {

namespace fs = std::filesystem;

bool isOwnTemporary(std::string_view fileName)
{
    return fileName.starts_with(".stratus-");
}

Status checkObjectKey(const std::string &key)
{
    if (key.empty() || key.size() > 1024)
        return Status::invalidArgument("an object key must be 1 to 1024 bytes long");
    if (key.find('\0') != std::string::npos)
        return Status::invalidArgument("an object key may not hold a NUL character");
    if (key.front() == '/')
        return Status::invalidArgument("object key " + quote(key) + " must be a relative path (no leading /)");
    if (key.find('\\') != std::string::npos)
        return Status::invalidArgument("object key " + quote(key) + " may not hold a backslash");
    // S3's keys are UTF-8; a file name of other bytes would come back as another key.
    if (!isValidUtf8(key))
        return Status::invalidArgument("object key " + quote(key) + " is not valid UTF-8");
    if (key.back() == '/')
        return Status::invalidArgument("object key " + quote(key)
                                       + " ends with /: a bucket's objects are files, and that would be a folder");
    size_t start = 0;
    while (start <= key.size()) {
        const size_t slash = std::min(key.find('/', start), key.size());
        const std::string_view part = std::string_view(key).substr(start, slash - start);
        if (part == ".." || part == "." || part.empty())
            return Status::invalidArgument("object key " + quote(key) + " may not hold empty, . or .. segments");
        if (isOwnTemporary(part))
            return Status::invalidArgument("object key " + quote(key) + " uses the reserved prefix .stratus-");
        if (part.size() > 255)
            return Status::invalidArgument("object key " + quote(key.substr(0, 80) + "...")
                                           + " has a part between slashes of over 255 bytes: each is a file or folder name here");
        start = slash + 1;
    }
    return Status::ok();
}

namespace {

bool isInside(const fs::path &root, const fs::path &path)
{
    const auto [end, _] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    return end == root.end();
}

} // namespace

Result<fs::path> objectPath(const std::string &folder, const std::string &key, bool createFolders)
{
    if (Status s = checkObjectKey(key); !s)
        return s;
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(folder, ec);
    if (ec)
        return Status::ioError("cannot reach the bucket's folder " + quote(folder) + ": " + ec.message());
    const fs::path target = root / key;
    // A symlink anywhere on the way may not lead out of the folder: looked at
    // before a folder is made (none is made outside), and after.
    const auto leadsOut = [&] {
        const fs::path realParent = fs::weakly_canonical(target.parent_path(), ec);
        return ec || !isInside(root, realParent) || fs::is_symlink(target, ec);
    };
    if (leadsOut())
        return Status::invalidArgument("object key " + quote(key) + " leads out of the bucket's folder");
    // The key and the files already there must agree: a folder on the way
    // that is an object, or a key that names a folder of other objects.
    fs::path along = root;
    for (const fs::path &part : fs::path(key).parent_path()) {
        along /= part;
        if (fs::exists(along, ec) && !fs::is_directory(along, ec))
            return Status::invalidArgument("object key " + quote(key) + " needs "
                                           + quote(along.lexically_relative(root).string())
                                           + " to be a folder, but it is an object");
    }
    if (fs::is_directory(target, ec))
        return Status::invalidArgument("object key " + quote(key)
                                       + " is a folder of other objects here (a key may not also be a prefix of others)");
    if (createFolders) {
        fs::create_directories(target.parent_path(), ec);
        if (ec)
            return Status::ioError("cannot make the folders of " + quote(key) + ": " + ec.message());
        if (leadsOut())
            return Status::invalidArgument("object key " + quote(key) + " leads out of the bucket's folder");
    }
    return target;
}

Status writeObjectFile(const fs::path &path, std::string_view body)
{
    // Renamed into place, not synced: as durable as a table's item (SQLite's
    // WAL with synchronous=NORMAL), which survives Stratus ending, not the
    // machine losing power. QSaveFile's fdatasync held puts to ~1,400/s.
    const fs::path temporary = path.parent_path() / (".stratus-" + newRequestId());
    QFile file(QString::fromStdString(temporary.string()));
    bool written = file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
                   && file.write(body.data(), qint64(body.size())) == qint64(body.size()) && file.flush();
    file.close();
    written = written && file.error() == QFileDevice::NoError;
    const QString why = file.errorString();
    std::error_code ec;
    if (written)
        fs::rename(temporary, path, ec);
    if (!written || ec) {
        fs::remove(temporary, ec);
        return Status::ioError("cannot write " + quote(path.string()) + ": "
                               + (written ? ec.message() : why.toStdString()));
    }
    return Status::ok();
}

Result<bool> removeObjectFile(const std::string &folder, const fs::path &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(path, ec)))
        return false;
    if (!fs::remove(path, ec))
        return Status::ioError("cannot remove " + quote(path.string()) + ": " + ec.message());
    const fs::path root = fs::weakly_canonical(folder, ec);
    if (ec || root.empty())
        return true; // the object is gone; its empty folders stay
    for (fs::path dir = path.parent_path(); dir != root && isInside(root, dir); dir = dir.parent_path()) {
        if (!fs::remove(dir, ec)) // fails, as wanted, on a folder that still holds something
            break;
    }
    return true;
}

std::vector<ObjectFile> objectFiles(const std::string &folder, const std::string &prefix)
{
    std::vector<ObjectFile> files;
    // Only the folder the prefix names is walked ("photos/2024/" looks in
    // photos/2024), and only when it is inside the bucket's folder.
    const size_t lastSlash = prefix.rfind('/');
    const std::string within = lastSlash == std::string::npos ? std::string() : prefix.substr(0, lastSlash);
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(folder, ec);
    if (ec)
        return files;
    fs::path start = root;
    if (!within.empty()) {
        if (!checkObjectKey(within))
            return files; // no object's key starts so
        start = fs::weakly_canonical(root / within, ec);
        if (ec || !isInside(root, start) || fs::is_symlink(root / within, ec))
            return files;
    }
    const QString startPath = QString::fromStdString(start.string());
    if (!QFileInfo(startPath).isDir())
        return files;
    const QDir base(QString::fromStdString(root.string()));
    QDirIterator it(startPath, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || isOwnTemporary(info.fileName().toStdString()))
            continue;
        std::string key = base.relativeFilePath(info.filePath()).toStdString();
        // A file no request could name (a backslash in its name...) is not listed either.
        if (!key.starts_with(prefix) || !checkObjectKey(key))
            continue;
        files.push_back(ObjectFile{std::move(key), info.size(), info.lastModified().toMSecsSinceEpoch()});
    }
    std::sort(files.begin(), files.end(), [](const ObjectFile &a, const ObjectFile &b) { return a.key < b.key; });
    return files;
}

} // namespace stratus::engine::services
