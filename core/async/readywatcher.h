// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <chrono>
#include <utility>

namespace Coroscope {

/**
 * When did an awaited socket's answer arrive? The loop cannot say: while it is blocked (a
 * blocking call in another task, CPU work on the loop) nothing reads the socket, and the step
 * looks as if the server had been slow. This watcher can: one process-wide thread with its own
 * epoll, on which a socket is armed (EPOLLIN | EPOLLONESHOT) when a coroutine suspends on it.
 * The thread notes the time the socket became readable — or hung up — and consumes nothing;
 * the loop's own notifier still reads the data. Armed and disarmed from any thread.
 *
 * Costs two epoll_ctl calls per armed wait and one wake-up of the watcher thread per answer
 * (wake-ups that arrive together are handled together).
 */
class ReadyWatch
{
public:
    using Clock = std::chrono::steady_clock;

    ReadyWatch() = default;
    ~ReadyWatch() { disarm(); }
    ReadyWatch(const ReadyWatch &) = delete;
    ReadyWatch &operator=(const ReadyWatch &) = delete;
    ReadyWatch(ReadyWatch &&other) noexcept
        : m_token(std::exchange(other.m_token, 0))
    { }
    ReadyWatch &operator=(ReadyWatch &&other) noexcept
    {
        if (this != &other) {
            disarm();
            m_token = std::exchange(other.m_token, 0);
        }
        return *this;
    }

    /// Starts watching `fd` for readability (again, if it was armed). A negative fd, or one
    /// the kernel refuses, leaves the watch unarmed: readiness is then unknown.
    void arm(int fd);
    [[nodiscard]] bool armed() const { return m_token != 0; }
    /// The watcher has seen the socket readable (and take() will say when).
    [[nodiscard]] bool seen() const;
    /// Stops watching. Returns when the socket was first seen readable since arm(); if the
    /// watcher has not seen it yet, `observed` — the caller's own observation of readiness (the
    /// loop woke for it) — or a default time_point (unknown) when there is none.
    Clock::time_point take(Clock::time_point observed = {});
    /// Stops watching without asking.
    void disarm();

private:
    quint64 m_token = 0;
};

} // namespace Coroscope
