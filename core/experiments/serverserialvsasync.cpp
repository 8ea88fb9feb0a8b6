// SPDX-License-Identifier: MIT
// server-serial-vs-async: the same clients against a server that answers one request at a
// time and one that answers all at once (seed 003 §1, WSGI vs ASGI).

#include "async/gather.h"
#include "experiment.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "runcontext.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class ServerSerialVsAsync final : public Experiment
{
public:
    ServerSerialVsAsync()
        : Experiment({
            .id = u"server-serial-vs-async"_s,
            .title = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "A server that answers one request at a time vs all at once")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "HTTP")),
            .seed = u"003 §1 (WSGI vs ASGI)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "N async clients at once; a serial server takes N × D, an async one D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The clients are async and send all their requests at once; what changes is the server. "
                "In mode `serial` it works like a single synchronous worker (a WSGI server with one "
                "worker): it takes a request, waits D, answers, and only then takes the next — the others "
                "queue. In mode `async` (like an ASGI server) it waits for every request's delay at the "
                "same time. Concurrency on the client does not help when the server serialises.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "serial: the server lane shows the requests answered one after another and the queued ones "
                "waiting, total N × D; async: all answered together, total D.")),
            .idealFormula = u"N × D (serial) / D (async)"_s,
            .params = {delayParam(),
                tasksParam(4, 64,
                    catalogText(
                        QT_TRANSLATE_NOOP("Experiments", "How many clients send a request at once."))),
                ParamSpec {.key = u"mode"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Server")),
                    .type = ParamType::Choice,
                    .defaultValue = u"serial"_s,
                    .choices = {u"serial"_s, u"async"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "serial: one request at a time (WSGI); async: all at once (ASGI)."))}},
            .sourceFile = u"serverserialvsasync.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override
    {
        return (p.text(u"mode") == u"serial" ? p.integer(u"tasks") : 1) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        // Client side, every request is in flight at once either way.
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    void prepare(const Params &p) const override
    {
        DelayServer::shared(
            p.text(u"mode") == u"serial" ? DelayServer::Mode::Serial : DelayServer::Mode::Async);
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
QCoro::Task<> client(AsyncHttpClient &http, QUrl url, Trace trace)
{
    co_await http.get(url, trace);
}

QCoro::Task<> ServerSerialVsAsync::run(RunContext &ctx) const
{
    const bool serial = ctx.params().text(u"mode") == u"serial";
    // The process's delay server of that mode, on its own thread (started before the clock).
    QString error;
    DelayServer &server
        = DelayServer::shared(serial ? DelayServer::Mode::Serial : DelayServer::Mode::Async, &error);
    if (!server.isRunning()) {
        throw Error(
            u"the %1 delay server could not start: %2"_s.arg(serial ? u"serial"_s : u"async"_s, error));
    }
    ctx.watchServer(server, serial ? u"serial server"_s : u"async server"_s);
    const int clients = ctx.params().integer(u"tasks");
    AsyncHttpClient &http = ctx.httpClient(clients);
    const QUrl url = withDelay(server.url(), ctx.delay());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> requests;
    for (int i = 0; i < clients; ++i) {
        requests.push_back(client(http, url, ctx.trace(ctx.addTask(u"client %1"_s.arg(i + 1)), {})));
    }
    co_await gather(std::move(requests), ctx.trace(main, u"gather"));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeServerSerialVsAsync()
{
    return std::make_unique<ServerSerialVsAsync>();
}

} // namespace Coroscope
