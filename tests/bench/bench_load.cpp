// SPDX-License-Identifier: MIT
// bench_load: loading a big run file or Chrome trace as `render` and Open do (issue 13's
// budget: 1 000 000 spans in ≤ 2 s and ≤ 400 MB resident), phase by phase: read + parse
// (RunFile / the trace importer, with the stats, blame and ideal schedule), the chart's model,
// a PNG export; resident memory after each.
//
//   ./build/release/tests/bench/bench_load FILE.json [--png OUT.png]

#include "render/exporters.h"
#include "render/ganttmodel.h"
#include "timeline/traceimport.h"

#include <QFile>
#include <QGuiApplication>

#include <chrono>
#include <cstdio>

using namespace Coroscope;
using Clock = std::chrono::steady_clock;

namespace {

long rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
        }
        if (line.startsWith("VmHWM:")) {
            continue;
        }
    }
    return -1;
}

long peakMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
        }
    }
    return -1;
}

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_load FILE.json [--png OUT.png]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString png = argc > 3 && QByteArray(argv[2]) == "--png" ? QString::fromLocal8Bit(argv[3]) : QString();
    const auto t0 = Clock::now();
    QString error;
    auto run = loadRunOrTrace(path, &error);
    if (!run) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const double load = since(t0);
    std::printf("load     %6.2f s  rss %5ld MB  peak %5ld MB  (%zu spans, %lld lanes)\n", load, rssMb(), peakMb(),
        run->spans.size(), static_cast<long long>(run->lanes.size()));
    const auto t1 = Clock::now();
    const GanttModel model(std::move(*run));
    const double build = since(t1);
    std::printf("model    %6.2f s  rss %5ld MB  peak %5ld MB\n", build, rssMb(), peakMb());
    double exportS = 0;
    if (!png.isEmpty()) {
        const auto t2 = Clock::now();
        if (!Export::write(model, png, {}, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        exportS = since(t2);
        std::printf("png      %6.2f s  rss %5ld MB  peak %5ld MB\n", exportS, rssMb(), peakMb());
    }
    std::printf("total    %6.2f s (budget 2 s), peak %ld MB (budget 400 MB)\n", load + build + exportS, peakMb());
    return 0;
}
