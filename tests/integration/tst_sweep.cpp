// SPDX-License-Identifier: MIT
// Sweeps: the values a --param expands to, the plan's refusals, the state machine that keeps
// failures and stops, and `coroscope sweep` end to end (runs in order, CSV, JSON, the figure
// in PNG/SVG/PDF, failed values as rows, Ctrl+C keeping the values done, PostgreSQL pools).

#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/sweep.h"
#include "render/sweepfigure.h"
#include "testutil.h"
#include "timeline/runfile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

using Result = Test::CliResult;
using Test::coroscope;

QList<QStringList> csvRows(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<QStringList> rows;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.isEmpty()) {
            rows.append(QString::fromUtf8(line).split(u','));
        }
    }
    return rows;
}

const ParamSpec &specOf(const char *experiment, const QString &key)
{
    for (const ParamSpec &spec : Catalog::find(QString::fromLatin1(experiment))->info().params) {
        if (spec.key == key) {
            return spec;
        }
    }
    qFatal("no parameter %s", qPrintable(key));
}

RunData fakeRun(RunStatus status, double wallS, const QString &error = {})
{
    RunData run;
    run.status = status;
    run.error = error;
    run.wallNs = static_cast<qint64>(wallS * 1e9);
    run.stats.wallS = wallS;
    return run;
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { Test::useFixtureCluster(); }

    void expandsListsRangesAndFactors_data()
    {
        QTest::addColumn<QString>("experiment");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("values");
        QTest::newRow("list") << u"http-fanout"_s << u"limit"_s << u"1, 2,4 ,8"_s
                              << QStringList {u"1"_s, u"2"_s, u"4"_s, u"8"_s};
        QTest::newRow("whole range") << u"tasks-concurrent"_s << u"tasks"_s << u"1..4"_s
                                     << QStringList {u"1"_s, u"2"_s, u"3"_s, u"4"_s};
        QTest::newRow("step") << u"http-fanout"_s << u"n"_s << u"2..9:3"_s << QStringList {u"2"_s, u"5"_s, u"8"_s};
        QTest::newRow("factor") << u"http-fanout"_s << u"limit"_s << u"1..16:*2"_s
                                << QStringList {u"1"_s, u"2"_s, u"4"_s, u"8"_s, u"16"_s};
        QTest::newRow("factor rounds, no repeats") << u"http-fanout"_s << u"limit"_s << u"1..4:*1.5"_s
                                                   << QStringList {u"1"_s, u"2"_s, u"3"_s};
        // 0.1 + 4 × 0.1 is 0.5000000000000001: the last value is not lost to rounding.
        QTest::newRow("seconds") << u"tasks-concurrent"_s << u"delay"_s << u"0.1..0.5:0.1"_s
                                 << QStringList {u"0.1"_s, u"0.2"_s, u"0.3"_s, u"0.4"_s, u"0.5"_s};
        QTest::newRow("one value") << u"http-fanout"_s << u"limit"_s << u"4"_s << QStringList {u"4"_s};
    }
    void expandsListsRangesAndFactors()
    {
        QFETCH(QString, experiment);
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(QStringList, values);
        QString error;
        const auto got = expandSweepValues(specOf(qPrintable(experiment), key), text, &error);
        QVERIFY2(got, qPrintable(error));
        QCOMPARE(*got, values);
    }

    void plansRefuseNamingTheValue_data()
    {
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("out of range") << QStringList {u"limit=1,0"_s}
                                      << u"sweep value '0' of 'limit': parameter 'limit' = 0 is out of range 1–10000"_s;
        QTest::newRow("wrong type") << QStringList {u"delay=0.1,fast"_s}
                                    << u"sweep value 'fast' of 'delay': parameter 'delay' must be a number"_s;
        QTest::newRow("not whole") << QStringList {u"n=1,2.5"_s} << u"sweep value '2.5' of 'n'"_s;
        QTest::newRow("two swept") << QStringList {u"n=2,4"_s, u"limit=1,2"_s}
                                   << u"a sweep varies one parameter: 'n' and 'limit' both have several values"_s;
        QTest::newRow("nothing swept") << QStringList {u"n=4"_s}
                                       << u"say what to sweep: one --param with several values, e.g. --param n=1,2,4,8"_s;
        QTest::newRow("unknown") << QStringList {u"nope=1,2"_s} << u"unknown parameter 'nope' for http-fanout"_s;
        QTest::newRow("twice") << QStringList {u"n=3,03"_s} << u"sweep value '03' of 'n' is there twice"_s;
        QTest::newRow("empty item") << QStringList {u"limit=1,,2"_s} << u"have an empty item: '1,,2'"_s;
        QTest::newRow("downwards") << QStringList {u"limit=8..1"_s} << u"goes down"_s;
        QTest::newRow("seconds need a step") << QStringList {u"delay=0.1..0.5"_s} << u"needs a step"_s;
        QTest::newRow("too many") << QStringList {u"n=1..1000"_s} << u"has more than 50 values"_s;
        QTest::newRow("bad factor") << QStringList {u"limit=1..8:*1"_s} << u"must be a number above 1"_s;
        QTest::newRow("half steps of a whole number")
            << QStringList {u"limit=1..3:0.5"_s}
            << u"sweep range '1..3:0.5' of 'limit': 'limit' takes whole numbers, so the range's ends and step must be whole"_s;
        QTest::newRow("fractional range of a whole number")
            << QStringList {u"limit=0.1..0.5:0.1"_s} << u"'limit' takes whole numbers"_s;
    }
    void plansRefuseNamingTheValue()
    {
        QFETCH(QStringList, params);
        QFETCH(QString, message);
        QList<std::pair<QString, QString>> overrides;
        for (const QString &kv : params) {
            overrides.append({kv.section(u'=', 0, 0), kv.section(u'=', 1)});
        }
        QString error;
        QVERIFY(!planSweep(*Catalog::find(u"http-fanout"), overrides, 1, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void sweepKeepsFailuresAndStops()
    {
        QString error;
        auto plan = planSweep(*Catalog::find(u"http-fanout"), {{u"limit"_s, u"1,2,4"_s}}, 3, &error);
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->params.size(), std::size_t(3));
        QCOMPARE(plan->params[1].integer(u"limit"), 2);
        Sweep sweep(std::move(*plan));
        QCOMPARE(sweep.runsPlanned(), 9);
        // limit=1: three runs; the drawn one has the median wall.
        sweep.record(fakeRun(RunStatus::Ok, 0.9));
        sweep.record(fakeRun(RunStatus::Ok, 0.7));
        sweep.record(fakeRun(RunStatus::Ok, 0.8));
        // limit=2: the second run fails — the value ends there, the sweep goes on.
        QCOMPARE(sweep.nextValueText(), u"2"_s);
        sweep.record(fakeRun(RunStatus::Ok, 0.4));
        sweep.record(fakeRun(RunStatus::Failed, 0.1, u"GET …: Connection refused"_s));
        QCOMPARE(sweep.nextValueText(), u"4"_s);
        // limit=4: cancelled — the sweep ends, keeping it as a partial value.
        sweep.record(fakeRun(RunStatus::Cancelled, 0.05));
        QVERIFY(sweep.done());
        const SweepResult &r = sweep.result();
        QVERIFY(r.cancelled);
        QCOMPARE(r.points.size(), std::size_t(3));
        QCOMPARE(r.points[0].wallMedianS, 0.8);
        QCOMPARE(r.points[0].wallP95S, 0.9);
        QCOMPARE(r.points[0].run->stats.wallS, 0.8);
        QVERIFY(r.points[1].status == RunStatus::Failed);
        QCOMPARE(r.points[1].error, u"GET …: Connection refused"_s);
        QCOMPARE(r.points[1].runs.size(), std::size_t(2));
        QVERIFY(r.points[2].status == RunStatus::Cancelled);
        QCOMPARE(r.failures(), 1);
        QCOMPARE(r.fixedSummary(), u"delay=1 n=24"_s);
    }

    void stopBetweenRunsKeepsWhatWasDone()
    {
        QString error;
        auto plan = planSweep(*Catalog::find(u"tasks-concurrent"), {{u"tasks"_s, u"1..3"_s}}, 2, &error);
        QVERIFY2(plan, qPrintable(error));
        Sweep sweep(std::move(*plan));
        sweep.record(fakeRun(RunStatus::Ok, 0.1));
        sweep.record(fakeRun(RunStatus::Ok, 0.1));
        sweep.record(fakeRun(RunStatus::Ok, 0.1)); // tasks=2, one of its two runs
        sweep.stop();
        QVERIFY(sweep.done());
        const SweepResult &r = sweep.result();
        QVERIFY(r.cancelled);
        QCOMPARE(r.points.size(), std::size_t(2));
        QVERIFY(r.points[0].status == RunStatus::Ok);
        QVERIFY(r.points[1].status == RunStatus::Cancelled); // not all its repetitions: not a result
        QCOMPARE(r.plannedValues, 3);
        // A tiny step is refused at once, not looped over.
        QElapsedTimer t;
        t.start();
        QVERIFY(!expandSweepValues(specOf("http-fanout", u"delay"_s), u"0.1..0.2:1e-12"_s, &error));
        QVERIFY2(error.contains(u"more than 50 values"_s), qPrintable(error));
        QVERIFY(!expandSweepValues(specOf("http-fanout", u"limit"_s), u"1..2:*1.000000001"_s, &error));
        QVERIFY(t.elapsed() < 1000);
    }

    void sweepRunsEachValueAndExportsTheFigureTableAndRuns()
    {
        QTemporaryDir dir;
        QStringList args {u"sweep"_s, u"http-fanout"_s, u"--param"_s, u"n=4"_s, u"--param"_s, u"limit=1,2,4"_s,
            u"--param"_s, u"delay=0.1"_s};
        const QStringList names {u"s.png"_s, u"s.svg"_s, u"s.pdf"_s, u"s.csv"_s, u"s.json"_s};
        for (const QString &n : names) {
            args << u"--export"_s << dir.filePath(n);
        }
        const Result r = coroscope(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString &n : names) {
            QVERIFY2(r.out.contains(u"wrote "_s + dir.filePath(n)), qPrintable(r.out));
        }
        // The table, in the values' order: waves of D, the limit in flight.
        const auto rows = csvRows(dir.filePath(u"s.csv"_s));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0].mid(0, 5), (QStringList {u"param"_s, u"value"_s, u"status"_s, u"runs"_s, u"wall_s"_s}));
        const double ideals[] = {0.4, 0.2, 0.1};
        const QString limits[] = {u"1"_s, u"2"_s, u"4"_s};
        for (int i = 0; i < 3; ++i) {
            const QStringList &row = rows[i + 1];
            QCOMPARE(row[0], u"limit"_s);
            QCOMPARE(row[1], limits[i]);
            QCOMPARE(row[2], u"ok"_s);
            const double wall = row[4].toDouble();
            QCOMPARE(row[6].toDouble(), ideals[i]);
            QVERIFY2(wall >= ideals[i] * 0.97 && wall < ideals[i] + 0.15, qPrintable(row.join(u',')));
            QCOMPARE(row[10].toInt(), limits[i].toInt()); // max_concurrency
        }
        QVERIFY(r.out.contains(u"sweep over limit"_s));
        // The runs: each point's drawn run is a whole run file.
        QFile json(dir.filePath(u"s.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(root.value(u"experiment"_s).toString(), u"http-fanout"_s);
        QCOMPARE(root.value(u"param"_s).toObject().value(u"key"_s).toString(), u"limit"_s);
        const QJsonArray points = root.value(u"points"_s).toArray();
        QCOMPARE(points.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject run = points[i].toObject().value(u"run"_s).toObject();
            QString error;
            const auto decoded = RunFile::fromJson(QJsonDocument(run).toJson(), &error);
            QVERIFY2(decoded, qPrintable(error));
            QCOMPARE(decoded->param(u"limit"_s).toInt(), limits[i].toInt());
            QCOMPARE(decoded->stats.maxConcurrency, limits[i].toInt());
        }
        // The figure: one image, 1200 px wide, about 4:3 or taller, in every format.
        const QImage png(dir.filePath(u"s.png"_s));
        QCOMPARE(png.width(), 1200);
        QVERIFY2(png.height() >= 600 && png.height() <= 1400, qPrintable(QString::number(png.height())));
        QSvgRenderer svg(dir.filePath(u"s.svg"_s));
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBoxF().width(), 1200.0);
        // Under the curve, the values as a table (the CSV's figures); at the foot, with what.
        QFile svgFile(dir.filePath(u"s.svg"_s));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QString svgText = QString::fromUtf8(svgFile.readAll());
        for (const QString &text : {u">The values<"_s, u">over ideal<"_s, u">in flight<"_s, u">400 ms<"_s,
                 u">100 ms<"_s, u"Coroscope "_s, u"Qt 6."_s}) {
            QVERIFY2(svgText.contains(text), qPrintable(text));
        }
        QVERIFY2(!svgText.contains(u">loop stall<"_s), "no value's loop stalled: no column for it");
        QFile pdf(dir.filePath(u"s.pdf"_s));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
    }

    // A narrow figure (the app's pane, --width under 900) puts the curve above the timelines,
    // both at full size: as wide as asked, and taller than wide.
    void aNarrowFigureStacksTheCurveAboveTheTimelines()
    {
        QTemporaryDir dir;
        const Result r = coroscope({u"sweep"_s, u"tasks-concurrent"_s, u"--param"_s, u"tasks=1,3"_s,
            u"--param"_s, u"delay=0.05"_s, u"--width"_s, u"640"_s, u"--export"_s, dir.filePath(u"n.png"_s),
            u"--export"_s, dir.filePath(u"n.svg"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QImage png(dir.filePath(u"n.png"_s));
        QCOMPARE(png.width(), 640);
        QVERIFY2(png.height() > 640 + 300, qPrintable(QString::number(png.height())));
        QFile svg(dir.filePath(u"n.svg"_s));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(!svgText.contains(">The values<")); // no room beside the curve: the table is left out
        QVERIFY(svgText.contains("Coroscope "));
    }

    // A blocking call holds the loop: the table says for how long, per value.
    void aBlockingSweepsTableHasTheLoopsStall()
    {
        QTemporaryDir dir;
        const Result r = coroscope({u"sweep"_s, u"blocking-in-task"_s, u"--param"_s, u"delay=0.05,0.1"_s,
            u"--export"_s, dir.filePath(u"b.svg"_s), u"--export"_s, dir.filePath(u"b.csv"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The loop was frozen for (nearly) the whole run — and not longer than the run.
        const auto rows = csvRows(dir.filePath(u"b.csv"_s));
        QCOMPARE(rows.size(), 3);
        for (int i = 1; i < 3; ++i) {
            const double wall = rows[i][4].toDouble();
            const double stall = rows[i][11].toDouble();
            QVERIFY2(stall >= 0.9 * wall && stall <= wall, qPrintable(rows[i].join(u',')));
        }
        QFile svg(dir.filePath(u"b.svg"_s));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains(">loop stall<"));
        QVERIFY(svgText.contains(">delay, s<")); // the value column: the parameter and its unit
    }

    void repeatGivesMedianAndP95PerValue()
    {
        const Result r = coroscope({u"sweep"_s, u"tasks-concurrent"_s, u"--param"_s, u"tasks=1,3"_s, u"--param"_s,
            u"delay=0.05"_s, u"--repeat"_s, u"3"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root.value(u"repeat"_s).toInt(), 3);
        const QJsonArray points = root.value(u"points"_s).toArray();
        QCOMPARE(points.size(), 2);
        for (const QJsonValue &p : points) {
            const QJsonObject o = p.toObject();
            QCOMPARE(o.value(u"runs"_s).toArray().size(), 3);
            QVERIFY(!o.contains(u"run"_s)); // --json prints the numbers, not the timelines
            const QJsonObject wall = o.value(u"wall_s"_s).toObject();
            QVERIFY(wall.value(u"median"_s).toDouble() >= 0.05);
            QVERIFY(wall.value(u"median"_s).toDouble() <= wall.value(u"p95"_s).toDouble());
            // Concurrent: flat, the same D for 1 and 3 tasks.
            QVERIFY(wall.value(u"median"_s).toDouble() < 0.05 + 0.1);
        }
    }

    void badSweepsExitTwoBeforeRunning()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(u"x.png"_s);
        QElapsedTimer t;
        t.start();
        const Result r = coroscope(
            {u"sweep"_s, u"http-fanout"_s, u"--param"_s, u"limit=1,2,0"_s, u"--export"_s, png});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"sweep value '0' of 'limit'"_s), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(png));
        QVERIFY2(!r.err.contains(u"[1/"_s), "nothing runs before every value is checked");
        QVERIFY(t.elapsed() < 5000);
        const Result trace = coroscope({u"sweep"_s, u"http-fanout"_s, u"--param"_s, u"limit=1,2"_s, u"--export"_s,
            dir.filePath(u"x.trace.json"_s)});
        QCOMPARE(trace.exitCode, 2);
        QVERIFY2(trace.err.contains(u"a sweep exports as a figure"_s), qPrintable(trace.err));
    }

    void failedValuesAreRowsWithTheirMessage()
    {
        QTemporaryDir dir;
        const Result r = coroscope({u"sweep"_s, u"http-fanout"_s, u"--param"_s, u"n=2"_s, u"--param"_s,
            u"limit=1,2"_s, u"--param"_s, u"delay=0.05"_s, u"--param"_s, u"url=http://127.0.0.1:9/"_s, u"--export"_s,
            dir.filePath(u"f.csv"_s), u"--export"_s, dir.filePath(u"f.png"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(u"FAILED: GET http://127.0.0.1:9/?delay=0.05"_s), qPrintable(r.out));
        QVERIFY2(r.err.contains(u"of limit failed"_s), qPrintable(r.err));
        const auto rows = csvRows(dir.filePath(u"f.csv"_s));
        QCOMPARE(rows.size(), 3);
        for (int i = 1; i < 3; ++i) {
            QCOMPARE(rows[i][2], u"failed"_s);
            QVERIFY2(rows[i].last().contains(u"127.0.0.1:9"_s), qPrintable(rows[i].join(u',')));
            QVERIFY(rows[i][7].isEmpty()); // no overhead for a run that did not finish its work
        }
        QVERIFY(!QImage(dir.filePath(u"f.png"_s)).isNull());
    }

    void interruptStopsKeepingTheValuesDone()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(u"c.json"_s);
        QProcess p;
        p.start(QStringLiteral(COROSCOPE_BIN), {u"sweep"_s, u"tasks-concurrent"_s, u"--param"_s, u"tasks=1,2,3,4"_s,
                                                   u"--param"_s, u"delay=0.4"_s, u"--export"_s, json});
        QVERIFY(p.waitForStarted());
        // After the first value, during the second or third.
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT(
            (progress += p.readAllStandardError()).contains("[2/4]") || p.state() != QProcess::Running, 10000);
        QTest::qWait(200);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(5000), "Ctrl+C must stop the sweep at once");
        QCOMPARE(p.exitCode(), 1);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(root.value(u"cancelled"_s).toBool());
        const QJsonArray points = root.value(u"points"_s).toArray();
        QVERIFY2(points.size() >= 2 && points.size() < 4, qPrintable(QString::number(points.size())));
        QCOMPARE(points.first().toObject().value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(points.last().toObject().value(u"status"_s).toString(), u"cancelled"_s);
    }

    void poolSweepGoesInWaves()
    {
        if (qEnvironmentVariableIsEmpty("COROSCOPE_PG_DSN")) {
            QSKIP("no PostgreSQL fixture");
        }
        QTemporaryDir dir;
        const Result r = coroscope({u"sweep"_s, u"pg-pool-saturation"_s, u"--param"_s, u"tasks=4"_s, u"--param"_s,
            u"pool=1,2,4"_s, u"--param"_s, u"delay=0.1"_s, u"--export"_s, dir.filePath(u"p.csv"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const auto rows = csvRows(dir.filePath(u"p.csv"_s));
        QCOMPARE(rows.size(), 4);
        const double ideals[] = {0.4, 0.2, 0.1};
        for (int i = 0; i < 3; ++i) {
            const double wall = rows[i + 1][4].toDouble();
            QVERIFY2(wall >= ideals[i] * 0.97 && wall < ideals[i] + 0.2, qPrintable(rows[i + 1].join(u',')));
        }
    }
};

QTEST_MAIN(TestSweep)
#include "tst_sweep.moc"
