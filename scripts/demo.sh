#!/bin/sh
# make demo / make demo-headless: the whole Fronta system on this machine.
#   scripts/demo.sh            windows on this desktop; Ctrl-C stops all it started
#   scripts/demo.sh headless   the same under Xvfb, a scripted morning, and a
#                              screenshot of every window after each step in out/
# Everything runs from build/bin with config/demo.ini; the database and logs
# are in var/ (DEMO_VAR), screenshots in out/ (DEMO_OUT). Only what this
# script started is stopped.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
BIN="$ROOT/${BUILD:-build}/bin"
CONFIG="$ROOT/config/demo.ini"
MODE=${1:-windows}
VAR="${DEMO_VAR:-$ROOT/var}"     # the tests point these elsewhere
OUT="${DEMO_OUT:-$ROOT/out}"
LOG="$VAR/log"
PIDS=""
mkdir -p "$VAR" "$LOG"

say() { printf '%s\n' "$*"; }

stop_all() {
    trap - INT TERM EXIT
    [ -n "$PIDS" ] || return 0
    say "demo: stopping$(for p in $PIDS; do printf ' %s' "$p"; done)"
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    sleep 0.3
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    PIDS=""
}
trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT

start() {   # start NAME COMMAND... -> $LAST_PID
    _name=$1; shift
    "$@" > "$LOG/$_name.log" 2>&1 &
    LAST_PID=$!
    PIDS="$PIDS $LAST_PID"
    eval "PID_$(echo "$_name" | tr -c 'a-zA-Z0-9\n' '_')=$LAST_PID"
}

wait_for() {   # wait_for SECONDS command...
    _end=$(( $(date +%s) + $1 )); shift
    while [ "$(date +%s)" -le "$_end" ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

if [ "$MODE" = windows ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "demo: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set):"
    say "demo: running the headless demo instead (make demo-headless): screenshots go to out/"
    MODE=headless
fi

# --- the broker, on a free loopback port ---
BROKER_PORT=
for _try in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
    sed "s/^listener 1883 /listener $port /" broker-config/dev.conf > "$VAR/demo-broker.conf"
    start mosquitto mosquitto -c "$VAR/demo-broker.conf"
    if wait_for 3 mosquitto_pub -p "$port" -t fronta/demo/ping -m x && kill -0 "$LAST_PID" 2>/dev/null; then
        BROKER_PORT=$port
        break
    fi
    kill "$LAST_PID" 2>/dev/null
done
if [ -z "$BROKER_PORT" ]; then
    say "demo: mosquitto does not start; its log:"; cat "$LOG/mosquitto.log"; exit 1
fi
BROKER="127.0.0.1:$BROKER_PORT"

# --- frontad --- (the headless morning starts from an empty queue each time)
DB="$VAR/demo.db"
if [ "$MODE" = headless ]; then
    DB="$VAR/demo-headless.db"
    rm -f "$DB" "$DB-wal" "$DB-shm"
fi
start frontad "$BIN/frontad" --config "$CONFIG" --broker "$BROKER" --db "$DB"
if ! wait_for 10 grep -q "connected to" "$LOG/frontad.log"; then
    say "demo: frontad does not start; its log:"; cat "$LOG/frontad.log"; exit 1
fi
ctl() { "$BIN/frontactl" --config "$CONFIG" --broker "$BROKER" "$@"; }

# --- a display for the headless demo ---
if [ "$MODE" = headless ]; then
    if ! command -v Xvfb >/dev/null; then say "demo: Xvfb is missing (apt-get install xvfb)"; exit 1; fi
    exec 8>"$VAR/xvfb.display"
    Xvfb -displayfd 8 -screen 0 3200x2000x24 -nolisten tcp > "$LOG/xvfb.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_for 10 sh -c "[ -s '$VAR/xvfb.display' ]" || { say "demo: Xvfb does not start"; exit 1; }
    DISPLAY=":$(cat "$VAR/xvfb.display")"
    export DISPLAY
    rm -rf "$OUT"
    mkdir -p "$OUT/raw"
    SHOTS="--shot-dir $OUT/raw"
else
    SHOTS=""
fi

# --- the three screens ---
UIS=""
ui() {   # ui NAME args...
    _n=$1; shift
    if [ ! -x "$BIN/$_n" ]; then say "demo: $_n is not built yet; skipped"; return; fi
    # shellcheck disable=SC2086
    start "$_n" "$BIN/$_n" --config "$CONFIG" --broker "$BROKER" $SHOTS "$@"
    UIS="$UIS $_n:$LAST_PID"
}
ui fronta-kiosk --size 540x960
ui fronta-display --size 960x540
ui fronta-console --counter 1 --size 1100x660

say "demo: started on this machine:"
say "  mosquitto    $BROKER (broker-config/dev.conf)     log ${LOG#$ROOT/}/mosquitto.log"
say "  frontad      config/demo.ini, database ${DB#$ROOT/}  log ${LOG#$ROOT/}/frontad.log"
for u in $UIS; do say "  ${u%%:*}  pid ${u#*:}   log ${LOG#$ROOT/}/${u%%:*}.log"; done
say "  try:  build/bin/frontactl --config config/demo.ini --broker $BROKER status"

if [ "$MODE" = windows ]; then
    say "demo: press Ctrl-C to stop everything started here."
    while :; do
        for p in $PIDS; do kill -0 "$p" 2>/dev/null || { say "demo: process $p ended; stopping the demo"; exit 1; }; done
        sleep 1
    done
fi

# --- the scripted morning, headless ---
STEP=0
shot() {   # shot NAME: a screenshot of every window, as out/NN-NAME-PROGRAM.png
    STEP=$((STEP + 1))
    sleep 0.8
    for u in $UIS; do
        _n=${u%%:*}; _p=${u#*:}
        _before=$(ls "$OUT/raw" 2>/dev/null | wc -l)
        kill -USR1 "$_p" 2>/dev/null
        wait_for 5 sh -c "[ \$(ls '$OUT/raw' | wc -l) -gt $_before ]"
        _new=$(ls -t "$OUT/raw" | head -1)
        [ -n "$_new" ] && mv "$OUT/raw/$_new" "$OUT/$(printf '%02d' $STEP)-$1-${_n#fronta-}.png"
    done
    say "demo: step $STEP: $1"
}
wait_for 10 sh -c "ctl status >/dev/null" || true
shot start
# A person takes a ticket at the kiosk, in Vietnamese, with the keyboard the
# touchscreen also answers to (docs/kiosk.md): language, then service.
kiosk_keys() {
    _p=$(for u in $UIS; do case $u in fronta-kiosk:*) echo "${u#*:}";; esac; done)
    [ -n "$_p" ] || return 0
    _w=$(xdotool search --pid "$_p" 2>/dev/null | head -1)
    [ -n "$_w" ] || return 0
    for _k in "$@"; do xdotool key --window "$_w" "$_k"; sleep 0.25; done
}
kiosk_keys Tab Tab Tab Tab Tab
shot kiosk-language-chosen-by-keys
kiosk_keys Return
shot kiosk-services-in-vietnamese
kiosk_keys Tab Return
shot kiosk-ticket-in-vietnamese
ctl issue A --lang uk >/dev/null
ctl issue S --lang vi >/dev/null
ctl issue P --lang ar --priority >/dev/null
ctl issue T --lang mn >/dev/null
ctl issue A --lang ru >/dev/null
ctl issue S --lang en >/dev/null
ctl issue A --lang cs >/dev/null
shot tickets-issued
ctl call 1 >/dev/null
shot counter-1-calls
ctl call 2 >/dev/null
ctl call 3 >/dev/null
shot counters-2-and-3-call
ctl recall 1 >/dev/null
shot counter-1-recalls
ctl transfer 2 P >/dev/null
shot counter-2-transfers-to-legal
ctl noshow 3 >/dev/null
ctl call 3 >/dev/null
shot no-show-and-next
ctl finish 1 >/dev/null
ctl call 1 >/dev/null
shot done-and-next
ctl status > "$OUT/final-status.txt"
rmdir "$OUT/raw" 2>/dev/null
say "demo: the morning is over; screenshots and the final status are in out/:"
ls "$OUT" | sed 's/^/  /'
