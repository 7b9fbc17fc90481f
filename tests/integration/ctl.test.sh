# frontactl as a person and a script use it: readable output, --json, exit codes.
. "$(dirname "$0")/../lib/common.sh"

CTL="$BIN/frontactl"
"$CTL" --help > "$T/help" 2>&1
check "--help lists every command" sh -c "for c in issue call recall finish noshow transfer cancel counter status watch check; do grep -q \"^  \$c \" '$T/help' || exit 1; done"
"$CTL" check "$ROOT/config/demo.ini" > "$T/out"; rc=$?
is "$rc" 0 "check of the demo configuration: exit 0"
printf '[branch]\nid = Bad Id\nname = x\ntimezone = Nowhere/City\nlanguages = cs\n' > "$T/bad.ini"
"$CTL" check "$T/bad.ini" > "$T/out"; rc=$?
is "$rc" 1 "check of a bad configuration: exit 1"
check "...naming line 2 (the id)" grep -q "bad.ini:2: branch id" "$T/out"
check "...and line 4 (the time zone)" grep -q "bad.ini:4: time zone" "$T/out"
"$BIN/frontad" --check --config "$T/bad.ini" > /dev/null 2>&1; rc=$?
is "$rc" 1 "frontad --check of a bad configuration: exit 1"
"$CTL" --config "$ROOT/config/demo.ini" --broker 127.0.0.1:1 --timeout 500 status > /dev/null 2>&1; rc=$?
is "$rc" 3 "no broker: exit 3"
"$CTL" frobnicate > /dev/null 2>&1; rc=$?
is "$rc" 2 "unknown command: exit 2"

start_broker || exit 1
ctl --timeout 500 --attempts 1 issue A > /dev/null 2>&1; rc=$?
is "$rc" 3 "broker but no frontad: exit 3"
start_frontad || exit 1
out=$(ctl issue A --lang uk); rc=$?
is "$rc" 0 "issue: exit 0"
case "$out" in "A001  Asistence na OAMP (uk)"*) ok "issue prints the number and service: $out";; *) not_ok "issue output: $out";; esac
out=$(ctl --json issue P --lang ar --priority)
is "$(jqr '.ticket.priority' "$out")" true "issue --priority --json"
ctl issue Q > /dev/null 2> "$T/err"; rc=$?
is "$rc" 1 "an unknown service: exit 1"
check "...saying unknown_service" grep -q "unknown_service" "$T/err"
out=$(ctl call 2)
case "$out" in "P001  called"*"counter 2"*) ok "call: $out";; *) not_ok "call output: $out";; esac
out=$(ctl --json --request-id same-1 call 1)
out2=$(ctl --json --request-id same-1 call 1)
is "$out2" "$out" "the same --request-id gives the same answer"
ctl status > "$T/status"
check "status shows the services table" grep -q "Asistence na OAMP" "$T/status"
check "status shows counter 2 with P001" grep -Eq "^2 +open +P001" "$T/status"
ctl watch --count 2 --for 10 > "$T/watch" 2>/dev/null &
W=$!
sleep 0.5
ctl issue T --lang mn > /dev/null
ctl finish 2 > /dev/null
wait $W
check "watch prints the events as they happen" sh -c "grep -q 'issued .*T001' '$T/watch' && grep -q 'done .*P001' '$T/watch'"
done_testing
