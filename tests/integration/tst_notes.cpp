// SPDX-License-Identifier: MIT
// Notes, predictions and frames of a replay, end to end through the coroscope binary: notes
// round-trip through the run file and the Chrome trace and are drawn in every format; a note
// outside the run is refused with its range; --predict compares; render --until draws the run
// as it was.

#include "testutil.h"
#include "timeline/runfile.h"
#include "timeline/stats.h"

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

using Result = Test::CliResult;
using Test::coroscope;

} // namespace

class TestNotes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_run = m_dir.filePath(u"run.json"_s);
        const Result r = coroscope({u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.2"_s, u"--note"_s,
            u"0.1:half way \U0001F634"_s, u"--note"_s, u"0-150ms:both \x1b[31masleep"_s, u"--predict"_s, u"0.4"_s,
            u"--export"_s, m_run, u"--export"_s, m_dir.filePath(u"run.trace.json"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_stdout = r.out;
    }

    void notesAndThePredictionRoundTrip()
    {
        QString error;
        const auto run = RunFile::read(m_run, &error);
        QVERIFY2(run, qPrintable(error));
        // In time order; control characters gone.
        QCOMPARE(run->notes.size(), std::size_t(2));
        QVERIFY(run->notes[0] == (Note {0, 150'000'000, u"both [31masleep"_s}));
        QVERIFY(run->notes[1] == (Note {100'000'000, 100'000'000, u"half way \U0001F634"_s})); // the emoji kept
        QCOMPARE(run->predictedNs, qint64(400'000'000));
        // Through the Chrome trace (a notes track, read back as notes, not as a lane).
        const QString back = m_dir.filePath(u"back.json"_s);
        const Result r = coroscope({u"render"_s, m_dir.filePath(u"run.trace.json"_s), u"--export"_s, back});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto traced = RunFile::read(back, &error);
        QVERIFY2(traced, qPrintable(error));
        QVERIFY(traced->notes == run->notes);
        QCOMPARE(traced->predictedNs, run->predictedNs);
        QCOMPARE(traced->lanes.size(), run->lanes.size());
        for (const Lane &lane : traced->lanes) {
            QVERIFY(lane.name != u"notes");
        }
    }

    void predictionIsComparedInTheSummary()
    {
        QVERIFY2(m_stdout.contains(u"  predicted 0.4 s, measured 0.20"_s), qPrintable(m_stdout));
        // 0.4 s against about 0.2 s: "off by 1.9×" or "2.0×" as the run's overhead goes.
        QVERIFY2(QRegularExpression(u"— off by [12]\\.\\d× \\(it was faster\\)"_s).match(m_stdout).hasMatch(),
            qPrintable(m_stdout));
        const Result json = coroscope({u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.05"_s, u"--predict"_s,
            u"0.05"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject p = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"prediction"_s).toObject();
        QCOMPARE(p.value(u"predicted_s"_s).toDouble(), 0.05);
        QVERIFY(p.value(u"ratio"_s).toDouble() >= 1.0 && p.value(u"ratio"_s).toDouble() < 1.5);
    }

    // Which tasks will run at once: held against the run in the summary, the JSON, the run file,
    // the Chrome trace, the headline of every export and the text chart.
    void overlapPredictionIsHeldAgainstTheRun()
    {
        const QString file = m_dir.filePath(u"overlap.json"_s);
        const QString trace = m_dir.filePath(u"overlap.trace.json"_s);
        const QString svg = m_dir.filePath(u"overlap.svg"_s);
        const Result r = coroscope(
            {u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.05"_s, u"--predict-overlap"_s,
                u" 1 + 2 "_s, u"--export"_s, file, u"--export"_s, trace, u"--export"_s, svg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains(u"  predicted 1+2 at once — right: task 1 · GOOG and task 2 · APPL ran at once for 0.0"_s),
            qPrintable(r.out));
        QString error;
        const auto run = RunFile::read(file, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->predictedOverlap, u"1+2"_s);
        const QString back = m_dir.filePath(u"overlap-back.json"_s);
        QCOMPARE(coroscope({u"render"_s, trace, u"--export"_s, back}).exitCode, 0);
        QCOMPARE(RunFile::read(back, &error)->predictedOverlap, u"1+2"_s);
        QFile drawn(svg);
        QVERIFY(drawn.open(QIODevice::ReadOnly));
        QVERIFY(drawn.readAll().contains("predicted 1+2 at once — right: task 1 · GOOG and task 2 · APPL ran at once"));
        const Result text = coroscope({u"render"_s, file, u"--text"_s});
        QVERIFY2(text.out.contains(u"predicted 1+2 at once — right: task 1 · GOOG and task 2 · APPL"_s),
            qPrintable(text.out));

        // A wrong guess is said to be wrong, and why.
        const Result json = coroscope({u"run"_s, u"blocking-in-task"_s, u"--param"_s, u"delay=0.05"_s,
            u"--predict-overlap"_s, u"task 1+task 2"_s, u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject o
            = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"overlap_prediction"_s).toObject();
        QCOMPARE(o.value(u"predicted"_s).toString(), u"task 1+task 2"_s);
        QCOMPARE(o.value(u"right"_s).toBool(), false);
        QCOMPARE(o.value(u"text"_s).toString(),
            u"predicted task 1+task 2 at once — wrong: task 1 and task 2 never ran at once"_s);

        // A task the run does not have: the user's mistake, said on stderr with exit 2; the
        // run's file is written without it.
        const QString bad = m_dir.filePath(u"overlap-bad.json"_s);
        const Result missing = coroscope({u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.05"_s,
            u"--predict-overlap"_s, u"1+3"_s, u"--export"_s, bad});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(
            missing.err.contains(
                u"--predict-overlap '1+3': there is no task 3: this run has 2 tasks besides main (1–2)"_s),
            qPrintable(missing.err));
        const auto written = RunFile::read(bad, &error);
        QVERIFY2(written, qPrintable(error));
        QVERIFY(written->predictedOverlap.isEmpty());
    }

    void badNotesAndPredictionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("outside") << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"5:late"_s, u"--text"_s}
                                 << u"--note 'late': a note at 5.000 s is outside the run (0–0.2"_s;
        QTest::newRow("range outside")
            << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"0.1-9:long"_s, u"--text"_s}
            << u"a note at 0.100–9.000 s is outside the run"_s;
        QTest::newRow("backwards") << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"0.2-0.1:x"_s, u"--text"_s}
                                   << u"ends before it begins"_s;
        QTest::newRow("no text") << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"0.1: "_s, u"--text"_s}
                                 << u"a note needs some text"_s;
        QTest::newRow("no time") << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"just text"_s, u"--text"_s}
                                 << u"--note 'just text' is not TIME:TEXT or FROM-TO:TEXT"_s;
        QTest::newRow("bad time") << QStringList {u"render"_s, u"RUN"_s, u"--note"_s, u"soon:x"_s, u"--text"_s}
                                  << u"'soon' is not a time in seconds"_s;
        QTest::newRow("predict negative") << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--predict"_s, u"-1"_s}
                                          << u"--predict must be a positive number of seconds, got '-1'"_s;
        QTest::newRow("predict text") << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--predict"_s, u"soon"_s}
                                      << u"--predict must be a positive number of seconds, got 'soon'"_s;
        QTest::newRow("until after") << QStringList {u"render"_s, u"RUN"_s, u"--until"_s, u"9"_s, u"--text"_s}
                                     << u"--until 9.000 s is after the run's end (0–0.2"_s;
        QTest::newRow("until bad") << QStringList {u"render"_s, u"RUN"_s, u"--until"_s, u"later"_s, u"--text"_s}
                                   << u"--until must be a time in seconds"_s;
        QTest::newRow("until colon") << QStringList {u"render"_s, u"RUN"_s, u"--until"_s, u"1:2"_s, u"--text"_s}
                                     << u"--until must be a time in seconds"_s;
        QTest::newRow("predict too small")
            << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--predict"_s, u"1e-10"_s}
            << u"--predict must be a positive number of seconds, got '1e-10'"_s;
        QTest::newRow("overlap one task") << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--param"_s,
            u"delay=20"_s, u"--predict-overlap"_s,
            u"1"_s} << u"--predict-overlap '1': '1' names one task: a group that runs at once needs two or more"_s;
        QTest::newRow("overlap empty") << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--param"_s,
            u"delay=20"_s, u"--predict-overlap"_s,
            u""_s} << u"--predict-overlap '': say which tasks will run at once: 1+2, 1+2+3, none or all"_s;
        // Checked before the run, not after it.
        QTest::newRow("note text before the run")
            << QStringList {u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=20"_s, u"--note"_s, u"0.1:"_s}
            << u"a note needs some text"_s;
    }
    void badNotesAndPredictionsAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.replaceInStrings(u"RUN"_s, m_run);
        const Result r = coroscope(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void notesAreDrawnInEveryFormat()
    {
        const QString plain = m_dir.filePath(u"plain.json"_s);
        // The same run without its notes and prediction.
        QString error;
        auto run = RunFile::read(m_run, &error);
        QVERIFY(run);
        run->notes.clear();
        run->predictedNs = kUnknownTime;
        QVERIFY(RunFile::write(*run, plain, &error));
        for (const QString &suffix : {u"png"_s, u"svg"_s, u"pdf"_s}) {
            const QString with = m_dir.filePath(u"with."_s + suffix);
            const QString without = m_dir.filePath(u"without."_s + suffix);
            QCOMPARE(coroscope({u"render"_s, m_run, u"--export"_s, with}).exitCode, 0);
            QCOMPARE(coroscope({u"render"_s, plain, u"--export"_s, without}).exitCode, 0);
            QFile a(with);
            QFile b(without);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray drawn = a.readAll();
            QVERIFY2(drawn != b.readAll(), qPrintable(suffix));
            if (suffix == u"svg") {
                QVERIFY(drawn.contains("half way"));
                QVERIFY(drawn.contains("predicted 0.4 s"));
            }
        }
        // The PNG has the notes' colour where the instant's line is (light theme #9a6700).
        const QImage png(m_dir.filePath(u"with.png"_s));
        int noteColoured = 0;
        for (int y = 0; y < png.height(); ++y) {
            for (int x = 0; x < png.width(); ++x) {
                const QColor c = png.pixelColor(x, y);
                noteColoured += std::abs(c.red() - 0x9a) < 12 && std::abs(c.green() - 0x67) < 12 && c.blue() < 20;
            }
        }
        QVERIFY2(noteColoured > 100, qPrintable(QString::number(noteColoured)));
        // And the text chart.
        const Result text = coroscope({u"render"_s, m_run, u"--text"_s});
        QVERIFY(text.out.contains(u"note at 100.0 ms: half way"_s) || text.out.contains(u"note at 0.100 s: half way"_s));
        QVERIFY(text.out.contains(u"predicted 0.4 s"_s));
    }

    void untilDrawsTheRunAsItWas()
    {
        const QString frame = m_dir.filePath(u"frame.json"_s);
        const Result r = coroscope({u"render"_s, m_run, u"--until"_s, u"100ms"_s, u"--export"_s, frame, u"--export"_s,
            m_dir.filePath(u"frame.png"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString error;
        const auto at = RunFile::read(frame, &error);
        QVERIFY2(at, qPrintable(error));
        QCOMPARE(at->wallNs, qint64(100'000'000));
        // Both sleeps (0.2 s) are still going at 0.1 s: open.
        int sleeping = 0;
        for (const Span &s : at->spans) {
            QVERIFY(s.beginNs <= 100'000'000);
            sleeping += s.kind == SpanKind::Sleep && s.isOpen();
        }
        QCOMPARE(sleeping, 2);
        QCOMPARE(at->notes.size(), std::size_t(2)); // the range cut at 0.1 s
        QCOMPARE(at->notes[0].endNs, qint64(100'000'000));
        // The frame keeps the whole run's size; at the end it is the run itself.
        const QImage whole(m_dir.filePath(u"with.png"_s));
        QCOMPARE(QImage(m_dir.filePath(u"frame.png"_s)).width(), whole.width());
        // A sequence of frames has one size, the whole run's, and says where the playhead is.
        const QString wholePng = m_dir.filePath(u"whole.png"_s);
        QCOMPARE(coroscope({u"render"_s, m_run, u"--export"_s, wholePng}).exitCode, 0);
        for (const QString &t : {u"0"_s, u"50ms"_s, u"0.15"_s}) {
            const QString png = m_dir.filePath(u"frame-%1.png"_s.arg(t));
            const QString svg = m_dir.filePath(u"frame-%1.svg"_s.arg(t));
            const Result f = coroscope({u"render"_s, m_run, u"--until"_s, t, u"--export"_s, png, u"--export"_s, svg});
            QVERIFY2(f.exitCode == 0, qPrintable(f.err));
            QCOMPARE(QImage(png).size(), QImage(wholePng).size());
            QFile file(svg);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll().contains("replay at "), qPrintable(t));
        }
        const auto full = RunFile::read(m_run, &error);
        QVERIFY(full);
        const RunData same = snapshotAt(*full, full->wallNs);
        QCOMPARE(same.spans.size(), full->spans.size());
        QCOMPARE(same.wallNs, full->wallNs);
    }

private:
    QTemporaryDir m_dir;
    QString m_run;
    QString m_stdout;
};

QTEST_MAIN(TestNotes)
#include "tst_notes.moc"
