// SPDX-License-Identifier: MIT
#pragma once

#include "chunkedvector.h"
#include "span.h"

#include <QHash>
#include <QList>
#include <QString>

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

namespace Coroscope {

struct RunData;

/// How a span ends. Designated initialisers read well: `rec.end(id, {.status = SpanStatus::Error})`.
struct SpanEnd {
    static constexpr StrId kKeepDetail = 0xffffffffu;
    SpanStatus status = SpanStatus::Ok;
    StrId detail = kKeepDetail;     ///< replace the detail given at begin
    qint64 readyNs = kUnknownTime;  ///< when the awaited thing became ready, if known
    qint64 atNs = kUnknownTime;     ///< end time; now if unknown
};

/// A begin or end of a span, as seen by live views (the span as it was at that moment).
struct SpanEvent {
    SpanId id = 0;
    bool ended = false;
    Span span;
};

/**
 * Thread-safe recorder of one run's timeline.
 *
 * Every thread of a run (the experiment's loop, pool threads, the delay server) records
 * into the same recorder; all times are nanoseconds since origin() on std::chrono::steady_clock,
 * so spans from different threads share one time axis. Begin and end are separate events so
 * that live views can draw growing bars; cancelling closes the open spans.
 */
class Recorder
{
public:
    using Clock = std::chrono::steady_clock;

    explicit Recorder(Clock::time_point origin = Clock::now());
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    [[nodiscard]] Clock::time_point origin() const
    {
        return Clock::time_point(Clock::duration(m_origin.load(std::memory_order_relaxed)));
    }
    /// Moves time zero (before anything is recorded: the runner sets it when the run's
    /// thread is up, so thread start-up is not counted).
    void setOrigin(Clock::time_point origin) { m_origin.store(origin.time_since_epoch().count()); }
    /// Nanoseconds since origin().
    [[nodiscard]] qint64 now() const { return toNs(Clock::now()); }
    [[nodiscard]] qint64 toNs(Clock::time_point t) const
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(t - origin()).count();
    }
    [[nodiscard]] Clock::time_point toTimePoint(qint64 ns) const { return origin() + std::chrono::nanoseconds(ns); }

    /// Interns a string; equal strings get equal ids. Cheap for repeated names.
    [[nodiscard]] StrId intern(QStringView text);
    [[nodiscard]] QString string(StrId id) const;

    LaneId addLane(const QString &name, LaneKind kind);
    [[nodiscard]] QList<Lane> lanes() const;

    SpanId begin(LaneId lane, StrId name, SpanKind kind, StrId detail = 0, qint64 atNs = kUnknownTime);
    void end(SpanId id, const SpanEnd &how = {});
    /// Records a span whose begin and end are both known already.
    SpanId add(const Span &span);
    void setDetail(SpanId id, StrId detail);
    void setReady(SpanId id, qint64 readyNs);
    void mark(LaneId lane, StrId name, StrId detail = 0, qint64 atNs = kUnknownTime);
    void counter(LaneId lane, StrId name, double value, qint64 atNs = kUnknownTime);

    /// Ends every open span with `status` at `atNs` (cancelling a run). Returns how many.
    int closeOpen(SpanStatus status, qint64 atNs, StrId detail = SpanEnd::kKeepDetail);
    /// Open spans on lanes of the given kind.
    [[nodiscard]] int openCount(LaneKind laneKind) const;

    [[nodiscard]] std::size_t spanCount() const;
    [[nodiscard]] Span span(SpanId id) const;

    /// Live views: when enabled, begin/end events queue up until taken.
    void setEventsEnabled(bool enabled);
    /// Appends the events since the last call to `out`; returns how many were appended.
    std::size_t takeEvents(std::vector<SpanEvent> &out);

    /// Copies strings, lanes, spans, marks and counters into `run`.
    void snapshot(RunData &run) const;

    /// Bytes held for recorded spans, marks, counters and strings (benchmarks).
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    std::atomic<Clock::rep> m_origin;

    mutable std::mutex m_mutex; // spans, events, marks, counters, lanes
    ChunkedVector<Span> m_spans;
    std::vector<SpanId> m_events; // id << 1 | ended
    bool m_eventsEnabled = false;
    std::vector<Mark> m_marks;
    std::vector<CounterSample> m_counters;
    QList<Lane> m_lanes;
    int m_open = 0;

    mutable std::mutex m_stringMutex;
    QHash<QString, StrId> m_stringIds;
    QList<QString> m_strings;
};

} // namespace Coroscope
