# Backups while frontad runs and keeps writing, and restoring one (only when
# frontad is stopped); a restored database carries on where it was.
. "$(dirname "$0")/../lib/common.sh"

CTL="$BIN/frontactl"
start_broker || exit 1
start_frontad || exit 1
for i in $(seq 1 30); do rr issue "{\"service\":\"A\",\"lang\":\"uk\",\"request_id\":\"b$i\"}" >/dev/null; done

# keep writing during the backup
( for i in $(seq 31 80); do rr issue "{\"service\":\"S\",\"lang\":\"vi\",\"request_id\":\"b$i\"}" >/dev/null; done ) &
W=$!
"$CTL" backup --db "$DB" "$T/backup.db" > "$T/out" 2>&1; rc=$?
is "$rc" 0 "backup while frontad writes: exit 0"
check "...and it says the copy was checked" grep -q "checked" "$T/out"
wait $W
check "the backup is a whole database" sh -c "[ \"\$(sqlite3 '$T/backup.db' 'PRAGMA integrity_check')\" = ok ]"
n=$(sqlite3 "$T/backup.db" "SELECT count(*) FROM tickets")
check "the backup holds at least the 30 tickets before it ($n)" [ "$n" -ge 30 ]
is "$(sqlite3 "$T/backup.db" "SELECT count(*) = max(seq) FROM events")" 1 "its events have no gap"
"$CTL" backup --db "$DB" "$T/backup.db" > /dev/null 2>&1; rc=$?
is "$rc" 2 "a backup never overwrites a file"

"$CTL" restore --db "$DB" "$T/backup.db" > "$T/out" 2>&1; rc=$?
is "$rc" 5 "restore while frontad runs is refused"
check "...saying to stop frontad" grep -q "stop it first" "$T/out"
is "$(sqlite3 "$DB" "SELECT count(*) FROM tickets")" 80 "...and the live database is untouched"

printf 'not a database' > "$T/junk.db"
stop_frontad
"$CTL" restore --db "$DB" "$T/junk.db" > "$T/out" 2>&1; rc=$?
is "$rc" 5 "restoring a file that is not a database is refused"
is "$(sqlite3 "$DB" "SELECT count(*) FROM tickets")" 80 "...and changes nothing"
"$CTL" restore --db "$DB" "$T/backup.db" > "$T/out" 2>&1; rc=$?
is "$rc" 0 "restore with frontad stopped: exit 0"
check "the previous database is kept aside" sh -c "ls '$T'/fronta.db.before-restore-* | grep -q ."
restart_frontad
a=$(rr issue '{"service":"A","lang":"cs","request_id":"after-restore"}')
is "$(jqr '.ticket.number' "$a")" A031 "frontad carries on from the restored database (A031)"
done_testing
