// SPDX-License-Identifier: MIT
#include "stats.h"

#include "analysis.h"
#include "edges.h"
#include "ideal.h"

#include <algorithm>
#include <future>

namespace Coroscope {

namespace {

/// The work spans' begins and ends clipped to [fromNs, toNs] (see forEachEdge).
struct WorkEdges
{
    std::vector<qint64> begins;
    std::vector<qint64> ends;
};

WorkEdges workEdges(const RunData &run, qint64 fromNs, qint64 toNs)
{
    WorkEdges edges;
    edges.begins.reserve(run.spans.size());
    edges.ends.reserve(run.spans.size());
    for (const Span &span : run.spans) {
        if (!isWorkKind(span.kind) || span.lane >= static_cast<LaneId>(run.lanes.size())
            || !countsAsWorkLane(run.lanes.at(span.lane).kind)) {
            continue;
        }
        const qint64 b = std::max(span.beginNs, fromNs);
        const qint64 e = std::min(span.isOpen() ? toNs : span.endNs, toNs);
        if (e <= b) {
            continue;
        }
        edges.begins.push_back(b);
        edges.ends.push_back(e);
    }
    return edges;
}

} // namespace

RunData snapshotAt(const RunData &run, qint64 atNs)
{
    atNs = std::clamp<qint64>(atNs, 0, run.wallNs);
    if (atNs >= run.wallNs) {
        return run; // the end: the run itself
    }
    RunData at;
    at.experiment = run.experiment;
    at.title = run.title;
    at.params = run.params;
    at.status = RunStatus::Ok;
    at.startedAt = run.startedAt;
    at.wallNs = atNs;
    at.idealNs = run.idealNs;
    at.strings = run.strings;
    at.lanes = run.lanes;
    at.env = run.env;
    at.spans.reserve(run.spans.size());
    for (const Span &s : run.spans) {
        if (s.beginNs > atNs) {
            continue; // not begun yet
        }
        Span copy = s;
        if (copy.isOpen() || copy.endNs > atNs) {
            copy.endNs = kUnknownTime; // still going: how it ends is not known yet
            copy.status = SpanStatus::Ok;
        }
        if (copy.readyNs != kUnknownTime && copy.readyNs > atNs) {
            copy.readyNs = kUnknownTime;
        }
        at.spans.push_back(copy);
    }
    for (const Mark &m : run.marks) {
        if (m.atNs <= atNs) {
            at.marks.push_back(m);
        }
    }
    for (const CounterSample &c : run.counters) {
        if (c.atNs <= atNs) {
            at.counters.push_back(c);
        }
    }
    for (const Note &n : run.notes) {
        if (n.beginNs <= atNs) {
            at.notes.push_back({n.beginNs, std::min(n.endNs, atNs), n.text});
        }
    }
    // No prediction: it is about the total, which a frame before the end does not have.
    computeStats(at, false);
    return at;
}

int maxConcurrency(const RunData &run, qint64 fromNs, qint64 toNs)
{
    int level = 0;
    int best = 0;
    auto edges = workEdges(run, fromNs, toNs);
    forEachEdge(edges.begins, edges.ends, [&](qint64, int delta) {
        level += delta;
        best = std::max(best, level);
    });
    return best;
}

void computeStats(RunData &run, bool withIdeal)
{
    RunStats &s = run.stats;
    s = RunStats {};
    s.wallS = static_cast<double>(run.wallNs) / 1e9;
    s.idealS = static_cast<double>(run.idealNs) / 1e9;
    s.overheadS = s.wallS - s.idealS;

    auto edges = workEdges(run, 0, std::max<qint64>(run.wallNs, 1));
    int level = 0;
    double area = 0; // level x ns
    qint64 last = 0;
    forEachEdge(edges.begins, edges.ends, [&](qint64 atNs, int delta) {
        area += static_cast<double>(level) * static_cast<double>(atNs - last);
        last = atNs;
        level += delta;
        s.maxConcurrency = std::max(s.maxConcurrency, level);
    });
    s.avgConcurrency = run.wallNs > 0 ? area / static_cast<double>(run.wallNs) : 0.0;

    qint64 longest = std::max<qint64>(run.loopMaxLatenessNs, 0);
    qint64 total = 0;
    for (const Span &span : run.spans) {
        ++s.spans;
        if (span.status == SpanStatus::Error) {
            ++s.errors;
        } else if (span.status == SpanStatus::Cancelled) {
            ++s.cancelled;
        }
        if (span.kind == SpanKind::Stall && !span.isOpen()) {
            longest = std::max(longest, span.durationNs());
            total += span.durationNs();
        }
    }
    s.longestStallS = static_cast<double>(longest) / 1e9;
    s.totalStallS = static_cast<double>(total) / 1e9;
    if (!withIdeal) {
        run.blame = Analysis::computeBlame(run); // sets lateS and blamedS
        run.ideal = {};
        return;
    }
    // The replay reads only the spans and lanes, the blame writes only run.blame and two
    // stats: on a big run (1 M spans: 0.3 s each) they go side by side on two cores.
    if (run.spans.size() >= 100'000) {
        auto replay = std::async(std::launch::async, [&run] { return Analysis::idealSchedule(run); });
        run.blame = Analysis::computeBlame(run);
        run.ideal = replay.get();
    } else {
        run.blame = Analysis::computeBlame(run); // sets lateS and blamedS
        run.ideal = Analysis::idealSchedule(run);
    }
    // Zero overhead cannot be slower than the run: a replay that ends (2 % and 1 ms) after it
    // found an order the program did not take — the model does not fit this run (a traced
    // program's steps racing differently), and its outlines and figures would mislead.
    if (run.wallNs > 0 && run.ideal.totalNs > run.wallNs + run.wallNs / 50 + 1'000'000) {
        run.ideal = {};
        return;
    }
    s.idealScheduleS = static_cast<double>(run.ideal.totalNs) / 1e9;
    // The counterfactual replays again only if it has a blocking step to make async (ideal.cpp's
    // rule: a blocking call or a `blocking` span held its thread); else it is the schedule.
    const bool anyBlocking = std::any_of(run.spans.begin(), run.spans.end(), [&run](const Span &span) {
        return (span.blocking || span.kind == SpanKind::Blocking) && span.lane < static_cast<LaneId>(run.lanes.size())
            && run.lanes.at(span.lane).kind == LaneKind::Task;
    });
    if (anyBlocking) {
        const Analysis::IdealSchedule allAsync = Analysis::idealSchedule(run, true);
        s.idealAllAsyncS = static_cast<double>(allAsync.totalNs) / 1e9;
        s.madeAsync = allAsync.madeAsync;
    } else {
        s.idealAllAsyncS = s.idealScheduleS;
        s.madeAsync = 0;
    }
}

} // namespace Coroscope
