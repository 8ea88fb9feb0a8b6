// SPDX-License-Identifier: MIT
#include "prediction.h"

#include "analysis.h"

#include <QCoreApplication>

#include <QRegularExpression>

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::Prediction)
};

constexpr qsizetype kMaxSpecChars = 500;
constexpr qsizetype kMaxMembers = 64;
constexpr qint64 kMinTogetherNs = 100'000;

using Intervals = std::vector<std::pair<qint64, qint64>>; // sorted, disjoint [begin, end)

Intervals merged(Intervals v)
{
    std::sort(v.begin(), v.end());
    Intervals out;
    for (const auto &[b, e] : v) {
        if (e <= b) {
            continue;
        }
        if (!out.empty() && b <= out.back().second) {
            out.back().second = std::max(out.back().second, e);
        } else {
            out.emplace_back(b, e);
        }
    }
    return out;
}

Intervals intersect(const Intervals &a, const Intervals &b)
{
    Intervals out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const qint64 lo = std::max(a[i].first, b[j].first);
        const qint64 hi = std::min(a[i].second, b[j].second);
        if (lo < hi) {
            out.emplace_back(lo, hi);
        }
        (a[i].second < b[j].second ? i : j) += 1;
    }
    return out;
}

qint64 total(const Intervals &v)
{
    qint64 sum = 0;
    for (const auto &[b, e] : v) {
        sum += e - b;
    }
    return sum;
}

/// The coroutine that starts the others: the experiments' `main`; in a traced Python program,
/// the task asyncio.run() made (Task-1, whatever its coroutine's name).
bool isRootCoroutine(const RunData &run, const QString &name)
{
    return name == u"main"_s || name.endsWith(u" · main"_s)
        || (run.experiment == u"python"_s && (name == u"Task-1"_s || name.startsWith(u"Task-1 · "_s)));
}

/// The tasks a prediction speaks of, and when each was in flight.
struct Tasks
{
    std::vector<LaneId> lanes;
    std::vector<Intervals> inFlight;
    std::vector<qint64> inFlightNs;

    Tasks(const RunData &run, const std::vector<qint32> *knownWakers)
    {
        const auto laneCount = static_cast<LaneId>(run.lanes.size());
        std::vector<int> taskOf(static_cast<std::size_t>(laneCount), -1);
        for (LaneId l = 0; l < laneCount; ++l) {
            const Lane &lane = run.lanes.at(l);
            if (lane.kind == LaneKind::Task && !isRootCoroutine(run, lane.name)) {
                taskOf[l] = static_cast<int>(lanes.size());
                lanes.push_back(l);
            }
        }
        std::vector<Intervals> raw(lanes.size());
        std::vector<qint32> computed;
        const bool known = knownWakers && knownWakers->size() == run.spans.size();
        if (!known) {
            computed = Analysis::wakers(run);
        }
        const std::vector<qint32> &wakers = known ? *knownWakers : computed;
        const qint64 end = std::max<qint64>(run.wallNs, 1);
        for (std::size_t i = 0; i < run.spans.size(); ++i) {
            const Span &s = run.spans[i];
            if (s.lane >= laneCount || taskOf[s.lane] < 0) {
                continue;
            }
            // In flight until what it awaited was ready: waiting for the loop after that is not
            // running at once with whatever held the loop.
            const qint64 ownEnd = s.ownEndNs();
            const qint64 spanEnd = ownEnd == kUnknownTime ? end : ownEnd;
            Intervals &into = raw[static_cast<std::size_t>(taskOf[s.lane])];
            if (isWorkKind(s.kind)) {
                into.emplace_back(s.beginNs, spanEnd);
            } else if (s.kind == SpanKind::Wait && wakers[i] >= 0) {
                // Awaiting a job on a pool thread: the job's time is the task's.
                const Span &job = run.spans[static_cast<std::size_t>(wakers[i])];
                if (job.lane < laneCount && run.lanes.at(job.lane).kind == LaneKind::Pool) {
                    into.emplace_back(std::max(job.beginNs, s.beginNs), std::min(job.endNs, spanEnd));
                }
            }
        }
        for (Intervals &v : raw) {
            inFlight.push_back(merged(std::move(v)));
            inFlightNs.push_back(total(inFlight.back()));
        }
    }

    [[nodiscard]] std::size_t size() const { return lanes.size(); }
};

/// "0.040 s", "2.0 ms", "350 µs": short overlaps must not read as "0.000 s".
QString seconds(qint64 ns)
{
    if (ns >= 10'000'000) {
        return u"%1 s"_s.arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
    }
    if (ns >= 1'000'000) {
        return u"%1 ms"_s.arg(static_cast<double>(ns) / 1e6, 0, 'f', 1);
    }
    return u"%1 µs"_s.arg(std::llround(static_cast<double>(ns) / 1e3));
}

/// "task 1 and task 2", "task 1, task 2 and task 3".
QString namesOf(const RunData &run, const Tasks &tasks, const std::vector<std::size_t> &members)
{
    QStringList names;
    for (const std::size_t m : members) {
        names.append(run.lanes.at(tasks.lanes[m]).name);
    }
    if (names.size() <= 1) {
        return names.join(QString());
    }
    const QString last = names.takeLast();
    return Tr::tr("%1 and %2").arg(names.join(u", "_s), last);
}

/// Task `member` as typed: its number, or its lane's name or the start of it (up to a
/// separator: "task 1" is not "task 10"). -1 with `error` set when it names none or several.
int resolve(const RunData &run, const Tasks &tasks, const QString &member, QString *error)
{
    if (std::all_of(member.begin(), member.end(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        bool fits = false;
        const qlonglong n = member.toLongLong(&fits);
        if (fits && n >= 1 && static_cast<std::size_t>(n) <= tasks.size()) {
            return static_cast<int>(n - 1);
        }
        const int count = static_cast<int>(tasks.size());
        *error = count == 0 ? Tr::tr("there is no task %1: this run has no tasks besides main").arg(member)
            : count == 1 ? Tr::tr("there is no task %1: this run has one task besides main (1)").arg(member)
                         : Tr::tr("there is no task %1: this run has %2 tasks besides main (1–%2)")
                               .arg(member, QString::number(count));
        return -1;
    }
    std::vector<int> found;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        const QString &name = run.lanes.at(tasks.lanes[t]).name;
        if (name.compare(member, Qt::CaseInsensitive) == 0) {
            return static_cast<int>(t);
        }
        // Its name, or any part of it between " · " ("GOOG" for "task 1 · GOOG"), or the start
        // of one up to a separator ("task 1" for "task 1 (1u)", not for "task 10").
        const auto names = [&member](QStringView part) {
            return part.compare(member, Qt::CaseInsensitive) == 0
                || (part.size() > member.size() && part.startsWith(member, Qt::CaseInsensitive)
                    && !part.at(member.size()).isLetterOrNumber());
        };
        const QStringList parts = name.split(u" · "_s); // the whole name when it has no " · "
        if (std::any_of(parts.begin(), parts.end(), [&](const QString &part) { return names(part); })) {
            found.push_back(static_cast<int>(t));
        }
    }
    if (found.size() == 1) {
        return found.front();
    }
    // The candidates: the tasks it could mean, or all of them when it means none.
    std::vector<int> candidates = found;
    if (candidates.empty()) {
        for (std::size_t t = 0; t < tasks.size(); ++t) {
            candidates.push_back(static_cast<int>(t));
        }
    }
    QStringList names;
    for (const int t : candidates) {
        if (names.size() == 6) {
            names.append(u"…"_s);
            break;
        }
        names.append(u"'%1'"_s.arg(run.lanes.at(tasks.lanes[static_cast<std::size_t>(t)]).name));
    }
    const QString list = names.join(u", "_s);
    *error = found.empty()
        ? (tasks.size() == 0 ? Tr::tr("no task is named '%1': this run has no tasks besides main").arg(member)
                             : Tr::tr("no task is named '%1' (its tasks: %2)").arg(member, list))
        : Tr::tr("'%1' names %2 tasks (%3): give its number or its whole name")
              .arg(member, QString::number(found.size()), list);
    return -1;
}

/// Whether `members` were in flight together long enough to say they ran at once.
struct Together
{
    qint64 ns = 0;
    bool atOnce = false;
};

Together together(const Tasks &tasks, const std::vector<std::size_t> &members)
{
    Intervals common = tasks.inFlight[members.front()];
    qint64 shortest = tasks.inFlightNs[members.front()];
    for (std::size_t k = 1; k < members.size(); ++k) {
        common = intersect(common, tasks.inFlight[members[k]]);
        shortest = std::min(shortest, tasks.inFlightNs[members[k]]);
    }
    Together t;
    t.ns = total(common);
    t.atOnce = t.ns > 0 && t.ns >= std::max(kMinTogetherNs, shortest / 20);
    return t;
}

/// Most tasks in flight at one instant, and a pair of them that ran at once (if any did).
struct MostAtOnce
{
    int most = 0;
    std::vector<std::size_t> pair;
};

MostAtOnce mostAtOnce(const Tasks &tasks)
{
    std::vector<std::tuple<qint64, int, std::size_t>> edges; // (time, +1/-1, task): ends first
    for (std::size_t t = 0; t < tasks.size(); ++t) {
        for (const auto &[b, e] : tasks.inFlight[t]) {
            edges.emplace_back(b, +1, t);
            edges.emplace_back(e, -1, t);
        }
    }
    std::sort(edges.begin(), edges.end());
    MostAtOnce out;
    std::vector<std::size_t> active; // tasks in flight, in any order
    std::vector<std::size_t> slot(tasks.size(), 0); // where each active task is in `active`
    // Each pair that meets is looked at once; past a million pairs (which no real run reaches
    // without one of them overlapping for real), the most in flight at once decides.
    constexpr std::size_t kMaxPairs = 1'000'000;
    std::set<std::pair<std::size_t, std::size_t>> tried;
    for (const auto &[at, delta, task] : edges) {
        if (delta < 0) {
            const std::size_t i = slot[task];
            active[i] = active.back();
            slot[active[i]] = i;
            active.pop_back();
            continue;
        }
        for (const std::size_t other : active) {
            if (!out.pair.empty() || tried.size() >= kMaxPairs) {
                break;
            }
            const auto key = std::minmax(task, other);
            if (!tried.insert(key).second) {
                continue;
            }
            if (together(tasks, {key.first, key.second}).atOnce) {
                out.pair = {key.first, key.second};
            }
        }
        if (out.pair.empty() && tried.size() >= kMaxPairs && !active.empty()) {
            out.pair = {std::min(task, active.front()), std::max(task, active.front())};
        }
        slot[task] = active.size();
        active.push_back(task);
        out.most = std::max(out.most, static_cast<int>(active.size()));
    }
    return out;
}

} // namespace

QString OverlapPrediction::text() const
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::All:
        return u"all"_s;
    case Kind::Groups:
        break;
    }
    QStringList out;
    for (const QStringList &group : groups) {
        out.append(group.join(u'+'));
    }
    return out.join(u", "_s);
}

std::optional<OverlapPrediction> OverlapPrediction::parse(const QString &spec, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<OverlapPrediction> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    const QString text = spec.trimmed();
    if (text.isEmpty()) {
        return fail(Tr::tr("say which tasks will run at once: 1+2, 1+2+3, none or all"));
    }
    if (text.size() > kMaxSpecChars) {
        return fail(Tr::tr("it is %1 characters long; at most %2").arg(text.size()).arg(kMaxSpecChars));
    }
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            return fail(
                Tr::tr("it holds a control character (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0')));
        }
    }
    OverlapPrediction p;
    if (text.compare(u"none"_s, Qt::CaseInsensitive) == 0 || text == u"없음"_s) {
        p.kind = Kind::None;
        return p;
    }
    if (text.compare(u"all"_s, Qt::CaseInsensitive) == 0 || text == u"모두"_s) {
        p.kind = Kind::All;
        return p;
    }
    qsizetype members = 0;
    for (const QString &groupText : text.split(QRegularExpression(u"[,;]"_s))) {
        if (groupText.trimmed().isEmpty()) {
            return fail(Tr::tr("an empty group: two separators in a row, or one at either end (1+2, 3+4)"));
        }
        QStringList group;
        for (const QString &member : groupText.split(u'+')) {
            const QString m = member.simplified();
            if (m.isEmpty()) {
                return fail(
                    Tr::tr("'%1': a task is missing around a '+' (e.g. 1+2)").arg(groupText.trimmed()));
            }
            if (group.contains(m, Qt::CaseInsensitive)) {
                return fail(Tr::tr("'%1' names %2 twice").arg(groupText.trimmed(), m));
            }
            group.append(m);
        }
        if (group.size() < 2) {
            return fail(Tr::tr(
                "'%1' names one task: a group that runs at once needs two or more joined by '+' (1+2); "
                "or say none or all")
                            .arg(groupText.trimmed()));
        }
        members += group.size();
        if (members > kMaxMembers) {
            return fail(Tr::tr("more than %1 tasks named; for all of them say all").arg(kMaxMembers));
        }
        p.groups.append(group);
    }
    // What is kept ("1+2, 3+4") is read again: it must pass the same limit.
    if (const qsizetype kept = p.text().size(); kept > kMaxSpecChars) {
        return fail(Tr::tr("it is %1 characters long; at most %2").arg(kept).arg(kMaxSpecChars));
    }
    return p;
}

std::optional<OverlapVerdict> overlapVerdictOf(const RunData &run, const std::vector<qint32> *wakers)
{
    if (run.predictedOverlap.isEmpty() || run.status != RunStatus::Ok) {
        return std::nullopt;
    }
    const auto predicted = OverlapPrediction::parse(run.predictedOverlap, nullptr);
    if (!predicted) {
        return std::nullopt;
    }
    return overlapVerdict(run, *predicted, wakers);
}

OverlapVerdict overlapVerdict(
    const RunData &run, const OverlapPrediction &prediction, const std::vector<qint32> *wakers)
{
    const Tasks tasks(run, wakers);
    OverlapVerdict v;
    const QString predicted = prediction.kind == OverlapPrediction::Kind::None
        ? Tr::tr("predicted no overlap")
        : prediction.kind == OverlapPrediction::Kind::All
        ? Tr::tr("predicted all at once")
        : Tr::tr("predicted %1 at once").arg(prediction.text());
    const auto finish = [&](bool right, const QString &why) {
        v.right = right;
        v.brief = predicted + (right ? Tr::tr(" — right") : Tr::tr(" — wrong"));
        v.text = v.brief + u": "_s + why;
        return v;
    };
    switch (prediction.kind) {
    case OverlapPrediction::Kind::None: {
        const MostAtOnce m = mostAtOnce(tasks);
        if (m.pair.empty()) {
            return finish(true, Tr::tr("no two tasks ran at once"));
        }
        const QString pair = Tr::tr("%1 ran at once for %2")
                                 .arg(namesOf(run, tasks, m.pair), seconds(together(tasks, m.pair).ns));
        return finish(false,
            m.most > 2 ? Tr::tr("%1 (up to %2 tasks in flight together)").arg(pair, QString::number(m.most))
                       : pair);
    }
    case OverlapPrediction::Kind::All: {
        if (tasks.size() < 2) {
            return finish(false,
                Tr::tr("this run has %n task(s) besides main", nullptr, static_cast<int>(tasks.size())));
        }
        std::vector<std::size_t> all(tasks.size());
        std::iota(all.begin(), all.end(), std::size_t(0));
        const Together t = together(tasks, all);
        if (t.atOnce) {
            return finish(true,
                tasks.size() == 2 ? Tr::tr("both tasks ran at once for %1").arg(seconds(t.ns))
                                  : Tr::tr("all %1 tasks ran at once for %2")
                                        .arg(QString::number(tasks.size()), seconds(t.ns)));
        }
        const int most = mostAtOnce(tasks).most;
        if (t.ns > 0 && static_cast<std::size_t>(most) == tasks.size()) {
            return finish(false,
                Tr::tr("all %1 tasks were in flight together for only %2")
                    .arg(QString::number(tasks.size()), seconds(t.ns)));
        }
        return finish(false,
            Tr::tr("at most %1 of the %2 tasks were in flight at one instant")
                .arg(QString::number(most), QString::number(tasks.size())));
    }
    case OverlapPrediction::Kind::Groups:
        break;
    }
    const auto badTask = [&](const QString &error) {
        v.badTask = true;
        v.error = error;
        v.brief = predicted + u" — "_s + error;
        v.text = v.brief;
        return v;
    };
    QStringList why;
    bool right = true;
    for (const QStringList &group : prediction.groups) {
        std::vector<std::size_t> members;
        for (const QString &member : group) {
            QString error;
            const int t = resolve(run, tasks, member, &error);
            if (t < 0) {
                return badTask(error);
            }
            if (std::find(members.begin(), members.end(), static_cast<std::size_t>(t)) != members.end()) {
                return badTask(
                    Tr::tr("'%1' names %2 twice")
                        .arg(group.join(u'+'), run.lanes.at(tasks.lanes[static_cast<std::size_t>(t)]).name));
            }
            members.push_back(static_cast<std::size_t>(t));
        }
        const Together t = together(tasks, members);
        if (t.atOnce) {
            why.append(Tr::tr("%1 ran at once for %2").arg(namesOf(run, tasks, members), seconds(t.ns)));
        } else {
            right = false;
            why.append(t.ns >= kMinTogetherNs
                    ? Tr::tr("%1 were in flight together for only %2")
                          .arg(namesOf(run, tasks, members), seconds(t.ns))
                    : Tr::tr("%1 never ran at once").arg(namesOf(run, tasks, members)));
        }
    }
    return finish(right, why.join(u"; "_s));
}

} // namespace Coroscope
