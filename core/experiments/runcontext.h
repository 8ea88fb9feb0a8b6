// SPDX-License-Identifier: MIT
#pragma once

#include "async/canceltoken.h"
#include "async/sleep.h"
#include "async/trace.h"
#include "params.h"
#include "timeline/recorder.h"

#include <QCoro/QCoroTask>

#include <QByteArray>
#include <QUrl>
#include <chrono>

#include <memory>
#include <vector>

namespace Coroscope {

class WorkerPool;
class AsyncHttpClient;
class DelayServer;
struct HttpResponse;

/**
 * What an experiment's coroutine gets: its parameters, the run's recorder and cancel token,
 * and recording helpers for the steps every experiment uses. Lives on the run's thread.
 */
class RunContext
{
public:
    RunContext(std::shared_ptr<Recorder> recorder, CancelToken token, Params params);
    ~RunContext();
    RunContext(const RunContext &) = delete;
    RunContext &operator=(const RunContext &) = delete;

    [[nodiscard]] Recorder &recorder() const { return m_recorder; }
    [[nodiscard]] const CancelToken &token() const { return m_token; }
    [[nodiscard]] const Params &params() const { return m_params; }
    /// The base delay D in seconds (every experiment's `delay` parameter).
    [[nodiscard]] double delay() const { return m_params.number(u"delay"); }

    /// Adds a lane for a task (shown top to bottom in the order added).
    LaneId addTask(const QString &name);
    [[nodiscard]] Trace trace(LaneId lane, QStringView name, QStringView detail = {}) const;

    /// asyncio.sleep(seconds): a precise timer wait, recorded as a `sleep` span.
    QCoro::Task<> sleep(LaneId lane, const QString &name, double seconds, const QString &detail = {});
    /// time.sleep(seconds): blocks this thread (and so the loop), recorded as `blocking`.
    void blockingSleep(LaneId lane, const QString &name, double seconds, const QString &detail = {});

    /// co_await task, recorded as a `wait` span on `lane` (ready when the task finished).
    template<typename T> QCoro::Task<T> await(LaneId lane, const QString &name, QCoro::Task<T> &task)
    {
        const Trace t = trace(lane, name);
        const SpanId span = t.begin(SpanKind::Wait);
        try {
            if constexpr (std::is_void_v<T>) {
                co_await task;
                t.end(span, {.readyNs = m_recorder.now()});
            } else {
                T value = co_await task;
                t.end(span, {.readyNs = m_recorder.now()});
                co_return value;
            }
        } catch (...) {
            t.endWithError(span, std::current_exception());
            throw;
        }
    }

    /// asyncio.create_task's start: co_awaited first thing in a task body, the task first runs
    /// on a later turn of the loop, once its creator yields (a QCoro task starts eagerly, inside
    /// the call that creates it). Recorded as a `wait` span "scheduled by create_task" that is
    /// ready at once, so a loop held meanwhile shows as the task waiting for it.
    QCoro::Task<> scheduled(LaneId lane);

    /// An instant event on a lane (a print, a result).
    void mark(LaneId lane, const QString &name, const QString &detail = {});

    /// A dedicated pool for blocking work, created on first use with `threads` threads;
    /// its threads get lanes of kind `pool`.
    WorkerPool &workerPool(int threads);

    [[nodiscard]] static std::chrono::nanoseconds toDuration(double seconds);

    // ---- HTTP ---------------------------------------------------------------------------
    /// The base URL of HTTP experiments: the `url` parameter, or the embedded delay server
    /// (started if needed; its requests from this run then appear on a "delay server" lane).
    [[nodiscard]] QUrl httpBase();
    /// `httpBase()` with `?delay=seconds`.
    [[nodiscard]] QUrl delayUrl(double seconds);
    /// This run's async client (created on first use; `limit` connections at most).
    AsyncHttpClient &httpClient(int limit = 100);
    /// httpx.get(url): a GET that holds this thread until the answer is in.
    HttpResponse blockingGet(LaneId lane, const QUrl &url);
    /// Records the requests of `server` from this run on a lane named `laneName`. The server
    /// must outlive the run (the process-wide ones do).
    void watchServer(DelayServer &server, const QString &laneName);
    /// The PostgreSQL connection string of this run (Postgres::conninfo()); throws if there is none.
    [[nodiscard]] QString postgresDsn() const;
    /// Keeps an object alive until the run ends (e.g. a session handed out by a scope).
    void keepAlive(std::shared_ptr<void> object) { m_keptAlive.push_back(std::move(object)); }
    /// Tag sent with this run's requests so a delay server can tell them apart.
    [[nodiscard]] const QByteArray &runTag() const { return m_runTag; }
    static constexpr std::chrono::seconds kHttpTimeout {90};

private:
    std::shared_ptr<Recorder> m_recorderPtr;
    Recorder &m_recorder;
    CancelToken m_token;
    Params m_params;
    std::unique_ptr<WorkerPool> m_pool;
    QByteArray m_runTag;
    std::unique_ptr<AsyncHttpClient> m_httpClient;
    std::vector<DelayServer *> m_watchedServers;
    std::vector<std::shared_ptr<void>> m_keptAlive;
};

} // namespace Coroscope
