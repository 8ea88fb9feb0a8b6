// SPDX-License-Identifier: MIT
#include "timeline/stats.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMs = 1'000'000;

struct SpanSpec
{
    int lane;
    qint64 beginMs;
    qint64 endMs;
    SpanKind kind = SpanKind::Sleep;
};

RunData makeRun(const QList<SpanSpec> &specs, qint64 wallMs, qint64 idealMs = 0)
{
    RunData run;
    run.lanes = {Lane {0, u"event loop"_s, LaneKind::Loop}, Lane {1, u"main"_s, LaneKind::Task},
        Lane {2, u"task 1"_s, LaneKind::Task}, Lane {3, u"task 2"_s, LaneKind::Task},
        Lane {4, u"task 3"_s, LaneKind::Task}};
    for (const SpanSpec &s : specs) {
        Span span;
        span.lane = static_cast<LaneId>(s.lane);
        span.beginNs = s.beginMs * kMs;
        span.endNs = s.endMs * kMs;
        span.kind = s.kind;
        run.spans.push_back(span);
    }
    run.wallNs = wallMs * kMs;
    run.idealNs = idealMs * kMs;
    computeStats(run);
    return run;
}

} // namespace

Q_DECLARE_METATYPE(QList<SpanSpec>)

class TestStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void concurrency_data()
    {
        QTest::addColumn<QList<SpanSpec>>("spans");
        QTest::addColumn<qint64>("wallMs");
        QTest::addColumn<int>("maxConcurrency");
        QTest::addColumn<double>("avgConcurrency");

        QTest::newRow("two_tasks_overlap")
            << QList<SpanSpec> {{2, 0, 100}, {3, 0, 100}} << qint64(100) << 2 << 2.0;
        QTest::newRow("sequential_touching_ends_do_not_overlap")
            << QList<SpanSpec> {{2, 0, 100}, {3, 100, 200}} << qint64(200) << 1 << 1.0;
        QTest::newRow("partial_overlap")
            << QList<SpanSpec> {{2, 0, 100}, {3, 50, 150}} << qint64(200) << 2 << 1.0;
        QTest::newRow("waits_do_not_count")
            << QList<SpanSpec> {{1, 0, 100, SpanKind::Wait}, {2, 0, 100}} << qint64(100) << 1 << 1.0;
        QTest::newRow("acquire_does_not_count")
            << QList<SpanSpec> {{2, 0, 100, SpanKind::Acquire}, {3, 0, 100, SpanKind::Http}} << qint64(100)
            << 1 << 1.0;
        QTest::newRow("loop_lane_does_not_count")
            << QList<SpanSpec> {{0, 0, 100, SpanKind::Stall}, {2, 0, 100, SpanKind::Blocking}} << qint64(100)
            << 1 << 1.0;
        QTest::newRow("three_nested")
            << QList<SpanSpec> {{2, 0, 300}, {3, 0, 200}, {4, 0, 100}} << qint64(300) << 3 << 2.0;
        QTest::newRow("empty") << QList<SpanSpec> {} << qint64(100) << 0 << 0.0;
    }

    void concurrency()
    {
        QFETCH(QList<SpanSpec>, spans);
        QFETCH(qint64, wallMs);
        QFETCH(int, maxConcurrency);
        QFETCH(double, avgConcurrency);
        const RunData run = makeRun(spans, wallMs);
        QCOMPARE(run.stats.maxConcurrency, maxConcurrency);
        QVERIFY2(qAbs(run.stats.avgConcurrency - avgConcurrency) < 1e-9,
            qPrintable(QString::number(run.stats.avgConcurrency)));
    }

    void wallIdealOverhead()
    {
        const RunData run = makeRun({{2, 0, 302}}, 302, 300);
        QCOMPARE(run.stats.wallS, 0.302);
        QCOMPARE(run.stats.idealS, 0.3);
        QVERIFY(qAbs(run.stats.overheadS - 0.002) < 1e-12);
    }

    void stallsFromLoopLaneAndHeartbeat()
    {
        RunData run = makeRun({{0, 10, 70, SpanKind::Stall}, {0, 100, 130, SpanKind::Stall}}, 200);
        QCOMPARE(run.stats.longestStallS, 0.060);
        QCOMPARE(run.stats.totalStallS, 0.090);
        run.loopMaxLatenessNs = 80 * kMs; // a longer lateness seen by the heartbeat wins
        computeStats(run);
        QCOMPARE(run.stats.longestStallS, 0.080);
    }

    void countsErrorsAndCancelled()
    {
        RunData run = makeRun({{2, 0, 10}, {3, 0, 10}, {4, 0, 10}}, 10);
        run.spans[0].status = SpanStatus::Error;
        run.spans[1].status = SpanStatus::Cancelled;
        computeStats(run);
        QCOMPARE(run.stats.spans, 3);
        QCOMPARE(run.stats.errors, 1);
        QCOMPARE(run.stats.cancelled, 1);
    }

    void maxConcurrencyInWindow()
    {
        const RunData run = makeRun({{2, 0, 100}, {3, 50, 150}, {4, 120, 200}}, 200);
        QCOMPARE(maxConcurrency(run, 0, 40 * kMs), 1);
        QCOMPARE(maxConcurrency(run, 0, 200 * kMs), 2);
        QCOMPARE(maxConcurrency(run, 101 * kMs, 119 * kMs), 1);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
