// SPDX-License-Identifier: MIT
#include "delayserver.h"

#include "async/epolldispatcher.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHttpServerRequest>
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

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

Q_LOGGING_CATEGORY(lcServer, "coroscope.http.server", QtInfoMsg)

namespace Coroscope {

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

/// One request waiting for its answer.
struct Pending
{
    std::shared_ptr<QHttpServerResponder> responder;
    QPointer<QTcpSocket> socket;
    Clock::time_point received;
    double delay = 0;
    QString value;
    int status = 200;
    QString target;
    Attachment attachment;
    SpanId span = 0;
    SpanId queued = 0;
    bool recorded = false;
    bool answered = false;
    QMetaObject::Connection hangup;
};

bool knownStatus(int code)
{
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    return code >= 100 && code <= 599 && e.valueToKey(code) != nullptr;
}

} // namespace

class DelayHttpServer;

class DelayServer::Impl
{
public:
    Options options;
    QThread *thread = nullptr;
    QObject *anchor = nullptr; // lives on the server thread
    std::vector<DelayHttpServer *> servers; // server thread only; each owns its QTcpServer
    std::atomic<quint16> port {0};
    std::atomic<bool> running {false};

    mutable std::mutex mutex; // stats and attachments
    Stats stats;
    QHash<QByteArray, Attachment> attachments;

    // Serial mode, server thread only.
    std::deque<std::shared_ptr<Pending>> queue;
    std::shared_ptr<Pending> current;
    QTimer *serialTimer = nullptr;

    void handle(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder);
    void answer(const std::shared_ptr<Pending> &p);
    void serveNext();
    void beginService(const std::shared_ptr<Pending> &p);
    void changeInFlight(int delta, const Attachment &a);
};

class DelayHttpServer final : public QAbstractHttpServer
{
public:
    explicit DelayHttpServer(DelayServer::Impl *impl)
        : m_impl(impl)
    { }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_impl->handle(request, socket, makeResponder(request, socket));
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    DelayServer::Impl *m_impl;
};

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

void DelayServer::Impl::handle(
    const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responderIn)
{
    const auto received = Clock::now();
    auto responder = std::make_shared<QHttpServerResponder>(std::move(responderIn));
    const QString path = request.url().path();
    auto reject = [&](const QString &message, QHttpServerResponder::StatusCode code) {
        {
            std::lock_guard lock(mutex);
            ++stats.rejected;
        }
        responder->write(QJsonDocument(QJsonObject {{u"error"_s, message}}), code);
    };

    if (path == u"/stats") {
        // ?reset=1 starts a new measurement (peak and served), as the Python peer's server does.
        const bool reset = QUrlQuery(request.url()).queryItemValue(u"reset"_s) == u"1";
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
        responder->write(QJsonDocument(QJsonObject {{u"in_flight"_s, s.inFlight},
            {u"peak_in_flight"_s, s.peakInFlight}, {u"served"_s, static_cast<qint64>(s.served)},
            {u"rejected"_s, static_cast<qint64>(s.rejected)},
            {u"abandoned"_s, static_cast<qint64>(s.abandoned)},
            {u"mode"_s, options.mode == Mode::Serial ? u"serial"_s : u"async"_s},
            // The same figures under the names ../shared/peers (scale.py) reads.
            {u"inflight"_s, s.inFlight}, {u"peak_inflight"_s, s.peakInFlight}, {u"cpu_s"_s, cpu},
            {u"rss_max_kb"_s, static_cast<qint64>(usage.ru_maxrss)}}));
        return;
    }
    if (!path.isEmpty() && path != u"/") {
        reject(u"unknown path '%1': use /?delay=SECONDS (or /stats)"_s.arg(path),
            QHttpServerResponder::StatusCode::NotFound);
        return;
    }

    auto p = std::make_shared<Pending>();
    p->responder = responder;
    p->socket = socket;
    p->received = received;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(u"delay"_s)) {
        const QString text = query.queryItemValue(u"delay"_s, QUrl::FullyDecoded);
        bool ok = false;
        p->delay = text.toDouble(&ok);
        if (!ok || !std::isfinite(p->delay)) {
            reject(u"parameter 'delay' must be a number of seconds, got '%1'"_s.arg(text),
                QHttpServerResponder::StatusCode::BadRequest);
            return;
        }
        if (p->delay < 0 || p->delay > kMaxDelaySeconds) {
            reject(u"parameter 'delay' = %1 is out of range 0–%2 s"_s.arg(text).arg(kMaxDelaySeconds),
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
            reject(u"parameter 'status' = '%1' is not an HTTP status code (100–599)"_s.arg(text),
                QHttpServerResponder::StatusCode::BadRequest);
            return;
        }
    }
    p->target = u"GET "_s + request.url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    const QByteArray tag = request.value(QByteArray(kRunHeader));
    if (!tag.isEmpty()) {
        std::lock_guard lock(mutex);
        p->attachment = attachments.value(tag);
    }
    changeInFlight(+1, p->attachment);

    // A client that hangs up before its answer: close its span, never touch its socket again.
    // The socket is the context, not the server: thousands of connections to one receiver
    // make every QObject::sender() lookup on it slow (seen at 10 000 clients).
    p->hangup = QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this, p] {
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
    // The socket is the timer's context: if the client is gone, the answer is never written.
    QTimer::singleShot(std::chrono::milliseconds(ms), Qt::PreciseTimer, socket, [this, p] { answer(p); });
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
    p->span = rec.begin(p->attachment.lane, rec.intern(p->target), SpanKind::Sleep,
        rec.intern(u"answering after %1 s"_s.arg(p->delay)), p->queued ? now : rec.toNs(p->received));
    p->recorded = true;
}

void DelayServer::Impl::serveNext()
{
    current.reset();
    while (!queue.empty()) {
        auto next = queue.front();
        queue.pop_front();
        if (next->answered || !next->socket) {
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
    if (p->answered || !p->socket) {
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
    p->responder->write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
        static_cast<QHttpServerResponder::StatusCode>(p->status));
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
            for (int i = 0; i < (shard ? kShards : 1); ++i) {
                auto *tcp = new QTcpServer;
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
                auto *server = new DelayHttpServer(impl);
                server->bind(tcp);
                impl->servers.push_back(server);
            }
            impl->port = port;
            impl->serialTimer = new QTimer(impl->servers.front());
            impl->serialTimer->setSingleShot(true);
            impl->serialTimer->setTimerType(Qt::PreciseTimer);
            QObject::connect(impl->serialTimer, &QTimer::timeout, impl->servers.front(), [impl] {
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
                // bind() made each QTcpServer a child of its HTTP server: one delete frees both
                // (and the serial timer, and the connections).
                qDeleteAll(impl->servers);
                impl->servers.clear();
                impl->serialTimer = nullptr;
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
