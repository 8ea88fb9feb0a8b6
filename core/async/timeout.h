// SPDX-License-Identifier: MIT
#pragma once

#include "canceltoken.h"
#include "outcome.h"
#include "trace.h"

#include <QCoro/QCoroTask>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <memory>

namespace Coroscope {

namespace detail {

template<typename R> struct SingleState
{
    Outcome<R> outcome;
    bool settled = false;
    bool timedOut = false;
    std::coroutine_handle<> waiter;
};

template<typename R> QCoro::Task<> collectSingle(QCoro::Task<R> task, std::shared_ptr<SingleState<R>> state)
{
    try {
        if constexpr (std::is_void_v<R>) {
            co_await task;
            state->outcome = Outcome<R>::success({});
        } else {
            state->outcome = Outcome<R>::success(co_await task);
        }
    } catch (...) {
        state->outcome = Outcome<R>::failure(std::current_exception());
    }
    state->settled = true;
    if (state->waiter) {
        std::exchange(state->waiter, {}).resume();
    }
}

/// Bind to a named variable before co_await (see GroupAwaiter).
template<typename R> struct SingleAwaiter
{
    explicit SingleAwaiter(std::shared_ptr<SingleState<R>> s)
        : state(std::move(s))
    { }
    std::shared_ptr<SingleState<R>> state;
    bool await_ready() const noexcept { return state->settled; }
    void await_suspend(std::coroutine_handle<> awaiting) noexcept { state->waiter = awaiting; }
    void await_resume() const noexcept { }
};

} // namespace detail

/**
 * Runs `f(token)` with a time limit (asyncio.wait_for). `f` gets a child of `parent`; when the
 * limit passes first, that child is cancelled, the step is awaited until it has stopped, and
 * TimeoutError is thrown. Records a `wait` span on `trace` (an error when it timed out).
 *
 *     auto reply = co_await withTimeout(2s, ctx.token(), [&](CancelToken t) { return get(url, t); });
 */
template<typename F, typename TaskType = std::invoke_result_t<F, CancelToken>,
    typename R = typename TaskType::value_type>
QCoro::Task<R> withTimeout(std::chrono::nanoseconds limit, CancelToken parent, F f, Trace trace = {})
{
    const SpanId span = trace.begin(SpanKind::Wait);
    const CancelToken inner = parent.child();
    auto state = std::make_shared<detail::SingleState<R>>();
    detail::collectSingle<R>(f(inner), state);
    if (!state->settled) {
        QObject context; // the timer dies with this frame
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(limit);
        QTimer::singleShot(ms, Qt::PreciseTimer, &context, [state, inner] {
            if (!state->settled) {
                state->timedOut = true;
                inner.cancel();
            }
        });
        detail::SingleAwaiter<R> settled(state);
        co_await settled;
    }
    if (state->timedOut && !state->outcome.ok() && !parent.isCancelled()) {
        const auto error = std::make_exception_ptr(TimeoutError(
            QStringLiteral("timed out after %1 s").arg(std::chrono::duration<double>(limit).count())));
        trace.endWithError(span, error);
        std::rethrow_exception(error);
    }
    if (state->outcome.ok()) {
        trace.end(span);
    } else {
        trace.endWithError(span, state->outcome.error());
    }
    co_return state->outcome.take();
}

} // namespace Coroscope
