// SPDX-License-Identifier: MIT
// as-completed: greeters with random delays, results in completion order (seed 001).

#include "async/gather.h"
#include "experiment.h"
#include "runcontext.h"

#include <random>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// Each greeter's delay in units: 1–4, from a seeded generator (the seed's randrange(1, 5)).
std::vector<int> greeterUnits(int count, int seed)
{
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    std::uniform_int_distribution<int> units(1, 4);
    std::vector<int> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(units(rng));
    }
    return out;
}

class AsCompletedExperiment final : public Experiment
{
public:
    AsCompletedExperiment()
        : Experiment({
            .id = u"as-completed"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "as_completed(): results as they finish")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"001 (as_completed, randrange(1, 5))"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Greeters with random 1–4u delays; main handles each result the moment it is done.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Five greeters each wait a random 1–4 units (a seeded generator, so a run can be "
                "repeated) and return a greeting. asyncio.as_completed hands them back in the order they "
                "finish, so main can print each one as soon as it is ready instead of waiting for the "
                "slowest, as gather() would. The whole still takes as long as the slowest greeter. "
                "Coroscope's AsCompleted (QCoro 0.8 has none) queues each outcome as its task settles.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed the greetings out of submission order. The chart shows main's "
                "next() waits ending exactly when a greeter's bar ends, shortest first.")),
            .idealFormula = u"max of the random delays"_s,
            .params
            = {delayParam(1.0,
                   catalogText(QT_TRANSLATE_NOOP("Experiments", "The unit u: each greeter waits 1–4u."))),
                tasksParam(5, 64,
                    catalogText(QT_TRANSLATE_NOOP("Experiments", "How many greeters (the seed used 5)."))),
                ParamSpec {.key = u"seed"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Random seed")),
                    .type = ParamType::Integer,
                    .defaultValue = 5,
                    .minimum = 0,
                    .maximum = 1'000'000,
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Seed of the random delays (the same seed, the same delays)."))}},
            .sourceFile = u"ascompleted.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override
    {
        const auto units = greeterUnits(p.integer(u"tasks"), p.integer(u"seed"));
        return *std::max_element(units.begin(), units.end()) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// async def greet(name, delay): await asyncio.sleep(delay); return f'Hello, {name}'
QCoro::Task<QString> greet(RunContext &ctx, LaneId lane, QString name, double delay)
{
    co_await ctx.sleep(lane, u"sleep %1 s"_s.arg(delay), delay);
    co_return u"Hello, "_s + name;
}

QCoro::Task<> AsCompletedExperiment::run(RunContext &ctx) const
{
    const double u = ctx.delay();
    const auto units = greeterUnits(ctx.params().integer(u"tasks"), ctx.params().integer(u"seed"));
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<QString>> greeters;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const QString name = u"greeter %1"_s.arg(i + 1);
        greeters.push_back(
            greet(ctx, ctx.addTask(u"%1 (%2u)"_s.arg(name).arg(units[i])), name, units[i] * u));
    }
    // for coro in asyncio.as_completed(greeters): print(await coro)
    AsCompleted<QString> group(std::move(greeters));
    while (group.pending() > 0) {
        auto done = co_await group.next(ctx.trace(main, u"next as completed"));
        ctx.mark(main, u"print"_s, done.outcome.ok() ? done.outcome.value() : done.outcome.errorMessage());
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeAsCompleted()
{
    return std::make_unique<AsCompletedExperiment>();
}

} // namespace Coroscope
