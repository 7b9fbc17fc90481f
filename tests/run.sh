#!/bin/sh
# Runs every test and prints one line per test file, then "N passed, N failed".
#   unit tests:        build/test/test_*   (cmocka, TAP output)
#   integration tests: tests/*/*.test.sh   (TAP lines from tests/lib/common.sh)
# Usage: tests/run.sh [PATTERN]   (only tests whose name contains PATTERN)
# Logs of each test are kept in $BUILD/test-logs/.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
LOGS="$BUILD/test-logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"
pattern=${1:-}
passed=0
failed=0
failed_names=""
start_all=$(date +%s)

run_one() {   # name, command...
    name=$1
    shift
    case "$name" in *"$pattern"*) ;; *) return ;; esac
    log="$LOGS/$(echo "$name" | tr '/' '_').log"
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
    passed=$((passed + ok))
    failed=$((failed + bad))
    if [ "$bad" -eq 0 ]; then
        printf 'PASS %-44s %4d ok   %3ds\n' "$name" "$ok" $((t1 - t0))
    else
        printf 'FAIL %-44s %4d ok %3d failed %3ds (log: %s)\n' "$name" "$ok" "$bad" $((t1 - t0)) "$log"
        grep -E '^not ok |^# ' "$log" | grep -v '^# ok' | head -n 15 | sed 's/^/     /'
        failed_names="$failed_names $name"
    fi
}

for t in "$BUILD"/test/test_*; do
    [ -x "$t" ] || continue
    run_one "unit/$(basename "$t")" "$t"
done
for t in tests/*/*.test.sh; do
    [ -f "$t" ] || continue
    run_one "$(basename "$(dirname "$t")")/$(basename "$t" .test.sh)" sh "$t"
done

echo
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "time: $(( $(date +%s) - start_all ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
