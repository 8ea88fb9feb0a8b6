// SPDX-License-Identifier: MIT
// pg-two-queries-shared / -separate (seed 000 §3 CASE 3) and pg-scope-pitfall (seed 000 §3
// test6): two queries per task on one session or on two, and a session used after the scope
// that owns it has ended.

#include "async/gather.h"
#include "experiment.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "pg/pgconnection.h"
#include "pg/postgres.h"
#include "prerequisites.h"
#include "runcontext.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

const QString kSleepSql = u"SELECT pg_sleep($1)"_s;

class PgTwoQueries final : public PostgresExperiment
{
public:
    explicit PgTwoQueries(bool shared)
        : PostgresExperiment({
            .id = shared ? u"pg-two-queries-shared"_s : u"pg-two-queries-separate"_s,
            .title = shared
                ? catalogText(QT_TRANSLATE_NOOP("Experiments", "Two queries per task on one session"))
                : catalogText(QT_TRANSLATE_NOOP("Experiments", "Two queries per task, a session each")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Postgres")),
            .seed = u"000 §3 CASE 3 (실험1 / 실험2)"_s,
            .summary = shared ? catalogText(QT_TRANSLATE_NOOP(
                           "Experiments", "Each task runs two pg_sleep(D) on one async connection: 2D."))
                              : catalogText(QT_TRANSLATE_NOOP("Experiments",
                                  "Each task runs two pg_sleep(D), each on a connection of its own: 2D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Like pg-async-x2, but each task runs two queries one after the other — on one "
                "connection (`shared`), or opening a connection for each (`separate`). Within a task "
                "the second query waits for the first either way; across tasks everything overlaps. "
                "The seed found no difference: 6 s for 2 × 3 s per task, both ways. A session runs one "
                "query at a time, so what overlaps is the tasks, not the queries of one task.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Two tasks with two query bars each, the tasks side by side, 2D in all; with "
                "`separate`, a connect bar before each query.")),
            .idealFormula = u"2D"_s,
            .params = {delayParam(), tasksParam(2, 50)},
            .sourceFile = u"pgsessions.cpp"_s,
        })
        , m_shared(shared)
    { }
    double idealSeconds(const Params &p) const override { return 2 * p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;

private:
    bool m_shared;
};

class PgScopePitfall final : public PostgresExperiment
{
public:
    PgScopePitfall()
        : PostgresExperiment({
            .id = u"pg-scope-pitfall"_s,
            .title = catalogText(
                QT_TRANSLATE_NOOP("Experiments", "A session used after the scope that owns it has ended")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Postgres")),
            .seed = u"000 §3 test6 (gen_aconn with anext)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "GET D, then two queries on a session whose owning scope has already closed it.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed wanted a helper that connects and runs SET ROLE, and wrote it as an async "
                "generator: `async with aconn: await aconn.execute(SET ROLE ...); yield aconn`, fetched "
                "with anext(). The caller keeps the connection, but the generator owning the `async with` "
                "is dropped at once and finalised on the loop's next turn — which closes the connection "
                "as soon as it is idle. The first query (already running) completes; the second fails "
                "with 'the connection is closed'. Here the owning scope is a coroutine that hands out "
                "the session and closes it on the next turn, just like that. The fix (variant `fixed`): "
                "keep the connection inside one scope — the seed moved to a pool and a set_role callback "
                "run on each checkout.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "pitfall: the first query of each task completes, the second ends red with 'the "
                "connection is closed' and the run fails; fixed: GET, then two queries, 3D.")),
            .idealFormula = u"3D (fixed); pitfall fails"_s,
            .params = {delayParam(),
                ParamSpec {.key = u"variant"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Variant")),
                    .type = ParamType::Choice,
                    .defaultValue = u"pitfall"_s,
                    .choices = {u"pitfall"_s, u"fixed"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
                        "pitfall: the seed's generator; fixed: one scope owns the session."))}},
            .sourceFile = u"pgsessions.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return 3 * p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        if (p.text(u"variant") == u"pitfall") {
            return {.maxConcurrency = 2, .errors = true, .fails = u"the connection is closed"_s};
        }
        return {.maxConcurrency = 2};
    }
    void prepare(const Params &p) const override
    {
        PostgresExperiment::prepare(p);
        DelayServer::embedded(); // its GETs go to the embedded server
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// CASE 3: two queries per task — on one session (실험1) or a session each (실험2).
QCoro::Task<> twoQueries(RunContext &ctx, LaneId lane, QString dsn, bool shared)
{
    const QStringList delay {QString::number(ctx.delay(), 'g', 10)};
    if (shared) {
        PgConnection aconn(ctx.token()); // async with AsyncConnection.connect(DSN) as aconn:
        co_await aconn.connect(dsn, ctx.trace(lane, {}));
        co_await aconn.query(kSleepSql, delay, ctx.trace(lane, u"query 1"));
        co_await aconn.query(kSleepSql, delay, ctx.trace(lane, u"query 2"));
    } else {
        for (const QString &name : {u"query 1"_s, u"query 2"_s}) {
            PgConnection aconn(ctx.token());
            co_await aconn.connect(dsn, ctx.trace(lane, {}));
            co_await aconn.query(kSleepSql, delay, ctx.trace(lane, name));
        }
    }
}

QCoro::Task<> PgTwoQueries::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(twoQueries(ctx, ctx.addTask(u"task %1"_s.arg(i + 1)), dsn, m_shared));
    }
    co_await gather(std::move(tasks), ctx.trace(main, u"gather"));
}

// test6's gen_aconn(): the session belongs to this scope ("async with aconn: ... yield aconn").
// It hands the session out, and the scope ends on the loop's next turn (the generator is
// finalised) — closing the session as soon as it is idle.
QCoro::Task<PgConnection *> genAconn(RunContext &ctx, LaneId lane, QString dsn)
{
    auto aconn = std::make_shared<PgConnection>(ctx.token());
    ctx.keepAlive(aconn); // the object stays valid; what matters is that it gets closed
    co_await aconn->connect(dsn, ctx.trace(lane, {}));
    // SET ROLE {}: a role is an identifier, quoted with PQescapeIdentifier (sql.Identifier in the seed)
    co_await aconn->query(
        u"SET ROLE "_s + aconn->quoteIdentifier(u"tscraper"_s), {}, ctx.trace(lane, u"SET ROLE"));
    QTimer::singleShot(0, [aconn] { aconn->closeWhenIdle(); }); // the end of `async with`
    co_return aconn.get(); // yield aconn
}

// call_api3_db(): select current_user, session_user — then pg_sleep(D).
QCoro::Task<> callApi3Db(RunContext &ctx, LaneId lane, PgConnection *aconn, QString part)
{
    const QStringList delay {
        QString::number(ctx.delay(), 'g', 10)}; // named: g++ 12 and braced lists in co_await
    const PgResult users = co_await aconn->query(
        u"SELECT current_user, session_user, pg_sleep($1)"_s, delay, ctx.trace(lane, part));
    ctx.mark(lane, u"print"_s, u"users: "_s + users.rows.value(0).mid(0, 2).join(u", "_s));
}

QCoro::Task<> callApi33(RunContext &ctx, LaneId lane, QString dsn, bool fixed)
{
    co_await ctx.httpClient().get(
        ctx.delayUrl(ctx.delay()), ctx.trace(lane, {})); // r1 = await call_api2_nw()
    if (!fixed) {
        PgConnection *aconn = co_await genAconn(ctx, lane, dsn); // aconn = await anext(gen_aconn(...))
        co_await callApi3Db(ctx, lane, aconn, u"part 1"_s); // runs: it was busy when closed
        co_await callApi3Db(ctx, lane, aconn, u"part 2"_s); // "the connection is closed"
    } else {
        PgConnection aconn(ctx.token()); // the fix: one scope owns the session for both parts
        co_await aconn.connect(dsn, ctx.trace(lane, {}));
        co_await aconn.query(
            u"SET ROLE "_s + aconn.quoteIdentifier(u"tscraper"_s), {}, ctx.trace(lane, u"SET ROLE"));
        co_await callApi3Db(ctx, lane, &aconn, u"part 1"_s);
        co_await callApi3Db(ctx, lane, &aconn, u"part 2"_s);
    }
}

QCoro::Task<> PgScopePitfall::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const bool fixed = ctx.params().text(u"variant") == u"fixed";
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (const QString &name : {u"task 1 · GOOG"_s, u"task 2 · APPL"_s}) {
        tasks.push_back(callApi33(ctx, ctx.addTask(name), dsn, fixed));
    }
    co_await gather(std::move(tasks), ctx.trace(main, u"gather"));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makePgTwoQueriesShared()
{
    return std::make_unique<PgTwoQueries>(true);
}

std::unique_ptr<Experiment> makePgTwoQueriesSeparate()
{
    return std::make_unique<PgTwoQueries>(false);
}

std::unique_ptr<Experiment> makePgScopePitfall()
{
    return std::make_unique<PgScopePitfall>();
}

} // namespace Coroscope
