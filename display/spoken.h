/* What the display says aloud for a call, in each language, from the
 * catalogue (assets/i18n/display, msgctxt "speech" and "letter name"): the
 * ticket number read the way a person reads it ("A023" is "A twenty-three":
 * the letter by its name in that language, the digits as one number without
 * the leading zeros) and the counter. No SDL, no sound here. */
#ifndef FRONTA_DISPLAY_SPOKEN_H
#define FRONTA_DISPLAY_SPOKEN_H

#include <stddef.h>

#include "ui/i18n.h"

#define SPOKEN_DOMAIN "display"
#define SPOKEN_MAX_LANGS 2

/* Splits a ticket number ("A023") into its letter ("A") and its digits as
 * read ("23"; "A100" gives "100", "A1000" "1000"). Returns 0, or -1 if
 * number is not a capital letter followed by 1 to 6 digits. */
int spoken_split(const char *number, char *letter, size_t lcap, char *digits, size_t dcap);

/* The sentence for a call in lang, e.g. "Číslo [[a:]] 23, přepážka číslo 2."
 * (espeak-ng reads [[...]] as phonemes; the catalogue uses it only where a
 * plain spelling is misread). Returns its length, or -1 if number is not a
 * ticket number or out is too small. */
int spoken_call(struct i18n *cat, const char *lang, const char *number, const char *counter, char *out,
                size_t cap);

/* The languages a call is spoken in, in order: local (the branch's first
 * language) always, then ticket_lang if it differs and is one of
 * speech_langs (codes separated by spaces or commas). out[] points into
 * the arguments. Returns how many (1 or 2). */
int spoken_langs(const char *local, const char *ticket_lang, const char *speech_langs,
                 const char *out[SPOKEN_MAX_LANGS]);

#endif
