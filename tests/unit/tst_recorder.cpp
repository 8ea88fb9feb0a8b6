// SPDX-License-Identifier: MIT
#include "timeline/recorder.h"
#include "timeline/rundata.h"

#include <QTest>

#include <set>
#include <thread>
#include <vector>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void internsEqualStringsOnce()
    {
        Recorder rec;
        const StrId a = rec.intern(u"task 1");
        const StrId b = rec.intern(u"task 2");
        QCOMPARE(rec.intern(u"task 1"), a);
        QVERIFY(a != b);
        QCOMPARE(rec.intern(u""), StrId(0));
        QCOMPARE(rec.string(b), u"task 2"_s);
        QCOMPARE(rec.string(9999), QString());
    }

    void beginEndRecordsTimesAndStatus()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"task 1"_s, LaneKind::Task);
        const SpanId id = rec.begin(lane, rec.intern(u"sleep"), SpanKind::Sleep, 0, 100);
        QVERIFY(rec.span(id).isOpen());
        rec.end(
            id, {.status = SpanStatus::Error, .detail = rec.intern(u"boom"), .readyNs = 150, .atNs = 200});
        const Span span = rec.span(id);
        QCOMPARE(span.beginNs, 100);
        QCOMPARE(span.endNs, 200);
        QCOMPARE(span.readyNs, 150);
        QVERIFY(span.status == SpanStatus::Error);
        QCOMPARE(rec.string(span.detail), u"boom"_s);
        // Ending twice keeps the first end (a cancel may have closed it already).
        rec.end(id, {.atNs = 500});
        QCOMPARE(rec.span(id).endNs, 200);
    }

    void endNeverPrecedesBegin()
    {
        Recorder rec;
        const SpanId id = rec.begin(0, 0, SpanKind::Cpu, 0, 1000);
        rec.end(id, {.atNs = 10});
        QCOMPARE(rec.span(id).endNs, 1000);
    }

    void closeOpenCancelsOnlyOpenSpans()
    {
        Recorder rec;
        const LaneId task = rec.addLane(u"t"_s, LaneKind::Task);
        const LaneId loop = rec.addLane(u"loop"_s, LaneKind::Loop);
        const SpanId done = rec.begin(task, 0, SpanKind::Sleep, 0, 0);
        rec.end(done, {.atNs = 10});
        rec.begin(task, 0, SpanKind::Sleep, 0, 5);
        rec.begin(loop, 0, SpanKind::Stall, 0, 6);
        QCOMPARE(rec.openCount(LaneKind::Task), 1);
        QCOMPARE(rec.openCount(LaneKind::Loop), 1);
        QCOMPARE(rec.closeOpen(SpanStatus::Cancelled, 50), 2);
        QCOMPARE(rec.openCount(LaneKind::Task), 0);
        RunData run;
        rec.snapshot(run);
        QCOMPARE(run.spans.size(), std::size_t(3));
        QVERIFY(run.spans[0].status == SpanStatus::Ok);
        QVERIFY(run.spans[1].status == SpanStatus::Cancelled);
        QCOMPARE(run.spans[1].endNs, 50);
    }

    void eventsComeInOrderOnlyWhenEnabled()
    {
        Recorder rec;
        const SpanId quiet = rec.begin(0, 0, SpanKind::Sleep);
        rec.setEventsEnabled(true);
        const SpanId a = rec.begin(0, 0, SpanKind::Sleep);
        rec.end(a);
        rec.end(quiet);
        std::vector<SpanEvent> events;
        QCOMPARE(rec.takeEvents(events), std::size_t(3));
        QCOMPARE(events[0].id, a);
        QVERIFY(!events[0].ended);
        QVERIFY(events[0].span.isOpen());
        QCOMPARE(events[1].id, a);
        QVERIFY(events[1].ended);
        QVERIFY(!events[1].span.isOpen());
        QCOMPARE(events[2].id, quiet);
        QCOMPARE(rec.takeEvents(events), std::size_t(0));
    }

    void concurrentRecordingLosesNothing()
    {
        Recorder rec;
        constexpr int kThreads = 4;
        constexpr int kPerThread = 20000;
        std::vector<LaneId> lanes;
        for (int t = 0; t < kThreads; ++t) {
            lanes.push_back(rec.addLane(u"thread %1"_s.arg(t), LaneKind::Pool));
        }
        rec.setEventsEnabled(true);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&rec, lane = lanes[static_cast<std::size_t>(t)], t] {
                const StrId name = rec.intern(QString::number(t));
                for (int i = 0; i < kPerThread; ++i) {
                    const SpanId id = rec.begin(lane, name, SpanKind::Cpu);
                    rec.end(id);
                }
            });
        }
        for (auto &th : threads) {
            th.join();
        }
        RunData run;
        rec.snapshot(run);
        QCOMPARE(run.spans.size(), std::size_t(kThreads * kPerThread));
        std::vector<int> perLane(kThreads, 0);
        for (const Span &span : run.spans) {
            QVERIFY(!span.isOpen());
            QVERIFY(span.endNs >= span.beginNs);
            QCOMPARE(run.str(span.name), QString::number(span.lane));
            ++perLane[span.lane];
        }
        for (int count : perLane) {
            QCOMPARE(count, kPerThread);
        }
        std::vector<SpanEvent> events;
        QCOMPARE(rec.takeEvents(events), std::size_t(2 * kThreads * kPerThread));
        QCOMPARE(rec.openCount(LaneKind::Pool), 0);
    }

    void spanIsSmall()
    {
        QVERIFY2(sizeof(Span) <= 48, "a span must stay small (≤ 100 B per recorded span with overhead)");
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
