// SPDX-License-Identifier: MIT
// nested-event-loop: a task that waits by spinning a nested event loop (seed 004, nest_asyncio).

#include "experiment.h"
#include "runcontext.h"

#include <QEventLoop>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

class NestedEventLoop final : public Experiment
{
public:
    NestedEventLoop()
        : Experiment({
            .id = u"nested-event-loop"_s,
            .title = catalogText(QT_TRANSLATE_NOOP("Experiments", "Waiting by spinning a nested event loop")),
            .group = catalogText(QT_TRANSLATE_NOOP("Experiments", "Event loop")),
            .seed = u"004 (event loop lifecycle), 003 §6.3 (nest_asyncio)"_s,
            .summary = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Task A waits D in a nested loop, B waits 2D in another inside it: A can only return after "
                "B.")),
            .explanation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "Instead of co_await, a task can wait synchronously by running a nested event loop "
                "until its result is there — QEventLoop::exec(), QCoro::waitFor(), or "
                "loop.run_until_complete() under nest_asyncio. The loop keeps turning, so other tasks "
                "run — but inside the waiting task's stack. Here task A waits D that way; while it "
                "waits, task B starts inside A's nested loop and waits 2D with a nested loop of its own. "
                "A's timer fires at D, but A's exec() is below B's on the stack and cannot return until "
                "B's does: A finishes at 2D. Nested loops return last-in, first-out. Mode `await` does "
                "the same with co_await: A finishes at D.")),
            .expectation = catalogText(QT_TRANSLATE_NOOP("Experiments",
                "In `nested` mode A's bar is ready at D (the hatched part is the time it was ready but "
                "stuck under B's nested loop) and ends with B's at 2D; in `await` mode it ends at D. "
                "The total is 2D either way; no stalls, the loop keeps running.")),
            .idealFormula = u"2D"_s,
            .params = {delayParam(),
                ParamSpec {.key = u"mode"_s,
                    .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Waiting")),
                    .type = ParamType::Choice,
                    .defaultValue = u"nested"_s,
                    .choices = {u"nested"_s, u"await"_s},
                    .help = catalogText(QT_TRANSLATE_NOOP(
                        "Experiments", "nested: QEventLoop::exec() inside the task; await: co_await."))}},
            .sourceFile = u"nestedeventloop.cpp"_s,
        })
    { }

    double idealSeconds(const Params &p) const override { return 2 * p.number(u"delay"); }
    Expectation expectation(const Params &) const override { return {.maxConcurrency = 2}; }
    QCoro::Task<> run(RunContext &ctx) const override;
};

// [coroscope-begin]
// Waits `seconds` by running a nested event loop right here (like QCoro::waitFor or
// run_until_complete under nest_asyncio). Other tasks run inside this call.
void waitInNestedLoop(RunContext &ctx, LaneId lane, double seconds)
{
    Recorder &rec = ctx.recorder();
    const qint64 start = rec.now();
    const qint64 ready = start + RunContext::toDuration(seconds).count();
    Span wait;
    wait.beginNs = start;
    wait.lane = lane;
    wait.name = rec.intern(u"nested loop wait %1 s"_s.arg(seconds));
    wait.detail = rec.intern(u"QEventLoop::exec() inside the task");
    wait.kind = SpanKind::Sleep;
    wait.nestedLoop = true; // tasks that run inside it hold this call until they return
    const SpanId span = rec.add(wait);
    QEventLoop nested;
    QTimer::singleShot(RunContext::toDuration(seconds).count() / 1'000'000, Qt::PreciseTimer, &nested,
        [&nested] { nested.quit(); });
    CancelWatch cancelled(ctx.token(), &nested, [&nested] { nested.quit(); });
    nested.exec(); // returns only after every loop nested inside this one has returned
    rec.end(span,
        {.status = ctx.token().isCancelled() ? SpanStatus::Cancelled : SpanStatus::Ok, .readyNs = ready});
    ctx.token().throwIfCancelled();
}

QCoro::Task<> taskBody(RunContext &ctx, LaneId lane, double seconds, bool nested)
{
    co_await yieldToLoop(); // start from the loop, as asyncio.create_task does
    if (nested) {
        waitInNestedLoop(ctx, lane, seconds);
    } else {
        co_await ctx.sleep(lane, u"co_await sleep %1 s"_s.arg(seconds), seconds);
    }
    ctx.mark(lane, u"print"_s, u"done"_s);
}

QCoro::Task<> NestedEventLoop::run(RunContext &ctx) const
{
    const double d = ctx.delay();
    const bool nested = ctx.params().text(u"mode") == u"nested";
    const LaneId main = ctx.addTask(u"main"_s);
    QCoro::Task<> a = taskBody(ctx, ctx.addTask(u"task A (waits D)"_s), d, nested);
    QCoro::Task<> b = taskBody(ctx, ctx.addTask(u"task B (waits 2D)"_s), 2 * d, nested);
    co_await ctx.await(main, u"await A"_s, a);
    co_await ctx.await(main, u"await B"_s, b);
}
// [coroscope-end]

} // namespace

std::unique_ptr<Experiment> makeNestedEventLoop()
{
    return std::make_unique<NestedEventLoop>();
}

} // namespace Coroscope
