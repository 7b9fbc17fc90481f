/* Glyph coverage of the catalogue and the configuration, with the fonts
 * the text drawer would use. */
#include "ui/glyphcheck.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

struct run {
	struct fonts *f;
	struct i18n *cat;
	glyphcheck_fn fn;
	void *user;
	int count;
};

/* Checks one text; reports each missing character once per text. */
static void check_text(struct run *r, const char *lang, const char *domain, const char *msgid, const char *where,
                       const char *s)
{
	TTF_Font *fonts[4];
	uint32_t seen[64];
	int n_seen = 0;
	size_t len = strlen(s);
	fonts[0] = fonts_get(r->f, lang, false, 24);
	fonts[1] = fonts_get(r->f, FONTS_LATIN, false, 24);
	fonts[2] = fonts_get(r->f, lang, true, 24);
	fonts[3] = fonts_get(r->f, FONTS_LATIN, true, 24);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		bool regular, bold, dup = false;
		if (k == 0) {
			k = 1;
			cp = 0xfffd;
		}
		i += k;
		if (cp < 0x20 || cp == 0x200b || cp == 0x200c || cp == 0x200d)
			continue;   /* newlines and invisible joiners need no glyph */
		regular = (fonts[0] && TTF_GlyphIsProvided32(fonts[0], cp)) ||
		          (fonts[1] && TTF_GlyphIsProvided32(fonts[1], cp));
		bold = (fonts[2] && TTF_GlyphIsProvided32(fonts[2], cp)) || (fonts[3] && TTF_GlyphIsProvided32(fonts[3], cp));
		if (regular && bold)
			continue;
		for (int j = 0; j < n_seen; j++)
			dup |= seen[j] == cp;
		if (dup)
			continue;
		if (n_seen < 64)
			seen[n_seen++] = cp;
		r->count++;
		if (r->fn) {
			struct glyph_miss m = { lang, domain, msgid, where, cp, fonts_file(r->f, lang, !regular) };
			r->fn(r->user, &m);
		}
	}
}

static void on_entry(void *user, const struct i18n_entry *e)
{
	struct run *r = user;
	char where[300];
	const char *slash = strrchr(e->file, '/');
	const char *dir_end = slash;
	/* "domain/lang.po:line" is enough to find it */
	if (slash) {
		while (dir_end > e->file && dir_end[-1] != '/')
			dir_end--;
	}
	snprintf(where, sizeof where, "%s:%d", dir_end ? dir_end : e->file, e->line);
	for (int i = 0; i < e->n_str; i++)
		check_text(r, e->lang, e->domain, e->msgid, where, e->str[i]);
}

int glyphcheck_domain(struct fonts *f, struct i18n *cat, const char *domain, const char *lang, glyphcheck_fn fn,
                      void *user)
{
	struct run r = { f, cat, fn, user, 0 };
	i18n_each(cat, domain, lang, on_entry, &r);
	return r.count;
}

int glyphcheck_all(struct fonts *f, struct i18n *cat, glyphcheck_fn fn, void *user)
{
	struct run r = { f, cat, fn, user, 0 };
	for (int i = 0; i < i18n_lang_count(cat); i++) {
		const char *lang = i18n_lang_code(cat, i);
		char where[64];
		snprintf(where, sizeof where, "%s/%s.po header", I18N_COMMON, lang);
		check_text(&r, lang, I18N_COMMON, "X-Fronta-Native-Name", where, i18n_lang_native(cat, lang));
	}
	for (int d = 0; d < i18n_domain_count(cat); d++)
		i18n_each(cat, i18n_domain_name(cat, d), NULL, on_entry, &r);
	return r.count;
}

int glyphcheck_config(struct fonts *f, struct i18n *cat, const struct config *cfg, glyphcheck_fn fn, void *user)
{
	struct run r = { f, cat, fn, user, 0 };
	const char *file = strrchr(cfg->path, '/') ? strrchr(cfg->path, '/') + 1 : cfg->path;
	for (int s = 0; s < cfg->n_services; s++) {
		const struct service_cfg *sv = &cfg->services[s];
		char where[300], what[64];
		snprintf(where, sizeof where, "%.250s:%d", file, sv->line);
		for (int l = 0; l < cfg->n_langs; l++) {
			snprintf(what, sizeof what, "service %c name", sv->letter);
			check_text(&r, cfg->langs[l], "config", what, where, sv->name[l]);
			snprintf(what, sizeof what, "service %c about", sv->letter);
			check_text(&r, cfg->langs[l], "config", what, where, sv->about[l]);
		}
	}
	(void)cat;
	return r.count;
}

const char *glyphcheck_describe(uint32_t cp, char *out, size_t cap)
{
	char utf[8] = "";
	int n = 0;
	if (cp < 0x80) {
		utf[n++] = (char)cp;
	} else if (cp < 0x800) {
		utf[n++] = (char)(0xc0 | (cp >> 6));
		utf[n++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		utf[n++] = (char)(0xe0 | (cp >> 12));
		utf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		utf[n++] = (char)(0x80 | (cp & 0x3f));
	} else {
		utf[n++] = (char)(0xf0 | (cp >> 18));
		utf[n++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		utf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		utf[n++] = (char)(0x80 | (cp & 0x3f));
	}
	utf[n] = '\0';
	snprintf(out, cap, "U+%04X '%s'", (unsigned)cp, utf);
	return out;
}
