/* A reader for gettext .po files as translators' tools write them
 * (Poedit, Weblate, msgmerge): comments, flags, msgctxt, multi-line
 * strings, C escapes, msgid_plural and msgstr[n]. No SDL here. */
#ifndef FRONTA_UI_PO_H
#define FRONTA_UI_PO_H

#include <stdbool.h>
#include <stddef.h>

#define PO_MAX_FORMS 6          /* msgstr[0] .. msgstr[5] */
#define PO_MAX_STRING 65536     /* longest string accepted, in bytes */

/* One entry, valid only during the callback. */
struct po_entry {
	const char *ctx;            /* msgctxt, or NULL */
	const char *id;             /* msgid ("" for the header) */
	const char *id_plural;      /* msgid_plural, or NULL */
	const char *str[PO_MAX_FORMS]; /* msgstr, or msgstr[0..n_str-1] */
	int n_str;
	bool fuzzy;                 /* "#, fuzzy": not to be used */
	int line;                   /* line of its first keyword */
};

typedef void (*po_entry_fn)(void *user, const struct po_entry *e);
typedef void (*po_error_fn)(void *user, int line, const char *msg);

/* Reads text[0..len) and calls on_entry for every well-formed entry, in
 * file order (obsolete "#~" entries are skipped). Each mistake is reported
 * once through on_error with its line, and the entry it is in is left out;
 * reading goes on with the next entry. Invalid UTF-8, NUL bytes, strings
 * longer than PO_MAX_STRING and plural indexes beyond PO_MAX_FORMS are
 * mistakes. After 50 mistakes the rest of the text is not read.
 * Returns the number of mistakes (0: clean). */
int po_parse(const char *text, size_t len, po_entry_fn on_entry, po_error_fn on_error, void *user);

#endif
