/* ui_pngcheck: questions the UI tests ask of a screenshot, one per run.
 *   ui_pngcheck notblank FILE
 *   ui_pngcheck inside FILE X Y W H [MARGIN]   ink near the box stays in it
 *   ui_pngcheck side FILE X Y W H left|right   the ink hugs that side of the box
 *   ui_pngcheck find FILE NEEDLE X Y W H       NEEDLE appears inside the box
 *   ui_pngcheck bbox FILE X Y W H              prints the ink's bounding box
 *   ui_pngcheck ink FILE X Y W H MIN           at least MIN per mille ink
 *   ui_pngcheck smooth FILE X Y W H MIN        at least MIN % of the ink is edge shading
 *   ui_pngcheck crop FILE X Y W H OUT [ZOOM]   saves that part, ZOOM times larger (to look at it)
 * The background is the most common colour of the box and its margin.
 * Prints what it found; exit 0 if the answer is yes, 1 if no, 2 on error. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL_image.h>

#include "ui/image.h"

static SDL_Rect rect_of(char **a)
{
	SDL_Rect r = { atoi(a[0]), atoi(a[1]), atoi(a[2]), atoi(a[3]) };
	return r;
}

/* The most common colour around and in r. */
static SDL_Color local_bg(const struct image *im, SDL_Rect r, int margin)
{
	SDL_Rect big = { r.x - margin, r.y - margin, r.w + 2 * margin, r.h + 2 * margin }, all = { 0, 0, 0, 0 }, in;
	struct image *cut;
	SDL_Color bg;
	all.w = image_width(im);
	all.h = image_height(im);
	if (!SDL_IntersectRect(&big, &all, &in) || !(cut = image_crop(im, in)))
		return image_background(im);
	bg = image_background(cut);
	image_free(cut);
	return bg;
}

int main(int argc, char **argv)
{
	struct image *im;
	char err[400];
	int rc = 1;
	if (argc < 3) {
		fprintf(stderr, "usage: ui_pngcheck notblank|inside|side|find|bbox|ink FILE ...\n");
		return 2;
	}
	im = image_load(argv[2], err, sizeof err);
	if (!im) {
		fprintf(stderr, "ui_pngcheck: %s\n", err);
		return 2;
	}
	if (strcmp(argv[1], "notblank") == 0) {
		rc = image_blank(im, 4) ? 1 : 0;
		printf("%s\n", rc ? "blank" : "not blank");
	} else if (strcmp(argv[1], "inside") == 0 && argc >= 7) {
		SDL_Rect box = rect_of(argv + 3), big, bb;
		int margin = argc >= 8 ? atoi(argv[7]) : 40;
		SDL_Color bg = local_bg(im, box, margin);
		big = (SDL_Rect){ box.x - margin, box.y - margin, box.w + 2 * margin, box.h + 2 * margin };
		if (!image_ink_bbox(im, big, bg, 40, &bb)) {
			printf("no ink\n");
		} else {
			rc = bb.x >= box.x && bb.y >= box.y && bb.x + bb.w <= box.x + box.w && bb.y + bb.h <= box.y + box.h
			             ? 0
			             : 1;
			printf("ink %d %d %d %d %s box %d %d %d %d\n", bb.x, bb.y, bb.w, bb.h, rc ? "outside" : "inside", box.x,
			       box.y, box.w, box.h);
		}
	} else if (strcmp(argv[1], "side") == 0 && argc >= 8) {
		SDL_Rect box = rect_of(argv + 3), bb;
		SDL_Color bg = local_bg(im, box, 0);
		if (!image_ink_bbox(im, box, bg, 40, &bb)) {
			printf("no ink\n");
		} else {
			int left_gap = bb.x - box.x, right_gap = box.x + box.w - (bb.x + bb.w);
			bool right = strcmp(argv[7], "right") == 0;
			/* hugging a side: much closer to it than to the other */
			rc = right ? !(right_gap * 4 < left_gap + 1 && right_gap < box.w / 10)
			           : !(left_gap * 4 < right_gap + 1 && left_gap < box.w / 10);
			printf("ink %d..%d in %d..%d: %d px from the left, %d from the right\n", bb.x, bb.x + bb.w, box.x,
			       box.x + box.w, left_gap, right_gap);
		}
	} else if (strcmp(argv[1], "find") == 0 && argc >= 8) {
		struct image *needle = image_load(argv[3], err, sizeof err);
		SDL_Rect box = rect_of(argv + 4);
		int x, y;
		if (!needle) {
			fprintf(stderr, "ui_pngcheck: %s\n", err);
			image_free(im);
			return 2;
		}
		if (image_find(im, needle, box, 24, 30, &x, &y)) {
			printf("found %dx%d at %d %d\n", image_width(needle), image_height(needle), x, y);
			rc = 0;
		} else {
			printf("not found (%dx%d) in %d %d %d %d\n", image_width(needle), image_height(needle), box.x, box.y,
			       box.w, box.h);
		}
		image_free(needle);
	} else if (strcmp(argv[1], "bbox") == 0 && argc >= 7) {
		SDL_Rect box = rect_of(argv + 3), bb;
		SDL_Color bg = local_bg(im, box, 0);
		rc = image_ink_bbox(im, box, bg, 40, &bb) ? 0 : 1;
		printf("%d %d %d %d\n", bb.x, bb.y, bb.w, bb.h);
	} else if (strcmp(argv[1], "ink") == 0 && argc >= 8) {
		SDL_Rect box = rect_of(argv + 3);
		double f = image_ink_fraction(im, box, local_bg(im, box, 0), 40);
		rc = f * 1000 >= atof(argv[7]) ? 0 : 1;
		printf("%.1f per mille ink\n", f * 1000);
	} else if (strcmp(argv[1], "smooth") == 0 && argc >= 8) {
		/* anti-aliased edges: pixels part way between background and ink */
		SDL_Rect box = rect_of(argv + 3);
		SDL_Color bg = local_bg(im, box, 0);
		double all = image_ink_fraction(im, box, bg, 20), solid = image_ink_fraction(im, box, bg, 150);
		double pct = all > 0 ? 100.0 * (all - solid) / all : 0;
		rc = pct >= atof(argv[7]) ? 0 : 1;
		printf("%.1f %% of the ink is edge shading\n", pct);
	} else if (strcmp(argv[1], "crop") == 0 && argc >= 8) {
		SDL_Rect r = rect_of(argv + 3);
		int zoom = argc >= 9 ? atoi(argv[8]) : 1;
		SDL_Surface *s;
		if (zoom < 1 || zoom > 16 || r.w <= 0 || r.h <= 0 ||
		    !(s = SDL_CreateRGBSurfaceWithFormat(0, r.w * zoom, r.h * zoom, 32, SDL_PIXELFORMAT_ARGB8888))) {
			rc = 2;
		} else {
			for (int y = 0; y < r.h * zoom; y++)
				for (int x = 0; x < r.w * zoom; x++) {
					SDL_Color c = image_pixel(im, r.x + x / zoom, r.y + y / zoom);
					((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] =
						0xff000000u | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
				}
			rc = IMG_SavePNG(s, argv[7]) == 0 ? 0 : 2;
			SDL_FreeSurface(s);
		}
	} else {
		fprintf(stderr, "ui_pngcheck: unknown question or missing arguments\n");
		rc = 2;
	}
	image_free(im);
	return rc;
}
