// SPDX-License-Identifier: MIT
#pragma once

#include "chunkedvector.h"
#include "span.h"

#include <QHash>
#include <QList>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace Coroscope {

struct RunData;

/// How a span ends. Designated initialisers read well: `rec.end(id, {.status = SpanStatus::Error})`.
struct SpanEnd
{
    static constexpr StrId kKeepDetail = 0xffffffffu;
    SpanStatus status = SpanStatus::Ok;
    StrId detail = kKeepDetail; ///< replace the detail given at begin
    qint64 readyNs = kUnknownTime; ///< when the awaited thing became ready, if known
    qint64 atNs = kUnknownTime; ///< end time; now if unknown
};

/// A begin or end of a span, as seen by live views (the span as it was at that moment).
struct SpanEvent
{
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
    [[nodiscard]] Clock::time_point toTimePoint(qint64 ns) const
    {
        return origin() + std::chrono::nanoseconds(ns);
    }

    /// Interns a string; equal strings get equal ids. Cheap for repeated names.
    [[nodiscard]] StrId intern(QStringView text);
    [[nodiscard]] QString string(StrId id) const;

    /// A task lane's creation time is now unless given.
    LaneId addLane(const QString &name, LaneKind kind, qint64 createdNs = kUnknownTime);
    [[nodiscard]] QList<Lane> lanes() const;
    [[nodiscard]] QString laneName(LaneId lane) const;

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
    /// One recording thread's spans and events. Its mutex is only contended by readers
    /// (live views, snapshots) and by spans ended on another thread, so recording from many
    /// threads at once does not serialise on one lock.
    struct alignas(64) Shard
    {
        mutable std::mutex mutex;
        ChunkedVector<Span> spans;
        ChunkedVector<SpanId, 14> events; // id << 1 | ended; chunked: growing never copies
        int open = 0;
        SpanId index = 0;
    };
    static constexpr int kShardShift = 40;

    Shard &shardForThisThread();
    Shard &shardOf(SpanId id) const { return *m_shards[static_cast<std::size_t>(id >> kShardShift)]; }
    static std::size_t indexOf(SpanId id)
    {
        return static_cast<std::size_t>(id & ((SpanId(1) << kShardShift) - 1));
    }
    void pushEvent(Shard &shard, SpanId id, bool ended);

    std::atomic<Clock::rep> m_origin;
    const quint64 m_instance; // unique per recorder, for the per-thread shard cache
    std::atomic<bool> m_eventsEnabled {false};

    mutable std::mutex m_shardMutex; // the shard list and thread map
    std::vector<std::unique_ptr<Shard>> m_shards; // fixed capacity: never reallocates
    std::vector<std::pair<std::thread::id, Shard *>> m_threadShards;

    mutable std::mutex m_mutex; // marks, counters, lanes
    std::vector<Mark> m_marks;
    std::vector<CounterSample> m_counters;
    QList<Lane> m_lanes;

    mutable std::mutex m_stringMutex;
    QHash<QString, StrId> m_stringIds;
    QList<QString> m_strings;
};

} // namespace Coroscope
