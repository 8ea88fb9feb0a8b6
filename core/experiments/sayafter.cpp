// SPDX-License-Identifier: MIT
// say-after: say_after(1u, 'hello') and say_after(2u, 'world'), awaited in turn or as tasks (seed 002).

#include "experiment.h"
#include "runcontext.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class SayAfter final : public Experiment
{
public:
    SayAfter()
        : Experiment({
            .id = u"say-after"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "say_after: awaited in turn or as tasks")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"002 (say_after, the asyncio docs' example)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "say_after(1u, 'hello') then say_after(2u, 'world'): 3u in turn, 2u as tasks.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "An early example of the asyncio documentation. say_after(delay, what) waits `delay` and "
                "prints `what`. Variant `sequential` awaits say_after(1u, 'hello') and then "
                "say_after(2u, 'world'): the second timer is only armed when the first has fired, 3u in "
                "all. Variant `tasks` starts both as tasks first and then awaits them: both timers run "
                "at once and the whole takes as long as the longer one, 2u. The unit u is the `delay` "
                "parameter.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed 'started at 17:13:52 … finished at 17:13:55' (3 s) for the sequential "
                "version and 2 s for the tasks. The chart shows two bars one after the other, or on top "
                "of each other ending at u and 2u.")),
            .idealFormula = u"3u (sequential) / 2u (tasks)"_s,
            .params
            = {delayParam(1.0,
                   catalogText(QT_TRANSLATE_NOOP("Experiments", "The unit u: say_after waits 1u and 2u."))),
                ParamSpec {.key = u"variant"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Variant")),
                    .type = ParamType::Choice,
                    .defaultValue = u"tasks"_s,
                    .choices = {u"sequential"_s, u"tasks"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Await each call in turn, or start both as tasks first."))}},
            .sourceFile = u"sayafter.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override
    {
        return (p.text(u"variant") == u"sequential" ? 3 : 2) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.text(u"variant") == u"sequential" ? 1 : 2};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// async def say_after(delay, what): await asyncio.sleep(delay); print(what)
QCoro::Task<> sayAfter(RunContext &ctx, LaneId lane, double delay, QString what)
{
    co_await ctx.sleep(lane, u"sleep %1 s"_s.arg(delay), delay);
    ctx.mark(lane, u"print"_s, what);
}

QCoro::Task<> SayAfter::run(RunContext &ctx) const
{
    const double u = ctx.delay();
    const LaneId main = ctx.addTask(u"main"_s);
    const LaneId hello = ctx.addTask(u"say_after(1u, 'hello')"_s);
    const LaneId world = ctx.addTask(u"say_after(2u, 'world')"_s);
    ctx.mark(main, u"print"_s, u"started"_s);

    if (ctx.params().text(u"variant") == u"sequential") {
        // await say_after(1, 'hello'); await say_after(2, 'world')
        QCoro::Task<> first = sayAfter(ctx, hello, 1 * u, u"hello"_s);
        co_await ctx.await(main, u"await say_after(1u)"_s, first);
        QCoro::Task<> second = sayAfter(ctx, world, 2 * u, u"world"_s); // armed only now
        co_await ctx.await(main, u"await say_after(2u)"_s, second);
    } else {
        // task1 = create_task(say_after(1, 'hello')); task2 = create_task(say_after(2, 'world'))
        QCoro::Task<> task1 = sayAfter(ctx, hello, 1 * u, u"hello"_s);
        QCoro::Task<> task2 = sayAfter(ctx, world, 2 * u, u"world"_s);
        co_await ctx.await(main, u"await task1"_s, task1);
        co_await ctx.await(main, u"await task2"_s, task2);
    }
    ctx.mark(main, u"print"_s, u"finished"_s);
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeSayAfter()
{
    return std::make_unique<SayAfter>();
}

} // namespace Coroscope
