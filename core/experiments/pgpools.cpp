// SPDX-License-Identifier: MIT
// The pool experiments: pg-pool-set-role (seed 000 §3, AsyncConnectionPool + set_role),
// pg-pool-saturation (M tasks over P connections), pg-pool-pre-ping (seed 001,
// pool_pre_ping) and pg-blocking-driver-offload (seed 001, a blocking driver on a thread pool
// with one connection per thread, like scoped_session).

#include "async/gather.h"
#include "async/offload.h"
#include "experiment.h"
#include "http/httpclient.h"
#include "pg/pgpool.h"
#include "pg/postgres.h"
#include "prerequisites.h"
#include "runcontext.h"

#include <QThread>

#include <cmath>
#include <map>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

ParamSpec poolSizeParam(int defaultSize, const QString &help)
{
    return ParamSpec {.key = u"pool"_s,
        .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pool size")),
        .type = ParamType::Integer,
        .defaultValue = defaultSize,
        .minimum = 1,
        .maximum = 50,
        .help = help};
}

QString poolSummary(const PgPool &pool)
{
    const PgPoolStats s = pool.stats();
    return u"size %1, created %2, lost %3, checkouts %4"_s.arg(s.size).arg(s.created).arg(s.lost).arg(
        s.checkouts);
}

class PgPoolSetRole final : public PostgresExperiment
{
public:
    PgPoolSetRole()
        : PostgresExperiment({
            .id = u"pg-pool-set-role"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "A pool whose checkouts run SET ROLE")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pools")),
            .seed = u"000 §3 (AsyncConnectionPool + set_role callback)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task: GET D, then two queries D on a pooled session set up with SET ROLE: 3D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Where the seed ended up after the scope pitfall: an AsyncConnectionPool and a set_role "
                "coroutine, run on every checkout, that does SET ROLE with the role quoted as an "
                "identifier (sql.Identifier in the seed; PQescapeIdentifier here — a role cannot be a "
                "bound parameter). Each task fetches a price (GET D), checks a connection out of the pool, "
                "and runs two queries of D on it: they see current_user = the role and session_user = the "
                "login role. When the connection goes back, the pool runs RESET ROLE — RESET ALL does not "
                "undo SET ROLE — so the next task does not inherit the role by accident. The pool's lanes "
                "show each connection: opened, checked out by which task, reset.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "3D for two tasks side by side (GET, then two queries each). The task lanes show connect "
                "(first checkout only), a purple SET ROLE setup bar, then the queries with a print of "
                "current_user and session_user; the pool lanes show the checkouts and RESET ROLE.")),
            .idealFormula = u"3D"_s,
            .params = {delayParam(), tasksParam(2, 50),
                ParamSpec {.key = u"role"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Role")),
                    .type = ParamType::Text,
                    .defaultValue = u"tscraper"_s,
                    .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
                        "The role each checkout switches to (the login role must be a member of it).")),
                    .validate =
                        [](const QString &t) {
                            return t.trimmed().isEmpty() ? u"the role is empty"_s : QString();
                        }},
                urlParam()},
            .sourceFile = u"pgpools.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return 3 * p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    void prepare(const Params &p) const override
    {
        PostgresExperiment::prepare(p);
        prepareHttp(p);
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

class PgPoolSaturation final : public PostgresExperiment
{
public:
    PgPoolSaturation()
        : PostgresExperiment({
            .id = u"pg-pool-saturation"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "More tasks than pooled connections")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pools")),
            .seed = u"pool behaviour (000 §3's AsyncConnectionPool, max_size)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "M tasks share a pool of P connections: they go in waves, D·⌈M/P⌉.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "M tasks each check a connection out and run one query of D, but the pool holds at most "
                "P connections. The first P tasks get one at once; the others wait in the pool's queue — a "
                "pink 'waiting for a connection' bar — until a connection comes back, so the queries go in "
                "waves of P. A pool bounds how much work reaches the database at once; the cost is "
                "latency for the tasks that queue. With an acquire timeout shorter than the queue, the "
                "last tasks give up with an error naming the pool and its size.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "With M = 6 and P = 2: three waves, 3D. Task lanes show waits growing by D per wave; the "
                "two pool lanes show back-to-back checkouts.")),
            .idealFormula = u"D × ⌈M / P⌉"_s,
            .params = {delayParam(),
                tasksParam(6, 200,
                    catalogText(QT_TRANSLATE_NOOP("Experiments", "M: tasks that each need a connection."))),
                poolSizeParam(
                    2, catalogText(QT_TRANSLATE_NOOP("Experiments", "P: connections the pool may open."))),
                ParamSpec {.key = u"timeout"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Acquire timeout")),
                    .type = ParamType::Number,
                    .defaultValue = 30.0,
                    .minimum = 0.01,
                    .maximum = 600,
                    .unit = u"s"_s,
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "How long a task waits for a connection before it fails."))},
                sqlParam()},
            .sourceFile = u"pgpools.cpp"_s,
        })
    { }
    static int waves(const Params &p)
    {
        return (p.integer(u"tasks") + p.integer(u"pool") - 1) / p.integer(u"pool");
    }
    /// Whether the last wave waits longer than the acquire timeout (with a margin either way).
    static bool timesOut(const Params &p)
    {
        return (waves(p) - 1) * p.number(u"delay") > p.number(u"timeout");
    }
    double idealSeconds(const Params &p) const override
    {
        if (timesOut(p)) {
            // The waves that make it within the timeout.
            const int served = static_cast<int>(std::floor(p.number(u"timeout") / p.number(u"delay"))) + 1;
            return std::min(waves(p), served) * p.number(u"delay");
        }
        return waves(p) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        Expectation e {.maxConcurrency = std::min(p.integer(u"tasks"), p.integer(u"pool"))};
        if (timesOut(p)) {
            e.errors = true;
            e.fails = u"no connection within"_s;
        }
        return e;
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

class PgPoolPrePing final : public PostgresExperiment
{
public:
    PgPoolPrePing()
        : PostgresExperiment({
            .id = u"pg-pool-pre-ping"_s,
            .title = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "A pooled connection killed on the server; pre-ping replaces it")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pools")),
            .seed = u"001 (SQLAlchemy create_async_engine(..., pool_pre_ping=True))"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The server drops an idle pooled connection; the checkout's health check notices and "
                "reconnects.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "A pool opens a connection and keeps it idle. Then the server ends that session — here "
                "SELECT pg_terminate_backend(pid) from another session, as a DBA, a failover or an idle "
                "timeout would. The pool cannot know: the socket looks fine until it is used. With "
                "pre_ping (SQLAlchemy's pool_pre_ping, what the seed turned on), every checkout of a "
                "reused connection first makes a SELECT 1 round trip; the dead one fails it, is counted as "
                "lost and replaced by a new connection, and the task never sees an error. Without "
                "pre_ping, the first task to get the dead connection fails with the server's "
                "'terminating connection due to administrator command'.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "pre_ping on: task 1's pre-ping bar says the connection was replaced, a connect follows, "
                "both queries overlap: D plus a reconnect; the pool lane shows 'lost'. Off: task 1 ends red "
                "and the run fails.")),
            .idealFormula = u"D + reconnect"_s,
            .params = {delayParam(), tasksParam(2, 20),
                ParamSpec {.key = u"pre_ping"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pre-ping")),
                    .type = ParamType::Choice,
                    .defaultValue = u"on"_s,
                    .choices = {u"on"_s, u"off"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Check each reused connection with SELECT 1 on checkout."))},
                sqlParam()},
            .sourceFile = u"pgpools.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        if (p.text(u"pre_ping") == u"off") {
            return {
                .maxConcurrency = p.integer(u"tasks"), .errors = true, .fails = u"administrator command"_s};
        }
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

class PgBlockingDriverOffload final : public PostgresExperiment
{
public:
    PgBlockingDriverOffload()
        : PostgresExperiment({
            .id = u"pg-blocking-driver-offload"_s,
            .title = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "A blocking driver on a thread pool, one connection per thread")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pools")),
            .seed = u"001 (aioodbc / run_in_executor, scoped_session)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Blocking queries offloaded to a thread pool, each thread with its own session: D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Seed 001 covers databases without an async driver (Oracle, MSSQL): aioodbc runs the "
                "blocking "
                "ODBC calls on a thread pool, and scoped_session gives each thread a session of its own "
                "because a session must not be shared between threads. Here the blocking libpq calls "
                "(PQconnectdb, PQexecParams) run on a dedicated thread pool, awaited from the loop; each "
                "pool thread opens one connection on first use and keeps it for its next jobs. The loop "
                "stays free and the queries overlap up to the number of threads; with fewer threads "
                "than tasks they go in waves, and a thread's second job reuses its connection.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Two tasks on two threads: D, the blocking connect and query bars on the pool threads' "
                "lanes, "
                "no stall on the event loop lane. With tasks = 4 and pool = 2: 2D, and the second wave has "
                "no connect bar.")),
            .idealFormula = u"D × ⌈tasks / threads⌉"_s,
            .params = {delayParam(), tasksParam(2, 64),
                ParamSpec {.key = u"threads"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pool threads")),
                    .type = ParamType::Integer,
                    .defaultValue = 2,
                    .minimum = 1,
                    .maximum = 64,
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Threads in the pool, each with its own connection."))},
                sqlParam()},
            .sourceFile = u"pgpools.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override
    {
        const int t = p.integer(u"threads");
        return ((p.integer(u"tasks") + t - 1) / t) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = std::min(p.integer(u"tasks"), p.integer(u"threads"))};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// async def set_role(conn): await conn.execute(SQL("SET ROLE {}").format(Identifier(role)))
// — the pool runs it on every checkout; its query shows as a `setup` span.
QCoro::Task<> setRole(PgConnection &conn, Trace trace, QString role)
{
    co_await conn.query(u"SET ROLE "_s + conn.quoteIdentifier(role), {}, trace);
}

// The tasks share the pool: when one fails, gather fails at once and run() ends while the
// others are still running (until the runner cancels them), so they must not borrow it.
QCoro::Task<> queryWithRole(RunContext &ctx, std::shared_ptr<PgPool> pool, LaneId lane)
{
    co_await ctx.httpClient().get(ctx.delayUrl(ctx.delay()), ctx.trace(lane, {})); // the price
    const QStringList delay {QString::number(ctx.delay(), 'g', 10)};
    PgPool::Lease conn = co_await pool->acquire(ctx.trace(lane, {})); // async with pool.connection() as conn:
    for (const QString &part : {u"query 1"_s, u"query 2"_s}) {
        const PgResult r = co_await conn->query(
            u"SELECT current_user, session_user, pg_sleep($1)"_s, delay, ctx.trace(lane, part));
        ctx.mark(lane, u"print"_s,
            u"current_user=%1, session_user=%2"_s.arg(r.rows.value(0).value(0), r.rows.value(0).value(1)));
    }
} // the lease goes back here: RESET ROLE, then idle

QCoro::Task<> PgPoolSetRole::run(RunContext &ctx) const
{
    const QString role = ctx.params().text(u"role").trimmed();
    auto setup = [role](PgConnection &conn, Trace trace) { return setRole(conn, trace, role); };
    auto pool = std::make_shared<PgPool>(PgPoolOptions {.conninfo = ctx.postgresDsn(),
                                             .maxSize = ctx.params().integer(u"tasks"),
                                             .setup = setup,
                                             .resetSql = u"RESET ROLE"_s}, // RESET ALL would keep the role
        ctx.token(), &ctx.recorder());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(queryWithRole(ctx, pool, ctx.addTask(u"task %1"_s.arg(i + 1))));
    }
    co_await gather(std::move(tasks), ctx.trace(main, u"gather"));
    co_await pool->close(); // waits for the returns (RESET ROLE) to finish
    ctx.mark(main, u"pool"_s, poolSummary(*pool));
}

// M tasks, one query each, over a pool of P connections.
QCoro::Task<> pooledQuery(RunContext &ctx, std::shared_ptr<PgPool> pool, LaneId lane, QString sql)
{
    PgPool::Lease conn = co_await pool->acquire(ctx.trace(lane, {})); // may wait for a connection
    co_await conn->query(sql, delayParams(sql, ctx.delay()), ctx.trace(lane, {}));
}

QCoro::Task<> PgPoolSaturation::run(RunContext &ctx) const
{
    const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
        RunContext::toDuration(ctx.params().number(u"timeout")));
    auto pool = std::make_shared<PgPool>(PgPoolOptions {.conninfo = ctx.postgresDsn(),
                                             .maxSize = ctx.params().integer(u"pool"),
                                             .acquireTimeout = timeout},
        ctx.token(), &ctx.recorder());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(
            pooledQuery(ctx, pool, ctx.addTask(u"task %1"_s.arg(i + 1)), ctx.params().text(u"sql")));
    }
    // gather(..., return_exceptions=True): every task runs to its end, then the first error is raised.
    std::vector<Outcome<void>> outcomes
        = co_await gatherSettled(std::move(tasks), ctx.trace(main, u"gather"));
    co_await pool->close();
    ctx.mark(main, u"pool"_s, poolSummary(*pool));
    for (Outcome<void> &o : outcomes) {
        o.take(); // rethrows the first failure
    }
}

/// Polls pg_stat_activity until the backend `pid` is gone (pg_terminate_backend only signals
/// it; its own wait-for-exit option polls every 100 ms).
QCoro::Task<> backendGone(RunContext &ctx, PgConnection &admin, QStringList pid, Trace trace)
{
    const SpanId span = trace.begin(SpanKind::Wait);
    try {
        for (int i = 0; i < 5000; ++i) {
            const PgResult r = co_await admin.query(u"SELECT 1 FROM pg_stat_activity WHERE pid = $1"_s, pid);
            if (r.rows.isEmpty()) {
                break;
            }
            co_await sleepFor(std::chrono::milliseconds(1), ctx.token());
        }
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
    trace.end(span);
}

QCoro::Task<> PgPoolPrePing::run(RunContext &ctx) const
{
    const QString dsn = ctx.postgresDsn();
    const QString sql = ctx.params().text(u"sql");
    auto pool = std::make_shared<PgPool>(
        PgPoolOptions {.conninfo = dsn,
            .minSize = 1,
            .maxSize = ctx.params().integer(u"tasks"),
            .prePing = ctx.params().text(u"pre_ping") == u"on"}, // pool_pre_ping=True
        ctx.token(), &ctx.recorder());
    const LaneId main = ctx.addTask(u"main"_s);
    const LaneId dba = ctx.addTask(u"dba"_s);
    co_await pool->open(); // one connection, idle in the pool

    // Meanwhile the server ends that session (an admin, a failover, idle_session_timeout).
    PgConnection admin(ctx.token());
    co_await admin.connect(dsn, ctx.trace(dba, {}));
    const QStringList victim {QString::number(pool->idleBackendPids().value(0))};
    co_await admin.query(
        u"SELECT pg_terminate_backend($1)"_s, victim, ctx.trace(dba, u"pg_terminate_backend"));
    co_await backendGone(ctx, admin, victim, ctx.trace(dba, u"until the backend has exited"));
    admin.close();

    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(pooledQuery(ctx, pool, ctx.addTask(u"task %1"_s.arg(i + 1)), sql));
    }
    std::vector<Outcome<void>> outcomes
        = co_await gatherSettled(std::move(tasks), ctx.trace(main, u"gather"));
    co_await pool->close();
    ctx.mark(main, u"pool"_s, poolSummary(*pool));
    for (Outcome<void> &o : outcomes) {
        o.take();
    }
}

// scoped_session: each pool thread opens one blocking connection on its first job and keeps
// it; a connection is never used by two threads.
class ThreadSessions
{
public:
    ThreadSessions(QString dsn, CancelToken token)
        : m_dsn(std::move(dsn))
        , m_token(std::move(token))
    { }
    PgBlockingConnection &forCurrentThread(const Trace &trace)
    {
        {
            std::lock_guard lock(m_mutex);
            if (const auto it = m_sessions.find(QThread::currentThread()); it != m_sessions.end()) {
                return *it->second;
            }
        }
        auto conn = std::make_unique<PgBlockingConnection>(m_token);
        conn->connect(m_dsn, trace); // blocks this pool thread, not the loop
        std::lock_guard lock(m_mutex);
        return *(m_sessions[QThread::currentThread()] = std::move(conn));
    }

private:
    QString m_dsn;
    CancelToken m_token;
    std::mutex m_mutex;
    std::map<QThread *, std::unique_ptr<PgBlockingConnection>> m_sessions;
};

QCoro::Task<> offloadedQuery(
    RunContext &ctx, WorkerPool &threads, std::shared_ptr<ThreadSessions> sessions, LaneId lane)
{
    const QString sql = ctx.params().text(u"sql");
    const QStringList params = delayParams(sql, ctx.delay());
    Recorder *rec = &ctx.recorder();
    WorkerPool *pool = &threads; // outlives its jobs: its destructor waits for them
    // The job shares the sessions: when one query fails, gather fails at once and the run
    // may end while other jobs still run on the pool.
    auto job = [rec, pool, sessions, sql, params] { // runs on a pool thread
        const Trace here {rec, pool->laneForCurrentThread(), 0, 0};
        sessions->forCurrentThread(here).query(sql, params, here);
    };
    // await loop.run_in_executor(pool, query): the connect and query bars go on the thread's lane
    co_await offload(threads, job, ctx.trace(lane, u"run_in_executor(query)"), std::nullopt);
}

QCoro::Task<> PgBlockingDriverOffload::run(RunContext &ctx) const
{
    WorkerPool &threads = ctx.workerPool(ctx.params().integer(u"threads"));
    auto sessions = std::make_shared<ThreadSessions>(ctx.postgresDsn(), ctx.token());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(offloadedQuery(ctx, threads, sessions, ctx.addTask(u"task %1"_s.arg(i + 1))));
    }
    co_await gather(std::move(tasks), ctx.trace(main, u"gather"));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makePgPoolSetRole()
{
    return std::make_unique<PgPoolSetRole>();
}

std::unique_ptr<Experiment> makePgPoolSaturation()
{
    return std::make_unique<PgPoolSaturation>();
}

std::unique_ptr<Experiment> makePgPoolPrePing()
{
    return std::make_unique<PgPoolPrePing>();
}

std::unique_ptr<Experiment> makePgBlockingDriverOffload()
{
    return std::make_unique<PgBlockingDriverOffload>();
}

} // namespace Coroscope
