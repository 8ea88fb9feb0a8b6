// SPDX-License-Identifier: MIT
// Tracing real Python asyncio programs (Debian's /usr/bin/python3, the seeds' runnable code in
// resources/seeds) with the same structural assertions as the C++ experiments: overlap where
// expected, loop stalls of at least 0.9 D for blocking calls, the blame on the blocking call,
// task names as lanes; and the failure paths: a traceback, no asyncio, no interpreter, a
// tracer of another version, Stop.

#include "http/delayserver.h"
#include "python/pythontrace.h"
#include "testutil.h"
#include "timeline/analysis.h"

#include <QElapsedTimer>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

constexpr double D = 0.2;
const QString kPython = u"/usr/bin/python3"_s;

QString seed(const QString &id)
{
    return QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/seeds/") + id + u".py"_s;
}

PythonProgram program(const QStringList &target, const QStringList &args = {})
{
    PythonProgram p;
    p.interpreter = kPython;
    p.target = target;
    p.arguments = args;
    p.environment.append({u"COROSCOPE_DELAY"_s, QString::number(D)});
    return p;
}

struct Traced
{
    RunData run;
    QStringList out;
    QStringList err;
};

Traced trace(PythonProgram p)
{
    Traced t;
    PythonTracer tracer;
    QObject::connect(&tracer, &PythonTracer::output, &tracer,
        [&t](const QString &line, bool isError) { (isError ? t.err : t.out).append(line); });
    t.run = tracer.runAndWait(p);
    return t;
}

std::vector<const Span *> spansOn(const RunData &run, const QString &lanePrefix, SpanKind kind)
{
    std::vector<const Span *> out;
    for (const Span &s : run.spans) {
        if (run.lanes.at(s.lane).name.startsWith(lanePrefix) && s.kind == kind) {
            out.push_back(&s);
        }
    }
    return out;
}

double seconds(const Span &s)
{
    return static_cast<double>(s.durationNs()) / 1e9;
}

bool overlaps(const Span &a, const Span &b)
{
    return a.beginNs < b.endNs && b.beginNs < a.endNs;
}

int lanesNamed(const RunData &run, const QString &part)
{
    int n = 0;
    for (const Lane &l : run.lanes) {
        n += l.name.contains(part) ? 1 : 0;
    }
    return n;
}

QString dump(const RunData &run)
{
    QString text = u"status %1 error '%2' wall %3\n"_s.arg(toString(run.status), run.error).arg(run.stats.wallS);
    for (const Span &s : run.spans) {
        text += u"  %1 | %2 %3 %4–%5 ready %6 %7\n"_s.arg(run.lanes.at(s.lane).name, toString(s.kind), run.str(s.name))
                    .arg(static_cast<double>(s.beginNs) / 1e9, 0, 'f', 3)
                    .arg(static_cast<double>(s.endNs) / 1e9, 0, 'f', 3)
                    .arg(static_cast<double>(s.readyNs) / 1e9, 0, 'f', 3)
                    .arg(toString(s.status));
    }
    return text;
}

bool importable(const QString &module)
{
    return QProcess::execute(kPython, {u"-c"_s, u"import "_s + module}) == 0;
}

} // namespace

class TstTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(kPython).isExecutable(), "Debian's /usr/bin/python3 is needed (apt install python3)");
        QVERIFY2(!pythonTracerPath().isEmpty(), "python/coroscope_tracer.py not found");
    }

    void parsesCommandLines()
    {
        QString error;
        auto p = parsePythonCommand({u"python3"_s, u"-u"_s, u"-X"_s, u"dev"_s, u"app.py"_s, u"-v"_s, u"x"_s}, &error);
        QVERIFY(p);
        QCOMPARE(p->interpreter, u"python3"_s);
        QCOMPARE(p->options, (QStringList {u"-u"_s, u"-X"_s, u"dev"_s}));
        QCOMPARE(p->target, QStringList {u"app.py"_s});
        QCOMPARE(p->arguments, (QStringList {u"-v"_s, u"x"_s}));
        p = parsePythonCommand({u"/usr/bin/python3.11"_s, u"-m"_s, u"http.server"_s, u"0"_s}, &error);
        QVERIFY(p);
        QCOMPARE(p->target, (QStringList {u"-m"_s, u"http.server"_s}));
        QCOMPARE(p->shortName(), u"-m http.server"_s);
        p = parsePythonCommand({u"app.py"_s, u"3"_s}, &error);
        QVERIFY(p);
        QCOMPARE(p->interpreter, u"python3"_s);
        QVERIFY(!parsePythonCommand({u"node"_s, u"app.js"_s}, &error));
        QVERIFY2(error.contains(u"'node' is not a Python interpreter"), qPrintable(error));
        QVERIFY(!parsePythonCommand({u"python3"_s, u"-u"_s}, &error));
        QVERIFY2(error.contains(u"no script to trace"), qPrintable(error));
        QVERIFY(!parsePythonCommand({u"python3"_s, u"-"_s}, &error));
        QVERIFY(!parsePythonCommand({}, &error));
    }

    void sequentialAwaits()
    {
        const Traced t = trace(program({seed(u"await-sequential"_s)}));
        const RunData &run = t.run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        const auto sleeps = spansOn(run, u"Task-1 · main"_s, SpanKind::Sleep);
        QCOMPARE(sleeps.size(), 2u);
        QVERIFY(!overlaps(*sleeps[0], *sleeps[1]));
        QCOMPARE(run.str(sleeps[0]->name), u"asyncio.sleep(%1)"_s.arg(D));
        QVERIFY2(run.stats.wallS >= 1.9 * D && run.stats.wallS < 2 * D + 0.25, qPrintable(dump(run)));
        QVERIFY2(run.stats.totalStallS < Test::freeLoopStallBound(D), qPrintable(dump(run)));
        QVERIFY(t.out.contains(u"Get stock price of GOOG..."_s));
        // print() lines are marks on the task that printed.
        const bool marked = std::any_of(run.marks.begin(), run.marks.end(),
            [&run](const Mark &m) { return run.str(m.name) == u"Get stock price of APPL..."; });
        QVERIFY(marked);
    }

    void createTaskOverlaps()
    {
        const RunData run = trace(program({seed(u"tasks-concurrent"_s)})).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        QCOMPARE(lanesNamed(run, u"call_api"_s), 2);
        const auto sleeps = spansOn(run, u"Task-"_s, SpanKind::Sleep);
        QCOMPARE(sleeps.size(), 2u);
        QVERIFY(overlaps(*sleeps[0], *sleeps[1]));
        QCOMPARE(run.stats.maxConcurrency, 2);
        QVERIFY2(run.stats.wallS < D + 0.2, qPrintable(dump(run)));
    }

    void blockingSleepInATask()
    {
        const RunData run = trace(program({seed(u"blocking-in-task"_s)})).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        // time.sleep holds the loop: two holding steps, one after the other, each ≥ 0.9 D.
        std::vector<const Span *> held;
        for (const Span &s : run.spans) {
            if (run.lanes.at(s.lane).kind == LaneKind::Task && s.holdsThread() && seconds(s) >= 0.9 * D) {
                held.push_back(&s);
            }
        }
        QVERIFY2(held.size() == 2, qPrintable(dump(run)));
        QVERIFY(!overlaps(*held[0], *held[1]));
        QVERIFY(held[0]->lane != held[1]->lane);
        QCOMPARE(run.str(held[0]->name), u"time.sleep(delay)"_s);
        QVERIFY2(run.str(held[0]->detail).contains(u"blocking-in-task.py:13 in call_api_blocking"),
            qPrintable(run.str(held[0]->detail)));
        QVERIFY(held[0]->kind == SpanKind::Blocking); // as the C++ experiment's time.sleep
        // The loop lane stalled as long, and the blame names the blocking call.
        QVERIFY2(run.stats.totalStallS >= 1.8 * D, qPrintable(dump(run)));
        QVERIFY(!run.blame.empty());
        const Blame &b = run.blame.front();
        QVERIFY2(Analysis::describeStep(run, b.culprit).contains(u"time.sleep(delay)"),
            qPrintable(Analysis::blameSentence(run, b.culprit, b.victim)));
        QVERIFY(static_cast<double>(b.delayNs) / 1e9 >= 0.9 * D);
        QVERIFY(run.stats.maxConcurrency == 1);
        // Sequential in fact; with the blocking steps made async, both at once.
        QVERIFY2(run.stats.idealAllAsyncS < 1.2 * D && run.stats.madeAsync == 2, qPrintable(dump(run)));
    }

    void gatherReturnExceptions()
    {
        const Traced t = trace(program({seed(u"gather-exceptions"_s)}, {u"values"_s}));
        const RunData &run = t.run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        QCOMPARE(lanesNamed(run, u"call_api"_s), 3);
        const auto failed = std::find_if(run.spans.begin(), run.spans.end(),
            [](const Span &s) { return s.status == SpanStatus::Error; });
        QVERIFY(failed != run.spans.end());
        QCOMPARE(run.str(failed->name), u"raised APIError: API failed"_s);
        QVERIFY(run.lanes.at(failed->lane).name.contains(u"call_api_failed"));
        QVERIFY(t.out.contains(u"100 200 API failed"_s));
        QCOMPARE(run.stats.maxConcurrency, 3);
        QVERIFY2(run.stats.wallS >= 1.9 * D && run.stats.wallS < 2 * D + 0.25, qPrintable(dump(run)));

        // fail-fast: gather raises, the program exits 1 with its traceback; the partial timeline stays.
        const Traced fast = trace(program({seed(u"gather-exceptions"_s)}, {u"fail-fast"_s}));
        QVERIFY2(fast.run.status == RunStatus::Failed, qPrintable(dump(fast.run)));
        QVERIFY2(fast.run.error.contains(u"exited with status 1: APIError: API failed"), qPrintable(fast.run.error));
        QVERIFY(fast.err.join(u'\n').contains(u"Traceback (most recent call last)"));
        QVERIFY(!fast.err.join(u'\n').contains(u"coroscope_tracer.py")); // the tracer's frames left out
        QVERIFY(lanesNamed(fast.run, u"call_api"_s) == 3);
    }

    void asCompletedOverlapsAll()
    {
        const RunData run = trace(program({seed(u"as-completed"_s)})).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        QCOMPARE(spansOn(run, u"Task-"_s, SpanKind::Sleep).size(), 5u);
        QCOMPARE(run.stats.maxConcurrency, 5);
        QVERIFY(run.stats.wallS < 4 * D + 0.3);
    }

    void runInExecutor()
    {
        const RunData run = trace(program({seed(u"offload-to-pool"_s)})).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        const auto jobs = spansOn(run, u"pool thread · "_s, SpanKind::Blocking);
        QVERIFY2(jobs.size() == 3, qPrintable(dump(run)));
        QVERIFY(overlaps(*jobs[0], *jobs[1]) && overlaps(*jobs[1], *jobs[2]));
        QCOMPARE(run.str(jobs[0]->name), u"sleep"_s);
        const auto waits = spansOn(run, u"Task-"_s, SpanKind::Wait);
        const int executorWaits = static_cast<int>(std::count_if(waits.begin(), waits.end(),
            [&run](const Span *s) { return run.str(s->name) == u"run_in_executor(sleep)"; }));
        QCOMPARE(executorWaits, 3);
        QVERIFY2(run.stats.wallS >= 2.9 * D && run.stats.wallS < 3 * D + 0.25, qPrintable(dump(run)));
        QVERIFY2(run.stats.totalStallS < Test::freeLoopStallBound(D), qPrintable(dump(run)));
    }

    void httpxSyncVersusAsync()
    {
        QVERIFY2(importable(u"httpx"_s), "python3-httpx is needed (test.sh installs it)");
        QString error;
        DelayServer &server = DelayServer::embedded(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto p = program({seed(u"http-blocking-x2"_s)});
        p.environment.append({u"COROSCOPE_HTTP_URL"_s, server.url().toString()});
        const RunData sync = trace(p).run;
        QVERIFY2(sync.status == RunStatus::Ok, qPrintable(dump(sync)));
        const auto blocking = spansOn(sync, u"Task-"_s, SpanKind::Http);
        QVERIFY2(blocking.size() == 2 && blocking[0]->blocking && !overlaps(*blocking[0], *blocking[1]),
            qPrintable(dump(sync)));
        QVERIFY(sync.str(blocking[0]->name).startsWith(u"GET "_s + server.url().toString()));
        QVERIFY(seconds(*blocking[0]) >= 0.9 * D && seconds(*blocking[1]) >= 0.9 * D);
        QVERIFY(sync.stats.totalStallS >= 1.8 * D);
        QVERIFY(!sync.blame.empty());
        QVERIFY(Analysis::describeStep(sync, sync.blame.front().culprit).contains(u"blocking GET "));

        // The embedded server given by the tracer: the requests as it saw them, on the run's server lane.
        p.target = {seed(u"http-async-x2"_s)};
        p.environment.removeLast();
        p.withDelayServer = true;
        const RunData async = trace(p).run;
        const auto served = spansOn(async, u"delay server"_s, SpanKind::Http);
        QVERIFY2(served.size() == 2 && overlaps(*served[0], *served[1]), qPrintable(dump(async)));
        QVERIFY2(async.str(served[0]->name).startsWith(u"GET /?delay="_s), qPrintable(async.str(served[0]->name)));
        QVERIFY2(async.status == RunStatus::Ok, qPrintable(dump(async)));
        const auto requests = spansOn(async, u"Task-"_s, SpanKind::Http);
        std::vector<const Span *> suspended;
        for (const Span *s : requests) {
            if (!s->holdsThread() && seconds(*s) >= 0.9 * D) {
                suspended.push_back(s);
            }
        }
        QVERIFY2(suspended.size() == 2 && overlaps(*suspended[0], *suspended[1]), qPrintable(dump(async)));
        QVERIFY(async.str(suspended[0]->name).startsWith(u"GET http://127.0.0.1:"));
        // The two GETs waited together (most of D), so the program took less time — by how
        // much also depends on making each httpx.AsyncClient (its TLS context: 0.12 s of CPU on
        // the loop under ASan), which the chart shows as the tasks' own steps.
        const qint64 together = std::min(suspended[0]->endNs, suspended[1]->endNs)
            - std::max(suspended[0]->beginNs, suspended[1]->beginNs);
        QVERIFY2(together >= static_cast<qint64>(0.8 * D * 1e9), qPrintable(dump(async)));
        QVERIFY2(async.stats.wallS < sync.stats.wallS, qPrintable(dump(async)));
    }

    // A reply that waited for the loop must not look like a slow server: while one task holds
    // the loop, a timer that expires and a reply that arrives are ready when they were, not
    // when the loop got round to them (the watchdog polls the loop's sockets meanwhile).
    void readyTimesAreWhenThingsWereReadyNotWhenTheLoopSawThem()
    {
        QVERIFY(importable(u"httpx"_s));
        QTemporaryDir dir;
        QFile script(dir.filePath(u"held.py"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("import asyncio, os, time\n"
                     "import httpx\n"
                     "URL = os.environ['COROSCOPE_HTTP_URL']\n"
                     "D = float(os.environ['COROSCOPE_DELAY'])\n"
                     "async def sleeper():\n"
                     "    await asyncio.sleep(1.25 * D)\n"
                     "async def getter():\n"
                     "    async with httpx.AsyncClient() as c:\n"
                     "        await c.get(f'{URL}?delay={D}')\n"
                     "async def blocker():\n"
                     "    await asyncio.sleep(0.05)\n"
                     "    time.sleep(2 * D)\n"
                     "async def main():\n"
                     "    await asyncio.gather(sleeper(), getter(), blocker())\n"
                     "asyncio.run(main())\n");
        script.close();
        auto p = program({script.fileName()});
        p.withDelayServer = true;
        const RunData run = trace(p).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        const auto sleeps = spansOn(run, u"Task-2 · sleeper"_s, SpanKind::Sleep);
        QVERIFY2(sleeps.size() == 1, qPrintable(dump(run)));
        const Span &sleep = *sleeps[0];
        QVERIFY2(std::abs(static_cast<double>(sleep.readyNs - sleep.beginNs) / 1e9 - 1.25 * D) < 0.01, qPrintable(dump(run)));
        QVERIFY2(seconds(sleep) > 1.25 * D + 0.1, qPrintable(dump(run))); // resumed only once the loop was free
        const Span *reply = nullptr;
        for (const Span *s : spansOn(run, u"Task-3 · getter"_s, SpanKind::Http)) {
            if (!reply || s->durationNs() > reply->durationNs()) {
                reply = s;
            }
        }
        QVERIFY(reply);
        const auto served = spansOn(run, u"delay server"_s, SpanKind::Http);
        QVERIFY(served.size() == 1);
        // Ready within a watchdog period or two of the server's answer, long before its resumption.
        const double lag = static_cast<double>(reply->readyNs - served[0]->endNs) / 1e9;
        QVERIFY2(lag >= -0.001 && lag < 0.03, qPrintable(u"lag %1\n"_s.arg(lag) + dump(run)));
        QVERIFY(static_cast<double>(reply->endNs - reply->readyNs) / 1e9 > 0.5 * D);
        // Both are blamed on the blocking step.
        int onBlocker = 0;
        for (const Blame &b : run.blame) {
            onBlocker += run.lanes.at(run.spans[static_cast<std::size_t>(b.culprit)].lane).name.contains(u"blocker")
                && static_cast<double>(b.delayNs) / 1e9 > 0.4 * D;
        }
        QVERIFY2(onBlocker >= 2, qPrintable(dump(run)));
    }

    void psycopgSyncVersusAsync()
    {
        QVERIFY2(importable(u"psycopg"_s), "python3-psycopg is needed (test.sh installs it)");
        const QString dsn = Test::useFixtureCluster();
        if (dsn.isEmpty()) {
            QSKIP("no PostgreSQL fixture (run through ctest)");
        }
        auto p = program({seed(u"pg-blocking-x2"_s)});
        p.environment.append({u"COROSCOPE_PG_DSN"_s, dsn});
        const RunData sync = trace(p).run;
        QVERIFY2(sync.status == RunStatus::Ok, qPrintable(dump(sync)));
        std::vector<const Span *> queries;
        for (const Span *s : spansOn(sync, u"Task-"_s, SpanKind::Db)) {
            if (seconds(*s) >= 0.9 * D) {
                queries.push_back(s);
            }
        }
        QVERIFY2(queries.size() == 2 && queries[0]->blocking && !overlaps(*queries[0], *queries[1]), qPrintable(dump(sync)));
        QCOMPARE(sync.str(queries[0]->name), u"SELECT pg_sleep(%s)"_s);
        QVERIFY(sync.stats.totalStallS >= 1.8 * D);

        p.target = {seed(u"pg-async-x2"_s)};
        const RunData async = trace(p).run;
        QVERIFY2(async.status == RunStatus::Ok, qPrintable(dump(async)));
        queries.clear();
        for (const Span *s : spansOn(async, u"Task-"_s, SpanKind::Db)) {
            if (!s->holdsThread() && seconds(*s) >= 0.9 * D) {
                queries.push_back(s);
            }
        }
        QVERIFY2(queries.size() == 2 && overlaps(*queries[0], *queries[1]), qPrintable(dump(async)));
    }

    void comboMixedTellsTheSeedsStory()
    {
        QVERIFY(importable(u"httpx"_s) && importable(u"psycopg"_s));
        const QString dsn = Test::useFixtureCluster();
        if (dsn.isEmpty()) {
            QSKIP("no PostgreSQL fixture (run through ctest)");
        }
        QString error;
        DelayServer &server = DelayServer::embedded(&error);
        auto p = program({seed(u"combo-mixed"_s)});
        p.environment.append({u"COROSCOPE_HTTP_URL"_s, server.url().toString()});
        p.environment.append({u"COROSCOPE_PG_DSN"_s, dsn});
        const RunData run = trace(p).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        // task 1: a sync GET (holds the loop), then an async query; task 2: an async GET, then a
        // sync query (holds it): two stalls of about D, 3 D in all instead of 4 D.
        const auto onTask = [&run](const QString &coroutine, SpanKind kind, bool holding) {
            for (const Span &s : run.spans) {
                if (run.lanes.at(s.lane).name.endsWith(coroutine) && s.kind == kind && s.holdsThread() == holding
                    && seconds(s) >= 0.9 * D) {
                    return &s;
                }
            }
            return static_cast<const Span *>(nullptr);
        };
        const Span *syncGet = onTask(u"call_api2_12"_s, SpanKind::Http, true);
        const Span *asyncQuery = onTask(u"call_api2_12"_s, SpanKind::Db, false);
        const Span *asyncGet = onTask(u"call_api2_21"_s, SpanKind::Http, false);
        const Span *syncQuery = onTask(u"call_api2_21"_s, SpanKind::Db, true);
        QVERIFY2(syncGet && asyncQuery && asyncGet && syncQuery, qPrintable(dump(run)));
        QVERIFY(syncGet->endNs <= asyncGet->beginNs + 5'000'000); // task 2 could not start meanwhile
        QVERIFY(overlaps(*asyncQuery, *asyncGet));
        QVERIFY(run.stats.totalStallS >= 1.8 * D);
        QVERIFY2(run.stats.wallS >= 2.8 * D && run.stats.wallS < 3 * D + 0.4, qPrintable(dump(run)));
        QVERIFY(!run.blame.empty());
        QVERIFY(Analysis::describeStep(run, run.blame.front().culprit).contains(u"blocking GET"));
    }

    void threadsAreLanes()
    {
        QTemporaryDir dir;
        QFile script(dir.filePath(u"threads.py"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("import threading, time\n"
                     "def worker():\n"
                     "    time.sleep(0.2)\n"
                     "t = threading.Thread(target=worker)\n"
                     "t.start()\n"
                     "t.join()\n");
        script.close();
        const RunData run = trace(program({script.fileName()})).run;
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(dump(run)));
        const auto work = spansOn(run, u"thread · Thread-1"_s, SpanKind::Blocking);
        QVERIFY2(work.size() == 1 && seconds(*work[0]) >= 0.18, qPrintable(dump(run)));
        QCOMPARE(run.str(work[0]->name), u"worker"_s);
        // No asyncio: its main lane says so.
        QVERIFY(std::any_of(run.spans.begin(), run.spans.end(),
            [&run](const Span &s) { return run.str(s.name) == u"no asyncio event loop ran"; }));
    }

    // The tracer changes nothing the program does (the review found each of these broken):
    // a ThreadPoolExecutor left open still lets it exit; an exception out of a plain callback is
    // reported by asyncio and the program goes on; a task's unretrieved exception is still
    // reported; a loop run in another thread is sampled on that thread; a forked child running
    // asyncio neither hangs nor pollutes the stream; sys.exit(False) is status 0.
    void programsBehaveAsUntraced()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &code) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(code);
            return f.fileName();
        };
        const QString pool = write(u"pool.py"_s,
            "import asyncio, time\n"
            "from concurrent.futures import ThreadPoolExecutor\n"
            "pool = ThreadPoolExecutor(2)\n"
            "async def main():\n"
            "    await asyncio.get_running_loop().run_in_executor(pool, time.sleep, 0.05)\n"
            "asyncio.run(main())\n");
        QElapsedTimer timer;
        timer.start();
        Traced t = trace(program({pool}));
        QVERIFY2(t.run.status == RunStatus::Ok && timer.elapsed() < 5000, qPrintable(dump(t.run)));

        const QString callback = write(u"callback.py"_s,
            "import asyncio, sys\n"
            "async def never():\n"
            "    await asyncio.sleep(10)\n"
            "async def fails():\n"
            "    raise ValueError('dropped')\n"
            "async def main():\n"
            "    t = asyncio.ensure_future(never())\n"
            "    asyncio.get_running_loop().call_soon(t.result)\n"
            "    asyncio.ensure_future(fails())\n"
            "    await asyncio.sleep(0.05)\n"
            "    t.cancel()\n"
            "    print('still running')\n"
            "asyncio.run(main())\n"
            "import gc; gc.collect()\n"
            "sys.exit(False)\n");
        t = trace(program({callback}));
        const QString err = t.err.join(u'\n');
        QVERIFY2(t.run.status == RunStatus::Ok, qPrintable(dump(t.run) + err));
        QVERIFY(t.out.contains(u"still running"_s));
        QVERIFY2(err.contains(u"Exception in callback"_s) && err.contains(u"InvalidStateError"_s), qPrintable(err));
        QVERIFY2(err.contains(u"Task exception was never retrieved"_s), qPrintable(err));

        const QString thread = write(u"thread.py"_s,
            "import asyncio, threading, time\n"
            "async def hold():\n"
            "    time.sleep(0.3)\n"
            "loop = asyncio.new_event_loop()\n"
            "t = threading.Thread(target=lambda: loop.run_until_complete(hold()), name='worker')\n"
            "t.start()\n"
            "t.join()\n"
            "loop.close()\n");
        t = trace(program({thread}));
        QVERIFY2(t.run.status == RunStatus::Ok, qPrintable(dump(t.run)));
        const auto stalls = spansOn(t.run, u"event loop (worker)"_s, SpanKind::Stall);
        QVERIFY2(stalls.size() == 1 && t.run.str(stalls[0]->detail).contains(u"time.sleep(0.3)"_s),
            qPrintable(dump(t.run)));

        const QString fork = write(u"fork.py"_s,
            "import asyncio, os\n"
            "async def work():\n"
            "    for _ in range(200):\n"
            "        await asyncio.sleep(0)\n"
            "pid = os.fork()\n"
            "asyncio.run(work())\n"
            "if pid == 0:\n"
            "    os._exit(0)\n"
            "os.waitpid(pid, 0)\n");
        timer.restart();
        t = trace(program({fork}));
        QVERIFY2(t.run.status == RunStatus::Ok && timer.elapsed() < 5000, qPrintable(dump(t.run)));
        QCOMPARE(lanesNamed(t.run, u"work"_s), 1); // the parent's task only
        QVERIFY(std::any_of(t.run.marks.begin(), t.run.marks.end(),
            [&t](const Mark &m) { return t.run.str(m.name) == u"fork()"; }));
    }

    void badInput()
    {
        auto p = program({seed(u"await-sequential"_s)});
        p.interpreter = u"python-that-is-not-installed"_s;
        RunData run = trace(p).run;
        QVERIFY(run.status == RunStatus::Failed);
        QVERIFY2(run.error.contains(u"cannot start 'python-that-is-not-installed'")
                && run.error.contains(u"apt install python3"),
            qPrintable(run.error));
        QVERIFY(!run.spans.empty() && run.spans.front().status == SpanStatus::Error); // a red span

        run = trace(program({u"/nonexistent/app.py"_s})).run;
        QVERIFY(run.status == RunStatus::Failed);
        QVERIFY2(run.error.contains(u"cannot trace '/nonexistent/app.py': no such file"), qPrintable(run.error));

        // A tracer speaking another protocol is refused, naming both versions.
        QTemporaryDir dir;
        QFile fake(dir.filePath(u"coroscope_tracer.py"_s));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("import os, socket, time\n"
                   "s = socket.socket(socket.AF_UNIX); s.connect(os.environ['COROSCOPE_TRACE_SOCKET'])\n"
                   "s.sendall(b'H\\t99\\t1\\t3.11.2\\t0\\n'); time.sleep(5)\n");
        fake.close();
        qputenv("COROSCOPE_TRACER", fake.fileName().toUtf8());
        QElapsedTimer timer;
        timer.start();
        run = trace(program({seed(u"await-sequential"_s)})).run;
        qunsetenv("COROSCOPE_TRACER");
        QVERIFY(run.status == RunStatus::Failed);
        QVERIFY2(run.error.contains(u"the tracer speaks protocol 99, this Coroscope reads protocol 1"),
            qPrintable(run.error));
        QVERIFY(timer.elapsed() < 3000); // not waiting for it
    }

    void stopEndsTheProcessGroup()
    {
        QTemporaryDir dir;
        QFile script(dir.filePath(u"forever.py"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("import asyncio, subprocess, signal\n"
                     "signal.signal(signal.SIGINT, signal.SIG_IGN)\n" // a program that ignores Ctrl+C
                     "child = subprocess.Popen(['sleep', '1000'])\n"
                     "print(child.pid, flush=True)\n"
                     "async def main():\n"
                     "    await asyncio.sleep(1000)\n"
                     "asyncio.run(main())\n");
        script.close();
        PythonTracer tracer;
        qint64 child = 0;
        QObject::connect(&tracer, &PythonTracer::output, &tracer, [&child](const QString &line, bool isError) {
            if (!isError && child == 0) {
                child = line.toLongLong();
            }
        });
        QVERIFY(tracer.start(program({script.fileName()})));
        QTRY_VERIFY_WITH_TIMEOUT(child > 0, 5000);
        QTest::qWait(300);
        QVERIFY(::kill(static_cast<pid_t>(child), 0) == 0);
        QElapsedTimer timer;
        timer.start();
        bool done = false;
        QObject::connect(&tracer, &PythonTracer::finished, &tracer, [&done] { done = true; });
        tracer.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(done, 2000);
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        const RunData &run = tracer.lastRun();
        QVERIFY(run.status == RunStatus::Cancelled);
        // The partial timeline: the sleep it was in, ended as cancelled.
        const auto sleeps = spansOn(run, u"Task-1"_s, SpanKind::Sleep);
        QVERIFY2(sleeps.size() == 1 && sleeps[0]->status == SpanStatus::Cancelled, qPrintable(dump(run)));
        // The child is gone too (dead: a zombie until init reaps it, or reaped already).
        const auto alive = [child] {
            QFile stat(u"/proc/%1/stat"_s.arg(child));
            if (!stat.open(QIODevice::ReadOnly)) {
                return false;
            }
            const QByteArray text = stat.readAll();
            const qsizetype close = text.lastIndexOf(')');
            return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
        };
        QTRY_VERIFY_WITH_TIMEOUT(!alive(), 1000);
    }

    void commandLine()
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_LANG"_s, u"en"_s);
        env.insert(u"COROSCOPE_DELAY"_s, QString::number(D));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(COROSCOPE_BIN), {u"trace"_s, u"--"_s, u"node"_s, u"app.js"_s});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.readAllStandardError().contains("'node' is not a Python interpreter"));

        QTemporaryDir dir;
        const QString png = dir.filePath(u"b.png"_s);
        cli.start(QStringLiteral(COROSCOPE_BIN),
            {u"trace"_s, u"--export"_s, png, u"--"_s, kPython, seed(u"blocking-in-task"_s)});
        QVERIFY(cli.waitForFinished(20000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, qPrintable(out + QString::fromUtf8(cli.readAllStandardError())));
        QVERIFY(out.contains(u"Get stock price of GOOG..."_s)); // the program's own output
        QVERIFY2(out.contains(u"delayed    Task-"_s) && out.contains(u"time.sleep(delay) held the loop"),
            qPrintable(out));
        QVERIFY(QImage(png).width() > 1000);

        cli.start(QStringLiteral(COROSCOPE_BIN),
            {u"trace"_s, u"--json"_s, u"--"_s, kPython, seed(u"gather-exceptions"_s), u"fail-fast"_s});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 1);
        const QByteArray json = cli.readAllStandardOutput();
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(cli.readAllStandardError().contains("Traceback"));
    }
};

QTEST_GUILESS_MAIN(TstTrace)
#include "tst_trace.moc"
