/* Font discovery with fontconfig and the cache of open TTF_Fonts. Opening
 * a font file costs milliseconds, so it happens once per (file, size). */
#include "ui/font.h"

#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/log.h"
#include "ui/i18n.h"

#define MAX_LANGS 40
#define CACHE_MAX 48

struct lang_fonts {
	char code[16];
	char file[2][PATH_MAX];      /* regular, bold */
	bool synth_bold;             /* no bold file: SDL_ttf emboldens the regular one */
	bool found;
};

struct open_font {
	char *path;
	int px;
	bool synth_bold;
	TTF_Font *font;
	uint64_t used;
};

struct fonts {
	struct lang_fonts latin;
	struct lang_fonts langs[MAX_LANGS];
	int n_langs;
	struct open_font cache[CACHE_MAX];
	int n_cache;
	uint64_t tick;
	bool ttf_started;
};

/* fontconfig is started by the first font set and finished with the last,
 * so that nothing it holds outlives the program's fonts (leak checkers). */
static int fc_users;

static bool readable(const char *path) { return path && path[0] && access(path, R_OK) == 0; }

/* One fontconfig match: family (or NULL for any) covering lang at the
 * weight asked. Returns true with the file in out; *bold_ok says whether
 * the match really is bold. */
static bool fc_match(const char *family, const char *lang, bool bold, char *out, size_t cap, bool *bold_ok)
{
	FcPattern *pat = FcPatternCreate(), *match;
	FcResult res;
	bool ok = false;

	if (!pat)
		return false;
	if (family)
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	else
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match) {
		FcChar8 *fam = NULL, *file = NULL;
		FcLangSet *ls = NULL;
		int weight = 0;
		FcBool outline = FcFalse;
		if (FcPatternGetString(match, FC_FAMILY, 0, &fam) == FcResultMatch &&
		    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
		    FcPatternGetLangSet(match, FC_LANG, 0, &ls) == FcResultMatch &&
		    FcLangSetHasLang(ls, (const FcChar8 *)lang) != FcLangDifferentLang &&
		    (!family || strcasecmp((const char *)fam, family) == 0) &&
		    (FcPatternGetBool(match, FC_OUTLINE, 0, &outline) != FcResultMatch || outline)) {
			FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
			*bold_ok = !bold || weight >= FC_WEIGHT_DEMIBOLD;
			snprintf(out, cap, "%s", (const char *)file);
			ok = readable(out);
		}
		FcPatternDestroy(match);
	}
	FcPatternDestroy(pat);
	return ok;
}

static const char *const arabic_families[] = { "Noto Sans Arabic UI", "Noto Naskh Arabic UI", "Noto Sans Arabic",
                                               "Noto Naskh Arabic", NULL };
static const char *const default_families[] = { "Noto Sans UI", "Noto Sans", NULL };

/* Finds regular and bold for lang by fontconfig into lf. */
static bool fc_find(struct lang_fonts *lf, const char *lang, const char *script)
{
	const char *const *fams = script && strcmp(script, "Arab") == 0 ? arabic_families : default_families;
	bool bold_ok = false;
	for (int i = 0; fams[i]; i++) {
		if (!fc_match(fams[i], lang, false, lf->file[0], sizeof lf->file[0], &bold_ok))
			continue;
		if (!fc_match(fams[i], lang, true, lf->file[1], sizeof lf->file[1], &bold_ok) || !bold_ok) {
			snprintf(lf->file[1], sizeof lf->file[1], "%s", lf->file[0]);
			lf->synth_bold = true;
		}
		return true;
	}
	/* any font that covers the language */
	if (fc_match(NULL, lang, false, lf->file[0], sizeof lf->file[0], &bold_ok)) {
		if (!fc_match(NULL, lang, true, lf->file[1], sizeof lf->file[1], &bold_ok) || !bold_ok) {
			snprintf(lf->file[1], sizeof lf->file[1], "%s", lf->file[0]);
			lf->synth_bold = true;
		}
		log_warn("fonts: no Noto font for language %s; using %s (install fonts-noto-core for the intended look)",
		         lang, lf->file[0]);
		return true;
	}
	return false;
}

/* [fonts] key and key.bold from cfg. Returns 1 if set and readable,
 * 0 if not set, -1 if set but unreadable (message in err). */
static int from_config(struct lang_fonts *lf, const struct config *cfg, const char *key, char *err, size_t errlen)
{
	char bkey[64];
	const char *reg, *bold;
	if (!cfg)
		return 0;
	reg = config_str(cfg, "fonts", key);
	if (!reg || !reg[0])
		return 0;
	if (!readable(reg)) {
		snprintf(err, errlen, "%.200s:%d: [fonts] %s = %.200s: cannot read the file", cfg->path,
		         config_line(cfg, "fonts", key), key, reg);
		return -1;
	}
	snprintf(lf->file[0], sizeof lf->file[0], "%s", reg);
	snprintf(bkey, sizeof bkey, "%s.bold", key);
	bold = config_str(cfg, "fonts", bkey);
	if (bold && bold[0]) {
		if (!readable(bold)) {
			snprintf(err, errlen, "%.200s:%d: [fonts] %s = %.200s: cannot read the file", cfg->path,
			         config_line(cfg, "fonts", bkey), bkey, bold);
			return -1;
		}
		snprintf(lf->file[1], sizeof lf->file[1], "%s", bold);
	} else {
		snprintf(lf->file[1], sizeof lf->file[1], "%s", reg);
		lf->synth_bold = true;
	}
	return 1;
}

/* Fills lf for lang: configuration first, then fontconfig. */
static int resolve(struct lang_fonts *lf, const struct config *cfg, const char *lang, const char *script,
                   char *err, size_t errlen)
{
	int k;
	memset(lf, 0, sizeof *lf);
	snprintf(lf->code, sizeof lf->code, "%s", lang);
	k = from_config(lf, cfg, lang, err, errlen);
	if (k == 0)
		k = from_config(lf, cfg, "default", err, errlen);
	if (k < 0)
		return -1;
	if (k == 0 && !fc_find(lf, strcmp(lang, FONTS_LATIN) == 0 ? "en" : lang, script)) {
		snprintf(err, errlen,
		         "no font for language %s (script %s): install fonts-noto-core (Debian), "
		         "or name a font file in the branch configuration: [fonts] %s = /path/to/font.ttf",
		         lang, script ? script : "?", lang);
		return -1;
	}
	lf->found = true;
	return 0;
}

struct fonts *fonts_new(const struct config *cfg, char *err, size_t errlen)
{
	struct fonts *f;
	char e[600] = "";
	if (!err || errlen == 0) {
		err = e;
		errlen = sizeof e;
	}
	err[0] = '\0';
	if (!FcInit()) {
		snprintf(err, errlen, "fontconfig cannot start (is fontconfig installed?)");
		return NULL;
	}
	fc_users++;
	f = calloc(1, sizeof *f);
	if (!f) {
		if (--fc_users == 0)
			FcFini();
		return NULL;
	}
	if (TTF_Init() < 0) {   /* counted: each fonts_new pairs with a TTF_Quit */
		snprintf(err, errlen, "SDL_ttf cannot start: %s", TTF_GetError());
		free(f);
		return NULL;
	}
	f->ttf_started = true;
	if (resolve(&f->latin, cfg, FONTS_LATIN, "Latn", err, errlen) < 0) {
		fonts_free(f);
		return NULL;
	}
	return f;
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n_cache; i++) {
		TTF_CloseFont(f->cache[i].font);
		free(f->cache[i].path);
	}
	if (f->ttf_started)
		TTF_Quit();
	free(f);
	if (--fc_users == 0)
		FcFini();
}

static struct lang_fonts *find_lang(const struct fonts *f, const char *lang)
{
	if (!lang || strcmp(lang, FONTS_LATIN) == 0)
		return (struct lang_fonts *)&f->latin;
	for (int i = 0; i < f->n_langs; i++)
		if (strcmp(f->langs[i].code, lang) == 0)
			return (struct lang_fonts *)&f->langs[i];
	return NULL;
}

int fonts_add_lang(struct fonts *f, const struct config *cfg, const char *lang, const char *script, char *err,
                   size_t errlen)
{
	struct lang_fonts lf, *slot;
	char e[600] = "";
	if (!err || errlen == 0) {
		err = e;
		errlen = sizeof e;
	}
	err[0] = '\0';
	if (!f || !lang)
		return -1;
	if (resolve(&lf, cfg, lang, script, err, errlen) < 0)
		return -1;
	slot = find_lang(f, lang);
	if (!slot) {
		if (f->n_langs >= MAX_LANGS) {
			snprintf(err, errlen, "too many languages (at most %d)", MAX_LANGS);
			return -1;
		}
		slot = &f->langs[f->n_langs++];
	}
	*slot = lf;
	return 0;
}

int fonts_add_catalogue(struct fonts *f, const struct config *cfg, const struct i18n *cat, char *err,
                        size_t errlen)
{
	int missing = 0;
	size_t used = 0;
	if (err && errlen)
		err[0] = '\0';
	for (int i = 0; i < i18n_lang_count(cat); i++) {
		const char *lang = i18n_lang_code(cat, i);
		char e[700];
		if (fonts_add_lang(f, cfg, lang, i18n_lang_script(cat, lang), e, sizeof e) < 0) {
			int k;
			missing++;
			if (err && used < errlen) {
				k = snprintf(err + used, errlen - used, "%s\n", e);
				if (k > 0)
					used += (size_t)k;
			}
		}
	}
	return missing;
}

TTF_Font *fonts_get(struct fonts *f, const char *lang, bool bold, int px)
{
	const struct lang_fonts *lf = find_lang(f, lang);
	const char *path;
	bool synth;
	int slot = -1;

	if (!lf || !lf->found)
		lf = &f->latin;
	if (px < 1)
		px = 1;
	if (px > 2000)
		px = 2000;
	path = lf->file[bold ? 1 : 0];
	synth = bold && lf->synth_bold;
	f->tick++;
	for (int i = 0; i < f->n_cache; i++) {
		struct open_font *o = &f->cache[i];
		if (o->px == px && o->synth_bold == synth && strcmp(o->path, path) == 0) {
			o->used = f->tick;
			return o->font;
		}
	}
	if (f->n_cache < CACHE_MAX) {
		slot = f->n_cache++;
	} else {
		/* the least recently used goes */
		slot = 0;
		for (int i = 1; i < f->n_cache; i++)
			if (f->cache[i].used < f->cache[slot].used)
				slot = i;
		TTF_CloseFont(f->cache[slot].font);
		free(f->cache[slot].path);
	}
	memset(&f->cache[slot], 0, sizeof f->cache[slot]);
	f->cache[slot].font = TTF_OpenFont(path, px);
	f->cache[slot].path = strdup(path);
	if (!f->cache[slot].font || !f->cache[slot].path) {
		log_error("fonts: cannot open %s at %d px: %s", path, px, TTF_GetError());
		if (f->cache[slot].font)
			TTF_CloseFont(f->cache[slot].font);
		free(f->cache[slot].path);
		f->cache[slot] = f->cache[--f->n_cache];
		return NULL;
	}
	f->cache[slot].px = px;
	f->cache[slot].synth_bold = synth;
	f->cache[slot].used = f->tick;
	TTF_SetFontHinting(f->cache[slot].font, TTF_HINTING_LIGHT);
	TTF_SetFontKerning(f->cache[slot].font, 1);
	if (synth)
		TTF_SetFontStyle(f->cache[slot].font, TTF_STYLE_BOLD);
	return f->cache[slot].font;
}

const char *fonts_file(const struct fonts *f, const char *lang, bool bold)
{
	const struct lang_fonts *lf = f ? find_lang(f, lang) : NULL;
	return lf && lf->found ? lf->file[bold ? 1 : 0] : "";
}

bool fonts_has(const struct fonts *f, const char *lang)
{
	const struct lang_fonts *lf = f ? find_lang(f, lang) : NULL;
	return lf && lf->found;
}

int fonts_open_count(const struct fonts *f) { return f ? f->n_cache : 0; }
