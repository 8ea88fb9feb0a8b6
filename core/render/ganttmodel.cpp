// SPDX-License-Identifier: MIT
#include "ganttmodel.h"

#include "timeline/edges.h"
#include "timeline/prediction.h"
#include "timeline/stats.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// A count of what is in flight on `spans` over time, as density rows draw it.
void countInFlight(GanttRow &row, std::vector<qint64> &begins, std::vector<qint64> &ends)
{
    int level = 0;
    forEachEdge(begins, ends, [&](qint64 t, int d) {
        level += d;
        if (!row.steps.empty() && row.steps.back().first == t) {
            row.steps.back().second = level;
        } else {
            row.steps.emplace_back(t, level);
        }
        row.densityMax = std::max(row.densityMax, level);
    });
}

} // namespace

void GanttModel::assignTracks(GanttRow &row) const
{
    // Greedy interval colouring in begin order: each span takes the first sub-row free by its
    // begin. Touching spans (one ends where the next begins) share a sub-row.
    std::vector<qint64> trackEnd;
    std::vector<quint8> track;
    track.reserve(row.spans.size());
    bool overflow = false;
    for (const quint32 i : row.spans) {
        const Span &s = m_run.spans[i];
        const qint64 end = s.isOpen() ? m_endNs : s.endNs;
        std::size_t t = 0;
        while (t < trackEnd.size() && trackEnd[t] > s.beginNs) {
            ++t;
        }
        if (t == trackEnd.size()) {
            if (trackEnd.size() >= static_cast<std::size_t>(kMaxTracks)) {
                overflow = true;
                break;
            }
            trackEnd.push_back(end);
        } else {
            trackEnd[t] = end;
        }
        track.push_back(static_cast<quint8>(t));
    }
    if (overflow) {
        makeDensity(row); // too many at once to draw apart
        return;
    }
    row.tracks = std::max<int>(1, static_cast<int>(trackEnd.size()));
    if (row.tracks > 1) {
        row.track = std::move(track);
    }
}

void GanttModel::makeDensity(GanttRow &row) const
{
    // How many of the lane's spans are in flight, over time.
    std::vector<qint64> begins;
    std::vector<qint64> ends;
    begins.reserve(row.spans.size());
    ends.reserve(row.spans.size());
    for (const quint32 i : row.spans) {
        const Span &s = m_run.spans[i];
        begins.push_back(s.beginNs);
        ends.push_back(s.isOpen() ? m_endNs : s.endNs);
    }
    row.type = GanttRow::Type::Density;
    row.tracks = 1;
    row.track.clear();
    countInFlight(row, begins, ends);
}

void GanttModel::keepShapeOf(const GanttModel &whole)
{
    m_legend = whole.m_legend;
    if (whole.m_rows.size() != m_rows.size()) {
        return;
    }
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        GanttRow &row = m_rows[r];
        const GanttRow &later = whole.m_rows[r];
        if (row.type != GanttRow::Type::Lane || row.lane != later.lane) {
            continue;
        }
        if (later.type == GanttRow::Type::Density && later.foldedLanes == 0) {
            // The lane is drawn as a count of what is in flight once the run has more at once
            // than sub-rows: so is it from the first frame (a lane of sub-rows would be taller).
            makeDensity(row);
            continue;
        }
        if (later.type != GanttRow::Type::Lane || later.tracks <= row.tracks) {
            continue;
        }
        if (row.tracks == 1) {
            row.track.assign(row.spans.size(), 0);
        }
        row.tracks = later.tracks;
    }
}

GanttModel::GanttModel(RunData run, int maxTaskLanes)
    : m_run(std::move(run))
{
    const auto laneCount = static_cast<std::size_t>(m_run.lanes.size());
    std::vector<std::vector<quint32>> spansOf(laneCount);
    std::vector<std::vector<quint32>> marksOf(laneCount);
    m_endNs = std::max<qint64>(m_run.wallNs, 1);
    const bool imported = m_run.isImportedTrace();
    for (std::size_t i = 0; i < m_run.spans.size(); ++i) {
        const Span &s = m_run.spans[i];
        if (s.lane < laneCount) {
            spansOf[s.lane].push_back(static_cast<quint32>(i));
        }
        m_endNs = std::max(m_endNs, s.isOpen() ? s.beginNs : s.endNs);
        if (isWorkKind(s.kind) && s.lane < laneCount && countsAsWorkLane(m_run.lanes.at(s.lane).kind)
            && !imported) {
            // What the step itself took: a step resumed late (ready, waiting for the loop) would
            // not have waited so when run alone.
            m_sequentialNs += s.isOpen() ? 0 : s.ownEndNs() - s.beginNs;
        }
    }
    // Legend facts: hatching counts only where it is wide enough to see at a usual width.
    const qint64 visibleLateness = std::max<qint64>(1'000'000, m_endNs / 500);
    // A kind is in the legend when it can be seen: one of its spans is a few pixels wide at a
    // usual width, or its spans together are (thousands of tiny CPU steps are a visible band).
    const qint64 visibleSpan = std::max<qint64>(1, m_endNs / 300);
    std::array<qint64, kSpanKindCount> holdingNs {};
    std::array<qint64, kSpanKindCount> suspendedNs {};
    for (const Span &s : m_run.spans) {
        const auto k = static_cast<std::size_t>(s.kind);
        const qint64 d = std::max<qint64>(0, (s.isOpen() ? m_endNs : s.endNs) - s.beginNs);
        qint64 &sum = s.holdsThread() ? holdingNs[k] : suspendedNs[k];
        sum = std::min(sum + d, std::numeric_limits<qint64>::max() / 2);
        if (d >= visibleSpan || sum >= 2 * visibleSpan) {
            (s.holdsThread() ? m_legend.holding : m_legend.suspended)[k] = true;
        }
        m_legend.error |= s.status == SpanStatus::Error;
        m_legend.cancelled |= s.status == SpanStatus::Cancelled;
        m_legend.late |= !s.holdsThread() && s.readyNs != kUnknownTime && !s.isOpen()
            && s.endNs - std::max(s.readyNs, s.beginNs) > visibleLateness
            && (s.kind != SpanKind::Wait || Analysis::lateFromNs(m_run, s) != kUnknownTime);
    }
    for (std::size_t i = 0; i < m_run.marks.size(); ++i) {
        const Mark &m = m_run.marks[i];
        if (m.lane < laneCount) {
            marksOf[m.lane].push_back(static_cast<quint32>(i));
            m_legend.marks = true;
        }
    }

    auto makeRow = [&](const Lane &lane) {
        GanttRow row;
        row.type = GanttRow::Type::Lane;
        row.laneKind = lane.kind;
        row.lane = lane.id;
        row.label = lane.name;
        row.spans = std::move(spansOf[lane.id]);
        std::stable_sort(row.spans.begin(), row.spans.end(),
            [this](quint32 a, quint32 b) { return m_run.spans[a].beginNs < m_run.spans[b].beginNs; });
        row.begins.reserve(row.spans.size());
        row.ends.reserve(row.spans.size());
        row.looks.reserve(row.spans.size());
        for (quint32 i : row.spans) {
            const Span &s = m_run.spans[i];
            row.maxDurationNs = std::max(row.maxDurationNs, (s.isOpen() ? m_endNs : s.endNs) - s.beginNs);
            row.begins.push_back(s.beginNs);
            row.ends.push_back(s.isOpen() ? std::max(m_run.wallNs, s.beginNs) : s.endNs);
            row.looks.push_back(static_cast<quint8>(static_cast<unsigned>(s.kind)
                | static_cast<unsigned>(s.status) << 4 | (s.holdsThread() ? 1U << 6 : 0U)));
        }
        assignTracks(row);
        row.marks = std::move(marksOf[lane.id]);
        std::stable_sort(row.marks.begin(), row.marks.end(),
            [this](quint32 a, quint32 b) { return m_run.marks[a].atNs < m_run.marks[b].atNs; });
        return row;
    };

    int taskLanes = 0;
    for (const Lane &lane : m_run.lanes) {
        taskLanes += lane.kind == LaneKind::Task;
    }
    const bool fold = taskLanes > maxTaskLanes;
    const int keep = fold ? std::min(kKeptWhenFolding, maxTaskLanes - 1) : taskLanes;

    for (const LaneKind group :
        {LaneKind::Loop, LaneKind::Task, LaneKind::Pool, LaneKind::Connection, LaneKind::Server}) {
        bool first = true;
        int seen = 0;
        std::vector<qint64> foldedBegins;
        std::vector<qint64> foldedEnds;
        int folded = 0;
        for (const Lane &lane : m_run.lanes) {
            if (lane.kind != group) {
                continue;
            }
            if (group == LaneKind::Task && seen++ >= keep) {
                ++folded;
                for (quint32 i : spansOf[lane.id]) {
                    const Span &s = m_run.spans[i];
                    if (isWorkKind(s.kind)) {
                        foldedBegins.push_back(s.beginNs);
                        foldedEnds.push_back(s.isOpen() ? m_endNs : s.endNs);
                    }
                }
                continue;
            }
            GanttRow row = makeRow(lane);
            row.groupStart = first && !m_rows.empty();
            first = false;
            m_rows.push_back(std::move(row));
        }
        if (folded > 0) {
            GanttRow density;
            density.type = GanttRow::Type::Density;
            density.laneKind = LaneKind::Task;
            density.foldedLanes = folded;
            density.label = tr("+%n more task(s)", nullptr, static_cast<int>(folded));
            countInFlight(density, foldedBegins, foldedEnds);
            m_rows.push_back(std::move(density));
        }
    }

    m_rowOfLane.assign(laneCount, -1);
    m_states.resize(m_rows.size());
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const GanttRow &row = m_rows[r];
        if (row.foldedLanes > 0) {
            continue; // the density row of folded tasks: not one lane
        }
        if (row.lane < laneCount) {
            m_rowOfLane[row.lane] = static_cast<int>(r);
        }
        if (row.type == GanttRow::Type::Lane && row.laneKind == LaneKind::Task && !imported) {
            m_states[r] = Analysis::taskStates(m_run, row.spans);
            m_legend.states = m_legend.states || !m_states[r].empty();
        }
    }
    m_blamePlaces.reserve(m_run.blame.size());
    for (const Blame &b : m_run.blame) {
        m_blamePlaces.emplace_back(placeOf(b.culprit), placeOf(b.victim));
    }
    m_legend.blame = !m_run.blame.empty();
    m_wakers = Analysis::wakers(m_run);
    if (const auto overlap = overlapVerdictOf(m_run, &m_wakers)) {
        m_overlapVerdict = overlap->text;
    }
    const qint64 visible = std::max<qint64>(1'000'000, m_endNs / 150);
    for (std::size_t i = 0; i < m_run.ideal.beginNs.size() && i < m_run.spans.size() && !m_legend.ghosts;
         ++i) {
        const Span &s = m_run.spans[i];
        m_legend.ghosts = m_run.ideal.beginNs[i] != kUnknownTime && m_run.ideal.endNs[i] != kUnknownTime
            && (std::abs(static_cast<double>(m_run.ideal.beginNs[i]) - static_cast<double>(s.beginNs))
                    >= static_cast<double>(visible)
                || std::abs(static_cast<double>(m_run.ideal.endNs[i]) - static_cast<double>(s.endNs))
                    >= static_cast<double>(visible));
    }
}

SpanPlace GanttModel::placeOf(qint32 index) const
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_run.spans.size()) {
        return {};
    }
    const Span &s = m_run.spans[static_cast<std::size_t>(index)];
    if (s.lane >= m_rowOfLane.size() || m_rowOfLane[s.lane] < 0) {
        return {};
    }
    const int r = m_rowOfLane[s.lane];
    const GanttRow &row = m_rows[static_cast<std::size_t>(r)];
    if (row.tracks <= 1) {
        return {r, 0};
    }
    const auto byBegin = [this](quint32 i, qint64 t) { return m_run.spans[i].beginNs < t; };
    for (auto it = std::lower_bound(row.spans.begin(), row.spans.end(), s.beginNs, byBegin);
         it != row.spans.end() && m_run.spans[*it].beginNs == s.beginNs; ++it) {
        if (static_cast<qint32>(*it) == index) {
            return {r, row.track[static_cast<std::size_t>(it - row.spans.begin())]};
        }
    }
    return {r, 0};
}

const std::vector<Analysis::StateInterval> &GanttModel::states(std::size_t row) const
{
    static const std::vector<Analysis::StateInterval> none;
    return row < m_states.size() ? m_states[row] : none;
}

std::pair<std::size_t, std::size_t> GanttModel::visibleRange(
    const GanttRow &row, qint64 fromNs, qint64 toNs) const
{
    // Spans are sorted by begin; one that starts before fromNs - maxDuration cannot reach fromNs.
    const qint64 earliest = fromNs - row.maxDurationNs;
    if (row.begins.size() == row.spans.size()) {
        const auto first = std::lower_bound(row.begins.begin(), row.begins.end(), earliest);
        const auto last = std::lower_bound(first, row.begins.end(), toNs);
        return {static_cast<std::size_t>(first - row.begins.begin()),
            static_cast<std::size_t>(last - row.begins.begin())};
    }
    const auto byBegin = [this](quint32 index, qint64 t) { return m_run.spans[index].beginNs < t; };
    const auto first = std::lower_bound(row.spans.begin(), row.spans.end(), earliest, byBegin);
    const auto last = std::lower_bound(first, row.spans.end(), toNs, byBegin);
    return {static_cast<std::size_t>(first - row.spans.begin()),
        static_cast<std::size_t>(last - row.spans.begin())};
}

int GanttModel::densityAt(const GanttRow &row, qint64 fromNs, qint64 toNs)
{
    const auto &steps = row.steps;
    auto it = std::upper_bound(steps.begin(), steps.end(), fromNs,
        [](qint64 t, const std::pair<qint64, int> &s) { return t < s.first; });
    int best = it == steps.begin() ? 0 : std::prev(it)->second;
    for (; it != steps.end() && it->first < toNs; ++it) {
        best = std::max(best, it->second);
    }
    return best;
}

} // namespace Coroscope
