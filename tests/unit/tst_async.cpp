// SPDX-License-Identifier: MIT
// The coroutine helpers QCoro 0.8 lacks: precise sleep, cancellation, gather, as-completed,
// timeout and offload, each with its spans.

#include "async/canceltoken.h"
#include "async/gather.h"
#include "async/offload.h"
#include "async/readywatcher.h"
#include "async/sleep.h"
#include "async/timeout.h"
#include "async/workerpool.h"
#include "testutil.h"
#include "timeline/rundata.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

QCoro::Task<int> valueAfter(std::chrono::milliseconds delay, int value, CancelToken token)
{
    co_await sleepFor(delay, token);
    co_return value;
}

QCoro::Task<int> failAfter(std::chrono::milliseconds delay, QString message, CancelToken token)
{
    co_await sleepFor(delay, token);
    throw Error(message);
}

bool isCancelled(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const Cancelled &) {
        return true;
    } catch (...) {
        return false;
    }
}

template<typename E> bool isA(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const E &) {
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

class TestAsync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void preciseSleepIsOnTimeAndKeepsLoopFree()
    {
        CancelToken token;
        LoopTicker ticker;
        const auto t0 = Clock::now();
        auto outcome = runTask(valueAfter(100ms, 7, token));
        const double elapsed = secondsSince(t0);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), 7);
        QVERIFY2(elapsed >= 0.100 && elapsed <= 0.100 + marginFor(0.1) / 5,
            qPrintable(u"slept %1 s for 0.1 s"_s.arg(elapsed)));
        QVERIFY2(ticker.ticks() >= 50, "the loop must keep running while a coroutine sleeps");
    }

    void tracedSleepRecordsSpanWithReadyTime()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"t"_s, LaneKind::Task);
        CancelToken token;
        auto outcome = runTask(tracedSleep(50ms, token, Trace {&rec, lane, rec.intern(u"nap"), 0}));
        QVERIFY(outcome.ok());
        const Span span = rec.span(0);
        QVERIFY(span.kind == SpanKind::Sleep);
        QVERIFY(span.status == SpanStatus::Ok);
        QCOMPARE(span.readyNs - span.beginNs, qint64(50'000'000));
        QVERIFY(span.endNs >= span.readyNs);
    }

    void cancelFromAnotherThreadWakesSleeper()
    {
        CancelToken token;
        std::thread canceller([token] {
            std::this_thread::sleep_for(50ms);
            token.cancel();
        });
        const auto t0 = Clock::now();
        auto outcome = runTask(valueAfter(5000ms, 1, token));
        const double elapsed = secondsSince(t0);
        canceller.join();
        QVERIFY(!outcome.ok());
        QVERIFY(isCancelled(outcome.error()));
        QVERIFY2(elapsed < 0.5, qPrintable(u"cancel took %1 s to arrive"_s.arg(elapsed)));
    }

    void blockingSleepWakesOnCancel()
    {
        Recorder rec;
        CancelToken token;
        std::thread canceller([token] {
            std::this_thread::sleep_for(50ms);
            token.cancel();
        });
        const auto t0 = Clock::now();
        bool threw = false;
        try {
            blockingSleep(5s, token, Trace {&rec, 0, rec.intern(u"block"), 0});
        } catch (const Cancelled &) {
            threw = true;
        }
        canceller.join();
        QVERIFY(threw);
        QVERIFY(secondsSince(t0) < 0.5);
        QVERIFY(rec.span(0).status == SpanStatus::Cancelled);
        QVERIFY(rec.span(0).kind == SpanKind::Blocking);
    }

    void childTokenFollowsParentButNotTheOtherWay()
    {
        CancelToken parent;
        CancelToken child = parent.child();
        CancelToken sibling = parent.child();
        child.cancel();
        QVERIFY(child.isCancelled());
        QVERIFY(!parent.isCancelled());
        QVERIFY(!sibling.isCancelled());
        parent.cancel();
        QVERIFY(sibling.isCancelled());
        QVERIFY(parent.child().isCancelled());
    }

    void registrationRunsOnceAndNotAfterReset()
    {
        CancelToken token;
        int calls = 0;
        auto kept = token.onCancel([&] { ++calls; });
        auto dropped = token.onCancel([&] { calls += 100; });
        dropped.reset();
        token.cancel();
        token.cancel();
        QCOMPARE(calls, 1);
        // Registering on a cancelled token runs at once.
        auto late = token.onCancel([&] { ++calls; });
        QCOMPARE(calls, 2);
    }

    void gatherKeepsSubmissionOrder()
    {
        CancelToken token;
        std::vector<QCoro::Task<int>> tasks;
        tasks.push_back(valueAfter(90ms, 1, token));
        tasks.push_back(valueAfter(30ms, 2, token));
        tasks.push_back(valueAfter(60ms, 3, token));
        const auto t0 = Clock::now();
        auto outcome = runTask(gather(std::move(tasks)));
        const double elapsed = secondsSince(t0);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), (std::vector<int> {1, 2, 3}));
        QVERIFY2(elapsed >= 0.09 && elapsed < 0.09 + marginFor(0.09), qPrintable(QString::number(elapsed)));
    }

    void gatherFailsFastWithFirstError()
    {
        CancelToken token;
        Recorder rec;
        std::vector<QCoro::Task<int>> tasks;
        tasks.push_back(valueAfter(300ms, 1, token));
        tasks.push_back(failAfter(30ms, u"API failed"_s, token));
        const auto t0 = Clock::now();
        auto outcome = runTask(gather(std::move(tasks), Trace {&rec, 0, rec.intern(u"gather"), 0}));
        const double elapsed = secondsSince(t0);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.errorMessage(), u"API failed"_s);
        QVERIFY2(elapsed < 0.2, "fail-fast gather must not wait for the slow task");
        QVERIFY(rec.span(0).status == SpanStatus::Error);
        QCOMPARE(rec.string(rec.span(0).detail), u"API failed"_s);
        token.cancel(); // let the slow task finish before the test ends
        runTask(valueAfter(1ms, 0, CancelToken()));
    }

    void gatherSettledReturnsErrorsAsValues()
    {
        CancelToken token;
        std::vector<QCoro::Task<int>> tasks;
        tasks.push_back(valueAfter(20ms, 100, token));
        tasks.push_back(valueAfter(40ms, 200, token));
        tasks.push_back(failAfter(10ms, u"API failed"_s, token));
        const auto t0 = Clock::now();
        auto outcome = runTask(gatherSettled(std::move(tasks)));
        QVERIFY(outcome.ok());
        QVERIFY(secondsSince(t0) >= 0.04);
        const auto &results = outcome.value();
        QCOMPARE(results.size(), std::size_t(3));
        QCOMPARE(results[0].value(), 100);
        QCOMPARE(results[1].value(), 200);
        QVERIFY(!results[2].ok());
        QCOMPARE(results[2].errorMessage(), u"API failed"_s);
    }

    void gatherOfNothingIsImmediate()
    {
        auto outcome = runTask(gather(std::vector<QCoro::Task<int>> {}));
        QVERIFY(outcome.ok());
        QVERIFY(outcome.value().empty());
    }

    void asCompletedYieldsInCompletionOrder()
    {
        CancelToken token;
        Recorder rec;
        std::vector<QCoro::Task<int>> tasks;
        tasks.push_back(valueAfter(60ms, 1, token));
        tasks.push_back(valueAfter(20ms, 2, token));
        tasks.push_back(failAfter(40ms, u"three failed"_s, token));
        auto consume
            = [](std::vector<QCoro::Task<int>> tasks, Recorder *rec) -> QCoro::Task<std::vector<int>> {
            AsCompleted<int> group(std::move(tasks));
            std::vector<int> order;
            while (group.pending() > 0) {
                auto done = co_await group.next(Trace {rec, 0, rec->intern(u"next"), 0});
                order.push_back(done.outcome.ok() ? done.outcome.value() : -static_cast<int>(done.index));
            }
            co_return order;
        };
        auto outcome = runTask(consume(std::move(tasks), &rec));
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), (std::vector<int> {2, -2, 1}));
        QCOMPARE(rec.spanCount(), std::size_t(3));
        QVERIFY(rec.span(1).status == SpanStatus::Error);
        QVERIFY(rec.span(0).readyNs != kUnknownTime);
    }

    void timeoutCancelsTheStepAndThrows()
    {
        CancelToken parent;
        Recorder rec;
        const auto t0 = Clock::now();
        auto outcome = runTask(withTimeout(
            50ms, parent, [](CancelToken t) { return valueAfter(5000ms, 1, t); },
            Trace {&rec, 0, rec.intern(u"wait_for"), 0}));
        const double elapsed = secondsSince(t0);
        QVERIFY(!outcome.ok());
        QVERIFY(isA<TimeoutError>(outcome.error()));
        QCOMPARE(outcome.errorMessage(), u"timed out after 0.05 s"_s);
        QVERIFY2(elapsed >= 0.05 && elapsed < 0.3, qPrintable(QString::number(elapsed)));
        QVERIFY(!parent.isCancelled());
        QVERIFY(rec.span(0).status == SpanStatus::Error);
    }

    void timeoutPassesResultThrough()
    {
        CancelToken parent;
        auto outcome
            = runTask(withTimeout(500ms, parent, [](CancelToken t) { return valueAfter(20ms, 42, t); }));
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), 42);
    }

    void parentCancelIsNotReportedAsTimeout()
    {
        CancelToken parent;
        QTimer::singleShot(20, [parent] { parent.cancel(); });
        auto outcome
            = runTask(withTimeout(5000ms, parent, [](CancelToken t) { return valueAfter(5000ms, 1, t); }));
        QVERIFY(!outcome.ok());
        QVERIFY(isCancelled(outcome.error()));
    }

    void offloadRunsOnPoolThreadWithoutBlockingLoop()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"task"_s, LaneKind::Task);
        WorkerPool pool(2, &rec);
        CancelToken token;
        LoopTicker ticker;
        QThread *loopThread = QThread::currentThread();
        auto job = [token, loopThread]() -> bool {
            blockingSleep(100ms, token);
            return QThread::currentThread() != loopThread;
        };
        auto outcome = runTask(offload(pool, job, Trace {&rec, lane, rec.intern(u"job"), 0}));
        QVERIFY(outcome.ok());
        QVERIFY2(outcome.value(), "the job must run on a pool thread");
        QVERIFY2(ticker.ticks() >= 50, "the loop must stay responsive during offloaded work");
        RunData run;
        rec.snapshot(run);
        // acquire (queued) + wait on the task lane, blocking on a pool lane
        int blocking = 0;
        int waits = 0;
        for (const Span &s : run.spans) {
            QVERIFY(!s.isOpen());
            if (s.kind == SpanKind::Blocking) {
                ++blocking;
                QVERIFY(run.lanes.at(s.lane).kind == LaneKind::Pool);
                QVERIFY(s.durationNs() >= 100'000'000);
            }
            if (s.kind == SpanKind::Wait) {
                ++waits;
                QVERIFY(s.readyNs != kUnknownTime);
            }
        }
        QCOMPARE(blocking, 1);
        QCOMPARE(waits, 1);
    }

    void offloadQueuesWhenPoolIsFull()
    {
        Recorder rec;
        WorkerPool pool(2, &rec);
        CancelToken token;
        std::vector<QCoro::Task<int>> jobs;
        std::vector<LaneId> lanes;
        for (int i = 0; i < 3; ++i) {
            lanes.push_back(rec.addLane(u"job %1"_s.arg(i), LaneKind::Task));
            auto fn = [token, i] {
                blockingSleep(100ms, token);
                return i;
            };
            jobs.push_back(offload(pool, fn, Trace {&rec, lanes.back(), rec.intern(u"sleep"), 0}));
        }
        const auto t0 = Clock::now();
        auto outcome = runTask(gather(std::move(jobs)));
        const double elapsed = secondsSince(t0);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), (std::vector<int> {0, 1, 2}));
        QVERIFY2(elapsed >= 0.2 && elapsed < 0.2 + marginFor(0.2), qPrintable(QString::number(elapsed)));
        RunData run;
        rec.snapshot(run);
        qint64 longestQueue = 0;
        for (const Span &s : run.spans) {
            if (s.kind == SpanKind::Acquire) {
                longestQueue = std::max(longestQueue, s.durationNs());
            }
        }
        QVERIFY2(longestQueue >= 90'000'000, "the third job must wait for a free thread");
    }

    void offloadRethrowsJobError()
    {
        Recorder rec;
        WorkerPool pool(1, &rec);
        auto fn = []() -> int { throw Error(u"disk on fire"_s); };
        auto outcome = runTask(offload(pool, fn, Trace {&rec, 0, rec.intern(u"job"), 0}));
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.errorMessage(), u"disk on fire"_s);
        RunData run;
        rec.snapshot(run);
        int errors = 0;
        for (const Span &s : run.spans) {
            errors += s.status == SpanStatus::Error;
        }
        QCOMPARE(errors, 2); // the job on its thread and the wait
    }

    // The readiness watcher sees an answer arrive while this thread is busy (as a loop held
    // by a blocking call would be) and reports that time, not the time it was looked at.
    void readyWatchSeesArrivalWhileThreadIsHeld()
    {
        using Clock = std::chrono::steady_clock;
        int fds[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
        ReadyWatch watch;
        watch.arm(fds[0]);
        QVERIFY(watch.armed());
        const auto armed = Clock::now();
        std::thread peer([fd = fds[1]] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            QCOMPARE(write(fd, "x", 1), 1);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // held: nobody reads
        const auto looked = Clock::now();
        const auto seen = watch.take(looked);
        peer.join();
        QVERIFY(!watch.armed());
        const double atMs = std::chrono::duration<double, std::milli>(seen - armed).count();
        QVERIFY2(atMs >= 29 && atMs < 120, qPrintable(QString::number(atMs)));
        char c = 0;
        QCOMPARE(read(fds[0], &c, 1), 1); // nothing was consumed by the watcher
        QCOMPARE(c, 'x');

        // Not readable: unknown (the caller's own observation, or none).
        watch.arm(fds[0]);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        QCOMPARE(watch.take(), Clock::time_point {});
        watch.arm(fds[0]);
        QCOMPARE(watch.take(looked), looked);

        // A hang-up counts as the answer; a closed descriptor and a re-armed number are harmless.
        watch.arm(fds[0]);
        ::close(fds[1]);
        QTRY_VERIFY_WITH_TIMEOUT(watch.seen(), 5000);
        QVERIFY(watch.take() != Clock::time_point {});
        ReadyWatch stale;
        stale.arm(fds[0]);
        ::close(fds[0]);
        int again[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, again), 0);
        ReadyWatch fresh;
        fresh.arm(again[0]); // probably the same number as fds[0]
        QVERIFY(fresh.armed());
        stale.disarm(); // must not remove the fresh registration
        QCOMPARE(write(again[1], "y", 1), 1);
        QTRY_VERIFY_WITH_TIMEOUT(fresh.seen(), 5000);
        ::close(again[0]);
        ::close(again[1]);
        ReadyWatch bad;
        bad.arm(-1);
        QVERIFY(!bad.armed());
    }
};

QTEST_GUILESS_MAIN(TestAsync)
#include "tst_async.moc"
