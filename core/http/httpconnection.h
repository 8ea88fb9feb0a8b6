// SPDX-License-Identifier: MIT
#pragma once

#include "async/canceltoken.h"
#include "async/readywatcher.h"
#include "httpparser.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <coroutine>

namespace Coroscope {

class HttpConnection;

/**
 * Time limits of many connections on one timer: a min-heap of deadlines, so that starting and
 * finishing a request costs no timer (a QTimer per connection means a sorted insert into the
 * thread's timer list per request — with 10 000 connections that dominated the profile).
 * Entries are dropped lazily: each carries the request generation it was set for.
 */
class DeadlineQueue : public QObject
{
public:
    DeadlineQueue();
    void add(std::chrono::steady_clock::time_point at, HttpConnection *connection, quint64 generation);

private:
    struct Entry
    {
        std::chrono::steady_clock::time_point at;
        QPointer<HttpConnection> connection; // a connection may be gone before its deadline
        quint64 generation;
        bool operator>(const Entry &o) const { return at > o.at; }
    };
    void fire();
    void arm();
    QTimer m_timer;
    std::vector<Entry> m_heap; // std::push_heap / pop_heap with greater<>
    std::chrono::steady_clock::time_point m_armedFor = std::chrono::steady_clock::time_point::max();
};

/**
 * One keep-alive HTTP/1.1 connection over a QTcpSocket on the calling thread's event loop:
 * GET, then the status line, headers, and a body delimited by Content-Length, chunked
 * encoding or the connection closing.
 *
 * Why it exists: QNetworkAccessManager gives each manager an HTTP thread and allows 6
 * connections per host per manager in Qt 6.4, so N concurrent requests need ⌈N / 6⌉ threads;
 * measured here, that costs ~0.3 ms of CPU per request (5 000 GETs: 2.0 s, 10 000: 4.0 s for
 * a 1 s delay). This client keeps everything on the run's loop. It does plain http:// only;
 * https:// goes through QNetworkAccessManager.
 */
class HttpConnection : public QObject
{
public:
    struct Result
    {
        bool ok = false;
        int status = 0;
        QString reason;
        QByteArray body;
        QString error; ///< the socket's or the parser's message when !ok
        QString progress; ///< what had arrived when it timed out
        bool timedOut = false;
        bool cancelled = false;
        /// When the first byte of the answer (or the server's close) reached this process,
        /// as the readiness watcher saw it; default-constructed when unknown.
        std::chrono::steady_clock::time_point readyAt {};
    };

    explicit HttpConnection(DeadlineQueue *deadlines);
    ~HttpConnection() override;
    /// Called by the DeadlineQueue: fails the request of `generation` if it is still running.
    void expire(quint64 generation);

    /// Sends GET for `url` (reusing the connection when it is to the same host and still
    /// open) and resumes the awaiting coroutine when the response is complete or failed.
    class GetAwaiter;
    [[nodiscard]] GetAwaiter get(const QUrl &url, const QByteArray &extraHeaderName,
        const QByteArray &extraHeaderValue, std::chrono::milliseconds timeout, const CancelToken &token);

    [[nodiscard]] bool busy() const { return m_waiter != nullptr; }

private:
    friend class GetAwaiter;
    /// A request that ends before start() returns (a socket that cannot even be created) is
    /// resumed from the event loop afterwards: resuming inside await_suspend would destroy
    /// the awaiter while it still runs (and g++ 12 mis-destroys awaiters whose await_suspend
    /// returns false).
    void start(const QUrl &url, const QByteArray &request, std::chrono::milliseconds timeout,
        const CancelToken &token, std::coroutine_handle<> waiter, Result *result);
    void onConnected();
    void onReadyRead();
    void onClosedOrFailed();
    void settle(); ///< completes the request when the parser has finished (or failed)
    void complete(bool ok, const QString &error = {});

    QTcpSocket m_socket;
    DeadlineQueue *m_deadlines;
    quint64 m_generation = 0;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_request;
    std::coroutine_handle<> m_waiter;
    Result *m_result = nullptr;
    std::unique_ptr<CancelWatch> m_cancel;
    HttpResponseParser m_parser;
    bool m_starting = false; ///< inside start(): complete() posts the waiter's resumption
    bool m_keepAlive = true; ///< the last response allows another request on this connection
    ReadyWatch m_answer; ///< armed once the request is sent
    std::chrono::steady_clock::time_point m_readyAt {};
};

class HttpConnection::GetAwaiter
{
public:
    GetAwaiter(HttpConnection *connection, QUrl url, QByteArray request, std::chrono::milliseconds timeout,
        CancelToken token);
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle);
    Result await_resume() { return std::move(*m_result); }

private:
    HttpConnection *m_connection;
    QUrl m_url;
    QByteArray m_request;
    std::chrono::milliseconds m_timeout;
    CancelToken m_token;
    std::shared_ptr<Result> m_result = std::make_shared<Result>(); // copyable: g++ 12 copies awaiters
};

} // namespace Coroscope
