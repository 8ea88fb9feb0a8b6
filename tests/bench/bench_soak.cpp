// SPDX-License-Identifier: MIT
// bench_soak: the same experiments again and again in one process — open file descriptors and
// resident memory must stay flat (no leaked sockets, connections, threads or timelines).
//
//   bench_soak [repeats]   default 20: http-fanout n=5000 limit=5000 delay=0.2, then
//                          pg-pool-saturation tasks=150 pool=10 delay=0.05 (the private
//                          cluster, or COROSCOPE_PG_DSN)
//
// Prints one line per repetition (fds, RSS, threads) and exits 1 when, after the warm-up
// repetitions, descriptors grew at all or resident memory grew by more than 10 %.

#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <QThread>

#include <cstdio>

#include <malloc.h>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

int openFds()
{
    return static_cast<int>(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

/// VmRSS and Threads from /proc/self/status.
std::pair<double, int> rssMbAndThreads()
{
    QFile status(u"/proc/self/status"_s);
    double rss = 0;
    int threads = 0;
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                rss = line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
            } else if (line.startsWith("Threads:")) {
                threads = line.mid(8).trimmed().toInt();
            }
        }
    }
    return {rss, threads};
}

struct Sample
{
    int fds;
    double rssMb;
    int threads;
};

/// Runs `id` `repeats` times; false when a run failed or resources grew.
bool soak(const QString &id, const QList<std::pair<QString, QString>> &overrides, int repeats)
{
    const Experiment *e = Catalog::find(id);
    QString error;
    const auto params = e ? e->resolveParams(overrides, &error) : std::nullopt;
    if (!params) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(id), qPrintable(error));
        return false;
    }
    Runner runner;
    std::vector<Sample> samples;
    std::printf("%s %s\n", qPrintable(id), qPrintable(params->summary()));
    std::printf("  %-4s %8s %6s %8s %8s\n", "rep", "wall s", "fds", "RSS MB", "threads");
    for (int i = 0; i < repeats; ++i) {
        const RunData run = runner.runAndWait(*e, *params);
        if (run.status != RunStatus::Ok) {
            std::fprintf(stderr, "  run %d failed: %s\n", i + 1, qPrintable(run.error));
            return false;
        }
        // The delay server closes its side of 5 000 connections after the client's: wait
        // until the descriptors settle before counting them.
        int fds = openFds();
        for (int waited = 0; waited < 100; ++waited) {
            QThread::msleep(50);
            const int now = openFds();
            if (now >= fds && now < 64) {
                break;
            }
            fds = now;
        }
        fds = openFds();
        // Memory freed but kept by malloc is not a leak: give it back before measuring.
        ::malloc_trim(0);
        const auto [rss, threads] = rssMbAndThreads();
        samples.push_back({fds, rss, threads});
        std::printf("  %-4d %8.3f %6d %8.1f %8d\n", i + 1, run.stats.wallS, samples.back().fds, rss, threads);
        std::fflush(stdout);
    }
    // After warming up (the first quarter: pools, caches, the server's threads), flat.
    const Sample &warm = samples[static_cast<std::size_t>(std::max(1, repeats / 4))];
    const Sample &end = samples.back();
    const bool fdsFlat = end.fds <= warm.fds;
    const bool rssFlat = end.rssMb <= warm.rssMb * 1.10;
    const bool threadsFlat = end.threads <= warm.threads;
    std::printf("  after warm-up: fds %d -> %d%s, RSS %.1f -> %.1f MB%s, threads %d -> %d%s\n", warm.fds, end.fds,
        fdsFlat ? "" : " (GREW)", warm.rssMb, end.rssMb, rssFlat ? "" : " (GREW)", warm.threads, end.threads,
        threadsFlat ? "" : " (GREW)");
    return fdsFlat && rssFlat && threadsFlat;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(4, std::atoi(argv[1])) : 20;
    bool ok = soak(u"http-fanout"_s, {{u"n"_s, u"5000"_s}, {u"limit"_s, u"5000"_s}, {u"delay"_s, u"0.2"_s}}, repeats);
    ok = soak(u"pg-pool-saturation"_s, {{u"tasks"_s, u"150"_s}, {u"pool"_s, u"10"_s}, {u"delay"_s, u"0.05"_s}}, repeats)
        && ok;
    std::printf("%s\n", ok ? "flat" : "GREW or failed");
    return ok ? 0 : 1;
}
