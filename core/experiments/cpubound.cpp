// SPDX-License-Identifier: MIT
// cpu-bound: CPU work on the event loop vs on a thread pool (seed 003 §3, the GIL).

#include "async/cpuwork.h"
#include "async/gather.h"
#include "async/offload.h"
#include "experiment.h"
#include "runcontext.h"

#include <cmath>
#include <thread>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

int coreCount()
{
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

class CpuBound final : public Experiment
{
public:
    CpuBound()
        : Experiment({
            .id = u"cpu-bound"_s,
            .title = catalogText(
                QT_TRANSLATE_NOOP("Experiments", "CPU-bound work: on the loop vs on a thread pool")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Event loop")),
            .seed = u"003 §3 (CPU bound, the GIL)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Tasks that compute for D each: one after the other on the loop; in parallel on a pool.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Each task does a fixed amount of computation — what one idle core does in D. On the "
                "event loop (mode `loop`) coroutines cannot help: computing never suspends, so the tasks "
                "run one after the other and the loop is frozen throughout, tasks × D. Offloaded to a "
                "thread pool with one thread per core (mode `pool`), C++ threads really run in parallel "
                "— unlike Python threads, which the GIL lets run Python code only one at a time (the "
                "seed's point: for CPU-bound work asyncio and threads do not help, processes do). Here "
                "the total drops to ⌈tasks / cores⌉ × D.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "With 4 tasks of D on 2 cores: 4D on the loop (a red event loop lane), 2D on the pool "
                "with two computing bars side by side on the pool threads' lanes.")),
            .idealFormula = u"tasks × D (loop) / ⌈tasks / cores⌉ × D (pool)"_s,
            .params = {delayParam(0.5,
                           catalogText(QT_TRANSLATE_NOOP(
                               "Experiments", "D: the computation per task, as time on one idle core."))),
                tasksParam(4, 64, catalogText(QT_TRANSLATE_NOOP("Experiments", "How many tasks compute."))),
                ParamSpec {.key = u"mode"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Where")),
                    .type = ParamType::Choice,
                    .defaultValue = u"pool"_s,
                    .choices = {u"loop"_s, u"pool"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
                        "loop: compute inside the tasks; pool: offload to one thread per core."))}},
            .sourceFile = u"cpubound.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override
    {
        const int tasks = p.integer(u"tasks");
        const double d = p.number(u"delay");
        if (p.text(u"mode") == u"loop") {
            return tasks * d;
        }
        return std::ceil(static_cast<double>(tasks) / coreCount()) * d;
    }
    Expectation expectation(const Params &p) const override
    {
        // Computation is calibrated once, not timed: on a shared or frequency-scaling core the
        // same work can run noticeably faster or slower than at calibration.
        if (p.text(u"mode") == u"loop") {
            return {.maxConcurrency = 1, .loopBlocked = true, .timingSlack = 0.4};
        }
        return {.maxConcurrency = std::min(p.integer(u"tasks"), coreCount()), .timingSlack = 0.4};
    }
    void prepare(const Params &) const override
    {
        [[maybe_unused]] const double rate = cpuIterationsPerSecond(); // calibrate before the clock starts
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// On the loop: the task computes right here; nothing else runs until it is done.
QCoro::Task<> computeOnLoop(RunContext &ctx, LaneId lane, double seconds)
{
    burnCpu(seconds, ctx.token(), ctx.trace(lane, u"compute %1 s"_s.arg(seconds)));
    co_return;
}

// On the pool: the task suspends while a pool thread computes.
QCoro::Task<> computeOnPool(RunContext &ctx, WorkerPool &pool, LaneId lane, double seconds)
{
    const CancelToken token = ctx.token();
    auto job = [token, seconds] { burnCpu(seconds, token); };
    co_await offload(pool, job, ctx.trace(lane, u"compute %1 s"_s.arg(seconds)), SpanKind::Cpu);
}

QCoro::Task<> CpuBound::run(RunContext &ctx) const
{
    const double d = ctx.delay();
    const int count = ctx.params().integer(u"tasks");
    const bool onPool = ctx.params().text(u"mode") == u"pool";
    WorkerPool *pool = onPool ? &ctx.workerPool(coreCount()) : nullptr;
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < count; ++i) {
        const LaneId lane = ctx.addTask(u"task %1"_s.arg(i + 1));
        tasks.push_back(onPool ? computeOnPool(ctx, *pool, lane, d) : computeOnLoop(ctx, lane, d));
    }
    co_await gather(std::move(tasks), ctx.trace(main, u"gather"));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeCpuBound()
{
    return std::make_unique<CpuBound>();
}

} // namespace Coroscope
