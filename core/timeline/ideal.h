// SPDX-License-Identifier: MIT
#pragma once

// The ideal schedule: a run's recorded structure replayed with zero overhead (plain
// functions, unit-tested on constructed runs).

#include "rundata.h"

#include <vector>

namespace Coroscope::Analysis {

/// When each task step would have begun and ended with zero overhead (per span, indexed like
/// run.spans; kUnknownTime for spans that are not task steps, are still open, or could not be
/// placed), when each task would have ended (per lane), and when the run would have.
using IdealSchedule = IdealTimes;

/**
 * Replays the run's task lanes on one loop with zero overhead:
 *  - each lane's steps run one after the other, with nothing between them (the code between
 *    two recorded steps takes no time);
 *  - a step that awaits something takes its own duration (begin → ready, or begin → end where
 *    the ready time is unknown) without holding the loop, and resumes as soon as that time has
 *    come and the loop is free; resumptions go in the order their steps became ready;
 *  - a step that holds the thread (a blocking call, CPU work) holds the loop for its duration,
 *    and the same task goes on right after it;
 *  - a wait for other tasks (kind `wait`, made ready when a task finished) ends when the tasks
 *    that finished while it waited have finished in the replay — at once, in the last one's
 *    turn, as QCoro resumes an awaiting coroutine;
 *  - a task starts when the task that was running at its creation spawned it — inline, as
 *    QCoro's eager start does, when its first step began before its creator's next one,
 *    otherwise once the loop is free (asyncio's create_task). Tasks created while no task ran
 *    start at their recorded creation.
 * With `allAsync`, every blocking step (a blocking call, a sleep that blocks the thread) is
 * replayed as if it were awaited instead: the counterfactual "if every blocking step were
 * async". CPU work still holds the loop.
 */
[[nodiscard]] IdealSchedule idealSchedule(const RunData &run, bool allAsync = false);

} // namespace Coroscope::Analysis
