// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <optional>

namespace Coroscope {

/// Index into a run's string table. 0 is always the empty string.
using StrId = quint32;
/// Index into a run's lane list.
using LaneId = quint32;
/// Identifies a span inside its recorder: the recording thread's shard and the index in it.
using SpanId = quint64;

constexpr qint64 kUnknownTime = -1;

/// What a span's time was spent on. The Gantt chart colours bars by kind.
enum class SpanKind : quint8
{
    Http, ///< an HTTP request in flight (suspended at co_await)
    Db, ///< a database query in flight
    Sleep, ///< a timer wait (asyncio.sleep)
    Cpu, ///< computing on a thread
    Blocking, ///< a call that blocks the thread it runs on
    Acquire, ///< waiting for a pool slot / connection / queue place
    Connect, ///< opening a connection
    Setup, ///< per-checkout setup (e.g. SET ROLE)
    Wait, ///< awaiting another task or group of tasks
    Stall, ///< the event loop could not run (loop lane)
    Checkout, ///< a pooled connection checked out by a task (connection lanes)
    Io, ///< other I/O in flight: a socket or pipe the loop's selector waits on (traced programs)
};
constexpr int kSpanKindCount = 12;

enum class SpanStatus : quint8
{
    Ok,
    Error,
    Cancelled,
};

enum class LaneKind : quint8
{
    Task, ///< one coroutine / task of the experiment
    Loop, ///< the experiment's event loop (heartbeat, stalls)
    Pool, ///< a thread pool or connection pool
    Server, ///< the embedded server's view
    Connection, ///< a pooled connection: when it is checked out and by whom (mirrors tasks)
};

/// One recorded step. Times are nanoseconds since the run's start on one steady clock.
struct Span
{
    qint64 beginNs = 0;
    qint64 endNs = kUnknownTime; ///< kUnknownTime while the span is still open
    qint64 readyNs = kUnknownTime; ///< when the awaited thing became ready, if known
    LaneId lane = 0;
    StrId name = 0;
    StrId detail = 0;
    SpanKind kind = SpanKind::Wait;
    SpanStatus status = SpanStatus::Ok;
    /// The step held its thread the whole time (a blocking HTTP call or query): the kind says
    /// what it did, this says how. Cpu, blocking and stall spans hold it by nature.
    bool blocking = false;
    /// The step waited by running a nested event loop (QEventLoop::exec() inside a task):
    /// other tasks ran inside it, and it could not return before every loop nested in it had.
    bool nestedLoop = false;

    [[nodiscard]] bool isOpen() const { return endNs == kUnknownTime; }
    [[nodiscard]] bool holdsThread() const
    {
        return blocking || kind == SpanKind::Cpu || kind == SpanKind::Blocking || kind == SpanKind::Stall;
    }
    [[nodiscard]] qint64 durationNs() const { return isOpen() ? 0 : endNs - beginNs; }
    /// When the step's own work was done: its ready time where that is known (after it, the
    /// task only waited for the loop to resume it), else its end; kUnknownTime while open.
    [[nodiscard]] qint64 ownEndNs() const
    {
        return readyNs != kUnknownTime && readyNs >= beginNs && (isOpen() || readyNs <= endNs) ? readyNs : endNs;
    }
};

/// An instant event on a lane.
struct Mark
{
    qint64 atNs = 0;
    LaneId lane = 0;
    StrId name = 0;
    StrId detail = 0;
};

/// One sample of a named counter (e.g. in-flight requests, pool connections in use).
struct CounterSample
{
    qint64 atNs = 0;
    double value = 0;
    LaneId lane = 0;
    StrId name = 0;
};

struct Lane
{
    LaneId id = 0;
    QString name;
    LaneKind kind = LaneKind::Task;
    /// When the task was created (its coroutine called), if known: it may first run later.
    qint64 createdNs = kUnknownTime;
};

[[nodiscard]] QString toString(SpanKind kind);
[[nodiscard]] QString toString(SpanStatus status);
[[nodiscard]] QString toString(LaneKind kind);
[[nodiscard]] std::optional<SpanKind> spanKindFromString(QStringView text);
[[nodiscard]] std::optional<SpanStatus> spanStatusFromString(QStringView text);
[[nodiscard]] std::optional<LaneKind> laneKindFromString(QStringView text);

/// True for kinds that are real work in flight (counted for concurrency): not waiting on
/// other tasks, not loop stalls.
[[nodiscard]] constexpr bool isWorkKind(SpanKind kind)
{
    return kind != SpanKind::Wait && kind != SpanKind::Stall && kind != SpanKind::Acquire
        && kind != SpanKind::Checkout;
}

} // namespace Coroscope
