/* The items of the console's pickers, in the order shown, each with the
 * key that picks it: services (their letters) for transfer and for the
 * services a counter takes, the branch's languages and counters (digits
 * 1-9). The view draws them; the loop turns a key into an item. */
#ifndef FRONTA_CONSOLE_PICKER_H
#define FRONTA_CONSOLE_PICKER_H

#include "console/screen.h"
#include "core/config.h"
#include "ui/i18n.h"

#define PICKER_MAX 32

struct picker_item {
	char key;                      /* written on the item; 0: none (arrows and Enter only) */
	char value[CONFIG_ID_LEN];     /* service letter, language code or counter id */
};

/* The items of mode's picker (none for MODE_MAIN and MODE_NUMBER).
 * Languages are the branch's that the catalogue has. Returns how many. */
int picker_items(enum mode mode, const struct config *cfg, const struct i18n *cat, struct picker_item *out, int max);

/* Index of the item picked by key ch (case does not matter), or -1. */
int picker_find(const struct picker_item *items, int n, char ch);

#endif
