#!/usr/bin/env bash
# Retakes the README's figures from real runs of this build: the chart exports (coroscope run …
# --export) and the window screenshots (tests/gui/screenshot.sh, the app under Xvfb driven by
# the keyboard; needs xvfb xdotool imagemagick). Timings are this machine's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${COROSCOPE_BIN:-$root/build/release/app/coroscope}"
out="$root/docs/images"
export COROSCOPE_LANG=en
fig() { # NAME EXPERIMENT [--param k=v]... [--theme dark]
    local name=$1 id=$2
    shift 2
    "$bin" run "$id" --param delay=0.3 "$@" --export "$out/$name.png" >/dev/null
    echo "wrote docs/images/$name.png"
}
fig tasks-concurrent tasks-concurrent
fig blocking-in-task blocking-in-task
fig combo-mixed combo-mixed
fig offload-to-pool-2-threads offload-to-pool --param pool=2
fig nested-event-loop nested-event-loop
fig http-blocking-x2 http-blocking-x2
fig server-serial server-serial-vs-async --param mode=serial
fig pg-pool-saturation pg-pool-saturation
fig pg-pool-pre-ping pg-pool-pre-ping
fig gather-exceptions-fail-fast gather-exceptions --param mode=fail-fast --theme dark
cp "$out/combo-mixed.png" "$out/why-combo-mixed.png"
cp "$out/blocking-in-task.png" "$out/why-blocking-in-task.png"
cp "$out/nested-event-loop.png" "$out/why-nested-event-loop.png"
COROSCOPE_LANG=ko fig combo-mixed-ko combo-mixed
# A Python asyncio program traced: the seed's combo-mixed, D = 0.3 s (a private cluster for it).
COROSCOPE_DELAY=0.3 "$bin" trace --export "$out/trace-combo-mixed.png" -- /usr/bin/python3 "$root/resources/seeds/combo-mixed.py" >/dev/null
echo "wrote docs/images/trace-combo-mixed.png"
# Another tool's trace: Node.js's async_hooks trace of tests/data/node-http.js (checked in).
"$bin" render "$root/tests/data/node-http.trace.json" --width 1100 --export "$out/node-http-requests.png" >/dev/null
echo "wrote docs/images/node-http-requests.png"
# A sweep: http-fanout's waves over the connection limit, and a pool sweep (PNG at 1400 px).
"$bin" sweep http-fanout --param n=8 --param limit=1,2,4,8 --param delay=0.1 --width 1400 \
    --export "$out/sweep-http-fanout.png" >/dev/null 2>&1
echo "wrote docs/images/sweep-http-fanout.png"
"$bin" sweep pg-pool-saturation --param pool=1,2,3,6 --param delay=0.3 --width 1400 \
    --export "$out/sweep-pg-pool.png" >/dev/null 2>&1
echo "wrote docs/images/sweep-pg-pool.png"
# Notes and a prediction on a run, then three frames of its replay (render --until).
"$bin" run combo-mixed --param delay=0.3 --predict 0.6 --predict-overlap 1+2 --note "0.15:task 1's blocking GET holds the loop" \
    --note "0.6-0.9:task 2's blocking query; task 1's answer waits" --export /tmp/coroscope-annotated.json \
    --export "$out/annotated-combo-mixed.png" >/dev/null
echo "wrote docs/images/annotated-combo-mixed.png"
for t in 0.15 0.45 0.75; do
    "$bin" render /tmp/coroscope-annotated.json --until "$t" --width 900 --export "$out/replay-$t.png" >/dev/null
done
convert "$out/replay-0.15.png" "$out/replay-0.45.png" "$out/replay-0.75.png" -append "$out/replay-combo-mixed.png"
rm -f "$out"/replay-0.*.png
echo "wrote docs/images/replay-combo-mixed.png"

shot="$root/tests/gui/screenshot.sh"
# The main screenshot: combo-mixed, the Why tab.
SCREENSHOT_CLICKS="1222,44" "$shot" "$out/gui-combo-mixed.png" combo-mixed 0.3
SCREENSHOT_THEME=dark SCREENSHOT_CLICKS="1128,44" "$shot" "$out/gui-dark-code.png" pg-pool-saturation 0.3
"$shot" "$out/gui-compare.png" http-blocking-x2 0.3 --pin-then http-async-x2
SCREENSHOT_SIZE=1024x700 SCREENSHOT_LANG=ko_KR.UTF-8 SCREENSHOT_CLICKS="815,44" "$shot" "$out/gui-korean-small.png" combo-mixed 0.3
# Compare: combo-mixed in C++, then the Code tab's "Run the seed's Python" pins both.
SCREENSHOT_CLICKS="1129,44 1108,79 700,820" SCREENSHOT_KEYS="shift shift shift shift shift shift" "$shot" "$out/gui-compare-python.png" combo-mixed 0.3
# The replay scrubber under a finished run: a click gives the chart the keys (they are the
# chart's, not the window's), then Home and two steps from event to event.
SCREENSHOT_STEPS="click:700,600 key:Home key:Right key:Right sleep:0.5" "$shot" "$out/gui-replay.png" combo-mixed 0.3
# Sweep mode: http-fanout with n=8 over limit=1,2,4,8 (Parameters → Sweep a parameter).
SCREENSHOT_STEPS="click:1257,239 key:ctrl+a type:8 click:1290,629 sleep:0.5 key:Down key:Down key:Return \
click:1290,660 type:1,2,4,8 key:Return sleep:5 click:900,870" "$shot" "$out/gui-sweep.png" http-fanout 0.1
