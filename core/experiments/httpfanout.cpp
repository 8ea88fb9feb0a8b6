// SPDX-License-Identifier: MIT
// http-fanout: N concurrent GETs through a client with a connection limit (seed 002, load test).

#include "async/gather.h"
#include "experiment.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "prerequisites.h"
#include "runcontext.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class HttpFanout final : public Experiment
{
public:
    HttpFanout()
        : Experiment({
            .id = u"http-fanout"_s,
            .title = catalogText(
                QT_TRANSLATE_NOOP("Experiments", "Fan-out: N concurrent GETs through a connection limit")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "HTTP")),
            .seed = u"002 (many requests at once)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "n GETs of D at once; at most `limit` in flight, so they go in ⌈n / limit⌉ waves.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "n tasks each await GET /?delay=D through one async client. The client keeps at most "
                "`limit` connections in flight (httpx allows 100); the others wait for a free one — the "
                "pink 'waiting for a connection' bars. With limit 6 and 24 requests they go in four waves "
                "of D; with the limit at n they all wait together and the whole takes D, up to 10 000 "
                "requests on one thread. Qt 6.4 allows 6 connections per host per network manager, so "
                "the client spreads its connections over ⌈limit / 6⌉ managers.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Waves of `limit` bars, each D long, and a total of D × ⌈n / limit⌉. Beyond 64 lanes the "
                "tasks fold into one lane showing how many are in flight.")),
            .idealFormula = u"D × ⌈n / limit⌉"_s,
            .params = {delayParam(),
                ParamSpec {.key = u"n"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Requests")),
                    .type = ParamType::Integer,
                    .defaultValue = 24,
                    .minimum = 1,
                    .maximum = 10000,
                    .help = catalogText(QT_TRANSLATE_NOOP("Experiments", "How many GETs at once."))},
                ParamSpec {.key = u"limit"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Connection limit")),
                    .type = ParamType::Integer,
                    .defaultValue = 6,
                    .minimum = 1,
                    .maximum = 10000,
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Connections the client keeps in flight (httpx: 100)."))},
                urlParam()},
            .sourceFile = u"httpfanout.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override
    {
        return p.number(u"delay") * std::ceil(static_cast<double>(p.integer(u"n")) / p.integer(u"limit"));
    }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = std::min(p.integer(u"n"), p.integer(u"limit"))};
    }
    void prepare(const Params &p) const override { prepareHttp(p); }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
QCoro::Task<int> fetch(AsyncHttpClient &client, QUrl url, Trace trace)
{
    const HttpResponse r = co_await client.get(url, trace);
    co_return r.status;
}

QCoro::Task<> HttpFanout::run(RunContext &ctx) const
{
    const int n = ctx.params().integer(u"n");
    AsyncHttpClient &client = ctx.httpClient(ctx.params().integer(u"limit"));
    const QUrl url = ctx.delayUrl(ctx.delay());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<int>> requests;
    requests.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        requests.push_back(fetch(client, url, ctx.trace(ctx.addTask(u"request %1"_s.arg(i + 1)), {})));
    }
    // responses = await asyncio.gather(*(client.get(url) for _ in range(n)))
    co_await gather(std::move(requests), ctx.trace(main, u"gather %1 GETs"_s.arg(n)));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeHttpFanout()
{
    return std::make_unique<HttpFanout>();
}

} // namespace Coroscope
