/* The translation catalogue: every string people see, read from gettext
 * .po files under <assets>/i18n/<domain>/<lang>.po. Domains: common (shared
 * by all programs), kiosk, display, console, report. A program loads
 * common and its own domain. Languages and their metadata (native name,
 * direction, script, plural rule) come from the headers of the common .po files, so
 * adding a language is adding files, not code. No SDL here.
 *
 * Not thread-safe: use one catalogue from one thread (the SDL thread). */
#ifndef FRONTA_UI_I18N_H
#define FRONTA_UI_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define I18N_MAX_LANGS   32
#define I18N_DOMAIN_LEN  32
#define I18N_COMMON      "common"
#define I18N_SOURCE_LANG "en"      /* the language of msgids, and the fallback */

struct i18n;

/* An empty catalogue rooted at dir (the folder holding common/, kiosk/, ...;
 * usually assets_path(assets, "i18n")). Returns NULL only without memory. */
struct i18n *i18n_new(const char *dir);
void i18n_free(struct i18n *cat);

/* Reads every <lang>.po of dir/<domain>/ (lang: 2-3 lower-case letters).
 * Load "common" first: it defines the languages. Each mistake is appended
 * to err as "path:line: what\n"; entries with mistakes are left out, the
 * rest is used. Returns the number of mistakes (0: clean), or -1 if the
 * folder cannot be read. */
int i18n_load(struct i18n *cat, const char *domain, char *err, size_t errlen);

/* i18n_load for every folder of dir, common first. Returns the total
 * number of mistakes, or -1 if dir or its common/ cannot be read. */
int i18n_load_all(struct i18n *cat, char *err, size_t errlen);

/* Adds one file's text (for tests and for i18n_load): domain and lang say
 * where it belongs, name is used in messages. Same return as i18n_load. */
int i18n_add_po(struct i18n *cat, const char *domain, const char *lang, const char *text, size_t len,
                const char *name, char *err, size_t errlen);

/* Lookups. domain is the caller's own domain (NULL: common); a msgid not
 * found there is looked up in common too. ctx is the msgctxt (NULL: none).
 * Fallback chain: lang, then English, then msgid itself (for plurals:
 * msgid when n == 1, else msgid_plural). A missing translation is logged
 * once per (lang, msgid) as a warning. Fuzzy and empty msgstr count as
 * missing. The returned string belongs to the catalogue (or is msgid) and
 * lives as long as it; never NULL when msgid is not NULL. */
const char *i18n_get(struct i18n *cat, const char *domain, const char *lang, const char *msgid);
const char *i18n_get_ctx(struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                         const char *msgid);
const char *i18n_get_n(struct i18n *cat, const char *domain, const char *lang, const char *ctx,
                       const char *msgid, const char *msgid_plural, unsigned long n);

/* Is there a usable translation (not fuzzy, not empty) in exactly this
 * domain and language? No fallback, no warning. */
bool i18n_has(const struct i18n *cat, const char *domain, const char *lang, const char *ctx,
              const char *msgid);

/* Named placeholders: copies tmpl to out (cap bytes), replacing each
 * "{name}" by the value given for name. Arguments are name, value pairs
 * of strings ended by NULL (at most 16 pairs):
 *     i18n_format(buf, sizeof buf, tmpl, "number", "A023", "counter", "2", NULL);
 * A placeholder with no value given is left as it is, so the mistake
 * shows; braces around anything but a lower-case name are plain text.
 * Returns the length written, or -1 if out was too small (out then holds
 * as much as fits, cut at a character boundary). */
int i18n_format(char *out, size_t cap, const char *tmpl, ...) __attribute__((sentinel));

struct i18n_arg {
	const char *name;
	const char *value;
};
int i18n_format_args(char *out, size_t cap, const char *tmpl, const struct i18n_arg *args, int n_args);

/* Languages, in the order of their codes' first appearance: those with a
 * common/<lang>.po. */
int i18n_lang_count(const struct i18n *cat);
const char *i18n_lang_code(const struct i18n *cat, int i);   /* NULL if i is out of range */
bool i18n_has_lang(const struct i18n *cat, const char *lang);
/* X-Fronta-Native-Name ("Українська"); the code itself if the header has none. */
const char *i18n_lang_native(const struct i18n *cat, const char *lang);
/* X-Fronta-English-Name ("Ukrainian"), for operators' logs; the code if none. */
const char *i18n_lang_english(const struct i18n *cat, const char *lang);
/* X-Fronta-Direction: rtl. Unknown languages are left-to-right. */
bool i18n_lang_rtl(const struct i18n *cat, const char *lang);
/* X-Fronta-Script, ISO 15924 ("Latn", "Cyrl", "Arab"); "Latn" if none. */
const char *i18n_lang_script(const struct i18n *cat, const char *lang);
/* Plural form index for n in lang (English's rule if lang is unknown). */
int i18n_plural_index(const struct i18n *cat, const char *lang, unsigned long n);
int i18n_plural_count(const struct i18n *cat, const char *lang);

/* Domains loaded so far, in load order. */
int i18n_domain_count(const struct i18n *cat);
const char *i18n_domain_name(const struct i18n *cat, int i);

/* One entry as read from a file, for checks (i18n_check.h, glyphcheck.h). */
struct i18n_entry {
	const char *domain, *lang;
	const char *ctx;             /* NULL if none */
	const char *msgid;
	const char *msgid_plural;    /* NULL if not plural */
	const char *const *str;      /* n_str strings */
	int n_str;
	bool fuzzy;
	const char *file;
	int line;
};
typedef void (*i18n_entry_fn)(void *user, const struct i18n_entry *e);

/* Calls fn for every entry of domain in lang (lang NULL: every language),
 * in file order, the header excluded. */
void i18n_each(const struct i18n *cat, const char *domain, const char *lang, i18n_entry_fn fn, void *user);

#endif
