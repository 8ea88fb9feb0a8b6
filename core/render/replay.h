// SPDX-License-Identifier: MIT
#pragma once

#include "ganttpainter.h"

#include <memory>
#include <vector>

namespace Coroscope::Replay {

/// The chart of a finished run as it was at an instant: what `render --until T` exports and
/// what the app's replay scrubber draws, so that the two are the same pixels.
struct Frame
{
    /// The run at that instant (`snapshotAt`), laid out with the whole run's sub-rows; at or
    /// after the end, the whole run's own model.
    std::shared_ptr<const GanttModel> model;
    /// Before the end: drawn live ("now T"), on the whole run's time axis, so frames line up.
    GanttPaintOptions paint;
    /// The height at the width asked for: the taller of the frame's and the whole run's, so a
    /// sequence of frames keeps one size.
    double height = 0;
    [[nodiscard]] bool atEnd() const { return !paint.live; }
};

/// The frame of `whole` at `atNs` (clamped to the run), `width` logical pixels wide.
[[nodiscard]] Frame frameAt(const std::shared_ptr<const GanttModel> &whole, qint64 atNs, const GanttTheme &theme,
    const GanttPaintOptions &base, double width);

/// The height `frame` is drawn at for `width` (as `Frame::height`), after an option change.
[[nodiscard]] double frameHeight(const GanttModel &whole, const Frame &frame, const GanttTheme &theme,
    const GanttPaintOptions &base, double width);

/// The instants at which something happens in the run — a step begins, becomes ready or ends, a
/// mark, a note — sorted, each once, within [0, wall]; the scrubber steps from one to the next.
[[nodiscard]] std::vector<qint64> eventTimes(const RunData &run);

} // namespace Coroscope::Replay
