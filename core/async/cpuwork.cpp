// SPDX-License-Identifier: MIT
#include "cpuwork.h"

#include "errors.h"

#include <chrono>
#include <mutex>

namespace Coroscope {

namespace {

constexpr quint64 kChunk = 1 << 16; // iterations between cancel checks

/// xorshift64*: cheap, serial (no vectorising it away), a few ns per iteration.
quint64 kernel(quint64 state, quint64 iterations)
{
    for (quint64 i = 0; i < iterations; ++i) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state *= 0x2545F4914F6CDD1DULL;
    }
    return state;
}

} // namespace

double cpuIterationsPerSecond()
{
    static double rate = 0;
    static std::once_flag once;
    std::call_once(once, [] {
        using Clock = std::chrono::steady_clock;
        quint64 state = 88172645463325252ULL;
        kernel(state, kChunk); // warm up
        double best = 0;
        // The best of several short rounds: a busy neighbour or the hypervisor can only make a
        // round slower, never faster.
        for (int round = 0; round < 5; ++round) {
            quint64 iterations = 0;
            const auto t0 = Clock::now();
            auto elapsed = Clock::duration::zero();
            while (elapsed < std::chrono::milliseconds(20)) {
                state = kernel(state, kChunk);
                iterations += kChunk;
                elapsed = Clock::now() - t0;
            }
            best = std::max(
                best, static_cast<double>(iterations) / std::chrono::duration<double>(elapsed).count());
        }
        rate = best + static_cast<double>(state & 1); // keep `state` alive
    });
    return rate;
}

quint64 burnCpu(double seconds, const CancelToken &token, const Trace &trace)
{
    const auto total = static_cast<quint64>(seconds * cpuIterationsPerSecond());
    const SpanId span = trace.begin(SpanKind::Cpu);
    quint64 state = 0x9E3779B97F4A7C15ULL ^ total;
    for (quint64 done = 0; done < total; done += kChunk) {
        if (token.isCancelled()) {
            trace.endWithError(span, std::make_exception_ptr(Cancelled()));
            throw Cancelled();
        }
        state = kernel(state, std::min(kChunk, total - done));
    }
    trace.end(span);
    return state;
}

} // namespace Coroscope
