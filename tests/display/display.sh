# Helpers shared by the display's shell tests; source after tests/lib/common.sh.
#   display_artifacts NAME  OUT=$BUILD/test-artifacts/NAME, emptied, for the pictures kept
#   PNG ARGS, PROBE ARGS    ui_pngcheck / display_probe, the answer as a TAP comment
#   m NAME [MANIFEST]       the values of a line of a screenshot's manifest ($MF by default)
#   display_world [XVFB]    mosquitto, frontad and Xvfb (fails the test if one does not start)
#   stop_display PID        SIGTERM and wait: before the X server goes (at the end of a test
#                           everything is stopped at once, and Xlib exits a program whose X
#                           server vanished from whichever thread touches it)
# Under SANITIZE=address, libX11 and libdbus keep memory LeakSanitizer cannot
# name (see tests/ui/render.test.sh): leaks are checked by the unit tests.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

display_artifacts() {
    OUT="$ROOT/$BUILD/test-artifacts/$1"
    rm -rf "$OUT"
    mkdir -p "$OUT"
}

PNG() { _o=$("$TOOLS/ui_pngcheck" "$@"); _r=$?; echo "# $_o"; return $_r; }
PROBE() { _o=$("$TOOLS/display_probe" "$@"); _r=$?; echo "# $_o"; return $_r; }

m() { awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' "${2:-$MF}"; }

display_world() {
    start_broker || { not_ok "mosquitto starts"; done_testing; }
    start_frontad || { not_ok "frontad starts"; done_testing; }
    start_xvfb "${1:-1920x1080x24}" || { not_ok "Xvfb starts"; done_testing; }
}

stop_display() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; }
