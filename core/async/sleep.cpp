// SPDX-License-Identifier: MIT
#include "sleep.h"

#include "errors.h"

#include <QObject>
#include <QTimer>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace Coroscope {

SleepUntil::SleepUntil(Clock::time_point deadline, CancelToken token)
    : m_deadline(deadline)
    , m_token(std::move(token))
{ }

SleepUntil::SleepUntil(SleepUntil &&other) noexcept
    : m_deadline(other.m_deadline)
    , m_token(other.m_token)
    , m_context(std::exchange(other.m_context, nullptr))
    , m_watch(std::move(other.m_watch))
    , m_woken(other.m_woken)
{ }

SleepUntil::~SleepUntil()
{
    m_watch.reset();
    if (m_context) {
        m_context->deleteLater();
    }
}

bool SleepUntil::await_ready() const noexcept
{
    return m_token.isCancelled() || Clock::now() >= m_deadline;
}

void SleepUntil::await_suspend(std::coroutine_handle<> awaiting)
{
    m_context = new QObject;
    const auto remaining = m_deadline - Clock::now();
    // Round up: a precise timer never fires early, so the deadline is never missed by rounding.
    const auto ms = std::max<qint64>(0, std::chrono::ceil<std::chrono::milliseconds>(remaining).count());
    QTimer::singleShot(
        std::chrono::milliseconds(ms), Qt::PreciseTimer, m_context, [this, awaiting] { wake(awaiting); });
    m_watch = std::make_unique<CancelWatch>(m_token, m_context, [this, awaiting] { wake(awaiting); });
}

void SleepUntil::wake(std::coroutine_handle<> awaiting)
{
    if (m_woken) {
        return;
    }
    m_woken = true;
    awaiting.resume();
}

void SleepUntil::await_resume()
{
    m_watch.reset();
    if (m_context) {
        std::exchange(m_context, nullptr)->deleteLater();
    }
    if (m_token.isCancelled() && Clock::now() < m_deadline) {
        throw Cancelled();
    }
}

SleepUntil sleepUntil(Clock::time_point deadline, const CancelToken &token)
{
    return SleepUntil(deadline, token);
}

SleepUntil sleepFor(std::chrono::nanoseconds duration, const CancelToken &token)
{
    return SleepUntil(Clock::now() + duration, token);
}

QCoro::Task<> tracedSleep(std::chrono::nanoseconds duration, CancelToken token, Trace trace)
{
    const auto start = Clock::now();
    const auto deadline = start + duration;
    const SpanId span = trace.recorder ? trace.begin(SpanKind::Sleep, trace.recorder->toNs(start)) : 0;
    const qint64 readyNs = trace.recorder ? trace.recorder->toNs(deadline) : kUnknownTime;
    try {
        co_await sleepUntil(deadline, token);
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
    trace.end(span, {.readyNs = readyNs});
}

void YieldToLoop::await_suspend(std::coroutine_handle<> awaiting)
{
    auto *context = new QObject;
    QMetaObject::invokeMethod(
        context,
        [context, awaiting] {
            context->deleteLater();
            awaiting.resume();
        },
        Qt::QueuedConnection);
}

void blockingSleep(std::chrono::nanoseconds duration, const CancelToken &token, const Trace &trace)
{
    const auto start = Clock::now();
    const auto deadline = start + duration;
    const SpanId span = trace.recorder ? trace.begin(SpanKind::Blocking, trace.recorder->toNs(start)) : 0;
    if (token.waitUntil(deadline)) {
        trace.endWithError(span, std::make_exception_ptr(Cancelled()));
        throw Cancelled();
    }
    trace.end(span, {.readyNs = trace.recorder ? trace.recorder->toNs(deadline) : kUnknownTime});
}

} // namespace Coroscope
