// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/recorder.h"

#include <optional>

namespace Coroscope {

/// Where a helper records its span: a recorder, a lane, a name and a detail. An empty
/// Trace (no recorder) records nothing, so the helpers also work outside experiments.
struct Trace
{
    Recorder *recorder = nullptr;
    LaneId lane = 0;
    StrId name = 0;
    StrId detail = 0;
    /// The kind to record instead of the helper's own (a query run as per-checkout setup).
    std::optional<SpanKind> kind;

    [[nodiscard]] explicit operator bool() const { return recorder != nullptr; }

    SpanId begin(SpanKind kind, qint64 atNs = kUnknownTime) const
    {
        return recorder ? recorder->begin(lane, name, kind, detail, atNs) : 0;
    }
    void end(SpanId id, const SpanEnd &how = {}) const
    {
        if (recorder) {
            recorder->end(id, how);
        }
    }
    /// Ends with status/ detail taken from an exception (Cancelled → cancelled, else error).
    void endWithError(SpanId id, const std::exception_ptr &error, qint64 readyNs = kUnknownTime) const;
    [[nodiscard]] qint64 now() const { return recorder ? recorder->now() : 0; }
};

} // namespace Coroscope
