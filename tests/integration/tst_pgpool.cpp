// SPDX-License-Identifier: MIT
// PgPool against the fixture's private PostgreSQL cluster: setup and reset, health checks,
// limits, close.

#include "async/sleep.h"
#include "pg/localpostgres.h"
#include "pg/pgpool.h"
#include "testutil.h"
#include "timeline/rundata.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QCoro::Task<QStringList> users(PgPool &pool, Trace trace = {})
{
    PgPool::Lease conn = co_await pool.acquire(trace);
    const PgResult r = co_await conn->query(u"SELECT current_user, session_user, pg_backend_pid()"_s);
    co_return r.rows.value(0);
}

QCoro::Task<> setRole(PgConnection &conn, Trace trace, const bool *enabled)
{
    if (*enabled) {
        co_await conn.query(u"SET ROLE "_s + conn.quoteIdentifier(u"tscraper"_s), {}, trace);
    }
}

QCoro::Task<> hold(PgPool &pool, std::chrono::milliseconds howLong, CancelToken token)
{
    PgPool::Lease conn = co_await pool.acquire();
    co_await sleepFor(howLong, token);
}

QCoro::Task<> pause(std::chrono::milliseconds howLong)
{
    co_await sleepFor(howLong, CancelToken());
}

QCoro::Task<QString> acquireError(PgPool &pool)
{
    try {
        PgPool::Lease conn = co_await pool.acquire();
    } catch (const Error &e) {
        co_return e.message();
    }
    co_return QString();
}

QCoro::Task<int> backendPidOfIdle(PgPool &pool)
{
    co_await pool.open();
    co_return pool.idleBackendPids().value(0);
}

void terminate(const QString &superuser, int pid)
{
    PgBlockingConnection admin {CancelToken()};
    admin.connect(superuser);
    admin.query(u"SELECT pg_terminate_backend($1, 5000)"_s, {QString::number(pid)});
}

/// What the session `pid` ran last, asked while one of the pool's connections is checked out.
QCoro::Task<QString> lastQueryAtCheckout(PgPool &pool, QString superuser, int pid)
{
    PgPool::Lease conn = co_await pool.acquire();
    PgBlockingConnection admin {CancelToken()};
    admin.connect(superuser);
    co_return admin.query(u"SELECT query FROM pg_stat_activity WHERE pid = $1"_s, {QString::number(pid)})
        .rows.value(0)
        .value(0);
}

} // namespace

class TestPgPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_dsn = useFixtureCluster();
        if (m_dsn.isEmpty()) {
            QSKIP("no private cluster (run through ctest: the pg fixture starts it)");
        }
        LocalPostgres cluster;
        QVERIFY(cluster.adopt(qEnvironmentVariable("COROSCOPE_TEST_PG_DIR")));
        m_superuser = cluster.superuserConninfo();
    }

    void roleIsSetOnCheckoutAndResetOnReturn_data()
    {
        QTest::addColumn<QString>("reset");
        QTest::addColumn<QString>("userAfterReturn");
        QTest::newRow("RESET ROLE") << u"RESET ROLE"_s << u"coroscope_app"_s;
        // Why the pool resets with RESET ROLE: RESET ALL leaves the role in place.
        QTest::newRow("RESET ALL keeps the role") << u"RESET ALL"_s << u"tscraper"_s;
    }

    void roleIsSetOnCheckoutAndResetOnReturn()
    {
        QFETCH(QString, reset);
        QFETCH(QString, userAfterReturn);
        bool setRoleOnCheckout = true;
        const bool *flag = &setRoleOnCheckout;
        Recorder rec;
        const LaneId lane = rec.addLane(u"task"_s, LaneKind::Task);
        PgPool pool({.conninfo = m_dsn,
                        .maxSize = 1,
                        .setup = [flag](PgConnection &c, Trace t) { return setRole(c, t, flag); },
                        .resetSql = reset},
            CancelToken(), &rec);

        auto first = runTask(users(pool, Trace {&rec, lane, 0, 0}));
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first.value().value(0), u"tscraper"_s);
        QCOMPARE(first.value().value(1), u"coroscope_app"_s);

        setRoleOnCheckout = false; // the next checkout sees what the return left behind
        auto second = runTask(users(pool));
        QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
        QCOMPARE(second.value().value(2), first.value().value(2)); // the same session
        QCOMPARE(second.value().value(0), userAfterReturn);
        QVERIFY(runTask(pool.close()).ok());

        RunData run;
        rec.snapshot(run);
        bool setupSpan = false;
        bool resetSpan = false;
        for (const Span &s : run.spans) {
            setupSpan
                |= s.kind == SpanKind::Setup && s.lane == lane && run.str(s.name).startsWith(u"SET ROLE"_s);
            resetSpan |= s.kind == SpanKind::Setup && run.lanes.at(s.lane).kind == LaneKind::Connection
                && run.str(s.name) == reset;
        }
        QVERIFY2(setupSpan, "SET ROLE shows as a setup span on the task's lane");
        QVERIFY2(resetSpan, "the reset shows on the connection's lane");
    }

    void prePingDoesARealRoundTrip_data()
    {
        QTest::addColumn<bool>("prePing");
        QTest::addColumn<QString>("lastQuery");
        QTest::newRow("pre_ping") << true << u"SELECT 1"_s;
        QTest::newRow("no pre_ping") << false << QString(); // the session has run nothing yet
    }

    void prePingDoesARealRoundTrip()
    {
        QFETCH(bool, prePing);
        QFETCH(QString, lastQuery);
        PgPool pool({.conninfo = m_dsn, .minSize = 1, .maxSize = 1, .prePing = prePing}, CancelToken());
        auto pid = runTask(backendPidOfIdle(pool));
        QVERIFY2(pid.ok() && pid.value() > 0, qPrintable(pid.errorMessage()));
        auto last = runTask(lastQueryAtCheckout(pool, m_superuser, pid.value()));
        QVERIFY2(last.ok(), qPrintable(last.errorMessage()));
        QCOMPARE(last.value(), lastQuery);
        QVERIFY(runTask(pool.close()).ok());
    }

    void prePingReplacesATerminatedConnection()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"task"_s, LaneKind::Task);
        PgPool pool({.conninfo = m_dsn, .minSize = 1, .maxSize = 1, .prePing = true}, CancelToken(), &rec);
        auto pid = runTask(backendPidOfIdle(pool));
        QVERIFY2(pid.ok() && pid.value() > 0, qPrintable(pid.errorMessage()));
        terminate(m_superuser, pid.value());

        auto got = runTask(users(pool, Trace {&rec, lane, 0, 0}));
        QVERIFY2(got.ok(), qPrintable(got.errorMessage()));
        QVERIFY(got.value().value(2).toInt() != pid.value()); // a new session
        const PgPoolStats stats = pool.stats();
        QCOMPARE(stats.lost, 1);
        QCOMPARE(stats.created, 2);
        QCOMPARE(stats.size, 1);
        QVERIFY(runTask(pool.close()).ok());

        RunData run;
        rec.snapshot(run);
        bool ping = false;
        for (const Span &s : run.spans) {
            if (s.lane == lane) {
                QVERIFY2(
                    s.status == SpanStatus::Ok, qPrintable(run.str(s.name) + u": "_s + run.str(s.detail)));
                ping |= run.str(s.name) == u"pre-ping"_s && run.str(s.detail).contains(u"replacing"_s);
            }
        }
        QVERIFY2(ping, "the pre-ping span says the connection was replaced");
        const bool lostMark = std::any_of(
            run.marks.begin(), run.marks.end(), [&](const Mark &m) { return run.str(m.name) == u"lost"_s; });
        QVERIFY(lostMark);
    }

    void withoutPrePingTheTaskGetsTheError()
    {
        PgPool pool({.conninfo = m_dsn, .minSize = 1, .maxSize = 1}, CancelToken());
        auto pid = runTask(backendPidOfIdle(pool));
        QVERIFY(pid.ok());
        terminate(m_superuser, pid.value());
        auto got = runTask(users(pool));
        QVERIFY(!got.ok());
        QVERIFY2(got.errorMessage().contains(u"terminating connection due to administrator command"_s),
            qPrintable(got.errorMessage()));
        // The broken connection was not put back: the next checkout opens a new one.
        auto again = runTask(users(pool));
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(pool.stats().lost, 1);
        QVERIFY(runTask(pool.close()).ok());
    }

    void acquireTimesOutNamingThePool()
    {
        PgPool pool(
            {.conninfo = m_dsn, .maxSize = 1, .acquireTimeout = 100ms, .name = u"reports"_s}, CancelToken());
        QElapsedTimer t;
        t.start();
        auto holder = hold(pool, 400ms, CancelToken()); // first: it gets the only connection
        auto waiter = acquireError(pool);
        auto message = runTask(std::move(waiter));
        QVERIFY(message.ok());
        const double waitedForError = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY(runTask(std::move(holder)).ok());
        QVERIFY2(message.value().contains(u"pool 'reports': no connection within 0.1 s"_s)
                && message.value().contains(u"max_size=1"_s),
            qPrintable(message.value()));
        QVERIFY2(waitedForError >= 0.1 && waitedForError < 0.1 + marginFor(0.1),
            qPrintable(QString::number(waitedForError)));
        QVERIFY(runTask(pool.close()).ok());
    }

    void waiterLimitRejectsAtOnce()
    {
        PgPool pool({.conninfo = m_dsn, .maxSize = 1, .maxWaiting = 1}, CancelToken());
        std::vector<QCoro::Task<>> holders;
        holders.push_back(hold(pool, 300ms, CancelToken()));
        holders.push_back(hold(pool, 10ms, CancelToken())); // waits: the one allowed waiter
        auto wait = runTask(pause(50ms));
        QVERIFY(wait.ok());
        QCOMPARE(pool.stats().waiting, 1);
        QElapsedTimer t;
        t.start();
        auto rejected = runTask(acquireError(pool));
        QVERIFY(rejected.ok());
        QVERIFY2(rejected.value().contains(u"max_waiting=1"_s), qPrintable(rejected.value()));
        QVERIFY(t.elapsed() < 50);
        for (auto &h : holders) {
            QVERIFY(runTask(std::move(h)).ok());
        }
        QVERIFY(runTask(pool.close()).ok());
    }

    void statsCountWhatIsHappening()
    {
        PgPool pool({.conninfo = m_dsn, .minSize = 2, .maxSize = 3}, CancelToken());
        QVERIFY(runTask(pool.open()).ok());
        PgPoolStats s = pool.stats();
        QCOMPARE(s.size, 2);
        QCOMPARE(s.idle, 2);
        QCOMPARE(s.inUse, 0);
        QCOMPARE(s.created, 2);
        std::vector<QCoro::Task<>> holders;
        for (int i = 0; i < 5; ++i) {
            holders.push_back(hold(pool, 150ms, CancelToken()));
        }
        QVERIFY(runTask(pause(50ms)).ok());
        s = pool.stats();
        QCOMPARE(s.size, 3);
        QCOMPARE(s.inUse, 3);
        QCOMPARE(s.idle, 0);
        QCOMPARE(s.waiting, 2);
        for (auto &h : holders) {
            QVERIFY(runTask(std::move(h)).ok());
        }
        s = pool.stats();
        QCOMPARE(s.inUse, 0);
        QCOMPARE(s.idle, 3);
        QCOMPARE(s.created, 3);
        QCOMPARE(s.checkouts, 5);
        QVERIFY(runTask(pool.close()).ok());
        QCOMPARE(pool.stats().size, 0);
    }

    void closeFailsWaitersAndWaitsForReturns()
    {
        PgPool pool({.conninfo = m_dsn, .maxSize = 1}, CancelToken());
        auto holder = hold(pool, 200ms, CancelToken());
        auto waiter = acquireError(pool);
        // The holder has its connection (connecting can take tens of ms) and the waiter waits.
        QTRY_VERIFY_WITH_TIMEOUT(pool.stats().created == 1 && pool.stats().waiting == 1, 5000);
        QElapsedTimer t;
        t.start();
        QVERIFY(runTask(pool.close()).ok()); // returns once the holder has given its connection back
        QVERIFY2(t.elapsed() >= 100, qPrintable(QString::number(t.elapsed()))); // the holder keeps it 200 ms
        auto failed = runTask(std::move(waiter));
        QVERIFY(failed.ok());
        QCOMPARE(failed.value(), u"pool 'pool' is closed"_s);
        QVERIFY(runTask(std::move(holder)).ok());
        auto after = runTask(acquireError(pool));
        QCOMPARE(after.value(), u"pool 'pool' is closed"_s);
    }

    void cancelWhileWaitingLeavesTheQueue()
    {
        CancelToken token;
        PgPool pool({.conninfo = m_dsn, .maxSize = 1}, token);
        auto holder = hold(pool, 200ms, CancelToken());
        auto waiter = acquireError(pool);
        // The holder has its connection (connecting can take tens of ms) and the waiter waits.
        QTRY_VERIFY_WITH_TIMEOUT(pool.stats().created == 1 && pool.stats().waiting == 1, 5000);
        QCOMPARE(pool.stats().waiting, 1);
        QElapsedTimer t;
        t.start();
        token.cancel();
        auto got = runTask(std::move(waiter));
        QVERIFY(got.ok());
        QVERIFY2(got.value().contains(u"cancel"_s), qPrintable(got.value()));
        QVERIFY(t.elapsed() < 100);
        QCOMPARE(pool.stats().waiting, 0);
        QVERIFY(runTask(std::move(holder)).ok());
        QVERIFY(runTask(pool.close()).ok());
    }

private:
    QString m_dsn;
    QString m_superuser;
};

QTEST_GUILESS_MAIN(TestPgPool)
#include "tst_pgpool.moc"
