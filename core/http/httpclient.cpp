// SPDX-License-Identifier: MIT
#include "httpclient.h"

#include "async/errors.h"
#include "delayserver.h"
#include "httpconnection.h"
#include "httpparser.h"

#include <QCoro/QCoroNetworkReply>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace Coroscope {

namespace {

QString shortTarget(const QUrl &url)
{
    QString target = url.path().isEmpty() ? u"/"_s : url.path();
    if (url.hasQuery()) {
        target += u'?' + url.query(QUrl::FullyDecoded);
    }
    return u"GET "_s + target;
}

QNetworkRequest makeRequest(const QUrl &url, std::chrono::milliseconds timeout, const QByteArray &runTag)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, u"Coroscope"_s);
    if (!runTag.isEmpty()) {
        request.setRawHeader(QByteArray(DelayServer::kRunHeader), runTag);
    }
    return request;
}

/// Status, reason and body into a response: an error status throws HttpError naming the URL;
/// the embedded server's answer time is read from its body.
HttpResponse makeResponse(int status, QString reason, QByteArray body, const QUrl &url)
{
    HttpResponse response;
    response.status = status;
    response.reason = printable(reason, 200); // servers' text, shown in terminals and CSV
    response.body = std::move(body);
    if (response.body.size() < 4096 && response.body.startsWith('{')) {
        const auto o = QJsonDocument::fromJson(response.body).object();
        if (o.contains(u"answered_steady_ns"_s)) {
            response.serverAnswered = Clock::time_point(std::chrono::duration_cast<Clock::duration>(
                std::chrono::nanoseconds(static_cast<qint64>(o.value(u"answered_steady_ns"_s).toDouble()))));
        }
    }
    if (response.status >= 400) {
        QString message
            = u"GET %1: HTTP %2 %3"_s.arg(url.toDisplayString()).arg(response.status).arg(response.reason);
        const auto o = QJsonDocument::fromJson(response.body).object();
        if (o.contains(u"error"_s)) {
            message += u" — "_s + printable(o.value(u"error"_s).toString());
        }
        throw HttpError(message);
    }
    return response;
}

QString timedOut(const QUrl &url, std::chrono::milliseconds timeout)
{
    return u"GET %1: timed out after %2 s"_s.arg(url.toDisplayString())
        .arg(std::chrono::duration<double>(timeout).count());
}

/// A finished QNetworkReply into a response, or an error naming the URL.
HttpResponse finish(QNetworkReply *reply, const QUrl &url, std::chrono::milliseconds timeout, bool cancelled)
{
    if (cancelled) {
        throw Cancelled(u"cancelled: GET %1"_s.arg(url.toDisplayString()));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    if (status == 0
        && (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)) {
        throw HttpError(timedOut(url, timeout));
    }
    if (status == 0 && error != QNetworkReply::NoError) {
        throw HttpError(u"GET %1: %2"_s.arg(url.toDisplayString(), reply->errorString()));
    }
    return makeResponse(status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
        reply->isOpen() ? reply->readAll() : QByteArray(), url);
}

/// A finished HttpConnection exchange into a response, or an error naming the URL.
HttpResponse finish(HttpConnection::Result &&r, const QUrl &url, std::chrono::milliseconds timeout)
{
    if (r.cancelled) {
        throw Cancelled(u"cancelled: GET %1"_s.arg(url.toDisplayString()));
    }
    if (r.timedOut) {
        throw HttpError(timedOut(url, timeout) + u" (got "_s + r.progress + u')');
    }
    if (!r.ok) {
        throw HttpError(u"GET %1: %2"_s.arg(url.toDisplayString(), r.error));
    }
    return makeResponse(r.status, std::move(r.reason), std::move(r.body), url);
}

/// When the answer arrived: as the readiness watcher saw it, else as the embedded server
/// stamped it, else unknown.
qint64 readyNsOf(const Recorder &rec, Clock::time_point arrived, Clock::time_point serverAnswered)
{
    if (arrived != Clock::time_point {}) {
        return rec.toNs(arrived);
    }
    return serverAnswered != Clock::time_point {} ? rec.toNs(serverAnswered) : kUnknownTime;
}

void endSpan(const Trace &trace, SpanId span, const HttpResponse &response)
{
    if (!trace.recorder) {
        return;
    }
    Recorder &rec = *trace.recorder;
    const qint64 ready = readyNsOf(rec, response.arrived, response.serverAnswered);
    rec.end(span,
        {.detail = rec.intern(
             u"%1 %2 · %3 bytes"_s.arg(response.status).arg(response.reason).arg(response.body.size())),
            .readyNs = ready});
}

} // namespace

QUrl withDelay(const QUrl &base, double seconds)
{
    QUrl url = base;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"delay"_s);
    query.addQueryItem(u"delay"_s, QString::number(seconds, 'g', 10));
    url.setQuery(query);
    if (url.path().isEmpty()) {
        url.setPath(u"/"_s);
    }
    return url;
}

QString checkHttpUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid()) {
        return u"'%1' is not a valid URL: %2"_s.arg(text, url.errorString());
    }
    if (url.scheme() != u"http" && url.scheme() != u"https") {
        return u"'%1' is not an http:// or https:// URL"_s.arg(text);
    }
    if (url.host().isEmpty()) {
        return u"'%1' has no host"_s.arg(text);
    }
    return {};
}

// ---- AsyncHttpClient --------------------------------------------------------------------

struct AsyncHttpClient::Waiter
{
    std::coroutine_handle<> handle;
    int slot = -1;
    bool cancelled = false;
};

/// Suspends until releaseSlot() hands this waiter a slot, or the token is cancelled.
/// Copyable on purpose: g++ 12 copies awaiters in co_await expressions.
class AsyncHttpClient::SlotAwaiter
{
public:
    SlotAwaiter(AsyncHttpClient *client, Waiter *waiter)
        : m_client(client)
        , m_waiter(waiter)
    { }
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle)
    {
        m_waiter->handle = handle;
        m_client->m_waiters.push_back(m_waiter);
        m_context = std::make_shared<QObject>();
        AsyncHttpClient *client = m_client;
        Waiter *waiter = m_waiter;
        m_watch = std::make_shared<CancelWatch>(m_client->m_token, m_context.get(), [client, waiter] {
            auto &waiters = client->m_waiters;
            const auto it = std::find(waiters.begin(), waiters.end(), waiter);
            if (it != waiters.end()) {
                waiters.erase(it);
                waiter->cancelled = true;
                waiter->handle.resume();
            }
        });
    }
    void await_resume()
    {
        m_watch.reset();
        if (m_waiter->cancelled) {
            throw Cancelled();
        }
    }

private:
    AsyncHttpClient *m_client;
    Waiter *m_waiter;
    std::shared_ptr<QObject> m_context;
    std::shared_ptr<CancelWatch> m_watch;
};

AsyncHttpClient::AsyncHttpClient(Options options, CancelToken token)
    : m_options(std::move(options))
    , m_token(std::move(token))
{
    raiseOpenFileLimit();
    m_options.limit = std::max(1, m_options.limit);
    m_freeSlots.reserve(static_cast<std::size_t>(m_options.limit));
    for (int slot = m_options.limit - 1; slot >= 0; --slot) {
        m_freeSlots.push_back(slot); // hand out slot 0 first: fill one manager before the next
    }
}

AsyncHttpClient::~AsyncHttpClient()
{
    // The last response often completes inside its own socket's readyRead() (or its reply's
    // finished()) signal, and the coroutine that owns this client may finish right there:
    // let the event loop delete them once those signals have returned.
    for (auto &connection : m_connections) {
        if (connection) {
            connection.release()->deleteLater();
        }
    }
    for (auto &manager : m_managers) {
        if (manager) {
            manager.release()->deleteLater();
        }
    }
    if (m_deadlines) {
        m_deadlines.release()->deleteLater(); // after the connections (posted first)
    }
}

QNetworkAccessManager *AsyncHttpClient::managerFor(int slot)
{
    const auto index = static_cast<std::size_t>(slot / kConnectionsPerManager);
    if (m_managers.size() <= index) {
        m_managers.resize(index + 1);
    }
    if (!m_managers[index]) {
        m_managers[index] = std::make_unique<QNetworkAccessManager>();
        m_managers[index]->setAutoDeleteReplies(false);
    }
    return m_managers[index].get();
}

QCoro::Task<int> AsyncHttpClient::acquireSlot(Trace trace)
{
    if (!m_freeSlots.empty()) {
        const int slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        co_return slot;
    }
    Waiter waiter;
    Recorder *rec = trace.recorder;
    const SpanId span = rec
        ? rec->begin(trace.lane, rec->intern(u"waiting for a connection"), SpanKind::Acquire,
            rec->intern(u"all %1 connections in use"_s.arg(m_options.limit)))
        : 0;
    try {
        co_await SlotAwaiter(this, &waiter);
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
    if (rec) {
        // A released slot resumes its waiter at once, inside the release: ready = now.
        rec->end(span, {.readyNs = rec->now()});
    }
    co_return waiter.slot;
}

void AsyncHttpClient::releaseSlot(int slot)
{
    if (!m_waiters.empty()) {
        Waiter *next = m_waiters.front();
        m_waiters.pop_front();
        next->slot = slot;
        next->handle.resume();
        return;
    }
    m_freeSlots.push_back(slot);
}

int AsyncHttpClient::connectionCount() const
{
    return static_cast<int>(std::count_if(
        m_connections.begin(), m_connections.end(), [](const auto &c) { return c != nullptr; }));
}

HttpConnection &AsyncHttpClient::connectionFor(int slot)
{
    const auto index = static_cast<std::size_t>(slot);
    if (m_connections.size() <= index) {
        m_connections.resize(index + 1);
    }
    if (!m_connections[index]) {
        if (!m_deadlines) {
            m_deadlines = std::make_unique<DeadlineQueue>();
        }
        m_connections[index] = std::make_unique<HttpConnection>(m_deadlines.get());
    }
    return *m_connections[index];
}

QCoro::Task<HttpResponse> AsyncHttpClient::getViaManager(QUrl url, int slot)
{
    QNetworkAccessManager *manager = managerFor(slot);
    // deleteLater: the coroutine resumes inside the reply's finished() signal.
    const auto later = [](QNetworkReply *r) { r->deleteLater(); };
    std::unique_ptr<QNetworkReply, decltype(later)> reply(
        manager->get(makeRequest(url, m_options.timeout, m_options.runTag)), later);
    bool cancelled = false;
    QNetworkReply *raw = reply.get();
    std::optional<CancelWatch> watch;
    watch.emplace(m_token, raw, [raw, &cancelled] {
        cancelled = true;
        raw->abort();
    });
    co_await raw; // QCoro: resumes when the reply has finished
    watch.reset();
    co_return finish(raw, url, m_options.timeout, cancelled);
}

QCoro::Task<HttpResponse> AsyncHttpClient::get(QUrl url, Trace trace)
{
    const int slot = co_await acquireSlot(trace);
    ++m_inFlight;
    Recorder *rec = trace.recorder;
    const SpanId span = rec ? rec->begin(trace.lane, rec->intern(shortTarget(url)), SpanKind::Http,
                            rec->intern(url.toDisplayString()))
                            : 0;
    std::optional<HttpResponse> response;
    std::exception_ptr error;
    Clock::time_point arrived {}; // unknown through QNetworkAccessManager (its own thread reads)
    try {
        if (url.scheme() == u"http") {
            HttpConnection::Result result = co_await connectionFor(slot).get(
                url, QByteArray(DelayServer::kRunHeader), m_options.runTag, m_options.timeout, m_token);
            arrived = result.readyAt;
            response = finish(std::move(result), url, m_options.timeout);
            response->arrived = arrived;
        } else {
            response = co_await getViaManager(url, slot);
        }
        endSpan(trace, span, *response);
    } catch (...) {
        error = std::current_exception();
        trace.endWithError(span, error, rec ? readyNsOf(*rec, arrived, {}) : kUnknownTime);
    }
    --m_inFlight;
    // This request's span has ended before the slot goes to the next waiter.
    releaseSlot(slot);
    if (error) {
        std::rethrow_exception(error);
    }
    co_return std::move(*response);
}

// ---- blocking ---------------------------------------------------------------------------

namespace {

/// A file descriptor closed on scope exit.
struct Fd
{
    int fd = -1;
    explicit Fd(int f)
        : fd(f)
    { }
    ~Fd()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
};

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(std::chrono::duration<double>(ms).count(), 'g', 6);
}

/// Plain http:// on a socket of its own, holding the calling thread (httpx.get): the timeout
/// covers the whole exchange (connect, request, answer); a cancel wakes the wait at once
/// through an eventfd, from whichever thread cancels.
HttpResponse blockingExchange(
    const QUrl &url, std::chrono::milliseconds timeout, const CancelToken &token, const QByteArray &runTag)
{
    const QString where = u"GET "_s + url.toDisplayString();
    const auto deadline = Clock::now() + timeout;
    Fd wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (wake.fd < 0) {
        throw HttpError(u"%1: cannot wait for the answer: %2"_s.arg(where, QString::fromLocal8Bit(strerror(errno))));
    }
    const int wakeFd = wake.fd;
    const auto registration = token.onCancel([wakeFd] {
        const quint64 one = 1;
        [[maybe_unused]] const auto n = ::write(wakeFd, &one, sizeof one);
    });
    const auto cancelled = [&] { return Cancelled(u"cancelled: "_s + where); };
    const auto timedOutWith = [&](const QString &got) {
        return HttpError(u"%1: timed out after %2 s (%3)"_s.arg(where, seconds(timeout), got));
    };

    // Resolving holds the thread as httpx does; an address needs no lookup.
    const QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    const QByteArray port = QByteArray::number(url.port(80));
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    QByteArray bareHost = host;
    if (bareHost.startsWith('[') && bareHost.endsWith(']')) {
        bareHost = bareHost.mid(1, bareHost.size() - 2);
    }
    if (const int rc = ::getaddrinfo(bareHost.constData(), port.constData(), &hints, &found); rc != 0) {
        throw HttpError(u"%1: cannot resolve '%2': %3"_s.arg(where, QString::fromLatin1(host), QString::fromLocal8Bit(gai_strerror(rc))));
    }
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
    if (token.isCancelled()) {
        throw cancelled();
    }

    // Waits for `events` on the socket; false when the deadline passed. Throws on cancel.
    const auto waitFor = [&](int fd, short events) {
        for (;;) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) {
                return false;
            }
            pollfd fds[2] = {{fd, events, 0}, {wakeFd, POLLIN, 0}};
            const int n = ::poll(fds, 2, static_cast<int>(std::min<qint64>(left, 1'000'000)));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (fds[1].revents || token.isCancelled()) {
                throw cancelled();
            }
            if (n > 0) {
                return true;
            }
        }
    };

    int lastErrno = 0;
    std::unique_ptr<Fd> socket;
    for (addrinfo *a = addresses.get(); a; a = a->ai_next) {
        auto candidate = std::make_unique<Fd>(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol));
        if (candidate->fd < 0) {
            lastErrno = errno;
            continue;
        }
        if (::connect(candidate->fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
            lastErrno = errno;
            continue;
        }
        if (!waitFor(candidate->fd, POLLOUT)) {
            throw timedOutWith(u"could not connect to %1:%2"_s.arg(QString::fromLatin1(host), QString::fromLatin1(port)));
        }
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(candidate->fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
            lastErrno = error;
            continue;
        }
        socket = std::move(candidate);
        break;
    }
    if (!socket) {
        throw HttpError(u"%1: cannot connect to %2:%3: %4"_s.arg(where, QString::fromLatin1(host),
            QString::fromLatin1(port), QString::fromLocal8Bit(strerror(lastErrno ? lastErrno : ECONNREFUSED))));
    }
    const int one = 1;
    ::setsockopt(socket->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    const QByteArray request = httpGetRequest(
        url, false, runTag.isEmpty() ? QByteArray() : QByteArray(DelayServer::kRunHeader), runTag);
    qsizetype sent = 0;
    while (sent < request.size()) {
        const auto n = ::send(socket->fd, request.constData() + sent, static_cast<size_t>(request.size() - sent), MSG_NOSIGNAL);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!waitFor(socket->fd, POLLOUT)) {
                throw timedOutWith(u"could not send the request"_s);
            }
            continue;
        }
        throw HttpError(u"%1: cannot send the request: %2"_s.arg(where, QString::fromLocal8Bit(strerror(errno))));
    }

    HttpResponseParser parser;
    char buffer[64 * 1024];
    for (;;) {
        const auto n = ::recv(socket->fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            if (parser.feed(QByteArrayView(buffer, n)) != HttpResponseParser::State::NeedMore) {
                break;
            }
            continue;
        }
        if (n == 0) {
            parser.closed();
            break;
        }
        if (errno == EAGAIN || errno == EINTR) {
            if (!waitFor(socket->fd, POLLIN)) {
                throw timedOutWith(u"got "_s + parser.progress());
            }
            continue;
        }
        if (errno == ECONNRESET && parser.headersDone()) {
            parser.closed(); // said what it had to say, then reset: judged like a close
            break;
        }
        throw HttpError(u"%1: %2 after %3"_s.arg(where, QString::fromLocal8Bit(strerror(errno)), parser.progress()));
    }
    if (parser.state() == HttpResponseParser::State::Failed) {
        throw HttpError(u"%1: %2"_s.arg(where, parser.error()));
    }
    return makeResponse(parser.status(), parser.reason(), parser.takeBody(), url);
}

} // namespace

HttpResponse blockingGet(const QUrl &url, std::chrono::milliseconds timeout, const CancelToken &token,
    const Trace &trace, const QByteArray &runTag)
{
    token.throwIfCancelled();
    Recorder *rec = trace.recorder;
    SpanId span = 0;
    if (rec) {
        Span s;
        s.beginNs = rec->now();
        s.lane = trace.lane;
        s.name = rec->intern(shortTarget(url));
        s.detail = rec->intern(url.toDisplayString());
        s.kind = SpanKind::Http;
        s.blocking = true;
        span = rec->add(s);
    }
    try {
        HttpResponse response;
        if (url.scheme() == u"http") {
            response = blockingExchange(url, timeout, token, runTag);
        } else {
            // https: QNetworkAccessManager's synchronous mode, which nothing can interrupt.
            QNetworkAccessManager manager;
            QNetworkRequest request = makeRequest(url, timeout, runTag);
            request.setAttribute(QNetworkRequest::SynchronousRequestAttribute, true);
            std::unique_ptr<QNetworkReply> reply(manager.get(request)); // returns when finished
            response = finish(reply.get(), url, timeout, false);
        }
        endSpan(trace, span, response);
        token.throwIfCancelled(); // a cancel that came while we were blocked
        return response;
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
}

} // namespace Coroscope
