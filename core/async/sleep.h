// SPDX-License-Identifier: MIT
#pragma once

#include "canceltoken.h"
#include "trace.h"

#include <QCoro/QCoroTask>

#include <chrono>
#include <coroutine>
#include <memory>
#include <optional>

class QObject;

namespace Coroscope {

/**
 * Awaitable that resumes at `deadline` (Qt::PreciseTimer, ≤ ~1 ms late) or when the token is
 * cancelled (then co_await throws Cancelled). QCoro::sleepFor uses coarse timers that run up
 * to 5 % late, too imprecise for experiments that compare measured with ideal times.
 */
class SleepUntil
{
public:
    SleepUntil(std::chrono::steady_clock::time_point deadline, CancelToken token);
    SleepUntil(SleepUntil &&) noexcept;
    ~SleepUntil();

    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> awaiting);
    void await_resume();

private:
    void wake(std::coroutine_handle<> awaiting);

    std::chrono::steady_clock::time_point m_deadline;
    CancelToken m_token;
    QObject *m_context = nullptr; // timer and cancel context; deleteLater'd on resume
    std::unique_ptr<CancelWatch> m_watch;
    bool m_woken = false;
};

[[nodiscard]] SleepUntil sleepUntil(std::chrono::steady_clock::time_point deadline, const CancelToken &token);
[[nodiscard]] SleepUntil sleepFor(std::chrono::nanoseconds duration, const CancelToken &token);

/// Precise sleep recording a `sleep` span (ready = the deadline) on `trace`.
QCoro::Task<> tracedSleep(std::chrono::nanoseconds duration, CancelToken token, Trace trace);

/// Awaitable that resumes on the next turn of the event loop (like asyncio.sleep(0)).
struct YieldToLoop
{
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting);
    void await_resume() const noexcept { }
};
[[nodiscard]] inline YieldToLoop yieldToLoop()
{
    return {};
}

/// Blocks the calling thread for `duration` (a `time.sleep` / `std::this_thread::sleep_for`
/// that wakes at once on cancel, then throws Cancelled). Records a `blocking` span.
void blockingSleep(std::chrono::nanoseconds duration, const CancelToken &token, const Trace &trace = {});

} // namespace Coroscope
