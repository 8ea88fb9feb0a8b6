// SPDX-License-Identifier: MIT
// Task states and blame, from constructed runs: who held the loop while whom was ready.

#include "timeline/analysis.h"
#include "timeline/prediction.h"
#include "timeline/runfile.h"
#include "timeline/stats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Coroscope;
using namespace Coroscope::Analysis;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMs = 1'000'000;

struct Step
{
    int lane;
    double beginMs;
    double endMs;
    SpanKind kind = SpanKind::Sleep;
    double readyMs = -1; ///< -1: unknown
    bool blocking = false;
    bool nested = false;
    QString name = {};
};

/// Lanes: 0 event loop, 1 main, 2 task 1, 3 task 2, 4 pool thread.
RunData makeRun(const QList<Step> &steps)
{
    RunData run;
    run.strings = {QString()};
    run.lanes = {Lane {0, u"event loop"_s, LaneKind::Loop}, Lane {1, u"main"_s, LaneKind::Task},
        Lane {2, u"task 1"_s, LaneKind::Task}, Lane {3, u"task 2"_s, LaneKind::Task},
        Lane {4, u"pool thread 1"_s, LaneKind::Pool}};
    qint64 wall = 0;
    for (const Step &s : steps) {
        Span span;
        span.lane = static_cast<LaneId>(s.lane);
        span.beginNs = static_cast<qint64>(s.beginMs * kMs);
        span.endNs = static_cast<qint64>(s.endMs * kMs);
        span.readyNs = s.readyMs < 0 ? kUnknownTime : static_cast<qint64>(s.readyMs * kMs);
        span.kind = s.kind;
        span.blocking = s.blocking;
        span.nestedLoop = s.nested;
        span.name = run.intern(s.name.isEmpty() ? toString(s.kind) : s.name);
        run.spans.push_back(span);
        wall = std::max(wall, span.endNs);
    }
    run.wallNs = wall;
    computeStats(run);
    return run;
}

std::vector<std::tuple<int, int, double>> blameOf(const RunData &run)
{
    std::vector<std::tuple<int, int, double>> out;
    for (const Blame &b : run.blame) {
        out.emplace_back(b.culprit, b.victim, static_cast<double>(b.delayNs) / kMs);
    }
    return out;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // combo-mixed at D = 300 ms: task 1's async query is ready at 2D, but task 2's blocking
    // query holds the loop from 2D to 3D.
    void blockingStepDelaysTheReadyQuery()
    {
        const RunData run = makeRun({
            {0, 600, 900, SpanKind::Stall}, // the loop lane mirrors the blocking query
            {2, 300, 900, SpanKind::Db, 600, false, false, u"SELECT pg_sleep($1)"_s},
            {3, 600, 900, SpanKind::Db, 900, true, false, u"SELECT pg_sleep($1)"_s},
        });
        QCOMPARE(run.blame.size(), std::size_t(1)); // not the stall: the blocking query explains it all
        QCOMPARE(blameOf(run).front(), std::make_tuple(2, 1, 300.0));
        QCOMPARE(run.stats.lateS, 0.3);
        QCOMPARE(run.stats.blamedS, 0.3);
        QCOMPARE(blameSentence(run, 2, 1),
            u"task 2: blocking SELECT pg_sleep($1) held the loop while task 1: SELECT pg_sleep($1) was ready"_s);

        const auto states = taskStates(run, 2);
        QCOMPARE(states.size(), std::size_t(2));
        QCOMPARE(states[0].state, TaskState::Suspended);
        QCOMPARE(states[0].beginNs, 300 * kMs);
        QCOMPARE(states[0].endNs, 600 * kMs);
        QCOMPARE(states[1].state, TaskState::Ready);
        QCOMPARE(states[1].endNs, 900 * kMs);
        const auto holder = taskStates(run, 3);
        QCOMPARE(holder.size(), std::size_t(1));
        QCOMPARE(holder[0].state, TaskState::Holding);
    }

    // Two culprits one after the other, and a stall that nothing recorded explains: each gets
    // its own share; the stall only what the others do not cover.
    void delayIsSplitAmongCulprits()
    {
        const RunData run = makeRun({
            {2, 0, 400, SpanKind::Http, 100},
            {3, 50, 200, SpanKind::Cpu},
            {1, 200, 350, SpanKind::Blocking},
            {0, 50, 400, SpanKind::Stall},
        });
        const auto blame = blameOf(run);
        QCOMPARE(blame.size(), std::size_t(3));
        QCOMPARE(blame[0], std::make_tuple(2, 0, 150.0)); // the blocking call 200-350
        QCOMPARE(blame[1], std::make_tuple(1, 0, 100.0)); // CPU work 100-200 (while ready)
        QCOMPARE(blame[2], std::make_tuple(3, 0, 50.0)); // the stall's uncovered 350-400
        QCOMPARE(run.stats.lateS, 0.3);
        QCOMPARE(run.stats.blamedS, 0.3);
        const auto summary = culprits(run);
        QCOMPARE(summary.size(), std::size_t(3));
        QCOMPARE(summary[0].culprit, 2);
        QCOMPARE(summary[0].victims, 1);
        QVERIFY(blameSentence(run, 3, 0).startsWith(u"the loop stalled"_s));
    }

    // One blocking step that held the loop while several tasks were ready.
    void oneCulpritManyVictims()
    {
        const RunData run = makeRun({
            {1, 0, 300, SpanKind::Blocking, -1, false, false, u"time.sleep"_s},
            {2, 0, 300, SpanKind::Sleep, 100},
            {3, 0, 300, SpanKind::Http, 200},
        });
        QCOMPARE(run.blame.size(), std::size_t(2));
        const auto summary = culprits(run);
        QCOMPARE(summary.size(), std::size_t(1));
        QCOMPARE(summary[0].victims, 2);
        QCOMPARE(summary[0].totalNs, 300 * kMs);
        QCOMPARE(summary[0].maxNs, 200 * kMs);
        QCOMPARE(summary[0].worstVictim, 1);
    }

    // A nested event loop entered inside another task's nested wait keeps it from returning
    // (nested-event-loop: A ready at D, returns with B at 2D) — though the loop never stalled.
    void nestedLoopHoldsTheOuterWait()
    {
        const RunData run = makeRun({
            {2, 0, 200, SpanKind::Sleep, 100, false, true}, {3, 1, 200, SpanKind::Sleep, 200, false, true},
            {1, 0, 250, SpanKind::Wait, 200}, // main awaits: ready when A finished, no lateness
        });
        QCOMPARE(blameOf(run), (std::vector<std::tuple<int, int, double>> {{1, 0, 100.0}}));
        QVERIFY(blameSentence(run, 1, 0).contains(u"nested event loop"_s));
        // A co_await victim is not held by a nested loop: the loop itself resumes it.
        const RunData awaited = makeRun({
            {2, 0, 200, SpanKind::Sleep, 100},
            {3, 1, 200, SpanKind::Sleep, 200, false, true},
        });
        QVERIFY(awaited.blame.empty());
        QCOMPARE(awaited.stats.lateS, 0.1);
        QCOMPARE(awaited.stats.blamedS, 0.0);
    }

    // A task that started a request, then blocked the loop itself before awaiting it: the
    // answer came during its own blocking call — it delayed itself.
    void aTaskCanDelayItself()
    {
        const RunData run = makeRun({
            {2, 0, 500, SpanKind::Http, 200}, // answered at 200, resumed at 500
            {2, 100, 500, SpanKind::Blocking}, // the same task's time.sleep
        });
        QCOMPARE(blameOf(run), (std::vector<std::tuple<int, int, double>> {{1, 0, 300.0}}));
        QVERIFY2(
            blameSentence(run, 1, 0).startsWith(u"task 1: blocking"_s), qPrintable(blameSentence(run, 1, 0)));
        QVERIFY(blameSentence(run, 1, 0).contains(u"while task 1: "_s));
    }

    // What is not late, or not known to be, or not on the loop's thread, is never blamed.
    void noBlameWithoutEvidence()
    {
        const RunData run = makeRun({
            {2, 0, 100.5, SpanKind::Sleep, 100}, // 0.5 ms: the loop's ordinary latency
            {3, 0, 300, SpanKind::Http}, // ready unknown: never guessed
            {4, 0, 300, SpanKind::Cpu}, // a pool thread holds its own thread, not the loop
            {1, 0, 300, SpanKind::Wait, 100},
        });
        QVERIFY(run.blame.empty());
        QCOMPARE(run.stats.lateS, 0.2); // main's wait was late, and nothing recorded explains it
        QCOMPARE(run.stats.blamedS, 0.0);
        const auto states = taskStates(run, 3);
        QCOMPARE(states.size(), std::size_t(1));
        QCOMPARE(states[0].state, TaskState::Suspended);
    }

    // Between steps a task runs on the loop; overlapping steps never give overlapping states.
    void statesCoverTheLaneWithoutOverlap()
    {
        const RunData run = makeRun({
            {2, 0, 100, SpanKind::Acquire, 100},
            {2, 100, 250, SpanKind::Http, 200},
            {2, 260, 300, SpanKind::Cpu},
            {2, 280, 320, SpanKind::Sleep, 320},
        });
        const auto states = taskStates(run, 2);
        QVERIFY(!states.empty());
        for (std::size_t i = 1; i < states.size(); ++i) {
            QVERIFY(states[i].beginNs >= states[i - 1].endNs);
        }
        QCOMPARE(states.front().beginNs, 0);
        QCOMPARE(states.back().endNs, 320 * kMs);
        const auto at = [&states](qint64 ms) {
            for (const StateInterval &s : states) {
                if (s.beginNs <= ms * kMs && ms * kMs < s.endNs) {
                    return s.state;
                }
            }
            return TaskState::Running;
        };
        QCOMPARE(at(150), TaskState::Suspended);
        QCOMPARE(at(220), TaskState::Ready);
        QCOMPARE(at(255), TaskState::Running);
        QCOMPARE(at(270), TaskState::Holding);
    }

    // The run file keeps the blame list (version 2); reading recomputes it from the spans, so
    // a file's list can never point outside them.
    void runFileKeepsBlame()
    {
        const RunData run = makeRun({
            {0, 600, 900, SpanKind::Stall},
            {2, 300, 900, SpanKind::Db, 600},
            {3, 600, 900, SpanKind::Db, 900, true},
            {2, 0, 200, SpanKind::Sleep, 100, false, true},
        });
        const QByteArray json = RunFile::toJson(run);
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"version"_s).toInt(), 2);
        const QJsonArray blame = root.value(u"blame"_s).toArray();
        QCOMPARE(blame.size(), 1);
        QCOMPARE(blame.at(0).toObject().value(u"culprit"_s).toInt(), 2);
        QCOMPARE(blame.at(0).toObject().value(u"victim"_s).toInt(), 1);
        QCOMPARE(blame.at(0).toObject().value(u"delay_s"_s).toDouble(), 0.3);
        QVERIFY(json.contains("\"nested_loop\":true"));
        QString error;
        const auto back = RunFile::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(blameOf(*back), blameOf(run));
        QVERIFY(back->spans[3].nestedLoop);

        QJsonObject tampered = root;
        tampered.insert(
            u"blame"_s, QJsonArray {QJsonObject {{u"culprit"_s, 99}, {u"victim"_s, -4}, {u"delay_s"_s, 1}}});
        tampered.insert(u"version"_s, 1);
        const auto recomputed = RunFile::fromJson(QJsonDocument(tampered).toJson(), &error);
        QVERIFY2(recomputed, qPrintable(error));
        QCOMPARE(blameOf(*recomputed), blameOf(run));
    }

    // Predict, then run: which tasks will run at once, as typed.
    void overlapPredictionsAreRead_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("text"); // empty: refused
        QTest::addColumn<QString>("error");
        QTest::newRow("pair") << u"1+2"_s << u"1+2"_s << QString();
        QTest::newRow("groups") << u" 1 + 2 ; 3+4+5 "_s << u"1+2, 3+4+5"_s << QString();
        QTest::newRow("names") << u"task 1+task   2"_s << u"task 1+task 2"_s << QString();
        QTest::newRow("none") << u"NONE"_s << u"none"_s << QString();
        QTest::newRow("all in Korean") << u"모두"_s << u"all"_s << QString();
        QTest::newRow("empty") << u"  "_s << QString() << u"say which tasks will run at once"_s;
        QTest::newRow("one task") << u"1"_s << QString() << u"'1' names one task"_s;
        QTest::newRow("one task in a group") << u"1+2, 3"_s << QString() << u"'3' names one task"_s;
        QTest::newRow("missing") << u"1++2"_s << QString() << u"a task is missing around a '+'"_s;
        QTest::newRow("twice") << u"1+2+1"_s << QString() << u"'1+2+1' names 1 twice"_s;
        QTest::newRow("control") << u"1+2\u0007"_s << QString() << u"control character (U+0007)"_s;
        QTest::newRow("long") << QString(u"1+"_s.repeated(300) + u'2') << QString()
                              << u"601 characters long"_s;
        QTest::newRow("empty group") << u"1+2,"_s << QString() << u"an empty group"_s;
        QTest::newRow("as kept, too long") << QString(u"task 10+task 11,"_s.repeated(29) + u"task 10+task 11"_s)
                                           << QString() << u"508 characters long"_s;
        QTest::newRow("many") << QString(u"1+2,"_s.repeated(40) + u"1+2"_s) << QString()
                              << u"more than 64 tasks"_s;
    }
    void overlapPredictionsAreRead()
    {
        QFETCH(QString, spec);
        QFETCH(QString, text);
        QFETCH(QString, error);
        QString why;
        const auto p = OverlapPrediction::parse(spec, &why);
        QCOMPARE(p.has_value(), !text.isEmpty());
        if (p) {
            QCOMPARE(p->text(), text);
            QVERIFY(OverlapPrediction::parse(p->text(), nullptr)->text() == text); // as the run file keeps it
        } else {
            QVERIFY2(why.contains(error), qPrintable(why));
        }
    }

    // Held against a run: in flight is a task's own work and its pool jobs, not its wait for a
    // pool slot; main is not one of the tasks; a handover is not an overlap.
    void overlapPredictionsAreHeldAgainstTheRun()
    {
        const RunData run = makeRun({
            {1, 0, 150, SpanKind::Wait}, // main awaits both
            {2, 0, 100, SpanKind::Sleep, 100},
            {3, 0, 50, SpanKind::Acquire, 50}, // task 2 waits for a pool thread: not in flight
            {3, 50, 150, SpanKind::Wait, 150}, // then awaits its job
            {4, 60, 150, SpanKind::Cpu}, // the job: in flight as task 2 from 60 ms
        });
        const auto verdict = [&run](const QString &spec) {
            return overlapVerdict(run, *OverlapPrediction::parse(spec, nullptr));
        };
        OverlapVerdict v = verdict(u"1+2"_s);
        QVERIFY(v.right && !v.badTask);
        QCOMPARE(v.text, u"predicted 1+2 at once — right: task 1 and task 2 ran at once for 0.040 s"_s);
        QCOMPARE(v.brief, u"predicted 1+2 at once — right"_s);
        v = verdict(u"TASK 2+task 1"_s);
        QVERIFY(v.right);
        v = verdict(u"all"_s);
        QCOMPARE(v.text, u"predicted all at once — right: both tasks ran at once for 0.040 s"_s);
        v = verdict(u"none"_s);
        QVERIFY(!v.right && !v.badTask);
        QCOMPARE(v.text, u"predicted no overlap — wrong: task 1 and task 2 ran at once for 0.040 s"_s);
        // Tasks the run does not have: said, not judged.
        v = verdict(u"1+3"_s);
        QVERIFY(v.badTask && !v.right);
        QVERIFY2(v.text.contains(u"there is no task 3: this run has 2 tasks besides main (1–2)"_s),
            qPrintable(v.text));
        v = verdict(u"99999999999+1"_s);
        QVERIFY2(v.badTask && v.error == u"there is no task 99999999999: this run has 2 tasks besides main (1–2)"_s,
            qPrintable(v.error));
        v = verdict(u"task+1"_s);
        QVERIFY(v.badTask);
        QVERIFY2(v.text.contains(u"'task' names 2 tasks ('task 1', 'task 2')"_s), qPrintable(v.text));
        v = verdict(u"main+1"_s);
        QVERIFY(v.badTask);
        QVERIFY2(v.text.contains(u"no task is named 'main' (its tasks: 'task 1', 'task 2')"_s),
            qPrintable(v.text));
        v = verdict(u"1+task 1"_s);
        QVERIFY(v.badTask);
        QVERIFY2(v.text.contains(u"names task 1 twice"_s), qPrintable(v.text));

        // combo-mixed at D = 300 ms: task 1's query is ready at 610 ms but resumed at 910 ms, after
        // task 2's blocking query. Waiting for the loop is not running at once with what held
        // it: together 306–600 ms, not 306–910 ms.
        const RunData combo = makeRun({
            {2, 0, 300, SpanKind::Http, 300, true}, // blocking GET
            {2, 306, 910, SpanKind::Db, 610}, // async query, resumed late
            {3, 300, 600, SpanKind::Http, 600}, // async GET
            {3, 610, 910, SpanKind::Db, 910, true}, // blocking query
        });
        v = overlapVerdict(combo, *OverlapPrediction::parse(u"1+2"_s, nullptr));
        QCOMPARE(v.text, u"predicted 1+2 at once — right: task 1 and task 2 ran at once for 0.294 s"_s);

        // A traced Python program's root is the task asyncio.run() made, whatever it is called.
        RunData python = run;
        python.experiment = u"python"_s;
        python.lanes[1].name = u"Task-1 · test2"_s;
        v = overlapVerdict(python, *OverlapPrediction::parse(u"1+2"_s, nullptr));
        QCOMPARE(v.text, u"predicted 1+2 at once — right: task 1 and task 2 ran at once for 0.040 s"_s);

        // One after the other on the loop's thread (blocking-in-task): never at once.
        const RunData blocking = makeRun({
            {2, 0, 100, SpanKind::Blocking},
            {3, 0, 100, SpanKind::Wait, 0, false, false, u"scheduled by create_task"_s}, // its first turn
            {3, 100, 200, SpanKind::Blocking},
        });
        v = overlapVerdict(blocking, *OverlapPrediction::parse(u"1+2"_s, nullptr));
        QCOMPARE(v.text, u"predicted 1+2 at once — wrong: task 1 and task 2 never ran at once"_s);
        v = overlapVerdict(blocking, *OverlapPrediction::parse(u"none"_s, nullptr));
        QCOMPARE(v.text, u"predicted no overlap — right: no two tasks ran at once"_s);
        v = overlapVerdict(blocking, *OverlapPrediction::parse(u"all"_s, nullptr));
        QCOMPARE(v.text, u"predicted all at once — wrong: at most 1 of the 2 tasks were in flight at one instant"_s);

        // A handover: task 2 begins 50 µs before task 1 ends — not "at once"; 2 ms of 100 is
        // "only", 10 ms is.
        for (const auto &[beginMs, expected] : {std::pair {99.95, u"never ran at once"_s},
                 std::pair {98.0, u"were in flight together for only 2.0 ms"_s},
                 std::pair {90.0, u"ran at once for 0.010 s"_s}}) {
            const RunData handover
                = makeRun({{2, 0, 100, SpanKind::Sleep}, {3, beginMs, 200, SpanKind::Sleep}});
            v = overlapVerdict(handover, *OverlapPrediction::parse(u"1+2"_s, nullptr));
            QVERIFY2(v.text.contains(expected), qPrintable(v.text));
            if (beginMs > 99) {
                v = overlapVerdict(handover, *OverlapPrediction::parse(u"all"_s, nullptr));
                QCOMPARE(v.text, u"predicted all at once — wrong: all 2 tasks were in flight together for only 50 µs"_s);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
