/* chart_check: opens a chart made by frontactl report and says, one TAP
 * line each, whether it is what a coordinator should get: its size, not
 * blank, a white page with ink in each panel, and the title text (given)
 * drawn in it: the text is drawn here with the ui library in the title's
 * style and looked for, pixel by pixel, in the chart's top band.
 * Usage: chart_check CHART.png "TITLE" LANG [FIRST_TAP_NUMBER]
 * (TAP lines numbered from FIRST_TAP_NUMBER, for a shell test to take in.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "chart/chart.h"
#include "core/log.h"
#include "ui/assets.h"
#include "ui/font.h"
#include "ui/i18n.h"
#include "ui/image.h"
#include "ui/text.h"

static int n_tap, failed;

static void tap(bool ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++n_tap, what);
	failed |= !ok;
}

/* The title alone, drawn as the chart draws it, cropped to its ink. */
static struct image *needle(struct i18n *cat, const char *title, const char *lang, char *err, size_t errlen)
{
	struct fonts *fonts = NULL;
	SDL_Surface *s = NULL;
	SDL_Renderer *r = NULL;
	struct text *t = NULL;
	struct image *full = NULL, *cut = NULL;
	struct text_style st = { .lang = lang, .px = CHART_TITLE_PX, .flags = TEXT_BOLD, .align = TEXT_START,
		                     .valign = TEXT_TOP,
		                     .color = { CHART_INK_RGB >> 16, (CHART_INK_RGB >> 8) & 0xff, CHART_INK_RGB & 0xff, 255 } };
	SDL_Rect bbox;

	fonts = fonts_new(NULL, err, errlen);
	if (!fonts || fonts_add_lang(fonts, NULL, lang, i18n_lang_script(cat, lang), err, errlen) != 0)
		goto out;
	s = SDL_CreateRGBSurfaceWithFormat(0, CHART_W, 120, 32, SDL_PIXELFORMAT_ARGB8888);
	r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
	t = r ? text_new(r, fonts, cat, 0) : NULL;
	if (!t)
		goto out;
	SDL_SetRenderDrawColor(r, CHART_BG_RGB >> 16, (CHART_BG_RGB >> 8) & 0xff, CHART_BG_RGB & 0xff, 255);
	SDL_RenderClear(r);
	text_draw(t, &st, title, (SDL_Rect){ 10, 10, CHART_W - 20, 100 }, NULL);
	full = image_from_renderer(r, err, errlen);
	if (full && image_ink_bbox(full, (SDL_Rect){ 0, 0, CHART_W, 120 }, image_background(full), 40, &bbox))
		cut = image_crop(full, bbox);
out:
	image_free(full);
	text_free(t);
	if (r)
		SDL_DestroyRenderer(r);
	if (s)
		SDL_FreeSurface(s);
	fonts_free(fonts);
	return cut;
}

int main(int argc, char **argv)
{
	struct image *im, *title;
	struct i18n *cat;
	char err[1024], what[600], assets[1024], dir[1100];
	bool rtl;
	SDL_Color bg;
	int x, y;
	/* the panels of the layout (chart.c), left to right */
	static const struct { const char *name; SDL_Rect r; } panels[] = {
		{ "the key figures", { 48, 104, CHART_W - 96, 124 } },
		{ "the hours panel", { 48, 256, 960, 330 } },
		{ "the waits panel", { 48, 630, 960, 340 } },
		{ "the languages panel", { 1072, 256, CHART_W - 48 - 1072, 714 } },
	};

	if (argc < 4) {
		fprintf(stderr, "usage: chart_check CHART.png TITLE LANG [FIRST_TAP_NUMBER]\n");
		return 2;
	}
	n_tap = argc > 4 ? atoi(argv[4]) - 1 : 0;
	log_init("chart_check", LOG_ERROR);
	if (assets_find(NULL, assets, sizeof assets, err, sizeof err) != 0 ||
	    assets_path(assets, "i18n", dir, sizeof dir) != 0 || !(cat = i18n_new(dir)) ||
	    i18n_load(cat, I18N_COMMON, err, sizeof err) < 0) {
		printf("not ok %d - the catalogue: %s\n", ++n_tap, err);
		return 1;
	}
	rtl = i18n_lang_rtl(cat, argv[3]);
	im = image_load(argv[1], err, sizeof err);
	tap(im != NULL, "the chart opens as a PNG");
	if (!im) {
		printf("# %s\n", err);
		return 1;
	}
	snprintf(what, sizeof what, "it is %dx%d (got %dx%d)", CHART_W, CHART_H, image_width(im), image_height(im));
	tap(image_width(im) == CHART_W && image_height(im) == CHART_H, what);
	tap(!image_blank(im, 8), "it is not blank");
	bg = image_background(im);
	tap(bg.r == 255 && bg.g == 255 && bg.b == 255, "its page is white (printable)");
	for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
		SDL_Rect r = panels[i].r;
		double ink;
		if (rtl)     /* the chart is mirrored */
			r.x = CHART_W - r.x - r.w;
		ink = image_ink_fraction(im, r, bg, 40);
		snprintf(what, sizeof what, "%s has ink (%.1f %%)", panels[i].name, ink * 100);
		tap(ink > 0.01, what);
	}
	title = needle(cat, argv[2], argv[3], err, sizeof err);
	if (!title)
		printf("# cannot draw the title alone: %s\n", err);
	snprintf(what, sizeof what, "the title \"%s\" is in it", argv[2]);
	tap(title && image_find(im, title, (SDL_Rect){ 0, 0, CHART_W, 100 }, 24, 5, &x, &y), what);
	image_free(title);
	image_free(im);
	i18n_free(cat);
	printf("# %d checks\n", n_tap);
	return failed;
}
