#pragma once

// Which files under some folders are still being written, as the kernel
// tells (inotify): a file written to and not yet closed. A bucket
// notifies an object once its writer has closed it, as S3 notifies an upload
// once it is complete, however long the writer pauses between writes.

#include <QObject>

#include <chrono>
#include <map>
#include <string>
#include <unordered_map>

namespace stratus::engine::run {

class WriteWatch : public QObject
{
    Q_OBJECT
public:
    explicit WriteWatch(QObject *parent = nullptr);
    ~WriteWatch() override;

    /// False when inotify could not be had (its limits reached): callers
    /// fall back on files being unchanged for a while.
    bool isAvailable() const { return m_fd >= 0; }
    /// Watches the folder `path` (not what is under it: call it for each
    /// folder; a folder already watched costs a lookup). Folders created
    /// under a watched one are watched as they appear.
    void watchFolder(const std::string &path);
    /// `path` (absolute) was written to and is not closed yet, and its last
    /// write is at most `kGiveUpAfter` old (a writer that hangs does not
    /// hold its file back forever).
    bool isBeingWritten(const std::string &path);

    static constexpr std::chrono::seconds kGiveUpAfter{60};

private:
    void readEvents();
    void forgetFolder(const std::string &path);

    int m_fd = -1;
    std::unordered_map<int, std::string> m_folders;   // watch descriptor -> folder path
    std::unordered_map<std::string, int> m_watched;   // folder path -> watch descriptor
    std::map<std::string, std::chrono::steady_clock::time_point> m_writing; // open for writing: last write
};

} // namespace stratus::engine::run
