// SPDX-License-Identifier: MIT
// bench_gantt [FILE]: painting 100 000 spans over 1 000 lanes (or FILE, a run file or trace)
// at 1920×1080, device pixel ratio 2, fitted and at 10× zoom, with each layer of the chart left
// out in turn (where a frame's time goes); and a PNG export of the same run.
// Targets: median ≤ 16 ms, p95 ≤ 33 ms per frame; PNG export ≤ 1 s.

#include "render/exporters.h"
#include "render/ganttmodel.h"
#include "render/ganttpainter.h"
#include "testutil.h"
#include "timeline/stats.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Coroscope;

namespace {

Test::Percentiles measureFrames(
    const GanttPainter &painter, const QSizeF &size, qint64 from, qint64 to, int frames)
{
    QImage image((size * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    const GanttLayout layout = painter.layout(size, from, to);
    std::vector<double> ms;
    for (int i = 0; i < frames + 3; ++i) {
        QElapsedTimer t;
        t.start();
        QPainter p(&image);
        painter.paint(p, size, layout);
        p.end();
        if (i >= 3) { // warm-up frames
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
    }
    return Test::percentiles(std::move(ms));
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QElapsedTimer build;
    build.start();
    auto loaded = Test::benchRun(argc, argv);
    if (!loaded) {
        return 1;
    }
    RunData run = std::move(*loaded);
    const std::size_t spanCount = run.spans.size();
    const auto laneCount = static_cast<long long>(run.lanes.size());
    build.start();
    const GanttModel model(std::move(run));
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    const GanttPainter painter(model, GanttTheme::light());
    const QSizeF size(1920, 1080);
    bool ok = true;

    std::printf("model: %zu spans, %lld lanes -> %zu rows, built in %.1f ms (once per run)\n", spanCount,
        laneCount, model.rows().size(), buildMs);
    const auto report = [&](const char *what, const Test::Percentiles &f) {
        const bool pass = f.median <= 16 && f.p95 <= 33;
        ok &= pass;
        std::printf("%-30s median %6.2f ms   p95 %6.2f ms   %s\n", what, f.median, f.p95,
            pass ? "ok (≤ 16 / 33 ms)" : "OVER TARGET");
    };
    const qint64 end = model.endNs();
    report("frame, fitted (1920x1080@2x)", measureFrames(painter, size, 0, end, 40));
    report("frame, 10x zoom", measureFrames(painter, size, end * 4 / 10, end * 5 / 10, 40));
    // Where a fitted frame's time goes: each layer left out in turn (not targets).
    const auto without = [&](const char *what, auto change) {
        GanttPaintOptions options;
        change(options);
        const GanttPainter lighter(model, GanttTheme::light(), options);
        const Test::Percentiles f = measureFrames(lighter, size, 0, end, 20);
        std::printf("  fitted, %-21s median %6.2f ms\n", what, f.median);
    };
    without("without state strips", [](GanttPaintOptions &o) { o.states = false; });
    without("without blame/wakers", [](GanttPaintOptions &o) { o.blame = false; });
    without("without ideal", [](GanttPaintOptions &o) { o.ideal = false; });
    without("bars only", [](GanttPaintOptions &o) {
        o.states = false;
        o.blame = false;
        o.ideal = false;
        o.legend = false;
        o.header = false;
        o.footer = false;
    });

    QTemporaryDir dir;
    QString error;
    QElapsedTimer png;
    png.start();
    Export::ImageOptions options;
    options.width = 1920;
    if (!Export::write(model, dir.filePath(QStringLiteral("bench.png")), options, &error)) {
        std::printf("PNG export failed: %s\n", qPrintable(error));
        return 1;
    }
    const double pngMs = static_cast<double>(png.nsecsElapsed()) / 1e6;
    const bool pngOk = pngMs <= 1000;
    ok &= pngOk;
    std::printf("%-30s %6.1f ms   %s\n", "PNG export (1920 px)", pngMs, pngOk ? "ok (≤ 1 s)" : "OVER TARGET");
    return ok ? 0 : 1;
}
