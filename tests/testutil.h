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

} // namespace Coroscope::Test

#include "async/outcome.h"

#include <QCoro/QCoroTask>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <memory>

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
