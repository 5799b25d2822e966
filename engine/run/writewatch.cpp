#include "writewatch.h"

#include <QSocketNotifier>

#include <cerrno>
#include <unordered_map>

#include <sys/inotify.h>
#include <unistd.h>

namespace stratus::engine::run {

namespace {

constexpr uint32_t kEvents = IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE
                             | IN_DELETE_SELF | IN_ONLYDIR;

} // namespace

WriteWatch::WriteWatch(QObject *parent)
    : QObject(parent)
    , m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
{
    if (m_fd < 0)
        return;
    auto *notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] { readEvents(); });
}

WriteWatch::~WriteWatch()
{
    qDeleteAll(findChildren<QSocketNotifier *>()); // before the descriptor it watches is closed
    if (m_fd >= 0)
        ::close(m_fd);
}

void WriteWatch::watchFolder(const std::string &path)
{
    if (m_fd < 0 || m_watched.contains(path))
        return;
    const int wd = ::inotify_add_watch(m_fd, path.c_str(), kEvents);
    if (wd < 0)
        return; // gone already, or the watch limit: the caller's fallback applies
    // A folder renamed keeps its descriptor: its old name is free again.
    if (const auto known = m_folders.find(wd); known != m_folders.end())
        m_watched.erase(known->second);
    m_watched[path] = wd;
    m_folders[wd] = path;
}

void WriteWatch::forgetFolder(const std::string &path)
{
    // The folder and every folder under it: their paths no longer name them.
    const std::string under = path + "/";
    std::erase_if(m_watched, [&](const auto &entry) { return entry.first == path || entry.first.starts_with(under); });
}

bool WriteWatch::isBeingWritten(const std::string &path)
{
    readEvents(); // what happened up to now, not up to the last turn of the loop
    const auto found = m_writing.find(path);
    if (found == m_writing.end())
        return false;
    if (std::chrono::steady_clock::now() - found->second <= kGiveUpAfter)
        return true;
    m_writing.erase(found);
    return false;
}

void WriteWatch::readEvents()
{
    if (m_fd < 0)
        return;
    alignas(inotify_event) char buffer[16 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0)
            return; // EAGAIN: nothing more now
        for (const char *at = buffer; at < buffer + n;) {
            const auto *event = reinterpret_cast<const inotify_event *>(at);
            at += sizeof(inotify_event) + event->len;
            if (event->mask & IN_Q_OVERFLOW) {
                // Events were lost: who writes what is unknown, so nothing is
                // held back on its account (the caller's own rule applies).
                m_writing.clear();
                continue;
            }
            const auto folder = m_folders.find(event->wd);
            if (folder == m_folders.end())
                continue;
            if (event->mask & (IN_IGNORED | IN_DELETE_SELF)) {
                m_watched.erase(folder->second);
                m_folders.erase(folder);
                continue;
            }
            if (event->len == 0)
                continue;
            const std::string path = folder->second + "/" + event->name;
            if (event->mask & IN_ISDIR) {
                if (event->mask & (IN_CREATE | IN_MOVED_TO))
                    watchFolder(path);
                else if (event->mask & IN_MOVED_FROM)
                    forgetFolder(path); // watched again under its new name
                continue;
            }
            // Written through its name, not yet closed. A name made by a link
            // (QSaveFile's linkat, `ln`) gets IN_CREATE alone: it is whole already.
            if (event->mask & IN_MODIFY)
                m_writing[path] = std::chrono::steady_clock::now();
            else if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE))
                m_writing.erase(path);
        }
    }
}

} // namespace stratus::engine::run
