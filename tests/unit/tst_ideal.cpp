// SPDX-License-Identifier: MIT
// The ideal schedule and the all-async counterfactual, from constructed runs.

#include "timeline/ideal.h"
#include "timeline/runfile.h"
#include "timeline/stats.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Coroscope;
using namespace Coroscope::Analysis;
using namespace Qt::StringLiterals;

namespace {

constexpr double kUs = 1e-3; // in ms

struct Step
{
    int lane;
    double beginMs;
    double endMs;
    SpanKind kind = SpanKind::Sleep;
    double readyMs = -1; ///< -1: unknown
    bool blocking = false;
};

/// Lane 0 is the event loop; lanes 1.. are tasks created at `created` (ms, -1: unknown).
RunData makeRun(const QList<double> &created, const QList<Step> &steps)
{
    RunData run;
    run.strings = {QString()};
    run.lanes.append(Lane {0, u"event loop"_s, LaneKind::Loop});
    for (qsizetype i = 0; i < created.size(); ++i) {
        const auto id = static_cast<LaneId>(i + 1);
        run.lanes.append(Lane {id, i == 0 ? u"main"_s : u"task %1"_s.arg(i), LaneKind::Task,
            created[i] < 0 ? kUnknownTime : static_cast<qint64>(created[i] * 1e6)});
    }
    for (const Step &s : steps) {
        Span span;
        span.lane = static_cast<LaneId>(s.lane);
        span.beginNs = static_cast<qint64>(s.beginMs * 1e6);
        span.endNs = static_cast<qint64>(s.endMs * 1e6);
        span.readyNs = s.readyMs < 0 ? kUnknownTime : static_cast<qint64>(s.readyMs * 1e6);
        span.kind = s.kind;
        span.blocking = s.blocking;
        span.name = run.intern(toString(s.kind));
        run.spans.push_back(span);
        run.wallNs = std::max(run.wallNs, span.endNs);
    }
    computeStats(run);
    return run;
}

double ms(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

#define QCOMPARE_MS(actual, expected)                                                                        \
    do {                                                                                                     \
        const double a_ = (actual);                                                                          \
        const double e_ = (expected);                                                                        \
        QVERIFY2(std::abs(a_ - e_) < 0.05, qPrintable(u"%1 ms, expected %2 ms"_s.arg(a_).arg(e_)));          \
    } while (false)

// combo-mixed at D = 300 ms (connects 5 ms): task 1 = blocking GET, then async connect and
// query; task 2 (created once task 1 suspends) = async GET, then blocking connect and query.
RunData comboMixed()
{
    return makeRun({0, 1 * kUs, 300 + 1 * kUs},
        {
            {2, 2 * kUs, 300, SpanKind::Http, -1, true}, // 0: blocking GET
            {2, 300, 305, SpanKind::Connect, 305}, // 1
            {3, 300 + 2 * kUs, 600 + 2 * kUs, SpanKind::Http, 600 + 2 * kUs}, // 2: async GET
            {1, 300 + 3 * kUs, 905 + 1 * kUs, SpanKind::Wait, 905 + 0.8 * kUs}, // 3: await task 1
            {3, 600 + 2 * kUs, 605, SpanKind::Connect, -1, true}, // 4: blocking connect
            {3, 605, 905, SpanKind::Db, -1, true}, // 5: blocking query
            {2, 305, 905 + 0.5 * kUs, SpanKind::Db, 605}, // 6: async query, ready at 2D + 5
            {1, 905 + 1 * kUs, 905 + 2 * kUs, SpanKind::Wait, 905 + 1.5 * kUs}, // 7: await task 2
        });
}

} // namespace

class TestIdeal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void comboMixedAsWritten()
    {
        const RunData run = comboMixed();
        const IdealSchedule &ideal = run.ideal;
        // 3D + a connect: the blocking query still holds the loop while task 1's answer waits.
        QCOMPARE_MS(ms(ideal.totalNs), 905);
        QCOMPARE_MS(ms(ideal.beginNs[2]), 300); // task 2 starts when task 1 first suspends
        QCOMPARE_MS(ms(ideal.beginNs[6]), 305);
        QCOMPARE_MS(ms(ideal.endNs[6]), 905); // resumed only when task 2's query lets go
        QCOMPARE_MS(ms(ideal.endNs[3]), 905); // main's await ends with task 1
        QCOMPARE(ideal.holdingSteps, 3);
        QCOMPARE_MS(run.stats.idealScheduleS * 1e3, 905);
    }

    void comboMixedAllAsync()
    {
        const RunData run = comboMixed();
        const IdealSchedule cf = idealSchedule(run, true);
        // 2D + a connect: both GETs at once, then both queries at once.
        QCOMPARE_MS(ms(cf.totalNs), 605);
        QCOMPARE_MS(ms(cf.beginNs[2]), 0); // task 2 starts at once: task 1's GET no longer blocks
        QCOMPARE_MS(ms(cf.beginNs[5]), 305);
        QCOMPARE(cf.madeAsync, 3);
        QCOMPARE(cf.holdingSteps, 0);
        QCOMPARE_MS(run.stats.idealAllAsyncS * 1e3, 605);
        QCOMPARE(run.stats.madeAsync, 3);
    }

    // tasks-concurrent: two sleeps of D started back to back, resumed late (overhead).
    void concurrentSleepsOverlap()
    {
        const RunData run = makeRun({0, 1 * kUs, 3 * kUs},
            {
                {2, 2 * kUs, 300.5, SpanKind::Sleep, 300 + 2 * kUs},
                {3, 4 * kUs, 300.6, SpanKind::Sleep, 300 + 4 * kUs},
                {1, 5 * kUs, 300.55, SpanKind::Wait, 300.52},
                {1, 300.56, 300.62, SpanKind::Wait, 300.61},
            });
        QCOMPARE_MS(ms(run.ideal.totalNs), 300);
        QCOMPARE_MS(ms(run.ideal.endNs[0]), 300);
        QCOMPARE_MS(ms(run.ideal.endNs[1]), 300);
        QCOMPARE_MS(ms(run.ideal.laneEndNs[1]), 300);
        QCOMPARE_MS(run.stats.idealAllAsyncS * 1e3, 300);
        QCOMPARE(run.stats.madeAsync, 0);
    }

    // await-sequential: call 2 is created only once main's await of call 1 has ended.
    void sequentialAwaitsChain()
    {
        const RunData run = makeRun({0, 1 * kUs, 300.41},
            {
                {2, 2 * kUs, 300.3, SpanKind::Sleep, 300 + 2 * kUs},
                {1, 3 * kUs, 300.4, SpanKind::Wait, 300.35},
                {3, 300.42, 600.8, SpanKind::Sleep, 600.42},
                {1, 300.43, 600.9, SpanKind::Wait, 600.85},
            });
        QCOMPARE_MS(ms(run.ideal.endNs[1]), 300);
        QCOMPARE_MS(ms(run.ideal.beginNs[2]), 300);
        QCOMPARE_MS(ms(run.ideal.totalNs), 600);
    }

    // Blocking sleeps in two tasks (blocking-in-task): one after the other, even ideally;
    // made async, they overlap.
    void blockingStepsSerialise()
    {
        const RunData run = makeRun({0, 1 * kUs, 300.001},
            {
                {2, 2 * kUs, 300, SpanKind::Blocking},
                {3, 300.002, 600, SpanKind::Blocking},
                {1, 600.001, 600.01, SpanKind::Wait, 600.005},
            });
        QCOMPARE_MS(ms(run.ideal.totalNs), 600);
        QCOMPARE_MS(run.stats.idealAllAsyncS * 1e3, 300);
        QCOMPARE(run.stats.madeAsync, 2);
    }

    // CPU work holds the loop in the counterfactual too.
    void cpuWorkStaysOnTheLoop()
    {
        const RunData run = makeRun({0, 1 * kUs, 100.001},
            {
                {2, 2 * kUs, 100, SpanKind::Cpu},
                {3, 100.002, 200, SpanKind::Cpu},
            });
        QCOMPARE_MS(ms(run.ideal.totalNs), 200);
        QCOMPARE_MS(run.stats.idealAllAsyncS * 1e3, 200);
        QCOMPARE(run.stats.madeAsync, 0);
    }

    // asyncio's create_task: the child first runs after its creator suspends — here after the
    // creator's blocking step, so ideally too.
    void createTaskRunsWhenTheCreatorYields()
    {
        const RunData run = makeRun({0, 1 * kUs},
            {
                {1, 2 * kUs, 100, SpanKind::Blocking},
                {1, 100, 200, SpanKind::Sleep, 200},
                {2, 100.01, 150.5, SpanKind::Sleep, 150.01},
            });
        QCOMPARE_MS(ms(run.ideal.beginNs[2]), 100);
        QCOMPARE_MS(ms(run.ideal.endNs[2]), 150);
        const IdealSchedule cf = idealSchedule(run, true);
        QCOMPARE_MS(ms(cf.beginNs[2]), 0); // main suspends at once when its step is async
        QCOMPARE_MS(ms(cf.totalNs), 200);
    }

    // Where readiness is unknown the step takes its measured time (never guessed shorter);
    // a wait no task's end explains (a timeout) takes its own time.
    void unknownReadinessKeepsTheMeasuredTime()
    {
        const RunData run = makeRun({0, 1 * kUs},
            {
                {2, 2 * kUs, 250, SpanKind::Http},
                {1, 3 * kUs, 100, SpanKind::Wait, 100},
            });
        QCOMPARE_MS(ms(run.ideal.endNs[0]), 250);
        QCOMPARE_MS(ms(run.ideal.endNs[1]), 100);
        QCOMPARE_MS(ms(run.ideal.totalNs), 250);
    }

    // Imported runs know no creation times: tasks start at their first step.
    void withoutCreationTimes()
    {
        const RunData run = makeRun({-1, -1, -1},
            {
                {2, 10, 110, SpanKind::Sleep, 110},
                {3, 20, 125, SpanKind::Sleep, 120},
                {1, 0, 5, SpanKind::Cpu},
            });
        QCOMPARE_MS(ms(run.ideal.beginNs[0]), 10);
        QCOMPARE_MS(ms(run.ideal.endNs[1]), 120);
        QCOMPARE_MS(ms(run.ideal.totalNs), 120);
    }

    // A trace may say a wait was ready before it began (found by fuzzing: read past the end).
    void readyBeforeBeginIsNotAWindow()
    {
        const RunData run = makeRun({0, 1 * kUs, 2 * kUs},
            {
                {2, 10, 20, SpanKind::Sleep, 20},
                {3, 30, 40, SpanKind::Sleep, 40},
                {1, 500, 600, SpanKind::Wait, 5},
            });
        // Ready at once: it ends where it begins, right after main's creation (what main did
        // before it, unrecorded, is overhead).
        QCOMPARE_MS(ms(run.ideal.endNs[2]), ms(run.ideal.beginNs[2]));
        QCOMPARE_MS(ms(run.ideal.totalNs), 10);
    }

    void emptyAndOpenRuns()
    {
        const RunData empty = makeRun({0}, {});
        QCOMPARE(empty.ideal.totalNs, 0);
        RunData open = makeRun({0, 1 * kUs}, {{2, 2 * kUs, 100, SpanKind::Sleep, 100}});
        open.spans.push_back(open.spans.front());
        open.spans.back().endNs = kUnknownTime;
        computeStats(open);
        QCOMPARE(open.ideal.beginNs[1], kUnknownTime);
        QCOMPARE_MS(ms(open.ideal.totalNs), 100);
    }

    void runFileKeepsTheIdealSchedule()
    {
        const RunData run = comboMixed();
        const QByteArray json = RunFile::toJson(run);
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        const QJsonObject span6 = root.value(u"spans"_s).toArray().at(6).toObject();
        QCOMPARE_MS(span6.value(u"ideal_start_s"_s).toDouble() * 1e3, 305);
        QCOMPARE_MS(span6.value(u"ideal_end_s"_s).toDouble() * 1e3, 905);
        const QJsonObject stats = root.value(u"stats"_s).toObject();
        QCOMPARE_MS(stats.value(u"ideal_all_async_s"_s).toDouble() * 1e3, 605);
        QCOMPARE_MS(stats.value(u"ideal_schedule_s"_s).toDouble() * 1e3, 905);
        QCOMPARE_MS(root.value(u"lanes"_s).toArray().at(3).toObject().value(u"created_s"_s).toDouble() * 1e3,
            300 + 1 * kUs);

        QString error;
        const auto back = RunFile::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->lanes.at(3).createdNs, run.lanes.at(3).createdNs);
        QCOMPARE_MS(ms(back->ideal.endNs[6]), 905);
        QCOMPARE_MS(back->stats.idealAllAsyncS * 1e3, 605);
    }

    // Hostile inputs (run files and traces are untrusted): a chain of 200 000 tasks each
    // started eagerly by the one before runs without recursion (the replay used to recurse
    // once per task: a stack overflow).
    void deepChainOfEagerStarts()
    {
        constexpr int kTasks = 200'000;
        RunData run;
        run.strings = {QString()};
        for (int i = 0; i < kTasks; ++i) {
            run.lanes.append(Lane {static_cast<LaneId>(i), QString(), LaneKind::Task, qint64(i) * 1000});
            Span s;
            s.lane = static_cast<LaneId>(i);
            s.beginNs = qint64(2 * kTasks - i) * 1000; // begins before its creator's next step
            s.endNs = s.beginNs + 500;
            s.readyNs = s.beginNs + 400;
            s.kind = SpanKind::Sleep;
            run.spans.push_back(s);
        }
        run.wallNs = qint64(2 * kTasks + 1) * 1000;
        QElapsedTimer timer;
        timer.start();
        const IdealSchedule ideal = idealSchedule(run);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
        QVERIFY(ideal.totalNs > 0);
        QCOMPARE(ideal.laneEndNs.back() != kUnknownTime, true);
    }

    // Two tasks awaiting the same task and ending within the tolerance of each other must not
    // each wait for the other (gather(a, b) on one result): both are placed.
    void twoWaitersOfOneTaskDoNotDeadlock()
    {
        const RunData run = makeRun({0, 1 * kUs, 2 * kUs, 3 * kUs},
            {
                {4, 4 * kUs, 100, SpanKind::Sleep, 100}, // task 3
                {2, 5 * kUs, 100 + 5 * kUs, SpanKind::Wait, 100 + 2 * kUs}, // task 1 awaits task 3
                {3, 6 * kUs, 100 + 20 * kUs, SpanKind::Wait, 100 + 10 * kUs}, // task 2 too
            });
        QVERIFY(run.ideal.laneEndNs[2] != kUnknownTime);
        QVERIFY(run.ideal.laneEndNs[3] != kUnknownTime);
        QCOMPARE_MS(ms(run.ideal.totalNs), 100);
    }

    // Spans of 1e18 ns held one after the other: the replay's clock saturates (no overflow,
    // which UBSan would report) instead of wrapping to a negative time.
    void hugeDurationsSaturate()
    {
        QList<double> created {0};
        QList<Step> steps;
        for (int i = 0; i < 12; ++i) {
            created.append(1 * kUs);
            steps.append({i + 2, 2 * kUs, 9e11, SpanKind::Cpu});
        }
        const RunData run = makeRun(created, steps);
        const Analysis::IdealSchedule ideal = Analysis::idealSchedule(run);
        QVERIFY(ideal.totalNs > 0);
        QCOMPARE(ideal.totalNs, std::numeric_limits<qint64>::max());
        // A replay that ends after the run did does not fit it: the stats leave it out.
        QCOMPARE(run.ideal.totalNs, 0);
        QCOMPARE(run.stats.idealScheduleS, 0.0);
    }

    // 20 000 tasks created at the same instant, none of them running yet: finding creators
    // looks at a few candidates, not at all of them (that was quadratic).
    void manySimultaneousCreations()
    {
        constexpr int kTasks = 20'000;
        RunData run;
        run.strings = {QString()};
        for (int i = 0; i < kTasks; ++i) {
            run.lanes.append(Lane {static_cast<LaneId>(i), QString(), LaneKind::Task});
            Span first;
            first.lane = static_cast<LaneId>(i);
            first.beginNs = first.endNs = 1000; // zero-length, all at once
            first.kind = SpanKind::Cpu;
            Span second = first;
            second.beginNs = 5000;
            second.endNs = 6000;
            second.kind = SpanKind::Sleep;
            run.spans.push_back(first);
            run.spans.push_back(second);
        }
        run.wallNs = 6000;
        QElapsedTimer timer;
        timer.start();
        const IdealSchedule ideal = idealSchedule(run);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
        QVERIFY(ideal.totalNs > 0);
    }

    // 10 000 tasks spawned by main, each one sleep: the replay stays linear-ish and exact.
    void manyTasks()
    {
        QList<double> created {0};
        QList<Step> steps;
        constexpr int kTasks = 10'000;
        for (int i = 0; i < kTasks; ++i) {
            const double c = 0.001 + i * 0.002;
            created.append(c);
            steps.append({i + 2, c + 0.0005, c + 100.5, SpanKind::Sleep, c + 100.0005});
        }
        steps.append({1, 30, 130, SpanKind::Wait, 120.1});
        QElapsedTimer timer;
        timer.start();
        const RunData run = makeRun(created, steps);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
        QCOMPARE_MS(ms(run.ideal.totalNs), 100);
    }
};

QTEST_GUILESS_MAIN(TestIdeal)
#include "tst_ideal.moc"
