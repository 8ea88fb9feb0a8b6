// SPDX-License-Identifier: MIT
// gather-exceptions: one call throws; errors as values (return_exceptions=True) or fail fast (seed 003 §6.2).

#include "async/gather.h"
#include "experiment.h"
#include "runcontext.h"
#include "stockapi.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class GatherExceptions final : public Experiment
{
public:
    GatherExceptions()
        : Experiment({
            .id = u"gather-exceptions"_s,
            .title = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "gather() when one call fails: errors as values or fail fast")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"003 §6.2 (return_exceptions)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "API 1 (D), API 2 (2D) and a call that fails after D: 2D with errors as values, D failing "
                "fast.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "gather(call_api('API 1', 100, 1), call_api('API 2', 200, 2), call_api_failed()) where "
                "call_api_failed raises APIError('API failed') after D. With return_exceptions=True "
                "(mode `values`) gather waits for everything and returns the error in its place: "
                "100 200 API failed, after 2D. Without it (mode `fail-fast`) gather raises the first "
                "error as soon as it happens, after D — and API 2 is not cancelled: it keeps running "
                "until main returns, when it is cancelled like every task asyncio.run() finds pending.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed '100 200 API failed'. The chart shows the failing call red with its "
                "message; with fail-fast, main's gather ends red at D and API 2's bar is cut off "
                "(cancelled).")),
            .idealFormula = u"2D (values) / D (fail-fast)"_s,
            .params = {delayParam(),
                ParamSpec {.key = u"mode"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Errors")),
                    .type = ParamType::Choice,
                    .defaultValue = u"values"_s,
                    .choices = {u"values"_s, u"fail-fast"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "values: return_exceptions=True; fail-fast: the default."))}},
            .sourceFile = u"gatherexceptions.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override
    {
        return (p.text(u"mode") == u"values" ? 2 : 1) * p.number(u"delay");
    }
    Expectation expectation(const Params &) const override { return {.maxConcurrency = 3, .errors = true}; }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// async def call_api_failed(): await asyncio.sleep(1); raise APIError('API failed')
QCoro::Task<int> callApiFailed(RunContext &ctx, LaneId lane, double delay)
{
    const Trace trace = ctx.trace(lane, u"sleep %1 s, then raise"_s.arg(delay));
    const SpanId span = trace.begin(SpanKind::Sleep);
    try {
        co_await sleepFor(RunContext::toDuration(delay), ctx.token());
    } catch (...) {
        trace.endWithError(span, std::current_exception()); // cancelled: the bar stops here
        throw;
    }
    const Error error(u"APIError: API failed"_s);
    trace.endWithError(span, std::make_exception_ptr(error)); // the call ends red
    throw error;
}

QCoro::Task<> GatherExceptions::run(RunContext &ctx) const
{
    const double d = ctx.delay();
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<int>> calls;
    calls.push_back(callApi(ctx, ctx.addTask(u"API 1"_s), u"Calling API 1 ..."_s, 100, 1 * d));
    calls.push_back(callApi(ctx, ctx.addTask(u"API 2"_s), u"Calling API 2 ..."_s, 200, 2 * d));
    calls.push_back(callApiFailed(ctx, ctx.addTask(u"API failed"_s), 1 * d));

    if (ctx.params().text(u"mode") == u"values") {
        // a, b, c = await asyncio.gather(..., return_exceptions=True)
        auto results
            = co_await gatherSettled(std::move(calls), ctx.trace(main, u"gather(return_exceptions=True)"));
        QStringList printed;
        for (const auto &r : results) {
            printed.append(r.ok() ? QString::number(r.value()) : r.errorMessage());
        }
        ctx.mark(main, u"print"_s, printed.join(u' ')); // 100 200 APIError: API failed
    } else {
        // await asyncio.gather(...): raises the first error, the other calls go on
        try {
            co_await gather(std::move(calls), ctx.trace(main, u"gather()"));
        } catch (const Error &e) {
            ctx.mark(main, u"print"_s, u"caught: "_s + e.message());
        }
        // main returns here; API 2 is still running and gets cancelled, as asyncio.run() does.
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeGatherExceptions()
{
    return std::make_unique<GatherExceptions>();
}

} // namespace Coroscope
