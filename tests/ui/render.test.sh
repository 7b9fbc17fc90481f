#!/bin/sh
# Text and pictograms in a real SDL window on a real X server (Xvfb): a
# sample screen in each language at 1920x1080 and 1080x1920, saved to
# $BUILD/test-artifacts/ui/ (look at them) and checked: not blank, nothing
# overflowing, Arabic mirrored, "A023" left to right inside the Arabic
# sentence, Vietnamese stacked marks not cut, wrapped text inside its box.
. "$(dirname "$0")/../lib/common.sh"

OUT="$ROOT/$BUILD/test-artifacts/ui"
rm -rf "$OUT"
mkdir -p "$OUT"
# ui_pngcheck with its answer as a TAP comment
PNG=pc
pc() { _o=$("$TOOLS/ui_pngcheck" "$@"); _r=$?; echo "# $_o"; return $_r; }

start_xvfb 1920x1920x24 || { not_ok "Xvfb starts"; done_testing; }
diag "Xvfb on $DISPLAY"

# Under SANITIZE=address, libX11 and libdbus (loaded by SDL's X11 driver,
# unloaded at SDL_Quit) leave ~1 KB that LeakSanitizer cannot name; leak
# checks of the ui library run in the unit tests (software renderer, no X).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

for size in 1920x1080 1080x1920; do
    if "$TOOLS/ui_samples" --out "$OUT" --size "$size" --frames 30 >"$T/samples-$size.log" 2>&1; then
        ok "sample screens drawn at $size"
    else
        not_ok "sample screens drawn at $size"
    fi
    diag "$(cat "$T/samples-$size.log")"
done

# manifest lines: PNG NAME X Y W H
rect() { awk -v f="$1" -v n="$2" '$1 == f && $2 == n { print $3, $4, $5, $6; exit }' "$OUT/manifest.txt"; }

for png in "$OUT"/*-[0-9]*x[0-9]*.png; do
    case "$png" in *-needle.png) continue ;; esac
    name=$(basename "$png" .png)
    lang=${name%%-*}
    check "$name: not blank" "$PNG" notblank "$png"
    is "$(rect "$png" overflows | cut -d' ' -f1)" "0" "$name: every text fits its box"

    # the language name at the start of the header: right in Arabic, left otherwise
    side=left; [ "$lang" = ar ] && side=right
    W=${name##*-}; W=${W%x*}
    set -- $("$TOOLS/ui_pngcheck" bbox "$png" $(rect "$png" titlebox))
    mid=$(( $1 + $3 / 2 ))
    if [ "$side" = right ]; then check "$name: the header starts on the right (ink $*)" [ "$3" -gt 0 -a "$mid" -gt $(( W * 3 / 4 )) ]
    else check "$name: the header starts on the left (ink $*)" [ "$3" -gt 0 -a "$mid" -lt $(( W / 4 )) ]; fi

    # the big number sits in the first column: the right half in Arabic
    set -- $(rect "$png" number)
    mid=$(( $1 + $3 / 2 ))
    if [ "$lang" = ar ]; then check "$name: the layout is mirrored" [ "$mid" -gt $(( W / 2 )) ]
    else check "$name: the layout runs left to right" [ "$mid" -lt $(( W / 2 )) ]; fi

    if [ "$lang" = ar ]; then
        # "A023" appears as written inside the Arabic sentence (the needle
        # is the number drawn alone by SDL_ttf, left to right) ...
        needle=$(rect "$png" needle | cut -d' ' -f1)
        check "$name: A023 reads left to right inside the Arabic sentence" "$PNG" find "$png" "$needle" $(rect "$png" call)
        # ... and the sentence starts on the right: its first word is right of the number
        found=$("$TOOLS/ui_pngcheck" find "$png" "$needle" $(rect "$png" call) | awk '{print $4}')
        set -- $("$TOOLS/ui_pngcheck" bbox "$png" $(rect "$png" callblock))
        check "$name: the Arabic sentence starts right of the number" [ $(( $1 + $3 )) -gt $(( ${found:-99999} + 100 )) ]
    fi

    # tall letters: all ink inside the block, and not touching its top (nothing cut)
    set -- $(rect "$png" stack)
    bx=$1 by=$2 bw=$3 bh=$4
    set -- $("$TOOLS/ui_pngcheck" bbox "$png" $((bx - 20)) $((by - 20)) $((bw + 40)) $((bh + 40)))
    check "$name: tall letters are whole (ink $*, block $bx $by $bw $bh)" \
        [ "$2" -gt "$by" -a $(( $2 + $4 )) -le $(( by + bh )) -a "$1" -ge "$bx" -a $(( $1 + $3 )) -le $(( bx + bw )) ]

    check "$name: the wrapped paragraph stays in its box" "$PNG" inside "$png" $(rect "$png" wrap) 30
    for b in 0 1 2 3; do
        check "$name: button $b has its label and pictogram" "$PNG" ink "$png" $(rect "$png" "button$b") 30
    done
    check "$name: every pictogram is drawn" "$PNG" ink "$png" $(rect "$png" icons) 20
    check "$name: with smooth edges" "$PNG" smooth "$png" $(rect "$png" icons) 10
done
done_testing
