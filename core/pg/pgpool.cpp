// SPDX-License-Identifier: MIT
#include "pgpool.h"

#include "async/sleep.h"

#include <QObject>
#include <QTimer>

#include <deque>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace Coroscope {

namespace {

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(static_cast<double>(ms.count()) / 1000.0, 'g', 4);
}

} // namespace

struct PgPool::Impl
{
    struct Slot
    {
        std::unique_ptr<PgConnection> conn;
        LaneId lane = 0;
        bool live = false; ///< has a connection, open or opening
        bool busy = false; ///< checked out, being prepared or being reset
        SpanId checkout = 0; ///< the open checkout span on the slot's lane
        /// Counts the slot's owners: a task that took the slot remembers it, and may discard
        /// the slot only if nobody has taken it since (a failed connect discards its slot at
        /// once, and a waiting task may reuse it before the failure reaches acquire()).
        quint64 generation = 0;
    };

    /// A task waiting for a connection: handed a slot, told that capacity freed up (slot -1,
    /// it may open a connection), or failed.
    struct Waiter
    {
        std::coroutine_handle<> handle;
        int slot = -1;
        bool timedOut = false;
        bool cancelled = false;
        std::exception_ptr error;
        QObject *context = nullptr; // the timeout timer's and cancel watch's; deleteLater'd
        std::unique_ptr<CancelWatch> watch;
    };

    class WaitAwaiter;

    PgPoolOptions options;
    CancelToken token;
    Recorder *rec = nullptr;
    std::vector<Slot> slots;
    std::deque<int> idle;
    std::deque<std::shared_ptr<Waiter>> waiters;
    std::coroutine_handle<> drainWaiter;
    bool closed = false;
    int created = 0;
    int lost = 0;
    int reconnects = 0;
    int checkouts = 0;

    [[nodiscard]] int size() const
    {
        return static_cast<int>(
            std::count_if(slots.begin(), slots.end(), [](const Slot &s) { return s.live; }));
    }
    /// Connections made and usable as far as libpq knows (not those still connecting).
    [[nodiscard]] int healthy() const
    {
        return static_cast<int>(std::count_if(
            slots.begin(), slots.end(), [](const Slot &s) { return s.conn && s.conn->isHealthy(); }));
    }
    [[nodiscard]] int busy() const
    {
        return static_cast<int>(
            std::count_if(slots.begin(), slots.end(), [](const Slot &s) { return s.busy; }));
    }
    [[nodiscard]] PgError closedError() const { return PgError(u"pool '%1' is closed"_s.arg(options.name)); }

    /// A slot for a new connection (reusing a dead one's lane), live and busy.
    int reserveSlot()
    {
        auto it = std::find_if(slots.begin(), slots.end(), [](const Slot &s) { return !s.live; });
        if (it == slots.end()) {
            Slot slot;
            if (rec) {
                slot.lane = rec->addLane(
                    u"%1 conn %2"_s.arg(options.name).arg(slots.size() + 1), LaneKind::Connection);
            }
            slots.push_back(std::move(slot));
            it = std::prev(slots.end());
        }
        it->live = true;
        it->busy = true;
        ++it->generation;
        return static_cast<int>(it - slots.begin());
    }

    void laneMark(int slot, const QString &name, const QString &detail)
    {
        if (rec) {
            rec->mark(slots[slot].lane, rec->intern(name), rec->intern(detail));
        }
    }

    /// A connect failure that may pass: the server is down, restarting or overloaded.
    static bool mayPass(const QString &message)
    {
        static const char16_t *const transient[] = {u"Connection refused", u"No such file or directory",
            u"the database system is", u"server closed the connection unexpectedly",
            u"terminating connection", u"no answer within", u"too many clients", u"Connection reset"};
        return std::any_of(std::begin(transient), std::end(transient),
            [&](const char16_t *t) { return message.contains(QStringView(t)); });
    }

    /// Opens the slot's connection; `trace` is the task waiting for it (if any). Failures that
    /// may pass are retried with exponential backoff; the last failure discards the slot, and
    /// when the pool has no connection left, the tasks waiting for one get that failure too
    /// (they would only repeat it).
    QCoro::Task<> connectSlot(int slot, Trace trace)
    {
        const Trace laneTrace {rec, slots[slot].lane, 0, 0};
        // The task's lane: its first attempt as a `connect` bar, then one `reconnecting` bar
        // over all the retries (each attempt is on the connection's lane).
        Recorder *taskRec = trace.recorder;
        SpanId retrying = 0;
        for (int attempt = 0;; ++attempt) {
            slots[slot].conn = std::make_unique<PgConnection>(token, options.connectTimeout);
            PgConnection *conn = slots[slot].conn.get();
            const SpanId span
                = rec ? rec->begin(laneTrace.lane, rec->intern(u"connect"), SpanKind::Connect) : 0;
            std::exception_ptr error;
            QString why;
            try {
                co_await conn->connect(options.conninfo, attempt == 0 ? trace : Trace {});
            } catch (const Cancelled &) {
                error = std::current_exception();
            } catch (const Error &e) {
                error = std::current_exception();
                why = e.message();
            } catch (...) {
                error = std::current_exception();
            }
            if (!error) {
                laneTrace.end(span);
                if (retrying) {
                    taskRec->end(
                        retrying, {.detail = taskRec->intern(u"connected at attempt %1"_s.arg(attempt + 1))});
                }
                break;
            }
            laneTrace.endWithError(span, error);
            if (why.isEmpty() || !mayPass(why) || closed || attempt >= options.reconnectAttempts) {
                if (retrying) {
                    trace.endWithError(retrying, error);
                }
                // No connection made or in use: the tasks waiting would only repeat this.
                if (!why.isEmpty() && healthy() == 0 && !closed) {
                    failWaiters(error);
                }
                discard(slot);
                std::rethrow_exception(error);
            }
            const auto wait = options.reconnectBackoff * (1 << std::min(attempt, 10));
            ++reconnects;
            laneMark(slot, u"reconnecting"_s,
                u"attempt %1 of %2 in %3 s: %4"_s.arg(attempt + 2)
                    .arg(options.reconnectAttempts + 1)
                    .arg(seconds(wait), why));
            if (taskRec && !retrying) {
                retrying = taskRec->begin(trace.lane, taskRec->intern(u"reconnecting"), SpanKind::Connect,
                    taskRec->intern(u"the server cannot be reached: trying again with backoff"));
            }
            slots[slot].conn.reset();
            try {
                co_await sleepFor(wait, token);
            } catch (...) {
                if (retrying) {
                    trace.endWithError(retrying, std::current_exception());
                }
                discard(slot);
                throw;
            }
        }
        ++created;
        if (closed) {
            discard(slot);
            throw closedError();
        }
    }

    /// SELECT 1 on a reused connection; a dead one is replaced. Never an error for the task:
    /// the round trip shows as a `setup` span saying what it found.
    QCoro::Task<> prePing(int slot, Trace trace)
    {
        PgConnection *conn = slots[slot].conn.get();
        const Trace pingTrace {trace.recorder, trace.lane, rec ? rec->intern(u"pre-ping") : 0, 0};
        const SpanId span = pingTrace.begin(SpanKind::Setup);
        QString problem;
        try {
            if (!conn->isHealthy()) {
                throw PgError(u"the connection is broken"_s);
            }
            co_await conn->query(u"SELECT 1"_s);
        } catch (const PgError &e) {
            problem = e.message();
        }
        if (problem.isEmpty()) {
            pingTrace.end(span, {.detail = rec ? rec->intern(u"SELECT 1: alive"_s) : 0});
            co_return;
        }
        ++lost;
        laneMark(slot, u"lost"_s, problem);
        pingTrace.end(span,
            {.detail = rec ? rec->intern(u"SELECT 1 failed, replacing the connection: "_s + problem) : 0});
        slots[slot].conn.reset();
        co_await connectSlot(slot, trace);
    }

    /// Connect / health check / setup for a slot just taken, then the checkout span.
    QCoro::Task<> prepare(int slot, Trace trace)
    {
        if (!slots[slot].conn) {
            co_await connectSlot(slot, trace);
        } else if (options.prePing) { // it sat idle: the server may have dropped it meanwhile
            co_await prePing(slot, trace);
        }
        if (rec) {
            const QString task = trace.recorder ? rec->laneName(trace.lane) : u"a task"_s;
            slots[slot].checkout = rec->begin(slots[slot].lane, rec->intern(task), SpanKind::Checkout,
                rec->intern(u"checked out by "_s + task));
        }
        ++checkouts;
        if (options.setup) {
            Trace setupTrace = trace;
            setupTrace.kind = SpanKind::Setup;
            co_await options.setup(*slots[slot].conn, setupTrace);
        }
    }

    /// Closes the slot's connection and frees its place; a waiting task may open a new one.
    void discard(int slot)
    {
        Slot &s = slots[slot];
        if (rec && s.checkout) {
            rec->end(std::exchange(s.checkout, 0));
        }
        s.conn.reset();
        s.live = false;
        s.busy = false;
        idle.erase(std::remove(idle.begin(), idle.end(), slot), idle.end());
        if (!closed && !waiters.empty()) {
            wake(-1);
        } else {
            checkDrained();
        }
    }

    /// The slot goes to the first waiting task, or idle.
    void handOver(int slot)
    {
        if (!waiters.empty()) {
            wake(slot);
            return;
        }
        slots[slot].busy = false;
        idle.push_back(slot);
        checkDrained();
    }

    void wake(int slot)
    {
        const std::shared_ptr<Waiter> w = waiters.front();
        waiters.pop_front();
        w->slot = slot;
        w->handle.resume();
    }

    void failWaiters(std::exception_ptr error = {})
    {
        while (!waiters.empty()) {
            const std::shared_ptr<Waiter> w = waiters.front();
            waiters.pop_front();
            w->error = error ? error : std::make_exception_ptr(closedError());
            w->handle.resume();
        }
    }

    void closeIdle()
    {
        while (!idle.empty()) {
            const int slot = idle.front();
            idle.pop_front();
            slots[slot].conn.reset();
            slots[slot].live = false;
            slots[slot].busy = false;
        }
    }

    void checkDrained()
    {
        if (closed && drainWaiter && busy() == 0) {
            std::exchange(drainWaiter, {}).resume();
        }
    }

    /// Ends the checkout, runs the reset, and hands the connection on (or closes it).
    static QCoro::Task<> giveBack(std::shared_ptr<Impl> self, int slot)
    {
        Slot &s = self->slots[slot];
        if (self->rec && s.checkout) {
            self->rec->end(std::exchange(s.checkout, 0));
        }
        PgConnection *conn = s.conn.get();
        const LaneId lane = s.lane;
        bool healthy = conn && conn->isHealthy();
        if (!healthy && conn) {
            ++self->lost; // broke while in use (the server went away)
            self->laneMark(slot, u"lost"_s, u"the connection broke while checked out"_s);
        }
        if (healthy && !self->closed && !self->options.resetSql.isEmpty()) {
            Trace reset {self->rec, lane, 0, 0};
            reset.kind = SpanKind::Setup;
            try {
                co_await conn->query(self->options.resetSql, {}, reset);
            } catch (...) {
                healthy = false; // not reusable in an unknown state: discarded
            }
        }
        if (!healthy || self->closed) {
            self->discard(slot);
        } else {
            self->handOver(slot);
        }
    }
};

class PgPool::Impl::WaitAwaiter
{
public:
    WaitAwaiter(Impl *impl, std::shared_ptr<Waiter> waiter, Clock::time_point deadline)
        : m_impl(impl)
        , m_waiter(std::move(waiter))
        , m_deadline(deadline)
    { }
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle)
    {
        m_waiter->handle = handle;
        m_impl->waiters.push_back(m_waiter);
        m_waiter->context = new QObject;
        Impl *impl = m_impl;
        std::weak_ptr<Waiter> weak = m_waiter;
        // Timing out and cancelling take the waiter out of the queue; a waiter no longer in
        // it has been handed a connection (or failed) already.
        auto leave = [impl, weak](bool timedOut) {
            const std::shared_ptr<Waiter> w = weak.lock();
            if (!w) {
                return;
            }
            const auto it = std::find(impl->waiters.begin(), impl->waiters.end(), w);
            if (it == impl->waiters.end()) {
                return;
            }
            impl->waiters.erase(it);
            (timedOut ? w->timedOut : w->cancelled) = true;
            w->handle.resume();
        };
        const auto ms = std::max<qint64>(
            0, std::chrono::ceil<std::chrono::milliseconds>(m_deadline - Clock::now()).count());
        QTimer::singleShot(
            std::chrono::milliseconds(ms), Qt::PreciseTimer, m_waiter->context, [leave] { leave(true); });
        m_waiter->watch
            = std::make_unique<CancelWatch>(m_impl->token, m_waiter->context, [leave] { leave(false); });
    }
    void await_resume()
    {
        m_waiter->watch.reset();
        if (m_waiter->context) {
            std::exchange(m_waiter->context, nullptr)->deleteLater();
        }
    }

private:
    Impl *m_impl;
    std::shared_ptr<Waiter> m_waiter;
    Clock::time_point m_deadline;
};

PgPool::PgPool(PgPoolOptions options, CancelToken token, Recorder *recorder)
    : d(std::make_shared<Impl>())
{
    d->options = std::move(options);
    d->options.minSize = std::max(0, d->options.minSize);
    d->options.maxSize = std::max({1, d->options.maxSize, d->options.minSize});
    d->token = std::move(token);
    d->rec = recorder;
}

PgPool::~PgPool()
{
    d->closed = true;
    d->failWaiters();
    d->closeIdle();
}

const PgPoolOptions &PgPool::options() const
{
    return d->options;
}

PgPoolStats PgPool::stats() const
{
    return PgPoolStats {
        .size = d->size(),
        .inUse = d->busy(),
        .idle = static_cast<int>(d->idle.size()),
        .waiting = static_cast<int>(d->waiters.size()),
        .created = d->created,
        .lost = d->lost,
        .reconnects = d->reconnects,
        .checkouts = d->checkouts,
    };
}

QList<int> PgPool::idleBackendPids() const
{
    QList<int> pids;
    for (const int slot : d->idle) {
        pids.append(d->slots[slot].conn->backendPid());
    }
    return pids;
}

QCoro::Task<> PgPool::open()
{
    const std::shared_ptr<Impl> impl = d;
    std::vector<int> opening;
    while (impl->size() < impl->options.minSize) {
        opening.push_back(impl->reserveSlot());
    }
    std::vector<QCoro::Task<>> connects;
    for (const int slot : opening) {
        connects.push_back(impl->connectSlot(slot, {})); // they connect at once, side by side
    }
    std::exception_ptr first;
    for (std::size_t i = 0; i < connects.size(); ++i) {
        try {
            co_await connects[i];
            impl->handOver(opening[i]);
        } catch (...) {
            first = first ? first : std::current_exception();
        }
    }
    if (first) {
        std::rethrow_exception(first);
    }
}

QCoro::Task<PgPool::Lease> PgPool::acquire(Trace trace)
{
    const std::shared_ptr<Impl> impl = d;
    const PgPoolOptions &o = impl->options;
    const Clock::time_point deadline = Clock::now() + o.acquireTimeout;
    int slot = -1;
    SpanId waitSpan = 0;
    Recorder *rec = trace.recorder;
    const auto endWait = [&](const std::exception_ptr &error = {}) {
        if (waitSpan) {
            // A slot is handed over inside the release that frees it: ready = now.
            error ? trace.endWithError(waitSpan, error) : trace.end(waitSpan, {.readyNs = trace.now()});
            waitSpan = 0;
        }
    };
    for (;;) {
        if (impl->closed) {
            endWait(std::make_exception_ptr(impl->closedError()));
            throw impl->closedError();
        }
        if (!impl->idle.empty()) {
            slot = impl->idle.front();
            impl->idle.pop_front();
            impl->slots[slot].busy = true;
            break;
        }
        if (impl->size() < o.maxSize) {
            slot = impl->reserveSlot();
            break;
        }
        if (o.maxWaiting > 0 && static_cast<int>(impl->waiters.size()) >= o.maxWaiting) {
            const PgError full(
                u"pool '%1': %2 tasks are waiting for a connection already (max_waiting=%2)"_s.arg(
                    o.name, QString::number(o.maxWaiting)));
            endWait(std::make_exception_ptr(full));
            throw full;
        }
        if (rec && !waitSpan) {
            waitSpan = rec->begin(trace.lane, rec->intern(u"waiting for a connection"), SpanKind::Acquire,
                rec->intern(u"all %1 connections of '%2' in use"_s.arg(o.maxSize).arg(o.name)));
        }
        auto waiter = std::make_shared<Impl::Waiter>();
        co_await Impl::WaitAwaiter(impl.get(), waiter, deadline);
        if (waiter->cancelled) {
            const auto error = std::make_exception_ptr(Cancelled());
            endWait(error);
            std::rethrow_exception(error);
        }
        if (waiter->timedOut) {
            const auto others = impl->waiters.size();
            const PgError error(
                u"pool '%1': no connection within %2 s (all %3 in use, max_size=%3; %4 waiting)"_s.arg(o.name,
                    seconds(o.acquireTimeout), QString::number(o.maxSize),
                    others == 0 ? u"no other task"_s
                                : u"%1 other task%2"_s.arg(others).arg(others == 1 ? u""_s : u"s"_s)));
            endWait(std::make_exception_ptr(error));
            throw error;
        }
        if (waiter->error) {
            endWait(waiter->error);
            std::rethrow_exception(waiter->error);
        }
        if (waiter->slot >= 0) {
            slot = waiter->slot; // handed over, still busy
            break;
        }
        // A connection was discarded: there is room to open one; look again.
    }
    endWait();
    const quint64 generation = impl->slots[slot].generation;
    try {
        co_await impl->prepare(slot, trace);
    } catch (...) {
        // Half-prepared (the setup failed): not reusable as it is. A failed connect has
        // discarded the slot already, and another task may have taken it since: not ours.
        const Impl::Slot &s = impl->slots[slot];
        if (s.live && s.generation == generation) {
            impl->discard(slot);
        }
        throw;
    }
    co_return Lease(impl, slot);
}

QCoro::Task<> PgPool::close()
{
    const std::shared_ptr<Impl> impl = d;
    impl->closed = true;
    impl->failWaiters();
    impl->closeIdle();
    struct DrainAwaiter
    {
        explicit DrainAwaiter(Impl *i)
            : impl(i)
        { }
        Impl *impl;
        bool await_ready() const noexcept { return impl->busy() == 0; }
        void await_suspend(std::coroutine_handle<> h) noexcept { impl->drainWaiter = h; }
        void await_resume() const noexcept { }
    };
    DrainAwaiter drained(impl.get());
    co_await drained;
}

PgPool::Lease::Lease(std::shared_ptr<Impl> impl, int slot)
    : m_impl(std::move(impl))
    , m_slot(slot)
{ }

PgPool::Lease::Lease(Lease &&other) noexcept
    : m_impl(std::move(other.m_impl))
    , m_slot(std::exchange(other.m_slot, -1))
{ }

PgPool::Lease &PgPool::Lease::operator=(Lease &&other) noexcept
{
    if (this != &other) {
        if (m_impl) {
            Impl::giveBack(std::move(m_impl), m_slot);
        }
        m_impl = std::move(other.m_impl);
        m_slot = std::exchange(other.m_slot, -1);
    }
    return *this;
}

PgPool::Lease::~Lease()
{
    if (m_impl) {
        // Runs on by itself (a QCoro task frees its frame when it finishes).
        Impl::giveBack(std::move(m_impl), m_slot);
    }
}

PgConnection &PgPool::Lease::operator*() const
{
    return *m_impl->slots[m_slot].conn;
}

QCoro::Task<> PgPool::Lease::release()
{
    if (m_impl) {
        co_await Impl::giveBack(std::exchange(m_impl, {}), m_slot);
    }
}

} // namespace Coroscope
