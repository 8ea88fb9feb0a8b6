// SPDX-License-Identifier: MIT
// bench_http_fanout: N concurrent GET /?delay=1 against the embedded delay server, with the
// client's connection limit equal to N. Reports wall time, overhead above the 1 s ideal, peak
// RSS and CPU time. Each N runs in a child process of its own (so RSS and CPU are that
// configuration's), as the Python peer's scale.py does.
// Targets: 5 000 requests ≤ 1.3 s wall, 10 000 ≤ 1.6 s.
//
//   bench_http_fanout                 all sizes (100 1000 5000 10000), 3 repetitions each
//   bench_http_fanout --one N [reps]  one size in this process (the parent runs each repetition
//                                     in a fresh process)

#include "async/epolldispatcher.h"
#include "async/gather.h"
#include "http/delayserver.h"
#include "http/httpclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace Coroscope;

namespace {

QCoro::Task<int> fetch(AsyncHttpClient &client, QUrl url)
{
    const HttpResponse r = co_await client.get(url);
    co_return r.status;
}

QCoro::Task<> fanout(int n, QUrl url, double *wall, int *failures)
{
    AsyncHttpClient client({.limit = n, .timeout = std::chrono::seconds(60)}, CancelToken());
    std::vector<QCoro::Task<int>> requests;
    requests.reserve(static_cast<std::size_t>(n));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i) {
        requests.push_back(fetch(client, url));
    }
    const auto outcomes = co_await gatherSettled(std::move(requests));
    *wall = static_cast<double>(t.nsecsElapsed()) / 1e9;
    *failures = static_cast<int>(
        std::count_if(outcomes.begin(), outcomes.end(), [](const auto &o) { return !o.ok(); }));
    if (*failures > 0) {
        std::fprintf(stderr, "first failure: %s\n",
            qPrintable(std::find_if(outcomes.begin(), outcomes.end(), [](const auto &o) {
                return !o.ok();
            })->errorMessage()));
    }
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int runOne(int n, int reps)
{
    // The server: another process's (COROSCOPE_BENCH_URL, as the Python peer does it), or
    // the embedded one in this process.
    const QByteArray external = qgetenv("COROSCOPE_BENCH_URL");
    const QUrl url = withDelay(
        external.isEmpty() ? DelayServer::embedded().url() : QUrl(QString::fromUtf8(external)), 1.0);
    std::vector<double> walls;
    const double cpu0 = cpuSeconds();
    for (int r = 0; r < reps; ++r) {
        double wall = 0;
        int failures = 0;
        QEventLoop loop;
        auto task = fanout(n, url, &wall, &failures);
        task.then([&loop] { loop.quit(); });
        loop.exec();
        // Delete the client's connections now (they abort: no TIME_WAIT left behind to use up
        // the ephemeral ports of the next repetition).
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (failures > 0) {
            std::printf("{\"n\":%d,\"failures\":%d}\n", n, failures);
            return 1;
        }
        walls.push_back(wall);
    }
    std::sort(walls.begin(), walls.end());
    const double cpuPerRep = (cpuSeconds() - cpu0) / reps;
    std::printf("{\"n\":%d,\"wall_median_s\":%.4f,\"wall_max_s\":%.4f,\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f}\n",
        n, walls[walls.size() / 2], walls.back(), cpuPerRep, peakRssMb());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1"); // as the coroscope app does
    }
    if (useEpollDispatcher()) {
        // What a run's thread uses in the app (Runner): epoll. COROSCOPE_DISPATCHER=qt compares.
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    }
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1StringView("--one")) {
        return runOne(args.at(2).toInt(), args.size() >= 4 ? args.at(3).toInt() : 3);
    }
    std::printf("%-8s %10s %10s %10s %9s %10s   %s\n", "N", "wall (med)", "wall (max)", "overhead", "CPU",
        "peak RSS", "target");
    bool ok = true;
    for (const int n : {100, 1000, 5000, 10000}) {
        // Each repetition in a fresh process, as the Python peer measures (scale.py): a second
        // fan-out of 10 000 in the same process runs ~40 % slower (allocator state, CPU 0.8 →
        // 1.2 s), which is the bench's doing, not what a run in the app sees.
        std::vector<double> walls;
        double cpu = 0;
        double rss = 0;
        QByteArray line;
        for (int rep = 0; rep < 3; ++rep) {
            // Let the previous fan-out's connections drain first: right after 10 000 of them the
            // server is still closing sockets and 14 000 client ports sit in TIME_WAIT, and the
            // next 10 000 take 2.2 s instead of 1.6 s (measured) — for any client.
            QThread::sleep(n >= 5000 ? 3 : 1);
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--one"), QString::number(n), QStringLiteral("1")});
            child.waitForFinished(300'000);
            line = child.readAllStandardOutput().trimmed();
            const auto one = QJsonDocument::fromJson(line).object();
            if (child.exitCode() != 0 || !one.contains(QStringLiteral("wall_median_s"))) {
                walls.clear();
                break;
            }
            walls.push_back(one.value(QStringLiteral("wall_median_s")).toDouble());
            cpu = std::max(cpu, one.value(QStringLiteral("cpu_s")).toDouble());
            rss = std::max(rss, one.value(QStringLiteral("peak_rss_mb")).toDouble());
        }
        if (walls.empty()) {
            std::printf("%-8d failed: %s\n", n, line.constData());
            ok = false;
            continue;
        }
        std::sort(walls.begin(), walls.end());
        const QJsonObject o {{QStringLiteral("wall_median_s"), walls[1]},
            {QStringLiteral("wall_max_s"), walls.back()}, {QStringLiteral("cpu_s"), cpu},
            {QStringLiteral("peak_rss_mb"), rss}};
        const double wall = o.value(QStringLiteral("wall_median_s")).toDouble();
        const double target = n == 5000 ? 1.3 : n == 10000 ? 1.6 : 0;
        const bool pass = target == 0 || wall <= target;
        ok &= pass;
        std::printf("%-8d %9.3fs %9.3fs %8.0fms %8.2fs %8.0fMB   %s\n", n, wall,
            o.value(QStringLiteral("wall_max_s")).toDouble(), (wall - 1.0) * 1e3,
            o.value(QStringLiteral("cpu_s")).toDouble(), o.value(QStringLiteral("peak_rss_mb")).toDouble(),
            target == 0 ? "-"
                        : (pass ? qPrintable(QStringLiteral("ok (≤ %1 s)").arg(target))
                                : qPrintable(QStringLiteral("OVER (≤ %1 s)").arg(target))));
    }
    return ok ? 0 : 1;
}
