# Two and three counters pressing Call at the same instant never get the same
# ticket; a burst of kiosks never gets the same number.
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1

# everything frontad sends, in the order the broker got it
bg "$T/all.log" mosquitto_sub -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/#" -q 1 -v
SUB_PID=$BG_PID
sleep 0.3

# 40 kiosks issue at the same instant: 40 different numbers
args=""
for i in $(seq 1 40); do args="$args {\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"k$i\"}"; done
# shellcheck disable=SC2086
"$TOOLS/fronta-burst" "127.0.0.1:$BROKER_PORT" "$BRANCH" issue $args > "$T/issued.json"
sleep 0.3
kill "$SUB_PID" 2>/dev/null
# frontad answers a batch with all its events, one state, then the answers:
# each answer comes after its ticket's event and after a state holding it
bad=$(grep -v '/presence/' "$T/all.log" | awk '
    { topic = $1; sub(/^[^ ]* /, "") }
    topic ~ /\/event$/ { match($0, /"seq":[0-9]+/); seq = substr($0, RSTART + 6, RLENGTH - 6)
                        match($0, /"number":"[A-Z][0-9]+"/); ev[substr($0, RSTART + 10, RLENGTH - 11)] = seq }
    topic ~ /\/state$/ { match($0, /"seq":[0-9]+/); st = substr($0, RSTART + 6, RLENGTH - 6) + 0 }
    topic ~ /\/resp\// { n++; match($0, /"number":"[A-Z][0-9]+"/); num = substr($0, RSTART + 10, RLENGTH - 11)
                        if (!(num in ev) || st < ev[num] + 0) print num " answered before its event or state" }
    END { if (n != 40) print n " answers seen, not 40" }')
is "$bad" "" "each of the 40 answers came after its event and after a state that holds it"
check "the 40 issues needed fewer states than changes (batches share one)" \
    [ "$(grep -c "/state " "$T/all.log")" -lt 41 ]
is "$(jq -r '.ticket.number' "$T/issued.json" | sort -u | wc -l)" 40 "40 simultaneous issues: 40 different numbers"
is "$(jq -r '.ticket.number' "$T/issued.json" | sort | head -1)-$(jq -r '.ticket.number' "$T/issued.json" | sort | tail -1)" \
   "A001-A040" "...numbered A001 to A040 without gaps"

round=0
fails=0
for counters in "1 2" "1 2 3" "1 2" "1 2 3" "2 3" "1 2 3" "1 2" "1 2 3" "1 3" "1 2 3"; do
    round=$((round + 1))
    args=""
    for c in $counters; do args="$args {\"counter\":\"$c\",\"request_id\":\"r$round-c$c\"}"; done
    # shellcheck disable=SC2086
    "$TOOLS/fronta-burst" "127.0.0.1:$BROKER_PORT" "$BRANCH" call $args > "$T/round$round.json"
    n=$(echo $counters | wc -w)
    got=$(jq -r 'select(.ok) | .ticket.number' "$T/round$round.json" | sort -u | wc -l)
    if [ "$got" -ne "$n" ]; then fails=$((fails + 1)); diag "round $round: $(cat "$T/round$round.json")"; fi
done
is "$fails" 0 "10 rounds of 2 or 3 counters calling at once: each got its own ticket"

# every call of every round: no ticket called twice
all=$(cat "$T"/round*.json | jq -r '.ticket.number' | sort)
is "$(echo "$all" | uniq -d | wc -l)" 0 "no ticket was called by two counters over all rounds"
is "$(echo "$all" | wc -l)" 25 "25 calls, 25 tickets"
# and the state agrees: each counter has a ticket, the rest wait
st=$(state)
is "$(jqr ".services[0].waiting" "$st")" 15 "15 of 40 still wait"
check "frontad is still running" kill -0 "$FRONTAD_PID"
done_testing
