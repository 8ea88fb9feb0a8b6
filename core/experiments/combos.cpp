// SPDX-License-Identifier: MIT
// combo-blocking-blocking, combo-mixed, combo-async-async: each task GETs, then queries with
// what it got — with blocking or async clients (seed 000 §4, CASE 1–3: 12 s / 9 s / 6 s).

#include "experiment.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "pg/pgconnection.h"
#include "pg/postgres.h"
#include "prerequisites.h"
#include "runcontext.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

enum class Style
{
    Blocking,
    Async
};

struct ComboSpec
{
    QString id;
    QString title;
    QString seed;
    QString summary;
    QString expectation;
    int idealD;
    // Per task: how it does HTTP and how it queries.
    Style http[2];
    Style db[2];
};

class Combo final : public PostgresExperiment
{
public:
    explicit Combo(const ComboSpec &spec)
        : PostgresExperiment({
            .id = spec.id,
            .title = spec.title,
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Combinations")),
            .seed = spec.seed,
            .summary = spec.summary,
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Two tasks, each calls GET /?delay=D and then runs SELECT pg_sleep(D) with the "
                "result — the seed's call_api2_xy(). Whatever is blocking holds the event loop's thread "
                "for its whole duration, so it overlaps with nothing; whatever is async suspends and "
                "lets the other task run. The total is the blocking time plus what cannot overlap.")),
            .expectation = spec.expectation,
            .idealFormula = u"%1D"_s.arg(spec.idealD),
            .params = {delayParam(), urlParam()},
            .sourceFile = u"combos.cpp"_s,
        })
        , m_spec(spec)
    { }
    double idealSeconds(const Params &p) const override { return m_spec.idealD * p.number(u"delay"); }
    Expectation expectation(const Params &) const override
    {
        const bool anyBlocking = m_spec.http[0] == Style::Blocking || m_spec.db[0] == Style::Blocking
            || m_spec.http[1] == Style::Blocking || m_spec.db[1] == Style::Blocking;
        const bool allBlocking = m_spec.http[0] == Style::Blocking && m_spec.db[0] == Style::Blocking
            && m_spec.http[1] == Style::Blocking && m_spec.db[1] == Style::Blocking;
        return {.maxConcurrency = allBlocking ? 1 : 2, .loopBlocked = anyBlocking};
    }
    void prepare(const Params &p) const override
    {
        PostgresExperiment::prepare(p);
        prepareHttp(p);
    }
    QCoro::Task<> run(RunContext &ctx) const override;

private:
    ComboSpec m_spec;
};

// [coroscope-begin]
// call_api2_xy(): r1 = GET /?delay=D, then SELECT pg_sleep(D), each blocking or async.
QCoro::Task<> getThenQuery(RunContext &ctx, LaneId lane, QString dsn, Style http, Style db)
{
    const QUrl url = ctx.delayUrl(ctx.delay());
    if (http == Style::Blocking) {
        ctx.blockingGet(lane, url); // httpx.get(url): the loop's thread is held
    } else {
        co_await ctx.httpClient().get(url, ctx.trace(lane, {})); // await client.get(url)
    }
    const QStringList delay {QString::number(ctx.delay(), 'g', 10)};
    if (db == Style::Blocking) {
        PgBlockingConnection conn(ctx.token()); // with psycopg.connect(DSN) as conn
        conn.connect(dsn, ctx.trace(lane, {}));
        conn.query(u"SELECT pg_sleep($1)"_s, delay, ctx.trace(lane, {}));
    } else {
        PgConnection aconn(ctx.token()); // async with await AsyncConnection.connect(DSN) as aconn
        co_await aconn.connect(dsn, ctx.trace(lane, {}));
        co_await aconn.query(u"SELECT pg_sleep($1)"_s, delay, ctx.trace(lane, {}));
    }
}

QCoro::Task<> Combo::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const LaneId main = ctx.addTask(u"main"_s);
    // task_1 = create_task(...); task_2 = create_task(...); await task_1; await task_2
    QCoro::Task<> task1
        = getThenQuery(ctx, ctx.addTask(u"task 1 · GOOG"_s), dsn, m_spec.http[0], m_spec.db[0]);
    QCoro::Task<> task2
        = getThenQuery(ctx, ctx.addTask(u"task 2 · APPL"_s), dsn, m_spec.http[1], m_spec.db[1]);
    co_await ctx.await(main, u"await task 1"_s, task1);
    co_await ctx.await(main, u"await task 2"_s, task2);
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeComboBlockingBlocking()
{
    return std::make_unique<Combo>(ComboSpec {
        .id = u"combo-blocking-blocking"_s,
        .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "GET then query, both blocking, in two tasks")),
        .seed = u"000 §4 CASE 1 (httpx.sync + psycopg.sync)"_s,
        .summary = catalogText(QT_TRANSLATE_NOOP(
            "Experiments", "Blocking GET D then blocking query D, in two tasks: nothing overlaps, 4D.")),
        .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "The seed measured 12 s for D = 3 s. Four solid bars in a staircase, the loop frozen "
            "throughout. Were every step async, the run would take 2D (the dotted marker).")),
        .idealD = 4,
        .http = {Style::Blocking, Style::Blocking},
        .db = {Style::Blocking, Style::Blocking},
    });
}

std::unique_ptr<Experiment> makeComboMixed()
{
    return std::make_unique<Combo>(ComboSpec {
        .id = u"combo-mixed"_s,
        .title = catalogText(
            QT_TRANSLATE_NOOP("Experiments", "GET then query, one blocking and one async step per task")),
        .seed = u"000 §4 CASE 2 (task 1: httpx.sync + psycopg.async; task 2: httpx.async + psycopg.sync)"_s,
        .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "Task 1 blocks on its GET, task 2 on its query; only the async steps overlap: 3D.")),
        .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "The seed measured 9 s for D = 3 s. Task 1's async query overlaps task 2's async GET; "
            "the blocking GET and the blocking query each freeze the loop on their own. Task 1's query "
            "is answered at 2D but resumed only at 3D — hatched, with an arrow from task 2's blocking "
            "query that held the loop (+D). Were every step async, the run would take 2D (the dotted "
            "marker; combo-async-async).")),
        .idealD = 3,
        .http = {Style::Blocking, Style::Async},
        .db = {Style::Async, Style::Blocking},
    });
}

std::unique_ptr<Experiment> makeComboAsyncAsync()
{
    return std::make_unique<Combo>(ComboSpec {
        .id = u"combo-async-async"_s,
        .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "GET then query, both async, in two tasks")),
        .seed = u"000 §4 CASE 3 (httpx.async + psycopg.async)"_s,
        .summary = catalogText(QT_TRANSLATE_NOOP(
            "Experiments", "Async GET D then async query D in two tasks: the tasks overlap, 2D.")),
        .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "The seed measured 6 s for D = 3 s. Both tasks' GETs together, then both queries "
            "together; no stalls.")),
        .idealD = 2,
        .http = {Style::Async, Style::Async},
        .db = {Style::Async, Style::Async},
    });
}

} // namespace Coroscope
