// SPDX-License-Identifier: MIT
// The fault suite (ctest label `faults`): real servers that refuse, reject, vanish or answer
// garbage, against every experiment family. Each run must fail with a red span whose message
// names the cause, keep its partial timeline, never crash (the suite runs under ASan + UBSan
// in CI), never print a password — and the next run in the same process must work.

#include "async/errors.h"
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/prerequisites.h"
#include "experiments/runner.h"
#include "pg/conninfo.h"
#include "pg/localpostgres.h"
#include "pg/pgconnection.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kSecret = "Zq7-fault-secret";

Params paramsFor(const Experiment &e, const QList<std::pair<QString, QString>> &extra)
{
    QString error;
    const auto params = e.resolveParams(extra, &error);
    if (!params) {
        qFatal("%s", qPrintable(error));
    }
    return *params;
}

/// Overrides that make an experiment use more tasks than connections where it can (the
/// crash of #10: a failed connect handed its pool slot to a waiting task, then closed it).
QList<std::pair<QString, QString>> crowded(const Experiment &e, double delay)
{
    QList<std::pair<QString, QString>> out {{u"delay"_s, QString::number(delay)}};
    QString error;
    if (e.resolveParams({{u"tasks"_s, u"6"_s}}, &error)) {
        out.append({u"tasks"_s, u"6"_s});
    }
    if (e.resolveParams({{u"pool"_s, u"2"_s}}, &error)) {
        out.append({u"pool"_s, u"2"_s});
    }
    return out;
}

std::vector<const Experiment *> postgresExperiments()
{
    std::vector<const Experiment *> out;
    for (const Experiment *e : Catalog::all()) {
        if (dynamic_cast<const PostgresExperiment *>(e)) {
            out.push_back(e);
        }
    }
    return out;
}

QString errorSpans(const RunData &run)
{
    QStringList out;
    for (const Span &s : run.spans) {
        if (s.status == SpanStatus::Error) {
            out.append(run.str(s.detail));
        }
    }
    return out.join(u" | "_s);
}

/// Everything of a run a user can see or save, as one text (for the password check).
QString everything(const RunData &run)
{
    QStringList out {run.error};
    for (const QString &s : run.strings) {
        out.append(s);
    }
    return out.join(u'\n');
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_dsn = useFixtureCluster();
        if (m_dsn.isEmpty()) {
            QSKIP("needs the ctest fixture's PostgreSQL cluster");
        }
        QString why;
        QVERIFY2(m_cluster.adopt(qEnvironmentVariable("COROSCOPE_TEST_PG_DIR"), &why), qPrintable(why));
    }

    void cleanup() { qputenv("COROSCOPE_PG_DSN", m_dsn.toUtf8()); }

    /// Every PostgreSQL experiment against a server that cannot be used: a clear failure,
    /// fast, no crash, no password anywhere; then a good run in the same process.
    void postgresFaults_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("cause");
        const QString pw = QString::fromLatin1(kSecret);
        const QString port = QString::number(m_cluster.port());
        const QList<std::tuple<const char *, QString, QString>> faults {
            {"refused", u"host=127.0.0.1 port=1 user=x password=%1 dbname=postgres"_s.arg(pw),
                u"Connection refused"_s},
            {"wrong_password",
                u"host=127.0.0.1 port=%1 user=%2 password=%3 dbname=postgres"_s.arg(
                    port, QLatin1StringView(LocalPostgres::kPasswordUser), pw),
                u"password authentication failed"_s},
            {"missing_database",
                u"host=127.0.0.1 port=%1 user=%2 password=%3 dbname=no_such_db"_s.arg(
                    port, QLatin1StringView(LocalPostgres::kAppUser), pw),
                u"no_such_db"_s},
            {"unknown_host", u"host=no-such-host.invalid port=5432 user=x password=%1"_s.arg(pw),
                u"no-such-host.invalid"_s},
            {"unclosed_bracket", u"postgresql://u:%1@[::1/db"_s.arg(pw), u"bad connection string"_s},
            {"missing_equals", u"host=127.0.0.1 password%1"_s.arg(pw), u"bad connection string"_s},
        };
        for (const Experiment *e : postgresExperiments()) {
            for (const auto &[name, dsn, cause] : faults) {
                QTest::addRow("%s/%s", qPrintable(e->id()), name) << e->id() << dsn << cause;
            }
        }
    }

    void postgresFaults()
    {
        QFETCH(QString, id);
        QFETCH(QString, dsn);
        QFETCH(QString, cause);
        const Experiment *e = Catalog::find(id);
        QVERIFY(e);
        qputenv("COROSCOPE_PG_DSN", dsn.toUtf8());
        Runner runner;
        QElapsedTimer t;
        t.start();
        const RunData run = runner.runAndWait(*e, paramsFor(*e, crowded(*e, 0.05)));
        QVERIFY2(run.status == RunStatus::Failed, qPrintable(toString(run.status) + u": "_s + run.error));
        QVERIFY2(run.error.contains(cause), qPrintable(run.error));
        QVERIFY2(errorSpans(run).contains(cause), qPrintable(errorSpans(run)));
        QVERIFY2(!everything(run).contains(QLatin1StringView(kSecret)), "the password must never be shown");
        QVERIFY2(t.elapsed() < 12'000, qPrintable(u"took %1 ms"_s.arg(t.elapsed())));

        // The same process goes on working.
        qputenv("COROSCOPE_PG_DSN", m_dsn.toUtf8());
        const RunData good = runner.runAndWait(*e, paramsFor(*e, {{u"delay"_s, u"0.05"_s}}));
        QVERIFY2(good.status == RunStatus::Ok || e->expectation(paramsFor(*e, {})).errors
                || !e->expectation(paramsFor(*e, {})).fails.isEmpty(),
            qPrintable(good.error));
    }

    /// A query the server rejects, offloaded to a pool of blocking connections: gather fails
    /// at once while other jobs still run on the pool (heap corruption in half the runs).
    void offloadedJobsOutliveAFailedRun()
    {
        const Experiment *e = Catalog::find(u"pg-blocking-driver-offload"_s);
        QVERIFY(e);
        Runner runner;
        for (int i = 0; i < 10; ++i) {
            const RunData run = runner.runAndWait(
                *e, paramsFor(*e, {{u"delay"_s, u"0.01"_s}, {u"sql"_s, u"garbage sql"_s}, {u"tasks"_s, u"8"_s}}));
            QVERIFY2(run.status == RunStatus::Failed, qPrintable(toString(run.status) + u": "_s + run.error));
            QVERIFY2(run.error.contains(u"syntax error"_s), qPrintable(run.error));
        }
    }

    /// Cancelling in the middle of every PostgreSQL experiment: within 0.5 s, partial timeline
    /// kept, and nothing left behind on the server.
    void cancelMidRun_data()
    {
        QTest::addColumn<QString>("id");
        for (const Experiment *e : postgresExperiments()) {
            QTest::newRow(qPrintable(e->id())) << e->id();
        }
    }

    void cancelMidRun()
    {
        QFETCH(QString, id);
        const Experiment *e = Catalog::find(id);
        QVERIFY(e);
        Runner runner;
        QElapsedTimer cancelledAt;
        QTimer::singleShot(600, &runner, [&] {
            cancelledAt.start();
            runner.cancel();
        });
        const RunData run = runner.runAndWait(*e, paramsFor(*e, crowded(*e, 2.0)));
        const qint64 afterCancel = cancelledAt.elapsed();
        QVERIFY2(run.status == RunStatus::Cancelled, qPrintable(toString(run.status) + u": "_s + run.error));
        QVERIFY2(afterCancel < 500 * (kSanitized ? 2 : 1), qPrintable(u"%1 ms after the cancel"_s.arg(afterCancel)));
        QVERIFY(!run.spans.empty());
        // No backend of this run still busy with a query on the server.
        QTRY_VERIFY_WITH_TIMEOUT(busyBackends() == 0, 3000);
    }

    /// The redaction never shows a password, whatever shape the string has.
    void redactionNeverShowsSecrets_data()
    {
        QTest::addColumn<QString>("dsn");
        const QString pw = QString::fromLatin1(kSecret);
        QTest::newRow("keyword") << u"host=h password=%1"_s.arg(pw);
        QTest::newRow("quoted") << u"password='%1 x' host=h"_s.arg(pw);
        QTest::newRow("escaped_quote") << u"password='a\\'%1' host=h"_s.arg(pw);
        QTest::newRow("unterminated") << u"host=h password='%1"_s.arg(pw);
        QTest::newRow("mistyped_keyword") << u"host=h pasword=%1"_s.arg(pw);
        QTest::newRow("missing_equals") << u"host=h password%1"_s.arg(pw);
        QTest::newRow("spaces_around_equals") << u"host=h password = %1"_s.arg(pw);
        QTest::newRow("uri") << u"postgresql://u:%1@h/db"_s.arg(pw);
        QTest::newRow("uri_unclosed_bracket") << u"postgresql://u:%1@[::1/db"_s.arg(pw);
        QTest::newRow("uri_slash_in_password") << u"postgres://u:a/%1@h/db"_s.arg(pw);
        QTest::newRow("uri_query") << u"postgresql://h/db?password=%1"_s.arg(pw);
        QTest::newRow("uri_query_mistyped") << u"postgresql://h/db?pasword=%1"_s.arg(pw);
        QTest::newRow("uri_encoded") << u"postgresql://u:%1%2540@h/db"_s.arg(pw);
        QTest::newRow("sslpassword") << u"host=h sslpassword=%1"_s.arg(pw);
    }

    void redactionNeverShowsSecrets()
    {
        QFETCH(QString, dsn);
        const QLatin1StringView secret(kSecret);
        QVERIFY2(!redactConninfo(dsn).contains(secret), qPrintable(redactConninfo(dsn)));
        const QString echoed = u"libpq says: invalid URI: \"%1\"; missing \"=\" after \"%1\""_s.arg(dsn);
        QVERIFY2(!scrubConninfo(echoed, dsn).contains(secret), qPrintable(scrubConninfo(echoed, dsn)));
        QVERIFY2(!describeConninfoError(echoed, dsn).contains(secret), qPrintable(describeConninfoError(echoed, dsn)));
    }

    void redactionKeepsWhatHelps_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("keyword") << u"host=h user=u password=s3cret dbname=d"_s
                                 << u"host=h user=u password=*** dbname=d"_s;
        QTest::newRow("quoted") << u"password='a b' host=h"_s << u"password=*** host=h"_s;
        QTest::newRow("quoted_harmless") << u"host=h application_name='my app'"_s
                                         << u"host=h application_name='my app'"_s;
        QTest::newRow("mistyped") << u"host=h pasword=s3cret"_s << u"host=h pasword=***"_s;
        QTest::newRow("no_equals") << u"host=h port=5432 passwords3cret"_s << u"host=h port=5432 ***"_s;
        QTest::newRow("uri") << u"postgresql://u:s3cret@h:5432/d"_s << u"postgresql://u@h:5432/d"_s;
        QTest::newRow("uri_query") << u"postgresql://h/d?password=s3cret&sslmode=disable"_s
                                   << u"postgresql://h/d?password=***&sslmode=disable"_s;
    }

    void redactionKeepsWhatHelps()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(redactConninfo(in), out);
    }

    void parseErrorsSayWhere()
    {
        const QString dsn = u"host=127.0.0.1 passwordhunter2"_s;
        const QString text
            = describeConninfoError(u"missing \"=\" after \"passwordhunter2\" in connection info string"_s, dsn);
        QCOMPARE(text, u"missing \"=\" after the text at character 16 (15 characters) in connection info string"_s);
        QCOMPARE(describeConninfoError(u"invalid connection option \"pasword\""_s, u"host=h pasword=x"_s),
            u"invalid connection option \"pasword\""_s);
    }

private:
    int busyBackends()
    {
        // Backends of the app role running something other than this very query.
        PgBlockingConnection conn {CancelToken()};
        conn.connect(m_cluster.superuserConninfo());
        const PgResult r = conn.query(u"SELECT count(*) FROM pg_stat_activity WHERE usename = $1 "
                                      "AND state = 'active' AND pid <> pg_backend_pid()"_s,
            {QString::fromLatin1(LocalPostgres::kAppUser)});
        return r.rows.value(0).value(0).toInt();
    }

    QString m_dsn;
    LocalPostgres m_cluster;
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
