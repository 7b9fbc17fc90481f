#!/bin/sh
# The SDL side of the network: a miniature display loop (ui_netbridge)
# receives messages, connection changes and request answers from a real
# mosquitto (and a real frontad) as SDL user events, on its own thread.
. "$(dirname "$0")/../lib/common.sh"

start_broker || { not_ok "mosquitto starts"; done_testing; }
mkfifo "$T/in"
exec 4<>"$T/in"
"$TOOLS/ui_netbridge" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" <"$T/in" >"$T/bridge.out" 2>"$T/bridge.err" &
BRIDGE=$!
_BG_PIDS="$_BG_PIDS $BRIDGE"
EV="fronta/v1/$BRANCH/event"

check "the connection comes to the SDL thread as a status event" wait_for 10 grep -q "^status connected" "$T/bridge.out"

MSG='{"seq":1,"text":"Číslo A023 الرقم"}'
mosquitto_pub -p "$BROKER_PORT" -q 1 -t "$EV" -m "$MSG"
check "a message arrives as an event, UTF-8 intact" \
    wait_for 5 grep -qF "message $EV $(printf '%s' "$MSG" | wc -c) 0 $MSG" "$T/bridge.out"

head -c 3000 /dev/zero | tr '\0' 'x' > "$T/big"
mosquitto_pub -p "$BROKER_PORT" -q 1 -t "$EV" -f "$T/big"
check "a 3000-byte payload is copied whole" wait_for 5 grep -q "^message $EV 3000 0 xxxx" "$T/bridge.out"

seq 1 500 | mosquitto_pub -p "$BROKER_PORT" -q 1 -t "$EV" -l
wait_for 10 sh -c "[ \$(grep -c '^message $EV [0-9]* 0 [0-9]*\$' '$T/bridge.out') -ge 500 ]"
got=$(grep "^message $EV [0-9]* 0 [0-9]*\$" "$T/bridge.out" | awk '{print $5}' | tr '\n' ' ')
is "$got" "$(seq 1 500 | tr '\n' ' ')" "500 messages in a burst all arrive, in order"

stop_broker
check "losing the broker comes as a status event" wait_for 15 grep -q "^status disconnected" "$T/bridge.out"
restart_broker
check "and so does the reconnection" wait_for 20 sh -c "[ \$(grep -c '^status connected' '$T/bridge.out') -ge 2 ]"

echo status >&4
check "a request nobody answers ends as an answer event with the reason" \
    wait_for 10 grep -q "^answer failed tag=42 ." "$T/bridge.out"

if start_frontad; then
    echo status >&4
    check "frontad's answer arrives as an event with the request's tag" \
        wait_for 10 grep -q '^answer ok tag=42 {"ok":true' "$T/bridge.out"
else
    not_ok "frontad starts"
fi

mosquitto_pub -p "$BROKER_PORT" -q 1 -t "$EV" -m quit
check "the loop ends when told" wait_for 10 sh -c "! kill -0 $BRIDGE 2>/dev/null"
wait "$BRIDGE"
is "$?" "0" "ui_netbridge exits cleanly"
if [ -s "$T/bridge.err" ]; then diag "$(cat "$T/bridge.err")"; fi
done_testing
