// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/analysis.h"
#include "timeline/rundata.h"

#include <QCoreApplication>

#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace Coroscope {

/// One row of the chart: a lane, or the density row that folds the task lanes beyond the limit.
struct GanttRow
{
    enum class Type : quint8
    {
        Lane,
        Density
    };
    Type type = Type::Lane;
    LaneKind laneKind = LaneKind::Task;
    LaneId lane = 0; ///< for Type::Lane
    QString label;
    std::vector<quint32> spans; ///< indices into run.spans, sorted by begin
    /// The same spans' times and looks side by side, for drawing a dense row without a cache
    /// miss per span: begin, end (an open one's: the run's end), and kind | status << 4 |
    /// holds-thread << 6.
    std::vector<qint64> begins;
    std::vector<qint64> ends;
    std::vector<quint8> looks;
    /// Spans that overlap on one lane (a server's requests in flight) go to sub-rows: the
    /// sub-row of each span in `spans` (empty when the row has one), and how many there are.
    std::vector<quint8> track;
    int tracks = 1;
    std::vector<quint32> marks; ///< indices into run.marks, sorted by time
    qint64 maxDurationNs = 0; ///< longest span on the row (for range look-ups)
    // Type::Density: work spans of the folded lanes in flight, as a step function.
    std::vector<std::pair<qint64, int>> steps; ///< (time, count from then on), sorted
    int densityMax = 0;
    int foldedLanes = 0;
    bool groupStart = false; ///< first row of its lane kind group: a separator above
};

/// Where a span is drawn: its row and sub-row (row -1: folded away or not shown).
struct SpanPlace
{
    int row = -1;
    int track = 0;
};

/// What the legend needs to know about a run, gathered once (not per frame).
struct LegendFacts
{
    std::array<bool, kSpanKindCount> suspended {}; ///< kinds present as suspended steps
    std::array<bool, kSpanKindCount> holding {}; ///< kinds present holding their thread
    bool error = false;
    bool cancelled = false;
    bool late = false; ///< some step was resumed visibly later than it became ready
    bool blame = false; ///< the run has blame arrows to draw
    bool ghosts = false; ///< some task step is visibly away from its ideal time
    bool marks = false; ///< instants (print, events) drawn as small triangles
    bool states = false; ///< some row has a task-state strip (not in another tool's trace)
};

/**
 * A run prepared for drawing: rows in display order (event loop, tasks, pools, servers),
 * spans sorted per row, tasks beyond `maxTaskLanes` folded into one density row.
 * Built once per run; painting any range of it is then cheap.
 */
class GanttModel
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::GanttModel)

public:
    static constexpr int kDefaultMaxTaskLanes = 64;
    /// Task lanes kept when folding (the rest go into the density row).
    static constexpr int kKeptWhenFolding = 48;
    /// Most sub-rows a lane gets; a lane with more spans in flight at once is drawn as a
    /// count of them (a density row), like folded tasks.
    static constexpr int kMaxTracks = 4;

    explicit GanttModel(RunData run, int maxTaskLanes = kDefaultMaxTaskLanes);

    /// A replay's frame: each lane row keeps at least the sub-rows it has in `whole` (the same
    /// run, later), so rows do not move as the frames go on, and the legend is the whole run's
    /// (the key to everything the replay will show).
    void keepShapeOf(const GanttModel &whole);

    [[nodiscard]] const RunData &run() const { return m_run; }
    [[nodiscard]] const std::vector<GanttRow> &rows() const { return m_rows; }
    /// The end of the chart's time axis: the wall time or the last span's end.
    [[nodiscard]] qint64 endNs() const { return m_endNs; }
    [[nodiscard]] const LegendFacts &legendFacts() const { return m_legend; }
    /// Where run.blame[i]'s culprit and victim are drawn.
    [[nodiscard]] const std::vector<std::pair<SpanPlace, SpanPlace>> &blamePlaces() const
    {
        return m_blamePlaces;
    }
    /// A task row's states over time (Analysis::taskStates), empty for other rows.
    [[nodiscard]] const std::vector<Analysis::StateInterval> &states(std::size_t row) const;
    /// Where span `index` is drawn.
    [[nodiscard]] SpanPlace placeOf(qint32 index) const;
    /// What made each span ready (Analysis::wakers), -1 where nothing recorded did.
    [[nodiscard]] const std::vector<qint32> &wakers() const { return m_wakers; }
    /// The user's prediction of which tasks run at once held against the run, with why
    /// ("predicted 1+2 at once — wrong: task 1 and task 2 never ran at once"), empty when there
    /// is none (or the run did not end ok).
    [[nodiscard]] const QString &overlapVerdict() const { return m_overlapVerdict; }
    /// What the task lanes' work would take one after another (sum of their durations).
    [[nodiscard]] qint64 sequentialNs() const { return m_sequentialNs; }
    /// Indices of spans on `row` that may intersect [fromNs, toNs), in begin order.
    [[nodiscard]] std::pair<std::size_t, std::size_t> visibleRange(
        const GanttRow &row, qint64 fromNs, qint64 toNs) const;
    /// Most in-flight work in the density row at any time within [fromNs, toNs).
    [[nodiscard]] static int densityAt(const GanttRow &row, qint64 fromNs, qint64 toNs);

private:
    void assignTracks(GanttRow &row) const;
    /// Draws a lane row as the count of its spans in flight (too many at once for sub-rows).
    void makeDensity(GanttRow &row) const;

    RunData m_run;
    std::vector<GanttRow> m_rows;
    qint64 m_endNs = 0;
    qint64 m_sequentialNs = 0;
    QString m_overlapVerdict;
    LegendFacts m_legend;
    std::vector<int> m_rowOfLane; // -1: folded
    std::vector<std::pair<SpanPlace, SpanPlace>> m_blamePlaces;
    std::vector<qint32> m_wakers;
    std::vector<std::vector<Analysis::StateInterval>> m_states; // per row
};

} // namespace Coroscope
