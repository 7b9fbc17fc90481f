# frontactl provision: what it writes for config/demo.ini, with which file
# modes, what it keeps when run again, what it rotates when asked, and what
# it refuses. (The other tests in this folder run mosquitto on its output.)
. "$(dirname "$0")/../lib/common.sh"

_open_T
D="$T/b"
prov() { "$BIN/frontactl" --config "$CONFIG" provision --out "$D" "$@" >"$T/prov.log" 2>&1; }
mode() { stat -c '%a %U:%G' "$1"; }
sums() { (cd "$D" && find . -type f -not -path './data/*' | sort | xargs sha256sum); }
# changed_since SUMS: the files whose content differs now
changed_since() {
    echo "$1" > "$T/before"; sums > "$T/after"
    diff "$T/before" "$T/after" | sed -n 's/^> [0-9a-f]*  \.\///p' | sort | tr '\n' ' '
}
devices=$(sed -n '/^\[devices\]/,/^\[/p' "$CONFIG" | sed -n 's/^\([a-z0-9-]*\) = .*/\1/p')
ndev=$(echo "$devices" | grep -c .)

prov --host branch.example --port 8883
is "$?" 0 "provision config/demo.ini into a new folder: exit 0"
for f in mosquitto.conf passwd acl ca.crt ca.key server.crt server.key; do
    [ -s "$D/$f" ] || missing="${missing:-} $f"
done
is "${missing:-}" "" "it writes mosquitto.conf, passwd, acl, ca.crt, ca.key, server.crt, server.key"
n=0
for d in $devices; do
    [ "$(stat -c %a "$D/devices/$d.password")" = 600 ] && [ "$(wc -c < "$D/devices/$d.password")" -eq 33 ] && n=$((n + 1))
done
is "$n" "$ndev" "a password file per device of [devices] ($ndev), mode 0600, 32 random characters"
is "$(ls "$D/devices" | sort -u | wc -l):$(cat "$D"/devices/*.password | sort -u | wc -l)" "$ndev:$ndev" \
   "...all different"

# Who may read what. mosquitto runs as "mosquitto" (we are root): it gets
# what it reads through its group, nothing else; nobody else gets anything.
is "$(mode "$D")" "750 root:mosquitto" "the folder: 0750, the broker's group may enter, others not"
is "$(mode "$D/devices")" "700 root:root" "devices/: only root"
is "$(mode "$D/ca.key")" "600 root:root" "ca.key: only root (the broker never needs it)"
is "$(mode "$D/server.key")" "640 root:mosquitto" "server.key: root, and the broker's group may read"
is "$(mode "$D/passwd"):$(mode "$D/acl")" "640 root:mosquitto:640 root:mosquitto" "passwd and acl: 0640 for the broker"
is "$(mode "$D/mosquitto.conf")" "640 root:mosquitto" "mosquitto.conf: 0640 (it may hold the bridge's password)"
is "$(mode "$D/data")" "700 mosquitto:mosquitto" "data/: the broker's own, for its persistence"

# The password file, as mosquitto_passwd writes it; checked against each
# device's password with PBKDF2-SHA512 (python, independent of our C).
is "$(grep -c '^[a-z0-9-]*:\$7\$101\$[A-Za-z0-9+/=]*\$[A-Za-z0-9+/=]*$' "$D/passwd")" "$ndev" \
   "passwd: one \$7\$101\$ line (PBKDF2-SHA512) per device"
bad=$(python3 - "$D" <<'EOF'
import base64, hashlib, sys
d = sys.argv[1]
for line in open(d + "/passwd"):
    user, h = line.strip().split(":", 1)
    _, seven, it, salt, digest = h.split("$")
    pw = open("%s/devices/%s.password" % (d, user)).readline().strip().encode()
    got = hashlib.pbkdf2_hmac("sha512", pw, base64.b64decode(salt), int(it))
    if base64.b64encode(got).decode() != digest:
        print(user)
EOF
)
is "$bad" "" "each hash matches its device's password"

# The certificates.
is "$(openssl verify -CAfile "$D/ca.crt" "$D/server.crt" 2>&1)" "$D/server.crt: OK" "server.crt is signed by ca.crt"
san=$(openssl x509 -in "$D/server.crt" -noout -ext subjectAltName | tail -n 1 | tr -d ' ')
is "$san" "DNS:branch.example,DNS:localhost,IPAddress:127.0.0.1,IPAddress:0:0:0:0:0:0:0:1" \
   "its subjectAltName names --host and the loopback names"
openssl x509 -in "$D/server.crt" -noout -checkhost branch.example | grep -q "does match" &&
    ok "openssl agrees it is valid for branch.example" || not_ok "openssl agrees it is valid for branch.example"
openssl x509 -in "$D/ca.crt" -noout -ext basicConstraints | grep -q "CA:TRUE" && ok "ca.crt is a CA" || not_ok "ca.crt is a CA"
is "$(openssl pkey -in "$D/server.key" -pubout | sha256sum)" "$(openssl x509 -in "$D/server.crt" -noout -pubkey | sha256sum)" \
   "server.key belongs to server.crt"

# mosquitto.conf is broker-config/production.conf with the fields filled.
sed -e "s|@DIR@|$(cd "$D" && pwd -P)|g" -e "s|@PORT@|8883|g" -e "s|@BRANCH@|demo|g" -e "s|@HOST@|branch.example|g" \
    -e "s|@BROKER_USER@|mosquitto|g" -e "s|@CONFIG@|$(readlink -f "$CONFIG")|g" \
    "$ROOT/broker-config/production.conf" > "$T/expected.conf"
if cmp -s "$T/expected.conf" "$D/mosquitto.conf"; then ok "mosquitto.conf is broker-config/production.conf, filled in"
else not_ok "mosquitto.conf is broker-config/production.conf, filled in"; diff "$T/expected.conf" "$D/mosquitto.conf" | sed 's/^/# /'; fi
grep -q "^listener 8883$" "$D/mosquitto.conf" && ! grep -q "^listener 1883" "$D/mosquitto.conf" &&
    grep -q "^allow_anonymous false$" "$D/mosquitto.conf" && ok "one listener, on --port, TLS; anonymous not allowed" ||
    not_ok "one listener, on --port, TLS; anonymous not allowed"
grep -q "^user kiosk-1$" "$D/acl" && grep -q "^topic write fronta/v1/demo/req/issue$" "$D/acl" &&
    ok "the ACL has a block per device" || not_ok "the ACL has a block per device"

# Again: nothing changes.
s1=$(sums)
prov --host branch.example --port 8883
is "$?:$(sums):$(echo "$s1" | wc -l)" "0:$s1:$((ndev + 7))" "provisioning again changes no file (of $((ndev + 7)))"
is "$(grep -c 'password kept' "$T/prov.log")" "$ndev" "...and says every password is kept"

# Rotations.
prov --host branch.example --port 8883 --rotate kiosk-1
changed=$(changed_since "$s1")
is "$changed" "devices/kiosk-1.password passwd " "--rotate kiosk-1: only its password and the password file change"
s2=$(sums)
prov --host branch.example --port 8883 --rotate server
changed=$(changed_since "$s2")
is "$changed" "server.crt server.key " "--rotate server: a new server key and certificate, same CA"
s3=$(sums)
prov --host 10.0.0.5 --port 8883
openssl x509 -in "$D/server.crt" -noout -checkip 10.0.0.5 | grep -q "does match" &&
    ok "a new --host (an IP address) gets a new server certificate for it" ||
    not_ok "a new --host (an IP address) gets a new server certificate for it"
grep -q "why new: the server certificate does not name 10.0.0.5" "$T/prov.log" && ok "...and provision says why" ||
    { not_ok "...and provision says why"; sed 's/^/# /' "$T/prov.log"; }
is "$(echo "$s3" | grep ' ./ca.crt$')" "$(sums | grep ' ./ca.crt$')" "...with the same CA"
prov --host 10.0.0.5 --port 8883 --rotate passwords
is "$(grep -c 'password NEW' "$T/prov.log")" "$ndev" "--rotate passwords: every device gets a new one"
prov --host 10.0.0.5 --port 8883 --rotate kiosk-7
is "$?" 2 "--rotate of a device not in the configuration: exit 2"
grep -q '"kiosk-7" is not a device of the configuration' "$T/prov.log" && ok "...saying so" || not_ok "...saying so"

# A device removed from the configuration loses its password file.
sed '/^console-3 = console$/d' "$CONFIG" > "$T/less.ini"
"$BIN/frontactl" --config "$T/less.ini" provision --out "$D" --host 10.0.0.5 --port 8883 >"$T/prov.log" 2>&1
[ ! -e "$D/devices/console-3.password" ] && ! grep -q '^console-3:' "$D/passwd" && ! grep -q '^user console-3$' "$D/acl" &&
    ok "a device taken out of [devices] is gone from devices/, passwd and acl" ||
    not_ok "a device taken out of [devices] is gone from devices/, passwd and acl"
grep -q "removed: console-3 is no longer in the configuration" "$T/prov.log" && ok "...and provision says so" ||
    not_ok "...and provision says so"

# Refusals.
mkdir -m 755 "$T/open"
"$BIN/frontactl" --config "$CONFIG" provision --out "$T/open" >"$T/prov.log" 2>&1
rc=$?
[ "$rc" -ne 0 ] && [ -z "$(ls -A "$T/open")" ] && ok "a folder every user may read is refused (exit $rc), nothing written" ||
    not_ok "a folder every user may read is refused, nothing written"
grep -q "refusing to write secrets into $T/open: every user of this machine may read it (mode 0755)" "$T/prov.log" &&
    ok "...and it says why" || { not_ok "...and it says why"; sed 's/^/# /' "$T/prov.log"; }
chmod 701 "$T/open"
"$BIN/frontactl" --config "$CONFIG" provision --out "$T/open" >"$T/prov.log" 2>&1
[ $? -ne 0 ] && grep -q "may enter it" "$T/prov.log" && ok "...also one every user may enter (0701)" ||
    not_ok "...also one every user may enter (0701)"
mv "$D/ca.key" "$T/ca.key.moved"
prov --host 10.0.0.5 --port 8883
rc=$?
[ "$rc" -ne 0 ] && grep -q "ca.crt is there but ca.key is missing" "$T/prov.log" &&
    ok "a missing ca.key is not silently replaced by a new CA (exit $rc)" || not_ok "a missing ca.key is not silently replaced by a new CA"
mv "$T/ca.key.moved" "$D/ca.key"
"$BIN/frontactl" --config "$CONFIG" provision >"$T/prov.log" 2>&1
is "$?" 2 "without --out: exit 2"
"$BIN/frontactl" --config "$CONFIG" provision --out "$T/x y" >"$T/prov.log" 2>&1
[ $? -ne 0 ] && grep -q "cannot hold such a path" "$T/prov.log" && ok "a path with a space is refused (mosquitto.conf cannot hold it)" ||
    not_ok "a path with a space is refused (mosquitto.conf cannot hold it)"
prov --host 'bad host,DNS:evil' --port 8883
is "$?" 2 "a --host that is not a host name is refused (exit 2)"

# The head office, and a branch's bridge to it.
H="$T/head"
"$BIN/frontactl" provision --head-office --out "$H" --host ho.example --port 8884 >"$T/ho.log" 2>&1
is "$?" 0 "provision --head-office: exit 0"
is "$(cut -d: -f1 "$H/passwd")" archiver "its password file has the archiver only, to begin with"
prov --host 10.0.0.5 --port 8883 --bridge ho.example:8884 --bridge-cafile "$H/ca.crt"
is "$?" 0 "a branch with --bridge: exit 0"
grep -q "^connection fronta-demo$" "$D/mosquitto.conf" && grep -q "^address ho.example:8884$" "$D/mosquitto.conf" &&
    grep -q "^topic fronta/v1/demo/event out 1$" "$D/mosquitto.conf" && ok "mosquitto.conf gets the bridge" ||
    not_ok "mosquitto.conf gets the bridge"
is "$(cat "$D/bridge.password")" "$(sed -n 's/^remote_password //p' "$D/mosquitto.conf")" "...with the bridge's own password"
cmp -s "$H/ca.crt" "$D/head-office-ca.crt" && ok "...checked against the head office's CA" || not_ok "...checked against the head office's CA"
is "$(cut -d: -f1 "$D/head-office/demo.passwd")" demo "head-office/demo.passwd is the line for the head office"
cp "$D/head-office/demo.passwd" "$H/branches/"
"$BIN/frontactl" provision --head-office --out "$H" --host ho.example --port 8884 >"$T/ho.log" 2>&1
is "$(cut -d: -f1 "$H/passwd" | tr '\n' ' ')" "archiver demo " "the head office, provisioned again, lets branch demo in"
prov --host 10.0.0.5 --port 8883
grep -q "^connection fronta-demo$" "$D/mosquitto.conf" && ok "provisioning the branch again keeps its bridge" ||
    not_ok "provisioning the branch again keeps its bridge"
prov --host 10.0.0.5 --port 8883 --bridge none
! grep -q "^connection " "$D/mosquitto.conf" && ok "--bridge none takes it away" || not_ok "--bridge none takes it away"
# Every branch configuration in config/ provisions, with its own [broker] host and port.
n=0; all=0
for ini in "$ROOT"/config/*.ini; do
    all=$((all + 1))
    name=$(basename "$ini" .ini)
    host=$(sed -n '/^\[broker\]/,/^\[/s/^host = //p' "$ini")
    port=$(sed -n '/^\[broker\]/,/^\[/s/^port = //p' "$ini")
    case "$host" in *[!0-9.]*) check=-checkhost ;; *) check=-checkip ;; esac
    ndevs=$(sed -n '/^\[devices\]/,/^\[/p' "$ini" | grep -c '^[a-z0-9-]* = ')
    "$BIN/frontactl" --config "$ini" provision --out "$T/all/$name" >"$T/prov.log" 2>&1 &&
        [ "$(grep -c . "$T/all/$name/passwd")" -eq "$ndevs" ] && grep -q "^listener $port$" "$T/all/$name/mosquitto.conf" &&
        openssl x509 -in "$T/all/$name/server.crt" -noout "$check" "$host" | grep -q "does match" && n=$((n + 1))
done
is "$n" "$all" "each of the $all configurations in config/ provisions for its own [broker] host and port"

left=$(grep -ho '@[A-Z_]*@' "$D/mosquitto.conf" "$H/mosquitto.conf" | sort -u | tr '\n' ' ')
is "$left" "" "no template field is left unfilled"

done_testing
