// SPDX-License-Identifier: MIT
#include "runner.h"

#include <QCoreApplication>

#include "async/epolldispatcher.h"
#include "async/errors.h"
#include "experiment.h"
#include "runcontext.h"
#include "timeline/stats.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcRunner, "coroscope.runner", QtInfoMsg)

namespace Coroscope {

namespace {

constexpr auto kHeartbeat = 5ms;
constexpr qint64 kStallThresholdNs = 20'000'000;
constexpr auto kLeftoverGrace = 2s;

QString stallDetail(qint64 gapNs)
{
    return u"no event handled for %1 ms"_s.arg(static_cast<double>(gapNs) / 1e6, 0, 'f', 1);
}

/// The loop lane: a 5 ms precise heartbeat on the run's loop; every gap over 20 ms becomes a
/// `stall` span (the loop could not run anything in that time).
class Heartbeat : public QObject
{
public:
    Heartbeat(Recorder &recorder, LaneId lane)
        : m_recorder(recorder)
        , m_lane(lane)
        , m_name(recorder.intern(u"loop blocked"))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kHeartbeat);
        connect(&m_timer, &QTimer::timeout, this, [this] { check(m_recorder.now()); });
    }

    void start()
    {
        m_last = m_recorder.now();
        m_timer.start();
    }

    /// Called on every tick and once at the end of the run.
    void check(qint64 now)
    {
        const qint64 gap = now - m_last;
        m_maxLateness = std::max(m_maxLateness, gap - qint64(std::chrono::nanoseconds(kHeartbeat).count()));
        if (gap > kStallThresholdNs) {
            m_recorder.add(Span {.beginNs = m_last,
                .endNs = now,
                .lane = m_lane,
                .name = m_name,
                .detail = m_recorder.intern(stallDetail(gap)),
                .kind = SpanKind::Stall});
        }
        m_last = now;
    }

    void stop() { m_timer.stop(); }
    [[nodiscard]] qint64 maxLateness() const { return std::max<qint64>(m_maxLateness, 0); }

private:
    Recorder &m_recorder;
    LaneId m_lane;
    StrId m_name;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_maxLateness = 0;
};

struct DriveResult
{
    bool done = false;
    RunStatus status = RunStatus::Ok;
    QString error;
    qint64 endNs = 0;
};

QCoro::Task<> drive(const Experiment *experiment, RunContext *ctx, DriveResult *result, QEventLoop *loop)
{
    try {
        co_await experiment->run(*ctx);
        result->status = RunStatus::Ok;
    } catch (const Cancelled &e) {
        result->status = RunStatus::Cancelled;
        result->error = e.message();
    } catch (const Error &e) {
        result->status = RunStatus::Failed;
        result->error = e.message();
    } catch (const std::exception &e) {
        result->status = RunStatus::Failed;
        result->error = QString::fromUtf8(e.what());
    }
    result->endNs = ctx->recorder().now();
    result->done = true;
    QMetaObject::invokeMethod(loop, &QEventLoop::quit, Qt::QueuedConnection);
}

} // namespace

struct RunJob
{
    const Experiment *experiment = nullptr;
    Params params;
    std::shared_ptr<Recorder> recorder;
    CancelToken token;
    RunData result;
};

namespace {

/// Body of the run's worker thread: its own event loop, heartbeat, experiment and clean-up.
void executeRun(RunJob &job)
{
    Recorder &rec = *job.recorder;
    const Experiment &experiment = *job.experiment;
    const CancelToken &userToken = job.token;
    RunData &out = job.result;
    experiment.prepare(job.params);
    rec.setOrigin(std::chrono::steady_clock::now());
    QEventLoop loop;
    const LaneId loopLane = rec.addLane(u"event loop"_s, LaneKind::Loop);
    // The run's own token: cancelled by the user, or by us for tasks left running at the end.
    const CancelToken token = userToken.child();
    DriveResult result;
    {
        RunContext ctx(job.recorder, token, job.params);
        Heartbeat heartbeat(rec, loopLane);
        heartbeat.start();
        QCoro::Task<> main = drive(&experiment, &ctx, &result, &loop);
        loop.exec();

        // Like asyncio.run(): tasks still pending when main returns are cancelled.
        if (rec.openCount(LaneKind::Task) > 0) {
            qCDebug(lcRunner) << "cancelling tasks left running by" << experiment.id();
            token.cancel();
            QTimer poll;
            poll.setInterval(1);
            const auto deadline = std::chrono::steady_clock::now() + kLeftoverGrace;
            QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
                if (rec.openCount(LaneKind::Task) == 0 || std::chrono::steady_clock::now() > deadline) {
                    loop.quit();
                }
            });
            poll.start();
            loop.exec();
        }
        heartbeat.check(rec.now());
        heartbeat.stop();
        out.loopMaxLatenessNs = heartbeat.maxLateness();
    } // RunContext (and its worker pool) end here, on the run's thread.

    const qint64 endNs = result.done ? result.endNs : rec.now();
    if (result.status == RunStatus::Failed) {
        // The failure on the timeline too, where it happened (steps that fail also end red).
        rec.mark(loopLane, rec.intern(u"run failed"), rec.intern(result.error), endNs);
    }
    rec.closeOpen(SpanStatus::Cancelled, rec.now(), rec.intern(u"cancelled: still open when the run ended"));
    rec.snapshot(out);
    // The heartbeat closes a stall when it next runs, which may be just after main returned: a
    // stall is not longer than the run (a blocking last step read 101 ms in a 100 ms run).
    for (Span &s : out.spans) {
        if (s.kind == SpanKind::Stall && !s.isOpen() && s.beginNs < endNs && s.endNs > endNs) {
            s.endNs = endNs;
            s.detail = out.intern(stallDetail(endNs - s.beginNs));
        }
    }
    out.status = userToken.isCancelled() ? RunStatus::Cancelled : result.status;
    out.error = out.status == RunStatus::Cancelled && result.error.isEmpty() ? u"cancelled"_s : result.error;
    out.wallNs = endNs;
}

} // namespace

Runner::Runner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Coroscope::RunData>();
    m_liveTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_liveTimer, &QTimer::timeout, this, &Runner::deliverEvents);
}

Runner::~Runner()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool Runner::start(const Experiment &experiment, const Params &params, QString *error)
{
    if (m_job) {
        if (error) {
            *error = QCoreApplication::translate("Coroscope::Runner", "a run of %1 is still going").arg(m_job->experiment->id());
        }
        return false;
    }
    if (const QString reason = experiment.unavailableReason(); !reason.isEmpty()) {
        if (error) {
            *error = QCoreApplication::translate("Coroscope::Runner", "%1 cannot run here: %2").arg(experiment.id(), reason);
        }
        return false;
    }
    auto job = std::make_shared<RunJob>();
    job->experiment = &experiment;
    job->params = params;
    job->recorder = std::make_shared<Recorder>();
    job->recorder->setEventsEnabled(m_liveInterval > 0);
    job->result.experiment = experiment.id();
    job->result.title = experiment.title();
    job->result.params = params.values();
    job->result.idealNs = static_cast<qint64>(experiment.idealSeconds(params) * 1e9);
    job->result.env = EnvInfo::current();
    job->result.startedAt = QDateTime::currentDateTimeUtc();
    m_job = job;
    m_recorder = job->recorder;

    m_thread = QThread::create([job] { executeRun(*job); });
    m_thread->setObjectName(u"run: "_s + experiment.id());
    if (useEpollDispatcher()) {
        m_thread->setEventDispatcher(new EpollEventDispatcher); // thousands of sockets: see there
    }
    connect(m_thread, &QThread::finished, this, &Runner::onThreadFinished);
    m_thread->start();
    if (m_liveInterval > 0) {
        m_liveTimer.start(m_liveInterval);
    }
    Q_EMIT started();
    return true;
}

void Runner::cancel()
{
    if (m_job) {
        m_job->token.cancel();
    }
}

void Runner::setLiveInterval(int ms)
{
    m_liveInterval = ms;
}

void Runner::deliverEvents()
{
    if (!m_recorder) {
        return;
    }
    std::vector<SpanEvent> events;
    if (m_recorder->takeEvents(events) == 0) {
        return;
    }
    Q_EMIT spanEvents(QList<SpanEvent>(events.begin(), events.end()));
}

void Runner::onThreadFinished()
{
    m_liveTimer.stop();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    auto job = std::exchange(m_job, nullptr);
    if (m_liveInterval > 0) {
        deliverEvents();
    }
    m_lastRun = std::move(job->result);
    computeStats(m_lastRun);
    Q_EMIT finished(m_lastRun);
}

RunData Runner::runAndWait(const Experiment &experiment, const Params &params)
{
    QEventLoop loop;
    const auto connection = connect(this, &Runner::finished, &loop, &QEventLoop::quit);
    QString error;
    if (!start(experiment, params, &error)) {
        disconnect(connection);
        RunData failed;
        failed.experiment = experiment.id();
        failed.title = experiment.title();
        failed.params = params.values();
        failed.status = RunStatus::Failed;
        failed.error = error;
        return failed;
    }
    loop.exec();
    disconnect(connection);
    return m_lastRun;
}

} // namespace Coroscope
