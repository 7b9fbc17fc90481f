# The new day with the test clock: at midnight yesterday's queue is closed and
# numbering starts again, exactly once, also across a restart at 23:59:59 and
# across both daylight-saving changes of Europe/Prague.
. "$(dirname "$0")/../lib/common.sh"

CLOCK="$T/clock"
export FRONTA_CLOCK_FILE="$CLOCK"
set_clock() {   # "YYYY-MM-DD HH:MM:SS" local time in Prague
    TZ=Europe/Prague date -d "$1" +%s > "$CLOCK.tmp" && mv "$CLOCK.tmp" "$CLOCK"
}
day_events() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE type = 'day' AND day = '$1'"; }

set_clock "2026-11-23 23:59:50"
start_broker || exit 1
start_frontad || exit 1
rr issue '{"service":"A","lang":"uk","request_id":"d-1"}' >/dev/null
rr issue '{"service":"A","lang":"vi","request_id":"d-2"}' >/dev/null
a=$(rr call '{"counter":"1","request_id":"d-3"}')
is "$(jqr '.ticket.number' "$a")" A001 "before midnight: A001 is called, A002 waits"

set_clock "2026-11-24 00:00:02"
check "after midnight the state is of the new day" \
      wait_for 5 sh -c "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/state -C 1 -W 1 | grep -q '\"day\":\"2026-11-24\"'"
st=$(state)
is "$(jqr '[.services[].waiting] | add' "$st")" 0 "nobody is carried over to the new day"
is "$(jqr '.counters[0].ticket' "$st")" null "counter 1 has no ticket any more"
is "$(day_events 2026-11-24)" 1 "one day event"
is "$(sqlite3 "$DB" "SELECT number || ' ' || status || ' ' || end_reason FROM tickets WHERE day = '2026-11-23' ORDER BY number" | tr '\n' ',')" \
   "A001 done day_end,A002 cancelled day_end," "yesterday: the called ticket is done, the waiting one cancelled, both marked day_end"
a=$(rr issue '{"service":"A","lang":"uk","request_id":"d-1"}')
is "$(jqr '.ticket.number' "$a")" A001 "numbers start again from A001 (and yesterday's request id is forgotten)"

# a restart at 23:59:59, started again after midnight: one day change only
set_clock "2026-11-24 23:59:59"
sleep 1.2
kill_frontad
set_clock "2026-11-25 00:00:01"
check "frontad restarts after midnight (the day change runs before it connects)" restart_frontad
wait_for 5 sh -c "[ \$(sqlite3 '$DB' \"SELECT count(*) FROM events WHERE type='day' AND day='2026-11-25'\") = 1 ]"
kill_frontad
check "frontad restarts again" restart_frontad
sleep 1.2
is "$(day_events 2026-11-25)" 1 "killed at 23:59:59 and restarted twice after midnight: exactly one day event"
is "$(sqlite3 "$DB" "SELECT status FROM tickets WHERE day = '2026-11-24'")" cancelled "the 24th's waiting ticket was closed"

# daylight saving: spring forward (23-hour day) and fall back (25-hour day)
set_clock "2026-03-28 23:59:58"
sleep 1.2
set_clock "2026-03-29 00:00:01"
wait_for 5 sh -c "[ \$(sqlite3 '$DB' \"SELECT count(*) FROM events WHERE type='day' AND day='2026-03-29'\") = 1 ]"
rr issue '{"service":"S","lang":"uk","request_id":"dst-1"}' >/dev/null
set_clock "2026-03-29 23:30:00"        # summer time now, still the same local day
sleep 1.2
a=$(rr issue '{"service":"S","lang":"uk","request_id":"dst-2"}')
is "$(jqr '.ticket.number' "$a")" S002 "on the spring-forward day 23:30 is still the same day (S002)"
is "$(jqr '.ticket.issued_at' "$a")" "2026-03-29T23:30:00+02:00" "...stamped with the summer offset"
set_clock "2026-10-25 01:30:00"
sleep 1.2
set_clock "2026-10-25 23:59:00"        # 25-hour day: still the same day
sleep 1.2
is "$(day_events 2026-10-25)" 1 "the fall-back day starts once"
set_clock "2026-10-26 00:00:30"
check "...and ends at local midnight" \
      wait_for 5 sh -c "[ \$(sqlite3 '$DB' \"SELECT count(*) FROM events WHERE type='day' AND day='2026-10-26'\") = 1 ]"
is "$(sqlite3 "$DB" "SELECT count(*) - count(DISTINCT day) FROM events WHERE type = 'day'")" 0 "no day ever started twice"

# a new database, stopped on its first day and started on a later one
stop_frontad
DB="$T/second.db"
set_clock "2026-11-23 10:00:00"
restart_frontad
rr issue '{"service":"A","lang":"uk","request_id":"first-day"}' >/dev/null
stop_frontad
set_clock "2026-11-24 08:00:00"
check "a new database started again on a later day" restart_frontad
is "$(day_events 2026-11-24)" 1 "...changes the day once"
is "$(sqlite3 "$DB" "SELECT status || ' ' || end_reason FROM tickets WHERE day = '2026-11-23'")" "cancelled day_end" \
   "...and closes its first day's waiting ticket"
is "$(jqr '[.services[].waiting] | add' "$(state)")" 0 "nobody from the first day waits"
done_testing
