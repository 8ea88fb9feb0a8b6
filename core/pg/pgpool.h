// SPDX-License-Identifier: MIT
#pragma once

#include "pgconnection.h"

#include <QCoro/QCoroTask>

#include <chrono>
#include <functional>
#include <memory>

namespace Coroscope {

struct PgPoolOptions
{
    QString conninfo;
    int minSize = 0; ///< connections opened by open() and kept
    int maxSize = 4; ///< connections at most; more tasks wait (an `acquire` span)
    std::chrono::milliseconds acquireTimeout {std::chrono::seconds(30)};
    int maxWaiting = 0; ///< tasks allowed to wait for a connection at once; 0 = no limit
    /// Checks a reused connection with a round trip before handing it out and replaces it when
    /// the server has dropped it (SQLAlchemy's pool_pre_ping).
    bool prePing = false;
    /// Runs on every checkout, after the health check (the seed's set_role callback). Its
    /// queries should use the Trace it gets: they show as `setup` spans on the task's lane.
    std::function<QCoro::Task<>(PgConnection &, Trace)> setup;
    /// Run when a connection comes back, before anyone else gets it, e.g. "RESET ROLE"
    /// (RESET ALL does not undo SET ROLE). A connection whose reset fails is discarded.
    QString resetSql;
    QString name = QStringLiteral("pool");
    std::chrono::milliseconds connectTimeout {std::chrono::seconds(10)};
    /// A connect that fails for a reason that may pass (the server refused, is starting up or
    /// shutting down, dropped the connection, did not answer) is tried again this many times,
    /// after reconnectBackoff, then twice that, and so on (a `reconnecting` mark on the lane
    /// each time). Wrong passwords, missing databases and bad strings fail at once.
    int reconnectAttempts = 5;
    std::chrono::milliseconds reconnectBackoff {100};
};

struct PgPoolStats
{
    int size = 0; ///< connections open or opening
    int inUse = 0; ///< checked out (or being set up / reset)
    int idle = 0;
    int waiting = 0; ///< tasks waiting for a connection
    int created = 0; ///< connections opened so far
    int lost = 0; ///< connections found dead (health check, or broken while in use) and replaced
    int reconnects = 0; ///< connect attempts repeated after a failure that might pass
    int checkouts = 0;
};

/**
 * An asynchronous connection pool on the calling thread's event loop (psycopg's
 * AsyncConnectionPool). acquire() hands out an idle connection, opens a new one while fewer
 * than maxSize exist, or waits — recorded as an `acquire` span — until one comes back, up to
 * acquireTimeout. Each checkout runs the health check and the setup callback; each return runs
 * resetSql. With a recorder, every pooled connection gets a lane (kind `connection`) showing
 * when it was opened, checked out and by whom, reset and lost.
 *
 *     PgPool pool({.conninfo = dsn, .maxSize = 2, .setup = setRole, .resetSql = u"RESET ROLE"_s}, token,
 * rec);
 *     {
 *         PgPool::Lease conn = co_await pool.acquire(trace); // async with pool.connection() as conn:
 *         co_await conn->query(sql, params, trace);
 *     } // given back: RESET ROLE, then idle or handed to the next waiting task
 *     co_await pool.close();
 *
 * Leases must be given back on the pool's thread; the pool may be destroyed first (connections
 * coming back later are closed).
 */
class PgPool
{
    struct Impl;

public:
    PgPool(PgPoolOptions options, CancelToken token, Recorder *recorder = nullptr);
    /// Closes every idle connection and fails waiting tasks; see close().
    ~PgPool();
    PgPool(const PgPool &) = delete;
    PgPool &operator=(const PgPool &) = delete;

    /// A checked-out connection; giving it back (destruction or release()) resets it.
    class Lease
    {
    public:
        Lease() = default;
        Lease(Lease &&other) noexcept;
        Lease &operator=(Lease &&other) noexcept;
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;

        [[nodiscard]] PgConnection &operator*() const;
        [[nodiscard]] PgConnection *operator->() const { return &**this; }
        [[nodiscard]] explicit operator bool() const { return m_impl != nullptr; }
        /// Gives the connection back and waits until it has been reset.
        QCoro::Task<> release();

    private:
        friend class PgPool;
        Lease(std::shared_ptr<Impl> impl, int slot);
        std::shared_ptr<Impl> m_impl;
        int m_slot = -1;
    };

    /// Opens minSize connections (concurrently) before the first checkout.
    QCoro::Task<> open();
    /// A connection for `trace`'s task: throws PgError when none comes within acquireTimeout,
    /// when maxWaiting tasks wait already, or when the pool is closed; Cancelled on cancel.
    QCoro::Task<Lease> acquire(Trace trace = {});
    /// Stops handing out connections, fails waiting tasks with "the pool is closed", waits for
    /// the checked-out connections to come back and closes everything.
    QCoro::Task<> close();
    [[nodiscard]] PgPoolStats stats() const;
    /// The server process ids of the idle connections (pg_terminate_backend), oldest first.
    [[nodiscard]] QList<int> idleBackendPids() const;
    [[nodiscard]] const PgPoolOptions &options() const;

private:
    std::shared_ptr<Impl> d;
};

} // namespace Coroscope
