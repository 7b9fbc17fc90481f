/* Images as plain ARGB words, so tests can look at pixels without locking
 * surfaces; SDL2_image only reads and writes the files. */
#include "ui/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL_image.h>

struct image {
	int w, h;
	uint32_t *px;   /* 0xAARRGGBB, row after row */
};

static struct image *image_alloc(int w, int h)
{
	struct image *im;
	if (w <= 0 || h <= 0 || w > 32768 || h > 32768)
		return NULL;
	im = malloc(sizeof *im);
	if (!im)
		return NULL;
	im->w = w;
	im->h = h;
	im->px = malloc((size_t)w * (size_t)h * sizeof *im->px);
	if (!im->px) {
		free(im);
		return NULL;
	}
	return im;
}

static struct image *from_surface(SDL_Surface *s, char *err, size_t errlen)
{
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	struct image *im;
	if (!c) {
		snprintf(err, errlen, "cannot convert the picture: %s", SDL_GetError());
		return NULL;
	}
	im = image_alloc(c->w, c->h);
	if (!im) {
		snprintf(err, errlen, "no memory for a %dx%d picture", c->w, c->h);
		SDL_FreeSurface(c);
		return NULL;
	}
	for (int y = 0; y < c->h; y++)
		memcpy(im->px + (size_t)y * (size_t)c->w, (Uint8 *)c->pixels + y * c->pitch, (size_t)c->w * 4);
	SDL_FreeSurface(c);
	return im;
}

struct image *image_load(const char *path, char *err, size_t errlen)
{
	SDL_Surface *s = IMG_Load(path);
	struct image *im;
	if (!s) {
		snprintf(err, errlen, "cannot read %s: %s", path, IMG_GetError());
		return NULL;
	}
	im = from_surface(s, err, errlen);
	SDL_FreeSurface(s);
	return im;
}

struct image *image_from_renderer(SDL_Renderer *r, char *err, size_t errlen)
{
	int w = 0, h = 0;
	struct image *im;
	if (SDL_GetRendererOutputSize(r, &w, &h) < 0) {
		snprintf(err, errlen, "cannot get the renderer's size: %s", SDL_GetError());
		return NULL;
	}
	im = image_alloc(w, h);
	if (!im) {
		snprintf(err, errlen, "no memory for a %dx%d picture", w, h);
		return NULL;
	}
	if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, im->px, w * 4) < 0) {
		snprintf(err, errlen, "cannot read the renderer's pixels: %s", SDL_GetError());
		image_free(im);
		return NULL;
	}
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		im->px[i] |= 0xff000000u;
	return im;
}

struct image *image_crop(const struct image *im, SDL_Rect r)
{
	struct image *c;
	SDL_Rect all = { 0, 0, im->w, im->h }, in;
	if (!SDL_IntersectRect(&r, &all, &in))
		return NULL;
	c = image_alloc(in.w, in.h);
	if (!c)
		return NULL;
	for (int y = 0; y < in.h; y++)
		memcpy(c->px + (size_t)y * (size_t)in.w, im->px + (size_t)(in.y + y) * (size_t)im->w + (size_t)in.x,
		       (size_t)in.w * 4);
	return c;
}

int image_save(const struct image *im, const char *path, char *err, size_t errlen)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(im->px, im->w, im->h, 32, im->w * 4,
	                                                    SDL_PIXELFORMAT_ARGB8888);
	int rc;
	if (!s) {
		snprintf(err, errlen, "cannot wrap the picture: %s", SDL_GetError());
		return -1;
	}
	rc = IMG_SavePNG(s, path);
	if (rc < 0)
		snprintf(err, errlen, "cannot write %s: %s", path, IMG_GetError());
	SDL_FreeSurface(s);
	return rc < 0 ? -1 : 0;
}

void image_free(struct image *im)
{
	if (!im)
		return;
	free(im->px);
	free(im);
}

int image_width(const struct image *im) { return im ? im->w : 0; }
int image_height(const struct image *im) { return im ? im->h : 0; }

static SDL_Color color_of(uint32_t p)
{
	SDL_Color c = { (Uint8)(p >> 16), (Uint8)(p >> 8), (Uint8)p, (Uint8)(p >> 24) };
	return c;
}

SDL_Color image_pixel(const struct image *im, int x, int y)
{
	if (!im || x < 0 || y < 0 || x >= im->w || y >= im->h)
		return (SDL_Color){ 0, 0, 0, 255 };
	return color_of(im->px[(size_t)y * (size_t)im->w + (size_t)x]);
}

SDL_Color image_background(const struct image *im)
{
	/* a small hash of colours seen on a sparse grid is plenty */
	enum { SLOTS = 4096 };
	uint32_t keys[SLOTS];
	int counts[SLOTS];
	uint32_t best = 0;
	int best_n = -1;
	memset(counts, 0, sizeof counts);
	for (int y = 0; y < im->h; y += 3)
		for (int x = 0; x < im->w; x += 3) {
			uint32_t p = im->px[(size_t)y * (size_t)im->w + (size_t)x] | 0xff000000u;
			uint32_t h = (p * 2654435761u) >> 20;
			for (int k = 0; k < SLOTS; k++, h = (h + 1) % SLOTS) {
				if (counts[h] == 0)
					keys[h] = p;
				if (keys[h] == p) {
					counts[h]++;
					if (counts[h] > best_n) {
						best_n = counts[h];
						best = p;
					}
					break;
				}
			}
		}
	return color_of(best);
}

static bool differs(uint32_t p, SDL_Color bg, int tol)
{
	int dr = (int)((p >> 16) & 0xff) - bg.r, dg = (int)((p >> 8) & 0xff) - bg.g, db = (int)(p & 0xff) - bg.b;
	return dr > tol || dr < -tol || dg > tol || dg < -tol || db > tol || db < -tol;
}

bool image_blank(const struct image *im, int tolerance)
{
	SDL_Color first = color_of(im->px[0]);
	for (size_t i = 0; i < (size_t)im->w * (size_t)im->h; i++)
		if (differs(im->px[i], first, tolerance))
			return false;
	return true;
}

static bool clip(const struct image *im, SDL_Rect r, SDL_Rect *out)
{
	SDL_Rect all = { 0, 0, im->w, im->h };
	return SDL_IntersectRect(&r, &all, out);
}

double image_ink_fraction(const struct image *im, SDL_Rect rect, SDL_Color bg, int tolerance)
{
	SDL_Rect r;
	long ink = 0;
	if (!clip(im, rect, &r))
		return 0.0;
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			ink += differs(im->px[(size_t)y * (size_t)im->w + (size_t)x], bg, tolerance);
	return (double)ink / ((double)r.w * (double)r.h);
}

bool image_ink_bbox(const struct image *im, SDL_Rect rect, SDL_Color bg, int tolerance, SDL_Rect *out)
{
	SDL_Rect r;
	int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
	*out = (SDL_Rect){ 0, 0, 0, 0 };
	if (!clip(im, rect, &r))
		return false;
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			if (differs(im->px[(size_t)y * (size_t)im->w + (size_t)x], bg, tolerance)) {
				if (x < x0)
					x0 = x;
				if (x > x1)
					x1 = x;
				if (y < y0)
					y0 = y;
				if (y > y1)
					y1 = y;
			}
	if (x1 < 0)
		return false;
	*out = (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	return true;
}

bool image_find(const struct image *hay, const struct image *needle, SDL_Rect within, int tolerance,
                int max_bad_permille, int *fx, int *fy)
{
	SDL_Rect r;
	long budget = (long)needle->w * needle->h * max_bad_permille / 1000;
	SDL_Color nbg = image_background(needle);
	int ax = -1, ay = -1;
	if (!clip(hay, within, &r) || needle->w > r.w || needle->h > r.h)
		return false;
	/* an ink pixel of the needle to reject most positions at once */
	for (int y = 0; y < needle->h && ax < 0; y++)
		for (int x = 0; x < needle->w; x++)
			if (differs(needle->px[(size_t)y * (size_t)needle->w + (size_t)x], nbg, 128)) {
				ax = x;
				ay = y;
				break;
			}
	if (ax < 0)
		ax = ay = 0;
	for (int y = r.y; y + needle->h <= r.y + r.h; y++)
		for (int x = r.x; x + needle->w <= r.x + r.w; x++) {
			long bad = 0;
			uint32_t anchor = needle->px[(size_t)ay * (size_t)needle->w + (size_t)ax];
			if (differs(hay->px[(size_t)(y + ay) * (size_t)hay->w + (size_t)(x + ax)], color_of(anchor), tolerance))
				continue;
			for (int ny = 0; ny < needle->h && bad <= budget; ny++) {
				const uint32_t *hp = hay->px + (size_t)(y + ny) * (size_t)hay->w + (size_t)x;
				const uint32_t *np = needle->px + (size_t)ny * (size_t)needle->w;
				for (int nx = 0; nx < needle->w; nx++)
					if (differs(hp[nx], color_of(np[nx]), tolerance) && ++bad > budget)
						break;
			}
			if (bad <= budget) {
				*fx = x;
				*fy = y;
				return true;
			}
		}
	return false;
}
