/* The paper ticket (ticket.h). What it carries, top to bottom: the branch,
 * "your number", the number as large as the paper allows, a priority mark,
 * the service in the person's language (and in Czech for the worker when
 * that differs), people ahead and the wait as a person says it, what to do
 * next, the date and time, and the language's own name. Sizes are in dots
 * at 203 dpi (8 dots a millimetre): the smallest text is 3 mm high. */
#include "kiosk/ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL_image.h>

#include "core/log.h"
#include "core/tz.h"
#include "kiosk/words.h"
#include "printer/bitmap.h"
#include "ui/phrase.h"
#include "ui/text.h"

#define DOMAIN "kiosk"
#define MAX_ROWS 2400   /* far more than a ticket takes; the image is cut to what was drawn */

struct ticket_paper {
	struct i18n *cat;
	const struct config *cfg;
	int width;
	SDL_Surface *surf;
	SDL_Renderer *r;
	struct text *t;
	int height;          /* of the last ticket */
	/* while drawing */
	int y, margin;
	double scale;
	int overflows;
};

struct ticket_paper *ticket_paper_new(struct fonts *fonts, struct i18n *cat, const struct config *cfg, int width,
                                      char *err, size_t errlen)
{
	struct ticket_paper *p = calloc(1, sizeof *p);
	if (!p || width < 256 || width > 832) {
		snprintf(err, errlen, "ticket: width %d dots is not 256..832", width);
		free(p);
		return NULL;
	}
	p->cat = cat;
	p->cfg = cfg;
	p->width = width;
	p->surf = SDL_CreateRGBSurfaceWithFormat(0, width, MAX_ROWS, 32, SDL_PIXELFORMAT_ARGB8888);
	p->r = p->surf ? SDL_CreateSoftwareRenderer(p->surf) : NULL;
	/* a small cache: a ticket's texts are new each time except a few */
	p->t = p->r ? text_new(p->r, fonts, cat, 4u << 20) : NULL;
	if (!p->t) {
		snprintf(err, errlen, "ticket: cannot make a %dx%d drawing surface: %s", width, MAX_ROWS, SDL_GetError());
		ticket_paper_free(p);
		return NULL;
	}
	return p;
}

void ticket_paper_free(struct ticket_paper *p)
{
	if (!p)
		return;
	text_free(p->t);
	if (p->r)
		SDL_DestroyRenderer(p->r);
	SDL_FreeSurface(p->surf);
	free(p);
}

static int dots(const struct ticket_paper *p, double d) { return (int)(d * p->scale + 0.5); }

/* One block of text across the paper at the cursor; returns its box. */
static SDL_Rect line(struct ticket_paper *p, const char *lang, const char *s, double px, int flags, int gap_after)
{
	static const SDL_Color black = { 0, 0, 0, 255 };
	struct text_style st = { lang, dots(p, px), flags | TEXT_WRAP, TEXT_CENTER, TEXT_TOP, black, 0 };
	struct text_metrics m;
	SDL_Rect box = { p->margin, p->y, p->width - 2 * p->margin, 0 };
	if (!s || !s[0])
		return box;
	if (flags & TEXT_FIT) {
		/* one line, as large as fits the width */
		st.flags &= ~TEXT_WRAP;
		box.h = text_line_height(p->t, &st) + dots(p, 4);
	} else {
		text_measure(p->t, &st, s, box.w, 0, &m);
		box.h = m.h;
	}
	if (text_draw(p->t, &st, s, box, NULL) != 0)
		p->overflows++;
	p->y += box.h + dots(p, gap_after);
	return box;
}

static void rule(struct ticket_paper *p, int gap)
{
	SDL_Rect r = { p->margin, p->y, p->width - 2 * p->margin, dots(p, 3) };
	SDL_SetRenderDrawColor(p->r, 0, 0, 0, 255);
	SDL_RenderFillRect(p->r, &r);
	p->y += r.h + dots(p, gap);
}

struct bitmap *ticket_paper_render(struct ticket_paper *p, const struct flow_ticket *tk, struct ticket_layout *layout)
{
	const char *lang = tk->lang;
	const struct service_cfg *svc = config_service(p->cfg, tk->service);
	const char *cs = p->cfg->n_langs > 0 ? p->cfg->langs[0] : lang;
	char buf[600], date[200], tm[16];
	SDL_Rect number, top;
	struct bitmap *bm;

	p->scale = p->width / 576.0;
	p->margin = dots(p, 16);
	p->y = dots(p, 20);
	p->overflows = 0;
	SDL_SetRenderDrawColor(p->r, 255, 255, 255, 255);
	SDL_RenderClear(p->r);

	top = line(p, cs, p->cfg->branch_name, 26, 0, 8);
	rule(p, 14);
	line(p, lang, i18n_get(p->cat, DOMAIN, lang, "Your number"), 34, 0, 0);
	number = line(p, lang, tk->number, 190, TEXT_BOLD | TEXT_LATIN | TEXT_FIT, 4);
	if (tk->priority)
		line(p, lang, i18n_get(p->cat, DOMAIN, lang, "Priority"), 36, TEXT_BOLD, 8);
	if (svc) {
		line(p, lang, config_service_name(p->cfg, svc, lang), 40, TEXT_BOLD, 4);
		/* for the worker: the service in the branch's first language */
		if (strcmp(lang, cs) != 0)
			line(p, cs, config_service_name(p->cfg, svc, cs), 26, 0, 4);
	}
	rule(p, 12);
	words_ahead(p->cat, lang, tk->ahead, buf, sizeof buf);
	line(p, lang, buf, 32, 0, 4);
	if (words_wait(p->cat, lang, tk->est_wait_s, buf, sizeof buf) == 0)
		line(p, lang, buf, 32, 0, 10);
	line(p, lang, i18n_get(p->cat, DOMAIN, lang, "Watch the screen for your number."), 36, TEXT_BOLD, 12);
	rule(p, 10);
	if (tk->issued_ms > 0 && phrase_date(p->cat, lang, tk->issued_ms, date, sizeof date) > 0) {
		phrase_time(tz_minute_of_day(tk->issued_ms), tm, sizeof tm);
		i18n_format(buf, sizeof buf, i18n_get_ctx(p->cat, DOMAIN, lang, "ticket", "{date}, {time}"), "date", date,
		            "time", tm, NULL);
		line(p, lang, buf, 26, 0, 2);
	}
	line(p, lang, i18n_lang_native(p->cat, lang), 26, 0, 0);
	p->height = p->y + dots(p, 16);
	if (p->height > MAX_ROWS)
		p->height = MAX_ROWS;

	SDL_RenderPresent(p->r);
	bm = bitmap_from_pixels32(p->surf->pixels, p->width, p->height, p->surf->pitch, p->surf->format->format,
	                          BITMAP_THRESHOLD, 128);
	if (!bm)
		log_error("ticket: cannot convert the %dx%d image", p->width, p->height);
	if (p->overflows)
		log_warn("ticket %s (%s): %d texts did not fit the paper", tk->number, lang, p->overflows);
	if (layout) {
		layout->number = number;
		layout->text = (SDL_Rect){ p->margin, top.y, p->width - 2 * p->margin, p->y - top.y };
		layout->height = p->height;
		layout->overflows = p->overflows;
	}
	return bm;
}

int ticket_paper_save(struct ticket_paper *p, const char *path, char *err, size_t errlen)
{
	SDL_Surface *cut;
	int rc;
	if (p->height <= 0) {
		snprintf(err, errlen, "no ticket drawn yet");
		return -1;
	}
	cut = SDL_CreateRGBSurfaceWithFormatFrom(p->surf->pixels, p->width, p->height, 32, p->surf->pitch,
	                                         SDL_PIXELFORMAT_ARGB8888);
	if (!cut) {
		snprintf(err, errlen, "%s", SDL_GetError());
		return -1;
	}
	rc = IMG_SavePNG(cut, path);
	if (rc != 0)
		snprintf(err, errlen, "%s: %s", path, IMG_GetError());
	SDL_FreeSurface(cut);
	return rc == 0 ? 0 : -1;
}
