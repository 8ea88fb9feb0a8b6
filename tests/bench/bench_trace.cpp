// SPDX-License-Identifier: MIT
// bench_trace: what Coroscope's Python tracer costs a program (issue 13's budget): at most
// 5 µs per task step on top of asyncio's own, and a program of 10 000 tasks traced within 2×
// its untraced wall time. The same program (Debian's /usr/bin/python3) runs untraced and
// traced, several times each; the wall time is the program's own (perf_counter around
// asyncio.run: interpreter start-up and imports are the same either way and left out).
//
//   ./build/release/tests/bench/bench_trace [TASKS=10000] [STEPS=3] [REPEATS=5]

#include "python/pythontrace.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

// STEPS awaits per task: of asyncio.sleep(0) (the cheapest step there is: asyncio's own cost
// per step is smallest, the tracer's share largest), or, with SLEEP > 0, of timers.
const char *const kProgram = R"(import asyncio, sys, time
TASKS, STEPS, SLEEP = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
async def work(i):
    for _ in range(STEPS):
        await asyncio.sleep(SLEEP)
async def main():
    await asyncio.gather(*(work(i) for i in range(TASKS)))
t0 = time.perf_counter()
asyncio.run(main())
print("WALL", time.perf_counter() - t0)
)";

double wallOf(const QStringList &lines)
{
    for (const QString &line : lines) {
        if (line.startsWith(u"WALL "_s)) {
            return line.mid(5).toDouble();
        }
    }
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}


struct Result
{
    double plain = 0;
    double traced = 0;
    int spans = 0;
    bool ok = true;
};

Result measure(const QString &script, const QStringList &args, int repeats)
{
    Result r;
    std::vector<double> plain;
    std::vector<double> traced;
    for (int i = 0; i < repeats; ++i) {
        QProcess p;
        p.start(u"/usr/bin/python3"_s, QStringList {script} + args);
        p.waitForFinished(120000);
        plain.push_back(wallOf(QString::fromUtf8(p.readAllStandardOutput()).split(u'\n')));

        PythonTracer tracer;
        QStringList out;
        QObject::connect(&tracer, &PythonTracer::output, &tracer, [&out](const QString &line, bool isError) {
            if (!isError) {
                out.append(line);
            }
        });
        PythonProgram program;
        program.interpreter = u"/usr/bin/python3"_s;
        program.target = {script};
        program.arguments = args;
        const RunData run = tracer.runAndWait(program);
        if (run.status != RunStatus::Ok) {
            std::fprintf(stderr, "traced run failed: %s\n", qPrintable(run.error));
            r.ok = false;
            return r;
        }
        traced.push_back(wallOf(out));
        r.spans = static_cast<int>(run.spans.size());
    }
    r.plain = median(plain);
    r.traced = median(traced);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int tasks = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 3;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 5;
    QTemporaryDir dir;
    const QString script = dir.filePath(u"tasks.py"_s);
    {
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly) || f.write(kProgram) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(script));
            return 1;
        }
    }
    // 1. Per step: sleep(0) steps. Steps per task: its first, one after each await.
    const Result a = measure(script, {QString::number(tasks), QString::number(steps), u"0"_s}, repeats);
    if (!a.ok) {
        return 1;
    }
    const double allSteps = static_cast<double>(tasks) * (steps + 1) + 1;
    const double perStepUs = (a.traced - a.plain) / allSteps * 1e6;
    std::printf("%d tasks × %d × asyncio.sleep(0) (%.0f steps), median of %d:\n", tasks, steps, allSteps, repeats);
    std::printf("  untraced   %.3f s (%.2f µs per step: asyncio's own)\n", a.plain, a.plain / allSteps * 1e6);
    std::printf("  traced     %.3f s — %.2f× — %d spans recorded\n", a.traced, a.traced / a.plain, a.spans);
    std::printf("  overhead   %.2f µs per step (budget 5 µs)\n", perStepUs);
    // 2. A program of 10 000 tasks: each awaits a 50 ms timer STEPS times, all at once.
    const Result b = measure(script, {QString::number(tasks), QString::number(steps), u"0.05"_s}, repeats);
    if (!b.ok) {
        return 1;
    }
    std::printf("%d tasks × %d × asyncio.sleep(0.05), median of %d:\n", tasks, steps, repeats);
    std::printf("  untraced   %.3f s\n", b.plain);
    std::printf("  traced     %.3f s — %.2f× (budget 2×) — %d spans recorded\n", b.traced, b.traced / b.plain, b.spans);
    const bool ok = perStepUs <= 5.0 && b.traced <= 2 * b.plain;
    std::printf("%s\n", ok ? "within budget" : "OVER BUDGET");
    return ok ? 0 : 1;
}
