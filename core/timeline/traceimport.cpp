// SPDX-License-Identifier: MIT
#include "traceimport.h"

#include "savefile.h"

#include "runfile.h"
#include "stats.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <map>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

SpanKind guessKind(const QString &category, const QString &name)
{
    if (const auto exact = spanKindFromString(category)) {
        return *exact;
    }
    const QString text = (category + u' ' + name).toLower();
    auto has = [&](std::initializer_list<const char16_t *> words) {
        return std::any_of(
            words.begin(), words.end(), [&](const char16_t *w) { return text.contains(QStringView(w)); });
    };
    if (has({u"stall", u"blocked loop"})) {
        return SpanKind::Stall;
    }
    if (has({u"sleep", u"timer"})) {
        return SpanKind::Sleep;
    }
    if (has({u"http", u"request", u"fetch", u"get ", u"post ", u"urlopen", u"aiohttp", u"httpx"})) {
        return SpanKind::Http;
    }
    if (has({u"sql", u"query", u"execute", u"postgres", u"psycopg", u"asyncpg", u"cursor"})) {
        return SpanKind::Db;
    }
    if (has({u"connect"})) {
        return SpanKind::Connect;
    }
    if (has({u"acquire", u"semaphore", u"lock", u"pool"})) {
        return SpanKind::Acquire;
    }
    if (has({u"await", u"gather", u"wait", u"join"})) {
        return SpanKind::Wait;
    }
    return SpanKind::Cpu;
}

qint64 usToNs(double us)
{
    return static_cast<qint64>(std::llround(us * 1000.0));
}

QString idText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 17);
}

/// An async event's operation: its scope, category and id (`id`, or `id2.local`/`id2.global`),
/// and for the legacy S/T/F events its name too (they match by name). Empty: no id.
QString asyncKey(const QJsonObject &e, bool legacy)
{
    QString id;
    if (const QJsonValue id2 = e.value(u"id2"_s); id2.isObject()) {
        const QJsonObject o = id2.toObject();
        id = o.contains(u"local"_s) ? u"local:"_s + idText(o.value(u"local"_s))
                                    : u"global:"_s + idText(o.value(u"global"_s));
    } else if (e.contains(u"id"_s)) {
        id = idText(e.value(u"id"_s));
    }
    if (id.isEmpty()) {
        return {};
    }
    QString key = e.value(u"scope"_s).toString() + u'\x1f' + e.value(u"cat"_s).toString() + u'\x1f' + id;
    if (legacy) {
        key += u'\x1f' + e.value(u"name"_s).toString();
    }
    return key;
}

/// What an async slice is: a callback running (Node's *_CALLBACK) holds the thread; the
/// operation itself (a timer, a request, a promise) is pending — suspended, never "computing".
SpanKind asyncKind(const QString &category, const QString &name)
{
    if (name.endsWith(u"_CALLBACK") || name.endsWith(u"Callback")) {
        return SpanKind::Cpu;
    }
    if (name.contains(u"timeout", Qt::CaseInsensitive) || name.contains(u"timer", Qt::CaseInsensitive)) {
        return SpanKind::Sleep;
    }
    const SpanKind guessed = guessKind(category, name);
    return guessed == SpanKind::Cpu || guessed == SpanKind::Blocking ? SpanKind::Wait : guessed;
}

bool isOwnName(const RunData &run, const Span &s, const QString &opName)
{
    return run.strings.at(s.name) == opName;
}

} // namespace

std::optional<RunData> importChromeTrace(const QByteArray &json, const QString &name, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RunData> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(u"not valid JSON: %1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    }
    QJsonArray events;
    // A trace Coroscope wrote keeps its time zero, experiment, wall and ideal.
    const QJsonObject other = doc.isObject() ? doc.object().value(u"otherData"_s).toObject() : QJsonObject();
    const bool ours = other.value(u"generator"_s).toString().startsWith(u"Coroscope"_s);
    if (doc.isArray()) {
        events = doc.array();
    } else if (doc.isObject() && doc.object().value(u"traceEvents"_s).isArray()) {
        events = doc.object().value(u"traceEvents"_s).toArray();
    } else {
        return fail(
            u"not a Chrome trace: expected an array of events or an object with a \"traceEvents\" array"_s);
    }

    struct Thread
    {
        QString pid;
        QString tid;
        QString name;
        double sortIndex = 0;
        int order = 0;
        std::vector<Span> stack; // open B events
        std::vector<Span> spans;
        bool async = false; ///< an async operation's lane (its open slices just ran to the end)
        QString opName; ///< an async operation's name (Node: its resource type), its group
        bool lifetimeOnly = false; ///< its b..e is the object's life, not a wait (Node's PROMISE)
        int groupOrder = 0; ///< async: the first appearance of its group (lanes kept together)
        int groupRank = 0; ///< async: requests and queries first, then timers, then the rest
        Thread *foldedInto = nullptr; ///< folded into a row of its group's
        bool hasInstants = false;
    };
    std::map<std::pair<QString, QString>, Thread> threads;
    QHash<QString, QString> processNames;
    RunData run;
    run.strings.append(QString());
    QHash<QString, StrId> ids;
    auto intern = [&](const QString &s) -> StrId {
        if (s.isEmpty()) {
            return 0;
        }
        if (const auto it = ids.constFind(s); it != ids.cend()) {
            return *it;
        }
        const auto id = static_cast<StrId>(run.strings.size());
        run.strings.append(s);
        ids.insert(s, id);
        return id;
    };
    struct Instant
    {
        std::pair<QString, QString> thread;
        qint64 atNs;
        QString name;
        QString detail;
        bool counter = false;
        double value = 0;
    };
    std::vector<Instant> instants;
    int order = 0;
    // Async operations (nestable b/e/n, legacy S/T/F): a lane each, after the threads.
    auto asyncFor = [&](const QJsonObject &e, const QString &key) -> Thread & {
        const auto k = std::make_pair(idText(e.value(u"pid"_s)), u"async\x1f"_s + key);
        auto [it, inserted] = threads.try_emplace(k);
        if (inserted) {
            it->second.pid = k.first;
            it->second.tid = k.second;
            it->second.order = order++;
            it->second.sortIndex = 1e300; // after every thread
            it->second.async = true;
            const QJsonValue id
                = e.contains(u"id"_s) ? e.value(u"id"_s) : e.value(u"id2"_s).toObject().begin().value();
            it->second.opName = e.value(u"name"_s).toString();
            it->second.name = it->second.opName + u" #"_s + idText(id);
            // Node's async_hooks close a PROMISE when it is garbage-collected: its b..e says
            // how long the object lived, not that anything waited on it.
            it->second.lifetimeOnly = it->second.opName == u"PROMISE"
                && e.value(u"cat"_s).toString().contains(u"node.async_hooks"_s);
            const SpanKind kind = asyncKind(e.value(u"cat"_s).toString(), it->second.opName);
            it->second.groupRank = kind == SpanKind::Http || kind == SpanKind::Db ? 0
                : kind == SpanKind::Connect                                     ? 1
                : kind == SpanKind::Sleep                                       ? 2
                                                                                : 3;
        }
        return it->second;
    };
    auto threadFor = [&](const QJsonObject &e) -> Thread & {
        const auto key = std::make_pair(idText(e.value(u"pid"_s)), idText(e.value(u"tid"_s)));
        auto [it, inserted] = threads.try_emplace(key);
        if (inserted) {
            it->second.pid = key.first;
            it->second.tid = key.second;
            it->second.order = order++;
        }
        return it->second;
    };

    int spans = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!events.at(i).isObject()) {
            return fail(u"traceEvents[%1]: expected an object"_s.arg(i));
        }
        const QJsonObject e = events.at(i).toObject();
        const QString ph = e.value(u"ph"_s).toString();
        const QString eventName = e.value(u"name"_s).toString();
        const QJsonObject args = e.value(u"args"_s).toObject();
        if (ph == u"M") {
            if (eventName == u"thread_name") {
                threadFor(e).name = args.value(u"name"_s).toString();
            } else if (eventName == u"thread_sort_index") {
                threadFor(e).sortIndex = args.value(u"sort_index"_s).toDouble();
            } else if (eventName == u"process_name") {
                processNames.insert(idText(e.value(u"pid"_s)), args.value(u"name"_s).toString());
            }
            continue;
        }
        const bool nestable = ph == u"b" || ph == u"e" || ph == u"n";
        const bool legacy = ph == u"S" || ph == u"T" || ph == u"p" || ph == u"F";
        if (ph != u"X" && ph != u"B" && ph != u"E" && ph != u"i" && ph != u"I" && ph != u"C" && !nestable
            && !legacy) {
            continue; // flows, samples, objects... are not drawn
        }
        const QString key = nestable || legacy ? asyncKey(e, legacy) : QString();
        if ((nestable || legacy) && key.isEmpty()) {
            if (ph != u"n") {
                continue; // an async event without an id belongs to no operation
            }
        }
        if (!e.value(u"ts"_s).isDouble()) {
            return fail(u"traceEvents[%1] (%2 \"%3\"): \"ts\" is missing or not a number"_s.arg(i).arg(
                ph, eventName));
        }
        // Microseconds that fit in nanoseconds (±1e15 µs, about 31 years).
        constexpr double kMaxUs = 1e15;
        const auto outOfRange = [&](const char *field, double v) {
            return fail(
                u"traceEvents[%1] (%2 \"%3\"): \"%4\" = %5 µs is out of range (at most ±1e15 µs)"_s.arg(i)
                    .arg(ph, eventName, QLatin1StringView(field))
                    .arg(v));
        };
        if (std::abs(e.value(u"ts"_s).toDouble()) > kMaxUs) {
            return outOfRange("ts", e.value(u"ts"_s).toDouble());
        }
        if (ph == u"X" && std::abs(e.value(u"dur"_s).toDouble()) > kMaxUs) {
            return outOfRange("dur", e.value(u"dur"_s).toDouble());
        }
        if (args.value(u"ready_us"_s).isDouble() && std::abs(args.value(u"ready_us"_s).toDouble()) > kMaxUs) {
            return outOfRange("args.ready_us", args.value(u"ready_us"_s).toDouble());
        }
        const qint64 ts = usToNs(e.value(u"ts"_s).toDouble());
        Thread &thread = key.isEmpty() ? threadFor(e) : asyncFor(e, key);
        const QString category = e.value(u"cat"_s).toString();
        QString detail = args.value(u"detail"_s).toString();
        const auto status = spanStatusFromString(args.value(u"status"_s).toString()).value_or(SpanStatus::Ok);
        if (ph == u"b" || ph == u"S") {
            Span span;
            span.beginNs = ts;
            span.endNs = kUnknownTime;
            span.name = intern(eventName);
            span.detail = intern(detail);
            span.kind = asyncKind(category, eventName);
            span.status = status;
            thread.stack.push_back(span);
        } else if (ph == u"e" || ph == u"F") {
            // The innermost open slice of that name (an "e" may leave its name out).
            auto open = std::find_if(thread.stack.rbegin(), thread.stack.rend(),
                [&](const Span &s) { return eventName.isEmpty() || run.strings.at(s.name) == eventName; });
            if (open == thread.stack.rend()) {
                continue; // its begin is before the trace
            }
            Span span = *open;
            thread.stack.erase(std::next(open).base());
            span.endNs = std::max(ts, span.beginNs);
            if (args.contains(u"status"_s)) {
                span.status = status;
            }
            thread.spans.push_back(span);
            ++spans;
        } else if (ph == u"X" || ph == u"B") {
            Span span;
            span.beginNs = ts;
            span.endNs = ph == u"X" ? ts + usToNs(std::max(0.0, e.value(u"dur"_s).toDouble())) : kUnknownTime;
            span.name = intern(eventName);
            span.detail = intern(detail);
            span.kind = guessKind(category, eventName);
            span.status = status;
            span.blocking = args.value(u"blocking"_s).toBool(false);
            span.nestedLoop = args.value(u"nested_loop"_s).toBool(false);
            if (args.value(u"ready_us"_s).isDouble()) {
                span.readyNs = usToNs(args.value(u"ready_us"_s).toDouble());
            }
            if (ph == u"X") {
                thread.spans.push_back(span);
                ++spans;
            } else {
                thread.stack.push_back(span);
            }
        } else if (ph == u"E") {
            if (thread.stack.empty()) {
                continue; // an E without its B (trace cut at the start)
            }
            Span span = thread.stack.back();
            thread.stack.pop_back();
            span.endNs = std::max(ts, span.beginNs);
            thread.spans.push_back(span);
            ++spans;
        } else if (ph == u"C") {
            for (auto it = args.begin(); it != args.end(); ++it) {
                instants.push_back({{thread.pid, thread.tid}, ts,
                    eventName + (args.size() > 1 ? u'.' + it.key() : QString()), {}, true,
                    it.value().toDouble()});
            }
            thread.hasInstants = true;
        } else {
            instants.push_back({{thread.pid, thread.tid}, ts, eventName, detail});
            thread.hasInstants = true;
        }
    }
    // Async operations: a lane each, beside the others of their name. A name with more than
    // kLanesPerName operations (Node's TickObjects, its PROMISEs) is folded into as few rows
    // as its slices need, so a trace is not a wall of one-off lanes.
    constexpr std::size_t kLanesPerName = 8;
    std::map<std::pair<QString, QString>, std::vector<Thread *>> groups; // (pid, name) → ops
    for (auto &[key, thread] : threads) {
        if (thread.async) {
            groups[{thread.pid, thread.opName}].push_back(&thread);
        }
    }
    for (auto &[groupKey, ops] : groups) {
        std::sort(ops.begin(), ops.end(), [](const Thread *a, const Thread *b) { return a->order < b->order; });
        const bool fold = ops.size() > kLanesPerName;
        const QString &opName = groupKey.second;
        for (Thread *op : ops) {
            op->groupOrder = ops.front()->order;
            if (fold || op->lifetimeOnly) {
                op->groupRank = 4; // bookkeeping of the runtime's: after what the program waited on
            }
            const auto isOwn = [&](const Span &s) { return isOwnName(run, s, opName); };
            if (op->lifetimeOnly) {
                // Only its callbacks (PROMISE_CALLBACK: a reaction running) are drawn.
                const auto removed = std::erase_if(op->spans, isOwn);
                spans -= static_cast<int>(removed);
                std::erase_if(op->stack, isOwn);
            } else if (fold) {
                // Still pending when the trace ended, among many of its kind: it says when the
                // operation began, nothing about a wait, and would draw a bar to the end.
                std::erase_if(op->stack, isOwn);
            }
        }
        if (!fold) {
            continue;
        }
        // One lane for the group: where any of them was pending (the union of their own
        // slices: "a TickObject was queued here"), and every callback where it ran.
        const auto k = std::make_pair(ops.front()->pid, u"async-fold\x1f"_s + opName);
        Thread &lane = threads[k];
        lane.pid = k.first;
        lane.tid = k.second;
        lane.order = ops.front()->order;
        lane.groupOrder = ops.front()->groupOrder;
        lane.groupRank = ops.front()->groupRank;
        lane.sortIndex = ops.front()->sortIndex;
        lane.async = true;
        lane.opName = opName;
        lane.name = u"%1 ×%2"_s.arg(opName).arg(ops.size());
        std::vector<Span> own;
        for (Thread *op : ops) {
            for (const Span &s : op->spans) {
                (isOwnName(run, s, opName) ? own : lane.spans).push_back(s);
            }
            lane.stack.insert(lane.stack.end(), op->stack.begin(), op->stack.end());
            lane.hasInstants = lane.hasInstants || op->hasInstants;
            op->spans.clear();
            op->stack.clear();
            op->foldedInto = &lane;
        }
        std::sort(own.begin(), own.end(), [](const Span &x, const Span &y) { return x.beginNs < y.beginNs; });
        std::vector<Span> merged;
        for (const Span &s : own) {
            if (!merged.empty() && s.beginNs <= merged.back().endNs) {
                merged.back().endNs = std::max(merged.back().endNs, s.endNs);
                if (s.status == SpanStatus::Error) {
                    merged.back().status = SpanStatus::Error;
                }
            } else {
                merged.push_back(s);
            }
        }
        spans -= static_cast<int>(own.size() - merged.size());
        lane.spans.insert(lane.spans.begin(), merged.begin(), merged.end());
    }
    if (spans == 0) {
        return fail(u"the trace has no duration events (X, or B/E pairs) to draw"_s);
    }

    // Lanes in the trace's own order (thread_sort_index, then first appearance); an async
    // operation's lane beside the others of its name.
    std::vector<Thread *> ordered;
    for (auto &[key, thread] : threads) {
        // A foreign tool's named thread with nothing on it (Node's idle worker threads) is a
        // blank lane; a Coroscope trace keeps its lanes as they were.
        const bool namedEmpty = !thread.name.isEmpty() && !thread.async && ours;
        const bool instantsOnly = thread.hasInstants && !thread.foldedInto;
        if (!thread.spans.empty() || !thread.stack.empty() || namedEmpty || instantsOnly) {
            ordered.push_back(&thread);
        }
    }
    std::sort(ordered.begin(), ordered.end(), [](const Thread *a, const Thread *b) {
        if (a->sortIndex != b->sortIndex) {
            return a->sortIndex < b->sortIndex;
        }
        if (a->groupRank != b->groupRank) {
            return a->groupRank < b->groupRank;
        }
        return a->groupOrder != b->groupOrder ? a->groupOrder < b->groupOrder : a->order < b->order;
    });
    const bool manyProcesses = std::any_of(
        ordered.begin(), ordered.end(), [&](const Thread *t) { return t->pid != ordered.front()->pid; });
    qint64 origin = ours ? 0 : std::numeric_limits<qint64>::max();
    for (const Thread *t : ordered) {
        if (ours) {
            break;
        }
        for (const Span &s : t->spans) {
            origin = std::min(origin, s.beginNs);
        }
        for (const Span &s : t->stack) {
            origin = std::min(origin, s.beginNs);
        }
    }
    QHash<QString, LaneId> laneOf;
    qint64 end = 0;
    for (Thread *t : ordered) {
        const auto lane = static_cast<LaneId>(run.lanes.size());
        QString label = t->name.isEmpty() ? u"thread %1"_s.arg(t->tid) : t->name;
        if (manyProcesses) {
            label = processNames.value(t->pid, u"pid "_s + t->pid) + u" / "_s + label;
        }
        const QString lowered = label.toLower();
        const LaneKind kind = t->async        ? LaneKind::Task
            : lowered.contains(u"event loop") ? LaneKind::Loop
            : lowered.contains(u"pool conn")  ? LaneKind::Connection
            : lowered.contains(u"pool")       ? LaneKind::Pool
            : lowered.contains(u"server")     ? LaneKind::Server
                                              : LaneKind::Task;
        run.lanes.append(Lane {lane, label, kind});
        laneOf.insert(t->pid + u'\x1f' + t->tid, lane);
        // B events never closed: the trace was cut; keep them to its end, as cancelled. An
        // async operation still pending when the trace ended (a promise never collected) runs
        // to the end as it is: nothing says it was cancelled.
        for (Span s : t->stack) {
            if (!t->async) {
                s.status = SpanStatus::Cancelled;
            }
            t->spans.push_back(s);
        }
        for (Span s : t->spans) {
            s.lane = lane;
            s.beginNs -= origin;
            if (!s.isOpen()) {
                s.endNs -= origin;
                end = std::max(end, s.endNs);
            }
            if (s.readyNs != kUnknownTime) {
                s.readyNs -= origin;
            }
            run.spans.push_back(s);
        }
    }
    for (Span &s : run.spans) {
        if (s.isOpen()) {
            s.endNs = std::max(end, s.beginNs);
        }
    }
    for (const auto &[key, thread] : threads) {
        if (thread.foldedInto) {
            const auto row = laneOf.constFind(thread.foldedInto->pid + u'\x1f' + thread.foldedInto->tid);
            if (row != laneOf.cend()) {
                laneOf.insert(thread.pid + u'\x1f' + thread.tid, *row);
            }
        }
    }
    for (const Instant &in : instants) {
        const auto lane = laneOf.value(in.thread.first + u'\x1f' + in.thread.second, 0);
        if (in.counter) {
            run.counters.push_back(CounterSample {in.atNs - origin, in.value, lane, intern(in.name)});
        } else {
            run.marks.push_back(Mark {in.atNs - origin, lane, intern(in.name), intern(in.detail)});
        }
    }
    std::stable_sort(run.spans.begin(), run.spans.end(),
        [](const Span &a, const Span &b) { return a.beginNs < b.beginNs; });
    run.experiment = u"imported trace"_s;
    run.title = name;
    run.wallNs = end;
    run.idealNs = 0;
    if (ours) {
        run.experiment = other.value(u"experiment"_s).toString();
        run.title = name;
        // Our own metadata, if it is sane; otherwise what the events say.
        const double wall = other.value(u"wall_s"_s).toDouble();
        const double ideal = other.value(u"ideal_s"_s).toDouble();
        if (wall >= 0 && wall <= 1e9) {
            run.wallNs = static_cast<qint64>(std::llround(wall * 1e9));
        }
        if (ideal >= 0 && ideal <= 1e9) {
            run.idealNs = static_cast<qint64>(std::llround(ideal * 1e9));
        }
    }
    run.status = RunStatus::Ok;
    computeStats(run);
    if (std::any_of(threads.begin(), threads.end(), [](const auto &t) { return t.second.async; })) {
        // The zero-overhead replay assumes tasks that run their steps in turn on one loop; an
        // async operation's lane (a timer pending, its callback, a promise) is not one, and its
        // "ideal" outlines would mislead. Neither it nor the all-async counterfactual is shown.
        run.ideal = {};
        run.stats.idealScheduleS = 0;
        run.stats.idealAllAsyncS = 0;
        run.stats.madeAsync = 0;
    }
    return run;
}

std::optional<RunData> loadRunOrTrace(const QString &path, QString *error)
{
    const auto input = readJsonInput(path, error);
    if (!input) {
        return std::nullopt;
    }
    const QByteArray &bytes = *input;
    QString why;
    std::optional<RunData> run;
    // A run file declares itself; anything else is tried as a Chrome trace.
    if (bytes.contains("\"coroscope-run\"")) {
        run = RunFile::fromJson(bytes, &why);
    } else {
        QString traceWhy;
        run = importChromeTrace(bytes, QFileInfo(path).fileName(), &traceWhy);
        if (!run) {
            why = traceWhy;
        }
    }
    if (!run && error) {
        *error = u"%1: %2"_s.arg(path, why);
    }
    return run;
}

} // namespace Coroscope
