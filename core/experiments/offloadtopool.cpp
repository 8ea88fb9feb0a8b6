// SPDX-License-Identifier: MIT
// offload-to-pool: blocking sleeps of 1u, 2u, 3u run on a thread pool (seed 003 §6.3, 002).

#include "async/gather.h"
#include "async/offload.h"
#include "experiment.h"
#include "runcontext.h"

#include <queue>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// Makespan of jobs of 1, 2, ..., n units started in order on `threads` threads.
double makespanUnits(int jobs, int threads)
{
    std::priority_queue<double, std::vector<double>, std::greater<>> freeAt;
    for (int t = 0; t < threads; ++t) {
        freeAt.push(0);
    }
    double end = 0;
    for (int j = 1; j <= jobs; ++j) {
        const double start = freeAt.top();
        freeAt.pop();
        freeAt.push(start + j);
        end = std::max(end, start + j);
    }
    return end;
}

class OffloadToPool final : public Experiment
{
public:
    OffloadToPool()
        : Experiment({
            .id = u"offload-to-pool"_s,
            .title = catalogText(QT_TRANSLATE_NOOP(
                "Experiments", "Offloading blocking calls to a thread pool (run_in_executor)")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Event loop")),
            .seed = u"003 §6.3 (run_in_executor), 002"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Blocking sleeps of 1u, 2u, 3u on a pool: 3u with 3 threads; with 2 the third job waits.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "gather(sync_time(1), sync_time(2), sync_time(3)) where each sync_time runs time.sleep "
                "in loop.run_in_executor. The blocking calls move to a thread pool (QtConcurrent::run on "
                "a dedicated QThreadPool here, awaited as a QFuture), so the event loop stays free and "
                "the calls overlap: the total is the longest, 3u. The pool's size matters: with 2 "
                "threads the third job queues until a thread is free (after 1u) and the total becomes "
                "4u. The global QThreadPool has only as many threads as cores, which is why blocking "
                "work gets its own pool.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "The seed measured 3.015 s for 1 + 2 + 3 s. The chart shows the jobs on the pool "
                "threads' lanes, the event loop lane free of stalls, and with pool=2 the third task's "
                "'waiting for a pool thread' bar.")),
            .idealFormula = u"3u with 3 threads (list schedule of 1u, 2u, 3u on the pool)"_s,
            .params
            = {delayParam(
                   1.0, catalogText(QT_TRANSLATE_NOOP("Experiments", "The unit u: job i blocks for i × u."))),
                tasksParam(3, 16,
                    catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "How many jobs; job i blocks for i × u (the seed used 3)."))),
                ParamSpec {.key = u"pool"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Pool threads")),
                    .type = ParamType::Integer,
                    .defaultValue = 3,
                    .minimum = 1,
                    .maximum = 64,
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "Threads in the pool (with 2, the third job waits)."))}},
            .sourceFile = u"offloadtopool.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override
    {
        return makespanUnits(p.integer(u"tasks"), p.integer(u"pool")) * p.number(u"delay");
    }
    Expectation expectation(const Params &p) const override
    {
        return {.maxConcurrency = std::min(p.integer(u"tasks"), p.integer(u"pool"))};
    }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// async def sync_time(i): await loop.run_in_executor(pool, time.sleep, i)
QCoro::Task<> syncTime(RunContext &ctx, WorkerPool &pool, LaneId lane, double seconds)
{
    const CancelToken token = ctx.token();
    auto job = [token, seconds] { blockingSleep(RunContext::toDuration(seconds), token); };
    co_await offload(pool, job, ctx.trace(lane, u"time.sleep(%1 s)"_s.arg(seconds)));
}

QCoro::Task<> OffloadToPool::run(RunContext &ctx) const
{
    const double u = ctx.delay();
    const int jobs = ctx.params().integer(u"tasks");
    WorkerPool &pool = ctx.workerPool(ctx.params().integer(u"pool"));
    const LaneId main = ctx.addTask(u"main"_s);
    std::vector<QCoro::Task<>> calls;
    for (int i = 1; i <= jobs; ++i) {
        calls.push_back(syncTime(ctx, pool, ctx.addTask(u"sync_time(%1u)"_s.arg(i)), i * u));
    }
    // await asyncio.gather(sync_time(1), sync_time(2), sync_time(3))
    co_await gather(std::move(calls), ctx.trace(main, u"gather"));
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeOffloadToPool()
{
    return std::make_unique<OffloadToPool>();
}

} // namespace Coroscope
