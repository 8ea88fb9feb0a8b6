// SPDX-License-Identifier: MIT
#pragma once

// Shared by the timing tests: tolerances relative to the ideal (DESIGN.md).

namespace Coroscope::Test {

/// True when built with AddressSanitizer / UBSan: timing margins double.
constexpr bool kSanitized =
#ifdef COROSCOPE_SANITIZED
    true;
#else
    false;
#endif

/// Allowed overhead above the ideal: 50 ms + 25 % of the ideal, doubled under sanitizers.
constexpr double marginFor(double idealSeconds)
{
    return (0.050 + 0.25 * idealSeconds) * (kSanitized ? 2.0 : 1.0);
}

/// Most loop-stall time a run whose loop nothing blocks may show: the OS can take a loaded
/// 2-core VM's CPU away for 20-70 ms (seen in CI: a 37 ms and a 66 ms "stall" in a free loop).
/// A blocking call of `delaySeconds` stalls at least 0.9 of it, well above this.
constexpr double freeLoopStallBound(double delaySeconds)
{
    return (kSanitized ? 0.8 : 0.3) * delaySeconds;
}

} // namespace Coroscope::Test

#include "async/outcome.h"
#include "timeline/rundata.h"
#include "timeline/stats.h"
#include "timeline/traceimport.h"

#include <QCoro/QCoroTask>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>

namespace Coroscope::Test {

namespace detail {
template<typename T> struct RunState
{
    Outcome<T> outcome;
    bool done = false;
    QEventLoop *loop = nullptr;
};

template<typename T> QCoro::Task<> capture(QCoro::Task<T> task, std::shared_ptr<RunState<T>> state)
{
    try {
        if constexpr (std::is_void_v<T>) {
            co_await task;
            state->outcome = Outcome<T>::success({});
        } else {
            state->outcome = Outcome<T>::success(co_await task);
        }
    } catch (...) {
        state->outcome = Outcome<T>::failure(std::current_exception());
    }
    state->done = true;
    if (state->loop) {
        state->loop->quit();
    }
}
} // namespace detail

/// Runs a coroutine to completion on a local event loop (QCoro::waitFor hangs forever if the
/// task throws). Returns its outcome; a timeout becomes an error outcome.
template<typename T> Outcome<T> runTask(QCoro::Task<T> task, int timeoutMs = 10000)
{
    auto state = std::make_shared<detail::RunState<T>>();
    detail::capture(std::move(task), state);
    if (!state->done) {
        QEventLoop loop;
        state->loop = &loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        state->loop = nullptr;
    }
    if (!state->done) {
        return Outcome<T>::failure(std::make_exception_ptr(Error(QStringLiteral("test timed out"))));
    }
    return std::move(state->outcome);
}

/// A synthetic run of `spans` spans over `lanes` task lanes across 10 s: random kinds, an
/// error every 97th span (render tests and bench_gantt).
/// Median and 95th percentile of timings in milliseconds (the benchmarks' figures).
struct Percentiles
{
    double median = 0;
    double p95 = 0;
};
inline Percentiles percentiles(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2],
        ms[std::min(ms.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(ms.size())))]};
}

inline RunData syntheticRun(int spans = 100'000, int lanes = 1000)
{
    RunData run;
    run.experiment = QStringLiteral("synthetic");
    run.title = QStringLiteral("%1 spans over %2 lanes").arg(spans).arg(lanes);
    run.strings.append(QString());
    run.lanes.append(Lane {0, QStringLiteral("event loop"), LaneKind::Loop});
    for (int i = 1; i <= lanes; ++i) {
        run.lanes.append(Lane {static_cast<LaneId>(i), QStringLiteral("task %1").arg(i), LaneKind::Task});
    }
    const StrId name = run.intern(QStringLiteral("GET /?delay=1"));
    const StrId detail = run.intern(QStringLiteral("200 OK, 57 bytes"));
    std::mt19937 rng(42);
    std::uniform_int_distribution<qint64> start(0, 9'900'000'000);
    std::uniform_int_distribution<qint64> length(1'000, 100'000'000);
    std::uniform_int_distribution<int> kind(0, kSpanKindCount - 2);
    for (int i = 0; i < spans; ++i) {
        Span s;
        s.lane = static_cast<LaneId>(1 + i % lanes);
        s.beginNs = start(rng);
        s.endNs = s.beginNs + length(rng);
        s.readyNs = s.endNs - 1'000'000 > s.beginNs ? s.endNs - 1'000'000 : kUnknownTime;
        s.kind = static_cast<SpanKind>(kind(rng));
        s.status = i % 97 == 0 ? SpanStatus::Error : SpanStatus::Ok;
        s.name = name;
        s.detail = detail;
        run.spans.push_back(s);
    }
    std::sort(run.spans.begin(), run.spans.end(),
        [](const Span &a, const Span &b) { return a.beginNs < b.beginNs; });
    run.wallNs = 10'000'000'000;
    run.idealNs = 1'000'000'000;
    computeStats(run);
    return run;
}

#ifdef COROSCOPE_BIN
/// What the coroscope binary printed and how it exited (-1: timed out, -2: crashed).
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs the coroscope binary to its end (killed after `timeoutMs`).
inline CliResult coroscope(const QStringList &args, int timeoutMs = 60000, const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty()) {
        p.setProcessEnvironment(env);
    }
    p.start(QStringLiteral(COROSCOPE_BIN), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, {}, QStringLiteral("timed out")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
#endif

/// A benchmark's run: the run file or trace named by argv[1] (e.g. a million spans), else the
/// synthetic worst case; nullopt (with the reason on stdout) when the file cannot be read.
inline std::optional<RunData> benchRun(int argc, char **argv)
{
    if (argc < 2) {
        return syntheticRun(100'000, 1000);
    }
    QString error;
    auto loaded = loadRunOrTrace(QString::fromLocal8Bit(argv[1]), &error);
    if (!loaded) {
        std::printf("%s\n", qPrintable(error));
    }
    return loaded;
}

/// The fixture's private cluster (COROSCOPE_TEST_PG_ENV names its env file): returns its
/// connection string and exports it as COROSCOPE_PG_DSN for the code under test (and the
/// processes it starts). Empty when the test runs without the fixture.
inline QString useFixtureCluster()
{
    QFile env(qEnvironmentVariable("COROSCOPE_TEST_PG_ENV"));
    if (!env.open(QIODevice::ReadOnly)) {
        return {};
    }
    QString conninfo;
    while (!env.atEnd()) {
        const QString line = QString::fromUtf8(env.readLine()).trimmed();
        if (line.startsWith(QStringLiteral("CONNINFO="))) {
            conninfo = line.mid(9);
        } else if (line.startsWith(QStringLiteral("DIR="))) {
            qputenv("COROSCOPE_TEST_PG_DIR", line.mid(4).toUtf8());
        }
    }
    qputenv("COROSCOPE_PG_DSN", conninfo.toUtf8());
    return conninfo;
}

/// Counts 1 ms ticks of the current thread's event loop: proves it stayed responsive
/// (after QCoro's EventLoopChecker).
class LoopTicker
{
public:
    LoopTicker()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { ++m_ticks; });
        m_timer.start();
    }
    [[nodiscard]] int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    int m_ticks = 0;
};

} // namespace Coroscope::Test
