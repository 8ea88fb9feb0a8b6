// SPDX-License-Identifier: MIT
#pragma once

// Why a run took as long as it did, from its recorded spans alone (plain functions, unit-
// tested on constructed runs): each task's states over time, and who delayed whom.

#include "rundata.h"

#include <vector>

namespace Coroscope::Analysis {

/// A ready step resumed later than this is late; shorter delays are the loop's ordinary
/// dispatch latency and are neither drawn nor blamed.
inline constexpr qint64 kLateThresholdNs = 1'000'000;

enum class TaskState : quint8
{
    Running, ///< on the loop, between recorded steps
    Suspended, ///< awaiting something (the step's kind says what), not ready yet
    Ready, ///< what it awaited is there, but the loop has not resumed it yet
    Holding, ///< holding the thread (a blocking call, CPU work)
};
[[nodiscard]] QString stateName(TaskState state);

struct StateInterval
{
    qint64 beginNs = 0;
    qint64 endNs = 0;
    TaskState state = TaskState::Running;
    qint32 span = -1; ///< the step it belongs to (-1 for running between steps)
};

/// The states of one task lane, from its first step's begin to its last step's end, in time
/// order and without overlaps. Ready needs a measured ready time: where it is unknown, the
/// whole step counts as suspended.
[[nodiscard]] std::vector<StateInterval> taskStates(const RunData &run, LaneId lane);
/// The same for a lane's spans given as indices sorted by begin (the chart has them).
[[nodiscard]] std::vector<StateInterval> taskStates(
    const RunData &run, const std::vector<quint32> &lanesSpans);

/// When a step's late part begins (its ready time, at least its begin), or kUnknownTime when
/// it is not late: a task step that does not hold the thread, with a known ready time, that
/// ended at least kLateThresholdNs after it.
[[nodiscard]] qint64 lateFromNs(const RunData &run, const Span &span);

/// Most culprits kept per victim (the largest).
inline constexpr std::size_t kMaxCulprits = 8;

/// Who delayed whom. For every late task step, the spans that held the loop's thread while it
/// was ready: blocking steps and CPU work of task lanes (on the loop's thread), nested event
/// loops entered after the step began (for a step that waits in a nested loop itself), and,
/// for what those do not explain, the loop lane's stalls. One entry per (culprit, victim) of
/// at least kLateThresholdNs, largest first. Also sets run.stats.lateS and blamedS.
[[nodiscard]] std::vector<Blame> computeBlame(RunData &run);

/// One culprit and everything it delayed, for summaries (the CLI's `delayed` lines, the
/// GUI's "what delayed whom" table).
struct CulpritSummary
{
    qint32 culprit = -1;
    int victims = 0;
    qint64 totalNs = 0; ///< summed over victims
    qint64 maxNs = 0;
    qint32 worstVictim = -1;
};
[[nodiscard]] std::vector<CulpritSummary> culprits(const RunData &run);

/// What made a step ready: the span on another lane that ended when it became ready — for a
/// wait, the awaited task's last step or the pool thread's job; for an acquisition, the
/// checkout or slot handed back; for an HTTP request, the server's answer — or -1 where none
/// did (timers and queries have none). Per span, indexed like run.spans; only task steps with
/// a measured ready time get one. A waker ends at most kWakeWindowNs before the ready time
/// (50 µs after it at most) and — but for waits — began after the step did.
inline constexpr qint64 kWakeWindowNs = 2'000'000;
[[nodiscard]] std::vector<qint32> wakers(const RunData &run);

/// "task 2 · APPL: blocking SELECT pg_sleep($1)" — a span as a blame table names it.
[[nodiscard]] QString describeStep(const RunData &run, qint32 span);
/// What the culprit did to the victim, as one sentence without the delay: "task 2 · APPL:
/// blocking SELECT pg_sleep($1) held the loop while task 1 · GOOG: SELECT pg_sleep($1) was
/// ready" (or "…'s nested loop kept … from returning", "the loop stalled while … was ready").
[[nodiscard]] QString blameSentence(const RunData &run, qint32 culprit, qint32 victim);

} // namespace Coroscope::Analysis
