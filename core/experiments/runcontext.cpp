// SPDX-License-Identifier: MIT
#include "runcontext.h"

#include "async/errors.h"
#include "async/workerpool.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "pg/postgres.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>

#include <cmath>

namespace Coroscope {

namespace {
std::atomic<quint64> s_runCounter {0};
}

RunContext::RunContext(std::shared_ptr<Recorder> recorder, CancelToken token, Params params)
    : m_recorderPtr(std::move(recorder))
    , m_recorder(*m_recorderPtr)
    , m_token(std::move(token))
    , m_params(std::move(params))
    , m_runTag(
          QByteArray::number(QCoreApplication::applicationPid()) + '-' + QByteArray::number(++s_runCounter))
{ }

RunContext::~RunContext()
{
    m_httpClient.reset();
    for (DelayServer *server : m_watchedServers) {
        server->detach(m_runTag);
    }
}

void RunContext::watchServer(DelayServer &server, const QString &laneName)
{
    const LaneId lane = m_recorder.addLane(laneName, LaneKind::Server);
    server.attach(m_runTag, m_recorderPtr, lane);
    m_watchedServers.push_back(&server);
}

QUrl RunContext::httpBase()
{
    const QString url = m_params.text(u"url").trimmed();
    if (!url.isEmpty()) {
        return QUrl(url);
    }
    QString error;
    DelayServer &server = DelayServer::embedded(&error);
    if (!server.isRunning()) {
        throw Error(QStringLiteral("the embedded delay server could not start: %1").arg(error));
    }
    if (std::find(m_watchedServers.begin(), m_watchedServers.end(), &server) == m_watchedServers.end()) {
        watchServer(server, QStringLiteral("delay server"));
    }
    return server.url();
}

QUrl RunContext::delayUrl(double seconds)
{
    return withDelay(httpBase(), seconds);
}

AsyncHttpClient &RunContext::httpClient(int limit)
{
    if (!m_httpClient) {
        m_httpClient = std::make_unique<AsyncHttpClient>(
            AsyncHttpClient::Options {.limit = limit, .timeout = kHttpTimeout, .runTag = m_runTag}, m_token);
    }
    return *m_httpClient;
}

QString RunContext::postgresDsn() const
{
    QString error;
    const QString dsn = Postgres::conninfo(&error);
    if (dsn.isEmpty()) {
        throw Error(error);
    }
    return dsn;
}

HttpResponse RunContext::blockingGet(LaneId lane, const QUrl &url)
{
    return Coroscope::blockingGet(url, kHttpTimeout, m_token, Trace {&m_recorder, lane, 0, 0}, m_runTag);
}

LaneId RunContext::addTask(const QString &name)
{
    return m_recorder.addLane(name, LaneKind::Task);
}

Trace RunContext::trace(LaneId lane, QStringView name, QStringView detail) const
{
    return Trace {&m_recorder, lane, m_recorder.intern(name), m_recorder.intern(detail)};
}

QCoro::Task<> RunContext::sleep(LaneId lane, const QString &name, double seconds, const QString &detail)
{
    return tracedSleep(toDuration(seconds), m_token, trace(lane, name, detail));
}

QCoro::Task<> RunContext::scheduled(LaneId lane)
{
    const Trace t = trace(lane, u"scheduled by create_task");
    const qint64 created = m_recorder.now();
    const SpanId span = t.begin(SpanKind::Wait, created);
    co_await yieldToLoop();
    t.end(span, {.readyNs = created});
}

void RunContext::blockingSleep(LaneId lane, const QString &name, double seconds, const QString &detail)
{
    Coroscope::blockingSleep(toDuration(seconds), m_token, trace(lane, name, detail));
}

void RunContext::mark(LaneId lane, const QString &name, const QString &detail)
{
    m_recorder.mark(lane, m_recorder.intern(name), m_recorder.intern(detail));
}

WorkerPool &RunContext::workerPool(int threads)
{
    if (!m_pool) {
        m_pool = std::make_unique<WorkerPool>(threads, &m_recorder);
    }
    return *m_pool;
}

std::chrono::nanoseconds RunContext::toDuration(double seconds)
{
    return std::chrono::nanoseconds(static_cast<qint64>(std::llround(seconds * 1e9)));
}

} // namespace Coroscope
