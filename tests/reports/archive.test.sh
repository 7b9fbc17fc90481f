# The head-office archive: two branches (each its mosquitto and frontad)
# bridge their events to a head-office mosquitto; frontactl archive stores
# them. It is stopped (SIGTERM) and later killed (SIGKILL) while both
# branches keep issuing tickets, and restarted: every event of both
# branches ends up stored exactly once, byte for byte as in the branch
# database, or (after a kill) noted as missing, never silently lost. A seq
# jump is noted as a gap and said by the report; the report across branches
# counts each branch's tickets.
. "$(dirname "$0")/../lib/common.sh"

# mosquitto on a free port with config text $2 (PORT is replaced); -> PORT_<name>
start_mosq() {
    _name=$1
    for _try in 1 2 3 4 5 6 7 8 9 10; do
        _port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        printf '%s\n' "$2" | sed "s/PORT/$_port/" > "$T/$_name.conf"
        bg "$T/$_name.log" mosquitto -c "$T/$_name.conf"
        if wait_for 5 mosquitto_pub -p "$_port" -t fronta/test/ping -m x; then
            eval "PORT_$_name=$_port"
            eval "PID_$_name=$BG_PID"
            return 0
        fi
        kill "$BG_PID" 2>/dev/null
    done
    echo "# cannot start mosquitto $_name"; sed 's/^/# /' "$T/$_name.log"
    return 1
}

# The head office keeps what it queues for an archiver that is away.
start_mosq ho "listener PORT 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
set_tcp_nodelay true" || exit 1

B1=praha-zukovskeho
B2=pribram
for b in $B1 $B2; do
    sed "s/^id = demo/id = $b/" "$ROOT/config/demo.ini" > "$T/$b.ini"
    # the bridge: this branch's events to the head office, QoS 1, a
    # persistent session so nothing is lost while the link is down
    start_mosq "$(echo "$b" | tr - _)" "listener PORT 127.0.0.1
allow_anonymous true
persistence false
set_tcp_nodelay true
connection to-head-office
address 127.0.0.1:$PORT_ho
remote_clientid bridge-$b
topic fronta/v1/+/event out 1
cleansession false
bridge_protocol_version mqttv311
notifications false
restart_timeout 1
start_type automatic" || exit 1
done
P1=$PORT_praha_zukovskeho
P2=$PORT_pribram

branch_frontad() {   # branch port
    bg "$T/frontad-$1.log" "$BIN/frontad" --config "$T/$1.ini" --broker "127.0.0.1:$2" --db "$T/$1.db"
    wait_for 10 grep -q "connected to" "$T/frontad-$1.log" || { echo "# frontad $1 did not start"; return 1; }
}
branch_frontad $B1 "$P1" || exit 1
branch_frontad $B2 "$P2" || exit 1
check "both bridges are up" wait_for 10 sh -c "grep -c 'bridge-' '$T/ho.log' | grep -q 2"

bctl() {   # bctl branch port args...
    _b=$1; _p=$2; shift 2
    "$BIN/frontactl" --config "$T/$_b.ini" --broker "127.0.0.1:$_p" "$@" >/dev/null
}

ARCHIVE_LOG="$T/archive.log"
start_archive() {
    "$BIN/frontactl" archive --broker "127.0.0.1:$PORT_ho" --db "$T/archive.db" >>"$ARCHIVE_LOG" 2>&1 &
    ARCHIVE_PID=$!
    _BG_PIDS="$_BG_PIDS $ARCHIVE_PID"
    _n=$1
    wait_for 10 sh -c "[ \$(grep -c 'connected to' '$ARCHIVE_LOG') -ge $_n ]"
}
check "the archiver starts and connects" start_archive 1

# Tickets and calls on both branches, in the background.
activity() {   # rounds
    for i in $(seq 1 "$1"); do
        bctl $B1 "$P1" issue A --lang uk
        bctl $B2 "$P2" issue S --lang vi
        if [ $((i % 3)) = 0 ]; then
            bctl $B1 "$P1" call 1
            bctl $B2 "$P2" call 2
        fi
    done
}
last_seq() { sqlite3 "$T/$1.db" "SELECT last FROM event_seq"; }
archived() { sqlite3 "$T/archive.db" "SELECT count(*) FROM events WHERE branch = '$1'"; }
all_archived() {
    [ "$(archived $B1)" = "$(last_seq $B1)" ] && [ "$(archived $B2)" = "$(last_seq $B2)" ]
}

activity 5
check "the first events of both branches are archived" wait_for 10 all_archived

# stopped mid-stream, restarted while the branches go on
activity 30 &
ACT=$!
sleep 1
kill -TERM "$ARCHIVE_PID"; wait "$ARCHIVE_PID" 2>/dev/null
diag "archiver stopped at $(archived $B1) + $(archived $B2) events"
sleep 1
check "the archiver restarts" start_archive 2
wait "$ACT"
check "after the restart every event of both branches is archived" wait_for 20 all_archived
same_events() {   # the branch database's events, byte for byte
    [ "$(sqlite3 "$T/$1.db" "SELECT seq || ' ' || body FROM events ORDER BY seq")" = \
      "$(sqlite3 "$T/archive.db" "SELECT seq || ' ' || body FROM events WHERE branch = '$1' ORDER BY seq")" ]
}
check "$B1: the archive holds exactly the branch's events, once each, as published" same_events $B1
check "$B2: the same" same_events $B2
is "$(sqlite3 "$T/archive.db" "SELECT count(*) FROM gaps")" 0 "no gap was noted"
diag "events: $B1 $(last_seq $B1), $B2 $(last_seq $B2); repeats ignored: $(sqlite3 "$T/archive.db" "SELECT sum(repeats) FROM branches")"

# killed (no goodbye), restarted: nothing is lost without being noted
activity 20 &
ACT=$!
sleep 1
kill -KILL "$ARCHIVE_PID"; wait "$ARCHIVE_PID" 2>/dev/null
sleep 1
check "the archiver restarts after a kill" start_archive 3
wait "$ACT"
accounted() {   # every seq 1..last is stored or inside a noted gap
    for b in $B1 $B2; do
        n=$(sqlite3 "$T/archive.db" "SELECT (SELECT count(*) FROM events WHERE branch = '$b')
              + (SELECT coalesce(sum(last - first + 1), 0) FROM gaps WHERE branch = '$b')")
        [ "$n" = "$(last_seq $b)" ] || return 1
    done
}
check "after a kill every event is archived or noted missing" wait_for 20 accounted
diag "after the kill: $(sqlite3 "$T/archive.db" "SELECT count(*) FROM gaps") gap(s)"

# the report across branches counts each branch's tickets: all those whose
# issue reached the archive (after the kill, an issue inside a noted gap
# cannot be counted; the report says so, below)
issued() {
    sqlite3 "$T/$1.db" "ATTACH '$T/archive.db' AS a;
        SELECT count(*) FROM events e WHERE e.type = 'issued' AND NOT EXISTS
            (SELECT 1 FROM a.gaps g WHERE g.branch = '$1' AND e.seq BETWEEN g.first AND g.last)"
}
csv=$("$BIN/frontactl" report --archive "$T/archive.db" --format csv 2>/dev/null | tr -d '\r')
row() { printf '%s\n' "$csv" | awk -F, -v b="$1" -v s="$2" '$2 == b && $3 == s {print $4}'; }
is "$(row $B1 A) $(row $B2 S)" "$(issued $B1) $(issued $B2)" \
   "report over the archive: each branch's tickets ($(issued $B1), $(issued $B2))"
is "$(row all all)" "$(( $(issued $B1) + $(issued $B2) ))" "...and all branches together"
csv=$("$BIN/frontactl" report --archive "$T/archive.db" --branch $B2 --format csv 2>/dev/null | tr -d '\r')
is "$(printf '%s\n' "$csv" | awk -F, 'NR > 1 {print $2}' | sort -u)" "$B2" "--branch: only that branch's rows"

# a gap the archive cannot fill is noted and said
last=$(last_seq $B2)
mosquitto_pub -V 5 -p "$PORT_ho" -q 1 -t "fronta/v1/$B2/event" \
    -m "$(sqlite3 "$T/$B2.db" "SELECT body FROM events WHERE seq = $last" | sed "s/\"seq\":$last,/\"seq\":$((last + 4)),/")"
check "a jump in seq is noted as a gap" wait_for 5 sh -c \
    "[ \"\$(sqlite3 '$T/archive.db' \"SELECT first || '..' || last FROM gaps WHERE branch = '$B2' AND first = $((last + 1))\")\" = '$((last + 1))..$((last + 3))' ]"
check "...and logged" grep -q "branch $B2: events $((last + 1))..$((last + 3)) are missing" "$ARCHIVE_LOG"
txt=$("$BIN/frontactl" report --archive "$T/archive.db" --branch $B2 2>&1)
case "$txt" in *"branch $B2: events $((last + 1))..$((last + 3)) never reached the archive"*)
    ok "the report says which events are missing";; *) not_ok "the report names the gap"; diag "$txt";; esac
mosquitto_pub -V 5 -p "$PORT_ho" -q 1 -t "fronta/v1/$B2/event" -m 'not json {'
mosquitto_pub -V 5 -p "$PORT_ho" -q 1 -t "fronta/v1/$B2/event" -m '{"seq":"x"}'
check "payloads that are no events are refused with a message" wait_for 5 sh -c \
    "[ \$(grep -c 'ignored a message that is not an event' '$ARCHIVE_LOG') -ge 2 ]"
check "the archiver is still running" kill -0 "$ARCHIVE_PID"
kill -TERM "$ARCHIVE_PID"; wait "$ARCHIVE_PID"
is "$?" 0 "SIGTERM stops it cleanly"
done_testing
