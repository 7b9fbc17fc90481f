/* display_probe: helpers for the display's screenshot tests.
 *   display_probe needle TEXT PX FG BG OUT.png   TEXT as the board draws a ticket number (the Latin
 *                                                 bold font at PX, colour FG on BG, RRGGBB), cut to its
 *                                                 ink, drawn by SDL_ttf directly (not by ui/text.c), for
 *                                                 `ui_pngcheck find` to look for on a screenshot
 *   display_probe share PNG X Y W H RRGGBB MIN    per mille of the rectangle's pixels within 24 of the
 *                                                 colour; exit 0 if at least MIN
 *   display_probe share PNG X Y W H RRGGBB -MAX   exit 0 if at most MAX
 * Exit 2 on errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "core/log.h"
#include "ui/font.h"
#include "ui/image.h"

static SDL_Color hex(const char *s)
{
	unsigned v = (unsigned)strtoul(s, NULL, 16);
	SDL_Color c = { (Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255 };
	return c;
}

static int needle(char **a)
{
	char err[1024];
	struct fonts *f = fonts_new(NULL, err, sizeof err);
	SDL_Color fg = hex(a[2]), bg = hex(a[3]);
	SDL_Surface *glyphs, *canvas;
	TTF_Font *font;
	int rc = 2;
	if (!f) {
		fprintf(stderr, "display_probe: %s\n", err);
		return 2;
	}
	font = fonts_get(f, FONTS_LATIN, true, atoi(a[1]));
	if (font) {
		TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
		TTF_SetFontScriptName(font, "Latn");
	}
	glyphs = font ? TTF_RenderUTF8_Blended(font, a[0], fg) : NULL;
	canvas = glyphs ? SDL_CreateRGBSurfaceWithFormat(0, glyphs->w + 8, glyphs->h + 8, 32, SDL_PIXELFORMAT_ARGB8888)
	                : NULL;
	if (canvas) {
		SDL_Rect at = { 4, 4, glyphs->w, glyphs->h }, all = { 0, 0, canvas->w, canvas->h }, ink;
		SDL_Renderer *r = SDL_CreateSoftwareRenderer(canvas);
		SDL_Texture *tex = r ? SDL_CreateTextureFromSurface(r, glyphs) : NULL;
		struct image *im = NULL, *cut = NULL;
		if (tex) {
			SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
			SDL_RenderClear(r);
			SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
			SDL_RenderCopy(r, tex, NULL, &at);
			im = image_from_renderer(r, err, sizeof err);
		}
		if (im && image_ink_bbox(im, all, bg, 8, &ink) && (cut = image_crop(im, ink)))
			rc = image_save(cut, a[4], err, sizeof err) == 0 ? 0 : 2;
		image_free(cut);
		image_free(im);
		if (tex)
			SDL_DestroyTexture(tex);
		if (r)
			SDL_DestroyRenderer(r);
		SDL_FreeSurface(canvas);
	}
	if (glyphs)
		SDL_FreeSurface(glyphs);
	fonts_free(f);
	if (rc != 0)
		fprintf(stderr, "display_probe: cannot draw \"%s\": %s\n", a[0], err);
	return rc;
}

static int share(char **a)
{
	char err[1024];
	struct image *im = image_load(a[0], err, sizeof err);
	SDL_Rect r = { atoi(a[1]), atoi(a[2]), atoi(a[3]), atoi(a[4]) };
	SDL_Color c = hex(a[5]);
	long limit = atol(a[6]), hits = 0, all = 0, permille;
	if (!im) {
		fprintf(stderr, "display_probe: %s\n", err);
		return 2;
	}
	for (int y = r.y; y < r.y + r.h && y < image_height(im); y++)
		for (int x = r.x; x < r.x + r.w && x < image_width(im); x++) {
			SDL_Color p = image_pixel(im, x, y);
			all++;
			if (abs(p.r - c.r) <= 24 && abs(p.g - c.g) <= 24 && abs(p.b - c.b) <= 24)
				hits++;
		}
	image_free(im);
	permille = all ? hits * 1000 / all : 0;
	printf("%ld per mille of %d %d %d %d is %s\n", permille, r.x, r.y, r.w, r.h, a[5]);
	if (a[6][0] == '-')
		return permille <= -limit ? 0 : 1;
	return permille >= limit ? 0 : 1;
}

int main(int argc, char **argv)
{
	log_init("display_probe", LOG_WARN);
	if (argc == 7 && strcmp(argv[1], "needle") == 0)
		return needle(argv + 2);
	if (argc == 9 && strcmp(argv[1], "share") == 0)
		return share(argv + 2);
	fprintf(stderr, "usage: display_probe needle TEXT PX FG BG OUT.png | share PNG X Y W H RRGGBB [-]N\n");
	return 2;
}
