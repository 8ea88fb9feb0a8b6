// SPDX-License-Identifier: MIT
// bench_pg_select1 [--dsn DSN] [--connections K] [--seconds S] [--socket]
// SELECT 1 throughput over K async connections (PgConnection on one event loop) for S seconds.
// Without --dsn it starts a private cluster and connects over TCP on 127.0.0.1 (like the
// Python peer's asyncpg/psycopg measurements); --socket uses its Unix socket instead.
// Last line: queries_per_second=N. Target: ≥ 1.5× asyncpg at 1 and 8 connections.

#include "pg/localpostgres.h"
#include "pg/pgconnection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>

#include <chrono>
#include <cstdio>

using namespace Coroscope;
using Clock = std::chrono::steady_clock;

namespace {

QCoro::Task<> worker(QString dsn, Clock::time_point until, quint64 *count, QString *error)
{
    try {
        PgConnection conn {CancelToken()};
        co_await conn.connect(dsn);
        const QString sql = QStringLiteral("SELECT 1");
        while (Clock::now() < until) {
            co_await conn.query(sql);
            ++*count;
        }
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
    }
}

QCoro::Task<> runAll(
    QString dsn, int connections, double seconds, quint64 *total, QString *error, QEventLoop *loop)
{
    std::vector<quint64> counts(static_cast<std::size_t>(connections), 0);
    std::vector<QCoro::Task<>> workers;
    const auto until = Clock::now() + std::chrono::milliseconds(static_cast<qint64>(seconds * 1000));
    for (int i = 0; i < connections; ++i) {
        workers.push_back(worker(dsn, until, &counts[static_cast<std::size_t>(i)], error));
    }
    for (auto &w : workers) {
        co_await w;
    }
    for (const quint64 c : counts) {
        *total += c;
    }
    loop->quit();
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_NO_GLIB", "1"); // the event dispatcher the app uses (app/main.cpp)
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("dsn"), QStringLiteral("libpq connection string"), QStringLiteral("dsn")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("connections"), QStringLiteral("k"),
        QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("seconds"), QStringLiteral("seconds"), QStringLiteral("s"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("socket"), QStringLiteral("private cluster over its Unix socket")});
    parser.process(app);

    LocalPostgres cluster;
    QString dsn = parser.value(QStringLiteral("dsn"));
    if (dsn.isEmpty()) {
        QString error;
        if (!cluster.start(&error)) {
            std::fprintf(stderr, "bench_pg_select1: %s\n", qPrintable(error));
            return 1;
        }
        dsn = parser.isSet(QStringLiteral("socket")) ? cluster.conninfo() : cluster.tcpConninfo();
    }
    const int connections = parser.value(QStringLiteral("connections")).toInt();
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    quint64 total = 0;
    QString error;
    QEventLoop loop;
    const auto t0 = Clock::now();
    auto task = runAll(dsn, connections, seconds, &total, &error, &loop);
    loop.exec();
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_pg_select1: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("connections=%d seconds=%.2f queries=%llu\n", connections, elapsed,
        static_cast<unsigned long long>(total));
    std::printf("queries_per_second=%.0f\n", static_cast<double>(total) / elapsed);
    return 0;
}
