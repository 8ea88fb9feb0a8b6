// SPDX-License-Identifier: MIT
// The libpq connections against the fixture's private PostgreSQL cluster, for real.

#include "async/gather.h"
#include "pg/localpostgres.h"
#include "pg/pgconnection.h"
#include "testutil.h"
#include "timeline/rundata.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <thread>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

QCoro::Task<PgResult> connectAndQuery(
    QString dsn, QString sql, QStringList params, CancelToken token, Trace trace = {})
{
    PgConnection conn(token);
    co_await conn.connect(dsn, trace);
    co_return co_await conn.query(sql, params, trace);
}

int countSleepingBackends(const QString &superuser)
{
    PgBlockingConnection admin {CancelToken()};
    admin.connect(superuser);
    const PgResult r = admin.query(
        u"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"_s);
    return r.rows.value(0).value(0).toInt();
}

} // namespace

class TestPg : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_dsn = useFixtureCluster();
        if (m_dsn.isEmpty()) {
            QSKIP("no private cluster (run through ctest: the pg fixture starts it)");
        }
        QVERIFY(m_cluster.adopt(qEnvironmentVariable("COROSCOPE_TEST_PG_DIR")));
    }

    void asyncQueryReturnsRowsAndRecordsSpans()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"t"_s, LaneKind::Task);
        auto outcome = runTask(connectAndQuery(m_dsn, u"SELECT current_user, $1::int + 1"_s, {u"41"_s},
            CancelToken(), Trace {&rec, lane, 0, 0}));
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value().rows.value(0), (QStringList {u"coroscope_app"_s, u"42"_s}));
        RunData run;
        rec.snapshot(run);
        QCOMPARE(run.spans.size(), std::size_t(2));
        QVERIFY(run.spans[0].kind == SpanKind::Connect);
        QVERIFY(run.spans[1].kind == SpanKind::Db);
        QVERIFY(!run.spans[1].blocking);
        QCOMPARE(run.str(run.spans[1].detail), u"SELECT 1 · 1 row(s)"_s);
    }

    void parametersAreBoundNotSpliced()
    {
        // A value that would break SQL if spliced in.
        auto outcome = runTask(
            connectAndQuery(m_dsn, u"SELECT $1::text"_s, {u"'); DROP TABLE x; --"_s}, CancelToken()));
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value().rows.value(0).value(0), u"'); DROP TABLE x; --"_s);
    }

    void asyncQueriesOverlapWithoutBlockingTheLoop()
    {
        LoopTicker ticker;
        std::vector<QCoro::Task<PgResult>> tasks;
        for (int i = 0; i < 3; ++i) {
            tasks.push_back(connectAndQuery(m_dsn, u"SELECT pg_sleep($1)"_s, {u"0.2"_s}, CancelToken()));
        }
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(gather(std::move(tasks)));
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY2(s >= 0.2 && s < 0.2 + marginFor(0.2), qPrintable(QString::number(s)));
        QVERIFY2(ticker.ticks() >= 100, "the loop must keep running while queries are out");
    }

    void sqlErrorsCarrySqlstate()
    {
        auto outcome = runTask(connectAndQuery(m_dsn, u"SELECT * FROM no_such_table"_s, {}, CancelToken()));
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().contains(u"no_such_table"_s)
                && outcome.errorMessage().contains(u"SQLSTATE 42P01"_s),
            qPrintable(outcome.errorMessage()));
    }

    void badConnectionsFailClearlyAndNeverHang_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("secret");
        QTest::newRow("bad_dsn") << u"host=/tmp port=notaport = x"_s << u"bad connection string"_s
                                 << QString();
        QTest::newRow("wrong_password")
            << u"host=127.0.0.1 port=%1 user=coroscope_pw password=wrong-secret dbname=postgres"_s.arg(
                   m_cluster.port())
            << u"password authentication failed"_s << u"wrong-secret"_s;
    }

    void badConnectionsFailClearlyAndNeverHang()
    {
        QFETCH(QString, dsn);
        QFETCH(QString, expected);
        QFETCH(QString, secret);
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(connectAndQuery(dsn, u"SELECT 1"_s, {}, CancelToken()), 15000);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().contains(expected), qPrintable(outcome.errorMessage()));
        if (!secret.isEmpty()) {
            QVERIFY2(!outcome.errorMessage().contains(secret), "a password must never appear in a message");
        }
        QVERIFY(t.elapsed() < 10000);
        // The blocking driver says the same.
        try {
            PgBlockingConnection conn {CancelToken()};
            conn.connect(dsn);
            QFAIL("connecting must fail");
        } catch (const PgError &e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    }

    void hostNamesAreResolvedOffTheLoop()
    {
        // "localhost" goes through QHostInfo and reaches libpq as hostaddr.
        LoopTicker ticker;
        const QString dsn
            = u"host=localhost port=%1 user=coroscope_app dbname=postgres"_s.arg(m_cluster.port());
        auto outcome = runTask(connectAndQuery(dsn, u"SELECT inet_client_addr()::text"_s, {}, CancelToken()));
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value().rows.value(0).value(0), u"127.0.0.1/32"_s);
        // An unknown name fails clearly.
        auto bad = runTask(connectAndQuery(u"host=no-such-host.invalid port=5432 user=x dbname=y"_s,
                               u"SELECT 1"_s, {}, CancelToken()),
            15000);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(u"cannot resolve 'no-such-host.invalid'"_s),
            qPrintable(bad.errorMessage()));
    }

    void refusedConnectionNamesTheServer()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QString dsn = u"host=127.0.0.1 port=%1 user=x dbname=y"_s.arg(port);
        auto outcome = runTask(connectAndQuery(dsn, u"SELECT 1"_s, {}, CancelToken()), 15000);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().contains(u"127.0.0.1"_s)
                && outcome.errorMessage().contains(QString::number(port)),
            qPrintable(outcome.errorMessage()));
    }

    void cancellingLeavesNoSleepingBackend()
    {
        CancelToken token;
        QTimer::singleShot(300, [token] { token.cancel(); });
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(connectAndQuery(m_dsn, u"SELECT pg_sleep(30)"_s, {}, token));
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().startsWith(u"cancelled"_s), qPrintable(outcome.errorMessage()));
        QVERIFY2(t.elapsed() < 3000, "the query must stop when cancelled");
        QTRY_COMPARE_WITH_TIMEOUT(countSleepingBackends(m_cluster.superuserConninfo()), 0, 3000);
    }

    void blockingQueryIsInterruptedByCancel()
    {
        CancelToken token;
        PgBlockingConnection conn(token);
        conn.connect(m_dsn);
        std::thread canceller([token] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            token.cancel();
        });
        QElapsedTimer t;
        t.start();
        bool cancelled = false;
        try {
            conn.query(u"SELECT pg_sleep(30)"_s);
        } catch (const Cancelled &) {
            cancelled = true;
        }
        canceller.join();
        QVERIFY(cancelled);
        QVERIFY(t.elapsed() < 3000);
        QTRY_COMPARE_WITH_TIMEOUT(countSleepingBackends(m_cluster.superuserConninfo()), 0, 3000);
    }

    void closedConnectionSaysSo()
    {
        auto scoped = [](QString dsn) -> QCoro::Task<QString> {
            PgConnection conn {CancelToken()};
            co_await conn.connect(dsn);
            conn.close();
            try {
                co_await conn.query(u"SELECT 1"_s);
            } catch (const PgError &e) {
                co_return e.message();
            }
            co_return QString();
        };
        auto outcome = runTask(scoped(m_dsn));
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value(), u"the connection is closed"_s);
    }

    void identifiersAreQuoted()
    {
        auto quote = [](QString dsn) -> QCoro::Task<QString> {
            PgConnection conn {CancelToken()};
            co_await conn.connect(dsn);
            const QString q = conn.quoteIdentifier(u"we\"ird role"_s);
            const PgResult r = co_await conn.query(u"SELECT current_user, session_user"_s);
            co_await conn.query(u"SET ROLE "_s + conn.quoteIdentifier(u"tscraper"_s));
            const PgResult after = co_await conn.query(u"SELECT current_user, session_user"_s);
            co_return q + u'|' + after.rows.value(0).join(u',');
        };
        auto outcome = runTask(quote(m_dsn));
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value(), u"\"we\"\"ird role\"|tscraper,coroscope_app"_s);
    }

private:
    QString m_dsn;
    LocalPostgres m_cluster;
};

QTEST_GUILESS_MAIN(TestPg)
#include "tst_pg.moc"
