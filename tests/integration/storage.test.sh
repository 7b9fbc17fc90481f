# Storage failures: a database locked by someone else, a file-size limit, and a
# real file system that fills up. Requests are answered `internal`, nothing
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
# fill LABEL SERVICE: issues until three are refused; the answered numbers
# go to $T/answered.LABEL; sets answered, refused, code
fill() {
    answered=0 refused=0 code=
    : > "$T/answered.$1"
    for i in $(seq 1 600); do
        a=$(rr issue "{\"service\":\"$2\",\"lang\":\"vi\",\"request_id\":\"$1-$i\"}")
        case "$(jqr '.ok' "$a")" in
            true) answered=$((answered + 1)); jqr '.ticket.number' "$a" >> "$T/answered.$1" ;;
            false) refused=$((refused + 1)); code=$(jqr '.error.code' "$a"); [ "$refused" -ge 3 ] && break ;;
        esac
    done
}
# after_space LABEL SERVICE: one more issue once there is room again
after_space() {
    a=$(rr issue "{\"service\":\"$2\",\"lang\":\"vi\",\"request_id\":\"$1-after\"}")
    is "$(jqr '.ok' "$a")" true "$1: space returns: issues work again"
    n=$(jqr '.ticket.number' "$a")
    is "$n" "$(printf '%s%03d' "$2" $((answered + 1)))" "$1: ...and the number follows the last acknowledged one ($n)"
}
# stored LABEL SERVICE DBFILE: what was acknowledged is stored, and no more
stored() {
    is "$(sqlite3 "$3" "SELECT count(*) FROM tickets WHERE service = '$2'")" $((answered + 1)) \
       "$1: every acknowledged ticket is stored, and no other"
    missing=0
    while read -r num; do
        [ "$(sqlite3 "$3" "SELECT count(*) FROM tickets WHERE number = '$num'")" = 1 ] || missing=$((missing + 1))
    done < "$T/answered.$1"
    is "$missing" 0 "$1: each answered number is in the database"
}

fill fsize S
check "fsize: the file size limit was reached after $answered tickets" [ "$refused" -ge 3 ]
is "$code" internal "fsize: ...and then issues are answered internal"
check "frontad says so in its log" grep -q "database" "$T/frontad2.log"
check "frontad keeps running" kill -0 "$FRONTAD_PID"
prlimit --pid "$FRONTAD_PID" --fsize=unlimited:unlimited
after_space fsize S
stored fsize S "$DB"
stop_frontad

# 3. a real full disk: the database alone on a 2 MB file system (a tmpfs in
# a mount namespace of its own, so that no root is needed), most of which a
# ballast file takes; deleting the ballast gives the space back.
SMALL="$T/small"
mkdir -p "$SMALL" "$T/small-copy"
cat > "$T/small.sh" <<EOF
mount -t tmpfs -o size=2m tmpfs "$SMALL" || exit 97
head -c 1400k /dev/zero > "$SMALL/ballast"
"$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$SMALL/fronta.db" &
pid=\$!
trap 'kill \$pid 2>/dev/null' EXIT TERM
while [ ! -f "$T/small.free" ]; do sleep 0.1; done
rm -f "$SMALL/ballast"
while [ ! -f "$T/small.stop" ]; do sleep 0.1; done
kill \$pid
wait \$pid
cp "$SMALL"/fronta.db* "$T/small-copy/"
EOF
if ! unshare -rm true 2>/dev/null; then
    ok "# SKIP the tiny file system needs a mount namespace (unshare -rm), not available here"
else
    bg "$T/frontad3.log" unshare -rm sh "$T/small.sh"
    SMALL_PID=$BG_PID
    wait_for 10 grep -q "connected to" "$T/frontad3.log"
    fill enospc P
    check "enospc: the file system filled up after $answered tickets" [ "$refused" -ge 3 ]
    is "$code" internal "enospc: ...and then issues are answered internal"
    check "enospc: frontad says the disk is full" grep -q "database or disk is full" "$T/frontad3.log"
    check "enospc: frontad keeps running" kill -0 "$SMALL_PID"
    touch "$T/small.free"
    sleep 0.3
    after_space enospc P
    touch "$T/small.stop"
    wait "$SMALL_PID"
    stored enospc P "$T/small-copy/fronta.db"
fi
done_testing
