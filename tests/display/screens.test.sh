#!/bin/sh
# The board drawn from state documents, without a broker (fronta-display
# --state FILE --once), in a real window under Xvfb: five scenes (empty;
# busy with 40 waiting; a fresh call flashing; offline and stale; Arabic
# instructions) at 1920x1080, 1280x720, 3840x2160 and 1080x1920. Each PNG
# is kept in $BUILD/test-artifacts/display/ (look at them) and checked: not
# blank, every text inside its box, the called number on screen (found by
# drawing it independently with SDL_ttf), the highlight, the offline mark,
# the Arabic line starting on the right.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/display.sh"

display_artifacts display
start_xvfb 3840x2160x24 || { not_ok "Xvfb starts"; done_testing; }

# Monday 23 November 2026, 10:42:10 in Prague, for the clock, the date and
# the freshness of calls.
echo 1795426930 > "$T/clock"
export FRONTA_CLOCK_FILE="$T/clock"

cat > "$T/busy.json" <<'JSON'
{"seq":212,"branch":"demo","day":"2026-11-23",
 "services":[{"id":"A","open":true,"waiting":17,"est_wait_s":3300},{"id":"S","open":true,"waiting":11,"est_wait_s":2400},
  {"id":"P","open":true,"waiting":8,"est_wait_s":4100},{"id":"T","open":false,"waiting":4,"est_wait_s":0,"opens_at":"2026-11-24T09:00:00+01:00"}],
 "counters":[{"id":"1","state":"open","ticket":"A023","services":["A","S","P","T"]},
  {"id":"2","state":"open","ticket":"S014","services":["A","S","P","T"]},{"id":"3","state":"open","ticket":"P008","services":["A","S","P","T"]}],
 "called":[{"number":"A023","counter":"1","at":"2026-11-23T10:41:30+01:00","service":"A","lang":"uk"},
  {"number":"S014","counter":"2","at":"2026-11-23T10:39:02+01:00","service":"S","lang":"vi"},
  {"number":"P008","counter":"3","at":"2026-11-23T10:36:40+01:00","service":"P","lang":"ar"},
  {"number":"A022","counter":"1","at":"2026-11-23T10:31:10+01:00","service":"A","lang":"ru"},
  {"number":"T004","counter":"2","at":"2026-11-23T10:27:55+01:00","service":"T","lang":"mn"},
  {"number":"A021","counter":"3","at":"2026-11-23T10:22:40+01:00","service":"A","lang":"cs"},
  {"number":"S013","counter":"1","at":"2026-11-23T10:19:00+01:00","service":"S","lang":"en"},
  {"number":"A020","counter":"2","at":"2026-11-23T10:15:20+01:00","service":"A","lang":"uk"},
  {"number":"P007","counter":"3","at":"2026-11-23T10:11:05+01:00","service":"P","lang":"ar"},
  {"number":"A019","counter":"1","at":"2026-11-23T10:07:45+01:00","service":"A","lang":"vi"}],
 "waiting":[],"waiting_more":40}
JSON
# the same, A023 called two seconds ago
sed 's/"A023","counter":"1","at":"2026-11-23T10:41:30/"A023","counter":"1","at":"2026-11-23T10:42:08/' \
    "$T/busy.json" > "$T/fresh.json"
cat > "$T/empty.json" <<'JSON'
{"seq":0,"branch":"demo","day":"2026-11-23",
 "services":[{"id":"A","open":true,"waiting":0,"est_wait_s":0},{"id":"S","open":true,"waiting":0,"est_wait_s":0},
  {"id":"P","open":true,"waiting":0,"est_wait_s":0},{"id":"T","open":true,"waiting":0,"est_wait_s":0}],
 "counters":[],"called":[],"waiting":[]}
JSON

# scene: state file and options
scene_args() {
    case $1 in
        empty)   echo "--state $T/empty.json" ;;
        busy)    echo "--state $T/busy.json" ;;
        fresh)   echo "--state $T/fresh.json" ;;
        offline) echo "--state $T/busy.json --offline --instruction-lang uk" ;;
        arabic)  echo "--state $T/busy.json --instruction-lang ar" ;;
    esac
}

ACCENT=ffd23f SURFACE=152c49 MUTED=c8d5e4 WARN=ffb020

for size in 1920x1080 1280x720 3840x2160 1080x1920; do
    for scene in empty busy fresh offline arabic; do
        name="$scene-$size"
        dir="$T/$name"
        mkdir -p "$dir"
        # shellcheck disable=SC2046
        if "$BIN/fronta-display" --config "$CONFIG" --size "$size" --once --shot-dir "$dir" \
                $(scene_args "$scene") >"$T/$name.log" 2>&1 && [ -f "$dir/display-1-001.png" ]; then
            ok "$name: drawn"
        else
            not_ok "$name: drawn"; sed 's/^/# /' "$T/$name.log"; continue
        fi
        cp "$dir/display-1-001.png" "$OUT/$name.png"
        cp "$dir/display-1-001.txt" "$OUT/$name.txt"
        P="$OUT/$name.png" MF="$OUT/$name.txt"
        W=${size%x*}
        check "$name: not blank" PNG notblank "$P"
        is "$(m size)" "$(echo "$size" | tr x ' ')" "$name: the picture is ${size}"
        is "$(m overflows)" "0" "$name: every text fits its box"
        check "$name: no text warning in the log" sh -c "! grep -q 'does not fit' '$T/$name.log'"
        is "$(grep -c '^service ' "$MF")" "4" "$name: four services listed"

        case $scene in
        empty)
            check "$name: 'no number yet' instead of a call" grep -q '^hero_none ' "$MF"
            check "$name: the placeholder has text" PNG ink "$P" $(m hero_none) 20 ;;
        busy|fresh|offline|arabic)
            # hero_number I NUMBER COUNTER PX FG BG X Y W H
            set -- $(m hero_number)
            is "$2 $3" "A023 1" "$name: the current call is A023 at counter 1"
            PROBE needle "$2" "$4" "$5" "$6" "$T/needle.png" >/dev/null
            check "$name: A023 is on screen, as large as ${4} px" \
                PNG find "$P" "$T/needle.png" $(( $7 - 20 )) $(( $8 - 20 )) $(( $9 + 40 )) $(( ${10} + 40 ))
            is "$(grep -c '^recent ' "$MF")" "8" "$name: eight earlier calls listed" ;;
        esac

        set -- $(m hero)
        case $scene in
        fresh)
            check "$name: the fresh call is highlighted" grep -q '^hero_call 0 A023 1 1 1 ' "$MF"
            check "$name: its panel is lit (accent)" PROBE share "$P" "$@" $ACCENT 500 ;;
        busy|arabic)
            check "$name: an older call is not highlighted" grep -q '^hero_call 0 A023 1 0 ' "$MF"
            check "$name: its panel is calm" PROBE share "$P" "$@" $ACCENT -150 ;;
        offline)
            check "$name: stale calls lose the accent colour" PROBE share "$P" "$@" $ACCENT -5
            check "$name: the number is drawn muted" grep -q "^hero_number 0 A023 1 [0-9]* $MUTED " "$MF" ;;
        esac

        if [ "$scene" = offline ]; then
            set -- $(m offline)
            check "$name: the offline mark is shown" [ "${1:-0}" = 1 ]
            shift
            check "$name: in the attention colour" PROBE share "$P" "$@" $WARN 20
            check "$name: with its words" PNG ink "$P" "$@" 40
        else
            is "$(m offline)" "0" "$name: no offline mark"
        fi

        # the instruction line: INSTRUCTION LANG X Y W H PX
        set -- $(m instruction)
        lang=$1; shift
        if [ "$scene" = arabic ]; then
            is "$lang" "ar" "$name: the instruction line is in Arabic"
            check "$name: and starts on the right" PNG side "$P" $1 $2 $3 $4 right
        else
            check "$name: the instruction line starts on the left" PNG side "$P" $1 $2 $3 $4 left
        fi
        [ "${5:-0}" -ge $(( W / 60 )) ] && ok "$name: instruction text ${5} px" || not_ok "$name: instruction text too small: ${5:-?} px"
    done
done

# Legible from 8 m on a 1920x1080 screen (a 55" panel: 0.63 mm a pixel): the
# current call's number at least 150 px (about 7 cm tall capitals).
set -- $(awk '$1 == "hero_number" { print $5; exit }' "$OUT/busy-1920x1080.txt")
check "the current number is large enough for 8 m (${1:-?} px)" [ "${1:-0}" -ge 150 ]
done_testing
