// SPDX-License-Identifier: MIT
#include "replay.h"

#include "timeline/stats.h"

#include <algorithm>

namespace Coroscope::Replay {

double frameHeight(const GanttModel &whole, const Frame &frame, const GanttTheme &theme,
    const GanttPaintOptions &base, double width)
{
    const double own = GanttPainter(*frame.model, theme, frame.paint).preferredHeight(width);
    if (frame.atEnd()) {
        return own;
    }
    return std::max(own, GanttPainter(whole, theme, base).preferredHeight(width));
}

Frame frameAt(const std::shared_ptr<const GanttModel> &whole, qint64 atNs, const GanttTheme &theme,
    const GanttPaintOptions &base, double width)
{
    Frame frame;
    frame.paint = base;
    const RunData &run = whole->run();
    if (atNs >= run.wallNs) {
        frame.model = whole;
        frame.paint.live = false;
    } else {
        auto model = std::make_shared<GanttModel>(snapshotAt(run, std::max<qint64>(atNs, 0)));
        model->keepShapeOf(*whole);
        frame.model = std::move(model);
        frame.paint.live = true; // "now T", as the app drew it while it ran
        frame.paint.replayOfNs = run.wallNs;
        frame.paint.replayInFlight
            = maxConcurrency(frame.model->run(), frame.model->run().wallNs, frame.model->run().wallNs + 1);
        frame.paint.shapeOf = whole;
        frame.paint.axisEndNs = GanttPainter(*whole, theme, base).axisEndNs();
    }
    frame.height = frameHeight(*whole, frame, theme, base, width);
    return frame;
}

std::vector<qint64> eventTimes(const RunData &run)
{
    std::vector<qint64> times;
    times.reserve(run.spans.size() * 2 + run.marks.size() + 2);
    times.push_back(0);
    times.push_back(run.wallNs);
    const auto add = [&](qint64 t) {
        if (t != kUnknownTime && t >= 0 && t <= run.wallNs) {
            times.push_back(t);
        }
    };
    for (const Span &s : run.spans) {
        add(s.beginNs);
        add(s.readyNs);
        if (!s.isOpen()) {
            add(s.endNs);
        }
    }
    for (const Mark &m : run.marks) {
        add(m.atNs);
    }
    for (const Note &n : run.notes) {
        add(n.beginNs);
        add(n.endNs);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

} // namespace Coroscope::Replay
