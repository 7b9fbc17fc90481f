/* The kiosk's screens (screens.h). Layouts are written once, left to right,
 * in theme units, and mirrored for right-to-left languages by the layout
 * helpers; every string comes from the catalogue (domain "kiosk", then
 * "common") or the branch configuration (service names and explanations). */
#include "kiosk/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/button.h"
#include "ui/draw.h"
#include "ui/icon.h"
#include "ui/layout.h"
#include "ui/phrase.h"
#include "ui/theme.h"
#include "kiosk/words.h"

#define DOMAIN "kiosk"

struct screens {
	SDL_Renderer *r;
	struct text *t;
	struct i18n *cat;
	const struct config *cfg;
	const char *langs[CONFIG_MAX_LANGS];
	int n_langs;
	struct theme th;
	const struct screen_model *m;
	struct target targets[SCREENS_MAX_TARGETS];
	int n_targets;
	struct screen_text texts[SCREENS_MAX_TEXTS];
	int n_texts;
	int overflows;
};

struct screens *screens_new(SDL_Renderer *r, struct text *t, struct i18n *cat, const struct config *cfg)
{
	struct screens *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->r = r;
	s->t = t;
	s->cat = cat;
	s->cfg = cfg;
	for (int i = 0; i < cfg->n_langs; i++)
		if (i18n_has_lang(cat, cfg->langs[i]))
			s->langs[s->n_langs++] = cfg->langs[i];
	return s;
}

void screens_free(struct screens *s) { free(s); }

int screens_lang_count(const struct screens *s) { return s->n_langs; }
const char *screens_lang(const struct screens *s, int i) { return i >= 0 && i < s->n_langs ? s->langs[i] : NULL; }

int screens_service_icon(const struct service_cfg *svc)
{
	int i = svc && svc->icon[0] ? icon_from_name(svc->icon) : -1;
	return i >= 0 ? i : ICON_TICKET;
}

static const char *tr(struct screens *s, const char *lang, const char *msgid)
{
	return i18n_get(s->cat, DOMAIN, lang, msgid);
}

static void note_text(struct screens *s, const char *name, SDL_Rect box, int rc)
{
	if (rc != 0)
		s->overflows++;
	if (s->n_texts < SCREENS_MAX_TEXTS)
		s->texts[s->n_texts++] = (struct screen_text){ name, box, rc };
}

static void say(struct screens *s, const char *name, const struct text_style *st, const char *str, SDL_Rect box)
{
	note_text(s, name, box, text_draw(s->t, st, str, box, NULL));
}

static struct text_style style(struct screens *s, const char *lang, double px_units, int flags, SDL_Color c)
{
	struct text_style st = { lang, theme_u(&s->th, px_units), flags, TEXT_CENTER, TEXT_MIDDLE, c, 0 };
	return st;
}

static int add_target(struct screens *s, enum target_kind kind, int arg, SDL_Rect rect, bool enabled)
{
	if (s->n_targets == SCREENS_MAX_TARGETS)
		return -1;
	s->targets[s->n_targets] = (struct target){ kind, arg, rect, enabled };
	return s->n_targets++;
}

/* A button that is also a target (registered now): pressed under a finger,
 * disabled, or selected. Drawn by show_button. */
static struct button make_button(struct screens *s, enum target_kind kind, int arg, SDL_Rect rect, bool enabled,
                                 const char *lang, const char *label, const char *sub, int icon, double label_units,
                                 bool selected, int *target)
{
	int i = add_target(s, kind, arg, rect, enabled);
	struct button b = { rect, label, sub, lang, icon, theme_u(&s->th, label_units), BUTTON_NORMAL, 0 };
	if (!enabled)
		b.state = BUTTON_DISABLED;
	else if (i >= 0 && i == s->m->pressed)
		b.state = BUTTON_PRESSED;
	else if (selected)
		b.state = BUTTON_SELECTED;
	*target = i;
	return b;
}

/* Draws b, with a frame when its target has the keyboard's focus. */
static void show_button(struct screens *s, const struct button *b, int target)
{
	note_text(s, "button", b->rect, button_draw(s->r, s->t, &s->th, b));
	if (target >= 0 && target == s->m->focus) {
		/* outside the card, so it reads apart from "selected" */
		int g = s->th.unit / 2;
		SDL_Rect ring = { b->rect.x - g, b->rect.y - g, b->rect.w + 2 * g, b->rect.h + 2 * g };
		draw_round_frame(s->r, ring, s->th.radius + g, g > 3 ? g * 2 / 3 : 2, s->th.text);
	}
}

static void button(struct screens *s, enum target_kind kind, int arg, SDL_Rect rect, bool enabled, const char *lang,
                   const char *label, const char *sub, int icon, double label_units, bool selected)
{
	int target;
	struct button b = make_button(s, kind, arg, rect, enabled, lang, label, sub, icon, label_units, selected, &target);
	show_button(s, &b, target);
}

static SDL_Rect centred_square(SDL_Rect r, int side)
{
	if (side > r.w)
		side = r.w;
	if (side > r.h)
		side = r.h;
	return (SDL_Rect){ r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side };
}

/* ---- language ---- */

static void draw_language(struct screens *s, SDL_Rect screen, bool portrait)
{
	struct theme *th = &s->th;
	SDL_Rect body = layout_inset(screen, theme_u(th, 2)), head;
	int cols = portrait ? 1 : 2, rows = (s->n_langs + cols - 1) / cols;

	head = layout_take_top(&body, theme_u(th, portrait ? 12 : 9), theme_u(th, 2));
	icon_draw(s->r, ICON_GLOBE, centred_square(head, head.h), th->text, th->bg, false);
	for (int i = 0; i < s->n_langs; i++) {
		const char *lang = s->langs[i];
		/* each card speaks its own language: its name as its speakers
		 * write it, and "choose your language" in it */
		button(s, TARGET_LANG, i, layout_cell(body, cols, rows, i, theme_u(th, 2), false), true, lang,
		       i18n_lang_native(s->cat, lang), tr(s, lang, "Choose your language"), -1, portrait ? 4.5 : 4, false);
	}
}

/* ---- service ---- */

static const struct state_service *service_state(const struct screen_model *m, char id)
{
	for (int i = 0; m->state && i < m->state->n_services; i++)
		if (m->state->services[i].id == id)
			return &m->state->services[i];
	return NULL;
}

static void service_status(struct screens *s, const struct service_cfg *svc, const char *lang, bool *open, char *out,
                           size_t cap)
{
	const struct screen_model *m = s->m;
	const struct state_service *st = service_state(m, svc->letter);
	int64_t opens = st ? st->opens_at_ms : 0;
	char when[160];
	*open = st ? st->open : true;
	if (m->closed_service == svc->letter) {
		*open = false;
		opens = m->closed_opens_ms;
	}
	out[0] = '\0';
	if (!*open) {
		if (opens > 0 && phrase_opens(s->cat, lang, m->now_ms, opens, when, sizeof when) > 0)
			i18n_format(out, cap, i18n_get(s->cat, DOMAIN, lang, "Closed now. Opens {when}."), "when", when, NULL);
		else
			snprintf(out, cap, "%s", tr(s, lang, "Closed now."));
	} else if (st) {
		words_wait(s->cat, lang, st->est_wait_s, out, cap);
	}
}

static void draw_service(struct screens *s, SDL_Rect screen, bool portrait)
{
	struct theme *th = &s->th;
	const struct screen_model *m = s->m;
	const char *lang = m->lang;
	bool rtl = text_rtl(s->t, lang);
	SDL_Rect body = layout_inset(screen, theme_u(th, 2)), head, bottom, back;
	int n = s->cfg->n_services, cols = portrait || n < 3 ? 1 : 2, rows = (n + cols - 1) / cols;
	struct text_style st = style(s, lang, 4, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, th->text);

	head = layout_take_top(&body, theme_u(th, portrait ? 9 : 7), theme_u(th, 2));
	st.align = TEXT_START;
	say(s, "title", &st, tr(s, lang, "What do you need help with?"), head);

	bottom = layout_take_bottom(&body, theme_u(th, portrait ? 11 : 9), theme_u(th, 2));
	back = layout_take_start(&bottom, m->priority_offered ? bottom.w / (portrait ? 3 : 4) : bottom.w / 2,
	                         theme_u(th, 2), rtl);
	/* The service cards are one set: the same sizes in every card. */
	{
		struct button cards[CONFIG_MAX_SERVICES];
		int targets[CONFIG_MAX_SERVICES];
		char subs[CONFIG_MAX_SERVICES][CONFIG_TEXT_LEN + 400];
		for (int i = 0; i < n; i++) {
			const struct service_cfg *svc = &s->cfg->services[i];
			char status[400];
			bool open;
			service_status(s, svc, lang, &open, status, sizeof status);
			snprintf(subs[i], sizeof subs[i], "%s%s%s", config_service_about(s->cfg, svc, lang),
			         status[0] && config_service_about(s->cfg, svc, lang)[0] ? "\n" : "", status);
			cards[i] = make_button(s, TARGET_SERVICE, svc->letter,
			                       layout_cell(body, cols, rows, i, theme_u(th, 2), rtl), open, lang,
			                       config_service_name(s->cfg, svc, lang), subs[i], screens_service_icon(svc),
			                       portrait ? 3.4 : 3, false, &targets[i]);
		}
		button_fit_together(s->t, th, cards, n);
		for (int i = 0; i < n; i++)
			show_button(s, &cards[i], targets[i]);
	}
	button(s, TARGET_BACK, 0, back, true, lang, tr(s, lang, "Back"), NULL, ICON_BACK, 3.2, false);
	if (m->priority_offered)
		button(s, TARGET_PRIORITY, 0, bottom, true, lang, tr(s, lang, "I need priority"),
		       tr(s, lang, "Disability, pregnancy or small children"), m->priority ? ICON_CHECK : ICON_PERSON,
		       3, m->priority);
}

/* ---- one moment ---- */

static void draw_issuing(struct screens *s, SDL_Rect screen)
{
	struct theme *th = &s->th;
	SDL_Rect body = layout_inset(screen, theme_u(th, 4)), mid;
	struct text_style st = style(s, s->m->lang, 4.5, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, th->text);
	mid = (SDL_Rect){ body.x, body.y + body.h / 2 - theme_u(th, 12), body.w, theme_u(th, 24) };
	icon_draw(s->r, ICON_CLOCK, centred_square(layout_take_top(&mid, theme_u(th, 10), theme_u(th, 2)),
	                                           theme_u(th, 10)), th->text, th->bg, false);
	say(s, "wait", &st, tr(s, s->m->lang, "One moment, please…"), mid);
}

/* ---- ticket and remember ---- */

static void draw_number(struct screens *s, SDL_Rect *col, double number_units, SDL_Color c)
{
	struct theme *th = &s->th;
	const char *lang = s->m->lang;
	struct text_style st = style(s, lang, 3, TEXT_FIT, th->muted);
	say(s, "your-number", &st, tr(s, lang, "Your number"), layout_take_top(col, theme_u(th, 4.5), 0));
	st = style(s, lang, number_units, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, c);
	say(s, "number", &st, s->m->ticket->number, layout_take_top(col, theme_u(th, number_units * 1.25), theme_u(th, 1)));
}

static void draw_service_name(struct screens *s, SDL_Rect *col, double units)
{
	const struct screen_model *m = s->m;
	const struct service_cfg *svc = config_service(s->cfg, m->ticket->service);
	struct text_style st = style(s, m->lang, units, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, s->th.text);
	SDL_Rect row = layout_take_top(col, theme_u(&s->th, units * 2.2), theme_u(&s->th, 1));
	if (svc)
		say(s, "service", &st, config_service_name(s->cfg, svc, m->lang), row);
}

static void draw_ticket(struct screens *s, SDL_Rect screen, bool portrait)
{
	struct theme *th = &s->th;
	const struct screen_model *m = s->m;
	const struct flow_ticket *tk = m->ticket;
	const char *lang = m->lang;
	bool rtl = text_rtl(s->t, lang);
	SDL_Rect body = layout_inset(screen, theme_u(th, 3)), left, right, row, card;
	struct text_style st;
	char buf[512];
	const char *print_line = NULL;

	/* "your number", the number, the service, the priority mark */
	double left_units = 4.5 + 26 + 8.5 + (tk->priority ? 5 : 0);
	if (portrait) {
		left = layout_take_top(&body, theme_u(th, left_units), theme_u(th, 1));
		right = body;
	} else {
		left = layout_take_start(&body, body.w * 9 / 20, theme_u(th, 3), rtl);
		right = body;
		left.y += left.h / 2 - theme_u(th, left_units / 2);
		left.h = theme_u(th, left_units);
	}
	draw_number(s, &left, 20, th->accent);
	draw_service_name(s, &left, 3.4);
	if (tk->priority) {
		st = style(s, lang, 2.6, TEXT_BOLD | TEXT_FIT, th->accent);
		say(s, "priority", &st, tr(s, lang, "Priority"), layout_take_top(&left, theme_u(th, 4), 0));
	}

	/* the bottom: done (a touch anywhere does the same) */
	row = layout_take_bottom(&right, theme_u(th, portrait ? 11 : 10), theme_u(th, 2));
	if (m->print != FLOW_PRINT_PENDING) {
		add_target(s, TARGET_ANYWHERE, 0, screen, true);
		button(s, TARGET_DONE, 0, row, true, lang, tr(s, lang, "Done"), NULL, ICON_CHECK, 3.4, false);
	}

	st = style(s, lang, 3.2, TEXT_WRAP | TEXT_FIT, th->text);
	words_ahead(s->cat, lang, tk->ahead, buf, sizeof buf);
	say(s, "ahead", &st, buf, layout_take_top(&right, theme_u(th, 5), theme_u(th, 1)));
	if (words_wait(s->cat, lang, tk->est_wait_s, buf, sizeof buf) == 0)
		say(s, "wait", &st, buf, layout_take_top(&right, theme_u(th, 5), theme_u(th, 2)));

	/* what to do next, on a card */
	card = layout_take_top(&right, theme_u(th, portrait ? 11 : 12), theme_u(th, 2));
	draw_round_rect(s->r, card, th->radius, th->surface);
	st = style(s, lang, 3.6, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, th->text);
	say(s, "watch", &st, tr(s, lang, "Watch the screen for your number."), layout_inset(card, theme_u(th, 1.5)));

	switch (m->print) {
	case FLOW_PRINT_PENDING: print_line = "Printing your ticket…"; break;
	case FLOW_PRINT_OK: print_line = "Take your ticket from the printer."; break;
	default: print_line = "Please remember your number."; break;
	}
	row = layout_take_top(&right, theme_u(th, 9), theme_u(th, 1));
	if (m->print == FLOW_PRINT_PENDING || m->print == FLOW_PRINT_OK)
		icon_draw(s->r, ICON_PRINTER, layout_take_start(&row, theme_u(th, 7), theme_u(th, 2), rtl), th->text, th->bg,
		          rtl);
	st = style(s, lang, 3.2, TEXT_BOLD | TEXT_WRAP | TEXT_FIT,
	           m->print == FLOW_PRINT_PENDING || m->print == FLOW_PRINT_OK ? th->text : th->accent);
	st.align = m->print == FLOW_PRINT_PENDING || m->print == FLOW_PRINT_OK ? TEXT_START : TEXT_CENTER;
	say(s, "print", &st, tr(s, lang, print_line), row);
}

static void draw_remember(struct screens *s, SDL_Rect screen, bool portrait)
{
	struct theme *th = &s->th;
	const struct screen_model *m = s->m;
	const char *lang = m->lang;
	bool rtl = text_rtl(s->t, lang);
	SDL_Rect body = layout_inset(screen, theme_u(th, 3)), left, right, row, noted, decline;
	struct text_style st;

	row = layout_take_top(&body, theme_u(th, 8), theme_u(th, 2));
	icon_draw(s->r, ICON_WARNING, layout_take_start(&row, row.h, theme_u(th, 2), rtl), th->warn, th->bg, rtl);
	st = style(s, lang, 3.6, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, th->warn);
	st.align = TEXT_START;
	say(s, "failed", &st, tr(s, lang, "The ticket could not be printed."), row);

	if (portrait) {
		left = layout_take_top(&body, theme_u(th, 4.5 + 26 + 8.5), theme_u(th, 1));
		right = body;
	} else {
		left = layout_take_start(&body, body.w * 9 / 20, theme_u(th, 3), rtl);
		right = body;
		left.y += left.h / 2 - theme_u(th, 20);
		left.h = theme_u(th, 40);
	}
	draw_number(s, &left, 20, th->accent);
	draw_service_name(s, &left, 3.4);

	st = style(s, lang, 4, TEXT_BOLD | TEXT_WRAP | TEXT_FIT, th->text);
	say(s, "remember", &st, tr(s, lang, "Please remember your number."),
	    layout_take_top(&right, theme_u(th, portrait ? 9 : 12), theme_u(th, 2)));

	decline = layout_take_bottom(&right, theme_u(th, portrait ? 10 : 9), theme_u(th, 2));
	noted = layout_take_bottom(&right, theme_u(th, portrait ? 12 : 11), theme_u(th, 2));
	st = style(s, lang, 2.8, TEXT_WRAP | TEXT_FIT, th->muted);
	say(s, "hint", &st, tr(s, lang, "If you touch nothing, this number will be cancelled."), right);
	button(s, TARGET_NOTED, 0, noted, true, lang, tr(s, lang, "I have noted my number"), NULL, ICON_CHECK, 3.6, false);
	button(s, TARGET_DECLINE, 0, decline, true, lang, tr(s, lang, "I don't need a ticket"), NULL, -1, 3, false);
}

/* ---- out of service: every language at once ---- */

static void draw_out_of_service(struct screens *s, SDL_Rect screen, bool portrait)
{
	struct theme *th = &s->th;
	SDL_Rect body = layout_inset(screen, theme_u(th, 3)), head;
	head = layout_take_top(&body, theme_u(th, portrait ? 14 : 10), theme_u(th, 2));
	icon_draw(s->r, ICON_WARNING, centred_square(head, head.h), th->danger, th->bg, false);
	for (int i = 0; i < s->n_langs; i++) {
		const char *lang = s->langs[i];
		struct text_style st = style(s, lang, portrait ? 3.6 : 3.2, TEXT_WRAP | TEXT_FIT, th->text);
		if (i == 0)
			st.flags |= TEXT_BOLD;
		say(s, "oos", &st, tr(s, lang, "This kiosk is out of service. Please ask a staff member."),
		    layout_cell(body, 1, s->n_langs, i, theme_u(th, 1), false));
	}
}

int screens_draw(struct screens *s, const struct screen_model *m, int w, int h)
{
	SDL_Rect screen = { 0, 0, w, h };
	s->m = m;
	s->n_targets = 0;
	s->n_texts = 0;
	s->overflows = 0;
	theme_init(&s->th, w, h);
	if (SDL_SetRenderDrawColor(s->r, s->th.bg.r, s->th.bg.g, s->th.bg.b, 255) < 0 || SDL_RenderClear(s->r) < 0)
		return -1;
	switch (m->screen) {
	case FLOW_LANGUAGE: draw_language(s, screen, m->portrait); break;
	case FLOW_SERVICE: draw_service(s, screen, m->portrait); break;
	case FLOW_ISSUING: draw_issuing(s, screen); break;
	case FLOW_TICKET: draw_ticket(s, screen, m->portrait); break;
	case FLOW_REMEMBER: draw_remember(s, screen, m->portrait); break;
	case FLOW_OUT_OF_SERVICE: draw_out_of_service(s, screen, m->portrait); break;
	}
	return s->overflows;
}

const struct target *screens_targets(const struct screens *s, int *n)
{
	*n = s->n_targets;
	return s->targets;
}

const struct screen_text *screens_texts(const struct screens *s, int *n)
{
	*n = s->n_texts;
	return s->texts;
}

int screens_hit(const struct screens *s, int x, int y)
{
	int anywhere = -1;
	for (int i = 0; i < s->n_targets; i++) {
		if (!layout_contains(s->targets[i].rect, x, y))
			continue;
		if (s->targets[i].kind != TARGET_ANYWHERE)
			return i;
		anywhere = i;
	}
	return anywhere;
}
