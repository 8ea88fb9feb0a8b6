// SPDX-License-Identifier: MIT
// The coroscope binary end to end: list, describe, run (text, JSON, export, repeat), exit
// codes, error messages, Ctrl+C.

#include "testutil.h"
#include "timeline/runfile.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

using Result = Test::CliResult;
using Test::coroscope;

} // namespace

using Args = QStringList;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The binary speaks the locale's language: these tests read its English.
        qputenv("COROSCOPE_LANG", "en");
        useFixtureCluster(); // exported to the coroscope processes started here
    }

    // The command line follows the locale: Korean under ko_KR, English otherwise; COROSCOPE_LANG wins.
    void followsTheLocale()
    {
        auto hangul = [](const QString &text) {
            return std::count_if(text.begin(), text.end(),
                [](QChar c) { return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3; });
        };
        QProcessEnvironment korean = QProcessEnvironment::systemEnvironment();
        korean.remove(u"COROSCOPE_LANG"_s);
        korean.remove(u"LANGUAGE"_s);
        korean.insert(u"LANG"_s, u"ko_KR.UTF-8"_s);
        korean.insert(u"LC_ALL"_s, u"ko_KR.UTF-8"_s);
        const Result ko = coroscope({u"describe"_s, u"tasks-concurrent"_s, u"--no-source"_s}, 30000, korean);
        QCOMPARE(ko.exitCode, 0);
        QVERIFY2(hangul(ko.out) > 50, qPrintable(ko.out));
        QVERIFY(ko.out.contains(u"tasks-concurrent"_s)); // ids stay as they are
        const Result koError = coroscope({u"run"_s, u"no-such-thing"_s}, 30000, korean);
        QCOMPARE(koError.exitCode, 2);
        QVERIFY2(
            hangul(koError.err) > 0 && koError.err.contains(u"no-such-thing"_s), qPrintable(koError.err));
        QProcessEnvironment english = korean;
        english.insert(u"COROSCOPE_LANG"_s, u"en"_s);
        const Result en = coroscope({u"describe"_s, u"tasks-concurrent"_s, u"--no-source"_s}, 30000, english);
        QCOMPARE(en.exitCode, 0);
        QCOMPARE(hangul(en.out), 0);
        QVERIFY(en.out.contains(u"What to expect"_s));
        QProcessEnvironment plain = korean;
        plain.insert(u"LANG"_s, u"C.UTF-8"_s);
        plain.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        const Result c = coroscope({u"describe"_s, u"tasks-concurrent"_s, u"--no-source"_s}, 30000, plain);
        QCOMPARE(hangul(c.out), 0);
    }

    // The desktop app, closed by SIGTERM (a session ending, `kill`), stops the private
    // PostgreSQL cluster it started and removes its folder — not at the next start.
    void desktopAppStopsItsClusterOnSigterm()
    {
        QTemporaryDir tmp;
        QTemporaryDir home;
        // As root the cluster runs as the postgres user, who must be able to enter the folder.
        QFile::setPermissions(tmp.path(),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                | QFile::ReadOther | QFile::ExeOther);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto *name :
            {"COROSCOPE_PG_DSN", "PGHOST", "PGPORT", "PGDATABASE", "PGSERVICE", "PGUSER"}) {
            env.remove(QString::fromLatin1(name));
        }
        env.insert(u"TMPDIR"_s, tmp.path());
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        if (env.contains(u"ASAN_OPTIONS"_s)) {
            // Full stacks, for the suppression of Qt Quick's own texture leak (tests/lsan.supp).
            env.insert(u"ASAN_OPTIONS"_s, env.value(u"ASAN_OPTIONS"_s) + u":fast_unwind_on_malloc=0"_s);
        }
        auto clusters = [&] {
            QStringList found;
            QDirIterator it(tmp.path(), {u"coroscope-pg-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
            while (it.hasNext()) {
                found.append(it.next());
            }
            return found;
        };
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(COROSCOPE_BIN), {});
        QVERIFY(app.waitForStarted());
        // The window starts the cluster in the background to show its status.
        QTRY_VERIFY_WITH_TIMEOUT(
            !clusters().isEmpty() && QFileInfo::exists(clusters().constFirst() + u"/data/postmaster.pid"_s),
            60000);
        QTest::qWait(300);
        ::kill(static_cast<pid_t>(app.processId()), SIGTERM);
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QVERIFY2(clusters().isEmpty(), qPrintable(clusters().join(u' ')));
    }

    void listShowsEveryExperiment()
    {
        const Result r = coroscope({u"list"_s});
        QCOMPARE(r.exitCode, 0);
        for (const auto *id : {"await-sequential", "tasks-concurrent", "gather", "blocking-in-task"}) {
            QVERIFY2(r.out.contains(QLatin1StringView(id)), id);
        }
        const Result j = coroscope({u"list"_s, u"--json"_s});
        QCOMPARE(j.exitCode, 0);
        const auto list = QJsonDocument::fromJson(j.out.toUtf8()).array();
        QVERIFY(list.size() >= 4);
        QVERIFY(list.at(0).toObject().contains(u"ideal"_s));
    }

    void describeShowsExplanationParamsAndSource()
    {
        const Result r = coroscope({u"describe"_s, u"tasks-concurrent"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"It took 3.0 second(s)"_s));
        QVERIFY(r.out.contains(u"delay = 1   (0.01–30 s)"_s));
        QVERIFY(r.out.contains(u"QCoro::Task<> TasksConcurrent::run(RunContext &ctx) const"_s));
    }

    void runReportsAndExportsARunFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"t.json"_s);
        const Result r
            = coroscope({u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.1"_s, u"--export"_s, file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"wrote "_s + file));
        QVERIFY(r.out.contains(u"wall "_s));
        QVERIFY(r.out.contains(u"as expected"_s));
        QString error;
        const auto run = RunFile::read(file, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->experiment, u"tasks-concurrent"_s);
        QCOMPARE(run->param(u"delay"_s).toDouble(), 0.1);
        QVERIFY(run->stats.wallS >= 0.1 && run->stats.wallS <= 0.1 + marginFor(0.1));
        QCOMPARE(run->stats.maxConcurrency, 2);
        QVERIFY(run->stats.totalStallS < freeLoopStallBound(0.1));
        QCOMPARE(run->env.qt, QString::fromLatin1(qVersion()));
    }

    void runExportsEveryFormatAndPrintsTheTextChart()
    {
        QTemporaryDir dir;
        QStringList args {u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.05"_s, u"--text"_s,
            u"--scale"_s, u"2"_s};
        const QStringList names {
            u"t.png"_s, u"t.svg"_s, u"t.pdf"_s, u"t.trace.json"_s, u"t.csv"_s, u"t.json"_s};
        for (const QString &n : names) {
            args << u"--export"_s << dir.filePath(n);
        }
        const Result r = coroscope(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString &n : names) {
            QVERIFY2(QFileInfo(dir.filePath(n)).size() > 100, qPrintable(n));
            QVERIFY(r.out.contains(u"wrote "_s + dir.filePath(n)));
        }
        QCOMPARE(QImage(dir.filePath(u"t.png"_s)).width(), 2400); // 1200 px at scale 2
        // The summary first, then the chart.
        QVERIFY(r.out.indexOf(u"verdict"_s) < r.out.indexOf(QChar(0x2592)));
        QVERIFY(r.out.contains(u"task 1 · GOOG"_s));
    }

    void renderRedrawsARunFileOrATrace()
    {
        QTemporaryDir dir;
        const QString runFile = dir.filePath(u"run.json"_s);
        const QString trace = dir.filePath(u"run.trace.json"_s);
        QCOMPARE(coroscope({u"run"_s, u"await-sequential"_s, u"--param"_s, u"delay=0.02"_s, u"--export"_s,
                               runFile, u"--export"_s, trace})
                     .exitCode,
            0);
        const Result fromRun = coroscope({u"render"_s, runFile, u"--export"_s, dir.filePath(u"a.png"_s),
            u"--theme"_s, u"dark"_s, u"--width"_s, u"800"_s});
        QVERIFY2(fromRun.exitCode == 0, qPrintable(fromRun.err));
        QCOMPARE(QImage(dir.filePath(u"a.png"_s)).width(), 800);
        const Result fromTrace
            = coroscope({u"render"_s, trace, u"--export"_s, dir.filePath(u"b.svg"_s), u"--text"_s});
        QVERIFY2(fromTrace.exitCode == 0, qPrintable(fromTrace.err));
        QVERIFY(fromTrace.out.contains(u"call 1 · GOOG"_s));
        QVERIFY(QFileInfo(dir.filePath(u"b.svg"_s)).size() > 1000);
    }

    void renderRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated_run") << QByteArray(R"({"format":"coroscope-run","version":1,"spans":[)")
                                       << u"the file looks truncated"_s;
        QTest::newRow("newer_run") << QByteArray(R"({"format":"coroscope-run","version":9})")
                                   << u"written by a newer Coroscope"_s;
        QTest::newRow("not_a_trace") << QByteArray(R"({"hello":"world"})") << u"not a Chrome trace"_s;
    }

    void renderRefusesBadInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"in.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const Result r = coroscope({u"render"_s, path, u"--export"_s, dir.filePath(u"x.png"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(path + u": "_s) && r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"x.png"_s)));
    }

    void jsonWithRepeatGivesMedianAndP95()
    {
        const Result r = coroscope({u"run"_s, u"await-sequential"_s, u"--param"_s, u"delay=0.05"_s,
            u"--repeat"_s, u"3"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"runs"_s).toArray().size(), 3);
        const double median = o.value(u"wall_s"_s).toObject().value(u"median"_s).toDouble();
        const double p95 = o.value(u"wall_s"_s).toObject().value(u"p95"_s).toDouble();
        QVERIFY(median >= 0.1 && median <= 0.1 + marginFor(0.1));
        QVERIFY(p95 >= median);
        QCOMPARE(o.value(u"ideal_s"_s).toDouble(), 0.1);
        QVERIFY(o.value(u"verdict"_s).toString().contains(u"no overlap"_s));
    }

    void badUsageExitsTwoAndNamesTheProblem_data()
    {
        QTest::addColumn<Args>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown_command") << Args {u"frobnicate"_s} << u"unknown command 'frobnicate'"_s;
        QTest::newRow("unknown_experiment") << Args {u"run"_s, u"bogus"_s} << u"unknown experiment 'bogus'"_s;
        QTest::newRow("suggests_close_id") << Args {u"run"_s, u"gather-x"_s} << u"Did you mean: gather?"_s;
        QTest::newRow("missing_id") << Args {u"run"_s} << u"run needs exactly one experiment id"_s;
        QTest::newRow("bad_delay") << Args {u"run"_s, u"gather"_s, u"--param"_s, u"delay=abc"_s}
                                   << u"parameter 'delay' must be a number in 0.01–30 s, got 'abc'"_s;
        QTest::newRow("delay_out_of_range") << Args {u"run"_s, u"gather"_s, u"--param"_s, u"delay=100"_s}
                                            << u"parameter 'delay' = 100 is out of range 0.01–30 s"_s;
        QTest::newRow("unknown_param") << Args {u"run"_s, u"gather"_s, u"--param"_s, u"speed=2"_s}
                                       << u"unknown parameter 'speed' for gather (it takes: delay, tasks)"_s;
        QTest::newRow("param_not_kv") << Args {u"run"_s, u"gather"_s, u"--param"_s, u"delay"_s}
                                      << u"--param 'delay' is not key=value"_s;
        QTest::newRow("bad_repeat") << Args {u"run"_s, u"gather"_s, u"--repeat"_s, u"0"_s}
                                    << u"--repeat must be a whole number in 1–1000, got '0'"_s;
        QTest::newRow("export_format") << Args {u"run"_s, u"gather"_s, u"--export"_s, u"/tmp/x.bmp"_s}
                                       << u"cannot export '/tmp/x.bmp': unsupported format '.bmp'"_s;
        QTest::newRow("export_dir")
            << Args {u"run"_s, u"gather"_s, u"--export"_s, u"/no/such/dir/x.json"_s}
            << u"cannot export '/no/such/dir/x.json': directory /no/such/dir does not exist"_s;
        QTest::newRow("describe_unknown")
            << Args {u"describe"_s, u"nope"_s} << u"unknown experiment 'nope'"_s;
        QTest::newRow("unknown_option")
            << Args {u"run"_s, u"gather"_s, u"--fast"_s} << u"Unknown option 'fast'"_s;
        QTest::newRow("bad_scale") << Args {u"run"_s, u"gather"_s, u"--scale"_s, u"9"_s}
                                   << u"--scale must be a number in 0.5–4, got '9'"_s;
        QTest::newRow("bad_theme") << Args {u"run"_s, u"gather"_s, u"--theme"_s, u"blue"_s}
                                   << u"--theme must be light or dark, got 'blue'"_s;
        QTest::newRow("bad_width") << Args {u"run"_s, u"gather"_s, u"--width"_s, u"10"_s}
                                   << u"--width must be a number of pixels in 400–10000, got '10'"_s;
        QTest::newRow("render_nothing_to_do") << Args {u"render"_s, u"/tmp/x.json"_s}
                                              << u"render needs --export FILE or --text: nothing to do"_s;
        QTest::newRow("render_missing_file")
            << Args {u"render"_s, u"/no/such/run.json"_s, u"--text"_s} << u"cannot open /no/such/run.json"_s;
    }

    void badUsageExitsTwoAndNamesTheProblem()
    {
        QFETCH(Args, args);
        QFETCH(QString, message);
        const Result r = coroscope(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(u"stderr: "_s + r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    }

    void serveAnswersUntilInterrupted()
    {
        QProcess p;
        p.start(QStringLiteral(COROSCOPE_BIN), {u"serve"_s, u"--port"_s, u"0"_s});
        QVERIFY(p.waitForStarted());
        QVERIFY(p.waitForReadyRead(5000));
        const QString banner = QString::fromUtf8(p.readLine());
        QVERIFY2(banner.startsWith(u"Delay server listening on http://127.0.0.1:"_s), qPrintable(banner));
        const QUrl url(banner.section(u' ', 4, 4));
        QVERIFY(url.port() > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        QVERIFY(socket.waitForConnected(2000));
        QElapsedTimer t;
        t.start();
        socket.write("GET /?delay=0.2 HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        while (!answer.contains("answered_steady_ns") && t.elapsed() < 5000) {
            if (socket.waitForReadyRead(100)) {
                answer += socket.readAll();
            }
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(t.elapsed() >= 200);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(u"stopped: 1 answered"_s));
    }

    void servePortInUseFailsNamingIt()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        const Result r = coroscope({u"serve"_s, u"--port"_s, QString::number(taken.serverPort())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(u"cannot listen on 127.0.0.1:%1"_s.arg(taken.serverPort())), qPrintable(r.err));
    }

    void interruptCancelsAndKeepsPartialRun()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"partial.json"_s);
        QProcess p;
        p.start(QStringLiteral(COROSCOPE_BIN),
            {u"run"_s, u"blocking-in-task"_s, u"--param"_s, u"delay=10"_s, u"--export"_s, file});
        QVERIFY(p.waitForStarted());
        QTest::qWait(500);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(5000), "Ctrl+C must stop a blocking run at once");
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"blocking-in-task was cancelled"_s), qPrintable(err));
        QString error;
        const auto run = RunFile::read(file, &error);
        QVERIFY2(run, qPrintable(error));
        QVERIFY(run->status == RunStatus::Cancelled);
        QVERIFY(run->stats.cancelled >= 1);
        // Partial: cut short long before its 20 s (under ASan start-up alone can take 0.4 s).
        QVERIFY2(
            run->stats.wallS > 0.05 && run->stats.wallS < 3, qPrintable(QString::number(run->stats.wallS)));
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
