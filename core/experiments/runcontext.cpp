// SPDX-License-Identifier: MIT
#include "runcontext.h"

#include "async/workerpool.h"

#include <cmath>

namespace Coroscope {

RunContext::RunContext(Recorder &recorder, CancelToken token, Params params)
    : m_recorder(recorder)
    , m_token(std::move(token))
    , m_params(std::move(params))
{ }

RunContext::~RunContext() = default;

LaneId RunContext::addTask(const QString &name)
{
    return m_recorder.addLane(name, LaneKind::Task);
}

Trace RunContext::trace(LaneId lane, QStringView name, QStringView detail) const
{
    return Trace {&m_recorder, lane, m_recorder.intern(name), m_recorder.intern(detail)};
}

QCoro::Task<> RunContext::sleep(LaneId lane, const QString &name, double seconds, const QString &detail)
{
    return tracedSleep(toDuration(seconds), m_token, trace(lane, name, detail));
}

void RunContext::blockingSleep(LaneId lane, const QString &name, double seconds, const QString &detail)
{
    Coroscope::blockingSleep(toDuration(seconds), m_token, trace(lane, name, detail));
}

void RunContext::mark(LaneId lane, const QString &name, const QString &detail)
{
    m_recorder.mark(lane, m_recorder.intern(name), m_recorder.intern(detail));
}

WorkerPool &RunContext::workerPool(int threads)
{
    if (!m_pool) {
        m_pool = std::make_unique<WorkerPool>(threads, &m_recorder);
    }
    return *m_pool;
}

std::chrono::nanoseconds RunContext::toDuration(double seconds)
{
    return std::chrono::nanoseconds(static_cast<qint64>(std::llround(seconds * 1e9)));
}

} // namespace Coroscope
