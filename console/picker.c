/* Picker items (picker.h). */
#include "console/picker.h"

#include <ctype.h>
#include <stdio.h>

static void item(struct picker_item *it, char key, const char *value)
{
	it->key = key;
	snprintf(it->value, sizeof it->value, "%s", value);
}

int picker_items(enum mode mode, const struct config *cfg, const struct i18n *cat, struct picker_item *out, int max)
{
	int n = 0;
	switch (mode) {
	case MODE_TRANSFER:
	case MODE_SERVICES:
		for (int i = 0; i < cfg->n_services && n < max; i++) {
			char s[2] = { cfg->services[i].letter, '\0' };
			item(&out[n++], s[0], s);
		}
		break;
	case MODE_LANGUAGE:
		for (int i = 0; i < cfg->n_langs && n < max; i++)
			if (i18n_has_lang(cat, cfg->langs[i])) {
				item(&out[n], n < 9 ? (char)('1' + n) : 0, cfg->langs[i]);
				n++;
			}
		break;
	case MODE_COUNTER:
		for (int i = 0; i < cfg->n_counters && n < max; i++) {
			item(&out[n], n < 9 ? (char)('1' + n) : 0, cfg->counters[i].id);
			n++;
		}
		break;
	default: break;
	}
	return n;
}

int picker_find(const struct picker_item *items, int n, char ch)
{
	ch = (char)toupper((unsigned char)ch);
	for (int i = 0; i < n; i++)
		if (items[i].key && items[i].key == ch)
			return i;
	return -1;
}
