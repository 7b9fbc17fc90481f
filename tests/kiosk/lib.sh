# Helpers for the kiosk's tests under Xvfb (source after tests/lib/common.sh).
#   start_kiosk_xvfb            an X server with room for the portrait kiosk -> DISPLAY
#   kiosk_config OUTPUT         $T/kiosk.ini: the demo branch with [printer] output = OUTPUT
#   start_kiosk [ARGS...]       fronta-kiosk on it, shots in $SHOTS -> KIOSK_PID, KIOSK_WIN
#   wait_screen NAME [SECS]     until the newest screenshot shows screen NAME -> SHOT (its .txt)
#   tap KIND ARG                click the middle of a target of the newest screen
#   waiting_json                the retained state's waiting list
# Target kinds (kiosk/screens.h): 0 lang 1 service 2 priority 3 back 4 done
# 5 noted 6 decline 7 anywhere.
SHOTS="$T/shots"
mkdir -p "$SHOTS"
# libX11 and libdbus keep memory LeakSanitizer cannot name (docs/ui.md)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# the kiosk's X server: room for its portrait window (common.sh's start_xvfb)
start_kiosk_xvfb() { start_xvfb 1920x1920x24; }

kiosk_config() {
    sed "s|^output = .*|output = $1|" "$ROOT/config/demo.ini" > "$T/kiosk.ini"
    CONFIG="$T/kiosk.ini"
}

start_kiosk() {
    bg "$T/kiosk.log" "$BIN/fronta-kiosk" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" \
        --size 1080x1920 --shot-dir "$SHOTS" --shot-changes "$@"
    KIOSK_PID=$BG_PID
    if ! wait_for 20 sh -c "xdotool search --name '^Fronta\$' >/dev/null"; then
        diag "no kiosk window on $DISPLAY after 20 s; the kiosk $(kill -0 "$KIOSK_PID" 2>/dev/null && echo runs || echo ended); its log:"
        diag "$(cat "$T/kiosk.log")"
        return 1
    fi
    KIOSK_WIN=$(xdotool search --name '^Fronta$' | head -n 1)
}

newest_shot() { ls "$SHOTS"/*-[0-9][0-9][0-9].txt 2>/dev/null | sort | tail -n 1; }

_screen_is() { _s=$(newest_shot); [ -n "$_s" ] && grep -qx "screen $1" "$_s"; }

wait_screen() {
    if wait_for "${2:-10}" _screen_is "$1"; then
        SHOT=$(newest_shot)
        return 0
    fi
    SHOT=$(newest_shot)
    diag "waited for screen $1; the newest is $(head -n 1 "$SHOT" 2>/dev/null) ($SHOT)"
    return 1
}

# The middle of target KIND ARG in the newest screenshot's manifest.
target_xy() {
    awk -v k="$1" -v a="$2" '$1 == "target" && $2 == k && $3 == a { print int($4 + $6 / 2), int($5 + $7 / 2); exit }' \
        "$(newest_shot)"
}

tap() {
    _xy=$(target_xy "$1" "$2")
    [ -n "$_xy" ] || { diag "no target $1 $2 in $(newest_shot)"; return 1; }
    # a finger does not land the instant a screen appears (the kiosk ignores
    # a lift within 400 ms of a new screen: the second tap of a double tap)
    sleep 0.45
    xdotool mousemove --window "$KIOSK_WIN" $_xy click 1
}

waiting_json() { state | jq -c '.waiting'; }
