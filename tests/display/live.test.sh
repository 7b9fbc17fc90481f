#!/bin/sh
# fronta-display end to end, under Xvfb with a real mosquitto and frontad:
# the state is on screen at start (time measured) and its seq in the
# presence; a call made with frontactl reaches the screen and the presence;
# three calls in the same instant are all shown and announced in order; a
# recall is announced again; bad payloads change nothing; a gap in the
# event seq takes the state again; a display started after the queue is
# busy shows the state at once and announces nothing old; idle CPU and
# memory are measured. Screenshots in $BUILD/test-artifacts/display-live/.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/display.sh"

display_artifacts display-live
display_world
export SDL_AUDIODRIVER=dummy

TOPIC="fronta/v1/$BRANCH"
presence() { mosquitto_sub -p "$BROKER_PORT" -t "$TOPIC/presence/display-1" -C 1 -W 2 2>/dev/null; }
state_seq() { state | jq -r .seq; }
# the newest screenshot manifest showing seq N
shot_for() { grep -l "^seq $1\$" "$SHOTS"/*.txt 2>/dev/null | tail -n 1; }
# the current call on a screenshot is NUMBER at COUNTER: from the manifest,
# and found on the picture by drawing it independently
on_screen() {   # on_screen MANIFEST NUMBER COUNTER
    set -- "$1" "$2" "$3" $(m hero_number "$1")
    [ "$5 $6" = "$2 $3" ] || { echo "# the manifest says $5 $6"; return 1; }
    "$TOOLS/display_probe" needle "$2" "$7" "$8" "$9" "$T/needle.png" || return 1
    PNG find "${1%.txt}.png" "$T/needle.png" $(( ${10} - 20 )) $(( ${11} - 20 )) $(( ${12} + 40 )) $(( ${13} + 40 ))
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# ---- start: the retained state on screen at once ----
SHOTS="$T/shots1"
mkdir -p "$SHOTS"
t0=$(date +%s%N)
bg "$T/display1.log" "$BIN/fronta-display" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --shot-dir "$SHOTS" --shot-changes
D1=$BG_PID
S=$(state_seq)
check "the presence reports the state's seq $S" wait_for 10 sh -c "mosquitto_sub -p $BROKER_PORT -t $TOPIC/presence/display-1 -C 1 -W 2 | grep -q '\"seq\":$S[,}]'"
t1=$(date +%s%N)
ms=$(sed -n 's/.*state seq [0-9]* on screen \([0-9]*\) ms after start.*/\1/p' "$T/display1.log" | head -n 1)
diag "start: state on screen ${ms:-?} ms after the program started (its own clock); presence seen by a client $(( (t1 - t0) / 1000000 )) ms after launch"
check "the state is on screen within 1 s of start (${ms:-?} ms; goal 300 ms)" [ "${ms:-99999}" -lt 1000 ]
is "$(presence | jq -r .role)" "display" "the presence says role display"

# ---- a call reaches the screen and the presence ----
ctl issue A --lang uk >/dev/null
ctl call 1 >/dev/null
S=$(state_seq)
check "after the call the presence reaches seq $S" wait_for 10 display_at "$S"
check "the call is logged for announcing" grep -q "call A001 -> 1 (ticket language uk)" "$T/display1.log"
MF=$(shot_for "$S")
check "a picture of state $S was saved" [ -n "$MF" ]
check "A001 at counter 1 is the current call on screen" on_screen "$MF" A001 1
check "and it is highlighted" grep -q "^hero_call 0 A001 1 1 " "$MF"
[ -n "$MF" ] && cp "${MF%.txt}.png" "$OUT/call.png"

# ---- three calls in the same instant ----
for l in vi ar ru; do ctl issue S --lang $l >/dev/null; done
bg "$T/events.out" mosquitto_sub -p "$BROKER_PORT" -t "$TOPIC/event"
EV=$BG_PID
sleep 0.3
"$TOOLS/fronta-burst" "127.0.0.1:$BROKER_PORT" "$BRANCH" call '{"counter":"1","request_id":"b1"}' \
    '{"counter":"2","request_id":"b2"}' '{"counter":"3","request_id":"b3"}' > "$T/burst.out"
S=$(state_seq)
check "the presence reaches seq $S" wait_for 10 display_at "$S"
# the called events in the order frontad made them, against the order the display took them
kill "$EV"
want=$(jq -r 'select(.type == "called") | .ticket.number + " -> " + .counter' "$T/events.out" | paste -sd, - | sed 's/,/, /g')
got=$(sed -n 's/.*display: call \(S00[1-3] -> [1-3]\) .*/\1/p' "$T/display1.log" | paste -sd, - | sed 's/,/, /g')
diag "made: $want; taken: $got"
is "$got" "$want" "the three calls are announced in the order they were made"
MF=$(shot_for "$S")
check "a picture of state $S was saved" [ -n "$MF" ]
is "$(grep -c '^hero_call [0-2] S00[1-3] [1-3] 1 ' "$MF" 2>/dev/null)" "3" "all three are shown large and highlighted"
[ -n "$MF" ] && cp "${MF%.txt}.png" "$OUT/three-calls.png"

# ---- a recall ----
ctl recall 2 >/dev/null
check "a recall is announced again" wait_for 5 grep -q "display: recall S00[1-3] -> 2" "$T/display1.log"

# ---- bad payloads change nothing ----
S=$(state_seq)
wait_for 5 display_at "$S"      # the recall's state is on screen first
mosquitto_pub -p "$BROKER_PORT" -t "$TOPIC/state" -m 'not json at all'
mosquitto_pub -p "$BROKER_PORT" -t "$TOPIC/event" -m '{"seq":"x"}'
check "a broken state is named and ignored" wait_for 5 grep -q "not a state document" "$T/display1.log"
check "a broken event is named and ignored" wait_for 5 grep -q "not an event document" "$T/display1.log"
check "the display is still running" kill -0 "$D1"
sleep 0.5
is "$(display_seq)" "$S" "and still shows seq $S"

# ---- a gap in the event seq: the state is taken again ----
mosquitto_pub -p "$BROKER_PORT" -t "$TOPIC/event" -q 1 \
    -m "{\"seq\":$((S + 5)),\"type\":\"issued\",\"at\":\"2026-11-23T10:00:00+01:00\",\"day\":\"2026-11-23\"}"
check "a gap is seen and the state taken again" wait_for 5 grep -q "missed, taking the state again" "$T/display1.log"
check "the retained state comes back (older than the bogus event: followed)" wait_for 5 grep -q "state went back from seq $((S + 5)) to $S" "$T/display1.log"
ctl issue P --lang en >/dev/null
ctl call 3 >/dev/null
check "the next real call is still announced" wait_for 5 grep -q "display: call P001 -> 3" "$T/display1.log"
S=$(state_seq)
check "and shown (seq $S)" wait_for 10 display_at "$S"
check "no error in its log" sh -c "! grep -q ' error: ' '$T/display1.log'"

stop_display "$D1"
check "it stops on SIGTERM, saying goodbye (presence offline)" sh -c "mosquitto_sub -p $BROKER_PORT -t $TOPIC/presence/display-1 -C 1 -W 2 | grep -q '\"online\":false'"

# ---- a display started after the queue is busy ----
for l in uk vi; do ctl issue T --lang $l >/dev/null; done
ctl call 1 >/dev/null && ctl call 2 >/dev/null
S=$(state_seq)
LAST=$(state | jq -r '.called[0].number + " " + .called[0].counter')
SHOTS="$T/shots2"
mkdir -p "$SHOTS"
bg "$T/display2.log" "$BIN/fronta-display" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --shot-dir "$SHOTS" --shot-changes
D2=$BG_PID
check "a display started late reports seq $S" wait_for 10 display_at "$S"
ms=$(sed -n 's/.*state seq [0-9]* on screen \([0-9]*\) ms after start.*/\1/p' "$T/display2.log" | head -n 1)
diag "late start: state on screen ${ms:-?} ms after start"
MF=$(shot_for "$S")
check "its first picture shows the newest call, $LAST" on_screen "$MF" $LAST
check "... not highlighted (it was made before the display started)" grep -q "^hero_call 0 ${LAST% *} ${LAST#* } 0 " "$MF"
is "$(grep -c 'display: call\|display: recall\|announced' "$T/display2.log")" "0" "and nothing made before its start is announced"
[ -n "$MF" ] && cp "${MF%.txt}.png" "$OUT/late-start.png"

# ---- idle: the clock ticks, the instruction line turns, nearly nothing else ----
sleep 2
c0=$(cpu_ticks "$D2"); w0=$(date +%s%N)
sleep 20
c1=$(cpu_ticks "$D2"); w1=$(date +%s%N)
pct=$(echo "scale=2; ($c1 - $c0) * 100 * 1000000000 / 100 / ($w1 - $w0)" | bc)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$D2/status")
diag "idle: ${pct} % of one CPU over 20 s (frames: the instruction line every 6 s), RSS $((rss / 1024)) MiB"
check "idle CPU near zero (${pct} %)" sh -c "echo '$pct < 2' | bc | grep -q 1"
stop_display "$D2"
done_testing
