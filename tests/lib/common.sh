# Shared helpers for Fronta's shell tests. Source it, then call the helpers;
# end with done_testing. Everything started here is stopped on exit.
#   start_broker [CONF]      mosquitto on a free loopback port -> BROKER_PORT, BROKER_PID
#   start_frontad [ARGS...]  frontad on $CONFIG with $T/fronta.db  -> FRONTAD_PID
#   ctl ARGS...              frontactl on this broker and config
#   rr OP JSON               mosquitto_rr request, prints the answer
#   ok / not_ok / check / is / wait_for   TAP output
#   answered_missing FILE    answered tickets ("NUMBER REQUEST_ID" lines) not in $DB
#   ctl_stream / stop_streams  issues without a pause in the background
#   display_seq / display_at   what a display reports on screen
set -u
# FRONTA_ROOT: for scripts outside tests/<area>/ (bench/run.sh)
ROOT=${FRONTA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/bin"
TOOLS="$ROOT/$BUILD/test"
CONFIG=${CONFIG:-$ROOT/config/demo.ini}
BRANCH=${BRANCH:-demo}
T=$(mktemp -d "${TMPDIR:-/tmp}/fronta-test.XXXXXX")
TAP_N=0
TAP_FAILED=0
BROKER_PORT=
BROKER_PID=
FRONTAD_PID=
_BG_PIDS=

_cleanup() {
    for p in $_BG_PIDS; do kill "$p" 2>/dev/null; done
    sleep 0.1
    for p in $_BG_PIDS; do kill -9 "$p" 2>/dev/null; done
    if [ "${KEEP_TMP:-0}" = 1 ] || [ "$TAP_FAILED" != 0 ]; then
        echo "# files kept in $T"
    else
        rm -rf "$T"
    fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM

ok()     { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $*"; }
not_ok() { TAP_N=$((TAP_N + 1)); echo "not ok $TAP_N - $*"; TAP_FAILED=1; }
diag()   { echo "$*" | sed 's/^/# /'; }

# check "description" command...   (ok if the command succeeds)
check() {
    desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# is GOT EXPECTED "description"
is() {
    if [ "$1" = "$2" ]; then ok "$3"; else
        not_ok "$3"; diag "got:      $1"; diag "expected: $2"; fi
}

# wait_for SECONDS command...   (true once the command succeeds)
wait_for() {
    _limit=$1; shift
    _end=$(( $(date +%s%N) / 1000000 + _limit * 1000 ))
    while [ $(( $(date +%s%N) / 1000000 )) -lt $_end ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    return 1
}

done_testing() {
    # stop what we started, so that sanitizer reports at exit are written,
    # then fail on any report in any log of this test
    for p in $_BG_PIDS; do kill "$p" 2>/dev/null; done
    for p in $_BG_PIDS; do wait "$p" 2>/dev/null; done
    _BG_PIDS=
    if grep -l -E "ERROR: (Address|Leak|Thread)Sanitizer|runtime error:" "$T"/*.log* >/dev/null 2>&1; then
        not_ok "no sanitizer report in the logs"
        grep -h -A20 -E "ERROR: (Address|Leak|Thread)Sanitizer|runtime error:" "$T"/*.log* | head -40 | sed 's/^/# /'
    fi
    echo "1..$TAP_N"
    exit $TAP_FAILED
}

bg() {   # bg LOG command...  -> BG_PID
    _log=$1; shift
    "$@" >"$_log" 2>&1 &
    BG_PID=$!
    _BG_PIDS="$_BG_PIDS $BG_PID"
}

# A mosquitto on a free port. CONF defaults to broker-config/dev.conf; its
# "listener 1883" line gets the port. Retries if the port was taken.
start_broker() {
    _conf_src=${1:-$ROOT/broker-config/dev.conf}
    for _try in 1 2 3 4 5 6 7 8 9 10; do
        BROKER_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        sed "s/^listener 1883 /listener $BROKER_PORT /" "$_conf_src" > "$T/broker.conf"
        bg "$T/broker.log" mosquitto -c "$T/broker.conf"
        BROKER_PID=$BG_PID
        if wait_for 5 grep -q "running\|Opening ipv4 listen socket on port $BROKER_PORT" "$T/broker.log" &&
           mosquitto_sub -p "$BROKER_PORT" -t '$SYS/none' -W 1 -C 1 >/dev/null 2>&1; [ $? -ne 4 ]; then
            kill -0 "$BROKER_PID" 2>/dev/null && return 0
        fi
        kill "$BROKER_PID" 2>/dev/null
    done
    echo "# cannot start mosquitto:"; sed 's/^/# /' "$T/broker.log"
    return 1
}

# Restarts the broker on the same port (after stop_broker / kill_broker).
restart_broker() {
    bg "$T/broker.log.$(date +%s%N)" mosquitto -c "$T/broker.conf"
    BROKER_PID=$BG_PID
    wait_for 5 mosquitto_pub -p "$BROKER_PORT" -t fronta/test/ping -m x
}

stop_broker() { kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; }
kill_broker() { kill -9 "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; }

DB="$T/fronta.db"

# frontad on $CONFIG, database $DB; waits until it is connected.
start_frontad() {
    bg "$T/frontad.log" "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$DB" "$@"
    FRONTAD_PID=$BG_PID
    if ! wait_for 10 grep -q "connected to" "$T/frontad.log"; then
        echo "# frontad did not connect:"; sed 's/^/# /' "$T/frontad.log"
        return 1
    fi
    # its first state is published right after connecting
    wait_for 5 mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/state" -C 1 -W 1
}

# Appends to the same log when started again (restarts in one test).
restart_frontad() {
    _n=$(grep -c "connected to" "$T/frontad.log" 2>/dev/null || echo 0)
    "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$DB" "$@" >>"$T/frontad.log" 2>&1 &
    FRONTAD_PID=$!
    _BG_PIDS="$_BG_PIDS $FRONTAD_PID"
    wait_for 10 sh -c "[ \$(grep -c 'connected to' '$T/frontad.log') -gt $_n ]"
}

stop_frontad() { kill "$FRONTAD_PID" 2>/dev/null; wait "$FRONTAD_PID" 2>/dev/null; }
kill_frontad() { kill -9 "$FRONTAD_PID" 2>/dev/null; wait "$FRONTAD_PID" 2>/dev/null; }

ctl() {
    "$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" "$@"
}

# rr OP JSON: one request with mosquitto_rr; prints the answer (empty if none).
rr() {
    mosquitto_rr -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/req/$1" \
        -e "fronta/v1/$BRANCH/resp/test/$$" -m "$2" -W "${RR_WAIT:-3}" 2>/dev/null
}

# The retained state document, or "" if none.
state() {
    mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/state" -C 1 -W 2 2>/dev/null
}

# jqr FILTER JSON: one raw value
jqr() { printf '%s' "$2" | jq -r "$1" 2>/dev/null; }

# answered_missing FILE: FILE holds "NUMBER REQUEST_ID" lines, the tickets
# frontad answered ok; prints how many of them $DB does not hold with that
# request id and that answer (each one is named on stderr).
answered_missing() {
    _missing=0
    while read -r _number _rid; do
        _got=$(sqlite3 "$DB" "SELECT count(*) FROM tickets t JOIN requests r ON r.day = t.day
                              WHERE t.number = '$_number' AND r.request_id = '$_rid'
                                AND json_extract(r.answer, '$.ticket.number') = t.number")
        [ "$_got" = 1 ] || { _missing=$((_missing + 1)); diag "answered $_number ($_rid) is not stored" >&2; }
    done < "$1"
    echo "$_missing"
}

# display_seq [DEVICE]: the seq a display reports it has on screen (its
# presence; DEVICE display-1 by default), or ""
display_seq() {
    mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/presence/${1:-display-1}" -C 1 -W 2 2>/dev/null |
        jq -r '.seq // empty'
}
# display_at SEQ [DEVICE]: true once it reports SEQ (for wait_for)
display_at() { [ "$(display_seq "${2:-}")" = "$1" ]; }

# run_make ARGS...: make in the project, one at a time across the tests that
# run at once (two makes linking in one build folder race each other)
run_make() { flock "$ROOT/$BUILD/.make.lock" make -s -C "$ROOT" BUILD="$BUILD" "$@"; }

# ctl_stream NAME SERVICE LANG: a kiosk that never pauses, in the
# background: frontactl issues one ticket after another, each request retried
# with its own request id (through a broker that goes away), until
# stop_streams. Each answered ticket is a line "NUMBER REQUEST_ID" in
# $T/stream.NAME.
_STREAMS=
ctl_stream() {
    (
        _i=0
        while [ ! -f "$T/stop-streams" ]; do
            _i=$((_i + 1))
            _out=$(ctl --json --timeout 700 --attempts 8 --request-id "m-$1-$_i" issue "$2" --lang "$3" 2>/dev/null)
            _n=$(jqr 'select(.ok) | .ticket.number' "$_out")
            [ -n "$_n" ] && echo "$_n m-$1-$_i" >> "$T/stream.$1"
        done
    ) &
    _STREAMS="$_STREAMS $!"
    _BG_PIDS="$_BG_PIDS $!"
}

# stop_streams: ends every ctl_stream, waits for its last answer, and writes
# all they were answered, sorted, to $T/streamed.
stop_streams() {
    touch "$T/stop-streams"
    for _p in $_STREAMS; do wait "$_p" 2>/dev/null; done
    _STREAMS=
    cat "$T"/stream.* 2>/dev/null | sort > "$T/streamed"
}

# ---- Production brokers: TLS, a password per device, the ACL ----
# Made by `frontactl provision`, exactly as on a branch.
#   provision_broker INI DIR [ARGS...]  provision DIR on a free port and start
#                         mosquitto -c DIR/mosquitto.conf -> BROKER_PORT BROKER_PID BROKER_DIR BROKER_LOG
#   start_broker_dir DIR  (re)start mosquitto on DIR/mosquitto.conf -> BROKER_PID BROKER_LOG
#   as DEVICE TOOL ARGS   mosquitto_pub/_sub/_rr as DEVICE of $BROKER_DIR (TLS, MQTT 5)
#   bg_as LOG DEVICE TOOL ARGS  the same in the background -> BG_PID
#   ctl_as DEVICE ARGS    frontactl as DEVICE
#   puback DEVICE TOPIC [PAYLOAD]  the PUBACK reason of one QoS 1 publish (0, 16, 135...)
#   start_frontad_tls [ARGS...]    frontad as user "frontad" over TLS
free_port() { echo $(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 )); }

# Tests run as root, and mosquitto started as root becomes the user
# "mosquitto": it must be able to pass through $T to reach DIR.
_open_T() { chmod 711 "$T"; }

start_broker_dir() {
    BROKER_LOG="$1.broker.$(date +%s%N).log"
    mosquitto -c "$1/mosquitto.conf" >"$BROKER_LOG" 2>&1 &
    BROKER_PID=$!
    _BG_PIDS="$_BG_PIDS $BROKER_PID"
    # Up when its TLS port answers (an anonymous client is told no).
    _port=$(awk '$1 == "listener" { print $2; exit }' "$1/mosquitto.conf")
    wait_for 5 sh -c "mosquitto_pub -V 5 -h 127.0.0.1 -p $_port --cafile '$1/ca.crt' -t fronta/ping -m x 2>&1 |
                      grep -q 'Not authorized' || ! kill -0 $BROKER_PID"
    kill -0 "$BROKER_PID" 2>/dev/null && return 0
    kill "$BROKER_PID" 2>/dev/null
    return 1
}

provision_broker() {
    _ini=$1; BROKER_DIR=$2; shift 2
    _open_T
    for _try in 1 2 3 4 5; do
        BROKER_PORT=$(free_port)
        if ! "$BIN/frontactl" --config "$_ini" provision --out "$BROKER_DIR" --port "$BROKER_PORT" "$@" \
                >"$BROKER_DIR.provision.log" 2>&1; then
            echo "# frontactl provision failed:"; sed 's/^/# /' "$BROKER_DIR.provision.log"
            return 1
        fi
        start_broker_dir "$BROKER_DIR" && return 0
    done
    echo "# cannot start mosquitto on $BROKER_DIR:"; sed 's/^/# /' "$BROKER_LOG"
    return 1
}

as() {
    _dev=$1; _tool=$2; shift 2
    "$_tool" -V 5 -h 127.0.0.1 -p "$BROKER_PORT" --cafile "$BROKER_DIR/ca.crt" \
        -u "$_dev" -P "$(cat "$BROKER_DIR/devices/$_dev.password")" "$@"
}

# bg_as LOG DEVICE TOOL ARGS...: TOOL as DEVICE in the background, output
# to LOG. BG_PID is the tool itself (bg with `as` would be a subshell, and
# killing it would leave the tool running).
bg_as() {
    _log=$1; _dev=$2; _tool=$3; shift 3
    _pw=$(cat "$BROKER_DIR/devices/$_dev.password")
    "$_tool" -V 5 -h 127.0.0.1 -p "$BROKER_PORT" --cafile "$BROKER_DIR/ca.crt" -u "$_dev" -P "$_pw" "$@" \
        >"$_log" 2>&1 &
    BG_PID=$!
    _BG_PIDS="$_BG_PIDS $BG_PID"
}

ctl_as() {
    _dev=$1; shift
    "$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$BROKER_DIR/ca.crt" \
        --user "$_dev" --password-file "$BROKER_DIR/devices/$_dev.password" "$@"
}

puback() {
    _pl='{}'; [ $# -ge 3 ] && _pl=$3
    as "$1" mosquitto_pub -d -q 1 -t "$2" -m "$_pl" 2>&1 |
        sed -n 's/.*received PUBACK (Mid: [0-9]*, RC:\([0-9]*\)).*/\1/p'
}

start_frontad_tls() {
    bg "$T/frontad.log" "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$DB" \
        --cafile "$BROKER_DIR/ca.crt" --user frontad --password-file "$BROKER_DIR/devices/frontad.password" "$@"
    FRONTAD_PID=$BG_PID
    if ! wait_for 10 grep -q "connected to" "$T/frontad.log"; then
        echo "# frontad did not connect:"; sed 's/^/# /' "$T/frontad.log"
        return 1
    fi
    wait_for 5 as frontactl mosquitto_sub -t "fronta/v1/$BRANCH/state" -C 1 -W 1
}

# tls_state: the retained state as the admin sees it, or "".
tls_state() {
    as frontactl mosquitto_sub -t "fronta/v1/$BRANCH/state" -C 1 -W 2 2>/dev/null
}

# ---- A real X server for the SDL programs ----
#   start_xvfb [WxHxDEPTH]  Xvfb on a free display (it picks one and says which
#                           through -displayfd) -> XVFB_DISPLAY (":N"), XVFB_PID;
#                           also exports DISPLAY and SDL_VIDEODRIVER=x11 for it.
#                           Several may run (two consoles on two servers);
#                           each is stopped on exit like the rest.
start_xvfb() {
    _xf="$T/xvfb.$(date +%s%N)"
    Xvfb -displayfd 3 -screen 0 "${1:-3840x2160x24}" -nolisten tcp 3>"$_xf" >"$_xf.log" 2>&1 &
    XVFB_PID=$!
    _BG_PIDS="$_BG_PIDS $XVFB_PID"
    if ! wait_for 10 grep -q '[0-9]' "$_xf"; then
        echo "# Xvfb did not start:"; sed 's/^/# /' "$_xf.log"
        return 1
    fi
    XVFB_DISPLAY=":$(head -n 1 "$_xf")"
    DISPLAY=$XVFB_DISPLAY
    SDL_VIDEODRIVER=x11
    export DISPLAY SDL_VIDEODRIVER
}
