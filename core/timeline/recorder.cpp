// SPDX-License-Identifier: MIT
#include "recorder.h"

#include "rundata.h"

namespace Coroscope {

Recorder::Recorder(Clock::time_point origin)
    : m_origin(origin.time_since_epoch().count())
{
    m_strings.append(QString());
    m_stringIds.insert(QString(), 0);
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

LaneId Recorder::addLane(const QString &name, LaneKind kind)
{
    std::lock_guard lock(m_mutex);
    const auto id = static_cast<LaneId>(m_lanes.size());
    m_lanes.append(Lane{id, name, kind});
    return id;
}

QList<Lane> Recorder::lanes() const
{
    std::lock_guard lock(m_mutex);
    return m_lanes;
}

SpanId Recorder::begin(LaneId lane, StrId name, SpanKind kind, StrId detail, qint64 atNs)
{
    Span span;
    span.beginNs = atNs == kUnknownTime ? now() : atNs;
    span.lane = lane;
    span.name = name;
    span.detail = detail;
    span.kind = kind;
    std::lock_guard lock(m_mutex);
    const auto id = static_cast<SpanId>(m_spans.size());
    m_spans.push_back(span);
    ++m_open;
    if (m_eventsEnabled) {
        m_events.push_back(id << 1);
    }
    return id;
}

void Recorder::end(SpanId id, const SpanEnd &how)
{
    const qint64 at = how.atNs == kUnknownTime ? now() : how.atNs;
    std::lock_guard lock(m_mutex);
    Q_ASSERT(id < m_spans.size());
    Span &span = m_spans[id];
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
    --m_open;
    if (m_eventsEnabled) {
        m_events.push_back(id << 1 | 1u);
    }
}

SpanId Recorder::add(const Span &span)
{
    std::lock_guard lock(m_mutex);
    const auto id = static_cast<SpanId>(m_spans.size());
    m_spans.push_back(span);
    if (span.isOpen()) {
        ++m_open;
    }
    if (m_eventsEnabled) {
        m_events.push_back(id << 1);
        if (!span.isOpen()) {
            m_events.push_back(id << 1 | 1u);
        }
    }
    return id;
}

void Recorder::setDetail(SpanId id, StrId detail)
{
    std::lock_guard lock(m_mutex);
    m_spans[id].detail = detail;
}

void Recorder::setReady(SpanId id, qint64 readyNs)
{
    std::lock_guard lock(m_mutex);
    m_spans[id].readyNs = readyNs;
}

void Recorder::mark(LaneId lane, StrId name, StrId detail, qint64 atNs)
{
    Mark mark{atNs == kUnknownTime ? now() : atNs, lane, name, detail};
    std::lock_guard lock(m_mutex);
    m_marks.push_back(mark);
}

void Recorder::counter(LaneId lane, StrId name, double value, qint64 atNs)
{
    CounterSample sample{atNs == kUnknownTime ? now() : atNs, value, lane, name};
    std::lock_guard lock(m_mutex);
    m_counters.push_back(sample);
}

int Recorder::closeOpen(SpanStatus status, qint64 atNs, StrId detail)
{
    std::lock_guard lock(m_mutex);
    int closed = 0;
    for (std::size_t i = 0; i < m_spans.size() && m_open > 0; ++i) {
        Span &span = m_spans[i];
        if (!span.isOpen()) {
            continue;
        }
        span.endNs = std::max(atNs, span.beginNs);
        span.status = status;
        if (detail != SpanEnd::kKeepDetail) {
            span.detail = detail;
        }
        --m_open;
        ++closed;
        if (m_eventsEnabled) {
            m_events.push_back(static_cast<SpanId>(i) << 1 | 1u);
        }
    }
    return closed;
}

int Recorder::openCount(LaneKind laneKind) const
{
    std::lock_guard lock(m_mutex);
    int count = 0;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        const Span &span = m_spans[i];
        if (span.isOpen() && span.lane < static_cast<LaneId>(m_lanes.size())
            && m_lanes.at(span.lane).kind == laneKind) {
            ++count;
        }
    }
    return count;
}

std::size_t Recorder::spanCount() const
{
    std::lock_guard lock(m_mutex);
    return m_spans.size();
}

Span Recorder::span(SpanId id) const
{
    std::lock_guard lock(m_mutex);
    return m_spans[id];
}

void Recorder::setEventsEnabled(bool enabled)
{
    std::lock_guard lock(m_mutex);
    m_eventsEnabled = enabled;
    if (!enabled) {
        m_events.clear();
    }
}

std::size_t Recorder::takeEvents(std::vector<SpanEvent> &out)
{
    std::lock_guard lock(m_mutex);
    out.reserve(out.size() + m_events.size());
    for (const SpanId packed : m_events) {
        const SpanId id = packed >> 1;
        const bool ended = (packed & 1u) != 0;
        SpanEvent event{id, ended, m_spans[id]};
        if (!ended) {
            // The span as it was when it began (it may have ended since).
            event.span.endNs = kUnknownTime;
            event.span.readyNs = kUnknownTime;
            event.span.status = SpanStatus::Ok;
        }
        out.push_back(event);
    }
    const std::size_t n = m_events.size();
    m_events.clear();
    return n;
}

void Recorder::snapshot(RunData &run) const
{
    {
        std::lock_guard lock(m_mutex);
        run.lanes = m_lanes;
        run.spans.clear();
        m_spans.copyTo(run.spans);
        run.marks = m_marks;
        run.counters = m_counters;
    }
    // Strings are append-only: copied after the spans, every id they use is present.
    std::lock_guard lock(m_stringMutex);
    run.strings = m_strings;
}

std::size_t Recorder::memoryBytes() const
{
    std::size_t bytes = 0;
    {
        std::lock_guard lock(m_mutex);
        bytes += m_spans.capacityBytes() + m_events.capacity() * sizeof(SpanId)
            + m_marks.capacity() * sizeof(Mark) + m_counters.capacity() * sizeof(CounterSample);
    }
    std::lock_guard lock(m_stringMutex);
    for (const QString &s : m_strings) {
        bytes += sizeof(QString) + static_cast<std::size_t>(s.capacity()) * sizeof(QChar);
    }
    return bytes;
}

} // namespace Coroscope
