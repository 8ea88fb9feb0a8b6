#!/usr/bin/env bash
# Build and run Coroscope's tests. Installs what it needs on Debian 12.
#   ./test.sh            release build, whole ctest suite
#   ./test.sh --asan     AddressSanitizer + UBSan build, whole suite
#   ./test.sh [--asan] -R recorder    extra arguments go to ctest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
cd "$COROSCOPE_ROOT"

preset=release
if [[ ${1:-} == --asan ]]; then
    preset=asan
    shift
fi

ensure_packages
build_preset "$preset"
log "testing ($preset)"
ctest --preset "$preset" "$@"
