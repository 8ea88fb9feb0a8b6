// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractEventDispatcher>

#include <atomic>
#include <chrono>
#include <set>
#include <unordered_map>
#include <vector>

namespace Coroscope {

/**
 * An event dispatcher for worker threads with thousands of sockets (an HTTP fan-out, the delay
 * server): epoll instead of poll(). Qt 6.4's UNIX dispatcher rebuilds and polls the whole
 * descriptor list on every wake-up and keeps timers in a sorted list (QAbstractSocket starts a
 * connect timer per connection), so 10 000 connections cost O(n) per event; here a wake-up
 * costs what is ready, and timers sit in an ordered set (O(log n)).
 *
 * Same contract as Qt's dispatchers: posted events first, then ready sockets (QEvent::SockAct
 * to the notifier), then due timers (QTimerEvent), millisecond timer precision (precise timers
 * never fire early; coarse ones are treated as precise), wakeUp() and interrupt() from any thread.
 * For threads without a GUI (no window system events).
 */
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    [[nodiscard]] QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;
    struct Notifiers
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events = 0; ///< what epoll watches for this descriptor now
    };
    struct Timer
    {
        qint64 interval = 0; ///< ms
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        Clock::time_point deadline;
    };

    void updateInterest(int fd, Notifiers &n);
    int activateTimers();
    [[nodiscard]] int waitTimeoutMs() const;

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakeUps {false};
    std::atomic<bool> m_interrupted {false};
    std::unordered_map<int, Notifiers> m_sockets;
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<Clock::time_point, int>> m_deadlines;
    std::vector<int> m_due; // reused between passes
};

/// Whether worker threads (runs, the delay server) use EpollEventDispatcher: yes, unless
/// COROSCOPE_DISPATCHER=qt asks for Qt's own (to compare).
[[nodiscard]] bool useEpollDispatcher();

} // namespace Coroscope
