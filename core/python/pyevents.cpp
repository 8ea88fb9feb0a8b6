// SPDX-License-Identifier: MIT
#include "pyevents.h"

#include "async/errors.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <charconv>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::PythonTrace)
};

/// A step at least this long held the loop: it gets a span of its own (as the tracer's HOLD_NS).
constexpr qint64 kHoldNs = 1'000'000;
constexpr int kMaxFields = 16;

using Fields = std::array<QByteArrayView, kMaxFields>;

int splitTabs(QByteArrayView line, Fields &out)
{
    int n = 0;
    qsizetype from = 0;
    while (n < kMaxFields) {
        const qsizetype tab = line.indexOf('\t', from);
        if (tab < 0) {
            out[static_cast<std::size_t>(n++)] = line.sliced(from);
            break;
        }
        out[static_cast<std::size_t>(n++)] = line.sliced(from, tab - from);
        from = tab + 1;
    }
    return n;
}

/// Every number in the stream: a time (monotonic ns), an id, a CPU time, or -1 (unknown).
/// Outside [-1, 2^62) it is refused, so that sums and doubles of them cannot overflow.
bool toInt(QByteArrayView text, qint64 *value)
{
    const char *b = text.data();
    const char *e = b + text.size();
    qint64 v = 0;
    const auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || v < -1 || v >= (qint64(1) << 62)) {
        return false;
    }
    *value = v;
    return true;
}

SpanKind kindOf(QByteArrayView name)
{
    if (name == "sleep") {
        return SpanKind::Sleep;
    }
    if (name == "http") {
        return SpanKind::Http;
    }
    if (name == "db") {
        return SpanKind::Db;
    }
    if (name == "io") {
        return SpanKind::Io;
    }
    if (name == "acquire") {
        return SpanKind::Acquire;
    }
    return SpanKind::Wait;
}

} // namespace

// ---- the event stream ------------------------------------------------------------------------

PythonEventDecoder::PythonEventDecoder(Recorder &recorder)
    : m_rec(recorder)
    , m_startName(recorder.intern(u"scheduled"))
    , m_stallName(recorder.intern(u"loop blocked"))
{
    m_strings.push_back(0); // the tracer's string 0 is "" too
    m_texts.emplace_back();
}

qint64 PythonEventDecoder::toRun(qint64 clockNs)
{
    if (!m_originSet) {
        m_originSet = true;
        m_originClockNs = clockNs;
        m_rec.setOrigin(Recorder::Clock::time_point(std::chrono::nanoseconds(clockNs)));
    }
    // Within ±1e9 s, as run files are: a hostile stream must not make a history file that can
    // never be opened again.
    return std::clamp<qint64>(clockNs - m_originClockNs, 0, 1'000'000'000'000'000'000);
}

StrId PythonEventDecoder::str(QByteArrayView id) const
{
    qint64 n = 0;
    if (!toInt(id, &n) || n < 0 || n >= static_cast<qint64>(m_strings.size())) {
        return 0;
    }
    return m_strings[static_cast<std::size_t>(n)];
}

QString PythonEventDecoder::text(QByteArrayView id) const
{
    qint64 n = 0;
    if (!toInt(id, &n) || n < 0 || n >= static_cast<qint64>(m_texts.size())) {
        return {};
    }
    return m_texts[static_cast<std::size_t>(n)];
}

LaneId PythonEventDecoder::laneForThread(const QString &thread, LaneKind kind, const QString &name)
{
    QHash<QString, LaneId> &lanes = kind == LaneKind::Loop ? m_loopLanes : m_threadLanes;
    if (const auto it = lanes.constFind(thread); it != lanes.cend()) {
        return *it;
    }
    const LaneId lane = m_rec.addLane(name, kind);
    lanes.insert(thread, lane);
    return lane;
}

LaneId PythonEventDecoder::markLane(quint64 task)
{
    if (const auto it = m_tasks.constFind(task); task != 0 && it != m_tasks.cend()) {
        return it->lane;
    }
    if (!m_loopLanes.isEmpty()) {
        return m_loopLanes.value(u"MainThread"_s, *m_loopLanes.cbegin());
    }
    return laneForThread(u"MainThread"_s, LaneKind::Loop, u"event loop"_s);
}

bool PythonEventDecoder::feed(QByteArrayView line)
{
    if (m_refused) {
        return false;
    }
    if (line.isEmpty()) {
        return true;
    }
    Fields f;
    const int n = splitTabs(line, f);
    const QByteArrayView type = f[0];
    qint64 a = 0;
    qint64 b = 0;
    const auto garbled = [this] {
        ++m_garbled;
        return true;
    };
    if (!m_hello) {
        if (type != "H" || n < 5) {
            m_refused = true;
            m_protocolError = Tr::tr("the tracer's first line is not its greeting: it is not Coroscope's tracer, "
                                 "or not this version's");
            return false;
        }
        qint64 version = 0;
        toInt(f[1], &version);
        if (version != kPythonTraceProtocol) {
            m_refused = true;
            m_protocolError = Tr::tr("the tracer speaks protocol %1, this Coroscope reads protocol %2: use the "
                                 "tracer installed with this Coroscope")
                                  .arg(printable(f[1].toByteArray()))
                                  .arg(kPythonTraceProtocol);
            return false;
        }
        m_hello = true;
        m_pythonVersion = QString::fromUtf8(f[3]);
        toInt(f[4], &m_helloClockNs);
        return true;
    }
    if (type == "N") {
        // A lost line or a few (the tracer numbers strings one after the other): more is not
        // its stream, and must not make this side allocate for it.
        if (n < 3 || !toInt(f[1], &a) || a < static_cast<qint64>(m_strings.size())
            || a > static_cast<qint64>(m_strings.size()) + 1000) {
            return garbled();
        }
        while (static_cast<qint64>(m_strings.size()) < a) { // a line lost: its names stay empty
            m_strings.push_back(0);
            m_texts.emplace_back();
            ++m_garbled;
        }
        // The text may hold tabs no more (the tracer replaced them), but keep what follows.
        QString text = QString::fromUtf8(line.sliced(f[2].data() - line.data()));
        if (!m_urlTag.isEmpty()) {
            text.replace(m_urlTag, u"/"_s);
        }
        m_texts.push_back(text);
        m_strings.push_back(m_rec.intern(text));
        return true;
    }
    if (type == "S") {
        if (n < 15) {
            return garbled();
        }
        onStep(f.data());
        return true;
    }
    if (type == "R") {
        if (n < 3 || !toInt(f[1], &a) || !toInt(f[2], &b)) {
            return garbled();
        }
        auto it = m_tasks.find(static_cast<quint64>(a));
        if (it != m_tasks.end()) {
            // When what it awaited was really there (a timer's deadline, a pool job's end, a
            // socket the watchdog saw ready while the loop was held), if before the loop saw it.
            qint64 hint = 0;
            if (n >= 4 && toInt(f[3], &hint) && hint > 0 && hint < b) {
                b = std::max(hint, m_originClockNs);
            }
            const qint64 t = toRun(b);
            if (it->readyNs == kUnknownTime) {
                it->readyNs = t; // the step that follows decides whether it came before it began
            } else if (it->readyEarlyNs == kUnknownTime) {
                it->readyEarlyNs = t;
            }
        }
        return true;
    }
    if (type == "T") {
        qint64 loop = 0;
        qint64 at = 0;
        if (n < 8 || !toInt(f[1], &a) || !toInt(f[2], &loop) || !toInt(f[3], &at)) {
            return garbled();
        }
        const qint64 created = toRun(at);
        // asyncio's own names ("Task-12") come as "#12": every task has one.
        const QString name = f[4].startsWith('#') ? u"Task-"_s + QString::fromLatin1(f[4].sliced(1)) : text(f[4]);
        const QString coroutine = text(f[5]);
        Task task;
        task.coroutine = coroutine;
        task.lane = m_rec.addLane(coroutine.isEmpty() ? name : u"%1 · %2"_s.arg(name, coroutine), LaneKind::Task,
            created);
        const QString where = text(f[6]);
        task.open = m_rec.begin(task.lane, m_startName, SpanKind::Wait,
            m_rec.intern(where.isEmpty() ? Tr::tr("created; waiting for its first turn on the loop")
                                         : Tr::tr("created (%1 defined at %2); waiting for its first turn on the loop")
                                               .arg(coroutine, where)),
            created);
        task.hasOpen = true;
        task.openBeginNs = created;
        m_tasks.insert(static_cast<quint64>(a), task);
        return true;
    }
    if (type == "L") {
        if (n < 4 || !toInt(f[2], &b)) {
            return garbled();
        }
        toRun(b);
        const QString thread = text(f[3]);
        qint64 loop = 0;
        toInt(f[1], &loop);
        m_loopById.insert(loop,
            laneForThread(thread, LaneKind::Loop,
                thread == u"MainThread" ? u"event loop"_s : u"event loop (%1)"_s.arg(thread)));
        return true;
    }
    if (type == "B") {
        qint64 loop = 0;
        if (n < 6 || !toInt(f[1], &loop) || !toInt(f[2], &a) || !toInt(f[3], &b) || b < a) {
            return garbled();
        }
        const auto known = m_loopById.constFind(loop);
        const LaneId lane = known != m_loopById.cend() ? *known : markLane(0);
        const QString held = text(f[4]);
        const QString where = text(f[5]);
        const QString busy = Tr::tr("no event handled for %1 ms").arg(static_cast<double>(b - a) / 1e6, 0, 'f', 1);
        m_rec.add(Span {.beginNs = toRun(a),
            .endNs = toRun(b),
            .lane = lane,
            .name = m_stallName,
            .detail = m_rec.intern(held.isEmpty() ? busy : u"%1 · %2 (%3)"_s.arg(busy, held, where)),
            .kind = SpanKind::Stall});
        return true;
    }
    if (type == "j" || type == "y") {
        qint64 at = 0;
        if (n < 5 || !toInt(f[1], &a) || !toInt(f[2], &at)) {
            return garbled();
        }
        const QString thread = text(f[3]);
        const bool job = type == "j";
        Job j;
        j.lane = laneForThread(
            thread, LaneKind::Pool, job ? Tr::tr("pool thread · %1").arg(thread) : Tr::tr("thread · %1").arg(thread));
        j.beginNs = toRun(at);
        j.name = str(f[4]);
        qint64 by = 0;
        if (job && n >= 6 && toInt(f[5], &by) && m_tasks.contains(static_cast<quint64>(by))) {
            j.detail = m_rec.intern(Tr::tr("run_in_executor, awaited by %1")
                                        .arg(m_rec.laneName(m_tasks.value(static_cast<quint64>(by)).lane)));
        } else {
            j.detail = m_rec.intern(job ? Tr::tr("run_in_executor") : Tr::tr("a thread the program started"));
        }
        (job ? m_jobs : m_threads).insert(static_cast<quint64>(a), j);
        return true;
    }
    if (type == "J" || type == "Y") {
        qint64 at = 0;
        qint64 cpu = 0;
        if (n < 4 || !toInt(f[1], &a) || !toInt(f[2], &at) || !toInt(f[3], &cpu)) {
            return garbled();
        }
        auto &table = type == "J" ? m_jobs : m_threads;
        const auto it = table.find(static_cast<quint64>(a));
        if (it == table.end()) {
            return garbled();
        }
        const Job j = *it;
        table.erase(it);
        closeJob(j, toRun(at), cpu, n >= 5 && f[4] == "e");
        return true;
    }
    if (type == "O" || type == "F") {
        qint64 task = 0;
        if (n < 3 || !toInt(f[1], &a) || !toInt(f[2], &task)) {
            return garbled();
        }
        if (type == "F") {
            m_rec.mark(markLane(static_cast<quint64>(task)), m_rec.intern(u"fork()"),
                m_rec.intern(Tr::tr("a child process: its own work is not traced")), toRun(a));
        } else if (n >= 5) {
            m_rec.mark(markLane(static_cast<quint64>(task)), str(f[4]),
                m_rec.intern(f[3] == "err" ? Tr::tr("written to stderr") : Tr::tr("printed")), toRun(a));
        }
        return true;
    }
    if (type == "Z") {
        if (n < 3 || !toInt(f[1], &a)) {
            return garbled();
        }
        // With no event or thread yet there is no time zero: finish() places it.
        m_endNs = m_originSet ? toRun(a) : a;
        if (n >= 4) {
            toInt(f[3], &m_processCpuNs);
        }
        return true;
    }
    if (type == "C") {
        return true;
    }
    return garbled();
}

void PythonEventDecoder::onStep(const QByteArrayView *f)
{
    // S task t0 t1 cpu state kind name where other held-text held-where held-library
    qint64 id = 0;
    qint64 t0c = 0;
    qint64 t1c = 0;
    qint64 cpu = 0;
    if (!toInt(f[1], &id) || !toInt(f[2], &t0c) || !toInt(f[3], &t1c) || !toInt(f[4], &cpu) || t1c < t0c
        || cpu < -1) {
        ++m_garbled;
        return;
    }
    const auto it = m_tasks.find(static_cast<quint64>(id));
    if (it == m_tasks.end()) {
        ++m_garbled;
        return;
    }
    Task &task = *it;
    const qint64 t0 = toRun(t0c);
    const qint64 t1 = toRun(t1c);
    const QByteArrayView state = f[5];
    // The wake-up that ran this step made the open wait ready — when what it awaited was
    // really there (a timer's deadline, a pool job's end, a socket the watchdog saw ready while
    // the loop was held) if that is known and earlier. One scheduled while the task ran (it
    // rescheduled itself: sleep(0), a cancellation) comes before the wait began: ready at once.
    qint64 woken = 0;
    qint64 hint = 0;
    qint64 io = 0;
    toInt(f[13], &woken);
    toInt(f[14], &hint);
    if (f[15].data() && toInt(f[15], &io) && io > 0 && hint == 0 && task.hasOpen
        && (task.openKind == SpanKind::Http || task.openKind == SpanKind::Db || task.openKind == SpanKind::Io
            || task.openKind == SpanKind::Connect)) {
        hint = io; // its socket was ready then (seen by the watchdog while the loop was held)
    }
    qint64 readyOpen = kUnknownTime;
    if (woken > 0 && woken <= t0c) {
        const qint64 at = hint > 0 && hint < woken ? std::max(hint, m_originClockNs) : woken;
        readyOpen = toRun(at);
    }
    const bool readyNext = false;
    if (task.hasOpen) {
        m_rec.end(task.open,
            {.status = state == "c" ? SpanStatus::Cancelled : SpanStatus::Ok,
                .readyNs = readyOpen == kUnknownTime ? kUnknownTime : std::max(readyOpen, task.openBeginNs),
                .atNs = t0});
        task.hasOpen = false;
    }
    const bool failed = state == "e";
    const qint64 duration = t1c - t0c;
    if (duration >= kHoldNs || failed) {
        const QString heldText = text(f[10]);
        const QString heldWhere = text(f[11]);
        const QByteArrayView lib = f[12];
        // Computing only on evidence (the watchdog's CPU clock readings, cpu ≥ 0): a step
        // that held the loop without them is said to hold it, no more.
        SpanKind kind = cpu >= 0 && cpu * 2 >= duration ? SpanKind::Cpu : SpanKind::Blocking;
        bool blocking = false;
        // A blocking client that mostly waited: its kind. One that computed (httpx building its SSL
        // context) computed, whatever library it was in.
        // (time.sleep stays `blocking`, as the C++ experiments' blocking sleep.)
        if ((lib == "http" || lib == "db") && kind == SpanKind::Blocking) {
            kind = kindOf(lib);
            blocking = true;
        }
        QString name = heldText.isEmpty() ? task.coroutine : heldText;
        QString detail = heldWhere.isEmpty()
            ? Tr::tr("a step of %1 from %2").arg(task.coroutine, task.lastWhere.isEmpty() ? Tr::tr("its start") : task.lastWhere)
            : heldWhere;
        if (cpu >= 0) {
            detail += Tr::tr(" · CPU %1% of %2 ms")
                          .arg(duration > 0 ? qRound(100.0 * static_cast<double>(std::min(cpu, duration)) / static_cast<double>(duration)) : 0)
                          .arg(static_cast<double>(duration) / 1e6, 0, 'f', 1);
        } else {
            detail += Tr::tr(" · %1 ms on the loop").arg(static_cast<double>(duration) / 1e6, 0, 'f', 1);
        }
        if (failed) {
            name = Tr::tr("raised %1").arg(text(f[7]));
            detail = Tr::tr("the task ended with an exception") + u" · "_s + detail;
            kind = duration >= kHoldNs ? kind : SpanKind::Cpu;
        }
        m_rec.add(Span {.beginNs = t0,
            .endNs = t1,
            .lane = task.lane,
            .name = m_rec.intern(name),
            .detail = m_rec.intern(detail),
            .kind = kind,
            .status = failed ? SpanStatus::Error : SpanStatus::Ok,
            .blocking = blocking});
    }
    if (state == "w") {
        task.lastWhere = text(f[8]);
        task.openKind = kindOf(f[6]);
        task.open = m_rec.begin(task.lane, str(f[7]), task.openKind, str(f[8]), t1);
        task.hasOpen = true;
        task.openBeginNs = t1;
        if (readyNext) {
            task.readyNs = t1;
        }
        return;
    }
    m_tasks.erase(it); // done, failed or cancelled
}

void PythonEventDecoder::closeJob(Job job, qint64 endNs, qint64 cpuNs, bool failed)
{
    const qint64 duration = std::max<qint64>(0, endNs - job.beginNs);
    m_rec.add(Span {.beginNs = job.beginNs,
        .endNs = std::max(endNs, job.beginNs),
        .lane = job.lane,
        .name = job.name,
        .detail = job.detail,
        .kind = cpuNs * 2 >= duration ? SpanKind::Cpu : SpanKind::Blocking,
        .status = failed ? SpanStatus::Error : SpanStatus::Ok});
}

void PythonEventDecoder::finish(qint64 endClockNs, bool stopped)
{
    if (!m_hello) {
        return;
    }
    if (!sawLoop()) {
        // No event loop, no task: the program ran no asyncio at all (threads maybe).
        if (!m_originSet) {
            const qint64 endClock = m_endNs != kUnknownTime ? m_endNs : endClockNs;
            toRun(m_helloClockNs);
            m_endNs = toRun(endClock);
        } else if (m_endNs == kUnknownTime) {
            m_endNs = toRun(endClockNs);
        }
        const qint64 begin = toRun(m_helloClockNs);
        const LaneId lane = m_rec.addLane(Tr::tr("main thread"), LaneKind::Task, begin);
        const bool busy = m_processCpuNs >= 0 && m_processCpuNs * 2 >= m_endNs - begin;
        m_rec.add(Span {.beginNs = begin,
            .endNs = std::max(begin, m_endNs),
            .lane = lane,
            .name = m_rec.intern(Tr::tr("no asyncio event loop ran")),
            .detail = m_rec.intern(Tr::tr("the program never created an asyncio event loop: there are no tasks to draw")),
            .kind = busy ? SpanKind::Cpu : SpanKind::Blocking,
            .status = stopped ? SpanStatus::Cancelled : SpanStatus::Ok});
    } else if (m_endNs == kUnknownTime) {
        m_endNs = toRun(endClockNs);
    }
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        closeJob(*it, m_endNs, 0, false);
    }
    for (auto it = m_threads.cbegin(); it != m_threads.cend(); ++it) {
        closeJob(*it, m_endNs, 0, false);
    }
    m_jobs.clear();
    m_threads.clear();
    m_rec.closeOpen(SpanStatus::Cancelled, m_endNs,
        m_rec.intern(stopped ? Tr::tr("stopped while waiting") : Tr::tr("the program ended while it waited")));
    m_tasks.clear();
}

} // namespace Coroscope
