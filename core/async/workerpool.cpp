// SPDX-License-Identifier: MIT
#include "workerpool.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace Coroscope {

WorkerPool::WorkerPool(int threads, Recorder *recorder, const QString &name)
    : m_recorder(recorder)
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setExpiryTimeout(-1); // threads never expire: one lane per thread for the whole run
    m_pool.setObjectName(name);
    if (m_recorder) {
        for (int i = 0; i < threads; ++i) {
            m_lanes.push_back(m_recorder->addLane(u"%1 thread %2"_s.arg(name).arg(i + 1), LaneKind::Pool));
        }
    }
}

WorkerPool::~WorkerPool()
{
    m_pool.waitForDone();
}

LaneId WorkerPool::laneForCurrentThread()
{
    std::lock_guard lock(m_mutex);
    QThread *thread = QThread::currentThread();
    const auto it = m_threadLanes.constFind(thread);
    if (it != m_threadLanes.cend()) {
        return *it;
    }
    const auto index = static_cast<std::size_t>(m_threadLanes.size());
    const LaneId lane = index < m_lanes.size() ? m_lanes[index] : (m_lanes.empty() ? 0 : m_lanes.back());
    m_threadLanes.insert(thread, lane);
    return lane;
}

} // namespace Coroscope
