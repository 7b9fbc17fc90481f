#!/bin/sh
# The console's screens at several window sizes (1100x660 is make demo's)
# and in several languages,
# in a real window under Xvfb with a real queue (mosquitto, frontad): the
# counter picker, a counter serving someone with a long waiting list, the
# transfer picker, the services picker, the number entry, the language
# picker. Each screenshot is kept in $BUILD/test-artifacts/console/ and
# checked: not blank, no text over its box, the buttons inside the window
# and apart, the rows inside the list, mirrored in Arabic.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/lib.sh"

start_all 1920x1200

# A morning's queue: every service and language, some priority, two
# tickets nobody holds on paper, counter 1 busy.
i=0
for l in uk ru vi mn ar en cs uk ru vi ar mn uk vi ru ar en uk ru vi mn ar cs uk vi ru; do
    i=$((i + 1))
    case $((i % 4)) in 0) s=A ;; 1) s=S ;; 2) s=P ;; 3) s=T ;; esac
    p=; [ $((i % 9)) = 0 ] && p=--priority
    ctl issue $s --lang $l $p >/dev/null
done
ctl print S001 failed >/dev/null
ctl print A002 failed >/dev/null
ctl call 1 >/dev/null
ctl call 2 >/dev/null
ctl recall 2 >/dev/null

# geometry MANIFEST NAME W H: buttons inside the window and apart, rows inside the list
geometry() {
    awk -v W="$3" -v H="$4" '
        $1 == "button" { n++; x[n] = $3; y[n] = $4; w[n] = $5; h[n] = $6
                         if ($3 < 0 || $4 < 0 || $3 + $5 > W || $4 + $6 > H) bad = bad " " $2 " outside" }
        $1 == "list" { lx = $2; ly = $3; lw = $4; lh = $5 }
        $1 == "row" { if ($4 < lx || $5 < ly || $4 + $6 > lx + lw || $5 + $7 > ly + lh) bad = bad " row " $3 " outside" }
        END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
                  if (x[i] < x[j] + w[j] && x[j] < x[i] + w[i] && y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
                      bad = bad " buttons " i "," j " overlap"
              if (n < 9) bad = bad " only " n " buttons"
              print bad == "" ? "ok" : bad }' "$1" > "$T/geometry"
    is "$(cat "$T/geometry")" "ok" "$2: buttons inside and apart, rows inside the list"
}

for size in 1366x768 1280x800 1920x1080 1024x768 1100x660; do
    W=${size%x*} H=${size#*x}
    L="$T/console-$size.log"
    console "$L" "$D" --size "$size"
    P=$CONSOLE_PID
    check "$size: the counter picker comes up" shows "$L" "counter - unknown, online, synced"
    shot "$P" "$L" "counter-picker-$size" && manifest_ok "$MANIFEST" "$size counter picker"
    check "$size: it lists the branch's 3 counters" [ "$(grep -c '^item ' "$MANIFEST")" = 3 ]
    press "$D" 2
    check "$size: 2 chooses counter 2" shows "$L" "counter 2 open, online, synced, current [A-Z][0-9]+"
    press "$D" Down Down
    for lang in cs en uk vi ar; do
        # the digit of each language in the picker (the order of [branch] languages)
        case $lang in cs) k=1 ;; en) k=2 ;; uk) k=3 ;; vi) k=5 ;; ar) k=7 ;; esac
        press "$D" l "$k"
        shows "$L" "lang $lang" || not_ok "$size: switched to $lang"
        shot "$P" "$L" "main-$lang-$size" && manifest_ok "$MANIFEST" "$size $lang"
        geometry "$MANIFEST" "$size $lang" "$W" "$H"
        set -- $(rect "$MANIFEST" "button call")
        if [ "$lang" = ar ]; then
            check "$size $lang: mirrored (Call next in the right half)" [ $(( $1 + $3 / 2 )) -gt $(( W / 2 )) ]
        else
            check "$size $lang: left to right (Call next in the left half)" [ $(( $1 + $3 / 2 )) -lt $(( W / 2 )) ]
        fi
    done
    press "$D" l 1
    shows "$L" "lang cs"
    press "$D" t
    shows "$L" "mode 2" && shot "$P" "$L" "transfer-$size" && manifest_ok "$MANIFEST" "$size transfer picker"
    press "$D" Escape s
    shows "$L" "mode 3" && shot "$P" "$L" "services-$size" && manifest_ok "$MANIFEST" "$size services picker"
    press "$D" Escape c
    shows "$L" "mode 5" && shot "$P" "$L" "number-$size" && manifest_ok "$MANIFEST" "$size number entry"
    press "$D" Escape l
    shows "$L" "mode 4" && shot "$P" "$L" "languages-$size" && manifest_ok "$MANIFEST" "$size language picker"
    press "$D" Escape
    kill "$P"; wait "$P" 2>/dev/null
    is "$?" "0" "$size: stops cleanly"
    check "$size: no missing translation" sh -c "! grep -q 'i18n: no ' '$L'"
    check "$size: no text over its box" sh -c "! grep -q 'does not fit' '$L'"
done
done_testing
