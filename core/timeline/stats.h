// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

namespace Coroscope {

/// Computes run.stats from run's spans, wall and ideal time.
///
/// Concurrency counts work spans (every kind but wait, acquire and stall) on task and pool
/// lanes (offloaded work runs on pool lanes; server lanes only mirror requests);
/// spans that touch end-to-begin do not overlap. Stalls come from the loop lanes' stall
/// spans and the heartbeat's longest lateness.
/// `withIdeal`: also the ideal schedule and the all-async counterfactual (a live snapshot,
/// which shows neither, leaves them out).
void computeStats(RunData &run, bool withIdeal = true);

/// Whether work on a lane of this kind counts for concurrency.
[[nodiscard]] constexpr bool countsAsWorkLane(LaneKind kind)
{
    return kind == LaneKind::Task || kind == LaneKind::Pool;
}

/// The run as it was at `atNs` (replay, `render --until`): what began by then, spans still
/// going then open, a readiness not yet known unknown, marks, counters and notes up to then,
/// the wall at `atNs`, the stats of a live snapshot (no ideal schedule). `atNs` is clamped to
/// [0, wall].
[[nodiscard]] RunData snapshotAt(const RunData &run, qint64 atNs);

/// Most work spans in flight at once within [fromNs, toNs).
[[nodiscard]] int maxConcurrency(const RunData &run, qint64 fromNs, qint64 toNs);

} // namespace Coroscope
