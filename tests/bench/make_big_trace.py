#!/usr/bin/env python3
"""Writes a big Chrome trace for bench_load and bench_gui_chart (issue 13's 1 000 000 spans).

    python3 tests/bench/make_big_trace.py OUT.trace.json [SPANS] [LANES]

A traced service's shape: LANES task lanes, each alternating a short step on the loop
(0.05-0.5 ms, "cpu") and an await (1-4 ms: a sleep, a GET, a query) over about 10 s; an
event-loop lane with a stall now and then. `coroscope render OUT.trace.json --export BIG.json`
turns it into a run file of the same spans.
"""
import json
import random
import sys


def main():
    out = sys.argv[1]
    spans = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    lanes = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(13)
    per_lane = spans // lanes
    names = [("asyncio.sleep", "sleep"), ("GET http://127.0.0.1/api", "http"), ("SELECT 1", "db")]
    with open(out, "w") as f:
        f.write('{"traceEvents":[\n')
        f.write('{"ph":"M","name":"thread_name","pid":1,"tid":0,"args":{"name":"event loop"}}')
        for lane in range(1, lanes + 1):
            f.write(',\n{"ph":"M","name":"thread_name","pid":1,"tid":%d,"args":{"name":"task %d"}}' % (lane, lane))
        written = 0
        for lane in range(1, lanes + 1):
            t = rng.uniform(0, 2000)
            for i in range(per_lane):
                if i % 2 == 0:
                    dur = rng.uniform(50, 500)
                    f.write(',\n{"ph":"X","name":"step","cat":"cpu","pid":1,"tid":%d,"ts":%.3f,"dur":%.3f}'
                            % (lane, t, dur))
                else:
                    name, cat = names[i % 3]
                    dur = rng.uniform(1000, 4000)
                    f.write(',\n{"ph":"X","name":"%s","cat":"%s","pid":1,"tid":%d,"ts":%.3f,"dur":%.3f}'
                            % (name, cat, lane, t, dur))
                t += dur
                written += 1
        t = 0.0
        while written < spans:
            t += rng.uniform(5000, 50000)
            f.write(',\n{"ph":"X","name":"loop stalled","cat":"stall","pid":1,"tid":0,"ts":%.3f,"dur":%.3f}'
                    % (t, rng.uniform(20000, 60000)))
            written += 1
        f.write('\n]}\n')


if __name__ == "__main__":
    main()
