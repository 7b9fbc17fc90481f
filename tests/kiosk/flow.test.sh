#!/bin/sh
# The kiosk end to end: a real mosquitto, frontad and fronta-kiosk in a real
# window under Xvfb, driven by synthetic clicks. A Vietnamese speaker takes a
# ticket in three touches and frontad has it; a double tap makes one ticket;
# the paper ticket is in the printer file and decodes; the broker stopped
# mid-flow gives the out-of-service screen and no ticket, and the kiosk comes
# back by itself. Screenshots stay in $BUILD/test-artifacts/kiosk-e2e/.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

OUT="$ROOT/$BUILD/test-artifacts/kiosk-e2e"
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'cp "$SHOTS"/*.png "$OUT"/ 2>/dev/null; _cleanup' EXIT

start_kiosk_xvfb || { not_ok "Xvfb starts"; done_testing; }
kiosk_config "file:$T/printer.bin"
start_broker || { not_ok "broker starts"; done_testing; }
start_frontad || { not_ok "frontad starts"; done_testing; }
start_kiosk || { not_ok "the kiosk opens its window"; diag "$(cat "$T/kiosk.log")"; done_testing; }
ok "the kiosk opens its window"

check "the language screen comes up once frontad answers" wait_screen language 10
check "presence: online, printer ok, in service" wait_for 5 sh -c \
    "mosquitto_sub -p $BROKER_PORT -t fronta/v1/demo/presence/kiosk-1 -C 1 -W 2 |
     jq -e '.online == true and .role == \"kiosk\" and .printer == \"ok\" and .out_of_service == false'"

# --- a Vietnamese speaker: language, service, ticket (three touches) ---
t0=$(date +%s%N)
tap 0 4
check "Tiếng Việt leads to the service screen" wait_screen service
is "$(sed -n 's/^lang //p' "$SHOT")" "vi" "the service screen is in Vietnamese"
tap 1 83    # S: social counselling
check "the ticket screen follows" wait_screen ticket
t1=$(date +%s%N)
is "$(sed -n 's/^ticket //p' "$SHOT")" "S001" "the ticket shown is S001"
diag "language to ticket on screen: $(( (t1 - t0) / 1000000 )) ms (with the test's 2 x 450 ms finger delay)"
check "frontad holds S001 waiting, in Vietnamese" wait_for 5 sh -c \
    "mosquitto_sub -p $BROKER_PORT -t fronta/v1/demo/state -C 1 -W 2 |
     jq -e '.waiting | map(select(.number == \"S001\" and .lang == \"vi\" and .service == \"S\")) | length == 1'"
check "the printed state is shown" wait_for 10 sh -c "grep -l '^screen ticket' $SHOTS/*.txt | wc -l | grep -q 2"
check "the ticket reached the printer file" wait_for 5 test -s "$T/printer.bin"
"$TOOLS/printer-tool" decode "$T/printer.bin" > "$T/decoded.txt" 2>&1
check "the printer bytes decode: one image, one cut" grep -q "^images 1 cuts 1 inits 1" "$T/decoded.txt"
check "the image is 576 dots wide" grep -q "raster 576x" "$T/decoded.txt"
[ -f "$SHOTS/kiosk-1-ticket-S001.png" ] && cp "$SHOTS/kiosk-1-ticket-S001.png" "$OUT/"
check "no ticket is marked print_failed" sh -c "! mosquitto_sub -p $BROKER_PORT -t fronta/v1/demo/state -C 1 -W 2 | grep -q print_failed"

# Done: back to the start
tap 4 0
check "Done returns to the language screen" wait_screen language

# --- a double tap on a service makes one ticket ---
tap 0 1
wait_screen service
xy=$(target_xy 1 65)
sleep 0.45
xdotool mousemove --window "$KIOSK_WIN" $xy click --repeat 2 --delay 90 1
check "the double tap shows a ticket" wait_screen ticket
sleep 1
n=$(mosquitto_sub -p $BROKER_PORT -t fronta/v1/demo/state -C 1 -W 2 | jq '[.waiting[] | select(.service == "A")] | length')
is "$n" "1" "a double tap on service A made exactly one ticket"
is "$(grep -c 'issue: ok' "$T/frontad.log")" "2" "frontad issued two tickets in all"
tap 4 0
wait_screen language

# --- the broker stops mid-flow ---
tap 0 1
wait_screen service
before=$(waiting_json)
stop_broker
tap 1 80
check "the out-of-service screen comes, in every language" wait_screen out_of_service 15
cp "$SHOT" "$T/oos.txt"
is "$(grep -c '^text oos' "$T/oos.txt")" "7" "it says so in 7 languages"
xy=$(target_xy 0 0)
is "$xy" "" "it has nothing to touch"
restart_broker
check "the kiosk comes back by itself when the broker returns" wait_screen language 20
sleep 2
after=$(waiting_json)
is "$after" "$before" "no ticket was left waiting by the lost request"
# The request may have reached frontad (libmosquitto resends, or it was sent
# before the loss): the kiosk asks again with the same request_id and
# withdraws whatever that made.
lost=$(sed -n 's/.*lost issue resolved: ticket \([A-Z0-9]*\), withdrawing it/\1/p' "$T/kiosk.log")
if [ -n "$lost" ]; then
    check "the ticket the lost request made ($lost) was withdrawn" grep -q "print: ok $lost" "$T/frontad.log"
else
    check "the lost request made no ticket" grep -q "lost issue resolved" "$T/kiosk.log"
fi

# --- idle CPU: asleep in SDL_WaitEventTimeout ---
sleep 1
c0=$(awk '{print $14 + $15}' /proc/$KIOSK_PID/stat)
sleep 10
c1=$(awk '{print $14 + $15}' /proc/$KIOSK_PID/stat)
tick=$(getconf CLK_TCK)
diag "idle: $((c1 - c0)) ticks of $tick/s in 10 s; RSS $(awk '/VmRSS/ {print $2, $3}' /proc/$KIOSK_PID/status)"
check "idle CPU under 1 % of a core" [ $((c1 - c0)) -le $((tick / 10)) ]

kill "$KIOSK_PID"
check "the kiosk stops cleanly on SIGTERM" wait_for 5 sh -c "! kill -0 $KIOSK_PID 2>/dev/null"
check "no error in the kiosk's log" sh -c "! grep -q ' error:' '$T/kiosk.log'"
done_testing
