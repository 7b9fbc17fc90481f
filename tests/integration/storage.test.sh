# Storage failures: a database locked by someone else, and a disk that fills
# up (a file-size limit on frontad). Requests are answered `internal`, nothing
# is acknowledged that was not stored, and all is well when space returns.
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1
rr issue '{"service":"A","lang":"uk","request_id":"s-1"}' >/dev/null

# 1. busy: another writer holds the lock longer than frontad waits (2 s)
sqlite3 "$DB" "BEGIN IMMEDIATE;" ".shell sleep 4" "COMMIT;" &
LOCKER=$!
sleep 0.3
a=$(RR_WAIT=5 rr issue '{"service":"A","lang":"uk","request_id":"s-2"}')
is "$(jqr '.error.code' "$a")" internal "a locked database: the issue is answered internal"
check "...with a message" [ -n "$(jqr '.error.message' "$a")" ]
wait $LOCKER
is "$(jqr '.services[0].waiting' "$(state)")" 1 "...and nothing changed (one ticket waits)"
a=$(rr issue '{"service":"A","lang":"uk","request_id":"s-2"}')
is "$(jqr '.ticket.number' "$a")" A002 "the retry with the same request_id succeeds once the lock is gone"
is "$(sqlite3 "$DB" "SELECT count(*) FROM tickets")" 2 "two tickets stored, no more"

# 2. the disk fills up: limit the size of files frontad may write
stop_frontad
size=$(( $(stat -c %s "$DB") + $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) ))
bg "$T/frontad2.log" prlimit --fsize=$((size + 150000)):unlimited \
    "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$DB"
FRONTAD_PID=$BG_PID
wait_for 10 grep -q "connected to" "$T/frontad2.log"
answered=0
refused=0
for i in $(seq 1 400); do
    a=$(rr issue "{\"service\":\"S\",\"lang\":\"vi\",\"request_id\":\"full-$i\"}")
    case "$(jqr '.ok' "$a")" in
        true) answered=$((answered + 1)); echo "$(jqr '.ticket.number' "$a")" >> "$T/answered" ;;
        false) refused=$((refused + 1)); code=$(jqr '.error.code' "$a"); [ "$refused" -ge 3 ] && break ;;
    esac
done
check "the disk filled up after $answered tickets" [ "$refused" -ge 3 ]
is "$code" internal "...and then issues are answered internal"
check "frontad says so in its log" grep -q "database" "$T/frontad2.log"
check "frontad keeps running" kill -0 "$(pgrep -f "frontad --config $CONFIG --broker 127.0.0.1:$BROKER_PORT")"
pid=$(pgrep -f "^$BIN/frontad --config $CONFIG --broker 127.0.0.1:$BROKER_PORT" | head -1)
prlimit --pid "$pid" --fsize=unlimited:unlimited
a=$(rr issue '{"service":"S","lang":"vi","request_id":"after-full"}')
is "$(jqr '.ok' "$a")" true "space returns: issues work again"
n=$(jqr '.ticket.number' "$a")
is "$n" "$(printf 'S%03d' $((answered + 1)))" "...and the number follows the last acknowledged one ($n)"
stored=$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE service = 'S'")
is "$stored" $((answered + 1)) "every acknowledged ticket is stored, and no other"
missing=0
while read -r num; do
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE number = '$num'")" = 1 ] || missing=$((missing + 1))
done < "$T/answered"
is "$missing" 0 "each answered number is in the database"
done_testing
