/* Drawing the console's window (view.h). Sizes are in theme units
 * (th.unit = min(w, h) / 60: 12.8 px at 1366x768), so the layout scales. */
#include "console/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/picker.h"
#include "console/words.h"
#include "core/log.h"
#include "ui/draw.h"
#include "ui/icon.h"
#include "ui/layout.h"
#include "ui/theme.h"

#define MAX_HITS 160
#define MANIFEST_CAP 16384
/* A request answered within this time never shows as "Sending…": the
 * buttons do not flicker for the few milliseconds an answer takes. */
#define SENDING_SHOWN_MS 250
/* frontad silent this long (the broker is there): the status line says so */
#define SILENT_SHOWN_MS 5000

struct hit {
	SDL_Rect r;
	struct key_cmd k;
};

struct view {
	SDL_Renderer *r;
	struct text *t;
	struct i18n *cat;
	const struct config *cfg;
	struct theme th;
	int w, h;
	const char *lang;      /* this frame's interface language */
	bool rtl;
	int overflows;
	struct hit hits[MAX_HITS];
	int n_hits;
	int page_rows;
	char manifest[MANIFEST_CAP];
	size_t manifest_len;
};

struct view *view_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg)
{
	struct view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->r = r;
	v->t = t;
	v->cat = cat;
	v->cfg = cfg;
	view_resize(v, 1366, 768);
	return v;
}

void view_free(struct view *v) { free(v); }

void view_resize(struct view *v, int w, int h)
{
	v->w = w;
	v->h = h;
	theme_init(&v->th, w, h);
}

int view_page_rows(const struct view *v) { return v->page_rows > 1 ? v->page_rows : 1; }

/* ---- small helpers ---- */

static const char *T(struct view *v, const char *msgid) { return i18n_get(v->cat, WORDS_DOMAIN, v->lang, msgid); }

static int U(const struct view *v, double units) { return theme_u(&v->th, units); }

static void note_rect(struct view *v, const char *what, SDL_Rect r, const char *extra)
{
	int n;
	if (v->manifest_len >= sizeof v->manifest - 200)
		return;
	n = snprintf(v->manifest + v->manifest_len, sizeof v->manifest - v->manifest_len, "%s %d %d %d %d%s%s\n", what,
	             r.x, r.y, r.w, r.h, extra ? " " : "", extra ? extra : "");
	if (n > 0)
		v->manifest_len += (size_t)n;
}

static void add_hit(struct view *v, SDL_Rect r, enum cmd cmd, char ch, int row)
{
	if (v->n_hits == MAX_HITS)
		return;
	v->hits[v->n_hits].r = r;
	v->hits[v->n_hits].k.cmd = cmd;
	v->hits[v->n_hits].k.ch = ch;
	v->hits[v->n_hits].k.row = row;
	v->n_hits++;
}

static void fill(struct view *v, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(v->r, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(v->r, &r);
}

static int say_in(struct view *v, const char *lang, double px_u, int flags, enum text_align al, enum text_valign va,
                  SDL_Color c, const char *s, SDL_Rect box)
{
	struct text_style st = { lang, U(v, px_u), flags, al, va, c, 0 };
	int rc;
	if (!s || !s[0] || box.w <= 0 || box.h <= 0)
		return 0;
	rc = text_draw(v->t, &st, s, box, NULL);
	if (rc != 0)
		v->overflows++;
	return rc;
}

/* Text in the interface language, one line, shrunk to fit. */
static int say(struct view *v, double px_u, int flags, enum text_align al, SDL_Color c, const char *s, SDL_Rect box)
{
	return say_in(v, v->lang, px_u, flags | TEXT_FIT, al, TEXT_MIDDLE, c, s, box);
}

/* TEXT_START of a text in lang, seen from the interface's direction: an
 * Arabic name in a Czech list starts on the left like the rest. */
static enum text_align start_for(struct view *v, const char *lang)
{
	return text_rtl(v->t, lang) == v->rtl ? TEXT_START : TEXT_END;
}

/* One line of s in box, shrunk down to min_u units; if even that is too
 * wide, whole words are taken off the end and "…" put in their place, so
 * that a long service name stays readable instead of becoming tiny. */
static void say_short(struct view *v, const char *lang, double px_u, double min_u, int flags, enum text_align al,
                      SDL_Color c, const char *s, SDL_Rect box)
{
	struct text_style st = { lang, U(v, px_u), flags | TEXT_FIT, al, TEXT_MIDDLE, c, U(v, min_u) };
	char base[CONFIG_NAME_LEN + 8], buf[CONFIG_NAME_LEN + 16];
	bool cut = false;
	snprintf(base, sizeof base, "%s", s ? s : "");
	for (;;) {
		char *sp;
		snprintf(buf, sizeof buf, "%s%s", base, cut ? "…" : "");
		if (text_measure(v->t, &st, buf, box.w, box.h, NULL) == 0 || !(sp = strrchr(base, ' ')))
			break;
		while (sp > base && (sp[-1] == ' ' || sp[-1] == ','))
			sp--;
		*sp = '\0';
		cut = true;
	}
	/* one word left and still too wide: smaller after all, rather than over the edge */
	if (text_measure(v->t, &st, buf, box.w, box.h, NULL) != 0)
		st.min_px = U(v, 1.0);
	if (text_draw(v->t, &st, buf, box, NULL) != 0)
		v->overflows++;
}

static int width_of(struct view *v, const char *lang, double px_u, int flags, const char *s)
{
	struct text_style st = { lang, U(v, px_u), flags & (TEXT_BOLD | TEXT_LATIN), TEXT_START, TEXT_MIDDLE,
		                 v->th.text, 0 };
	struct text_metrics m;
	if (!s || !s[0] || text_measure(v->t, &st, s, 0, 0, &m) < 0)
		return 0;
	return m.w;
}

/* Draws s at the start (or the end) of row, at most max_w wide, and cuts
 * that strip off row. */
static void say_side(struct view *v, SDL_Rect *row, bool at_end, const char *lang, double px_u, int flags,
                     SDL_Color c, const char *s, int max_w, int gap)
{
	int w = width_of(v, lang, px_u, flags, s) + 2;
	enum text_align start = start_for(v, lang);
	SDL_Rect box;
	if (!s || !s[0])
		return;
	if (w > max_w)
		w = max_w;
	box = at_end ? layout_take_end(row, w, gap, v->rtl) : layout_take_start(row, w, gap, v->rtl);
	say_in(v, lang, px_u, flags | TEXT_FIT, at_end ? (start == TEXT_START ? TEXT_END : TEXT_START) : start,
	       TEXT_MIDDLE, c, s, box);
}

#define say_start(v, row, ...) say_side(v, row, false, __VA_ARGS__)
#define say_end(v, row, ...) say_side(v, row, true, __VA_ARGS__)

static void minutes(struct view *v, int64_t ms, char *out, size_t cap)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)(ms > 0 ? ms / 60000 : 0));
	i18n_format(out, cap, T(v, "{n} min"), "n", n, NULL);
}

static const char *service_name(struct view *v, char letter)
{
	const struct service_cfg *s = config_service(v->cfg, letter);
	return s ? config_service_name(v->cfg, s, v->lang) : "?";
}

static const char *key_text(struct view *v, enum cmd cmd, bool *latin)
{
	bool word;
	const char *k = keys_label(cmd, &word);
	*latin = !word;
	if (!k)
		return NULL;
	return word ? i18n_get_ctx(v->cat, WORDS_DOMAIN, v->lang, "key", k) : k;
}

/* A key cap: the key's name in a frame, as on a keyboard. */
static void draw_keycap(struct view *v, SDL_Rect box, const char *key, bool latin, SDL_Color ink, SDL_Color bg)
{
	draw_round_frame(v->r, box, U(v, 0.5), U(v, 0.15) > 1 ? U(v, 0.15) : 1, ink);
	(void)bg;
	say_in(v, latin ? "en" : v->lang, 1.5, TEXT_BOLD | TEXT_FIT | (latin ? TEXT_LATIN : 0), TEXT_CENTER,
	       TEXT_MIDDLE, ink, key, layout_inset(box, U(v, 0.15)));
}

static int keycap_width(struct view *v, const char *key, bool latin)
{
	int w = width_of(v, latin ? "en" : v->lang, 1.5, TEXT_BOLD | (latin ? TEXT_LATIN : 0), key) + U(v, 1.2);
	return w < U(v, 2.8) ? U(v, 2.8) : w;
}

/* ---- buttons ---- */

struct btn {
	enum cmd cmd;
	const char *label;
	const char *sub;       /* the reason it cannot act, or a detail; may be NULL */
	bool enabled;
	bool primary;          /* the one most pressed: Call next */
	bool on;               /* a state shown as on (Pause while paused) */
	const char *name;      /* for the manifest */
};

/* The label area of a button in rect: the upper half, full width (the key
 * cap and the second line share the lower half). */
static SDL_Rect label_box(struct view *v, SDL_Rect rect)
{
	SDL_Rect inner = layout_inset(rect, U(v, 0.9));
	inner.h = inner.h * 52 / 100;
	return inner;
}

static void draw_button(struct view *v, SDL_Rect rect, const struct btn *b, int label_px)
{
	const struct theme *th = &v->th;
	SDL_Color bg = b->enabled ? (b->primary ? th->accent : th->button) : th->disabled;
	SDL_Color ink = b->enabled ? (b->primary ? th->on_accent : th->on_button) : th->on_disabled;
	SDL_Rect inner, cap, label = label_box(v, rect), low;
	struct text_style st = { v->lang, label_px, TEXT_BOLD | TEXT_FIT | TEXT_WRAP, TEXT_START, TEXT_MIDDLE, ink, 0 };
	const char *key;
	bool latin;
	char extra[32], what[48];

	if (b->enabled) {
		SDL_Rect sh = rect;
		sh.y += U(v, 0.25) > 1 ? U(v, 0.25) : 1;
		draw_round_rect(v->r, sh, th->radius, th->shadow);
	}
	draw_round_rect(v->r, rect, th->radius, bg);
	if (b->on)
		draw_round_frame(v->r, rect, th->radius, U(v, 0.3) > 2 ? U(v, 0.3) : 2, th->warn);
	inner = layout_inset(rect, U(v, 0.9));
	low = inner;
	layout_take_top(&low, label.h, 0);
	key = key_text(v, b->cmd, &latin);
	if (key) {
		int kw = keycap_width(v, key, latin), kh = U(v, 2.6) < low.h ? U(v, 2.6) : low.h;
		cap = layout_take_end(&low, kw, U(v, 0.6), v->rtl);
		cap.y = cap.y + cap.h - kh;
		cap.h = kh;
		draw_keycap(v, cap, key, latin, ink, bg);
	}
	if (text_draw(v->t, &st, b->label, label, NULL) != 0)
		v->overflows++;
	if (b->sub && b->sub[0])
		say_in(v, v->lang, 1.55, TEXT_FIT | TEXT_WRAP, TEXT_START, TEXT_MIDDLE, ink, b->sub, low);
	snprintf(extra, sizeof extra, "%s%s", b->enabled ? "enabled" : "disabled", b->on ? " on" : "");
	snprintf(what, sizeof what, "button %s", b->name);
	note_rect(v, what, rect, extra);
	/* a click on a disabled button says why, as its key does */
	add_hit(v, rect, b->cmd, 0, -1);
}

/* One size for every button label: the largest (up to 2.3 units) at
 * which each fits its box on one line, so the buttons read as a set. */
static int labels_px(struct view *v, const struct btn *b, const SDL_Rect *cells, int n)
{
	int px = U(v, 2.3), floor_px = U(v, 1.7);   /* below that a label takes two lines */
	for (int i = 0; i < n; i++) {
		int w = width_of(v, v->lang, 2.3, TEXT_BOLD, b[i].label), room = label_box(v, cells[i]).w;
		/* 97 %: a size's width is not quite proportional (hinting) */
		if (w > room * 97 / 100 && w > 0 && U(v, 2.3) * room * 97 / 100 / w < px)
			px = U(v, 2.3) * room * 97 / 100 / w;
	}
	return px < floor_px ? floor_px : px;
}

/* ---- the top bar and the banner ---- */

static void draw_top(struct view *v, const struct model *m, SDL_Rect bar, int64_t now_ms)
{
	const struct theme *th = &v->th;
	const struct state_counter *c = model_my_counter(m);
	SDL_Rect row = layout_inset(bar, U(v, 1));
	char buf[256], hhmm[8];
	const char *counter = model_counter(m);

	fill(v, bar, th->surface);
	i18n_format(buf, sizeof buf, T(v, "Counter {counter}"), "counter", counter[0] ? counter : "?", NULL);
	say_start(v, &row, v->lang, 2.8, TEXT_BOLD, th->text, buf, row.w / 3, U(v, 1.5));
	if (c) {
		SDL_Color col = c->state == COUNTER_OPEN ? th->ok : c->state == COUNTER_PAUSED ? th->warn : th->danger;
		const char *st = words_counter_state(v->cat, v->lang, c->state);
		SDL_Rect pill;
		int w = width_of(v, v->lang, 1.8, TEXT_BOLD, st) + U(v, 2);
		pill = layout_take_start(&row, w, U(v, 1.5), v->rtl);
		pill.y += U(v, 0.6);
		pill.h -= U(v, 1.2);
		draw_round_rect(v->r, pill, pill.h / 2, col);
		say(v, 1.8, TEXT_BOLD, TEXT_CENTER, th->bg, st, pill);
		note_rect(v, "state", pill, config_counter_state_name(c->state));
	}
	/* what the counter takes now */
	{
		char letters[CONFIG_MAX_SERVICES * 3 + 1] = "";
		for (int i = 0; i < v->cfg->n_services; i++)
			if (model_takes(m, v->cfg->services[i].letter)) {
				size_t n = strlen(letters);
				snprintf(letters + n, sizeof letters - n, "%s%c", n ? " " : "", v->cfg->services[i].letter);
			}
		i18n_format(buf, sizeof buf, T(v, "Takes: {services}"), "services", letters, NULL);
	}
	/* the end side: clock, connection, language */
	words_time(now_ms, hhmm);
	say_end(v, &row, "en", 2.8, TEXT_BOLD | TEXT_LATIN, th->text, hhmm, U(v, 10), U(v, 1.5));
	{
		bool on = model_online(m);
		const char *s = on ? T(v, "Online") : T(v, "Offline");
		SDL_Rect dot;
		say_end(v, &row, v->lang, 2, TEXT_BOLD, on ? th->ok : th->danger, s, U(v, 14), U(v, 0.6));
		dot = layout_take_end(&row, U(v, 1.4), U(v, 1.5), v->rtl);
		if (on)
			draw_circle(v->r, (float)dot.x + dot.w / 2.0f, (float)dot.y + dot.h / 2.0f, (float)U(v, 0.6), th->ok);
		else
			icon_draw(v->r, ICON_OFFLINE, layout_inset(dot, -U(v, 0.3)), th->danger, th->surface, v->rtl);
	}
	{
		/* the language, as a button: L */
		const char *native = i18n_lang_native(v->cat, v->lang);
		bool latin;
		const char *key = key_text(v, CMD_LANGUAGE, &latin);
		int kw = keycap_width(v, key, latin);
		int w = width_of(v, v->lang, 1.9, 0, native) + kw + U(v, 5);
		SDL_Rect b, inner, cap;
		if (w > U(v, 24))
			w = U(v, 24);
		b = layout_take_end(&row, w, U(v, 1.5), v->rtl);
		draw_round_rect(v->r, b, th->radius, th->button);
		inner = layout_inset(b, U(v, 0.4));
		icon_draw(v->r, ICON_GLOBE, layout_inset(layout_take_start(&inner, inner.h, U(v, 0.4), v->rtl), U(v, 0.2)),
		          th->on_button, th->button, v->rtl);
		cap = layout_take_end(&inner, kw, U(v, 0.4), v->rtl);
		draw_keycap(v, cap, key, latin, th->on_button, th->button);
		say(v, 1.9, 0, TEXT_START, th->on_button, native, inner);
		add_hit(v, b, CMD_LANGUAGE, 0, -1);
		note_rect(v, "button language", b, "enabled");
	}
	say(v, 1.8, 0, TEXT_START, th->muted, buf, row);
}

/* A strip under the top bar when what is shown may not be the truth now. */
static void draw_banner(struct view *v, const struct model *m, SDL_Rect box, int64_t now_ms)
{
	const struct theme *th = &v->th;
	char buf[400], t[8];
	const char *kind;
	SDL_Color bg;
	SDL_Rect in = layout_inset(box, U(v, 0.8));
	enum icon ic;

	if (model_refused(m)) {
		kind = "refused";
		bg = th->danger;
		ic = ICON_WARNING;
		snprintf(buf, sizeof buf, "%s", T(v, "The broker refused this console. Ask IT to check its name and password."));
	} else if (!model_online(m)) {
		kind = "offline";
		bg = th->danger;
		ic = ICON_OFFLINE;
		words_time(model_offline_since(m) ? model_offline_since(m) : now_ms, t);
		i18n_format(buf, sizeof buf,
		            T(v, "Offline since {time}. Reconnecting… The buttons work again once the connection is back."),
		            "time", t, NULL);
	} else {
		kind = "syncing";
		bg = th->warn;
		ic = ICON_CLOCK;
		snprintf(buf, sizeof buf, "%s", T(v, "Connected. Getting the current queue…"));
	}
	fill(v, box, bg);
	icon_draw(v->r, ic, layout_take_start(&in, in.h, U(v, 1), v->rtl), th->bg, bg, v->rtl);
	say(v, 2.1, TEXT_BOLD, TEXT_START, th->bg, buf, in);
	note_rect(v, "banner", box, kind);
}

/* ---- the current client ---- */

static void draw_current(struct view *v, const struct model *m, SDL_Rect card, int64_t now_ms)
{
	const struct theme *th = &v->th;
	const struct ticket *cur = model_current(m);
	SDL_Rect in = layout_inset(card, U(v, 1.4)), head, numbox, line;
	char buf[400], a[64], b[64];

	draw_round_rect(v->r, card, th->radius, th->surface);
	note_rect(v, "current", card, cur ? cur->number : "-");
	head = layout_take_top(&in, U(v, 2.6), U(v, 0.6));
	say_start(v, &head, v->lang, 1.8, TEXT_BOLD, th->muted, T(v, "At the counter"), head.w / 2, U(v, 1));
	if (!cur) {
		int mine = model_waiting_mine(m);
		bool latin;
		const char *key = key_text(v, CMD_CALL, &latin);
		line = layout_take_top(&in, U(v, 6), U(v, 1));
		say(v, 3.6, TEXT_BOLD, TEXT_START, th->text, T(v, "Nobody at the counter"), line);
		line = layout_take_top(&in, U(v, 3), U(v, 0.4));
		if (mine > 0) {
			char n[24];
			snprintf(n, sizeof n, "%d", mine);
			i18n_format(buf, sizeof buf,
			            i18n_get_n(v->cat, WORDS_DOMAIN, v->lang, NULL, "{n} person waits for this counter",
			                       "{n} people wait for this counter", (unsigned long)mine),
			            "n", n, NULL);
			say(v, 2.2, 0, TEXT_START, th->text, buf, line);
			line = layout_take_top(&in, U(v, 3), 0);
			i18n_format(buf, sizeof buf, T(v, "{key}: call the next person"), "key", key, NULL);
			say(v, 2.2, 0, TEXT_START, th->muted, buf, line);
		} else {
			say(v, 2.2, 0, TEXT_START, th->muted, T(v, "Nobody is waiting for your services."), line);
		}
		return;
	}
	/* when it was called, at the end of the heading */
	if (cur->called_ms > 0) {
		char n[24];
		words_time(cur->called_ms, a);
		snprintf(n, sizeof n, "%lld", (long long)((now_ms - cur->called_ms) > 0 ? (now_ms - cur->called_ms) / 60000 : 0));
		i18n_format(buf, sizeof buf, T(v, "Called at {time}, {n} min ago"), "time", a, "n", n, NULL);
		say(v, 1.9, 0, TEXT_END, th->text, buf, head);
	}
	numbox = layout_take_start(&in, in.w * 37 / 100, U(v, 2), v->rtl);
	{
		SDL_Rect num = numbox, badge;
		if (cur->priority) {
			badge = layout_take_bottom(&num, U(v, 3.4), U(v, 0.5));
			badge.w = width_of(v, v->lang, 1.9, TEXT_BOLD, T(v, "Priority")) + U(v, 3);
			if (badge.w > numbox.w)
				badge.w = numbox.w;
			badge = layout_mirror_if(badge, numbox, v->rtl);
			draw_round_rect(v->r, badge, badge.h / 2, th->accent);
			say(v, 1.9, TEXT_BOLD, TEXT_CENTER, th->on_accent, T(v, "Priority"), badge);
			note_rect(v, "priority", badge, NULL);
		}
		say_in(v, v->lang, 11, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, TEXT_START, TEXT_MIDDLE, th->accent, cur->number,
		       num);
		note_rect(v, "number", num, cur->number);
	}
	/* service */
	line = layout_take_top(&in, U(v, 3.6), U(v, 0.5));
	say(v, 2.8, TEXT_BOLD, TEXT_START, th->text, cur->service ? service_name(v, cur->service) : "?", line);
	/* language: the person's own name of it, and the worker's */
	line = layout_take_top(&in, U(v, 4), U(v, 0.5));
	note_rect(v, "lang", line, cur->lang[0] ? cur->lang : "-");
	say_start(v, &line, v->lang, 1.9, 0, th->muted, T(v, "Language"), line.w / 3, U(v, 1));
	if (cur->lang[0]) {
		const char *mine = words_language(v->cat, v->lang, cur->lang);
		bool other = strcmp(cur->lang, v->lang) != 0;
		/* the worker's name of it beside, or under it when there is no room */
		bool beside = width_of(v, cur->lang, 2.8, TEXT_BOLD, i18n_lang_native(v->cat, cur->lang)) +
		                      width_of(v, v->lang, 1.9, 0, mine) + U(v, 1) <=
		              line.w;
		say_start(v, &line, cur->lang, 2.8, TEXT_BOLD, th->accent, i18n_lang_native(v->cat, cur->lang), line.w,
		          U(v, 1));
		if (other && beside)
			say(v, 1.9, 0, TEXT_START, th->muted, mine, line);
		else if (other)
			say(v, 1.9, 0, TEXT_START, th->muted, mine, layout_take_top(&in, U(v, 2.6), U(v, 0.3)));
	} else {
		say(v, 1.9, 0, TEXT_START, th->muted, "?", line);
	}
	/* how long they waited */
	line = layout_take_top(&in, U(v, 3), U(v, 0.3));
	if (cur->issued_ms > 0 && cur->called_ms >= cur->issued_ms) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)((cur->called_ms - cur->issued_ms) / 60000));
		words_time(cur->issued_ms, b);
		i18n_format(buf, sizeof buf, T(v, "Waited {n} min (ticket taken at {time})"), "n", n, "time", b, NULL);
		say(v, 2, 0, TEXT_START, th->text, buf, line);
	}
	if (cur->recalls > 0) {
		char n[24];
		line = layout_take_top(&in, U(v, 3), 0);
		snprintf(n, sizeof n, "%d", cur->recalls);
		i18n_format(buf, sizeof buf,
		            i18n_get_n(v->cat, WORDS_DOMAIN, v->lang, NULL, "Called again {n} time", "Called again {n} times",
		                       (unsigned long)cur->recalls),
		            "n", n, NULL);
		say(v, 2, 0, TEXT_START, th->warn, buf, line);
	}
}

/* ---- the buttons ---- */

static bool shown_enabled(enum why_not why, const struct model *m, int64_t mono_ms)
{
	const struct model_pending *p = model_pending(m);
	if (why == WHY_OK)
		return true;
	/* a fast answer does not grey the buttons for a blink */
	return why == WHY_SENDING && !p->waiting_for_link && mono_ms - p->since_mono < SENDING_SHOWN_MS;
}

static void draw_buttons(struct view *v, const struct model *m, SDL_Rect area, int64_t mono_ms)
{
	const struct state_counter *c = model_my_counter(m);
	const struct ticket *cur = model_current(m);
	struct btn b[10];
	SDL_Rect rows[3], cells[10];
	int gap = U(v, 1), n = 0;
	char undo_sub[200], undo_num[TICKET_NUMBER_LEN], secs[16], who[TICKET_NUMBER_LEN];
	enum action undo_what;
	int left;
	bool paused = c && c->state != COUNTER_OPEN, narrow;
	enum action pause_act = paused ? ACT_RESUME : ACT_PAUSE;

#define BTN(CMD, ACT, NAME, PRIMARY)                                                              \
	do {                                                                                          \
		enum why_not w_ = model_can(m, ACT, NULL, mono_ms);                                       \
		b[n].cmd = CMD;                                                                           \
		b[n].label = words_action(v->cat, v->lang, ACT, c && c->state == COUNTER_CLOSED);        \
		b[n].enabled = shown_enabled(w_, m, mono_ms);                                             \
		b[n].sub = b[n].enabled ? NULL : words_why(v->cat, v->lang, w_);                          \
		b[n].primary = PRIMARY;                                                                   \
		b[n].on = false;                                                                          \
		b[n].name = NAME;                                                                         \
		n++;                                                                                      \
	} while (0)

	BTN(CMD_CALL, ACT_CALL, "call", true);
	BTN(CMD_FINISH, ACT_FINISH, "done", false);
	BTN(CMD_NOSHOW, ACT_NOSHOW, "noshow", false);
	BTN(CMD_RECALL, ACT_RECALL, "recall", false);
	BTN(CMD_TRANSFER, ACT_TRANSFER, "transfer", false);
	BTN(CMD_UNDO, ACT_UNDO, "undo", false);
	BTN(CMD_NUMBER, ACT_CALL_NUMBER, "number", false);
	BTN(CMD_PAUSE, pause_act, "pause", false);
	BTN(CMD_SERVICES, ACT_SERVICES, "services", false);
#undef BTN
	b[7].on = paused;
	/* the undo says what it would bring back, and for how long */
	if (model_undo(m, mono_ms, undo_num, &undo_what, &left)) {
		snprintf(secs, sizeof secs, "%d", left);
		i18n_format(undo_sub, sizeof undo_sub, T(v, "Call {number} back ({seconds} s)"), "number", undo_num,
		            "seconds", secs, NULL);
		if (b[5].enabled)
			b[5].sub = undo_sub;
	}
	/* Recall, Done, No-show name the client they act on */
	if (cur) {
		snprintf(who, sizeof who, "%s", cur->number);
		for (int k = 1; k <= 3; k++)
			if (b[k].enabled)
				b[k].sub = who;
	}
	/* Four columns where buttons of 12 units fit:
	 *   Call next (two cells), Done, No-show /
	 *   Recall, Transfer…, Undo, Call a number… /
	 *   Pause or Resume, Services…, and a hint on the list's keys.
	 * Three otherwise (narrow windows), without the hint. */
	narrow = (area.w - 3 * gap) / 4 < U(v, 12);
	for (int i = 0; i < 3; i++)
		rows[i] = layout_take_top(&area, (area.h - gap * (2 - i)) / (3 - i), gap);
	if (narrow) {
		int cw = (area.w - 2 * gap) / 3;
		for (int i = 0; i < 9; i++) {
			SDL_Rect r = rows[i / 3];
			for (int k = 0; k < i % 3; k++)
				layout_take_start(&r, cw, gap, v->rtl);
			cells[i] = i % 3 == 2 ? r : layout_take_start(&r, cw, gap, v->rtl);
		}
	} else {
		SDL_Rect r = rows[0];
		int cw = (r.w - 3 * gap) / 4;
		cells[0] = layout_take_start(&r, 2 * cw + gap, gap, v->rtl);
		cells[1] = layout_take_start(&r, cw, gap, v->rtl);
		cells[2] = r;
		r = rows[1];
		cells[3] = layout_take_start(&r, cw, gap, v->rtl);
		cells[4] = layout_take_start(&r, cw, gap, v->rtl);
		cells[5] = layout_take_start(&r, cw, gap, v->rtl);
		cells[6] = r;
		r = rows[2];
		cells[7] = layout_take_start(&r, cw, gap, v->rtl);
		cells[8] = layout_take_start(&r, cw, gap, v->rtl);
	}
	{
		int px = labels_px(v, b, cells, 9);
		for (int i = 0; i < 9; i++)
			draw_button(v, cells[i], &b[i], px);
	}
	if (!narrow) {
		/* the rest of row 3: what the keys in the list do */
		SDL_Rect r = rows[2], hint;
		layout_take_start(&r, 2 * ((r.w - 3 * gap) / 4) + 2 * gap, 0, v->rtl);
		hint = layout_inset(r, U(v, 0.5));
		say_in(v, v->lang, 1.6, TEXT_WRAP | TEXT_FIT, TEXT_START, TEXT_MIDDLE, v->th.muted,
		       T(v, "The arrow keys choose a waiting ticket; C calls the chosen one. Esc clears the choice."), hint);
	}
}

/* ---- the status line ---- */

static void draw_status(struct view *v, const struct model *m, SDL_Rect box, int64_t mono_ms)
{
	const struct theme *th = &v->th;
	const struct model_pending *p = model_pending(m);
	const struct model_note *nt = model_last_note(m);
	char buf[1100], line[1000], t[8];
	SDL_Color col = th->muted;
	const char *kind = "none";

	draw_round_rect(v->r, box, th->radius, th->surface);
	box = layout_inset(box, U(v, 0.8));
	buf[0] = '\0';
	if (p->active && (p->waiting_for_link || mono_ms - p->since_mono >= SENDING_SHOWN_MS)) {
		const char *act = words_action(v->cat, v->lang, p->action, false);
		const char *tmpl = p->waiting_for_link ? T(v, "Waiting for the connection to send: {action}. Esc: stop waiting")
		                   : mono_ms - p->since_mono >= SILENT_SHOWN_MS
		                           ? T(v, "The queue server does not answer yet: {action}. Trying again… Esc: stop waiting")
		                           : T(v, "Sending: {action}…");
		i18n_format(buf, sizeof buf, tmpl, "action", act, NULL);
		col = th->warn;
		kind = "pending";
	} else if (nt->kind != NOTE_NONE) {
		words_note(v->cat, v->cfg, v->lang, nt, line, sizeof line);
		words_time(nt->at_ms, t);
		snprintf(buf, sizeof buf, "%s  %s", t, line);
		col = nt->kind == NOTE_ERROR ? th->danger : nt->kind == NOTE_CANNOT ? th->warn : th->text;
		kind = nt->kind == NOTE_ERROR ? "error" : nt->kind == NOTE_CANNOT ? "cannot" : "note";
	}
	if (buf[0]) {
		icon_draw(v->r, col.r == th->text.r && col.g == th->text.g ? ICON_CHECK : ICON_WARNING,
		          layout_take_start(&box, box.h, U(v, 0.8), v->rtl), col, th->surface, v->rtl);
		say_in(v, v->lang, 1.9, TEXT_FIT | TEXT_WRAP, TEXT_START, TEXT_MIDDLE, col, buf, box);
	}
	note_rect(v, "status", box, kind);
}

/* ---- the waiting list ---- */

static void draw_list(struct view *v, const struct model *m, struct screen *s, SDL_Rect card, int64_t now_ms)
{
	const struct theme *th = &v->th;
	const struct state_doc *d = model_state(m);
	SDL_Rect in = layout_inset(card, U(v, 1.2)), row, head, foot, legend, col;
	char buf[300], n[16];
	int total = 0, next = model_next_index(m), row_h = U(v, 3.3), shown = 0, hidden, sel = -1;
	int w_num = U(v, 6.8), w_wait = U(v, 5.6), w_flags = U(v, 3.6), w_lang;
	bool legend_2 = false;

	draw_round_rect(v->r, card, th->radius, th->surface);
	note_rect(v, "list", card, NULL);
	if (d)
		for (int i = 0; i < d->n_services; i++)
			total += d->services[i].waiting;
	/* title and count */
	head = layout_take_top(&in, U(v, 3.6), U(v, 0.4));
	say_start(v, &head, v->lang, 2.6, TEXT_BOLD, th->text, T(v, "Waiting"), head.w / 2, U(v, 1.2));
	snprintf(n, sizeof n, "%d", total);
	say_start(v, &head, "en", 2.6, TEXT_BOLD | TEXT_LATIN, th->accent, d ? n : "–", U(v, 8), U(v, 1.2));
	/* per service: letter and count; services this counter does not take are grey */
	row = layout_take_top(&in, U(v, 3), U(v, 0.8));
	for (int i = 0; d && i < d->n_services; i++) {
		const struct state_service *ss = &d->services[i];
		bool mine = model_takes(m, ss->id);
		SDL_Color ink = mine ? th->text : th->on_disabled;
		SDL_Rect chip;
		int w;
		snprintf(buf, sizeof buf, "%c %d", ss->id, ss->waiting);
		w = width_of(v, "en", 1.9, TEXT_BOLD | TEXT_LATIN, buf) + U(v, 1.6);
		if (w > row.w)
			break;
		chip = layout_take_start(&row, w, U(v, 0.7), v->rtl);
		draw_round_frame(v->r, chip, th->radius, U(v, 0.12) > 1 ? U(v, 0.12) : 1, mine ? th->line : th->disabled);
		say_in(v, "en", 1.9, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, TEXT_CENTER, TEXT_MIDDLE, ink, buf, chip);
		snprintf(buf, sizeof buf, "%c %d %s", ss->id, ss->waiting, mine ? "mine" : "other");
		note_rect(v, "count", chip, buf);
	}
	/* column headings */
	row = layout_take_top(&in, U(v, 2.4), U(v, 0.3));
	w_lang = (row.w - w_num - w_wait - w_flags) * 43 / 100;
	/* the legend on two lines when one is too narrow for it */
	legend_2 = width_of(v, v->lang, 1.5, 0, T(v, "Priority")) + width_of(v, v->lang, 1.5, 0, T(v, "Printing failed")) +
	                   width_of(v, v->lang, 1.5, 0, T(v, "Next for this counter")) + U(v, 12) >
	           in.w;
	col = layout_take_start(&row, w_num + U(v, 0.5), 0, v->rtl);
	say(v, 1.5, 0, TEXT_START, th->muted, T(v, "Number"), col);
	col = layout_take_end(&row, w_flags, 0, v->rtl);
	col = layout_take_end(&row, w_wait, U(v, 0.5), v->rtl);
	say(v, 1.5, 0, TEXT_END, th->muted, T(v, "Waits"), col);
	col = layout_take_end(&row, w_lang, U(v, 0.8), v->rtl);
	say(v, 1.5, 0, TEXT_START, th->muted, T(v, "Language"), col);
	say(v, 1.5, 0, TEXT_START, th->muted, T(v, "Service"), row);
	/* the legend and the "+N more" line take the bottom */
	legend = layout_take_bottom(&in, U(v, legend_2 ? 4.8 : 2.4), 0);
	foot = layout_take_bottom(&in, U(v, 2.8), U(v, 0.3));
	v->page_rows = in.h / row_h;
	if (!d || total == 0) {
		say(v, 2.2, 0, TEXT_CENTER, th->muted, d ? T(v, "Nobody is waiting.") : T(v, "Getting the queue…"),
		    layout_take_top(&in, U(v, 5), 0));
	}
	if (d) {
		for (int i = 0; i < d->n_waiting; i++)
			if (s->selected[0] && !strcmp(d->waiting[i].number, s->selected))
				sel = i;
		if (s->selected[0] && sel < 0)
			s->selected[0] = '\0';                 /* it was called or left: no choice */
		if (sel >= 0 && sel < s->scroll)
			s->scroll = sel;
		if (sel >= 0 && sel >= s->scroll + v->page_rows)
			s->scroll = sel - v->page_rows + 1;
		if (s->scroll > d->n_waiting - v->page_rows)
			s->scroll = d->n_waiting - v->page_rows;
		if (s->scroll < 0)
			s->scroll = 0;
	}
	for (int i = d ? s->scroll : 0; d && i < d->n_waiting && shown < v->page_rows; i++, shown++) {
		const struct state_waiting *w = &d->waiting[i];
		bool mine = model_takes(m, w->service), is_next = i == next, is_sel = i == sel;
		SDL_Color ink = mine ? th->text : th->on_disabled;
		SDL_Rect r = layout_take_top(&in, row_h, 0), cells = layout_inset(r, U(v, 0.3)), c2;
		char what[48];
		if (is_sel)
			draw_round_rect(v->r, r, th->radius / 2, th->button);
		if (is_next)
			draw_round_frame(v->r, r, th->radius / 2, U(v, 0.25) > 2 ? U(v, 0.25) : 2, th->accent);
		c2 = layout_take_start(&cells, w_num - U(v, 0.3), U(v, 0.5), v->rtl);
		say_in(v, "en", 2.1, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, TEXT_START, TEXT_MIDDLE,
		       is_next ? th->accent : ink, w->number, c2);
		/* flags: priority (a filled circle) and a failed print (the printer, red) */
		c2 = layout_take_end(&cells, w_flags, 0, v->rtl);
		if (w->priority) {
			SDL_Rect dot = layout_take_start(&c2, c2.w / 2, 0, v->rtl);
			draw_circle(v->r, (float)dot.x + dot.w / 2.0f, (float)dot.y + dot.h / 2.0f, (float)U(v, 0.65),
			            th->accent);
		} else {
			layout_take_start(&c2, c2.w / 2, 0, v->rtl);
		}
		if (w->print_failed)
			icon_draw(v->r, ICON_PRINTER, layout_inset(c2, U(v, 0.15)), th->danger, is_sel ? th->button : th->surface,
			          v->rtl);
		c2 = layout_take_end(&cells, w_wait, U(v, 0.5), v->rtl);
		minutes(v, now_ms - w->issued_ms, buf, sizeof buf);
		say(v, 1.9, 0, TEXT_END, ink, buf, c2);
		c2 = layout_take_end(&cells, w_lang, U(v, 0.8), v->rtl);
		if (w->lang[0]) {
			struct text_style ls = { w->lang, U(v, 1.9), TEXT_FIT, start_for(v, w->lang), TEXT_MIDDLE, ink, U(v, 1.3) };
			if (text_draw(v->t, &ls, i18n_lang_native(v->cat, w->lang), c2, NULL) != 0)
				v->overflows++;
		}
		say_short(v, v->lang, 1.8, 1.45, 0, TEXT_START, ink, service_name(v, w->service), cells);
		snprintf(what, sizeof what, "row %d %s", i, w->number);
		snprintf(buf, sizeof buf, "%s%s%s%s%s", mine ? "mine" : "other", is_next ? " next" : "",
		         is_sel ? " selected" : "", w->priority ? " priority" : "", w->print_failed ? " print_failed" : "");
		note_rect(v, what, r, buf);
		add_hit(v, r, CMD_ROW, 0, i);
	}
	hidden = d ? d->n_waiting - shown + d->waiting_more : 0;
	if (hidden > 0) {
		snprintf(n, sizeof n, "%d", hidden);
		i18n_format(buf, sizeof buf,
		            i18n_get_n(v->cat, WORDS_DOMAIN, v->lang, NULL, "+{n} more", "+{n} more", (unsigned long)hidden),
		            "n", n, NULL);
		say(v, 2, TEXT_BOLD, TEXT_START, th->text, buf, foot);
		snprintf(buf, sizeof buf, "%d", hidden);
		note_rect(v, "more", foot, buf);
	}
	/* legend */
	{
		SDL_Rect l = legend, l2, dot;
		if (legend_2) {
			l = layout_take_top(&legend, legend.h / 2, 0);
			l2 = legend;
		} else {
			l2 = l;
		}
		dot = layout_take_start(&l, U(v, 1.6), U(v, 0.4), v->rtl);
		draw_circle(v->r, (float)dot.x + dot.w / 2.0f, (float)dot.y + dot.h / 2.0f, (float)U(v, 0.6), th->accent);
		say_start(v, &l, v->lang, 1.5, 0, th->muted, T(v, "Priority"), l.w / 2, U(v, 1.2));
		icon_draw(v->r, ICON_PRINTER, layout_take_start(&l, U(v, 1.8), U(v, 0.4), v->rtl), th->danger, th->surface,
		          v->rtl);
		if (legend_2)
			say(v, 1.5, 0, TEXT_START, th->muted, T(v, "Printing failed"), l);
		else
			say_start(v, &l, v->lang, 1.5, 0, th->muted, T(v, "Printing failed"), l.w / 2, U(v, 1.2));
		if (!legend_2)
			l2 = l;
		dot = layout_take_start(&l2, U(v, 2.2), U(v, 0.4), v->rtl);
		dot = layout_inset(dot, U(v, 0.3));
		draw_round_frame(v->r, dot, U(v, 0.3), U(v, 0.2) > 1 ? U(v, 0.2) : 1, th->accent);
		say(v, 1.5, 0, TEXT_START, th->muted, T(v, "Next for this counter"), l2);
	}
}

/* ---- pickers ---- */

static void draw_item(struct view *v, SDL_Rect r, char key, const char *label, const char *label_lang, const char *sub,
                      bool enabled, bool cursor, int ticked, const char *value)
{
	const struct theme *th = &v->th;
	SDL_Color bg = enabled ? th->button : th->disabled, ink = enabled ? th->on_button : th->on_disabled;
	SDL_Rect in, cap, box;
	char k[2] = { key, '\0' }, what[64];

	draw_round_rect(v->r, r, th->radius, bg);
	if (cursor)
		draw_round_frame(v->r, r, th->radius, U(v, 0.3) > 2 ? U(v, 0.3) : 2, th->accent);
	in = layout_inset(r, U(v, 0.8));
	if (key) {
		cap = layout_take_start(&in, U(v, 3.2), U(v, 1.2), v->rtl);
		cap.y += (cap.h - U(v, 3)) / 2;
		cap.h = U(v, 3);
		draw_keycap(v, cap, k, true, ink, bg);
	}
	if (ticked >= 0) {
		box = layout_take_end(&in, U(v, 3), U(v, 1), v->rtl);
		box.y += (box.h - U(v, 3)) / 2;
		box.h = U(v, 3);
		draw_round_frame(v->r, box, U(v, 0.4), U(v, 0.2) > 1 ? U(v, 0.2) : 1, ink);
		if (ticked)
			icon_draw(v->r, ICON_CHECK, layout_inset(box, U(v, 0.3)), th->accent, bg, v->rtl);
	}
	if (sub && sub[0]) {
		SDL_Rect sb = layout_take_end(&in, in.w * 2 / 5, U(v, 1), v->rtl);
		say(v, 1.7, 0, TEXT_END, ink, sub, sb);
	}
	say_in(v, label_lang, 2.2, TEXT_BOLD | TEXT_FIT, start_for(v, label_lang), TEXT_MIDDLE, ink, label, in);
	snprintf(what, sizeof what, "item %c %s", key ? key : '-', value);
	note_rect(v, what, r, enabled ? (ticked > 0 ? "enabled ticked" : "enabled") : "disabled");
	add_hit(v, r, CMD_PICK, key, -1);
}

static void dim_behind(struct view *v)
{
	SDL_Rect all = { 0, 0, v->w, v->h };
	SDL_Color c = v->th.bg;
	c.a = 215;
	SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_BLEND);
	fill(v, all, c);
	SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_NONE);
	v->n_hits = 0;               /* what is behind cannot be clicked */
}

/* A card in the middle for a picker of n items; returns the items' area. */
static SDL_Rect picker_card(struct view *v, const char *title, const char *hint, int n, int item_h)
{
	const struct theme *th = &v->th;
	int w = v->w - U(v, 8) < U(v, 84) ? v->w - U(v, 8) : U(v, 84);
	int h = U(v, 6) + n * (item_h + U(v, 0.8)) + U(v, 4.5) + U(v, 2);
	SDL_Rect card, in, top, bot;
	if (h > v->h - U(v, 4))
		h = v->h - U(v, 4);
	card = (SDL_Rect){ (v->w - w) / 2, (v->h - h) / 2, w, h };
	draw_round_rect(v->r, card, th->radius, th->surface);
	draw_round_frame(v->r, card, th->radius, U(v, 0.2) > 1 ? U(v, 0.2) : 1, th->line);
	note_rect(v, "picker", card, NULL);
	in = layout_inset(card, U(v, 1.5));
	top = layout_take_top(&in, U(v, 4.5), U(v, 0.8));
	say(v, 2.6, TEXT_BOLD, TEXT_START, th->text, title, top);
	bot = layout_take_bottom(&in, U(v, 3.2), U(v, 0.8));
	say_in(v, v->lang, 1.7, TEXT_FIT | TEXT_WRAP, TEXT_START, TEXT_MIDDLE, th->muted, hint, bot);
	return in;
}

static void draw_picker(struct view *v, const struct model *m, const struct screen *s)
{
	struct picker_item items[PICKER_MAX];
	int n = picker_items(s->mode, v->cfg, v->cat, items, PICKER_MAX), item_h = U(v, 4.6);
	const struct state_doc *d = model_state(m);
	const struct ticket *cur = model_current(m);
	char title[300], hint[400], sub[200], num[16];
	SDL_Rect area;

	if (s->mode != MODE_COUNTER)
		dim_behind(v);
	else
		v->n_hits = 0;
	switch (s->mode) {
	case MODE_TRANSFER:
		i18n_format(title, sizeof title, T(v, "Transfer {number} to which service?"), "number", cur ? cur->number : "?",
		            NULL);
		snprintf(hint, sizeof hint, "%s", T(v, "Press the service's letter. Esc closes."));
		break;
	case MODE_SERVICES: {
		const struct counter_cfg *cc = config_counter(v->cfg, model_counter(m));
		char usual[CONFIG_MAX_SERVICES * 3 + 1] = "";
		for (const char *p = cc ? cc->services : ""; *p; p++) {
			size_t k = strlen(usual);
			snprintf(usual + k, sizeof usual - k, "%s%c", k ? " " : "", *p);
		}
		snprintf(title, sizeof title, "%s", T(v, "Which services does this counter take now?"));
		i18n_format(hint, sizeof hint,
		            T(v, "Letters tick and untick. 0: the usual services ({services}). Enter applies, Esc cancels."),
		            "services", usual, NULL);
		break;
	}
	case MODE_LANGUAGE:
		snprintf(title, sizeof title, "%s", T(v, "Language of this screen"));
		snprintf(hint, sizeof hint, "%s", T(v, "Press a number. Esc closes."));
		break;
	case MODE_COUNTER:
		snprintf(title, sizeof title, "%s", T(v, "Which counter is this?"));
		snprintf(hint, sizeof hint, "%s", T(v, "Press its number, or choose with the arrow keys and press Enter."));
		break;
	default: return;
	}
	area = picker_card(v, title, hint, n, item_h);
	for (int i = 0; i < n; i++) {
		SDL_Rect r = layout_take_top(&area, item_h, U(v, 0.8));
		const char *label = "", *llang = v->lang;
		bool enabled = true;
		int ticked = -1;
		sub[0] = '\0';
		if (r.h < item_h / 2)
			break;
		if (s->mode == MODE_TRANSFER || s->mode == MODE_SERVICES) {
			char letter = items[i].value[0];
			const struct state_service *ss = NULL;
			label = service_name(v, letter);
			for (int k = 0; d && k < d->n_services; k++)
				if (d->services[k].id == letter)
					ss = &d->services[k];
			snprintf(num, sizeof num, "%d", ss ? ss->waiting : 0);
			i18n_format(sub, sizeof sub,
			            i18n_get_n(v->cat, WORDS_DOMAIN, v->lang, NULL, "{n} person waiting", "{n} people waiting",
			                       (unsigned long)(ss ? ss->waiting : 0)),
			            "n", num, NULL);
			if (ss && !ss->open) {
				size_t k = strlen(sub);
				snprintf(sub + k, sizeof sub - k, " · %s", T(v, "closed now"));
			}
			if (s->mode == MODE_TRANSFER && cur && cur->service == letter) {
				enabled = false;
				snprintf(sub, sizeof sub, "%s", T(v, "Its service now"));
			}
			if (s->mode == MODE_SERVICES)
				ticked = strchr(s->ticked, letter) != NULL;
		} else if (s->mode == MODE_LANGUAGE) {
			label = i18n_lang_native(v->cat, items[i].value);
			llang = items[i].value;
			if (strcmp(items[i].value, v->lang) != 0)
				snprintf(sub, sizeof sub, "%s", words_language(v->cat, v->lang, items[i].value));
			ticked = strcmp(items[i].value, v->lang) == 0 ? 1 : -1;
		} else if (s->mode == MODE_COUNTER) {
			const struct counter_cfg *cc = &v->cfg->counters[i];
			static char labels[CONFIG_MAX_COUNTERS][96];
			i18n_format(labels[i % CONFIG_MAX_COUNTERS], sizeof labels[0], T(v, "Counter {counter}"), "counter",
			            cc->id, NULL);
			label = labels[i % CONFIG_MAX_COUNTERS];
			for (int k = 0; d && k < d->n_counters; k++)
				if (!strcmp(d->counters[k].id, cc->id)) {
					if (d->counters[k].ticket[0])
						i18n_format(sub, sizeof sub, T(v, "{state}, serving {number}"), "state",
						            words_counter_state(v->cat, v->lang, d->counters[k].state), "number",
						            d->counters[k].ticket, NULL);
					else
						snprintf(sub, sizeof sub, "%s", words_counter_state(v->cat, v->lang, d->counters[k].state));
				}
		}
		draw_item(v, r, items[i].key, label, llang, sub, enabled, i == s->cursor, ticked, items[i].value);
	}
}

static void draw_number_entry(struct view *v, const struct screen *s)
{
	const struct theme *th = &v->th;
	SDL_Rect area, box, line;
	char shown[SCREEN_TYPED_MAX + 4];

	dim_behind(v);
	area = picker_card(v, T(v, "Call a specific number"), T(v, "Enter calls, Esc closes."), 3, U(v, 4.6));
	line = layout_take_top(&area, U(v, 3), U(v, 0.5));
	say(v, 1.9, 0, TEXT_START, th->text, T(v, "Type the ticket number, e.g. A023."), line);
	box = layout_take_top(&area, U(v, 7), U(v, 0.8));
	box.w = box.w < U(v, 30) ? box.w : U(v, 30);
	box = layout_mirror_if(box, area, v->rtl);
	draw_round_rect(v->r, box, th->radius, th->bg);
	draw_round_frame(v->r, box, th->radius, U(v, 0.25) > 2 ? U(v, 0.25) : 2, th->accent);
	snprintf(shown, sizeof shown, "%s_", s->typed);
	say_in(v, "en", 4.5, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, TEXT_START, TEXT_MIDDLE, th->text, shown,
	       layout_inset(box, U(v, 1)));
	note_rect(v, "entry", box, s->typed[0] ? s->typed : "-");
	line = layout_take_top(&area, U(v, 4), 0);
	say_in(v, v->lang, 1.7, TEXT_FIT | TEXT_WRAP, TEXT_START, TEXT_MIDDLE, th->muted,
	       T(v, "A waiting ticket is called out of turn; one that ended today is called back."), line);
}

/* ---- the frame ---- */

int view_draw(struct view *v, const struct model *m, struct screen *s, int64_t now_ms, int64_t mono_ms)
{
	const struct theme *th = &v->th;
	SDL_Rect all = { 0, 0, v->w, v->h }, body, left, right;
	bool portrait = v->h > v->w, stale;
	char lang_line[64];

	v->lang = s->lang;
	v->rtl = text_rtl(v->t, s->lang);
	v->overflows = 0;
	v->n_hits = 0;
	v->manifest_len = 0;
	v->manifest[0] = '\0';
	snprintf(lang_line, sizeof lang_line, "%s rtl %d", s->lang, v->rtl);
	note_rect(v, "screen", all, lang_line);

	SDL_SetRenderDrawColor(v->r, th->bg.r, th->bg.g, th->bg.b, 255);
	SDL_RenderClear(v->r);
	if (s->mode == MODE_COUNTER) {
		draw_picker(v, m, s);
		goto done;
	}
	body = all;
	draw_top(v, m, layout_take_top(&body, U(v, 5.2), 0), now_ms);
	stale = !model_synced(m);
	if (stale)
		draw_banner(v, m, layout_take_top(&body, U(v, 4.6), 0), now_ms);
	body = layout_inset(body, U(v, 1.2));
	if (portrait) {
		left = layout_take_top(&body, body.h * 58 / 100, U(v, 1.2));
		right = body;
	} else {
		left = layout_take_start(&body, body.w * 55 / 100, U(v, 1.2), v->rtl);
		right = body;
	}
	{
		SDL_Rect status = layout_take_bottom(&left, U(v, 3.8), U(v, 1));
		SDL_Rect card = layout_take_top(&left, left.h * 46 / 100, U(v, 1.2));
		draw_current(v, m, card, now_ms);
		draw_buttons(v, m, left, mono_ms);
		draw_status(v, m, status, mono_ms);
	}
	draw_list(v, m, s, right, now_ms);
	if (stale && model_state(m)) {
		/* what is shown is the last known picture: say so by dimming it */
		SDL_Color c = th->bg;
		SDL_Rect under = { 0, U(v, 9.8), v->w, v->h - U(v, 9.8) };
		c.a = 110;
		SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_BLEND);
		fill(v, under, c);
		SDL_SetRenderDrawBlendMode(v->r, SDL_BLENDMODE_NONE);
	}
	if (s->mode == MODE_NUMBER)
		draw_number_entry(v, s);
	else if (s->mode != MODE_MAIN)
		draw_picker(v, m, s);
done:
	{
		char n[24];
		snprintf(n, sizeof n, "%d", v->overflows);
		note_rect(v, "overflows", all, n);
	}
	return v->overflows;
}

bool view_hit(const struct view *v, int x, int y, struct key_cmd *out)
{
	for (int i = v->n_hits - 1; i >= 0; i--)
		if (layout_contains(v->hits[i].r, x, y)) {
			*out = v->hits[i].k;
			return true;
		}
	return false;
}

void view_manifest(const struct view *v, FILE *f)
{
	fwrite(v->manifest, 1, v->manifest_len, f);
}
