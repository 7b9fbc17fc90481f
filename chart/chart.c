/* Drawing the report's chart on a surface: the key figures, the bars of
 * tickets per hour, of waits per day (week, month) and of tickets per
 * language. Layout in pixels of a CHART_W x CHART_H picture. */
#include "chart/chart.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "core/tz.h"
#include "ui/assets.h"
#include "ui/draw.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/layout.h"
#include "ui/shot.h"
#include "ui/text.h"

#define DOMAIN "report"
#define MAX_LANGS_SHOWN 9
#define MAX_POINTS 400

static const SDL_Color C_BG = { 0xff, 0xff, 0xff, 0xff };
static const SDL_Color C_INK = { 0x1b, 0x1f, 0x24, 0xff };
static const SDL_Color C_MUTED = { 0x55, 0x5d, 0x68, 0xff };
static const SDL_Color C_GRID = { 0xe2, 0xe5, 0xe9, 0xff };
static const SDL_Color C_AXIS = { 0x9a, 0xa1, 0xab, 0xff };
static const SDL_Color C_BAR = { 0x2f, 0x6d, 0xb5, 0xff };
static const SDL_Color C_P90 = { 0xc9, 0x6a, 0x12, 0xff };
static const SDL_Color C_CARD = { 0xf2, 0xf4, 0xf7, 0xff };

struct point {
	char label[48];
	int median, p90;         /* seconds; -1 if nobody was called */
};

struct lang_count {
	char code[TALLY_KEY_LEN];
	int n;
};

struct chart {
	const struct chart_spec *spec;
	const char *lang;
	bool rtl;                 /* laid out left to right, drawn mirrored */
	struct i18n *cat;
	struct fonts *fonts;
	SDL_Surface *surface;
	SDL_Renderer *r;
	struct text *t;
	/* the figures drawn */
	int hours[24];
	struct lang_count langs[64];
	int n_langs;
	struct point points[MAX_POINTS];
	int n_points;
	enum tally_by by;
	struct tally_cell total;  /* every service, branch and day of the period */
	bool many_branches;
	char single_branch[CONFIG_ID_LEN];
};

static const char *tr(struct chart *c, const char *ctx, const char *msgid)
{
	return i18n_get_ctx(c->cat, DOMAIN, c->lang, ctx, msgid);
}

/* ---- the figures ---- */

static bool wanted(const struct chart_spec *s, const struct tally_cell *cell)
{
	return !s->branch || !s->branch[0] || !strcmp(s->branch, cell->branch);
}

/* The bars of the waits: a day each for up to about six weeks, then weeks
 * up to a year, then months. */
static enum tally_by points_by(const char *from, const char *to)
{
	char d[TZ_DAY_LEN];
	int days = 0;
	snprintf(d, sizeof d, "%s", from);
	while (strcmp(d, to) < 0 && days <= 400 && tz_day_add(d, 1, d) == 0)
		days++;
	return days < 45 ? TALLY_BY_DAY : days < 370 ? TALLY_BY_WEEK : TALLY_BY_MONTH;
}

static void point_label(struct chart *c, const char *period, char *out, size_t cap)
{
	char a[8], b[8];
	switch (c->by) {
	case TALLY_BY_DAY:      /* "2026-11-23" */
		snprintf(a, sizeof a, "%d", atoi(period + 8));
		snprintf(b, sizeof b, "%d", atoi(period + 5));
		i18n_format(out, cap, tr(c, "axis", "{day}/{month}"), "day", a, "month", b, NULL);
		break;
	case TALLY_BY_WEEK:     /* "2026-W48" */
		snprintf(a, sizeof a, "%d", atoi(period + 6));
		i18n_format(out, cap, tr(c, "axis", "week {week}"), "week", a, NULL);
		break;
	default:                /* "2026-11" */
		snprintf(a, sizeof a, "%d", atoi(period + 5));
		snprintf(b, sizeof b, "%.4s", period);
		i18n_format(out, cap, tr(c, "axis", "{month}/{year}"), "month", a, "year", b, NULL);
		break;
	}
}

static int collect(struct chart *c)
{
	const struct chart_spec *s = c->spec;
	struct tally *mine = tally_new(), *grouped = NULL;
	int rc = -1;

	if (!mine)
		return -1;
	for (int i = 0; i < tally_n_cells(s->days); i++) {
		const struct tally_cell *cell = tally_cell_at(s->days, i);
		struct tally_cell one;
		if (!wanted(s, cell))
			continue;
		if (!c->single_branch[0])
			snprintf(c->single_branch, sizeof c->single_branch, "%s", cell->branch);
		else if (strcmp(c->single_branch, cell->branch) != 0)
			c->many_branches = true;
		if (cell->dim == TALLY_HOUR) {
			int h = atoi(cell->key);
			if (h >= 0 && h < 24)
				c->hours[h] += cell->n[TALLY_ISSUED];
		} else if (cell->dim == TALLY_LANG) {
			int k = 0;
			while (k < c->n_langs && strcmp(c->langs[k].code, cell->key) != 0)
				k++;
			if (k == c->n_langs && k < (int)(sizeof c->langs / sizeof c->langs[0]))
				snprintf(c->langs[c->n_langs++].code, TALLY_KEY_LEN, "%s", cell->key);
			if (k < c->n_langs)
				c->langs[k].n += cell->n[TALLY_ISSUED];
		} else {
			/* every branch as one, for the waits over the period */
			one = *cell;
			snprintf(one.branch, sizeof one.branch, "x");
			if (tally_add_cell(mine, &one) != 0)
				goto out;
			for (int k = 0; k < TALLY_COUNTS; k++)
				c->total.n[k] += cell->n[k];
			for (int k = 0; k < cell->waits.n; k++) {
				struct tally_samples *w = &c->total.waits;
				if (w->n == w->cap) {
					int32_t *v = realloc(w->v, (size_t)(w->cap = w->cap ? w->cap * 2 : 256) * sizeof *v);
					if (!v)
						goto out;
					w->v = v;
				}
				w->v[w->n++] = cell->waits.v[k];
			}
		}
	}
	c->by = points_by(s->from, s->to);
	grouped = tally_group(mine, c->by, true);
	if (!grouped)
		goto out;
	/* every period of the range, also those without tickets (a gap) */
	{
		char day[TZ_DAY_LEN], period[TALLY_PERIOD_LEN], last[TALLY_PERIOD_LEN] = "";
		snprintf(day, sizeof day, "%s", s->from);
		while (strcmp(day, s->to) <= 0 && c->n_points < MAX_POINTS) {
			struct point *p;
			if (tally_period(day, c->by, period) != 0)
				break;
			if (strcmp(period, last) != 0) {
				snprintf(last, sizeof last, "%s", period);
				p = &c->points[c->n_points++];
				point_label(c, period, p->label, sizeof p->label);
				p->median = p->p90 = -1;
				for (int i = 0; i < tally_n_cells(grouped); i++) {
					const struct tally_cell *g = tally_cell_at(grouped, i);
					if (g->dim == TALLY_SERVICE && !strcmp(g->key, TALLY_ALL) && !strcmp(g->period, period)) {
						p->median = tally_percentile(&g->waits, 50);
						p->p90 = tally_percentile(&g->waits, 90);
					}
				}
			}
			if (tz_day_add(day, 1, day) != 0)
				break;
		}
	}
	rc = 0;
out:
	tally_free(grouped);
	tally_free(mine);
	return rc;
}

/* ---- drawing helpers ---- */

static struct text_style style(struct chart *c, int px, int flags, enum text_align align, SDL_Color color)
{
	struct text_style st = { .lang = c->lang, .px = px, .flags = flags, .align = align, .valign = TEXT_TOP,
		                     .color = color };
	return st;
}

/* The layout is written left to right; in a right-to-left language every
 * rectangle and x is mirrored (text alignment follows the language). */
static SDL_Rect M(const struct chart *c, SDL_Rect r)
{
	return layout_mirror_if(r, (SDL_Rect){ 0, 0, CHART_W, CHART_H }, c->rtl);
}

static float MX(const struct chart *c, float x)
{
	return c->rtl ? (float)CHART_W - x : x;
}

static void fill(struct chart *c, SDL_Rect r, SDL_Color col)
{
	r = M(c, r);
	SDL_SetRenderDrawColor(c->r, col.r, col.g, col.b, col.a);
	SDL_RenderFillRect(c->r, &r);
}

static void bar(struct chart *c, SDL_Rect r, int radius, SDL_Color col)
{
	draw_round_rect(c->r, M(c, r), radius, col);
}

static void line(struct chart *c, float x0, float y0, float x1, float y1, SDL_Color col)
{
	draw_line(c->r, MX(c, x0), y0, MX(c, x1), y1, 5, false, col);
}

static void say(struct chart *c, const char *s, SDL_Rect box, int px, int flags, enum text_align align,
                SDL_Color col)
{
	struct text_style st = style(c, px, flags | TEXT_FIT, align, col);
	text_draw(c->t, &st, s, M(c, box), NULL);
}

static void say_at(struct chart *c, const char *s, int x, int y, int px, int flags, enum text_align align,
                   enum text_valign valign, SDL_Color col)
{
	struct text_style st = style(c, px, flags, align, col);
	st.valign = valign;
	text_draw_at(c->t, &st, s, (int)MX(c, (float)x), y, NULL);
}

static void minutes(struct chart *c, int seconds, char *out, size_t cap)
{
	char n[16];
	snprintf(n, sizeof n, "%d", (seconds + 30) / 60);
	i18n_format(out, cap, tr(c, "figure", "{n} min"), "n", n, NULL);
}

/* A round step for an axis up to max: 1, 2, 5, 10, 20, 50 ... giving at
 * most about 6 lines. */
static int axis_step(int max)
{
	static const int steps[] = { 1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 1200, 3000 };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (max / steps[i] <= 5)
			return steps[i];
	return max / 5 + 1;
}

/* A panel's heading at the top of *area; area keeps the rest. */
static void heading(struct chart *c, SDL_Rect *area, const char *s)
{
	SDL_Rect h = { area->x, area->y, area->w, 36 };
	say(c, s, h, 26, TEXT_BOLD, TEXT_START, C_INK);
	area->y += 48;
	area->h -= 48;
}

/* ---- the parts ---- */

static void title(struct chart *c, const char *text)
{
	say(c, text, (SDL_Rect){ 48, 30, CHART_W - 96, 56 }, CHART_TITLE_PX, TEXT_BOLD, TEXT_START, C_INK);
}

static void key_figures(struct chart *c)
{
	static const struct { const char *msgid; enum tally_count count; } figs[] = {
		{ "tickets issued", TALLY_ISSUED },
		{ "served", TALLY_SERVED },
		{ "did not come", TALLY_NO_SHOW },
		{ "withdrawn while waiting", TALLY_CANCELLED },
		{ "not served by closing time", TALLY_CLOSED_WAITING },
	};
	int n = (int)(sizeof figs / sizeof figs[0]) + 1, gap = 16, w = (CHART_W - 96 - gap * (n - 1)) / n;
	for (int i = 0; i < n; i++) {
		SDL_Rect card = { 48 + i * (w + gap), 104, w, 124 };
		char num[32];
		const char *label;
		bar(c, card, 10, C_CARD);
		if (i < n - 1) {
			snprintf(num, sizeof num, "%d", c->total.n[figs[i].count]);
			label = tr(c, "figure", figs[i].msgid);
		} else {
			int m = tally_percentile(&c->total.waits, 50);
			if (m < 0)
				snprintf(num, sizeof num, "–");
			else
				minutes(c, m, num, sizeof num);
			label = tr(c, "figure", "median wait");
		}
		say(c, num, (SDL_Rect){ card.x + 16, card.y + 10, card.w - 32, 56 }, 44,
		    TEXT_BOLD | (i < n - 1 ? TEXT_LATIN : 0), TEXT_START, C_INK);
		say(c, label, (SDL_Rect){ card.x + 16, card.y + 68, card.w - 32, 52 }, 19, TEXT_WRAP, TEXT_START, C_MUTED);
	}
}

static void hours_panel(struct chart *c, SDL_Rect area)
{
	int first = 24, last = -1, max = 0, n, slot;
	SDL_Rect plot;

	heading(c, &area, tr(c, "panel", "Tickets per hour of the day"));
	for (int h = 0; h < 24; h++) {
		if (c->hours[h]) {
			first = h < first ? h : first;
			last = h;
			max = c->hours[h] > max ? c->hours[h] : max;
		}
	}
	/* at least the usual office hours, so that a day reads at a glance */
	first = first < 8 ? first : 8;
	last = last > 16 ? last : 16;
	n = last - first + 1;
	plot = (SDL_Rect){ area.x, area.y + 28, area.w, area.h - 28 - 34 };
	slot = plot.w / n;
	fill(c, (SDL_Rect){ plot.x, plot.y + plot.h, plot.w, 2 }, C_AXIS);
	for (int i = 0; i < n; i++) {
		int h = first + i, v = c->hours[h], bh = max ? (int)((long)v * plot.h / max) : 0;
		int bw = slot * 7 / 10 < 56 ? slot * 7 / 10 : 56, x = plot.x + i * slot + (slot - bw) / 2;
		char s[16];
		if (v > 0)
			bar(c, (SDL_Rect){ x, plot.y + plot.h - bh, bw, bh + 4 }, 4, C_BAR);
		fill(c, (SDL_Rect){ x, plot.y + plot.h, bw, 2 }, C_AXIS);
		snprintf(s, sizeof s, "%d", v);
		if (v > 0)
			say_at(c, s, x + bw / 2, plot.y + plot.h - bh - 6, 20, TEXT_LATIN | TEXT_BOLD, TEXT_CENTER,
			       TEXT_BOTTOM, C_INK);
		snprintf(s, sizeof s, "%d", h);
		say_at(c, s, x + bw / 2, plot.y + plot.h + 8, 20, TEXT_LATIN, TEXT_CENTER, TEXT_TOP, C_MUTED);
	}
}

static void waits_panel(struct chart *c, SDL_Rect area)
{
	static const char *const titles[] = { "Waiting time per day", "Waiting time per week", "Waiting time per month" };
	int max = 0, step, top, label_every, label_w, slot, lw = 70;
	SDL_Rect plot, key;
	char s[64];

	heading(c, &area, tr(c, "panel", titles[c->by]));
	/* a row under the heading: the axis's unit, then the legend */
	say_at(c, tr(c, "axis", "minutes"), area.x, area.y + 4, 18, 0, TEXT_START, TEXT_TOP, C_MUTED);
	key = (SDL_Rect){ area.x + area.w - 600, area.y, 600, 30 };
	bar(c, (SDL_Rect){ key.x, key.y + 6, 18, 18 }, 3, C_BAR);
	say(c, tr(c, "legend", "median"), (SDL_Rect){ key.x + 26, key.y, 200, 28 }, 20, 0, TEXT_START, C_MUTED);
	line(c, (float)key.x + 236, (float)key.y + 15, (float)key.x + 262, (float)key.y + 15, C_P90);
	say(c, tr(c, "legend", "9 in 10 waited at most"), (SDL_Rect){ key.x + 272, key.y, 328, 28 }, 20, 0,
	    TEXT_START, C_MUTED);
	area.y += 40;
	area.h -= 40;

	for (int i = 0; i < c->n_points; i++)
		max = c->points[i].p90 > max ? c->points[i].p90 : max;
	max = (max + 59) / 60;                    /* minutes */
	step = axis_step(max > 0 ? max : 10);
	top = ((max > 0 ? max : 10) + step - 1) / step * step;
	plot = (SDL_Rect){ area.x + lw, area.y + 8, area.w - lw, area.h - 8 - 34 };
	for (int v = 0; v <= top; v += step) {
		int y = plot.y + plot.h - (int)((long)v * plot.h / top);
		fill(c, (SDL_Rect){ plot.x, y, plot.w, v ? 1 : 2 }, v ? C_GRID : C_AXIS);
		snprintf(s, sizeof s, "%d", v);
		say_at(c, s, plot.x - 10, y, 18, TEXT_LATIN, TEXT_END, TEXT_MIDDLE, C_MUTED);
	}
	if (c->n_points == 0)
		return;
	slot = plot.w / c->n_points;
	/* as many labels under the bars as fit side by side */
	label_w = 0;
	for (int i = 0; i < c->n_points; i++) {
		struct text_style st = style(c, 18, TEXT_LATIN, TEXT_CENTER, C_MUTED);
		struct text_metrics m;
		if (text_measure(c->t, &st, c->points[i].label, 0, 0, &m) >= 0 && m.w > label_w)
			label_w = m.w;
	}
	label_every = 1;
	while (slot * label_every < label_w + 16)
		label_every++;
	for (int i = 0; i < c->n_points; i++) {
		const struct point *p = &c->points[i];
		int bw = slot * 6 / 10 < 4 ? 4 : slot * 6 / 10 > 48 ? 48 : slot * 6 / 10;
		int x = plot.x + i * slot + (slot - bw) / 2;
		if (p->median >= 0) {
			int bh = (int)((long)p->median * plot.h / (top * 60L));
			bar(c, (SDL_Rect){ x, plot.y + plot.h - bh, bw, bh + 3 }, 3, C_BAR);
		}
		if (p->p90 >= 0) {
			float y = (float)(plot.y + plot.h) - (float)p->p90 * (float)plot.h / (float)(top * 60);
			line(c, (float)x - 3, y, (float)(x + bw + 3), y, C_P90);
		}
		if (i % label_every == 0)
			say_at(c, p->label, x + bw / 2, plot.y + plot.h + 8, 18, TEXT_LATIN, TEXT_CENTER, TEXT_TOP, C_MUTED);
	}
}

static int cmp_lang(const void *a, const void *b)
{
	const struct lang_count *x = a, *y = b;
	return y->n != x->n ? y->n - x->n : strcmp(x->code, y->code);
}

static void langs_panel(struct chart *c, SDL_Rect area)
{
	int total = 0, max = 0, rows, row_h, name_w = 190, num_w = 120;

	heading(c, &area, tr(c, "panel", "Tickets per language"));
	qsort(c->langs, (size_t)c->n_langs, sizeof c->langs[0], cmp_lang);
	if (c->n_langs > MAX_LANGS_SHOWN) {
		/* the least asked for together, as "other" (code "") */
		for (int i = MAX_LANGS_SHOWN; i < c->n_langs; i++)
			c->langs[MAX_LANGS_SHOWN - 1].n += c->langs[i].n;
		c->langs[MAX_LANGS_SHOWN - 1].code[0] = '\0';
		c->n_langs = MAX_LANGS_SHOWN;
	}
	for (int i = 0; i < c->n_langs; i++) {
		total += c->langs[i].n;
		max = c->langs[i].n > max ? c->langs[i].n : max;
	}
	rows = c->n_langs > 7 ? c->n_langs : 7;
	row_h = area.h / rows < 64 ? area.h / rows : 64;
	for (int i = 0; i < c->n_langs; i++) {
		const struct lang_count *l = &c->langs[i];
		int y = area.y + i * row_h, bar_w = max ? (int)((long)l->n * (area.w - name_w - num_w) / max) : 0;
		const char *name = l->code[0] ? tr(c, "language", i18n_lang_english(c->cat, l->code))
		                              : tr(c, "language", "other");
		char s[48];
		say(c, name, (SDL_Rect){ area.x, y + 2, name_w - 12, row_h * 6 / 10 + 8 }, 22, 0, TEXT_START, C_INK);
		if (bar_w > 0)
			bar(c, (SDL_Rect){ area.x + name_w, y + 6, bar_w, row_h * 6 / 10 }, 4, C_BAR);
		snprintf(s, sizeof s, "%d (%d %%)", l->n, total ? (int)((l->n * 100L + total / 2) / total) : 0);
		say_at(c, s, area.x + name_w + bar_w + 10, y + 6 + row_h * 3 / 10, 20, TEXT_LATIN, TEXT_START,
		       TEXT_MIDDLE, C_INK);
	}
}

/* ---- the whole ---- */

static int open_catalogue(struct chart *c, char *err, size_t errlen)
{
	char assets[1024], dir[1100];
	if (assets_find(c->spec->assets, assets, sizeof assets, err, errlen) != 0)
		return -1;
	assets_path(assets, "i18n", dir, sizeof dir);
	c->cat = i18n_new(dir);
	if (!c->cat) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* A mistake in a .po file leaves its entry out (logged); only an
	 * unreadable catalogue stops the chart. */
	if (i18n_load(c->cat, I18N_COMMON, err, errlen) < 0 || i18n_load(c->cat, DOMAIN, err, errlen) < 0)
		return -1;
	if (!i18n_has_lang(c->cat, c->lang)) {
		snprintf(err, errlen, "the chart has no language \"%s\" (assets/i18n/common/%s.po)", c->lang, c->lang);
		return -1;
	}
	return 0;
}

static void format_date(struct chart *c, const char *day, char *out, size_t cap)
{
	static const char *const months[] = { "January", "February", "March",     "April",   "May",      "June",
		                                  "July",    "August",   "September", "October", "November", "December" };
	int y, m, d;
	char ds[8], ys[8];
	if (tz_parse_day(day, &y, &m, &d) != 0) {
		snprintf(out, cap, "%s", day);
		return;
	}
	snprintf(ds, sizeof ds, "%d", d);
	snprintf(ys, sizeof ys, "%d", y);
	i18n_format(out, cap, tr(c, "date", "{day} {month} {year}"), "day", ds, "month",
	            i18n_get_ctx(c->cat, DOMAIN, c->lang, "date", months[m - 1]), "year", ys, NULL);
}

static void make_title(struct chart *c, char *out, size_t cap)
{
	const struct chart_spec *s = c->spec;
	const char *branch = s->branch && s->branch[0] ? s->branch : c->single_branch;
	char from[96], to[96];
	if (c->many_branches)
		branch = tr(c, "title", "All branches");
	else if (s->cfg && !strcmp(branch, s->cfg->branch_id))
		branch = s->cfg->branch_name;
	format_date(c, s->from, from, sizeof from);
	format_date(c, s->to, to, sizeof to);
	i18n_format(out, cap, tr(c, "title", "{branch}, {from} – {to}"), "branch", branch, "from", from, "to", to,
	            NULL);
}

static void chart_free(struct chart *c)
{
	text_free(c->t);
	if (c->r)
		SDL_DestroyRenderer(c->r);
	if (c->surface)
		SDL_FreeSurface(c->surface);
	fonts_free(c->fonts);
	i18n_free(c->cat);
	free(c->total.waits.v);
}

/* The figures and the catalogue, for the title or the picture. */
static int chart_prepare(struct chart *c, const struct chart_spec *spec, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->spec = spec;
	c->lang = spec->lang && spec->lang[0] ? spec->lang : "cs";
	if (open_catalogue(c, err, errlen) != 0)
		return -1;
	c->rtl = i18n_lang_rtl(c->cat, c->lang);
	if (collect(c) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int chart_title(const struct chart_spec *spec, char *out, size_t cap, char *err, size_t errlen)
{
	struct chart c;
	int rc = chart_prepare(&c, spec, err, errlen);
	if (rc == 0)
		make_title(&c, out, cap);
	chart_free(&c);
	return rc;
}

int chart_write_png(const struct chart_spec *spec, const char *path, char *err, size_t errlen)
{
	struct chart c;
	char tmp[1100], title_text[512];
	int rc = -1;

	if (chart_prepare(&c, spec, err, errlen) != 0)
		goto out;
	c.fonts = fonts_new(spec->cfg, err, errlen);
	if (!c.fonts || fonts_add_lang(c.fonts, spec->cfg, c.lang, i18n_lang_script(c.cat, c.lang), err, errlen) != 0)
		goto out;
	/* No display: SDL's software renderer draws into a surface. */
	c.surface = SDL_CreateRGBSurfaceWithFormat(0, CHART_W, CHART_H, 32, SDL_PIXELFORMAT_ARGB8888);
	c.r = c.surface ? SDL_CreateSoftwareRenderer(c.surface) : NULL;
	c.t = c.r ? text_new(c.r, c.fonts, c.cat, 0) : NULL;
	if (!c.t) {
		snprintf(err, errlen, "cannot draw: %s", SDL_GetError());
		goto out;
	}
	SDL_SetRenderDrawBlendMode(c.r, SDL_BLENDMODE_BLEND);
	fill(&c, (SDL_Rect){ 0, 0, CHART_W, CHART_H }, C_BG);
	make_title(&c, title_text, sizeof title_text);
	title(&c, title_text);
	key_figures(&c);
	if (c.total.n[TALLY_ISSUED] == 0 && c.n_langs == 0) {
		say(&c, tr(&c, "empty", "No tickets in this period."), (SDL_Rect){ 48, 400, CHART_W - 96, 60 }, 32, 0,
		    TEXT_CENTER, C_MUTED);
	} else {
		hours_panel(&c, (SDL_Rect){ 48, 256, 960, 330 });
		waits_panel(&c, (SDL_Rect){ 48, 630, 960, 340 });
		langs_panel(&c, (SDL_Rect){ 1072, 256, CHART_W - 48 - 1072, 714 });
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (shot_save(c.r, tmp, err, errlen) != 0) {
		remove(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		remove(tmp);
		goto out;
	}
	rc = 0;
out:
	chart_free(&c);
	return rc;
}
