# make soak: frontad and a display board through 10,000 tickets and more,
# five days of a busy branch with the test clock: issues, calls, cancels,
# recalls, no-shows, transfers, pauses, status; the display draws and
# announces every call. Twice:
#   1. the normal build, the display in a real window under Xvfb: the memory
#      (VmRSS) of both is sampled at the end of every day and must stay flat
#      (yesterday's tickets are let go at midnight), and the display has
#      kept up (its presence reports the last seq);
#   2. the AddressSanitizer build (LeakSanitizer at exit): no leak, no error,
#      in frontad, the display and the clients. The display draws there with
#      SDL's dummy video driver (the same software renderer, no X server:
#      libX11 keeps memory at exit that LeakSanitizer cannot name); libdbus's
#      one block is suppressed (tests/soak/lsan.supp says why).
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
export SDL_AUDIODRIVER=dummy

# start_display BIN: fronta-display of that build -> DISPLAY_PID
start_display() {
    bg "$T/display.log" "$1/fronta-display" --config "$CONFIG" --broker "127.0.0.1:$BROKER_PORT"
    DISPLAY_PID=$BG_PID
    wait_for 10 grep -q "first frame" "$T/display.log"
}

# run_days LABEL BENCH: DAYS days of STEPS steps each; one line per day in
# $T/LABEL.days: "day tickets-of-the-day frontad-rss-kb display-rss-kb"
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
        last=$(sqlite3 "$DB" "SELECT max(seq) FROM events")
        if ! wait_for 20 display_at "$last"; then
            not_ok "$label: the display kept up with day $day (it shows seq $(display_seq), the last is $last)"
            return 1
        fi
        echo "$day $n $(rss_kb "$FRONTAD_PID") $(rss_kb "$DISPLAY_PID")" >> "$T/$label.days"
        diag "$label $day: $n tickets, $(jq -r '.day.per_s' "$T/$label.day$d.json") steps/s, RSS frontad $(rss_kb "$FRONTAD_PID") kB, display $(rss_kb "$DISPLAY_PID") kB, $(grep -c 'display: call ' "$T/display.log") calls shown"
    done
}

set_clock "2026-11-22 23:00:00"
start_broker || exit 1

# 1. memory stays flat
start_frontad || exit 1
start_xvfb 1920x1080x24 || { not_ok "Xvfb starts"; done_testing; }
start_display "$BIN" || { not_ok "the display starts"; done_testing; }
run_days plain "$TOOLS/fronta-bench"
total=$(awk '{ n += $2 } END { print n + 0 }' "$T/plain.days")
check "$DAYS days, $total tickets (at least 10,000)" [ "$total" -ge 10000 ]
# every day after the first ends within 10% (+1 MB) of the second day's end:
# growth from day to day would be a leak (the first day fills caches: the
# display's glyphs and texts)
# flat COLUMN: the days that grew past that, or nothing
flat() { awk -v c="$1" 'NR == 2 { base = $c } NR > 2 && $c > base * 1.10 + 1024 { print $1 ": " $c " kB after " base " kB" }' "$T/plain.days"; }
rss_list() { awk -v c="$1" '{ printf "%s%d", sep, $c; sep = ", " }' "$T/plain.days"; }
is "$(flat 3)" "" "frontad's memory is flat from day to day ($(rss_list 3) kB)"
is "$(flat 4)" "" "the display's memory is flat from day to day ($(rss_list 4) kB)"
check "the display showed the calls ($(grep -c 'display: call ' "$T/display.log"))" \
    [ "$(grep -c 'display: call ' "$T/display.log")" -ge 1000 ]
check "no request was answered internal or refused unexpectedly" \
    sh -c "! grep -q 'internal\|bad_request' '$T/frontad.log'"
is "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT day, number FROM tickets GROUP BY day, number HAVING count(*) > 1)")" 0 \
   "no number twice in a day"
is "$(sqlite3 "$DB" "SELECT max(seq) - count(*) FROM events")" 0 "the events have no gap"
kill "$DISPLAY_PID"; wait "$DISPLAY_PID"
stop_frontad

# 2. no leak, no memory error (AddressSanitizer, LeakSanitizer at exit)
if [ ! -x "$ROOT/$ASAN_BUILD/bin/frontad" ] || [ ! -x "$ROOT/$ASAN_BUILD/bin/fronta-display" ] ||
   [ ! -x "$ROOT/$ASAN_BUILD/test/fronta-bench" ]; then
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
mv "$T/display.log" "$T/display.plain.log"
SDL_VIDEODRIVER=dummy
LSAN_OPTIONS="suppressions=$ROOT/tests/soak/lsan.supp:print_suppressions=0"
export SDL_VIDEODRIVER LSAN_OPTIONS
start_display "$BIN" || { not_ok "the display starts under AddressSanitizer"; done_testing; }
run_days asan "$ROOT/$ASAN_BUILD/test/fronta-bench"
total=$(awk '{ n += $2 } END { print n + 0 }' "$T/asan.days")
check "under AddressSanitizer too: $DAYS days, $total tickets" [ "$total" -ge 10000 ]
kill "$DISPLAY_PID"; wait "$DISPLAY_PID"
is "$?" 0 "the display stopped cleanly under AddressSanitizer (exit status)"
check "...and showed the calls ($(grep -c 'display: call ' "$T/display.log"))" \
    [ "$(grep -c 'display: call ' "$T/display.log")" -ge 1000 ]
stop_frontad
check "frontad stopped cleanly under AddressSanitizer" grep -q "stopping (signal)" "$T/frontad.log"
leaks=$(cat "$T"/frontad.log "$T"/display.log "$T"/asan.day*.log 2>/dev/null | grep -c "LeakSanitizer\|AddressSanitizer\|runtime error")
is "$leaks" 0 "no leak and no memory error in frontad, the display or the clients"
done_testing
