// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>
#include <memory>

class QObject;

namespace Coroscope {

/**
 * Cooperative cancellation shared by every step of a run.
 *
 * Any thread may cancel. Blocking waits (waitUntil) wake at once; async awaiters register a
 * CancelWatch that resumes them on their own thread; CPU loops poll isCancelled().
 * A child token is cancelled with its parent and can also be cancelled on its own (timeouts).
 */
class CancelToken
{
    struct State;

public:
    CancelToken();

    void cancel() const;
    [[nodiscard]] bool isCancelled() const;
    /// Throws Cancelled if cancelled.
    void throwIfCancelled() const;
    /// Blocks until `deadline` or cancellation; returns true if cancelled first.
    bool waitUntil(std::chrono::steady_clock::time_point deadline) const;
    [[nodiscard]] CancelToken child() const;

    /// RAII: while alive, `fn` runs on the cancelling thread when the token is cancelled
    /// (at once if it already is). Destroying it waits for a running `fn` to return.
    class Registration
    {
    public:
        Registration() = default;
        Registration(Registration &&other) noexcept;
        Registration &operator=(Registration &&other) noexcept;
        ~Registration();
        void reset();

    private:
        friend class CancelToken;
        std::weak_ptr<State> m_state;
        quint64 m_id = 0;
    };
    [[nodiscard]] Registration onCancel(std::function<void()> fn) const;

private:
    explicit CancelToken(std::shared_ptr<State> state);
    std::shared_ptr<State> d;
};

/**
 * Calls `fn` on `context`'s thread (queued) when the token is cancelled, unless the watch
 * was destroyed first. `context` must outlive the watch. This is how awaiters on an event
 * loop learn about a cancel issued from another thread.
 */
class CancelWatch
{
public:
    CancelWatch(const CancelToken &token, QObject *context, std::function<void()> fn);
    ~CancelWatch();
    CancelWatch(const CancelWatch &) = delete;
    CancelWatch &operator=(const CancelWatch &) = delete;

private:
    std::shared_ptr<bool> m_alive;
    CancelToken::Registration m_registration;
};

} // namespace Coroscope
