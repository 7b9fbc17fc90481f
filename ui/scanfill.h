/* Filled shapes drawn as anti-aliased scanlines, for SDL's software
 * renderer: the share of each pixel a shape covers (exact across a row, 8
 * samples down it), drawn as rectangles of one alpha, rows that repeat
 * merged. Why: SDL's software renderer drops the thin slivers a curved
 * shape's triangles have (gap lines across rounded rectangles and
 * pictograms), smears the colour of a feathered one-pixel rim, and tests
 * every pixel of each triangle's bounding box; rectangles are exact and the
 * cheapest fill it has. On a GPU renderer the many small rectangles cost
 * far more than triangles (ui/draw.c chooses). */
#ifndef FRONTA_UI_SCANFILL_H
#define FRONTA_UI_SCANFILL_H

#include <SDL2/SDL.h>

#define SCAN_MAX_PTS 256     /* points of one contour, at most */

/* One closed contour (points in order, either direction). */
struct scan_contour {
	const SDL_FPoint *p;
	int n;
};

/* Fills the inside of the contours (even-odd: a contour inside another is
 * a hole) in colour c, clipped to the renderer's output. The renderer's
 * draw colour and blend mode are left as they were. Nothing is drawn if
 * memory runs out. */
void scan_fill(SDL_Renderer *r, const struct scan_contour *cs, int nc, SDL_Color c);

#endif
