#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for SECONDS (default 60).
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     targets: runfile trace conninfo http pyevents
# The corpus in tests/fuzz/corpus/TARGET seeds each run (new inputs go to a scratch folder,
# not into the repository). A crash leaves its input in build/fuzz/crashes/TARGET: add it to
# the corpus once the bug is fixed. Exits non-zero if any target crashed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/common.sh"
cd "$COROSCOPE_ROOT"

seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
    targets=(runfile trace conninfo http pyevents)
fi

COROSCOPE_PACKAGES+=(clang libfuzzer-14-dev libclang-rt-14-dev)
ensure_packages
build_preset fuzz

status=0
for target in "${targets[@]}"; do
    bin="$COROSCOPE_ROOT/build/fuzz/tests/fuzz/fuzz_$target"
    scratch="$COROSCOPE_ROOT/build/fuzz/scratch/$target"
    crashes="$COROSCOPE_ROOT/build/fuzz/crashes/$target"
    mkdir -p "$scratch" "$crashes"
    log "fuzzing $target for $seconds s"
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$crashes/" -print_final_stats=1 \
        "$scratch" "$COROSCOPE_ROOT/tests/fuzz/corpus/$target" 2>"$COROSCOPE_ROOT/build/fuzz/$target.log"; then
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$COROSCOPE_ROOT/build/fuzz/$target.log" | sed "s/^/  $target: /" >&2 || true
    else
        status=1
        echo "fuzz_$target FOUND A PROBLEM — input in $crashes:" >&2
        grep -E "ERROR:|SUMMARY:|==.*ABORTING|deadly signal" -A12 "$COROSCOPE_ROOT/build/fuzz/$target.log" | head -60 >&2
    fi
done
exit $status
