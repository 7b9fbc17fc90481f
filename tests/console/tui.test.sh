#!/bin/sh
# frontactl console: the terminal fallback for a worker without the window,
# with the window's rules (console/model.c), against real mosquitto and
# frontad; keys typed into its input. Also `frontactl call --number`.
. "$(dirname "$0")/../lib/common.sh"

start_broker || { not_ok "mosquitto starts"; done_testing; }
start_frontad || { not_ok "frontad starts"; done_testing; }
mkfifo "$T/keys"
exec 4<>"$T/keys"
"$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" console --counter 2 <"$T/keys" >"$T/tui.out" 2>"$T/tui.err" &
TUI=$!
_BG_PIDS="$_BG_PIDS $TUI"
# the last screen drawn
screen() { awk 'BEGIN { RS = "\033\\[H\033\\[2J" } { s = $0 } END { printf "%s", s }' "$T/tui.out" | tr -d '\r'; }
on_screen() { screen | grep -Eq "$1"; }
keys() { printf '%s' "$1" >&4; }

check "it comes up for counter 2 of the branch" wait_for 10 on_screen "counter 2, open, takes A S P T   online"
check "its presence names the counter" wait_for 5 sh -c \
    "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/presence/console-2 -C 1 -W 2 | grep -q '\"role\":\"console\".*\"counter\":\"2\"'"
ctl issue A --lang uk >/dev/null
ctl issue T --lang ar --priority >/dev/null
check "the waiting list, in call order, the next one marked" wait_for 5 on_screen "> T001 +T"
keys c
check "c calls the next ticket" wait_for 5 on_screen "NOW  T001 .*PRIORITY"
is "$(jqr '.counters[] | select(.id == "2") | .ticket' "$(state)")" "T001" "the state agrees"
keys c
check "c again at once is a double press, refused" wait_for 5 on_screen "call: not now: just called"
keys t
check "t asks which service" wait_for 5 on_screen "transfer T001 to which service"
keys s
check "s transfers it to S" wait_for 5 on_screen "T001 now waits for"
keys d
check "d with nobody at the counter says why" wait_for 5 on_screen "finish: not now: nobody at the counter"
sleep 1.6
keys c
check "c calls again" wait_for 5 on_screen "NOW  T001"
keys d
check "d finishes, and the undo is offered" wait_for 5 on_screen "u calls T001 back"
keys u
check "u calls it back" wait_for 5 on_screen "NOW  T001"
keys p
check "p pauses" wait_for 5 on_screen "counter 2, paused"
keys p
check "p resumes" wait_for 5 on_screen "counter 2, open"
keys '#a1'
keys "$(printf '\r')"
check "# A1 Enter calls A001 out of turn" wait_for 5 on_screen "NOW  A001"
keys q
check "q quits" wait_for 5 sh -c "! kill -0 $TUI 2>/dev/null"
wait "$TUI"
is "$?" "0" "with status 0"
check "no error output" [ ! -s "$T/tui.err" ]

# frontactl call --number
ctl call 1 --number T001 >"$T/call.out" 2>&1
check "frontactl call --number calls that ticket (T001 ended today: back)" grep -q "^T001  called" "$T/call.out"
ctl call 1 --number A999 >"$T/call.out" 2>&1
is "$?" "1" "an unknown number is refused"
check "with frontad's code" grep -q "not_found" "$T/call.out"
done_testing
