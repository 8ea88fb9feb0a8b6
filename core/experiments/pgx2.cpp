// SPDX-License-Identifier: MIT
// pg-blocking-x2 and pg-async-x2: two tasks each run SELECT pg_sleep(D) with a blocking and
// with an async connection (seed 000 §3, CASE 1 and CASE 2).

#include "experiment.h"
#include "pg/pgconnection.h"
#include "pg/postgres.h"
#include "prerequisites.h"
#include "runcontext.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class PgBlockingX2 final : public PostgresExperiment
{
public:
    PgBlockingX2()
        : PostgresExperiment({
            .id = u"pg-blocking-x2"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Two tasks, each a blocking query")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Postgres")),
            .seed = u"000 §3 CASE 1 (psycopg.connect().execute inside create_task)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks that connect and run SELECT pg_sleep(D) blocking: one after the other, 2D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task opens a blocking connection and runs SELECT pg_sleep(D) (psycopg's sync "
                "Connection in the seed; PQconnectdb and PQexecParams here). Both calls hold the event "
                "loop's thread until the server answers, so the second task only starts after the first "
                "has finished: tasks do not help with a blocking driver.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed measured 6 s for two 3 s queries. The chart shows solid connect and query bars "
                "one after the other and the event loop lane red throughout.")),
            .idealFormula = u"tasks × D"_s,
            .params = {delayParam(), tasksParam(2, 16), sqlParam()},
            .sourceFile = u"pgx2.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return p.integer(u"tasks") * p.number(u"delay"); }
    Expectation expectation(const Params &) const override
    {
        return {.maxConcurrency = 1, .loopBlocked = true};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

class PgAsyncX2 final : public PostgresExperiment
{
public:
    PgAsyncX2()
        : PostgresExperiment({
            .id = u"pg-async-x2"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Two tasks, each an async query")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Postgres")),
            .seed = u"000 §3 CASE 2 (psycopg.AsyncConnection inside create_task)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks that connect and await SELECT pg_sleep(D) asynchronously: overlapping, D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task opens an async connection and awaits SELECT pg_sleep(D) (psycopg's "
                "AsyncConnection in the seed; libpq in non-blocking mode driven by the Qt event loop "
                "here). Connecting and waiting for the result suspend the coroutine, so both sessions "
                "sleep on the server at the same time, each in its own backend.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed measured 3 s for two 3 s queries instead of 6. The chart shows the two query "
                "bars on top of each other (after a few milliseconds of connecting) and no stalls.")),
            .idealFormula = u"D"_s,
            .params = {delayParam(), tasksParam(2, 100), sqlParam()},
            .sourceFile = u"pgx2.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// CASE 1: with psycopg.connect(DSN) as conn: conn.execute(sql) — holds the loop's thread.
QCoro::Task<> queryBlocking(RunContext &ctx, LaneId lane, QString dsn, QString sql)
{
    PgBlockingConnection conn(ctx.token());
    conn.connect(dsn, ctx.trace(lane, {}));
    conn.query(sql, delayParams(sql, ctx.delay()), ctx.trace(lane, {}));
    co_return;
}

QCoro::Task<> PgBlockingX2::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const QString sql = ctx.params().text(u"sql");
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(
            queryBlocking(ctx, ctx.addTask(u"task %1"_s.arg(i + 1)), dsn, sql)); // blocks right here
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[i]);
    }
}

// CASE 2: async with await AsyncConnection.connect(DSN) as aconn: await aconn.execute(sql)
QCoro::Task<> queryAsync(RunContext &ctx, LaneId lane, QString dsn, QString sql)
{
    PgConnection conn(ctx.token());
    co_await conn.connect(dsn, ctx.trace(lane, {}));
    co_await conn.query(sql, delayParams(sql, ctx.delay()), ctx.trace(lane, {}));
}

QCoro::Task<> PgAsyncX2::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const QString sql = ctx.params().text(u"sql");
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(
            queryAsync(ctx, ctx.addTask(u"task %1"_s.arg(i + 1)), dsn, sql)); // suspended at connect
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[i]);
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makePgBlockingX2()
{
    return std::make_unique<PgBlockingX2>();
}

std::unique_ptr<Experiment> makePgAsyncX2()
{
    return std::make_unique<PgAsyncX2>();
}

} // namespace Coroscope
