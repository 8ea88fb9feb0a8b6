// SPDX-License-Identifier: MIT
#include "canceltoken.h"

#include "errors.h"

#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

namespace Coroscope {

struct CancelToken::State
{
    std::atomic<bool> cancelled {false};
    std::mutex waitMutex;
    std::condition_variable waitCondition;
    std::recursive_mutex callbackMutex; // held while callbacks run; recursive for re-entrant use
    std::map<quint64, std::function<void()>> callbacks;
    quint64 nextId = 1;
    Registration parentRegistration; // for child tokens
};

CancelToken::CancelToken()
    : d(std::make_shared<State>())
{ }

CancelToken::CancelToken(std::shared_ptr<State> state)
    : d(std::move(state))
{ }

void CancelToken::cancel() const
{
    {
        std::lock_guard lock(d->waitMutex);
        if (d->cancelled.exchange(true)) {
            return;
        }
    }
    d->waitCondition.notify_all();
    // Callbacks run under the lock so that a Registration being reset on another thread
    // waits for its callback; the map is moved out first because a callback may reset
    // registrations of this very token (re-entrantly, on this thread).
    std::lock_guard lock(d->callbackMutex);
    auto callbacks = std::exchange(d->callbacks, {});
    for (auto &[id, fn] : callbacks) {
        fn();
    }
}

bool CancelToken::isCancelled() const
{
    return d->cancelled.load(std::memory_order_acquire);
}

void CancelToken::throwIfCancelled() const
{
    if (isCancelled()) {
        throw Cancelled();
    }
}

bool CancelToken::waitUntil(std::chrono::steady_clock::time_point deadline) const
{
    std::unique_lock lock(d->waitMutex);
    return d->waitCondition.wait_until(lock, deadline, [this] { return d->cancelled.load(); });
}

CancelToken CancelToken::child() const
{
    CancelToken child;
    std::weak_ptr<State> weak = child.d;
    child.d->parentRegistration = onCancel([weak] {
        if (auto state = weak.lock()) {
            CancelToken(state).cancel();
        }
    });
    return child;
}

CancelToken::Registration CancelToken::onCancel(std::function<void()> fn) const
{
    std::unique_lock lock(d->callbackMutex);
    if (isCancelled()) {
        lock.unlock();
        fn();
        return {};
    }
    Registration registration;
    registration.m_state = d;
    registration.m_id = d->nextId++;
    d->callbacks.emplace(registration.m_id, std::move(fn));
    return registration;
}

CancelToken::Registration::Registration(Registration &&other) noexcept
    : m_state(std::move(other.m_state))
    , m_id(std::exchange(other.m_id, 0))
{ }

CancelToken::Registration &CancelToken::Registration::operator=(Registration &&other) noexcept
{
    if (this != &other) {
        reset();
        m_state = std::move(other.m_state);
        m_id = std::exchange(other.m_id, 0);
    }
    return *this;
}

CancelToken::Registration::~Registration()
{
    reset();
}

void CancelToken::Registration::reset()
{
    if (m_id == 0) {
        return;
    }
    if (auto state = m_state.lock()) {
        std::lock_guard lock(state->callbackMutex);
        state->callbacks.erase(m_id);
    }
    m_id = 0;
    m_state.reset();
}

CancelWatch::CancelWatch(const CancelToken &token, QObject *context, std::function<void()> fn)
    : m_alive(std::make_shared<bool>(true))
{
    std::weak_ptr<bool> alive = m_alive;
    m_registration = token.onCancel([context, alive, fn = std::move(fn)] {
        // `context` is alive here: the watch's destructor waits for this callback.
        QMetaObject::invokeMethod(
            context,
            [alive, fn] {
                // Runs on context's thread; the watch (same thread) may be gone by now.
                if (auto flag = alive.lock(); flag && *flag) {
                    fn();
                }
            },
            Qt::QueuedConnection);
    });
}

CancelWatch::~CancelWatch()
{
    m_registration.reset();
    *m_alive = false;
}

} // namespace Coroscope
