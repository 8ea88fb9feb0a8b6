// SPDX-License-Identifier: MIT
#pragma once

// Waiting for groups of tasks, which QCoro 0.8 lacks: gather (results in submission order,
// errors as values or fail-fast) and as-completed (results in completion order).

#include "outcome.h"
#include "trace.h"

#include <QCoro/QCoroTask>

#include <chrono>
#include <coroutine>
#include <deque>
#include <memory>
#include <vector>

namespace Coroscope {

namespace detail {

/// Shared by the collectors of one group and the coroutine waiting for it.
template<typename T> struct GroupState
{
    std::vector<Outcome<T>> outcomes;
    std::vector<std::chrono::steady_clock::time_point> settledAt;
    std::deque<std::size_t> completionOrder; // indices, in the order tasks settled
    std::size_t remaining = 0;
    std::size_t failed = 0;
    std::chrono::steady_clock::time_point lastSettledAt;
    std::coroutine_handle<> waiter;
    // When the waiter wants to be woken: all settled / first error / next completion.
    enum class WakeOn
    {
        All,
        AllOrError,
        Any
    } wakeOn
        = WakeOn::All;

    [[nodiscard]] bool satisfied() const
    {
        switch (wakeOn) {
        case WakeOn::All:
            return remaining == 0;
        case WakeOn::AllOrError:
            return remaining == 0 || failed > 0;
        case WakeOn::Any:
            return !completionOrder.empty();
        }
        return true;
    }

    void settle(std::size_t index, Outcome<T> outcome)
    {
        if (!outcome.ok()) {
            ++failed;
        }
        outcomes[index] = std::move(outcome);
        settledAt[index] = lastSettledAt = std::chrono::steady_clock::now();
        completionOrder.push_back(index);
        --remaining;
        if (waiter && satisfied()) {
            std::exchange(waiter, {}).resume();
        }
    }
};

/// Awaiter for a group. Always bind it to a named variable before co_await: g++ 12 destroys
/// an aggregate temporary in a co_await operand twice (same family as GCC PR 100611).
template<typename T> struct GroupAwaiter
{
    explicit GroupAwaiter(std::shared_ptr<GroupState<T>> s)
        : state(std::move(s))
    { }
    std::shared_ptr<GroupState<T>> state;
    bool await_ready() const noexcept { return state->satisfied(); }
    void await_suspend(std::coroutine_handle<> awaiting) noexcept { state->waiter = awaiting; }
    void await_resume() const noexcept { }
};

/// Awaits one task and reports its outcome. Runs detached: its Task object is dropped at
/// once and QCoro frees the frame when it finishes (every awaited step does finish: steps
/// honour the run's cancel token).
template<typename T>
QCoro::Task<> collect(QCoro::Task<T> task, std::shared_ptr<GroupState<T>> state, std::size_t index)
{
    Outcome<T> outcome;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await task;
            outcome = Outcome<T>::success({});
        } else {
            outcome = Outcome<T>::success(co_await task);
        }
    } catch (...) {
        outcome = Outcome<T>::failure(std::current_exception());
    }
    state->settle(index, std::move(outcome));
}

inline qint64 toNs(const Trace &trace, std::chrono::steady_clock::time_point t)
{
    return trace.recorder && t.time_since_epoch().count() != 0 ? trace.recorder->toNs(t) : kUnknownTime;
}

template<typename T> std::shared_ptr<GroupState<T>> startGroup(std::vector<QCoro::Task<T>> &tasks)
{
    auto state = std::make_shared<GroupState<T>>();
    state->outcomes.resize(tasks.size());
    state->settledAt.resize(tasks.size());
    state->remaining = tasks.size();
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        collect(std::move(tasks[i]), state, i);
    }
    tasks.clear();
    return state;
}

} // namespace detail

/// Waits for every task; results in submission order, errors as values
/// (asyncio.gather(..., return_exceptions=True)). Records a `wait` span on `trace` whose
/// ready time is when the last task finished.
template<typename T>
QCoro::Task<std::vector<Outcome<T>>> gatherSettled(std::vector<QCoro::Task<T>> tasks, Trace trace = {})
{
    const SpanId span = trace.begin(SpanKind::Wait);
    auto state = detail::startGroup(tasks);
    state->wakeOn = detail::GroupState<T>::WakeOn::All;
    detail::GroupAwaiter<T> settled(state);
    co_await settled;
    // Errors were returned as values: the wait itself succeeded.
    const StrId detail = trace.recorder && state->failed
        ? trace.recorder->intern(QStringLiteral("%1 of %2 failed (returned as values)")
                                     .arg(state->failed)
                                     .arg(state->outcomes.size()))
        : SpanEnd::kKeepDetail;
    trace.end(span, {.detail = detail, .readyNs = detail::toNs(trace, state->lastSettledAt)});
    co_return std::move(state->outcomes);
}

/// Waits for every task and returns their results in submission order; the first error is
/// rethrown as soon as it happens, while the other tasks go on running (asyncio.gather's
/// default). Records a `wait` span on `trace`.
template<typename T>
QCoro::Task<std::vector<typename Outcome<T>::Value>> gather(
    std::vector<QCoro::Task<T>> tasks, Trace trace = {})
{
    const SpanId span = trace.begin(SpanKind::Wait);
    auto state = detail::startGroup(tasks);
    state->wakeOn = detail::GroupState<T>::WakeOn::AllOrError;
    detail::GroupAwaiter<T> settled(state);
    co_await settled;
    if (state->failed > 0) {
        for (const std::size_t index : state->completionOrder) {
            if (!state->outcomes[index].ok()) {
                const auto error = state->outcomes[index].error();
                trace.endWithError(span, error, detail::toNs(trace, state->settledAt[index]));
                std::rethrow_exception(error);
            }
        }
    }
    trace.end(span, {.readyNs = detail::toNs(trace, state->lastSettledAt)});
    std::vector<typename Outcome<T>::Value> values;
    values.reserve(state->outcomes.size());
    for (auto &outcome : state->outcomes) {
        values.push_back(outcome.take());
    }
    co_return values;
}

/// One finished task from AsCompleted: its submission index and outcome.
template<typename T> struct Completed
{
    std::size_t index = 0;
    Outcome<T> outcome;
};

/**
 * Hands out tasks' outcomes in the order they finish (asyncio.as_completed):
 *
 *     AsCompleted<int> group(std::move(tasks));
 *     while (group.pending()) { auto done = co_await group.next(trace); ... }
 */
template<typename T> class AsCompleted
{
public:
    explicit AsCompleted(std::vector<QCoro::Task<T>> tasks)
        : m_total(tasks.size())
        , m_state(detail::startGroup(tasks))
    {
        m_state->wakeOn = detail::GroupState<T>::WakeOn::Any;
    }

    /// Outcomes not handed out yet.
    [[nodiscard]] std::size_t pending() const { return m_total - m_delivered; }

    /// The next task to finish. Records a `wait` span on `trace`, ready when that task finished.
    QCoro::Task<Completed<T>> next(Trace trace = {})
    {
        Q_ASSERT(pending() > 0);
        auto state = m_state;
        ++m_delivered;
        const SpanId span = trace.begin(SpanKind::Wait);
        detail::GroupAwaiter<T> settled(state);
        co_await settled;
        const std::size_t index = state->completionOrder.front();
        state->completionOrder.pop_front();
        Completed<T> done {index, std::move(state->outcomes[index])};
        const qint64 readyNs = detail::toNs(trace, state->settledAt[index]);
        if (done.outcome.ok()) {
            trace.end(span, {.readyNs = readyNs});
        } else {
            trace.endWithError(span, done.outcome.error(), readyNs);
        }
        co_return done;
    }

private:
    std::size_t m_total = 0;
    std::size_t m_delivered = 0;
    std::shared_ptr<detail::GroupState<T>> m_state;
};

} // namespace Coroscope
