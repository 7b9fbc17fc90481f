/* Renderer -> PNG through SDL_RenderReadPixels and SDL2_image. */
#include "ui/shot.h"

#include <stdio.h>

#include <SDL2/SDL_image.h>

int shot_save(SDL_Renderer *r, const char *path, char *err, size_t errlen)
{
	SDL_Surface *s;
	int w = 0, h = 0, rc = -1;
	if (!r || !path) {
		snprintf(err, errlen, "no renderer or path");
		return -1;
	}
	if (SDL_GetRendererOutputSize(r, &w, &h) < 0 || w <= 0 || h <= 0) {
		snprintf(err, errlen, "cannot get the renderer's size: %s", SDL_GetError());
		return -1;
	}
	s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s) {
		snprintf(err, errlen, "no memory for a %dx%d picture", w, h);
		return -1;
	}
	if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) < 0) {
		snprintf(err, errlen, "cannot read the renderer's pixels: %s", SDL_GetError());
		goto done;
	}
	/* a screen is opaque; some renderers leave alpha at 0 */
	for (int y = 0; y < h; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < w; x++)
			row[x] |= 0xff000000u;
	}
	if (IMG_SavePNG(s, path) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, IMG_GetError());
		goto done;
	}
	rc = 0;
done:
	SDL_FreeSurface(s);
	return rc;
}
