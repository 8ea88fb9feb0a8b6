// SPDX-License-Identifier: MIT
#include "traceimport.h"

#include "prediction.h"
#include "savefile.h"

#include "fasthash_p.h"
#include "fastjson_p.h"
#include "runfile.h"
#include "stats.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
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

QString numberText(double v)
{
    return QString::number(v, 'g', 17);
}

QString idText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : numberText(v.toDouble());
}

enum class Ph : quint8
{
    Other,
    Meta, // M
    Complete, // X
    Begin, // B
    End, // E
    Instant, // i, I
    Counter, // C
    AsyncBegin, // b
    AsyncEnd, // e
    AsyncInstant, // n
    LegacyBegin, // S
    LegacyStep, // T, p
    LegacyEnd, // F
};

Ph phFrom(QStringView ph)
{
    if (ph.size() != 1) {
        return Ph::Other;
    }
    switch (ph.at(0).unicode()) {
    case 'M':
        return Ph::Meta;
    case 'X':
        return Ph::Complete;
    case 'B':
        return Ph::Begin;
    case 'E':
        return Ph::End;
    case 'i':
    case 'I':
        return Ph::Instant;
    case 'C':
        return Ph::Counter;
    case 'b':
        return Ph::AsyncBegin;
    case 'e':
        return Ph::AsyncEnd;
    case 'n':
        return Ph::AsyncInstant;
    case 'S':
        return Ph::LegacyBegin;
    case 'T':
    case 'p':
        return Ph::LegacyStep;
    case 'F':
        return Ph::LegacyEnd;
    default:
        return Ph::Other;
    }
}

/// What the importer reads of one trace event, as QJsonObject's accessors would say it (a
/// missing or mistyped field reads as "" or 0): made from a QJsonObject (the reference path)
/// or straight from the bytes (FastTrace), and built into a run by the same TraceBuilder.
struct TraceEvent
{
    Ph ph = Ph::Other;
    QString phText;
    QString name;
    QString cat;
    QString scope;
    QString pid;
    QString tid;
    bool tsIsNumber = false;
    double ts = 0;
    double dur = 0;
    QString asyncId; ///< the id part of an async operation's key ("" = no id)
    QString shownId; ///< the id in the operation's lane name
    // args
    QString argName; ///< args.name (thread_name, process_name metadata)
    double sortIndex = 0;
    QString detail;
    QString status;
    bool hasStatus = false;
    bool readyIsNumber = false;
    double ready = 0;
    bool blocking = false;
    bool nestedLoop = false;
    std::vector<std::pair<QString, double>> counters; ///< a C event's args, by key
};

TraceEvent eventFromObject(const QJsonObject &e)
{
    TraceEvent ev;
    ev.phText = e.value(u"ph"_s).toString();
    ev.ph = phFrom(ev.phText);
    ev.name = e.value(u"name"_s).toString();
    ev.cat = e.value(u"cat"_s).toString();
    ev.scope = e.value(u"scope"_s).toString();
    ev.pid = idText(e.value(u"pid"_s));
    ev.tid = idText(e.value(u"tid"_s));
    const QJsonValue ts = e.value(u"ts"_s);
    ev.tsIsNumber = ts.isDouble();
    ev.ts = ts.toDouble();
    ev.dur = e.value(u"dur"_s).toDouble();
    const QJsonValue id2 = e.value(u"id2"_s);
    if (id2.isObject()) {
        const QJsonObject o = id2.toObject();
        ev.asyncId = o.contains(u"local"_s) ? u"local:"_s + idText(o.value(u"local"_s))
                                            : u"global:"_s + idText(o.value(u"global"_s));
    } else if (e.contains(u"id"_s)) {
        ev.asyncId = idText(e.value(u"id"_s));
    }
    if (e.contains(u"id"_s)) {
        ev.shownId = idText(e.value(u"id"_s));
    } else if (id2.isObject() && !id2.toObject().isEmpty()) {
        ev.shownId = idText(id2.toObject().begin().value());
    } else {
        ev.shownId = numberText(0);
    }
    const QJsonObject args = e.value(u"args"_s).toObject();
    ev.argName = args.value(u"name"_s).toString();
    ev.sortIndex = args.value(u"sort_index"_s).toDouble();
    ev.detail = args.value(u"detail"_s).toString();
    ev.status = args.value(u"status"_s).toString();
    ev.hasStatus = args.contains(u"status"_s);
    ev.readyIsNumber = args.value(u"ready_us"_s).isDouble();
    ev.ready = args.value(u"ready_us"_s).toDouble();
    ev.blocking = args.value(u"blocking"_s).toBool(false);
    ev.nestedLoop = args.value(u"nested_loop"_s).toBool(false);
    if (ev.ph == Ph::Counter) {
        for (auto it = args.begin(); it != args.end(); ++it) {
            ev.counters.emplace_back(it.key(), it.value().toDouble());
        }
    }
    return ev;
}

/// Builds a run from trace events, one at a time; `finish` lays out the lanes.
struct TraceBuilder
{
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
        bool notes = false; ///< Coroscope's notes track: its events are notes, not a lane
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

    std::map<std::pair<QString, QString>, Thread> threads;
    QHash<QString, QString> processNames;
    RunData run;
    QHash<Detail::StringKey, StrId> ids; // the fast hash: one lookup per span
    std::vector<Instant> instants;
    std::vector<Note> notes; ///< at the trace's own times (the origin is taken off at the end)
    int order = 0;
    int spans = 0;
    Thread *lastThread = nullptr; // the last (pid, tid) looked up: events come in runs
    QHash<Detail::StringPairKey, SpanKind> kinds; // (category, name) → guessed kind

    TraceBuilder() { run.strings.append(QString()); }

    StrId intern(const QString &s)
    {
        if (s.isEmpty()) {
            return 0;
        }
        if (const auto it = ids.constFind(Detail::StringKey {s}); it != ids.cend()) {
            return *it;
        }
        const auto id = static_cast<StrId>(run.strings.size());
        run.strings.append(s);
        ids.insert(Detail::StringKey {s}, id);
        return id;
    }

    SpanKind kindOf(const QString &category, const QString &name, bool async)
    {
        const Detail::StringPairKey key {category, async ? u"\x1f"_s + name : name};
        if (const auto it = kinds.constFind(key); it != kinds.cend()) {
            return *it;
        }
        const SpanKind kind = async ? asyncKind(category, name) : guessKind(category, name);
        kinds.insert(key, kind);
        return kind;
    }

    Thread &threadFor(const TraceEvent &e)
    {
        if (lastThread && lastThread->pid == e.pid && lastThread->tid == e.tid) {
            return *lastThread;
        }
        const auto key = std::make_pair(e.pid, e.tid);
        auto [it, inserted] = threads.try_emplace(key);
        if (inserted) {
            it->second.pid = key.first;
            it->second.tid = key.second;
            it->second.order = order++;
        }
        lastThread = &it->second;
        return it->second;
    }

    // Async operations (nestable b/e/n, legacy S/T/F): a lane each, after the threads.
    Thread &asyncFor(const TraceEvent &e, const QString &key)
    {
        const auto k = std::make_pair(e.pid, u"async\x1f"_s + key);
        auto [it, inserted] = threads.try_emplace(k);
        if (inserted) {
            it->second.pid = k.first;
            it->second.tid = k.second;
            it->second.order = order++;
            it->second.sortIndex = 1e300; // after every thread
            it->second.async = true;
            it->second.opName = e.name;
            it->second.name = e.name + u" #"_s + e.shownId;
            // Node's async_hooks close a PROMISE when it is garbage-collected: its b..e says
            // how long the object lived, not that anything waited on it.
            it->second.lifetimeOnly = e.name == u"PROMISE" && e.cat.contains(u"node.async_hooks"_s);
            const SpanKind kind = asyncKind(e.cat, e.name);
            it->second.groupRank = kind == SpanKind::Http || kind == SpanKind::Db ? 0
                : kind == SpanKind::Connect                                     ? 1
                : kind == SpanKind::Sleep                                       ? 2
                                                                                : 3;
        }
        return it->second;
    }

    std::optional<QString> add(const TraceEvent &e, qsizetype i);
    std::optional<RunData> finish(bool ours, const QJsonObject &other, const QString &name, QString *error);
};

std::optional<QString> TraceBuilder::add(const TraceEvent &e, qsizetype i)
{
    const QString &eventName = e.name;
    const QString &ph = e.phText;
    if (e.ph == Ph::Meta) {
        if (eventName == u"thread_name") {
            threadFor(e).name = e.argName;
        } else if (eventName == u"thread_sort_index") {
            threadFor(e).sortIndex = e.sortIndex;
        } else if (eventName == u"process_name") {
            processNames.insert(e.pid, e.argName);
        }
        return std::nullopt;
    }
    if (e.ph == Ph::Other) {
        return std::nullopt; // flows, samples, objects... are not drawn
    }
    const bool nestable = e.ph == Ph::AsyncBegin || e.ph == Ph::AsyncEnd || e.ph == Ph::AsyncInstant;
    const bool legacy = e.ph == Ph::LegacyBegin || e.ph == Ph::LegacyStep || e.ph == Ph::LegacyEnd;
    // An async event's operation: its scope, category and id (`id`, or `id2.local`/`id2.global`),
    // and for the legacy S/T/F events its name too (they match by name).
    QString key;
    if ((nestable || legacy) && !e.asyncId.isEmpty()) {
        key = e.scope + u'\x1f' + e.cat + u'\x1f' + e.asyncId;
        if (legacy) {
            key += u'\x1f' + e.name;
        }
    }
    if ((nestable || legacy) && key.isEmpty()) {
        if (e.ph != Ph::AsyncInstant) {
            return std::nullopt; // an async event without an id belongs to no operation
        }
    }
    if (!e.tsIsNumber) {
        return u"traceEvents[%1] (%2 \"%3\"): \"ts\" is missing or not a number"_s.arg(i).arg(ph, eventName);
    }
    // Microseconds that fit in nanoseconds (±1e15 µs, about 31 years).
    constexpr double kMaxUs = 1e15;
    const auto outOfRange = [&](const char *field, double v) {
        // One arg() for the names: a name holding "%5" must not take the number's place.
        return u"traceEvents[%1] (%2 \"%3\"): \"%4\" = %5 µs is out of range (at most ±1e15 µs)"_s.arg(i)
            .arg(ph, eventName, QLatin1StringView(field), u"%1"_s.arg(v));
    };
    if (std::abs(e.ts) > kMaxUs) {
        return outOfRange("ts", e.ts);
    }
    if (e.ph == Ph::Complete && std::abs(e.dur) > kMaxUs) {
        return outOfRange("dur", e.dur);
    }
    if (e.readyIsNumber && std::abs(e.ready) > kMaxUs) {
        return outOfRange("args.ready_us", e.ready);
    }
    const qint64 ts = usToNs(e.ts);
    if (e.cat == u"coroscope.note" && (e.ph == Ph::Complete || e.ph == Ph::Instant) && key.isEmpty()) {
        threadFor(e).notes = true;
        notes.push_back({ts, e.ph == Ph::Complete ? ts + usToNs(std::max(0.0, e.dur)) : ts, eventName});
        return std::nullopt;
    }
    Thread &thread = key.isEmpty() ? threadFor(e) : asyncFor(e, key);
    const auto status = spanStatusFromString(e.status).value_or(SpanStatus::Ok);
    switch (e.ph) {
    case Ph::AsyncBegin:
    case Ph::LegacyBegin: {
        Span span;
        span.beginNs = ts;
        span.endNs = kUnknownTime;
        span.name = intern(eventName);
        span.detail = intern(e.detail);
        span.kind = kindOf(e.cat, eventName, true);
        span.status = status;
        thread.stack.push_back(span);
        break;
    }
    case Ph::AsyncEnd:
    case Ph::LegacyEnd: {
        // The innermost open slice of that name (an "e" may leave its name out).
        auto open = std::find_if(thread.stack.rbegin(), thread.stack.rend(),
            [&](const Span &s) { return eventName.isEmpty() || run.strings.at(s.name) == eventName; });
        if (open == thread.stack.rend()) {
            break; // its begin is before the trace
        }
        Span span = *open;
        thread.stack.erase(std::next(open).base());
        span.endNs = std::max(ts, span.beginNs);
        if (e.hasStatus) {
            span.status = status;
        }
        thread.spans.push_back(span);
        ++spans;
        break;
    }
    case Ph::Complete:
    case Ph::Begin: {
        Span span;
        span.beginNs = ts;
        span.endNs = e.ph == Ph::Complete ? ts + usToNs(std::max(0.0, e.dur)) : kUnknownTime;
        span.name = intern(eventName);
        span.detail = intern(e.detail);
        span.kind = kindOf(e.cat, eventName, false);
        span.status = status;
        span.blocking = e.blocking;
        span.nestedLoop = e.nestedLoop;
        if (e.readyIsNumber) {
            span.readyNs = usToNs(e.ready);
        }
        if (e.ph == Ph::Complete) {
            thread.spans.push_back(span);
            ++spans;
        } else {
            thread.stack.push_back(span);
        }
        break;
    }
    case Ph::End: {
        if (thread.stack.empty()) {
            break; // an E without its B (trace cut at the start)
        }
        Span span = thread.stack.back();
        thread.stack.pop_back();
        span.endNs = std::max(ts, span.beginNs);
        thread.spans.push_back(span);
        ++spans;
        break;
    }
    case Ph::Counter:
        for (const auto &[argKey, value] : e.counters) {
            instants.push_back({{thread.pid, thread.tid}, ts,
                eventName + (e.counters.size() > 1 ? u'.' + argKey : QString()), {}, true, value});
        }
        thread.hasInstants = true;
        break;
    default:
        instants.push_back({{thread.pid, thread.tid}, ts, eventName, e.detail});
        thread.hasInstants = true;
        break;
    }
    return std::nullopt;
}

std::optional<RunData> TraceBuilder::finish(
    bool ours, const QJsonObject &other, const QString &name, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RunData> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
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
        lane.name = u"%1 ×%2"_s.arg(opName, QString::number(ops.size()));
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
        const bool namedEmpty = !thread.name.isEmpty() && !thread.async && ours && !thread.notes;
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
                const LaneId lane = *row; // a copy: the insert may move the table
                laneOf.insert(thread.pid + u'\x1f' + thread.tid, lane);
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
        if (const double predicted = other.value(u"predicted_s"_s).toDouble(); predicted > 0 && predicted <= 1e9) {
            run.predictedNs = static_cast<qint64>(std::llround(predicted * 1e9));
        }
        if (const auto overlap
            = OverlapPrediction::parse(other.value(u"predicted_overlap"_s).toString(), nullptr)) {
            run.predictedOverlap = overlap->text();
        }
    }
    // Notes (Coroscope's notes track), at the run's times; kept within the run.
    for (const Note &n : notes) {
        const auto clampNs = [&](qint64 t) { return std::clamp<qint64>(t - origin, 0, run.wallNs); };
        // Another tool's over-long note is cut, not lost; an empty one is dropped.
        (void)run.addNote({clampNs(n.beginNs), clampNs(n.endNs), n.text.left(kMaxNoteChars)}, nullptr);
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
    return std::move(run);
}

/// The Chrome trace read straight from its bytes into TraceEvents: no DOM (a million events as
/// a QJsonDocument took 1 GB), strings shared through a cache (an event's name, category and
/// ids are mostly the same few). Anything it does not read exactly as QJsonDocument would — a
/// syntax error, an escaped key at the top, a refused event — makes it give up: the reference
/// path then reads the file, for its exact result and message (fuzz_trace compares the two).
class FastTrace
{
public:
    explicit FastTrace(const QByteArray &json)
        : m_json(json)
    {
    }

    /// The run, or a refusal the reference path would give too; nullopt: use the reference path.
    std::optional<std::optional<RunData>> read(const QString &name, QString *error);

private:
    /// One member's value, read once: a string (raw, or decoded when escaped), a number, or
    /// anything else by its bytes.
    struct Value
    {
        const char *b = nullptr;
        const char *e = nullptr;
        char type = 0; ///< 0 absent, '"' string, '0' number, 'o' other (object, array, literal)
        bool escaped = false;
        bool integer = false; ///< a number without fraction or exponent (an integer to Qt)
        double number = 0;
        QByteArrayView raw;
        QString decoded;
    };
    struct Member
    {
        QByteArrayView key; ///< raw, when not escaped
        QString decodedKey; ///< when escaped (or not ASCII)
        bool escapedKey = false;
        Value value;
    };
    enum Field : quint8
    {
        FPh,
        FName,
        FCat,
        FScope,
        FPid,
        FTid,
        FTs,
        FDur,
        FId,
        FId2,
        FArgs,
        FieldCount,
        FNone = 0xff,
    };

    const QByteArray &m_json;
    QHash<Detail::BytesKey, QString> m_strings; // a string's raw text → its QString
    QHash<Detail::BytesKey, QString> m_numbers; // a number's raw text → its id text
    std::vector<Member> m_members; // scratch for one event's members
    std::vector<Member> m_inner; // and for one of its objects (id2, args)

    /// One object's members, each value read once, checking the syntax; false: bad.
    static bool members(Json::FastJson &j, std::vector<Member> &out)
    {
        out.clear();
        if (!j.eat('{')) {
            j.bad = true;
            return false;
        }
        if (j.eat('}')) {
            return true;
        }
        do {
            Member &m = out.emplace_back();
            if (!j.string(&m.key, &m.decodedKey, &m.escapedKey) || !j.eat(':')) {
                j.bad = true;
                return false;
            }
            j.ws();
            Value &v = m.value;
            v.b = j.p;
            if (j.p < j.e && *j.p == '"') {
                v.type = '"';
                if (!j.string(&v.raw, &v.decoded, &v.escaped)) {
                    return false;
                }
            } else if (j.p < j.e && (*j.p == '-' || (*j.p >= '0' && *j.p <= '9'))) {
                v.type = '0';
                if (!j.number(&v.number)) {
                    return false;
                }
                v.integer = std::none_of(v.b, j.p, [](char c) { return c == '.' || c == 'e' || c == 'E'; });
            } else {
                v.type = 'o';
                if (!j.skip()) {
                    return false;
                }
            }
            v.e = j.p;
        } while (j.eat(','));
        if (!j.eat('}')) {
            j.bad = true;
            return false;
        }
        return true;
    }

    static QString cached(QHash<Detail::BytesKey, QString> &cache, QByteArrayView raw)
    {
        if (const auto it = cache.constFind(Detail::BytesKey {raw}); it != cache.cend()) {
            return *it;
        }
        // Unescaped ASCII (FastJson leaves the rest to Qt).
        QString s = QString::fromLatin1(raw);
        cache.insert(Detail::BytesKey {raw}, s);
        return s;
    }

    static bool keyIs(const Member &m, QByteArrayView key)
    {
        return m.escapedKey ? m.decodedKey == QLatin1StringView(key.data(), key.size()) : m.key == key;
    }

    static Field fieldOf(const Member &m)
    {
        static constexpr std::array<QByteArrayView, FieldCount> kNames {
            "ph", "name", "cat", "scope", "pid", "tid", "ts", "dur", "id", "id2", "args"};
        for (std::size_t f = 0; f < kNames.size(); ++f) {
            if (keyIs(m, kNames[f])) {
                return static_cast<Field>(f);
            }
        }
        return FNone;
    }

    /// `key`'s value among members (the last one, as QJsonObject keeps); null: absent.
    static const Value *find(const std::vector<Member> &m, QByteArrayView key)
    {
        for (auto it = m.rbegin(); it != m.rend(); ++it) {
            if (keyIs(*it, key)) {
                return &it->value;
            }
        }
        return nullptr;
    }

    QString keyText(const Member &m) { return m.escapedKey ? m.decodedKey : cached(m_strings, m.key); }

    QString toString(const Value *v)
    {
        if (!v || v->type != '"') {
            return {};
        }
        return v->escaped ? v->decoded : cached(m_strings, v->raw);
    }

    static bool isNumber(const Value *v) { return v && v->type == '0'; }

    static double toDouble(const Value *v)
    {
        if (!isNumber(v)) {
            return 0;
        }
        // An integer literal is an integer to Qt: "-0" is 0 (but "-0.0" is -0.0).
        return v->integer && v->number == 0 ? 0.0 : v->number;
    }

    QString idText(const Value *v)
    {
        if (v && v->type == '"') {
            return toString(v);
        }
        if (isNumber(v)) {
            const QByteArrayView raw(v->b, v->e - v->b);
            if (const auto it = m_numbers.constFind(Detail::BytesKey {raw}); it != m_numbers.cend()) {
                return *it;
            }
            QString text = numberText(toDouble(v));
            m_numbers.insert(Detail::BytesKey {raw}, text);
            return text;
        }
        return numberText(0);
    }

    static bool isTrue(const Value *v) { return v && v->type == 'o' && QByteArrayView(v->b, v->e - v->b) == "true"; }

    static bool isObject(const Value *v) { return v && v->type == 'o' && *v->b == '{'; }

    bool event(Json::FastJson &j, TraceEvent &ev);
};

bool FastTrace::event(Json::FastJson &j, TraceEvent &ev)
{
    if (!members(j, m_members)) {
        return false;
    }
    std::array<const Value *, FieldCount> f {};
    for (const Member &m : m_members) {
        if (const Field field = fieldOf(m); field != FNone) {
            f[field] = &m.value; // the last one wins, as in QJsonObject
        }
    }
    ev.phText = toString(f[FPh]);
    ev.ph = phFrom(ev.phText);
    ev.name = toString(f[FName]);
    ev.cat = toString(f[FCat]);
    ev.scope = toString(f[FScope]);
    ev.pid = idText(f[FPid]);
    ev.tid = idText(f[FTid]);
    ev.tsIsNumber = isNumber(f[FTs]);
    ev.ts = toDouble(f[FTs]);
    ev.dur = toDouble(f[FDur]);
    ev.asyncId.clear();
    std::vector<Member> &inner = m_inner;
    inner.clear();
    if (isObject(f[FId2])) {
        Json::FastJson k {f[FId2]->b, f[FId2]->e};
        if (!members(k, inner)) {
            return false;
        }
        const Value *local = find(inner, "local");
        ev.asyncId = local ? u"local:"_s + idText(local) : u"global:"_s + idText(find(inner, "global"));
    } else if (f[FId]) {
        ev.asyncId = idText(f[FId]);
    }
    // Where the order of an object's keys matters (its first key, a counter's series), a key
    // that is escaped or not ASCII is ordered by Qt's own rules: the reference path decides.
    const auto plainKeys = [](const std::vector<Member> &members) {
        return std::none_of(members.begin(), members.end(), [](const Member &m) { return m.escapedKey; });
    };
    if (f[FId]) {
        ev.shownId = idText(f[FId]);
    } else if (!inner.empty() && !plainKeys(inner)) {
        return false;
    } else if (!inner.empty()) {
        // QJsonObject's first member: the least key (the last of equal ones).
        std::size_t first = 0;
        QString least = keyText(inner[0]);
        for (std::size_t k = 1; k < inner.size(); ++k) {
            QString key = keyText(inner[k]);
            if (key <= least) {
                first = k;
                least = std::move(key);
            }
        }
        ev.shownId = idText(&inner[first].value);
    } else {
        ev.shownId = numberText(0);
    }
    ev.argName.clear();
    ev.sortIndex = 0;
    ev.detail.clear();
    ev.status.clear();
    ev.hasStatus = false;
    ev.readyIsNumber = false;
    ev.ready = 0;
    ev.blocking = false;
    ev.nestedLoop = false;
    ev.counters.clear();
    if (isObject(f[FArgs])) {
        Json::FastJson k {f[FArgs]->b, f[FArgs]->e};
        if (!members(k, inner)) {
            return false;
        }
        if (inner.empty()) {
            return true;
        }
        ev.argName = toString(find(inner, "name"));
        ev.sortIndex = toDouble(find(inner, "sort_index"));
        ev.detail = toString(find(inner, "detail"));
        const Value *status = find(inner, "status");
        ev.status = toString(status);
        ev.hasStatus = status != nullptr;
        const Value *ready = find(inner, "ready_us");
        ev.readyIsNumber = isNumber(ready);
        ev.ready = toDouble(ready);
        ev.blocking = isTrue(find(inner, "blocking"));
        ev.nestedLoop = isTrue(find(inner, "nested_loop"));
        if (ev.ph == Ph::Counter) {
            if (!plainKeys(inner)) {
                return false;
            }
            // QJsonObject's order: by key, one value per key (the last).
            std::map<QString, double> byKey;
            for (const Member &member : inner) {
                byKey.insert_or_assign(keyText(member), toDouble(&member.value));
            }
            ev.counters.assign(byKey.begin(), byKey.end());
        }
    }
    return true;
}

std::optional<std::optional<RunData>> FastTrace::read(const QString &name, QString *error)
{
    Json::FastJson j {m_json.constData(), m_json.constData() + m_json.size()};
    TraceBuilder builder;
    TraceEvent ev;
    qsizetype index = 0;
    // The events array at j: read into the builder; false to give up.
    const auto events = [&]() -> bool {
        if (!j.eat('[')) {
            return false;
        }
        if (j.eat(']')) {
            return true;
        }
        do {
            j.ws();
            if (j.p >= j.e || *j.p != '{' || !event(j, ev) || builder.add(ev, index)) {
                return false; // not an object, bad, or refused: the reference path says why
            }
            ++index;
        } while (j.eat(','));
        return j.eat(']');
    };
    QJsonObject other;
    j.ws();
    if (j.p < j.e && *j.p == '[') {
        if (!events()) {
            return std::nullopt;
        }
    } else if (j.eat('{')) {
        bool seenEvents = false;
        bool seenOther = false;
        if (j.eat('}')) {
            return std::nullopt;
        }
        do {
            QByteArrayView key;
            QString decoded;
            bool escaped = false;
            if (!j.string(&key, &decoded, &escaped) || escaped || !j.eat(':')) {
                return std::nullopt; // an escaped key might be "traceEvents": the reference decides
            }
            j.ws();
            if (key == "traceEvents") {
                if (seenEvents || j.p >= j.e || *j.p != '[' || !events()) {
                    return std::nullopt;
                }
                seenEvents = true;
            } else {
                const char *b = j.p;
                if (!j.skip()) {
                    return std::nullopt;
                }
                if (key == "otherData") {
                    if (seenOther) {
                        return std::nullopt;
                    }
                    seenOther = true;
                    other = QJsonDocument::fromJson(QByteArray(b, j.p - b)).object();
                }
            }
        } while (j.eat(','));
        if (!j.eat('}') || !seenEvents) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    j.ws();
    if (j.bad || j.p != j.e) {
        return std::nullopt;
    }
    const bool ours = other.value(u"generator"_s).toString().startsWith(u"Coroscope"_s);
    return builder.finish(ours, other, name, error);
}

} // namespace

std::optional<RunData> importChromeTraceReference(const QByteArray &json, const QString &name, QString *error)
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
    TraceBuilder builder;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!events.at(i).isObject()) {
            return fail(u"traceEvents[%1]: expected an object"_s.arg(i));
        }
        if (const auto refused = builder.add(eventFromObject(events.at(i).toObject()), i)) {
            return fail(*refused);
        }
    }
    return builder.finish(ours, other, name, error);
}

std::optional<RunData> importChromeTrace(const QByteArray &json, const QString &name, QString *error)
{
    if (auto fast = FastTrace(json).read(name, error)) {
        return std::move(*fast);
    }
    return importChromeTraceReference(json, name, error);
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
