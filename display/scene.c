/* Drawing the board from the board's state. Layout in theme units: a header
 * (branch, date, clock), a footer (the instruction line), and between them
 * the current call, the earlier calls and the services; in portrait they
 * stack, in landscape the services take a column of their own. The board
 * reads left to right in every language (it is one board for the whole
 * room); text in a right-to-left language is aligned and shaped as such. */
#include "display/scene.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/tz.h"
#include "ui/draw.h"
#include "ui/icon.h"
#include "ui/layout.h"
#include "ui/phrase.h"
#include "ui/theme.h"

struct scene {
	SDL_Renderer *r;
	struct text *t;
	struct i18n *cat;
	const struct config *cfg;
	const char *local;            /* the branch's first language: the board's own */
	struct theme th;
	int w, h;
	int overflows;
	char manifest[16384];
	size_t mlen;
};

struct scene *scene_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg)
{
	struct scene *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->r = r;
	s->t = t;
	s->cat = cat;
	s->cfg = cfg;
	s->local = cfg->n_langs > 0 ? cfg->langs[0] : "cs";
	return s;
}

void scene_free(struct scene *s) { free(s); }

__attribute__((format(printf, 2, 3))) static void note(struct scene *s, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (s->mlen >= sizeof s->manifest - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->manifest + s->mlen, sizeof s->manifest - s->mlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->mlen = s->mlen + (size_t)n < sizeof s->manifest ? s->mlen + (size_t)n : sizeof s->manifest - 1;
}

void scene_write_manifest(const struct scene *s, FILE *f) { fwrite(s->manifest, 1, s->mlen, f); }

static int u(const struct scene *s, double units) { return theme_u(&s->th, units); }

static void fill(struct scene *s, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(s->r, c.r, c.g, c.b, 255);
	SDL_RenderFillRect(s->r, &r);
}

/* Draws text; counts what does not fit. Returns the drawn block's metrics in m (may be NULL). */
static void say(struct scene *s, const char *lang, const char *str, SDL_Rect box, double px_units, int flags,
                enum text_align align, SDL_Color c, struct text_metrics *m)
{
	struct text_style st = { lang, u(s, px_units), flags, align, TEXT_MIDDLE, c, 0 };
	if (box.w <= 0 || box.h <= 0 || !str || !*str)
		return;
	if (text_draw(s->t, &st, str, box, m) != 0)
		s->overflows++;
}

/* Text as large as the box allows: px from its height, shrunk to fit its width. */
static void say_big(struct scene *s, const char *lang, const char *str, SDL_Rect box, int flags,
                    enum text_align align, SDL_Color c, struct text_metrics *m)
{
	struct text_style st = { lang, box.h * 100 / 140, flags | TEXT_FIT, align, TEXT_MIDDLE, c, 10 };
	if (box.w <= 0 || box.h <= 0 || !str || !*str)
		return;
	if (text_draw(s->t, &st, str, box, m) != 0)
		s->overflows++;
}

static const char *tr(struct scene *s, const char *lang, const char *msgid)
{
	return i18n_get(s->cat, SCENE_DOMAIN, lang, msgid);
}

static const char *service_name(struct scene *s, char id, const char *lang)
{
	const struct service_cfg *sc = config_service(s->cfg, id);
	return sc ? config_service_name(s->cfg, sc, lang) : "";
}

/* The second language of bilingual lines: the cycling one, or English
 * while the cycle shows the board's own language (NULL if none). */
static const char *second_lang(struct scene *s, const char *cycle)
{
	if (cycle && strcmp(cycle, s->local) != 0)
		return cycle;
	return config_lang_index(s->cfg, "en") >= 0 && strcmp(s->local, "en") != 0 ? "en" : NULL;
}

/* ---- header and footer ---- */

static void draw_header(struct scene *s, SDL_Rect head, const struct scene_input *in, bool stale)
{
	char date[160], clock[16];
	SDL_Rect box, clockbox;
	fill(s, head, s->th.surface);
	box = layout_inset(head, u(s, 1));
	phrase_time(tz_minute_of_day(in->now_ms), clock, sizeof clock);
	phrase_date(s->cat, s->local, in->now_ms, date, sizeof date);
	clockbox = layout_take_end(&box, u(s, 12), u(s, 2), false);
	say(s, NULL, clock, clockbox, 4.2, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, TEXT_END, s->th.text, NULL);
	note(s, "clock %s %d %d %d %d\n", clock, clockbox.x, clockbox.y, clockbox.w, clockbox.h);
	say(s, s->local, s->cfg->branch_name, layout_take_start(&box, box.w * 45 / 100, u(s, 2), false), 3.4,
	    TEXT_BOLD | TEXT_FIT, TEXT_START, s->th.text, NULL);
	say(s, s->local, date, box, 2.6, TEXT_FIT, TEXT_END, stale ? s->th.muted : s->th.muted, NULL);
}

static void draw_footer(struct scene *s, SDL_Rect foot, const struct scene_input *in)
{
	const char *lang = in->cycle_lang ? in->cycle_lang : s->local;
	bool rtl = text_rtl(s->t, lang);
	SDL_Rect box = layout_inset(foot, u(s, 1)), icon;
	struct text_metrics m;
	fill(s, foot, s->th.surface);
	/* the pictogram stands at the start of the line, which is the right in Arabic */
	icon = layout_take_start(&box, box.h, u(s, 1.5), rtl);
	icon_draw(s->r, ICON_TICKET, layout_inset(icon, u(s, 0.6)), s->th.accent, s->th.surface, rtl);
	memset(&m, 0, sizeof m);
	say(s, lang, tr(s, lang, "Please wait until your number appears, then go to the counter shown."), box, 3.0,
	    TEXT_FIT | TEXT_WRAP, TEXT_START, s->th.text, &m);
	note(s, "footer %d %d %d %d\n", foot.x, foot.y, foot.w, foot.h);
	note(s, "instruction %s %d %d %d %d %d\n", lang, box.x, box.y, box.w, box.h, m.px);
}

/* ---- the offline mark ---- */

static void draw_offline(struct scene *s, SDL_Rect band, const struct scene_input *in)
{
	const char *second = second_lang(s, in->cycle_lang);
	/* true until the connection went: the wall time of that moment */
	int64_t seen = board_state(in->board) ? in->now_ms - (in->mono_ms - board_disconnected_at(in->board)) : 0;
	char line[2][400], when[16];
	const char *langs[2] = { s->local, second };
	SDL_Rect box, icon;
	draw_round_rect(s->r, band, s->th.radius, s->th.surface);
	draw_round_frame(s->r, band, s->th.radius, u(s, 0.4), s->th.warn);
	box = layout_inset(band, u(s, 1));
	icon = layout_take_start(&box, box.h, u(s, 1.5), false);
	icon_draw(s->r, ICON_OFFLINE, layout_inset(icon, u(s, 0.3)), s->th.warn, s->th.surface, false);
	phrase_time(tz_minute_of_day(seen), when, sizeof when);
	for (int i = 0; i < 2; i++) {
		char upd[200];
		if (!langs[i])
			continue;
		if (seen > 0)
			i18n_format(upd, sizeof upd, tr(s, langs[i], "Last updated at {time}"), "time", when, NULL);
		else
			snprintf(upd, sizeof upd, "%s", i18n_get(s->cat, NULL, langs[i], "Reconnecting…"));
		snprintf(line[i], sizeof line[i], "%s · %s", i18n_get(s->cat, NULL, langs[i], "Offline"), upd);
	}
	if (second) {
		SDL_Rect top = layout_take_top(&box, box.h * 55 / 100, 0);
		say(s, s->local, line[0], top, 2.8, TEXT_BOLD | TEXT_FIT, TEXT_START, s->th.warn, NULL);
		say(s, second, line[1], box, 2.2, TEXT_FIT, TEXT_START, s->th.text, NULL);
	} else {
		say(s, s->local, line[0], box, 2.8, TEXT_BOLD | TEXT_FIT, TEXT_START, s->th.warn, NULL);
	}
	note(s, "offline 1 %d %d %d %d\n", band.x, band.y, band.w, band.h);
}

/* ---- calls ---- */

struct look {
	SDL_Color fill, frame, number, counter, word;
	int frame_px;
};

static struct look call_look(struct scene *s, bool fresh, bool blink_on, bool stale, bool big)
{
	struct look l;
	const struct theme *th = &s->th;
	l.fill = th->surface;
	l.frame = th->surface;
	l.frame_px = 0;
	l.number = big ? th->accent : th->text;
	l.counter = th->text;
	l.word = th->muted;
	if (stale) {
		l.number = l.counter = l.word = th->muted;
	} else if (fresh && blink_on) {
		l.fill = th->accent;
		l.number = l.counter = l.word = th->on_accent;
	} else if (fresh) {
		/* the dark phase of the blink: still framed, so the eye keeps it */
		l.frame = th->accent;
		l.frame_px = u(s, big ? 0.6 : 0.35);
		l.number = l.counter = th->accent;
	}
	return l;
}

static void hexcolor(SDL_Color c, char out[8]) { snprintf(out, 8, "%02x%02x%02x", c.r, c.g, c.b); }

/* One call, large: "A023 → [pictogram] Přepážka 2". */
static void draw_call_big(struct scene *s, SDL_Rect row, const struct state_call *c, int i, bool fresh,
                          bool blink_on, bool stale)
{
	struct look l = call_look(s, fresh, blink_on, stale, true);
	SDL_Rect in, num, arrow, ctr, word, icon;
	struct text_metrics m;
	char fg[8], bg[8];
	int arrow_w;
	bool wide;
	draw_round_rect(s->r, row, s->th.radius * 2, l.fill);
	if (l.frame_px)
		draw_round_frame(s->r, row, s->th.radius * 2, l.frame_px, l.frame);
	/* a tall row stacks the counter's word over its id; a short wide one
	 * (several calls at once) puts everything on one line */
	wide = row.w > row.h * 9 / 2;
	in = layout_inset(row, wide ? row.h / 8 : u(s, 1.8));
	arrow_w = in.h * (wide ? 80 : 55) / 100;
	num = layout_take_start(&in, (in.w - arrow_w) * (wide ? 45 : 56) / 100, 0, false);
	arrow = layout_take_start(&in, arrow_w, u(s, 1), false);
	ctr = in;
	memset(&m, 0, sizeof m);
	say_big(s, NULL, c->number, num, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, l.number, &m);
	hexcolor(l.number, fg);
	hexcolor(l.fill, bg);
	note(s, "hero_number %d %s %s %d %s %s %d %d %d %d\n", i, c->number, c->counter, m.px, fg, bg,
	     num.x + (num.w - m.w) / 2, num.y + (num.h - m.h) / 2, m.w, m.h);
	arrow = layout_inset((SDL_Rect){ arrow.x, arrow.y + (arrow.h - arrow.w) / 2, arrow.w, arrow.w }, arrow.w / 8);
	icon_draw(s->r, ICON_FORWARD, arrow, l.number, l.fill, false);
	/* the counter: its pictogram and word, and its id large */
	if (wide) {
		SDL_Rect id = layout_take_end(&ctr, ctr.w * 35 / 100, u(s, 1), false);
		icon = layout_take_start(&ctr, ctr.h * 7 / 10, u(s, 0.6), false);
		icon_draw(s->r, ICON_COUNTER, layout_inset(icon, 0), l.word, l.fill, false);
		word = layout_inset(ctr, 0);
		word.y += word.h / 5;
		word.h = word.h * 3 / 5;
		say_big(s, s->local, tr(s, s->local, "Counter"), word, TEXT_BOLD, TEXT_START, l.word, NULL);
		say_big(s, NULL, c->counter, id, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, l.counter, NULL);
	} else {
		word = layout_take_top(&ctr, ctr.h * 27 / 100, 0);
		icon = layout_take_start(&word, word.h, u(s, 0.6), false);
		icon_draw(s->r, ICON_COUNTER, icon, l.word, l.fill, false);
		say_big(s, s->local, tr(s, s->local, "Counter"), word, TEXT_BOLD, TEXT_START, l.word, NULL);
		say_big(s, NULL, c->counter, ctr, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, l.counter, NULL);
	}
	note(s, "hero_call %d %s %s %d %d %d %d %d %d\n", i, c->number, c->counter, fresh, blink_on, row.x, row.y, row.w,
	     row.h);
}

/* One earlier call in the list: "A021 → 1". */
static void draw_call_small(struct scene *s, SDL_Rect cell, const struct state_call *c, int i, bool fresh,
                            bool blink_on, bool stale)
{
	struct look l = call_look(s, fresh, blink_on, stale, false);
	SDL_Rect in, num, arrow;
	int arrow_w;
	/* a quiet row is text on the background with a rule under it (cheaper
	 * to draw than a card, and a call's frame is drawn at once); a
	 * highlighted one gets its panel */
	if (fresh) {
		draw_round_rect(s->r, cell, s->th.radius, l.fill);
		if (l.frame_px)
			draw_round_frame(s->r, cell, s->th.radius, l.frame_px, l.frame);
	} else {
		l.fill = s->th.bg;
		fill(s, (SDL_Rect){ cell.x, cell.y + cell.h - u(s, 0.1) - 1, cell.w, u(s, 0.1) + 1 }, s->th.line);
	}
	in = layout_inset(cell, u(s, 0.3));
	arrow_w = in.h;
	num = layout_take_start(&in, (in.w - arrow_w) * 58 / 100, 0, false);
	arrow = layout_take_start(&in, arrow_w, u(s, 0.5), false);
	say_big(s, NULL, c->number, num, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, l.number, NULL);
	arrow = layout_inset((SDL_Rect){ arrow.x, arrow.y + (arrow.h - arrow.w) / 2, arrow.w, arrow.w }, arrow.w / 6);
	icon_draw(s->r, ICON_FORWARD, arrow, l.word, l.fill, false);
	say_big(s, NULL, c->counter, in, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, l.counter, NULL);
	note(s, "recent %d %s %s %d %d %d %d %d\n", i, c->number, c->counter, fresh, cell.x, cell.y, cell.w, cell.h);
}

static void draw_no_call(struct scene *s, SDL_Rect hero, const struct scene_input *in)
{
	const char *second = second_lang(s, in->cycle_lang);
	SDL_Rect box = layout_inset(hero, u(s, 2)), icon;
	draw_round_rect(s->r, hero, s->th.radius * 2, s->th.surface);
	icon = layout_take_start(&box, box.h * 45 / 100, u(s, 2), false);
	icon_draw(s->r, ICON_TICKET, (SDL_Rect){ icon.x, box.y + (box.h - icon.w) / 2, icon.w, icon.w }, s->th.muted,
	          s->th.surface, false);
	if (second) {
		SDL_Rect top = layout_take_top(&box, box.h / 2, u(s, 0.5));
		say(s, s->local, tr(s, s->local, "No number has been called yet"), top, 4.0, TEXT_BOLD | TEXT_FIT | TEXT_WRAP,
		    TEXT_START, s->th.text, NULL);
		say(s, second, tr(s, second, "No number has been called yet"), box, 3.0, TEXT_FIT | TEXT_WRAP, TEXT_START,
		    s->th.muted, NULL);
	} else {
		say(s, s->local, tr(s, s->local, "No number has been called yet"), box, 4.0, TEXT_BOLD | TEXT_FIT | TEXT_WRAP,
		    TEXT_START, s->th.text, NULL);
	}
	note(s, "hero_none %d %d %d %d\n", hero.x, hero.y, hero.w, hero.h);
}

/* The current call(s) large at the top of area, the earlier ones below in
 * cols columns. Several fresh calls take more of the area. */
static void draw_calls(struct scene *s, SDL_Rect area, int cols, bool portrait, const struct scene_input *in,
                       bool stale)
{
	const struct state_doc *d = board_state(in->board);
	int big[SCENE_HERO_MAX], nbig = 0, shown = 0, n_list, rows, share;
	bool blink[QUEUE_RECENT_CALLS], fresh[QUEUE_RECENT_CALLS];
	SDL_Rect hero, list;
	for (int i = 0; d && i < d->n_called; i++) {
		fresh[i] = board_fresh(in->board, d->called[i].number, d->called[i].counter, in->mono_ms, &blink[i]);
		if (fresh[i] && nbig < SCENE_HERO_MAX)
			big[nbig++] = i;
	}
	if (nbig == 0 && d && d->n_called > 0)
		big[nbig++] = 0;
	share = (portrait ? 46 : 45) + (nbig > 1 ? (nbig - 1) * 10 : 0);
	hero = layout_take_top(&area, area.h * share / 100, u(s, 1.5));
	list = area;
	note(s, "hero %d %d %d %d\n", hero.x, hero.y, hero.w, hero.h);
	note(s, "list %d %d %d %d\n", list.x, list.y, list.w, list.h);
	if (nbig == 0) {
		draw_no_call(s, hero, in);
		return;
	}
	for (int k = 0; k < nbig; k++) {
		SDL_Rect row = layout_cell(hero, 1, nbig, k, u(s, 1), false);
		int i = big[k];
		draw_call_big(s, row, &d->called[i], k, fresh[i], blink[i], stale);
	}
	n_list = d->n_called - nbig < in->recent ? d->n_called - nbig : in->recent;
	if (n_list <= 0)
		return;
	rows = (in->recent + cols - 1) / cols;
	for (int i = 0; i < d->n_called && shown < n_list; i++) {
		bool in_hero = false;
		for (int k = 0; k < nbig; k++)
			in_hero = in_hero || big[k] == i;
		if (in_hero)
			continue;
		/* column by column: the newest at the top of the first */
		draw_call_small(s, layout_cell(list, cols, rows, (shown % rows) * cols + shown / rows, u(s, 1), false),
		                &d->called[i], shown, fresh[i], blink[i], stale);
		shown++;
	}
}

/* ---- services ---- */

/* One row per service: its letter on a badge and its pictogram (the one
 * the kiosk showed, [service X] icon); its name in the board's
 * language, the name in the second language, the wait (or when it opens);
 * at the end how many wait. Texts of one kind share one size in every row,
 * so the column reads as a table. */
struct service_texts {
	char id;
	const struct state_service *sv;
	char wait[200];
	SDL_Rect row, badge, icon, name, name2, wait_icon, wait_box, count_icon, count;
};

enum { SV_NAME, SV_NAME2, SV_WAIT, SV_KINDS };

static void service_layout(struct scene *s, struct service_texts *st, bool two, bool rtl)
{
	SDL_Rect in_r = layout_inset(st->row, u(s, 0.8));
	const struct service_cfg *sc = config_service(s->cfg, st->id);
	st->badge = layout_take_start(&in_r, in_r.h, u(s, 1.2), false);
	st->icon = (SDL_Rect){ 0, 0, 0, 0 };
	if (sc && icon_from_name(sc->icon) >= 0) {
		int side = in_r.h * 45 / 100;
		st->icon = layout_take_start(&in_r, side, u(s, 1), false);
		st->icon.y += (st->icon.h - side) / 2;
		st->icon.h = side;
	}
	st->count = layout_take_end(&in_r, in_r.w * 18 / 100, u(s, 1), false);
	st->count_icon = layout_take_top(&st->count, st->count.h * 38 / 100, 0);
	st->name = layout_take_top(&in_r, in_r.h * (two ? 38 : 55) / 100, 0);
	st->name2 = two ? layout_take_top(&in_r, in_r.h / 2, 0) : (SDL_Rect){ 0, 0, 0, 0 };
	/* the clock stands where the wait's language starts reading */
	st->wait_icon = layout_take_start(&in_r, in_r.h, u(s, 0.6), rtl);
	st->wait_box = in_r;
}

static void service_wait_text(struct scene *s, struct service_texts *st, const char *wlang, int64_t now)
{
	st->wait[0] = '\0';
	if (!st->sv)
		return;
	if (!st->sv->open) {
		char when[160];
		/* "Closed · tomorrow at 9:00": short enough for a table cell */
		if (st->sv->opens_at_ms > 0 && phrase_opens(s->cat, wlang, now, st->sv->opens_at_ms, when, sizeof when) > 0)
			snprintf(st->wait, sizeof st->wait, "%s · %s", tr(s, wlang, "Closed"), when);
		else
			snprintf(st->wait, sizeof st->wait, "%s", tr(s, wlang, "Closed"));
	} else if (st->sv->waiting > 0) {
		phrase_wait(s->cat, wlang, st->sv->est_wait_s, st->wait, sizeof st->wait);
	}
}

/* The largest size (from px down) at which str fits box. */
static int fit_px(struct scene *s, const char *lang, const char *str, SDL_Rect box, int px, int flags)
{
	struct text_style st = { lang, px, flags | TEXT_FIT, TEXT_START, TEXT_MIDDLE, s->th.text, 0 };
	struct text_metrics m;
	if (!str || !*str || box.w <= 0 || box.h <= 0)
		return px;
	memset(&m, 0, sizeof m);
	if (text_measure(s->t, &st, str, box.w, box.h, &m) < 0 || m.px <= 0)
		return px;
	return m.px < px ? m.px : px;
}

static void draw_services(struct scene *s, SDL_Rect area, const struct scene_input *in, bool stale)
{
	const struct state_doc *d = board_state(in->board);
	const char *second = second_lang(s, in->cycle_lang), *wlang = second ? second : s->local;
	int n = d ? d->n_services : s->cfg->n_services, row_h, max_h = u(s, 12), px[SV_KINDS], floor[SV_KINDS] = { 0 };
	struct service_texts rows[CONFIG_MAX_SERVICES];
	SDL_Color text = stale ? s->th.muted : s->th.text;
	note(s, "services %d %d %d %d\n", area.x, area.y, area.w, area.h);
	if (n <= 0)
		return;
	row_h = (area.h - (n - 1) * u(s, 1)) / n;
	if (row_h > max_h)
		row_h = max_h;
	for (int i = 0; i < n; i++) {
		struct service_texts *st = &rows[i];
		st->id = d ? d->services[i].id : s->cfg->services[i].letter;
		st->sv = d ? &d->services[i] : NULL;
		st->row = layout_take_top(&area, row_h, u(s, 1));
		service_layout(s, st, second != NULL, text_rtl(s->t, wlang));
		service_wait_text(s, st, wlang, in->now_ms);
	}
	/* one size per kind of text: the largest at which every row fits */
	px[SV_NAME] = px[SV_NAME2] = px[SV_WAIT] = INT_MAX;
	for (int i = 0; i < n; i++) {
		struct service_texts *st = &rows[i];
		int p0 = st->name.h * 100 / 140, p1 = st->name2.h * 100 / 140, p2 = st->wait_box.h * 100 / 140, f;
		if ((f = fit_px(s, s->local, service_name(s, st->id, s->local), st->name, p0, TEXT_BOLD)) < px[SV_NAME])
			px[SV_NAME] = f;
		if (second && (f = fit_px(s, second, service_name(s, st->id, second), st->name2, p1, 0)) < px[SV_NAME2])
			px[SV_NAME2] = f;
		if ((f = fit_px(s, wlang, st->wait, st->wait_box, p2, 0)) < px[SV_WAIT])
			px[SV_WAIT] = f;
		floor[SV_NAME] = p0 * 3 / 4;
		floor[SV_NAME2] = p1 * 3 / 4;
		floor[SV_WAIT] = p2 * 3 / 4;
	}
	/* ...but one long name does not make every row small: below three
	 * quarters of the full size, that row alone shrinks */
	for (int k = 0; k < SV_KINDS; k++)
		if (px[k] < floor[k])
			px[k] = floor[k];
	/* the board's own language leads: the lines below it are smaller */
	if (px[SV_NAME2] > px[SV_NAME] * 85 / 100)
		px[SV_NAME2] = px[SV_NAME] * 85 / 100;
	if (px[SV_WAIT] > px[SV_NAME] * 85 / 100)
		px[SV_WAIT] = px[SV_NAME] * 85 / 100;
	for (int i = 0; i < n; i++) {
		struct service_texts *st = &rows[i];
		struct text_style ts = { s->local, px[SV_NAME], TEXT_BOLD | TEXT_FIT, TEXT_START, TEXT_MIDDLE, text, 0 };
		char letter[2] = { st->id, 0 }, num[16];
		if (i + 1 < n)
			fill(s, (SDL_Rect){ st->row.x, st->row.y + st->row.h + u(s, 0.5) - u(s, 0.05), st->row.w, u(s, 0.1) + 1 },
			     s->th.line);
		draw_round_rect(s->r, st->badge, s->th.radius, stale ? s->th.disabled : s->th.button);
		say_big(s, NULL, letter, layout_inset(st->badge, u(s, 0.3)), TEXT_BOLD | TEXT_LATIN, TEXT_CENTER,
		        stale ? s->th.on_disabled : s->th.on_button, NULL);
		if (st->icon.w > 0)
			icon_draw(s->r, (enum icon)icon_from_name(config_service(s->cfg, st->id)->icon), st->icon,
			          stale ? s->th.muted : s->th.text, s->th.bg, false);
		if (text_draw(s->t, &ts, service_name(s, st->id, s->local), st->name, NULL) != 0)
			s->overflows++;
		if (second) {
			ts = (struct text_style){ second, px[SV_NAME2], TEXT_FIT, TEXT_START, TEXT_MIDDLE, s->th.muted, 0 };
			if (text_draw(s->t, &ts, service_name(s, st->id, second), st->name2, NULL) != 0)
				s->overflows++;
		}
		if (st->wait[0]) {
			bool closed = st->sv && !st->sv->open;
			icon_draw(s->r, ICON_CLOCK, layout_inset(st->wait_icon, u(s, 0.3)), closed ? s->th.warn : s->th.muted,
			          s->th.bg, false);
			ts = (struct text_style){ wlang, px[SV_WAIT], TEXT_FIT, TEXT_START, TEXT_MIDDLE,
				                  stale ? s->th.muted : closed ? s->th.warn : s->th.text, 0 };
			if (text_draw(s->t, &ts, st->wait, st->wait_box, NULL) != 0)
				s->overflows++;
		}
		if (st->sv) {
			/* the count, under a person pictogram */
			snprintf(num, sizeof num, "%d", st->sv->waiting);
			icon_draw(s->r, ICON_PERSON, st->count_icon, s->th.muted, s->th.bg, false);
			say_big(s, NULL, num, st->count, TEXT_BOLD | TEXT_LATIN, TEXT_CENTER, text, NULL);
		}
		note(s, "service %c %d %d %d %d %d %d\n", st->id, st->sv ? st->sv->waiting : -1,
		     st->sv ? st->sv->est_wait_s : -1, st->row.x, st->row.y, st->row.w, st->row.h);
	}
}

int scene_draw(struct scene *s, const struct scene_input *in, int w, int h)
{
	const struct state_doc *d = board_state(in->board);
	bool offline = board_offline(in->board, in->mono_ms), portrait = h > w;
	SDL_Rect body = { 0, 0, w, h }, head, foot, calls, services;
	if (w != s->w || h != s->h) {
		theme_init(&s->th, w, h);
		s->w = w;
		s->h = h;
	}
	s->overflows = 0;
	s->mlen = 0;
	note(s, "size %d %d\n", w, h);
	note(s, "seq %lld\n", d ? (long long)d->seq : -1LL);
	/* a clear, not a filled rectangle: renderers do it without drawing */
	SDL_SetRenderDrawColor(s->r, s->th.bg.r, s->th.bg.g, s->th.bg.b, 255);
	SDL_RenderClear(s->r);
	head = layout_take_top(&body, u(s, portrait ? 6.5 : 6), 0);
	foot = layout_take_bottom(&body, u(s, portrait ? 8 : 6.5), 0);
	draw_header(s, head, in, offline);
	draw_footer(s, foot, in);
	body = layout_inset(body, u(s, 2));
	if (offline)
		draw_offline(s, layout_take_top(&body, u(s, 7), u(s, 1.5)), in);
	else
		note(s, "offline 0\n");
	if (portrait) {
		calls = layout_take_top(&body, body.h * 54 / 100, u(s, 2));
		services = body;
	} else {
		calls = layout_take_start(&body, body.w * 60 / 100, u(s, 2.5), false);
		services = body;
	}
	draw_calls(s, calls, 2, portrait, in, offline);
	draw_services(s, services, in, offline);
	note(s, "overflows %d\n", s->overflows);
	return s->overflows;
}
