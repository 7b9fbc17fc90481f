#!/bin/sh
# fronta-console end to end, as a worker uses it: real mosquitto and
# frontad, the console in a real window under Xvfb at 1366x768, real key
# presses (xdotool). A ticket issued by frontactl appears in the list; Space
# calls it (the state shows the counter), D finishes it, U takes that back;
# two consoles pressing Space at the same instant get two different
# tickets; the transfer picker; a long list; offline and back; the
# interface language; pause. Screenshots are kept in
# $BUILD/test-artifacts/console/ and checked through their manifests.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

start_all 1366x768
DA=$D
start_xvfb 1366x768x24 || { not_ok "a second Xvfb starts"; done_testing; }
DB=$XVFB_DISPLAY
DISPLAY=$DB xdotool mousemove 683 384
events_of() { grep -c "\"type\":\"$1\"" "$EVENTS"; }

C2="$T/console-2.log"
console "$C2" "$DA" --counter 2 --size 1366x768
P2=$CONSOLE_PID
check "the console comes up online and in step with the queue" shows "$C2" "counter 2 open, online, synced"
diag "$(grep 'first frame' "$C2" | sed 's/.*info: //')"
check "its presence names the counter" wait_for 5 sh -c \
    "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/presence/console-2 -C 1 -W 2 | grep -q '\"counter\":\"2\"'"

# ---- idle: nobody waits ----
shot "$P2" "$C2" idle-1366x768
manifest_ok "$MANIFEST" idle
check "idle: Call next is disabled (nobody waiting)" has "$MANIFEST" "button call" disabled
check "idle: no banner" lacks "$MANIFEST" '^banner ' 

# ---- a ticket from frontactl appears ----
ctl issue A --lang uk >/dev/null
check "a ticket issued by frontactl appears in the list" shows "$C2" "waiting 1 .*next A001"
ctl issue S --lang ar --priority >/dev/null
check "a priority ticket comes first, as call picks" shows "$C2" "waiting 2 .*next S001"
shot "$P2" "$C2" waiting-1366x768
check "the list shows S001 first, marked next and priority" has "$MANIFEST" "row 0 S001" 'next.*priority' 
check "Call next is enabled" has "$MANIFEST" "button call" enabled

# ---- Space calls ----
press "$DA" space
check "Space calls the next ticket" shows "$C2" "current S001"
is "$(ticket_at 2)" "S001" "the state shows S001 at counter 2"
shot "$P2" "$C2" serving-1366x768
manifest_ok "$MANIFEST" serving
check "serving: the number is drawn large" has "$MANIFEST" number S001
check "serving: the client's language is shown" has "$MANIFEST" lang ' ar$' 
set -- $(rect "$MANIFEST" number)
check "serving: the number has ink" "$PNGCHECK" ink "$SHOT" "$1" "$2" "$3" "$4" 60
check "serving: Done enabled" has "$MANIFEST" "button done" enabled
check "serving: No-show enabled" has "$MANIFEST" "button noshow" enabled
check "serving: Recall enabled" has "$MANIFEST" "button recall" enabled

# ---- D finishes, U takes it back ----
press "$DA" d
check "D finishes it" shows "$C2" "current -.*undo S001"
check "a done event for S001 at counter 2" wait_for 5 grep -q '"type":"done".*"number":"S001".*"counter":"2"' "$EVENTS"
shot "$P2" "$C2" undo-1366x768
check "the undo is offered" has "$MANIFEST" "button undo" enabled
press "$DA" u
check "U calls S001 back to the counter" shows "$C2" "current S001.*undo -"
is "$(ticket_at 2)" "S001" "the state shows S001 back at counter 2"
press "$DA" r
check "R recalls" wait_for 5 grep -q '"type":"recalled".*"number":"S001"' "$EVENTS"
press "$DA" n
check "N marks a no-show" wait_for 5 grep -q '"type":"no_show".*"number":"S001"' "$EVENTS"

# ---- two consoles press Call at the same instant ----
C1="$T/console-1.log"
ctl issue A --lang en >/dev/null
console "$C1" "$DB" --counter 1
P1=$CONSOLE_PID
check "a second console for counter 1 comes up" shows "$C1" "counter 1 open, online, synced.*waiting 2"
check "console 2 sees two waiting" shows "$C2" "current -.*waiting 2"
sleep 1.6     # past console 2's double-press guard
press "$DA" space & k1=$!
press "$DB" space & k2=$!
wait $k1 $k2
check "console 1 has a client" shows "$C1" "current A00"
check "console 2 has a client" shows "$C2" "current A00"
t1=$(ticket_at 1) t2=$(ticket_at 2)
check "two consoles pressing Call at once got two different tickets ($t1, $t2)" \
    [ "$t1" != "$t2" -a "$t1" != - -a "$t2" != - ]
is "$(grep '"type":"called"' "$EVENTS" | grep -c '"number":"A00[12]"')" "2" "one call each, no ticket called twice"
kill "$P1"; wait "$P1" 2>/dev/null
is "$?" "0" "console 1 stops cleanly on SIGTERM"

# ---- the transfer picker ----
press "$DA" t
check "T opens the transfer picker" shows "$C2" "mode 2"
shot "$P2" "$C2" transfer-1366x768
manifest_ok "$MANIFEST" transfer
check "the ticket's own service cannot be chosen" has "$MANIFEST" "item A" disabled
check "the others can" has "$MANIFEST" "item T" enabled
press "$DA" t
check "T (Interpreting) transfers it" shows "$C2" "current -.*mode 0"
check "a transferred event, to T" wait_for 5 grep -q '"type":"transferred".*"service":"T"' "$EVENTS"

# ---- a long list ----
for i in $(seq 1 36); do
    case $((i % 4)) in 0) s=A l=uk ;; 1) s=S l=ru ;; 2) s=P l=vi ;; 3) s=T l=mn ;; esac
    ctl issue $s --lang $l >/dev/null
done
ctl print P001 failed >/dev/null
check "37 waiting" shows "$C2" "waiting 37"
press "$DA" Down Down Down
check "arrows choose a row" shows "$C2" "selected [A-Z][0-9]+"
shot "$P2" "$C2" long-list-1366x768
manifest_ok "$MANIFEST" "long list"
rows=$(grep -c '^row ' "$MANIFEST")
more=$(mline "$MANIFEST" more | awk '{print $6}')
check "long list: $rows rows fit, the rest is counted (+$more)" [ "$rows" -ge 10 -a $((rows + ${more:-0})) -eq 37 ]
check "a failed print is marked" grep -q '^row .* P001 .*print_failed' "$MANIFEST"
sel=$(last_shows "$C2" | sed 's/.*selected //')
press "$DA" c
check "C opens the number entry with the chosen row" shows "$C2" "mode 5"
shot "$P2" "$C2" number-entry-1366x768
check "the entry holds $sel" has "$MANIFEST" entry " $sel\$"
press "$DA" Return
check "Enter calls $sel out of turn" shows "$C2" "current $sel"

# ---- pause ----
press "$DA" p
check "P pauses the counter" shows "$C2" "counter 2 paused"
press "$DA" space
check "Call next does nothing while paused, and says why" wait_for 5 grep -q "call: not now (Paused" "$C2"
shot "$P2" "$C2" paused-1366x768
check "paused: Call next disabled" has "$MANIFEST" "button call" disabled
press "$DA" p
check "P resumes" shows "$C2" "counter 2 open"

# ---- offline and back ----
kill_broker
check "losing the broker shows offline at once" shows "$C2" "offline"
shot "$P2" "$C2" offline-1366x768
manifest_ok "$MANIFEST" offline
check "offline: the banner says so" grep -q '^banner .* offline$' "$MANIFEST"
check "offline: every action button is disabled" lacks "$MANIFEST" '^button (call|done|noshow|recall|transfer|undo|number|pause|services) .* enabled'
set -- $(rect "$MANIFEST" banner)
check "offline: the banner is red and written on" "$PNGCHECK" ink "$SHOT" "$1" "$2" "$3" "$4" 30
n_req=$(grep -c "sent (attempt" "$C2")
press "$DA" space d
check "keys do nothing offline, and say why" wait_for 5 grep -q "call: not now (Offline)" "$C2"
is "$(grep -c "sent (attempt" "$C2")" "$n_req" "nothing was sent while offline"
restart_broker
check "it reconnects by itself and takes the state again" shows "$C2" "online, synced" 30
shot "$P2" "$C2" back-online-1366x768
check "back online: no banner" lacks "$MANIFEST" '^banner ' 

# ---- the interface language ----
press "$DA" l
shot "$P2" "$C2" language-picker-1366x768
check "L opens the language picker with the branch's 7 languages" [ "$(grep -c '^item ' "$MANIFEST")" = 7 ]
press "$DA" 2
check "2 switches to English" shows "$C2" "lang en"
shot "$P2" "$C2" serving-en-1366x768
manifest_ok "$MANIFEST" english
press "$DA" l 7
check "7 switches to Arabic" shows "$C2" "lang ar"
shot "$P2" "$C2" serving-ar-1366x768
manifest_ok "$MANIFEST" arabic
set -- $(rect "$MANIFEST" "button call")
check "Arabic: the layout is mirrored (Call next on the right)" [ $(( $1 + $3 / 2 )) -gt 683 ]
set -- $(rect "$MANIFEST" "list")
check "Arabic: the waiting list on the left" [ $(( $1 + $3 / 2 )) -lt 683 ]
press "$DA" l 1
check "1 back to Czech" shows "$C2" "lang cs"

# ---- nothing missing, nothing cut ----
check "no missing translation in the logs" sh -c "! grep -h 'i18n: no ' '$C1' '$C2'"
check "no text overflowed (logged by the text module)" sh -c "! grep -h 'does not fit' '$C1' '$C2'"
kill "$P2"; wait "$P2" 2>/dev/null
is "$?" "0" "console 2 stops cleanly"
check "and says goodbye (presence offline)" wait_for 5 sh -c \
    "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/presence/console-2 -C 1 -W 2 | grep -q '\"online\":false'"
done_testing
