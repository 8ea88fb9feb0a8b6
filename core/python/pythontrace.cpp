// SPDX-License-Identifier: MIT
#include "pythontrace.h"

#include "async/errors.h"
#include "http/delayserver.h"
#include "timeline/stats.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUuid>

#include <array>
#include <charconv>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

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
constexpr int kKeptErrorLines = 40;

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

bool toInt(QByteArrayView text, qint64 *value)
{
    const char *b = text.data();
    const char *e = b + text.size();
    const auto [p, ec] = std::from_chars(b, e, *value);
    return ec == std::errc() && p == e;
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

bool isInterpreterOption(const QString &arg)
{
    return arg.size() >= 2 && arg.startsWith(u'-') && arg != u"--";
}

} // namespace

// ---- the command line --------------------------------------------------------------------

QString PythonProgram::commandLine() const
{
    QStringList parts {interpreter};
    parts += options;
    parts += target;
    parts += arguments;
    for (QString &p : parts) {
        if (p.isEmpty() || p.contains(u' ') || p.contains(u'"') || p.contains(u'\'')) {
            p = u"'"_s + QString(p).replace(u"'"_s, u"'\\''"_s) + u"'"_s;
        }
    }
    return parts.join(u' ');
}

QString PythonProgram::shortName() const
{
    if (target.size() == 2 && target.at(0) == u"-m") {
        return u"-m "_s + target.at(1);
    }
    if (target.size() == 2 && target.at(0) == u"-c") {
        return u"-c"_s;
    }
    return target.isEmpty() ? QString() : QFileInfo(target.constFirst()).fileName();
}

std::optional<PythonProgram> parsePythonCommand(const QStringList &argv, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (argv.isEmpty() || argv.constFirst().isEmpty()) {
        return fail(Tr::tr("no program to trace: give it after --, e.g. coroscope trace -- python3 app.py"));
    }
    PythonProgram p;
    qsizetype i = 0;
    if (argv.constFirst().endsWith(u".py")) {
        p.interpreter = u"python3"_s; // "trace -- app.py": the script alone
    } else {
        p.interpreter = argv.constFirst();
        const QString base = QFileInfo(p.interpreter).fileName();
        if (!base.startsWith(u"python")) {
            return fail(Tr::tr("'%1' is not a Python interpreter: the command must start with one, e.g. "
                           "python3 app.py (a script alone works too)")
                            .arg(printable(p.interpreter)));
        }
        i = 1;
    }
    for (; i < argv.size(); ++i) {
        const QString &a = argv.at(i);
        if (a == u"-m" || a == u"-c") {
            if (i + 1 >= argv.size()) {
                return fail(Tr::tr("%1 needs an argument (python3 %1 …)").arg(a));
            }
            p.target = {a, argv.at(i + 1)};
            p.arguments = argv.mid(i + 2);
            return p;
        }
        if (a == u"-" ) {
            return fail(Tr::tr("a program read from standard input cannot be traced: give its file"));
        }
        if (!isInterpreterOption(a)) {
            p.target = {a};
            p.arguments = argv.mid(i + 1);
            return p;
        }
        p.options.append(a);
        // -W and -X take a value, glued on ("-Xdev") or as the next argument.
        if ((a == u"-W" || a == u"-X") && i + 1 < argv.size()) {
            p.options.append(argv.at(++i));
        }
    }
    return fail(Tr::tr("no script to trace in '%1': give python3 SCRIPT.py (or -m module)")
                    .arg(printable(argv.join(u' '))));
}

QString pythonTracerPath()
{
    const QString name = u"coroscope_tracer.py"_s;
    QStringList candidates;
    if (const QString env = qEnvironmentVariable("COROSCOPE_TRACER"); !env.isEmpty()) {
        return QFileInfo(env).isFile() ? QFileInfo(env).absoluteFilePath() : QString();
    }
    const QString dir = QCoreApplication::applicationDirPath();
    candidates << dir + u'/' + name << dir + u"/../share/coroscope/"_s + name;
#ifdef COROSCOPE_SOURCE_DIR
    candidates << QStringLiteral(COROSCOPE_SOURCE_DIR "/python/") + name;
#endif
    for (const QString &c : std::as_const(candidates)) {
        if (QFileInfo(c).isFile()) {
            return QFileInfo(c).absoluteFilePath();
        }
    }
    return {};
}

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
    return std::max<qint64>(0, clockNs - m_originClockNs);
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
                                 "tracer installed with this Coroscope (%3)")
                                  .arg(printable(f[1].toByteArray()))
                                  .arg(kPythonTraceProtocol)
                                  .arg(pythonTracerPath());
            return false;
        }
        m_hello = true;
        m_pythonVersion = QString::fromUtf8(f[3]);
        toInt(f[4], &m_helloClockNs);
        return true;
    }
    if (type == "N") {
        if (n < 3 || !toInt(f[1], &a) || a != static_cast<qint64>(m_strings.size())) {
            return garbled();
        }
        // The text may hold tabs no more (the tracer replaced them), but keep what follows.
        const QString text = QString::fromUtf8(line.sliced(f[2].data() - line.data()));
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
        laneForThread(thread, LaneKind::Loop,
            thread == u"MainThread" ? u"event loop"_s : u"event loop (%1)"_s.arg(thread));
        return true;
    }
    if (type == "B") {
        qint64 loop = 0;
        if (n < 6 || !toInt(f[1], &loop) || !toInt(f[2], &a) || !toInt(f[3], &b) || b < a) {
            return garbled();
        }
        const LaneId lane = markLane(0);
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
    toInt(f[13], &woken);
    toInt(f[14], &hint);
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
                          .arg(duration > 0 ? qRound(100.0 * static_cast<double>(cpu) / static_cast<double>(duration)) : 0)
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
        task.open = m_rec.begin(task.lane, str(f[7]), kindOf(f[6]), str(f[8]), t1);
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

// ---- the process ---------------------------------------------------------------------------

PythonTracer::PythonTracer(QObject *parent)
    : QObject(parent)
{
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(300);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

PythonTracer::~PythonTracer()
{
    if (m_process) {
        m_process->disconnect(this);
        signalGroup(SIGKILL);
        m_process->waitForFinished(2000);
        delete m_process;
    }
}

bool PythonTracer::start(const PythonProgram &program, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (m_process) {
        return fail(Tr::tr("a traced program is still running"));
    }
    const QString tracer = pythonTracerPath();
    if (tracer.isEmpty()) {
        return fail(Tr::tr("Coroscope's tracer (coroscope_tracer.py) is not installed next to the coroscope binary, nor "
                       "in ../share/coroscope: reinstall Coroscope, or set COROSCOPE_TRACER"));
    }
    if (program.target.size() == 1) {
        const QFileInfo script(QDir(program.workingDirectory.isEmpty() ? QDir::currentPath() : program.workingDirectory),
            program.target.constFirst());
        if (!script.isFile()) {
            return fail(Tr::tr("cannot trace '%1': %2")
                            .arg(printable(program.target.constFirst()),
                                script.exists() ? Tr::tr("it is not a file") : Tr::tr("no such file")));
        }
    }
    if (!program.workingDirectory.isEmpty() && !QFileInfo(program.workingDirectory).isDir()) {
        return fail(Tr::tr("working folder '%1' does not exist").arg(printable(program.workingDirectory)));
    }

    m_program = program;
    m_recorder = std::make_shared<Recorder>();
    // Live views take snapshots (snapshot()): no per-span event queue, which nothing would drain.
    m_decoder = std::make_unique<PythonEventDecoder>(*m_recorder);
    m_pending.clear();
    m_outBuffer[0].clear();
    m_outBuffer[1].clear();
    m_errLines.clear();
    m_cancelled = false;
    m_failedToStart = false;
    m_startError.clear();
    m_startedAt = QDateTime::currentDateTimeUtc();

    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = QDir::tempPath() + u"/coroscope-trace-%1-%2.sock"_s.arg(QCoreApplication::applicationPid())
                             .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (!m_server->listen(name)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return fail(Tr::tr("cannot listen for the tracer on %1: %2").arg(name, why));
    }
    connect(m_server, &QLocalServer::newConnection, this, &PythonTracer::onConnection);

    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"COROSCOPE_TRACE_SOCKET"_s, m_server->fullServerName());
    env.insert(u"COROSCOPE_TRACE_PROTOCOL"_s, QString::number(kPythonTraceProtocol));
    env.insert(u"PYTHONUNBUFFERED"_s, u"1"_s); // its output reaches the log as it is written
    for (const auto &[k, v] : program.environment) {
        env.insert(k, v);
    }
    if (program.withDelayServer) {
        // Its requests as the server saw them, on the run's own lane: tagged by their path.
        QString serverError;
        DelayServer &server = DelayServer::embedded(&serverError);
        if (server.isRunning()) {
            static int s_runs = 0;
            m_serverTag = "py-" + QByteArray::number(QCoreApplication::applicationPid()) + '-' + QByteArray::number(++s_runs);
            server.attach(m_serverTag, m_recorder, m_recorder->addLane(u"delay server"_s, LaneKind::Server));
            env.insert(u"COROSCOPE_HTTP_URL"_s,
                server.url().toString() + u"run/"_s + QString::fromLatin1(m_serverTag) + u'/');
        }
    }
    m_process->setProcessEnvironment(env);
    if (!program.workingDirectory.isEmpty()) {
        m_process->setWorkingDirectory(program.workingDirectory);
    }
    m_process->setChildProcessModifier([] {
        ::setpgid(0, 0); // its own process group: Stop ends the program and its children
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // and it does not outlive Coroscope
    });
    QStringList args = program.options;
    args << tracer;
    args += program.target;
    args += program.arguments;
    connect(m_process, &QProcess::readyReadStandardOutput, this,
        [this] { onProcessOutput(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this,
        [this] { onProcessOutput(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &PythonTracer::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &PythonTracer::onProcessError);
    m_process->start(program.interpreter, args);
    m_pid = m_failedToStart ? 0 : m_process->processId();
    Q_EMIT started();
    return true;
}

void PythonTracer::signalGroup(int signal)
{
    if (m_pid > 0) {
        ::kill(static_cast<pid_t>(-m_pid), signal);
    }
}

void PythonTracer::cancel()
{
    if (!m_process || m_cancelled) {
        return;
    }
    m_cancelled = true;
    signalGroup(SIGINT); // asyncio.run cancels its tasks and the tracer says how far they got
    m_killTimer.start();
}

void PythonTracer::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_socket) {
            socket->deleteLater(); // one tracer per run (a forked child does not send)
            continue;
        }
        m_socket = socket;
        connect(m_socket, &QLocalSocket::readyRead, this, &PythonTracer::onReadable);
        onReadable();
    }
    m_server->close(); // nobody else connects
}

void PythonTracer::onReadable()
{
    if (!m_socket || !m_decoder) {
        return;
    }
    m_pending += m_socket->readAll();
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = m_pending.indexOf('\n', from);
        if (nl < 0) {
            break;
        }
        if (!m_decoder->feed(QByteArrayView(m_pending).sliced(from, nl - from))) {
            m_pending.clear();
            if (m_process && !m_cancelled) {
                m_startError = m_decoder->protocolError();
                signalGroup(SIGKILL);
            }
            return;
        }
        from = nl + 1;
    }
    m_pending.remove(0, from);
}

void PythonTracer::onProcessOutput(QProcess::ProcessChannel channel)
{
    if (!m_process) {
        return;
    }
    const int i = channel == QProcess::StandardError ? 1 : 0;
    m_process->setReadChannel(channel);
    m_outBuffer[i] += m_process->readAll();
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = m_outBuffer[i].indexOf('\n', from);
        if (nl < 0) {
            break;
        }
        QString line = QString::fromUtf8(m_outBuffer[i].sliced(from, nl - from));
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        if (i == 1) {
            m_errLines.append(line);
            if (m_errLines.size() > kKeptErrorLines) {
                m_errLines.removeFirst();
            }
        }
        Q_EMIT output(line, i == 1);
        from = nl + 1;
    }
    m_outBuffer[i].remove(0, from);
    if (m_outBuffer[i].size() > 1 << 20) { // a line a megabyte long: pass it on in pieces
        Q_EMIT output(QString::fromUtf8(m_outBuffer[i]), i == 1);
        m_outBuffer[i].clear();
    }
}

void PythonTracer::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process) {
        return;
    }
    m_failedToStart = true;
    const QString message = Tr::tr("cannot start '%1': %2 — is Python 3 installed? (Debian: apt install python3)")
                                .arg(printable(m_program.interpreter), m_process->errorString());
    // Not from inside start(): finished() comes after it returns, as for any run.
    QMetaObject::invokeMethod(this, [this, message] { complete(RunStatus::Failed, message); }, Qt::QueuedConnection);
}

void PythonTracer::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process || m_failedToStart) {
        return;
    }
    onProcessOutput(QProcess::StandardOutput);
    onProcessOutput(QProcess::StandardError);
    for (int i = 0; i < 2; ++i) {
        if (!m_outBuffer[i].isEmpty()) {
            Q_EMIT output(QString::fromUtf8(m_outBuffer[i]), i == 1);
            if (i == 1) {
                m_errLines.append(QString::fromUtf8(m_outBuffer[i]));
            }
            m_outBuffer[i].clear();
        }
    }
    // What the tracer wrote before the program ended is still in the socket.
    if (m_socket) {
        while (m_socket->state() == QLocalSocket::ConnectedState && m_socket->waitForReadyRead(200)) {
            onReadable();
        }
        onReadable();
    }
    if (m_cancelled) {
        signalGroup(SIGKILL); // children it left behind
    }
    QString lastError;
    for (auto it = m_errLines.crbegin(); it != m_errLines.crend(); ++it) {
        if (!it->trimmed().isEmpty()) {
            lastError = it->trimmed();
            break;
        }
    }
    if (!m_startError.isEmpty()) {
        complete(RunStatus::Failed, m_startError);
    } else if (!m_decoder->helloSeen()) {
        complete(m_cancelled ? RunStatus::Cancelled : RunStatus::Failed,
            m_cancelled ? Tr::tr("stopped before the program started")
                        : Tr::tr("%1 did not run Coroscope's tracer (exit status %2)%3")
                              .arg(printable(m_program.interpreter))
                              .arg(exitCode)
                              .arg(lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else if (m_cancelled) {
        complete(RunStatus::Cancelled, Tr::tr("stopped: the program's process group was ended"));
    } else if (status == QProcess::CrashExit) {
        complete(RunStatus::Failed,
            Tr::tr("%1 was killed by a signal%2").arg(m_program.shortName(), lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else if (exitCode != 0) {
        // A module the program imports is not installed for this interpreter: say so.
        static const QRegularExpression missing(uR"(^ModuleNotFoundError: No module named '([A-Za-z0-9_]+))"_s);
        if (const auto m = missing.match(lastError); m.hasMatch()) {
            lastError += Tr::tr(" — install it for %1 (Debian: apt install python3-%2)")
                             .arg(printable(m_program.interpreter), m.captured(1).toLower());
        }
        complete(RunStatus::Failed,
            Tr::tr("%1 exited with status %2%3")
                .arg(m_program.shortName())
                .arg(exitCode)
                .arg(lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else {
        complete(RunStatus::Ok, {});
    }
}

RunData PythonTracer::baseRun() const
{
    RunData run;
    run.experiment = u"python"_s;
    run.title = m_program.title.isEmpty() ? m_program.commandLine() : m_program.title;
    run.params = {{u"program"_s, m_program.shortName()}};
    if (!m_program.arguments.isEmpty()) {
        run.params.append({u"args"_s, m_program.arguments.join(u' ')});
    }
    if (m_decoder && !m_decoder->pythonVersion().isEmpty()) {
        run.params.append({u"python"_s, m_decoder->pythonVersion()});
    }
    run.startedAt = m_startedAt;
    run.env = EnvInfo::current();
    return run;
}

RunData PythonTracer::snapshot() const
{
    RunData run = baseRun();
    if (m_recorder) {
        m_recorder->snapshot(run);
        run.wallNs = m_decoder && m_decoder->originSet() ? m_recorder->now() : 0;
    }
    return run;
}

void PythonTracer::complete(RunStatus status, const QString &error)
{
    m_killTimer.stop();
    const auto endClock = std::chrono::duration_cast<std::chrono::nanoseconds>(
        Recorder::Clock::now().time_since_epoch())
                              .count();
    if (m_decoder) {
        m_decoder->finish(endClock, status == RunStatus::Cancelled);
    }
    RunData run = baseRun();
    run.status = status;
    run.error = error;
    if (m_recorder) {
        m_recorder->snapshot(run);
    }
    qint64 wall = m_decoder && m_decoder->endNs() != kUnknownTime ? m_decoder->endNs() : 0;
    for (const Span &s : run.spans) {
        wall = std::max(wall, s.isOpen() ? s.beginNs : s.endNs);
    }
    run.wallNs = wall;
    if (status == RunStatus::Failed && run.spans.empty() && run.lanes.isEmpty()) {
        // Nothing ran: the failure itself is the timeline (a red span saying why).
        run.lanes.append(Lane {0, m_program.shortName().isEmpty() ? u"python"_s : m_program.shortName(), LaneKind::Task, 0});
        run.spans.push_back(Span {.beginNs = 0,
            .endNs = 0,
            .lane = 0,
            .name = run.intern(u"run failed"_s),
            .detail = run.intern(error),
            .kind = SpanKind::Cpu,
            .status = SpanStatus::Error});
    }
    computeStats(run);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            signalGroup(SIGKILL);
            m_process->waitForFinished(1000);
        }
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_pid = 0;
    if (!m_serverTag.isEmpty()) {
        QString ignored;
        DelayServer::embedded(&ignored).detach(m_serverTag);
        m_serverTag.clear();
    }
    m_lastRun = std::move(run);
    Q_EMIT finished(m_lastRun);
}

RunData PythonTracer::runAndWait(const PythonProgram &program)
{
    QEventLoop loop;
    const auto connection = connect(this, &PythonTracer::finished, &loop, &QEventLoop::quit);
    QString error;
    if (!start(program, &error)) {
        disconnect(connection);
        m_program = program;
        RunData failed = baseRun();
        failed.status = RunStatus::Failed;
        failed.error = error;
        return failed;
    }
    loop.exec();
    disconnect(connection);
    return m_lastRun;
}

} // namespace Coroscope
