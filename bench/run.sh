#!/bin/sh
# make bench: Fronta's figures, each against a floor measured in the same run
# on the same machine (docs/performance.md says what each one means).
# Prints one line per figure and writes bench/results.json.
# Usage: bench/run.sh [--quick] [--n N] [--count N] [--workers N] [--idle-seconds S]
#                     [--screen-n N] [--startups N] [--tickets N]
#   --n N             round trips of each kind (default 2000)
#   --count N         issues for the throughput, as many for its floor (default 2000)
#   --screen-n N      calls to fronta-display under Xvfb (default 1000)
#   --startups N      launches of each SDL program and of its floor (default 20)
#   --tickets N       tickets rendered and encoded (default 200)
#   --quick           a short run to check the harness (300 round trips, 640 issues,
#                     5 s idle, 100 display calls, 3 launches, 30 tickets)
# The SDL programs get the environment: they draw with SDL's software
# renderer unless told otherwise (ui/video.h); SDL_RENDER_DRIVER=opengl
# make bench measures them with OpenGL (the renderer used, and whether
# OpenGL was loaded, are printed).
set -u
FRONTA_ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
N=2000
COUNT=2000
WORKERS=16
IDLE_SECONDS=30
SCREEN_N=1000
STARTUPS=20
TICKETS=200
FRAMES=300
while [ $# -gt 0 ]; do
    case $1 in
        --quick) N=300; COUNT=640; IDLE_SECONDS=5; SCREEN_N=100; STARTUPS=3; TICKETS=30; FRAMES=50 ;;
        --n) N=$2; shift ;;
        --count) COUNT=$2; shift ;;
        --workers) WORKERS=$2; shift ;;
        --idle-seconds) IDLE_SECONDS=$2; shift ;;
        --screen-n) SCREEN_N=$2; shift ;;
        --startups) STARTUPS=$2; shift ;;
        --tickets) TICKETS=$2; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# The databases live on the real disk (under build/), never on tmpfs:
# a commit's fsync is part of what is measured.
mkdir -p "$FRONTA_ROOT/$BUILD/bench-tmp"
TMPDIR="$FRONTA_ROOT/$BUILD/bench-tmp"
export FRONTA_ROOT TMPDIR
. "$FRONTA_ROOT/tests/lib/common.sh"
BENCH="$TOOLS/fronta-bench"
RESULTS="$ROOT/bench/results.json"

say() { echo "# $*" >&2; }
fail() { echo "bench: $*" >&2; TAP_FAILED=1; exit 1; }

fs=$(stat -f -c %T "$T")
case $fs in
    tmpfs|ramfs) fail "$T is on $fs; put $BUILD on a real disk (durability is measured)" ;;
esac
load_before=$(cut -d' ' -f1 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
say "machine: $(nproc) cpu ($cpu), Linux $(uname -r), $fs; load average $load_before"
if awk "BEGIN { exit !($load_before > 0.5) }"; then
    say "the machine is busy (load $load_before): the figures will be noisy"
fi

start_broker || fail "cannot start mosquitto"
start_frontad || fail "cannot start frontad"
bg "$T/floor.log" "$BENCH" floor-server --broker "127.0.0.1:$BROKER_PORT" --db "$T/floor.db"
FLOOR_PID=$BG_PID
# displays that draw nothing: the floor's, and one on frontad's state
bg "$T/floor-display.log" "$BENCH" bare-display --broker "127.0.0.1:$BROKER_PORT" \
    --state-topic fronta-bench/state --presence-topic fronta-bench/presence/display
bg "$T/bare-display.log" "$BENCH" bare-display --broker "127.0.0.1:$BROKER_PORT" \
    --state-topic "fronta/v1/$BRANCH/state" --presence-topic "fronta/v1/$BRANCH/presence/bare-display"
sleep 1
kill -0 "$FLOOR_PID" 2>/dev/null || fail "the floor server did not start: $(cat "$T/floor.log")"

say "idle cost: frontad and a bare libmosquitto client (the floor), ${IDLE_SECONDS} s"
idle=$("$BENCH" idle --seconds "$IDLE_SECONDS" "frontad=$FRONTAD_PID" "floor=$FLOOR_PID") ||
    fail "idle measurement failed"

say "round trip: $N issues and $N calls, each next to its floor"
rt=$("$BENCH" roundtrip --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --sqlite "$T/floor-alone.db" \
     --n "$N") || fail "round trip failed (logs in $T)"

say "call to screen: $N calls to a display that draws nothing, each next to its floor"
scr=$("$BENCH" screen --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --device bare-display --n "$N") ||
    fail "call to screen failed (logs in $T)"

say "throughput: $COUNT issues from $WORKERS requesters, and as many requests to the floor"
tp=$("$BENCH" throughput --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --workers "$WORKERS" \
     --count "$COUNT" --seconds 300) || fail "throughput failed (logs in $T)"

after=$("$BENCH" idle --seconds 1 "frontad=$FRONTAD_PID") || fail "frontad is gone after the load"
tickets=$(sqlite3 "$DB" "SELECT count(*) FROM tickets")

# ---- The SDL programs under Xvfb, on a new day's database ----
# A busy morning: 20 tickets wait (the load above left thousands).
say "the SDL programs: frontad again on a new database, 20 waiting, Xvfb"
stop_frontad
DB="$T/ui.db"
start_frontad || fail "cannot start frontad again"
for i in $(seq 1 20); do
    svc=$(echo "A S P T" | cut -d' ' -f$(( i % 4 + 1 )))
    lang=$(echo "cs en uk ru vi mn ar" | cut -d' ' -f$(( i % 7 + 1 )))
    ctl issue "$svc" --lang "$lang" >/dev/null || fail "cannot issue the morning's tickets"
done
XVFB_SCREEN=3840x2160x24
start_xvfb "$XVFB_SCREEN" || fail "cannot start Xvfb"
export SDL_AUDIODRIVER="${SDL_AUDIODRIVER:-dummy}"   # no sound card here; the display still speaks
UI="--config $CONFIG --broker 127.0.0.1:$BROKER_PORT"
KIOSK="$BIN/fronta-kiosk $UI --size 1080x1920"
# -v: the display logs its start-up phases and each frame's drawing and presenting times
DISPLAY_CMD="$BIN/fronta-display $UI --size 1920x1080 -v"
CONSOLE="$BIN/fronta-console $UI --size 1366x768 --counter 2"
BARE="$TOOLS/fronta-bare-window"

# launch NAME (--line TEXT | --presence DEVICE) COMMAND...: one start-up,
# its ms appended to $T/startup-NAME.txt, its CPU ms to $T/startup-NAME.cpu
launch() {
    _name=$1; shift
    _ms=$("$BENCH" launch --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --log "$T/startup-$_name.log" "$@") ||
        fail "start-up of $_name failed (log: $T/startup-$_name.log)"
    echo "${_ms% *}" >> "$T/startup-$_name.txt"
    echo "${_ms#* }" >> "$T/startup-$_name.cpu"
}
say "start-up: $STARTUPS launches of kiosk, display, console, each next to a bare window of its size"
for r in $(seq 1 "$STARTUPS"); do
    # shellcheck disable=SC2086   # the commands are split on purpose
    launch kiosk --line "first frame" -- $KIOSK
    launch bare-kiosk --line "first frame" -- "$BARE" --size 1080x1920
    # shellcheck disable=SC2086
    launch display --presence display-1 -- $DISPLAY_CMD
    launch bare-display --line "first frame" -- "$BARE" --size 1920x1080
    # shellcheck disable=SC2086
    launch console --line "first frame" -- $CONSOLE
    launch bare-console --line "first frame" -- "$BARE" --size 1366x768
done
st=$("$BENCH" percentiles kiosk="$T/startup-kiosk.txt" bare-kiosk="$T/startup-bare-kiosk.txt" \
     display="$T/startup-display.txt" bare-display="$T/startup-bare-display.txt" \
     console="$T/startup-console.txt" bare-console="$T/startup-bare-console.txt") || fail "start-up percentiles"
renderer=$(sed -n 's/.*renderer \([a-z0-9_]*\).*/\1/p' "$T/startup-bare-display.log" | head -n 1)
# where the start-up goes, by the programs' own clocks (from their main())
phase() {   # phase LOG PATTERN NAME: the N of "PATTERN N ms" lines
    sed -n "s/.*$2 \([0-9]*\) ms.*/\1/p" "$T/startup-$1.log" > "$T/phase-$3.txt"
}
phase display "display: SDL ready" sdl_ready
phase display "display: catalogue and fonts ready" fonts_ready
phase display "display: window open" window_open
phase display "display: first frame" first_frame
phase kiosk "first frame after" kiosk_first_frame
phase console "first frame" console_first_frame
phases=$("$BENCH" percentiles sdl_ready="$T/phase-sdl_ready.txt" fonts_ready="$T/phase-fonts_ready.txt" \
         window_open="$T/phase-window_open.txt" first_frame="$T/phase-first_frame.txt" \
         kiosk_first_frame="$T/phase-kiosk_first_frame.txt" console_first_frame="$T/phase-console_first_frame.txt" \
         kiosk_cpu="$T/startup-kiosk.cpu" display_cpu="$T/startup-display.cpu" console_cpu="$T/startup-console.cpu" \
         bare_kiosk_cpu="$T/startup-bare-kiosk.cpu" bare_display_cpu="$T/startup-bare-display.cpu" \
         bare_console_cpu="$T/startup-bare-console.cpu") ||
    fail "start-up phases"
# what presenting a frame that draws nothing costs here, at the display's size
"$BARE" --size 1920x1080 --frames "$FRAMES" 2> "$T/frames.log" || fail "the bare window's frames failed"
empty=$(sed -n 's/.*present: "present"://p' "$T/frames.log")
[ -n "$empty" ] || fail "the bare window did not time its frames: $(cat "$T/frames.log")"

say "idle cost: kiosk, display, console and three bare windows, ${IDLE_SECONDS} s"
# shellcheck disable=SC2086
bg "$T/kiosk.log" $KIOSK; KIOSK_PID=$BG_PID
# shellcheck disable=SC2086
bg "$T/display.log" $DISPLAY_CMD; DISPLAY_PID=$BG_PID
# shellcheck disable=SC2086
bg "$T/console.log" $CONSOLE; CONSOLE_PID=$BG_PID
bg "$T/bare-kiosk.log" "$BARE" --size 1080x1920; BARE_K=$BG_PID
bg "$T/bare-display.log" "$BARE" --size 1920x1080; BARE_D=$BG_PID
bg "$T/bare-console.log" "$BARE" --size 1366x768; BARE_C=$BG_PID
for l in kiosk display console bare-kiosk bare-display bare-console; do
    wait_for 20 grep -q "first frame" "$T/$l.log" || fail "$l did not draw (log: $T/$l.log)"
done
sleep 2   # what follows the first frame: the display's presence, the printer's status, the console's sync
ui_idle=$("$BENCH" idle --seconds "$IDLE_SECONDS" kiosk=$KIOSK_PID display=$DISPLAY_PID console=$CONSOLE_PID \
          bare-kiosk=$BARE_K bare-display=$BARE_D bare-console=$BARE_C) || fail "idle measurement of the SDL programs failed"
# the display measures alone: in a branch the others run on machines of their own
for p in $KIOSK_PID $CONSOLE_PID $BARE_K $BARE_D $BARE_C; do kill "$p"; done
for p in $KIOSK_PID $CONSOLE_PID $BARE_K $BARE_D $BARE_C; do wait "$p" 2>/dev/null; done

say "call to screen: $SCREEN_N calls to fronta-display under Xvfb, each next to its floor"
scrd=$("$BENCH" screen --broker "127.0.0.1:$BROKER_PORT" --config "$CONFIG" --device display-1 --n "$SCREEN_N") ||
    fail "call to screen with fronta-display failed (logs in $T)"
display_after=$("$BENCH" idle --seconds 1 display=$DISPLAY_PID) || fail "fronta-display is gone after the calls"
# the display's frames (during the idle time and the calls), by its own clock
sed -n 's/.*drawn in \([0-9.]*\) ms, presented in.*/\1/p' "$T/display.log" > "$T/frame-draw.txt"
sed -n 's/.*presented in \([0-9.]*\) ms.*/\1/p' "$T/display.log" > "$T/frame-present.txt"
dframes=$("$BENCH" percentiles draw="$T/frame-draw.txt" present="$T/frame-present.txt") || fail "the display's frames"
kill "$DISPLAY_PID"; wait "$DISPLAY_PID" 2>/dev/null
kill "$XVFB_PID"; wait "$XVFB_PID" 2>/dev/null

say "ticket printing: $TICKETS tickets rendered and encoded, by turns in every language, each next to its floors"
tk=$("$TOOLS/fronta-bench-ticket" --config "$CONFIG" --n "$TICKETS") || fail "ticket printing failed"
load_after=$(cut -d' ' -f1 /proc/loadavg)

jq -n --argjson rt "$rt" --argjson scr "$scr" --argjson tp "$tp" --argjson idle "$idle" --argjson after "$after" \
      --argjson scrd "$scrd" --argjson st "$st" --argjson ui "$ui_idle" --argjson dafter "$display_after" \
      --argjson tk "$tk" --arg renderer "$renderer" --arg xvfb "$XVFB_SCREEN" \
      --arg render_driver "${SDL_RENDER_DRIVER:-}" --arg fb_accel "${SDL_FRAMEBUFFER_ACCELERATION:-}" \
      --arg audio "$SDL_AUDIODRIVER" --argjson phases "$phases" --argjson empty "$empty" --argjson dframes "$dframes" \
      --arg when "$(date -Iseconds)" --arg git "$(git -C "$ROOT" describe --always --dirty 2>/dev/null)" \
      --arg cpu "$cpu" --arg cpus "$(nproc)" --arg kernel "$(uname -r)" --arg fs "$fs" \
      --arg load_before "$load_before" --arg load_after "$load_after" --arg tickets "$tickets" '
def lat(x; f): {p50: x.p50, p99: x.p99, n: x.n, floor_p50: f.p50, floor_p99: f.p99, ratio: (x.p99 / f.p99)};
def ui_idle(x; f): {seconds: x.seconds, cpu_pct: x.cpu_pct, rss_peak_mb: x.rss_peak_mb, rss_mb: x.rss_mb,
    gl: x.gl, gl_rss_mb: x.gl_rss_mb, x_shm_rss_mb: x.shm_rss_mb, anon_rss_mb: x.anon_rss_mb,
    floor_cpu_pct: f.cpu_pct, floor_rss_peak_mb: f.rss_peak_mb, floor_gl_rss_mb: f.gl_rss_mb,
    ratio: (x.rss_peak_mb / f.rss_peak_mb), goal: "cpu <= 0.5 %, peak RSS <= 100 MB",
    met: (x.cpu_pct <= 0.5 and x.rss_peak_mb <= 100)};
def startup(x; f; e): lat(x; f) + {goal: "p99 <= 300 ms", met: (x.p99 <= 300), end: e};
def cpu(x; f): {cpu_ms: x, floor_cpu_ms: f};
def opt(v): if v == "" then null else v end;
{
  when: $when, git: $git,
  machine: {cpus: ($cpus | tonumber), cpu: $cpu, kernel: $kernel, fs: $fs,
            load_before: ($load_before | tonumber), load_after: ($load_after | tonumber)},
  figures: {
    issue_round_trip: (lat($rt.issue; $rt.floor) | . + {goal: "p99 ratio <= 1.5", met: (.ratio <= 1.5)}),
    call_round_trip: (lat($rt.call; $rt.floor) | . + {goal: "none (the same floor as issue)", met: null}),
    call_to_screen_no_drawing: (lat($scr.screen; $scr.floor) | . + {
        goal: "none: the part of frontad and the broker (the goal is call_to_screen_display)", met: null}),
    call_to_screen_display: (lat($scrd.screen; $scr.floor) | . + {
        floor_is: "the floor of call_to_screen_no_drawing (measured while no SDL program ran)",
        floor_alongside_p50: $scrd.floor.p50, floor_alongside_p99: $scrd.floor.p99,
        goal: "p99 <= floor p99 + 17 ms", met: (.p99 <= .floor_p99 + 17),
        over_no_drawing_p50: ($scrd.screen.p50 - $scr.screen.p50),
        rss_mb_after: $dafter.display.rss_mb, rss_peak_mb_after: $dafter.display.rss_peak_mb,
        frames: ($dframes + {what: "by the display clock: drawing (the SDL calls: the software renderer makes the pixels there, OpenGL queues them) and SDL_RenderPresent (software: the copy to the X server; OpenGL: rasterising and the copy)"}),
        empty_frame_present: $empty}),
    startup_kiosk: (startup($st.kiosk; $st["bare-kiosk"];
        "launch to the line \"first frame\" it logs after its first SDL_RenderPresent") + {
        own_clock_ms: {first_frame: $phases.kiosk_first_frame}} + cpu($phases.kiosk_cpu; $phases.bare_kiosk_cpu)),
    startup_display: (startup($st.display; $st["bare-display"];
        "launch to its presence reporting the seq of the retained state (published after presenting it)") + {
        own_clock_ms: {sdl_ready: $phases.sdl_ready, fonts_ready: $phases.fonts_ready,
                       window_open: $phases.window_open, first_frame: $phases.first_frame}} +
        cpu($phases.display_cpu; $phases.bare_display_cpu)),
    startup_console: (startup($st.console; $st["bare-console"];
        "launch to the line \"first frame\" it logs after its first SDL_RenderPresent") |
        .goal = "none set; 300 ms as the others" | . + {own_clock_ms: {first_frame: $phases.console_first_frame}} +
        cpu($phases.console_cpu; $phases.bare_console_cpu)),
    idle_kiosk: ui_idle($ui.kiosk; $ui["bare-kiosk"]),
    idle_display: ui_idle($ui.display; $ui["bare-display"]),
    idle_console: ui_idle($ui.console; $ui["bare-console"]),
    ticket_printing: (lat($tk.ticket; $tk.page) + {
        cpu_p50: $tk.ticket_cpu.p50, cpu_p99: $tk.ticket_cpu.p99,
        render_p50: $tk.render.p50, render_p99: $tk.render.p99, encode_p50: $tk.encode.p50,
        encode_p99: $tk.encode.p99, encode_alone_floor_p50: $tk.floor.p50, encode_alone_floor_p99: $tk.floor.p99,
        languages: $tk.langs, width_dots: $tk.width_dots, rows_min: $tk.rows_min, rows_max: $tk.rows_max,
        bytes_max: $tk.bytes_max, first_ticket_ms: $tk.first_ms, cold_max_ms: $tk.cold_max_ms,
        floor_is: "a white page of the same size through the same 1-bit conversion and encoder",
        goal: "p99 <= 20 ms", met: ($tk.ticket.p99 <= 20)}),
    throughput: (lat($tp.issue.latency; $tp.floor.latency) + {
        workers: $tp.workers, per_s: $tp.issue.per_s, floor_per_s: $tp.floor.per_s,
        failed: $tp.issue.failed, goal: ">= 1000 issues/s", met: ($tp.issue.per_s >= 1000)}),
    idle_frontad: {seconds: $idle.frontad.seconds, cpu_pct: $idle.frontad.cpu_pct,
        rss_peak_mb: $idle.frontad.rss_peak_mb, floor_cpu_pct: $idle.floor.cpu_pct,
        floor_rss_peak_mb: $idle.floor.rss_peak_mb, ratio: ($idle.frontad.rss_peak_mb / $idle.floor.rss_peak_mb),
        rss_mb_after_load: $after.frontad.rss_mb, tickets_after_load: ($tickets | tonumber),
        goal: "cpu <= 0.5 %, peak RSS <= 10 MB",
        met: ($idle.frontad.cpu_pct <= 0.5 and $idle.frontad.rss_peak_mb <= 10)}
  },
  floors: {mqtt_echo: $rt.floor_mqtt, sqlite_commit: $rt.floor_sqlite, echo_with_commit: $rt.floor},
  sdl: {renderer: $renderer, gl: {kiosk: $ui.kiosk.gl, display: $ui.display.gl, console: $ui.console.gl},
        SDL_RENDER_DRIVER: opt($render_driver), SDL_FRAMEBUFFER_ACCELERATION: opt($fb_accel),
        SDL_AUDIODRIVER: $audio, xvfb_screen: $xvfb}
}' > "$RESULTS" || fail "cannot write $RESULTS"

# The lines: NAME: p50 X ms, p99 Y ms, floor Z ms, ratio R.RRx (ratios of p99)
goal() { case $1 in true) echo "met" ;; false) echo "NOT met" ;; *) echo "-" ;; esac; }
line() {   # figure-key NAME extra
    jq -r --arg k "$1" '.figures[$k] | [.p50, .p99, .floor_p99, .ratio, .met] | @tsv' "$RESULTS" |
    while IFS="$(printf '\t')" read -r p50 p99 fl ratio met; do
        printf '%s: p50 %.2f ms, p99 %.2f ms, floor %.2f ms, ratio %.2fx  [%s%s]\n' \
            "$2" "$p50" "$p99" "$fl" "$ratio" "$3" "$(goal "$met")"
    done
}
line issue_round_trip "issue round trip" "goal ratio <= 1.50: "
line call_round_trip "call round trip" "no goal; "
line call_to_screen_no_drawing "call to screen, a display that draws nothing" "frontad and the broker alone; no goal: "
jq -r '.figures.call_to_screen_display | [.floor_p99 + 17, .over_no_drawing_p50, .frames.draw.p50,
       .frames.present.p50, .empty_frame_present.p50] | @tsv' "$RESULTS" |
while IFS="$(printf '\t')" read -r lim own draw present empty; do
    line call_to_screen_display "call to screen, fronta-display under Xvfb" \
        "$(printf 'the display %+.2f ms at p50: its frames draw %.1f + present %.1f ms, an empty one presents in %.1f; goal p99 <= floor + 17 = %.2f ms: ' \
           "$own" "$draw" "$present" "$empty" "$lim")"
done
jq -r '.figures.throughput | [.per_s, .floor_per_s, .workers, .met] | @tsv' "$RESULTS" |
while IFS="$(printf '\t')" read -r per_s floor_per_s workers met; do
    extra=$(printf '%.0f issues/s with %s requesters, floor %.0f/s; goal >= 1000/s: ' \
            "$per_s" "$workers" "$floor_per_s")
    line throughput "throughput" "$extra"
    : "$met"
done
jq -r '.figures.idle_frontad | [.cpu_pct, .seconds, .rss_peak_mb, .floor_cpu_pct, .floor_rss_peak_mb, .ratio,
       .met, .rss_mb_after_load, .tickets_after_load] | @tsv' "$RESULTS" |
while IFS="$(printf '\t')" read -r cpu_pct secs rss fcpu frss ratio met after n; do
    printf 'idle frontad: cpu %.2f%% over %.0f s, peak RSS %.1f MB, floor cpu %.2f%% %.1f MB, ratio %.2fx  [goals <= 0.5%%, <= 10 MB: %s; RSS %.1f MB after %s tickets]\n' \
        "$cpu_pct" "$secs" "$rss" "$fcpu" "$frss" "$ratio" "$(goal "$met")" "$after" "$n"
done
startup_line() {   # figure NAME SIZE GOAL
    jq -r --arg k "$1" '.figures[$k] | [.cpu_ms.p50, .floor_cpu_ms.p50] | @tsv' "$RESULTS" |
    while IFS="$(printf '\t')" read -r c fc; do
        line "$1" "$2" "$(printf 'CPU p50 %.0f ms, floor a bare window %s (CPU %.0f ms); %s: ' "$c" "$3" "$fc" "$4")"
    done
}
startup_line startup_kiosk "start-up kiosk, launch to first frame" 1080x1920 "goal p99 <= 300 ms"
startup_line startup_display "start-up display, launch to the current state on screen" 1920x1080 "goal p99 <= 300 ms"
startup_line startup_console "start-up console, launch to first frame" 1366x768 "no goal set, 300 ms"
for p in kiosk display console; do
    jq -r --arg p "$p" '.figures["idle_" + $p] | [.cpu_pct, .seconds, .rss_peak_mb, .gl_rss_mb, .floor_cpu_pct,
           .floor_rss_peak_mb, .ratio, .met] | @tsv' "$RESULTS" |
    while IFS="$(printf '\t')" read -r cpu_pct secs rss gl fcpu frss ratio met; do
        printf 'idle %s: cpu %.2f%% over %.0f s, peak RSS %.1f MB (GL stack %.1f MB), floor cpu %.2f%% %.1f MB, ratio %.2fx  [goals <= 0.5%%, <= 100 MB: %s]\n' \
            "$p" "$cpu_pct" "$secs" "$rss" "$gl" "$fcpu" "$frss" "$ratio" "$(goal "$met")"
    done
done
jq -r '.figures.ticket_printing | [.languages, .width_dots, .encode_alone_floor_p99, .cpu_p99] | @tsv' "$RESULTS" |
while IFS="$(printf '\t')" read -r langs width enc cpu_p99; do
    line ticket_printing "ticket printing, render + ESC/POS encode" \
        "$(printf '%s languages, %s dots; its CPU time p99 %.2f ms; floor a white page; encoding alone p99 %.3f ms; goal p99 <= 20 ms: ' \
           "$langs" "$width" "$cpu_p99" "$enc")"
done
jq -r '.sdl | [.renderer, .gl.kiosk, .gl.display, .gl.console, (.SDL_RENDER_DRIVER // "unset"),
       (.SDL_FRAMEBUFFER_ACCELERATION // "unset")] | @tsv' "$RESULTS" |
while IFS="$(printf '\t')" read -r r gk gd gc rd fa; do
    echo "SDL renderer: $r (the programs' choice, ui/video.h, as the bare window got it); GL stack mapped: kiosk $gk, display $gd, console $gc; SDL_RENDER_DRIVER $rd, SDL_FRAMEBUFFER_ACCELERATION $fa"
done
say "load average after: $load_after; details in $RESULTS"
stop_frontad
