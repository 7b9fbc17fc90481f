# The bridge to the head office: two real brokers on loopback, both made by
# `frontactl provision` (the head office with --head-office, the branch
# with --bridge). Events, state and presence go out; while the head office
# is down the branch goes on working and its events wait; when it comes
# back every event arrives, in order, none twice.
. "$(dirname "$0")/../lib/common.sh"

_open_T
H="$T/head"
D="$T/branch"
R="fronta/v1/$BRANCH"
BROKER_DIR=$D

# Head office first (the branch needs its CA), then the branch, then the
# head office again so that it knows the branch's bridge password.
for try in 1 2 3 4 5; do
    HP=$(free_port)
    BROKER_PORT=$(free_port)
    "$BIN/frontactl" provision --head-office --out "$H" --host 127.0.0.1 --port "$HP" >"$T/ho.log" 2>&1 &&
    "$BIN/frontactl" --config "$CONFIG" provision --out "$D" --host 127.0.0.1 --port "$BROKER_PORT" \
        --bridge "127.0.0.1:$HP" --bridge-cafile "$H/ca.crt" >"$T/branch.log" 2>&1 &&
    cp "$D/head-office/$BRANCH.passwd" "$H/branches/" &&
    "$BIN/frontactl" provision --head-office --out "$H" --host 127.0.0.1 --port "$HP" >"$T/ho.log" 2>&1 || {
        echo "# provisioning failed"; sed 's/^/# /' "$T/ho.log" "$T/branch.log"; exit 1; }
    start_broker_dir "$H" || continue
    HO_PID=$BROKER_PID
    HO_LOG=$BROKER_LOG
    start_broker_dir "$D" && break
    kill "$HO_PID"
done
kill -0 "$BROKER_PID" 2>/dev/null || { echo "# cannot start the brokers"; exit 1; }
BRANCH_PID=$BROKER_PID

# ho USER TOOL ARGS: a client of the head office
ho() {
    _u=$1; _tool=$2; shift 2
    if [ "$_u" = "$BRANCH" ]; then _pwf="$D/bridge.password"; else _pwf="$H/devices/$_u.password"; fi
    "$_tool" -V 5 -h 127.0.0.1 -p "$HP" --cafile "$H/ca.crt" -u "$_u" -P "$(cat "$_pwf")" "$@"
}
seqs() { sed -n 's/.*"seq":\([0-9]*\).*/\1/p' "$@" | tr '\n' ' '; }

if wait_for 15 sh -c "grep -q 'as fronta-bridge-$BRANCH ' '$HO_LOG'"; then ok "the branch's bridge logs in at the head office"
else not_ok "the branch's bridge logs in at the head office"; sed 's/^/# /' "$HO_LOG" "$BROKER_LOG"; fi
is "$(ho archiver mosquitto_sub -t "$R/bridge" -C 1 -W 3 2>/dev/null)" 1 \
   "the head office sees the branch connected (retained $R/bridge = 1)"

# The archiver: a persistent session (MQTT 5, session expiry one hour).
archiver() {   # archiver LOG: in the background -> ARCH (the mosquitto_sub itself)
    mosquitto_sub -V 5 -h 127.0.0.1 -p "$HP" --cafile "$H/ca.crt" -u archiver -P "$(cat "$H/devices/archiver.password")" \
        -c -x 3600 -i fronta-archiver-test -q 1 -t "fronta/v1/+/event" >"$1" 2>&1 &
    ARCH=$!
    _BG_PIDS="$_BG_PIDS $ARCH"
}
archiver "$T/arch1"
sleep 0.5
start_frontad_tls || exit 1
for i in 1 2; do ctl_as kiosk-1 issue A >/dev/null 2>&1; done
wait_for 10 sh -c "grep -q '\"seq\":2,' '$T/arch1'"
is "$(seqs "$T/arch1")" "1 2 " "events flow out: the archiver at the head office has seq 1 and 2"
st=$(ho archiver mosquitto_sub -t "$R/state" -C 1 -W 3 2>/dev/null)
is "$(jqr '.seq' "$st")" 2 "...and the retained state"
p=$(ho archiver mosquitto_sub -t "$R/presence/frontad" -C 1 -W 3 2>/dev/null)
is "$(jqr '.online' "$p")" true "...and frontad's presence"

# The head office goes down (the archiver first: its session waits there).
kill "$ARCH"; wait "$ARCH" 2>/dev/null
kill "$HO_PID"; wait "$HO_PID" 2>/dev/null
n=0
for c in "kiosk-1 issue S" "kiosk-1 issue A" "console-1 call 1" "kiosk-1 issue P" "console-1 call 2" \
         "console-1 finish 1" "console-2 call 3" "console-1 noshow 2"; do
    # shellcheck disable=SC2086
    ctl_as $c >/dev/null 2>&1 && n=$((n + 1))
done
is "$n" 8 "with the head office down, the branch works: 8 requests answered"
N=$(jqr '.seq' "$(tls_state)")
is "$N" 10 "...events up to seq 10 wait in the branch broker for the bridge"

# It comes back: the bridge reconnects by itself (restart_timeout 2 60).
start_broker_dir "$H" || { echo "# the head office does not start again"; sed 's/^/# /' "$BROKER_LOG"; exit 1; }
HO_LOG=$BROKER_LOG
HO_PID=$BROKER_PID
archiver "$T/arch2"
if wait_for 90 sh -c "grep -q '\"seq\":$N,' '$T/arch2'"; then ok "every event reaches the head office when it returns"
else not_ok "every event reaches the head office when it returns"; diag "arch2: $(seqs "$T/arch2")"; fi
sleep 1   # a repeat, if there were one, would come now
kill "$ARCH"
is "$(seqs "$T/arch1" "$T/arch2")" "$(seq 1 "$N" | tr '\n' ' ')" "...in order, none twice, none missing (1..$N)"
st=$(ho archiver mosquitto_sub -t "$R/state" -C 1 -W 3 2>/dev/null)
is "$(jqr '.seq' "$st")" "$N" "the head office's retained state is the branch's latest"
is "$(ho archiver mosquitto_sub -t "$R/bridge" -C 1 -W 3 2>/dev/null)" 1 "...and the branch shows connected again"

# The head office's ACL: a branch writes only its own topics; the
# archiver only reads; nothing goes back to the branch.
ho_puback() { ho "$1" mosquitto_pub -d -q 1 -t "$2" -m '{}' 2>&1 | sed -n 's/.*received PUBACK (Mid: [0-9]*, RC:\([0-9]*\)).*/\1/p'; }
is "$(ho_puback "$BRANCH" "fronta/v1/other/event")" 135 "branch $BRANCH may not publish branch other's events at the head office"
is "$(ho_puback "$BRANCH" "fronta/v1/other/state")" 135 "...nor its state"
case "$(ho_puback "$BRANCH" "$R/event")" in 0|16) ok "...but its own (0x00)" ;; *) not_ok "...but its own (0x00)" ;; esac
is "$(ho_puback archiver "$R/event")" 135 "the archiver may not publish"
is "$(ho_puback "$BRANCH" "$R/req/issue")" 135 "no requests at the head office (nothing goes back to a branch)"
out=$(ho archiver mosquitto_pub -t x -m x -P wrong 2>&1)
case "$out" in *"Not authorized"*) ok "a wrong password is refused at the head office" ;; *) not_ok "a wrong password is refused at the head office" ;; esac

# The branch's broker stops: the head office sees it.
stop_frontad
kill "$BRANCH_PID"; wait "$BRANCH_PID" 2>/dev/null
wait_for 5 sh -c "[ \"\$(mosquitto_sub -V 5 -h 127.0.0.1 -p $HP --cafile '$H/ca.crt' -u archiver \
    -P \"\$(cat '$H/devices/archiver.password')\" -t '$R/bridge' -C 1 -W 2)\" = 0 ]"
is "$(ho archiver mosquitto_sub -t "$R/bridge" -C 1 -W 3 2>/dev/null)" 0 "a branch whose broker stops shows 0 at the head office"

done_testing
