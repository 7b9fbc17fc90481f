# frontactl purge on a branch database while frontad runs and takes
# tickets: every request is answered, the old day's tickets and events go,
# its figures stay (the report is the same before and after).
. "$(dirname "$0")/../lib/common.sh"

CLOCK="$T/clock"
export FRONTA_CLOCK_FILE="$CLOCK"
DAY0=1795417200                      # 2026-11-23 08:00 in Prague
echo "$DAY0" > "$CLOCK"
start_broker || exit 1
start_frontad || exit 1

for i in 1 2 3 4 5 6; do ctl issue A --lang uk >/dev/null; done
ctl call 1 >/dev/null
ctl finish 1 >/dev/null
# 11-24 and 11-25: frontad counts 11-23 and 11-24 at its day changes
for d in 1 2; do
    echo $((DAY0 + d * 86400)) > "$CLOCK"
    wait_for 5 grep -q "new day 2026-11-2$((3 + d))" "$T/frontad.log"
    ctl issue S --lang vi >/dev/null
done
check "frontad kept the figures of two days" wait_for 5 sh -c \
    "[ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM figure_days')\" = 2 ]"
before=$("$BIN/frontactl" report --db "$DB" --format csv --by day --what all)

# purge (keep 1 day: 11-23 goes) while tickets are being taken
(for i in $(seq 1 30); do ctl issue T --lang ar >/dev/null || echo fail; done) > "$T/issues.out" 2>&1 &
ISS=$!
out=$("$BIN/frontactl" purge --db "$DB" --days 1); rc=$?
wait "$ISS"
is "$rc" 0 "frontactl purge works on the file while frontad runs"
is "$out" "figures kept of 0 more day(s); 1 day(s) before 2026-11-24 purged: 6 ticket(s), 8 event(s) deleted" \
   "...and says what it did (2026-11-23: 6 tickets; 6 issued, called, done events)"
is "$(grep -c fail "$T/issues.out")" 0 "every ticket issued meanwhile was answered ok"
is "$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE service = 'T'")" 30 "...and stored"
is "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE day = '2026-11-23'")" 0 "no event of 2026-11-23 is left"
after=$("$BIN/frontactl" report --db "$DB" --format csv --by day --what all --to 2026-11-24)
is "$(printf '%s\n' "$before" | grep '^2026-11-2[34]')" "$(printf '%s\n' "$after" | grep '^2026-11-2[34]')" \
   "the figures of 2026-11-23 and 2026-11-24 are the same after the purge"
out=$("$BIN/frontactl" purge --db "$DB" --days 1)
is "$out" "figures kept of 0 more day(s); 0 day(s) before 2026-11-24 purged: 0 ticket(s), 0 event(s) deleted" \
   "a second purge has nothing left to do"

out=$("$BIN/frontactl" purge 2>&1); rc=$?
is "$rc" 2 "purge without --db or --archive: usage error"
out=$("$BIN/frontactl" purge --db "$T/none.db" 2>&1); rc=$?
is "$rc" 5 "purge of a file that is not there: local failure"
out=$("$BIN/frontactl" purge --db "$DB" --days 0 2>&1); rc=$?
is "$rc" 2 "--days 0 is refused"
check "frontad is still running" kill -0 "$FRONTAD_PID"
done_testing
