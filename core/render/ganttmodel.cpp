// SPDX-License-Identifier: MIT
#include "ganttmodel.h"

#include "timeline/stats.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

GanttModel::GanttModel(RunData run, int maxTaskLanes)
    : m_run(std::move(run))
{
    const auto laneCount = static_cast<std::size_t>(m_run.lanes.size());
    std::vector<std::vector<quint32>> spansOf(laneCount);
    std::vector<std::vector<quint32>> marksOf(laneCount);
    m_endNs = std::max<qint64>(m_run.wallNs, 1);
    for (std::size_t i = 0; i < m_run.spans.size(); ++i) {
        const Span &s = m_run.spans[i];
        if (s.lane < laneCount) {
            spansOf[s.lane].push_back(static_cast<quint32>(i));
        }
        m_endNs = std::max(m_endNs, s.isOpen() ? s.beginNs : s.endNs);
        if (isWorkKind(s.kind) && s.lane < laneCount && countsAsWorkLane(m_run.lanes.at(s.lane).kind)) {
            m_sequentialNs += s.durationNs();
        }
    }
    // Legend facts: hatching counts only where it is wide enough to see at a usual width.
    const qint64 visibleLateness = std::max<qint64>(1'000'000, m_endNs / 500);
    for (const Span &s : m_run.spans) {
        (s.holdsThread() ? m_legend.holding : m_legend.suspended)[static_cast<std::size_t>(s.kind)] = true;
        m_legend.error |= s.status == SpanStatus::Error;
        m_legend.cancelled |= s.status == SpanStatus::Cancelled;
        m_legend.late |= !s.holdsThread() && s.kind != SpanKind::Wait && s.readyNs != kUnknownTime
            && !s.isOpen() && s.endNs - s.readyNs > visibleLateness;
    }
    for (std::size_t i = 0; i < m_run.marks.size(); ++i) {
        const Mark &m = m_run.marks[i];
        if (m.lane < laneCount) {
            marksOf[m.lane].push_back(static_cast<quint32>(i));
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
        for (quint32 i : row.spans) {
            const Span &s = m_run.spans[i];
            row.maxDurationNs = std::max(row.maxDurationNs, (s.isOpen() ? m_endNs : s.endNs) - s.beginNs);
        }
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
        std::vector<std::pair<qint64, int>> edges;
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
                        edges.emplace_back(s.beginNs, +1);
                        edges.emplace_back(s.isOpen() ? m_endNs : s.endNs, -1);
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
            density.label = u"+%1 more tasks"_s.arg(folded);
            std::sort(edges.begin(), edges.end(), [](const auto &a, const auto &b) {
                return a.first != b.first ? a.first < b.first : a.second < b.second;
            });
            int level = 0;
            for (const auto &[t, d] : edges) {
                level += d;
                if (!density.steps.empty() && density.steps.back().first == t) {
                    density.steps.back().second = level;
                } else {
                    density.steps.emplace_back(t, level);
                }
                density.densityMax = std::max(density.densityMax, level);
            }
            m_rows.push_back(std::move(density));
        }
    }
}

std::pair<std::size_t, std::size_t> GanttModel::visibleRange(
    const GanttRow &row, qint64 fromNs, qint64 toNs) const
{
    // Spans are sorted by begin; one that starts before fromNs - maxDuration cannot reach fromNs.
    const qint64 earliest = fromNs - row.maxDurationNs;
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
