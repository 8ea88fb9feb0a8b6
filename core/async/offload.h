// SPDX-License-Identifier: MIT
#pragma once

// Offloading blocking work to a WorkerPool, awaited as a QFuture (asyncio's run_in_executor).
// Include only where needed: it pulls in QtConcurrent.

#include "outcome.h"
#include "trace.h"
#include "workerpool.h"

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTask>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>
#include <optional>

namespace Coroscope {

namespace detail {
struct OffloadTimes
{
    std::atomic<qint64> startNs {kUnknownTime};
    std::atomic<qint64> endNs {kUnknownTime};
};
} // namespace detail

/**
 * Runs `fn()` on one of `pool`'s threads and awaits it without blocking the loop.
 *
 * Records: on the pool thread's lane, a span of `workKind` named after `trace` while `fn`
 * runs; on `trace`'s lane an `acquire` span while the job waited for a free thread (when it
 * had to wait at least 1 ms) and a `wait` span until the loop resumed the awaiting
 * coroutine, whose ready time is when `fn` returned. Exceptions from `fn` are rethrown here.
 * With `workKind` nullopt there is no work span: `fn` records its own steps on
 * `pool.laneForCurrentThread()` (a blocking driver's connect and query).
 */
template<typename F, typename R = std::invoke_result_t<F>>
QCoro::Task<R> offload(
    WorkerPool &pool, F fn, Trace trace = {}, std::optional<SpanKind> workKind = SpanKind::Blocking)
{
    Recorder *rec = trace.recorder;
    // Queued until a pool thread takes the job: an `acquire` span on the awaiting lane.
    const SpanId queued = rec
        ? rec->begin(trace.lane, rec->intern(u"waiting for a pool thread"), SpanKind::Acquire, trace.name)
        : 0;
    auto times = std::make_shared<detail::OffloadTimes>();
    auto waitSpan = std::make_shared<std::atomic<SpanId>>(0);
    WorkerPool *poolPtr = &pool;
    // A named lambda, not one written inside the co_await expression (GCC PR 100611).
    auto job
        = [fn = std::move(fn), times, waitSpan, poolPtr, trace, workKind, queued]() mutable -> Outcome<R> {
        Recorder *rec = trace.recorder;
        SpanId work = 0;
        if (rec) {
            const qint64 start = rec->now();
            times->startNs = start;
            // The wait begins before the queued span ends: the task lane never looks idle in
            // between (the runner ends a run once no task span is open, and a coroutine not
            // resumed then leaks with its future — seen under LeakSanitizer).
            waitSpan->store(rec->begin(trace.lane, trace.name, SpanKind::Wait, trace.detail, start));
            rec->end(queued, {.atNs = start});
            if (workKind) {
                work
                    = rec->begin(poolPtr->laneForCurrentThread(), trace.name, *workKind, trace.detail, start);
            }
        }
        Outcome<R> outcome;
        try {
            if constexpr (std::is_void_v<R>) {
                fn();
                outcome = Outcome<R>::success({});
            } else {
                outcome = Outcome<R>::success(fn());
            }
        } catch (...) {
            outcome = Outcome<R>::failure(std::current_exception());
        }
        if (rec) {
            times->endNs = rec->now();
            if (!work) {
                // fn recorded its own steps
            } else if (outcome.ok()) {
                rec->end(work, {.atNs = times->endNs});
            } else {
                trace.endWithError(work, outcome.error());
            }
        }
        return outcome;
    };
    QFuture<Outcome<R>> future = QtConcurrent::run(pool.threadPool(), std::move(job));
    Outcome<R> outcome = co_await future;
    if (rec) {
        // The future has finished, so the job has stored its wait span.
        const SpanId wait = waitSpan->load();
        if (outcome.ok()) {
            rec->end(wait, {.readyNs = times->endNs.load()});
        } else {
            trace.endWithError(wait, outcome.error(), times->endNs.load());
        }
    }
    if constexpr (std::is_void_v<R>) {
        outcome.take(); // rethrows the job's error
    } else {
        co_return outcome.take();
    }
}

} // namespace Coroscope
