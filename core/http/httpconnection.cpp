// SPDX-License-Identifier: MIT
#include "httpconnection.h"

#include <algorithm>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// The socket's error, and for "Out of resources" (no file descriptor left) what the limit is
/// and how to raise it.
QString socketError(const QAbstractSocket &socket)
{
    if (socket.error() != QAbstractSocket::SocketResourceError) {
        return socket.errorString();
    }
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return u"%1: the open-file limit (%2) is reached — raise it with `ulimit -n` (up to the hard limit, %3) "
           "or lower the connection limit"_s.arg(socket.errorString())
        .arg(static_cast<qint64>(limit.rlim_cur))
        .arg(limit.rlim_max == RLIM_INFINITY ? u"unlimited"_s : QString::number(static_cast<qint64>(limit.rlim_max)));
}

} // namespace

DeadlineQueue::DeadlineQueue()
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineQueue::fire);
}

void DeadlineQueue::add(
    std::chrono::steady_clock::time_point at, HttpConnection *connection, quint64 generation)
{
    m_heap.push_back(Entry {at, connection, generation});
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
    if (at < m_armedFor) {
        arm();
    }
}

void DeadlineQueue::arm()
{
    if (m_heap.empty()) {
        m_timer.stop();
        m_armedFor = std::chrono::steady_clock::time_point::max();
        return;
    }
    m_armedFor = m_heap.front().at;
    const auto ms
        = std::chrono::ceil<std::chrono::milliseconds>(m_armedFor - std::chrono::steady_clock::now());
    m_timer.start(std::max(ms, std::chrono::milliseconds(0)));
}

void DeadlineQueue::fire()
{
    const auto now = std::chrono::steady_clock::now();
    std::vector<Entry> due;
    while (!m_heap.empty() && m_heap.front().at <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        due.push_back(m_heap.back());
        m_heap.pop_back();
    }
    arm();
    for (const Entry &e : due) {
        if (e.connection) {
            e.connection->expire(e.generation); // ignored unless that very request is still running
        }
    }
}

HttpConnection::HttpConnection(DeadlineQueue *deadlines)
    : m_deadlines(deadlines)
{
    connect(&m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onClosedOrFailed);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError) {
            onClosedOrFailed();
        }
    });
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void HttpConnection::expire(quint64 generation)
{
    if (generation != m_generation || !m_waiter) {
        return;
    }
    if (m_result) {
        m_result->timedOut = true;
    }
    complete(false, u"timed out"_s);
}

HttpConnection::~HttpConnection()
{
    m_answer.disarm();
    m_cancel.reset();
    m_socket.disconnect(this);
    m_socket.abort();
}

HttpConnection::GetAwaiter HttpConnection::get(const QUrl &url, const QByteArray &extraHeaderName,
    const QByteArray &extraHeaderValue, std::chrono::milliseconds timeout, const CancelToken &token)
{
    QByteArray request = httpGetRequest(url, true, extraHeaderName, extraHeaderValue);
    return GetAwaiter(this, url, std::move(request), timeout, token);
}

HttpConnection::GetAwaiter::GetAwaiter(HttpConnection *connection, QUrl url, QByteArray request,
    std::chrono::milliseconds timeout, CancelToken token)
    : m_connection(connection)
    , m_url(std::move(url))
    , m_request(std::move(request))
    , m_timeout(timeout)
    , m_token(std::move(token))
{ }

void HttpConnection::GetAwaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_connection->start(m_url, m_request, m_timeout, m_token, handle, m_result.get());
}

void HttpConnection::start(const QUrl &url, const QByteArray &request, std::chrono::milliseconds timeout,
    const CancelToken &token, std::coroutine_handle<> waiter, Result *result)
{
    m_starting = true;
    m_waiter = waiter;
    m_result = result;
    m_request = request;
    m_parser = HttpResponseParser();
    m_deadlines->add(std::chrono::steady_clock::now() + timeout, this, ++m_generation);
    m_cancel = std::make_unique<CancelWatch>(token, this, [this] {
        if (m_result) {
            m_result->cancelled = true;
        }
        complete(false, u"cancelled"_s);
    });
    const QString host = url.host();
    const auto port = static_cast<quint16>(url.port(80));
    const bool reuse = m_socket.state() == QAbstractSocket::ConnectedState && m_keepAlive && host == m_host
        && port == m_port;
    m_readyAt = {};
    if (reuse) {
        m_socket.write(m_request);
        m_socket.flush(); // now, not on the next loop pass through the write notifier
        m_answer.arm(static_cast<int>(m_socket.socketDescriptor()));
    } else {
        if (m_socket.state() != QAbstractSocket::UnconnectedState) {
            m_socket.abort();
        }
        m_host = host;
        m_port = port;
        m_keepAlive = true;
        QHostAddress address;
        // Either may fail at once (no descriptor left): complete() then posts the resumption.
        if (address.setAddress(host)) {
            m_socket.connectToHost(address, port); // no name lookup for an IP address
        } else {
            m_socket.connectToHost(host, port); // Qt resolves asynchronously
        }
    }
    m_starting = false;
}

void HttpConnection::onConnected()
{
    if (m_waiter) {
        m_socket.write(m_request);
        m_socket.flush(); // now, not on the next loop pass through the write notifier
        m_answer.arm(static_cast<int>(m_socket.socketDescriptor()));
    }
}

void HttpConnection::onReadyRead()
{
    const QByteArray data = m_socket.readAll();
    if (m_answer.armed() && !data.isEmpty()) {
        m_readyAt = m_answer.take(std::chrono::steady_clock::now());
    }
    if (m_waiter) {
        m_parser.feed(data);
        settle();
    }
}

void HttpConnection::onClosedOrFailed()
{
    if (!m_waiter) {
        return;
    }
    m_parser.feed(m_socket.readAll());
    if (m_parser.state() != HttpResponseParser::State::NeedMore) {
        settle();
        return;
    }
    const bool closedByServer
        = m_socket.error() == QAbstractSocket::RemoteHostClosedError || m_socket.errorString().isEmpty();
    if (closedByServer || m_parser.headersDone()) {
        // A close ends a body that has no length; anything else was cut short.
        m_parser.closed();
        settle();
        return;
    }
    complete(false, socketError(m_socket));
}

void HttpConnection::settle()
{
    switch (m_parser.state()) {
    case HttpResponseParser::State::NeedMore:
        return;
    case HttpResponseParser::State::Failed:
        complete(false, m_parser.error());
        return;
    case HttpResponseParser::State::Complete:
        m_result->status = m_parser.status();
        m_result->reason = m_parser.reason();
        m_result->body = m_parser.takeBody();
        // Bytes after the response on a connection we did not pipeline on: do not reuse it.
        m_keepAlive = m_parser.keepAlive() && m_parser.extraBytes() == 0;
        complete(true);
        return;
    }
}

void HttpConnection::complete(bool ok, const QString &error)
{
    if (!m_waiter) {
        return;
    }
    // Take the waiter first: aborting the socket below emits disconnected() synchronously.
    const auto waiter = std::exchange(m_waiter, {});
    Result *result = std::exchange(m_result, nullptr);
    ++m_generation; // its deadline no longer applies
    m_cancel.reset();
    result->ok = ok;
    result->error = error;
    // A close or reset that ended it counts as its answer; a timeout or a cancel has none.
    result->readyAt = m_readyAt != std::chrono::steady_clock::time_point {} ? m_readyAt : m_answer.take();
    m_readyAt = {};
    result->progress = m_parser.progress();
    if (!ok || !m_keepAlive) {
        m_keepAlive = false;
        m_socket.abort();
    }
    m_parser = HttpResponseParser();
    if (m_starting) {
        // Still inside await_suspend: resume once it has returned, from this loop.
        QMetaObject::invokeMethod(this, [waiter] { waiter.resume(); }, Qt::QueuedConnection);
        return;
    }
    waiter.resume(); // may start the next request on this very connection
}

} // namespace Coroscope
