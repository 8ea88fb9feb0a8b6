// SPDX-License-Identifier: MIT
// The fault suite (ctest label `faults`): real servers that refuse, reject, vanish or answer
// garbage, against every experiment family. Each run must fail with a red span whose message
// names the cause, keep its partial timeline, never crash (the suite runs under ASan + UBSan
// in CI), never print a password — and the next run in the same process must work.

#include "async/errors.h"
#include "async/sleep.h"
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/prerequisites.h"
#include "experiments/runner.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "pg/conninfo.h"
#include "pg/localpostgres.h"
#include "pg/pgconnection.h"
#include "pg/pgpool.h"
#include "render/exporters.h"
#include "render/ganttmodel.h"
#include "timeline/savefile.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <csignal>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

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

/**
 * A raw TCP server on 127.0.0.1 that misbehaves on purpose, chosen by the request's path:
 * /silent never answers, /garbage answers something that is not HTTP, /cut closes after 11
 * of 1000 promised bytes, /headers sends only the headers and waits, /trickle sends a byte
 * every 100 ms, /500 answers an error, /close hangs up at once, /chunked-cut stops inside a
 * chunked body, /ok answers properly. Its own threads: a blocking client may hold the test's.
 */
class RawServer
{
public:
    RawServer()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_listen, 64);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~RawServer()
    {
        m_stop = true;
        m_acceptor.join();
        std::lock_guard lock(m_mutex);
        for (std::thread &t : m_threads) {
            t.join();
        }
        ::close(m_listen);
    }
    [[nodiscard]] QString url(const char *path) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(QLatin1StringView(path));
    }

private:
    void acceptLoop()
    {
        while (!m_stop) {
            pollfd p {m_listen, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) {
                continue;
            }
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                std::lock_guard lock(m_mutex);
                m_threads.emplace_back([this, fd] { serve(fd); });
            }
        }
    }
    /// Waits up to `ms` or until the server stops or the client hangs up; false if it should end.
    bool idle(int fd, int ms)
    {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (!m_stop && std::chrono::steady_clock::now() < until) {
            pollfd p {fd, POLLIN, 0};
            if (::poll(&p, 1, 10) > 0) {
                char b[512];
                if (::recv(fd, b, sizeof b, MSG_DONTWAIT) == 0) {
                    return false;
                }
            }
        }
        return !m_stop;
    }
    void send(int fd, const QByteArray &bytes) { ::send(fd, bytes.constData(), bytes.size(), MSG_NOSIGNAL); }
    void serve(int fd)
    {
        QByteArray request;
        char b[4096];
        while (!m_stop && !request.contains("\r\n\r\n")) {
            pollfd p {fd, POLLIN, 0};
            if (::poll(&p, 1, 20) > 0) {
                const auto n = ::recv(fd, b, sizeof b, 0);
                if (n <= 0) {
                    break;
                }
                request.append(b, n);
            }
        }
        const QByteArray path = request.split(' ').value(1).split('?').value(0);
        if (path == "/silent") {
            while (idle(fd, 1000)) { }
        } else if (path == "/garbage") {
            send(fd, "SSH-2.0-OpenSSH_9.2\x1b[31m red\r\n\r\n");
        } else if (path == "/cut") {
            send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhello world");
        } else if (path == "/headers") {
            send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            while (idle(fd, 1000)) { }
        } else if (path == "/trickle") {
            send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 100 && idle(fd, 100); ++i) {
                send(fd, "x");
            }
        } else if (path == "/500") {
            send(fd, "HTTP/1.1 500 Internal \x1b[2JServer Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\noops");
        } else if (path == "/chunked-cut") {
            send(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nabc");
        } else if (path == "/ok") {
            send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        }
        ::close(fd);
    }

    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop {false};
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<std::thread> m_threads;
};

QCoro::Task<HttpResponse> asyncGet(QUrl url, std::chrono::milliseconds timeout)
{
    AsyncHttpClient client({.limit = 4, .timeout = timeout}, CancelToken());
    co_return co_await client.get(url);
}

/// What a raw exchange with a server got: the bytes, and whether the server closed.
struct Exchange
{
    QByteArray bytes;
    bool closed = false;
};

/// Sends `request` on a new connection (in `pieces`, a pause between them) and reads for
/// `readMs`, or until the server closes.
Exchange exchange(quint16 port, const QList<QByteArray> &pieces, int readMs, int pauseMs = 0)
{
    Exchange out;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return out;
    }
    for (const QByteArray &piece : pieces) {
        ::send(fd, piece.constData(), piece.size(), MSG_NOSIGNAL);
        if (pauseMs) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
        }
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(readMs);
    char b[4096];
    while (std::chrono::steady_clock::now() < until) {
        pollfd p {fd, POLLIN, 0};
        if (::poll(&p, 1, 10) <= 0) {
            continue;
        }
        const auto n = ::recv(fd, b, sizeof b, 0);
        if (n <= 0) {
            out.closed = true;
            break;
        }
        out.bytes.append(b, n);
    }
    ::close(fd);
    return out;
}

/// Runs a real client program; its exit code and output.
std::pair<int, QByteArray> runProgram(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAll() + "\n(timed out)"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

int openFds()
{
    return static_cast<int>(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

int threadCount()
{
    QFile status(u"/proc/self/status"_s);
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Threads:")) {
                return line.mid(8).trimmed().toInt();
            }
        }
    }
    return -1;
}

QCoro::Task<QString> pooledQuery(PgPool &pool, QString sql)
{
    PgPool::Lease conn = co_await pool.acquire();
    const PgResult r = co_await conn->query(sql);
    co_return r.rows.value(0).value(0);
}

QCoro::Task<> pause(std::chrono::milliseconds howLong)
{
    co_await sleepFor(howLong, CancelToken());
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The binary speaks the locale's language: these tests read its English.
        qputenv("COROSCOPE_LANG", "en");
        m_dsn = useFixtureCluster();
        if (!m_dsn.isEmpty()) {
            QString why;
            QVERIFY2(m_cluster.adopt(qEnvironmentVariable("COROSCOPE_TEST_PG_DIR"), &why), qPrintable(why));
        }
    }

    void cleanup() { qputenv("COROSCOPE_PG_DSN", m_dsn.toUtf8()); }

#define REQUIRE_POSTGRES()                                                                                   \
    if (m_dsn.isEmpty()) {                                                                                   \
        QSKIP("needs the ctest fixture's PostgreSQL cluster");                                               \
    }

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
        REQUIRE_POSTGRES();
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
        REQUIRE_POSTGRES();
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
        for (const Experiment *e : Catalog::all()) {
            QTest::newRow(qPrintable(e->id())) << e->id();
        }
    }

    void cancelMidRun()
    {
        QFETCH(QString, id);
        const Experiment *e = Catalog::find(id);
        QVERIFY(e);
        const bool postgres = dynamic_cast<const PostgresExperiment *>(e) != nullptr;
        if (postgres) {
            REQUIRE_POSTGRES();
        }
        Runner runner;
        // Warm up what lives for the whole process (the embedded delay servers, the pool of
        // QHostInfo), so that what is counted afterwards is what this run left behind.
        runner.runAndWait(*e, paramsFor(*e, crowded(*e, 0.01)));
        const int fdsBefore = openFds();
        const int threadsBefore = threadCount();
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
        // Nothing left behind: descriptors (sockets, notifiers), threads, and on the server
        // no backend of this run still running a query.
        QTRY_VERIFY2_WITH_TIMEOUT(openFds() <= fdsBefore,
            qPrintable(u"%1 descriptors open, %2 before"_s.arg(openFds()).arg(fdsBefore)), 5000);
        QTRY_VERIFY2_WITH_TIMEOUT(threadCount() <= threadsBefore,
            qPrintable(u"%1 threads, %2 before"_s.arg(threadCount()).arg(threadsBefore)), 5000);
        if (postgres) {
            QTRY_VERIFY_WITH_TIMEOUT(busyBackends() == 0, 3000);
        }
    }

    /// HTTP servers that misbehave: both clients fail with the URL and what was missing,
    /// within the time limit they name.
    void httpFaults_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("cause");
        QTest::newRow("garbage") << u"/garbage"_s << u"not an HTTP response: 'SSH-2.0-OpenSSH_9.2\\x1b[31m red'"_s;
        QTest::newRow("cut_short") << u"/cut"_s
                                   << u"cut short: 11 of 1000 bytes (Content-Length) before the server closed"_s;
        QTest::newRow("headers_only") << u"/headers"_s
                                      << u"timed out after 1 s (got the headers and 0 of 1000 bytes)"_s;
        QTest::newRow("silent") << u"/silent"_s << u"timed out after 1 s (got no answer)"_s;
        QTest::newRow("trickle") << u"/trickle"_s << u"timed out after 1 s (got the headers and "_s;
        QTest::newRow("error_500") << u"/500"_s << u"HTTP 500 Internal \\x1b[2JServer Error"_s;
        QTest::newRow("hang_up") << u"/close"_s << u"closed the connection without answering"_s;
        QTest::newRow("chunked_cut") << u"/chunked-cut"_s << u"cut short"_s;
    }

    void httpFaults()
    {
        QFETCH(QString, path);
        QFETCH(QString, cause);
        RawServer server;
        const QUrl url(server.url(path.toLatin1().constData()));
        for (const bool blocking : {true, false}) {
            QElapsedTimer t;
            t.start();
            QString message;
            if (blocking) {
                try {
                    blockingGet(url, std::chrono::seconds(1), CancelToken());
                } catch (const Error &e) {
                    message = e.message();
                }
            } else {
                const auto outcome = runTask(asyncGet(url, std::chrono::seconds(1)), 5000);
                message = outcome.ok() ? QString() : outcome.errorMessage();
            }
            const QString what = (blocking ? u"blocking: "_s : u"async: "_s) + message;
            QVERIFY2(message.contains(cause), qPrintable(what));
            QVERIFY2(message.contains(url.toDisplayString()), qPrintable(what));
            QVERIFY2(!message.contains(QChar(0x1b)), "control characters must be escaped");
            QVERIFY2(t.elapsed() < 1800, qPrintable(u"%1 ms: "_s.arg(t.elapsed()) + what));
        }
    }

    void httpRefused()
    {
        try {
            blockingGet(QUrl(u"http://127.0.0.1:1/"_s), std::chrono::seconds(1), CancelToken());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"GET http://127.0.0.1:1/: cannot connect to 127.0.0.1:1: Connection refused"_s),
                qPrintable(e.message()));
        }
    }

    /// The HTTP experiments against a server that cuts its answers short: a red span naming
    /// the cause; then against one that never answers, cancelled within 0.5 s.
    void httpExperimentFaults_data()
    {
        QTest::addColumn<QString>("id");
        for (const Experiment *e : Catalog::all()) {
            QString error;
            if (e->resolveParams({{u"url"_s, u"http://127.0.0.1:1/"_s}}, &error)) {
                QTest::newRow(qPrintable(e->id())) << e->id();
            }
        }
    }

    void httpExperimentFaults()
    {
        QFETCH(QString, id);
        const Experiment *e = Catalog::find(id);
        QVERIFY(e);
        RawServer server;
        Runner runner;
        auto overrides = crowded(*e, 0.05);
        overrides.append({u"url"_s, server.url("/cut")});
        const RunData run = runner.runAndWait(*e, paramsFor(*e, overrides));
        QVERIFY2(run.status == RunStatus::Failed, qPrintable(toString(run.status) + u": "_s + run.error));
        QVERIFY2(run.error.contains(u"cut short: 11 of 1000 bytes"_s), qPrintable(run.error));
        QVERIFY2(errorSpans(run).contains(u"cut short"_s), qPrintable(errorSpans(run)));

        overrides.back().second = server.url("/silent");
        QElapsedTimer cancelledAt;
        QTimer::singleShot(400, &runner, [&] {
            cancelledAt.start();
            runner.cancel();
        });
        const RunData stopped = runner.runAndWait(*e, paramsFor(*e, overrides));
        const qint64 afterCancel = cancelledAt.elapsed();
        QVERIFY2(stopped.status == RunStatus::Cancelled, qPrintable(stopped.error));
        QVERIFY2(afterCancel < 500 * (kSanitized ? 2 : 1), qPrintable(u"%1 ms after the cancel"_s.arg(afterCancel)));
    }


    /// Every export format to a full disk: an error naming the path and the system's reason,
    /// the file that was there before untouched, no temporary file left behind.
    void exportsToAFullDisk_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"run.json", "run.trace.json", "run.csv", "run.png", "run.svg", "run.pdf"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }

    void exportsToAFullDisk()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString mountPoint = dir.path();
        if (::geteuid() != 0 || ::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=64k") != 0) {
            QSKIP("needs root to mount a small tmpfs (the file-size-limit test covers the rest)");
        }
        const auto unmount = qScopeGuard([&] {
            if (::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH) != 0) {
                qWarning("cannot unmount %s: %s", qPrintable(mountPoint), strerror(errno));
            }
        });
        const QString path = mountPoint + u'/' + name;
        const GanttModel model(syntheticRun(2000, 20));
        QString error;
        QVERIFY2(saveFile(path, "the previous export", &error), qPrintable(error));
        {
            QFile fill(mountPoint + u"/fill"_s);
            QVERIFY(fill.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'x');
            while (fill.write(block) == block.size() && fill.flush()) { }
        }
        QVERIFY(!Export::write(model, path, {}, &error));
        QCOMPARE(error, u"cannot write %1: No space left on device"_s.arg(path));
        QFile previous(path);
        QVERIFY(previous.open(QIODevice::ReadOnly));
        QCOMPARE(previous.readAll(), QByteArray("the previous export"));
        QCOMPARE(QDir(mountPoint).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList({u"fill"_s, name}));
    }

    /// The same without root: a file-size limit makes every write fail part-way (EFBIG).
    void exportsOverAFileSizeLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"big.csv"_s);
        const GanttModel model(syntheticRun(5000, 20));
        rlimit old {};
        ::getrlimit(RLIMIT_FSIZE, &old);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = old;
        small.rlim_cur = 4096;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QString error;
        const bool written = Export::write(model, path, {}, &error);
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!written);
        QCOMPARE(error, u"cannot write %1: File too large"_s.arg(path));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    /// A device, a folder, or a symlink to a device are never replaced; a symlink to a file
    /// is followed (the link stays, the file it names gets the export); modes are kept.
    void exportsNeverReplaceWhatIsNotAFile()
    {
        QTemporaryDir dir;
        const QString link = dir.filePath(u"devnull.json"_s);
        QVERIFY(QFile::link(u"/dev/null"_s, link));
        QString error;
        QVERIFY(!saveFile(link, "x", &error));
        QCOMPARE(error, u"cannot write %1: it is a character device, not a regular file; refusing to replace it"_s.arg(link));
        struct stat st {};
        QVERIFY(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
        QVERIFY(!saveFile(dir.path(), "x", &error));
        QVERIFY2(error.contains(u"it is a folder"_s), qPrintable(error));

        const QString real = dir.filePath(u"real.json"_s);
        QVERIFY(saveFile(real, "old", &error));
        QFile::setPermissions(real, QFile::ReadOwner | QFile::WriteOwner);
        const QString toReal = dir.filePath(u"link.json"_s);
        QVERIFY(QFile::link(real, toReal));
        QVERIFY2(saveFile(toReal, "new", &error), qPrintable(error));
        QVERIFY(QFileInfo(toReal).isSymLink());
        QFile f(real);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("new"));
        struct stat mode {};
        QVERIFY(::stat(QFile::encodeName(real).constData(), &mode) == 0);
        QCOMPARE(mode.st_mode & 0777, 0600u);

        // The command line refuses before running anything, and never says "wrote".
        QProcess cli;
        cli.start(QStringLiteral(COROSCOPE_BIN), {u"run"_s, u"tasks-concurrent"_s, u"--param"_s, u"delay=0.01"_s,
                                                  u"--export"_s, link});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(!cli.readAllStandardOutput().contains("wrote"));
        QVERIFY2(cli.readAllStandardError().contains("not a regular file; refusing to replace it"), "stderr");
    }


    /// A server's control characters (an ESC that clears the screen) never reach a terminal
    /// or a CSV raw: they are shown as \x1b.
    void serverTextWithoutControlCharacters()
    {
        REQUIRE_POSTGRES();
        QTemporaryDir dir;
        const QString csv = dir.filePath(u"run.csv"_s);
        QProcess cli;
        cli.start(QStringLiteral(COROSCOPE_BIN),
            {u"run"_s, u"pg-async-x2"_s, u"--param"_s, u"delay=0.01"_s, u"--param"_s,
                u"sql=DO $$BEGIN RAISE EXCEPTION E'\\x1b[2J\\x07boom'; END$$"_s, u"--export"_s, csv});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        const QByteArray out = cli.readAllStandardOutput() + cli.readAllStandardError();
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray rows = f.readAll();
        for (const QByteArray &text : {out, rows}) {
            QVERIFY2(text.contains("\\x1b[2J\\x07boom"), text.constData());
            QVERIFY(!text.contains('\x1b'));
            QVERIFY(!text.contains('\x07'));
        }
    }


    /// The delay server speaks HTTP/1.0 and 1.1 as real clients expect.
    void delayServerProtocol()
    {
        DelayServer server;
        QString error;
        QVERIFY2(server.start({.idleTimeout = 400ms, .headerTimeout = 300ms}, &error), qPrintable(error));
        const quint16 port = server.port();

        // HTTP/1.0: the answer, then the server closes.
        auto e = exchange(port, {"GET /?delay=0 HTTP/1.0\r\n\r\n"}, 2000);
        QVERIFY2(e.bytes.startsWith("HTTP/1.1 200 OK\r\n") && e.bytes.contains("Connection: close\r\n"), e.bytes.constData());
        QVERIFY(e.closed);
        // HTTP/1.0 asking for keep-alive gets it, and a second request on the same connection.
        e = exchange(port, {"GET /?delay=0&value=a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                              "GET /?delay=0&value=b HTTP/1.0\r\n\r\n"}, 2000, 50);
        QCOMPARE(e.bytes.count("Connection: keep-alive\r\n"), 1);
        QCOMPARE(e.bytes.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(e.closed);
        // HTTP/1.1 with Connection: close.
        e = exchange(port, {"GET /?delay=0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, 2000);
        QVERIFY(e.bytes.contains("Connection: close\r\n") && e.closed);
        // Pipelined: answered in request order although the second is ready first.
        e = exchange(port, {"GET /?delay=0.2&value=first HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /?delay=0&value=second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, 3000);
        QVERIFY2(e.bytes.indexOf("first") >= 0 && e.bytes.indexOf("first") < e.bytes.indexOf("second"), e.bytes.constData());
        // HEAD, 204 and 304: no body.
        e = exchange(port, {"HEAD /?delay=0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, 2000);
        QVERIFY2(e.bytes.startsWith("HTTP/1.1 200 OK") && e.bytes.endsWith("\r\n\r\n") && e.bytes.contains("Content-Length: "), e.bytes.constData());
        for (const char *status : {"204", "304"}) {
            e = exchange(port, {"GET /?delay=0&status=" + QByteArray(status) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, 2000);
            QVERIFY2(e.bytes.startsWith("HTTP/1.1 " + QByteArray(status)) && e.bytes.endsWith("\r\n\r\n"), e.bytes.constData());
        }
        e = exchange(port, {"GET /?status=100 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}, 2000);
        QVERIFY2(e.bytes.startsWith("HTTP/1.1 400") && e.bytes.contains("not a final HTTP status code"), e.bytes.constData());
        // Malformed requests: 400 (or 505), then closed.
        for (const auto &[request, status] : std::initializer_list<std::pair<QByteArray, QByteArray>> {
                 {"GARBAGE\r\n\r\n", "400"}, {"GET / HTTP/2.0\r\n\r\n", "505"}, {"GET / HTTP/1.1\r\n\r\n", "400"},
                 {"GET /?delay=0 HTTP/1.1\r\nHost: x\r\n bad fold\r\n\r\n", "400"},
                 {"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", "501"},
                 {QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), "400"}}) {
            e = exchange(port, {request}, 2000);
            QVERIFY2(e.bytes.startsWith("HTTP/1.1 " + status) && e.closed, (request + " -> " + e.bytes).constData());
        }
        e = exchange(port, {"POST /?delay=0 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"}, 2000);
        QVERIFY2(e.bytes.startsWith("HTTP/1.1 405") && e.bytes.contains("Allow: GET, HEAD"), e.bytes.constData());
        // An idle keep-alive connection is closed after the idle limit; a client that never
        // finishes its headers gets 408 after the header limit.
        QElapsedTimer t;
        t.start();
        e = exchange(port, {"GET /?delay=0 HTTP/1.1\r\nHost: x\r\n\r\n"}, 3000);
        QVERIFY(e.closed && t.elapsed() >= 350 && t.elapsed() < 2000);
        t.restart();
        e = exchange(port, {"GET /?delay=0 HTTP/1.1\r\nHo"}, 3000);
        QVERIFY2(e.bytes.startsWith("HTTP/1.1 408") && e.closed && t.elapsed() < 2000, e.bytes.constData());

        // A second server on the same port is refused.
        DelayServer second;
        QVERIFY(!second.start({.port = port}, &error));
        QVERIFY2(error.contains(u"the port is already in use"_s), qPrintable(error));
        QVERIFY(server.isRunning());
    }

    /// Real clients complete against the delay server: ApacheBench with and without
    /// keep-alive, curl, Python's http.client (HTTP/1.0 and 1.1 with keep-alive).
    void delayServerWithRealClients()
    {
        DelayServer server;
        QString error;
        QVERIFY2(server.start({}, &error), qPrintable(error));
        const QString url = server.url().toString() + u"?delay=0.01"_s;
        if (!QStandardPaths::findExecutable(u"ab"_s).isEmpty()) {
            for (const bool keepAlive : {false, true}) {
                QStringList args {u"-q"_s, u"-n"_s, u"200"_s, u"-c"_s, u"50"_s, u"-s"_s, u"10"_s};
                if (keepAlive) {
                    args << u"-k"_s;
                }
                const auto [code, out] = runProgram(u"ab"_s, args << url, 30000);
                QVERIFY2(code == 0 && out.contains("Complete requests:      200") && out.contains("Failed requests:        0"),
                    out.constData());
            }
        }
        if (!QStandardPaths::findExecutable(u"curl"_s).isEmpty()) {
            const auto [code, out] = runProgram(u"curl"_s, {u"-sS"_s, u"--http1.0"_s, url, url});
            QVERIFY2(code == 0 && out.count("\"delay\":0.01") == 2, out.constData());
        }
        const QString script = uR"(
import http.client, sys
port = int(sys.argv[1])
for version in (10, 11):
    http.client.HTTPConnection._http_vsn = version
    http.client.HTTPConnection._http_vsn_str = 'HTTP/1.0' if version == 10 else 'HTTP/1.1'
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
    for i in range(3):
        c.request('GET', '/?delay=0.01&value=%d' % i, headers={'Connection': 'keep-alive'})
        r = c.getresponse()
        body = r.read()
        assert r.status == 200 and b'"value":"%d"' % i in body, (r.status, body)
    c.request('HEAD', '/?delay=0')
    r = c.getresponse()
    assert r.read() == b''
    c.close()
print('ok')
)"_s;
        const auto [code, out] = runProgram(u"/usr/bin/python3"_s, {u"-c"_s, script, QString::number(server.port())});
        QVERIFY2(code == 0 && out.trimmed() == "ok", out.constData());
    }


    /// Every DSN error path through the command line, with a distinctive password: it appears
    /// nowhere — not on stdout or stderr (text, --json, --text), not in any export format.
    void secretsNeverLeaveTheCommandLine_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("dsn");
        const QString pw = QString::fromLatin1(kSecret);
        const QList<std::pair<const char *, QString>> dsns {
            {"refused", u"host=127.0.0.1 port=1 user=x password=%1 dbname=postgres"_s.arg(pw)},
            {"unclosed_bracket", u"postgresql://u:%1@[::1/db"_s.arg(pw)},
            {"missing_equals", u"host=127.0.0.1 password%1"_s.arg(pw)},
            {"mistyped_keyword", u"host=127.0.0.1 port=1 pasword=%1"_s.arg(pw)},
            {"unterminated_quote", u"host=127.0.0.1 password='%1"_s.arg(pw)},
            {"unknown_host", u"postgres://u:%1@no-such-host.invalid/db"_s.arg(pw)},
        };
        for (const char *id : {"pg-async-x2", "pg-blocking-x2", "pg-pool-saturation", "pg-blocking-driver-offload"}) {
            for (const auto &[name, dsn] : dsns) {
                QTest::addRow("%s/%s", id, name) << QString::fromLatin1(id) << dsn;
            }
        }
    }

    void secretsNeverLeaveTheCommandLine()
    {
        QFETCH(QString, id);
        QFETCH(QString, dsn);
        QTemporaryDir dir;
        QStringList args {u"run"_s, id, u"--param"_s, u"delay=0.01"_s, u"--dsn"_s, dsn, u"--text"_s};
        for (const char *name : {"r.png", "r.svg", "r.pdf", "r.json", "r.trace.json", "r.csv"}) {
            args << u"--export"_s << dir.filePath(QString::fromLatin1(name));
        }
        for (const bool json : {false, true}) {
            QProcess cli;
            cli.start(QStringLiteral(COROSCOPE_BIN), json ? args + QStringList {u"--json"_s} : args);
            QVERIFY(cli.waitForFinished(60000));
            QCOMPARE(cli.exitCode(), 1);
            const QByteArray out = cli.readAllStandardOutput() + cli.readAllStandardError();
            QVERIFY2(!out.contains(kSecret), out.constData());
            QVERIFY2(out.contains(json ? "failed" : "failed:"), out.constData());
        }
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray bytes = f.readAll();
            if (name.endsWith(u".pdf"_s)) { // text in a PDF is compressed: ask pdftotext
                QProcess text;
                text.start(u"pdftotext"_s, {f.fileName(), u"-"_s});
                QVERIFY(text.waitForFinished(30000));
                bytes = text.readAllStandardOutput();
            }
            QVERIFY2(!bytes.contains(kSecret), qPrintable(name));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 6);
    }


    /// The server goes away in the middle (`pg_ctl stop -m immediate`, as a crash or a
    /// failover) and comes back: the query in flight fails with the server's reason, the pool
    /// reconnects with backoff and says so on its lane, and the next task gets a connection.
    /// A wrong password is not retried.
    void poolSurvivesAnOutage()
    {
        LocalPostgres cluster;
        QString why;
        if (LocalPostgres::findBinDir(&why).isEmpty()) {
            QSKIP(qPrintable(why));
        }
        QVERIFY2(cluster.start(&why), qPrintable(why));
        Recorder rec;
        PgPool pool({.conninfo = cluster.tcpConninfo(), .maxSize = 2, .reconnectAttempts = 7,
                        .reconnectBackoff = 100ms},
            CancelToken(), &rec);
        QCOMPARE(runTask(pooledQuery(pool, u"SELECT 1"_s)).value(), u"1"_s);

        // 1. A query in flight when the server dies.
        auto inFlight = pooledQuery(pool, u"SELECT pg_sleep(10)"_s);
        QVERIFY(runTask(pause(200ms)).ok());
        QVERIFY2(cluster.stopServer(&why), qPrintable(why));
        const auto cut = runTask(std::move(inFlight), 5000);
        QVERIFY(!cut.ok());
        QVERIFY2(cut.errorMessage().contains(u"server closed the connection"_s)
                || cut.errorMessage().contains(u"terminating connection"_s)
                || cut.errorMessage().contains(u"lost the connection"_s),
            qPrintable(cut.errorMessage()));

        // 2. While it is down a task waits through the reconnect attempts; the server comes
        // back after 0.8 s (started from another thread: pg_ctl blocks) and the task goes on.
        std::thread restart([&cluster] {
            std::this_thread::sleep_for(800ms);
            cluster.startServer();
        });
        QElapsedTimer t;
        t.start();
        const auto after = runTask(pooledQuery(pool, u"SELECT 2"_s), 15000);
        restart.join();
        QVERIFY2(after.ok(), qPrintable(after.errorMessage()));
        QCOMPARE(after.value(), u"2"_s);
        QVERIFY2(t.elapsed() >= 700, qPrintable(QString::number(t.elapsed())));
        const PgPoolStats stats = pool.stats();
        QVERIFY2(stats.reconnects >= 2 && stats.lost >= 1,
            qPrintable(u"reconnects %1, lost %2"_s.arg(stats.reconnects).arg(stats.lost)));
        RunData run;
        rec.snapshot(run);
        const auto reconnecting = std::count_if(run.marks.begin(), run.marks.end(), [&](const Mark &m) {
            return run.str(m.name) == u"reconnecting"_s && run.str(m.detail).contains(u"Connection refused"_s);
        });
        QVERIFY2(reconnecting >= 2, "the connection lane says it is reconnecting, and why");
        QVERIFY(runTask(pool.close()).ok());

        // 3. A wrong password fails at once: no retry can fix it.
        PgPool wrong({.conninfo = u"host=127.0.0.1 port=%1 user=%2 password=wrong dbname=postgres"_s.arg(cluster.port())
                             .arg(QLatin1StringView(LocalPostgres::kPasswordUser)),
                         .maxSize = 1},
            CancelToken());
        t.restart();
        const auto refused = runTask(pooledQuery(wrong, u"SELECT 1"_s));
        QVERIFY(!refused.ok() && refused.errorMessage().contains(u"password authentication failed"_s));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(wrong.stats().reconnects, 0);
    }


    /// At the open-file limit the error says what the limit is and how to raise it.
    void openFileLimitIsNamed()
    {
        if (QStandardPaths::findExecutable(u"prlimit"_s).isEmpty()) {
            QSKIP("needs prlimit (util-linux)");
        }
        if (kSanitized) {
            // UBSan checks a vtable by writing it through a pipe (IsAccessibleMemoryRange): with
            // no descriptor left that fails and it reports an "invalid vptr" that is not there.
            QSKIP("UBSan's vptr check needs a free file descriptor");
        }
        const auto [code, out] = runProgram(u"prlimit"_s,
            {u"--nofile=60:60"_s, QStringLiteral(COROSCOPE_BIN), u"run"_s, u"http-fanout"_s, u"--param"_s,
                u"n=200"_s, u"--param"_s, u"limit=200"_s, u"--param"_s, u"delay=0.05"_s});
        QVERIFY2(code == 1, out.constData());
        QVERIFY2(out.contains("Out of resources: the open-file limit (60) is reached — raise it with `ulimit -n`"),
            out.constData());
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

    // libpq drops a backslash at the very end ("password=secret\\" is "secret"): a message
    // quoting the password libpq read is scrubbed too (found by fuzz_conninfo).
    void trailingBackslashPasswordIsScrubbed()
    {
        const QString pw = QString::fromLatin1(kSecret);
        for (const QString &dsn : {u"host=h password=%1\\"_s.arg(pw), u"host=h password='%1\\"_s.arg(pw)}) {
            const QString echoed = u"failed: \"%1\" (%2)"_s.arg(dsn, pw);
            QVERIFY2(!scrubConninfo(echoed, dsn).contains(pw), qPrintable(scrubConninfo(echoed, dsn)));
            QVERIFY2(!redactConninfo(dsn).contains(pw), qPrintable(redactConninfo(dsn)));
        }
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

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
