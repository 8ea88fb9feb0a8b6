// SPDX-License-Identifier: MIT
#pragma once

#include "canceltoken.h"
#include "trace.h"

#include <QtGlobal>

namespace Coroscope {

/**
 * CPU-bound work of a fixed size: as many iterations of a small integer kernel as one idle
 * core does in `seconds` (calibrated once per process). The amount of work is fixed, not the
 * time — on a busy or shared core it takes longer, as real computation does. Polls the
 * cancel token (throws Cancelled). Records a `cpu` span on `trace`. Returns a checksum so the
 * compiler cannot drop the work.
 */
quint64 burnCpu(double seconds, const CancelToken &token, const Trace &trace = {});

/// Kernel iterations per second on one core (measured on first use).
[[nodiscard]] double cpuIterationsPerSecond();

} // namespace Coroscope
