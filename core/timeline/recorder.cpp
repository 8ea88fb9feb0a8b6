// SPDX-License-Identifier: MIT
#include "recorder.h"

#include "rundata.h"

#include <algorithm>

namespace Coroscope {

namespace {

constexpr std::size_t kMaxShards = 1024; // threads recording into one run; the last one is shared beyond

std::atomic<quint64> s_nextInstance {1};

/// One-entry cache per thread: the shard this thread used last, and for which recorder.
struct ShardCache
{
    quint64 instance = 0;
    void *shard = nullptr;
};
thread_local ShardCache t_cache;

} // namespace

Recorder::Recorder(Clock::time_point origin)
    : m_origin(origin.time_since_epoch().count())
    , m_instance(s_nextInstance.fetch_add(1))
{
    m_shards.reserve(kMaxShards);
    m_strings.append(QString());
    m_stringIds.insert(QString(), 0);
}

Recorder::Shard &Recorder::shardForThisThread()
{
    if (t_cache.instance == m_instance) {
        return *static_cast<Shard *>(t_cache.shard);
    }
    std::lock_guard lock(m_shardMutex);
    const auto self = std::this_thread::get_id();
    Shard *shard = nullptr;
    for (const auto &[thread, s] : m_threadShards) {
        if (thread == self) {
            shard = s;
        }
    }
    if (!shard) {
        if (m_shards.size() < kMaxShards) {
            m_shards.push_back(std::make_unique<Shard>());
            m_shards.back()->index = m_shards.size() - 1;
        }
        shard = m_shards.back().get();
        m_threadShards.emplace_back(self, shard);
    }
    t_cache = {m_instance, shard};
    return *shard;
}

void Recorder::pushEvent(Shard &shard, SpanId id, bool ended)
{
    if (m_eventsEnabled.load(std::memory_order_relaxed)) {
        shard.events.push_back(id << 1 | (ended ? 1u : 0u));
    }
}

StrId Recorder::intern(QStringView text)
{
    if (text.isEmpty()) {
        return 0;
    }
    std::lock_guard lock(m_stringMutex);
    const QString key = text.toString();
    const auto it = m_stringIds.constFind(key);
    if (it != m_stringIds.cend()) {
        return it.value();
    }
    const auto id = static_cast<StrId>(m_strings.size());
    m_strings.append(key);
    m_stringIds.insert(key, id);
    return id;
}

QString Recorder::string(StrId id) const
{
    std::lock_guard lock(m_stringMutex);
    return id < static_cast<StrId>(m_strings.size()) ? m_strings.at(id) : QString();
}

LaneId Recorder::addLane(const QString &name, LaneKind kind, qint64 createdNs)
{
    if (createdNs == kUnknownTime && kind == LaneKind::Task) {
        createdNs = now();
    }
    std::lock_guard lock(m_mutex);
    const auto id = static_cast<LaneId>(m_lanes.size());
    m_lanes.append(Lane {id, name, kind, createdNs});
    return id;
}

QList<Lane> Recorder::lanes() const
{
    std::lock_guard lock(m_mutex);
    return m_lanes;
}

QString Recorder::laneName(LaneId lane) const
{
    std::lock_guard lock(m_mutex);
    return lane < static_cast<LaneId>(m_lanes.size()) ? m_lanes.at(lane).name : QString();
}

SpanId Recorder::begin(LaneId lane, StrId name, SpanKind kind, StrId detail, qint64 atNs)
{
    Span span;
    span.beginNs = atNs == kUnknownTime ? now() : atNs;
    span.lane = lane;
    span.name = name;
    span.detail = detail;
    span.kind = kind;
    return add(span);
}

SpanId Recorder::add(const Span &span)
{
    Shard &shard = shardForThisThread();
    std::lock_guard lock(shard.mutex);
    const SpanId id = shard.index << kShardShift | static_cast<SpanId>(shard.spans.size());
    shard.spans.push_back(span);
    if (span.isOpen()) {
        ++shard.open;
    }
    pushEvent(shard, id, false);
    if (!span.isOpen()) {
        pushEvent(shard, id, true);
    }
    return id;
}

void Recorder::end(SpanId id, const SpanEnd &how)
{
    const qint64 at = how.atNs == kUnknownTime ? now() : how.atNs;
    Shard &shard = shardOf(id);
    std::lock_guard lock(shard.mutex);
    Span &span = shard.spans[indexOf(id)];
    if (!span.isOpen()) {
        return; // already closed (e.g. by closeOpen on cancel)
    }
    span.endNs = std::max(at, span.beginNs);
    span.status = how.status;
    if (how.detail != SpanEnd::kKeepDetail) {
        span.detail = how.detail;
    }
    if (how.readyNs != kUnknownTime) {
        span.readyNs = how.readyNs;
    }
    --shard.open;
    pushEvent(shard, id, true);
}

void Recorder::setDetail(SpanId id, StrId detail)
{
    Shard &shard = shardOf(id);
    std::lock_guard lock(shard.mutex);
    shard.spans[indexOf(id)].detail = detail;
}

void Recorder::setReady(SpanId id, qint64 readyNs)
{
    Shard &shard = shardOf(id);
    std::lock_guard lock(shard.mutex);
    shard.spans[indexOf(id)].readyNs = readyNs;
}

void Recorder::mark(LaneId lane, StrId name, StrId detail, qint64 atNs)
{
    Mark mark {atNs == kUnknownTime ? now() : atNs, lane, name, detail};
    std::lock_guard lock(m_mutex);
    m_marks.push_back(mark);
}

void Recorder::counter(LaneId lane, StrId name, double value, qint64 atNs)
{
    CounterSample sample {atNs == kUnknownTime ? now() : atNs, value, lane, name};
    std::lock_guard lock(m_mutex);
    m_counters.push_back(sample);
}

int Recorder::closeOpen(SpanStatus status, qint64 atNs, StrId detail)
{
    std::lock_guard shardsLock(m_shardMutex);
    int closed = 0;
    for (std::size_t s = 0; s < m_shards.size(); ++s) {
        Shard &shard = *m_shards[s];
        std::lock_guard lock(shard.mutex);
        for (std::size_t i = 0; i < shard.spans.size() && shard.open > 0; ++i) {
            Span &span = shard.spans[i];
            if (!span.isOpen()) {
                continue;
            }
            span.endNs = std::max(atNs, span.beginNs);
            span.status = status;
            if (detail != SpanEnd::kKeepDetail) {
                span.detail = detail;
            }
            --shard.open;
            ++closed;
            pushEvent(shard, static_cast<SpanId>(s) << kShardShift | static_cast<SpanId>(i), true);
        }
    }
    return closed;
}

int Recorder::openCount(LaneKind laneKind) const
{
    const QList<Lane> lanes = this->lanes();
    std::lock_guard shardsLock(m_shardMutex);
    int count = 0;
    for (const auto &shard : m_shards) {
        std::lock_guard lock(shard->mutex);
        if (shard->open == 0) {
            continue;
        }
        for (std::size_t i = 0; i < shard->spans.size(); ++i) {
            const Span &span = shard->spans[i];
            if (span.isOpen() && span.lane < static_cast<LaneId>(lanes.size())
                && lanes.at(span.lane).kind == laneKind) {
                ++count;
            }
        }
    }
    return count;
}

std::size_t Recorder::spanCount() const
{
    std::lock_guard shardsLock(m_shardMutex);
    std::size_t n = 0;
    for (const auto &shard : m_shards) {
        std::lock_guard lock(shard->mutex);
        n += shard->spans.size();
    }
    return n;
}

Span Recorder::span(SpanId id) const
{
    Shard &shard = shardOf(id);
    std::lock_guard lock(shard.mutex);
    return shard.spans[indexOf(id)];
}

void Recorder::setEventsEnabled(bool enabled)
{
    m_eventsEnabled = enabled;
    if (!enabled) {
        std::lock_guard shardsLock(m_shardMutex);
        for (const auto &shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            shard->events.clear();
        }
    }
}

std::size_t Recorder::takeEvents(std::vector<SpanEvent> &out)
{
    std::lock_guard shardsLock(m_shardMutex);
    std::size_t n = 0;
    for (const auto &shard : m_shards) {
        std::lock_guard lock(shard->mutex);
        out.reserve(out.size() + shard->events.size());
        for (std::size_t e = 0; e < shard->events.size(); ++e) {
            const SpanId packed = shard->events[e];
            const SpanId id = packed >> 1;
            const bool ended = (packed & 1u) != 0;
            SpanEvent event {id, ended, shard->spans[indexOf(id)]};
            if (!ended) {
                // The span as it was when it began (it may have ended since).
                event.span.endNs = kUnknownTime;
                event.span.readyNs = kUnknownTime;
                event.span.status = SpanStatus::Ok;
            }
            out.push_back(event);
        }
        n += shard->events.size();
        shard->events.clear();
    }
    return n;
}

void Recorder::snapshot(RunData &run) const
{
    run.spans.clear();
    {
        std::lock_guard shardsLock(m_shardMutex);
        for (const auto &shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            shard->spans.copyTo(run.spans);
        }
    }
    // One time-ordered list, whichever thread recorded each span.
    std::stable_sort(run.spans.begin(), run.spans.end(),
        [](const Span &a, const Span &b) { return a.beginNs < b.beginNs; });
    {
        std::lock_guard lock(m_mutex);
        run.lanes = m_lanes;
        run.marks = m_marks;
        run.counters = m_counters;
    }
    std::stable_sort(
        run.marks.begin(), run.marks.end(), [](const Mark &a, const Mark &b) { return a.atNs < b.atNs; });
    // Strings are append-only: copied after the spans, every id they use is present.
    std::lock_guard lock(m_stringMutex);
    run.strings = m_strings;
}

std::size_t Recorder::memoryBytes() const
{
    std::size_t bytes = 0;
    {
        std::lock_guard shardsLock(m_shardMutex);
        for (const auto &shard : m_shards) {
            std::lock_guard lock(shard->mutex);
            bytes += shard->spans.capacityBytes() + shard->events.capacityBytes();
        }
    }
    {
        std::lock_guard lock(m_mutex);
        bytes += m_marks.capacity() * sizeof(Mark) + m_counters.capacity() * sizeof(CounterSample);
    }
    std::lock_guard lock(m_stringMutex);
    for (const QString &s : m_strings) {
        bytes += sizeof(QString) + static_cast<std::size_t>(s.capacity()) * sizeof(QChar);
    }
    return bytes;
}

} // namespace Coroscope
