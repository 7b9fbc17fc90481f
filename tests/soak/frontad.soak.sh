# make soak: frontad through 10,000 tickets and more, five days of a busy
# branch with the test clock: issues, calls, cancels, recalls, no-shows,
# transfers, pauses, status. Twice:
#   1. the normal build: its memory (VmRSS) is sampled at the end of every
#      day and must stay flat (yesterday's tickets are let go at midnight);
#   2. the AddressSanitizer build (LeakSanitizer at exit): no leak, no error,
#      in frontad and in the clients.
# Environment: ASAN_BUILD (default build-asan, made by `make soak`),
#   SOAK_DAYS (5), SOAK_STEPS (steps per day, 2000; a step issues 1 or 2
#   tickets and does one more request), SOAK_WORKERS (6).
. "$(dirname "$0")/../lib/common.sh"

ASAN_BUILD=${ASAN_BUILD:-build-asan}
DAYS=${SOAK_DAYS:-5}
STEPS=${SOAK_STEPS:-2000}
WORKERS=${SOAK_WORKERS:-6}
CLOCK="$T/clock"
export FRONTA_CLOCK_FILE="$CLOCK"
set_clock() {   # "YYYY-MM-DD HH:MM:SS" local time in Prague
    TZ=Europe/Prague date -d "$1" +%s > "$CLOCK.tmp" && mv "$CLOCK.tmp" "$CLOCK"
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# run_days LABEL BENCH: DAYS days of STEPS steps each; one line per day in
# $T/LABEL.days: "day tickets-of-the-day rss-kb"
run_days() {
    label=$1 bench=$2
    : > "$T/$label.days"
    for d in $(seq 1 "$DAYS"); do
        day=$(date -d "2026-11-22 + $d days" +%F)
        set_clock "$day 08:00:00"
        if ! wait_for 10 sh -c "[ \"\$(sqlite3 '$DB' \"SELECT value FROM meta WHERE key = 'day'\")\" = '$day' ]"; then
            not_ok "$label: frontad started day $day"
            return 1
        fi
        if ! "$bench" day --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --workers "$WORKERS" \
                --count "$STEPS" --seconds 600 > "$T/$label.day$d.json" 2> "$T/$label.day$d.log"; then
            not_ok "$label: day $day ran without an unexpected answer"
            sed 's/^/# /' "$T/$label.day$d.log" | head -5
            return 1
        fi
        n=$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE day = '$day'")
        echo "$day $n $(rss_kb "$FRONTAD_PID")" >> "$T/$label.days"
        diag "$label $day: $n tickets, $(jq -r '.day.per_s' "$T/$label.day$d.json") steps/s, frontad RSS $(rss_kb "$FRONTAD_PID") kB"
    done
}

set_clock "2026-11-22 23:00:00"
start_broker || exit 1

# 1. memory stays flat
start_frontad || exit 1
run_days plain "$TOOLS/fronta-bench"
total=$(awk '{ n += $2 } END { print n + 0 }' "$T/plain.days")
check "$DAYS days, $total tickets (at least 10,000)" [ "$total" -ge 10000 ]
# every day after the first ends within 10% (+1 MB) of the second day's end:
# growth from day to day would be a leak
flat=$(awk 'NR == 2 { base = $3 } NR > 2 && $3 > base * 1.10 + 1024 { print $1 ": " $3 " kB after " base " kB" }' "$T/plain.days")
is "$flat" "" "frontad's memory is flat from day to day ($(awk '{ printf "%s%d", sep, $3; sep = ", " }' "$T/plain.days") kB)"
check "no request was answered internal or refused unexpectedly" \
    sh -c "! grep -q 'internal\|bad_request' '$T/frontad.log'"
is "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT day, number FROM tickets GROUP BY day, number HAVING count(*) > 1)")" 0 \
   "no number twice in a day"
is "$(sqlite3 "$DB" "SELECT max(seq) - count(*) FROM events")" 0 "the events have no gap"
stop_frontad

# 2. no leak, no memory error (AddressSanitizer, LeakSanitizer at exit)
if [ ! -x "$ROOT/$ASAN_BUILD/bin/frontad" ] || [ ! -x "$ROOT/$ASAN_BUILD/test/fronta-bench" ]; then
    not_ok "the sanitizer build is in $ASAN_BUILD (make soak makes it)"
    done_testing
fi
rm -f "$DB" "$DB-wal" "$DB-shm"
set_clock "2026-11-22 23:00:00"
BIN="$ROOT/$ASAN_BUILD/bin"
check "the sanitizer build is one ($ASAN_BUILD/bin/frontad links AddressSanitizer)" \
    sh -c "ldd '$BIN/frontad' | grep -q libasan"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
start_frontad || exit 1
run_days asan "$ROOT/$ASAN_BUILD/test/fronta-bench"
total=$(awk '{ n += $2 } END { print n + 0 }' "$T/asan.days")
check "under AddressSanitizer too: $DAYS days, $total tickets" [ "$total" -ge 10000 ]
stop_frontad
check "frontad stopped cleanly under AddressSanitizer" grep -q "stopping (signal)" "$T/frontad.log"
leaks=$(cat "$T"/frontad.log "$T"/asan.day*.log 2>/dev/null | grep -c "LeakSanitizer\|AddressSanitizer\|runtime error")
is "$leaks" 0 "no leak and no memory error in frontad or the clients"
done_testing
