#!/bin/sh
# The figures docs/console.md gives, measured again (not part of make test):
# time to the first frame, CPU when idle (30 s), memory at start and after a
# morning's worth of calls, the time from a key press to frontad's answer.
# Usage: tests/console/measure.sh [CALLS]   (default 600)
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"
CALLS=${1:-600}

start_broker && start_frontad && start_xvfb 1366x768x24 || { echo "cannot start"; exit 1; }
D=$XVFB_DISPLAY
DISPLAY=$D xdotool mousemove 683 384
C="$T/console.log"
console "$C" "$D" --counter 2
P=$CONSOLE_PID
shows "$C" "online, synced" || { echo "console did not come up"; exit 1; }
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

echo "first frame: $(grep 'first frame' "$C" | sed 's/.*first frame //')"
for i in $(seq 1 20); do ctl issue A --lang uk >/dev/null; done
shows "$C" "waiting 20"
sleep 2
echo "RSS with 20 waiting: $(rss "$P") kB"
c0=$(cpu "$P"); sleep 30; c1=$(cpu "$P")
echo "idle CPU over 30 s: $((c1 - c0)) ticks of $((30 * hz)) ($(awk -v t=$((c1 - c0)) -v h="$hz" 'BEGIN { printf "%.2f", 100 * t / (30 * h) }') %)"
wakeups=$(grep -c "shows:" "$C")

# the time from a key press to frontad's answer, as the worker presses keys
for i in $(seq 1 20); do
    press "$D" space
    sleep 1.6                   # past the double-press guard
done
grep -o "call: ok [A-Z0-9]* ([0-9]* ms)" "$C" | sed 's/.*(\([0-9]*\) ms)/\1/' | sort -n |
    awk '{ a[NR] = $1 } END { if (NR) printf "key press to answer: median %d ms, max %d ms over %d calls\n", a[int(NR / 2) + 1], a[NR], NR }'

# a busy day at the counter, driven by frontactl so that it is quick:
# every call and done redraws the console with new numbers and times
r0=$(rss "$P"); c0=$(cpu "$P"); t0=$(date +%s)
for i in $(seq 1 "$CALLS"); do
    ctl issue S --lang vi >/dev/null
    ctl call 2 >/dev/null
    [ $((i % 2)) = 0 ] && ctl finish 2 >/dev/null
    if [ $((i % 200)) = 0 ]; then echo "after $i calls: RSS $(rss "$P") kB"; fi
done
t1=$(date +%s); c1=$(cpu "$P"); r1=$(rss "$P")
echo "$CALLS calls in $((t1 - t0)) s: console CPU $((c1 - c0)) ticks ($(awk -v t=$((c1 - c0)) -v h="$hz" -v n="$CALLS" 'BEGIN { printf "%.1f", 1000 * t / h / n }') ms a call), RSS $r0 -> $r1 kB"
kill "$P"
KEEP_TMP=0
