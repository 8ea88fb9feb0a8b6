// SPDX-License-Identifier: MIT
#pragma once

#include "async/canceltoken.h"
#include "async/errors.h"
#include "async/trace.h"
#include "conninfo.h"

#include <QCoro/QCoroTask>
#include <QStringList>

#include <chrono>
#include <coroutine>
#include <functional>
#include <memory>

struct pg_conn;
typedef struct pg_conn PGconn;
class QSocketNotifier;

namespace Coroscope {

/// A PostgreSQL failure: the message names the server (DSN without its password) and says
/// what went wrong; `sqlstate` is the SQLSTATE code when the server sent one.
class PgError : public Error
{
public:
    explicit PgError(QString message, QString sqlstate = {})
        : Error(std::move(message))
        , m_sqlstate(std::move(sqlstate))
    { }
    [[nodiscard]] const QString &sqlstate() const { return m_sqlstate; }

private:
    QString m_sqlstate;
};

/// What a query returned: its rows as text, and the command tag.
struct PgResult
{
    QStringList columns;
    QList<QStringList> rows;
    QString command; ///< e.g. "SELECT 1"
};

/**
 * An asynchronous libpq connection on the calling thread's event loop (psycopg's
 * AsyncConnection). Connecting uses PQconnectStart/PQconnectPoll; queries
 * PQsendQueryParams (parameters are always bound, never spliced into SQL) in non-blocking
 * mode, with PQflush/PQconsumeInput/PQgetResult driven by QSocketNotifiers that resume the
 * coroutine directly. A cancel sends PQcancel from another thread (it blocks), waits for the
 * server to stop the query, and throws Cancelled. Spans: `connect`, and `db` per query.
 */
class PgConnection
{
public:
    explicit PgConnection(
        CancelToken token, std::chrono::milliseconds connectTimeout = std::chrono::seconds(10));
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    QCoro::Task<> connect(QString conninfo, Trace trace = {});
    QCoro::Task<PgResult> query(QString sql, QStringList params = {}, Trace trace = {});
    /// Closes the connection; later queries fail with "the connection is closed".
    void close();
    /// Closes now, or as soon as the running query has finished (what leaving psycopg's
    /// `async with conn` does: it waits for the connection's lock, then closes).
    void closeWhenIdle();
    [[nodiscard]] bool isOpen() const { return m_conn != nullptr; }
    /// Open and, as far as libpq knows without a round trip, still connected (a query that
    /// found the server gone leaves the connection open but broken).
    [[nodiscard]] bool isHealthy() const;
    /// An identifier (a role, a table) quoted for SQL with PQescapeIdentifier — identifiers
    /// cannot be bound as parameters. Throws if not connected.
    [[nodiscard]] QString quoteIdentifier(const QString &name) const;
    /// The server's process id for this session (pg_terminate_backend), or 0.
    [[nodiscard]] int backendPid() const;
    [[nodiscard]] const QString &server() const { return m_server; }

    class SocketAwaiter;

private:
    friend class SocketAwaiter;
    void watchSocket();
    SocketAwaiter waitFor(bool write, std::chrono::steady_clock::time_point deadline);
    void sendCancel();
    void spinForAnswer();
    [[nodiscard]] PgError lastError(const QString &what) const;

    PGconn *m_conn = nullptr;
    CancelToken m_token;
    std::chrono::milliseconds m_connectTimeout;
    QString m_server;
    QString m_conninfo; ///< kept only to scrub libpq's messages of its secrets
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    std::coroutine_handle<> m_waiter;
    /// Set while a SocketAwaiter is suspended: makes its timer, notifier and cancel watch
    /// inert, for a close() that comes while it waits (see close()).
    std::function<void()> m_disarmWaiter;
    bool m_busy = false;
    bool m_closeWhenIdle = false;
};

/**
 * A blocking libpq connection (psycopg's sync Connection): PQconnectdb and PQexecParams hold
 * the calling thread. A cancel interrupts a running query with PQcancel from another thread.
 * Spans are flagged blocking.
 */
class PgBlockingConnection
{
public:
    explicit PgBlockingConnection(CancelToken token);
    ~PgBlockingConnection();
    PgBlockingConnection(const PgBlockingConnection &) = delete;
    PgBlockingConnection &operator=(const PgBlockingConnection &) = delete;

    void connect(const QString &conninfo, const Trace &trace = {});
    PgResult query(const QString &sql, const QStringList &params = {}, const Trace &trace = {});
    void close();
    [[nodiscard]] bool isOpen() const { return m_conn != nullptr; }

private:
    PGconn *m_conn = nullptr;
    CancelToken m_token;
    QString m_server;
};

} // namespace Coroscope
