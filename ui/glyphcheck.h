/* Glyph check: does every character people may see have a glyph in the
 * fonts that will draw it? For each msgstr of a domain in a language (and
 * the language's native name), every code point must be in the language's
 * font or in the Latin font, regular and bold, the same fallback text.h
 * uses. This is what `fronta-kiosk --check` and fronta-glyphcheck run. */
#ifndef FRONTA_UI_GLYPHCHECK_H
#define FRONTA_UI_GLYPHCHECK_H

#include <stdint.h>

#include "core/config.h"
#include "ui/font.h"
#include "ui/i18n.h"

struct glyph_miss {
	const char *lang;
	const char *domain;     /* "config" for the branch configuration's texts */
	const char *msgid;      /* or the configuration key, e.g. "service A name" */
	const char *where;      /* "common/ar.po:123" or "demo.ini:20" */
	uint32_t cp;            /* the missing character */
	const char *font;       /* the language's font file */
};

typedef void (*glyphcheck_fn)(void *user, const struct glyph_miss *miss);

/* Checks every entry of domain in lang (every language if lang is NULL).
 * Calls fn for each missing (entry, character) once. Returns the count. */
int glyphcheck_domain(struct fonts *f, struct i18n *cat, const char *domain, const char *lang, glyphcheck_fn fn,
                      void *user);

/* Every loaded domain in every language, and each language's native name.
 * Returns the count of misses. */
int glyphcheck_all(struct fonts *f, struct i18n *cat, glyphcheck_fn fn, void *user);

/* The branch's service names and explanations in each branch language. */
int glyphcheck_config(struct fonts *f, struct i18n *cat, const struct config *cfg, glyphcheck_fn fn, void *user);

/* "U+0628 'ب'" for messages: writes into out (at least 24 bytes). */
const char *glyphcheck_describe(uint32_t cp, char *out, size_t cap);

#endif
