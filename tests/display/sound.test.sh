#!/bin/sh
# The display's sound, heard through SDL's disk audio driver (it writes the
# samples the device would play, in real time, to a file): with real
# mosquitto and frontad, a Ukrainian ticket is called, a Mongolian one (no
# espeak-ng voice: Czech only), then the first is recalled. In the file:
# the chime (made by the same code), then the Czech sentence, then the
# Ukrainian one, each found by comparing with espeak-ng's own synthesis of
# the sentence the display logged; nothing after the Czech for Mongolian;
# the recall again in full; the loudness follows [display] volume.
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/display.sh"

DA="$TOOLS/display_audio"
display_world

# the demo branch, at half volume, Mongolian allowed as a second language
# (espeak-ng has no voice for it here)
{ cat "$ROOT/config/demo.ini"; printf '\n[display]\nvolume = 50\nspeech_languages = cs en uk ru vi mn ar\n'; } \
    > "$T/branch.ini"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/audio.raw" \
    bg "$T/display.log" "$BIN/fronta-display" --config "$T/branch.ini" --broker "127.0.0.1:$BROKER_PORT" --size 1280x720
DISPLAY_PID=$BG_PID
presence() { mosquitto_sub -p "$BROKER_PORT" -t "fronta/v1/$BRANCH/presence/display-1" -C 1 -W 2 2>/dev/null; }
check "the display is on screen (presence with a seq)" wait_for 10 sh -c "mosquitto_sub -p $BROKER_PORT -t fronta/v1/$BRANCH/presence/display-1 -C 1 -W 2 | grep -q seq"
check "it plays through the disk driver" wait_for 5 grep -q "sound through disk" "$T/display.log"
RATE=$(sed -n 's/.*sound through disk at \([0-9]*\) Hz.*/\1/p' "$T/display.log" | head -n 1)
diag "sample rate ${RATE:-?}"

ctl issue A --lang uk >/dev/null && ctl issue S --lang mn >/dev/null
ctl call 1 >/dev/null && ctl call 2 >/dev/null && ctl recall 1 >/dev/null
check "three announcements played to their end" wait_for 45 sh -c "[ \$(grep -c 'announced ' '$T/display.log') -ge 3 ]"
stop_display "$DISPLAY_PID"
grep 'announced ' "$T/display.log" | sed 's/^/# /'

# what was said, as logged: LABEL LANG TEXT lines
said() {   # said N LANG: the text of announcement N (1..) in LANG
    grep 'announced ' "$T/display.log" | sed -n "${1}p" |
        sed -n "s/.*; $2 [0-9.]* s \"\([^\"]*\)\".*/\1/p"
}
is "$(grep 'announced ' "$T/display.log" | sed -n 1p | sed 's/.*announced \([^:]*\):.*/\1/')" "A001 -> 1" \
    "the first announcement is A001 at counter 1"
is "$(said 1 cs)" "Číslo [['a:]] 1, přepážka číslo 1." "in Czech: the letter by its name, the number as read"
is "$(said 1 uk)" "Номер а 1, віконце номер 1." "then in Ukrainian"
is "$(said 2 cs)" "Číslo es 1, přepážka číslo 2." "the Mongolian ticket in Czech"
is "$(said 2 mn)" "" "and not in Mongolian (espeak-ng has no voice)"
check "the missing voice is said in the log" grep -q 'no voice for "mn"' "$T/display.log"
is "$(grep 'announced ' "$T/display.log" | sed -n 3p | sed 's/.*announced \([^:]*\):.*/\1/')" "A001 -> 1 (recall)" \
    "the recall is announced again"

# espeak-ng's own synthesis of each sentence, at the display's rate
check "espeak-ng's command (package espeak-ng, scripts/deps.sh) is here for the reference" command -v espeak-ng
espeak-ng -v cs -s 150 --stdout "$(said 1 cs)" > "$T/cs1.wav"
espeak-ng -v uk -s 150 --stdout "$(said 1 uk)" > "$T/uk1.wav"
espeak-ng -v cs -s 150 --stdout "$(said 2 cs)" > "$T/cs2.wav"

SECS=$(( $(stat -c %s "$T/audio.raw") / 2 / ${RATE:-22050} ))
"$DA" segments "$T/audio.raw" "${RATE:-22050}" > "$T/segments"
diag "$SECS s recorded; sounding parts (start, length):"
diag "$(cat "$T/segments")"
loud=$(awk '{ s += $2 } END { printf "%d", s }' "$T/segments")
check "not silent: ${loud} s of sound, plausible for three calls" [ "$loud" -ge 12 -a "$loud" -le 40 ]

# find REF FROM: prints the end of REF's match (seconds) if found
find_after() {
    _r=$("$DA" find "$T/audio.raw" "${RATE:-22050}" "$1" "$2"); _rc=$?
    echo "# $1 after $2 s: $_r" >&2
    [ $_rc -eq 0 ] || return 1
    echo "$_r" | awk '{ print $2, $3 }'
}
pos=0
step() {   # step NAME REF: REF sounds after the previous one
    if out=$(find_after "$2" "$pos"); then
        start=${out% *}; pos=${out#* }
        ok "$1 (from $start s to $pos s)"
    else
        not_ok "$1"
    fi
}
step "call 1: the chime" chime
chime1=$start
step "call 1: then Czech" "$T/cs1.wav"
step "call 1: then Ukrainian" "$T/uk1.wav"
step "call 2: the chime" chime
step "call 2: then Czech" "$T/cs2.wav"
after_cs2=$pos
step "recall: the chime" chime
# after the Czech of call 2 the next sound is the recall's chime: no second language
next=$(awk -v p="$after_cs2" '$1 > p + 0.05 { print $1; exit }' "$T/segments")
check "call 2 says nothing after its Czech before the next chime (next sound at ${next:-?} s, chime at $start s)" \
    awk -v n="${next:-0}" -v c="$start" 'BEGIN { exit !(n - c < 0.05 && c - n < 0.05) }'
step "recall: then Czech" "$T/cs1.wav"
step "recall: then Ukrainian" "$T/uk1.wav"

# the chime at half volume: its peak is half of full scale times CHIME_PEAK (0.6)
peak=$("$DA" peak "$T/audio.raw" "${RATE:-22050}" "$chime1" "$(echo "$chime1 + 1.4" | bc)")
check "volume 50: the chime peaks at ${peak} (0.6 x 0.5 of full scale is 9830)" [ "${peak:-0}" -ge 9700 -a "${peak:-0}" -le 9900 ]
done_testing
