// SPDX-License-Identifier: MIT
#include "ideal.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>

namespace Coroscope::Analysis {

namespace {

/// A wait counts as made ready by a task that finished this close to its ready time (as long
/// as a late step's threshold: under AddressSanitizer a resumption took 59 µs, and a 50 µs
/// window replayed blocking-in-task at 0.301 s for a run of 0.202 s).
constexpr qint64 kWakeToleranceNs = 1'000'000;

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
/// Tasks looked at per wait (the latest to finish), creators per creation.
constexpr std::size_t kMaxAwaited = 64;
constexpr int kMaxCreatorsLooked = 16;

/// a + b, held at the ends of qint64 (run files may hold spans of 1e18 ns).
qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    }
    return sum;
}

struct Child
{
    qint64 createdNs = 0;
    LaneId lane = 0;
    std::size_t beforeStep = 0; ///< the creator spawns it before beginning this step of its own
    bool inlineStart = true; ///< QCoro's eager start: it runs at once, inside its creator's turn
};

struct LaneInfo
{
    std::vector<quint32> steps; ///< closed spans, by begin
    qint64 createdNs = kUnknownTime;
    qint64 lastEndNs = kUnknownTime;
    std::vector<Child> children; ///< by creation
    std::size_t nextChild = 0; ///< children spawned so far, in the replay
    bool root = true;
    bool anySpan = false; ///< has spans at all (open ones count)
    LaneId creator = 0;
    std::size_t tin = 0; ///< entry and exit order in the creator tree (ancestor tests)
    std::size_t tout = 0;
};

struct Pending
{
    qint64 readyNs; ///< when it may run
    qint64 measuredNs; ///< when it ran in the run (ties go in the run's order)
    quint64 seq;
    LaneId lane;
    std::size_t step; ///< kNone: the task's start; else the step it resumes from
    bool operator>(const Pending &o) const
    {
        if (readyNs != o.readyNs) {
            return readyNs > o.readyNs;
        }
        if (measuredNs != o.measuredNs) {
            return measuredNs > o.measuredNs;
        }
        return seq > o.seq;
    }
};

/// A wait for tasks that have not all finished in the replay yet.
struct Blocked
{
    LaneId lane;
    std::size_t step;
    int remaining;
    qint64 latestEndNs;
};

class Replay
{
public:
    Replay(const RunData &run, bool allAsync)
        : m_run(run)
        , m_allAsync(allAsync)
    {
        m_out.beginNs.assign(run.spans.size(), kUnknownTime);
        m_out.endNs.assign(run.spans.size(), kUnknownTime);
        m_out.laneEndNs.assign(static_cast<std::size_t>(run.lanes.size()), kUnknownTime);
        m_lanes.resize(static_cast<std::size_t>(run.lanes.size()));
        m_waiters.resize(m_lanes.size());
        collect();
        findCreators();
        findAwaited();
    }

    IdealSchedule run()
    {
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            const LaneInfo &info = m_lanes[lane];
            if (isTask(lane) && info.createdNs != kUnknownTime && info.root) {
                push(info.createdNs, info.createdNs, lane, kNone);
            }
        }
        while (!m_queue.empty()) {
            const Pending p = m_queue.top();
            m_queue.pop();
            m_loopNs = std::max(m_loopNs, p.readyNs);
            if (p.step == kNone) {
                runTurns(p.lane, 0);
            } else {
                m_out.endNs[m_lanes[p.lane].steps[p.step]] = m_loopNs;
                runTurns(p.lane, p.step + 1);
            }
        }
        for (const qint64 end : m_out.laneEndNs) {
            if (end != kUnknownTime) {
                m_out.totalNs = std::max(m_out.totalNs, end);
            }
        }
        return std::move(m_out);
    }

private:
    [[nodiscard]] bool isTask(LaneId lane) const { return m_run.lanes.at(lane).kind == LaneKind::Task; }
    [[nodiscard]] const Span &span(quint32 index) const { return m_run.spans[index]; }

    [[nodiscard]] bool holds(const Span &s) const
    {
        if (!s.holdsThread()) {
            return false;
        }
        return !(m_allAsync && (s.blocking || s.kind == SpanKind::Blocking));
    }

    /// What a step takes by itself: begin → ready where that is known, else begin → end.
    [[nodiscard]] static qint64 ownNs(const Span &s)
    {
        const qint64 until = s.readyNs != kUnknownTime ? std::min(s.readyNs, s.endNs) : s.endNs;
        return until > s.beginNs ? saturatingAdd(until, -s.beginNs) : 0;
    }

    void collect()
    {
        for (std::size_t i = 0; i < m_run.spans.size(); ++i) {
            const Span &s = m_run.spans[i];
            if (s.lane >= m_lanes.size() || !isTask(s.lane)) {
                continue;
            }
            m_lanes[s.lane].anySpan = true;
            if (!s.isOpen()) {
                m_lanes[s.lane].steps.push_back(static_cast<quint32>(i));
            }
        }
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            LaneInfo &info = m_lanes[lane];
            std::stable_sort(info.steps.begin(), info.steps.end(),
                [this](quint32 a, quint32 b) { return span(a).beginNs < span(b).beginNs; });
            // Steps only, not what nests inside one (a trace's events on one thread nest).
            std::vector<quint32> top;
            top.reserve(info.steps.size());
            for (const quint32 i : info.steps) {
                if (!top.empty() && span(i).endNs <= span(top.back()).endNs
                    && span(i).beginNs >= span(top.back()).beginNs
                    && (span(i).beginNs > span(top.back()).beginNs
                        || span(i).endNs < span(top.back()).endNs)) {
                    continue;
                }
                top.push_back(i);
            }
            info.steps = std::move(top);
            info.createdNs = m_run.lanes.at(lane).createdNs;
            if (!info.steps.empty()) {
                const qint64 first = span(info.steps.front()).beginNs;
                info.createdNs = info.createdNs == kUnknownTime ? first : std::min(info.createdNs, first);
                for (const quint32 s : info.steps) {
                    info.lastEndNs = std::max(info.lastEndNs, span(s).endNs);
                }
            } else if (info.createdNs != kUnknownTime) {
                info.lastEndNs = info.createdNs;
            }
        }
    }

    /// The creator of each task is the task that was running (between two of its steps) when
    /// it was created; the most recently resumed one if several seem to be.
    void findCreators()
    {
        enum Type : int
        {
            End = 0,
            Start = 1,
            Query = 2
        };
        struct Event
        {
            qint64 atNs;
            int type;
            LaneId lane;
            qint64 intervalBegin;
            std::size_t nextStep; // the step that ends the interval
        };
        // Few creations to place (a run file of a million steps has a few hundred tasks): look
        // each up in each lane's running intervals, by binary search — the sweep below sorted
        // two events per step and kept a std::set of the running ones (0.4 s for 1 M steps).
        std::size_t queries = 0;
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            queries += isTask(lane) && m_lanes[lane].createdNs != kUnknownTime;
        }
        if (queries * m_lanes.size() <= 4'000'000) {
            placeByLookup();
            return finishCreators();
        }
        std::vector<Event> events;
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            const LaneInfo &info = m_lanes[lane];
            if (!isTask(lane) || info.createdNs == kUnknownTime) {
                continue;
            }
            events.push_back({info.createdNs, Query, lane, 0, 0});
            // Running intervals: from creation to the first step, between two steps.
            qint64 from = info.createdNs;
            for (std::size_t k = 0; k < info.steps.size(); ++k) {
                const Span &s = span(info.steps[k]);
                if (s.beginNs > from) {
                    events.push_back({from, Start, lane, from, k});
                    events.push_back({s.beginNs, End, lane, from, k});
                }
                from = std::max(from, s.endNs);
            }
            if (!info.anySpan) {
                // Runs its code from its creation on, recording nothing.
                events.push_back({from, Start, lane, from, 0});
            }
        }
        std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
            return a.atNs != b.atNs ? a.atNs < b.atNs : a.type < b.type;
        });
        // Running now: (interval begin, lane) → the step that ends the interval.
        std::set<std::tuple<qint64, LaneId, std::size_t>> running;
        for (const Event &e : events) {
            switch (e.type) {
            case End:
                running.erase({e.intervalBegin, e.lane, e.nextStep});
                break;
            case Start:
                running.insert({e.intervalBegin, e.lane, e.nextStep});
                break;
            case Query: {
                int looked = 0;
                for (auto it = running.rbegin(); it != running.rend() && looked++ < kMaxCreatorsLooked;
                     ++it) {
                    const auto &[begin, lane, nextStep] = *it;
                    if (adopt(e.lane, lane, nextStep)) {
                        break;
                    }
                }
                break;
            }
            }
        }
        finishCreators();
    }

    /// `lane` was running (until its step `nextStep`) when `child` was created: it is the
    /// child's creator if it was created before it (ties by lane order: creators form a tree).
    bool adopt(LaneId child, LaneId lane, std::size_t nextStep)
    {
        const LaneInfo &c = m_lanes[child];
        const LaneInfo &creator = m_lanes[lane];
        if (lane == child || creator.createdNs > c.createdNs || (creator.createdNs == c.createdNs && lane > child)) {
            return false;
        }
        const qint64 creatorNext = nextStep < creator.steps.size() ? span(creator.steps[nextStep]).beginNs
                                                                   : std::numeric_limits<qint64>::max();
        const qint64 childFirst = c.steps.empty() ? c.createdNs : span(c.steps.front()).beginNs;
        m_lanes[child].root = false;
        m_lanes[child].creator = lane;
        m_lanes[lane].children.push_back({c.createdNs, child, nextStep, childFirst <= creatorNext});
        return true;
    }

    /// The sweep's answer by lookup: at a creation q, a lane runs in [from, next step's begin)
    /// when from ≤ q < that begin; candidates latest-begun first (then by lane, step: the
    /// sweep's set order, reversed), at most kMaxCreatorsLooked looked at.
    void placeByLookup()
    {
        struct Interval
        {
            qint64 from;
            qint64 to;
            std::size_t nextStep;
        };
        std::vector<std::vector<Interval>> running(m_lanes.size());
        std::vector<LaneId> children;
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            const LaneInfo &info = m_lanes[lane];
            if (!isTask(lane) || info.createdNs == kUnknownTime) {
                continue;
            }
            children.push_back(lane);
            qint64 from = info.createdNs;
            for (std::size_t k = 0; k < info.steps.size(); ++k) {
                const Span &s = span(info.steps[k]);
                if (s.beginNs > from) {
                    running[lane].push_back({from, s.beginNs, k});
                }
                from = std::max(from, s.endNs);
            }
            if (!info.anySpan) {
                running[lane].push_back({from, std::numeric_limits<qint64>::max(), 0});
            }
        }
        std::stable_sort(children.begin(), children.end(),
            [this](LaneId a, LaneId b) { return m_lanes[a].createdNs < m_lanes[b].createdNs; });
        std::vector<std::tuple<qint64, LaneId, std::size_t>> candidates;
        for (const LaneId child : children) {
            const qint64 q = m_lanes[child].createdNs;
            candidates.clear();
            for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
                const auto &list = running[lane];
                auto it = std::upper_bound(
                    list.begin(), list.end(), q, [](qint64 t, const Interval &i) { return t < i.from; });
                if (it != list.begin() && q < std::prev(it)->to) {
                    candidates.emplace_back(std::prev(it)->from, lane, std::prev(it)->nextStep);
                }
            }
            std::sort(candidates.begin(), candidates.end(), std::greater<>());
            int looked = 0;
            for (const auto &[from, lane, nextStep] : candidates) {
                if (looked++ >= kMaxCreatorsLooked || adopt(child, lane, nextStep)) {
                    break;
                }
            }
        }
    }

    void finishCreators()
    {
        for (LaneInfo &info : m_lanes) {
            // By creation; the steps they come before follow the same order.
            std::stable_sort(info.children.begin(), info.children.end(), [](const Child &a, const Child &b) {
                return a.beforeStep != b.beforeStep ? a.beforeStep < b.beforeStep : a.createdNs < b.createdNs;
            });
        }
        // Entry and exit order in the creator tree, without recursion.
        std::size_t clock = 0;
        std::vector<std::pair<LaneId, std::size_t>> stack;
        for (LaneId root = 0; root < m_lanes.size(); ++root) {
            if (!m_lanes[root].root) {
                continue;
            }
            m_lanes[root].tin = clock++;
            stack.emplace_back(root, 0);
            while (!stack.empty()) {
                auto &[lane, next] = stack.back();
                if (next < m_lanes[lane].children.size()) {
                    const LaneId child = m_lanes[lane].children[next++].lane;
                    m_lanes[child].tin = clock++;
                    stack.emplace_back(child, 0);
                } else {
                    m_lanes[lane].tout = clock++;
                    stack.pop_back();
                }
            }
        }
    }

    [[nodiscard]] bool isAncestor(LaneId maybe, LaneId of) const
    {
        const LaneInfo &a = m_lanes[maybe];
        const LaneInfo &b = m_lanes[of];
        return maybe != of && a.tin < b.tin && b.tout < a.tout;
    }

    /// The tasks a wait awaited: it became ready when a task finished (one finished at its
    /// ready time); those that finished while it waited are the ones it waited for.
    void findAwaited()
    {
        std::vector<std::pair<qint64, LaneId>> byEnd;
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            if (isTask(lane) && m_lanes[lane].lastEndNs != kUnknownTime && !m_lanes[lane].steps.empty()) {
                byEnd.emplace_back(m_lanes[lane].lastEndNs, lane);
            }
        }
        std::sort(byEnd.begin(), byEnd.end());
        for (LaneId lane = 0; lane < m_lanes.size(); ++lane) {
            for (const quint32 index : m_lanes[lane].steps) {
                const Span &w = span(index);
                if (w.kind != SpanKind::Wait || w.readyNs == kUnknownTime) {
                    continue;
                }
                const auto from = std::lower_bound(
                    byEnd.begin(), byEnd.end(), std::pair<qint64, LaneId>(w.beginNs - kWakeToleranceNs, 0));
                // (A ready time before the begin — an imported trace may say so — ends the
                // window at the begin: never before where it starts.)
                const auto to = std::upper_bound(byEnd.begin(), byEnd.end(),
                    std::pair<qint64, LaneId>(std::max(w.readyNs, w.beginNs) + kWakeToleranceNs,
                        std::numeric_limits<LaneId>::max()));
                // The latest to finish first (they bind); only tasks that finished before this
                // one did, in (end, lane) order — so no two tasks ever await each other.
                const std::pair<qint64, LaneId> self(m_lanes[lane].lastEndNs, lane);
                std::vector<LaneId> awaited;
                bool woken = false;
                for (auto it = to; it != from && awaited.size() < kMaxAwaited;) {
                    --it;
                    if (it->second == lane || !(*it < self) || isAncestor(it->second, lane)) {
                        continue;
                    }
                    awaited.push_back(it->second);
                    woken |= it->first >= w.readyNs - kWakeToleranceNs;
                }
                if (woken) {
                    m_awaited.emplace(index, std::move(awaited));
                }
            }
        }
    }

    void push(qint64 readyNs, qint64 measuredNs, LaneId lane, std::size_t step)
    {
        m_queue.push({readyNs, measuredNs, m_seq++, lane, step});
    }

    /// Runs a task from step `j` until it awaits something or ends — and, depth first as the
    /// program did, what runs inline meanwhile: tasks it starts eagerly, tasks whose end resumes
    /// their awaiter. An explicit stack, not recursion: a trace may chain a million tasks.
    void runTurns(LaneId first, std::size_t j)
    {
        m_stack.push_back({first, j});
        while (!m_stack.empty()) {
            const LaneId lane = m_stack.back().lane;
            const std::size_t step = m_stack.back().step;
            LaneInfo &info = m_lanes[lane];
            // The tasks it creates before this step: eager ones run now, inline.
            if (info.nextChild < info.children.size() && info.children[info.nextChild].beforeStep <= step) {
                const Child &c = info.children[info.nextChild++];
                if (c.inlineStart) {
                    m_stack.push_back({c.lane, 0});
                } else {
                    push(m_loopNs, c.createdNs, c.lane, kNone);
                }
                continue;
            }
            if (step >= info.steps.size()) {
                m_stack.pop_back();
                finish(lane);
                continue;
            }
            const quint32 index = info.steps[step];
            const Span &s = span(index);
            m_out.beginNs[index] = m_loopNs;
            if (holds(s)) {
                ++m_out.holdingSteps;
                m_loopNs
                    = saturatingAdd(m_loopNs, s.endNs > s.beginNs ? saturatingAdd(s.endNs, -s.beginNs) : 0);
                m_out.endNs[index] = m_loopNs;
                ++m_stack.back().step; // the same task goes on
                continue;
            }
            if (s.holdsThread()) {
                ++m_out.madeAsync;
            }
            m_stack.pop_back();
            if (const auto it = m_awaited.find(index); it != m_awaited.end()) {
                Blocked b {lane, step, 0, m_loopNs};
                for (const LaneId other : it->second) {
                    if (m_out.laneEndNs[other] != kUnknownTime) {
                        b.latestEndNs = std::max(b.latestEndNs, m_out.laneEndNs[other]);
                    } else {
                        ++b.remaining;
                    }
                }
                if (b.remaining == 0) {
                    // Already done: co_await does not even suspend.
                    m_out.endNs[index] = m_loopNs;
                    m_stack.push_back({lane, step + 1});
                    continue;
                }
                const std::size_t id = m_blocked.size();
                m_blocked.push_back(b);
                for (const LaneId other : it->second) {
                    if (m_out.laneEndNs[other] == kUnknownTime) {
                        m_waiters[other].push_back(id);
                    }
                }
                continue;
            }
            push(saturatingAdd(m_loopNs, ownNs(s)), s.endNs, lane, step);
        }
    }

    /// A finished task resumes what awaited it at once, in its own turn (QCoro resumes the
    /// awaiting coroutine from the finished one's final suspend, without a loop turn): those
    /// go on the stack, the first on top.
    void finish(LaneId lane)
    {
        m_out.laneEndNs[lane] = m_loopNs;
        const std::vector<std::size_t> waiters = std::move(m_waiters[lane]);
        m_waiters[lane].clear();
        std::vector<Frame> resumed;
        for (const std::size_t id : waiters) {
            Blocked &b = m_blocked[id];
            b.latestEndNs = std::max(b.latestEndNs, m_loopNs);
            if (--b.remaining == 0) {
                m_out.endNs[m_lanes[b.lane].steps[b.step]] = m_loopNs;
                resumed.push_back({b.lane, b.step + 1});
            }
        }
        m_stack.insert(m_stack.end(), resumed.rbegin(), resumed.rend());
    }

    struct Frame
    {
        LaneId lane;
        std::size_t step;
    };

    const RunData &m_run;
    const bool m_allAsync;
    IdealSchedule m_out;
    std::vector<LaneInfo> m_lanes;
    std::unordered_map<quint32, std::vector<LaneId>> m_awaited; // wait step → tasks it awaited
    std::vector<Blocked> m_blocked;
    std::vector<std::vector<std::size_t>> m_waiters; // lane → blocked waits that await it
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> m_queue;
    std::vector<Frame> m_stack; ///< what runs inline now, innermost last
    quint64 m_seq = 0;
    qint64 m_loopNs = 0; ///< now, in the replay; the loop is free from here on
};

} // namespace

IdealSchedule idealSchedule(const RunData &run, bool allAsync)
{
    return Replay(run, allAsync).run();
}

} // namespace Coroscope::Analysis
