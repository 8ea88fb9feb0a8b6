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
            .title = u"Fan-out: N concurrent GETs through a connection limit"_s,
            .group = u"HTTP"_s,
            .seed = u"002 (many requests at once)"_s,
            .summary = u"n GETs of D at once; at most `limit` in flight, so they go in ⌈n / limit⌉ waves."_s,
            .explanation
            = u"n tasks each await GET /?delay=D through one async client. The client keeps at most "
              "`limit` connections in flight (httpx allows 100); the others wait for a free one — the "
              "pink 'waiting for a connection' bars. With limit 6 and 24 requests they go in four waves "
              "of D; with the limit at n they all wait together and the whole takes D, up to 10 000 "
              "requests on one thread. Qt 6.4 allows 6 connections per host per network manager, so "
              "the client spreads its connections over ⌈limit / 6⌉ managers."_s,
            .expectation
            = u"Waves of `limit` bars, each D long, and a total of D × ⌈n / limit⌉. Beyond 64 lanes the "
              "tasks fold into one lane showing how many are in flight."_s,
            .idealFormula = u"D × ⌈n / limit⌉"_s,
            .params = {delayParam(),
                ParamSpec {.key = u"n"_s,
                    .label = u"Requests"_s,
                    .type = ParamType::Integer,
                    .defaultValue = 24,
                    .minimum = 1,
                    .maximum = 10000,
                    .help = u"How many GETs at once."_s},
                ParamSpec {.key = u"limit"_s,
                    .label = u"Connection limit"_s,
                    .type = ParamType::Integer,
                    .defaultValue = 6,
                    .minimum = 1,
                    .maximum = 10000,
                    .help = u"Connections the client keeps in flight (httpx: 100)."_s},
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
