/* The console's sentences: actions, reasons a button cannot act, frontad's
 * error codes and what just happened, in the worker's language, from the
 * catalogue (domain "console", then "common"). frontad's error `message`
 * is never shown: the code is translated. No SDL here. */
#ifndef FRONTA_CONSOLE_WORDS_H
#define FRONTA_CONSOLE_WORDS_H

#include <stddef.h>

#include "console/model.h"
#include "ui/i18n.h"

#define WORDS_DOMAIN "console"

/* A button's label ("Call next"); resume_opens: ACT_RESUME of a closed
 * counter reads "Open the counter". Owned by the catalogue. */
const char *words_action(struct i18n *cat, const char *lang, enum action a, bool resume_opens);

/* Why a button cannot act now ("Nobody is waiting"); "" for WHY_OK. */
const char *words_why(struct i18n *cat, const char *lang, enum why_not w);

/* frontad's error code (or the console's own: "refused", "bad_answer",
 * "no_answer") as a sentence; number fills {number}. Returns the length,
 * or -1 if out was too small. */
int words_error(struct i18n *cat, const char *lang, const char *code, const char *number, char *out, size_t cap);

/* What the note says, for the status line ("A023 done"). Returns the
 * length (0 for NOTE_NONE), or -1 if out was too small. */
int words_note(struct i18n *cat, const struct config *cfg, const char *lang, const struct model_note *n, char *out,
               size_t cap);

/* The name of language code in the worker's language ("ukrajinština"),
 * from the console catalogue's "language" entries keyed by the English
 * name in the code's catalogue header; the English name if untranslated. */
const char *words_language(struct i18n *cat, const char *ui_lang, const char *code);

/* "Open", "Paused", "Closed" */
const char *words_counter_state(struct i18n *cat, const char *lang, enum counter_state st);

/* "HH:MM" in the branch's zone. */
void words_time(int64_t ms, char out[8]);

#endif
