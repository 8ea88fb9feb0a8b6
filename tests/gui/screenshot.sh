#!/usr/bin/env bash
# Starts the app under Xvfb, runs an experiment the way a user would (search, Enter) and saves
# a screenshot of the window — the README's screenshots come from this.
#
#   tests/gui/screenshot.sh OUT.png [EXPERIMENT] [DELAY] [--pin-then OTHER]
#
# Needs xvfb, xdotool and imagemagick (apt-get install xvfb xdotool imagemagick).
# Environment: SCREENSHOT_SIZE (1500x880), SCREENSHOT_THEME (light|dark), SCREENSHOT_LANG (a
# locale, e.g. ko_KR.UTF-8), SCREENSHOT_CLICKS ("x,y x,y"), SCREENSHOT_KEYS (xdotool key names,
# pressed after the clicks), SCREENSHOT_STEPS ("click:x,y rclick:x,y key:NAME type:TEXT
# sleep:S", in order, after those), SCREENSHOT_HOVER ("x,y").
set -euo pipefail
out=${1:?usage: screenshot.sh OUT.png [EXPERIMENT] [DELAY] [--pin-then OTHER]}
experiment=${2:-tasks-concurrent}
delay=${3:-0.5}
other=""
if [[ ${4:-} == --pin-then ]]; then other=${5:?--pin-then needs an experiment}; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${COROSCOPE_BIN:-$root/build/release/app/coroscope}"
out="$(realpath -m "$out")"
size=${SCREENSHOT_SIZE:-1500x880}
if [[ -n ${SCREENSHOT_LANG:-} ]]; then export LANG=$SCREENSHOT_LANG LC_ALL=$SCREENSHOT_LANG LANGUAGE=""; unset COROSCOPE_LANG; fi

inner() {
    set -euo pipefail
    export HOME="${SCREENSHOT_HOME:-$(mktemp -d)}" # fresh settings and history
    mkdir -p "$HOME/.config/Coroscope"
    printf '[General]\ndefaultDelay=%s\ntheme=%s\n' "$delay" "${SCREENSHOT_THEME:-light}" >"$HOME/.config/Coroscope/coroscope.conf"
    "$bin" &
    local pid=$!
    local win=""
    for _ in $(seq 100); do
        win=$(xdotool search --sync --onlyvisible --name "^Coroscope" 2>/dev/null | head -1) && [[ -n $win ]] && break
        sleep 0.1
    done
    xdotool windowsize "$win" "${size%x*}" "${size#*x}" windowmove "$win" 0 0 windowfocus "$win"
    sleep 1
    run_one() { # search for the experiment, set the delay, run, wait
        xdotool key ctrl+f
        xdotool type --delay 10 "$1"
        xdotool key Return
        sleep 0.4
        xdotool key ctrl+r
        sleep "$(awk -v d="$delay" 'BEGIN { print d * 6 + 2 }')"
    }
    run_one "$experiment"
    if [[ -n $other ]]; then
        xdotool key ctrl+p
        run_one "$other"
        xdotool key ctrl+p
        xdotool key ctrl+2
        sleep 0.5
    fi
    # Optional clicks before the shot, e.g. SCREENSHOT_CLICKS="1220,44" (the Code tab);
    # "x,y:3" clicks the right button.
    for xy in ${SCREENSHOT_CLICKS:-}; do
        button=1
        if [[ $xy == *:* ]]; then button=${xy##*:}; xy=${xy%:*}; fi
        xdotool mousemove "${xy%,*}" "${xy#*,}" click "$button"
        sleep 0.5
    done
    for key in ${SCREENSHOT_KEYS:-}; do
        xdotool key "$key"
        sleep 0.5
    done
    # Optional steps in order, e.g. SCREENSHOT_STEPS="click:838,265 key:ctrl+a type:8 sleep:3".
    for step in ${SCREENSHOT_STEPS:-}; do
        case $step in
        click:*) xy=${step#click:}; xdotool mousemove "${xy%,*}" "${xy#*,}" click 1 ;;
        rclick:*) xy=${step#rclick:}; xdotool mousemove "${xy%,*}" "${xy#*,}" click 3 ;;
        key:*) xdotool key "${step#key:}" ;;
        type:*) xdotool type --delay 20 "${step#type:}" ;;
        sleep:*) sleep "${step#sleep:}" ;;
        esac
        sleep 0.3
    done
    if [[ -n ${SCREENSHOT_HOVER:-} ]]; then
        # Two small moves: the first may only enter the window.
        xdotool mousemove "$((${SCREENSHOT_HOVER%,*} - 6))" "${SCREENSHOT_HOVER#*,}"
        sleep 0.2
        xdotool mousemove "${SCREENSHOT_HOVER%,*}" "${SCREENSHOT_HOVER#*,}"
        sleep 0.8
    fi
    import -window root "$out"
    kill "$pid"
    wait "$pid" || true
}
if [[ ${SCREENSHOT_INNER:-} == 1 ]]; then
    inner
    exit 0
fi
# xvfb-run is a /bin/sh script, which drops exported bash functions: run this script again inside.
SCREENSHOT_INNER=1 xvfb-run -a -s "-screen 0 ${size}x24" "${BASH_SOURCE[0]}" "$@"
echo "wrote $out"
