# Helpers of the console's tests; source after tests/lib/common.sh.
#   console LOG DISPLAY ARGS...     fronta-console in the background -> CONSOLE_PID
#   shows LOG REGEX [SECONDS]       wait until the console's last "shows:" line matches
#   shot PID LOG NAME               SIGUSR1, copy the PNG and its manifest to $OUT/NAME.*
#   press DISPLAY KEYS...           real key presses (XTEST) on that X server
#   mline MANIFEST PREFIX           the manifest line that starts with PREFIX
#   rect MANIFEST PREFIX            its rectangle "X Y W H"
#   ticket_at COUNTER               the counter's ticket in the retained state ("-" if none)
OUT="$ROOT/$BUILD/test-artifacts/console"
mkdir -p "$OUT"
SHOTS="$T/shots"
mkdir -p "$SHOTS"
# ui_pngcheck with its answer as a TAP comment
PNGCHECK=pngcheck
pngcheck() { _o=$("$TOOLS/ui_pngcheck" "$@"); _r=$?; echo "# $_o"; return $_r; }
# libX11 and libdbus, loaded by SDL's X11 driver, keep memory that
# LeakSanitizer cannot name (docs/ui.md); the console's own code is checked
# for leaks by the unit tests.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# start_all [WxH]: mosquitto, frontad, an X server of that size (D), the
# pointer on it (keys go to the window under it), and the events logged
# in $EVENTS. Fails the test at once if one does not start.
start_all() {
    start_broker || { not_ok "mosquitto starts"; done_testing; }
    start_frontad || { not_ok "frontad starts"; done_testing; }
    start_xvfb "${1:-1366x768}x24" || { not_ok "Xvfb starts"; done_testing; }
    D=$XVFB_DISPLAY
    DISPLAY=$D xdotool mousemove 300 300
    EVENTS=$T/events.log
    bg "$EVENTS" mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/event"
}

console() {
    _log=$1; _d=$2; shift 2
    DISPLAY=$_d SDL_VIDEODRIVER=x11 "$BIN/fronta-console" --config "$CONFIG" \
        --broker "127.0.0.1:${CONSOLE_PORT:-$BROKER_PORT}" --shot-dir "$SHOTS" --shot-manifest -v "$@" >"$_log" 2>&1 &
    CONSOLE_PID=$!
    _BG_PIDS="$_BG_PIDS $CONSOLE_PID"
}

last_shows() { grep "shows:" "$1" | tail -n 1 | sed 's/.*shows: //'; }

shows() {
    wait_for "${3:-10}" sh -c "grep 'shows:' '$1' | tail -n 1 | grep -Eq '$2'"
}

shot() {
    _n=$(grep -c "screenshot " "$2")
    kill -USR1 "$1"
    if ! wait_for 5 sh -c "[ \$(grep -c 'screenshot ' '$2') -gt $_n ]"; then
        SHOT=; MANIFEST=
        return 1
    fi
    _p=$(grep "screenshot " "$2" | tail -n 1 | sed 's/.*screenshot //')
    cp "$_p" "$OUT/$3.png"
    cp "${_p%.png}.txt" "$OUT/$3.txt"
    SHOT="$OUT/$3.png"
    MANIFEST="$OUT/$3.txt"
}

press() {
    _d=$1; shift
    DISPLAY=$_d xdotool key --delay 80 "$@"
}

mline() { grep -m 1 "^$2 " "$1"; }

rect() {
    mline "$1" "$2" | awk -v n="$2" '{ c = split(n, _, " "); print $(c+1), $(c+2), $(c+3), $(c+4) }'
}

ticket_at() {
    jqr ".counters[] | select(.id == \"$1\") | .ticket // \"-\"" "$(state)"
}

# manifest_ok MANIFEST NAME: no text overflowed its box, the frame is not blank
manifest_ok() {
    is "$(mline "$1" overflows | awk '{print $6}')" "0" "$2: every text fits its box"
    check "$2: not blank" "$PNGCHECK" notblank "${1%.txt}.png"
}

# has MANIFEST PREFIX REGEX: the line of PREFIX matches REGEX (grep -E)
has() { mline "$1" "$2" | grep -Eq "$3"; }
# lacks MANIFEST REGEX: no line matches
lacks() { ! grep -Eq "$2" "$1"; }
