# The printer library against printer-peer, a stand-in ESC/POS printer on a
# real loopback socket and a pseudo-terminal (the device node): tickets
# printed, recorded by the peer and decoded back dot for dot; each paper
# state; a printer that goes silent, goes away mid-ticket, or stops reading.
. "$(dirname "$0")/../lib/common.sh"

PEER="$TOOLS/printer-peer"
PT="$TOOLS/printer-tool"
REC="$T/rec.bin"
CTL="$T/control"

bg "$T/peer.log" "$PEER" --record "$REC" --control "$CTL" --port-file "$T/port" --pty "$T/lp0"
PEER_PID=$BG_PID
if ! wait_for 5 test -s "$T/port"; then
    echo "# printer-peer did not start:"; sed 's/^/# /' "$T/peer.log"
    exit 1
fi
PORT=$(cat "$T/port")
TCP="tcp:127.0.0.1:$PORT"
DEV="device:$T/lp0"

state_is() { echo "$1" > "$CTL"; }
fresh()    { : > "$REC"; }   # the peer appends; start each case empty
# print ARGS...: one line "result state ms why" from printer-tool, then what
# it said on stderr (also kept in $T/printer-tool.log for the sanitizer check)
print()    { "$PT" print --status-ms 400 "$@" 2>"$T/err"; tool_err; }
status()   { "$PT" status --status-ms 400 "$@" 2>"$T/err"; tool_err; }
tool_err() { cat "$T/err"; cat "$T/err" >> "$T/printer-tool.log"; }
word()     { echo "$2" | cut -d' ' -f"$1"; }
decoded()  { "$PT" decode "$REC" 2>>"$T/printer-tool.log" | tail -n 1; }
within()   { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
# every connection the peer accepted is closed again (nothing more will be recorded)
peer_idle() {
    [ "$(grep -c '^printer-peer: connection [0-9]*$' "$T/peer.log")" = \
      "$(grep -c '^printer-peer: connection [0-9]* closed' "$T/peer.log")" ]
}

"$PT" pattern 576 333 1 > "$T/t576.pbm"
"$PT" pattern 384 1001 2 > "$T/t384.pbm"
"$PT" pattern 576 8000 3 > "$T/big.pbm"   # 576 KB: more than the socket buffers hold

# --- a ticket over TCP, decoded back from what the peer recorded
state_is ok; fresh
r=$(print --output "$TCP" "$T/t576.pbm")
is "$(word 1 "$r") $(word 2 "$r")" "printed ok" "tcp: a 576-dot ticket is printed ($r)"
is "$(decoded)" "images 1 cuts 1 inits 1 status 4" \
   "tcp: the peer got one image, one cut, DLE EOT 1 and 4 before and after"
"$PT" decode "$REC" --image 0 "$T/got.pbm" >/dev/null 2>>"$T/printer-tool.log"
check "tcp: every dot of the 576 x 333 image came back" cmp -s "$T/t576.pbm" "$T/got.pbm"
is "$("$PT" decode "$REC" | head -n 3 | cut -d' ' -f2-)" "status 1
status 4
init" "tcp: the status is asked before ESC @"
is "$("$PT" decode "$REC" | grep -c ' raster 576x56 ')" 5 "tcp: 333 rows go in 56-row bands (5 full...)"
is "$("$PT" decode "$REC" | grep -c ' raster 576x53 ')" 1 "tcp: ...and one band of the 53 rows left"

fresh
r=$(print --output "$TCP" --width 384 --no-cut "$T/t384.pbm")
is "$(word 1 "$r")" printed "tcp: a 384-dot ticket without cut is printed"
is "$(decoded)" "images 1 cuts 0 inits 1 status 4" "tcp: no cut when cut is off"
"$PT" decode "$REC" --image 0 "$T/got.pbm" >/dev/null 2>>"$T/printer-tool.log"
check "tcp: every dot of the 384 x 1001 image came back" cmp -s "$T/t384.pbm" "$T/got.pbm"

fresh
r=$(print --output "$TCP" --no-status "$T/t576.pbm")
is "$(word 1 "$r")" printed "tcp, status off: printed"
is "$(decoded)" "images 1 cuts 1 inits 1 status 0" "tcp, status off: no DLE EOT is sent"

# --- the printer's state before the ticket decides whether it is sent
for s in paper_out cover_open offline error; do
    state_is "$s"; fresh
    r=$(print --output "$TCP" "$T/t576.pbm")
    is "$(word 1 "$r") $(word 2 "$r")" "$s $s" "tcp, $s: refused with $s"
    case "$r" in *"ticket not sent"*) ok "tcp, $s: says the ticket was not sent" ;;
                 *) not_ok "tcp, $s: says the ticket was not sent"; diag "$r" ;; esac
    is "$(decoded | cut -d' ' -f1-6)" "images 0 cuts 0 inits 0" "tcp, $s: nothing but status questions was sent"
done

state_is paper_low; fresh
r=$(print --output "$TCP" "$T/t576.pbm")
is "$(word 1 "$r") $(word 2 "$r")" "printed paper_low" "tcp, paper_low: printed, and the state says paper_low"

for s in ok paper_low paper_out cover_open offline error; do
    state_is "$s"
    is "$(word 1 "$(status --output "$TCP")")" "$s" "tcp: status reads $s"
done

# --- a printer that answers nothing is offline within the timeout
state_is silent; fresh
r=$(status --output "$TCP")
ms=$(word 2 "$r")
is "$(word 1 "$r")" offline "silent: status is offline"
check "silent: ...after the 400 ms timeout, not much later ($ms ms)" within "$ms" 390 1400
r=$(print --output "$TCP" "$T/t576.pbm")
is "$(word 1 "$r")" offline "silent: printing fails as offline"
is "$(decoded | cut -d' ' -f1-2)" "images 0" "silent: the ticket was not sent"

# --- a printer that goes away mid-ticket: an error, not a hang
state_is "ok close_after=5000"
r=$(print --output "$TCP" "$T/t576.pbm")
is "$(word 1 "$r")" io "closes mid-ticket (status on): an I/O error ($r)"
state_is "ok close_after=5000"
r=$(print --output "$TCP" --no-status "$T/t576.pbm")
is "$(word 1 "$r")" io "closes mid-ticket (status off): an I/O error ($r)"
check "closes mid-ticket: answered at once ($(word 3 "$r") ms)" within "$(word 3 "$r")" 0 1500

# --- a printer that stops reading: the write times out
state_is "ok stall"
r=$(print --output "$TCP" --no-status --write-ms 500 "$T/big.pbm")
is "$(word 1 "$r")" timeout "stops reading (status off): timeout ($r)"
check "stops reading: after about the 500 ms write timeout" within "$(word 3 "$r")" 490 2000
r=$(print --output "$TCP" --write-ms 500 "$T/t576.pbm")
is "$(word 1 "$r")" offline "stops reading (status on): the status question goes unanswered: offline"
state_is ok
# the peer now reads what the stalled connections left; wait until they close
check "the stalled connections are read and closed" wait_for 10 peer_idle

# --- image data that holds DLE EOT bytes: the printer answers those too
# A 576-dot row (72 bytes) with 10 04 04 in it; paper_low makes the stray
# answer (0x1e) differ from the answer to DLE EOT 1 (0x12).
{
    printf 'P4\n576 3\n'
    head -c 72 /dev/zero
    head -c 30 /dev/zero; printf '\020\004\004'; head -c 39 /dev/zero
    head -c 72 /dev/zero
} > "$T/dle.pbm"
state_is paper_low; fresh
n0=$(grep -c 'DLE EOT 4 -> answered' "$T/peer.log")
r=$(print --output "$TCP" "$T/dle.pbm")
is "$(word 1 "$r") $(word 2 "$r")" "printed paper_low" \
   "a ticket whose dots read DLE EOT 4: its stray answer is not taken for ours ($r)"
is $(( $(grep -c 'DLE EOT 4 -> answered' "$T/peer.log") - n0 )) 3 \
   "...the peer did answer it (before, inside the image, after)"
"$PT" decode "$REC" --image 0 "$T/got.pbm" >/dev/null 2>>"$T/printer-tool.log"
check "...and its dots come back unchanged" cmp -s "$T/dle.pbm" "$T/got.pbm"

# --- the device node (a pseudo-terminal held by the peer)
state_is ok; fresh
r=$(print --output "$DEV" --width 384 "$T/t384.pbm")
is "$(word 1 "$r")" printed "device: printed ($r)"
"$PT" decode "$REC" --image 0 "$T/got.pbm" >/dev/null 2>>"$T/printer-tool.log"
check "device: every dot came back" cmp -s "$T/t384.pbm" "$T/got.pbm"
is "$(decoded)" "images 1 cuts 1 inits 1 status 4" "device: status asked before and after"
state_is cover_open
is "$(word 1 "$(status --output "$DEV")")" cover_open "device: status reads cover_open"
state_is paper_out; fresh
r=$(print --output "$DEV" --width 384 "$T/t384.pbm")
is "$(word 1 "$r")" paper_out "device, paper_out: refused"
is "$(decoded | cut -d' ' -f1-2)" "images 0" "device, paper_out: nothing sent"
state_is silent
r=$(status --output "$DEV")
is "$(word 1 "$r")" offline "device, silent: offline"
check "device, silent: within the timeout ($(word 2 "$r") ms)" within "$(word 2 "$r")" 390 1400
r=$(print --output "device:$T/no-such-lp0" "$T/t576.pbm")
is "$(word 1 "$r")" offline "device that does not exist: offline"
case "$r" in *"no-such-lp0: no such device"*"No such file or directory"*) ok "...saying which device and why" ;;
             *) not_ok "...saying which device and why"; diag "$r" ;; esac

# --- from the branch file's [printer] section
state_is ok; fresh
sed -e "s|^output = .*|output = $TCP|" -e 's|^width_dots = .*|width_dots = 576|' \
    "$ROOT/config/demo.ini" > "$T/branch.ini"
r=$(print --config "$T/branch.ini" "$T/t576.pbm")
is "$(word 1 "$r")" printed "config: [printer] output = tcp:... prints"
is "$(decoded)" "images 1 cuts 1 inits 1 status 4" "config: cut and status on by default"
sed -e "s|^output = .*|output = file:$T/journal.bin|" "$ROOT/config/demo.ini" > "$T/file.ini"
print --config "$T/file.ini" "$T/t576.pbm" >/dev/null
r=$(print --config "$T/file.ini" "$T/t576.pbm")
is "$(word 1 "$r") $(word 2 "$r")" "printed ok" "config: file output prints (state ok)"
is "$("$PT" decode "$T/journal.bin" | tail -n 1)" "images 2 cuts 2 inits 2 status 0" \
   "config: the file keeps both tickets (appended)"
sed -e "s|^output = .*|output = lpt1|" "$ROOT/config/demo.ini" > "$T/bad.ini"
r=$(print --config "$T/bad.ini" "$T/t576.pbm")
case "$r" in *"bad.ini:"*": [printer] output \"lpt1\": expected"*) ok "config: a wrong output names the file and line" ;;
             *) not_ok "config: a wrong output names the file and line"; diag "$r" ;; esac

# --- the printer switched off: connection refused
kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null
r=$(print --output "$TCP" "$T/t576.pbm")
is "$(word 1 "$r")" offline "printer gone: offline"
case "$r" in *"Connection refused"*) ok "...saying the connection was refused" ;;
             *) not_ok "...saying the connection was refused"; diag "$r" ;; esac
is "$(word 1 "$(status --output "$TCP")")" offline "printer gone: status offline"

done_testing
