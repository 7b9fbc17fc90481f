#!/bin/sh
# fronta-glyphcheck: every character of every translation (and of the demo
# branch's service texts) has a glyph; a character no font has is named.
. "$(dirname "$0")/../lib/common.sh"
GC="$BIN/fronta-glyphcheck"

"$GC" >"$T/out" 2>&1
is "$?" "0" "every language of assets/i18n has all its glyphs"
diag "$(cat "$T/out")"
check "it says how many languages it checked" grep -q "7 languages.*0 missing glyphs" "$T/out"

"$GC" --config "$CONFIG" >"$T/out" 2>&1
is "$?" "0" "and so do the demo branch's service names and explanations"

# a copy of the catalogue with a character no installed font has
cp -r "$ROOT/assets" "$T/assets"
cat >>"$T/assets/i18n/common/ar.po" <<'PO'

msgid "Sun"
msgstr "☀ 日"
PO
cat >>"$T/assets/i18n/common/en.po" <<'PO'

msgid "Sun"
msgstr "Sun"
PO
"$GC" --assets "$T/assets" >"$T/out" 2>&1
is "$?" "1" "a missing glyph makes it fail"
check "it names the file, the language, the msgid and the character" \
    grep -q 'common/ar.po:[0-9]*: ar: "Sun": U+65E5 .日. is not in' "$T/out"
diag "$(grep U+ "$T/out")"

"$GC" --assets "$T/nowhere" >"$T/out" 2>&1
is "$?" "2" "no catalogue: an error, said"
check "naming the folder" grep -q "nowhere" "$T/out"

FRONTA_ASSETS="$T/assets" "$GC" -q >"$T/out" 2>&1
is "$?" "1" "FRONTA_ASSETS chooses the catalogue too"
done_testing
