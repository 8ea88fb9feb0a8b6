// SPDX-License-Identifier: MIT
#include "analysis.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cstdlib>
#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope::Analysis {

namespace {

bool onLane(const RunData &run, const Span &span, LaneKind kind)
{
    return span.lane < static_cast<LaneId>(run.lanes.size()) && run.lanes.at(span.lane).kind == kind;
}

struct Interval
{
    qint64 b = 0;
    qint64 e = 0;
};

qint64 overlap(qint64 b1, qint64 e1, qint64 b2, qint64 e2)
{
    return std::max<qint64>(0, std::min(e1, e2) - std::max(b1, b2));
}

/// Merges intervals in place (sorted, disjoint) and returns their total length.
qint64 merge(std::vector<Interval> &v)
{
    std::sort(v.begin(), v.end(), [](const Interval &a, const Interval &b) { return a.b < b.b; });
    std::vector<Interval> out;
    qint64 total = 0;
    for (const Interval &i : v) {
        if (!out.empty() && i.b <= out.back().e) {
            out.back().e = std::max(out.back().e, i.e);
        } else {
            out.push_back(i);
        }
    }
    for (const Interval &i : out) {
        total += i.e - i.b;
    }
    v = std::move(out);
    return total;
}

/// Spans sorted by begin with the running maximum of their ends: the ones overlapping a
/// query interval are found by binary search, whether or not they overlap each other.
struct IntervalIndex
{
    std::vector<qint32> spans;
    std::vector<qint64> begins;
    std::vector<qint64> maxEnd; // prefix maximum of ends

    void build(const RunData &run)
    {
        std::sort(spans.begin(), spans.end(), [&run](qint32 a, qint32 b) {
            return run.spans[static_cast<std::size_t>(a)].beginNs
                < run.spans[static_cast<std::size_t>(b)].beginNs;
        });
        qint64 m = std::numeric_limits<qint64>::min();
        for (const qint32 i : spans) {
            const Span &s = run.spans[static_cast<std::size_t>(i)];
            begins.push_back(s.beginNs);
            m = std::max(m, s.endNs);
            maxEnd.push_back(m);
        }
    }

    template<typename F> void forOverlapping(qint64 b, qint64 e, F &&f) const
    {
        // Candidates begin before e; walk back while some earlier span may still reach b.
        auto k = static_cast<qsizetype>(std::lower_bound(begins.begin(), begins.end(), e) - begins.begin());
        while (--k >= 0 && maxEnd[static_cast<std::size_t>(k)] > b) {
            f(spans[static_cast<std::size_t>(k)]);
        }
    }
};

} // namespace

QString stateName(TaskState state)
{
    switch (state) {
    case TaskState::Running:
        return u"running"_s;
    case TaskState::Suspended:
        return u"suspended"_s;
    case TaskState::Ready:
        return QCoreApplication::translate("Coroscope::Analysis", "ready, waiting for the loop");
    case TaskState::Holding:
        return QCoreApplication::translate("Coroscope::Analysis", "holding the thread");
    }
    return {};
}

qint64 lateFromNs(const RunData &run, const Span &span)
{
    if (span.isOpen() || span.holdsThread() || span.readyNs == kUnknownTime
        || !onLane(run, span, LaneKind::Task)) {
        return kUnknownTime;
    }
    const qint64 from = std::max(span.readyNs, span.beginNs);
    return span.endNs - from >= kLateThresholdNs ? from : kUnknownTime;
}

std::vector<StateInterval> taskStates(const RunData &run, LaneId lane)
{
    std::vector<quint32> steps;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        if (run.spans[i].lane == lane) {
            steps.push_back(static_cast<quint32>(i));
        }
    }
    std::stable_sort(steps.begin(), steps.end(),
        [&run](quint32 a, quint32 b) { return run.spans[a].beginNs < run.spans[b].beginNs; });
    return taskStates(run, steps);
}

std::vector<StateInterval> taskStates(const RunData &run, const std::vector<quint32> &steps)
{
    std::vector<StateInterval> out;
    qint64 cursor = kUnknownTime;
    const auto push = [&out, &cursor](qint64 b, qint64 e, TaskState state, qint32 span) {
        b = std::max(b, cursor);
        if (e <= b) {
            return;
        }
        if (!out.empty() && out.back().endNs == b && out.back().state == state && out.back().span == span) {
            out.back().endNs = e;
        } else {
            out.push_back({b, e, state, span});
        }
        cursor = e;
    };
    for (const quint32 step : steps) {
        const Span &s = run.spans[step];
        const auto index = static_cast<qint32>(step);
        if (s.isOpen()) {
            continue;
        }
        if (cursor == kUnknownTime) {
            cursor = s.beginNs;
        }
        if (s.beginNs > cursor) {
            push(cursor, s.beginNs, TaskState::Running, -1);
        }
        if (s.holdsThread()) {
            push(s.beginNs, s.endNs, TaskState::Holding, index);
            continue;
        }
        const qint64 late = lateFromNs(run, s);
        if (late == kUnknownTime) {
            push(s.beginNs, s.endNs, TaskState::Suspended, index);
        } else {
            push(s.beginNs, late, TaskState::Suspended, index);
            push(late, s.endNs, TaskState::Ready, index);
        }
    }
    return out;
}

std::vector<Blame> computeBlame(RunData &run)
{
    IntervalIndex holders; // hold the loop's thread: task lanes' blocking and CPU steps
    IntervalIndex stalls; // the loop lane's stalls: what is left
    std::vector<qint32> nested;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &s = run.spans[i];
        if (s.isOpen()) {
            continue;
        }
        const auto index = static_cast<qint32>(i);
        if (onLane(run, s, LaneKind::Task) && s.holdsThread()) {
            holders.spans.push_back(index);
        } else if (onLane(run, s, LaneKind::Loop) && s.kind == SpanKind::Stall) {
            stalls.spans.push_back(index);
        }
        if (s.nestedLoop && onLane(run, s, LaneKind::Task)) {
            nested.push_back(index);
        }
    }
    holders.build(run);
    stalls.build(run);

    std::vector<Blame> out;
    qint64 lateTotal = 0;
    qint64 blamedTotal = 0;
    std::vector<Interval> covered;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &v = run.spans[i];
        const qint64 from = lateFromNs(run, v);
        if (from == kUnknownTime) {
            continue;
        }
        const qint64 to = v.endNs;
        lateTotal += to - from;
        const auto victim = static_cast<qint32>(i);
        covered.clear();
        const std::size_t firstOfVictim = out.size();
        qint64 victimBlamed = 0;
        const auto blame = [&](qint32 culprit, qint64 delay) {
            if (delay >= kLateThresholdNs) {
                out.push_back({culprit, victim, delay});
                victimBlamed += delay;
            }
        };
        holders.forOverlapping(from, to, [&](qint32 h) {
            if (h == victim) {
                return;
            }
            const Span &c = run.spans[static_cast<std::size_t>(h)];
            const qint64 b = std::max(from, c.beginNs);
            const qint64 e = std::min(to, c.endNs);
            if (e <= b) {
                return; // began earlier but ended before the wait: the index walks past it
            }
            covered.push_back({b, e});
            blame(h, e - b);
        });
        if (v.nestedLoop) {
            // Entered inside this one's nested loop (after it began, on another task): this
            // one's exec() cannot return before that one's has.
            for (const qint32 n : nested) {
                const Span &c = run.spans[static_cast<std::size_t>(n)];
                if (n == victim || c.lane == v.lane || c.beginNs < v.beginNs) {
                    continue;
                }
                const qint64 b = std::max(from, c.beginNs);
                const qint64 e = std::min(to, c.endNs);
                if (e > b) {
                    covered.push_back({b, e});
                    blame(n, e - b);
                }
            }
        }
        merge(covered);
        stalls.forOverlapping(from, to, [&](qint32 st) {
            const Span &c = run.spans[static_cast<std::size_t>(st)];
            const qint64 b = std::max(from, c.beginNs);
            const qint64 e = std::min(to, c.endNs);
            qint64 left = e - b;
            for (const Interval &k : covered) {
                left -= overlap(b, e, k.b, k.e);
            }
            blame(st, left);
        });
        // (Culprits that overlap each other — they cannot, on one loop — never explain more
        // than the victim's whole wait.)
        blamedTotal += std::min(victimBlamed, to - from);
        // One loop holds one thing at a time, so a victim has few culprits; a trace whose
        // "tasks" overlapped their CPU work (several threads drawn as tasks) could give each
        // thousands. Its largest kMaxCulprits are kept (the totals count every one).
        if (out.size() - firstOfVictim > kMaxCulprits) {
            const auto first = out.begin() + static_cast<std::ptrdiff_t>(firstOfVictim);
            std::nth_element(first, first + kMaxCulprits, out.end(),
                [](const Blame &a, const Blame &b) { return a.delayNs > b.delayNs; });
            out.resize(firstOfVictim + kMaxCulprits);
        }
    }
    std::sort(out.begin(), out.end(), [](const Blame &a, const Blame &b) {
        return a.delayNs != b.delayNs ? a.delayNs > b.delayNs
                                      : (a.victim != b.victim ? a.victim < b.victim : a.culprit < b.culprit);
    });
    run.stats.lateS = static_cast<double>(lateTotal) / 1e9;
    run.stats.blamedS = static_cast<double>(blamedTotal) / 1e9;
    return out;
}

std::vector<CulpritSummary> culprits(const RunData &run)
{
    std::vector<CulpritSummary> out;
    QHash<qint32, std::size_t> at;
    for (const Blame &b : run.blame) {
        auto it = at.find(b.culprit);
        if (it == at.end()) {
            it = at.insert(b.culprit, out.size());
            out.push_back({.culprit = b.culprit});
        }
        CulpritSummary &c = out[*it];
        ++c.victims;
        c.totalNs += b.delayNs;
        if (b.delayNs > c.maxNs) {
            c.maxNs = b.delayNs;
            c.worstVictim = b.victim;
        }
    }
    std::stable_sort(out.begin(), out.end(),
        [](const CulpritSummary &a, const CulpritSummary &b) { return a.totalNs > b.totalNs; });
    return out;
}

namespace {

/// Steps something else makes ready (a timer fires by itself; a query's answer comes from a
/// server that has no lane).
bool wakeable(SpanKind kind)
{
    return kind == SpanKind::Wait || kind == SpanKind::Acquire || kind == SpanKind::Http;
}

/// What can make such a step ready: a task (or a pool thread's job) finishing, a connection
/// or slot handed back, the server's answer.
bool canWake(LaneKind lane, SpanKind woken)
{
    switch (woken) {
    case SpanKind::Wait:
        return lane == LaneKind::Task || lane == LaneKind::Pool;
    case SpanKind::Acquire:
        return lane == LaneKind::Task || lane == LaneKind::Pool || lane == LaneKind::Connection;
    case SpanKind::Http:
        return lane == LaneKind::Server;
    default:
        return false;
    }
}

} // namespace

std::vector<qint32> wakers(const RunData &run)
{
    constexpr qint64 kAfter = 50'000; // a waker's end may be stamped just after the ready time
    constexpr int kMaxLooked = 64; // candidates looked at per step (10 000 answers at once)
    std::vector<qint32> out(run.spans.size(), -1);
    // (end, index) side by side: sorted without looking up a span per comparison.
    std::vector<std::pair<qint64, qint32>> byEnd;
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &s = run.spans[i];
        if (!s.isOpen() && s.kind != SpanKind::Stall && !onLane(run, s, LaneKind::Loop)) {
            byEnd.emplace_back(s.endNs, static_cast<qint32>(i));
        }
    }
    std::sort(byEnd.begin(), byEnd.end());
    for (std::size_t i = 0; i < run.spans.size(); ++i) {
        const Span &v = run.spans[i];
        if (v.isOpen() || v.readyNs == kUnknownTime || v.holdsThread() || !onLane(run, v, LaneKind::Task)
            || v.readyNs <= v.beginNs || !wakeable(v.kind)) {
            continue;
        }
        // Candidates end in [ready − window, ready + 50 µs]; the one ending closest wins.
        auto it = std::upper_bound(byEnd.begin(), byEnd.end(), v.readyNs + kAfter,
            [](qint64 t, const std::pair<qint64, qint32> &s) { return t < s.first; });
        qint32 best = -1;
        qint64 bestGap = std::numeric_limits<qint64>::max();
        for (int looked = 0; it != byEnd.begin() && looked < kMaxLooked; ++looked) {
            --it;
            const Span &c = run.spans[static_cast<std::size_t>(it->second)];
            if (c.endNs < v.readyNs - kWakeWindowNs) {
                break;
            }
            if (c.lane == v.lane || c.lane >= static_cast<LaneId>(run.lanes.size())
                || (v.kind != SpanKind::Wait && c.beginNs < v.beginNs - kAfter)
                || !canWake(run.lanes.at(c.lane).kind, v.kind)) {
                continue;
            }
            const qint64 gap = std::abs(c.endNs - v.readyNs);
            if (gap < bestGap) {
                bestGap = gap;
                best = it->second;
            }
        }
        out[i] = best;
    }
    return out;
}

QString describeStep(const RunData &run, qint32 index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= run.spans.size()) {
        return {};
    }
    const Span &s = run.spans[static_cast<std::size_t>(index)];
    const QString lane
        = s.lane < static_cast<LaneId>(run.lanes.size()) ? run.lanes.at(s.lane).name : QString();
    QString what = run.str(s.name);
    if (s.kind == SpanKind::Stall) {
        what = u"stall"_s;
    } else if (s.blocking && !what.startsWith(u"blocking"_s)) {
        what = QCoreApplication::translate("Coroscope::Analysis", "blocking %1").arg(what);
    } else if (s.kind == SpanKind::Cpu) {
        what = QCoreApplication::translate("Coroscope::Analysis", "CPU work %1").arg(what);
    }
    return lane.isEmpty() ? what : u"%1: %2"_s.arg(lane, what);
}

QString blameSentence(const RunData &run, qint32 culprit, qint32 victim)
{
    if (culprit < 0 || static_cast<std::size_t>(culprit) >= run.spans.size()) {
        return {};
    }
    const Span &c = run.spans[static_cast<std::size_t>(culprit)];
    const QString v = describeStep(run, victim);
    if (c.kind == SpanKind::Stall) {
        return QCoreApplication::translate(
            "Coroscope::Analysis", "the loop stalled (nothing recorded was holding it) while %1 was ready")
            .arg(v);
    }
    if (c.nestedLoop) {
        return QCoreApplication::translate(
            "Coroscope::Analysis", "%1 ran a nested event loop, which kept %2 from returning")
            .arg(describeStep(run, culprit), v);
    }
    return QCoreApplication::translate("Coroscope::Analysis", "%1 held the loop while %2 was ready")
        .arg(describeStep(run, culprit), v);
}

} // namespace Coroscope::Analysis
