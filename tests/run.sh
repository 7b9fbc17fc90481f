#!/bin/bash
# Runs every test and prints one line per test file, then "N passed, N failed".
#   unit tests:        build/test/test_*   (cmocka, TAP output)
#   integration tests: tests/*/*.test.sh   (TAP lines from tests/lib/common.sh)
# Usage: tests/run.sh [PATTERN]   (only tests whose name contains PATTERN)
# TEST_JOBS (default 2) test files run at once: most of their time is spent
# waiting for brokers, daemons and X servers, not computing.
# Logs of each test are kept in $BUILD/test-logs/.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
LOGS="$BUILD/test-logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"
pattern=${1:-}
jobs=${TEST_JOBS:-2}
start_all=$(date +%s)

# run_one NAME COMMAND...: runs it, writes NAME's summary to $LOGS/NAME.result
run_one() {
    local name=$1 log res t0 t1 rc ok bad
    shift
    log="$LOGS/${name//\//_}.log"
    res="$LOGS/${name//\//_}.result"
    t0=$(date +%s)
    CMOCKA_MESSAGE_OUTPUT=TAP "$@" >"$log" 2>&1
    rc=$?
    t1=$(date +%s)
    ok=$(grep -c '^ok ' "$log")
    bad=$(grep -c '^not ok ' "$log")
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1   # died without saying which case
        echo "not ok - $name exited with status $rc" >>"$log"
    fi
    if [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
        bad=1
        echo "not ok - $name ran no test" >>"$log"
    fi
    {
        echo "$ok $bad"
        if [ "$bad" -eq 0 ]; then
            printf 'PASS %-44s %4d ok   %3ds\n' "$name" "$ok" $((t1 - t0))
        else
            printf 'FAIL %-44s %4d ok %3d failed %3ds (log: %s)\n' "$name" "$ok" "$bad" $((t1 - t0)) "$log"
            grep -E '^not ok |^# ' "$log" | grep -v '^# ok' | head -n 15 | sed 's/^/     /'
        fi
    } >"$res.tmp" && mv "$res.tmp" "$res"
    # print as soon as it is done (whole lines, one writer at a time is fine)
    tail -n +2 "$res"
}

names=()
cmds=()
for t in "$BUILD"/test/test_*; do
    [ -x "$t" ] || continue
    names+=("unit/$(basename "$t")"); cmds+=("$t")
done
for t in tests/*/*.test.sh; do
    [ -f "$t" ] || continue
    names+=("$(basename "$(dirname "$t")")/$(basename "$t" .test.sh)"); cmds+=("sh $t")
done

running=0
for i in "${!names[@]}"; do
    case "${names[$i]}" in *"$pattern"*) ;; *) continue ;; esac
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    # shellcheck disable=SC2086
    run_one "${names[$i]}" ${cmds[$i]} &
    running=$((running + 1))
done
wait

passed=0
failed=0
failed_names=""
for r in "$LOGS"/*.result; do
    [ -f "$r" ] || continue
    read -r ok bad < "$r"
    passed=$((passed + ok))
    failed=$((failed + bad))
    [ "$bad" -eq 0 ] || failed_names="$failed_names $(basename "$r" .result)"
done
echo
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "time: $(( $(date +%s) - start_all ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
