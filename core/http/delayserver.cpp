// SPDX-License-Identifier: MIT
#include "delayserver.h"

#include "async/epolldispatcher.h"

#include "httpparser.h"

#include <QCoreApplication>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <mutex>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_set>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

Q_LOGGING_CATEGORY(lcServer, "coroscope.http.server", QtInfoMsg)

namespace Coroscope {

class ServerConnection;

void raiseOpenFileLimit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        rlimit limit {};
        if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            setrlimit(RLIMIT_NOFILE, &limit);
        }
    });
}

namespace {

constexpr int kListenBacklog = 4096; // the default 50 gives 1 s SYN-retry tails at a few hundred clients
// Listening sockets sharing the port (SO_REUSEPORT), each with its own accept queue and its own
// QHttpServer. Why: QHttpServer 6.4 finds a request's socket with QObject::sender(), a walk
// over every socket connected to that server — O(connections) per read, 15 % of the server's
// time at 10 000 clients — and one accept queue (at most net.core.somaxconn = 4096) overflows
// when 10 000 clients connect at once (each overflow costs the client a 1 s SYN retry).
constexpr int kShards = 8;

/// A listening IPv4 socket with SO_REUSEPORT on `port` (0: any free port); -1 with `error`.
int listenReusePort(const QHostAddress &address, quint16 port, QString *error)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(address.toIPv4Address());
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&sa), sizeof sa) < 0
        || ::listen(fd, kListenBacklog) < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

qint64 steadyNs(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

struct Attachment
{
    std::shared_ptr<Recorder> recorder;
    LaneId lane = 0;
};

/// An answer's place on its connection: answers go out in request order (pipelining), each
/// when its own delay is over.
struct ResponseSlot
{
    QByteArray bytes;
    bool ready = false;
    bool close = false; ///< the connection closes after this answer
};

/// One request waiting for its answer.
struct Pending
{
    QPointer<ServerConnection> connection;
    std::shared_ptr<ResponseSlot> slot;
    Clock::time_point received;
    double delay = 0;
    QString value;
    int status = 200;
    bool head = false;
    bool keepAlive = true;
    int minorVersion = 1;
    QString target;
    Attachment attachment;
    SpanId span = 0;
    SpanId queued = 0;
    bool recorded = false;
    bool answered = false;
    QMetaObject::Connection hangup;
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 418:
        return "I'm a teapot";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    // Qt's name for it, "MultipleChoices" -> "Multiple Choices".
    const QByteArray key = QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(status);
    QByteArray words;
    for (const char c : key) {
        if (c >= 'A' && c <= 'Z' && !words.isEmpty()) {
            words += ' ';
        }
        words += c;
    }
    return words.isEmpty() ? QByteArray("Status") : words;
}

/// A whole HTTP/1.1 answer. No body for HEAD, 204 and 304 (their Content-Length still says
/// what GET would get, except 204's); `Connection` says what happens next.
QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body, bool head,
    bool keepAlive, int minorVersion, const QByteArray &extraHeaders = {})
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    const bool noBody = head || status == 204 || status == 304;
    if (status != 204) {
        out += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    }
    out += extraHeaders;
    if (!keepAlive) {
        out += "Connection: close\r\n";
    } else if (minorVersion == 0) {
        out += "Connection: keep-alive\r\n"; // an HTTP/1.0 client asked for it
    }
    out += "\r\n";
    if (!noBody) {
        out += body;
    }
    return out;
}

QByteArray jsonBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// A final status Qt knows (1xx are interim answers: a client would wait for another).
bool knownStatus(int code)
{
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    return code >= 200 && code <= 599 && e.valueToKey(code) != nullptr;
}

} // namespace

class DelayServer::Impl
{
public:
    Options options;
    QThread *thread = nullptr;
    QObject *anchor = nullptr; // lives on the server thread
    std::vector<QTcpServer *> listeners; // server thread only
    std::unordered_set<ServerConnection *> connections; // server thread only
    QTimer *sweepTimer = nullptr;
    std::atomic<quint16> port {0};
    std::atomic<bool> running {false};
    bool warnedAboutFiles = false;

    mutable std::mutex mutex; // stats and attachments
    Stats stats;
    QHash<QByteArray, Attachment> attachments;

    // Serial mode, server thread only.
    std::deque<std::shared_ptr<Pending>> queue;
    std::shared_ptr<Pending> current;
    QTimer *serialTimer = nullptr;

    void accept(QTcpServer *listener);
    void acceptFailed(QTcpServer *listener);
    void sweep();
    void handle(const HttpRequestParser::Request &request, ServerConnection *connection,
        const std::shared_ptr<ResponseSlot> &slot);
    void answer(const std::shared_ptr<Pending> &p);
    void serveNext();
    void beginService(const std::shared_ptr<Pending> &p);
    void changeInFlight(int delta, const Attachment &a);
};

/**
 * One client connection: requests parsed as they arrive (pipelined ones too), answers
 * written in request order, keep-alive as HTTP/1.0 and 1.1 define it, a 400 (or 413, 431,
 * 501, 505) for what cannot be parsed, and closed when idle or too slow to send its headers.
 */
class ServerConnection : public QObject
{
public:
    ServerConnection(DelayServer::Impl *impl, QTcpSocket *socket)
        : m_impl(impl)
        , m_socket(socket)
        , m_lastActivity(Clock::now())
    {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &ServerConnection::onDisconnected);
        connect(socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket->state() == QAbstractSocket::UnconnectedState) {
                onDisconnected();
            }
        });
    }

    [[nodiscard]] QTcpSocket *socket() const { return m_socket; }

    /// Idle with nothing pending for longer than the idle limit, or stuck in the middle of a
    /// request's headers for longer than the header limit: closed (with 408 for the latter).
    void checkTimeouts(Clock::time_point now)
    {
        if (m_gone || !m_slots.empty()) {
            return;
        }
        const auto quiet = now - m_lastActivity;
        if (m_parser.hasPartial() && quiet > m_impl->options.headerTimeout) {
            m_reading = false;
            reply(408,
                u"no complete request within %1 s"_s.arg(
                    std::chrono::duration<double>(m_impl->options.headerTimeout).count()),
                false, 1);
        } else if (!m_parser.hasPartial() && quiet > m_impl->options.idleTimeout) {
            close();
        }
    }

    /// An answer with its place kept; written when it and all before it are ready.
    std::shared_ptr<ResponseSlot> reserve()
    {
        auto slot = std::make_shared<ResponseSlot>();
        m_slots.push_back(slot);
        return slot;
    }

    /// An answer right now (errors, /stats): in order behind the ones still waiting.
    void reply(int status, const QString &message, bool keepAlive, int minorVersion, bool head = false,
        const QByteArray &extraHeaders = {})
    {
        auto slot = reserve();
        slot->bytes = httpResponse(status, "application/json", jsonBytes(QJsonObject {{u"error"_s, message}}),
            head, keepAlive, minorVersion, extraHeaders);
        slot->close = !keepAlive;
        slot->ready = true;
        flush();
    }

    void flush()
    {
        while (!m_gone && !m_slots.empty() && m_slots.front()->ready) {
            const std::shared_ptr<ResponseSlot> slot = m_slots.front();
            m_slots.pop_front();
            m_socket->write(slot->bytes);
            m_lastActivity = Clock::now();
            if (slot->close) {
                close();
                return;
            }
        }
        if (!m_gone && m_slots.empty() && m_reading && m_parser.hasPartial()) {
            parse(); // requests that came while answers were pending
        }
    }

    void close()
    {
        if (m_gone) {
            return;
        }
        m_reading = false;
        m_socket->disconnectFromHost(); // after what is written has gone out
    }

private:
    void onReadyRead()
    {
        m_lastActivity = Clock::now();
        const QByteArray data = m_socket->readAll();
        if (!m_reading) {
            return; // after Connection: close or an error: the rest is ignored
        }
        m_parser.append(data);
        parse();
    }

    void parse()
    {
        // At most 64 answers waiting per connection: a client that pipelines more waits.
        while (m_reading && m_slots.size() < 64) {
            HttpRequestParser::Request request;
            const auto state = m_parser.next(&request);
            if (state == HttpRequestParser::State::NeedMore) {
                return;
            }
            if (state == HttpRequestParser::State::Failed) {
                m_reading = false;
                {
                    std::lock_guard lock(m_impl->mutex);
                    ++m_impl->stats.rejected;
                }
                reply(m_parser.errorStatus(), m_parser.error(), false, 1);
                return;
            }
            if (!request.keepAlive) {
                m_reading = false; // this is the last request on the connection
            }
            if (request.method != "GET" && request.method != "HEAD") {
                {
                    std::lock_guard lock(m_impl->mutex);
                    ++m_impl->stats.rejected;
                }
                reply(405,
                    u"method %1 is not allowed: use GET (or HEAD)"_s.arg(printable(request.method, 20)),
                    request.keepAlive, request.minorVersion, false, "Allow: GET, HEAD\r\n");
                continue;
            }
            m_impl->handle(request, this, reserve());
        }
    }

    void onDisconnected()
    {
        if (m_gone) {
            return;
        }
        m_gone = true;
        m_slots.clear();
        m_impl->connections.erase(this);
        deleteLater();
    }

    DelayServer::Impl *m_impl;
    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    std::deque<std::shared_ptr<ResponseSlot>> m_slots;
    Clock::time_point m_lastActivity;
    bool m_reading = true;
    bool m_gone = false;
};

void DelayServer::Impl::accept(QTcpServer *listener)
{
    while (QTcpSocket *socket = listener->nextPendingConnection()) {
        auto *connection = new ServerConnection(this, socket);
        connections.insert(connection);
    }
}

void DelayServer::Impl::acceptFailed(QTcpServer *listener)
{
    // Qt pauses accepting on a resource error (too many open files) and never resumes:
    // try again shortly, and say once what the limit is and how to raise it.
    if (!warnedAboutFiles) {
        warnedAboutFiles = true;
        rlimit limit {};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        qCWarning(lcServer).noquote()
            << u"delay server: cannot accept more connections: %1 — the open-file limit is %2 "
               "(raise it with `ulimit -n` up to the hard limit %3, or in /etc/security/limits.conf)"_s
                   .arg(listener->errorString())
                   .arg(static_cast<qint64>(limit.rlim_cur))
                   .arg(limit.rlim_max == RLIM_INFINITY
                           ? u"unlimited"_s
                           : QString::number(static_cast<qint64>(limit.rlim_max)));
    }
    QTimer::singleShot(100, listener, [listener] { listener->resumeAccepting(); });
}

void DelayServer::Impl::sweep()
{
    const auto now = Clock::now();
    const std::vector<ServerConnection *> all(connections.begin(), connections.end());
    for (ServerConnection *c : all) {
        c->checkTimeouts(now);
    }
}

void DelayServer::Impl::changeInFlight(int delta, const Attachment &a)
{
    int now = 0;
    {
        std::lock_guard lock(mutex);
        stats.inFlight += delta;
        stats.peakInFlight = std::max(stats.peakInFlight, stats.inFlight);
        now = stats.inFlight;
    }
    if (a.recorder) {
        a.recorder->counter(a.lane, a.recorder->intern(u"in flight"), now);
    }
}

void DelayServer::Impl::handle(const HttpRequestParser::Request &request, ServerConnection *connection,
    const std::shared_ptr<ResponseSlot> &slot)
{
    const auto received = Clock::now();
    const bool head = request.method == "HEAD";
    const QUrl url = QUrl::fromEncoded(request.target);
    QString path = url.path();
    // /run/TAG/?delay=S: a client that cannot send the X-Coroscope-Run header (a traced Python
    // program's httpx) names its run in the path instead.
    QByteArray pathTag;
    if (path.startsWith(u"/run/")) {
        const qsizetype slash = path.indexOf(u'/', 5);
        pathTag = path.mid(5, slash < 0 ? -1 : slash - 5).toLatin1();
        path = slash < 0 ? QString() : path.mid(slash);
    }
    auto write = [&](int status, const QByteArray &body) {
        slot->bytes
            = httpResponse(status, "application/json", body, head, request.keepAlive, request.minorVersion);
        slot->close = !request.keepAlive;
        slot->ready = true;
        connection->flush();
    };
    auto reject = [&](const QString &message, QHttpServerResponder::StatusCode code) {
        {
            std::lock_guard lock(mutex);
            ++stats.rejected;
        }
        write(static_cast<int>(code), jsonBytes(QJsonObject {{u"error"_s, message}}));
    };
    if (!url.isValid()) {
        reject(u"malformed request target"_s, QHttpServerResponder::StatusCode::BadRequest);
        return;
    }

    if (path == u"/stats") {
        // ?reset=1 starts a new measurement (peak and served), as the Python peer's server does.
        const bool reset = QUrlQuery(url).queryItemValue(u"reset"_s) == u"1";
        Stats s;
        {
            std::lock_guard lock(mutex);
            s = stats;
            if (reset) {
                stats.peakInFlight = stats.inFlight;
                stats.served = 0;
            }
        }
        rusage usage {};
        ::getrusage(RUSAGE_SELF, &usage);
        const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
        write(200,
            jsonBytes(QJsonObject {{u"in_flight"_s, s.inFlight}, {u"peak_in_flight"_s, s.peakInFlight},
                {u"served"_s, static_cast<qint64>(s.served)},
                {u"rejected"_s, static_cast<qint64>(s.rejected)},
                {u"abandoned"_s, static_cast<qint64>(s.abandoned)},
                {u"connections"_s, static_cast<qint64>(connections.size())},
                {u"mode"_s, options.mode == Mode::Serial ? u"serial"_s : u"async"_s},
                // The same figures under the names ../shared/peers (scale.py) reads.
                {u"inflight"_s, s.inFlight}, {u"peak_inflight"_s, s.peakInFlight}, {u"cpu_s"_s, cpu},
                {u"rss_max_kb"_s, static_cast<qint64>(usage.ru_maxrss)}}));
        return;
    }
    if (!path.isEmpty() && path != u"/") {
        reject(u"unknown path '%1': use /?delay=SECONDS (or /stats)"_s.arg(printable(path, 200)),
            QHttpServerResponder::StatusCode::NotFound);
        return;
    }

    auto p = std::make_shared<Pending>();
    p->connection = connection;
    p->slot = slot;
    p->received = received;
    p->head = head;
    p->keepAlive = request.keepAlive;
    p->minorVersion = request.minorVersion;
    const QUrlQuery query(url);
    if (query.hasQueryItem(u"delay"_s)) {
        const QString text = query.queryItemValue(u"delay"_s, QUrl::FullyDecoded);
        bool ok = false;
        p->delay = text.toDouble(&ok);
        if (!ok || !std::isfinite(p->delay)) {
            reject(u"parameter 'delay' must be a number of seconds, got '%1'"_s.arg(printable(text, 100)),
                QHttpServerResponder::StatusCode::BadRequest);
            return;
        }
        if (p->delay < 0 || p->delay > kMaxDelaySeconds) {
            reject(u"parameter 'delay' = %1 is out of range 0–%2 s"_s.arg(printable(text, 100))
                       .arg(kMaxDelaySeconds),
                QHttpServerResponder::StatusCode::BadRequest);
            return;
        }
    }
    p->value = query.queryItemValue(u"value"_s, QUrl::FullyDecoded);
    if (query.hasQueryItem(u"status"_s)) {
        const QString text = query.queryItemValue(u"status"_s, QUrl::FullyDecoded);
        bool ok = false;
        p->status = text.toInt(&ok);
        if (!ok || !knownStatus(p->status)) {
            reject(u"parameter 'status' = '%1' is not a final HTTP status code (200–599)"_s.arg(
                       printable(text, 100)),
                QHttpServerResponder::StatusCode::BadRequest);
            return;
        }
    }
    QUrl shown = url;
    shown.setPath(path.isEmpty() ? u"/"_s : path);
    p->target = QString::fromLatin1(request.method) + u' '
        + printable(shown.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), 300);
    const QByteArray &tag = request.runTag.isEmpty() ? pathTag : request.runTag;
    if (!tag.isEmpty()) {
        std::lock_guard lock(mutex);
        p->attachment = attachments.value(tag);
    }
    changeInFlight(+1, p->attachment);

    // A client that hangs up before its answer: close its span, never touch its socket again.
    // The socket is the context, not the server: thousands of connections to one receiver
    // make every QObject::sender() lookup on it slow (seen at 10 000 clients).
    p->hangup = QObject::connect(connection->socket(), &QAbstractSocket::disconnected, connection, [this, p] {
        if (p->answered) {
            return;
        }
        p->answered = true;
        {
            std::lock_guard lock(mutex);
            ++stats.abandoned;
        }
        changeInFlight(-1, p->attachment);
        if (p->attachment.recorder) {
            Recorder &rec = *p->attachment.recorder;
            const SpanEnd how {.status = SpanStatus::Cancelled, .detail = rec.intern(u"client hung up")};
            if (p->queued) {
                rec.end(p->queued, how);
            }
            if (p->recorded) {
                rec.end(p->span, how);
            }
        }
    });

    if (options.mode == Mode::Serial) {
        if (p->attachment.recorder) {
            Recorder &rec = *p->attachment.recorder;
            p->queued = rec.begin(p->attachment.lane, rec.intern(p->target), SpanKind::Acquire,
                rec.intern(u"queued: the serial server handles one request at a time"), rec.toNs(received));
        }
        queue.push_back(p);
        if (!current) {
            serveNext();
        }
        return;
    }
    beginService(p);
    const auto deadline = received + std::chrono::nanoseconds(std::llround(p->delay * 1e9));
    const auto ms
        = std::max<qint64>(0, std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count());
    // The connection is the timer's context: if the client is gone, the answer is never written.
    QTimer::singleShot(std::chrono::milliseconds(ms), Qt::PreciseTimer, connection, [this, p] { answer(p); });
}

void DelayServer::Impl::beginService(const std::shared_ptr<Pending> &p)
{
    if (!p->attachment.recorder) {
        return;
    }
    Recorder &rec = *p->attachment.recorder;
    const qint64 now = rec.now();
    if (p->queued) {
        rec.end(p->queued, {.atNs = now});
    }
    // Serving a request: HTTP work on the server's side (its timer is how it waits, not what it does).
    p->span = rec.begin(p->attachment.lane, rec.intern(p->target), SpanKind::Http,
        rec.intern(u"answering after %1 s"_s.arg(p->delay)), p->queued ? now : rec.toNs(p->received));
    p->recorded = true;
}

void DelayServer::Impl::serveNext()
{
    current.reset();
    while (!queue.empty()) {
        auto next = queue.front();
        queue.pop_front();
        if (next->answered || !next->connection) {
            continue; // hung up while queued
        }
        current = next;
        beginService(next);
        serialTimer->start(std::chrono::milliseconds(
            std::max<qint64>(0, static_cast<qint64>(std::ceil(next->delay * 1000.0)))));
        return;
    }
}

void DelayServer::Impl::answer(const std::shared_ptr<Pending> &p)
{
    if (p->answered || !p->connection) {
        return;
    }
    p->answered = true;
    QObject::disconnect(p->hangup);
    const auto answered = Clock::now();
    const QJsonObject body {
        {u"delay"_s, p->delay},
        {u"value"_s, p->value},
        {u"status"_s, p->status},
        {u"received_steady_ns"_s, static_cast<qint64>(steadyNs(p->received))},
        {u"answered_steady_ns"_s, static_cast<qint64>(steadyNs(answered))},
    };
    p->slot->bytes = httpResponse(
        p->status, "application/json", jsonBytes(body), p->head, p->keepAlive, p->minorVersion);
    p->slot->close = !p->keepAlive;
    p->slot->ready = true;
    p->connection->flush();
    {
        std::lock_guard lock(mutex);
        ++stats.served;
    }
    changeInFlight(-1, p->attachment);
    if (p->recorded) {
        Recorder &rec = *p->attachment.recorder;
        rec.end(p->span,
            {.status = p->status >= 400 ? SpanStatus::Error : SpanStatus::Ok,
                .detail = rec.intern(u"answered %1"_s.arg(p->status)),
                .atNs = rec.toNs(answered)});
    }
}

DelayServer::DelayServer()
    : d(std::make_unique<Impl>())
{ }

DelayServer::~DelayServer()
{
    stop();
}

bool DelayServer::start(const Options &options, QString *error)
{
    if (d->running) {
        return true;
    }
    raiseOpenFileLimit();
    d->options = options;
    d->thread = new QThread;
    d->thread->setObjectName(u"delay server"_s);
    if (useEpollDispatcher()) {
        d->thread->setEventDispatcher(new EpollEventDispatcher); // 10 000 waiting clients
    }
    d->anchor = new QObject;
    d->anchor->moveToThread(d->thread);
    d->thread->start();
    QString failure;
    Impl *impl = d.get();
    QMetaObject::invokeMethod(
        d->anchor,
        [impl, &failure] {
            const QHostAddress &address = impl->options.address;
            quint16 port = impl->options.port;
            const bool shard = address.protocol() == QAbstractSocket::IPv4Protocol;
            if (shard && port != 0) {
                // SO_REUSEPORT would let us share a port another server (another `coroscope
                // serve`) already listens on, splitting its clients with it: make sure the
                // port is free first, by binding it the ordinary way.
                QTcpServer probe;
                if (!probe.listen(address, port)) {
                    failure = u"cannot listen on %1:%2: %3"_s.arg(address.toString())
                                  .arg(port)
                                  .arg(probe.serverError() == QAbstractSocket::AddressInUseError
                                          ? u"the port is already in use (is another server running there?)"_s
                                          : probe.errorString());
                    return;
                }
            }
            for (int i = 0; i < (shard ? kShards : 1); ++i) {
                auto *tcp = new QTcpServer(impl->anchor);
                tcp->setListenBacklogSize(kListenBacklog);
                tcp->setMaxPendingConnections(kListenBacklog);
                QString why;
                const int fd = shard ? listenReusePort(address, port, &why) : -1;
                const bool ok = shard ? fd >= 0 && tcp->setSocketDescriptor(fd) : tcp->listen(address, port);
                if (!ok) {
                    failure = u"cannot listen on %1:%2: %3"_s.arg(address.toString())
                                  .arg(port)
                                  .arg(why.isEmpty() ? tcp->errorString() : why);
                    delete tcp;
                    return;
                }
                port = tcp->serverPort(); // the others share the first one's port
                QObject::connect(tcp, &QTcpServer::newConnection, tcp, [impl, tcp] { impl->accept(tcp); });
                QObject::connect(
                    tcp, &QTcpServer::acceptError, tcp, [impl, tcp] { impl->acceptFailed(tcp); });
                impl->listeners.push_back(tcp);
            }
            impl->port = port;
            impl->sweepTimer = new QTimer(impl->anchor);
            impl->sweepTimer->setInterval(std::chrono::milliseconds(
                std::clamp<qint64>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::min(impl->options.idleTimeout, impl->options.headerTimeout))
                                       .count()
                        / 4,
                    10, 1000)));
            QObject::connect(impl->sweepTimer, &QTimer::timeout, impl->anchor, [impl] { impl->sweep(); });
            impl->sweepTimer->start();
            impl->serialTimer = new QTimer(impl->anchor);
            impl->serialTimer->setSingleShot(true);
            impl->serialTimer->setTimerType(Qt::PreciseTimer);
            QObject::connect(impl->serialTimer, &QTimer::timeout, impl->anchor, [impl] {
                if (impl->current) {
                    impl->answer(impl->current);
                }
                impl->serveNext();
            });
        },
        Qt::BlockingQueuedConnection);
    if (!failure.isEmpty()) {
        if (error) {
            *error = failure;
        }
        stop();
        return false;
    }
    d->running = true;
    qCDebug(lcServer) << "delay server listening on" << url();
    return true;
}

void DelayServer::stop()
{
    if (!d->thread) {
        return;
    }
    Impl *impl = d.get();
    if (d->thread->isRunning()) {
        QMetaObject::invokeMethod(
            d->anchor,
            [impl] {
                impl->queue.clear();
                impl->current.reset();
                // Connections first (their sockets are their children), then the listeners
                // and timers, children of the anchor.
                const std::vector<ServerConnection *> all(impl->connections.begin(), impl->connections.end());
                impl->connections.clear();
                qDeleteAll(all);
                qDeleteAll(impl->anchor->children());
                impl->listeners.clear();
                impl->serialTimer = nullptr;
                impl->sweepTimer = nullptr;
            },
            Qt::BlockingQueuedConnection);
        d->thread->quit();
        d->thread->wait();
    }
    delete d->anchor;
    d->anchor = nullptr;
    delete d->thread;
    d->thread = nullptr;
    d->running = false;
    d->port = 0;
}

bool DelayServer::isRunning() const
{
    return d->running;
}

quint16 DelayServer::port() const
{
    return d->port;
}

DelayServer::Mode DelayServer::mode() const
{
    return d->options.mode;
}

QUrl DelayServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(port()));
}

DelayServer::Stats DelayServer::stats() const
{
    std::lock_guard lock(d->mutex);
    return d->stats;
}

void DelayServer::attach(const QByteArray &runTag, std::shared_ptr<Recorder> recorder, LaneId lane)
{
    std::lock_guard lock(d->mutex);
    d->attachments.insert(runTag, Attachment {std::move(recorder), lane});
}

void DelayServer::detach(const QByteArray &runTag)
{
    std::lock_guard lock(d->mutex);
    d->attachments.remove(runTag);
}

namespace {
std::mutex s_sharedMutex;
DelayServer *s_shared[2] = {nullptr, nullptr};

void stopShared()
{
    std::lock_guard lock(s_sharedMutex);
    for (DelayServer *&server : s_shared) {
        delete server;
        server = nullptr;
    }
}
} // namespace

DelayServer &DelayServer::shared(Mode mode, QString *error)
{
    std::lock_guard lock(s_sharedMutex);
    DelayServer *&server = s_shared[mode == Mode::Serial ? 1 : 0];
    if (!server) {
        if (!s_shared[0] && !s_shared[1]) {
            qAddPostRoutine(stopShared);
        }
        server = new DelayServer;
    }
    if (!server->isRunning()) {
        server->start({.mode = mode}, error);
    }
    return *server;
}

} // namespace Coroscope
