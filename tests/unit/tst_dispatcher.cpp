// SPDX-License-Identifier: MIT
// EpollEventDispatcher keeps Qt's contract: timers (precise, zero, killed mid-pass), socket
// notifiers (enable/disable, many descriptors), posted events from other threads, quit.
// The whole test runs on it: it is installed as the main thread's dispatcher.

#include "async/epolldispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTest>
#include <QTimer>

#include <numeric>
#include <thread>
#include <unistd.h>

using namespace Coroscope;
using namespace std::chrono_literals;

namespace {

struct Pipe
{
    int fds[2] = {-1, -1};
    Pipe() { QVERIFY(::pipe(fds) == 0); }
    ~Pipe()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    void poke() const { QCOMPARE(::write(fds[1], "x", 1), ssize_t(1)); }
    void drain() const
    {
        char c = 0;
        QCOMPARE(::read(fds[0], &c, 1), ssize_t(1));
    }
};

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void installed() { QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance())); }

    void preciseTimerIsNeverEarlyAndOnTime()
    {
        QElapsedTimer t;
        QEventLoop loop;
        qint64 firedAfterNs = 0;
        t.start();
        QTimer::singleShot(50ms, Qt::PreciseTimer, &loop, [&] {
            firedAfterNs = t.nsecsElapsed();
            loop.quit();
        });
        loop.exec();
        QVERIFY2(firedAfterNs >= 50'000'000, qPrintable(QString::number(firedAfterNs)));
        QVERIFY2(firedAfterNs < 60'000'000, qPrintable(QString::number(firedAfterNs)));
    }

    void zeroTimerDoesNotStarvePostedEvents()
    {
        QEventLoop loop;
        int ticks = 0;
        int posted = 0;
        QTimer zero;
        zero.setInterval(0);
        connect(&zero, &QTimer::timeout, &loop, [&] { ++ticks; });
        zero.start();
        std::function<void()> post = [&] {
            if (++posted < 100) {
                QMetaObject::invokeMethod(&loop, post, Qt::QueuedConnection);
            } else {
                loop.quit();
            }
        };
        QMetaObject::invokeMethod(&loop, post, Qt::QueuedConnection);
        QTimer::singleShot(2s, &loop, [&] { loop.quit(); });
        loop.exec();
        QCOMPARE(posted, 100);
        QVERIFY(ticks >= 10); // a 0 ms timer fires once per pass, and passes keep coming
    }

    void timerKilledByAnotherInTheSamePassDoesNotFire()
    {
        QEventLoop loop;
        QTimer a;
        QTimer b;
        for (QTimer *t : {&a, &b}) {
            t->setSingleShot(true);
            t->setTimerType(Qt::PreciseTimer);
            t->setInterval(20);
        }
        int fired = 0;
        connect(&a, &QTimer::timeout, &loop, [&] {
            ++fired;
            b.stop();
            a.stop();
        });
        connect(&b, &QTimer::timeout, &loop, [&] {
            ++fired;
            a.stop();
        });
        a.start();
        b.start();
        QTimer::singleShot(100ms, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(fired, 1);
    }

    void remainingTimeAndRegisteredTimers()
    {
        QTimer t;
        t.setTimerType(Qt::PreciseTimer);
        t.start(200);
        const int left = t.remainingTime();
        QVERIFY2(left > 150 && left <= 200, qPrintable(QString::number(left)));
        const auto timers = QAbstractEventDispatcher::instance()->registeredTimers(&t);
        QCOMPARE(timers.size(), 1);
        QCOMPARE(timers.first().interval, 200);
        t.stop();
        QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(&t).isEmpty());
    }

    void postFromAnotherThreadWakesTheLoop()
    {
        QEventLoop loop;
        QElapsedTimer t;
        qint64 wokenAfterNs = 0;
        t.start();
        std::thread other([&] {
            std::this_thread::sleep_for(30ms);
            QMetaObject::invokeMethod(
                &loop,
                [&] {
                    wokenAfterNs = t.nsecsElapsed();
                    loop.quit();
                },
                Qt::QueuedConnection);
        });
        QTimer::singleShot(5s, &loop, &QEventLoop::quit); // the only timer: far away
        loop.exec();
        other.join();
        QVERIFY2(wokenAfterNs >= 30'000'000 && wokenAfterNs < 45'000'000,
            qPrintable(QString::number(wokenAfterNs)));
    }

    void socketNotifiersFireWhileEnabled()
    {
        Pipe pipe;
        QSocketNotifier notifier(pipe.fds[0], QSocketNotifier::Read);
        int activations = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            ++activations;
            pipe.drain();
        });
        pipe.poke();
        QTRY_COMPARE(activations, 1);
        notifier.setEnabled(false);
        pipe.poke();
        QTest::qWait(50);
        QCOMPARE(activations, 1);
        notifier.setEnabled(true); // level-triggered: the byte waiting is reported now
        QTRY_COMPARE(activations, 2);
    }

    void oneReadyAmongThousandsIsDelivered()
    {
        std::vector<std::unique_ptr<Pipe>> pipes;
        std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
        std::vector<int> hits(2000, 0);
        for (int i = 0; i < 2000; ++i) {
            pipes.push_back(std::make_unique<Pipe>());
            notifiers.push_back(
                std::make_unique<QSocketNotifier>(pipes.back()->fds[0], QSocketNotifier::Read));
            connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
                ++hits[static_cast<std::size_t>(i)];
                pipes[static_cast<std::size_t>(i)]->drain();
            });
        }
        pipes[1234]->poke();
        pipes[7]->poke();
        QTRY_COMPARE(hits[1234], 1);
        QTRY_COMPARE(hits[7], 1);
        QCOMPARE(std::accumulate(hits.begin(), hits.end(), 0), 2);
        // A notifier deleted while another on the same pass is being delivered.
        pipes[10]->poke();
        pipes[11]->poke();
        connect(notifiers[10].get(), &QSocketNotifier::activated, this, [&] { notifiers[11].reset(); });
        QTRY_COMPARE(hits[10], 1);
        QTest::qWait(20);
        QVERIFY(hits[11] <= 1);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_dispatcher.moc"
