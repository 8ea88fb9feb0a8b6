// SPDX-License-Identifier: MIT
#pragma once

#include "async/canceltoken.h"
#include "async/errors.h"
#include "async/trace.h"

#include <QByteArray>
#include <QCoro/QCoroTask>
#include <QUrl>

#include <chrono>
#include <coroutine>
#include <deque>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace Coroscope {

class HttpConnection;
class DeadlineQueue;

/// A finished HTTP exchange.
struct HttpResponse
{
    int status = 0;
    QString reason;
    QByteArray body;
    /// When the embedded delay server answered (its body's steady-clock stamp), or unknown.
    std::chrono::steady_clock::time_point serverAnswered {};
    /// When the answer's first byte reached this process (the readiness watcher), or unknown.
    std::chrono::steady_clock::time_point arrived {};
};

/// An HTTP failure; the message names the method, the URL and what went wrong.
class HttpError : public Error
{
public:
    using Error::Error;
};

/// "GET http://127.0.0.1:8000/?delay=3": the URL with the delay passed as the seeds do
/// (`?delay=S`, or `&delay=S` when the URL has a query already).
[[nodiscard]] QUrl withDelay(const QUrl &base, double seconds);
/// Empty when `text` is an http(s) URL with a host; otherwise why not.
[[nodiscard]] QString checkHttpUrl(const QString &text);

/**
 * Asynchronous HTTP client over QNetworkAccessManager and QCoro, on the calling thread's
 * event loop (the seeds' httpx.AsyncClient).
 *
 * At most `limit` requests are in flight (httpx's default is 100); more wait for a slot —
 * recorded as an `acquire` span. Each slot is a keep-alive connection. http:// requests go
 * through HttpConnection on this thread's loop; https:// through QNetworkAccessManager,
 * which Qt 6.4 limits to 6 connections per host per manager, so the client spreads those
 * slots over ⌈limit / 6⌉ managers (each with an HTTP thread of its own: see HttpConnection
 * for the measurements that made plain HTTP bypass it). Each request records an `http` span
 * (method and path, then status and size), ready when the embedded server answered. A
 * timeout, a cancelled token (the reply is aborted), a network error or an HTTP error
 * status end the span red and throw HttpError / Cancelled.
 */
class AsyncHttpClient
{
public:
    struct Options
    {
        int limit = 100;
        std::chrono::milliseconds timeout {30'000};
        QByteArray runTag; ///< sent as X-Coroscope-Run so the embedded server records it
    };

    AsyncHttpClient(Options options, CancelToken token);
    ~AsyncHttpClient();
    AsyncHttpClient(const AsyncHttpClient &) = delete;
    AsyncHttpClient &operator=(const AsyncHttpClient &) = delete;

    QCoro::Task<HttpResponse> get(QUrl url, Trace trace = {});

    [[nodiscard]] int inFlight() const { return m_inFlight; }
    [[nodiscard]] int waiting() const { return static_cast<int>(m_waiters.size()); }
    [[nodiscard]] int managerCount() const { return static_cast<int>(m_managers.size()); }
    [[nodiscard]] int connectionCount() const;
    static constexpr int kConnectionsPerManager = 6;

private:
    struct Waiter;
    class SlotAwaiter;
    QCoro::Task<int> acquireSlot(Trace trace);
    void releaseSlot(int slot);
    QNetworkAccessManager *managerFor(int slot);
    HttpConnection &connectionFor(int slot);
    QCoro::Task<HttpResponse> getViaManager(QUrl url, int slot);

    Options m_options;
    CancelToken m_token;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<std::unique_ptr<HttpConnection>> m_connections;
    std::unique_ptr<DeadlineQueue> m_deadlines;
    std::vector<int> m_freeSlots;
    std::deque<Waiter *> m_waiters;
    int m_inFlight = 0;
};

/**
 * A blocking GET that holds the calling thread until the answer is in (the seeds' httpx.get).
 * http:// goes over a socket of its own (Connection: close): `timeout` covers the whole
 * exchange and is the time its message names; a cancel from any thread ends the wait at once
 * (the span ends `cancelled` then); a response cut short, a server that stops after the
 * headers, or one that answers garbage is an HttpError naming the URL and what was missing.
 * https:// uses QNetworkAccessManager's synchronous mode, which cannot be interrupted.
 * Records an `http` span flagged blocking.
 */
HttpResponse blockingGet(const QUrl &url, std::chrono::milliseconds timeout, const CancelToken &token,
    const Trace &trace = {}, const QByteArray &runTag = {});

} // namespace Coroscope
