// SPDX-License-Identifier: MIT
#include "epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <array>
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace Coroscope {

namespace {
constexpr int kWakeTag = -1; // epoll data for the wake-up eventfd
} // namespace

bool useEpollDispatcher()
{
    static const bool epoll = qgetenv("COROSCOPE_DISPATCHER") != "qt";
    return epoll;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0) {
        qFatal("EpollEventDispatcher: cannot create epoll/eventfd (errno %d)", errno);
    }
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.fd = kWakeTag;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

void EpollEventDispatcher::updateInterest(int fd, Notifiers &n)
{
    quint32 want = 0;
    if (n.read) {
        want |= EPOLLIN;
    }
    if (n.write) {
        want |= EPOLLOUT;
    }
    if (n.exception) {
        want |= EPOLLPRI;
    }
    if (want == n.events) {
        return;
    }
    epoll_event ev {};
    ev.events = want;
    ev.data.fd = fd;
    if (want == 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    } else if (n.events == 0) {
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) < 0 && errno == EEXIST) {
            ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
        }
    } else if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) < 0 && errno == ENOENT) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev); // the descriptor was closed and reused
    }
    n.events = want;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = static_cast<int>(notifier->socket());
    Notifiers &n = m_sockets[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        n.read = notifier;
        break;
    case QSocketNotifier::Write:
        n.write = notifier;
        break;
    case QSocketNotifier::Exception:
        n.exception = notifier;
        break;
    }
    updateInterest(fd, n);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = static_cast<int>(notifier->socket());
    const auto it = m_sockets.find(fd);
    if (it == m_sockets.end()) {
        return;
    }
    Notifiers &n = it->second;
    if (n.read == notifier) {
        n.read = nullptr;
    } else if (n.write == notifier) {
        n.write = nullptr;
    } else if (n.exception == notifier) {
        n.exception = nullptr;
    }
    updateInterest(fd, n);
    if (!n.read && !n.write && !n.exception) {
        m_sockets.erase(it);
    }
}

void EpollEventDispatcher::registerTimer(
    int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    Timer t {interval, timerType, object, Clock::now() + std::chrono::milliseconds(interval)};
    m_deadlines.emplace(t.deadline, timerId);
    m_timers[timerId] = t;
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end()) {
        return false;
    }
    m_deadlines.erase({it->second.deadline, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_deadlines.erase({it->second.deadline, it->first});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const auto &[id, t] : m_timers) {
        if (t.object == object) {
            list.append(TimerInfo(id, static_cast<int>(t.interval), t.type));
        }
    }
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end()) {
        return -1;
    }
    const auto left
        = std::chrono::ceil<std::chrono::milliseconds>(it->second.deadline - Clock::now()).count();
    return static_cast<int>(std::max<qint64>(0, left));
}

void EpollEventDispatcher::wakeUp()
{
    if (!m_wakeUps.exchange(true, std::memory_order_acq_rel)) {
        const quint64 one = 1;
        [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_release);
    wakeUp();
}

int EpollEventDispatcher::waitTimeoutMs() const
{
    if (m_deadlines.empty()) {
        return -1;
    }
    // Round up: a precise timer must never fire early.
    const auto left
        = std::chrono::ceil<std::chrono::milliseconds>(m_deadlines.begin()->first - Clock::now()).count();
    return static_cast<int>(std::clamp<qint64>(left, 0, 24 * 3600 * 1000));
}

int EpollEventDispatcher::activateTimers()
{
    // The timers due now, each fired once in this pass (a 0 ms timer fires once per pass).
    const auto now = Clock::now();
    m_due.clear();
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it) {
        m_due.push_back(it->second);
    }
    int fired = 0;
    for (const int id : m_due) {
        const auto it = m_timers.find(id);
        if (it == m_timers.end()) {
            continue; // killed by an earlier timer's handler
        }
        Timer &t = it->second;
        m_deadlines.erase({t.deadline, id});
        // The next deadline: one interval after this one, or after now if we fell behind.
        t.deadline += std::chrono::milliseconds(t.interval);
        const auto current = Clock::now();
        if (t.deadline < current) {
            t.deadline = current + std::chrono::milliseconds(t.interval);
        }
        m_deadlines.emplace(t.deadline, id);
        QObject *object = t.object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event); // may kill or add timers
        ++fired;
    }
    return fired;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_release);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool wait
        = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.load(std::memory_order_acquire);
    int timeout = 0;
    if (wait) {
        timeout = flags.testFlag(QEventLoop::X11ExcludeTimers) ? -1 : waitTimeoutMs();
        Q_EMIT aboutToBlock();
    }
    std::array<epoll_event, 256> events {};
    int n = 0;
    do {
        n = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), timeout);
    } while (n < 0 && errno == EINTR);
    if (wait) {
        Q_EMIT awake();
    }

    int handled = 0;
    for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<std::size_t>(i)].data.fd;
        if (fd == kWakeTag) {
            quint64 value = 0;
            [[maybe_unused]] const auto read = ::read(m_wakeFd, &value, sizeof value);
            m_wakeUps.store(false, std::memory_order_release);
            QCoreApplication::sendPostedEvents();
            ++handled;
            continue;
        }
        if (flags.testFlag(QEventLoop::ExcludeSocketNotifiers)) {
            continue;
        }
        const quint32 what = events[static_cast<std::size_t>(i)].events;
        // Look the notifiers up again before each: a handler may disable or delete the others.
        auto deliver = [&](QSocketNotifier *Notifiers::*which) {
            const auto it = m_sockets.find(fd);
            if (it == m_sockets.end()) {
                return;
            }
            if (QSocketNotifier *notifier = it->second.*which) {
                QEvent event(QEvent::SockAct);
                QCoreApplication::sendEvent(notifier, &event);
                ++handled;
            }
        };
        if (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
            deliver(&Notifiers::read);
        }
        if (what & (EPOLLOUT | EPOLLHUP | EPOLLERR)) {
            deliver(&Notifiers::write);
        }
        if (what & EPOLLPRI) {
            deliver(&Notifiers::exception);
        }
    }
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers)) {
        handled += activateTimers();
    }
    return handled > 0;
}

} // namespace Coroscope
