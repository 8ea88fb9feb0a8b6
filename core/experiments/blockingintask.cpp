// SPDX-License-Identifier: MIT
// blocking-in-task: task bodies that block the thread (seed 000 §1 test1, 003 §6.3).

#include "experiment.h"
#include "runcontext.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class BlockingInTask final : public Experiment
{
public:
    BlockingInTask()
        : Experiment({
            .id = u"blocking-in-task"_s,
            .title
            = catalogText(QT_TRANSLATE_NOOP("Experiments", "A blocking call inside a task freezes the loop")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Event loop")),
            .seed = u"000 §1 (test1), 003 §6.3"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks whose bodies call time.sleep(D): no overlap, the loop frozen, tasks × D.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task's body calls a blocking sleep (time.sleep in the seed, a thread sleep here) "
                "instead of awaiting a timer. A blocking call never suspends the coroutine, so it holds "
                "the only thread of the event loop for its whole duration: no other task, timer or "
                "event can run meanwhile. Making them tasks changes nothing — tasks only overlap while "
                "they are suspended at a co_await.\n\n"
                "Start: as in the seed, tasks are started the way asyncio.create_task starts them — "
                "they first run once main yields to the loop — so task 2 is ready from the start but "
                "waits D for the loop that task 1 holds (the chart blames task 1's sleep for it). A "
                "QCoro task starts eagerly instead, inside the call that creates it: with start = "
                "eager, task 2 is not even created until task 1 has blocked for D, and nothing waits "
                "for the loop — main itself is held.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed's test1 took 6 s for two 3 s tasks — it holds only when the call blocks (with "
                "an awaited sleep it is 3 s). The chart shows the blocking bars one after the other and "
                "the event loop lane red (stalled) for the whole tasks × D.")),
            .idealFormula = u"tasks × D"_s,
            .params = {delayParam(), tasksParam(2, 16),
                ParamSpec {.key = u"start"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Start")),
                    .type = ParamType::Choice,
                    .defaultValue = u"create_task"_s,
                    .choices = {u"create_task"_s, u"eager"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
                        "create_task: a task first runs when main yields (asyncio); eager: at "
                        "once, inside the call (QCoro)."))}},
            .sourceFile = u"blockingintask.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override { return p.integer(u"tasks") * p.number(u"delay"); }
    Expectation expectation(const Params &) const override
    {
        return {.maxConcurrency = 1, .loopBlocked = true};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// A task whose body blocks: time.sleep(delay) instead of await asyncio.sleep(delay).
QCoro::Task<int> blockingTask(RunContext &ctx, LaneId lane, int index, double delay, bool createTask)
{
    if (createTask) {
        co_await ctx.scheduled(lane); // asyncio.create_task: first runs once main yields
    }
    ctx.mark(lane, u"print"_s, u"task %1 started"_s.arg(index));
    ctx.blockingSleep(lane, u"time.sleep(%1 s)"_s.arg(delay), delay); // holds the loop's thread
    co_return index;
}

QCoro::Task<> BlockingInTask::run(RunContext &ctx) const
{
    const double delay = ctx.delay();
    const int count = ctx.params().integer(u"tasks");
    const bool createTask = ctx.params().text(u"start") == u"create_task";
    const LaneId main = ctx.addTask(u"main"_s);

    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < count; ++i) {
        const LaneId lane = ctx.addTask(u"task %1"_s.arg(i + 1));
        // Eager: runs to completion right here; create_task: once main awaits below.
        tasks.push_back(blockingTask(ctx, lane, i + 1, delay, createTask));
    }
    for (int i = 0; i < count; ++i) {
        co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[static_cast<std::size_t>(i)]);
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeBlockingInTask()
{
    return std::make_unique<BlockingInTask>();
}

} // namespace Coroscope
