// SPDX-License-Identifier: MIT
// Every experiment, run for real on its own loop at a small delay: timing within bounds of the
// ideal, the overlap structure, and the loop lane's stalls. Plus the runner's contract:
// live batches, cancellation keeping the partial timeline, failures, leftovers.

#include "async/errors.h"
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/runcontext.h"
#include "experiments/runner.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "render/ganttmodel.h"
#include "testutil.h"
#include "timeline/analysis.h"
#include "timeline/stats.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSignalSpy>
#include <QTcpServer>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QTest>
#include <thread>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr double kDelay = 0.1;

Params paramsFor(const Experiment &e, const QList<std::pair<QString, QString>> &extra = {})
{
    QList<std::pair<QString, QString>> overrides {{u"delay"_s, QString::number(kDelay)}};
    overrides.append(extra);
    QString error;
    const auto params = e.resolveParams(overrides, &error);
    if (!params) {
        qFatal("%s", qPrintable(error));
    }
    return *params;
}

/// Work spans on task lanes, in lane order.
std::vector<Span> taskWork(const RunData &run)
{
    std::vector<Span> out;
    for (const Span &s : run.spans) {
        if (run.lanes.at(s.lane).kind == LaneKind::Task && isWorkKind(s.kind)) {
            out.push_back(s);
        }
    }
    std::sort(out.begin(), out.end(), [](const Span &a, const Span &b) { return a.beginNs < b.beginNs; });
    return out;
}

QString describe(const RunData &run)
{
    return u"%1: wall %2 s, ideal %3 s, max concurrency %4, stall %5 s, status %6 %7"_s.arg(run.experiment)
        .arg(run.stats.wallS)
        .arg(run.stats.idealS)
        .arg(run.stats.maxConcurrency)
        .arg(run.stats.totalStallS)
        .arg(toString(run.status), run.error);
}

/// A test-only experiment whose second step fails.
class FailingExperiment final : public Experiment
{
public:
    FailingExperiment()
        : Experiment({.id = u"test-failing"_s, .title = u"fails"_s, .params = {delayParam()}})
    { }
    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &) const override { return {}; }
    QCoro::Task<> run(RunContext &ctx) const override
    {
        const LaneId lane = ctx.addTask(u"task"_s);
        co_await ctx.sleep(lane, u"first"_s, ctx.delay());
        throw Error(u"the second step failed: connection is closed"_s);
    }
};

/// Leaves a task running when main returns (asyncio.run cancels such tasks).
class LeftoverExperiment final : public Experiment
{
public:
    LeftoverExperiment()
        : Experiment({.id = u"test-leftover"_s, .title = u"leaves a task"_s, .params = {delayParam()}})
    { }
    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &) const override { return {}; }
    QCoro::Task<> run(RunContext &ctx) const override
    {
        const LaneId slow = ctx.addTask(u"forgotten"_s);
        auto forgotten = ctx.sleep(slow, u"long sleep"_s, 20.0); // never awaited
        const LaneId lane = ctx.addTask(u"main"_s);
        co_await ctx.sleep(lane, u"short sleep"_s, ctx.delay());
    }
};

/// A bare HTTP server of one request on a thread of its own: it answers `delayMs` after the
/// request arrived, with nothing in the body that says when (unlike the delay server).
class SlowPlainServer
{
public:
    explicit SlowPlainServer(int delayMs)
    {
        m_listen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (bind(m_listen, reinterpret_cast<sockaddr *>(&addr), len) != 0 || listen(m_listen, 4) != 0
            || getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
            qFatal("cannot listen on 127.0.0.1");
        }
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this, delayMs] {
            const int c = accept(m_listen, nullptr, nullptr);
            if (c < 0) {
                return;
            }
            char buf[4096];
            QByteArray request;
            while (!request.contains("\r\n\r\n")) {
                const auto n = read(c, buf, sizeof buf);
                if (n <= 0) {
                    break;
                }
                request.append(buf, n);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
            const QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            [[maybe_unused]] const auto w = write(c, answer.constData(), static_cast<size_t>(answer.size()));
            close(c);
        });
    }
    ~SlowPlainServer()
    {
        shutdown(m_listen, SHUT_RDWR);
        m_thread.join();
        close(m_listen);
    }
    [[nodiscard]] QString url() const { return u"http://127.0.0.1:%1/"_s.arg(m_port); }

private:
    int m_listen = -1;
    quint16 m_port = 0;
    std::thread m_thread;
};

/// An async GET to the `url` parameter; once it is sent, the loop is held (time.sleep) for 2D.
class HeldLoopGet final : public Experiment
{
public:
    HeldLoopGet()
        : Experiment(
            {.id = u"test-held-loop-get"_s, .title = u"held loop"_s, .params = {delayParam(), urlParam()}})
    { }
    double idealSeconds(const Params &p) const override { return 2.5 * p.number(u"delay"); }
    Expectation expectation(const Params &) const override { return {}; }
    QCoro::Task<> run(RunContext &ctx) const override
    {
        const LaneId getter = ctx.addTask(u"getter"_s);
        const LaneId holder = ctx.addTask(u"holder"_s);
        QCoro::Task<HttpResponse> get = ctx.httpClient().get(ctx.httpBase(), ctx.trace(getter, {}));
        co_await ctx.sleep(holder, u"let it send"_s, ctx.delay() / 2);
        ctx.blockingSleep(holder, u"time.sleep"_s, 2 * ctx.delay());
        co_await get;
    }
};

} // namespace

class TestExperiments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The PostgreSQL experiments use the ctest fixture's private cluster when there is one
        // (otherwise they start a private cluster of their own).
        useFixtureCluster();
    }

    void timingAndStructure_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QStringList>("extra");
        for (const Experiment *e : Catalog::all()) {
            QTest::newRow(qPrintable(e->id())) << e->id() << QStringList {};
        }
        // Every variant too.
        QTest::newRow("say-after/sequential") << u"say-after"_s << QStringList {u"variant=sequential"_s};
        QTest::newRow("gather-exceptions/fail-fast")
            << u"gather-exceptions"_s << QStringList {u"mode=fail-fast"_s};
        QTest::newRow("offload-to-pool/pool=2") << u"offload-to-pool"_s << QStringList {u"pool=2"_s};
        QTest::newRow("offload-to-pool/pool=1") << u"offload-to-pool"_s << QStringList {u"pool=1"_s};
        QTest::newRow("cpu-bound/loop") << u"cpu-bound"_s << QStringList {u"mode=loop"_s};
        QTest::newRow("nested-event-loop/await") << u"nested-event-loop"_s << QStringList {u"mode=await"_s};
        QTest::newRow("tasks-concurrent/tasks=10") << u"tasks-concurrent"_s << QStringList {u"tasks=10"_s};
        QTest::newRow("pg-pool-saturation/pool=6") << u"pg-pool-saturation"_s << QStringList {u"pool=6"_s};
        QTest::newRow("pg-pool-saturation/timeout")
            << u"pg-pool-saturation"_s << QStringList {u"timeout=0.15"_s};
        QTest::newRow("pg-pool-pre-ping/off") << u"pg-pool-pre-ping"_s << QStringList {u"pre_ping=off"_s};
        QTest::newRow("pg-blocking-driver-offload/tasks=4")
            << u"pg-blocking-driver-offload"_s << QStringList {u"tasks=4"_s};
        QTest::newRow("pg-scope-pitfall/fixed") << u"pg-scope-pitfall"_s << QStringList {u"variant=fixed"_s};
    }

    void timingAndStructure()
    {
        QFETCH(QString, id);
        QFETCH(QStringList, extra);
        const Experiment *e = Catalog::find(id);
        QVERIFY(e);
        QList<std::pair<QString, QString>> overrides;
        for (const QString &kv : extra) {
            overrides.append({kv.section(u'=', 0, 0), kv.section(u'=', 1)});
        }
        const Params params = paramsFor(*e, overrides);
        const Expectation expected = e->expectation(params);
        Runner runner;
        const double ideal = e->idealSeconds(params);
        const double setup = id.startsWith(u"pg-pool-") ? 0.1 : 0.0;
        const double stallBound = freeLoopStallBound(kDelay);
        // The timing bounds are the machine's as much as the code's: a 2-core VM that loses its
        // CPU for 40-70 ms once in a while (seen in CI rehearsals: a 37 ms and a 66 ms stall in a
        // free loop) gets one more try. A real fault fails both.
        const auto timingHolds = [&](const RunData &r) {
            const bool stallOk = expected.loopBlocked ? r.stats.totalStallS >= 0.9 * kDelay
                                                      : r.stats.totalStallS < stallBound;
            return stallOk && r.stats.wallS <= ideal + setup + marginFor(ideal);
        };
        RunData run = runner.runAndWait(*e, params);
        if (expected.fails.isEmpty() && run.status == RunStatus::Ok && !timingHolds(run)) {
            qWarning("%s: timing out of bounds once (%s), running it again", qPrintable(id), qPrintable(describe(run)));
            run = runner.runAndWait(*e, params);
        }
        const QString what = describe(run);
        if (!expected.fails.isEmpty()) {
            // A failure is the lesson: it must be that failure, with the partial timeline.
            QVERIFY2(run.status == RunStatus::Failed && run.error.contains(expected.fails), qPrintable(what));
            QVERIFY(run.stats.errors >= 1);
            return;
        }
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(what));

        QCOMPARE(run.stats.idealS, ideal);
        QVERIFY2(run.stats.wallS >= ideal * (1 - expected.timingSlack) - 0.001, qPrintable(what));
        // pg-pool-pre-ping's ideal is D alone: the kill before the clock's tasks start (a
        // connect, the terminate, polling until the backend is gone) and the reconnect take
        // 60-80 ms here, more than the margin at D = 0.1 (the ideal-schedule work models them).
        // The pool experiments connect all their connections at once inside the clock (6
        // backends forking on 2 cores: ≈ 60-80 ms), which their ideal leaves out too.
        QVERIFY2(run.stats.wallS <= ideal + setup + marginFor(ideal), qPrintable(what));

        QCOMPARE(run.stats.maxConcurrency, expected.maxConcurrency);
        if (expected.loopBlocked) {
            QVERIFY2(run.stats.totalStallS >= 0.9 * kDelay, qPrintable(what));
        } else {
            // A blocked loop stalls ≥ 0.9 D; a free one may still lose its CPU for ~20 ms while
            // PostgreSQL forks backends on a 2-core machine (measured: up to 28 ms in 2 of 30
            // release runs of 8 concurrent connects; 80 ms for 6 under ASan).
            QVERIFY2(run.stats.totalStallS < stallBound, qPrintable(what));
        }
        // Every span closed (and ok unless failures are the lesson), times inside the run.
        for (const Span &s : run.spans) {
            QVERIFY(!s.isOpen());
            QVERIFY(expected.errors || s.status == SpanStatus::Ok);
            QVERIFY(s.beginNs >= 0);
            QVERIFY(s.endNs <= run.wallNs + 5'000'000);
        }
        QVERIFY(run.lanes.size() >= 2);
        QVERIFY(run.lanes.constFirst().kind == LaneKind::Loop);
    }

    void sequentialCallsFormAStaircase()
    {
        const Experiment *e = Catalog::find(u"await-sequential");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"tasks"_s, u"3"_s}}));
        const auto work = taskWork(run);
        QCOMPARE(work.size(), std::size_t(3));
        for (std::size_t i = 1; i < work.size(); ++i) {
            QVERIFY2(work[i].beginNs >= work[i - 1].endNs, "call i + 1 must start after call i ended");
            QVERIFY(work[i].lane != work[i - 1].lane);
        }
        QVERIFY(run.stats.wallS >= 0.3);
    }

    void concurrentTasksStartTogether()
    {
        const Experiment *e = Catalog::find(u"tasks-concurrent");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"tasks"_s, u"50"_s}}));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        const auto work = taskWork(run);
        QCOMPARE(work.size(), std::size_t(50));
        QVERIFY2(work.back().beginNs - work.front().beginNs < 20'000'000, "all timers armed within 20 ms");
        QCOMPARE(run.stats.maxConcurrency, 50);
        QVERIFY2(run.stats.wallS <= kDelay + marginFor(kDelay), qPrintable(describe(run)));
        // Each sleep knows when its timer was due; the loop resumed it within a few ms.
        for (const Span &s : work) {
            QCOMPARE(s.readyNs - s.beginNs, qint64(kDelay * 1e9));
            QVERIFY(s.endNs >= s.readyNs);
        }
    }

    void gatherReturnsResultsInSubmissionOrder()
    {
        const Experiment *e = Catalog::find(u"gather");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY(run.status == RunStatus::Ok);
        QStringList printed;
        for (const Mark &m : run.marks) {
            if (run.lanes.at(m.lane).name == u"main" && run.str(m.name) == u"print") {
                printed.append(run.str(m.detail));
            }
        }
        QCOMPARE(printed, QStringList {u"100 200 300"_s});
        // The calls end in order D, 2D, 3D.
        const auto work = taskWork(run);
        QCOMPARE(work.size(), std::size_t(3));
        QVERIFY(work[0].endNs < work[1].endNs && work[1].endNs < work[2].endNs);
    }

    void blockingTasksFreezeTheLoop()
    {
        const Experiment *e = Catalog::find(u"blocking-in-task");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        const auto work = taskWork(run);
        QCOMPARE(work.size(), std::size_t(2));
        QVERIFY(work[0].kind == SpanKind::Blocking);
        QVERIFY(work[1].beginNs >= work[0].endNs);
        // The loop lane has a stall covering both blocking calls.
        qint64 covered = 0;
        for (const Span &s : run.spans) {
            if (s.kind == SpanKind::Stall) {
                QVERIFY(run.lanes.at(s.lane).kind == LaneKind::Loop);
                covered += s.durationNs();
            }
        }
        QVERIFY2(covered >= qint64(2 * 0.9 * kDelay * 1e9), qPrintable(describe(run)));

        // As asyncio's create_task starts them, task 2 is ready from the start and waits D for
        // the loop task 1's sleep holds: blamed on it. Made async, both would take D at once.
        QVERIFY(!run.blame.empty());
        const Blame &top = run.blame.front();
        const Span &culprit = run.spans[static_cast<std::size_t>(top.culprit)];
        const Span &victim = run.spans[static_cast<std::size_t>(top.victim)];
        QCOMPARE(run.lanes.at(culprit.lane).name, u"task 1"_s);
        QVERIFY(culprit.kind == SpanKind::Blocking);
        QCOMPARE(run.lanes.at(victim.lane).name, u"task 2"_s);
        QCOMPARE(run.str(victim.name), u"scheduled by create_task"_s);
        QVERIFY2(std::abs(static_cast<double>(top.delayNs) / 1e9 - kDelay) < 0.01,
            qPrintable(u"blamed %1 s"_s.arg(static_cast<double>(top.delayNs) / 1e9)));
        QVERIFY2(std::abs(run.stats.idealScheduleS - 2 * kDelay) < 0.01, qPrintable(describe(run)));
        QVERIFY2(std::abs(run.stats.idealAllAsyncS - kDelay) < 0.01, qPrintable(describe(run)));
        QCOMPARE(run.stats.madeAsync, 2);

        // Started eagerly (QCoro's own way), task 2 is created only after task 1 returns:
        // nothing waits for the loop, nobody is blamed.
        const RunData eager = runner.runAndWait(*e, paramsFor(*e, {{u"start"_s, u"eager"_s}}));
        QVERIFY2(eager.status == RunStatus::Ok, qPrintable(describe(eager)));
        QVERIFY2(eager.blame.empty(), qPrintable(describe(eager)));
        const auto eagerWork = taskWork(eager);
        QCOMPARE(eagerWork.size(), std::size_t(2));
        for (const Lane &lane : eager.lanes) {
            if (lane.name == u"task 2") {
                QVERIFY2(lane.createdNs >= eagerWork[0].endNs, "created once task 1 has returned");
            }
        }
    }

    // Where nothing blocks, nothing is blamed, and each step is ready D after it began.
    void noBlameWithoutBlocking_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("timers") << u"tasks-concurrent"_s;
        QTest::newRow("http") << u"http-async-x2"_s;
        QTest::newRow("postgres") << u"pg-async-x2"_s;
    }

    void noBlameWithoutBlocking()
    {
        QFETCH(QString, id);
        if (id.startsWith(u"pg-") && useFixtureCluster().isEmpty()) {
            QSKIP("no PostgreSQL");
        }
        const Experiment *e = Catalog::find(id);
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        const qint64 fewMs = (kSanitized ? 10 : 5) * 1'000'000;
        for (const Blame &b : run.blame) {
            QVERIFY2(b.delayNs < fewMs, qPrintable(Analysis::blameSentence(run, b.culprit, b.victim)));
        }
        int steps = 0;
        for (const Span &s : run.spans) {
            if (run.lanes.at(s.lane).kind != LaneKind::Task
                || !(s.kind == SpanKind::Sleep || s.kind == SpanKind::Http || s.kind == SpanKind::Db)) {
                continue;
            }
            ++steps;
            QVERIFY2(s.readyNs != kUnknownTime, qPrintable(run.str(s.name)));
            const double took = static_cast<double>(s.readyNs - s.beginNs) / 1e9;
            QVERIFY2(std::abs(took - kDelay) < 0.01 + (kSanitized ? 0.01 : 0),
                qPrintable(u"%1 ready after %2 s"_s.arg(run.str(s.name)).arg(took)));
        }
        QVERIFY(steps >= 2);
        // Nothing to make async: the counterfactual is the ideal schedule, about D.
        QCOMPARE(run.stats.madeAsync, 0);
        // (PostgreSQL's connects are part of it: backends fork, on a loaded 2-core machine
        // slowly.)
        const double slack = id.startsWith(u"pg-") ? 0.1 : 0.03;
        QVERIFY2(std::abs(run.stats.idealScheduleS - kDelay) < slack, qPrintable(describe(run)));
    }

    void sayAfterSequentialArmsTheSecondTimerLate()
    {
        const Experiment *e = Catalog::find(u"say-after");
        Runner runner;
        const RunData seq = runner.runAndWait(*e, paramsFor(*e, {{u"variant"_s, u"sequential"_s}}));
        const RunData tasks = runner.runAndWait(*e, paramsFor(*e, {{u"variant"_s, u"tasks"_s}}));
        const auto s = taskWork(seq);
        const auto t = taskWork(tasks);
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(t.size(), std::size_t(2));
        QVERIFY(s[1].beginNs >= s[0].endNs); // world armed after hello fired
        QVERIFY(t[1].beginNs - t[0].beginNs < 5'000'000); // both armed at once
        QVERIFY(seq.stats.wallS > tasks.stats.wallS + 0.09); // 3u vs 2u
    }

    void gatherExceptionsValuesVersusFailFast()
    {
        const Experiment *e = Catalog::find(u"gather-exceptions");
        Runner runner;
        const RunData values = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"values"_s}}));
        QVERIFY(values.status == RunStatus::Ok);
        QCOMPARE(values.stats.errors, 1); // the failing call, red
        QCOMPARE(values.stats.cancelled, 0);
        QStringList printed;
        for (const Mark &m : values.marks) {
            if (values.lanes.at(m.lane).name == u"main") {
                printed.append(values.str(m.detail));
            }
        }
        QCOMPARE(printed, QStringList {u"100 200 APIError: API failed"_s});

        const RunData fast = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"fail-fast"_s}}));
        QVERIFY(fast.status == RunStatus::Ok);
        QVERIFY(fast.stats.wallS < 2 * kDelay - 0.02);
        QCOMPARE(fast.stats.errors, 2); // the failing call and main's gather
        QCOMPARE(fast.stats.cancelled, 1); // API 2, still running when main returned
        for (const Span &s : fast.spans) {
            if (s.status == SpanStatus::Error) {
                QVERIFY2(fast.str(s.detail).contains(u"API failed"_s), qPrintable(fast.str(s.detail)));
            }
        }
    }

    void asCompletedHandsOutShortestFirst()
    {
        const Experiment *e = Catalog::find(u"as-completed");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY(run.status == RunStatus::Ok);
        // main's next() waits end when the greeters end, in order of their delays.
        std::vector<qint64> greeterEnds;
        std::vector<qint64> nextEnds;
        for (const Span &s : run.spans) {
            (run.lanes.at(s.lane).name == u"main" ? nextEnds : greeterEnds).push_back(s.endNs);
        }
        std::sort(greeterEnds.begin(), greeterEnds.end());
        std::sort(nextEnds.begin(), nextEnds.end());
        QCOMPARE(nextEnds.size(), greeterEnds.size());
        for (std::size_t i = 0; i < nextEnds.size(); ++i) {
            QVERIFY2(nextEnds[i] >= greeterEnds[i] && nextEnds[i] - greeterEnds[i] < 5'000'000,
                "each result is handed out the moment its greeter is done");
        }
    }

    void fullPoolMakesTheThirdJobWait()
    {
        const Experiment *e = Catalog::find(u"offload-to-pool");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"pool"_s, u"2"_s}}));
        QVERIFY(run.status == RunStatus::Ok);
        qint64 queued = 0;
        int poolLanes = 0;
        for (const Lane &lane : run.lanes) {
            poolLanes += lane.kind == LaneKind::Pool;
        }
        QCOMPARE(poolLanes, 2);
        for (const Span &s : run.spans) {
            if (s.kind == SpanKind::Acquire) {
                queued = std::max(queued, s.durationNs());
            }
            if (s.kind == SpanKind::Blocking) {
                QVERIFY(run.lanes.at(s.lane).kind == LaneKind::Pool);
            }
        }
        QVERIFY2(queued >= qint64(0.9 * kDelay * 1e9), "job 3 waits for job 1's thread (1u)");
        QVERIFY2(run.stats.totalStallS < freeLoopStallBound(kDelay), qPrintable(describe(run)));
    }

    void cpuWorkRunsInParallelOnlyOnThePool()
    {
        const Experiment *e = Catalog::find(u"cpu-bound");
        Runner runner;
        const RunData loop = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"loop"_s}}));
        const RunData pool = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"pool"_s}}));
        QCOMPARE(loop.stats.maxConcurrency, 1);
        QVERIFY(loop.stats.totalStallS >= 0.9 * 4 * kDelay * 0.9);
        QVERIFY(pool.stats.maxConcurrency >= 2);
        QVERIFY2(pool.stats.wallS < loop.stats.wallS * 0.75, "two cores must beat one");
    }

    void nestedLoopHoldsTheOuterTask()
    {
        const Experiment *e = Catalog::find(u"nested-event-loop");
        Runner runner;
        for (const bool nested : {true, false}) {
            const RunData run
                = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, nested ? u"nested"_s : u"await"_s}}));
            QVERIFY(run.status == RunStatus::Ok);
            const Span *a = nullptr;
            for (const Span &s : run.spans) {
                if (run.lanes.at(s.lane).name.startsWith(u"task A"_s)) {
                    a = &s;
                }
            }
            QVERIFY(a);
            QVERIFY(a->readyNs != kUnknownTime);
            QVERIFY(std::abs(a->readyNs - a->beginNs - qint64(kDelay * 1e9)) < 2'000'000);
            const double endS = static_cast<double>(a->endNs) / 1e9;
            if (nested) {
                QVERIFY2(endS >= 2 * kDelay - 0.002, "A cannot return before B's nested loop does");
                QCOMPARE(run.blame.size(), std::size_t(1)); // B's nested loop, for D
                QVERIFY(run.lanes.at(run.spans[static_cast<std::size_t>(run.blame[0].culprit)].lane)
                            .name.startsWith(u"task B"_s));
                QVERIFY(std::abs(static_cast<double>(run.blame[0].delayNs) / 1e9 - kDelay) < 0.005);
            } else {
                QVERIFY2(endS < 1.5 * kDelay, "with co_await, A finishes at D");
                QVERIFY(run.blame.empty());
            }
            QVERIFY2(run.stats.totalStallS < freeLoopStallBound(kDelay), qPrintable(describe(run)));
        }
    }

    // Readiness is measured where the data arrives, not where the loop gets to it: an async
    // query whose answer comes while another task's blocking query holds the loop is ready at
    // 2D and resumed at 3D (combo-mixed, task 1) — not a query that took 2D.
    void readinessIsMeasuredWhileTheLoopIsHeld()
    {
        if (useFixtureCluster().isEmpty()) {
            QSKIP("no PostgreSQL");
        }
        const Experiment *e = Catalog::find(u"combo-mixed");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        const Span *query = nullptr;
        for (const Span &s : run.spans) {
            if (run.lanes.at(s.lane).name.startsWith(u"task 1"_s) && s.kind == SpanKind::Db) {
                query = &s;
            }
        }
        QVERIFY(query);
        QVERIFY(!query->blocking);
        QVERIFY(query->readyNs != kUnknownTime);
        const double began = static_cast<double>(query->beginNs) / 1e9;
        const double ready = static_cast<double>(query->readyNs) / 1e9;
        const double ended = static_cast<double>(query->endNs) / 1e9;
        const QString what = u"query %1 → ready %2 → resumed %3 s"_s.arg(began).arg(ready).arg(ended);
        QVERIFY2(std::abs(ready - began - kDelay) < 0.02 + (kSanitized ? 0.02 : 0), qPrintable(what));
        QVERIFY2(ended - ready >= 0.9 * kDelay, qPrintable(what));
        // …and the blame goes to task 2's blocking query, for about D.
        QVERIFY(!run.blame.empty());
        const Blame &top = run.blame.front();
        const Span &culprit = run.spans[static_cast<std::size_t>(top.culprit)];
        QCOMPARE(&run.spans[static_cast<std::size_t>(top.victim)], query);
        QVERIFY(run.lanes.at(culprit.lane).name.startsWith(u"task 2"_s));
        QVERIFY(culprit.blocking && culprit.kind == SpanKind::Db);
        QVERIFY2(std::abs(static_cast<double>(top.delayNs) / 1e9 - kDelay) < 0.02,
            qPrintable(u"blamed %1 s"_s.arg(static_cast<double>(top.delayNs) / 1e9)));
        // The ideal schedule keeps the structure (3D: the blocking query still holds the loop),
        // the all-async counterfactual does not (2D); both plus the connects.
        const double slack = 0.03 + (kSanitized ? 0.03 : 0);
        QVERIFY2(std::abs(run.stats.idealScheduleS - 3 * kDelay) < slack, qPrintable(describe(run)));
        QVERIFY2(std::abs(run.stats.idealAllAsyncS - 2 * kDelay) < slack, qPrintable(describe(run)));
        QCOMPARE(run.stats.madeAsync, 3);
        const auto q = static_cast<std::size_t>(query - run.spans.data());
        QVERIFY2(std::abs(static_cast<double>(run.ideal.endNs[q]) / 1e9 - 3 * kDelay) < slack,
            "ideally too, task 1's query resumes only when task 2's blocking query lets go");

        // HTTP to a server that says nothing about its timing: the same, from the socket.
        SlowPlainServer plain(static_cast<int>(kDelay * 1000));
        const HeldLoopGet held;
        const RunData heldRun = runner.runAndWait(held, paramsFor(held, {{u"url"_s, plain.url()}}));
        QVERIFY2(heldRun.status == RunStatus::Ok, qPrintable(describe(heldRun)));
        const Span *get = nullptr;
        for (const Span &s : heldRun.spans) {
            if (s.kind == SpanKind::Http) {
                get = &s;
            }
        }
        QVERIFY(get);
        QVERIFY(get->readyNs != kUnknownTime);
        const double getReady = static_cast<double>(get->readyNs - get->beginNs) / 1e9;
        const double getEnd = static_cast<double>(get->endNs - get->beginNs) / 1e9;
        QVERIFY2(std::abs(getReady - kDelay) < 0.02 + (kSanitized ? 0.02 : 0),
            qPrintable(u"answered after %1 s"_s.arg(getReady)));
        QVERIFY2(getEnd >= 2.4 * kDelay, qPrintable(u"resumed after %1 s"_s.arg(getEnd)));
    }

    void asyncHttpKeepsTheLoopFree()
    {
        const Experiment *e = Catalog::find(u"http-async-x2");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        QVERIFY2(run.stats.longestStallS < 0.005 * (kSanitized ? 2 : 1),
            qPrintable(u"the loop stalled %1 ms during async HTTP"_s.arg(run.stats.longestStallS * 1e3)));
        // Both requests on the server lane at once, answered after D.
        int serverSpans = 0;
        for (const Span &s : run.spans) {
            if (run.lanes.at(s.lane).kind == LaneKind::Server) {
                ++serverSpans;
                QVERIFY(s.durationNs() >= qint64(kDelay * 1e9) - 1'000'000);
            }
            if (s.kind == SpanKind::Http && run.lanes.at(s.lane).kind == LaneKind::Task) {
                QVERIFY(!s.blocking);
                QVERIFY(s.readyNs != kUnknownTime); // the server's answer time
            }
        }
        QCOMPARE(serverSpans, 2);
        QVERIFY(run.blame.empty()); // nothing held the loop
        // Two requests in flight on the server's lane: two sub-rows, not one bar over another.
        const GanttModel model(run);
        bool found = false;
        for (const GanttRow &row : model.rows()) {
            if (row.type == GanttRow::Type::Lane && row.laneKind == LaneKind::Server) {
                QCOMPARE(row.tracks, 2);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void blockingHttpFreezesTheLoopAndSerialisesTheServer()
    {
        const Experiment *e = Catalog::find(u"http-blocking-x2");
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        std::vector<Span> server;
        for (const Span &s : run.spans) {
            if (run.lanes.at(s.lane).kind == LaneKind::Server) {
                server.push_back(s);
            }
            if (s.kind == SpanKind::Http && run.lanes.at(s.lane).kind == LaneKind::Task) {
                QVERIFY(s.blocking);
            }
        }
        QCOMPARE(server.size(), std::size_t(2));
        std::sort(
            server.begin(), server.end(), [](const Span &a, const Span &b) { return a.beginNs < b.beginNs; });
        QVERIFY2(server[1].beginNs >= server[0].endNs,
            "the second request reaches the server after the first answer");
    }

    void fanoutGoesInWavesOfTheLimit()
    {
        const Experiment *e = Catalog::find(u"http-fanout");
        Runner runner;
        const RunData six = runner.runAndWait(*e, paramsFor(*e, {{u"n"_s, u"24"_s}, {u"limit"_s, u"6"_s}}));
        const RunData hundred
            = runner.runAndWait(*e, paramsFor(*e, {{u"n"_s, u"24"_s}, {u"limit"_s, u"100"_s}}));
        QVERIFY2(six.status == RunStatus::Ok, qPrintable(describe(six)));
        QCOMPARE(six.stats.maxConcurrency, 6);
        QCOMPARE(hundred.stats.maxConcurrency, 24);
        QVERIFY2(six.stats.wallS >= 4 * kDelay, qPrintable(describe(six))); // four waves
        QVERIFY2(hundred.stats.wallS < 2 * kDelay, qPrintable(describe(hundred))); // one wave
        // Waves: request starts cluster at 0, D, 2D, 3D.
        std::vector<qint64> starts;
        for (const Span &s : six.spans) {
            if (s.kind == SpanKind::Http && six.lanes.at(s.lane).kind == LaneKind::Task) {
                starts.push_back(s.beginNs);
            }
        }
        QCOMPARE(starts.size(), std::size_t(24));
        for (const qint64 t : starts) {
            const double waves = static_cast<double>(t) / (kDelay * 1e9);
            QVERIFY2(std::abs(waves - std::round(waves)) < (kSanitized ? 0.3 : 0.15),
                qPrintable(QString::number(waves)));
        }
    }

    void serialServerTakesNTimesLonger()
    {
        const Experiment *e = Catalog::find(u"server-serial-vs-async");
        Runner runner;
        const RunData serial = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"serial"_s}}));
        const RunData async = runner.runAndWait(*e, paramsFor(*e, {{u"mode"_s, u"async"_s}}));
        QVERIFY(serial.stats.wallS >= 4 * kDelay - 0.002);
        QVERIFY(async.stats.wallS < 2 * kDelay);
        bool serialLane = false;
        for (const Lane &l : serial.lanes) {
            serialLane |= l.kind == LaneKind::Server && l.name == u"serial server";
        }
        QVERIFY(serialLane);
    }

    void userUrlIsUsedAndBadUrlsAreRefused()
    {
        const Experiment *e = Catalog::find(u"http-async-x2");
        QString error;
        QVERIFY(!e->resolveParams({{u"url"_s, u"ftp://example.org"_s}}, &error));
        QCOMPARE(error, u"parameter 'url': 'ftp://example.org' is not an http:// or https:// URL"_s);
        // An endpoint of the user's own: here a second delay server, reached by URL.
        DelayServer own;
        QVERIFY(own.start({}, &error));
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"url"_s, own.url().toString()}}));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        QCOMPARE(own.stats().served, quint64(2));
        for (const Lane &l : run.lanes) {
            QVERIFY2(l.kind != LaneKind::Server, "no server lane for a server we do not run");
        }
    }

    void unreachableUrlFailsTheRunWithTheUrl()
    {
        const Experiment *e = Catalog::find(u"http-async-x2");
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        Runner runner;
        const RunData run
            = runner.runAndWait(*e, paramsFor(*e, {{u"url"_s, u"http://127.0.0.1:%1/"_s.arg(port)}}));
        QVERIFY(run.status == RunStatus::Failed);
        QVERIFY2(run.error.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(run.error));
        QVERIFY(run.stats.errors >= 1); // the red HTTP span
    }

    void asyncQueriesKeepTheLoopFreeAndAddNoThreads()
    {
        const Experiment *e = Catalog::find(u"pg-async-x2");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        auto threads = [] {
            QFile status(u"/proc/self/status"_s);
            status.open(QIODevice::ReadOnly);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("Threads:")) {
                    return line.mid(8).trimmed().toInt();
                }
            }
            return -1;
        };
        Runner runner;
        runner.runAndWait(*e, paramsFor(*e)); // warm-up: the cluster, the runner's first thread
        const int before = threads();
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"tasks"_s, u"8"_s}}));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        QCOMPARE(run.stats.maxConcurrency, 8);
        // Far from the D = 100 ms a blocking query holds it; not zero: 8 backends forking at
        // once on 2 cores can take the loop's CPU for 20-30 ms.
        QVERIFY2(run.stats.longestStallS < (kSanitized ? 0.8 : 0.3) * kDelay,
            qPrintable(u"the loop stalled %1 ms during async queries"_s.arg(run.stats.longestStallS * 1e3)));
        // The run's own thread may take a moment to leave /proc after it finished.
        QTRY_VERIFY2_WITH_TIMEOUT(threads() <= before, "async queries need no threads of their own", 3000);
        int connects = 0;
        for (const Span &s : run.spans) {
            connects += s.kind == SpanKind::Connect;
            QVERIFY(!s.blocking);
        }
        QCOMPARE(connects, 8);
    }

    void blockingQueriesHoldTheLoop()
    {
        const Experiment *e = Catalog::find(u"pg-blocking-x2");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        QVERIFY(run.stats.totalStallS >= 2 * 0.9 * kDelay);
        for (const Span &s : run.spans) {
            if (s.kind == SpanKind::Db || s.kind == SpanKind::Connect) {
                QVERIFY(s.blocking);
            }
        }
    }

    void badSqlFailsTheRunWithSqlstate()
    {
        const Experiment *e = Catalog::find(u"pg-async-x2");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"sql"_s, u"SELECT nope FROM nowhere"_s}}));
        QVERIFY(run.status == RunStatus::Failed);
        QVERIFY2(run.error.contains(u"SQLSTATE 42P01"_s), qPrintable(run.error));
        QVERIFY(run.stats.errors >= 1);
    }

    void poolSaturationGoesInWaves()
    {
        const Experiment *e = Catalog::find(u"pg-pool-saturation");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e, {{u"tasks"_s, u"6"_s}, {u"pool"_s, u"2"_s}}));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        std::vector<qint64> queryStarts;
        int waits = 0;
        QMap<LaneId, int> checkoutsPerConnection;
        for (const Span &s : run.spans) {
            const LaneKind lane = run.lanes.at(s.lane).kind;
            if (lane == LaneKind::Task && s.kind == SpanKind::Db) {
                queryStarts.push_back(s.beginNs);
            }
            waits += lane == LaneKind::Task && s.kind == SpanKind::Acquire;
            if (lane == LaneKind::Connection && s.kind == SpanKind::Checkout) {
                ++checkoutsPerConnection[s.lane];
            }
        }
        std::sort(queryStarts.begin(), queryStarts.end());
        QCOMPARE(queryStarts.size(), std::size_t(6));
        QCOMPARE(waits, 4); // tasks 3–6 waited for a connection
        QCOMPARE(checkoutsPerConnection.size(), 2);
        for (const int n : checkoutsPerConnection) {
            QCOMPARE(n, 3);
        }
        // Three waves of two, a delay apart.
        const qint64 d = static_cast<qint64>(kDelay * 1e9);
        for (std::size_t wave = 0; wave < 3; ++wave) {
            const qint64 a = queryStarts[2 * wave];
            const qint64 b = queryStarts[2 * wave + 1];
            // Together, not one after the other (the two connections may finish connecting
            // tens of milliseconds apart on a loaded 2-core machine: a CI run saw > d/4).
            QVERIFY2(b - a < d / 2,
                qPrintable(u"the two queries of wave %1 start %2 ms apart"_s.arg(wave).arg((b - a) / 1e6)));

            if (wave > 0) {
                // Each connection's next query starts when its previous one ends: compare the
                // firsts (the two connections of a wave may finish connecting ~20 ms apart).
                QVERIFY2(
                    a - queryStarts[2 * wave - 2] >= d * 9 / 10, "a wave starts when the previous one ends");
            }
        }
    }

    void poolSetRoleShowsTheRoleAndResetsIt()
    {
        const Experiment *e = Catalog::find(u"pg-pool-set-role");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        int prints = 0;
        for (const Mark &m : run.marks) {
            if (run.str(m.name) == u"print"_s) {
                ++prints;
                QCOMPARE(run.str(m.detail), u"current_user=tscraper, session_user=coroscope_app"_s);
            }
        }
        QCOMPARE(prints, 4); // two queries in each of two tasks
        int setups = 0;
        int resets = 0;
        for (const Span &s : run.spans) {
            const LaneKind lane = run.lanes.at(s.lane).kind;
            setups += lane == LaneKind::Task && s.kind == SpanKind::Setup
                && run.str(s.name).startsWith(u"SET ROLE"_s);
            resets += lane == LaneKind::Connection && s.kind == SpanKind::Setup
                && run.str(s.name) == u"RESET ROLE"_s;
        }
        QCOMPARE(setups, 2);
        QCOMPARE(resets, 2);
    }

    void prePingReplacesTheKilledConnectionWithoutAnError()
    {
        const Experiment *e = Catalog::find(u"pg-pool-pre-ping");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run = runner.runAndWait(*e, paramsFor(*e));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        for (const Span &s : run.spans) {
            QVERIFY2(s.status == SpanStatus::Ok, qPrintable(run.str(s.name) + u": "_s + run.str(s.detail)));
        }
        bool lost = false;
        bool summary = false;
        for (const Mark &m : run.marks) {
            lost |= run.str(m.name) == u"lost"_s && run.lanes.at(m.lane).kind == LaneKind::Connection;
            summary |= run.str(m.name) == u"pool"_s && run.str(m.detail).contains(u"lost 1"_s);
        }
        QVERIFY(lost);
        QVERIFY2(summary, "the pool counted one lost connection");
    }

    void offloadedDriverKeepsOneConnectionPerThread()
    {
        const Experiment *e = Catalog::find(u"pg-blocking-driver-offload");
        if (!e->unavailableReason().isEmpty()) {
            QSKIP(qPrintable(e->unavailableReason()));
        }
        Runner runner;
        const RunData run
            = runner.runAndWait(*e, paramsFor(*e, {{u"tasks"_s, u"4"_s}, {u"threads"_s, u"2"_s}}));
        QVERIFY2(run.status == RunStatus::Ok, qPrintable(describe(run)));
        int connects = 0;
        int queries = 0;
        for (const Span &s : run.spans) {
            const bool onPool = run.lanes.at(s.lane).kind == LaneKind::Pool;
            connects += s.kind == SpanKind::Connect;
            queries += s.kind == SpanKind::Db;
            if (s.kind == SpanKind::Connect || s.kind == SpanKind::Db) {
                QVERIFY2(onPool && s.blocking, "the blocking driver runs on the pool threads");
            }
        }
        QCOMPARE(connects, 2); // the second wave reuses each thread's connection
        QCOMPARE(queries, 4);
        QVERIFY2(run.stats.longestStallS < (kSanitized ? 0.8 : 0.3) * kDelay,
            "the loop stays free (blocking would stall it ≥ D)");
    }

    void liveBatchesArriveWhileRunning()
    {
        const Experiment *e = Catalog::find(u"await-sequential");
        Runner runner;
        runner.setLiveInterval(20);
        QList<SpanEvent> seen;
        int batchesBeforeEnd = 0;
        bool finished = false;
        connect(&runner, &Runner::spanEvents, this, [&](const QList<SpanEvent> &events) {
            seen.append(events);
            if (!finished) {
                ++batchesBeforeEnd;
            }
        });
        connect(&runner, &Runner::finished, this, [&] { finished = true; });
        QSignalSpy done(&runner, &Runner::finished);
        QString error;
        QVERIFY(runner.start(*e, paramsFor(*e, {{u"tasks"_s, u"3"_s}}), &error));
        QVERIFY(runner.isRunning());
        QVERIFY2(!runner.start(*e, paramsFor(*e), &error), "a second run must be refused while one is going");
        QVERIFY(error.contains(u"still going"_s));
        QVERIFY(done.wait(5000));
        QVERIFY2(batchesBeforeEnd >= 3, qPrintable(QString::number(batchesBeforeEnd)));
        // Every span began and ended exactly once, begin first.
        QHash<SpanId, int> state;
        for (const SpanEvent &ev : seen) {
            if (!ev.ended) {
                QVERIFY(!state.contains(ev.id));
                QVERIFY(ev.span.isOpen());
                state[ev.id] = 1;
            } else {
                QCOMPARE(state.value(ev.id), 1);
                state[ev.id] = 2;
            }
        }
        for (int s : std::as_const(state)) {
            QCOMPARE(s, 2);
        }
        QCOMPARE(state.size(), qsizetype(runner.lastRun().spans.size()));
    }

    void cancelKeepsPartialTimeline_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("awaiting_timers") << u"tasks-concurrent"_s;
        QTest::newRow("blocking_the_loop") << u"blocking-in-task"_s;
        QTest::newRow("gather") << u"gather"_s;
    }

    void cancelKeepsPartialTimeline()
    {
        QFETCH(QString, id);
        const Experiment *e = Catalog::find(id);
        QString error;
        const auto params = e->resolveParams({{u"delay"_s, u"10"_s}}, &error);
        Runner runner;
        QSignalSpy done(&runner, &Runner::finished);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runner.start(*e, *params, &error));
        QTest::qWait(200);
        runner.cancel();
        QVERIFY(done.wait(5000));
        QVERIFY2(timer.elapsed() < 1500, "cancel must stop a 10 s run at once");
        const RunData run = runner.lastRun();
        QVERIFY(run.status == RunStatus::Cancelled);
        QVERIFY(!run.error.isEmpty());
        QVERIFY2(run.stats.cancelled >= 1, qPrintable(describe(run)));
        // The run's clock starts when its thread is up, a little after start() returned.
        QVERIFY2(run.wallNs >= 100'000'000, qPrintable(describe(run)));
        for (const Span &s : run.spans) {
            QVERIFY(!s.isOpen());
            QVERIFY(s.endNs <= run.wallNs + 50'000'000);
        }
        // The partial work is there: something began before the cancel.
        QVERIFY(!taskWork(run).empty());
    }

    void failureIsReportedWithMessageAndKeepsSpans()
    {
        FailingExperiment e;
        Runner runner;
        const RunData run = runner.runAndWait(e, paramsFor(e));
        QVERIFY(run.status == RunStatus::Failed);
        QCOMPARE(run.error, u"the second step failed: connection is closed"_s);
        QCOMPARE(taskWork(run).size(), std::size_t(1));
        QVERIFY(run.stats.wallS >= kDelay);
        // The failure is on the timeline as a mark with its message.
        bool marked = false;
        for (const Mark &m : run.marks) {
            marked |= run.str(m.name) == u"run failed" && run.str(m.detail) == run.error;
        }
        QVERIFY(marked);
    }

    void leftoverTasksAreCancelledAtTheEnd()
    {
        LeftoverExperiment e;
        Runner runner;
        QElapsedTimer timer;
        timer.start();
        const RunData run = runner.runAndWait(e, paramsFor(e));
        QVERIFY2(timer.elapsed() < 2000, "a forgotten 20 s task must not hold the run");
        QVERIFY(run.status == RunStatus::Ok);
        QVERIFY(run.stats.wallS < kDelay + marginFor(kDelay));
        QCOMPARE(run.stats.cancelled, 1);
    }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
