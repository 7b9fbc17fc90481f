# The role table (docs/protocol.md, "Security and roles"), line by line,
# against a real mosquitto with the ACL that `frontactl provision` wrote for
# config/demo.ini. MQTT does not tell frontad who sent a request, so every
# right must be enforced here, by the broker.
#   publish allowed: PUBACK 0 (or 16, nobody subscribed); denied: 135 (0x87)
#   subscribe denied: mosquitto grants the subscription and then delivers
#   nothing, so each "cannot read" is checked next to a device that can
#   read the same message at the same time.
. "$(dirname "$0")/../lib/common.sh"

D="$T/broker"
R="fronta/v1/$BRANCH"
provision_broker "$CONFIG" "$D" --host 127.0.0.1 || exit 1
start_frontad_tls || exit 1

seq_now() { jqr '.seq' "$(tls_state)"; }
# may DEVICE TOPIC [PAYLOAD] "what": the broker takes the publish
may() {
    _rc=$(puback "$1" "$2" "$3")
    case "$_rc" in 0|16) ok "$4" ;; *) not_ok "$4"; diag "PUBACK reason: '$_rc'" ;; esac
}
# may_not DEVICE TOPIC [PAYLOAD] "what": PUBACK 0x87
may_not() { is "$(puback "$1" "$2" "$3")" 135 "$4"; }
# snoop NAME DEVICE TOPIC: a subscriber in the background, into $T/snoop.NAME
snoop() { bg_as "$T/snoop.$1" "$2" mosquitto_sub -t "$3" -v -q 1; }
lines() { if [ -s "$T/snoop.$1" ]; then grep -c . "$T/snoop.$1"; else echo 0; fi; }

ALL_OPS="issue call recall finish noshow transfer cancel counter status print"

# Readers, started before anything happens.
snoop display_event display-1 "$R/event"
snoop console_event console-1 "$R/event"
snoop admin_event frontactl "$R/event"
snoop kiosk_event kiosk-1 "$R/event"
snoop kiosk_req kiosk-1 "$R/req/#"
snoop console_req console-1 "$R/req/#"
snoop display_req display-1 "$R/req/#"
snoop admin_req frontactl "$R/req/#"
snoop daemon_req frontad "$R/req/#"
for d in kiosk-1 console-1 console-2 display-1 frontactl frontad; do
    snoop "resp_$d" "$d" "$R/resp/#"
done
sleep 0.5

# ---- kiosk: may publish req/issue, req/status, req/print ----
s0=$(seq_now)
may kiosk-1 "$R/req/issue" '{"service":"A","lang":"cs","request_id":"k-1"}' "kiosk: may publish req/issue"
wait_for 3 sh -c "[ \"\$(mosquitto_sub -V 5 -h 127.0.0.1 -p $BROKER_PORT --cafile '$D/ca.crt' -u frontactl \
    -P \"\$(cat '$D/devices/frontactl.password')\" -t '$R/state' -C 1 -W 2 | jq .seq)\" -gt $s0 ]"
is "$(jqr '[.waiting[].number] | join(" ")' "$(tls_state)")" A001 "...and frontad issued A001 for it"
may kiosk-1 "$R/req/status" '{}' "kiosk: may publish req/status"
may kiosk-1 "$R/req/print" '{}' "kiosk: may publish req/print"
a=$(as kiosk-1 mosquitto_rr -t "$R/req/issue" -e "$R/resp/kiosk-1/a" \
    -m '{"service":"A","lang":"uk","request_id":"k-2"}' -W 3 2>/dev/null)
is "$(jqr '.ticket.number' "$a")" A002 "kiosk: reads its own response topic (A002 answered on resp/kiosk-1/...)"

# A ticket called at counter 1 and one waiting, so that every forbidden
# request below would change something if it got through.
ctl_as console-1 call 1 >/dev/null 2>&1
s1=$(seq_now)
st1=$(tls_state | jq -c '{waiting, counters}')
is "$(jqr '.counters[0].ticket' "$(tls_state)")" A001 "console-1 called A001 to counter 1 (set-up)"
may_not kiosk-1 "$R/req/call" '{"counter":"2","request_id":"k-call"}' "kiosk: may not call (0x87)"
may_not kiosk-1 "$R/req/finish" '{"counter":"1"}' "kiosk: may not finish (0x87)"
may_not kiosk-1 "$R/req/cancel" '{"number":"A002"}' "kiosk: may not cancel (0x87)"
may_not kiosk-1 "$R/req/recall" '{"counter":"1"}' "kiosk: may not recall (0x87)"
may_not kiosk-1 "$R/req/noshow" '{"counter":"1"}' "kiosk: may not noshow (0x87)"
may_not kiosk-1 "$R/req/transfer" '{"counter":"1","service":"S"}' "kiosk: may not transfer (0x87)"
may_not kiosk-1 "$R/req/counter" '{"counter":"2","state":"closed"}' "kiosk: may not open/close counters (0x87)"
out=$(ctl_as kiosk-1 finish 1 2>&1)
is "$?" 4 "frontactl as kiosk-1: finish is refused by the broker, exit 4"
case "$out" in *"refused the request on $R/req/finish"*"0x87"*"may not"*) ok "...and it says the role may not" ;;
    *) not_ok "...and it says the role may not"; diag "$out" ;; esac
sleep 0.3
is "$(seq_now)" "$s1" "after all that, the state's seq has not moved"
is "$(tls_state | jq -c '{waiting, counters}')" "$st1" "...and the counters and waiting list are as before"

may_not kiosk-1 "$R/event" '{"seq":999}' "kiosk: may not publish events"
may_not kiosk-1 "$R/state" '{"seq":999}' "kiosk: may not publish the state"
may_not kiosk-1 "$R/resp/console-1/x" '{"ok":true}' "kiosk: may not answer in another device's name"
may kiosk-1 "$R/presence/kiosk-1" '{"online":true,"role":"kiosk"}' "kiosk: may publish its own presence"
may_not kiosk-1 "$R/presence/display-1" '{"online":false}' "kiosk: may not publish another device's presence"
st=$(as kiosk-1 mosquitto_sub -t "$R/state" -C 1 -W 2 2>/dev/null)
is "$(jqr '.branch' "$st")" demo "kiosk: reads the retained state"

# ---- console: every req/ op except issue and print ----
for op in call recall finish noshow transfer cancel counter status; do
    may console-1 "$R/req/$op" '{}' "console: may publish req/$op"
done
s2=$(seq_now)
may_not console-1 "$R/req/issue" '{"service":"A","lang":"cs","request_id":"c-issue"}' "console: may not issue (0x87)"
may_not console-1 "$R/req/print" '{"number":"A002","state":"withdrawn"}' "console: may not publish req/print (0x87)"
a=$(as console-1 mosquitto_rr -t "$R/req/status" -e "$R/resp/console-1/s" -m '{}' -W 3 2>/dev/null)
is "$(jqr '.state.seq' "$a")" "$s2" "console: reads its own response topic; the issue did not get through"
st=$(as console-1 mosquitto_sub -t "$R/state" -C 1 -W 2 2>/dev/null)
is "$(jqr '.branch' "$st")" demo "console: reads the retained state"

# ---- display: no request at all ----
for op in $ALL_OPS; do
    may_not display-1 "$R/req/$op" '{"service":"A","lang":"cs","counter":"2","request_id":"d-1"}' \
        "display: may not publish req/$op (0x87)"
done
may display-1 "$R/presence/display-1" '{"online":true,"role":"display","seq":1}' "display: may publish its own presence"
may_not display-1 "$R/state" '{}' "display: may not publish the state"
sleep 0.3
is "$(seq_now)" "$s2" "nothing the display sent changed the state"
st=$(as display-1 mosquitto_sub -t "$R/state" -C 1 -W 2 2>/dev/null)
is "$(jqr '.branch' "$st")" demo "display: reads the retained state"

# ---- admin (frontactl): every request op ----
for op in $ALL_OPS; do
    may frontactl "$R/req/$op" '{}' "admin: may publish req/$op"
done
may_not frontactl "$R/event" '{}' "admin: may not publish events"
may_not frontactl "$R/state" '{}' "admin: may not publish the state"
pres=$(as frontactl mosquitto_sub -t "$R/presence/#" -v -W 2 2>/dev/null)
case "$pres" in *"$R/presence/frontad {\"online\":true,\"role\":\"daemon\""*) ok "admin: reads presence (frontad online)" ;;
    *) not_ok "admin: reads presence (frontad online)"; diag "$pres" ;; esac
pres=$(as console-1 mosquitto_sub -t "$R/presence/#" -v -W 1 2>/dev/null)
is "$pres" "" "console: reads no presence"

# ---- daemon: reads req/#, writes event, state, any response ----
may frontad "$R/resp/kiosk-1/x" '{"ok":true}' "daemon: may publish to any response topic"
may frontad "$R/event" '{"seq":0,"type":"test"}' "daemon: may publish events"
may_not frontad "$R/req/issue" '{"service":"A","lang":"cs","request_id":"f-1"}' "daemon: publishes no requests (0x87)"
may_not frontad "$R/presence/kiosk-1" '{}' "daemon: may not publish another device's presence"

# A retained request is the one thing the ACL cannot stop (write is write):
# frontad acts on it once and must not again when it reconnects.
ctl_as frontactl counter 2 open >/dev/null 2>&1
as console-1 mosquitto_pub -q 1 -r -t "$R/req/counter" -m '{"counter":"2","state":"paused"}'
wait_for 3 sh -c "grep -q 'counter' '$T/frontad.log'"
sleep 0.3
is "$(jqr '.counters[1].state' "$(tls_state)")" paused "a console's retained counter request is acted on once"
ctl_as frontactl counter 2 open >/dev/null 2>&1
stop_frontad
start_frontad_tls || exit 1
sleep 0.5
is "$(jqr '.counters[1].state' "$(tls_state)")" open "...and not again when frontad restarts"
grep -q "ignored a retained request on $R/req/counter" "$T/frontad.log" &&
    ok "...frontad logs that it ignored the retained request" || not_ok "...frontad logs that it ignored the retained request"
as console-1 mosquitto_pub -q 1 -r -t "$R/req/counter" -n

# ---- Reading: events, requests and responses reach only their readers ----
sleep 0.5
for f in display_event console_event admin_event; do
    [ "$(lines $f)" -gt 0 ] && ok "events reach $f ($(lines $f))" || not_ok "events reach $f"
done
is "$(lines kiosk_event)" 0 "kiosk: reads no events"
[ "$(lines daemon_req)" -gt 0 ] && ok "daemon: reads every request ($(lines daemon_req))" || not_ok "daemon: reads every request"
for f in kiosk_req console_req display_req admin_req; do
    is "$(lines $f)" 0 "${f%_req}: reads no requests (req/#)"
done
for d in kiosk-1 console-1 frontactl; do
    n=$(lines "resp_$d")
    others=$(grep -v "^$R/resp/$d/" "$T/snoop.resp_$d" | grep -c . || true)
    [ "$n" -gt 0 ] && ok "$d: receives its own answers on resp/# ($n)" || not_ok "$d: receives its own answers on resp/#"
    is "$others" 0 "$d: receives no other device's answers"
done
for d in console-2 display-1 frontad; do
    is "$(lines "resp_$d")" 0 "$d: receives none of the answers to kiosk-1, console-1, frontactl"
done

# ---- Another branch's topics on this broker ----
may_not frontactl "fronta/v1/other/req/issue" '{}' "admin: may not publish another branch's requests"
may_not frontad "fronta/v1/other/state" '{}' "daemon: may not publish another branch's state"

# ---- The protocol's size limit ----
big=$(head -c 5000 /dev/zero | tr '\0' 'x')
rc=$(puback kiosk-1 "$R/req/issue" "$big")
case "$rc" in 0|16|135|"") not_ok "a 5000-byte payload is refused by the broker"; diag "PUBACK: '$rc'" ;;
    *) ok "a 5000-byte payload is refused by the broker (PUBACK $rc)" ;; esac

done_testing
