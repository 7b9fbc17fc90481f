#!/bin/sh
# Measures the figures docs/operations.md gives for the production broker:
#  1. how often the database is written while idle, and its size with a
#     day's backlog for the head office (events and states of a busy day);
#  2. how many queued QoS 1 messages survive a kill -9, by the time between
#     the last message and the kill, with autosave_interval 1 and 1800;
#  3. what TLS costs a one-shot client (frontactl status), against plain TCP.
# Usage: sh tests/security/measure.sh   (after make; as root, like the tests)
. "$(dirname "$0")/../lib/common.sh"

R="fronta/v1/$BRANCH"
D="$T/broker"
provision_broker "$CONFIG" "$D" --host 127.0.0.1 || exit 1

# survivors DIR N DELAY_S NAME -> how many of N queued messages survive
survivors() {
    as frontactl mosquitto_sub -c -x 3600 -i "m-$4" -q 1 -t "$R/event" -E >/dev/null 2>&1
    seq 1 "$2" | sed 's/.*/{"seq":&}/' | as frontad mosquitto_pub -q 1 -t "$R/event" -l
    sleep "$3"
    kill -9 "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null
    start_broker_dir "$1" || exit 1
    SURVIVED=$(as frontactl mosquitto_sub -c -x 3600 -i "m-$4" -q 1 -t "$R/event" -W 2 2>/dev/null | grep -c '"seq"')
}

echo "1. database writes"
db="$D/data/mosquitto.db"
sleep 3
n=0; last=$(stat -c %.9Y "$db")
for i in $(seq 1 40); do
    sleep 0.25
    now=$(stat -c %.9Y "$db")
    [ "$now" != "$last" ] && n=$((n + 1)) && last=$now
done
echo "   idle: the database was rewritten $n times in 10 s ($(stat -c %s "$db") bytes)"
# A busy day for the bridge: 1200 changes, each an event (~350 bytes) and a
# state (~2 KB), queued for an offline persistent session.
ev=$(printf '{"seq":%s,"type":"called","at":"2026-11-23T09:15:02+01:00","ticket":{"number":"A023","service":"A","lang":"uk","priority":false,"status":"called","issued_at":"2026-11-23T09:15:02+01:00","ahead":0,"est_wait_s":0,"counter":"2"},"counter":"2"}' 1)
st=$(head -c 2000 /dev/zero | tr '\0' 'x')
as frontactl mosquitto_sub -c -x 86400 -i backlog -q 1 -t "$R/event" -t "$R/state" -E >/dev/null 2>&1
t0=$(date +%s%N)
for i in $(seq 1 1200); do echo "$ev"; done | as frontad mosquitto_pub -q 1 -t "$R/event" -l
for i in $(seq 1 1200); do echo "{\"seq\":$i,\"pad\":\"$st\"}"; done | as frontad mosquitto_pub -q 1 -t "$R/state" -l
t1=$(date +%s%N)
sleep 3
echo "   a busy day's backlog (1200 events + 1200 states of 2 KB) queued in $(( (t1 - t0) / 1000000 )) ms;" \
     "database now $(stat -c %s "$db") bytes"
kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null

rm -f "$db"
start_broker_dir "$D" || exit 1

echo "2. queued QoS 1 messages (of 100) that survive kill -9, by seconds from the last message to the kill"
echo "   autosave_interval 1:"
for delay in 0 0.5 1 1.5 2 2.5 3; do
    line="     after $delay s:"
    for run in 1 2 3; do
        survivors "$D" 100 "$delay" "a$delay-$run"
        line="$line $SURVIVED"
    done
    echo "$line"
done
# variant NAME SED: a copy of the broker (empty database) with its
# configuration changed by SED, started.
variant() {
    kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null
    cp -a "$D" "$T/$1"
    rm -f "$T/$1/data/mosquitto.db"
    sed -i -e "s|$D/|$T/$1/|g" -e "$2" "$T/$1/mosquitto.conf"
    start_broker_dir "$T/$1" || exit 1
}
variant default 's/^autosave_interval 1$/autosave_interval 1800/'
echo "   autosave_interval 1800 (mosquitto's default):"
for delay in 3 10; do
    survivors "$T/default" 100 "$delay" "b$delay"
    echo "     after $delay s: $SURVIVED"
done
variant changes 's/^autosave_interval 1$/autosave_interval 1\nautosave_on_changes true/'
echo "   autosave_on_changes true with autosave_interval 1 (a save after every change):"
for delay in 0 0.1; do
    survivors "$T/changes" 100 "$delay" "c$delay"
    echo "     after $delay s: $SURVIVED"
done
as frontactl mosquitto_sub -c -x 86400 -i backlog -q 1 -t "$R/state" -E >/dev/null 2>&1
t0=$(date +%s%N)
for i in $(seq 1 1200); do echo "{\"seq\":$i,\"pad\":\"$st\"}"; done | as frontad mosquitto_pub -q 1 -t "$R/state" -l
t1=$(date +%s%N)
echo "     1200 states of 2 KB queued in $(( (t1 - t0) / 1000000 )) ms (every one saves the whole database)"
kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null

echo "3. TLS for a one-shot client: frontactl status, 20 runs each, median ms"
rm -f "$db"
start_broker_dir "$D" || exit 1
sed "s/^listener 1883 /listener $(free_port) /" "$ROOT/broker-config/dev.conf" > "$T/plain.conf"
PLAIN_PORT=$(awk '$1 == "listener" { print $2; exit }' "$T/plain.conf")
mosquitto -c "$T/plain.conf" >"$T/plain.log" 2>&1 &
_BG_PIDS="$_BG_PIDS $!"
bg "$T/fd-tls.log" "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --db "$T/tls.db" \
    --cafile "$D/ca.crt" --user frontad --password-file "$D/devices/frontad.password"
sleep 0.5
bg "$T/fd-plain.log" "$BIN/frontad" --config "$CONFIG" --broker "127.0.0.1:$PLAIN_PORT" --db "$T/plain.db"
sleep 1
median() { sort -n | sed -n 10p; }
for i in $(seq 1 20); do
    t0=$(date +%s%N); ctl_as frontactl status >/dev/null 2>&1; echo $(( ($(date +%s%N) - t0) / 1000000 ))
done | median | sed 's/^/   TLS, user and password: /'
for i in $(seq 1 20); do
    t0=$(date +%s%N); "$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$PLAIN_PORT" status >/dev/null 2>&1
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
done | median | sed 's/^/   plain TCP, anonymous:   /'
