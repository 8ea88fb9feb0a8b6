// SPDX-License-Identifier: MIT
#include "readywatcher.h"

#include <QtDebug>

#include <sys/epoll.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace Coroscope {

namespace {

class Watcher
{
public:
    using Clock = ReadyWatch::Clock;

    /// Never destroyed: a run thread may still disarm while the process exits.
    static Watcher &instance()
    {
        static Watcher *const watcher = new Watcher;
        return *watcher;
    }

    quint64 arm(int fd)
    {
        if (fd < 0 || m_epoll < 0) {
            return 0;
        }
        const std::lock_guard lock(m_mutex);
        const quint64 token = m_next++;
        epoll_event ev {};
        ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        ev.data.u64 = token;
        // A descriptor number can be armed again while an old registration lingers (an
        // earlier wait on it, or a closed socket whose number was reused): MOD replaces it.
        int rc = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
        if (rc != 0 && errno == EEXIST) {
            rc = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
        }
        if (rc != 0) {
            return 0;
        }
        if (const auto old = m_byFd.find(fd); old != m_byFd.end()) {
            m_entries.erase(old->second); // its owner's take() then reports unknown
        }
        m_byFd[fd] = token;
        m_entries.emplace(token, Entry {fd, {}});
        return token;
    }

    Clock::time_point disarm(quint64 token)
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(token);
        if (it == m_entries.end()) {
            return {};
        }
        const Entry entry = it->second;
        m_entries.erase(it);
        if (const auto byFd = m_byFd.find(entry.fd); byFd != m_byFd.end() && byFd->second == token) {
            m_byFd.erase(byFd);
            // The descriptor may have been closed already (the kernel then dropped it from
            // the set, and ENOENT or EBADF here are harmless); a number reused by a socket
            // armed since belongs to another token and is not touched.
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, entry.fd, nullptr);
        }
        return entry.readyAt;
    }

    bool seen(quint64 token)
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(token);
        return it != m_entries.end() && it->second.readyAt != Clock::time_point {};
    }

private:
    struct Entry
    {
        int fd = -1;
        Clock::time_point readyAt;
    };

    Watcher()
        : m_epoll(epoll_create1(EPOLL_CLOEXEC))
    {
        if (m_epoll < 0) {
            qWarning("readiness watcher: cannot create an epoll set (%s); readiness stays unknown",
                strerror(errno));
            return;
        }
        std::thread([this] { run(); }).detach();
    }

    void run()
    {
        std::array<epoll_event, 256> events {};
        for (;;) {
            const int n = epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), -1);
            const Clock::time_point now = Clock::now(); // before the lock: the time it arrived
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                qWarning("readiness watcher: epoll_wait failed (%s)", strerror(errno));
                return;
            }
            const std::lock_guard lock(m_mutex);
            for (int i = 0; i < n; ++i) {
                const quint64 token = events[static_cast<std::size_t>(i)].data.u64;
                // One-shot: the kernel disabled it. Only the first sighting counts.
                if (const auto it = m_entries.find(token);
                    it != m_entries.end() && it->second.readyAt == Clock::time_point {}) {
                    it->second.readyAt = now;
                }
            }
        }
    }

    int m_epoll = -1;
    std::mutex m_mutex;
    quint64 m_next = 1;
    std::unordered_map<quint64, Entry> m_entries;
    std::unordered_map<int, quint64> m_byFd;
};

} // namespace

void ReadyWatch::arm(int fd)
{
    disarm();
    m_token = Watcher::instance().arm(fd);
}

ReadyWatch::Clock::time_point ReadyWatch::take(Clock::time_point observed)
{
    if (m_token == 0) {
        return observed;
    }
    const Clock::time_point seen = Watcher::instance().disarm(std::exchange(m_token, 0));
    if (seen == Clock::time_point {}) {
        return observed;
    }
    return observed == Clock::time_point {} ? seen : std::min(seen, observed);
}

bool ReadyWatch::seen() const
{
    return m_token != 0 && Watcher::instance().seen(m_token);
}

void ReadyWatch::disarm()
{
    if (m_token != 0) {
        Watcher::instance().disarm(std::exchange(m_token, 0));
    }
}

} // namespace Coroscope
