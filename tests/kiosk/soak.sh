#!/bin/sh
# Measures the kiosk over a long run (not part of `make test`): N tickets
# taken through the real window (language, service, done), cycling through
# languages and services, with the RSS after a warm-up and at the end, and
# the idle CPU over 30 s. Usage: sh tests/kiosk/soak.sh [N]   (default 200)
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"
N=${1:-200}
rss() { awk '/VmRSS/ {print $2}' /proc/$KIOSK_PID/status; }
cpu() { awk '{print $14 + $15}' /proc/$KIOSK_PID/stat; }

start_kiosk_xvfb && kiosk_config "file:$T/printer.bin" && start_broker && start_frontad && start_kiosk || exit 1
wait_screen language 10 || exit 1
letters="65 83 80 84"
i=0
while [ $i -lt "$N" ]; do
    [ $i -eq 20 ] && rss20=$(rss)
    tap 0 $((i % 7)) && wait_screen service &&
        tap 1 $(echo $letters | cut -d' ' -f$((i % 4 + 1))) && wait_screen ticket &&
        wait_for 10 sh -c "grep -q '^ticket' \$(ls $SHOTS/*-[0-9][0-9][0-9].txt | sort | tail -n 1) &&
                           [ \$(grep -l \"^ticket \$(sed -n 's/^ticket //p' \$(ls $SHOTS/*-[0-9][0-9][0-9].txt | sort | tail -n 1))\" $SHOTS/*.txt | wc -l) -ge 2 ]" &&
        tap 4 0 && wait_screen language || { echo "cycle $i failed"; break; }
    i=$((i + 1))
    # keep the shot folder small: the manifests are all the run needs
    [ $((i % 50)) -eq 0 ] && find "$SHOTS" -name '*.png' -delete
done
rssN=$(rss)
c0=$(cpu); sleep 30; c1=$(cpu)
echo "# $i tickets; RSS after 20: ${rss20:-?} kB, after $i: $rssN kB; idle CPU over 30 s: $((c1 - c0)) ticks of $(getconf CLK_TCK)/s"
echo "# tickets in frontad: $(grep -c 'issue: ok' "$T/frontad.log"); printer file: $(stat -c %s "$T/printer.bin") bytes"
done_testing
