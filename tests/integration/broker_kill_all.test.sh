#!/bin/sh
# The whole branch through broker kill -9s: frontad, a display, a console
# (counter 1) and a kiosk run on real X servers while two kiosks (frontactl)
# issue without a pause; the broker is killed -9 and restarted twice, once
# briefly and once for long enough that every screen notices. Every program
# reconnects by itself in the same process; the display shows the
# database's truth again; the console calls, the display shows that call and
# the kiosk issues; no answered ticket is lost, no number is given twice, no
# event seq is missing.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/../kiosk/lib.sh"
. "$(dirname "$0")/../console/lib.sh"

export SDL_AUDIODRIVER=dummy
TOPIC="fronta/v1/$BRANCH"
kiosk_config "file:$T/printer.bin"
{ cat "$CONFIG"; printf '\n[display]\noffline_seconds = 2\n'; } > "$T/branch.ini"
CONFIG="$T/branch.ini"

start_broker || { not_ok "mosquitto starts"; done_testing; }
start_frontad || { not_ok "frontad starts"; done_testing; }
start_xvfb 1920x1080x24 || { not_ok "the display's Xvfb starts"; done_testing; }
DD=$XVFB_DISPLAY
start_xvfb 1366x768x24 || { not_ok "the console's Xvfb starts"; done_testing; }
DC=$XVFB_DISPLAY
DISPLAY=$DC xdotool mousemove 683 384
start_kiosk_xvfb || { not_ok "the kiosk's Xvfb starts"; done_testing; }

bg "$T/display.log" env DISPLAY="$DD" "$BIN/fronta-display" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --size 1920x1080
DP=$BG_PID
CL="$T/console.log"
console "$CL" "$DC" --counter 1 --size 1366x768
CP=$CONSOLE_PID
start_kiosk || { not_ok "the kiosk starts"; done_testing; }

db_seq() { sqlite3 "$DB" 'SELECT max(seq) FROM events'; }
db_waiting() { sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE status = 'waiting'"; }
connects() { grep -c "connected to" "$1"; }

ctl issue A --lang uk >/dev/null
check "the kiosk is ready (language screen)" wait_screen language 15
check "the console is online and in step" shows "$CL" "counter 1 open, online, synced.*waiting 1"
check "the display shows the current state" wait_for 10 display_at "$(db_seq)"

ctl_stream 1 A uk
ctl_stream 2 S vi
sleep 1
kill_broker
sleep 0.7
restart_broker
sleep 1.5
kill_broker
# long enough for every screen to say so (display offline_seconds = 2, the
# kiosk's grace 3 s)
check "the console shows offline" shows "$CL" "offline" 5
check "the kiosk goes out of service" wait_screen out_of_service 10
sleep 1
check "the display, kiosk and console keep running without a broker" kill -0 "$DP" "$CP" "$KIOSK_PID"
restart_broker
sleep 2
stop_streams

# everyone is back by themselves, in the same process
for p in frontad display console kiosk; do
    check "$p reconnected after each kill" wait_for 15 sh -c "[ \$(grep -c 'connected to' '$T/$p.log') -ge 3 ]"
done
is "$(grep -c 'first frame' "$T/display.log")" 1 "the display is the same run of the program"
check "the kiosk comes back to the language screen" wait_screen language 20
check "the console is online and in step again" shows "$CL" "counter 1 open, online, synced" 15

# nothing answered was lost
check "the stream got answers through the outages ($(wc -l < "$T/streamed") issues)" [ "$(wc -l < "$T/streamed")" -ge 10 ]
is "$(answered_missing "$T/streamed")" 0 "every ticket answered during the outages is stored, with its request id"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT number FROM tickets GROUP BY day, number HAVING count(*) > 1)')" 0 \
   "no number twice"
is "$(sqlite3 "$DB" 'SELECT max(seq) - count(*) FROM events')" 0 "no event seq is missing"

# the truth again, on every screen
S=$(db_seq)
check "the display shows the database's last seq ($S)" wait_for 10 display_at "$S"
W=$(db_waiting)
check "the console counts as many waiting as the database ($W)" shows "$CL" "waiting $W " 10

# and they work: the console calls, the display shows it, the kiosk issues
press "$DC" space
check "the console's Call works after the outages" shows "$CL" "current [A-Z][0-9]" 10
called=$(ticket_at 1)
check "the state shows $called at counter 1" [ "$called" != "-" ]
S=$(db_seq)
check "the display shows that call (seq $S)" wait_for 10 display_at "$S"
check "...and announces it" wait_for 5 grep -q "display: call $called -> 1" "$T/display.log"
before=$(grep -c 'issue: ok' "$T/frontad.log")
tap 0 1
wait_screen service
tap 1 65    # A
check "the kiosk issues a ticket after the outages" wait_screen ticket 10
is "$(grep -c 'issue: ok' "$T/frontad.log")" "$((before + 1))" "frontad made exactly that one ticket"

stop_display "$DP"
done_testing
