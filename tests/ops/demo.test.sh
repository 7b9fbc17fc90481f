# make demo-headless: every process starts, the scripted morning leaves the
# expected queue, and every window's screenshot after each step exists and is
# not blank. And make demo's windows mode: Ctrl-C stops all it started, and
# nothing else.
. "$(dirname "$0")/../lib/common.sh"

export DEMO_VAR="$T/var" DEMO_OUT="$T/out"
( unset DISPLAY WAYLAND_DISPLAY; run_make demo ) > "$T/demo.out" 2>&1
is "$?" 0 "make demo with no display runs the headless demo to its end"
check "with no display it says it runs the headless demo" grep -q "there is no display here" "$T/demo.out"
L="$DEMO_VAR/log"
check "mosquitto started" grep -q "mosquitto" "$T/demo.out"
check "frontad started and connected" grep -q "connected to" "$L/frontad.log"
for p in kiosk display console; do
    check "fronta-$p started and drew its first frame" grep -qi "first frame" "$L/fronta-$p.log"
done
check "the kiosk took a ticket in Vietnamese (A001)" grep -q "ticket A001" "$L/fronta-kiosk.log"
st="$DEMO_OUT/final-status.txt"
check "the final status is kept" [ -s "$st" ]
check "the morning left counter 1 with its next client" grep -Eq "^1 +open +[A-Z][0-9]{3}" "$st"
DB="$DEMO_VAR/demo-headless.db"
events() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE type = '$1'"; }
check "the morning's recall, transfer and no-show are stored events" \
      sh -c "[ $(events recalled) -ge 1 ] && [ $(events transferred) -ge 1 ] && [ $(events no_show) -ge 1 ]"
check "a no-show and the next call at counter 3" grep -Eq "^3 +open +[A-Z][0-9]{3}" "$st"
n=$(ls "$DEMO_OUT"/*.png 2>/dev/null | wc -l)
is "$n" 33 "33 screenshots: 3 windows after each of 11 steps"
blank=0
for f in "$DEMO_OUT"/*.png; do "$TOOLS/ui_pngcheck" notblank "$f" >/dev/null || { blank=$((blank + 1)); diag "blank: $f"; }; done
is "$blank" 0 "no screenshot is blank"
check "the display changed between the start and the first call" \
      sh -c "! cmp -s '$DEMO_OUT/01-start-display.png' '$DEMO_OUT/06-counter-1-calls-display.png'"
check "the console changed when counter 1 called" \
      sh -c "! cmp -s '$DEMO_OUT/05-tickets-issued-console.png' '$DEMO_OUT/06-counter-1-calls-console.png'"
check "nothing the demo started is left running" \
      sh -c "! pgrep -f '$DEMO_VAR/[d]emo-broker.conf' && ! pgrep -f 'db $DEMO_VAR/[d]emo'"

# windows mode on an X server: Ctrl-C stops what it started, and only that
start_xvfb 1920x1080x24 || exit 1
start_broker || exit 1           # someone else's broker: must survive
# as a terminal's foreground job: its own process group, SIGINT at its
# default (a non-interactive shell's background jobs ignore SIGINT)
( cd "$ROOT" && exec setsid env --default-signal=INT scripts/demo.sh windows ) > "$T/windows.out" 2>&1 &
DEMO=$!
check "make demo opens the three windows" wait_for 30 sh -c \
      "grep -q 'press Ctrl-C' '$T/windows.out' && xdotool search --name . >/dev/null"
check "it says what it started" sh -c "grep -q 'frontad' '$T/windows.out' && grep -q 'fronta-console' '$T/windows.out'"
kill -INT "-$DEMO"                # Ctrl-C: the terminal signals the whole group
( sleep 15; kill -9 "$DEMO" 2>/dev/null ) & WATCH=$!
wait "$DEMO"
rc=$?
kill "$WATCH" 2>/dev/null
check "make demo ends on Ctrl-C by itself (exit $rc)" [ "$rc" -ne 137 ]
check "Ctrl-C: the demo's broker, frontad and windows are gone" \
      wait_for 5 sh -c "! pgrep -f '$DEMO_VAR/[d]emo-broker.conf' && ! pgrep -f -- '--db $DEMO_VAR/[d]emo.db'"
check "...and the other broker still runs" kill -0 "$BROKER_PID"
done_testing
