/* Sentences about a ticket (words.h), from the kiosk's catalogue. */
#include "kiosk/words.h"

#include <stdio.h>

#include "ui/phrase.h"

#define DOMAIN "kiosk"

void words_ahead(struct i18n *cat, const char *lang, int ahead, char *out, size_t cap)
{
	char n[16];
	if (ahead <= 0) {
		snprintf(out, cap, "%s", i18n_get(cat, DOMAIN, lang, "You are next."));
		return;
	}
	snprintf(n, sizeof n, "%d", ahead);
	i18n_format(out, cap,
	            i18n_get_n(cat, DOMAIN, lang, NULL, "{n} person ahead of you", "{n} people ahead of you",
	                       (unsigned long)ahead),
	            "n", n, NULL);
}

int words_wait(struct i18n *cat, const char *lang, long seconds, char *out, size_t cap)
{
	char wait[200];
	if (phrase_wait(cat, lang, seconds, wait, sizeof wait) <= 0) {
		if (cap)
			out[0] = '\0';
		return -1;
	}
	i18n_format(out, cap, i18n_get(cat, DOMAIN, lang, "Estimated wait: {wait}"), "wait", wait, NULL);
	return 0;
}
