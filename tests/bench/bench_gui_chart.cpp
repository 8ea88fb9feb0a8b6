// SPDX-License-Identifier: MIT
// bench_gui_chart [FILE]: the window's chart (GanttItem in a QQuickWindow) with FILE (a run file or
// trace) or else 100 000 synthetic spans over
// 1 000 lanes at 1400×860: time from a wheel zoom or a pan to the next frame on screen, and a
// hover look-up. Target: ≤ 16 ms median per interaction (smooth), ≤ 33 ms p95.

#include "ganttitem.h"
#include "runhandle.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Coroscope;

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QQuickWindow window;
    window.resize(1400, 860);
    RunHandle run;
    QElapsedTimer build;
    build.start();
    auto loaded = Test::benchRun(argc, argv);
    if (!loaded) {
        return 1;
    }
    run.setRun(std::move(*loaded), false);
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    auto *chart = new GanttItem(window.contentItem());
    chart->setSize(QSizeF(1400, 860));
    chart->setRun(&run);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        std::printf("no window\n");
        return 1;
    }
    QTest::qWait(200);

    // One interaction = an input event, then wait until that frame has been drawn.
    auto frameAfter = [&](const std::function<void()> &input) {
        const int before = chart->paintCount();
        QElapsedTimer t;
        t.start();
        input();
        while (chart->paintCount() == before && t.elapsed() < 1000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        }
        return static_cast<double>(t.nsecsElapsed()) / 1e6;
    };
    std::vector<double> zoom;
    std::vector<double> pan;
    std::vector<double> hover;
    const QPointF centre(700, 400);
    for (int i = 0; i < 40; ++i) {
        zoom.push_back(frameAfter([&] { chart->zoomBy(i < 20 ? 1.25 : 0.8); }));
    }
    for (int i = 0; i < 40; ++i) {
        QTest::mousePress(&window, Qt::LeftButton, {}, centre.toPoint());
        pan.push_back(frameAfter([&] {
            const QPointF to = centre + QPointF(i % 2 ? 30 : -30, 0);
            QMouseEvent move(QEvent::MouseMove, to, window.mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
            QGuiApplication::sendEvent(&window, &move);
        }));
        QTest::mouseRelease(&window, Qt::LeftButton, {}, centre.toPoint());
    }
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        QTest::mouseMove(&window, QPoint(200 + i * 5, 120 + (i * 7) % 600));
        hover.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    // Replay: a seek returns at once (a big run's frame is made on a worker), the chart stays
    // fluid while it is made, and the frame follows.
    std::vector<double> seekCall;
    std::vector<double> seekFrame;
    std::vector<double> zoomWhileMaking;
    const double wall = static_cast<double>(run.run()->wallNs) / 1e9;
    for (int i = 1; i <= 8; ++i) {
        QSignalSpy changed(chart, &GanttItem::replayChanged);
        QElapsedTimer t;
        t.start();
        chart->setReplaySeconds(wall * i / 9);
        seekCall.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        zoomWhileMaking.push_back(frameAfter([&] { chart->zoomBy(i % 2 ? 1.25 : 0.8); }));
        while (changed.size() < 2 && t.elapsed() < 10000) { // the seek's, then the frame's
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        }
        seekFrame.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    chart->setReplaySeconds(-1);

    std::printf("model: %zu spans, %lld lanes, %s in %.1f ms (once per run)\n", run.run()->spans.size(),
        static_cast<long long>(run.run()->lanes.size()), argc > 1 ? "loaded and built" : "built", buildMs);
    bool ok = true;
    const auto report = [&](const char *what, const Test::Percentiles &f, double target) {
        const bool pass = f.median <= target && f.p95 <= 2 * target;
        ok &= pass;
        std::printf("%-28s median %6.2f ms   p95 %6.2f ms   %s\n", what, f.median, f.p95,
            pass ? "ok" : "OVER TARGET");
    };
    report("zoom → frame (1400x860)", Test::percentiles(zoom), 16);
    report("pan → frame", Test::percentiles(pan), 16);
    report("hover look-up", Test::percentiles(hover), 4);
    report("replay seek (GUI thread)", Test::percentiles(seekCall), 16);
    report("zoom while a frame is made", Test::percentiles(zoomWhileMaking), 16);
    const Test::Percentiles made = Test::percentiles(seekFrame);
    std::printf("%-28s median %6.2f ms   p95 %6.2f ms   (on a worker)\n", "replay seek → its frame",
        made.median, made.p95);
    return ok ? 0 : 1;
}
