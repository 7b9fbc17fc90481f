# kill -9 of frontad at random moments during a stream of issues and calls:
# every answered ticket survives, no number twice, numbers go on, and the
# events a subscriber saw have no gap the database does not have.
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1
bg "$T/events.log" mosquitto_sub -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/event" -q 1
sleep 0.2

# the stream: kiosks issue, counters call; answers are recorded
stream() {
    i=0
    while [ ! -f "$T/stop" ]; do
        i=$((i + 1))
        svc=$(echo "A S P T" | cut -d' ' -f$((i % 4 + 1)))
        out=$(ctl --json --timeout 700 --attempts 6 --request-id "kiosk-$1-$i" issue "$svc" --lang uk 2>/dev/null)
        n=$(jqr 'select(.ok) | .ticket.number' "$out")
        [ -n "$n" ] && echo "$n kiosk-$1-$i" >> "$T/answered.$1"
        if [ $((i % 3)) = 0 ]; then
            ctl --json --timeout 700 --attempts 6 --request-id "call-$1-$i" call $(( i % 3 + 1 )) >/dev/null 2>&1
        fi
    done
}
stream 1 & S1=$!
stream 2 & S2=$!
_BG_PIDS="$_BG_PIDS $S1 $S2"

kills=0
for k in 1 2 3 4 5 6; do
    sleep "0.$(od -An -N1 -tu1 /dev/urandom | tr -d ' ' | cut -c1)"
    sleep 0.6
    kill_frontad
    kills=$((kills + 1))
    restart_frontad || { not_ok "frontad restarts after kill $k"; break; }
done
touch "$T/stop"
wait $S1 $S2 2>/dev/null
is "$kills" 6 "frontad was killed with -9 six times mid-stream"

cat "$T"/answered.* | sort > "$T/answered"
answered=$(wc -l < "$T/answered")
check "the stream got answers ($answered issues)" [ "$answered" -ge 20 ]
stop_frontad

is "$(answered_missing "$T/answered")" 0 "every answered ticket is in the database, with its request id"
is "$(cut -d' ' -f1 "$T/answered" | sort | uniq -d | wc -l)" 0 "no number was answered twice"
is "$(sqlite3 "$DB" "SELECT count(*) - count(DISTINCT number) FROM tickets")" 0 "no number is stored twice"
# numbers per service have no holes: each answered or unanswered-but-stored ticket counts
holes=$(sqlite3 "$DB" "SELECT letter, max(seq_no) - count(*) FROM tickets GROUP BY letter HAVING max(seq_no) <> count(*)")
is "$holes" "" "numbers of each service run from 001 without holes"
is "$(sqlite3 "$DB" "SELECT min(seq) || ' ' || max(seq) || ' ' || count(*) FROM events")" \
   "1 $(sqlite3 "$DB" 'SELECT max(seq) FROM events') $(sqlite3 "$DB" 'SELECT max(seq) FROM events')" \
   "the stored events run from 1 without a gap"

# what a subscriber saw: every stored event (repeats allowed), nothing else
restart_frontad || not_ok "frontad restarts at the end"
sleep 0.5
kill "$(pgrep -f "mosquitto_sub -V 5 -p $BROKER_PORT -t fronta/v1/$BRANCH/event")" 2>/dev/null
seen=$(jq -r '.seq' "$T/events.log" | sort -n | uniq | tr '\n' ' ')
stored=$(sqlite3 "$DB" "SELECT seq FROM events ORDER BY seq" | tr '\n' ' ')
is "$seen" "$stored" "the subscriber saw every stored event (after frontad republished what it may not have sent)"
before=$(sqlite3 "$DB" "SELECT max(seq_no) FROM tickets WHERE letter = 'A'")
a=$(rr issue '{"service":"A","lang":"cs","request_id":"after-all"}')
is "$(jqr '.ticket.number' "$a")" "$(printf 'A%03d' $((before + 1)))" "numbers go on after the last restart"
done_testing
