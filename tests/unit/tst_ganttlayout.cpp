// SPDX-License-Identifier: MIT
// GanttLayout and GanttModel without a GUI: time↔x, rows, nice ticks, zoom, folding.

#include "render/ganttlayout.h"
#include "render/ganttmodel.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestGanttLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsTimeToXAndBack_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("t");
        QTest::addColumn<double>("x");
        QTest::newRow("origin") << qint64(0) << qint64(1'000'000'000) << qint64(0) << 100.0;
        QTest::newRow("middle") << qint64(0) << qint64(1'000'000'000) << qint64(500'000'000) << 600.0;
        QTest::newRow("end") << qint64(0) << qint64(1'000'000'000) << qint64(1'000'000'000) << 1100.0;
        QTest::newRow("zoomed_window")
            << qint64(200'000'000) << qint64(300'000'000) << qint64(250'000'000) << 600.0;
        QTest::newRow("before_view_is_left_of_plot")
            << qint64(200'000'000) << qint64(300'000'000) << qint64(100'000'000) << -900.0;
    }

    void mapsTimeToXAndBack()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, t);
        QFETCH(double, x);
        const GanttLayout l(QRectF(100, 50, 1000, 200), start, end, 25, 8);
        QCOMPARE(l.mapTimeToX(t), x);
        QVERIFY(std::abs(l.mapXToTime(x) - t) <= 1);
    }

    void rowsMapToY()
    {
        const GanttLayout l(QRectF(100, 50, 1000, 200), 0, 1000, 25, 4);
        QCOMPARE(l.rowTop(0), 50.0);
        QCOMPARE(l.rowTop(3), 125.0);
        QCOMPARE(l.rowAt(49), -1);
        QCOMPARE(l.rowAt(50), 0);
        QCOMPARE(l.rowAt(74.9), 0);
        QCOMPARE(l.rowAt(75), 1);
        QCOMPARE(l.rowAt(149), 3);
        QCOMPARE(l.rowAt(150), -1); // past the last row
        QCOMPARE(l.rowRect(1), QRectF(100, 75, 1000, 25));
    }

    void niceSteps_data()
    {
        QTest::addColumn<qint64>("range");
        QTest::addColumn<double>("width");
        QTest::addColumn<qint64>("step");
        QTest::newRow("300ms_over_1000px") << qint64(300'000'000) << 1000.0 << qint64(50'000'000);
        QTest::newRow("600ms_over_1000px") << qint64(600'000'000) << 1000.0 << qint64(50'000'000);
        QTest::newRow("6s_over_1000px") << qint64(6'000'000'000) << 1000.0 << qint64(500'000'000);
        QTest::newRow("1s_over_200px") << qint64(1'000'000'000) << 200.0 << qint64(500'000'000);
        QTest::newRow("20us_over_800px") << qint64(20'000) << 800.0 << qint64(2'000);
        QTest::newRow("tiny") << qint64(7) << 800.0 << qint64(1);
        QTest::newRow("exact_fit_100ms") << qint64(1'000'000'000) << 800.0 << qint64(100'000'000);
    }

    void niceSteps()
    {
        QFETCH(qint64, range);
        QFETCH(double, width);
        QFETCH(qint64, step);
        QCOMPARE(GanttLayout::niceStep(range, width), step);
        // Always 1, 2 or 5 × 10^k, and ticks at least 80 px apart.
        const qint64 s = GanttLayout::niceStep(range, width);
        qint64 m = s;
        while (m % 10 == 0) {
            m /= 10;
        }
        QVERIFY(m == 1 || m == 2 || m == 5);
        QVERIFY(s == 1 || static_cast<double>(s) / static_cast<double>(range) * width >= 80 - 1e-9);
    }

    void ticksAreMultiplesInsideTheView()
    {
        const GanttLayout l(QRectF(0, 0, 1000, 100), 130'000'000, 430'000'000, 25, 1);
        const auto ticks = l.ticks();
        QVERIFY(!ticks.empty());
        QCOMPARE(ticks.front(), qint64(150'000'000));
        for (qint64 t : ticks) {
            QVERIFY(t >= l.startNs() && t <= l.endNs());
            QCOMPARE(t % 50'000'000, qint64(0));
        }
    }

    void tickLabels_data()
    {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<QString>("label");
        QTest::newRow("zero") << qint64(0) << qint64(50'000'000) << u"0"_s;
        QTest::newRow("ms_step") << qint64(250'000'000) << qint64(50'000'000) << u"250 ms"_s;
        QTest::newRow("decisecond_step_in_s") << qint64(300'000'000) << qint64(100'000'000) << u"0.3 s"_s;
        QTest::newRow("seconds") << qint64(3'000'000'000) << qint64(1'000'000'000) << u"3 s"_s;
        QTest::newRow("half_seconds") << qint64(1'500'000'000) << qint64(500'000'000) << u"1.5 s"_s;
        QTest::newRow("micro") << qint64(20'000) << qint64(5'000) << u"20 µs"_s;
        QTest::newRow("nano") << qint64(5) << qint64(1) << u"5 ns"_s;
    }

    void tickLabels()
    {
        QFETCH(qint64, t);
        QFETCH(qint64, step);
        QFETCH(QString, label);
        QCOMPARE(GanttLayout::formatTick(t, step), label);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(301'600'000) << u"0.302 s"_s;
        QTest::newRow("six_seconds") << qint64(6'000'000'000) << u"6.000 s"_s;
        QTest::newRow("milliseconds") << qint64(12'540'000) << u"12.5 ms"_s;
        QTest::newRow("few_ms") << qint64(1'500'000) << u"1.50 ms"_s;
        QTest::newRow("microseconds") << qint64(850'000) << u"850 µs"_s;
    }

    void durations()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(GanttLayout::formatDuration(ns), text);
    }

    void zoomAtKeepsTheTimeUnderTheCursor()
    {
        GanttLayout l(QRectF(100, 0, 1000, 100), 0, 1'000'000'000, 25, 1);
        const double x = 350;
        const qint64 before = l.mapXToTime(x);
        l.zoomAt(x, 4);
        QCOMPARE(l.rangeNs(), qint64(250'000'000));
        QVERIFY(std::abs(l.mapXToTime(x) - before) <= 1);
        l.zoomAt(x, 0.5);
        QCOMPARE(l.rangeNs(), qint64(500'000'000));
        QVERIFY(std::abs(l.mapXToTime(x) - before) <= 1);
    }

    void zoomNeverGoesBelowAMicrosecond()
    {
        GanttLayout l(QRectF(0, 0, 1000, 100), 0, 1'000'000, 25, 1);
        for (int i = 0; i < 40; ++i) {
            l.zoomAt(500, 10);
        }
        QCOMPARE(l.rangeNs(), qint64(1000));
        l.zoomTo(900, 100); // reversed is fine
        QCOMPARE(l.startNs(), qint64(0));
        QCOMPARE(l.endNs(), qint64(1000));
    }

    void panMovesByPixels()
    {
        GanttLayout l(QRectF(0, 0, 1000, 100), 0, 1'000'000'000, 25, 1);
        l.panBy(100); // 100 px = 100 ms
        QCOMPARE(l.startNs(), qint64(100'000'000));
        QCOMPARE(l.endNs(), qint64(1'100'000'000));
        l.panBy(-200);
        QCOMPARE(l.startNs(), qint64(-100'000'000));
    }

    void modelOrdersGroupsAndFoldsManyTasks_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("taskRows");
        QTest::addColumn<bool>("folded");
        QTest::newRow("two") << 2 << 2 << false;
        QTest::newRow("sixty_four_fit") << 64 << 64 << false;
        QTest::newRow("sixty_five_fold") << 65 << GanttModel::kKeptWhenFolding << true;
        QTest::newRow("thousand_fold") << 1000 << GanttModel::kKeptWhenFolding << true;
    }

    void modelOrdersGroupsAndFoldsManyTasks()
    {
        QFETCH(int, tasks);
        QFETCH(int, taskRows);
        QFETCH(bool, folded);
        RunData run;
        run.strings.append(QString());
        // Lanes added out of group order: the model shows loop, tasks, pool.
        run.lanes.append(Lane {0, u"pool thread 1"_s, LaneKind::Pool});
        for (int i = 0; i < tasks; ++i) {
            run.lanes.append(Lane {static_cast<LaneId>(i + 1), u"task %1"_s.arg(i), LaneKind::Task});
            Span s;
            s.lane = static_cast<LaneId>(i + 1);
            s.kind = SpanKind::Sleep;
            s.beginNs = 0;
            s.endNs = 100 + i % 50; // all overlap at the start, all done by 150 ns
            run.spans.push_back(s);
        }
        run.lanes.append(Lane {static_cast<LaneId>(tasks + 1), u"event loop"_s, LaneKind::Loop});
        run.wallNs = 1000;
        const GanttModel model(run);
        const auto &rows = model.rows();
        QVERIFY(rows.front().laneKind == LaneKind::Loop);
        QVERIFY(rows.back().laneKind == LaneKind::Pool);
        QVERIFY(rows.back().groupStart);
        int laneRows = 0;
        const GanttRow *density = nullptr;
        for (const GanttRow &row : rows) {
            if (row.laneKind == LaneKind::Task && row.type == GanttRow::Type::Lane) {
                ++laneRows;
            }
            if (row.type == GanttRow::Type::Density) {
                density = &row;
            }
        }
        QCOMPARE(laneRows, taskRows);
        QCOMPARE(density != nullptr, folded);
        if (density) {
            QCOMPARE(density->foldedLanes, tasks - taskRows);
            QCOMPARE(density->densityMax, tasks - taskRows);
            QCOMPARE(GanttModel::densityAt(*density, 0, 50), tasks - taskRows);
            QCOMPARE(GanttModel::densityAt(*density, 500, 900), 0);
            QCOMPARE(
                density->label, u"+%1 more task(s)"_s.arg(tasks - taskRows)); // no translator loaded here
        }
        QCOMPARE(
            model.sequentialNs(), qint64(0) + [&] {
                qint64 sum = 0;
                for (const Span &s : run.spans) {
                    sum += s.durationNs();
                }
                return sum;
            }());
    }

    // "Sequential would be": each step as long as it took itself — a step resumed late
    // (ready, waiting for a held loop) counts until it was ready, not until it was resumed.
    void sequentialCountsWhatStepsTookThemselves()
    {
        RunData run;
        run.strings.append(QString());
        run.lanes.append(Lane {0, u"task 1"_s, LaneKind::Task});
        run.lanes.append(Lane {1, u"task 2"_s, LaneKind::Task});
        auto add = [&](LaneId lane, qint64 b, qint64 ready, qint64 e, SpanKind kind) {
            Span s;
            s.lane = lane;
            s.beginNs = b;
            s.readyNs = ready;
            s.endNs = e;
            s.kind = kind;
            run.spans.push_back(s);
        };
        add(0, 0, kUnknownTime, 300, SpanKind::Blocking); // 300
        add(0, 306, 610, 910, SpanKind::Db); // 304: ready at 610, resumed at 910
        add(1, 300, 600, 600, SpanKind::Http); // 300
        add(1, 610, kUnknownTime, 910, SpanKind::Db); // 300
        add(1, 0, 300, 300, SpanKind::Wait); // awaiting: not work
        run.wallNs = 910;
        QCOMPARE(GanttModel(run).sequentialNs(), qint64(300 + 304 + 300 + 300));
    }

    void visibleRangeFindsLongSpansStartingEarly()
    {
        RunData run;
        run.strings.append(QString());
        run.lanes.append(Lane {0, u"t"_s, LaneKind::Task});
        auto add = [&](qint64 b, qint64 e) {
            Span s;
            s.beginNs = b;
            s.endNs = e;
            run.spans.push_back(s);
        };
        add(0, 1000); // long, starts early, reaches the window
        add(100, 110); // before the window
        add(500, 510); // inside
        add(2000, 2010); // after
        run.wallNs = 3000;
        const GanttModel model(run);
        const GanttRow &row = model.rows().front();
        const auto [from, to] = model.visibleRange(row, 400, 600);
        std::vector<qint64> begins;
        for (std::size_t k = from; k < to; ++k) {
            begins.push_back(model.run().spans[row.spans[k]].beginNs);
        }
        QVERIFY(std::find(begins.begin(), begins.end(), 0) != begins.end());
        QVERIFY(std::find(begins.begin(), begins.end(), 500) != begins.end());
        QVERIFY(std::find(begins.begin(), begins.end(), 2000) == begins.end());
    }

    // Spans that overlap on one lane go to sub-rows (first free by begin; touching spans
    // share one); more than four at once become a count of them in flight.
    void overlappingSpansGetSubRows()
    {
        RunData run;
        run.strings.append(QString());
        run.lanes.append(Lane {0, u"delay server"_s, LaneKind::Server});
        run.lanes.append(Lane {1, u"busy server"_s, LaneKind::Server});
        auto add = [&](LaneId lane, qint64 b, qint64 e) {
            Span s;
            s.lane = lane;
            s.beginNs = b;
            s.endNs = e;
            s.kind = SpanKind::Sleep;
            run.spans.push_back(s);
        };
        add(0, 0, 100);
        add(0, 10, 50);
        add(0, 60, 120);
        add(0, 100, 200); // touches the first: its sub-row again
        for (int i = 0; i < 5; ++i) {
            add(1, i, 100 + i); // five at once
        }
        run.wallNs = 200;
        const GanttModel model(run);
        QCOMPARE(model.rows().size(), std::size_t(2));
        const GanttRow &server = model.rows()[0];
        QVERIFY(server.type == GanttRow::Type::Lane);
        QCOMPARE(server.tracks, 2);
        QCOMPARE(server.track, (std::vector<quint8> {0, 1, 1, 0}));
        QCOMPARE(model.placeOf(2).row, 0);
        QCOMPARE(model.placeOf(2).track, 1);
        QCOMPARE(model.placeOf(3).track, 0);
        const GanttRow &busy = model.rows()[1];
        QVERIFY(busy.type == GanttRow::Type::Density);
        QCOMPARE(busy.densityMax, 5);

        // A lane with sub-rows is taller, and rows are found by their own heights.
        const GanttLayout l(QRectF(0, 10, 100, 100), 0, 200, std::vector<double> {46, 26, 26});
        QCOMPARE(l.rowTop(1), 56.0);
        QCOMPARE(l.rowHeightOf(0), 46.0);
        QCOMPARE(l.rowAt(10 + 45), 0);
        QCOMPARE(l.rowAt(10 + 47), 1);
        QCOMPARE(l.rowAt(10 + 46 + 26 + 1), 2);
        QCOMPARE(l.rowAt(10 + 99), -1);

        // A replay's frame keeps the whole run's shape: before the busy server has five at
        // once, its row is already the count (a lane of sub-rows there would be taller, and
        // the rows below would move as the frames go on); the delay server keeps two sub-rows
        // before its second overlap.
        RunData early = run;
        early.spans.erase(early.spans.begin() + 6, early.spans.end()); // two requests in flight on 'busy'
        early.spans.erase(early.spans.begin() + 1, early.spans.begin() + 3); // 'delay server': one at a time
        early.wallNs = 50;
        GanttModel frame(early);
        QVERIFY(frame.rows()[1].type == GanttRow::Type::Lane);
        QCOMPARE(frame.rows()[1].tracks, 2);
        QCOMPARE(frame.rows()[0].tracks, 1);
        frame.keepShapeOf(model);
        QVERIFY(frame.rows()[1].type == GanttRow::Type::Density);
        QCOMPARE(frame.rows()[1].tracks, 1);
        QVERIFY(frame.rows()[1].track.empty());
        QCOMPARE(frame.rows()[1].densityMax, 2); // what is in flight in the frame, not later
        QCOMPARE(frame.rows()[0].tracks, 2);
        QCOMPARE(frame.rows()[0].track.size(), frame.rows()[0].spans.size());
    }
};

QTEST_GUILESS_MAIN(TestGanttLayout)
#include "tst_ganttlayout.moc"
