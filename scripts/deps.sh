#!/bin/sh
# Installs the Debian packages Fronta needs to build, test and run its demo.
# As root it runs apt-get; otherwise it prints the one apt-get line to run.
# Usage: scripts/deps.sh [--fuzz] [--print]   (--print: only list what is missing)
# --fuzz: the packages of `make fuzz` instead (clang, libFuzzer); `make test`
# never needs them.
set -eu

PACKAGES="build-essential pkg-config git
mosquitto mosquitto-clients libmosquitto-dev
libsqlite3-dev sqlite3 libcjson-dev libcmocka-dev libinih-dev tzdata openssl libssl-dev
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev
fonts-noto-core fonts-noto-ui-core
libespeak-ng-dev espeak-ng-data espeak-ng
xvfb xdotool x11-utils jq libfribidi-dev
cage"
FUZZ_PACKAGES="clang libclang-rt-14-dev"

if [ "${1:-}" = "--fuzz" ]; then
    PACKAGES=$FUZZ_PACKAGES
    shift
fi

missing=""
for p in $PACKAGES; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "${1:-}" = "--print" ]; then
    echo "$missing"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >&2
else
    echo "deps: these Debian packages are missing. Run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
