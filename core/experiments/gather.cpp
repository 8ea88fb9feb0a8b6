// SPDX-License-Identifier: MIT
// gather: wait for all of several calls; results in submission order (seed 003 §6.2, 001).

#include "async/gather.h"
#include "experiment.h"
#include "stockapi.h"

#include <QStringList>

#include <vector>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class Gather final : public Experiment
{
public:
    Gather()
        : Experiment({
            .id = u"gather"_s,
            .title = catalogText(
                QT_TRANSLATE_NOOP("Experiments", "gather(): wait for all, results in submission order")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"003 §6.2, 001"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Calls of D, 2D, 3D… gathered: done when the longest is, results in call order.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "asyncio.gather(call_api('API 1', 100, 1), call_api('API 2', 200, 2), ...) runs its "
                "awaitables concurrently and returns their results in the order they were passed, not "
                "the order they finished. Call i waits i × D here, so gather finishes with the longest "
                "call: total = tasks × D, not the sum. Coroscope's gather() (QCoro 0.8 has none) collects "
                "each task's outcome by index and resumes main when the last one settles.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed \"100 200 ...\" in call order after the longest call. The chart shows "
                "the bars starting together and ending at D, 2D, 3D…; main's gather span ends with the "
                "last one, and the print mark lists them in submission order.")),
            .idealFormula = u"tasks × D (the longest call)"_s,
            .params = {delayParam(),
                tasksParam(3, 64,
                    catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "How many calls; call i waits i × D (the seed used 3).")))},
            .sourceFile = u"gather.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override { return p.integer(u"tasks") * p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
QCoro::Task<> Gather::run(RunContext &ctx) const
{
    const double delay = ctx.delay();
    const int count = ctx.params().integer(u"tasks");
    const LaneId main = ctx.addTask(u"main"_s);

    std::vector<QCoro::Task<int>> calls;
    for (int i = 0; i < count; ++i) {
        const LaneId lane = ctx.addTask(u"API %1"_s.arg(i + 1));
        calls.push_back(
            callApi(ctx, lane, u"Calling API %1 ..."_s.arg(i + 1), 100 * (i + 1), delay * (i + 1)));
    }
    // a, b, c = await asyncio.gather(call_api(...), call_api(...), call_api(...))
    const std::vector<int> results = co_await gather(std::move(calls), ctx.trace(main, u"gather"));

    QStringList printed;
    for (const int r : results) {
        printed.append(QString::number(r));
    }
    ctx.mark(main, u"print"_s, printed.join(u' ')); // submission order: 100 200 300
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeGather()
{
    return std::make_unique<Gather>();
}

} // namespace Coroscope
