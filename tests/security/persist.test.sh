# The production broker keeps queued QoS 1 messages across a kill -9: a
# persistent session (like the head office's archiver, or the bridge's
# queue) with messages waiting, the broker killed, started again, and
# every message is still there. The same with mosquitto's default
# autosave_interval (1800 s) loses them all: the reason for our setting.
. "$(dirname "$0")/../lib/common.sh"

D="$T/broker"
R="fronta/v1/$BRANCH"
N=50
provision_broker "$CONFIG" "$D" --host 127.0.0.1 || exit 1
grep -q "^autosave_interval 1$" "$D/mosquitto.conf" && ok "the provisioned broker saves its database every second" ||
    not_ok "the provisioned broker saves its database every second"

# survivors DIR NAME: N messages queued for an offline session, 3 s, kill -9,
# start again -> SURVIVED: how many of them the session then receives.
survivors() {
    as frontactl mosquitto_sub -c -x 3600 -i "persist-$2" -q 1 -t "$R/event" -E >/dev/null 2>&1
    seq 1 "$N" | sed 's/.*/{"seq":&}/' | as frontad mosquitto_pub -q 1 -t "$R/event" -l
    sleep 3
    kill -9 "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null
    SURVIVED=none
    start_broker_dir "$1" || { echo "# mosquitto does not start again"; return; }
    SURVIVED=$(as frontactl mosquitto_sub -c -x 3600 -i "persist-$2" -q 1 -t "$R/event" -W 2 2>/dev/null | grep -c '"seq"')
}

survivors "$D" one
is "$SURVIVED" "$N" "autosave_interval 1: all $N queued QoS 1 messages survive kill -9"

# The same broker with mosquitto's default.
kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null
cp -a "$D" "$T/default"
rm -f "$T/default/data/mosquitto.db"
sed -i -e "s|$D/|$T/default/|g" -e 's/^autosave_interval 1$/autosave_interval 1800/' "$T/default/mosquitto.conf"
start_broker_dir "$T/default" || exit 1
survivors "$T/default" default
is "$SURVIVED" 0 "autosave_interval 1800 (the default): kill -9 loses all $N"

done_testing
