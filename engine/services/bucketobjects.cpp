#include "bucketobjects.h"

#include "engine/model/text.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QSaveFile>

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
    if (key.front() == '/' || key.find('\\') != std::string::npos)
        return Status::invalidArgument("object key " + quote(key) + " must be a relative path (no leading / or \\)");
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
        start = slash + 1;
    }
    return Status::ok();
}

Result<fs::path> objectPath(const std::string &folder, const std::string &key, bool createFolders)
{
    if (Status s = checkObjectKey(key); !s)
        return s;
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(folder, ec);
    if (ec)
        return Status::ioError("cannot reach the bucket's folder " + quote(folder) + ": " + ec.message());
    const fs::path target = root / key;
    if (createFolders) {
        fs::create_directories(target.parent_path(), ec);
        ec.clear(); // what matters is where the path leads, checked next
    }
    // A symlink anywhere on the way may not lead out of the folder.
    const fs::path realParent = fs::weakly_canonical(target.parent_path(), ec);
    const auto [end, _] = std::mismatch(root.begin(), root.end(), realParent.begin(), realParent.end());
    if (ec || end != root.end() || fs::is_symlink(target, ec))
        return Status::invalidArgument("object key " + quote(key) + " leads out of the bucket's folder");
    return target;
}

Status writeObjectFile(const fs::path &path, std::string_view body)
{
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly) || file.write(body.data(), qint64(body.size())) != qint64(body.size())
        || !file.commit())
        return Status::ioError("cannot write " + quote(path.string()) + ": " + file.errorString().toStdString());
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
    for (fs::path dir = path.parent_path(); dir != root && dir.has_relative_path(); dir = dir.parent_path()) {
        if (!fs::remove(dir, ec)) // fails, as wanted, on a folder that still holds something
            break;
    }
    return true;
}

std::vector<ObjectFile> objectFiles(const std::string &folder, const std::string &prefix)
{
    // Only the folder the prefix names is walked: "photos/2024/" looks in photos/2024.
    const QString root = QString::fromStdString(folder);
    const size_t lastSlash = prefix.rfind('/');
    const QString start = lastSlash == std::string::npos
                              ? root
                              : root + QLatin1Char('/') + QString::fromStdString(prefix.substr(0, lastSlash));
    std::vector<ObjectFile> files;
    if (!QFileInfo(start).isDir() || QFileInfo(start).isSymLink())
        return files;
    const QDir base(root);
    QDirIterator it(start, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || isOwnTemporary(info.fileName().toStdString()))
            continue;
        std::string key = base.relativeFilePath(info.filePath()).toStdString();
        if (!key.starts_with(prefix))
            continue;
        files.push_back(ObjectFile{std::move(key), info.size(), info.lastModified().toMSecsSinceEpoch()});
    }
    std::sort(files.begin(), files.end(), [](const ObjectFile &a, const ObjectFile &b) { return a.key < b.key; });
    return files;
}

} // namespace stratus::engine::services
