#!/usr/bin/env bash
# Build Coroscope (Release, ccache, -j2) and start it. Installs what it needs on Debian 12.
#   ./run.sh                                  start the app
#   ./run.sh run tasks-concurrent --param delay=0.3 --export t.json
#   ./run.sh list | describe ID | run ID ...  (arguments pass through to coroscope)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
cd "$COROSCOPE_ROOT"

ensure_packages
build_preset release >&2
cd "$OLDPWD"
exec "$COROSCOPE_ROOT/build/release/app/coroscope" "$@"
