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
            .title = u"A blocking call inside a task freezes the loop"_s,
            .group = u"Event loop"_s,
            .seed = u"000 §1 (test1), 003 §6.3"_s,
            .summary = u"Tasks whose bodies call time.sleep(D): no overlap, the loop frozen, tasks × D."_s,
            .explanation
            = u"Each task's body calls a blocking sleep (time.sleep in the seed, a thread sleep here) "
              "instead of awaiting a timer. A blocking call never suspends the coroutine, so it holds "
              "the only thread of the event loop for its whole duration: no other task, timer or "
              "event can run meanwhile. Making them tasks changes nothing — tasks only overlap while "
              "they are suspended at a co_await. Because a QCoro task starts at once, task 2 is not "
              "even created until task 1 has blocked for D."_s,
            .expectation
            = u"The seed's test1 took 6 s for two 3 s tasks — it holds only when the call blocks (with "
              "an awaited sleep it is 3 s). The chart shows the blocking bars one after the other and "
              "the event loop lane red (stalled) for the whole tasks × D."_s,
            .idealFormula = u"tasks × D"_s,
            .params = {delayParam(), tasksParam(2, 16)},
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
QCoro::Task<int> blockingTask(RunContext &ctx, LaneId lane, int index, double delay)
{
    ctx.mark(lane, u"print"_s, u"task %1 started"_s.arg(index));
    ctx.blockingSleep(lane, u"time.sleep(%1 s)"_s.arg(delay), delay); // holds the loop's thread
    co_return index;
}

QCoro::Task<> BlockingInTask::run(RunContext &ctx) const
{
    const double delay = ctx.delay();
    const int count = ctx.params().integer(u"tasks");
    const LaneId main = ctx.addTask(u"main"_s);

    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < count; ++i) {
        const LaneId lane = ctx.addTask(u"task %1"_s.arg(i + 1));
        tasks.push_back(blockingTask(ctx, lane, i + 1, delay)); // runs to completion right here
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
