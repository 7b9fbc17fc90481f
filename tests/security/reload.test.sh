# Changing a running branch: provision again, then SIGHUP the broker. New
# and rotated passwords, a changed role (ACL) and a new server certificate
# take effect on the reload and not before; frontad, refused meanwhile,
# says so, keeps trying with back-off and gets in once it is allowed.
. "$(dirname "$0")/../lib/common.sh"

D="$T/broker"
INI="$T/branch.ini"
cp "$CONFIG" "$INI"
CONFIG=$INI
provision_broker "$INI" "$D" --host 127.0.0.1 || exit 1
reprovision() { "$BIN/frontactl" --config "$INI" provision --out "$D" --port "$BROKER_PORT" "$@" >"$T/reprovision.log" 2>&1; }
hup() { kill -HUP "$BROKER_PID"; sleep 0.3; }
# login DEVICE PASSWORD_FILE: "in" if the broker takes these credentials,
# "refused" if it says not authorised (one publish to its own presence).
login() {
    _out=$(mosquitto_pub -V 5 -h 127.0.0.1 -p "$BROKER_PORT" --cafile "$D/ca.crt" -u "$1" -P "$(cat "$2")" \
           -q 1 -t "fronta/v1/$BRANCH/presence/$1" -m '{}' 2>&1)
    case "$?:$_out" in 0:*) echo in ;; *"Not authorized"*) echo refused ;; *) echo "error: $_out" ;; esac
}

# frontad starts with a password the broker does not have.
printf 'the-password-IT-chose-for-frontad\n' > "$T/frontad.pw"
bg "$T/frontad.log" "$BIN/frontad" --config "$INI" --broker "127.0.0.1:$BROKER_PORT" --db "$DB" \
    --cafile "$D/ca.crt" --user frontad --password-file "$T/frontad.pw"
FRONTAD_PID=$BG_PID
wait_for 5 grep -q 'refused user "frontad"' "$T/frontad.log"
line=$(grep 'refused user "frontad"' "$T/frontad.log" | head -n 1)
case "$line" in *"frontad error: the broker 127.0.0.1:$BROKER_PORT refused user \"frontad\": Not authorized (a wrong password, or a user this broker does not know); trying again in 10 s")
        ok "frontad logs the refusal as an error, with the reason and when it tries again" ;;
    *) not_ok "frontad logs the refusal as an error, with the reason and when it tries again"; diag "$line" ;; esac
sleep 1
kill -0 "$FRONTAD_PID" 2>/dev/null && ok "frontad does not exit when refused" || not_ok "frontad does not exit when refused"
is "$(grep -c 'refused user' "$T/frontad.log")" 1 "...and does not hammer the broker (one attempt in the first second)"

# The IT person gives frontad that password: provision keeps what is in
# devices/frontad.password, so they put it there and provision again.
cp "$T/frontad.pw" "$D/devices/frontad.password"
reprovision
is "$(login frontad "$T/frontad.pw")" refused "the new password is refused before the broker reloads"
hup
is "$(login frontad "$T/frontad.pw")" in "...and accepted after SIGHUP (password file reloaded)"
if wait_for 15 grep -q "connected to 127.0.0.1:$BROKER_PORT (TLS)" "$T/frontad.log"; then
    ok "frontad gets in by itself at its next try"
else
    not_ok "frontad gets in by itself at its next try"; sed 's/^/# /' "$T/frontad.log"
fi
wait_for 5 as frontactl mosquitto_sub -t "fronta/v1/$BRANCH/state" -C 1 -W 1

# A new kiosk.
sed -i 's/^console-3 = console$/&\nkiosk-2 = kiosk/' "$INI"
reprovision
[ -f "$D/devices/kiosk-2.password" ] && ok "a device added to [devices] gets its password file" ||
    not_ok "a device added to [devices] gets its password file"
grep -q "devices/kiosk-2.password .*NEW" "$T/reprovision.log" && ok "...and provision says it is new" ||
    not_ok "...and provision says it is new"
is "$(login kiosk-2 "$D/devices/kiosk-2.password")" refused "kiosk-2 is refused before the reload"
hup
out=$(ctl_as kiosk-2 issue A 2>&1)
is "$?:$(echo "$out" | cut -c1-4)" "0:A001" "kiosk-2 issues A001 after SIGHUP"

# kiosk-2 becomes a display: the ACL changes on the reload.
sed -i 's/^kiosk-2 = kiosk$/kiosk-2 = display/' "$INI"
reprovision
is "$(puback kiosk-2 "fronta/v1/$BRANCH/req/status")" 0 "kiosk-2 may still publish requests before the reload"
hup
is "$(puback kiosk-2 "fronta/v1/$BRANCH/req/status")" 135 "...and not after SIGHUP: it is a display now (ACL reloaded)"

# Rotating kiosk-1's password.
cp "$D/devices/kiosk-1.password" "$T/kiosk-1.old"
reprovision --rotate kiosk-1
cmp -s "$D/devices/kiosk-1.password" "$T/kiosk-1.old" && not_ok "--rotate kiosk-1 makes a new password" ||
    ok "--rotate kiosk-1 makes a new password"
is "$(login kiosk-1 "$T/kiosk-1.old")" in "the old password works until the reload"
hup
is "$(login kiosk-1 "$T/kiosk-1.old"):$(login kiosk-1 "$D/devices/kiosk-1.password")" "refused:in" \
    "after SIGHUP the old password is refused and the new one works"
is "$(login console-1 "$D/devices/console-1.password")" in "other devices' passwords did not change"

# A device taken out of [devices].
cp "$D/devices/console-3.password" "$T/console-3.old"
sed -i '/^console-3 = console$/d' "$INI"
reprovision
[ -f "$D/devices/console-3.password" ] && not_ok "console-3's password file is removed" ||
    ok "console-3's password file is removed"
hup
is "$(login console-3 "$T/console-3.old")" refused "console-3 is refused after SIGHUP"

# A new server certificate is served after SIGHUP, without a restart.
fp() { openssl s_client -connect "127.0.0.1:$BROKER_PORT" -CAfile "$D/ca.crt" </dev/null 2>/dev/null |
       openssl x509 -noout -fingerprint -sha256; }
f0=$(fp)
reprovision --rotate server
f1=$(fp)
hup
f2=$(fp)
[ -n "$f0" ] && [ "$f0" = "$f1" ] && [ "$f1" != "$f2" ] &&
    ok "--rotate server: the broker serves the new certificate after SIGHUP" ||
    { not_ok "--rotate server: the broker serves the new certificate after SIGHUP"; diag "$f0 / $f1 / $f2"; }
is "$(login frontactl "$D/devices/frontactl.password")" in "devices keep working: the CA did not change"
# Rotating a running program's password: the broker drops it on the
# reload, and it reads its password file again before trying again.
n0=$(grep -c "connected to 127.0.0.1:$BROKER_PORT (TLS)" "$T/frontad.log")
reprovision --rotate frontad
cp "$D/devices/frontad.password" "$T/frontad.pw"
hup
if wait_for 10 sh -c "[ \$(grep -c 'connected to 127.0.0.1:$BROKER_PORT (TLS)' '$T/frontad.log') -gt $n0 ]"; then
    ok "a rotated frontad, dropped by the broker on the reload, gets back in with its new password file"
else
    not_ok "a rotated frontad, dropped by the broker on the reload, gets back in with its new password file"
    sed 's/^/# /' "$T/frontad.log" | tail -n 5
fi
grep -q "lost the broker" "$T/frontad.log" && ok "...and its log says it was dropped" || not_ok "...and its log says it was dropped"
kill -0 "$BROKER_PID" && kill -0 "$FRONTAD_PID" && ok "broker and frontad ran through all the reloads" ||
    not_ok "broker and frontad ran through all the reloads"

done_testing
