#!/bin/sh
# The broker stopped under a running fronta-display (Xvfb, real mosquitto
# and frontad): after [display] offline_seconds the offline mark appears and
# the last state stays, drawn as stale; the broker comes back on the same
# port and the display recovers by itself (same process): the mark goes,
# the presence is back, the next call is on screen. Screenshots (SIGUSR1)
# in $BUILD/test-artifacts/display-offline/.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/display.sh"

display_artifacts display-offline
display_world
export SDL_AUDIODRIVER=dummy

{ cat "$CONFIG"; printf '\n[display]\noffline_seconds = 2\n'; } > "$T/branch.ini"
TOPIC="fronta/v1/$BRANCH"
SHOTS="$T/shots"
mkdir -p "$SHOTS"
# shot NAME: a screenshot now (SIGUSR1), copied to OUT/NAME.png; sets MF to its manifest
shot() {
    _n=$(ls "$SHOTS"/*.txt 2>/dev/null | wc -l)
    kill -USR1 "$DP"
    wait_for 5 sh -c "[ \$(ls '$SHOTS'/*.txt | wc -l) -gt $_n ]"
    MF=$(ls "$SHOTS"/*.txt | tail -n 1)
    cp "${MF%.txt}.png" "$OUT/$1.png"
}

bg "$T/display.log" "$BIN/fronta-display" --config "$T/branch.ini" --broker "127.0.0.1:$BROKER_PORT" --shot-dir "$SHOTS" --shot-changes
DP=$BG_PID
ctl issue A --lang ar >/dev/null && ctl call 2 >/dev/null
S=$(state | jq -r .seq)
check "the call is on screen (seq $S)" wait_for 10 display_at "$S"
shot online
is "$(m offline "$MF")" "0" "online: no offline mark"

stop_broker
sleep 0.3
shot just-lost
is "$(m offline "$MF")" "0" "a moment after the broker went: not yet marked (offline_seconds = 2)"
sleep 2.5
shot offline
set -- $(m offline "$MF")
is "${1:-}" "1" "after 2 s without the broker: the offline mark"
shift
check "in the attention colour" PROBE share "${MF%.txt}.png" "$@" ffb020 20
check "with its words" PNG ink "${MF%.txt}.png" "$@" 40
check "the last state stays on screen: A001 at counter 2" grep -q "^hero_number 0 A001 2 " "$MF"
check "drawn as stale (muted, not the accent colour)" grep -q "^hero_number 0 A001 2 [0-9]* c8d5e4 " "$MF"
check "the log says the broker was lost" grep -q "lost the broker" "$T/display.log"
check "the display keeps running" kill -0 "$DP"

restart_broker
check "the broker is back: the presence is online again" wait_for 20 sh -c "mosquitto_sub -p $BROKER_PORT -t $TOPIC/presence/display-1 -C 1 -W 2 | grep -q '\"online\":true'"
is "$(display_seq)" "$S" "with the seq it shows ($S)"
wait_for 10 grep -c "connected to" "$T/display.log" >/dev/null
shot back
is "$(m offline "$MF")" "0" "the offline mark is gone without a restart"
check "the call is drawn live again (accent or highlight)" sh -c "grep -q '^hero_number 0 A001 2 [0-9]* \(ffd23f\|0b1b2e\) ' '$MF'"
# frontad reconnects by itself too; the next call reaches the same display
wait_for 15 sh -c "ctl status >/dev/null 2>&1" >/dev/null
ctl issue S --lang vi >/dev/null && ctl call 1 >/dev/null
S=$(state | jq -r .seq)
check "the next call reaches the screen (seq $S)" wait_for 10 display_at "$S"
check "and is announced" wait_for 5 grep -q "display: call S001 -> 1" "$T/display.log"
is "$(grep -c 'first frame' "$T/display.log")" "1" "all in one run of the program"
stop_display "$DP"
done_testing
