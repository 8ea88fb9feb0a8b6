// SPDX-License-Identifier: MIT
#include "timeline/runfile.h"
#include "timeline/savefile.h"
#include "timeline/stats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

RunData sampleRun()
{
    RunData run;
    run.experiment = u"tasks-concurrent"_s;
    run.title = u"Tasks run concurrently"_s;
    run.params = {{u"delay"_s, 0.3}, {u"tasks"_s, 2}};
    run.status = RunStatus::Cancelled;
    run.error = u"cancelled"_s;
    run.startedAt = QDateTime(QDate(2026, 11, 21), QTime(12, 0, 0, 125), Qt::UTC);
    run.wallNs = 301'234'567;
    run.idealNs = 300'000'000;
    run.loopMaxLatenessNs = 250'000;
    run.lanes = {Lane {0, u"event loop"_s, LaneKind::Loop}, Lane {1, u"main"_s, LaneKind::Task},
        Lane {2, u"task 1 · GOOG"_s, LaneKind::Task}, Lane {3, u"pool thread 1"_s, LaneKind::Pool}};
    Span a;
    a.lane = 2;
    a.name = run.intern(u"sleep 0.3 s"_s);
    a.detail = run.intern(u"Get stock price of GOOG... 한글"_s);
    a.kind = SpanKind::Sleep;
    a.beginNs = 400'123;
    a.endNs = 300'401'001;
    a.readyNs = 300'400'123;
    run.spans.push_back(a);
    Span b;
    b.lane = 0;
    b.name = run.intern(u"loop blocked"_s);
    b.kind = SpanKind::Stall;
    b.status = SpanStatus::Cancelled;
    b.beginNs = 1'000;
    b.endNs = 250'000'000;
    run.spans.push_back(b);
    run.marks.push_back(Mark {5'000, 1, run.intern(u"print"_s), run.intern(u"300"_s)});
    run.counters.push_back(CounterSample {7'000, 3.0, 3, run.intern(u"in use"_s)});
    run.env = EnvInfo {u"6.4.2"_s, u"0.8.0"_s, u"15.18"_s, u"vm"_s, u"Debian"_s, 2};
    computeStats(run);
    return run;
}

QByteArray withField(const QByteArray &json, const QString &key, const QJsonValue &value)
{
    QJsonObject o = QJsonDocument::fromJson(json).object();
    o.insert(key, value);
    return QJsonDocument(o).toJson();
}

} // namespace

class TestRunFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsEverything()
    {
        const RunData run = sampleRun();
        QString error;
        const auto back = RunFile::fromJson(RunFile::toJson(run), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->experiment, run.experiment);
        QCOMPARE(back->title, run.title);
        QVERIFY(back->status == RunStatus::Cancelled);
        QCOMPARE(back->error, run.error);
        QCOMPARE(back->startedAt, run.startedAt);
        QCOMPARE(back->wallNs, run.wallNs);
        QCOMPARE(back->idealNs, run.idealNs);
        QCOMPARE(back->loopMaxLatenessNs, run.loopMaxLatenessNs);
        QCOMPARE(back->param(u"delay"_s).toDouble(), 0.3);
        QCOMPARE(back->param(u"tasks"_s).toInt(), 2);
        QCOMPARE(back->lanes.size(), run.lanes.size());
        for (qsizetype i = 0; i < run.lanes.size(); ++i) {
            QCOMPARE(back->lanes[i].name, run.lanes[i].name);
            QVERIFY(back->lanes[i].kind == run.lanes[i].kind);
        }
        QCOMPARE(back->spans.size(), run.spans.size());
        for (std::size_t i = 0; i < run.spans.size(); ++i) {
            const Span &x = run.spans[i];
            const Span &y = back->spans[i];
            QCOMPARE(y.lane, x.lane);
            QCOMPARE(back->str(y.name), run.str(x.name));
            QCOMPARE(back->str(y.detail), run.str(x.detail));
            QVERIFY(y.kind == x.kind);
            QVERIFY(y.status == x.status);
            QCOMPARE(y.beginNs, x.beginNs);
            QCOMPARE(y.endNs, x.endNs);
            QCOMPARE(y.readyNs, x.readyNs);
        }
        QCOMPARE(back->marks.size(), std::size_t(1));
        QCOMPARE(back->str(back->marks[0].detail), u"300"_s);
        QCOMPARE(back->counters.size(), std::size_t(1));
        QCOMPARE(back->counters[0].value, 3.0);
        QCOMPARE(back->env.qcoro, u"0.8.0"_s);
        QCOMPARE(back->env.cores, 2);
        QCOMPARE(back->stats.maxConcurrency, run.stats.maxConcurrency);
        QCOMPARE(back->stats.longestStallS, run.stats.longestStallS);
    }

    void documentedTopLevelFields()
    {
        const auto o = QJsonDocument::fromJson(RunFile::toJson(sampleRun())).object();
        for (const auto *key : {"format", "version", "experiment", "params", "wall_s", "ideal_s", "lanes",
                 "spans", "marks", "blame", "stats", "env"}) {
            QVERIFY2(o.contains(QLatin1StringView(key)), key);
        }
        QCOMPARE(o.value(u"format"_s).toString(), u"coroscope-run"_s);
        QCOMPARE(o.value(u"version"_s).toInt(), 2);
        const auto span = o.value(u"spans"_s).toArray().at(0).toObject();
        for (const auto *key : {"lane", "name", "kind", "start_s", "end_s", "status", "detail"}) {
            QVERIFY2(span.contains(QLatin1StringView(key)), key);
        }
    }

    void refusesBadFiles_data()
    {
        const QByteArray good = RunFile::toJson(sampleRun());
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("truncated") << good.left(good.size() / 2) << u"(the file looks truncated)"_s;
        QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n") << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[1,2]") << u"the top level is not a JSON object"_s;
        QTest::newRow("other_format") << withField(good, u"format"_s, u"chrome-trace"_s)
                                      << u"\"format\" is \"chrome-trace\", expected \"coroscope-run\""_s;
        QTest::newRow("newer_version") << withField(good, u"version"_s,
            3) << u"written by a newer Coroscope (run file version 3; this build reads up to 2)"_s;
        QTest::newRow("version_text")
            << withField(good, u"version"_s, u"1"_s) << u"version: expected a positive whole number"_s;
        QTest::newRow("wall_text") << withField(good, u"wall_s"_s, u"fast"_s)
                                   << u"wall_s: expected a number"_s;
        QTest::newRow("spans_object")
            << withField(good, u"spans"_s, QJsonObject {}) << u"spans: expected an array"_s;
        QTest::newRow("span_bad_kind") << withField(good, u"spans"_s,
            QJsonArray {QJsonObject {{u"lane"_s, 1}, {u"name"_s, u"x"_s}, {u"kind"_s, u"nap"_s},
                {u"start_s"_s, 0}, {u"end_s"_s, 1}}})
                                       << u"spans[0].kind: unknown span kind \"nap\""_s;
        QTest::newRow("span_unknown_lane") << withField(good, u"spans"_s,
            QJsonArray {QJsonObject {{u"lane"_s, 42}, {u"name"_s, u"x"_s}, {u"kind"_s, u"sleep"_s},
                {u"start_s"_s, 0}, {u"end_s"_s, 1}}})
                                           << u"spans[0].lane: no lane with id 42"_s;
        QTest::newRow("span_ends_before_start") << withField(good, u"spans"_s,
            QJsonArray {QJsonObject {{u"lane"_s, 1}, {u"name"_s, u"x"_s}, {u"kind"_s, u"sleep"_s},
                {u"start_s"_s, 2}, {u"end_s"_s, 1}}})
                                                << u"spans[0]: ends (1 s) before it starts (2 s)"_s;
        QTest::newRow("span_missing_end") << withField(good, u"spans"_s,
            QJsonArray {QJsonObject {{u"lane"_s, 1}, {u"name"_s, u"x"_s}, {u"kind"_s, u"sleep"_s},
                {u"start_s"_s, 0}}}) << u"spans[0].end_s: missing"_s;
        QTest::newRow("version_huge") << withField(good, u"version"_s, 1e300)
                                      << u"written by a newer Coroscope (run file version 1e+300"_s;
        QTest::newRow("wall_overflows") << withField(good, u"wall_s"_s, 1e300)
                                        << u"wall_s: 1e+300 s is out of range (times are within ±1e9 s)"_s;
        QTest::newRow("span_start_overflows") << withField(good, u"spans"_s,
            QJsonArray {QJsonObject {{u"lane"_s, 1}, {u"name"_s, u"x"_s}, {u"kind"_s, u"sleep"_s},
                {u"start_s"_s, -1e19}, {u"end_s"_s, 1}}})
                                              << u"spans[0].start_s: -1e+19 s is out of range"_s;
        QTest::newRow("lane_id_huge") << withField(good, u"lanes"_s,
            QJsonArray {QJsonObject {{u"id"_s, 1e300}, {u"name"_s, u"x"_s}, {u"kind"_s, u"task"_s}}})
                                      << u"lanes[0].id: expected a whole number from 0 to 2147483647, got 1e+300"_s;
        QTest::newRow("lane_bad_kind") << withField(good, u"lanes"_s,
            QJsonArray {QJsonObject {{u"id"_s, 0}, {u"name"_s, u"x"_s}, {u"kind"_s, u"gpu"_s}}})
                                       << u"lanes[0].kind: unknown lane kind \"gpu\""_s;
        QTest::newRow("predicted_overlap_one_task")
            << withField(good, u"predicted_overlap"_s, u"2"_s) << u"predicted_overlap: '2' names one task"_s;
        QTest::newRow("predicted_overlap_number")
            << withField(good, u"predicted_overlap"_s, 12) << u"predicted_overlap"_s;
    }

    void refusesBadFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!RunFile::fromJson(bytes, &error));
        QVERIFY2(error.contains(message), qPrintable(u"got: "_s + error));
    }

    void everyTruncationIsRefusedNotCrashed()
    {
        const QByteArray good = RunFile::toJson(sampleRun());
        for (qsizetype n = 0; n < good.size() - 1; n += 7) {
            QString error;
            QVERIFY(!RunFile::fromJson(good.left(n), &error));
            QVERIFY(!error.isEmpty());
        }
    }

    void fileErrorsNameThePath()
    {
        QTemporaryDir dir;
        QString error;
        const QString missing = dir.filePath(u"missing.json"_s);
        QVERIFY(!RunFile::read(missing, &error));
        QVERIFY2(error.startsWith(u"cannot open "_s + missing), qPrintable(error));

        const QString bad = dir.filePath(u"bad.json"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"coroscope-run\",\"version\":1,");
        f.close();
        QVERIFY(!RunFile::read(bad, &error));
        QVERIFY2(error.startsWith(bad + u": not valid JSON"_s), qPrintable(error));

        const QString unwritable = dir.filePath(u"no/such/dir/run.json"_s);
        QVERIFY(!RunFile::write(sampleRun(), unwritable, &error));
        QVERIFY2(error.startsWith(u"cannot write "_s + unwritable), qPrintable(error));

        const QString good = dir.filePath(u"good.json"_s);
        QVERIFY2(RunFile::write(sampleRun(), good, &error), qPrintable(error));
        QVERIFY2(RunFile::read(good, &error), qPrintable(error));
    }

    /// What cannot be a run file is refused before it fills memory: a device that never ends,
    /// binary data, a folder, a file over the size limit.
    void unboundedInputIsRefused()
    {
        QString error;
        QVERIFY(!RunFile::read(u"/dev/zero"_s, &error));
        QCOMPARE(error, u"/dev/zero: not a run file or a trace: it holds binary data, not JSON text"_s);
        QTemporaryDir dir;
        QVERIFY(!RunFile::read(dir.path(), &error));
        QCOMPARE(error, dir.path() + u": is a folder, not a run file or a trace"_s);
        const QString big = dir.filePath(u"big.json"_s);
        QVERIFY(saveFile(big, QByteArray(3 * 1024 * 1024, ' ').prepend('{'), &error));
        QVERIFY(!readJsonInput(big, &error, 2 * 1024 * 1024));
        QCOMPARE(error, big + u": too large to be a run file or a trace Coroscope can open (3 MiB; at most 2 MiB)"_s);
        // A stream has no size to check first: it is cut off while reading.
        QProcess yes;
        yes.start(u"sh"_s, {u"-c"_s, u"mkfifo %1/pipe && (echo '['; yes ' ') > %1/pipe"_s.arg(dir.path())});
        QTRY_VERIFY(QFile::exists(dir.filePath(u"pipe"_s)));
        QVERIFY(!readJsonInput(dir.filePath(u"pipe"_s), &error, 1024 * 1024));
        QVERIFY2(error.endsWith(u"too large to be a run file or a trace Coroscope can open (over 1 MiB)"_s), qPrintable(error));
        yes.kill();
        yes.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_runfile.moc"
