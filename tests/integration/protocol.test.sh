# Every op and error code of PROTOCOL.md against a real mosquitto and frontad,
# with stock tools (mosquitto_rr, mosquitto_pub, mosquitto_sub).
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1
bg "$T/events.log" mosquitto_sub -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/event"
sleep 0.2

a=$(rr status '{}')
is "$(jqr '.ok' "$a")" true "status answers ok"
is "$(jqr '.state.branch' "$a")" demo "status carries the state of branch demo"
is "$(jqr '.state.seq' "$a")" 0 "a new database starts at seq 0"

a=$(rr issue '{"service":"A","lang":"uk","request_id":"t-1"}')
is "$(jqr '.ticket.number' "$a")" A001 "issue: the first ticket of the day is A001"
is "$(jqr '.ticket.status + " " + .ticket.lang + " " + (.ticket.ahead|tostring)' "$a")" "waiting uk 0" \
   "issue: waiting, in the chosen language, nobody ahead"
b=$(rr issue '{"service":"A","lang":"uk","request_id":"t-1"}')
is "$b" "$a" "issue repeated with the same request_id gets the same answer"
is "$(jqr '.services[0].waiting' "$(state)")" 1 "...and makes no second ticket"

a=$(rr issue '{"service":"A","lang":"uk"}')
is "$(jqr '.error.code' "$a")" bad_request "issue without request_id: bad_request"
a=$(rr issue '{"service":"X","lang":"uk","request_id":"t-2"}')
is "$(jqr '.error.code' "$a")" unknown_service "issue of an unknown service: unknown_service"
a=$(rr issue '{"service":"A","lang":"de","request_id":"t-3"}')
is "$(jqr '.error.code' "$a")" bad_request "issue in a language the branch does not offer: bad_request"
a=$(rr issue '{"service":"A","lang":"vi","priority":"yes","request_id":"t-4"}')
is "$(jqr '.error.code' "$a")" bad_request "issue with a non-boolean priority: bad_request"
a=$(rr frobnicate '{}')
is "$(jqr '.error.code' "$a")" bad_request "unknown op: bad_request"

a=$(rr call '{"counter":"1","request_id":"c-1"}')
is "$(jqr '.ticket.number + " " + .ticket.status + " " + .ticket.counter' "$a")" "A001 called 1" \
   "call: counter 1 calls A001"
a=$(rr call '{"counter":"9","request_id":"c-2"}')
is "$(jqr '.error.code' "$a")" unknown_counter "call from an unknown counter: unknown_counter"
a=$(rr call '{"counter":"2","request_id":"c-3"}')
is "$(jqr '.error.code' "$a")" empty "call with nobody waiting: empty"
a=$(rr call '{"counter":"2"}')
is "$(jqr '.error.code' "$a")" bad_request "call without request_id: bad_request"

a=$(rr recall '{"counter":"1"}')
is "$(jqr '.ticket.number + " " + (.ticket.recalls|tostring)' "$a")" "A001 1" "recall: A001 announced again"
a=$(rr recall '{"counter":"3"}')
is "$(jqr '.error.code' "$a")" no_ticket "recall at a counter without a ticket: no_ticket"
a=$(rr finish '{"counter":"1"}')
is "$(jqr '.ticket.status' "$a")" done "finish: A001 done"
a=$(rr finish '{"counter":"1"}')
is "$(jqr '.error.code' "$a")" no_ticket "finish again: no_ticket"

rr issue '{"service":"S","lang":"vi","request_id":"t-5"}' >/dev/null
rr call '{"counter":"2","request_id":"c-4"}' >/dev/null
a=$(rr noshow '{"counter":"2"}')
is "$(jqr '.ticket.number + " " + .ticket.status' "$a")" "S001 no_show" "noshow: S001 did not come"

rr issue '{"service":"A","lang":"ar","request_id":"t-6"}' >/dev/null     # A002
rr issue '{"service":"P","lang":"ru","request_id":"t-7"}' >/dev/null     # P001
rr issue '{"service":"A","lang":"en","request_id":"t-8"}' >/dev/null     # A003
a=$(rr call '{"counter":"1","request_id":"c-5","services":["A"]}')
is "$(jqr '.ticket.number' "$a")" A002 "call with services [A]: A002"
a=$(rr transfer '{"counter":"1","service":"P"}')
is "$(jqr '.ticket.number + " " + .ticket.service + " " + .ticket.status' "$a")" "A002 P waiting" \
   "transfer: A002 keeps its number and waits for P"
is "$(jqr '[.waiting[].number] | join(" ")' "$(state)")" "A002 P001 A003" \
   "transfer keeps the place by original issue time (A002 before P001)"
a=$(rr transfer '{"counter":"1","service":"Q"}')
is "$(jqr '.error.code' "$a")" no_ticket "transfer at a counter without a ticket: no_ticket"

a=$(rr cancel '{"number":"A003"}')
is "$(jqr '.ticket.status' "$a")" cancelled "cancel: A003 withdrawn"
a=$(rr cancel '{"number":"A003"}')
is "$(jqr '.error.code' "$a")" not_found "cancel again: not_found"
a=$(rr cancel '{"number":"A777"}')
is "$(jqr '.error.code' "$a")" not_found "cancel of a number never issued: not_found"

a=$(rr counter '{"counter":"2","state":"paused"}')
is "$(jqr '.counter.state' "$a")" paused "counter: 2 paused"
is "$(jqr '.counters[1].state' "$(state)")" paused "the state shows counter 2 paused"
a=$(rr call '{"counter":"2","request_id":"c-6"}')
is "$(jqr '.ticket.number + " " + .ticket.counter' "$a")" "A002 2" "call from a paused counter calls (priority order)"
is "$(jqr '.counters[1].state' "$(state)")" open "...and opens the counter again"
a=$(rr counter '{"counter":"2","state":"sleeping"}')
is "$(jqr '.error.code' "$a")" bad_request "counter with an unknown state: bad_request"

a=$(rr noshow '{"counter":"2"}')
a=$(rr call '{"counter":"2","request_id":"c-7","number":"A002"}')
is "$(jqr '.ticket.number + " " + .ticket.status' "$a")" "A002 called" "call with a number: a mistaken no-show is called back"
a=$(rr call '{"counter":"3","request_id":"c-8","number":"A002"}')
is "$(jqr '.error.code' "$a")" not_found "call of a number that is at another counter: not_found"

# answers only under resp/; no Response Topic: executed, no answer
before=$(jqr '.seq' "$(state)")
a=$(mosquitto_rr -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/req/issue" -e "fronta/v1/$BRANCH/notresp/x" \
      -m '{"service":"T","lang":"mn","request_id":"evil-1"}' -W 1 2>/dev/null)
is "$a" "" "a Response Topic outside resp/ gets no answer"
is "$(jqr '.seq' "$(state)")" "$before" "...and the request is not executed"
is "$(grep -c 'response topic' "$T/frontad.log")" 1 "...and it is logged"
mosquitto_pub -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/req/issue" -q 1 \
      -m '{"service":"T","lang":"mn","request_id":"quiet-1"}'
check "a request without Response Topic is executed" \
      wait_for 3 sh -c "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/state -C 1 -W 1 | grep -q T001"

# correlation data comes back unchanged: frontactl matches answers by it
out=$(ctl issue S --lang en)
case "$out" in S00*) ok "frontactl gets its answer by correlation data ($out)";; *) not_ok "frontactl issue: $out";; esac

# events: gapless, in order
sleep 0.3
kill "$(pgrep -f "mosquitto_sub -V 5 -p $BROKER_PORT -t fronta/v1/$BRANCH/event")" 2>/dev/null
seqs=$(jq -r '.seq' "$T/events.log" | tr '\n' ' ')
last=$(jqr '.seq' "$(state)")
is "$seqs" "$(seq 1 "$last" | tr '\n' ' ')" "events 1..$last arrived, once each, in order"
is "$(jq -r '.type' "$T/events.log" | sort -u | tr '\n' ' ')" \
   "called cancelled counter done issued no_show recalled transferred " "every kind of change made an event"
is "$(jq -r 'select(.type=="transferred") | .from' "$T/events.log")" A "the transferred event says where from"
check "frontad is still running" kill -0 "$FRONTAD_PID"
done_testing
