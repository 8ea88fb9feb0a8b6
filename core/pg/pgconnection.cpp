// SPDX-License-Identifier: MIT
#include "pgconnection.h"

#include "async/errors.h"
#include "async/readywatcher.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <libpq-fe.h>

#include <thread>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace Coroscope {

namespace {

/// How long a query alone on its loop busy-polls for its answer before sleeping in the loop
/// (COROSCOPE_PG_SPIN_US, default 50 µs; 0 turns it off). A quick query's answer comes back
/// within tens of microseconds; sleeping in poll() and being woken costs about as much again
/// (bench_pg_select1, one connection: 13 k → 34 k queries/s). Only with more than one core —
/// the server needs one to answer — and only when no other query on this thread is waiting,
/// so that answers for other connections are never held up; the loop is held 50 µs at most.
qint64 spinBudgetNs()
{
    static const qint64 ns = [] {
        if (QThread::idealThreadCount() < 2) {
            return qint64(0);
        }
        bool ok = false;
        const int us = qEnvironmentVariableIntValue("COROSCOPE_PG_SPIN_US", &ok);
        return qint64(ok ? std::clamp(us, 0, 1000) : 50) * 1000;
    }();
    return ns;
}

/// Queries on this thread waiting for their answer.
thread_local int t_awaitingAnswers = 0;

/// "host=/tmp/x port=5432 user=app dbname=postgres" → "app@/tmp/x:5432/postgres".
QString describeServer(PGconn *conn, const QString &conninfo)
{
    if (!conn) {
        return redactConninfo(conninfo);
    }
    const QString host = QString::fromUtf8(PQhost(conn));
    return u"%1@%2:%3/%4"_s.arg(QString::fromUtf8(PQuser(conn)), host, QString::fromUtf8(PQport(conn)),
        QString::fromUtf8(PQdb(conn)));
}

/// libpq's message on one line: "FATAL:  terminating connection…\nserver closed the
/// connection unexpectedly\n\tThis probably means…" → "FATAL: terminating connection…; server
/// closed the connection unexpectedly" (indented lines are libpq's hints and the caret under
/// a syntax error).
QString libpqMessage(const char *text)
{
    QStringList parts;
    for (const QString &line : QString::fromUtf8(text).split(u'\n')) {
        if (!line.trimmed().isEmpty() && !line.front().isSpace()) {
            parts.append(line.simplified());
        }
    }
    // The server's text (a RAISE message can hold anything) without control characters.
    return printable(parts.join(u"; "_s), 2000);
}

QString shortSql(const QString &sql)
{
    QString s = sql.simplified();
    return s.size() > 60 ? s.left(59) + QChar(0x2026) : s;
}

PgResult readResult(PGresult *r)
{
    PgResult out;
    out.command = QString::fromUtf8(PQcmdStatus(r));
    const int cols = PQnfields(r);
    for (int c = 0; c < cols; ++c) {
        out.columns.append(QString::fromUtf8(PQfname(r, c)));
    }
    const int rows = PQntuples(r);
    for (int i = 0; i < rows; ++i) {
        QStringList row;
        for (int c = 0; c < cols; ++c) {
            row.append(PQgetisnull(r, i, c) ? QString() : QString::fromUtf8(PQgetvalue(r, i, c)));
        }
        out.rows.append(row);
    }
    return out;
}

/// Keyword/value arrays for PQconnectStartParams with connect_timeout always set.
struct ConnParams
{
    std::vector<QByteArray> keys;
    std::vector<QByteArray> values;
    std::vector<const char *> keyPtrs;
    std::vector<const char *> valuePtrs;
};

ConnParams buildParams(const QString &conninfo, int timeoutSeconds, QString *error)
{
    ConnParams p;
    char *errmsg = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.toUtf8().constData(), &errmsg);
    if (!options) {
        if (error) {
            // libpq quotes parts of the string back (a URI with an unclosed '[' whole):
            // say where it is wrong instead.
            *error = errmsg ? describeConninfoError(QString::fromUtf8(errmsg), conninfo)
                            : u"cannot parse the connection string"_s;
        }
        PQfreemem(errmsg);
        return p;
    }
    bool hasTimeout = false;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (o->val && *o->val) {
            p.keys.emplace_back(o->keyword);
            p.values.emplace_back(o->val);
            hasTimeout |= qstrcmp(o->keyword, "connect_timeout") == 0;
        }
    }
    PQconninfoFree(options);
    if (!hasTimeout) {
        p.keys.emplace_back("connect_timeout");
        p.values.emplace_back(QByteArray::number(timeoutSeconds));
    }
    for (std::size_t i = 0; i < p.keys.size(); ++i) {
        p.keyPtrs.push_back(p.keys[i].constData());
        p.valuePtrs.push_back(p.values[i].constData());
    }
    p.keyPtrs.push_back(nullptr);
    p.valuePtrs.push_back(nullptr);
    return p;
}

/// A cancel request object made on the connection's own thread (PQgetCancel reads the
/// connection), usable from any thread afterwards.
using CancelHandle = std::shared_ptr<PGcancel>;

CancelHandle cancelHandle(PGconn *conn)
{
    PGcancel *cancel = conn ? PQgetCancel(conn) : nullptr;
    return cancel ? CancelHandle(cancel, PQfreeCancel) : CancelHandle();
}

void cancelOffThread(CancelHandle cancel)
{
    if (!cancel) {
        return;
    }
    // PQcancel blocks (PG 15): never on the loop, never on the thread that cancels the run.
    // The thread shares the cancel object, so it may outlive the connection.
    std::thread([cancel = std::move(cancel)] {
        char buffer[256];
        PQcancel(cancel.get(), buffer, sizeof buffer);
    }).detach();
}

} // namespace

/// Resolves a host name with QHostInfo (Qt's lookup threads), so that libpq — which would
/// resolve synchronously inside PQconnectStart/PQconnectPoll — gets `hostaddr` and never
/// blocks the loop on DNS. Copyable: g++ 12 copies awaiters.
class HostLookup
{
public:
    HostLookup(QString name, CancelToken token)
        : m_name(std::move(name))
        , m_token(std::move(token))
    { }
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle)
    {
        auto state = m_state;
        state->context = std::make_shared<QObject>();
        // The callbacks hold the state weakly: it owns their context and the cancel watch, and
        // a strong hold would be a cycle that outlives a run ending with the lookup pending
        // (its answer then goes to a thread that has finished: LeakSanitizer saw the frames).
        const std::weak_ptr<State> weak = state;
        state->id
            = QHostInfo::lookupHost(m_name, state->context.get(), [weak, handle](const QHostInfo &info) {
                  const auto state = weak.lock();
                  if (state && !state->done) {
                      state->done = true;
                      state->info = info;
                      handle.resume();
                  }
              });
        state->watch = std::make_shared<CancelWatch>(m_token, state->context.get(), [weak, handle] {
            const auto state = weak.lock();
            if (state && !state->done) {
                state->done = true;
                state->cancelled = true;
                // Not QHostInfo::abortHostLookup: in Qt 6.4 it leaks the lookup's callback
                // (LeakSanitizer). The lookup finishes on Qt's own threads and is ignored.
                handle.resume();
            }
        });
    }
    QHostInfo await_resume()
    {
        m_state->watch.reset();
        if (m_state->cancelled) {
            throw Cancelled(u"cancelled while resolving "_s + m_name);
        }
        return m_state->info;
    }

private:
    struct State
    {
        std::shared_ptr<QObject> context;
        std::shared_ptr<CancelWatch> watch;
        QHostInfo info;
        int id = -1;
        bool done = false;
        bool cancelled = false;
    };
    QString m_name;
    CancelToken m_token;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

/// The `host` to resolve before connecting, or empty: a single host name (not a socket
/// directory, not an address) without a `hostaddr` given.
QString hostToResolve(const ConnParams &p)
{
    QString host;
    for (std::size_t i = 0; i < p.keys.size(); ++i) {
        if (p.keys[i] == "hostaddr") {
            return {};
        }
        if (p.keys[i] == "host") {
            host = QString::fromUtf8(p.values[i]);
        }
    }
    if (host.isEmpty() || host.startsWith(u'/') || host.startsWith(u'@') || host.contains(u',')
        || !QHostAddress(host).isNull()) {
        return {};
    }
    return host;
}

void addParam(ConnParams &p, const char *key, const QByteArray &value)
{
    p.keys.emplace_back(key);
    p.values.emplace_back(value);
    p.keyPtrs.clear();
    p.valuePtrs.clear();
    for (std::size_t i = 0; i < p.keys.size(); ++i) {
        p.keyPtrs.push_back(p.keys[i].constData());
        p.valuePtrs.push_back(p.values[i].constData());
    }
    p.keyPtrs.push_back(nullptr);
    p.valuePtrs.push_back(nullptr);
}

// ---- PgConnection -----------------------------------------------------------------------

/// Resumes when the connection's socket is readable (or writable), the deadline passes, or
/// the token is cancelled. Copyable: g++ 12 copies awaiters.
class PgConnection::SocketAwaiter
{
public:
    SocketAwaiter(PgConnection *c, bool write, Clock::time_point deadline)
        : m_c(c)
        , m_write(write)
        , m_deadline(deadline)
    { }
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle)
    {
        m_c->m_waiter = handle;
        QSocketNotifier *n = m_write ? m_c->m_writeNotifier.get() : m_c->m_readNotifier.get();
        n->setEnabled(true);
        m_state->context = std::make_shared<QObject>();
        auto state = m_state;
        PgConnection *c = m_c;
        // Weakly held, as in HostLookup: the state owns the timer and the watch that call this.
        const std::weak_ptr<State> weak = state;
        auto wake = [c, weak](int why) {
            const auto state = weak.lock();
            if (!state || state->done) {
                return;
            }
            state->done = true;
            state->why = why;
            c->m_readNotifier->setEnabled(false);
            c->m_writeNotifier->setEnabled(false);
            std::exchange(c->m_waiter, {}).resume();
        };
        state->connections.push_back(
            QObject::connect(n, &QSocketNotifier::activated, state->context.get(), [wake] { wake(0); }));
        if (m_deadline != Clock::time_point::max()) {
            state->timer = std::make_shared<QTimer>();
            state->timer->setSingleShot(true);
            QObject::connect(state->timer.get(), &QTimer::timeout, state->context.get(), [wake] { wake(1); });
            state->timer->start(std::max<qint64>(
                0, std::chrono::ceil<std::chrono::milliseconds>(m_deadline - Clock::now()).count()));
        }
        state->watch = std::make_shared<CancelWatch>(m_c->m_token, state->context.get(), [wake] { wake(2); });
        // If the connection is closed while we wait, nothing may touch it again: the timer,
        // the notifier and the cancel watch all go quiet (the state's context dies with them).
        m_c->m_disarmWaiter = [weak] {
            if (const auto s = weak.lock()) {
                s->done = true;
                s->watch.reset();
                s->timer.reset();
                s->context.reset();
            }
        };
    }
    /// 0: the socket is ready; 1: the deadline passed; 2: cancelled.
    int await_resume()
    {
        m_c->m_disarmWaiter = nullptr;
        m_state->watch.reset();
        m_state->timer.reset();
        for (const auto &c : m_state->connections) {
            QObject::disconnect(c);
        }
        return m_state->why;
    }

private:
    struct State
    {
        std::shared_ptr<QObject> context;
        std::shared_ptr<QTimer> timer;
        std::shared_ptr<CancelWatch> watch;
        std::vector<QMetaObject::Connection> connections;
        bool done = false;
        int why = 0;
    };
    PgConnection *m_c;
    bool m_write;
    Clock::time_point m_deadline;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

PgConnection::PgConnection(CancelToken token, std::chrono::milliseconds connectTimeout)
    : m_token(std::move(token))
    , m_connectTimeout(connectTimeout)
{ }

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::close()
{
    if (m_waiter) {
        // An owner closed (or destroyed) the connection while an operation waits on it: a bug
        // in the owner, since that operation can never finish. Make sure at least that
        // nothing touches the connection after this.
        qWarning("coroscope.pg: connection %s closed while an operation was waiting on it",
            qUtf8Printable(m_server));
        if (const auto disarm = std::exchange(m_disarmWaiter, nullptr)) {
            disarm();
        }
        m_waiter = {};
    }
    // Notifiers go before PQfinish closes their socket.
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_fd = -1;
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
}

void PgConnection::closeWhenIdle()
{
    if (m_busy) {
        m_closeWhenIdle = true;
    } else {
        close();
    }
}

void PgConnection::spinForAnswer()
{
    const qint64 spinNs = spinBudgetNs();
    if (spinNs <= 0 || t_awaitingAnswers != 1) {
        return;
    }
    const auto until = Clock::now() + std::chrono::nanoseconds(spinNs);
    while (PQisBusy(m_conn) && Clock::now() < until) {
        if (PQconsumeInput(m_conn) != 1) {
            return; // the error surfaces on the normal path
        }
    }
}

bool PgConnection::isHealthy() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

QString PgConnection::quoteIdentifier(const QString &name) const
{
    if (!m_conn) {
        throw PgError(u"the connection is closed"_s, u"08003"_s);
    }
    const QByteArray utf8 = name.toUtf8();
    char *quoted = PQescapeIdentifier(m_conn, utf8.constData(), static_cast<size_t>(utf8.size()));
    if (!quoted) {
        throw lastError(u"cannot quote '%1'"_s.arg(name));
    }
    QString result = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return result;
}

int PgConnection::backendPid() const
{
    return m_conn ? PQbackendPID(m_conn) : 0;
}

void PgConnection::watchSocket()
{
    const int fd = PQsocket(m_conn);
    if (fd == m_fd) {
        return;
    }
    // The socket may change between PQconnectPoll calls (another address, SSL retry).
    m_readNotifier.reset();
    m_writeNotifier.reset();
    m_fd = fd;
    if (fd < 0) {
        return;
    }
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
}

PgConnection::SocketAwaiter PgConnection::waitFor(bool write, Clock::time_point deadline)
{
    return SocketAwaiter(this, write, deadline);
}

PgError PgConnection::lastError(const QString &what) const
{
    return PgError(scrubConninfo(u"%1 (%2): %3"_s.arg(what, m_server,
                                     m_conn ? libpqMessage(PQerrorMessage(m_conn)) : u"not connected"_s),
        m_conninfo));
}

QCoro::Task<> PgConnection::connect(QString conninfo, Trace trace)
{
    close();
    m_conninfo = conninfo;
    Clock::time_point readyAt {};
    const SpanId span = trace.recorder ? trace.recorder->begin(trace.lane, trace.recorder->intern(u"connect"),
                            SpanKind::Connect, trace.recorder->intern(redactConninfo(conninfo)))
                                       : 0;
    try {
        QString why;
        const auto seconds = static_cast<int>(
            std::max<qint64>(2, std::chrono::duration_cast<std::chrono::seconds>(m_connectTimeout).count()));
        ConnParams params = buildParams(conninfo, seconds, &why);
        if (params.keys.empty()) {
            throw PgError(u"bad connection string (%1): %2"_s.arg(redactConninfo(conninfo), why));
        }
        if (const QString host = hostToResolve(params); !host.isEmpty()) {
            const QHostInfo info = co_await HostLookup(host, m_token);
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                throw PgError(scrubConninfo(u"cannot connect to %1: cannot resolve '%2': %3"_s.arg(
                                                redactConninfo(conninfo), host, info.errorString()),
                    conninfo));
            }
            // Prefer IPv4 (servers listen on 127.0.0.1 more often than on ::1).
            QHostAddress address = info.addresses().constFirst();
            for (const QHostAddress &a : info.addresses()) {
                if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                    address = a;
                    break;
                }
            }
            addParam(params, "hostaddr", address.toString().toUtf8());
        }
        m_conn = PQconnectStartParams(params.keyPtrs.data(), params.valuePtrs.data(), 0);
        m_server = describeServer(m_conn, conninfo);
        if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
            throw lastError(u"cannot connect"_s);
        }
        const auto deadline = Clock::now() + m_connectTimeout;
        PostgresPollingStatusType state = PGRES_POLLING_WRITING; // libpq: start by waiting to write
        while (state != PGRES_POLLING_OK) {
            if (state == PGRES_POLLING_FAILED) {
                throw lastError(u"cannot connect"_s);
            }
            watchSocket();
            // The connect is ready when the server's last message of the handshake arrived.
            ReadyWatch phase;
            if (state == PGRES_POLLING_READING) {
                phase.arm(PQsocket(m_conn));
            }
            const int why = co_await waitFor(state == PGRES_POLLING_WRITING, deadline);
            if (why == 0 && phase.armed()) {
                readyAt = phase.take(Clock::now());
            }
            if (why == 2) {
                throw Cancelled(u"cancelled while connecting to "_s + m_server);
            }
            if (why == 1) {
                throw PgError(u"cannot connect (%1): no answer within %2 s"_s.arg(m_server).arg(seconds));
            }
            state = PQconnectPoll(m_conn);
        }
        watchSocket();
        if (PQsetnonblocking(m_conn, 1) != 0) {
            throw lastError(u"cannot switch to non-blocking mode"_s);
        }
    } catch (...) {
        close();
        trace.endWithError(span, std::current_exception());
        throw;
    }
    trace.end(span,
        {.detail = trace.recorder ? trace.recorder->intern(m_server) : SpanEnd::kKeepDetail,
            .readyNs = trace.recorder && readyAt != Clock::time_point {} ? trace.recorder->toNs(readyAt)
                                                                         : kUnknownTime});
}

QCoro::Task<PgResult> PgConnection::query(QString sql, QStringList params, Trace trace)
{
    Recorder *rec = trace.recorder;
    const SpanId span = rec
        ? rec->begin(trace.lane, rec->intern(trace.name ? rec->string(trace.name) : shortSql(sql)),
            trace.kind.value_or(SpanKind::Db), rec->intern(sql.simplified()))
        : 0;
    // Whatever way the query ends, a close requested meanwhile happens now.
    struct BusyGuard
    {
        PgConnection *c;
        explicit BusyGuard(PgConnection *conn)
            : c(conn)
        {
            c->m_busy = true;
        }
        ~BusyGuard()
        {
            c->m_busy = false;
            if (std::exchange(c->m_closeWhenIdle, false)) {
                c->close();
            }
        }
    };
    ReadyWatch answer;
    Clock::time_point readyAt {};
    // Answered without a wait (the spin caught it): now, as the loop saw it.
    const auto readyNs = [&] {
        if (readyAt == Clock::time_point {} && answer.armed()) {
            readyAt = answer.take(Clock::now());
        }
        return rec && readyAt != Clock::time_point {} ? rec->toNs(readyAt) : kUnknownTime;
    };
    try {
        if (!m_conn) {
            throw PgError(u"the connection is closed"_s, u"08003"_s);
        }
        BusyGuard busy(this);
        std::vector<QByteArray> values;
        std::vector<const char *> ptrs;
        for (const QString &p : params) {
            values.push_back(p.toUtf8());
        }
        for (const QByteArray &v : values) {
            ptrs.push_back(v.constData());
        }
        // Without parameters, the simple query protocol: one message instead of
        // Parse/Bind/Describe/Execute/Sync (bench_pg_select1: ~25 % more queries per second).
        // With parameters, always bound through the extended protocol.
        const QByteArray text = sql.toUtf8();
        const int sent = ptrs.empty()
            ? PQsendQuery(m_conn, text.constData())
            : PQsendQueryParams(m_conn, text.constData(), static_cast<int>(ptrs.size()), nullptr, ptrs.data(),
                nullptr, nullptr, 0);
        if (sent != 1) {
            throw lastError(u"cannot send the query"_s);
        }
        for (;;) { // flush what libpq could not send at once
            const int flushed = PQflush(m_conn);
            if (flushed == 0) {
                break;
            }
            if (flushed < 0) {
                throw lastError(u"cannot send the query"_s);
            }
            if (co_await waitFor(true, Clock::time_point::max()) == 2) {
                sendCancel();
            }
        }
        // When the answer reached this process: seen by the readiness watcher even while the
        // loop is held by something else (then the query ends later than it was ready).
        answer.arm(PQsocket(m_conn));
        bool cancelled = false;
        std::optional<PgResult> result;
        std::optional<PgError> error;
        struct Awaiting
        {
            Awaiting() { ++t_awaitingAnswers; }
            ~Awaiting() { --t_awaitingAnswers; }
            Awaiting(const Awaiting &) = delete;
            Awaiting &operator=(const Awaiting &) = delete;
        } awaiting;
        spinForAnswer();
        for (;;) {
            while (PQisBusy(m_conn)) {
                const int why = co_await waitFor(
                    false, cancelled ? Clock::now() + std::chrono::seconds(5) : Clock::time_point::max());
                if (why == 0 && answer.armed() && !cancelled) {
                    readyAt = answer.take(Clock::now());
                }
                if (why == 2 && !cancelled) {
                    cancelled = true;
                    answer.disarm(); // what arrives next answers the cancel, not the query
                    sendCancel(); // the server stops the query; its error result follows
                } else if (why == 1) {
                    close(); // the server did not honour the cancel in time
                    throw Cancelled(u"cancelled: "_s + shortSql(sql));
                }
                if (PQconsumeInput(m_conn) != 1) {
                    throw lastError(u"lost the connection"_s);
                }
            }
            PGresult *r = PQgetResult(m_conn);
            if (!r) {
                break;
            }
            const auto status = PQresultStatus(r);
            if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
                result = readResult(r);
            } else if (!error) {
                const QString state = QString::fromUtf8(PQresultErrorField(r, PG_DIAG_SQLSTATE));
                error = PgError(u"%1 (%2): %3 [SQLSTATE %4]"_s.arg(
                                    shortSql(sql), m_server, libpqMessage(PQresultErrorMessage(r)), state),
                    state);
            }
            PQclear(r);
        }
        if (cancelled || m_token.isCancelled()) {
            throw Cancelled(u"cancelled: "_s + shortSql(sql));
        }
        if (error) {
            throw *error;
        }
        if (!result) {
            result = PgResult {};
        }
        if (rec) {
            rec->end(span,
                {.detail = rec->intern(u"%1 · %2 row(s)"_s.arg(result->command).arg(result->rows.size())),
                    .readyNs = readyNs()});
        }
        co_return std::move(*result);
    } catch (...) {
        trace.endWithError(span, std::current_exception(), readyNs());
        throw;
    }
}

void PgConnection::sendCancel()
{
    if (m_conn) {
        cancelOffThread(cancelHandle(m_conn));
    }
}

// ---- PgBlockingConnection ---------------------------------------------------------------

PgBlockingConnection::PgBlockingConnection(CancelToken token)
    : m_token(std::move(token))
{ }

PgBlockingConnection::~PgBlockingConnection()
{
    close();
}

void PgBlockingConnection::close()
{
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
}

void PgBlockingConnection::connect(const QString &conninfo, const Trace &trace)
{
    close();
    Recorder *rec = trace.recorder;
    SpanId span = 0;
    if (rec) {
        Span s;
        s.beginNs = rec->now();
        s.lane = trace.lane;
        s.name = rec->intern(u"connect");
        s.detail = rec->intern(redactConninfo(conninfo));
        s.kind = SpanKind::Connect;
        s.blocking = true;
        span = rec->add(s);
    }
    try {
        m_token.throwIfCancelled();
        QString why;
        ConnParams params = buildParams(conninfo, 10, &why);
        if (params.keys.empty()) {
            throw PgError(u"bad connection string (%1): %2"_s.arg(redactConninfo(conninfo), why));
        }
        m_conn = PQconnectdbParams(params.keyPtrs.data(), params.valuePtrs.data(), 0);
        m_server = describeServer(m_conn, conninfo);
        if (PQstatus(m_conn) != CONNECTION_OK) {
            const QString message = libpqMessage(PQerrorMessage(m_conn));
            close();
            throw PgError(scrubConninfo(u"cannot connect (%1): %2"_s.arg(m_server, message), conninfo));
        }
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
    trace.end(span, {.detail = rec ? rec->intern(m_server) : SpanEnd::kKeepDetail});
}

PgResult PgBlockingConnection::query(const QString &sql, const QStringList &params, const Trace &trace)
{
    Recorder *rec = trace.recorder;
    SpanId span = 0;
    if (rec) {
        Span s;
        s.beginNs = rec->now();
        s.lane = trace.lane;
        s.name = rec->intern(trace.name ? rec->string(trace.name) : shortSql(sql));
        s.detail = rec->intern(sql.simplified());
        s.kind = SpanKind::Db;
        s.blocking = true;
        span = rec->add(s);
    }
    try {
        if (!m_conn) {
            throw PgError(u"the connection is closed"_s, u"08003"_s);
        }
        m_token.throwIfCancelled();
        // A cancel while we are blocked in PQexecParams interrupts the query from another thread.
        const auto registration
            = m_token.onCancel([cancel = cancelHandle(m_conn)] { cancelOffThread(cancel); });
        std::vector<QByteArray> values;
        std::vector<const char *> ptrs;
        for (const QString &p : params) {
            values.push_back(p.toUtf8());
        }
        for (const QByteArray &v : values) {
            ptrs.push_back(v.constData());
        }
        PGresult *r = PQexecParams(m_conn, sql.toUtf8().constData(), static_cast<int>(ptrs.size()), nullptr,
            ptrs.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(r);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            const QString state = QString::fromUtf8(PQresultErrorField(r, PG_DIAG_SQLSTATE));
            const QString message = libpqMessage(r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn));
            PQclear(r);
            if (m_token.isCancelled()) {
                throw Cancelled(u"cancelled: "_s + shortSql(sql));
            }
            throw PgError(u"%1 (%2): %3 [SQLSTATE %4]"_s.arg(shortSql(sql), m_server, message, state), state);
        }
        PgResult result = readResult(r);
        PQclear(r);
        if (rec) {
            rec->end(span,
                {.detail = rec->intern(u"%1 · %2 row(s)"_s.arg(result.command).arg(result.rows.size()))});
        }
        return result;
    } catch (...) {
        trace.endWithError(span, std::current_exception());
        throw;
    }
}

} // namespace Coroscope
