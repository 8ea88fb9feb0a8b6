// SPDX-License-Identifier: MIT
// tasks-concurrent: start the calls as tasks first, then await each (seed 003 §6.1, 000 §1).

#include "experiment.h"
#include "stockapi.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class TasksConcurrent final : public Experiment
{
public:
    TasksConcurrent()
        : Experiment({
            .id = u"tasks-concurrent"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Tasks run concurrently")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Basics")),
            .seed = u"003 §6.1 (create_task), 000 §1"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "Start every call as a task, then await them: the waits overlap, D in all.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "main() starts call_api('GOOG') and call_api('APPL') as tasks before awaiting either. "
                "A QCoro task starts at once and runs until its first co_await — here the timer — so "
                "both timers are armed within microseconds and wait side by side on one event loop. "
                "main then awaits task 1 (about D) and task 2 (already done). One thread, no parallelism: "
                "the waits overlap because nobody is blocked while a timer runs. (asyncio.create_task "
                "schedules the task for the loop's next turn instead of starting it at once; the picture "
                "is the same.)")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed printed \"It took 3.0 second(s)\" for two 3 s calls instead of 6. The chart "
                "shows the task bars on top of each other; total ≈ D whatever the number of tasks, and "
                "the event loop lane stays free of stalls.")),
            .idealFormula = u"D"_s,
            .params = {delayParam(), tasksParam(2, 1000)},
            .sourceFile = u"tasksconcurrent.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override { return p.number(u"delay"); }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = p.integer(u"tasks")};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
QCoro::Task<> TasksConcurrent::run(RunContext &ctx) const
{
    const double delay = ctx.delay();
    const int count = ctx.params().integer(u"tasks");
    const LaneId main = ctx.addTask(u"main"_s);

    // Like asyncio.create_task: each task runs up to its first co_await (the timer) right here.
    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < count; ++i) {
        const LaneId lane = ctx.addTask(u"task %1 · %2"_s.arg(i + 1).arg(tickerFor(i)));
        tasks.push_back(callApi(ctx, lane, u"Get stock price of %1..."_s.arg(tickerFor(i)), 300, delay));
    }
    // Now wait for each in turn: all timers are already running.
    for (int i = 0; i < count; ++i) {
        const int price
            = co_await ctx.await(main, u"await task %1"_s.arg(i + 1), tasks[static_cast<std::size_t>(i)]);
        ctx.mark(main, u"print"_s, QString::number(price));
    }
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeTasksConcurrent()
{
    return std::make_unique<TasksConcurrent>();
}

} // namespace Coroscope
