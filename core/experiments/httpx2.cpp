// SPDX-License-Identifier: MIT
// http-blocking-x2 and http-async-x2: two tasks GET /?delay=D, with a blocking client and with
// an async one (seed 000 §2, CASE 1 and CASE 2).

#include "experiment.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "prerequisites.h"
#include "runcontext.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class HttpBlockingX2 final : public Experiment
{
public:
    HttpBlockingX2()
        : Experiment({
            .id = u"http-blocking-x2"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Two tasks, each a blocking HTTP GET")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "HTTP")),
            .seed = u"000 §2 CASE 1 (httpx.get inside create_task)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks that call a blocking GET /?delay=D: one after the other, the loop frozen, 2D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task calls a blocking GET (httpx.get in the seed; a synchronous QNetworkAccessManager "
                "request here) on the delay server, which answers after D. The call holds the event loop's "
                "only thread until the answer is in, so the second request is not even sent before the "
                "first has come back: wrapping the call in a task changes nothing. The delay server runs on "
                "its own thread — on the experiment's loop it could never answer a blocking client.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed measured 6 s for two 3 s requests (http://localhost:8000/?delay=3). The chart "
                "shows two solid HTTP bars one after the other, the event loop lane red for the whole 2D, "
                "and on the server lane the second request arriving only when the first was answered.")),
            .idealFormula = u"tasks × D"_s,
            .params = {delayParam(), tasksParam(2, 16), urlParam()},
            .sourceFile = u"httpx2.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return p.integer(u"tasks") * p.number(u"delay"); }
    Expectation expectation(const Params &) const override
    {
        return {.maxConcurrency = 1, .loopBlocked = true};
    }
    void prepare(const Params &p) const override { prepareHttp(p); }
    QCoro::Task<> run(RunContext &ctx) const override;
};

class HttpAsyncX2 final : public Experiment
{
public:
    HttpAsyncX2()
        : Experiment({
            .id = u"http-async-x2"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Two tasks, each an async HTTP GET")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "HTTP")),
            .seed = u"000 §2 CASE 2 (httpx.AsyncClient inside create_task)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks that await GET /?delay=D with an async client: both in flight at once, D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task awaits a GET through the async client (httpx.AsyncClient in the seed; "
                "QNetworkAccessManager driven by QCoro here). Sending the request and waiting for the "
                "answer suspend the coroutine, so the loop sends the second request right away and both "
                "wait on the server together. The client allows 100 connections at once, like httpx.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed measured 3 s for two 3 s requests instead of 6. The chart shows the two HTTP "
                "bars on top of each other, both requests in flight on the server lane, and an event loop "
                "without stalls.")),
            .idealFormula = u"D"_s,
            .params = {delayParam(), tasksParam(2, 1000), urlParam()},
            .sourceFile = u"httpx2.cpp"_s,
        })
    { }
    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    void prepare(const Params &p) const override { prepareHttp(p); }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// CASE 1: r = httpx.get(url) inside a task — the request holds the loop's thread.
QCoro::Task<int> callSync(RunContext &ctx, LaneId lane, QUrl url)
{
    const HttpResponse r = ctx.blockingGet(lane, url);
    co_return r.status;
}

QCoro::Task<> HttpBlockingX2::run(RunContext &ctx) const
{
    const QUrl url = ctx.delayUrl(ctx.delay());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(callSync(ctx, ctx.addTask(u"task %1"_s.arg(i + 1)), url)); // blocks right here
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[i]);
    }
}

// CASE 2: r = await client.get(url) inside a task — suspended while the request is out.
QCoro::Task<int> callAsync(RunContext &ctx, LaneId lane, QUrl url)
{
    const HttpResponse r = co_await ctx.httpClient().get(url, ctx.trace(lane, {}));
    co_return r.status;
}

QCoro::Task<> HttpAsyncX2::run(RunContext &ctx) const
{
    const QUrl url = ctx.delayUrl(ctx.delay());
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < ctx.params().integer(u"tasks"); ++i) {
        tasks.push_back(callAsync(ctx, ctx.addTask(u"task %1"_s.arg(i + 1)), url)); // sent, then suspended
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[i]);
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeHttpBlockingX2()
{
    return std::make_unique<HttpBlockingX2>();
}

std::unique_ptr<Experiment> makeHttpAsyncX2()
{
    return std::make_unique<HttpAsyncX2>();
}

} // namespace Coroscope
