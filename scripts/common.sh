# Shared by run.sh and test.sh: install what is missing, then configure and build.
# shellcheck shell=bash

COROSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian 12 packages needed to build, test and run Coroscope.
COROSCOPE_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libgl-dev qt6-qpa-plugins qt6-svg-dev qt6-httpserver-dev
    qcoro-qt6-dev
    qt6-declarative-dev qml6-module-qtquick qml6-module-qtqml qml6-module-qtquick-controls
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
    qml6-module-qtquick-dialogs qml6-module-qtqml-workerscript qml6-module-qt-labs-platform
    qml6-module-qt-labs-folderlistmodel
    qml6-module-qttest
    qt6-l10n-tools qt6-tools-dev
    libpq-dev postgresql
    python3 python3-httpx python3-psycopg
    fonts-dejavu-core fonts-nanum
    poppler-utils
    curl apache2-utils wrk
)

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

ensure_packages() {
    local missing=() pkg
    for pkg in "${COROSCOPE_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: missing packages (${missing[*]}) and no apt-get: install them by hand" >&2
        return 1
    fi
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build PRESET: configure (once) and build with ccache, two jobs.
build_preset() {
    local preset=$1
    export CCACHE_BASEDIR="$COROSCOPE_ROOT"
    export CCACHE_NOHASHDIR=true
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
    local dir="$COROSCOPE_ROOT/build/$preset"
    local extra=()
    if [[ -n ${CI:-} ]]; then
        extra+=(-DCOROSCOPE_WERROR=ON)
    fi
    if [[ ! -f "$dir/build.ninja" ]]; then
        log "configuring ($preset)"
        cmake --preset "$preset" -S "$COROSCOPE_ROOT" "${extra[@]}" >/dev/null
    fi
    log "building ($preset)"
    cmake --build --preset "$preset" -- -j2
}
