#!/bin/sh
# The kiosk with a network printer that runs out of paper (printer-peer, a
# real TCP ESC/POS peer): the number stays on screen with "please remember
# your number"; "I have noted it" keeps the ticket (marked print_failed for
# the console); "I don't need it" and no touch at all withdraw it, so no
# ghost is ever called. The presence reports the printer's state.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

OUT="$ROOT/$BUILD/test-artifacts/kiosk-printer"
rm -rf "$OUT"
mkdir -p "$OUT"
trap 'cp "$SHOTS"/*.png "$OUT"/ 2>/dev/null; _cleanup' EXIT

presence_is() {
    [ "$(mosquitto_sub -p "$BROKER_PORT" -t fronta/v1/demo/presence/kiosk-1 -C 1 -W 2 | jq -r .printer)" = "$1" ]
}
waiting_has() {   # waiting_has NUMBER JQ-CONDITION
    mosquitto_sub -p "$BROKER_PORT" -t fronta/v1/demo/state -C 1 -W 2 |
        jq -e ".waiting | map(select(.number == \"$1\" and ($2))) | length == 1" >/dev/null
}
take() {   # take LANG-INDEX SERVICE-LETTER-CODE
    tap 0 "$1" && wait_screen service && tap 1 "$2"
}

start_kiosk_xvfb || { not_ok "Xvfb starts"; done_testing; }
echo ok > "$T/ctl"
bg "$T/peer.log" "$TOOLS/printer-peer" --record "$T/rec.bin" --control "$T/ctl" --port-file "$T/port"
wait_for 5 test -s "$T/port" || { not_ok "printer-peer starts"; done_testing; }
kiosk_config "tcp:127.0.0.1:$(cat "$T/port")"
sed -i 's/^\[kiosk\]/[kiosk]\nidle_seconds = 10/' "$CONFIG"
start_broker && start_frontad || { not_ok "broker and frontad start"; done_testing; }
start_kiosk || { not_ok "the kiosk opens its window"; diag "$(cat "$T/kiosk.log")"; done_testing; }
check "the language screen comes up" wait_screen language 10
check "presence: printer ok" wait_for 5 presence_is ok

# --- out of paper: noted ---
echo paper_out > "$T/ctl"
take 1 83
check "printing fails: remember your number" wait_screen remember 15
is "$(sed -n 's/^ticket //p' "$SHOT")" "S001" "the number stays on screen"
check "presence: printer paper_out" wait_for 5 presence_is paper_out
check "the console sees S001 as not printed" wait_for 5 waiting_has S001 '.print_failed == true'
check "nothing was sent to a printer without paper" sh -c "! grep -q \"\$(printf '\\035v0')\" '$T/rec.bin' 2>/dev/null"
tap 5 0
check "\"I have noted my number\": the ticket screen" wait_screen ticket
tap 4 0
wait_screen language
check "S001 still waits, marked" waiting_has S001 '.print_failed == true'

# --- out of paper: declined ---
take 3 83
wait_screen remember 15
tap 6 0
check "\"I don't need a ticket\": back to the start" wait_screen language
check "S002 was withdrawn: nobody will call it" wait_for 5 sh -c '! waiting_has S002 true'

# --- out of paper: nobody touches anything ---
take 6 83
wait_screen remember 15
is "$(sed -n 's/^lang //p' "$SHOT")" "ar" "the remember screen is in Arabic"
check "after idle_seconds without a touch: back to the start" wait_screen language 15
check "S003 was withdrawn" wait_for 5 sh -c '! waiting_has S003 true'

# --- paper back ---
echo ok > "$T/ctl"
take 4 80
check "with paper: the ticket screen" wait_screen ticket
check "and it prints (the ticket screen changes to \"take your ticket\")" wait_for 10 sh -c \
    "[ \$(grep -l '^ticket P001' $SHOTS/*.txt | wc -l) -eq 2 ]"
check "presence: printer ok again" wait_for 5 presence_is ok
"$TOOLS/printer-tool" decode "$T/rec.bin" > "$T/decoded.txt" 2>&1
check "the printer received one ticket, which decodes" grep -q "^images 1 cuts 1 inits 1" "$T/decoded.txt"
check "P001 waits, not marked" waiting_has P001 '(.print_failed // false) == false'
done_testing
