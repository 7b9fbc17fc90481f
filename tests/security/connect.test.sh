# Who gets through the door: a branch provisioned from config/demo.ini, a
# real mosquitto on its TLS port, frontad with its own credentials. Good
# credentials work; everything else is refused and said clearly.
. "$(dirname "$0")/../lib/common.sh"

D="$T/broker"
provision_broker "$CONFIG" "$D" --host 127.0.0.1 || exit 1
start_frontad_tls || exit 1
grep -q "connected to 127.0.0.1:$BROKER_PORT (TLS)" "$T/frontad.log" &&
    ok "frontad connects over TLS with its own user and password" ||
    not_ok "frontad connects over TLS with its own user and password"

# A kiosk issues over TLS: frontactl as kiosk-1, and a stock client too.
out=$(ctl_as kiosk-1 issue A --lang uk 2>&1)
is "$?:$(echo "$out" | cut -c1-4)" "0:A001" "kiosk-1 issues A001 over TLS"
a=$(as kiosk-1 mosquitto_rr -t "fronta/v1/$BRANCH/req/issue" -e "fronta/v1/$BRANCH/resp/kiosk-1/rr" \
    -m '{"service":"S","lang":"vi","request_id":"rr-1"}' -W 3 2>/dev/null)
is "$(jqr '.ticket.number' "$a")" S001 "kiosk-1 issues S001 with mosquitto_rr over TLS, answer on its own topic"
is "$(jqr '.services[0].waiting' "$(tls_state)")" 1 "the retained state shows the ticket"

# Anonymous: refused by the broker, and frontactl says so (exit 4).
out=$(mosquitto_pub -V 5 -h 127.0.0.1 -p "$BROKER_PORT" --cafile "$D/ca.crt" -t "fronta/v1/$BRANCH/req/issue" \
      -m '{}' -q 1 2>&1)
case "$out" in *"Not authorized"*) ok "an anonymous client is refused (Not authorized)" ;;
    *) not_ok "an anonymous client is refused (Not authorized)"; diag "$out" ;; esac
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$D/ca.crt" status 2>&1)
rc=$?
is "$rc" 4 "frontactl without --user: exit 4 (refused)"
case "$out" in *"without a user name"*"--user and --password-file"*) ok "...and it says a user name is wanted" ;;
    *) not_ok "...and it says a user name is wanted"; diag "$out" ;; esac

# Wrong password, and a user the broker does not know.
printf 'not-the-password\n' > "$T/wrong.password"
t0=$(date +%s%N)
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$D/ca.crt" \
      --user kiosk-1 --password-file "$T/wrong.password" issue A 2>&1)
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$rc" 4 "a wrong password: exit 4"
case "$out" in *'refused user "kiosk-1"'*"wrong password"*) ok "...and it says the user was refused, maybe a wrong password" ;;
    *) not_ok "...and it says the user was refused, maybe a wrong password"; diag "$out" ;; esac
[ "$ms" -lt 1500 ] && ok "...at once ($ms ms), not after a timeout" || not_ok "...at once ($ms ms), not after a timeout"
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$D/ca.crt" \
      --user kiosk-9 --password-file "$D/devices/kiosk-1.password" status 2>&1)
is "$?" 4 "a user the broker does not know (kiosk-9 with kiosk-1's password): exit 4"
out=$(as kiosk-1 mosquitto_pub -t "fronta/v1/$BRANCH/req/status" -m '{}' -P wrong 2>&1)
case "$out" in *"Not authorized"*) ok "mosquitto_pub with a wrong password is refused too" ;;
    *) not_ok "mosquitto_pub with a wrong password is refused too"; diag "$out" ;; esac

# Plain TCP to the TLS port.
out=$(mosquitto_pub -V 5 -h 127.0.0.1 -p "$BROKER_PORT" -u kiosk-1 -P "$(cat "$D/devices/kiosk-1.password")" \
      -t "fronta/v1/$BRANCH/req/status" -m '{}' -q 1 2>&1)
rc=$?
[ "$rc" -ne 0 ] && ok "plain MQTT to the TLS port fails (mosquitto_pub exit $rc)" || not_ok "plain MQTT to the TLS port fails"
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --user kiosk-1 \
      --password-file "$D/devices/kiosk-1.password" status 2>&1)
rc=$?
is "$rc" 3 "frontactl without --cafile on the TLS port: exit 3 (no answer)"
case "$out" in *"a TLS port? then add --cafile"*) ok "...and it suggests --cafile" ;;
    *) not_ok "...and it suggests --cafile"; diag "$out" ;; esac
grep -Eq "wrong version number|disconnected: Protocol error" "$BROKER_LOG" &&
    ok "the broker logs the plain connection (wrong version number or protocol error)" ||
    not_ok "the broker logs the plain connection (wrong version number or protocol error)"

# Certificate mismatch: the certificate names 127.0.0.1, localhost and ::1,
# not 127.0.0.2 (the same broker, another loopback address).
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.2:$BROKER_PORT" --cafile "$D/ca.crt" --user kiosk-1 \
      --password-file "$D/devices/kiosk-1.password" status 2>&1)
rc=$?
is "$rc" 4 "a certificate that does not name the host: exit 4"
case "$out" in *'not made for "127.0.0.2"'*"host name check failed"*) ok "...and it says the certificate is not for that host" ;;
    *) not_ok "...and it says the certificate is not for that host"; diag "$out" ;; esac
out=$("$BIN/frontactl" --config "$CONFIG" --broker "localhost:$BROKER_PORT" --cafile "$D/ca.crt" --user frontactl \
      --password-file "$D/devices/frontactl.password" status 2>&1)
is "$?" 0 "localhost is in the certificate: a program on the broker's machine connects by that name"
out=$(as kiosk-1 mosquitto_pub -h 127.0.0.2 -t "fronta/v1/$BRANCH/req/status" -m '{}' 2>&1)
case "$out" in *"TLS error"*) ok "mosquitto_pub refuses the mismatch too" ;;
    *) not_ok "mosquitto_pub refuses the mismatch too"; diag "$out" ;; esac

# A CA that did not sign this broker's certificate (another branch's).
sed 's/^id = demo$/id = other/' "$CONFIG" > "$T/other.ini"
"$BIN/frontactl" --config "$T/other.ini" provision --out "$T/other" --port 1 >/dev/null 2>&1
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$T/other/ca.crt" \
      --user kiosk-1 --password-file "$D/devices/kiosk-1.password" status 2>&1)
rc=$?
is "$rc" 4 "a broker whose certificate the CA file does not vouch for: exit 4"
case "$out" in *"does not vouch for"*"another branch's broker"*) ok "...and it says which CA file and why" ;;
    *) not_ok "...and it says which CA file and why"; diag "$out" ;; esac

# Branch other's kiosk-1, even with this branch's CA file: its password is
# not this broker's (same device id, another branch).
out=$("$BIN/frontactl" --config "$T/other.ini" --broker "127.0.0.1:$BROKER_PORT" --cafile "$D/ca.crt" \
      --user kiosk-1 --password-file "$T/other/devices/kiosk-1.password" issue A 2>&1)
is "$?" 4 "kiosk-1 of another branch is refused by this branch's broker (exit 4)"

# The programs still work with the right credentials after all this, and
# nothing made frontad stop.
kill -0 "$FRONTAD_PID" 2>/dev/null && ok "frontad still runs" || not_ok "frontad still runs"
out=$(ctl_as console-1 call 1 2>&1)
is "$?:$(echo "$out" | cut -c1-4)" "0:A001" "console-1 calls A001 over TLS"
grep -q "not authorised" "$BROKER_LOG" && ok "the broker's log names each refused connection (not authorised)" ||
    not_ok "the broker's log names each refused connection (not authorised)"

# --cafile against a plain (development) broker.
TLS_PORT=$BROKER_PORT
start_broker || exit 1
out=$("$BIN/frontactl" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT" --cafile "$D/ca.crt" status 2>&1)
is "$?" 3 "--cafile against a plain MQTT port: exit 3"
case "$out" in *"does not speak TLS on this port (a plain MQTT port? then without --cafile)"*) ok "...and it says the port is not TLS" ;;
    *) not_ok "...and it says the port is not TLS"; diag "$out" ;; esac
BROKER_PORT=$TLS_PORT

done_testing
