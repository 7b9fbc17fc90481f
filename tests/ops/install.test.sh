# make install into a fresh prefix gives a tree that runs, and the systemd
# units it installs pass systemd-analyze verify.
. "$(dirname "$0")/../lib/common.sh"

P="$T/prefix"
run_make install PREFIX="$P" DESTDIR= > "$T/install.log" 2>&1
is "$?" 0 "make install PREFIX=$P works"
for b in frontad frontactl; do
    check "$b is installed and runs" sh -c "'$P/bin/$b' --version | grep -q '^$b '"
done
check "assets are in share/fronta" [ -f "$P/share/fronta/i18n/common/cs.po" ]
check "example branch files are in etc/fronta/examples" [ -f "$P/etc/fronta/examples/pribram.ini" ]
check "the docs are installed" [ -f "$P/share/doc/fronta/architecture.md" ]
if [ -x "$P/bin/fronta-glyphcheck" ]; then
    check "an installed program finds its assets without help" \
          sh -c "cd / && env -u FRONTA_ASSETS '$P/bin/fronta-glyphcheck' > '$T/glyph.log' 2>&1"
fi

# the installed programs run a queue
start_broker || exit 1
bg "$T/frontad.log" "$P/bin/frontad" --config "$P/etc/fronta/examples/demo.ini" --broker "127.0.0.1:$BROKER_PORT" --db "$T/i.db"
wait_for 10 grep -q "connected to" "$T/frontad.log"
out=$("$P/bin/frontactl" --config "$P/etc/fronta/examples/demo.ini" --broker "127.0.0.1:$BROKER_PORT" issue A --lang uk)
case "$out" in A001*) ok "the installed frontad and frontactl take a ticket: $out";; *) not_ok "installed issue: $out";; esac

# systemd units: rendered for this prefix, every one verifies
for u in "$P"/lib/systemd/system/*.service; do
    out=$(cd "$(dirname "$u")" && systemd-analyze verify "./$(basename "$u")" 2>&1)
    if [ -z "$out" ]; then ok "systemd-analyze verify $(basename "$u")"; else
        not_ok "systemd-analyze verify $(basename "$u")"; diag "$out"; fi
done
check "frontad.service runs frontad from the prefix, as its own user" \
      sh -c "grep -q '^ExecStart=$P/bin/frontad ' '$P/lib/systemd/system/frontad.service' && grep -q '^User=fronta$' '$P/lib/systemd/system/frontad.service'"
check "frontad.service is hardened (ProtectSystem=strict, NoNewPrivileges)" \
      sh -c "grep -q '^ProtectSystem=strict' '$P/lib/systemd/system/frontad.service' && grep -q '^NoNewPrivileges=yes' '$P/lib/systemd/system/frontad.service'"
check "the kiosk session has no way out (cage without VT switching, restart always)" \
      sh -c "grep -q 'ExecStart=/usr/bin/cage -- ' '$P/lib/systemd/system/fronta-kiosk.service' && grep -q '^Restart=always' '$P/lib/systemd/system/fronta-kiosk.service'"
check "the console has a .desktop file" grep -q "^Exec=$P/bin/fronta-console " "$P/share/applications/fronta-console.desktop"
done_testing
