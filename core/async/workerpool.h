// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/recorder.h"

#include <QHash>
#include <QThreadPool>

#include <mutex>
#include <vector>

class QThread;

namespace Coroscope {

/**
 * A dedicated thread pool for blocking work (the global QThreadPool has only as many threads
 * as cores). Each of its threads gets a lane of kind `pool`, so offloaded jobs show where
 * they ran and when a job had to wait for a free thread.
 */
class WorkerPool
{
public:
    WorkerPool(int threads, Recorder *recorder, const QString &name = QStringLiteral("pool"));
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    [[nodiscard]] QThreadPool *threadPool() { return &m_pool; }
    [[nodiscard]] Recorder *recorder() const { return m_recorder; }
    [[nodiscard]] int size() const { return m_pool.maxThreadCount(); }
    /// The lane of the pool thread calling this (assigned on first use).
    [[nodiscard]] LaneId laneForCurrentThread();

private:
    QThreadPool m_pool;
    Recorder *m_recorder = nullptr;
    std::mutex m_mutex;
    std::vector<LaneId> m_lanes;
    QHash<QThread *, LaneId> m_threadLanes;
};

} // namespace Coroscope
