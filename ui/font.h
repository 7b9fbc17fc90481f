/* Fonts per language: a regular and a bold file for each language of the
 * catalogue, found through fontconfig (Noto first) unless the branch
 * configuration's [fonts] section names a file, plus a Latin font for
 * ticket numbers and counter ids. Each (file, pixel size) is opened once
 * and kept in a small cache. */
#ifndef FRONTA_UI_FONT_H
#define FRONTA_UI_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL2/SDL_ttf.h>

#include "core/config.h"

#define FONTS_LATIN "latin"   /* the pseudo-language of the Latin font */

struct fonts;

/* Starts the font set (and SDL_ttf) and finds the Latin font: [fonts]
 * latin (or default) from cfg if set, else Noto Sans through fontconfig.
 * cfg may be NULL. Returns NULL with a message in err when no Latin font
 * can be found (the message says to install fonts-noto-core). */
struct fonts *fonts_new(const struct config *cfg, char *err, size_t errlen);
void fonts_free(struct fonts *f);

/* Finds the fonts of lang, written in script (ISO 15924, e.g. "Arab"):
 * [fonts] <lang> and <lang>.bold (or default, default.bold) from cfg,
 * else through fontconfig: for Arabic "Noto Sans Arabic UI", "Noto Naskh
 * Arabic UI", then their non-UI forms; for other scripts "Noto Sans UI",
 * "Noto Sans"; then any installed font fontconfig says covers lang (with a
 * warning). A font whose bold weight is missing is emboldened by SDL_ttf.
 * Returns 0, or -1 with a message naming the language and what to install
 * (the language then draws with the Latin font). */
int fonts_add_lang(struct fonts *f, const struct config *cfg, const char *lang, const char *script, char *err,
                   size_t errlen);

/* fonts_add_lang for every language of the catalogue, with its script.
 * Messages for languages without a font are appended to err, one a line.
 * Returns how many languages have no font (0: all found). */
struct i18n;
int fonts_add_catalogue(struct fonts *f, const struct config *cfg, const struct i18n *cat, char *err,
                        size_t errlen);

/* The font for lang (NULL or FONTS_LATIN: the Latin font; a language
 * never added: the Latin font) at px pixels per em, opened once and
 * cached. Owned by the set; valid until the next fonts_get that has to
 * open a font when 48 are open, so use it at once. NULL only if the file
 * cannot be opened (logged once). */
TTF_Font *fonts_get(struct fonts *f, const char *lang, bool bold, int px);

/* The file used for lang ("" if none). */
const char *fonts_file(const struct fonts *f, const char *lang, bool bold);

/* Was a font found for lang by fonts_add_lang? */
bool fonts_has(const struct fonts *f, const char *lang);

/* How many (file, size) pairs are open now (for tests of the cache). */
int fonts_open_count(const struct fonts *f);

#endif
