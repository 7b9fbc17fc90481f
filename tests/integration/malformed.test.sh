# A corpus of malformed payloads: each is answered with its error, logged once,
# and changes nothing; frontad never crashes or stalls.
. "$(dirname "$0")/../lib/common.sh"

start_broker || exit 1
start_frontad || exit 1
seq_before=$(jqr '.seq' "$(state)")
DATA="$ROOT/tests/data"

send() {   # op file -> answer
    mosquitto_rr -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/req/$1" -e "fronta/v1/$BRANCH/resp/test/m" \
        -f "$2" -W 3 2>/dev/null
}

count=0
grep -v '^#' "$DATA/malformed.txt" | while read -r op code file; do
    [ -n "$op" ] || continue
    a=$(send "$op" "$DATA/malformed/$file")
    got=$(jqr '.error.code' "$a")
    msg=$(jqr '.error.message' "$a")
    if [ "$got" = "$code" ] && [ -n "$msg" ]; then ok "$op $file: $code ($msg)"; else
        not_ok "$op $file: expected $code"; diag "answer: $a"; fi
done > "$T/corpus.tap"
cat "$T/corpus.tap"
TAP_N=$(grep -c '^ok \|^not ok ' "$T/corpus.tap")
grep -q '^not ok' "$T/corpus.tap" && TAP_FAILED=1
count=$(grep -vc '^#' "$DATA/malformed.txt")
check "the corpus has at least 30 payloads ($count)" [ "$count" -ge 30 ]

# larger than the protocol's 4 KiB: the broker of the tests lets it through
# (message_size_limit 4096 applies to... see below); frontad refuses it itself
head -c 5000 /dev/zero | tr '\0' ' ' | sed 's/^ /{/; s/ $/}/' > "$T/huge"
a=$(send issue "$T/huge")
if [ -z "$a" ]; then ok "a payload over 4096 bytes is dropped by the broker (message_size_limit)"
else is "$(jqr '.error.code' "$a")" bad_request "a payload over 4096 bytes: bad_request"; fi

# random bytes, many times, quickly
for i in $(seq 1 200); do
    head -c $(( i * 13 % 600 + 1 )) /dev/urandom > "$T/rnd"
    mosquitto_pub -V 5 -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/req/issue" -f "$T/rnd" -q 1
done
a=$(rr status '{}')
is "$(jqr '.ok' "$a")" true "after 200 random payloads frontad answers at once"
is "$(jqr '.state.seq' "$a")" "$seq_before" "nothing changed: the event seq is where it was"
is "$(jqr '.state.services[0].waiting' "$a")" 0 "no ticket was made"
check "frontad is still running" kill -0 "$FRONTAD_PID"
bad_lines=$(grep -c 'bad_request' "$T/frontad.log")
check "each refused request is logged (one line each: $bad_lines)" [ "$bad_lines" -ge 30 ]
done_testing
