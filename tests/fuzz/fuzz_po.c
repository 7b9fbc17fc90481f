/* Fuzz target: the translation catalogue's reader (ui/po.c, ui/i18n.c) and
 * the Plural-Forms evaluator (ui/plural.c). Any bytes load without a crash;
 * everything the catalogue keeps is valid UTF-8, plural entries have as many
 * forms as their rule, and formatting never cuts a character in two. */
#include <string.h>

#include "core/log.h"
#include "core/utf8.h"
#include "tests/fuzz/fuzz.h"
#include "ui/i18n.h"
#include "ui/plural.h"

static void check_entry(void *user, const struct i18n_entry *e)
{
	struct i18n *cat = user;
	char out[24];
	FUZZ_CHECK(utf8_valid(e->msgid, strlen(e->msgid)));
	for (int i = 0; i < e->n_str; i++) {
		FUZZ_CHECK(utf8_valid(e->str[i], strlen(e->str[i])));
		/* a short buffer is cut between characters, and terminated */
		i18n_format(out, sizeof out, e->str[i], "n", "12345", "number", "A023", NULL);
		FUZZ_CHECK(strlen(out) < sizeof out);
		FUZZ_CHECK(utf8_valid(out, strlen(out)));
	}
	if (e->msgid_plural)
		FUZZ_CHECK(e->n_str == i18n_plural_count(cat, e->lang));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct i18n *cat = i18n_new("/nonexistent");
	char err[2048], forms[256];
	struct plural *p;
	int n;

	log_init("fuzz_po", LOG_ERROR);
	n = i18n_add_po(cat, "common", "cs", (const char *)data, size, "f.po", err, sizeof err);
	FUZZ_CHECK(n >= 0);
	FUZZ_CHECK(n == 0 || err[0] != '\0');
	i18n_each(cat, "common", NULL, check_entry, cat);
	for (unsigned long k = 0; k < 130; k += 7)
		FUZZ_CHECK(i18n_get_n(cat, NULL, "cs", NULL, "{n} day", "{n} days", k) != NULL);
	FUZZ_CHECK(i18n_get(cat, "kiosk", "cs", "Hello") != NULL);
	i18n_free(cat);

	/* the same bytes as a Plural-Forms header */
	n = size < sizeof forms ? (int)size : (int)sizeof forms - 1;
	memcpy(forms, data, (size_t)n);
	forms[n] = '\0';
	p = plural_parse(forms, err, sizeof err);
	if (p) {
		for (unsigned long k = 0; k < 2000; k += 13)
			FUZZ_CHECK(plural_index(p, k) >= 0 && plural_index(p, k) < plural_count(p));
		plural_free(p);
	} else {
		FUZZ_CHECK(err[0] != '\0');
	}
	return 0;
}
