# The broker goes away (kill -9) and comes back, also in the middle of a
# stream of requests: frontad reconnects by itself and publishes its state
# and presence again; nothing answered is lost.
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1
rr issue '{"service":"A","lang":"uk","request_id":"b-1"}' >/dev/null
rr issue '{"service":"S","lang":"ar","request_id":"b-2"}' >/dev/null
seq_before=$(jqr '.seq' "$(state)")

kill_broker
check "frontad notices the broker is gone" wait_for 5 grep -q "lost the broker" "$T/frontad.log"
check "frontad keeps running without a broker" kill -0 "$FRONTAD_PID"
sleep 1
restart_broker
check "frontad reconnects by itself" wait_for 10 sh -c "[ \$(grep -c 'connected to' '$T/frontad.log') -ge 2 ]"
# the development broker keeps nothing: what is retained now came from frontad
st=$(mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/state" -C 1 -W 5)
is "$(jqr '.seq' "$st")" "$seq_before" "the retained state is published again, at the same seq"
is "$(jqr '[.waiting[].number] | join(" ")' "$st")" "A001 S001" "...with both answered tickets"
p=$(mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/presence/frontad" -C 1 -W 5)
is "$(jqr '.online' "$p")" true "frontad's presence is online again"
a=$(rr issue '{"service":"A","lang":"uk","request_id":"b-3"}')
is "$(jqr '.ticket.number' "$a")" A002 "requests work again after the reconnect"

# mid-stream: two kiosks issue without a pause (each request retried with
# its request_id) while the broker is killed -9 and restarted twice
ctl_stream 1 T mn
ctl_stream 2 T mn
sleep 1
for k in 1 2; do
    kill_broker
    sleep 0.7
    restart_broker
    sleep 1
done
stop_streams
check "frontad reconnected after each kill" \
      wait_for 10 sh -c "[ \$(grep -c 'connected to' '$T/frontad.log') -ge 4 ]"
check "the stream got answers through the outages ($(wc -l < "$T/streamed") issues)" [ "$(wc -l < "$T/streamed")" -ge 10 ]
is "$(answered_missing "$T/streamed")" 0 "every ticket answered during the outages is stored, with its request id"
is "$(cut -d' ' -f1 "$T/streamed" | uniq -d | wc -l)" 0 "no number was answered twice"
# the truth again: the retained state (re-published after each reconnect) is the database's
st=$(mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/state" -C 1 -W 5)
is "$(jqr '.seq' "$st")" "$(sqlite3 "$DB" 'SELECT max(seq) FROM events')" "the retained state has the last stored seq"
is "$(jqr '[.services[].waiting] | add' "$st")" "$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE status = 'waiting'")" \
   "...and as many waiting as the database"

# a graceful stop of frontad says goodbye; kill -9 leaves the will
stop_frontad
p=$(mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/presence/frontad" -C 1 -W 5)
is "$(jqr '.online' "$p")" false "after SIGTERM frontad's presence is offline"
check "SIGTERM is a clean exit (logged)" grep -q "stopping" "$T/frontad.log"
restart_frontad || true
kill_frontad
check "after kill -9 the broker publishes frontad's will (offline)" \
      wait_for 30 sh -c "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/presence/frontad -C 1 -W 2 | grep -q '\"online\":false'"
done_testing
