// SPDX-License-Identifier: MIT
// await-sequential: two calls awaited one after the other (seed 003 §6.1, 002).

#include "experiment.h"
#include "stockapi.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class AwaitSequential final : public Experiment
{
public:
    AwaitSequential()
        : Experiment({
            .id = u"await-sequential"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Awaiting coroutines one after the other")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"003 §6.1 (first example), 002"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "Two calls, each awaited before the next starts: no overlap, 2D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "main() awaits call_api('GOOG') and only then calls call_api('APPL'). Awaiting a "
                "coroutine directly suspends main until that call has finished, so the second call "
                "does not even begin while the first one waits on its timer. The code is asynchronous "
                "but nothing runs concurrently: the total is the sum of the delays.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed \"It took 6.0 second(s)\" for two 3 s calls. The chart shows a "
                "staircase: each task's sleep bar starts where the previous one ends; total ≈ tasks × D.")),
            .idealFormula = u"tasks × D"_s,
            .params = {delayParam(), tasksParam(2, 16)},
            .sourceFile = u"awaitsequential.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override { return p.integer(u"tasks") * p.number(u"delay"); }
    Expectation expectation(const Params &) const override { return {.maxConcurrency = 1}; }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
QCoro::Task<> AwaitSequential::run(RunContext &ctx) const
{
    const double delay = ctx.delay();
    const int calls = ctx.params().integer(u"tasks");
    const LaneId main = ctx.addTask(u"main"_s);
    for (int i = 0; i < calls; ++i) {
        const LaneId lane = ctx.addTask(u"call %1 · %2"_s.arg(i + 1).arg(tickerFor(i)));
        // Calling the coroutine starts it; awaiting it right away suspends main until it is
        // done, so call i + 1 is not even created while call i waits on its timer.
        QCoro::Task<int> call
            = callApi(ctx, lane, u"Get stock price of %1..."_s.arg(tickerFor(i)), 300 + 100 * i, delay);
        const int price = co_await ctx.await(main, u"await call %1"_s.arg(i + 1), call);
        ctx.mark(main, u"print"_s, QString::number(price));
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeAwaitSequential()
{
    return std::make_unique<AwaitSequential>();
}

} // namespace Coroscope
