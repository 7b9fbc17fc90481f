/* Sentences the kiosk says about a ticket, the same on the screen and on
 * the paper: how many people are ahead, and the estimated wait. */
#ifndef FRONTA_KIOSK_WORDS_H
#define FRONTA_KIOSK_WORDS_H

#include <stddef.h>

#include "ui/i18n.h"

/* "3 people ahead of you" (the language's plural), or "You are next." when
 * ahead is 0, into out. */
void words_ahead(struct i18n *cat, const char *lang, int ahead, char *out, size_t cap);

/* "Estimated wait: about 20 minutes" into out. Returns 0, or -1 (out "")
 * when the wait is unknown (negative). */
int words_wait(struct i18n *cat, const char *lang, long seconds, char *out, size_t cap);

#endif
