/* ui_samples: draws a sample screen with the ui library in each language
 * (header, a call sentence with a ticket number, waits, opening time, a
 * wrapped paragraph, buttons, every pictogram) in a real SDL window, saves
 * it as PNG, and writes a manifest of the rectangles tests check. It also
 * measures what a cold and a warm (cached) frame cost.
 * Usage: ui_samples --out DIR --size WxH [--langs cs,en,...] [--config FILE]
 *        [--frames N] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "core/tz.h"
#include "ui/assets.h"
#include "ui/button.h"
#include "ui/draw.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/icon.h"
#include "ui/image.h"
#include "ui/layout.h"
#include "ui/phrase.h"
#include "ui/shot.h"
#include "ui/text.h"
#include "ui/theme.h"

struct ctx {
	SDL_Renderer *r;
	struct text *t;
	struct fonts *fonts;
	struct i18n *cat;
	struct config *cfg;
	struct theme th;
	FILE *manifest;
	const char *png;         /* the file the rectangles belong to */
	int w, h;
	int overflows;
	int call_px;             /* the size the call sentence was fitted to */
};

static void note(struct ctx *c, const char *name, SDL_Rect r)
{
	if (c->manifest)
		fprintf(c->manifest, "%s %s %d %d %d %d\n", c->png, name, r.x, r.y, r.w, r.h);
}

static SDL_Rect block_at(struct ctx *c, const struct text_style *st, const char *s, SDL_Rect box)
{
	/* where text_draw puts a block in box (for the manifest) */
	struct text_metrics m;
	SDL_Rect b;
	bool rtl = text_rtl(c->t, st->lang);
	text_measure(c->t, st, s, box.w, box.h, &m);
	b.w = m.w;
	b.h = m.h;
	if (st->align == TEXT_CENTER)
		b.x = box.x + (box.w - m.w) / 2;
	else if ((st->align == TEXT_START) == rtl)
		b.x = box.x + box.w - m.w;
	else
		b.x = box.x;
	if (st->valign == TEXT_TOP)
		b.y = box.y;
	else if (st->valign == TEXT_BOTTOM)
		b.y = box.y + box.h - m.h;
	else
		b.y = box.y + (box.h - m.h) / 2;
	return b;
}

static void say(struct ctx *c, const struct text_style *st, const char *s, SDL_Rect box)
{
	if (text_draw(c->t, st, s, box, NULL) != 0)
		c->overflows++;
}

static const char *service_text(struct ctx *c, char letter, const char *lang, bool about)
{
	const struct service_cfg *s = c->cfg ? config_service(c->cfg, letter) : NULL;
	if (!s)
		return "";
	return about ? config_service_about(c->cfg, s, lang) : config_service_name(c->cfg, s, lang);
}

/* The whole sample screen in lang. Rectangles go to the manifest when
 * record is set (the first frame). */
static void draw_screen(struct ctx *c, const char *lang, bool record)
{
	struct theme *th = &c->th;
	bool rtl = text_rtl(c->t, lang), portrait = c->h > c->w;
	int u = th->unit;
	SDL_Rect screen = { 0, 0, c->w, c->h }, head, body, col1, col2, box, row;
	char buf[512], wait[128], when[128], n[16];
	struct text_style st = { lang, theme_u(th, 3), 0, TEXT_START, TEXT_MIDDLE, th->text, 0 };
	static const char letters[4] = { 'A', 'S', 'P', 'T' };
	static const enum icon service_icons[4] = { ICON_COUNTER, ICON_SOCIAL, ICON_LEGAL, ICON_INTERPRET };
	int64_t now = tz_make(2026, 11, 23, 10 * 60 + 5);   /* Monday 23 November 2026, 10:05 */

	SDL_SetRenderDrawColor(c->r, th->bg.r, th->bg.g, th->bg.b, 255);
	SDL_RenderClear(c->r);

	/* header: language name at the start, date at the end */
	body = screen;
	head = layout_take_top(&body, 8 * u, 0);
	SDL_SetRenderDrawColor(c->r, th->surface.r, th->surface.g, th->surface.b, 255);
	SDL_RenderFillRect(c->r, &head);
	head = layout_inset(head, u);
	box = layout_take_start(&head, head.w * 2 / 5, u, rtl);
	st.flags = TEXT_BOLD | TEXT_FIT;
	st.px = theme_u(th, 4);
	say(c, &st, i18n_lang_native(c->cat, lang), box);
	if (record) {
		note(c, "titlebox", box);
		note(c, "title", block_at(c, &st, i18n_lang_native(c->cat, lang), box));
	}
	icon_draw(c->r, ICON_CLOCK, layout_take_end(&head, head.h, u, rtl), th->muted, th->surface, rtl);
	phrase_date(c->cat, lang, now, buf, sizeof buf);
	st.flags = TEXT_FIT;
	st.px = theme_u(th, 2.6);
	st.align = TEXT_END;
	st.color = th->muted;
	say(c, &st, buf, head);

	body = layout_inset(body, 2 * u);
	if (portrait) {
		col1 = layout_take_top(&body, 50 * u, 2 * u);
		col2 = body;
	} else {
		col1 = layout_take_start(&body, body.w * 11 / 20, 3 * u, rtl);
		col2 = body;
	}

	/* the buttons take the bottom of the second column (or the screen) */
	{
		SDL_Rect buttons = layout_take_bottom(&col2, col2.h - (portrait ? 27 : 28) * u, 2 * u);
		if (record)
			note(c, "buttons", buttons);
		for (int i = 0; i < 4; i++) {
			struct button b = { 0 };
			char name[16];
			b.rect = layout_cell(buttons, 2, 2, i, u, rtl);
			b.label = service_text(c, letters[i], lang, false);
			b.sublabel = service_text(c, letters[i], lang, true);
			b.lang = lang;
			b.icon = (int)service_icons[i];
			b.label_px = 0;
			b.state = i == 1 ? BUTTON_PRESSED : i == 2 ? BUTTON_DISABLED : i == 3 ? BUTTON_SELECTED : BUTTON_NORMAL;
			if (button_draw(c->r, c->t, th, &b) != 0)
				c->overflows++;
			snprintf(name, sizeof name, "button%d", i);
			if (record)
				note(c, name, b.rect);
		}
	}

	/* the call: a sentence with the ticket number, on the accent colour */
	box = layout_take_top(&col1, 12 * u, 2 * u);
	draw_round_rect(c->r, box, th->radius, th->accent);
	box = layout_inset(box, u + u / 2);
	i18n_format(buf, sizeof buf, i18n_get(c->cat, NULL, lang, "Number {number}, please go to counter {counter}"),
	            "number", "A023", "counter", "2", NULL);
	st.flags = TEXT_BOLD | TEXT_WRAP | TEXT_FIT;
	st.px = theme_u(th, 4.5);
	st.align = TEXT_START;
	st.color = th->on_accent;
	say(c, &st, buf, box);
	if (record) {
		struct text_metrics m;
		note(c, "call", box);
		note(c, "callblock", block_at(c, &st, buf, box));
		text_measure(c->t, &st, buf, box.w, box.h, &m);
		c->call_px = m.px;
	}

	/* the number itself, big, Latin, and where to go */
	row = layout_take_top(&col1, 12 * u, u);
	st.flags = TEXT_BOLD | TEXT_LATIN | TEXT_FIT;
	st.px = theme_u(th, 8);
	st.color = th->accent;
	box = layout_take_start(&row, row.w / 2, u, rtl);
	say(c, &st, "A023", box);
	if (record)
		note(c, "number", block_at(c, &st, "A023", box));
	i18n_format(buf, sizeof buf, i18n_get(c->cat, NULL, lang, "Counter {counter}"), "counter", "2", NULL);
	st.flags = TEXT_BOLD | TEXT_FIT;
	st.px = theme_u(th, 5);
	st.align = TEXT_END;
	st.color = th->text;
	say(c, &st, buf, row);

	/* waits and opening time */
	st.flags = TEXT_FIT;
	st.px = theme_u(th, 3);
	st.align = TEXT_START;
	snprintf(n, sizeof n, "%d", 4);
	i18n_format(buf, sizeof buf,
	            i18n_get_n(c->cat, NULL, lang, NULL, "{n} person waiting", "{n} people waiting", 4), "n", n, NULL);
	say(c, &st, buf, layout_take_top(&col1, 4 * u, 0));
	phrase_wait(c->cat, lang, 1200, wait, sizeof wait);
	i18n_format(buf, sizeof buf, i18n_get(c->cat, NULL, lang, "Estimated wait: {wait}"), "wait", wait, NULL);
	say(c, &st, buf, layout_take_top(&col1, 4 * u, 0));
	phrase_opens(c->cat, lang, now, tz_make(2026, 11, 30, 9 * 60), when, sizeof when);
	i18n_format(buf, sizeof buf, i18n_get(c->cat, NULL, lang, "Closed now. Opens {when}."), "when", when, NULL);
	st.color = th->muted;
	st.flags = TEXT_WRAP | TEXT_FIT;
	say(c, &st, buf, layout_take_top(&col1, 7 * u, u));

	/* a line of tall letters: Vietnamese stacks two marks on a letter */
	snprintf(buf, sizeof buf, "%s%s", service_text(c, 'A', lang, false),
	         strcmp(lang, "vi") == 0 ? " Ẫ Ỗ Ễ Ậ Ặ Ự" : "");
	st.flags = TEXT_BOLD | TEXT_FIT;
	st.px = theme_u(th, 3);
	st.color = th->text;
	st.valign = TEXT_TOP;
	box = layout_take_top(&col1, 5 * u, u);
	say(c, &st, buf, box);
	if (record)
		note(c, "stack", block_at(c, &st, buf, box));
	st.valign = TEXT_MIDDLE;

	/* a wrapped paragraph: every service's explanation */
	box = layout_take_top(&col2, portrait ? 10 * u : 15 * u, 2 * u);
	draw_round_rect(c->r, box, th->radius, th->surface);
	box = layout_inset(box, u);
	buf[0] = '\0';
	for (int i = 0; i < 4; i++) {
		strncat(buf, service_text(c, letters[i], lang, true), sizeof buf - strlen(buf) - 3);
		if (i < 3)
			strncat(buf, i18n_lang_rtl(c->cat, lang) ? "، " : "; ", sizeof buf - strlen(buf) - 1);
	}
	st.flags = TEXT_WRAP | TEXT_FIT;
	st.px = theme_u(th, 2);
	st.valign = TEXT_TOP;
	say(c, &st, buf, box);
	if (record)
		note(c, "wrap", box);
	st.valign = TEXT_MIDDLE;

	/* offline mark */
	row = layout_take_top(&col2, 4 * u, u);
	icon_draw(c->r, ICON_OFFLINE, layout_take_start(&row, row.h, u, rtl), th->danger, th->bg, rtl);
	snprintf(buf, sizeof buf, "%s · %s", i18n_get(c->cat, NULL, lang, "Offline"),
	         i18n_get(c->cat, NULL, lang, "Reconnecting…"));
	st.flags = TEXT_BOLD | TEXT_FIT;
	st.px = theme_u(th, 3);
	st.color = th->danger;
	say(c, &st, buf, row);

	/* every pictogram */
	box = layout_take_top(&col2, 6 * u, u);
	if (record)
		note(c, "icons", box);
	for (int i = 0; i < ICON_COUNT; i++)
		icon_draw(c->r, (enum icon)i, layout_inset(layout_cell(box, 8, 2, i, u / 2, rtl), u / 4), th->text, th->bg,
		          rtl);
}

/* The ticket number alone at the call's size, drawn by SDL_ttf directly
 * (not through text.c, so that the test has an independent reference),
 * cut to its ink: tests look for it inside the Arabic sentence. */
static int save_needle(struct ctx *c, int px, const char *path)
{
	TTF_Font *f = fonts_get(c->fonts, FONTS_LATIN, true, px);
	SDL_Surface *surf;
	SDL_Texture *tex;
	SDL_Rect dst, bb, all = { 0, 0, c->w, c->h };
	struct image *im, *cut;
	char err[300];
	int rc = -1;
	if (!f)
		return -1;
	TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, "Latn");
	surf = TTF_RenderUTF8_Blended(f, "A023", c->th.on_accent);
	if (!surf)
		return -1;
	tex = SDL_CreateTextureFromSurface(c->r, surf);
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(c->r, c->th.accent.r, c->th.accent.g, c->th.accent.b, 255);
	SDL_RenderClear(c->r);
	dst = (SDL_Rect){ 40, 40, surf->w, surf->h };
	SDL_RenderCopy(c->r, tex, NULL, &dst);
	SDL_DestroyTexture(tex);
	SDL_FreeSurface(surf);
	im = image_from_renderer(c->r, err, sizeof err);
	if (!im)
		return -1;
	if (image_ink_bbox(im, all, c->th.accent, 8, &bb) && (cut = image_crop(im, bb))) {
		rc = image_save(cut, path, err, sizeof err);
		image_free(cut);
	}
	image_free(im);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = { { "out", required_argument, NULL, 'o' },
		                              { "size", required_argument, NULL, 's' },
		                              { "langs", required_argument, NULL, 'l' },
		                              { "config", required_argument, NULL, 'c' },
		                              { "frames", required_argument, NULL, 'f' },
		                              { NULL, 0, NULL, 0 } };
	const char *out = ".", *langs = NULL, *config_path = NULL;
	char assets[2048], dir[2100], err[8000], path[4200], cfgpath[2200];
	struct ctx c;
	struct fonts *fonts;
	SDL_Window *win;
	int opt, frames = 50, rc = 0;

	memset(&c, 0, sizeof c);
	c.w = 1920;
	c.h = 1080;
	log_init("ui_samples", LOG_WARN);
	while ((opt = getopt_long(argc, argv, "o:s:l:c:f:", opts, NULL)) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 's':
			if (sscanf(optarg, "%dx%d", &c.w, &c.h) != 2 || c.w < 200 || c.h < 200) {
				fprintf(stderr, "ui_samples: --size WxH\n");
				return 2;
			}
			break;
		case 'l': langs = optarg; break;
		case 'c': config_path = optarg; break;
		case 'f': frames = atoi(optarg); break;
		default: return 2;
		}
	}
	if (tz_set("Europe/Prague") < 0 || assets_find(NULL, assets, sizeof assets, err, sizeof err) < 0) {
		fprintf(stderr, "ui_samples: %s\n", err);
		return 2;
	}
	if (!config_path) {
		snprintf(cfgpath, sizeof cfgpath, "%s/../config/demo.ini", assets);
		config_path = cfgpath;
	}
	c.cfg = config_load(config_path, err, sizeof err);
	if (!c.cfg) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/i18n", assets);
	c.cat = i18n_new(dir);
	if (i18n_load(c.cat, "common", err, sizeof err) != 0) {
		fprintf(stderr, "%s", err);
		return 2;
	}
	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		fprintf(stderr, "ui_samples: SDL_Init: %s\n", SDL_GetError());
		return 2;
	}
	fonts = fonts_new(c.cfg, err, sizeof err);
	if (!fonts || fonts_add_catalogue(fonts, c.cfg, c.cat, err, sizeof err) != 0) {
		fprintf(stderr, "ui_samples: %s\n", err);
		return 2;
	}
	win = SDL_CreateWindow("ui samples", 0, 0, c.w, c.h, SDL_WINDOW_SHOWN | SDL_WINDOW_BORDERLESS);
	c.r = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
	if (!c.r) {
		fprintf(stderr, "ui_samples: no window or renderer: %s\n", SDL_GetError());
		return 2;
	}
	{
		int ow, oh;
		SDL_RendererInfo info;
		SDL_GetRendererOutputSize(c.r, &ow, &oh);
		SDL_GetRendererInfo(c.r, &info);
		if (ow != c.w || oh != c.h) {
			fprintf(stderr, "ui_samples: asked for %dx%d, the window is %dx%d\n", c.w, c.h, ow, oh);
			return 2;
		}
		printf("# renderer %s, video driver %s\n", info.name, SDL_GetCurrentVideoDriver());
	}
	theme_init(&c.th, c.w, c.h);
	c.fonts = fonts;
	c.t = text_new(c.r, fonts, c.cat, 0);
	snprintf(path, sizeof path, "%s/manifest.txt", out);
	c.manifest = fopen(path, "a");
	for (int i = 0; i < i18n_lang_count(c.cat); i++) {
		const char *lang = i18n_lang_code(c.cat, i);
		char png[4300], needle[4300];
		struct text_stats s0, s1, s2;
		int64_t t0, t1, t2;
		if (langs && !strstr(langs, lang))
			continue;
		snprintf(png, sizeof png, "%s/%s-%dx%d.png", out, lang, c.w, c.h);
		c.png = png;
		c.overflows = 0;
		text_flush(c.t);
		text_stats(c.t, &s0);
		t0 = clock_mono_ns();
		draw_screen(&c, lang, false);
		t1 = clock_mono_ns();
		text_stats(c.t, &s1);
		draw_screen(&c, lang, true);
		if (shot_save(c.r, png, err, sizeof err) < 0) {
			fprintf(stderr, "ui_samples: %s\n", err);
			rc = 1;
		}
		SDL_RenderPresent(c.r);
		/* warm frames: everything comes from the caches */
		t2 = clock_mono_ns();
		for (int f = 0; f < frames; f++)
			draw_screen(&c, lang, false);
		t2 = clock_mono_ns() - t2;
		text_stats(c.t, &s2);
		printf("# %s %dx%d: first frame %.1f ms (%llu texts rendered, %.2f ms each); warm frame %.3f ms "
		       "(%llu cache hits, %llu misses over %d frames); %d overflows\n",
		       lang, c.w, c.h, (double)(t1 - t0) / 1e6, (unsigned long long)(s1.misses - s0.misses),
		       s1.misses > s0.misses ? (double)(s1.render_ns - s0.render_ns) / 1e6 / (double)(s1.misses - s0.misses)
		                             : 0.0,
		       frames ? (double)t2 / 1e6 / frames : 0.0, (unsigned long long)(s2.hits - s1.hits),
		       (unsigned long long)(s2.misses - s1.misses), frames, c.overflows);
		if (c.manifest)
			fprintf(c.manifest, "%s overflows %d 0 0 0\n", png, c.overflows);
		/* the number alone, at the size the call was drawn at */
		snprintf(needle, sizeof needle, "%s/%s-%dx%d-needle.png", out, lang, c.w, c.h);
		if (c.call_px > 0 && save_needle(&c, c.call_px, needle) == 0 && c.manifest)
			fprintf(c.manifest, "%s needle %s 0 0 0\n", png, needle);
	}
	if (c.manifest)
		fclose(c.manifest);
	text_free(c.t);
	fonts_free(fonts);
	SDL_DestroyRenderer(c.r);
	SDL_DestroyWindow(win);
	SDL_Quit();
	i18n_free(c.cat);
	config_free(c.cfg);
	return rc;
}
