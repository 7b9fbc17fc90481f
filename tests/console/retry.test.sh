#!/bin/sh
# A request in flight when the network drops is sent again with the same
# request_id and never acts twice. The console talks to the broker through
# tcp-relay, which the test breaks on purpose:
#   1. the answer is lost: frontad called the ticket, the console never
#      heard; the network drops; the console reconnects, asks again with
#      the same request_id and gets the same answer (frontad: "repeated");
#      one `called` event, the next ticket still waiting;
#   2. the request is lost: it never reached frontad; after the drop it is
#      sent again and done once.
#   3. frontad stops (SIGSTOP) while the broker stays: the console keeps
#      asking with the same request_id and says so; when frontad goes on,
#      the call is done once and every repeat gets the same answer.
# Also: a request made while the broker is away costs no CPU (mq's retry
# thread used to spin) and ends as a failed answer.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

start_all 1366x768

mkfifo "$T/relay.in"
exec 4<>"$T/relay.in"
for _try in 1 2 3 4 5; do
    RELAY_PORT=$(free_port)
    "$TOOLS/tcp-relay" "$RELAY_PORT" 127.0.0.1 "$BROKER_PORT" <"$T/relay.in" >"$T/relay.log" 2>&1 &
    RELAY=$!
    _BG_PIDS="$_BG_PIDS $RELAY"
    wait_for 3 grep -q "^listening" "$T/relay.log" && break
done
check "the relay listens" grep -q "^listening" "$T/relay.log"
relay() { echo "$1" >&4; wait_for 3 grep -q "^$1 " "$T/relay.log"; }

C="$T/console.log"
CONSOLE_PORT=$RELAY_PORT console "$C" "$D" --counter 2
P=$CONSOLE_PID
check "the console is up through the relay" shows "$C" "counter 2 open, online, synced"
ctl issue A --lang uk >/dev/null
ctl issue A --lang vi >/dev/null
check "two waiting" shows "$C" "waiting 2"

# ---- 1. the answer is lost ----
relay down
press "$D" space
check "frontad called A001 to counter 2" wait_for 5 grep -q "call: ok A001 at 2" "$T/frontad.log"
sleep 0.4
check "the console has no answer: still sending" shows "$C" "current -.*pending call"
rid=$(grep -o "call console-2-[0-9a-f]*-[0-9]*: sent" "$C" | head -n 1 | sed 's/call \(.*\): sent/\1/')
relay cut
check "the network drop is seen" wait_for 5 grep -q "lost the broker\|disconnected\|cannot reach" "$C"
check "after reconnecting, the console shows A001 at the counter" shows "$C" "online, synced, current A001.*pending -" 20
check "it asked again with the same request_id ($rid)" wait_for 5 grep -q "call $rid: repeated, same answer" "$T/frontad.log"
is "$(grep '"type":"called"' "$EVENTS" | grep -c '"number":"A001"')" "1" "A001 was called once"
is "$(grep -c '"type":"called"' "$EVENTS")" "1" "and nothing else was called"
is "$(ticket_at 2)" "A001" "the state agrees: A001 at counter 2"
check "A002 still waits" shows "$C" "waiting 1 .*next A002"
is "$(grep -c 'call: ok A001' "$C")" "1" "the console took the answer once"

# ---- 2. the request is lost ----
relay both
press "$D" d
sleep 2.5       # past one of the console's 2 s attempts: it tries again, in vain
check "frontad has not seen the finish" sh -c "! grep -q 'finish: ok' '$T/frontad.log'"
relay cut
check "after reconnecting, the finish is done" shows "$C" "online, synced, current -.*undo A001" 20
is "$(grep -c 'finish: ok A001' "$T/frontad.log")" "1" "frontad finished A001 once"
is "$(grep -c '"type":"done"' "$EVENTS")" "1" "one done event"

# ---- 3. frontad stops answering, the broker is there ----
kill -STOP "$FRONTAD_PID"
sleep 1.6       # past the double-press guard of the earlier call
press "$D" space
sleep 5.5
check "frontad silent: the console keeps asking" shows "$C" "online, synced, current -.*pending call"
shot "$P" "$C" frontad-silent-1366x768
check "the status line says it is waiting" has "$MANIFEST" status 'pending$'
check "and the buttons say so" has "$MANIFEST" "button done" disabled
kill -CONT "$FRONTAD_PID"
check "frontad back: A002 is called" shows "$C" "current A002.*pending -" 10
is "$(grep -c 'call: ok A002' "$T/frontad.log")" "1" "once; the repeats got the same answer"
check "(there were repeats)" grep -q "call console-2-[0-9a-f]*-3: repeated, same answer" "$T/frontad.log"
is "$(grep '"type":"called"' "$EVENTS" | grep -c '"number":"A002"')" "1" "one called event for A002"
kill "$P"; wait "$P" 2>/dev/null
is "$?" "0" "the console stops cleanly"

# ---- a request while the broker is away ----
mkfifo "$T/bridge.in"
exec 5<>"$T/bridge.in"
"$TOOLS/ui_netbridge" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" <"$T/bridge.in" >"$T/bridge.out" 2>"$T/bridge.err" &
BRIDGE=$!
_BG_PIDS="$_BG_PIDS $BRIDGE"
check "a client connects" wait_for 10 grep -q "^status connected" "$T/bridge.out"
stop_broker
check "and sees the broker go" wait_for 15 grep -q "^status disconnected" "$T/bridge.out"
echo status >&5
sleep 0.5
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
c0=$(cpu "$BRIDGE"); sleep 2; c1=$(cpu "$BRIDGE")
ticks=$((c1 - c0)); hz=$(getconf CLK_TCK)
check "a request waiting for the broker costs no CPU ($ticks ticks of $((2 * hz)) in 2 s)" [ "$ticks" -le $((hz / 10)) ]
check "and ends as a failed answer" wait_for 10 grep -q "^answer failed tag=42 not connected" "$T/bridge.out"
restart_broker
check "the client reconnects" wait_for 20 sh -c "[ \$(grep -c '^status connected' '$T/bridge.out') -ge 2 ]"
mosquitto_pub -p "$BROKER_PORT" -q 1 -t "fronta/v1/$BRANCH/event" -m quit
check "and stops when told (mq_stop is not starved)" wait_for 10 sh -c "! kill -0 $BRIDGE 2>/dev/null"
wait "$BRIDGE"
is "$?" "0" "with exit status 0"
done_testing
