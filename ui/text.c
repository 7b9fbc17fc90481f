/* Text layout and drawing: paragraphs -> bidi levels -> font per code point
 * -> segments (one level, one font) -> lines (greedy, between words) ->
 * runs in visual order, each shaped by SDL_ttf/HarfBuzz -> one white
 * texture per block, tinted at draw time and kept in an LRU cache. */
#include "ui/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL_ttf.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/utf8.h"
#include "ui/bidi.h"
#include "ui/font.h"
#include "ui/hash.h"
#include "ui/i18n.h"

#define DEFAULT_CACHE (64u * 1024 * 1024)
#define FIT_STEP 0.94   /* each smaller size tried is 6 % smaller */

/* ---- the cache ---- */

struct entry {
	char *key;
	uint32_t hash;
	SDL_Texture *tex;
	Uint32 tint;                 /* software renderer: the colour baked in (0xRRGGBB) */
	struct text_metrics m;
	size_t bytes;
	bool warned;                 /* its overflow was logged */
	struct entry *prev, *next;   /* LRU list, head = most recent */
	struct entry *chain;         /* hash bucket */
};

struct text {
	SDL_Renderer *r;
	struct fonts *fonts;
	struct i18n *cat;
	struct entry **buckets;
	size_t n_buckets, n_entries;
	struct entry *head, *tail;
	size_t budget, used;
	uint64_t hits, misses, render_ns;
	/* SDL's software renderer blends a colour-modulated texture eight
	 * times slower than a plain one (1.1 ms against 0.13 ms for a 600 x
	 * 340 ticket number): there, each block's texture is recoloured in
	 * place when it is drawn in another colour than the last time. */
	bool bake;
};

static void lru_unlink(struct text *t, struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		t->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		t->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push(struct text *t, struct entry *e)
{
	e->prev = NULL;
	e->next = t->head;
	if (t->head)
		t->head->prev = e;
	t->head = e;
	if (!t->tail)
		t->tail = e;
}

static void entry_remove(struct text *t, struct entry *e)
{
	struct entry **pp = &t->buckets[e->hash % t->n_buckets];
	while (*pp && *pp != e)
		pp = &(*pp)->chain;
	if (*pp)
		*pp = e->chain;
	lru_unlink(t, e);
	t->used -= e->bytes;
	t->n_entries--;
	if (e->tex)
		SDL_DestroyTexture(e->tex);
	free(e->key);
	free(e);
}

static struct entry *cache_find(struct text *t, const char *key, uint32_t h)
{
	for (struct entry *e = t->buckets[h % t->n_buckets]; e; e = e->chain)
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void cache_grow(struct text *t)
{
	size_t n = t->n_buckets * 2;
	struct entry **b = calloc(n, sizeof *b);
	if (!b)
		return;
	for (size_t i = 0; i < t->n_buckets; i++) {
		struct entry *e = t->buckets[i];
		while (e) {
			struct entry *next = e->chain;
			e->chain = b[e->hash % n];
			b[e->hash % n] = e;
			e = next;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->n_buckets = n;
}

static void cache_insert(struct text *t, struct entry *e)
{
	while (t->tail && t->used + e->bytes > t->budget)
		entry_remove(t, t->tail);
	if (t->n_entries + 1 > t->n_buckets)
		cache_grow(t);
	e->chain = t->buckets[e->hash % t->n_buckets];
	t->buckets[e->hash % t->n_buckets] = e;
	lru_push(t, e);
	t->used += e->bytes;
	t->n_entries++;
}

struct text *text_new(SDL_Renderer *r, struct fonts *fonts, struct i18n *cat, size_t cache_bytes)
{
	struct text *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->r = r;
	t->fonts = fonts;
	t->cat = cat;
	t->budget = cache_bytes ? cache_bytes : DEFAULT_CACHE;
	{
		SDL_RendererInfo info;
		t->bake = r && SDL_GetRendererInfo(r, &info) == 0 && info.name && strcmp(info.name, "software") == 0;
	}
	t->n_buckets = 256;
	t->buckets = calloc(t->n_buckets, sizeof *t->buckets);
	if (!t->buckets) {
		free(t);
		return NULL;
	}
	return t;
}

void text_flush(struct text *t)
{
	while (t && t->head)
		entry_remove(t, t->head);
}

void text_free(struct text *t)
{
	if (!t)
		return;
	text_flush(t);
	free(t->buckets);
	free(t);
}

void text_stats(const struct text *t, struct text_stats *out)
{
	out->hits = t->hits;
	out->misses = t->misses;
	out->render_ns = t->render_ns;
	out->bytes = t->used;
	out->entries = t->n_entries;
}

bool text_rtl(const struct text *t, const char *lang) { return t && t->cat && i18n_lang_rtl(t->cat, lang); }

/* ---- characters ---- */

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0x200b || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a && c != 0x2007);
}

static bool is_mark(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36f) || (c >= 0x483 && c <= 0x489) || (c >= 0x591 && c <= 0x5c7) ||
	       (c >= 0x610 && c <= 0x61a) || (c >= 0x64b && c <= 0x65f) || c == 0x670 ||
	       (c >= 0x6d6 && c <= 0x6ed && c != 0x6dd && c != 0x6de && c != 0x6e5 && c != 0x6e6 && c != 0x6e9) ||
	       (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	       (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200c || c == 0x200d;
}

/* Letters and digits that belong to the Latin font in a non-Latin text. */
static bool is_latin(uint32_t c)
{
	return (c < 0x80 && isalnum((int)c)) || (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	       (c >= 0x1e00 && c <= 0x1eff);
}

/* Spaces and punctuation shared by scripts: they follow their neighbours. */
static bool is_neutral(uint32_t c)
{
	return (c < 0x80 && !isalnum((int)c)) || (c >= 0xa0 && c <= 0xbf) || (c >= 0x2000 && c <= 0x206f) ||
	       c == 0x3000;
}

/* A copy of s where invalid UTF-8 becomes U+FFFD and control characters
 * other than newline become spaces. */
static char *sanitize(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		if (cp < 0x20 && cp != '\n') {
			out[o++] = ' ';
		} else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

/* ---- layout ---- */

struct seg {
	int a, b;            /* code points [a, b) of the paragraph */
	uint8_t level;
	uint8_t font;        /* 0: the language's, 1: Latin */
};

struct para {
	const char *text;    /* the paragraph's bytes (not NUL-terminated) */
	struct bidi_text bt;
	uint8_t *font;
	struct seg *segs;
	int n_segs;
};

struct line {
	int para, a, b;      /* code points [a, b) of paragraph para */
	int width;
};

struct layout {
	struct text *t;
	TTF_Font *font[2];
	const char *script;  /* of the language's font */
	bool rtl;            /* paragraph direction */
	int px, ascent, descent, height, skip;
	struct para *paras;
	int n_paras;
	struct line *lines;
	int n_lines, cap_lines;
	int width;
	bool broken;
	char *buf;           /* scratch for NUL-terminated pieces */
	size_t buf_cap;
};

static void layout_release(struct layout *L)
{
	for (int i = 0; i < L->n_paras; i++) {
		bidi_release(&L->paras[i].bt);
		free(L->paras[i].font);
		free(L->paras[i].segs);
	}
	free(L->paras);
	free(L->lines);
	free(L->buf);
	L->paras = NULL;
	L->lines = NULL;
	L->buf = NULL;
	L->buf_cap = 0;
	L->n_paras = L->n_lines = L->cap_lines = 0;
}

static int set_fonts(struct layout *L, const struct text_style *st, int px)
{
	bool bold = st->flags & TEXT_BOLD;
	bool latin = st->flags & TEXT_LATIN;
	L->px = px;
	/* open Latin first: the language's font is used right after */
	L->font[1] = fonts_get(L->t->fonts, FONTS_LATIN, bold, px);
	L->font[0] = latin ? L->font[1] : fonts_get(L->t->fonts, st->lang, bold, px);
	if (!L->font[0] || !L->font[1])
		return -1;
	L->ascent = TTF_FontAscent(L->font[0]);
	L->descent = -TTF_FontDescent(L->font[0]);
	L->skip = TTF_FontLineSkip(L->font[0]);
	if (TTF_FontAscent(L->font[1]) > L->ascent)
		L->ascent = TTF_FontAscent(L->font[1]);
	if (-TTF_FontDescent(L->font[1]) > L->descent)
		L->descent = -TTF_FontDescent(L->font[1]);
	if (TTF_FontLineSkip(L->font[1]) > L->skip)
		L->skip = TTF_FontLineSkip(L->font[1]);
	L->height = L->ascent + L->descent;
	if (L->skip < L->height)
		L->skip = L->height;
	return 0;
}

/* Chooses a font for every code point of p, then cuts segments. */
static int assign_fonts(struct layout *L, struct para *p, bool all_latin)
{
	int n = p->bt.n;
	const uint32_t *cp = p->bt.cp;
	bool latin_script = strcmp(L->script, "Latn") == 0;
	p->font = malloc((size_t)n + 1);
	p->segs = malloc(((size_t)n + 1) * sizeof *p->segs);
	if (!p->font || !p->segs)
		return -1;
	for (int i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (all_latin)
			p->font[i] = 1;
		else if (is_mark(c) && i > 0)
			p->font[i] = p->font[i - 1];
		else if (is_neutral(c))
			p->font[i] = 255;   /* decided below */
		else if (!latin_script && is_latin(c) && TTF_GlyphIsProvided32(L->font[1], c))
			p->font[i] = 1;
		else if (TTF_GlyphIsProvided32(L->font[0], c))
			p->font[i] = 0;
		else if (TTF_GlyphIsProvided32(L->font[1], c))
			p->font[i] = 1;
		else
			p->font[i] = 0;
	}
	/* neutrals take the font of the letter before them (or after them),
	 * if it has the glyph, so that runs are not cut at every space */
	for (int i = 0; i < n; i++) {
		int prev = -1, next = -1;
		if (p->font[i] != 255)
			continue;
		for (int k = i - 1; k >= 0; k--)
			if (p->font[k] != 255) {
				prev = p->font[k];
				break;
			}
		for (int k = i + 1; k < n; k++)
			if (p->font[k] != 255) {
				next = p->font[k];
				break;
			}
		if (prev >= 0 && TTF_GlyphIsProvided32(L->font[prev], cp[i]))
			p->font[i] = (uint8_t)prev;
		else if (next >= 0 && TTF_GlyphIsProvided32(L->font[next], cp[i]))
			p->font[i] = (uint8_t)next;
		else if (TTF_GlyphIsProvided32(L->font[0], cp[i]))
			p->font[i] = 0;
		else
			p->font[i] = 1;
	}
	p->n_segs = 0;
	for (int i = 0; i < n;) {
		int j = i + 1;
		while (j < n && p->bt.level[j] == p->bt.level[i] && p->font[j] == p->font[i])
			j++;
		p->segs[p->n_segs++] = (struct seg){ i, j, p->bt.level[i], p->font[i] };
		i = j;
	}
	return 0;
}

/* Makes the bytes of code points [a, b) of p a NUL-terminated string. */
static const char *piece(struct layout *L, const struct para *p, int a, int b)
{
	size_t from = p->bt.off[a], to = p->bt.off[b];
	if (to - from + 1 > L->buf_cap) {
		size_t cap = (to - from + 1) * 2;
		char *nb = realloc(L->buf, cap);
		if (!nb)
			return NULL;
		L->buf = nb;
		L->buf_cap = cap;
	}
	memcpy(L->buf, p->text + from, to - from);
	L->buf[to - from] = '\0';
	return L->buf;
}

static void prepare_font(struct layout *L, int font, uint8_t level)
{
	TTF_Font *f = L->font[font];
	TTF_SetFontDirection(f, level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, font == 1 ? "Latn" : L->script);
}

/* Advance width of code points [a, b) of p. */
static int measure_range(struct layout *L, const struct para *p, int a, int b)
{
	int total = 0;
	for (int s = 0; s < p->n_segs; s++) {
		const struct seg *g = &p->segs[s];
		int x = g->a > a ? g->a : a, y = g->b < b ? g->b : b, w = 0, h = 0;
		const char *str;
		if (x >= y)
			continue;
		str = piece(L, p, x, y);
		if (!str)
			return 1 << 28;
		prepare_font(L, g->font, g->level);
		if (TTF_SizeUTF8(L->font[g->font], str, &w, &h) == 0)
			total += w;
	}
	return total;
}

static int add_line(struct layout *L, int para, int a, int b, int width)
{
	if (L->n_lines == L->cap_lines) {
		int cap = L->cap_lines ? L->cap_lines * 2 : 8;
		struct line *n = realloc(L->lines, (size_t)cap * sizeof *n);
		if (!n)
			return -1;
		L->lines = n;
		L->cap_lines = cap;
	}
	L->lines[L->n_lines++] = (struct line){ para, a, b, width };
	if (width > L->width)
		L->width = width;
	return 0;
}

/* Greedy breaking of paragraph pi into lines no wider than max_w (0: no
 * limit). A word wider than a line is broken between clusters. */
static int break_lines(struct layout *L, int pi, int max_w)
{
	struct para *p = &L->paras[pi];
	const uint32_t *cp = p->bt.cp;
	int n = p->bt.n, a = 0;
	if (n == 0 || max_w <= 0) {
		int e = n;
		while (e > 0 && is_space(cp[e - 1]))
			e--;
		return add_line(L, pi, 0, e, n ? measure_range(L, p, 0, e) : 0);
	}
	while (a < n) {
		int best = -1, best_e = a, best_w = 0;
		for (int b = a + 1; b <= n; b++) {
			int e, w;
			/* a break opportunity: after spaces, before a non-space */
			if (b < n && !(is_space(cp[b - 1]) && !is_space(cp[b])))
				continue;
			e = b;
			while (e > a && is_space(cp[e - 1]))
				e--;
			if (e == a) {
				best = b;   /* only spaces so far */
				continue;
			}
			w = measure_range(L, p, a, e);
			if (w > max_w)
				break;
			best = b;
			best_e = e;
			best_w = w;
		}
		if (best < 0 || best_e == a) {
			/* the first word alone is too wide: break it between
			 * clusters, as much as fits, at least one cluster */
			int c = a + 1, last_ok = -1;
			while (c <= n) {
				while (c < n && is_mark(cp[c]))
					c++;
				if (measure_range(L, p, a, c) > max_w)
					break;
				last_ok = c;
				if (c < n && is_space(cp[c]))
					break;
				c++;
			}
			if (last_ok < 0) {
				last_ok = a + 1;
				while (last_ok < n && is_mark(cp[last_ok]))
					last_ok++;
			}
			if (last_ok >= n || !is_space(cp[last_ok]))
				L->broken = true;
			if (add_line(L, pi, a, last_ok, measure_range(L, p, a, last_ok)) < 0)
				return -1;
			a = last_ok;
			while (a < n && is_space(cp[a]))
				a++;
			continue;
		}
		if (add_line(L, pi, a, best_e, best_w) < 0)
			return -1;
		a = best;
	}
	return 0;
}

/* Lays s out at px, wrapped to max_w (0: one line per paragraph). */
static int layout_run(struct layout *L, const struct text_style *st, const char *s, int px, int max_w)
{
	const char *p = s;
	int count = 1;
	layout_release(L);
	L->width = 0;
	L->broken = false;
	if (set_fonts(L, st, px) < 0)
		return -1;
	for (const char *q = s; *q; q++)
		count += *q == '\n';
	L->paras = calloc((size_t)count, sizeof *L->paras);
	if (!L->paras)
		return -1;
	for (int i = 0; i < count; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		struct para *pa = &L->paras[i];
		L->n_paras++;
		pa->text = p;
		if (bidi_analyze(p, len, L->rtl, &pa->bt) < 0 || assign_fonts(L, pa, st->flags & TEXT_LATIN) < 0 ||
		    break_lines(L, i, max_w) < 0)
			return -1;
		p = nl ? nl + 1 : p + len;
	}
	return 0;
}

static int layout_height(const struct layout *L)
{
	return L->n_lines ? (L->n_lines - 1) * L->skip + L->height : L->height;
}

/* ---- rendering ---- */

/* How far SDL_ttf moved the baseline down in a surface because ink rose
 * above the font's ascent. SDL_ttf does not say; its underline sits at a
 * fixed distance from the baseline, so compare where it lands. */
static int find_underline(SDL_Surface *plain, SDL_Surface *under)
{
	if (plain->w != under->w || plain->h != under->h)
		return -1;
	for (int y = 0; y < plain->h; y++) {
		const Uint32 *a = (const Uint32 *)((const Uint8 *)plain->pixels + y * plain->pitch);
		const Uint32 *b = (const Uint32 *)((const Uint8 *)under->pixels + y * under->pitch);
		int more = 0;
		for (int x = 0; x < plain->w; x++)
			if ((int)(b[x] >> 24) > (int)(a[x] >> 24) + 64)
				more++;
		if (more * 2 >= plain->w)
			return y;
	}
	return -1;
}

static int baseline_shift(TTF_Font *f, const char *str, SDL_Surface *plain)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	SDL_Surface *under, *ref_plain, *ref_under;
	int style = TTF_GetFontStyle(f), row, ref;
	if (plain->h <= TTF_FontHeight(f))
		return 0;
	TTF_SetFontStyle(f, style | TTF_STYLE_UNDERLINE);
	under = TTF_RenderUTF8_Blended(f, str, white);
	ref_under = TTF_RenderUTF8_Blended(f, "x", white);
	TTF_SetFontStyle(f, style);
	ref_plain = TTF_RenderUTF8_Blended(f, "x", white);
	row = under ? find_underline(plain, under) : -1;
	ref = ref_under && ref_plain ? find_underline(ref_plain, ref_under) : -1;
	SDL_FreeSurface(under);
	SDL_FreeSurface(ref_under);
	SDL_FreeSurface(ref_plain);
	if (row < 0 || ref < 0 || row < ref)
		return 0;
	return row - ref;
}

struct placed {
	SDL_Surface *s;
	int x, y;
};

static void blend_max(SDL_Surface *dst, SDL_Surface *src, int dx, int dy)
{
	for (int y = 0; y < src->h; y++) {
		int ty = dy + y;
		const Uint32 *sp;
		Uint32 *dp;
		if (ty < 0 || ty >= dst->h)
			continue;
		sp = (const Uint32 *)((const Uint8 *)src->pixels + y * src->pitch);
		dp = (Uint32 *)((Uint8 *)dst->pixels + ty * dst->pitch);
		for (int x = 0; x < src->w; x++) {
			int tx = dx + x;
			Uint32 a = sp[x] >> 24;
			if (tx < 0 || tx >= dst->w || a == 0)
				continue;
			if (a > dp[tx] >> 24)
				dp[tx] = (a << 24) | 0x00ffffffu;
		}
	}
}

/* Renders the laid-out lines into one texture; fills m (w, h, baseline). */
static SDL_Texture *render_block(struct layout *L, enum text_align align, struct text_metrics *m)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	struct placed *pl = NULL;
	int n_pl = 0, cap_pl = 0, top = 0, bottom = layout_height(L), width = L->width;
	SDL_Surface *block = NULL;
	SDL_Texture *tex = NULL;

	for (int li = 0; li < L->n_lines; li++) {
		const struct line *ln = &L->lines[li];
		const struct para *p = &L->paras[ln->para];
		uint8_t levels[256];
		int idx[256], order[256], n_runs = 0, x = 0, baseline = li * L->skip + L->ascent, x0;
		int first_pl = n_pl;
		for (int s = 0; s < p->n_segs && n_runs < 256; s++) {
			const struct seg *g = &p->segs[s];
			if (g->b <= ln->a || g->a >= ln->b)
				continue;
			levels[n_runs] = g->level;
			idx[n_runs++] = s;
		}
		bidi_reorder_runs(levels, n_runs, order);
		for (int k = 0; k < n_runs; k++) {
			const struct seg *g = &p->segs[idx[order[k]]];
			int a = g->a > ln->a ? g->a : ln->a, b = g->b < ln->b ? g->b : ln->b, w = 0, h = 0;
			const char *str = piece(L, p, a, b);
			TTF_Font *f = L->font[g->font];
			SDL_Surface *s;
			if (!str)
				goto fail;
			prepare_font(L, g->font, g->level);
			TTF_SizeUTF8(f, str, &w, &h);
			s = TTF_RenderUTF8_Blended(f, str, white);
			if (s) {
				int shift;
				if (s->format->format != SDL_PIXELFORMAT_ARGB8888) {
					SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
					SDL_FreeSurface(s);
					s = c;
					if (!s)
						goto fail;
				}
				shift = baseline_shift(f, str, s);
				if (n_pl == cap_pl) {
					int cap = cap_pl ? cap_pl * 2 : 16;
					struct placed *np = realloc(pl, (size_t)cap * sizeof *np);
					if (!np) {
						SDL_FreeSurface(s);
						goto fail;
					}
					pl = np;
					cap_pl = cap;
				}
				pl[n_pl++] = (struct placed){ s, x, baseline - TTF_FontAscent(f) - shift };
				if (pl[n_pl - 1].y < top)
					top = pl[n_pl - 1].y;
				if (pl[n_pl - 1].y + s->h > bottom)
					bottom = pl[n_pl - 1].y + s->h;
			}
			x += w;
		}
		/* place the line in the block: START is the paragraph's start side */
		if (align == TEXT_CENTER)
			x0 = (L->width - x) / 2;
		else if ((align == TEXT_START) == L->rtl)
			x0 = L->width - x;
		else
			x0 = 0;
		for (int k = first_pl; k < n_pl; k++)
			pl[k].x += x0;
	}
	for (int k = 0; k < n_pl; k++)
		if (pl[k].x + pl[k].s->w > width)
			width = pl[k].x + pl[k].s->w;
	if (width < 1)
		width = 1;
	block = SDL_CreateRGBSurfaceWithFormat(0, width, bottom - top, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!block)
		goto fail;
	SDL_FillRect(block, NULL, 0x00ffffffu);
	for (int k = 0; k < n_pl; k++)
		blend_max(block, pl[k].s, pl[k].x, pl[k].y - top);
	if (L->t->bake) {
		/* lockable, so that copy_tex can recolour it */
		tex = SDL_CreateTexture(L->t->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, block->w, block->h);
		if (tex && SDL_UpdateTexture(tex, NULL, block->pixels, block->pitch) != 0) {
			SDL_DestroyTexture(tex);
			tex = NULL;
		}
	} else {
		tex = SDL_CreateTextureFromSurface(L->t->r, block);
	}
	if (tex)
		SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	m->w = width;
	m->h = bottom - top;
	m->baseline = L->ascent - top;
fail:
	for (int k = 0; k < n_pl; k++)
		SDL_FreeSurface(pl[k].s);
	free(pl);
	SDL_FreeSurface(block);
	return tex;
}

/* ---- the public side ---- */

/* The first bytes of s for a log line, cut between characters. */
static const char *excerpt(const char *s, char *buf, size_t cap)
{
	size_t n = strlen(s);
	if (n < cap) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	n = cap - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static int min_px_of(const struct text_style *st)
{
	int m = st->min_px > 0 ? st->min_px : st->px / 3;
	if (m < 10)
		m = 10;
	return m < st->px ? m : st->px;
}

static bool fits(const struct layout *L, int w, int h)
{
	return !L->broken && (w <= 0 || L->width <= w) && (h <= 0 || layout_height(L) <= h);
}

/* The cache entry for (st, s, w, h), laid out and rendered if missing. */
static struct entry *get_block(struct text *t, const struct text_style *st, const char *s, int w, int h)
{
	char kbuf[512], *key = kbuf;
	size_t need;
	uint32_t hash;
	struct entry *e;
	struct layout L;
	int64_t t0;
	int wrap_w = st->flags & TEXT_WRAP ? w : 0;
	int fit_w = st->flags & TEXT_FIT ? w : 0, fit_h = st->flags & TEXT_FIT ? h : 0;
	char *clean;

	need = (size_t)snprintf(kbuf, sizeof kbuf, "%x|%d|%d|%d|%d|%d|%d|%s|%s", st->flags, st->px, min_px_of(st),
	                        st->align, wrap_w, fit_w, fit_h, st->lang ? st->lang : "", s);
	if (need >= sizeof kbuf) {
		key = malloc(need + 1);
		if (!key)
			return NULL;
		snprintf(key, need + 1, "%x|%d|%d|%d|%d|%d|%d|%s|%s", st->flags, st->px, min_px_of(st), st->align, wrap_w,
		         fit_w, fit_h, st->lang ? st->lang : "", s);
	}
	hash = hash_str(key);
	e = cache_find(t, key, hash);
	if (e) {
		t->hits++;
		lru_unlink(t, e);
		lru_push(t, e);
		if (key != kbuf)
			free(key);
		return e;
	}
	t->misses++;
	t0 = clock_mono_ns();
	memset(&L, 0, sizeof L);
	L.t = t;
	L.rtl = !(st->flags & TEXT_LATIN) && text_rtl(t, st->lang);
	L.script = st->flags & TEXT_LATIN || !t->cat ? "Latn" : i18n_lang_script(t->cat, st->lang);
	e = calloc(1, sizeof *e);
	clean = sanitize(s);
	if (!e || !clean)
		goto fail;
	if (st->flags & TEXT_FIT) {
		/* sizes px, px*0.94, px*0.94^2 ... down to min_px: the largest that fits */
		int sizes[64], n = 0, lo, hi, best;
		for (double p = st->px; n < 64; p *= FIT_STEP) {
			int q = (int)(p + 0.5);
			if (q <= min_px_of(st)) {
				sizes[n++] = min_px_of(st);
				break;
			}
			if (n == 0 || q < sizes[n - 1])
				sizes[n++] = q;
		}
		if (layout_run(&L, st, clean, sizes[0], wrap_w) < 0)
			goto fail;
		best = fits(&L, fit_w, fit_h) ? 0 : -1;
		lo = 1;
		hi = best == 0 ? 0 : n - 1;
		while (lo <= hi) {
			int mid = (lo + hi) / 2;
			if (layout_run(&L, st, clean, sizes[mid], wrap_w) < 0)
				goto fail;
			if (fits(&L, fit_w, fit_h)) {
				best = mid;
				hi = mid - 1;
			} else {
				lo = mid + 1;
			}
		}
		if (best < 0)
			best = n - 1;
		if (L.px != sizes[best] && layout_run(&L, st, clean, sizes[best], wrap_w) < 0)
			goto fail;
	} else if (layout_run(&L, st, clean, st->px, wrap_w) < 0) {
		goto fail;
	}
	e->tex = render_block(&L, st->align, &e->m);
	e->tint = 0xffffffu;
	/* ink can reach past the font's ascent or descent (Arabic marks): if
	 * the rendered block is larger than the box, take the next size down */
	while (e->tex && (st->flags & TEXT_FIT) && L.px > min_px_of(st) &&
	       ((fit_w > 0 && e->m.w > fit_w) || (fit_h > 0 && e->m.h > fit_h))) {
		int smaller = (int)(L.px * FIT_STEP);
		SDL_DestroyTexture(e->tex);
		e->tex = NULL;
		if (smaller < min_px_of(st))
			smaller = min_px_of(st);
		if (layout_run(&L, st, clean, smaller, wrap_w) < 0)
			goto fail;
		e->tex = render_block(&L, st->align, &e->m);
	}
	if (!e->tex) {
		char ex[64];
		log_error("text: cannot render \"%s\": %s", excerpt(s, ex, sizeof ex), SDL_GetError());
		goto fail;
	}
	e->m.px = L.px;
	e->m.lines = L.n_lines;
	e->m.overflow = L.broken || (fit_w > 0 && e->m.w > fit_w) || (fit_h > 0 && e->m.h > fit_h);
	e->bytes = (size_t)e->m.w * (size_t)e->m.h * 4 + sizeof *e + need;
	e->key = key == kbuf ? strdup(kbuf) : key;
	key = NULL;
	if (!e->key)
		goto fail;
	e->hash = hash;
	cache_insert(t, e);
	layout_release(&L);
	free(clean);
	t->render_ns += (uint64_t)(clock_mono_ns() - t0);
	return e;
fail:
	layout_release(&L);
	free(clean);
	if (e && e->tex)
		SDL_DestroyTexture(e->tex);
	free(e);
	if (key && key != kbuf)
		free(key);
	return NULL;
}

/* The block for s and what text_draw would report for a w x h box. */
static int find_block(struct text *t, const struct text_style *st, const char *s, int w, int h, struct entry **out,
                      struct text_metrics *m)
{
	struct entry *e;
	bool over;
	memset(m, 0, sizeof *m);
	*out = NULL;
	if (!t || !st || st->px <= 0)
		return -1;
	e = get_block(t, st, s ? s : "", w, h);
	if (!e)
		return -1;
	*m = e->m;
	over = e->m.overflow || (w > 0 && e->m.w > w) || (h > 0 && e->m.h > h);
	m->overflow = over;
	*out = e;
	return over ? 1 : 0;
}

int text_measure(struct text *t, const struct text_style *st, const char *s, int w, int h, struct text_metrics *m)
{
	struct entry *e;
	struct text_metrics dummy;
	return find_block(t, st, s, w, h, &e, m ? m : &dummy);
}

/* Gives a software renderer's block the colour rgb (alpha, the glyphs'
 * coverage, is kept). 0, or -1 if the texture cannot be locked. */
static int recolour(struct entry *e, Uint32 rgb)
{
	void *pixels;
	int pitch;
	if (SDL_LockTexture(e->tex, NULL, &pixels, &pitch) != 0)
		return -1;
	for (int y = 0; y < e->m.h; y++) {
		Uint32 *p = (Uint32 *)((Uint8 *)pixels + (size_t)y * (size_t)pitch);
		for (int x = 0; x < e->m.w; x++)
			p[x] = (p[x] & 0xff000000u) | rgb;
	}
	SDL_UnlockTexture(e->tex);
	e->tint = rgb;
	return 0;
}

static void copy_tex(struct text *t, struct entry *e, const struct text_style *st, int x, int y)
{
	SDL_Rect dst = { x, y, e->m.w, e->m.h };
	Uint32 rgb = (Uint32)st->color.r << 16 | (Uint32)st->color.g << 8 | st->color.b;
	if (t->bake && (rgb == e->tint || recolour(e, rgb) == 0))
		SDL_SetTextureColorMod(e->tex, 255, 255, 255);
	else
		SDL_SetTextureColorMod(e->tex, st->color.r, st->color.g, st->color.b);
	SDL_SetTextureAlphaMod(e->tex, st->color.a);
	SDL_RenderCopy(t->r, e->tex, NULL, &dst);
}

int text_draw(struct text *t, const struct text_style *st, const char *s, SDL_Rect box, struct text_metrics *m)
{
	struct entry *e;
	struct text_metrics mm;
	int x, y, k;
	bool rtl;
	k = find_block(t, st, s, box.w, box.h, &e, &mm);
	if (k < 0)
		return -1;
	rtl = text_rtl(t, st->lang);
	if (st->align == TEXT_CENTER)
		x = box.x + (box.w - mm.w) / 2;
	else if ((st->align == TEXT_START) == rtl)
		x = box.x + box.w - mm.w;
	else
		x = box.x;
	if (st->valign == TEXT_TOP)
		y = box.y;
	else if (st->valign == TEXT_BOTTOM)
		y = box.y + box.h - mm.h;
	else
		y = box.y + (box.h - mm.h) / 2;
	if (mm.w > box.w && st->align == TEXT_CENTER)
		x = box.x + (box.w - mm.w) / 2;
	copy_tex(t, e, st, x, y);
	if (k > 0 && !e->warned) {
		char ex[96];
		log_warn("text: \"%s\" (%s, %d px) does not fit its %dx%d box (needs %dx%d%s)", excerpt(s ? s : "", ex, sizeof ex),
		         st->lang ? st->lang : "-", mm.px, box.w, box.h, mm.w, mm.h,
		         mm.lines > 1 ? ", wrapped" : "");
		e->warned = true;
	}
	if (m)
		*m = mm;
	return k;
}

int text_draw_at(struct text *t, const struct text_style *st, const char *s, int x, int y, struct text_metrics *m)
{
	struct text_style one = *st;
	struct text_metrics mm;
	struct entry *e;
	bool rtl;
	one.flags &= ~(TEXT_WRAP | TEXT_FIT);
	if (find_block(t, &one, s, 0, 0, &e, &mm) < 0)
		return -1;
	rtl = text_rtl(t, st->lang);
	if (st->align == TEXT_CENTER)
		x -= mm.w / 2;
	else if ((st->align == TEXT_START) == rtl)
		x -= mm.w;
	if (st->valign == TEXT_MIDDLE)
		y -= mm.h / 2;
	else if (st->valign == TEXT_BOTTOM)
		y -= mm.h;
	else if (st->valign == TEXT_BASELINE)
		y -= mm.baseline;
	copy_tex(t, e, st, x, y);
	if (m)
		*m = mm;
	return 0;
}

int text_line_height(struct text *t, const struct text_style *st)
{
	struct layout L;
	memset(&L, 0, sizeof L);
	L.t = t;
	if (!t || !st || set_fonts(&L, st, st->px) < 0)
		return st ? st->px : 0;
	return L.height;
}
