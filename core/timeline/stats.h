// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

namespace Coroscope {

/// Computes run.stats from run's spans, wall and ideal time.
///
/// Concurrency counts work spans (every kind but wait, acquire and stall) on task lanes;
/// spans that touch end-to-begin do not overlap. Stalls come from the loop lanes' stall
/// spans and the heartbeat's longest lateness.
void computeStats(RunData &run);

/// Most work spans on task lanes in flight at once within [fromNs, toNs).
[[nodiscard]] int maxConcurrency(const RunData &run, qint64 fromNs, qint64 toNs);

} // namespace Coroscope
